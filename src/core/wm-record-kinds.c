/* wm-record-kinds.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-record.h"

#include <string.h>

/*
 * The table of record kinds. Adding a field here changes what forms show
 * and what validation accepts at once. The per-kind SQL views are made
 * from this table by a schema migration, so a kind that gains a field
 * also needs a migration step that rebuilds the views.
 *
 * Choice values are stored, labels are shown: a label can be reworded
 * without touching stored records.
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
  TEXT ("action", "Action", TRUE),
  TEXT ("owner", "Owner", FALSE),
  DATE ("due_date", "Due date", FALSE),
  END
};

static const WmFieldSpec attendee_item[] = {
  TEXT ("name", "Name", TRUE),
  TEXT ("role", "Role", FALSE),
  END
};

static const WmFieldSpec hearing_item[] = {
  DATE ("date", "Hearing date", TRUE),
  TIME ("time", "Time", FALSE),
  END
};

/* Contact */

static const WmChoice contact_kinds[] = {
  { "first-day-call", "First-day call" },
  { "phone-call", "Phone call" },
  { "text", "Text message" },
  { "email", "Email" },
  { "letter-in", "Letter received" },
  { "letter-out", "Letter sent" },
  CHOICES_END
};

static const WmFieldSpec contact_fields[] = {
  CHOICE ("contact_kind", "Kind of contact", TRUE, contact_kinds),
  TEXT ("with_whom", "With whom", FALSE),
  DATE ("date", "Date", TRUE),
  TIME ("time", "Time", FALSE),
  LONG_TEXT ("outcome", "Outcome", FALSE),
  TEXT ("absence_reason", "Reason given for the absence", FALSE),
  DATE_AFTER ("expected_return", "Expected return date", FALSE, "date"),
  END
};

/* Home visit. A visit is recorded even when there is no answer, because
 * persistent home visits are evidence of the support offered. */

static const WmChoice visit_outcomes[] = {
  { "child-seen", "Child seen" },
  { "parent-seen", "Parent seen" },
  { "no-answer", "No answer" },
  { "card-left", "Card left" },
  { "entry-refused", "Entry refused" },
  CHOICES_END
};

static const WmFieldSpec home_visit_fields[] = {
  DATE ("date", "Date", TRUE),
  TIME ("time", "Time", FALSE),
  TEXT ("visited_by", "Visited by", TRUE),
  BOOL ("announced", "Announced"),
  BOOL ("risk_assessment_done", "Risk assessment done"),
  CHOICE ("outcome", "Outcome", TRUE, visit_outcomes),
  TEXT ("present", "Who was present", FALSE),
  LONG_TEXT ("what_was_said", "What was said", FALSE),
  LONG_TEXT ("concerns", "Concerns", FALSE),
  BOOL ("safeguarding_concern", "Safeguarding concern"),
  LIST ("agreed_actions", "Agreed actions", action_item),
  DATE_AFTER ("next_visit_date", "Next visit date", FALSE, "date"),
  END
};

/* Meeting */

static const WmChoice meeting_types[] = {
  { "parent-meeting", "Parent meeting" },
  { "attendance-plan-review", "Attendance plan review" },
  { "attendance-contract-meeting", "Attendance contract meeting" },
  { "targeting-support-meeting", "Targeting support meeting" },
  { "early-help", "Early help / team around the family" },
  CHOICES_END
};

static const WmFieldSpec meeting_fields[] = {
  CHOICE ("meeting_type", "Type of meeting", TRUE, meeting_types),
  DATE ("date", "Date", TRUE),
  LIST ("attendees", "Attendees", attendee_item),
  BOOL ("pupil_present", "Pupil present"),
  LONG_TEXT ("parents_views", "Parents' views", FALSE),
  LIST ("agreed_actions", "Agreed actions", action_item),
  END
};

/* Individual Attendance Plan: clear expectations over a set period, with
 * actions for school, parent and agencies. */

static const WmChoice plan_statuses[] = {
  { "active", "Active" },
  { "under-review", "Under review" },
  { "completed", "Completed" },
  { "ended", "Ended early" },
  CHOICES_END
};

static const WmFieldSpec attendance_plan_fields[] = {
  DATE ("start_date", "Start date", TRUE),
  DATE_AFTER ("review_date", "Review date", FALSE, "start_date"),
  DATE_AFTER ("end_date", "End date", FALSE, "start_date"),
  TEXT ("target", "Target", TRUE),
  LONG_TEXT ("school_actions", "Actions for the school", FALSE),
  LONG_TEXT ("parent_actions", "Actions for the parents", FALSE),
  LONG_TEXT ("agency_actions", "Actions for other agencies", FALSE),
  CHOICE ("status", "Status", TRUE, plan_statuses),
  LONG_TEXT ("outcome", "Outcome", FALSE),
  END
};

