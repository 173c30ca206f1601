/* wm-store-terms.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * The term dates and closures an officer enters or imports for a school
 * (tables school_terms and school_closures). They tell the engine which
 * days the school will open after the latest register import, so that a
 * period counted in school weeks can end in the future.
 *
 * Every change is checked against the school's other entries and
 * audited in the same transaction. A term's last day is on or after its
 * first, and the terms of one school do not overlap, because a day
 * belongs to one term at most. A closure lies inside one term and
 * overlaps no other closure: a closure outside every term would close a
 * day that is already a holiday, so its dates are wrong. The audit
 * detail contains the school, the name and the dates, nothing else. A
 * change marks the school's pupils for evaluation, because their
 * deadlines may move.
 */

/* Longer than any term name or closure reason a school writes; a longer
 * value is a pasted paragraph, not a name. */
#define MAX_NAME_LENGTH 80

static const char *
noun_of (WmTermKind kind)
{
  return kind == WM_TERM_KIND_CLOSURE ? "closure" : "term";
}

/**
 * wm_school_term_free:
 * @term: (nullable): a term or closure
 *
 * Frees @term and its name.
 */
void
wm_school_term_free (WmSchoolTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->name);
  g_free (term);
}

/**
 * wm_school_term_copy:
 * @term: a term or closure
 *
 * Returns: (transfer full): a copy of @term
 */
WmSchoolTerm *
wm_school_term_copy (const WmSchoolTerm *term)
{
  WmSchoolTerm *copy;

  g_return_val_if_fail (term != NULL, NULL);

  copy = g_memdup2 (term, sizeof *term);
  copy->name = g_strdup (term->name);
  return copy;
}

/* Reading */

static gboolean
read_kind (WmStore    *store,
           gint64      school_id,
           WmTermKind  kind,
           GPtrArray  *out,
           GError    **error)
{
  /* The store caches statements by the address of their text, so the
   * text must be a string constant, not one built here. */
  static const char terms_sql[] =
    "SELECT id, name, first_day, last_day FROM school_terms "
    "WHERE school_id = ?1 ORDER BY first_day, id";
  static const char closures_sql[] =
    "SELECT id, reason, first_day, last_day FROM school_closures "
    "WHERE school_id = ?1 ORDER BY first_day, id";
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = TRUE;

  stmt = _wm_store_prepare (store, kind == WM_TERM_KIND_CLOSURE
                                     ? closures_sql : terms_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  while (row)
    {
      WmSchoolTerm *term;

      if (!_wm_store_step_row (store, stmt, &row, N_("reading term dates"),
                               error))
        return FALSE;
      if (!row)
        break;

      term = g_new0 (WmSchoolTerm, 1);
      term->id = sqlite3_column_int64 (stmt, 0);
      term->kind = kind;
      term->name = _wm_store_column_dup (stmt, 1);
      term->first_day = _wm_store_column_day (stmt, 2);
      term->last_day = _wm_store_column_day (stmt, 3);
      g_ptr_array_add (out, term);
    }

  return TRUE;
}

static gint
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const WmSchoolTerm *x = *(const WmSchoolTerm * const *) a;
  const WmSchoolTerm *y = *(const WmSchoolTerm * const *) b;

  if (x->first_day != y->first_day)
    return x->first_day < y->first_day ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind == WM_TERM_KIND_TERM ? -1 : 1;

  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * wm_store_list_terms:
 * @store: a store
 * @school_id: the school
 * @error: return location for a #GError
 *
 * Lists the terms and closures entered for the school, ordered by their
 * first day, a term before a closure that starts on the same day.
 *
 * Returns: (transfer container) (element-type WmSchoolTerm): the terms
 *   and closures, empty when none are entered; %NULL with @error set on
 *   failure
 */
GPtrArray *
wm_store_list_terms (WmStore  *store,
                     gint64    school_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) terms = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  terms = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_school_term_free);
  if (!read_kind (store, school_id, WM_TERM_KIND_TERM, terms, error)
      || !read_kind (store, school_id, WM_TERM_KIND_CLOSURE, terms, error))
    return NULL;

  g_ptr_array_sort (terms, compare_terms);
  return g_steal_pointer (&terms);
}

/* Checking */

