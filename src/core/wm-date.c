/* wm-date.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-date.h"

#include <stdio.h>
#include <string.h>

/**
 * wm_day_from_ymd:
 *
 * Returns the day number of a calendar date, or %WM_DAY_NONE when the
 * date does not exist (31 April, 29 February of a common year).
 */
WmDay
wm_day_from_ymd (guint year,
                 guint month,
                 guint day)
{
  GDate date;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return WM_DAY_NONE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return WM_DAY_NONE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

/**
 * wm_day_parse_iso:
 * @text: a date as `YYYY-MM-DD`, exactly ten characters
 * @out_day: (out): the day number
 *
 * Parses an ISO calendar date. Anything else, including a date that does
 * not exist, is rejected.
 *
 * Returns: %TRUE when @text is a valid date
 */
gboolean
wm_day_parse_iso (const char *text,
                  WmDay      *out_day)
{
  guint year, month, day;
  WmDay result;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  result = wm_day_from_ymd (year, month, day);
  if (result == WM_DAY_NONE)
    return FALSE;

  if (out_day != NULL)
    *out_day = result;
  return TRUE;
}

WmDay
wm_day_from_iso (const char *text)
{
  WmDay day = WM_DAY_NONE;

  wm_day_parse_iso (text, &day);
  return day;
}

static void
wm_day_to_date (WmDay  day,
                GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, day);
}

void
wm_day_to_iso_buf (WmDay day,
                   char  buf[11])
{
  GDate date;

  g_return_if_fail (day != WM_DAY_NONE);

  wm_day_to_date (day, &date);
  g_snprintf (buf, 11, "%04u-%02u-%02u",
              (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
}

/**
 * wm_day_to_iso:
 *
 * Returns: (transfer full) (nullable): the date as `YYYY-MM-DD`, or %NULL
 *   for %WM_DAY_NONE
 */
char *
wm_day_to_iso (WmDay day)
{
  char buf[11];

  if (day == WM_DAY_NONE)
    return NULL;

  wm_day_to_iso_buf (day, buf);
  return g_strdup (buf);
}

GDateWeekday
wm_day_weekday (WmDay day)
{
  GDate date;

  wm_day_to_date (day, &date);
  return g_date_get_weekday (&date);
}

/**
 * wm_day_monday:
 *
 * Returns: the Monday that starts the Monday-to-Sunday week of @day
 */
WmDay
wm_day_monday (WmDay day)
{
  return day - (wm_day_weekday (day) - G_DATE_MONDAY);
}

gboolean
wm_day_is_weekend (WmDay day)
{
  GDateWeekday weekday = wm_day_weekday (day);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

guint
wm_day_year (WmDay day)
{
  GDate date;

  wm_day_to_date (day, &date);
  return g_date_get_year (&date);
}

guint
wm_day_month (WmDay day)
{
  GDate date;

  wm_day_to_date (day, &date);
  return g_date_get_month (&date);
}

guint
wm_day_of_month (WmDay day)
{
  GDate date;

  wm_day_to_date (day, &date);
  return g_date_get_day (&date);
}

/**
 * wm_day_academic_year:
 *
 * Returns: the calendar year in which the school year containing @day
 *   began; a school year runs from 1 September to 31 August
 */
guint
wm_day_academic_year (WmDay day)
{
  guint year = wm_day_year (day);

  return wm_day_month (day) >= 9 ? year : year - 1;
}

/**
 * wm_day_academic_year_start:
 *
 * Returns: 1 September of the school year containing @day
 */
WmDay
wm_day_academic_year_start (WmDay day)
{
  return wm_day_from_ymd (wm_day_academic_year (day), 9, 1);
}

/**
 * wm_day_today:
 *
 * Returns: today's date in the local time zone
 */
WmDay
wm_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return wm_day_from_ymd (g_date_time_get_year (now),
                          g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
}

static const char * const month_names[] = {
  NULL, "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/**
 * wm_day_format_long:
 *
 * Formats a date the way an officer writes it, such as "2 March 2026".
 *
 * Returns: (transfer full): the formatted date
 */
char *
wm_day_format_long (WmDay day)
{
  if (day == WM_DAY_NONE)
    return g_strdup ("");

  return g_strdup_printf ("%u %s %u", wm_day_of_month (day),
                          month_names[wm_day_month (day)], wm_day_year (day));
}

/**
 * wm_day_range_format:
 *
 * Formats a date range without repeating what the two ends share:
 * "2 to 27 March 2026", "23 February to 20 March 2026",
 * "15 December 2025 to 9 January 2026".
 *
 * Returns: (transfer full): the formatted range
 */
char *
wm_day_range_format (WmDay first,
                     WmDay last)
{
  guint first_year = wm_day_year (first);
  guint first_month = wm_day_month (first);

  if (first == last)
    return wm_day_format_long (first);

  if (first_year != wm_day_year (last))
    {
      g_autofree char *from = wm_day_format_long (first);
      g_autofree char *to = wm_day_format_long (last);

      return g_strdup_printf ("%s to %s", from, to);
    }

  if (first_month != wm_day_month (last))
    return g_strdup_printf ("%u %s to %u %s %u",
                            wm_day_of_month (first), month_names[first_month],
                            wm_day_of_month (last),
                            month_names[wm_day_month (last)], first_year);

  return g_strdup_printf ("%u to %u %s %u", wm_day_of_month (first),
                          wm_day_of_month (last), month_names[first_month],
                          first_year);
}
