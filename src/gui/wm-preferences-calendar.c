/* wm-preferences-calendar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <string.h>

#include "wm-gui.h"
#include "wm-preferences-window-private.h"
#include "wm-store-response-rules.h"
#include "wm-window-private.h"

/*
 * The School Calendar page: the term dates and closures of one school,
 * which decide the school weeks after the latest register import (a
 * Notice to Improve counted in school weeks usually ends after it).
 *
 * The officer picks the school. The page lists its terms and closures in
 * date order, and the form under the list adds or changes one: a kind, a
 * name and two dates typed as dd/mm/yyyy. The form checks what it can
 * at once (a date that does not exist, the last day before the first)
 * and names the field; the store checks the rest (overlapping terms, a
 * closure outside every term) in a worker thread with a store of its
 * own, and its message is shown under the form. After a change the
 * window's evaluator is woken, so deadlines follow the new dates.
 *
 * The entries are read on the main thread from the window's store: a
 * school has a few dozen at most.
 */

struct _WmPreferencesCalendar
{
  /* Borrowed: widgets owned by the page */
  AdwComboRow         *school_row;
  AdwPreferencesGroup *list_group;
  AdwPreferencesGroup *form_group;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *first_row;
  AdwEntryRow         *last_row;
  GtkButton           *save_button;
  GtkButton           *cancel_button;
  GtkLabel            *message;
  GtkWidget           *empty_row;

  /* Owned */
  GArray              *school_ids;   /* gint64, parallel to school_row */
  GPtrArray           *entry_rows;   /* the rows of the list, borrowed */
  GPtrArray           *entries;      /* WmSchoolTerm, parallel to entry_rows */
  gint64               school_id;
  gint64               editing_id;   /* 0 when adding */
  WmTermKind           editing_kind;
  char                *last_message;
  gboolean             loading;
};

/* Dates as typed */

/* Reads "23/02/2026" or "3/2/2026", as an officer types a date. */
static gboolean
parse_typed_day (const char *text,
                 WmDay      *out_day)
{
  g_autofree char *plain = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = g_strsplit (plain, "/", -1);
  guint64 day, month, year;

  if (g_strv_length (parts) != 3
      || strlen (parts[0]) > 2 || strlen (parts[1]) > 2
      || strlen (parts[2]) != 4
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1900, 9998, &year, NULL))
    return FALSE;

  *out_day = wm_day_from_ymd ((guint) year, (guint) month, (guint) day);
  return *out_day != WM_DAY_NONE;
}

static char *
format_typed_day (WmDay day)
{
  return g_strdup_printf ("%02u/%02u/%04u", wm_day_of_month (day),
                          wm_day_month (day), wm_day_year (day));
}

/* Messages */

static void
show_message (WmPreferencesWindow *self,
              const char          *message)
{
  WmPreferencesCalendar *cal = self->calendar;

  g_free (cal->last_message);
  cal->last_message = g_strdup (message);
  gtk_label_set_text (cal->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (cal->message), message != NULL);
}

