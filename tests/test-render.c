/* test-render.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wm-render.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

/*
 * The renderer, checked on real PDFs with poppler's tools. A legal team
 * relies on a footer "Page n of N" on every page, an index with the right
 * pages, no table row split or lost, nothing cut off at the margins, and
 * the same file each time the same bundle is printed.
 */

#define PAGE_WIDTH  595.276
#define PAGE_HEIGHT 841.89
#define MARGIN      (20.0 * 72.0 / 25.4)

/* Helpers */

static WmDocument *
new_document (const char *title)
{
  WmDocument *document = wm_document_new (title);

  wm_document_set_marking (document, "OFFICIAL-SENSITIVE");
  wm_document_set_header_text (document,
                               "Sam Example (B801200005001), case WM-0042");
  wm_document_set_author (document, "Attendance officer");
  wm_document_set_as_of (document, wm_test_day ("2026-03-13"));
  return document;
}

static char *
render (WmDocument *document,
        const char *name)
{
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_render_document_to_file (document, path, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
has_line (const char *text,
          const char *wanted)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strcmp (g_strstrip (lines[i]), wanted) == 0)
      return TRUE;

  return FALSE;
}

static guint
count_matches (const char *text,
               const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }

  return n;
}

/* Asserts that every page's footer reads "Page n of N", once, with N the
 * page count pdfinfo reports. */
static void
assert_page_numbers (const char *path,
                     guint       expected_pages)
{
  g_auto(GStrv) pages = wm_test_pdf_page_texts (path, FALSE);
  guint n_pages = wm_test_pdf_n_pages (path);

  g_assert_cmpuint (n_pages, ==, expected_pages);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1,
                                                 n_pages);

      g_assert_true (has_line (pages[i], footer));
      g_assert_cmpuint (count_matches (pages[i], "Page [0-9]+ of [0-9]+"), ==,
                        1);
      g_assert_cmpuint (count_matches (pages[i], "OFFICIAL-SENSITIVE"), ==, 2);
    }
}

/* Words that are unique and in order, so that a lost, repeated or moved
 * word is found: "attendance0001", "morning0002", ... */
static GStrv
numbered_words (guint n)
{
  static const char * const stems[] = {
    "a", "the", "parent", "attendance", "explained", "morning", "difficult",
    "school", "anxiety", "transport", "agreed", "review", "grandmother",
  };
  GStrv words = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    words[i] = g_strdup_printf ("%s%04u", stems[i % G_N_ELEMENTS (stems)],
                                i + 1);

  return words;
}

/* Grey pixels of page @page rendered by pdftoppm at @dpi. */
typedef struct
{
  guint   width;
  guint   height;
  guchar *pixels;
} Image;

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static Image *
rasterize (const char *path,
           guint       page,
           guint       dpi)
{
  g_autofree char *prefix = wm_test_file_path ("raster");
  g_autofree char *pgm = g_strconcat (prefix, ".pgm", NULL);
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *resolution = g_strdup_printf ("%u", dpi);
  g_autofree char *out = NULL;
  g_autofree char *data = NULL;
  Image *image = g_new0 (Image, 1);
  gsize length;
  int header = 0;

  out = wm_test_pdf_run ("pdftoppm", "-gray", "-r", resolution, "-f", number,
                         "-l", number, "-singlefile", path, prefix, NULL);
  g_assert_true (g_file_get_contents (pgm, &data, &length, NULL));
  g_assert_cmpint (sscanf (data, "P5 %u %u 255%n", &image->width,
                           &image->height, &header), ==, 2);
  g_assert_cmpuint (length, ==, header + 1 + image->width * image->height);
  image->pixels = g_memdup2 (data + header + 1, image->width * image->height);
  return image;
}

/* Asserts that nothing is drawn in the margins: every pixel outside the
 * content box (less a pixel for antialiasing) is white. */
static void
assert_margins_blank (const guchar *pixels,
                      guint         width,
                      guint         height,
                      gsize         stride,
                      guint         bytes_per_pixel,
                      double        margin_px)
{
  guint limit = (guint) floor (margin_px) - 1;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gboolean in_margin = x < limit || y < limit || x >= width - limit
                             || y >= height - limit;

        if (in_margin)
          g_assert_cmpuint (pixels[y * stride + x * bytes_per_pixel], ==, 255);
      }
}

static void
assert_pdf_margins_blank (const char *path)
{
  guint n_pages = wm_test_pdf_n_pages (path);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autoptr(Image) image = rasterize (path, page, 36);

      assert_margins_blank (image->pixels, image->width, image->height,
                            image->width, 1, MARGIN * 36 / 72);
    }
}

/* Asserts that every word pdftotext finds lies inside the margins. */
static void
assert_words_inside_margins (const char *path)
{
  g_autofree char *html = wm_test_pdf_run ("pdftotext", "-bbox", path, "-",
                                           NULL);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_words = 0;

  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                       "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">", 0, 0, NULL);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      double box[4];

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);

          box[i] = g_ascii_strtod (number, NULL);
        }

      g_assert_cmpfloat (box[0], >=, MARGIN - 0.5);
      g_assert_cmpfloat (box[1], >=, MARGIN - 0.5);
      g_assert_cmpfloat (box[2], <=, PAGE_WIDTH - MARGIN + 0.5);
      g_assert_cmpfloat (box[3], <=, PAGE_HEIGHT - MARGIN + 0.5);
      n_words++;
      g_match_info_next (match, NULL);
    }

  g_assert_cmpuint (n_words, >, 0);
}

/* Tests: pages and the index */

/* A document long enough for several pages prints "Page n of N" on every
 * page, with the real N, and the marking at the top and the bottom. */
