/* wm-record-viewer.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <string.h>

#include "wm-gui.h"
#include "wm-letters.h"
#include "wm-letters-action.h"
#include "wm-record-viewer.h"

/* A finalised record, read-only, with each of its revisions. The viewer
 * changes nothing itself: it emits a request for an amendment (with the
 * reason) or a deletion, closes, and the Timeline page does the work. */
struct _WmRecordViewer
{
  AdwWindow       parent_instance;

  /* Owned */
  WmStore        *store;
  WmRecord       *record;
  GPtrArray      *revisions;
  char           *school_phone;

  /* Children */
  AdwWindowTitle *window_title;
  GtkListBox     *values_box;
  GtkDropDown    *revision_dropdown;
};

G_DEFINE_FINAL_TYPE (WmRecordViewer, wm_record_viewer, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_AMEND,
  SIGNAL_DELETE,
  SIGNAL_SEND_LETTERS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Values */

static char *
describe_value (const WmFieldSpec *spec,
                JsonNode          *node);

static char *
describe_items (const WmFieldSpec *spec,
                JsonArray         *items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      for (const WmFieldSpec *f = spec->items; f->name != NULL; f++)
        {
          g_autofree char *value = describe_value (f, json_object_get_member (item, f->name));

          if (value != NULL)
            g_string_append_printf (text, "%s%s: %s", f == spec->items ? "" : "; ",
                                    g_dgettext (GETTEXT_PACKAGE, f->label), value);
        }
    }

  return g_string_free (text, FALSE);
}

/* A value in words: dates in full, choices by their label, yes or no. */
static char *
describe_value (const WmFieldSpec *spec,
                JsonNode          *node)
{
  WmDay day;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (spec->type == WM_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (node))
    return describe_items (spec, json_node_get_array (node));
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (spec->type == WM_FIELD_BOOL)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  if (spec->type == WM_FIELD_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (spec->type == WM_FIELD_DATE && wm_record_parse_date (json_node_get_string (node), &day))
    return wm_day_format_long (day);
  if (spec->type == WM_FIELD_CHOICE)
    {
      /* Labels are kept English in the table and translated here. */
      const char *label = wm_field_spec_choice_label (spec, json_node_get_string (node));

      return g_strdup (label != NULL ? g_dgettext (GETTEXT_PACKAGE, label) : NULL);
    }

  return g_strdup (json_node_get_string (node));
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static void
add_value_row (WmRecordViewer *self,
               const char     *title,
               const char     *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *value_markup = g_markup_escape_text (value, -1);

  /* Row titles are markup, but what the officer wrote is data. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value_markup);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->values_box, row);
}

static void
show_body (WmRecordViewer   *self,
           WmRecordRevision *revision)
{
  clear_list_box (self->values_box);

  if (revision->reason != NULL)
    add_value_row (self, _("Reason for the amendment"), revision->reason);

  for (const WmFieldSpec *f = self->record->kind->fields; f->name != NULL; f++)
    {
      g_autofree char *value = describe_value (f, json_object_get_member (revision->body,
                                                                          f->name));

      if (value != NULL && *value != '\0')
        add_value_row (self, g_dgettext (GETTEXT_PACKAGE, f->label), value);
    }
}

/* Callbacks */

static void
on_revision_selected (WmRecordViewer *self)
{
  guint selected = gtk_drop_down_get_selected (self->revision_dropdown);

  if (selected < self->revisions->len)
    show_body (self, g_ptr_array_index (self->revisions, selected));
}

static void
on_reason_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WmRecordViewer   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "amend") == 0 && *reason != '\0')
    wm_record_viewer_amend (self, reason);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "amend", *reason != '\0');
}

/* An amendment needs its reason before anything is changed, because the
 * reason is part of the record from then on. */
static void
amend_clicked (WmRecordViewer *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Amend Record?"),
                                                       _("The record as it is now stays "
                                                         "in its history. Say why it is "
                                                         "being amended.")));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "amend", _("_Amend"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "amend", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "amend");
  adw_message_dialog_set_response_enabled (dialog, "amend", FALSE);
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);

  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reason_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Checks the school's telephone for a calling card: digits, spaces, "+"
 * and brackets, with at least 10 digits. A UK number with its area code
 * has 10 or 11 digits, and a shorter one cannot be called from outside
 * the area. Returns the reason it is invalid, or %NULL. */
