/* wm-sample-calendar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-sample-private.h"

/*
 * The sample school's year follows one fixed rule, close to the usual
 * English pattern, so that a generated file always has a believable
 * calendar and a test can check every closed day:
 *
 * - The register starts on the first weekday on or after 1 September.
 * - Autumn half term is the last Monday-to-Friday week wholly in October.
 * - The Christmas holiday is the two weeks starting on the Monday on or
 *   before 24 December.
 * - February half term is the week of the third Monday of February.
 * - The Easter holiday is the week before Easter Sunday (with Good Friday)
 *   and the week after it (with Easter Monday).
 * - May half term is the week of the spring bank holiday, the last Monday
 *   of May.
 * - The summer term ends on the last Wednesday on or before 22 July, the
 *   last day of the register.
 * - England's bank holidays close the school when they fall on a weekday.
 * - Five training days close the school to pupils: the first two open
 *   weekdays of September and the first open weekday after the Christmas
 *   holiday, after the Easter holiday and after May half term.
 */

/* A break of a week or more between two school days: a half term or a
 * holiday, as opposed to a weekend or a bank holiday. */
#define WM_SAMPLE_BREAK_DAYS 7

typedef struct
{
  WmDay     first_day;
  guint     n_days;
  gboolean *closed;
} ClosedDays;

static void
close_day (ClosedDays *closed,
           WmDay       day)
{
  if (day >= closed->first_day && day - closed->first_day < closed->n_days)
    closed->closed[day - closed->first_day] = TRUE;
}

static void
close_weeks (ClosedDays *closed,
             WmDay       monday,
             guint       n_weeks)
{
  for (guint week = 0; week < n_weeks; week++)
    for (guint offset = 0; offset < 5; offset++)
      close_day (closed, monday + week * 7 + offset);
}

static gboolean
is_open (const ClosedDays *closed,
         WmDay             day)
{
  if (wm_day_is_weekend (day))
    return FALSE;

  /* A year cut short at an export day has no entry past its last day, but
   * a training day may still be looked for there. Such a day counts as open,
   * so the search stops at once and close_day() ignores it. */
  if (day < closed->first_day || day - closed->first_day >= closed->n_days)
    return TRUE;

  return !closed->closed[day - closed->first_day];
}

/* The first weekday on or after @day: weekends are never school days. */
static WmDay
weekday_on_or_after (WmDay day)
{
  while (wm_day_is_weekend (day))
    day++;

  return day;
}

/* The last @weekday on or before @day. */
static WmDay
last_weekday_on_or_before (WmDay        day,
                           GDateWeekday weekday)
{
  return day - (wm_day_weekday (day) - weekday + 7) % 7;
}

static WmDay
nth_monday (guint year,
            guint month,
            guint n)
{
  WmDay first = wm_day_from_ymd (year, month, 1);
  guint to_monday = (G_DATE_MONDAY - wm_day_weekday (first) + 7) % 7;

  return first + to_monday + (n - 1) * 7;
}

static WmDay
last_monday (guint year,
             guint month)
{
  guint8 n_days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  WmDay last = wm_day_from_ymd (year, month, n_days);

  return last_weekday_on_or_before (last, G_DATE_MONDAY);
}

/**
 * _wm_sample_easter_sunday:
 * @year: a year of the Gregorian calendar
 *
 * Computes Easter Sunday with the anonymous Gregorian algorithm (the
 * Meeus/Jones/Butcher form), which needs integers only.
 *
 * Returns: the day of Easter Sunday in @year
 */
WmDay
_wm_sample_easter_sunday (guint year)
{
  guint a = year % 19, b = year / 100, c = year % 100;
  guint d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30;
  guint i = c / 4, k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7;
  guint m = (a + 11 * h + 22 * l) / 451;
  guint month = (h + l - 7 * m + 114) / 31;
  guint day = (h + l - 7 * m + 114) % 31 + 1;

  return wm_day_from_ymd (year, month, day);
}

/* New Year's Day moves to the next Monday when it falls at a weekend. */
static void
close_new_year (ClosedDays *closed,
                guint       year)
{
  close_day (closed, weekday_on_or_after (wm_day_from_ymd (year, 1, 1)));
}

