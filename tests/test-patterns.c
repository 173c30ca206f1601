/* test-patterns.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-test-util.h"
#include "wm-patterns.h"

/*
 * Registers are written in a compact notation: one character per session,
 * AM then PM, Monday to Friday, with a space between weeks.
 */

static void
assert_day (WmDay       found,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (found);

  g_assert_cmpstr (text, ==, expected);
}

static WmRegister *
register_from (const char *first,
               const char *marks)
{
  g_autoptr(GError) error = NULL;
  WmRegister *reg = wm_register_new_from_string (wm_test_day (first), marks,
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

static void
set_day (WmRegister *reg,
         const char *day,
         WmMark      am,
         WmMark      pm)
{
  wm_register_set (reg, wm_test_day (day), WM_SESSION_AM, am);
  wm_register_set (reg, wm_test_day (day), WM_SESSION_PM, pm);
}

static GPtrArray *
find (const WmRegister *reg,
      const WmCalendar *calendar,
      const char       *first,
      const char       *as_of)
{
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  return wm_patterns_find (reg, calendar, wm_test_day (first),
                           wm_test_day (as_of), &rules);
}

static const WmPattern *
pattern_at (GPtrArray *patterns,
            guint      index)
{
  g_assert_cmpuint (index, <, patterns->len);
  return g_ptr_array_index (patterns, index);
}

/* Lists the days of @pattern as ISO dates, space separated. */
static char *
list_days (const WmPattern *pattern)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pattern->days->len; i++)
    {
      g_autofree char *iso = wm_day_to_iso (g_array_index (pattern->days,
                                                           WmDay, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", iso);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_days (const WmPattern *pattern,
             const char      *expected)
{
  g_autofree char *found = list_days (pattern);

  g_assert_cmpstr (found, ==, expected);
}

/* Weekdays ----------------------------------------------------------- */

/*
 * Absent on the two Friday afternoons of 2 to 13 March 2026 and present
 * otherwise: the pattern is Friday afternoons, 2 of 2 unauthorised, and
 * nothing else, because single sessions are not runs and Friday mornings
 * were attended.
 */
static void
test_friday_afternoons (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\/O /\\/\\/\\/\\/O");
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  patterns = find (reg, calendar, "2026-03-02", "2026-03-13");

  g_assert_cmpuint (patterns->len, ==, 1);
  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_WEEKDAY);
  g_assert_cmpint (pattern->weekday, ==, G_DATE_FRIDAY);
  g_assert_cmpint (pattern->session, ==, WM_SESSION_PM);
  g_assert_cmpuint (pattern->count, ==, 2);
  g_assert_cmpuint (pattern->out_of, ==, 2);
  g_assert_cmpuint (pattern->unauthorised, ==, 2);
  g_assert_cmpuint (pattern->rest_count, ==, 0);
  g_assert_cmpuint (pattern->rest_out_of, ==, 18);
  assert_days (pattern, "2026-03-06 2026-03-13");
  g_assert_cmpstr (pattern->sentence, ==,
                   "Friday afternoons: absent at 2 of 2 sessions, 2 "
                   "unauthorised, on 6 and 13 March 2026; absent at 0 of 18 "
                   "other sessions");
}

/*
 * A code is classified under the regulations in force on its day. `J`
 * (an interview) was an approved educational activity under the 2006
 * regulations, so two Friday afternoons of it in March 2024 are attended
 * and show no pattern. From 19 August 2024 the same code counts as
 * authorised absence, so in March 2026 the Friday afternoons are a
 * pattern of authorised absence.
 */
static void
test_code_by_regime (void)
{
  const char *marks = "/\\/\\/\\/\\/J /\\/\\/\\/\\/J";
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg_2024 = register_from ("2024-03-04", marks);
  g_autoptr(WmRegister) reg_2026 = register_from ("2026-03-02", marks);
  g_autoptr(GPtrArray) patterns_2024 = NULL;
  g_autoptr(GPtrArray) patterns_2026 = NULL;
  const WmPattern *pattern;

  wm_test_add_term (calendar, "2024-03-04", "2024-03-15", NULL);
  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  patterns_2024 = find (reg_2024, calendar, "2024-03-04", "2024-03-15");
  patterns_2026 = find (reg_2026, calendar, "2026-03-02", "2026-03-13");

  g_assert_cmpuint (patterns_2024->len, ==, 0);

  g_assert_cmpuint (patterns_2026->len, ==, 1);
  pattern = pattern_at (patterns_2026, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_WEEKDAY);
  g_assert_cmpint (pattern->weekday, ==, G_DATE_FRIDAY);
  g_assert_cmpint (pattern->session, ==, WM_SESSION_PM);
  g_assert_cmpuint (pattern->count, ==, 2);
  g_assert_cmpuint (pattern->unauthorised, ==, 0);
  assert_days (pattern, "2026-03-06 2026-03-13");
}

/* Whole Fridays missed: the day is reported, not each session. */
static void
test_whole_fridays (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\II /\\/\\/\\/\\OO");
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  patterns = find (reg, calendar, "2026-03-02", "2026-03-13");

  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_WEEKDAY);
  g_assert_cmpint (pattern->weekday, ==, G_DATE_FRIDAY);
  g_assert_cmpint (pattern->session, ==, WM_PATTERN_WHOLE_DAY);
  g_assert_cmpuint (pattern->count, ==, 4);
  g_assert_cmpuint (pattern->out_of, ==, 4);
  g_assert_cmpuint (pattern->unauthorised, ==, 2);
  g_assert_cmpstr (pattern->sentence, ==,
                   "Fridays: absent at 4 of 4 sessions, 2 unauthorised, on "
                   "6 and 13 March 2026; absent at 0 of 16 other sessions");

  /* Each Friday is also a run of 2 sessions. */
  g_assert_cmpuint (patterns->len, ==, 2);
  g_assert_cmpint (pattern_at (patterns, 1)->kind, ==,
                   WM_PATTERN_ABSENCE_RUNS);
}

/*
 * Daylight saving. The pupil is present on Friday 27 March 2026 and absent
 * on Monday 30 March, after the clocks went forward on 29 March. The pupil
 * is present on Friday 23 October and absent on Monday 2 November, after
 * the clocks went back on 25 October. Both absences are Mondays, after gaps of 3 and 10 days,
 * and nothing moves to a Sunday or a Tuesday.
 */
static void
test_daylight_saving (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *mondays;
  const WmPattern *runs;
  const WmAbsenceRun *run;

  wm_test_add_term (calendar, "2026-03-23", "2026-11-06", NULL);
  reg = wm_register_new (wm_test_day ("2026-03-27"),
                         wm_test_day ("2026-11-02")
                           - wm_test_day ("2026-03-27") + 1);
  set_day (reg, "2026-03-27", WM_MARK_PRESENT_AM, WM_MARK_PRESENT_PM);
  set_day (reg, "2026-03-30", WM_MARK_O, WM_MARK_O);
  set_day (reg, "2026-10-23", WM_MARK_PRESENT_AM, WM_MARK_PRESENT_PM);
  set_day (reg, "2026-11-02", WM_MARK_O, WM_MARK_O);

  patterns = find (reg, calendar, "2026-03-27", "2026-11-02");
  g_assert_cmpuint (patterns->len, ==, 2);

  mondays = pattern_at (patterns, 0);
  g_assert_cmpint (mondays->kind, ==, WM_PATTERN_WEEKDAY);
  g_assert_cmpint (mondays->weekday, ==, G_DATE_MONDAY);
  g_assert_cmpint (mondays->session, ==, WM_PATTERN_WHOLE_DAY);
  g_assert_cmpuint (mondays->count, ==, 4);
  g_assert_cmpuint (mondays->out_of, ==, 4);
  assert_days (mondays, "2026-03-30 2026-11-02");
  for (guint i = 0; i < mondays->days->len; i++)
    g_assert_cmpint (wm_day_weekday (g_array_index (mondays->days, WmDay, i)),
                     ==, G_DATE_MONDAY);
  g_assert_cmpstr (mondays->sentence, ==,
                   "Mondays: absent at 4 of 4 sessions, 4 unauthorised, on "
                   "30 March and 2 November 2026; absent at 0 of 4 other "
                   "sessions");

  runs = pattern_at (patterns, 1);
  g_assert_cmpint (runs->kind, ==, WM_PATTERN_ABSENCE_RUNS);
  g_assert_cmpuint (runs->count, ==, 2);
  run = &g_array_index (runs->runs, WmAbsenceRun, 0);
  assert_day (run->first_day, "2026-03-30");
  assert_day (run->last_day, "2026-03-30");
  assert_day (run->last_attended, "2026-03-27");
  g_assert_cmpuint (run->gap_days, ==, 3);
  g_assert_cmpuint (run->n_sessions, ==, 2);
  g_assert_cmpuint (run->n_days, ==, 1);
  run = &g_array_index (runs->runs, WmAbsenceRun, 1);
  assert_day (run->first_day, "2026-11-02");
  assert_day (run->last_attended, "2026-10-23");
  g_assert_cmpuint (run->gap_days, ==, 10);
  g_assert_cmpstr (runs->sentence, ==,
                   "Runs of absence: 2 runs of 2 or more consecutive "
                   "sessions, the longest 2 sessions: Monday 30 March 2026 "
                   "(2 sessions, 3 days after last attending on Friday "
                   "27 March 2026); Monday 2 November 2026 (2 sessions, "
                   "10 days after last attending on Friday 23 October "
                   "2026)");
}

/* Holidays ----------------------------------------------------------- */

/* The spring term of 2026, 5 January to 27 March, with half term from 16
 * to 20 February. */
static WmCalendar *
spring_calendar (void)
{
  WmCalendar *calendar = wm_calendar_new ();

  wm_test_add_term (calendar, "2026-01-05", "2026-03-27",
                    "2026-02-16", "2026-02-20", NULL);
  return calendar;
}

/* A register present at every session @calendar holds. */
static WmRegister *
present_register (const WmCalendar *calendar)
{
  WmDay first = wm_calendar_first_day (calendar);
  WmDay last = wm_calendar_last_day (calendar);
  WmRegister *reg = wm_register_new (first, last - first + 1);

  for (WmDay day = first; day <= last; day++)
    {
      if (wm_calendar_is_held (calendar, day, WM_SESSION_AM))
        wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_PRESENT_AM);
      if (wm_calendar_is_held (calendar, day, WM_SESSION_PM))
        wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_PRESENT_PM);
    }

  return reg;
}

