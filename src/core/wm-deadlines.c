/* wm-deadlines.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-deadlines.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Every deadline here is computed on calendar day numbers, never on
 * timestamps, so a change of daylight-saving time inside a period cannot
 * move its last day.
 */

static const char * const weekday_names[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/**
 * wm_day_format_weekday:
 *
 * Formats a date with its weekday, such as "Monday 16 March 2026", the
 * way a deadline is written to a parent.
 *
 * Returns: (transfer full): the formatted date
 */
char *
wm_day_format_weekday (WmDay day)
{
  g_autofree char *date = NULL;

  if (day == WM_DAY_NONE)
    return g_strdup ("");

  date = wm_day_format_long (day);
  /* Translators: a date with its weekday, such as "Monday 16 March
   * 2026": the weekday's name, then the date. */
  return g_strdup_printf (_("%s %s"), _(weekday_names[wm_day_weekday (day)]), date);
}

/**
 * wm_period_last_day:
 * @first: the day the period begins with
 * @n_days: the length of the period, at least 1
 *
 * Finds the last day of a period "of @n_days days beginning with" @first.
 * The words "beginning with" make @first day 1, so a 21-day period
 * beginning with Wednesday 16 February 2028 ends on Tuesday 7 March 2028.
 * Weekends and holidays count like any other day, and a period that ends
 * on one is not extended.
 *
 * Returns: the last day of the period
 */
WmDay
wm_period_last_day (WmDay first,
                    guint n_days)
{
  g_return_val_if_fail (first != WM_DAY_NONE, WM_DAY_NONE);
  g_return_val_if_fail (n_days >= 1, WM_DAY_NONE);

  return first + n_days - 1;
}

/**
 * wm_penalty_received_day:
 * @sent: the day the notice was posted or handed over
 * @method: how the notice was served
 * @holidays: the bank holidays and other closure days
 * @rules: the rule values
 *
 * Finds the day a penalty notice counts as received. A notice handed over
 * is received that day. A posted notice is received on the
 * @rules->penalty_service_working_days-th working day after posting, where
 * a working day is a Monday to Friday that is not a bank holiday; school
 * holidays are working days. With the default of 2, a notice posted on
 * Thursday 10 December 2026 is received on Monday 14 December 2026.
 *
 * Returns: the day of receipt
 */
WmDay
wm_penalty_received_day (WmDay                  sent,
                         WmServiceMethod        method,
                         const WmHolidays      *holidays,
                         const WmResponseRules *rules)
{
  g_return_val_if_fail (sent != WM_DAY_NONE, WM_DAY_NONE);
  g_return_val_if_fail (holidays != NULL, WM_DAY_NONE);
  g_return_val_if_fail (rules != NULL, WM_DAY_NONE);

  if (method == WM_SERVICE_HANDED)
    return sent;

  return wm_holidays_add_working_days (holidays, sent,
                                       rules->penalty_service_working_days);
}

/* Tells whether the holiday table covers every day from @first to @last. */
static gboolean
holidays_cover (const WmHolidays *holidays,
                WmDay             first,
                WmDay             last)
{
  return wm_holidays_covers (holidays, first)
         && wm_holidays_covers (holidays, last);
}

/**
 * wm_penalty_deadlines_compute:
 * @sent: the day the notice was posted or handed over
 * @method: how the notice was served
 * @holidays: the bank holidays and other closure days
 * @rules: the rule values
 * @out: (out caller-allocates): the deadlines
 *
 * Computes the payment periods of a penalty notice. Both run from the day
 * of receipt (see wm_penalty_received_day()), which is day 1: the reduced
 * amount is payable within @rules->penalty_reduced_days days and the full
 * amount within @rules->penalty_full_days days. Received on Wednesday
 * 16 February 2028, the 21-day period ends on Tuesday 7 March 2028 and the
 * 28-day period on Tuesday 14 March 2028. Neither period is extended by a
 * weekend, bank holiday or school holiday.
 */
void
wm_penalty_deadlines_compute (WmDay                  sent,
                              WmServiceMethod        method,
                              const WmHolidays      *holidays,
                              const WmResponseRules *rules,
                              WmPenaltyDeadlines    *out)
{
  g_return_if_fail (sent != WM_DAY_NONE);
  g_return_if_fail (holidays != NULL);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (out != NULL);

  out->method = method;
  out->sent = sent;
  out->received = wm_penalty_received_day (sent, method, holidays, rules);

  out->reduced_days = rules->penalty_reduced_days;
  out->reduced_last_day = wm_period_last_day (out->received,
                                              out->reduced_days);
  out->full_days = rules->penalty_full_days;
  out->full_last_day = wm_period_last_day (out->received, out->full_days);

  /* A notice handed over uses no working day, so no table is needed. */
  out->outside_holiday_table =
    method == WM_SERVICE_POSTED
    && !holidays_cover (holidays, out->sent, out->received);
}

static void
append_receipt (GString                  *text,
                const WmPenaltyDeadlines *deadlines,
                const WmResponseRules    *rules)
{
  g_autofree char *sent = wm_day_format_weekday (deadlines->sent);
  g_autofree char *received = wm_day_format_weekday (deadlines->received);
  guint n = rules->penalty_service_working_days;

  if (deadlines->method == WM_SERVICE_HANDED)
    {
      /* Translators: %s is the date a penalty notice was handed over. */
      g_string_append_printf (text, _("Handed over on %s, so received that "
                                      "day"), sent);
      return;
    }

  if (n == 0)
    g_string_append_printf (text, _("Posted on %s, so received that day"), sent);
  else
    /* Translators: the date of posting, the date of receipt and the
     * number of working days between them. */
    g_string_append_printf (text, wm_ngettext ("Posted on %s, so received on %s, %u "
                                               "working day after posting",
                                               "Posted on %s, so received on %s, %u "
                                               "working days after posting", n),
                            sent, received, n);

  if (deadlines->outside_holiday_table)
    g_string_append (text, _(". The bank holiday table does not cover these "
                             "dates, so check the day of receipt"));
}

/**
 * wm_penalty_deadlines_describe:
 * @deadlines: the deadlines of a notice
 * @rules: the rule values the deadlines were computed with
 * @reduced_rate: whether this notice may be paid at the reduced amount,
 *   which only a parent's first notice for a child within the limit
 *   period may
 *
 * Describes the deadlines in words an officer can check, for example
 * "Posted on Thursday 10 December 2026, so received on Monday 14 December
 * 2026, 2 working days after posting. Pay 80 pounds by Sunday
 * 3 January 2027 (21 days) or 160 pounds by Sunday 10 January 2027
 * (28 days)."
 *
 * Returns: (transfer full): the description
 */
char *
wm_penalty_deadlines_describe (const WmPenaltyDeadlines *deadlines,
                               const WmResponseRules    *rules,
                               gboolean                  reduced_rate)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reduced = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (deadlines != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  reduced = wm_day_format_weekday (deadlines->reduced_last_day);
  full = wm_day_format_weekday (deadlines->full_last_day);

  append_receipt (text, deadlines, rules);
  if (reduced_rate)
    /* Translators: the reduced amount, its last day and its number of
     * days, then the full amount, its last day and its number of days. */
    g_string_append_printf (text, _(". Pay %u pounds by %s (%u days) or %u "
                                    "pounds by %s (%u days)."),
                            rules->penalty_reduced_pounds, reduced,
                            deadlines->reduced_days,
                            rules->penalty_full_pounds, full,
                            deadlines->full_days);
  else
    /* Translators: the full amount, its last day and its number of
     * days. */
    g_string_append_printf (text, _(". Pay %u pounds by %s (%u days); this "
                                    "notice has no reduced amount."),
                            rules->penalty_full_pounds, full,
                            deadlines->full_days);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Improvement period ------------------------------------------------ */

/* Tells whether the school has a session in the week of @monday. */
static gboolean
is_school_week (const WmCalendar *calendar,
                WmDay             monday)
{
  for (WmDay day = monday; day < monday + 7; day++)
    if (wm_calendar_is_held (calendar, day, WM_SESSION_AM)
        || wm_calendar_is_held (calendar, day, WM_SESSION_PM))
      return TRUE;

  return FALSE;
}

/*
 * Finds the Monday of the first school week on or after @monday, or
 * WM_DAY_NONE when the calendar has no session from then on.
 */
static WmDay
next_school_week (const WmCalendar *calendar,
                  WmDay             monday)
{
  WmDay last = wm_calendar_last_day (calendar);

  for (; last != WM_DAY_NONE && monday <= last; monday += 7)
    if (is_school_week (calendar, monday))
      return monday;

  return WM_DAY_NONE;
}

static gboolean
set_calendar_ends_error (const WmCalendar  *calendar,
                         guint              week,
                         GError           **error)
{
  g_autofree char *last = wm_day_format_long (wm_calendar_last_day (calendar));

  /* These two messages use _(), not E_() like other errors. The response
   * copies them into its notes and the readiness of the legal steps,
   * which the evidence bundle and the --evaluate output print, so they
   * follow the English scope of those documents. */
  if (wm_calendar_n_held (calendar) == 0)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 _("The school calendar has no term dates, so the improvement "
                   "period cannot be counted in school weeks: add the "
                   "school's term dates"));
  else
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 /* Translators: the first and last %s are the same date. */
                 _("The school calendar ends on %s, before school week %u of "
                   "the improvement period: add the term dates after %s"),
                 last, week, last);
  return FALSE;
}

