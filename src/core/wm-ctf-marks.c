/* wm-ctf-marks.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The second half of the Common Transfer File reader: once every pupil is
 * read, decide the weekend layout of the marks strings, then check each
 * string and turn the source school's strings into marks by date.
 *
 * `AttendanceMarks` has one character per session, AM then PM, from
 * `AttendanceStartDate`. Public descriptions of the format disagree on
 * whether the string has slots for every calendar day (weekends normally
 * `#`) or for Monday to Friday only, and exports of both kinds exist, so
 * the layout is read from the file itself.
 */

#include "wm-ctf-private.h"

#include <string.h>

#include "wm-deadlines.h"
#include "wm-error.h"
#include "wm-i18n-private.h"

/* Two whole weekends of `#` or blank slots: 2 days, 2 sessions each,
 * twice. */
#define MIN_CALENDAR_WEEKEND_SLOTS 8

/* Translated where a message names the weekday. */
static const char * const weekday_names[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/*
 * _wm_ctf_describe_session:
 *
 * Formats a session for a message, such as "Tuesday 3 March 2026 PM".
 */
char *
_wm_ctf_describe_session (WmDay     day,
                          WmSession session)
{
  g_autofree char *date = wm_day_format_weekday (day);

  /* The weekday and date follow the locale, as the message does; AM and
   * PM are the register's own names of the sessions. */
  return g_strdup_printf ("%s %s", date,
                          session == WM_SESSION_AM ? "AM" : "PM");
}

static gboolean
weekday_is_weekend (guint weekday)
{
  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

/* The weekday, 1 (Monday) to 7 (Sunday), of the day @offset days after a
 * day whose weekday is @start_weekday. */
static guint
weekday_after (guint start_weekday,
               guint offset)
{
  return (start_weekday - 1 + offset) % 7 + 1;
}

static gboolean
is_blank_or_closed (char c)
{
  return c == '#' || c == '-' || c == ' ';
}

/* Counts the slots that fall on a Saturday or Sunday when @string is read
 * with a slot for every calendar day. Returns FALSE when one of them
 * contains anything but `#` or a blank, which only the weekday layout
 * explains. */
static gboolean
count_calendar_weekend_slots (const WmCtfMarksString *string,
                              guint                  *out_n_slots)
{
  guint start_weekday = wm_day_weekday (string->start);
  gsize len = strlen (string->marks);
  guint n_slots = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (!weekday_is_weekend (weekday_after (start_weekday, i / 2)))
        continue;

      if (!is_blank_or_closed (string->marks[i]))
        return FALSE;
      n_slots++;
    }

  *out_n_slots = n_slots;
  return TRUE;
}

/* Whether @string reaches a Saturday or Sunday when read with a slot for
 * every calendar day. For a string that starts on a weekday this is also
 * exactly when the weekday reading crosses a weekend, since both readings
 * walk the same days until the first Saturday. */
static gboolean
reaches_weekend (const WmCtfMarksString *string)
{
  guint start_weekday = wm_day_weekday (string->start);
  gsize n_days = (strlen (string->marks) + 1) / 2;

  if (n_days == 0)
    return FALSE;

  return weekday_is_weekend (start_weekday)
         || start_weekday + n_days - 1 >= G_DATE_SATURDAY;
}

/**
 * wm_ctf_detect_layout:
 * @strings: (array length=n_strings): every marks string of one file
 * @n_strings: the number of strings
 * @out_layout: (out): the layout found
 * @error: return location for a #GError
 *
 * Decides whether the marks strings of a file have slots for every
 * calendar day or for Monday to Friday only. Each string is first read
 * with a slot for every calendar day:
 *
 * - when any slot on a Saturday or Sunday contains a register code
 *   (anything but `#`, `-` or a space), only the weekday layout explains
 *   the file;
 * - when no string reaches a weekend, both readings give every slot the
 *   same date and the result is %WM_CTF_LAYOUT_EITHER;
 * - when every weekend slot is `#` or blank and one string has at least
 *   8 such slots (two whole weekends), the file has the calendar layout;
 * - otherwise the layout cannot be decided.
 *
 * Empty strings take no part. The function reads only its arguments.
 *
 * Returns: %TRUE with @out_layout set, or %FALSE with %WM_ERROR_AMBIGUOUS
 *   when the layout cannot be decided
 */
gboolean
wm_ctf_detect_layout (const WmCtfMarksString  *strings,
                      guint                    n_strings,
                      WmCtfLayout             *out_layout,
                      GError                 **error)
{
  gboolean any_reaches_weekend = FALSE;
  guint max_weekend_slots = 0;

  g_return_val_if_fail (strings != NULL || n_strings == 0, FALSE);
  g_return_val_if_fail (out_layout != NULL, FALSE);

  for (guint i = 0; i < n_strings; i++)
    {
      guint n_slots;

      if (!count_calendar_weekend_slots (&strings[i], &n_slots))
        {
          *out_layout = WM_CTF_LAYOUT_WEEKDAYS;
          return TRUE;
        }

      max_weekend_slots = MAX (max_weekend_slots, n_slots);
      any_reaches_weekend |= reaches_weekend (&strings[i]);
    }

  if (!any_reaches_weekend)
    *out_layout = WM_CTF_LAYOUT_EITHER;
  else if (max_weekend_slots >= MIN_CALENDAR_WEEKEND_SLOTS)
    *out_layout = WM_CTF_LAYOUT_CALENDAR;
  else
    {
      g_set_error (error, WM_ERROR, WM_ERROR_AMBIGUOUS,
                   E_("The marks strings do not show whether weekends are "
                      "included: no weekend slot contains a register code and "
                      "no string covers two whole weekends. Export the file "
                      "again with a longer attendance period or use a CSV marks "
                      "export."));
      return FALSE;
    }

  return TRUE;
}

/* The date of slot @slot of a string starting on @start, a day whose
 * weekday is @start_weekday. In the weekday layout the start is a weekday. */
static WmDay
slot_day (WmCtfLayout layout,
          WmDay       start,
          guint       start_weekday,
          gsize       slot)
{
  gsize day_index = slot / 2;
  gsize position;

  if (layout != WM_CTF_LAYOUT_WEEKDAYS)
    return start + (WmDay) day_index;

  position = (start_weekday - 1) + day_index;
  return start - (start_weekday - 1)
         + (WmDay) ((position / 5) * 7 + position % 5);
}

/* The state of one pupil while the pupil's strings are decoded. */
typedef struct
{
  WmCtfFile     *file;
  WmCtfPupil    *pupil;
  WmCtfYearData *year;
  WmCtfLayout    layout;
  guint          start_weekday;
  guint          other_regime[WM_MARK_LAST + 1];
  guint          other_regime_line[WM_MARK_LAST + 1];
  guint          n_possible;
  guint          n_outside_span;
} Decoder;

static void
add_warning_n (Decoder    *decoder,
               guint       line,
               gulong      n,
               const char *singular,
               const char *plural,
               ...) G_GNUC_PRINTF (4, 6);

/* Adds a warning about @n things that names the file, line and pupil, in
 * English for the import's record and translated for the officer. A
 * warning with no count passes %NULL as @plural. */
static void
add_warning_n (Decoder    *decoder,
               guint       line,
               gulong      n,
               const char *singular,
               const char *plural,
               ...)
{
  va_list args;

  va_start (args, plural);
  _wm_warnings_addv (decoder->file->warnings, decoder->file->shown_warnings,
                     decoder->file->name, line, decoder->pupil->upn,
                     singular, plural, n, args);
  va_end (args);
}

static gboolean
check_start_day (Decoder  *decoder,
                 GError  **error)
{
  g_autofree char *date = NULL;

  if (decoder->layout != WM_CTF_LAYOUT_WEEKDAYS
      || !weekday_is_weekend (decoder->start_weekday))
    return TRUE;

  date = wm_day_format_long (decoder->year->start_date);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s, line %u, UPN %s: AttendanceStartDate %s is a %s, but "
                  "the marks strings of this file have slots for Monday to "
                  "Friday only. Correct the start date and export the file "
                  "again."),
               decoder->file->name, decoder->year->marks_line,
               decoder->pupil->upn, date,
               E_(weekday_names[decoder->start_weekday]));
  return FALSE;
}

