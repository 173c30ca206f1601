/* wm-record-editor.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <string.h>

#include "wm-error.h"
#include "wm-gui.h"
#include "wm-record-editor.h"
#include "wm-record-saver.h"

/* The form for one case record, made from its kind's field specs. A new
 * record or a draft is saved as a draft half a second after the officer
 * stops typing. The save runs in a worker thread (see wm-record-saver.c),
 * so while a database locked by another program makes it wait, the form
 * stays usable. Saving finalises the draft. An amendment edits a new
 * revision of a finalised record and is written only when saved, because
 * the store keeps no amendment drafts. */

/* The pause in typing after which a draft is saved. */
#define AUTOSAVE_DELAY_MS 500

typedef struct _Field Field;

/* One field of the form, or of one item of a list field. */
struct _Field
{
  const WmFieldSpec *spec;
  GtkWidget         *widget;       /* the widget that contains the value */
  GtkWidget         *row;          /* what takes the error style */
  GtkWidget         *error_widget; /* shown with the message */
  GtkLabel          *error_label;
  char              *error;
  GPtrArray         *items;        /* of GPtrArray of Field, for a list */
};

struct _WmRecordEditor
{
  AdwWindow           parent_instance;

  /* Template children */
  AdwWindowTitle     *window_title;
  GtkBox             *status_box;
  GtkLabel           *status_label;
  GtkButton          *retry_button;
  GtkBox             *form_box;

  /* Owned */
  char               *database_path;
  char               *author;
  char               *amend_reason;
  GPtrArray          *fields;
  char               *status;

  /* Borrowed: the static table of kinds */
  const WmRecordKind *kind;

  gint64              case_id;
  gint64              record_id;
  GtkListBox         *run;
  guint               autosave_id;
  gboolean            loading;
  gboolean            dirty;
  gboolean            saving;
  gboolean            final_requested;
  gboolean            closed;
  gboolean            failed;
  WmRecordSaveMode    last_mode;
};

G_DEFINE_FINAL_TYPE (WmRecordEditor, wm_record_editor, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_autosave (WmRecordEditor *self);
static void start_next_save   (WmRecordEditor *self);
static void recheck_errors    (WmRecordEditor *self);

/* Fields */

static void
field_free (Field *field)
{
  g_free (field->error);
  g_clear_pointer (&field->items, g_ptr_array_unref);
  g_free (field);
}

static GPtrArray *
field_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

static Field *
find_field (GPtrArray  *fields,
            const char *name)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      if (g_strcmp0 (field->spec->name, name) == 0)
        return field;
    }

  return NULL;
}

/* Dates are stored as YYYY-MM-DD and typed as DD/MM/YYYY. A value that
 * is not a stored date, such as a half-typed draft, is shown as it is. */
static char *
date_for_display (const char *text)
{
  WmDay day;

  if (text == NULL || !wm_day_parse_iso (text, &day))
    return g_strdup (text);

  return g_strdup_printf ("%02u/%02u/%04u", wm_day_of_month (day),
                          wm_day_month (day), wm_day_year (day));
}

static char *
today_for_display (void)
{
  g_autofree char *iso = wm_day_to_iso (wm_day_today ());

  return date_for_display (iso);
}

static char *
now_for_display (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M");
}

static const char *
member_string (JsonObject *values,
               const char *name)
{
  JsonNode *node = values ? json_object_get_member (values, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The text an entry starts with: the stored value, or for a new record
 * today's date and the time now in the fields that date the record. */
static char *
initial_text (WmRecordEditor    *self,
              const WmFieldSpec *spec,
              JsonObject        *values,
              gboolean           is_new)
{
  JsonNode *node = values ? json_object_get_member (values, spec->name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (node != NULL)
    return spec->type == WM_FIELD_DATE
           ? date_for_display (member_string (values, spec->name))
           : g_strdup (member_string (values, spec->name));

  if (is_new && g_strcmp0 (spec->name, self->kind->date_field) == 0)
    return today_for_display ();
  if (is_new && g_strcmp0 (spec->name, self->kind->time_field) == 0)
    return now_for_display ();

  return NULL;
}

/* Building the form */

static void
on_value_changed (WmRecordEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  recheck_errors (self);
  schedule_autosave (self);
}

/* Rows go into boxed lists, one for each run of fields between the long
 * texts and lists, which need more room than a row. */
static GtkListBox *
current_run (WmRecordEditor *self,
             GtkBox         *parent)
{
  if (self->run != NULL && gtk_widget_get_parent (GTK_WIDGET (self->run)) == GTK_WIDGET (parent)
      && gtk_widget_get_last_child (GTK_WIDGET (parent)) == GTK_WIDGET (self->run))
    return self->run;

  self->run = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->run, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->run), "boxed-list");
  gtk_box_append (parent, GTK_WIDGET (self->run));

  return self->run;
}

static GtkLabel *
make_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  return GTK_LABEL (label);
}

