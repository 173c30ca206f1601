/* wm-error.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-error.h"

G_DEFINE_QUARK (wm-error-quark, wm_error)
