/* wm-today-view.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-gui.h"
#include "wm-store.h"
#include "wm-today-items.h"
#include "wm-today-view.h"

/* The Today view: what needs the officer across the caseload, computed in
 * a worker (wm-today-items.c) and shown in sections, safeguarding first.
 * Each row opens the pupil's case through the "pupil-activated" signal.
 *
 * A deadline that falls due while the application runs is also sent as
 * a desktop notification, once: the database records each notification
 * sent (notifications_sent), so starting the application again on the
 * same day does not announce the deadline again. The view
 * checks every few minutes whether the date has changed, so that a
 * window left open overnight lists and announces the new day's
 * deadlines. The notification names no pupil, because it may show on a
 * locked screen; the row in the view does. */
struct _WmTodayView
{
  GtkBox         parent_instance;

  /* Template children */
  GtkLabel      *date_label;
  GtkStack      *stack;
  AdwStatusPage *error_status;
  GtkListBox    *safeguarding_box;
  GtkListBox    *legal_box;
  GtkListBox    *reviews_box;
  GtkListBox    *threshold_box;
  GtkListBox    *level3_box;

  /* Owned */
  char          *database_path;
  GCancellable  *cancellable;
  GHashTable    *notified;
  guint          day_check_id;

  /* The day to list, or WM_DAY_NONE to follow the clock. */
  WmDay          pinned_as_of;
  WmDay          shown_as_of;
  guint          n_notified;
};

G_DEFINE_FINAL_TYPE (WmTodayView, wm_today_view, GTK_TYPE_BOX)

