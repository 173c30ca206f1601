/* wm-holidays.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-holidays.h"

/*
 * England's bank holidays, meant to match the list GOV.UK publishes at
 * https://www.gov.uk/bank-holidays (the "england-and-wales" division). The
 * regular days follow rules, so they are computed for each year of the
 * table: New Year's Day, Good Friday and Easter Monday, the first and the
 * last Monday of May, the last Monday of August, Christmas Day and Boxing
 * Day. When one of New Year's Day, Christmas Day or Boxing Day falls on a
 * weekend, the next weekday not already a holiday is the substitute day.
 * The days proclaimed for one year only are listed in moved_days[] and
 * extra_days[].
 *
 * NOTE: the table was computed from these rules, not copied from GOV.UK.
 * Check it against the GOV.UK list before each year, because a new
 * one-off day can be proclaimed at a few months' notice. Add such a day to
 * extra_days[], and raise WM_HOLIDAYS_ENGLAND_LAST_YEAR to extend the
 * table.
 */

struct _WmHolidays
{
  gatomicrefcount ref_count;

  /* Day number to the holiday's name, a static string. */
  GHashTable *names;

  /* The days the shipped table covers, or WM_DAY_NONE for an empty set. */
  WmDay table_first;
  WmDay table_last;
};

typedef struct
{
  const char *from;
  const char *to;
  const char *name;
} MovedDay;

/* Regular bank holidays that one year moved to another day. */
static const MovedDay moved_days[] = {
  /* The early May bank holiday moved to Friday for the 75th anniversary
   * of VE day. */
  { "2020-05-04", "2020-05-08", "Early May bank holiday (VE day)" },
  /* The spring bank holiday moved to Thursday for the Platinum Jubilee. */
  { "2022-05-30", "2022-06-02", "Spring bank holiday" },
};

typedef struct
{
  const char *day;
  const char *name;
} ExtraDay;

/* Bank holidays proclaimed for one year only. */
static const ExtraDay extra_days[] = {
  { "2022-06-03", "Platinum Jubilee bank holiday" },
  { "2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II" },
  { "2023-05-08", "Bank holiday for the coronation of King Charles III" },
};

/* The name of a closure day added with wm_holidays_add(). */
#define CLOSURE_NAME "Closure day"

/**
 * wm_easter_sunday:
 * @year: a year from 1583 on, in the Gregorian calendar
 *
 * Computes the date of Easter Sunday with the anonymous Gregorian
 * algorithm (Meeus, Jones and Butcher), which Good Friday and Easter
 * Monday follow.
 *
 * Returns: the day number of Easter Sunday
 */
WmDay
wm_easter_sunday (guint year)
{
  guint a = year % 19;
  guint b = year / 100;
  guint c = year % 100;
  guint d = b / 4;
  guint e = b % 4;
  guint f = (b + 8) / 25;
  guint g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30;
  guint i = c / 4;
  guint k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7;
  guint m = (a + 11 * h + 22 * l) / 451;
  guint month = (h + l - 7 * m + 114) / 31;
  guint day = (h + l - 7 * m + 114) % 31 + 1;

  g_return_val_if_fail (year >= 1583, WM_DAY_NONE);

  return wm_day_from_ymd (year, month, day);
}

/* Returns the first @weekday on or after @day. */
static WmDay
weekday_on_or_after (WmDay        day,
                     GDateWeekday weekday)
{
  return day + (7 + weekday - wm_day_weekday (day)) % 7;
}

static WmDay
first_monday (guint year,
              guint month)
{
  return weekday_on_or_after (wm_day_from_ymd (year, month, 1),
                              G_DATE_MONDAY);
}

static WmDay
last_monday (guint year,
             guint month)
{
  WmDay last = wm_day_from_ymd (year, month,
                                g_date_get_days_in_month (month, year));

  return last - (wm_day_weekday (last) - G_DATE_MONDAY + 7) % 7;
}

static void
put (WmHolidays *holidays,
     WmDay       day,
     const char *name)
{
  g_hash_table_insert (holidays->names, GUINT_TO_POINTER (day),
                       (gpointer) name);
}

/*
 * Adds a fixed-date holiday, or its substitute day when it falls on a
 * weekend: the next weekday that is not already a holiday. Christmas Day
 * is added before Boxing Day. So when Christmas falls on a Saturday, its
 * substitute takes Monday 27 and Boxing Day's takes Tuesday 28.
 */
