/* wm-pupil-row.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-pupil-row.h"

/* One row of the caseload:
 *
 *   Surname, Forename                     [!]  [L2]
 *   UPN · School name                 82.5% · 33/40
 *   data to 22 July 2026            (only when old)
 *
 * [!] marks a safeguarding concern (an icon, with the words in its
 * tooltip and in the row's accessible name, so that colour is not the
 * only sign).
 *
 * The row is built in C rather than from a template, and most of its
 * texts are GtkInscriptions rather than labels. A keystroke in the search
 * can bring a whole screen of new pupils in, each in a new row. A row
 * built from a template (a GtkBuilder run, five
 * expression bindings and six labels in a grid and a box) cost most of a
 * keystroke, much of it in measuring the labels' text. An inscription
 * takes its size from the font, not from its text, so measuring it costs
 * almost nothing. For the same reason the badge's tooltip is computed
 * when it is about to show: setting tooltip text on every row makes GTK
 * ask the display server where the pointer is, a round trip per row.
 */
struct _WmPupilRow
{
  GtkWidget       parent_instance;

  /* Children */
  GtkInscription *name;
  GtkWidget      *safeguarding;
  GtkInscription *badge;
  GtkLabel       *upn;
  GtkInscription *school;
  GtkInscription *percent;
  GtkInscription *data_end;

  /* Owned */
  WmPupilObject  *pupil;
};

G_DEFINE_FINAL_TYPE (WmPupilRow, wm_pupil_row, GTK_TYPE_WIDGET)

/* The level badge shows at most "L2–3". */
#define BADGE_CHARS 4

/* The longest figure without unmarked sessions, "100.0% · 40/40". */
#define PERCENT_MIN_CHARS 14

/* Building the children */

static GtkInscription *
add_text (WmPupilRow  *self,
          int          column,
          int          row,
          int          span,
          const char  *css_class)
{
  GtkWidget *text = gtk_inscription_new (NULL);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *child;

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (text), 0.5);
  if (css_class != NULL)
    gtk_widget_add_css_class (text, css_class);

  gtk_widget_set_parent (text, GTK_WIDGET (self));
  child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, text));
  gtk_grid_layout_child_set_column (child, column);
  gtk_grid_layout_child_set_row (child, row);
  gtk_grid_layout_child_set_column_span (child, span);

  return GTK_INSCRIPTION (text);
}

/* The marker sits in the name's row, just before the badge. */
static void
build_safeguarding_marker (WmPupilRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *child;

  self->safeguarding = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->safeguarding, "error");
  gtk_widget_set_valign (self->safeguarding, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->safeguarding, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->safeguarding, 6);
  gtk_widget_set_has_tooltip (self->safeguarding, TRUE);
  gtk_widget_set_visible (self->safeguarding, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->safeguarding),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Safeguarding concern"), -1);

  gtk_widget_set_parent (self->safeguarding, GTK_WIDGET (self));
  child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout,
                                                                      self->safeguarding));
  gtk_grid_layout_child_set_column (child, 1);
  gtk_grid_layout_child_set_row (child, 0);
}

static void
build_first_line (WmPupilRow *self)
{
  self->name = add_text (self, 0, 0, 1, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);

  build_safeguarding_marker (self);

  self->badge = add_text (self, 2, 0, 1, NULL);
  gtk_inscription_set_min_chars (self->badge, BADGE_CHARS);
  gtk_inscription_set_nat_chars (self->badge, BADGE_CHARS);
  gtk_inscription_set_xalign (self->badge, 0.5);
  gtk_inscription_set_text_overflow (self->badge, GTK_INSCRIPTION_OVERFLOW_CLIP);
  gtk_widget_set_halign (GTK_WIDGET (self->badge), GTK_ALIGN_END);
  gtk_widget_set_margin_start (GTK_WIDGET (self->badge), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->badge), TRUE);
}

