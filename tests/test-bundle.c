/* test-bundle.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "wm-bundle.h"
#include "wm-bundle-audit.h"
#include "wm-patterns.h"
#include "wm-response.h"
#include "wm-response-rules.h"
#include "wm-case.h"
#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-render.h"
#include "wm-store-records.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

/*
 * The evidence bundle, built through the API from an imported register
 * and a case record, and checked on the real PDF with poppler's tools. A
 * court relies on the index, the page numbers, the certificate's totals,
 * every event listed once, and redactions that really remove the text.
 */

#define OFFICER "A. Officer"
#define PUPIL_UPN "W999200126002"
#define MOTHER_ADDRESS "12 Tern Road, Millbrook MB1 2AB"
#define PUPIL_ADDRESS "7 Wren Street, Millbrook MB1 4CD"
#define FATHER_ADDRESS "4 Heron Close, Millbrook MB3 9ZZ"

/* Notes added to the case so that the witness statement outline's
 * statement of truth ends its first page with no room for the signature
 * block under it, found by laying the outline out with DejaVu fonts. */
#define STATEMENT_FILLER_NOTES 5

typedef struct
{
  WmStore *store;
  gint64   pupil_id;
  gint64   sibling_id;
  gint64   case_id;
  gint64   note_id;
  WmDay    as_of;
} Fixture;

/* Helpers: the case */

static JsonObject *
make_body (const char *key,
           ...)
{
  JsonObject *body = json_object_new ();
  va_list args;

  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    json_object_set_string_member (body, key, va_arg (args, const char *));
  va_end (args);
  return body;
}

static gint64
add_record (Fixture    *fixture,
            const char *kind,
            JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) owned = body;
  gint64 id = wm_record_save_draft (fixture->store, fixture->case_id, 0, kind,
                                    owned, OFFICER, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (wm_record_finalise (fixture->store, id, OFFICER, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_parent (Fixture    *fixture,
            const char *forename,
            const char *relationship,
            const char *address,
            gboolean    responsibility)
{
  g_autoptr(GError) error = NULL;
  WmContactRecord contact = {
    .order = 1,
    .surname = (char *) "O'Brien",
    .forename = (char *) forename,
    .relationship = (char *) relationship,
    .parental_responsibility = responsibility,
    .address = (char *) address,
  };

  g_assert_cmpint (wm_store_add_contact (fixture->store, fixture->pupil_id,
                                         &contact, FALSE,
                                         wm_test_day ("2026-03-02"), &error),
                   >, 0);
  g_assert_no_error (error);
}

static void
import_register (Fixture *fixture)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                "cli", "four-weeks.xml",
                                                NULL);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  WmPupilRecord pupil = { .upn = (char *) PUPIL_UPN,
                          .address = (char *) PUPIL_ADDRESS,
                          .looked_after = -1, .free_school_meals = -1 };

  wm_ctf_global_init ();
  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 4);

  fixture->pupil_id = wm_store_upsert_pupil (fixture->store, &pupil,
                                             report->school_id, NULL, &error);
  g_assert_no_error (error);
  fixture->sibling_id = wm_store_find_pupil_by_upn (fixture->store,
                                                    "Z999200126004");
  g_assert_cmpint (fixture->pupil_id, >, 0);
  g_assert_cmpint (fixture->sibling_id, >, 0);
}

/* Evaluating on 13 March places the pupil on Level 3 (13 of 20) and on
 * 27 March on Level 2 (33 of 40): two level changes for the chronology. */
static void
evaluate_twice (Fixture *fixture)
{
  static const char * const dates[] = { "2026-03-13", "2026-03-27" };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_array_append_val (ids, fixture->pupil_id);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(WmEngine) engine = wm_engine_new (fixture->store,
                                                  wm_test_day (dates[i]));

      g_assert_true (wm_engine_evaluate_and_save (engine, ids, NULL, NULL,
                                                  NULL, &error));
      g_assert_no_error (error);
    }
}

