/* wm-retention.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-retention.h"

#include <string.h>

#include "wm-codes.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-store-private.h"

/*
 * Retention: how long each class of data is kept, which items are past
 * their period, and deleting one reviewed item.
 *
 * The periods are rule values in the `retention_periods` table (schema
 * version 3, where the defaults and their sources are written down).
 * Nothing is ever deleted by the passing of time: wm_retention_review()
 * only lists, and an officer deletes one item at a time with a reason.
 * A pupil under legal hold keeps everything until the hold is lifted.
 *
 * Items are the units that can be deleted whole: one register year of a
 * pupil at a school, one record with all its revisions, links and its
 * search entry, or one case with its history once its records are gone.
 * A register year is due when its last entry is past the period, so that
 * no entry is deleted before its own 6 years have run.
 */

static const char * const class_names[] = {
  [WM_RETENTION_REGISTER_MARKS] = "register-marks",
  [WM_RETENTION_CASE_RECORDS] = "case-records",
  [WM_RETENTION_HEALTH] = "health",
  [WM_RETENTION_SAFEGUARDING] = "safeguarding",
  [WM_RETENTION_LETTERS] = "letters",
};

G_STATIC_ASSERT (G_N_ELEMENTS (class_names) == WM_RETENTION_N_CLASSES);

/* The id is formatted first: a translatable format cannot hold
 * G_GINT64_FORMAT, which the string extractor does not expand. */
static void
set_no_pupil_error (WmStore  *store,
                    gint64    pupil_id,
                    GError  **error)
{
  g_autofree char *pupil = g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);

  g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
               E_("There is no pupil %s in %s"), pupil,
               wm_store_get_path (store));
}

/* What the review needs of each class: its period and what it is counted
 * from. */
typedef struct
{
  guint years;
  char  basis[16];
} Period;

/**
 * wm_retention_class_to_string:
 * @klass: a class
 *
 * Returns: the class's name as stored, such as "health"
 */
const char *
wm_retention_class_to_string (WmRetentionClass klass)
{
  g_return_val_if_fail (klass < WM_RETENTION_N_CLASSES, "");

  return class_names[klass];
}

/**
 * wm_retention_class_from_string:
 * @name: a class name, such as "health"
 * @out: (out): the class
 *
 * Returns: whether @name is a class
 */
