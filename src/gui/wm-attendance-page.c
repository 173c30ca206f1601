/* wm-attendance-page.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-attendance-page.h"
#include "wm-attendance.h"
#include "wm-gui.h"

/* The Attendance page shows three things. A chart gives the pupil's
 * weekly attendance over the school year, with the case records marked
 * under the weeks they fall in. The patterns the core found follow as
 * sentences. The register is a grid with one row per school week and ten
 * session columns, each code coloured by its statistical category.
 *
 * The period is the school year of the evaluation date, from its
 * 1 September up to that date. A school week is a Monday-to-Sunday week
 * in which the school held at least one session in the period, the same
 * count the level window and the penalty threshold use, so that holidays
 * and closures leave no empty rows. */
struct _WmAttendancePage
{
  GtkBox          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *error_status;
  GtkLabel       *period_label;
  GtkDrawingArea *chart;
  GtkListBox     *patterns_box;
  GtkGrid        *register_grid;

  /* Owned */
  char           *database_path;
  WmCaseResponse *result;
  GArray         *weeks;
  GCancellable   *cancellable;

  gint64          pupil_id;
  WmDay           as_of;
};

G_DEFINE_FINAL_TYPE (WmAttendancePage, wm_attendance_page, GTK_TYPE_BOX)

/* One school week of the period. @tenths is the attendance in tenths of
 * a percent, rounded down as everywhere else, or %WM_PERCENT_NULL when no
 * session of the week was possible. */
typedef struct
{
  WmDay     monday;
  WmCounts  counts;
  gint      tenths;
  gboolean  has_record;
} Week;

#define N_SESSION_COLUMNS 10

/* The weeks */

static gboolean
is_school_week (const WmCalendar *calendar,
                WmDay             monday,
                WmDay             first,
                WmDay             last)
{
  for (WmDay day = MAX (monday, first); day <= MIN (monday + 6, last); day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM; session++)
      if (wm_calendar_is_held (calendar, day, session))
        return TRUE;

  return FALSE;
}

static WmMark
mark_at (const WmCaseResponse *result,
         WmDay                 day,
         WmSession             session)
{
  return result->reg != NULL ? wm_register_get (result->reg, day, session) : WM_MARK_NONE;
}

static void
count_week (const WmCaseResponse *result,
            Week                 *week,
            WmDay                 first,
            WmDay                 last)
{
  for (WmDay day = MAX (week->monday, first); day <= MIN (week->monday + 6, last); day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM; session++)
      wm_counts_add_mark (&week->counts, mark_at (result, day, session), day);

  week->tenths = wm_percent_tenths (wm_counts_attended (&week->counts),
                                    wm_counts_possible (&week->counts));

  for (guint i = 0; i < result->record_days->len; i++)
    {
      WmDay day = g_array_index (result->record_days, WmDay, i);

      if (day >= week->monday && day <= week->monday + 6)
        week->has_record = TRUE;
    }
}

static GArray *
build_weeks (const WmCaseResponse *result)
{
  WmDay first = wm_day_academic_year_start (result->as_of);
  WmDay last = result->as_of;
  GArray *weeks = g_array_new (FALSE, TRUE, sizeof (Week));

  for (WmDay monday = wm_day_monday (first); monday <= last; monday += 7)
    {
      Week week = { .monday = monday };

      if (!is_school_week (result->calendar, monday, first, last))
        continue;

      count_week (result, &week, first, last);
      g_array_append_val (weeks, week);
    }

  return weeks;
}

/* The chart */

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

typedef struct
{
  double left;
  double top;
  double width;
  double height;
} Plot;

static double
week_x (const Plot *plot,
        guint       index,
        guint       n_weeks)
{
  if (n_weeks <= 1)
    return plot->left + plot->width / 2;

  return plot->left + plot->width * index / (n_weeks - 1);
}

static double
percent_y (const Plot *plot,
           double      tenths)
{
  return plot->top + plot->height * (1.0 - tenths / 1000.0);
}

static void
draw_label (cairo_t    *cr,
            GtkWidget  *widget,
            const char *text,
            double      x,
            double      y)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* The level bands as dashed lines at their floors, labelled on the
 * left, so that a week can be read against the levels. */