/* Individual Healthcare Plan: health data, so it is flagged for exports
 * to leave out. It needs a date of its own to sit on the Timeline. */

static const WmFieldSpec healthcare_plan_fields[] = {
  DATE ("date", "Date agreed", TRUE),
  TEXT ("condition", "Condition", TRUE),
  LONG_TEXT ("impact", "Impact on attendance and learning", FALSE),
  LONG_TEXT ("strategies", "Strategies", FALSE),
  BOOL ("consent", "Consent given"),
  DATE_AFTER ("review_date", "Review date", FALSE, "date"),
  END
};

/* Referral */

static const WmChoice referral_targets[] = {
  { "pupil-absence-team", "Pupil absence team advice" },
  { "school-nursing", "School nursing" },
  { "early-help", "Early help" },
  { "camhs", "CAMHS" },
  { "educational-psychology", "Educational psychology" },
  { "send-assessment", "SEND assessment" },
  { "medical-education-service", "Medical education service" },
  { "virtual-school", "Virtual school" },
  { "childrens-services", "Children's services" },
  CHOICES_END
};

static const WmFieldSpec referral_fields[] = {
  CHOICE ("referred_to", "Referred to", TRUE, referral_targets),
  DATE ("date", "Date", TRUE),
  LONG_TEXT ("reason", "Reason", FALSE),
  LONG_TEXT ("outcome", "Outcome", FALSE),
  END
};

/* Leave of absence request. A refusal followed by absence anyway opens the
 * leave-refused route, so the decision is a choice, not free text. */

static const WmChoice leave_decisions[] = {
  { "pending", "Pending" },
  { "granted", "Granted" },
  { "refused", "Refused" },
  CHOICES_END
};

static const WmFieldSpec leave_request_fields[] = {
  DATE ("first_date", "First day of leave", TRUE),
  DATE_AFTER ("last_date", "Last day of leave", TRUE, "first_date"),
  LONG_TEXT ("reason", "Reason", FALSE),
  CHOICE ("decision", "Decision", TRUE, leave_decisions),
  DATE ("decision_date", "Decision date", FALSE),
  END
};

/* Legal steps. Each parent is addressed separately, so each letter or
 * notice names the parent it went to. */

static const WmFieldSpec warning_letter_fields[] = {
  DATE ("date_sent", "Date sent", TRUE),
  TEXT ("parent", "Sent to (parent)", TRUE),
  END
};

/* The improvement period of a Notice to Improve is 3 to 6 weeks. */
static const WmFieldSpec notice_to_improve_fields[] = {
  TEXT ("parent", "Parent", FALSE),
  DATE ("issue_date", "Issue date", TRUE),
  DATE_AFTER ("received_date", "Date received", FALSE, "issue_date"),
  INTEGER ("improvement_weeks", "Improvement period (weeks)", TRUE, 3, 6),
  DATE_AFTER ("end_date", "End of the improvement period", FALSE,
              "issue_date"),
  END
};

static const WmFieldSpec attendance_contract_fields[] = {
  DATE ("date", "Date", TRUE),
  DATE_AFTER ("review_date", "Review date", FALSE, "date"),
  END
};

static const WmChoice service_methods[] = {
  { "post", "Post" },
  { "hand", "By hand" },
  CHOICES_END
};

static const WmChoice penalty_statuses[] = {
  { "unpaid", "Unpaid" },
  { "paid", "Paid" },
  { "withdrawn", "Withdrawn" },
  CHOICES_END
};

/* One notice per parent. The 21- and 28-day dates depend on the service
 * rule and are computed by the engine from what is stored here. */
static const WmFieldSpec penalty_notice_fields[] = {
  TEXT ("parent", "Parent", TRUE),
  DATE ("issue_date", "Issue date", TRUE),
  CHOICE ("service_method", "Service method", TRUE, service_methods),
  DATE_AFTER ("received_date", "Date received", FALSE, "issue_date"),
  INTEGER ("amount", "Amount (pounds)", FALSE, 0, 10000),
  CHOICE ("status", "Status", TRUE, penalty_statuses),
  END
};

static const WmChoice prosecution_sections[] = {
  { "s444-1", "s444(1)" },
  { "s444-1a", "s444(1A)" },
  CHOICES_END
};