static void
add_case_records (Fixture *fixture)
{
  g_autoptr(JsonObject) amended = NULL;
  g_autoptr(GError) error = NULL;

  add_record (fixture, "contact",
              make_body ("contact_kind", "first-day-call", "date", "2026-03-09",
                         "with_whom", "Siobhan O'Brien", "outcome",
                         "Mother says he is unwell", "absence_reason",
                         "Stomach bug since Sunday", NULL));
  add_record (fixture, "home-visit",
              make_body ("date", "2026-03-10", "visited_by", OFFICER,
                         "outcome", "no-answer", "what_was_said",
                         "Nobody answered; card left", NULL));
  add_record (fixture, "healthcare-plan",
              make_body ("date", "2026-03-11", "condition",
                         "Severe asthma needing an inhaler", NULL));
  add_record (fixture, "home-visit",
              make_body ("date", "2026-03-12", "visited_by", OFFICER,
                         "outcome", "parent-seen", "what_was_said",
                         "Mother agreed to a meeting", NULL));
  add_record (fixture, "meeting",
              make_body ("meeting_type", "parent-meeting", "date",
                         "2026-03-16", "parents_views",
                         "Parents want help with mornings", NULL));
  add_record (fixture, "warning-letter",
              make_body ("date_sent", "2026-03-18", "parent",
                         "Siobhan O'Brien", NULL));
  add_record (fixture, "safeguarding",
              make_body ("date", "2026-03-19", "concern",
                         "Bruise seen on the left arm", NULL));
  fixture->note_id = add_record (fixture, "note",
                                 make_body ("date", "2026-03-20", "text",
                                            "Spoke to the father by phone",
                                            NULL));

  amended = make_body ("date", "2026-03-20", "text",
                       "Spoke to the stepfather by phone", NULL);
  g_assert_true (wm_record_amend (fixture->store, fixture->note_id, amended,
                                  "Wrong parent named", OFFICER, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("bundle.db");
  g_autoptr(GError) error = NULL;

  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  fixture->as_of = wm_test_day ("2026-03-27");

  import_register (fixture);
  evaluate_twice (fixture);
  /* A Common Transfer File gives the relationship as a code; a contact
   * entered by other means may hold the word itself. */
  add_parent (fixture, "Siobhan", "PAM", MOTHER_ADDRESS, TRUE);
  add_parent (fixture, "Patrick", "Father", FATHER_ADDRESS, TRUE);
  add_parent (fixture, "Maeve", "GRM", "1 Kite Lane", FALSE);
  g_assert_true (wm_store_link_siblings (fixture->store, fixture->pupil_id,
                                         fixture->sibling_id, &error));
  g_assert_no_error (error);

  fixture->case_id = wm_case_open (fixture->store, fixture->pupil_id,
                                   wm_test_day ("2026-03-02"),
                                   "Attendance below 90%", OFFICER, OFFICER,
                                   &error);
  g_assert_no_error (error);
  add_case_records (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

/* Helpers: the PDF */

static char *
export (Fixture                *fixture,
        const WmBundleOptions  *options,
        const char             *name)
{
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id, options,
                                   path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
export_default (Fixture    *fixture,
                const char *name)
{
  WmBundleOptions options;

  wm_bundle_options_init (&options, fixture->as_of);
  return export (fixture, &options, name);
}

/* The text with every run of white space made one space, so that a
 * phrase wrapped inside a table cell is still found. */
static char *
flatten (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static guint
count (const char *text,
       const char *phrase)
{
  guint n = 0;

  for (const char *p = strstr (text, phrase); p != NULL;
       p = strstr (p + 1, phrase))
    n++;

  return n;
}

static char *
flat_text (const char *path)
{
  g_autofree char *text = wm_test_pdf_text (path, FALSE);

  return flatten (text);
}

/* The flattened text of the pages from @first to @last, counted from 1. */
static char *
pages_text (GStrv pages,
            guint first,
            guint last)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint page = first; page <= last; page++)
    g_string_append_printf (text, "%s\n", pages[page - 1]);

  return flatten (text->str);
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
      while (*number == ' ' || *number == '.')
        number++;

      return (guint) g_ascii_strtoull (number, NULL, 10);
    }

  g_test_message ("no index entry \"%s\"", label);
  g_assert_not_reached ();
}

static WmRender *
render_bundle (Fixture               *fixture,
               const WmBundleOptions *options)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WmRender *render;

  document = wm_bundle_build (fixture->store, fixture->pupil_id, options,
                              NULL, &error);
  g_assert_no_error (error);
  render = wm_render_new (document, NULL, &error);
  g_assert_no_error (error);
  return render;
}

static guint
find_section (WmDocument *document,
              const char *title)
{
  for (guint i = 0; i < wm_document_get_n_sections (document); i++)
    if (strcmp (wm_section_get_title (wm_document_get_section (document, i)),
                title) == 0)
      return i;

  g_test_message ("no section \"%s\"", title);
  g_assert_not_reached ();
}

/* The flattened text of one section, from its first page to the page
 * before the next section. */
static char *
section_text (WmRender   *render,
              GStrv       pages,
              const char *title)
{
  WmDocument *document = wm_render_get_document (render);
  guint index = find_section (document, title);
  guint first = wm_render_get_section_page (render, index);
  guint last = wm_render_get_n_pages (render);

  if (index + 1 < wm_document_get_n_sections (document))
    last = wm_render_get_section_page (render, index + 1) - 1;

  return pages_text (pages, first, MAX (first, last));
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

static gint64
count_audit (Fixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT count(*) FROM audit_log WHERE "
                                       "action = 'export-bundle'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Tests: contents */

/* Every case event, record and level change is one row of the
 * chronology: none lost, none repeated, health and restricted records
 * left out, and an amended record shown once in its current revision. */
static void
test_chronology_every_row_once (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char * const rows[] = {
    "2 March 2026 Case opened",
    "9 March 2026 Contact: First-day call",
    "10 March 2026 Home visit: No answer",
    "Home visit: Parent",
    "13 of 20 possible sessions attended (65.0%)",
    "Meeting: Parent",
    "18 March 2026 Warning letter",
    "20 March 2026 Note",
    "Spoke to the stepfather by phone",
    "27 March 2026 Level 2 (was Level 3)",
    "33 of 40 possible sessions attended (82.5%)",
  };
  g_autofree char *path = NULL;
  g_autoptr(WmRender) render = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  path = export (fixture, &options, "chronology.pdf");
  render = render_bundle (fixture, &options);
  pages = wm_test_pdf_page_texts (path, FALSE);
  text = section_text (render, pages, "Chronology");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_test_message ("row \"%s\"", rows[i]);
      g_assert_cmpuint (count (text, rows[i]), ==, 1);
    }

  /* Nine rows, each dated once, and the two level changes name the
   * periods they cover: 11 dates in March 2026. */
  g_assert_cmpuint (count (text, "March 2026"), ==, 11);
  g_assert_cmpuint (count (text, "Spoke to the father"), ==, 0);
  g_assert_cmpuint (count (text, "Healthcare plan"), ==, 0);
  g_assert_cmpuint (count (text, "Safeguarding"), ==, 0);
}

/* The index gives the real first page of every section and exhibit, and
 * that page starts the section. */
static void
test_index_real_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(WmRender) render = NULL;
  g_auto(GStrv) pages = NULL;
  WmDocument *document;
  WmBundleOptions options;
  guint n_checked = 0;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  path = export (fixture, &options, "index.pdf");
  render = render_bundle (fixture, &options);
  document = wm_render_get_document (render);
  pages = wm_test_pdf_page_texts (path, TRUE);
  g_assert_true (has_line (pages[1], "Index"));

  for (guint i = 0; i < wm_document_get_n_sections (document); i++)
    {
      WmSection *section = wm_document_get_section (document, i);
      g_autofree char *label = wm_section_dup_label (section);
      g_autofree char *heading = NULL;
      guint page = wm_render_get_section_page (render, i);

      if (wm_section_is_index (section))
        continue;

      g_assert_cmpuint (index_entry_page (pages[1], label), ==, page);
      if (wm_section_get_exhibit (section) > 0)
        heading = g_strdup_printf ("Exhibit %u",
                                   wm_section_get_exhibit (section));
      else if (wm_section_get_flags (section) & WM_SECTION_HIDE_TITLE)
        heading = g_strdup ("Evidence bundle");
      else
        heading = g_strdup (wm_section_get_title (section));
      g_assert_true (has_line (pages[page - 1], heading));
      n_checked++;
    }

  /* Cover, chronology, certificate, chart, support, five exhibits, legal
   * steps and the statement outline. */
  g_assert_cmpuint (n_checked, ==, 12);
  g_assert_cmpuint (index_entry_page (pages[1], "Exhibit 5: Note, 20 March "
                                      "2026"), ==, 11);
}

/* Every footer reads "Page n of N" once, with N the page count pdfinfo
 * reports, and every page carries the protective marking. */
static void
test_footers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;

  if (wm_test_pdf_tools_missing ())
    return;

  path = export_default (fixture, "footers.pdf");
  n_pages = wm_test_pdf_n_pages (path);
  pages = wm_test_pdf_page_texts (path, FALSE);
  g_assert_cmpuint (n_pages, ==, 14);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1,
                                                 n_pages);
      g_autofree char *flat = flatten (pages[i]);

      g_assert_true (has_line (pages[i], footer));
      g_assert_cmpuint (count (flat, " of 14"), ==, 1);
      g_assert_cmpuint (count (flat, "OFFICIAL-SENSITIVE"), >=, 2);
      g_assert_cmpuint (count (flat, "case WM-2001-000001"), ==, 1);
    }
}

