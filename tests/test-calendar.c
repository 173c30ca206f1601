/* test-calendar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdarg.h>

#include <glib.h>

#include "wm-test-util.h"
#include "wm-calendar.h"
#include "wm-deadlines.h"
#include "wm-response-private.h"
#include "wm-store.h"

/*
 * The school year 2026 to 2027 used by several tests. The summer term of
 * 2026 ends on Friday 17 July. The autumn term runs from Thursday
 * 3 September to Friday 18 December with half term 26 to 30 October. The
 * spring term starts on Monday 4 January 2027.
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

/* Checks the school weeks up to @as_of against a NULL-ended list of
 * Mondays, newest first. */
G_GNUC_NULL_TERMINATED static void
check_school_weeks (const WmCalendar *calendar,
                    const char       *as_of,
                    guint             max_weeks,
                    ...)
{
  g_autofree WmDay *mondays = g_new0 (WmDay, max_weeks + 1);
  const char *expected;
  guint n_expected = 0;
  guint n_found;
  va_list args;

  n_found = wm_calendar_school_weeks (calendar, wm_test_day (as_of), max_weeks,
                                      mondays);

  va_start (args, max_weeks);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *found = NULL;

      g_assert_cmpuint (n_expected, <, n_found);
      found = wm_day_to_iso (mondays[n_expected]);
      g_assert_cmpstr (found, ==, expected);
      n_expected++;
    }
  va_end (args);

  g_assert_cmpuint (n_found, ==, n_expected);
  g_assert_cmpuint (mondays[max_weeks], ==, WM_DAY_NONE);
}

static void
test_empty (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmDay mondays[4];
  WmDay last = 7;

  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, 0);
  g_assert_cmpuint (wm_calendar_first_day (calendar), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_calendar_last_day (calendar), ==, WM_DAY_NONE);
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-03-02"),
                                       WM_SESSION_AM));
  g_assert_false (wm_calendar_last_held_on_or_before (calendar,
                                                      wm_test_day ("2026-03-02"),
                                                      &last, NULL));
  g_assert_cmpuint (last, ==, 7);
  g_assert_cmpuint (wm_calendar_school_weeks (calendar, wm_test_day ("2026-03-02"), 4,
                                              mondays), ==, 0);
}

/* Sessions can be added in any order, over more than a year, and the
 * bitmap grows at both ends. */
static void
test_add_any_order (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  const char *days[] = {
    "2026-03-04", "2026-03-02", "2027-06-30", "2025-01-06", "2026-03-03",
    "2025-01-07", "2027-06-29",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    wm_calendar_add_held (calendar, wm_test_day (days[i]), WM_SESSION_PM);

  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_test_message ("day %s", days[i]);
      g_assert_true (wm_calendar_is_held (calendar, wm_test_day (days[i]),
                                          WM_SESSION_PM));
      g_assert_false (wm_calendar_is_held (calendar, wm_test_day (days[i]),
                                           WM_SESSION_AM));
    }

  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-03-05"),
                                       WM_SESSION_PM));
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2025-01-05"),
                                       WM_SESSION_PM));
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2027-07-01"),
                                       WM_SESSION_PM));
  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, G_N_ELEMENTS (days));
  g_assert_cmpuint (wm_calendar_first_day (calendar), ==, wm_test_day ("2025-01-06"));
  g_assert_cmpuint (wm_calendar_last_day (calendar), ==, wm_test_day ("2027-06-30"));
}

static void
test_add_descending_year (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();
  WmDay first = wm_test_day ("2025-09-01");
  WmDay last = wm_test_day ("2026-08-31");

  for (WmDay date = last; date >= first; date--)
    wm_calendar_add_held (calendar, date, WM_SESSION_AM);

  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, last - first + 1);
  for (WmDay date = first; date <= last; date++)
    {
      g_assert_true (wm_calendar_is_held (calendar, date, WM_SESSION_AM));
      g_assert_false (wm_calendar_is_held (calendar, date, WM_SESSION_PM));
    }
  g_assert_false (wm_calendar_is_held (calendar, first - 1, WM_SESSION_AM));
  g_assert_false (wm_calendar_is_held (calendar, last + 1, WM_SESSION_AM));
}

static void
test_add_twice (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();

  wm_calendar_add_held (calendar, wm_test_day ("2026-03-02"), WM_SESSION_AM);
  wm_calendar_add_held (calendar, wm_test_day ("2026-03-02"), WM_SESSION_AM);
  wm_calendar_add_held (calendar, wm_test_day ("2026-03-02"), WM_SESSION_PM);

  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, 2);
}

