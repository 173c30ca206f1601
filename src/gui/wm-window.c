/* wm-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-a11y.h"
#include "wm-application.h"
#include "wm-case-view.h"
#include "wm-backup-dialog.h"
#include "wm-database-recovery.h"
#include "wm-gui.h"
#include "wm-preferences-window.h"
#include "wm-sidebar-handle.h"
#include "wm-timeline-page.h"
#include "wm-window-private.h"

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_actions (WmWindow *self)
{
  gboolean have_store = self->store != NULL;
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-records", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", n_pages > 0);

  /* One restore at a time, and none while an import writes to the file. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-database", !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup",
                                 !self->restoring && self->import_cancellable == NULL);

  /* A refused database is not backed up, and one backup by hand runs at a
   * time. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up",
                                 have_store && !self->backing_up);
}

void
_wm_window_update_actions (WmWindow *self)
{
  update_actions (self);
}

/* The narrow layout */

static gboolean
case_in_front (WmWindow *self)
{
  return adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->case_stack);
}

static gboolean
focus_is_inside (WmWindow  *self,
                 GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* In a narrow window the list and the case fold into one column, and the
 * back button in the header returns from the case to the list. */
static void
update_back_button (WmWindow *self)
{
  gboolean main_page = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                  "main") == 0;

  gtk_widget_set_visible (self->back_button,
                          main_page && adw_leaflet_get_folded (self->leaflet)
                          && case_in_front (self));
}

/* The widget in the case column: Today, the case in front or the hint. */
static GtkWidget *
front_case_widget (WmWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (gtk_toggle_button_get_active (self->today_button))
    return GTK_WIDGET (self->today_view);
  if (page != NULL)
    return adw_tab_page_get_child (page);

  return GTK_WIDGET (self->case_stack);
}

/* A keyboard user whose focus was in the column that slid away would be
 * left typing into nothing: the focus follows to the column in front. */
static void
move_focus_to_front (WmWindow *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return;

  if (case_in_front (self) && focus_is_inside (self, self->sidebar))
    gtk_widget_grab_focus (front_case_widget (self));
  else if (!case_in_front (self) && !focus_is_inside (self, self->sidebar))
    gtk_widget_grab_focus (wm_pupil_list_get_view (self->pupil_list));
}

/* The search of every record moves to the bar under the header while
 * its button is down, and back into the header when it is released. The
 * squeezer shows the first of its children that fits, so the search goes
 * back in front of the button. */
static void
on_record_search_toggled (WmWindow        *self,
                          GtkToggleButton *button)
{
  GtkWidget *search = GTK_WIDGET (self->record_search);
  GtkWidget *toggle = GTK_WIDGET (button);

  g_object_ref (search);
  if (gtk_toggle_button_get_active (button))
    {
      adw_squeezer_remove (self->record_search_squeezer, search);
      gtk_box_append (GTK_BOX (self->record_search_box), search);
      wm_search_popover_focus (self->record_search);
    }
  else if (gtk_widget_get_parent (search) == self->record_search_box)
    {
      gtk_box_remove (GTK_BOX (self->record_search_box), search);
      g_object_ref (toggle);
      adw_squeezer_remove (self->record_search_squeezer, toggle);
      adw_squeezer_add (self->record_search_squeezer, search);
      adw_squeezer_add (self->record_search_squeezer, toggle);
      g_object_unref (toggle);
    }
  g_object_unref (search);
}

/* The header follows the leaflet from an idle callback, because the
 * leaflet folds and unfolds while it is being allocated, when the header
 * must not change. A window that unfolds has room for the search in the
 * header again. */
static gboolean
follow_leaflet (gpointer data)
{
  WmWindow *self = data;

  self->leaflet_idle_id = 0;
  update_back_button (self);
  move_focus_to_front (self);

  if (!adw_leaflet_get_folded (self->leaflet))
    gtk_toggle_button_set_active (self->record_search_button, FALSE);

  return G_SOURCE_REMOVE;
}