/* A string may run neither past the school year it belongs to nor past
 * the day the file was exported: marks for later sessions cannot exist,
 * so such a string was laid out differently from how it is read. */
static gboolean
check_length (Decoder  *decoder,
              WmDay     last_day,
              GError  **error)
{
  WmCtfYearData *year = decoder->year;
  WmDay year_end = wm_day_from_ymd (year->year + 1, 8, 31);
  WmDay limit = year_end;
  g_autofree char *last = wm_day_format_long (last_day);
  g_autofree char *start = wm_day_format_long (year->start_date);
  g_autofree char *limit_text = NULL;
  const char *reason;

  if (decoder->file->export_day != WM_DAY_NONE
      && decoder->file->export_day < limit)
    limit = decoder->file->export_day;
  if (last_day <= limit)
    return TRUE;

  limit_text = wm_day_format_long (limit);
  reason = limit == year_end ? _("the end of that school year")
                             : _("the export date in Header/DateTime");
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s, line %u, UPN %s: AttendanceMarks is too long: its %zu "
                  "sessions from %s run to %s, past %s, %s. Check the export "
                  "settings of the school's system and export the file again."),
               decoder->file->name, year->marks_line, decoder->pupil->upn,
               strlen (year->marks), start, last, limit_text, reason);
  return FALSE;
}

