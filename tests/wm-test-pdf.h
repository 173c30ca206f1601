/* wm-test-pdf.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Probes of PDF files with poppler's command-line tools, for the tests
 * of the renderer and the letters.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  wm_test_pdf_tools_missing (void);
char     *wm_test_pdf_run           (const char *tool,
                                     ...) G_GNUC_NULL_TERMINATED;
guint     wm_test_pdf_n_pages       (const char *path);
char     *wm_test_pdf_text          (const char *path,
                                     gboolean    layout);
GStrv     wm_test_pdf_page_texts    (const char *path,
                                     gboolean    layout);
GStrv     wm_test_pdf_words         (const char *text);
void      wm_test_pdf_assert_words_in_order (const char         *text,
                                             const char * const *words);

G_END_DECLS