static void
on_leaflet_changed (WmWindow   *self,
                    GParamSpec *pspec,
                    AdwLeaflet *leaflet)
{
  if (self->leaflet_idle_id == 0)
    self->leaflet_idle_id = g_idle_add (follow_leaflet, self);
}

static void
show_case_column (WmWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->case_stack));
}

static void
on_back_clicked (WmWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The first import into an empty database takes a while for a large
 * authority. Meanwhile the empty page shows that it is running instead of
 * offering an import. */
static void
update_empty_page (WmWindow *self)
{
  gboolean importing = self->import_cancellable != NULL;

  adw_status_page_set_title (self->empty_status,
                             importing ? _("Importing…") : _("No pupils yet"));
  adw_status_page_set_description (self->empty_status,
                                   importing
                                   ? _("The pupils appear here when the import has finished")
                                   : _("Import a Common Transfer File from your school's "
                                       "information system to see each pupil's attendance "
                                       "and level"));
  gtk_widget_set_visible (self->empty_import_button, !importing);
}

void
_wm_window_show_content (WmWindow *self)
{
  const char *page = "main";

  if (self->store == NULL)
    page = "error";
  else if (wm_pupil_list_get_n_pupils (self->pupil_list) == 0)
    page = "empty";

  update_empty_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, page);
  update_back_button (self);
}

static WmCaseView *
find_case_view (WmWindow    *self,
                gint64       pupil_id,
                AdwTabPage **out_page)
{
  guint n = adw_tab_view_get_n_pages (self->tab_view);

  for (guint i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      WmCaseView *view = WM_CASE_VIEW (adw_tab_page_get_child (page));

      if (wm_case_view_get_pupil_id (view) == pupil_id)
        {
          if (out_page != NULL)
            *out_page = page;
          return view;
        }
    }

  return NULL;
}

/* Highlights the pupil of the case tab in front, or no pupil when no tab
 * is open, so that the list never points at another pupil than the case
 * on screen. After Ctrl+W closes a tab, the row of the tab now in front
 * is the one highlighted. */
static void
sync_list_selection (WmWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  gint64 pupil_id = 0;

  if (page != NULL)
    pupil_id = wm_case_view_get_pupil_id (WM_CASE_VIEW (adw_tab_page_get_child (page)));

  wm_pupil_list_select_pupil (self->pupil_list, pupil_id);
}

/* Shows the newest objects of the list in the open tabs, so that a new
 * evaluation or import reaches a case that is already open. */
static void
refresh_case_views (WmWindow   *self,
                    GHashTable *only_ids)
{
  guint n = adw_tab_view_get_n_pages (self->tab_view);

  for (guint i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      WmCaseView *view = WM_CASE_VIEW (adw_tab_page_get_child (page));
      gint64 id = wm_case_view_get_pupil_id (view);
      g_autoptr(WmPupilObject) pupil = NULL;

      if (only_ids != NULL && !g_hash_table_contains (only_ids, &id))
        continue;

      pupil = wm_pupil_list_lookup (self->pupil_list, id);
      if (pupil == NULL)
        continue;

      wm_case_view_set_pupil (view, pupil);
      adw_tab_page_set_title (page, wm_case_view_get_title (view));
    }
}

void
_wm_window_show_toast (WmWindow   *self,
                       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
_wm_window_reload_pupils (WmWindow *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  WM_ASSERT_MAIN_THREAD ();

  if (self->store == NULL)
    return;

  summaries = wm_store_list_pupils (self->store, &error);
  if (summaries == NULL)
    {
      g_warning ("Could not list the pupils: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (self->toast_overlay), _("Could not list the pupils"), error);
      return;
    }

  wm_pupil_list_set_pupils (self->pupil_list, summaries);
  refresh_case_views (self, NULL);
  sync_list_selection (self);
  _wm_window_show_content (self);
}

/* The evaluator */

void
_wm_window_wake_evaluator (WmWindow *self)
{
  if (self->evaluator == NULL)
    return;

  self->evaluating = TRUE;
  wm_evaluator_wake (self->evaluator);
}

static GHashTable *
id_set_from_array (GArray *pupil_ids)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < pupil_ids->len; i++)
    g_hash_table_add (ids, g_memdup2 (&g_array_index (pupil_ids, gint64, i), sizeof (gint64)));

  return ids;
}

