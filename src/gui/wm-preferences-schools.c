/* wm-preferences-schools.c
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
 * The Schools page: what the letters print about each school (its postal
 * address, telephone and email) and who signs its letters. The officer
 * picks the school and edits the form; Save checks the telephone and the
 * email at once, naming the field and keeping what was typed, and writes
 * the details in a worker thread with a store of its own. The store
 * audits each change with the names of the fields changed.
 *
 * The address is typed on one line with commas between its lines, and
 * stored with a line per part, as the letterhead prints it.
 */

/* The form's fields, in the order of WmSchoolDetails. */
typedef enum
{
  FIELD_ADDRESS,
  FIELD_PHONE,
  FIELD_EMAIL,
  FIELD_SIGNATORY_NAME,
  FIELD_SIGNATORY_ROLE,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = {
  "address", "phone", "email", "signatory-name", "signatory-role",
};

struct _WmPreferencesSchools
{
  /* Borrowed: widgets owned by the window */
  AdwPreferencesPage  *page;
  AdwComboRow         *school_row;
  AdwPreferencesGroup *form_group;
  AdwEntryRow         *rows[N_FIELDS];
  GtkButton           *save_button;
  GtkLabel            *message;

  /* Owned */
  GArray              *school_ids;   /* gint64, parallel to school_row */
  gint64               school_id;
  char                *last_message;
  gboolean             loading;
};

/* Messages */

static void
show_message (WmPreferencesWindow *self,
              const char          *message)
{
  WmPreferencesSchools *schools = self->schools;

  g_free (schools->last_message);
  schools->last_message = g_strdup (message);
  gtk_label_set_text (schools->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (schools->message), message != NULL);
}

static void
mark_field (WmPreferencesSchools *schools,
            Field                 field,
            gboolean              wrong)
{
  GtkWidget *row = GTK_WIDGET (schools->rows[field]);

  if (wrong)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Address lines: typed with commas, stored with newlines */

static char *
address_to_stored (const char *typed)
{
  g_auto(GStrv) parts = g_strsplit (typed, ",", -1);
  g_autoptr(GString) stored = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_string_append_printf (stored, "%s%s", stored->len > 0 ? "\n" : "", parts[i]);
    }

  return g_string_free (g_steal_pointer (&stored), FALSE);
}

static char *
address_to_typed (const char *stored)
{
  g_auto(GStrv) lines = g_strsplit (stored != NULL ? stored : "", "\n", -1);

  return g_strjoinv (", ", lines);
}

/* The form */

static void
read_form (WmPreferencesSchools *schools,
           WmSchoolDetails      *out)
{
  char **slots[N_FIELDS] = {
    &out->address, &out->phone, &out->email, &out->signatory_name, &out->signatory_role,
  };

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (schools->rows[i]));

      *slots[i] = i == FIELD_ADDRESS ? address_to_stored (text) : g_strdup (text);
    }
}

static void
fill_form (WmPreferencesSchools  *schools,
           const WmSchoolDetails *details)
{
  const char *values[N_FIELDS] = {
    NULL, details->phone, details->email, details->signatory_name, details->signatory_role,
  };
  g_autofree char *address = address_to_typed (details->address);

  values[FIELD_ADDRESS] = address;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (schools->rows[i]),
                             values[i] != NULL ? values[i] : "");
      mark_field (schools, i, FALSE);
    }
}

/* Checks one field alone, so that the field at fault is the one marked;
 * the message is the store's, which names the field. */
static gboolean
check_field (WmPreferencesWindow   *self,
             const WmSchoolDetails *details,
             Field                  field)
{
  g_autoptr(GError) error = NULL;
  WmSchoolDetails one = { 0 };

  if (field == FIELD_PHONE)
    one.phone = details->phone;
  else
    one.email = details->email;

  mark_field (self->schools, field, FALSE);
  if (wm_school_details_validate (&one, &error))
    return TRUE;

  mark_field (self->schools, field, TRUE);
  show_message (self, error->message);
  return FALSE;
}

