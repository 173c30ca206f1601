/* wm-response-deadlines.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-i18n-private.h"
#include "wm-response-private.h"

/*
 * The dates a case must meet: the end and review of each Notice to
 * Improve, the 21- and 28-day dates of each unpaid penalty notice, the
 * reviews of plans and contracts, the due dates of agreed actions and the
 * next home visit. Each is due, due today or overdue on the evaluation
 * date.
 */

typedef struct
{
  const WmResponseInput *input;
  GPtrArray             *deadlines;
  GPtrArray             *notes;
} Context;

static void
add_deadline (Context        *ctx,
              WmDay           day,
              const char     *key,
              const WmRecord *record,
              char           *sentence)
{
  WmDeadline *deadline = g_new0 (WmDeadline, 1);

  deadline->day = day;
  deadline->status = _wm_due_status (day, ctx->input->as_of);
  deadline->key = key;
  deadline->record_id = record->id;
  deadline->sentence = sentence;
  g_ptr_array_add (ctx->deadlines, deadline);
}

static void
add_note_once (Context    *ctx,
               const char *note)
{
  for (guint i = 0; i < ctx->notes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ctx->notes, i), note) == 0)
      return;

  g_ptr_array_add (ctx->notes, g_strdup (note));
}

/**
 * _wm_notice_to_improve_period:
 *
 * Computes a Notice to Improve's improvement period from the day it was
 * received (the issue date when no receipt is recorded), over the school
 * calendar extended into the future.
 *
 * Returns: %TRUE on success
 */
gboolean
_wm_notice_to_improve_period (const WmResponseInput  *input,
                              const WmRecord         *notice,
                              WmImprovementPeriod    *out,
                              GError                **error)
{
  const WmCalendar *calendar = input->future_calendar != NULL
                               ? input->future_calendar : input->calendar;
  WmDay received = _wm_record_date (notice, "received_date");
  gint64 weeks = json_object_get_int_member_with_default (
    notice->body, "improvement_weeks", 0);

  if (received == WM_DAY_NONE)
    received = notice->day;

  if (!wm_improvement_period_compute (received, (guint) CLAMP (weeks, 0, 13),
                                      calendar, input->response_rules, out,
                                      error))
    return FALSE;

  wm_improvement_period_note_assumed (out, input->assumed_days,
                                      input->n_assumed_days);
  return TRUE;
}

/**
 * _wm_penalty_deadlines:
 *
 * Computes a penalty notice's payment periods. A recorded date of
 * receipt wins; otherwise the receipt follows the service rule from the
 * issue date and the service method.
 *
 * Returns: %TRUE when the notice has an issue date
 */
gboolean
_wm_penalty_deadlines (const WmResponseInput *input,
                       const WmRecord        *notice,
                       WmPenaltyDeadlines    *out)
{
  g_autoptr(WmHolidays) england = NULL;
  const WmHolidays *holidays = input->holidays;
  WmServiceMethod method = g_strcmp0 (_wm_record_text (notice,
                                                       "service_method"),
                                      "hand") == 0
                           ? WM_SERVICE_HANDED : WM_SERVICE_POSTED;
  WmDay received = _wm_record_date (notice, "received_date");

  if (notice->day == WM_DAY_NONE)
    return FALSE;

  if (holidays == NULL)
    holidays = england = wm_holidays_new_england ();

  wm_penalty_deadlines_compute (notice->day, method, holidays,
                                input->response_rules, out);
  if (received != WM_DAY_NONE)
    {
      out->received = received;
      out->reduced_last_day = wm_period_last_day (received, out->reduced_days);
      out->full_last_day = wm_period_last_day (received, out->full_days);
    }

  return TRUE;
}

static void
add_notice_to_improve (Context        *ctx,
                       const WmRecord *notice)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *period_text = NULL;
  WmImprovementPeriod period;

  if (!_wm_notice_to_improve_period (ctx->input, notice, &period, &error))
    {
      add_note_once (ctx, error->message);
      return;
    }

  period_text = wm_improvement_period_describe (&period);
  add_deadline (ctx, period.last_day, "notice-to-improve-end", notice,
                /* Translators: %s describes the period, such as "4 school
                 * weeks (the weeks of ...), ending on ...". */
                g_strdup_printf (_("Notice to Improve: improvement period of %s"),
                                 period_text));
  add_deadline (ctx, period.review, "notice-to-improve-review", notice,
                g_strdup_printf (_("Review the Notice to Improve: %s"),
                                 period_text));

  if (period.assumed_first != WM_DAY_NONE)
    add_note_once (ctx, _("NOTE: the school's term dates are not entered for "
                          "the whole improvement period, so some school weeks "
                          "come from the usual pattern; enter the term dates "
                          "in Preferences, School Calendar"));
}

/* Payment dates matter only while the notice is unpaid. */
static void
add_penalty_notice (Context        *ctx,
                    const WmRecord *notice)
{
  g_autofree char *text = NULL;
  WmPenaltyDeadlines deadlines;

  if (g_strcmp0 (_wm_record_text (notice, "status"), "unpaid") != 0
      || !_wm_penalty_deadlines (ctx->input, notice, &deadlines))
    return;

  text = wm_penalty_deadlines_describe (&deadlines, ctx->input->response_rules,
                                        TRUE);
  add_deadline (ctx, deadlines.reduced_last_day, "penalty-reduced-period",
                notice, g_strdup_printf (_("Penalty notice, reduced amount: %s"),
                                         text));
  add_deadline (ctx, deadlines.full_last_day, "penalty-full-period", notice,
                g_strdup_printf (_("Penalty notice, full amount; unpaid after "
                                   "this goes to prosecution: %s"), text));
}

