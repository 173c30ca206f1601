/* wm-record-kinds.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-record.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * The table of record kinds. Adding a field here changes what forms show
 * and what validation accepts at once. The per-kind SQL views are made
 * from this table by a schema migration, so a kind that gains a field
 * also needs a migration step that rebuilds the views.
 *
 * Choice values are stored, labels are shown: a label can be reworded
 * without touching stored records.
 *
 * Kind names, field labels and choice labels are marked with N_() and
 * stay English here, because the bundle and the letters print them; the
 * window translates them where it shows them (see wm-i18n.c).
 */

#define DATE(n, l, req) \
  { .name = n, .label = l, .type = WM_FIELD_DATE, .required = req }
#define DATE_AFTER(n, l, req, before) \
  { .name = n, .label = l, .type = WM_FIELD_DATE, .required = req, \
    .not_before = before }
#define TIME(n, l, req) \
  { .name = n, .label = l, .type = WM_FIELD_TIME, .required = req }
#define TEXT(n, l, req) \
  { .name = n, .label = l, .type = WM_FIELD_TEXT, .required = req }
#define LONG_TEXT(n, l, req) \
  { .name = n, .label = l, .type = WM_FIELD_LONG_TEXT, .required = req }
#define BOOL(n, l) \
  { .name = n, .label = l, .type = WM_FIELD_BOOL }
#define CHOICE(n, l, req, values) \
  { .name = n, .label = l, .type = WM_FIELD_CHOICE, .required = req, \
    .choices = values }
#define INTEGER(n, l, req, lo, hi) \
  { .name = n, .label = l, .type = WM_FIELD_INTEGER, .required = req, \
    .min = lo, .max = hi }
#define LIST(n, l, item_fields) \
  { .name = n, .label = l, .type = WM_FIELD_LIST, .items = item_fields }
#define END { NULL }
#define CHOICES_END { NULL, NULL }

/* Items of lists */

static const WmFieldSpec action_item[] = {
  TEXT ("action", N_("Action"), TRUE),
  TEXT ("owner", N_("Owner"), FALSE),
  DATE ("due_date", N_("Due date"), FALSE),
  END
};

static const WmFieldSpec attendee_item[] = {
  TEXT ("name", N_("Name"), TRUE),
  TEXT ("role", N_("Role"), FALSE),
  END
};

static const WmFieldSpec hearing_item[] = {
  DATE ("date", N_("Hearing date"), TRUE),
  TIME ("time", N_("Time"), FALSE),
  END
};

/* Contact */

static const WmChoice contact_kinds[] = {
  { "first-day-call", N_("First-day call") },
  { "phone-call", N_("Phone call") },
  { "text", N_("Text message") },
  { "email", N_("Email") },
  { "letter-in", N_("Letter received") },
  { "letter-out", N_("Letter sent") },
  CHOICES_END
};

static const WmFieldSpec contact_fields[] = {
  CHOICE ("contact_kind", N_("Kind of contact"), TRUE, contact_kinds),
  TEXT ("with_whom", N_("With whom"), FALSE),
  DATE ("date", N_("Date"), TRUE),
  TIME ("time", N_("Time"), FALSE),
  LONG_TEXT ("outcome", N_("Outcome"), FALSE),
  TEXT ("absence_reason", N_("Reason given for the absence"), FALSE),
  DATE_AFTER ("expected_return", N_("Expected return date"), FALSE, "date"),
  END
};

/* Home visit. A visit is recorded even when there is no answer, because
 * persistent home visits are evidence of the support offered. */

static const WmChoice visit_outcomes[] = {
  { "child-seen", N_("Child seen") },
  { "parent-seen", N_("Parent seen") },
  { "no-answer", N_("No answer") },
  /* Translators: nobody answered, so the officer left a calling card. */
  { "card-left", N_("Card left") },
  { "entry-refused", N_("Entry refused") },
  CHOICES_END
};

