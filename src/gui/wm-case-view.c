/* wm-case-view.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wm-attendance.h"
#include "wm-case-view.h"
#include "wm-gui.h"
#include "wm-timeline-object.h"

/* One case tab: the pupil's details and level in a header, and the
 * Timeline and People pages below it. The view reads from the window's
 * store on the main thread, because the reads are a few small queries. */
struct _WmCaseView
{
  GtkBox          parent_instance;

  /* Template children */
  GtkLabel       *name_label;
  GtkLabel       *details_label;
  GtkLabel       *badge_label;
  GtkLabel       *reason_label;
  GtkLabel       *ytd_label;
  GtkStack       *timeline_stack;
  GtkListView    *timeline_view;
  AdwStatusPage  *timeline_status;
  GtkStack       *people_stack;
  GtkListBox     *people_box;
  AdwStatusPage  *people_status;

  /* Owned */
  WmStore        *store;
  WmPupilObject  *pupil;
  GListStore     *timeline;
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

/* The Timeline page */

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const WmTimelineEntry *ea = *(const WmTimelineEntry * const *) a;
  const WmTimelineEntry *eb = *(const WmTimelineEntry * const *) b;

  if (ea->day != eb->day)
    return ea->day > eb->day ? -1 : 1;

  return -g_strcmp0 (ea->recorded_at, eb->recorded_at);
}

static void
load_timeline (WmCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  entries = wm_store_list_timeline (self->store, wm_case_view_get_pupil_id (self), &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the timeline of pupil %" G_GINT64_FORMAT ": %s",
                 wm_case_view_get_pupil_id (self), error->message);
      adw_status_page_set_description (self->timeline_status, error->message);
      entries = g_ptr_array_new ();
    }

  g_ptr_array_sort (entries, compare_newest_first);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (objects, wm_timeline_object_new (g_ptr_array_index (entries, i)));

  g_list_store_splice (self->timeline, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       objects->pdata, objects->len);
  gtk_stack_set_visible_child_name (self->timeline_stack, objects->len > 0 ? "list" : "empty");
}

/* The People page */

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

static GtkWidget *
build_contact_row (const WmContactRecord *contact)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name_parts[] = {
    or_empty (contact->title), or_empty (contact->forename), or_empty (contact->surname), NULL
  };
  g_autofree char *name = join_present (" ", name_parts);
  g_autofree char *relationship = describe_relationship (contact->relationship);
  g_autofree char *phones = one_line (contact->phones);
  g_autofree char *emails = one_line (contact->email);
  g_autofree char *address = one_line (contact->address);
  const char *reach_parts[] = { phones, emails, NULL };
  g_autofree char *reach = join_present (" · ", reach_parts);
  const char *subtitle_parts[] = { relationship, reach, address, NULL };
  g_autofree char *subtitle = join_present ("\n", subtitle_parts);
  g_autofree char *name_markup = g_markup_escape_text (name, -1);
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

  /* Row titles are parsed as markup, but names and addresses are data. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (contact->parental_responsibility)
    {
      GtkWidget *tag = gtk_label_new (_("Parental responsibility"));

      gtk_widget_add_css_class (tag, "responsibility-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  return row;
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static void
load_people (WmCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  clear_list_box (self->people_box);

  contacts = wm_store_list_contacts (self->store, wm_case_view_get_pupil_id (self), &error);
  if (contacts == NULL)
    {
      g_warning ("Could not read the contacts of pupil %" G_GINT64_FORMAT ": %s",
                 wm_case_view_get_pupil_id (self), error->message);
      adw_status_page_set_description (self->people_status, error->message);
      gtk_stack_set_visible_child_name (self->people_stack, "empty");
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    gtk_list_box_append (self->people_box, build_contact_row (g_ptr_array_index (contacts, i)));

  gtk_stack_set_visible_child_name (self->people_stack, contacts->len > 0 ? "list" : "empty");
}

/* Overrides */

static void
wm_case_view_dispose (GObject *object)
{
  WmCaseView *self = WM_CASE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CASE_VIEW);

  g_clear_object (&self->timeline);
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

  /* The row template looks the type up by name. */
  g_type_ensure (WM_TYPE_TIMELINE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, name_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, details_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, badge_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, ytd_label);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, timeline_status);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, people_stack);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, people_box);
  gtk_widget_class_bind_template_child (widget_class, WmCaseView, people_status);
}

static void
wm_case_view_init (WmCaseView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->timeline = g_list_store_new (WM_TYPE_TIMELINE_OBJECT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->timeline)));
  gtk_list_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));
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
  load_timeline (self);
  load_people (self);
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

  return G_LIST_MODEL (self->timeline);
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

  return self->people_box;
}
