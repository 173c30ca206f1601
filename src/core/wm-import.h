/* wm-import.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-progress.h"
#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmImportReport:
 * @import_id: the row of the import in the store, or 0 for a terms file
 *   that changed nothing, which records no import (a warning reports it)
 * @school_id: the school whose register the file fed
 * @n_pupils: pupils in the file
 * @n_created: pupils new to the store
 * @n_updated: pupils already stored, matched by UPN
 * @n_marks_set: sessions written for the first time
 * @n_marks_changed: stored sessions whose code changed
 * @warnings: (element-type utf8): messages the officer should read, each
 *   naming the pupil, element and line where it applies, in English as
 *   they are stored with the import
 * @shown_warnings: (element-type utf8): the same messages in the user's
 *   language, in the same order, as the window and the command line show
 *   them
 * @pupil_ids: (element-type gint64): the stored pupils the file touched
 * @n_terms: the terms a terms file lists, those already stored included
 * @n_closures: the closures a terms file lists, those already stored
 *   included
 *
 * What an import did. A failed import returns no report and changes
 * nothing in the store.
 */
typedef struct
{
  gint64     import_id;
  gint64     school_id;
  guint      n_pupils;
  guint      n_created;
  guint      n_updated;
  guint      n_marks_set;
  guint      n_marks_changed;
  GPtrArray *warnings;
  GPtrArray *shown_warnings;
  GArray    *pupil_ids;
  guint      n_terms;
  guint      n_closures;
} WmImportReport;

/**
 * WmImportOptions:
 * @encoding: (nullable): the encoding of a CSV file, as g_convert() names
 *   it (such as "windows-1252"), or %NULL to detect it. A Common Transfer
 *   File ignores it, because XML declares its own.
 *
 * Choices the person importing makes about a file.
 */
typedef struct
{
  const char *encoding;
} WmImportOptions;

void            wm_import_report_free (WmImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmImportReport, wm_import_report_free)

WmImportReport *wm_import_file        (WmStore        *store,
                                       const char     *path,
                                       GCancellable   *cancellable,
                                       WmProgressFunc  progress,
                                       gpointer        progress_data,
                                       GError        **error);
WmImportReport *wm_import_file_with_options (WmStore  *store,
                                       const char     *path,
                                       const WmImportOptions *options,
                                       GCancellable   *cancellable,
                                       WmProgressFunc  progress,
                                       gpointer        progress_data,
                                       GError        **error);

G_END_DECLS
