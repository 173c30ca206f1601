/* wm-store-records.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-record.h"
#include "wm-store.h"

G_BEGIN_DECLS

/*
 * The case record in the store: records and their revisions, links
 * between records, full-text search, the people an officer adds
 * (contacts, alternative contacts, siblings) and the verification of the
 * whole database. Cases themselves are in wm-case.h.
 *
 * Every function works on whichever WmStore it is given, so a worker
 * thread can save with its own store. A write waits up to the store's
 * busy timeout for another program's lock and then fails with
 * %WM_ERROR_BUSY, leaving the caller's values untouched to save again.
 */

/**
 * WmRecordStatus:
 * @WM_RECORD_DRAFT: being written; saved as the officer types, not on the
 *   Timeline
 * @WM_RECORD_FINAL: finalised: append-only, changed only by amendments
 *
 * Where a record is in its life.
 */
typedef enum
{
  WM_RECORD_DRAFT,
  WM_RECORD_FINAL,
} WmRecordStatus;

/**
 * WmRecordListFlags:
 * @WM_RECORD_LIST_DEFAULT: leave restricted records out
 * @WM_RECORD_LIST_INCLUDE_RESTRICTED: include the restricted
 *   (safeguarding) records, for a user allowed to see them
 *
 * What a listing includes.
 */
typedef enum
{
  WM_RECORD_LIST_DEFAULT            = 0,
  WM_RECORD_LIST_INCLUDE_RESTRICTED = 1 << 0,
} WmRecordListFlags;

/**
 * WmRecord:
 * @id: the record's id
 * @case_id: the case it belongs to
 * @pupil_id: the case's pupil
 * @kind: the record's kind
 * @status: draft or final
 * @day: the record's date (its kind's date field), %WM_DAY_NONE while a
 *   draft has none
 * @revision: the number of the current revision, from 1
 * @body: the current revision's values
 * @created_at: when the record was first saved, a UTC timestamp
 * @created_by: (nullable): who wrote it
 * @finalised_at: (nullable): when it was finalised
 * @deleted_at: (nullable): when it was deleted, %NULL unless deleted
 * @deleted_by: (nullable): who deleted it
 *
 * A case record with its current revision.
 */
typedef struct
{
  gint64              id;
  gint64              case_id;
  gint64              pupil_id;
  const WmRecordKind *kind;
  WmRecordStatus      status;
  WmDay               day;
  guint               revision;
  JsonObject         *body;
  char               *created_at;
  char               *created_by;
  char               *finalised_at;
  char               *deleted_at;
  char               *deleted_by;
} WmRecord;

/**
 * WmRecordRevision:
 * @revision: its number, from 1
 * @body: the values
 * @reason: (nullable): why the record was amended; %NULL for the first
 *   revision
 * @created_at: when the revision was written, a UTC timestamp
 * @created_by: (nullable): who wrote it
 *
 * One revision of a record.
 */
typedef struct
{
  guint       revision;
  JsonObject *body;
  char       *reason;
  char       *created_at;
  char       *created_by;
} WmRecordRevision;

/**
 * WmRecordLink:
 * @from_id: the record the link starts from
 * @to_id: the record it points to
 * @kind: what the link means, such as "plan" (a record made under a plan)
 *   or "opened-by" (a safeguarding record opened by a home visit)
 *
 * A link between two records of one pupil.
 */
typedef struct
{
  gint64  from_id;
  gint64  to_id;
  char   *kind;
} WmRecordLink;

/**
 * WmSearchHit:
 * @pupil_id: the pupil
 * @record_id: the record
 * @kind: the record's kind
 * @day: the record's date
 * @snippet: the matching text with a few words around it
 *
 * One record found by wm_store_search_records().
 */
typedef struct
{
  gint64              pupil_id;
  gint64              record_id;
  const WmRecordKind *kind;
  WmDay               day;
  char               *snippet;
} WmSearchHit;

/**
 * WmContactDetails:
 * @id: the contact's id
 * @pupil_id: the pupil
 * @contact: the contact's details
 * @imported: whether the contact came from an imported file (a new
 *   import replaces those) or was entered by an officer
 * @alternative: whether the contact is one of the pupil's (at most three)
 *   alternative contacts
 * @details_checked_on: when the details were last checked with the
 *   family, %WM_DAY_NONE if never
 *
 * A contact of a pupil with what the officer keeps about it.
 */
