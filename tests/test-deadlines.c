/* test-deadlines.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "wm-test-util.h"
#include "wm-case.h"
#include "wm-deadlines.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-store-records.h"
#include "wm-terms.h"

static void
assert_day (WmDay       found,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (found);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_weekday (WmDay       found,
                const char *expected)
{
  g_autofree char *text = wm_day_format_weekday (found);

  g_assert_cmpstr (text, ==, expected);
}

static void
compute_penalty (const char         *sent,
                 WmServiceMethod     method,
                 WmPenaltyDeadlines *out)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  wm_penalty_deadlines_compute (wm_test_day (sent), method, holidays, &rules,
                                out);
}

/* Penalty notices ---------------------------------------------------- */

/* "Within 21 days beginning with" a day counts that day as day 1. */
static void
test_period_beginning_with (void)
{
  WmDay received = wm_test_day ("2028-02-16");

  assert_weekday (wm_period_last_day (received, 21), "Tuesday 7 March 2028");
  assert_weekday (wm_period_last_day (received, 28), "Tuesday 14 March 2028");
  assert_day (wm_period_last_day (received, 1), "2028-02-16");
}

/* Posted before Christmas: received on the second working day, and the
 * school holiday does not extend the 28 days. */
static void
test_penalty_posted_before_christmas (void)
{
  WmPenaltyDeadlines deadlines;

  compute_penalty ("2026-12-10", WM_SERVICE_POSTED, &deadlines);

  assert_weekday (deadlines.received, "Monday 14 December 2026");
  assert_weekday (deadlines.reduced_last_day, "Sunday 3 January 2027");
  assert_weekday (deadlines.full_last_day, "Sunday 10 January 2027");
  g_assert_cmpuint (deadlines.reduced_days, ==, 21);
  g_assert_cmpuint (deadlines.full_days, ==, 28);
  g_assert_false (deadlines.outside_holiday_table);
}

static void
assert_clock_change_case (void)
{
  WmPenaltyDeadlines deadlines;

  compute_penalty ("2026-10-09", WM_SERVICE_POSTED, &deadlines);

  assert_weekday (deadlines.received, "Tuesday 13 October 2026");
  assert_weekday (deadlines.reduced_last_day, "Monday 2 November 2026");
  assert_weekday (deadlines.full_last_day, "Monday 9 November 2026");
}

/* The clocks go back on 25 October 2026, inside both periods: no day
 * moves, in London or in a zone whose clocks change on other dates. */
static void
test_penalty_clock_change (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  assert_clock_change_case ();

  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();
  assert_clock_change_case ();

  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  tzset ();
  assert_clock_change_case ();

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

/* Periods crossing 29 February 2028, and the same dates in 2027. */
static void
test_penalty_leap_day (void)
{
  WmPenaltyDeadlines deadlines;

  compute_penalty ("2028-02-16", WM_SERVICE_HANDED, &deadlines);
  assert_weekday (deadlines.received, "Wednesday 16 February 2028");
  assert_weekday (deadlines.reduced_last_day, "Tuesday 7 March 2028");
  assert_weekday (deadlines.full_last_day, "Tuesday 14 March 2028");

  compute_penalty ("2027-02-16", WM_SERVICE_HANDED, &deadlines);
  assert_weekday (deadlines.reduced_last_day, "Monday 8 March 2027");
  assert_weekday (deadlines.full_last_day, "Monday 15 March 2027");

  /* Posted on Monday 28 February 2028: the leap day is the first working
   * day after posting. */
  compute_penalty ("2028-02-28", WM_SERVICE_POSTED, &deadlines);
  assert_weekday (deadlines.received, "Wednesday 1 March 2028");
  assert_weekday (deadlines.reduced_last_day, "Tuesday 21 March 2028");
  assert_weekday (deadlines.full_last_day, "Tuesday 28 March 2028");
}

static void
test_penalty_handed_over (void)
{
  WmPenaltyDeadlines deadlines;

  compute_penalty ("2026-10-09", WM_SERVICE_HANDED, &deadlines);

  assert_weekday (deadlines.received, "Friday 9 October 2026");
  assert_weekday (deadlines.reduced_last_day, "Thursday 29 October 2026");
  assert_weekday (deadlines.full_last_day, "Thursday 5 November 2026");
}

/* Good Friday and Easter Monday are not working days. */
static void
test_penalty_posted_before_easter (void)
{
  WmPenaltyDeadlines deadlines;

  compute_penalty ("2026-04-02", WM_SERVICE_POSTED, &deadlines);

  assert_weekday (deadlines.received, "Wednesday 8 April 2026");
}

static void
test_penalty_service_rule (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  WmDay posted = wm_test_day ("2026-12-10");
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);

  rules.penalty_service_working_days = 3;
  assert_day (wm_penalty_received_day (posted, WM_SERVICE_POSTED, holidays,
                                       &rules), "2026-12-15");

  rules.penalty_service_working_days = 0;
  assert_day (wm_penalty_received_day (posted, WM_SERVICE_POSTED, holidays,
                                       &rules), "2026-12-10");

  /* Handed over is received that day whatever the service rule. */
  rules.penalty_service_working_days = 5;
  assert_day (wm_penalty_received_day (posted, WM_SERVICE_HANDED, holidays,
                                       &rules), "2026-12-10");
}

