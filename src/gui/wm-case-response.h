/* wm-case-response.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-calendar.h"
#include "wm-register.h"
#include "wm-response.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/**
 * WmCaseResponse:
 * @pupil_id: the pupil
 * @as_of: the evaluation date
 * @response: the graduated response as of @as_of
 * @reg: (nullable): the pupil's register at the school, %NULL when no
 *   mark is stored
 * @calendar: the sessions the school held
 * @rules: the school's level and threshold rule values
 * @record_days: (element-type WmDay): the dates of the pupil's
 *   finalised, unrestricted records, for marking them on a chart
 *
 * What the Escalation and Attendance pages show, read in a worker.
 */
typedef struct
{
  gint64      pupil_id;
  WmDay       as_of;
  WmResponse *response;
  WmRegister *reg;
  WmCalendar *calendar;
  WmRules     rules;
  GArray     *record_days;
} WmCaseResponse;

void            wm_case_response_free        (WmCaseResponse      *self);
void            wm_case_response_load_async  (const char          *database_path,
                                              gint64               pupil_id,
                                              WmDay                as_of,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
WmCaseResponse *wm_case_response_load_finish (GAsyncResult        *result,
                                              GError             **error);

const char     *wm_legal_step_label          (WmLegalStep          step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCaseResponse, wm_case_response_free)

G_END_DECLS
