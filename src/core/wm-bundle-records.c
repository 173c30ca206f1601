/* wm-bundle-records.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-bundle-private.h"

#include "wm-engine.h"
#include "wm-response.h"

#include <string.h>

#include "wm-letters.h"

/*
 * The parts of a bundle made from the case record: the chronology, the
 * support offered, the numbered exhibits, the legal steps and the witness
 * statement outline.
 */

#define WITHHELD_HEALTH "Withheld: health information"

/* Kinds that are support offered to the family, which a court expects to
 * see before any legal step. */
static const char * const support_kinds[] = {
  "home-visit", "meeting", "attendance-plan", "healthcare-plan", "referral",
  NULL,
};

/* Kinds that are legal steps. */
static const char * const legal_kinds[] = {
  "warning-letter", "notice-to-improve", "attendance-contract",
  "penalty-notice", "prosecution", "eso-consideration", "parenting-order",
  NULL,
};

/* Kinds that are documents in their own right and go in as exhibits:
 * reports of visits, notes of meetings, plans, letters and notices. */
static const char * const exhibit_kinds[] = {
  "home-visit", "meeting", "attendance-plan", "healthcare-plan",
  "leave-request", "warning-letter", "notice-to-improve",
  "attendance-contract", "penalty-notice", "note", "safeguarding", NULL,
};

/* Helpers */

static gboolean
kind_in (const WmRecord     *record,
         const char * const *kinds)
{
  return g_strv_contains (kinds, record->kind->name);
}

static const char *
body_string (const WmRecord *record,
             const char     *name)
{
  JsonNode *node = json_object_get_member (record->body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_withheld_health (WmBundleContext *ctx,
                    const WmRecord  *record)
{
  return (ctx->options->redactions & WM_BUNDLE_REDACT_HEALTH)
         && (record->kind->flags & WM_RECORD_FLAG_HEALTH);
}

static char *
format_day (WmDay day)
{
  return wm_day_format_long (day);
}

static char *
exhibit_label (WmBundleContext *ctx,
               gint64           record_id)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->exhibits, &record_id));

  return n > 0 ? g_strdup_printf ("Exhibit %u", n) : NULL;
}

/* The text of one stored value, as the officer would read it. */
static char *
value_text (const WmFieldSpec *field,
            JsonNode          *node);

static char *
list_text (const WmFieldSpec *field,
           JsonNode          *node)
{
  JsonArray *items = json_node_get_array (node);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;

      object = json_node_get_object (item);
      g_string_append (text, text->len > 0 ? "; " : "");
      for (const WmFieldSpec *f = field->items; f->name != NULL; f++)
        {
          g_autofree char *value = value_text (f,
            json_object_get_member (object, f->name));

          if (value != NULL)
            g_string_append_printf (text, "%s%s",
                                    f == field->items ? "" : ", ", value);
        }
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE)
                       : NULL;
}

static char *
value_text (const WmFieldSpec *field,
            JsonNode          *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->type)
    {
    case WM_FIELD_DATE:
      return format_day (wm_day_from_iso (json_node_get_string (node)));
    case WM_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? "Yes" : "No");
    case WM_FIELD_CHOICE:
      {
        const char *value = json_node_get_string (node);

        return g_strdup (wm_field_spec_choice_label (field, value));
      }
    case WM_FIELD_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case WM_FIELD_LIST:
      return JSON_NODE_HOLDS_ARRAY (node) ? list_text (field, node) : NULL;
    case WM_FIELD_TIME:
    case WM_FIELD_TEXT:
    case WM_FIELD_LONG_TEXT:
    default:
      return g_strdup (json_node_get_string (node));
    }
}

/* Classification, shared with wm-bundle.c */

gboolean
_wm_bundle_is_support (const WmRecord *record)
{
  return kind_in (record, support_kinds);
}

gboolean
_wm_bundle_is_legal (const WmRecord *record)
{
  return kind_in (record, legal_kinds);
}

