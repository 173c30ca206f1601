/* test-csv.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of the CSV reader (encodings, RFC 4180 quoting, dates) and of
 * the CSV import of pupils and marks files into a real SQLite store in
 * the test's temporary directory, evaluated with the real engine. */

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "wm-cli.h"
#include "wm-csv.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-store.h"
#include "wm-test-util.h"

/* Valid UPNs: the check letter of each matches its digits. */
#define UPN_A "B801200005001"
#define UPN_B "G999200126001"
#define UPN_C "W999200126002"
#define UPN_D "K999200126003"

#define PUPILS_HEADER "UPN,Surname,Forename,DOB\n"
#define MARKS_HEADER "UPN,Date,Session,Mark,LEA,Estab,School name\n"

/* Decoding */

static char *
decode (const char  *bytes,
        gssize       length,
        const char  *encoding,
        char       **out_encoding,
        GError     **error)
{
  return wm_csv_decode (bytes, length < 0 ? strlen (bytes) : (gsize) length,
                        "test.csv", encoding, out_encoding, error);
}

static void
test_decode_utf8_with_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = decode ("\xef\xbb\xbfUPN,Surname\n1,Zo\xc3\xab\n", -1,
                                  NULL, &used, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "UPN,Surname\n1,Zo\xc3\xab\n");
  g_assert_cmpstr (used, ==, "UTF-8");
}

/* Excel's "CSV (Comma delimited)" writes Windows-1252: 0xEB is ë and
 * 0x92 the curly apostrophe. */
static void
test_decode_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = decode ("Surname,Forename\nO\x92Test,Zo\xeb\n", -1,
                                  NULL, &used, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Surname,Forename\nO\xe2\x80\x99Test,Zo\xc3\xab\n");
  g_assert_cmpstr (used, ==, "Windows-1252");
}

static void
test_decode_utf16_with_bom (void)
{
  static const char bytes[] = "\xff\xfe" "U\0P\0N\0\n\0\xeb\0";
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = decode (bytes, sizeof bytes - 1, NULL, &used,
                                  &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "UPN\n\xc3\xab");
  g_assert_cmpstr (used, ==, "UTF-16LE");
}

/* One line in UTF-8 and a later one in Windows-1252: either reading
 * would misspell one of the names. */
static void
test_decode_mixed_is_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("Surname\nZo\xc3\xab\nZo\xeb\n", -1, NULL,
                                  NULL, &error);

  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 3: the file mixes encodings: line 2 is "
                   "UTF-8 but this line is not, so Waymark cannot tell how to "
                   "read its letters. Save the file from the spreadsheet as "
                   "\"CSV UTF-8\" and import it again, or name the encoding "
                   "on the command line, for example "
                   "--encoding=windows-1252.");
}

static void
test_decode_neither_is_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("Surname\nA\x81" "B\n", -1, NULL, NULL,
                                  &error);

  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_true (g_str_has_prefix (error->message,
                                   "test.csv, line 2: the bytes on this line "
                                   "are valid neither in UTF-8 nor in "
                                   "Windows-1252, so"));
}

/* "Â’" in Windows-1252 is also valid UTF-8 for a control character:
 * neither reading can be trusted. */
static void
test_decode_c1_control_is_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("Surname\nO\xc2\x92Test\n", -1, NULL, NULL,
                                  &error);

  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_true (g_str_has_prefix (error->message, "test.csv, line 2: "));
}

static void
test_decode_named_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("Surname\nZo\xeb\n", -1, "windows-1252",
                                  NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Surname\nZo\xc3\xab\n");

  g_clear_pointer (&text, g_free);
  text = decode ("Surname\nZo\xeb\n", -1, "utf-8", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 2: the bytes there are not valid utf-8. "
                   "Check the encoding the file was saved in and name that "
                   "one.");

  g_clear_error (&error);
  text = decode ("Surname\n", -1, "no-such-encoding", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.csv: the encoding \"no-such-encoding\" is not one "
                   "this system can read. Name a known encoding, such as "
                   "utf-8 or windows-1252.");
}

static void
test_decode_rejects_control_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("UPN\nA\x01" "B\n", -1, NULL, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "test.csv, line 2: the file contains the control byte 0x01, "
                   "so it is not a CSV text file. Choose the CSV export "
                   "itself.");
}

/* Reading records */

