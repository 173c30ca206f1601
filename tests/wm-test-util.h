/* wm-test-util.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test binaries.
 */

#pragma once

#include <glib.h>

#include "wm-calendar.h"

G_BEGIN_DECLS

WmDay  wm_test_day        (const char *iso);
void   wm_test_add_term   (WmCalendar *calendar,
                           const char *first,
                           const char *last,
                           ...) G_GNUC_NULL_TERMINATED;
char  *wm_test_file_path  (const char *name);

G_END_DECLS