/* The certificate's totals are the engine's counts over the same ten
 * school weeks (here the four the register holds), and it lists each
 * unauthorised session. */
static void
test_certificate_engine_totals (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(WmRender) render = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *text = NULL, *totals = NULL;
  g_auto(GStrv) pages = NULL;
  WmEvaluation ten_weeks, engine_eval;
  WmBundleOptions options;
  WmRules rules;
  gint64 school_id;
  g_auto(WmPupilRecord) pupil = { 0 };

  if (wm_test_pdf_tools_missing ())
    return;

  g_assert_true (wm_store_get_pupil (fixture->store, fixture->pupil_id,
                                     &pupil, &school_id, &error));
  reg = wm_store_load_register (fixture->store, fixture->pupil_id, school_id,
                                &error);
  calendar = wm_store_load_calendar (fixture->store, school_id, &error);
  g_assert_true (wm_store_load_rules (fixture->store, school_id, &rules,
                                      &error));
  g_assert_no_error (error);
  rules.level_window_weeks = rules.threshold_window_weeks;
  wm_evaluate (reg, calendar, fixture->as_of, &rules, &ten_weeks);
  engine = wm_engine_new (fixture->store, fixture->as_of);
  g_assert_true (wm_engine_evaluate_pupil (engine, fixture->pupil_id,
                                           &engine_eval, &error));

  g_assert_cmpuint (ten_weeks.possible, ==, 40);
  g_assert_cmpuint (ten_weeks.attended, ==, 33);
  g_assert_cmpuint (ten_weeks.window.authorised, ==, 4);
  g_assert_cmpuint (ten_weeks.window.unauthorised, ==, 3);
  g_assert_cmpuint (engine_eval.unauthorised_threshold_weeks, ==, 3);

  wm_bundle_options_init (&options, fixture->as_of);
  path = export (fixture, &options, "certificate.pdf");
  render = render_bundle (fixture, &options);
  pages = wm_test_pdf_page_texts (path, TRUE);
  text = section_text (render, pages, "Attendance certificate");
  totals = g_strdup_printf ("Possible sessions %u Sessions attended %u "
                            "Authorised absence %u Unauthorised absence %u "
                            "Attendance 82.5%% (33 of 40)",
                            ten_weeks.possible, ten_weeks.attended,
                            ten_weeks.window.authorised,
                            engine_eval.unauthorised_threshold_weeks);

  g_assert_cmpuint (count (text, totals), ==, 1);
  g_assert_cmpuint (count (text, "section 566 of the Education Act 1996"),
                    ==, 1);
  g_assert_cmpuint (count (text, "from 2 to 27 March 2026"), ==, 1);
  g_assert_cmpuint (count (text, "9 March 2026 O O O I I I I \\ / \\"), ==, 1);
  g_assert_cmpuint (count (text, "9 March 2026 AM O other unauthorised "
                           "absence 9 March 2026 PM O other unauthorised "
                           "absence 10 March 2026 AM O"), ==, 1);
  g_assert_cmpuint (count (text, "Head teacher Millbrook Primary School"),
                    ==, 1);
}

/* Replaces the pupil's marks from @first_day with @marks, in the compact
 * notation of wm_register_new_from_string(), as a later import would. */
