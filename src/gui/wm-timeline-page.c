/* wm-timeline-page.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <string.h>

#include "wm-application.h"
#include "wm-case.h"
#include "wm-gui.h"
#include "wm-letter-figures.h"
#include "wm-letters-action.h"
#include "wm-record-saver.h"
#include "wm-timeline-object.h"
#include "wm-timeline-page.h"

/* The Timeline page: every event of the pupil, newest first, with the
 * records the officer writes. Reads are a few small queries on the
 * window's store on the main thread. Every write goes through a worker
 * (wm-record-saver.c), so waiting for a locked database leaves the
 * window usable.
 *
 * The model chain, built in init:
 *
 *   GListStore (WmTimelineObject, every unrestricted event)
 *     -> GtkFilterListModel (the kind chosen and the search text)
 *       -> GtkNoSelection -> GtkListView
 *
 * Restricted (safeguarding) records stay out of that list and go in the
 * restricted section above it, where they are marked as such. */
struct _WmTimelinePage
{
  GtkBox               parent_instance;

  /* Template children */
  GtkMenuButton       *add_button;
  GtkDropDown         *kind_dropdown;
  GtkSearchEntry      *search_entry;
  AdwPreferencesGroup *restricted_group;
  AdwPreferencesGroup *drafts_group;
  GtkStack            *timeline_stack;
  GtkListView         *timeline_view;
  AdwStatusPage       *timeline_status;

  /* Owned */
  WmStore             *store;
  GListStore          *timeline;
  GtkFilterListModel  *shown;
  GtkListBox          *restricted_box;
  GtkListBox          *drafts_box;
  GPtrArray           *filter_kinds;
  AdwToast            *undo_toast;

  /* The error of the last Timeline read, shown in the list's place */
  GError              *timeline_error;

  gint64               pupil_id;
  gint64               case_id;
  guint                n_writes;
};

G_DEFINE_FINAL_TYPE (WmTimelinePage, wm_timeline_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The "Add record" menu, in the order an officer reaches for them: the
 * visit first, then the everyday contacts, plans and requests, then the
 * legal steps, and safeguarding on its own at the end. */
static const char * const everyday_kinds[] = {
  "home-visit", "contact", "meeting", "note", "attendance-plan",
  "healthcare-plan", "referral", "leave-request", NULL
};

static const char * const legal_kinds[] = {
  "warning-letter", "notice-to-improve", "attendance-contract",
  "penalty-notice", "prosecution", "eso-consideration", "parenting-order",
  NULL
};

static const char * const restricted_kinds[] = { "safeguarding", NULL };

/* Helpers */

static void
set_record_id (gpointer object,
               gint64   record_id)
{
  g_object_set_data_full (G_OBJECT (object), "record-id",
                          g_memdup2 (&record_id, sizeof record_id), g_free);
}

static gint64
get_record_id (gpointer object)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), "record-id");

  return id != NULL ? *id : 0;
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static GtkWindow *
parent_window (WmTimelinePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (WmTimelinePage *self,
            AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  g_object_unref (toast);
}

static void
show_message (WmTimelinePage *self,
              const char     *message)
{
  show_toast (self, adw_toast_new (message));
}

/* The menu and the filter */

static void
append_kinds (GMenu              *section,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const WmRecordKind *kind = wm_record_kind_lookup (names[i]);
      /* The kinds' labels are marked in the core (wm-record-kinds.c). */
      g_autoptr(GMenuItem) item = g_menu_item_new (g_dgettext (GETTEXT_PACKAGE, kind->label),
                                                   NULL);

      g_menu_item_set_action_and_target (item, "timeline.add-record", "s", kind->name);
      g_menu_append_item (section, item);
    }
}

static GMenuModel *
build_add_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) everyday = g_menu_new ();
  g_autoptr(GMenu) legal = g_menu_new ();
  g_autoptr(GMenu) restricted = g_menu_new ();

  append_kinds (everyday, everyday_kinds);
  append_kinds (legal, legal_kinds);
  append_kinds (restricted, restricted_kinds);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (everyday));
  g_menu_append_section (menu, _("Legal Steps"), G_MENU_MODEL (legal));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (restricted));

  return G_MENU_MODEL (menu);
}

/* The kind filter lists every event that can be on this list: imports,
 * level changes, case events and the unrestricted record kinds.
 * @filter_kinds contains the stored kind for each item, %NULL for "every
 * kind". A kind ending in "-" matches every kind that starts with it, so
 * "case-" covers "case-open", "case-close", "case-reopen" and
 * "case-allocation". */
