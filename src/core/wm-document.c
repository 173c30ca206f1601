/* wm-document.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-document-private.h"

#include <math.h>

/*
 * The document model: a plain tree of strings and numbers that the
 * renderer reads. The renderer never parses markup, so a note that
 * contains "<" or "&" prints as typed.
 */

struct _WmDocument
{
  GObject     parent_instance;

  char       *title;
  char       *header_text;
  char       *author;
  char       *subject;
  char       *marking;
  WmDay       as_of;

  GPtrArray  *sections;
};

G_DEFINE_FINAL_TYPE (WmDocument, wm_document, G_TYPE_OBJECT)

/* Helpers */

static void
chart_point_free (gpointer data)
{
  WmChartPoint *point = data;

  g_free (point->label);
  g_free (point);
}

static void
chart_event_free (gpointer data)
{
  WmChartEvent *event = data;

  g_free (event->label);
  g_free (event);
}

static void
block_free (gpointer data)
{
  WmBlock *block = data;

  g_free (block->text);
  g_strfreev (block->titles);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->points, g_ptr_array_unref);
  g_clear_pointer (&block->events, g_ptr_array_unref);
  g_free (block->role);
  g_free (block);
}

static void
section_free (gpointer data)
{
  WmSection *section = data;

  g_free (section->title);
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

static WmBlock *
section_append (WmSection   *section,
                WmBlockKind  kind)
{
  WmBlock *block = g_new0 (WmBlock, 1);

  block->kind = kind;
  g_ptr_array_add (section->blocks, block);
  return block;
}

static WmBlock *
section_append_rows (WmSection   *section,
                     WmBlockKind  kind,
                     guint        n_columns)
{
  WmBlock *block = section_append (section, kind);

  block->n_columns = n_columns;
  block->widths = g_new0 (double, n_columns);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return block;
}

/* Copies @n cells, turning NULL into an empty cell so that the renderer
 * can rely on every row having all its columns. */
static GStrv
copy_cells (const char * const *cells,
            guint               n)
{
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (cells[i] != NULL ? cells[i] : "");

  return copy;
}

static WmSection *
document_append (WmDocument     *document,
                 const char     *title,
                 WmSectionFlags  flags)
{
  WmSection *section = g_new0 (WmSection, 1);

  section->title = g_strdup (title);
  section->flags = flags;
  section->blocks = g_ptr_array_new_with_free_func (block_free);
  g_ptr_array_add (document->sections, section);
  return section;
}

/* GObject */

static void
wm_document_finalize (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);

  g_free (self->title);
  g_free (self->header_text);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->marking);
  g_ptr_array_unref (self->sections);

  G_OBJECT_CLASS (wm_document_parent_class)->finalize (object);
}

static void
wm_document_class_init (WmDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_document_finalize;
}

static void
wm_document_init (WmDocument *self)
{
  self->sections = g_ptr_array_new_with_free_func (section_free);
}

/* Public API: the document */

/**
 * wm_document_new:
 * @title: the document title, written into the PDF's metadata
 *
 * Creates an empty document with no header text, no protective marking
 * and no as-of date.
 *
 * Returns: (transfer full): a new document
 */
WmDocument *
wm_document_new (const char *title)
{
  WmDocument *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (WM_TYPE_DOCUMENT, NULL);
  self->title = g_strdup (title);
  return self;
}

/**
 * wm_document_get_title:
 * @document: a document
 *
 * Returns: the title given to wm_document_new()
 */
const char *
wm_document_get_title (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return document->title;
}

/**
 * wm_document_set_header_text:
 * @document: a document
 * @text: (nullable): the running header, typically the pupil and the case
 *   reference, or %NULL for none
 *
 * Sets the text printed at the top of every page.
 */
void
wm_document_set_header_text (WmDocument *document,
                             const char *text)
{
  g_return_if_fail (WM_IS_DOCUMENT (document));

  g_free (document->header_text);
  document->header_text = g_strdup (text);
}

/**
 * wm_document_get_header_text:
 * @document: a document
 *
 * Returns: (nullable): the running header text
 */
const char *
wm_document_get_header_text (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return document->header_text;
}

/**
 * wm_document_set_author:
 * @document: a document
 * @author: (nullable): the author for the PDF's metadata
 *
 * Sets the author written into the PDF's document information.
 */
void
wm_document_set_author (WmDocument *document,
                        const char *author)
{
  g_return_if_fail (WM_IS_DOCUMENT (document));

  g_free (document->author);
  document->author = g_strdup (author);
}

