/* wm-ctf-pupil.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The elements of one `Pupil` of a Common Transfer File: names and basic
 * details, address, phones and email, contacts and attendance years. The
 * reading loop in wm-ctf.c calls these handlers with each element's path
 * below `Pupil`; the marks strings are checked later, in wm-ctf-marks.c.
 */

#include "wm-ctf-private.h"

#include <string.h>

#include "wm-i18n-private.h"
#include "wm-upn.h"

static void
contact_free (WmCtfContact *contact)
{
  g_free (contact->title);
  g_free (contact->surname);
  g_free (contact->forename);
  g_free (contact->relationship);
  g_free (contact->address);
  g_free (contact->phones);
  g_free (contact->email);
  g_free (contact);
}

void
_wm_ctf_pupil_free (WmCtfPupil *pupil)
{
  g_free (pupil->upn);
  g_free (pupil->surname);
  g_free (pupil->forename);
  g_free (pupil->middle_names);
  g_free (pupil->preferred_surname);
  g_free (pupil->preferred_forename);
  g_free (pupil->sex);
  g_free (pupil->year_group);
  g_free (pupil->sen_provision);
  g_free (pupil->address);
  g_free (pupil->phones);
  g_free (pupil->email);
  g_clear_pointer (&pupil->contacts, g_ptr_array_unref);
  g_clear_pointer (&pupil->years, g_ptr_array_unref);
  g_free (pupil);
}

/*
 * _wm_ctf_pupil_new:
 *
 * Creates an empty pupil whose element starts on @line.
 */
WmCtfPupil *
_wm_ctf_pupil_new (guint line)
{
  WmCtfPupil *pupil = g_new0 (WmCtfPupil, 1);

  pupil->line = line;
  pupil->in_care = -1;
  pupil->free_school_meals = -1;
  pupil->contacts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  pupil->years =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_ctf_year_data_free);
  return pupil;
}

/* Value parsers. Each names the element and the value it rejects. */

static gboolean
parse_date (WmCtfParser  *parser,
            const char   *element,
            const char   *text,
            WmDay        *out_day,
            GError      **error)
{
  if (wm_day_parse_iso (text, out_day))
    return TRUE;

  _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                     E_("%s \"%s\" is not a valid date. Write dates as "
                        "YYYY-MM-DD."),
                     element, text);
  return FALSE;
}

static gboolean
parse_boolean (WmCtfParser  *parser,
               const char   *element,
               const char   *text,
               gint         *out_value,
               GError      **error)
{
  if (g_str_equal (text, "true") || g_str_equal (text, "1"))
    *out_value = 1;
  else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
    *out_value = 0;
  else
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                         E_("%s \"%s\" is not true or false."), element, text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_count (WmCtfParser  *parser,
             const char   *element,
             const char   *text,
             guint64       max,
             guint64      *out_value,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_ascii_string_to_unsigned (text, 10, 0, max, out_value, &local_error))
    return TRUE;

  _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                     E_("%s \"%s\" is not a whole number from 0 to %llu."),
                     element, text, (unsigned long long) max);
  return FALSE;
}

static gboolean
parse_session_count (WmCtfParser  *parser,
                     const char   *element,
                     const char   *text,
                     gint         *out_value,
                     GError      **error)
{
  guint64 value;

  /* A school year has at most 2 sessions on each of 366 days. */
  if (!parse_count (parser, element, text, 732, &value, error))
    return FALSE;

  *out_value = (gint) value;
  return TRUE;
}

/* Addresses, phones and email, for the pupil or the contact being read */

static void
add_address_part (WmCtfParser  *parser,
                  const char   *element,
                  char        **text)
{
  /* A house number and its street belong on one line. */
  if (g_str_equal (element, "Street")
      && g_strcmp0 (parser->address_last_element, "PAON") == 0
      && parser->address_parts->len > 0)
    {
      GPtrArray *parts = parser->address_parts;
      char **last = (char **) &parts->pdata[parts->len - 1];
      char *joined = g_strconcat (*last, " ", *text, NULL);

      g_free (*last);
      *last = joined;
    }
  else
    g_ptr_array_add (parser->address_parts, g_steal_pointer (text));

  _wm_ctf_set_string (&parser->address_last_element, element);
}