static void
build_kind_filter (WmTimelinePage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const WmRecordKind * const *kinds = wm_record_kinds (NULL);

  self->filter_kinds = g_ptr_array_new ();
  gtk_string_list_append (labels, _("All events"));
  g_ptr_array_add (self->filter_kinds, NULL);
  gtk_string_list_append (labels, _("Imports"));
  g_ptr_array_add (self->filter_kinds, (gpointer) "import");
  gtk_string_list_append (labels, _("Level changes"));
  g_ptr_array_add (self->filter_kinds, (gpointer) "level-change");
  /* Translators: the opening, closing, reopening and allocation of cases. */
  gtk_string_list_append (labels, _("Case events"));
  g_ptr_array_add (self->filter_kinds, (gpointer) "case-");

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      if ((kinds[i]->flags & WM_RECORD_FLAG_RESTRICTED) != 0)
        continue;
      gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, kinds[i]->label));
      g_ptr_array_add (self->filter_kinds, (gpointer) kinds[i]->name);
    }

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (labels));
}

static gboolean
text_matches (const char *text,
              const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_query) != NULL;
}

static gboolean
kind_matches (const char *filter_kind,
              const char *kind)
{
  if (g_str_has_suffix (filter_kind, "-"))
    return g_str_has_prefix (kind, filter_kind);

  return g_strcmp0 (filter_kind, kind) == 0;
}

static gboolean
entry_shown (gpointer item,
             gpointer user_data)
{
  WmTimelinePage *self = user_data;
  WmTimelineObject *entry = item;
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  const char *kind = selected < self->filter_kinds->len
                     ? g_ptr_array_index (self->filter_kinds, selected) : NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded_query = g_utf8_casefold (query, -1);

  if (kind != NULL && !kind_matches (kind, wm_timeline_object_get_kind (entry)))
    return FALSE;

  return *folded_query == '\0'
         || text_matches (wm_timeline_object_get_title (entry), folded_query)
         || text_matches (wm_timeline_object_get_detail (entry), folded_query);
}

static void
try_again (WmTimelinePage *self)
{
  wm_timeline_page_reload (self);
}

/* The status page gives the reason the Timeline is empty: nothing
 * recorded, nothing matching the filter, or a failed read. A failed read
 * offers "Try Again" instead of looking like an empty Timeline. */
static void
update_stack (WmTimelinePage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0;
  gboolean filtered = g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) > 0;

  if (self->timeline_error != NULL)
    {
      adw_status_page_set_title (self->timeline_status, _("Cannot Read the Timeline"));
      wm_gui_status_page_set_error (self->timeline_status, self->timeline_error,
                                    G_CALLBACK (try_again), self);
      gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
      return;
    }

  adw_status_page_set_title (self->timeline_status,
                             filtered ? _("No Matching Events") : _("No Events Yet"));
  adw_status_page_set_description (self->timeline_status, NULL);
  adw_status_page_set_child (self->timeline_status, NULL);
  gtk_stack_set_visible_child_name (self->timeline_stack, any ? "list" : "empty");
}

static void
refilter (WmTimelinePage *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->shown);

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

/* Loading */

static GtkWidget *
build_entry_row (const WmTimelineEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = entry->day != WM_DAY_NONE ? wm_day_format_long (entry->day)
                                                    : g_strdup ("");
  g_autofree char *title = g_markup_escape_text (entry->title ? entry->title : "", -1);
  g_autofree char *line = entry->detail != NULL && *entry->detail != '\0'
                          ? g_strdup_printf ("%s · %s", date, entry->detail)
                          : g_strdup (date);
  g_autofree char *subtitle = g_markup_escape_text (line, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  set_record_id (row, entry->object_id);

  return row;
}

static gboolean
is_restricted (const char *kind_name)
{
  const WmRecordKind *kind = wm_record_kind_lookup (kind_name);

  return kind != NULL && (kind->flags & WM_RECORD_FLAG_RESTRICTED) != 0;
}

/* Letters whose figures a later import changed get a tag, because they
 * no longer agree with the register. */
static void
mark_stale_letters (WmTimelinePage *self,
                    GPtrArray      *objects)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stale = wm_store_list_stale_letters (self->store, self->pupil_id,
                                                            &error);

  if (stale == NULL)
    {
      g_warning ("Could not check the letters of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      wm_gui_toast_error (GTK_WIDGET (self),
                          _("Could not check whether the letters are out of date"), error);
      return;
    }

  for (guint i = 0; i < objects->len; i++)
    {
      WmTimelineObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (wm_timeline_object_get_kind (object), "letter") != 0)
        continue;

      for (guint j = 0; j < stale->len; j++)
        {
          const WmStaleLetter *letter = g_ptr_array_index (stale, j);

          if (letter->letter_id == wm_timeline_object_get_object_id (object))
            wm_timeline_object_set_out_of_date (object, letter->reason);
        }
    }
}