static void
merge_marks (Fixture    *fixture,
             const char *first_day,
             const char *marks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;
  g_auto(WmPupilRecord) pupil = { 0 };
  gint64 school_id = 0;
  gint64 import_id;

  g_assert_true (wm_store_get_pupil (fixture->store, fixture->pupil_id,
                                     &pupil, &school_id, &error));
  reg = wm_register_new_from_string (wm_test_day (first_day), marks, &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_begin (fixture->store, &error));
  import_id = wm_store_begin_import (fixture->store, "csv", "marks.csv", NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_merge_marks (fixture->store, import_id,
                                       fixture->pupil_id, school_id, reg,
                                       NULL, NULL, &error));
  g_assert_true (wm_store_finish_import (fixture->store, import_id, school_id,
                                         1, 0, 0, NULL, &error));
  g_assert_true (wm_store_rebuild_calendar (fixture->store, school_id,
                                            &error));
  g_assert_true (wm_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static char *
export_certificate (Fixture    *fixture,
                    const char *name)
{
  g_autofree char *path = NULL;
  WmBundleOptions options;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_CERTIFICATE;
  path = export (fixture, &options, name);
  return flat_text (path);
}

/* The signature block names the school's signatory when one is entered,
 * because a court needs to know who signed. It also names the pupil and
 * the period, so that a signature on a page of its own still shows what
 * it certifies. */
static void
test_certificate_signatory (Fixture       *fixture,
                            gconstpointer  data)
{
  WmSchoolDetails school = {
    .signatory_name = "Pat Head",
    .signatory_role = "Headteacher",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 school_id = wm_store_find_school (fixture->store, "999", "2001");

  if (wm_test_pdf_tools_missing ())
    return;

  g_assert_cmpint (school_id, >, 0);
  g_assert_true (wm_store_set_school_details (fixture->store, school_id,
                                              &school, &error));
  g_assert_no_error (error);
  text = export_certificate (fixture, "signatory.pdf");

  g_assert_cmpuint (count (text, "Pat Head Headteacher, Millbrook Primary "
                           "School Certifying the attendance of Seán "
                           "O'Brien (UPN " PUPIL_UPN "), 2 to 27 March 2026 "
                           "Date:"), ==, 1);
  g_assert_cmpuint (count (text, "Head teacher"), ==, 0);
}

/* The note under the grid states that weeks in which the school held no
 * session are left out. A week the register marks `#` at every session,
 * such as a half term, is therefore left out too, and `#` is not in the
 * key to the codes. */
static void
test_certificate_closed_week (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (wm_test_pdf_tools_missing ())
    return;

  merge_marks (fixture, "2026-03-16", "########## ");
  text = export_certificate (fixture, "closed-week.pdf");

  g_assert_cmpuint (count (text, "Weeks in which the school held no session "
                           "are left out"), ==, 1);
  g_assert_cmpuint (count (text, "16 March 2026"), ==, 0);
  g_assert_cmpuint (count (text, "#"), ==, 0);
  g_assert_cmpuint (count (text, "9 March 2026 O O O I I I I \\ / \\"),
                    ==, 1);
  g_assert_cmpuint (count (text, "23 March 2026 / \\ / \\ / \\ / \\ "
                           "/ \\"), ==, 1);
}

/* A certified extract that starts after a date the bundle cites cannot
 * support that date, so the default period starts no later than the
 * patterns' first days. Here a week of `O` from Monday 5 January, before
 * the last 10 school weeks (from 19 January), makes a run of absence, and
 * the extract starts on 5 January; the window and the command line use
 * the same period. */
static void
test_certificate_cited_dates (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  WmDay from = WM_DAY_NONE;

  if (wm_test_pdf_tools_missing ())
    return;

  merge_marks (fixture, "2026-01-05",
               "OOOOOOOOOO /\\/\\/\\/\\/\\ /\\/\\/\\/\\/\\ "
               "/\\/\\/\\/\\/\\ /\\/\\/\\/\\/\\ "
               "/\\/\\/\\/\\/\\ /\\/\\/\\/\\/\\ "
               "/\\/\\/\\/\\/\\");
  g_assert_true (wm_bundle_default_period (fixture->store, fixture->pupil_id,
                                           fixture->as_of, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, wm_test_day ("2026-01-05"));

  text = export_certificate (fixture, "cited.pdf");
  g_assert_cmpuint (count (text, "from 5 January to 27 March 2026"), ==, 1);
  g_assert_cmpuint (count (text, "5 January 2026 O O O O O O O O O O"), ==,
                    1);

  {
    g_autofree char *path = export_default (fixture, "cited-all.pdf");

    all = flat_text (path);
  }
  g_assert_cmpuint (count (all, "the longest 10 sessions: Monday 5 January "
                           "2026 to Friday 9 January 2026"), ==, 1);
  g_assert_cmpuint (count (all, "From 5 January 2026 to 27 March 2026 the "
                           "pupil attended 103 of 120 possible sessions"),
                    ==, 1);
}

/* A met threshold gives the count and the threshold apart, since "13 of
 * 10" reads as a mistake. A week of `O` from Monday 23 February and the
 * three `O` sessions of 9 and 10 March make 13; the threshold was first
 * met on Friday 27 February, inside the certified extract. The three legal
 * steps that rest on the threshold each cite it. */
static void
test_legal_threshold_words (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  merge_marks (fixture, "2026-02-23", "OOOOOOOOOO");
  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_LEGAL | WM_BUNDLE_CERTIFICATE;
  path = export (fixture, &options, "threshold.pdf");
  text = flat_text (path);

  g_assert_cmpuint (count (text, "Penalty threshold met: 13 unauthorised "
                           "sessions (G, N, O, U) in the 5 school weeks "
                           "23 February to 27 March 2026 (the threshold is "
                           "10); first met on 27 February 2026"), ==, 3);
  g_assert_cmpuint (count (text, " of 10 unauthorised"), ==, 0);
  g_assert_cmpuint (count (text, "at the school from 23 February to 27 March "
                           "2026"), ==, 1);
}

/* The chart marks each week with the records on the case, and the table
 * under it gives the counts behind every weekly and four-week figure. */
static void
test_chart (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_CHART;
  path = export (fixture, &options, "chart.pdf");
  text = flat_text (path);

  g_assert_cmpuint (count (text, "1. Contact, Home visit (2) 2. Meeting, "
                           "Warning letter, Note"), ==, 2);
  g_assert_cmpuint (count (text, "2 March 2026 100.0% (10 of 10) 100.0% "
                           "(10 of 10) 9 March 2026 30.0% (3 of 10) 65.0% "
                           "(13 of 20) 16 March 2026 100.0% (10 of 10) "
                           "76.6% (23 of 30) 23 March 2026 100.0% (10 of 10) "
                           "82.5% (33 of 40)"), ==, 1);

  /* The patterns found in the register follow the chart, each sentence
   * exactly as the pattern rules word it. */
  g_assert_cmpuint (count (text, "Patterns found"), ==, 1);
  /* The run of 9 to 12 March joins `O` to illness, and says so. */
  g_assert_cmpuint (count (text, "Monday 9 March 2026 to Thursday 12 March "
                           "2026 (7 sessions, 4 of them authorised, 3 days "
                           "after last attending on Friday 6 March 2026)"),
                    ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmRegister) reg = NULL;
    g_autoptr(WmCalendar) calendar = NULL;
    g_autoptr(GPtrArray) patterns = NULL;
    g_auto(WmPupilRecord) record = { 0 };
    gint64 school_id = 0;
    WmResponseRules rules;

    wm_store_get_pupil (fixture->store, fixture->pupil_id, &record,
                        &school_id, &error);
    g_assert_no_error (error);
    reg = wm_store_load_register (fixture->store, fixture->pupil_id,
                                  school_id, &error);
    g_assert_no_error (error);
    calendar = wm_store_load_calendar (fixture->store, school_id, &error);
    g_assert_no_error (error);
    wm_response_rules_init_defaults (&rules);
    patterns = wm_patterns_find (reg, calendar,
                                 wm_day_academic_year_start (fixture->as_of),
                                 fixture->as_of, &rules);
    g_test_message ("%u patterns", patterns->len);
    if (patterns->len == 0)
      g_assert_cmpuint (count (text, "No pattern of absence or lateness"), ==,
                        1);
    for (guint i = 0; i < patterns->len; i++)
      {
        const WmPattern *pattern = g_ptr_array_index (patterns, i);

        g_assert_cmpuint (count (text, pattern->sentence), ==, 1);
      }
  }
}

/* The legal steps section ends with the case's deadlines and, for each
 * legal step, whether it is ready and the evidence done or missing, as the
 * engine computes them for the bundle's date. */
static void
test_legal_readiness (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  g_autoptr(WmEngine) engine = NULL;
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_LEGAL;
  path = export (fixture, &options, "legal.pdf");
  text = flat_text (path);

  engine = wm_engine_new (fixture->store, fixture->as_of);
  response = wm_engine_respond_pupil (engine, fixture->pupil_id, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count (text, "Readiness of each legal step"), ==, 1);
  g_assert_cmpuint (count (text, response->steps[WM_STEP_PENALTY_NOTICE].ready
                                 ? "Penalty notice request: ready"
                                 : "Penalty notice request: not ready"),
                    ==, 1);
  for (guint i = 0; i < response->steps[WM_STEP_PENALTY_NOTICE].items->len;
       i++)
    {
      const WmEvidenceItem *item =
        g_ptr_array_index (response->steps[WM_STEP_PENALTY_NOTICE].items, i);

      g_assert_cmpuint (count (text, item->sentence), >=, 1);
    }
}

/* A period chosen by the officer: the week of 9 March only. */
static void
test_certificate_chosen_period (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_CERTIFICATE;
  options.from = wm_test_day ("2026-03-09");
  options.to = wm_test_day ("2026-03-13");
  path = export (fixture, &options, "period.pdf");
  text = flat_text (path);

  g_assert_cmpuint (count (text, "from 9 to 13 March 2026"), ==, 1);
  g_assert_cmpuint (count (text, "Possible sessions 10 Sessions attended 3 "
                           "Authorised absence 4 Unauthorised absence 3 "
                           "Attendance 30.0% (3 of 10)"), ==, 1);
  g_assert_cmpuint (count (text, "2 March 2026"), ==, 0);
  g_assert_cmpuint (count (text, "16 March 2026"), ==, 0);
  g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, 1);
}

/* The cover names every parent with parental responsibility and their
 * address, but no other contact. "Prepared by" is the name the officer
 * gives in place of the lead officer. A relationship code from a Common
 * Transfer File is printed as words with the code beside them, and a
 * relationship that is no known code is printed as it is stored. */
static void
test_cover (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_COVER;
  options.prepared_by = "B. Senior";
  path = export (fixture, &options, "cover.pdf");
  text = flat_text (path);

  g_assert_cmpuint (count (text, "Case reference WM-2001-000001 Prepared by "
                           "B. Senior Date 27 March 2026"), ==, 1);
  g_assert_cmpuint (count (text, "Date of birth 2 June 2016 UPN "
                           PUPIL_UPN), ==, 1);
  g_assert_cmpuint (count (text, "Address " PUPIL_ADDRESS), ==, 1);
  g_assert_cmpuint (count (text, "Name Siobhan O'Brien Relationship Mother "
                           "(PAM) Address " MOTHER_ADDRESS), ==, 1);
  g_assert_cmpuint (count (text, "PAF"), ==, 0);
  g_assert_cmpuint (count (text, "Name Patrick O'Brien Relationship Father "
                           "Address " FATHER_ADDRESS), ==, 1);
  g_assert_cmpuint (count (text, "Maeve"), ==, 0);
  g_assert_cmpuint (count (text, "Priya Newcombe"), ==, 1);
  g_assert_cmpuint (count (text, "OFFICIAL-SENSITIVE"), ==, 3);
}

/* The witness statement outline is filled from the record: the officer,
 * the pupil, the attendance over the period, what was done and when, the
 * support offered and the latest position. */
static void
test_statement (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const parts[] = {
    "I am A. Officer, the attendance officer responsible for this case "
    "(reference WM-2001-000001).",
    "From 2 March 2026 to 27 March 2026 the pupil attended 33 of 40 "
    "possible sessions (82.5%), with 4 sessions of authorised and 3 of "
    "unauthorised absence",
    "What was done and when On 9 March 2026: Contact: First-day call. On "
    "10 March 2026: Home visit: No answer (Exhibit 1).",
    "On 20 March 2026: Note (Exhibit 5). Support offered On 10 March 2026: "
    "Home visit: No answer (Exhibit 1). On 12 March 2026: Home visit: "
    "Parent seen (Exhibit 2). On 16 March 2026: Meeting: Parent meeting "
    "(Exhibit 3). Outcome",
    "The latest evaluation: Level 2: 33 of 40 possible sessions attended "
    "(82.5%) in the 4 school weeks 2 to 27 March 2026.",
    "The latest legal step: Warning letter on 18 March 2026.",
    "I believe that the facts stated in this witness statement are true.",
  };
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_EXHIBITS | WM_BUNDLE_STATEMENT;
  path = export (fixture, &options, "statement.pdf");
  text = flat_text (path);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_test_message ("part \"%s\"", parts[i]);
      g_assert_cmpuint (count (text, parts[i]), ==, 1);
    }
}

/* Tests: what is left out */

/* Each redaction is a marked block, and the withheld text is nowhere in
 * the file. The same bundle without redaction contains it, so the check
 * can fail. */
static void
test_redaction (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const withheld[] = {
    PUPIL_ADDRESS, MOTHER_ADDRESS, FATHER_ADDRESS, "Priya Newcombe",
    "Severe asthma",
  };
  g_autofree char *plain_path = NULL, *plain = NULL;
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections |= WM_BUNDLE_HEALTH;
  plain_path = export (fixture, &options, "plain.pdf");
  plain = flat_text (plain_path);

  options.redactions = WM_BUNDLE_REDACT_SIBLINGS | WM_BUNDLE_REDACT_ADDRESSES
                       | WM_BUNDLE_REDACT_HEALTH;
  path = export (fixture, &options, "redacted.pdf");
  text = flat_text (path);

  for (guint i = 0; i < G_N_ELEMENTS (withheld); i++)
    {
      g_test_message ("withheld \"%s\"", withheld[i]);
      g_assert_cmpuint (count (plain, withheld[i]), >=, 1);
      g_assert_cmpuint (count (text, withheld[i]), ==, 0);
    }

  g_assert_cmpuint (count (text, "Redacted: the pupil's address"), ==, 1);
  g_assert_cmpuint (count (text, "Redacted: the parent's address"), ==, 2);
  g_assert_cmpuint (count (text, "Redacted: details of siblings"), ==, 1);
  g_assert_cmpuint (count (text, "Redacted: health information "
                           "(healthcare plan)"), ==, 1);
  g_assert_cmpuint (count (text, "Withheld: health information"), ==, 2);
}

/* A healthcare plan is special category data: it is in no part of the
 * bundle unless the officer chooses it. */
static void
test_health_only_when_chosen (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  g_autofree char *chosen_path = NULL, *chosen = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  path = export (fixture, &options, "no-health.pdf");
  text = flat_text (path);
  g_assert_cmpuint (count (text, "Healthcare plan"), ==, 0);
  g_assert_cmpuint (count (text, "asthma"), ==, 0);

  g_assert_true (wm_bundle_parse_sections ("default,health", &options.sections,
                                           NULL));
  chosen_path = export (fixture, &options, "health.pdf");
  chosen = flat_text (chosen_path);
  g_assert_cmpuint (count (chosen, "Exhibit 2: Healthcare plan, 11 March "
                           "2026"), ==, 1);
  g_assert_cmpuint (count (chosen, "Condition Severe asthma needing an "
                           "inhaler"), ==, 1);
}

/* Safeguarding records are restricted, so they are left out unless
 * chosen. */
static void
test_restricted_only_when_chosen (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  g_autofree char *chosen_restricted_path = NULL, *restricted = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  path = export (fixture, &options, "unrestricted.pdf");
  text = flat_text (path);
  g_assert_cmpuint (count (text, "Bruise"), ==, 0);

  options.sections |= WM_BUNDLE_RESTRICTED;
  chosen_restricted_path = export (fixture, &options, "restricted.pdf");
  restricted = flat_text (chosen_restricted_path);
  g_assert_cmpuint (count (restricted, "Concern Bruise seen on the left arm"),
                    ==, 1);
  g_assert_cmpuint (count (restricted, "19 March 2026 Safeguarding"), ==, 1);
}

/* An amended record's exhibit shows every revision with its reason. */
static void
test_amended_every_revision (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL;
  WmBundleOptions options;

  if (wm_test_pdf_tools_missing ())
    return;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_EXHIBITS;
  path = export (fixture, &options, "exhibits.pdf");
  text = flat_text (path);

  g_assert_cmpuint (count (text, "Revision 1 of 2 Written "), ==, 1);
  g_assert_cmpuint (count (text, "Note Spoke to the father by phone "
                           "Revision 2 of 2 Amended "), ==, 1);
  g_assert_cmpuint (count (text, "by A. Officer. Reason: Wrong parent named "
                           "Date 20 March 2026 Note Spoke to the stepfather "
                           "by phone"), ==, 1);
  g_assert_cmpuint (count (text, "Revision"), ==, 2);
  g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, 5);
}

