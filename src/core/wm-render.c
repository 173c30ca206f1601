/* wm-render.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-render-private.h"

#include <cairo-pdf.h>
#include <string.h>

#include "wm-i18n-private.h"

/*
 * WmRender lays a document out in passes and then draws its pages, to a
 * PDF or to any cairo context.
 *
 * The footer prints "Page n of N" and the index prints the page each
 * section starts on, so nothing can be drawn before the whole document
 * has been laid out. A pass places everything using the section pages
 * found by the pass before (none in the first). The index entries take
 * the same room whatever their numbers are, so the second pass finds the
 * same pages as the first and the layout is final. The loop still
 * compares the passes rather than trust that, and gives up after a few.
 */

#define MAX_LAYOUT_PASSES 4

struct _WmRender
{
  GObject       parent_instance;

  WmDocument   *document;
  PangoFontMap *font_map;
  PangoContext *pango;
  WmLayout     *layout;
};

G_DEFINE_FINAL_TYPE (WmRender, wm_render, G_TYPE_OBJECT)

/* Helpers: layout */

/* A context for measuring and drawing at 72 dots per inch, so that a
 * point is one unit. Hinting is off, so that the PDF, the printer and the
 * preview break lines alike. */
static PangoContext *
context_new (PangoFontMap *font_map)
{
  PangoContext *pango = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, options);
  pango_cairo_context_set_resolution (pango, 72);
  pango_context_set_round_glyph_positions (pango, FALSE);
  cairo_font_options_destroy (options);
  return pango;
}

static gboolean
document_has_index (WmDocument *document)
{
  for (guint i = 0; i < wm_document_get_n_sections (document); i++)
    if (wm_section_is_index (wm_document_get_section (document, i)))
      return TRUE;

  return FALSE;
}

static gboolean
same_pages (const WmLayout *a,
            const WmLayout *b,
            guint           n_sections)
{
  return memcmp (a->section_pages, b->section_pages,
                 n_sections * sizeof (guint)) == 0;
}

static WmLayout *
layout_pass (WmRender      *self,
             WmLayout      *previous,
             GCancellable  *cancellable,
             GError       **error)
{
  WmLayout *layout;

  layout = _wm_layout_new (self->document, self->pango,
                           previous != NULL ? previous->section_pages : NULL,
                           cancellable);
  if (!_wm_layout_run (layout, error))
    {
      _wm_layout_free (layout);
      return NULL;
    }

  layout->known_pages = NULL;
  return layout;
}

static gboolean
lay_out (WmRender      *self,
         GCancellable  *cancellable,
         GError       **error)
{
  guint n_sections = wm_document_get_n_sections (self->document);
  guint passes = document_has_index (self->document) ? MAX_LAYOUT_PASSES : 1;

  for (guint pass = 0; pass < passes; pass++)
    {
      WmLayout *layout = layout_pass (self, self->layout, cancellable, error);
      gboolean settled;

      if (layout == NULL)
        return FALSE;

      settled = self->layout != NULL
                && same_pages (layout, self->layout, n_sections);
      g_clear_pointer (&self->layout, _wm_layout_free);
      self->layout = layout;
      if (settled || passes == 1)
        {
          g_debug ("Laid out %u pages in %u passes", layout->pages->len,
                   pass + 1);
          return TRUE;
        }
    }

  g_warning ("The index pages did not settle after %u layout passes",
             passes);
  return TRUE;
}

/* Helpers: PDF */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamWriter;

/* Once a write has failed or the work was cancelled, nothing more is
 * written, so that a cancelled render leaves no PDF trailer behind. */
static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (writer->stream, data, length, NULL,
                                  writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* cairo 1.16 writes the time of rendering into /CreationDate unless it is
 * given a date. The as-of date is given instead, so that the same
 * document gives the same bytes. cairo 1.16 takes ISO 8601 and writes
 * "(20260313000000Z)", without the "D:" prefix of the PDF date format,
 * and poppler's pdfinfo still reads it as 13 March 2026. */
static void
set_metadata (cairo_surface_t *surface,
              WmDocument      *document)
{
  const char *author = wm_document_get_author (document);
  const char *subject = wm_document_get_subject (document);
  WmDay as_of = wm_document_get_as_of (document);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  wm_document_get_title (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Waymark");
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    author);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                    subject);

  if (as_of != WM_DAY_NONE)
    {
      char iso[11];
      g_autofree char *date = NULL;

      wm_day_to_iso_buf (as_of, iso);
      date = g_strdup_printf ("%sT00:00:00Z", iso);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                      date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE,
                                      date);
    }
}

