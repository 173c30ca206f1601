/* test-corpus.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Imports every file of tests/corpus/bad/ into a database that already
 * contains a school and a pupil, and checks that each import fails with a
 * WM_ERROR whose message starts with the file's name and gives the line
 * where one applies, and that the database file is byte-for-byte as it
 * was (the store is closed and the file hashed before and after).
 *
 * The database contains Millbrook Primary School (LEA 999, Estab 2001) and
 * the pupil B801200005001, O'Test Zoë, born 14 March 2015, from
 * tests/fixtures/ctf/calendar.xml.
 *
 * Each file's name describes what it exercises:
 *
 * Common Transfer Files (XML):
 *   ctf-malformed-tags       a closing tag that does not match
 *   ctf-truncated            the file cut off inside an element
 *   ctf-external-entity      an entity that would read /etc/passwd
 *   ctf-parameter-entity     a parameter entity that would read a file
 *   ctf-entity-bomb          nested entities that expand to 10^9 copies
 *   ctf-doctype-only         a DOCTYPE naming an external DTD
 *   ctf-wrong-root           CTFile instead of CTfile
 *   ctf-version-not-a-number CTFversion "twenty-five"
 *   ctf-no-version           no CTFversion at all
 *   ctf-marks-too-long       a marks string running past 31 August
 *   ctf-marks-unknown-code   "A", which is no register code
 *   ctf-marks-broken-line    a marks string wrapped onto two lines
 *   ctf-invalid-upn          a UPN whose check letter is wrong
 *   ctf-duplicate-upn        the same pupil twice
 *   ctf-impossible-dob       30 February
 *   ctf-impossible-start-date  AttendanceStartDate 30 February
 *   ctf-dob-after-export     a date of birth after the file's DateTime
 *   ctf-leaving-before-entry LeavingDate before EntryDate
 *   ctf-no-pupils            a header and no Pupil element
 *   ctf-empty                no bytes at all
 *   ctf-binary-junk          a PNG header and binary bytes
 *
 * CSV files:
 *   csv-empty, csv-blank-lines       nothing, or only blank lines
 *   csv-header-only-pupils/-marks    a header and no rows (or empty ones)
 *   csv-missing-dob-column, csv-missing-mark-column, csv-no-known-columns
 *                                    a header missing required columns
 *   csv-duplicate-column             Surname twice, in different case
 *   csv-lea-without-estab            half a school code
 *   csv-unterminated-quote           a quote never closed
 *   csv-stray-quote                  a quote inside an unquoted value
 *   csv-text-after-quote             a quote not written twice
 *   csv-too-many-fields, csv-too-few-fields
 *                                    a row wider or narrower than the header
 *   csv-name-over-two-lines          a quoted surname with a line break
 *   csv-mixed-encodings              UTF-8 and Windows-1252 in one file
 *   csv-valid-in-neither-encoding    bytes undefined in both encodings
 *   csv-bom-then-windows-1252        a UTF-8 byte order mark, then 0xEB
 *   csv-control-characters           binary bytes with no NUL
 *   csv-nul-bytes                    NUL bytes in the header
 *   csv-impossible-dob, csv-future-dob, csv-two-digit-year,
 *   csv-month-first-date, csv-leaving-before-admission, csv-missing-mark-date
 *                                    dates that are wrong or missing
 *   csv-invalid-upn, csv-duplicate-upn
 *                                    a bad check letter; one UPN with two
 *                                    sets of details
 *   csv-no-upn-no-dob                a row with neither UPN nor DOB
 *   csv-possible-duplicate           no UPN, and the stored pupil's name
 *                                    (curly apostrophe) and date of birth
 *   csv-unknown-code, csv-lower-case-code, csv-bad-session
 *                                    marks that are no register code, or
 *                                    a session that is not AM or PM
 *   csv-unknown-pupil                marks for a UPN not stored
 *   csv-conflicting-marks            one session given two marks
 *   csv-bad-estab                    a letter O in the Estab number
 *   csv-marks-without-school         no LEA and Estab, with no school known
 *                                    to be the only one (see below)
 *
 * Terms files (School, Name, Start, End, Kind):
 *   terms-overlapping                Spring 2 starts inside Spring 1
 *   terms-closure-outside-term       a training day in the half term,
 *                                    refused only while writing, so the
 *                                    transaction is rolled back
 *   terms-unknown-school             an establishment number not stored
 *   terms-impossible-date            30 February
 *
 * Oversized files, one Common Transfer File and one CSV file, are made
 * in the test as sparse files rather than kept here.
 */

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "wm-csv.h"
#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-store.h"

typedef struct
{
  const char *name;
  WmError     code;
  guint       line;    /* 0 where no line applies */
  const char *phrase;  /* text the message must hold, or NULL */
} BadFile;