/* Tests: the export */

static void
test_byte_identical (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *first = export_default (fixture, "first.pdf");
  g_autofree char *second = export_default (fixture, "second.pdf");
  g_autofree char *a = NULL, *b = NULL;
  gsize a_len, b_len;

  g_assert_true (g_file_get_contents (first, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (second, &b, &b_len, NULL));
  g_assert_cmpuint (a_len, >, 10000);
  g_assert_cmpmem (a, a_len, b, b_len);
}

/* The audit entry records the time, the pupil's id, the case, the
 * sections, the period and what was withheld, never a name. */
static void
test_audit_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  WmBundleOptions options;
  gint64 bad = 0;

  wm_bundle_options_init (&options, fixture->as_of);
  options.redactions = WM_BUNDLE_REDACT_ADDRESSES | WM_BUNDLE_REDACT_HEALTH;
  path = export (fixture, &options, "audited.pdf");

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT action, object_kind, "
                                       "object_id, detail, at FROM audit_log "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "export-bundle");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "pupil");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, fixture->pupil_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==,
                   "case 1; sections cover,index,chronology,certificate,"
                   "chart,support,exhibits,legal,statement; period "
                   "2026-03-02 to 2026-03-27; as of 2026-03-27; redacted "
                   "addresses; redacted health");
  g_assert_true (g_str_has_suffix ((const char *) sqlite3_column_text (stmt,
                                                                       4),
                                   "Z"));
  sqlite3_finalize (stmt);

  g_assert_true (wm_store_verify_audit (fixture->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (fixture), ==, 1);
}

