/* wm-ctf.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The Common Transfer File reader: XML to plain structs, with no database.
 *
 * The file is read with libxml2's streaming reader, so memory stays small
 * whatever the file's size, and every element is matched by its path from
 * the root. Elements Waymark does not use (assessments, SEN history and
 * the like) are skipped.
 *
 * A CTF never has a document type declaration, and one is the way into
 * entity expansion and external file reads, so a DOCTYPE rejects the file.
 * The parser also runs with XML_PARSE_NONET only, never with entity
 * substitution or DTD loading, and the external entity loader rejects
 * every request.
 *
 * The whole file is read and checked before anything is returned, because
 * the weekend layout of the marks strings is decided over all pupils (see
 * wm-ctf-marks.c).
 */

#include "wm-ctf-private.h"

#include <string.h>

#include <libxml/parser.h>

#include "wm-i18n-private.h"

#define HEADER_PATH "CTfile/Header"
#define PUPIL_PATH "CTfile/CTFpupilData/Pupil"

/* CTF versions that import without a version warning. */
#define MIN_KNOWN_VERSION 20.0
#define MAX_KNOWN_VERSION 25.0

/* Progress is reported at most once per hundredth of the file. */
#define PROGRESS_STEP 0.01

/* Replaces a string field with a copy of @value. */
void
_wm_ctf_set_string (char       **field,
                    const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Error helpers */

/* Sets an error that starts with the file name, the line and, inside a
 * pupil with a UPN, the UPN. Errors are in the user's language, as the
 * window and the command line show them; warnings are stored with the
 * import, so they stay English. */
void
_wm_ctf_set_error (WmCtfParser  *parser,
                   GError      **error,
                   WmError       code,
                   guint         line,
                   const char   *format,
                   ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  if (parser->pupil != NULL && parser->pupil->upn != NULL)
    g_set_error (error, WM_ERROR, code, E_("%s, line %u, UPN %s: %s"),
                 parser->file->name, line, parser->pupil->upn, text);
  else
    g_set_error (error, WM_ERROR, code, E_("%s, line %u: %s"),
                 parser->file->name, line, text);
}

static void
set_not_ctf_error (WmCtfParser  *parser,
                   GError      **error,
                   int           line,
                   const char   *reason)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s is not a Common Transfer File: %s (line %d)."),
               parser->file->name, reason, MAX (line, 1));
}

/* A warning's @format is an English format marked with N_(): the file
 * keeps it in English, as stored with the import, and translated, as
 * shown. */
void
_wm_ctf_add_warning (WmCtfParser *parser,
                     guint        line,
                     const char  *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  _wm_warnings_addv (parser->file->warnings, parser->file->shown_warnings,
                     parser->file->name, line, NULL, format, NULL, 0, args);
  va_end (args);
}

gboolean
_wm_ctf_has_digits_only (const char *text,
                         gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* The longest text Waymark keeps from one element, `AttendanceMarks`
 * apart. The bound is an estimate, far above any real name or address
 * line. A longer value comes from a damaged or hostile file, and would
 * fill every list and letter that shows it. */
#define MAX_TEXT_CHARS 1000

/* Finds the first control character of @text, other than the line
 * breaks that join the lines of a multi-line field. Returns its
 * character position from 1, or 0 when there is none. */
static glong
find_control_character (const char *text,
                        gboolean    multi_line)
{
  glong position = 1;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && !(multi_line && c == '\n'))
        return position;
    }

  return 0;
}

/*
 * _wm_ctf_check_text:
 * @line: the line to name in the message
 * @element: the element's name, as the message gives it
 * @text: (nullable): the element's text, valid UTF-8 from the parser
 * @multi_line: whether @text joins several elements with line breaks
 *
 * Rejects a value longer than Waymark accepts, or one with a control
 * character, because a line break or tab inside a name breaks every
 * one-line view of it, the TSV output among them.
 */