static char *
describe (const WmSchoolTerm *term)
{
  g_autofree char *range = wm_day_range_format (term->first_day,
                                                term->last_day);

  if (term->kind == WM_TERM_KIND_CLOSURE)
    /* Translators: a closure in a message: its reason and its dates. */
    return g_strdup_printf (_("the closure “%s” (%s)"), term->name, range);

  /* Translators: a term in a message: its name and its dates. */
  return g_strdup_printf (_("the term “%s” (%s)"), term->name, range);
}

static gboolean
check_name (const WmSchoolTerm  *term,
            GError             **error)
{
  gboolean closure = term->kind == WM_TERM_KIND_CLOSURE;
  const char *name = term->name != NULL ? term->name : "";

  /* Each message is a whole sentence for a term and for a closure, so
   * that a translation need not assemble it from pieces. */
  if (!g_utf8_validate (name, -1, NULL) || strchr (name, '\n') != NULL
      || g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   closure
                   ? E_("The closure's reason must be one line of at most %d "
                        "characters, such as “Training day”")
                   : E_("The term's name must be one line of at most %d "
                        "characters, such as “Spring 1”"),
                   MAX_NAME_LENGTH);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       closure
                       ? E_("The closure's reason is empty: give it one, such "
                            "as “Training day”")
                       : E_("The term's name is empty: give it one, such as "
                            "“Spring 1”"));
  return FALSE;
}

static const char *
missing_day_message (const WmSchoolTerm *term)
{
  gboolean first = term->first_day == WM_DAY_NONE;

  if (term->kind == WM_TERM_KIND_CLOSURE)
    return first ? E_("The closure's first day is missing: give both the "
                      "first and the last day")
                 : E_("The closure's last day is missing: give both the "
                      "first and the last day");

  return first ? E_("The term's first day is missing: give both the first "
                    "and the last day")
               : E_("The term's last day is missing: give both the first "
                    "and the last day");
}

static gboolean
check_days (const WmSchoolTerm  *term,
            GError             **error)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (term->first_day == WM_DAY_NONE || term->last_day == WM_DAY_NONE)
    {
      g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                           missing_day_message (term));
      return FALSE;
    }

  if (term->last_day >= term->first_day)
    return TRUE;

  first = wm_day_format_long (term->first_day);
  last = wm_day_format_long (term->last_day);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               term->kind == WM_TERM_KIND_CLOSURE
               ? E_("The closure's last day (%s) is before its first day "
                    "(%s): the last day must be on or after the first")
               : E_("The term's last day (%s) is before its first day (%s): "
                    "the last day must be on or after the first"),
               last, first);
  return FALSE;
}

static gboolean
overlaps (const WmSchoolTerm *a,
          const WmSchoolTerm *b)
{
  return a->first_day <= b->last_day && b->first_day <= a->last_day;
}

static gboolean
inside (const WmSchoolTerm *closure,
        const WmSchoolTerm *term)
{
  return closure->first_day >= term->first_day
         && closure->last_day <= term->last_day;
}

/* Whether @stored is the entry that @candidate changes. */
static gboolean
is_replaced (const WmSchoolTerm *stored,
             const WmSchoolTerm *candidate)
{
  return candidate->id != 0 && stored->id == candidate->id
         && stored->kind == candidate->kind;
}

static gboolean
inside_any_term (const WmSchoolTerm *closure,
                 GPtrArray          *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (entries, i);

      if (term->kind == WM_TERM_KIND_TERM && inside (closure, term))
        return TRUE;
    }

  return FALSE;
}

static void
set_overlap_error (const WmSchoolTerm  *candidate,
                   const WmSchoolTerm  *other,
                   GError             **error)
{
  g_autofree char *mine = describe (candidate);
  g_autofree char *theirs = describe (other);

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               candidate->kind == WM_TERM_KIND_CLOSURE
               /* Translators: both %s are a term or closure with its
                * dates, such as "the term “Spring 1” (5 January to 13
                * February 2026)". */
               ? E_("The first and last days of %s overlap %s: a day "
                    "belongs to one closure at most, so change the dates "
                    "of one of them")
               : E_("The first and last days of %s overlap %s: a day "
                    "belongs to one term at most, so change the dates of "
                    "one of them"),
               mine, theirs);
}

