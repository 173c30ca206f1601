/* wm-letter.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-letter.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-render.h"

/*
 * Letters from templates. A template with a misspelt field, or a table of
 * values without a field the template uses, is rejected with an error
 * that names the field. A letter that reaches a parent with
 * "{parent.name}" or a blank figure in it cannot be taken back, and a
 * letter is evidence in a later prosecution.
 */

struct _WmLetter
{
  char      *school_name;
  char      *school_address;
  char      *parent_name;
  char      *parent_address;
  char      *signatory_name;
  char      *signatory_role;
  WmDay      date;
  char      *subject;
  GPtrArray *paragraphs;
};

/* The merge fields a template may use. Keep in step with the templates
 * in data/letters/, which the tests fill with every one of these. */
static const char * const known_fields[] = {
  "pupil.forename",
  "pupil.surname",
  "school.name",
  "school.address",
  "school.phone",
  "parent.name",
  "parent.address",
  "date",
  "attendance.percent",
  "attendance.period",
  "attendance.unauthorised",
  "officer.name",
  "officer.role",
  "officer.phone",
  "meeting.date",
  "meeting.time",
  "meeting.place",
  "notice.start",
  "notice.end",
  "notice.length",
  "notice.target",
  "notice.review",
  "support.given",
  "support.offered",
  "visit.date",
  "visit.time",
  NULL
};

/* Helpers: merge fields */

static gboolean
is_known_field (const char *name)
{
  return g_strv_contains (known_fields, name);
}

static gboolean
append_field (GString     *out,
              const char  *name,
              const char  *source,
              guint        line,
              GHashTable  *values,
              GError     **error)
{
  const char *value;

  if (!is_known_field (name))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) known_fields);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s line %u: unknown merge field {%s}. Correct the "
                      "template; the fields are: %s."), source, line, name, known);
      return FALSE;
    }

  value = g_hash_table_lookup (values, name);
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s line %u: no value for merge field {%s}. Fill it in "
                      "before making the letter."), source, line, name);
      return FALSE;
    }

  g_string_append (out, value);
  return TRUE;
}

static void
set_brace_error (const char  *source,
                 guint        line,
                 char         brace,
                 GError     **error)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s line %u: a '%c' that is not part of a merge field. "
                  "Write a merge field as {name} on one line, or write %c%c "
                  "to print the brace."), source, line, brace, brace, brace);
}

/* Helpers: template parsing */

static char *
required_value (GHashTable  *values,
                const char  *name,
                const char  *source,
                const char  *purpose,
                GError     **error)
{
  const char *value = g_hash_table_lookup (values, name);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s: no value for merge field {%s}, which the %s needs. "
                      "Fill it in before making the letter."), source, name,
                   purpose);
      return NULL;
    }

  return g_strdup (value);
}

static gboolean
is_note (const char *line)
{
  return line[0] == '#';
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* Splits the template into lines, without the '\r' of Windows line ends
 * (templates may be edited anywhere). */
static GStrv
split_lines (const char *text)
{
  GStrv lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);

  return lines;
}

/* Finds and fills the "Subject:" line; *i is left on the line after it. */
static char *
parse_subject (GStrv        lines,
               guint       *i,
               const char  *source,
               GHashTable  *values,
               GError     **error)
{
  while (lines[*i] != NULL && (is_note (lines[*i]) || is_blank (lines[*i])))
    (*i)++;

  if (lines[*i] == NULL || !g_str_has_prefix (lines[*i], "Subject:"))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s line %u: expected the \"Subject:\" line. Start the "
                      "template (after any # notes) with \"Subject:\" and the "
                      "subject of the letter."), source, *i + 1);
      return NULL;
    }

  (*i)++;
  return wm_letter_fill_template (g_strstrip (lines[*i - 1] + 8), source,
                                  *i, values, error);
}

static void
end_paragraph (GPtrArray *paragraphs,
               GString   *paragraph)
{
  if (paragraph->len > 0)
    g_ptr_array_add (paragraphs, g_strdup (paragraph->str));

  g_string_truncate (paragraph, 0);
}

