/* wm-readiness.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-readiness.h"

#include "wm-deadlines.h"
#include "wm-i18n-private.h"
#include "wm-letters.h"
#include "wm-penalty.h"
#include "wm-response-private.h"

/*
 * The readiness of each legal step, as a table of the evidence items the
 * step needs. A step is ready only when every item is satisfied. The
 * level alone never makes a step ready: the items are records on the case
 * and routes computed from the register.
 *
 * Every step starts with two items, because local authorities reject a
 * request without them: a complete register for the step's evidence
 * period (no `N` code left and no unmarked session), and every parent with
 * parental responsibility identified at an address checked recently.
 */

typedef enum
{
  ITEM_UNAUTHORISED_ABSENCE,
  ITEM_THRESHOLD,
  ITEM_THRESHOLD_OR_LEAVE,
  ITEM_LEAVE_REFUSED,
  ITEM_HOME_VISIT,
  ITEM_PARENT_MEETING,
  ITEM_ATTENDANCE_PLAN,
  ITEM_EARLY_HELP,
  ITEM_VISIT_OR_MEETING,
  ITEM_FIRST_DAY_CONTACT,
  ITEM_WARNING_LETTERS,
  ITEM_NOTICE_TO_IMPROVE,
  ITEM_NOTICE_LIMIT,
  ITEM_PENALTY_OUTCOME,
  ITEM_ESO_CONSIDERED,
  ITEM_END = -1,
} ItemKind;

typedef enum
{
  PERIOD_LEVEL_WINDOW,
  PERIOD_THRESHOLD,
  PERIOD_LEAVE,
} PeriodKind;

typedef struct
{
  WmLegalStep step;
  PeriodKind  period;
  ItemKind    items[12];
} StepSpec;

/* Support offered and recorded: a home visit, a meeting with the parents,
 * an attendance plan and early help considered. */
#define SUPPORT ITEM_HOME_VISIT, ITEM_PARENT_MEETING, ITEM_ATTENDANCE_PLAN, \
  ITEM_EARLY_HELP

