/* wm-response-load.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-private.h"

#include "wm-attendance.h"
#include "wm-case.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-sample-private.h"
#include "wm-store-private.h"
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
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;
  gint latest;

  /* The statement comes from the store's cache: the evaluator asks this
   * once for every pupil of a pass. */
  stmt = _wm_store_prepare (store,
                            "SELECT level_high, old_level_high "
                            "FROM level_history WHERE pupil_id = ?1 "
                            "AND as_of <= ?2 ORDER BY as_of DESC, id DESC "
                            "LIMIT 1", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      _wm_store_bind_text (stmt, 2, iso);
      _wm_store_step_row (store, stmt, &row, N_("reading the level history"),
                          &error);
    }

  if (error != NULL)
    {
      g_warning ("Cannot read the level history: %s", error->message);
      return WM_LEVEL_NULL;
    }

  if (!row)
    return WM_LEVEL_NULL;

  latest = sqlite3_column_int (stmt, 0);
  if (latest != level)
    return latest;
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    return sqlite3_column_int (stmt, 1);

  return WM_LEVEL_NULL;
}

/*
 * Two entered terms further apart than this are not one stretch of entered
 * dates: no English school holiday is longer (the summer holiday is about
 * six weeks), so a longer gap means the terms between were not entered.
 */
#define MAX_HOLIDAY_DAYS 63

/* Whether @day lies in any of the ranges in @ranges (WmDayRange). */
static gboolean
in_ranges (GArray *ranges,
           WmDay   day)
{
  return wm_day_range_contains ((const WmDayRange *) ranges->data,
                                ranges->len, day);
}

/*
 * Adds the school days of one academic year after @after and up to
 * @until, following the usual English pattern (the sample school's rule:
 * half terms, Christmas, Easter, bank holidays, training days), except
 * on days in @entered, the stretches the officer's term dates cover.
 */
static void
add_generated_year (WmCalendar *calendar,
                    guint       academic_year,
                    WmDay       after,
                    WmDay       until,
                    GArray     *entered)
{
  g_autoptr(WmSampleCalendar) year = _wm_sample_calendar_new (academic_year,
                                                              WM_DAY_NONE);

  for (guint i = 0; i < year->n_school_days; i++)
    {
      WmDay day = year->school_days[i];

      if (day <= after || day > until || in_ranges (entered, day))
        continue;

      wm_calendar_add_held (calendar, day, WM_SESSION_AM);
      wm_calendar_add_held (calendar, day, WM_SESSION_PM);
    }
}

static void
copy_imported (WmCalendar       *extended,
               const WmCalendar *calendar)
{
  WmDay first = wm_calendar_first_day (calendar);
  WmDay last = wm_calendar_last_day (calendar);

  for (WmDay day = first; first != WM_DAY_NONE && day <= last; day++)
    for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
      if (wm_calendar_is_held (calendar, day, s))
        wm_calendar_add_held (extended, day, s);
}

/*
 * The stretches of days the entered terms cover: each term, joined with
 * the next one when the holiday between them is no longer than a school
 * holiday can be. @terms is sorted by first day.
 */
static GArray *
entered_stretches (GPtrArray *terms)
{
  GArray *stretches = g_array_new (FALSE, FALSE, sizeof (WmDayRange));

  for (guint i = 0; terms != NULL && i < terms->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (terms, i);
      WmDayRange *last = stretches->len > 0
        ? &g_array_index (stretches, WmDayRange, stretches->len - 1) : NULL;

      if (term->kind != WM_TERM_KIND_TERM)
        continue;

      if (last != NULL && term->first_day <= last->last + MAX_HOLIDAY_DAYS + 1)
        last->last = MAX (last->last, term->last_day);
      else
        g_array_append_val (stretches, ((WmDayRange) { term->first_day,
                                                       term->last_day }));
    }

  return stretches;
}

static WmHolidays *
closure_days (GPtrArray *terms)
{
  WmHolidays *closed = wm_holidays_new ();

  for (guint i = 0; terms != NULL && i < terms->len; i++)
    {
      const WmSchoolTerm *entry = g_ptr_array_index (terms, i);

      for (WmDay day = entry->first_day;
           entry->kind == WM_TERM_KIND_CLOSURE && day <= entry->last_day; day++)
        wm_holidays_add (closed, day);
    }

  return closed;
}

/* Adds the entered terms' school days after @after: weekdays that are
 * neither a bank holiday nor in one of the school's closures. */