static void
load_entries (WmTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_restricted = 0;

  clear_list_box (self->restricted_box);
  g_clear_error (&self->timeline_error);
  entries = wm_store_list_timeline_filtered (self->store, self->pupil_id, NULL,
                                             WM_RECORD_LIST_INCLUDE_RESTRICTED, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the timeline of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      self->timeline_error = g_steal_pointer (&error);
      entries = g_ptr_array_new ();
    }

  for (guint i = 0; i < entries->len; i++)
    {
      WmTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (!is_restricted (entry->kind))
        {
          g_ptr_array_add (objects, wm_timeline_object_new (entry));
          continue;
        }

      gtk_list_box_append (self->restricted_box, build_entry_row (entry));
      n_restricted++;
    }

  mark_stale_letters (self, objects);
  g_list_store_splice (self->timeline, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       objects->pdata, objects->len);
  gtk_widget_set_visible (GTK_WIDGET (self->restricted_group), n_restricted > 0);
  update_stack (self);
}

static GtkWidget *
build_draft_row (WmRecord *draft)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = draft->day != WM_DAY_NONE ? wm_day_format_long (draft->day)
                                                    : g_strdup (_("No date yet"));
  g_autofree char *subtitle = g_markup_escape_text (date, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 g_dgettext (GETTEXT_PACKAGE, draft->kind->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  set_record_id (row, draft->id);

  return row;
}

/* Drafts survive a crash because they are in the database; reopening the
 * case lists them here to carry on with. */
/* A failed read shows its error in the drafts' place, because an
 * officer who finds no draft would start the write-up again. */
static void
show_drafts_error (WmTimelinePage *self,
                   const char     *what,
                   const GError   *error)
{
  gtk_list_box_append (self->drafts_box,
                       wm_gui_error_row_new (what, error, G_CALLBACK (try_again), self));
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), TRUE);
}

static void
load_drafts (WmTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  if (self->case_id != 0)
    drafts = wm_record_list_drafts (self->store, self->case_id,
                                    WM_RECORD_LIST_INCLUDE_RESTRICTED, &error);
  if (drafts == NULL && error != NULL)
    {
      g_warning ("Could not read the drafts of case %" G_GINT64_FORMAT ": %s",
                 self->case_id, error->message);
      show_drafts_error (self, _("Could not read the drafts"), error);
      return;
    }

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    gtk_list_box_append (self->drafts_box, build_draft_row (g_ptr_array_index (drafts, i)));

  /* The group also shows when the case could not be looked for. */
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->drafts_box)) != NULL);
}