static void
set_unknown_character_error (Decoder     *decoder,
                             const char  *position,
                             WmDay        day,
                             WmSession    session,
                             GError     **error)
{
  gunichar c = g_utf8_get_char_validated (position, -1);
  g_autofree char *when = _wm_ctf_describe_session (day, session);
  char text[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isprint (c))
    g_snprintf (text, sizeof text, "\\x%02x", (guint) (guchar) *position);
  else
    g_unichar_to_utf8 (c, text);

  g_set_error (error, WM_ERROR, WM_ERROR_UNKNOWN_CODE,
               E_("%s, line %u, UPN %s: AttendanceMarks has \"%s\" for %s, "
                  "which is not a register code. Correct the mark in the "
                  "school's system and export the file again."),
               decoder->file->name, decoder->year->marks_line,
               decoder->pupil->upn, text, when);
}

/* Whether @day lies inside the pupil's time on roll as the file gives it:
 * from the admission date (`EntryDate`) to the leaving date, each where
 * given. */
static gboolean
is_on_roll (const WmCtfPupil *pupil,
            WmDay             day)
{
  if (pupil->entry_date != WM_DAY_NONE && day < pupil->entry_date)
    return FALSE;
  if (pupil->leaving_date != WM_DAY_NONE && day > pupil->leaving_date)
    return FALSE;

  return TRUE;
}

/* Counts what one mark on roll adds to the checks on a source school
 * string: the possible sessions that reconcile with `SessionsPossible`,
 * which the exporting system counts over the pupil's time on roll, and the
 * codes of the other regime, which are kept as received but warned about
 * once per pupil and code. */
static void
count_mark (Decoder *decoder,
            WmMark   mark,
            WmDay    day)
{
  WmCategory category;

  if (!wm_mark_is_code (mark))
    return;

  if (!wm_mark_in_regime (mark, day))
    {
      if (decoder->other_regime[mark] == 0)
        decoder->other_regime_line[mark] = decoder->year->marks_line;
      decoder->other_regime[mark]++;
    }

  category = wm_mark_category (mark, day);
  if (category == WM_CATEGORY_PRESENT
      || category == WM_CATEGORY_APPROVED_ACTIVITY
      || category == WM_CATEGORY_AUTHORISED
      || category == WM_CATEGORY_UNAUTHORISED)
    decoder->n_possible++;
}

/* Places one mark of a source school string in the pupil's register.
 * Sessions outside the pupil's time on roll do not exist for the pupil:
 * they stay %WM_MARK_NONE whatever the string contains, and take no part in
 * the checks. A weekend is never a session either, so a blank weekend
 * slot of the calendar layout stays %WM_MARK_NONE rather than becoming
 * an unmarked gap. A `#` on a weekend is kept as received. */
static void
store_mark (Decoder   *decoder,
            WmMark     mark,
            WmDay      day,
            WmSession  session)
{
  WmCtfYearData *year = decoder->year;
  gsize index = (gsize) (day - year->first_day) * 2 + session;

  if (!is_on_roll (decoder->pupil, day))
    {
      if (wm_mark_is_code (mark) && mark != WM_MARK_CLOSED && mark != WM_MARK_Z)
        decoder->n_outside_span++;
      return;
    }

  count_mark (decoder, mark, day);
  if (mark == WM_MARK_UNMARKED && wm_day_is_weekend (day))
    return;

  year->sessions[index] = mark;
}

