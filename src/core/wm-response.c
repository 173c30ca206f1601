/* wm-response.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response.h"

#include "wm-checklist.h"
#include "wm-i18n-private.h"
#include "wm-readiness.h"
#include "wm-response-private.h"

static void
route_free (WmRoute *route)
{
  if (route == NULL)
    return;

  g_free (route->sentence);
  g_free (route);
}

static void
add_route (WmResponse  *response,
           WmRouteKind  kind,
           WmDay        since,
           gint64       record_id,
           char        *sentence)
{
  WmRoute *route = g_new0 (WmRoute, 1);

  route->kind = kind;
  route->since = since;
  route->record_id = record_id;
  route->sentence = sentence;
  g_ptr_array_add (response->routes, route);
}

/* Routes ------------------------------------------------------------- */

/**
 * _wm_safeguarding_is_open:
 * @record: a safeguarding record
 * @as_of: the evaluation date
 *
 * A safeguarding concern is open from its date until it is closed with a
 * date and an outcome. A concern closed after @as_of was still open on
 * @as_of. A closed concern stays on the case as evidence but is no longer
 * a route and needs no referral.
 *
 * Returns: whether the concern was open on @as_of
 */
gboolean
_wm_safeguarding_is_open (const WmRecord *record,
                          WmDay           as_of)
{
  WmDay closed = _wm_record_date (record, "closed_date");

  return closed == WM_DAY_NONE || closed > as_of;
}

/* The newest concern dated on or before @as_of that is still open then. */
static const WmRecord *
latest_open_concern (const WmResponseInput *input)
{
  const WmRecord *best = NULL;

  for (guint i = 0; input->records != NULL && i < input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (input->records, i);

      if (!_wm_record_has (record, "safeguarding", NULL, NULL)
          || record->day == WM_DAY_NONE || record->day > input->as_of
          || !_wm_safeguarding_is_open (record, input->as_of))
        continue;

      if (best == NULL || record->day > best->day
          || (record->day == best->day && record->id > best->id))
        best = record;
    }

  return best;
}

/*
 * A safeguarding concern overrides every other display of the case, at
 * any attendance level, for as long as it is open. The newest open
 * concern is the route.
 */
static void
find_safeguarding (const WmResponseInput *input,
                   WmResponse            *response)
{
  const WmRecord *record = latest_open_concern (input);
  g_autofree char *day = NULL;

  if (record == NULL)
    return;

  day = wm_day_format_long (record->day);
  if (_wm_record_date (record, "referral_date") != WM_DAY_NONE)
    add_route (response, WM_ROUTE_SAFEGUARDING, record->day, record->id,
               g_strdup_printf (_("Safeguarding concern recorded on %s and "
                                  "referred to children's services"), day));
  else
    add_route (response, WM_ROUTE_SAFEGUARDING, record->day, record->id,
               g_strdup_printf (_("Safeguarding concern recorded on %s with no "
                                  "referral to children's services recorded: "
                                  "refer immediately"), day));
}

/*
 * One absence cannot be penalised twice. A penalty notice issued on or
 * before the evaluation date uses the unauthorised sessions of the days
 * it was issued for, so those no longer count towards the threshold or a
 * refused leave. A withdrawn notice uses none: its sessions count again.
 * A notice whose days are not recorded uses none either, because its
 * sessions are unknown.
 */
static GArray *
used_by_notices (const WmResponseInput *input)
{
  static const char * const withdrawn[] = { "withdrawn", NULL };
  GArray *used = g_array_new (FALSE, FALSE, sizeof (WmDayRange));

  for (guint i = 0; input->records != NULL && i < input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (input->records, i);
      WmDayRange range;

      if (!_wm_record_has (record, "penalty-notice", NULL, NULL)
          || _wm_record_has (record, "penalty-notice", "status", withdrawn)
          || record->day == WM_DAY_NONE || record->day > input->as_of)
        continue;

      range.first = _wm_record_date (record, "absence_first_date");
      range.last = _wm_record_date (record, "absence_last_date");
      if (range.first == WM_DAY_NONE || range.last == WM_DAY_NONE
          || range.last < range.first)
        continue;

      g_array_append_val (used, range);
    }

  return used;
}