static const StepSpec steps[] = {
  /* A warning letter reminds a parent who does not engage of the legal
   * duty, once absence is unauthorised. */
  { WM_STEP_WARNING_LETTER, PERIOD_LEVEL_WINDOW,
    { ITEM_UNAUTHORISED_ABSENCE, ITEM_END } },
  /* A Notice to Improve follows the 10-in-10 threshold once support was
   * offered and the parent was warned. */
  { WM_STEP_NOTICE_TO_IMPROVE, PERIOD_THRESHOLD,
    { ITEM_THRESHOLD, SUPPORT, ITEM_WARNING_LETTERS, ITEM_END } },
  /* An attendance contract is agreed at a meeting with the parents. */
  { WM_STEP_ATTENDANCE_CONTRACT, PERIOD_LEVEL_WINDOW,
    { ITEM_PARENT_MEETING, ITEM_END } },
  /* A penalty notice request needs a route and the support steps, the
   * Notice to Improve with its period over and absence during it, and
   * room under the notice limit for each parent. */
  { WM_STEP_PENALTY_NOTICE, PERIOD_THRESHOLD,
    { ITEM_THRESHOLD_OR_LEAVE, SUPPORT, ITEM_WARNING_LETTERS,
      ITEM_NOTICE_TO_IMPROVE, ITEM_NOTICE_LIMIT, ITEM_END } },
  /* Prosecution follows an unpaid penalty notice, or a third offence
   * within the notice limit, and needs the ESO considered first. */
  { WM_STEP_PROSECUTION, PERIOD_THRESHOLD,
    { ITEM_VISIT_OR_MEETING, ITEM_FIRST_DAY_CONTACT, ITEM_WARNING_LETTERS,
      ITEM_PENALTY_OUTCOME, ITEM_ESO_CONSIDERED, ITEM_END } },
  /* After a refused leave request the head teacher requests the notice
   * at any level of vulnerability. */
  { WM_STEP_LEAVE_REFUSED_PENALTY, PERIOD_LEAVE,
    { ITEM_LEAVE_REFUSED, ITEM_NOTICE_LIMIT, ITEM_END } },
  { WM_STEP_ESO_CONSIDERATION, PERIOD_THRESHOLD,
    { ITEM_THRESHOLD_OR_LEAVE, SUPPORT, ITEM_END } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == WM_N_LEGAL_STEPS);

#define N_ITEM_KINDS (ITEM_ESO_CONSIDERED + 1)
#define N_PERIOD_KINDS (PERIOD_LEAVE + 1)

/*
 * An item reads only the pupil's case and the response, never the step
 * that lists it. So each kind of item is built once per pupil, at the
 * first step that needs it, and copied into the later steps: formatting
 * the sentences for each of the seven steps took about a third of the
 * time readiness took. The register item also depends on the step's
 * period, so it is kept for each period. The built_ arrays own no items.
 */
/* The maximum number of ranges of dates one pupil's items format: the
 * three evidence periods and the threshold's period of absence. */
#define MAX_RANGES 4

typedef struct
{
  WmDay  first;
  WmDay  last;
  char  *text;
} RangeText;

typedef struct
{
  const WmResponseInput *input;
  WmResponse            *response;
  GPtrArray             *parents;
  GPtrArray             *items;
  GPtrArray             *built_items[N_ITEM_KINDS];
  GPtrArray             *built_registers[N_PERIOD_KINDS];
  GPtrArray             *built_parents;
  RangeText              ranges[MAX_RANGES];
} Context;

/* Returns the range from @first to @last in words, owned by @ctx. The
 * threshold's period is written in both the register item and the
 * unauthorised absence item, and a range takes about 6,000 instructions
 * to format, so each range is formatted once per pupil. */
static const char *
range_text (Context *ctx,
            WmDay    first,
            WmDay    last)
{
  RangeText *free_slot = NULL;

  for (guint i = 0; i < MAX_RANGES; i++)
    {
      RangeText *range = &ctx->ranges[i];

      if (range->text == NULL)
        {
          free_slot = free_slot != NULL ? free_slot : range;
          continue;
        }
      if (range->first == first && range->last == last)
        return range->text;
    }

  /* A pupil's items format at most MAX_RANGES ranges. A fifth would
   * reuse the first slot rather than write past the array. */
  if (free_slot == NULL)
    {
      free_slot = &ctx->ranges[0];
      g_free (free_slot->text);
    }

  *free_slot = (RangeText) { first, last, wm_day_range_format (first, last) };
  return free_slot->text;
}

static void
add_item (Context    *ctx,
          const char *key,
          gboolean    satisfied,
          gint64      record_id,
          char       *sentence)
{
  g_ptr_array_add (ctx->items, _wm_evidence_item_new (key, satisfied,
                                                      record_id, sentence));
}

/* Register ------------------------------------------------------------ */

static const WmRoute *
find_route (const WmResponse *response,
            WmRouteKind       kind)
{
  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      if (route->kind == kind)
        return route;
    }

  return NULL;
}

static gboolean
find_period (Context    *ctx,
             PeriodKind  kind,
             WmDayRange *out)
{
  const WmResponse *response = ctx->response;
  const WmRoute *leave = find_route (response, WM_ROUTE_LEAVE_REFUSED);
  const WmRecord *record = NULL;

  out->last = ctx->input->as_of;
  if (kind == PERIOD_LEVEL_WINDOW)
    {
      out->first = response->evaluation.window_start;
      out->last = response->evaluation.window_end;
    }
  else if (kind == PERIOD_LEAVE && leave != NULL)
    {
      for (guint i = 0; i < ctx->input->records->len && record == NULL; i++)
        if (((WmRecord *) g_ptr_array_index (ctx->input->records, i))->id
            == leave->record_id)
          record = g_ptr_array_index (ctx->input->records, i);

      out->first = _wm_record_date (record, "first_date");
      out->last = MIN (_wm_record_date (record, "last_date"), out->last);
    }
  else
    {
      out->first = response->threshold.window_start;
    }

  return out->first != WM_DAY_NONE && out->last != WM_DAY_NONE
         && out->first <= out->last;
}

/* Counts the `N` codes and the unmarked sessions the school held in
 * @period. A session the pupil was not on roll for is no gap, and neither
 * is a day outside the register, where every mark is WM_MARK_NONE. So
 * only the days the register covers are read, straight from its array,
 * instead of calling wm_register_get() for every session of the period. */
static void
count_gaps (const WmResponseInput *input,
            const WmDayRange      *period,
            guint                 *out_n,
            guint                 *out_unmarked)
{
  const WmRegister *reg = input->reg;
  WmDay first, last;

  *out_n = *out_unmarked = 0;
  if (reg == NULL || reg->n_days == 0)
    return;

  first = MAX (period->first, reg->first_day);
  last = MIN (period->last, reg->first_day + reg->n_days - 1);
  for (WmDay day = first; day <= last; day++)
    {
      const WmMark *marks = reg->marks + (gsize) (day - reg->first_day) * 2;

      for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
        if (marks[s] == WM_MARK_N)
          (*out_n)++;
        else if (marks[s] == WM_MARK_UNMARKED
                 && wm_calendar_is_held (input->calendar, day, s))
          (*out_unmarked)++;
    }
}