static void
on_evaluator_evaluated (WmWindow    *self,
                        GArray      *pupil_ids,
                        WmEvaluator *evaluator)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  WM_ASSERT_MAIN_THREAD ();

  if (pupil_ids == NULL || pupil_ids->len == 0 || self->store == NULL)
    return;

  g_debug ("Showing the new evaluation of %u pupils", pupil_ids->len);
  ids = id_set_from_array (pupil_ids);
  summaries = wm_store_list_pupils_by_id (self->store, pupil_ids, &error);
  if (summaries == NULL)
    {
      g_warning ("Could not read the evaluated pupils: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (self->toast_overlay),
                          _("Could not show the new levels and deadlines"),
                          error);
      return;
    }

  wm_pupil_list_update_pupils (self->pupil_list, summaries);
  refresh_case_views (self, ids);
  sync_list_selection (self);
  _wm_window_show_content (self);
}

static void
on_evaluator_idle (WmWindow    *self,
                   WmEvaluator *evaluator)
{
  WM_ASSERT_MAIN_THREAD ();

  self->evaluating = FALSE;

  /* Levels, thresholds and deadlines may have moved: Today follows, also
   * while it is hidden, so that a deadline falling due is announced. */
  wm_today_view_reload (self->today_view);
}

static void
on_evaluator_failed (WmWindow     *self,
                     const GError *error,
                     WmEvaluator  *evaluator)
{
  WM_ASSERT_MAIN_THREAD ();

  g_warning ("Evaluation failed: %s", error->message);
  wm_gui_toast_error (GTK_WIDGET (self->toast_overlay),
                      _("Could not work out the levels and deadlines"),
                      error);
}