/**
 * wm_document_get_author:
 * @document: a document
 *
 * Returns: (nullable): the author
 */
const char *
wm_document_get_author (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return document->author;
}

/**
 * wm_document_set_subject:
 * @document: a document
 * @subject: (nullable): the subject for the PDF's metadata
 *
 * Sets the subject written into the PDF's document information.
 */
void
wm_document_set_subject (WmDocument *document,
                         const char *subject)
{
  g_return_if_fail (WM_IS_DOCUMENT (document));

  g_free (document->subject);
  document->subject = g_strdup (subject);
}

/**
 * wm_document_get_subject:
 * @document: a document
 *
 * Returns: (nullable): the subject
 */
const char *
wm_document_get_subject (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return document->subject;
}

/**
 * wm_document_set_marking:
 * @document: a document
 * @marking: (nullable): the protective marking, such as
 *   "OFFICIAL-SENSITIVE", or %NULL for none
 *
 * Sets the protective marking, which is printed at the top and at the
 * bottom of every page so that any single page carries it.
 */
void
wm_document_set_marking (WmDocument *document,
                         const char *marking)
{
  g_return_if_fail (WM_IS_DOCUMENT (document));

  g_free (document->marking);
  document->marking = g_strdup (marking);
}

/**
 * wm_document_get_marking:
 * @document: a document
 *
 * Returns: (nullable): the protective marking
 */
const char *
wm_document_get_marking (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return document->marking;
}

/**
 * wm_document_set_as_of:
 * @document: a document
 * @as_of: the date the document describes, or %WM_DAY_NONE
 *
 * Sets the "as of" date. The PDF's creation and modification dates are
 * set to midnight UTC of this day, not to the moment of rendering, so
 * that the same document rendered twice gives the same bytes.
 */
void
wm_document_set_as_of (WmDocument *document,
                       WmDay       as_of)
{
  g_return_if_fail (WM_IS_DOCUMENT (document));

  document->as_of = as_of;
}

/**
 * wm_document_get_as_of:
 * @document: a document
 *
 * Returns: the as-of date, or %WM_DAY_NONE when none was set
 */
WmDay
wm_document_get_as_of (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), WM_DAY_NONE);

  return document->as_of;
}

/* Public API: sections */

/**
 * wm_document_add_section:
 * @document: a document
 * @title: the section title, printed as its heading and listed in the
 *   index
 * @flags: where the section starts and how its title is used
 *
 * Appends a section.
 *
 * Returns: (transfer none): the new section, owned by @document
 */
WmSection *
wm_document_add_section (WmDocument     *document,
                         const char     *title,
                         WmSectionFlags  flags)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return document_append (document, title, flags);
}

/**
 * wm_document_add_exhibit:
 * @document: a document
 * @number: the exhibit number, from 1
 * @title: what the exhibit is, such as "Warning letter to the mother"
 *
 * Appends a numbered exhibit. It starts on a new page, under the heading
 * "Exhibit @number" and its title, and is listed in the index the same
 * way.
 *
 * Returns: (transfer none): the new section, owned by @document
 */
WmSection *
wm_document_add_exhibit (WmDocument *document,
                         guint       number,
                         const char *title)
{
  WmSection *section;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (number > 0, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  section = document_append (document, title, WM_SECTION_NEW_PAGE);
  section->exhibit = number;
  return section;
}

/**
 * wm_document_add_index:
 * @document: a document
 * @title: the index heading, such as "Index"
 *
 * Appends the index: the renderer fills it with one entry for every
 * section listed in the index (all sections but this one and those with
 * %WM_SECTION_NOT_IN_INDEX), each with the page it really starts on. The
 * index starts on a new page; blocks added to it print above the entries.
 *
 * Returns: (transfer none): the index section, owned by @document
 */
WmSection *
wm_document_add_index (WmDocument *document,
                       const char *title)
{
  WmSection *section;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  section = document_append (document, title,
                             WM_SECTION_NEW_PAGE | WM_SECTION_NOT_IN_INDEX);
  section->is_index = TRUE;
  return section;
}

/**
 * wm_document_get_n_sections:
 * @document: a document
 *
 * Returns: the number of sections, the index included
 */
guint
wm_document_get_n_sections (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), 0);

  return document->sections->len;
}

/**
 * wm_document_get_section:
 * @document: a document
 * @index: a section index, below wm_document_get_n_sections()
 *
 * Returns: (transfer none): the section
 */
WmSection *
wm_document_get_section (WmDocument *document,
                         guint       index)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (index < document->sections->len, NULL);

  return g_ptr_array_index (document->sections, index);
}