static void
mark_field (AdwEntryRow *row,
            gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Reads a date field, or explains what is wrong with it. */
static gboolean
read_day_field (WmPreferencesWindow *self,
                AdwEntryRow         *row,
                const char          *field,
                WmDay               *out_day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;

  if (parse_typed_day (text, out_day))
    return TRUE;

  if (*text == '\0')
    /* Translators: %s is a field, "First day" or "Last day". */
    message = g_strdup_printf (_("%s is empty: type the date as dd/mm/yyyy, such as "
                                 "23/02/2026."), field);
  else
    /* Translators: %s is a field, "First day" or "Last day", then what was typed. */
    message = g_strdup_printf (_("%s: “%s” is not a date that exists. Type it as dd/mm/yyyy, "
                                 "such as 23/02/2026."), field, text);
  mark_field (row, TRUE);
  show_message (self, message);
  return FALSE;
}

/* Reads the form into @out, or shows why it cannot be saved. */
static gboolean
read_form (WmPreferencesWindow *self,
           WmSchoolTerm        *out)
{
  WmPreferencesCalendar *cal = self->calendar;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (cal->name_row))));

  mark_field (cal->name_row, FALSE);
  mark_field (cal->first_row, FALSE);
  mark_field (cal->last_row, FALSE);
  out->kind = adw_combo_row_get_selected (cal->kind_row) == 1 ? WM_TERM_KIND_CLOSURE
                                                               : WM_TERM_KIND_TERM;
  if (*name == '\0')
    {
      mark_field (cal->name_row, TRUE);
      show_message (self, out->kind == WM_TERM_KIND_CLOSURE
                          ? _("Reason is empty: type why the school is closed, such as "
                              "“Training day”.")
                          : _("Name is empty: type the term's name, such as “Spring 1”."));
      return FALSE;
    }

  if (!read_day_field (self, cal->first_row, _("First day"), &out->first_day)
      || !read_day_field (self, cal->last_row, _("Last day"), &out->last_day))
    return FALSE;

  if (out->last_day < out->first_day)
    {
      mark_field (cal->last_row, TRUE);
      show_message (self, _("Last day is before the first day: the last day must be on or "
                            "after the first."));
      return FALSE;
    }

  out->name = g_steal_pointer (&name);
  return TRUE;
}

/* The form */

static void
update_form_labels (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  gboolean closure = adw_combo_row_get_selected (cal->kind_row) == 1;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cal->name_row),
                                 closure ? _("Reason") : _("Name"));
  adw_preferences_group_set_title (cal->form_group,
                                   cal->editing_id != 0 ? _("Change an Entry")
                                                        : _("Add a Term or Closure"));
  gtk_button_set_label (cal->save_button, cal->editing_id != 0 ? _("_Save Changes")
                                                               : _("_Add"));
  gtk_widget_set_visible (GTK_WIDGET (cal->cancel_button), cal->editing_id != 0);
}