gboolean
wm_retention_class_from_string (const char       *name,
                                WmRetentionClass *out)
{
  for (guint i = 0; i < WM_RETENTION_N_CLASSES; i++)
    if (g_strcmp0 (name, class_names[i]) == 0)
      {
        *out = (WmRetentionClass) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * wm_retention_class_for_kind:
 * @kind: (nullable): a record kind
 *
 * Safeguarding records, health records and the letters that warn a
 * parent of legal action each have a class of their own. Every other kind
 * is a case record.
 *
 * Returns: the class records of @kind are kept under
 */
WmRetentionClass
wm_retention_class_for_kind (const WmRecordKind *kind)
{
  if (kind == NULL)
    return WM_RETENTION_CASE_RECORDS;
  if ((kind->flags & WM_RECORD_FLAG_RESTRICTED) != 0)
    return WM_RETENTION_SAFEGUARDING;
  if ((kind->flags & WM_RECORD_FLAG_HEALTH) != 0)
    return WM_RETENTION_HEALTH;
  if (strcmp (kind->name, "warning-letter") == 0
      || strcmp (kind->name, "notice-to-improve") == 0)
    return WM_RETENTION_LETTERS;
  return WM_RETENTION_CASE_RECORDS;
}

/**
 * wm_retention_add_years:
 * @day: a day
 * @years: a number of years
 *
 * The same calendar date @years later. 29 February becomes 1 March in a
 * year with no 29 February, so that a period never ends early.
 *
 * Returns: the day
 */
WmDay
wm_retention_add_years (WmDay day,
                        guint years)
{
  guint year = wm_day_year (day) + years;
  guint month = wm_day_month (day);
  guint dom = wm_day_of_month (day);

  if (month == 2 && dom == 29 && !g_date_is_leap_year (year))
    return wm_day_from_ymd (year, 3, 1);

  return wm_day_from_ymd (year, month, dom);
}

static gboolean
load_periods (WmStore  *store,
              Period    periods[WM_RETENTION_N_CLASSES],
              GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  memset (periods, 0, sizeof (Period) * WM_RETENTION_N_CLASSES);
  stmt = _wm_store_prepare (store,
    "SELECT record_class, years, basis FROM retention_periods", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      WmRetentionClass klass;

      if (!_wm_store_step_row (store, stmt, &row,
                               N_("reading the retention periods"), error))
        return FALSE;
      if (row && wm_retention_class_from_string ((const char *)
                 sqlite3_column_text (stmt, 0), &klass))
        {
          periods[klass].years = (guint) sqlite3_column_int64 (stmt, 1);
          g_strlcpy (periods[klass].basis, (const char *)
                     sqlite3_column_text (stmt, 2), sizeof periods[0].basis);
        }
    }

  return TRUE;
}

/**
 * wm_retention_get_period:
 * @store: a store
 * @klass: a class
 * @out_years: (out): its period in years
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wm_retention_get_period (WmStore           *store,
                         WmRetentionClass   klass,
                         guint             *out_years,
                         GError           **error)
{
  Period periods[WM_RETENTION_N_CLASSES];

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (klass < WM_RETENTION_N_CLASSES, FALSE);

  if (!load_periods (store, periods, error))
    return FALSE;

  *out_years = periods[klass].years;
  return TRUE;
}

static gboolean
update_period (WmStore           *store,
               WmRetentionClass   klass,
               guint              years,
               GError           **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *detail = NULL;
  guint old_years = 0;

  if (!wm_retention_get_period (store, klass, &old_years, error))
    return FALSE;

  stmt = _wm_store_prepare (store,
    "UPDATE retention_periods SET years = ?2 WHERE record_class = ?1", error);
  if (stmt == NULL)
    return FALSE;

  _wm_store_bind_text (stmt, 1, class_names[klass]);
  sqlite3_bind_int64 (stmt, 2, years);
  detail = g_strdup_printf ("class=%s years=%u was=%u", class_names[klass],
                            years, old_years);
  return _wm_store_step_done (store, stmt, N_("changing a retention period"),
                              error)
         && _wm_store_audit_append (store, "set-retention", "retention", 0,
                                    detail, error);
}

/**
 * wm_retention_set_period:
 * @store: a store
 * @klass: a class other than %WM_RETENTION_REGISTER_MARKS
 * @years: the new period, 1 to 100 years
 * @error: return location for a #GError
 *
 * Sets the local retention period of a class, audited as "set-retention"
 * with the old and new values. The register's period is fixed by law and
 * cannot be changed.
 *
 * Returns: %TRUE on success; %WM_ERROR_INVALID_INPUT for the register or
 *   a period out of range
 */
gboolean
wm_retention_set_period (WmStore           *store,
                         WmRetentionClass   klass,
                         guint              years,
                         GError           **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (klass < WM_RETENTION_N_CLASSES, FALSE);

  if (klass == WM_RETENTION_REGISTER_MARKS || years < 1 || years > 100)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   klass == WM_RETENTION_REGISTER_MARKS
                   ? E_("Retention of register marks: registers are kept 6 "
                        "years from each entry by law; this period cannot be "
                        "changed")
                   /* Translators: %s is the class's key, such as
                    * "case-records", which stays as it is. */
                   : E_("Retention of %s: give a period from 1 to 100 years"),
                   class_names[klass]);
      return FALSE;
    }

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = update_period (store, klass, years, error);
  return _wm_store_write_end (store, outer, ok, error);
}