static void
test_ref_unref (void)
{
  WmCalendar *calendar = wm_calendar_new ();

  g_assert_true (wm_calendar_ref (calendar) == calendar);
  wm_calendar_unref (calendar);
  wm_calendar_add_held (calendar, wm_test_day ("2026-03-02"), WM_SESSION_AM);
  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, 1);
  wm_calendar_unref (calendar);
  wm_calendar_unref (NULL);
}

static void
check_last_held (const WmCalendar *calendar,
                 const char       *as_of,
                 const char       *expected_day,
                 WmSession         expected_session)
{
  WmDay found_day = WM_DAY_NONE;
  WmSession found_session = WM_SESSION_AM;
  g_autofree char *found = NULL;

  g_test_message ("as of %s", as_of);
  g_assert_true (wm_calendar_last_held_on_or_before (calendar, wm_test_day (as_of),
                                                     &found_day,
                                                     &found_session));
  found = wm_day_to_iso (found_day);
  g_assert_cmpstr (found, ==, expected_day);
  g_assert_cmpint (found_session, ==, expected_session);
}

static void
test_last_held (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  /* The export ends on a Wednesday morning. */
  wm_calendar_add_held (calendar, wm_test_day ("2027-02-17"), WM_SESSION_AM);

  check_last_held (calendar, "2026-08-15", "2026-07-17", WM_SESSION_PM);
  check_last_held (calendar, "2026-10-28", "2026-10-23", WM_SESSION_PM);
  check_last_held (calendar, "2026-09-06", "2026-09-04", WM_SESSION_PM);
  check_last_held (calendar, "2026-09-03", "2026-09-03", WM_SESSION_PM);
  check_last_held (calendar, "2027-03-01", "2027-02-17", WM_SESSION_AM);

  g_assert_false (wm_calendar_last_held_on_or_before (calendar,
                                                      wm_test_day ("2026-04-12"),
                                                      NULL, NULL));
  g_assert_true (wm_calendar_last_held_on_or_before (calendar,
                                                     wm_test_day ("2026-04-13"),
                                                     NULL, NULL));
}

static void
test_school_weeks_half_term (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2026-11-13", 4,
                      "2026-11-09", "2026-11-02", "2026-10-19", "2026-10-12",
                      NULL);
}

static void
test_school_weeks_christmas (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2027-01-08", 4,
                      "2027-01-04", "2026-12-14", "2026-12-07", "2026-11-30",
                      NULL);
}

/* The week of Monday 31 August is a school week because the autumn term
 * starts on its Thursday. */
static void
test_school_weeks_summer (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2026-09-11", 4,
                      "2026-09-07", "2026-08-31", "2026-07-13", "2026-07-06",
                      NULL);
}

/* Only sessions on or before the as-of date count: on Wednesday
 * 2 September the term has not started, so that week is not a school
 * week yet, and a holiday as-of date gives the weeks before it. */
static void
test_school_weeks_before_as_of (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2026-09-02", 2,
                      "2026-07-13", "2026-07-06", NULL);
  check_school_weeks (calendar, "2026-09-03", 2,
                      "2026-08-31", "2026-07-13", NULL);
  check_school_weeks (calendar, "2026-10-28", 2,
                      "2026-10-19", "2026-10-12", NULL);
}

/* Ten school weeks back from Monday 2 November 2026 reach Monday 13 July,
 * across the summer holiday and the half term. */
static void
test_school_weeks_ten (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2026-11-02", 10,
                      "2026-11-02", "2026-10-19", "2026-10-12", "2026-10-05",
                      "2026-09-28", "2026-09-21", "2026-09-14", "2026-09-07",
                      "2026-08-31", "2026-07-13", NULL);
}

/* Early in the data there are fewer school weeks than asked for. */
static void
test_school_weeks_fewer (void)
{
  g_autoptr(WmCalendar) calendar = school_year_calendar ();

  check_school_weeks (calendar, "2026-04-22", 4,
                      "2026-04-20", "2026-04-13", NULL);
  check_school_weeks (calendar, "2026-04-12", 4, NULL);
  check_school_weeks (calendar, "2026-04-22", 0, NULL);
}

/* One session is enough to make a school week. */
static void
test_school_weeks_single_session (void)
{
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();

  wm_test_add_term (calendar, "2026-03-02", "2026-03-06", NULL);
  wm_calendar_add_held (calendar, wm_test_day ("2026-03-20"), WM_SESSION_PM);

  check_school_weeks (calendar, "2026-03-22", 4,
                      "2026-03-16", "2026-03-02", NULL);
  check_school_weeks (calendar, "2026-03-19", 4, "2026-03-02", NULL);
}

/* Entered term dates ------------------------------------------------- */

