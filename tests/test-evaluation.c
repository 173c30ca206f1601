/* test-evaluation.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "wm-test-util.h"
#include "wm-error.h"
#include "wm-evaluation.h"

/*
 * Registers are written in a compact notation: one character per session,
 * AM then PM, Monday to Friday, with a space between weeks. Most tests
 * use the fortnight of Monday 2 to Friday 13 March 2026 (twenty sessions,
 * all held by the school) and evaluate as of Friday 13 March 2026.
 */

static void
assert_day (WmDay       found,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (found);

  g_assert_cmpstr (text, ==, expected);
}

/* The fortnight of Monday 2 to Friday 13 March 2026, every session held. */
static WmCalendar *
fortnight_calendar (void)
{
  WmCalendar *calendar = wm_calendar_new ();

  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  return calendar;
}

/*
 * The school year 2026 to 2027. The summer term of 2026 ends on Friday
 * 17 July. The autumn term runs from Thursday 3 September to Friday
 * 18 December with half term 26 to 30 October. The spring term starts on
 * Monday 4 January 2027.
 */
static WmCalendar *
school_year_calendar (void)
{
  WmCalendar *calendar = wm_calendar_new ();

  wm_test_add_term (calendar, "2026-04-13", "2026-07-17",
            "2026-05-25", "2026-05-29", NULL);
  wm_test_add_term (calendar, "2026-09-03", "2026-12-18",
            "2026-10-26", "2026-10-30", NULL);
  wm_test_add_term (calendar, "2027-01-04", "2027-02-12", NULL);

  return calendar;
}

/*
 * Builds the calendar the importer builds from a school's registers: a
 * session was held when a pupil has a code other than `#` for it.
 */
static WmCalendar *
calendar_from_register (const WmRegister *reg)
{
  WmCalendar *calendar = wm_calendar_new ();

  for (guint i = 0; i < reg->n_days; i++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmMark mark = wm_register_get (reg, reg->first_day + i, session);

        if (wm_mark_is_code (mark) && mark != WM_MARK_CLOSED)
          wm_calendar_add_held (calendar, reg->first_day + i, session);
      }

  return calendar;
}

