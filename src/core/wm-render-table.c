/* wm-render-table.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-render-private.h"

/*
 * Rows: tables, key-value lists, register grids and the index entries.
 * The rules a legal reader relies on:
 *
 * - a table's title row repeats at the top of every page it reaches, so
 *   that every page can be read on its own;
 * - a table starts where its title row and its first two rows (or its
 *   only row) fit. A page then never ends on column titles alone, or on
 *   titles and one row that read as the whole table;
 * - a row is never split across pages, so that no entry reads as two;
 * - a row taller than a whole page is the one exception: it continues on
 *   the next page under the title row and a "(continued)" line, so that
 *   nothing is cut off.
 */

/* When less than this is left on a page, a row taller than a page starts
 * on the next page rather than with a sliver here. */
#define TALL_ROW_MIN_START 72.0

/* The rows a table's title row is kept with where the table starts. */
#define ROWS_KEPT_WITH_TITLE 2

/* How often the row loop looks at the cancellable. */
#define ROWS_PER_CANCEL_CHECK 32

typedef struct
{
  guint            n_columns;
  double          *x;
  double          *width;
  PangoAlignment  *align;
  WmFont           title_font;
  WmFont           key_font;
  WmFont           cell_font;
  gboolean         borders;
  GStrv            titles;
} RowStyle;

typedef struct
{
  GPtrArray *cells;
  double     height;
  guint      link_page;
} Row;

/* Helpers */

static void
row_style_clear (RowStyle *style)
{
  g_free (style->x);
  g_free (style->width);
  g_free (style->align);
}

static void
row_style_init (RowStyle     *style,
                guint         n_columns,
                const double *weights)
{
  double total = 0;
  double x = WM_CONTENT_LEFT;

  *style = (RowStyle) { 0 };
  style->n_columns = n_columns;
  style->x = g_new0 (double, n_columns);
  style->width = g_new0 (double, n_columns);
  style->align = g_new0 (PangoAlignment, n_columns);

  for (guint i = 0; i < n_columns; i++)
    total += weights[i];

  for (guint i = 0; i < n_columns; i++)
    {
      style->x[i] = x;
      style->width[i] = WM_CONTENT_WIDTH * weights[i] / total;
      style->align[i] = PANGO_ALIGN_LEFT;
      x += style->width[i];
    }
}

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static double
cell_height (PangoLayout *cell)
{
  return _wm_text_height (cell, 0, pango_layout_get_line_count (cell));
}

static Row *
row_new (WmLayout           *layout,
         const RowStyle     *style,
         const char * const *texts,
         gboolean            title_row)
{
  Row *row = g_new0 (Row, 1);
  double tallest = 0;

  row->cells = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < style->n_columns; i++)
    {
      WmFont font = title_row ? style->title_font
                    : i == 0 ? style->key_font
                    : style->cell_font;
      PangoLayout *cell;

      cell = _wm_layout_text (layout, texts[i], font,
                              style->width[i] - 2 * WM_CELL_PADDING,
                              style->align[i]);
      g_ptr_array_add (row->cells, cell);
      tallest = MAX (tallest, cell_height (cell));
    }

  row->height = tallest + 2 * WM_CELL_PADDING;
  return row;
}

static WmPiece *
add_row_piece (WmLayout       *layout,
               const RowStyle *style,
               gboolean        title_row)
{
  WmPiece *piece;

  piece = _wm_layout_add_piece (layout, WM_PIECE_ROW, WM_CONTENT_LEFT,
                                layout->y, WM_CONTENT_WIDTH, 0);
  piece->title_row = title_row;
  piece->borders = style->borders;
  return piece;
}

/* Places the whole of @row at the cursor. */
static void
add_whole_row (WmLayout       *layout,
               const RowStyle *style,
               Row            *row,
               gboolean        title_row)
{
  WmPiece *piece = add_row_piece (layout, style, title_row);

  for (guint i = 0; i < style->n_columns; i++)
    {
      PangoLayout *cell = g_ptr_array_index (row->cells, i);

      _wm_piece_add_span (piece, cell, 0, pango_layout_get_line_count (cell),
                          style->x[i] + WM_CELL_PADDING,
                          style->width[i] - 2 * WM_CELL_PADDING);
    }

  piece->height = row->height;
  piece->link_page = row->link_page;
  layout->y += row->height;
}

