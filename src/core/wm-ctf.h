/* wm-ctf.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-codes.h"
#include "wm-date.h"
#include "wm-progress.h"

G_BEGIN_DECLS

/* Files larger than this are rejected before parsing, so that a file
 * chosen by mistake (a disk image, a backup) is not read at all. */
#define WM_CTF_MAX_FILE_SIZE ((goffset) 512 * 1024 * 1024)

/**
 * WmCtfLayout:
 * @WM_CTF_LAYOUT_WEEKDAYS: the marks strings have slots for Monday to
 *   Friday only
 * @WM_CTF_LAYOUT_CALENDAR: the marks strings have slots for every calendar
 *   day, weekends normally as `#`
 * @WM_CTF_LAYOUT_EITHER: no marks string reaches a weekend, so both
 *   readings give every slot the same date
 *
 * The layout of the `AttendanceMarks` strings of one file. Exporting
 * systems differ, and a file uses one layout for every pupil.
 */
typedef enum
{
  WM_CTF_LAYOUT_WEEKDAYS,
  WM_CTF_LAYOUT_CALENDAR,
  WM_CTF_LAYOUT_EITHER,
} WmCtfLayout;

/**
 * WmCtfMarksString:
 * @start: the date of the first slot (`AttendanceStartDate`)
 * @marks: the marks string as received, one character per session
 *
 * One `AttendanceMarks` string with its start date, the input of
 * wm_ctf_detect_layout().
 */
typedef struct
{
  WmDay       start;
  const char *marks;
} WmCtfMarksString;

/**
 * WmCtfContact:
 * @line: the line of the `Contact` element
 * @order: the `Order` value, 0 when not given
 * @responsibility: whether the contact has parental responsibility
 * @address: (nullable): the address, one part a line
 * @phones: (nullable): the phone numbers, one a line, each followed by
 *   its `TelephoneType` in brackets
 * @email: (nullable): the email addresses, one a line
 *
 * A `Contact` of a pupil. Strings are as received, with surrounding
 * white space removed; %NULL means the element was absent.
 */
typedef struct
{
  guint     line;
  gint      order;
  char     *title;
  char     *surname;
  char     *forename;
  char     *relationship;
  gboolean  responsibility;
  char     *address;
  char     *phones;
  char     *email;
} WmCtfContact;

/**
 * WmCtfYearData:
 * @line: the line of the `YearData` element
 * @marks_line: the line of the `AttendanceMarks` element, or @line
 * @year: the calendar year in which the school year began
 * @sessions_possible: `SessionsPossible`, or -1 when absent
 * @sessions_authorised: `SessionsAuthorised`, or -1 when absent
 * @sessions_unauthorised: `SessionsUnauthorised`, or -1 when absent
 * @start_date: `AttendanceStartDate`, or %WM_DAY_NONE when absent
 * @marks: (nullable): `AttendanceMarks` exactly as received
 * @is_source: whether @lea and @estab are the source school's, so that
 *   the year feeds that school's register; other years are history
 * @first_day: the date of the first slot of @sessions
 * @n_days: the number of calendar days @sessions covers
 * @sessions: (array length=n_days*2): for a year of the source school,
 *   the marks by calendar date, AM then PM; %WM_MARK_NONE where the
 *   session does not exist for the pupil. %NULL for other years and for
 *   an empty marks string.
 *
 * One school year of a pupil's attendance (`Attendance/YearData`).
 */
typedef struct
{
  guint     line;
  guint     marks_line;
  guint     year;
  char     *lea;
  char     *estab;
  char     *school_name;
  gint      sessions_possible;
  gint      sessions_authorised;
  gint      sessions_unauthorised;
  WmDay     start_date;
  char     *marks;
  gboolean  is_source;
  WmDay     first_day;
  guint     n_days;
  WmMark   *sessions;
} WmCtfYearData;

/**
 * WmCtfPupil:
 * @line: the line of the `Pupil` element
 * @sex: `Sex`, or `Gender` in files before CTF 25.0
 * @year_group: `NCyearActual`
 * @entry_date: `EntryDate` (admission), or %WM_DAY_NONE
 * @leaving_date: `LeavingDate`, or %WM_DAY_NONE
 * @in_care: `InCare`: -1 when absent, else 0 or 1
 * @free_school_meals: `FSMeligible`: -1 when absent, else 0 or 1
 * @address: (nullable): the home address, one part a line
 * @has_contacts: whether the file has a `Contacts` element for the
 *   pupil, even an empty one; without it the stored contacts stay
 * @contacts: (element-type WmCtfContact): the contacts in file order
 * @years: (element-type WmCtfYearData): the years in file order
 *
 * One `Pupil` of the file. Strings are as received, with surrounding
 * white space removed; %NULL means the element was absent.
 */
typedef struct
{
  guint      line;
  char      *upn;
  char      *surname;
  char      *forename;
  char      *middle_names;
  char      *preferred_surname;
  char      *preferred_forename;
  WmDay      dob;
  char      *sex;
  char      *year_group;
  WmDay      entry_date;
  WmDay      leaving_date;
  char      *sen_provision;
  gint       in_care;
  gint       free_school_meals;
  char      *address;
  char      *phones;
  char      *email;
  gboolean   has_contacts;
  GPtrArray *contacts;
  GPtrArray *years;
} WmCtfPupil;

/**
 * WmCtfFile:
 * @name: the file's base name, as used in messages
 * @sha256: the SHA-256 of the bytes read, in lower-case hex
 * @ctf_version: `CTFversion` as written, such as "25.0"
 * @date_time: (nullable): the header `DateTime` as written
 * @export_day: the date part of @date_time, or %WM_DAY_NONE
 * @layout: the marks string layout found by wm_ctf_detect_layout()
 * @pupils: (element-type WmCtfPupil): the pupils in file order
 * @warnings: (element-type utf8): messages the officer should read,
 *   each naming the pupil and line where one applies, in English as they
 *   are stored with the import
 * @shown_warnings: (element-type utf8): the same messages in the user's
 *   language, in the same order, as the window and the command line show
 *   them
 *
 * A Common Transfer File read completely and checked. The source school
 * fields come from `Header/SourceSchool`.
 */
typedef struct
{
  char        *name;
  char        *sha256;
  char        *ctf_version;
  char        *date_time;
  WmDay        export_day;
  char        *source_lea;
  char        *source_estab;
  char        *source_urn;
  char        *source_name;
  WmCtfLayout  layout;
  GPtrArray   *pupils;
  GPtrArray   *warnings;
  GPtrArray   *shown_warnings;
} WmCtfFile;

void        wm_ctf_global_init   (void);
WmCtfFile  *wm_ctf_read_file     (const char              *path,
                                  GCancellable            *cancellable,
                                  WmProgressFunc           progress,
                                  gpointer                 progress_data,
                                  GError                 **error);
WmCtfFile  *wm_ctf_read_stream   (GInputStream            *stream,
                                  goffset                  size,
                                  const char              *name,
                                  GCancellable            *cancellable,
                                  WmProgressFunc           progress,
                                  gpointer                 progress_data,
                                  GError                 **error);
void        wm_ctf_file_free     (WmCtfFile               *file);
gboolean    wm_ctf_detect_layout (const WmCtfMarksString  *strings,
                                  guint                    n_strings,
                                  WmCtfLayout             *out_layout,
                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCtfFile, wm_ctf_file_free)

G_END_DECLS