static void
clear_form (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;

  cal->editing_id = 0;
  gtk_editable_set_text (GTK_EDITABLE (cal->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (cal->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (cal->last_row), "");
  gtk_widget_set_sensitive (GTK_WIDGET (cal->kind_row), TRUE);
  update_form_labels (self);
}

static void
edit_entry (WmPreferencesWindow *self,
            const WmSchoolTerm  *term)
{
  WmPreferencesCalendar *cal = self->calendar;
  g_autofree char *first = format_typed_day (term->first_day);
  g_autofree char *last = format_typed_day (term->last_day);

  cal->editing_id = term->id;
  cal->editing_kind = term->kind;
  adw_combo_row_set_selected (cal->kind_row, term->kind == WM_TERM_KIND_CLOSURE);
  gtk_widget_set_sensitive (GTK_WIDGET (cal->kind_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (cal->name_row), term->name);
  gtk_editable_set_text (GTK_EDITABLE (cal->first_row), first);
  gtk_editable_set_text (GTK_EDITABLE (cal->last_row), last);
  show_message (self, NULL);
  update_form_labels (self);
  gtk_widget_grab_focus (GTK_WIDGET (cal->name_row));
}

/* Saving */

typedef enum
{
  JOB_ADD,
  JOB_CHANGE,
  JOB_REMOVE,
} JobKind;

typedef struct
{
  char         *database_path;
  gint64        school_id;
  JobKind       kind;
  WmSchoolTerm  term;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->database_path);
  g_free (job->term.name);
  g_free (job);
}

/* Each change is one transaction of the store, audited and with the
 * school's pupils marked for evaluation in it. */
static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  store = wm_store_open (job->database_path, &error);
  if (store != NULL && job->kind == JOB_ADD)
    ok = wm_store_add_term (store, job->school_id, &job->term, &error) > 0;
  else if (store != NULL && job->kind == JOB_CHANGE)
    ok = wm_store_change_term (store, job->school_id, &job->term, &error);
  else if (store != NULL)
    ok = wm_store_remove_term (store, job->school_id, job->term.kind, job->term.id, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  WmPreferencesWindow *self;
  SaveJob *job;

  WM_ASSERT_MAIN_THREAD ();

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = WM_PREFERENCES_WINDOW (g_task_get_source_object (G_TASK (result)));
  job = g_task_get_task_data (G_TASK (result));
  self->n_saving--;
  if (self->calendar == NULL)
    return;

  if (error != NULL)
    {
      g_debug ("Saving term dates of school %" G_GINT64_FORMAT " failed: %s", job->school_id,
               error->message);
      show_message (self, error->message);
      return;
    }

  if (job->kind != JOB_REMOVE)
    clear_form (self);
  show_message (self, NULL);
  _wm_preferences_calendar_load (self);
  if (self->window != NULL)
    _wm_window_wake_evaluator (self->window);
}

static void
start_save (WmPreferencesWindow *self,
            JobKind              kind,
            WmSchoolTerm        *term)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->database_path = g_strdup (self->database_path);
  job->school_id = self->calendar->school_id;
  job->kind = kind;
  job->term = *term;
  job->term.name = g_strdup (term->name);

  self->n_saving++;
  task = g_task_new (self, self->cancellable, on_save_done, NULL);
  g_task_set_source_tag (task, start_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

static void
on_save_clicked (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  WmSchoolTerm term = { 0 };

  if (cal->school_id == 0 || !read_form (self, &term))
    return;

  show_message (self, NULL);
  term.id = cal->editing_id;
  if (cal->editing_id != 0)
    term.kind = cal->editing_kind;
  start_save (self, cal->editing_id != 0 ? JOB_CHANGE : JOB_ADD, &term);
  g_free (term.name);
}

static void
on_cancel_clicked (WmPreferencesWindow *self)
{
  clear_form (self);
  show_message (self, NULL);
}

/* The list */

static void
on_change_clicked (GtkButton           *button,
                   WmPreferencesWindow *self)
{
  const WmSchoolTerm *term = g_object_get_data (G_OBJECT (button), "term");

  edit_entry (self, term);
}

static void
on_remove_clicked (GtkButton           *button,
                   WmPreferencesWindow *self)
{
  WmSchoolTerm *term = g_object_get_data (G_OBJECT (button), "term");

  show_message (self, NULL);
  start_save (self, JOB_REMOVE, term);
}

static GtkWidget *
new_row_button (WmPreferencesWindow *self,
                const char          *icon,
                const char          *tooltip,
                WmSchoolTerm        *term,
                GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_object_set_data (G_OBJECT (button), "term", term);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
new_entry_row (WmPreferencesWindow *self,
               WmSchoolTerm        *term)
{
  g_autofree char *range = wm_day_range_format (term->first_day, term->last_day);
  g_autofree char *subtitle = NULL;
  g_autofree char *change = NULL;
  g_autofree char *remove = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: the kind of a calendar entry and its days, "Term, 5 January to
   * 13 February 2026". */
  subtitle = g_strdup_printf (term->kind == WM_TERM_KIND_CLOSURE ? _("Closure, %s")
                                                                 : _("Term, %s"), range);
  /* Translators: %s is a term's name or a closure's reason. */
  change = g_strdup_printf (_("Change “%s”"), term->name);
  /* Translators: %s is a term's name or a closure's reason. */
  remove = g_strdup_printf (_("Remove “%s”"), term->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), term->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (term->kind == WM_TERM_KIND_CLOSURE)
    gtk_widget_set_margin_start (row, 24);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "document-edit-symbolic", change, term,
                                             G_CALLBACK (on_change_clicked)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_row_button (self, "user-trash-symbolic", remove, term,
                                             G_CALLBACK (on_remove_clicked)));
  return row;
}

static void
clear_list (WmPreferencesCalendar *cal)
{
  for (guint i = 0; i < cal->entry_rows->len; i++)
    adw_preferences_group_remove (cal->list_group, g_ptr_array_index (cal->entry_rows, i));

  g_ptr_array_set_size (cal->entry_rows, 0);
  g_clear_pointer (&cal->entries, g_ptr_array_unref);
}

/* Reads the chosen school's entries and lists them. */
void
_wm_preferences_calendar_load (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  WmStore *store = self->window != NULL ? self->window->store : NULL;
  g_autoptr(GError) error = NULL;

  clear_list (cal);
  if (store == NULL || cal->school_id == 0)
    {
      gtk_widget_set_visible (cal->empty_row, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (cal->form_group), FALSE);
      return;
    }

  cal->entries = wm_store_list_terms (store, cal->school_id, &error);
  if (cal->entries == NULL)
    {
      show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < cal->entries->len; i++)
    {
      GtkWidget *row = new_entry_row (self, g_ptr_array_index (cal->entries, i));

      g_ptr_array_add (cal->entry_rows, row);
      adw_preferences_group_add (cal->list_group, row);
    }

  gtk_widget_set_visible (cal->empty_row, cal->entries->len == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (cal->form_group), TRUE);
}

/* Building the page */

static void
fill_schools (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  WmStore *store = self->window != NULL ? self->window->store : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) schools = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    schools = wm_store_list_schools (store, &error);
  for (guint i = 0; schools != NULL && i < schools->len; i++)
    {
      WmSchoolInfo *info = g_ptr_array_index (schools, i);
      g_autofree char *label = NULL;

      /* Translators: a school, its name and establishment number: "Hill School (4001)". */
      label = g_strdup_printf (_("%s (%s)"), info->name ? info->name : "", info->estab);
      gtk_string_list_append (names, label);
      g_array_append_val (cal->school_ids, info->id);
    }

  if (error != NULL)
    {
      g_warning ("Could not list the schools: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (cal->school_row), _("Could not list the schools"), error);
    }

  cal->loading = TRUE;
  adw_combo_row_set_model (cal->school_row, G_LIST_MODEL (names));
  cal->loading = FALSE;
  cal->school_id = cal->school_ids->len > 0 ? g_array_index (cal->school_ids, gint64, 0) : 0;
}

static void
on_school_selected (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  guint selected = adw_combo_row_get_selected (cal->school_row);

  if (cal->loading || selected >= cal->school_ids->len)
    return;

  cal->school_id = g_array_index (cal->school_ids, gint64, selected);
  clear_form (self);
  show_message (self, NULL);
  _wm_preferences_calendar_load (self);
}

static AdwEntryRow *
new_form_entry (AdwPreferencesGroup *group,
                const char          *title,
                const char          *tooltip)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
build_buttons (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  cal->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  cal->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_add_css_class (GTK_WIDGET (cal->save_button), "suggested-action");
  g_signal_connect_object (cal->save_button, "clicked", G_CALLBACK (on_save_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cal->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cal->cancel_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cal->save_button));
  return box;
}

static void
build_form (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  const char *kinds[] = { _("Term"), _("Closure"), NULL };
  const char *date_tip = _("Type the date as dd/mm/yyyy, such as 23/02/2026");

  cal->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  cal->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cal->kind_row), _("Kind"));
  adw_combo_row_set_model (cal->kind_row, G_LIST_MODEL (gtk_string_list_new (kinds)));
  g_signal_connect_object (cal->kind_row, "notify::selected",
                           G_CALLBACK (update_form_labels), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (cal->form_group, GTK_WIDGET (cal->kind_row));

  cal->name_row = new_form_entry (cal->form_group, _("Name"), NULL);
  cal->first_row = new_form_entry (cal->form_group, _("First day (dd/mm/yyyy)"), date_tip);
  cal->last_row = new_form_entry (cal->form_group, _("Last day (dd/mm/yyyy)"), date_tip);

  /* Enter in any field saves, as the button does. */
  g_signal_connect_object (cal->name_row, "entry-activated", G_CALLBACK (on_save_clicked),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cal->first_row, "entry-activated", G_CALLBACK (on_save_clicked),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cal->last_row, "entry-activated", G_CALLBACK (on_save_clicked),
                           self, G_CONNECT_SWAPPED);

  cal->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (cal->message, TRUE);
  gtk_label_set_xalign (cal->message, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (cal->message), 12);
  gtk_widget_add_css_class (GTK_WIDGET (cal->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (cal->message), FALSE);
  adw_preferences_group_add (cal->form_group, GTK_WIDGET (cal->message));
  adw_preferences_group_add (cal->form_group, build_buttons (self));
  update_form_labels (self);
}

static void
build_page (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;
  AdwPreferencesGroup *school_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_description (school_group,
    _("The days each school opens after the latest register import. A Notice to Improve "
      "counted in school weeks skips the holidays and closures entered here; without "
      "them, Waymark assumes the usual pattern and says so. Every change is recorded in "
      "the audit log."));
  cal->school_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cal->school_row), _("School"));
  adw_preferences_group_add (school_group, GTK_WIDGET (cal->school_row));
  adw_preferences_page_add (self->calendar_page, school_group);

  cal->list_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (cal->list_group, _("Terms and Closures"));
  cal->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cal->empty_row),
                                 _("No term dates entered"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (cal->empty_row),
                               _("Add the school's terms below, or import a terms file"));
  adw_preferences_group_add (cal->list_group, cal->empty_row);
  adw_preferences_page_add (self->calendar_page, cal->list_group);

  build_form (self);
  adw_preferences_page_add (self->calendar_page, cal->form_group);
}