/*
 * No step may be ready while its evidence period has gaps or `N` codes:
 * an `N` is a reason not yet established, and a court or a penalty team
 * needs the real reason for every session.
 */
static char *
describe_gaps (const char *range,
               guint       n_codes,
               guint       unmarked)
{
  g_autofree char *codes = g_strdup_printf (wm_ngettext ("%u N code to replace with the "
                                                         "real reason",
                                                         "%u N codes to replace with the "
                                                         "real reason", n_codes),
                                            n_codes);
  g_autofree char *sessions = g_strdup_printf (wm_ngettext ("%u unmarked session",
                                                            "%u unmarked sessions",
                                                            unmarked),
                                               unmarked);

  /* Translators: "Complete the register for 2 March to 27 April 2026:
   * 3 N codes to replace with the real reason and 1 unmarked session". */
  return g_strdup_printf (_("Complete the register for %s: %s and %s"), range, codes,
                          sessions);
}

static void
add_register_item (Context    *ctx,
                   PeriodKind  kind)
{
  const char *range;
  WmDayRange period;
  guint n_codes, unmarked;

  if (!find_period (ctx, kind, &period))
    {
      add_item (ctx, "register-complete", FALSE, 0,
                g_strdup (_("Import the register for the evidence period: no "
                            "school week of it has been imported")));
      return;
    }

  range = range_text (ctx, period.first, period.last);
  count_gaps (ctx->input, &period, &n_codes, &unmarked);
  if (n_codes == 0 && unmarked == 0)
    add_item (ctx, "register-complete", TRUE, 0,
              g_strdup_printf (_("The register for %s is complete: no N codes "
                                 "and no unmarked sessions"), range));
  else
    add_item (ctx, "register-complete", FALSE, 0,
              describe_gaps (range, n_codes, unmarked));
}

/* Parents ------------------------------------------------------------- */

static WmDay
months_before (WmDay day,
               guint months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_subtract_months (&date, months);
  return g_date_get_julian (&date);
}

static void
add_parent_item (Context                *ctx,
                 const WmContactDetails *details,
                 WmDay                   oldest_allowed)
{
  g_autofree char *name = _wm_contact_name (&details->contact);
  guint months = ctx->input->response_rules->contact_check_months;
  g_autofree char *checked = NULL;

  if (details->contact.address == NULL || *details->contact.address == '\0')
    {
      add_item (ctx, "parent-address", FALSE, 0,
                g_strdup_printf (_("Record the address of %s"), name));
      return;
    }

  if (details->details_checked_on == WM_DAY_NONE)
    {
      add_item (ctx, "parent-address", FALSE, 0,
                g_strdup_printf (_("Check the address of %s with the family: "
                                   "it has never been checked"), name));
      return;
    }

  checked = wm_day_format_long (details->details_checked_on);
  if (details->details_checked_on < oldest_allowed)
    add_item (ctx, "parent-address", FALSE, 0,
              g_strdup_printf (_("Check the address of %s with the family: "
                                 "last checked on %s, more than %u months ago"),
                               name, checked, months));
  else
    add_item (ctx, "parent-address", TRUE, 0,
              g_strdup_printf (_("The address of %s was checked on %s"), name,
                               checked));
}

/* "Parent" means everyone with parental responsibility, and legal steps
 * address each of them separately at a current address. */
static void
add_parent_items (Context *ctx)
{
  const WmResponseInput *input = ctx->input;
  WmDay oldest_allowed =
    months_before (input->as_of, input->response_rules->contact_check_months);

  if (ctx->parents->len == 0)
    {
      add_item (ctx, "parent-address", FALSE, 0,
                g_strdup (_("Record each parent with parental responsibility "
                            "and their address")));
      return;
    }

  for (guint i = 0; i < ctx->parents->len; i++)
    add_parent_item (ctx, g_ptr_array_index (ctx->parents, i),
                     oldest_allowed);
}

/* Records ------------------------------------------------------------- */