static void
start_evaluator (WmWindow *self)
{
  self->evaluator = wm_evaluator_new (self->database_path, wm_day_today ());

  g_signal_connect_object (self->evaluator, "evaluated",
                           G_CALLBACK (on_evaluator_evaluated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evaluator, "idle",
                           G_CALLBACK (on_evaluator_idle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evaluator, "failed",
                           G_CALLBACK (on_evaluator_failed), self, G_CONNECT_SWAPPED);

  /* Pupils left dirty by an import or an edit of an earlier run are
   * evaluated now, with today as the as-of date. */
  _wm_window_wake_evaluator (self);
}

/* Callbacks */

static void
on_pupil_activated (WmWindow    *self,
                    gint64       pupil_id,
                    WmPupilList *list)
{
  WM_ASSERT_MAIN_THREAD ();

  wm_window_open_pupil (self, pupil_id);
}

/* The main area shows Today while its button is down, otherwise the case
 * tabs, or a hint when no tab is open. */
static void
show_case_stack (WmWindow *self)
{
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);
  const char *name = n_pages > 0 ? "tabs" : "none";

  if (gtk_toggle_button_get_active (self->today_button))
    name = "today";

  gtk_stack_set_visible_child_name (self->case_stack, name);
}

/* Closing the last case in a narrow window returns to the list, where
 * the next pupil is opened, rather than to a hint that points there. */
static void
on_n_pages_changed (WmWindow   *self,
                    GParamSpec *pspec,
                    AdwTabView *view)
{
  show_case_stack (self);
  update_actions (self);

  if (adw_tab_view_get_n_pages (self->tab_view) == 0
      && !gtk_toggle_button_get_active (self->today_button))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_today_toggled (WmWindow        *self,
                  GtkToggleButton *button)
{
  show_case_stack (self);

  if (gtk_toggle_button_get_active (button))
    show_case_column (self);
}

static void
on_today_pupil_activated (WmWindow    *self,
                          gint64       pupil_id,
                          WmTodayView *view)
{
  WM_ASSERT_MAIN_THREAD ();

  wm_window_open_pupil (self, pupil_id);
}

/* A record found by the search of every pupil opens its pupil's case. */
static void
on_search_record_activated (WmWindow        *self,
                            gint64           pupil_id,
                            WmSearchPopover *search)
{
  WM_ASSERT_MAIN_THREAD ();

  wm_window_open_pupil (self, pupil_id);
}

static void
on_selected_page_changed (WmWindow   *self,
                          GParamSpec *pspec,
                          AdwTabView *view)
{
  sync_list_selection (self);
}

static void
on_cancel_import_clicked (WmWindow  *self,
                          GtkButton *button)
{
  _wm_window_cancel_import (self);
}

/* Actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _wm_window_choose_import_file (WM_WINDOW (widget));
}

static void
close_tab_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WmPreferencesWindow *preferences = wm_preferences_window_new (WM_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (preferences));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A deletion is undone through its toast's button, which the timeline
 * page keeps only while the toast is up. */
static gboolean
undo_in_tab (AdwTabPage *page)
{
  GtkWidget *timeline = find_descendant (adw_tab_page_get_child (page),
                                         WM_TYPE_TIMELINE_PAGE);
  g_autoptr(AdwToast) toast = NULL;
  AdwToast *shown = NULL;

  if (timeline != NULL)
    shown = wm_timeline_page_get_undo_toast (WM_TIMELINE_PAGE (timeline));
  if (shown == NULL)
    return FALSE;

  /* The page lets go of the toast when it is dismissed. */
  toast = g_object_ref (shown);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  return TRUE;
}

/* Ctrl+Z undoes the deletion whose toast is up, looking in the case in
 * front first, because that is where the officer deleted it. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);
  guint n = adw_tab_view_get_n_pages (self->tab_view);

  if (selected != NULL && undo_in_tab (selected))
    return;

  for (guint i = 0; i < n; i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);

      if (page != selected && undo_in_tab (page))
        return;
    }
}

static void
show_today_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  gtk_toggle_button_set_active (self->today_button, TRUE);
  wm_today_view_reload (self->today_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  wm_pupil_list_focus_search (self->pupil_list);
}

static void
search_records_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  /* In a narrow window the button is shown in place of the search. */
  if (adw_squeezer_get_visible_child (self->record_search_squeezer)
      == GTK_WIDGET (self->record_search_button))
    gtk_toggle_button_set_active (self->record_search_button, TRUE);
  wm_search_popover_focus (self->record_search);
}

/* The window's size and maximised state */

static void
restore_window_state (WmWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The list's width is saved as the officer moves its handle, so that
   * it survives a crash too, and follows a change made in another window. */
  g_settings_bind (self->settings, "sidebar-width", self->sidebar, "width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
}

/* GTK updates the default size as the user resizes the window. The size
 * of a maximised window is not saved, so that the next start returns to
 * the size the window had before it was maximised. */
static void
save_window_state (WmWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width = 0;
  int height = 0;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

/* Automatic backups */

static void
on_backup_failed (WmWindow          *self,
                  const char        *message,
                  WmBackupScheduler *scheduler)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  WM_ASSERT_MAIN_THREAD ();

  /* The scheduler reports a failure once, not at every hourly retry, so
   * the toast stays until the officer dismisses it. Its button opens
   * Preferences, where the backup folder is chosen. */
  /* Translators: %s is the reason the automatic backup failed. */
  text = g_strdup_printf (_("Automatic backup failed: %s"), message);
  toast = wm_gui_toast_new_wrapped (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "win.preferences");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
start_backups (WmWindow *self)
{
  if (self->settings == NULL)
    return;

  self->backup_scheduler = wm_backup_scheduler_new (self->database_path, self->settings);
  g_signal_connect_object (self->backup_scheduler, "failed",
                           G_CALLBACK (on_backup_failed), self, G_CONNECT_SWAPPED);
}

/* Overrides */

static void
open_store (WmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (self->database_path);

  adw_window_title_set_subtitle (self->window_title, basename);

  self->store = wm_store_open (self->database_path, &error);
  if (self->store == NULL)
    {
      /* The page shows the message, which names the file, and offers
       * another database or a backup; the file is left as it is. The
       * officer acts on the page, so the log gets a debug line only. */
      g_debug ("Could not open the database: %s", error->message);
      adw_status_page_set_title (self->error_status, _("Cannot Open the Database"));
      adw_status_page_set_description (self->error_status, error->message);
      wm_search_popover_set_database (self->record_search, NULL);
      return;
    }

  _wm_window_reload_pupils (self);
  wm_today_view_set_database (self->today_view, self->database_path);
  wm_search_popover_set_database (self->record_search, self->database_path);
  start_evaluator (self);
  start_backups (self);
}

/**
 * _wm_window_close_database:
 *
 * Closes the cases, stops the evaluator and the automatic backups and
 * closes the window's connection, so that another database can be opened
 * or a backup restored over this one. Refused while an import runs,
 * because the import writes to the file.
 *
 * Returns: whether the database was closed
 */
gboolean
_wm_window_close_database (WmWindow *self)
{
  WM_ASSERT_MAIN_THREAD ();

  if (self->import_cancellable != NULL || !g_queue_is_empty (&self->pending_imports))
    return FALSE;

  for (guint n = adw_tab_view_get_n_pages (self->tab_view); n > 0; n--)
    adw_tab_view_close_page (self->tab_view, adw_tab_view_get_nth_page (self->tab_view, n - 1));

  if (self->evaluator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->evaluator, self);
      wm_evaluator_stop (self->evaluator);
      g_clear_object (&self->evaluator);
    }

  self->evaluating = FALSE;
  g_clear_object (&self->backup_scheduler);
  g_clear_object (&self->store);
  wm_pupil_list_set_pupils (self->pupil_list, g_ptr_array_new ());
  wm_search_popover_set_database (self->record_search, NULL);
  update_actions (self);
  return TRUE;
}

/**
 * _wm_window_open_database:
 * @path: the database file; it is created if missing
 *
 * Opens @path in the window in place of the database it had, which must
 * be closed first. A database that cannot be opened shows the error page,
 * naming the file.
 *
 * Returns: whether the database opened
 */
gboolean
_wm_window_open_database (WmWindow   *self,
                          const char *path)
{
  g_return_val_if_fail (self->store == NULL, FALSE);

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);

  open_store (self);
  _wm_window_show_content (self);
  update_actions (self);
  return self->store != NULL;
}

static void
wm_window_constructed (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  G_OBJECT_CLASS (wm_window_parent_class)->constructed (object);

  g_return_if_fail (self->database_path != NULL);

  restore_window_state (self);
  open_store (self);
  _wm_window_show_content (self);
  update_actions (self);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  /* Dispose runs whether the user closed the window or the application
   * quit, which destroys the windows without a close request. */
  if (self->settings != NULL)
    {
      save_window_state (self);
      g_clear_object (&self->settings);
    }

  g_cancellable_cancel (self->cancellable);
  _wm_window_clear_imports (self);
  _wm_database_recovery_dispose (self);
  _wm_backup_dialog_dispose (self);

  if (self->evaluator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->evaluator, self);
      wm_evaluator_stop (self->evaluator);
      g_clear_object (&self->evaluator);
    }

  g_clear_object (&self->backup_scheduler);
  g_clear_handle_id (&self->leaflet_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
}

static void
wm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Ctrl+P prints the evidence bundle of the case in front, through the
 * tab's own action, which knows the pupil. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page != NULL)
    gtk_widget_activate_action (adw_tab_page_get_child (page), "case.print", NULL);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _wm_database_recovery_choose_database (WM_WINDOW (widget));
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _wm_backup_dialog_choose_file (WM_WINDOW (widget));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _wm_database_recovery_choose_backup (WM_WINDOW (widget));
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-records", NULL,
                                   search_records_action);
  gtk_widget_class_install_action (widget_class, "win.show-today", NULL, show_today_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL,
                                   open_database_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.search-records", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, empty_status);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, pupil_list);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, record_search_squeezer);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, record_search_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, record_search_box);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, case_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, today_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, today_view);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, record_search);
  gtk_widget_class_bind_template_callback (widget_class, on_today_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_today_pupil_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_n_pages_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_record_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_record_search_toggled);
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_window_constructed;
  object_class->dispose = wm_window_dispose;
  object_class->finalize = wm_window_finalize;
  object_class->get_property = wm_window_get_property;
  object_class->set_property = wm_window_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_STATIC_STRINGS);

  /* The application's settings, passed in rather than created here, so
   * that the program has one settings object. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WM_TYPE_PUPIL_LIST);
  g_type_ensure (WM_TYPE_TODAY_VIEW);
  g_type_ensure (WM_TYPE_SEARCH_POPOVER);
  g_type_ensure (WM_TYPE_SIDEBAR_PANE);
  g_type_ensure (WM_TYPE_SIDEBAR_HANDLE);
  bind_template (widget_class);
  install_actions (widget_class);
}

static void
wm_window_init (WmWindow *self)
{
  wm_gui_init ();

  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pending_imports);

  gtk_widget_init_template (GTK_WIDGET (self));
  wm_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}

/* Public API */

