/* wm-response-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-deadlines.h"
#include "wm-response.h"
#include "wm-store-records.h"

G_BEGIN_DECLS

/* Reading what a record holds. A missing or null member reads as NULL or
 * WM_DAY_NONE, which is what "not given" means in a record. */
const char     *_wm_record_text           (const WmRecord   *record,
                                           const char       *field);
WmDay           _wm_record_date           (const WmRecord   *record,
                                           const char       *field);
gboolean        _wm_record_has            (const WmRecord   *record,
                                           const char       *kind,
                                           const char       *field,
                                           const char * const *values);
const WmRecord *_wm_records_latest        (GPtrArray        *records,
                                           const char       *kind,
                                           const char       *field,
                                           const char * const *values,
                                           WmDay             as_of);

/* People with parental responsibility, and matching them by name. */
GPtrArray      *_wm_response_parents      (GPtrArray        *contacts);
char           *_wm_contact_name          (const WmContactRecord *contact);
gboolean        _wm_contact_named         (const WmContactRecord *contact,
                                           const char       *text);

gboolean        _wm_mark_is_unauthorised  (WmMark            mark,
                                           WmDay             day);
gboolean        _wm_safeguarding_is_open  (const WmRecord   *record,
                                           WmDay             as_of);
WmDueStatus     _wm_due_status            (WmDay             day,
                                           WmDay             as_of);

WmEvidenceItem  *_wm_evidence_item_new    (const char       *key,
                                           gboolean          satisfied,
                                           gint64            record_id,
                                           char             *sentence);
void             _wm_evidence_item_free   (WmEvidenceItem   *item);
void             _wm_checklist_item_free  (WmChecklistItem  *item);
void             _wm_deadline_free        (WmDeadline       *deadline);

gboolean   _wm_notice_to_improve_period (const WmResponseInput *input,
                                        const WmRecord        *notice,
                                        WmImprovementPeriod   *out,
                                        GError               **error);
gboolean   _wm_penalty_deadlines   (const WmResponseInput *input,
                                    const WmRecord        *notice,
                                    WmPenaltyDeadlines    *out);
GPtrArray *_wm_deadlines_compute   (const WmResponseInput *input,
                                    GPtrArray             *notes);

/* Reading a pupil's case from the store for the engine. */
GPtrArray  *_wm_response_load_records        (WmStore          *store,
                                              gint64            pupil_id,
                                              GError          **error);
gint        _wm_response_load_previous_level (WmStore          *store,
                                              gint64            pupil_id,
                                              WmDay             as_of,
                                              gint              level);
WmCalendar *_wm_response_extend_calendar     (const WmCalendar *calendar,
                                              WmDay             as_of,
                                              GPtrArray        *terms,
                                              const WmHolidays *bank_holidays,
                                              GArray           *out_assumed);
WmCalendar *_wm_response_load_future_calendar (WmStore         *store,
                                              gint64            school_id,
                                              const WmCalendar *calendar,
                                              WmDay             as_of,
                                              const WmHolidays *bank_holidays,
                                              GArray           *out_assumed,
                                              GError          **error);

gboolean    wm_response_print_due            (WmStore          *store,
                                              WmDay             as_of,
                                              GError          **error);

G_END_DECLS