/* The UPN keeps its full width and the school name gives way, at its
 * end: "Ashgrove Prim…" beside "Millbrook Pri…" is read at a glance,
 * where a cut in the middle left "Ash… chool". Two schools that differ
 * only at the end stay apart through the tooltip, which has the whole
 * name. The UPN is the one label that measures its text: an inscription
 * reserves room by the font's average character width, which cut the
 * last digits off some UPNs.
 *
 * The UPN and the school share one cell across the name's two columns,
 * so the school follows the UPN directly. In a column of its own it
 * started where the longest name of the first line ended, in the middle
 * of the row. */
static void
build_second_line (WmPupilRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkGridLayoutChild *child;

  self->upn = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->upn, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->upn), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->upn), "dim-label");
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->upn));

  /* A few characters of the school stay beside the longest figure ("57.8%
   * · 22/38 · 2 unmarked"), which otherwise left only "… ol". */
  self->school = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_min_chars (self->school, 10);
  gtk_inscription_set_text_overflow (self->school, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_yalign (self->school, 0.5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->school), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->school), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->school), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->school), "dim-label");
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->school));

  gtk_widget_set_parent (line, GTK_WIDGET (self));
  child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, line));
  gtk_grid_layout_child_set_row (child, 1);
  gtk_grid_layout_child_set_column_span (child, 2);

  self->percent = add_text (self, 2, 1, 1, "caption");
  gtk_inscription_set_min_chars (self->percent, PERCENT_MIN_CHARS);
  gtk_inscription_set_xalign (self->percent, 1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->percent), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->percent), "numeric");
}

static void
build_children (WmPupilRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_row_spacing (layout, 2);

  build_first_line (self);
  build_second_line (self);

  self->data_end = add_text (self, 0, 2, 3, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->data_end), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->data_end), FALSE);
}

/* Showing a pupil */

static void
set_school (WmPupilRow           *self,
            const WmPupilSummary *summary)
{
  g_autofree char *school = NULL;

  if (summary->school_name != NULL && *summary->school_name != '\0')
    school = g_strconcat (" · ", summary->school_name, NULL);

  gtk_inscription_set_text (self->school, school);
}

/* The figure's width depends on its text ("82.5% · 33/40", or with "· 2
 * unmarked" after it), and an inscription does not measure its text, so
 * the row asks for as many characters as the text has. The minimum is
 * the same for every row (PERCENT_MIN_CHARS), so that the sidebar keeps
 * its width whichever pupils are on screen. */
static void
set_percent (WmPupilRow *self,
             const char *text)
{
  guint chars = (guint) g_utf8_strlen (text, -1);

  gtk_inscription_set_nat_chars (self->percent, MAX (chars, PERCENT_MIN_CHARS));
  gtk_inscription_set_text (self->percent, text);
}

/* A screen reader names the row by the pupil, a safeguarding concern,
 * the level in words and the figure, and the end of the data when it is
 * old. */
