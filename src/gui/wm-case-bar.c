/* wm-case-bar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-case-bar.h"
#include "wm-case.h"
#include "wm-gui.h"
#include "wm-store-records.h"
#include "wm-timeline-page.h"

/* The top of a case tab: a banner when there is a safeguarding concern,
 * then whether the pupil's case is open, since when, why and with whom,
 * with the buttons that open, close and reopen it. The case is written
 * in a worker with a store of its own, as records are, so that waiting
 * for a database locked by another program leaves the window usable. */
struct _WmCaseBar
{
  GtkBox      parent_instance;

  /* Children */
  GtkWidget  *banner;
  GtkWidget  *concern_error;
  GtkLabel   *concern_error_label;
  GtkWidget  *concern_try_again;
  GtkLabel   *status_label;
  GtkWidget  *open_button;
  GtkWidget  *close_button;
  GtkWidget  *reopen_button;
  GtkWidget  *menu_button;
  GtkWidget  *try_again_button;

  /* Owned */
  WmStore    *store;
  WmCase     *latest;

  gint64      pupil_id;
  guint       n_writes;
  gboolean    concern;
};

G_DEFINE_FINAL_TYPE (WmCaseBar, wm_case_bar, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Writing the case in a worker */

typedef enum
{
  CASE_OPEN,
  CASE_CLOSE,
  CASE_REOPEN,
  CASE_ALLOCATE,
} CaseOp;

typedef struct
{
  char   *database_path;
  CaseOp  op;
  gint64  pupil_id;
  gint64  case_id;
  WmDay   day;
  char   *reason;
  char   *officer;
  char   *author;
} CaseJob;

static void
case_job_free (CaseJob *job)
{
  g_free (job->database_path);
  g_free (job->reason);
  g_free (job->officer);
  g_free (job->author);
  g_free (job);
}

static gboolean
run_case_job (WmStore  *store,
              CaseJob  *job,
              GError  **error)
{
  switch (job->op)
    {
    case CASE_OPEN:
      return wm_case_open (store, job->pupil_id, job->day, job->reason, job->officer,
                           job->author, error) != 0;
    case CASE_CLOSE:
      return wm_case_close (store, job->case_id, job->day, job->reason, job->author, error);
    case CASE_REOPEN:
      return wm_case_reopen (store, job->case_id, job->day, job->reason, job->author, error);
    case CASE_ALLOCATE:
      return wm_case_allocate (store, job->case_id, job->day, job->officer, job->author, error);
    default:
      g_assert_not_reached ();
    }
}

static void
case_job_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;

  store = wm_store_open (((CaseJob *) task_data)->database_path, &error);
  if (store == NULL || !run_case_job (store, task_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
show_message (WmCaseBar  *self,
              const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
on_case_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmCaseBar) self = WM_CASE_BAR (source);
  g_autoptr(GError) error = NULL;

  WM_ASSERT_MAIN_THREAD ();
  self->n_writes--;

  if (self->store == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Writing the case of pupil %" G_GINT64_FORMAT " failed: %s",
               self->pupil_id, error->message);
      show_message (self, error->message);
    }

  wm_case_bar_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
start_case_job (WmCaseBar  *self,
                CaseOp      op,
                WmDay       day,
                const char *reason,
                const char *officer)
{
  g_autoptr(GTask) task = NULL;
  CaseJob *job = g_new0 (CaseJob, 1);

  job->database_path = g_strdup (wm_store_get_path (self->store));
  job->op = op;
  job->pupil_id = self->pupil_id;
  job->case_id = self->latest != NULL ? self->latest->id : 0;
  job->day = day;
  job->reason = g_strdup (reason);
  job->officer = g_strdup (officer);
  job->author = wm_author_name_for (GTK_WIDGET (self));

  self->n_writes++;
  task = g_task_new (g_object_ref (self), NULL, on_case_written, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) case_job_free);
  g_task_run_in_thread (task, case_job_in_thread);
}

/* The small forms */

static GtkWidget *
add_entry (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static gboolean
respond_default (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (widget);
  const char *response = adw_message_dialog_get_default_response (dialog);

  if (response == NULL || !adw_message_dialog_get_response_enabled (dialog, response))
    return FALSE;

  adw_message_dialog_response (dialog, response);
  return TRUE;
}

/* Adds Ctrl+Enter for the default response, because every form of the
 * application saves with Ctrl+Enter. Enter in a field already activates
 * the default response through activates-default. */
static void
add_save_shortcut (AdwMessageDialog *dialog)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger =
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK));

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_callback_action_new (respond_default,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (dialog), controller);
}

