/* wm-response-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-rules.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

typedef struct
{
  const char *key;
  gsize       offset;
  guint       min;
  guint       max;
  const char *unit;
} ResponseRuleSpec;

/*
 * The range of each rule. A service rule above 10 working days, a payment
 * period above a year or an improvement period above a term (13 weeks) is
 * taken to be a typing mistake rather than a local rule. The units are
 * marked with N_() and translated where an error shows them.
 */
static const ResponseRuleSpec rule_specs[] = {
  { WM_RULE_PENALTY_SERVICE_DAYS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_service_working_days), 0, 10,
    N_("working days") },
  { WM_RULE_PENALTY_REDUCED_DAYS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_reduced_days), 1, 365,
    N_("days") },
  { WM_RULE_PENALTY_FULL_DAYS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_full_days), 1, 365,
    N_("days") },
  { WM_RULE_PENALTY_REDUCED_POUNDS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_reduced_pounds), 1, 10000,
    N_("pounds") },
  { WM_RULE_PENALTY_FULL_POUNDS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_full_pounds), 1, 10000,
    N_("pounds") },
  { WM_RULE_PENALTY_MAX_NOTICES,
    G_STRUCT_OFFSET (WmResponseRules, penalty_max_notices), 1, 10,
    N_("notices") },
  { WM_RULE_PENALTY_LIMIT_YEARS,
    G_STRUCT_OFFSET (WmResponseRules, penalty_limit_years), 1, 10,
    N_("years") },
  { WM_RULE_IMPROVEMENT_MIN_WEEKS,
    G_STRUCT_OFFSET (WmResponseRules, improvement_min_weeks), 1, 13,
    N_("weeks") },
  { WM_RULE_IMPROVEMENT_MAX_WEEKS,
    G_STRUCT_OFFSET (WmResponseRules, improvement_max_weeks), 1, 13,
    N_("weeks") },
  { WM_RULE_IMPROVEMENT_BASIS,
    G_STRUCT_OFFSET (WmResponseRules, improvement_basis), 0, 1,
    /* Translators: the unit of a rule whose value is 0 or 1. */
    N_("0 for school weeks, 1 for calendar weeks") },
  { WM_RULE_LEAVE_REFUSED_SESSIONS,
    G_STRUCT_OFFSET (WmResponseRules, leave_refused_sessions), 1, 520,
    N_("sessions") },
  { WM_RULE_MISSING_EDUCATION_DAYS,
    G_STRUCT_OFFSET (WmResponseRules, missing_education_days), 1, 260,
    N_("school days") },
  { WM_RULE_N_CODE_SCHOOL_DAYS,
    G_STRUCT_OFFSET (WmResponseRules, n_code_school_days), 1, 260,
    N_("school days") },
  { WM_RULE_CONTACT_CHECK_MONTHS,
    G_STRUCT_OFFSET (WmResponseRules, contact_check_months), 1, 60,
    N_("months") },
};

static const char * const rule_keys[] = {
  WM_RULE_PENALTY_SERVICE_DAYS,
  WM_RULE_PENALTY_REDUCED_DAYS,
  WM_RULE_PENALTY_FULL_DAYS,
  WM_RULE_PENALTY_REDUCED_POUNDS,
  WM_RULE_PENALTY_FULL_POUNDS,
  WM_RULE_PENALTY_MAX_NOTICES,
  WM_RULE_PENALTY_LIMIT_YEARS,
  WM_RULE_IMPROVEMENT_MIN_WEEKS,
  WM_RULE_IMPROVEMENT_MAX_WEEKS,
  WM_RULE_IMPROVEMENT_BASIS,
  WM_RULE_LEAVE_REFUSED_SESSIONS,
  WM_RULE_MISSING_EDUCATION_DAYS,
  WM_RULE_N_CODE_SCHOOL_DAYS,
  WM_RULE_CONTACT_CHECK_MONTHS,
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rule_keys) == G_N_ELEMENTS (rule_specs) + 1);

static const ResponseRuleSpec *
find_rule_spec (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    if (strcmp (rule_specs[i].key, key) == 0)
      return &rule_specs[i];

  return NULL;
}

static guint
rule_value (const WmResponseRules  *rules,
            const ResponseRuleSpec *spec)
{
  return G_STRUCT_MEMBER (guint, rules, spec->offset);
}

static gboolean
check_range (const ResponseRuleSpec  *spec,
             gint64                   value,
             GError                 **error)
{
  g_autofree char *value_text = NULL;

  if (value >= spec->min && value <= spec->max)
    return TRUE;

  /* A gettext message cannot hold G_GINT64_FORMAT, so the value is
   * written out first. */
  value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the first %s is a rule key, kept in English,
                * and the second the value. The last %s is a unit, such as
                * "school weeks". */
               E_("Rule “%s” is %s, which is out of range: use a value from "
                  "%u to %u (%s)"),
               spec->key, value_text, spec->min, spec->max, E_(spec->unit));
  return FALSE;
}