static char *
join_lines (GPtrArray *lines)
{
  if (lines == NULL || lines->len == 0)
    return NULL;

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
finish_phone (WmCtfParser *parser)
{
  if (parser->phone_number != NULL && parser->phones != NULL)
    {
      if (parser->phone_type != NULL)
        g_ptr_array_add (parser->phones,
                         g_strdup_printf ("%s (%s)", parser->phone_number,
                                          parser->phone_type));
      else
        g_ptr_array_add (parser->phones, g_strdup (parser->phone_number));
    }

  g_clear_pointer (&parser->phone_type, g_free);
  g_clear_pointer (&parser->phone_number, g_free);
}

/* Handles the elements that a pupil and a contact share: `Address`,
 * `Phones` and `Email`. Returns FALSE for any other element. */
static gboolean
handle_contact_details (WmCtfParser  *parser,
                        const char   *relative,
                        char        **text,
                        char        **address,
                        char        **phones,
                        char        **email)
{
  if (g_str_equal (relative, "Address"))
    {
      g_free (*address);
      *address = join_lines (parser->address_parts);
      g_clear_pointer (&parser->address_parts, g_ptr_array_unref);
    }
  else if (g_str_has_prefix (relative, "Address/"))
    {
      if (*text != NULL && parser->address_parts != NULL)
        add_address_part (parser, strrchr (relative, '/') + 1, text);
    }
  else if (g_str_equal (relative, "Phones/Phone/TelephoneType"))
    _wm_ctf_set_string (&parser->phone_type, *text);
  else if (g_str_equal (relative, "Phones/Phone/PhoneNo"))
    _wm_ctf_set_string (&parser->phone_number, *text);
  else if (g_str_equal (relative, "Phones/Phone"))
    finish_phone (parser);
  else if (g_str_equal (relative, "Phones"))
    {
      g_free (*phones);
      *phones = join_lines (parser->phones);
      g_clear_pointer (&parser->phones, g_ptr_array_unref);
    }
  else if (g_str_equal (relative, "Email/EmailAddress"))
    {
      if (*text != NULL && parser->emails != NULL)
        g_ptr_array_add (parser->emails, g_steal_pointer (text));
    }
  else if (g_str_equal (relative, "Email"))
    {
      g_free (*email);
      *email = join_lines (parser->emails);
      g_clear_pointer (&parser->emails, g_ptr_array_unref);
    }
  else
    return FALSE;

  return TRUE;
}

/* Starts collecting an `Address`, `Phones` or `Email` element. */
static void
start_contact_details (WmCtfParser *parser,
                       const char  *relative)
{
  if (g_str_equal (relative, "Address"))
    {
      g_clear_pointer (&parser->address_parts, g_ptr_array_unref);
      g_clear_pointer (&parser->address_last_element, g_free);
      parser->address_parts = g_ptr_array_new_with_free_func (g_free);
    }
  else if (g_str_equal (relative, "Phones"))
    {
      g_clear_pointer (&parser->phones, g_ptr_array_unref);
      parser->phones = g_ptr_array_new_with_free_func (g_free);
    }
  else if (g_str_equal (relative, "Email") && parser->emails == NULL)
    parser->emails = g_ptr_array_new_with_free_func (g_free);
}

/* Contacts */

static gboolean
handle_contact_element (WmCtfParser  *parser,
                        const char   *relative,
                        char        **text,
                        GError      **error)
{
  WmCtfContact *contact = parser->contact;
  guint64 order;

  if (contact == NULL)
    return TRUE;

  if (handle_contact_details (parser, relative, text, &contact->address,
                              &contact->phones, &contact->email))
    return TRUE;

  if (*text == NULL)
    return TRUE;

  if (g_str_equal (relative, "Order"))
    {
      if (!parse_count (parser, "Contact/Order", *text, 999, &order, error))
        return FALSE;
      contact->order = (gint) order;
    }
  else if (g_str_equal (relative, "Title"))
    _wm_ctf_set_string (&contact->title, *text);
  else if (g_str_equal (relative, "Surname"))
    _wm_ctf_set_string (&contact->surname, *text);
  else if (g_str_equal (relative, "Forename"))
    _wm_ctf_set_string (&contact->forename, *text);
  else if (g_str_equal (relative, "Relationship"))
    _wm_ctf_set_string (&contact->relationship, *text);
  else if (g_str_equal (relative, "Responsibility"))
    {
      gint value;

      if (!parse_boolean (parser, "Contact/Responsibility", *text, &value,
                          error))
        return FALSE;
      contact->responsibility = value == 1;
    }

  return TRUE;
}

/* Attendance years */

static gboolean
check_year_data (WmCtfParser  *parser,
                 GError      **error)
{
  WmCtfYearData *year = parser->year;
  WmDay first, last;

  if (year->year == 0 || year->lea == NULL || year->estab == NULL)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, year->line,
                         E_("YearData needs Year, LEA and Estab."));
      return FALSE;
    }

  if (year->start_date == WM_DAY_NONE)
    {
      if (year->marks == NULL || year->marks[0] == '\0')
        return TRUE;

      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                         year->marks_line,
                         E_("AttendanceMarks has no AttendanceStartDate, so its "
                            "sessions have no dates."));
      return FALSE;
    }

  first = wm_day_from_ymd (year->year, 9, 1);
  last = wm_day_from_ymd (year->year + 1, 8, 31);
  if (year->start_date < first || year->start_date > last)
    {
      g_autofree char *start = wm_day_to_iso (year->start_date);

      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                         year->marks_line,
                         E_("AttendanceStartDate %s is outside the school year "
                            "%u/%02u (1 September %u to 31 August %u) given by "
                            "Year."),
                         start, year->year, (year->year + 1) % 100, year->year,
                         year->year + 1);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_layout_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* `AttendanceMarks` keeps its spaces, because a space is an unmarked
 * session. Only the layout around the string is dropped: tabs, and a
 * line break with the indentation that a pretty-printer writes after it.
 * Spaces straight after the opening tag, or before a closing line break,
 * are sessions. Counting the indentation would move every mark of the
 * year to a later day. */