static char *
today_text (void)
{
  WmDay today = wm_day_today ();

  return g_strdup_printf ("%02u/%02u/%04u", wm_day_of_month (today), wm_day_month (today),
                          wm_day_year (today));
}

static char *
entry_text (AdwMessageDialog *dialog,
            const char       *key)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);

  return entry != NULL ? g_strstrip (g_strdup (gtk_editable_get_text (entry))) : NULL;
}

static void
on_form_response (AdwMessageDialog *dialog,
                  const char       *response,
                  WmCaseBar        *self)
{
  g_autofree char *date = entry_text (dialog, "date");
  g_autofree char *reason = entry_text (dialog, "reason");
  g_autofree char *officer = entry_text (dialog, "officer");
  CaseOp op = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "op"));
  WmDay day;

  if (g_strcmp0 (response, "ok") != 0)
    return;

  if (!wm_record_parse_date (date, &day))
    {
      g_autofree char *message = g_strdup_printf (_("Date: %s is not a date; write it as "
                                                    "DD/MM/YYYY"), date);
      show_message (self, message);
      return;
    }

  start_case_job (self, op, day, *reason ? reason : NULL,
                  officer != NULL && *officer ? officer : NULL);
}

static void
present_form (WmCaseBar  *self,
              CaseOp      op,
              const char *heading,
              const char *verb)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *today = today_text ();
  g_autofree char *officer = wm_officer_name_for (GTK_WIDGET (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, NULL));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data (G_OBJECT (dialog), "date", add_entry (list, _("Date (DD/MM/YYYY)"), today));
  g_object_set_data (G_OBJECT (dialog), "reason", add_entry (list, _("Reason"), NULL));
  if (op == CASE_OPEN)
    g_object_set_data (G_OBJECT (dialog), "officer", add_entry (list, _("Lead officer"), officer));
  g_object_set_data (G_OBJECT (dialog), "op", GUINT_TO_POINTER (op));

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", verb, NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  add_save_shortcut (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_form_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_clicked (WmCaseBar *self)
{
  present_form (self, CASE_OPEN, _("Open a Case"), _("_Open Case"));
}

static void
close_clicked (WmCaseBar *self)
{
  present_form (self, CASE_CLOSE, _("Close the Case"), _("_Close Case"));
}

static void
reopen_clicked (WmCaseBar *self)
{
  present_form (self, CASE_REOPEN, _("Reopen the Case"), _("_Reopen Case"));
}

/* Allocating the case. The dialog stays open while what was typed is
 * wrong, with the reason under the field, so nothing typed is lost. */

/* Returns the message for the first wrong field, or %NULL when both are
 * right; @out_day is the date typed. */
static char *
check_allocation (WmCaseBar  *self,
                  const char *officer,
                  const char *date,
                  WmDay      *out_day)
{
  if (*officer == '\0')
    return g_strdup (_("Officer: enter the name of the officer who leads the case from now"));

  if (!wm_record_parse_date (date, out_day))
    return g_strdup_printf (_("Date: “%s” is not a date; write it as DD/MM/YYYY"), date);

  if (self->latest != NULL && *out_day < self->latest->opened_on)
    {
      g_autofree char *opened = wm_day_format_long (self->latest->opened_on);

      /* Translators: %s is the date the case was opened. */
      return g_strdup_printf (_("Date: the case was opened on %s; an allocation cannot "
                                "start before that"), opened);
    }

  return NULL;
}

