/* wm-checklist.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-checklist.h"

#include <string.h>

#include "wm-i18n-private.h"
#include "wm-response-private.h"

/*
 * The interventions the local authority's graduated response toolkit
 * expects at each level, as data. An item is done only when a matching
 * record exists on the case, never because a box was ticked, so each item
 * names the records that match it. Level 3 expects what Level 2 does; its
 * difference is in the legal steps.
 *
 * Two items have no record kind of their own and match a note whose text
 * mentions them: comparing attendance with siblings at their schools, and
 * praise and reward.
 *
 * The labels and the records to make are marked with N_() and translated
 * when an item is built, so a bundle built in an English scope reads them
 * in English.
 */

typedef struct
{
  const char         *kind;
  const char         *field;
  const char * const *values;
  const char         *note_word;
} Matcher;

typedef struct
{
  const char *key;
  const char *label;
  guint       from_level;
  const char *to_record;
  Matcher     matchers[3];
} ChecklistSpec;

static const char * const first_day_call[] = { "first-day-call", NULL };
static const char * const contact_out[] = {
  "phone-call", "letter-out", "email", "text", NULL
};
static const char * const parent_meetings[] = {
  "parent-meeting", "attendance-contract-meeting", NULL
};
static const char * const early_help[] = { "early-help", NULL };
static const char * const absence_team[] = { "pupil-absence-team", NULL };
static const char * const nursing[] = { "school-nursing", NULL };
static const char * const specialist[] = {
  "camhs", "educational-psychology", "send-assessment",
  "medical-education-service", "virtual-school", NULL
};

#define KIND(k) { .kind = k }
#define FIELD(k, f, v) { .kind = k, .field = f, .values = v }
#define NOTE(word) { .kind = "note", .note_word = word }

static const ChecklistSpec checklist[] = {
  { "first-day-contact", N_("First-day contact with the parent for every "
    "absence"), 1, N_("a first-day call"),
    { FIELD ("contact", "contact_kind", first_day_call) } },
  { "sibling-comparison", N_("Attendance compared with siblings at their "
    "schools"), 1, N_("a note about siblings' attendance"),
    { NOTE ("sibling") } },
  { "officer-contact", N_("Calls, letters, emails or home visits by the "
    "attendance officer"), 1, N_("a call, letter, email or home visit"),
    { FIELD ("contact", "contact_kind", contact_out), KIND ("home-visit") } },
  { "support-offered", N_("Offer of other support services"), 1,
    N_("a referral or an early help meeting"),
    { KIND ("referral"), FIELD ("meeting", "meeting_type", early_help) } },
  { "parent-meeting", N_("Meeting with the parents (and the pupil if old "
    "enough)"), 2, N_("a meeting with the parents"),
    { FIELD ("meeting", "meeting_type", parent_meetings) } },
  { "attendance-plan", N_("Individual Attendance Plan"), 2, N_("an attendance plan"),
    { KIND ("attendance-plan") } },
  { "pupil-absence-team", N_("Advice from the pupil absence team"), 2,
    N_("a referral to the pupil absence team"),
    { FIELD ("referral", "referred_to", absence_team) } },
  { "school-nursing", N_("School nursing involvement, with consent"), 2,
    N_("a referral to school nursing"),
    { FIELD ("referral", "referred_to", nursing) } },
  { "early-help", N_("Family help assessment or early help referral"), 2,
    N_("an early help referral or meeting"),
    { FIELD ("referral", "referred_to", early_help),
      FIELD ("meeting", "meeting_type", early_help) } },
  { "home-visits", N_("Persistent home visits, each recorded even with no "
    "answer"), 2, N_("a home visit"), { KIND ("home-visit") } },
  { "healthcare-plan", N_("Individual Healthcare Plan, when the pupil has a "
    "known medical condition"), 2, N_("a healthcare plan"),
    { KIND ("healthcare-plan") } },
  { "specialist-referral", N_("Referral to external support, alternative "
    "provision or specialist assessment"), 2, N_("a specialist referral"),
    { FIELD ("referral", "referred_to", specialist) } },
};