static void
test_page_numbers (void)
{
  g_autoptr(WmDocument) document = new_document ("Case notes");
  g_autoptr(WmRender) render_ = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = numbered_words (2400);
  g_autofree char *text = g_strjoinv (" ", words);
  g_autofree char *path = NULL;
  WmSection *section;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Case notes",
                                     WM_SECTION_DEFAULT);
  wm_section_add_paragraph (section, text);
  path = render (document, "pages.pdf");
  render_ = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);

  /* The renderer's own count, and pdfinfo's, agree. */
  g_assert_cmpuint (wm_render_get_n_pages (render_), >=, 3);
  assert_page_numbers (path, wm_render_get_n_pages (render_));
}

static WmSection *
add_letter (WmDocument *document,
            guint       number,
            const char *title,
            guint       n_pages)
{
  WmSection *section = wm_document_add_exhibit (document, number, title);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = g_strdup_printf ("Letter %u sheet %u of %u",
                                               number, page, n_pages);

      if (page > 1)
        wm_section_add_page_break (section);
      wm_section_add_paragraph (section, text);
    }

  return section;
}

/* The page the index gives for @label, from the index page's text. */
static guint
index_entry_page (const char *index_text,
                  const char *label)
{
  g_auto(GStrv) lines = g_strsplit (index_text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *found = strstr (lines[i], label);
      const char *number;

      if (found == NULL)
        continue;

      number = found + strlen (label);
      while (*number == ' ')
        number++;

      return (guint) g_ascii_strtoull (number, NULL, 10);
    }

  g_test_message ("no index entry \"%s\"", label);
  g_assert_not_reached ();
}

/* A bundle with a cover, an index, letters of 2, 3 and 1 pages and a
 * 2-page chronology: the index gives each item's real first page, and the
 * footers count 1 to 10 with no gap or repeat. */
static void
test_index_bundle (void)
{
  static const struct
  {
    const char *label;
    const char *first_line;
    guint       page;
  } expected[] = {
    { "Exhibit 1: Warning letter to Ann Example", "Letter 1 sheet 1 of 2", 3 },
    { "Exhibit 2: Notice to Improve", "Letter 2 sheet 1 of 3", 5 },
    { "Exhibit 3: Invitation to a meeting", "Letter 3 sheet 1 of 1", 8 },
    { "Chronology", "Chronology sheet 1 of 2", 9 },
  };
  g_autoptr(WmDocument) document = new_document ("Evidence bundle");
  g_autoptr(WmRender) render_ = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *path = NULL;
  WmSection *section;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Cover",
                                     WM_SECTION_HIDE_TITLE
                                     | WM_SECTION_NOT_IN_INDEX);
  wm_section_add_text (section, "Evidence bundle", WM_TEXT_TITLE);
  wm_document_add_index (document, "Index");
  add_letter (document, 1, "Warning letter to Ann Example", 2);
  add_letter (document, 2, "Notice to Improve", 3);
  add_letter (document, 3, "Invitation to a meeting", 1);
  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_NEW_PAGE);
  wm_section_add_paragraph (section, "Chronology sheet 1 of 2");
  wm_section_add_page_break (section);
  wm_section_add_paragraph (section, "Chronology sheet 2 of 2");

  path = render (document, "bundle.pdf");
  assert_page_numbers (path, 10);
  pages = wm_test_pdf_page_texts (path, TRUE);
  g_assert_true (has_line (pages[1], "Index"));

  render_ = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpuint (index_entry_page (pages[1], expected[i].label), ==,
                        expected[i].page);
      g_assert_true (has_line (pages[expected[i].page - 1],
                               expected[i].first_line));
      g_assert_cmpuint (wm_render_get_section_page (render_, i + 2), ==,
                        expected[i].page);
    }

  g_assert_true (has_line (pages[3], "Letter 1 sheet 2 of 2"));
  g_assert_true (has_line (pages[6], "Letter 2 sheet 3 of 3"));
  g_assert_true (has_line (pages[9], "Chronology sheet 2 of 2"));
}

/* An index too long for one page: its second page pushes every exhibit
 * one page on, and the numbers it prints account for that. */
static void
test_index_long (void)
{
  g_autoptr(WmDocument) document = new_document ("Evidence bundle");
  g_auto(GStrv) pages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *index = NULL;
  guint n_exhibits = 70;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_document_add_index (document, "Index");
  for (guint i = 1; i <= n_exhibits; i++)
    {
      g_autofree char *title = g_strdup_printf ("Home visit note %u", i);
      WmSection *section = wm_document_add_exhibit (document, i, title);

      wm_section_add_paragraph (section, "Nobody answered; a card was left.");
    }

  path = render (document, "long-index.pdf");
  pages = wm_test_pdf_page_texts (path, TRUE);
  g_assert_cmpuint (g_strv_length (pages), ==, n_exhibits + 2);
  index = g_strconcat (pages[0], pages[1], NULL);

  for (guint i = 1; i <= n_exhibits; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *heading = g_strdup_printf ("Exhibit %u", i);
      guint page;

      label = g_strdup_printf ("Exhibit %u: Home visit note %u", i, i);
      page = index_entry_page (index, label);
      g_assert_cmpuint (page, ==, i + 2);
      g_assert_true (has_line (pages[page - 1], heading));
    }
}

/* Tests: tables */

static WmBlock *
add_chronology_table (WmSection *section)
{
  static const char * const titles[] = { "Date", "Event", "Recorded by" };
  static const double widths[] = { 1, 4, 1.5 };

  return wm_section_add_table (section, 3, titles, widths);
}

/* A 120-row table over several pages: the title row heads every page and
 * no row is split between pages. */
