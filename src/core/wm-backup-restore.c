/* wm-backup-restore.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-backup-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wm-crypt.h"
#include "wm-error.h"
#include "wm-private-file.h"
#include "wm-store-private.h"
#include "wm-i18n-private.h"

/*
 * Verification and restore. A backup is never opened where it lies: it is
 * copied (or decrypted) to a private temporary file first, and every
 * check runs on that copy, so a backup on read-only media works and is
 * never changed. For a restore, the temporary file sits beside the live
 * database and is the very file that replaces it once it has passed
 * every check, so what was verified is what is installed. Until then the
 * live database is not touched.
 */

#define SQLITE_MAGIC "SQLite format 3"
#define HEADER_LENGTH 100

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16)
         | ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

static void
set_not_waymark_error (const char  *backup_path,
                       const char  *reason,
                       GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE,
               E_("%s is not a Waymark backup: %s. Choose another backup"),
               backup_path, reason);
}

static gboolean
read_header (const char  *path,
             guint8       header[HEADER_LENGTH],
             gsize       *out_length,
             goffset     *out_size,
             GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  GStatBuf info;
  gssize n_read;

  if (fd < 0 || fstat (fd, &info) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not read the copy of the backup %s: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  do
    n_read = read (fd, header, HEADER_LENGTH);
  while (n_read < 0 && errno == EINTR);

  g_close (fd, NULL);
  *out_length = MAX (n_read, 0);
  *out_size = info.st_size;
  return TRUE;
}

/*
 * Checks the SQLite file header (https://sqlite.org/fileformat.html)
 * before SQLite opens the copy: the magic string, Waymark's
 * application_id, a schema version of at least 1 (an empty database would
 * restore nothing), and a file length that is a whole number of pages and
 * contains every page the header counts. The last catches a backup cut short
 * at a page boundary. Pages past the count are unused, and SQLite ignores
 * them.
 */
static gboolean
check_header (const char  *copy_path,
              const char  *backup_path,
              GError     **error)
{
  guint8 header[HEADER_LENGTH] = { 0 };
  guint32 page_size, n_pages;
  goffset size = 0;
  gsize length = 0;

  if (!read_header (copy_path, header, &length, &size, error))
    return FALSE;

  if (length < HEADER_LENGTH
      || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      set_not_waymark_error (backup_path, _("it is not an SQLite database"),
                             error);
      return FALSE;
    }

  if (read_be32 (header + 68) != WM_STORE_APPLICATION_ID)
    {
      set_not_waymark_error (backup_path,
                             _("it is another application's database"),
                             error);
      return FALSE;
    }

  if (read_be32 (header + 60) == 0)
    {
      set_not_waymark_error (backup_path, _("it holds no Waymark data"), error);
      return FALSE;
    }

  /* A page size of 1 means 65536. */
  page_size = ((guint32) header[16] << 8) | header[17];
  page_size = page_size == 1 ? 65536 : page_size;
  n_pages = read_be32 (header + 28);

  /* The page count in the header is valid only when the change counter
   * at offset 24 equals the one at offset 92; SQLite 3.7.0 and later
   * always keep them equal. */
  if (page_size < 512 || size % page_size != 0
      || (read_be32 (header + 24) == read_be32 (header + 92)
          && (goffset) n_pages * page_size > size))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Backup %s is damaged or incomplete: its length does not "
                      "match its pages. Use another backup"), backup_path);
      return FALSE;
    }

  return TRUE;
}

static void
remove_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

/* Messages about the copy name its temporary file, which means nothing
 * to the officer, so the backup's name replaces it. */
static void
prefix_copy_error (GError      *local_error,
                   const char  *copy_path,
                   const char  *backup_path,
                   GError     **error)
{
  g_autoptr(GString) message = g_string_new (local_error->message);

  g_string_replace (message, copy_path, backup_path, 0);
  g_set_error (error, local_error->domain, local_error->code,
               E_("Backup %s was rejected: %s"), backup_path, message->str);
}

static gboolean
check_store (WmStore     *store,
             const char  *copy_path,
             const char  *backup_path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 bad_entry = 0;

  if (!wm_store_integrity_check (store, &local_error))
    {
      prefix_copy_error (local_error, copy_path, backup_path, error);
      return FALSE;
    }

  if (!wm_store_verify_audit (store, &bad_entry, &local_error))
    {
      if (local_error != NULL)
        prefix_copy_error (local_error, copy_path, backup_path, error);
      else
        {
          g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    bad_entry);

          g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                       E_("Backup %s was rejected: its audit log does not "
                          "verify at entry %s, so the file was changed outside "
                          "Waymark. Use another backup"), backup_path, entry);
        }
      return FALSE;
    }

  return TRUE;
}