static char *
check_school_phone (const char *phone)
{
  guint n_digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (strchr (" +()", *p) == NULL)
        return g_strdup (_("School telephone: write the number with digits, spaces, + and "
                           "brackets only, such as 01632 960 123"));
    }

  if (n_digits >= 10)
    return NULL;

  /* Translators: %u is how many digits the officer typed, fewer than 10. */
  return g_strdup_printf (ngettext ("School telephone: the number has %u digit; give the "
                                    "whole number with its area code, at least 10 digits, "
                                    "such as 01632 960 123",
                                    "School telephone: the number has %u digits; give the "
                                    "whole number with its area code, at least 10 digits, "
                                    "such as 01632 960 123", n_digits), n_digits);
}

/* The school's number in the form Preferences, Schools stores: the
 * store takes digits, spaces and "+" only, so that every number prints
 * in one form, and the brackets an officer may type are left out. */
static char *
school_phone_to_stored (const char *typed)
{
  g_autoptr(GString) phone = g_string_new (NULL);

  for (const char *p = typed; *p != '\0'; p++)
    if (*p != '(' && *p != ')')
      g_string_append_c (phone, *p);

  return g_strstrip (g_string_free (g_steal_pointer (&phone), FALSE));
}

static char *
dialog_text (AdwMessageDialog *dialog,
             const char       *key)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);

  return entry != NULL ? g_strstrip (g_strdup (gtk_editable_get_text (entry))) : NULL;
}

/* Make is enabled once every field asked for is right. A wrong school
 * number is explained beside its field as it is typed, and stays as
 * typed for the officer to correct. An empty field only keeps Make
 * disabled, because the body names the numbers to give. */
static void
on_send_fields_changed (AdwMessageDialog *dialog)
{
  g_autofree char *phone = dialog_text (dialog, "phone-entry");
  g_autofree char *school_phone = dialog_text (dialog, "school-phone-entry");
  GtkWidget *school_row = g_object_get_data (G_OBJECT (dialog), "school-phone-entry");
  GtkLabel *problem = g_object_get_data (G_OBJECT (dialog), "school-phone-problem");
  g_autofree char *message = NULL;
  gboolean ready = phone == NULL || *phone != '\0';

  if (school_phone != NULL && *school_phone != '\0')
    message = check_school_phone (school_phone);
  if (school_phone != NULL)
    {
      gtk_label_set_text (problem, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (problem), message != NULL);
      if (message != NULL)
        gtk_widget_add_css_class (school_row, "error");
      else
        gtk_widget_remove_css_class (school_row, "error");
      ready = ready && *school_phone != '\0' && message == NULL;
    }

  adw_message_dialog_set_response_enabled (dialog, "send", ready);
}

static void
on_send_response (AdwMessageDialog *dialog,
                  const char       *response,
                  WmRecordViewer   *self)
{
  g_autofree char *typed = dialog_text (dialog, "phone-entry");
  g_autofree char *school_phone = dialog_text (dialog, "school-phone-entry");
  g_autofree char *phone = typed != NULL ? g_strdup (typed) : wm_letters_dup_officer_phone ();
  g_autofree char *problem = NULL;

  if (g_strcmp0 (response, "send") != 0 || phone == NULL || *phone == '\0')
    return;

  if (school_phone != NULL && (problem = check_school_phone (school_phone)) != NULL)
    return;

  /* Typed once, then kept in the settings (Preferences, Officer). */
  if (typed != NULL)
    wm_letters_set_officer_phone (phone);
  g_free (self->school_phone);
  self->school_phone = school_phone != NULL ? school_phone_to_stored (school_phone) : NULL;
  wm_record_viewer_send_letters (self, phone);
}

/* Whether the card has to ask for the pupil's school's telephone: the
 * school has none stored. After a failed read the dialog requests
 * nothing, and the worker that makes the card reads the school again
 * and reports the failure. */
static gboolean
school_phone_missing (WmRecordViewer *self)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_auto(WmSchoolDetails) school = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id = 0;

  if (!wm_store_get_pupil (self->store, self->record->pupil_id, &pupil, &school_id, &error)
      || (school_id > 0 && !wm_store_get_school_details (self->store, school_id, &school,
                                                         &error)))
    {
      g_warning ("Could not read the school of record %" G_GINT64_FORMAT ": %s",
                 self->record->id, error->message);
      return FALSE;
    }

  return school_id > 0 && school.phone == NULL;
}

