/* wm-store.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "wm-calendar.h"
#include "wm-evaluation.h"
#include "wm-register.h"
#include "wm-rules.h"

G_BEGIN_DECLS

/* "WYMK" as a big-endian integer, written into the SQLite header so that
 * `file` and Waymark itself can tell a Waymark database from another
 * application's. */
#define WM_STORE_APPLICATION_ID 0x57594d4b

#define WM_TYPE_STORE (wm_store_get_type ())
G_DECLARE_FINAL_TYPE (WmStore, wm_store, WM, STORE, GObject)

/**
 * WmPupilRecord:
 *
 * The details of a pupil as an import or a form gives them. Strings are
 * stored exactly as received; %NULL means "not given", which leaves a
 * stored value as it is when a pupil is updated.
 */
typedef struct
{
  char    *upn;
  char    *surname;
  char    *forename;
  char    *middle_names;
  char    *preferred_surname;
  char    *preferred_forename;
  WmDay    dob;
  char    *sex;
  char    *year_group;
  WmDay    admission_date;
  WmDay    leaving_date;
  char    *address;
  char    *sen_provision;
  gint     looked_after;      /* -1 unknown, 0 no, 1 yes */
  gint     free_school_meals; /* -1 unknown, 0 no, 1 yes */
} WmPupilRecord;

/**
 * WmContactRecord:
 *
 * A parent, carer or other contact of a pupil. @parental_responsibility
 * is the CTF `Responsibility` flag.
 */
typedef struct
{
  gint      order;
  char     *title;
  char     *surname;
  char     *forename;
  char     *relationship;
  gboolean  parental_responsibility;
  char     *address;
  char     *phones;
  char     *email;
} WmContactRecord;

/**
 * WmResponseSummary:
 * @as_of: the evaluation date the summary was made for
 * @routes: bit n is set when the pupil is on the route whose
 *   #WmRouteKind is n
 * @ready_steps: bit n is set when the legal step whose #WmLegalStep is n
 *   is ready
 * @due: how many deadlines fall due on @as_of itself
 * @overdue: how many deadlines had passed by @as_of
 * @next_due: the earliest deadline on or after @as_of, or %WM_DAY_NONE
 *
 * The part of a pupil's graduated response that the caseload filters and
 * sorts on, stored so that listing 30,000 pupils does not compute 30,000
 * responses. See wm_response_summarize().
 */
typedef struct
{
  WmDay  as_of;
  guint  routes;
  guint  ready_steps;
  guint  due;
  guint  overdue;
  WmDay  next_due;
} WmResponseSummary;

/**
 * WmPupilSummary:
 * @summarised: whether @response holds a stored response summary
 * @response: the stored response summary, when @summarised
 *
 * One row of the caseload: a pupil with the latest stored evaluation and
 * response summary. Used by the pupil list and the command line.
 */
typedef struct
{
  gint64        id;
  char         *upn;
  char         *surname;
  char         *forename;
  char         *name_key;
  gint64        school_id;
  char         *school_estab;
  char         *school_name;
  char         *year_group;
  gboolean           evaluated;
  WmEvaluation       evaluation;
  gboolean           summarised;
  WmResponseSummary  response;
} WmPupilSummary;

void wm_pupil_record_clear   (WmPupilRecord   *record);
void wm_contact_record_clear (WmContactRecord *record);
void wm_pupil_summary_free   (WmPupilSummary  *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPupilSummary, wm_pupil_summary_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmPupilRecord, wm_pupil_record_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmContactRecord, wm_contact_record_clear)

/* Opening and transactions */
WmStore    *wm_store_open                (const char     *path,
                                          GError        **error);
const char *wm_store_get_path            (WmStore        *store);
sqlite3    *wm_store_get_db              (WmStore        *store);
int         wm_store_get_schema_version  (WmStore        *store);
gboolean    wm_store_begin               (WmStore        *store,
                                          GError        **error);
gboolean    wm_store_commit              (WmStore        *store,
                                          GError        **error);
void        wm_store_rollback            (WmStore        *store);
gboolean    wm_store_integrity_check     (WmStore        *store,
                                          GError        **error);

/* Schools */
gint64      wm_store_ensure_school       (WmStore        *store,
                                          const char     *lea,
                                          const char     *estab,
                                          const char     *urn,
                                          const char     *name,
                                          GError        **error);
gint64      wm_store_find_school         (WmStore        *store,
                                          const char     *lea,
                                          const char     *estab);

/**
 * WmSchoolDetails:
 * @address: (nullable): the school's postal address, lines separated by
 *   newlines
 * @phone: (nullable): the school's telephone number
 * @email: (nullable): the school's email address
 * @signatory_name: (nullable): who signs the school's letters
 * @signatory_role: (nullable): the signatory's role, such as "Headteacher"
 *
 * What the letters print about a school that no import carries. %NULL
 * means "not entered".
 */