static void
update_accessible_label (WmPupilRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *data_end = wm_pupil_object_get_data_end_text (self->pupil);
  g_autofree char *label = NULL;

  g_ptr_array_add (parts, (char *) wm_pupil_object_get_name (self->pupil));
  if (wm_pupil_object_has_safeguarding (self->pupil))
    g_ptr_array_add (parts, _("Safeguarding concern"));
  g_ptr_array_add (parts, (char *) wm_pupil_object_get_level_description (self->pupil));
  g_ptr_array_add (parts, (char *) wm_pupil_object_get_percent_text (self->pupil));
  if (data_end != NULL)
    g_ptr_array_add (parts, (char *) data_end);
  g_ptr_array_add (parts, NULL);

  label = g_strjoinv (". ", (char **) parts->pdata);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_pupil (WmPupilRow *self)
{
  const WmPupilSummary *summary = wm_pupil_object_get_summary (self->pupil);
  const char *data_end = wm_pupil_object_get_data_end_text (self->pupil);

  gtk_inscription_set_text (self->name, wm_pupil_object_get_name (self->pupil));
  gtk_inscription_set_text (self->badge, wm_pupil_object_get_level_text (self->pupil));
  gtk_widget_set_css_classes (GTK_WIDGET (self->badge),
                              (const char **) wm_pupil_object_get_level_css_classes (self->pupil));
  gtk_label_set_text (self->upn, summary->upn != NULL ? summary->upn : "");
  set_school (self, summary);
  set_percent (self, wm_pupil_object_get_percent_text (self->pupil));

  gtk_widget_set_visible (self->safeguarding, wm_pupil_object_has_safeguarding (self->pupil));
  gtk_inscription_set_text (self->data_end, data_end);
  gtk_widget_set_visible (GTK_WIDGET (self->data_end), data_end != NULL);

  update_accessible_label (self);
}

/* Callbacks */

static gboolean
on_marker_query_tooltip (WmPupilRow *self,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         GtkWidget  *marker)
{
  gtk_tooltip_set_text (tooltip, _("Safeguarding concern"));
  return TRUE;
}

static gboolean
on_badge_query_tooltip (WmPupilRow *self,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        GtkWidget  *badge)
{
  if (self->pupil == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, wm_pupil_object_get_level_description (self->pupil));
  return TRUE;
}

/* The whole name, which the row may have cut short. */
static gboolean
on_school_query_tooltip (WmPupilRow *self,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         GtkWidget  *school)
{
  const char *name;

  if (self->pupil == NULL)
    return FALSE;

  name = wm_pupil_object_get_summary (self->pupil)->school_name;
  if (name == NULL || *name == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

/* Overrides */

static void
wm_pupil_row_dispose (GObject *object)
{
  WmPupilRow *self = WM_PUPIL_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->pupil);

  G_OBJECT_CLASS (wm_pupil_row_parent_class)->dispose (object);
}

static void
wm_pupil_row_class_init (WmPupilRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_pupil_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pupilrow");
}

static void
wm_pupil_row_init (WmPupilRow *self)
{
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  build_children (self);
  g_signal_connect_object (self->badge, "query-tooltip",
                           G_CALLBACK (on_badge_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->safeguarding, "query-tooltip",
                           G_CALLBACK (on_marker_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->school, "query-tooltip",
                           G_CALLBACK (on_school_query_tooltip), self, G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
wm_pupil_row_new (void)
{
  return g_object_new (WM_TYPE_PUPIL_ROW, NULL);
}

/**
 * wm_pupil_row_set_pupil:
 * @pupil: (nullable): the pupil to show, or %NULL when the row is
 *   released
 *
 * Shows @pupil in the row. The row keeps a reference to it for the badge's
 * tooltip.
 */
void
wm_pupil_row_set_pupil (WmPupilRow    *self,
                        WmPupilObject *pupil)
{
  g_return_if_fail (WM_IS_PUPIL_ROW (self));
  g_return_if_fail (pupil == NULL || WM_IS_PUPIL_OBJECT (pupil));

  if (!g_set_object (&self->pupil, pupil) || pupil == NULL)
    return;

  show_pupil (self);
}

/**
 * wm_pupil_row_get_pupil:
 *
 * Returns: (transfer none) (nullable): the pupil the row shows
 */
WmPupilObject *
wm_pupil_row_get_pupil (WmPupilRow *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_ROW (self), NULL);

  return self->pupil;
}

static void
append_if_visible (GString        *text,
                   GtkInscription *inscription)
{
  const char *shown = gtk_inscription_get_text (inscription);

  if (gtk_widget_get_visible (GTK_WIDGET (inscription)) && shown != NULL)
    g_string_append_printf (text, "%s\n", shown);
}

/**
 * wm_pupil_row_get_text:
 *
 * Returns: (transfer full): the text of the row's visible parts in
 *   reading order, one a line
 */
char *
wm_pupil_row_get_text (WmPupilRow *self)
{
  GString *text;

  g_return_val_if_fail (WM_IS_PUPIL_ROW (self), NULL);

  text = g_string_new (NULL);
  append_if_visible (text, self->name);
  if (gtk_widget_get_visible (self->safeguarding))
    g_string_append_printf (text, "%s\n", _("Safeguarding concern"));
  append_if_visible (text, self->badge);
  g_string_append_printf (text, "%s\n", gtk_label_get_text (self->upn));
  append_if_visible (text, self->school);
  append_if_visible (text, self->percent);
  append_if_visible (text, self->data_end);

  return g_string_free (text, FALSE);
}