static char *
marks_from_text (const char *raw)
{
  const char *start = raw;
  const char *end = raw + strlen (raw);
  gboolean after_break = FALSE;
  const char *p;

  for (p = start; is_layout_space (*p); p++)
    if (*p == '\n' || *p == '\r')
      {
        start = p + 1;
        after_break = TRUE;
      }
  while (*start == '\t' || (after_break && *start == ' '))
    start++;

  for (p = end; p > start && is_layout_space (p[-1]); p--)
    if (p[-1] == '\n' || p[-1] == '\r')
      end = p - 1;
  while (end > start && end[-1] == '\t')
    end--;

  return g_strndup (start, end - start);
}

static gboolean
handle_year_element (WmCtfParser  *parser,
                     const char   *relative,
                     char        **text,
                     GError      **error)
{
  WmCtfYearData *year = parser->year;

  if (year == NULL)
    return TRUE;

  if (g_str_equal (relative, "AttendSessions/AttendanceMarks"))
    {
      g_free (year->marks);
      year->marks = marks_from_text (parser->text->str);
      year->marks_line = parser->line;
      return TRUE;
    }

  if (*text == NULL)
    return TRUE;

  if (g_str_equal (relative, "Year"))
    {
      if (!_wm_ctf_has_digits_only (*text, 4) || g_str_has_prefix (*text, "0"))
        {
          _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                             parser->line,
                             E_("YearData/Year \"%s\" is not a year such as "
                                "2025."), *text);
          return FALSE;
        }
      year->year = (guint) g_ascii_strtoull (*text, NULL, 10);

      /* The register keeps school years from 1900 to 9998. */
      if (year->year < 1900 || year->year > 9998)
        {
          _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT,
                             parser->line,
                             E_("YearData/Year \"%s\" is not a school year from "
                                "1900 to 9998. Correct the year in the school's "
                                "system and export the file again."), *text);
          return FALSE;
        }
    }
  else if (g_str_equal (relative, "LEA"))
    _wm_ctf_set_string (&year->lea, *text);
  else if (g_str_equal (relative, "Estab"))
    _wm_ctf_set_string (&year->estab, *text);
  else if (g_str_equal (relative, "SchoolName"))
    _wm_ctf_set_string (&year->school_name, *text);
  else if (g_str_equal (relative, "SessionsPossible"))
    return parse_session_count (parser, "SessionsPossible", *text,
                                &year->sessions_possible, error);
  else if (g_str_equal (relative, "SessionsAuthorised"))
    return parse_session_count (parser, "SessionsAuthorised", *text,
                                &year->sessions_authorised, error);
  else if (g_str_equal (relative, "SessionsUnauthorised"))
    return parse_session_count (parser, "SessionsUnauthorised", *text,
                                &year->sessions_unauthorised, error);
  else if (g_str_equal (relative, "AttendSessions/AttendanceStartDate"))
    return parse_date (parser, "AttendanceStartDate", *text,
                       &year->start_date, error);

  return TRUE;
}

