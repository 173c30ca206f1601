/* wm-bundle.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-bundle-private.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-render.h"
#include "wm-store-records-private.h"

/* The protective marking of every page, because the bundle contains a
 * child's case record and criminal offence data about the parents. */
#define BUNDLE_MARKING "OFFICIAL-SENSITIVE"

/* Building the document is quick next to writing the PDF, so it takes
 * the first tenth of the progress. */
#define BUILD_SHARE 0.1

static const struct
{
  const char       *name;
  WmBundleSections  flag;
} section_names[] = {
  { "cover", WM_BUNDLE_COVER },
  { "index", WM_BUNDLE_INDEX },
  { "chronology", WM_BUNDLE_CHRONOLOGY },
  { "certificate", WM_BUNDLE_CERTIFICATE },
  { "chart", WM_BUNDLE_CHART },
  { "support", WM_BUNDLE_SUPPORT },
  { "exhibits", WM_BUNDLE_EXHIBITS },
  { "legal", WM_BUNDLE_LEGAL },
  { "statement", WM_BUNDLE_STATEMENT },
  { "health", WM_BUNDLE_HEALTH },
  { "safeguarding", WM_BUNDLE_RESTRICTED },
};

static const struct
{
  const char         *name;
  WmBundleRedactions  flag;
} redaction_names[] = {
  { "siblings", WM_BUNDLE_REDACT_SIBLINGS },
  { "addresses", WM_BUNDLE_REDACT_ADDRESSES },
  { "health", WM_BUNDLE_REDACT_HEALTH },
};

/* Helpers: options */

static gboolean
parse_section_name (const char       *name,
                    WmBundleSections *sections)
{
  if (strcmp (name, "default") == 0)
    {
      *sections |= WM_BUNDLE_DEFAULT;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    if (strcmp (name, section_names[i].name) == 0)
      {
        *sections |= section_names[i].flag;
        return TRUE;
      }

  return FALSE;
}

static char *
known_section_names (void)
{
  g_autoptr(GString) names = g_string_new ("default");

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    g_string_append_printf (names, ", %s", section_names[i].name);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Helpers: the context */

static void
context_clear (WmBundleContext *ctx)
{
  wm_pupil_record_clear (&ctx->pupil);
  g_clear_pointer (&ctx->school_name, g_free);
  g_clear_pointer (&ctx->school_estab, g_free);
  wm_school_details_clear (&ctx->school_details);
  g_clear_pointer (&ctx->case_, wm_case_free);
  g_clear_pointer (&ctx->reference, g_free);
  g_clear_pointer (&ctx->records, g_ptr_array_unref);
  g_clear_pointer (&ctx->level_changes, g_ptr_array_unref);
  g_clear_pointer (&ctx->case_events, g_ptr_array_unref);
  g_clear_pointer (&ctx->contacts, g_ptr_array_unref);
  g_clear_pointer (&ctx->reg, wm_register_free);
  g_clear_pointer (&ctx->calendar, wm_calendar_unref);
  g_clear_pointer (&ctx->exhibits, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmBundleContext, context_clear)

static gboolean
load_school (WmBundleContext  *ctx,
             GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) summaries = NULL;
  WmPupilSummary *summary;

  g_array_append_val (ids, ctx->pupil_id);
  summaries = wm_store_list_pupils_by_id (ctx->store, ids, error);
  if (summaries == NULL)
    return FALSE;
  if (summaries->len == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   "Pupil %" G_GINT64_FORMAT " is not in the database; "
                   "choose another pupil", ctx->pupil_id);
      return FALSE;
    }

  summary = g_ptr_array_index (summaries, 0);
  ctx->school_name = g_strdup (summary->school_name);
  ctx->school_estab = g_strdup (summary->school_estab);
  return wm_store_get_school_details (ctx->store, ctx->school_id,
                                      &ctx->school_details, error);
}

/* The bundle is about the pupil's open case or, when none is open, the
 * most recently opened one, so that a closed case can still go to court. */
static gboolean
load_case (WmBundleContext  *ctx,
           GError          **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 case_id = wm_case_find_open (ctx->store, ctx->pupil_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (case_id == 0)
    {
      cases = wm_case_list_for_pupil (ctx->store, ctx->pupil_id, error);
      if (cases == NULL)
        return FALSE;
      if (cases->len == 0)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                       E_("Pupil %s has no case; open a case before exporting "
                          "an evidence bundle"), ctx->pupil.upn);
          return FALSE;
        }
      case_id = ((WmCase *) g_ptr_array_index (cases, 0))->id;
    }

  ctx->case_ = wm_case_get (ctx->store, case_id, error);
  return ctx->case_ != NULL;
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const WmRecord *x = *(WmRecord * const *) a;
  const WmRecord *y = *(WmRecord * const *) b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;

  return (x->id > y->id) - (x->id < y->id);
}