static const ChecklistSpec praise_spec = {
  "praise-and-reward", N_("Praise and reward for moving down to Level 1, "
  "with the attendance plan kept going and a named member of staff for "
  "check-ins"), 1, N_("a note about praise and reward"), { NOTE ("praise") }
};

static gboolean
note_mentions (const WmRecord *record,
               const char     *word)
{
  const char *text = _wm_record_text (record, "text");
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, word) != NULL;
}

static gboolean
matches (const Matcher  *matcher,
         const WmRecord *record)
{
  if (matcher->kind == NULL
      || !_wm_record_has (record, matcher->kind, matcher->field,
                          matcher->values))
    return FALSE;

  return matcher->note_word == NULL
         || note_mentions (record, matcher->note_word);
}

/* The newest record dated on or before @as_of that any matcher accepts. */
static const WmRecord *
find_match (const ChecklistSpec *spec,
            GPtrArray           *records,
            WmDay                as_of)
{
  const WmRecord *best = NULL;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);

      if (record->day == WM_DAY_NONE || record->day > as_of)
        continue;
      if (best != NULL && record->day < best->day)
        continue;

      for (guint m = 0; m < G_N_ELEMENTS (spec->matchers); m++)
        if (matches (&spec->matchers[m], record))
          best = record;
    }

  return best;
}

static WmChecklistItem *
item_new (const ChecklistSpec *spec,
          GPtrArray           *records,
          WmDay                as_of)
{
  WmChecklistItem *item = g_new0 (WmChecklistItem, 1);
  const WmRecord *record = find_match (spec, records, as_of);

  item->key = spec->key;
  item->label = _(spec->label);
  if (record != NULL)
    {
      g_autofree char *day = wm_day_format_long (record->day);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);

      item->done = TRUE;
      item->record_id = record->id;
      /* Translators: the kind of the matching record, its date and its
       * number, such as "Done: Home visit on 2 March 2026 (record 12)". */
      item->sentence = g_strdup_printf (_("Done: %s on %s (record %s)"),
                                        _(record->kind->label), day, id);
    }
  else
    {
      /* Translators: %s is what to record, such as "a home visit". */
      item->sentence = g_strdup_printf (_("Not done: record %s"),
                                        _(spec->to_record));
    }

  return item;
}

/**
 * wm_checklist_build:
 * @input: what the response is computed from
 * @response: the response so far, with its praise flag set
 *
 * Lists the interventions expected at the pupil's level. Level 1 expects
 * first-day contact, a comparison with siblings, calls, letters and home
 * visits, and an offer of support; Levels 2 and 3 add a meeting with the
 * parents, an attendance plan, the pupil absence team's advice, school
 * nursing, early help, home visits, a healthcare plan for a medical
 * condition and referrals. A pupil who moved down to Level 1 from a
 * higher level also gets the praise-and-reward prompt first. A pupil with
 * no level, or a level range, is listed at the higher level of the range.
 * Each item is done when a matching record dated on or before the
 * evaluation date exists, and then carries that record's id.
 *
 * Returns: (transfer full) (element-type WmChecklistItem): the items, or
 *   none when the pupil has no level
 */
GPtrArray *
wm_checklist_build (const WmResponseInput *input,
                    const WmResponse      *response)
{
  GPtrArray *items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_checklist_item_free);
  gint level = response->evaluation.level_high;

  if (response->praise)
    g_ptr_array_add (items, item_new (&praise_spec, input->records,
                                      input->as_of));

  if (level == WM_LEVEL_NULL || level < 1)
    return items;

  for (guint i = 0; i < G_N_ELEMENTS (checklist); i++)
    if ((guint) level >= checklist[i].from_level)
      g_ptr_array_add (items, item_new (&checklist[i], input->records,
                                        input->as_of));

  return items;
}