static void
test_table_header_every_page (void)
{
  g_autoptr(WmDocument) document = new_document ("Chronology");
  g_auto(GStrv) pages = NULL;
  g_autofree char *path = NULL;
  WmSection *section;
  WmBlock *table;
  guint pages_with_rows = 0;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_DEFAULT);
  table = add_chronology_table (section);
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *date = g_strdup_printf ("Row%03u", i);
      g_autofree char *event = g_strdup_printf (
        "Start%03u home visit at 9:10, no answer at the door, card left "
        "with the school's number; neighbour said the family were in "
        "%s Finish%03u", i, i % 3 == 0 ? "and out all week" : "", i);
      const char *cells[] = { date, event, "A. Officer" };

      wm_table_add_row (table, cells);
    }

  path = render (document, "table.pdf");
  pages = wm_test_pdf_page_texts (path, TRUE);
  g_assert_cmpuint (g_strv_length (pages), >=, 4);

  for (guint p = 0; pages[p] != NULL; p++)
    {
      const char *title = strstr (pages[p], "Date");
      const char *first_row = strstr (pages[p], "Row");

      if (first_row == NULL)
        continue;

      pages_with_rows++;
      g_assert_nonnull (title);
      g_assert_true (title < first_row);
      g_assert_cmpuint (count_matches (pages[p], "Date +Event +Recorded by"),
                        ==, 1);
      g_assert_null (strstr (pages[p], "(continued)"));
    }
  g_assert_cmpuint (pages_with_rows, ==, g_strv_length (pages));

  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *start = g_strdup_printf ("Start%03u", i);
      g_autofree char *finish = g_strdup_printf ("Finish%03u", i);
      guint found_on = 0;

      for (guint p = 0; pages[p] != NULL; p++)
        {
          if (strstr (pages[p], start) == NULL)
            continue;

          g_assert_cmpuint (found_on, ==, 0);
          found_on = p + 1;
          g_assert_nonnull (strstr (pages[p], finish));
        }
      g_assert_cmpuint (found_on, >, 0);
    }

  assert_pdf_margins_blank (path);
}

/* A row taller than a page continues on the next page under the title
 * row and a "(continued)" line, with none of its words lost. */
static void
test_table_continued_row (void)
{
  g_autoptr(WmDocument) document = new_document ("Chronology");
  g_auto(GStrv) words = numbered_words (1500);
  g_autofree char *long_text = g_strjoinv (" ", words);
  g_auto(GStrv) pages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *before[] = { "Row001", "Before the long note", "A. Officer" };
  const char *tall[] = { "Row002", long_text, "A. Officer" };
  const char *after[] = { "Row003", "After the long note", "A. Officer" };
  WmSection *section;
  WmBlock *table;
  guint n_pages;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_DEFAULT);
  table = add_chronology_table (section);
  wm_table_add_row (table, before);
  wm_table_add_row (table, tall);
  wm_table_add_row (table, after);

  path = render (document, "continued.pdf");
  pages = wm_test_pdf_page_texts (path, TRUE);
  n_pages = g_strv_length (pages);
  g_assert_cmpuint (n_pages, >=, 3);

  g_assert_nonnull (strstr (pages[0], "Before the long note"));
  g_assert_null (strstr (pages[0], "(continued)"));
  for (guint p = 1; p < n_pages; p++)
    {
      g_assert_cmpuint (count_matches (pages[p], "Date +Event +Recorded by"),
                        ==, 1);
      g_assert_cmpuint (count_matches (pages[p], "\\(continued\\)"), ==, 1);
      g_assert_true (strstr (pages[p], "Recorded by")
                     < strstr (pages[p], "(continued)"));
    }
  g_assert_nonnull (strstr (pages[n_pages - 1], "After the long note"));

  text = wm_test_pdf_text (path, FALSE);
  wm_test_pdf_assert_words_in_order (text, (const char * const *) words);
  assert_pdf_margins_blank (path);
}

/* Tests: text */

