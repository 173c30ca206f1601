/* wm-import.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Imports a file into the store: a Common Transfer File here, a CSV file
 * in wm-csv-import.c, distinguished by their first bytes. The reader checks the
 * whole file first, so that an invalid file writes nothing. The file is
 * then applied in one transaction, which any error or a cancellation
 * rolls back.
 *
 * Pupils are matched by UPN only, and the file name plays no part. A
 * stored pupil missing from the file is left as it is, because a partial
 * export or a leaver's absence from a later file is no evidence about the
 * sessions already stored.
 */

#include "wm-import.h"

#include <string.h>

#include "wm-csv-import-private.h"
#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-i18n-private.h"

/* Reading the file takes most of the time; the writing steps share the
 * rest of the progress bar. */
#define READ_SHARE 0.8
#define PROGRESS_STEP 0.01

typedef struct
{
  WmStore        *store;
  WmCtfFile      *file;
  WmImportReport *report;
  GCancellable   *cancellable;
  WmProgressFunc  progress;
  gpointer        progress_data;
  double          reported_fraction;
} Import;

static void
report_progress (Import *import,
                 double  fraction)
{
  if (import->progress == NULL)
    return;
  if (fraction < 1.0
      && fraction < import->reported_fraction + PROGRESS_STEP)
    return;

  import->reported_fraction = fraction;
  import->progress (fraction, import->progress_data);
}

static void
on_read_progress (double   fraction,
                  gpointer data)
{
  report_progress (data, fraction * READ_SHARE);
}

/*
 * _wm_import_report_new:
 *
 * Returns: (transfer full): an empty report, shared with the CSV import
 */
WmImportReport *
_wm_import_report_new (void)
{
  WmImportReport *report = g_new0 (WmImportReport, 1);

  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->shown_warnings = g_ptr_array_new_with_free_func (g_free);
  report->pupil_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return report;
}

/**
 * wm_import_report_free:
 * @report: (nullable): a report
 *
 * Frees a report returned by wm_import_file().
 */
void
wm_import_report_free (WmImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->warnings);
  g_ptr_array_unref (report->shown_warnings);
  g_array_unref (report->pupil_ids);
  g_free (report);
}

static gpointer
copy_string (gconstpointer string,
             gpointer      data)
{
  return g_strdup (string);
}

/* Puts the file, the line and, when there is one, the UPN before a
 * warning's text, in English when @english is set. */
static char *
locate_warning (const char *file_name,
                guint       line,
                const char *upn,
                const char *text,
                gboolean    english)
{
  g_auto(WmEnglishScope) scope = english ? wm_english_scope_begin () : FALSE;

  if (upn != NULL)
    return g_strdup_printf (_("%s, line %u, UPN %s: %s"), file_name, line,
                            upn, text);

  return g_strdup_printf (_("%s, line %u: %s"), file_name, line, text);
}

/*
 * _wm_warnings_addv:
 * @english: the warnings in English, as stored with the import
 * @shown: the same warnings in the user's language
 * @file_name: the base name of the file read
 * @line: the line the warning is about
 * @upn: (nullable): the pupil the warning is about
 * @msgid: the English format of the warning's text, marked with N_()
 * @msgid_plural: (nullable): its plural, picked by @n
 * @n: the count that picks the plural form
 * @args: the arguments of the format
 *
 * Adds one warning to both lists, each starting with where in the file it
 * applies. Every reader of an import (CTF and CSV) adds its warnings
 * through here, so that the two lists stay in step.
 */
void
_wm_warnings_addv (GPtrArray  *english,
                   GPtrArray  *shown,
                   const char *file_name,
                   guint       line,
                   const char *upn,
                   const char *msgid,
                   const char *msgid_plural,
                   gulong      n,
                   va_list     args)
{
  g_autofree char *english_text = NULL;
  g_autofree char *shown_text = NULL;

  wm_i18n_vformat_twice (&english_text, &shown_text, msgid, msgid_plural,
                         n, args);
  _wm_warnings_add (english, shown, file_name, line, upn, english_text,
                    shown_text);
}

/*
 * _wm_warnings_add:
 *
 * Like _wm_warnings_addv(), for a warning whose two texts the caller
 * filled in itself, because one of its arguments is translated too.
 */
void
_wm_warnings_add (GPtrArray  *english,
                  GPtrArray  *shown,
                  const char *file_name,
                  guint       line,
                  const char *upn,
                  const char *english_text,
                  const char *shown_text)
{
  g_ptr_array_add (english, locate_warning (file_name, line, upn,
                                            english_text, TRUE));
  g_ptr_array_add (shown, locate_warning (file_name, line, upn, shown_text,
                                          FALSE));
}