/* Keeps the records the options allow, oldest first. Health records
 * (special category data) are left out unless chosen, and nothing dated
 * after the as-of date is shown, so that a bundle prepared on a date
 * reads the same later. */
static gboolean
load_records (WmBundleContext  *ctx,
              GError          **error)
{
  WmBundleSections sections = ctx->options->sections;
  WmRecordListFlags flags = (sections & WM_BUNDLE_RESTRICTED)
                            ? WM_RECORD_LIST_INCLUDE_RESTRICTED
                            : WM_RECORD_LIST_DEFAULT;
  g_autoptr(GPtrArray) all = NULL;

  all = wm_record_list_for_case (ctx->store, ctx->case_->id, flags, error);
  if (all == NULL)
    return FALSE;

  ctx->records = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_record_free);
  for (guint i = 0; i < all->len; i++)
    {
      WmRecord *record = g_ptr_array_index (all, i);
      gboolean health = (record->kind->flags & WM_RECORD_FLAG_HEALTH) != 0;

      if ((health && !(sections & WM_BUNDLE_HEALTH))
          || record->day > ctx->options->as_of)
        continue;

      g_ptr_array_add (ctx->records, g_steal_pointer (&all->pdata[i]));
    }

  g_ptr_array_sort (ctx->records, compare_records);
  return TRUE;
}

static gboolean
load_level_changes (WmBundleContext  *ctx,
                    GError          **error)
{
  g_autoptr(GPtrArray) timeline = wm_store_list_timeline (ctx->store,
                                                          ctx->pupil_id,
                                                          error);

  if (timeline == NULL)
    return FALSE;

  /* The timeline is newest first, and the chronology oldest first. */
  ctx->level_changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) wm_timeline_entry_free);
  for (guint i = timeline->len; i > 0; i--)
    {
      WmTimelineEntry *entry = g_ptr_array_index (timeline, i - 1);

      if (strcmp (entry->kind, "level-change") == 0
          && entry->day <= ctx->options->as_of)
        g_ptr_array_add (ctx->level_changes,
                         g_steal_pointer (&timeline->pdata[i - 1]));
    }

  return TRUE;
}

/* The certificate's period: as given, or the last threshold-window
 * school weeks up to the as-of date, the period over which the national
 * penalty threshold counts unauthorised absence, moved back to the
 * earliest day the bundle cites, as wm_bundle_default_period()
 * describes. */
static gboolean
choose_period (WmBundleContext  *ctx,
               GError          **error)
{
  const WmBundleOptions *options = ctx->options;
  guint n_weeks = ctx->rules.threshold_window_weeks;
  g_autofree WmDay *mondays = g_new0 (WmDay, MAX (n_weeks, 1));
  guint found;

  ctx->to = options->to != WM_DAY_NONE ? options->to : options->as_of;
  ctx->from = options->from;
  if (ctx->from == WM_DAY_NONE)
    {
      found = wm_calendar_school_weeks (ctx->calendar, ctx->to, n_weeks,
                                        mondays);
      ctx->from = found > 0 ? mondays[found - 1] : wm_day_monday (ctx->to);
      ctx->from = _wm_bundle_cited_from (ctx->reg, ctx->calendar, &ctx->rules,
                                         ctx->from, ctx->to);
    }

  if (ctx->from > ctx->to)
    {
      g_autofree char *from = wm_day_to_iso (ctx->from);
      g_autofree char *to = wm_day_to_iso (ctx->to);

      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The certificate period starts on %s, after its last "
                      "day %s; choose a first day on or before the last one"),
                   from, to);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_attendance (WmBundleContext  *ctx,
                 GError          **error)
{
  ctx->reg = wm_store_load_register (ctx->store, ctx->pupil_id,
                                     ctx->school_id, error);
  if (ctx->reg == NULL)
    return FALSE;

  ctx->calendar = wm_store_load_calendar (ctx->store, ctx->school_id, error);
  if (ctx->calendar == NULL)
    return FALSE;

  if (!wm_store_load_rules (ctx->store, ctx->school_id, &ctx->rules, error))
    return FALSE;

  return choose_period (ctx, error);
}