/* A letter sent or received as a contact is a document too. */
gboolean
_wm_bundle_is_exhibit (const WmRecord *record)
{
  const char *contact_kind = body_string (record, "contact_kind");

  if (strcmp (record->kind->name, "contact") == 0)
    return g_strcmp0 (contact_kind, "letter-out") == 0
           || g_strcmp0 (contact_kind, "letter-in") == 0;

  return kind_in (record, exhibit_kinds);
}

/* Who acted, and with or to whom. */
char *
_wm_bundle_record_people (const WmRecord *record)
{
  const char *by = body_string (record, "visited_by");
  const char *with = body_string (record, "with_whom");
  const char *to = body_string (record, "parent");

  if (by == NULL)
    by = record->created_by != NULL ? record->created_by : "Not recorded";

  if (with != NULL)
    return g_strdup_printf ("%s, with %s", by, with);
  if (to != NULL)
    return g_strdup_printf ("%s, to %s", by, to);
  return g_strdup (by);
}

char *
_wm_bundle_record_outcome (WmBundleContext *ctx,
                           const WmRecord  *record)
{
  const WmFieldSpec *field;
  g_autofree char *summary = NULL;

  if (is_withheld_health (ctx, record))
    return g_strdup (WITHHELD_HEALTH);

  /* A record's own outcome field describes best what came of it. Other
   * kinds fall back to their status, decision or summary line. */
  field = wm_record_kind_find_field (record->kind, "outcome");
  if (field == NULL)
    field = wm_record_kind_find_field (record->kind, "status");
  if (field == NULL)
    field = wm_record_kind_find_field (record->kind, "decision");
  if (field != NULL)
    {
      char *text = value_text (field, json_object_get_member (record->body,
                                                              field->name));
      if (text != NULL)
        return text;
    }

  summary = wm_record_body_summary (record->kind, record->body);
  return g_strdup (summary != NULL ? summary : "");
}

/* Chronology */

typedef struct
{
  WmDay  day;
  guint  order;
  char  *cells[5];
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row);
}

static Row *
row_new (WmDay  day,
         guint  order,
         char  *event,
         char  *people,
         char  *outcome,
         char  *exhibit)
{
  Row *row = g_new0 (Row, 1);

  row->day = day;
  row->order = order;
  row->cells[0] = format_day (day);
  row->cells[1] = event;
  row->cells[2] = people;
  row->cells[3] = outcome;
  row->cells[4] = exhibit;
  return row;
}

static gint
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = *(Row * const *) a;
  const Row *y = *(Row * const *) b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;

  return (x->order > y->order) - (x->order < y->order);
}

static const char *
case_event_label (const char *event)
{
  if (strcmp (event, "open") == 0)
    return "Case opened";
  if (strcmp (event, "allocate") == 0)
    return "Case allocated";
  if (strcmp (event, "close") == 0)
    return "Case closed";
  if (strcmp (event, "reopen") == 0)
    return "Case reopened";
  return NULL;
}

/* The case's opening, allocations and closing, but not corrections of
 * its details, which are not events in the child's case. */
static void
add_case_event_rows (WmBundleContext *ctx,
                     GPtrArray       *rows)
{
  for (guint i = 0; i < ctx->case_events->len; i++)
    {
      WmCaseEvent *event = g_ptr_array_index (ctx->case_events, i);
      const char *label = case_event_label (event->event);
      const char *officer = event->officer != NULL ? event->officer
                                                   : event->recorded_by;

      if (label == NULL || event->day > ctx->options->as_of)
        continue;

      g_ptr_array_add (rows, row_new (event->day, rows->len,
                                      g_strdup (label),
                                      g_strdup (officer != NULL
                                                ? officer : ""),
                                      g_strdup (event->reason != NULL
                                                ? event->reason : ""),
                                      NULL));
    }
}