gboolean
_wm_ctf_check_text (WmCtfParser  *parser,
                    guint         line,
                    const char   *element,
                    const char   *text,
                    gboolean      multi_line,
                    GError      **error)
{
  glong length;
  glong position;

  if (text == NULL)
    return TRUE;

  length = g_utf8_strlen (text, -1);
  if (length > MAX_TEXT_CHARS)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("%s is %ld characters long, more than the %d "
                            "Waymark accepts. Correct it in the school's system "
                            "and export the file again."),
                         element, length, MAX_TEXT_CHARS);
      return FALSE;
    }

  position = find_control_character (text, multi_line);
  if (position > 0)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("%s has a control character (a line break, tab or "
                            "similar) at character %ld. Correct it in the "
                            "school's system and export the file again."),
                         element, position);
      return FALSE;
    }

  return TRUE;
}

/* The header */

static gboolean
check_version (WmCtfParser  *parser,
               guint         line,
               GError      **error)
{
  const char *version = parser->file->ctf_version;
  GRegex *numeric = NULL;
  gboolean is_numeric;
  double value;

  if (version == NULL)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("Header/CTFversion is missing. Export the file again "
                            "from the school's system."));
      return FALSE;
    }

  numeric = g_regex_new ("^[0-9]{1,3}(\\.[0-9]{1,3})?$", 0, 0, NULL);
  is_numeric = g_regex_match (numeric, version, 0, NULL);
  g_regex_unref (numeric);
  if (!is_numeric)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("Header/CTFversion \"%s\" is not a version number "
                            "such as 25.0."), version);
      return FALSE;
    }

  value = g_ascii_strtod (version, NULL);
  if (value > MAX_KNOWN_VERSION)
    _wm_ctf_add_warning (parser, line,
                         N_("CTF version %s is newer than the versions "
                            "Waymark knows (20.0 to 25.0); check the "
                            "imported figures."), version);
  else if (value < MIN_KNOWN_VERSION)
    _wm_ctf_add_warning (parser, line,
                         N_("CTF version %s is older than the versions "
                            "Waymark knows (20.0 to 25.0); check the "
                            "imported figures."), version);

  return TRUE;
}

/* The export date bounds the marks strings: no session after it can have
 * a mark. Only the date part of `DateTime` is used. */
static gboolean
check_date_time (WmCtfParser  *parser,
                 guint         line,
                 GError      **error)
{
  const char *text = parser->file->date_time;
  g_autofree char *date = NULL;

  if (text == NULL)
    return TRUE;

  /* A value shorter than a date has no character after the date part,
   * and reading one would run past the end of the string. */
  date = g_strndup (text, 10);
  if (strlen (text) >= 10
      && (text[10] == '\0' || text[10] == 'T' || text[10] == ' ')
      && wm_day_parse_iso (date, &parser->file->export_day))
    return TRUE;

  _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                     E_("Header/DateTime \"%s\" is not a date and time such as "
                        "2026-07-22T16:00:00."), text);
  return FALSE;
}

static gboolean
check_header (WmCtfParser  *parser,
              guint         line,
              GError      **error)
{
  WmCtfFile *file = parser->file;

  if (!check_version (parser, line, error)
      || !check_date_time (parser, line, error))
    return FALSE;

  if (!_wm_ctf_has_digits_only (file->source_lea, 3))
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("Header/SourceSchool/LEA \"%s\" is not a 3-digit "
                            "local authority number."),
                         file->source_lea != NULL ? file->source_lea : "");
      return FALSE;
    }

  if (!_wm_ctf_has_digits_only (file->source_estab, 4))
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, line,
                         E_("Header/SourceSchool/Estab \"%s\" is not a 4-digit "
                            "establishment number."),
                         file->source_estab != NULL ? file->source_estab : "");
      return FALSE;
    }

  if (!_wm_ctf_check_text (parser, line, "Header/SourceSchool/URN",
                           file->source_urn, FALSE, error)
      || !_wm_ctf_check_text (parser, line, "Header/SourceSchool/SchoolName",
                              file->source_name, FALSE, error))
    return FALSE;

  parser->seen_header = TRUE;
  return TRUE;
}