static WmSchoolTerm *
entry (WmTermKind  kind,
       const char *name,
       const char *first,
       const char *last)
{
  WmSchoolTerm *term = g_new0 (WmSchoolTerm, 1);

  term->kind = kind;
  term->name = g_strdup (name);
  term->first_day = wm_test_day (first);
  term->last_day = wm_test_day (last);
  return term;
}

/* Spring 1 ends on Friday 13 February 2026, Spring 2 starts on Monday
 * 23 February and ends on Friday 27 March: half term is 16 to 20
 * February. */
static GPtrArray *
spring_terms (void)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_school_term_free);

  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Spring 1", "2026-01-05",
                                 "2026-02-13"));
  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Spring 2", "2026-02-23",
                                 "2026-03-27"));
  return terms;
}

static gboolean
held_all_day (const WmCalendar *calendar,
              const char       *day)
{
  return wm_calendar_is_held (calendar, wm_test_day (day), WM_SESSION_AM)
         && wm_calendar_is_held (calendar, wm_test_day (day), WM_SESSION_PM);
}

static gboolean
closed_all_day (const WmCalendar *calendar,
                const char       *day)
{
  return !wm_calendar_is_held (calendar, wm_test_day (day), WM_SESSION_AM)
         && !wm_calendar_is_held (calendar, wm_test_day (day), WM_SESSION_PM);
}

static char *
ranges_text (GArray *ranges)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const WmDayRange *range = &g_array_index (ranges, WmDayRange, i);
      g_autofree char *first = wm_day_to_iso (range->first);
      g_autofree char *last = wm_day_to_iso (range->last);

      g_string_append_printf (text, "%s%s..%s", i > 0 ? " " : "", first, last);
    }

  return g_string_free (text, FALSE);
}

/* With nothing imported, the entered terms make the calendar: their
 * weekdays, less half term, and the days after them are assumed. */
static void
test_entered_half_term (void)
{
  g_autoptr(WmCalendar) imported = wm_calendar_new ();
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GPtrArray) terms = spring_terms ();
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  g_autoptr(GArray) assumed = g_array_new (FALSE, FALSE, sizeof (WmDayRange));
  g_autofree char *assumed_text = NULL;

  calendar = _wm_response_extend_calendar (imported,
                                           wm_test_day ("2026-02-09"), terms,
                                           holidays, assumed);

  g_assert_true (held_all_day (calendar, "2026-01-05"));
  g_assert_true (held_all_day (calendar, "2026-02-13"));
  for (const char *const *day = (const char *const[]) {
         "2026-02-14", "2026-02-16", "2026-02-18", "2026-02-20",
         "2026-02-22", NULL }; *day != NULL; day++)
    g_assert_true (closed_all_day (calendar, *day));
  g_assert_true (held_all_day (calendar, "2026-02-23"));
  g_assert_true (held_all_day (calendar, "2026-03-27"));
  g_assert_true (closed_all_day (calendar, "2026-03-28"));

  check_school_weeks (calendar, "2026-03-01", 3,
                      "2026-02-23", "2026-02-09", "2026-02-02", NULL);

  assumed_text = ranges_text (assumed);
  g_assert_cmpstr (assumed_text, ==, "2026-03-28..2027-02-10");
}

/* After the latest import the entered terms take over; bank holidays
 * inside a term are no school day. */
static void
test_entered_after_import (void)
{
  g_autoptr(WmCalendar) imported = wm_calendar_new ();
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_school_term_free);
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  g_autoptr(GArray) assumed = g_array_new (FALSE, FALSE, sizeof (WmDayRange));
  g_autofree char *assumed_text = NULL;

  /* The register shows only Monday 13 April held that week. */
  wm_calendar_add_held (imported, wm_test_day ("2026-04-13"), WM_SESSION_AM);
  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Summer 1", "2026-04-13",
                                 "2026-05-22"));
  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Summer 2", "2026-06-01",
                                 "2026-07-17"));

  calendar = _wm_response_extend_calendar (imported,
                                           wm_test_day ("2026-04-13"), terms,
                                           holidays, assumed);

  /* The imported day stays as the register has it. */
  g_assert_true (wm_calendar_is_held (calendar, wm_test_day ("2026-04-13"),
                                      WM_SESSION_AM));
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-04-13"),
                                       WM_SESSION_PM));
  g_assert_true (held_all_day (calendar, "2026-04-14"));
  g_assert_true (closed_all_day (calendar, "2026-05-04"));
  g_assert_true (held_all_day (calendar, "2026-05-05"));
  g_assert_true (closed_all_day (calendar, "2026-05-25"));
  g_assert_true (held_all_day (calendar, "2026-07-17"));

  /* The summer holiday after the last entered term is assumed. */
  assumed_text = ranges_text (assumed);
  g_assert_cmpstr (assumed_text, ==, "2026-07-18..2027-04-14");
}

