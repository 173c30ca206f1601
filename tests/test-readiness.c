/* test-readiness.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graduated response computed from values: routes, checklist,
 * readiness of each legal step and deadlines. No database is involved,
 * because wm_response_compute() reads none.
 *
 * The school in these tests has every weekday session from Monday
 * 5 January to Friday 27 March 2026, with a half term from 16 to
 * 20 February. The pupil is present except for `O` on both sessions of
 * the Mondays 2, 9, 16 and 23 March and of Friday 27 March, and on
 * Wednesday 4 March AM: 11 unauthorised sessions, the 10th on 27 March.
 * The evaluation date is Friday 27 March 2026.
 */

#include "wm-response.h"
#include "wm-store-records.h"
#include "wm-test-util.h"

typedef struct
{
  WmCalendar      *calendar;
  WmRegister      *reg;
  WmRules          rules;
  WmResponseRules  response_rules;
  WmHolidays      *holidays;
  WmEvaluation     evaluation;
  GPtrArray       *records;
  GPtrArray       *contacts;
  gint             previous_level;
  gint64           next_id;
} Fixture;

static void
set_both (WmRegister *reg,
          const char *iso,
          WmMark      mark)
{
  wm_register_set (reg, wm_test_day (iso), WM_SESSION_AM, mark);
  wm_register_set (reg, wm_test_day (iso), WM_SESSION_PM, mark);
}

static WmRegister *
build_register (const WmCalendar *calendar)
{
  WmDay first = wm_test_day ("2026-01-05");
  WmDay last = wm_test_day ("2026-03-27");
  WmRegister *reg = wm_register_new (first, last - first + 1);

  for (WmDay day = first; day <= last; day++)
    {
      if (wm_day_is_weekend (day))
        continue;

      if (!wm_calendar_is_held (calendar, day, WM_SESSION_AM))
        {
          wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_CLOSED);
          wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_CLOSED);
          continue;
        }

      wm_register_set (reg, day, WM_SESSION_AM, WM_MARK_PRESENT_AM);
      wm_register_set (reg, day, WM_SESSION_PM, WM_MARK_PRESENT_PM);
    }

  set_both (reg, "2026-03-02", WM_MARK_O);
  set_both (reg, "2026-03-09", WM_MARK_O);
  set_both (reg, "2026-03-16", WM_MARK_O);
  set_both (reg, "2026-03-23", WM_MARK_O);
  set_both (reg, "2026-03-27", WM_MARK_O);
  wm_register_set (reg, wm_test_day ("2026-03-04"), WM_SESSION_AM, WM_MARK_O);
  return reg;
}

static WmContactDetails *
parent_new (gint64      id,
            const char *forename,
            const char *surname,
            const char *checked)
{
  WmContactDetails *details = g_new0 (WmContactDetails, 1);

  details->id = id;
  details->contact.forename = g_strdup (forename);
  details->contact.surname = g_strdup (surname);
  details->contact.title = g_strdup ("Ms");
  details->contact.parental_responsibility = TRUE;
  details->contact.address = g_strdup ("1 Test Street");
  details->details_checked_on = checked != NULL ? wm_test_day (checked)
                                                : WM_DAY_NONE;
  return details;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->calendar = wm_calendar_new ();
  wm_test_add_term (f->calendar, "2026-01-05", "2026-02-13", NULL);
  wm_test_add_term (f->calendar, "2026-02-23", "2026-03-27", NULL);
  f->reg = build_register (f->calendar);
  wm_rules_init_defaults (&f->rules);
  wm_response_rules_init_defaults (&f->response_rules);
  f->holidays = wm_holidays_new_england ();
  f->records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  f->contacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_contact_details_free);
  g_ptr_array_add (f->contacts, parent_new (1, "Jane", "Smith", "2026-01-10"));
  g_ptr_array_add (f->contacts, parent_new (2, "John", "Smith", "2026-01-10"));
  f->previous_level = WM_LEVEL_NULL;
  f->next_id = 1;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->calendar, wm_calendar_unref);
  g_clear_pointer (&f->reg, wm_register_free);
  g_clear_pointer (&f->holidays, wm_holidays_unref);
  g_clear_pointer (&f->records, g_ptr_array_unref);
  g_clear_pointer (&f->contacts, g_ptr_array_unref);
}

/* Adds a finalised record with string members given as name, value
 * pairs ended by NULL, and returns its id. */