/* Saving, in a worker */

typedef struct
{
  char            *database_path;
  gint64           school_id;
  WmSchoolDetails  details;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->database_path);
  wm_school_details_clear (&job->details);
  g_free (job);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store == NULL
      || !wm_store_set_school_details (store, job->school_id, &job->details, &error))
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
  if (self->schools == NULL)
    return;

  if (error != NULL)
    {
      g_debug ("Saving the details of school %" G_GINT64_FORMAT " failed: %s",
               job->school_id, error->message);
      show_message (self, error->message);
      return;
    }

  show_message (self, NULL);
}

static void
on_save_clicked (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  if (schools->school_id == 0)
    return;

  job = g_new0 (SaveJob, 1);
  read_form (schools, &job->details);
  if (!check_field (self, &job->details, FIELD_PHONE)
      || !check_field (self, &job->details, FIELD_EMAIL))
    {
      save_job_free (job);
      return;
    }

  show_message (self, NULL);
  job->database_path = g_strdup (self->database_path);
  job->school_id = schools->school_id;
  self->n_saving++;
  task = g_task_new (self, self->cancellable, on_save_done, NULL);
  g_task_set_source_tag (task, on_save_clicked);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

/* Loading */

/* Reads the chosen school's details into the form, from the window's
 * store on the main thread: one row. */
static void
load_school (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  WmStore *store = self->window != NULL ? self->window->store : NULL;
  g_auto(WmSchoolDetails) details = { 0 };
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (schools->form_group), schools->school_id != 0);
  if (store == NULL || schools->school_id == 0)
    return;

  if (!wm_store_get_school_details (store, schools->school_id, &details, &error))
    {
      show_message (self, error->message);
      return;
    }

  fill_form (schools, &details);
}

static void
fill_schools (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  WmStore *store = self->window != NULL ? self->window->store : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    list = wm_store_list_schools (store, &error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      WmSchoolInfo *info = g_ptr_array_index (list, i);
      g_autofree char *label = NULL;

      /* Translators: a school, its name and establishment number: "Hill School (4001)". */
      label = g_strdup_printf (_("%s (%s)"), info->name ? info->name : "", info->estab);
      gtk_string_list_append (names, label);
      g_array_append_val (schools->school_ids, info->id);
    }

  if (error != NULL)
    {
      g_warning ("Could not list the schools: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (schools->school_row), _("Could not list the schools"), error);
    }

  schools->loading = TRUE;
  adw_combo_row_set_model (schools->school_row, G_LIST_MODEL (names));
  schools->loading = FALSE;
  schools->school_id = schools->school_ids->len > 0
                       ? g_array_index (schools->school_ids, gint64, 0) : 0;
}

static void
on_school_selected (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  guint selected = adw_combo_row_get_selected (schools->school_row);

  if (schools->loading || selected >= schools->school_ids->len)
    return;

  schools->school_id = g_array_index (schools->school_ids, gint64, selected);
  show_message (self, NULL);
  load_school (self);
}

/* Building the page */

static AdwEntryRow *
new_form_entry (WmPreferencesWindow *self,
                const char          *title,
                GtkInputPurpose      purpose)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), purpose);
  adw_preferences_group_add (self->schools->form_group, row);

  /* Enter in any field saves, as the button does. */
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_save_clicked), self,
                           G_CONNECT_SWAPPED);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
build_buttons (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  schools->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (schools->save_button), "suggested-action");
  g_signal_connect_object (schools->save_button, "clicked", G_CALLBACK (on_save_clicked),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (schools->save_button));
  return box;
}