/* A bundle is evidence for a court, so it must not print a record that
 * was changed outside Waymark. Each printed record's revisions are checked
 * against the hashes in their audit entries, then the whole audit chain,
 * before anything is laid out. The whole chain is walked because an audit
 * entry rewritten to match a changed text keeps its own hash valid and
 * breaks the chain at a later entry. The walk took 1.7 seconds for
 * 300,000 entries in an optimised build.
 * NOTE: 300,000 entries is an estimate for 30,000 pupils (ten each). */
static gboolean
verify_records (WmBundleContext  *ctx,
                GError          **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                             ctx->records->len);
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);

      g_array_append_val (ids, record->id);
    }

  if (_wm_store_verify_records (ctx->store, (const gint64 *) ids->data,
                                ids->len, &local_error))
    return TRUE;

  if (!g_error_matches (local_error, WM_ERROR, WM_ERROR_DATABASE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* NOTE: a failure to read the database is WM_ERROR_DATABASE too, so it
   * gets the same advice. */
  /* Translators: %s names the first record or audit entry that does not
   * verify, such as "record 2 revision 1 does not match the hash in audit
   * entry 8: the database was changed outside Waymark". */
  g_set_error (error, WM_ERROR, WM_ERROR_DATABASE,
               E_("The evidence bundle was not made: %s; restore a backup "
                  "from before the change, then export again"),
               local_error->message);
  return FALSE;
}

static gboolean
load_context (WmBundleContext  *ctx,
              GError          **error)
{
  if (!wm_store_get_pupil (ctx->store, ctx->pupil_id, &ctx->pupil,
                           &ctx->school_id, error)
      || !load_school (ctx, error)
      || !load_case (ctx, error)
      || !load_records (ctx, error)
      || !verify_records (ctx, error)
      || !load_level_changes (ctx, error)
      || !load_attendance (ctx, error))
    return FALSE;

  ctx->case_events = wm_case_list_history (ctx->store, ctx->case_->id, error);
  if (ctx->case_events == NULL)
    return FALSE;

  ctx->contacts = wm_store_list_contact_details (ctx->store, ctx->pupil_id,
                                                 error);
  if (ctx->contacts == NULL)
    return FALSE;

  ctx->reference = wm_bundle_case_reference (ctx->school_estab, ctx->case_->id);
  ctx->prepared_by = ctx->options->prepared_by;
  if (ctx->prepared_by == NULL)
    ctx->prepared_by = ctx->case_->lead_officer;
  if (ctx->prepared_by == NULL)
    ctx->prepared_by = "Attendance officer";
  ctx->exhibits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         NULL);
  return TRUE;
}

/* Helpers: the cover sheet */

static char *
pupil_legal_name (const WmPupilRecord *pupil)
{
  /* The legal name, not the preferred one, because the court needs the
   * name on the register. */
  g_autoptr(GString) name = g_string_new (pupil->forename);

  if (pupil->middle_names != NULL && *pupil->middle_names != '\0')
    g_string_append_printf (name, " %s", pupil->middle_names);
  if (pupil->surname != NULL)
    g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "",
                            pupil->surname);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
contact_name (const WmContactRecord *contact)
{
  return g_strjoin (" ", contact->title != NULL ? contact->title : "",
                    contact->forename != NULL ? contact->forename : "",
                    contact->surname != NULL ? contact->surname : "", NULL);
}

