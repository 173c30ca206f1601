/* wm-letters.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-letters-private.h"

#include <string.h>

#include "wm-engine.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-letter.h"
#include "wm-letter-figures-private.h"
#include "wm-render.h"
#include "wm-store-records.h"

/*
 * Making the letters of a legal step. "Parent" in the Education Act 1996
 * means every parent with parental responsibility, and each is addressed
 * separately, so one record gives one letter per such parent, each with
 * that parent's own name and address. Every letter is checked before any
 * is stored: a missing value (a parent with no address) stops the whole
 * step, because a set of letters that reached only some parents would
 * not show that each parent was written to.
 */

#ifndef WM_LETTERS_DIR
#define WM_LETTERS_DIR "/usr/share/waymark/letters"
#endif

/* Printed in the letterhead until the school's address is entered, in
 * the preferences or by the caller. */
#define NO_SCHOOL_ADDRESS "Address not set"

/* The record kinds that make letters, and their templates. A home visit
 * makes the calling card left at the door when nobody answered, one to
 * the household's parents like the other letters. */
static const struct
{
  const char *kind;
  const char *template;
} letter_kinds[] = {
  { "warning-letter", "warning-letter.txt" },
  { "notice-to-improve", "notice-to-improve.txt" },
  { "meeting", "meeting-invitation.txt" },
  { "home-visit", "home-visit-card.txt" },
};

/* A calling card says the officer called and found nobody in; after a
 * visit where someone answered it would be untrue. */
static const char * const card_outcomes[] = { "no-answer", "card-left", NULL };

/* One letter made in memory, not yet stored. */
typedef struct
{
  WmLetterInfo  info;
  GBytes       *pdf;
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->info.template);
  g_free (draft->info.addressee);
  g_free (draft->info.created_at);
  g_free (draft->info.created_by);
  g_free (draft->info.sha256);
  g_free (draft->info.text);
  g_clear_pointer (&draft->pdf, g_bytes_unref);
  g_free (draft);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Draft, draft_free)

/* What every letter of one record shares. */
typedef struct
{
  const WmLetterDetails *details;
  WmRecord              *record;
  const char            *template;
  char                  *template_path;
  WmDay                  date;
  gint64                 school_id;
  GHashTable            *values;
  GPtrArray             *strings;
  WmLetterFigures        figures;
} Context;

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->record, wm_record_free);
  g_clear_pointer (&ctx->template_path, g_free);
  g_clear_pointer (&ctx->values, g_hash_table_unref);
  g_clear_pointer (&ctx->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

/* Helpers: merge values */

/* Sets a merge value; @value is taken. A NULL or empty value is left out,
 * so that the template reports the field as missing. */
static void
set_value (Context    *ctx,
           const char *name,
           char       *value)
{
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }

  g_ptr_array_add (ctx->strings, value);
  g_hash_table_insert (ctx->values, (gpointer) name, value);
}

static char *
join_name (const WmContactRecord *contact)
{
  const char *parts[] = { contact->title, contact->forename,
                          contact->surname };
  g_autoptr(GString) name = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "",
                              parts[i]);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
set_details_values (Context *ctx)
{
  const WmLetterDetails *d = ctx->details;

  set_value (ctx, "school.address",
             g_strdup (d->school_address != NULL && *d->school_address
                       ? d->school_address : NO_SCHOOL_ADDRESS));
  set_value (ctx, "school.phone", g_strdup (d->school_phone));
  set_value (ctx, "officer.name", g_strdup (d->officer_name));
  set_value (ctx, "officer.role", g_strdup (d->officer_role));
  set_value (ctx, "officer.phone", g_strdup (d->officer_phone));
}

/* The officer's own additions fill only what the record does not hold:
 * the letter must agree with the record it was made from. */
static void
add_officer_values (Context *ctx)
{
  GHashTableIter iter;
  gpointer key, value;

  if (ctx->details->values == NULL)
    return;

  g_hash_table_iter_init (&iter, ctx->details->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (ctx->values, key))
      set_value (ctx, key, g_strdup (value));
}