/**
 * wm_section_get_title:
 * @section: a section
 *
 * Returns: the section title
 */
const char *
wm_section_get_title (WmSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);

  return section->title;
}

/**
 * wm_section_get_exhibit:
 * @section: a section
 *
 * Returns: the exhibit number, or 0 when the section is not an exhibit
 */
guint
wm_section_get_exhibit (WmSection *section)
{
  g_return_val_if_fail (section != NULL, 0);

  return section->exhibit;
}

/**
 * wm_section_get_flags:
 * @section: a section
 *
 * Returns: the section's flags
 */
WmSectionFlags
wm_section_get_flags (WmSection *section)
{
  g_return_val_if_fail (section != NULL, WM_SECTION_DEFAULT);

  return section->flags;
}

/**
 * wm_section_is_index:
 * @section: a section
 *
 * Returns: whether the section is the index made by
 *   wm_document_add_index()
 */
gboolean
wm_section_is_index (WmSection *section)
{
  g_return_val_if_fail (section != NULL, FALSE);

  return section->is_index;
}

/**
 * wm_section_dup_label:
 * @section: a section
 *
 * The section as the index and the PDF outline name it: its title, or
 * "Exhibit 3: " and the title for an exhibit.
 *
 * Returns: (transfer full): the label
 */
char *
wm_section_dup_label (WmSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);

  if (section->exhibit == 0)
    return g_strdup (section->title);

  return g_strdup_printf ("Exhibit %u: %s", section->exhibit,
                          section->title);
}

/**
 * wm_section_get_n_blocks:
 * @section: a section
 *
 * Returns: the number of blocks in the section
 */
guint
wm_section_get_n_blocks (WmSection *section)
{
  g_return_val_if_fail (section != NULL, 0);

  return section->blocks->len;
}

/**
 * wm_section_get_block:
 * @section: a section
 * @index: a block index, below wm_section_get_n_blocks()
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_get_block (WmSection *section,
                      guint      index)
{
  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (index < section->blocks->len, NULL);

  return g_ptr_array_index (section->blocks, index);
}

/* Public API: blocks */

/**
 * wm_section_add_text:
 * @section: a section
 * @text: plain text, printed as given; a newline starts a new line
 * @style: how the text is set
 *
 * Appends a heading or paragraph. Long words and addresses wrap inside
 * the margins instead of running off the page. A %WM_TEXT_HEADING block
 * is kept with the next block (see wm_block_set_keep_with_next()).
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_text (WmSection   *section,
                     const char  *text,
                     WmTextStyle  style)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  block = section_append (section, WM_BLOCK_TEXT);
  block->text = g_strdup (text);
  block->style = style;

  /* A heading alone at the foot of a page introduces nothing there and
   * leaves what it introduces without a title on the next. */
  block->keep_with_next = style == WM_TEXT_HEADING;
  return block;
}

/**
 * wm_section_add_heading:
 * @section: a section
 * @text: the heading
 *
 * Appends a heading, kept with the start of the next block, so that it
 * is never left alone at the foot of a page while a page can hold both.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_heading (WmSection  *section,
                        const char *text)
{
  return wm_section_add_text (section, text, WM_TEXT_HEADING);
}

/**
 * wm_section_add_paragraph:
 * @section: a section
 * @text: plain text, of any length
 *
 * Appends a paragraph of body text. A paragraph longer than the space
 * left on a page continues on the next.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_paragraph (WmSection  *section,
                          const char *text)
{
  return wm_section_add_text (section, text, WM_TEXT_BODY);
}

/**
 * wm_section_add_key_values:
 * @section: a section
 *
 * Appends an empty list of labelled values (such as "Date of birth"),
 * filled with wm_key_values_add().
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_key_values (WmSection *section)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);

  block = section_append_rows (section, WM_BLOCK_KEY_VALUES, 2);
  block->widths[0] = 1;
  block->widths[1] = 2;
  return block;
}

/**
 * wm_key_values_add:
 * @block: a block made by wm_section_add_key_values()
 * @key: the label
 * @value: the value, plain text
 *
 * Appends one labelled value.
 */
void
wm_key_values_add (WmBlock    *block,
                   const char *key,
                   const char *value)
{
  const char *cells[] = { key, value };

  g_return_if_fail (block != NULL && block->kind == WM_BLOCK_KEY_VALUES);
  g_return_if_fail (key != NULL && value != NULL);

  g_ptr_array_add (block->rows, copy_cells (cells, 2));
}

