/* wm-response-util.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-private.h"

#include <string.h>

const char *
_wm_record_text (const WmRecord *record,
                 const char     *field)
{
  JsonNode *node = json_object_get_member (record->body, field);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

WmDay
_wm_record_date (const WmRecord *record,
                 const char     *field)
{
  WmDay day = WM_DAY_NONE;
  const char *text = _wm_record_text (record, field);

  if (text != NULL && !wm_day_parse_iso (text, &day))
    return WM_DAY_NONE;

  return day;
}

/* Whether @record is of @kind and, when @field is given, contains one of
 * @values in it. */
gboolean
_wm_record_has (const WmRecord     *record,
                const char         *kind,
                const char         *field,
                const char * const *values)
{
  const char *value;

  if (strcmp (record->kind->name, kind) != 0)
    return FALSE;
  if (field == NULL)
    return TRUE;

  value = _wm_record_text (record, field);
  return value != NULL && g_strv_contains (values, value);
}

/* The newest matching record dated on or before @as_of: a record written
 * about a later day is not evidence yet on @as_of. */
const WmRecord *
_wm_records_latest (GPtrArray          *records,
                    const char         *kind,
                    const char         *field,
                    const char * const *values,
                    WmDay               as_of)
{
  const WmRecord *best = NULL;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);

      if (!_wm_record_has (record, kind, field, values)
          || record->day == WM_DAY_NONE || record->day > as_of)
        continue;

      if (best == NULL || record->day > best->day
          || (record->day == best->day && record->id > best->id))
        best = record;
    }

  return best;
}

/**
 * _wm_response_parents:
 *
 * Legal steps address every person with parental responsibility
 * separately, so those are the parents a step needs.
 *
 * Returns: (transfer container) (element-type WmContactDetails): the
 *   contacts with parental responsibility, in the order given
 */
GPtrArray *
_wm_response_parents (GPtrArray *contacts)
{
  GPtrArray *parents = g_ptr_array_new ();

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      WmContactDetails *details = g_ptr_array_index (contacts, i);

      if (details->contact.parental_responsibility)
        g_ptr_array_add (parents, details);
    }

  return parents;
}

char *
_wm_contact_name (const WmContactRecord *contact)
{
  if (contact->forename == NULL || *contact->forename == '\0')
    return g_strdup (contact->surname != NULL ? contact->surname : "");

  return g_strdup_printf ("%s %s", contact->forename,
                          contact->surname != NULL ? contact->surname : "");
}

/* Compares names with case and surrounding spaces folded away, so that
 * "jane smith " on a letter matches the contact Jane Smith. */
static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return strcmp (g_strstrip (fa), g_strstrip (fb)) == 0;
}

/* A letter names its parent as the officer typed it: the full name, or
 * the title and surname ("Mrs Smith"). */
gboolean
_wm_contact_named (const WmContactRecord *contact,
                   const char            *text)
{
  g_autofree char *full = _wm_contact_name (contact);
  g_autofree char *titled = NULL;

  if (same_name (full, text))
    return TRUE;

  if (contact->title == NULL || contact->surname == NULL)
    return FALSE;

  titled = g_strdup_printf ("%s %s", contact->title, contact->surname);
  return same_name (titled, text);
}

/* Unauthorised absence (G, N, O, U under the 2024 regime), classified by
 * the regime in force on the session's own date, as the penalty threshold
 * counts it. */
gboolean
_wm_mark_is_unauthorised (WmMark mark,
                          WmDay  day)
{
  return wm_mark_is_code (mark)
         && wm_mark_category (mark, day) == WM_CATEGORY_UNAUTHORISED;
}

WmDueStatus
_wm_due_status (WmDay day,
                WmDay as_of)
{
  if (day < as_of)
    return WM_DUE_OVERDUE;

  return day == as_of ? WM_DUE_TODAY : WM_DUE_LATER;
}

/**
 * _wm_evidence_item_new:
 * @key: the item's name
 * @satisfied: whether the evidence is there
 * @record_id: the record that satisfies it, or 0
 * @sentence: (transfer full): what was found, or what to do
 *
 * Returns: (transfer full): a new item
 */
WmEvidenceItem *
_wm_evidence_item_new (const char *key,
                       gboolean    satisfied,
                       gint64      record_id,
                       char       *sentence)
{
  WmEvidenceItem *item = g_new0 (WmEvidenceItem, 1);

  item->key = key;
  item->satisfied = satisfied;
  item->record_id = record_id;
  item->sentence = sentence;
  return item;
}

void
_wm_evidence_item_free (WmEvidenceItem *item)
{
  if (item == NULL)
    return;

  g_free (item->sentence);
  g_free (item);
}

void
_wm_checklist_item_free (WmChecklistItem *item)
{
  if (item == NULL)
    return;

  g_free (item->sentence);
  g_free (item);
}

void
_wm_deadline_free (WmDeadline *deadline)
{
  if (deadline == NULL)
    return;

  g_free (deadline->sentence);
  g_free (deadline);
}
