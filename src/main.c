/* main.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>

#include "wm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmApplication) application = NULL;

  /* The locale is set before anything is printed, so that messages,
   * dates and grouped numbers follow the user's language even in a
   * headless run, which never initialises GTK. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = wm_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
