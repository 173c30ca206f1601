/* wm-backup.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-backup-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wm-crypt.h"
#include "wm-error.h"
#include "wm-private-file.h"
#include "wm-store-private.h"
#include "wm-i18n-private.h"

/*
 * Backups are whole-database copies made with SQLite's online backup API,
 * which copies a consistent snapshot while the database stays in use. A
 * backup is written under a temporary name with mode 0600 and renamed
 * into place only once it is complete and has passed SQLite's integrity
 * check, so a crash never leaves a partial backup under the final name.
 * The copy is switched to a rollback journal, so that it is one
 * self-contained file that opens without -wal and -shm files beside it.
 */

/* Pages copied per sqlite3_backup_step() call. Between calls the source
 * is unlocked, so another connection's write is not held up for long. */
#define PAGES_PER_STEP 1024

/* How long a step that found the source locked waits before it retries,
 * and how many retries make the backup give up: about 10 s in all, the
 * same as the store's busy timeout. */
#define BUSY_PAUSE_MS 50
#define MAX_BUSY_RETRIES 200

/* The maximum number of links followed by hand: Linux follows as many in
 * one path before it fails with ELOOP. */
#define MAX_LINKS 40

#define AUTOMATIC_PREFIX "waymark-"
#define AUTOMATIC_SUFFIX ".db"

/* Reports a failed step of the copy like any other database error: what
 * the backup was doing, the backup file, the reason in the user's words,
 * SQLite's own message and what to do (see _wm_store_set_db_error()).
 * @doing is a phrase marked with N_(). */
static void
set_sqlite_error (sqlite3     *db,
                  const char  *path,
                  int          rc,
                  const char  *doing,
                  GError     **error)
{
  _wm_store_set_db_error (db, path, rc, doing, error);
}

static gboolean
exec_on_copy (sqlite3     *db,
              const char  *path,
              const char  *sql,
              GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, path, rc, N_("writing the backup"), error);
      return FALSE;
    }

  return TRUE;
}

/* Runs the backup steps until the whole database is copied. */
static gboolean
run_backup (sqlite3     *destination,
            sqlite3     *source,
            const char  *path,
            GError     **error)
{
  sqlite3_backup *backup;
  guint busy_retries = 0;
  int rc, finish_rc;

  backup = sqlite3_backup_init (destination, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (destination, path, sqlite3_errcode (destination),
                        N_("starting the backup"), error);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          busy_retries++;
          sqlite3_sleep (BUSY_PAUSE_MS);
        }
    }
  while (busy_retries < MAX_BUSY_RETRIES
         && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED));

  finish_rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE || finish_rc != SQLITE_OK)
    {
      set_sqlite_error (NULL, path, rc != SQLITE_DONE ? rc : finish_rc,
                        N_("copying the database into the backup"), error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_copy (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, path, rc, N_("checking the backup"), error);
      return FALSE;
    }

  ok = sqlite3_step (stmt) == SQLITE_ROW
       && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                 E_("The backup written to %s failed its integrity check. "
                    "Check the disk, then make the backup again"), path);
  return ok;
}

/*
 * Copies the store's database into the empty file @temp_path. The copy
 * gets the source's WAL flag with the pages, so its journal mode is set
 * back to DELETE before it is checked and closed.
 */
static gboolean
copy_database (WmStore     *store,
               const char  *temp_path,
               const char  *path,
               GError     **error)
{
  sqlite3 *destination = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (temp_path, &destination,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  ok = rc == SQLITE_OK;
  if (!ok)
    set_sqlite_error (destination, path, rc, N_("creating the backup"), error);

  ok = ok
       && run_backup (destination, wm_store_get_db (store), path, error)
       && exec_on_copy (destination, path, "PRAGMA journal_mode = DELETE",
                        error)
       && check_copy (destination, path, error);

  rc = sqlite3_close (destination);
  if (ok && rc != SQLITE_OK)
    {
      set_sqlite_error (NULL, path, rc, N_("closing the backup"), error);
      ok = FALSE;
    }

  return ok;
}

static char *
hash_file (const char  *path,
           goffset     *out_size,
           GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not read %s: %s"), path, local_error->message);
      return NULL;
    }

  g_checksum_update (checksum,
                     (const guchar *) g_mapped_file_get_contents (mapped),
                     g_mapped_file_get_length (mapped));
  *out_size = g_mapped_file_get_length (mapped);
  return g_strdup (g_checksum_get_string (checksum));
}