/* Letters are signed with the officer's name and cannot be changed once
 * made, so without the name nothing is asked and nothing is made. The
 * viewer stays open, so the officer comes back to the same record. */
static gboolean
check_officer_name (WmRecordViewer *self,
                    gboolean        card)
{
  g_autofree char *name = wm_letters_dup_officer_name ();
  GtkWidget *dialog;

  if (name != NULL)
    return TRUE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Officer's Name Not Set"),
                                   card ? _("The calling card is signed with your name. "
                                            "Enter it in Preferences, Officer, then make "
                                            "the card.")
                                        : _("Letters are signed with your name. Enter it "
                                            "in Preferences, Officer, then make the "
                                            "letters."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* Each number is typed in a row with a visible title, so it is named
 * on screen as well as to a screen reader. */
static GtkWidget *
add_phone_row (AdwMessageDialog *dialog,
               GtkWidget        *list,
               const char       *title,
               const char       *key)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (entry), GTK_INPUT_PURPOSE_PHONE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  g_object_set_data (G_OBJECT (dialog), key, entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_send_fields_changed), dialog);
  return entry;
}

/* The fields the dialog requests, in one list, with the reason a school
 * number is invalid right under it. */
static void
add_phone_fields (AdwMessageDialog *dialog,
                  gboolean          officer,
                  gboolean          school)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *problem = gtk_label_new (NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  if (officer)
    add_phone_row (dialog, list, _("Your telephone number"), "phone-entry");
  if (school)
    /* Translators: the pupil's school's telephone number, printed on the card. */
    add_phone_row (dialog, list, _("School telephone"), "school-phone-entry");

  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), problem);
  g_object_set_data (G_OBJECT (dialog), "school-phone-problem", problem);

  adw_message_dialog_set_extra_child (dialog, box);
  on_send_fields_changed (dialog);
}

/* The dialog's text: what is made, which numbers it prints, and which
 * of them the officer is asked for. */
static void
set_send_body (AdwMessageDialog *dialog,
               gboolean          card,
               const char       *phone,
               gboolean          ask_school)
{
  if (card && ask_school && phone != NULL)
    /* Translators: %s is the officer's telephone number. */
    adw_message_dialog_format_body (dialog, _("The card asks the family to call you on %s "
                                              "(set in Preferences) or the school. It cannot "
                                              "be changed afterwards. Give the school's "
                                              "telephone number: it is kept in Preferences, "
                                              "Schools."), phone);
  else if (card && ask_school)
    adw_message_dialog_set_body (dialog, _("The card asks the family to call you or the "
                                           "school, and cannot be changed afterwards. Give "
                                           "both telephone numbers: they are kept in "
                                           "Preferences."));
  else if (phone != NULL && card)
    /* Translators: %s is the officer's telephone number. */
    adw_message_dialog_format_body (dialog, _("The card asks the family to call you on %s "
                                              "(set in Preferences). It cannot be changed "
                                              "afterwards."), phone);
  else if (phone != NULL)
    /* Translators: %s is the officer's telephone number. */
    adw_message_dialog_format_body (dialog, _("One letter is made for each parent with "
                                              "parental responsibility, and cannot be "
                                              "changed afterwards. Parents are asked to "
                                              "call %s (set in Preferences)."), phone);
  else if (card)
    adw_message_dialog_set_body (dialog, _("The card asks the family to call you, and "
                                           "cannot be changed afterwards. Give your "
                                           "telephone number."));
  else
    adw_message_dialog_set_body (dialog, _("One letter is made for each parent with "
                                           "parental responsibility, and cannot be "
                                           "changed afterwards. Give the telephone "
                                           "number parents are asked to call."));
}

static void
send_letters_clicked (WmRecordViewer *self)
{
  wm_record_viewer_present_send_letters (self);
}

/* Building */

