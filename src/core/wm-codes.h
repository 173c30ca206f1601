/* wm-codes.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-date.h"

G_BEGIN_DECLS

/**
 * WmCategory:
 * @WM_CATEGORY_PRESENT: present at the register (`/`, `\`, `L`)
 * @WM_CATEGORY_APPROVED_ACTIVITY: an approved educational activity off
 *   site; counts as attended
 * @WM_CATEGORY_AUTHORISED: authorised absence
 * @WM_CATEGORY_UNAUTHORISED: unauthorised absence
 * @WM_CATEGORY_NOT_POSSIBLE: not a possible session for the pupil
 * @WM_CATEGORY_ADMINISTRATIVE: `Z` (not yet on roll) and `#` (planned
 *   whole-school closure); not a possible session either
 *
 * The statistical category of a register mark. Attended is present plus
 * approved activity; possible is attended plus authorised and unauthorised
 * absence.
 */
typedef enum
{
  WM_CATEGORY_PRESENT,
  WM_CATEGORY_APPROVED_ACTIVITY,
  WM_CATEGORY_AUTHORISED,
  WM_CATEGORY_UNAUTHORISED,
  WM_CATEGORY_NOT_POSSIBLE,
  WM_CATEGORY_ADMINISTRATIVE,
} WmCategory;

/**
 * WmRegime:
 * @WM_REGIME_2006: the School Attendance (Pupil Registration) (England)
 *   Regulations 2006, in force for sessions before 19 August 2024
 * @WM_REGIME_2024: the School Attendance (Pupil Registration) (England)
 *   Regulations 2024, in force from 19 August 2024
 *
 * The set of register codes in force on a session's date.
 */
typedef enum
{
  WM_REGIME_2006,
  WM_REGIME_2024,
} WmRegime;

/* 19 August 2024 as a day number; a test checks it against GDate. */
#define WM_DAY_REGIME_2024_START ((WmDay) 739117)

/**
 * WmMark:
 *
 * One session of one pupil's register as stored: a byte. The values are
 * written into the database, so an existing value must never change
 * meaning; new codes take new values.
 *
 * %WM_MARK_NONE means the session does not exist for the pupil (before
 * admission, after leaving, or outside every import's span).
 * %WM_MARK_UNMARKED means the pupil was on roll but the register has no
 * code (blank or `-` in an export): a gap, never present or absent.
 */
typedef guint8 WmMark;

enum
{
  WM_MARK_NONE = 0,
  WM_MARK_UNMARKED = 1,

  /* Codes of the 2024 regime. */
  WM_MARK_PRESENT_AM = 2,       /* "/" */
  WM_MARK_PRESENT_PM = 3,       /* "\\" */
  WM_MARK_L = 4,
  WM_MARK_K = 5,
  WM_MARK_V = 6,
  WM_MARK_P = 7,
  WM_MARK_W = 8,
  WM_MARK_B = 9,
  WM_MARK_C1 = 10,
  WM_MARK_C2 = 11,
  WM_MARK_C = 12,
  WM_MARK_M = 13,
  WM_MARK_J1 = 14,
  WM_MARK_S = 15,
  WM_MARK_R = 16,
  WM_MARK_T = 17,
  WM_MARK_I = 18,
  WM_MARK_E = 19,
  WM_MARK_G = 20,
  WM_MARK_N = 21,
  WM_MARK_O = 22,
  WM_MARK_U = 23,
  WM_MARK_D = 24,
  WM_MARK_X = 25,
  WM_MARK_Q = 26,
  WM_MARK_Y1 = 27,
  WM_MARK_Y2 = 28,
  WM_MARK_Y3 = 29,
  WM_MARK_Y4 = 30,
  WM_MARK_Y5 = 31,
  WM_MARK_Y6 = 32,
  WM_MARK_Y7 = 33,
  WM_MARK_Z = 34,
  WM_MARK_CLOSED = 35,          /* "#" */

  /* Codes found only in registers kept under the 2006 regime. */
  WM_MARK_H = 36,
  WM_MARK_F = 37,
  WM_MARK_J = 38,
  WM_MARK_Y = 39,

  WM_MARK_LAST = WM_MARK_Y,
};

/**
 * WmMarkInfo:
 * @code: the code as it appears on the register
 * @meaning: what the code records, in the regulations' words
 * @in_2006: whether the 2006 regime defined the code
 * @in_2024: whether the 2024 regime defines the code
 * @category_2006: the category under the 2006 regime; for a code that
 *   regime lacked, the category of its nearest equivalent
 * @category_2024: the category under the 2024 regime; for a code that
 *   regime lacks, the category of its nearest equivalent
 * @equivalent: for a code of one regime only, the nearest code of the
 *   other regime (`J` to `J1`, `Y` to `Y7`, `H` and `F` to `C`), else
 *   %WM_MARK_NONE
 *
 * One row of the register code table.
 */
typedef struct
{
  const char *code;
  const char *meaning;
  gboolean    in_2006;
  gboolean    in_2024;
  WmCategory  category_2006;
  WmCategory  category_2024;
  WmMark      equivalent;
} WmMarkInfo;

WmRegime          wm_regime_for_day        (WmDay        day);
const WmMarkInfo *wm_mark_get_info         (WmMark       mark);
WmMark            wm_mark_from_code        (const char  *code);
WmMark            wm_mark_from_char        (char         c);
const char       *wm_mark_to_code          (WmMark       mark);
WmCategory        wm_mark_category         (WmMark       mark,
                                            WmDay        day);
gboolean          wm_mark_in_regime        (WmMark       mark,
                                            WmDay        day);
gboolean          wm_mark_is_code          (WmMark       mark);
const char       *wm_category_to_string    (WmCategory   category);

G_END_DECLS