static void
add_record_item (Context            *ctx,
                 const char         *key,
                 const char         *kind,
                 const char         *field,
                 const char * const *values,
                 const char         *to_do)
{
  const WmRecord *record = _wm_records_latest (ctx->input->records, kind,
                                               field, values,
                                               ctx->input->as_of);
  g_autofree char *day = NULL;

  if (record == NULL)
    {
      add_item (ctx, key, FALSE, 0, g_strdup (_(to_do)));
      return;
    }

  day = wm_day_format_long (record->day);
  add_item (ctx, key, TRUE, record->id,
            g_strdup_printf (_("%s on %s"), _(record->kind->label), day));
}

static void
add_support_item (Context  *ctx,
                  ItemKind  kind)
{
  static const char * const parent_meetings[] = {
    "parent-meeting", "attendance-contract-meeting", NULL
  };
  static const char * const early_help[] = { "early-help", NULL };
  static const char * const first_day[] = { "first-day-call", NULL };

  if (kind == ITEM_HOME_VISIT)
    add_record_item (ctx, "home-visit", "home-visit", NULL, NULL,
                     N_("Record a home visit"));
  else if (kind == ITEM_PARENT_MEETING)
    add_record_item (ctx, "parent-meeting", "meeting", "meeting_type",
                     parent_meetings, N_("Record a meeting with the parents"));
  else if (kind == ITEM_ATTENDANCE_PLAN)
    add_record_item (ctx, "attendance-plan", "attendance-plan", NULL, NULL,
                     N_("Record an Individual Attendance Plan"));
  else if (kind == ITEM_EARLY_HELP
           && _wm_records_latest (ctx->input->records, "meeting",
                                  "meeting_type", early_help,
                                  ctx->input->as_of) != NULL)
    add_record_item (ctx, "early-help", "meeting", "meeting_type", early_help,
                     NULL);
  else if (kind == ITEM_EARLY_HELP)
    add_record_item (ctx, "early-help", "referral", "referred_to", early_help,
                     N_("Record an early help referral, or the meeting that "
                        "considered early help"));
  else if (kind == ITEM_FIRST_DAY_CONTACT)
    add_record_item (ctx, "first-day-contact", "contact", "contact_kind",
                     first_day, N_("Record the first-day calls made for the "
                        "absences"));
  else if (kind == ITEM_ESO_CONSIDERED)
    add_record_item (ctx, "eso-considered", "eso-consideration", NULL, NULL,
                     N_("Record the consideration of an Education Supervision "
                        "Order, with its reasons, before prosecuting"));
}

/* At least one home visit or school meeting, as a prosecution needs. */
static void
add_visit_or_meeting (Context *ctx)
{
  const WmRecord *visit = _wm_records_latest (ctx->input->records,
                                              "home-visit", NULL, NULL,
                                              ctx->input->as_of);
  const WmRecord *meeting = _wm_records_latest (ctx->input->records,
                                                "meeting", NULL, NULL,
                                                ctx->input->as_of);
  const WmRecord *record = visit != NULL ? visit : meeting;
  g_autofree char *day = NULL;

  if (record == NULL)
    {
      add_item (ctx, "visit-or-meeting", FALSE, 0,
                g_strdup (_("Record a home visit or a school meeting")));
      return;
    }

  day = wm_day_format_long (record->day);
  add_item (ctx, "visit-or-meeting", TRUE, record->id,
            g_strdup_printf (_("%s on %s"), _(record->kind->label), day));
}

/* Returns the record of @id among the pupil's final, undeleted records,
 * or NULL when it is not one of them. */
static const WmRecord *
find_record (Context *ctx,
             gint64   id)
{
  for (guint i = 0; i < ctx->input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (ctx->input->records, i);

      if (record->id == id)
        return record;
    }

  return NULL;
}

/* Keeps the newer of two pieces of evidence, so that the sentence dates
 * the latest letter sent. */
static void
keep_newer (gint64 *record_id,
            WmDay  *day,
            gint64  new_record_id,
            WmDay   new_day)
{
  if (*record_id == 0 || new_day > *day
      || (new_day == *day && new_record_id > *record_id))
    {
      *record_id = new_record_id;
      *day = new_day;
    }
}

/* Finds the newest letter addressed to @parent, dated on or before the
 * evaluation date and made from a final warning-letter record. The letter
 * is the evidence whatever the record's "Sent to" contains, because the
 * bundle shows it "as sent". */