static WmRegister *
register_from (const char *first,
               const char *marks)
{
  g_autoptr(GError) error = NULL;
  WmRegister *reg = wm_register_new_from_string (wm_test_day (first), marks, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

static WmRegister *
register_spanning (const char *first,
                   const char *last)
{
  return wm_register_new (wm_test_day (first), wm_test_day (last) - wm_test_day (first) + 1);
}

/* Writes marks in the notation into @reg from @first on. */
static void
paste (WmRegister *reg,
       const char *first,
       const char *marks)
{
  g_autoptr(WmRegister) part = register_from (first, marks);

  for (guint i = 0; i < part->n_days; i++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmDay date = part->first_day + i;
        WmMark mark = wm_register_get (part, date, session);

        if (mark != WM_MARK_NONE)
          wm_register_set (reg, date, session, mark);
      }
}

static void
set_mark (WmRegister *reg,
          const char *date,
          WmSession   session,
          const char *code)
{
  wm_register_set (reg, wm_test_day (date), session, wm_mark_from_code (code));
}

/* Marks the pupil present at every session the school held in @reg. */
static void
fill_present (WmRegister       *reg,
              const WmCalendar *calendar)
{
  for (guint i = 0; i < reg->n_days; i++)
    {
      WmDay date = reg->first_day + i;

      if (wm_calendar_is_held (calendar, date, WM_SESSION_AM))
        wm_register_set (reg, date, WM_SESSION_AM, WM_MARK_PRESENT_AM);
      if (wm_calendar_is_held (calendar, date, WM_SESSION_PM))
        wm_register_set (reg, date, WM_SESSION_PM, WM_MARK_PRESENT_PM);
    }
}

static void
evaluate (const WmRegister *reg,
          const WmCalendar *calendar,
          const char       *as_of,
          WmEvaluation     *e)
{
  WmRules rules;

  wm_rules_init_defaults (&rules);
  wm_evaluate (reg, calendar, wm_test_day (as_of), &rules, e);
}

static void
assert_percent (gint        tenths,
                const char *expected)
{
  g_autofree char *text = wm_percent_format (tenths);

  g_assert_cmpstr (text, ==, expected);
}

/* Checks the window's figures: attended, possible, percentage and level. */
static void
assert_window (const WmEvaluation *e,
               guint               attended,
               guint               possible,
               const char         *percent,
               gint                level)
{
  g_assert_cmpuint (e->attended, ==, attended);
  g_assert_cmpuint (e->possible, ==, possible);
  assert_percent (e->percent_tenths, percent);
  g_assert_cmpint (e->level, ==, level);
  g_assert_cmpint (e->level_high, ==, level);
  g_assert_cmpuint (e->unmarked, ==, 0);
  g_assert_cmpint (e->range_low_tenths, ==, e->percent_tenths);
  g_assert_cmpint (e->range_high_tenths, ==, e->percent_tenths);
}

static void
assert_description (const WmEvaluation *e,
                    const char         *expected)
{
  g_autofree char *text = wm_evaluation_describe (e);

  g_assert_cmpstr (text, ==, expected);
}

/* Register ---------------------------------------------------------- */

static void
test_register_get_set (void)
{
  g_autoptr(WmRegister) reg = wm_register_new (wm_test_day ("2026-03-02"), 5);

  g_assert_cmpuint (reg->n_days, ==, 5);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-04"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);

  wm_register_set (reg, wm_test_day ("2026-03-04"), WM_SESSION_PM, WM_MARK_O);
  wm_register_set (reg, wm_test_day ("2026-03-06"), WM_SESSION_AM, WM_MARK_I);

  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-04"), WM_SESSION_PM),
                    ==, WM_MARK_O);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-04"), WM_SESSION_AM),
                    ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-06"), WM_SESSION_AM),
                    ==, WM_MARK_I);
  g_assert_cmpuint (reg->marks[4 * 2 + WM_SESSION_AM], ==, WM_MARK_I);

  /* Outside the range the session does not exist for the pupil. */
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-01"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-07"), WM_SESSION_AM),
                    ==, WM_MARK_NONE);
}

/* Writing outside the register is a programming error. */
static void
test_register_set_outside (void)
{
  g_autoptr(WmRegister) reg = wm_register_new (wm_test_day ("2026-03-02"), 5);

  g_test_expect_message ("Waymark", G_LOG_LEVEL_CRITICAL,
                         "*register_covers*");
  wm_register_set (reg, wm_test_day ("2026-03-07"), WM_SESSION_AM, WM_MARK_O);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-07"), WM_SESSION_AM),
                    ==, WM_MARK_NONE);
}

static void
test_register_notation_weekends (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\/O /N");

  /* Monday 2 to Monday 9 March: eight days. */
  g_assert_cmpuint (reg->first_day, ==, wm_test_day ("2026-03-02"));
  g_assert_cmpuint (reg->n_days, ==, 8);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-02"), WM_SESSION_AM),
                    ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-06"), WM_SESSION_PM),
                    ==, WM_MARK_O);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-07"), WM_SESSION_AM),
                    ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-08"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-09"), WM_SESSION_AM),
                    ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-09"), WM_SESSION_PM),
                    ==, WM_MARK_N);
}

/* The spaces are for reading only: a week may be split anywhere. */
static void
test_register_notation_spaces (void)
{
  g_autoptr(WmRegister) spaced = register_from ("2026-03-02", "/ \\ O  O");
  g_autoptr(WmRegister) packed = register_from ("2026-03-02", "/\\OO");

  g_assert_cmpuint (spaced->n_days, ==, packed->n_days);
  g_assert_cmpmem (spaced->marks, spaced->n_days * 2, packed->marks,
                   packed->n_days * 2);
}

static void
test_register_notation_midweek (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-04", "/\\/\\/\\ /\\");

  g_assert_cmpuint (reg->n_days, ==, 6);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-04"), WM_SESSION_AM),
                    ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-06"), WM_SESSION_PM),
                    ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-09"), WM_SESSION_PM),
                    ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-03"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);
}