static char *
long_token (void)
{
  GString *token = g_string_new ("https://example.org/case/");

  for (guint i = 0; token->len < 300; i++)
    g_string_append_c (token, "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]);

  return g_string_free (token, FALSE);
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* A 1,800-word note and a 300-character unbroken token print whole, in
 * order, and inside the margins: the token wraps within the line rather
 * than run off the page. (Whether a hyphen is drawn where the token
 * breaks cannot be seen here: pdftotext drops hyphens at line ends.) */
static void
test_wrap_long_note (void)
{
  g_autoptr(WmDocument) document = new_document ("Home visit");
  g_auto(GStrv) words = numbered_words (1800);
  g_autofree char *token = long_token ();
  g_autofree char *first_half = NULL;
  g_autofree char *second_half = NULL;
  g_autofree char *note = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  WmSection *section;
  char *middle;

  if (wm_test_pdf_tools_missing ())
    return;

  g_assert_cmpuint (strlen (token), ==, 300);
  second_half = g_strjoinv (" ", words + 900);

  /* Cut the array only while its first half is joined, then restore it,
   * so that the array is whole for the check below and frees every word. */
  middle = words[900];
  words[900] = NULL;
  first_half = g_strjoinv (" ", words);
  words[900] = middle;
  note = g_strdup_printf ("%s %s %s", first_half, token, second_half);

  section = wm_document_add_section (document, "Home visit note",
                                     WM_SECTION_DEFAULT);
  wm_section_add_paragraph (section, note);
  path = render (document, "long-note.pdf");

  text = wm_test_pdf_text (path, FALSE);
  wm_test_pdf_assert_words_in_order (text, (const char * const *) words);
  squeezed = without_spaces (text);
  g_assert_nonnull (strstr (squeezed, token));
  assert_words_inside_margins (path);
  assert_pdf_margins_blank (path);
}

/* Text is printed as typed: markup characters are not interpreted. */
static void
test_text_is_plain (void)
{
  g_autoptr(WmDocument) document = new_document ("Note");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  WmSection *section;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Note", WM_SECTION_DEFAULT);
  wm_section_add_paragraph (section, "Mum said <b>no</b> & &amp; left");
  path = render (document, "plain.pdf");
  text = wm_test_pdf_text (path, FALSE);

  g_assert_true (has_line (text, "Mum said <b>no</b> & &amp; left"));
}

/* Tests: blocks */

/* The redaction is a shaded box that shows on the page, with its reason
 * printed in it. */
static void
test_redaction_visible (void)
{
  g_autoptr(WmDocument) document = new_document ("Home visit");
  g_autoptr(Image) image = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  WmSection *section;
  guint left = (guint) MARGIN + 4;
  guint right = (guint) (PAGE_WIDTH - MARGIN) - 4;
  guint shaded = 0;
  guint row;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Note",
                                     WM_SECTION_HIDE_TITLE);
  wm_section_add_redacted (section, "Redacted: third party");
  path = render (document, "redacted.pdf");

  text = wm_test_pdf_text (path, FALSE);
  g_assert_true (has_line (text, "Redacted: third party"));

  /* The body starts 34 points below the top margin; the box's first 12
   * points hold no text, only the shading. */
  image = rasterize (path, 1, 72);
  row = (guint) (MARGIN + 34 + 6);
  for (guint x = left; x < right; x++)
    if (image->pixels[row * image->width + x] < 230)
      shaded++;

  g_assert_cmpuint (shaded, ==, right - left);
}

/* The register grid prints a row per week with the codes in session
 * order; the chart prints its key of events. */
static void
test_register_grid_and_chart (void)
{
  static const char * const week1[] = {
    "/", "\\", "/", "\\", "N", "N", "/", "\\", "O", "O",
  };
  static const char * const week2[] = {
    "/", "\\", "G", "G", "G", "G", "", "", "/", "\\",
  };
  g_autoptr(WmDocument) document = new_document ("Register");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  WmSection *section;
  WmBlock *grid;
  WmBlock *chart;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Register",
                                     WM_SECTION_DEFAULT);
  grid = wm_section_add_register_grid (section);
  wm_register_grid_add_week (grid, wm_test_day ("2026-03-02"), week1);
  wm_register_grid_add_week (grid, wm_test_day ("2026-03-09"), week2);
  chart = wm_section_add_chart (section, "Weekly attendance", 100);
  wm_chart_add_point (chart, "2 Mar", 70);
  wm_chart_add_point (chart, "9 Mar", NAN);
  wm_chart_add_point (chart, "16 Mar", 90);
  wm_chart_add_event (chart, 0, "5 Mar: warning letter");
  wm_chart_add_event (chart, 2, "17 Mar: meeting");
  path = render (document, "grid.pdf");

  text = wm_test_pdf_text (path, TRUE);
  g_assert_cmpuint (count_matches (text,
                                   "2 March 2026 +/ +\\\\ +/ +\\\\ +N +N +/ "
                                   "+\\\\ +O +O\\n"), ==, 1);
  g_assert_cmpuint (count_matches (text,
                                   "9 March 2026 +/ +\\\\ +G +G +G +G +/ "
                                   "+\\\\\\n"), ==, 1);
  g_assert_true (has_line (text, "Weekly attendance"));
  g_assert_true (has_line (text, "1. 5 Mar: warning letter"));
  g_assert_true (has_line (text, "2. 17 Mar: meeting"));
  assert_pdf_margins_blank (path);
}

/* Tests: output */

static WmDocument *
full_document (WmDay as_of)
{
  static const char * const codes[] = {
    "/", "\\", "/", "\\", "N", "N", "/", "\\", "O", "O",
  };
  g_autoptr(WmDocument) document = new_document ("Evidence bundle");
  WmSection *section;
  WmBlock *block;
  const char *row[] = { "2 March 2026", "Home visit", "A. Officer" };

  wm_document_set_as_of (document, as_of);
  wm_document_add_index (document, "Index");
  section = wm_document_add_exhibit (document, 1, "Pupil details");
  block = wm_section_add_key_values (section);
  wm_key_values_add (block, "UPN", "B801200005001");
  wm_section_add_redacted (section, "Redacted: third party");
  block = add_chronology_table (section);
  wm_table_add_row (block, row);
  block = wm_section_add_register_grid (section);
  wm_register_grid_add_week (block, wm_test_day ("2026-03-02"), codes);
  block = wm_section_add_chart (section, "Weekly attendance", 100);
  wm_chart_add_point (block, "2 Mar", 80);
  wm_chart_add_event (block, 0, "Home visit");
  wm_section_add_signature (section, "A. Officer", "Attendance officer",
                            TRUE);
  return g_steal_pointer (&document);
}

/* Every font is embedded, and all are DejaVu, so the bundle looks the
 * same on every machine that opens it. */
static void
test_fonts_embedded (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autofree char *path = render (document, "fonts.pdf");
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (wm_test_pdf_tools_missing ())
    return;

  fonts = wm_test_pdf_run ("pdffonts", path, NULL);
  lines = g_strsplit (fonts, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "name"));
  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) columns = wm_test_pdf_words (lines[i]);
      guint n = g_strv_length (columns);

      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (columns[n - 5], ==, "yes");
      g_assert_nonnull (strstr (columns[0], "+DejaVu"));
      n_fonts++;
    }

  g_assert_cmpuint (n_fonts, >=, 4);
}

/* The same document and as-of date give the same bytes, with the as-of
 * date as the PDF's creation date; another as-of date changes it. */