static gboolean
write_legal_hold (WmStore   *store,
                  gint64     pupil_id,
                  gboolean   hold,
                  GError   **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *detail = g_strdup_printf ("hold=%d", hold ? 1 : 0);

  stmt = _wm_store_prepare (store,
    "UPDATE pupils SET legal_hold = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, hold ? 1 : 0);
  if (!_wm_store_step_done (store, stmt, N_("setting a legal hold"), error))
    return FALSE;

  if (sqlite3_changes (wm_store_get_db (store)) == 0)
    {
      set_no_pupil_error (store, pupil_id, error);
      return FALSE;
    }

  return _wm_store_audit_append (store, "legal-hold", "pupil", pupil_id,
                                 detail, error);
}

/**
 * wm_retention_set_legal_hold:
 * @store: a store
 * @pupil_id: a pupil
 * @hold: whether to set the hold or lift it
 * @error: return location for a #GError
 *
 * Sets or lifts the legal hold on everything held about a pupil, audited
 * as "legal-hold". While it is set, wm_store_retention_delete() refuses to
 * delete any of the pupil's items.
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when there is no such
 *   pupil
 */
gboolean
wm_retention_set_legal_hold (WmStore   *store,
                             gint64     pupil_id,
                             gboolean   hold,
                             GError   **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = write_legal_hold (store, pupil_id, hold, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/**
 * wm_retention_get_legal_hold:
 * @store: a store
 * @pupil_id: a pupil
 * @out_hold: (out): whether the pupil is under legal hold
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %WM_ERROR_NOT_FOUND when there is no such
 *   pupil
 */
gboolean
wm_retention_get_legal_hold (WmStore   *store,
                             gint64     pupil_id,
                             gboolean  *out_hold,
                             GError   **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  stmt = _wm_store_prepare (store,
    "SELECT legal_hold FROM pupils WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a legal hold"),
                           error))
    return FALSE;

  if (!row)
    {
      set_no_pupil_error (store, pupil_id, error);
      return FALSE;
    }

  *out_hold = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* The day of the last session with an entry in a register year, or
 * WM_DAY_NONE when the year has none. */
static WmDay
last_entry (const guint8 *codes,
            guint         n_slots,
            guint         year)
{
  for (guint s = n_slots; s > 0; s--)
    if (codes[s - 1] != WM_MARK_NONE)
      return wm_day_from_ymd (year, 9, 1) + (s - 1) / 2;

  return WM_DAY_NONE;
}

static void
add_item (GPtrArray        *items,
          const WmRetentionItem *item)
{
  g_ptr_array_add (items, g_memdup2 (item, sizeof *item));
}

static gboolean
review_marks (WmStore       *store,
              const Period  *period,
              WmDay          as_of,
              GPtrArray     *items,
              GError       **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT m.pupil_id, m.school_id, m.year, m.codes, p.legal_hold "
    "FROM marks m JOIN pupils p ON p.id = m.pupil_id "
    "ORDER BY m.pupil_id, m.school_id, m.year", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      WmRetentionItem item = { WM_RETENTION_REGISTER_MARKS, "marks" };

      if (!_wm_store_step_row (store, stmt, &row, N_("reviewing retention"),
                               error))
        return FALSE;
      if (!row)
        break;

      item.pupil_id = sqlite3_column_int64 (stmt, 0);
      item.school_id = sqlite3_column_int64 (stmt, 1);
      item.year = (guint) sqlite3_column_int64 (stmt, 2);
      item.counted_from = last_entry (sqlite3_column_blob (stmt, 3),
                                      (guint) sqlite3_column_bytes (stmt, 3),
                                      item.year);
      item.legal_hold = sqlite3_column_int (stmt, 4) != 0;
      if (item.counted_from == WM_DAY_NONE)
        continue;

      item.due_on = wm_retention_add_years (item.counted_from, period->years);
      if (item.due_on <= as_of)
        add_item (items, &item);
    }

  return TRUE;
}

/* The day a record's period is counted from under its class's basis, or
 * WM_DAY_NONE when that day is not known yet (an open case, a date of
 * birth never given): such a record is never due. */
static WmDay
record_basis (sqlite3_stmt  *stmt,
              const Period  *period)
{
  if (strcmp (period->basis, "date-of-birth") == 0)
    return _wm_store_column_day (stmt, 4);
  if (strcmp (period->basis, "entry") == 0)
    return _wm_store_column_day (stmt, 5);
  return _wm_store_column_day (stmt, 3);
}

static gboolean
review_records (WmStore       *store,
                const Period   periods[WM_RETENTION_N_CLASSES],
                WmDay          as_of,
                GPtrArray     *items,
                GError       **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT r.id, r.pupil_id, r.kind, c.closed_on, p.dob, r.record_date, "
    "  p.legal_hold FROM records r JOIN cases c ON c.id = r.case_id "
    "JOIN pupils p ON p.id = r.pupil_id ORDER BY r.id", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      WmRetentionItem item = { 0, "record" };
      const WmRecordKind *kind;

      if (!_wm_store_step_row (store, stmt, &row, N_("reviewing retention"),
                               error))
        return FALSE;
      if (!row)
        break;

      kind = wm_record_kind_lookup ((const char *)
                                    sqlite3_column_text (stmt, 2));
      item.klass = wm_retention_class_for_kind (kind);
      item.object_id = sqlite3_column_int64 (stmt, 0);
      item.pupil_id = sqlite3_column_int64 (stmt, 1);
      item.legal_hold = sqlite3_column_int (stmt, 6) != 0;
      item.counted_from = record_basis (stmt, &periods[item.klass]);
      if (item.counted_from == WM_DAY_NONE)
        continue;

      item.due_on = wm_retention_add_years (item.counted_from,
                                            periods[item.klass].years);
      if (item.due_on <= as_of)
        add_item (items, &item);
    }

  return TRUE;
}

