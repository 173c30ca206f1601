/* wm-evaluation.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-evaluation.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * Counts one pupil's sessions from @first to @last inclusive.
 *
 * A session whose mark is %WM_MARK_NONE does not exist for the pupil
 * (before admission, after leaving, or on sessions due at another school),
 * so it is skipped. An unmarked session is a gap in the register: it is
 * counted apart, and only when the school held the session, because a
 * slot after the end of an export or in a holiday is not a missing mark.
 * Every code is counted whether or not the school held the session, and is
 * classified by the regime in force on its own date.
 */
static void
count_sessions (const WmRegister *reg,
                const WmCalendar *calendar,
                WmDay             first,
                WmDay             last,
                WmCounts         *counts)
{
  if (reg == NULL || reg->n_days == 0 || first > last)
    return;

  /* Only the days the register covers can have a mark. */
  first = MAX (first, reg->first_day);
  last = MIN (last, reg->first_day + reg->n_days - 1);

  for (WmDay day = first; day <= last; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM; session++)
      {
        WmMark mark = wm_register_get (reg, day, session);

        if (mark == WM_MARK_NONE)
          continue;
        if (mark == WM_MARK_UNMARKED
            && !wm_calendar_is_held (calendar, day, session))
          continue;

        wm_counts_add_mark (counts, mark, day);
      }
}

/*
 * Finds the Monday of the earliest of the last @n_weeks school weeks up
 * to @as_of, and how many school weeks were found.
 */
static WmDay
school_weeks_start (const WmCalendar *calendar,
                    WmDay             as_of,
                    guint             n_weeks,
                    guint            *out_found)
{
  g_autofree WmDay *mondays = g_new0 (WmDay, MAX (n_weeks, 1));
  guint found = wm_calendar_school_weeks (calendar, as_of, n_weeks, mondays);

  if (out_found != NULL)
    *out_found = found;

  return found > 0 ? mondays[found - 1] : WM_DAY_NONE;
}

/*
 * Fills the figures of the level window, the last level-window school
 * weeks up to @as_of.
 *
 * With a sessions attended of p marked possible sessions and g unmarked
 * ones, the true attendance lies between a / (p + g), every gap an
 * absence, and (a + g) / (p + g), every gap present. @level is the band of
 * the upper figure and @level_high the band of the lower one, so they
 * differ when the gaps could move the pupil between bands.
 */
static void
evaluate_window (const WmRegister *reg,
                 const WmCalendar *calendar,
                 const WmRules    *rules,
                 WmEvaluation     *out)
{
  guint a, p, g;

  out->window_start = school_weeks_start (calendar, out->as_of,
                                          rules->level_window_weeks,
                                          &out->window_weeks);
  if (!wm_calendar_last_held_on_or_before (calendar, out->as_of,
                                           &out->window_end, NULL))
    out->window_end = WM_DAY_NONE;

  if (out->window_start != WM_DAY_NONE)
    count_sessions (reg, calendar, out->window_start, out->as_of,
                    &out->window);

  a = out->attended = wm_counts_attended (&out->window);
  p = out->possible = wm_counts_possible (&out->window);
  g = out->unmarked = out->window.unmarked;

  out->percent_tenths = wm_percent_tenths (a, p);
  out->range_low_tenths = wm_percent_tenths (a, p + g);
  out->range_high_tenths = wm_percent_tenths (a + g, p + g);
  out->level = wm_level_for (a + g, p + g, rules);
  out->level_high = wm_level_for (a, p + g, rules);
}

/*
 * Counts the sessions towards the national penalty threshold: G, N, O and
 * U sessions in a rolling period of the last threshold-window school
 * weeks. Counting school weeks rather than calendar weeks lets the period
 * cross holidays, terms and school years without the holidays using it up.
 */
static void
evaluate_threshold (const WmRegister *reg,
                    const WmCalendar *calendar,
                    const WmRules    *rules,
                    WmEvaluation     *out)
{
  WmCounts counts = { 0, };

  out->threshold_start = school_weeks_start (calendar, out->as_of,
                                             rules->threshold_window_weeks,
                                             NULL);
  if (out->threshold_start == WM_DAY_NONE)
    return;

  count_sessions (reg, calendar, out->threshold_start, out->as_of, &counts);
  out->unauthorised_threshold_weeks = counts.unauthorised;
}