static gboolean
set_record_values (Context  *ctx,
                   WmStore  *store,
                   GError  **error)
{
  g_autoptr(GHashTable) values = NULL;
  GHashTableIter iter;
  gpointer key, value;

  values = _wm_letters_record_values (store, ctx->record, ctx->date, error);
  if (values == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    set_value (ctx, key, g_strdup (value));

  return TRUE;
}

static gboolean
set_pupil_values (Context  *ctx,
                  WmStore  *store,
                  GError  **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) summaries = NULL;
  const char *school = NULL;

  if (!wm_store_get_pupil (store, ctx->record->pupil_id, &pupil,
                           &ctx->school_id, error))
    return FALSE;

  g_array_append_val (ids, ctx->record->pupil_id);
  summaries = wm_store_list_pupils_by_id (store, ids, error);
  if (summaries == NULL)
    return FALSE;

  if (summaries->len > 0)
    school = ((WmPupilSummary *) summaries->pdata[0])->school_name;

  set_value (ctx, "pupil.forename", g_strdup (pupil.preferred_forename != NULL
                                              ? pupil.preferred_forename
                                              : pupil.forename));
  set_value (ctx, "pupil.surname", g_strdup (pupil.surname));
  set_value (ctx, "school.name", g_strdup (school));
  return TRUE;
}

/* What the officer entered for the school in the preferences replaces
 * what the caller passed: the letterhead is the school's, and a school
 * that names its own signatory has its letters signed by that person,
 * with that person's role. Without one, the officer who makes the letters
 * signs them. */
static gboolean
set_school_values (Context  *ctx,
                   WmStore  *store,
                   GError  **error)
{
  g_auto(WmSchoolDetails) school = { 0 };

  if (ctx->school_id <= 0)
    return TRUE;

  if (!wm_store_get_school_details (store, ctx->school_id, &school, error))
    return FALSE;

  if (school.address != NULL)
    set_value (ctx, "school.address", g_steal_pointer (&school.address));
  if (school.phone != NULL)
    set_value (ctx, "school.phone", g_steal_pointer (&school.phone));
  if (school.signatory_name != NULL)
    {
      g_hash_table_remove (ctx->values, "officer.role");
      set_value (ctx, "officer.name",
                 g_steal_pointer (&school.signatory_name));
      set_value (ctx, "officer.role",
                 g_steal_pointer (&school.signatory_role));
    }

  return TRUE;
}

/* The school's values are entered once, in the preferences, not in the
 * case record. So the error for a missing one names where to enter it.
 * Only a template that prints the telephone needs one. */
static gboolean
check_school_values (Context  *ctx,
                     GError  **error)
{
  const char *school = g_hash_table_lookup (ctx->values, "school.name");
  g_autofree char *text = NULL;

  if (school == NULL)
    school = "The school";

  if (!g_hash_table_contains (ctx->values, "officer.name")
      || !g_hash_table_contains (ctx->values, "officer.role"))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The letters of %s have no signatory's name and role. "
                      "Enter the school's signatory in Preferences, Schools, "
                      "then make the letters."), school);
      return FALSE;
    }

  /* An unreadable template is reported when it is filled. */
  if (g_hash_table_contains (ctx->values, "school.phone")
      || !g_file_get_contents (ctx->template_path, &text, NULL, NULL)
      || strstr (text, "{school.phone}") == NULL)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
               E_("%s has no telephone, which the letter prints as "
                  "{school.phone}. Enter the school's telephone in Preferences, "
                  "Schools, then make the letters."), school);
  return FALSE;
}

/* The attendance figures as they stood on the letter's date, over the
 * window the levels are measured on. They are kept with the letters, so
 * that a later import which corrects the marks behind them shows the
 * letters as out of date. */
static gboolean
set_attendance_values (Context  *ctx,
                       WmStore  *store,
                       GError  **error)
{
  g_autoptr(WmEngine) engine = wm_engine_new (store, ctx->date);
  WmEvaluation evaluation = { 0 };

  if (!wm_engine_evaluate_pupil (engine, ctx->record->pupil_id, &evaluation,
                                 error))
    return FALSE;

  if (evaluation.window_start != WM_DAY_NONE)
    set_value (ctx, "attendance.period",
               wm_day_range_format (evaluation.window_start,
                                    evaluation.window_end));
  set_value (ctx, "attendance.percent",
             wm_percent_format (evaluation.percent_tenths));
  set_value (ctx, "attendance.unauthorised",
             g_strdup_printf ("%u", evaluation.window.unauthorised));
  wm_letter_figures_from_evaluation (&evaluation, &ctx->figures);
  return TRUE;
}

/* Helpers: the record */