static void
assert_fields (const WmCsvRecord *record,
               guint              line,
               const char        *first,
               ...)
{
  va_list args;
  guint i = 0;

  g_assert_nonnull (record);
  g_assert_cmpuint (record->line, ==, line);

  va_start (args, first);
  for (const char *field = first; field != NULL;
       field = va_arg (args, const char *))
    {
      g_assert_cmpuint (i, <, record->fields->len);
      g_assert_cmpstr (g_ptr_array_index (record->fields, i), ==, field);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (record->fields->len, ==, i);
}

static void
test_reader_quoting (void)
{
  const char *text =
    "UPN , Address,Note\r\n"
    "1,\"1 High Street,\r\nTown\",\"She said \"\"hello\"\"\"\r\n"
    "\r\n"
    "2, \"x\" ,\n"
    ",,\r"
    "3,,last";
  g_autoptr(WmCsvReader) reader = wm_csv_reader_new ("test.csv", text,
                                                     strlen (text));
  g_autoptr(GError) error = NULL;
  const WmCsvRecord *record;

  assert_fields (wm_csv_reader_next (reader, &error), 1, "UPN", "Address",
                 "Note", NULL);
  assert_fields (wm_csv_reader_next (reader, &error), 2, "1",
                 "1 High Street,\r\nTown", "She said \"hello\"", NULL);
  record = wm_csv_reader_next (reader, &error);
  assert_fields (record, 4, "", NULL);
  g_assert_true (wm_csv_record_is_blank (record));
  assert_fields (wm_csv_reader_next (reader, &error), 5, "2", "x", "", NULL);
  record = wm_csv_reader_next (reader, &error);
  assert_fields (record, 6, "", "", "", NULL);
  g_assert_true (wm_csv_record_is_blank (record));
  assert_fields (wm_csv_reader_next (reader, &error), 7, "3", "", "last",
                 NULL);
  g_assert_null (wm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wm_csv_reader_get_fraction (reader), ==, 1.0);
}

static void
assert_reader_fails (const char *text,
                     const char *message)
{
  g_autoptr(WmCsvReader) reader = wm_csv_reader_new ("test.csv", text,
                                                     strlen (text));
  g_autoptr(GError) error = NULL;

  while (wm_csv_reader_next (reader, &error) != NULL)
    ;

  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_reader_unterminated_quote (void)
{
  assert_reader_fails ("UPN,Address\n1,\"1 High Street\n2,x\n",
                       "test.csv, line 2, column 2: the quoted field that "
                       "starts here has no closing quote, so the rest of the "
                       "file would be read as one value. Close the quote, or "
                       "save the file again from the spreadsheet.");
}

static void
test_reader_stray_quote (void)
{
  assert_reader_fails ("UPN,Surname\n1,O\"Test\n",
                       "test.csv, line 2, column 2: a double quote appears "
                       "inside a value that is not in quotes. Put the whole "
                       "value in quotes and write the quote twice, as a "
                       "spreadsheet does when it saves CSV.");
  assert_reader_fails ("UPN,Surname\n1,\"O\"Test\"\n",
                       "test.csv, line 2, column 2: text follows the closing "
                       "quote of a quoted value. A quote inside a value must "
                       "be written twice; save the file again from the "
                       "spreadsheet.");
}

static void
test_header_folding (void)
{
  g_autofree char *folded = wm_csv_fold_header ("  Year \t GROUP ");
  const char *text = "upn, YEAR  group ,Dob\n";
  g_autoptr(WmCsvReader) reader = wm_csv_reader_new ("test.csv", text,
                                                     strlen (text));
  const WmCsvRecord *header = wm_csv_reader_next (reader, NULL);

  g_assert_cmpstr (folded, ==, "year group");
  g_assert_cmpint (wm_csv_find_column (header, "UPN"), ==, 0);
  g_assert_cmpint (wm_csv_find_column (header, "Year group"), ==, 1);
  g_assert_cmpint (wm_csv_find_column (header, "DOB"), ==, 2);
  g_assert_cmpint (wm_csv_find_column (header, "Sex"), ==, -1);
}

/* Imports */

typedef struct
{
  char    *dir;
  char    *db_path;
  WmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-csv-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "waymark.db", NULL);
  fixture->store = wm_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
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

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *bytes,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, bytes, length, &error);
  g_assert_no_error (error);
  return path;
}

static WmImportReport *
import_text (Fixture     *fixture,
             const char  *name,
             const char  *text,
             const char  *encoding,
             GError     **error)
{
  g_autofree char *path = write_file (fixture, name, text, -1);
  WmImportOptions options = { .encoding = encoding };

  return wm_import_file_with_options (fixture->store, path, &options, NULL,
                                      NULL, NULL, error);
}

