/* wm-crypt.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-crypt.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Passphrase encryption of a whole file, for backups that leave the
 * laptop (a USB stick, a network share). The key comes from the
 * passphrase through Argon2id (libsodium's crypto_pwhash) with a random
 * salt. The file is then sealed with libsodium's secretstream
 * (XChaCha20-Poly1305) in chunks, so that a file of any size is
 * encrypted in constant memory and every chunk is authenticated.
 *
 * File format, version 1 (integers little-endian):
 *
 *   offset  length  field
 *        0       8  magic "WMBACKUP"
 *        8       1  format version, 1
 *        9       1  key derivation, 1 = Argon2id version 1.3
 *       10       1  cipher, 1 = secretstream XChaCha20-Poly1305
 *       11       1  reserved, 0
 *       12       8  Argon2id operations limit
 *       20       8  Argon2id memory limit in bytes
 *       28      16  salt
 *       44      24  secretstream header
 *       68       -  chunks: 64 KiB of plaintext each (the last one shorter,
 *                   possibly empty) plus 17 bytes of tag and MAC
 *
 * The first 44 bytes are the additional data of the first chunk, so a
 * changed parameter fails authentication. The last chunk carries the
 * FINAL tag, so a file that ends without it was cut short. Every chunk
 * but the last is read at its full length, so bytes appended to the file
 * become part of the last chunk and fail its MAC.
 */

#define MAGIC "WMBACKUP"
#define MAGIC_LENGTH 8
#define FORMAT_VERSION 1
#define KDF_ARGON2ID13 1
#define CIPHER_SECRETSTREAM 1
#define PARAMS_LENGTH 44
#define STREAM_HEADER_LENGTH crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define KEY_LENGTH crypto_secretstream_xchacha20poly1305_KEYBYTES
#define CHUNK_LENGTH (64 * 1024)
#define SEALED_CHUNK_LENGTH \
  (CHUNK_LENGTH + crypto_secretstream_xchacha20poly1305_ABYTES)

G_STATIC_ASSERT (MAGIC_LENGTH + 4 + 8 + 8 + crypto_pwhash_SALTBYTES
                 == PARAMS_LENGTH);

/* A damaged or crafted header must not make decryption run for hours or
 * allocate many gigabytes, so the limits read back are capped at
 * libsodium's SENSITIVE level (1 GiB of memory), well above the
 * INTERACTIVE level this file writes. */
#define MAX_OPSLIMIT crypto_pwhash_OPSLIMIT_SENSITIVE
#define MAX_MEMLIMIT crypto_pwhash_MEMLIMIT_SENSITIVE

typedef struct
{
  guint64 opslimit;
  guint64 memlimit;
  guint8  salt[crypto_pwhash_SALTBYTES];
} KdfParams;

/* The working buffers, wiped before they are freed because they hold the
 * key and plaintext. */
typedef struct
{
  guint8 key[KEY_LENGTH];
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 plain[CHUNK_LENGTH];
  guint8 sealed[SEALED_CHUNK_LENGTH];
} Secrets;

static void
secrets_free (Secrets *secrets)
{
  sodium_memzero (secrets, sizeof *secrets);
  g_free (secrets);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secrets, secrets_free)

/* The files are only read here, so a failing fclose() loses nothing. */
static void
close_stream (FILE *stream)
{
  fclose (stream);
}

typedef FILE InputStream;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InputStream, close_stream)

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static int result;

  if (g_once_init_enter (&initialised))
    {
      result = sodium_init ();
      g_once_init_leave (&initialised, 1);
    }

  if (result < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The encryption library libsodium failed to start. "
                      "Reinstall Waymark"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The passphrase is empty. Give a passphrase to encrypt "
                      "or decrypt the backup"));
      return FALSE;
    }

  return TRUE;
}

static void
write_le64 (guint8  *bytes,
            guint64  value)
{
  for (guint i = 0; i < 8; i++)
    bytes[i] = (value >> (8 * i)) & 0xff;
}

static guint64
read_le64 (const guint8 *bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value |= (guint64) bytes[i] << (8 * i);
  return value;
}

static void
encode_params (const KdfParams *params,
               guint8           bytes[PARAMS_LENGTH])
{
  memset (bytes, 0, PARAMS_LENGTH);
  memcpy (bytes, MAGIC, MAGIC_LENGTH);
  bytes[8] = FORMAT_VERSION;
  bytes[9] = KDF_ARGON2ID13;
  bytes[10] = CIPHER_SECRETSTREAM;
  write_le64 (bytes + 12, params->opslimit);
  write_le64 (bytes + 20, params->memlimit);
  memcpy (bytes + 28, params->salt, sizeof params->salt);
}