/* Bookmarks in the viewer's sidebar, one per section, to the same pages
 * as the index. */
static void
add_outline (WmRender        *self,
             cairo_surface_t *surface)
{
  for (guint i = 0; i < wm_document_get_n_sections (self->document); i++)
    {
      WmSection *section = wm_document_get_section (self->document, i);
      g_autofree char *label = wm_section_dup_label (section);
      g_autofree char *link = NULL;

      link = g_strdup_printf ("page=%u", self->layout->section_pages[i]);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, label,
                                     link, 0);
    }
}

static gboolean
draw_pages (WmRender       *self,
            cairo_t        *cr,
            StreamWriter   *writer,
            WmProgressFunc  progress,
            gpointer        progress_data)
{
  guint n_pages = self->layout->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      if (g_cancellable_set_error_if_cancelled (writer->cancellable,
                                                &writer->error))
        return FALSE;

      _wm_draw_page (cr, self->pango, self->document,
                     g_ptr_array_index (self->layout->pages, i), i + 1,
                     n_pages);
      cairo_show_page (cr);
      if (writer->error != NULL)
        return FALSE;

      if (progress != NULL)
        progress ((double) (i + 1) / n_pages, progress_data);
    }

  return TRUE;
}

/* GObject */

static void
wm_render_finalize (GObject *object)
{
  WmRender *self = WM_RENDER (object);

  g_clear_pointer (&self->layout, _wm_layout_free);
  g_clear_object (&self->pango);
  g_clear_object (&self->font_map);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_render_parent_class)->finalize (object);
}

static void
wm_render_class_init (WmRenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_render_finalize;
}

static void
wm_render_init (WmRender *self)
{
}

/* Public API */

/**
 * wm_render_new:
 * @document: a finished document, not changed while the render lives
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lays @document out on A4 pages with 20 mm margins. The render has its
 * own font map, so it may be made in a worker thread, and then be used by
 * one thread at a time.
 *
 * Returns: (transfer full): the laid-out document, or %NULL with
 *   %G_IO_ERROR_CANCELLED when @cancellable was cancelled
 */