/*
 * The audit detail of a backup or a restore. It contains no file name,
 * because a name the officer typed could contain a child's name; the
 * SHA-256 ties the entry to the exact file instead.
 */
char *
_wm_backup_audit_detail (const char  *path,
                         gboolean     encrypted,
                         GError     **error)
{
  g_autofree char *sha256 = NULL;
  goffset size = 0;

  sha256 = hash_file (path, &size, error);
  if (sha256 == NULL)
    return NULL;

  return g_strdup_printf ("encrypted=%s bytes=%" G_GOFFSET_FORMAT
                          " sha256=%s", encrypted ? "yes" : "no", size,
                          sha256);
}

static gboolean
is_symlink (const char *path)
{
  GStatBuf info;

  return g_lstat (path, &info) == 0 && S_ISLNK (info.st_mode);
}

/*
 * Returns @path made absolute against the folder @relative_to, with the
 * links and ".." in its folder resolved as the kernel resolves them.
 * After a link to a folder elsewhere, ".." is that folder's parent, and
 * g_canonicalize_filename() gets this wrong because it only edits text.
 */
static char *
dup_absolute_path (const char *path,
                   const char *relative_to)
{
  g_autofree char *joined = g_path_is_absolute (path)
                            ? g_strdup (path)
                            : g_build_filename (relative_to, path, NULL);
  g_autofree char *folder = g_path_get_dirname (joined);
  g_autofree char *name = g_path_get_basename (joined);
  g_autofree char *real_folder = realpath (folder, NULL);

  /* A name that ends in "/", "." or ".." is a folder, not a file to
   * write, so it is only made absolute and the write rejects it later. */
  if (real_folder == NULL || g_str_has_suffix (joined, G_DIR_SEPARATOR_S)
      || strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return g_canonicalize_filename (joined, NULL);

  return g_build_filename (real_folder, name, NULL);
}

static void
set_link_error (const char  *path,
                const char  *reason,
                GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the first %s is the path given, the second
                * why its link cannot be followed, such as "Too many levels
                * of symbolic links". */
               E_("The symbolic link %s cannot be followed: %s. Point it at "
                  "a file, or give another name"), path, reason);
}

/*
 * Follows a chain of links that ends at a file that does not exist yet,
 * which realpath() cannot resolve. A relative target is relative to the
 * folder of the link that names it, never to the current folder.
 * A chain longer than the kernel follows (a loop, such as two links that
 * point at each other) has no file at its end, so it is an error. Renaming
 * a new file over the last link would replace that link and hide the
 * mistake.
 */
static char *
follow_dangling_links (const char  *path,
                       GError     **error)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *current = dup_absolute_path (path, cwd);

  for (guint i = 0; is_symlink (current); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *target = NULL;
      g_autofree char *folder = NULL;

      if (i == MAX_LINKS)
        {
          set_link_error (path, g_strerror (ELOOP), error);
          return NULL;
        }

      target = g_file_read_link (current, &local_error);
      if (target == NULL)
        {
          set_link_error (path, local_error->message, error);
          return NULL;
        }

      folder = g_path_get_dirname (current);
      g_free (current);
      current = dup_absolute_path (target, folder);
    }

  return g_steal_pointer (&current);
}

/*
 * _wm_backup_dup_real_path:
 * @path: a file that may be a symbolic link, and may not exist yet
 * @error: return location for a #GError
 *
 * Every replacement here is a write under a temporary name and a rename,
 * and a rename onto a symbolic link replaces the link, not the file it
 * points to. So a database or backup reached through a link is resolved
 * to its real file first. The link stays and its target gets the new
 * data. The files made beside the database (the kept copy, a plaintext
 * copy) go beside the real file, where SQLite keeps its -wal too. A path
 * that is not a link is returned as given, so that messages name the
 * file the way the officer gave it. A link in a folder above it does not
 * matter, because a rename goes through it to the real folder.
 *
 * Returns: (transfer full) (nullable): the file @path stands for, as an
 *   absolute path when @path is a link; or %NULL with
 *   %WM_ERROR_INVALID_INPUT naming @path when its links lead to no file
 *   (a loop) or cannot be read
 */