static void
put_with_substitute (WmHolidays *holidays,
                     WmDay       day,
                     const char *name,
                     const char *substitute_name)
{
  WmDay substitute = day;

  if (!wm_day_is_weekend (day))
    {
      put (holidays, day, name);
      return;
    }

  while (wm_day_is_weekend (substitute)
         || wm_holidays_contains (holidays, substitute))
    substitute++;

  put (holidays, substitute, substitute_name);
}

static void
put_christmas (WmHolidays *holidays,
               guint       year)
{
  WmDay christmas = wm_day_from_ymd (year, 12, 25);

  /* When Christmas falls on a Sunday, Boxing Day keeps Monday 26, so it is
   * placed first and Christmas Day's substitute takes Tuesday 27. */
  if (wm_day_weekday (christmas) == G_DATE_SUNDAY)
    {
      put (holidays, christmas + 1, "Boxing Day");
      put_with_substitute (holidays, christmas, "Christmas Day",
                           "Christmas Day (substitute day)");
      return;
    }

  put_with_substitute (holidays, christmas, "Christmas Day",
                       "Christmas Day (substitute day)");
  put_with_substitute (holidays, christmas + 1, "Boxing Day",
                       "Boxing Day (substitute day)");
}

static void
put_regular_year (WmHolidays *holidays,
                  guint       year)
{
  WmDay easter = wm_easter_sunday (year);

  put_with_substitute (holidays, wm_day_from_ymd (year, 1, 1),
                       "New Year’s Day", "New Year’s Day (substitute day)");
  put (holidays, easter - 2, "Good Friday");
  put (holidays, easter + 1, "Easter Monday");
  put (holidays, first_monday (year, 5), "Early May bank holiday");
  put (holidays, last_monday (year, 5), "Spring bank holiday");
  put (holidays, last_monday (year, 8), "Summer bank holiday");
  put_christmas (holidays, year);
}

static void
put_one_off_days (WmHolidays *holidays)
{
  for (gsize i = 0; i < G_N_ELEMENTS (moved_days); i++)
    {
      WmDay from = wm_day_from_iso (moved_days[i].from);

      g_assert (wm_holidays_contains (holidays, from));
      g_hash_table_remove (holidays->names, GUINT_TO_POINTER (from));
      put (holidays, wm_day_from_iso (moved_days[i].to), moved_days[i].name);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (extra_days); i++)
    put (holidays, wm_day_from_iso (extra_days[i].day), extra_days[i].name);
}

/**
 * wm_holidays_new:
 *
 * Creates an empty set of closure days, in which every weekday is a
 * working day.
 *
 * Returns: (transfer full): the set; release it with wm_holidays_unref()
 */
WmHolidays *
wm_holidays_new (void)
{
  WmHolidays *holidays = g_new0 (WmHolidays, 1);

  g_atomic_ref_count_init (&holidays->ref_count);
  holidays->names = g_hash_table_new (NULL, NULL);
  return holidays;
}

/**
 * wm_holidays_new_england:
 *
 * Creates the set of England's bank holidays from
 * %WM_HOLIDAYS_ENGLAND_FIRST_YEAR to %WM_HOLIDAYS_ENGLAND_LAST_YEAR,
 * including substitute days and the one-off days. VE day was on Friday
 * 8 May 2020 in place of Monday 4 May. The Platinum Jubilee took Thursday
 * 2 and Friday 3 June 2022 in place of Monday 30 May. The State Funeral of
 * Queen Elizabeth II was on Monday 19 September 2022, and the coronation of
 * King Charles III on Monday 8 May 2023. Outside the table's years the set
 * has no bank holiday, and wm_holidays_covers() returns %FALSE.
 *
 * Returns: (transfer full): the set; release it with wm_holidays_unref()
 */
WmHolidays *
wm_holidays_new_england (void)
{
  WmHolidays *holidays = wm_holidays_new ();

  for (guint year = WM_HOLIDAYS_ENGLAND_FIRST_YEAR;
       year <= WM_HOLIDAYS_ENGLAND_LAST_YEAR; year++)
    put_regular_year (holidays, year);

  put_one_off_days (holidays);

  holidays->table_first = wm_day_from_ymd (WM_HOLIDAYS_ENGLAND_FIRST_YEAR,
                                           1, 1);
  holidays->table_last = wm_day_from_ymd (WM_HOLIDAYS_ENGLAND_LAST_YEAR,
                                          12, 31);
  return holidays;
}