static void
import_ok (Fixture    *fixture,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_text (fixture, name, text, NULL,
                                                  &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
}

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

static void
assert_database_unchanged (Fixture    *fixture,
                           const char *hash_before)
{
  g_autofree char *hash_after = hash_database (fixture);

  g_assert_cmpstr (hash_after, ==, hash_before);
}

static gint64
find_pupil (Fixture    *fixture,
            const char *upn)
{
  gint64 id = wm_store_find_pupil_by_upn (fixture->store, upn);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* Pupils files */

static void
test_import_pupils_file (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *text =
    "\xef\xbb\xbf" "UPN,Surname,Forename,DOB,Sex,Year group,Admission date,"
    "Address,Contact 1 name,Contact 1 relationship,"
    "Contact 1 parental responsibility,Contact 1 phone,Contact 2 forename,"
    "Contact 2 surname\r\n"
    UPN_A ",Smith-Jones,Zo\xc3\xab,14/03/2015,F,5,2019-09-04,"
    "\"1 High Street,\nMillbrook\",Ann Smith-Jones,Mother,Yes,"
    "\"01632 960000\",,\r\n"
    UPN_B ",\"O'Test\",Sam,2/9/2014,M,6,,,,,,,Ben,O'Test\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = import_text (fixture, "pupils.csv", text,
                                                  NULL, &error);
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GPtrArray) contacts = NULL;
  WmContactRecord *contact;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 2);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->pupil_ids->len, ==, 2);

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_A), &record,
                                     NULL, &error));
  g_assert_cmpstr (record.surname, ==, "Smith-Jones");
  g_assert_cmpstr (record.forename, ==, "Zo\xc3\xab");
  g_assert_cmpuint (record.dob, ==, wm_test_day ("2015-03-14"));
  g_assert_cmpstr (record.sex, ==, "F");
  g_assert_cmpstr (record.year_group, ==, "5");
  g_assert_cmpuint (record.admission_date, ==, wm_test_day ("2019-09-04"));
  g_assert_cmpuint (record.leaving_date, ==, WM_DAY_NONE);
  g_assert_cmpstr (record.address, ==, "1 High Street,\nMillbrook");

  contacts = wm_store_list_contacts (fixture->store,
                                     find_pupil (fixture, UPN_A), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpint (contact->order, ==, 1);
  g_assert_cmpstr (contact->surname, ==, "Ann Smith-Jones");
  g_assert_null (contact->forename);
  g_assert_cmpstr (contact->relationship, ==, "Mother");
  g_assert_true (contact->parental_responsibility);
  g_assert_cmpstr (contact->phones, ==, "01632 960000");

  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = wm_store_list_contacts (fixture->store,
                                     find_pupil (fixture, UPN_B), &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpint (contact->order, ==, 2);
  g_assert_cmpstr (contact->forename, ==, "Ben");
  g_assert_cmpstr (contact->surname, ==, "O'Test");
  g_assert_false (contact->parental_responsibility);
}

/* The same file saved by Excel as "CSV (Comma delimited)". */
static void
test_import_pupils_windows_1252 (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;

  import_ok (fixture, "pupils.csv",
             PUPILS_HEADER UPN_A ",O\x92Test,Zo\xeb,14/03/2015\r\n");
  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_A), &record,
                                     NULL, &error));
  g_assert_cmpstr (record.surname, ==, "O\xe2\x80\x99Test");
  g_assert_cmpstr (record.forename, ==, "Zo\xc3\xab");
}

/* A name is stored exactly as the school sent it, straight or curly
 * apostrophe alike; only searching folds them together. */
static void
test_import_apostrophes_stored_as_sent (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_auto(WmPupilRecord) straight = { 0 };
  g_auto(WmPupilRecord) curly = { 0 };
  g_autoptr(GError) error = NULL;

  import_ok (fixture, "pupils.csv",
             PUPILS_HEADER UPN_A ",O'Test,Zoe,14/03/2015\n"
             UPN_B ",O\xe2\x80\x99Test,Sam,02/09/2014\n");

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_A), &straight,
                                     NULL, &error));
  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_B), &curly,
                                     NULL, &error));
  g_assert_cmpstr (straight.surname, ==, "O'Test");
  g_assert_cmpstr (curly.surname, ==, "O\xe2\x80\x99Test");
}

/* A stored `O’Test` (curly apostrophe), then a CSV row `O'Test` with no
 * UPN and the same date of birth: probably the same child, so the row is
 * reported as a possible duplicate, not silently added, and nothing
 * changes. */
static void
test_import_possible_duplicate_rejected (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *hash = NULL;
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_ok (fixture, "first.csv",
             PUPILS_HEADER UPN_A ",O\xe2\x80\x99Test,Zo\xc3\xab,14/03/2015\n");
  hash = hash_database (fixture);

  report = import_text (fixture, "later.csv",
                        PUPILS_HEADER UPN_B ",Smith,Sam,02/09/2014\n"
                        ",O'Test,Zoe,14/03/2015\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==,
                   "later.csv, line 3, column 1 (UPN): the row has no UPN, "
                   "and its surname, forename and date of birth match the "
                   "stored pupil with UPN " UPN_A ", so it is probably the "
                   "same child. Nothing was imported. If it is, add that UPN "
                   "to the row; if not, add the pupil's own UPN; then import "
                   "the file again.");
  assert_database_unchanged (fixture, hash);

  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_A), &record,
                                     NULL, &error));
  g_assert_cmpstr (record.surname, ==, "O\xe2\x80\x99Test");
  g_assert_cmpint (wm_store_find_pupil_by_upn (fixture->store, UPN_B), ==, 0);
}