static void
add_entered_terms (WmCalendar       *calendar,
                   GPtrArray        *terms,
                   WmDay             after,
                   const WmHolidays *bank_holidays)
{
  g_autoptr(WmHolidays) closed = closure_days (terms);

  for (guint i = 0; terms != NULL && i < terms->len; i++)
    {
      const WmSchoolTerm *term = g_ptr_array_index (terms, i);
      WmDay first = after != WM_DAY_NONE ? MAX (term->first_day, after + 1)
                                         : term->first_day;

      if (term->kind != WM_TERM_KIND_TERM || first > term->last_day)
        continue;

      for (WmDay day = first; day <= term->last_day; day++)
        if (!wm_day_is_weekend (day) && !wm_holidays_contains (closed, day)
            && (bank_holidays == NULL
                || !wm_holidays_contains (bank_holidays, day)))
          {
            wm_calendar_add_held (calendar, day, WM_SESSION_AM);
            wm_calendar_add_held (calendar, day, WM_SESSION_PM);
          }
    }
}

/* Appends to @out the parts of @after + 1 .. @until outside @entered. */
static void
list_assumed (GArray *entered,
              WmDay   after,
              WmDay   until,
              GArray *out)
{
  WmDay from = after + 1;

  for (guint i = 0; i < entered->len && from <= until; i++)
    {
      const WmDayRange *stretch = &g_array_index (entered, WmDayRange, i);

      if (stretch->last < from)
        continue;
      if (stretch->first > from)
        g_array_append_val (out, ((WmDayRange) {
                                    from, MIN (stretch->first - 1, until) }));
      from = stretch->last + 1;
    }

  if (from <= until)
    g_array_append_val (out, ((WmDayRange) { from, until }));
}

/**
 * _wm_response_extend_calendar:
 * @calendar: the sessions the school held, from imported registers
 * @as_of: the evaluation date
 * @terms: (nullable) (element-type WmSchoolTerm): the school's entered
 *   terms and closures, sorted by first day (see wm_store_list_terms())
 * @bank_holidays: (nullable): England's bank holidays, on which a term
 *   has no session
 * @out_assumed: (nullable) (element-type WmDayRange): appended with the
 *   stretches of days filled from the generated pattern
 *
 * The stored calendar contains only the sessions held up to the latest
 * import, but a Notice to Improve period counted in school weeks can end
 * in the future. This copies @calendar and adds the school days after its
 * last day (every entered term day when nothing was imported): the
 * weekdays of the entered terms that are neither bank holidays nor in a
 * closure. Where no term is entered, up to a year after @as_of, the days
 * come from a generated English term pattern, and @out_assumed lists
 * those stretches so that a date computed over them can be marked as
 * assumed. A
 * holiday between two entered terms is a holiday, unless it is longer
 * than any school holiday, which means the terms between were not
 * entered.
 *
 * Returns: (transfer full): the extended calendar
 */
WmCalendar *
_wm_response_extend_calendar (const WmCalendar *calendar,
                              WmDay             as_of,
                              GPtrArray        *terms,
                              const WmHolidays *bank_holidays,
                              GArray           *out_assumed)
{
  g_autoptr(WmCalendar) extended = wm_calendar_new ();
  g_autoptr(GArray) entered = entered_stretches (terms);
  WmDay last = wm_calendar_last_day (calendar);
  WmDay until = as_of + 366;
  WmDay after = last != WM_DAY_NONE ? last : as_of;

  copy_imported (extended, calendar);
  add_entered_terms (extended, terms, last, bank_holidays);

  for (guint year = wm_day_academic_year (after);
       year <= wm_day_academic_year (until); year++)
    add_generated_year (extended, year, after, until, entered);

  if (out_assumed != NULL)
    list_assumed (entered, after, until, out_assumed);

  return g_steal_pointer (&extended);
}

/**
 * _wm_response_load_future_calendar:
 * @store: a store
 * @school_id: the school
 * @calendar: the school's calendar from imported registers
 * @as_of: the evaluation date
 * @bank_holidays: (nullable): England's bank holidays
 * @out_assumed: (nullable) (element-type WmDayRange): appended with the
 *   stretches filled from the generated pattern
 * @error: return location for a #GError
 *
 * Reads the school's entered terms and closures and extends @calendar
 * with them (see _wm_response_extend_calendar()).
 *
 * Returns: (transfer full): the extended calendar, or %NULL with @error
 *   set
 */
WmCalendar *
_wm_response_load_future_calendar (WmStore           *store,
                                   gint64             school_id,
                                   const WmCalendar  *calendar,
                                   WmDay              as_of,
                                   const WmHolidays  *bank_holidays,
                                   GArray            *out_assumed,
                                   GError           **error)
{
  g_autoptr(GPtrArray) terms = wm_store_list_terms (store, school_id, error);

  if (terms == NULL)
    return NULL;

  return _wm_response_extend_calendar (calendar, as_of, terms, bank_holidays,
                                       out_assumed);
}