static void
test_reproducible (void)
{
  g_autoptr(WmDocument) first = full_document (wm_test_day ("2026-03-13"));
  g_autoptr(WmDocument) second = full_document (wm_test_day ("2026-03-13"));
  g_autoptr(WmDocument) later = full_document (wm_test_day ("2026-03-14"));
  g_autofree char *path1 = render (first, "same-1.pdf");
  g_autofree char *path2 = render (second, "same-2.pdf");
  g_autofree char *path3 = render (later, "later.pdf");
  g_autofree char *bytes1 = NULL, *bytes2 = NULL, *bytes3 = NULL;
  g_autofree char *info = NULL;
  gsize length1, length2, length3;

  if (wm_test_pdf_tools_missing ())
    return;

  g_assert_true (g_file_get_contents (path1, &bytes1, &length1, NULL));
  g_assert_true (g_file_get_contents (path2, &bytes2, &length2, NULL));
  g_assert_true (g_file_get_contents (path3, &bytes3, &length3, NULL));
  g_assert_cmpmem (bytes1, length1, bytes2, length2);
  g_assert_cmpuint (length3, ==, length1);
  g_assert_true (memcmp (bytes1, bytes3, length1) != 0);

  info = wm_test_pdf_run ("pdfinfo", "-isodates", path1, NULL);
  g_assert_true (has_line (info, "CreationDate:    2026-03-13T00:00:00Z"));
  g_assert_true (has_line (info, "ModDate:         2026-03-13T00:00:00Z"));
  g_assert_true (has_line (info, "Title:           Evidence bundle"));
  g_free (info);
  info = wm_test_pdf_run ("pdfinfo", "-isodates", path3, NULL);
  g_assert_true (has_line (info, "CreationDate:    2026-03-14T00:00:00Z"));
}