static void
find_threshold (const WmResponseInput *input,
                WmResponse            *response,
                GArray                *used)
{
  wm_threshold_evaluate (input->reg, input->calendar, input->as_of,
                         input->rules, (const WmDayRange *) used->data,
                         used->len, &response->threshold);
  response->threshold_met_on = response->threshold.first_met;

  if (response->threshold.met)
    add_route (response, WM_ROUTE_PENALTY_THRESHOLD,
               response->threshold.first_met, 0,
               wm_threshold_describe (&response->threshold));
}

/* A refused leave request followed by enough unauthorised absence inside
 * its dates makes a case for a penalty notice at any level. */
static void
find_leave_refused (const WmResponseInput *input,
                    WmResponse            *response,
                    GArray                *used)
{
  static const char * const refused[] = { "refused", NULL };

  for (guint i = 0; input->records != NULL && i < input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (input->records, i);
      WmLeaveRefusedResult result;
      WmDayRange request;

      if (!_wm_record_has (record, "leave-request", "decision", refused))
        continue;

      request.first = _wm_record_date (record, "first_date");
      request.last = _wm_record_date (record, "last_date");
      if (request.first == WM_DAY_NONE || request.last < request.first)
        continue;

      wm_leave_refused_evaluate (input->reg, &request, input->as_of,
                                 input->response_rules,
                                 (const WmDayRange *) used->data, used->len,
                                 &result);
      if (result.met)
        add_route (response, WM_ROUTE_LEAVE_REFUSED, result.met_on,
                   record->id, wm_leave_refused_describe (&result));
    }
}

static void
find_missing_education (WmResponse *response)
{
  for (guint i = 0; i < response->patterns->len; i++)
    {
      const WmPattern *pattern = g_ptr_array_index (response->patterns, i);

      if (pattern->kind != WM_PATTERN_MISSING_EDUCATION)
        continue;

      add_route (response, WM_ROUTE_MISSING_EDUCATION, pattern->first, 0,
                 g_strdup (pattern->sentence));
      return;
    }
}

/*
 * A Common Transfer File can carry a single pupil (a transfer) or a
 * class, so an export that lists fewer than half the pupils of the one
 * before is taken as partial: the pupils it leaves out have not left the
 * roll, so it flags no pupil.
 */
static gboolean
roll_export_is_partial (const WmRollChange *change)
{
  return (guint64) change->n_listed * 2 < change->n_previous;
}

/*
 * A pupil listed by the school's previous roll export and left out of
 * its newest one, with no leaving date on or before the newer export,
 * has left the roll without the school saying why: the officer checks
 * with the school and tells the local authority, as for a pupil missing
 * education. A leaving date after the newer export does not explain the
 * pupil's absence from it.
 */
static char *
left_roll_sentence (const WmResponseInput *input)
{
  const WmRollChange *change = input->roll_change;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (change == NULL || change->previous_day == WM_DAY_NONE
      || change->day > input->as_of || roll_export_is_partial (change)
      || !wm_roll_change_leaves_out (change, input->pupil_id))
    return NULL;

  if (input->leaving_date != WM_DAY_NONE && input->leaving_date <= change->day)
    return NULL;

  before = wm_day_format_long (change->previous_day);
  after = wm_day_format_long (change->day);
  return g_strdup_printf (_("On roll in the export of %s but missing from "
                            "the export of %s, with no leaving date: check "
                            "with the school and tell the local authority"),
                          before, after);
}

/* The route is listed once: when the consecutive absence already put the
 * pupil on it, the roll's explanation is added to that route's, and the
 * route dates from whichever was met first. */
static void
find_left_roll (const WmResponseInput *input,
                WmResponse            *response)
{
  g_autofree char *sentence = left_roll_sentence (input);
  WmDay day = input->roll_change != NULL ? input->roll_change->day
                                         : WM_DAY_NONE;

  if (sentence == NULL)
    return;

  for (guint i = 0; i < response->routes->len; i++)
    {
      WmRoute *route = g_ptr_array_index (response->routes, i);
      char *both;

      if (route->kind != WM_ROUTE_MISSING_EDUCATION)
        continue;

      both = g_strdup_printf ("%s. %s", route->sentence, sentence);
      g_free (route->sentence);
      route->sentence = both;
      route->since = MIN (route->since, day);
      return;
    }

  add_route (response, WM_ROUTE_MISSING_EDUCATION, day, 0,
             g_steal_pointer (&sentence));
}