/* A cancelled export writes no file and no audit entry. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("cancelled.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  wm_bundle_options_init (&options, fixture->as_of);
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_bundle_export (fixture->store, fixture->pupil_id,
                                    &options, path, cancellable, NULL, NULL,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture), ==, 0);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = wm_test_file_path ("progress.pdf");
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;

  wm_bundle_options_init (&options, fixture->as_of);
  g_assert_true (wm_bundle_export (fixture->store, fixture->pupil_id,
                                   &options, path, NULL, record_progress,
                                   values, &error));
  g_assert_no_error (error);

  /* The build step, then one report per page written. */
  g_assert_cmpuint (values->len, ==, 1 + 14);
  for (guint i = 1; i < values->len; i++)
    g_assert_cmpfloat (g_array_index (values, double, i), >,
                       g_array_index (values, double, i - 1));
  g_assert_cmpfloat_with_epsilon (g_array_index (values, double,
                                                 values->len - 1), 1.0,
                                  1e-9);
}

/* Tests: the command line */

/* Runs waymark with @argv (ended by %NULL) and no display, and returns
 * its exit status with stdout and stderr. */
static int
run_waymark (const char * const  *args,
             char               **out_stdout,
             char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr,
                                 &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* `--export-bundle` writes the same file as the API, with the period,
 * sections and redactions given, and audits it. An invalid option is one
 * line on stderr and writes nothing. */
static void
test_cli_export (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *db = g_strdup_printf ("--database=%s",
                                         wm_store_get_path (fixture->store));
  g_autofree char *pdf = wm_test_file_path ("cli.pdf");
  g_autofree char *output = g_strdup_printf ("--output=%s", pdf);
  g_autofree char *out = NULL, *err = NULL, *expected = NULL, *text = NULL;
  g_autofree char *api_pdf = NULL, *a = NULL, *b = NULL;
  gsize a_len, b_len;
  WmBundleOptions options;
  const char * const good[] = {
    db, "--export-bundle=" PUPIL_UPN, output, "--as-of=2026-03-27",
    "--sections=cover,certificate", "--redact=addresses",
    "--from=2026-03-09", "--to=2026-03-13", NULL,
  };
  const char * const bad[] = {
    db, "--export-bundle=" PUPIL_UPN, output, "--redact=names", NULL,
  };

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_assert_cmpint (run_waymark (good, &out, &err), ==, 0);
  expected = g_strdup_printf ("Wrote the evidence bundle of " PUPIL_UPN
                              " to %s\n", pdf);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (count_audit (fixture), ==, 1);

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_COVER | WM_BUNDLE_CERTIFICATE;
  options.redactions = WM_BUNDLE_REDACT_ADDRESSES;
  options.from = wm_test_day ("2026-03-09");
  options.to = wm_test_day ("2026-03-13");
  api_pdf = export (fixture, &options, "api.pdf");
  g_assert_true (g_file_get_contents (pdf, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (api_pdf, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
  g_assert_cmpint (g_remove (pdf), ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_waymark (bad, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "waymark: --redact: \"names\" cannot be "
                   "redacted; use some of siblings, addresses and health, "
                   "separated by commas\n");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture), ==, 2);
}

/* Tests: records changed outside Waymark */

/* Changes a record's text on a connection of its own, as another program
 * would. The schema rejects a change to a finalised revision, so the
 * trigger is dropped first. The audit log is left as it was. */
static void
change_record_elsewhere (Fixture    *fixture,
                         gint64      record_id,
                         const char *field,
                         const char *text)
{
  g_autofree char *sql = g_strdup_printf (
    "DROP TRIGGER revisions_append_only_update; "
    "UPDATE record_revisions SET body = json_set (body, '$.%s', '%s') "
    "WHERE record_id = %" G_GINT64_FORMAT, field, text, record_id);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (wm_store_get_path (fixture->store), &db), ==,
                   SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
find_record (Fixture    *fixture,
             const char *kind,
             const char *date)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT id FROM records WHERE kind = ?1 "
                                       "AND record_date = ?2", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return id;
}

/* The audit entry that finalised the record. */
static gint64
finalise_entry (Fixture *fixture,
                gint64   record_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT id FROM audit_log WHERE "
                                       "action = 'record-finalise' AND "
                                       "object_id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, record_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return id;
}

/* The export refused: no file, no new audit entry, and the reason. */
static void
assert_export_refused (Fixture               *fixture,
                       const WmBundleOptions *options,
                       gint64                 n_exports,
                       const char            *message)
{
  g_autofree char *path = wm_test_file_path ("refused.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_bundle_export (fixture->store, fixture->pupil_id, options,
                                    path, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture), ==, n_exports);
}

/* A bundle is evidence for a court, so it must not print a record whose
 * text no longer matches the hash in its audit entry. The export, the
 * window's print (which builds the document) and the command line all
 * fail, name the record and say how to recover. */
static void
test_changed_record_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char message[] =
    "The evidence bundle was not made: record 2 revision 1 does not match "
    "the hash in audit entry 8: the database was changed outside Waymark; "
    "restore a backup from before the change, then export again";
  g_autofree char *db = g_strdup_printf ("--database=%s",
                                         wm_store_get_path (fixture->store));
  g_autofree char *pdf = wm_test_file_path ("cli.pdf");
  g_autofree char *output = g_strdup_printf ("--output=%s", pdf);
  g_autofree char *out = NULL, *err = NULL, *expected_err = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  gint64 visit = find_record (fixture, "home-visit", "2026-03-10");
  const char * const args[] = {
    db, "--export-bundle=" PUPIL_UPN, output, "--as-of=2026-03-27", NULL,
  };

  g_assert_cmpint (visit, ==, 2);
  g_assert_cmpint (finalise_entry (fixture, visit), ==, 8);
  change_record_elsewhere (fixture, visit, "what_was_said",
                           "Child seen, all well");
  wm_bundle_options_init (&options, fixture->as_of);
  assert_export_refused (fixture, &options, 0, message);

  document = wm_bundle_build (fixture->store, fixture->pupil_id, &options,
                              NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, message);

  if (g_getenv ("WAYMARK_BINARY") == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_assert_cmpint (run_waymark (args, &out, &err), ==, 1);
  expected_err = g_strdup_printf ("waymark: %s\n", message);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected_err);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture), ==, 0);
}