/* Checks that @low_key's value is at most @high_key's. */
static gboolean
check_order (const char  *low_key,
             guint        low,
             const char  *high_key,
             guint        high,
             const char  *reason,
             GError     **error)
{
  if (low <= high)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: each %s before a %u is a rule key, kept in
                * English. The last %s is a reason, such as "paying early
                * must not cost more". */
               E_("Rule “%s” (%u) must not be above rule “%s” (%u), because "
                  "%s"),
               low_key, low, high_key, high, reason);
  return FALSE;
}

/**
 * wm_response_rules_init_defaults:
 * @rules: (out caller-allocates): the rules to fill
 *
 * Fills @rules with the defaults. A posted penalty notice is received on
 * the second working day after posting. It costs 80 pounds within 21 days
 * or 160 within 28 days of receipt, and a parent may receive at most 2 for
 * a child in 3 years. A Notice to Improve period lasts 3 to 6 school
 * weeks. The leave-refused route needs 10 sessions, a child is missing
 * education after 10 school days, and an `N` must be replaced within
 * 5 school days. Each parent's address must have been checked within
 * 6 months before a legal step.
 */
void
wm_response_rules_init_defaults (WmResponseRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->penalty_service_working_days = 2;
  rules->penalty_reduced_days = 21;
  rules->penalty_full_days = 28;
  rules->penalty_reduced_pounds = 80;
  rules->penalty_full_pounds = 160;
  rules->penalty_max_notices = 2;
  rules->penalty_limit_years = 3;
  rules->improvement_min_weeks = 3;
  rules->improvement_max_weeks = 6;
  rules->improvement_basis = WM_PERIOD_BASIS_SCHOOL_WEEKS;
  rules->leave_refused_sessions = 10;
  rules->missing_education_days = 10;
  rules->n_code_school_days = 5;
  rules->contact_check_months = 6;
}

/**
 * wm_response_rules_set:
 * @rules: the rules to change
 * @key: a rule name, one of the keys wm_response_rules_keys() returns
 * @value: the new value
 * @error: return location for a #GError
 *
 * Sets one rule by its key, after checking the value against the rule's
 * own range. Rules that depend on each other are checked by
 * wm_response_rules_validate() once every key is set, so that keys can be
 * set in any order.
 *
 * Returns: %TRUE on success; on failure @rules is unchanged and @error is
 *   %WM_ERROR_INVALID_INPUT, for an unknown key or a value out of range
 */
gboolean
wm_response_rules_set (WmResponseRules  *rules,
                       const char       *key,
                       gint64            value,
                       GError          **error)
{
  const ResponseRuleSpec *spec;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  spec = find_rule_spec (key);
  if (spec == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) rule_keys);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: the first %s is the key given and the rest
                    * are the known rule keys, kept in English. */
                   E_("Unknown rule “%s”: use one of %s"), key, known);
      return FALSE;
    }

  if (!check_range (spec, value, error))
    return FALSE;

  G_STRUCT_MEMBER (guint, rules, spec->offset) = (guint) value;
  return TRUE;
}

/**
 * wm_response_rules_validate:
 * @rules: the rules to check
 * @error: return location for a #GError
 *
 * Checks a complete set of rules: every value in its range, the reduced
 * period no longer than the full one, the reduced amount no more than the
 * full one, and the shortest improvement period no longer than the longest.
 *
 * Returns: %TRUE when the rules can be used; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT naming the first rule at fault
 */
gboolean
wm_response_rules_validate (const WmResponseRules  *rules,
                            GError                **error)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    if (!check_range (&rule_specs[i], rule_value (rules, &rule_specs[i]),
                      error))
      return FALSE;

  return check_order (WM_RULE_PENALTY_REDUCED_DAYS,
                      rules->penalty_reduced_days, WM_RULE_PENALTY_FULL_DAYS,
                      rules->penalty_full_days,
                      _("the reduced amount is paid early"), error)
         && check_order (WM_RULE_PENALTY_REDUCED_POUNDS,
                         rules->penalty_reduced_pounds,
                         WM_RULE_PENALTY_FULL_POUNDS,
                         rules->penalty_full_pounds,
                         _("paying early must not cost more"), error)
         && check_order (WM_RULE_IMPROVEMENT_MIN_WEEKS,
                         rules->improvement_min_weeks,
                         WM_RULE_IMPROVEMENT_MAX_WEEKS,
                         rules->improvement_max_weeks,
                         _("the shortest period cannot be longer than the "
                           "longest"), error);
}

/**
 * wm_response_rules_get:
 * @rules: the rules
 * @key: a rule name, one of the keys wm_response_rules_keys() returns
 * @out_value: (out): the rule's value
 *
 * Reads one rule by its key.
 *
 * Returns: %TRUE when @key names a rule
 */
gboolean
wm_response_rules_get (const WmResponseRules *rules,
                       const char            *key,
                       guint                 *out_value)
{
  const ResponseRuleSpec *spec;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  spec = find_rule_spec (key);
  if (spec == NULL)
    return FALSE;

  *out_value = rule_value (rules, spec);
  return TRUE;
}

/**
 * wm_response_rules_keys:
 *
 * Lists the keys of every rule, so that a store can write the defaults
 * into a new database and read them back.
 *
 * Returns: (array zero-terminated=1) (transfer none): the keys
 */
const char * const *
wm_response_rules_keys (void)
{
  return rule_keys;
}