/* Patterns ----------------------------------------------------------- */

/* The period patterns are looked for in: the threshold period, which is
 * the longest period the graduated response looks back over. */
static WmDay
pattern_period_start (const WmResponse *response)
{
  return response->threshold.window_start;
}

static gboolean
is_absent_day (const WmRegister *reg,
               WmDay             day)
{
  for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM; session++)
    {
      WmMark mark = wm_register_get (reg, day, session);
      WmCategory category;

      if (!wm_mark_is_code (mark) || mark == WM_MARK_U)
        continue;

      category = wm_mark_category (mark, day);
      if (category == WM_CATEGORY_AUTHORISED
          || category == WM_CATEGORY_UNAUTHORISED)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_first_day_call (GPtrArray *records,
                    WmDay      day)
{
  static const char * const first_day[] = { "first-day-call", NULL };

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);

      if (record->day == day
          && _wm_record_has (record, "contact", "contact_kind", first_day))
        return TRUE;
    }

  return FALSE;
}

/*
 * Every absence needs a first-day call with the parent, with the reason
 * and the expected return recorded. A `U` is a late arrival, not an
 * absence the school rings about, so it is left out.
 */
static void
find_uncontacted (const WmResponseInput *input,
                  WmResponse            *response,
                  WmDay                  first)
{
  const WmRegister *reg = input->reg;
  g_autofree char *range = NULL;
  WmDay last;

  if (reg == NULL || reg->n_days == 0)
    return;

  first = MAX (first, reg->first_day);
  last = MIN (input->as_of, reg->first_day + reg->n_days - 1);
  for (WmDay day = first; day <= last; day++)
    if (is_absent_day (reg, day) && !has_first_day_call (input->records, day))
      g_array_append_val (response->uncontacted_days, day);

  if (response->uncontacted_days->len == 0)
    return;

  range = wm_day_range_format (first, last);
  response->uncontacted_sentence =
    g_strdup_printf ("%u absence day%s from %s with no first-day call "
                     "recorded that day",
                     response->uncontacted_days->len,
                     response->uncontacted_days->len == 1 ? "" : "s", range);
}

static void
find_patterns (const WmResponseInput *input,
               WmResponse            *response)
{
  WmDay first = pattern_period_start (response);

  if (first == WM_DAY_NONE || first > input->as_of)
    {
      response->patterns =
        g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pattern_free);
      return;
    }

  response->patterns = wm_patterns_find (input->reg, input->calendar, first,
                                         input->as_of, input->response_rules);
  find_uncontacted (input, response, first);
}

/* The praise-and-reward prompt: the toolkit expects it when a pupil
 * enters Level 1 from any higher level. */
static gboolean
moved_down_to_level_1 (const WmResponseInput *input)
{
  const WmEvaluation *e = input->evaluation;

  return e->level == 1 && e->level_high == 1 && input->previous_level >= 2;
}

static gint
compare_routes (gconstpointer a,
                gconstpointer b)
{
  const WmRoute *ra = *(WmRoute * const *) a;
  const WmRoute *rb = *(WmRoute * const *) b;

  return (gint) ra->kind - (gint) rb->kind;
}

static WmResponse *
response_new (const WmResponseInput *input)
{
  WmResponse *response = g_new0 (WmResponse, 1);

  response->as_of = input->as_of;
  response->evaluation = *input->evaluation;
  response->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  response->uncontacted_days = g_array_new (FALSE, FALSE, sizeof (WmDay));
  response->notes = g_ptr_array_new_with_free_func (g_free);
  response->stale_letters = input->stale_letters != NULL
    ? g_ptr_array_ref (input->stale_letters) : g_ptr_array_new ();
  return response;
}