/* A closure day added to the table is skipped like a bank holiday. */
static void
test_penalty_added_closure (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  wm_holidays_add (holidays, wm_test_day ("2026-12-11"));

  assert_day (wm_penalty_received_day (wm_test_day ("2026-12-10"),
                                       WM_SERVICE_POSTED, holidays, &rules),
              "2026-12-15");
}

static void
test_penalty_outside_table (void)
{
  WmPenaltyDeadlines deadlines;
  g_autofree char *text = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);

  compute_penalty ("2030-12-30", WM_SERVICE_POSTED, &deadlines);
  g_assert_true (deadlines.outside_holiday_table);
  assert_day (deadlines.received, "2031-01-01");

  text = wm_penalty_deadlines_describe (&deadlines, &rules, FALSE);
  g_assert_cmpstr (text, ==,
                   "Posted on Monday 30 December 2030, so received on "
                   "Wednesday 1 January 2031, 2 working days after posting. "
                   "The bank holiday table does not cover these dates, so "
                   "check the day of receipt. Pay 160 pounds by Tuesday "
                   "28 January 2031 (28 days); this notice has no reduced "
                   "amount.");

  compute_penalty ("2030-12-30", WM_SERVICE_HANDED, &deadlines);
  g_assert_false (deadlines.outside_holiday_table);
}

static void
test_penalty_describe (void)
{
  WmPenaltyDeadlines deadlines;
  g_autofree char *posted = NULL;
  g_autofree char *handed = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);

  compute_penalty ("2026-12-10", WM_SERVICE_POSTED, &deadlines);
  posted = wm_penalty_deadlines_describe (&deadlines, &rules, TRUE);
  g_assert_cmpstr (posted, ==,
                   "Posted on Thursday 10 December 2026, so received on "
                   "Monday 14 December 2026, 2 working days after posting. "
                   "Pay 80 pounds by Sunday 3 January 2027 (21 days) or 160 "
                   "pounds by Sunday 10 January 2027 (28 days).");

  compute_penalty ("2026-10-09", WM_SERVICE_HANDED, &deadlines);
  handed = wm_penalty_deadlines_describe (&deadlines, &rules, FALSE);
  g_assert_cmpstr (handed, ==,
                   "Handed over on Friday 9 October 2026, so received that "
                   "day. Pay 160 pounds by Thursday 5 November 2026 "
                   "(28 days); this notice has no reduced amount.");
}

/* Notice to Improve -------------------------------------------------- */

/*
 * The spring term of 2026: Monday 5 January to Friday 27 March with half
 * term from 16 to 20 February, then the summer term from Monday 13 April
 * to Friday 22 May with the early May bank holiday closed.
 */
