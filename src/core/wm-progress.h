/* wm-progress.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WmProgressFunc:
 * @fraction: the share of the work done, from 0.0 to 1.0
 * @user_data: the data given with the function
 *
 * Reports progress of long work. It is called in the thread doing the
 * work, so a caller in the GUI must post the value to the main context.
 */
typedef void (*WmProgressFunc) (double   fraction,
                                gpointer user_data);

G_END_DECLS