static gboolean
load_record (Context  *ctx,
             WmStore  *store,
             gint64    record_id,
             GError  **error)
{
  ctx->record = wm_record_get (store, record_id, error);
  if (ctx->record == NULL)
    return FALSE;

  ctx->template = wm_letters_template_for_record (ctx->record);
  if (ctx->template == NULL)
    {
      /* Ids are printed with %lld, not G_GINT64_FORMAT, because
       * xgettext cuts a message at a macro. */
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("Record %lld is a %s, which has no letter. Letters are "
                      "made from warning letters, Notices to Improve and "
                      "meetings, and calling cards from home visits with no "
                      "answer"),
                   (long long) record_id, E_(ctx->record->kind->label));
      return FALSE;
    }

  if (ctx->record->status != WM_RECORD_FINAL
      || ctx->record->deleted_at != NULL)
    {
      if (ctx->record->deleted_at != NULL)
        g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                     E_("Record %lld is deleted. Restore and finalise the "
                        "record before making its letters"),
                     (long long) record_id);
      else
        g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                     E_("Record %lld is a draft. Finalise the record before "
                        "making its letters"), (long long) record_id);
      return FALSE;
    }

  return TRUE;
}

/* A record's letters are made once: a second set would be a second
 * sending, which the record does not show. */
static gboolean
check_not_made (WmStore  *store,
                gint64    record_id,
                GError  **error)
{
  g_autoptr(GPtrArray) letters = wm_letters_list (store, record_id, error);

  if (letters == NULL)
    return FALSE;

  if (letters->len > 0)
    {
      WmLetterInfo *first = letters->pdata[0];

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The letters of record %lld were made on %s. Open the "
                      "stored letters instead of making them again"),
                   (long long) record_id, first->created_at);
      return FALSE;
    }

  return TRUE;
}

static WmDay
letter_date (const Context *ctx)
{
  if (ctx->details->date != WM_DAY_NONE)
    return ctx->details->date;

  /* An invitation goes out before the meeting it is about. A calling
   * card is dated by the visit it was left at. */
  if (strcmp (ctx->record->kind->name, "meeting") == 0)
    return wm_day_today ();

  return ctx->record->day;
}

static gboolean
prepare (Context                *ctx,
         WmStore                *store,
         gint64                  record_id,
         const WmLetterDetails  *details,
         GError                **error)
{
  const char *dir = details->templates_dir != NULL ? details->templates_dir
                                                   : WM_LETTERS_DIR;

  ctx->details = details;
  ctx->strings = g_ptr_array_new_with_free_func (g_free);
  ctx->values = g_hash_table_new (g_str_hash, g_str_equal);
  if (!load_record (ctx, store, record_id, error)
      || !check_not_made (store, record_id, error))
    return FALSE;

  ctx->template_path = g_build_filename (dir, ctx->template, NULL);
  ctx->date = letter_date (ctx);
  set_details_values (ctx);
  if (!set_record_values (ctx, store, error)
      || !set_pupil_values (ctx, store, error)
      || !set_school_values (ctx, store, error)
      || !set_attendance_values (ctx, store, error))
    return FALSE;

  add_officer_values (ctx);
  return _wm_letters_check_record_values (ctx->record, ctx->values, error)
         && check_school_values (ctx, error);
}

/* Helpers: one letter */

static void
append_paragraph (GString    *text,
                  const char *paragraph)
{
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append (text, paragraph);
}

/* The letter's text in the order it is printed (see
 * wm_letter_add_to_section()): letterhead, addressee, date, subject,
 * body and signature. */
