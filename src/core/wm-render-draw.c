/* wm-render-draw.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-render-private.h"

#include <math.h>

/*
 * Drawing one laid-out page: the running header, the pieces, the footer.
 * Everything is drawn in points on an A4 page; the caller scales the
 * cairo context for other page sizes.
 */

/* Grey levels: 0 is black, 1 is white. */
#define GREY_TEXT_QUIET   0.25
#define GREY_TITLE_ROW    0.88
#define GREY_REDACTION    0.78
#define GREY_HATCH        0.55
#define GREY_GRID         0.80

#define CHART_AXIS_WIDTH  30.0
#define CHART_TOP_SPACE   14.0
#define CHART_LABEL_SPACE 16.0

/* The fonts come from Debian's fonts-dejavu-core, which every supported
 * system has, so that a bundle breaks lines and pages the same way on
 * every machine. */
static const char * const font_names[WM_N_FONTS] = {
  [WM_FONT_BODY] = "DejaVu Serif 10",
  [WM_FONT_BODY_BOLD] = "DejaVu Serif Bold 10",
  [WM_FONT_HEADING] = "DejaVu Sans Bold 12",
  [WM_FONT_SECTION] = "DejaVu Sans Bold 15",
  [WM_FONT_TITLE] = "DejaVu Sans Bold 22",
  [WM_FONT_SMALL] = "DejaVu Sans 8",
  [WM_FONT_SMALL_ITALIC] = "DejaVu Sans Oblique 8",
  [WM_FONT_TABLE] = "DejaVu Sans 8.5",
  [WM_FONT_TABLE_BOLD] = "DejaVu Sans Bold 8.5",
  [WM_FONT_MONO] = "DejaVu Sans Mono 9",
  [WM_FONT_MARKING] = "DejaVu Sans Bold 9",
};

/* Helpers: text */