/*
 * Opens the copy as a Waymark database, which also migrates a backup from
 * an older version and rejects one from a newer version, then checks it.
 * With @audit_detail, the "restore" entry goes into the copy's own log,
 * so it is installed together with the data. Closing the last connection
 * folds the write-ahead log into the file and removes it, which leaves
 * one complete file behind.
 */
static gboolean
open_and_check_copy (const char  *copy_path,
                     const char  *backup_path,
                     const char  *audit_detail,
                     GError     **error)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal = g_strconcat (copy_path, "-wal", NULL);

  store = wm_store_open (copy_path, &local_error);
  if (store == NULL)
    {
      prefix_copy_error (local_error, copy_path, backup_path, error);
      return FALSE;
    }

  if (!check_store (store, copy_path, backup_path, error))
    return FALSE;

  if (audit_detail != NULL
      && !wm_store_audit (store, "restore", NULL, 0, audit_detail, error))
    return FALSE;

  g_clear_object (&store);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("The restored copy of %s could not be completed, because "
                      "its write-ahead log was not folded in. Try again"),
                   backup_path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
verify_copy (const char  *copy_path,
             const char  *backup_path,
             const char  *audit_detail,
             GError     **error)
{
  if (!check_header (copy_path, backup_path, error))
    return FALSE;

  if (open_and_check_copy (copy_path, backup_path, audit_detail, error))
    return TRUE;

  remove_side_files (copy_path);
  return FALSE;
}

/* Puts the backup's database into @copy, decrypting it when it is
 * encrypted. */
static gboolean
fill_copy (WmPrivateFile  *copy,
           const char     *backup_path,
           const char     *passphrase,
           gboolean       *out_encrypted,
           GError        **error)
{
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("Backup %s does not exist or is not a file. Check the "
                      "name"), backup_path);
      return FALSE;
    }

  *out_encrypted = wm_crypt_is_encrypted_file (backup_path);
  if (!*out_encrypted)
    return wm_private_file_copy_from (copy, backup_path, error);

  if (passphrase == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Backup %s is encrypted. Give the passphrase it was "
                      "written with"), backup_path);
      return FALSE;
    }

  return wm_crypt_decrypt_into (backup_path, copy, passphrase, error);
}

/**
 * wm_backup_verify:
 * @path: a backup, plain or encrypted
 * @passphrase: (nullable): the passphrase of an encrypted backup
 * @work_folder: a private folder on this computer for the temporary copy,
 *   such as the database's folder. A decrypted copy must not land on
 *   removable media.
 * @error: return location for a #GError
 *
 * Checks that @path can be restored: it decrypts (with @passphrase), it
 * is a Waymark database of this or an earlier version, it passes SQLite's
 * integrity check and its audit log verifies. @path itself is only read.
 * The temporary copy is removed before this returns.
 *
 * Returns: %TRUE when the backup can be restored; otherwise %FALSE with
 *   %WM_ERROR_FOREIGN_DATABASE (not a Waymark backup, or newer),
 *   %WM_ERROR_DATABASE (damaged, incomplete, or an audit log that does
 *   not verify), %WM_ERROR_INVALID_INPUT (encrypted and no passphrase,
 *   the wrong passphrase, or a damaged encrypted file) or
 *   %WM_ERROR_NOT_FOUND, each message naming @path
 */
gboolean
wm_backup_verify (const char  *path,
                  const char  *passphrase,
                  const char  *work_folder,
                  GError     **error)
{
  g_autofree char *copy_name = g_build_filename (work_folder, "verify.db",
                                                 NULL);
  g_autoptr(WmPrivateFile) copy = NULL;
  gboolean encrypted = FALSE;

  g_return_val_if_fail (path != NULL && work_folder != NULL, FALSE);

  copy = wm_private_file_new (copy_name, error);
  return copy != NULL
         && fill_copy (copy, path, passphrase, &encrypted, error)
         && verify_copy (wm_private_file_get_temp_path (copy), path, NULL,
                         error);
}