static gboolean
review_cases (WmStore       *store,
              const Period  *period,
              WmDay          as_of,
              GPtrArray     *items,
              GError       **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT c.id, c.pupil_id, c.closed_on, p.legal_hold FROM cases c "
    "JOIN pupils p ON p.id = c.pupil_id WHERE c.closed_on IS NOT NULL "
    "ORDER BY c.id", error);
  if (stmt == NULL)
    return FALSE;

  while (row)
    {
      WmRetentionItem item = { WM_RETENTION_CASE_RECORDS, "case" };

      if (!_wm_store_step_row (store, stmt, &row, N_("reviewing retention"),
                               error))
        return FALSE;
      if (!row)
        break;

      item.object_id = sqlite3_column_int64 (stmt, 0);
      item.pupil_id = sqlite3_column_int64 (stmt, 1);
      item.counted_from = _wm_store_column_day (stmt, 2);
      item.legal_hold = sqlite3_column_int (stmt, 3) != 0;
      item.due_on = wm_retention_add_years (item.counted_from, period->years);
      if (item.due_on <= as_of)
        add_item (items, &item);
    }

  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const WmRetentionItem *x = *(const WmRetentionItem * const *) a;
  const WmRetentionItem *y = *(const WmRetentionItem * const *) b;

  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;
  if (x->due_on != y->due_on)
    return x->due_on < y->due_on ? -1 : 1;
  if (x->pupil_id != y->pupil_id)
    return x->pupil_id < y->pupil_id ? -1 : 1;
  if (x->object_id != y->object_id)
    return x->object_id < y->object_id ? -1 : 1;
  if (x->school_id != y->school_id)
    return x->school_id < y->school_id ? -1 : 1;
  return (x->year > y->year) - (x->year < y->year);
}

static gboolean
review (WmStore    *store,
        WmDay       as_of,
        GPtrArray  *items,
        GError    **error)
{
  Period periods[WM_RETENTION_N_CLASSES];

  return load_periods (store, periods, error)
         && review_marks (store, &periods[WM_RETENTION_REGISTER_MARKS],
                          as_of, items, error)
         && review_cases (store, &periods[WM_RETENTION_CASE_RECORDS], as_of,
                          items, error)
         && review_records (store, periods, as_of, items, error);
}

/**
 * wm_retention_review:
 * @store: a store
 * @as_of: the day of the review
 * @error: return location for a #GError
 *
 * Lists every item past its retention period on @as_of: an item is
 * listed from its @due_on day, the day its period has run in full. Items
 * of a pupil under legal hold are listed too, flagged, so that the review
 * shows what the hold keeps. Nothing is changed or deleted. Reads in one
 * read transaction when the caller has none.
 *
 * Returns: (transfer container) (element-type WmRetentionItem): the
 *   items, class by class, then by @due_on; %NULL with @error set on
 *   failure
 */
GPtrArray *
wm_retention_review (WmStore  *store,
                     WmDay     as_of,
                     GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  gboolean own, ok;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  db = wm_store_get_db (store);
  own = sqlite3_get_autocommit (db) != 0;
  if (own && !_wm_store_exec (store, "BEGIN", N_("reviewing retention"), error))
    return NULL;

  ok = review (store, as_of, items, error);
  if (own)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

static gboolean
same_item (const WmRetentionItem *a,
           const WmRetentionItem *b)
{
  return a->klass == b->klass && strcmp (a->object_kind, b->object_kind) == 0
         && a->object_id == b->object_id && a->pupil_id == b->pupil_id
         && a->school_id == b->school_id && a->year == b->year;
}

/* Reads the item again as the database has it now, if it is past its
 * period today, because it may have changed since the review (a case
 * reopened, a hold set). */
static gboolean
find_current (WmStore                *store,
              const WmRetentionItem  *item,
              WmRetentionItem        *out_current,
              GError                **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pupil = NULL;

  if (!review (store, wm_day_today (), items, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    if (same_item (item, g_ptr_array_index (items, i)))
      {
        *out_current = *(WmRetentionItem *) g_ptr_array_index (items, i);
        return TRUE;
      }

  pupil = g_strdup_printf ("%" G_GINT64_FORMAT, item->pupil_id);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               /* Translators: the class's key (such as "case-records"), the
                * kind of object as stored (such as "record") and the pupil's
                * number. */
               E_("The %s %s of pupil %s is not past its retention period "
                  "today, or no longer exists; review again"),
               class_names[item->klass], item->object_kind, pupil);
  return FALSE;
}

static gboolean
run_delete (WmStore     *store,
            const char  *sql,
            gint64       first,
            gint64       second,
            gint64       third,
            GError     **error)
{
  g_autoptr(WmCachedStmt) stmt = _wm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, second);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, third);
  return _wm_store_step_done (store, stmt, N_("deleting for retention"), error);
}

