/* wm-document.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-date.h"

G_BEGIN_DECLS

/*
 * A document to print: metadata and a list of sections, each a list of
 * blocks. The model contains plain text only (no markup) and has no
 * pages. wm-render.h lays it out on A4 pages and writes the PDF.
 *
 * A block may be kept with the next one (wm_block_set_keep_with_next()):
 * a run of such blocks and the block after it form a group that the
 * renderer places on one page whenever the group fits on a page. Headings
 * are kept with what follows them from the start.
 *
 * Sections and blocks belong to their document: the pointers the add
 * functions return stay valid as long as the document does. Build the
 * document in one thread, then do not change it while it is rendered; a
 * finished document may be rendered in a worker thread.
 */

#define WM_TYPE_DOCUMENT (wm_document_get_type ())

G_DECLARE_FINAL_TYPE (WmDocument, wm_document, WM, DOCUMENT, GObject)

typedef struct _WmSection WmSection;
typedef struct _WmBlock WmBlock;

/**
 * WmSectionFlags:
 * @WM_SECTION_DEFAULT: the section follows the previous one on the same
 *   page, with its title printed as a heading, and is listed in the index
 * @WM_SECTION_NEW_PAGE: the section starts on a new page
 * @WM_SECTION_HIDE_TITLE: the title is used in the index and the PDF
 *   outline but not printed (a cover page or a letter draws its own)
 * @WM_SECTION_NOT_IN_INDEX: the index leaves the section out
 */
typedef enum
{
  WM_SECTION_DEFAULT = 0,
  WM_SECTION_NEW_PAGE = 1 << 0,
  WM_SECTION_HIDE_TITLE = 1 << 1,
  WM_SECTION_NOT_IN_INDEX = 1 << 2,
} WmSectionFlags;

/**
 * WmTextStyle:
 * @WM_TEXT_BODY: a paragraph of body text
 * @WM_TEXT_HEADING: a heading inside a section, kept with the start of
 *   the next block (see wm_block_set_keep_with_next())
 * @WM_TEXT_TITLE: a large title, for a cover page
 * @WM_TEXT_STRONG: bold body text, for a letter's subject line
 * @WM_TEXT_RIGHT: body text set to the right margin, for a letterhead
 * @WM_TEXT_SMALL: small print, for notes under a table or chart
 */
typedef enum
{
  WM_TEXT_BODY,
  WM_TEXT_HEADING,
  WM_TEXT_TITLE,
  WM_TEXT_STRONG,
  WM_TEXT_RIGHT,
  WM_TEXT_SMALL,
} WmTextStyle;

/**
 * WmBlockKind:
 * @WM_BLOCK_TEXT: a heading or paragraph
 * @WM_BLOCK_KEY_VALUES: a list of labelled values
 * @WM_BLOCK_TABLE: a table with column titles
 * @WM_BLOCK_REDACTED: a marked box that stands for withheld content
 * @WM_BLOCK_REGISTER_GRID: register marks, a school week to a row
 * @WM_BLOCK_CHART: a line chart of weekly values with marked events
 * @WM_BLOCK_SIGNATURE: a space to sign, with the signatory's name
 * @WM_BLOCK_PAGE_BREAK: the next block starts a new page
 */
typedef enum
{
  WM_BLOCK_TEXT,
  WM_BLOCK_KEY_VALUES,
  WM_BLOCK_TABLE,
  WM_BLOCK_REDACTED,
  WM_BLOCK_REGISTER_GRID,
  WM_BLOCK_CHART,
  WM_BLOCK_SIGNATURE,
  WM_BLOCK_PAGE_BREAK,
} WmBlockKind;

/* Sessions in one row of a register grid: AM and PM, Monday to Friday. */
#define WM_GRID_SESSIONS 10

WmDocument     *wm_document_new                (const char         *title);

const char     *wm_document_get_title          (WmDocument         *document);
void            wm_document_set_header_text    (WmDocument         *document,
                                                const char         *text);
const char     *wm_document_get_header_text    (WmDocument         *document);
void            wm_document_set_author         (WmDocument         *document,
                                                const char         *author);
const char     *wm_document_get_author         (WmDocument         *document);
void            wm_document_set_subject        (WmDocument         *document,
                                                const char         *subject);
const char     *wm_document_get_subject        (WmDocument         *document);
void            wm_document_set_marking        (WmDocument         *document,
                                                const char         *marking);
const char     *wm_document_get_marking        (WmDocument         *document);
void            wm_document_set_as_of          (WmDocument         *document,
                                                WmDay               as_of);
WmDay           wm_document_get_as_of          (WmDocument         *document);

WmSection      *wm_document_add_section        (WmDocument         *document,
                                                const char         *title,
                                                WmSectionFlags      flags);
WmSection      *wm_document_add_exhibit        (WmDocument         *document,
                                                guint               number,
                                                const char         *title);
WmSection      *wm_document_add_index          (WmDocument         *document,
                                                const char         *title);
guint           wm_document_get_n_sections     (WmDocument         *document);
WmSection      *wm_document_get_section        (WmDocument         *document,
                                                guint               index);

const char     *wm_section_get_title           (WmSection          *section);
guint           wm_section_get_exhibit         (WmSection          *section);
WmSectionFlags  wm_section_get_flags           (WmSection          *section);
gboolean        wm_section_is_index            (WmSection          *section);
char           *wm_section_dup_label           (WmSection          *section);
guint           wm_section_get_n_blocks        (WmSection          *section);
WmBlock        *wm_section_get_block           (WmSection          *section,
                                                guint               index);

WmBlock        *wm_section_add_text            (WmSection          *section,
                                                const char         *text,
                                                WmTextStyle         style);
WmBlock        *wm_section_add_heading         (WmSection          *section,
                                                const char         *text);
WmBlock        *wm_section_add_paragraph       (WmSection          *section,
                                                const char         *text);
WmBlock        *wm_section_add_key_values      (WmSection          *section);
void            wm_key_values_add              (WmBlock            *block,
                                                const char         *key,
                                                const char         *value);
WmBlock        *wm_section_add_table           (WmSection          *section,
                                                guint               n_columns,
                                                const char * const *titles,
                                                const double       *widths);
void            wm_table_add_row               (WmBlock            *block,
                                                const char * const *cells);
WmBlock        *wm_section_add_redacted        (WmSection          *section,
                                                const char         *reason);
WmBlock        *wm_section_add_register_grid   (WmSection          *section);
void            wm_register_grid_add_week      (WmBlock            *block,
                                                WmDay               monday,
                                                const char * const *codes);
WmBlock        *wm_section_add_chart           (WmSection          *section,
                                                const char         *title,
                                                double              y_max);
void            wm_chart_add_point             (WmBlock            *block,
                                                const char         *label,
                                                double              value);
void            wm_chart_add_event             (WmBlock            *block,
                                                guint               point,
                                                const char         *label);
WmBlock        *wm_section_add_signature       (WmSection          *section,
                                                const char         *name,
                                                const char         *role,
                                                gboolean            date_line);
WmBlock        *wm_section_add_page_break      (WmSection          *section);

WmBlockKind     wm_block_get_kind              (WmBlock            *block);
void            wm_block_set_keep_with_next    (WmBlock            *block,
                                                gboolean            keep);
gboolean        wm_block_get_keep_with_next    (WmBlock            *block);

G_END_DECLS
