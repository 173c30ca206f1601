/* wm-window-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-backup-scheduler.h"
#include "wm-evaluator.h"
#include "wm-search-popover.h"
#include "wm-store.h"
#include "wm-today-view.h"
#include "wm-window.h"

G_BEGIN_DECLS

/* The window is split by concern. wm-window.c handles the layout, the
 * pupil list, the case tabs and the evaluator, wm-window-import.c runs
 * imports, and wm-database-recovery.c opens another database or restores
 * a backup. They share the instance struct. */
struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_status;
  GtkWidget            *empty_import_button;
  AdwStatusPage        *error_status;
  WmPupilList          *pupil_list;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *back_button;
  AdwSqueezer          *record_search_squeezer;
  GtkToggleButton      *record_search_button;
  GtkWidget            *record_search_box;
  GtkStack             *case_stack;
  AdwTabView           *tab_view;
  GtkToggleButton      *today_button;
  WmTodayView          *today_view;
  WmSearchPopover      *record_search;

  /* Owned */
  char                 *database_path;
  GSettings            *settings;
  WmStore              *store;
  WmEvaluator          *evaluator;
  gboolean              evaluating;
  GQueue                pending_imports;
  GCancellable         *import_cancellable;
  GtkNativeDialog      *file_chooser;
  guint                 leaflet_idle_id;
  WmBackupScheduler    *backup_scheduler;

  /* Opening another database and restoring a backup
   * (wm-database-recovery.c). */
  GtkNativeDialog      *database_chooser;
  gboolean              restoring;

  /* Backing up by hand (wm-backup-dialog.c) */
  GtkNativeDialog      *backup_chooser;
  AdwToast             *backup_toast;
  gboolean              backing_up;

  /* Cancelled in dispose, so that callbacks arriving later leave the
   * widgets alone. */
  GCancellable         *cancellable;
};

void _wm_window_show_toast          (WmWindow   *self,
                                     const char *text);
void _wm_window_show_content        (WmWindow   *self);
void _wm_window_reload_pupils       (WmWindow   *self);
void _wm_window_wake_evaluator      (WmWindow   *self);
void _wm_window_choose_import_file  (WmWindow   *self);
void _wm_window_cancel_import       (WmWindow   *self);
void _wm_window_clear_imports       (WmWindow   *self);
void _wm_window_update_actions      (WmWindow   *self);
gboolean _wm_window_close_database  (WmWindow   *self);
gboolean _wm_window_open_database   (WmWindow   *self,
                                     const char *path);

G_END_DECLS