static gboolean
delete_marks (WmStore                *store,
              const WmRetentionItem  *item,
              GError                **error)
{
  WmDay first = wm_day_from_ymd (item->year, 9, 1);
  WmDay last = wm_day_from_ymd (item->year + 1, 9, 1) - 1;
  g_autofree char *sql = NULL;
  char from[11], to[11];

  wm_day_to_iso_buf (first, from);
  wm_day_to_iso_buf (last, to);
  sql = g_strdup_printf ("DELETE FROM mark_changes WHERE pupil_id = ?1 "
                         "AND school_id = ?2 AND day BETWEEN '%s' AND '%s'",
                         from, to);

  return run_delete (store, "DELETE FROM marks WHERE pupil_id = ?1 "
                     "AND school_id = ?2 AND year = ?3", item->pupil_id,
                     item->school_id, item->year, error)
         && run_delete (store, sql, item->pupil_id, item->school_id, 0,
                        error)
         && wm_store_mark_dirty (store, item->pupil_id, error);
}

static gboolean
delete_case (WmStore                *store,
             const WmRetentionItem  *item,
             GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT count(*) FROM records WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->object_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("deleting for retention"),
                           error))
    return FALSE;

  /* Each record has its own class and is reviewed on its own. */
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             item->object_id);
      gint64 n_records = sqlite3_column_int64 (stmt, 0);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                n_records);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Case %s still holds %s records; review and delete them "
                      "first"), id, count);
      return FALSE;
    }

  return run_delete (store, "DELETE FROM cases WHERE id = ?1",
                     item->object_id, 0, 0, error);
}

/* The letters made from a record, as sent, go with it. Their table
 * refuses a deletion that the audit log does not already hold, so each
 * letter's "retention-delete" entry is written first. */
static gboolean
delete_letters (WmStore                *store,
                const WmRetentionItem  *item,
                gint64                  deletion_id,
                GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store,
    "SELECT id FROM letters WHERE record_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item->object_id);
  while (row)
    {
      gint64 id;

      if (!_wm_store_step_row (store, stmt, &row, N_("deleting for retention"),
                               error))
        return FALSE;
      if (row && (id = sqlite3_column_int64 (stmt, 0)) > 0)
        g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *detail = NULL;

      detail = g_strdup_printf ("class=%s record=%" G_GINT64_FORMAT
                                " deletion=%" G_GINT64_FORMAT,
                                class_names[item->klass], item->object_id,
                                deletion_id);
      /* The figures the letter quoted refer to it, so they go first. */
      if (!_wm_store_audit_append (store, "retention-delete", "letter", id,
                                   detail, error)
          || !run_delete (store, "DELETE FROM letter_figures "
                          "WHERE letter_id = ?1", id, 0, 0, error)
          || !run_delete (store, "DELETE FROM letters WHERE id = ?1", id, 0,
                          0, error))
        return FALSE;
    }

  return TRUE;
}

/* The revisions, links and search entry go with the record. */
static gboolean
delete_record (WmStore                *store,
               const WmRetentionItem  *item,
               GError                **error)
{
  return run_delete (store, "DELETE FROM record_search WHERE rowid = ?1",
                     item->object_id, 0, 0, error)
         && run_delete (store, "DELETE FROM records WHERE id = ?1",
                        item->object_id, 0, 0, error)
         && wm_store_mark_dirty (store, item->pupil_id, error);
}

