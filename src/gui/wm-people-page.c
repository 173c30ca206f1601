/* wm-people-page.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-a11y.h"
#include "wm-gui.h"
#include "wm-people-page.h"
#include "wm-store-records.h"
#include "wm-window.h"

/* The People page lists the pupil's parents, carers and contacts, then
 * the pupil's siblings. Parental responsibility is marked, because each
 * such person is a parent in law and is written to separately. Each
 * contact shows the day its details were last checked with the family.
 * Reads run on the main thread. The two writes (a contact added by hand,
 * details checked) run in a worker with a store of its own, as records
 * do. */
struct _WmPeoplePage
{
  GtkBox      parent_instance;

  /* Template children */
  GtkListBox *contacts_box;
  GtkListBox *siblings_box;

  /* Owned */
  WmStore    *store;

  gint64      pupil_id;
  guint       n_writes;
};

G_DEFINE_FINAL_TYPE (WmPeoplePage, wm_people_page, GTK_TYPE_BOX)

/* Writing in a worker */

typedef struct
{
  char            *database_path;
  gint64           pupil_id;
  gint64           contact_id;
  WmContactRecord  contact;
  gboolean         adding;
  gboolean         alternative;
} PeopleJob;

static void
people_job_free (PeopleJob *job)
{
  g_free (job->database_path);
  wm_contact_record_clear (&job->contact);
  g_free (job);
}

static void
people_job_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PeopleJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  store = wm_store_open (job->database_path, &error);
  if (store != NULL && job->adding)
    ok = wm_store_add_contact (store, job->pupil_id, &job->contact, job->alternative,
                               WM_DAY_NONE, &error) != 0;
  else if (store != NULL)
    ok = wm_store_set_contact_checked (store, job->contact_id, wm_day_today (), &error);
  else
    ok = FALSE;

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_message (WmPeoplePage *self,
              const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WmPeoplePage) self = WM_PEOPLE_PAGE (source);
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();
  self->n_writes--;

  if (self->store == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Writing a contact of pupil %" G_GINT64_FORMAT " failed: %s",
               self->pupil_id, error->message);
      show_message (self, error->message);
    }

  wm_people_page_reload (self);
}

static void
start_job (WmPeoplePage *self,
           PeopleJob    *job)
{
  g_autoptr(GTask) task = NULL;

  job->database_path = g_strdup (wm_store_get_path (self->store));
  job->pupil_id = self->pupil_id;
  self->n_writes++;

  task = g_task_new (g_object_ref (self), NULL, on_job_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) people_job_free);
  g_task_run_in_thread (task, people_job_in_thread);
}

/* Contacts */

/* Joins the non-empty parts of @parts with @separator. */
static char *
join_present (const char         *separator,
              const char * const *parts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;

      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Phone numbers and addresses arrive one item a line. */
static char *
one_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (or_empty (text), "\n", -1);

  return join_present (", ", (const char * const *) lines);
}

/* NOTE: Common Transfer Files carry the relationship as a code. These are
 * the codes of the sample files, not checked against the official list,
 * so the code stays beside the word and an unknown code shows as sent. */
static const struct
{
  const char *code;
  const char *word;
} relationships[] = {
  { "PAM", N_("Mother") },
  { "PAF", N_("Father") },
  { "GRM", N_("Grandmother") },
  { "GRF", N_("Grandfather") },
  { "CHM", N_("Childminder") },
};

static char *
describe_relationship (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (relationships); i++)
    if (g_strcmp0 (code, relationships[i].code) == 0)
      return g_strdup_printf ("%s (%s)", _(relationships[i].word), code);

  return g_strdup (or_empty (code));
}

static char *
describe_checked (const WmContactDetails *details)
{
  g_autofree char *day = NULL;

  if (details->details_checked_on == WM_DAY_NONE)
    return g_strdup (_("Details never checked"));

  day = wm_day_format_long (details->details_checked_on);
  /* Translators: "Details checked on 4 March 2026". */
  return g_strdup_printf (_("Details checked on %s"), day);
}

