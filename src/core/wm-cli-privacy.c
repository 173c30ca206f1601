/* wm-cli-privacy.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-cli-private.h"

#include <stdio.h>

#include "wm-i18n-private.h"
#include "wm-retention.h"
#include "wm-subject-access.h"

/*
 * The data-protection actions of the command line:
 *
 *   --export-case=UPN --output=FILE.json [--withhold=health,safeguarding]
 *   --retention-review [--as-of=YYYY-MM-DD]
 *
 * The review prints what is past its period and deletes nothing, because
 * deleting is a separate decision, made item by item.
 *
 * The errors, the lines after an export and the review's "#" headings
 * are for the person who ran the command, so they follow the user's
 * language. The review's column names and rows are data for a
 * spreadsheet or a script and stay English whatever the locale, as do
 * the class names and the words --withhold accepts.
 */

/* The contract is one line on stderr, as for every other action. */
static int
print_error (const char *message)
{
  g_autofree char *one_line = g_strdup (message);

  g_strdelimit (one_line, "\r\n", ' ');
  fprintf (stderr, "waymark: %s\n", one_line);
  return 1;
}

/**
 * _wm_cli_export_case:
 * @store: the open database
 * @options: the parsed options, with @export_case set
 *
 * Writes the subject access export of the pupil with the UPN
 * @options->export_case to @options->output and prints where it went.
 *
 * Returns: the exit status, 0 on success
 */
int
_wm_cli_export_case (WmStore            *store,
                     const WmCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  WmWithhold withhold = WM_WITHHOLD_NONE;
  g_autofree char *withheld = NULL;
  gint64 pupil_id;

  if (options->output == NULL)
    return print_error (E_("--export-case needs --output=FILE.json, the file "
                           "to write"));

  if (options->withhold != NULL
      && !wm_withhold_parse (options->withhold, &withhold, &error))
    return print_error (error->message);

  pupil_id = wm_store_find_pupil_by_upn (store, options->export_case);
  if (pupil_id <= 0)
    {
      g_autofree char *message =
        /* Translators: %s is the UPN that was typed; keep --export-case as
         * it is. */
        g_strdup_printf (E_("--export-case=%s: no pupil has this UPN in the "
                            "database; check the UPN"), options->export_case);
      return print_error (message);
    }

  if (!wm_subject_access_export (store, pupil_id, withhold, options->output,
                                 &error))
    return print_error (error->message);

  /* Each case is a whole sentence, so a translation can order it. */
  withheld = wm_withhold_to_string (withhold);
  if (*withheld != '\0')
    /* Translators: the first %s is the pupil's UPN, the second the path
     * of the JSON file, the third what was left out, as typed to
     * --withhold: "health", "safeguarding" or both, in English. */
    printf (_("Wrote everything held about %s to %s, withholding %s\n"),
            options->export_case, options->output, withheld);
  else
    /* Translators: the first %s is the pupil's UPN, the second the path
     * of the JSON file. */
    printf (_("Wrote everything held about %s to %s\n"), options->export_case,
            options->output);
  printf ("%s\n", _("Review the health and safeguarding records in it before "
                    "it is disclosed"));
  return 0;
}

/* A row is data: its class, item, ISO dates and "yes" or "no" stay
 * English whatever the locale, so a script reads every review alike. */
static void
print_item (WmStore               *store,
            const WmRetentionItem *item)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_autofree char *item_text = NULL;
  char from[11], due[11];

  wm_store_get_pupil (store, item->pupil_id, &pupil, NULL, NULL);
  wm_day_to_iso_buf (item->counted_from, from);
  wm_day_to_iso_buf (item->due_on, due);
  if (item->year > 0)
    item_text = g_strdup_printf ("marks school=%" G_GINT64_FORMAT
                                 " year=%u-%u", item->school_id, item->year,
                                 item->year + 1);
  else
    item_text = g_strdup_printf ("%s %" G_GINT64_FORMAT, item->object_kind,
                                 item->object_id);

  printf ("%s\t%s\t%s\t%s\t%s\t%s\n",
          wm_retention_class_to_string (item->klass), item_text,
          pupil.upn != NULL ? pupil.upn : "", from, due,
          item->legal_hold ? "yes" : "no");
}

static void
print_class_heading (WmStore          *store,
                     WmRetentionClass  klass,
                     guint             n_items)
{
  g_autofree char *period = NULL;
  g_autofree char *past_count = NULL;
  g_autofree char *heading = NULL;
  guint years = 0;

  /* The heading is for the person reading, so it follows the language.
   * The "#" that marks it for a script stays, and so does the class's
   * name, which the rows repeat. */
  wm_retention_get_period (store, klass, &years, NULL);

  /* Translators: how long a class of records is kept, as in "kept 6
   * years"; %u is the number of years. */
  period = g_strdup_printf (wm_ngettext ("kept %u year", "kept %u years", years),
                            years);
  /* Translators: the number of items past their retention period. */
  past_count = g_strdup_printf (wm_ngettext ("%u item past the period",
                                             "%u items past the period", n_items),
                                n_items);
  /* Translators: a heading of the retention review, as in
   * "register-marks: kept 6 years; 1 item past the period"; the first %s
   * is the class's name, in English, then the two parts above. */
  heading = g_strdup_printf (_("%s: %s; %s"), wm_retention_class_to_string (klass),
                             period, past_count);
  printf ("# %s\n", heading);
}

/**
 * _wm_cli_retention_review:
 * @store: the open database
 * @as_of: the day of the review
 *
 * Prints every item past its retention period, class by class: a heading
 * line per class (starting with "#") and one tab-separated row per item:
 * class, item, UPN, counted from, past since, legal hold. Deletes
 * nothing.
 *
 * Returns: the exit status, 0 on success
 */
int
_wm_cli_retention_review (WmStore *store,
                          WmDay    as_of)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  char iso[11];

  items = wm_retention_review (store, as_of, &error);
  if (items == NULL)
    return print_error (error->message);

  wm_day_to_iso_buf (as_of, iso);
  /* Translators: the first line of the retention review; %s is the date
   * of the review as YYYY-MM-DD. */
  heading = g_strdup_printf (_("Retention review as of %s; nothing has been "
                               "deleted"), iso);
  printf ("# %s\n", heading);

  /* The column names stay English: they are the keys a script reads the
   * rows by. */
  printf ("class\titem\tupn\tcounted_from\tpast_since\tlegal_hold\n");
  for (guint k = 0; k < WM_RETENTION_N_CLASSES; k++)
    {
      guint n = 0;

      for (guint i = 0; i < items->len; i++)
        n += ((WmRetentionItem *) items->pdata[i])->klass == k;

      print_class_heading (store, k, n);
      for (guint i = 0; i < items->len; i++)
        if (((WmRetentionItem *) items->pdata[i])->klass == k)
          print_item (store, items->pdata[i]);
    }

  return 0;
}