static GtkWidget *
build_header (WmRecordViewer *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *amend = gtk_button_new_with_mnemonic (_("_Amend…"));
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  gtk_widget_add_css_class (delete, "destructive-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), delete);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), amend);

  /* Only the legal steps that are written to each parent make letters,
   * and a home visit nobody answered makes the calling card. */
  if (wm_letters_template_for_record (self->record) != NULL)
    {
      gboolean card = g_strcmp0 (self->record->kind->name, "home-visit") == 0;
      GtkWidget *send = gtk_button_new_with_mnemonic (card ? _("_Make Calling Card…")
                                                           : _("_Send Letters…"));

      adw_header_bar_pack_end (ADW_HEADER_BAR (header), send);
      g_signal_connect_swapped (send, "clicked", G_CALLBACK (send_letters_clicked), self);
    }

  g_signal_connect_swapped (amend, "clicked", G_CALLBACK (amend_clicked), self);
  g_signal_connect_swapped (delete, "clicked", G_CALLBACK (wm_record_viewer_delete), self);
  return header;
}

static GtkWidget *
build_revisions (WmRecordViewer *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->revisions->len; i++)
    {
      WmRecordRevision *revision = g_ptr_array_index (self->revisions, i);
      g_autofree char *name = NULL;

      if (revision->reason != NULL)
        /* Translators: a revision of an amended record, "Revision 2:
         * wrong date". */
        name = g_strdup_printf (_("Revision %u: %s"), revision->revision, revision->reason);
      else
        name = g_strdup_printf (_("Revision %u: as first written"), revision->revision);
      gtk_string_list_append (names, name);
    }

  self->revision_dropdown =
    GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->revision_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Revision"), -1);
  g_signal_connect_swapped (self->revision_dropdown, "notify::selected",
                            G_CALLBACK (on_revision_selected), self);
  return GTK_WIDGET (self->revision_dropdown);
}

static void
build_content (WmRecordViewer *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->values_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->values_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->values_box), "boxed-list");

  if (self->revisions->len > 1)
    {
      GtkWidget *amended = gtk_label_new (_("Amended"));

      gtk_widget_add_css_class (amended, "amended-tag");
      gtk_widget_set_halign (amended, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (inner), amended);
      gtk_box_append (GTK_BOX (inner), build_revisions (self));
    }

  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->values_box));
  g_object_set (inner, "margin-top", 18, "margin-bottom", 18, "margin-start", 12,
                "margin-end", 12, NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), build_header (self));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* Overrides */

static void
wm_record_viewer_finalize (GObject *object)
{
  WmRecordViewer *self = WM_RECORD_VIEWER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->record, wm_record_free);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_free (self->school_phone);

  G_OBJECT_CLASS (wm_record_viewer_parent_class)->finalize (object);
}