/*
 * Fills the Mondays of school weeks 1 to n_weeks + 1, where week 1 is the
 * week of receipt, or the first school week after it when the school holds
 * no session in that week (a notice received in a half term).
 */
static gboolean
find_school_weeks (const WmCalendar  *calendar,
                   WmDay              received,
                   guint              n_weeks,
                   WmDay             *mondays,
                   GError           **error)
{
  WmDay monday = wm_day_monday (received);

  for (guint week = 0; week <= n_weeks; week++)
    {
      monday = next_school_week (calendar, monday);
      if (monday == WM_DAY_NONE)
        return set_calendar_ends_error (calendar, week + 1, error);

      mondays[week] = monday;
      monday += 7;
    }

  return TRUE;
}

static gboolean
check_weeks (guint                   n_weeks,
             const WmResponseRules  *rules,
             GError                **error)
{
  if (n_weeks >= rules->improvement_min_weeks
      && n_weeks <= rules->improvement_max_weeks)
    return TRUE;

  /* _(), not E_(), for the reason given in set_calendar_ends_error(). */
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the last two %s are rule keys, which stay as
                * they are. */
               _("An improvement period of %u weeks is out of range: choose "
                 "from %u to %u weeks (rules “%s” and “%s”)"),
               n_weeks, rules->improvement_min_weeks,
               rules->improvement_max_weeks, WM_RULE_IMPROVEMENT_MIN_WEEKS,
               WM_RULE_IMPROVEMENT_MAX_WEEKS);
  return FALSE;
}

