/* wm-error.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_ERROR (wm_error_quark ())

/**
 * WmError:
 * @WM_ERROR_INVALID_INPUT: a file or value is malformed; the message names
 *   the file, line, element or field and says what to fix
 * @WM_ERROR_UNKNOWN_CODE: a register mark is not a code of any regime
 * @WM_ERROR_AMBIGUOUS: the input cannot be read one way only (for example a
 *   marks string whose weekend layout cannot be decided)
 * @WM_ERROR_DATABASE: SQLite reported an error
 * @WM_ERROR_BUSY: the database stayed locked by another process for longer
 *   than the busy timeout
 * @WM_ERROR_NOT_FOUND: a pupil, school or record does not exist
 * @WM_ERROR_FOREIGN_DATABASE: the file is not a Waymark database, or was
 *   written by a newer version
 * @WM_ERROR_LEGAL_HOLD: the pupil is under legal hold, so nothing of
 *   theirs may be deleted until the hold is lifted
 *
 * Errors of the Waymark core.
 */
typedef enum
{
  WM_ERROR_INVALID_INPUT,
  WM_ERROR_UNKNOWN_CODE,
  WM_ERROR_AMBIGUOUS,
  WM_ERROR_DATABASE,
  WM_ERROR_BUSY,
  WM_ERROR_NOT_FOUND,
  WM_ERROR_FOREIGN_DATABASE,
  WM_ERROR_LEGAL_HOLD,
} WmError;

GQuark wm_error_quark (void);

G_END_DECLS
