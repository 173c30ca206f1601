/* wm-render.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wm-document.h"
#include "wm-progress.h"

G_BEGIN_DECLS

/*
 * WmRender is a document laid out on A4 pages. It records the pieces on
 * each page, so it can write the PDF or draw any single page, for example
 * from GtkPrintOperation's draw-page handler. A render has its own font
 * map, so it may be made and used in a worker thread, by one thread at a
 * time.
 */

#define WM_TYPE_RENDER (wm_render_get_type ())

G_DECLARE_FINAL_TYPE (WmRender, wm_render, WM, RENDER, GObject)

WmRender   *wm_render_new                (WmDocument     *document,
                                          GCancellable   *cancellable,
                                          GError        **error);
WmDocument *wm_render_get_document       (WmRender       *render);
guint       wm_render_get_n_pages        (WmRender       *render);
guint       wm_render_get_section_page   (WmRender       *render,
                                          guint           section);
void        wm_render_draw_page          (WmRender       *render,
                                          cairo_t        *cr,
                                          guint           page,
                                          double          width,
                                          double          height);
gboolean    wm_render_write_pdf          (WmRender       *render,
                                          GOutputStream  *stream,
                                          GCancellable   *cancellable,
                                          WmProgressFunc  progress,
                                          gpointer        progress_data,
                                          GError        **error);

gboolean    wm_render_document_to_stream (WmDocument     *document,
                                          GOutputStream  *stream,
                                          GCancellable   *cancellable,
                                          WmProgressFunc  progress,
                                          gpointer        progress_data,
                                          GError        **error);
gboolean    wm_render_document_to_file   (WmDocument     *document,
                                          const char     *path,
                                          GCancellable   *cancellable,
                                          WmProgressFunc  progress,
                                          gpointer        progress_data,
                                          GError        **error);

G_END_DECLS