typedef struct
{
  gint64           id;
  gint64           pupil_id;
  WmContactRecord  contact;
  gboolean         imported;
  gboolean         alternative;
  WmDay            details_checked_on;
} WmContactDetails;

/* The maximum number of alternative contacts of one pupil. */
#define WM_MAX_ALTERNATIVE_CONTACTS 3

void        wm_record_free                (WmRecord          *record);
void        wm_record_revision_free       (WmRecordRevision  *revision);
void        wm_record_link_free           (WmRecordLink      *link);
void        wm_search_hit_free            (WmSearchHit       *hit);
void        wm_contact_details_free       (WmContactDetails  *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRecord, wm_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRecordRevision, wm_record_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRecordLink, wm_record_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSearchHit, wm_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmContactDetails, wm_contact_details_free)

/* Records */
gint64      wm_record_save_draft          (WmStore           *store,
                                           gint64             case_id,
                                           gint64             record_id,
                                           const char        *kind,
                                           JsonObject        *body,
                                           const char        *author,
                                           GError           **error);
gboolean    wm_record_finalise            (WmStore           *store,
                                           gint64             record_id,
                                           const char        *author,
                                           GError           **error);
gboolean    wm_record_amend               (WmStore           *store,
                                           gint64             record_id,
                                           JsonObject        *body,
                                           const char        *reason,
                                           const char        *author,
                                           GError           **error);
gboolean    wm_record_delete              (WmStore           *store,
                                           gint64             record_id,
                                           const char        *author,
                                           GError           **error);
gboolean    wm_record_restore             (WmStore           *store,
                                           gint64             record_id,
                                           const char        *author,
                                           GError           **error);
WmRecord   *wm_record_get                 (WmStore           *store,
                                           gint64             record_id,
                                           GError           **error);
GPtrArray  *wm_record_list_revisions      (WmStore           *store,
                                           gint64             record_id,
                                           GError           **error);
GPtrArray  *wm_record_list_drafts         (WmStore           *store,
                                           gint64             case_id,
                                           WmRecordListFlags  flags,
                                           GError           **error);
GPtrArray  *wm_record_list_for_case       (WmStore           *store,
                                           gint64             case_id,
                                           WmRecordListFlags  flags,
                                           GError           **error);

/* Links between records */
gboolean    wm_record_link                (WmStore           *store,
                                           gint64             from_id,
                                           gint64             to_id,
                                           const char        *kind,
                                           GError           **error);
GPtrArray  *wm_record_list_links          (WmStore           *store,
                                           gint64             record_id,
                                           GError           **error);

/* Search and the Timeline */
GPtrArray  *wm_store_search_records       (WmStore           *store,
                                           const char        *query,
                                           gboolean           include_restricted,
                                           GError           **error);
GPtrArray  *wm_store_list_timeline_filtered (WmStore         *store,
                                           gint64             pupil_id,
                                           const char * const *kinds,
                                           WmRecordListFlags  flags,
                                           GError           **error);

/* People the officer adds */
gint64      wm_store_add_contact          (WmStore           *store,
                                           gint64             pupil_id,
                                           const WmContactRecord *contact,
                                           gboolean           alternative,
                                           WmDay              details_checked_on,
                                           GError           **error);
gboolean    wm_store_set_contact_checked  (WmStore           *store,
                                           gint64             contact_id,
                                           WmDay              checked_on,
                                           GError           **error);
gboolean    wm_store_set_contact_alternative (WmStore        *store,
                                           gint64             contact_id,
                                           gboolean           alternative,
                                           GError           **error);
GPtrArray  *wm_store_list_contact_details (WmStore           *store,
                                           gint64             pupil_id,
                                           GError           **error);
gboolean    wm_store_link_siblings        (WmStore           *store,
                                           gint64             pupil_id,
                                           gint64             sibling_id,
                                           GError           **error);
gboolean    wm_store_unlink_siblings      (WmStore           *store,
                                           gint64             pupil_id,
                                           gint64             sibling_id,
                                           GError           **error);
GArray     *wm_store_list_siblings        (WmStore           *store,
                                           gint64             pupil_id,
                                           GError           **error);

/* Verification */
gboolean    wm_store_verify               (WmStore           *store,
                                           guint             *out_n_entries,
                                           GError           **error);

G_END_DECLS