static void
draw_axes (WmAttendancePage *self,
           cairo_t          *cr,
           const Plot       *plot,
           const GdkRGBA    *fg)
{
  const guint floors[] = { 1000, self->result->rules.level1_floor_tenths,
                           self->result->rules.level2_floor_tenths, 0 };

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      double y = percent_y (plot, floors[i]) + 0.5;
      g_autofree char *percent = wm_percent_format (floors[i]);
      g_autofree char *text = g_strdup_printf ("%s%%", percent);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25);
      if (i == 1 || i == 2)
        cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->left + plot->width, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
      draw_label (cr, GTK_WIDGET (self->chart), text, plot->left - 6, y);
    }
}

static void
draw_line (WmAttendancePage *self,
           cairo_t          *cr,
           const Plot       *plot,
           const GdkRGBA    *fg)
{
  gboolean drawing = FALSE;

  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->weeks->len; i++)
    {
      const Week *week = &g_array_index (self->weeks, Week, i);
      double x = week_x (plot, i, self->weeks->len);

      /* A week with nothing possible has no figure: the line breaks
       * rather than drop to zero. */
      if (week->tenths == WM_PERCENT_NULL)
        {
          drawing = FALSE;
          continue;
        }

      if (drawing)
        cairo_line_to (cr, x, percent_y (plot, week->tenths));
      else
        cairo_move_to (cr, x, percent_y (plot, week->tenths));
      drawing = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->weeks->len; i++)
    {
      const Week *week = &g_array_index (self->weeks, Week, i);

      if (week->tenths == WM_PERCENT_NULL)
        continue;
      cairo_arc (cr, week_x (plot, i, self->weeks->len), percent_y (plot, week->tenths),
                 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* A small triangle under each week with a case record. */
static void
draw_records (WmAttendancePage *self,
              cairo_t          *cr,
              const Plot       *plot,
              const GdkRGBA    *fg)
{
  double y = plot->top + plot->height + 6;

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  for (guint i = 0; i < self->weeks->len; i++)
    {
      double x = week_x (plot, i, self->weeks->len);

      if (!g_array_index (self->weeks, Week, i).has_record)
        continue;

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x - 5, y + 8);
      cairo_line_to (cr, x + 5, y + 8);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  WmAttendancePage *self = user_data;
  Plot plot = { 64, 8, width - 64 - 12, height - 8 - 20 };
  GdkRGBA fg;

  if (self->weeks == NULL || plot.width <= 0 || plot.height <= 0)
    return;

  get_foreground (GTK_WIDGET (area), &fg);
  draw_axes (self, cr, &plot, &fg);
  draw_line (self, cr, &plot, &fg);
  draw_records (self, cr, &plot, &fg);
}

static void
describe_chart (WmAttendancePage *self)
{
  g_autofree char *range = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *text = NULL;
  guint n_records = 0;

  for (guint i = 0; i < self->weeks->len; i++)
    n_records += g_array_index (self->weeks, Week, i).has_record;

  if (self->weeks->len == 0)
    {
      gtk_label_set_text (self->period_label,
                          _("The school has held no session this school year yet."));
      return;
    }

  /* The first school week can start in August, but the period starts
   * on 1 September. */
  range = wm_day_range_format (MAX (g_array_index (self->weeks, Week, 0).monday,
                                    wm_day_academic_year_start (self->as_of)),
                               self->as_of);
  /* Each count takes its own plural form, so the weeks and the marked
   * weeks are two phrases with one number each. */
  /* Translators: "14 school weeks from 1 September 2025 to 13 March 2026" */
  weeks = g_strdup_printf (ngettext ("%u school week from %s", "%u school weeks from %s",
                                     self->weeks->len),
                           self->weeks->len, range);

  if (n_records == 0)
    {
      /* Translators: %s is the phrase above */
      text = g_strdup_printf (_("%s; no week has a case record"), weeks);
    }
  else
    {
      /* Translators: %s is the phrase above, as in "14 school weeks from
       * 1 September 2025 to 13 March 2026; the triangles under 4 weeks
       * mark case records" */
      text = g_strdup_printf (ngettext ("%s; the triangle under %u week marks a case record",
                                        "%s; the triangles under %u weeks mark case records",
                                        n_records),
                              weeks, n_records);
    }

  gtk_label_set_text (self->period_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
}

/* The register grid */

static const char *
category_class (WmMark mark,
                WmDay  day)
{
  if (mark == WM_MARK_UNMARKED)
    return "mark-unmarked";

  switch (wm_mark_category (mark, day))
    {
    case WM_CATEGORY_PRESENT:
      return "mark-present";
    case WM_CATEGORY_APPROVED_ACTIVITY:
      return "mark-approved";
    case WM_CATEGORY_AUTHORISED:
      return "mark-authorised";
    case WM_CATEGORY_UNAUTHORISED:
      return "mark-unauthorised";
    case WM_CATEGORY_NOT_POSSIBLE:
    case WM_CATEGORY_ADMINISTRATIVE:
    default:
      return "mark-not-possible";
    }
}

static GtkWidget *
build_cell (const WmCaseResponse *result,
            WmDay                 day,
            WmSession             session)
{
  WmMark mark = day <= result->as_of ? mark_at (result, day, session) : WM_MARK_NONE;
  GtkWidget *cell = gtk_label_new (wm_mark_to_code (mark));
  const WmMarkInfo *info;

  gtk_widget_add_css_class (cell, "register-cell");
  if (mark == WM_MARK_NONE)
    return cell;

  gtk_widget_add_css_class (cell, category_class (mark, day));
  info = wm_mark_get_info (mark);
  if (info != NULL && info->meaning != NULL)
    gtk_widget_set_tooltip_text (cell, info->meaning);
  return cell;
}

static void
add_header (GtkGrid *grid)
{
  const char *days[] = {
    /* Translators: short weekday names heading the register grid. */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri")
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      GtkWidget *label = gtk_label_new (_(days[i]));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (grid, label, 1 + 2 * i, 0, 2, 1);
    }
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
show_grid (WmAttendancePage *self)
{
  clear_grid (self->register_grid);
  add_header (self->register_grid);

  for (guint row = 0; row < self->weeks->len; row++)
    {
      const Week *week = &g_array_index (self->weeks, Week, row);
      g_autofree char *date = wm_day_format_long (week->monday);
      GtkWidget *label = gtk_label_new (date);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->register_grid, label, 0, row + 1, 1, 1);

      for (guint column = 0; column < N_SESSION_COLUMNS; column++)
        gtk_grid_attach (self->register_grid,
                         build_cell (self->result, week->monday + column / 2, column % 2),
                         column + 1, row + 1, 1, 1);
    }
}

/* The patterns */

static void
add_pattern_row (GtkListBox *box,
                 const char *sentence)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (sentence, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (box, row);
}

static void
show_patterns (WmAttendancePage *self)
{
  const WmResponse *response = self->result->response;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->patterns_box))) != NULL)
    gtk_list_box_remove (self->patterns_box, child);

  for (guint i = 0; i < response->patterns->len; i++)
    add_pattern_row (self->patterns_box,
                     ((WmPattern *) g_ptr_array_index (response->patterns, i))->sentence);

  if (response->uncontacted_sentence != NULL)
    add_pattern_row (self->patterns_box, response->uncontacted_sentence);

  if (gtk_widget_get_first_child (GTK_WIDGET (self->patterns_box)) == NULL)
    add_pattern_row (self->patterns_box, _("No pattern found in the threshold period"));
}

