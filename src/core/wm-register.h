/* wm-register.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-codes.h"

G_BEGIN_DECLS

/**
 * WmRegister:
 * @first_day: the day of the first slot, a day number
 * @n_days: the number of days covered
 * @marks: (array length=n_days*2): two marks per day, AM then PM, from
 *   @first_day; %WM_MARK_NONE where the session does not exist for the
 *   pupil
 *
 * One pupil's register at one school, as a dense array of marks. Weekends
 * and holidays have slots like any other day; a slot that no import set
 * is %WM_MARK_NONE.
 */
typedef struct
{
  WmDay   first_day;
  guint   n_days;
  WmMark *marks;
} WmRegister;

WmRegister *wm_register_new       (WmDay             first_day,
                                   guint             n_days);
void        wm_register_free      (WmRegister       *reg);
WmMark      wm_register_get       (const WmRegister *reg,
                                   WmDay             day,
                                   WmSession         session);
void        wm_register_set       (WmRegister       *reg,
                                   WmDay             day,
                                   WmSession         session,
                                   WmMark            mark);
WmRegister *wm_register_new_from_string (WmDay       first_day,
                                   const char       *marks,
                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRegister, wm_register_free)

G_END_DECLS