static void
wm_record_viewer_class_init (WmRecordViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wm_record_viewer_finalize;

  /**
   * WmRecordViewer::amend:
   * @reason: why the officer amends the record
   *
   * The officer asked to amend the record and gave the reason.
   */
  signals[SIGNAL_AMEND] = g_signal_new ("amend", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WmRecordViewer::delete:
   *
   * The officer asked to delete the record.
   */
  signals[SIGNAL_DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  /**
   * WmRecordViewer::send-letters:
   * @officer_phone: the telephone number the letters ask parents to call
   *
   * The officer asked to make the record's letters to each parent. For
   * a calling card, wm_record_viewer_get_school_phone() gives the
   * school's number when the dialog asked for it.
   */
  signals[SIGNAL_SEND_LETTERS] = g_signal_new ("send-letters", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_record_viewer_init (WmRecordViewer *self)
{
  wm_gui_init ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 640);
}

/* Public API */

/**
 * wm_record_viewer_new:
 * @store: the window's store, read on the main thread
 * @record_id: a finalised record
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a modal viewer showing the record's
 *   current revision, or %NULL with @error set when it cannot be read
 */
WmRecordViewer *
wm_record_viewer_new (WmStore  *store,
                      gint64    record_id,
                      GError  **error)
{
  g_autoptr(WmRecordViewer) self = g_object_new (WM_TYPE_RECORD_VIEWER, NULL);
  g_autofree char *date = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->record = wm_record_get (store, record_id, error);
  if (self->record == NULL)
    return NULL;
  self->revisions = wm_record_list_revisions (store, record_id, error);
  if (self->revisions == NULL || self->revisions->len == 0)
    return NULL;

  build_content (self);
  date = self->record->day != WM_DAY_NONE ? wm_day_format_long (self->record->day) : NULL;
  adw_window_title_set_title (self->window_title,
                              g_dgettext (GETTEXT_PACKAGE, self->record->kind->label));
  adw_window_title_set_subtitle (self->window_title, date);
  gtk_window_set_title (GTK_WINDOW (self), g_dgettext (GETTEXT_PACKAGE, self->record->kind->label));
  wm_record_viewer_show_revision (self, self->record->revision);

  return g_steal_pointer (&self);
}

gint64
wm_record_viewer_get_record_id (WmRecordViewer *self)
{
  g_return_val_if_fail (WM_IS_RECORD_VIEWER (self), 0);

  return self->record->id;
}

/**
 * wm_record_viewer_show_revision:
 * @revision: a revision number, from 1
 *
 * Shows the values of that revision.
 */
void
wm_record_viewer_show_revision (WmRecordViewer *self,
                                guint           revision)
{
  g_return_if_fail (WM_IS_RECORD_VIEWER (self));
  g_return_if_fail (revision >= 1 && revision <= self->revisions->len);

  if (self->revision_dropdown != NULL)
    gtk_drop_down_set_selected (self->revision_dropdown, revision - 1);
  show_body (self, g_ptr_array_index (self->revisions, revision - 1));
}

/**
 * wm_record_viewer_amend:
 * @reason: why the record is amended, not empty
 *
 * Emits #WmRecordViewer::amend, as the "Amend…" button does once the
 * reason is given, and closes the viewer.
 */
void
wm_record_viewer_amend (WmRecordViewer *self,
                        const char     *reason)
{
  g_return_if_fail (WM_IS_RECORD_VIEWER (self));
  g_return_if_fail (reason != NULL && *reason != '\0');

  g_signal_emit (self, signals[SIGNAL_AMEND], 0, reason);
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * wm_record_viewer_delete:
 *
 * Emits #WmRecordViewer::delete, as the "Delete" button does, and closes
 * the viewer. Deleting can be undone, so it needs no confirmation.
 */
void
wm_record_viewer_delete (WmRecordViewer *self)
{
  g_return_if_fail (WM_IS_RECORD_VIEWER (self));

  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * wm_record_viewer_send_letters:
 * @officer_phone: the telephone number the letters ask parents to call,
 *   not empty
 *
 * Emits #WmRecordViewer::send-letters, as the "Send Letters…" button
 * does once the number is given, and closes the viewer, so that the
 * toast saying which letters were made is seen on the Timeline they are
 * added to.
 */
/**
 * wm_record_viewer_present_send_letters:
 *
 * Shows the dialog of the "Send Letters…" or "Make Calling Card…"
 * button, as it does. Everything is asked in this one dialog: the
 * officer's telephone while the settings hold none, and, for a calling
 * card, the school's telephone while Preferences, Schools holds none.
 * The school's number is checked as it is typed, with the reason it is
 * wrong beside the field, and is stored on the school when the card is
 * made. When the officer's name is not set, a dialog explains that
 * instead, and %NULL is returned.
 *
 * The dialog keeps a reference on the viewer until the dialog is freed.
 * The response closes the viewer, and without that reference the dialog,
 * which is transient for it, then used the freed viewer (GLib criticals
 * "instance with invalid (NULL) class pointer").
 *
 * Returns: (transfer none) (nullable): the dialog
 */
AdwMessageDialog *
wm_record_viewer_present_send_letters (WmRecordViewer *self)
{
  gboolean card, ask_school;
  g_autofree char *phone = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (WM_IS_RECORD_VIEWER (self), NULL);

  card = g_strcmp0 (self->record->kind->name, "home-visit") == 0;
  if (!check_officer_name (self, card))
    return NULL;

  phone = wm_letters_dup_officer_phone ();
  ask_school = card && school_phone_missing (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       card ? _("Make Calling Card?")
                                                            : _("Send Letters?"), NULL));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "send",
                                    card ? _("_Make Calling Card") : _("_Make Letters"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "viewer", g_object_ref (self), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_send_response), self);

  set_send_body (dialog, card, phone, ask_school);
  if (phone == NULL || ask_school)
    add_phone_fields (dialog, phone == NULL, ask_school);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * wm_record_viewer_get_school_phone:
 *
 * Returns: (nullable): the school telephone given in the calling card's
 *   dialog, in the form it is stored, for the card to store on the
 *   school and print; %NULL when none was asked for
 */
const char *
wm_record_viewer_get_school_phone (WmRecordViewer *self)
{
  g_return_val_if_fail (WM_IS_RECORD_VIEWER (self), NULL);

  return self->school_phone;
}

void
wm_record_viewer_send_letters (WmRecordViewer *self,
                               const char     *officer_phone)
{
  g_return_if_fail (WM_IS_RECORD_VIEWER (self));
  g_return_if_fail (officer_phone != NULL && *officer_phone != '\0');

  g_signal_emit (self, signals[SIGNAL_SEND_LETTERS], 0, officer_phone);
  gtk_window_close (GTK_WINDOW (self));
}
