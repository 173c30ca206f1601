/* wm-response-json.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response.h"

#include "wm-letter-figures.h"

static void
add_date (WmJsonWriter *writer,
          const char   *key,
          WmDay         day)
{
  char iso[11];

  if (day == WM_DAY_NONE)
    {
      wm_json_writer_null (writer, key);
      return;
    }

  wm_day_to_iso_buf (day, iso);
  wm_json_writer_string (writer, key, iso);
}

/* A record id of 0 means "no record" and is written as null. */
static void
add_record_id (WmJsonWriter *writer,
               gint64        record_id)
{
  if (record_id == 0)
    wm_json_writer_null (writer, "record_id");
  else
    wm_json_writer_int (writer, "record_id", record_id);
}

static void
add_routes (WmJsonWriter     *writer,
            const WmResponse *response)
{
  wm_json_writer_begin_array (writer, "routes");
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      wm_json_writer_string (writer, NULL,
                             wm_route_kind_to_string (route->kind));
    }
  wm_json_writer_end_array (writer);

  add_date (writer, "threshold_met_on", response->threshold_met_on);
}

static void
add_pattern (WmJsonWriter *writer,
             const char   *kind,
             gint64        count,
             const char   *sentence)
{
  wm_json_writer_begin_object (writer, NULL);
  wm_json_writer_string (writer, "kind", kind);
  wm_json_writer_int (writer, "count", count);
  wm_json_writer_string (writer, "sentence", sentence);
  wm_json_writer_end_object (writer);
}

static void
add_patterns (WmJsonWriter     *writer,
              const WmResponse *response)
{
  wm_json_writer_begin_array (writer, "patterns");
  for (guint i = 0; i < response->patterns->len; i++)
    {
      const WmPattern *pattern = g_ptr_array_index (response->patterns, i);

      add_pattern (writer, wm_pattern_kind_to_string (pattern->kind),
                   pattern->count, pattern->sentence);
    }

  if (response->uncontacted_sentence != NULL)
    add_pattern (writer, "no-first-day-contact",
                 response->uncontacted_days->len,
                 response->uncontacted_sentence);
  wm_json_writer_end_array (writer);
}

static void
add_checklist (WmJsonWriter     *writer,
               const WmResponse *response)
{
  wm_json_writer_begin_array (writer, "checklist");
  for (guint i = 0; i < response->checklist->len; i++)
    {
      const WmChecklistItem *item = g_ptr_array_index (response->checklist, i);

      wm_json_writer_begin_object (writer, NULL);
      wm_json_writer_string (writer, "item", item->key);
      wm_json_writer_boolean (writer, "done", item->done);
      add_record_id (writer, item->record_id);
      wm_json_writer_string (writer, "sentence", item->sentence);
      wm_json_writer_end_object (writer);
    }
  wm_json_writer_end_array (writer);
}

static void
add_step (WmJsonWriter          *writer,
          const WmStepReadiness *step)
{
  wm_json_writer_begin_object (writer, wm_legal_step_to_string (step->step));
  wm_json_writer_boolean (writer, "ready", step->ready);

  wm_json_writer_begin_array (writer, "missing");
  for (guint i = 0; i < step->items->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (step->items, i);

      if (item->satisfied)
        continue;

      wm_json_writer_begin_object (writer, NULL);
      wm_json_writer_string (writer, "item", item->key);
      wm_json_writer_string (writer, "sentence", item->sentence);
      wm_json_writer_end_object (writer);
    }
  wm_json_writer_end_array (writer);
  wm_json_writer_end_object (writer);
}

static void
add_deadlines (WmJsonWriter     *writer,
               const WmResponse *response)
{
  wm_json_writer_begin_array (writer, "deadlines");
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      wm_json_writer_begin_object (writer, NULL);
      add_date (writer, "date", deadline->day);
      wm_json_writer_string (writer, "status",
                             wm_due_status_to_string (deadline->status));
      wm_json_writer_string (writer, "what", deadline->key);
      add_record_id (writer, deadline->record_id);
      wm_json_writer_string (writer, "sentence", deadline->sentence);
      wm_json_writer_end_object (writer);
    }
  wm_json_writer_end_array (writer);
}

static void
add_figures (WmJsonWriter          *writer,
             const char            *key,
             const WmLetterFigures *figures)
{
  g_autofree char *percent = NULL;

  if (figures->percent_tenths != WM_PERCENT_NULL)
    percent = wm_percent_format (figures->percent_tenths);

  wm_json_writer_begin_object (writer, key);
  add_date (writer, "window_start", figures->window_start);
  add_date (writer, "window_end", figures->window_end);
  wm_json_writer_string (writer, "percent", percent);
  wm_json_writer_int (writer, "unauthorised", figures->unauthorised);
  wm_json_writer_end_object (writer);
}

static void
add_stale_letters (WmJsonWriter     *writer,
                   const WmResponse *response)
{
  wm_json_writer_begin_array (writer, "stale_letters");
  for (guint i = 0; i < response->stale_letters->len; i++)
    {
      const WmStaleLetter *letter =
        g_ptr_array_index (response->stale_letters, i);

      wm_json_writer_begin_object (writer, NULL);
      wm_json_writer_int (writer, "letter_id", letter->letter_id);
      add_record_id (writer, letter->record_id);
      add_date (writer, "letter_date", letter->day);
      add_figures (writer, "was", &letter->was);
      add_figures (writer, "now", &letter->now);
      wm_json_writer_string (writer, "reason", letter->reason);
      wm_json_writer_end_object (writer);
    }
  wm_json_writer_end_array (writer);
}

/**
 * wm_response_write_json_members:
 * @response: a pupil's response
 * @writer: a writer inside the pupil's object
 *
 * Writes the nested keys of the evaluation output into the pupil's
 * object: `routes` (route names, safeguarding first), `threshold_met_on`
 * (an ISO date or null), `patterns` (kind, count and sentence of each,
 * with "no-first-day-contact" last when absence days have no first-day
 * call), `checklist` (item, done, record_id, sentence), `readiness` (an
 * object per step with `ready` and its `missing` items) and `deadlines`
 * (date, status, what, record_id, sentence), `stale_letters` and `notes`
 * when there are any.
 *
 * `stale_letters` lists the letters whose figures a later import changed,
 * each with letter_id, record_id and letter_date. Its `was` object holds
 * the figures the letter quoted and `now` those of the register now, both
 * with window_start, window_end, percent and unauthorised. Its `reason`
 * gives the change in words.
 */
void
wm_response_write_json_members (const WmResponse *response,
                                WmJsonWriter     *writer)
{
  g_return_if_fail (response != NULL);
  g_return_if_fail (writer != NULL);

  add_routes (writer, response);
  add_patterns (writer, response);
  add_checklist (writer, response);

  wm_json_writer_begin_object (writer, "readiness");
  for (guint i = 0; i < WM_N_LEGAL_STEPS; i++)
    add_step (writer, &response->steps[i]);
  wm_json_writer_end_object (writer);

  add_deadlines (writer, response);
  add_stale_letters (writer, response);

  if (response->notes->len == 0)
    return;

  wm_json_writer_begin_array (writer, "notes");
  for (guint i = 0; i < response->notes->len; i++)
    wm_json_writer_string (writer, NULL, g_ptr_array_index (response->notes, i));
  wm_json_writer_end_array (writer);
}
