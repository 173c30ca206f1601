/* wm-penalty.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-date.h"
#include "wm-response-rules.h"

G_BEGIN_DECLS

/**
 * WmNoticeStatus:
 * @WM_NOTICE_ISSUED: issued, with payment not yet due or not yet recorded
 * @WM_NOTICE_PAID: paid; still counts towards the limit
 * @WM_NOTICE_UNPAID: the payment period ended without payment
 * @WM_NOTICE_WITHDRAWN: withdrawn; does not count towards the limit
 *
 * The state of a penalty notice already issued.
 */
typedef enum
{
  WM_NOTICE_ISSUED,
  WM_NOTICE_PAID,
  WM_NOTICE_UNPAID,
  WM_NOTICE_WITHDRAWN,
} WmNoticeStatus;

/**
 * WmNoticeRecord:
 * @issued: the day the notice was issued
 * @status: the notice's state
 *
 * A penalty notice already issued to one parent for one child.
 */
typedef struct
{
  WmDay          issued;
  WmNoticeStatus status;
} WmNoticeRecord;

/* How many counted notices a decision lists: the largest limit the rule
 * values allow, and one more. */
#define WM_NOTICE_LIST_MAX 11

/**
 * WmNoticeDecision:
 * @proposed: the day the new notice would be issued
 * @allowed: whether the new notice is within the limit
 * @number: the new notice's number within the limit period (1 for a
 *   first notice); when not allowed, the number it would have had
 * @n_counted: how many earlier notices count towards the limit on
 *   @proposed
 * @counted: the issue days of the counted notices, oldest first; the
 *   first MIN (@n_counted, %WM_NOTICE_LIST_MAX) entries are set
 * @counted_until: for each entry of @counted, the last day that notice
 *   counts, which is the day before its anniversary
 * @reduced_rate: whether the reduced amount applies, which is only for a
 *   first notice
 * @full_pounds: the amount of the notice in pounds
 * @reduced_pounds: the reduced amount in pounds, or 0 when there is none
 * @allowed_again: when not allowed, the first day on which a notice would
 *   be allowed again; otherwise %WM_DAY_NONE
 *
 * Whether one more penalty notice may be issued to a parent for a child.
 */
typedef struct
{
  WmDay    proposed;
  gboolean allowed;
  guint    number;
  guint    n_counted;
  WmDay    counted[WM_NOTICE_LIST_MAX];
  WmDay    counted_until[WM_NOTICE_LIST_MAX];
  gboolean reduced_rate;
  guint    full_pounds;
  guint    reduced_pounds;
  WmDay    allowed_again;
} WmNoticeDecision;

WmDay  wm_day_add_years              (WmDay                   day,
                                      guint                   years);
void   wm_notice_decide              (const WmNoticeRecord   *notices,
                                      guint                   n_notices,
                                      WmDay                   proposed,
                                      const WmResponseRules  *rules,
                                      WmNoticeDecision       *out);
char  *wm_notice_decision_describe   (const WmNoticeDecision *decision,
                                      const WmResponseRules  *rules);

G_END_DECLS