/*
 * Absent on Friday 13 February 2026, the last day before half term, and on
 * Monday 23 February, the first day after it. Both days are next to a
 * holiday, 13 February is one of the last 2 days of a half term, and the
 * two days are one run of absence because half term does not break it.
 */
static void
test_next_to_holidays (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;
  const WmAbsenceRun *run;

  set_day (reg, "2026-02-13", WM_MARK_O, WM_MARK_O);
  set_day (reg, "2026-02-23", WM_MARK_O, WM_MARK_O);
  patterns = find (reg, calendar, "2026-01-05", "2026-03-27");
  g_assert_cmpuint (patterns->len, ==, 3);

  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_NEXT_TO_HOLIDAY);
  g_assert_cmpuint (pattern->count, ==, 4);
  g_assert_cmpuint (pattern->out_of, ==, 4);
  g_assert_cmpuint (pattern->rest_count, ==, 0);
  g_assert_cmpuint (pattern->rest_out_of, ==, 106);
  assert_days (pattern, "2026-02-13 2026-02-23");
  g_assert_cmpstr (pattern->sentence, ==,
                   "Days next to holidays: absent at 4 of 4 sessions, 4 "
                   "unauthorised, on 13 and 23 February 2026; absent at 0 of "
                   "106 other sessions");

  pattern = pattern_at (patterns, 1);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_END_OF_TERM);
  g_assert_cmpuint (pattern->count, ==, 2);
  g_assert_cmpuint (pattern->out_of, ==, 4);
  assert_days (pattern, "2026-02-13");
  g_assert_cmpstr (pattern->sentence, ==,
                   "Last days of term: absent at 2 of 4 sessions, 2 "
                   "unauthorised, on 13 February 2026; absent at 2 of 106 "
                   "other sessions");

  pattern = pattern_at (patterns, 2);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_ABSENCE_RUNS);
  g_assert_cmpuint (pattern->count, ==, 1);
  run = &g_array_index (pattern->runs, WmAbsenceRun, 0);
  g_assert_cmpuint (run->n_sessions, ==, 4);
  g_assert_cmpuint (run->n_days, ==, 2);
  g_assert_cmpint (run->first_session, ==, WM_SESSION_AM);
  g_assert_cmpint (run->last_session, ==, WM_SESSION_PM);
  g_assert_cmpstr (pattern->sentence, ==,
                   "Runs of absence: 1 run of 2 or more consecutive sessions, "
                   "the longest 4 sessions: Friday 13 February 2026 to Monday "
                   "23 February 2026 (4 sessions, 1 day after last attending "
                   "on Thursday 12 February 2026)");
}