static void
add_warning (Import           *import,
             const WmCtfPupil *pupil,
             const char       *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_warning (Import           *import,
             const WmCtfPupil *pupil,
             const char       *format,
             ...)
{
  va_list args;

  va_start (args, format);
  _wm_warnings_addv (import->report->warnings, import->report->shown_warnings,
                     import->file->name, pupil->line, pupil->upn, format,
                     NULL, 0, args);
  va_end (args);
}

/* Names are compared in Unicode normal form C, so that the same name
 * written with a combining accent does not count as a change. */
gboolean
_wm_import_names_differ (const char *stored,
              const char *received)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (stored == NULL || received == NULL)
    return FALSE;

  a = g_utf8_normalize (stored, -1, G_NORMALIZE_NFC);
  b = g_utf8_normalize (received, -1, G_NORMALIZE_NFC);
  return g_strcmp0 (a, b) != 0;
}

/* Warns when the file renames a stored pupil. The file wins, because the
 * school's system keeps the legal name, but the officer must see the
 * change, since a name also identifies the child in letters. */
static gboolean
warn_name_changes (Import            *import,
                   gint64             pupil_id,
                   const WmCtfPupil  *pupil,
                   GError           **error)
{
  WmPupilRecord stored = { 0 };

  if (!wm_store_get_pupil (import->store, pupil_id, &stored, NULL, error))
    return FALSE;

  if (_wm_import_names_differ (stored.surname, pupil->surname))
    add_warning (import, pupil, N_("surname changed from %s to %s."),
                 stored.surname, pupil->surname);
  if (_wm_import_names_differ (stored.forename, pupil->forename))
    add_warning (import, pupil, N_("forename changed from %s to %s."),
                 stored.forename, pupil->forename);

  wm_pupil_record_clear (&stored);
  return TRUE;
}

/* The record borrows the pupil's strings; it must not be cleared. */
static WmPupilRecord
pupil_record_from_ctf (const WmCtfPupil *pupil)
{
  WmPupilRecord record = {
    .upn = pupil->upn,
    .surname = pupil->surname,
    .forename = pupil->forename,
    .middle_names = pupil->middle_names,
    .preferred_surname = pupil->preferred_surname,
    .preferred_forename = pupil->preferred_forename,
    .dob = pupil->dob,
    .sex = pupil->sex,
    .year_group = pupil->year_group,
    .admission_date = pupil->entry_date,
    .leaving_date = pupil->leaving_date,
    .address = pupil->address,
    .sen_provision = pupil->sen_provision,
    .looked_after = pupil->in_care,
    .free_school_meals = pupil->free_school_meals,
  };

  return record;
}

static gboolean
replace_contacts (Import            *import,
                  gint64             pupil_id,
                  const WmCtfPupil  *pupil,
                  GError           **error)
{
  guint n = pupil->contacts->len;
  g_autofree WmContactRecord *records = g_new0 (WmContactRecord, MAX (n, 1));

  /* The records borrow the contacts' strings. */
  for (guint i = 0; i < n; i++)
    {
      const WmCtfContact *contact = g_ptr_array_index (pupil->contacts, i);

      records[i] = (WmContactRecord) {
        .order = contact->order,
        .title = contact->title,
        .surname = contact->surname,
        .forename = contact->forename,
        .relationship = contact->relationship,
        .parental_responsibility = contact->responsibility,
        .address = contact->address,
        .phones = contact->phones,
        .email = contact->email,
      };
    }

  return wm_store_replace_contacts (import->store, pupil_id, records, n, error);
}

static gboolean
merge_year (Import               *import,
            gint64                pupil_id,
            const WmCtfYearData  *year,
            GError              **error)
{
  g_autoptr(WmRegister) reg = NULL;
  guint n_set = 0, n_changed = 0;

  if (year->sessions == NULL)
    return TRUE;

  reg = wm_register_new (year->first_day, year->n_days);
  memcpy (reg->marks, year->sessions,
          (gsize) year->n_days * 2 * sizeof (WmMark));
  if (!wm_store_merge_marks (import->store, import->report->import_id,
                             pupil_id, import->report->school_id, reg,
                             &n_set, &n_changed, error))
    return FALSE;

  import->report->n_marks_set += n_set;
  import->report->n_marks_changed += n_changed;
  return TRUE;
}

