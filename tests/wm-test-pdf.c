/* wm-test-pdf.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-test-pdf.h"

#include <gio/gio.h>
#include <string.h>

static const char * const tools[] = {
  "pdfinfo", "pdftotext", "pdffonts", "pdftoppm", NULL
};

/* Skips the current test, with the reason, when poppler-utils is not
 * installed, because the PDF checks need its tools. */
gboolean
wm_test_pdf_tools_missing (void)
{
  for (guint i = 0; tools[i] != NULL; i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          g_test_skip ("poppler-utils is not installed");
          return TRUE;
        }
    }

  return FALSE;
}

/* Runs a poppler tool with the given arguments and returns what it wrote
 * to standard output. The tool must succeed. */
char *
wm_test_pdf_run (const char *tool,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tool);
  va_start (args, tool);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_test_message ("%s failed: %s", tool, err);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

guint
wm_test_pdf_n_pages (const char *path)
{
  g_autofree char *info = wm_test_pdf_run ("pdfinfo", path, NULL);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

char *
wm_test_pdf_text (const char *path,
                  gboolean    layout)
{
  if (layout)
    return wm_test_pdf_run ("pdftotext", "-layout", path, "-", NULL);

  return wm_test_pdf_run ("pdftotext", path, "-", NULL);
}

/* The text of each page: pdftotext ends every page with a form feed. */
GStrv
wm_test_pdf_page_texts (const char *path,
                        gboolean    layout)
{
  g_autofree char *text = wm_test_pdf_text (path, layout);
  GStrv pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* The text after the last form feed is empty. */
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;
  return pages;
}

GStrv
wm_test_pdf_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_regex_split_simple ("\\s+", text, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

/* Asserts that @words appear in @text as whole words, in this order,
 * possibly with other words between them. */
void
wm_test_pdf_assert_words_in_order (const char         *text,
                                   const char * const *words)
{
  g_auto(GStrv) found = wm_test_pdf_words (text);
  guint at = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      while (found[at] != NULL && strcmp (found[at], words[i]) != 0)
        at++;

      if (found[at] == NULL)
        g_test_message ("word %u, \"%s\", is missing or out of order", i,
                        words[i]);
      g_assert_nonnull (found[at]);
      at++;
    }
}