/*
 * Fills the year-to-date figures, from 1 September of the school year
 * containing @as_of. Persistent absence is 10% or more of the possible sessions
 * missed and severe absence 50% or more. Unmarked sessions are counted
 * apart and are in neither figure.
 */
static void
evaluate_year_to_date (const WmRegister *reg,
                       const WmCalendar *calendar,
                       WmEvaluation     *out)
{
  count_sessions (reg, calendar, wm_day_academic_year_start (out->as_of),
                  out->as_of, &out->ytd);

  out->ytd_attended = wm_counts_attended (&out->ytd);
  out->ytd_possible = wm_counts_possible (&out->ytd);
  out->persistent_absence = wm_is_persistent_absence (out->ytd_attended,
                                                      out->ytd_possible);
  out->severe_absence = wm_is_severe_absence (out->ytd_attended,
                                              out->ytd_possible);
}

/**
 * wm_evaluate:
 * @reg: (nullable): the pupil's register, or %NULL for a pupil with no
 *   marks
 * @calendar: the sessions the pupil's school held
 * @as_of: the evaluation date; only sessions on or before it count
 * @rules: the rule values, valid by wm_rules_validate()
 * @out: (out caller-allocates): the evaluation to fill
 *
 * Evaluates one pupil as of a date: the level over the last
 * @rules->level_window_weeks school weeks (with the range of figures the
 * register's gaps allow), the unauthorised sessions counted towards the
 * penalty threshold, and the year to date with persistent and severe
 * absence.
 *
 * A school week is a Monday-to-Sunday week in which the school held a
 * session on or before @as_of, so holidays are skipped rather than
 * counted. The window starts on the Monday of the earliest school week it
 * takes and ends on the last day the school held a session on or before
 * @as_of, which is earlier than @as_of when the data stops early.
 */
void
wm_evaluate (const WmRegister *reg,
             const WmCalendar *calendar,
             WmDay             as_of,
             const WmRules    *rules,
             WmEvaluation     *out)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (as_of != WM_DAY_NONE);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->as_of = as_of;

  evaluate_window (reg, calendar, rules, out);
  evaluate_threshold (reg, calendar, rules, out);
  evaluate_year_to_date (reg, calendar, out);
}

static const char *
level_name (gint level)
{
  static const char * const names[] = { N_("No level"), N_("Level 1"),
                                        N_("Level 2"), N_("Level 3") };

  g_return_val_if_fail (level >= 0 && level < (gint) G_N_ELEMENTS (names), "");

  return _(names[level]);
}

/**
 * wm_level_describe:
 * @level: the band with every gap present (the lower level number), or
 *   %WM_LEVEL_NULL
 * @level_high: the band with every gap absent
 *
 * Names a level or a range of levels: "No level", "Level 2",
 * "No level or Level 1", "Level 2 or 3", "Level 1, 2 or 3", or
 * "Not placed" when there was nothing to place the pupil by. The words
 * follow the locale outside an English scope (see wm-i18n.c).
 *
 * Returns: (transfer full): the description
 */
