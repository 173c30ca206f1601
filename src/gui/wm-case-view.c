/* wm-case-view.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wm-a11y.h"
#include "wm-attendance-page.h"
#include "wm-attendance.h"
#include "wm-bundle-dialog.h"
#include "wm-case-bar.h"
#include "wm-case-view.h"
#include "wm-escalation-page.h"
#include "wm-gui.h"
#include "wm-people-page.h"
#include "wm-timeline-object.h"
#include "wm-timeline-page.h"

/* One case tab: the pupil's details and level in a header, and the
 * Timeline, Attendance, Escalation and People pages below it. The view reads from the window's
 * store on the main thread, because the reads are a few small queries. */
struct _WmCaseView
{
  GtkBox          parent_instance;

  /* Template children */
  GtkLabel       *name_label;
  GtkLabel       *details_label;
  GtkLabel       *badge_label;
  GtkLabel       *old_data_label;
  GtkLabel       *reason_label;
  GtkLabel       *ytd_label;
  WmCaseBar      *case_bar;
  WmTimelinePage *timeline_page;
  WmAttendancePage *attendance_page;
  WmEscalationPage *escalation_page;
  WmPeoplePage   *people_page;
  AdwViewStack   *view_stack;
  GtkWidget      *switcher;
  AdwViewSwitcherBar *switcher_bar;

  /* Owned */
  WmStore        *store;
  WmPupilObject  *pupil;
};

G_DEFINE_FINAL_TYPE (WmCaseView, wm_case_view, GTK_TYPE_BOX)

/* The header */

/* School systems send the year group as "R" for Reception, "N1"/"N2" for
 * nursery and a number for the National Curriculum years. */
static char *
format_year_group (const char *year_group)
{
  if (year_group == NULL || *year_group == '\0')
    return NULL;

  if (g_ascii_isdigit (year_group[0]))
    /* Translators: a school year group in England, "Year 7". */
    return g_strdup_printf (_("Year %s"), year_group);

  if (g_strcmp0 (year_group, "R") == 0)
    /* Translators: the first school year in England, for ages 4 to 5,
     * before Year 1. */
    return g_strdup (_("Reception"));

  if (year_group[0] == 'N' && g_ascii_isdigit (year_group[1]))
    /* Translators: the pre-school year group, for ages 3 to 4. */
    return g_strdup (_("Nursery"));

  return g_strdup (year_group);
}

static char *
build_details (const WmPupilSummary *summary,
               const WmPupilRecord  *record)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *year = format_year_group (summary->year_group);

  /* Translators: the Unique Pupil Number, the 13-character number
   * every pupil in England has, "UPN A123456789012". */
  g_ptr_array_add (parts, g_strdup_printf (_("UPN %s"), summary->upn ? summary->upn : ""));

  if (record != NULL && record->dob != WM_DAY_NONE)
    {
      g_autofree char *dob = wm_day_format_long (record->dob);
      /* Translators: the date of birth, "Born 4 March 2015". */
      g_ptr_array_add (parts, g_strdup_printf (_("Born %s"), dob));
    }

  if (year != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&year));

  if (summary->school_name != NULL && *summary->school_name != '\0')
    g_ptr_array_add (parts, g_strdup (summary->school_name));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Percentages are in tenths, already rounded down, so the figure agrees
 * with the threshold it is compared with: 359 of 399 is 89.9%, not 90.0%,
 * and so persistent absence. */
static char *
build_year_to_date (const WmEvaluation *ev)
{
  g_autofree char *percent = NULL;
  g_autofree char *figure = NULL;

  if (ev->ytd_possible == 0)
    return g_strdup (_("Year to date: no possible sessions yet"));

  percent = wm_percent_format (wm_percent_tenths (ev->ytd_attended, ev->ytd_possible));
  /* TRANSLATORS: for example "Year to date: 89.9% (359 of 399)". */
  figure = g_strdup_printf (_("Year to date: %s%% (%u of %u)"),
                            percent, ev->ytd_attended, ev->ytd_possible);

  if (ev->severe_absence)
    /* Translators: %s is the year-to-date figure above. Severe absence
     * (missing 50% or more of sessions) is the name the Department for
     * Education uses. */
    return g_strdup_printf (_("%s, severe absence"), figure);
  if (ev->persistent_absence)
    /* Translators: %s is the year-to-date figure above. Persistent
     * absence (missing 10% or more of sessions) is the name the
     * Department for Education uses. */
    return g_strdup_printf (_("%s, persistent absence"), figure);

  return g_steal_pointer (&figure);
}

