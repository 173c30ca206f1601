/* wm-letter-figures.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-letter-figures-private.h"

#include "wm-attendance.h"

/*
 * Letters that are out of date. A letter quotes the pupil's attendance
 * as it stood on the letter's date, and the figures are stored with it.
 * A later import can correct marks on or before that date (an `N`
 * replaced by the real reason, a missed session filled in), and then the
 * letter no longer agrees with the register. The letter itself is
 * evidence and never changes, so Waymark lists the letters that are out
 * of date with what changed, and the officer decides whether to write
 * again.
 *
 * The current figures are computed whenever they are asked for, from the
 * register as it is then, rather than stored at each import: every
 * reader (the Timeline, the evaluation output) sees the result of the
 * latest import without depending on a flag written at the right moment.
 * Letters made before their figures were stored have nothing to compare
 * and are never listed.
 */

/**
 * wm_letter_figures_from_evaluation:
 * @evaluation: an evaluation as of a letter's date
 * @out: (out caller-allocates): the figures a letter quotes from it
 *
 * Takes the figures a letter quotes: the level window, the attendance
 * over it and the unauthorised sessions in it.
 */
void
wm_letter_figures_from_evaluation (const WmEvaluation *evaluation,
                                   WmLetterFigures    *out)
{
  g_return_if_fail (evaluation != NULL);
  g_return_if_fail (out != NULL);

  out->as_of = evaluation->as_of;
  out->window_start = evaluation->window_start;
  out->window_end = evaluation->window_end;
  out->percent_tenths = evaluation->percent_tenths;
  out->unauthorised = evaluation->window.unauthorised;
}

static char *
window_text (const WmLetterFigures *figures)
{
  if (figures->window_start == WM_DAY_NONE
      || figures->window_end == WM_DAY_NONE)
    return g_strdup ("none");

  return wm_day_range_format (figures->window_start, figures->window_end);
}

static char *
percent_text (gint tenths)
{
  g_autofree char *figure = NULL;

  if (tenths == WM_PERCENT_NULL)
    return g_strdup ("not known");

  figure = wm_percent_format (tenths);
  return g_strdup_printf ("%s%%", figure);
}

static void
append_change (GString    *text,
               const char *change)
{
  if (text->len > 0)
    g_string_append (text, "; ");
  g_string_append (text, change);
}

static void
compare_window (GString               *text,
                const WmLetterFigures *was,
                const WmLetterFigures *now)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *change = NULL;

  if (was->window_start == now->window_start
      && was->window_end == now->window_end)
    return;

  before = window_text (was);
  after = window_text (now);
  change = g_strdup_printf ("the window was %s, is now %s", before, after);
  append_change (text, change);
}

static void
compare_percent (GString               *text,
                 const WmLetterFigures *was,
                 const WmLetterFigures *now)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *change = NULL;

  if (was->percent_tenths == now->percent_tenths)
    return;

  before = percent_text (was->percent_tenths);
  after = percent_text (now->percent_tenths);
  change = g_strdup_printf ("attendance was %s, is now %s", before, after);
  append_change (text, change);
}

static void
compare_unauthorised (GString               *text,
                      const WmLetterFigures *was,
                      const WmLetterFigures *now)
{
  g_autofree char *change = NULL;

  if (was->unauthorised == now->unauthorised)
    return;

  change = g_strdup_printf ("unauthorised sessions were %u, are now %u",
                            was->unauthorised, now->unauthorised);
  append_change (text, change);
}

/**
 * wm_letter_figures_compare:
 * @was: the figures a letter quoted
 * @now: the same figures computed again, as of the same date
 *
 * Compares a letter's figures with the register as it is now. Only the
 * figures a letter prints are compared: the window's first and last day,
 * the attendance in tenths of a percent and the unauthorised sessions.
 *
 * Returns: (transfer full) (nullable): %NULL when nothing changed;
 *   otherwise what changed, in the order window, attendance,
 *   unauthorised sessions, separated by "; ", for example "attendance was
 *   82.5%, is now 90.0%; unauthorised sessions were 3, are now 0"
 */