static const WmFieldSpec home_visit_fields[] = {
  DATE ("date", N_("Date"), TRUE),
  TIME ("time", N_("Time"), FALSE),
  TEXT ("visited_by", N_("Visited by"), TRUE),
  BOOL ("announced", N_("Announced")),
  BOOL ("risk_assessment_done", N_("Risk assessment done")),
  CHOICE ("outcome", N_("Outcome"), TRUE, visit_outcomes),
  TEXT ("present", N_("Who was present"), FALSE),
  LONG_TEXT ("what_was_said", N_("What was said"), FALSE),
  LONG_TEXT ("concerns", N_("Concerns"), FALSE),
  BOOL ("safeguarding_concern", N_("Safeguarding concern")),
  LIST ("agreed_actions", N_("Agreed actions"), action_item),
  DATE_AFTER ("next_visit_date", N_("Next visit date"), FALSE, "date"),
  END
};

/* Meeting */

static const WmChoice meeting_types[] = {
  { "parent-meeting", N_("Parent meeting") },
  { "attendance-plan-review", N_("Attendance plan review") },
  { "attendance-contract-meeting", N_("Attendance contract meeting") },
  { "targeting-support-meeting", N_("Targeting support meeting") },
  { "early-help", N_("Early help / team around the family") },
  CHOICES_END
};

/* A meeting is recorded before it happens too, so that the invitation
 * to it can be made from the record: the time and place are what the
 * invitation tells each parent. */
static const WmFieldSpec meeting_fields[] = {
  CHOICE ("meeting_type", N_("Type of meeting"), TRUE, meeting_types),
  DATE ("date", N_("Date"), TRUE),
  TIME ("time", N_("Time"), FALSE),
  TEXT ("place", N_("Place"), FALSE),
  LIST ("attendees", N_("Attendees"), attendee_item),
  BOOL ("pupil_present", N_("Pupil present")),
  LONG_TEXT ("parents_views", N_("Parents' views"), FALSE),
  LIST ("agreed_actions", N_("Agreed actions"), action_item),
  END
};

/* Individual Attendance Plan: clear expectations over a set period, with
 * actions for school, parent and agencies. */

static const WmChoice plan_statuses[] = {
  { "active", N_("Active") },
  { "under-review", N_("Under review") },
  { "completed", N_("Completed") },
  { "ended", N_("Ended early") },
  CHOICES_END
};

static const WmFieldSpec attendance_plan_fields[] = {
  DATE ("start_date", N_("Start date"), TRUE),
  DATE_AFTER ("review_date", N_("Review date"), FALSE, "start_date"),
  DATE_AFTER ("end_date", N_("End date"), FALSE, "start_date"),
  TEXT ("target", N_("Target"), TRUE),
  LONG_TEXT ("school_actions", N_("Actions for the school"), FALSE),
  LONG_TEXT ("parent_actions", N_("Actions for the parents"), FALSE),
  LONG_TEXT ("agency_actions", N_("Actions for other agencies"), FALSE),
  CHOICE ("status", N_("Status"), TRUE, plan_statuses),
  LONG_TEXT ("outcome", N_("Outcome"), FALSE),
  END
};

/* Individual Healthcare Plan: health data, so it is flagged for exports
 * to leave out. It needs a date of its own to sit on the Timeline. */

static const WmFieldSpec healthcare_plan_fields[] = {
  DATE ("date", N_("Date agreed"), TRUE),
  TEXT ("condition", N_("Condition"), TRUE),
  LONG_TEXT ("impact", N_("Impact on attendance and learning"), FALSE),
  LONG_TEXT ("strategies", N_("Strategies"), FALSE),
  BOOL ("consent", N_("Consent given")),
  DATE_AFTER ("review_date", N_("Review date"), FALSE, "date"),
  END
};

/* Referral */

static const WmChoice referral_targets[] = {
  { "pupil-absence-team", N_("Pupil absence team advice") },
  { "school-nursing", N_("School nursing") },
  { "early-help", N_("Early help") },
  /* Translators: Child and Adolescent Mental Health Services, the NHS
   * service; keep the abbreviation the service uses in your country. */
  { "camhs", N_("CAMHS") },
  { "educational-psychology", N_("Educational psychology") },
  /* Translators: an assessment of special educational needs and
   * disabilities (SEND). */
  { "send-assessment", N_("SEND assessment") },
  { "medical-education-service", N_("Medical education service") },
  { "virtual-school", N_("Virtual school") },
  { "childrens-services", N_("Children's services") },
  CHOICES_END
};

