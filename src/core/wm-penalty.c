/* wm-penalty.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-penalty.h"

#include <string.h>

/*
 * The limit on penalty notices: at most penalty-max-notices (2) to one
 * parent for one child in a rolling penalty-limit-years (3) years. A
 * notice counts from its issue day to the day before its anniversary, so a
 * notice issued on 10 March 2026 counts up to 9 March 2029. Paid and
 * unpaid notices count; withdrawn ones do not. Only a first notice within
 * the period may be paid at the reduced amount; a second costs the full
 * amount. A further offence goes to other action, usually prosecution.
 */

/**
 * wm_day_add_years:
 * @day: a day number
 * @years: how many years to add
 *
 * Finds the same date @years years later. The anniversary of 29 February
 * in a common year is 1 March, the first day the anniversary has passed.
 *
 * Returns: the day number of the anniversary
 */
WmDay
wm_day_add_years (WmDay day,
                  guint years)
{
  guint year, month, day_of_month;

  g_return_val_if_fail (day != WM_DAY_NONE, WM_DAY_NONE);

  year = wm_day_year (day) + years;
  month = wm_day_month (day);
  day_of_month = wm_day_of_month (day);

  if (month == 2 && day_of_month == 29 && !g_date_is_leap_year (year))
    return wm_day_from_ymd (year, 3, 1);

  return wm_day_from_ymd (year, month, day_of_month);
}

/*
 * Tells whether @notice counts towards the limit on @proposed: it was not
 * withdrawn, and @proposed falls from its issue day to the day before its
 * anniversary. A notice dated after @proposed is a later record, not part
 * of the period before the new notice, so it does not count.
 */
static gboolean
notice_counts (const WmNoticeRecord  *notice,
               WmDay                  proposed,
               const WmResponseRules *rules)
{
  if (notice->status == WM_NOTICE_WITHDRAWN)
    return FALSE;

  return notice->issued <= proposed
         && proposed < wm_day_add_years (notice->issued,
                                         rules->penalty_limit_years);
}

static gint
compare_days (gconstpointer a,
              gconstpointer b)
{
  WmDay day_a = *(const WmDay *) a;
  WmDay day_b = *(const WmDay *) b;

  return day_a < day_b ? -1 : day_a > day_b;
}

/* The issue days of the notices counted on @proposed, oldest first. */
static GArray *
counted_notices (const WmNoticeRecord  *notices,
                 guint                  n_notices,
                 WmDay                  proposed,
                 const WmResponseRules *rules)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (WmDay));

  for (guint i = 0; i < n_notices; i++)
    if (notice_counts (&notices[i], proposed, rules))
      g_array_append_val (days, notices[i].issued);

  g_array_sort (days, compare_days);
  return days;
}

/**
 * wm_notice_decide:
 * @notices: (array length=n_notices) (nullable): the penalty notices
 *   already issued to one parent for one child, in any order
 * @n_notices: the number of notices
 * @proposed: the day the new notice would be issued
 * @rules: the rule values
 * @out: (out caller-allocates): the decision
 *
 * Decides whether a new penalty notice may be issued to one parent for one
 * child on @proposed. Notices count from their issue day to the day before
 * the anniversary @rules->penalty_limit_years years later (1 March for a
 * notice issued on 29 February). Withdrawn notices and notices dated after
 * @proposed do not count. The new notice is allowed when fewer than
 * @rules->penalty_max_notices count; it has the reduced amount only when
 * none counts. When it is not allowed, @out->allowed_again is the first day
 * on which enough counted notices have dropped out.
 */
