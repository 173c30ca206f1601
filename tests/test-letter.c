/* test-letter.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "wm-error.h"
#include "wm-letter.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

/*
 * Letters from the templates in data/letters/. A letter that reaches a
 * parent with a raw merge field or a blank figure cannot be taken back,
 * so every fault in a template or a value table must stop the letter with
 * an error that names the field.
 */

static const char * const templates[] = {
  "warning-letter.txt",
  "meeting-invitation.txt",
  "notice-to-improve.txt",
  "home-visit-card.txt",
};

/* Helpers */

/* A value for every known field, as a case would supply them. */
static GHashTable *
full_values (const char *parent)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

#define SET(key, value) g_hash_table_insert (values, (gpointer) key, \
                                             (gpointer) value)
  SET ("pupil.forename", "Sam");
  SET ("pupil.surname", "Example");
  SET ("school.name", "Northfield Primary School");
  SET ("school.address", "1 School Lane\nNorthfield\nNF1 2AB");
  SET ("school.phone", "01632 960000");
  SET ("parent.name", parent);
  SET ("parent.address", "2 Home Road\nNorthfield\nNF1 3CD");
  SET ("attendance.percent", "82.5");
  SET ("attendance.period", "2 to 27 March 2026");
  SET ("attendance.unauthorised", "7");
  SET ("officer.name", "Alex Officer");
  SET ("officer.role", "Attendance Officer");
  SET ("officer.phone", "01632 960001");
  SET ("meeting.date", "Monday 23 March 2026");
  SET ("meeting.time", "9:30");
  SET ("meeting.place", "the school office");
  SET ("notice.start", "Monday 9 February 2026");
  SET ("notice.end", "Sunday 15 March 2026");
  SET ("notice.length", "4 school weeks (half term not counted)");
  SET ("notice.target", "attend every session, with no unauthorised "
       "absence");
  SET ("notice.review", "Monday 16 March 2026");
  SET ("support.given", "a meeting on 2 February and an attendance plan");
  SET ("support.offered", "an early help assessment and a mentor");
  SET ("visit.date", "Thursday 5 March 2026");
  SET ("visit.time", "8:40");
#undef SET
  return values;
}

static char *
template_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "letters", name,
                                NULL);
}

/* The template's printed text with its fields filled: the subject line
 * without "Subject:", then the body; the # notes left out. */
static char *
expected_text (const char *name,
               GHashTable *values)
{
  g_autofree char *path = template_path (name);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *filled;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '#')
        continue;
      if (g_str_has_prefix (line, "Subject:"))
        line += strlen ("Subject:");
      g_string_append_printf (text, "%s\n", line);
    }

  filled = wm_letter_fill_template (text->str, name, 1, values, &error);
  g_assert_no_error (error);
  return filled;
}

/* The merge fields a template uses. */
static GPtrArray *
template_fields (const char *name)
{
  g_autofree char *path = template_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\\{([a-z._]+)\\}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_regex_match (regex, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      char *field = g_match_info_fetch (match, 1);

      if (!g_ptr_array_find_with_equal_func (fields, field, g_str_equal, NULL))
        g_ptr_array_add (fields, field);
      else
        g_free (field);
      g_match_info_next (match, NULL);
    }

  return fields;
}

/* Tests: merge fields */

static void
test_fill_fields (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;

  filled = wm_letter_fill_template ("Dear {parent.name}, {{not a field}}",
                                    "test", 1, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (filled, ==, "Dear Ann Example, {not a field}");
}

/* A value is inserted as given, not searched for fields again, so a
 * parent's note that contains braces prints as typed. */
static void
test_fill_value_not_refilled (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann {date} Example");
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;

  filled = wm_letter_fill_template ("Dear {parent.name}", "test", 1, values,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (filled, ==, "Dear Ann {date} Example");
}

/* A misspelt field is an error that names it and its line. */
static void
test_fill_unknown_field (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;

  filled = wm_letter_fill_template ("Dear {parent.name},\n\n{pupil.forname}",
                                    "warning.txt", 5, values, &error);
  g_assert_null (filled);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "warning.txt line 7: unknown merge field "
                                   "{pupil.forname}."));
}

