/* wm-search-popover.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-search-popover.h"

#include "wm-gui.h"
#include "wm-store-records.h"

/* The search of every record of every pupil, in the header bar. Each
 * search runs in a worker with its own store, a quarter of a second
 * after the officer stops typing, so that a long caseload never holds up
 * the typing. Only the newest search's results are shown, so an older
 * search that finishes later is dropped. Restricted (safeguarding) records are never
 * searched here, because the results are listed for anyone at the
 * screen; they are read on the pupil's own Timeline. */

#define SEARCH_DELAY_MS 250

struct _WmSearchPopover
{
  GtkWidget        parent_instance;

  /* Children */
  GtkSearchEntry  *entry;
  GtkPopover      *popover;
  GtkListBox      *results;
  GtkLabel        *status;

  /* Owned */
  char            *database_path;
  guint            delay_id;
  guint            generation;
  guint            n_running;
};

G_DEFINE_FINAL_TYPE (WmSearchPopover, wm_search_popover, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char  *database_path;
  char  *query;
  guint  generation;
} SearchJob;

/* One result as listed: the worker reads the pupil's name with its own
 * store, so that the main thread does not wait on the database. */
typedef struct
{
  gint64  pupil_id;
  gint64  record_id;
  char   *pupil;
  char   *kind;
  WmDay   day;
  char   *snippet;
} Result;

static void
search_job_free (SearchJob *job)
{
  g_free (job->database_path);
  g_free (job->query);
  g_free (job);
}

static void
result_free (Result *result)
{
  g_free (result->pupil);
  g_free (result->kind);
  g_free (result->snippet);
  g_free (result);
}

/* Worker */

static char *
pupil_name (WmStore *store,
            gint64   pupil_id)
{
  g_auto(WmPupilRecord) pupil = { 0 };

  if (!wm_store_get_pupil (store, pupil_id, &pupil, NULL, NULL))
    return g_strdup (_("Unknown pupil"));

  /* Translators: a pupil in the search results, "Surname, Forename". */
  return g_strdup_printf (_("%s, %s"), pupil.surname, pupil.forename);
}

/* The snippet keeps the line breaks between the record's fields, which
 * would push the match out of sight in a row of two lines. */
static char *
one_line (const char *snippet)
{
  g_auto(GStrv) lines = g_strsplit (snippet != NULL ? snippet : "", "\n", -1);

  return g_strjoinv (" · ", lines);
}

static Result *
result_new (WmStore           *store,
            const WmSearchHit *hit)
{
  Result *result = g_new0 (Result, 1);

  result->pupil_id = hit->pupil_id;
  result->record_id = hit->record_id;
  result->pupil = pupil_name (store, hit->pupil_id);
  result->kind = g_strdup (g_dgettext (GETTEXT_PACKAGE, hit->kind->label));
  result->day = hit->day;
  result->snippet = one_line (hit->snippet);
  return result;
}

static GPtrArray *
search (const SearchJob  *job,
        GError          **error)
{
  g_autoptr(WmStore) store = wm_store_open (job->database_path, error);
  g_autoptr(GPtrArray) hits = NULL;
  GPtrArray *results;

  if (store == NULL)
    return NULL;
  hits = wm_store_search_records (store, job->query, FALSE, error);
  if (hits == NULL)
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (results, result_new (store, hits->pdata[i]));
  return results;
}

static void
search_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = search (task_data, &error);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/* Results */

static void
clear_results (WmSearchPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static GtkWidget *
build_row (const Result *result)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = result->day != WM_DAY_NONE ? wm_day_format_long (result->day)
                                                     : g_strdup ("");
  g_autofree char *title = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a search result, "Smith, Jane — Home visit, 3 March 2026". */
  title = g_strdup_printf (_("%s — %s, %s"), result->pupil, result->kind, date);

  /* Row titles are markup, but names and notes are data. */
  title_markup = g_markup_escape_text (title, -1);
  subtitle = g_markup_escape_text (result->snippet, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "pupil-id",
                          g_memdup2 (&result->pupil_id, sizeof (gint64)), g_free);
  return row;
}

static void
show_status (WmSearchPopover *self,
             const char      *text)
{
  gtk_label_set_text (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
}

static void
show_results (WmSearchPopover *self,
              GPtrArray       *results)
{
  clear_results (self);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->results, build_row (results->pdata[i]));

  show_status (self, results->len == 0 ? _("No records found") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results), results->len > 0);
  gtk_popover_popup (self->popover);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmSearchPopover) self = user_data;
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), &error);

  self->n_running--;

  /* A newer search has started, or the entry was cleared. */
  if (job->generation != self->generation || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  if (results == NULL)
    {
      /* The message may quote the words searched for, which can be a
       * child's name, so only its code is logged. */
      g_warning ("Searching the records failed: %s %d", g_quark_to_string (error->domain),
                 error->code);
      clear_results (self);
      gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
      {
        g_autofree char *text = wm_gui_describe_error (_("The records could not be searched"),
                                                       error);

        show_status (self, text);
      }
      gtk_popover_popup (self->popover);
      return;
    }

  show_results (self, results);
}