static void
add_record_rows (WmBundleContext *ctx,
                 GPtrArray       *rows)
{
  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);

      g_ptr_array_add (rows, row_new (record->day, rows->len,
                                      wm_record_body_title (record->kind,
                                                            record->body),
                                      _wm_bundle_record_people (record),
                                      _wm_bundle_record_outcome (ctx, record),
                                      exhibit_label (ctx, record->id)));
    }
}

/* A level change is made by the evaluation of the register, so it has no
 * officer. Its reason contains the session counts behind it. */
static void
add_level_rows (WmBundleContext *ctx,
                GPtrArray       *rows)
{
  for (guint i = 0; i < ctx->level_changes->len; i++)
    {
      WmTimelineEntry *entry = g_ptr_array_index (ctx->level_changes, i);

      g_ptr_array_add (rows, row_new (entry->day, rows->len,
                                      g_strdup (entry->title),
                                      g_strdup ("Evaluation of the register"),
                                      g_strdup (entry->detail != NULL
                                                ? entry->detail : ""),
                                      NULL));
    }
}

void
_wm_bundle_add_chronology (WmBundleContext *ctx,
                           WmDocument      *document)
{
  static const char * const titles[] = {
    "Date", "Event", "Who", "Outcome", "Exhibit",
  };
  static const double widths[] = { 1.3, 1.9, 1.6, 3.0, 0.9 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  WmSection *section;
  WmBlock *table;

  add_case_event_rows (ctx, rows);
  add_record_rows (ctx, rows);
  add_level_rows (ctx, rows);
  g_ptr_array_sort (rows, compare_rows);

  section = wm_document_add_section (document, "Chronology",
                                     WM_SECTION_NEW_PAGE);
  wm_section_add_paragraph (section, "Every contact, visit, meeting, letter, "
                            "plan, referral, legal step and change of level "
                            "on the case, oldest first.");
  table = wm_section_add_table (section, G_N_ELEMENTS (titles), titles,
                                widths);
  for (guint i = 0; i < rows->len; i++)
    wm_table_add_row (table, (const char * const *)
                             ((Row *) g_ptr_array_index (rows, i))->cells);
}

/* Support offered and legal steps */

static void
add_record_table (WmBundleContext    *ctx,
                  WmSection          *section,
                  gboolean          (*keep) (const WmRecord *record),
                  const char         *none)
{
  static const char * const titles[] = {
    "Date", "What", "Who", "Outcome", "Exhibit",
  };
  static const double widths[] = { 1.3, 1.9, 1.6, 3.0, 0.9 };
  WmBlock *table = NULL;

  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);
      g_autofree char *date = NULL, *title = NULL, *people = NULL;
      g_autofree char *outcome = NULL, *exhibit = NULL;

      if (!keep (record))
        continue;

      if (table == NULL)
        table = wm_section_add_table (section, G_N_ELEMENTS (titles), titles,
                                      widths);
      date = format_day (record->day);
      title = wm_record_body_title (record->kind, record->body);
      people = _wm_bundle_record_people (record);
      outcome = _wm_bundle_record_outcome (ctx, record);
      exhibit = exhibit_label (ctx, record->id);
      wm_table_add_row (table, (const char * const[]) {
                                 date, title, people, outcome, exhibit });
    }

  if (table == NULL)
    wm_section_add_paragraph (section, none);
}

void
_wm_bundle_add_support (WmBundleContext *ctx,
                        WmDocument      *document)
{
  WmSection *section = wm_document_add_section (document, "Support offered",
                                                WM_SECTION_NEW_PAGE);

  wm_section_add_paragraph (section, "Home visits, meetings, plans and "
                            "referrals offered to the family, with their "
                            "dates.");
  add_record_table (ctx, section, _wm_bundle_is_support,
                    "No support is recorded on the case.");
}

