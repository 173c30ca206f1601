/* wm-store-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "wm-store.h"

G_BEGIN_DECLS

/*
 * Shared by the files that make up WmStore: wm-store.c (the object, the
 * connection, transactions and errors), wm-store-schema.c (what a Waymark
 * database is and how it is migrated), and one file per group of tables.
 */

/* The schema version this build writes and the newest it can read. */
#define WM_STORE_SCHEMA_VERSION 5

/* The length of a SHA-256 digest written in hexadecimal. */
#define WM_STORE_HASH_LENGTH 64

/*
 * A statement from the store's cache. A g_autoptr(WmCachedStmt) variable
 * resets the statement and clears its bindings when it goes out of scope,
 * so the statement is ready for the next caller however the function
 * returns. The store finalizes cached statements only when it is freed.
 */
typedef sqlite3_stmt WmCachedStmt;

void          _wm_cached_stmt_release    (WmCachedStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCachedStmt, _wm_cached_stmt_release)

/*
 * @doing describes what the store was doing, for the error message. It is
 * an English phrase that completes "while … in FILE" ("reading the
 * rules"), marked for translation with N_ where it is written, because
 * the message translates it.
 */
WmCachedStmt *_wm_store_prepare          (WmStore       *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      _wm_store_exec             (WmStore       *self,
                                          const char    *sql,
                                          const char    *doing,
                                          GError       **error);
gboolean      _wm_store_step_done        (WmStore       *self,
                                          sqlite3_stmt  *stmt,
                                          const char    *doing,
                                          GError       **error);
gboolean      _wm_store_step_row         (WmStore       *self,
                                          sqlite3_stmt  *stmt,
                                          gboolean      *out_row,
                                          const char    *doing,
                                          GError       **error);
void          _wm_store_set_error        (WmStore       *self,
                                          int            rc,
                                          const char    *doing,
                                          GError       **error);
void          _wm_store_set_db_error     (sqlite3       *db,
                                          const char    *path,
                                          int            rc,
                                          const char    *doing,
                                          GError       **error);

gboolean      _wm_store_write_begin      (WmStore       *self,
                                          gboolean      *out_outer,
                                          GError       **error);
gboolean      _wm_store_write_end        (WmStore       *self,
                                          gboolean       outer,
                                          gboolean       ok,
                                          GError       **error);

char         *_wm_store_now_utc          (void);
void          _wm_store_bind_text        (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
void          _wm_store_bind_day         (sqlite3_stmt  *stmt,
                                          int            index,
                                          WmDay          day);
void          _wm_store_bind_id          (sqlite3_stmt  *stmt,
                                          int            index,
                                          gint64         id);
char         *_wm_store_column_dup       (sqlite3_stmt  *stmt,
                                          int            column);
WmDay         _wm_store_column_day       (sqlite3_stmt  *stmt,
                                          int            column);

/* wm-store.c: whether Waymark may not write a file or folder (no owner
 * write bit, or no write access), and the error for a database file it
 * may not write. Opening and restoring share them. */
gboolean      _wm_store_is_read_only     (const char     *path,
                                          const GStatBuf *info);
gboolean      _wm_store_check_file_writable (const char  *path,
                                             GError     **error);

/* wm-store-schema.c */
gboolean      _wm_store_check_file       (const char    *path,
                                          gboolean      *out_is_new,
                                          GError       **error);
gboolean      _wm_store_migrate          (sqlite3       *db,
                                          const char    *path,
                                          int            target_version,
                                          GError       **error);
int           _wm_store_read_version     (sqlite3       *db);

/* wm-store-rules.c: the rule keys, NULL-terminated, and a value by key */
extern const char * const _wm_store_rule_keys[];
guint         _wm_store_rule_get         (const WmRules *rules,
                                          const char    *key);

/*
 * One kind of rule values kept in rule_values: the level rules
 * (#WmRules) or the legal-step rules (#WmResponseRules). Both kinds share
 * the table, so a reader of one kind skips the keys of the other and
 * treats any other key as an error. @rules points at a struct of @size
 * bytes of the kind's type.
 */
typedef struct
{
  const char  *name;
  gsize        size;
  void       (*init_defaults) (gpointer      rules);
  gboolean   (*is_other_key)  (const char   *key);
  gboolean   (*get)           (gconstpointer rules,
                               const char   *key,
                               guint        *out_value);
  gboolean   (*set)           (gpointer      rules,
                               const char   *key,
                               gint64        value,
                               GError      **error);
  gboolean   (*validate)      (gconstpointer rules,
                               GError      **error);
} WmRuleKind;

extern const WmRuleKind _wm_level_rule_kind;

gboolean      _wm_store_load_rule_kind   (WmStore           *store,
                                          const WmRuleKind  *kind,
                                          gint64             school_id,
                                          gpointer           rules,
                                          GError           **error);
gboolean      _wm_store_set_rule_value   (WmStore           *store,
                                          const WmRuleKind  *kind,
                                          gint64             school_id,
                                          const char        *key,
                                          gint64             value,
                                          GError           **error);

/* wm-store-evaluations.c: the columns of an evaluation, in the order
 * _wm_store_read_evaluation() reads them */
#define WM_STORE_EVALUATION_COLUMNS \
  "as_of, window_start, window_end, window_weeks, window_present, " \
  "window_approved, window_authorised, window_unauthorised, " \
  "window_late_before, window_late_after, window_not_possible, " \
  "window_unmarked, attended, possible, unmarked, percent_tenths, " \
  "range_low_tenths, range_high_tenths, level, level_high, " \
  "threshold_start, unauthorised_threshold_weeks, ytd_present, " \
  "ytd_approved, ytd_authorised, ytd_unauthorised, ytd_late_before, " \
  "ytd_late_after, ytd_not_possible, ytd_unmarked, ytd_attended, " \
  "ytd_possible, persistent_absence, severe_absence"
#define WM_STORE_EVALUATION_N_COLUMNS 34

void          _wm_store_read_evaluation  (sqlite3_stmt  *stmt,
                                          int            first_column,
                                          WmEvaluation  *out);

/* wm-store-summaries.c: the columns of response_summaries that make a
 * WmResponseSummary, in the order _wm_store_read_response_summary()
 * reads them. */
#define WM_STORE_SUMMARY_N_COLUMNS 6

void          _wm_store_read_response_summary (sqlite3_stmt      *stmt,
                                               int                first_column,
                                               WmResponseSummary *out);

/* wm-store-terms.c: one entry of a terms import for _wm_store_add_terms(),
 * which sets @added when it stored the entry and leaves it FALSE when the
 * school already had one with the same kind, name and days. */
typedef struct
{
  gint64        school_id;
  WmSchoolTerm  term;
  gboolean      added;
} WmTermAddition;

gboolean      _wm_store_add_terms        (WmStore        *store,
                                          WmTermAddition **additions,
                                          guint           n_additions,
                                          guint          *out_failed,
                                          GError        **error);

/* wm-store-audit.c, for callers that already hold a write transaction */
gboolean      _wm_store_audit_append     (WmStore       *self,
                                          const char    *action,
                                          const char    *object_kind,
                                          gint64         object_id,
                                          const char    *detail,
                                          GError       **error);

G_END_DECLS
