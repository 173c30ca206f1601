/* wm-test-display.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the display tests, which run the real window under
 * Xvfb: bounded waits on the main context, finding widgets, a small real
 * database, and starting the application and its window.
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "wm-application.h"
#include "wm-case-view.h"
#include "wm-store.h"
#include "wm-window.h"

G_BEGIN_DECLS

/* An estimate: long enough for an import with a full evaluation, or for
 * rendering two PDFs, on a slow CI machine, and short enough that a hang
 * fails an assertion at the wait before meson's timeout kills the test
 * binary. Every wait is multiplied by wm_test_wait_scale(). */
#define WM_TEST_WAIT_MS 20000

/* The largest WAYMARK_TEST_WAIT_SCALE accepted. At 100 a WM_TEST_WAIT_MS
 * wait lasts over half an hour, so a larger value is taken for a typo. */
#define WM_TEST_MAX_WAIT_SCALE 100

typedef gboolean (*WmTestCondition) (gpointer data);

/* Waiting */

guint             wm_test_wait_scale          (void);
gboolean          wm_test_spin_until          (WmTestCondition  done,
                                               gpointer         data,
                                               guint            timeout_ms);
void              wm_test_spin_for            (guint            ms);

/* Finding widgets */

GtkWidget        *wm_test_find_descendant     (GtkWidget       *widget,
                                               GType            type);
GtkWidget        *wm_test_find_button         (GtkWidget       *widget,
                                               const char      *label);
gpointer          wm_test_find_toplevel       (GType            type);
AdwMessageDialog *wm_test_find_message_dialog (const char      *heading);
guint             wm_test_count_rows          (GtkListBox      *box);
guint             wm_test_count_kind          (GListModel      *model,
                                               const char      *kind);
WmCaseView       *wm_test_selected_case       (WmWindow        *window);
void              wm_test_save_screenshot     (GtkWidget       *widget,
                                               const char      *name,
                                               guint            settle_ms);

/* A real database */

gint64            wm_test_add_pupil           (WmStore         *store,
                                               const char      *upn_digits,
                                               gint64          *out_school_id);
gint64            wm_test_import_four_weeks   (WmStore         *store);
void              wm_test_write_sample        (const char      *path,
                                               guint            n_pupils);
void              wm_test_add_parent          (WmStore         *store,
                                               gint64           pupil_id,
                                               const char      *forename,
                                               const char      *relationship,
                                               const char      *address);
gint64            wm_test_add_record          (WmStore         *store,
                                               gint64           case_id,
                                               const char      *kind,
                                               JsonObject      *body,
                                               const char      *author);
gint64            wm_test_add_record_json     (WmStore         *store,
                                               gint64           case_id,
                                               const char      *kind,
                                               const char      *json,
                                               const char      *author);

/* The application and its window */

void              wm_test_display_init        (int             *argc,
                                               char          ***argv);
void              wm_test_use_source_letters  (void);
WmApplication    *wm_test_application_new     (void);
WmWindow         *wm_test_present_window      (WmApplication   *application,
                                               const char      *db_path);
WmWindow         *wm_test_open_window         (WmApplication   *application,
                                               const char      *db_path);
void              wm_test_destroy_windows     (WmWindow       **window);

G_END_DECLS