static WmCalendar *
spring_calendar (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  WmCalendar *calendar = wm_calendar_new ();

  wm_terms_add_to_calendar (calendar, wm_test_day ("2026-01-05"),
                            wm_test_day ("2026-02-13"), holidays);
  wm_terms_add_to_calendar (calendar, wm_test_day ("2026-02-23"),
                            wm_test_day ("2026-03-27"), holidays);
  wm_terms_add_to_calendar (calendar, wm_test_day ("2026-04-13"),
                            wm_test_day ("2026-05-22"), holidays);
  return calendar;
}

static void
compute_improvement (const char          *received,
                     guint                n_weeks,
                     WmPeriodBasis        basis,
                     WmImprovementPeriod *out)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  rules.improvement_basis = basis;
  rules.improvement_min_weeks = 1;

  g_assert_true (wm_improvement_period_compute (wm_test_day (received),
                                                n_weeks, calendar, &rules,
                                                out, &error));
  g_assert_no_error (error);
}

static void
assert_weeks (const WmImprovementPeriod *period,
              const char                *expected)
{
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < period->n_weeks; i++)
    {
      g_autofree char *monday = wm_day_to_iso (period->week_mondays[i]);

      g_string_append_printf (found, "%s%s", i > 0 ? " " : "", monday);
    }

  g_assert_cmpstr (found->str, ==, expected);
}

/* Handed over on Monday 9 February 2026: half term does not use up the
 * 4 school weeks. */
static void
test_improvement_school_weeks (void)
{
  WmImprovementPeriod period;
  g_autofree char *text = NULL;

  compute_improvement ("2026-02-09", 4, WM_PERIOD_BASIS_SCHOOL_WEEKS,
                       &period);

  g_assert_cmpint (period.basis, ==, WM_PERIOD_BASIS_SCHOOL_WEEKS);
  g_assert_cmpuint (period.n_weeks, ==, 4);
  assert_weeks (&period, "2026-02-09 2026-02-23 2026-03-02 2026-03-09");
  assert_weekday (period.last_day, "Sunday 15 March 2026");
  assert_weekday (period.review, "Monday 16 March 2026");
  g_assert_cmpstr (wm_period_basis_label (period.basis), ==, "school weeks");

  text = wm_improvement_period_describe (&period);
  g_assert_cmpstr (text, ==,
                   "4 school weeks (the weeks of 9 February, 23 February, "
                   "2 March and 9 March 2026), ending on Sunday 15 March "
                   "2026; review on Monday 16 March 2026");
}

/* The same notice counted in calendar weeks runs through half term. */
static void
test_improvement_calendar_weeks (void)
{
  WmImprovementPeriod period;
  g_autofree char *text = NULL;

  compute_improvement ("2026-02-09", 4, WM_PERIOD_BASIS_CALENDAR_WEEKS,
                       &period);

  g_assert_cmpint (period.basis, ==, WM_PERIOD_BASIS_CALENDAR_WEEKS);
  assert_weeks (&period, "2026-02-09 2026-02-16 2026-02-23 2026-03-02");
  assert_weekday (period.last_day, "Sunday 8 March 2026");
  assert_weekday (period.review, "Monday 9 March 2026");

  text = wm_improvement_period_describe (&period);
  g_assert_cmpstr (text, ==,
                   "4 calendar weeks (the weeks of 9 February, 16 February, "
                   "23 February and 2 March 2026), ending on Sunday 8 March "
                   "2026; review on Monday 9 March 2026");
}

/* Received on a Wednesday: the period ends on the Tuesday of week 4. */
static void
test_improvement_midweek (void)
{
  WmImprovementPeriod period;

  compute_improvement ("2026-02-11", 3, WM_PERIOD_BASIS_SCHOOL_WEEKS,
                       &period);

  assert_weeks (&period, "2026-02-09 2026-02-23 2026-03-02");
  assert_weekday (period.last_day, "Tuesday 10 March 2026");
  assert_weekday (period.review, "Wednesday 11 March 2026");
}

