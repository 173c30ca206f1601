/* wm-attendance.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-attendance.h"

#include "wm-i18n.h"

/*
 * Every comparison against a threshold is made on integer session counts,
 * never on a rounded or floating-point percentage, so that the figure shown
 * cannot contradict the level. For example 359 of 399 is 89.97%, which is
 * shown as 89.9% and placed in Level 2, not rounded up to 90.0% and
 * Level 1. Products of counts are taken in 64 bits so that they cannot
 * overflow.
 */

/**
 * wm_counts_add_mark:
 * @counts: the counts to add to
 * @mark: a pupil's mark for one session
 * @day: the date of the session, which decides the regime that classifies
 *   the code
 *
 * Adds one session to @counts by its statistical category. `L` (late
 * before the register closed) counts as present and in @late_before. `U`
 * (late after the register closed) counts as unauthorised absence and in
 * @late_after. %WM_MARK_UNMARKED counts in @unmarked, so the caller passes
 * it only for sessions the school held. %WM_MARK_NONE is no session of the
 * pupil and changes nothing.
 */
void
wm_counts_add_mark (WmCounts *counts,
                    WmMark    mark,
                    WmDay     day)
{
  g_return_if_fail (counts != NULL);
  g_return_if_fail (mark <= WM_MARK_LAST);

  if (mark == WM_MARK_NONE)
    return;

  if (mark == WM_MARK_UNMARKED)
    {
      counts->unmarked++;
      return;
    }

  if (mark == WM_MARK_L)
    counts->late_before++;
  else if (mark == WM_MARK_U)
    counts->late_after++;

  switch (wm_mark_category (mark, day))
    {
    case WM_CATEGORY_PRESENT:
      counts->present++;
      break;
    case WM_CATEGORY_APPROVED_ACTIVITY:
      counts->approved++;
      break;
    case WM_CATEGORY_AUTHORISED:
      counts->authorised++;
      break;
    case WM_CATEGORY_UNAUTHORISED:
      counts->unauthorised++;
      break;
    case WM_CATEGORY_NOT_POSSIBLE:
    case WM_CATEGORY_ADMINISTRATIVE:
    default:
      counts->not_possible++;
      break;
    }
}

/**
 * wm_counts_attended:
 *
 * Returns: the attended sessions: present plus approved educational
 *   activity
 */
guint
wm_counts_attended (const WmCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return counts->present + counts->approved;
}

/**
 * wm_counts_possible:
 *
 * Returns: the possible sessions: attended plus authorised and
 *   unauthorised absence. Unmarked sessions are gaps and are not included.
 */
guint
wm_counts_possible (const WmCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return wm_counts_attended (counts) + counts->authorised
         + counts->unauthorised;
}

/**
 * wm_percent_tenths:
 * @attended: attended sessions, at most @possible
 * @possible: possible sessions
 *
 * Computes an attendance percentage in tenths of a percent, rounded down
 * so that a figure shown never reaches a band boundary that the counts do
 * not reach.
 *
 * Returns: floor (1000 * @attended / @possible), or %WM_PERCENT_NULL when
 *   @possible is 0
 */
gint
wm_percent_tenths (guint attended,
                   guint possible)
{
  g_return_val_if_fail (attended <= possible, WM_PERCENT_NULL);

  if (possible == 0)
    return WM_PERCENT_NULL;

  return (gint) ((guint64) attended * 1000 / possible);
}

/**
 * wm_percent_format:
 * @tenths: a percentage in tenths of a percent, or %WM_PERCENT_NULL
 *
 * Formats a percentage with one decimal place and no percent sign:
 * "89.9", "57.0", "100.0", "0.0". The decimal mark is the locale's
 * outside an English scope and a full stop inside one.
 *
 * Returns: (transfer full): the figure, or an empty string for
 *   %WM_PERCENT_NULL
 */
char *
wm_percent_format (gint tenths)
{
  if (tenths == WM_PERCENT_NULL)
    return g_strdup ("");

  g_return_val_if_fail (tenths >= 0, g_strdup (""));

  /* The locale's decimal mark in the window, a full stop in documents
   * and data (see wm-i18n.c). */
  return g_strdup_printf ("%d%s%d", tenths / 10, wm_decimal_mark (),
                          tenths % 10);
}

/**
 * wm_level_for:
 * @attended: attended sessions, at most @possible
 * @possible: possible sessions
 * @rules: the band floors
 *
 * Places an attendance on the graduated response. Full attendance (100%)
 * has no level. Lower bounds are inclusive, so with the default floors
 * exactly 90.0% is Level 1 and exactly 80.0% is Level 2. Anything below
 * Level 2's floor is Level 3.
 *
 * Returns: 0 for no level, 1 to 3, or %WM_LEVEL_NULL when @possible is 0
 */
gint
wm_level_for (guint          attended,
              guint          possible,
              const WmRules *rules)
{
  guint64 scaled;

  g_return_val_if_fail (rules != NULL, WM_LEVEL_NULL);
  g_return_val_if_fail (attended <= possible, WM_LEVEL_NULL);

  if (possible == 0)
    return WM_LEVEL_NULL;
  if (attended == possible)
    return 0;

  /* attended / possible >= floor / 1000, without division. */
  scaled = (guint64) attended * 1000;
  if (scaled >= (guint64) possible * rules->level1_floor_tenths)
    return 1;
  if (scaled >= (guint64) possible * rules->level2_floor_tenths)
    return 2;

  return 3;
}

/**
 * wm_is_persistent_absence:
 * @attended: attended sessions, at most @possible
 * @possible: possible sessions
 *
 * Checks for persistent absence: 10% or more of the possible sessions
 * missed, that is (possible - attended) * 10 >= possible.
 *
 * Returns: %TRUE when persistently absent; %FALSE when @possible is 0
 */
gboolean
wm_is_persistent_absence (guint attended,
                          guint possible)
{
  g_return_val_if_fail (attended <= possible, FALSE);

  if (possible == 0)
    return FALSE;

  return (guint64) (possible - attended) * 10 >= possible;
}

/**
 * wm_is_severe_absence:
 * @attended: attended sessions, at most @possible
 * @possible: possible sessions
 *
 * Checks for severe absence: 50% or more of the possible sessions missed,
 * that is (possible - attended) * 2 >= possible. A severely absent pupil
 * is also persistently absent.
 *
 * Returns: %TRUE when severely absent; %FALSE when @possible is 0
 */
gboolean
wm_is_severe_absence (guint attended,
                      guint possible)
{
  g_return_val_if_fail (attended <= possible, FALSE);

  if (possible == 0)
    return FALSE;

  return (guint64) (possible - attended) * 2 >= possible;
}