static gboolean
start_search (gpointer user_data)
{
  WmSearchPopover *self = user_data;
  SearchJob *job = g_new0 (SearchJob, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_search_done, g_object_ref (self));

  self->delay_id = 0;
  job->database_path = g_strdup (self->database_path);
  job->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  job->generation = self->generation;
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);

  self->n_running++;
  g_task_run_in_thread (task, search_in_thread);
  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_search_changed (WmSearchPopover *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  self->generation++;
  g_clear_handle_id (&self->delay_id, g_source_remove);

  if (*query == '\0' || self->database_path == NULL)
    {
      gtk_popover_popdown (self->popover);
      return;
    }

  self->delay_id = g_timeout_add (SEARCH_DELAY_MS, start_search, self);
}

static void
on_row_activated (WmSearchPopover *self,
                  GtkListBoxRow   *row)
{
  gint64 *pupil_id = g_object_get_data (G_OBJECT (row), "pupil-id");

  gtk_popover_popdown (self->popover);
  if (pupil_id != NULL)
    g_signal_emit (self, signals[SIGNAL_RECORD_ACTIVATED], 0, *pupil_id);
}

/* Down from the entry moves into the results, as in other searches. */
static gboolean
on_entry_key (WmSearchPopover *self,
              guint            keyval,
              guint            keycode,
              GdkModifierType  state)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (keyval != GDK_KEY_Down || first == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
on_stop_search (WmSearchPopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (self->popover);
}

/* Building */

static GtkWidget *
build_popover_content (WmSearchPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);

  self->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->results, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Records found"), -1);
  g_signal_connect_swapped (self->results, "row-activated", G_CALLBACK (on_row_activated), self);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->results));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_widget_set_size_request (scrolled, 420, -1);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static void
build (WmSearchPopover *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Search all records"), NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               /* Translators: keep the key as it is. */
                               _("Search the records of every pupil (Ctrl+Shift+F)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search all records"), -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->entry), 260, -1);
  /* Nothing can be searched until the window has opened its database. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
  /* "changed" rather than "search-changed", so that the pause before a
   * search is this widget's own and not added to the entry's. */
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  /* The popover does not take the focus, so typing goes on in the entry
   * while the results change under it. */
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, TRUE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->popover, build_popover_content (self));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
}

/* Overrides */

static void
wm_search_popover_dispose (GObject *object)
{
  WmSearchPopover *self = WM_SEARCH_POPOVER (object);

  g_clear_handle_id (&self->delay_id, g_source_remove);
  if (self->entry != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->entry));
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->entry = NULL;
  self->popover = NULL;

  G_OBJECT_CLASS (wm_search_popover_parent_class)->dispose (object);
}

static void
wm_search_popover_finalize (GObject *object)
{
  WmSearchPopover *self = WM_SEARCH_POPOVER (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (wm_search_popover_parent_class)->finalize (object);
}

static void
wm_search_popover_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  WmSearchPopover *self = WM_SEARCH_POPOVER (widget);

  gtk_widget_measure (GTK_WIDGET (self->entry), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* The popover is a native surface of its own: it is positioned, not
 * allocated, each time the entry is. */
static void
wm_search_popover_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  WmSearchPopover *self = WM_SEARCH_POPOVER (widget);

  gtk_widget_size_allocate (GTK_WIDGET (self->entry),
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (self->popover);
}

static void
wm_search_popover_class_init (WmSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_search_popover_dispose;
  object_class->finalize = wm_search_popover_finalize;
  widget_class->measure = wm_search_popover_measure;
  widget_class->size_allocate = wm_search_popover_size_allocate;

  /**
   * WmSearchPopover::record-activated:
   * @pupil_id: the pupil whose record was chosen
   *
   * The officer chose a result; the window opens the pupil's case tab.
   */
  signals[SIGNAL_RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "wm-search-popover");
}

static void
wm_search_popover_init (WmSearchPopover *self)
{
  wm_gui_init ();
  build (self);
}

/* Public API */

/**
 * wm_search_popover_set_database:
 * @database_path: (nullable): the database each search opens in its
 *   worker, %NULL while the window has none
 */
void
wm_search_popover_set_database (WmSearchPopover *self,
                                const char      *database_path)
{
  g_return_if_fail (WM_IS_SEARCH_POPOVER (self));

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), database_path != NULL);
}

/**
 * wm_search_popover_focus:
 *
 * Puts the cursor in the entry with its text selected, for Ctrl+Shift+F.
 */
void
wm_search_popover_focus (WmSearchPopover *self)
{
  g_return_if_fail (WM_IS_SEARCH_POPOVER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkEditable *
wm_search_popover_get_entry (WmSearchPopover *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_POPOVER (self), NULL);

  return GTK_EDITABLE (self->entry);
}

/**
 * wm_search_popover_get_results:
 *
 * Returns: (transfer none): the list of the newest search's results
 */
GtkListBox *
wm_search_popover_get_results (WmSearchPopover *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_POPOVER (self), NULL);

  return self->results;
}

/**
 * wm_search_popover_is_busy:
 *
 * Returns: whether a search is waiting for the pause in typing or running
 */
gboolean
wm_search_popover_is_busy (WmSearchPopover *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_POPOVER (self), FALSE);

  return self->delay_id != 0 || self->n_running > 0;
}