/* Received in half term: week 1 is the first school week after it. */
static void
test_improvement_received_in_half_term (void)
{
  WmImprovementPeriod period;

  compute_improvement ("2026-02-18", 3, WM_PERIOD_BASIS_SCHOOL_WEEKS,
                       &period);

  assert_weeks (&period, "2026-02-23 2026-03-02 2026-03-09");
  assert_weekday (period.last_day, "Tuesday 17 March 2026");
  assert_weekday (period.review, "Wednesday 18 March 2026");
}

/* Across the Easter holiday of 30 March to 10 April 2026. */
static void
test_improvement_across_easter (void)
{
  WmImprovementPeriod period;
  g_autofree char *text = NULL;

  compute_improvement ("2026-03-20", 6, WM_PERIOD_BASIS_SCHOOL_WEEKS,
                       &period);

  assert_weeks (&period, "2026-03-16 2026-03-23 2026-04-13 2026-04-20 "
                "2026-04-27 2026-05-04");
  assert_weekday (period.last_day, "Thursday 14 May 2026");
  assert_weekday (period.review, "Friday 15 May 2026");

  compute_improvement ("2026-03-20", 1, WM_PERIOD_BASIS_SCHOOL_WEEKS,
                       &period);
  text = wm_improvement_period_describe (&period);
  g_assert_cmpstr (text, ==,
                   "1 school week (the week of 16 March 2026), ending on "
                   "Thursday 26 March 2026; review on Friday 27 March 2026");
}

static void
test_improvement_calendar_too_short (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  g_autoptr(WmCalendar) empty = wm_calendar_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty_error = NULL;
  WmImprovementPeriod period;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);

  g_assert_false (wm_improvement_period_compute (wm_test_day ("2026-05-06"),
                                                 3, calendar, &rules,
                                                 &period, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The school calendar ends on 22 May 2026, before school "
                   "week 4 of the improvement period: add the term dates "
                   "after 22 May 2026");

  g_assert_false (wm_improvement_period_compute (wm_test_day ("2026-05-06"),
                                                 3, empty, &rules, &period,
                                                 &empty_error));
  g_assert_error (empty_error, WM_ERROR, WM_ERROR_INVALID_INPUT);

  /* Calendar weeks need no term dates. */
  rules.improvement_basis = WM_PERIOD_BASIS_CALENDAR_WEEKS;
  g_assert_true (wm_improvement_period_compute (wm_test_day ("2026-05-06"),
                                                3, empty, &rules, &period,
                                                NULL));
  assert_weekday (period.review, "Wednesday 27 May 2026");
}

static void
test_improvement_weeks_out_of_range (void)
{
  g_autoptr(WmCalendar) calendar = spring_calendar ();
  WmImprovementPeriod period;
  WmResponseRules rules;
  WmDay received = wm_test_day ("2026-01-05");

  wm_response_rules_init_defaults (&rules);

  for (guint weeks = 0; weeks <= 8; weeks++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = weeks >= 3 && weeks <= 6;

      g_assert_cmpint (wm_improvement_period_compute (received, weeks,
                                                      calendar, &rules,
                                                      &period, &error),
                       ==, allowed);
      if (allowed)
        g_assert_no_error (error);
      else
        g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_improvement_period_compute (received, 7, calendar,
                                                   &rules, &period, &error));
    g_assert_cmpstr (error->message, ==,
                     "An improvement period of 7 weeks is out of range: "
                     "choose from 3 to 6 weeks (rules “improvement-min-weeks” "
                     "and “improvement-max-weeks”)");
  }
}

/* Deadlines over the school's entered term dates --------------------- */

/*
 * A pupil of Millbrook Primary with a Notice to Improve received on
 * Monday 9 February 2026 and a period of 4 school weeks. Nothing is
 * imported, so every school week comes from entered terms or, where
 * none are entered, from the generated pattern.
 */