/*
 * A run of absence is any unbroken absence, so it can join illness to
 * unauthorised absence: `O O` on Tuesday 3 March 2026, `I I` on Wednesday
 * 4 March and `O O` on Thursday 5 March are one run of 6 sessions. The
 * sentence states that 2 of them were authorised, so that the run does not
 * read as unauthorised absence alone.
 */
static void
test_run_mixing_illness (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *runs = NULL;

  set_day (reg, "2026-03-03", WM_MARK_O, WM_MARK_O);
  set_day (reg, "2026-03-04", WM_MARK_I, WM_MARK_I);
  set_day (reg, "2026-03-05", WM_MARK_O, WM_MARK_O);
  patterns = find (reg, calendar, "2026-01-05", "2026-03-27");
  for (guint i = 0; i < patterns->len; i++)
    if (pattern_at (patterns, i)->kind == WM_PATTERN_ABSENCE_RUNS)
      runs = pattern_at (patterns, i);

  g_assert_nonnull (runs);
  g_assert_cmpuint (runs->count, ==, 1);
  g_assert_cmpuint (g_array_index (runs->runs, WmAbsenceRun, 0).n_sessions,
                    ==, 6);
  g_assert_cmpstr (runs->sentence, ==,
                   "Runs of absence: 1 run of 2 or more consecutive sessions, "
                   "the longest 6 sessions: Tuesday 3 March 2026 to Thursday "
                   "5 March 2026 (6 sessions, 2 of them authorised, 1 day "
                   "after last attending on Monday 2 March 2026)");
}