char *
wm_letter_figures_compare (const WmLetterFigures *was,
                           const WmLetterFigures *now)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (was != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  compare_window (text, was, now);
  compare_percent (text, was, now);
  compare_unauthorised (text, was, now);
  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * wm_stale_letter_free:
 * @letter: (nullable): a stale letter
 *
 * Frees a letter returned by wm_store_list_stale_letters().
 */
void
wm_stale_letter_free (WmStaleLetter *letter)
{
  if (letter == NULL)
    return;

  g_free (letter->template);
  g_free (letter->addressee);
  g_free (letter->reason);
  g_free (letter);
}

/* Keeps the letters of @letters whose figures, computed again over @reg
 * and @calendar as of each letter's date, differ from the stored ones. */
static GPtrArray *
keep_stale (GPtrArray         *letters,
            gint64             pupil_id,
            const WmRegister  *reg,
            const WmCalendar  *calendar,
            const WmRules     *rules)
{
  GPtrArray *stale = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                     wm_stale_letter_free);

  for (guint i = 0; i < letters->len; i++)
    {
      WmStaleLetter *letter = g_ptr_array_index (letters, i);
      WmEvaluation evaluation;

      wm_evaluate (reg, calendar, letter->was.as_of, rules, &evaluation);
      wm_letter_figures_from_evaluation (&evaluation, &letter->now);
      letter->reason = wm_letter_figures_compare (&letter->was, &letter->now);
      if (letter->reason == NULL)
        continue;

      g_debug ("Letter %" G_GINT64_FORMAT " of pupil %" G_GINT64_FORMAT
               " is out of date", letter->letter_id, pupil_id);
      g_ptr_array_add (stale, g_ptr_array_steal_index (letters, i--));
    }

  return stale;
}

/**
 * _wm_letters_find_stale:
 * @store: a store
 * @pupil_id: the pupil
 * @reg: (nullable): the pupil's register at the current school
 * @calendar: the sessions the school held
 * @rules: the school's rule values
 * @error: return location for a #GError
 *
 * Computes the figures of each of the pupil's letters again, as of the
 * letter's date, over @reg and @calendar, and keeps the letters whose
 * figures changed.
 *
 * Returns: (transfer container) (element-type WmStaleLetter): the stale
 *   letters in the order they were made, empty when none; %NULL with
 *   @error set on failure
 */
GPtrArray *
_wm_letters_find_stale (WmStore           *store,
                        gint64             pupil_id,
                        const WmRegister  *reg,
                        const WmCalendar  *calendar,
                        const WmRules     *rules,
                        GError           **error)
{
  g_autoptr(GPtrArray) letters = NULL;

  letters = _wm_store_list_letter_figures (store, pupil_id, error);
  if (letters == NULL)
    return NULL;

  return keep_stale (letters, pupil_id, reg, calendar, rules);
}

/**
 * wm_store_list_stale_letters:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Lists the pupil's letters whose attendance figures no longer agree with
 * the register: for each letter made with its figures stored, the
 * figures are computed again as of the letter's date from the register,
 * calendar and rule values of the pupil's current school as they are
 * now. A letter whose window, attendance or unauthorised sessions
 * differ is out of date; its @reason says what changed. Letters of
 * deleted records are left out, as on the Timeline. Nothing is written,
 * and for a pupil with no such letter nothing else is read.
 *
 * Returns: (transfer container) (element-type WmStaleLetter): the stale
 *   letters in the order they were made, empty when none; %NULL with
 *   @error set on failure
 */
GPtrArray *
wm_store_list_stale_letters (WmStore  *store,
                             gint64    pupil_id,
                             GError  **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 school_id = 0;
  WmRules rules;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  letters = _wm_store_list_letter_figures (store, pupil_id, error);
  if (letters == NULL || letters->len == 0)
    return g_steal_pointer (&letters);

  if (!wm_store_get_pupil (store, pupil_id, &pupil, &school_id, error)
      || !wm_store_load_rules (store, school_id, &rules, error))
    return NULL;

  calendar = wm_store_load_calendar (store, school_id, error);
  if (calendar == NULL)
    return NULL;

  reg = wm_store_load_register (store, pupil_id, school_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return keep_stale (letters, pupil_id, reg, calendar, &rules);
}