static gint64
add_record (Fixture    *f,
            const char *kind,
            const char *first_name,
            ...)
{
  WmRecord *record = g_new0 (WmRecord, 1);
  va_list args;

  record->id = f->next_id++;
  record->kind = wm_record_kind_lookup (kind);
  g_assert_nonnull (record->kind);
  record->status = WM_RECORD_FINAL;
  record->body = json_object_new ();

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL;
       name = va_arg (args, const char *))
    json_object_set_string_member (record->body, name,
                                   va_arg (args, const char *));
  va_end (args);

  record->day = wm_record_body_day (record->kind, record->body);
  g_ptr_array_add (f->records, record);
  return record->id;
}

static WmResponse *
compute (Fixture    *f,
         const char *as_of)
{
  WmResponseInput input = {
    .as_of = wm_test_day (as_of),
    .reg = f->reg,
    .calendar = f->calendar,
    .rules = &f->rules,
    .response_rules = &f->response_rules,
    .holidays = f->holidays,
    .evaluation = &f->evaluation,
    .records = f->records,
    .contacts = f->contacts,
    .previous_level = f->previous_level,
  };

  wm_evaluate (f->reg, f->calendar, input.as_of, &f->rules, &f->evaluation);
  return wm_response_compute (&input);
}

static const WmEvidenceItem *
find_item (const WmResponse *response,
           WmLegalStep       step,
           const char       *key,
           guint             nth)
{
  GPtrArray *items = response->steps[step].items;

  for (guint i = 0; i < items->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->key, key) && nth-- == 0)
        return item;
    }

  g_assert_not_reached ();
}

static guint
count_missing (const WmResponse *response,
               WmLegalStep       step)
{
  GPtrArray *items = response->steps[step].items;
  guint missing = 0;

  for (guint i = 0; i < items->len; i++)
    if (!((const WmEvidenceItem *) g_ptr_array_index (items, i))->satisfied)
      missing++;

  return missing;
}

/* Adds every record a penalty notice request needs except the ones named
 * in @skip. */
static void
add_penalty_evidence (Fixture    *f,
                      const char *skip)
{
  if (g_strrstr (skip, "visit") == NULL)
    add_record (f, "home-visit", "date", "2026-03-03", "visited_by", "AO",
                "outcome", "no-answer", NULL);
  if (g_strrstr (skip, "meeting") == NULL)
    add_record (f, "meeting", "meeting_type", "parent-meeting", "date",
                "2026-03-05", NULL);
  if (g_strrstr (skip, "plan") == NULL)
    add_record (f, "attendance-plan", "start_date", "2026-03-05", "target",
                "95%", "status", "active", NULL);
  if (g_strrstr (skip, "early") == NULL)
    add_record (f, "referral", "referred_to", "early-help", "date",
                "2026-03-05", NULL);
  if (g_strrstr (skip, "letter-jane") == NULL)
    add_record (f, "warning-letter", "date_sent", "2026-02-10", "parent",
                "Jane Smith", NULL);
  if (g_strrstr (skip, "letter-john") == NULL)
    add_record (f, "warning-letter", "date_sent", "2026-02-10", "parent",
                "John Smith", NULL);
  if (g_strrstr (skip, "notice") == NULL)
    add_record (f, "notice-to-improve", "issue_date", "2026-02-23", NULL);
}

/* The threshold period runs from Monday 12 January (10 school weeks back,
 * the half-term week skipped) and the 10th unauthorised session fell on
 * Friday 27 March. */
static void
test_threshold_route (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WmResponse) response = compute (f, "2026-03-27");
  const WmRoute *route;

  g_assert_cmpuint (response->routes->len, ==, 1);
  route = g_ptr_array_index (response->routes, 0);
  g_assert_cmpint (route->kind, ==, WM_ROUTE_PENALTY_THRESHOLD);
  g_assert_cmpuint (response->threshold.count, ==, 11);
  g_assert_cmpuint (response->threshold.window_start, ==,
                    wm_test_day ("2026-01-12"));
  g_assert_cmpuint (response->threshold_met_on, ==, wm_test_day ("2026-03-27"));

  g_clear_pointer (&response, wm_response_free);
  response = compute (f, "2026-03-26");
  g_assert_cmpuint (response->routes->len, ==, 0);
  g_assert_cmpuint (response->threshold_met_on, ==, WM_DAY_NONE);
}

static void
set_int (Fixture    *f,
         gint64      id,
         const char *name,
         gint64      value)
{
  WmRecord *record = g_ptr_array_index (f->records, id - 1);

  json_object_set_int_member (record->body, name, value);
}