/* The days at either end of the calendar have an unknown side, so they
 * are not taken to be next to a holiday. */
static void
test_calendar_ends_unknown (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  g_autoptr(GPtrArray) patterns = NULL;

  wm_register_set (reg, wm_test_day ("2026-01-05"), WM_SESSION_AM, WM_MARK_O);
  wm_register_set (reg, wm_test_day ("2026-03-27"), WM_SESSION_PM, WM_MARK_O);
  patterns = find (reg, calendar, "2026-01-05", "2026-03-27");

  g_assert_cmpuint (patterns->len, ==, 0);
}

/* Lateness ----------------------------------------------------------- */

/*
 * Eight school weeks from 5 January to 27 February 2026: late before the
 * register closed (`L`) on the 4 Monday mornings of February and after it
 * closed (`U`) on Tuesday 24 February, against one `L` on 12 January.
 */
static void
test_lateness_trend (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;
  static const char * const mondays[] = {
    "2026-01-12", "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23",
  };

  wm_test_add_term (calendar, "2026-01-05", "2026-02-27", NULL);
  reg = present_register (calendar);
  for (guint i = 0; i < G_N_ELEMENTS (mondays); i++)
    wm_register_set (reg, wm_test_day (mondays[i]), WM_SESSION_AM, WM_MARK_L);
  wm_register_set (reg, wm_test_day ("2026-02-24"), WM_SESSION_AM, WM_MARK_U);

  patterns = find (reg, calendar, "2026-01-05", "2026-02-27");
  g_assert_cmpuint (patterns->len, ==, 1);

  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_LATENESS);
  g_assert_cmpuint (pattern->count, ==, 5);
  g_assert_cmpuint (pattern->late_before, ==, 4);
  g_assert_cmpuint (pattern->late_after, ==, 1);
  g_assert_cmpuint (pattern->previous_late, ==, 1);
  g_assert_cmpuint (pattern->previous_weeks, ==, 4);
  assert_day (pattern->first, "2026-02-02");
  assert_days (pattern, "2026-02-02 2026-02-09 2026-02-16 2026-02-23 "
               "2026-02-24");
  g_assert_cmpstr (pattern->sentence, ==,
                   "Lateness: late at 5 sessions in the 4 school weeks 2 to "
                   "27 February 2026, 4 before the register closed (L) and 1 "
                   "after it closed (U); up from 1 in the 4 school weeks "
                   "before");
}