/*
 * Folds the live database's write-ahead log into the file, so that the
 * kept copy is complete on its own. Returns whether the checkpoint ran:
 * it cannot on a database that is damaged, and then the log is kept
 * beside the previous file instead.
 */
static gboolean
checkpoint_live (const char *database_path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                         NULL);
    }

  if (rc != SQLITE_OK)
    g_debug ("Could not checkpoint %s before a restore: %s", database_path,
             sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* The first NAME.before-restore.N that is free, counting from 1, with
 * neither the file nor a -wal of that name present. */
static char *
free_numbered_path (const char *kept_path)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s.%u", kept_path, n);
      g_autofree char *wal = g_strconcat (numbered, "-wal", NULL);

      if (!g_file_test (numbered, G_FILE_TEST_EXISTS)
          && !g_file_test (wal, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&numbered);
    }
}

/* A file an earlier restore kept moves, with its -wal, to the first free
 * NAME.before-restore.N before the new one takes its name, so that no
 * restore ever loses a database an earlier one replaced. The newest kept
 * file is always NAME.before-restore, and a higher number is a newer one. */
static gboolean
number_older_kept (const char  *kept_path,
                   GError     **error)
{
  g_autofree char *kept_wal = g_strconcat (kept_path, "-wal", NULL);
  g_autofree char *numbered = NULL;
  g_autofree char *numbered_wal = NULL;

  if (!g_file_test (kept_path, G_FILE_TEST_EXISTS))
    return TRUE;

  numbered = free_numbered_path (kept_path);
  numbered_wal = g_strconcat (numbered, "-wal", NULL);
  if (g_file_test (kept_wal, G_FILE_TEST_EXISTS) && g_rename (kept_wal, numbered_wal) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not rename %s to %s: %s. Free some space or move "
                      "the file by hand, then restore again"),
                   kept_wal, numbered_wal, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_rename (kept_path, numbered) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not rename %s to %s: %s. Move the file by hand, "
                      "then restore again"),
                   kept_path, numbered, g_strerror (saved_errno));
      return FALSE;
    }

  g_debug ("Kept the previous %s as %s", WM_BACKUP_BEFORE_RESTORE_SUFFIX, numbered);
  return wm_sync_folder_of (numbered, error);
}

/* Keeps a copy of the live database under @kept_path, after an older
 * one there was numbered (see number_older_kept()). A hard link costs nothing and leaves the live file in place, so
 * there is never a moment without a database. A file system without hard
 * links gets a byte copy instead. */
static gboolean
keep_previous (const char  *database_path,
               const char  *kept_path,
               GError     **error)
{
  g_autofree char *link_path = g_strconcat (kept_path, ".link", NULL);
  g_autoptr(WmPrivateFile) kept_file = NULL;

  if (!number_older_kept (kept_path, error))
    return FALSE;

  /* A stray -shm beside the kept name belongs to no file now. */
  remove_side_files (kept_path);

  g_unlink (link_path);
  if (link (database_path, link_path) == 0)
    {
      if (g_rename (link_path, kept_path) == 0)
        return wm_sync_folder_of (kept_path, error);

      g_unlink (link_path);
    }

  kept_file = wm_private_file_new (kept_path, error);
  return kept_file != NULL
         && wm_private_file_copy_from (kept_file, database_path, error)
         && wm_private_file_commit (kept_file, error);
}

/*
 * Readies the live database for replacement: checkpoints it, refuses when
 * another program still has it open, keeps it as NAME.before-restore and
 * removes its -wal and -shm files. A stale -wal left beside the new file
 * would be read as part of it and corrupt it.
 */
static gboolean
retire_live (const char  *database_path,
             GError     **error)
{
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_wal = NULL;
  gboolean checkpointed;

  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    return TRUE;

  /* The last connection to close removes the -wal file, so one that is
   * still there after the checkpoint belongs to another open connection. */
  checkpointed = checkpoint_live (database_path);
  if (checkpointed && g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_BUSY,
                   E_("Database %s is open in another program, perhaps another "
                      "Waymark window. Close it and restore again"),
                   database_path);
      return FALSE;
    }

  kept_path = g_strconcat (database_path, WM_BACKUP_BEFORE_RESTORE_SUFFIX,
                           NULL);
  if (!keep_previous (database_path, kept_path, error))
    return FALSE;

  kept_wal = g_strconcat (kept_path, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_rename (wal, kept_wal) != 0)
    g_warning ("Could not keep the write-ahead log of %s: %s", database_path,
               g_strerror (errno));

  remove_side_files (database_path);
  return TRUE;
}

