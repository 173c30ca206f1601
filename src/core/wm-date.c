/* wm-date.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-date.h"

#include "wm-i18n-private.h"

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

/* The English month names, used inside an English scope (documents and
 * stored text) so that they never depend on the locale's LC_TIME. */
static const char * const month_names[] = {
  NULL, "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/* Formats @day with a g_date_time_format() @format. Outside an English
 * scope it follows LC_TIME, so "%B" is the locale's month name. */
static char *
format_in_locale (WmDay       day,
                  const char *format)
{
  g_autoptr(GDateTime) time = NULL;

  time = g_date_time_new_utc (wm_day_year (day), wm_day_month (day),
                              wm_day_of_month (day), 0, 0, 0);
  return g_date_time_format (time, format);
}

/* The day and month of @day ("2 March"), for the first end of a range
 * whose ends share the year. */
static char *
format_day_month (WmDay day)
{
  if (wm_i18n_is_english ())
    return g_strdup_printf ("%u %s", wm_day_of_month (day),
                            month_names[wm_day_month (day)]);

  /* Translators: the first date of a range within one year, such as
   * "2 March" in "2 March to 27 April 2026"; a g_date_time_format()
   * format: %-d is the day, %B the month's name. */
  return format_in_locale (day, _("%-d %B"));
}

/**
 * wm_day_format_long:
 *
 * Formats a date the way an officer writes it, such as "2 March 2026".
 * Outside an English scope (see wm-i18n.c) the month is named in the
 * locale's language ("2 Mawrth 2026" in Welsh); inside one it is always
 * English, whatever the locale.
 *
 * Returns: (transfer full): the formatted date
 */
char *
wm_day_format_long (WmDay day)
{
  if (day == WM_DAY_NONE)
    return g_strdup ("");

  if (wm_i18n_is_english ())
    return g_strdup_printf ("%u %s %u", wm_day_of_month (day),
                            month_names[wm_day_month (day)],
                            wm_day_year (day));

  /* Translators: a full date, such as "2 March 2026"; a
   * g_date_time_format() format: %-d is the day, %B the month's name,
   * %Y the year. */
  return format_in_locale (day, _("%-d %B %Y"));
}

/* Joins the two ends of a date range. */
static char *
join_range (const char *from,
            const char *to)
{
  /* Translators: a range of dates, such as "2 to 27 March 2026": the
   * first %s is the first date, shortened when it shares the month or the
   * year with the last, and the second %s the last date. */
  return g_strdup_printf (_("%s to %s"), from, to);
}

/**
 * wm_day_range_format:
 *
 * Formats a date range without repeating what the two ends share:
 * "2 to 27 March 2026", "23 February to 20 March 2026",
 * "15 December 2025 to 9 January 2026". The words follow the locale as
 * wm_day_format_long() does.
 *
 * Returns: (transfer full): the formatted range
 */
char *
wm_day_range_format (WmDay first,
                     WmDay last)
{
  g_autofree char *from = NULL;
  g_autofree char *to = wm_day_format_long (last);

  if (first == last)
    return g_steal_pointer (&to);

  if (wm_day_year (first) != wm_day_year (last))
    from = wm_day_format_long (first);
  else if (wm_day_month (first) != wm_day_month (last))
    from = format_day_month (first);
  else
    from = g_strdup_printf ("%u", wm_day_of_month (first));

  return join_range (from, to);
}