static const WmFieldSpec referral_fields[] = {
  CHOICE ("referred_to", N_("Referred to"), TRUE, referral_targets),
  DATE ("date", N_("Date"), TRUE),
  LONG_TEXT ("reason", N_("Reason"), FALSE),
  LONG_TEXT ("outcome", N_("Outcome"), FALSE),
  END
};

/* Leave of absence request. A refusal followed by absence anyway opens the
 * leave-refused route, so the decision is a choice, not free text. */

static const WmChoice leave_decisions[] = {
  { "pending", N_("Pending") },
  { "granted", N_("Granted") },
  { "refused", N_("Refused") },
  CHOICES_END
};

static const WmFieldSpec leave_request_fields[] = {
  DATE ("first_date", N_("First day of leave"), TRUE),
  DATE_AFTER ("last_date", N_("Last day of leave"), TRUE, "first_date"),
  LONG_TEXT ("reason", N_("Reason"), FALSE),
  CHOICE ("decision", N_("Decision"), TRUE, leave_decisions),
  DATE ("decision_date", N_("Decision date"), FALSE),
  END
};

/* Legal steps. Each parent is addressed separately, so each letter or
 * notice names the parent it went to. */

static const WmFieldSpec warning_letter_fields[] = {
  DATE ("date_sent", N_("Date sent"), TRUE),
  TEXT ("parent", N_("Sent to (parent)"), TRUE),
  END
};

/* The improvement period of a Notice to Improve is 3 to 6 weeks. The
 * notice must state what counts as sufficient improvement, the support
 * already given and the further support available, so the record keeps
 * the words the notice printed. */
static const WmFieldSpec notice_to_improve_fields[] = {
  TEXT ("parent", N_("Parent"), FALSE),
  DATE ("issue_date", N_("Issue date"), TRUE),
  DATE_AFTER ("received_date", N_("Date received"), FALSE, "issue_date"),
  INTEGER ("improvement_weeks", N_("Improvement period (weeks)"), TRUE, 3, 6),
  DATE_AFTER ("end_date", N_("End of the improvement period"), FALSE,
              "issue_date"),
  TEXT ("target", N_("Target"), FALSE),
  LONG_TEXT ("support_given", N_("Support already given"), FALSE),
  LONG_TEXT ("support_offered", N_("Further support available"), FALSE),
  END
};

static const WmFieldSpec attendance_contract_fields[] = {
  DATE ("date", N_("Date"), TRUE),
  DATE_AFTER ("review_date", N_("Review date"), FALSE, "date"),
  END
};

static const WmChoice service_methods[] = {
  { "post", N_("Post") },
  { "hand", N_("By hand") },
  CHOICES_END
};

static const WmChoice penalty_statuses[] = {
  { "unpaid", N_("Unpaid") },
  { "paid", N_("Paid") },
  { "withdrawn", N_("Withdrawn") },
  CHOICES_END
};

/* One notice per parent. The 21- and 28-day dates depend on the service
 * rule and are computed by the engine from what is stored here.
 *
 * A notice is issued for the absence in a stated period, and one absence
 * cannot be penalised twice. Once the notice is issued, the unauthorised
 * sessions from the first to the last day of that period no longer count
 * towards the penalty threshold or a refused leave, unless the notice is
 * withdrawn. So every issued notice must give the days it is for. */
static const WmFieldSpec penalty_notice_fields[] = {
  TEXT ("parent", N_("Parent"), TRUE),
  DATE ("issue_date", N_("Issue date"), TRUE),
  CHOICE ("service_method", N_("Service method"), TRUE, service_methods),
  DATE_AFTER ("received_date", N_("Date received"), FALSE, "issue_date"),
  INTEGER ("amount", N_("Amount (pounds)"), FALSE, 0, 10000),
  CHOICE ("status", N_("Status"), TRUE, penalty_statuses),
  DATE ("absence_first_date", N_("First day of the absence it is for"), TRUE),
  DATE_AFTER ("absence_last_date", N_("Last day of the absence it is for"), TRUE,
              "absence_first_date"),
  END
};

