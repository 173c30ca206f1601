/* wm-bundle-audit.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-bundle-audit.h"
#include "wm-bundle-private.h"

#include "wm-case.h"
#include "wm-error.h"

/*
 * A printed bundle is a disclosure just as an exported one is, so it is
 * audited in the same words as wm_bundle_export() uses, with the number
 * of pages printed. The case and the period are chosen here the way
 * wm_bundle_build() chooses them, so the entry names what was printed.
 */

static const struct
{
  const char         *name;
  WmBundleRedactions  flag;
} redaction_names[] = {
  { "siblings", WM_BUNDLE_REDACT_SIBLINGS },
  { "addresses", WM_BUNDLE_REDACT_ADDRESSES },
  { "health", WM_BUNDLE_REDACT_HEALTH },
};

/* Helpers */

/* Ids, dates and section names only, because an audit line must never
 * contain a name, an address or note text. */
static char *
describe_options (gint64                 case_id,
                  const WmBundleOptions *options,
                  WmDay                  from,
                  WmDay                  to)
{
  g_autofree char *sections = wm_bundle_sections_to_string (options->sections);
  g_autoptr(GString) detail = g_string_new (NULL);
  char from_iso[11], to_iso[11], as_of_iso[11];

  wm_day_to_iso_buf (from, from_iso);
  wm_day_to_iso_buf (to, to_iso);
  wm_day_to_iso_buf (options->as_of, as_of_iso);

  g_string_append_printf (detail, "case %" G_GINT64_FORMAT "; sections %s; "
                          "period %s to %s; as of %s",
                          case_id, sections, from_iso, to_iso, as_of_iso);
  for (guint i = 0; i < G_N_ELEMENTS (redaction_names); i++)
    if (options->redactions & redaction_names[i].flag)
      g_string_append_printf (detail, "; redacted %s", redaction_names[i].name);

  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/* Public API */

/**
 * wm_bundle_find_case:
 * @store: a store
 * @pupil_id: the pupil
 * @error: return location for a #GError
 *
 * Finds the case a bundle of the pupil is about: the open case or, when
 * none is open, the most recently opened one, so that a closed case can
 * still go to court.
 *
 * Returns: the case's id; 0 with @error set to %WM_ERROR_NOT_FOUND when
 *   the pupil has no case, or to the store's error
 */
gint64
wm_bundle_find_case (WmStore  *store,
                     gint64    pupil_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 case_id;

  g_return_val_if_fail (WM_IS_STORE (store), 0);

  case_id = wm_case_find_open (store, pupil_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (case_id != 0)
    return case_id;

  cases = wm_case_list_for_pupil (store, pupil_id, error);
  if (cases == NULL)
    return 0;
  if (cases->len == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   "Pupil %" G_GINT64_FORMAT " has no case; open a case "
                   "before preparing an evidence bundle", pupil_id);
      return 0;
    }

  return ((WmCase *) g_ptr_array_index (cases, 0))->id;
}

/**
 * wm_bundle_default_period:
 * @store: a store
 * @pupil_id: the pupil
 * @to: the last day of the period
 * @out_from: (out): the first day of the period
 * @error: return location for a #GError
 *
 * Finds the first day of the certificate's period when none is given.
 * It is the Monday of the earliest of the school's last threshold-window
 * school weeks (10 by default) up to @to, because the national penalty
 * threshold counts unauthorised absence over those weeks. When the
 * calendar has no school week up to @to, it is the Monday of @to's week.
 * When the bundle cites an earlier day, the period starts on the Monday
 * of that day's week, but not before the register's first day, because
 * the certified register extract must support every date the bundle
 * gives. The days cited are the days behind the patterns found this
 * school year and the threshold period behind the day the threshold was
 * first met.
 * wm_bundle_build() uses the same day for %WM_DAY_NONE.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the pupil is
 *   missing or the store fails
 */
gboolean
wm_bundle_default_period (WmStore  *store,
                          gint64    pupil_id,
                          WmDay     to,
                          WmDay    *out_from,
                          GError  **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  g_autoptr(WmCalendar) calendar = NULL;
  g_autoptr(WmRegister) reg = NULL;
  g_autofree WmDay *mondays = NULL;
  gint64 school_id = 0;
  WmRules rules;
  guint found;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (to != WM_DAY_NONE, FALSE);
  g_return_val_if_fail (out_from != NULL, FALSE);

  if (!wm_store_get_pupil (store, pupil_id, &pupil, &school_id, error)
      || !wm_store_load_rules (store, school_id, &rules, error))
    return FALSE;

  calendar = wm_store_load_calendar (store, school_id, error);
  if (calendar == NULL)
    return FALSE;

  reg = wm_store_load_register (store, pupil_id, school_id, error);
  if (reg == NULL)
    return FALSE;

  mondays = g_new0 (WmDay, MAX (rules.threshold_window_weeks, 1));
  found = wm_calendar_school_weeks (calendar, to, rules.threshold_window_weeks,
                                    mondays);
  *out_from = found > 0 ? mondays[found - 1] : wm_day_monday (to);
  *out_from = _wm_bundle_cited_from (reg, calendar, &rules, *out_from, to);
  return TRUE;
}

/**
 * wm_bundle_audit_print:
 * @store: a store
 * @pupil_id: the pupil whose bundle was printed
 * @options: the options the printed bundle was built with
 * @n_pages: the number of pages of the printed bundle
 * @error: return location for a #GError
 *
 * Records in the audit log that the pupil's bundle was printed, as
 * "print-bundle" on the pupil. The detail names the case, the sections,
 * the period, the as-of date and what was withheld in the words of
 * wm_bundle_export()'s entry, followed by "; pages N". It never contains
 * a name. Call it once the print has been handed to the printing system,
 * not for a preview.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the pupil has
 *   no case or the store fails, and then nothing is written
 */
gboolean
wm_bundle_audit_print (WmStore                *store,
                       gint64                  pupil_id,
                       const WmBundleOptions  *options,
                       guint                   n_pages,
                       GError                **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *printed = NULL;
  WmDay to, from;
  gint64 case_id;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->as_of != WM_DAY_NONE, FALSE);

  case_id = wm_bundle_find_case (store, pupil_id, error);
  if (case_id == 0)
    return FALSE;

  to = options->to != WM_DAY_NONE ? options->to : options->as_of;
  from = options->from;
  if (from == WM_DAY_NONE
      && !wm_bundle_default_period (store, pupil_id, to, &from, error))
    return FALSE;

  detail = describe_options (case_id, options, from, to);
  printed = g_strdup_printf ("%s; pages %u", detail, n_pages);
  return wm_store_audit (store, "print-bundle", "pupil", pupil_id, printed,
                         error);
}