char *
_wm_backup_dup_real_path (const char  *path,
                          GError     **error)
{
  char *real;

  if (!is_symlink (path))
    return g_strdup (path);

  real = realpath (path, NULL);
  if (real != NULL)
    return real;

  return follow_dangling_links (path, error);
}

static gboolean
write_plain_backup (WmStore     *store,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(WmPrivateFile) file = wm_private_file_new (path, error);

  return file != NULL
         && copy_database (store, wm_private_file_get_temp_path (file), path,
                           error)
         && wm_private_file_commit (file, error);
}

/*
 * The plaintext copy is made beside the live database, never in the
 * backup's folder: the backup may be on a USB stick, where a deleted
 * plaintext file could still be read back. The live database's folder
 * already contains the same data.
 */
static gboolean
write_encrypted_backup (WmStore     *store,
                        const char  *path,
                        const char  *passphrase,
                        GError     **error)
{
  g_autofree char *database = NULL;
  g_autofree char *plain_name = NULL;
  g_autoptr(WmPrivateFile) plain = NULL;

  database = _wm_backup_dup_real_path (wm_store_get_path (store), error);
  if (database == NULL)
    return FALSE;

  plain_name = g_strconcat (database, ".backup", NULL);
  plain = wm_private_file_new (plain_name, error);

  return plain != NULL
         && copy_database (store, wm_private_file_get_temp_path (plain), path,
                           error)
         && wm_crypt_encrypt_file (wm_private_file_get_temp_path (plain), path,
                                   passphrase, error);
}

static gboolean
check_new_backup_path (const char  *path,
                       const char  *passphrase,
                       GError     **error)
{
  if (passphrase != NULL && passphrase[0] == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The passphrase is empty. Give a passphrase to encrypt "
                      "the backup %s"), path);
      return FALSE;
    }

  /* An earlier backup may be the only good copy left, so it is never
   * overwritten. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s already exists. Choose a new name for the backup"),
                   path);
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_backup_create:
 * @store: an open store that is not in a transaction
 * @path: the backup file to create; it must not exist
 * @passphrase: (nullable): encrypts the backup with wm_crypt_encrypt_file()
 *   when given; %NULL writes a plain SQLite database
 * @error: return location for a #GError
 *
 * Writes a consistent copy of the store's database to @path with
 * SQLite's online backup API. When @path is a symbolic link to a file
 * that does not exist yet, the copy is written to that file and the link
 * stays. A relative target is read against the link's own folder. The
 * file has mode 0600 and appears under
 * its name only when it is complete and has passed SQLite's integrity
 * check. A plain backup is a self-contained database file in rollback
 * journal mode. On success an audit entry "backup" with the file's size
 * and SHA-256 is appended to the store's log.
 *
 * Returns: %TRUE on success; otherwise %FALSE with %WM_ERROR_INVALID_INPUT
 *   (@path exists, empty passphrase, or @path is a link loop) or
 *   %WM_ERROR_DATABASE (the copy could not be written), and no file at
 *   @path
 */
gboolean
wm_backup_create (WmStore     *store,
                  const char  *path,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *real_path = NULL;
  gboolean encrypted = passphrase != NULL;
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (wm_store_get_db (store)),
                        FALSE);

  if (!check_new_backup_path (path, passphrase, error))
    return FALSE;

  /* A link to a file still to be written keeps pointing to it. */
  real_path = _wm_backup_dup_real_path (path, error);
  if (real_path == NULL)
    return FALSE;

  path = real_path;

  if (encrypted)
    ok = write_encrypted_backup (store, path, passphrase, error);
  else
    ok = write_plain_backup (store, path, error);

  if (!ok)
    return FALSE;

  /* A backup that the log does not record must not exist. */
  detail = _wm_backup_audit_detail (path, encrypted, error);
  if (detail == NULL
      || !wm_store_audit (store, "backup", NULL, 0, detail, error))
    {
      g_unlink (path);
      return FALSE;
    }

  g_debug ("Wrote a backup (%s) of %s", encrypted ? "encrypted" : "plain",
           wm_store_get_path (store));
  return TRUE;
}