/* Christmas Day and Boxing Day: each one that falls at a weekend gives a
 * substitute day on the next weekday after 26 December that is not
 * already a bank holiday (27 and 28 December at most). */
static void
close_christmas (ClosedDays *closed,
                 guint       year)
{
  WmDay next = wm_day_from_ymd (year, 12, 27);

  for (guint dom = 25; dom <= 26; dom++)
    {
      WmDay day = wm_day_from_ymd (year, 12, dom);

      if (!wm_day_is_weekend (day))
        {
          close_day (closed, day);
          continue;
        }

      next = weekday_on_or_after (next);
      close_day (closed, next);
      next++;
    }
}

/* One-off changes to England's bank holidays by royal proclamation since
 * 2000. A later change must be added here when it is announced. */
typedef struct
{
  guint year, month, day;
} Ymd;

static const Ymd moved_early_may[] = { { 2020, 5, 8 } };
static const Ymd moved_spring[] = { { 2002, 6, 4 }, { 2012, 6, 4 }, { 2022, 6, 2 } };
static const Ymd extra_bank_holidays[] = {
  { 2002, 6, 3 },               /* Golden Jubilee */
  { 2011, 4, 29 },              /* royal wedding */
  { 2012, 6, 5 },               /* Diamond Jubilee */
  { 2022, 6, 3 },               /* Platinum Jubilee */
  { 2022, 9, 19 },              /* state funeral of Queen Elizabeth II */
  { 2023, 5, 8 },               /* coronation of King Charles III */
};

static WmDay
moved_or (const Ymd *moved,
          guint      n_moved,
          guint      year,
          WmDay      usual)
{
  for (guint i = 0; i < n_moved; i++)
    if (moved[i].year == year)
      return wm_day_from_ymd (moved[i].year, moved[i].month, moved[i].day);

  return usual;
}

static void
close_bank_holidays (ClosedDays *closed,
                     guint       year)
{
  WmDay easter = _wm_sample_easter_sunday (year);

  close_new_year (closed, year);
  close_day (closed, easter - 2);
  close_day (closed, easter + 1);
  close_day (closed, moved_or (moved_early_may, G_N_ELEMENTS (moved_early_may),
                               year, nth_monday (year, 5, 1)));
  close_day (closed, moved_or (moved_spring, G_N_ELEMENTS (moved_spring),
                               year, last_monday (year, 5)));
  close_day (closed, last_monday (year, 8));
  close_christmas (closed, year);

  for (guint i = 0; i < G_N_ELEMENTS (extra_bank_holidays); i++)
    if (extra_bank_holidays[i].year == year)
      close_day (closed, wm_day_from_ymd (year, extra_bank_holidays[i].month,
                                          extra_bank_holidays[i].day));
}

/* A training day on the first open weekday from @day. */
static void
close_training_day (ClosedDays *closed,
                    WmDay       day)
{
  while (!is_open (closed, day))
    day++;

  close_day (closed, day);
}

/* Returns the Monday after the Christmas holiday. */
static WmDay
close_holidays (ClosedDays *closed,
                guint       autumn_year)
{
  guint spring_year = autumn_year + 1;
  WmDay october_31 = wm_day_from_ymd (autumn_year, 10, 31);
  WmDay christmas = wm_day_monday (wm_day_from_ymd (autumn_year, 12, 24));
  WmDay easter = _wm_sample_easter_sunday (spring_year);

  close_weeks (closed, last_weekday_on_or_before (october_31, G_DATE_FRIDAY) - 4, 1);
  close_weeks (closed, christmas, 2);
  close_weeks (closed, nth_monday (spring_year, 2, 3), 1);
  close_weeks (closed, easter - 6, 2);
  close_weeks (closed, last_monday (spring_year, 5), 1);

  return christmas + 14;
}

static void
close_training_days (ClosedDays *closed,
                     guint       autumn_year,
                     WmDay       after_christmas)
{
  guint spring_year = autumn_year + 1;

  close_training_day (closed, closed->first_day);
  close_training_day (closed, closed->first_day);
  close_training_day (closed, after_christmas);
  close_training_day (closed, _wm_sample_easter_sunday (spring_year) + 8);
  close_training_day (closed, last_monday (spring_year, 5) + 7);
}