WmRender *
wm_render_new (WmDocument    *document,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(WmRender) self = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (WM_TYPE_RENDER, NULL);
  self->document = g_object_ref (document);
  self->font_map = pango_cairo_font_map_new ();
  self->pango = context_new (self->font_map);

  if (!lay_out (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * wm_render_get_document:
 * @render: a render
 *
 * Returns: (transfer none): the document that was laid out
 */
WmDocument *
wm_render_get_document (WmRender *render)
{
  g_return_val_if_fail (WM_IS_RENDER (render), NULL);

  return render->document;
}

/**
 * wm_render_get_n_pages:
 * @render: a render
 *
 * Returns: the number of pages, at least 1 (an empty document has one
 *   blank page with its header and footer)
 */
guint
wm_render_get_n_pages (WmRender *render)
{
  g_return_val_if_fail (WM_IS_RENDER (render), 0);

  return render->layout->pages->len;
}

/**
 * wm_render_get_section_page:
 * @render: a render
 * @section: a section index, as for wm_document_get_section()
 *
 * Returns: the 1-based page the section starts on, as the index prints it
 */
guint
wm_render_get_section_page (WmRender *render,
                            guint     section)
{
  g_return_val_if_fail (WM_IS_RENDER (render), 0);
  g_return_val_if_fail (section < wm_document_get_n_sections (render->document),
                        0);

  return render->layout->section_pages[section];
}

/**
 * wm_render_draw_page:
 * @render: a render
 * @cr: the cairo context to draw on, such as the one of a
 *   GtkPrintContext
 * @page: the 0-based page number, below wm_render_get_n_pages()
 * @width: the width of the page area on @cr, in @cr's units
 * @height: the height of the page area on @cr, in @cr's units
 *
 * Draws one page, with its header and footer, scaled to fit @width by
 * @height (keeping the A4 proportions) with its top-left corner at @cr's
 * origin. The layout is the one the PDF uses, so a print or a preview
 * breaks lines and pages exactly as the PDF does.
 */
void
wm_render_draw_page (WmRender *render,
                     cairo_t  *cr,
                     guint     page,
                     double    width,
                     double    height)
{
  double scale;

  g_return_if_fail (WM_IS_RENDER (render));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < render->layout->pages->len);
  g_return_if_fail (width > 0 && height > 0);

  scale = MIN (width / WM_PAGE_WIDTH, height / WM_PAGE_HEIGHT);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  _wm_draw_page (cr, render->pango, render->document,
                 g_ptr_array_index (render->layout->pages, page), page + 1,
                 render->layout->pages->len);
  cairo_restore (cr);
}

/**
 * wm_render_write_pdf:
 * @render: a render
 * @stream: the stream to write the PDF to; it is not closed
 * @cancellable: (nullable): a #GCancellable, checked between pages
 * @progress: (nullable): called after each page with the share written
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Writes the PDF: A4 pages, fonts embedded, the document's title, author
 * and subject in its metadata, and its creation date set to the as-of
 * date, so that the same document and as-of date give the same bytes.
 * @progress is called in the calling thread.
 *
 * Returns: %TRUE on success; on failure or cancellation @stream may hold
 *   part of a PDF, which the caller must discard
 */
gboolean
wm_render_write_pdf (WmRender        *render,
                     GOutputStream   *stream,
                     GCancellable    *cancellable,
                     WmProgressFunc   progress,
                     gpointer         progress_data,
                     GError         **error)
{
  StreamWriter writer = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (WM_IS_RENDER (render), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &writer,
                                                 WM_PAGE_WIDTH,
                                                 WM_PAGE_HEIGHT);
  set_metadata (surface, render->document);
  add_outline (render, surface);

  cr = cairo_create (surface);
  draw_pages (render, cr, &writer, progress, progress_data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   E_("Could not make the PDF: %s. This is a bug in Waymark, "
                      "please report it."), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_render_document_to_stream:
 * @document: a finished document
 * @stream: the stream to write the PDF to; it is not closed
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called after each page with the share written
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Lays @document out and writes it as a PDF, as wm_render_new() and
 * wm_render_write_pdf() do. It blocks, so the GUI calls it in a worker
 * thread.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_render_document_to_stream (WmDocument     *document,
                              GOutputStream  *stream,
                              GCancellable   *cancellable,
                              WmProgressFunc  progress,
                              gpointer        progress_data,
                              GError        **error)
{
  g_autoptr(WmRender) render = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  render = wm_render_new (document, cancellable, error);
  if (render == NULL)
    return FALSE;

  return wm_render_write_pdf (render, stream, cancellable, progress,
                              progress_data, error);
}

/**
 * wm_render_document_to_file:
 * @document: a finished document
 * @path: the PDF file to write
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called after each page with the share written
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Lays @document out and writes it to @path as a PDF. The PDF is made in
 * memory and written only once complete, so a failed or cancelled render
 * leaves any earlier file at @path as it was. A new file is readable by
 * the user alone (mode 0600) because it contains a child's case record.
 * The call blocks, so the GUI calls it in a worker thread.
 *
 * Returns: %TRUE on success; on failure @error names the file and says
 *   what to do
 */
gboolean
wm_render_document_to_file (WmDocument     *document,
                            const char     *path,
                            GCancellable   *cancellable,
                            WmProgressFunc  progress,
                            gpointer        progress_data,
                            GError        **error)
{
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  memory = g_memory_output_stream_new_resizable ();
  if (!wm_render_document_to_stream (document, memory, cancellable, progress,
                                     progress_data, error))
    return FALSE;

  g_output_stream_close (memory, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (
    G_MEMORY_OUTPUT_STREAM (memory));
  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE, NULL, cancellable,
                                &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   E_("Could not write %s: %s. Check that the folder exists, "
                      "can be written and has free space."), path,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}
