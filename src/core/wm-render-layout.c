/* wm-render-layout.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-render-private.h"

#include "wm-error.h"

/*
 * One layout pass: walks the document's sections and blocks and places
 * them as pieces on pages. Text flows from page to page line by line.
 * Blocks that would be misread if cut (a redaction, a signature, a chart)
 * move whole to the next page. Tables are placed in wm-render-table.c.
 * Blocks kept with the next one are placed as a group on one page, as
 * described under "Keeping blocks together" below.
 */

/* Space after a block of each kind, and before a section, in points. */
#define SPACE_AFTER_TEXT     6.0
#define SPACE_AFTER_BLOCK    10.0
#define SPACE_BEFORE_SECTION 16.0
#define SPACE_BEFORE_HEADING 6.0

#define REDACTION_PADDING    12.0
#define SIGNATURE_SPACE      34.0
#define SIGNATURE_RULE       200.0
#define CHART_HEIGHT         170.0

/* Helpers: line geometry */

/* The top of each line, relative to the layout's top, followed by the
 * bottom of the last line; n_lines + 1 values in points. */
static GArray *
line_edges (PangoLayout *layout)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  double edge;

  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      edge = (double) logical.y / PANGO_SCALE;
      g_array_append_val (edges, edge);
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_get_extents (layout, NULL, &logical);
  edge = (double) (logical.y + logical.height) / PANGO_SCALE;
  g_array_append_val (edges, edge);
  return edges;
}

/* Text pieces */

static void
piece_free (gpointer data)
{
  WmPiece *piece = data;

  g_clear_pointer (&piece->spans, g_array_unref);
  g_free (piece);
}

static void
span_clear (gpointer data)
{
  WmSpan *span = data;

  g_clear_object (&span->layout);
}

/* Moves the start of a paragraph to the next page rather than leave one
 * line of it at the foot of this one, and never leaves one line of it
 * alone at the top of the next. */
static guint
keep_lines_together (guint first,
                     guint fitting,
                     guint n_lines)
{
  if (first == 0 && fitting == 1 && n_lines > 1)
    return 0;

  if (fitting > 2 && first + fitting + 1 == n_lines)
    return fitting - 1;

  return fitting;
}

/* Section headings and the index */

static void
add_space (WmLayout *layout,
           double    space)
{
  if (!_wm_layout_page_is_empty (layout))
    layout->y += space;
}

static void
place_kept_text (WmLayout    *layout,
                 PangoLayout *text,
                 double       keep)
{
  double height = _wm_text_height (text, 0, pango_layout_get_line_count (text));

  _wm_layout_ensure (layout, height + keep);
  _wm_layout_place_text (layout, text, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
}

static void
layout_section_title (WmLayout  *layout,
                      WmSection *section)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) title = NULL;

  if (section->exhibit > 0)
    text = g_strdup_printf ("Exhibit %u\n%s", section->exhibit,
                            section->title);
  else
    text = g_strdup (section->title);

  title = _wm_layout_text (layout, text, WM_FONT_SECTION, WM_CONTENT_WIDTH,
                           PANGO_ALIGN_LEFT);
  _wm_layout_place_text (layout, title, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
  layout->y += SPACE_AFTER_BLOCK;
}

/* Blocks */

static WmFont
font_for_style (WmTextStyle style)
{
  switch (style)
    {
    case WM_TEXT_HEADING:
      return WM_FONT_HEADING;
    case WM_TEXT_TITLE:
      return WM_FONT_TITLE;
    case WM_TEXT_STRONG:
      return WM_FONT_BODY_BOLD;
    case WM_TEXT_SMALL:
      return WM_FONT_SMALL;
    case WM_TEXT_BODY:
    case WM_TEXT_RIGHT:
    default:
      return WM_FONT_BODY;
    }
}