static PangoLayout *
line_layout (PangoContext   *pango,
             const char     *text,
             WmFont          font,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *description = _wm_font_new (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (description);
  return layout;
}

/* Draws one line of text with its top at @y; returns its height. */
static double
draw_line (cairo_t        *cr,
           PangoContext   *pango,
           const char     *text,
           WmFont          font,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = line_layout (pango, text, font, width,
                                               align);
  int height;

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
line_height (PangoContext *pango,
             WmFont        font)
{
  g_autoptr(PangoLayout) layout = line_layout (pango, "Page", font, 100,
                                               PANGO_ALIGN_LEFT);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Draws lines first_line .. first_line + n_lines - 1 of the span's layout
 * so that the top of the first of them is at @top. */
static void
draw_span (cairo_t      *cr,
           const WmSpan *span,
           double        top)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (span->layout);
  guint end = span->first_line + span->n_lines;
  double first_top = 0;
  guint i = 0;

  do
    {
      PangoRectangle logical;
      double baseline;

      if (i >= end)
        break;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (i == span->first_line)
        first_top = (double) logical.y / PANGO_SCALE;

      if (i >= span->first_line)
        {
          baseline = (double) pango_layout_iter_get_baseline (iter)
                     / PANGO_SCALE;
          cairo_move_to (cr, span->x + (double) logical.x / PANGO_SCALE,
                         top + baseline - first_top);
          pango_cairo_show_layout_line (
            cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
}

/* Pieces */

static void
draw_text_piece (cairo_t       *cr,
                 const WmPiece *piece)
{
  for (guint i = 0; i < piece->spans->len; i++)
    draw_span (cr, &g_array_index (piece->spans, WmSpan, i), piece->y);
}

/* An index entry links to the page it names, in viewers that follow
 * links. The numbers are written with a '.' whatever the locale. */
static void
begin_link (cairo_t       *cr,
            const WmPiece *piece)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *attributes = NULL;

  g_ascii_formatd (x, sizeof x, "%.2f", piece->x);
  g_ascii_formatd (y, sizeof y, "%.2f", piece->y);
  g_ascii_formatd (width, sizeof width, "%.2f", piece->width);
  g_ascii_formatd (height, sizeof height, "%.2f", piece->height);
  attributes = g_strdup_printf ("page=%u rect=[%s %s %s %s]",
                                piece->link_page, x, y, width, height);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
}

static void
draw_cell_borders (cairo_t       *cr,
                   const WmPiece *piece)
{
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < piece->spans->len; i++)
    {
      const WmSpan *span = &g_array_index (piece->spans, WmSpan, i);

      cairo_rectangle (cr, span->x - WM_CELL_PADDING, piece->y,
                       span->width + 2 * WM_CELL_PADDING, piece->height);
    }
  cairo_stroke (cr);
}

static void
draw_row_piece (cairo_t       *cr,
                const WmPiece *piece)
{
  if (piece->link_page > 0)
    begin_link (cr, piece);

  if (piece->title_row)
    {
      cairo_set_source_rgb (cr, GREY_TITLE_ROW, GREY_TITLE_ROW,
                            GREY_TITLE_ROW);
      cairo_rectangle (cr, piece->x, piece->y, piece->width, piece->height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  if (piece->borders)
    draw_cell_borders (cr, piece);

  for (guint i = 0; i < piece->spans->len; i++)
    draw_span (cr, &g_array_index (piece->spans, WmSpan, i),
               piece->y + WM_CELL_PADDING);

  if (piece->link_page > 0)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* A shaded box with diagonal hatching and a heavy frame, so that a
 * redaction cannot be mistaken for blank space, even on a poor copy. */
static void
draw_redaction_piece (cairo_t       *cr,
                      const WmPiece *piece)
{
  cairo_save (cr);
  cairo_rectangle (cr, piece->x, piece->y, piece->width, piece->height);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, GREY_REDACTION, GREY_REDACTION, GREY_REDACTION);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, GREY_HATCH, GREY_HATCH, GREY_HATCH);
  cairo_set_line_width (cr, 0.7);
  for (double x = piece->x - piece->height; x < piece->x + piece->width;
       x += 8)
    {
      cairo_move_to (cr, x, piece->y + piece->height);
      cairo_line_to (cr, x + piece->height, piece->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, piece->x + 0.75, piece->y + 0.75,
                   piece->width - 1.5, piece->height - 1.5);
  cairo_stroke (cr);
}

static void
draw_rule_piece (cairo_t       *cr,
                 const WmPiece *piece)
{
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, piece->x, piece->y);
  cairo_line_to (cr, piece->x + piece->width, piece->y);
  cairo_stroke (cr);
}

/* Charts */

typedef struct
{
  double left;
  double right;
  double top;
  double bottom;
  double step;
} ChartBox;

static double
chart_x (const ChartBox *box,
         guint           point)
{
  return box->left + box->step * (point + 0.5);
}

static double
chart_y (const ChartBox *box,
         const WmBlock  *chart,
         double          value)
{
  return box->bottom - (box->bottom - box->top) * value / chart->y_max;
}

static void
draw_chart_grid (cairo_t        *cr,
                 PangoContext   *pango,
                 const ChartBox *box,
                 const WmBlock  *chart)
{
  for (guint k = 0; k <= 4; k++)
    {
      double y = chart_y (box, chart, chart->y_max * k / 4);
      char label[G_ASCII_DTOSTR_BUF_SIZE];

      cairo_set_source_rgb (cr, GREY_GRID, GREY_GRID, GREY_GRID);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, box->left, y);
      cairo_line_to (cr, box->right, y);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      g_ascii_formatd (label, sizeof label, "%g", chart->y_max * k / 4);
      draw_line (cr, pango, label, WM_FONT_SMALL, box->left - CHART_AXIS_WIDTH,
                 y - 5, CHART_AXIS_WIDTH - 4, PANGO_ALIGN_RIGHT);
    }
}

/* Labels every few weeks on the time axis, as many as fit unoverlapped. */
static void
draw_chart_labels (cairo_t        *cr,
                   PangoContext   *pango,
                   const ChartBox *box,
                   const WmBlock  *chart)
{
  guint n = chart->points->len;
  guint every = MAX (1, (guint) ceil (n * 40.0 / (box->right - box->left)));

  for (guint i = 0; i < n; i += every)
    {
      WmChartPoint *point = g_ptr_array_index (chart->points, i);

      draw_line (cr, pango, point->label, WM_FONT_SMALL,
                 chart_x (box, i) - 20, box->bottom + 3, 40,
                 PANGO_ALIGN_CENTER);
    }
}

/* Events: a dashed line at the week and the event's number in the key.
 * Several events in one week stack their numbers. */
static void
draw_chart_events (cairo_t        *cr,
                   PangoContext   *pango,
                   const ChartBox *box,
                   const WmBlock  *chart)
{
  g_autofree guint *stacked = g_new0 (guint, chart->points->len + 1);
  const double dash[] = { 2.0, 2.0 };

  for (guint i = 0; i < chart->events->len; i++)
    {
      WmChartEvent *event = g_ptr_array_index (chart->events, i);
      guint point = MIN (event->point, chart->points->len - 1);
      double x = chart_x (box, point);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, x, box->top);
      cairo_line_to (cr, x, box->bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      draw_line (cr, pango, number, WM_FONT_SMALL, x - 15,
                 box->top - CHART_TOP_SPACE + 9.0 * stacked[point], 30,
                 PANGO_ALIGN_CENTER);
      stacked[point]++;
    }
}

/* The values, joined by a line that breaks where a week has no value. */
static void
draw_chart_values (cairo_t        *cr,
                   const ChartBox *box,
                   const WmBlock  *chart)
{
  gboolean drawing = FALSE;

  cairo_set_line_width (cr, 1.4);
  for (guint i = 0; i < chart->points->len; i++)
    {
      WmChartPoint *point = g_ptr_array_index (chart->points, i);
      double x = chart_x (box, i);

      if (isnan (point->value))
        {
          drawing = FALSE;
          continue;
        }

      if (drawing)
        cairo_line_to (cr, x, chart_y (box, chart, point->value));
      else
        cairo_move_to (cr, x, chart_y (box, chart, point->value));
      drawing = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < chart->points->len; i++)
    {
      WmChartPoint *point = g_ptr_array_index (chart->points, i);

      if (isnan (point->value))
        continue;

      cairo_arc (cr, chart_x (box, i), chart_y (box, chart, point->value), 1.8,
                 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_chart_piece (cairo_t       *cr,
                  PangoContext  *pango,
                  const WmPiece *piece)
{
  const WmBlock *chart = piece->chart;
  ChartBox box;

  box.left = piece->x + CHART_AXIS_WIDTH;
  box.right = piece->x + piece->width - 4;
  box.top = piece->y + CHART_TOP_SPACE;
  box.bottom = piece->y + piece->height - CHART_LABEL_SPACE;
  box.step = (box.right - box.left) / MAX (chart->points->len, 1);

  draw_chart_grid (cr, pango, &box, chart);
  if (chart->points->len == 0)
    return;

  draw_chart_labels (cr, pango, &box, chart);
  draw_chart_events (cr, pango, &box, chart);
  draw_chart_values (cr, &box, chart);
}

static void
draw_piece (cairo_t       *cr,
            PangoContext  *pango,
            const WmPiece *piece)
{
  cairo_set_source_rgb (cr, 0, 0, 0);

  switch (piece->kind)
    {
    case WM_PIECE_TEXT:
      draw_text_piece (cr, piece);
      break;
    case WM_PIECE_ROW:
      draw_row_piece (cr, piece);
      break;
    case WM_PIECE_REDACTION:
      draw_redaction_piece (cr, piece);
      break;
    case WM_PIECE_RULE:
      draw_rule_piece (cr, piece);
      break;
    case WM_PIECE_CHART:
      draw_chart_piece (cr, pango, piece);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Header and footer */

static void
draw_rule (cairo_t *cr,
           double   y)
{
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, WM_CONTENT_LEFT, y);
  cairo_line_to (cr, WM_CONTENT_RIGHT, y);
  cairo_stroke (cr);
}

/* The marking on top, then the header text, then a rule. The header text
 * is one line, and a longer text is shortened in the middle with an
 * ellipsis. */
static void
draw_header (cairo_t      *cr,
             PangoContext *pango,
             WmDocument   *document)
{
  const char *marking = wm_document_get_marking (document);
  const char *text = wm_document_get_header_text (document);
  double y = WM_MARGIN;

  gboolean has_marking = marking != NULL && *marking != '\0';
  gboolean has_text = text != NULL && *text != '\0';

  /* A letter to a parent has neither, and its letterhead needs no rule
   * above it. */
  if (!has_marking && !has_text)
    return;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (has_marking)
    draw_line (cr, pango, marking, WM_FONT_MARKING, WM_CONTENT_LEFT, y,
               WM_CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  y += line_height (pango, WM_FONT_MARKING) + 1;
  cairo_set_source_rgb (cr, GREY_TEXT_QUIET, GREY_TEXT_QUIET, GREY_TEXT_QUIET);
  if (has_text)
    draw_line (cr, pango, text, WM_FONT_SMALL, WM_CONTENT_LEFT, y,
               WM_CONTENT_WIDTH, PANGO_ALIGN_LEFT);

  draw_rule (cr, WM_BODY_TOP - 6);
}

static void
draw_footer (cairo_t      *cr,
             PangoContext *pango,
             WmDocument   *document,
             guint         page,
             guint         n_pages)
{
  const char *marking = wm_document_get_marking (document);
  g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);
  double marking_top = WM_PAGE_HEIGHT - WM_MARGIN
                       - line_height (pango, WM_FONT_MARKING);

  cairo_set_source_rgb (cr, GREY_TEXT_QUIET, GREY_TEXT_QUIET, GREY_TEXT_QUIET);
  draw_rule (cr, WM_BODY_BOTTOM + 6);
  draw_line (cr, pango, number, WM_FONT_SMALL, WM_CONTENT_LEFT,
             WM_BODY_BOTTOM + 8, WM_CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (marking != NULL && *marking != '\0')
    draw_line (cr, pango, marking, WM_FONT_MARKING, WM_CONTENT_LEFT,
               marking_top, WM_CONTENT_WIDTH, PANGO_ALIGN_CENTER);
}

/* Internal API */

PangoFontDescription *
_wm_font_new (WmFont font)
{
  g_assert (font < WM_N_FONTS);

  return pango_font_description_from_string (font_names[font]);
}

/* Draws laid-out page @page (1-based) of @n_pages. */
void
_wm_draw_page (cairo_t      *cr,
               PangoContext *pango,
               WmDocument   *document,
               GPtrArray    *pieces,
               guint         page,
               guint         n_pages)
{
  cairo_save (cr);
  draw_header (cr, pango, document);
  for (guint i = 0; i < pieces->len; i++)
    draw_piece (cr, pango, g_ptr_array_index (pieces, i));

  draw_footer (cr, pango, document, page, n_pages);
  cairo_restore (cr);
}