static void
add_full_evidence (Fixture    *f,
                   const char *skip)
{
  add_penalty_evidence (f, skip);
  for (guint i = 0; i < f->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (f->records, i);

      if (g_str_equal (record->kind->name, "notice-to-improve"))
        json_object_set_int_member (record->body, "improvement_weeks", 3);
    }
}

/*
 * A penalty notice request needs the threshold route and the support
 * steps, a warning letter to each parent, and a Notice to Improve whose
 * period is over with unauthorised absence during it. Each row leaves out
 * one record; the step is ready only when nothing is left out.
 */
static void
test_penalty_readiness_table (Fixture       *f,
                              gconstpointer  data)
{
  static const struct
  {
    const char *skip;
    const char *key;
    guint       nth;
    const char *sentence;
  } rows[] = {
    { "visit", "home-visit", 0, "Record a home visit" },
    { "meeting", "parent-meeting", 0, "Record a meeting with the parents" },
    { "plan", "attendance-plan", 0, "Record an Individual Attendance Plan" },
    { "early", "early-help", 0, "Record an early help referral, or the "
      "meeting that considered early help" },
    { "letter-jane", "warning-letter", 0,
      "Send the warning letter to Jane Smith" },
    { "letter-john", "warning-letter", 1,
      "Send the warning letter to John Smith" },
    { "notice", "notice-to-improve", 0, "Issue a Notice to Improve" },
    { "", NULL, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(WmResponse) response = NULL;

      g_ptr_array_set_size (f->records, 0);
      f->next_id = 1;
      add_full_evidence (f, rows[i].skip);
      response = compute (f, "2026-03-27");

      if (rows[i].key == NULL)
        {
          g_assert_true (response->steps[WM_STEP_PENALTY_NOTICE].ready);
          g_assert_cmpuint (count_missing (response, WM_STEP_PENALTY_NOTICE),
                            ==, 0);
          continue;
        }

      g_assert_false (response->steps[WM_STEP_PENALTY_NOTICE].ready);
      g_assert_cmpuint (count_missing (response, WM_STEP_PENALTY_NOTICE),
                        ==, 1);
      g_assert_false (find_item (response, WM_STEP_PENALTY_NOTICE,
                                 rows[i].key, rows[i].nth)->satisfied);
      g_assert_cmpstr (find_item (response, WM_STEP_PENALTY_NOTICE,
                                  rows[i].key, rows[i].nth)->sentence, ==,
                       rows[i].sentence);
    }
}

/* The Notice to Improve of Monday 23 February for 3 school weeks covers
 * the weeks of 23 February, 2 March and 9 March and ends on Sunday
 * 15 March, with 5 unauthorised sessions in it. Until it ends, no penalty
 * notice may be requested. */
static void
test_notice_period (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WmResponse) during = NULL;
  g_autoptr(WmResponse) after = NULL;
  const WmEvidenceItem *item;

  add_full_evidence (f, "");
  during = compute (f, "2026-03-13");
  item = find_item (during, WM_STEP_PENALTY_NOTICE, "notice-period-over", 0);
  g_assert_false (item->satisfied);
  g_assert_cmpstr (item->sentence, ==, "Wait for the improvement period to "
                   "end on Sunday 15 March 2026");
  g_assert_false (during->steps[WM_STEP_PENALTY_NOTICE].ready);

  after = compute (f, "2026-03-27");
  item = find_item (after, WM_STEP_PENALTY_NOTICE, "absence-during-notice", 0);
  g_assert_true (item->satisfied);
  g_assert_cmpint (item->record_id, ==, 7);
  g_assert_true (after->steps[WM_STEP_PENALTY_NOTICE].ready);
}

/* No unauthorised absence during the improvement period: the notice
 * worked, and no penalty notice may be requested. */
static void
test_notice_without_absence (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;

  set_both (f->reg, "2026-03-02", WM_MARK_PRESENT_AM);
  set_both (f->reg, "2026-03-09", WM_MARK_PRESENT_AM);
  wm_register_set (f->reg, wm_test_day ("2026-03-04"), WM_SESSION_AM,
                   WM_MARK_PRESENT_AM);
  set_both (f->reg, "2026-03-18", WM_MARK_O);
  set_both (f->reg, "2026-03-19", WM_MARK_O);
  set_both (f->reg, "2026-03-20", WM_MARK_O);
  add_full_evidence (f, "");
  response = compute (f, "2026-03-27");

  g_assert_true (wm_response_has_route (response, WM_ROUTE_PENALTY_THRESHOLD));
  g_assert_false (find_item (response, WM_STEP_PENALTY_NOTICE,
                             "absence-during-notice", 0)->satisfied);
  g_assert_false (response->steps[WM_STEP_PENALTY_NOTICE].ready);
}