static void
layout_text_block (WmLayout *layout,
                   WmBlock  *block)
{
  PangoAlignment align = block->style == WM_TEXT_RIGHT ? PANGO_ALIGN_RIGHT
                                                       : PANGO_ALIGN_LEFT;
  g_autoptr(PangoLayout) text = NULL;

  text = _wm_layout_text (layout, block->text, font_for_style (block->style),
                          WM_CONTENT_WIDTH, align);

  if (block->style == WM_TEXT_HEADING)
    {
      add_space (layout, SPACE_BEFORE_HEADING);
      _wm_layout_place_text (layout, text, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
      layout->y += SPACE_AFTER_TEXT / 2;
      return;
    }

  _wm_layout_place_text (layout, text, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
  layout->y += SPACE_AFTER_TEXT;
}

static void
layout_redacted (WmLayout *layout,
                 WmBlock  *block)
{
  double inner = WM_CONTENT_WIDTH - 2 * REDACTION_PADDING;
  g_autoptr(PangoLayout) reason = NULL;
  guint n_lines;
  double height;
  WmPiece *piece;

  reason = _wm_layout_text (layout, block->text, WM_FONT_BODY_BOLD, inner,
                            PANGO_ALIGN_CENTER);
  n_lines = pango_layout_get_line_count (reason);
  height = _wm_text_height (reason, 0, n_lines) + 2 * REDACTION_PADDING;

  /* A reason too long for one page is not a redaction box any more:
   * print it as text so that none of it is lost. */
  if (height > WM_BODY_HEIGHT)
    {
      _wm_layout_place_text (layout, reason, WM_CONTENT_LEFT,
                             WM_CONTENT_WIDTH);
      return;
    }

  _wm_layout_ensure (layout, height);
  _wm_layout_add_piece (layout, WM_PIECE_REDACTION, WM_CONTENT_LEFT,
                        layout->y, WM_CONTENT_WIDTH, height);
  piece = _wm_layout_add_piece (layout, WM_PIECE_TEXT,
                                WM_CONTENT_LEFT + REDACTION_PADDING,
                                layout->y + REDACTION_PADDING, inner,
                                height - 2 * REDACTION_PADDING);
  _wm_piece_add_span (piece, reason, 0, n_lines, piece->x, inner);
  layout->y += height + SPACE_AFTER_BLOCK;
}

static double
signature_height (GPtrArray *lines)
{
  double height = SIGNATURE_SPACE;

  for (guint i = 0; i < lines->len; i++)
    {
      PangoLayout *line = g_ptr_array_index (lines, i);

      height += _wm_text_height (line, 0, pango_layout_get_line_count (line));
    }

  return height;
}

/* The signature block: a space to sign, a rule, then the name, the role
 * and an optional date line, kept on one page so that the signature is
 * never separated from the name it belongs to. */
static void
layout_signature (WmLayout *layout,
                  WmBlock  *block)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  double width = WM_CONTENT_WIDTH / 2;

  g_ptr_array_add (lines, _wm_layout_text (layout, block->text,
                                           WM_FONT_BODY_BOLD, width,
                                           PANGO_ALIGN_LEFT));
  if (block->role != NULL && *block->role != '\0')
    g_ptr_array_add (lines, _wm_layout_text (layout, block->role,
                                             WM_FONT_BODY, width,
                                             PANGO_ALIGN_LEFT));
  if (block->date_line)
    g_ptr_array_add (lines, _wm_layout_text (layout,
                                             "Date: ____________________",
                                             WM_FONT_BODY, width,
                                             PANGO_ALIGN_LEFT));

  _wm_layout_ensure (layout, signature_height (lines));
  layout->y += SIGNATURE_SPACE;
  _wm_layout_add_piece (layout, WM_PIECE_RULE, WM_CONTENT_LEFT, layout->y,
                        SIGNATURE_RULE, 0);
  layout->y += 3;
  for (guint i = 0; i < lines->len; i++)
    _wm_layout_place_text (layout, g_ptr_array_index (lines, i),
                           WM_CONTENT_LEFT, width);

  layout->y += SPACE_AFTER_BLOCK;
}

static void
layout_chart_key (WmLayout *layout,
                  WmBlock  *block)
{
  for (guint i = 0; i < block->events->len; i++)
    {
      WmChartEvent *event = g_ptr_array_index (block->events, i);
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) line = NULL;

      text = g_strdup_printf ("%u. %s", i + 1, event->label);
      line = _wm_layout_text (layout, text, WM_FONT_SMALL, WM_CONTENT_WIDTH,
                              PANGO_ALIGN_LEFT);
      _wm_layout_place_text (layout, line, WM_CONTENT_LEFT, WM_CONTENT_WIDTH);
    }
}