static gboolean
handle_header_element (WmCtfParser  *parser,
                       const char   *relative,
                       char        **text,
                       GError      **error)
{
  WmCtfFile *file = parser->file;

  if (g_str_equal (relative, "CTFversion"))
    _wm_ctf_set_string (&file->ctf_version, *text);
  else if (g_str_equal (relative, "DateTime"))
    _wm_ctf_set_string (&file->date_time, *text);
  else if (g_str_equal (relative, "SourceSchool/LEA"))
    _wm_ctf_set_string (&file->source_lea, *text);
  else if (g_str_equal (relative, "SourceSchool/Estab"))
    _wm_ctf_set_string (&file->source_estab, *text);
  else if (g_str_equal (relative, "SourceSchool/URN"))
    _wm_ctf_set_string (&file->source_urn, *text);
  else if (g_str_equal (relative, "SourceSchool/SchoolName"))
    _wm_ctf_set_string (&file->source_name, *text);

  return TRUE;
}

static void
report_progress (WmCtfParser *parser)
{
  double fraction;

  if (parser->progress == NULL || parser->size <= 0)
    return;

  fraction = (double) xmlTextReaderByteConsumed (parser->reader) / parser->size;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < parser->reported_fraction + PROGRESS_STEP)
    return;

  parser->reported_fraction = fraction;
  parser->progress (fraction, parser->progress_data);
}

static gboolean
start_pupil (WmCtfParser  *parser,
             GError      **error)
{
  if (g_cancellable_set_error_if_cancelled (parser->cancellable, error))
    return FALSE;
  report_progress (parser);

  g_clear_pointer (&parser->pupil, _wm_ctf_pupil_free);
  parser->pupil = _wm_ctf_pupil_new (parser->line);
  return TRUE;
}

/* A second Header would replace the source school, and with it which
 * years feed the register, so it rejects the file. */
static gboolean
start_header (WmCtfParser  *parser,
              GError      **error)
{
  if (parser->header_line != 0)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                         E_("the file has a second Header (the first is at line "
                            "%u). A Common Transfer File has one Header; export "
                            "the file again from the school's system."),
                         parser->header_line);
      return FALSE;
    }

  parser->header_line = parser->line;
  return TRUE;
}

/* Element dispatch */

/* The path of the open element below @prefix, or NULL when it is not
 * below it. */
static const char *
path_below (WmCtfParser *parser,
            const char  *prefix)
{
  gsize length = strlen (prefix);

  if (strncmp (parser->path->str, prefix, length) != 0
      || parser->path->str[length] != '/')
    return NULL;

  return parser->path->str + length + 1;
}

static gboolean
start_element (WmCtfParser  *parser,
               const char   *name,
               GError      **error)
{
  const char *relative;
  guint length = (guint) parser->path->len;

  if (length == 0 && !g_str_equal (name, "CTfile"))
    {
      g_autofree char *reason =
        g_strdup_printf ("its root element is <%s>, not <CTfile>", name);

      set_not_ctf_error (parser, error, (int) parser->line, reason);
      return FALSE;
    }

  if (length == 0)
    parser->root_line = parser->line;

  g_array_append_val (parser->open_lengths, length);
  g_array_append_val (parser->open_lines, parser->line);
  if (length > 0)
    g_string_append_c (parser->path, '/');
  g_string_append (parser->path, name);
  g_string_truncate (parser->text, 0);

  if (g_str_equal (parser->path->str, HEADER_PATH))
    return start_header (parser, error);
  if (g_str_equal (parser->path->str, PUPIL_PATH))
    return start_pupil (parser, error);
  if (g_str_equal (name, "Pupil"))
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                         E_("a Pupil element is at %s; pupils belong directly in "
                            "CTfile/CTFpupilData. Export the file again from the "
                            "school's system."), parser->path->str);
      return FALSE;
    }

  relative = path_below (parser, PUPIL_PATH);
  if (relative != NULL && parser->pupil != NULL)
    _wm_ctf_start_pupil_element (parser, relative);

  return TRUE;
}