void
wm_notice_decide (const WmNoticeRecord  *notices,
                  guint                  n_notices,
                  WmDay                  proposed,
                  const WmResponseRules *rules,
                  WmNoticeDecision      *out)
{
  g_autoptr(GArray) counted = NULL;
  guint years;

  g_return_if_fail (notices != NULL || n_notices == 0);
  g_return_if_fail (proposed != WM_DAY_NONE);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  years = rules->penalty_limit_years;
  counted = counted_notices (notices, n_notices, proposed, rules);

  out->proposed = proposed;
  out->n_counted = counted->len;
  for (guint i = 0; i < MIN (counted->len, WM_NOTICE_LIST_MAX); i++)
    {
      out->counted[i] = g_array_index (counted, WmDay, i);
      out->counted_until[i] = wm_day_add_years (out->counted[i], years) - 1;
    }

  out->number = counted->len + 1;
  out->allowed = counted->len < rules->penalty_max_notices;
  out->reduced_rate = out->allowed && counted->len == 0;
  out->full_pounds = rules->penalty_full_pounds;
  out->reduced_pounds = out->reduced_rate ? rules->penalty_reduced_pounds : 0;

  /* Once the oldest (n - max + 1) counted notices have dropped out, fewer
   * than max remain. */
  if (!out->allowed)
    out->allowed_again = wm_day_add_years (
      g_array_index (counted, WmDay,
                     counted->len - rules->penalty_max_notices), years);
}

static const char *
ordinal_suffix (guint n)
{
  if (n % 100 >= 11 && n % 100 <= 13)
    return "th";

  switch (n % 10)
    {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
    }
}

/* Appends "10 March 2026 (counts until 9 March 2029) and ...". */
static void
append_counted (GString                *text,
                const WmNoticeDecision *decision)
{
  guint n = MIN (decision->n_counted, WM_NOTICE_LIST_MAX);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *issued = wm_day_format_long (decision->counted[i]);
      g_autofree char *until = wm_day_format_long (decision->counted_until[i]);

      if (i > 0)
        g_string_append (text, i + 1 == n ? " and " : ", ");
      g_string_append_printf (text, "%s (counts until %s)", issued, until);
    }

  if (decision->n_counted > n)
    g_string_append_printf (text, " and %u more", decision->n_counted - n);
}

static void
append_allowed (GString                *text,
                const WmNoticeDecision *decision,
                const WmResponseRules  *rules)
{
  g_string_append_printf (text, "Allowed: this would be the %u%s penalty "
                          "notice to this parent for this child within %u "
                          "years", decision->number,
                          ordinal_suffix (decision->number),
                          rules->penalty_limit_years);

  if (decision->reduced_rate)
    {
      g_string_append_printf (text, ". %u pounds, reduced to %u pounds if "
                              "paid within %u days.", decision->full_pounds,
                              decision->reduced_pounds,
                              rules->penalty_reduced_days);
      return;
    }

  g_string_append (text, ", after the notice");
  g_string_append (text, decision->n_counted == 1 ? " issued " : "s issued ");
  append_counted (text, decision);
  g_string_append_printf (text, ". %u pounds, with no reduced amount.",
                          decision->full_pounds);
}

static void
append_refused (GString                *text,
                const WmNoticeDecision *decision,
                const WmResponseRules  *rules)
{
  g_autofree char *again = wm_day_format_long (decision->allowed_again);

  g_string_append_printf (text, "Not allowed: %u penalty notices to this "
                          "parent for this child count within %u years, "
                          "issued ", decision->n_counted,
                          rules->penalty_limit_years);
  append_counted (text, decision);
  g_string_append_printf (text, ", and at most %u are allowed. This offence "
                          "goes to other action, usually prosecution. A "
                          "notice is allowed again from %s.",
                          rules->penalty_max_notices, again);
}

/**
 * wm_notice_decision_describe:
 * @decision: a decision of wm_notice_decide()
 * @rules: the rule values the decision was made with
 *
 * Gives the reason for a decision in words an officer can check, for
 * example "Not allowed: 2 penalty notices to this parent for this child
 * count within 3 years, issued 10 March 2026 (counts until 9 March 2029)
 * and 5 January 2027 (counts until 4 January 2030), and at most 2 are
 * allowed. This offence goes to other action, usually prosecution. A
 * notice is allowed again from 10 March 2029."
 *
 * Returns: (transfer full): the reason
 */
char *
wm_notice_decision_describe (const WmNoticeDecision *decision,
                             const WmResponseRules  *rules)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  if (decision->allowed)
    append_allowed (text, decision, rules);
  else
    append_refused (text, decision, rules);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