static gboolean
apply_years (Import            *import,
             gint64             pupil_id,
             const WmCtfPupil  *pupil,
             GError           **error)
{
  for (guint i = 0; i < pupil->years->len; i++)
    {
      const WmCtfYearData *year = g_ptr_array_index (pupil->years, i);

      if (year->is_source)
        {
          if (!merge_year (import, pupil_id, year, error))
            return FALSE;
        }
      else if (!wm_store_add_attendance_history (import->store, pupil_id,
                                                 import->report->import_id,
                                                 year->year, year->lea,
                                                 year->estab,
                                                 year->school_name,
                                                 year->sessions_possible,
                                                 year->sessions_authorised,
                                                 year->sessions_unauthorised,
                                                 year->start_date,
                                                 year->marks, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_pupil (Import            *import,
             const WmCtfPupil  *pupil,
             GError           **error)
{
  WmPupilRecord record = pupil_record_from_ctf (pupil);
  gint64 pupil_id = wm_store_find_pupil_by_upn (import->store, pupil->upn);
  gboolean created = FALSE;

  if (pupil_id > 0 && !warn_name_changes (import, pupil_id, pupil, error))
    return FALSE;

  pupil_id = wm_store_upsert_pupil (import->store, &record,
                                    import->report->school_id, &created, error);
  if (pupil_id == 0)
    return FALSE;

  if (created)
    import->report->n_created++;
  else
    import->report->n_updated++;
  g_array_append_val (import->report->pupil_ids, pupil_id);

  if (pupil->has_contacts && !replace_contacts (import, pupil_id, pupil, error))
    return FALSE;

  return apply_years (import, pupil_id, pupil, error);
}

static gboolean
apply_pupils (Import  *import,
              GError **error)
{
  guint n = import->file->pupils->len;

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error)
          || !apply_pupil (import, g_ptr_array_index (import->file->pupils, i),
                           error))
        return FALSE;

      /* The last tenth of the writing share is the commit. */
      report_progress (import,
                       READ_SHARE + (1.0 - READ_SHARE) * 0.9 * (i + 1) / n);
    }

  import->report->n_pupils = n;
  return TRUE;
}

char *
_wm_import_join_warnings (GPtrArray *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (warnings, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every write of one import, inside the caller's transaction. */
static gboolean
apply_file (Import  *import,
            GError **error)
{
  WmCtfFile *file = import->file;
  WmImportReport *report = import->report;
  g_autofree char *warnings = NULL;

  report->import_id = wm_store_begin_import (import->store, "ctf", file->name,
                                             file->sha256, error);
  if (report->import_id == 0)
    return FALSE;

  report->school_id = wm_store_ensure_school (import->store, file->source_lea,
                                              file->source_estab,
                                              file->source_urn,
                                              file->source_name, error);
  /* A transfer file lists the school's whole roll or a part of it. The
   * roll change tells the two apart by the number of pupils listed. */
  if (report->school_id == 0 || !apply_pupils (import, error)
      || !wm_store_record_roll_export (import->store, report->import_id,
                                       report->pupil_ids, file->export_day,
                                       error)
      || !wm_store_rebuild_calendar (import->store, report->school_id, error))
    return FALSE;

  warnings = _wm_import_join_warnings (report->warnings);
  return wm_store_finish_import (import->store, report->import_id,
                                 report->school_id, report->n_pupils,
                                 report->n_marks_set, report->n_marks_changed,
                                 warnings[0] != '\0' ? warnings : NULL, error);
}

static gboolean
write_import (Import  *import,
              GError **error)
{
  if (!wm_store_begin (import->store, error))
    return FALSE;

  if (!apply_file (import, error)
      || g_cancellable_set_error_if_cancelled (import->cancellable, error))
    {
      wm_store_rollback (import->store);
      return FALSE;
    }

  return wm_store_commit (import->store, error);
}

/* The file's first bytes decide its kind. */
typedef enum
{
  FILE_KIND_CTF,
  FILE_KIND_CSV,
} FileKind;

#define SNIFF_SIZE 4096

/* A Common Transfer File is XML, so its first byte after an optional
 * byte order mark and white space is `<`. Any other text is CSV. A file
 * with a NUL byte near its start is not text at all. It goes to the CTF
 * reader, which reports that it does not start with XML markup, and so
 * does a file that cannot be opened, so that the reader reports why. */
static FileKind
sniff_file (const char   *path,
            GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  guchar buffer[SNIFF_SIZE];
  gsize n = 0, i = 0;

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer,
                                   sizeof buffer, &n, cancellable, NULL))
    return FILE_KIND_CTF;

  if (n >= 2 && ((buffer[0] == 0xff && buffer[1] == 0xfe)
                 || (buffer[0] == 0xfe && buffer[1] == 0xff)))
    return FILE_KIND_CSV;
  if (memchr (buffer, '\0', n) != NULL)
    return FILE_KIND_CTF;

  if (n >= 3 && memcmp (buffer, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && (buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r'
                   || buffer[i] == '\n'))
    i++;

  return i < n && buffer[i] == '<' ? FILE_KIND_CTF : FILE_KIND_CSV;
}

static WmImportReport *
import_ctf (WmStore         *store,
            const char      *path,
            GCancellable    *cancellable,
            WmProgressFunc   progress,
            gpointer         progress_data,
            GError         **error)
{
  g_autoptr(WmCtfFile) file = NULL;
  g_autoptr(WmImportReport) report = NULL;
  Import import = {
    .store = store,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
  };

  file = wm_ctf_read_file (path, cancellable, on_read_progress, &import, error);
  if (file == NULL)
    return NULL;

  report = _wm_import_report_new ();
  g_ptr_array_extend (report->warnings, file->warnings, copy_string, NULL);
  g_ptr_array_extend (report->shown_warnings, file->shown_warnings,
                      copy_string, NULL);

  import.file = file;
  import.report = report;
  if (!write_import (&import, error))
    return NULL;

  g_debug ("Import %" G_GINT64_FORMAT ": %u pupils, %u new, %u marks set, "
           "%u changed, %u warnings", report->import_id, report->n_pupils,
           report->n_created, report->n_marks_set, report->n_marks_changed,
           report->warnings->len);
  report_progress (&import, 1.0);
  return g_steal_pointer (&report);
}

/**
 * wm_import_file:
 * @store: the store to import into; not in a transaction
 * @path: a Common Transfer File or a CSV file
 * @cancellable: (nullable): checked before each pupil
 * @progress: (nullable): called with the share of the work done, at most
 *   about 100 times, in the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Imports a file as wm_import_file_with_options() does, detecting the
 * encoding of a CSV file.
 *
 * Returns: (transfer full): what the import did, or %NULL on error
 */
WmImportReport *
wm_import_file (WmStore        *store,
                const char     *path,
                GCancellable   *cancellable,
                WmProgressFunc  progress,
                gpointer        progress_data,
                GError        **error)
{
  return wm_import_file_with_options (store, path, NULL, cancellable,
                                      progress, progress_data, error);
}

/**
 * wm_import_file_with_options:
 * @store: the store to import into; not in a transaction
 * @path: a Common Transfer File or a CSV file
 * @options: (nullable): choices about the file, or %NULL for the defaults
 * @cancellable: (nullable): checked before each pupil
 * @progress: (nullable): called with the share of the work done, at most
 *   about 100 times, in the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Reads and checks the whole file, then writes it to the store in one
 * transaction. The kind of file comes from its content, never its name.
 * A file whose first character after a byte order mark and white space
 * is `<` is a Common Transfer File, and other text is CSV. The pupils
 * and marks files that the CSV import accepts are described in
 * wm-csv-import.c.
 *
 * For a Common Transfer File, the transaction records the import with
 * the file's base name and SHA-256, and the source school. It adds or
 * updates each pupil, matched by UPN, and replaces the pupil's contacts
 * when the file has a `Contacts` element. The source school's marks are
 * merged into the register, other schools' years are kept as attendance
 * history, and the school's calendar is rebuilt from the marks. A stored
 * pupil whose surname or forename differs from the file's is updated,
 * and the report warns with both names.
 *
 * On any error, and on cancellation (%G_IO_ERROR_CANCELLED), nothing is
 * written. The reader's errors are described at wm_ctf_read_stream() and
 * wm_csv_decode(); a CSV file whose encoding cannot be decided, or with a
 * row that is probably a stored pupil without its UPN, gives
 * %WM_ERROR_AMBIGUOUS.
 *
 * Returns: (transfer full): what the import did, or %NULL on error
 */
WmImportReport *
wm_import_file_with_options (WmStore                *store,
                             const char             *path,
                             const WmImportOptions  *options,
                             GCancellable           *cancellable,
                             WmProgressFunc          progress,
                             gpointer                progress_data,
                             GError                **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sniff_file (path, cancellable) == FILE_KIND_CSV)
    return _wm_csv_import_file (store, path, options, cancellable, progress,
                                progress_data, error);

  return import_ctf (store, path, cancellable, progress, progress_data, error);
}