/* An unchanged store exports. Only the records the bundle prints are
 * checked: a changed safeguarding record stops the bundle that includes
 * safeguarding records, not the one that leaves them out. */
static void
test_changed_record_only_if_printed (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = NULL;
  WmBundleOptions options;
  gint64 concern = find_record (fixture, "safeguarding", "2026-03-19");

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections |= WM_BUNDLE_RESTRICTED;
  path = export (fixture, &options, "unchanged.pdf");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_audit (fixture), ==, 1);

  g_assert_cmpint (concern, ==, 7);
  g_assert_cmpint (finalise_entry (fixture, concern), ==, 13);
  change_record_elsewhere (fixture, concern, "concern", "Nothing seen");
  assert_export_refused (fixture, &options, 1,
                         "The evidence bundle was not made: record 7 "
                         "revision 1 does not match the hash in audit entry "
                         "13: the database was changed outside Waymark; "
                         "restore a backup from before the change, then "
                         "export again");

  options.sections &= ~WM_BUNDLE_RESTRICTED;
  g_clear_pointer (&path, g_free);
  path = export (fixture, &options, "without-safeguarding.pdf");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_audit (fixture), ==, 2);
}

/* Tests: options and errors */

static void
test_parse_options (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *reference = wm_bundle_case_reference ("2001", 17);
  WmBundleSections sections = 0;
  WmBundleRedactions redactions = 0;

  g_assert_cmpstr (reference, ==, "WM-2001-000017");

  g_assert_true (wm_bundle_parse_sections ("default, health", &sections,
                                           &error));
  g_assert_cmpint (sections, ==, WM_BUNDLE_DEFAULT | WM_BUNDLE_HEALTH);
  g_assert_true (wm_bundle_parse_sections ("statement,cover", &sections,
                                           &error));
  g_assert_cmpint (sections, ==, WM_BUNDLE_COVER | WM_BUNDLE_STATEMENT);
  names = wm_bundle_sections_to_string (sections);
  g_assert_cmpstr (names, ==, "cover,statement");

  g_assert_false (wm_bundle_parse_sections ("cover,appendix", &sections,
                                            &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "--sections: \"appendix\" is not a "
                   "section of a bundle; use some of default, cover, index, "
                   "chronology, certificate, chart, support, exhibits, "
                   "legal, statement, health, safeguarding, separated by "
                   "commas");
  g_assert_cmpint (sections, ==, WM_BUNDLE_COVER | WM_BUNDLE_STATEMENT);
  g_clear_error (&error);

  g_assert_true (wm_bundle_parse_redactions ("health,siblings", &redactions,
                                             &error));
  g_assert_cmpint (redactions, ==,
                   WM_BUNDLE_REDACT_HEALTH | WM_BUNDLE_REDACT_SIBLINGS);
  g_assert_false (wm_bundle_parse_redactions ("names", &redactions, &error));
  g_assert_cmpstr (error->message, ==, "--redact: \"names\" cannot be "
                   "redacted; use some of siblings, addresses and health, "
                   "separated by commas");
}

/* A certificate period that ends before it starts is an error, not an
 * empty certificate. */
static void
test_period_reversed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  WmBundleOptions options;

  wm_bundle_options_init (&options, fixture->as_of);
  options.from = wm_test_day ("2026-03-20");
  options.to = wm_test_day ("2026-03-02");
  document = wm_bundle_build (fixture->store, fixture->pupil_id, &options,
                              NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The certificate period starts on "
                   "2026-03-20, after its last day 2026-03-02; choose a "
                   "first day on or before the last one");
}

/* A pupil with no case has no bundle, and nothing is audited. */
static void
test_no_case (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  WmBundleOptions options;
  gint64 pupil = wm_store_find_pupil_by_upn (fixture->store, "G999200126001");

  wm_bundle_options_init (&options, fixture->as_of);
  document = wm_bundle_build (fixture->store, pupil, &options, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Pupil G999200126001 has no case; "
                   "open a case before exporting an evidence bundle");
  g_assert_cmpint (count_audit (fixture), ==, 0);
}

/* Tests: pages kept together */

/* Returns the page, counted from 1, whose flattened text contains
 * @phrase, and asserts that no other page contains it. */
