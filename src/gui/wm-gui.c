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

/**
 * wm_gui_dup_account_name:
 *
 * Finds the name that signs a change when the officer has not entered a
 * name in Preferences, so that no change in the audit trail is left
 * without an author: the account's real name, or its user name when the
 * account has none (GLib then gives "Unknown").
 *
 * Returns: (transfer full): the account's name
 */
char *
wm_gui_dup_account_name (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && *real_name != '\0'
      && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}