static WmMark
mark_from_slot (char c)
{
  return c == '-' || c == ' ' ? WM_MARK_UNMARKED : wm_mark_from_char (c);
}

static void
set_line_break_error (Decoder    *decoder,
                      WmDay       day,
                      WmSession   session,
                      GError    **error)
{
  g_autofree char *when = _wm_ctf_describe_session (day, session);

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s, line %u, UPN %s: AttendanceMarks is broken across lines "
                  "at %s. Every character of the string is a session, so it "
                  "must be on one line; export the file again without line "
                  "wrapping."),
               decoder->file->name, decoder->year->marks_line,
               decoder->pupil->upn, when);
}

/* Checks every character before the string's length, so that a string
 * wrapped onto two lines or containing a stray character is reported as
 * such rather than as too long. A wrapping tool may have replaced a space
 * (an unmarked session) with the line break, so neither dropping nor
 * keeping the break would be safe. */
static gboolean
check_characters (Decoder  *decoder,
                  GError  **error)
{
  WmCtfYearData *year = decoder->year;
  gsize len = strlen (year->marks);

  for (gsize i = 0; i < len; i++)
    {
      char c = year->marks[i];
      WmSession session = i % 2 == 0 ? WM_SESSION_AM : WM_SESSION_PM;
      WmDay day;

      if (mark_from_slot (c) != WM_MARK_NONE)
        continue;

      day = slot_day (decoder->layout, year->start_date,
                      decoder->start_weekday, i);
      if (c == '\n' || c == '\r')
        set_line_break_error (decoder, day, session, error);
      else
        set_unknown_character_error (decoder, year->marks + i, day, session,
                                     error);
      return FALSE;
    }

  return TRUE;
}

static void
decode_slots (Decoder *decoder)
{
  WmCtfYearData *year = decoder->year;
  gsize len = strlen (year->marks);

  for (gsize i = 0; i < len; i++)
    {
      WmDay day = slot_day (decoder->layout, year->start_date,
                            decoder->start_weekday, i);
      WmSession session = i % 2 == 0 ? WM_SESSION_AM : WM_SESSION_PM;

      store_mark (decoder, mark_from_slot (year->marks[i]), day, session);
    }
}

static void
warn_year_totals (Decoder *decoder)
{
  WmCtfYearData *year = decoder->year;

  if (year->sessions_possible >= 0
      && (guint) year->sessions_possible != decoder->n_possible)
    add_warning_n (decoder, year->marks_line, 0,
                   N_("the marks for %u/%02u give %u possible sessions but "
                      "SessionsPossible is %d. Waymark uses the marks; check "
                      "the register in the school's system."), NULL,
                   year->year, (year->year + 1) % 100, decoder->n_possible,
                   year->sessions_possible);

  if (decoder->n_outside_span > 0)
    add_warning_n (decoder, year->marks_line, decoder->n_outside_span,
                   "%u session marked outside the pupil's time on roll "
                   "(EntryDate to LeavingDate) in %u/%02u was left out of "
                   "the register.",
                   "%u sessions marked outside the pupil's time on roll "
                   "(EntryDate to LeavingDate) in %u/%02u were left out of "
                   "the register.",
                   decoder->n_outside_span, year->year,
                   (year->year + 1) % 100);
}

static gboolean
decode_year (Decoder  *decoder,
             GError  **error)
{
  WmCtfYearData *year = decoder->year;
  gsize len = year->marks != NULL ? strlen (year->marks) : 0;
  WmDay last_day;

  if (len == 0)
    {
      if (year->sessions_possible > 0)
        add_warning_n (decoder, year->marks_line, 0,
                       N_("the YearData for %u/%02u has no attendance marks "
                          "but SessionsPossible is %d, so no register was "
                          "read for that year."), NULL,
                       year->year, (year->year + 1) % 100,
                       year->sessions_possible);
      return TRUE;
    }

  decoder->start_weekday = wm_day_weekday (year->start_date);
  if (!check_start_day (decoder, error) || !check_characters (decoder, error))
    return FALSE;

  last_day = slot_day (decoder->layout, year->start_date,
                       decoder->start_weekday, len - 1);
  if (!check_length (decoder, last_day, error))
    return FALSE;

  if (year->is_source)
    {
      year->first_day = year->start_date;
      year->n_days = last_day - year->start_date + 1;
      year->sessions = g_new0 (WmMark, (gsize) year->n_days * 2);
    }

  if (!year->is_source)
    return TRUE;

  decoder->n_possible = 0;
  decoder->n_outside_span = 0;
  decode_slots (decoder);
  warn_year_totals (decoder);
  return TRUE;
}