static gboolean
check_overlap (const WmSchoolTerm  *candidate,
               GPtrArray           *entries,
               GError             **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const WmSchoolTerm *other = g_ptr_array_index (entries, i);

      if (other == candidate || other->kind != candidate->kind
          || !overlaps (other, candidate))
        continue;

      set_overlap_error (candidate, other, error);
      return FALSE;
    }

  return TRUE;
}

static void
set_outside_error (const WmSchoolTerm  *closure,
                   gboolean             moved_term,
                   GError             **error)
{
  g_autofree char *text = describe (closure);

  if (moved_term)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("The term's first or last day would leave %s outside "
                    "every term: change or remove the closure first"), text);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("The first and last days of %s do not lie inside one "
                    "term: enter the term first, or change the closure's "
                    "days"), text);
}

static gboolean
check_closure_inside (const WmSchoolTerm  *closure,
                      GPtrArray           *entries,
                      gboolean             moved_term,
                      GError             **error)
{
  if (inside_any_term (closure, entries))
    return TRUE;

  set_outside_error (closure, moved_term, error);
  return FALSE;
}

/*
 * Checks the school's entries as they would be with @candidate added or
 * changed (@remove FALSE), or removed (@remove TRUE). @stored are the
 * entries in the store, and the one @candidate changes is left out.
 */
static gboolean
check_entries (const WmSchoolTerm  *candidate,
               GPtrArray           *stored,
               gboolean             remove,
               GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  for (guint i = 0; i < stored->len; i++)
    if (!is_replaced (g_ptr_array_index (stored, i), candidate))
      g_ptr_array_add (entries, g_ptr_array_index (stored, i));
  if (!remove)
    g_ptr_array_add (entries, (gpointer) candidate);

  if (!remove && !check_overlap (candidate, entries, error))
    return FALSE;

  if (candidate->kind == WM_TERM_KIND_CLOSURE)
    return remove || check_closure_inside (candidate, entries, FALSE, error);

  /* A term that moves or goes must not strand a closure. */
  for (guint i = 0; i < entries->len; i++)
    {
      const WmSchoolTerm *closure = g_ptr_array_index (entries, i);

      if (closure->kind == WM_TERM_KIND_CLOSURE
          && !check_closure_inside (closure, entries, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/* Writing */

static gboolean
audit_change (WmStore             *store,
              const char          *action,
              gint64               school_id,
              const WmSchoolTerm  *old,
              const WmSchoolTerm  *term,
              GError             **error)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  char first[11], last[11];

  g_string_printf (detail, "school=%" G_GINT64_FORMAT, school_id);
  if (old != NULL)
    {
      wm_day_to_iso_buf (old->first_day, first);
      wm_day_to_iso_buf (old->last_day, last);
      g_string_append_printf (detail, " old-name=%s old-first=%s old-last=%s",
                              old->name, first, last);
    }
  if (term != NULL)
    {
      wm_day_to_iso_buf (term->first_day, first);
      wm_day_to_iso_buf (term->last_day, last);
      g_string_append_printf (detail, " name=%s first=%s last=%s", term->name,
                              first, last);
    }

  return _wm_store_audit_append (store, action,
                                 term != NULL ? noun_of (term->kind)
                                              : noun_of (old->kind),
                                 term != NULL ? term->id : old->id,
                                 detail->str, error);
}

/* Entered term dates change the school weeks of every pupil of the
 * school, including pupils with no marks yet. */
static gboolean
mark_school_dirty (WmStore  *store,
                   gint64    school_id,
                   GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "INSERT OR IGNORE INTO dirty_pupils (pupil_id) "
    "SELECT id FROM pupils WHERE school_id = ?1 "
    "UNION SELECT pupil_id FROM marks WHERE school_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  return _wm_store_step_done (store, stmt, N_("marking pupils for evaluation"),
                              error);
}

static gboolean
check_school (WmStore  *store,
              gint64    school_id,
              GError  **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store, "SELECT 1 FROM schools WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading the school"), error))
    return FALSE;

  if (!row)
    {
      /* The id is formatted first: a translatable format cannot hold
       * G_GINT64_FORMAT, which the string extractor does not expand. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, school_id);

      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("No school with id %s is stored: import the school's "
                      "pupils first"), id);
    }
  return row;
}

static const WmSchoolTerm *
find_stored (GPtrArray  *stored,
             WmTermKind  kind,
             gint64      id,
             GError    **error)
{
  g_autofree char *id_text = NULL;

  for (guint i = 0; i < stored->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (stored, i);

      if (term->kind == kind && term->id == id)
        return term;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
               kind == WM_TERM_KIND_CLOSURE
               ? E_("No closure with id %s is stored for this school: it may "
                    "have been removed in another window")
               : E_("No term with id %s is stored for this school: it may have "
                    "been removed in another window"), id_text);
  return NULL;
}

static gboolean
write_row (WmStore       *store,
           gint64         school_id,
           WmSchoolTerm  *term,
           gboolean       insert,
           GError       **error)
{
  /* String constants, because the store caches statements by the
   * address of their text. */
  static const char * const insert_sql[] = {
    [WM_TERM_KIND_TERM] = "INSERT INTO school_terms (school_id, name, "
                          "first_day, last_day) VALUES (?1, ?2, ?3, ?4)",
    [WM_TERM_KIND_CLOSURE] = "INSERT INTO school_closures (school_id, "
                             "reason, first_day, last_day) "
                             "VALUES (?1, ?2, ?3, ?4)",
  };
  static const char * const update_sql[] = {
    [WM_TERM_KIND_TERM] = "UPDATE school_terms SET name = ?2, "
                          "first_day = ?3, last_day = ?4 "
                          "WHERE school_id = ?1 AND id = ?5",
    [WM_TERM_KIND_CLOSURE] = "UPDATE school_closures SET reason = ?2, "
                             "first_day = ?3, last_day = ?4 "
                             "WHERE school_id = ?1 AND id = ?5",
  };
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store, insert ? insert_sql[term->kind]
                                          : update_sql[term->kind], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  _wm_store_bind_text (stmt, 2, term->name);
  _wm_store_bind_day (stmt, 3, term->first_day);
  _wm_store_bind_day (stmt, 4, term->last_day);
  if (!insert)
    sqlite3_bind_int64 (stmt, 5, term->id);
  if (!_wm_store_step_done (store, stmt, N_("saving term dates"), error))
    return FALSE;

  if (insert)
    term->id = sqlite3_last_insert_rowid (wm_store_get_db (store));
  return TRUE;
}