/* A Common Transfer File carries a contact's relationship as a code. The
 * codes are those the importer reads and the sample files write.
 * NOTE: they are not checked against the published code list, so the code
 * stays beside the word for the reader to check. An unknown code is
 * printed as it was sent rather than guessed at. */
static const struct
{
  const char *code;
  const char *words;
} relationships[] = {
  { "PAM", "Mother" },
  { "PAF", "Father" },
  { "GRM", "Grandmother" },
  { "GRF", "Grandfather" },
  { "CHM", "Childminder" },
};

static char *
relationship_words (const char *code)
{
  if (code == NULL)
    return g_strdup ("Not recorded");

  for (gsize i = 0; i < G_N_ELEMENTS (relationships); i++)
    if (g_str_equal (code, relationships[i].code))
      return g_strdup_printf ("%s (%s)", relationships[i].words, code);

  return g_strdup (code);
}

static void
add_pupil_details (WmBundleContext *ctx,
                   WmSection       *section)
{
  WmBlock *block;
  g_autofree char *name = pupil_legal_name (&ctx->pupil);
  g_autofree char *dob = wm_day_format_long (ctx->pupil.dob);

  wm_section_add_heading (section, "Pupil");
  block = wm_section_add_key_values (section);
  wm_key_values_add (block, "Legal name", g_strstrip (name));
  wm_key_values_add (block, "Date of birth", dob);
  wm_key_values_add (block, "UPN", ctx->pupil.upn);
  wm_key_values_add (block, "Year group", ctx->pupil.year_group != NULL
                                           ? ctx->pupil.year_group
                                           : "Not recorded");
  wm_key_values_add (block, "School", ctx->school_name);

  if (ctx->pupil.address == NULL)
    return;

  if (ctx->options->redactions & WM_BUNDLE_REDACT_ADDRESSES)
    wm_section_add_redacted (section, "Redacted: the pupil's address");
  else
    wm_key_values_add (block, "Address", ctx->pupil.address);
}

/* Every parent with parental responsibility is addressed separately in a
 * legal step, so each one is listed with their own address. */
static void
add_parents (WmBundleContext *ctx,
             WmSection       *section)
{
  guint n = 0;

  wm_section_add_heading (section, "Parents with parental responsibility");
  for (guint i = 0; i < ctx->contacts->len; i++)
    {
      WmContactDetails *details = g_ptr_array_index (ctx->contacts, i);
      const WmContactRecord *contact = &details->contact;
      g_autofree char *name = NULL;
      g_autofree char *relationship = NULL;
      WmBlock *block;

      if (!contact->parental_responsibility)
        continue;

      name = contact_name (contact);
      relationship = relationship_words (contact->relationship);
      block = wm_section_add_key_values (section);
      wm_key_values_add (block, "Name", g_strstrip (name));
      wm_key_values_add (block, "Relationship", relationship);
      if (ctx->options->redactions & WM_BUNDLE_REDACT_ADDRESSES)
        wm_section_add_redacted (section, "Redacted: the parent's address");
      else
        wm_key_values_add (block, "Address", contact->address != NULL
                                             ? contact->address
                                             : "Not recorded");
      n++;
    }

  if (n == 0)
    wm_section_add_paragraph (section, "No contact with parental "
                              "responsibility is recorded.");
}

static gboolean
add_siblings (WmBundleContext  *ctx,
              WmSection        *section,
              GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  WmBlock *block;

  if (ctx->options->redactions & WM_BUNDLE_REDACT_SIBLINGS)
    {
      wm_section_add_heading (section, "Siblings");
      wm_section_add_redacted (section, "Redacted: details of siblings");
      return TRUE;
    }

  ids = wm_store_list_siblings (ctx->store, ctx->pupil_id, error);
  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    return TRUE;

  siblings = wm_store_list_pupils_by_id (ctx->store, ids, error);
  if (siblings == NULL)
    return FALSE;

  wm_section_add_heading (section, "Siblings");
  block = wm_section_add_key_values (section);
  for (guint i = 0; i < siblings->len; i++)
    {
      WmPupilSummary *sibling = g_ptr_array_index (siblings, i);
      g_autofree char *name = g_strdup_printf ("%s %s", sibling->forename,
                                               sibling->surname);

      wm_key_values_add (block, name, sibling->school_name);
    }

  return TRUE;
}