/* A row's tags are stacked, and the tags and the button wrap at spaces.
 * A contact with both tags and the button then fits beside the name in a
 * phone's 360 pixels, which one line of the three does not. */
static void
wrap_words (GtkWidget *label)
{
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

static void
add_tag (GtkWidget  *tags,
         const char *text)
{
  GtkWidget *tag = gtk_label_new (text);

  wrap_words (tag);
  gtk_widget_add_css_class (tag, "responsibility-tag");
  gtk_box_append (GTK_BOX (tags), tag);
}

static void
checked_clicked (GtkButton    *button,
                 WmPeoplePage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "contact-id");

  wm_people_page_mark_checked (self, *id);
}

static GtkWidget *
build_check_button (WmPeoplePage           *self,
                    const WmContactDetails *details)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Checked _Today"));

  /* The rows are built after the case view named its buttons. Unnamed,
   * a screen reader reads this one as "Checked _Today Checked Today". */
  wm_a11y_name_mnemonic_buttons (button);
  wrap_words (gtk_button_get_child (GTK_BUTTON (button)));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Record that the family confirmed these details today"));
  g_object_set_data_full (G_OBJECT (button), "contact-id",
                          g_memdup2 (&details->id, sizeof details->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (checked_clicked), self, 0);
  return button;
}

static GtkWidget *
build_contact_row (WmPeoplePage           *self,
                   const WmContactDetails *details)
{
  const WmContactRecord *contact = &details->contact;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *name_parts[] = {
    or_empty (contact->title), or_empty (contact->forename), or_empty (contact->surname), NULL
  };
  g_autofree char *name = join_present (" ", name_parts);
  g_autofree char *relationship = describe_relationship (contact->relationship);
  g_autofree char *phones = one_line (contact->phones);
  g_autofree char *emails = one_line (contact->email);
  g_autofree char *address = one_line (contact->address);
  g_autofree char *checked = describe_checked (details);
  const char *reach_parts[] = { phones, emails, NULL };
  g_autofree char *reach = join_present (" · ", reach_parts);
  const char *subtitle_parts[] = { relationship, reach, address, checked, NULL };
  g_autofree char *subtitle = join_present ("\n", subtitle_parts);
  g_autofree char *name_markup = g_markup_escape_text (name, -1);
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

  /* Row titles are parsed as markup, but names and addresses are data. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);

  if (contact->parental_responsibility)
    add_tag (tags, _("Parental responsibility"));
  if (details->alternative)
    add_tag (tags, _("Alternative contact"));
  gtk_widget_set_visible (tags, gtk_widget_get_first_child (tags) != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), build_check_button (self, details));

  return row;
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static GtkWidget *
build_placeholder (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
load_contacts (WmPeoplePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  clear_list_box (self->contacts_box);
  contacts = wm_store_list_contact_details (self->store, self->pupil_id, &error);
  if (contacts == NULL)
    {
      g_warning ("Could not read the contacts of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      gtk_list_box_append (self->contacts_box,
                           wm_gui_error_row_new (_("Could not read the contacts"), error,
                                                 G_CALLBACK (wm_people_page_reload), self));
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    gtk_list_box_append (self->contacts_box,
                         build_contact_row (self, g_ptr_array_index (contacts, i)));

  if (contacts->len == 0)
    gtk_list_box_append (self->contacts_box,
                         build_placeholder (_("No parent, carer or other contact yet")));
}

/* Siblings */

static void
sibling_activated (GtkListBox    *box,
                   GtkListBoxRow *row,
                   WmPeoplePage  *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "pupil-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (id != NULL && WM_IS_WINDOW (root))
    wm_window_open_pupil (WM_WINDOW (root), *id);
}

static GtkWidget *
build_sibling_row (WmPeoplePage *self,
                   gint64        sibling_id)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;

  if (!wm_store_get_pupil (self->store, sibling_id, &record, NULL, &error))
    {
      g_warning ("Could not read sibling %" G_GINT64_FORMAT ": %s", sibling_id, error->message);
      return wm_gui_error_row_new (_("Could not read a sibling"), error,
                                   G_CALLBACK (wm_people_page_reload), self);
    }

  row = adw_action_row_new ();

  name = g_strdup_printf ("%s, %s", or_empty (record.surname), or_empty (record.forename));
  markup = g_markup_escape_text (name, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), or_empty (record.upn));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "pupil-id",
                          g_memdup2 (&sibling_id, sizeof sibling_id), g_free);
  return row;
}