void
_wm_preferences_calendar_init (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = g_new0 (WmPreferencesCalendar, 1);

  cal->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cal->entry_rows = g_ptr_array_new ();
  self->calendar = cal;

  build_page (self);
  fill_schools (self);
  g_signal_connect_object (cal->school_row, "notify::selected",
                           G_CALLBACK (on_school_selected), self, G_CONNECT_SWAPPED);
  _wm_preferences_calendar_load (self);
}

void
_wm_preferences_calendar_dispose (WmPreferencesWindow *self)
{
  WmPreferencesCalendar *cal = self->calendar;

  if (cal == NULL)
    return;

  g_clear_pointer (&cal->school_ids, g_array_unref);
  g_clear_pointer (&cal->entry_rows, g_ptr_array_unref);
  g_clear_pointer (&cal->entries, g_ptr_array_unref);
  g_clear_pointer (&cal->last_message, g_free);
  g_clear_pointer (&self->calendar, g_free);
}

/* Public API */

/**
 * wm_preferences_window_select_calendar_school:
 * @school_id: a school's id
 *
 * Shows the term dates of one school on the School Calendar page.
 */
void
wm_preferences_window_select_calendar_school (WmPreferencesWindow *self,
                                              gint64               school_id)
{
  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < self->calendar->school_ids->len; i++)
    if (g_array_index (self->calendar->school_ids, gint64, i) == school_id)
      adw_combo_row_set_selected (self->calendar->school_row, i);
}