/* Pupils */

static gboolean
handle_basic_details (WmCtfParser  *parser,
                      const char   *element,
                      char        **text,
                      GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;

  if (g_str_equal (element, "MiddleNames"))
    _wm_ctf_set_string (&pupil->middle_names, *text);
  else if (g_str_equal (element, "PreferredSurname"))
    _wm_ctf_set_string (&pupil->preferred_surname, *text);
  else if (g_str_equal (element, "PreferredForename"))
    _wm_ctf_set_string (&pupil->preferred_forename, *text);
  else if (g_str_equal (element, "NCyearActual"))
    _wm_ctf_set_string (&pupil->year_group, *text);
  else if (g_str_equal (element, "SENprovision"))
    _wm_ctf_set_string (&pupil->sen_provision, *text);
  else if (g_str_equal (element, "EntryDate"))
    return parse_date (parser, "EntryDate", *text, &pupil->entry_date, error);
  else if (g_str_equal (element, "LeavingDate"))
    return parse_date (parser, "LeavingDate", *text, &pupil->leaving_date,
                       error);
  else if (g_str_equal (element, "InCare"))
    return parse_boolean (parser, "InCare", *text, &pupil->in_care, error);
  else if (g_str_equal (element, "FSMeligible"))
    return parse_boolean (parser, "FSMeligible", *text,
                          &pupil->free_school_meals, error);

  return TRUE;
}

/* A pupil has one UPN, surname, forename and date of birth. Taking the
 * later of two could send the marks to whichever pupil has the second
 * number, so a repeat rejects the file. */
static gboolean
check_not_repeated (WmCtfParser  *parser,
                    const char   *relative,
                    GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;
  gboolean repeated = (g_str_equal (relative, "UPN") && pupil->upn != NULL)
    || (g_str_equal (relative, "Surname") && pupil->surname != NULL)
    || (g_str_equal (relative, "Forename") && pupil->forename != NULL)
    || (g_str_equal (relative, "DOB") && pupil->dob != WM_DAY_NONE);

  if (!repeated)
    return TRUE;

  _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, parser->line,
                     E_("the Pupil has a second %s element. Each pupil has one; "
                        "export the file again from the school's system."),
                     relative);
  return FALSE;
}