/**
 * wm_section_add_table:
 * @section: a section
 * @n_columns: the number of columns, at least 1
 * @titles: (array length=n_columns): the column titles
 * @widths: (array length=n_columns) (nullable): the relative column
 *   widths, all positive, or %NULL for equal columns
 *
 * Appends an empty table, filled with wm_table_add_row(). The title row
 * repeats at the top of every page the table reaches. The title row
 * starts a page only with at least the first two rows under it (or the
 * only row), so that a page never ends on column titles with one row
 * that reads as the whole table.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_table (WmSection          *section,
                      guint               n_columns,
                      const char * const *titles,
                      const double       *widths)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);
  g_return_val_if_fail (titles != NULL, NULL);
  for (guint i = 0; widths != NULL && i < n_columns; i++)
    g_return_val_if_fail (widths[i] > 0, NULL);

  block = section_append_rows (section, WM_BLOCK_TABLE, n_columns);
  block->titles = copy_cells (titles, n_columns);
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] = widths != NULL ? widths[i] : 1;

  return block;
}

/**
 * wm_table_add_row:
 * @block: a block made by wm_section_add_table()
 * @cells: (array): as many cells as the table has columns; a %NULL cell
 *   is printed empty
 *
 * Appends a row. A row is never split across pages unless it alone is
 * taller than a page. Such a row continues on the next page under the
 * repeated title row and a "(continued)" line.
 */
void
wm_table_add_row (WmBlock            *block,
                  const char * const *cells)
{
  g_return_if_fail (block != NULL && block->kind == WM_BLOCK_TABLE);
  g_return_if_fail (cells != NULL);

  g_ptr_array_add (block->rows, copy_cells (cells, block->n_columns));
}

/**
 * wm_section_add_redacted:
 * @section: a section
 * @reason: the reason printed in the box, such as "Redacted: third party"
 *
 * Appends a shaded, framed box in place of withheld content, so that a
 * reader sees that something was removed and why.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_redacted (WmSection  *section,
                         const char *reason)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (reason != NULL && *reason != '\0', NULL);

  block = section_append (section, WM_BLOCK_REDACTED);
  block->text = g_strdup (reason);
  return block;
}

/**
 * wm_section_add_register_grid:
 * @section: a section
 *
 * Appends an empty register grid, filled with wm_register_grid_add_week():
 * a row per school week, a column per session. Like a table, its title row
 * repeats on every page and no week is split across pages.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_register_grid (WmSection *section)
{
  static const char * const titles[] = {
    "Week beginning",
    "Mon\nAM", "Mon\nPM", "Tue\nAM", "Tue\nPM", "Wed\nAM",
    "Wed\nPM", "Thu\nAM", "Thu\nPM", "Fri\nAM", "Fri\nPM",
  };
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);

  block = section_append_rows (section, WM_BLOCK_REGISTER_GRID,
                               1 + WM_GRID_SESSIONS);
  block->titles = copy_cells (titles, 1 + WM_GRID_SESSIONS);
  block->widths[0] = 3;
  for (guint i = 1; i <= WM_GRID_SESSIONS; i++)
    block->widths[i] = 1;

  return block;
}

/**
 * wm_register_grid_add_week:
 * @block: a block made by wm_section_add_register_grid()
 * @monday: the Monday of the week
 * @codes: (array fixed-size=10): the mark of each session, AM then PM,
 *   Monday to Friday; %NULL or "" for a session with no mark
 *
 * Appends one school week.
 */
void
wm_register_grid_add_week (WmBlock            *block,
                           WmDay               monday,
                           const char * const *codes)
{
  g_autofree char *label = NULL;
  GStrv row;

  g_return_if_fail (block != NULL && block->kind == WM_BLOCK_REGISTER_GRID);
  g_return_if_fail (codes != NULL);

  label = wm_day_format_long (monday);
  row = g_new0 (char *, 2 + WM_GRID_SESSIONS);
  row[0] = g_steal_pointer (&label);
  for (guint i = 0; i < WM_GRID_SESSIONS; i++)
    row[1 + i] = g_strdup (codes[i] != NULL ? codes[i] : "");

  g_ptr_array_add (block->rows, row);
}