/* A known field with no value, or an empty one, is an error naming it. */
static void
test_fill_missing_value (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;

  g_hash_table_remove (values, "attendance.percent");
  filled = wm_letter_fill_template ("{attendance.percent}%", "warning.txt", 3,
                                    values, &error);
  g_assert_null (filled);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "warning.txt line 3: no value for merge field "
                   "{attendance.percent}. Fill it in before making the "
                   "letter.");

  g_clear_error (&error);
  g_hash_table_insert (values, (gpointer) "attendance.percent", (gpointer) "");
  filled = wm_letter_fill_template ("{attendance.percent}%", "warning.txt", 3,
                                    values, &error);
  g_assert_null (filled);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
}

/* A brace that is not part of a field is refused rather than printed, so
 * that a half-typed field never reaches a parent. */
static void
test_fill_unmatched_brace (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  static const char * const broken[] = {
    "Dear {parent.name", "Dear parent.name}", "Dear {parent\n.name}",
    "Dear {{parent.name}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *filled = NULL;

      filled = wm_letter_fill_template (broken[i], "test", 1, values, &error);
      g_assert_null (filled);
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "test line 1: a '"));
    }
}

/* Tests: letters */

static void
test_letter_needs_subject (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmLetter) letter = NULL;

  letter = wm_letter_new ("# a note\nDear {parent.name},\n", "bad.txt", values,
                          wm_test_day ("2026-03-13"), &error);
  g_assert_null (letter);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "bad.txt line 2: expected the "
                                   "\"Subject:\" line."));
}

/* The letterhead, addressee and signature need their fields whatever the
 * template uses. */
static void
test_letter_needs_addressee (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmLetter) letter = NULL;

  g_hash_table_remove (values, "parent.address");
  letter = wm_letter_new ("Subject: Hello\n\nDear {parent.name},\n", "t.txt",
                          values, wm_test_day ("2026-03-13"), &error);
  g_assert_null (letter);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "t.txt: no value for merge field {parent.address}, which "
                   "the addressee needs. Fill it in before making the "
                   "letter.");
}

/* Lines of a paragraph join with spaces; blank lines separate paragraphs;
 * notes are left out; {date} is the letter's date. */
static void
test_letter_paragraphs (void)
{
  g_autoptr(GHashTable) values = full_values ("Ann Example");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmLetter) letter = NULL;
  const char * const *paragraphs;

  letter = wm_letter_new ("# note\r\nSubject: About {pupil.forename}\r\n\r\n"
                          "Dear {parent.name},\n\nFirst line\n# note\n"
                          "second line on {date}.\n\n\nYours sincerely,\n",
                          "t.txt", values, wm_test_day ("2026-03-13"),
                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_letter_get_subject (letter), ==, "About Sam");
  g_assert_cmpstr (wm_letter_get_addressee (letter), ==, "Ann Example");
  paragraphs = wm_letter_get_paragraphs (letter);
  g_assert_cmpuint (g_strv_length ((GStrv) paragraphs), ==, 3);
  g_assert_cmpstr (paragraphs[0], ==, "Dear Ann Example,");
  g_assert_cmpstr (paragraphs[1], ==,
                   "First line second line on 13 March 2026.");
  g_assert_cmpstr (paragraphs[2], ==, "Yours sincerely,");
}

/* Every shipped template fills from the known fields, and leaving out any
 * field it uses is an error naming that field. */
