/* wm-cli.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * WmCliOptions:
 * @database: the database file, or %NULL for the default one
 * @import_path: a file to import and exit
 * @evaluate: print every pupil's evaluation and exit
 * @as_of: the evaluation date as `YYYY-MM-DD`, or %NULL for today
 * @format: "tsv" (the default) or "json"
 *
 * The command-line options. The same binary runs headless when one of the
 * actions is given; otherwise it opens the window.
 */
typedef struct
{
  char     *database;
  char     *import_path;
  gboolean  evaluate;
  char     *as_of;
  char     *format;
} WmCliOptions;

void     wm_cli_options_clear          (WmCliOptions *options);
void     wm_cli_add_option_entries     (GApplication *application,
                                        WmCliOptions *options);
gboolean wm_cli_is_headless            (const WmCliOptions *options);
int      wm_cli_run                    (const WmCliOptions *options);
char    *wm_cli_default_database_path  (void);

G_END_DECLS
