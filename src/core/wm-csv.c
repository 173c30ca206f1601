/* wm-csv.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Reads CSV files as RFC 4180 describes them. Fields are separated by
 * commas and records by line breaks (CRLF, LF, or a lone CR as old Mac
 * exports write). A field that contains a comma, a quote (written twice)
 * or a line break is put in double quotes.
 *
 * The bytes are first decoded to UTF-8. Schools save CSV from Excel,
 * which writes Windows-1252 ("CSV (Comma delimited)"), UTF-8 with a byte
 * order mark ("CSV UTF-8") or UTF-16 with one ("Unicode Text"), and from
 * their management systems, which write UTF-8 without one. A name read in
 * the wrong encoding is stored misspelt and then printed on letters to
 * the family, so a file whose encoding cannot be decided is rejected,
 * never guessed: the caller can name the encoding instead.
 */

#include "wm-csv.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

#define WINDOWS_1252 "WINDOWS-1252"

/* Bytes that Windows-1252 leaves undefined. A file containing one is not
 * Windows-1252 text. */
static const guchar undefined_1252[] = { 0x81, 0x8d, 0x8f, 0x90, 0x9d };

struct _WmCsvReader
{
  char        *name;
  const char  *text;
  gsize        length;
  gsize        pos;
  guint        line;
  GString     *field;
  WmCsvRecord  record;
};

/* Decoding */

/* The line of the byte at @offset, counting line feeds before it. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;

  return line;
}

static gboolean
is_undefined_1252 (guchar byte)
{
  return memchr (undefined_1252, byte, sizeof undefined_1252) != NULL;
}

/* Returns the offset of the first well-formed UTF-8 sequence of two or
 * more bytes, or -1. Windows-1252 text almost never contains one, because it
 * needs an accented capital followed by the exact number of symbols. */
static gssize
find_multibyte_utf8 (const char *data,
                     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      gunichar c;

      if ((guchar) data[i] < 0xc2)
        continue;

      c = g_utf8_get_char_validated (data + i, length - i);
      if (c != (gunichar) -1 && c != (gunichar) -2)
        return (gssize) i;
    }

  return -1;
}

static gssize
find_undefined_1252 (const char *data,
                     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (is_undefined_1252 ((guchar) data[i]))
      return (gssize) i;

  return -1;
}

/* A C1 control character (U+0080 to U+009F) never appears in real text.
 * Valid UTF-8 that decodes to one is Windows-1252 bytes that happen to
 * form UTF-8, such as "Â" followed by a curly quote. */
static gssize
find_c1_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && c <= 0x9f)
        return p - text;
    }

  return -1;
}

static void
set_ambiguous_error (GError     **error,
                     const char  *name,
                     guint        line,
                     const char  *reason)
{
  g_set_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS,
               E_("%s, line %u: %s, so Waymark cannot tell how to read its "
                  "letters. Save the file from the spreadsheet as \"CSV UTF-8\" "
                  "and import it again, or name the encoding on the command "
                  "line, for example --encoding=windows-1252."),
               name, line, reason);
}

static char *
convert_or_fail (const char  *data,
                 gsize        length,
                 const char  *name,
                 const char  *from,
                 const char  *label,
                 gsize       *out_length,
                 GError     **error)
{
  g_autoptr(GError) convert_error = NULL;
  gsize bytes_read = 0;
  char *text;

  text = g_convert (data, length, "UTF-8", from, &bytes_read, out_length,
                    &convert_error);

  /* g_convert() from UTF-8 to UTF-8 passes some invalid sequences through
   * unchanged (lead bytes 0xF5 to 0xF7, code points above U+10FFFF), so
   * the result is checked rather than trusted. */
  if (text != NULL)
    {
      const char *end = NULL;

      if (g_utf8_validate_len (text, *out_length, &end))
        return text;

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s, line %u: the bytes there are not valid %s. Check the "
                      "encoding the file was saved in and name that one."),
                   name, line_of_offset (text, end - text), label);
      g_free (text);
      return NULL;
    }

  if (g_error_matches (convert_error, G_CONVERT_ERROR,
                       G_CONVERT_ERROR_NO_CONVERSION))
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("%s: the encoding \"%s\" is not one this system can read. "
                    "Name a known encoding, such as utf-8 or windows-1252."),
                 name, label);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("%s, line %u: the bytes there are not valid %s. Check the "
                    "encoding the file was saved in and name that one."),
                 name, line_of_offset (data, MIN (bytes_read, length)), label);
  return NULL;
}

/* Rejects control characters other than tab and line breaks: a file with
 * them is not a text export, and a NUL would cut a value short. */