/* A register that ends weeks before today gives a level for weeks long
 * past. The header says where the register ends before it gives the
 * level, so that an old level is not read as the pupil's level now. */
static void
show_old_data (WmCaseView *self)
{
  g_autofree char *notice = wm_pupil_object_describe_old_data (self->pupil);

  gtk_label_set_text (self->old_data_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->old_data_label), notice != NULL);
}

static void
show_evaluation (WmCaseView           *self,
                 const WmPupilSummary *summary)
{
  const WmEvaluation *ev = &summary->evaluation;
  g_autofree char *reason = NULL;
  g_autofree char *ytd = NULL;

  gtk_label_set_text (self->badge_label, wm_pupil_object_get_level_text (self->pupil));
  gtk_widget_set_css_classes (GTK_WIDGET (self->badge_label),
                              (const char **) wm_pupil_object_get_level_css_classes (self->pupil));
  show_old_data (self);

  if (!summary->evaluated)
    {
      gtk_label_set_text (self->reason_label,
                          _("Not evaluated yet: the level appears here once the register "
                            "has been evaluated."));
      gtk_widget_set_visible (GTK_WIDGET (self->ytd_label), FALSE);
      return;
    }

  /* The reason starts with the level in words ("Level 2: 33 of 40
   * possible sessions attended ..."), so it needs no label of its own. */
  reason = wm_evaluation_describe (ev);
  ytd = build_year_to_date (ev);

  gtk_label_set_text (self->reason_label, reason);
  gtk_label_set_text (self->ytd_label, ytd);
  gtk_widget_set_visible (GTK_WIDGET (self->ytd_label), TRUE);
}

static void
show_header (WmCaseView *self)
{
  const WmPupilSummary *summary = wm_pupil_object_get_summary (self->pupil);
  WmPupilRecord record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gboolean have_record;

  have_record = wm_store_get_pupil (self->store, summary->id, &record, NULL, &error);
  if (!have_record)
    g_warning ("Could not read pupil %" G_GINT64_FORMAT ": %s", summary->id, error->message);

  details = build_details (summary, have_record ? &record : NULL);
  wm_pupil_record_clear (&record);

  gtk_label_set_text (self->name_label, wm_pupil_object_get_name (self->pupil));
  gtk_label_set_text (self->details_label, details);
  show_evaluation (self, summary);
}

/* The Attendance and Escalation pages compute the graduated response as
 * of today in a worker; a record changes it, so they read it again after
 * the Timeline has. */
static void
reload_response_pages (WmCaseView *self)
{
  wm_escalation_page_reload (self->escalation_page);
  wm_attendance_page_reload (self->attendance_page);
}

static void
set_response_pupil (WmCaseView *self)
{
  const char *path = wm_store_get_path (self->store);
  gint64 pupil_id = wm_case_view_get_pupil_id (self);
  WmDay today = wm_day_today ();

  wm_escalation_page_set_pupil (self->escalation_page, path, pupil_id, today);
  wm_attendance_page_set_pupil (self->attendance_page, path, pupil_id, today);
}

/* A missing item on the Escalation page is supplied through the
 * Timeline's record editors, so the new record lands where the rest of
 * the case record does. */
static void
on_escalation_add_record (WmCaseView       *self,
                          const char       *kind,
                          WmEscalationPage *page)
{
  wm_timeline_page_add_record (self->timeline_page, kind);
}

static void
on_escalation_open_record (WmCaseView       *self,
                           gint64            record_id,
                           WmEscalationPage *page)
{
  wm_timeline_page_open_record (self->timeline_page, record_id);
}

static void
on_escalation_show_people (WmCaseView       *self,
                           WmEscalationPage *page)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "people");
}

/* The squeezer shows the switcher under the header only while it fits.
 * Otherwise the bar at the bottom takes its place, so that every page
 * stays one tap away in a window as narrow as a phone. */
static void
on_switcher_squeezed (WmCaseView  *self,
                      GParamSpec  *pspec,
                      AdwSqueezer *squeezer)
{
  gboolean squeezed = adw_squeezer_get_visible_child (squeezer) != self->switcher;

  adw_view_switcher_bar_set_reveal (self->switcher_bar, squeezed);
}

/* Actions */

/* Ctrl+P (case.print) opens the same dialog as "Prepare Bundle…", with
 * "Print…" as its default button. */
static void
bundle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WmCaseView *self = WM_CASE_VIEW (widget);

  wm_bundle_dialog_present (widget, self->store, self->pupil,
                            g_strcmp0 (action_name, "case.print") == 0);
}

/* Overrides */