/* A gap longer than any school holiday between two entered terms means
 * the terms between were not entered: it is assumed, not a holiday. */
static void
test_entered_long_gap (void)
{
  g_autoptr(WmCalendar) imported = wm_calendar_new ();
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_school_term_free);
  g_autoptr(GArray) assumed = g_array_new (FALSE, FALSE, sizeof (WmDayRange));
  g_autofree char *assumed_text = NULL;

  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Autumn", "2025-09-03",
                                 "2025-12-19"));
  g_ptr_array_add (terms, entry (WM_TERM_KIND_TERM, "Summer 2", "2026-06-01",
                                 "2026-07-17"));

  calendar = _wm_response_extend_calendar (imported,
                                           wm_test_day ("2025-12-01"), terms,
                                           NULL, assumed);

  assumed_text = ranges_text (assumed);
  g_assert_cmpstr (assumed_text, ==,
                   "2025-12-20..2026-05-31 2026-07-18..2026-12-02");
  g_assert_true (held_all_day (calendar, "2026-03-02"));
}

/* A closure inside a term closes its days, and a closure covering a
 * whole week removes that school week. */
static void
test_entered_closures (void)
{
  g_autoptr(WmCalendar) imported = wm_calendar_new ();
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GPtrArray) terms = spring_terms ();

  g_ptr_array_add (terms, entry (WM_TERM_KIND_CLOSURE, "Training day",
                                 "2026-03-02", "2026-03-02"));
  g_ptr_array_add (terms, entry (WM_TERM_KIND_CLOSURE, "Building works",
                                 "2026-03-09", "2026-03-13"));
  calendar = _wm_response_extend_calendar (imported,
                                           wm_test_day ("2026-02-09"), terms,
                                           NULL, NULL);

  g_assert_true (closed_all_day (calendar, "2026-03-02"));
  g_assert_true (held_all_day (calendar, "2026-03-03"));
  check_school_weeks (calendar, "2026-03-22", 3,
                      "2026-03-16", "2026-03-02", "2026-02-23", NULL);
}

/* A school with no terms entered gets the generated pattern after the
 * evaluation date, and every day of it is listed as assumed. */
static void
test_no_terms_falls_back (void)
{
  g_autoptr(WmCalendar) imported = wm_calendar_new ();
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GArray) assumed = g_array_new (FALSE, FALSE, sizeof (WmDayRange));
  g_autofree char *assumed_text = NULL;

  calendar = _wm_response_extend_calendar (imported,
                                           wm_test_day ("2026-02-09"), NULL,
                                           NULL, assumed);

  assumed_text = ranges_text (assumed);
  g_assert_cmpstr (assumed_text, ==, "2026-02-10..2027-02-10");
  g_assert_true (held_all_day (calendar, "2026-02-10"));
  g_assert_true (closed_all_day (calendar, "2026-02-09"));
  g_assert_true (closed_all_day (calendar, "2026-02-14"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/calendar/empty", test_empty);
  g_test_add_func ("/calendar/add/any-order", test_add_any_order);
  g_test_add_func ("/calendar/add/descending-year", test_add_descending_year);
  g_test_add_func ("/calendar/add/twice", test_add_twice);
  g_test_add_func ("/calendar/ref-unref", test_ref_unref);
  g_test_add_func ("/calendar/last-held", test_last_held);
  g_test_add_func ("/calendar/school-weeks/half-term",
                   test_school_weeks_half_term);
  g_test_add_func ("/calendar/school-weeks/christmas",
                   test_school_weeks_christmas);
  g_test_add_func ("/calendar/school-weeks/summer", test_school_weeks_summer);
  g_test_add_func ("/calendar/school-weeks/before-as-of",
                   test_school_weeks_before_as_of);
  g_test_add_func ("/calendar/school-weeks/ten-weeks", test_school_weeks_ten);
  g_test_add_func ("/calendar/school-weeks/fewer", test_school_weeks_fewer);
  g_test_add_func ("/calendar/school-weeks/single-session",
                   test_school_weeks_single_session);
  g_test_add_func ("/calendar/entered/half-term", test_entered_half_term);
  g_test_add_func ("/calendar/entered/after-import",
                   test_entered_after_import);
  g_test_add_func ("/calendar/entered/long-gap-is-assumed",
                   test_entered_long_gap);
  g_test_add_func ("/calendar/entered/closures", test_entered_closures);
  g_test_add_func ("/calendar/entered/no-terms-falls-back",
                   test_no_terms_falls_back);

  return g_test_run ();
}
