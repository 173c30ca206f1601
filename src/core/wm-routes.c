/* wm-routes.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-routes.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * The two routes to a penalty notice that run beside the levels: the
 * national threshold of unauthorised sessions in a rolling number of school
 * weeks, and unauthorised absence during a refused leave request. Both
 * count sessions coded G, N, O or U, the codes of unauthorised absence, and
 * leave out sessions that an issued penalty notice already used, because
 * one absence cannot be penalised twice.
 */

/* Counts of one pupil's unauthorised sessions over some days. */
typedef struct
{
  guint counted;
  guint excluded;
} UnauthorisedCount;

static gboolean
is_unauthorised (WmMark mark,
                 WmDay  day)
{
  return wm_mark_is_code (mark)
         && wm_mark_category (mark, day) == WM_CATEGORY_UNAUTHORISED;
}

/*
 * Counts the unauthorised sessions from @first to @last. A code counts
 * whether or not the calendar has the session as held, as in the level
 * evaluation, because the register is the record of what happened.
 */
static void
count_unauthorised (const WmRegister  *reg,
                    WmDay              first,
                    WmDay              last,
                    const WmDayRange  *used,
                    guint              n_used,
                    UnauthorisedCount *count)
{
  memset (count, 0, sizeof *count);
  if (reg == NULL || reg->n_days == 0 || first > last)
    return;

  first = MAX (first, reg->first_day);
  last = MIN (last, reg->first_day + reg->n_days - 1);

  for (WmDay day = first; day <= last; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        if (!is_unauthorised (wm_register_get (reg, day, session), day))
          continue;

        if (wm_day_range_contains (used, n_used, day))
          count->excluded++;
        else
          count->counted++;
      }
}

/* The sentence gives the number of sessions an issued notice already
 * used, because an officer counting the absences in the register would
 * otherwise find more than the count. */
static void
append_excluded (GString *text,
                 guint    excluded)
{
  if (excluded > 0)
    /* Translators: continues the sentence of a route; %u is a number of
     * sessions. */
    g_string_append_printf (text, _(", leaving out %u already used by an "
                                    "issued penalty notice"), excluded);
}

/* Threshold ---------------------------------------------------------- */

/*
 * Fills the period and count of the threshold on @as_of alone, without
 * the run: the last threshold-window school weeks up to @as_of, from the
 * Monday of the earliest to @as_of itself.
 */
static void
threshold_on_day (const WmRegister  *reg,
                  const WmCalendar  *calendar,
                  WmDay              as_of,
                  const WmRules     *rules,
                  const WmDayRange  *used,
                  guint              n_used,
                  WmThresholdResult *out)
{
  g_autofree WmDay *mondays = g_new0 (WmDay, rules->threshold_window_weeks);
  UnauthorisedCount count;

  memset (out, 0, sizeof *out);
  out->as_of = as_of;
  out->needed = rules->threshold_sessions;
  out->window_weeks = wm_calendar_school_weeks (calendar, as_of,
                                                rules->threshold_window_weeks,
                                                mondays);
  if (out->window_weeks == 0)
    return;

  out->window_start = mondays[out->window_weeks - 1];
  count_unauthorised (reg, out->window_start, as_of, used, n_used, &count);
  out->count = count.counted;
  out->excluded = count.excluded;
  out->met = out->count >= out->needed;
}

/*
 * Sums the sessions counted towards the threshold from the register's
 * first day: element i is the sum over the days before first_day + i, up
 * to @last. The walk back below then finds each day's count with one
 * subtraction. Counting each day's whole period again took a tenth of
 * the instructions of `--evaluate --format=json`.
 */
static guint *
running_counts (const WmRegister *reg,
                WmDay             last,
                const WmDayRange *used,
                guint             n_used)
{
  guint n_days = last - reg->first_day + 1;
  guint *sums = g_new (guint, n_days + 1);

  sums[0] = 0;
  for (guint i = 0; i < n_days; i++)
    {
      UnauthorisedCount count;
      WmDay day = reg->first_day + i;

      count_unauthorised (reg, day, day, used, n_used, &count);
      sums[i + 1] = sums[i] + count.counted;
    }

  return sums;
}

/* Whether the threshold was met on @day, from the sums of
 * running_counts(), as threshold_on_day() would count it. */
static gboolean
threshold_met_on (const WmRegister *reg,
                  const WmCalendar *calendar,
                  WmDay             day,
                  const WmRules    *rules,
                  const guint      *sums)
{
  g_autofree WmDay *mondays = g_new0 (WmDay, rules->threshold_window_weeks);
  guint n_weeks = wm_calendar_school_weeks (calendar, day,
                                            rules->threshold_window_weeks,
                                            mondays);
  WmDay last = MIN (day, reg->first_day + reg->n_days - 1);
  WmDay start;
  guint count = 0;

  if (n_weeks == 0)
    return FALSE;

  start = MAX (mondays[n_weeks - 1], reg->first_day);
  if (start <= last)
    count = sums[last - reg->first_day + 1] - sums[start - reg->first_day];

  return count >= rules->threshold_sessions;
}