static void
find_case (WmTimelinePage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list_box (self->drafts_box);
  self->case_id = wm_case_find_open (self->store, self->pupil_id, &error);
  if (error != NULL)
    {
      g_warning ("Could not look for the case of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      show_drafts_error (self, _("Could not find the pupil's open case"), error);
    }

  /* Records belong to a case, so there is nothing to add them to until
   * one is open. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.add-record", self->case_id != 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               self->case_id != 0 ? _("Write up a visit, contact or other record")
                                                  : _("Open a case to add records"));
}

/* Writes */

typedef struct
{
  WmTimelinePage   *page;
  WmRecordSaveMode  mode;
} Write;

static void on_write_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
start_write (WmTimelinePage   *self,
             WmRecordSaveMode  mode,
             gint64            record_id)
{
  g_autofree char *author = wm_author_name_for (GTK_WIDGET (self));
  Write *write = g_new0 (Write, 1);

  write->page = g_object_ref (self);
  write->mode = mode;
  self->n_writes++;
  wm_record_saver_run_async (wm_store_get_path (self->store), mode, 0, record_id, NULL, NULL,
                             NULL, author, on_write_done, write);
}

static void
undo_clicked (AdwToast       *toast,
              WmTimelinePage *self)
{
  gint64 record_id = get_record_id (toast);

  start_write (self, WM_RECORD_SAVE_RESTORE, record_id);
}

/* Ctrl+Z (win.undo) undoes the deletion only while its toast is up, so
 * the page lets go of the toast once it is dismissed. */
static void
on_undo_toast_dismissed (AdwToast       *toast,
                         WmTimelinePage *self)
{
  if (self->undo_toast == toast)
    g_clear_object (&self->undo_toast);
}

/* Deleting is undone from the toast rather than confirmed beforehand. */
static void
show_undo_toast (WmTimelinePage *self,
                 gint64          record_id)
{
  AdwToast *toast = adw_toast_new (_("Record deleted"));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  set_record_id (toast, record_id);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
  g_set_object (&self->undo_toast, toast);
  show_toast (self, toast);
}

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(WmTimelinePage) self = write->page;
  g_autoptr(GError) error = NULL;
  WmRecordSaveMode mode = write->mode;
  gint64 record_id = 0;

  WM_ASSERT_MAIN_THREAD ();
  g_free (write);
  self->n_writes--;

  if (!wm_record_saver_run_finish (result, &record_id, &error))
    {
      g_debug ("Deleting or restoring record %" G_GINT64_FORMAT " failed: %s",
               record_id, error->message);
      if (self->store != NULL)
        show_message (self, error->message);
      return;
    }

  if (self->store == NULL)
    return;

  wm_timeline_page_reload (self);
  if (mode == WM_RECORD_SAVE_DELETE)
    show_undo_toast (self, record_id);
}

/* Editors and viewers */

static void
on_editor_done (WmTimelinePage *self)
{
  if (self->store != NULL)
    wm_timeline_page_reload (self);
}

typedef struct
{
  WmTimelinePage *page;
  WmRecordEditor *editor;
} ClosedEditor;

static void
closed_editor_free (ClosedEditor *closed)
{
  g_object_unref (closed->page);
  g_object_unref (closed->editor);
  g_free (closed);
}

static gboolean
check_closed_editor (gpointer user_data)
{
  ClosedEditor *closed = user_data;

  if (wm_record_editor_is_saving (closed->editor))
    return G_SOURCE_CONTINUE;

  on_editor_done (closed->page);
  return G_SOURCE_REMOVE;
}

/* An editor closed with unsaved text saves its draft after it has gone,
 * so the drafts are read again once that save has finished. */
static void
on_editor_destroy (WmRecordEditor *editor,
                   WmTimelinePage *self)
{
  ClosedEditor *closed;

  on_editor_done (self);
  if (!wm_record_editor_is_saving (editor))
    return;

  closed = g_new0 (ClosedEditor, 1);
  closed->page = g_object_ref (self);
  closed->editor = g_object_ref (editor);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, check_closed_editor, closed,
                      (GDestroyNotify) closed_editor_free);
}

static WmRecordEditor *
present_editor (WmTimelinePage     *self,
                const WmRecordKind *kind,
                const WmRecord     *record,
                const char         *reason)
{
  g_autofree char *author = wm_officer_name_for (GTK_WIDGET (self));
  gint64 case_id = record != NULL ? record->case_id : self->case_id;
  WmRecordEditor *editor = wm_record_editor_new (wm_store_get_path (self->store), case_id,
                                                 kind, record, reason, author);

  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_done), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
on_amend (WmRecordViewer *viewer,
          const char     *reason,
          WmTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) record = wm_record_get (self->store, wm_record_viewer_get_record_id (viewer),
                                              &error);

  if (record == NULL)
    {
      show_message (self, error->message);
      return;
    }

  present_editor (self, record->kind, record, reason);
}

static void
on_delete (WmRecordViewer *viewer,
           WmTimelinePage *self)
{
  start_write (self, WM_RECORD_SAVE_DELETE, wm_record_viewer_get_record_id (viewer));
}

static void
on_send_letters (WmRecordViewer *viewer,
                 const char     *officer_phone,
                 WmTimelinePage *self)
{
  wm_letters_action_send (self, wm_store_get_path (self->store),
                          wm_record_viewer_get_record_id (viewer), officer_phone,
                          wm_record_viewer_get_school_phone (viewer));
}

