/* test-routes.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-test-util.h"
#include "wm-routes.h"

static void
assert_day (WmDay       found,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (found);

  g_assert_cmpstr (text, ==, expected);
}

/*
 * Terms from April 2026 to February 2027. The summer term of 2026 runs
 * from Monday 13 April to Friday 17 July, with half term 25 to 29 May. The
 * autumn term runs from Thursday 3 September to Friday 18 December, with
 * half term 26 to 30 October. The spring term runs from Monday 4 January
 * to Friday 12 February 2027.
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

static void
set_mark (WmRegister *reg,
          const char *day,
          WmSession   session,
          const char *code)
{
  wm_register_set (reg, wm_test_day (day), session, wm_mark_from_code (code));
}

static void
set_day (WmRegister *reg,
         const char *day,
         const char *code)
{
  set_mark (reg, day, WM_SESSION_AM, code);
  set_mark (reg, day, WM_SESSION_PM, code);
}

static void
evaluate_threshold (const WmRegister  *reg,
                    const WmCalendar  *calendar,
                    const char        *as_of,
                    const WmDayRange  *used,
                    guint              n_used,
                    WmThresholdResult *out)
{
  WmRules rules;

  wm_rules_init_defaults (&rules);
  wm_threshold_evaluate (reg, calendar, wm_test_day (as_of), &rules, used,
                         n_used, out);
}

static void
assert_threshold_description (const WmThresholdResult *result,
                              const char              *expected)
{
  g_autofree char *text = wm_threshold_describe (result);

  g_assert_cmpstr (text, ==, expected);
}

/* Penalty threshold -------------------------------------------------- */

/* `G G` on Thursday 16 July 2026 and `O` on the Monday mornings of
 * 7 September to 19 October and 2 November. */
static WmRegister *
summer_holiday_register (const WmCalendar *calendar)
{
  static const char * const mondays[] = {
    "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
    "2026-10-12", "2026-10-19", "2026-11-02",
  };
  WmRegister *reg = present_register (calendar);

  set_day (reg, "2026-07-16", "G");
  for (guint i = 0; i < G_N_ELEMENTS (mondays); i++)
    set_mark (reg, mondays[i], WM_SESSION_AM, "O");

  return reg;
}

/*
 * The rolling period is 10 school weeks, so it reaches back over the
 * summer holiday to the week of 13 July: 10 sessions on 2 November, when
 * 10 calendar weeks back would give 8. On Friday 30 October, in half
 * term, the period contains 9.
 */
static void
test_threshold_summer_holiday (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = summer_holiday_register (calendar);
  WmThresholdResult result;

  evaluate_threshold (reg, calendar, "2026-11-02", NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);
  g_assert_cmpuint (result.needed, ==, 10);
  g_assert_cmpuint (result.excluded, ==, 0);
  g_assert_cmpuint (result.window_weeks, ==, 10);
  assert_day (result.window_start, "2026-07-13");
  assert_day (result.first_met, "2026-11-02");
  assert_threshold_description (&result,
                                "Penalty threshold met: 10 unauthorised "
                                "sessions (G, N, O, U) in the 10 school "
                                "weeks 13 July to 2 November 2026 (the "
                                "threshold is 10); first met on 2 November "
                                "2026");

  evaluate_threshold (reg, calendar, "2026-10-30", NULL, 0, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 9);
  g_assert_cmpuint (result.first_met, ==, WM_DAY_NONE);
}

/*
 * A count above the threshold is given as a count, with the threshold
 * beside it: "12 of 10" would read as a mistake. With `O O` added on
 * Tuesday 3 and Wednesday 4 November the period of 13 July to 4 November
 * contains 14 sessions.
 */
static void
test_threshold_above (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = summer_holiday_register (calendar);
  WmThresholdResult result;

  set_day (reg, "2026-11-03", "O");
  set_day (reg, "2026-11-04", "O");
  evaluate_threshold (reg, calendar, "2026-11-04", NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 14);
  g_assert_cmpuint (result.needed, ==, 10);
  assert_threshold_description (&result,
                                "Penalty threshold met: 14 unauthorised "
                                "sessions (G, N, O, U) in the 10 school "
                                "weeks 13 July to 4 November 2026 (the "
                                "threshold is 10); first met on 2 November "
                                "2026");
}