/**
 * wm_improvement_period_compute:
 * @received: the day the Notice to Improve was received
 * @n_weeks: the length of the period in weeks, within the rule values'
 *   @improvement_min_weeks to @improvement_max_weeks
 * @calendar: the sessions the school holds, including future terms
 *   (see wm_terms_add_to_calendar()); unused for calendar weeks
 * @rules: the rule values; @rules->improvement_basis chooses school or
 *   calendar weeks
 * @out: (out caller-allocates): the period
 * @error: return location for a #GError
 *
 * Computes the improvement period of a Notice to Improve. The week of
 * receipt is week 1. The period ends at the end of the day before the
 * receipt's weekday in week @n_weeks + 1, and the review falls on that
 * weekday, which can be a day the school is closed.
 *
 * Counted in school weeks, only weeks in which the school has a session
 * count, so that a half term does not use up the period. Received on
 * Monday 9 February 2026 with a half term from 16 to 20 February, a period
 * of 4 school weeks covers the weeks of 9 February, 23 February, 2 March
 * and 9 March, ends on Sunday 15 March and has its review on Monday
 * 16 March 2026. When the school has no session in the week of receipt,
 * week 1 is the first school week after it.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT when @n_weeks is out
 *   of range, or when @calendar ends before week @n_weeks + 1
 */
gboolean
wm_improvement_period_compute (WmDay                  received,
                               guint                  n_weeks,
                               const WmCalendar      *calendar,
                               const WmResponseRules *rules,
                               WmImprovementPeriod   *out,
                               GError               **error)
{
  WmDay mondays[WM_IMPROVEMENT_MAX_WEEKS + 1];
  guint offset;

  g_return_val_if_fail (received != WM_DAY_NONE, FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_weeks (n_weeks, rules, error))
    return FALSE;
  g_return_val_if_fail (n_weeks <= WM_IMPROVEMENT_MAX_WEEKS, FALSE);

  if (rules->improvement_basis == WM_PERIOD_BASIS_CALENDAR_WEEKS)
    for (guint week = 0; week <= n_weeks; week++)
      mondays[week] = wm_day_monday (received) + 7 * week;
  else if (!find_school_weeks (calendar, received, n_weeks, mondays,
                               error))
    return FALSE;

  out->basis = rules->improvement_basis;
  out->received = received;
  out->n_weeks = n_weeks;
  for (guint week = 0; week < n_weeks; week++)
    out->week_mondays[week] = mondays[week];

  offset = wm_day_weekday (received) - G_DATE_MONDAY;
  out->review = mondays[n_weeks] + offset;
  out->last_day = out->review - 1;
  out->assumed_first = WM_DAY_NONE;
  out->assumed_last = WM_DAY_NONE;
  return TRUE;
}