/* The message goes in a row of its own just below the field's row, so
 * it is read next to the field it is about. */
static void
add_row (WmRecordEditor *self,
         GtkBox         *parent,
         Field          *field,
         GtkWidget      *row)
{
  GtkListBox *run = current_run (self, parent);
  GtkWidget *error_row = gtk_list_box_row_new ();

  field->row = row;
  field->error_label = make_error_label ();
  gtk_widget_set_margin_start (GTK_WIDGET (field->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (field->error_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (field->error_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (field->error_label), 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), GTK_WIDGET (field->error_label));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_focusable (error_row, FALSE);
  gtk_widget_set_visible (error_row, FALSE);
  field->error_widget = error_row;

  gtk_list_box_append (run, row);
  gtk_list_box_append (run, error_row);
}

/* The field's label in the user's language: the table keeps the English
 * one, marked with N_() (see wm-record-kinds.c). */
static const char *
field_label (Field *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->spec->label);
}

static void
build_entry (WmRecordEditor *self,
             GtkBox         *parent,
             Field          *field,
             JsonObject     *values,
             gboolean        is_new)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = initial_text (self, field->spec, values, is_new);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (field));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);

  if (field->spec->type == WM_FIELD_DATE)
    gtk_widget_set_tooltip_text (row, _("A date, written as DD/MM/YYYY"));
  else if (field->spec->type == WM_FIELD_TIME)
    gtk_widget_set_tooltip_text (row, _("A time of day, written as HH:MM"));

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_value_changed), self);
  field->widget = row;
  add_row (self, parent, field, row);
}

static void
build_switch (WmRecordEditor *self,
              GtkBox         *parent,
              Field          *field,
              JsonObject     *values)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  JsonNode *node = values ? json_object_get_member (values, field->spec->name) : NULL;

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    gtk_switch_set_active (GTK_SWITCH (toggle), json_node_get_boolean (node));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (field));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field_label (field), -1);

  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_value_changed), self);
  field->widget = toggle;
  add_row (self, parent, field, row);
}

/* The first item of a drop-down is "not chosen", so that a required
 * choice is one the officer made, not a default left in place. */
static void
build_choice (WmRecordEditor *self,
              GtkBox         *parent,
              Field          *field,
              JsonObject     *values)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *value = member_string (values, field->spec->name);
  GtkWidget *dropdown;
  guint selected = 0;

  gtk_string_list_append (labels, _("Not chosen"));
  for (guint i = 0; field->spec->choices[i].value != NULL; i++)
    {
      gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE,
                                                          field->spec->choices[i].label));
      if (g_strcmp0 (value, field->spec->choices[i].value) == 0)
        selected = i + 1;
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field_label (field), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (field));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_value_changed), self);
  field->widget = dropdown;
  add_row (self, parent, field, row);
}

static GtkWidget *
make_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* Long text in a frame, where Tab moves on to the next field rather than
 * typing a tab, so the whole form can be filled in from the keyboard. */
static void
build_long_text (WmRecordEditor *self,
                 GtkBox         *parent,
                 Field          *field,
                 JsonObject     *values)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  const char *text = member_string (values, field->spec->name);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field_label (field), -1);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  field->error_label = make_error_label ();
  gtk_widget_set_visible (GTK_WIDGET (field->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), make_heading (field_label (field)));
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (field->error_label));
  gtk_box_append (parent, box);
  self->run = NULL;

  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_value_changed), self);
  field->widget = view;
  field->row = frame;
  field->error_widget = GTK_WIDGET (field->error_label);
}