static gboolean
check_text (const char  *text,
            gsize        length,
            const char  *name,
            GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        continue;

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s, line %u: the file contains the control byte 0x%02x, "
                      "so it is not a CSV text file. Choose the CSV export "
                      "itself."),
                   name, line_of_offset (text, i), c);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_prefix (const char *data,
            gsize       length,
            const char *prefix,
            gsize       prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "utf-8") == 0
         || g_ascii_strcasecmp (encoding, "utf8") == 0;
}

/* Decodes in the encoding the caller names. A UTF-8 byte order mark is
 * dropped when that is UTF-8, because it is no part of the text. */
static char *
decode_named (const char  *data,
              gsize        length,
              const char  *name,
              const char  *encoding,
              gsize       *out_length,
              GError     **error)
{
  if (is_utf8_name (encoding) && has_prefix (data, length, "\xef\xbb\xbf", 3))
    {
      data += 3;
      length -= 3;
    }

  return convert_or_fail (data, length, name, encoding, encoding, out_length,
                          error);
}

/* Reads UTF-8 that follows a byte order mark, or that is known valid. */
static char *
decode_utf8 (const char  *data,
             gsize        length,
             const char  *name,
             gsize       *out_length,
             GError     **error)
{
  const char *end = NULL;
  gssize c1;
  char *text;

  if (!g_utf8_validate_len (data, length, &end))
    {
      set_ambiguous_error (error, name, line_of_offset (data, end - data),
                           _("the file starts with a UTF-8 byte order mark but "
                             "this line has bytes that are not UTF-8, so it "
                             "mixes encodings"));
      return NULL;
    }

  *out_length = length;
  text = g_strndup (data, length);
  c1 = find_c1_control (text);
  if (c1 >= 0)
    {
      set_ambiguous_error (error, name, line_of_offset (text, c1),
                           _("the bytes on this line read as a control "
                             "character in UTF-8 and as other letters in "
                             "Windows-1252"));
      g_free (text);
      return NULL;
    }

  return text;
}

/* Decides between UTF-8 and Windows-1252 for a file with no byte order
 * mark. Valid UTF-8 is read as UTF-8. Otherwise the file is Windows-1252
 * only if it contains no well-formed UTF-8 sequence (which would make it a
 * mixture) and no byte that Windows-1252 leaves undefined. */
static char *
decode_detected (const char  *data,
                 gsize        length,
                 const char  *name,
                 char       **out_encoding,
                 gsize       *out_length,
                 GError     **error)
{
  const char *end = NULL;
  gssize utf8_at, undefined_at, invalid_at;

  if (g_utf8_validate_len (data, length, &end))
    {
      *out_encoding = g_strdup ("UTF-8");
      return decode_utf8 (data, length, name, out_length, error);
    }

  invalid_at = end - data;
  utf8_at = find_multibyte_utf8 (data, length);
  if (utf8_at >= 0)
    {
      g_autofree char *reason =
        g_strdup_printf (_("the file mixes encodings: line %u is UTF-8 but "
                           "this line is not"),
                         line_of_offset (data, utf8_at));

      set_ambiguous_error (error, name, line_of_offset (data, invalid_at),
                           reason);
      return NULL;
    }

  undefined_at = find_undefined_1252 (data, length);
  if (undefined_at >= 0)
    {
      set_ambiguous_error (error, name, line_of_offset (data, undefined_at),
                           _("the bytes on this line are valid neither in "
                             "UTF-8 nor in Windows-1252"));
      return NULL;
    }

  *out_encoding = g_strdup ("Windows-1252");
  return convert_or_fail (data, length, name, WINDOWS_1252, "Windows-1252",
                          out_length, error);
}

/**
 * wm_csv_decode:
 * @data: the file's bytes
 * @length: the number of bytes in @data
 * @name: the file name to use in messages
 * @encoding: (nullable): the encoding to read, as g_convert() names it
 *   (such as "windows-1252" or "utf-8"), or %NULL to detect it
 * @out_encoding: (out) (optional) (transfer full): the encoding used
 * @error: return location for a #GError
 *
 * Decodes a CSV file to UTF-8, without a byte order mark. Detection
 * follows a byte order mark when there is one (UTF-8, UTF-16LE or
 * UTF-16BE); otherwise valid UTF-8 is UTF-8, and text that is not UTF-8
 * and contains no UTF-8 sequence is Windows-1252, which is what Excel's
 * "CSV (Comma delimited)" writes in England.
 *
 * When the encoding cannot be decided, the error is %WM_ERROR_AMBIGUOUS
 * and names the file and line: bytes valid in neither encoding, a file
 * mixing UTF-8 and other bytes, and UTF-8 that decodes to C1 control
 * characters (Windows-1252 bytes that happen to form UTF-8). Bytes that
 * are not valid in a named @encoding, control characters other than tab,
 * form feed and line breaks, and an unknown @encoding give
 * %WM_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full): the text in UTF-8, or %NULL on error
 */