/* Fills in a warning about @n sessions coded @info in the other regime,
 * in English when @english is set. The category's name is translated
 * with the rest, so it is filled in here rather than by the caller. */
static char *
format_other_regime (const WmMarkInfo *info,
                     const WmMarkInfo *equivalent,
                     guint             n,
                     gboolean          english)
{
  g_auto(WmEnglishScope) scope = english ? wm_english_scope_begin () : FALSE;

  if (info->in_2024)
    return g_strdup_printf (wm_ngettext ("%u session coded %s before 19 "
                                         "August 2024 was counted as %s "
                                         "(%s), the nearest code in use "
                                         "then.",
                                         "%u sessions coded %s before 19 "
                                         "August 2024 were counted as %s "
                                         "(%s), the nearest code in use "
                                         "then.", n),
                            n, info->code, equivalent->code,
                            _(wm_category_to_string (info->category_2006)));

  return g_strdup_printf (wm_ngettext ("%u session coded %s on or after 19 "
                                       "August 2024 was counted as %s (%s), "
                                       "the code that replaced it.",
                                       "%u sessions coded %s on or after 19 "
                                       "August 2024 were counted as %s (%s), "
                                       "the code that replaced it.", n),
                          n, info->code, equivalent->code,
                          _(wm_category_to_string (info->category_2024)));
}

/* One warning per pupil and code of the other regime. A 2006-only code on
 * or after 19 August 2024 is counted like the code that replaced it, and
 * a 2024-only code before that date like its nearest 2006 code. */
static void
warn_other_regime (Decoder *decoder)
{
  for (WmMark mark = WM_MARK_PRESENT_AM; mark <= WM_MARK_LAST; mark++)
    {
      const WmMarkInfo *info = wm_mark_get_info (mark);
      const WmMarkInfo *equivalent;
      g_autofree char *english = NULL;
      g_autofree char *shown = NULL;
      guint n = decoder->other_regime[mark];

      if (n == 0)
        continue;

      equivalent = wm_mark_get_info (info->equivalent);
      english = format_other_regime (info, equivalent, n, TRUE);
      shown = format_other_regime (info, equivalent, n, FALSE);
      _wm_warnings_add (decoder->file->warnings, decoder->file->shown_warnings,
                        decoder->file->name, decoder->other_regime_line[mark],
                        decoder->pupil->upn, english, shown);
    }
}

/* Adds one source year's sessions to @register, the pupil's marks so far
 * for that school year by session from 1 September. Two years of the
 * source school that give one session different marks cannot both be
 * right, and the later would overwrite the other in the store. */
static gboolean
add_to_register (Decoder   *decoder,
                 WmMark    *register_marks,
                 GError   **error)
{
  WmCtfYearData *year = decoder->year;
  WmDay first = wm_day_from_ymd (year->year, 9, 1);

  for (guint i = 0; i < year->n_days * 2; i++)
    {
      WmMark mark = year->sessions[i];
      gsize index = (gsize) (year->first_day - first) * 2 + i;
      g_autofree char *when = NULL;

      if (mark == WM_MARK_NONE || register_marks[index] == mark)
        continue;
      if (register_marks[index] == WM_MARK_NONE)
        {
          register_marks[index] = mark;
          continue;
        }

      when = _wm_ctf_describe_session (year->first_day + i / 2, i % 2);
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("%s, line %u, UPN %s: two YearData of this school give %s "
                      "different marks (%s and %s). Correct the register in the "
                      "school's system and export the file again."),
                   decoder->file->name, year->marks_line, decoder->pupil->upn,
                   when, wm_mark_to_code (register_marks[index]),
                   wm_mark_to_code (mark));
      return FALSE;
    }

  return TRUE;
}

/* A school year has at most 366 days of 2 sessions. */
#define MAX_YEAR_SESSIONS (366 * 2)