static void
on_allocation_changed (AdwMessageDialog *dialog)
{
  WmCaseBar *self = g_object_get_data (G_OBJECT (dialog), "case-bar");
  GtkLabel *problem = g_object_get_data (G_OBJECT (dialog), "problem");
  g_autofree char *officer = entry_text (dialog, "officer");
  g_autofree char *date = entry_text (dialog, "date");
  g_autofree char *message = NULL;
  WmDay day;

  message = check_allocation (self, officer, date, &day);
  gtk_label_set_text (problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (problem), message != NULL);
  adw_message_dialog_set_response_enabled (dialog, "ok", message == NULL);
}

static void
on_allocation_response (AdwMessageDialog *dialog,
                        const char       *response,
                        WmCaseBar        *self)
{
  g_autofree char *officer = entry_text (dialog, "officer");
  g_autofree char *date = entry_text (dialog, "date");
  g_autofree char *message = NULL;
  WmDay day;

  if (g_strcmp0 (response, "ok") != 0)
    return;

  message = check_allocation (self, officer, date, &day);
  if (message != NULL)
    {
      show_message (self, message);
      return;
    }

  start_case_job (self, CASE_ALLOCATE, day, NULL, officer);
}

static GtkWidget *
add_problem_label (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
allocate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wm_case_bar_present_allocate (WM_CASE_BAR (widget));
}

/* Showing the case */

static char *
describe_case (const WmCase *c)
{
  g_autofree char *opened = NULL;
  g_autofree char *closed = NULL;
  GString *text = g_string_new (NULL);

  if (c == NULL)
    return g_strdup (_("No case is open for this pupil."));

  opened = wm_day_format_long (c->opened_on);
  if (c->closed_on != WM_DAY_NONE)
    {
      closed = wm_day_format_long (c->closed_on);
      /* Translators: "Case closed on 3 July 2026". */
      g_string_append_printf (text, _("Case closed on %s"), closed);
      if (c->close_reason != NULL)
        g_string_append_printf (text, " · %s", c->close_reason);
      return g_string_free (text, FALSE);
    }

  /* Translators: "Case open since 2 March 2026". */
  g_string_append_printf (text, _("Case open since %s"), opened);
  if (c->open_reason != NULL)
    g_string_append_printf (text, " · %s", c->open_reason);
  if (c->lead_officer != NULL)
    /* Translators: the officer the case is allocated to. */
    g_string_append_printf (text, _(" · Lead officer: %s"), c->lead_officer);

  return g_string_free (text, FALSE);
}

/* A safeguarding record, final or still a draft (a home visit with a
 * concern opens one), makes the banner show. A failed read sets @error
 * rather than returning "no concern", because the officer at the door
 * takes a missing banner to mean there is nothing to know. */