static void
find_letter_made (Context                *ctx,
                  const WmContactDetails *parent,
                  gint64                 *record_id,
                  WmDay                  *day)
{
  GPtrArray *letters = ctx->input->letters;

  for (guint i = 0; letters != NULL && i < letters->len; i++)
    {
      const WmLetterInfo *letter = g_ptr_array_index (letters, i);
      const WmRecord *record = NULL;

      if (letter->contact_id != parent->id || letter->day == WM_DAY_NONE
          || letter->day > ctx->input->as_of)
        continue;

      record = find_record (ctx, letter->record_id);
      if (record != NULL && _wm_record_has (record, "warning-letter", NULL,
                                            NULL))
        keep_newer (record_id, day, record->id, letter->day);
    }
}

/* Finds the newest warning-letter record that names @parent in "Sent to"
 * and is dated on or before the evaluation date, as a letter sent outside
 * Waymark is recorded. */
static void
find_letter_recorded (Context                *ctx,
                      const WmContactDetails *parent,
                      gint64                 *record_id,
                      WmDay                  *day)
{
  for (guint r = 0; r < ctx->input->records->len; r++)
    {
      const WmRecord *record = g_ptr_array_index (ctx->input->records, r);

      if (_wm_record_has (record, "warning-letter", NULL, NULL)
          && record->day != WM_DAY_NONE && record->day <= ctx->input->as_of
          && _wm_contact_named (&parent->contact,
                                _wm_record_text (record, "parent")))
        keep_newer (record_id, day, record->id, record->day);
    }
}

/*
 * A warning letter is sent to each parent separately. It counts as sent
 * to a parent when a letter addressed to that parent was made from a
 * final warning-letter record, or when a final warning-letter record
 * names that parent in "Sent to". Both are dated on or before the
 * evaluation date.
 */
static void
add_warning_letters (Context *ctx)
{
  if (ctx->parents->len == 0)
    {
      add_item (ctx, "warning-letter", FALSE, 0,
                g_strdup (_("Send the warning letter to each parent, once each "
                            "parent is recorded")));
      return;
    }

  for (guint i = 0; i < ctx->parents->len; i++)
    {
      const WmContactDetails *parent = g_ptr_array_index (ctx->parents, i);
      g_autofree char *name = _wm_contact_name (&parent->contact);
      g_autofree char *sent_on = NULL;
      gint64 record_id = 0;
      WmDay day = WM_DAY_NONE;

      find_letter_made (ctx, parent, &record_id, &day);
      find_letter_recorded (ctx, parent, &record_id, &day);
      if (record_id == 0)
        {
          add_item (ctx, "warning-letter", FALSE, 0,
                    g_strdup_printf (_("Send the warning letter to %s"), name));
          continue;
        }

      sent_on = wm_day_format_long (day);
      add_item (ctx, "warning-letter", TRUE, record_id,
                g_strdup_printf (_("Warning letter sent to %s on %s"), name,
                                 sent_on));
    }
}

/* Routes -------------------------------------------------------------- */

static void
add_route_item (Context     *ctx,
                const char  *key,
                WmRouteKind  kind,
                const char  *to_do)
{
  const WmRoute *route = find_route (ctx->response, kind);

  if (route == NULL)
    add_item (ctx, key, FALSE, 0, g_strdup (_(to_do)));
  else
    add_item (ctx, key, TRUE, route->record_id, g_strdup (route->sentence));
}

static void
add_threshold_or_leave (Context *ctx)
{
  if (find_route (ctx->response, WM_ROUTE_LEAVE_REFUSED) != NULL
      && find_route (ctx->response, WM_ROUTE_PENALTY_THRESHOLD) == NULL)
    add_route_item (ctx, "route", WM_ROUTE_LEAVE_REFUSED, NULL);
  else
    add_route_item (ctx, "route", WM_ROUTE_PENALTY_THRESHOLD,
                    N_("Neither the penalty threshold nor the leave-refused "
                       "route is met: the level alone is no ground for a "
                       "penalty notice"));
}

static void
add_unauthorised_absence (Context *ctx)
{
  const WmThresholdResult *threshold = &ctx->response->threshold;
  const char *range;

  if (threshold->window_start == WM_DAY_NONE)
    {
      add_item (ctx, "unauthorised-absence", FALSE, 0,
                g_strdup (_("No register has been imported yet")));
      return;
    }

  range = range_text (ctx, threshold->window_start, threshold->as_of);
  if (threshold->count == 0)
    add_item (ctx, "unauthorised-absence", FALSE, 0,
              g_strdup_printf (_("No unauthorised absence from %s: a warning "
                                 "letter is for absence the school did not "
                                 "authorise"), range));
  else
    add_item (ctx, "unauthorised-absence", TRUE, 0,
              /* Translators: %s is a range of dates. */
              g_strdup_printf (wm_ngettext ("%u unauthorised session from %s",
                                            "%u unauthorised sessions from %s",
                                            threshold->count),
                               threshold->count, range));
}

