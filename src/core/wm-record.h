/* wm-record.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wm-date.h"

G_BEGIN_DECLS

/*
 * The kinds of case record (contact, home visit, meeting, plans, referral,
 * legal steps, safeguarding, note) kept as data: a table of kinds, each
 * with its fields. A record's values are a JSON object whose members are
 * the field names. The forms, the validation, the storage, the search
 * text and the per-kind SQL views all read the same table.
 *
 * How each field type is held in the JSON object:
 *   date       a string: the calendar date as `YYYY-MM-DD` once stored;
 *              a form may pass what the officer typed (`DD/MM/YYYY`)
 *   time       a string: local wall-clock time `HH:MM`
 *   text       a string of one line; long text: any string
 *   bool       true or false
 *   choice     a string: the value (not the label) of one of the choices
 *   integer    a whole number
 *   list       an array of objects, each checked against the item fields
 * A member that is missing or null means "not given".
 */

/**
 * WmFieldType:
 * @WM_FIELD_DATE: a calendar date
 * @WM_FIELD_TIME: a local wall-clock time of day
 * @WM_FIELD_TEXT: a short text, one line in a form
 * @WM_FIELD_LONG_TEXT: a text of any length, several lines in a form
 * @WM_FIELD_BOOL: yes or no
 * @WM_FIELD_CHOICE: one of a fixed set of values
 * @WM_FIELD_INTEGER: a whole number within a range
 * @WM_FIELD_LIST: a list of structured items
 *
 * The type of a record field.
 */
typedef enum
{
  WM_FIELD_DATE,
  WM_FIELD_TIME,
  WM_FIELD_TEXT,
  WM_FIELD_LONG_TEXT,
  WM_FIELD_BOOL,
  WM_FIELD_CHOICE,
  WM_FIELD_INTEGER,
  WM_FIELD_LIST,
} WmFieldType;

/**
 * WmRecordFlags:
 * @WM_RECORD_FLAG_NONE: an ordinary record
 * @WM_RECORD_FLAG_HEALTH: the record contains health data (special category
 *   data), which exports can leave out
 * @WM_RECORD_FLAG_RESTRICTED: the record belongs to the restricted
 *   safeguarding section: listing functions leave it out unless asked
 *   with %WM_RECORD_LIST_INCLUDE_RESTRICTED
 *
 * What kind of data a record kind holds.
 */
typedef enum
{
  WM_RECORD_FLAG_NONE       = 0,
  WM_RECORD_FLAG_HEALTH     = 1 << 0,
  WM_RECORD_FLAG_RESTRICTED = 1 << 1,
} WmRecordFlags;

/**
 * WmChoice:
 * @value: what is stored, such as "no-answer"
 * @label: the text shown to the officer, such as "No answer"
 *
 * One value of a choice field.
 */
typedef struct
{
  const char *value;
  const char *label;
} WmChoice;

typedef struct _WmFieldSpec WmFieldSpec;

/**
 * WmFieldSpec:
 * @name: the member name in the JSON object and the column in the kind's
 *   view, such as "next_visit_date"
 * @label: the name shown to the officer, in forms and in error messages
 * @type: the field's type
 * @required: whether a finalised record must have a value
 * @choices: for %WM_FIELD_CHOICE, the values, ended by a {%NULL, %NULL}
 * @min: for %WM_FIELD_INTEGER, the smallest value allowed
 * @max: for %WM_FIELD_INTEGER, the largest value allowed
 * @items: for %WM_FIELD_LIST, the fields of one item, ended by an entry
 *   whose @name is %NULL
 * @not_before: (nullable): for %WM_FIELD_DATE, another date field of the
 *   same record that this one may not precede
 * @with_field: (nullable): another field that must be given whenever this
 *   one is (a referral's date and its time)
 *
 * One field of a record kind.
 */
struct _WmFieldSpec
{
  const char           *name;
  const char           *label;
  WmFieldType           type;
  gboolean              required;
  const WmChoice       *choices;
  gint64                min;
  gint64                max;
  const WmFieldSpec    *items;
  const char           *not_before;
  const char           *with_field;
};

/**
 * WmRecordKind:
 * @name: the kind's name as stored, such as "home-visit"
 * @label: the name shown to the officer, such as "Home visit"
 * @view: the SQL view that shows records of this kind as a table, such as
 *   "home_visits"
 * @flags: health data or restricted
 * @fields: the fields, ended by an entry whose @name is %NULL
 * @date_field: the field that dates the record on the Timeline
 * @time_field: (nullable): the field with its time of day, if any
 * @title_field: (nullable): a choice or text field that the Timeline
 *   shows after the kind's label ("Home visit: No answer")
 * @summary_field: (nullable): a text field whose first line the Timeline
 *   shows as detail
 *
 * A kind of case record.
 */
typedef struct
{
  const char        *name;
  const char        *label;
  const char        *view;
  WmRecordFlags      flags;
  const WmFieldSpec *fields;
  const char        *date_field;
  const char        *time_field;
  const char        *title_field;
  const char        *summary_field;
} WmRecordKind;

const WmRecordKind * const *wm_record_kinds (guint *out_n_kinds);
const WmRecordKind *wm_record_kind_lookup      (const char         *name);
const WmFieldSpec  *wm_record_kind_find_field  (const WmRecordKind *kind,
                                                const char         *name);
const char         *wm_field_spec_choice_label (const WmFieldSpec  *field,
                                                const char         *value);

gboolean    wm_record_validate          (const WmRecordKind  *kind,
                                         JsonObject          *body,
                                         GError             **error);
gboolean    wm_record_validate_field    (const WmRecordKind  *kind,
                                         JsonObject          *body,
                                         const char         **out_field,
                                         char               **out_problem,
                                         GError             **error);
JsonObject *wm_record_normalize         (const WmRecordKind  *kind,
                                         JsonObject          *body);
WmDay       wm_record_body_day          (const WmRecordKind  *kind,
                                         JsonObject          *body);
char       *wm_record_body_search_text  (const WmRecordKind  *kind,
                                         JsonObject          *body);
char       *wm_record_body_title        (const WmRecordKind  *kind,
                                         JsonObject          *body);
char       *wm_record_body_summary      (const WmRecordKind  *kind,
                                         JsonObject          *body);

gboolean    wm_record_parse_date        (const char          *text,
                                         WmDay               *out_day);
gboolean    wm_record_parse_time        (const char          *text,
                                         guint               *out_minutes);

G_END_DECLS
