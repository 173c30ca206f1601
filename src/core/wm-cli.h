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
 * @verify: check the database's integrity and its audit log and exit
 * @encoding: the encoding of the CSV file given to @import_path, or %NULL
 *   to detect it
 * @backup_path: a backup file to write and exit
 * @restore_path: a backup to check and put in place of the database, and
 *   exit
 * @passphrase_file: a file whose first line is the passphrase that
 *   encrypts @backup_path or decrypts @restore_path
 * @export_bundle: the UPN of a pupil whose evidence bundle to export and
 *   exit
 * @output: the PDF file @export_bundle writes
 * @from: the first day of the bundle's certificate period, `YYYY-MM-DD`
 * @to: the last day of that period, `YYYY-MM-DD`
 * @sections: the bundle's sections, names separated by commas
 * @redact: what the bundle withholds: siblings, addresses, health
 * @prepared_by: who prepared the bundle, or %NULL for the case's lead
 *   officer
 * @due: print what is due and overdue across the caseload and exit
 * @export_case: the UPN of a pupil whose data to export for a subject
 *   access request to @output, and exit
 * @withhold: what the subject access export leaves out: health,
 *   safeguarding
 * @retention_review: list what is past its retention period and exit
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
  gboolean  verify;
  char     *encoding;
  char     *backup_path;
  char     *restore_path;
  char     *passphrase_file;
  char     *export_bundle;
  char     *output;
  char     *from;
  char     *to;
  char     *sections;
  char     *redact;
  char     *prepared_by;
  gboolean  due;
  char     *export_case;
  char     *withhold;
  gboolean  retention_review;
} WmCliOptions;

void     wm_cli_options_clear          (WmCliOptions *options);
void     wm_cli_add_option_entries     (GApplication *application,
                                        WmCliOptions *options);
gboolean wm_cli_is_headless            (const WmCliOptions *options);
int      wm_cli_run                    (const WmCliOptions *options);
char    *wm_cli_default_database_path  (void);

G_END_DECLS
