/* wm-gui.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-gui.h"

static GThread *main_thread;

/**
 * wm_gui_init:
 *
 * Records the calling thread as the one that owns the widgets. Call it on
 * the main thread before any widget is created. Later calls do nothing.
 */
void
wm_gui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      main_thread = g_thread_self ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * wm_gui_is_main_thread:
 *
 * Returns: whether the caller runs on the thread that wm_gui_init()
 *   recorded
 */
gboolean
wm_gui_is_main_thread (void)
{
  return main_thread != NULL && main_thread == g_thread_self ();
}