static char *
letter_text (const WmLetter *letter,
             GHashTable     *values)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = wm_day_format_long (wm_letter_get_date (letter));
  const char * const *paragraphs = wm_letter_get_paragraphs (letter);

  g_string_append_printf (text, "%s\n%s",
                          (char *) g_hash_table_lookup (values, "school.name"),
                          (char *) g_hash_table_lookup (values,
                                                        "school.address"));
  g_string_append_printf (text, "\n\n%s\n%s",
                          (char *) g_hash_table_lookup (values, "parent.name"),
                          (char *) g_hash_table_lookup (values,
                                                        "parent.address"));
  append_paragraph (text, date);
  append_paragraph (text, wm_letter_get_subject (letter));
  for (guint i = 0; paragraphs[i] != NULL; i++)
    append_paragraph (text, paragraphs[i]);

  g_string_append_printf (text, "\n\n%s\n%s",
                          (char *) g_hash_table_lookup (values, "officer.name"),
                          (char *) g_hash_table_lookup (values,
                                                        "officer.role"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GBytes *
render_pdf (const WmLetter  *letter,
            GError         **error)
{
  g_autoptr(WmDocument) document = wm_letter_to_document (letter);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  if (!wm_render_document_to_stream (document, stream, NULL, NULL, NULL,
                                     error)
      || !g_output_stream_close (stream, NULL, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (
    G_MEMORY_OUTPUT_STREAM (stream));
}

/* Names the parent in an error from the template, so that the officer
 * sees whose details to complete. */
static void
prefix_parent (GError     **error,
               const char  *name)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, E_("Letter to %s: "), name);
}

static GHashTable *
copy_values (GHashTable *values)
{
  GHashTable *copy = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, value);

  return copy;
}

static Draft *
make_draft (Context                 *ctx,
            const WmContactDetails  *parent,
            GError                 **error)
{
  g_autoptr(Draft) draft = g_new0 (Draft, 1);
  g_autoptr(GHashTable) values = copy_values (ctx->values);
  g_autoptr(WmLetter) letter = NULL;
  g_autofree char *name = join_name (&parent->contact);

  if (parent->contact.address != NULL && *parent->contact.address != '\0')
    g_hash_table_insert (values, (gpointer) "parent.address",
                         parent->contact.address);
  g_hash_table_insert (values, (gpointer) "parent.name", name);

  letter = wm_letter_new_from_file (ctx->template_path, values, ctx->date,
                                    error);
  if (letter == NULL)
    {
      prefix_parent (error, name);
      return NULL;
    }

  draft->pdf = render_pdf (letter, error);
  if (draft->pdf == NULL)
    return NULL;

  draft->info.record_id = ctx->record->id;
  draft->info.contact_id = parent->id;
  draft->info.template = g_strdup (ctx->template);
  draft->info.day = ctx->date;
  draft->info.addressee = g_strdup (name);
  draft->info.created_by = g_strdup (ctx->details->author);
  draft->info.text = letter_text (letter, values);
  draft->info.sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256,
                                                     draft->pdf);
  return g_steal_pointer (&draft);
}

static GPtrArray *
make_drafts (Context    *ctx,
             WmStore    *store,
             GError    **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  contacts = wm_store_list_contact_details (store, ctx->record->pupil_id,
                                            error);
  if (contacts == NULL)
    return NULL;

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  for (guint i = 0; i < contacts->len; i++)
    {
      const WmContactDetails *c = contacts->pdata[i];
      Draft *draft;

      if (!c->contact.parental_responsibility)
        continue;

      draft = make_draft (ctx, c, error);
      if (draft == NULL)
        return NULL;
      g_ptr_array_add (drafts, draft);
    }

  if (drafts->len == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The pupil of record %lld has no parent with parental "
                      "responsibility. Add each parent on the People page "
                      "before making the letters"),
                   (long long) ctx->record->id);
      return NULL;
    }

  return g_steal_pointer (&drafts);
}