/* `G G` Friday 16 October 2026, `N N` Monday 19 October, and `O` on the
 * Friday mornings of 6 November to 11 December, 8 and 15 January 2027. */
static WmRegister *
new_year_register (const WmCalendar *calendar)
{
  static const char * const fridays[] = {
    "2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04",
    "2026-12-11", "2027-01-08", "2027-01-15",
  };
  WmRegister *reg = present_register (calendar);

  set_day (reg, "2026-10-16", "G");
  set_day (reg, "2026-10-19", "N");
  for (guint i = 0; i < G_N_ELEMENTS (fridays); i++)
    set_mark (reg, fridays[i], WM_SESSION_AM, "O");

  return reg;
}

/*
 * As of 15 January 2027 the period runs from 19 October 2026, so the
 * `G G` of 16 October has left it: 10 sessions, not 12. The threshold was
 * met from 11 December to 10 January, stopped on 11 January when the
 * `G G` left the period, and was met again on 15 January, which starts
 * the current run.
 */
static void
test_threshold_new_year (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = new_year_register (calendar);
  WmThresholdResult result;

  evaluate_threshold (reg, calendar, "2027-01-15", NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);
  assert_day (result.window_start, "2026-10-19");
  assert_day (result.first_met, "2027-01-15");

  evaluate_threshold (reg, calendar, "2027-01-14", NULL, 0, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 9);

  evaluate_threshold (reg, calendar, "2027-01-08", NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 11);
  assert_day (result.first_met, "2026-12-11");

  evaluate_threshold (reg, calendar, "2026-12-10", NULL, 0, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 9);
}

/* Sessions an issued penalty notice used are not counted again. */
static void
test_threshold_used_sessions (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = summer_holiday_register (calendar);
  const WmDayRange used[] = {
    { wm_test_day ("2026-07-13"), wm_test_day ("2026-07-17") },
  };
  WmThresholdResult result;

  evaluate_threshold (reg, calendar, "2026-11-02", used, G_N_ELEMENTS (used),
                      &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 8);
  g_assert_cmpuint (result.excluded, ==, 2);
  g_assert_cmpuint (result.first_met, ==, WM_DAY_NONE);
  assert_threshold_description (&result,
                                "Penalty threshold not met: 8 of 10 "
                                "unauthorised sessions (G, N, O, U) in the "
                                "10 school weeks 13 July to 2 November 2026, "
                                "leaving out 2 already used by an issued "
                                "penalty notice");
}

/* Authorised absence and late arrival before the register closed do not
 * count; `U`, after it closed, does. */
static void
test_threshold_codes (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  g_autoptr(WmRegister) reg = NULL;
  WmThresholdResult result;

  wm_test_add_term (calendar, "2026-03-02", "2026-03-13", NULL);
  reg = present_register (calendar);
  set_day (reg, "2026-03-02", "I");
  set_day (reg, "2026-03-03", "L");
  set_day (reg, "2026-03-04", "U");
  set_day (reg, "2026-03-05", "G");
  set_day (reg, "2026-03-06", "N");
  set_day (reg, "2026-03-09", "O");
  set_day (reg, "2026-03-10", "M");

  evaluate_threshold (reg, calendar, "2026-03-13", NULL, 0, &result);
  g_assert_cmpuint (result.count, ==, 8);
  g_assert_false (result.met);

  set_mark (reg, "2026-03-13", WM_SESSION_PM, "O");
  set_mark (reg, "2026-03-13", WM_SESSION_AM, "O");
  evaluate_threshold (reg, calendar, "2026-03-13", NULL, 0, &result);
  g_assert_cmpuint (result.count, ==, 10);
  g_assert_true (result.met);
  assert_day (result.first_met, "2026-03-13");
  g_assert_cmpuint (result.window_weeks, ==, 2);
}

/*
 * The day the threshold was first met moves with the sessions an issued
 * notice used. Without the notice, the `new_year_register` run starts on
 * 11 December 2026. With the `O` of 6 November used, 8 January 2027 has
 * 10 counted sessions (`G G`, `N N` and six `O`) and 7 January 9, so the
 * run starts on 8 January.
 */