static void
test_register_notation_saturday (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-07", "O\\");

  g_assert_cmpuint (reg->first_day, ==, wm_test_day ("2026-03-07"));
  g_assert_cmpuint (reg->n_days, ==, 3);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-07"), WM_SESSION_AM),
                    ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-03-09"), WM_SESSION_AM),
                    ==, WM_MARK_O);
}

static void
test_register_notation_odd_and_empty (void)
{
  g_autoptr(WmRegister) odd = register_from ("2026-03-02", "/\\-");
  g_autoptr(WmRegister) empty = register_from ("2026-03-02", "");

  g_assert_cmpuint (odd->n_days, ==, 2);
  g_assert_cmpuint (wm_register_get (odd, wm_test_day ("2026-03-03"), WM_SESSION_AM),
                    ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_register_get (odd, wm_test_day ("2026-03-03"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);

  g_assert_cmpuint (empty->n_days, ==, 0);
  g_assert_cmpuint (wm_register_get (empty, wm_test_day ("2026-03-02"),
                                     WM_SESSION_AM), ==, WM_MARK_NONE);
}

static void
check_unknown_code (const char *marks,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;

  reg = wm_register_new_from_string (wm_test_day ("2026-03-02"), marks, &error);

  g_assert_null (reg);
  g_assert_error (error, WM_ERROR, WM_ERROR_UNKNOWN_CODE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_register_notation_unknown (void)
{
  check_unknown_code ("/\\ /A",
                      "Unknown register code “A” at character 5 of the marks "
                      "string: use a one-character code, or - for an "
                      "unmarked session");
  check_unknown_code ("/é",
                      "Unknown register code “é” at character 2 of the marks "
                      "string: use a one-character code, or - for an "
                      "unmarked session");
  check_unknown_code ("/\\\t/",
                      "Unknown register code “\t” at character 3 of the marks "
                      "string: use a one-character code, or - for an "
                      "unmarked session");
}

/* Field cases ------------------------------------------------------- */

/*
 * Possible sessions exclude codes that are not possible: `#` (planned
 * closure), `X` (not required to attend) and `D` (attending the other
 * school of a dual registration). 12 attended of 14 possible is 85.7%,
 * Level 2, not 12 of 20 (60%) or 12 of 18.
 */
static void
test_possible_session_denominator (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\##/\\/\\ /\\IIXXDD/\\");
  g_autoptr(WmCalendar) calendar = calendar_from_register (reg);
  WmEvaluation e;

  /* With this one pupil the school did not hold the closed Wednesday. */
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-03-04"),
                                       WM_SESSION_AM));

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 12, 14, "85.7", 2);
  g_assert_cmpuint (e.window.not_possible, ==, 6);
  g_assert_cmpuint (e.window.authorised, ==, 2);
  g_assert_cmpuint (e.window_weeks, ==, 2);
  assert_day (e.window_start, "2026-03-02");
  assert_day (e.window_end, "2026-03-13");
}

/* A dual-registered pupil is counted only on the sessions due at this
 * school. */
static void
test_dual_registration (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02", "DDDD/\\/\\/\\");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-06", NULL);
  evaluate (reg, calendar, "2026-03-06", &e);

  assert_window (&e, 6, 6, "100.0", 0);
  g_assert_cmpuint (e.window.not_possible, ==, 4);
  assert_description (&e, "No level: 6 of 6 possible sessions attended "
                          "(100.0%) in the school week 2 to 6 March 2026");
}

/* L (late before the register closed) is present; U (late after it
 * closed) is unauthorised absence. */
static void
test_late_codes (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "L\\L\\U\\/\\/\\ /U/\\/\\/\\/\\");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 18, 20, "90.0", 1);
  g_assert_cmpuint (e.window.unauthorised, ==, 2);
  g_assert_cmpuint (e.window.late_before, ==, 2);
  g_assert_cmpuint (e.window.late_after, ==, 2);
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 2);
}

/* Approved educational activity off site counts as attended, so the
 * pupil has no absence at all. */
static void
test_off_site_activity (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\BV/\\/\\ /\\PWK\\/\\/\\");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 20, 20, "100.0", 0);
  g_assert_cmpuint (e.window.approved, ==, 5);
  g_assert_cmpuint (e.window.present, ==, 15);
  g_assert_cmpuint (e.window.authorised, ==, 0);
  g_assert_cmpuint (e.window.unauthorised, ==, 0);
  g_assert_false (e.persistent_absence);
}