static void
build_form (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  AdwEntryRow **rows = schools->rows;

  schools->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (schools->form_group, _("Letterhead and Signatory"));
  rows[FIELD_ADDRESS] = new_form_entry (self, _("Address (lines separated by commas)"),
                                        GTK_INPUT_PURPOSE_FREE_FORM);
  /* Translators: the school's telephone number, printed on calling cards. */
  rows[FIELD_PHONE] = new_form_entry (self, _("School telephone"), GTK_INPUT_PURPOSE_PHONE);
  rows[FIELD_EMAIL] = new_form_entry (self, _("Email"), GTK_INPUT_PURPOSE_EMAIL);
  rows[FIELD_SIGNATORY_NAME] = new_form_entry (self, _("Signatory's name"),
                                               GTK_INPUT_PURPOSE_NAME);
  rows[FIELD_SIGNATORY_ROLE] = new_form_entry (self, _("Signatory's role"),
                                               GTK_INPUT_PURPOSE_FREE_FORM);

  schools->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (schools->message, TRUE);
  gtk_label_set_xalign (schools->message, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (schools->message), 12);
  gtk_widget_add_css_class (GTK_WIDGET (schools->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (schools->message), FALSE);
  adw_preferences_group_add (schools->form_group, GTK_WIDGET (schools->message));
  adw_preferences_group_add (schools->form_group, build_buttons (self));
}

static void
build_page (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;
  AdwPreferencesGroup *school_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  schools->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_name (GTK_WIDGET (schools->page), "schools");
  adw_preferences_page_set_name (schools->page, "schools");
  /* Translators: a page of the preferences with each school's address and signatory. */
  adw_preferences_page_set_title (schools->page, _("Schools"));
  adw_preferences_page_set_icon_name (schools->page, "mail-send-symbolic");

  adw_preferences_group_set_description (school_group,
    _("What the letters print about each school: the address in the letterhead, the "
      "telephone on calling cards, and who signs. Without a signatory, letters are signed "
      "with your name and role. Every change is recorded in the audit log."));
  schools->school_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (schools->school_row), _("School"));
  adw_preferences_group_add (school_group, GTK_WIDGET (schools->school_row));
  adw_preferences_page_add (schools->page, school_group);

  build_form (self);
  adw_preferences_page_add (schools->page, schools->form_group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), schools->page);
}

void
_wm_preferences_schools_init (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = g_new0 (WmPreferencesSchools, 1);

  schools->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->schools = schools;

  build_page (self);
  fill_schools (self);
  g_signal_connect_object (schools->school_row, "notify::selected",
                           G_CALLBACK (on_school_selected), self, G_CONNECT_SWAPPED);
  load_school (self);
}

void
_wm_preferences_schools_dispose (WmPreferencesWindow *self)
{
  WmPreferencesSchools *schools = self->schools;

  if (schools == NULL)
    return;

  g_clear_pointer (&schools->school_ids, g_array_unref);
  g_clear_pointer (&schools->last_message, g_free);
  g_clear_pointer (&self->schools, g_free);
}

/* Public API */

/**
 * wm_preferences_window_select_schools_school:
 * @school_id: a school's id
 *
 * Shows the details of one school on the Schools page.
 */
void
wm_preferences_window_select_schools_school (WmPreferencesWindow *self,
                                             gint64               school_id)
{
  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < self->schools->school_ids->len; i++)
    if (g_array_index (self->schools->school_ids, gint64, i) == school_id)
      adw_combo_row_set_selected (self->schools->school_row, i);
}

/**
 * wm_preferences_window_get_schools_field:
 * @field: "address", "phone", "email", "signatory-name" or
 *   "signatory-role"
 *
 * Returns: (transfer none) (nullable): the #AdwEntryRow of @field on the
 *   Schools page
 */
GtkWidget *
wm_preferences_window_get_schools_field (WmPreferencesWindow *self,
                                         const char          *field)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field, field_names[i]) == 0)
      return GTK_WIDGET (self->schools->rows[i]);

  return NULL;
}

/**
 * wm_preferences_window_get_schools_message:
 *
 * Returns: (nullable): why the last save on the Schools page was refused,
 *   as shown under the form, or %NULL
 */
const char *
wm_preferences_window_get_schools_message (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->schools->last_message;
}