static gboolean
decode_params (const guint8   bytes[PARAMS_LENGTH],
               const char    *path,
               KdfParams     *params,
               GError       **error)
{
  /* Only a higher format number means a newer Waymark. This format's
   * number with another key derivation or cipher byte is a damaged file,
   * and telling the officer to update Waymark would not help. */
  if (bytes[8] > FORMAT_VERSION)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s was encrypted by a newer version of Waymark (format "
                      "%u). Update Waymark to read it"), path, bytes[8]);
      return FALSE;
    }

  if (bytes[8] != FORMAT_VERSION || bytes[9] != KDF_ARGON2ID13
      || bytes[10] != CIPHER_SECRETSTREAM)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is damaged: its header names no encryption this "
                      "version of Waymark wrote. Use another backup"), path);
      return FALSE;
    }

  params->opslimit = read_le64 (bytes + 12);
  params->memlimit = read_le64 (bytes + 20);
  memcpy (params->salt, bytes + 28, sizeof params->salt);

  if (params->opslimit < crypto_pwhash_OPSLIMIT_MIN
      || params->opslimit > MAX_OPSLIMIT
      || params->memlimit < crypto_pwhash_MEMLIMIT_MIN
      || params->memlimit > MAX_MEMLIMIT)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is damaged: its key derivation settings are out of "
                      "range. Use another backup"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
derive_key (const char       *passphrase,
            const KdfParams  *params,
            guint8            key[KEY_LENGTH],
            GError          **error)
{
  if (crypto_pwhash (key, KEY_LENGTH, passphrase, strlen (passphrase),
                     params->salt, params->opslimit, params->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      /* Numbers are formatted first: a translatable format cannot hold
       * G_GUINT64_FORMAT, which the string extractor does not expand. */
      g_autofree char *mib = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              params->memlimit >> 20);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Not enough memory to derive the key from the "
                      "passphrase (%s MiB needed). Close other programs and "
                      "try again"), mib);
      return FALSE;
    }

  return TRUE;
}

static void
set_read_error (const char  *path,
                int          saved_errno,
                GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("Could not read %s: %s. Check that the file exists and can "
                  "be read"), path, g_strerror (saved_errno));
}