/* The element's text with surrounding white space removed, or NULL when
 * nothing is left. */
static char *
element_text (WmCtfParser *parser)
{
  char *text = g_strstrip (g_strdup (parser->text->str));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static gboolean
dispatch_end_element (WmCtfParser  *parser,
                      GError      **error)
{
  g_autofree char *text = element_text (parser);
  const char *path = parser->path->str;
  const char *relative;

  if (g_str_equal (path, HEADER_PATH))
    return check_header (parser, parser->line, error);
  if ((relative = path_below (parser, HEADER_PATH)) != NULL)
    return handle_header_element (parser, relative, &text, error);
  if (parser->pupil == NULL)
    return TRUE;
  if (g_str_equal (path, PUPIL_PATH))
    return _wm_ctf_finish_pupil (parser, error);

  relative = path_below (parser, PUPIL_PATH);
  if (relative == NULL)
    return TRUE;

  return _wm_ctf_end_pupil_element (parser, relative, &text, error);
}

static gboolean
end_element (WmCtfParser  *parser,
             GError      **error)
{
  guint depth = parser->open_lengths->len;

  g_assert (depth > 0);

  parser->line = g_array_index (parser->open_lines, guint, depth - 1);
  if (!dispatch_end_element (parser, error))
    return FALSE;

  g_string_truncate (parser->path,
                     g_array_index (parser->open_lengths, guint, depth - 1));
  g_array_set_size (parser->open_lengths, depth - 1);
  g_array_set_size (parser->open_lines, depth - 1);
  g_string_truncate (parser->text, 0);
  return TRUE;
}

/* The line of the current node. libxml2 stores node lines in 16 bits
 * unless XML_PARSE_BIG_LINES is set, so past line 65534 the parser's own
 * position is used.
 * NOTE: the parser reads ahead by a chunk of input, so past line 65534
 * the line in a message can be a few lines after the element. */
static guint
current_line (WmCtfParser *parser)
{
  long line = xmlGetLineNo (xmlTextReaderCurrentNode (parser->reader));

  if (line <= 0 || line >= 65535)
    line = xmlTextReaderGetParserLineNumber (parser->reader);

  return (guint) MAX (line, 1);
}

static gboolean
handle_node (WmCtfParser  *parser,
             GError      **error)
{
  xmlTextReaderPtr reader = parser->reader;
  int type = xmlTextReaderNodeType (reader);
  const char *name;

  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      parser->line = current_line (parser);
      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (!start_element (parser, name, error))
        return FALSE;
      if (xmlTextReaderIsEmptyElement (reader))
        return end_element (parser, error);
      return TRUE;

    case XML_READER_TYPE_END_ELEMENT:
      return end_element (parser, error);

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      g_string_append (parser->text,
                       (const char *) xmlTextReaderConstValue (reader));
      return TRUE;

    case XML_READER_TYPE_DOCUMENT_TYPE:
      /* The declaration node has no line of its own, and the parser has
       * read past it, so the message gives the parser's line as a bound. */
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s, line %d or earlier: the file has a document type "
                      "declaration (DOCTYPE). Common Transfer Files have none, "
                      "and one can make a parser read other files or expand "
                      "entities without limit, so the file was rejected."),
                   parser->file->name,
                   MAX (xmlTextReaderGetParserLineNumber (reader), 1));
      return FALSE;

    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                         current_line (parser),
                         E_("the file uses an entity reference, which Common "
                            "Transfer Files never need, so the file was "
                            "rejected."));
      return FALSE;

    default:
      return TRUE;
    }
}