/**
 * wm_response_compute:
 * @input: what the response is computed from
 *
 * Computes the graduated response of one pupil as of @input->as_of: the
 * routes (safeguarding first), the patterns over the threshold period
 * with the absence days that have no first-day call, the checklist of
 * interventions expected at the level, the readiness of each legal step
 * with its evidence items, and the deadlines. Every item carries a
 * sentence with its counts and dates. Reads no database.
 *
 * The safeguarding route is the newest concern still open on the date; a
 * closed one stays among the records but is no route. The unauthorised
 * sessions of the days a penalty notice was issued for, when it was
 * issued on or before the date and not withdrawn, count neither towards
 * the threshold nor towards a refused leave, and the routes' sentences
 * state how many were left out. The stale letters of @input are passed
 * through unchanged.
 *
 * A pupil whom the previous roll export of the school listed and its
 * newest one leaves out, with no leaving date on or before the newer
 * export, is on the missing-education route too, dated by the newer
 * export, unless that export lists fewer than half the pupils of the one
 * before (a transfer file or part of the roll). When the consecutive
 * absence also holds, the route is listed once with both explanations.
 *
 * Returns: (transfer full): the response
 */
WmResponse *
wm_response_compute (const WmResponseInput *input)
{
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(GArray) used = NULL;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->calendar != NULL, NULL);
  g_return_val_if_fail (input->evaluation != NULL, NULL);
  g_return_val_if_fail (input->as_of != WM_DAY_NONE, NULL);

  response = response_new (input);
  used = used_by_notices (input);

  find_safeguarding (input, response);
  find_threshold (input, response, used);
  find_leave_refused (input, response, used);
  find_patterns (input, response);
  find_missing_education (response);
  find_left_roll (input, response);
  g_ptr_array_sort (response->routes, compare_routes);

  response->praise = moved_down_to_level_1 (input);
  response->checklist = wm_checklist_build (input, response);
  wm_readiness_compute (input, response);
  response->deadlines = _wm_deadlines_compute (input, response->notes);

  return g_steal_pointer (&response);
}

void
wm_response_free (WmResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->routes, g_ptr_array_unref);
  g_clear_pointer (&response->patterns, g_ptr_array_unref);
  g_clear_pointer (&response->uncontacted_days, g_array_unref);
  g_free (response->uncontacted_sentence);
  g_clear_pointer (&response->checklist, g_ptr_array_unref);
  for (guint i = 0; i < WM_N_LEGAL_STEPS; i++)
    g_clear_pointer (&response->steps[i].items, g_ptr_array_unref);
  g_clear_pointer (&response->deadlines, g_ptr_array_unref);
  g_clear_pointer (&response->notes, g_ptr_array_unref);
  g_clear_pointer (&response->stale_letters, g_ptr_array_unref);
  g_free (response);
}

/**
 * wm_response_has_route:
 *
 * Returns: whether @response has a route of @kind
 */
gboolean
wm_response_has_route (const WmResponse *response,
                       WmRouteKind       kind)
{
  g_return_val_if_fail (response != NULL, FALSE);

  for (guint i = 0; i < response->routes->len; i++)
    if (((WmRoute *) g_ptr_array_index (response->routes, i))->kind == kind)
      return TRUE;

  return FALSE;
}

/**
 * wm_route_kind_to_string:
 *
 * Returns: the route's name in output, such as "penalty-threshold"
 */
const char *
wm_route_kind_to_string (WmRouteKind kind)
{
  static const char * const names[] = {
    "safeguarding", "penalty-threshold", "leave-refused", "missing-education",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

/**
 * wm_legal_step_to_string:
 *
 * Returns: the step's name in output, such as "notice-to-improve"
 */
const char *
wm_legal_step_to_string (WmLegalStep step)
{
  static const char * const names[] = {
    "warning-letter", "notice-to-improve", "attendance-contract",
    "penalty-notice", "prosecution", "leave-refused-penalty-notice",
    "eso-consideration",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == WM_N_LEGAL_STEPS);
  g_return_val_if_fail ((guint) step < G_N_ELEMENTS (names), NULL);
  return names[step];
}

/**
 * wm_due_status_to_string:
 *
 * Returns: "due", "due-today" or "overdue"
 */
const char *
wm_due_status_to_string (WmDueStatus status)
{
  static const char * const names[] = { "due", "due-today", "overdue" };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

/**
 * wm_pattern_kind_to_string:
 *
 * Returns: the pattern kind's name in output, such as "weekday"
 */
const char *
wm_pattern_kind_to_string (WmPatternKind kind)
{
  static const char * const names[] = {
    "weekday", "next-to-holiday", "end-of-term", "absence-runs", "lateness",
    "n-not-replaced", "missing-education",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}