static gboolean
check_overlaps (Decoder  *decoder,
                GError  **error)
{
  g_autoptr(GHashTable) registers =
    g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < decoder->pupil->years->len; i++)
    {
      WmCtfYearData *year = g_ptr_array_index (decoder->pupil->years, i);
      WmMark *register_marks;

      if (year->sessions == NULL)
        continue;

      register_marks = g_hash_table_lookup (registers,
                                            GUINT_TO_POINTER (year->year));
      if (register_marks == NULL)
        {
          register_marks = g_new0 (WmMark, MAX_YEAR_SESSIONS);
          g_hash_table_insert (registers, GUINT_TO_POINTER (year->year),
                               register_marks);
        }

      decoder->year = year;
      if (!add_to_register (decoder, register_marks, error))
        return FALSE;
    }

  return TRUE;
}

/* Rejects a date of birth after the export, which is impossible and
 * probably a day and month swapped by the exporting system. Without an
 * export date, today is the bound. */
static gboolean
check_dob (Decoder  *decoder,
           GError  **error)
{
  WmDay dob = decoder->pupil->dob;
  WmDay bound = decoder->file->export_day != WM_DAY_NONE
                  ? decoder->file->export_day : wm_day_today ();
  g_autofree char *dob_text = NULL;
  g_autofree char *bound_text = NULL;

  if (dob == WM_DAY_NONE || dob <= bound)
    return TRUE;

  dob_text = wm_day_to_iso (dob);
  bound_text = wm_day_format_long (bound);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s, line %u, UPN %s: DOB %s is after the file was exported "
                  "(%s). Correct the date of birth in the school's system and "
                  "export the file again."),
               decoder->file->name, decoder->pupil->line, decoder->pupil->upn,
               dob_text, bound_text);
  return FALSE;
}

static gboolean
decode_pupil (WmCtfFile   *file,
              WmCtfPupil  *pupil,
              GError     **error)
{
  Decoder decoder = { .file = file, .pupil = pupil, .layout = file->layout };

  for (guint i = 0; i < pupil->years->len; i++)
    {
      decoder.year = g_ptr_array_index (pupil->years, i);
      decoder.year->is_source =
        g_strcmp0 (decoder.year->lea, file->source_lea) == 0
        && g_strcmp0 (decoder.year->estab, file->source_estab) == 0;

      if (!decode_year (&decoder, error))
        return FALSE;
    }

  if (!check_overlaps (&decoder, error) || !check_dob (&decoder, error))
    return FALSE;

  warn_other_regime (&decoder);
  return TRUE;
}

static GArray *
collect_marks_strings (WmCtfFile *file)
{
  GArray *strings = g_array_new (FALSE, FALSE, sizeof (WmCtfMarksString));

  for (guint i = 0; i < file->pupils->len; i++)
    {
      WmCtfPupil *pupil = g_ptr_array_index (file->pupils, i);

      for (guint j = 0; j < pupil->years->len; j++)
        {
          WmCtfYearData *year = g_ptr_array_index (pupil->years, j);
          WmCtfMarksString string = { year->start_date, year->marks };

          if (year->marks != NULL && year->marks[0] != '\0')
            g_array_append_val (strings, string);
        }
    }

  return strings;
}

/*
 * _wm_ctf_decode_marks:
 *
 * Detects the layout of the file's marks strings, checks every string
 * and fills the @sessions of each source school year. Needs the whole
 * file, because the layout is decided across all pupils.
 */
gboolean
_wm_ctf_decode_marks (WmCtfFile  *file,
                      GError    **error)
{
  g_autoptr(GArray) strings = collect_marks_strings (file);
  const WmCtfMarksString *data = (gpointer) strings->data;

  if (!wm_ctf_detect_layout (data, strings->len, &file->layout, error))
    {
      g_prefix_error (error, "%s: ", file->name);
      return FALSE;
    }

  for (guint i = 0; i < file->pupils->len; i++)
    if (!decode_pupil (file, g_ptr_array_index (file->pupils, i), error))
      return FALSE;

  return TRUE;
}

void
_wm_ctf_year_data_free (WmCtfYearData *year)
{
  g_free (year->lea);
  g_free (year->estab);
  g_free (year->school_name);
  g_free (year->marks);
  g_free (year->sessions);
  g_free (year);
}