static void
test_threshold_first_met_used (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = new_year_register (calendar);
  const WmDayRange used[] = {
    { wm_test_day ("2026-11-06"), wm_test_day ("2026-11-06") },
  };
  WmThresholdResult result;

  evaluate_threshold (reg, calendar, "2027-01-08", used, G_N_ELEMENTS (used),
                      &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);
  g_assert_cmpuint (result.excluded, ==, 1);
  assert_day (result.first_met, "2027-01-08");

  evaluate_threshold (reg, calendar, "2027-01-07", used, G_N_ELEMENTS (used),
                      &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 9);
}

/* The `new_year_register` marks up to Friday 11 December 2026 only, as
 * when the newest import ends there. */
static WmRegister *
register_ending_11_december (const WmCalendar *calendar)
{
  g_autoptr(WmRegister) full = new_year_register (calendar);
  WmDay first = wm_calendar_first_day (calendar);
  WmDay last = wm_test_day ("2026-12-11");
  WmRegister *reg = wm_register_new (first, last - first + 1);

  for (WmDay day = first; day <= last; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      if (wm_register_get (full, day, session) != WM_MARK_NONE)
        wm_register_set (reg, day, session,
                         wm_register_get (full, day, session));

  return reg;
}

/*
 * A day after the register's last day counts the marks up to that last
 * day. On Monday 14 December the period (from 5 October) contains `G G`,
 * `N N` and the six `O` up to 11 December, so the threshold is met. The
 * weekend before and 11 December meet it too, and 10 December has 9, so
 * the run starts on 11 December.
 */
static void
test_threshold_register_ended (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = register_ending_11_december (calendar);
  WmThresholdResult result;

  evaluate_threshold (reg, calendar, "2026-12-14", NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);
  assert_day (result.window_start, "2026-10-05");
  assert_day (result.first_met, "2026-12-11");
}

static void
test_threshold_no_register (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmCalendar) empty = wm_calendar_new ();
  WmThresholdResult result;

  evaluate_threshold (NULL, calendar, "2026-11-02", NULL, 0, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 0);
  g_assert_cmpuint (result.window_weeks, ==, 10);

  evaluate_threshold (NULL, empty, "2026-11-02", NULL, 0, &result);
  g_assert_cmpuint (result.window_weeks, ==, 0);
  g_assert_cmpuint (result.window_start, ==, WM_DAY_NONE);
  assert_threshold_description (&result,
                                "Penalty threshold not met: the school held "
                                "no session on or before this date");
}

/* Leave refused ------------------------------------------------------ */

static void
evaluate_leave (const WmRegister     *reg,
                const char           *first,
                const char           *last,
                const char           *as_of,
                guint                 needed,
                WmLeaveRefusedResult *out)
{
  const WmDayRange request = { wm_test_day (first), wm_test_day (last) };
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  rules.leave_refused_sessions = needed;
  wm_leave_refused_evaluate (reg, &request, wm_test_day (as_of), &rules, NULL,
                             0, out);
}

/* Leave for 1 to 12 June 2026 was refused and the pupil went anyway,
 * coded `G`: the 10th session falls on Friday 5 June. */
static void
test_leave_refused_met (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  g_autofree char *text = NULL;
  WmLeaveRefusedResult result;

  for (WmDay day = wm_test_day ("2026-06-01");
       day <= wm_test_day ("2026-06-12"); day++)
    if (!wm_day_is_weekend (day))
      {
        wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_G);
        wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_G);
      }

  evaluate_leave (reg, "2026-06-01", "2026-06-12", "2026-06-04", 10, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 8);
  g_assert_cmpuint (result.met_on, ==, WM_DAY_NONE);

  evaluate_leave (reg, "2026-06-01", "2026-06-12", "2026-06-30", 10, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 20);
  g_assert_cmpuint (result.needed, ==, 10);
  assert_day (result.met_on, "2026-06-05");

  text = wm_leave_refused_describe (&result);
  g_assert_cmpstr (text, ==,
                   "Leave refused: 20 unauthorised sessions (G, N, O, U) "
                   "inside the refused leave of 1 to 12 June 2026, reaching "
                   "10 on 5 June 2026: request a penalty notice");
}

