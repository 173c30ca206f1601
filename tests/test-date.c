/* test-date.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <time.h>

#include <glib.h>

#include "wm-date.h"

static WmDay
day (const char *iso)
{
  WmDay result = WM_DAY_NONE;

  g_assert_true (wm_day_parse_iso (iso, &result));
  return result;
}

static void
test_from_ymd (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_MARCH, 2026);
  g_assert_cmpuint (wm_day_from_ymd (2026, 3, 2), ==,
                    g_date_get_julian (&date));
  g_assert_cmpuint (wm_day_from_ymd (1, 1, 1), ==, 1);

  g_assert_cmpuint (wm_day_from_ymd (2024, 2, 29), !=, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (2025, 2, 29), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (2026, 4, 31), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (2026, 13, 1), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (2026, 0, 1), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (2026, 1, 0), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (0, 1, 1), ==, WM_DAY_NONE);
  g_assert_cmpuint (wm_day_from_ymd (10000, 1, 1), ==, WM_DAY_NONE);
}

static void
test_parse_iso (void)
{
  const char *invalid[] = {
    "2026-3-2", "20260302", "2026-03-02x", " 2026-03-02", "2026/03/02",
    "2026-02-29", "2026-04-31", "2026-13-01", "0000-01-01", "2026-0a-01",
    "", "+026-03-02",
  };
  WmDay result = 7;

  g_assert_true (wm_day_parse_iso ("2026-03-02", &result));
  g_assert_cmpuint (result, ==, wm_day_from_ymd (2026, 3, 2));
  g_assert_true (wm_day_parse_iso ("2024-02-29", NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("date “%s”", invalid[i]);
      g_assert_false (wm_day_parse_iso (invalid[i], &result));
      g_assert_cmpuint (wm_day_from_iso (invalid[i]), ==, WM_DAY_NONE);
    }

  g_assert_false (wm_day_parse_iso (NULL, &result));
  g_assert_cmpuint (wm_day_from_iso (NULL), ==, WM_DAY_NONE);
}

static void
test_to_iso (void)
{
  g_autofree char *text = wm_day_to_iso (day ("2026-03-02"));
  g_autofree char *early = wm_day_to_iso (wm_day_from_ymd (999, 1, 1));
  char buf[11];

  g_assert_cmpstr (text, ==, "2026-03-02");
  g_assert_cmpstr (early, ==, "0999-01-01");
  g_assert_null (wm_day_to_iso (WM_DAY_NONE));

  wm_day_to_iso_buf (day ("2027-12-31"), buf);
  g_assert_cmpstr (buf, ==, "2027-12-31");
}

static void
test_weekday_and_monday (void)
{
  g_assert_cmpint (wm_day_weekday (day ("2026-03-02")), ==, G_DATE_MONDAY);
  g_assert_cmpint (wm_day_weekday (day ("2026-03-06")), ==, G_DATE_FRIDAY);
  g_assert_cmpint (wm_day_weekday (day ("2026-03-08")), ==, G_DATE_SUNDAY);

  g_assert_cmpuint (wm_day_monday (day ("2026-03-02")), ==, day ("2026-03-02"));
  g_assert_cmpuint (wm_day_monday (day ("2026-03-06")), ==, day ("2026-03-02"));
  g_assert_cmpuint (wm_day_monday (day ("2026-03-08")), ==, day ("2026-03-02"));
  g_assert_cmpuint (wm_day_monday (day ("2026-03-09")), ==, day ("2026-03-09"));
  /* A week that crosses a year end keeps its Monday. */
  g_assert_cmpuint (wm_day_monday (day ("2027-01-01")), ==, day ("2026-12-28"));

  g_assert_false (wm_day_is_weekend (day ("2026-03-06")));
  g_assert_true (wm_day_is_weekend (day ("2026-03-07")));
  g_assert_true (wm_day_is_weekend (day ("2026-03-08")));
  g_assert_false (wm_day_is_weekend (day ("2026-03-09")));
}

static void
set_time_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

/*
 * Day numbers are calendar dates, so a clock change cannot move a Monday.
 * In 2026 the UK clocks go forward on Sunday 29 March and back on Sunday
 * 25 October, and the US clocks on Sunday 8 March and Sunday 1 November.
 * The checks run in both zones.
 */
