/* wm-escalation-page.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-escalation-page.h"
#include "wm-gui.h"
#include "wm-record.h"

/* The Escalation page: the graduated response computed for the case.
 * The routes come first (safeguarding on top), then every legal step as
 * "Ready" or with the evidence still missing, then the interventions
 * expected at the pupil's level. The response is computed in a worker
 * (wm-case-response.c); the page only lays it out.
 *
 * A missing item has a button to the action that supplies it: the record
 * editor of the matching kind, the People page for a parent's address, or
 * an import for an incomplete register. The page asks for those through
 * signals, so that the case view decides where the editor comes from. A
 * satisfied item, and a done intervention, opens the record behind it. */
struct _WmEscalationPage
{
  GtkBox         parent_instance;

  /* Template children */
  GtkStack      *stack;
  AdwStatusPage *error_status;
  GtkBox        *content_box;

  /* Owned */
  char          *database_path;
  WmCaseResponse *result;
  GtkListBox    *step_rows[WM_N_LEGAL_STEPS];
  GtkListBox    *checklist_rows;
  GCancellable  *cancellable;

  gint64         pupil_id;
  WmDay          as_of;
};

G_DEFINE_FINAL_TYPE (WmEscalationPage, wm_escalation_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_ADD_RECORD,
  SIGNAL_OPEN_RECORD,
  SIGNAL_SHOW_PEOPLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The record kind that supplies each evidence item of a legal step and
 * each intervention of the checklist. Items missing from this table are
 * met by time or by the register (a notice period running out, the
 * threshold being reached), so there is nothing for the officer to add. */
static const struct
{
  const char *item;
  const char *kind;
} item_kinds[] = {
  { "home-visit", "home-visit" },
  { "home-visits", "home-visit" },
  { "visit-or-meeting", "home-visit" },
  { "parent-meeting", "meeting" },
  { "attendance-plan", "attendance-plan" },
  { "early-help", "referral" },
  { "support-offered", "referral" },
  { "pupil-absence-team", "referral" },
  { "school-nursing", "referral" },
  { "specialist-referral", "referral" },
  { "first-day-contact", "contact" },
  { "officer-contact", "contact" },
  { "eso-considered", "eso-consideration" },
  { "warning-letter", "warning-letter" },
  { "notice-to-improve", "notice-to-improve" },
  { "healthcare-plan", "healthcare-plan" },
  { "sibling-comparison", "note" },
  { "praise-and-reward", "note" },
};

/* Helpers */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
set_row_record (GtkWidget *row,
                gint64     record_id)
{
  g_object_set_data_full (G_OBJECT (row), "record-id",
                          g_memdup2 (&record_id, sizeof record_id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), record_id != 0);
  if (record_id != 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
}

static gint64
get_row_record (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "record-id");

  return id != NULL ? *id : 0;
}

static GtkListBox *
new_list (const char *name)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return GTK_LIST_BOX (box);
}

static AdwPreferencesGroup *
add_group (WmEscalationPage *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->content_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* Rows */

static void
on_add_clicked (GtkButton        *button,
                WmEscalationPage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "record-kind");

  g_signal_emit (self, signals[SIGNAL_ADD_RECORD], 0, kind);
}

static void
on_people_clicked (GtkButton        *button,
                   WmEscalationPage *self)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_PEOPLE], 0);
}

/* The label wraps, so that a long one ("Education Supervision Order
 * considered") does not widen the page past a phone's 360 pixels.
 * AdwButtonContent cannot wrap in libadwaita 1.2, so the icon and label
 * are packed here, and the button is named once by its label. */
static GtkWidget *
new_action_button (const char *icon_name,
                   const char *label,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (content), text);

  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "image-text-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* The button that supplies a missing item, or %NULL when only time or
 * the register can supply it. */
