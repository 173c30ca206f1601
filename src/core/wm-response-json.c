/* wm-response-json.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response.h"

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *key,
          WmDay        day)
{
  g_autofree char *iso = day != WM_DAY_NONE ? wm_day_to_iso (day) : NULL;

  add_string (builder, key, iso);
}

/* A record id of 0 means "no record" and is written as null. */
static void
add_record_id (JsonBuilder *builder,
               gint64       record_id)
{
  json_builder_set_member_name (builder, "record_id");
  if (record_id == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, record_id);
}

static void
add_routes (JsonBuilder      *builder,
            const WmResponse *response)
{
  json_builder_set_member_name (builder, "routes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      json_builder_add_string_value (builder,
                                     wm_route_kind_to_string (route->kind));
    }
  json_builder_end_array (builder);

  add_date (builder, "threshold_met_on", response->threshold_met_on);
}

static void
add_patterns (JsonBuilder      *builder,
              const WmResponse *response)
{
  json_builder_set_member_name (builder, "patterns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->patterns->len; i++)
    {
      const WmPattern *pattern = g_ptr_array_index (response->patterns, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", wm_pattern_kind_to_string (pattern->kind));
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, pattern->count);
      add_string (builder, "sentence", pattern->sentence);
      json_builder_end_object (builder);
    }

  if (response->uncontacted_sentence != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "kind", "no-first-day-contact");
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, response->uncontacted_days->len);
      add_string (builder, "sentence", response->uncontacted_sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_checklist (JsonBuilder      *builder,
               const WmResponse *response)
{
  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->checklist->len; i++)
    {
      const WmChecklistItem *item = g_ptr_array_index (response->checklist, i);

      json_builder_begin_object (builder);
      add_string (builder, "item", item->key);
      json_builder_set_member_name (builder, "done");
      json_builder_add_boolean_value (builder, item->done);
      add_record_id (builder, item->record_id);
      add_string (builder, "sentence", item->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_step (JsonBuilder           *builder,
          const WmStepReadiness *step)
{
  json_builder_set_member_name (builder, wm_legal_step_to_string (step->step));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ready");
  json_builder_add_boolean_value (builder, step->ready);

  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < step->items->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (step->items, i);

      if (item->satisfied)
        continue;

      json_builder_begin_object (builder);
      add_string (builder, "item", item->key);
      add_string (builder, "sentence", item->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_deadlines (JsonBuilder      *builder,
               const WmResponse *response)
{
  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      json_builder_begin_object (builder);
      add_date (builder, "date", deadline->day);
      add_string (builder, "status", wm_due_status_to_string (deadline->status));
      add_string (builder, "what", deadline->key);
      add_record_id (builder, deadline->record_id);
      add_string (builder, "sentence", deadline->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * wm_response_add_json_members:
 * @response: a pupil's response
 * @builder: a builder inside the pupil's object
 *
 * Adds the nested keys of the evaluation output to the pupil's object:
 * `routes` (route names, safeguarding first), `threshold_met_on` (an ISO
 * date or null), `patterns` (kind, count and sentence of each, with
 * "no-first-day-contact" last when absence days have no first-day call),
 * `checklist` (item, done, record_id, sentence), `readiness` (an object
 * per step with `ready` and its `missing` items) and `deadlines` (date,
 * status, what, record_id, sentence), and `notes` when there are any.
 */
void
wm_response_add_json_members (const WmResponse *response,
                              JsonBuilder      *builder)
{
  g_return_if_fail (response != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  add_routes (builder, response);
  add_patterns (builder, response);
  add_checklist (builder, response);

  json_builder_set_member_name (builder, "readiness");
  json_builder_begin_object (builder);
  for (guint i = 0; i < WM_N_LEGAL_STEPS; i++)
    add_step (builder, &response->steps[i]);
  json_builder_end_object (builder);

  add_deadlines (builder, response);

  if (response->notes->len == 0)
    return;

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->notes->len; i++)
    json_builder_add_string_value (builder,
                                   g_ptr_array_index (response->notes, i));
  json_builder_end_array (builder);
}
