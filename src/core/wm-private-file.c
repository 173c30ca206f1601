/* wm-private-file.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-private-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/* Backups, restores and encrypted copies are written with these helpers:
 * the data is about children and families, so nothing it touches may be
 * readable by other users of the machine, even for a moment. */

#define COPY_BLOCK_LENGTH (64 * 1024)

struct _WmPrivateFile
{
  char     *path;
  char     *temp_path;
  int       fd;
  gboolean  committed;
};

static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("Could not write %s: %s. Check that the disk has space and "
                  "that the folder can be written"), path,
               g_strerror (saved_errno));
}

/**
 * wm_private_file_new:
 * @final_path: the name the file takes when it is complete
 * @error: return location for a #GError
 *
 * Creates an empty temporary file beside @final_path, named after it with
 * a leading dot and a random suffix. The file is created exclusively
 * (`O_CREAT | O_EXCL`) with mode 0600, and set to 0600 again whatever the
 * umask. Nothing is done to @final_path until wm_private_file_commit().
 *
 * Returns: (transfer full) (nullable): the pending file, or %NULL with
 *   %WM_ERROR_DATABASE when the folder cannot be written
 */
WmPrivateFile *
wm_private_file_new (const char  *final_path,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (final_path);
  g_autofree char *base = g_path_get_basename (final_path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (folder, temp_name, NULL);
  WmPrivateFile *file;
  int fd;

  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          g_close (fd, NULL);
          g_unlink (temp_path);
        }
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not create a file in the folder %s: %s. Check that "
                      "the folder exists and can be written"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  file = g_new0 (WmPrivateFile, 1);
  file->path = g_strdup (final_path);
  file->temp_path = g_steal_pointer (&temp_path);
  file->fd = fd;
  return file;
}

/**
 * wm_private_file_get_temp_path:
 * @file: a pending file
 *
 * Returns: the temporary file, which other code (SQLite, for one) may
 *   open and write by name until the file is committed
 */
const char *
wm_private_file_get_temp_path (WmPrivateFile *file)
{
  return file->temp_path;
}

/**
 * wm_private_file_get_path:
 * @file: a pending file
 *
 * Returns: the final name given to wm_private_file_new()
 */
const char *
wm_private_file_get_path (WmPrivateFile *file)
{
  return file->path;
}

/**
 * wm_private_file_write:
 * @file: a pending file
 * @data: bytes to append
 * @length: how many
 * @error: return location for a #GError
 *
 * Appends @data to the temporary file, retrying short writes.
 *
 * Returns: %TRUE on success; %WM_ERROR_DATABASE naming the final path
 *   when the disk is full or the write fails
 */
gboolean
wm_private_file_write (WmPrivateFile  *file,
                       const void     *data,
                       gsize           length,
                       GError        **error)
{
  const guint8 *bytes = data;

  while (length > 0)
    {
      gssize written = write (file->fd, bytes, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          set_write_error (file->path, errno, error);
          return FALSE;
        }

      bytes += written;
      length -= written;
    }

  return TRUE;
}

/**
 * wm_private_file_copy_from:
 * @file: a pending file
 * @source_path: the file whose bytes to append
 * @error: return location for a #GError
 *
 * Appends every byte of @source_path to the temporary file.
 *
 * Returns: %TRUE on success; %WM_ERROR_DATABASE naming the file that
 *   could not be read or written
 */
gboolean
wm_private_file_copy_from (WmPrivateFile  *file,
                           const char     *source_path,
                           GError        **error)
{
  g_autofree guint8 *block = g_malloc (COPY_BLOCK_LENGTH);
  int fd = g_open (source_path, O_RDONLY | O_CLOEXEC, 0);
  int read_errno = fd < 0 ? errno : 0;
  gboolean ok = fd >= 0;

  while (ok)
    {
      gssize n_read = read (fd, block, COPY_BLOCK_LENGTH);

      if (n_read < 0 && errno == EINTR)
        continue;

      if (n_read <= 0)
        {
          read_errno = n_read < 0 ? errno : 0;
          break;
        }

      ok = wm_private_file_write (file, block, n_read, error);
    }

  if (fd >= 0)
    g_close (fd, NULL);

  if (read_errno != 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not read %s: %s. Check that the file exists and "
                      "can be read"), source_path, g_strerror (read_errno));
      return FALSE;
    }

  return ok;
}

/**
 * wm_sync_folder_of:
 * @path: a file
 * @error: return location for a #GError
 *
 * Flushes the folder that contains @path to the disk, so that a rename
 * into it survives a power cut. File systems that cannot flush a folder
 * (fsync() gives `EINVAL`) count as success.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_sync_folder_of (const char  *path,
                   GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno = 0;

  if (fd < 0)
    saved_errno = errno;
  else if (fsync (fd) != 0 && errno != EINVAL)
    saved_errno = errno;

  if (fd >= 0)
    g_close (fd, NULL);

  if (saved_errno != 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not flush the folder %s to the disk: %s. Check "
                      "the disk, then try again"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_private_file_commit:
 * @file: a pending file
 * @error: return location for a #GError
 *
 * Flushes the temporary file to the disk, closes it and renames it to
 * the final path, replacing any file there, then flushes the folder. Any
 * program that wrote the temporary file by name must have closed it.
 *
 * Returns: %TRUE when the file has its final name; otherwise %FALSE
 *   with %WM_ERROR_DATABASE, and freeing @file removes the temporary file
 */
gboolean
wm_private_file_commit (WmPrivateFile  *file,
                        GError        **error)
{
  int fd = file->fd;
  int saved_errno = 0;

  g_return_val_if_fail (!file->committed && fd >= 0, FALSE);

  file->fd = -1;
  if (fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      set_write_error (file->path, saved_errno, error);
      return FALSE;
    }

  if (g_rename (file->temp_path, file->path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                   E_("Could not create %s: %s. Check that the folder can be "
                      "written"), file->path, g_strerror (saved_errno));
      return FALSE;
    }

  file->committed = TRUE;
  return wm_sync_folder_of (file->path, error);
}

/**
 * wm_private_file_free:
 * @file: (nullable): a pending file
 *
 * Frees @file. When it was not committed, the temporary file is removed.
 */
void
wm_private_file_free (WmPrivateFile *file)
{
  if (file == NULL)
    return;

  if (file->fd >= 0)
    g_close (file->fd, NULL);
  if (!file->committed)
    g_unlink (file->temp_path);

  g_free (file->path);
  g_free (file->temp_path);
  g_free (file);
}