/* Sessions before a pupil's admission do not exist for the pupil: a
 * joiner on roll from Wednesday 4 March has 16 possible sessions, not
 * 20. */
static void
test_joiner_before_admission (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-04",
                                             "/\\/\\/\\ /\\N\\/\\/\\/\\");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 15, 16, "93.7", 1);
  g_assert_cmpuint (e.window.unauthorised, ==, 1);
}

/* Sessions after a pupil left do not exist for the pupil either: the
 * marks stop, and the school's later sessions are not absences. */
static void
test_leaver_after_leaving (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02", "/\\/\\/\\/\\/\\");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 10, 10, "100.0", 0);
  g_assert_cmpuint (e.window_weeks, ==, 2);
  assert_day (e.window_end, "2026-03-13");
}

/* Attendance is counted in sessions: two Friday afternoons are 2 of 20
 * sessions, 90.0%, not 2 days. */
static void
test_sessions_not_days (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\/O /\\/\\/\\/\\/O");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 18, 20, "90.0", 1);
}

/*
 * A pupil on roll for the fortnight has marks only for Tuesday 3 March
 * (N N) and Thursday 12 March AM (O). The other 17 sessions, which the
 * school held, are unmarked. Gaps are never counted as present or absent,
 * so the figure over marked sessions is 0 of 3. The true figure lies
 * between 0 of 20 (every gap absent, Level 3) and 17 of 20 (every gap
 * present, 85.0%, Level 2). The three unauthorised sessions still count
 * towards the penalty threshold.
 */
static void
test_missing_marks_range (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "--NN------ ------O---");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  g_assert_cmpuint (e.attended, ==, 0);
  g_assert_cmpuint (e.possible, ==, 3);
  g_assert_cmpuint (e.unmarked, ==, 17);
  g_assert_cmpuint (e.window.unmarked, ==, 17);
  assert_percent (e.percent_tenths, "0.0");
  assert_percent (e.range_low_tenths, "0.0");
  assert_percent (e.range_high_tenths, "85.0");
  g_assert_cmpint (e.level, ==, 2);
  g_assert_cmpint (e.level_high, ==, 3);
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 3);

  g_assert_cmpuint (e.ytd_possible, ==, 3);
  g_assert_cmpuint (e.ytd.unmarked, ==, 17);

  assert_description (&e, "Level 2 or 3: 0 of 3 marked sessions attended, "
                          "17 of 20 sessions unmarked (0.0% to 85.0%) in the "
                          "2 school weeks 2 to 13 March 2026");
}

/*
 * The latest mark for any pupil is Wednesday 11 March PM, so the school
 * held nothing after it as far as the data shows. The pupil's empty
 * Thursday and Friday slots are not gaps, and the window ends on
 * 11 March: 15 of 16, not 15 of 20.
 */
static void
test_export_ends_early (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\/\\ /\\O\\/\\----");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-11", NULL);
  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 15, 16, "93.7", 1);
  assert_day (e.window_end, "2026-03-11");
  g_assert_cmpuint (e.unmarked, ==, 0);
  assert_description (&e, "Level 1: 15 of 16 possible sessions attended "
                          "(93.7%) in the 2 school weeks 2 to 11 March 2026");
}

/* A code counts even where the calendar has no session for it, because
 * the mark is evidence that the session took place. */
static void
test_code_on_session_not_held (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "/\\/\\/\\/\\/\\ /\\/\\/\\O\\/\\");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-11", NULL);
  evaluate (reg, calendar, "2026-03-13", &e);

  assert_window (&e, 19, 20, "95.0", 1);
  assert_day (e.window_end, "2026-03-11");
}

/*
 * The Easter closure, 30 March to 10 April 2026, has no rows and no held
 * sessions: it is not absence and not a school week. With only the weeks
 * of 23 March and 13 April in the data the window has two school weeks.
 */
