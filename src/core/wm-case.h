/* wm-case.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmCase:
 * @id: the case's id
 * @pupil_id: the pupil the case is about
 * @opened_on: the date the case was opened
 * @open_reason: (nullable): why it was opened
 * @lead_officer: (nullable): the officer the case is allocated to now
 * @closed_on: the date it was closed, %WM_DAY_NONE while it is open
 * @close_reason: (nullable): why it was closed, %NULL while it is open
 * @created_at: when the case was recorded, a UTC timestamp
 * @created_by: (nullable): who recorded it
 *
 * An attendance case: the container of a pupil's case records. A pupil
 * has at most one open case at a time.
 */
typedef struct
{
  gint64  id;
  gint64  pupil_id;
  WmDay   opened_on;
  char   *open_reason;
  char   *lead_officer;
  WmDay   closed_on;
  char   *close_reason;
  char   *created_at;
  char   *created_by;
} WmCase;

/**
 * WmCaseEvent:
 * @id: the event's id, in the order events were recorded
 * @case_id: the case
 * @event: "open", "edit", "allocate", "close" or "reopen"
 * @day: the date the event took effect (the date of opening, the first
 *   day of an allocation, the date of closing)
 * @officer: (nullable): for "open" and "allocate", the lead officer from
 *   that day
 * @reason: (nullable): the reason given
 * @recorded_at: when it was recorded, a UTC timestamp
 * @recorded_by: (nullable): who recorded it
 *
 * One entry of a case's history. Allocations are the "open" and
 * "allocate" events, each with its officer and first day.
 */
typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *event;
  WmDay   day;
  char   *officer;
  char   *reason;
  char   *recorded_at;
  char   *recorded_by;
} WmCaseEvent;

void       wm_case_free            (WmCase       *c);
void       wm_case_event_free      (WmCaseEvent  *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCase, wm_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCaseEvent, wm_case_event_free)

gint64     wm_case_open            (WmStore      *store,
                                    gint64        pupil_id,
                                    WmDay         opened_on,
                                    const char   *reason,
                                    const char   *lead_officer,
                                    const char   *author,
                                    GError      **error);
gboolean   wm_case_set_opened      (WmStore      *store,
                                    gint64        case_id,
                                    WmDay         opened_on,
                                    const char   *reason,
                                    const char   *author,
                                    GError      **error);
gboolean   wm_case_allocate        (WmStore      *store,
                                    gint64        case_id,
                                    WmDay         from_day,
                                    const char   *officer,
                                    const char   *author,
                                    GError      **error);
gboolean   wm_case_close           (WmStore      *store,
                                    gint64        case_id,
                                    WmDay         closed_on,
                                    const char   *reason,
                                    const char   *author,
                                    GError      **error);
gboolean   wm_case_reopen          (WmStore      *store,
                                    gint64        case_id,
                                    WmDay         reopened_on,
                                    const char   *reason,
                                    const char   *author,
                                    GError      **error);
WmCase    *wm_case_get             (WmStore      *store,
                                    gint64        case_id,
                                    GError      **error);
gint64     wm_case_find_open       (WmStore      *store,
                                    gint64        pupil_id,
                                    GError      **error);
GPtrArray *wm_case_list_for_pupil  (WmStore      *store,
                                    gint64        pupil_id,
                                    GError      **error);
GPtrArray *wm_case_list_history    (WmStore      *store,
                                    gint64        case_id,
                                    GError      **error);

G_END_DECLS