/*
 * Rejects, before anything is written, a database that every other action
 * rejects too: a path that is not a regular file (a folder, a FIFO), or a
 * file without its owner's write bit, with the same check and message as
 * opening it. A read-only folder is rejected too, because the restored
 * file and the kept one are written there. A missing folder is made later.
 */
static gboolean
check_replaceable (const char  *database_path,
                   GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (database_path);
  GStatBuf info;

  if (g_stat (database_path, &info) == 0 && !S_ISREG (info.st_mode))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FOREIGN_DATABASE,
                   E_("Database %s is not a regular file, so a backup cannot "
                      "be restored into it. Give the path of the database "
                      "file, or a name that does not exist yet"),
                   database_path);
      return FALSE;
    }

  if (!_wm_store_check_file_writable (database_path, error))
    return FALSE;

  if (g_stat (folder, &info) == 0 && _wm_store_is_read_only (folder, &info))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   /* Translators: the database, then its folder. */
                   E_("Could not restore into %s: its folder %s is "
                      "read-only, so the restored database cannot be written "
                      "there. Make the folder writable, then restore again"),
                   database_path, folder);
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_backup_restore:
 * @backup_path: a backup, plain or encrypted
 * @database_path: the live database to replace; it may not exist yet
 * @passphrase: (nullable): the passphrase of an encrypted backup
 * @error: return location for a #GError
 *
 * Replaces the database at @database_path with the backup. The backup is
 * copied (or decrypted) to a temporary file beside the database and
 * checked as wm_backup_verify() does, and a backup from an older version
 * is migrated. An audit entry "restore" with the backup's size and SHA-256
 * is appended to the restored log. Only then is the live database kept
 * as `NAME.before-restore`, so that the restore itself can be undone by
 * restoring that file, and the checked copy is renamed over it. A file an
 * earlier restore kept there is first renamed to the first free
 * `NAME.before-restore.N` (N from 1, so a higher number is newer): no
 * restore ever loses a file.
 *
 * When @database_path is a symbolic link, the file it points to is
 * replaced and kept as described, beside that file, and the link stays.
 * A relative link target is read against the link's own folder.
 *
 * Nothing is written when @database_path is a link loop, is not a regular
 * file, has no write bit for its owner or is in a read-only folder. Every
 * other action rejects such a database too.
 *
 * Every connection to @database_path must be closed first; when another
 * program still has it open, the restore fails with %WM_ERROR_BUSY.
 *
 * Returns: %TRUE on success; otherwise %FALSE with the errors of
 *   wm_backup_verify(), %WM_ERROR_BUSY, %WM_ERROR_INVALID_INPUT (a link
 *   loop), %WM_ERROR_FOREIGN_DATABASE (not a regular file) or
 *   %WM_ERROR_DATABASE (read-only file or folder), and the live database
 *   exactly as it was
 */
gboolean
wm_backup_restore (const char  *backup_path,
                   const char  *database_path,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(WmPrivateFile) copy = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *detail = NULL;
  gboolean encrypted = FALSE;
  const char *copy_path;

  g_return_val_if_fail (backup_path != NULL && database_path != NULL, FALSE);

  /* The checked copy is renamed over the real file, not over a link to
   * it (see _wm_backup_dup_real_path()). */
  real_path = _wm_backup_dup_real_path (database_path, error);
  if (real_path == NULL)
    return FALSE;

  database_path = real_path;
  if (!check_replaceable (database_path, error))
    return FALSE;

  folder = g_path_get_dirname (database_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not create the folder %s for the database: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  copy = wm_private_file_new (database_path, error);
  if (copy == NULL || !fill_copy (copy, backup_path, passphrase, &encrypted,
                                  error))
    return FALSE;

  copy_path = wm_private_file_get_temp_path (copy);
  detail = _wm_backup_audit_detail (backup_path, encrypted, error);
  if (detail == NULL
      || !verify_copy (copy_path, backup_path, detail, error)
      || !retire_live (database_path, error)
      || !wm_private_file_commit (copy, error))
    return FALSE;

  g_debug ("Restored a backup (%s) over %s",
           encrypted ? "encrypted" : "plain", database_path);
  return TRUE;
}