static void
test_import_row_without_upn_rejected (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = import_text (fixture, "new.csv",
                        PUPILS_HEADER ",Brown,Alex,01/05/2016\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "new.csv, line 2, column 1 (UPN): the row has no UPN. "
                   "Waymark keeps every pupil under a UPN: add the pupil's "
                   "UPN, or a temporary UPN from the school's system, and "
                   "import the file again.");
}

static void
test_import_repeated_upn (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = import_text (fixture, "same.csv",
                        PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n"
                        UPN_A ",Smith,Sam,2014-09-02\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "same.csv, line 3: UPN " UPN_A " repeats line 2 exactly "
                   "and was read once.");

  g_clear_pointer (&report, wm_import_report_free);
  report = import_text (fixture, "different.csv",
                        PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n"
                        UPN_A ",Smith,Samuel,02/09/2014\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "different.csv, line 3, column 1 (UPN): UPN " UPN_A " is "
                   "also on line 2 with different details. Each pupil must "
                   "appear once; correct the file.");
}

static void
test_import_impossible_date (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = import_text (fixture, "dates.csv",
                        PUPILS_HEADER UPN_A ",Smith,Sam,31/02/2015\n", NULL,
                        &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "dates.csv, line 2, column 4 (DOB): \"31/02/2015\" is not "
                   "a date that exists. Write dates day first with a "
                   "four-digit year, as 02/03/2026, or as 2026-03-02, and "
                   "check the day and month.");
}

static void
test_import_unknown_column_warns (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = import_text (fixture, "extra.csv",
                        "UPN,Surname,Forename,DOB,Admision date\n"
                        UPN_A ",Smith,Sam,02/09/2014,04/09/2019\n", NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "extra.csv, line 1: these columns are not used in a "
                   "pupils file and were ignored: Admision date.");
}

/* Marks files */

static void
append_session (GString    *text,
                const char *upn,
                WmDay       day,
                const char *session,
                const char *mark)
{
  char iso[11];

  wm_day_to_iso_buf (day, iso);
  g_string_append_printf (text, "%s,%c%c/%c%c/%.4s,%s,%s,999,2001,"
                          "Millbrook Primary School\r\n", upn, iso[8], iso[9],
                          iso[5], iso[6], iso, session, mark);
}

/* @upn present at every session from @first to @last, weekdays only. */
static void
append_present (GString    *text,
                const char *upn,
                const char *first,
                const char *last)
{
  for (WmDay day = wm_test_day (first); day <= wm_test_day (last); day++)
    if (!wm_day_is_weekend (day))
      {
        append_session (text, upn, day, "AM", "/");
        append_session (text, upn, day, "PM", "\\");
      }
}

/* A marks export covering 2 to 13 March 2026 in which another pupil has
 * every session but this pupil has rows only for Tuesday 3 March (N, N)
 * and Thursday 12 March AM (O). The other 17 sessions are gaps, not
 * absences and not attendance: 0.0% over the 3 marked sessions, between
 * 0.0% and 85.0% over all 20, so Level 2 or 3, and the 3 unauthorised
 * sessions count towards the penalty threshold. */