static void
layout_chart (WmLayout *layout,
              WmBlock  *block)
{
  g_autoptr(PangoLayout) title = NULL;
  WmPiece *piece;

  title = _wm_layout_text (layout, block->text, WM_FONT_BODY_BOLD,
                           WM_CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  place_kept_text (layout, title, CHART_HEIGHT);

  piece = _wm_layout_add_piece (layout, WM_PIECE_CHART, WM_CONTENT_LEFT,
                                layout->y, WM_CONTENT_WIDTH, CHART_HEIGHT);
  piece->chart = block;
  layout->y += CHART_HEIGHT + SPACE_AFTER_TEXT;
  layout_chart_key (layout, block);
  layout->y += SPACE_AFTER_BLOCK;
}

static void
layout_block (WmLayout *layout,
              WmBlock  *block)
{
  switch (block->kind)
    {
    case WM_BLOCK_TEXT:
      layout_text_block (layout, block);
      break;
    case WM_BLOCK_KEY_VALUES:
    case WM_BLOCK_TABLE:
    case WM_BLOCK_REGISTER_GRID:
      _wm_layout_rows (layout, block);
      layout->y += SPACE_AFTER_BLOCK;
      break;
    case WM_BLOCK_REDACTED:
      layout_redacted (layout, block);
      break;
    case WM_BLOCK_CHART:
      layout_chart (layout, block);
      break;
    case WM_BLOCK_SIGNATURE:
      layout_signature (layout, block);
      break;
    case WM_BLOCK_PAGE_BREAK:
      if (!_wm_layout_page_is_empty (layout))
        _wm_layout_new_page (layout);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Keeping blocks together
 *
 * A group is a section's printed title when it leads the group, a run of
 * blocks kept with the next one, and the block after the last of them.
 * The rule is the one wm_block_set_keep_with_next() documents. Every item
 * of the group but the last is whole on one page, and the last one starts
 * on that page. A group that does not fit in what is left of the page
 * starts on a new page. A group that fits on no page flows as if not
 * kept, so that nothing is lost.
 *
 * The group is placed in the normal flow and then checked. When it did
 * not stay on one page it is taken back and placed again from the top of
 * a new page; when even that fails it is taken back once more and placed
 * where it first was. Placing and checking, rather than measuring first,
 * gives the exact answer for every kind of block with the line and row
 * rules each one follows; the cost is placing a group again when it
 * moves, which happens at most once a page.
 */

typedef struct
{
  WmSection *section;
  guint      index;
  gboolean   title;
  guint      first;
  guint      end;
} Group;

typedef struct
{
  guint   section;
  guint   n_pages;
  guint   n_pieces;
  double  y;
  gint    pending_section;
  guint   section_page;
} Snapshot;

static GPtrArray *
last_page (WmLayout *layout)
{
  return g_ptr_array_index (layout->pages, layout->pages->len - 1);
}

static void
snapshot_take (WmLayout *layout,
               guint     section,
               Snapshot *snapshot)
{
  snapshot->section = section;
  snapshot->n_pages = layout->pages->len;
  snapshot->n_pieces = last_page (layout)->len;
  snapshot->y = layout->y;
  snapshot->pending_section = layout->pending_section;
  snapshot->section_page = layout->section_pages[section];
}

/* Takes back every page and piece added since @snapshot was taken. */
static void
snapshot_restore (WmLayout       *layout,
                  const Snapshot *snapshot)
{
  g_ptr_array_set_size (layout->pages, snapshot->n_pages);
  g_ptr_array_set_size (last_page (layout), snapshot->n_pieces);
  layout->y = snapshot->y;
  layout->pending_section = snapshot->pending_section;
  layout->section_pages[snapshot->section] = snapshot->section_page;
}

static gboolean
keeps_with_next (WmBlock *block)
{
  return block->keep_with_next && block->kind != WM_BLOCK_PAGE_BREAK;
}

/* One past the last block of the group that starts at block @first. A
 * page break ends a group, because nothing can be kept across it. */
static guint
group_end (WmSection *section,
           guint      first)
{
  GPtrArray *blocks = section->blocks;
  guint last = first;

  if (first >= blocks->len)
    return blocks->len;

  while (last + 1 < blocks->len
         && keeps_with_next (g_ptr_array_index (blocks, last))
         && ((WmBlock *) g_ptr_array_index (blocks, last + 1))->kind
              != WM_BLOCK_PAGE_BREAK)
    last++;

  return last + 1;
}

static guint
group_n_items (const Group *group)
{
  return (group->title ? 1 : 0) + group->end - group->first;
}

static void
place_item (WmLayout    *layout,
            const Group *group,
            guint        item)
{
  if (group->title && item == 0)
    {
      layout_section_title (layout, group->section);
      return;
    }

  item -= group->title ? 1 : 0;
  layout_block (layout, g_ptr_array_index (group->section->blocks,
                                           group->first + item));
}

/* Places the group in the normal flow. Returns whether it stayed on one
 * page: every item but the last whole on the page of the group's first
 * piece, and the last one starting there. */
static gboolean
place_group (WmLayout    *layout,
             const Group *group)
{
  guint n_items = group_n_items (group);
  guint start = 0;
  gboolean together = TRUE;

  for (guint i = 0; i < n_items; i++)
    {
      if (g_cancellable_is_cancelled (layout->cancellable))
        return TRUE;

      layout->first_piece_page = 0;
      place_item (layout, group, i);
      if (start == 0)
        start = layout->first_piece_page;
      else if (layout->first_piece_page != 0
               && layout->first_piece_page != start)
        together = FALSE;

      if (i + 1 < n_items && start != 0 && layout->pages->len != start)
        together = FALSE;
    }

  return together;
}

static void
layout_group (WmLayout    *layout,
              const Group *group)
{
  gboolean fresh_page = _wm_layout_page_is_empty (layout);
  Snapshot before;

  snapshot_take (layout, group->index, &before);
  if (place_group (layout, group) || fresh_page)
    return;

  g_debug ("A group of %u blocks moves to page %u to stay together",
           group_n_items (group), before.n_pages + 1);
  snapshot_restore (layout, &before);
  _wm_layout_new_page (layout);
  if (place_group (layout, group))
    return;

  /* Taller than a page: it cannot be kept together, so it flows from
   * where it was, as if not kept, and nothing of it is lost. */
  g_debug ("A group of %u blocks is taller than a page and flows",
           group_n_items (group));
  snapshot_restore (layout, &before);
  place_group (layout, group);
}

static void
layout_section (WmLayout *layout,
                guint     index)
{
  WmSection *section = wm_document_get_section (layout->document, index);
  gboolean title = (section->flags & WM_SECTION_HIDE_TITLE) == 0;
  guint first = 0;

  if ((section->flags & WM_SECTION_NEW_PAGE) != 0
      && !_wm_layout_page_is_empty (layout))
    _wm_layout_new_page (layout);
  else
    add_space (layout, SPACE_BEFORE_SECTION);

  /* The section starts on the page that receives its first piece, which
   * may be the next one if its title does not fit on this one. The
   * printed title leads the first group, so that it is kept with the
   * first block as a heading is. */
  layout->pending_section = (gint) index;
  while (first < section->blocks->len || title)
    {
      Group group = { section, index, title, first,
                      group_end (section, first) };

      if (g_cancellable_is_cancelled (layout->cancellable))
        return;

      layout_group (layout, &group);
      title = FALSE;
      first = group.end;
    }

  if (section->is_index)
    _wm_layout_index (layout, index);

  if (layout->pending_section == (gint) index)
    layout->section_pages[index] = layout->pages->len;

  layout->pending_section = -1;
}

/* Internal API */

WmLayout *
_wm_layout_new (WmDocument   *document,
                PangoContext *pango,
                const guint  *known_pages,
                GCancellable *cancellable)
{
  WmLayout *layout = g_new0 (WmLayout, 1);
  guint n_sections = wm_document_get_n_sections (document);

  layout->document = g_object_ref (document);
  layout->pango = g_object_ref (pango);
  layout->cancellable = cancellable != NULL ? g_object_ref (cancellable)
                                            : NULL;
  for (guint i = 0; i < WM_N_FONTS; i++)
    layout->fonts[i] = _wm_font_new (i);

  layout->pages = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_ptr_array_unref);
  layout->known_pages = known_pages;
  layout->section_pages = g_new0 (guint, MAX (n_sections, 1));
  layout->pending_section = -1;
  _wm_layout_new_page (layout);
  return layout;
}

void
_wm_layout_free (WmLayout *layout)
{
  for (guint i = 0; i < WM_N_FONTS; i++)
    pango_font_description_free (layout->fonts[i]);

  g_clear_object (&layout->cancellable);
  g_object_unref (layout->pango);
  g_object_unref (layout->document);
  g_ptr_array_unref (layout->pages);
  g_free (layout->section_pages);
  g_free (layout);
}

/* A page break at the very end leaves an empty last page, which would
 * print as a blank sheet numbered like the others: drop it. */
static void
drop_empty_last_page (WmLayout *layout,
                      guint     n_sections)
{
  if (layout->pages->len < 2 || !_wm_layout_page_is_empty (layout))
    return;

  g_ptr_array_set_size (layout->pages, layout->pages->len - 1);
  for (guint i = 0; i < n_sections; i++)
    layout->section_pages[i] = MIN (layout->section_pages[i],
                                    layout->pages->len);
}

/* Lays out the whole document once. Fails only when cancelled. */
gboolean
_wm_layout_run (WmLayout  *layout,
                GError   **error)
{
  guint n_sections = wm_document_get_n_sections (layout->document);

  for (guint i = 0; i < n_sections; i++)
    {
      if (g_cancellable_set_error_if_cancelled (layout->cancellable, error))
        return FALSE;

      layout_section (layout, i);
    }

  if (g_cancellable_set_error_if_cancelled (layout->cancellable, error))
    return FALSE;

  drop_empty_last_page (layout, n_sections);
  return TRUE;
}

/* Makes a paragraph layout of plain text. Text wraps at word boundaries,
 * and inside a word only when the word alone is wider than the line, so
 * that a long URL or reference stays inside the margins. No hyphen is
 * added where a word is broken, because a hyphen inside a URL or a case
 * reference would change it. */
PangoLayout *
_wm_layout_text (WmLayout       *layout,
                 const char     *text,
                 WmFont          font,
                 double          width,
                 PangoAlignment  align)
{
  PangoLayout *result = pango_layout_new (layout->pango);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (result, attrs);
  pango_layout_set_font_description (result, layout->fonts[font]);
  pango_layout_set_width (result, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (result, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (result, align);
  pango_layout_set_text (result, text, -1);
  return result;
}

/* The height in points of @n_lines lines of @layout from @first_line. */
double
_wm_text_height (PangoLayout *layout,
                 guint        first_line,
                 guint        n_lines)
{
  g_autoptr(GArray) edges = line_edges (layout);

  g_assert (first_line + n_lines < edges->len);
  return g_array_index (edges, double, first_line + n_lines)
         - g_array_index (edges, double, first_line);
}

/* How many lines of @layout from @first_line fit in @height points. */
guint
_wm_lines_fitting (PangoLayout *layout,
                   guint        first_line,
                   double       height)
{
  g_autoptr(GArray) edges = line_edges (layout);
  double top = g_array_index (edges, double, first_line);
  guint n = 0;

  /* The small tolerance absorbs rounding in Pango units. */
  while (first_line + n + 1 < edges->len
         && g_array_index (edges, double, first_line + n + 1) - top
              <= height + 0.01)
    n++;

  return n;
}

void
_wm_layout_new_page (WmLayout *layout)
{
  g_ptr_array_add (layout->pages, g_ptr_array_new_with_free_func (piece_free));
  layout->y = WM_BODY_TOP;
}

gboolean
_wm_layout_page_is_empty (WmLayout *layout)
{
  GPtrArray *page = g_ptr_array_index (layout->pages, layout->pages->len - 1);

  return page->len == 0;
}

/* Starts a new page unless @height points fit below the cursor. On an
 * empty page nothing is gained by moving on, so the piece stays. */
void
_wm_layout_ensure (WmLayout *layout,
                   double    height)
{
  if (layout->y + height > WM_BODY_BOTTOM + 0.01
      && !_wm_layout_page_is_empty (layout))
    _wm_layout_new_page (layout);
}

/* Adds a piece to the current page. The first piece placed after a
 * section begins fixes the section's first page. */
WmPiece *
_wm_layout_add_piece (WmLayout    *layout,
                      WmPieceKind  kind,
                      double       x,
                      double       y,
                      double       width,
                      double       height)
{
  GPtrArray *page = g_ptr_array_index (layout->pages, layout->pages->len - 1);
  WmPiece *piece = g_new0 (WmPiece, 1);

  piece->kind = kind;
  piece->x = x;
  piece->y = y;
  piece->width = width;
  piece->height = height;
  g_ptr_array_add (page, piece);

  if (layout->first_piece_page == 0)
    layout->first_piece_page = layout->pages->len;

  if (layout->pending_section >= 0)
    {
      layout->section_pages[layout->pending_section] = layout->pages->len;
      layout->pending_section = -1;
    }

  return piece;
}

void
_wm_piece_add_span (WmPiece     *piece,
                    PangoLayout *layout,
                    guint        first_line,
                    guint        n_lines,
                    double       x,
                    double       width)
{
  WmSpan span = { g_object_ref (layout), first_line, n_lines, x, width };

  if (piece->spans == NULL)
    {
      piece->spans = g_array_new (FALSE, FALSE, sizeof (WmSpan));
      g_array_set_clear_func (piece->spans, span_clear);
    }

  g_array_append_val (piece->spans, span);
}

/* Places @text at the cursor, continuing on as many pages as it needs. */
void
_wm_layout_place_text (WmLayout    *layout,
                       PangoLayout *text,
                       double       x,
                       double       width)
{
  guint n_lines = pango_layout_get_line_count (text);
  guint first = 0;

  while (first < n_lines)
    {
      guint fitting = _wm_lines_fitting (text, first,
                                         WM_BODY_BOTTOM - layout->y);
      double height;
      WmPiece *piece;

      if (!_wm_layout_page_is_empty (layout))
        fitting = keep_lines_together (first, fitting, n_lines);

      if (fitting == 0 && !_wm_layout_page_is_empty (layout))
        {
          _wm_layout_new_page (layout);
          continue;
        }

      /* The tallest line these fonts make is about 26 points, far less
       * than a page, but a taller one must still not stop the loop. */
      fitting = MAX (fitting, 1);
      height = _wm_text_height (text, first, fitting);
      piece = _wm_layout_add_piece (layout, WM_PIECE_TEXT, x, layout->y,
                                    width, height);
      _wm_piece_add_span (piece, text, first, fitting, x, width);
      layout->y += height;
      first += fitting;
    }
}