static void
test_holidays_not_absence (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-03-23", "2026-04-17");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-03-23", "2026-03-27", NULL);
  wm_test_add_term (calendar, "2026-04-13", "2026-04-17", NULL);
  paste (reg, "2026-03-23", "/\\/\\/\\/\\/\\");
  paste (reg, "2026-04-13", "/\\/\\/\\/\\/\\");

  evaluate (reg, calendar, "2026-04-17", &e);

  assert_window (&e, 20, 20, "100.0", 0);
  g_assert_cmpuint (e.window_weeks, ==, 2);
  assert_day (e.window_start, "2026-03-23");
  assert_day (e.window_end, "2026-04-17");
}

/* With the whole spring term in the data, the four school weeks up to
 * 17 April skip the two Easter weeks and start on Monday 9 March. */
static void
test_window_skips_easter (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-01-05", "2026-04-17");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-01-05", "2026-03-27",
            "2026-02-16", "2026-02-20", NULL);
  wm_test_add_term (calendar, "2026-04-13", "2026-04-17", NULL);
  fill_present (reg, calendar);
  set_mark (reg, "2026-03-06", WM_SESSION_PM, "O");

  evaluate (reg, calendar, "2026-04-17", &e);

  assert_window (&e, 40, 40, "100.0", 0);
  g_assert_cmpuint (e.window_weeks, ==, 4);
  assert_day (e.window_start, "2026-03-09");
}

/*
 * Four school weeks up to Friday 13 March 2026 with the February half
 * term (16 to 20 February) closed are the weeks of 9 March, 2 March,
 * 23 February and 9 February, so the window starts on Monday 9 February.
 */
static void
test_window_across_half_term (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-01-05", "2026-03-27");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-01-05", "2026-03-27",
            "2026-02-16", "2026-02-20", NULL);
  fill_present (reg, calendar);
  set_mark (reg, "2026-02-09", WM_SESSION_AM, "O");
  set_mark (reg, "2026-02-09", WM_SESSION_PM, "O");
  /* Outside the window, before it starts. */
  set_mark (reg, "2026-02-06", WM_SESSION_PM, "O");

  evaluate (reg, calendar, "2026-03-13", &e);

  g_assert_cmpuint (e.window_weeks, ==, 4);
  assert_day (e.window_start, "2026-02-09");
  assert_day (e.window_end, "2026-03-13");
  assert_window (&e, 38, 40, "95.0", 1);

  /* Only nine school weeks exist up to 13 March, so the threshold period
   * starts with the data on Monday 5 January. */
  assert_day (e.threshold_start, "2026-01-05");
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 3);
}

/*
 * The penalty threshold counts G, N, O and U sessions over the last 10
 * school weeks, which cross the summer holiday and the half term. As of
 * Monday 2 November 2026 they reach back to Monday 13 July: the two G
 * sessions of Thursday 16 July and eight Monday O sessions make 10.
 * Ten calendar weeks back (from 31 August) would give 8.
 */
static void
test_threshold_over_summer (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-04-13", "2026-12-18");
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  const char *mondays[] = {
    "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
    "2026-10-12", "2026-10-19", "2026-11-02",
  };
  WmEvaluation e;

  fill_present (reg, calendar);
  set_mark (reg, "2026-07-16", WM_SESSION_AM, "G");
  set_mark (reg, "2026-07-16", WM_SESSION_PM, "G");
  for (gsize i = 0; i < G_N_ELEMENTS (mondays); i++)
    set_mark (reg, mondays[i], WM_SESSION_AM, "O");
  /* Before the period, in its eleventh school week. */
  set_mark (reg, "2026-07-06", WM_SESSION_AM, "O");
  /* After the as-of date. */
  set_mark (reg, "2026-11-03", WM_SESSION_AM, "O");

  evaluate (reg, calendar, "2026-11-02", &e);

  assert_day (e.threshold_start, "2026-07-13");
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 10);

  /* The level window: the weeks of 2 November, 19, 12 and 5 October,
   * with only Monday of the last one on or before the as-of date. */
  assert_day (e.window_start, "2026-10-05");
  assert_day (e.window_end, "2026-11-02");
  assert_window (&e, 28, 32, "87.5", 2);

  /* The year to date starts on 1 September, so July is not in it. */
  g_assert_cmpuint (e.ytd_attended, ==, 68);
  g_assert_cmpuint (e.ytd_possible, ==, 76);
  g_assert_true (e.persistent_absence);
  g_assert_false (e.severe_absence);
}