static gint64
log_deletion (WmStore                *store,
              const WmRetentionItem  *item,
              const char             *reason,
              GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  g_autofree char *now = _wm_store_now_utc ();
  gint64 object_id = item->object_id;
  gboolean row = FALSE;

  /* A register year has no id of its own: the pupil's stands for it. */
  if (strcmp (item->object_kind, "marks") == 0)
    object_id = item->pupil_id;

  stmt = _wm_store_prepare (store,
    "INSERT INTO retention_deletions (at, record_class, object_kind, "
    "  object_id, pupil_id, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "RETURNING id", error);
  if (stmt == NULL)
    return 0;

  _wm_store_bind_text (stmt, 1, now);
  _wm_store_bind_text (stmt, 2, class_names[item->klass]);
  _wm_store_bind_text (stmt, 3, item->object_kind);
  sqlite3_bind_int64 (stmt, 4, object_id);
  sqlite3_bind_int64 (stmt, 5, item->pupil_id);
  _wm_store_bind_text (stmt, 6, reason);
  if (!_wm_store_step_row (store, stmt, &row, N_("recording a deletion"),
                           error))
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
audit_deletion (WmStore                *store,
                const WmRetentionItem  *item,
                gint64                  deletion_id,
                GError                **error)
{
  g_autofree char *detail = NULL;
  gboolean marks = strcmp (item->object_kind, "marks") == 0;

  if (marks)
    detail = g_strdup_printf ("class=%s school=%" G_GINT64_FORMAT " year=%u "
                              "deletion=%" G_GINT64_FORMAT,
                              class_names[item->klass], item->school_id,
                              item->year, deletion_id);
  else
    detail = g_strdup_printf ("class=%s pupil=%" G_GINT64_FORMAT " deletion=%"
                              G_GINT64_FORMAT, class_names[item->klass],
                              item->pupil_id, deletion_id);

  return _wm_store_audit_append (store, "retention-delete",
                                 marks ? "pupil" : item->object_kind,
                                 marks ? item->pupil_id : item->object_id,
                                 detail, error);
}

static gboolean
retention_delete (WmStore                *store,
                  const WmRetentionItem  *item,
                  const char             *reason,
                  GError                **error)
{
  WmRetentionItem current;
  gboolean ok;
  gint64 deletion_id;

  if (!find_current (store, item, &current, error))
    return FALSE;

  if (current.legal_hold)
    {
      g_autofree char *pupil = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                item->pupil_id);

      g_set_error (error, WM_ERROR, WM_ERROR_LEGAL_HOLD,
                   E_("Pupil %s is under legal hold: nothing of theirs may be "
                      "deleted until the hold is lifted"), pupil);
      return FALSE;
    }

  deletion_id = log_deletion (store, &current, reason, error);
  if (deletion_id <= 0)
    return FALSE;

  if (strcmp (current.object_kind, "marks") == 0)
    ok = delete_marks (store, &current, error);
  else if (strcmp (current.object_kind, "case") == 0)
    ok = delete_case (store, &current, error);
  else
    ok = delete_letters (store, &current, deletion_id, error)
         && delete_record (store, &current, error);

  return ok && audit_deletion (store, &current, deletion_id, error);
}

/**
 * wm_store_retention_delete:
 * @store: a store
 * @item: an item from wm_retention_review()
 * @reason: why it is deleted, such as the retention schedule's reference;
 *   kept with the deletion, not in the audit log
 * @error: return location for a #GError
 *
 * Deletes one reviewed item for good. A register year goes with its
 * marks and that year's mark changes. A record goes with all revisions,
 * links, its search entry and the letters made from it, each letter with
 * its own "retention-delete" entry. An emptied case goes with its
 * history. The item is looked
 * up again first and must still be past its period today. The deletion
 * is kept in `retention_deletions` with @reason and written to the audit
 * log as "retention-delete" with ids only. One transaction.
 *
 * Returns: %TRUE on success; %WM_ERROR_LEGAL_HOLD while the pupil is
 *   under legal hold; %WM_ERROR_INVALID_INPUT when @reason is empty, the
 *   item is not past its period today, or a case still holds records
 */
gboolean
wm_store_retention_delete (WmStore                *store,
                           const WmRetentionItem  *item,
                           const char             *reason,
                           GError                **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason
                                                                  : ""));
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->object_kind != NULL, FALSE);

  if (*trimmed == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Reason for the deletion: this field is required"));
      return FALSE;
    }

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = retention_delete (store, item, trimmed, error);
  if (!_wm_store_write_end (store, outer, ok, error))
    return FALSE;

  g_debug ("Deleted the %s %s of pupil %" G_GINT64_FORMAT " for retention",
           class_names[item->klass], item->object_kind, item->pupil_id);
  return TRUE;
}