static void
show_result (WmAttendancePage *self)
{
  g_clear_pointer (&self->weeks, g_array_unref);
  self->weeks = build_weeks (self->result);

  describe_chart (self);
  show_patterns (self);
  show_grid (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* Loading */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmAttendancePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaseResponse) loaded = wm_case_response_load_finish (result, &error);

  WM_ASSERT_MAIN_THREAD ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (loaded == NULL)
    {
      g_warning ("Could not read the register of pupil %" G_GINT64_FORMAT ": %s",
                 self->pupil_id, error->message);
      wm_gui_status_page_set_error (self->error_status, error,
                                    G_CALLBACK (wm_attendance_page_reload), self);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->result, wm_case_response_free);
  self->result = g_steal_pointer (&loaded);
  show_result (self);
}

/* Overrides */

static void
wm_attendance_page_dispose (GObject *object)
{
  WmAttendancePage *self = WM_ATTENDANCE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_ATTENDANCE_PAGE);

  G_OBJECT_CLASS (wm_attendance_page_parent_class)->dispose (object);
}

static void
wm_attendance_page_finalize (GObject *object)
{
  WmAttendancePage *self = WM_ATTENDANCE_PAGE (object);

  g_clear_pointer (&self->result, wm_case_response_free);
  g_clear_pointer (&self->weeks, g_array_unref);
  g_free (self->database_path);

  G_OBJECT_CLASS (wm_attendance_page_parent_class)->finalize (object);
}