/* Only unauthorised sessions inside the request's dates count. */
static void
test_leave_refused_counts (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  g_autofree char *text = NULL;
  WmLeaveRefusedResult result;

  set_day (reg, "2026-05-22", "O");
  set_day (reg, "2026-06-01", "G");
  set_day (reg, "2026-06-02", "I");
  set_day (reg, "2026-06-03", "N");
  set_mark (reg, "2026-06-04", WM_SESSION_AM, "U");
  set_day (reg, "2026-06-08", "G");

  evaluate_leave (reg, "2026-06-01", "2026-06-05", "2026-06-30", 10, &result);
  g_assert_cmpuint (result.count, ==, 5);
  g_assert_false (result.met);
  text = wm_leave_refused_describe (&result);
  g_assert_cmpstr (text, ==,
                   "Leave refused: 5 unauthorised sessions (G, N, O, U) "
                   "inside the refused leave of 1 to 5 June 2026, fewer than "
                   "the 10 that make a case for a penalty notice");

  /* The number of sessions is a rule value. */
  evaluate_leave (reg, "2026-06-01", "2026-06-05", "2026-06-30", 4, &result);
  g_assert_true (result.met);
  assert_day (result.met_on, "2026-06-03");
}

/* An issued penalty notice for the first week of a refused leave used
 * those sessions: the second week's 10 alone make the case again, and
 * the sentence states how many were left out. */
static void
test_leave_refused_used (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();
  g_autoptr(WmRegister) reg = present_register (calendar);
  const WmDayRange request = { wm_test_day ("2026-06-01"),
                               wm_test_day ("2026-06-05") };
  const WmDayRange used[] = { request };
  const WmDayRange longer = { wm_test_day ("2026-06-01"),
                              wm_test_day ("2026-06-12") };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  WmLeaveRefusedResult result;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  for (WmDay day = request.first; day <= request.last; day++)
    {
      wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_G);
      wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_G);
    }

  wm_leave_refused_evaluate (reg, &request, wm_test_day ("2026-06-30"),
                             &rules, NULL, 0, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);

  wm_leave_refused_evaluate (reg, &request, wm_test_day ("2026-06-30"),
                             &rules, used, 1, &result);
  g_assert_false (result.met);
  g_assert_cmpuint (result.count, ==, 0);
  g_assert_cmpuint (result.excluded, ==, 10);
  before = wm_leave_refused_describe (&result);
  g_assert_cmpstr (before, ==,
                   "Leave refused: 0 unauthorised sessions (G, N, O, U) "
                   "inside the refused leave of 1 to 5 June 2026, leaving "
                   "out 10 already used by an issued penalty notice, fewer "
                   "than the 10 that make a case for a penalty notice");

  for (WmDay day = wm_test_day ("2026-06-08"); day <= longer.last; day++)
    if (!wm_day_is_weekend (day))
      {
        wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_G);
        wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_G);
      }

  wm_leave_refused_evaluate (reg, &longer, wm_test_day ("2026-06-30"),
                             &rules, used, 1, &result);
  g_assert_true (result.met);
  g_assert_cmpuint (result.count, ==, 10);
  g_assert_cmpuint (result.excluded, ==, 10);
  assert_day (result.met_on, "2026-06-12");
  after = wm_leave_refused_describe (&result);
  g_assert_cmpstr (after, ==,
                   "Leave refused: 10 unauthorised sessions (G, N, O, U) "
                   "inside the refused leave of 1 to 12 June 2026, leaving "
                   "out 10 already used by an issued penalty notice, "
                   "reaching 10 on 12 June 2026: request a penalty notice");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/routes/threshold/summer-holiday",
                   test_threshold_summer_holiday);
  g_test_add_func ("/routes/threshold/above", test_threshold_above);
  g_test_add_func ("/routes/threshold/new-year", test_threshold_new_year);
  g_test_add_func ("/routes/threshold/used-sessions",
                   test_threshold_used_sessions);
  g_test_add_func ("/routes/threshold/codes", test_threshold_codes);
  g_test_add_func ("/routes/threshold/first-met-used",
                   test_threshold_first_met_used);
  g_test_add_func ("/routes/threshold/register-ended",
                   test_threshold_register_ended);
  g_test_add_func ("/routes/threshold/no-register",
                   test_threshold_no_register);
  g_test_add_func ("/routes/leave-refused/met", test_leave_refused_met);
  g_test_add_func ("/routes/leave-refused/counts", test_leave_refused_counts);
  g_test_add_func ("/routes/leave-refused/used", test_leave_refused_used);

  return g_test_run ();
}