/* Notice to Improve --------------------------------------------------- */

static guint
count_unauthorised (const WmRegister *reg,
                    WmDay             first,
                    WmDay             last)
{
  guint count = 0;

  for (WmDay day = first; reg != NULL && day <= last; day++)
    for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
      if (_wm_mark_is_unauthorised (wm_register_get (reg, day, s), day))
        count++;

  return count;
}

static void
add_notice_period_items (Context                   *ctx,
                         const WmRecord            *notice,
                         const WmImprovementPeriod *period)
{
  g_autofree char *last = wm_day_format_weekday (period->last_day);
  g_autofree char *range = wm_day_range_format (period->received,
                                                period->last_day);
  WmDay until = MIN (period->last_day, ctx->input->as_of);
  guint absent = count_unauthorised (ctx->input->reg, period->received, until);

  if (period->last_day < ctx->input->as_of)
    add_item (ctx, "notice-period-over", TRUE, notice->id,
              g_strdup_printf (_("The improvement period ended on %s"), last));
  else
    add_item (ctx, "notice-period-over", FALSE, notice->id,
              g_strdup_printf (_("Wait for the improvement period to end on %s"),
                               last));

  if (absent > 0)
    add_item (ctx, "absence-during-notice", TRUE, notice->id,
              /* Translators: %s is a range of dates. */
              g_strdup_printf (wm_ngettext ("%u unauthorised session during the "
                                            "improvement period %s",
                                            "%u unauthorised sessions during the "
                                            "improvement period %s", absent),
                               absent, range));
  else
    add_item (ctx, "absence-during-notice", FALSE, notice->id,
              g_strdup_printf (_("No unauthorised absence during the "
                                 "improvement period %s: a penalty notice "
                                 "needs absence to continue during it"), range));
}

/* A penalty notice may be requested when unauthorised absence continued
 * during the improvement period of a Notice to Improve, so the notice,
 * the end of its period and the absence are three items. */
static void
add_notice_to_improve (Context *ctx)
{
  const WmRecord *notice = _wm_records_latest (ctx->input->records,
                                               "notice-to-improve", NULL,
                                               NULL, ctx->input->as_of);
  g_autoptr(GError) error = NULL;
  g_autofree char *issued = NULL;
  WmImprovementPeriod period;

  if (notice == NULL)
    {
      add_item (ctx, "notice-to-improve", FALSE, 0,
                g_strdup (_("Issue a Notice to Improve")));
      return;
    }

  issued = wm_day_format_long (notice->day);
  add_item (ctx, "notice-to-improve", TRUE, notice->id,
            g_strdup_printf (_("Notice to Improve issued on %s"), issued));

  if (!_wm_notice_to_improve_period (ctx->input, notice, &period, &error))
    {
      add_item (ctx, "notice-period-over", FALSE, notice->id,
                g_strdup (error->message));
      return;
    }

  add_notice_period_items (ctx, notice, &period);
}

/* Penalty notices ----------------------------------------------------- */

static guint
parent_notices (Context                *ctx,
                const WmContactDetails *parent,
                WmNoticeRecord         *notices)
{
  guint n = 0;

  for (guint i = 0; i < ctx->input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (ctx->input->records, i);
      const char *status = _wm_record_text (record, "status");

      if (!_wm_record_has (record, "penalty-notice", NULL, NULL)
          || record->day > ctx->input->as_of
          || !_wm_contact_named (&parent->contact,
                                 _wm_record_text (record, "parent")))
        continue;

      notices[n].issued = record->day;
      if (g_strcmp0 (status, "withdrawn") == 0)
        notices[n].status = WM_NOTICE_WITHDRAWN;
      else if (g_strcmp0 (status, "paid") == 0)
        notices[n].status = WM_NOTICE_PAID;
      else
        notices[n].status = WM_NOTICE_ISSUED;

      if (++n == WM_NOTICE_LIST_MAX)
        break;
    }

  return n;
}

/* Whether another notice may go to @parent on the evaluation date. A
 * parent may receive at most 2 notices per child in a rolling 3 years (the
 * rule values), so a third offence goes to other action, usually
 * prosecution. */