char *
wm_csv_decode (const char  *data,
               gsize        length,
               const char  *name,
               const char  *encoding,
               char       **out_encoding,
               GError     **error)
{
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;
  gsize text_length = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (encoding != NULL)
    {
      used = g_strdup (encoding);
      text = decode_named (data, length, name, encoding, &text_length, error);
    }
  else if (has_prefix (data, length, "\xff\xfe", 2)
           || has_prefix (data, length, "\xfe\xff", 2))
    {
      used = g_strdup (data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE");
      text = convert_or_fail (data + 2, length - 2, name, used, used,
                              &text_length, error);
    }
  else if (!check_text (data, length, name, error))
    return NULL;
  else if (has_prefix (data, length, "\xef\xbb\xbf", 3))
    {
      used = g_strdup ("UTF-8");
      text = decode_utf8 (data + 3, length - 3, name, &text_length, error);
    }
  else
    text = decode_detected (data, length, name, &used, &text_length, error);

  /* Checked again after decoding, for control characters in UTF-16 and
   * in a named encoding, a NUL above all, which would cut the text. */
  if (text == NULL || !check_text (text, text_length, name, error))
    return NULL;

  if (out_encoding != NULL)
    *out_encoding = g_steal_pointer (&used);
  return g_steal_pointer (&text);
}

/* Reading records */

/**
 * wm_csv_reader_new:
 * @name: the file name to use in messages
 * @text: UTF-8 text from wm_csv_decode(); it must outlive the reader
 * @length: the number of bytes in @text
 *
 * Returns: (transfer full): a reader positioned at the first record
 */
WmCsvReader *
wm_csv_reader_new (const char *name,
                   const char *text,
                   gsize       length)
{
  WmCsvReader *reader = g_new0 (WmCsvReader, 1);

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  reader->name = g_strdup (name);
  reader->text = text;
  reader->length = length;
  reader->line = 1;
  reader->field = g_string_new (NULL);
  reader->record.fields = g_ptr_array_new_with_free_func (g_free);
  return reader;
}

/**
 * wm_csv_reader_free:
 * @reader: (nullable): a reader
 *
 * Frees the reader and its current record.
 */
void
wm_csv_reader_free (WmCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_free (reader->name);
  g_string_free (reader->field, TRUE);
  g_ptr_array_unref (reader->record.fields);
  g_free (reader);
}

static int
peek (WmCsvReader *reader,
      gsize        ahead)
{
  gsize at = reader->pos + ahead;

  return at < reader->length ? (guchar) reader->text[at] : -1;
}

static gboolean
is_line_break (int c)
{
  return c == '\n' || c == '\r';
}

/* Consumes one line break (CRLF counts as one) and counts the line. */
static void
skip_line_break (WmCsvReader *reader)
{
  if (peek (reader, 0) == '\r' && peek (reader, 1) == '\n')
    reader->pos++;

  reader->pos++;
  reader->line++;
}

static void
set_reader_error (WmCsvReader  *reader,
                  GError      **error,
                  guint         line,
                  const char   *reason)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s, line %u, column %u: %s"), reader->name, line,
               reader->record.fields->len + 1, reason);
}

static gboolean
read_quoted (WmCsvReader  *reader,
             GError      **error)
{
  guint start_line = reader->line;

  reader->pos++;
  for (;;)
    {
      int c = peek (reader, 0);

      if (c < 0)
        {
          set_reader_error (reader, error, start_line,
                            _("the quoted field that starts here has no "
                              "closing quote, so the rest of the file would "
                              "be read as one value. Close the quote, or "
                              "save the file again from the spreadsheet."));
          return FALSE;
        }

      if (c == '"' && peek (reader, 1) == '"')
        {
          g_string_append_c (reader->field, '"');
          reader->pos += 2;
        }
      else if (c == '"')
        {
          reader->pos++;
          return TRUE;
        }
      else if (is_line_break (c))
        {
          /* The line break is part of the value, as the file has it. */
          if (c == '\r' && peek (reader, 1) == '\n')
            g_string_append_c (reader->field, (char) reader->text[reader->pos++]);
          g_string_append_c (reader->field, (char) reader->text[reader->pos++]);
          reader->line++;
        }
      else
        g_string_append_c (reader->field, (char) reader->text[reader->pos++]);
    }
}