static gboolean
add_cover (WmBundleContext  *ctx,
           WmDocument       *document,
           GError          **error)
{
  WmSection *section = wm_document_add_section (document, "Cover sheet",
                                                WM_SECTION_HIDE_TITLE);
  g_autofree char *date = wm_day_format_long (ctx->options->as_of);
  WmBlock *block;

  wm_section_add_text (section, "Evidence bundle", WM_TEXT_TITLE);
  wm_section_add_text (section, BUNDLE_MARKING, WM_TEXT_STRONG);
  block = wm_section_add_key_values (section);
  wm_key_values_add (block, "Case reference", ctx->reference);
  wm_key_values_add (block, "Prepared by", ctx->prepared_by);
  wm_key_values_add (block, "Date", date);

  add_pupil_details (ctx, section);
  add_parents (ctx, section);
  return add_siblings (ctx, section, error);
}

static void
set_metadata (WmBundleContext *ctx,
              WmDocument      *document)
{
  g_autofree char *name = pupil_legal_name (&ctx->pupil);
  g_autofree char *header = g_strdup_printf ("%s (%s), case %s",
                                             g_strstrip (name),
                                             ctx->pupil.upn, ctx->reference);

  wm_document_set_marking (document, BUNDLE_MARKING);
  wm_document_set_header_text (document, header);
  wm_document_set_author (document, ctx->prepared_by);
  wm_document_set_subject (document, "Evidence bundle");
  wm_document_set_as_of (document, ctx->options->as_of);
}

/* Numbers the exhibits from 1 in date order. */
static void
number_exhibits (WmBundleContext *ctx)
{
  guint n = 0;

  for (guint i = 0; i < ctx->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (ctx->records, i);

      if (!_wm_bundle_is_exhibit (record))
        continue;

      g_hash_table_insert (ctx->exhibits,
                           g_memdup2 (&record->id, sizeof record->id),
                           GUINT_TO_POINTER (++n));
    }
}

static gboolean
build_sections (WmBundleContext  *ctx,
                WmDocument       *document,
                GCancellable     *cancellable,
                GError          **error)
{
  WmBundleSections sections = ctx->options->sections;

  if ((sections & WM_BUNDLE_COVER) && !add_cover (ctx, document, error))
    return FALSE;
  if (sections & WM_BUNDLE_INDEX)
    wm_document_add_index (document, "Index");

  /* Exhibit numbers are fixed first so that the chronology can refer to
   * them, although the exhibits come later in the bundle. */
  if (sections & WM_BUNDLE_EXHIBITS)
    number_exhibits (ctx);

  if (sections & WM_BUNDLE_CHRONOLOGY)
    _wm_bundle_add_chronology (ctx, document);
  if (sections & WM_BUNDLE_CERTIFICATE)
    _wm_bundle_add_certificate (ctx, document);
  if (sections & WM_BUNDLE_CHART)
    _wm_bundle_add_chart (ctx, document);
  if (sections & WM_BUNDLE_SUPPORT)
    _wm_bundle_add_support (ctx, document);
  if ((sections & WM_BUNDLE_EXHIBITS)
      && !_wm_bundle_add_exhibits (ctx, document, cancellable, error))
    return FALSE;
  if (sections & WM_BUNDLE_LEGAL)
    _wm_bundle_add_legal (ctx, document);
  if (sections & WM_BUNDLE_STATEMENT)
    _wm_bundle_add_statement (ctx, document);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static char *
audit_detail (WmBundleContext *ctx)
{
  g_autofree char *sections = wm_bundle_sections_to_string (
    ctx->options->sections);
  g_autoptr(GString) detail = g_string_new (NULL);
  char from[11], to[11], as_of[11];

  wm_day_to_iso_buf (ctx->from, from);
  wm_day_to_iso_buf (ctx->to, to);
  wm_day_to_iso_buf (ctx->options->as_of, as_of);

  /* Ids, dates and section names only, because an audit line must never
   * contain a name, an address or note text. */
  g_string_append_printf (detail, "case %" G_GINT64_FORMAT "; sections %s; "
                          "period %s to %s; as of %s",
                          ctx->case_->id, sections, from, to, as_of);
  for (guint i = 0; i < G_N_ELEMENTS (redaction_names); i++)
    if (ctx->options->redactions & redaction_names[i].flag)
      g_string_append_printf (detail, "; redacted %s", redaction_names[i].name);

  return g_string_free (g_steal_pointer (&detail), FALSE);
}

typedef struct
{
  WmProgressFunc func;
  gpointer       data;
} Progress;

static void
render_progress (double   fraction,
                 gpointer user_data)
{
  Progress *progress = user_data;

  progress->func (BUILD_SHARE + (1.0 - BUILD_SHARE) * fraction,
                  progress->data);
}

static WmDocument *
build_document (WmBundleContext        *ctx,
                WmStore                *store,
                gint64                  pupil_id,
                const WmBundleOptions  *options,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *title = NULL;

  ctx->store = store;
  ctx->options = options;
  ctx->pupil_id = pupil_id;
  if (!load_context (ctx, error))
    return NULL;

  title = g_strdup_printf ("Evidence bundle %s", ctx->reference);
  document = wm_document_new (title);
  set_metadata (ctx, document);
  if (!build_sections (ctx, document, cancellable, error))
    return NULL;

  g_debug ("Built the evidence bundle of pupil %" G_GINT64_FORMAT
           ": %u sections", pupil_id, wm_document_get_n_sections (document));
  return g_steal_pointer (&document);
}

/* Public API */

/**
 * wm_bundle_options_init:
 * @options: (out caller-allocates): the options to set up
 * @as_of: the date the bundle is prepared on
 *
 * Sets @options to the defaults: every section except healthcare plans
 * and safeguarding records, the certificate over the last threshold-window
 * school weeks up to @as_of, nothing withheld, prepared by the case's lead
 * officer.
 */
void
wm_bundle_options_init (WmBundleOptions *options,
                        WmDay            as_of)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->as_of = as_of;
  options->sections = WM_BUNDLE_DEFAULT;
}