static void
check_daylight_saving_weeks (void)
{
  const char *sundays[] = {
    "2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sundays); i++)
    {
      WmDay sunday = day (sundays[i]);

      g_test_message ("Sunday %s", sundays[i]);
      g_assert_cmpint (wm_day_weekday (sunday), ==, G_DATE_SUNDAY);
      g_assert_cmpint (wm_day_weekday (sunday + 1), ==, G_DATE_MONDAY);
      g_assert_cmpuint (wm_day_monday (sunday), ==, sunday - 6);
      g_assert_cmpuint (wm_day_monday (sunday + 1), ==, sunday + 1);
    }

  /* Present on a Friday, absent the Monday after a clock change: the gaps
   * are 3 and 10 days and both absences fall on a Monday. */
  g_assert_cmpuint (day ("2026-03-30") - day ("2026-03-27"), ==, 3);
  g_assert_cmpuint (day ("2026-11-02") - day ("2026-10-23"), ==, 10);
  g_assert_cmpint (wm_day_weekday (day ("2026-03-30")), ==, G_DATE_MONDAY);
  g_assert_cmpint (wm_day_weekday (day ("2026-11-02")), ==, G_DATE_MONDAY);
  g_assert_cmpint (wm_day_weekday (day ("2026-03-27")), ==, G_DATE_FRIDAY);
  g_assert_cmpint (wm_day_weekday (day ("2026-10-23")), ==, G_DATE_FRIDAY);
}

static void
test_daylight_saving_london (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  set_time_zone ("Europe/London");
  check_daylight_saving_weeks ();
  set_time_zone (saved != NULL ? saved : "Europe/London");
}

static void
test_daylight_saving_new_york (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  g_autofree char *text = NULL;

  set_time_zone ("America/New_York");
  check_daylight_saving_weeks ();

  /* A typed date comes back as the same date in any zone. */
  text = wm_day_to_iso (day ("2026-03-29"));
  g_assert_cmpstr (text, ==, "2026-03-29");

  set_time_zone (saved != NULL ? saved : "Europe/London");
}

static void
test_academic_year (void)
{
  g_assert_cmpuint (wm_day_academic_year (day ("2026-08-31")), ==, 2025);
  g_assert_cmpuint (wm_day_academic_year (day ("2026-09-01")), ==, 2026);
  g_assert_cmpuint (wm_day_academic_year (day ("2027-01-01")), ==, 2026);

  g_assert_cmpuint (wm_day_academic_year_start (day ("2026-08-31")), ==,
                    day ("2025-09-01"));
  g_assert_cmpuint (wm_day_academic_year_start (day ("2026-09-01")), ==,
                    day ("2026-09-01"));
  g_assert_cmpuint (wm_day_academic_year_start (day ("2027-03-13")), ==,
                    day ("2026-09-01"));
}

static void
test_parts (void)
{
  WmDay date = day ("2026-03-02");

  g_assert_cmpuint (wm_day_year (date), ==, 2026);
  g_assert_cmpuint (wm_day_month (date), ==, 3);
  g_assert_cmpuint (wm_day_of_month (date), ==, 2);
}

static void
test_format_long (void)
{
  g_autofree char *text = wm_day_format_long (day ("2026-03-02"));
  g_autofree char *none = wm_day_format_long (WM_DAY_NONE);

  g_assert_cmpstr (text, ==, "2 March 2026");
  g_assert_cmpstr (none, ==, "");
}

static void
test_range_format (void)
{
  g_autofree char *one_day = wm_day_range_format (day ("2026-03-02"),
                                                  day ("2026-03-02"));
  g_autofree char *one_month = wm_day_range_format (day ("2026-03-02"),
                                                    day ("2026-03-27"));
  g_autofree char *two_months = wm_day_range_format (day ("2026-02-23"),
                                                     day ("2026-03-20"));
  g_autofree char *two_years = wm_day_range_format (day ("2025-12-15"),
                                                    day ("2026-01-09"));

  g_assert_cmpstr (one_day, ==, "2 March 2026");
  g_assert_cmpstr (one_month, ==, "2 to 27 March 2026");
  g_assert_cmpstr (two_months, ==, "23 February to 20 March 2026");
  g_assert_cmpstr (two_years, ==, "15 December 2025 to 9 January 2026");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/date/from-ymd", test_from_ymd);
  g_test_add_func ("/date/iso/parse", test_parse_iso);
  g_test_add_func ("/date/iso/format", test_to_iso);
  g_test_add_func ("/date/weekday-and-monday", test_weekday_and_monday);
  g_test_add_func ("/date/daylight-saving/europe-london",
                   test_daylight_saving_london);
  g_test_add_func ("/date/daylight-saving/america-new-york",
                   test_daylight_saving_new_york);
  g_test_add_func ("/date/academic-year", test_academic_year);
  g_test_add_func ("/date/parts", test_parts);
  g_test_add_func ("/date/format/long", test_format_long);
  g_test_add_func ("/date/format/range", test_range_format);

  return g_test_run ();
}
