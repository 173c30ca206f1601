/* wm-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-rules.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The maximum number of sessions a school can hold in 52 weeks (two a day,
 * five days a week). A threshold above it could never be met, so it is
 * rejected as a mistake rather than stored.
 */
#define MAX_THRESHOLD_SESSIONS (52 * 5 * 2)

typedef struct
{
  const char *key;
  gsize       offset;
  guint       min;
  guint       max;
  const char *unit;
} RuleSpec;

/*
 * The range of each rule. Floors are tenths of a percent, so 1000 is 100%.
 * The windows are counted in school weeks and are capped at 52 weeks,
 * one calendar year of data. The units are marked with N_() and translated
 * where an error shows them.
 */
static const RuleSpec rule_specs[] = {
  { WM_RULE_LEVEL1_FLOOR, G_STRUCT_OFFSET (WmRules, level1_floor_tenths),
    1, 1000, N_("tenths of a percent") },
  { WM_RULE_LEVEL2_FLOOR, G_STRUCT_OFFSET (WmRules, level2_floor_tenths),
    1, 1000, N_("tenths of a percent") },
  { WM_RULE_LEVEL_WINDOW, G_STRUCT_OFFSET (WmRules, level_window_weeks),
    1, 52, N_("school weeks") },
  { WM_RULE_THRESHOLD_WINDOW,
    G_STRUCT_OFFSET (WmRules, threshold_window_weeks), 1, 52,
    N_("school weeks") },
  { WM_RULE_THRESHOLD_SESSIONS, G_STRUCT_OFFSET (WmRules, threshold_sessions),
    1, MAX_THRESHOLD_SESSIONS, N_("sessions") },
};

static const RuleSpec *
find_rule_spec (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    if (strcmp (rule_specs[i].key, key) == 0)
      return &rule_specs[i];

  return NULL;
}

static guint *
rule_field (WmRules        *rules,
            const RuleSpec *spec)
{
  return G_STRUCT_MEMBER_P (rules, spec->offset);
}

static guint
rule_value (const WmRules  *rules,
            const RuleSpec *spec)
{
  return G_STRUCT_MEMBER (guint, rules, spec->offset);
}

static gboolean
check_range (const RuleSpec  *spec,
             gint64           value,
             GError         **error)
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

/**
 * wm_rules_init_defaults:
 * @rules: (out caller-allocates): the rules to fill
 *
 * Fills @rules with the defaults of the local authority toolkit and the
 * national penalty framework. Level 1 starts at 90.0% and Level 2 at 80.0%,
 * both bounds inclusive. The level window is 4 school weeks, and the
 * penalty threshold is 10 unauthorised sessions within 10 school weeks.
 */
void
wm_rules_init_defaults (WmRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->level1_floor_tenths = 900;
  rules->level2_floor_tenths = 800;
  rules->level_window_weeks = 4;
  rules->threshold_window_weeks = 10;
  rules->threshold_sessions = 10;
}

/**
 * wm_rules_set:
 * @rules: the rules to change
 * @key: a rule name, one of the `WM_RULE_*` keys
 * @value: the new value
 * @error: return location for a #GError
 *
 * Sets one rule by its key. The value must lie in the rule's own range:
 * floors from 1 to 1000 tenths of a percent, windows from 1 to 52 school
 * weeks, and threshold sessions from 1 to 520 (every session of 52 weeks).
 * Rules that depend on each other, such as Level 1's floor lying above
 * Level 2's, are checked by wm_rules_validate() once every key is set,
 * so that the keys can be set in any order.
 *
 * Returns: %TRUE on success; on failure @rules is unchanged and @error is
 *   %WM_ERROR_INVALID_INPUT, for an unknown key or a value out of range
 */
gboolean
wm_rules_set (WmRules     *rules,
              const char  *key,
              gint64       value,
              GError     **error)
{
  const RuleSpec *spec;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  spec = find_rule_spec (key);
  if (spec == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: the first %s is the key given and the rest
                    * are the known rule keys, kept in English. */
                   E_("Unknown rule “%s”: use one of %s, %s, %s, %s or %s"),
                   key, WM_RULE_LEVEL1_FLOOR, WM_RULE_LEVEL2_FLOOR,
                   WM_RULE_LEVEL_WINDOW, WM_RULE_THRESHOLD_WINDOW,
                   WM_RULE_THRESHOLD_SESSIONS);
      return FALSE;
    }

  if (!check_range (spec, value, error))
    return FALSE;

  *rule_field (rules, spec) = (guint) value;
  return TRUE;
}

/**
 * wm_rules_validate:
 * @rules: the rules to check
 * @error: return location for a #GError
 *
 * Checks a complete set of rules: every value in its range (see
 * wm_rules_set()), and Level 1's floor strictly above Level 2's, because
 * otherwise no attendance could fall in Level 2.
 *
 * Returns: %TRUE when the rules can be used; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT naming the first rule at fault
 */
gboolean
wm_rules_validate (const WmRules  *rules,
                   GError        **error)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    if (!check_range (&rule_specs[i], rule_value (rules, &rule_specs[i]),
                      error))
      return FALSE;

  if (rules->level1_floor_tenths <= rules->level2_floor_tenths)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: each %s is a rule key, kept in English,
                    * and each %u its value in tenths of a percent. */
                   E_("Rule “%s” (%u) must be above rule “%s” (%u), because "
                      "Level 1 starts at a higher attendance than Level 2"),
                   WM_RULE_LEVEL1_FLOOR, rules->level1_floor_tenths,
                   WM_RULE_LEVEL2_FLOOR, rules->level2_floor_tenths);
      return FALSE;
    }

  return TRUE;
}