/**
 * wm_bundle_parse_sections:
 * @text: section names separated by commas, such as "default,health" or
 *   "cover,chronology"
 * @out_sections: (out): the sections
 * @error: return location for a #GError
 *
 * Reads the sections of a bundle as the command line gives them. The
 * names are those of #WmBundleSections ("cover", "index", "chronology",
 * "certificate", "chart", "support", "exhibits", "legal", "statement",
 * "health", "safeguarding"), and "default" stands for every section
 * without health and safeguarding records. Only the named sections are
 * included.
 *
 * Returns: %TRUE on success; %FALSE with @error naming the unknown name
 */
gboolean
wm_bundle_parse_sections (const char        *text,
                          WmBundleSections  *out_sections,
                          GError           **error)
{
  g_auto(GStrv) names = NULL;
  WmBundleSections sections = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_sections != NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (!parse_section_name (name, &sections))
        {
          g_autofree char *known = known_section_names ();

          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("--sections: \"%s\" is not a section of a bundle; use "
                          "some of %s, separated by commas"), name, known);
          return FALSE;
        }
    }

  *out_sections = sections;
  return TRUE;
}

/**
 * wm_bundle_parse_redactions:
 * @text: names separated by commas: "siblings", "addresses", "health"
 * @out_redactions: (out): the details to withhold
 * @error: return location for a #GError
 *
 * Reads what a bundle withholds as the command line gives it.
 *
 * Returns: %TRUE on success; %FALSE with @error naming the unknown name
 */
gboolean
wm_bundle_parse_redactions (const char          *text,
                            WmBundleRedactions  *out_redactions,
                            GError             **error)
{
  g_auto(GStrv) names = NULL;
  WmBundleRedactions redactions = WM_BUNDLE_REDACT_NONE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_redactions != NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      guint j;

      for (j = 0; j < G_N_ELEMENTS (redaction_names); j++)
        if (strcmp (name, redaction_names[j].name) == 0)
          break;

      if (j == G_N_ELEMENTS (redaction_names))
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("--redact: \"%s\" cannot be redacted; use some of "
                          "siblings, addresses and health, separated by commas"),
                       name);
          return FALSE;
        }
      redactions |= redaction_names[j].flag;
    }

  *out_redactions = redactions;
  return TRUE;
}

