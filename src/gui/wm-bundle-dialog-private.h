/* wm-bundle-dialog-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-bundle-dialog.h"
#include "wm-render.h"

G_BEGIN_DECLS

/* The dialog is split by concern. wm-bundle-dialog.c has the form and the
 * export, and wm-bundle-print.c the print. Both share the instance
 * struct and the helpers below. */

/* The number of section and withheld-detail switch rows. */
#define WM_BUNDLE_DIALOG_N_SECTIONS 11
#define WM_BUNDLE_DIALOG_N_REDACTIONS 3

/* The progress value that makes the bar pulse, for work that reports no
 * share done (building a document to print). */
#define WM_BUNDLE_DIALOG_PULSE (-1)

struct _WmBundleDialog
{
  AdwWindow             parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *form;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwPreferencesGroup  *sections_group;
  AdwPreferencesGroup  *redactions_group;
  AdwEntryRow          *prepared_by_row;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *cancel_button;
  GtkWidget            *button_box;
  GtkWidget            *print_button;
  GtkWidget            *export_button;

  /* Switches of the rows built from the tables above, in their order */
  GtkSwitch            *section_switches[WM_BUNDLE_DIALOG_N_SECTIONS];
  GtkSwitch            *redaction_switches[WM_BUNDLE_DIALOG_N_REDACTIONS];

  /* Owned */
  char                 *database_path;
  char                 *reference;
  char                 *prepared_by;
  GCancellable         *cancellable;
  GtkNativeDialog      *file_chooser;
  GtkPrintOperation    *print_operation;
  WmRender             *render;
  WmBundleOptions       print_options;
  char                 *print_prepared_by;
  guint                 progress_source;
  gboolean              print_to_file;
  gboolean              busy;
  gboolean              disposed;

  /* Written by the export worker with g_atomic_int_set() */
  gint                  progress_permille;

  /* Borrowed: the main window's toasts, cleared if it goes first */
  AdwToastOverlay      *window_toasts;

  gint64                pupil_id;
  WmDay                 as_of;
};

void _wm_bundle_dialog_set_busy            (WmBundleDialog *self,
                                            const char     *text,
                                            gint            permille);
void _wm_bundle_dialog_set_idle            (WmBundleDialog *self);
void _wm_bundle_dialog_show_toast          (WmBundleDialog *self,
                                            const char     *text);
void _wm_bundle_dialog_show_failure        (WmBundleDialog *self,
                                            const char     *heading,
                                            const char     *body);
void _wm_bundle_dialog_show_window_toast   (WmBundleDialog *self,
                                            AdwToast       *toast);

G_END_DECLS