/* libxml2 callbacks */

static void
on_xml_error (void                    *data,
              const char              *message,
              xmlParserSeverities      severity,
              xmlTextReaderLocatorPtr  locator)
{
  WmCtfParser *parser = data;

  if (severity == XML_PARSER_SEVERITY_WARNING
      || severity == XML_PARSER_SEVERITY_VALIDITY_WARNING)
    {
      g_debug ("libxml2 warning: %s", message);
      return;
    }

  if (parser->xml_error != NULL)
    return;

  parser->xml_error = g_strstrip (g_strdup (message));
  parser->xml_error_line = xmlTextReaderLocatorLineNumber (locator);
}

/* libxml2 reports a failed conversion from the declared encoding through
 * its generic error channel, not the reader's handler. By default that
 * channel prints on standard error, which would add lines holding bytes of
 * the file to the command line's one-line error. While a file is read,
 * this thread's channel appends the text here instead. */
static void on_generic_error (void       *data,
                              const char *format,
                              ...) G_GNUC_PRINTF (2, 3);

static void
on_generic_error (void       *data,
                  const char *format,
                  ...)
{
  WmCtfParser *parser = data;
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (parser->generic_error, format, args);
  va_end (args);
}

/* Whether a file's first bytes can start an XML document: markup after
 * optional white space and a UTF-8 byte order mark, or a UTF-16 byte order
 * mark. Used only to word the message for a file that is not XML. */
static gboolean
starts_like_xml (const char *buffer,
                 gssize      length)
{
  const guchar *bytes = (const guchar *) buffer;
  gssize i = 0;

  if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe)
                      || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    return TRUE;
  if (length >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf)
    i = 3;
  while (i < length && g_ascii_isspace (bytes[i]))
    i++;

  return i < length && bytes[i] == '<';
}

/* Sets the error for a file whose size changed between finding its size
 * and reading it: the bytes read may mix two versions of the export. */
static void
set_changed_error (WmCtfParser  *parser,
                   GError      **error)
{
  /* %lld and %llu rather than GLib's format macros, which xgettext
   * cannot read through. */
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s changed while it was read: it had %lld bytes when "
                  "opened and %llu when read. Wait until the export has "
                  "finished, then import the file again."),
               parser->file->name, (long long) parser->size,
               (unsigned long long) parser->n_bytes_read);
}

static int
on_read (void *data,
         char *buffer,
         int   length)
{
  WmCtfParser *parser = data;
  gssize n_read;

  if (parser->io_error != NULL)
    return -1;

  n_read = g_input_stream_read (parser->stream, buffer, length,
                                parser->cancellable, &parser->io_error);
  if (n_read < 0)
    return -1;

  parser->at_end_of_file = n_read == 0;
  for (gssize i = 0; i < n_read; i++)
    if (buffer[i] == '\n')
      parser->n_lines++;

  if (parser->n_bytes_read == 0)
    parser->looks_like_xml = starts_like_xml (buffer, n_read);
  parser->n_bytes_read += n_read;

  /* A file still being written could otherwise grow without end. */
  if (parser->size >= 0 && parser->n_bytes_read > (gsize) parser->size)
    {
      set_changed_error (parser, &parser->io_error);
      return -1;
    }

  g_checksum_update (parser->checksum, (const guchar *) buffer, n_read);
  return (int) n_read;
}

static int
on_close (void *data)
{
  /* The caller owns the stream and closes it. */
  return 0;
}

/* The external entity loader installed for the whole process: a Common
 * Transfer File never needs an external entity, and loading one could
 * read any local file, so every request fails. */
static xmlParserInputPtr
reject_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  context)
{
  g_debug ("Rejected a request for the external entity %s",
           url != NULL ? url : "(no URL)");
  return NULL;
}

/* Reading */