static gboolean
handle_pupil_element (WmCtfParser  *parser,
                      const char   *relative,
                      char        **text,
                      GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;

  if (g_str_has_prefix (relative, "Contacts/Contact/"))
    return handle_contact_element (parser,
                                   relative + strlen ("Contacts/Contact/"),
                                   text, error);
  if (g_str_has_prefix (relative, "Attendance/YearData/"))
    return handle_year_element (parser,
                                relative + strlen ("Attendance/YearData/"),
                                text, error);
  if (handle_contact_details (parser, relative, text, &pupil->address,
                              &pupil->phones, &pupil->email))
    return TRUE;

  if (*text == NULL)
    return TRUE;

  if (g_str_has_prefix (relative, "BasicDetails/"))
    return handle_basic_details (parser, relative + strlen ("BasicDetails/"),
                                 text, error);
  if (!check_not_repeated (parser, relative, error))
    return FALSE;
  if (g_str_equal (relative, "UPN"))
    _wm_ctf_set_string (&pupil->upn, *text);
  else if (g_str_equal (relative, "Surname"))
    _wm_ctf_set_string (&pupil->surname, *text);
  else if (g_str_equal (relative, "Forename"))
    _wm_ctf_set_string (&pupil->forename, *text);
  else if (g_str_equal (relative, "Sex") || g_str_equal (relative, "Gender"))
    _wm_ctf_set_string (&pupil->sex, *text);
  else if (g_str_equal (relative, "DOB"))
    return parse_date (parser, "DOB", *text, &pupil->dob, error);

  return TRUE;
}

/*
 * _wm_ctf_end_pupil_element:
 * @relative: the element's path below `Pupil`, such as "BasicDetails/DOB"
 * @text: (inout): the element's trimmed text, or %NULL; a handler that
 *   keeps the string steals it
 *
 * Handles the end of an element inside the pupil being read.
 */
gboolean
_wm_ctf_end_pupil_element (WmCtfParser  *parser,
                           const char   *relative,
                           char        **text,
                           GError      **error)
{
  if (g_str_equal (relative, "Contacts/Contact"))
    parser->contact = NULL;
  else if (g_str_equal (relative, "Attendance/YearData"))
    {
      if (!check_year_data (parser, error))
        return FALSE;
      parser->year = NULL;
      return TRUE;
    }

  return handle_pupil_element (parser, relative, text, error);
}

static gboolean
check_upn (WmCtfParser  *parser,
           GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;
  g_autoptr(GError) upn_error = NULL;
  gpointer first_line;

  if (!wm_upn_validate (pupil->upn, &upn_error))
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, pupil->line,
                         "%s.", upn_error->message);
      return FALSE;
    }

  first_line = g_hash_table_lookup (parser->upn_lines, pupil->upn);
  if (first_line != NULL)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, pupil->line,
                         E_("the UPN appears a second time in the file (first at "
                            "line %u). Each pupil must appear once; export the "
                            "file again."),
                         GPOINTER_TO_UINT (first_line));
      return FALSE;
    }

  g_hash_table_insert (parser->upn_lines, g_strdup (pupil->upn),
                       GUINT_TO_POINTER (pupil->line));
  return TRUE;
}