static void build_fields (WmRecordEditor    *self,
                          GtkBox            *parent,
                          const WmFieldSpec *specs,
                          GPtrArray         *fields,
                          JsonObject        *values,
                          gboolean           is_new);

typedef struct
{
  WmRecordEditor *editor;
  Field          *list;
  GPtrArray      *item;
  GtkWidget      *box;
} ItemRemoval;

static void
remove_item (ItemRemoval *removal)
{
  WmRecordEditor *self = removal->editor;

  g_ptr_array_remove (removal->list->items, removal->item);
  gtk_box_remove (GTK_BOX (removal->list->widget), removal->box);
  on_value_changed (self);
}

/* One item of a list (an agreed action): its fields in a boxed list of
 * their own, with a button that removes it. */
static void
add_item (WmRecordEditor *self,
          Field          *list,
          JsonObject     *values,
          gboolean        is_new)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove"));
  GPtrArray *item = field_array_new ();
  ItemRemoval *removal = g_new0 (ItemRemoval, 1);

  self->run = NULL;
  build_fields (self, GTK_BOX (box), list->spec->items, item, values, FALSE);
  self->run = NULL;

  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_add_css_class (remove, "flat");
  gtk_box_append (GTK_BOX (box), remove);
  gtk_box_append (GTK_BOX (list->widget), box);
  g_ptr_array_add (list->items, item);

  *removal = (ItemRemoval) { self, list, item, box };
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_item), removal,
                         (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_SWAPPED);
}

typedef struct
{
  WmRecordEditor *editor;
  Field          *list;
} ItemAddition;

static void
add_empty_item (ItemAddition *addition)
{
  add_item (addition->editor, addition->list, NULL, TRUE);
  on_value_changed (addition->editor);
}

static void
build_list (WmRecordEditor *self,
            GtkBox         *parent,
            Field          *field,
            JsonObject     *values)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *items = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Item"));
  JsonNode *node = values ? json_object_get_member (values, field->spec->name) : NULL;
  ItemAddition *addition = g_new0 (ItemAddition, 1);

  field->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  field->widget = items;
  field->row = items;
  field->error_label = make_error_label ();
  field->error_widget = GTK_WIDGET (field->error_label);
  gtk_widget_set_visible (field->error_widget, FALSE);

  gtk_box_append (GTK_BOX (box), make_heading (field_label (field)));
  gtk_box_append (GTK_BOX (box), items);
  gtk_box_append (GTK_BOX (box), field->error_widget);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (parent, box);
  self->run = NULL;

  for (guint i = 0; node && JSON_NODE_HOLDS_ARRAY (node)
                    && i < json_array_get_length (json_node_get_array (node)); i++)
    add_item (self, field, json_array_get_object_element (json_node_get_array (node), i), FALSE);

  *addition = (ItemAddition) { self, field };
  g_signal_connect_data (add, "clicked", G_CALLBACK (add_empty_item), addition,
                         (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_SWAPPED);
}

static void
build_field (WmRecordEditor *self,
             GtkBox         *parent,
             Field          *field,
             JsonObject     *values,
             gboolean        is_new)
{
  switch (field->spec->type)
    {
    case WM_FIELD_BOOL:
      build_switch (self, parent, field, values);
      break;
    case WM_FIELD_CHOICE:
      build_choice (self, parent, field, values);
      break;
    case WM_FIELD_LONG_TEXT:
      build_long_text (self, parent, field, values);
      break;
    case WM_FIELD_LIST:
      build_list (self, parent, field, values);
      break;
    default:
      build_entry (self, parent, field, values, is_new);
    }
}

static void
build_fields (WmRecordEditor    *self,
              GtkBox            *parent,
              const WmFieldSpec *specs,
              GPtrArray         *fields,
              JsonObject        *values,
              gboolean           is_new)
{
  for (const WmFieldSpec *spec = specs; spec->name != NULL; spec++)
    {
      Field *field = g_new0 (Field, 1);

      field->spec = spec;
      g_ptr_array_add (fields, field);
      build_field (self, parent, field, values, is_new);
    }
}