/*
 * Across the new year: as of Friday 15 January 2027 the last 10 school
 * weeks skip the Christmas holiday and the half term and start on Monday
 * 19 October 2026. N N on 19 October and eight Friday O sessions make
 * 10; the G G of Friday 16 October fall outside, so the count is not 12.
 */
static void
test_threshold_over_new_year (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-09-03", "2027-02-12");
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  const char *fridays[] = {
    "2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04",
    "2026-12-11", "2027-01-08", "2027-01-15",
  };
  WmEvaluation e;

  fill_present (reg, calendar);
  set_mark (reg, "2026-10-16", WM_SESSION_AM, "G");
  set_mark (reg, "2026-10-16", WM_SESSION_PM, "G");
  set_mark (reg, "2026-10-19", WM_SESSION_AM, "N");
  set_mark (reg, "2026-10-19", WM_SESSION_PM, "N");
  for (gsize i = 0; i < G_N_ELEMENTS (fridays); i++)
    set_mark (reg, fridays[i], WM_SESSION_AM, "O");

  evaluate (reg, calendar, "2027-01-15", &e);

  assert_day (e.threshold_start, "2026-10-19");
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 10);
  assert_day (e.window_start, "2026-12-07");
  assert_day (e.window_end, "2027-01-15");
}

static void
set_time_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

/*
 * Clock changes cannot move a session. The school is open throughout. The
 * pupil is present on Friday 27 March and Friday 23 October 2026, and
 * absent (O O) on Monday 30 March and Monday 2 November, the Mondays after
 * the UK clocks changed. The evaluation is the same in London and New
 * York.
 */
static void
check_daylight_saving (const char *zone)
{
  g_autoptr(WmRegister) reg = register_spanning ("2026-03-02", "2026-11-06");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  set_time_zone (zone);
  g_test_message ("time zone %s", zone);

  wm_test_add_term (calendar, "2026-03-02", "2026-11-06", NULL);
  fill_present (reg, calendar);
  set_mark (reg, "2026-03-30", WM_SESSION_AM, "O");
  set_mark (reg, "2026-03-30", WM_SESSION_PM, "O");
  set_mark (reg, "2026-11-02", WM_SESSION_AM, "O");
  set_mark (reg, "2026-11-02", WM_SESSION_PM, "O");

  evaluate (reg, calendar, "2026-03-30", &e);
  assert_day (e.window_start, "2026-03-09");
  assert_day (e.window_end, "2026-03-30");
  g_assert_cmpuint (e.window.unauthorised, ==, 2);
  assert_window (&e, 30, 32, "93.7", 1);

  evaluate (reg, calendar, "2026-11-02", &e);
  assert_day (e.window_start, "2026-10-12");
  assert_day (e.threshold_start, "2026-08-31");
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 2);
  assert_window (&e, 30, 32, "93.7", 1);
}

static void
test_daylight_saving (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  check_daylight_saving ("Europe/London");
  check_daylight_saving ("America/New_York");

  set_time_zone (saved != NULL ? saved : "Europe/London");
}

/*
 * The year to date runs from 1 September of the school year containing
 * the as-of date. A pupil with 40 O and 359 present sessions from Monday
 * 1 September 2025 has 359 of 399: 89.97%, shown as 89.9, and
 * persistently absent because 40 * 10 >= 399. The O sessions of July 2025
 * belong to the year before.
 */