static void
wm_attendance_page_class_init (WmAttendancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_attendance_page_dispose;
  object_class->finalize = wm_attendance_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-attendance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, stack);
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, period_label);
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, chart);
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, patterns_box);
  gtk_widget_class_bind_template_child (widget_class, WmAttendancePage, register_grid);
}

static void
wm_attendance_page_init (WmAttendancePage *self)
{
  wm_gui_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
}

/* Public API */

/**
 * wm_attendance_page_set_pupil:
 * @database_path: the database, opened again in the worker
 * @pupil_id: the pupil
 * @as_of: the evaluation date, normally today
 *
 * Reads and shows the pupil's school year up to @as_of.
 */
void
wm_attendance_page_set_pupil (WmAttendancePage *self,
                              const char       *database_path,
                              gint64            pupil_id,
                              WmDay             as_of)
{
  g_return_if_fail (WM_IS_ATTENDANCE_PAGE (self));
  g_return_if_fail (database_path != NULL);

  if (pupil_id != self->pupil_id)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  self->pupil_id = pupil_id;
  self->as_of = as_of;
  wm_attendance_page_reload (self);
}

/**
 * wm_attendance_page_reload:
 *
 * Reads the register and records again; a reload still running is
 * cancelled.
 */
void
wm_attendance_page_reload (WmAttendancePage *self)
{
  g_return_if_fail (WM_IS_ATTENDANCE_PAGE (self));

  WM_ASSERT_MAIN_THREAD ();

  if (self->database_path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  wm_case_response_load_async (self->database_path, self->pupil_id, self->as_of,
                               self->cancellable, on_loaded, g_object_ref (self));
}

gboolean
wm_attendance_page_is_busy (WmAttendancePage *self)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * wm_attendance_page_get_n_weeks:
 *
 * Returns: the school weeks shown, one row of the grid each
 */
guint
wm_attendance_page_get_n_weeks (WmAttendancePage *self)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), 0);

  return self->weeks != NULL ? self->weeks->len : 0;
}

/**
 * wm_attendance_page_get_week:
 * @index: a row, from 0 for the oldest week
 *
 * Returns: the Monday of the school week in row @index
 */
WmDay
wm_attendance_page_get_week (WmAttendancePage *self,
                             guint             index)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), WM_DAY_NONE);
  g_return_val_if_fail (index < wm_attendance_page_get_n_weeks (self), WM_DAY_NONE);

  return g_array_index (self->weeks, Week, index).monday;
}

/**
 * wm_attendance_page_get_percent:
 * @index: a row, from 0 for the oldest week
 *
 * Returns: the week's attendance in tenths of a percent, rounded down, or
 *   %WM_PERCENT_NULL when no session was possible
 */
gint
wm_attendance_page_get_percent (WmAttendancePage *self,
                                guint             index)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), WM_PERCENT_NULL);
  g_return_val_if_fail (index < wm_attendance_page_get_n_weeks (self), WM_PERCENT_NULL);

  return g_array_index (self->weeks, Week, index).tenths;
}

/**
 * wm_attendance_page_get_grid:
 *
 * Returns: (transfer none): the register grid: a header row, then one row
 *   per school week with its Monday in column 0 and the ten sessions in
 *   columns 1 to 10
 */
GtkGrid *
wm_attendance_page_get_grid (WmAttendancePage *self)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), NULL);

  return self->register_grid;
}

/**
 * wm_attendance_page_get_patterns:
 *
 * Returns: (transfer none): the rows of the patterns, one sentence each
 */
GtkListBox *
wm_attendance_page_get_patterns (WmAttendancePage *self)
{
  g_return_val_if_fail (WM_IS_ATTENDANCE_PAGE (self), NULL);

  return self->patterns_box;
}
