/* wm-response.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wm-evaluation.h"
#include "wm-holidays.h"
#include "wm-json-writer.h"
#include "wm-patterns.h"
#include "wm-response-rules.h"
#include "wm-routes.h"
#include "wm-store.h"
#include "wm-terms.h"

G_BEGIN_DECLS

/**
 * WmRouteKind:
 * @WM_ROUTE_SAFEGUARDING: an open safeguarding record; it overrides every
 *   other display of the case, so it sorts first
 * @WM_ROUTE_PENALTY_THRESHOLD: 10 sessions of unauthorised absence in
 *   10 school weeks (the rule values)
 * @WM_ROUTE_LEAVE_REFUSED: a refused leave request whose dates hold enough
 *   unauthorised sessions
 * @WM_ROUTE_MISSING_EDUCATION: unauthorised or unexplained absence on
 *   enough consecutive school days that the school must notify the local authority
 *
 * The routes that run beside the levels, in the order they are shown.
 */
typedef enum
{
  WM_ROUTE_SAFEGUARDING,
  WM_ROUTE_PENALTY_THRESHOLD,
  WM_ROUTE_LEAVE_REFUSED,
  WM_ROUTE_MISSING_EDUCATION,
} WmRouteKind;

/**
 * WmRoute:
 * @kind: the route
 * @since: the day the route was first met (the concern's date, the day
 *   the threshold was met), or %WM_DAY_NONE
 * @record_id: the record behind the route (safeguarding, leave request),
 *   or 0
 * @sentence: the route with its counts and dates
 *
 * One route a pupil is on.
 */
typedef struct
{
  WmRouteKind kind;
  WmDay       since;
  gint64      record_id;
  char       *sentence;
} WmRoute;

/**
 * WmChecklistItem:
 * @key: the item's stable name, such as "first-day-contact"
 * @label: the item as the officer reads it
 * @done: whether a matching record exists
 * @record_id: the newest matching record, or 0
 * @sentence: what was found, or what to record
 *
 * One intervention expected at the pupil's level.
 */
typedef struct
{
  const char *key;
  const char *label;
  gboolean    done;
  gint64      record_id;
  char       *sentence;
} WmChecklistItem;

/**
 * WmLegalStep:
 * @WM_STEP_WARNING_LETTER: a warning letter to each parent
 * @WM_STEP_NOTICE_TO_IMPROVE: a Notice to Improve
 * @WM_STEP_ATTENDANCE_CONTRACT: an attendance contract
 * @WM_STEP_PENALTY_NOTICE: a request for a penalty notice
 * @WM_STEP_PROSECUTION: a referral for prosecution
 * @WM_STEP_LEAVE_REFUSED_PENALTY: a head teacher's penalty notice request
 *   after absence in a refused leave
 * @WM_STEP_ESO_CONSIDERATION: consideration of an Education Supervision
 *   Order
 * @WM_N_LEGAL_STEPS: the number of steps
 *
 * The legal steps whose readiness is checked.
 */
typedef enum
{
  WM_STEP_WARNING_LETTER,
  WM_STEP_NOTICE_TO_IMPROVE,
  WM_STEP_ATTENDANCE_CONTRACT,
  WM_STEP_PENALTY_NOTICE,
  WM_STEP_PROSECUTION,
  WM_STEP_LEAVE_REFUSED_PENALTY,
  WM_STEP_ESO_CONSIDERATION,
  WM_N_LEGAL_STEPS,
} WmLegalStep;

/**
 * WmEvidenceItem:
 * @key: the item's stable name, such as "home-visit"
 * @satisfied: whether the evidence is on the case
 * @record_id: the record that satisfies it, or 0
 * @sentence: when satisfied, what was found; otherwise what to do, such
 *   as "Record a home visit"
 *
 * One piece of evidence a legal step needs.
 */
typedef struct
{
  const char *key;
  gboolean    satisfied;
  gint64      record_id;
  char       *sentence;
} WmEvidenceItem;

/**
 * WmStepReadiness:
 * @step: the step
 * @ready: whether every item is satisfied
 * @items: (element-type WmEvidenceItem): the evidence items, in order
 *
 * The readiness of one legal step.
 */
typedef struct
{
  WmLegalStep  step;
  gboolean     ready;
  GPtrArray   *items;
} WmStepReadiness;

/**
 * WmDueStatus:
 * @WM_DUE_LATER: the date is after the evaluation date
 * @WM_DUE_TODAY: the date is the evaluation date
 * @WM_DUE_OVERDUE: the date has passed
 *
 * The state of a deadline on the evaluation date.
 */
typedef enum
{
  WM_DUE_LATER,
  WM_DUE_TODAY,
  WM_DUE_OVERDUE,
} WmDueStatus;

/**
 * WmDeadline:
 * @day: the date
 * @status: due, due today or overdue as of the evaluation date
 * @key: what falls due, such as "notice-to-improve-review"
 * @record_id: the record it comes from
 * @sentence: the deadline in words, with how it was computed
 *
 * One date a case must meet.
 */
typedef struct
{
  WmDay        day;
  WmDueStatus  status;
  const char  *key;
  gint64       record_id;
  char        *sentence;
} WmDeadline;