static void
add_review (Context        *ctx,
            const WmRecord *record,
            const char     *key)
{
  static const char * const closed[] = { "completed", "ended", NULL };
  WmDay review = _wm_record_date (record, "review_date");
  g_autofree char *day = NULL;
  g_autofree char *made = NULL;

  if (review == WM_DAY_NONE
      || _wm_record_has (record, "attendance-plan", "status", closed))
    return;

  day = wm_day_format_long (review);
  made = wm_day_format_long (record->day);
  add_deadline (ctx, review, key, record,
                /* Translators: the kind of record, such as "Attendance
                 * plan", the date it was made and the date of its review. */
                g_strdup_printf (_("Review the %s of %s on %s"),
                                 _(record->kind->label), made, day));
}

/* Each agreed action of a visit or a meeting with a due date. */
static void
add_agreed_actions (Context        *ctx,
                    const WmRecord *record)
{
  JsonNode *node = json_object_get_member (record->body, "agreed_actions");
  JsonArray *actions;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  actions = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      const char *text = json_object_get_string_member_with_default (
        action, "action", "");
      const char *due = json_object_get_string_member_with_default (
        action, "due_date", NULL);
      g_autofree char *made = wm_day_format_long (record->day);
      WmDay day;

      if (due == NULL || !wm_day_parse_iso (due, &day))
        continue;

      add_deadline (ctx, day, "agreed-action", record,
                    /* Translators: the kind of record, such as "Home
                     * visit", its date and the action as the officer
                     * wrote it. */
                    g_strdup_printf (_("Agreed action from the %s of %s: %s"),
                                     _(record->kind->label), made, text));
    }
}

/* The next home visit is due until a visit on or after its date is
 * recorded. */
static void
add_next_visit (Context        *ctx,
                const WmRecord *visit)
{
  WmDay next = _wm_record_date (visit, "next_visit_date");
  g_autofree char *day = NULL;

  if (next == WM_DAY_NONE)
    return;

  for (guint i = 0; i < ctx->input->records->len; i++)
    {
      const WmRecord *other = g_ptr_array_index (ctx->input->records, i);

      if (_wm_record_has (other, "home-visit", NULL, NULL)
          && other->day >= next)
        return;
    }

  day = wm_day_format_long (next);
  add_deadline (ctx, next, "next-home-visit", visit,
                g_strdup_printf (_("Next home visit, planned for %s"), day));
}

/* An open concern with no referral recorded needs one at once. A closed
 * concern needs none: its outcome is recorded. */
static void
add_safeguarding (Context        *ctx,
                  const WmRecord *record)
{
  g_autofree char *day = NULL;

  if (_wm_record_date (record, "referral_date") != WM_DAY_NONE
      || !_wm_safeguarding_is_open (record, ctx->input->as_of))
    return;

  day = wm_day_format_long (record->day);
  add_deadline (ctx, record->day, "safeguarding-referral", record,
                g_strdup_printf (_("Refer the safeguarding concern of %s to "
                                   "children's services immediately"), day));
}

static void
add_record_deadlines (Context        *ctx,
                      const WmRecord *record)
{
  const char *kind = record->kind->name;

  if (g_str_equal (kind, "notice-to-improve"))
    add_notice_to_improve (ctx, record);
  else if (g_str_equal (kind, "penalty-notice"))
    add_penalty_notice (ctx, record);
  else if (g_str_equal (kind, "attendance-plan"))
    add_review (ctx, record, "attendance-plan-review");
  else if (g_str_equal (kind, "healthcare-plan"))
    add_review (ctx, record, "healthcare-plan-review");
  else if (g_str_equal (kind, "attendance-contract"))
    add_review (ctx, record, "attendance-contract-review");
  else if (g_str_equal (kind, "safeguarding"))
    add_safeguarding (ctx, record);

  if (g_str_equal (kind, "home-visit"))
    add_next_visit (ctx, record);
  if (g_str_equal (kind, "home-visit") || g_str_equal (kind, "meeting"))
    add_agreed_actions (ctx, record);
}

static gint
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const WmDeadline *da = *(WmDeadline * const *) a;
  const WmDeadline *db = *(WmDeadline * const *) b;

  if (da->day != db->day)
    return da->day < db->day ? -1 : 1;

  return da->record_id < db->record_id ? -1 : da->record_id > db->record_id;
}

/**
 * _wm_deadlines_compute:
 * @input: what the response is computed from
 * @notes: (element-type utf8): where remarks on the computation go
 *
 * Returns: (transfer full) (element-type WmDeadline): the deadlines,
 *   oldest first
 */
GPtrArray *
_wm_deadlines_compute (const WmResponseInput *input,
                       GPtrArray             *notes)
{
  Context ctx = { input, NULL, notes };

  ctx.deadlines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_deadline_free);

  for (guint i = 0; input->records != NULL && i < input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (input->records, i);

      if (record->day != WM_DAY_NONE && record->day <= input->as_of)
        add_record_deadlines (&ctx, record);
    }

  g_ptr_array_sort (ctx.deadlines, compare_deadlines);
  return ctx.deadlines;
}
