/* wm-store-response-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-response-rules.h"

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-store-private.h"

/*
 * The rule values of the legal steps (#WmResponseRules) share the
 * rule_values table with the level rules (#WmRules): one row per key for
 * every school (school_id NULL) and rows for a school where it differs.
 * Each reader skips the other's keys. Every change is audited as
 * "set-rule" with the old and the new value, like a level rule's.
 */

static gboolean
is_level_rule (const char *key)
{
  for (guint i = 0; _wm_store_rule_keys[i] != NULL; i++)
    if (g_str_equal (_wm_store_rule_keys[i], key))
      return TRUE;

  return FALSE;
}

static void
response_init_defaults (gpointer rules)
{
  wm_response_rules_init_defaults (rules);
}

static gboolean
response_get (gconstpointer  rules,
              const char    *key,
              guint         *out_value)
{
  return wm_response_rules_get (rules, key, out_value);
}

static gboolean
response_set (gpointer     rules,
              const char  *key,
              gint64       value,
              GError     **error)
{
  return wm_response_rules_set (rules, key, value, error);
}

static gboolean
response_validate (gconstpointer   rules,
                   GError        **error)
{
  return wm_response_rules_validate (rules, error);
}

static const WmRuleKind response_rule_kind = {
  .name = N_("legal-step rule values"),
  .size = sizeof (WmResponseRules),
  .init_defaults = response_init_defaults,
  .is_other_key = is_level_rule,
  .get = response_get,
  .set = response_set,
  .validate = response_validate,
};

/**
 * wm_store_load_response_rules:
 * @store: a store
 * @school_id: the school, or 0 for the values that apply to every school
 * @out_rules: (out caller-allocates): the rules
 * @error: return location for a #GError
 *
 * Reads the legal-step rules that apply to a school: the built-in
 * defaults of wm_response_rules_init_defaults(), overridden by the values
 * stored for every school, overridden in turn by the school's own values.
 *
 * Returns: %TRUE on success; %WM_ERROR_DATABASE when a stored value
 *   cannot be used
 */
gboolean
wm_store_load_response_rules (WmStore          *store,
                              gint64            school_id,
                              WmResponseRules  *out_rules,
                              GError          **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_rules != NULL, FALSE);

  return _wm_store_load_rule_kind (store, &response_rule_kind, school_id,
                                   out_rules, error);
}

/**
 * wm_store_set_response_rule:
 * @store: a store
 * @school_id: the school, or 0 to set the value for every school
 * @key: a legal-step rule name, one of the keys of wm_response_rules_keys()
 * @value: the new value
 * @error: return location for a #GError
 *
 * Stores a legal-step rule value after checking it with
 * wm_response_rules_set() and wm_response_rules_validate() against the
 * other rules in force, and writes a "set-rule" audit entry with the old
 * and the new value. A value for every school is refused when it would
 * leave any school's rules inconsistent. Writing the value already stored
 * changes nothing and is not audited.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT for an unknown key or
 *   an unusable value, in which case nothing is written
 */
gboolean
wm_store_set_response_rule (WmStore     *store,
                            gint64       school_id,
                            const char  *key,
                            gint64       value,
                            GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = _wm_store_set_rule_value (store, &response_rule_kind, school_id,
                                 key, value, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_store_set_any_rule:
 * @store: a store
 * @school_id: the school, or 0 to set the value for every school
 * @key: a level rule (`WM_RULE_LEVEL1_FLOOR` and the others of #WmRules)
 *   or a legal-step rule (#WmResponseRules)
 * @value: the new value
 * @error: return location for a #GError
 *
 * Stores a rule value of either kind, with the checks and the audit entry
 * of wm_store_set_rule() or wm_store_set_response_rule(), so that a
 * settings form can save every rule the same way.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT for an unknown key or
 *   an unusable value, in which case nothing is written
 */
gboolean
wm_store_set_any_rule (WmStore     *store,
                       gint64       school_id,
                       const char  *key,
                       gint64       value,
                       GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (is_level_rule (key))
    return wm_store_set_rule (store, school_id, key, value, error);

  return wm_store_set_response_rule (store, school_id, key, value, error);
}

void
wm_school_info_free (WmSchoolInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->estab);
  g_free (info->name);
  g_free (info);
}

/**
 * wm_store_list_schools:
 * @store: a store
 * @error: return location for a #GError
 *
 * Lists the schools of the database by name, for choosing the school whose
 * own rule values are shown.
 *
 * Returns: (transfer full) (element-type WmSchoolInfo): the schools, or
 *   %NULL with @error set
 */
GPtrArray *
wm_store_list_schools (WmStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) schools = NULL;
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  stmt = _wm_store_prepare (store,
    "SELECT id, estab, name FROM schools ORDER BY name, estab, id", error);
  if (stmt == NULL)
    return NULL;

  schools = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_school_info_free);
  while (row)
    {
      WmSchoolInfo *info;

      if (!_wm_store_step_row (store, stmt, &row, N_("listing the schools"),
                               error))
        return NULL;
      if (!row)
        break;

      info = g_new0 (WmSchoolInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->estab = _wm_store_column_dup (stmt, 1);
      info->name = _wm_store_column_dup (stmt, 2);
      g_ptr_array_add (schools, info);
    }

  return g_steal_pointer (&schools);
}

/**
 * wm_store_mark_all_dirty:
 * @store: a store
 * @error: return location for a #GError
 *
 * Marks every pupil for evaluation, as after a rule change, which can
 * move any pupil to another level or route.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_mark_all_dirty (WmStore  *store,
                         GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  return _wm_store_exec (store,
                         "INSERT OR IGNORE INTO dirty_pupils (pupil_id) "
                         "SELECT id FROM pupils",
                         N_("marking every pupil for evaluation"), error);
}