static gboolean
read_unquoted (WmCsvReader  *reader,
               GError      **error)
{
  int c;

  while ((c = peek (reader, 0)) >= 0 && c != ',' && !is_line_break (c))
    {
      if (c == '"')
        {
          set_reader_error (reader, error, reader->line,
                            _("a double quote appears inside a value that is "
                              "not in quotes. Put the whole value in quotes "
                              "and write the quote twice, as a spreadsheet "
                              "does when it saves CSV."));
          return FALSE;
        }

      g_string_append_c (reader->field, (char) c);
      reader->pos++;
    }

  /* Spaces around an unquoted value are layout, not part of it. */
  while (reader->field->len > 0
         && (reader->field->str[reader->field->len - 1] == ' '
             || reader->field->str[reader->field->len - 1] == '\t'))
    g_string_truncate (reader->field, reader->field->len - 1);

  return TRUE;
}

/* Reads one field and what ends it. Spaces before an opening quote are
 * allowed, since some writers put a space after each comma. */
static gboolean
read_field (WmCsvReader  *reader,
            GError      **error)
{
  int c;

  g_string_truncate (reader->field, 0);
  while (peek (reader, 0) == ' ' || peek (reader, 0) == '\t')
    reader->pos++;

  if (peek (reader, 0) != '"')
    return read_unquoted (reader, error);

  if (!read_quoted (reader, error))
    return FALSE;

  while (peek (reader, 0) == ' ' || peek (reader, 0) == '\t')
    reader->pos++;

  c = peek (reader, 0);
  if (c >= 0 && c != ',' && !is_line_break (c))
    {
      set_reader_error (reader, error, reader->line,
                        _("text follows the closing quote of a quoted value. "
                          "A quote inside a value must be written twice; "
                          "save the file again from the spreadsheet."));
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_csv_reader_next:
 * @reader: a reader
 * @error: return location for a #GError
 *
 * Reads the next record. A blank line is a record with one empty field;
 * see wm_csv_record_is_blank(). A quoted field with no closing quote and
 * a quote inside an unquoted field, or after a closing quote, give
 * %WM_ERROR_INVALID_INPUT naming the file, line and column.
 *
 * Returns: (transfer none) (nullable): the record, valid until the next
 *   call, or %NULL at the end of the text (with @error unset) or on error
 */
const WmCsvRecord *
wm_csv_reader_next (WmCsvReader  *reader,
                    GError      **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  g_ptr_array_set_size (reader->record.fields, 0);
  if (reader->pos >= reader->length)
    return NULL;

  reader->record.line = reader->line;
  for (;;)
    {
      int c;

      if (!read_field (reader, error))
        return NULL;

      g_ptr_array_add (reader->record.fields,
                       g_strndup (reader->field->str, reader->field->len));
      c = peek (reader, 0);
      if (c == ',')
        {
          reader->pos++;
          continue;
        }

      if (c >= 0)
        skip_line_break (reader);
      return &reader->record;
    }
}

/**
 * wm_csv_reader_get_fraction:
 * @reader: a reader
 *
 * Returns: the share of the text read so far, from 0 to 1
 */
double
wm_csv_reader_get_fraction (WmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0.0);

  return reader->length > 0 ? (double) reader->pos / reader->length : 1.0;
}

/**
 * wm_csv_record_is_blank:
 * @record: a record
 *
 * Spreadsheets save empty rows as lines of commas only, and files often
 * end with blank lines; such records carry nothing.
 *
 * Returns: whether every field of @record is empty
 */
gboolean
wm_csv_record_is_blank (const WmCsvRecord *record)
{
  g_return_val_if_fail (record != NULL, TRUE);

  for (guint i = 0; i < record->fields->len; i++)
    if (((const char *) g_ptr_array_index (record->fields, i))[0] != '\0')
      return FALSE;

  return TRUE;
}

/**
 * wm_csv_fold_header:
 * @field: a header field
 *
 * Folds a column name for matching: surrounding white space removed,
 * runs of inner white space made one space, and case folded, so that
 * " Year  group" matches "year group".
 *
 * Returns: (transfer full): the folded name
 */
char *
wm_csv_fold_header (const char *field)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  g_return_val_if_fail (field != NULL, NULL);

  folded = g_utf8_casefold (field, -1);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (" ", (char **) kept->pdata);
}

/**
 * wm_csv_find_column:
 * @header: the header record
 * @name: a column name, matched as wm_csv_fold_header() folds it
 *
 * Returns: the index of the first field of @header named @name, or -1
 */
int
wm_csv_find_column (const WmCsvRecord *header,
                    const char        *name)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (header != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  wanted = wm_csv_fold_header (name);
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *field =
        wm_csv_fold_header (g_ptr_array_index (header->fields, i));

      if (g_str_equal (field, wanted))
        return (int) i;
    }

  return -1;
}