static const BadFile bad_files[] = {
  { "ctf-malformed-tags.xml", WM_ERROR_INVALID_INPUT, 16 },
  { "ctf-truncated.xml", WM_ERROR_INVALID_INPUT, 26 },
  { "ctf-external-entity.xml", WM_ERROR_INVALID_INPUT, 20 },
  { "ctf-parameter-entity.xml", WM_ERROR_INVALID_INPUT, 21 },
  { "ctf-entity-bomb.xml", WM_ERROR_INVALID_INPUT, 21 },
  { "ctf-doctype-only.xml", WM_ERROR_INVALID_INPUT, 20 },
  { "ctf-wrong-root.xml", WM_ERROR_INVALID_INPUT, 2 },
  { "ctf-version-not-a-number.xml", WM_ERROR_INVALID_INPUT, 3 },
  { "ctf-no-version.xml", WM_ERROR_INVALID_INPUT, 3 },
  { "ctf-marks-too-long.xml", WM_ERROR_INVALID_INPUT, 26 },
  { "ctf-marks-unknown-code.xml", WM_ERROR_UNKNOWN_CODE, 26 },
  { "ctf-marks-broken-line.xml", WM_ERROR_INVALID_INPUT, 26 },
  { "ctf-invalid-upn.xml", WM_ERROR_INVALID_INPUT, 13 },
  { "ctf-duplicate-upn.xml", WM_ERROR_INVALID_INPUT, 31 },
  { "ctf-impossible-dob.xml", WM_ERROR_INVALID_INPUT, 17 },
  { "ctf-impossible-start-date.xml", WM_ERROR_INVALID_INPUT, 25 },
  { "ctf-dob-after-export.xml", WM_ERROR_INVALID_INPUT, 13 },
  { "ctf-leaving-before-entry.xml", WM_ERROR_INVALID_INPUT, 13 },
  { "ctf-no-pupils.xml", WM_ERROR_INVALID_INPUT, 2 },
  { "ctf-empty.xml", WM_ERROR_INVALID_INPUT, 1 },
  { "ctf-binary-junk.xml", WM_ERROR_INVALID_INPUT, 1 },

  { "csv-empty.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-blank-lines.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-header-only-pupils.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-header-only-marks.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-missing-dob-column.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-missing-mark-column.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-no-known-columns.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-duplicate-column.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-lea-without-estab.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-unterminated-quote.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-stray-quote.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-text-after-quote.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-too-many-fields.csv", WM_ERROR_INVALID_INPUT, 3 },
  { "csv-too-few-fields.csv", WM_ERROR_INVALID_INPUT, 3 },
  { "csv-name-over-two-lines.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-mixed-encodings.csv", WM_ERROR_AMBIGUOUS, 3 },
  { "csv-valid-in-neither-encoding.csv", WM_ERROR_AMBIGUOUS, 3 },
  { "csv-bom-then-windows-1252.csv", WM_ERROR_AMBIGUOUS, 3 },
  { "csv-control-characters.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-nul-bytes.csv", WM_ERROR_INVALID_INPUT, 1 },
  { "csv-impossible-dob.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-future-dob.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-two-digit-year.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-month-first-date.csv", WM_ERROR_INVALID_INPUT, 3 },
  { "csv-leaving-before-admission.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-missing-mark-date.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-invalid-upn.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-duplicate-upn.csv", WM_ERROR_INVALID_INPUT, 4 },
  { "csv-no-upn-no-dob.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-possible-duplicate.csv", WM_ERROR_AMBIGUOUS, 3 },
  { "csv-unknown-code.csv", WM_ERROR_UNKNOWN_CODE, 3 },
  { "csv-lower-case-code.csv", WM_ERROR_UNKNOWN_CODE, 2 },
  { "csv-bad-session.csv", WM_ERROR_INVALID_INPUT, 2 },
  { "csv-unknown-pupil.csv", WM_ERROR_NOT_FOUND, 2 },
  { "csv-conflicting-marks.csv", WM_ERROR_INVALID_INPUT, 3 },
  { "csv-bad-estab.csv", WM_ERROR_INVALID_INPUT, 2 },

  { "terms-overlapping.csv", WM_ERROR_INVALID_INPUT, 3, "overlap" },
  { "terms-closure-outside-term.csv", WM_ERROR_INVALID_INPUT, 3,
    "do not lie inside one term" },
  { "terms-unknown-school.csv", WM_ERROR_NOT_FOUND, 2, "2002" },
  { "terms-impossible-date.csv", WM_ERROR_INVALID_INPUT, 3, "30/02/2026" },
};