/**
 * wm_section_add_chart:
 * @section: a section
 * @title: the chart title
 * @y_max: the top of the value axis, such as 100 for percentages
 *
 * Appends an empty line chart, filled with wm_chart_add_point() and
 * wm_chart_add_event(). The chart is never split across pages.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_chart (WmSection  *section,
                      const char *title,
                      double      y_max)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (y_max > 0, NULL);

  block = section_append (section, WM_BLOCK_CHART);
  block->text = g_strdup (title);
  block->y_max = y_max;
  block->points = g_ptr_array_new_with_free_func (chart_point_free);
  block->events = g_ptr_array_new_with_free_func (chart_event_free);
  return block;
}

/**
 * wm_chart_add_point:
 * @block: a block made by wm_section_add_chart()
 * @label: the label on the time axis, such as "2 Mar"
 * @value: the value, from 0 to the chart's maximum, or NAN for a week
 *   with no value (drawn as a gap, not as zero)
 *
 * Appends the next weekly value.
 */
void
wm_chart_add_point (WmBlock    *block,
                    const char *label,
                    double      value)
{
  WmChartPoint *point;

  g_return_if_fail (block != NULL && block->kind == WM_BLOCK_CHART);
  g_return_if_fail (label != NULL);

  point = g_new0 (WmChartPoint, 1);
  point->label = g_strdup (label);
  point->value = isnan (value) ? NAN : CLAMP (value, 0, block->y_max);
  g_ptr_array_add (block->points, point);
}

/**
 * wm_chart_add_event:
 * @block: a block made by wm_section_add_chart()
 * @point: the index of the week the event belongs to
 * @label: what happened, such as "12 Mar: home visit"
 *
 * Marks an event on the chart: a numbered line at the week, and the
 * number and @label in the key under the chart.
 */
void
wm_chart_add_event (WmBlock    *block,
                    guint       point,
                    const char *label)
{
  WmChartEvent *event;

  g_return_if_fail (block != NULL && block->kind == WM_BLOCK_CHART);
  g_return_if_fail (label != NULL);

  event = g_new0 (WmChartEvent, 1);
  event->point = point;
  event->label = g_strdup (label);
  g_ptr_array_add (block->events, event);
}

/**
 * wm_section_add_signature:
 * @section: a section
 * @name: the signatory's name
 * @role: (nullable): the signatory's role
 * @date_line: whether to print a "Date" line to fill in by hand
 *
 * Appends a space to sign, a line, and the name and role under it. The
 * block is never split across pages.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_signature (WmSection  *section,
                          const char *name,
                          const char *role,
                          gboolean    date_line)
{
  WmBlock *block;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  block = section_append (section, WM_BLOCK_SIGNATURE);
  block->text = g_strdup (name);
  block->role = g_strdup (role);
  block->date_line = date_line;
  return block;
}

/**
 * wm_section_add_page_break:
 * @section: a section
 *
 * Makes the next block start on a new page. A break at the top of a page
 * adds no blank page.
 *
 * Returns: (transfer none): the block
 */
WmBlock *
wm_section_add_page_break (WmSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);

  return section_append (section, WM_BLOCK_PAGE_BREAK);
}

/**
 * wm_block_get_kind:
 * @block: a block
 *
 * Returns: what kind of block it is
 */
WmBlockKind
wm_block_get_kind (WmBlock *block)
{
  g_return_val_if_fail (block != NULL, WM_BLOCK_TEXT);

  return block->kind;
}

/**
 * wm_block_set_keep_with_next:
 * @block: a block
 * @keep: whether to keep @block on the same page as the next block
 *
 * Keeps @block with the next block of its section. A run of blocks kept
 * with the next, and the block after the last of them, form a group:
 *
 * - every block of the group but the last is placed whole on one page,
 *   and the last one at least starts on that page. That start is the
 *   part the renderer never separates: two lines of a paragraph, a
 *   table's title row and first two rows, or a whole signature,
 *   redaction or chart;
 * - when the group does not fit in what is left of the page, it starts
 *   on a new page;
 * - when it does not fit on any page, it flows as if not kept, so that
 *   nothing is lost or cut off.
 *
 * A section's printed title is kept with its first block in the same
 * way. The keep ends at a page break block and at the end of the
 * section. Use it for a statement and the signature that signs it, so
 * that the signature never stands alone on a page that certifies
 * nothing.
 */
void
wm_block_set_keep_with_next (WmBlock  *block,
                             gboolean  keep)
{
  g_return_if_fail (block != NULL);

  block->keep_with_next = !!keep;
}

/**
 * wm_block_get_keep_with_next:
 * @block: a block
 *
 * Returns: whether @block is kept with the next block, as set by
 *   wm_block_set_keep_with_next() or, for a heading, from the start
 */
gboolean
wm_block_get_keep_with_next (WmBlock *block)
{
  g_return_val_if_fail (block != NULL, FALSE);

  return block->keep_with_next;
}