/* One late session is not reported, and with only 4 school weeks of data
 * there is nothing to compare with. */
static void
test_lateness_short (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;

  wm_test_add_term (calendar, "2026-02-02", "2026-02-27", NULL);
  reg = present_register (calendar);
  wm_register_set (reg, wm_test_day ("2026-02-10"), WM_SESSION_AM, WM_MARK_L);

  patterns = find (reg, calendar, "2026-02-02", "2026-02-27");
  g_assert_cmpuint (patterns->len, ==, 0);
  g_clear_pointer (&patterns, g_ptr_array_unref);

  wm_register_set (reg, wm_test_day ("2026-02-20"), WM_SESSION_PM, WM_MARK_L);
  patterns = find (reg, calendar, "2026-02-02", "2026-02-27");
  g_assert_cmpuint (patterns->len, ==, 1);
  pattern = pattern_at (patterns, 0);
  g_assert_cmpuint (pattern->previous_weeks, ==, 0);
  g_assert_cmpstr (pattern->sentence, ==,
                   "Lateness: late at 2 sessions in the 4 school weeks 2 to "
                   "27 February 2026, 2 before the register closed (L) and 0 "
                   "after it closed (U); no earlier school weeks to compare "
                   "with");
}

/* N codes ------------------------------------------------------------ */

/*
 * `N` on Tuesday 3 March 2026 is still on the register on 13 March, more
 * than 5 school days later. The `N` of Tuesday 10 March is not yet overdue.
 */
static void
test_n_not_replaced (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\NN/\\/\\/\\ /\\N\\/\\/\\/\\");
  g_autoptr(GPtrArray) patterns = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  const WmPattern *pattern;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  patterns = find (reg, calendar, "2026-03-02", "2026-03-13");
  g_assert_cmpuint (patterns->len, ==, 3);

  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_WEEKDAY);
  g_assert_cmpint (pattern->weekday, ==, G_DATE_TUESDAY);
  g_assert_cmpint (pattern->session, ==, WM_SESSION_AM);
  g_assert_cmpstr (pattern->sentence, ==,
                   "Tuesday mornings: absent at 2 of 2 sessions, 2 "
                   "unauthorised, on 3 and 10 March 2026; absent at 1 of 18 "
                   "other sessions");

  g_assert_cmpint (pattern_at (patterns, 1)->kind, ==,
                   WM_PATTERN_ABSENCE_RUNS);

  pattern = pattern_at (patterns, 2);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_N_NOT_REPLACED);
  g_assert_cmpuint (pattern->count, ==, 2);
  assert_days (pattern, "2026-03-03");
  g_assert_cmpstr (pattern->sentence, ==,
                   "N codes not replaced: 2 sessions still coded N more than "
                   "5 school days later, on 3 March 2026: record the reason "
                   "for the absence");

  /* On Tuesday 10 March, the 5th school day after, it is not yet late. */
  earlier = find (reg, calendar, "2026-03-02", "2026-03-10");
  for (guint i = 0; i < earlier->len; i++)
    g_assert_cmpint (pattern_at (earlier, i)->kind, !=,
                     WM_PATTERN_N_NOT_REPLACED);
}

/* Children missing education ----------------------------------------- */

static GPtrArray *
find_march (const char *marks)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = register_from ("2026-03-02", marks);

  wm_test_add_term (calendar, "2026-03-02", "2026-03-27",
                    "2026-03-11", "2026-03-11", NULL);
  return find (reg, calendar, "2026-03-02", "2026-03-27");
}

/*
 * Absent without permission from Thursday 5 to Thursday 19 March 2026:
 * 10 school days, because the training day of Wednesday 11 March, coded
 * `#`, is no school day and does not break the run.
 */
