/* test-backup.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups, restores, rotation and encrypted copies, on real SQLite files
 * filled by real imports of generated Common Transfer Files.
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-backup.h"
#include "wm-crypt.h"
#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-import.h"
#include "wm-sample.h"
#include "wm-store.h"
#include "wm-test-util.h"

#define PASSPHRASE "correct horse battery staple"

/* 64 KiB of plaintext per chunk; the format's header is 68 bytes and
 * every sealed chunk carries 17 bytes of tag and MAC. */
#define CHUNK_LENGTH 65536
#define CRYPT_HEADER_LENGTH 68
#define SEALED_CHUNK_LENGTH (CHUNK_LENGTH + 17)

/* Helpers */

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) contents, length);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
write_ctf (const char *path,
           guint64     seed,
           const char *estab,
           guint       n_pupils)
{
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.seed = seed;
  options.estab = estab;
  options.n_pupils = n_pupils;
  wm_sample_write_ctf_file (&options, path, &error);
  g_assert_no_error (error);
}

/* Imports a generated file of @n_pupils pupils at school @estab. */
static void
import_sample (WmStore    *store,
               guint64     seed,
               const char *estab,
               guint       n_pupils)
{
  g_autofree char *name = g_strdup_printf ("sample-%s.xml", estab);
  g_autofree char *ctf = wm_test_file_path (name);
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  write_ctf (ctf, seed, estab, n_pupils);
  wm_ctf_global_init ();
  report = wm_import_file (store, ctf, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, n_pupils);
}

/* A database with one import of 12 pupils at school 2001. */
static WmStore *
open_live_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (path, &error);

  g_assert_no_error (error);
  import_sample (store, 1, "2001", 12);
  return store;
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

/* A SHA-256 over every column of every row that @sql returns, so that
 * two databases can be compared table by table. */
static char *
digest_rows (sqlite3    *db,
             const char *sql)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const void *blob = sqlite3_column_blob (stmt, i);
        int length = sqlite3_column_bytes (stmt, i);

        g_checksum_update (checksum, (const guchar *) "|", 1);
        if (blob != NULL)
          g_checksum_update (checksum, blob, length);
      }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (checksum));
}

static sqlite3 *
open_read_only (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
}

static void
assert_missing (const char *path)
{
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The link @link_path still points, by the same words, to @target. */
static void
assert_link_kept (const char *link_path,
                  const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read_target = g_file_read_link (link_path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpstr (read_target, ==, target);
}

/* Lists the files of @folder whose names start with a dot: the temporary
 * files of an unfinished write. */
static guint
count_hidden_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      n++;
  return n;
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);

  g_assert_cmpuint (offset, <, length);
  copy[offset] ^= 0x01;
  write_bytes (path, copy, length);
}

static void
truncate_file (const char *path,
               gsize       length)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  g_assert_cmpuint (length, <, g_bytes_get_size (bytes));
  write_bytes (path, g_bytes_get_data (bytes, NULL), length);
}

/* A file of @length pseudo-random bytes, the same every run. */
static void
write_random_file (const char *path,
                   gsize       length,
                   guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *data = g_malloc (MAX (length, 1));

  for (gsize i = 0; i < length; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  write_bytes (path, data, length);
}

/* Encryption */

static void
assert_round_trip (gsize length)
{
  g_autofree char *plain = wm_test_file_path ("plain.bin");
  g_autofree char *sealed = wm_test_file_path ("sealed.wmbk");
  g_autofree char *opened = wm_test_file_path ("opened.bin");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_chunks = length / CHUNK_LENGTH + 1;
  GStatBuf info;

  write_random_file (plain, length, 7);
  g_assert_true (wm_crypt_encrypt_file (plain, sealed, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_mode_0600 (sealed);
  g_assert_true (wm_crypt_is_encrypted_file (sealed));
  g_assert_false (wm_crypt_is_encrypted_file (plain));

  /* The header, then one sealed chunk per started 64 KiB, plus an empty
   * final chunk when the length is a multiple of 64 KiB. */
  g_assert_cmpint (g_stat (sealed, &info), ==, 0);
  g_assert_cmpint (info.st_size, ==,
                   CRYPT_HEADER_LENGTH + length + 17 * n_chunks);

  g_assert_true (wm_crypt_decrypt_file (sealed, opened, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_mode_0600 (opened);

  before = read_bytes (plain);
  after = read_bytes (opened);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_crypt_round_trip (void)
{
  assert_round_trip (200 * 1024 + 3);
}

static void
test_crypt_round_trip_edges (void)
{
  assert_round_trip (0);
  assert_round_trip (1);
  assert_round_trip (CHUNK_LENGTH);
  assert_round_trip (2 * CHUNK_LENGTH);
}

/* Two encryptions of the same file differ, because the salt and the
 * stream's nonce are random. */
static void
test_crypt_random_salt (void)
{
  g_autofree char *plain = wm_test_file_path ("plain.bin");
  g_autofree char *first = wm_test_file_path ("first.wmbk");
  g_autofree char *second = wm_test_file_path ("second.wmbk");
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GError) error = NULL;

  write_random_file (plain, 1000, 3);
  g_assert_true (wm_crypt_encrypt_file (plain, first, PASSPHRASE, &error));
  g_assert_true (wm_crypt_encrypt_file (plain, second, PASSPHRASE, &error));
  g_assert_no_error (error);

  first_bytes = read_bytes (first);
  second_bytes = read_bytes (second);
  g_assert_cmpuint (g_bytes_get_size (first_bytes), ==,
                    g_bytes_get_size (second_bytes));
  g_assert_false (g_bytes_equal (first_bytes, second_bytes));
}

/* Encrypts a 200 KiB file (four chunks) and returns the paths. */
static void
make_sealed_file (char **out_sealed,
                  char **out_opened)
{
  g_autofree char *plain = wm_test_file_path ("plain.bin");
  g_autoptr(GError) error = NULL;

  *out_sealed = wm_test_file_path ("sealed.wmbk");
  *out_opened = wm_test_file_path ("opened.bin");
  write_random_file (plain, 200 * 1024, 11);
  g_assert_true (wm_crypt_encrypt_file (plain, *out_sealed, PASSPHRASE,
                                        &error));
  g_assert_no_error (error);
}

/* A failed decryption leaves neither the output nor a temporary file. */
static void
assert_decrypt_fails (const char *sealed,
                      const char *opened,
                      const char *passphrase,
                      const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (opened);

  g_assert_false (wm_crypt_decrypt_file (sealed, opened, passphrase, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, sealed));
  g_assert_nonnull (strstr (error->message, expected_text));
  assert_missing (opened);
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);
}

static void
test_crypt_wrong_passphrase (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;

  make_sealed_file (&sealed, &opened);
  assert_decrypt_fails (sealed, opened, "correct horse battery stapler",
                        "the passphrase is wrong");
}

static void
test_crypt_flipped_byte (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;
  GStatBuf info;

  make_sealed_file (&sealed, &opened);
  g_assert_cmpint (g_stat (sealed, &info), ==, 0);

  /* The middle of the file is inside the second of four chunks, so
   * the first chunk's plaintext had been written before the failure. */
  flip_byte (sealed, info.st_size / 2);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "damaged or was changed after it was written");
}

static void
test_crypt_flipped_header_byte (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;

  /* Byte 30 is in the salt: the key changes and the first chunk fails. */
  make_sealed_file (&sealed, &opened);
  flip_byte (sealed, 30);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "the passphrase is wrong, or the file is damaged");
}

/* Bytes 8 to 10 give the format, the key derivation and the cipher. Only
 * a higher format is a newer Waymark's file; anything else there is
 * damage, and the message must not send the officer to update. */
static void
test_crypt_damaged_format_bytes (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length = 0;

  make_sealed_file (&sealed, &opened);
  flip_byte (sealed, 10);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "is damaged: its header names no encryption this "
                        "version of Waymark wrote");
  flip_byte (sealed, 10);
  flip_byte (sealed, 8);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "is damaged: its header names no encryption this "
                        "version of Waymark wrote");

  bytes = read_bytes (sealed);
  copy = g_memdup2 (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));
  copy[8] = 2;
  write_bytes (sealed, copy, length);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "was encrypted by a newer version of Waymark (format 2)");
}