/* Fills each line with its own line number, so that an error points at
 * the right line, and joins the lines of each paragraph with spaces. */
static gboolean
parse_paragraphs (GStrv        lines,
                  guint        first,
                  const char  *source,
                  GHashTable  *values,
                  GPtrArray   *paragraphs,
                  GError     **error)
{
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = first; lines[i] != NULL; i++)
    {
      g_autofree char *filled = NULL;

      if (is_note (lines[i]))
        continue;

      if (is_blank (lines[i]))
        {
          end_paragraph (paragraphs, paragraph);
          continue;
        }

      filled = wm_letter_fill_template (g_strstrip (lines[i]), source, i + 1,
                                        values, error);
      if (filled == NULL)
        return FALSE;

      if (paragraph->len > 0)
        g_string_append_c (paragraph, ' ');
      g_string_append (paragraph, filled);
    }

  end_paragraph (paragraphs, paragraph);
  return TRUE;
}

static gboolean
fill_parts (WmLetter    *letter,
            GHashTable  *values,
            const char  *source,
            GError     **error)
{
  letter->school_name = required_value (values, "school.name", source,
                                        "letterhead", error);
  if (letter->school_name == NULL)
    return FALSE;

  letter->school_address = required_value (values, "school.address", source,
                                           "letterhead", error);
  if (letter->school_address == NULL)
    return FALSE;

  letter->parent_name = required_value (values, "parent.name", source,
                                        "addressee", error);
  if (letter->parent_name == NULL)
    return FALSE;

  letter->parent_address = required_value (values, "parent.address", source,
                                           "addressee", error);
  if (letter->parent_address == NULL)
    return FALSE;

  letter->signatory_name = required_value (values, "officer.name", source,
                                           "signature", error);
  if (letter->signatory_name == NULL)
    return FALSE;

  letter->signatory_role = required_value (values, "officer.role", source,
                                           "signature", error);
  return letter->signatory_role != NULL;
}

/* The values, with {date} set to the letter's date unless given. */
static GHashTable *
values_with_date (GHashTable *values,
                  WmDay       date,
                  char       *date_text)
{
  GHashTable *copy = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, value);

  if (!g_hash_table_contains (copy, "date") && date != WM_DAY_NONE)
    g_hash_table_insert (copy, (gpointer) "date", date_text);

  return copy;
}

/* Public API */

/**
 * wm_letter_get_known_fields:
 *
 * The merge fields a template may use: `pupil.forename`, `pupil.surname`,
 * `school.name`, `school.address`, `school.phone`, `parent.name`,
 * `parent.address`, `date`, `attendance.percent`, `attendance.period`,
 * `attendance.unauthorised`, `officer.name`, `officer.role`,
 * `officer.phone`, `meeting.date`, `meeting.time`, `meeting.place`,
 * `notice.start`, `notice.end`, `notice.length`, `notice.target`,
 * `notice.review`, `support.given`, `support.offered`, `visit.date` and
 * `visit.time`.
 *
 * Returns: (transfer none): the field names, %NULL-terminated
 */
const char * const *
wm_letter_get_known_fields (void)
{
  return known_fields;
}

/**
 * wm_letter_fill_template:
 * @text: template text, possibly of several lines
 * @source: the template's name for error messages, such as its file name
 * @first_line: the line number of @text's first line in @source
 * @values: (element-type utf8 utf8): field names to values
 * @error: return location for a #GError
 *
 * Replaces each merge field `{name}` in @text by its value; `{{` and `}}`
 * print one brace. Values are inserted as given and are not searched for
 * fields again. Entries of @values that @text does not use are ignored.
 *
 * Returns: (transfer full): the filled text, or %NULL with
 *   %WM_ERROR_INVALID_INPUT naming the source, line and field when a
 *   field is unknown, has no value (or an empty one), or a brace is
 *   unmatched
 */