static const char * const step_titles[WM_N_LEGAL_STEPS] = {
  [WM_STEP_WARNING_LETTER] = "Warning letter",
  [WM_STEP_NOTICE_TO_IMPROVE] = "Notice to Improve",
  [WM_STEP_ATTENDANCE_CONTRACT] = "Attendance contract",
  [WM_STEP_PENALTY_NOTICE] = "Penalty notice request",
  [WM_STEP_PROSECUTION] = "Prosecution referral",
  [WM_STEP_LEAVE_REFUSED_PENALTY] = "Penalty notice after leave refused",
  [WM_STEP_ESO_CONSIDERATION] = "Education Supervision Order consideration",
};

/* The deadlines of the case and the readiness of each legal step as of the
 * bundle's date, as the engine computes them, so the reader sees what was
 * due and which evidence each step still lacks. */
static void
add_deadlines_and_readiness (WmBundleContext *ctx,
                             WmSection       *section)
{
  g_autoptr(WmEngine) engine = wm_engine_new (ctx->store, ctx->options->as_of);
  g_autoptr(WmResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = wm_engine_respond_pupil (engine, ctx->pupil_id, &error);
  if (response == NULL)
    {
      g_warning ("Could not compute the response of pupil %" G_GINT64_FORMAT
                 ": %s", ctx->pupil_id, error->message);
      wm_section_add_paragraph (section, "The deadlines and readiness could "
                                "not be computed for this bundle.");
      return;
    }

  wm_section_add_text (section, "Deadlines", WM_TEXT_HEADING);
  if (response->deadlines->len == 0)
    wm_section_add_paragraph (section, "No deadline is recorded.");
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      wm_section_add_paragraph (section, deadline->sentence);
    }

  wm_section_add_text (section, "Readiness of each legal step",
                       WM_TEXT_HEADING);
  for (guint step = 0; step < WM_N_LEGAL_STEPS; step++)
    {
      const WmStepReadiness *readiness = &response->steps[step];
      g_autofree char *title = g_strdup_printf ("%s: %s", step_titles[step],
                                                readiness->ready
                                                ? "ready" : "not ready");

      wm_section_add_text (section, title, WM_TEXT_STRONG);
      for (guint i = 0; i < readiness->items->len; i++)
        {
          const WmEvidenceItem *item = g_ptr_array_index (readiness->items, i);
          g_autofree char *line = g_strdup_printf ("%s %s",
                                                   item->satisfied
                                                   ? "Done:" : "Missing:",
                                                   item->sentence);

          wm_section_add_paragraph (section, line);
        }
    }
}

void
_wm_bundle_add_legal (WmBundleContext *ctx,
                      WmDocument      *document)
{
  WmSection *section = wm_document_add_section (document, "Legal steps",
                                                WM_SECTION_NEW_PAGE);

  add_record_table (ctx, section, _wm_bundle_is_legal,
                    "No legal step has been taken.");
  add_deadlines_and_readiness (ctx, section);
}

/* Exhibits */

/* Lists one revision's values, each field under its label. Health
 * details withheld from the bundle become a marked block in place. */
static void
add_body (WmBundleContext *ctx,
          WmSection       *section,
          const WmRecord  *record,
          JsonObject      *body)
{
  gboolean withhold = ctx->options->redactions & WM_BUNDLE_REDACT_HEALTH;
  WmBlock *block = NULL;

  if (is_withheld_health (ctx, record))
    {
      wm_section_add_redacted (section, "Redacted: health information "
                               "(healthcare plan)");
      return;
    }

  for (const WmFieldSpec *field = record->kind->fields; field->name; field++)
    {
      g_autofree char *value = value_text (field,
        json_object_get_member (body, field->name));

      if (value == NULL)
        continue;

      /* The reason given for an absence is often an illness. */
      if (withhold && strcmp (field->name, "absence_reason") == 0)
        {
          g_autofree char *reason = g_strdup_printf ("Redacted: health "
                                                     "information (%s)",
                                                     field->label);
          wm_section_add_redacted (section, reason);
          block = NULL;
          continue;
        }

      if (block == NULL)
        block = wm_section_add_key_values (section);
      wm_key_values_add (block, field->label, value);
    }
}