/**
 * wm_window_new:
 * @application: (nullable): the application
 * @database_path: the database file; it is created if missing
 *
 * The window takes its size from the settings of a #WmApplication and
 * saves it there when it is destroyed.
 *
 * Returns: (transfer none): a new window on the database
 */
WmWindow *
wm_window_new (GtkApplication *application,
               const char     *database_path)
{
  GSettings *settings = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  if (WM_IS_APPLICATION (application))
    settings = wm_application_get_settings (WM_APPLICATION (application));

  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       "settings", settings,
                       NULL);
}

const char *
wm_window_get_database_path (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->database_path;
}

/**
 * wm_window_is_busy:
 *
 * Returns: whether an import is running or waiting, or the evaluator has
 *   not reported that it is idle since it was last woken
 */
gboolean
wm_window_is_busy (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL
         || !g_queue_is_empty (&self->pending_imports)
         || self->evaluating;
}

/**
 * wm_window_open_pupil:
 * @pupil_id: the database id of a pupil in the list
 *
 * Opens the pupil's case in a new tab, or selects its tab when it is
 * already open, and shows the tabs in place of Today. In a narrow window,
 * where the list and the case share one column, the case comes to the front.
 */
void
wm_window_open_pupil (WmWindow *self,
                      gint64    pupil_id)
{
  g_autoptr(WmPupilObject) pupil = NULL;
  AdwTabPage *page = NULL;
  GtkWidget *view;

  g_return_if_fail (WM_IS_WINDOW (self));

  /* The case replaces Today in the main area. */
  gtk_toggle_button_set_active (self->today_button, FALSE);

  if (find_case_view (self, pupil_id, &page) != NULL)
    {
      adw_tab_view_set_selected_page (self->tab_view, page);
      show_case_column (self);
      return;
    }

  pupil = wm_pupil_list_lookup (self->pupil_list, pupil_id);
  g_return_if_fail (pupil != NULL);

  view = wm_case_view_new (self->store, pupil);
  page = adw_tab_view_append (self->tab_view, view);
  adw_tab_page_set_title (page, wm_case_view_get_title (WM_CASE_VIEW (view)));
  adw_tab_page_set_tooltip (page, wm_pupil_object_get_summary (pupil)->upn);
  adw_tab_view_set_selected_page (self->tab_view, page);
  show_case_column (self);
}

WmPupilList *
wm_window_get_pupil_list (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->pupil_list;
}

AdwTabView *
wm_window_get_tab_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->tab_view;
}