char *
wm_letter_fill_template (const char  *text,
                         const char  *source,
                         guint        first_line,
                         GHashTable  *values,
                         GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint line = first_line;

  g_return_val_if_fail (text != NULL && source != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;
      g_autofree char *name = NULL;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (*p == '}')
        {
          set_brace_error (source, line, '}', error);
          return NULL;
        }

      if (*p != '{')
        {
          line += *p == '\n';
          g_string_append_c (out, *p);
          continue;
        }

      end = strpbrk (p + 1, "}\n{");
      if (end == NULL || *end != '}')
        {
          set_brace_error (source, line, '{', error);
          return NULL;
        }

      name = g_strndup (p + 1, end - p - 1);
      if (!append_field (out, name, source, line, values, error))
        return NULL;

      p = end;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * wm_letter_new:
 * @template_text: the template (see the format above)
 * @source: the template's name for error messages
 * @values: (element-type utf8 utf8): field names to values. It must
 *   contain `school.name`, `school.address`, `parent.name`,
 *   `parent.address` (lines separated by newlines), `officer.name`,
 *   `officer.role` and every field the template uses.
 * @date: the date of the letter; `{date}` prints it unless @values gives
 *   `date`
 * @error: return location for a #GError
 *
 * Makes a letter to the one parent named in @values.
 *
 * Returns: (transfer full): the letter, or %NULL with
 *   %WM_ERROR_INVALID_INPUT naming the line and field at fault
 */
WmLetter *
wm_letter_new (const char  *template_text,
               const char  *source,
               GHashTable  *values,
               WmDay        date,
               GError     **error)
{
  /* Letters stay English whatever the locale (see wm-i18n.c); the scope
   * starts before the date is formatted. */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();
  g_autoptr(WmLetter) letter = g_new0 (WmLetter, 1);
  g_autofree char *date_text = wm_day_format_long (date);
  g_autoptr(GHashTable) all_values = NULL;
  g_auto(GStrv) lines = NULL;
  guint body = 0;

  g_return_val_if_fail (template_text != NULL && source != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  all_values = values_with_date (values, date, date_text);
  letter->date = date;
  letter->paragraphs = g_ptr_array_new_with_free_func (g_free);
  if (!fill_parts (letter, all_values, source, error))
    return NULL;

  lines = split_lines (template_text);
  letter->subject = parse_subject (lines, &body, source, all_values, error);
  if (letter->subject == NULL
      || !parse_paragraphs (lines, body, source, all_values,
                            letter->paragraphs, error))
    return NULL;

  if (letter->paragraphs->len == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s: the template has no body. Write the letter's "
                      "paragraphs after the \"Subject:\" line."), source);
      return NULL;
    }

  g_ptr_array_add (letter->paragraphs, NULL);
  return g_steal_pointer (&letter);
}

/**
 * wm_letter_new_from_file:
 * @path: a template file, UTF-8 plain text
 * @values: (element-type utf8 utf8): field names to values, as for
 *   wm_letter_new()
 * @date: the date of the letter
 * @error: return location for a #GError
 *
 * Reads a template and makes a letter from it, as wm_letter_new() does;
 * error messages name the file.
 *
 * Returns: (transfer full): the letter, or %NULL with an error
 */
WmLetter *
wm_letter_new_from_file (const char  *path,
                         GHashTable  *values,
                         WmDay        date,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("Could not read the letter template %s: %s. Check that "
                      "the file exists and can be read."), path,
                   local_error->message);
      return NULL;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is not UTF-8 text. Save the template as UTF-8."), path);
      return NULL;
    }

  return wm_letter_new (text, name, values, date, error);
}

/**
 * wm_letter_free:
 * @letter: (nullable): a letter
 *
 * Frees a letter.
 */
void
wm_letter_free (WmLetter *letter)
{
  if (letter == NULL)
    return;

  g_free (letter->school_name);
  g_free (letter->school_address);
  g_free (letter->parent_name);
  g_free (letter->parent_address);
  g_free (letter->signatory_name);
  g_free (letter->signatory_role);
  g_free (letter->subject);
  g_clear_pointer (&letter->paragraphs, g_ptr_array_unref);
  g_free (letter);
}

/**
 * wm_letter_get_subject:
 * @letter: a letter
 *
 * Returns: the filled subject line, without "Subject:"
 */