enum
{
  SIGNAL_PUPIL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How often the view looks at the clock for a new day, in seconds. */
#define DAY_CHECK_SECONDS 300

/* Helpers */

static WmDay
current_as_of (WmTodayView *self)
{
  return self->pinned_as_of != WM_DAY_NONE ? self->pinned_as_of : wm_day_today ();
}

static GtkListBox *
section_box (WmTodayView    *self,
             WmTodaySection  section)
{
  GtkListBox *boxes[] = {
    self->safeguarding_box, self->legal_box, self->reviews_box, self->threshold_box,
    self->level3_box,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (boxes) == WM_TODAY_N_SECTIONS);
  return boxes[section];
}

static void
clear_sections (WmTodayView *self)
{
  for (WmTodaySection section = 0; section < WM_TODAY_N_SECTIONS; section++)
    {
      GtkListBox *box = section_box (self, section);
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
        gtk_list_box_remove (box, child);
    }
}

static void
update_groups (WmTodayView *self)
{
  gboolean any = FALSE;

  for (WmTodaySection section = 0; section < WM_TODAY_N_SECTIONS; section++)
    {
      GtkWidget *box = GTK_WIDGET (section_box (self, section));
      gboolean filled = gtk_widget_get_first_child (box) != NULL;

      /* The group is the list's grandparent in an AdwPreferencesGroup. */
      gtk_widget_set_visible (gtk_widget_get_ancestor (box, ADW_TYPE_PREFERENCES_GROUP),
                              filled);
      any = any || filled;
    }

  gtk_stack_set_visible_child_name (self->stack, any ? "content" : "empty");
}

/* Rows */

static char *
describe_status (const WmTodayItem *item)
{
  g_autofree char *day = wm_day_format_long (item->day);

  if (item->status == WM_DUE_OVERDUE)
    /* Translators: a deadline that has passed, "Overdue since 30 March
     * 2026". */
    return g_strdup_printf (_("Overdue since %s"), day);
  if (item->status == WM_DUE_TODAY)
    return g_strdup (_("Due today"));

  return g_steal_pointer (&day);
}

static GtkWidget *
build_row (const WmTodayItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *status = describe_status (item);
  g_autofree char *line = g_strdup_printf ("%s · %s", status, item->sentence);
  g_autofree char *title = g_markup_escape_text (item->name, -1);
  g_autofree char *subtitle = g_markup_escape_text (line, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, item->upn);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (item->status == WM_DUE_OVERDUE)
    gtk_widget_add_css_class (row, "overdue");

  g_object_set_data_full (G_OBJECT (row), "pupil-id",
                          g_memdup2 (&item->pupil_id, sizeof (gint64)), g_free);
  return row;
}

static void
on_row_activated (WmTodayView   *self,
                  GtkListBoxRow *row)
{
  gint64 *pupil_id = g_object_get_data (G_OBJECT (row), "pupil-id");

  if (pupil_id != NULL)
    g_signal_emit (self, signals[SIGNAL_PUPIL_ACTIVATED], 0, *pupil_id);
}

/* Notifications */

/* One key per deadline and due date, such as
 * "deadline-12-attendance-plan-review-2026-03-27". It is the id given to
 * GApplication, which replaces a notification with the same id, and the
 * key recorded in the database, so a deadline is announced once however
 * often the view is refreshed or the application started. A deadline
 * moved to another date is a new key, and is announced on its new date. */
static char *
notification_key (const WmTodayItem *item)
{
  g_autofree char *iso = wm_day_to_iso (item->day);

  return g_strdup_printf ("deadline-%" G_GINT64_FORMAT "-%s-%s", item->record_id, item->key,
                          iso);
}

typedef struct
{
  char *key;
  char *body;
} Announcement;

static void
announcement_free (gpointer data)
{
  Announcement *announcement = data;

  g_free (announcement->key);
  g_free (announcement->body);
  g_free (announcement);
}

static Announcement *
announcement_copy (const Announcement *announcement)
{
  Announcement *copy = g_new0 (Announcement, 1);

  copy->key = g_strdup (announcement->key);
  copy->body = g_strdup (announcement->body);
  return copy;
}

typedef struct
{
  char         *database_path;
  GPtrArray    *announcements;
  GCancellable *cancellable;

  /* Set by the worker when some keys were recorded and then one failed */
  GError       *partial_error;
} ClaimJob;

static void
claim_job_free (gpointer data)
{
  ClaimJob *job = data;

  g_free (job->database_path);
  g_clear_error (&job->partial_error);
  g_clear_pointer (&job->announcements, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* The deadlines due today that this view has not announced yet. */
static GPtrArray *
collect_announcements (WmTodayView *self,
                       GPtrArray   *items)
{
  GPtrArray *announcements = g_ptr_array_new_with_free_func (announcement_free);

  for (guint i = 0; i < items->len; i++)
    {
      const WmTodayItem *item = g_ptr_array_index (items, i);
      Announcement *announcement;

      if (item->key == NULL || item->status != WM_DUE_TODAY)
        continue;

      announcement = g_new0 (Announcement, 1);
      announcement->key = notification_key (item);
      announcement->body = g_strdup (item->sentence);
      if (g_hash_table_contains (self->notified, announcement->key))
        announcement_free (announcement);
      else
        g_ptr_array_add (announcements, announcement);
    }

  return announcements;
}

/* In a worker, with its own connection: records each key not recorded
 * before and returns those announcements, the ones to send. The check
 * and the record are one statement, so another window or another start
 * of the application that announces the same deadline does not send it
 * too. The cancellable is not checked: a key recorded must be sent. */
static void
claim_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ClaimJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) claimed = g_ptr_array_new_with_free_func (announcement_free);
  GError *error = NULL;

  store = wm_store_open (job->database_path, &error);
  for (guint i = 0; store != NULL && i < job->announcements->len; i++)
    {
      Announcement *announcement = g_ptr_array_index (job->announcements, i);
      gboolean fresh = FALSE;

      if (!wm_store_claim_notification (store, announcement->key, &fresh, &error))
        break;
      if (fresh)
        g_ptr_array_add (claimed, announcement_copy (announcement));
    }

  if (error != NULL && claimed->len == 0)
    g_task_return_error (task, error);
  else
    {
      /* Some keys were recorded before the failure: send those, and
       * tell the officer on the main thread that the rest were not. */
      if (error != NULL)
        g_warning ("Could not record every notification: %s", error->message);
      job->partial_error = g_steal_pointer (&error);
      g_task_return_pointer (task, g_steal_pointer (&claimed),
                             (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
send_announcement (WmTodayView        *self,
                   const Announcement *announcement)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;

  g_hash_table_add (self->notified, g_strdup (announcement->key));
  self->n_notified++;
  if (application == NULL || !g_application_get_is_registered (application))
    return;

  notification = g_notification_new (_("A deadline falls due today"));
  g_notification_set_body (notification, announcement->body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (application, announcement->key, notification);
}

/* Sends what the worker claimed even when the view was refreshed in the
 * meantime, because a claimed key is never claimed again. A failure to
 * record the keys sends nothing, because announcing again at every start
 * would be worse than missing one announcement. The Today view lists the
 * deadline either way. */
static void
on_claimed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WmTodayView *self = WM_TODAY_VIEW (source);
  ClaimJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();

  claimed = g_task_propagate_pointer (G_TASK (result), &error);
  if (claimed == NULL)
    {
      g_warning ("Could not record the notifications sent: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (self), _("Could not announce the deadlines due today"),
                          error);
    }
  else if (job->partial_error != NULL)
    wm_gui_toast_error (GTK_WIDGET (self), _("Could not announce every deadline due today"),
                        job->partial_error);

  for (guint i = 0; claimed != NULL && i < claimed->len; i++)
    send_announcement (self, g_ptr_array_index (claimed, i));

  if (self->cancellable == job->cancellable)
    g_clear_object (&self->cancellable);
}

static void
announce_due_today (WmTodayView *self,
                    GPtrArray   *items)
{
  g_autoptr(GTask) task = NULL;
  ClaimJob *job;

  job = g_new0 (ClaimJob, 1);
  job->announcements = collect_announcements (self, items);
  if (job->announcements->len == 0)
    {
      claim_job_free (job);
      g_clear_object (&self->cancellable);
      return;
    }

  job->database_path = g_strdup (self->database_path);
  job->cancellable = g_object_ref (self->cancellable);
  task = g_task_new (self, NULL, on_claimed, NULL);
  g_task_set_source_tag (task, announce_due_today);
  g_task_set_task_data (task, job, claim_job_free);
  g_task_run_in_thread (task, claim_in_thread);
}

static void
show_items (WmTodayView *self,
            GPtrArray   *items,
            WmDay        as_of)
{
  g_autofree char *day = wm_day_format_long (as_of);

  clear_sections (self);
  for (guint i = 0; i < items->len; i++)
    {
      const WmTodayItem *item = g_ptr_array_index (items, i);

      gtk_list_box_append (section_box (self, item->section), build_row (item));
    }

  gtk_label_set_text (self->date_label, day);
  self->shown_as_of = as_of;
  update_groups (self);
}

/* Loading */

static void on_refresh_clicked (WmTodayView *self,
                                GtkButton   *button);

typedef struct
{
  WmTodayView *view;
  WmDay        as_of;
} Load;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(WmTodayView) self = load->view;
  WmDay as_of = load->as_of;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = wm_today_items_load_finish (result, &error);

  WM_ASSERT_MAIN_THREAD ();
  g_free (load);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (items == NULL)
    {
      g_clear_object (&self->cancellable);
      g_warning ("Could not list what is due: %s", error->message);
      wm_gui_status_page_set_error (self->error_status, error,
                                    G_CALLBACK (on_refresh_clicked), self);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_items (self, items, as_of);

  /* The view stays busy until the announcements are recorded. */
  announce_due_today (self, items);
}

static gboolean
check_day (gpointer user_data)
{
  WmTodayView *self = user_data;

  if (self->database_path != NULL && current_as_of (self) != self->shown_as_of
      && self->cancellable == NULL)
    wm_today_view_reload (self);

  return G_SOURCE_CONTINUE;
}

/* Callbacks */

static void
on_refresh_clicked (WmTodayView *self,
                    GtkButton   *button)
{
  wm_today_view_reload (self);
}

/* Overrides */

static void
wm_today_view_dispose (GObject *object)
{
  WmTodayView *self = WM_TODAY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->day_check_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_TODAY_VIEW);

  G_OBJECT_CLASS (wm_today_view_parent_class)->dispose (object);
}

static void
wm_today_view_finalize (GObject *object)
{
  WmTodayView *self = WM_TODAY_VIEW (object);

  g_clear_pointer (&self->notified, g_hash_table_unref);
  g_free (self->database_path);

  G_OBJECT_CLASS (wm_today_view_parent_class)->finalize (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, date_label);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, error_status);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, safeguarding_box);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, legal_box);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, reviews_box);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, threshold_box);
  gtk_widget_class_bind_template_child (widget_class, WmTodayView, level3_box);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
}