/* Reads up to @length bytes, fewer only at the end of the file. */
static gboolean
read_block (FILE        *in,
            const char  *path,
            guint8      *buffer,
            gsize        length,
            gsize       *out_length,
            GError     **error)
{
  *out_length = fread (buffer, 1, length, in);
  if (ferror (in))
    {
      set_read_error (path, errno, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_file_header (WmPrivateFile  *out,
                   Secrets        *secrets,
                   const char     *passphrase,
                   guint8          params_bytes[PARAMS_LENGTH],
                   GError        **error)
{
  KdfParams params = { 0 };
  guint8 stream_header[STREAM_HEADER_LENGTH];

  params.opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  params.memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  randombytes_buf (params.salt, sizeof params.salt);
  encode_params (&params, params_bytes);

  if (!derive_key (passphrase, &params, secrets->key, error))
    return FALSE;

  crypto_secretstream_xchacha20poly1305_init_push (&secrets->state,
                                                   stream_header,
                                                   secrets->key);
  return wm_private_file_write (out, params_bytes, PARAMS_LENGTH, error)
         && wm_private_file_write (out, stream_header, STREAM_HEADER_LENGTH,
                                   error);
}

static gboolean
encrypt_stream (FILE           *in,
                const char     *in_path,
                WmPrivateFile  *out,
                const char     *passphrase,
                GError        **error)
{
  g_autoptr(Secrets) secrets = g_new0 (Secrets, 1);
  guint8 params_bytes[PARAMS_LENGTH];
  gboolean first = TRUE, last = FALSE;

  if (!write_file_header (out, secrets, passphrase, params_bytes, error))
    return FALSE;

  /* A short read means the end of the file, so a file whose length is a
   * multiple of the chunk length ends with an empty FINAL chunk. */
  while (!last)
    {
      unsigned long long sealed_length = 0;
      gsize length = 0;

      if (!read_block (in, in_path, secrets->plain, CHUNK_LENGTH, &length,
                       error))
        return FALSE;

      last = length < CHUNK_LENGTH;
      crypto_secretstream_xchacha20poly1305_push (
        &secrets->state, secrets->sealed, &sealed_length, secrets->plain,
        length, first ? params_bytes : NULL, first ? PARAMS_LENGTH : 0,
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      first = FALSE;

      if (!wm_private_file_write (out, secrets->sealed, sealed_length, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * wm_crypt_encrypt_file:
 * @in_path: the file to encrypt
 * @out_path: the encrypted file to write; by convention its name ends in
 *   %WM_CRYPT_SUFFIX
 * @passphrase: a non-empty passphrase, never logged
 * @error: return location for a #GError
 *
 * Encrypts @in_path with a key derived from @passphrase by Argon2id
 * (libsodium's INTERACTIVE limits, a random salt) and
 * XChaCha20-Poly1305 in 64 KiB chunks. The output is written under a
 * temporary name with mode 0600 and renamed to @out_path, replacing any
 * file there, only when complete.
 *
 * Returns: %TRUE on success; otherwise %FALSE with %WM_ERROR_INVALID_INPUT
 *   (empty passphrase, unreadable input) or %WM_ERROR_DATABASE (the output
 *   cannot be written), and no output file
 */
gboolean
wm_crypt_encrypt_file (const char  *in_path,
                       const char  *out_path,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(WmPrivateFile) out = NULL;
  g_autoptr(InputStream) in = NULL;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);

  if (!check_passphrase (passphrase, error) || !ensure_sodium (error))
    return FALSE;

  in = g_fopen (in_path, "rb");
  if (in == NULL)
    {
      set_read_error (in_path, errno, error);
      return FALSE;
    }

  out = wm_private_file_new (out_path, error);
  return out != NULL
         && encrypt_stream (in, in_path, out, passphrase, error)
         && wm_private_file_commit (out, error);
}

static void
set_chunk_error (const char  *path,
                 guint64      offset,
                 GError     **error)
{
  if (offset == PARAMS_LENGTH + STREAM_HEADER_LENGTH)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("Could not decrypt %s: the passphrase is wrong, or the file "
                    "is damaged. Check the passphrase and try again"), path);
  else
    {
      g_autofree char *at = g_strdup_printf ("%" G_GUINT64_FORMAT, offset);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Could not decrypt %s: the file is damaged or was "
                      "changed after it was written (at byte %s). Use another "
                      "backup"), path, at);
    }
}

static gboolean
read_file_header (FILE         *in,
                  const char   *path,
                  Secrets      *secrets,
                  const char   *passphrase,
                  guint8        params_bytes[PARAMS_LENGTH],
                  GError      **error)
{
  guint8 stream_header[STREAM_HEADER_LENGTH];
  KdfParams params = { 0 };
  gsize params_length = 0, header_length = 0;

  if (!read_block (in, path, params_bytes, PARAMS_LENGTH, &params_length,
                   error))
    return FALSE;

  if (params_length < MAGIC_LENGTH
      || memcmp (params_bytes, MAGIC, MAGIC_LENGTH) != 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is not an encrypted Waymark backup. Choose a file "
                      "that Waymark wrote with a passphrase"), path);
      return FALSE;
    }

  if (params_length == PARAMS_LENGTH
      && !read_block (in, path, stream_header, STREAM_HEADER_LENGTH,
                      &header_length, error))
    return FALSE;

  if (header_length != STREAM_HEADER_LENGTH)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is incomplete: it ends inside its header. Use another "
                      "backup"), path);
      return FALSE;
    }

  if (!decode_params (params_bytes, path, &params, error)
      || !derive_key (passphrase, &params, secrets->key, error))
    return FALSE;

  /* Fails only for a malformed header, which the first chunk's MAC would
   * catch anyway; the message is the same as for a wrong passphrase. */
  if (crypto_secretstream_xchacha20poly1305_init_pull (&secrets->state,
                                                       stream_header,
                                                       secrets->key) != 0)
    {
      set_chunk_error (path, PARAMS_LENGTH + STREAM_HEADER_LENGTH, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
decrypt_stream (FILE           *in,
                const char     *in_path,
                WmPrivateFile  *out,
                const char     *passphrase,
                GError        **error)
{
  g_autoptr(Secrets) secrets = g_new0 (Secrets, 1);
  guint8 params_bytes[PARAMS_LENGTH];
  guint64 offset = PARAMS_LENGTH + STREAM_HEADER_LENGTH;
  guint8 tag = 0;

  if (!read_file_header (in, in_path, secrets, passphrase, params_bytes,
                         error))
    return FALSE;

  while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      gboolean first = offset == PARAMS_LENGTH + STREAM_HEADER_LENGTH;
      unsigned long long plain_length = 0;
      gsize length = 0;

      if (!read_block (in, in_path, secrets->sealed, SEALED_CHUNK_LENGTH,
                       &length, error))
        return FALSE;

      if (length == 0)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("%s is incomplete: it ends before its last part, so "
                          "it was cut short while it was written or copied. Use "
                          "another backup"), in_path);
          return FALSE;
        }

      if (crypto_secretstream_xchacha20poly1305_pull (
            &secrets->state, secrets->plain, &plain_length, &tag,
            secrets->sealed, length, first ? params_bytes : NULL,
            first ? PARAMS_LENGTH : 0) != 0)
        {
          set_chunk_error (in_path, offset, error);
          return FALSE;
        }

      offset += length;
      if (!wm_private_file_write (out, secrets->plain, plain_length, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * wm_crypt_decrypt_into:
 * @in_path: a file written by wm_crypt_encrypt_file()
 * @out: the pending file that receives the plaintext
 * @passphrase: the passphrase it was encrypted with
 * @error: return location for a #GError
 *
 * Decrypts @in_path into @out, checking every chunk's MAC and the FINAL
 * tag of the last one. On failure @out contains a partial plaintext, which
 * the caller removes by freeing @out without committing it.
 *
 * Returns: %TRUE when every byte decrypted and authenticated; otherwise
 *   %FALSE with %WM_ERROR_INVALID_INPUT for a wrong passphrase, a
 *   damaged, changed or cut-short file, or a file that is not encrypted
 */
gboolean
wm_crypt_decrypt_into (const char     *in_path,
                       WmPrivateFile  *out,
                       const char     *passphrase,
                       GError        **error)
{
  g_autoptr(InputStream) in = NULL;

  g_return_val_if_fail (in_path != NULL && out != NULL, FALSE);

  if (!check_passphrase (passphrase, error) || !ensure_sodium (error))
    return FALSE;

  in = g_fopen (in_path, "rb");
  if (in == NULL)
    {
      set_read_error (in_path, errno, error);
      return FALSE;
    }

  return decrypt_stream (in, in_path, out, passphrase, error);
}

/**
 * wm_crypt_decrypt_file:
 * @in_path: a file written by wm_crypt_encrypt_file()
 * @out_path: where the plaintext goes
 * @passphrase: the passphrase it was encrypted with
 * @error: return location for a #GError
 *
 * Decrypts @in_path to @out_path. The plaintext is written under a
 * temporary name with mode 0600 and renamed to @out_path, replacing any
 * file there, only after the whole file has authenticated.
 *
 * Returns: %TRUE on success; otherwise %FALSE with the errors of
 *   wm_crypt_decrypt_into(), and no output file
 */
gboolean
wm_crypt_decrypt_file (const char  *in_path,
                       const char  *out_path,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(WmPrivateFile) out = NULL;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);

  if (!check_passphrase (passphrase, error))
    return FALSE;

  out = wm_private_file_new (out_path, error);
  return out != NULL
         && wm_crypt_decrypt_into (in_path, out, passphrase, error)
         && wm_private_file_commit (out, error);
}

/**
 * wm_crypt_is_encrypted_file:
 * @path: a file
 *
 * Returns: whether @path starts like a file written by
 *   wm_crypt_encrypt_file(); whether it decrypts is not checked
 */
gboolean
wm_crypt_is_encrypted_file (const char *path)
{
  g_autoptr(InputStream) in = g_fopen (path, "rb");
  char magic[MAGIC_LENGTH];

  return in != NULL && fread (magic, 1, MAGIC_LENGTH, in) == MAGIC_LENGTH
         && memcmp (magic, MAGIC, MAGIC_LENGTH) == 0;
}

/**
 * wm_crypt_read_passphrase_file:
 * @path: a file that contains the passphrase
 * @error: return location for a #GError
 *
 * Reads a passphrase from a file, so that it never appears on a command
 * line where other users could see it. One line break at the end ("\n"
 * or "\r\n", as editors and `echo` write) is not part of the passphrase;
 * other spaces are.
 *
 * Returns: (transfer full) (nullable): the passphrase, to be freed with
 *   wm_crypt_free_passphrase(); or %NULL with %WM_ERROR_INVALID_INPUT when
 *   the file cannot be read, is empty, has more than one line or
 *   contains a NUL byte
 */
char *
wm_crypt_read_passphrase_file (const char  *path,
                               GError     **error)
{
  g_autoptr(WmPassphrase) text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Could not read the passphrase file %s: %s"), path,
                   local_error->message);
      return NULL;
    }

  if (length > 0 && text[length - 1] == '\n')
    text[--length] = '\0';
  if (length > 0 && text[length - 1] == '\r')
    text[--length] = '\0';

  if (length == 0 || strlen (text) != length || strchr (text, '\n') != NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The passphrase file %s is empty or has more than one "
                      "line. Write the passphrase alone on its first line"),
                   path);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/**
 * wm_crypt_free_passphrase:
 * @passphrase: (nullable): a passphrase
 *
 * Overwrites @passphrase with zeros, then frees it.
 */
void
wm_crypt_free_passphrase (char *passphrase)
{
  if (passphrase == NULL)
    return;

  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}