static GtkWidget *
build_supply_button (WmEscalationPage *self,
                     const char       *item_key)
{
  const WmRecordKind *kind = wm_record_kind_lookup (wm_escalation_item_kind (item_key));
  GtkWidget *button;

  if (g_strcmp0 (item_key, "parent-address") == 0)
    {
      button = new_action_button ("system-users-symbolic", _("People"),
                                  _("Add or check the parents on the People page"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_people_clicked), self, 0);
      return button;
    }

  if (g_strcmp0 (item_key, "register-complete") == 0)
    {
      button = new_action_button ("document-open-symbolic", _("Import"),
                                  _("Import the school's latest register"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
      return button;
    }

  if (kind == NULL)
    return NULL;

  /* Translators: the tooltip of a button that opens a new record of a
   * kind, such as "Add a record: Home visit". */
  {
    const char *label = g_dgettext (GETTEXT_PACKAGE, kind->label);
    g_autofree char *tooltip = g_strdup_printf (_("Add a record: %s"), label);

    button = new_action_button ("list-add-symbolic", label, tooltip);
  }
  g_object_set_data (G_OBJECT (button), "record-kind", (gpointer) kind->name);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_add_clicked), self, 0);
  return button;
}

/* The state a row's icon shows: evidence on the case, evidence still
 * missing, or a route the pupil is on, which calls for action. A route is
 * met, but a tick beside "Notify the local authority" would read as done,
 * so a route takes the warning sign. */
typedef enum
{
  ITEM_SATISFIED,
  ITEM_MISSING,
  ITEM_ACTION,
} ItemState;

static GtkWidget *
new_item_icon (ItemState state)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (state == ITEM_SATISFIED
                                                  ? "emblem-ok-symbolic"
                                                  : "dialog-warning-symbolic");
  const char *label = _("Done");

  if (state == ITEM_MISSING)
    label = _("Missing");
  else if (state == ITEM_ACTION)
    /* Translators: the accessible name of the warning sign beside a
     * route the pupil is on, such as a child missing education */
    label = _("Action needed");

  gtk_widget_add_css_class (icon, state == ITEM_SATISFIED ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return icon;
}

static GtkWidget *
build_item_row (WmEscalationPage *self,
                const char       *key,
                const char       *title,
                const char       *subtitle,
                ItemState         state,
                gint64            record_id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
  gboolean missing = state == ITEM_MISSING;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_item_icon (state));
  g_object_set_data_full (G_OBJECT (row), "item-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), "missing", GINT_TO_POINTER (missing));

  if (missing)
    {
      GtkWidget *button = build_supply_button (self, key);

      if (button != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  set_row_record (row, missing ? 0 : record_id);
  return row;
}

static void
on_row_activated (WmEscalationPage *self,
                  GtkListBoxRow    *row)
{
  gint64 record_id = get_row_record (GTK_WIDGET (row));

  if (record_id != 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, record_id);
}

static GtkListBox *
add_list (WmEscalationPage    *self,
          AdwPreferencesGroup *group,
          const char          *name)
{
  GtkListBox *list = new_list (name);

  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (list));
  return list;
}

/* Sections */

static void
show_routes (WmEscalationPage *self,
             const WmResponse *response)
{
  AdwPreferencesGroup *group;
  GtkListBox *list;

  if (response->routes->len == 0)
    return;

  group = add_group (self, _("Routes"), NULL);
  list = add_list (self, group, _("Routes"));
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);
      GtkWidget *row = build_item_row (self, wm_route_kind_to_string (route->kind),
                                       route->sentence, NULL, ITEM_ACTION,
                                       route->record_id);

      /* A safeguarding concern overrides every other display of the
       * case, so its row takes the error colour. */
      if (route->kind == WM_ROUTE_SAFEGUARDING)
        gtk_widget_add_css_class (row, "safeguarding-route");
      gtk_list_box_append (list, row);
    }
}