char *
wm_level_describe (gint level,
                   gint level_high)
{
  g_autoptr(GString) text = NULL;
  gint low = MIN (level, level_high);
  gint high = MAX (level, level_high);

  if (level == WM_LEVEL_NULL || level_high == WM_LEVEL_NULL)
    /* Translators: the level of a pupil with no possible session yet. */
    return g_strdup (_("Not placed"));

  g_return_val_if_fail (low >= 0 && high <= 3, g_strdup (""));

  text = g_string_new (level_name (low));
  for (gint band = low + 1; band <= high; band++)
    {
      /* Translators: the separators of a range of levels, as in "Level 1,
       * 2 or 3": the first goes before the last band, the second between
       * the others. Keep the spaces. */
      const char *separator = band == high ? _(" or ") : _(", ");

      /* After "No level", the first band is written in full. */
      if (band == 1 && low == 0)
        g_string_append_printf (text, "%s%s", separator, level_name (band));
      else
        g_string_append_printf (text, "%s%d", separator, band);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Gives the figures part of the reason, before " in the ... weeks". */
static char *
describe_figures (const WmEvaluation *e)
{
  guint total = e->possible + e->unmarked;
  g_autofree char *attended = NULL;
  g_autofree char *unmarked = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (e->unmarked == 0)
    {
      g_autofree char *percent = wm_percent_format (e->percent_tenths);

      /* Translators: "33 of 40 possible sessions attended (82.5%)"; a
       * session is a morning or an afternoon of the register. */
      return g_strdup_printf (wm_ngettext ("%u of %u possible session attended (%s%%)",
                                           "%u of %u possible sessions attended (%s%%)",
                                           e->possible),
                              e->attended, e->possible, percent);
    }

  /* Translators: the first part of "0 of 3 marked sessions attended, 17
   * of 20 sessions unmarked (0.0% to 85.0%)". */
  attended = g_strdup_printf (wm_ngettext ("%u of %u marked session attended",
                                           "%u of %u marked sessions attended",
                                           e->possible),
                              e->attended, e->possible);
  /* Translators: the second part of "0 of 3 marked sessions attended, 17
   * of 20 sessions unmarked (0.0% to 85.0%)". */
  unmarked = g_strdup_printf (wm_ngettext ("%u of %u session unmarked",
                                           "%u of %u sessions unmarked", total),
                              e->unmarked, total);
  low = wm_percent_format (e->range_low_tenths);
  high = wm_percent_format (e->range_high_tenths);

  /* Translators: "0 of 3 marked sessions attended, 17 of 20 sessions
   * unmarked (0.0% to 85.0%)": the attended part, the unmarked part and
   * the lowest and highest attendance the gaps allow. */
  return g_strdup_printf (_("%s, %s (%s%% to %s%%)"), attended, unmarked,
                          low, high);
}

/**
 * wm_evaluation_describe:
 * @evaluation: an evaluation
 *
 * Gives the reason for a level in words an officer can check against the
 * register, for example "Level 2: 33 of 40 possible sessions attended
 * (82.5%) in the 4 school weeks 2 to 27 March 2026". With unmarked
 * sessions it gives the range instead: "Level 2 or 3: 0 of 3 marked
 * sessions attended, 17 of 20 sessions unmarked (0.0% to 85.0%) in the 2
 * school weeks 2 to 13 March 2026". A pupil with nothing to place them by
 * is "Not placed: no possible session in the window".
 *
 * The words, dates and decimal mark follow the locale outside an English
 * scope, and are English inside one (see wm-i18n.c).
 *
 * Returns: (transfer full): the reason
 */
char *
wm_evaluation_describe (const WmEvaluation *evaluation)
{
  g_autofree char *level = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *range = NULL;
  guint weeks;

  g_return_val_if_fail (evaluation != NULL, NULL);

  if (evaluation->level == WM_LEVEL_NULL)
    return g_strdup (_("Not placed: no possible session in the window"));

  level = wm_level_describe (evaluation->level, evaluation->level_high);
  figures = describe_figures (evaluation);
  range = wm_day_range_format (evaluation->window_start,
                               evaluation->window_end);
  weeks = evaluation->window_weeks;

  if (weeks == 1)
    /* Translators: "Level 2: 8 of 10 possible sessions attended (80.0%) in
     * the school week 2 to 6 March 2026": the level, the figures and the
     * dates of the one week. */
    return g_strdup_printf (_("%s: %s in the school week %s"), level, figures,
                            range);

  /* Translators: "Level 2: 33 of 40 possible sessions attended (82.5%) in
   * the 4 school weeks 2 to 27 March 2026": the level, the figures, the
   * number of school weeks and their dates. A school week is a week in
   * which the school was open; one week has its own message. */
  return g_strdup_printf (wm_ngettext ("%s: %s in the %u school week %s",
                                       "%s: %s in the %u school weeks %s", weeks),
                          level, figures, weeks, range);
}
