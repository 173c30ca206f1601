/* wm-preferences-window-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-preferences-window.h"
#include "wm-response-rules.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/* The window is split by concern: wm-preferences-window.c has the officer
 * and backup pages and the window itself, wm-preferences-rules.c the page
 * of rule values, wm-preferences-calendar.c the School Calendar page. All
 * share the instance struct. */
typedef struct _WmPreferencesCalendar WmPreferencesCalendar;
typedef struct _WmPreferencesSchools WmPreferencesSchools;

struct _WmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwEntryRow          *officer_name_row;
  AdwEntryRow          *officer_role_row;
  AdwEntryRow          *officer_phone_row;
  AdwActionRow         *export_folder_row;
  AdwPreferencesPage   *rules_page;
  AdwPreferencesPage   *calendar_page;
  AdwComboRow          *school_row;
  GtkLabel             *rule_message;
  AdwComboRow          *schedule_row;
  AdwActionRow         *backup_folder_row;
  GtkSpinButton        *keep_spin;
  AdwActionRow         *backup_now_row;
  GtkWidget            *backup_now_button;
  GtkWidget            *restore_button;

  /* Borrowed: the main window, which outlives this transient window */
  WmWindow             *window;

  /* Owned */
  GSettings            *settings;
  char                 *database_path;
  GHashTable           *rule_rows;       /* key -> row widget */
  GArray               *school_ids;      /* gint64, parallel to school_row */
  gint64                school_id;
  WmRules               rules;
  WmResponseRules       response_rules;
  gboolean              loading_rules;
  guint                 n_saving;
  GtkNativeDialog      *chooser;
  WmPreferencesCalendar *calendar;      /* the School Calendar page's state */
  WmPreferencesSchools *schools;        /* the Schools page's state */

  /* Cancelled in dispose, so that callbacks arriving later leave the
   * widgets alone. */
  GCancellable         *cancellable;
};

void _wm_preferences_rules_init    (WmPreferencesWindow *self);
void _wm_preferences_rules_load    (WmPreferencesWindow *self);
void _wm_preferences_rules_dispose (WmPreferencesWindow *self);

/* wm-preferences-calendar.c: the School Calendar page */
void _wm_preferences_calendar_init    (WmPreferencesWindow *self);
void _wm_preferences_calendar_load    (WmPreferencesWindow *self);
void _wm_preferences_calendar_dispose (WmPreferencesWindow *self);

/* wm-preferences-schools.c: the Schools page, built in code */
void _wm_preferences_schools_init    (WmPreferencesWindow *self);
void _wm_preferences_schools_dispose (WmPreferencesWindow *self);

G_END_DECLS