/**
 * wm_threshold_evaluate:
 * @reg: (nullable): the pupil's register, or %NULL for a pupil with no
 *   marks
 * @calendar: the sessions the pupil's school held
 * @as_of: the evaluation date
 * @rules: the rule values; @rules->threshold_window_weeks and
 *   @rules->threshold_sessions define the threshold
 * @used: (array length=n_used) (nullable): the days whose sessions issued
 *   penalty notices already used
 * @n_used: the number of ranges in @used
 * @out: (out caller-allocates): the result
 *
 * Evaluates the national penalty threshold as of a date: at least
 * @rules->threshold_sessions sessions of G, N, O or U within the last
 * @rules->threshold_window_weeks school weeks. A school week is a
 * Monday-to-Sunday week in which the school held a session, so the period
 * crosses holidays, terms and school years without the holidays using it
 * up. Sessions inside @used are left out.
 *
 * When the threshold is met, @out->first_met is the first day of the
 * current run: the latest unbroken stretch of days, up to @as_of, on each
 * of which the threshold was met. The period moves every day, so the
 * threshold can stop being met as old sessions leave the period and be met
 * again later. Only the latest run decides when it was first met.
 */
void
wm_threshold_evaluate (const WmRegister  *reg,
                       const WmCalendar  *calendar,
                       WmDay              as_of,
                       const WmRules     *rules,
                       const WmDayRange  *used,
                       guint              n_used,
                       WmThresholdResult *out)
{
  g_autofree guint *sums = NULL;
  WmDay first_data;

  g_return_if_fail (calendar != NULL);
  g_return_if_fail (as_of != WM_DAY_NONE);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (used != NULL || n_used == 0);
  g_return_if_fail (out != NULL);

  threshold_on_day (reg, calendar, as_of, rules, used, n_used, out);
  if (!out->met)
    return;

  /* Walking back from as_of until a day on which the threshold was not
   * met finds the same run as walking forward from before the data
   * starts, and stops as soon as the run does. No day before the first
   * held session or the first mark can meet the threshold. */
  first_data = MAX (wm_calendar_first_day (calendar), reg->first_day);
  sums = running_counts (reg, MIN (as_of, reg->first_day + reg->n_days - 1),
                         used, n_used);
  out->first_met = as_of;
  while (out->first_met > first_data
         && threshold_met_on (reg, calendar, out->first_met - 1, rules,
                              sums))
    out->first_met--;
}

/**
 * wm_threshold_describe:
 * @result: a threshold result
 *
 * Gives the threshold's state in words an officer can check, for example
 * "Penalty threshold met: 12 unauthorised sessions (G, N, O, U) in the 10
 * school weeks 13 July to 2 November 2026 (the threshold is 10); first met
 * on 2 November 2026", or, when it is not met, "Penalty threshold not met:
 * 4 of 10 unauthorised sessions (G, N, O, U) in the ...".
 *
 * Returns: (transfer full): the description
 */