static guint
count_missing (const WmStepReadiness *readiness)
{
  guint n = 0;

  for (guint i = 0; i < readiness->items->len; i++)
    n += !((WmEvidenceItem *) g_ptr_array_index (readiness->items, i))->satisfied;

  return n;
}

static void
show_step (WmEscalationPage      *self,
           const WmStepReadiness *readiness)
{
  guint n_missing = count_missing (readiness);
  g_autofree char *description = NULL;
  AdwPreferencesGroup *group;
  GtkListBox *list;

  if (readiness->ready)
    description = g_strdup (_("Ready: every piece of evidence is on the case"));
  else
    description = g_strdup_printf (ngettext ("%u item missing", "%u items missing",
                                             n_missing), n_missing);

  group = add_group (self, wm_legal_step_label (readiness->step), description);
  list = add_list (self, group, wm_legal_step_label (readiness->step));
  self->step_rows[readiness->step] = list;

  for (guint i = 0; i < readiness->items->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (readiness->items, i);

      ItemState state = item->satisfied ? ITEM_SATISFIED : ITEM_MISSING;

      gtk_list_box_append (list, build_item_row (self, item->key, item->sentence, NULL,
                                                 state, item->record_id));
    }
}

static void
show_checklist (WmEscalationPage *self,
                const WmResponse *response)
{
  AdwPreferencesGroup *group;

  group = add_group (self, _("Interventions at This Level"),
                     response->checklist->len == 0
                     ? _("No interventions are expected without a level")
                     : _("Each is done when a matching record is on the case"));
  self->checklist_rows = add_list (self, group, _("Interventions"));

  for (guint i = 0; i < response->checklist->len; i++)
    {
      const WmChecklistItem *item = g_ptr_array_index (response->checklist, i);
      ItemState state = item->done ? ITEM_SATISFIED : ITEM_MISSING;

      gtk_list_box_append (self->checklist_rows,
                           build_item_row (self, item->key, item->label, item->sentence,
                                           state, item->record_id));
    }
}

static void
show_response (WmEscalationPage *self)
{
  const WmResponse *response = self->result->response;

  clear_box (self->content_box);
  for (guint i = 0; i < WM_N_LEGAL_STEPS; i++)
    self->step_rows[i] = NULL;

  show_routes (self, response);
  for (guint i = 0; i < WM_N_LEGAL_STEPS; i++)
    show_step (self, &response->steps[i]);
  show_checklist (self, response);

  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* Loading */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmEscalationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaseResponse) loaded = wm_case_response_load_finish (result, &error);

  WM_ASSERT_MAIN_THREAD ();

  /* A newer load replaced this one, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (loaded == NULL)
    {
      g_warning ("Could not compute the response of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      wm_gui_status_page_set_error (self->error_status, error,
                                    G_CALLBACK (wm_escalation_page_reload), self);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->result, wm_case_response_free);
  self->result = g_steal_pointer (&loaded);
  show_response (self);
}

/* Overrides */

static void
wm_escalation_page_dispose (GObject *object)
{
  WmEscalationPage *self = WM_ESCALATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_ESCALATION_PAGE);

  G_OBJECT_CLASS (wm_escalation_page_parent_class)->dispose (object);
}

static void
wm_escalation_page_finalize (GObject *object)
{
  WmEscalationPage *self = WM_ESCALATION_PAGE (object);

  g_clear_pointer (&self->result, wm_case_response_free);
  g_free (self->database_path);

  G_OBJECT_CLASS (wm_escalation_page_parent_class)->finalize (object);
}

