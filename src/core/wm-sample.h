/* wm-sample.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * WmSampleLayout:
 * @WM_SAMPLE_LAYOUT_WEEKDAYS: the marks string has slots for Monday to
 *   Friday only
 * @WM_SAMPLE_LAYOUT_CALENDAR: the marks string has slots for every calendar
 *   day, weekends as `#`
 *
 * The two layouts of a Common Transfer File marks string found in the wild.
 */
typedef enum
{
  WM_SAMPLE_LAYOUT_WEEKDAYS,
  WM_SAMPLE_LAYOUT_CALENDAR,
} WmSampleLayout;

/**
 * WmSampleOptions:
 * @seed: the seed; the same options always give the same bytes
 * @n_pupils: how many pupils on roll over the year
 * @academic_year: the calendar year in which the school year starts
 * @lea: the local authority number (3 digits)
 * @estab: the establishment number (4 digits)
 * @school_name: the school's name
 * @ctf_version: the `CTFversion` to write, such as "25.0"
 * @use_gender_element: write `<Gender>` (CTF before 25.0) instead of `<Sex>`
 * @layout: the marks string layout
 * @with_attendance: write the attendance section (a pupils-only file has none)
 * @export_day: the day the file is exported, which ends every marks
 *   string; %WM_DAY_NONE for the last day of the summer term. It must
 *   leave at least 40 school days in the year.
 *
 * What the sample generator writes.
 */
typedef struct
{
  guint64         seed;
  guint           n_pupils;
  guint           academic_year;
  const char     *lea;
  const char     *estab;
  const char     *school_name;
  const char     *ctf_version;
  gboolean        use_gender_element;
  WmSampleLayout  layout;
  gboolean        with_attendance;
  guint32         export_day;
} WmSampleOptions;

void     wm_sample_options_init (WmSampleOptions       *options);
gboolean wm_sample_write_ctf    (const WmSampleOptions *options,
                                 GOutputStream         *output,
                                 GCancellable          *cancellable,
                                 GError               **error);
gboolean wm_sample_write_ctf_file (const WmSampleOptions *options,
                                 const char            *path,
                                 GError               **error);

G_END_DECLS