static gboolean
read_concern (WmCaseBar  *self,
              gboolean   *out_concern,
              GError    **error)
{
  static const char * const kinds[] = { "safeguarding", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  *out_concern = FALSE;
  entries = wm_store_list_timeline_filtered (self->store, self->pupil_id, kinds,
                                             WM_RECORD_LIST_INCLUDE_RESTRICTED, error);
  if (entries == NULL)
    return FALSE;

  if (entries->len > 0 || self->latest == NULL || self->latest->closed_on != WM_DAY_NONE)
    {
      *out_concern = entries->len > 0;
      return TRUE;
    }

  drafts = wm_record_list_drafts (self->store, self->latest->id,
                                  WM_RECORD_LIST_INCLUDE_RESTRICTED, error);
  if (drafts == NULL)
    return FALSE;

  for (guint i = 0; i < drafts->len; i++)
    if ((((WmRecord *) g_ptr_array_index (drafts, i))->kind->flags
         & WM_RECORD_FLAG_RESTRICTED) != 0)
      *out_concern = TRUE;

  return TRUE;
}

/* Shows the banner, the failure in its place, or neither. */
static void
show_concern (WmCaseBar    *self,
              gboolean      concern,
              const GError *error)
{
  self->concern = concern;
  gtk_widget_set_visible (self->banner, error == NULL && concern);
  gtk_widget_set_visible (self->concern_error, error != NULL);
  gtk_widget_set_visible (self->concern_try_again, error != NULL);
  if (error == NULL)
    return;

  {
    g_autofree char *text = wm_gui_describe_error (_("Could not read whether a safeguarding "
                                                     "concern is recorded"), error);

    gtk_label_set_text (self->concern_error_label, text);
  }
}

/* Reads the safeguarding records and shows the result. */
static void
load_concern (WmCaseBar *self)
{
  g_autoptr(GError) error = NULL;
  gboolean concern;

  if (!read_concern (self, &concern, &error))
    g_warning ("Could not read the safeguarding records of pupil %" G_GINT64_FORMAT ": %s",
               self->pupil_id, error->message);
  show_concern (self, concern, error);
}

static gboolean
load_latest (WmCaseBar  *self,
             GError    **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_clear_pointer (&self->latest, wm_case_free);
  cases = wm_case_list_for_pupil (self->store, self->pupil_id, error);
  if (cases == NULL)
    {
      g_warning ("Could not read the cases of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, (*error)->message);
      return FALSE;
    }

  /* The open case if there is one, otherwise the one closed last. */
  for (guint i = 0; i < cases->len; i++)
    {
      WmCase *c = g_ptr_array_index (cases, i);

      if (self->latest == NULL || c->closed_on == WM_DAY_NONE
          || (self->latest->closed_on != WM_DAY_NONE && c->closed_on > self->latest->closed_on))
        {
          g_clear_pointer (&self->latest, wm_case_free);
          self->latest = g_ptr_array_steal_index (cases, i--);
          if (self->latest->closed_on == WM_DAY_NONE)
            break;
        }
    }

  return TRUE;
}

/* A case list that failed to load is not shown as "no case". The bar
 * shows the error and a "Try Again" button, and hides the button that
 * would open a second case. */
static void
show_load_error (WmCaseBar    *self,
                 const GError *error)
{
  g_autofree char *text = wm_gui_describe_error (_("Could not read the pupil's cases"), error);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (self->open_button, FALSE);
  gtk_widget_set_visible (self->close_button, FALSE);
  gtk_widget_set_visible (self->reopen_button, FALSE);
  gtk_widget_set_visible (self->menu_button, FALSE);
  gtk_widget_set_visible (self->try_again_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-bar.allocate", FALSE);

  /* A draft concern belongs to the open case, which is unknown now. */
  show_concern (self, FALSE, error);
}

/* Overrides */

static void
wm_case_bar_dispose (GObject *object)
{
  WmCaseBar *self = WM_CASE_BAR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->latest, wm_case_free);

  G_OBJECT_CLASS (wm_case_bar_parent_class)->dispose (object);
}

static void
wm_case_bar_class_init (WmCaseBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_case_bar_dispose;

  /**
   * WmCaseBar::changed:
   *
   * The case was opened, allocated, closed or reopened.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "case-bar.allocate", NULL,
                                   allocate_activated);
}

static GtkWidget *
build_menu_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("_Allocate to Another Officer…"), "case-bar.allocate");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (button, _("Case Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Case Menu"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, FALSE);
  return button;
}

static GtkWidget *
add_button (WmCaseBar  *self,
            GtkWidget  *box,
            const char *label,
            GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/* The banner is a label in an error-coloured box: libadwaita 1.2 has no
 * banner widget, and the concern must be impossible to miss. */
static GtkWidget *
build_banner (void)
{
  GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Safeguarding concern recorded: see the restricted "
                                      "section of the Timeline"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (banner), icon);
  gtk_box_append (GTK_BOX (banner), label);
  gtk_widget_add_css_class (banner, "safeguarding-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_widget_set_visible (banner, FALSE);
  return banner;
}

/* Where the banner would be, the reason the safeguarding records could
 * not be read, in the banner's colours and with "Try Again": an officer
 * must not take a failed read for "no concern". */
static void
build_concern_error (WmCaseBar *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  self->concern_error = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->concern_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->concern_error_label, TRUE);
  gtk_label_set_wrap_mode (self->concern_error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->concern_error_label, 0);
  gtk_label_set_selectable (self->concern_error_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->concern_error_label), TRUE);
  self->concern_try_again = wm_gui_try_again_button_new (G_CALLBACK (wm_case_bar_reload), self);

  gtk_box_append (GTK_BOX (self->concern_error), icon);
  gtk_box_append (GTK_BOX (self->concern_error), GTK_WIDGET (self->concern_error_label));
  gtk_box_append (GTK_BOX (self->concern_error), self->concern_try_again);
  gtk_widget_add_css_class (self->concern_error, "safeguarding-banner");
  gtk_widget_set_visible (self->concern_error, FALSE);
  gtk_widget_set_visible (self->concern_try_again, FALSE);
}

static void
wm_case_bar_init (WmCaseBar *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  wm_gui_init ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->banner = build_banner ();
  build_concern_error (self);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->status_label));
  self->open_button = add_button (self, row, _("_Open Case…"), G_CALLBACK (open_clicked));
  self->close_button = add_button (self, row, _("_Close Case…"), G_CALLBACK (close_clicked));
  self->reopen_button = add_button (self, row, _("_Reopen Case…"), G_CALLBACK (reopen_clicked));
  self->menu_button = build_menu_button ();
  gtk_box_append (GTK_BOX (row), self->menu_button);
  self->try_again_button = wm_gui_try_again_button_new (G_CALLBACK (wm_case_bar_reload), self);
  gtk_widget_set_visible (self->try_again_button, FALSE);
  gtk_box_append (GTK_BOX (row), self->try_again_button);

  gtk_widget_set_margin_bottom (row, 6);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_box_append (GTK_BOX (self), self->banner);
  gtk_box_append (GTK_BOX (self), self->concern_error);
  gtk_box_append (GTK_BOX (self), row);
}