static void
wm_case_view_dispose (GObject *object)
{
  WmCaseView *self = WM_CASE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CASE_VIEW);

  g_clear_object (&self->pupil);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_case_view_parent_class)->dispose (object);
}

static void
wm_case_view_class_init (WmCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_case_view_dispose;

  /* The template looks these types up by name. */
  g_type_ensure (WM_TYPE_ATTENDANCE_PAGE);
  g_type_ensure (WM_TYPE_CASE_BAR);
  g_type_ensure (WM_TYPE_ESCALATION_PAGE);
  g_type_ensure (WM_TYPE_PEOPLE_PAGE);
  g_type_ensure (WM_TYPE_TIMELINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, name_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, details_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, badge_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, old_data_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, ytd_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, case_bar);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, timeline_page);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, attendance_page);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, escalation_page);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, people_page);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, switcher);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_squeezed);

  gtk_widget_class_install_action (widget_class, "case.export-bundle", NULL, bundle_action);
  gtk_widget_class_install_action (widget_class, "case.print", NULL, bundle_action);
}

static void
wm_case_view_init (WmCaseView *self)
{
  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  /* Opening or closing the case changes what can be added to the
   * Timeline; a record changes whether there is a safeguarding concern. */
  g_signal_connect_object (self->case_bar, "changed", G_CALLBACK (wm_timeline_page_reload),
                           self->timeline_page, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_page, "changed", G_CALLBACK (wm_case_bar_reload),
                           self->case_bar, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_page, "changed", G_CALLBACK (reload_response_pages),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->escalation_page, "add-record",
                           G_CALLBACK (on_escalation_add_record), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->escalation_page, "open-record",
                           G_CALLBACK (on_escalation_open_record), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->escalation_page, "show-people",
                           G_CALLBACK (on_escalation_show_people), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * wm_case_view_new:
 * @store: the window's store, read on the main thread
 * @pupil: the pupil to show
 *
 * Returns: (transfer floating): a case view for a tab page
 */
GtkWidget *
wm_case_view_new (WmStore       *store,
                  WmPupilObject *pupil)
{
  WmCaseView *self;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (pupil), NULL);

  self = g_object_new (WM_TYPE_CASE_VIEW, NULL);
  self->store = g_object_ref (store);
  wm_case_view_set_pupil (self, pupil);

  return GTK_WIDGET (self);
}

/**
 * wm_case_view_set_pupil:
 * @pupil: the pupil, usually a newer object for the same pupil
 *
 * Shows @pupil and reads its timeline and contacts again, so that a new
 * evaluation or import appears in an open tab.
 */
void
wm_case_view_set_pupil (WmCaseView    *self,
                        WmPupilObject *pupil)
{
  g_return_if_fail (WM_IS_CASE_VIEW (self));
  g_return_if_fail (WM_IS_PUPIL_OBJECT (pupil));

  WM_ASSERT_MAIN_THREAD ();

  g_set_object (&self->pupil, pupil);
  show_header (self);
  wm_case_bar_set_pupil (self->case_bar, self->store, wm_case_view_get_pupil_id (self));
  wm_timeline_page_set_pupil (self->timeline_page, self->store, wm_case_view_get_pupil_id (self));
  wm_people_page_set_pupil (self->people_page, self->store, wm_case_view_get_pupil_id (self));
  set_response_pupil (self);
}

gint64
wm_case_view_get_pupil_id (WmCaseView *self)
{
  g_return_val_if_fail (WM_IS_CASE_VIEW (self), 0);

  return wm_pupil_object_get_id (self->pupil);
}

/**
 * wm_case_view_get_title:
 *
 * Returns: the pupil's name, "Surname, Forename", for the tab
 */
const char *
wm_case_view_get_title (WmCaseView *self)
{
  g_return_val_if_fail (WM_IS_CASE_VIEW (self), NULL);

  return wm_pupil_object_get_name (self->pupil);
}

/**
 * wm_case_view_get_timeline:
 *
 * Returns: (transfer none): the #WmTimelineObject items of the Timeline
 *   page, newest first
 */
GListModel *
wm_case_view_get_timeline (WmCaseView *self)
{
  g_return_val_if_fail (WM_IS_CASE_VIEW (self), NULL);

  return wm_timeline_page_get_model (self->timeline_page);
}

/**
 * wm_case_view_get_people:
 *
 * Returns: (transfer none): the list of contacts on the People page
 */
GtkListBox *
wm_case_view_get_people (WmCaseView *self)
{
  g_return_val_if_fail (WM_IS_CASE_VIEW (self), NULL);

  return wm_people_page_get_contacts (self->people_page);
}
