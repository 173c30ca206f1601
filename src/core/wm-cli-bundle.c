/* wm-cli-bundle.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-cli-private.h"

#include <stdio.h>

#include "wm-bundle.h"
#include "wm-i18n-private.h"

/*
 * `--export-bundle=UPN --output=FILE.pdf`: writes a pupil's evidence
 * bundle, with the period, sections, redactions and author the other
 * options give.
 *
 * The errors and the line that reports where the bundle went are for the
 * person who ran the command, so they follow the user's language. The
 * bundle itself is English (see wm-bundle.c).
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

static gboolean
parse_day_option (const char *name,
                  const char *text,
                  WmDay      *out_day)
{
  g_autofree char *message = NULL;

  if (text == NULL || wm_day_parse_iso (text, out_day))
    return TRUE;

  /* Translators: the first %s is the option's name, "from" or "to",
   * the second what was typed; keep "--" and YYYY-MM-DD as they are. */
  message = g_strdup_printf (E_("--%s=%s is not a valid date; give it as "
                                "YYYY-MM-DD, for example 2026-03-13"), name, text);
  print_error (message);
  return FALSE;
}

static gboolean
read_bundle_options (const WmCliOptions *options,
                     WmDay               as_of,
                     WmBundleOptions    *out)
{
  g_autoptr(GError) error = NULL;

  wm_bundle_options_init (out, as_of);
  out->prepared_by = options->prepared_by;

  if (!parse_day_option ("from", options->from, &out->from)
      || !parse_day_option ("to", options->to, &out->to))
    return FALSE;

  if (out->from != WM_DAY_NONE && out->to != WM_DAY_NONE && out->from > out->to)
    {
      print_error (E_("--from is after --to; give the period's first "
                      "day in --from and its last day in --to"));
      return FALSE;
    }

  if ((options->sections != NULL
       && !wm_bundle_parse_sections (options->sections, &out->sections,
                                     &error))
      || (options->redact != NULL
          && !wm_bundle_parse_redactions (options->redact, &out->redactions,
                                          &error)))
    {
      print_error (error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * _wm_cli_export_bundle:
 * @store: the open database
 * @options: the parsed options, with @export_bundle set
 * @as_of: the date the bundle is prepared on
 *
 * Writes the bundle of the pupil with the UPN @options->export_bundle to
 * @options->output and prints where it went.
 *
 * Returns: the exit status, 0 on success
 */
int
_wm_cli_export_bundle (WmStore            *store,
                       const WmCliOptions *options,
                       WmDay               as_of)
{
  g_autoptr(GError) error = NULL;
  WmBundleOptions bundle;
  gint64 pupil_id;

  if (options->output == NULL)
    return print_error (E_("--export-bundle needs --output=FILE.pdf, "
                           "the PDF file to write"));

  if (!read_bundle_options (options, as_of, &bundle))
    return 1;

  pupil_id = wm_store_find_pupil_by_upn (store, options->export_bundle);
  if (pupil_id <= 0)
    {
      g_autofree char *message =
        /* Translators: %s is the UPN that was typed. */
        g_strdup_printf (E_("--export-bundle=%s: no pupil has this UPN in the "
                            "database; check the UPN or import the pupil first"),
                         options->export_bundle);
      return print_error (message);
    }

  if (!wm_bundle_export (store, pupil_id, &bundle, options->output, NULL,
                         NULL, NULL, &error))
    return print_error (error->message);

  /* Translators: the first %s is the pupil's UPN, the second the path of
   * the PDF file. */
  printf (_("Wrote the evidence bundle of %s to %s\n"), options->export_bundle,
          options->output);
  return 0;
}
