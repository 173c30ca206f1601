/* test-holidays.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "wm-test-util.h"
#include "wm-holidays.h"
#include "wm-terms.h"

/* Lists the days of @year in @holidays as ISO dates, space separated. */
static char *
list_year (const WmHolidays *holidays,
           guint             year)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (WmDay day = wm_day_from_ymd (year, 1, 1);
       day <= wm_day_from_ymd (year, 12, 31); day++)
    if (wm_holidays_contains (holidays, day))
      {
        g_autofree char *iso = wm_day_to_iso (day);

        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", iso);
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_name (const WmHolidays *holidays,
             const char       *day,
             const char       *expected)
{
  g_assert_cmpstr (wm_holidays_get_name (holidays, wm_test_day (day)), ==,
                   expected);
}

/*
 * England's bank holidays from 2018 to 2030, written out by hand year by
 * year rather than computed, so that a fault in the rules shows up. They
 * include the substitute days for New Year's Day on a weekend (2022, 2023,
 * 2028), Christmas on a weekend (2021, 2022, 2027) and Boxing Day on a
 * Saturday (2020, 2026), and the one-off days of 2020, 2022 and 2023.
 *
 * NOTE: these dates could not be compared with the GOV.UK list when the
 * test was written.
 */
static void
test_england_table (void)
{
  static const struct
  {
    guint       year;
    const char *days;
  } expected[] = {
    { 2018, "2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 "
            "2018-08-27 2018-12-25 2018-12-26" },
    { 2019, "2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 "
            "2019-08-26 2019-12-25 2019-12-26" },
    { 2020, "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 "
            "2020-08-31 2020-12-25 2020-12-28" },
    { 2021, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 "
            "2021-08-30 2021-12-27 2021-12-28" },
    { 2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 "
            "2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27" },
    { 2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 "
            "2023-05-29 2023-08-28 2023-12-25 2023-12-26" },
    { 2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 "
            "2024-08-26 2024-12-25 2024-12-26" },
    { 2025, "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 "
            "2025-08-25 2025-12-25 2025-12-26" },
    { 2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 "
            "2026-08-31 2026-12-25 2026-12-28" },
    { 2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 "
            "2027-08-30 2027-12-27 2027-12-28" },
    { 2028, "2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 "
            "2028-08-28 2028-12-25 2028-12-26" },
    { 2029, "2029-01-01 2029-03-30 2029-04-02 2029-05-07 2029-05-28 "
            "2029-08-27 2029-12-25 2029-12-26" },
    { 2030, "2030-01-01 2030-04-19 2030-04-22 2030-05-06 2030-05-27 "
            "2030-08-26 2030-12-25 2030-12-26" },
  };
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  guint total = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *days = list_year (holidays, expected[i].year);

      g_assert_cmpstr (days, ==, expected[i].days);
      total += (strlen (expected[i].days) + 1) / 11;
    }

  g_assert_cmpuint (wm_holidays_n_days (holidays), ==, total);
  g_assert_cmpuint (total, ==, 13 * 8 + 2 + 1);
}

static void
test_england_names (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();

  assert_name (holidays, "2028-01-03", "New Year’s Day (substitute day)");
  assert_name (holidays, "2026-04-03", "Good Friday");
  assert_name (holidays, "2026-04-06", "Easter Monday");
  assert_name (holidays, "2026-05-04", "Early May bank holiday");
  assert_name (holidays, "2026-05-25", "Spring bank holiday");
  assert_name (holidays, "2026-08-31", "Summer bank holiday");
  assert_name (holidays, "2026-12-25", "Christmas Day");
  assert_name (holidays, "2026-12-28", "Boxing Day (substitute day)");

  /* Christmas on a Saturday: both days move to Monday and Tuesday. */
  assert_name (holidays, "2021-12-27", "Christmas Day (substitute day)");
  assert_name (holidays, "2021-12-28", "Boxing Day (substitute day)");

  /* Christmas on a Sunday: Boxing Day keeps Monday, Christmas moves on. */
  assert_name (holidays, "2022-12-26", "Boxing Day");
  assert_name (holidays, "2022-12-27", "Christmas Day (substitute day)");

  assert_name (holidays, "2020-05-08", "Early May bank holiday (VE day)");
  assert_name (holidays, "2022-06-02", "Spring bank holiday");
  assert_name (holidays, "2022-06-03", "Platinum Jubilee bank holiday");
  assert_name (holidays, "2022-09-19",
               "Bank holiday for the State Funeral of Queen Elizabeth II");
  assert_name (holidays, "2023-05-08",
               "Bank holiday for the coronation of King Charles III");
  assert_name (holidays, "2020-05-04", NULL);
  assert_name (holidays, "2022-05-30", NULL);
}

static void
test_easter (void)
{
  static const char * const easters[] = {
    "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17",
    "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
    "2028-04-16", "2029-04-01", "2030-04-21",
  };

  for (guint i = 0; i < G_N_ELEMENTS (easters); i++)
    {
      g_autofree char *found = wm_day_to_iso (wm_easter_sunday (2018 + i));

      g_assert_cmpstr (found, ==, easters[i]);
    }
}