static void
load_siblings (WmPeoplePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) siblings = NULL;

  clear_list_box (self->siblings_box);
  siblings = wm_store_list_siblings (self->store, self->pupil_id, &error);
  if (siblings == NULL)
    {
      g_warning ("Could not read the siblings of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      gtk_list_box_append (self->siblings_box,
                           wm_gui_error_row_new (_("Could not read the siblings"), error,
                                                 G_CALLBACK (wm_people_page_reload), self));
      return;
    }

  for (guint i = 0; i < siblings->len; i++)
    gtk_list_box_append (self->siblings_box,
                         build_sibling_row (self, g_array_index (siblings, gint64, i)));

  if (siblings->len == 0)
    gtk_list_box_append (self->siblings_box, build_placeholder (_("No siblings recorded")));
}

/* The form for a contact added by hand */

static GtkWidget *
add_entry_row (GtkWidget  *list,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
add_switch_row (GtkWidget  *list,
                const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return toggle;
}

static char *
form_text (AdwMessageDialog *dialog,
           const char       *key)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
form_switch (AdwMessageDialog *dialog,
             const char       *key)
{
  return gtk_switch_get_active (g_object_get_data (G_OBJECT (dialog), key));
}

static void
on_contact_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WmPeoplePage     *self)
{
  g_auto(WmContactRecord) contact = { 0 };

  if (g_strcmp0 (response, "add") != 0)
    return;

  contact.title = form_text (dialog, "title");
  contact.forename = form_text (dialog, "forename");
  contact.surname = form_text (dialog, "surname");
  contact.relationship = form_text (dialog, "relationship");
  contact.phones = form_text (dialog, "phones");
  contact.email = form_text (dialog, "email");
  contact.address = form_text (dialog, "address");
  contact.parental_responsibility = form_switch (dialog, "responsibility");
  wm_people_page_add_contact (self, &contact, form_switch (dialog, "alternative"));
}

static void
on_surname_changed (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
add_contact_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = gtk_list_box_new ();
  AdwMessageDialog *dialog;
  GObject *data;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Add a Contact"), NULL));
  data = G_OBJECT (dialog);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data (data, "title", add_entry_row (list, _("Title")));
  g_object_set_data (data, "forename", add_entry_row (list, _("Forename")));
  g_object_set_data (data, "surname", add_entry_row (list, _("Surname")));
  g_object_set_data (data, "relationship", add_entry_row (list, _("Relationship to the pupil")));
  g_object_set_data (data, "phones", add_entry_row (list, _("Phone")));
  g_object_set_data (data, "email", add_entry_row (list, _("Email")));
  g_object_set_data (data, "address", add_entry_row (list, _("Address")));
  g_object_set_data (data, "responsibility", add_switch_row (list, _("Parental responsibility")));
  g_object_set_data (data, "alternative", add_switch_row (list, _("Alternative contact")));

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  g_signal_connect (g_object_get_data (data, "surname"), "changed",
                    G_CALLBACK (on_surname_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_contact_response), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
wm_people_page_dispose (GObject *object)
{
  WmPeoplePage *self = WM_PEOPLE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PEOPLE_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_people_page_parent_class)->dispose (object);
}

static void
wm_people_page_class_init (WmPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_people_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPeoplePage, contacts_box);
  gtk_widget_class_bind_template_child (widget_class, WmPeoplePage, siblings_box);

  gtk_widget_class_install_action (widget_class, "people.add-contact", NULL,
                                   add_contact_activated);
}