/**
 * wm_preferences_window_get_calendar_field:
 * @field: "kind", "name", "first-day" or "last-day"
 *
 * Returns: (transfer none) (nullable): the form's row for @field on the
 *   School Calendar page: an #AdwComboRow for "kind", an #AdwEntryRow
 *   otherwise
 */
GtkWidget *
wm_preferences_window_get_calendar_field (WmPreferencesWindow *self,
                                          const char          *field)
{
  WmPreferencesCalendar *cal;

  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  cal = self->calendar;
  if (g_strcmp0 (field, "kind") == 0)
    return GTK_WIDGET (cal->kind_row);
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (cal->name_row);
  if (g_strcmp0 (field, "first-day") == 0)
    return GTK_WIDGET (cal->first_row);
  if (g_strcmp0 (field, "last-day") == 0)
    return GTK_WIDGET (cal->last_row);

  return NULL;
}

/**
 * wm_preferences_window_get_calendar_message:
 *
 * Returns: (nullable): why the last entry on the School Calendar page was
 *   refused, as shown under the form, or %NULL
 */
const char *
wm_preferences_window_get_calendar_message (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->calendar->last_message;
}

/**
 * wm_preferences_window_get_calendar_n_rows:
 *
 * Returns: how many terms and closures the School Calendar page lists
 */
guint
wm_preferences_window_get_calendar_n_rows (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), 0);

  return self->calendar->entry_rows->len;
}