static void
test_year_to_date (void)
{
  g_autoptr(WmRegister) reg = register_spanning ("2025-07-07", "2026-06-05");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(GString) marks = g_string_new (NULL);
  WmEvaluation e;

  wm_test_add_term (calendar, "2025-07-07", "2025-07-18", NULL);
  wm_test_add_term (calendar, "2025-09-01", "2026-07-17", NULL);
  paste (reg, "2025-07-07", "OOOOOOOOOO OOOOOOOOOO");

  for (guint i = 0; i < 399; i++)
    g_string_append_c (marks, i < 40 ? 'O' : '/');
  paste (reg, "2025-09-01", marks->str);

  /* 399 sessions end on the morning of the 200th weekday. */
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-06-05"), WM_SESSION_AM),
                    ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (reg, wm_test_day ("2026-06-05"), WM_SESSION_PM),
                    ==, WM_MARK_NONE);

  evaluate (reg, calendar, "2026-06-05", &e);

  g_assert_cmpuint (e.ytd_attended, ==, 359);
  g_assert_cmpuint (e.ytd_possible, ==, 399);
  g_assert_cmpuint (e.ytd.unauthorised, ==, 40);
  assert_percent (wm_percent_tenths (e.ytd_attended, e.ytd_possible), "89.9");
  g_assert_cmpint (wm_level_for (e.ytd_attended, e.ytd_possible,
                                 &(WmRules) { 900, 800, 4, 10, 10 }), ==, 2);
  g_assert_true (e.persistent_absence);
  g_assert_false (e.severe_absence);
}

/* Other evaluation rules ---------------------------------------------- */

/* Only sessions on or before the as-of date count. */
static void
test_as_of_mid_week (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02",
                                             "L\\L\\U\\/\\/\\ /U/\\/\\OOOO");
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-11", &e);

  assert_window (&e, 14, 16, "87.5", 2);
  assert_day (e.window_end, "2026-03-11");
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 2);
}

/* Plain J was an approved educational activity before 19 August 2024 and
 * is authorised absence from that day, by the date of each session. */
static void
test_historic_codes_by_date (void)
{
  g_autoptr(WmRegister) summer = register_from ("2024-07-01", "/\\/\\JJ/\\/\\");
  g_autoptr(WmRegister) autumn = register_from ("2024-09-02", "/\\/\\JJ/\\/\\");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2024-07-01", "2024-07-05", NULL);
  wm_test_add_term (calendar, "2024-09-02", "2024-09-06", NULL);

  evaluate (summer, calendar, "2024-07-05", &e);
  assert_window (&e, 10, 10, "100.0", 0);
  g_assert_cmpuint (e.window.approved, ==, 2);

  evaluate (autumn, calendar, "2024-09-06", &e);
  assert_window (&e, 8, 10, "80.0", 2);
  g_assert_cmpuint (e.window.authorised, ==, 2);
}

static void
test_no_register (void)
{
  g_autoptr(WmCalendar) calendar = fortnight_calendar ();
  WmEvaluation e;

  evaluate (NULL, calendar, "2026-03-13", &e);

  assert_day (e.window_start, "2026-03-02");
  assert_day (e.window_end, "2026-03-13");
  g_assert_cmpuint (e.window_weeks, ==, 2);
  g_assert_cmpuint (e.possible, ==, 0);
  g_assert_cmpint (e.percent_tenths, ==, WM_PERCENT_NULL);
  g_assert_cmpint (e.range_low_tenths, ==, WM_PERCENT_NULL);
  g_assert_cmpint (e.range_high_tenths, ==, WM_PERCENT_NULL);
  g_assert_cmpint (e.level, ==, WM_LEVEL_NULL);
  g_assert_cmpint (e.level_high, ==, WM_LEVEL_NULL);
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 0);
  g_assert_false (e.persistent_absence);
  assert_description (&e, "Not placed: no possible session in the window");
}

static void
test_no_sessions_held (void)
{
  g_autoptr(WmRegister) reg = register_from ("2026-03-02", "/\\/\\");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  evaluate (reg, calendar, "2026-03-13", &e);

  g_assert_cmpuint (e.as_of, ==, wm_test_day ("2026-03-13"));
  g_assert_cmpuint (e.window_start, ==, WM_DAY_NONE);
  g_assert_cmpuint (e.window_end, ==, WM_DAY_NONE);
  g_assert_cmpuint (e.threshold_start, ==, WM_DAY_NONE);
  g_assert_cmpuint (e.window_weeks, ==, 0);
  g_assert_cmpint (e.level, ==, WM_LEVEL_NULL);
  assert_description (&e, "Not placed: no possible session in the window");
}