static void
add_revision_heading (WmSection        *section,
                      WmRecordRevision *revision,
                      guint             n_revisions)
{
  g_autofree char *heading = g_strdup_printf ("Revision %u of %u",
                                              revision->revision,
                                              n_revisions);
  g_autofree char *line = NULL;
  const char *by = revision->created_by != NULL ? revision->created_by
                                                : "not recorded";

  wm_section_add_heading (section, heading);
  if (revision->reason != NULL)
    line = g_strdup_printf ("Amended %s by %s. Reason: %s",
                            revision->created_at, by, revision->reason);
  else
    line = g_strdup_printf ("Written %s by %s.", revision->created_at, by);
  wm_section_add_text (section, line, WM_TEXT_SMALL);
}

/* The letters made from a record are printed from the text stored with
 * each when it was made, so the exhibit shows each letter as sent. */
static gboolean
add_sent_letters (WmBundleContext  *ctx,
                  WmSection        *section,
                  const WmRecord   *record,
                  GError          **error)
{
  g_autoptr(GPtrArray) letters = wm_letters_list (ctx->store, record->id,
                                                  error);

  if (letters == NULL)
    return FALSE;

  for (guint i = 0; i < letters->len; i++)
    wm_letter_info_add_to_section (letters->pdata[i], section);

  return TRUE;
}

/* An amended record shows every revision with its reason, so that the
 * court can read what was first written as well as the correction. */
static gboolean
add_exhibit (WmBundleContext  *ctx,
             WmDocument       *document,
             const WmRecord   *record,
             guint             number,
             GError          **error)
{
  g_autofree char *title = wm_record_body_title (record->kind, record->body);
  g_autofree char *date = format_day (record->day);
  g_autofree char *label = g_strdup_printf ("%s, %s", title, date);
  WmSection *section = wm_document_add_exhibit (document, number, label);
  g_autoptr(GPtrArray) revisions = NULL;

  if (record->revision <= 1)
    {
      add_body (ctx, section, record, record->body);
      return add_sent_letters (ctx, section, record, error);
    }

  revisions = wm_record_list_revisions (ctx->store, record->id, error);
  if (revisions == NULL)
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      WmRecordRevision *revision = g_ptr_array_index (revisions, i);

      add_revision_heading (section, revision, revisions->len);
      add_body (ctx, section, record, revision->body);
    }

  return add_sent_letters (ctx, section, record, error);
}

gboolean
_wm_bundle_add_exhibits (WmBundleContext  *ctx,
                         WmDocument       *document,
                         GCancellable     *cancellable,
                         GError          **error)
{
  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->exhibits,
                                                            &record->id));

      if (number == 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !add_exhibit (ctx, document, record, number, error))
        return FALSE;
    }

  return TRUE;
}

/* Witness statement outline */

static void
add_statement_facts (WmBundleContext *ctx,
                     WmSection       *section)
{
  g_autofree char *dob = format_day (ctx->pupil.dob);
  g_autofree char *from = format_day (ctx->from);
  g_autofree char *to = format_day (ctx->to);
  g_autofree char *text = NULL;
  WmCounts counts = { 0, };
  guint attended, possible;
  g_autofree char *percent = NULL;

  _wm_bundle_count_period (ctx, &counts);
  attended = wm_counts_attended (&counts);
  possible = wm_counts_possible (&counts);
  percent = possible > 0
            ? wm_percent_format (wm_percent_tenths (attended, possible))
            : g_strdup ("no figure");

  wm_section_add_heading (section, "The pupil");
  text = g_strdup_printf ("This statement concerns %s %s (UPN %s, born %s), "
                          "a pupil at %s.", ctx->pupil.forename,
                          ctx->pupil.surname, ctx->pupil.upn, dob,
                          ctx->school_name);
  wm_section_add_paragraph (section, text);
  g_clear_pointer (&text, g_free);

  wm_section_add_heading (section, "Attendance");
  text = g_strdup_printf ("From %s to %s the pupil attended %u of %u "
                          "possible sessions (%s%%), with %u sessions of "
                          "authorised and %u of unauthorised absence, as "
                          "the head teacher's certificate shows.",
                          from, to, attended, possible, percent,
                          counts.authorised, counts.unauthorised);
  wm_section_add_paragraph (section, text);
}

