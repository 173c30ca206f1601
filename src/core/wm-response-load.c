/* wm-response-load.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-private.h"

#include "wm-attendance.h"
#include "wm-case.h"
#include "wm-error.h"
#include "wm-sample-private.h"
#include "wm-terms.h"

/**
 * _wm_response_load_records:
 *
 * Reads every finalised, undeleted record of every case of the pupil,
 * the restricted safeguarding ones included: a safeguarding concern must
 * reach the routes even when the Timeline hides it.
 *
 * Returns: (transfer container) (element-type WmRecord): the records, or
 *   %NULL with @error set
 */
GPtrArray *
_wm_response_load_records (WmStore  *store,
                           gint64    pupil_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) cases = wm_case_list_for_pupil (store, pupil_id, error);
  g_autoptr(GPtrArray) records = NULL;

  if (cases == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  for (guint i = 0; i < cases->len; i++)
    {
      const WmCase *c = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) some = NULL;

      some = wm_record_list_for_case (store, c->id,
                                      WM_RECORD_LIST_INCLUDE_RESTRICTED, error);
      if (some == NULL)
        return NULL;

      g_ptr_array_set_free_func (some, NULL);
      g_ptr_array_extend_and_steal (records, g_steal_pointer (&some));
    }

  return g_steal_pointer (&records);
}

/**
 * _wm_response_load_previous_level:
 *
 * Finds the level the pupil was at before @level from the store's level
 * history up to @as_of. When the latest change already placed the pupil
 * at @level, the level before that change is the previous one; otherwise
 * the latest stored level is.
 *
 * Returns: the previous level, or %WM_LEVEL_NULL when none is stored
 */
gint
_wm_response_load_previous_level (WmStore *store,
                                  gint64   pupil_id,
                                  WmDay    as_of,
                                  gint     level)
{
  g_autofree char *iso = wm_day_to_iso (as_of);
  sqlite3 *db = wm_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint previous = WM_LEVEL_NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT level_high, old_level_high "
                          "FROM level_history WHERE pupil_id = ?1 "
                          "AND as_of <= ?2 ORDER BY as_of DESC, id DESC "
                          "LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read the level history: %s", sqlite3_errmsg (db));
      return WM_LEVEL_NULL;
    }

  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint latest = sqlite3_column_int (stmt, 0);

      if (latest != level)
        previous = latest;
      else if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        previous = sqlite3_column_int (stmt, 1);
    }

  sqlite3_finalize (stmt);
  return previous;
}

/*
 * Adds the school days of one academic year after @after, following the
 * usual English pattern (the sample school's rule: half terms, Christmas,
 * Easter, bank holidays, training days).
 */
static void
add_generated_year (WmCalendar *calendar,
                    guint       academic_year,
                    WmDay       after)
{
  g_autoptr(WmSampleCalendar) year = _wm_sample_calendar_new (academic_year,
                                                              WM_DAY_NONE);

  for (guint i = 0; i < year->n_school_days; i++)
    if (year->school_days[i] > after)
      {
        wm_calendar_add_held (calendar, year->school_days[i], WM_SESSION_AM);
        wm_calendar_add_held (calendar, year->school_days[i], WM_SESSION_PM);
      }
}

/**
 * _wm_response_extend_calendar:
 * @calendar: the sessions the school held, from imported registers
 * @as_of: the evaluation date
 *
 * The stored calendar contains only the sessions held up to the latest
 * import, but a Notice to Improve period counted in school weeks can end
 * in the future. This copies @calendar and adds the school days after its
 * last day, up to a year after @as_of, from a generated term pattern.
 *
 * TODO: term dates entered by the officer should replace the generated
 * pattern once the store keeps them.
 *
 * Returns: (transfer full): the extended calendar
 */
WmCalendar *
_wm_response_extend_calendar (const WmCalendar *calendar,
                              WmDay             as_of)
{
  g_autoptr(WmCalendar) extended = wm_calendar_new ();
  WmDay first = wm_calendar_first_day (calendar);
  WmDay last = wm_calendar_last_day (calendar);
  WmDay until = as_of + 366;
  WmDay after;

  for (WmDay day = first; first != WM_DAY_NONE && day <= last; day++)
    for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
      if (wm_calendar_is_held (calendar, day, s))
        wm_calendar_add_held (extended, day, s);

  after = last != WM_DAY_NONE ? last : as_of;
  for (guint year = wm_day_academic_year (after);
       year <= wm_day_academic_year (until); year++)
    add_generated_year (extended, year, after);

  return g_steal_pointer (&extended);
}