typedef struct
{
  char *address;
  char *phone;
  char *email;
  char *signatory_name;
  char *signatory_role;
} WmSchoolDetails;

void        wm_school_details_clear      (WmSchoolDetails *details);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmSchoolDetails, wm_school_details_clear)

gboolean    wm_school_details_validate   (const WmSchoolDetails *details,
                                          GError        **error);
gboolean    wm_store_get_school_details  (WmStore        *store,
                                          gint64          school_id,
                                          WmSchoolDetails *out_details,
                                          GError        **error);
gboolean    wm_store_set_school_details  (WmStore        *store,
                                          gint64          school_id,
                                          const WmSchoolDetails *details,
                                          GError        **error);

/* Pupils and contacts */
gint64      wm_store_find_pupil_by_upn   (WmStore        *store,
                                          const char     *upn);
gint64      wm_store_upsert_pupil        (WmStore        *store,
                                          const WmPupilRecord *record,
                                          gint64          school_id,
                                          gboolean       *out_created,
                                          GError        **error);
gboolean    wm_store_get_pupil           (WmStore        *store,
                                          gint64          pupil_id,
                                          WmPupilRecord  *out_record,
                                          gint64         *out_school_id,
                                          GError        **error);
gboolean    wm_store_replace_contacts    (WmStore        *store,
                                          gint64          pupil_id,
                                          const WmContactRecord *contacts,
                                          guint           n_contacts,
                                          GError        **error);
GPtrArray  *wm_store_list_contacts       (WmStore        *store,
                                          gint64          pupil_id,
                                          GError        **error);
GPtrArray  *wm_store_list_pupils         (WmStore        *store,
                                          GError        **error);
GPtrArray  *wm_store_list_pupils_by_id   (WmStore        *store,
                                          GArray         *pupil_ids,
                                          GError        **error);
GArray     *wm_store_list_pupil_ids      (WmStore        *store,
                                          GError        **error);
GArray     *wm_store_list_stale_pupil_ids (WmStore       *store,
                                          WmDay           as_of,
                                          GError        **error);

/* Imports */
gint64      wm_store_begin_import        (WmStore        *store,
                                          const char     *kind,
                                          const char     *file_name,
                                          const char     *sha256,
                                          GError        **error);
gboolean    wm_store_finish_import       (WmStore        *store,
                                          gint64          import_id,
                                          gint64          school_id,
                                          guint           n_pupils,
                                          guint           n_marks_set,
                                          guint           n_marks_changed,
                                          const char     *warnings,
                                          GError        **error);

/* Roll exports (wm-store-roll.c) */

/**
 * WmRollChange:
 * @day: the date of the school's newest roll export (see
 *   wm_store_record_roll_export()), or %WM_DAY_NONE when there is none
 * @previous_day: the date of the roll export before it, or %WM_DAY_NONE
 * @n_listed: the pupils the newest export lists
 * @n_previous: the pupils the export before it lists
 * @left_out: (element-type gint64): the pupils the export before lists and
 *   the newest one does not, in ascending order
 *
 * What changed on a school's roll between its two newest exports (see
 * wm_store_load_roll_change()).
 */
typedef struct
{
  WmDay   day;
  WmDay   previous_day;
  guint   n_listed;
  guint   n_previous;
  GArray *left_out;
} WmRollChange;

gboolean    wm_store_record_roll_export  (WmStore        *store,
                                          gint64          import_id,
                                          const GArray   *pupil_ids,
                                          WmDay           export_day,
                                          GError        **error);
void        wm_roll_change_clear         (WmRollChange   *change);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmRollChange, wm_roll_change_clear)

gboolean    wm_store_load_roll_change    (WmStore        *store,
                                          gint64          school_id,
                                          WmDay           as_of,
                                          WmRollChange   *out,
                                          GError        **error);
gboolean    wm_roll_change_leaves_out    (const WmRollChange *change,
                                          gint64          pupil_id);

/* Register marks */
gboolean    wm_store_merge_marks         (WmStore        *store,
                                          gint64          import_id,
                                          gint64          pupil_id,
                                          gint64          school_id,
                                          const WmRegister *marks,
                                          guint          *out_n_set,
                                          guint          *out_n_changed,
                                          GError        **error);
WmRegister *wm_store_load_register       (WmStore        *store,
                                          gint64          pupil_id,
                                          gint64          school_id,
                                          GError        **error);
gint64      wm_store_get_mark_import     (WmStore        *store,
                                          gint64          pupil_id,
                                          gint64          school_id,
                                          WmDay           day,
                                          WmSession       session);
gboolean    wm_store_rebuild_calendar    (WmStore        *store,
                                          gint64          school_id,
                                          GError        **error);
WmCalendar *wm_store_load_calendar       (WmStore        *store,
                                          gint64          school_id,
                                          GError        **error);