/* Writing to a stream gives the same bytes as writing to a file. */
static void
test_stream_matches_file (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autofree char *path = render (document, "file.pdf");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (wm_render_document_to_stream (document, stream, NULL, NULL,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (
                     G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (
                     G_MEMORY_OUTPUT_STREAM (stream)),
                   bytes, length);
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first;
} Progress;

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

/* Progress comes once a page, rising to 1. */
static void
test_progress (void)
{
  g_autoptr(WmDocument) document = new_document ("Notes");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = wm_test_file_path ("progress.pdf");
  g_autoptr(GError) error = NULL;
  Progress progress = { fractions, NULL };
  WmSection *section;

  section = wm_document_add_section (document, "Notes", WM_SECTION_DEFAULT);
  for (guint i = 0; i < 4; i++)
    {
      wm_section_add_paragraph (section, "A page of its own.");
      wm_section_add_page_break (section);
    }

  g_assert_true (wm_render_document_to_file (document, path, NULL,
                                             record_progress, &progress,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), ==,
                       (i + 1) / 4.0);
}

/* Cancelling between pages stops the render with G_IO_ERROR_CANCELLED
 * and leaves the file that was there before untouched. */
static void
test_cancel (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = wm_test_file_path ("cancelled.pdf");
  g_autofree char *fresh = wm_test_file_path ("never.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { fractions, cancellable };

  g_assert_true (g_file_set_contents (path, "earlier file", -1, NULL));
  g_assert_false (wm_render_document_to_file (document, path, cancellable,
                                              record_progress, &progress,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fractions->len, ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier file");

  g_clear_error (&error);
  g_assert_false (wm_render_document_to_file (document, fresh, cancellable,
                                              NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* The PDF is readable by its owner only, because it contains a child's
 * case record. */
static void
test_file_private (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autofree char *path = render (document, "private.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpuint (g_file_info_get_attribute_uint32 (
                      info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777, ==, 0600);
}

static gpointer
render_in_thread (gpointer data)
{
  WmDocument *document = data;
  g_autofree char *path = wm_test_file_path ("thread.pdf");

  return GINT_TO_POINTER (wm_render_document_to_file (document, path, NULL,
                                                      NULL, NULL, NULL));
}

/* A document renders in a worker thread, with its own font map. */
static void
test_worker_thread (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autofree char *path = wm_test_file_path ("thread.pdf");
  GThread *thread;

  thread = g_thread_new ("render", render_in_thread, document);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));

  if (wm_test_pdf_tools_missing ())
    return;

  g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, 2);
}

/* A page drawn at another size (as for printing) is the same layout,
 * scaled: the marking is drawn, and nothing falls in the margins. */
static void
test_draw_page (void)
{
  g_autoptr(WmDocument) document = full_document (wm_test_day ("2026-03-13"));
  g_autoptr(WmRender) render_ = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint width = 298, height = 421;
  guint dark = 0;

  render_ = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_render_get_n_pages (render_), ==, 2);
  g_assert_cmpuint (wm_render_get_section_page (render_, 1), ==, 2);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  wm_render_draw_page (render_, cr, 1, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* RGB24 is stored as 32-bit words; byte 0 is blue on little-endian
   * machines and unused on big-endian ones, so read byte 1 (green). */
  assert_margins_blank (cairo_image_surface_get_data (surface) + 1, width,
                        height, cairo_image_surface_get_stride (surface), 4,
                        MARGIN * width / PAGE_WIDTH);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      dark += cairo_image_surface_get_data (surface)
                [y * cairo_image_surface_get_stride (surface) + x * 4 + 1]
              < 128;
  g_assert_cmpuint (dark, >, 100);
  cairo_surface_destroy (surface);
}

/* A chronology of 500 events, with a register grid and a chart: the time
 * to lay it out and to write it is reported, and every event is in it. */
static void
test_timing_500_events (void)
{
  static const char * const codes[] = {
    "/", "\\", "/", "\\", "N", "N", "/", "\\", "O", "O",
  };
  g_autoptr(WmDocument) document = new_document ("Evidence bundle");
  g_autoptr(WmRender) render_ = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  WmSection *section;
  WmBlock *block;
  double layout_seconds, write_seconds;

  wm_document_add_index (document, "Index");
  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_NEW_PAGE);
  block = add_chronology_table (section);
  for (guint i = 1; i <= 500; i++)
    {
      g_autofree char *date = g_strdup_printf ("Event %03u", i);
      const char *row[] = {
        date, "Telephone call to the parent about the morning's absence; "
        "the parent said the pupil was unwell and would return tomorrow.",
        "A. Officer",
      };

      wm_table_add_row (block, row);
    }

  section = wm_document_add_section (document, "Register",
                                     WM_SECTION_NEW_PAGE);
  block = wm_section_add_register_grid (section);
  for (guint week = 0; week < 39; week++)
    wm_register_grid_add_week (block, wm_test_day ("2025-09-01") + 7 * week,
                               codes);
  block = wm_section_add_chart (section, "Weekly attendance", 100);
  for (guint week = 0; week < 39; week++)
    wm_chart_add_point (block, "1 Sep", 60 + week % 40);
  for (guint i = 0; i < 40; i++)
    wm_chart_add_event (block, i % 39, "Home visit");

  g_test_timer_start ();
  render_ = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  layout_seconds = g_test_timer_elapsed ();
  g_test_timer_start ();
  g_assert_true (wm_render_write_pdf (render_, stream, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  write_seconds = g_test_timer_elapsed ();
  g_test_message ("500 events: %u pages, layout %.3f s, PDF %.3f s, %zu bytes",
                  wm_render_get_n_pages (render_), layout_seconds,
                  write_seconds,
                  g_memory_output_stream_get_data_size (
                    G_MEMORY_OUTPUT_STREAM (stream)));

  if (wm_test_pdf_tools_missing ())
    return;

  path = render (document, "500-events.pdf");
  text = wm_test_pdf_text (path, FALSE);
  for (guint i = 1; i <= 500; i++)
    {
      g_autofree char *label = g_strdup_printf ("Event %03u", i);

      g_assert_nonnull (strstr (text, label));
    }
  assert_page_numbers (path, wm_render_get_n_pages (render_));
}

/* Filler paragraphs that leave each test's kept blocks at the foot of
 * page 1, found by laying the documents out with DejaVu fonts. There the
 * statement fits but not the signature under it, the heading fits but
 * not two lines of its paragraph, the heading, a table's title row and
 * one row fit but not a second row, and a section title fits but not two
 * lines of its first paragraph. */
#define KEEP_FILLERS_SIGNATURE 32
#define KEEP_FILLERS_HEADING   34
#define KEEP_FILLERS_TABLE     32
#define KEEP_FILLERS_SECTION   33

/* A group of this many kept paragraphs of twelve words is taller than a
 * page, and the document it ends takes this many pages. */
#define KEEP_TALL_PARAGRAPHS   80
#define KEEP_TALL_PAGES        4

/* Tests: keeping blocks together */

/* Returns the page, counted from 1, that contains @word, and asserts
 * that no other page contains it. */
static guint
page_of (GStrv       pages,
         const char *word)
{
  guint found_on = 0;

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_auto(GStrv) words = wm_test_pdf_words (pages[p]);

      if (!g_strv_contains ((const char * const *) words, word))
        continue;

      if (found_on != 0)
        g_test_message ("\"%s\" is on pages %u and %u", word, found_on, p + 1);
      g_assert_cmpuint (found_on, ==, 0);
      found_on = p + 1;
    }

  if (found_on == 0)
    g_test_message ("\"%s\" is on no page", word);
  return found_on;
}

/* The word of filler paragraph @n, such as "Filler038". */
static char *
filler (guint n)
{
  return g_strdup_printf ("Filler%03u", n);
}

/* One-line paragraphs "Filler001" ... that fill the page to a known
 * height, so that what follows them starts where a test needs it. */
static void
add_fillers (WmSection *section,
             guint      n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *text = filler (i);

      wm_section_add_paragraph (section, text);
    }
}

/* A page with the certificate's statement near its foot, and the
 * signature block under the statement, which does not fit there. */
static char *
render_certificate (guint       n_fillers,
                    gboolean    keep,
                    const char *name)
{
  g_autoptr(WmDocument) document = new_document ("Certificate");
  WmSection *section;
  WmBlock *statement;

  section = wm_document_add_section (document, "Attendance certificate",
                                     WM_SECTION_DEFAULT);
  add_fillers (section, n_fillers);
  statement = wm_section_add_paragraph (section, "Statement: I certify that "
                                        "the register extract above is a "
                                        "true extract from the attendance "
                                        "register kept at the school.");
  wm_block_set_keep_with_next (statement, keep);
  wm_section_add_signature (section, "Signatory", "Head teacher", TRUE);
  return render (document, name);
}

/* A certificate's signature block starts on the page of the statement it
 * signs: a signature alone at the top of a page certifies nothing. The
 * same document without the keep puts the signature alone on page 2, so
 * the page really breaks between the two. */
static void
test_keep_signature_with_statement (void)
{
  g_autofree char *last = filler (KEEP_FILLERS_SIGNATURE);
  g_autofree char *kept_path = NULL, *loose_path = NULL;
  g_auto(GStrv) kept = NULL, loose = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  loose_path = render_certificate (KEEP_FILLERS_SIGNATURE, FALSE,
                                   "loose.pdf");
  loose = wm_test_pdf_page_texts (loose_path, FALSE);
  g_assert_cmpuint (page_of (loose, "Statement:"), ==, 1);
  g_assert_cmpuint (page_of (loose, "Signatory"), ==, 2);

  kept_path = render_certificate (KEEP_FILLERS_SIGNATURE, TRUE, "kept.pdf");
  kept = wm_test_pdf_page_texts (kept_path, FALSE);
  assert_page_numbers (kept_path, 2);
  g_assert_cmpuint (page_of (kept, "Filler001"), ==, 1);
  g_assert_cmpuint (page_of (kept, last), ==,
                    1);
  g_assert_cmpuint (page_of (kept, "Statement:"), ==, 2);
  g_assert_cmpuint (page_of (kept, "school."), ==, 2);
  g_assert_cmpuint (page_of (kept, "Signatory"), ==, 2);
  g_assert_cmpuint (page_of (kept, "Head"), ==, 2);
  g_assert_cmpuint (page_of (kept, "Date:"), ==, 2);
}

static char *
render_heading_at_foot (guint       n_fillers,
                        gboolean    keep,
                        const char *name)
{
  g_autoptr(WmDocument) document = new_document ("Chronology");
  WmSection *section;
  WmBlock *heading;

  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_DEFAULT);
  add_fillers (section, n_fillers);
  heading = wm_section_add_heading (section, "HeadingAtFoot");
  wm_block_set_keep_with_next (heading, keep);
  wm_section_add_paragraph (section, "ParagraphStart: the officer visited "
                            "the home on the Monday and the Wednesday, left "
                            "a card both times, and wrote to both parents "
                            "with the school's number and the date of the "
                            "meeting at the school, which the mother later "
                            "agreed to attend with the family worker "
                            "ParagraphEnd");
  return render (document, name);
}

/* A heading that would be the last line of a page moves to the next page
 * with its paragraph. Without the keep, the heading stays alone at the
 * foot of page 1, so the test can fail. */
static void
test_keep_heading_with_paragraph (void)
{
  g_autofree char *last = filler (KEEP_FILLERS_HEADING);
  g_autofree char *kept_path = NULL, *loose_path = NULL;
  g_auto(GStrv) kept = NULL, loose = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  loose_path = render_heading_at_foot (KEEP_FILLERS_HEADING, FALSE,
                                       "loose.pdf");
  loose = wm_test_pdf_page_texts (loose_path, FALSE);
  g_assert_cmpuint (page_of (loose, "HeadingAtFoot"), ==, 1);
  g_assert_cmpuint (page_of (loose, "ParagraphStart:"), ==, 2);

  kept_path = render_heading_at_foot (KEEP_FILLERS_HEADING, TRUE,
                                      "kept.pdf");
  kept = wm_test_pdf_page_texts (kept_path, FALSE);
  assert_page_numbers (kept_path, 2);
  g_assert_cmpuint (page_of (kept, last), ==, 1);
  g_assert_cmpuint (page_of (kept, "HeadingAtFoot"), ==, 2);
  g_assert_cmpuint (page_of (kept, "ParagraphStart:"), ==, 2);
  g_assert_cmpuint (page_of (kept, "ParagraphEnd"), ==, 2);
}

static char *
render_heading_and_table (guint       n_rows,
                          const char *name)
{
  g_autoptr(WmDocument) document = new_document ("Chronology");
  WmSection *section;
  WmBlock *table;

  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_DEFAULT);
  add_fillers (section, KEEP_FILLERS_TABLE);
  wm_section_add_heading (section, "Events");
  table = add_chronology_table (section);
  for (guint i = 1; i <= n_rows; i++)
    {
      g_autofree char *date = g_strdup_printf ("Row%03u", i);
      const char *cells[] = { date, "Home visit, no answer", "A. Officer" };

      wm_table_add_row (table, cells);
    }

  return render (document, name);
}

/* A heading stays with its table, and the table's title row with its
 * first two rows. The foot of page 1 has room for the heading, the title
 * row and one row (a one-row table fits there) but not for two rows, so
 * all of them start page 2. */
static void
test_keep_heading_with_table_rows (void)
{
  g_autofree char *last = filler (KEEP_FILLERS_TABLE);
  g_autofree char *one_path = NULL, *five_path = NULL;
  g_auto(GStrv) one = NULL, five = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  one_path = render_heading_and_table (1, "one-row.pdf");
  one = wm_test_pdf_page_texts (one_path, FALSE);
  assert_page_numbers (one_path, 1);
  g_assert_cmpuint (page_of (one, "Events"), ==, 1);
  g_assert_cmpuint (page_of (one, "Row001"), ==, 1);

  five_path = render_heading_and_table (5, "five-rows.pdf");
  five = wm_test_pdf_page_texts (five_path, FALSE);
  assert_page_numbers (five_path, 2);
  g_assert_cmpuint (page_of (five, last), ==, 1);
  g_assert_cmpuint (page_of (five, "Events"), ==, 2);
  g_assert_cmpuint (page_of (five, "Recorded"), ==, 2);
  g_assert_cmpuint (page_of (five, "Row001"), ==, 2);
  g_assert_cmpuint (page_of (five, "Row002"), ==, 2);
  g_assert_cmpuint (page_of (five, "Row005"), ==, 2);
}

static WmDocument *
new_two_sections (gboolean with_paragraph)
{
  WmDocument *document = new_document ("Bundle");
  WmSection *section;

  section = wm_document_add_section (document, "First", WM_SECTION_DEFAULT);
  add_fillers (section, KEEP_FILLERS_SECTION);
  section = wm_document_add_section (document, "SecondSection",
                                     WM_SECTION_DEFAULT);
  if (with_paragraph)
    wm_section_add_paragraph (section, "SecondStart: the officer visited "
                              "the home on the Monday and the Wednesday, "
                              "left a card both times, and wrote to both "
                              "parents SecondEnd");

  return document;
}

/* A section's printed title is kept with its first block as a heading
 * is, and the section's first page (for the index and the outline) is
 * the page the title moved to. The title alone fits at the foot of page
 * 1, so the move is the keep's doing. */
static void
test_keep_section_title (void)
{
  g_autofree char *last = filler (KEEP_FILLERS_SECTION);
  g_autoptr(WmDocument) alone = new_two_sections (FALSE);
  g_autoptr(WmDocument) document = new_two_sections (TRUE);
  g_autoptr(WmRender) render_ = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alone_path = NULL, *path = NULL;
  g_auto(GStrv) alone_pages = NULL, pages = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  alone_path = render (alone, "title-alone.pdf");
  alone_pages = wm_test_pdf_page_texts (alone_path, FALSE);
  assert_page_numbers (alone_path, 1);
  g_assert_cmpuint (page_of (alone_pages, "SecondSection"), ==, 1);

  render_ = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_render_get_section_page (render_, 0), ==, 1);
  g_assert_cmpuint (wm_render_get_section_page (render_, 1), ==, 2);

  path = render (document, "section-title.pdf");
  pages = wm_test_pdf_page_texts (path, FALSE);
  assert_page_numbers (path, 2);
  g_assert_cmpuint (page_of (pages, last), ==, 1);
  g_assert_cmpuint (page_of (pages, "SecondSection"), ==, 2);
  g_assert_cmpuint (page_of (pages, "SecondStart:"), ==, 2);
  g_assert_cmpuint (page_of (pages, "SecondEnd"), ==, 2);
}

/* A group kept together but taller than any page cannot be kept. It
 * flows from where it was, right after the fillers on page 1, with every
 * word in order, each paragraph once, and the signature after it. */
static void
test_keep_group_taller_than_page (void)
{
  g_autoptr(WmDocument) document = new_document ("Statement");
  g_auto(GStrv) words = numbered_words (KEEP_TALL_PARAGRAPHS * 12);
  g_autoptr(GString) all = g_string_new ("Filler003");
  g_autofree char *path = NULL, *text = NULL;
  g_auto(GStrv) pages = NULL, expected = NULL;
  WmSection *section;

  if (wm_test_pdf_tools_missing ())
    return;

  section = wm_document_add_section (document, "Statement",
                                     WM_SECTION_DEFAULT);
  add_fillers (section, 3);
  for (guint i = 0; i < KEEP_TALL_PARAGRAPHS; i++)
    {
      g_autoptr(GString) paragraph = g_string_new (words[i * 12]);
      WmBlock *block;

      for (guint j = 1; j < 12; j++)
        g_string_append_printf (paragraph, " %s", words[i * 12 + j]);

      block = wm_section_add_paragraph (section, paragraph->str);
      wm_block_set_keep_with_next (block, TRUE);
      g_string_append_printf (all, " %s", paragraph->str);
    }
  wm_section_add_signature (section, "Signatory", "Attendance officer", TRUE);
  g_string_append (all, " Signatory");

  path = render (document, "tall-group.pdf");
  pages = wm_test_pdf_page_texts (path, FALSE);
  assert_page_numbers (path, KEEP_TALL_PAGES);
  g_assert_cmpuint (page_of (pages, "a0001"), ==, 1);
  g_assert_cmpuint (page_of (pages, "Signatory"), ==, KEEP_TALL_PAGES);

  text = wm_test_pdf_text (path, FALSE);
  expected = wm_test_pdf_words (all->str);
  wm_test_pdf_assert_words_in_order (text, (const char * const *) expected);
  for (guint i = 0; i < KEEP_TALL_PARAGRAPHS; i++)
    g_assert_cmpuint (page_of (pages, words[i * 12]), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/render/pages/numbered", test_page_numbers);
  g_test_add_func ("/render/index/bundle-first-pages", test_index_bundle);
  g_test_add_func ("/render/index/longer-than-a-page", test_index_long);
  g_test_add_func ("/render/table/header-every-page-no-split-rows",
                   test_table_header_every_page);
  g_test_add_func ("/render/table/tall-row-continued",
                   test_table_continued_row);
  g_test_add_func ("/render/text/long-note-and-token-whole",
                   test_wrap_long_note);
  g_test_add_func ("/render/text/markup-printed-as-typed", test_text_is_plain);
  g_test_add_func ("/render/blocks/redaction-visible", test_redaction_visible);
  g_test_add_func ("/render/blocks/register-grid-and-chart",
                   test_register_grid_and_chart);
  g_test_add_func ("/render/keep/signature-with-statement",
                   test_keep_signature_with_statement);
  g_test_add_func ("/render/keep/heading-with-paragraph",
                   test_keep_heading_with_paragraph);
  g_test_add_func ("/render/keep/heading-with-table-rows",
                   test_keep_heading_with_table_rows);
  g_test_add_func ("/render/keep/section-title-with-first-block",
                   test_keep_section_title);
  g_test_add_func ("/render/keep/group-taller-than-page-flows",
                   test_keep_group_taller_than_page);
  g_test_add_func ("/render/output/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/render/output/byte-identical", test_reproducible);
  g_test_add_func ("/render/output/stream-matches-file",
                   test_stream_matches_file);
  g_test_add_func ("/render/output/progress-per-page", test_progress);
  g_test_add_func ("/render/output/cancel-keeps-earlier-file", test_cancel);
  g_test_add_func ("/render/output/file-private", test_file_private);
  g_test_add_func ("/render/output/worker-thread", test_worker_thread);
  g_test_add_func ("/render/output/draw-page-scaled", test_draw_page);
  g_test_add_func ("/render/timing/500-events", test_timing_500_events);

  return g_test_run ();
}