/**
 * wm_holidays_ref:
 *
 * Takes a reference to @holidays.
 *
 * Returns: (transfer full): @holidays
 */
WmHolidays *
wm_holidays_ref (WmHolidays *holidays)
{
  g_return_val_if_fail (holidays != NULL, NULL);

  g_atomic_ref_count_inc (&holidays->ref_count);
  return holidays;
}

/**
 * wm_holidays_unref:
 * @holidays: (nullable): a set of closure days
 *
 * Releases a reference to @holidays, freeing it with the last one.
 */
void
wm_holidays_unref (WmHolidays *holidays)
{
  if (holidays == NULL)
    return;

  if (!g_atomic_ref_count_dec (&holidays->ref_count))
    return;

  g_hash_table_unref (holidays->names);
  g_free (holidays);
}

/**
 * wm_holidays_add:
 * @holidays: a set of closure days
 * @day: a day on which offices are closed
 *
 * Adds a closure day that the shipped table lacks, such as a bank holiday
 * proclaimed after this version was released. A day already in the set
 * keeps its name.
 */
void
wm_holidays_add (WmHolidays *holidays,
                 WmDay       day)
{
  g_return_if_fail (holidays != NULL);
  g_return_if_fail (day != WM_DAY_NONE);

  if (!wm_holidays_contains (holidays, day))
    put (holidays, day, CLOSURE_NAME);
}

/**
 * wm_holidays_contains:
 *
 * Returns: whether @day is a bank holiday or an added closure day
 */
gboolean
wm_holidays_contains (const WmHolidays *holidays,
                      WmDay             day)
{
  g_return_val_if_fail (holidays != NULL, FALSE);

  return g_hash_table_contains (holidays->names, GUINT_TO_POINTER (day));
}

/**
 * wm_holidays_get_name:
 *
 * Returns: (nullable): the name of the holiday on @day, such as
 *   "Boxing Day (substitute day)" or "Closure day", or %NULL when @day is
 *   not in the set
 */
const char *
wm_holidays_get_name (const WmHolidays *holidays,
                      WmDay             day)
{
  g_return_val_if_fail (holidays != NULL, NULL);

  return g_hash_table_lookup (holidays->names, GUINT_TO_POINTER (day));
}

/**
 * wm_holidays_n_days:
 *
 * Returns: how many days the set contains
 */
guint
wm_holidays_n_days (const WmHolidays *holidays)
{
  g_return_val_if_fail (holidays != NULL, 0);

  return g_hash_table_size (holidays->names);
}

/**
 * wm_holidays_covers:
 *
 * Tells whether the shipped table of bank holidays covers @day. A deadline
 * computed over a day outside the table can be wrong, so callers show a
 * warning for it.
 *
 * Returns: %TRUE when @day lies in a year of the shipped table
 */
gboolean
wm_holidays_covers (const WmHolidays *holidays,
                    WmDay             day)
{
  g_return_val_if_fail (holidays != NULL, FALSE);

  return holidays->table_first != WM_DAY_NONE && day >= holidays->table_first
         && day <= holidays->table_last;
}

/**
 * wm_holidays_is_working_day:
 *
 * Tells whether @day is a working day: a Monday to Friday that is not in
 * the set. School holidays are working days.
 *
 * Returns: %TRUE for a working day
 */
gboolean
wm_holidays_is_working_day (const WmHolidays *holidays,
                            WmDay             day)
{
  g_return_val_if_fail (holidays != NULL, FALSE);

  return !wm_day_is_weekend (day) && !wm_holidays_contains (holidays, day);
}

/**
 * wm_holidays_add_working_days:
 * @holidays: the closure days
 * @day: the day to count from, which is not itself counted
 * @n_days: how many working days to count
 *
 * Finds the @n_days-th working day after @day. With @n_days 0 it returns
 * @day itself, whatever day that is.
 *
 * Returns: the day found
 */
WmDay
wm_holidays_add_working_days (const WmHolidays *holidays,
                              WmDay             day,
                              guint             n_days)
{
  g_return_val_if_fail (holidays != NULL, WM_DAY_NONE);
  g_return_val_if_fail (day != WM_DAY_NONE, WM_DAY_NONE);

  while (n_days > 0)
    {
      day++;
      if (wm_holidays_is_working_day (holidays, day))
        n_days--;
    }

  return day;
}