/**
 * wm_backup_create_automatic:
 * @store: an open store that is not in a transaction
 * @folder: the folder of automatic backups, created with mode 0700 if
 *   missing
 * @passphrase: (nullable): as for wm_backup_create()
 * @error: return location for a #GError
 *
 * Writes a backup named after the current UTC time,
 * `waymark-YYYY-MM-DDTHHMMSSZ.db` (or `.wmbk` when encrypted), the names
 * that wm_backup_rotate() manages. A second backup in the same second
 * fails, because the name exists.
 *
 * Returns: (transfer full) (nullable): the backup's path, or %NULL with
 *   the errors of wm_backup_create()
 */
char *
wm_backup_create_automatic (WmStore     *store,
                            const char  *folder,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H%M%SZ");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not create the backup folder %s: %s. Choose "
                      "another folder for backups"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  name = g_strconcat (AUTOMATIC_PREFIX, stamp,
                      passphrase != NULL ? WM_CRYPT_SUFFIX : AUTOMATIC_SUFFIX,
                      NULL);
  path = g_build_filename (folder, name, NULL);
  if (!wm_backup_create (store, path, passphrase, error))
    return NULL;

  return g_steal_pointer (&path);
}

/**
 * wm_backup_is_automatic_name:
 * @file_name: a file name without a folder
 *
 * Returns: whether @file_name is the name of an automatic backup,
 *   `waymark-YYYY-MM-DDTHHMMSSZ` followed by `.db` or `.wmbk`
 */
gboolean
wm_backup_is_automatic_name (const char *file_name)
{
  /* '#' stands for a digit. */
  static const char pattern[] = AUTOMATIC_PREFIX "####-##-##T######Z";
  const gsize length = sizeof pattern - 1;
  const char *suffix;

  g_return_val_if_fail (file_name != NULL, FALSE);

  if (strlen (file_name) < length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (pattern[i] == '#' ? !g_ascii_isdigit (file_name[i])
                          : file_name[i] != pattern[i])
      return FALSE;

  suffix = file_name + length;
  return strcmp (suffix, AUTOMATIC_SUFFIX) == 0
         || strcmp (suffix, WM_CRYPT_SUFFIX) == 0;
}

/* Newest first: the time stamps in the names sort as text. */
static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_automatic_backups (const char  *folder,
                        GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("Could not read the backup folder %s: %s"), folder,
                   local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (wm_backup_is_automatic_name (name))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names_descending);
  return g_steal_pointer (&names);
}

/**
 * wm_backup_rotate:
 * @folder: the folder of automatic backups
 * @keep: how many of the newest automatic backups to keep, at least 1
 * @out_n_removed: (out) (optional): how many backups were removed
 * @error: return location for a #GError
 *
 * Removes all but the @keep newest automatic backups in @folder, judged
 * by the time in their names (see wm_backup_is_automatic_name()). Other
 * files, including backups the officer named, are left alone.
 *
 * Returns: %TRUE on success; otherwise %FALSE with %WM_ERROR_NOT_FOUND
 *   (the folder cannot be read) or %WM_ERROR_DATABASE naming the backup
 *   that could not be removed
 */
gboolean
wm_backup_rotate (const char  *folder,
                  guint        keep,
                  guint       *out_n_removed,
                  GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  guint n_removed = 0;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);

  if (out_n_removed != NULL)
    *out_n_removed = 0;

  names = list_automatic_backups (folder, error);
  if (names == NULL)
    return FALSE;

  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      if (g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                       E_("Could not remove the old backup %s: %s. Check that "
                          "the backup folder can be written"), path,
                       g_strerror (saved_errno));
          return FALSE;
        }

      n_removed++;
      if (out_n_removed != NULL)
        *out_n_removed = n_removed;
    }

  g_debug ("Backup rotation removed %u and kept %u automatic backups",
           n_removed, MIN (keep, names->len));
  return TRUE;
}
