/* test-store.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-error.h"
#include "wm-names.h"
#include "wm-store-private.h"
#include "wm-upn.h"

/*
 * The store against real SQLite files in a private temporary directory
 * for each test (G_TEST_OPTION_ISOLATE_DIRS). Marks are written in the
 * notation of wm_register_new_from_string(): AM then PM, Monday to
 * Friday, a space between weeks.
 */

/* Helpers */

static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "waymark", name, NULL);
}

static WmStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static WmStore *
open_new_store (void)
{
  g_autofree char *path = test_path ("test.db");

  return open_store (path);
}

static gint64
query_int (WmStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (WmStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_sql (WmStore    *store,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (wm_store_get_db (store), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) contents, length);
}

static guint
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 0777;
}

/* A valid UPN for the local authority 801 and school 2000 with the given
 * serial, check letter included. */
static char *
make_upn (guint serial)
{
  char *upn = g_strdup_printf ("?801200026%03u", serial);

  upn[0] = wm_upn_check_letter (upn);
  g_assert_cmpint (upn[0], !=, '\0');
  return upn;
}

static gint64
add_school (WmStore    *store,
            const char *estab)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_store_ensure_school (store, "801", estab, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_pupil (WmStore    *store,
           guint       serial,
           const char *surname,
           const char *forename,
           gint64      school_id)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  wm_pupil_record_clear (&record);
  record.upn = make_upn (serial);
  record.surname = g_strdup (surname);
  record.forename = g_strdup (forename);
  id = wm_store_upsert_pupil (store, &record, school_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static WmRegister *
marks_from (guint       year,
            guint       month,
            guint       day,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  WmRegister *reg;

  reg = wm_register_new_from_string (wm_day_from_ymd (year, month, day), text,
                                     &error);
  g_assert_no_error (error);
  return reg;
}

static gint64
begin_import (WmStore    *store,
              const char *file_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wm_store_begin_import (store, "ctf", file_name, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Merges @reg as one import in its own transaction, as the importer does. */
static gint64
merge (WmStore          *store,
       const char       *file_name,
       gint64            pupil_id,
       gint64            school_id,
       const WmRegister *reg,
       guint            *out_set,
       guint            *out_changed)
{
  g_autoptr(GError) error = NULL;
  gint64 import_id;

  g_assert_true (wm_store_begin (store, &error));
  import_id = begin_import (store, file_name);
  g_assert_true (wm_store_merge_marks (store, import_id, pupil_id, school_id,
                                       reg, out_set, out_changed, &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_finish_import (store, import_id, school_id, 1,
                                         *out_set, *out_changed, NULL,
                                         &error));
  g_assert_true (wm_store_commit (store, &error));
  g_assert_no_error (error);
  return import_id;
}

static WmRegister *
load_register (WmStore *store,
               gint64   pupil_id,
               gint64   school_id)
{
  g_autoptr(GError) error = NULL;
  WmRegister *reg = wm_store_load_register (store, pupil_id, school_id,
                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

static guint
count_codes (const WmRegister *reg)
{
  guint n = 0;

  for (guint i = 0; i < reg->n_days * 2; i++)
    n += wm_mark_is_code (reg->marks[i]);
  return n;
}

static WmMark
stored_mark (WmStore  *store,
             gint64    pupil_id,
             gint64    school_id,
             WmDay     day,
             WmSession session)
{
  g_autoptr(WmRegister) reg = load_register (store, pupil_id, school_id);

  return wm_register_get (reg, day, session);
}

/* Opening */

static void
test_open_new_file_private (void)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *mode = NULL;
  g_autoptr(WmStore) store = NULL;
  mode_t old_umask;

  folder = g_build_filename (g_get_user_data_dir (), "new", "folder", NULL);
  path = g_build_filename (folder, "waymark.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);

  /* With no umask at all, every file would be world-writable unless the
   * store sets the modes itself. */
  old_umask = umask (0);
  store = open_store (path);
  umask (old_umask);

  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==,
                   0x57594d4b);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==,
                   WM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (wm_store_get_schema_version (store), ==,
                   WM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), ==, 10000);
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA page_size"), ==, 8192);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (wm_store_get_path (store), ==, path);
}

static void
test_open_tables_strict (void)
{
  g_autoptr(WmStore) store = open_new_store ();

  /* Every table of the schema is STRICT (sqlite_schema and
   * sqlite_sequence are SQLite's).
   * Views, the full-text index and its shadow tables are not ordinary
   * tables and cannot be STRICT. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM pragma_table_list "
                              "WHERE schema = 'main' AND type = 'table' "
                              "AND name NOT LIKE 'sqlite_%'"), ==, 29);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM pragma_table_list "
                              "WHERE schema = 'main' AND type = 'table' "
                              "AND strict = 0 "
                              "AND name NOT LIKE 'sqlite_%'"), ==, 0);
}

static void
test_open_reopen_keeps_data (void)
{
  g_autofree char *path = test_path ("test.db");
  g_autoptr(WmStore) store = open_store (path);
  gint64 school_id = add_school (store, "2000");
  gint64 pupil_id = add_pupil (store, 1, "Able", "Ann", school_id);
  g_autofree char *upn = make_upn (1);

  g_clear_object (&store);
  store = open_store (path);

  g_assert_cmpint (wm_store_find_school (store, "801", "2000"), ==, school_id);
  g_assert_cmpint (wm_store_find_pupil_by_upn (store, upn), ==, pupil_id);
  g_assert_cmpint (wm_store_get_schema_version (store), ==,
                   WM_STORE_SCHEMA_VERSION);
}

/* Opens @path, which must be refused as foreign, and checks that neither
 * the file nor its neighbourhood changed. */
static void
assert_refused_unchanged (const char *path,
                          const char *expected_words)
{
  g_autofree char *before = file_sha256 (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;

  store = wm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, expected_words));
  g_assert_nonnull (strstr (error->message,
                            "another database or restore a backup"));

  after = file_sha256 (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
test_open_refuses_other_application (void)
{
  g_autofree char *path = test_path ("other.db");
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  raw_exec (path, "PRAGMA application_id = 1234;"
                  "CREATE TABLE notes (text TEXT);"
                  "INSERT INTO notes VALUES ('kept');");

  assert_refused_unchanged (path, "another application (application id "
                                  "0x000004d2)");
}

static void
test_open_refuses_other_program_tables (void)
{
  g_autofree char *path = test_path ("plain.db");
  g_autofree char *folder = g_path_get_dirname (path);

  /* In WAL mode, where a careless read-only check would leave -wal and
   * -shm files behind. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  raw_exec (path, "PRAGMA journal_mode = WAL; CREATE TABLE notes (text TEXT);");

  assert_refused_unchanged (path, "another program's tables");
}

static void
test_open_refuses_random_bytes (void)
{
  g_autofree char *path = test_path ("random.db");
  g_autofree char *folder = g_path_get_dirname (path);
  guint8 bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) bytes,
                                      sizeof bytes, NULL));

  assert_refused_unchanged (path, "not an SQLite database");
}

static void
write_waymark_database (const char *path,
                        guint       n_pupils)
{
  g_autoptr(WmStore) store = open_store (path);
  gint64 school_id = add_school (store, "2000");

  for (guint i = 1; i <= n_pupils; i++)
    add_pupil (store, i, "Pupil", "Test", school_id);
}

static void
test_open_refuses_truncated (void)
{
  g_autofree char *whole = test_path ("whole.db");
  g_autofree char *half = test_path ("half.db");
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Enough pupils for the file to span many pages. */
  write_waymark_database (whole, 300);
  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 8 * 4096);
  g_assert_true (g_file_set_contents (half, contents, length / 2, NULL));

  assert_refused_unchanged (half, "damaged or incomplete");
}

/* A kill during the checkpoint after a commit can leave the main file
 * shorter than the page count its header already claims, with the missing
 * pages still in the write-ahead log. SQLite completes the checkpoint on
 * the next open, so the database is intact and must open. */
static void
test_open_recovers_from_wal (void)
{
  g_autofree char *live = test_path ("live.db");
  g_autofree char *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree char *copy = test_path ("copy.db");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(WmStore) writer = NULL;
  g_autoptr(WmStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, wal_length = 0;
  gint64 school_id;
  guint32 n_pages;

  writer = open_store (live);
  g_assert_cmpint (sqlite3_exec (wm_store_get_db (writer),
                                 "PRAGMA wal_autocheckpoint = 0", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  school_id = add_school (writer, "2000");
  for (guint i = 1; i <= 300; i++)
    add_pupil (writer, i, "Pupil", "Test", school_id);

  /* The state a crash leaves: the main file and the log as they are on
   * disk while the writer still has the connection open. */
  g_assert_true (g_file_get_contents (live, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (live_wal, &wal, &wal_length, NULL));
  g_assert_cmpuint (wal_length, >, 0);

  /* The checkpoint wrote page 1 first, with the larger page count, and
   * was killed before the file grew. */
  n_pages = GUINT32_FROM_BE (*(guint32 *) (contents + 28)) + 8;
  *(guint32 *) (contents + 28) = GUINT32_TO_BE (n_pages);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_true (g_file_set_contents (copy_wal, wal, wal_length, NULL));

  reopened = wm_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  g_assert_true (wm_store_integrity_check (reopened, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (reopened, "SELECT count(*) FROM pupils"), ==,
                   300);
}

static void
test_open_refuses_newer_version (void)
{
  g_autofree char *path = test_path ("newer.db");

  write_waymark_database (path, 1);
  raw_exec (path, "PRAGMA user_version = 999");

  assert_refused_unchanged (path, "newer version of Waymark (schema version "
                                  "999");
}

/* A file cut short inside the 100-byte SQLite header, as a copy to a
 * full disk leaves it. */
static void
test_open_refuses_short_header (void)
{
  g_autofree char *whole = test_path ("whole.db");
  g_autofree char *short_file = test_path ("short.db");
  g_autofree char *contents = NULL;
  gsize length = 0;

  write_waymark_database (whole, 1);
  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (short_file, contents, 60, NULL));

  assert_refused_unchanged (short_file, "not an SQLite database");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted. */
static GStrv
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, (GCompareFunc) compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* A newer Waymark wrote its version into the write-ahead log and stopped
 * before the checkpoint: the main file's header still shows the old
 * version. The database is refused, neither file changes, and the folder
 * holds exactly the files it held before: SQLite needs a -shm index to
 * read the log and makes one, which the refusal removes again. */
static void
test_open_refuses_newer_version_in_wal (void)
{
  g_autofree char *live = test_path ("live.db");
  g_autofree char *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree char *copy = test_path ("newer-wal.db");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *contents = NULL, *wal = NULL;
  g_autofree char *main_before = NULL, *main_after = NULL;
  g_autofree char *wal_before = NULL, *wal_after = NULL;
  g_autofree char *folder = g_path_get_dirname (copy);
  g_auto(GStrv) names_before = NULL;
  g_auto(GStrv) names_after = NULL;
  g_autoptr(WmStore) writer = NULL;
  g_autoptr(WmStore) rejected = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, wal_length = 0;

  writer = open_store (live);
  g_assert_cmpint (sqlite3_exec (wm_store_get_db (writer),
                                 "PRAGMA wal_autocheckpoint = 0;"
                                 "PRAGMA user_version = 999", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (live, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (live_wal, &wal, &wal_length, NULL));
  g_assert_cmpuint (wal_length, >, 0);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_true (g_file_set_contents (copy_wal, wal, wal_length, NULL));
  main_before = file_sha256 (copy);
  wal_before = file_sha256 (copy_wal);
  names_before = list_folder (folder);
  g_assert_false (g_strv_contains ((const char * const *) names_before, "newer-wal.db-shm"));

  rejected = wm_store_open (copy, &error);
  g_assert_null (rejected);
  g_assert_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE);
  g_assert_nonnull (strstr (error->message, copy));
  g_assert_nonnull (strstr (error->message, "newer version of Waymark (schema "
                                            "version 999"));

  main_after = file_sha256 (copy);
  wal_after = file_sha256 (copy_wal);
  g_assert_cmpstr (main_after, ==, main_before);
  g_assert_cmpstr (wal_after, ==, wal_before);

  names_after = list_folder (folder);
  g_assert_cmpstrv (names_after, names_before);
}

/* An existing empty file is more likely a copy cut short (a full USB
 * stick, a sync that stopped) than a new database, so it is refused and
 * left as it was, with nothing new beside it. Only a name that does not
 * exist makes a new database. */
static void
test_open_refuses_empty_file (void)
{
  g_autofree char *path = test_path ("empty.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = NULL;
  g_auto(GStrv) names_before = NULL;
  g_auto(GStrv) names_after = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  names_before = list_folder (folder);

  store = wm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE);
  expected = g_strdup_printf ("Database %s is an empty file, more likely a "
                              "copy that was cut short than a new database. "
                              "Choose another database or restore a backup, "
                              "or give a name that does not exist yet to "
                              "start a new one", path);
  g_assert_cmpstr (error->message, ==, expected);

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_size, ==, 0);
  g_assert_cmpuint (file_mode (path), ==, 0644);
  names_after = list_folder (folder);
  g_assert_cmpstrv (names_after, names_before);
}

/* A closed database in @name with one school, and its folder. */
static char *
write_closed_database (const char *name)
{
  g_autofree char *path = test_path (name);
  g_autoptr(WmStore) store = open_store (path);

  add_school (store, "2000");
  return g_steal_pointer (&path);
}

/* Opening @path fails with exactly @expected and changes nothing in
 * @folder: no file is added, and @path keeps its bytes. */
static void
assert_open_refused_quietly (const char *path,
                             const char *folder,
                             const char *expected)
{
  g_auto(GStrv) names_before = list_folder (folder);
  g_auto(GStrv) names_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    before = file_sha256 (path);

  store = wm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);

  if (before != NULL)
    after = file_sha256 (path);
  g_assert_cmpstr (after, ==, before);
  names_after = list_folder (folder);
  g_assert_cmpstrv (names_after, names_before);
}

/* Waymark writes on every open (the journal, the audit log, the schema),
 * so a file without the owner's write bit is refused before SQLite opens
 * it, instead of SQLite opening it read-only and leaving -wal and -shm
 * files beside it. The tests run as root, which may write any file, so
 * the rule is the mode's owner write bit, which holds for root too. */
static void
test_open_refuses_read_only_file (void)
{
  g_autofree char *path = write_closed_database ("read-only.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = NULL;

  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  expected = g_strdup_printf ("Database %s is read-only; make it writable or "
                              "open a copy", path);
  assert_open_refused_quietly (path, folder, expected);
  g_assert_cmpuint (file_mode (path), ==, 0400);

  /* Writable again, it opens as before. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_object_unref (open_store (path));
}

/* SQLite keeps its -wal and -shm files beside the database, so a folder
 * that cannot take new files is refused, for an existing database and
 * for a new one, with the same owner-write-bit rule as a file. */
static void
test_open_refuses_read_only_folder (void)
{
  g_autofree char *path = write_closed_database ("shelf/live.db");
  g_autofree char *new_path = test_path ("shelf/new.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = NULL;
  g_autofree char *expected_new = NULL;

  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  expected = g_strdup_printf ("Database %s is in the read-only folder %s, "
                              "where Waymark cannot write its journal; make "
                              "the folder writable or move the database",
                              path, folder);
  assert_open_refused_quietly (path, folder, expected);
  expected_new = g_strdup_printf ("Database %s is in the read-only folder "
                                  "%s, where Waymark cannot write its "
                                  "journal; make the folder writable or move "
                                  "the database", new_path, folder);
  assert_open_refused_quietly (new_path, folder, expected_new);

  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  g_object_unref (open_store (path));
}

/* A read-only file reached through a symbolic link is refused too, and
 * neither the link's folder nor the real file's gets a new file: SQLite
 * would put its -wal and -shm beside the real file. */
static void
test_open_refuses_read_only_through_symlink (void)
{
  g_autofree char *path = write_closed_database ("drive/linked.db");
  g_autofree char *link_path = test_path ("linked-link.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *link_folder = g_path_get_dirname (link_path);
  g_autofree char *expected = NULL;
  g_auto(GStrv) names_before = NULL;
  g_auto(GStrv) names_after = NULL;

  g_assert_cmpint (symlink (path, link_path), ==, 0);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  names_before = list_folder (folder);

  expected = g_strdup_printf ("Database %s is read-only; make it writable or "
                              "open a copy", link_path);
  assert_open_refused_quietly (link_path, link_folder, expected);
  names_after = list_folder (folder);
  g_assert_cmpstrv (names_after, names_before);
}

static void
test_open_busy (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another program holds the write lock past the busy timeout, which is
   * shortened here so the test does not wait ten seconds. */
  sqlite3_busy_timeout (wm_store_get_db (store), 100);
  g_assert_cmpint (sqlite3_open (wm_store_get_path (store), &other), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_false (wm_store_audit (store, "test", NULL, 0, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "The database is in use by "
                                   "another program; try again"));

  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (wm_store_audit (store, "test", NULL, 0, NULL, &error));
  g_assert_no_error (error);
  sqlite3_close (other);
}

static void
test_open_database_error (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;

  /* Foreign keys are enforced: a dirty mark for a pupil that does not
   * exist is refused with SQLite's reason and the file named. */
  g_assert_false (wm_store_mark_dirty (store, 42, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY constraint failed"));
  g_assert_nonnull (strstr (error->message, wm_store_get_path (store)));
}

static void
test_integrity_check (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;

  add_pupil (store, 1, "Able", "Ann", add_school (store, "2000"));
  g_assert_true (wm_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

/*
 * SQLite's locks are POSIX advisory locks, which the kernel drops for a
 * whole process when it closes any descriptor of the file. A second store
 * of the same database in this process (a worker's) must not drop the
 * first one's locks: another program that then found the database
 * unlocked would checkpoint and delete the write-ahead log under the
 * first store. Here the other program is Python's sqlite3 module, which
 * deletes the log on closing only when it is the last connection.
 */
static void
test_open_second_store_keeps_locks (void)
{
  g_autofree char *path = test_path ("locks.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *script = NULL;
  g_autoptr(WmStore) first = open_store (path);
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (wm_store_ensure_school (first, "801", "2000", "Oak",
                                         NULL, &error) > 0);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_object_unref (open_store (path));

  script = g_strdup_printf ("import sqlite3\n"
                            "c = sqlite3.connect('%s')\n"
                            "c.execute('SELECT count(*) FROM schools')\n"
                            "c.close()\n", path);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "python3", "-c", script,
                                                  NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM schools"), ==, 1);
}

/* Migrations: a database as each earlier version left it, opened now. */

/* A database made before version 5 has record views without the fields
 * kinds gained since; the step to version 5 makes the views again. The
 * meetings view stands in for every kind: it is cut down to one column
 * as an old version might have left it. */
static void
test_migrate_rebuilds_record_views (void)
{
  g_autofree char *path = test_path ("views.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_wm_store_migrate (db, path, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "DROP VIEW meetings; CREATE VIEW "
                                 "meetings AS SELECT id FROM records",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = open_store (path);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM "
                              "pragma_table_info ('meetings') "
                              "WHERE name = 'place'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM "
                              "pragma_table_info ('meetings') "
                              "WHERE name = 'record_status'"), ==, 1);
}

static void
test_migrate_from (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autofree char *path = test_path ("old.db");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_wm_store_migrate (db, path, from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_wm_store_read_version (db), ==, from);

  /* Version 0 is an SQLite file with a header and no tables yet, as the
   * sqlite3 tool leaves it; setting the version writes the header. A
   * file of no bytes at all is refused (/store/open/refuses-empty-file). */
  if (from == 0)
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL,
                                   NULL), ==, SQLITE_OK);
  if (from > 0)
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO schools (lea, estab) "
                                   "VALUES ('801', '2000')", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = open_store (path);
  g_assert_cmpint (wm_store_get_schema_version (store), ==,
                   WM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==,
                   WM_STORE_APPLICATION_ID);
  g_assert_cmpint (wm_store_find_school (store, "801", "2000"), ==,
                   from > 0 ? 1 : 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rule_values"), ==,
                   5);
  g_assert_true (wm_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

/* Schools, pupils and contacts */

static void
test_schools_ensure (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id, again;

  id = wm_store_ensure_school (store, "801", "2000", "100001", "Hill School",
                               &error);
  g_assert_no_error (error);

  /* NULL keeps the stored name; the same school gets the same id. */
  again = wm_store_ensure_school (store, "801", "2000", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  name = query_text (store, "SELECT name FROM schools");
  g_assert_cmpstr (name, ==, "Hill School");
  g_assert_cmpint (wm_store_find_school (store, "801", "2000"), ==, id);
  g_assert_cmpint (wm_store_find_school (store, "801", "2001"), ==, 0);
}

static void
fill_first_record (WmPupilRecord *record)
{
  wm_pupil_record_clear (record);
  record->upn = g_strdup ("B801200005001");
  record->surname = g_strdup ("O'Test");
  record->forename = g_strdup ("Zoë");
  record->preferred_forename = g_strdup ("Zo");
  record->dob = wm_day_from_ymd (2015, 5, 1);
  record->sex = g_strdup ("F");
  record->year_group = g_strdup ("5");
  record->looked_after = 1;
  record->free_school_meals = 0;
}

static void
test_pupils_upsert_null_keeps (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_auto(WmPupilRecord) record = { 0 };
  g_auto(WmPupilRecord) stored = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 school_id = add_school (store, "2000");
  gint64 id, again, stored_school = 0;
  gboolean created = FALSE;

  fill_first_record (&record);
  id = wm_store_upsert_pupil (store, &record, school_id, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);

  /* A later file gives only some fields. */
  wm_pupil_record_clear (&record);
  record.upn = g_strdup ("B801200005001");
  record.forename = g_strdup ("Zoe");
  record.address = g_strdup ("1 Road");
  again = wm_store_upsert_pupil (store, &record, 0, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_false (created);

  g_assert_true (wm_store_get_pupil (store, id, &stored, &stored_school,
                                     &error));
  g_assert_cmpstr (stored.surname, ==, "O'Test");
  g_assert_cmpstr (stored.forename, ==, "Zoe");
  g_assert_cmpstr (stored.preferred_forename, ==, "Zo");
  g_assert_cmpstr (stored.address, ==, "1 Road");
  g_assert_cmpstr (stored.sex, ==, "F");
  g_assert_cmpuint (stored.dob, ==, wm_day_from_ymd (2015, 5, 1));
  g_assert_cmpuint (stored.admission_date, ==, WM_DAY_NONE);
  g_assert_cmpint (stored.looked_after, ==, 1);
  g_assert_cmpint (stored.free_school_meals, ==, 0);
  g_assert_cmpint (stored_school, ==, school_id);
  g_assert_null (stored.middle_names);
}

static void
test_pupils_name_key (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *dob = NULL;

  fill_first_record (&record);
  wm_store_upsert_pupil (store, &record, 0, NULL, &error);
  g_assert_no_error (error);

  /* Folded forename, surname and UPN, then the preferred forename, so a
   * search for "zo", "otest" or the UPN finds the pupil. */
  key = query_text (store, "SELECT name_key FROM pupils");
  g_assert_cmpstr (key, ==, "zoe otest b801200005001 zo");
  g_assert_true (wm_name_key_matches (key, "O’Test"));

  /* Dates are stored as ISO text. */
  dob = query_text (store, "SELECT dob FROM pupils");
  g_assert_cmpstr (dob, ==, "2015-05-01");

  /* The key follows a change of name. */
  wm_pupil_record_clear (&record);
  record.upn = g_strdup ("B801200005001");
  record.surname = g_strdup ("Smith-Jones");
  wm_store_upsert_pupil (store, &record, 0, NULL, &error);
  g_assert_no_error (error);
  g_free (key);
  key = query_text (store, "SELECT name_key FROM pupils");
  g_assert_cmpstr (key, ==, "zoe smithjones b801200005001 zo");
}

static void
test_pupils_invalid_upn (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;

  /* A wrong check letter. */
  wm_pupil_record_clear (&record);
  record.upn = g_strdup ("A801200005001");
  record.surname = g_strdup ("Able");
  g_assert_cmpint (wm_store_upsert_pupil (store, &record, 0, NULL, &error), ==,
                   0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);

  /* No UPN at all. */
  g_clear_error (&error);
  g_clear_pointer (&record.upn, g_free);
  g_assert_cmpint (wm_store_upsert_pupil (store, &record, 0, NULL, &error), ==,
                   0);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pupils"), ==, 0);
}

static void
test_pupils_temporary_upn (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  wm_pupil_record_clear (&record);
  record.upn = g_strdup ("Y82000002500A");
  record.surname = g_strdup ("Able");
  id = wm_store_upsert_pupil (store, &record, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (wm_store_find_pupil_by_upn (store, "Y82000002500A"), ==, 1);
}

static void
test_pupils_get_missing (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_store_get_pupil (store, 7, &record, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
}

static void
test_pupils_list (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 school_id;
  WmPupilSummary *first;

  school_id = wm_store_ensure_school (store, "801", "2000", NULL,
                                      "Hill School", &error);
  add_pupil (store, 1, "Brown", "Amy", school_id);
  add_pupil (store, 2, "adams", "Zed", school_id);
  add_pupil (store, 3, "Adams", "Bob", 0);

  pupils = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pupils->len, ==, 3);

  first = pupils->pdata[0];
  g_assert_cmpstr (first->forename, ==, "Bob");
  g_assert_null (first->school_estab);
  g_assert_false (first->evaluated);
  g_assert_cmpstr (((WmPupilSummary *) pupils->pdata[1])->forename, ==, "Zed");
  g_assert_cmpstr (((WmPupilSummary *) pupils->pdata[1])->school_estab, ==,
                   "2000");
  g_assert_cmpstr (((WmPupilSummary *) pupils->pdata[1])->school_name, ==,
                   "Hill School");
  g_assert_cmpstr (((WmPupilSummary *) pupils->pdata[2])->surname, ==,
                   "Brown");

  ids = wm_store_list_pupil_ids (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 3);
}

static WmContactRecord
contact (gint        order,
         const char *surname,
         gboolean    responsibility)
{
  WmContactRecord record = { 0 };

  record.order = order;
  record.surname = (char *) surname;
  record.relationship = (char *) "Parent";
  record.parental_responsibility = responsibility;
  return record;
}

static void
test_contacts_replace_and_list (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pupil_id = add_pupil (store, 1, "Able", "Ann", 0);
  WmContactRecord two[] = { contact (2, "Second", FALSE),
                            contact (1, "First", TRUE) };
  WmContactRecord one[] = { contact (1, "Only", TRUE) };
  WmContactRecord *c;

  g_assert_true (wm_store_replace_contacts (store, pupil_id, two, 2, &error));
  contacts = wm_store_list_contacts (store, pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  c = contacts->pdata[0];
  g_assert_cmpint (c->order, ==, 1);
  g_assert_cmpstr (c->surname, ==, "First");
  g_assert_true (c->parental_responsibility);
  g_assert_cmpstr (((WmContactRecord *) contacts->pdata[1])->surname, ==,
                   "Second");

  /* A contact entered by hand survives a re-import. */
  exec_sql (store, "INSERT INTO contacts (pupil_id, ord, surname, "
                   "  parental_responsibility, imported) "
                   "VALUES (1, 9, 'Typed', 0, 0)");
  g_assert_true (wm_store_replace_contacts (store, pupil_id, one, 1, &error));
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = wm_store_list_contacts (store, pupil_id, &error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (((WmContactRecord *) contacts->pdata[0])->surname, ==,
                   "Only");
  g_assert_cmpstr (((WmContactRecord *) contacts->pdata[1])->surname, ==,
                   "Typed");

  g_assert_false (wm_store_replace_contacts (store, 99, one, 1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
}

/* Register marks */

typedef struct
{
  WmStore *store;
  gint64   school_id;
  gint64   pupil_id;
} MarksFixture;

static void
marks_setup (MarksFixture  *fixture,
             gconstpointer  data)
{
  fixture->store = open_new_store ();
  fixture->school_id = add_school (fixture->store, "2000");
  fixture->pupil_id = add_pupil (fixture->store, 1, "Able", "Ann",
                                 fixture->school_id);
}

static void
marks_teardown (MarksFixture  *fixture,
                gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static void
test_marks_merge_into_empty (MarksFixture  *f,
                             gconstpointer  data)
{
  g_autoptr(WmRegister) week = marks_from (2026, 3, 2, "/\\/\\/\\/\\NN");
  g_autoptr(WmRegister) stored = NULL;
  g_autoptr(GArray) dirty = NULL;
  guint set = 99, changed = 99;
  gint64 import_id;

  import_id = merge (f->store, "week.xml", f->pupil_id, f->school_id, week,
                     &set, &changed);
  g_assert_cmpuint (set, ==, 10);
  g_assert_cmpuint (changed, ==, 0);

  stored = load_register (f->store, f->pupil_id, f->school_id);
  g_assert_cmpuint (stored->first_day, ==, wm_day_from_ymd (2025, 9, 1));
  g_assert_cmpuint (stored->n_days, ==, 365);
  g_assert_cmpuint (count_codes (stored), ==, 10);
  g_assert_cmpuint (wm_register_get (stored, wm_day_from_ymd (2026, 3, 6),
                                     WM_SESSION_PM), ==, WM_MARK_N);
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id,
                                             wm_day_from_ymd (2026, 3, 2),
                                             WM_SESSION_AM), ==, import_id);
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id,
                                             wm_day_from_ymd (2026, 3, 7),
                                             WM_SESSION_AM), ==, 0);

  /* One row for the school year: 730 bytes of codes, one run of sources
   * (the weekend between is not in this week). */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM marks"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT year FROM marks"), ==, 2025);
  g_assert_cmpint (query_int (f->store, "SELECT length (codes) FROM marks"),
                   ==, 730);
  g_assert_cmpint (query_int (f->store, "SELECT length (sources) FROM marks"),
                   ==, 12);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM import_pupils "
                              "WHERE first_day = '2026-03-02' "
                              "AND last_day = '2026-03-06' AND n_set = 10"),
                   ==, 1);

  dirty = wm_store_take_dirty (f->store, NULL);
  g_assert_cmpuint (dirty->len, ==, 1);
  g_assert_cmpint (g_array_index (dirty, gint64, 0), ==, f->pupil_id);
}

static void
test_marks_same_again (MarksFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(WmRegister) week = marks_from (2026, 3, 2, "/\\/\\/\\/\\NN");
  guint set = 99, changed = 99;

  merge (f->store, "week.xml", f->pupil_id, f->school_id, week, &set,
         &changed);
  merge (f->store, "week.xml", f->pupil_id, f->school_id, week, &set,
         &changed);
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM mark_changes"),
                   ==, 0);
}

static void
test_marks_overlap_changes_code (MarksFixture  *f,
                                 gconstpointer  data)
{
  g_autoptr(WmRegister) week = marks_from (2026, 3, 2, "/\\/\\/\\/\\/\\");
  g_autoptr(WmRegister) wednesday = marks_from (2026, 3, 4, "O\\");
  g_autofree char *changes = NULL;
  g_autofree char *expected = NULL;
  WmDay wed = wm_day_from_ymd (2026, 3, 4);
  guint set = 0, changed = 0;
  gint64 first, second;

  first = merge (f->store, "a.xml", f->pupil_id, f->school_id, week, &set,
                 &changed);
  second = merge (f->store, "b.xml", f->pupil_id, f->school_id, wednesday,
                  &set, &changed);
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (changed, ==, 1);

  changes = query_text (f->store,
                        "SELECT group_concat (import_id || ' ' || day || ' ' "
                        "  || session || ' ' || old_code || '>' || new_code) "
                        "FROM mark_changes");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " 2026-03-04 AM />O",
                              second);
  g_assert_cmpstr (changes, ==, expected);

  g_assert_cmpuint (stored_mark (f->store, f->pupil_id, f->school_id, wed,
                                 WM_SESSION_AM), ==, WM_MARK_O);
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id, wed,
                                             WM_SESSION_AM), ==, second);

  /* The PM code was the same, so it still comes from the first import. */
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id, wed,
                                             WM_SESSION_PM), ==, first);
}

static void
test_marks_unmarked_never_erases (MarksFixture  *f,
                                  gconstpointer  data)
{
  g_autoptr(WmRegister) week = marks_from (2026, 3, 2, "/\\/\\/\\/\\/\\");
  g_autoptr(WmRegister) gaps = marks_from (2026, 3, 2, "-\\-\\-\\-\\-\\ --");
  g_autoptr(WmRegister) monday = marks_from (2026, 3, 9, "/\\");
  g_autoptr(WmRegister) stored = NULL;
  WmDay mon = wm_day_from_ymd (2026, 3, 9);
  guint set = 0, changed = 0;
  gint64 gap_import;

  merge (f->store, "a.xml", f->pupil_id, f->school_id, week, &set, &changed);

  /* Gaps over codes keep the codes; a gap over nothing is stored as a
   * gap, which extends the span but is not counted as set. */
  gap_import = merge (f->store, "gaps.xml", f->pupil_id, f->school_id, gaps,
                      &set, &changed);
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  stored = load_register (f->store, f->pupil_id, f->school_id);
  g_assert_cmpuint (count_codes (stored), ==, 10);
  g_assert_cmpuint (wm_register_get (stored, wm_day_from_ymd (2026, 3, 3),
                                     WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (stored, mon, WM_SESSION_AM), ==,
                    WM_MARK_UNMARKED);
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id, mon,
                                             WM_SESSION_AM), ==, gap_import);

  /* A code over a gap is set. */
  merge (f->store, "c.xml", f->pupil_id, f->school_id, monday, &set, &changed);
  g_assert_cmpuint (set, ==, 2);
  g_assert_cmpuint (changed, ==, 0);
}

static void
test_marks_span_crosses_september (MarksFixture  *f,
                                   gconstpointer  data)
{
  g_autoptr(WmRegister) week = marks_from (2027, 8, 30, "/\\/\\/\\/\\/\\");
  g_autoptr(WmRegister) stored = NULL;
  guint set = 0, changed = 0;

  /* Monday 30 August to Friday 3 September 2027: two school years, the
   * second of them with 29 February 2028 in it. */
  merge (f->store, "a.xml", f->pupil_id, f->school_id, week, &set, &changed);
  g_assert_cmpuint (set, ==, 10);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM marks"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT length (codes) FROM marks "
                              "WHERE year = 2026"), ==, 730);
  g_assert_cmpint (query_int (f->store, "SELECT length (codes) FROM marks "
                              "WHERE year = 2027"), ==, 732);

  stored = load_register (f->store, f->pupil_id, f->school_id);
  g_assert_cmpuint (stored->first_day, ==, wm_day_from_ymd (2026, 9, 1));
  g_assert_cmpuint (stored->n_days, ==, 365 + 366);
  g_assert_cmpuint (count_codes (stored), ==, 10);
  g_assert_cmpuint (wm_register_get (stored, wm_day_from_ymd (2027, 8, 31),
                                     WM_SESSION_PM), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (wm_register_get (stored, wm_day_from_ymd (2027, 9, 1),
                                     WM_SESSION_AM), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_register_get (stored, wm_day_from_ymd (2027, 9, 4),
                                     WM_SESSION_AM), ==, WM_MARK_NONE);
}

static void
test_marks_none_loaded_is_null (MarksFixture  *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRegister) reg = NULL;

  reg = wm_store_load_register (f->store, f->pupil_id, f->school_id, &error);
  g_assert_null (reg);
  g_assert_no_error (error);
}

/*
 * Overlapping imports. File 1 covers Monday 2 to Friday 6 March 2026 with
 * Friday `N` `N` (reason not yet established). File 2 covers Friday 6 to
 * Friday 13 March with `I` `I` for that Friday, the reason found later.
 * The later code replaces the earlier one and the change is recorded with
 * the import that made it; importing file 2 again changes nothing.
 */
static void
test_marks_overlapping_imports (MarksFixture  *f,
                                gconstpointer  data)
{
  g_autoptr(WmRegister) file1 = marks_from (2026, 3, 2, "/\\/\\/\\/\\NN");
  g_autoptr(WmRegister) file2 = marks_from (2026, 3, 6, "II /\\/\\/\\/\\/\\");
  g_autoptr(WmRegister) stored = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *expected = NULL;
  WmDay friday = wm_day_from_ymd (2026, 3, 6);
  guint set = 0, changed = 0;
  gint64 second, third;

  merge (f->store, "file1.xml", f->pupil_id, f->school_id, file1, &set,
         &changed);
  g_assert_cmpuint (set, ==, 10);

  second = merge (f->store, "file2.xml", f->pupil_id, f->school_id, file2,
                  &set, &changed);
  g_assert_cmpuint (set, ==, 10);
  g_assert_cmpuint (changed, ==, 2);

  third = merge (f->store, "file2.xml", f->pupil_id, f->school_id, file2,
                 &set, &changed);
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  stored = load_register (f->store, f->pupil_id, f->school_id);
  g_assert_cmpuint (count_codes (stored), ==, 20);
  g_assert_cmpuint (wm_register_get (stored, friday, WM_SESSION_AM), ==,
                    WM_MARK_I);
  g_assert_cmpuint (wm_register_get (stored, friday, WM_SESSION_PM), ==,
                    WM_MARK_I);

  changes = query_text (f->store,
                        "SELECT group_concat (import_id || ' ' || day || ' ' "
                        "  || session || ' ' || old_code || '>' || new_code, "
                        "  '; ') "
                        "FROM (SELECT * FROM mark_changes ORDER BY id)");
  expected = g_strdup_printf ("%1$" G_GINT64_FORMAT " 2026-03-06 AM N>I; "
                              "%1$" G_GINT64_FORMAT " 2026-03-06 PM N>I",
                              second);
  g_assert_cmpstr (changes, ==, expected);

  /* The third import wrote nothing, so Friday still comes from the second. */
  g_assert_cmpint (wm_store_get_mark_import (f->store, f->pupil_id,
                                             f->school_id, friday,
                                             WM_SESSION_PM), ==, second);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM import_pupils"),
                   ==, 3);

  /* Two runs of sources: the first import's Monday to Thursday, and the
   * second's Friday to Friday, the weekend between inside the run. */
  g_assert_cmpint (query_int (f->store, "SELECT length (sources) FROM marks"),
                   ==, 24);
  g_assert_cmpint (third, ==, second + 1);
}

static void
test_marks_invalid_value (MarksFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(WmRegister) reg = wm_register_new (wm_day_from_ymd (2026, 3, 2), 1);
  g_autoptr(GError) error = NULL;

  reg->marks[1] = WM_MARK_LAST + 1;
  g_assert_true (wm_store_begin (f->store, &error));
  g_assert_false (wm_store_merge_marks (f->store, 1, f->pupil_id,
                                        f->school_id, reg, NULL, NULL,
                                        &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "2026-03-02 PM"));
  wm_store_rollback (f->store);
}

/* The school calendar */

static void
merge_for (MarksFixture *f,
           gint64        pupil_id,
           const char   *text)
{
  g_autoptr(WmRegister) reg = marks_from (2026, 3, 2, text);
  guint set = 0, changed = 0;

  merge (f->store, "week.xml", pupil_id, f->school_id, reg, &set, &changed);
}

/*
 * A session is held when any pupil has a code other than `#` for it. So
 * Monday (codes), Thursday (one pupil's AM, the other's PM) and Friday
 * (`N` for one pupil, `#` for the other) are held. Tuesday has only `#`
 * (a planned closure) and Wednesday only gaps, so neither is held.
 */
static void
test_calendar_rebuild (MarksFixture  *f,
                       gconstpointer  data)
{
  gint64 other = add_pupil (f->store, 2, "Baker", "Ben", f->school_id);
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(GArray) dirty = NULL;
  g_autoptr(GError) error = NULL;
  WmDay mon = wm_day_from_ymd (2026, 3, 2);

  merge_for (f, f->pupil_id, "/\\##--/-NN");
  merge_for (f, other, "/\\##---\\##");
  g_clear_pointer (&dirty, g_array_unref);
  dirty = wm_store_take_dirty (f->store, &error);

  g_assert_true (wm_store_rebuild_calendar (f->store, f->school_id, &error));
  g_assert_no_error (error);
  calendar = wm_store_load_calendar (f->store, f->school_id, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (wm_calendar_n_held (calendar), ==, 6);
  g_assert_true (wm_calendar_is_held (calendar, mon, WM_SESSION_AM));
  g_assert_true (wm_calendar_is_held (calendar, mon, WM_SESSION_PM));
  g_assert_false (wm_calendar_is_held (calendar, mon + 1, WM_SESSION_AM));
  g_assert_false (wm_calendar_is_held (calendar, mon + 2, WM_SESSION_PM));
  g_assert_true (wm_calendar_is_held (calendar, mon + 3, WM_SESSION_AM));
  g_assert_true (wm_calendar_is_held (calendar, mon + 3, WM_SESSION_PM));
  g_assert_true (wm_calendar_is_held (calendar, mon + 4, WM_SESSION_PM));

  /* The calendar changed, so both pupils need evaluating again. The same
   * rebuild again changes nothing and marks no pupil. */
  g_clear_pointer (&dirty, g_array_unref);
  dirty = wm_store_take_dirty (f->store, &error);
  g_assert_cmpuint (dirty->len, ==, 2);
  g_assert_true (wm_store_rebuild_calendar (f->store, f->school_id, &error));
  g_clear_pointer (&dirty, g_array_unref);
  dirty = wm_store_take_dirty (f->store, &error);
  g_assert_cmpuint (dirty->len, ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM school_sessions "
                              "WHERE day = '2026-03-05'"), ==, 2);
}

/* Rule values */

static void
test_rules_defaults (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  WmRules rules = { 0 };

  g_assert_true (wm_store_load_rules (store, 0, &rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 900);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 800);
  g_assert_cmpuint (rules.level_window_weeks, ==, 4);
  g_assert_cmpuint (rules.threshold_window_weeks, ==, 10);
  g_assert_cmpuint (rules.threshold_sessions, ==, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rule_values "
                              "WHERE school_id IS NULL"), ==, 5);
}

static void
test_rules_school_override (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  gint64 hill = add_school (store, "2000");
  gint64 dale = add_school (store, "2001");
  WmRules rules = { 0 };

  g_assert_true (wm_store_set_rule (store, hill, WM_RULE_LEVEL_WINDOW, 6,
                                    &error));
  g_assert_true (wm_store_set_rule (store, 0, WM_RULE_THRESHOLD_SESSIONS, 12,
                                    &error));
  g_assert_no_error (error);

  g_assert_true (wm_store_load_rules (store, hill, &rules, &error));
  g_assert_cmpuint (rules.level_window_weeks, ==, 6);
  g_assert_cmpuint (rules.threshold_sessions, ==, 12);
  g_assert_true (wm_store_load_rules (store, dale, &rules, &error));
  g_assert_cmpuint (rules.level_window_weeks, ==, 4);
  g_assert_cmpuint (rules.threshold_sessions, ==, 12);
  g_assert_true (wm_store_load_rules (store, 0, &rules, &error));
  g_assert_cmpuint (rules.level_window_weeks, ==, 4);
  g_assert_no_error (error);
}

static void
test_rules_invalid_rejected (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  gint64 hill = add_school (store, "2000");
  WmRules rules = { 0 };

  /* Level 1 must start above Level 2. */
  g_assert_false (wm_store_set_rule (store, 0, WM_RULE_LEVEL1_FLOOR, 700,
                                     &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (wm_store_set_rule (store, 0, "level-colour", 1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A value for every school that conflicts with one school's own. */
  g_assert_true (wm_store_set_rule (store, hill, WM_RULE_LEVEL1_FLOOR, 850,
                                    &error));
  g_assert_false (wm_store_set_rule (store, 0, WM_RULE_LEVEL2_FLOOR, 860,
                                     &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);

  g_clear_error (&error);
  g_assert_true (wm_store_load_rules (store, 0, &rules, &error));
  g_assert_cmpuint (rules.level1_floor_tenths, ==, 900);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 800);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), ==, 1);
}

static void
test_rules_audited (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  gint64 hill = add_school (store, "2000");
  g_autofree char *detail = NULL;
  g_autofree char *action = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (wm_store_set_rule (store, hill, WM_RULE_LEVEL_WINDOW, 6,
                                    &error));
  /* The same value again is not a change. */
  g_assert_true (wm_store_set_rule (store, hill, WM_RULE_LEVEL_WINDOW, 6,
                                    &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), ==, 1);
  action = query_text (store, "SELECT action || ' ' || object_kind "
                              "FROM audit_log");
  g_assert_cmpstr (action, ==, "set-rule rule");
  detail = query_text (store, "SELECT detail FROM audit_log");
  expected = g_strdup_printf ("key=level-window-weeks school=%" G_GINT64_FORMAT
                              " old=4 new=6", hill);
  g_assert_cmpstr (detail, ==, expected);
}

/* Evaluations, level history and the dirty set */

static WmEvaluation
evaluation_at_level (gint level)
{
  WmEvaluation e;

  memset (&e, 0, sizeof e);
  e.as_of = wm_day_from_ymd (2026, 3, 13);
  e.window_start = wm_day_from_ymd (2026, 2, 16);
  e.window_end = e.as_of;
  e.window_weeks = 4;
  e.window.present = 33;
  e.window.unauthorised = 7;
  e.attended = 33;
  e.possible = 40;
  e.percent_tenths = 825;
  e.range_low_tenths = 825;
  e.range_high_tenths = 825;
  e.level = level;
  e.level_high = level;
  e.threshold_start = wm_day_from_ymd (2026, 1, 5);
  e.unauthorised_threshold_weeks = 7;
  e.ytd.present = 200;
  e.ytd_attended = 200;
  e.ytd_possible = 220;
  e.persistent_absence = FALSE;
  return e;
}

static void
test_evaluations_level_history (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pupil_id = add_pupil (store, 1, "Able", "Ann", 0);
  gint64 other = add_pupil (store, 2, "Baker", "Ben", 0);
  WmEvaluation e = evaluation_at_level (2);
  WmEvaluation not_placed = evaluation_at_level (WM_LEVEL_NULL);
  WmPupilSummary *summary;
  gboolean changed = FALSE;
  g_autofree char *reason = NULL;
  g_autofree char *expected = wm_evaluation_describe (&e);

  g_assert_true (wm_store_save_evaluation (store, pupil_id, &e, &changed,
                                           &error));
  g_assert_true (changed);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM level_history "
                              "WHERE old_level IS NULL AND level = 2"), ==, 1);
  reason = query_text (store, "SELECT reason FROM level_history");
  g_assert_cmpstr (reason, ==, expected);

  g_assert_true (wm_store_save_evaluation (store, pupil_id, &e, &changed,
                                           &error));
  g_assert_false (changed);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM level_history"),
                   ==, 1);

  e.level = e.level_high = 3;
  g_assert_true (wm_store_save_evaluation (store, pupil_id, &e, &changed,
                                           &error));
  g_assert_true (changed);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM level_history "
                              "WHERE old_level = 2 AND level = 3"), ==, 1);

  /* An evaluation that cannot place the pupil starts no history. */
  g_assert_true (wm_store_save_evaluation (store, other, &not_placed,
                                           &changed, &error));
  g_assert_false (changed);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM level_history"),
                   ==, 2);

  /* The stored evaluation reads back field for field. */
  pupils = wm_store_list_pupils (store, &error);
  summary = pupils->pdata[0];
  g_assert_cmpint (summary->id, ==, pupil_id);
  g_assert_true (summary->evaluated);
  g_assert_cmpmem (&summary->evaluation, sizeof e, &e, sizeof e);
  summary = pupils->pdata[1];
  g_assert_cmpmem (&summary->evaluation, sizeof e, &not_placed, sizeof e);
}

/* The window refreshes only the rows the evaluator wrote, and the
 * evaluator starts only with pupils whose evaluation or response summary
 * is missing or old: Dale was evaluated today but has no summary, as
 * after the upgrade that added them. */
static void
test_evaluations_by_id_and_stale (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 able = add_pupil (store, 1, "Able", "Ann", 0);
  gint64 baker = add_pupil (store, 2, "Baker", "Ben", 0);
  gint64 cole = add_pupil (store, 3, "Cole", "Cat", 0);
  gint64 dale = add_pupil (store, 4, "Dale", "Dee", 0);
  gint64 missing = 999;
  WmEvaluation today = evaluation_at_level (2);
  WmEvaluation yesterday = evaluation_at_level (1);
  WmResponseSummary summary = { today.as_of, 0, 0, 0, 0, WM_DAY_NONE };

  yesterday.as_of = today.as_of - 1;
  g_assert_true (wm_store_save_evaluation (store, able, &today, NULL, &error));
  g_assert_true (wm_store_save_response_summary (store, able, &summary,
                                                 &error));
  g_assert_true (wm_store_save_evaluation (store, dale, &today, NULL, &error));
  g_assert_true (wm_store_save_evaluation (store, baker, &yesterday, NULL,
                                           &error));
  g_assert_no_error (error);

  g_array_append_val (wanted, baker);
  g_array_append_val (wanted, missing);
  picked = wm_store_list_pupils_by_id (store, wanted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_cmpint (((WmPupilSummary *) picked->pdata[0])->id, ==, baker);
  g_assert_cmpstr (((WmPupilSummary *) picked->pdata[0])->surname, ==, "Baker");
  g_assert_true (((WmPupilSummary *) picked->pdata[0])->evaluated);
  g_assert_cmpint (((WmPupilSummary *) picked->pdata[0])->evaluation.level,
                   ==, 1);

  stale = wm_store_list_stale_pupil_ids (store, today.as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stale->len, ==, 3);
  g_assert_cmpint (g_array_index (stale, gint64, 0), ==, baker);
  g_assert_cmpint (g_array_index (stale, gint64, 1), ==, cole);
  g_assert_cmpint (g_array_index (stale, gint64, 2), ==, dale);
}

static void
test_dirty_take_once (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = add_pupil (store, 1, "Able", "Ann", 0);
  gint64 b = add_pupil (store, 2, "Baker", "Ben", 0);

  g_assert_true (wm_store_mark_dirty (store, b, &error));
  g_assert_true (wm_store_mark_dirty (store, a, &error));
  g_assert_true (wm_store_mark_dirty (store, b, &error));
  g_assert_no_error (error);

  ids = wm_store_take_dirty (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, b);

  g_clear_pointer (&ids, g_array_unref);
  ids = wm_store_take_dirty (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
}

/* The audit log */

static WmStore *
store_with_audit_chain (void)
{
  WmStore *store = open_new_store ();
  g_autoptr(GError) error = NULL;

  for (gint i = 1; i <= 5; i++)
    {
      g_autofree char *detail = g_strdup_printf ("count=%d", i);

      g_assert_true (wm_store_audit (store, "test", "pupil", i, detail,
                                     &error));
      g_assert_no_error (error);
    }

  return store;
}

static void
assert_audit_bad (WmStore *store,
                  gint64   expected_bad)
{
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;
  gboolean ok;

  ok = wm_store_verify_audit (store, &bad, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ok, ==, expected_bad == 0);
  g_assert_cmpint (bad, ==, expected_bad);
}

static void
test_audit_chain_verifies (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();
  g_autofree char *first_prev = NULL;
  g_autofree char *at = NULL;

  assert_audit_bad (store, 0);
  first_prev = query_text (store,
                           "SELECT prev_hash FROM audit_log WHERE id = 1");
  g_assert_cmpstr (first_prev, ==, "0000000000000000000000000000000000000000"
                                   "000000000000000000000000");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log a "
                              "JOIN audit_log b ON b.id = a.id + 1 "
                              "WHERE b.prev_hash = a.hash"), ==, 4);

  /* Moments are UTC, to the second. */
  at = query_text (store, "SELECT at FROM audit_log WHERE id = 1");
  g_assert_cmpuint (strlen (at), ==, 20);
  g_assert_cmpint (at[19], ==, 'Z');
}

static void
test_audit_edited_detail (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();

  exec_sql (store, "UPDATE audit_log SET detail = 'count=30' WHERE id = 3");
  assert_audit_bad (store, 3);
}

static void
test_audit_deleted_middle (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();

  exec_sql (store, "DELETE FROM audit_log WHERE id = 3");
  assert_audit_bad (store, 4);
}

static void
test_audit_reordered (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();

  /* Swapping two entries' contents, hashes and all. */
  exec_sql (store, "UPDATE audit_log SET id = -2 WHERE id = 2;"
                   "UPDATE audit_log SET id = 2 WHERE id = 3;"
                   "UPDATE audit_log SET id = 3 WHERE id = -2;");
  assert_audit_bad (store, 2);
}

static void
test_audit_renumbered (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();

  exec_sql (store, "UPDATE audit_log SET id = 6 WHERE id = 5");
  assert_audit_bad (store, 6);
}

static void
test_audit_truncated_tail (void)
{
  g_autoptr(WmStore) store = store_with_audit_chain ();

  exec_sql (store, "DELETE FROM audit_log WHERE id >= 4");
  assert_audit_bad (store, 4);
}

static void
test_import_recorded_and_audited (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  gint64 school_id = add_school (store, "2000");
  gint64 import_id;

  import_id = wm_store_begin_import (store, "ctf", "Able Ann.xml",
                                     "ab12", &error);
  g_assert_true (wm_store_finish_import (store, import_id, school_id, 2, 20,
                                         2, "first\nsecond\n", &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM imports "
                              "WHERE finished_at IS NOT NULL AND n_pupils = 2 "
                              "AND n_marks_set = 20 AND n_marks_changed = 2 "
                              "AND file_name = 'Able Ann.xml'"), ==, 1);

  /* The file name may carry a name, so the audit log has counts only. */
  detail = query_text (store, "SELECT action || ' ' || object_id || ' ' || "
                              "detail FROM audit_log");
  g_assert_cmpstr (detail, ==, "import 1 school=1 pupils=2 set=20 changed=2 "
                               "warnings=2");

  g_assert_false (wm_store_finish_import (store, 42, 0, 0, 0, 0, NULL,
                                          &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
}

static void
test_attendance_history_once (void)
{
  g_autoptr(WmStore) store = open_new_store ();
  g_autoptr(GError) error = NULL;
  gint64 pupil_id = add_pupil (store, 1, "Able", "Ann", 0);
  WmDay start = wm_day_from_ymd (2024, 9, 2);

  for (guint i = 0; i < 2; i++)
    g_assert_true (wm_store_add_attendance_history (store, pupil_id, 0, 2024,
                                                    "802", "3000", "Dale",
                                                    300, 10, -1, start,
                                                    "/\\/\\", &error));
  g_assert_true (wm_store_add_attendance_history (store, pupil_id, 0, 2024,
                                                  "802", "3000", "Dale",
                                                  300, 12, -1, start,
                                                  "/\\/\\", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM attendance_history"),
                   ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM attendance_history "
                              "WHERE sessions_unauthorised IS NULL "
                              "AND start_date = '2024-09-02'"), ==, 2);
}

/* The timeline */

static void
test_timeline_newest_first (MarksFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(WmRegister) file1 = marks_from (2026, 3, 2, "/\\/\\/\\/\\NN");
  g_autoptr(WmRegister) file2 = marks_from (2026, 3, 6, "II /\\/\\/\\/\\/\\");
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  WmEvaluation e = evaluation_at_level (2);
  WmTimelineEntry *entry;
  guint set = 0, changed = 0;
  gint64 second;

  merge (f->store, "file1.xml", f->pupil_id, f->school_id, file1, &set,
         &changed);
  second = merge (f->store, "file2.xml", f->pupil_id, f->school_id, file2,
                  &set, &changed);
  g_assert_true (wm_store_save_evaluation (f->store, f->pupil_id, &e, NULL,
                                           &error));
  e.level = e.level_high = 3;
  g_assert_true (wm_store_save_evaluation (f->store, f->pupil_id, &e, NULL,
                                           &error));

  timeline = wm_store_list_timeline (f->store, f->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 4);

  /* Imports are dated by the day they were made (today), level changes
   * by the evaluation date, 13 March 2026. */
  entry = timeline->pdata[0];
  g_assert_cmpstr (entry->kind, ==, "import");
  g_assert_cmpint (entry->object_id, ==, second);
  g_assert_cmpuint (entry->day, ==, wm_day_today ());
  g_assert_cmpstr (entry->title, ==, "Register imported from file2.xml: "
                                     "10 sessions, 2 changed");
  g_assert_cmpstr (entry->detail, ==, "Covers 6 to 13 March 2026");
  entry = timeline->pdata[1];
  g_assert_cmpstr (entry->title, ==, "Register imported from file1.xml: "
                                     "10 sessions, 0 changed");
  g_assert_cmpuint (entry->day, ==, wm_day_today ());
  g_assert_cmpstr (entry->detail, ==, "Covers 2 to 6 March 2026");
  entry = timeline->pdata[2];
  g_assert_cmpstr (entry->kind, ==, "level-change");
  g_assert_cmpstr (entry->title, ==, "Level 3 (was Level 2)");
  g_assert_cmpuint (entry->day, ==, wm_day_from_ymd (2026, 3, 13));
  entry = timeline->pdata[3];
  g_assert_cmpstr (entry->title, ==, "Level 2");
}

/* Importing the same file again changes no session, so it adds nothing to
 * the pupil's Timeline. */
static void
test_timeline_skips_unchanged_import (MarksFixture  *f,
                                      gconstpointer  data)
{
  g_autoptr(WmRegister) file1 = marks_from (2026, 3, 2, "/\\/\\/\\/\\NN");
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  guint set = 0, changed = 0;

  merge (f->store, "file1.xml", f->pupil_id, f->school_id, file1, &set,
         &changed);
  merge (f->store, "file1.xml", f->pupil_id, f->school_id, file1, &set,
         &changed);
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  timeline = wm_store_list_timeline (f->store, f->pupil_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
}

static void
add_marks_test (const char *path,
                void      (*func) (MarksFixture *, gconstpointer))
{
  g_test_add (path, MarksFixture, NULL, marks_setup, func, marks_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/new-file-private", test_open_new_file_private);
  g_test_add_func ("/store/open/tables-strict", test_open_tables_strict);
  g_test_add_func ("/store/open/reopen-keeps-data",
                   test_open_reopen_keeps_data);
  g_test_add_func ("/store/open/refuses-other-application",
                   test_open_refuses_other_application);
  g_test_add_func ("/store/open/refuses-other-program-tables",
                   test_open_refuses_other_program_tables);
  g_test_add_func ("/store/open/refuses-random-bytes",
                   test_open_refuses_random_bytes);
  g_test_add_func ("/store/open/refuses-truncated",
                   test_open_refuses_truncated);
  g_test_add_func ("/store/open/refuses-newer-version",
                   test_open_refuses_newer_version);
  g_test_add_func ("/store/open/refuses-short-header",
                   test_open_refuses_short_header);
  g_test_add_func ("/store/open/refuses-newer-version-in-wal",
                   test_open_refuses_newer_version_in_wal);
  g_test_add_func ("/store/open/refuses-empty-file",
                   test_open_refuses_empty_file);
  g_test_add_func ("/store/open/refuses-read-only-file",
                   test_open_refuses_read_only_file);
  g_test_add_func ("/store/open/refuses-read-only-folder",
                   test_open_refuses_read_only_folder);
  g_test_add_func ("/store/open/refuses-read-only-through-symlink",
                   test_open_refuses_read_only_through_symlink);
  g_test_add_func ("/store/open/busy", test_open_busy);
  g_test_add_func ("/store/open/second-store-keeps-locks",
                   test_open_second_store_keeps_locks);
  g_test_add_func ("/store/open/recovers-from-wal",
                   test_open_recovers_from_wal);
  g_test_add_func ("/store/open/database-error", test_open_database_error);
  g_test_add_func ("/store/integrity-check", test_integrity_check);

  g_test_add_data_func ("/store/migrate/from-empty", GINT_TO_POINTER (0),
                        test_migrate_from);
  for (int v = 1; v <= WM_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/from-version-%d",
                                               v);

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_migrate_from);
    }

  g_test_add_func ("/store/migrate/rebuilds-record-views",
                   test_migrate_rebuilds_record_views);

  g_test_add_func ("/store/schools/ensure", test_schools_ensure);
  g_test_add_func ("/store/pupils/upsert-null-keeps",
                   test_pupils_upsert_null_keeps);
  g_test_add_func ("/store/pupils/name-key", test_pupils_name_key);
  g_test_add_func ("/store/pupils/invalid-upn", test_pupils_invalid_upn);
  g_test_add_func ("/store/pupils/temporary-upn", test_pupils_temporary_upn);
  g_test_add_func ("/store/pupils/get-missing", test_pupils_get_missing);
  g_test_add_func ("/store/pupils/list", test_pupils_list);
  g_test_add_func ("/store/contacts/replace-and-list",
                   test_contacts_replace_and_list);

  add_marks_test ("/store/marks/merge-into-empty", test_marks_merge_into_empty);
  add_marks_test ("/store/marks/same-again", test_marks_same_again);
  add_marks_test ("/store/marks/overlap-changes-code",
                  test_marks_overlap_changes_code);
  add_marks_test ("/store/marks/unmarked-never-erases",
                  test_marks_unmarked_never_erases);
  add_marks_test ("/store/marks/span-crosses-september",
                  test_marks_span_crosses_september);
  add_marks_test ("/store/marks/none-loaded-is-null",
                  test_marks_none_loaded_is_null);
  add_marks_test ("/store/marks/overlapping-imports",
                  test_marks_overlapping_imports);
  add_marks_test ("/store/marks/invalid-value", test_marks_invalid_value);
  add_marks_test ("/store/calendar/rebuild", test_calendar_rebuild);
  add_marks_test ("/store/timeline/newest-first", test_timeline_newest_first);
  add_marks_test ("/store/timeline/skips-unchanged-import",
                  test_timeline_skips_unchanged_import);

  g_test_add_func ("/store/rules/defaults", test_rules_defaults);
  g_test_add_func ("/store/rules/school-override", test_rules_school_override);
  g_test_add_func ("/store/rules/invalid-rejected",
                   test_rules_invalid_rejected);
  g_test_add_func ("/store/rules/audited", test_rules_audited);
  g_test_add_func ("/store/evaluations/level-history",
                   test_evaluations_level_history);
  g_test_add_func ("/store/dirty/take-once", test_dirty_take_once);
  g_test_add_func ("/store/evaluations/by-id-and-stale",
                   test_evaluations_by_id_and_stale);
  g_test_add_func ("/store/audit/chain-verifies", test_audit_chain_verifies);
  g_test_add_func ("/store/audit/edited-detail", test_audit_edited_detail);
  g_test_add_func ("/store/audit/deleted-middle", test_audit_deleted_middle);
  g_test_add_func ("/store/audit/reordered", test_audit_reordered);
  g_test_add_func ("/store/audit/renumbered", test_audit_renumbered);
  g_test_add_func ("/store/audit/truncated-tail", test_audit_truncated_tail);
  g_test_add_func ("/store/imports/recorded-and-audited",
                   test_import_recorded_and_audited);
  g_test_add_func ("/store/attendance-history/once",
                   test_attendance_history_once);

  return g_test_run ();
}