typedef struct
{
  WmStore *store;
  gint64   school_id;
  gint64   pupil_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("deadlines.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  WmPupilRecord pupil = { .upn = "B801200005001", .surname = "Test",
                          .forename = "Ada",
                          .dob = wm_test_day ("2015-03-14") };
  gint64 case_id, record_id;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->school_id = wm_store_ensure_school (fixture->store, "999", "2001",
                                               NULL, "Millbrook Primary",
                                               &error);
  g_assert_no_error (error);
  fixture->pupil_id = wm_store_upsert_pupil (fixture->store, &pupil,
                                             fixture->school_id, NULL,
                                             &error);
  g_assert_no_error (error);

  case_id = wm_case_open (fixture->store, fixture->pupil_id,
                          wm_test_day ("2026-01-12"), "Attendance below 90%",
                          "A. Officer", "A. Officer", &error);
  g_assert_no_error (error);
  json_object_set_string_member (body, "issue_date", "2026-02-09");
  json_object_set_int_member (body, "improvement_weeks", 4);
  record_id = wm_record_save_draft (fixture->store, case_id, 0,
                                    "notice-to-improve", body, "A. Officer",
                                    &error);
  g_assert_no_error (error);
  g_assert_true (wm_record_finalise (fixture->store, record_id, "A. Officer",
                                     &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static void
enter (Fixture    *fixture,
       WmTermKind  kind,
       const char *name,
       const char *first,
       const char *last)
{
  g_autoptr(GError) error = NULL;
  WmSchoolTerm term = {
    .kind = kind, .name = (char *) name,
    .first_day = wm_test_day (first), .last_day = wm_test_day (last),
  };

  g_assert_cmpint (wm_store_add_term (fixture->store, fixture->school_id,
                                      &term, &error), >, 0);
  g_assert_no_error (error);
}

static void
enter_spring (Fixture *fixture)
{
  enter (fixture, WM_TERM_KIND_TERM, "Spring 1", "2026-01-05", "2026-02-13");
  enter (fixture, WM_TERM_KIND_TERM, "Spring 2", "2026-02-23", "2026-03-27");
}

/* The response as of the day the notice was received. */
static WmResponse *
respond (Fixture *fixture)
{
  g_autoptr(WmEngine) engine = wm_engine_new (fixture->store,
                                              wm_test_day ("2026-02-09"));
  g_autoptr(GError) error = NULL;
  WmResponse *response;

  response = wm_engine_respond_pupil (engine, fixture->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static const WmDeadline *
find_deadline (const WmResponse *response,
               const char       *key)
{
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      if (g_strcmp0 (deadline->key, key) == 0)
        return deadline;
    }

  g_assert_not_reached ();
}

static guint
count_notes_with (const WmResponse *response,
                  const char       *text)
{
  guint n = 0;

  for (guint i = 0; i < response->notes->len; i++)
    if (strstr (g_ptr_array_index (response->notes, i), text) != NULL)
      n++;

  return n;
}

/* Received Monday 9 February 2026, half term 16 to 20 February entered as
 * the gap between Spring 1 and Spring 2: the review is Monday 16 March,
 * and nothing is assumed. */
static void
test_entered_half_term (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmDeadline *review;

  enter_spring (fixture);
  response = respond (fixture);
  review = find_deadline (response, "notice-to-improve-review");

  assert_day (review->day, "2026-03-16");
  g_assert_cmpstr (review->sentence, ==,
                   "Review the Notice to Improve: 4 school weeks (the weeks "
                   "of 9 February, 23 February, 2 March and 9 March 2026), "
                   "ending on Sunday 15 March 2026; review on Monday "
                   "16 March 2026");
  g_assert_cmpuint (count_notes_with (response, "term dates"), ==, 0);
}

/* A training day inside the period closes one day, not the week; a
 * closure of a whole week moves the review on by a week. */
static void
test_entered_closure (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(WmResponse) later = NULL;
  const WmDeadline *review;

  enter_spring (fixture);
  enter (fixture, WM_TERM_KIND_CLOSURE, "Training day", "2026-03-02",
         "2026-03-02");
  response = respond (fixture);
  review = find_deadline (response, "notice-to-improve-review");
  assert_day (review->day, "2026-03-16");

  enter (fixture, WM_TERM_KIND_CLOSURE, "Heating repairs", "2026-03-03",
         "2026-03-06");
  later = respond (fixture);
  review = find_deadline (later, "notice-to-improve-review");
  assert_day (review->day, "2026-03-23");
  g_assert_cmpstr (review->sentence, ==,
                   "Review the Notice to Improve: 4 school weeks (the weeks "
                   "of 9 February, 23 February, 9 March and 16 March 2026), "
                   "ending on Sunday 22 March 2026; review on Monday "
                   "23 March 2026");
}

/* With no terms entered, the generated pattern fills in, and both the
 * deadline and the notes state it. */
static void
test_no_terms_says_so (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WmResponse) response = respond (fixture);
  const WmDeadline *review = find_deadline (response,
                                            "notice-to-improve-review");

  assert_day (review->day, "2026-03-16");
  g_assert_cmpstr (review->sentence, ==,
                   "Review the Notice to Improve: 4 school weeks (the weeks "
                   "of 9 February, 23 February, 2 March and 9 March 2026), "
                   "ending on Sunday 15 March 2026; review on Monday "
                   "16 March 2026; term dates not entered for 10 February to "
                   "16 March 2026; assumed the usual pattern");
  g_assert_cmpuint (count_notes_with (response, "term dates are not entered"),
                    ==, 1);
}

/* Terms entered only up to half term: the rest of the period is
 * assumed, and only that stretch is named. */
static void
test_partly_entered (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmDeadline *end;

  enter (fixture, WM_TERM_KIND_TERM, "Spring 1", "2026-01-05", "2026-02-13");
  response = respond (fixture);
  end = find_deadline (response, "notice-to-improve-end");

  g_assert_true (g_str_has_suffix (end->sentence,
                                   "; term dates not entered for 14 February "
                                   "to 16 March 2026; assumed the usual "
                                   "pattern"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deadlines/period/beginning-with",
                   test_period_beginning_with);
  g_test_add_func ("/deadlines/penalty/posted-before-christmas",
                   test_penalty_posted_before_christmas);
  g_test_add_func ("/deadlines/penalty/clock-change",
                   test_penalty_clock_change);
  g_test_add_func ("/deadlines/penalty/leap-day", test_penalty_leap_day);
  g_test_add_func ("/deadlines/penalty/handed-over",
                   test_penalty_handed_over);
  g_test_add_func ("/deadlines/penalty/posted-before-easter",
                   test_penalty_posted_before_easter);
  g_test_add_func ("/deadlines/penalty/service-rule",
                   test_penalty_service_rule);
  g_test_add_func ("/deadlines/penalty/added-closure",
                   test_penalty_added_closure);
  g_test_add_func ("/deadlines/penalty/outside-table",
                   test_penalty_outside_table);
  g_test_add_func ("/deadlines/penalty/describe", test_penalty_describe);
  g_test_add_func ("/deadlines/improvement/school-weeks",
                   test_improvement_school_weeks);
  g_test_add_func ("/deadlines/improvement/calendar-weeks",
                   test_improvement_calendar_weeks);
  g_test_add_func ("/deadlines/improvement/midweek",
                   test_improvement_midweek);
  g_test_add_func ("/deadlines/improvement/received-in-half-term",
                   test_improvement_received_in_half_term);
  g_test_add_func ("/deadlines/improvement/across-easter",
                   test_improvement_across_easter);
  g_test_add_func ("/deadlines/improvement/calendar-too-short",
                   test_improvement_calendar_too_short);
  g_test_add_func ("/deadlines/improvement/weeks-out-of-range",
                   test_improvement_weeks_out_of_range);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/deadlines/improvement/entered-half-term", test_entered_half_term);
  ADD ("/deadlines/improvement/entered-closure", test_entered_closure);
  ADD ("/deadlines/improvement/no-terms-says-so", test_no_terms_says_so);
  ADD ("/deadlines/improvement/partly-entered-names-the-rest",
       test_partly_entered);

#undef ADD

  return g_test_run ();
}
