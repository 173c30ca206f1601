/* wm-retention.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-record.h"
#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmRetentionClass:
 * @WM_RETENTION_REGISTER_MARKS: register marks, kept 6 years from each
 *   entry by law
 * @WM_RETENTION_CASE_RECORDS: case records of every kind not in another
 *   class, and the cases themselves
 * @WM_RETENTION_HEALTH: health records (healthcare plans)
 * @WM_RETENTION_SAFEGUARDING: restricted safeguarding records
 * @WM_RETENTION_LETTERS: warning letters and Notices to Improve
 * @WM_RETENTION_N_CLASSES: the number of classes
 *
 * A class of data with its own retention period.
 */
typedef enum
{
  WM_RETENTION_REGISTER_MARKS,
  WM_RETENTION_CASE_RECORDS,
  WM_RETENTION_HEALTH,
  WM_RETENTION_SAFEGUARDING,
  WM_RETENTION_LETTERS,
  WM_RETENTION_N_CLASSES,
} WmRetentionClass;

/**
 * WmRetentionItem:
 * @klass: the item's class
 * @object_kind: "marks" (one pupil's register at one school for one
 *   school year), "case" or "record"
 * @object_id: the case or record id; 0 for marks
 * @pupil_id: the pupil
 * @school_id: for marks, the school
 * @year: for marks, the calendar year of the school year's 1 September
 * @counted_from: the day the period is counted from: the last entry of
 *   the register year, the day the case closed, or the date of birth
 * @due_on: the first day the item is past its period
 * @legal_hold: whether the pupil is under legal hold, which blocks
 *   deletion
 *
 * One item past its retention period, for an officer to review.
 */
typedef struct
{
  WmRetentionClass  klass;
  const char       *object_kind;
  gint64            object_id;
  gint64            pupil_id;
  gint64            school_id;
  guint             year;
  WmDay             counted_from;
  WmDay             due_on;
  gboolean          legal_hold;
} WmRetentionItem;

const char       *wm_retention_class_to_string (WmRetentionClass  klass);
gboolean          wm_retention_class_from_string (const char     *name,
                                                  WmRetentionClass *out);
WmRetentionClass  wm_retention_class_for_kind  (const WmRecordKind *kind);
WmDay             wm_retention_add_years       (WmDay              day,
                                                guint              years);

gboolean    wm_retention_get_period      (WmStore           *store,
                                          WmRetentionClass   klass,
                                          guint             *out_years,
                                          GError           **error);
gboolean    wm_retention_set_period      (WmStore           *store,
                                          WmRetentionClass   klass,
                                          guint              years,
                                          GError           **error);
gboolean    wm_retention_set_legal_hold  (WmStore           *store,
                                          gint64             pupil_id,
                                          gboolean           hold,
                                          GError           **error);
gboolean    wm_retention_get_legal_hold  (WmStore           *store,
                                          gint64             pupil_id,
                                          gboolean          *out_hold,
                                          GError           **error);
GPtrArray  *wm_retention_review          (WmStore           *store,
                                          WmDay              as_of,
                                          GError           **error);
gboolean    wm_store_retention_delete    (WmStore           *store,
                                          const WmRetentionItem *item,
                                          const char        *reason,
                                          GError           **error);

G_END_DECLS