static void
test_templates_fill (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *path = template_path (templates[i]);
      g_autoptr(GPtrArray) fields = template_fields (templates[i]);
      g_autoptr(GHashTable) values = full_values ("Ann Example");
      g_autoptr(WmLetter) letter = NULL;
      g_autoptr(GError) error = NULL;

      letter = wm_letter_new_from_file (path, values,
                                        wm_test_day ("2026-03-13"), &error);
      g_assert_no_error (error);
      g_assert_nonnull (letter);
      g_assert_cmpuint (fields->len, >=, 4);

      for (guint f = 0; f < fields->len; f++)
        {
          const char *field = g_ptr_array_index (fields, f);
          g_autoptr(GHashTable) fewer = full_values ("Ann Example");
          g_autoptr(WmLetter) failed = NULL;
          g_autoptr(GError) missing = NULL;
          g_autofree char *named = g_strdup_printf ("{%s}", field);

          /* {date} always has the letter's date. */
          if (strcmp (field, "date") == 0)
            continue;

          g_hash_table_remove (fewer, field);
          failed = wm_letter_new_from_file (path, fewer,
                                            wm_test_day ("2026-03-13"),
                                            &missing);
          g_assert_null (failed);
          g_assert_error (missing, WM_ERROR, WM_ERROR_INVALID_INPUT);
          g_assert_nonnull (strstr (missing->message, named));
        }
    }
}

static char *
render_letter (const char *parent,
               const char *file)
{
  g_autofree char *template = template_path ("warning-letter.txt");
  g_autofree char *path = wm_test_file_path (file);
  g_autoptr(GHashTable) values = full_values (parent);
  g_autoptr(WmLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  letter = wm_letter_new_from_file (template, values,
                                    wm_test_day ("2026-03-13"), &error);
  g_assert_no_error (error);
  g_assert_true (wm_letter_render_to_file (letter, path, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The warning letter goes to each parent separately: two parents give two
 * PDFs, each addressed to its own parent only, each with the whole
 * template text, the letterhead, the date and the signatory. */
static void
test_warning_letter_two_parents (void)
{
  static const char * const parents[] = { "Ann Example", "Ben Sample" };

  if (wm_test_pdf_tools_missing ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    {
      g_autofree char *file = g_strdup_printf ("warning-%u.pdf", i);
      g_autofree char *path = render_letter (parents[i], file);
      g_autofree char *text = wm_test_pdf_text (path, FALSE);
      g_autoptr(GHashTable) values = full_values (parents[i]);
      g_autofree char *expected = expected_text ("warning-letter.txt", values);
      g_autofree char *dear = g_strdup_printf ("Dear %s,", parents[i]);
      g_auto(GStrv) words = wm_test_pdf_words (expected);
      g_autofree char *head_text = g_strdup_printf (
        "Northfield Primary School 1 School Lane NF1 2AB %s 2 Home Road "
        "NF1 3CD 13 March 2026", parents[i]);
      g_auto(GStrv) head = wm_test_pdf_words (head_text);
      const char * const tail[] = {
        "sincerely,", "Alex", "Officer", "Attendance", "Officer", NULL
      };

      g_assert_cmpuint (wm_test_pdf_n_pages (path), ==, 1);
      g_assert_nonnull (strstr (text, dear));
      g_assert_null (strstr (text, parents[1 - i]));
      wm_test_pdf_assert_words_in_order (text, (const char * const *) words);
      g_assert_true (strstr (text, "Northfield Primary School")
                     < strstr (text, dear));
      g_assert_nonnull (strstr (text, "School attendance of Sam Example"));
      g_assert_null (strstr (text, "{"));
      g_assert_null (strstr (text, "#"));
      wm_test_pdf_assert_words_in_order (text, (const char * const *) tail);
      wm_test_pdf_assert_words_in_order (text, (const char * const *) head);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/letter/fill/fields", test_fill_fields);
  g_test_add_func ("/letter/fill/value-not-refilled",
                   test_fill_value_not_refilled);
  g_test_add_func ("/letter/fill/unknown-field-named",
                   test_fill_unknown_field);
  g_test_add_func ("/letter/fill/missing-value-named",
                   test_fill_missing_value);
  g_test_add_func ("/letter/fill/unmatched-brace", test_fill_unmatched_brace);
  g_test_add_func ("/letter/template/needs-subject", test_letter_needs_subject);
  g_test_add_func ("/letter/template/needs-addressee",
                   test_letter_needs_addressee);
  g_test_add_func ("/letter/template/paragraphs", test_letter_paragraphs);
  g_test_add_func ("/letter/templates/all-fill-and-name-missing-fields",
                   test_templates_fill);
  g_test_add_func ("/letter/warning/one-per-parent",
                   test_warning_letter_two_parents);

  return g_test_run ();
}