/* Public API */

/**
 * wm_case_bar_set_pupil:
 * @store: the window's store, read on the main thread
 * @pupil_id: the pupil
 */
void
wm_case_bar_set_pupil (WmCaseBar *self,
                       WmStore   *store,
                       gint64     pupil_id)
{
  g_return_if_fail (WM_IS_CASE_BAR (self));
  g_return_if_fail (WM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->pupil_id = pupil_id;
  wm_case_bar_reload (self);
}

/**
 * wm_case_bar_reload:
 *
 * Reads the pupil's case and safeguarding records again.
 */
void
wm_case_bar_reload (WmCaseBar *self)
{
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  gboolean open, closed;

  g_return_if_fail (WM_IS_CASE_BAR (self));

  WM_ASSERT_MAIN_THREAD ();

  if (!load_latest (self, &error))
    {
      show_load_error (self, error);
      return;
    }

  open = self->latest != NULL && self->latest->closed_on == WM_DAY_NONE;
  closed = self->latest != NULL && !open;
  status = describe_case (self->latest);

  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (self->open_button, self->latest == NULL);
  gtk_widget_set_visible (self->close_button, open);
  gtk_widget_set_visible (self->reopen_button, closed);
  gtk_widget_set_visible (self->menu_button, open);
  gtk_widget_set_visible (self->try_again_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-bar.allocate", open);
  load_concern (self);
}

/**
 * wm_case_bar_get_case_id:
 *
 * Returns: the open case, or 0 when none is open
 */
gint64
wm_case_bar_get_case_id (WmCaseBar *self)
{
  g_return_val_if_fail (WM_IS_CASE_BAR (self), 0);

  return self->latest != NULL && self->latest->closed_on == WM_DAY_NONE ? self->latest->id : 0;
}

const char *
wm_case_bar_get_status_text (WmCaseBar *self)
{
  g_return_val_if_fail (WM_IS_CASE_BAR (self), NULL);

  return gtk_label_get_text (self->status_label);
}

/**
 * wm_case_bar_get_concern_shown:
 *
 * Returns: whether the safeguarding banner is shown; %FALSE also when
 *   the safeguarding records could not be read, and the bar shows why
 *   in the banner's place
 */
gboolean
wm_case_bar_get_concern_shown (WmCaseBar *self)
{
  g_return_val_if_fail (WM_IS_CASE_BAR (self), FALSE);

  return self->concern;
}

gboolean
wm_case_bar_is_busy (WmCaseBar *self)
{
  g_return_val_if_fail (WM_IS_CASE_BAR (self), FALSE);

  return self->n_writes > 0;
}

/**
 * wm_case_bar_open_case:
 * @opened_on: the date of opening
 * @reason: (nullable): why
 * @lead_officer: (nullable): the officer the case is allocated to
 *
 * Opens a case for the pupil, as the "Open Case" form does.
 */
void
wm_case_bar_open_case (WmCaseBar  *self,
                       WmDay       opened_on,
                       const char *reason,
                       const char *lead_officer)
{
  g_return_if_fail (WM_IS_CASE_BAR (self));

  start_case_job (self, CASE_OPEN, opened_on, reason, lead_officer);
}

/**
 * wm_case_bar_close_case:
 * @closed_on: the date of closing
 * @reason: (nullable): why
 *
 * Closes the open case, as the "Close Case" form does.
 */
void
wm_case_bar_close_case (WmCaseBar  *self,
                        WmDay       closed_on,
                        const char *reason)
{
  g_return_if_fail (WM_IS_CASE_BAR (self));

  start_case_job (self, CASE_CLOSE, closed_on, reason, NULL);
}

/**
 * wm_case_bar_reopen_case:
 * @reopened_on: the date of reopening
 * @reason: (nullable): why
 *
 * Reopens the case closed last, as the "Reopen Case" form does.
 */
void
wm_case_bar_reopen_case (WmCaseBar  *self,
                         WmDay       reopened_on,
                         const char *reason)
{
  g_return_if_fail (WM_IS_CASE_BAR (self));

  start_case_job (self, CASE_REOPEN, reopened_on, reason, NULL);
}

/**
 * wm_case_bar_present_allocate:
 *
 * Shows the "Allocate to Another Officer" dialog for the open case: the
 * officer's name (required) and the first day (today unless changed).
 * Each field is checked as it is typed and the reason for a wrong one is
 * shown under the fields; the allocation is written in a worker.
 *
 * Returns: (transfer none): the dialog
 */
AdwMessageDialog *
wm_case_bar_present_allocate (WmCaseBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *today = today_text ();
  AdwMessageDialog *dialog;
  GtkWidget *officer, *date;

  g_return_val_if_fail (WM_IS_CASE_BAR (self), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Allocate to Another Officer"),
                                                       _("The officer leads the case from the "
                                                         "date given. Earlier allocations stay in "
                                                         "the case history.")));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  officer = add_entry (list, _("Officer"), NULL);
  date = add_entry (list, _("First day (DD/MM/YYYY)"), today);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (officer), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (date), TRUE);
  gtk_box_append (GTK_BOX (box), list);

  g_object_set_data (G_OBJECT (dialog), "officer", officer);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "problem", add_problem_label (box));
  g_object_set_data_full (G_OBJECT (dialog), "case-bar", g_object_ref (self), g_object_unref);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", _("_Allocate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_swapped (officer, "changed", G_CALLBACK (on_allocation_changed), dialog);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (on_allocation_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_allocation_response), self, 0);
  on_allocation_changed (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (officer);
  return dialog;
}

/**
 * wm_case_bar_allocate_case:
 * @from_day: the first day the officer leads the case
 * @officer: the officer
 *
 * Allocates the open case to @officer, as the "Allocate to Another
 * Officer" dialog does.
 */
void
wm_case_bar_allocate_case (WmCaseBar  *self,
                           WmDay       from_day,
                           const char *officer)
{
  g_return_if_fail (WM_IS_CASE_BAR (self));

  start_case_job (self, CASE_ALLOCATE, from_day, NULL, officer);
}