static void
test_crypt_truncated_at_chunk (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;

  /* 200 KiB is three full chunks and a final one of 8 KiB: cutting after
   * the third chunk drops the FINAL tag and nothing else. */
  make_sealed_file (&sealed, &opened);
  truncate_file (sealed, CRYPT_HEADER_LENGTH + 3 * SEALED_CHUNK_LENGTH);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "incomplete: it ends before its last part");
}

static void
test_crypt_truncated_mid_chunk (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;

  make_sealed_file (&sealed, &opened);
  truncate_file (sealed, CRYPT_HEADER_LENGTH + 2 * SEALED_CHUNK_LENGTH + 100);
  assert_decrypt_fails (sealed, opened, PASSPHRASE, "damaged");
}

static void
test_crypt_truncated_header (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;

  make_sealed_file (&sealed, &opened);
  truncate_file (sealed, 50);
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "incomplete: it ends inside its header");
}

static void
test_crypt_appended_data (void)
{
  g_autofree char *sealed = NULL;
  g_autofree char *opened = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) longer = NULL;

  make_sealed_file (&sealed, &opened);
  bytes = read_bytes (sealed);
  longer = g_byte_array_new ();
  g_byte_array_append (longer, g_bytes_get_data (bytes, NULL),
                       g_bytes_get_size (bytes));
  g_byte_array_append (longer, (const guint8 *) "x", 1);
  write_bytes (sealed, longer->data, longer->len);

  /* The extra byte is read as part of the last chunk, whose MAC fails. */
  assert_decrypt_fails (sealed, opened, PASSPHRASE,
                        "damaged or was changed after it was written");
}

static void
test_crypt_not_encrypted (void)
{
  g_autofree char *plain = wm_test_file_path ("plain.bin");
  g_autofree char *opened = wm_test_file_path ("opened.bin");

  write_random_file (plain, 5000, 5);
  assert_decrypt_fails (plain, opened, PASSPHRASE,
                        "is not an encrypted Waymark backup");
}

static void
test_crypt_empty_passphrase (void)
{
  g_autofree char *plain = wm_test_file_path ("plain.bin");
  g_autofree char *sealed = wm_test_file_path ("sealed.wmbk");
  g_autofree char *folder = g_path_get_dirname (sealed);
  g_autoptr(GError) error = NULL;

  write_random_file (plain, 5000, 5);
  g_assert_false (wm_crypt_encrypt_file (plain, sealed, "", &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "passphrase is empty"));
  assert_missing (sealed);
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);
}

static void
test_crypt_passphrase_file (void)
{
  g_autofree char *path = wm_test_file_path ("passphrase.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPassphrase) unix_line = NULL;
  g_autoptr(WmPassphrase) dos_line = NULL;
  g_autoptr(WmPassphrase) spaces = NULL;
  g_autoptr(WmPassphrase) empty = NULL;
  g_autoptr(WmPassphrase) two_lines = NULL;

  write_bytes (path, "horse stable\n", 13);
  unix_line = wm_crypt_read_passphrase_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unix_line, ==, "horse stable");

  write_bytes (path, "horse stable\r\n", 14);
  dos_line = wm_crypt_read_passphrase_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dos_line, ==, "horse stable");

  /* Only the line break is dropped: spaces are part of the passphrase. */
  write_bytes (path, " horse  ", 8);
  spaces = wm_crypt_read_passphrase_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spaces, ==, " horse  ");

  write_bytes (path, "\n", 1);
  empty = wm_crypt_read_passphrase_file (path, &error);
  g_assert_null (empty);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  write_bytes (path, "one\ntwo\n", 8);
  two_lines = wm_crypt_read_passphrase_file (path, &error);
  g_assert_null (two_lines);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
}

/* Backups */

static void
assert_same_data (const char *live_path,
                  const char *backup_path)
{
  static const char * const queries[] = {
    "SELECT * FROM pupils ORDER BY id",
    "SELECT * FROM marks ORDER BY 1, 2, 3",
    "SELECT * FROM contacts ORDER BY id",
    "SELECT * FROM imports ORDER BY id",
  };
  sqlite3 *live = NULL;
  sqlite3 *backup = open_read_only (backup_path);

  g_assert_cmpint (sqlite3_open_v2 (live_path, &live, SQLITE_OPEN_READWRITE,
                                    NULL), ==, SQLITE_OK);
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *expected = digest_rows (live, queries[i]);
      g_autofree char *actual = digest_rows (backup, queries[i]);

      g_assert_cmpstr (actual, ==, expected);
    }

  sqlite3_close (backup);
  sqlite3_close (live);
}