static void
test_describe_level (void)
{
  g_autoptr(WmRegister) reg = register_from (
    "2026-03-02",
    "/\\/\\/\\/\\/\\ /\\OO/\\/\\/\\ /\\/\\IIII/\\ /\\/\\/\\/\\/O");
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmEvaluation e;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-27", NULL);
  evaluate (reg, calendar, "2026-03-27", &e);

  assert_window (&e, 33, 40, "82.5", 2);
  assert_description (&e, "Level 2: 33 of 40 possible sessions attended "
                          "(82.5%) in the 4 school weeks 2 to 27 March 2026");
}

static void
check_level_description (gint        level,
                         gint        level_high,
                         const char *expected)
{
  g_autofree char *text = wm_level_describe (level, level_high);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_level_describe (void)
{
  check_level_description (0, 0, "No level");
  check_level_description (1, 1, "Level 1");
  check_level_description (2, 2, "Level 2");
  check_level_description (3, 3, "Level 3");
  check_level_description (0, 1, "No level or Level 1");
  check_level_description (2, 3, "Level 2 or 3");
  check_level_description (3, 2, "Level 2 or 3");
  check_level_description (1, 3, "Level 1, 2 or 3");
  check_level_description (0, 2, "No level, Level 1 or 2");
  check_level_description (0, 3, "No level, Level 1, 2 or 3");
  check_level_description (WM_LEVEL_NULL, WM_LEVEL_NULL, "Not placed");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/register/get-set", test_register_get_set);
  g_test_add_func ("/register/set-outside", test_register_set_outside);
  g_test_add_func ("/register/notation/weekends",
                   test_register_notation_weekends);
  g_test_add_func ("/register/notation/spaces",
                   test_register_notation_spaces);
  g_test_add_func ("/register/notation/midweek",
                   test_register_notation_midweek);
  g_test_add_func ("/register/notation/saturday",
                   test_register_notation_saturday);
  g_test_add_func ("/register/notation/odd-and-empty",
                   test_register_notation_odd_and_empty);
  g_test_add_func ("/register/notation/unknown-code",
                   test_register_notation_unknown);

  g_test_add_func ("/evaluation/possible-session-denominator",
                   test_possible_session_denominator);
  g_test_add_func ("/evaluation/dual-registration", test_dual_registration);
  g_test_add_func ("/evaluation/late-codes", test_late_codes);
  g_test_add_func ("/evaluation/off-site-activity", test_off_site_activity);
  g_test_add_func ("/evaluation/joiner-before-admission",
                   test_joiner_before_admission);
  g_test_add_func ("/evaluation/leaver-after-leaving",
                   test_leaver_after_leaving);
  g_test_add_func ("/evaluation/sessions-not-days", test_sessions_not_days);
  g_test_add_func ("/evaluation/missing-marks-range",
                   test_missing_marks_range);
  g_test_add_func ("/evaluation/export-ends-early", test_export_ends_early);
  g_test_add_func ("/evaluation/code-on-session-not-held",
                   test_code_on_session_not_held);
  g_test_add_func ("/evaluation/holidays-not-absence",
                   test_holidays_not_absence);
  g_test_add_func ("/evaluation/window/skips-easter",
                   test_window_skips_easter);
  g_test_add_func ("/evaluation/window/across-half-term",
                   test_window_across_half_term);
  g_test_add_func ("/evaluation/threshold/over-summer",
                   test_threshold_over_summer);
  g_test_add_func ("/evaluation/threshold/over-new-year",
                   test_threshold_over_new_year);
  g_test_add_func ("/evaluation/daylight-saving", test_daylight_saving);
  g_test_add_func ("/evaluation/year-to-date", test_year_to_date);
  g_test_add_func ("/evaluation/as-of-mid-week", test_as_of_mid_week);
  g_test_add_func ("/evaluation/historic-codes-by-date",
                   test_historic_codes_by_date);
  g_test_add_func ("/evaluation/no-register", test_no_register);
  g_test_add_func ("/evaluation/no-sessions-held", test_no_sessions_held);
  g_test_add_func ("/evaluation/describe/level", test_describe_level);
  g_test_add_func ("/evaluation/describe/level-names", test_level_describe);

  return g_test_run ();
}