static void
parser_clear (WmCtfParser *parser)
{
  g_clear_pointer (&parser->reader, xmlFreeTextReader);
  g_clear_pointer (&parser->checksum, g_checksum_free);
  g_clear_error (&parser->io_error);
  g_clear_pointer (&parser->xml_error, g_free);
  g_string_free (parser->generic_error, TRUE);
  g_clear_pointer (&parser->file, wm_ctf_file_free);
  g_string_free (parser->path, TRUE);
  g_string_free (parser->text, TRUE);
  g_array_unref (parser->open_lengths);
  g_array_unref (parser->open_lines);
  g_clear_pointer (&parser->pupil, _wm_ctf_pupil_free);
  g_clear_pointer (&parser->address_parts, g_ptr_array_unref);
  g_clear_pointer (&parser->address_last_element, g_free);
  g_clear_pointer (&parser->phones, g_ptr_array_unref);
  g_clear_pointer (&parser->phone_type, g_free);
  g_clear_pointer (&parser->phone_number, g_free);
  g_clear_pointer (&parser->emails, g_ptr_array_unref);
  g_hash_table_unref (parser->upn_lines);
}

/* Explains a failure that libxml2 reported. libxml2 2.9.14's streaming
 * reader reports a file cut short as "Extra content at the end of the
 * document", which misleads, so that message, or a failure on the last
 * line, with the whole file read and elements still open is described as
 * truncation. The reported line lags a few lines behind the end of the
 * file, and the element left open is not named for the same reason. */
static char *
describe_xml_failure (WmCtfParser *parser)
{
  const char *detail = parser->xml_error != NULL ? parser->xml_error
                                                 : "the XML could not be read";
  guint depth = parser->open_lengths->len;

  if (!parser->looks_like_xml)
    return g_strdup_printf ("it does not start with XML markup (%s)", detail);

  /* The conversion failure stops the parser, which then often reports
   * only an end of data that would read as a file cut short. */
  if (strstr (parser->generic_error->str, "encod") != NULL)
    return g_strdup ("its bytes are not valid in the encoding its XML "
                     "declaration names; export the file again as UTF-8");

  if (parser->at_end_of_file && depth > 0
      && ((guint) parser->xml_error_line >= parser->n_lines
          || strstr (detail, "Extra content at the end") != NULL
          || strstr (detail, "Premature end of data") != NULL))
    return g_strdup ("the file ends before its elements are closed, so it "
                     "is probably cut short; copy or export it again");

  return g_strdup (detail);
}

static gboolean
raise_read_failure (WmCtfParser  *parser,
                    GError      **error)
{
  g_autofree char *reason = NULL;

  if (parser->io_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parser->io_error));
      if ((*error)->domain == G_IO_ERROR
          && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, E_("Could not read %s: "), parser->file->name);
      return FALSE;
    }

  reason = describe_xml_failure (parser);
  set_not_ctf_error (parser, error, parser->xml_error_line, reason);
  return FALSE;
}

static gboolean
read_nodes (WmCtfParser  *parser,
            GError      **error)
{
  int status;

  while ((status = xmlTextReaderRead (parser->reader)) == 1)
    {
      if (parser->xml_error != NULL || parser->io_error != NULL)
        break;
      if (!handle_node (parser, error))
        return FALSE;
    }

  if (status != 0 || parser->xml_error != NULL || parser->io_error != NULL)
    return raise_read_failure (parser, error);

  return TRUE;
}

/* Reads what the parser left of the stream, so that the checksum covers
 * every byte of the file. */