char *
wm_threshold_describe (const WmThresholdResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *range = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->window_weeks == 0)
    return g_strdup (_("Penalty threshold not met: the school held no session "
                       "on or before this date"));

  range = wm_day_range_format (result->window_start, result->as_of);
  /* A met threshold states the count and the threshold apart: "77 of
   * 10" read as a mistake, since a count cannot be more than the whole
   * it is a part of. */
  if (result->met)
    /* Translators: "77 unauthorised sessions (G, N, O, U) in the 10 school
     * weeks 13 July to 2 November 2026 (the threshold is 10)"; G, N, O and
     * U are the register codes, %s is a range of dates and the last %u the
     * number of sessions that meets the threshold. */
    g_string_append_printf (text, wm_ngettext ("Penalty threshold met: %u unauthorised "
                                               "sessions (G, N, O, U) in the %u school week "
                                               "%s (the threshold is %u)",
                                               "Penalty threshold met: %u unauthorised "
                                               "sessions (G, N, O, U) in the %u school weeks "
                                               "%s (the threshold is %u)",
                                               result->window_weeks),
                            result->count, result->window_weeks, range, result->needed);
  else
    /* Translators: "4 of 10 unauthorised sessions (G, N, O, U) in the 10
     * school weeks 13 July to 2 November 2026"; G, N, O and U are the
     * register codes, and the last %s is a range of dates. */
    g_string_append_printf (text, wm_ngettext ("Penalty threshold not met: %u of %u "
                                               "unauthorised sessions (G, N, O, U) in the %u "
                                               "school week %s",
                                               "Penalty threshold not met: %u of %u "
                                               "unauthorised sessions (G, N, O, U) in the %u "
                                               "school weeks %s",
                                               result->window_weeks),
                            result->count, result->needed, result->window_weeks, range);
  append_excluded (text, result->excluded);
  if (result->met)
    {
      g_autofree char *first_met = wm_day_format_long (result->first_met);

      /* Translators: continues the threshold's sentence; %s is a date. */
      g_string_append_printf (text, _("; first met on %s"), first_met);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Leave refused ------------------------------------------------------ */

/*
 * Finds the day of the @needed-th unauthorised session inside @request,
 * or WM_DAY_NONE when there are fewer.
 */
static WmDay
leave_met_on (const WmRegister *reg,
              const WmDayRange *request,
              WmDay             as_of,
              guint             needed,
              const WmDayRange *used,
              guint             n_used)
{
  guint total = 0;

  for (WmDay day = request->first; day <= MIN (request->last, as_of); day++)
    {
      UnauthorisedCount count;

      count_unauthorised (reg, day, day, used, n_used, &count);
      total += count.counted;
      if (total >= needed)
        return day;
    }

  return WM_DAY_NONE;
}

/**
 * wm_leave_refused_evaluate:
 * @reg: (nullable): the pupil's register, or %NULL for a pupil with no
 *   marks
 * @request: the first and last day of the refused leave request
 * @as_of: the evaluation date; later sessions do not count
 * @rules: the rule values; @rules->leave_refused_sessions sets how many
 *   sessions make the case
 * @used: (array length=n_used) (nullable): the days whose sessions issued
 *   penalty notices already used
 * @n_used: the number of ranges in @used
 * @out: (out caller-allocates): the result
 *
 * Evaluates the leave-refused route for one refused leave request: when
 * the pupil was absent anyway, @rules->leave_refused_sessions or more
 * sessions of G, N, O or U inside the request's dates make the case one for
 * a penalty notice requested by the head teacher, at any level of
 * vulnerability. Sessions inside @used are left out.
 */
void
wm_leave_refused_evaluate (const WmRegister      *reg,
                           const WmDayRange      *request,
                           WmDay                  as_of,
                           const WmResponseRules *rules,
                           const WmDayRange      *used,
                           guint                  n_used,
                           WmLeaveRefusedResult  *out)
{
  UnauthorisedCount count;

  g_return_if_fail (request != NULL);
  g_return_if_fail (request->first != WM_DAY_NONE);
  g_return_if_fail (request->first <= request->last);
  g_return_if_fail (as_of != WM_DAY_NONE);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (used != NULL || n_used == 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->request = *request;
  out->as_of = as_of;
  out->needed = rules->leave_refused_sessions;

  count_unauthorised (reg, request->first, MIN (request->last, as_of), used,
                      n_used, &count);
  out->count = count.counted;
  out->excluded = count.excluded;
  out->met = out->count >= out->needed;
  if (out->met)
    out->met_on = leave_met_on (reg, request, as_of, out->needed, used,
                                n_used);
}

/**
 * wm_leave_refused_describe:
 * @result: a leave-refused result
 *
 * Gives the route's state in words an officer can check, for example
 * "Leave refused: 20 unauthorised sessions (G, N, O, U) inside the refused
 * leave of 1 to 12 June 2026, reaching 10 on 5 June 2026: request a penalty
 * notice". When an issued penalty notice already used some of the
 * sessions, the text adds how many were left out: "..., leaving out 10
 * already used by an issued penalty notice".
 *
 * Returns: (transfer full): the description
 */
char *
wm_leave_refused_describe (const WmLeaveRefusedResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *range = NULL;
  g_autofree char *met_on = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  range = wm_day_range_format (result->request.first, result->request.last);
  /* Translators: G, N, O and U are the register codes; %s is the range
   * of dates of the leave the school refused. */
  g_string_append_printf (text, wm_ngettext ("Leave refused: %u unauthorised session (G, N, "
                                             "O, U) inside the refused leave of %s",
                                             "Leave refused: %u unauthorised sessions (G, N, "
                                             "O, U) inside the refused leave of %s",
                                             result->count),
                          result->count, range);
  append_excluded (text, result->excluded);

  if (!result->met)
    {
      /* Translators: continues the leave sentence; %u is a number of
       * sessions. */
      g_string_append_printf (text, _(", fewer than the %u that make a case "
                                      "for a penalty notice"), result->needed);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  met_on = wm_day_format_long (result->met_on);
  /* Translators: continues the leave sentence; %u is a number of
   * sessions and %s the date the number was reached. */
  g_string_append_printf (text, _(", reaching %u on %s: request a penalty "
                                  "notice"), result->needed, met_on);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