/* Sections of the Education Act 1996, the same in every language, so not
 * marked for translation. */
static const WmChoice prosecution_sections[] = {
  { "s444-1", "s444(1)" },
  { "s444-1a", "s444(1A)" },
  CHOICES_END
};

static const WmFieldSpec prosecution_fields[] = {
  DATE ("date", N_("Date of the decision to prosecute"), TRUE),
  CHOICE ("section", N_("Section"), TRUE, prosecution_sections),
  LIST ("hearings", N_("Hearing dates"), hearing_item),
  LONG_TEXT ("outcome", N_("Outcome"), FALSE),
  END
};

/* An Education Supervision Order must be considered, and the
 * consideration recorded with its reasons, before a prosecution. */
static const WmFieldSpec eso_consideration_fields[] = {
  DATE ("date", N_("Date"), TRUE),
  TEXT ("decision", N_("Decision"), TRUE),
  LONG_TEXT ("reasons", N_("Reasons"), TRUE),
  END
};

static const WmFieldSpec parenting_order_fields[] = {
  DATE ("date", N_("Date"), TRUE),
  LONG_TEXT ("details", N_("Details"), FALSE),
  END
};

/* Safeguarding: restricted. A referral to children's services is timed
 * to the minute, so its date and time go together. A concern is open
 * until it is closed with a date and the outcome that closed it, both
 * together. A closed concern stays on the record as evidence. */
static const WmFieldSpec safeguarding_fields[] = {
  DATE ("date", N_("Date of the concern"), TRUE),
  LONG_TEXT ("concern", N_("Concern"), TRUE),
  { .name = "referral_date", .label = N_("Referral to children's services: "
    "date"), .type = WM_FIELD_DATE, .not_before = "date",
    .with_field = "referral_time" },
  { .name = "referral_time", .label = N_("Referral to children's services: "
    "time"), .type = WM_FIELD_TIME, .with_field = "referral_date" },
  { .name = "closed_date", .label = N_("Date the concern was closed"),
    .type = WM_FIELD_DATE, .not_before = "date",
    .with_field = "closed_outcome" },
  { .name = "closed_outcome", .label = N_("Outcome when closed"),
    .type = WM_FIELD_LONG_TEXT, .with_field = "closed_date" },
  END
};

static const WmFieldSpec note_fields[] = {
  DATE ("date", N_("Date"), TRUE),
  LONG_TEXT ("text", N_("Note"), TRUE),
  END
};