/**
 * wm_improvement_period_note_assumed:
 * @period: a period from wm_improvement_period_compute()
 * @assumed: (array length=n_assumed) (nullable): the stretches of days
 *   whose school days came from a generated term pattern, in order
 * @n_assumed: the number of stretches
 *
 * Records in @period the days from its receipt to its review that fall in
 * @assumed, so that wm_improvement_period_describe() states that the
 * period rests on assumed term dates. Counted in calendar weeks, a period does
 * not depend on term dates, and nothing is recorded.
 */
void
wm_improvement_period_note_assumed (WmImprovementPeriod *period,
                                    const WmDayRange    *assumed,
                                    guint                n_assumed)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (assumed != NULL || n_assumed == 0);

  period->assumed_first = WM_DAY_NONE;
  period->assumed_last = WM_DAY_NONE;
  if (period->basis == WM_PERIOD_BASIS_CALENDAR_WEEKS)
    return;

  for (guint i = 0; i < n_assumed; i++)
    {
      WmDay first = MAX (assumed[i].first, period->received);
      WmDay last = MIN (assumed[i].last, period->review);

      if (first > last)
        continue;
      if (period->assumed_first == WM_DAY_NONE)
        period->assumed_first = first;
      period->assumed_last = last;
    }
}

/**
 * wm_period_basis_label:
 *
 * Returns: "school weeks" or "calendar weeks", to show beside a period
 */
const char *
wm_period_basis_label (WmPeriodBasis basis)
{
  return basis == WM_PERIOD_BASIS_CALENDAR_WEEKS ? _("calendar weeks")
                                                 : _("school weeks");
}

static const char * const month_names[] = {
  NULL, N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
  N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
  N_("November"), N_("December"),
};

/* Appends "9 February, 23 February and 2 March 2026", giving a year only
 * where the next Monday is in another year or the list ends. */
static void
append_mondays (GString   *text,
                const WmDay *mondays,
                guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      guint year = wm_day_year (mondays[i]);

      if (i > 0)
        /* Translators: between the last two weeks of a list, such as
         * "2 March and 9 March 2026"; keep the spaces. */
        g_string_append (text, i + 1 == n ? _(" and ") : ", ");

      g_string_append_printf (text, "%u %s", wm_day_of_month (mondays[i]),
                              _(month_names[wm_day_month (mondays[i])]));
      if (i + 1 == n || wm_day_year (mondays[i + 1]) != year)
        g_string_append_printf (text, " %u", year);
    }
}

/**
 * wm_improvement_period_describe:
 * @period: an improvement period
 *
 * Describes the period with its basis, for example "4 school weeks (the
 * weeks of 9 February, 23 February, 2 March and 9 March 2026), ending on
 * Sunday 15 March 2026; review on Monday 16 March 2026". When school
 * weeks came from a generated pattern (see
 * wm_improvement_period_note_assumed()), it adds "; term dates not entered
 * for 14 to 16 March 2026; assumed the usual pattern".
 *
 * Returns: (transfer full): the description
 */
char *
wm_improvement_period_describe (const WmImprovementPeriod *period)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *last_day = NULL;
  g_autofree char *review = NULL;
  g_autoptr(GString) mondays = g_string_new (NULL);

  g_return_val_if_fail (period != NULL, NULL);

  last_day = wm_day_format_weekday (period->last_day);
  review = wm_day_format_weekday (period->review);
  append_mondays (mondays, period->week_mondays, period->n_weeks);

  /* Translators: the number of weeks, then the dates of their Mondays,
   * such as "4 school weeks (the weeks of 9 February, 23 February,
   * 2 March and 9 March 2026)". */
  if (period->basis == WM_PERIOD_BASIS_CALENDAR_WEEKS)
    g_string_append_printf (text, wm_ngettext ("%u calendar week (the week of %s)",
                                               "%u calendar weeks (the weeks of %s)",
                                               period->n_weeks),
                            period->n_weeks, mondays->str);
  else
    g_string_append_printf (text, wm_ngettext ("%u school week (the week of %s)",
                                               "%u school weeks (the weeks of %s)",
                                               period->n_weeks),
                            period->n_weeks, mondays->str);
  /* Translators: continues the improvement period's sentence: its last
   * day, then the day of its review. */
  g_string_append_printf (text, _(", ending on %s; review on %s"), last_day,
                          review);

  /* The officer must see that the dates rest on a guess, and which days
   * to enter term dates for to remove it. */
  if (period->assumed_first != WM_DAY_NONE)
    {
      g_autofree char *stretch = wm_day_range_format (period->assumed_first,
                                                      period->assumed_last);

      /* Translators: %s is a range of dates. */
      g_string_append_printf (text, _("; term dates not entered for %s; "
                                      "assumed the usual pattern"), stretch);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
