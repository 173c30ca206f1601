/* wm-bundle-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-bundle.h"
#include "wm-case.h"
#include "wm-store-records.h"

G_BEGIN_DECLS

/*
 * What the parts of a bundle share while it is built: the pupil, the case
 * and its records read once from the store.
 */
typedef struct
{
  WmStore               *store;
  const WmBundleOptions *options;
  gint64                 pupil_id;
  WmPupilRecord          pupil;
  gint64                 school_id;
  char                  *school_name;
  char                  *school_estab;
  /* The school's signatory, when entered, who signs the certificate. */
  WmSchoolDetails        school_details;
  WmCase                *case_;
  char                  *reference;
  const char            *prepared_by;

  /* The records the bundle may show, oldest first (WmRecord). */
  GPtrArray             *records;
  /* Level changes on or before the as-of date (WmTimelineEntry). */
  GPtrArray             *level_changes;
  /* The case's history: opening, allocations, closing (WmCaseEvent). */
  GPtrArray             *case_events;
  /* The pupil's contacts (WmContactDetails). */
  GPtrArray             *contacts;

  WmRegister            *reg;
  WmCalendar            *calendar;
  WmRules                rules;
  WmDay                  from;
  WmDay                  to;

  /* Record id to exhibit number, for the chronology's cross-references. */
  GHashTable            *exhibits;
} WmBundleContext;

gboolean    _wm_bundle_is_support           (const WmRecord  *record);
gboolean    _wm_bundle_is_legal             (const WmRecord  *record);
gboolean    _wm_bundle_is_exhibit           (const WmRecord  *record);
char       *_wm_bundle_record_people        (const WmRecord  *record);
char       *_wm_bundle_record_outcome       (WmBundleContext *ctx,
                                             const WmRecord  *record);

void        _wm_bundle_add_chronology       (WmBundleContext *ctx,
                                             WmDocument      *document);
void        _wm_bundle_add_support          (WmBundleContext *ctx,
                                             WmDocument      *document);
gboolean    _wm_bundle_add_exhibits         (WmBundleContext *ctx,
                                             WmDocument      *document,
                                             GCancellable    *cancellable,
                                             GError         **error);
void        _wm_bundle_add_legal            (WmBundleContext *ctx,
                                             WmDocument      *document);
void        _wm_bundle_add_statement        (WmBundleContext *ctx,
                                             WmDocument      *document);
WmDay       _wm_bundle_cited_from           (const WmRegister *reg,
                                             const WmCalendar *calendar,
                                             const WmRules    *rules,
                                             WmDay             from,
                                             WmDay             to);
void        _wm_bundle_count_period         (WmBundleContext *ctx,
                                             WmCounts        *out_counts);
void        _wm_bundle_add_certificate      (WmBundleContext *ctx,
                                             WmDocument      *document);
void        _wm_bundle_add_chart            (WmBundleContext *ctx,
                                             WmDocument      *document);

G_END_DECLS
