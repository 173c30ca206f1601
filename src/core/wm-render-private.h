/* wm-render-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page layout shared by the renderer's files: wm-render.c drives the
 * passes and writes the PDF, wm-render-layout.c places text and fixed
 * blocks, wm-render-table.c places rows, wm-render-draw.c draws pages.
 */

#pragma once

#include <pango/pangocairo.h>

#include "wm-document-private.h"
#include "wm-render.h"

G_BEGIN_DECLS

/* A4 in points, and margins of 20 mm on every side. */
#define WM_PAGE_WIDTH   595.276
#define WM_PAGE_HEIGHT  841.89
#define WM_MARGIN       (20.0 * 72.0 / 25.4)

#define WM_CONTENT_LEFT   WM_MARGIN
#define WM_CONTENT_RIGHT  (WM_PAGE_WIDTH - WM_MARGIN)
#define WM_CONTENT_WIDTH  (WM_CONTENT_RIGHT - WM_CONTENT_LEFT)

/* The running header (marking, header text, a rule) and the footer (a
 * rule, the page number, the marking) are inside the margins. The body is
 * between them. */
#define WM_HEADER_HEIGHT  34.0
#define WM_FOOTER_HEIGHT  34.0
#define WM_BODY_TOP       (WM_MARGIN + WM_HEADER_HEIGHT)
#define WM_BODY_BOTTOM    (WM_PAGE_HEIGHT - WM_MARGIN - WM_FOOTER_HEIGHT)
#define WM_BODY_HEIGHT    (WM_BODY_BOTTOM - WM_BODY_TOP)

/* The space between a table cell's border and its text. */
#define WM_CELL_PADDING   3.0

typedef enum
{
  WM_FONT_BODY,
  WM_FONT_BODY_BOLD,
  WM_FONT_HEADING,
  WM_FONT_SECTION,
  WM_FONT_TITLE,
  WM_FONT_SMALL,
  WM_FONT_SMALL_ITALIC,
  WM_FONT_TABLE,
  WM_FONT_TABLE_BOLD,
  WM_FONT_MONO,
  WM_FONT_MARKING,
  WM_N_FONTS
} WmFont;

typedef enum
{
  WM_PIECE_TEXT,
  WM_PIECE_ROW,
  WM_PIECE_REDACTION,
  WM_PIECE_RULE,
  WM_PIECE_CHART,
} WmPieceKind;

/* Lines first_line .. first_line + n_lines - 1 of a layout whose box has
 * its left edge at x and the given width. */
typedef struct
{
  PangoLayout *layout;
  guint        first_line;
  guint        n_lines;
  double       x;
  double       width;
} WmSpan;

/* Something drawn at a place on one page. y is the top of the piece. */
typedef struct
{
  WmPieceKind  kind;
  double       x;
  double       y;
  double       width;
  double       height;

  /* Text pieces have one span; rows have one per cell. */
  GArray      *spans;

  /* Rows: a shaded title row, cell borders, and the 1-based page the
   * row links to (index entries), or 0. */
  gboolean     title_row;
  gboolean     borders;
  guint        link_page;

  /* Charts (borrowed from the document). */
  WmBlock     *chart;
} WmPiece;

typedef struct
{
  WmDocument           *document;
  PangoContext         *pango;
  PangoFontDescription *fonts[WM_N_FONTS];
  GCancellable         *cancellable;

  /* Pages, each a GPtrArray of WmPiece. */
  GPtrArray            *pages;
  double                y;

  /* The 1-based first page of each section: from the previous pass
   * (NULL in the first), and as found by this one. */
  const guint          *known_pages;
  guint                *section_pages;
  gint                  pending_section;

  /* The 1-based page of the first piece added since it was last set to
   * 0, so that a group of blocks kept together can see where each of
   * its blocks started. */
  guint                 first_piece_page;
} WmLayout;

/* wm-render-layout.c */
WmLayout    *_wm_layout_new             (WmDocument      *document,
                                         PangoContext    *pango,
                                         const guint     *known_pages,
                                         GCancellable    *cancellable);
void         _wm_layout_free            (WmLayout        *layout);
gboolean     _wm_layout_run             (WmLayout        *layout,
                                         GError         **error);
PangoLayout *_wm_layout_text            (WmLayout        *layout,
                                         const char      *text,
                                         WmFont           font,
                                         double           width,
                                         PangoAlignment   align);
double       _wm_text_height            (PangoLayout     *layout,
                                         guint            first_line,
                                         guint            n_lines);
guint        _wm_lines_fitting          (PangoLayout     *layout,
                                         guint            first_line,
                                         double           height);
void         _wm_layout_new_page        (WmLayout        *layout);
gboolean     _wm_layout_page_is_empty   (WmLayout        *layout);
void         _wm_layout_ensure          (WmLayout        *layout,
                                         double           height);
WmPiece     *_wm_layout_add_piece       (WmLayout        *layout,
                                         WmPieceKind      kind,
                                         double           x,
                                         double           y,
                                         double           width,
                                         double           height);
void         _wm_layout_place_text      (WmLayout        *layout,
                                         PangoLayout     *text,
                                         double           x,
                                         double           width);
void         _wm_piece_add_span         (WmPiece         *piece,
                                         PangoLayout     *layout,
                                         guint            first_line,
                                         guint            n_lines,
                                         double           x,
                                         double           width);

/* wm-render-table.c */
void         _wm_layout_rows            (WmLayout        *layout,
                                         WmBlock         *block);
void         _wm_layout_index           (WmLayout        *layout,
                                         guint            index_section);

/* wm-render-draw.c */
PangoFontDescription *_wm_font_new      (WmFont           font);
void         _wm_draw_page              (cairo_t         *cr,
                                         PangoContext    *pango,
                                         WmDocument      *document,
                                         GPtrArray       *pieces,
                                         guint            page,
                                         guint            n_pages);

G_END_DECLS
