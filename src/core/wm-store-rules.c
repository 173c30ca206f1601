/* wm-store-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-response-rules.h"

/*
 * Rule values. They decide legal outcomes and differ between local
 * authorities, so they live in the database rather than in a user's
 * settings: one row per key for every school (school_id NULL), and rows
 * for a school where it differs. Every change is audited with the old and
 * new value.
 */

const char * const _wm_store_rule_keys[] = {
  WM_RULE_LEVEL1_FLOOR,
  WM_RULE_LEVEL2_FLOOR,
  WM_RULE_LEVEL_WINDOW,
  WM_RULE_THRESHOLD_WINDOW,
  WM_RULE_THRESHOLD_SESSIONS,
  NULL,
};

/* Returns the value of @key in @rules, or 0 for an unknown key. */
guint
_wm_store_rule_get (const WmRules *rules,
                    const char    *key)
{
  if (g_str_equal (key, WM_RULE_LEVEL1_FLOOR))
    return rules->level1_floor_tenths;
  if (g_str_equal (key, WM_RULE_LEVEL2_FLOOR))
    return rules->level2_floor_tenths;
  if (g_str_equal (key, WM_RULE_LEVEL_WINDOW))
    return rules->level_window_weeks;
  if (g_str_equal (key, WM_RULE_THRESHOLD_WINDOW))
    return rules->threshold_window_weeks;
  if (g_str_equal (key, WM_RULE_THRESHOLD_SESSIONS))
    return rules->threshold_sessions;

  return 0;
}

/* The level rules as a #WmRuleKind. */

static void
level_init_defaults (gpointer rules)
{
  wm_rules_init_defaults (rules);
}

/* The legal-step rules share the table and are read by
 * wm_store_load_response_rules() instead. */
static gboolean
level_is_other_key (const char *key)
{
  WmResponseRules response_defaults;
  guint unused;

  wm_response_rules_init_defaults (&response_defaults);
  return wm_response_rules_get (&response_defaults, key, &unused);
}

static gboolean
level_get (gconstpointer  rules,
           const char    *key,
           guint         *out_value)
{
  *out_value = _wm_store_rule_get (rules, key);
  return TRUE;
}

static gboolean
level_set (gpointer     rules,
           const char  *key,
           gint64       value,
           GError     **error)
{
  return wm_rules_set (rules, key, value, error);
}

static gboolean
level_validate (gconstpointer   rules,
                GError        **error)
{
  return wm_rules_validate (rules, error);
}

const WmRuleKind _wm_level_rule_kind = {
  .name = N_("rule values"),
  .size = sizeof (WmRules),
  .init_defaults = level_init_defaults,
  .is_other_key = level_is_other_key,
  .get = level_get,
  .set = level_set,
  .validate = level_validate,
};

/* Reading and writing any kind */

static void
set_unusable_error (WmStore           *store,
                    const WmRuleKind  *kind,
                    gint64             school_id,
                    const char        *problem,
                    GError           **error)
{
  g_autofree char *school = g_strdup_printf ("%" G_GINT64_FORMAT, school_id);

  /* One whole sentence for each case, so that a translation need not
   * assemble it. The id is formatted first, because a translatable format
   * cannot hold G_GINT64_FORMAT. */
  if (school_id > 0)
    g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                 /* Translators: the first %s is "rule values" or "legal-step
                  * rule values", then the school's number, the database file
                  * and the problem. */
                 E_("The %s of school %s stored in %s cannot be used: %s. "
                    "Correct the rule, or restore a backup of the database"),
                 E_(kind->name), school, wm_store_get_path (store), problem);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
                 /* Translators: the first %s is "rule values" or "legal-step
                  * rule values", then the database file and the problem. */
                 E_("The %s for every school stored in %s cannot be used: %s. "
                    "Correct the rule, or restore a backup of the database"),
                 E_(kind->name), wm_store_get_path (store), problem);
}

/* Applies one stored row. A row of neither kind is an error, since
 * leaving it out could change a pupil's level or a legal step. */