gboolean    wm_store_add_attendance_history (WmStore     *store,
                                          gint64          pupil_id,
                                          gint64          import_id,
                                          guint           year,
                                          const char     *lea,
                                          const char     *estab,
                                          const char     *school_name,
                                          gint            sessions_possible,
                                          gint            sessions_authorised,
                                          gint            sessions_unauthorised,
                                          WmDay           start_date,
                                          const char     *marks,
                                          GError        **error);

/**
 * WmTermKind:
 * @WM_TERM_KIND_TERM: a term: the school opens on its weekdays, bank
 *   holidays excepted
 * @WM_TERM_KIND_CLOSURE: a closure inside a term, such as a training day
 *   or a half term entered inside one long term
 *
 * The two kinds of entry in a school's calendar.
 */
typedef enum
{
  WM_TERM_KIND_TERM,
  WM_TERM_KIND_CLOSURE,
} WmTermKind;

/**
 * WmSchoolTerm:
 * @id: the stored row's id, 0 before it is stored
 * @kind: a term or a closure
 * @name: the term's name ("Spring 1") or the closure's reason
 *   ("Training day")
 * @first_day: the first day
 * @last_day: the last day, on or after @first_day
 *
 * One entry of the term dates entered or imported for a school.
 */
typedef struct
{
  gint64      id;
  WmTermKind  kind;
  char       *name;
  WmDay       first_day;
  WmDay       last_day;
} WmSchoolTerm;

void          wm_school_term_free        (WmSchoolTerm   *term);
WmSchoolTerm *wm_school_term_copy        (const WmSchoolTerm *term);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSchoolTerm, wm_school_term_free)

/* Term dates and closures (wm-store-terms.c) */
GPtrArray  *wm_store_list_terms          (WmStore        *store,
                                          gint64          school_id,
                                          GError        **error);
gint64      wm_store_add_term            (WmStore        *store,
                                          gint64          school_id,
                                          const WmSchoolTerm *term,
                                          GError        **error);
gboolean    wm_store_change_term         (WmStore        *store,
                                          gint64          school_id,
                                          const WmSchoolTerm *term,
                                          GError        **error);
gboolean    wm_store_remove_term         (WmStore        *store,
                                          gint64          school_id,
                                          WmTermKind      kind,
                                          gint64          id,
                                          GError        **error);

/* Rule values */
gboolean    wm_store_load_rules          (WmStore        *store,
                                          gint64          school_id,
                                          WmRules        *out_rules,
                                          GError        **error);
gboolean    wm_store_set_rule            (WmStore        *store,
                                          gint64          school_id,
                                          const char     *key,
                                          gint64          value,
                                          GError        **error);

/* Evaluations and level history */
gboolean    wm_store_save_evaluation     (WmStore        *store,
                                          gint64          pupil_id,
                                          const WmEvaluation *evaluation,
                                          gboolean       *out_level_changed,
                                          GError        **error);
gboolean    wm_store_mark_dirty          (WmStore        *store,
                                          gint64          pupil_id,
                                          GError        **error);
GArray     *wm_store_take_dirty          (WmStore        *store,
                                          GError        **error);

/* Response summaries and notifications sent (wm-store-summaries.c) */
gboolean    wm_store_save_response_summary (WmStore      *store,
                                          gint64          pupil_id,
                                          const WmResponseSummary *summary,
                                          GError        **error);
gboolean    wm_store_get_response_summary (WmStore       *store,
                                          gint64          pupil_id,
                                          WmResponseSummary *out,
                                          gboolean       *out_found,
                                          GError        **error);
gboolean    wm_store_claim_notification  (WmStore        *store,
                                          const char     *key,
                                          gboolean       *out_claimed,
                                          GError        **error);
gboolean    wm_store_was_notified        (WmStore        *store,
                                          const char     *key,
                                          gboolean       *out_sent,
                                          GError        **error);

/* Audit log */
gboolean    wm_store_audit               (WmStore        *store,
                                          const char     *action,
                                          const char     *object_kind,
                                          gint64          object_id,
                                          const char     *detail,
                                          GError        **error);
gboolean    wm_store_verify_audit        (WmStore        *store,
                                          gint64         *out_bad_entry,
                                          GError        **error);

/* Timeline */

/**
 * WmTimelineEntry:
 * @day: the calendar date the event is about
 * @recorded_at: when it was recorded, a UTC timestamp in ISO 8601
 * @kind: "import", "level-change" or a case record's kind, such as
 *   "home-visit"
 * @title: a one-line summary for the list
 * @detail: more text, may be %NULL
 * @object_id: the row the entry comes from (for a case record, its id)
 * @amended: for a case record, whether it was amended after it was
 *   finalised
 */
typedef struct
{
  WmDay     day;
  char     *recorded_at;
  char     *kind;
  char     *title;
  char     *detail;
  gint64    object_id;
  gboolean  amended;
} WmTimelineEntry;

void        wm_timeline_entry_free       (WmTimelineEntry *entry);
GPtrArray  *wm_store_list_timeline       (WmStore        *store,
                                          gint64          pupil_id,
                                          GError        **error);

G_END_DECLS