static const WmFieldSpec prosecution_fields[] = {
  DATE ("date", "Date of the decision to prosecute", TRUE),
  CHOICE ("section", "Section", TRUE, prosecution_sections),
  LIST ("hearings", "Hearing dates", hearing_item),
  LONG_TEXT ("outcome", "Outcome", FALSE),
  END
};

/* An Education Supervision Order must be considered, and the
 * consideration recorded with its reasons, before a prosecution. */
static const WmFieldSpec eso_consideration_fields[] = {
  DATE ("date", "Date", TRUE),
  TEXT ("decision", "Decision", TRUE),
  LONG_TEXT ("reasons", "Reasons", TRUE),
  END
};

static const WmFieldSpec parenting_order_fields[] = {
  DATE ("date", "Date", TRUE),
  LONG_TEXT ("details", "Details", FALSE),
  END
};

/* Safeguarding: restricted. A referral to children's services is timed
 * to the minute, so its date and time go together. */
static const WmFieldSpec safeguarding_fields[] = {
  DATE ("date", "Date of the concern", TRUE),
  LONG_TEXT ("concern", "Concern", TRUE),
  { .name = "referral_date", .label = "Referral to children's services: "
    "date", .type = WM_FIELD_DATE, .not_before = "date",
    .with_field = "referral_time" },
  { .name = "referral_time", .label = "Referral to children's services: "
    "time", .type = WM_FIELD_TIME, .with_field = "referral_date" },
  END
};

static const WmFieldSpec note_fields[] = {
  DATE ("date", "Date", TRUE),
  LONG_TEXT ("text", "Note", TRUE),
  END
};

static const WmRecordKind kinds[] = {
  { "contact", "Contact", "contact_records", WM_RECORD_FLAG_NONE,
    contact_fields, "date", "time", "contact_kind", "outcome" },
  { "home-visit", "Home visit", "home_visits", WM_RECORD_FLAG_NONE,
    home_visit_fields, "date", "time", "outcome", "what_was_said" },
  { "meeting", "Meeting", "meetings", WM_RECORD_FLAG_NONE,
    meeting_fields, "date", NULL, "meeting_type", "parents_views" },
  { "attendance-plan", "Attendance plan", "attendance_plans",
    WM_RECORD_FLAG_NONE, attendance_plan_fields, "start_date", NULL,
    "status", "target" },
  { "healthcare-plan", "Healthcare plan", "healthcare_plans",
    WM_RECORD_FLAG_HEALTH, healthcare_plan_fields, "date", NULL, NULL,
    "condition" },
  { "referral", "Referral", "referrals", WM_RECORD_FLAG_NONE,
    referral_fields, "date", NULL, "referred_to", "reason" },
  { "leave-request", "Leave request", "leave_requests", WM_RECORD_FLAG_NONE,
    leave_request_fields, "first_date", NULL, "decision", "reason" },
  { "warning-letter", "Warning letter", "warning_letters",
    WM_RECORD_FLAG_NONE, warning_letter_fields, "date_sent", NULL, NULL,
    NULL },
  { "notice-to-improve", "Notice to Improve", "notices_to_improve",
    WM_RECORD_FLAG_NONE, notice_to_improve_fields, "issue_date", NULL, NULL,
    NULL },
  { "attendance-contract", "Attendance contract", "attendance_contracts",
    WM_RECORD_FLAG_NONE, attendance_contract_fields, "date", NULL, NULL,
    NULL },
  { "penalty-notice", "Penalty notice", "penalty_notices",
    WM_RECORD_FLAG_NONE, penalty_notice_fields, "issue_date", NULL, "status",
    NULL },
  { "prosecution", "Prosecution", "prosecutions", WM_RECORD_FLAG_NONE,
    prosecution_fields, "date", NULL, "section", "outcome" },
  { "eso-consideration", "Education Supervision Order considered",
    "eso_considerations", WM_RECORD_FLAG_NONE, eso_consideration_fields,
    "date", NULL, "decision", "reasons" },
  { "parenting-order", "Parenting order", "parenting_orders",
    WM_RECORD_FLAG_NONE, parenting_order_fields, "date", NULL, NULL,
    "details" },
  { "safeguarding", "Safeguarding", "safeguarding_records",
    WM_RECORD_FLAG_RESTRICTED, safeguarding_fields, "date", NULL, NULL,
    "concern" },
  { "note", "Note", "notes", WM_RECORD_FLAG_NONE, note_fields, "date", NULL,
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