static gboolean
check_contact_text (WmCtfParser         *parser,
                    const WmCtfContact  *contact,
                    GError             **error)
{
  const struct { const char *element; const char *text; gboolean multi; }
  fields[] = {
    { "Contacts/Contact/Title", contact->title, FALSE },
    { "Contacts/Contact/Surname", contact->surname, FALSE },
    { "Contacts/Contact/Forename", contact->forename, FALSE },
    { "Contacts/Contact/Relationship", contact->relationship, FALSE },
    { "Contacts/Contact/Address", contact->address, TRUE },
    { "Contacts/Contact/Phones", contact->phones, TRUE },
    { "Contacts/Contact/Email", contact->email, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!_wm_ctf_check_text (parser, contact->line, fields[i].element,
                             fields[i].text, fields[i].multi, error))
      return FALSE;

  return TRUE;
}

/* Checks every text the pupil's record keeps; see _wm_ctf_check_text().
 * The message gives the Pupil's line, since the reader keeps no line for
 * each field. */
static gboolean
check_pupil_text (WmCtfParser  *parser,
                  GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;
  const struct { const char *element; const char *text; gboolean multi; }
  fields[] = {
    { "Surname", pupil->surname, FALSE },
    { "Forename", pupil->forename, FALSE },
    { "MiddleNames", pupil->middle_names, FALSE },
    { "PreferredSurname", pupil->preferred_surname, FALSE },
    { "PreferredForename", pupil->preferred_forename, FALSE },
    { "Sex", pupil->sex, FALSE },
    { "NCyearActual", pupil->year_group, FALSE },
    { "SENprovision", pupil->sen_provision, FALSE },
    { "Address", pupil->address, TRUE },
    { "Phones", pupil->phones, TRUE },
    { "Email", pupil->email, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!_wm_ctf_check_text (parser, pupil->line, fields[i].element,
                             fields[i].text, fields[i].multi, error))
      return FALSE;

  for (guint i = 0; i < pupil->contacts->len; i++)
    if (!check_contact_text (parser, g_ptr_array_index (pupil->contacts, i),
                             error))
      return FALSE;

  for (guint i = 0; i < pupil->years->len; i++)
    {
      WmCtfYearData *year = g_ptr_array_index (pupil->years, i);

      if (!_wm_ctf_check_text (parser, year->line, "YearData/SchoolName",
                               year->school_name, FALSE, error)
          || !_wm_ctf_check_text (parser, year->line, "YearData/LEA",
                                  year->lea, FALSE, error)
          || !_wm_ctf_check_text (parser, year->line, "YearData/Estab",
                                  year->estab, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_wm_ctf_finish_pupil (WmCtfParser  *parser,
                      GError      **error)
{
  WmCtfPupil *pupil = parser->pupil;
  const char *missing = pupil->upn == NULL       ? "UPN"
                        : pupil->surname == NULL  ? "Surname"
                        : pupil->forename == NULL ? "Forename"
                                                  : NULL;

  if (missing != NULL)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, pupil->line,
                         E_("the Pupil has no %s."), missing);
      return FALSE;
    }

  if (!check_upn (parser, error) || !check_pupil_text (parser, error))
    return FALSE;

  if (pupil->entry_date != WM_DAY_NONE && pupil->leaving_date != WM_DAY_NONE
      && pupil->leaving_date < pupil->entry_date)
    {
      _wm_ctf_set_error (parser, error, WM_ERROR_INVALID_INPUT, pupil->line,
                         E_("LeavingDate is before EntryDate."));
      return FALSE;
    }

  g_ptr_array_add (parser->file->pupils, g_steal_pointer (&parser->pupil));
  return TRUE;
}

void
_wm_ctf_start_pupil_element (WmCtfParser *parser,
                             const char  *relative)
{
  WmCtfPupil *pupil = parser->pupil;

  if (g_str_equal (relative, "Contacts"))
    pupil->has_contacts = TRUE;
  else if (g_str_equal (relative, "Contacts/Contact"))
    {
      parser->contact = g_new0 (WmCtfContact, 1);
      parser->contact->line = parser->line;
      g_ptr_array_add (pupil->contacts, parser->contact);
    }
  else if (g_str_equal (relative, "Attendance/YearData"))
    {
      parser->year = g_new0 (WmCtfYearData, 1);
      parser->year->line = parser->line;
      parser->year->marks_line = parser->line;
      parser->year->sessions_possible = -1;
      parser->year->sessions_authorised = -1;
      parser->year->sessions_unauthorised = -1;
      g_ptr_array_add (pupil->years, parser->year);
    }
  else if (g_str_has_prefix (relative, "Contacts/Contact/"))
    start_contact_details (parser, relative + strlen ("Contacts/Contact/"));
  else
    start_contact_details (parser, relative);
}