/* The base database contains one school, so a marks file without school
 * columns belongs to it. This file is rejected only once a second school
 * is stored, which the test adds for it. */
static const BadFile two_schools_file = {
  "csv-marks-without-school.csv", WM_ERROR_INVALID_INPUT, 1
};

typedef struct
{
  char    *dir;
  char    *db_path;
  WmStore *store;
} Fixture;

static char *
hash_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) contents, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ctf = g_test_build_filename (G_TEST_DIST, "fixtures", "ctf",
                                                "calendar.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "waymark.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  report = wm_import_file (fixture->store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_created, ==, 1);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

/* Closes the store, hashes the database file and opens it again. */
static char *
hash_database (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *hash;

  g_clear_object (&fixture->store);
  hash = hash_file (fixture->db_path);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  return hash;
}

/* Imports @path, which must fail as @bad expects, and leave the database
 * file unchanged and with no write-ahead log left behind. */
static void
assert_import_fails (Fixture       *fixture,
                     const char    *path,
                     const BadFile *bad)
{
  g_autofree char *before = hash_database (fixture);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = wm_import_file (fixture->store, path, NULL, NULL, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, (gint) bad->code);
  g_assert_true (g_str_has_prefix (error->message, bad->name));
  if (bad->phrase != NULL)
    g_assert_nonnull (strstr (error->message, bad->phrase));

  if (bad->line > 0)
    {
      g_autofree char *line = g_strdup_printf ("line %u", bad->line);
      const char *found = strstr (error->message, line);

      g_assert_nonnull (found);
      g_assert_false (g_ascii_isdigit (found[strlen (line)]));
    }

  g_clear_object (&fixture->store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = hash_file (fixture->db_path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  const BadFile *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "bad",
                                                 bad->name, NULL);

  assert_import_fails (fixture, path, bad);
}

static void
test_marks_without_school (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "bad",
                                                 two_schools_file.name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (wm_store_ensure_school (fixture->store, "999", "2002",
                                           NULL, "Riverside Academy", &error),
                   >, 0);
  g_assert_no_error (error);
  assert_import_fails (fixture, path, &two_schools_file);
}

/* A file one byte over the limit, made sparse so that it takes no disk
 * space; only its size is looked at. */
static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  const BadFile *bad = data;
  gboolean xml = g_str_has_suffix (bad->name, ".xml");
  g_autofree char *path = g_build_filename (fixture->dir, bad->name, NULL);
  g_autoptr(GError) error = NULL;
  goffset limit = xml ? WM_CTF_MAX_FILE_SIZE : WM_CSV_MAX_FILE_SIZE;
  g_autoptr(GString) start = g_string_new (xml ? "<?xml version=\"1.0\"?>\n"
                                                 "<CTfile>\n"
                                               : "UPN,Surname,Forename,DOB\n");

  /* Text well past the bytes that tell the kinds of file apart, since
   * the sparse rest reads as NUL bytes. */
  while (start->len < 16384)
    g_string_append (start, xml ? "<!-- padding -->\n"
                                : "B801200005001,Smith,Sam,02/09/2014\n");
  g_file_set_contents (path, start->str, start->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (path, limit + 1), ==, 0);

  assert_import_fails (fixture, path, bad);
}

static const BadFile oversized_files[] = {
  { "oversized.xml", WM_ERROR_INVALID_INPUT, 0,
    "is larger than 512 MiB, the largest Common Transfer File" },
  { "oversized.csv", WM_ERROR_INVALID_INPUT, 0,
    "is larger than 128 MiB, the largest CSV file" },
};

/* Every file in the folder has an expectation, and the corpus keeps at
 * least 40 files. */
static void
test_every_file_listed (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "corpus",
                                                   "bad", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = g_str_equal (name, two_schools_file.name);

      for (guint i = 0; i < G_N_ELEMENTS (bad_files) && !listed; i++)
        listed = g_str_equal (name, bad_files[i].name);

      if (!listed)
        g_test_message ("%s has no expectation in test-corpus.c", name);
      g_assert_true (listed);
      n++;
    }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_files) + 1);
  g_assert_cmpuint (n, >=, 40);
}

static void
add_test (const char    *path,
          const BadFile *bad,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, bad, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  g_test_add_func ("/corpus/every-file-listed", test_every_file_listed);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/corpus/bad/%s",
                                               bad_files[i].name);

      add_test (path, &bad_files[i], test_bad_file);
    }

  add_test ("/corpus/bad/csv-marks-without-school.csv", &two_schools_file,
            test_marks_without_school);
  for (guint i = 0; i < G_N_ELEMENTS (oversized_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/corpus/bad/%s",
                                               oversized_files[i].name);

      add_test (path, &oversized_files[i], test_oversized);
    }

  return g_test_run ();
}
