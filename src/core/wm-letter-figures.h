/* wm-letter-figures.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-evaluation.h"
#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmLetterFigures:
 * @as_of: the day the figures are for: the letter's date
 * @window_start: the first day of the level window, or %WM_DAY_NONE when
 *   the school held no session on or before @as_of
 * @window_end: the last day of the level window, or %WM_DAY_NONE
 * @percent_tenths: attendance over the window in tenths of a percent,
 *   rounded down, or %WM_PERCENT_NULL when no session was possible
 * @unauthorised: the unauthorised sessions (G, N, O, U) in the window
 *
 * The attendance figures a letter quoted, as of the letter's date.
 */
typedef struct
{
  WmDay as_of;
  WmDay window_start;
  WmDay window_end;
  gint  percent_tenths;
  guint unauthorised;
} WmLetterFigures;

/**
 * WmStaleLetter:
 * @letter_id: the letter
 * @record_id: the record it was made from
 * @template: the template's file name, such as "warning-letter.txt"
 * @day: the date printed on the letter
 * @addressee: the parent's name as printed on the letter
 * @was: the figures the letter quoted
 * @now: the same figures computed from the register as it is now
 * @reason: what changed, such as "attendance was 86.4%, is now 91.0%"
 *
 * A letter whose figures no longer agree with the register: a later
 * import corrected marks on or before the letter's date.
 */
typedef struct
{
  gint64           letter_id;
  gint64           record_id;
  char            *template;
  WmDay            day;
  char            *addressee;
  WmLetterFigures  was;
  WmLetterFigures  now;
  char            *reason;
} WmStaleLetter;

void        wm_letter_figures_from_evaluation (const WmEvaluation    *evaluation,
                                               WmLetterFigures       *out);
char       *wm_letter_figures_compare         (const WmLetterFigures *was,
                                               const WmLetterFigures *now);
void        wm_stale_letter_free              (WmStaleLetter         *letter);
GPtrArray  *wm_store_list_stale_letters       (WmStore               *store,
                                               gint64                 pupil_id,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmStaleLetter, wm_stale_letter_free)

G_END_DECLS
