/* wm-letters-values.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-letters-private.h"

#include <string.h>

#include "wm-deadlines.h"
#include "wm-engine.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-response.h"
#include "wm-store-response-rules.h"

/*
 * The merge values a letter takes from the record it is made from. A
 * letter is evidence of what the record says, so each value comes from
 * the record wherever the record contains it, and a value the record should
 * contain but does not is rejected, naming the record's own field, so
 * that the officer amends the record rather than typing the value into
 * the letter alone.
 */

/* The values each kind of record must supply, with the record field that
 * contains each. */
typedef struct
{
  const char *kind;
  const char *merge_field;
  const char *record_field;
} Needed;

static const Needed needed[] = {
  { "meeting", "meeting.time", "time" },
  { "meeting", "meeting.place", "place" },
  { "notice-to-improve", "notice.target", "target" },
  { "notice-to-improve", "support.given", "support_given" },
  { "notice-to-improve", "support.offered", "support_offered" },
  { "home-visit", "visit.time", "time" },
};

/* Helpers */

static const char *
body_string (JsonObject *body,
             const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static WmDay
body_day (JsonObject *body,
          const char *name)
{
  const char *text = body_string (body, name);

  return text != NULL ? wm_day_from_iso (text) : WM_DAY_NONE;
}

/* Takes @value; an empty or NULL value is left out, so that the check
 * below names it. */
static void
put (GHashTable *values,
     const char *name,
     char       *value)
{
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }

  g_hash_table_replace (values, (gpointer) name, value);
}

static void
put_text (GHashTable *values,
          const char *name,
          JsonObject *body,
          const char *field)
{
  const char *text = body_string (body, field);

  put (values, name, text != NULL ? g_strstrip (g_strdup (text)) : NULL);
}

static void
put_day (GHashTable *values,
         const char *name,
         WmDay       day)
{
  if (day != WM_DAY_NONE)
    put (values, name, wm_day_format_long (day));
}

/* The Notice to Improve's period */

static const WmDeadline *
find_deadline (const WmResponse *response,
               gint64            record_id,
               const char       *key)
{
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *d = g_ptr_array_index (response->deadlines, i);

      if (d->record_id == record_id && g_strcmp0 (d->key, key) == 0)
        return d;
    }

  return NULL;
}

/* "4 school weeks": the notice must say how the period is counted, and
 * it is counted as the school's rule values say. */
static char *
period_length (WmStore        *store,
               const WmRecord *notice,
               GError        **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  WmResponseRules rules;
  gint64 weeks = json_object_get_int_member_with_default (
    notice->body, "improvement_weeks", 0);
  gint64 school_id = 0;

  if (weeks <= 0)
    return NULL;

  if (!wm_store_get_pupil (store, notice->pupil_id, &pupil, &school_id, error)
      || !wm_store_load_response_rules (store, school_id, &rules, error))
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", weeks,
                          wm_period_basis_label (rules.improvement_basis));
}

/* The end and review of the period as the Escalation page shows them,
 * counted from the day the notice was received (or issued). A date the
 * record contains wins over the computed one. */
static gboolean
put_period (GHashTable     *values,
            WmStore        *store,
            const WmRecord *notice,
            WmDay           date,
            GError        **error)
{
  g_autoptr(WmEngine) engine = wm_engine_new (store, date);
  g_autoptr(WmResponse) response = NULL;
  const WmDeadline *end, *review;
  WmDay start = body_day (notice->body, "received_date");

  put_day (values, "notice.start", start != WM_DAY_NONE ? start : notice->day);
  put (values, "notice.length", period_length (store, notice, error));
  if (error != NULL && *error != NULL)
    return FALSE;

  response = wm_engine_respond_pupil (engine, notice->pupil_id, error);
  if (response == NULL)
    return FALSE;

  end = find_deadline (response, notice->id, "notice-to-improve-end");
  review = find_deadline (response, notice->id, "notice-to-improve-review");
  put_day (values, "notice.end", body_day (notice->body, "end_date"));
  if (end != NULL && !g_hash_table_contains (values, "notice.end"))
    put_day (values, "notice.end", end->day);
  if (review != NULL)
    put_day (values, "notice.review", review->day);

  return TRUE;
}

/* Private API */

/**
 * _wm_letters_record_values:
 * @store: a store
 * @record: the finalised record the letters are made from
 * @date: the letters' date, the day the attendance figures are as of
 * @error: return location for a #GError
 *
 * Collects the merge values @record supplies: for a meeting its date,
 * time and place; for a Notice to Improve its start (the day received,
 * or issued), length with the basis it is counted on ("4 school weeks"),
 * end and review (the record's end date if it contains one, otherwise as
 * computed for the Escalation page), target and the support given and
 * offered; for a home visit its date and time. A value the record leaves
 * empty is left out.
 *
 * Returns: (transfer full) (element-type utf8 utf8): static field names
 *   to values, or %NULL with @error set when the period cannot be read
 */
GHashTable *
_wm_letters_record_values (WmStore         *store,
                           const WmRecord  *record,
                           WmDay            date,
                           GError         **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash,
                                                        g_str_equal, NULL,
                                                        g_free);
  const char *kind = record->kind->name;
  JsonObject *body = record->body;

  for (gsize i = 0; i < G_N_ELEMENTS (needed); i++)
    if (strcmp (needed[i].kind, kind) == 0)
      put_text (values, needed[i].merge_field, body, needed[i].record_field);

  if (strcmp (kind, "meeting") == 0)
    put_day (values, "meeting.date", record->day);
  else if (strcmp (kind, "home-visit") == 0)
    put_day (values, "visit.date", record->day);
  else if (strcmp (kind, "notice-to-improve") == 0
           && !put_period (values, store, record, date, error))
    return NULL;

  return g_steal_pointer (&values);
}

/**
 * _wm_letters_check_record_values:
 * @record: the record the letters are made from
 * @values: (element-type utf8 utf8): every merge value of the letters
 * @error: return location for a #GError
 *
 * Rejects letters that would print a value the record should contain but
 * does not, naming the record's field, so that the officer completes the
 * record: "The meeting of 1 April 2026 has no Place, which the letter
 * prints as {meeting.place}. Amend the record to add it, then make the
 * letters."
 *
 * Returns: %TRUE when every such value is there; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT
 */
gboolean
_wm_letters_check_record_values (const WmRecord  *record,
                                 GHashTable      *values,
                                 GError         **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      const WmFieldSpec *field;
      g_autofree char *day = NULL;

      if (strcmp (needed[i].kind, record->kind->name) != 0
          || g_hash_table_contains (values, needed[i].merge_field))
        continue;

      field = wm_record_kind_find_field (record->kind,
                                         needed[i].record_field);
      day = wm_day_format_long (record->day);
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The %s of %s has no %s, which the letter prints as {%s}. "
                      "Amend the record to add it, then make the letters."),
                   E_(record->kind->label), day, E_(field->label),
                   needed[i].merge_field);
      return FALSE;
    }

  return TRUE;
}