static void
test_backup_same_data (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *backup_wal = g_strconcat (backup_path, "-wal", NULL);
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(WmStore) backup = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *header;

  g_assert_true (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_no_error (error);

  /* A self-contained file: rollback journal mode (file format bytes 18
   * and 19 are 1, not WAL's 2), and no -wal beside it. */
  bytes = read_bytes (backup_path);
  header = g_bytes_get_data (bytes, NULL);
  g_assert_cmpmem (header, 16, "SQLite format 3", 16);
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);
  assert_missing (backup_wal);

  assert_same_data (live_path, backup_path);

  backup = wm_store_open (backup_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM pupils"), ==, 12);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM marks"), ==,
                   query_int (store, "SELECT count(*) FROM marks"));
  g_assert_true (wm_store_integrity_check (backup, &error));
  g_assert_true (wm_store_verify_audit (backup, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup_audit_entry (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sha256 = NULL;
  GStatBuf info;

  g_assert_true (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_no_error (error);

  sha256 = sha256_of_file (backup_path);
  g_assert_cmpint (g_stat (backup_path, &info), ==, 0);
  expected = g_strdup_printf ("encrypted=no bytes=%" G_GINT64_FORMAT
                              " sha256=%s", (gint64) info.st_size, sha256);

  action = query_text (store,
                       "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  detail = query_text (store,
                       "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "backup");
  g_assert_cmpstr (detail, ==, expected);
  g_assert_true (wm_store_verify_audit (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup_mode_0600 (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *plain_path = wm_test_file_path ("copy.db");
  g_autofree char *sealed_path = wm_test_file_path ("copy.wmbk");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  /* A permissive umask must not make the copies readable by others. */
  old_umask = umask (0);
  g_assert_true (wm_backup_create (store, plain_path, NULL, &error));
  g_assert_true (wm_backup_create (store, sealed_path, PASSPHRASE, &error));
  umask (old_umask);
  g_assert_no_error (error);

  assert_mode_0600 (plain_path);
  assert_mode_0600 (sealed_path);
}

/* A backup written to a link whose file does not exist yet (a link to
 * a folder on a USB stick, say) lands in the file the link points to,
 * and the link stays. An existing file behind a link is still never
 * overwritten. */
static void
test_backup_through_symlink (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *link_path = wm_test_file_path ("stick-link.db");
  g_autofree char *real_path = wm_test_file_path ("stick/copy.db");
  g_autofree char *real_folder = g_path_get_dirname (real_path);
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (real_folder, 0700), ==, 0);
  g_assert_cmpint (symlink (real_path, link_path), ==, 0);

  g_assert_true (wm_backup_create (store, link_path, NULL, &error));
  g_assert_no_error (error);
  assert_link_kept (link_path, real_path);
  assert_same_data (live_path, real_path);
  assert_mode_0600 (real_path);

  g_assert_false (wm_backup_create (store, link_path, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  assert_link_kept (link_path, real_path);
}

static void
test_backup_existing_path_rejected (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_no_error (error);
  before = sha256_of_file (backup_path);

  g_assert_false (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, backup_path));
  g_assert_nonnull (strstr (error->message, "already exists"));

  after = sha256_of_file (backup_path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_backup_missing_folder (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("absent/copy.db");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  gint64 n_entries = query_int (store, "SELECT count(*) FROM audit_log");

  g_assert_false (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "absent"));
  assert_missing (backup_path);

  /* A failed backup leaves no audit entry. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), ==,
                   n_entries);
}

/* Relative paths are read against the current folder, so these tests
 * move into the test's own folder and back. */
static char *
enter_test_folder (void)
{
  g_autofree char *folder = wm_test_file_path ("");
  char *previous = g_get_current_dir ();

  g_assert_cmpint (g_chdir (folder), ==, 0);
  return previous;
}

static void
leave_test_folder (char *previous)
{
  g_assert_cmpint (g_chdir (previous), ==, 0);
  g_free (previous);
}

/* Two links in @folder that point at each other, by relative names. */
static void
make_link_loop (const char *first,
                const char *second)
{
  g_autofree char *first_name = g_path_get_basename (first);
  g_autofree char *second_name = g_path_get_basename (second);

  g_assert_cmpint (symlink (second_name, first), ==, 0);
  g_assert_cmpint (symlink (first_name, second), ==, 0);
}

/* A relative path that is a relative link to a file not written yet is
 * read like an absolute one: each link's target is relative to the
 * folder of that link, not to the current folder. The backup lands in
 * the target and the link stays, plain or encrypted, and a relative link
 * whose target is absolute works the same. */
static void
test_backup_relative_dangling_link (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *absent_path = wm_test_file_path ("far/new-abs.db");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  char *previous = enter_test_folder ();

  g_assert_cmpint (g_mkdir ("bk", 0700), ==, 0);
  g_assert_cmpint (g_mkdir ("far", 0700), ==, 0);
  g_assert_cmpint (symlink ("new.wmbk", "bk/link.wmbk"), ==, 0);
  g_assert_cmpint (symlink ("new.db", "bk/l2.db"), ==, 0);
  g_assert_cmpint (symlink (absent_path, "bk/l4.db"), ==, 0);

  g_assert_true (wm_backup_create (store, "bk/link.wmbk", PASSPHRASE,
                                   &error));
  g_assert_no_error (error);
  assert_link_kept ("bk/link.wmbk", "new.wmbk");
  g_assert_true (wm_crypt_is_encrypted_file ("bk/new.wmbk"));
  assert_mode_0600 ("bk/new.wmbk");

  g_assert_true (wm_backup_create (store, "bk/l2.db", NULL, &error));
  g_assert_no_error (error);
  assert_link_kept ("bk/l2.db", "new.db");
  assert_same_data (live_path, "bk/new.db");

  g_assert_true (wm_backup_create (store, "bk/l4.db", NULL, &error));
  g_assert_no_error (error);
  assert_link_kept ("bk/l4.db", absent_path);
  assert_same_data (live_path, absent_path);

  /* Neither folder contains a left-over temporary file. */
  g_assert_cmpuint (count_hidden_files ("bk"), ==, 0);
  g_assert_cmpuint (count_hidden_files ("far"), ==, 0);
  leave_test_folder (previous);
}

/* Asserts that @error rejects the link loop @path. */
static void
assert_loop_error (const GError *error,
                   const char   *path)
{
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message,
                            "Too many levels of symbolic links"));
}

/* A backup to one of two links that point at each other has no file to
 * land in. Replacing the link with a file would break the other link and
 * hide the mistake, so it fails, names the path, and changes nothing:
 * both links stay and the log gets no entry. Relative and absolute
 * paths, plain and encrypted, behave the same. */
static void
test_backup_link_loop_refused (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *loop_a = wm_test_file_path ("la.db");
  g_autofree char *loop_b = wm_test_file_path ("lb.db");
  g_autofree char *loop_c = wm_test_file_path ("lc.wmbk");
  g_autofree char *loop_d = wm_test_file_path ("ld.wmbk");
  g_autoptr(WmStore) store = open_live_store (live_path);
  gint64 n_entries = query_int (store, "SELECT count(*) FROM audit_log");
  g_autofree char *folder = g_path_get_dirname (live_path);
  char *previous = NULL;

  make_link_loop (loop_a, loop_b);
  make_link_loop (loop_c, loop_d);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_backup_create (store, loop_a, NULL, &error));
    assert_loop_error (error, loop_a);
  }

  previous = enter_test_folder ();
  {
    g_autoptr(GError) plain_error = NULL;
    g_autoptr(GError) sealed_error = NULL;

    g_assert_false (wm_backup_create (store, "la.db", NULL, &plain_error));
    assert_loop_error (plain_error, "la.db");
    g_assert_false (wm_backup_create (store, "lc.wmbk", PASSPHRASE,
                                      &sealed_error));
    assert_loop_error (sealed_error, "lc.wmbk");
  }
  leave_test_folder (previous);

  assert_link_kept (loop_a, "lb.db");
  assert_link_kept (loop_b, "la.db");
  assert_link_kept (loop_c, "ld.wmbk");
  assert_link_kept (loop_d, "lc.wmbk");
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log"), ==,
                   n_entries);
}

static void
test_backup_encrypted_round_trip (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *sealed_path = wm_test_file_path ("copy.wmbk");
  g_autofree char *restored_path = wm_test_file_path ("restored/new.db");
  g_autofree char *folder = g_path_get_dirname (live_path);
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(WmStore) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  g_assert_true (wm_backup_create (store, sealed_path, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (wm_crypt_is_encrypted_file (sealed_path));

  /* The plaintext copy made on the way was removed. */
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);

  detail = query_text (store,
                       "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_true (g_str_has_prefix (detail, "encrypted=yes bytes="));

  g_assert_true (wm_backup_restore (sealed_path, restored_path, PASSPHRASE,
                                    &error));
  g_assert_no_error (error);
  assert_mode_0600 (restored_path);

  restored = wm_store_open (restored_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM pupils"), ==,
                   12);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM marks"), ==,
                   query_int (store, "SELECT count(*) FROM marks"));
}

/* Restores */

/* A live database with school 2001 (12 pupils), a backup of it, then a
 * second import (school 2002, 7 pupils) after the backup. The live store
 * is closed when this returns, as a restore requires. */
static void
make_live_and_backup (const char *live_path,
                      const char *backup_path)
{
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_backup_create (store, backup_path, NULL, &error));
  g_assert_no_error (error);
  import_sample (store, 2, "2002", 7);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pupils"), ==, 19);
}

static void
test_restore_replaces_data (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autofree char *live_wal = g_strconcat (live_path, "-wal", NULL);
  g_autofree char *live_shm = g_strconcat (live_path, "-shm", NULL);
  g_autofree char *backup_before = NULL;
  g_autofree char *backup_after = NULL;
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *expected_detail = NULL;
  g_autoptr(WmStore) restored = NULL;
  g_autoptr(WmStore) kept = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  make_live_and_backup (live_path, backup_path);
  backup_before = sha256_of_file (backup_path);
  g_assert_cmpint (g_stat (backup_path, &info), ==, 0);
  expected_detail = g_strdup_printf ("encrypted=no bytes=%" G_GINT64_FORMAT
                                     " sha256=%s", (gint64) info.st_size,
                                     backup_before);

  g_assert_true (wm_backup_restore (backup_path, live_path, NULL, &error));
  g_assert_no_error (error);

  /* The backup itself is only read. */
  backup_after = sha256_of_file (backup_path);
  g_assert_cmpstr (backup_after, ==, backup_before);
  assert_mode_0600 (live_path);
  assert_mode_0600 (kept_path);
  assert_missing (live_wal);
  assert_missing (live_shm);

  restored = wm_store_open (live_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM pupils"), ==,
                   12);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM imports"), ==,
                   1);
  action = query_text (restored,
                       "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  detail = query_text (restored,
                       "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "restore");
  g_assert_cmpstr (detail, ==, expected_detail);
  g_assert_true (wm_store_verify_audit (restored, NULL, &error));
  g_assert_true (wm_store_integrity_check (restored, &error));
  g_assert_no_error (error);

  /* The database the restore replaced is kept whole. */
  kept = wm_store_open (kept_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kept, "SELECT count(*) FROM pupils"), ==, 19);
  g_assert_cmpint (query_int (kept, "SELECT count(*) FROM imports"), ==, 2);
}

static void
test_restore_undo (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autoptr(WmStore) undone = NULL;
  g_autoptr(WmStore) kept = NULL;
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_true (wm_backup_restore (backup_path, live_path, NULL, &error));
  g_assert_no_error (error);

  /* Restoring the kept file brings back the 19 pupils; the file kept
   * now is the one the first restore installed. */
  g_assert_true (wm_backup_restore (kept_path, live_path, NULL, &error));
  g_assert_no_error (error);

  undone = wm_store_open (live_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (undone, "SELECT count(*) FROM pupils"), ==, 19);
  g_assert_true (wm_store_verify_audit (undone, NULL, &error));
  g_assert_no_error (error);

  kept = wm_store_open (kept_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kept, "SELECT count(*) FROM pupils"), ==, 12);
}

static void
assert_sha256 (const char *path,
               const char *expected)
{
  g_autofree char *actual = sha256_of_file (path);

  g_assert_cmpstr (actual, ==, expected);
}

static gint64
count_pupils_in (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);

  g_assert_no_error (error);
  return query_int (store, "SELECT count(*) FROM pupils");
}

/* Every restore keeps the file it replaces. The newest is always
 * NAME.before-restore; the ones earlier restores kept are renamed to
 * NAME.before-restore.1, .2 and so on in the order they were replaced,
 * so no restore ever loses a file. Between restores a school of a
 * different size is imported, so each replaced file has its own count. */
static void
test_restore_keeps_every_replaced_file (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autofree char *kept_1 = g_strconcat (kept_path, ".1", NULL);
  g_autofree char *kept_2 = g_strconcat (kept_path, ".2", NULL);
  g_autofree char *kept_3 = g_strconcat (kept_path, ".3", NULL);
  char *replaced[3] = { NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        {
          g_autoptr(WmStore) store = wm_store_open (live_path, &error);
          g_autofree char *estab = g_strdup_printf ("300%u", i);

          g_assert_no_error (error);
          import_sample (store, 10 + i, estab, i);
        }

      replaced[i] = sha256_of_file (live_path);
      g_assert_true (wm_backup_restore (backup_path, live_path, NULL, &error));
      g_assert_no_error (error);
    }

  assert_sha256 (kept_1, replaced[0]);
  assert_sha256 (kept_2, replaced[1]);
  assert_sha256 (kept_path, replaced[2]);
  assert_missing (kept_3);

  /* 19 before the first restore, then the backup's 12 plus 1, then 12
   * plus 2: the files are the right ones, not only different ones. */
  g_assert_cmpint (count_pupils_in (kept_1), ==, 19);
  g_assert_cmpint (count_pupils_in (kept_2), ==, 13);
  g_assert_cmpint (count_pupils_in (kept_path), ==, 14);
  g_assert_cmpint (count_pupils_in (live_path), ==, 12);

  for (guint i = 0; i < 3; i++)
    g_free (replaced[i]);
}

static void
test_restore_into_missing_database (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *new_path = wm_test_file_path ("new-laptop/waymark.db");
  g_autofree char *kept_path = g_strconcat (new_path, ".before-restore", NULL);
  g_autoptr(WmStore) restored = NULL;
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_true (wm_backup_restore (backup_path, new_path, NULL, &error));
  g_assert_no_error (error);
  assert_missing (kept_path);

  restored = wm_store_open (new_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM pupils"), ==,
                   12);
}

/* A database reached through a symbolic link (a link in the data folder
 * to a file on another drive, say) is restored into the file the link
 * points to. The link stays a link, and the replaced file is kept beside
 * the real file, in the folder that contains its -wal, not beside the
 * link.
 * The link's target is relative, as `ln -s` usually writes it. */
static void
test_restore_through_symlink (void)
{
  g_autofree char *real_path = wm_test_file_path ("drive/live.db");
  g_autofree char *link_path = wm_test_file_path ("live-link.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *kept_path = g_strconcat (real_path, ".before-restore", NULL);
  g_autofree char *link_kept = g_strconcat (link_path, ".before-restore",
                                            NULL);
  g_autofree char *link_folder = g_path_get_dirname (link_path);
  g_autofree char *real_folder = g_path_get_dirname (real_path);
  g_autoptr(GError) error = NULL;

  make_live_and_backup (real_path, backup_path);
  g_assert_cmpint (symlink ("drive/live.db", link_path), ==, 0);

  g_assert_true (wm_backup_restore (backup_path, link_path, NULL, &error));
  g_assert_no_error (error);

  assert_link_kept (link_path, "drive/live.db");
  g_assert_cmpint (count_pupils_in (real_path), ==, 12);
  g_assert_cmpint (count_pupils_in (kept_path), ==, 19);
  assert_mode_0600 (real_path);
  assert_missing (link_kept);
  g_assert_cmpuint (count_hidden_files (link_folder), ==, 0);
  g_assert_cmpuint (count_hidden_files (real_folder), ==, 0);
}

/* A link whose file does not exist yet (a new computer whose drive is
 * still empty) gets the restored database at the link's target. */
static void
test_restore_through_dangling_symlink (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *link_path = wm_test_file_path ("new-link.db");
  g_autofree char *real_path = wm_test_file_path ("new-drive/waymark.db");
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (symlink (real_path, link_path), ==, 0);

  g_assert_true (wm_backup_restore (backup_path, link_path, NULL, &error));
  g_assert_no_error (error);

  assert_link_kept (link_path, real_path);
  g_assert_cmpint (count_pupils_in (real_path), ==, 12);
}

/*
 * Tries to restore @backup_path over a closed live database. The restore
 * must fail with @code and a message that names the backup and contains
 * @expected_text. The live database must stay byte for byte as it was,
 * with nothing left beside it.
 */
static void
assert_restore_rejected (const char *live_path,
                         const char *backup_path,
                         const char *passphrase,
                         int         code,
                         const char *expected_text)
{
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autofree char *folder = g_path_get_dirname (live_path);
  g_autofree char *before = sha256_of_file (live_path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_backup_restore (backup_path, live_path, passphrase,
                                     &error));
  g_assert_error (error, WM_ERROR, code);
  g_assert_nonnull (strstr (error->message, backup_path));
  g_assert_nonnull (strstr (error->message, expected_text));

  after = sha256_of_file (live_path);
  g_assert_cmpstr (after, ==, before);
  assert_missing (kept_path);
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);
}

static void
test_restore_rejects_random_bytes (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");

  make_live_and_backup (live_path, backup_path);
  write_random_file (backup_path, 32768, 9);
  assert_restore_rejected (live_path, backup_path, NULL,
                           WM_ERROR_FOREIGN_DATABASE,
                           "is not a Waymark backup: it is not an SQLite "
                           "database");
}

static void
test_restore_rejects_empty_file (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");

  make_live_and_backup (live_path, backup_path);
  write_bytes (backup_path, "", 0);
  assert_restore_rejected (live_path, backup_path, NULL,
                           WM_ERROR_FOREIGN_DATABASE,
                           "it is not an SQLite database");
}

static void
test_restore_rejects_truncated (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  make_live_and_backup (live_path, backup_path);
  bytes = read_bytes (backup_path);
  length = g_bytes_get_size (bytes);

  /* Cut mid-page, then cut exactly one 8 KiB page short. */
  truncate_file (backup_path, length / 2 + 100);
  assert_restore_rejected (live_path, backup_path, NULL, WM_ERROR_DATABASE,
                           "is damaged or incomplete");

  write_bytes (backup_path, g_bytes_get_data (bytes, NULL), length - 8192);
  assert_restore_rejected (live_path, backup_path, NULL, WM_ERROR_DATABASE,
                           "is damaged or incomplete");
}

static void
test_restore_rejects_foreign_sqlite (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *foreign_path = wm_test_file_path ("photos.sqlite");
  sqlite3 *db = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (sqlite3_open (foreign_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1;"
                                 "PRAGMA user_version = 1;"
                                 "CREATE TABLE photos (id INTEGER, name TEXT);"
                                 "INSERT INTO photos VALUES (1, 'beach');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_restore_rejected (live_path, foreign_path, NULL,
                           WM_ERROR_FOREIGN_DATABASE,
                           "it is another application's database");
}

static void
test_restore_rejects_newer_version (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  sqlite3 *db = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (sqlite3_open (backup_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_restore_rejected (live_path, backup_path, NULL,
                           WM_ERROR_FOREIGN_DATABASE, "was rejected");
}

static void
test_restore_rejects_broken_audit_chain (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  sqlite3 *db = NULL;

  /* Editing an entry's detail outside Waymark leaves its stored hash
   * wrong, so the chain breaks at that entry. */
  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (sqlite3_open (backup_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE audit_log SET detail = 'edited' "
                                 "WHERE id = (SELECT min(id) FROM audit_log)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  assert_restore_rejected (live_path, backup_path, NULL, WM_ERROR_DATABASE,
                           "its audit log does not verify at entry 1");
}

static void
test_restore_rejects_damaged_page (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length;

  /* Zeroing the second page (a b-tree page near the schema) keeps the
   * header valid but breaks the tree. */
  make_live_and_backup (live_path, backup_path);
  bytes = read_bytes (backup_path);
  length = g_bytes_get_size (bytes);
  copy = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  memset (copy + 8192, 0xA5, 8192);
  write_bytes (backup_path, copy, length);

  assert_restore_rejected (live_path, backup_path, NULL, WM_ERROR_DATABASE,
                           "was rejected");
}

static void
test_restore_encrypted_needs_passphrase (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *sealed_path = wm_test_file_path ("copy.wmbk");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(WmStore) store = open_live_store (live_path);

    g_assert_true (wm_backup_create (store, sealed_path, PASSPHRASE, &error));
    g_assert_no_error (error);
  }

  assert_restore_rejected (live_path, sealed_path, NULL,
                           WM_ERROR_INVALID_INPUT, "is encrypted");
  assert_restore_rejected (live_path, sealed_path, "wrong",
                           WM_ERROR_INVALID_INPUT, "the passphrase is wrong");
}

static void
test_restore_rejects_open_database (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autoptr(WmStore) open_store = NULL;
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  open_store = wm_store_open (live_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (open_store, "SELECT count(*) FROM pupils"), ==,
                   19);

  g_assert_false (wm_backup_restore (backup_path, live_path, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, live_path));
  assert_missing (kept_path);
  g_assert_cmpint (query_int (open_store, "SELECT count(*) FROM pupils"), ==,
                   19);
}

/* A relative database path that is a relative link to a file not made
 * yet gets the restored database at the link's target, as an absolute
 * path does, and the link stays. */
static void
test_restore_relative_dangling_link (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autoptr(GError) error = NULL;
  char *previous = NULL;

  make_live_and_backup (live_path, backup_path);
  previous = enter_test_folder ();
  g_assert_cmpint (g_mkdir ("r3", 0700), ==, 0);
  g_assert_cmpint (symlink ("nothere.db", "r3/dang.db"), ==, 0);

  g_assert_true (wm_backup_restore (backup_path, "r3/dang.db", NULL,
                                    &error));
  g_assert_no_error (error);
  assert_link_kept ("r3/dang.db", "nothere.db");
  g_assert_cmpint (count_pupils_in ("r3/nothere.db"), ==, 12);
  assert_mode_0600 ("r3/nothere.db");
  assert_missing ("r3/nothere.db.before-restore");
  g_assert_cmpuint (count_hidden_files ("r3"), ==, 0);
  leave_test_folder (previous);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, one a line, so that two listings show
 * whether anything was added, removed or renamed. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* A database path that is one of two links pointing at each other has
 * no file to replace. The restore fails with a message that names the
 * path, before it writes anything: no kept file, no temporary file, and
 * both links stay. */
static void
test_restore_link_loop_refused (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *folder_path = wm_test_file_path ("loop");
  g_autofree char *loop_a = wm_test_file_path ("loop/w.db");
  g_autofree char *loop_b = wm_test_file_path ("loop/b.db");
  g_autofree char *names_before = NULL;
  g_autofree char *names_after = NULL;
  char *previous = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  make_link_loop (loop_a, loop_b);
  names_before = list_folder (folder_path);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_backup_restore (backup_path, loop_a, NULL, &error));
    assert_loop_error (error, loop_a);
  }

  previous = enter_test_folder ();
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_backup_restore (backup_path, "loop/w.db", NULL,
                                       &error));
    assert_loop_error (error, "loop/w.db");
  }
  leave_test_folder (previous);

  assert_link_kept (loop_a, "b.db");
  assert_link_kept (loop_b, "w.db");
  names_after = list_folder (folder_path);
  g_assert_cmpstr (names_after, ==, names_before);
}

/*
 * A restore rejected because of the database or its folder fails before
 * it touches anything. The database, its mode and the folder's list of
 * names stay as they were. The folder's modification time also stays, so
 * no temporary file was made and removed there either.
 */
static void
assert_restore_refused_early (const char *backup_path,
                              const char *database_path,
                              int         code,
                              const char *expected_message)
{
  g_autofree char *folder = g_path_get_dirname (database_path);
  g_autofree char *names_before = list_folder (folder);
  g_autofree char *names_after = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before, after, folder_before, folder_after;

  g_assert_cmpint (g_stat (database_path, &before), ==, 0);
  g_assert_cmpint (g_stat (folder, &folder_before), ==, 0);

  g_assert_false (wm_backup_restore (backup_path, database_path, NULL,
                                     &error));
  g_assert_error (error, WM_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected_message);

  g_assert_cmpint (g_stat (database_path, &after), ==, 0);
  g_assert_cmpint (g_stat (folder, &folder_after), ==, 0);
  g_assert_cmpint (after.st_mode, ==, before.st_mode);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
  g_assert_cmpint (folder_after.st_mtim.tv_sec, ==,
                   folder_before.st_mtim.tv_sec);
  g_assert_cmpint (folder_after.st_mtim.tv_nsec, ==,
                   folder_before.st_mtim.tv_nsec);
  names_after = list_folder (folder);
  g_assert_cmpstr (names_after, ==, names_before);
}

/* A database the officer made read-only (no owner write bit) is rejected
 * by every action that opens it, and a restore rejects it with the same
 * message rather than replacing it. The tests run as root, so the rule is
 * the owner's write bit, not whether this user could write. */
static void
test_restore_read_only_database_refused (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(WmStore) store = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (g_chmod (live_path, 0400), ==, 0);
  before = sha256_of_file (live_path);
  expected = g_strdup_printf ("Database %s is read-only; make it writable "
                              "or open a copy", live_path);

  /* Opening it fails with the same message, word for word. */
  store = wm_store_open (live_path, &open_error);
  g_assert_null (store);
  g_assert_cmpstr (open_error->message, ==, expected);

  assert_restore_refused_early (backup_path, live_path, WM_ERROR_DATABASE,
                                expected);
  assert_sha256 (live_path, before);
}

/* A FIFO (or any other file that is not a regular file) at the
 * database's path is not a database, so every action rejects it. A
 * restore must not rename it away and put a database in its place. */
static void
test_restore_fifo_refused (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *fifo_path = wm_test_file_path ("fifo/w.db");
  g_autofree char *fifo_folder = g_path_get_dirname (fifo_path);
  g_autofree char *expected = NULL;

  make_live_and_backup (live_path, backup_path);
  g_assert_cmpint (g_mkdir (fifo_folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  expected = g_strdup_printf ("Database %s is not a regular file, so a "
                              "backup cannot be restored into it. Give the "
                              "path of the database file, or a name that "
                              "does not exist yet", fifo_path);

  assert_restore_refused_early (backup_path, fifo_path,
                                WM_ERROR_FOREIGN_DATABASE, expected);
  g_assert_true (g_file_test (fifo_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fifo_path, G_FILE_TEST_IS_REGULAR));
}

/* A database in a folder without its owner's write bit cannot be
 * replaced, because the restored file and the kept file are written in
 * that folder. The message names the folder as the cause. The backup is
 * fine, so the message must not report it as rejected. */
static void
test_restore_read_only_folder_refused (void)
{
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *live_path = wm_test_file_path ("locked/live.db");
  g_autofree char *folder = g_path_get_dirname (live_path);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  make_live_and_backup (live_path, backup_path);
  before = sha256_of_file (live_path);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  expected = g_strdup_printf ("Could not restore into %s: its folder %s is "
                              "read-only, so the restored database cannot "
                              "be written there. Make the folder writable, "
                              "then restore again", live_path, folder);

  assert_restore_refused_early (backup_path, live_path, WM_ERROR_DATABASE,
                                expected);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  assert_sha256 (live_path, before);
}

static void
test_verify_backup (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *backup_path = wm_test_file_path ("copy.db");
  g_autofree char *folder = g_path_get_dirname (live_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  make_live_and_backup (live_path, backup_path);
  before = sha256_of_file (backup_path);
  g_assert_true (wm_backup_verify (backup_path, NULL, folder, &error));
  g_assert_no_error (error);
  after = sha256_of_file (backup_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);

  truncate_file (backup_path, 20000);
  g_assert_false (wm_backup_verify (backup_path, NULL, folder, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_DATABASE);
  g_assert_cmpuint (count_hidden_files (folder), ==, 0);
}

/* Rotation */

static void
test_rotate_automatic_names (void)
{
  g_assert_true (wm_backup_is_automatic_name ("waymark-2026-03-02T081500Z.db"));
  g_assert_true (wm_backup_is_automatic_name (
    "waymark-2026-03-02T081500Z.wmbk"));
  g_assert_false (wm_backup_is_automatic_name ("waymark-2026-03-02T0815Z.db"));
  g_assert_false (wm_backup_is_automatic_name (
    "waymark-2026-03-02T081500Z.db.txt"));
  g_assert_false (wm_backup_is_automatic_name (
    "waymark-2026-03-02 081500Z.db"));
  g_assert_false (wm_backup_is_automatic_name ("waymark.db"));
  g_assert_false (wm_backup_is_automatic_name (
    ".waymark-2026-03-02T081500Z.db.X1Y2Z3"));
}

static void
touch (const char *folder,
       const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  write_bytes (path, "x", 1);
}

static void
test_rotate_keeps_newest (void)
{
  static const char * const old_names[] = {
    "waymark-2025-09-01T070000Z.db",
    "waymark-2025-10-01T070000Z.wmbk",
    "waymark-2025-11-01T070000Z.db",
    "waymark-2025-12-01T070000Z.db",
    "waymark-2026-01-01T070000Z.db",
    "waymark-2026-02-01T070000Z.wmbk",
  };
  static const char * const other_names[] = {
    "notes.txt",
    "waymark-before-the-inspection.db",
    "waymark-2020-01-01T000000Z.db.txt",
  };
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *folder = wm_test_file_path ("backups");
  g_autoptr(WmStore) store = open_live_store (live_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *newest_name = NULL;
  guint n_removed = 99;

  newest = wm_backup_create_automatic (store, folder, NULL, &error);
  g_assert_no_error (error);
  newest_name = g_path_get_basename (newest);
  g_assert_true (wm_backup_is_automatic_name (newest_name));
  assert_mode_0600 (newest);

  for (gsize i = 0; i < G_N_ELEMENTS (old_names); i++)
    touch (folder, old_names[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (other_names); i++)
    touch (folder, other_names[i]);

  /* Seven automatic backups: the real one is the newest. */
  g_assert_true (wm_backup_rotate (folder, 3, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 4);

  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
  for (gsize i = 0; i < G_N_ELEMENTS (old_names); i++)
    {
      g_autofree char *path = g_build_filename (folder, old_names[i], NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i >= 4);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (other_names); i++)
    {
      g_autofree char *path = g_build_filename (folder, other_names[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* Exactly three are left, so another rotation removes none. */
  g_assert_true (wm_backup_rotate (folder, 3, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 0);
}

static void
test_rotate_fewer_than_kept (void)
{
  g_autofree char *folder = wm_test_file_path ("backups");
  g_autoptr(GError) error = NULL;
  guint n_removed = 99;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  touch (folder, "waymark-2026-01-01T070000Z.db");
  g_assert_true (wm_backup_rotate (folder, 5, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 0);
}

static void
test_rotate_missing_folder (void)
{
  g_autofree char *folder = wm_test_file_path ("no-such-folder");
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_backup_rotate (folder, 3, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, folder));
}

/* Command line */

typedef struct
{
  char *stdout_text;
  char *stderr_text;
  int   status;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->stdout_text, g_free);
  g_clear_pointer (&result->stderr_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static const char *
waymark_binary (void)
{
  return g_getenv ("WAYMARK_BINARY");
}

/* Runs waymark with no display and the arguments given, NULL-terminated. */
static void
run_waymark (RunResult  *result,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) waymark_binary ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->stdout_text,
                                 &result->stderr_text, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

/* The contract of a failed run: exit status 1 and one line on stderr
 * that contains @expected_text. */
static void
assert_one_line_error (const RunResult *result,
                       const char      *expected_text)
{
  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (g_str_has_prefix (result->stderr_text, "waymark: "));
  g_assert_nonnull (strstr (result->stderr_text, expected_text));
  g_assert_cmpint (strchr (result->stderr_text, '\n') - result->stderr_text,
                   ==, strlen (result->stderr_text) - 1);
}

static gint64
count_pupils (const char *database_path)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (database_path, &error);
  g_assert_no_error (error);
  return query_int (store, "SELECT count(*) FROM pupils");
}

static void
test_cli_encrypted_backup_and_restore (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *sealed_path = wm_test_file_path ("copy.wmbk");
  g_autofree char *passphrase_path = wm_test_file_path ("passphrase.txt");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autofree char *database_arg = g_strconcat ("--database=", live_path, NULL);
  g_autofree char *backup_arg = g_strconcat ("--backup=", sealed_path, NULL);
  g_autofree char *restore_arg = g_strconcat ("--restore=", sealed_path, NULL);
  g_autofree char *passphrase_arg = g_strconcat ("--passphrase-file=",
                                                 passphrase_path, NULL);
  g_autofree char *expected = NULL;
  g_auto(RunResult) backup = { 0 };
  g_auto(RunResult) restore = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_object_unref (open_live_store (live_path));
  write_bytes (passphrase_path, PASSPHRASE "\n", strlen (PASSPHRASE) + 1);

  run_waymark (&backup, database_arg, backup_arg, passphrase_arg, NULL);
  g_assert_cmpstr (backup.stderr_text, ==, "");
  g_assert_cmpint (backup.status, ==, 0);
  expected = g_strdup_printf ("Wrote the encrypted backup %s\n", sealed_path);
  g_assert_cmpstr (backup.stdout_text, ==, expected);
  g_assert_true (wm_crypt_is_encrypted_file (sealed_path));
  assert_mode_0600 (sealed_path);

  {
    g_autoptr(WmStore) store = wm_store_open (live_path, NULL);

    g_assert_nonnull (store);
    import_sample (store, 2, "2002", 7);
  }
  g_assert_cmpint (count_pupils (live_path), ==, 19);

  run_waymark (&restore, database_arg, restore_arg, passphrase_arg, NULL);
  g_assert_cmpstr (restore.stderr_text, ==, "");
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_cmpint (count_pupils (live_path), ==, 12);
  g_assert_cmpint (count_pupils (kept_path), ==, 19);
}

static void
test_cli_backup_name_rules (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *passphrase_path = wm_test_file_path ("passphrase.txt");
  g_autofree char *sealed_path = wm_test_file_path ("copy.wmbk");
  g_autofree char *plain_path = wm_test_file_path ("copy.db");
  g_autofree char *database_arg = g_strconcat ("--database=", live_path, NULL);
  g_autofree char *sealed_arg = g_strconcat ("--backup=", sealed_path, NULL);
  g_autofree char *plain_arg = g_strconcat ("--backup=", plain_path, NULL);
  g_autofree char *passphrase_arg = g_strconcat ("--passphrase-file=",
                                                 passphrase_path, NULL);
  g_auto(RunResult) no_passphrase = { 0 };
  g_auto(RunResult) plain_name = { 0 };
  g_auto(RunResult) passphrase_alone = { 0 };
  g_auto(RunResult) empty_passphrase = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_object_unref (open_live_store (live_path));
  write_bytes (passphrase_path, PASSPHRASE, strlen (PASSPHRASE));

  run_waymark (&no_passphrase, database_arg, sealed_arg, NULL);
  assert_one_line_error (&no_passphrase, "names an encrypted backup");

  run_waymark (&plain_name, database_arg, plain_arg, passphrase_arg, NULL);
  assert_one_line_error (&plain_name, "needs a name that ends in .wmbk");

  run_waymark (&passphrase_alone, database_arg, passphrase_arg, NULL);
  assert_one_line_error (&passphrase_alone,
                         "--passphrase-file goes with --backup or --restore");

  write_bytes (passphrase_path, "\n", 1);
  run_waymark (&empty_passphrase, database_arg, sealed_arg, passphrase_arg,
               NULL);
  assert_one_line_error (&empty_passphrase, "is empty");

  assert_missing (sealed_path);
  assert_missing (plain_path);
}

static void
test_cli_restore_rejects_junk (void)
{
  g_autofree char *live_path = wm_test_file_path ("live.db");
  g_autofree char *junk_path = wm_test_file_path ("junk.db");
  g_autofree char *kept_path = g_strconcat (live_path, ".before-restore", NULL);
  g_autofree char *database_arg = g_strconcat ("--database=", live_path, NULL);
  g_autofree char *restore_arg = g_strconcat ("--restore=", junk_path, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(RunResult) restore = { 0 };

  if (waymark_binary () == NULL)
    {
      g_test_skip ("WAYMARK_BINARY is not set: the application was not built");
      return;
    }

  g_object_unref (open_live_store (live_path));
  write_random_file (junk_path, 20000, 13);
  before = sha256_of_file (live_path);

  run_waymark (&restore, database_arg, restore_arg, NULL);
  assert_one_line_error (&restore, junk_path);
  g_assert_cmpstr (restore.stdout_text, ==, "");

  after = sha256_of_file (live_path);
  g_assert_cmpstr (after, ==, before);
  assert_missing (kept_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crypt/round-trip", test_crypt_round_trip);
  g_test_add_func ("/crypt/round-trip-edges", test_crypt_round_trip_edges);
  g_test_add_func ("/crypt/random-salt", test_crypt_random_salt);
  g_test_add_func ("/crypt/wrong-passphrase", test_crypt_wrong_passphrase);
  g_test_add_func ("/crypt/flipped-byte", test_crypt_flipped_byte);
  g_test_add_func ("/crypt/flipped-header-byte",
                   test_crypt_flipped_header_byte);
  g_test_add_func ("/crypt/damaged-format-bytes", test_crypt_damaged_format_bytes);
  g_test_add_func ("/crypt/truncated-at-chunk", test_crypt_truncated_at_chunk);
  g_test_add_func ("/crypt/truncated-mid-chunk",
                   test_crypt_truncated_mid_chunk);
  g_test_add_func ("/crypt/truncated-header", test_crypt_truncated_header);
  g_test_add_func ("/crypt/appended-data", test_crypt_appended_data);
  g_test_add_func ("/crypt/not-encrypted", test_crypt_not_encrypted);
  g_test_add_func ("/crypt/empty-passphrase", test_crypt_empty_passphrase);
  g_test_add_func ("/crypt/passphrase-file", test_crypt_passphrase_file);

  g_test_add_func ("/backup/same-data", test_backup_same_data);
  g_test_add_func ("/backup/audit-entry", test_backup_audit_entry);
  g_test_add_func ("/backup/mode-0600", test_backup_mode_0600);
  g_test_add_func ("/backup/through-symlink", test_backup_through_symlink);
  g_test_add_func ("/backup/existing-path-rejected",
                   test_backup_existing_path_rejected);
  g_test_add_func ("/backup/missing-folder", test_backup_missing_folder);
  g_test_add_func ("/backup/relative-dangling-link",
                   test_backup_relative_dangling_link);
  g_test_add_func ("/backup/link-loop-refused", test_backup_link_loop_refused);
  g_test_add_func ("/backup/encrypted-round-trip",
                   test_backup_encrypted_round_trip);
  g_test_add_func ("/backup/verify", test_verify_backup);

  g_test_add_func ("/restore/replaces-data", test_restore_replaces_data);
  g_test_add_func ("/restore/undo", test_restore_undo);
  g_test_add_func ("/restore/keeps-every-replaced-file",
                   test_restore_keeps_every_replaced_file);
  g_test_add_func ("/restore/into-missing-database",
                   test_restore_into_missing_database);
  g_test_add_func ("/restore/through-symlink", test_restore_through_symlink);
  g_test_add_func ("/restore/through-dangling-symlink",
                   test_restore_through_dangling_symlink);
  g_test_add_func ("/restore/rejects-random-bytes",
                   test_restore_rejects_random_bytes);
  g_test_add_func ("/restore/rejects-empty-file",
                   test_restore_rejects_empty_file);
  g_test_add_func ("/restore/rejects-truncated",
                   test_restore_rejects_truncated);
  g_test_add_func ("/restore/rejects-foreign-sqlite",
                   test_restore_rejects_foreign_sqlite);
  g_test_add_func ("/restore/rejects-newer-version",
                   test_restore_rejects_newer_version);
  g_test_add_func ("/restore/rejects-broken-audit-chain",
                   test_restore_rejects_broken_audit_chain);
  g_test_add_func ("/restore/rejects-damaged-page",
                   test_restore_rejects_damaged_page);
  g_test_add_func ("/restore/encrypted-needs-passphrase",
                   test_restore_encrypted_needs_passphrase);
  g_test_add_func ("/restore/rejects-open-database",
                   test_restore_rejects_open_database);
  g_test_add_func ("/restore/relative-dangling-link",
                   test_restore_relative_dangling_link);
  g_test_add_func ("/restore/link-loop-refused",
                   test_restore_link_loop_refused);
  g_test_add_func ("/restore/read-only-database-refused",
                   test_restore_read_only_database_refused);
  g_test_add_func ("/restore/fifo-refused", test_restore_fifo_refused);
  g_test_add_func ("/restore/read-only-folder-refused",
                   test_restore_read_only_folder_refused);

  g_test_add_func ("/rotate/automatic-names", test_rotate_automatic_names);
  g_test_add_func ("/rotate/keeps-newest", test_rotate_keeps_newest);
  g_test_add_func ("/rotate/fewer-than-kept", test_rotate_fewer_than_kept);
  g_test_add_func ("/rotate/missing-folder", test_rotate_missing_folder);

  g_test_add_func ("/cli/encrypted-backup-and-restore",
                   test_cli_encrypted_backup_and_restore);
  g_test_add_func ("/cli/backup-name-rules", test_cli_backup_name_rules);
  g_test_add_func ("/cli/restore-rejects-junk", test_cli_restore_rejects_junk);

  return g_test_run ();
}