/* Reading the form */

static char *
field_text (Field *field)
{
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (!GTK_IS_TEXT_VIEW (field->widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static JsonObject *collect_fields (GPtrArray *fields);

static void
collect_list (Field      *field,
              JsonObject *body)
{
  JsonArray *array;

  if (field->items->len == 0)
    return;

  array = json_array_new ();
  for (guint i = 0; i < field->items->len; i++)
    json_array_add_object_element (array, collect_fields (g_ptr_array_index (field->items, i)));
  json_object_set_array_member (body, field->spec->name, array);
}

/* A whole number typed as digits is stored as a number; anything else
 * is kept as typed, so validation can say what is wrong with it. */
static void
collect_text (Field      *field,
              JsonObject *body)
{
  g_autofree char *text = field_text (field);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gint64 number;

  if (*trimmed == '\0')
    return;

  if (field->spec->type == WM_FIELD_INTEGER
      && g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &number, NULL))
    json_object_set_int_member (body, field->spec->name, number);
  else
    json_object_set_string_member (body, field->spec->name,
                                   field->spec->type == WM_FIELD_LONG_TEXT ? text : trimmed);
}

static void
collect_field (Field      *field,
               JsonObject *body)
{
  guint selected;

  switch (field->spec->type)
    {
    case WM_FIELD_BOOL:
      json_object_set_boolean_member (body, field->spec->name,
                                      gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;
    case WM_FIELD_CHOICE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));
      if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
        json_object_set_string_member (body, field->spec->name,
                                       field->spec->choices[selected - 1].value);
      break;
    case WM_FIELD_LIST:
      collect_list (field, body);
      break;
    default:
      collect_text (field, body);
    }
}

static JsonObject *
collect_fields (GPtrArray *fields)
{
  JsonObject *body = json_object_new ();

  for (guint i = 0; i < fields->len; i++)
    collect_field (g_ptr_array_index (fields, i), body);

  return body;
}

/* Showing what is wrong */

static void
set_field_error (Field      *field,
                 const char *message)
{
  g_free (field->error);
  field->error = g_strdup (message);

  gtk_label_set_text (field->error_label, message ? message : "");
  gtk_widget_set_visible (field->error_widget, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
}

static gboolean
has_errors (WmRecordEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (((Field *) g_ptr_array_index (self->fields, i))->error != NULL)
      return TRUE;

  return FALSE;
}

static void
clear_errors (WmRecordEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    set_field_error (g_ptr_array_index (self->fields, i), NULL);
}

/* The field of the form with @name, at the top level. */
static Field *
field_named (WmRecordEditor *self,
             const char     *name)
{
  for (guint i = 0; name != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (strcmp (field->spec->name, name) == 0)
        return field;
    }

  return NULL;
}

static void
show_status (WmRecordEditor *self,
             const char     *status,
             gboolean        can_retry)
{
  g_free (self->status);
  self->status = g_strdup (status);

  gtk_label_set_text (self->status_label, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  if (can_retry)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The values are checked again here to find the wrong field by its name,
 * so the message goes under its field whatever the language of the
 * labels. A message about no field is shown above the form. The field
 * with the error takes the focus, so a keyboard user lands where the
 * correction is to be made. */
static void
show_invalid (WmRecordEditor *self,
              const char     *message)
{
  g_autoptr(JsonObject) body = collect_fields (self->fields);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *name = NULL;
  Field *field;

  wm_record_validate_field (self->kind, body, &name, &problem, &error);
  field = field_named (self, name);
  clear_errors (self);
  if (field == NULL || problem == NULL)
    {
      show_status (self, message, FALSE);
      return;
    }

  set_field_error (field, problem);
  gtk_widget_grab_focus (field->widget);
  show_status (self, _("The record is not finished yet: correct the field marked below."), FALSE);
}

/* Checks the marked fields again at each edit, so a message goes as soon
 * as its field is valid instead of staying until the next save.
 * Validation names only the first invalid field of the form. A marked
 * field that is still that one gets the message for its current text,
 * and any other marked field is cleared. Unmarked fields stay unmarked
 * while the officer types, because a half-typed form is not an error. */
static void
recheck_errors (WmRecordEditor *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *problem = NULL;
  const char *name = NULL;

  if (!has_errors (self))
    return;

  body = collect_fields (self->fields);
  wm_record_validate_field (self->kind, body, &name, &problem, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->error != NULL)
        set_field_error (field, field == field_named (self, name) ? problem : NULL);
    }

  /* The line above the form asked for the correction; a failure that
   * offers Try Again stays, since the edit does not answer it. */
  if (!has_errors (self) && !self->saving
      && !gtk_widget_get_visible (GTK_WIDGET (self->retry_button)))
    show_status (self, NULL, FALSE);
}

/* Saving */

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data);

static void
run_save (WmRecordEditor   *self,
          WmRecordSaveMode  mode)
{
  g_autoptr(JsonObject) body = collect_fields (self->fields);

  self->saving = TRUE;
  self->dirty = FALSE;
  self->last_mode = mode;
  if (!self->closed)
    show_status (self, _("Saving…"), FALSE);

  wm_record_saver_run_async (self->database_path, mode, self->case_id, self->record_id,
                             self->kind->name, body, self->amend_reason, self->author,
                             on_saved, g_object_ref (self));
}

static gboolean
autosave_cb (gpointer user_data)
{
  WmRecordEditor *self = user_data;

  self->autosave_id = 0;
  start_next_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (WmRecordEditor *self)
{
  /* An amendment is written only when it is saved. */
  if (self->amend_reason != NULL)
    return;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

/* One save at a time: a new draft must have its id before the next save
 * replaces it, and a finalise must follow the last draft save. */
static void
start_next_save (WmRecordEditor *self)
{
  if (self->saving)
    return;

  if (self->final_requested)
    {
      self->final_requested = FALSE;
      run_save (self, self->amend_reason != NULL ? WM_RECORD_SAVE_AMEND
                                                 : WM_RECORD_SAVE_FINAL);
    }
  else if (self->dirty && self->amend_reason == NULL)
    {
      run_save (self, WM_RECORD_SAVE_DRAFT);
    }
}

static void
finish_final (WmRecordEditor *self)
{
  show_status (self, NULL, FALSE);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->record_id);
  gtk_window_close (GTK_WINDOW (self));
}

/* The values stay in the form whatever happens, so nothing typed is
 * lost: a busy database offers to try again, a wrong field is marked. */
static void
show_failure (WmRecordEditor   *self,
              const GError     *error,
              WmRecordSaveMode  mode)
{
  self->failed = TRUE;
  if (g_error_matches (error, WM_ERROR, WM_ERROR_BUSY))
    {
      self->dirty = TRUE;
      self->final_requested = mode != WM_RECORD_SAVE_DRAFT;
      show_status (self, _("Not saved: another program is using the database. "
                           "What you typed is kept here."), TRUE);
    }
  else if (g_error_matches (error, WM_ERROR, WM_ERROR_INVALID_INPUT))
    show_invalid (self, error->message);
  else
    show_status (self, error->message, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmRecordEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean ok;

  WM_ASSERT_MAIN_THREAD ();

  ok = wm_record_saver_run_finish (result, &id, &error);
  self->saving = FALSE;
  if (id != 0)
    self->record_id = id;

  if (self->closed)
    {
      start_next_save (self);
      return;
    }

  if (!ok)
    {
      show_failure (self, error, self->last_mode);
      return;
    }

  self->failed = FALSE;

  if (self->last_mode != WM_RECORD_SAVE_DRAFT)
    {
      finish_final (self);
      return;
    }

  show_status (self, has_errors (self)
                      ? _("Draft saved. The record is not finished yet: correct the field "
                          "marked below.")
                      : _("Draft saved"), FALSE);
  start_next_save (self);
}

/* Actions */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wm_record_editor_save (WM_RECORD_EDITOR (widget));
}

static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_next_save (WM_RECORD_EDITOR (widget));
}

/* Closing keeps the draft: what was typed since the last autosave is
 * saved now, and the save goes on after the window has gone. */
static gboolean
wm_record_editor_close_request (GtkWindow *window)
{
  WmRecordEditor *self = WM_RECORD_EDITOR (window);

  /* After a failed save the form is the only copy of the text, so it
   * stays open until a save succeeds. */
  if (self->failed && self->dirty && self->amend_reason == NULL)
    {
      show_status (self, _("Not closed: the draft is not saved yet. Try again once "
                           "the database is free."), TRUE);
      return TRUE;
    }

  /* NOTE: a save started here that fails (the database locked since the
   * last autosave) loses what was typed after that autosave, because
   * the form has gone by then. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->dirty && self->amend_reason == NULL && !self->saving)
    run_save (self, WM_RECORD_SAVE_DRAFT);
  self->closed = TRUE;

  return GTK_WINDOW_CLASS (wm_record_editor_parent_class)->close_request (window);
}

/* Overrides */

static void
wm_record_editor_dispose (GObject *object)
{
  WmRecordEditor *self = WM_RECORD_EDITOR (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_RECORD_EDITOR);

  G_OBJECT_CLASS (wm_record_editor_parent_class)->dispose (object);
}

static void
wm_record_editor_finalize (GObject *object)
{
  WmRecordEditor *self = WM_RECORD_EDITOR (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->database_path);
  g_free (self->author);
  g_free (self->amend_reason);
  g_free (self->status);

  G_OBJECT_CLASS (wm_record_editor_parent_class)->finalize (object);
}

static void
add_save_shortcut (GtkWidgetClass *widget_class,
                   guint           keyval)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
wm_record_editor_class_init (WmRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_record_editor_dispose;
  object_class->finalize = wm_record_editor_finalize;
  window_class->close_request = wm_record_editor_close_request;

  /**
   * WmRecordEditor::saved:
   * @record_id: the record that was finalised or amended
   *
   * Emitted when the record is saved for good, just before the editor
   * closes.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WmRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmRecordEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, WmRecordEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecordEditor, retry_button);
  gtk_widget_class_bind_template_child (widget_class, WmRecordEditor, form_box);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.retry", NULL, retry_activated);
  add_save_shortcut (widget_class, GDK_KEY_Return);
  add_save_shortcut (widget_class, GDK_KEY_KP_Enter);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_record_editor_init (WmRecordEditor *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = field_array_new ();

  /* A text view takes Ctrl+Enter for itself unless the window sees the
   * key first, so the save shortcut also runs in the capture phase. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Public API */

static void
set_titles (WmRecordEditor *self,
            const WmRecord *record)
{
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->window_title,
                              g_dgettext (GETTEXT_PACKAGE, self->kind->label));
  if (self->amend_reason != NULL)
    /* Translators: %s is the reason the officer gave for the amendment. */
    subtitle = g_strdup_printf (_("Amending: %s"), self->amend_reason);
  else if (record != NULL)
    subtitle = g_strdup (_("Draft"));
  else
    subtitle = g_strdup (_("New record"));

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), g_dgettext (GETTEXT_PACKAGE, self->kind->label));
}

/**
 * wm_record_editor_new:
 * @database_path: the database, opened again by each save's worker
 * @case_id: the case the record belongs to
 * @kind: the record's kind
 * @record: (nullable): a draft to resume, or a finalised record to amend;
 *   %NULL for a new record
 * @amend_reason: (nullable): with a finalised @record, why it is amended
 * @author: (nullable): the officer, written on the record; when %NULL
 *   or empty, the account's real name (or user name)
 *
 * Returns: (transfer full): a modal editor, not shown yet
 */
WmRecordEditor *
wm_record_editor_new (const char         *database_path,
                      gint64              case_id,
                      const WmRecordKind *kind,
                      const WmRecord     *record,
                      const char         *amend_reason,
                      const char         *author)
{
  WmRecordEditor *self;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (amend_reason == NULL || record != NULL, NULL);

  self = g_object_new (WM_TYPE_RECORD_EDITOR, NULL);
  self->database_path = g_strdup (database_path);
  self->case_id = case_id;
  self->kind = kind;
  self->record_id = record != NULL ? record->id : 0;
  self->amend_reason = g_strdup (amend_reason);
  self->author = author != NULL && *author != '\0' ? g_strdup (author)
                                                   : wm_gui_dup_account_name ();
  set_titles (self, record);

  self->loading = TRUE;
  build_fields (self, self->form_box, kind->fields, self->fields,
                record != NULL ? record->body : NULL, record == NULL);
  self->loading = FALSE;

  return self;
}

/**
 * wm_record_editor_save:
 *
 * Saves the record for good: finalises it, or writes the amendment. A
 * wrong field is marked and keeps its text; on success the editor emits
 * #WmRecordEditor::saved and closes.
 */
void
wm_record_editor_save (WmRecordEditor *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WM_IS_RECORD_EDITOR (self));

  /* The values are checked here first, so a wrong field is shown at once
   * rather than after a trip to the worker. The draft is still saved. */
  body = collect_fields (self->fields);
  if (!wm_record_validate (self->kind, body, &error))
    {
      show_invalid (self, error->message);
      if (self->dirty)
        start_next_save (self);
      return;
    }

  clear_errors (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->final_requested = TRUE;
  start_next_save (self);
}

/**
 * wm_record_editor_get_record_id:
 *
 * Returns: the record's id, or 0 while a new record has not been saved
 */
gint64
wm_record_editor_get_record_id (WmRecordEditor *self)
{
  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), 0);

  return self->record_id;
}