static void
resume_draft (WmTimelinePage *self,
              gint64          record_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) draft = wm_record_get (self->store, record_id, &error);

  if (draft == NULL)
    {
      show_message (self, error->message);
      return;
    }

  present_editor (self, draft->kind, draft, NULL);
}

/* Callbacks */

static void
on_timeline_activate (WmTimelinePage *self,
                      guint           position)
{
  g_autoptr(WmTimelineObject) entry = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (entry != NULL && wm_record_kind_lookup (wm_timeline_object_get_kind (entry)) != NULL)
    wm_timeline_page_open_record (self, wm_timeline_object_get_object_id (entry));
}

static void
on_restricted_activated (WmTimelinePage *self,
                         GtkListBoxRow  *row)
{
  wm_timeline_page_open_record (self, get_record_id (row));
}

static void
on_draft_activated (WmTimelinePage *self,
                    GtkListBoxRow  *row)
{
  resume_draft (self, get_record_id (row));
}

static void
add_record_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  wm_timeline_page_add_record (WM_TIMELINE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* Overrides */

static void
wm_timeline_page_dispose (GObject *object)
{
  WmTimelinePage *self = WM_TIMELINE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_TIMELINE_PAGE);

  g_clear_object (&self->undo_toast);
  g_clear_error (&self->timeline_error);
  g_clear_object (&self->shown);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter_kinds, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_timeline_page_parent_class)->dispose (object);
}

static void
wm_timeline_page_class_init (WmTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_timeline_page_dispose;

  /**
   * WmTimelinePage::changed:
   *
   * The page was read again after a record was added, amended, deleted
   * or restored.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  /* The row template looks the type up by name. */
  g_type_ensure (WM_TYPE_TIMELINE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, restricted_group);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, WmTimelinePage, timeline_status);

  gtk_widget_class_install_action (widget_class, "timeline.add-record", "s",
                                   add_record_activated);
}

static GtkListBox *
add_boxed_list (AdwPreferencesGroup *group,
                const char          *name)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  adw_preferences_group_add (group, box);
  return GTK_LIST_BOX (box);
}

static void
wm_timeline_page_init (WmTimelinePage *self)
{
  g_autoptr(GMenuModel) menu = build_add_menu ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkCustomFilter *filter;

  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_menu_model (self->add_button, menu);
  build_kind_filter (self);
  self->restricted_box = add_boxed_list (self->restricted_group,
                                         _("Restricted safeguarding records"));
  self->drafts_box = add_boxed_list (self->drafts_group, _("Drafts to resume"));

  self->timeline = g_list_store_new (WM_TYPE_TIMELINE_OBJECT);
  filter = gtk_custom_filter_new (entry_shown, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->timeline)),
                                           GTK_FILTER (filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->timeline_view, "activate",
                            G_CALLBACK (on_timeline_activate), self);
  g_signal_connect_swapped (self->restricted_box, "row-activated",
                            G_CALLBACK (on_restricted_activated), self);
  g_signal_connect_swapped (self->drafts_box, "row-activated",
                            G_CALLBACK (on_draft_activated), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.add-record", FALSE);
}

/* Public API */

/**
 * wm_timeline_page_set_pupil:
 * @store: the window's store, read on the main thread
 * @pupil_id: the pupil
 *
 * Shows the pupil's Timeline, drafts and restricted records.
 */