static void
test_missing_education (void)
{
  g_autoptr(GPtrArray) patterns = NULL;
  const WmPattern *pattern;
  const WmAbsenceRun *run;

  patterns = find_march ("/\\/\\/\\OOOO OOOO##OOOO OOOOOOGG/\\ /\\/\\/\\/\\/\\");
  g_assert_cmpuint (patterns->len, ==, 3);

  /* The days either side of the training day are all absent, against
   * 16 of the 34 other sessions, which is concentrated enough to show. */
  pattern = pattern_at (patterns, 0);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_NEXT_TO_HOLIDAY);
  assert_days (pattern, "2026-03-10 2026-03-12");
  g_assert_cmpint (pattern_at (patterns, 1)->kind, ==,
                   WM_PATTERN_ABSENCE_RUNS);

  pattern = pattern_at (patterns, 2);
  g_assert_cmpint (pattern->kind, ==, WM_PATTERN_MISSING_EDUCATION);
  g_assert_cmpuint (pattern->count, ==, 1);
  run = &g_array_index (pattern->runs, WmAbsenceRun, 0);
  assert_day (run->first_day, "2026-03-05");
  assert_day (run->last_day, "2026-03-19");
  g_assert_cmpuint (run->n_days, ==, 10);
  g_assert_cmpuint (run->n_sessions, ==, 20);
  assert_day (run->last_attended, "2026-03-04");
  g_assert_cmpstr (pattern->sentence, ==,
                   "Child missing education: absent without permission on 10 "
                   "or more consecutive school days: 10 school days, "
                   "Thursday 5 March 2026 to Thursday 19 March 2026. Notify "
                   "the local authority");
}

/* 9 school days is not enough, and an authorised absence breaks a run. */
static void
test_missing_education_not_reached (void)
{
  g_autoptr(GPtrArray) nine = NULL;
  g_autoptr(GPtrArray) authorised = NULL;

  nine = find_march ("/\\/\\/\\OOOO OOOO##OOOO OOOOOO/\\/\\ /\\/\\/\\/\\/\\");
  g_assert_cmpuint (nine->len, ==, 2);
  g_assert_cmpint (pattern_at (nine, 0)->kind, ==, WM_PATTERN_NEXT_TO_HOLIDAY);
  g_assert_cmpint (pattern_at (nine, 1)->kind, ==, WM_PATTERN_ABSENCE_RUNS);

  authorised = find_march ("/\\/\\/\\OOOO OOOO##OOIO OOOOOOOO/\\ "
                           "/\\/\\/\\/\\/\\");
  for (guint i = 0; i < authorised->len; i++)
    g_assert_cmpint (pattern_at (authorised, i)->kind, !=,
                     WM_PATTERN_MISSING_EDUCATION);
}

/* Absent at every session: a run and missing education, but no weekday
 * stands out from the others. */
static void
test_even_absence_no_weekday (void)
{
  g_autoptr(GPtrArray) patterns = NULL;

  patterns = find_march ("OOOOOOOOOO OOOO##OOOO OOOOOOOOOO OOOOOOOOOO");
  g_assert_cmpuint (patterns->len, ==, 2);
  g_assert_cmpint (pattern_at (patterns, 0)->kind, ==,
                   WM_PATTERN_ABSENCE_RUNS);
  g_assert_cmpint (pattern_at (patterns, 1)->kind, ==,
                   WM_PATTERN_MISSING_EDUCATION);
}

static void
test_no_register (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(GPtrArray) patterns = find (NULL, calendar, "2026-01-05",
                                        "2026-03-27");

  g_assert_cmpuint (patterns->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patterns/weekday/friday-afternoons",
                   test_friday_afternoons);
  g_test_add_func ("/patterns/weekday/whole-fridays", test_whole_fridays);
  g_test_add_func ("/patterns/weekday/code-by-regime", test_code_by_regime);
  g_test_add_func ("/patterns/weekday/even-absence",
                   test_even_absence_no_weekday);
  g_test_add_func ("/patterns/daylight-saving", test_daylight_saving);
  g_test_add_func ("/patterns/holidays/next-to-holidays",
                   test_next_to_holidays);
  g_test_add_func ("/patterns/runs/illness-counted-as-authorised",
                   test_run_mixing_illness);
  g_test_add_func ("/patterns/holidays/calendar-ends-unknown",
                   test_calendar_ends_unknown);
  g_test_add_func ("/patterns/lateness/trend", test_lateness_trend);
  g_test_add_func ("/patterns/lateness/short", test_lateness_short);
  g_test_add_func ("/patterns/n-not-replaced", test_n_not_replaced);
  g_test_add_func ("/patterns/missing-education/reached",
                   test_missing_education);
  g_test_add_func ("/patterns/missing-education/not-reached",
                   test_missing_education_not_reached);
  g_test_add_func ("/patterns/no-register", test_no_register);

  return g_test_run ();
}