static gboolean
apply_row (WmStore           *store,
           const WmRuleKind  *kind,
           gint64             school_id,
           sqlite3_stmt      *stmt,
           gpointer           rules,
           GError           **error)
{
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  g_autoptr(GError) local_error = NULL;

  if (kind->is_other_key (key)
      || kind->set (rules, key, sqlite3_column_int64 (stmt, 1), &local_error))
    return TRUE;

  set_unusable_error (store, kind, school_id, local_error->message, error);
  return FALSE;
}

/* The defaults overridden by the stored rows, without the check that
 * they fit together. */
static gboolean
read_rules (WmStore           *store,
            const WmRuleKind  *kind,
            gint64             school_id,
            gpointer           rules,
            GError           **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  kind->init_defaults (rules);

  /* The rows for every school come first, so a school's own rows win. */
  stmt = _wm_store_prepare (store,
    "SELECT key, value FROM rule_values "
    "WHERE school_id IS NULL OR school_id = ?1 "
    "ORDER BY school_id IS NOT NULL, id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("reading the rules"),
                               error))
        return FALSE;
      if (row && !apply_row (store, kind, school_id, stmt, rules, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _wm_store_load_rule_kind:
 * @store: a store
 * @kind: the kind of rules
 * @school_id: the school, or 0 for the values that apply to every school
 * @rules: (out caller-allocates): a struct of the kind's type
 * @error: return location for a #GError
 *
 * Reads the rules of @kind that apply to a school: the built-in
 * defaults, overridden by the values stored for every school, overridden
 * in turn by the school's own values, and checks that they fit together.
 *
 * Returns: %TRUE on success; %WM_ERROR_DATABASE when a stored value
 *   cannot be used
 */
gboolean
_wm_store_load_rule_kind (WmStore           *store,
                          const WmRuleKind  *kind,
                          gint64             school_id,
                          gpointer           rules,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!read_rules (store, kind, school_id, rules, error))
    return FALSE;

  if (kind->validate (rules, &local_error))
    return TRUE;

  set_unusable_error (store, kind, school_id, local_error->message, error);
  return FALSE;
}

/**
 * wm_store_load_rules:
 * @store: a store
 * @school_id: the school, or 0 for the values that apply to every school
 * @out_rules: (out caller-allocates): the rules
 * @error: return location for a #GError
 *
 * Reads the rules that apply to a school: the built-in defaults,
 * overridden by the values stored for every school, overridden in turn by
 * the school's own values.
 *
 * Returns: %TRUE on success; %WM_ERROR_DATABASE when a stored value
 *   cannot be used
 */
gboolean
wm_store_load_rules (WmStore  *store,
                     gint64    school_id,
                     WmRules  *out_rules,
                     GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_rules != NULL, FALSE);

  return _wm_store_load_rule_kind (store, &_wm_level_rule_kind, school_id,
                                   out_rules, error);
}

/* Reads the row of @key at exactly this level (school or every school). */
static gboolean
find_rule_row (WmStore     *store,
               gint64       school_id,
               const char  *key,
               gint64      *out_id,
               gint64      *out_value,
               GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT id, value FROM rule_values WHERE key = ?2 AND school_id IS ?1",
    error);
  if (stmt == NULL)
    return FALSE;

  _wm_store_bind_id (stmt, 1, school_id);
  _wm_store_bind_text (stmt, 2, key);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a rule"), error))
    return FALSE;

  *out_id = row ? sqlite3_column_int64 (stmt, 0) : 0;
  *out_value = row ? sqlite3_column_int64 (stmt, 1) : -1;
  return TRUE;
}

