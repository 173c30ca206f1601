/* wm-cli-privacy.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-cli-private.h"

#include <stdio.h>

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
    return print_error ("--export-case needs --output=FILE.json, the file "
                        "to write");

  if (options->withhold != NULL
      && !wm_withhold_parse (options->withhold, &withhold, &error))
    return print_error (error->message);

  pupil_id = wm_store_find_pupil_by_upn (store, options->export_case);
  if (pupil_id <= 0)
    {
      g_autofree char *message =
        g_strdup_printf ("--export-case=%s: no pupil has this UPN in the "
                         "database; check the UPN", options->export_case);
      return print_error (message);
    }

  if (!wm_subject_access_export (store, pupil_id, withhold, options->output,
                                 &error))
    return print_error (error->message);

  withheld = wm_withhold_to_string (withhold);
  printf ("Wrote everything held about %s to %s%s%s\n", options->export_case,
          options->output, *withheld != '\0' ? ", withholding " : "",
          withheld);
  printf ("Review the health and safeguarding records in it before it is "
          "disclosed\n");
  return 0;
}

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
  guint years = 0;

  wm_retention_get_period (store, klass, &years, NULL);
  printf ("# %s: kept %u years; %u item%s past the period\n",
          wm_retention_class_to_string (klass), years, n_items,
          n_items == 1 ? "" : "s");
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
  char iso[11];

  items = wm_retention_review (store, as_of, &error);
  if (items == NULL)
    return print_error (error->message);

  wm_day_to_iso_buf (as_of, iso);
  printf ("# Retention review as of %s; nothing has been deleted\n", iso);
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