static GArray *
store_drafts (WmStore                *store,
              GPtrArray              *drafts,
              const WmLetterFigures  *figures,
              GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = _wm_store_now_utc ();
  gboolean outer = FALSE, ok = TRUE;

  if (!_wm_store_write_begin (store, &outer, error))
    return NULL;

  for (guint i = 0; ok && i < drafts->len; i++)
    {
      Draft *draft = drafts->pdata[i];
      gint64 id;

      draft->info.created_at = g_strdup (now);
      id = _wm_store_insert_letter (store, &draft->info, draft->pdf, error);
      ok = id > 0 && _wm_store_insert_letter_figures (store, id, figures,
                                                      error);
      if (ok)
        g_array_append_val (ids, id);
    }

  if (!_wm_store_write_end (store, outer, ok, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* Public API */

/**
 * wm_letter_info_free:
 * @info: (nullable): a letter
 *
 * Frees a letter returned by wm_letters_list().
 */
void
wm_letter_info_free (WmLetterInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->template);
  g_free (info->addressee);
  g_free (info->created_at);
  g_free (info->created_by);
  g_free (info->sha256);
  g_free (info->text);
  g_free (info);
}

/**
 * wm_letters_template_for_kind:
 * @kind: a record kind's name, such as "warning-letter"
 *
 * The template a record of @kind makes letters from: a warning letter,
 * a Notice to Improve, for a meeting the invitation to it, and for a
 * home visit the calling card (see wm_letters_template_for_record()).
 *
 * Returns: (nullable): the template's file name, such as
 *   "warning-letter.txt", or %NULL when @kind makes no letter
 */
const char *
wm_letters_template_for_kind (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (letter_kinds); i++)
    if (g_strcmp0 (letter_kinds[i].kind, kind) == 0)
      return letter_kinds[i].template;

  return NULL;
}

/**
 * wm_letters_template_for_record:
 * @record: a record
 *
 * The template @record makes letters from: as
 * wm_letters_template_for_kind(), except that a home visit makes a
 * calling card only when its outcome is "no-answer" or "card-left",
 * since the card tells the family that nobody answered.
 *
 * Returns: (nullable): the template's file name, or %NULL when @record
 *   makes no letter
 */
const char *
wm_letters_template_for_record (const WmRecord *record)
{
  JsonNode *outcome;

  g_return_val_if_fail (record != NULL, NULL);

  if (strcmp (record->kind->name, "home-visit") != 0)
    return wm_letters_template_for_kind (record->kind->name);

  outcome = json_object_get_member (record->body, "outcome");
  if (outcome == NULL || !JSON_NODE_HOLDS_VALUE (outcome)
      || json_node_get_value_type (outcome) != G_TYPE_STRING
      || !g_strv_contains (card_outcomes, json_node_get_string (outcome)))
    return NULL;

  return wm_letters_template_for_kind (record->kind->name);
}

/**
 * wm_letters_generate:
 * @store: a store
 * @record_id: a finalised warning letter, Notice to Improve, meeting, or
 *   home visit with no answer
 * @details: the letterhead, the signatory and further merge values
 * @error: return location for a #GError
 *
 * Makes the record's letters: one per contact with parental
 * responsibility, each addressed to that parent by name and address and
 * filled with the pupil's, the school's and the record's values and the
 * attendance figures as of the letter's date. Each is rendered to PDF and
 * stored frozen with its text, and audited with the SHA-256 of both.
 * A home visit makes calling cards (see wm_letters_template_for_record()).
 *
 * Each merge value the record holds is taken from the record (see
 * _wm_letters_record_values()); @details fills only the rest. No letter
 * is made with an empty merge field: either every letter is stored or
 * none is, and a missing value is found before anything is written.
 *
 * Returns: (transfer full) (element-type gint64): the new letters' ids,
 *   in contact order. On failure %NULL with %WM_ERROR_INVALID_INPUT when
 *   the record makes no letter, is not final or already has its letters,
 *   when the pupil has no parent with parental responsibility, or when a
 *   merge value is missing. A value the record should hold names the
 *   record's field ("The Meeting of 1 April 2026 has no Place, which the
 *   letter prints as {meeting.place}..."); any other names the parent and
 *   the field:
 *   "Letter to Jane Smith: warning-letter.txt: no value for merge field
 *   {parent.address}...". %WM_ERROR_NOT_FOUND when the record or a
 *   template does not exist, and a store error otherwise.
 */
GArray *
wm_letters_generate (WmStore                *store,
                     gint64                  record_id,
                     const WmLetterDetails  *details,
                     GError                **error)
{
  g_auto(Context) ctx = { 0 };
  g_autoptr(GPtrArray) drafts = NULL;
  /* Letters stay English whatever the locale (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (details != NULL, NULL);

  if (!prepare (&ctx, store, record_id, details, error))
    return NULL;

  drafts = make_drafts (&ctx, store, error);
  if (drafts == NULL)
    return NULL;

  return store_drafts (store, drafts, &ctx.figures, error);
}

/**
 * wm_letter_info_add_to_section:
 * @info: a stored letter
 * @section: the section to add it to, such as a bundle's exhibit
 *
 * Adds the letter's stored text to @section verbatim, one paragraph per
 * paragraph of the text, under a heading naming the addressee and the
 * date, so that a bundle shows the letter exactly as it was sent.
 */
void
wm_letter_info_add_to_section (const WmLetterInfo *info,
                               WmSection          *section)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (info != NULL && section != NULL);

  date = wm_day_format_long (info->day);
  heading = g_strdup_printf ("Letter to %s, %s, as sent", info->addressee,
                             date);
  wm_section_add_heading (section, heading);

  paragraphs = g_strsplit (info->text, "\n\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    wm_section_add_paragraph (section, paragraphs[i]);
}