/* An `N` in the evidence period keeps every step from being ready, even
 * with every other piece of evidence on the case. */
static void
test_n_code_blocks_every_step (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmEvidenceItem *item;

  add_full_evidence (f, "");
  add_record (f, "leave-request", "first_date", "2026-03-02", "last_date",
              "2026-03-27", "decision", "refused", NULL);
  wm_register_set (f->reg, wm_test_day ("2026-03-02"), WM_SESSION_AM,
                   WM_MARK_N);
  response = compute (f, "2026-03-27");

  for (guint step = 0; step < WM_N_LEGAL_STEPS; step++)
    {
      item = find_item (response, step, "register-complete", 0);
      g_assert_false (response->steps[step].ready);
      g_assert_false (item->satisfied);
    }

  item = find_item (response, WM_STEP_PENALTY_NOTICE, "register-complete", 0);
  g_assert_cmpstr (item->sentence, ==, "Complete the register for 12 January "
                   "to 27 March 2026: 1 N code to replace with the real "
                   "reason and 0 unmarked sessions");
}

/* At most 2 notices per parent per child in 3 years: a parent who has had
 * 2 gets no third one, and the case goes to prosecution instead. */
static void
test_third_notice_goes_to_prosecution (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmEvidenceItem *item;

  add_full_evidence (f, "");
  add_record (f, "penalty-notice", "parent", "Jane Smith", "issue_date",
              "2025-06-02", "service_method", "hand", "status", "paid", NULL);
  add_record (f, "penalty-notice", "parent", "Jane Smith", "issue_date",
              "2026-01-12", "service_method", "hand", "status", "paid", NULL);
  add_record (f, "contact", "contact_kind", "first-day-call", "date",
              "2026-03-02", NULL);
  response = compute (f, "2026-03-27");

  item = find_item (response, WM_STEP_PENALTY_NOTICE, "notice-limit", 0);
  g_assert_false (item->satisfied);
  g_assert_cmpstr (item->sentence, ==, "Jane Smith has had 2 penalty notices "
                   "for this child in the last 3 years: a further offence "
                   "goes to prosecution, not another notice");
  g_assert_true (find_item (response, WM_STEP_PENALTY_NOTICE, "notice-limit",
                            1)->satisfied);
  g_assert_false (response->steps[WM_STEP_PENALTY_NOTICE].ready);

  g_assert_true (find_item (response, WM_STEP_PROSECUTION, "penalty-outcome",
                            0)->satisfied);
  g_assert_false (find_item (response, WM_STEP_PROSECUTION, "eso-considered",
                             0)->satisfied);
  g_assert_false (response->steps[WM_STEP_PROSECUTION].ready);

  g_clear_pointer (&response, wm_response_free);
  add_record (f, "eso-consideration", "date", "2026-03-20", "decision",
              "Not suitable", "reasons", "Parents engage with no one", NULL);
  response = compute (f, "2026-03-27");
  g_assert_true (response->steps[WM_STEP_PROSECUTION].ready);
}

/* A refused leave request for 2 to 27 March with 11 unauthorised sessions
 * in it: the head teacher's penalty notice request is ready at once,
 * without the support steps, and the route sorts after the threshold. */
static void
test_leave_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(WmResponse) before = NULL;
  const WmRoute *route;
  gint64 id;

  id = add_record (f, "leave-request", "first_date", "2026-03-02",
                   "last_date", "2026-03-27", "decision", "refused", NULL);
  response = compute (f, "2026-03-27");

  g_assert_cmpuint (response->routes->len, ==, 2);
  route = g_ptr_array_index (response->routes, 1);
  g_assert_cmpint (route->kind, ==, WM_ROUTE_LEAVE_REFUSED);
  g_assert_cmpint (route->record_id, ==, id);
  g_assert_cmpuint (route->since, ==, wm_test_day ("2026-03-27"));
  g_assert_true (response->steps[WM_STEP_LEAVE_REFUSED_PENALTY].ready);
  g_assert_false (response->steps[WM_STEP_PENALTY_NOTICE].ready);

  before = compute (f, "2026-03-26");
  g_assert_false (wm_response_has_route (before, WM_ROUTE_LEAVE_REFUSED));
  g_assert_false (before->steps[WM_STEP_LEAVE_REFUSED_PENALTY].ready);
}