static gboolean
drain_stream (WmCtfParser  *parser,
              GError      **error)
{
  guchar buffer[8192];
  gssize n_read;

  while ((n_read = g_input_stream_read (parser->stream, buffer, sizeof buffer,
                                        parser->cancellable, error)) > 0)
    {
      g_checksum_update (parser->checksum, buffer, n_read);
      parser->n_bytes_read += n_read;
      if (parser->size >= 0 && parser->n_bytes_read > (gsize) parser->size)
        break;
    }

  if (n_read < 0)
    return FALSE;

  if (parser->size >= 0 && parser->n_bytes_read != (gsize) parser->size)
    {
      set_changed_error (parser, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_document (WmCtfParser  *parser,
               GError      **error)
{
  parser->reader = xmlReaderForIO (on_read, on_close, parser,
                                   parser->file->name, NULL, XML_PARSE_NONET);
  if (parser->reader == NULL)
    return raise_read_failure (parser, error);

  xmlTextReaderSetErrorHandler (parser->reader, on_xml_error, parser);
  if (!read_nodes (parser, error))
    return FALSE;

  if (!parser->seen_header)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, 1,
                         E_("the file has no Header element with CTFversion and "
                            "SourceSchool. Export the file again from the "
                            "school's system."));
      return FALSE;
    }

  if (parser->file->pupils->len == 0)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                         parser->root_line,
                         E_("the file has no pupils: there is no Pupil element "
                            "in CTfile/CTFpupilData. Check that the export "
                            "included the pupils and export the file again."));
      return FALSE;
    }

  return drain_stream (parser, error)
         && _wm_ctf_decode_marks (parser->file, error);
}

/* Reads the document with this thread's libxml2 generic error channel
 * sent to on_generic_error(), then puts the channel back as it was, so
 * that other libxml2 users in the process keep theirs. */
static gboolean
read_document_quietly (WmCtfParser  *parser,
                       GError      **error)
{
  xmlGenericErrorFunc saved_func = xmlGenericError;
  void *saved_context = xmlGenericErrorContext;
  gboolean ok;

  xmlSetGenericErrorFunc (parser, on_generic_error);
  ok = read_document (parser, error);
  xmlSetGenericErrorFunc (saved_context, saved_func);
  return ok;
}

static WmCtfFile *
file_new (const char *name)
{
  WmCtfFile *file = g_new0 (WmCtfFile, 1);

  file->name = g_strdup (name);
  file->pupils =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_ctf_pupil_free);
  file->warnings = g_ptr_array_new_with_free_func (g_free);
  file->shown_warnings = g_ptr_array_new_with_free_func (g_free);
  return file;
}

/**
 * wm_ctf_global_init:
 *
 * Prepares libxml2 for reading Common Transfer Files: initialises the
 * parser and installs, for the whole process, an external entity loader
 * that rejects every request. Call it once on the main thread before any
 * file is read in a worker thread, because libxml2's global state is not
 * safe to set up from several threads at once. Later calls do nothing.
 */
void
wm_ctf_global_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (reject_external_entity);
      g_once_init_leave (&initialised, 1);
    }
}

/**
 * wm_ctf_read_stream:
 * @stream: the file's bytes
 * @size: the number of bytes in @stream, for progress and the size limit,
 *   or -1 when unknown
 * @name: the file name to use in messages
 * @cancellable: (nullable): checked before each pupil and each read
 * @progress: (nullable): called with the share of bytes read, at most
 *   about 100 times, in the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Reads and checks a whole Common Transfer File: the header, every pupil,
 * every attendance year and every marks string. Nothing is returned
 * unless the whole file is valid. The caller closes @stream.
 *
 * A file that is not well-formed XML, is not a CTF or has an invalid value
 * gives %WM_ERROR_INVALID_INPUT. A marks character that is no register
 * code gives %WM_ERROR_UNKNOWN_CODE, and marks whose weekend layout cannot
 * be decided give %WM_ERROR_AMBIGUOUS. Each message names the file, and
 * the line and the pupil's UPN where there are some. Cancellation gives
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the file's contents, or %NULL on error
 */