static void
add_statement_list (WmBundleContext *ctx,
                    WmSection       *section,
                    const char      *heading,
                    gboolean       (*keep) (const WmRecord *record))
{
  wm_section_add_heading (section, heading);
  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);
      g_autofree char *date = NULL, *title = NULL, *exhibit = NULL;
      g_autofree char *line = NULL;

      if (keep != NULL && !keep (record))
        continue;

      date = format_day (record->day);
      title = wm_record_body_title (record->kind, record->body);
      exhibit = exhibit_label (ctx, record->id);
      line = g_strdup_printf ("On %s: %s%s%s%s.", date, title,
                              exhibit != NULL ? " (" : "",
                              exhibit != NULL ? exhibit : "",
                              exhibit != NULL ? ")" : "");
      wm_section_add_paragraph (section, line);
    }
}

/* The outcome as far as the record shows it: the latest level and the
 * latest legal step. The officer adds how the family responded. */
static void
add_statement_outcome (WmBundleContext *ctx,
                       WmSection       *section)
{
  wm_section_add_heading (section, "Outcome");
  if (ctx->level_changes->len > 0)
    {
      WmTimelineEntry *last = g_ptr_array_index (ctx->level_changes,
                                                 ctx->level_changes->len - 1);
      g_autofree char *text = g_strdup_printf ("The latest evaluation: %s.",
                                               last->detail != NULL
                                               ? last->detail : last->title);

      wm_section_add_paragraph (section, text);
    }

  for (guint i = ctx->records->len; i > 0; i--)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i - 1);
      g_autofree char *date = NULL, *title = NULL, *text = NULL;

      if (!_wm_bundle_is_legal (record))
        continue;

      date = format_day (record->day);
      title = wm_record_body_title (record->kind, record->body);
      text = g_strdup_printf ("The latest legal step: %s on %s.", title, date);
      wm_section_add_paragraph (section, text);
      break;
    }

  wm_section_add_paragraph (section, "[Complete: how the family responded, "
                            "the attendance since, and why the matter is "
                            "referred.]");
}

void
_wm_bundle_add_statement (WmBundleContext *ctx,
                          WmDocument      *document)
{
  WmSection *section = wm_document_add_section (document,
                                                "Witness statement outline",
                                                WM_SECTION_NEW_PAGE);
  g_autofree char *witness = NULL;
  WmBlock *truth;

  wm_section_add_text (section, "DRAFT: filled from the case record for the "
                       "officer to check and complete. It is not a "
                       "statement until the officer has completed and "
                       "signed it.", WM_TEXT_STRONG);

  wm_section_add_heading (section, "The witness");
  witness = g_strdup_printf ("I am %s, the attendance officer responsible "
                             "for this case (reference %s). [Complete: your "
                             "role, employer and experience.]",
                             ctx->prepared_by, ctx->reference);
  wm_section_add_paragraph (section, witness);

  add_statement_facts (ctx, section);
  add_statement_list (ctx, section, "What was done and when", NULL);
  add_statement_list (ctx, section, "Support offered", _wm_bundle_is_support);

  add_statement_outcome (ctx, section);

  /* The heading, the statement of truth and the signature stay on one
   * page: a signature alone at the top of a page certifies nothing, and
   * a court may refuse a page that does not show what was signed. */
  wm_section_add_heading (section, "Statement of truth");
  truth = wm_section_add_paragraph (section, "I believe that the facts "
                                    "stated in this witness statement are "
                                    "true.");
  wm_block_set_keep_with_next (truth, TRUE);
  wm_section_add_signature (section, ctx->prepared_by, "Attendance officer",
                            TRUE);
}