static void
add_title_row (WmLayout       *layout,
               const RowStyle *style,
               Row            *title)
{
  if (title != NULL)
    add_whole_row (layout, style, title, TRUE);
}

static double
title_height (Row *title)
{
  return title != NULL ? title->height : 0;
}

static void
add_continued_marker (WmLayout *layout)
{
  g_autoptr(PangoLayout) marker = NULL;

  marker = _wm_layout_text (layout, "(continued)", WM_FONT_SMALL_ITALIC,
                            WM_CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  _wm_layout_place_text (layout, marker, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
}

/* Places as many lines of each cell as fit on this page, from @first.
 * Returns whether every cell is now complete. */
static gboolean
add_row_part (WmLayout       *layout,
              const RowStyle *style,
              Row            *row,
              guint          *first)
{
  WmPiece *piece = add_row_piece (layout, style, FALSE);
  double room = WM_BODY_BOTTOM - layout->y - 2 * WM_CELL_PADDING;
  double used = 0;
  gboolean complete = TRUE;

  for (guint i = 0; i < style->n_columns; i++)
    {
      PangoLayout *cell = g_ptr_array_index (row->cells, i);
      guint n_lines = pango_layout_get_line_count (cell);
      guint fitting = _wm_lines_fitting (cell, first[i], room);

      _wm_piece_add_span (piece, cell, first[i], fitting,
                          style->x[i] + WM_CELL_PADDING,
                          style->width[i] - 2 * WM_CELL_PADDING);
      used = MAX (used, _wm_text_height (cell, first[i], fitting));
      first[i] += fitting;
      complete = complete && first[i] == n_lines;
    }

  piece->height = used + 2 * WM_CELL_PADDING;
  layout->y += piece->height;
  return complete;
}

/* A row taller than a page: fills the rest of this page, then continues
 * under the title row and a "(continued)" line on as many pages as it
 * needs. */
static void
add_tall_row (WmLayout       *layout,
              const RowStyle *style,
              Row            *row,
              Row            *title)
{
  g_autofree guint *first = g_new0 (guint, style->n_columns);

  if (WM_BODY_BOTTOM - layout->y < TALL_ROW_MIN_START)
    {
      _wm_layout_new_page (layout);
      add_title_row (layout, style, title);
    }

  while (!add_row_part (layout, style, row, first))
    {
      _wm_layout_new_page (layout);
      add_title_row (layout, style, title);
      add_continued_marker (layout);
    }
}

static void
add_row (WmLayout       *layout,
         const RowStyle *style,
         Row            *row,
         Row            *title)
{
  if (layout->y + row->height <= WM_BODY_BOTTOM + 0.01)
    add_whole_row (layout, style, row, FALSE);
  else if (title_height (title) + row->height <= WM_BODY_HEIGHT)
    {
      _wm_layout_new_page (layout);
      add_title_row (layout, style, title);
      add_whole_row (layout, style, row, FALSE);
    }
  else
    add_tall_row (layout, style, row, title);
}

/* Returns the height the table needs where it starts: its title row and
 * its first rows when they fit on one page together. Otherwise it is the
 * title row and the first row, or the title row and the start of a row
 * taller than a page. A list without a title row needs its first row
 * only, because it has no titles to leave without rows. */
static double
start_height (Row        *title,
              Row *const *first_rows,
              guint       n_rows)
{
  double height = title_height (title);

  if (title == NULL)
    n_rows = MIN (n_rows, 1);

  for (guint i = 0; i < n_rows; i++)
    height += first_rows[i]->height;

  if (height <= WM_BODY_HEIGHT || n_rows == 0)
    return height;

  if (title_height (title) + first_rows[0]->height <= WM_BODY_HEIGHT)
    return title_height (title) + first_rows[0]->height;

  return title_height (title) + TALL_ROW_MIN_START;
}

/* Starts the table: its title row goes to the next page rather than end
 * this one without its first rows under it. */
static void
start_rows (WmLayout       *layout,
            const RowStyle *style,
            Row            *title,
            Row *const     *first_rows,
            guint           n_rows)
{
  _wm_layout_ensure (layout, start_height (title, first_rows, n_rows));
  add_title_row (layout, style, title);
}

static Row *
text_row_new (WmLayout       *layout,
              const RowStyle *style,
              GPtrArray      *texts,
              const guint    *link_pages,
              guint           i)
{
  Row *row = row_new (layout, style, g_ptr_array_index (texts, i), FALSE);

  row->link_page = link_pages != NULL ? link_pages[i] : 0;
  return row;
}

static void
place_rows (WmLayout       *layout,
            const RowStyle *style,
            GPtrArray      *texts,
            const guint    *link_pages)
{
  g_autoptr(Row) title = NULL;
  Row *first_rows[ROWS_KEPT_WITH_TITLE] = { NULL, };
  guint n_first = MIN (texts->len, ROWS_KEPT_WITH_TITLE);

  if (style->titles != NULL)
    title = row_new (layout, style, (const char * const *) style->titles,
                     TRUE);

  /* The first rows are made before the table starts, because where it
   * starts depends on their height. */
  for (guint i = 0; i < n_first; i++)
    first_rows[i] = text_row_new (layout, style, texts, link_pages, i);
  start_rows (layout, style, title, first_rows, n_first);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(Row) row = i < n_first ? g_steal_pointer (&first_rows[i])
                                       : NULL;

      if (i % ROWS_PER_CANCEL_CHECK == 0
          && g_cancellable_is_cancelled (layout->cancellable))
        break;

      if (row == NULL)
        row = text_row_new (layout, style, texts, link_pages, i);
      add_row (layout, style, row, title);
    }

  for (guint i = 0; i < n_first; i++)
    g_clear_pointer (&first_rows[i], row_free);
}

/* Internal API */

/* Places a table, key-value list or register grid at the cursor. */
void
_wm_layout_rows (WmLayout *layout,
                 WmBlock  *block)
{
  RowStyle style;

  row_style_init (&style, block->n_columns, block->widths);
  style.titles = block->titles;
  style.title_font = WM_FONT_TABLE_BOLD;
  style.key_font = WM_FONT_TABLE;
  style.cell_font = WM_FONT_TABLE;
  style.borders = TRUE;

  if (block->kind == WM_BLOCK_KEY_VALUES)
    {
      style.key_font = WM_FONT_BODY_BOLD;
      style.cell_font = WM_FONT_BODY;
      style.borders = FALSE;
    }
  else if (block->kind == WM_BLOCK_REGISTER_GRID)
    {
      style.cell_font = WM_FONT_MONO;
      for (guint i = 1; i < block->n_columns; i++)
        style.align[i] = PANGO_ALIGN_CENTER;
    }

  place_rows (layout, &style, block->rows, NULL);
  row_style_clear (&style);
}

/* Places the index entries: one row per listed section, with the page
 * found by the previous pass. The page column has a fixed width, so the
 * entries take the same room whatever the numbers are, and the pass that
 * fills in the numbers cannot move anything. */
void
_wm_layout_index (WmLayout *layout,
                  guint     index_section)
{
  static const char * const titles[] = { "Document", "Page", NULL };
  const double weights[] = { WM_CONTENT_WIDTH - 60, 60 };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_strfreev);
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n_sections = wm_document_get_n_sections (layout->document);
  RowStyle style;

  for (guint i = 0; i < n_sections; i++)
    {
      WmSection *section = wm_document_get_section (layout->document, i);
      guint page = layout->known_pages != NULL ? layout->known_pages[i] : 0;
      GStrv entry;

      if (i == index_section || (section->flags & WM_SECTION_NOT_IN_INDEX))
        continue;

      entry = g_new0 (char *, 3);
      entry[0] = wm_section_dup_label (section);
      entry[1] = page > 0 ? g_strdup_printf ("%u", page) : g_strdup ("");
      g_ptr_array_add (texts, entry);
      g_array_append_val (links, page);
    }

  row_style_init (&style, 2, weights);
  style.titles = (GStrv) titles;
  style.title_font = WM_FONT_BODY_BOLD;
  style.key_font = WM_FONT_BODY;
  style.cell_font = WM_FONT_BODY;
  style.align[1] = PANGO_ALIGN_RIGHT;
  place_rows (layout, &style, texts, (const guint *) links->data);
  row_style_clear (&style);
}