/* Adds (@term->id 0) or changes a term or closure inside a transaction. */
static gboolean
save_term (WmStore       *store,
           gint64         school_id,
           WmSchoolTerm  *term,
           GError       **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  const WmSchoolTerm *old = NULL;
  gboolean insert = term->id == 0;

  if (!check_school (store, school_id, error))
    return FALSE;

  stored = wm_store_list_terms (store, school_id, error);
  if (stored == NULL)
    return FALSE;

  if (!insert && (old = find_stored (stored, term->kind, term->id,
                                     error)) == NULL)
    return FALSE;

  return check_entries (term, stored, FALSE, error)
         && write_row (store, school_id, term, insert, error)
         && audit_change (store, insert ? "term-add" : "term-change",
                          school_id, old, term, error)
         && mark_school_dirty (store, school_id, error);
}

static gboolean
check_and_save (WmStore             *store,
                gint64               school_id,
                const WmSchoolTerm  *term,
                gint64              *out_id,
                GError             **error)
{
  g_autoptr(WmSchoolTerm) copy = NULL;
  gboolean outer = FALSE, ok;

  if (!check_name (term, error) || !check_days (term, error))
    return FALSE;

  copy = wm_school_term_copy (term);
  g_strstrip (copy->name);
  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = save_term (store, school_id, copy, error);
  if (!_wm_store_write_end (store, outer, ok, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = copy->id;
  return TRUE;
}

/**
 * wm_store_add_term:
 * @store: a store
 * @school_id: the school
 * @term: the term or closure to add; its @id is ignored
 * @error: return location for a #GError
 *
 * Adds a term or a closure to the school's calendar, audited as
 * "term-add", and marks the school's pupils for evaluation. The name is
 * kept without surrounding spaces.
 *
 * Rejected with %WM_ERROR_INVALID_INPUT and a message naming the field
 * when the name is empty or longer than one line of 80 characters, when a
 * day is missing, or when the last day is before the first. Rejected the
 * same way when a term overlaps another term of the school, or a closure
 * is not inside one term or overlaps another closure. Fails with
 * %WM_ERROR_NOT_FOUND when the school is not stored.
 *
 * Returns: the new row's id, or 0 with @error set
 */
gint64
wm_store_add_term (WmStore             *store,
                   gint64               school_id,
                   const WmSchoolTerm  *term,
                   GError             **error)
{
  WmSchoolTerm fresh;
  gint64 id = 0;

  g_return_val_if_fail (WM_IS_STORE (store), 0);
  g_return_val_if_fail (term != NULL, 0);

  fresh = *term;
  fresh.id = 0;
  if (!check_and_save (store, school_id, &fresh, &id, error))
    return 0;

  return id;
}

/**
 * wm_store_change_term:
 * @store: a store
 * @school_id: the school
 * @term: the term or closure with its stored @id and @kind, and the new
 *   name and days
 * @error: return location for a #GError
 *
 * Changes a stored term or closure, audited as "term-change" with the old
 * and the new name and days, and marks the school's pupils for
 * evaluation. The checks are those of wm_store_add_term(), and a term
 * may not move so that one of the school's closures falls outside every
 * term. %WM_ERROR_NOT_FOUND when no such entry is stored for the school.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_change_term (WmStore             *store,
                      gint64               school_id,
                      const WmSchoolTerm  *term,
                      GError             **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (term != NULL && term->id > 0, FALSE);

  return check_and_save (store, school_id, term, NULL, error);
}

static gboolean
delete_term (WmStore     *store,
             gint64       school_id,
             WmTermKind   kind,
             gint64       id,
             GError     **error)
{
  g_autoptr(GPtrArray) stored = wm_store_list_terms (store, school_id, error);
  static const char * const delete_sql[] = {
    [WM_TERM_KIND_TERM] = "DELETE FROM school_terms "
                          "WHERE school_id = ?1 AND id = ?2",
    [WM_TERM_KIND_CLOSURE] = "DELETE FROM school_closures "
                             "WHERE school_id = ?1 AND id = ?2",
  };
  g_autoptr(WmCachedStmt) stmt = NULL;
  const WmSchoolTerm *old;

  if (stored == NULL
      || (old = find_stored (stored, kind, id, error)) == NULL
      || !check_entries (old, stored, TRUE, error))
    return FALSE;

  stmt = _wm_store_prepare (store, delete_sql[kind], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return _wm_store_step_done (store, stmt, N_("removing term dates"), error)
         && audit_change (store, "term-remove", school_id, old, NULL, error)
         && mark_school_dirty (store, school_id, error);
}

/**
 * wm_store_remove_term:
 * @store: a store
 * @school_id: the school
 * @kind: whether @id is a term or a closure
 * @id: the stored row's id
 * @error: return location for a #GError
 *
 * Removes a term or closure, audited as "term-remove" with its name and
 * days, and marks the school's pupils for evaluation. A term that still
 * contains a closure is rejected with %WM_ERROR_INVALID_INPUT naming the
 * closure: remove or move the closure first. %WM_ERROR_NOT_FOUND when
 * no such entry is stored for the school.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_store_remove_term (WmStore     *store,
                      gint64       school_id,
                      WmTermKind   kind,
                      gint64       id,
                      GError     **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = delete_term (store, school_id, kind, id, error);
  return _wm_store_write_end (store, outer, ok, error);
}

/* Importing many entries */

/*
 * A terms file may hold thousands of entries. Adding each one with
 * wm_store_add_term() reads and checks every stored entry of its school
 * again, so an import grew with the square of its rows (44 s for 8,000).
 * An import reads each school's entries once instead, into a TermIndex:
 * each kind sorted by first day. Entries of one kind never overlap, so
 * that order sorts their last days too, and each check finds the one
 * entry that matters by binary search. The rules, messages and audit
 * entries are those of wm_store_add_term() and wm_store_change_term().
 *
 * The school's own file is the authority on its calendar, so a row may
 * correct a stored entry. A row with the kind and name of a stored entry
 * that shares a day with it is that entry with new dates. Sharing a day
 * distinguishes a corrected "Autumn 2" from next year's "Autumn 2", and
 * one "Training day" from another.
 *
 * Each kind is read in two passes. The first finds the entry each row
 * repeats or replaces, and takes every replaced entry out of the index.
 * The second checks and writes each row against the entries left, so two
 * corrected terms may trade days in either order. One row at most matches
 * a stored entry, so a second row of the same name overlaps it.
 */
typedef struct
{
  GPtrArray  *by_kind[2];  /* (element-type WmSchoolTerm), by first day */
  GHashTable *keys;        /* identity_key() of each entry, to the entry */
  GHashTable *claimed;     /* entries that a row repeats exactly */
  gboolean    changed;
} TermIndex;

static void
term_index_free (TermIndex *index)
{
  for (guint k = 0; k < G_N_ELEMENTS (index->by_kind); k++)
    g_clear_pointer (&index->by_kind[k], g_ptr_array_unref);
  g_clear_pointer (&index->keys, g_hash_table_unref);
  g_clear_pointer (&index->claimed, g_hash_table_unref);
  g_free (index);
}

/* What makes an imported entry one the school already has: the kind, the
 * days and the name, stored without surrounding spaces. */
static char *
identity_key (const WmSchoolTerm *term)
{
  return g_strdup_printf ("%d %u %u %s", (int) term->kind, term->first_day,
                          term->last_day, term->name);
}

static TermIndex *
term_index_load (WmStore  *store,
                 gint64    school_id,
                 GError  **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  TermIndex *index;

  if (!check_school (store, school_id, error))
    return NULL;

  stored = wm_store_list_terms (store, school_id, error);
  if (stored == NULL)
    return NULL;

  index = g_new0 (TermIndex, 1);
  index->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->claimed = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (index->by_kind); k++)
    index->by_kind[k] =
      g_ptr_array_new_with_free_func ((GDestroyNotify) wm_school_term_free);

  /* The list is ordered by first day, so each kind's array is too. */
  for (guint i = 0; i < stored->len; i++)
    {
      WmSchoolTerm *term = wm_school_term_copy (g_ptr_array_index (stored,
                                                                   i));

      g_hash_table_insert (index->keys, identity_key (term), term);
      g_ptr_array_add (index->by_kind[term->kind], term);
    }

  return index;
}

/* The position of the first of @entries (one kind, by first day) that
 * ends on or after @day, or the length when none does. */
static guint
first_ending_from (GPtrArray *entries,
                   WmDay      day)
{
  guint low = 0, high = entries->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const WmSchoolTerm *entry = g_ptr_array_index (entries, middle);

      if (entry->last_day < day)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* The stored entry of @candidate's kind that @candidate overlaps and
 * that starts first, as check_overlap() reports it, or NULL. */
static const WmSchoolTerm *
find_overlap (TermIndex          *index,
              const WmSchoolTerm *candidate,
              guint              *out_position)
{
  GPtrArray *entries = index->by_kind[candidate->kind];
  const WmSchoolTerm *next;

  *out_position = first_ending_from (entries, candidate->first_day);
  if (*out_position == entries->len)
    return NULL;

  next = g_ptr_array_index (entries, *out_position);
  return overlaps (next, candidate) ? next : NULL;
}

/* Only the first term that ends on or after the closure's last day can
 * hold it: every term before it ends too early, and every one after it
 * starts later. */
static gboolean
inside_indexed_term (TermIndex          *index,
                     const WmSchoolTerm *closure)
{
  GPtrArray *terms = index->by_kind[WM_TERM_KIND_TERM];
  guint position = first_ending_from (terms, closure->last_day);

  return position < terms->len
         && inside (closure, g_ptr_array_index (terms, position));
}

static gboolean
check_indexed (TermIndex           *index,
               const WmSchoolTerm  *term,
               guint               *out_position,
               GError             **error)
{
  const WmSchoolTerm *other = find_overlap (index, term, out_position);

  if (other != NULL)
    {
      set_overlap_error (term, other, error);
      return FALSE;
    }

  if (term->kind == WM_TERM_KIND_CLOSURE && !inside_indexed_term (index, term))
    {
      set_outside_error (term, FALSE, error);
      return FALSE;
    }

  return TRUE;
}

/* A row of an import between the two passes. */
typedef struct
{
  WmTermAddition *addition;
  TermIndex      *index;    /* the row's school */
  WmSchoolTerm   *term;     /* the row as stored, its name stripped */
  WmSchoolTerm   *old;      /* the stored entry it replaces, or NULL */
  gboolean        same;     /* the school already has this entry */
} PendingEntry;

static void
pending_entry_clear (PendingEntry *pending)
{
  g_clear_pointer (&pending->term, wm_school_term_free);
  g_clear_pointer (&pending->old, wm_school_term_free);
}

static TermIndex *
find_index (WmStore     *store,
            GHashTable  *indexes,
            gint64       school_id,
            GError     **error)
{
  TermIndex *index = g_hash_table_lookup (indexes, &school_id);

  if (index != NULL)
    return index;

  index = term_index_load (store, school_id, error);
  if (index != NULL)
    g_hash_table_insert (indexes, g_memdup2 (&school_id, sizeof school_id),
                         index);
  return index;
}

/* Takes out of the index the entry that @term corrects: same kind and
 * name, sharing a day with it, and repeated by no row. Entries of one kind
 * do not overlap, so those sharing a day with @term are consecutive. */
static WmSchoolTerm *
take_replaced (TermIndex          *index,
               const WmSchoolTerm *term)
{
  GPtrArray *entries = index->by_kind[term->kind];

  for (guint i = first_ending_from (entries, term->first_day);
       i < entries->len; i++)
    {
      WmSchoolTerm *entry = g_ptr_array_index (entries, i);
      g_autofree char *key = NULL;

      if (entry->first_day > term->last_day)
        break;
      if (!g_str_equal (entry->name, term->name)
          || g_hash_table_contains (index->claimed, entry))
        continue;

      key = identity_key (entry);
      g_hash_table_remove (index->keys, key);
      return g_ptr_array_steal_index (entries, i);
    }

  return NULL;
}

/* Checks the row alone and finds the stored entry that it repeats (kept)
 * or replaces (taken out of the index). This is the first pass. */
static gboolean
match_entry (WmStore       *store,
             GHashTable    *indexes,
             PendingEntry  *pending,
             GError       **error)
{
  WmTermAddition *addition = pending->addition;
  g_autofree char *key = NULL;
  WmSchoolTerm *same;

  if (!check_name (&addition->term, error)
      || !check_days (&addition->term, error))
    return FALSE;

  pending->index = find_index (store, indexes, addition->school_id, error);
  if (pending->index == NULL)
    return FALSE;

  pending->term = wm_school_term_copy (&addition->term);
  pending->term->id = 0;
  g_strstrip (pending->term->name);
  key = identity_key (pending->term);
  same = g_hash_table_lookup (pending->index->keys, key);
  if (same != NULL)
    {
      g_hash_table_add (pending->index->claimed, same);
      pending->same = TRUE;
      return TRUE;
    }

  pending->old = take_replaced (pending->index, pending->term);
  return TRUE;
}

/* Checks the row against the school's other entries, then adds it or
 * writes its dates over the entry it replaces. This is the second pass. */
static gboolean
apply_entry (WmStore       *store,
             PendingEntry  *pending,
             GError       **error)
{
  TermIndex *index = pending->index;
  gint64 school_id = pending->addition->school_id;
  WmSchoolTerm *term = pending->term;
  g_autofree char *key = identity_key (term);
  guint position = 0;

  /* An entry added earlier in the same call counts as stored. A row that
   * replaces an entry is always written, or its entry would be lost. */
  if (pending->same
      || (pending->old == NULL && g_hash_table_contains (index->keys, key)))
    return TRUE;

  if (pending->old != NULL)
    term->id = pending->old->id;
  if (!check_indexed (index, term, &position, error)
      || !write_row (store, school_id, term, pending->old == NULL, error)
      || !audit_change (store, pending->old != NULL ? "term-change"
                                                    : "term-add",
                        school_id, pending->old, term, error))
    return FALSE;

  pending->addition->term.id = term->id;
  pending->addition->added = TRUE;
  index->changed = TRUE;
  g_hash_table_insert (index->keys, g_steal_pointer (&key), term);
  g_ptr_array_insert (index->by_kind[term->kind], (int) position,
                      g_steal_pointer (&pending->term));
  return TRUE;
}

/* Checks that a term whose dates were replaced left no closure outside
 * every term. It runs after every row is in, because a later row may move
 * the closure too. The error belongs to the term's row. */
static gboolean
check_replaced_term (const PendingEntry  *pending,
                     GError             **error)
{
  GPtrArray *closures = pending->index->by_kind[WM_TERM_KIND_CLOSURE];
  const WmSchoolTerm *old = pending->old;

  for (guint i = first_ending_from (closures, old->first_day);
       i < closures->len; i++)
    {
      const WmSchoolTerm *closure = g_ptr_array_index (closures, i);

      if (closure->first_day > old->last_day)
        break;
      if (inside (closure, old) && !inside_indexed_term (pending->index,
                                                         closure))
        {
          set_outside_error (closure, TRUE, error);
          return FALSE;
        }
    }

  return TRUE;
}

static PendingEntry *
pending_at (GArray *pending,
            guint   i)
{
  return &g_array_index (pending, PendingEntry, i);
}

/* Runs the first pass (@apply FALSE) or the second over the rows of
 * @kind, in file order. */
static gboolean
run_pass (WmStore     *store,
          GHashTable  *indexes,
          GArray      *pending,
          WmTermKind   kind,
          gboolean     apply,
          guint       *out_failed,
          GError     **error)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingEntry *entry = pending_at (pending, i);

      if (entry->addition->term.kind != kind)
        continue;

      *out_failed = i;
      if (apply ? !apply_entry (store, entry, error)
                : !match_entry (store, indexes, entry, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_all (WmStore     *store,
         GHashTable  *indexes,
         GArray      *pending,
         guint       *out_failed,
         GError     **error)
{
  for (WmTermKind kind = WM_TERM_KIND_TERM; kind <= WM_TERM_KIND_CLOSURE;
       kind++)
    if (!run_pass (store, indexes, pending, kind, FALSE, out_failed, error)
        || !run_pass (store, indexes, pending, kind, TRUE, out_failed, error))
      return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      const PendingEntry *entry = pending_at (pending, i);

      *out_failed = i;
      if (entry->old != NULL && entry->old->kind == WM_TERM_KIND_TERM
          && !check_replaced_term (entry, error))
        return FALSE;
    }

  *out_failed = pending->len;
  return TRUE;
}

/* Once per school, not once per entry: a school's pupils are many. */
static gboolean
mark_changed_schools (WmStore     *store,
                      GHashTable  *indexes,
                      GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, indexes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((TermIndex *) value)->changed
        && !mark_school_dirty (store, *(gint64 *) key, error))
      return FALSE;

  return TRUE;
}

/*
 * _wm_store_add_terms:
 * @store: a store
 * @additions: (array length=n_additions): the entries to add; each
 *   entry's @id is ignored, and @added is set
 * @n_additions: the number of entries
 * @out_failed: (out): the position in @additions of the entry that was
 *   refused, or @n_additions when the failure belongs to no entry
 * @error: return location for a #GError
 *
 * Stores the entries of an import, in one write, with the checks and
 * messages of wm_store_add_term(). Every term goes first, then every
 * closure, so that a closure may come before its term.
 *
 * An entry that its school already has, with the same kind, name and
 * days, is skipped (this includes one added earlier in the same call).
 * An entry with the kind and name of a stored entry that shares a day
 * with it replaces that entry's days. The replacement is audited as
 * "term-change" with the old and the new days, as wm_store_change_term()
 * does. Other entries are added and audited as "term-add".
 *
 * Each entry is checked against the school's entries that the call does
 * not replace, so corrections may come in any order. A stored entry is
 * replaced once at most, and a replaced term may not leave a closure
 * outside every term. Stored entries that no entry names are kept. Each
 * school whose calendar changed has its pupils marked for evaluation,
 * once. The time taken grows with the number of entries times its
 * logarithm, not its square.
 *
 * Returns: %TRUE on success; otherwise %FALSE with the errors of
 *   wm_store_add_term(), and nothing of the call kept
 */
gboolean
_wm_store_add_terms (WmStore          *store,
                     WmTermAddition  **additions,
                     guint             n_additions,
                     guint            *out_failed,
                     GError          **error)
{
  g_autoptr(GHashTable) indexes = NULL;
  g_autoptr(GArray) pending = NULL;
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (additions != NULL || n_additions == 0, FALSE);

  *out_failed = n_additions;
  indexes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                   (GDestroyNotify) term_index_free);
  pending = g_array_sized_new (FALSE, TRUE, sizeof (PendingEntry),
                               n_additions);
  g_array_set_clear_func (pending, (GDestroyNotify) pending_entry_clear);
  g_array_set_size (pending, n_additions);
  for (guint i = 0; i < n_additions; i++)
    g_array_index (pending, PendingEntry, i).addition = additions[i];

  if (!_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = add_all (store, indexes, pending, out_failed, error)
       && mark_changed_schools (store, indexes, error);
  return _wm_store_write_end (store, outer, ok, error);
}