static const WmRecordKind kinds[] = {
  { "contact", N_("Contact"), "contact_records", WM_RECORD_FLAG_NONE,
    contact_fields, "date", "time", "contact_kind", "outcome" },
  { "home-visit", N_("Home visit"), "home_visits", WM_RECORD_FLAG_NONE,
    home_visit_fields, "date", "time", "outcome", "what_was_said" },
  { "meeting", N_("Meeting"), "meetings", WM_RECORD_FLAG_NONE,
    meeting_fields, "date", "time", "meeting_type", "parents_views" },
  { "attendance-plan", N_("Attendance plan"), "attendance_plans",
    WM_RECORD_FLAG_NONE, attendance_plan_fields, "start_date", NULL,
    "status", "target" },
  { "healthcare-plan", N_("Healthcare plan"), "healthcare_plans",
    WM_RECORD_FLAG_HEALTH, healthcare_plan_fields, "date", NULL, NULL,
    "condition" },
  { "referral", N_("Referral"), "referrals", WM_RECORD_FLAG_NONE,
    referral_fields, "date", NULL, "referred_to", "reason" },
  { "leave-request", N_("Leave request"), "leave_requests", WM_RECORD_FLAG_NONE,
    leave_request_fields, "first_date", NULL, "decision", "reason" },
  { "warning-letter", N_("Warning letter"), "warning_letters",
    WM_RECORD_FLAG_NONE, warning_letter_fields, "date_sent", NULL, NULL,
    NULL },
  { "notice-to-improve", N_("Notice to Improve"), "notices_to_improve",
    WM_RECORD_FLAG_NONE, notice_to_improve_fields, "issue_date", NULL, NULL,
    NULL },
  { "attendance-contract", N_("Attendance contract"), "attendance_contracts",
    WM_RECORD_FLAG_NONE, attendance_contract_fields, "date", NULL, NULL,
    NULL },
  { "penalty-notice", N_("Penalty notice"), "penalty_notices",
    WM_RECORD_FLAG_NONE, penalty_notice_fields, "issue_date", NULL, "status",
    NULL },
  { "prosecution", N_("Prosecution"), "prosecutions", WM_RECORD_FLAG_NONE,
    prosecution_fields, "date", NULL, "section", "outcome" },
  { "eso-consideration", N_("Education Supervision Order considered"),
    "eso_considerations", WM_RECORD_FLAG_NONE, eso_consideration_fields,
    "date", NULL, "decision", "reasons" },
  { "parenting-order", N_("Parenting order"), "parenting_orders",
    WM_RECORD_FLAG_NONE, parenting_order_fields, "date", NULL, NULL,
    "details" },
  { "safeguarding", N_("Safeguarding"), "safeguarding_records",
    WM_RECORD_FLAG_RESTRICTED, safeguarding_fields, "date", NULL, NULL,
    "concern" },
  { "note", N_("Note"), "notes", WM_RECORD_FLAG_NONE, note_fields, "date", NULL,
    NULL, "text" },
};

static const WmRecordKind * const kind_list[] = {
  &kinds[0], &kinds[1], &kinds[2], &kinds[3], &kinds[4], &kinds[5],
  &kinds[6], &kinds[7], &kinds[8], &kinds[9], &kinds[10], &kinds[11],
  &kinds[12], &kinds[13], &kinds[14], &kinds[15], NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_list) == G_N_ELEMENTS (kinds) + 1);

/**
 * wm_record_kinds:
 * @out_n_kinds: (out) (optional): the number of kinds
 *
 * Returns: (transfer none) (array zero-terminated=1): every record kind,
 *   in the order a menu of new records lists them
 */
const WmRecordKind * const *
wm_record_kinds (guint *out_n_kinds)
{
  if (out_n_kinds != NULL)
    *out_n_kinds = G_N_ELEMENTS (kinds);
  return kind_list;
}

/**
 * wm_record_kind_lookup:
 * @name: a kind's stored name, such as "home-visit"
 *
 * Returns: (transfer none) (nullable): the kind, or %NULL when @name is
 *   not a record kind
 */
const WmRecordKind *
wm_record_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].name, name) == 0)
      return &kinds[i];

  return NULL;
}

/**
 * wm_record_kind_find_field:
 * @kind: a record kind
 * @name: a field name, such as "next_visit_date"
 *
 * Returns: (transfer none) (nullable): the field of @kind called @name
 */
const WmFieldSpec *
wm_record_kind_find_field (const WmRecordKind *kind,
                           const char         *name)
{
  g_return_val_if_fail (kind != NULL, NULL);

  for (const WmFieldSpec *f = kind->fields; name != NULL && f->name; f++)
    if (strcmp (f->name, name) == 0)
      return f;

  return NULL;
}

/**
 * wm_field_spec_choice_label:
 * @field: a choice field
 * @value: a stored value
 *
 * Returns: (transfer none) (nullable): the label of @value, or %NULL when
 *   @value is not one of @field's choices
 */
const char *
wm_field_spec_choice_label (const WmFieldSpec *field,
                            const char        *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (field->choices == NULL || value == NULL)
    return NULL;

  for (const WmChoice *c = field->choices; c->value != NULL; c++)
    if (strcmp (c->value, value) == 0)
      return c->label;

  return NULL;
}