const char *
wm_letter_get_subject (const WmLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);

  return letter->subject;
}

/**
 * wm_letter_get_paragraphs:
 * @letter: a letter
 *
 * Returns: (transfer none) (array zero-terminated=1): the filled body
 *   paragraphs
 */
const char * const *
wm_letter_get_paragraphs (const WmLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);

  return (const char * const *) letter->paragraphs->pdata;
}

/**
 * wm_letter_get_addressee:
 * @letter: a letter
 *
 * Returns: the name of the parent the letter is addressed to
 */
const char *
wm_letter_get_addressee (const WmLetter *letter)
{
  g_return_val_if_fail (letter != NULL, NULL);

  return letter->parent_name;
}

/**
 * wm_letter_get_date:
 * @letter: a letter
 *
 * Returns: the date of the letter
 */
WmDay
wm_letter_get_date (const WmLetter *letter)
{
  g_return_val_if_fail (letter != NULL, WM_DAY_NONE);

  return letter->date;
}

/**
 * wm_letter_add_to_section:
 * @letter: a letter
 * @section: the section to add the letter to, such as an exhibit
 *
 * Adds the letter's blocks to @section: the letterhead set to the right,
 * the addressee, the date, the subject in bold, the body and the
 * signature. A bundle uses this to print a letter as an exhibit exactly
 * as it was sent.
 */
void
wm_letter_add_to_section (const WmLetter *letter,
                          WmSection      *section)
{
  g_autofree char *letterhead = NULL;
  g_autofree char *addressee = NULL;
  g_autofree char *date = NULL;
  /* Letters stay English whatever the locale (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();

  g_return_if_fail (letter != NULL && section != NULL);

  letterhead = g_strdup_printf ("%s\n%s", letter->school_name,
                                letter->school_address);
  addressee = g_strdup_printf ("%s\n%s", letter->parent_name,
                               letter->parent_address);
  date = wm_day_format_long (letter->date);

  wm_section_add_text (section, letterhead, WM_TEXT_RIGHT);
  wm_section_add_paragraph (section, addressee);
  wm_section_add_paragraph (section, date);
  wm_section_add_text (section, letter->subject, WM_TEXT_STRONG);
  for (guint i = 0; i + 1 < letter->paragraphs->len; i++)
    wm_section_add_paragraph (section, g_ptr_array_index (letter->paragraphs,
                                                          i));

  wm_section_add_signature (section, letter->signatory_name,
                            letter->signatory_role, FALSE);
}

/**
 * wm_letter_to_document:
 * @letter: a letter
 *
 * Makes a document of the letter alone, with the subject as the title,
 * the signatory as the author and the letter's date as the as-of date.
 * It has no running header and no protective marking: set them on the
 * result if the letter needs them.
 *
 * Returns: (transfer full): the document
 */
WmDocument *
wm_letter_to_document (const WmLetter *letter)
{
  g_autoptr(WmDocument) document = NULL;
  WmSection *section;

  g_return_val_if_fail (letter != NULL, NULL);

  document = wm_document_new (letter->subject);
  wm_document_set_author (document, letter->signatory_name);
  wm_document_set_subject (document, letter->subject);
  wm_document_set_as_of (document, letter->date);
  section = wm_document_add_section (document, letter->subject,
                                     WM_SECTION_HIDE_TITLE);
  wm_letter_add_to_section (letter, section);
  return g_steal_pointer (&document);
}

/**
 * wm_letter_render_to_file:
 * @letter: a letter
 * @path: the PDF file to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the letter as a PDF, as wm_render_document_to_file() does with
 * wm_letter_to_document().
 *
 * Returns: %TRUE on success
 */
gboolean
wm_letter_render_to_file (const WmLetter  *letter,
                          const char      *path,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(WmDocument) document = NULL;

  g_return_val_if_fail (letter != NULL && path != NULL, FALSE);

  document = wm_letter_to_document (letter);
  return wm_render_document_to_file (document, path, cancellable, NULL, NULL,
                                     error);
}