static gint64
write_rule_row (WmStore     *store,
                gint64       row_id,
                gint64       school_id,
                const char  *key,
                gint64       value,
                GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "INSERT INTO rule_values (id, school_id, key, value) "
    "VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (id) DO UPDATE SET value = excluded.value "
    "RETURNING id", error);
  if (stmt == NULL)
    return 0;

  _wm_store_bind_id (stmt, 1, row_id);
  _wm_store_bind_id (stmt, 2, school_id);
  _wm_store_bind_text (stmt, 3, key);
  sqlite3_bind_int64 (stmt, 4, value);
  if (!_wm_store_step_row (store, stmt, &row, N_("saving a rule"), error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
check_school (WmStore           *store,
              const WmRuleKind  *kind,
              gint64             school_id,
              const char        *key,
              gint64             value,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree gpointer rules = g_malloc0 (kind->size);
  g_autofree char *value_text = NULL;
  g_autofree char *school = NULL;

  if (!read_rules (store, kind, school_id, rules, error))
    return FALSE;

  if (kind->validate (rules, &local_error))
    return TRUE;

  value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  school = g_strdup_printf ("%" G_GINT64_FORMAT, school_id);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the rule's key as stored (English), its value,
                * the school's number and the conflict. */
               E_("Rule “%s” cannot be %s for every school, because school %s "
                  "has rules of its own that would then conflict: %s"),
               key, value_text, school, local_error->message);
  return FALSE;
}

/*
 * A value for every school can leave a school's own values inconsistent
 * (a new Level 2 floor above a school's Level 1 floor), so every school
 * with values of its own is checked again after the write.
 */
static gboolean
check_every_school (WmStore           *store,
                    const WmRuleKind  *kind,
                    const char        *key,
                    gint64             value,
                    GError           **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT DISTINCT school_id FROM rule_values WHERE school_id IS NOT NULL",
    error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      if (!_wm_store_step_row (store, stmt, &row, N_("checking the rules"),
                               error))
        return FALSE;
      if (row && !check_school (store, kind, sqlite3_column_int64 (stmt, 0),
                                key, value, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
audit_rule_change (WmStore     *store,
                   gint64       row_id,
                   gint64       school_id,
                   const char  *key,
                   guint        old_value,
                   gint64       value,
                   GError     **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *school = NULL;

  school = school_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, school_id)
                         : g_strdup ("all");
  detail = g_strdup_printf ("key=%s school=%s old=%u new=%" G_GINT64_FORMAT,
                            key, school, old_value, value);
  return _wm_store_audit_append (store, "set-rule", "rule", row_id, detail,
                                 error);
}

/**
 * _wm_store_set_rule_value:
 * @store: a store, inside a write transaction
 * @kind: the kind of rules @key belongs to
 * @school_id: the school, or 0 to set the value for every school
 * @key: a rule name of @kind
 * @value: the new value
 * @error: return location for a #GError
 *
 * Stores a rule value after checking it against the other rules in force
 * (and, for every school, against each school's own values), and writes
 * a "set-rule" audit entry with the old and the new value. Writing the
 * value already stored changes nothing and is not audited.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT for an unknown key or
 *   an unusable value
 */
gboolean
_wm_store_set_rule_value (WmStore           *store,
                          const WmRuleKind  *kind,
                          gint64             school_id,
                          const char        *key,
                          gint64             value,
                          GError           **error)
{
  g_autofree gpointer rules = g_malloc0 (kind->size);
  gint64 row_id = 0, stored = -1;
  guint old_value = 0;

  if (!_wm_store_load_rule_kind (store, kind, school_id, rules, error))
    return FALSE;

  kind->get (rules, key, &old_value);
  if (!kind->set (rules, key, value, error)
      || !kind->validate (rules, error)
      || !find_rule_row (store, school_id, key, &row_id, &stored, error))
    return FALSE;

  if (row_id != 0 && stored == value)
    return TRUE;

  row_id = write_rule_row (store, row_id, school_id, key, value, error);
  if (row_id == 0 || (school_id <= 0
                      && !check_every_school (store, kind, key, value, error)))
    return FALSE;

  return audit_rule_change (store, row_id, school_id, key, old_value, value,
                            error);
}

/**
 * wm_store_set_rule:
 * @store: a store
 * @school_id: the school, or 0 to set the value for every school
 * @key: a rule name, one of the `WM_RULE_*` keys
 * @value: the new value
 * @error: return location for a #GError
 *
 * Stores a rule value after checking it with wm_rules_set() and
 * wm_rules_validate() against the other rules in force, and writes an
 * audit entry with the old and the new value. A value for every school
 * is refused when it would leave any school's rules inconsistent.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT for an unknown key or
 *   an unusable value, in which case nothing is written
 */
gboolean
wm_store_set_rule (WmStore     *store,
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

  ok = _wm_store_set_rule_value (store, &_wm_level_rule_kind, school_id,
                                 key, value, error);
  return _wm_store_write_end (store, outer, ok, error);
}