static void
wm_escalation_page_class_init (WmEscalationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_escalation_page_dispose;
  object_class->finalize = wm_escalation_page_finalize;

  /**
   * WmEscalationPage::add-record:
   * @kind: the record kind's name, such as "meeting"
   *
   * The officer asked to add the record that supplies a missing item.
   */
  signals[SIGNAL_ADD_RECORD] = g_signal_new ("add-record", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WmEscalationPage::open-record:
   * @record_id: the record
   *
   * The officer asked to see the record behind an item.
   */
  signals[SIGNAL_OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * WmEscalationPage::show-people:
   *
   * The officer asked to add or check a parent's details.
   */
  signals[SIGNAL_SHOW_PEOPLE] = g_signal_new ("show-people", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-escalation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmEscalationPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WmEscalationPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, WmEscalationPage, content_box);
}

static void
wm_escalation_page_init (WmEscalationPage *self)
{
  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * wm_escalation_page_set_pupil:
 * @database_path: the database, opened again in the worker
 * @pupil_id: the pupil
 * @as_of: the evaluation date, normally today
 *
 * Computes and shows the pupil's response as of @as_of.
 */
void
wm_escalation_page_set_pupil (WmEscalationPage *self,
                              const char       *database_path,
                              gint64            pupil_id,
                              WmDay             as_of)
{
  g_return_if_fail (WM_IS_ESCALATION_PAGE (self));
  g_return_if_fail (database_path != NULL);

  if (pupil_id != self->pupil_id)
    {
      g_clear_pointer (&self->result, wm_case_response_free);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  self->pupil_id = pupil_id;
  self->as_of = as_of;
  wm_escalation_page_reload (self);
}

/**
 * wm_escalation_page_reload:
 *
 * Computes the response again, after a record or the register changed.
 * The page keeps showing the previous result until the new one arrives;
 * a reload still running is cancelled.
 */
void
wm_escalation_page_reload (WmEscalationPage *self)
{
  g_return_if_fail (WM_IS_ESCALATION_PAGE (self));

  WM_ASSERT_MAIN_THREAD ();

  if (self->database_path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  wm_case_response_load_async (self->database_path, self->pupil_id, self->as_of,
                               self->cancellable, on_loaded, g_object_ref (self));
}

/**
 * wm_escalation_page_is_busy:
 *
 * Returns: whether a response is being computed
 */
gboolean
wm_escalation_page_is_busy (WmEscalationPage *self)
{
  g_return_val_if_fail (WM_IS_ESCALATION_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * wm_escalation_page_get_response:
 *
 * Returns: (transfer none) (nullable): the response shown, %NULL before
 *   the first one arrives
 */
const WmResponse *
wm_escalation_page_get_response (WmEscalationPage *self)
{
  g_return_val_if_fail (WM_IS_ESCALATION_PAGE (self), NULL);

  return self->result != NULL ? self->result->response : NULL;
}

/**
 * wm_escalation_page_get_step_rows:
 * @step: a legal step
 *
 * Each row is one evidence item, with the item's key in its "item-key"
 * data and a non-zero "missing" data when the item is missing.
 *
 * Returns: (transfer none) (nullable): the rows of @step, %NULL before
 *   the first response arrives
 */
GtkListBox *
wm_escalation_page_get_step_rows (WmEscalationPage *self,
                                  WmLegalStep       step)
{
  g_return_val_if_fail (WM_IS_ESCALATION_PAGE (self), NULL);
  g_return_val_if_fail ((guint) step < WM_N_LEGAL_STEPS, NULL);

  return self->step_rows[step];
}

/**
 * wm_escalation_page_get_checklist:
 *
 * Returns: (transfer none) (nullable): the rows of the interventions
 */
GtkListBox *
wm_escalation_page_get_checklist (WmEscalationPage *self)
{
  g_return_val_if_fail (WM_IS_ESCALATION_PAGE (self), NULL);

  return self->checklist_rows;
}

/**
 * wm_escalation_item_kind:
 * @item_key: an evidence item's or intervention's key
 *
 * Returns: (nullable): the record kind that supplies the item, %NULL when
 *   no record does
 */
const char *
wm_escalation_item_kind (const char *item_key)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_kinds); i++)
    if (g_strcmp0 (item_kinds[i].item, item_key) == 0)
      return item_kinds[i].kind;

  return NULL;
}