/* A safeguarding concern sorts above every other route, and a concern
 * with no referral recorded is an overdue deadline. */
static void
test_safeguarding_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmDeadline *deadline;
  gint64 id;

  id = add_record (f, "safeguarding", "date", "2026-03-20", "concern",
                   "Bruising seen", NULL);
  response = compute (f, "2026-03-27");

  g_assert_cmpuint (response->routes->len, ==, 2);
  g_assert_cmpint (((WmRoute *) g_ptr_array_index (response->routes, 0))->kind,
                   ==, WM_ROUTE_SAFEGUARDING);
  g_assert_cmpint (((WmRoute *) g_ptr_array_index (response->routes, 1))->kind,
                   ==, WM_ROUTE_PENALTY_THRESHOLD);

  g_assert_cmpuint (response->deadlines->len, ==, 1);
  deadline = g_ptr_array_index (response->deadlines, 0);
  g_assert_cmpstr (deadline->key, ==, "safeguarding-referral");
  g_assert_cmpint (deadline->status, ==, WM_DUE_OVERDUE);
  g_assert_cmpint (deadline->record_id, ==, id);
}

/* The pupil is at 95.0% (38 of 40) over the 4 school weeks to 27 February
 * after 2 `O` sessions on 25 February: Level 1. Coming down from Level 2
 * prompts praise and reward, done once a note records it. */
static void
test_praise_prompt (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  const WmChecklistItem *item;
  gint64 id;

  set_both (f->reg, "2026-02-25", WM_MARK_O);
  f->previous_level = 2;
  response = compute (f, "2026-02-27");
  g_assert_cmpint (response->evaluation.level, ==, 1);
  g_assert_true (response->praise);
  g_assert_cmpuint (response->checklist->len, ==, 5);
  item = g_ptr_array_index (response->checklist, 0);
  g_assert_cmpstr (item->key, ==, "praise-and-reward");
  g_assert_false (item->done);

  g_clear_pointer (&response, wm_response_free);
  id = add_record (f, "note", "date", "2026-02-26", "text",
                   "Praise certificate given in assembly", NULL);
  response = compute (f, "2026-02-27");
  item = g_ptr_array_index (response->checklist, 0);
  g_assert_true (item->done);
  g_assert_cmpint (item->record_id, ==, id);

  g_clear_pointer (&response, wm_response_free);
  f->previous_level = 1;
  response = compute (f, "2026-02-27");
  g_assert_false (response->praise);
  g_assert_cmpuint (response->checklist->len, ==, 4);
}

/* Level 3 (29 of 40 over 2 to 27 March) lists the Level 1 items and the
 * Level 2 ones. Each is done only when a matching record exists. */
static void
test_checklist_level_3 (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const keys[] = {
    "first-day-contact", "sibling-comparison", "officer-contact",
    "support-offered", "parent-meeting", "attendance-plan",
    "pupil-absence-team", "school-nursing", "early-help", "home-visits",
    "healthcare-plan", "specialist-referral",
  };
  g_autoptr(WmResponse) response = NULL;
  gint64 visit;

  visit = add_record (f, "home-visit", "date", "2026-03-03", "visited_by",
                      "AO", "outcome", "no-answer", NULL);
  response = compute (f, "2026-03-27");
  g_assert_cmpint (response->evaluation.level, ==, 3);
  g_assert_cmpuint (response->checklist->len, ==, G_N_ELEMENTS (keys));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const WmChecklistItem *item = g_ptr_array_index (response->checklist, i);
      gboolean by_visit = g_str_equal (keys[i], "officer-contact")
                          || g_str_equal (keys[i], "home-visits");

      g_assert_cmpstr (item->key, ==, keys[i]);
      g_assert_cmpint (item->done, ==, by_visit);
      g_assert_cmpint (item->record_id, ==, by_visit ? visit : 0);
    }
}

/* A Notice to Improve received Monday 23 February for 3 school weeks ends
 * Sunday 15 March with its review on Monday 16 March; a penalty notice
 * posted Monday 2 March is received Wednesday 4 March, so its 21 days end
 * on 24 March and its 28 days on 31 March. */