WmCtfFile *
wm_ctf_read_stream (GInputStream    *stream,
                    goffset          size,
                    const char      *name,
                    GCancellable    *cancellable,
                    WmProgressFunc   progress,
                    gpointer         progress_data,
                    GError         **error)
{
  WmCtfParser parser = {
    .stream = stream,
    .size = size,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
  };
  WmCtfFile *result = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wm_ctf_global_init ();

  parser.file = file_new (name);
  parser.checksum = g_checksum_new (G_CHECKSUM_SHA256);
  parser.path = g_string_new (NULL);
  parser.text = g_string_new (NULL);
  parser.generic_error = g_string_new (NULL);
  parser.open_lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  parser.open_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  parser.upn_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            NULL);

  if (size > WM_CTF_MAX_FILE_SIZE)
    set_not_ctf_error (&parser, error, 1, _("the file is larger than 512 MiB"));
  else if (size == 0)
    set_not_ctf_error (&parser, error, 1, _("the file is empty"));
  else if (read_document_quietly (&parser, error))
    {
      parser.file->sha256 = g_strdup (g_checksum_get_string (parser.checksum));
      result = g_steal_pointer (&parser.file);
    }

  parser_clear (&parser);
  return result;
}

/* Rewords a failure to open @name so that it names the file and says
 * what to do, keeping the domain and code for callers that match them.
 * Messages name files by their base name, so only the system's reason
 * after the last ": " of GIO's message is kept.
 * NOTE: that form was checked for local files only (missing, permission
 * denied); another form keeps GIO's whole message. */
static void
set_open_error (GError     **error,
                GError      *io_error,
                const char  *name)
{
  const char *reason = strrchr (io_error->message, ':');

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  reason = reason != NULL && reason[1] == ' ' ? reason + 2 : io_error->message;
  if (reason[0] == '\0')
    reason = io_error->message;

  g_set_error (error, io_error->domain, io_error->code,
               E_("%s could not be opened: %s. Check that the file is still "
                  "there and that you may read it."), name, reason);
  g_error_free (io_error);
}

/**
 * wm_ctf_read_file:
 * @path: the file to read
 * @cancellable: (nullable): checked before each pupil and each read
 * @progress: (nullable): called with the share of bytes read, at most
 *   about 100 times, in the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Reads and checks a whole Common Transfer File, as
 * wm_ctf_read_stream() does. A file larger than %WM_CTF_MAX_FILE_SIZE is
 * rejected before parsing. The file is read as plain bytes: a compressed
 * file is not unpacked.
 *
 * Returns: (transfer full): the file's contents, or %NULL on error
 */
WmCtfFile *
wm_ctf_read_file (const char      *path,
                  GCancellable    *cancellable,
                  WmProgressFunc   progress,
                  gpointer         progress_data,
                  GError         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  GError *io_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_filename_display_basename (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_open_error (error, g_steal_pointer (&io_error), name);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is not a regular file. Choose the exported Common "
                      "Transfer File itself."), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > WM_CTF_MAX_FILE_SIZE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s is larger than 512 MiB, the largest Common Transfer "
                      "File Waymark reads. Export the school's pupils in "
                      "smaller files."), name);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &io_error);
  if (stream == NULL)
    {
      set_open_error (error, g_steal_pointer (&io_error), name);
      return NULL;
    }

  return wm_ctf_read_stream (G_INPUT_STREAM (stream),
                             g_file_info_get_size (info), name, cancellable,
                             progress, progress_data, error);
}

/**
 * wm_ctf_file_free:
 *
 * Frees a file returned by the reader and everything in it.
 */
void
wm_ctf_file_free (WmCtfFile *file)
{
  if (file == NULL)
    return;

  g_free (file->name);
  g_free (file->sha256);
  g_free (file->ctf_version);
  g_free (file->date_time);
  g_free (file->source_lea);
  g_free (file->source_estab);
  g_free (file->source_urn);
  g_free (file->source_name);
  g_ptr_array_unref (file->pupils);
  g_ptr_array_unref (file->warnings);
  g_ptr_array_unref (file->shown_warnings);
  g_free (file);
}