static void
wm_today_view_class_init (WmTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_today_view_dispose;
  object_class->finalize = wm_today_view_finalize;

  /**
   * WmTodayView::pupil-activated:
   * @pupil_id: the pupil
   *
   * The officer chose a row; the pupil's case should open.
   */
  signals[SIGNAL_PUPIL_ACTIVATED] = g_signal_new ("pupil-activated", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_INT64);

  bind_template (GTK_WIDGET_CLASS (klass));
}

static void
wm_today_view_init (WmTodayView *self)
{
  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (WmTodaySection section = 0; section < WM_TODAY_N_SECTIONS; section++)
    g_signal_connect_object (section_box (self, section), "row-activated",
                             G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (gtk_widget_get_ancestor (GTK_WIDGET (self->safeguarding_box),
                                                     ADW_TYPE_PREFERENCES_GROUP),
                            "restricted-section");
  self->day_check_id = g_timeout_add_seconds (DAY_CHECK_SECONDS, check_day, self);
}

/* Public API */

/**
 * wm_today_view_set_database:
 * @database_path: the database, opened again in the worker
 *
 * Lists what is due in the database.
 */
void
wm_today_view_set_database (WmTodayView *self,
                            const char  *database_path)
{
  g_return_if_fail (WM_IS_TODAY_VIEW (self));
  g_return_if_fail (database_path != NULL);

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  wm_today_view_reload (self);
}

/**
 * wm_today_view_set_as_of:
 * @as_of: the day to list, or %WM_DAY_NONE to follow the clock
 *
 * Lists what is due on another day than today, for a look ahead or a test.
 */
void
wm_today_view_set_as_of (WmTodayView *self,
                         WmDay        as_of)
{
  g_return_if_fail (WM_IS_TODAY_VIEW (self));

  self->pinned_as_of = as_of;
  wm_today_view_reload (self);
}

/**
 * wm_today_view_reload:
 *
 * Works out what is due again, after an import, an evaluation or a
 * record; a listing still running is cancelled. The view keeps showing
 * the previous list until the new one arrives.
 */
void
wm_today_view_reload (WmTodayView *self)
{
  Load *load;

  g_return_if_fail (WM_IS_TODAY_VIEW (self));

  WM_ASSERT_MAIN_THREAD ();

  if (self->database_path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->shown_as_of == WM_DAY_NONE)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  load = g_new0 (Load, 1);
  load->view = g_object_ref (self);
  load->as_of = current_as_of (self);
  wm_today_items_load_async (self->database_path, load->as_of, self->cancellable, on_loaded,
                             load);
}

gboolean
wm_today_view_is_busy (WmTodayView *self)
{
  g_return_val_if_fail (WM_IS_TODAY_VIEW (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * wm_today_view_get_rows:
 * @section: a section
 *
 * Returns: (transfer none): the rows of @section: the pupil's name as
 *   the title, the status and what is due as the subtitle
 */
GtkListBox *
wm_today_view_get_rows (WmTodayView    *self,
                        WmTodaySection  section)
{
  g_return_val_if_fail (WM_IS_TODAY_VIEW (self), NULL);
  g_return_val_if_fail ((guint) section < WM_TODAY_N_SECTIONS, NULL);

  return section_box (self, section);
}

/**
 * wm_today_view_get_n_notified:
 *
 * Returns: how many deadlines falling due today this view has announced
 *   since it was created; a deadline announced before, by this view or
 *   an earlier start of the application, is not counted again
 */
guint
wm_today_view_get_n_notified (WmTodayView *self)
{
  g_return_val_if_fail (WM_IS_TODAY_VIEW (self), 0);

  return self->n_notified;
}