static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    const char *key;
    const char *day;
    WmDueStatus status;
  } expected[] = {
    { "notice-to-improve-end", "2026-03-15", WM_DUE_OVERDUE },
    { "notice-to-improve-review", "2026-03-16", WM_DUE_TODAY },
    { "penalty-reduced-period", "2026-03-24", WM_DUE_LATER },
    { "penalty-full-period", "2026-03-31", WM_DUE_LATER },
  };
  g_autoptr(WmResponse) response = NULL;
  gint64 id;

  id = add_record (f, "notice-to-improve", "issue_date", "2026-02-23", NULL);
  set_int (f, id, "improvement_weeks", 3);
  add_record (f, "penalty-notice", "parent", "Jane Smith", "issue_date",
              "2026-03-02", "service_method", "post", "status", "unpaid",
              NULL);
  response = compute (f, "2026-03-16");

  g_assert_cmpuint (response->deadlines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      g_assert_cmpstr (deadline->key, ==, expected[i].key);
      g_assert_cmpuint (deadline->day, ==, wm_test_day (expected[i].day));
      g_assert_cmpint (deadline->status, ==, expected[i].status);
    }
}

/* An address last checked more than 6 months before the evaluation date
 * must be checked again before any legal step. */
static void
test_stale_address (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WmResponse) response = NULL;
  WmContactDetails *john = g_ptr_array_index (f->contacts, 1);
  const WmEvidenceItem *item;

  john->details_checked_on = wm_test_day ("2025-09-26");
  add_full_evidence (f, "");
  response = compute (f, "2026-03-27");

  item = find_item (response, WM_STEP_PENALTY_NOTICE, "parent-address", 1);
  g_assert_false (item->satisfied);
  g_assert_cmpstr (item->sentence, ==, "Check the address of John Smith with "
                   "the family: last checked on 26 September 2025, more "
                   "than 6 months ago");
  g_assert_false (response->steps[WM_STEP_PENALTY_NOTICE].ready);
}

/*
 * Every step lists each parent's address, and three steps list the
 * warning letters. Each step has its own copy of such an item, alike in
 * every step, so that one step's items can be freed without the others.
 */
static void
test_items_alike_in_every_step (Fixture       *f,
                                gconstpointer  data)
{
  static const WmLegalStep letter_steps[] = {
    WM_STEP_NOTICE_TO_IMPROVE, WM_STEP_PENALTY_NOTICE, WM_STEP_PROSECUTION,
  };
  g_autoptr(WmResponse) response = NULL;
  const WmEvidenceItem *first;

  add_full_evidence (f, "");
  response = compute (f, "2026-03-27");

  first = find_item (response, WM_STEP_WARNING_LETTER, "parent-address", 1);
  g_assert_cmpstr (first->sentence, ==, "The address of John Smith was "
                   "checked on 10 January 2026");
  for (WmLegalStep step = 0; step < WM_N_LEGAL_STEPS; step++)
    {
      const WmEvidenceItem *item = find_item (response, step,
                                              "parent-address", 1);

      g_assert_true (item->satisfied);
      g_assert_cmpstr (item->sentence, ==, first->sentence);
      if (step != WM_STEP_WARNING_LETTER)
        g_assert_true (item->sentence != first->sentence);
    }

  for (guint i = 0; i < G_N_ELEMENTS (letter_steps); i++)
    {
      const WmEvidenceItem *item = find_item (response, letter_steps[i],
                                              "warning-letter", 0);

      g_assert_true (item->satisfied);
      g_assert_cmpstr (item->sentence, ==, "Warning letter sent to Jane "
                       "Smith on 10 February 2026");
    }

  g_clear_pointer (&response->steps[WM_STEP_PENALTY_NOTICE].items,
                   g_ptr_array_unref);
  g_assert_cmpstr (find_item (response, WM_STEP_PROSECUTION, "warning-letter",
                              0)->sentence, ==,
                   "Warning letter sent to Jane Smith on 10 February 2026");
}

#define ADD(path, func) \
  g_test_add ("/readiness/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("threshold-route", test_threshold_route);
  ADD ("penalty-notice-table", test_penalty_readiness_table);
  ADD ("notice-period", test_notice_period);
  ADD ("notice-without-absence", test_notice_without_absence);
  ADD ("n-code-blocks-every-step", test_n_code_blocks_every_step);
  ADD ("third-notice-goes-to-prosecution",
       test_third_notice_goes_to_prosecution);
  ADD ("leave-refused", test_leave_refused);
  ADD ("safeguarding-first", test_safeguarding_first);
  ADD ("praise-prompt", test_praise_prompt);
  ADD ("checklist-level-3", test_checklist_level_3);
  ADD ("deadlines", test_deadlines);
  ADD ("stale-address", test_stale_address);
  ADD ("items-alike-in-every-step", test_items_alike_in_every_step);

  return g_test_run ();
}