static gboolean
notice_allowed (Context                *ctx,
                const WmContactDetails *parent,
                WmNoticeDecision       *decision)
{
  WmNoticeRecord notices[WM_NOTICE_LIST_MAX];
  guint n = parent_notices (ctx, parent, notices);

  wm_notice_decide (notices, n, ctx->input->as_of,
                    ctx->input->response_rules, decision);
  return decision->allowed;
}

static void
add_notice_limit (Context *ctx)
{
  const WmResponseRules *rules = ctx->input->response_rules;

  for (guint i = 0; i < ctx->parents->len; i++)
    {
      const WmContactDetails *parent = g_ptr_array_index (ctx->parents, i);
      g_autofree char *name = _wm_contact_name (&parent->contact);
      WmNoticeDecision decision;

      if (notice_allowed (ctx, parent, &decision))
        add_item (ctx, "notice-limit", TRUE, 0,
                  /* Translators: a parent's name, the number of notices
                   * and the number of years of the limit. */
                  g_strdup_printf (wm_ngettext ("%s has had %u penalty notice for this "
                                                "child in the last %u years; another is "
                                                "allowed",
                                                "%s has had %u penalty notices for this "
                                                "child in the last %u years; another is "
                                                "allowed", decision.n_counted),
                                   name, decision.n_counted,
                                   rules->penalty_limit_years));
      else
        add_item (ctx, "notice-limit", FALSE, 0,
                  g_strdup_printf (_("%s has had %u penalty notices for this "
                                     "child in the last %u years: a further "
                                     "offence goes to prosecution, not another "
                                     "notice"), name, decision.n_counted,
                                   rules->penalty_limit_years));
    }
}

static const WmRecord *
find_unpaid_past_due (Context *ctx)
{
  static const char * const unpaid[] = { "unpaid", NULL };

  for (guint i = 0; i < ctx->input->records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (ctx->input->records, i);
      WmPenaltyDeadlines deadlines;

      if (_wm_record_has (record, "penalty-notice", "status", unpaid)
          && _wm_penalty_deadlines (ctx->input, record, &deadlines)
          && deadlines.full_last_day < ctx->input->as_of)
        return record;
    }

  return NULL;
}

/* Prosecution follows a penalty notice not paid within its 28 days, or a
 * further offence once a parent has had the most notices allowed. */
static void
add_penalty_outcome (Context *ctx)
{
  const WmRecord *unpaid = find_unpaid_past_due (ctx);

  if (unpaid != NULL)
    {
      g_autofree char *issued = wm_day_format_long (unpaid->day);

      add_item (ctx, "penalty-outcome", TRUE, unpaid->id,
                g_strdup_printf (_("The penalty notice issued on %s was not "
                                   "paid within its %u days"), issued,
                                 ctx->input->response_rules->penalty_full_days));
      return;
    }

  for (guint i = 0; i < ctx->parents->len; i++)
    {
      const WmContactDetails *parent = g_ptr_array_index (ctx->parents, i);
      g_autofree char *name = _wm_contact_name (&parent->contact);
      WmNoticeDecision decision;

      if (notice_allowed (ctx, parent, &decision))
        continue;

      add_item (ctx, "penalty-outcome", TRUE, 0,
                g_strdup_printf (_("%s has had %u penalty notices for this child "
                                   "within %u years, so a further offence goes "
                                   "to prosecution"), name, decision.n_counted,
                                 ctx->input->response_rules->penalty_limit_years));
      return;
    }

  add_item (ctx, "penalty-outcome", FALSE, 0,
            g_strdup (_("No penalty notice is unpaid after its payment period, "
                        "and no parent has reached the notice limit")));
}

/* Steps --------------------------------------------------------------- */