/**
 * WmResponseInput:
 * @as_of: the evaluation date
 * @reg: (nullable): the pupil's register at the school
 * @calendar: the sessions the school held, from imported registers
 * @future_calendar: (nullable): @calendar with the school weeks after it
 *   added, for periods that end in the future; %NULL to use @calendar
 * @future_generated: whether @future_calendar contains generated term dates
 *   rather than ones the officer entered
 * @assumed_days: (array length=n_assumed_days) (nullable): the stretches
 *   of @future_calendar filled from the generated pattern, in order
 * @n_assumed_days: the number of stretches in @assumed_days
 * @rules: the level and threshold rule values
 * @response_rules: the legal-step rule values
 * @holidays: the bank holidays, for the day a posted notice is received
 * @evaluation: the pupil's evaluation as of @as_of
 * @records: (element-type WmRecord): the pupil's finalised, undeleted
 *   records, restricted ones included, in any order
 * @contacts: (element-type WmContactDetails): the pupil's contacts
 * @previous_level: the level the pupil was at before the current one, or
 *   %WM_LEVEL_NULL when not known
 * @stale_letters: (element-type WmStaleLetter) (nullable): the pupil's
 *   letters whose figures a later import changed (see
 *   wm_store_list_stale_letters()), or %NULL for none
 * @letters: (element-type WmLetterInfo) (nullable): the letters made
 *   from the pupil's records (see wm_letters_generate()), or %NULL for
 *   none. A warning letter made to a parent counts as sent to that parent.
 * @pupil_id: the pupil, looked up in @roll_change
 * @leaving_date: the pupil's leaving date, or %WM_DAY_NONE
 * @roll_change: (nullable): the two newest roll exports of the pupil's
 *   school (see wm_store_load_roll_change()), or %NULL when not read
 *
 * Everything the graduated response of one pupil is computed from. The
 * computation reads no database, so every rule can be tested with values.
 */
typedef struct
{
  WmDay                   as_of;
  const WmRegister       *reg;
  const WmCalendar       *calendar;
  const WmCalendar       *future_calendar;
  gboolean                future_generated;
  const WmDayRange       *assumed_days;
  guint                   n_assumed_days;
  const WmRules          *rules;
  const WmResponseRules  *response_rules;
  const WmHolidays       *holidays;
  const WmEvaluation     *evaluation;
  GPtrArray              *records;
  GPtrArray              *contacts;
  gint                    previous_level;
  GPtrArray              *stale_letters;
  GPtrArray              *letters;
  gint64                  pupil_id;
  WmDay                   leaving_date;
  const WmRollChange     *roll_change;
} WmResponseInput;

/**
 * WmResponse:
 * @as_of: the evaluation date
 * @evaluation: the level and figures
 * @threshold: the penalty threshold as of @as_of
 * @threshold_met_on: the day the threshold was first met in its current
 *   run, or %WM_DAY_NONE
 * @routes: (element-type WmRoute): the routes the pupil is on,
 *   safeguarding first
 * @patterns: (element-type WmPattern): the attendance patterns found over
 *   the threshold period
 * @uncontacted_days: (element-type WmDay): absence days in that period
 *   with no first-day call recorded that day, oldest first
 * @uncontacted_sentence: (nullable): those days in words, or %NULL when
 *   there are none
 * @praise: whether the pupil moved down to Level 1 from a higher level
 * @checklist: (element-type WmChecklistItem): the interventions expected
 *   at the level
 * @steps: the readiness of each legal step, indexed by #WmLegalStep
 * @deadlines: (element-type WmDeadline): dates, oldest first
 * @notes: (element-type utf8): remarks on how the result was computed,
 *   such as generated term dates
 * @stale_letters: (element-type WmStaleLetter): the letters out of date,
 *   from @input->stale_letters; empty when none
 *
 * The graduated response of one pupil as of a date.
 */
typedef struct
{
  WmDay              as_of;
  WmEvaluation       evaluation;
  WmThresholdResult  threshold;
  WmDay              threshold_met_on;
  GPtrArray         *routes;
  GPtrArray         *patterns;
  GArray            *uncontacted_days;
  char              *uncontacted_sentence;
  gboolean           praise;
  GPtrArray         *checklist;
  WmStepReadiness    steps[WM_N_LEGAL_STEPS];
  GPtrArray         *deadlines;
  GPtrArray         *notes;
  GPtrArray         *stale_letters;
} WmResponse;

WmResponse *wm_response_compute        (const WmResponseInput *input);
void        wm_response_free           (WmResponse            *response);
gboolean    wm_response_has_route      (const WmResponse      *response,
                                        WmRouteKind            kind);
const char *wm_route_kind_to_string    (WmRouteKind            kind);
const char *wm_legal_step_to_string    (WmLegalStep            step);
const char *wm_due_status_to_string    (WmDueStatus            status);
const char *wm_pattern_kind_to_string  (WmPatternKind          kind);

void        wm_response_write_json_members (const WmResponse *response,
                                            WmJsonWriter     *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmResponse, wm_response_free)

G_END_DECLS