static void
test_import_missing_marks_are_unmarked (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GString) marks = g_string_new (MARKS_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(WmEngine) engine = NULL;
  WmEvaluation e;

  import_ok (fixture, "pupils.csv",
             PUPILS_HEADER UPN_B ",Smith,Sam,02/09/2014\n"
             UPN_C ",Jones,Alex,03/10/2014\n");

  append_present (marks, UPN_B, "2026-03-02", "2026-03-13");
  append_session (marks, UPN_C, wm_test_day ("2026-03-03"), "AM", "N");
  append_session (marks, UPN_C, wm_test_day ("2026-03-03"), "PM", "N");
  append_session (marks, UPN_C, wm_test_day ("2026-03-12"), "AM", "O");
  report = import_text (fixture, "marks.csv", marks->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, 2);
  g_assert_cmpuint (report->n_marks_set, ==, 23);
  g_assert_cmpuint (report->n_marks_changed, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);

  engine = wm_engine_new (fixture->store, wm_test_day ("2026-03-13"));
  g_assert_true (wm_engine_evaluate_pupil (engine, find_pupil (fixture, UPN_C),
                                           &e, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (e.window_weeks, ==, 2);
  g_assert_cmpuint (e.window_start, ==, wm_test_day ("2026-03-02"));
  g_assert_cmpuint (e.window_end, ==, wm_test_day ("2026-03-13"));
  g_assert_cmpuint (e.attended, ==, 0);
  g_assert_cmpuint (e.possible, ==, 3);
  g_assert_cmpuint (e.unmarked, ==, 17);
  g_assert_cmpint (e.percent_tenths, ==, 0);
  g_assert_cmpint (e.range_low_tenths, ==, 0);
  g_assert_cmpint (e.range_high_tenths, ==, 850);
  g_assert_cmpint (e.level, ==, 2);
  g_assert_cmpint (e.level_high, ==, 3);
  g_assert_cmpuint (e.unauthorised_threshold_weeks, ==, 3);

  /* The other pupil is complete: 20 of 20, no level. */
  g_assert_true (wm_engine_evaluate_pupil (engine, find_pupil (fixture, UPN_B),
                                           &e, &error));
  g_assert_cmpuint (e.attended, ==, 20);
  g_assert_cmpuint (e.possible, ==, 20);
  g_assert_cmpuint (e.unmarked, ==, 0);
  g_assert_cmpint (e.level, ==, 0);
}

/* Two-character codes travel in CSV; each is stored as its own code. */
static void
test_import_two_character_codes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GString) marks = g_string_new (MARKS_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(WmRegister) reg = NULL;
  gint64 id, school_id = 0;
  g_auto(WmPupilRecord) record = { 0 };
  WmDay monday = wm_test_day ("2026-03-02");

  import_ok (fixture, "pupils.csv", PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n");
  append_session (marks, UPN_A, monday, "AM", "C1");
  append_session (marks, UPN_A, monday, "PM", "C2");
  append_session (marks, UPN_A, monday + 1, "am", "J1");
  append_session (marks, UPN_A, monday + 1, "Pm", "Y3");
  append_session (marks, UPN_A, monday + 2, "AM", "-");
  append_session (marks, UPN_A, monday + 2, "PM", "Y7");
  report = import_text (fixture, "codes.csv", marks->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_marks_set, ==, 5);

  id = find_pupil (fixture, UPN_A);
  g_assert_true (wm_store_get_pupil (fixture->store, id, &record, &school_id,
                                     &error));
  g_assert_cmpint (school_id, ==, wm_store_find_school (fixture->store, "999",
                                                        "2001"));
  reg = wm_store_load_register (fixture->store, id, school_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_register_get (reg, monday, WM_SESSION_AM), ==,
                   WM_MARK_C1);
  g_assert_cmpint (wm_register_get (reg, monday, WM_SESSION_PM), ==,
                   WM_MARK_C2);
  g_assert_cmpint (wm_register_get (reg, monday + 1, WM_SESSION_AM), ==,
                   WM_MARK_J1);
  g_assert_cmpint (wm_register_get (reg, monday + 1, WM_SESSION_PM), ==,
                   WM_MARK_Y3);
  g_assert_cmpint (wm_register_get (reg, monday + 2, WM_SESSION_AM), ==,
                   WM_MARK_UNMARKED);
  g_assert_cmpint (wm_register_get (reg, monday + 2, WM_SESSION_PM), ==,
                   WM_MARK_Y7);
}

static void
test_import_marks_twice_changes_nothing (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GString) marks = g_string_new (MARKS_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_ok (fixture, "pupils.csv", PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n");
  append_present (marks, UPN_A, "2026-03-02", "2026-03-06");
  import_ok (fixture, "marks.csv", marks->str);

  report = import_text (fixture, "marks.csv", marks->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_marks_set, ==, 0);
  g_assert_cmpuint (report->n_marks_changed, ==, 0);
}

/* Without LEA and Estab the marks belong to the only school stored. */
static void
test_import_marks_for_only_school (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GString) marks = g_string_new (MARKS_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_ok (fixture, "pupils.csv",
             PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n");
  report = import_text (fixture, "none.csv", "UPN,Date,Session,Mark\n"
                        UPN_A ",02/03/2026,AM,/\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "none.csv, line 1: the file has no LEA and Estab columns, "
                   "and the database contains no school yet, so Waymark cannot "
                   "tell whose register the marks belong to. Add LEA and "
                   "Estab columns (and School name) to the file and import "
                   "it again.");

  g_clear_error (&error);
  append_present (marks, UPN_A, "2026-03-02", "2026-03-02");
  import_ok (fixture, "first.csv", marks->str);
  report = import_text (fixture, "next.csv", "UPN,Date,Session,Mark\n"
                        UPN_A ",03/03/2026,AM,/\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->school_id, ==,
                   wm_store_find_school (fixture->store, "999", "2001"));
  g_assert_cmpuint (report->n_marks_set, ==, 1);
}

static void
test_import_marks_conflicting_rows (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_ok (fixture, "pupils.csv", PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n");
  report = import_text (fixture, "twice.csv", MARKS_HEADER
                        UPN_A ",03/03/2026,AM,N,999,2001,\n"
                        UPN_A ",02/03/2026,AM,/,999,2001,\n"
                        UPN_A ",2026-03-03,AM,I,999,2001,\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "twice.csv, line 4, column 4 (Mark): UPN " UPN_A " has the "
                   "mark I for 3 March 2026 AM, but line 2 gives N for the "
                   "same session. Keep one row per pupil and session, and "
                   "import the file again.");
}

static void
test_import_marks_unknown_pupil (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  report = import_text (fixture, "marks.csv", MARKS_HEADER
                        UPN_D ",03/03/2026,AM,N,999,2001,\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "marks.csv, line 2, column 1 (UPN): no pupil with UPN "
                   UPN_D " is stored, and a marks file has no names to add "
                   "one. Import the pupils file or the school's Common "
                   "Transfer File first, then the marks.");
}

static void
test_import_marks_unknown_code (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_ok (fixture, "pupils.csv", PUPILS_HEADER UPN_A ",Smith,Sam,02/09/2014\n");
  report = import_text (fixture, "marks.csv", MARKS_HEADER
                        UPN_A ",03/03/2026,AM,Y8,999,2001,\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_UNKNOWN_CODE);
  g_assert_cmpstr (error->message, ==,
                   "marks.csv, line 2, column 4 (Mark): \"Y8\" is not a "
                   "register code. Correct the mark in the school's system "
                   "and export the file again.");
}

/* Sessions before the stored admission date do not exist for the pupil:
 * no gaps there, and a mark there is left out with a warning. */
static void
test_import_marks_respect_admission (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GString) marks = g_string_new (MARKS_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(WmEngine) engine = NULL;
  WmEvaluation e;

  import_ok (fixture, "pupils.csv",
             "UPN,Surname,Forename,DOB,Admission date\n"
             UPN_A ",Smith,Sam,02/09/2014,\n"
             UPN_B ",Jones,Alex,03/10/2014,09/03/2026\n");
  append_present (marks, UPN_A, "2026-03-02", "2026-03-13");
  append_session (marks, UPN_B, wm_test_day ("2026-03-04"), "AM", "O");
  append_session (marks, UPN_B, wm_test_day ("2026-03-10"), "AM", "O");
  report = import_text (fixture, "marks.csv", marks->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "marks.csv, line 22: UPN " UPN_B ": 1 session marked "
                   "outside the pupil's time on roll (admission date to "
                   "leaving date) was left out of the register.");
  /* In the C locale the warning shown is the one stored. */
  g_assert_cmpuint (report->shown_warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->shown_warnings, 0), ==,
                   g_ptr_array_index (report->warnings, 0));

  engine = wm_engine_new (fixture->store, wm_test_day ("2026-03-13"));
  g_assert_true (wm_engine_evaluate_pupil (engine, find_pupil (fixture, UPN_B),
                                           &e, &error));
  g_assert_cmpuint (e.possible, ==, 1);
  g_assert_cmpuint (e.unmarked, ==, 9);
}

/* An encoding that cannot be decided rejects the import and changes
 * nothing; naming the encoding imports it. */
static void
test_import_ambiguous_encoding (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *text = PUPILS_HEADER UPN_A ",Zo\xc3\xab,Sam,02/09/2014\n"
                     UPN_B ",Zo\xeb,Alex,03/10/2014\n";
  g_autofree char *hash = hash_database (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_auto(WmPupilRecord) record = { 0 };

  report = import_text (fixture, "mixed.csv", text, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS);
  g_assert_true (g_str_has_prefix (error->message, "mixed.csv, line 3: "));
  assert_database_unchanged (fixture, hash);

  g_clear_error (&error);
  report = import_text (fixture, "mixed.csv", text, "windows-1252", &error);
  g_assert_no_error (error);
  g_assert_true (wm_store_get_pupil (fixture->store,
                                     find_pupil (fixture, UPN_B), &record,
                                     NULL, &error));
  g_assert_cmpstr (record.surname, ==, "Zo\xc3\xab");
}

/* The command line */

/* Runs wm_cli_run() with stdout sent to /dev/null, since its summary
 * would otherwise mix with the test's TAP output. */
static int
run_cli (const WmCliOptions *options)
{
  int saved = dup (STDOUT_FILENO);
  int null = open ("/dev/null", O_WRONLY);
  int status;

  g_assert_cmpint (saved, >=, 0);
  g_assert_cmpint (null, >=, 0);
  fflush (stdout);
  dup2 (null, STDOUT_FILENO);
  status = wm_cli_run (options);
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (null);
  close (saved);
  return status;
}

static void
test_cli_encoding (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "excel.csv",
                                      PUPILS_HEADER UPN_A ",Zo\xc3\xab,Sam,"
                                      "02/09/2014\n" UPN_B ",Zo\xeb,Alex,"
                                      "03/10/2014\n", -1);
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  WmCliOptions options = { 0 };

  g_clear_object (&fixture->store);
  hash = hash_file (fixture->db_path);
  options.database = fixture->db_path;
  options.import_path = path;

  g_assert_cmpint (run_cli (&options), ==, 1);
  hash_after = hash_file (fixture->db_path);
  g_assert_cmpstr (hash_after, ==, hash);

  options.encoding = (char *) "windows-1252";
  g_assert_cmpint (run_cli (&options), ==, 0);
  fixture->store = wm_store_open (fixture->db_path, NULL);
  g_assert_cmpint (wm_store_find_pupil_by_upn (fixture->store, UPN_B), >, 0);
}

/* Terms files */

/* A pupils file that stores Millbrook Primary (LEA 999, Estab 2001). */
static void
import_millbrook (Fixture *fixture)
{
  import_ok (fixture, "pupils.csv",
             "UPN,Surname,Forename,DOB,LEA,Estab,School name\n"
             "B801200005001,Test,Ada,14/03/2015,999,2001,Millbrook Primary\n");
}

static char *
stored_terms (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  GString *text = g_string_new (NULL);
  gint64 school_id = wm_store_find_school (fixture->store, "999", "2001");

  terms = wm_store_list_terms (fixture->store, school_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < terms->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (terms, i);
      g_autofree char *first = wm_day_to_iso (term->first_day);
      g_autofree char *last = wm_day_to_iso (term->last_day);

      g_string_append_printf (text, "%s%s|%s|%s|%s", i > 0 ? ";" : "",
                              term->kind == WM_TERM_KIND_TERM ? "term"
                                                              : "closure",
                              term->name, first, last);
    }

  return g_string_free (text, FALSE);
}

static gint64
count_term_audits (Fixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (fixture->store),
                                       "SELECT count(*) FROM audit_log WHERE "
                                       "action = 'term-add'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The example of the spring term: day-first and ISO dates, the kind
 * column in any case, a closure before its term, the school by its
 * establishment number and by LAESTAB. Importing it again changes
 * nothing. */
static const char spring_terms_csv[] =
  "School,Name,Start,End,Kind\n"
  "2001,Training day,02/03/2026,02/03/2026,Closure\n"
  "2001,Spring 1,05/01/2026,13/02/2026,term\n"
  "9992001,Spring 2,2026-02-23,2026-03-27,\n";

static void
test_import_terms (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *again = NULL;

  import_millbrook (fixture);
  report = import_text (fixture, "terms.csv", spring_terms_csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->school_id, ==,
                   wm_store_find_school (fixture->store, "999", "2001"));
  g_assert_cmpuint (report->warnings->len, ==, 0);

  terms = stored_terms (fixture);
  g_assert_cmpstr (terms, ==,
                   "term|Spring 1|2026-01-05|2026-02-13;"
                   "term|Spring 2|2026-02-23|2026-03-27;"
                   "closure|Training day|2026-03-02|2026-03-02");

  g_clear_pointer (&report, wm_import_report_free);
  report = import_text (fixture, "terms.csv", spring_terms_csv, NULL, &error);
  g_assert_no_error (error);
  again = stored_terms (fixture);
  g_assert_cmpstr (again, ==, terms);
  g_assert_cmpint (count_term_audits (fixture), ==, 3);
}

static void
assert_terms_refused (Fixture    *fixture,
                      const char *text,
                      gint        code,
                      const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;
  g_autofree char *hash = hash_database (fixture);

  report = import_text (fixture, "terms.csv", text, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  assert_database_unchanged (fixture, hash);
}

/* Every refusal names the line and the column, and stores nothing. */
static void
test_import_terms_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  import_millbrook (fixture);

  assert_terms_refused (fixture,
                        "School,Name,Start\n2001,Spring 1,05/01/2026\n",
                        WM_ERROR_INVALID_INPUT,
                        "terms.csv, line 1: the header has no End column. A "
                        "terms file needs the columns School, Name, Start "
                        "and End, and may have Kind; add the missing "
                        "column.");
  assert_terms_refused (fixture,
                        "School,Name,Start,End\n"
                        "2001,Spring 1,05/01/2026,13/02/2026\n"
                        "2002,Spring 2,23/02/2026,27/03/2026\n",
                        WM_ERROR_NOT_FOUND,
                        "terms.csv, line 3, column 1 (School): no stored "
                        "school has the establishment number 2002. Import "
                        "the school's pupils first, or check the number.");
  assert_terms_refused (fixture,
                        "School,Name,Start,End\n"
                        "2001,Spring 1,13/02/2026,05/01/2026\n",
                        WM_ERROR_INVALID_INPUT,
                        "terms.csv, line 2, column 4 (End): the end is "
                        "before the start (13 February 2026). The end is the "
                        "last day, on or after the start.");
  assert_terms_refused (fixture,
                        "School,Name,Start,End,Kind\n"
                        "2001,Spring 1,05/01/2026,13/02/2026,term\n"
                        "2001,Half term,16/02/2026,20/02/2026,holiday\n",
                        WM_ERROR_INVALID_INPUT,
                        "terms.csv, line 3, column 5 (Kind): \"holiday\" is "
                        "not a kind of entry. Write \"term\" or "
                        "\"closure\", or leave the cell empty for a term.");
  assert_terms_refused (fixture,
                        "School,Name,Start,End\n"
                        "2001,Spring 1,05/01/2026,13/02/2026\n"
                        "2001,Spring 2,13/02/2026,27/03/2026\n",
                        WM_ERROR_INVALID_INPUT,
                        "terms.csv, line 3, columns 3 and 4 (Start and End): "
                        "The first and last days of the term “Spring 2” (13 "
                        "February to 27 March 2026) overlap the term "
                        "“Spring 1” (5 January to 13 February 2026): a day "
                        "belongs to one term at most, so change the dates of "
                        "one of them");
}

/* A pupils or marks file with no Start or End column is read as before. */
static void
test_import_terms_kind_detection (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = NULL;

  import_millbrook (fixture);
  report = import_text (fixture, "terms.csv",
                        "School,Name,Begins,Ends\n2001,Spring 1,05/01/2026,"
                        "13/02/2026\n", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "terms.csv, line 1: the "
                                   "header has no UPN column."));
}

static void
add_test (const char    *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/decode/utf8-with-bom", test_decode_utf8_with_bom);
  g_test_add_func ("/csv/decode/windows-1252", test_decode_windows_1252);
  g_test_add_func ("/csv/decode/utf16-with-bom", test_decode_utf16_with_bom);
  g_test_add_func ("/csv/decode/mixed-is-ambiguous",
                   test_decode_mixed_is_ambiguous);
  g_test_add_func ("/csv/decode/neither-is-ambiguous",
                   test_decode_neither_is_ambiguous);
  g_test_add_func ("/csv/decode/c1-control-is-ambiguous",
                   test_decode_c1_control_is_ambiguous);
  g_test_add_func ("/csv/decode/named-encoding", test_decode_named_encoding);
  g_test_add_func ("/csv/decode/control-bytes",
                   test_decode_rejects_control_bytes);
  g_test_add_func ("/csv/reader/quoting", test_reader_quoting);
  g_test_add_func ("/csv/reader/unterminated-quote",
                   test_reader_unterminated_quote);
  g_test_add_func ("/csv/reader/stray-quote", test_reader_stray_quote);
  g_test_add_func ("/csv/reader/header-folding", test_header_folding);

  add_test ("/csv/import/pupils", test_import_pupils_file);
  add_test ("/csv/import/pupils-windows-1252", test_import_pupils_windows_1252);
  add_test ("/csv/import/apostrophes-stored-as-sent",
            test_import_apostrophes_stored_as_sent);
  add_test ("/csv/import/possible-duplicate-rejected",
            test_import_possible_duplicate_rejected);
  add_test ("/csv/import/row-without-upn-rejected",
            test_import_row_without_upn_rejected);
  add_test ("/csv/import/repeated-upn", test_import_repeated_upn);
  add_test ("/csv/import/impossible-date", test_import_impossible_date);
  add_test ("/csv/import/unknown-column-warns",
            test_import_unknown_column_warns);
  add_test ("/csv/import/missing-marks-are-unmarked",
            test_import_missing_marks_are_unmarked);
  add_test ("/csv/import/two-character-codes",
            test_import_two_character_codes);
  add_test ("/csv/import/marks-twice-changes-nothing",
            test_import_marks_twice_changes_nothing);
  add_test ("/csv/import/marks-for-only-school",
            test_import_marks_for_only_school);
  add_test ("/csv/import/marks-conflicting-rows",
            test_import_marks_conflicting_rows);
  add_test ("/csv/import/marks-unknown-pupil",
            test_import_marks_unknown_pupil);
  add_test ("/csv/import/marks-unknown-code", test_import_marks_unknown_code);
  add_test ("/csv/import/marks-respect-admission",
            test_import_marks_respect_admission);
  add_test ("/csv/import/ambiguous-encoding", test_import_ambiguous_encoding);
  add_test ("/csv/cli/encoding", test_cli_encoding);
  add_test ("/csv/import/terms", test_import_terms);
  add_test ("/csv/import/terms-refused", test_import_terms_refused);
  add_test ("/csv/import/terms-kind-detection",
            test_import_terms_kind_detection);

  return g_test_run ();
}