static void
add_spec_item (Context  *ctx,
               ItemKind  kind)
{
  switch (kind)
    {
    case ITEM_UNAUTHORISED_ABSENCE:
      add_unauthorised_absence (ctx);
      break;
    case ITEM_THRESHOLD:
      add_route_item (ctx, "route", WM_ROUTE_PENALTY_THRESHOLD,
                      N_("The penalty threshold is not met"));
      break;
    case ITEM_THRESHOLD_OR_LEAVE:
      add_threshold_or_leave (ctx);
      break;
    case ITEM_LEAVE_REFUSED:
      add_route_item (ctx, "route", WM_ROUTE_LEAVE_REFUSED,
                      N_("No refused leave request with enough unauthorised "
                         "absence in its dates"));
      break;
    case ITEM_VISIT_OR_MEETING:
      add_visit_or_meeting (ctx);
      break;
    case ITEM_WARNING_LETTERS:
      add_warning_letters (ctx);
      break;
    case ITEM_NOTICE_TO_IMPROVE:
      add_notice_to_improve (ctx);
      break;
    case ITEM_NOTICE_LIMIT:
      add_notice_limit (ctx);
      break;
    case ITEM_PENALTY_OUTCOME:
      add_penalty_outcome (ctx);
      break;
    case ITEM_END:
      break;
    default:
      add_support_item (ctx, kind);
      break;
    }
}

typedef void (*BuildItems) (Context *ctx,
                            gint     kind);

static void
build_register_item (Context *ctx,
                     gint     period)
{
  add_register_item (ctx, period);
}

static void
build_parent_items (Context *ctx,
                    gint     unused)
{
  add_parent_items (ctx);
}

static void
build_spec_item (Context *ctx,
                 gint     kind)
{
  add_spec_item (ctx, kind);
}

/* Adds the items @build makes for @kind to the step being filled. The
 * first step to need them gets them built, and *@built keeps pointers to
 * them (owned by that step); later steps get copies. */
static void
add_built (Context    *ctx,
           GPtrArray **built,
           BuildItems  build,
           gint        kind)
{
  if (*built == NULL)
    {
      guint start = ctx->items->len;

      build (ctx, kind);
      *built = g_ptr_array_new ();
      for (guint i = start; i < ctx->items->len; i++)
        g_ptr_array_add (*built, g_ptr_array_index (ctx->items, i));
      return;
    }

  for (guint i = 0; i < (*built)->len; i++)
    {
      const WmEvidenceItem *item = g_ptr_array_index (*built, i);

      add_item (ctx, item->key, item->satisfied, item->record_id,
                g_strdup (item->sentence));
    }
}

static void
compute_step (Context         *ctx,
              const StepSpec  *spec,
              WmStepReadiness *out)
{
  ctx->items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_evidence_item_free);

  add_built (ctx, &ctx->built_registers[spec->period], build_register_item,
             spec->period);
  add_built (ctx, &ctx->built_parents, build_parent_items, 0);
  for (guint i = 0; spec->items[i] != ITEM_END; i++)
    add_built (ctx, &ctx->built_items[spec->items[i]], build_spec_item,
               spec->items[i]);

  out->step = spec->step;
  out->ready = TRUE;
  for (guint i = 0; i < ctx->items->len; i++)
    if (!((WmEvidenceItem *) g_ptr_array_index (ctx->items, i))->satisfied)
      out->ready = FALSE;
  out->items = g_steal_pointer (&ctx->items);
}

/**
 * wm_readiness_compute:
 * @input: what the response is computed from
 * @response: the response with its routes and threshold set; its @steps
 *   are filled
 *
 * Fills the readiness of every legal step. Each step lists its evidence
 * items in order, each satisfied (with its record where one exists) or
 * missing with what to do. Every step needs a complete register for its
 * evidence period (the level window, the threshold period, or the dates
 * of the refused leave) and each parent's address checked within the
 * rule value's months. A step is ready only when every item is
 * satisfied; the level alone never makes it ready.
 */
void
wm_readiness_compute (const WmResponseInput *input,
                      WmResponse            *response)
{
  g_autoptr(GPtrArray) parents = _wm_response_parents (input->contacts);
  g_autoptr(GPtrArray) no_records = g_ptr_array_new ();
  WmResponseInput local = *input;
  Context ctx = { &local, response, parents, NULL, { NULL, }, { NULL, },
                  NULL, { { 0, }, } };

  g_return_if_fail (input != NULL);
  g_return_if_fail (response != NULL);

  if (local.records == NULL)
    local.records = no_records;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    compute_step (&ctx, &steps[i], &response->steps[steps[i].step]);

  for (guint i = 0; i < N_ITEM_KINDS; i++)
    g_clear_pointer (&ctx.built_items[i], g_ptr_array_unref);
  for (guint i = 0; i < N_PERIOD_KINDS; i++)
    g_clear_pointer (&ctx.built_registers[i], g_ptr_array_unref);
  g_clear_pointer (&ctx.built_parents, g_ptr_array_unref);
  for (guint i = 0; i < MAX_RANGES; i++)
    g_free (ctx.ranges[i].text);
}