static void
wm_people_page_init (WmPeoplePage *self)
{
  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->siblings_box, "row-activated", G_CALLBACK (sibling_activated), self);
}

/* Public API */

/**
 * wm_people_page_set_pupil:
 * @store: the window's store, read on the main thread
 * @pupil_id: the pupil
 */
void
wm_people_page_set_pupil (WmPeoplePage *self,
                          WmStore      *store,
                          gint64        pupil_id)
{
  g_return_if_fail (WM_IS_PEOPLE_PAGE (self));
  g_return_if_fail (WM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->pupil_id = pupil_id;
  wm_people_page_reload (self);
}

/**
 * wm_people_page_reload:
 *
 * Reads the pupil's contacts and siblings again.
 */
void
wm_people_page_reload (WmPeoplePage *self)
{
  g_return_if_fail (WM_IS_PEOPLE_PAGE (self));
  g_return_if_fail (self->store != NULL);

  WM_ASSERT_MAIN_THREAD ();

  load_contacts (self);
  load_siblings (self);
}

/**
 * wm_people_page_get_contacts:
 *
 * Returns: (transfer none): the rows of the contacts, or one row saying
 *   there are none
 */
GtkListBox *
wm_people_page_get_contacts (WmPeoplePage *self)
{
  g_return_val_if_fail (WM_IS_PEOPLE_PAGE (self), NULL);

  return self->contacts_box;
}

/**
 * wm_people_page_get_siblings:
 *
 * Returns: (transfer none): the rows of the siblings, or one row saying
 *   there are none
 */
GtkListBox *
wm_people_page_get_siblings (WmPeoplePage *self)
{
  g_return_val_if_fail (WM_IS_PEOPLE_PAGE (self), NULL);

  return self->siblings_box;
}

/**
 * wm_people_page_add_contact:
 * @contact: the contact's details, copied
 * @alternative: whether it is one of the pupil's alternative contacts
 *
 * Adds a contact entered by hand, as the "Add Contact" form does. A
 * failure (a fourth alternative contact) is shown in a toast.
 */
void
wm_people_page_add_contact (WmPeoplePage          *self,
                            const WmContactRecord *contact,
                            gboolean               alternative)
{
  PeopleJob *job;

  g_return_if_fail (WM_IS_PEOPLE_PAGE (self));
  g_return_if_fail (contact != NULL);

  job = g_new0 (PeopleJob, 1);
  job->adding = TRUE;
  job->alternative = alternative;
  job->contact.title = g_strdup (contact->title);
  job->contact.forename = g_strdup (contact->forename);
  job->contact.surname = g_strdup (contact->surname);
  job->contact.relationship = g_strdup (contact->relationship);
  job->contact.parental_responsibility = contact->parental_responsibility;
  job->contact.address = g_strdup (contact->address);
  job->contact.phones = g_strdup (contact->phones);
  job->contact.email = g_strdup (contact->email);
  start_job (self, job);
}

/**
 * wm_people_page_mark_checked:
 * @contact_id: a contact of the pupil
 *
 * Records that the contact's details were checked with the family today,
 * as the contact's "Checked Today" button does.
 */
void
wm_people_page_mark_checked (WmPeoplePage *self,
                             gint64        contact_id)
{
  PeopleJob *job;

  g_return_if_fail (WM_IS_PEOPLE_PAGE (self));

  job = g_new0 (PeopleJob, 1);
  job->contact_id = contact_id;
  start_job (self, job);
}

/**
 * wm_people_page_is_busy:
 *
 * Returns: whether a contact is still being written
 */
gboolean
wm_people_page_is_busy (WmPeoplePage *self)
{
  g_return_val_if_fail (WM_IS_PEOPLE_PAGE (self), FALSE);

  return self->n_writes > 0;
}