/**
 * wm_record_editor_is_saving:
 *
 * Returns: whether a save is running or waiting to run
 */
gboolean
wm_record_editor_is_saving (WmRecordEditor *self)
{
  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), FALSE);

  return self->saving || self->autosave_id != 0 || self->final_requested;
}

/**
 * wm_record_editor_get_status:
 *
 * Returns: (nullable): the line above the form: "Saving…", "Draft
 *   saved" or what went wrong
 */
const char *
wm_record_editor_get_status (WmRecordEditor *self)
{
  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), NULL);

  return self->status;
}

/**
 * wm_record_editor_get_field_widget:
 * @name: a field of the record's kind
 *
 * Returns: (transfer none) (nullable): the widget that holds the field's
 *   value: an #AdwEntryRow, a #GtkSwitch, a #GtkDropDown, a #GtkTextView
 *   or, for a list, the box of its items
 */
GtkWidget *
wm_record_editor_get_field_widget (WmRecordEditor *self,
                                   const char     *name)
{
  Field *field;

  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self->fields, name);
  return field != NULL ? field->widget : NULL;
}

/**
 * wm_record_editor_get_field_error:
 * @name: a field of the record's kind
 *
 * Returns: (nullable): the message shown under the field, or %NULL when
 *   none is
 */
const char *
wm_record_editor_get_field_error (WmRecordEditor *self,
                                  const char     *name)
{
  Field *field;

  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self->fields, name);
  return field != NULL ? field->error : NULL;
}

/**
 * wm_record_editor_add_list_item:
 * @name: a list field, such as "agreed_actions"
 *
 * Adds an empty item to the list, as its "Add Item" button does.
 */
void
wm_record_editor_add_list_item (WmRecordEditor *self,
                                const char     *name)
{
  Field *field;

  g_return_if_fail (WM_IS_RECORD_EDITOR (self));

  field = find_field (self->fields, name);
  g_return_if_fail (field != NULL && field->items != NULL);

  add_item (self, field, NULL, TRUE);
  on_value_changed (self);
}

/**
 * wm_record_editor_get_item_widget:
 * @name: a list field
 * @index: the item, from 0
 * @item_name: a field of the item
 *
 * Returns: (transfer none) (nullable): the widget of that field of the
 *   item
 */
GtkWidget *
wm_record_editor_get_item_widget (WmRecordEditor *self,
                                  const char     *name,
                                  guint           index,
                                  const char     *item_name)
{
  Field *field, *item_field;

  g_return_val_if_fail (WM_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self->fields, name);
  if (field == NULL || field->items == NULL || index >= field->items->len)
    return NULL;

  item_field = find_field (g_ptr_array_index (field->items, index), item_name);
  return item_field != NULL ? item_field->widget : NULL;
}