static void
test_covers (void)
{
  g_autoptr(WmHolidays) england = wm_holidays_new_england ();
  g_autoptr(WmHolidays) empty = wm_holidays_new ();

  g_assert_false (wm_holidays_covers (england, wm_test_day ("2017-12-31")));
  g_assert_true (wm_holidays_covers (england, wm_test_day ("2018-01-01")));
  g_assert_true (wm_holidays_covers (england, wm_test_day ("2030-12-31")));
  g_assert_false (wm_holidays_covers (england, wm_test_day ("2031-01-01")));
  g_assert_false (wm_holidays_covers (empty, wm_test_day ("2026-03-02")));
  g_assert_cmpuint (wm_holidays_n_days (empty), ==, 0);
}

static void
test_add_closure (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  WmDay closure = wm_test_day ("2031-05-05");
  guint before = wm_holidays_n_days (holidays);

  g_assert_true (wm_holidays_is_working_day (holidays, closure));

  wm_holidays_add (holidays, closure);
  g_assert_true (wm_holidays_contains (holidays, closure));
  g_assert_false (wm_holidays_is_working_day (holidays, closure));
  assert_name (holidays, "2031-05-05", "Closure day");

  /* Adding a bank holiday again keeps its name and the count. */
  wm_holidays_add (holidays, wm_test_day ("2026-12-25"));
  assert_name (holidays, "2026-12-25", "Christmas Day");
  g_assert_cmpuint (wm_holidays_n_days (holidays), ==, before + 1);
}

static void
assert_working_days (const WmHolidays *holidays,
                     const char       *from,
                     guint             n,
                     const char       *expected)
{
  g_autofree char *found =
    wm_day_to_iso (wm_holidays_add_working_days (holidays, wm_test_day (from),
                                                 n));

  g_assert_cmpstr (found, ==, expected);
}

static void
test_working_days (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();

  /* Weekends are skipped. */
  assert_working_days (holidays, "2026-12-10", 2, "2026-12-14");
  assert_working_days (holidays, "2026-10-09", 2, "2026-10-13");

  /* Christmas Day and the Boxing Day substitute are skipped. */
  assert_working_days (holidays, "2026-12-24", 1, "2026-12-29");

  /* Easter: Good Friday and Easter Monday are skipped. */
  assert_working_days (holidays, "2026-04-02", 2, "2026-04-08");

  /* Zero working days is the day itself, even a Saturday. */
  assert_working_days (holidays, "2026-10-10", 0, "2026-10-10");

  /* School holidays are working days: the October half term of 2026. */
  assert_working_days (holidays, "2026-10-23", 5, "2026-10-30");
  g_assert_true (wm_holidays_is_working_day (holidays,
                                             wm_test_day ("2026-10-28")));
}

static void
test_terms_calendar (void)
{
  g_autoptr(WmHolidays) holidays = wm_holidays_new_england ();
  g_autoptr(WmCalendar) calendar = wm_calendar_new ();

  /* Summer term 2026 before half term, with the May bank holidays. */
  wm_terms_add_to_calendar (calendar, wm_test_day ("2026-04-13"),
                            wm_test_day ("2026-05-22"), holidays);

  /* 6 weeks of 5 days, less the early May bank holiday, 2 sessions a
   * day. */
  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, (30 - 1) * 2);
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-05-04"),
                                       WM_SESSION_AM));
  g_assert_false (wm_calendar_is_held (calendar, wm_test_day ("2026-04-18"),
                                       WM_SESSION_AM));
  g_assert_true (wm_calendar_is_held (calendar, wm_test_day ("2026-05-05"),
                                      WM_SESSION_PM));
}

static void
test_day_range_contains (void)
{
  const WmDayRange ranges[] = {
    { wm_test_day ("2026-03-02"), wm_test_day ("2026-03-06") },
    { wm_test_day ("2026-03-16"), wm_test_day ("2026-03-16") },
  };

  g_assert_false (wm_day_range_contains (ranges, 2, wm_test_day ("2026-03-01")));
  g_assert_true (wm_day_range_contains (ranges, 2, wm_test_day ("2026-03-02")));
  g_assert_true (wm_day_range_contains (ranges, 2, wm_test_day ("2026-03-06")));
  g_assert_false (wm_day_range_contains (ranges, 2, wm_test_day ("2026-03-07")));
  g_assert_true (wm_day_range_contains (ranges, 2, wm_test_day ("2026-03-16")));
  g_assert_false (wm_day_range_contains (NULL, 0, wm_test_day ("2026-03-16")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/holidays/england/table", test_england_table);
  g_test_add_func ("/holidays/england/names", test_england_names);
  g_test_add_func ("/holidays/easter", test_easter);
  g_test_add_func ("/holidays/covers", test_covers);
  g_test_add_func ("/holidays/add-closure", test_add_closure);
  g_test_add_func ("/holidays/working-days", test_working_days);
  g_test_add_func ("/holidays/terms-calendar", test_terms_calendar);
  g_test_add_func ("/holidays/day-range-contains", test_day_range_contains);

  return g_test_run ();
}