void
wm_timeline_page_set_pupil (WmTimelinePage *self,
                            WmStore        *store,
                            gint64          pupil_id)
{
  g_return_if_fail (WM_IS_TIMELINE_PAGE (self));
  g_return_if_fail (WM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->pupil_id = pupil_id;
  wm_timeline_page_reload (self);
}

/**
 * wm_timeline_page_reload:
 *
 * Reads the pupil's case, Timeline and drafts again, after a record or
 * the case changed.
 */
void
wm_timeline_page_reload (WmTimelinePage *self)
{
  g_return_if_fail (WM_IS_TIMELINE_PAGE (self));
  g_return_if_fail (self->store != NULL);

  WM_ASSERT_MAIN_THREAD ();

  find_case (self);
  load_entries (self);
  load_drafts (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * wm_timeline_page_get_case_id:
 *
 * Returns: the open case that new records go in, 0 when none is open
 *   (then "Add Record" is disabled)
 */
gint64
wm_timeline_page_get_case_id (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), 0);

  return self->case_id;
}

/**
 * wm_timeline_page_get_model:
 *
 * Returns: (transfer none): every unrestricted #WmTimelineObject, newest
 *   first, whatever the filter
 */
GListModel *
wm_timeline_page_get_model (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return G_LIST_MODEL (self->timeline);
}

/**
 * wm_timeline_page_get_shown:
 *
 * Returns: (transfer none): the entries the filter and search leave
 */
GListModel *
wm_timeline_page_get_shown (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return G_LIST_MODEL (self->shown);
}

GtkDropDown *
wm_timeline_page_get_kind_dropdown (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return self->kind_dropdown;
}

GtkEditable *
wm_timeline_page_get_search_entry (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkMenuButton *
wm_timeline_page_get_add_button (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return self->add_button;
}

/**
 * wm_timeline_page_get_restricted:
 *
 * Returns: (transfer none): the rows of the restricted section
 */
GtkListBox *
wm_timeline_page_get_restricted (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return self->restricted_box;
}

/**
 * wm_timeline_page_get_drafts:
 *
 * Returns: (transfer none): the rows of the drafts to resume
 */
GtkListBox *
wm_timeline_page_get_drafts (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return self->drafts_box;
}

/**
 * wm_timeline_page_add_record:
 * @kind: a record kind's name, such as "home-visit"
 *
 * Opens an editor for a new record of @kind in the open case, as the
 * "Add Record" menu does.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL when no case
 *   is open
 */
WmRecordEditor *
wm_timeline_page_add_record (WmTimelinePage *self,
                             const char     *kind)
{
  const WmRecordKind *spec = wm_record_kind_lookup (kind);

  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (self->case_id == 0)
    return NULL;

  return present_editor (self, spec, NULL, NULL);
}

/**
 * wm_timeline_page_open_record:
 * @record_id: a finalised record of the pupil
 *
 * Shows the record read-only, with "Amend…" and "Delete", and for a
 * legal step written to each parent "Send Letters…".
 *
 * Returns: (transfer none) (nullable): the viewer, or %NULL when the
 *   record cannot be read (the reason is shown in a toast)
 */
WmRecordViewer *
wm_timeline_page_open_record (WmTimelinePage *self,
                              gint64          record_id)
{
  g_autoptr(GError) error = NULL;
  WmRecordViewer *viewer;

  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  viewer = wm_record_viewer_new (self->store, record_id, &error);
  if (viewer == NULL)
    {
      show_message (self, error->message);
      return NULL;
    }

  gtk_window_set_transient_for (GTK_WINDOW (viewer), parent_window (self));
  g_signal_connect_object (viewer, "amend", G_CALLBACK (on_amend), self, 0);
  g_signal_connect_object (viewer, "delete", G_CALLBACK (on_delete), self, 0);
  g_signal_connect_object (viewer, "send-letters", G_CALLBACK (on_send_letters), self, 0);
  gtk_window_present (GTK_WINDOW (viewer));

  return viewer;
}

/**
 * wm_timeline_page_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast of the last deletion
 *   while it is up, whose button restores the record
 */
AdwToast *
wm_timeline_page_get_undo_toast (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), NULL);

  return self->undo_toast;
}

/**
 * wm_timeline_page_is_busy:
 *
 * Returns: whether a deletion or restore is still being written
 */
gboolean
wm_timeline_page_is_busy (WmTimelinePage *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_PAGE (self), FALSE);

  return self->n_writes > 0;
}

/**
 * wm_author_name_for:
 * @widget: a widget in one of the application's windows
 *
 * Finds the name that signs a change to the record: the officer's name
 * from the settings, else wm_gui_dup_account_name(). Letters still need
 * the officer's own name.
 *
 * Returns: (transfer full): the author's name
 */
char *
wm_author_name_for (GtkWidget *widget)
{
  g_autofree char *officer = wm_officer_name_for (widget);

  return officer != NULL ? g_steal_pointer (&officer)
                         : wm_gui_dup_account_name ();
}

/**
 * wm_officer_name_for:
 * @widget: a widget in one of the application's windows
 *
 * Returns: (transfer full) (nullable): the officer's name from the
 *   application's settings, %NULL when it is not set
 */
char *
wm_officer_name_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root)
                                ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GSettings *settings = WM_IS_APPLICATION (application)
                        ? wm_application_get_settings (WM_APPLICATION (application)) : NULL;
  g_autofree char *name = settings ? g_settings_get_string (settings, "officer-name") : NULL;

  return name != NULL && *name != '\0' ? g_steal_pointer (&name) : NULL;
}