static guint
phrase_page (GStrv       pages,
             const char *phrase)
{
  guint found_on = 0;

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_autofree char *text = flatten (pages[p]);

      if (strstr (text, phrase) == NULL)
        continue;

      g_assert_cmpuint (found_on, ==, 0);
      found_on = p + 1;
    }

  if (found_on == 0)
    g_test_message ("\"%s\" is on no page", phrase);
  return found_on;
}

/* The block of @section just before its first signature block. */
static WmBlock *
block_before_signature (WmSection *section)
{
  for (guint i = 1; i < wm_section_get_n_blocks (section); i++)
    if (wm_block_get_kind (wm_section_get_block (section, i))
        == WM_BLOCK_SIGNATURE)
      return wm_section_get_block (section, i - 1);

  g_assert_not_reached ();
}

/* Notes that lengthen the list of what was done, one line each, so that
 * the statement of truth ends page 1 of the witness statement outline
 * with no room for the signature under it. */
static void
add_filler_notes (Fixture *fixture,
                  guint    n)
{
  for (guint i = 0; i < n; i++)
    add_record (fixture, "note",
                make_body ("date", "2026-03-24", "text", "Phoned the school",
                           NULL));
}

static GStrv
statement_pages (WmDocument *document,
                 const char *name)
{
  g_autofree char *path = wm_test_file_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_render_document_to_file (document, path, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  return wm_test_pdf_page_texts (path, FALSE);
}

/* The officer's statement of truth, its heading and the signature block
 * that signs it are on one page: a signature alone at the top of a page
 * certifies nothing. The same document with the statement not kept with
 * the signature puts the signature alone at the top of page 2, so the
 * page really breaks there. */
static void
test_statement_truth_with_signature (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const char * const truth = "I believe that the facts stated in "
                                    "this witness statement are true.";
  static const char * const signature = "A. Officer Attendance officer Date:";
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) kept = NULL, loose = NULL;
  WmBundleOptions options;
  WmBlock *statement;

  if (wm_test_pdf_tools_missing ())
    return;

  add_filler_notes (fixture, STATEMENT_FILLER_NOTES);
  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_STATEMENT;
  document = wm_bundle_build (fixture->store, fixture->pupil_id, &options,
                              NULL, &error);
  g_assert_no_error (error);
  statement = block_before_signature (wm_document_get_section (document, 0));
  g_assert_true (wm_block_get_keep_with_next (statement));

  kept = statement_pages (document, "kept.pdf");
  g_assert_cmpuint (g_strv_length (kept), ==, 2);
  g_assert_cmpuint (phrase_page (kept, "Outcome"), ==, 1);
  g_assert_cmpuint (phrase_page (kept, "Statement of truth"), ==, 2);
  g_assert_cmpuint (phrase_page (kept, truth), ==, 2);
  g_assert_cmpuint (phrase_page (kept, signature), ==, 2);

  wm_block_set_keep_with_next (statement, FALSE);
  loose = statement_pages (document, "loose.pdf");
  g_assert_cmpuint (g_strv_length (loose), ==, 2);
  g_assert_cmpuint (phrase_page (loose, truth), ==, 1);
  g_assert_cmpuint (phrase_page (loose, signature), ==, 2);
}

/* The head teacher's signature is kept with the list of unauthorised
 * sessions above it, the last part of what it certifies, and that list
 * with its heading, so the certificate never ends on a page that contains
 * the signature alone. */
static void
test_certificate_signature_kept (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WmBundleOptions options;
  WmSection *section;
  guint n_blocks;

  wm_bundle_options_init (&options, fixture->as_of);
  options.sections = WM_BUNDLE_CERTIFICATE;
  document = wm_bundle_build (fixture->store, fixture->pupil_id, &options,
                              NULL, &error);
  g_assert_no_error (error);
  section = wm_document_get_section (document, 0);
  n_blocks = wm_section_get_n_blocks (section);

  g_assert_cmpint (wm_block_get_kind (wm_section_get_block (section,
                                                            n_blocks - 1)),
                   ==, WM_BLOCK_SIGNATURE);
  g_assert_cmpint (wm_block_get_kind (wm_section_get_block (section,
                                                            n_blocks - 2)),
                   ==, WM_BLOCK_TABLE);
  g_assert_true (wm_block_get_keep_with_next (
    wm_section_get_block (section, n_blocks - 2)));
  g_assert_true (wm_block_get_keep_with_next (
    wm_section_get_block (section, n_blocks - 3)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bundle/chronology/every-row-once", test_chronology_every_row_once);
  ADD ("/bundle/index/real-pages", test_index_real_pages);
  ADD ("/bundle/footers/page-n-of-n", test_footers);
  ADD ("/bundle/certificate/engine-totals", test_certificate_engine_totals);
  ADD ("/bundle/certificate/chosen-period", test_certificate_chosen_period);
  ADD ("/bundle/certificate/signatory-named", test_certificate_signatory);
  ADD ("/bundle/certificate/closed-week-left-out",
       test_certificate_closed_week);
  ADD ("/bundle/certificate/starts-by-cited-dates",
       test_certificate_cited_dates);
  ADD ("/bundle/certificate/signature-kept-with-list",
       test_certificate_signature_kept);
  ADD ("/bundle/statement/truth-and-signature-one-page",
       test_statement_truth_with_signature);
  ADD ("/bundle/chart/records-marked", test_chart);
  ADD ("/bundle/legal/readiness", test_legal_readiness);
  ADD ("/bundle/legal/threshold-in-words", test_legal_threshold_words);
  ADD ("/bundle/cover/parents-with-responsibility", test_cover);
  ADD ("/bundle/statement/filled-from-record", test_statement);
  ADD ("/bundle/redaction/marked-and-absent", test_redaction);
  ADD ("/bundle/health/only-when-chosen", test_health_only_when_chosen);
  ADD ("/bundle/restricted/only-when-chosen",
       test_restricted_only_when_chosen);
  ADD ("/bundle/exhibits/amended-every-revision",
       test_amended_every_revision);
  ADD ("/bundle/export/byte-identical", test_byte_identical);
  ADD ("/bundle/export/audit-entry", test_audit_entry);
  ADD ("/bundle/export/cancelled", test_cancelled);
  ADD ("/bundle/export/progress", test_progress);
  ADD ("/bundle/build/no-case", test_no_case);
  ADD ("/bundle/build/period-reversed", test_period_reversed);
  ADD ("/bundle/cli/export", test_cli_export);
  ADD ("/bundle/verify/changed-record-refused", test_changed_record_refused);
  ADD ("/bundle/verify/only-printed-records",
       test_changed_record_only_if_printed);
  g_test_add_func ("/bundle/options/parse", test_parse_options);

#undef ADD

  return g_test_run ();
}