static void
calendar_index_days (WmSampleCalendar *calendar,
                     const ClosedDays *closed)
{
  calendar->school_index = g_new (gint, calendar->n_days);
  calendar->school_days = g_new (WmDay, calendar->n_days);
  calendar->weekday = g_new (GDateWeekday, calendar->n_days);

  for (guint offset = 0; offset < calendar->n_days; offset++)
    {
      WmDay day = calendar->first_day + offset;

      calendar->school_index[offset] = -1;
      if (!is_open (closed, day))
        continue;

      calendar->school_index[offset] = (gint) calendar->n_school_days;
      calendar->weekday[calendar->n_school_days] = wm_day_weekday (day);
      calendar->school_days[calendar->n_school_days++] = day;
    }
}

/* The school days followed by a half term or a holiday, and the last day
 * of the year: a family holiday in term time is usually taken next to
 * one of them. */
static void
calendar_find_breaks (WmSampleCalendar *calendar)
{
  calendar->break_after = g_new (guint, calendar->n_school_days);

  for (guint j = 0; j + 1 < calendar->n_school_days; j++)
    if (calendar->school_days[j + 1] - calendar->school_days[j] >= WM_SAMPLE_BREAK_DAYS)
      calendar->break_after[calendar->n_breaks++] = j;

  if (calendar->n_school_days > 0)
    calendar->break_after[calendar->n_breaks++] = calendar->n_school_days - 1;
}

/**
 * _wm_sample_calendar_new:
 * @academic_year: the calendar year in which the school year starts
 * @export_day: the day the file is exported, or %WM_DAY_NONE for the end
 *   of the summer term
 *
 * Builds the sample school's year by the rule at the top of this file,
 * cut short at @export_day when that comes before the end of the year.
 *
 * Returns: (transfer full): the calendar
 */
WmSampleCalendar *
_wm_sample_calendar_new (guint academic_year,
                         WmDay export_day)
{
  g_autoptr(WmSampleCalendar) calendar = g_new0 (WmSampleCalendar, 1);
  g_autofree gboolean *closed_days = NULL;
  ClosedDays closed;
  WmDay after_christmas;

  calendar->academic_year = academic_year;
  calendar->first_day = weekday_on_or_after (wm_day_from_ymd (academic_year, 9, 1));
  calendar->last_day = last_weekday_on_or_before (wm_day_from_ymd (academic_year + 1, 7, 22),
                                                  G_DATE_WEDNESDAY);
  if (export_day != WM_DAY_NONE && export_day < calendar->last_day)
    calendar->last_day = MAX (export_day, calendar->first_day);
  calendar->n_days = calendar->last_day - calendar->first_day + 1;

  closed_days = g_new0 (gboolean, calendar->n_days);
  closed = (ClosedDays) { calendar->first_day, calendar->n_days, closed_days };
  after_christmas = close_holidays (&closed, academic_year);
  close_bank_holidays (&closed, academic_year);
  close_bank_holidays (&closed, academic_year + 1);
  close_training_days (&closed, academic_year, after_christmas);

  calendar_index_days (calendar, &closed);
  calendar_find_breaks (calendar);

  return g_steal_pointer (&calendar);
}

void
_wm_sample_calendar_free (WmSampleCalendar *calendar)
{
  if (calendar == NULL)
    return;

  g_free (calendar->school_index);
  g_free (calendar->school_days);
  g_free (calendar->weekday);
  g_free (calendar->break_after);
  g_free (calendar);
}

/**
 * _wm_sample_calendar_index:
 *
 * Returns: the index of @day among the school days, or -1 when the school
 *   is closed that day or @day lies outside the year
 */
gint
_wm_sample_calendar_index (const WmSampleCalendar *calendar,
                           WmDay                   day)
{
  if (day < calendar->first_day || day > calendar->last_day)
    return -1;

  return calendar->school_index[day - calendar->first_day];
}
