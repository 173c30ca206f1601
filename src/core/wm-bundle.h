/* wm-bundle.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-document.h"
#include "wm-progress.h"
#include "wm-store.h"

G_BEGIN_DECLS

/*
 * The evidence bundle that goes with a legal referral. It is a document
 * built from a pupil's case, rendered to a PDF and recorded in the audit
 * log. Its sections are listed in #WmBundleSections.
 */

/**
 * WmBundleSections:
 * @WM_BUNDLE_COVER: the cover sheet
 * @WM_BUNDLE_INDEX: the index with each section's first page
 * @WM_BUNDLE_CHRONOLOGY: every record and level change in date order
 * @WM_BUNDLE_CERTIFICATE: the attendance certificate for the period
 * @WM_BUNDLE_CHART: weekly and four-week attendance with the records marked
 * @WM_BUNDLE_SUPPORT: the support offered
 * @WM_BUNDLE_EXHIBITS: each visit, meeting, plan, letter, notice and note
 * @WM_BUNDLE_LEGAL: the legal steps taken, the deadlines and the readiness
 *   of each legal step
 * @WM_BUNDLE_STATEMENT: a witness statement outline
 * @WM_BUNDLE_HEALTH: healthcare plans (special category data), left out
 *   unless asked for
 * @WM_BUNDLE_RESTRICTED: safeguarding records, left out unless asked for
 * @WM_BUNDLE_DEFAULT: every section, without health or restricted records
 *
 * The sections a bundle contains. They always appear in the order above.
 */
typedef enum
{
  WM_BUNDLE_COVER       = 1 << 0,
  WM_BUNDLE_INDEX       = 1 << 1,
  WM_BUNDLE_CHRONOLOGY  = 1 << 2,
  WM_BUNDLE_CERTIFICATE = 1 << 3,
  WM_BUNDLE_CHART       = 1 << 4,
  WM_BUNDLE_SUPPORT     = 1 << 5,
  WM_BUNDLE_EXHIBITS    = 1 << 6,
  WM_BUNDLE_LEGAL       = 1 << 7,
  WM_BUNDLE_STATEMENT   = 1 << 8,
  WM_BUNDLE_HEALTH      = 1 << 9,
  WM_BUNDLE_RESTRICTED  = 1 << 10,
  WM_BUNDLE_DEFAULT     = (1 << 9) - 1,
} WmBundleSections;

/**
 * WmBundleRedactions:
 * @WM_BUNDLE_REDACT_NONE: withhold nothing
 * @WM_BUNDLE_REDACT_SIBLINGS: withhold the pupil's siblings
 * @WM_BUNDLE_REDACT_ADDRESSES: withhold the pupil's and parents' addresses
 * @WM_BUNDLE_REDACT_HEALTH: withhold health details (healthcare plans and
 *   the reasons given for absences)
 *
 * Third-party details to withhold. Each withheld item is replaced by a
 * visible marked block, never silently dropped.
 */
typedef enum
{
  WM_BUNDLE_REDACT_NONE      = 0,
  WM_BUNDLE_REDACT_SIBLINGS  = 1 << 0,
  WM_BUNDLE_REDACT_ADDRESSES = 1 << 1,
  WM_BUNDLE_REDACT_HEALTH    = 1 << 2,
} WmBundleRedactions;

/**
 * WmBundleOptions:
 * @as_of: the date the bundle is prepared on; nothing after it is shown
 * @from: the first day of the certificate's period, or %WM_DAY_NONE for
 *   the start of the school's last threshold-window school weeks (10 by
 *   default) up to @as_of
 * @to: the last day of the period, or %WM_DAY_NONE for @as_of
 * @sections: the sections to include
 * @redactions: the details to withhold
 * @prepared_by: (nullable): who prepared the bundle; %NULL for the case's
 *   lead officer
 *
 * What to put in a bundle. Set it up with wm_bundle_options_init().
 */
typedef struct
{
  WmDay               as_of;
  WmDay               from;
  WmDay               to;
  WmBundleSections    sections;
  WmBundleRedactions  redactions;
  const char         *prepared_by;
} WmBundleOptions;

void        wm_bundle_options_init      (WmBundleOptions     *options,
                                         WmDay                as_of);
gboolean    wm_bundle_parse_sections    (const char          *text,
                                         WmBundleSections    *out_sections,
                                         GError             **error);
gboolean    wm_bundle_parse_redactions  (const char          *text,
                                         WmBundleRedactions  *out_redactions,
                                         GError             **error);
char       *wm_bundle_sections_to_string (WmBundleSections    sections);
char       *wm_bundle_case_reference    (const char          *estab,
                                         gint64               case_id);

WmDocument *wm_bundle_build             (WmStore             *store,
                                         gint64               pupil_id,
                                         const WmBundleOptions *options,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean    wm_bundle_export            (WmStore             *store,
                                         gint64               pupil_id,
                                         const WmBundleOptions *options,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         WmProgressFunc       progress,
                                         gpointer             progress_data,
                                         GError             **error);

G_END_DECLS
