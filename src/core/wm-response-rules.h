/* wm-response-rules.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WmPeriodBasis:
 * @WM_PERIOD_BASIS_SCHOOL_WEEKS: count only weeks in which the school holds
 *   a session, so that a half term does not use up the period
 * @WM_PERIOD_BASIS_CALENDAR_WEEKS: count every Monday-to-Sunday week
 *
 * How an improvement period given in weeks is counted.
 */
typedef enum
{
  WM_PERIOD_BASIS_SCHOOL_WEEKS = 0,
  WM_PERIOD_BASIS_CALENDAR_WEEKS = 1,
} WmPeriodBasis;

/**
 * WmResponseRules:
 * @penalty_service_working_days: working days after posting on which a
 *   posted penalty notice counts as received (default 2); a notice handed
 *   over is received that day
 * @penalty_reduced_days: the days, beginning with the day of receipt, in
 *   which the reduced amount may be paid (default 21)
 * @penalty_full_days: the days, beginning with the day of receipt, in which
 *   the full amount may be paid (default 28)
 * @penalty_reduced_pounds: the reduced amount in pounds (default 80)
 * @penalty_full_pounds: the full amount in pounds (default 160)
 * @penalty_max_notices: the most penalty notices one parent may receive
 *   for one child within @penalty_limit_years (default 2)
 * @penalty_limit_years: the rolling period of the notice limit, in years
 *   (default 3)
 * @improvement_min_weeks: the shortest Notice to Improve period (default 3)
 * @improvement_max_weeks: the longest Notice to Improve period (default 6)
 * @improvement_basis: how the Notice to Improve period is counted, a
 *   #WmPeriodBasis (default school weeks)
 * @leave_refused_sessions: the unauthorised sessions inside a refused leave
 *   request that make a case for a penalty notice (default 10)
 * @missing_education_days: consecutive school days of unauthorised absence
 *   after which the school must notify the local authority (default 10)
 * @n_code_school_days: school days within which an `N` code must be
 *   replaced by the code for the real reason (default 5)
 * @contact_check_months: how recently, in months, each parent's address
 *   must have been checked with the family before a legal step addressed
 *   to that parent (default 6)
 *
 * The rule values of the graduated response's legal steps, beside the
 * level and threshold values of #WmRules. Like those, they change legal
 * outcomes and some differ between local authorities, so they belong in the
 * database per school and their changes are audited.
 *
 * The penalty amounts, periods and limit are those of the national penalty
 * notice framework in force from August 2024. The 10 sessions of the
 * leave-refused route and the 3-to-6-week Notice to Improve come from the
 * local authority's graduated response toolkit. A school must notify the
 * local authority of 10 consecutive school days of absence without
 * permission, and must replace an `N` within 5 school days. Legal steps
 * address each parent separately at a current address, and local
 * authorities' checklists ask for details checked recently; 6 months is a
 * local choice.
 *
 * NOTE: these defaults were restated from guidance summaries, not checked
 * against the regulations' text. When a posted notice counts as received
 * is set locally, so the service rule's default of 2 working days must be
 * checked against the local authority's code of conduct.
 */
typedef struct
{
  guint penalty_service_working_days;
  guint penalty_reduced_days;
  guint penalty_full_days;
  guint penalty_reduced_pounds;
  guint penalty_full_pounds;
  guint penalty_max_notices;
  guint penalty_limit_years;
  guint improvement_min_weeks;
  guint improvement_max_weeks;
  guint improvement_basis;
  guint leave_refused_sessions;
  guint missing_education_days;
  guint n_code_school_days;
  guint contact_check_months;
} WmResponseRules;

#define WM_RULE_PENALTY_SERVICE_DAYS "penalty-service-working-days"
#define WM_RULE_PENALTY_REDUCED_DAYS "penalty-reduced-days"
#define WM_RULE_PENALTY_FULL_DAYS "penalty-full-days"
#define WM_RULE_PENALTY_REDUCED_POUNDS "penalty-reduced-pounds"
#define WM_RULE_PENALTY_FULL_POUNDS "penalty-full-pounds"
#define WM_RULE_PENALTY_MAX_NOTICES "penalty-max-notices"
#define WM_RULE_PENALTY_LIMIT_YEARS "penalty-limit-years"
#define WM_RULE_IMPROVEMENT_MIN_WEEKS "improvement-min-weeks"
#define WM_RULE_IMPROVEMENT_MAX_WEEKS "improvement-max-weeks"
#define WM_RULE_IMPROVEMENT_BASIS "improvement-basis"
#define WM_RULE_LEAVE_REFUSED_SESSIONS "leave-refused-sessions"
#define WM_RULE_MISSING_EDUCATION_DAYS "missing-education-days"
#define WM_RULE_N_CODE_SCHOOL_DAYS "n-code-school-days"
#define WM_RULE_CONTACT_CHECK_MONTHS "contact-check-months"

void         wm_response_rules_init_defaults (WmResponseRules       *rules);
gboolean     wm_response_rules_set           (WmResponseRules       *rules,
                                              const char            *key,
                                              gint64                 value,
                                              GError               **error);
gboolean     wm_response_rules_validate      (const WmResponseRules *rules,
                                              GError               **error);
gboolean     wm_response_rules_get           (const WmResponseRules *rules,
                                              const char            *key,
                                              guint                 *out_value);
const char * const *wm_response_rules_keys   (void);

G_END_DECLS
