/* wm-sample-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-date.h"

G_BEGIN_DECLS

/*
 * The sample generator's own parts, shared between wm-sample.c (options,
 * roster and XML), wm-sample-calendar.c (term dates and bank holidays),
 * wm-sample-marks.c (attendance) and wm-sample-people.c (names, families
 * and contacts). Nothing here is used outside the generator.
 */

/*
 * WmSampleRng:
 *
 * splitmix64, a small generator with a 64-bit state. The output must be
 * the same bytes on every machine for the same seed, so the generator is
 * our own (never rand(), never the clock) and only integer arithmetic is
 * done on its numbers.
 */
typedef struct
{
  guint64 state;
} WmSampleRng;

void     _wm_sample_rng_init    (WmSampleRng *rng,
                                 guint64      seed,
                                 guint64      stream);
guint64  _wm_sample_rng_next    (WmSampleRng *rng);
guint    _wm_sample_rng_below   (WmSampleRng *rng,
                                 guint        n);
guint    _wm_sample_rng_range   (WmSampleRng *rng,
                                 guint        low,
                                 guint        high);
gboolean _wm_sample_rng_chance  (WmSampleRng *rng,
                                 guint        per_mille);
void     _wm_sample_rng_shuffle (WmSampleRng *rng,
                                 guint       *items,
                                 guint        n_items);

/*
 * WmSampleCalendar:
 * @first_day: the first weekday on or after 1 September; every string of
 *   a pupil on roll from the start of the year starts here
 * @last_day: the last day of the summer term, or the export day when
 *   that is earlier
 * @n_days: days from @first_day to @last_day inclusive
 * @school_index: per day from @first_day, the index of the day in
 *   @school_days, or -1 when the school is closed (weekend, holiday, bank
 *   holiday, training day)
 * @school_days: the days the school is open to pupils, in order
 * @n_school_days: the length of @school_days
 * @weekday: per school day, its weekday
 * @break_after: the school days that are followed by a break of at least
 *   a week (half terms and holidays), in order
 * @n_breaks: the length of @break_after
 *
 * One school year of the sample school.
 */
typedef struct
{
  guint         academic_year;
  WmDay         first_day;
  WmDay         last_day;
  guint         n_days;
  gint         *school_index;
  WmDay        *school_days;
  guint         n_school_days;
  GDateWeekday *weekday;
  guint        *break_after;
  guint         n_breaks;
} WmSampleCalendar;

WmSampleCalendar *_wm_sample_calendar_new  (guint             academic_year,
                                            WmDay             export_day);
void              _wm_sample_calendar_free (WmSampleCalendar *calendar);
gint              _wm_sample_calendar_index (const WmSampleCalendar *calendar,
                                             WmDay             day);
WmDay             _wm_sample_easter_sunday (guint             year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSampleCalendar, _wm_sample_calendar_free)

/*
 * WmSampleProfile:
 *
 * How much a pupil misses over the year, as a share of possible sessions:
 * regular (under 10%), persistent (10% to under 50%) or severe (50% or
 * more).
 */
typedef enum
{
  WM_SAMPLE_PROFILE_REGULAR,
  WM_SAMPLE_PROFILE_PERSISTENT,
  WM_SAMPLE_PROFILE_SEVERE,
} WmSampleProfile;

/*
 * WmSampleAttendance:
 * @profile: how much the pupil misses
 * @friday_pattern: misses most Friday afternoons
 * @holiday: takes a week of term-time holiday next to a break
 * @n_unmarked: sessions the register leaves without a mark
 * @trip_day: the school day index of the pupil's year-group trip, or
 *   %G_MAXUINT for none
 *
 * What shapes one pupil's marks.
 */
typedef struct
{
  WmSampleProfile profile;
  gboolean        friday_pattern;
  gboolean        holiday;
  guint           n_unmarked;
  guint           trip_day;
} WmSampleAttendance;

void _wm_sample_marks_generate (const WmSampleCalendar   *calendar,
                                const WmSampleAttendance *attendance,
                                WmSampleRng              *rng,
                                guint                     first,
                                guint                     last,
                                char                     *marks);

/*
 * WmSampleContact:
 *
 * One contact of a family. @address_house is 0 when the contact lives at
 * the family's address.
 */
typedef struct
{
  const char *title;
  const char *forename;
  const char *surname;
  const char *relationship;
  gboolean    responsibility;
  guint       address_house;
  char        address_street[32];
  char        postcode[10];
  char        phone[16];
  char        email[48];
} WmSampleContact;

/*
 * WmSampleFamily:
 *
 * A household: every pupil of the family has its surname, address, home
 * phone, email and contacts.
 */
typedef struct
{
  const char      *surname;
  guint            house;
  char             street[32];
  char             postcode[10];
  char             phone[16];
  char             email[48];
  guint            n_contacts;
  WmSampleContact  contacts[2];
} WmSampleFamily;

/*
 * WmSampleChild:
 *
 * A pupil's own names. @preferred_forename is %NULL when the pupil goes
 * by the legal forename.
 */
typedef struct
{
  gboolean    female;
  const char *forename;
  const char *preferred_forename;
  const char *middle_name;
} WmSampleChild;

void        _wm_sample_family_build (WmSampleFamily *family,
                                     guint64         seed,
                                     guint           family_index);
void        _wm_sample_child_build  (WmSampleChild  *child,
                                     WmSampleRng    *rng);
const char *_wm_sample_other_school (guint           index,
                                     gboolean        primary);

G_END_DECLS