/**
 * wm_bundle_sections_to_string:
 * @sections: sections of a bundle
 *
 * Returns: (transfer full): the names of @sections in bundle order,
 *   separated by commas, as wm_bundle_parse_sections() reads them
 */
char *
wm_bundle_sections_to_string (WmBundleSections sections)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    if (sections & section_names[i].flag)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              section_names[i].name);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * wm_bundle_case_reference:
 * @estab: (nullable): the school's establishment number, such as "2001"
 * @case_id: the case's id
 *
 * Makes the reference printed on every page of a bundle, such as
 * `WM-2001-000017`: the school and the case, so that two schools' cases
 * with the same id cannot be confused.
 *
 * Returns: (transfer full): the reference
 */
char *
wm_bundle_case_reference (const char *estab,
                          gint64      case_id)
{
  return g_strdup_printf ("WM-%s-%06" G_GINT64_FORMAT,
                          estab != NULL && *estab != '\0' ? estab : "0000",
                          case_id);
}

/**
 * wm_bundle_build:
 * @store: a store
 * @pupil_id: the pupil
 * @options: what to include, set up with wm_bundle_options_init()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Builds the evidence bundle of the pupil's open case, or of the most
 * recently opened case when none is open, as a document to render.
 * Sections come in a fixed order; restricted records appear only with
 * %WM_BUNDLE_RESTRICTED and healthcare plans only with %WM_BUNDLE_HEALTH.
 * Nothing is written to the store.
 *
 * Returns: (transfer full): the document; %NULL with @error set when the
 *   pupil or a case is missing, a record to print or the audit chain does
 *   not verify (%WM_ERROR_DATABASE, naming the first record or audit
 *   entry), the store fails, or @cancellable is cancelled
 */
WmDocument *
wm_bundle_build (WmStore                *store,
                 gint64                  pupil_id,
                 const WmBundleOptions  *options,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_auto(WmBundleContext) ctx = { 0 };
  /* A legal document: English whatever the locale (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->as_of != WM_DAY_NONE, NULL);

  return build_document (&ctx, store, pupil_id, options, cancellable, error);
}

/**
 * wm_bundle_export:
 * @store: a store
 * @pupil_id: the pupil
 * @options: what to include
 * @path: the PDF file to write
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called in this thread with the share done
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Builds the pupil's bundle (see wm_bundle_build()) and writes it to @path
 * as a PDF readable by the user alone. The export is then recorded in the
 * audit log with the pupil's id, the case, the sections, the period and
 * what was withheld, never a name. The same case and options give the
 * same bytes. The call blocks, so the GUI runs it in a worker thread with a
 * store of its own.
 *
 * Returns: %TRUE on success; on failure or cancellation, including a
 *   record that does not verify as in wm_bundle_build(), the file at @path
 *   is left as it was, nothing is audited and @error gives the reason
 */
gboolean
wm_bundle_export (WmStore                *store,
                  gint64                  pupil_id,
                  const WmBundleOptions  *options,
                  const char             *path,
                  GCancellable           *cancellable,
                  WmProgressFunc          progress,
                  gpointer                progress_data,
                  GError                **error)
{
  g_auto(WmBundleContext) ctx = { 0 };
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *detail = NULL;
  Progress scaled = { progress, progress_data };
  /* A legal document: English whatever the locale (see wm-i18n.c). */
  g_auto(WmEnglishScope) english = wm_english_scope_begin ();

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->as_of != WM_DAY_NONE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = build_document (&ctx, store, pupil_id, options, cancellable,
                             error);
  if (document == NULL)
    return FALSE;
  if (progress != NULL)
    progress (BUILD_SHARE, progress_data);

  if (!wm_render_document_to_file (document, path, cancellable,
                                   progress != NULL ? render_progress : NULL,
                                   &scaled, error))
    return FALSE;

  detail = audit_detail (&ctx);
  return wm_store_audit (store, "export-bundle", "pupil", pupil_id, detail,
                         error);
}
