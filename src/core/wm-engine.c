/* wm-engine.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-engine.h"

#include "wm-error.h"
#include "wm-letter-figures-private.h"
#include "wm-letters-private.h"
#include "wm-response-private.h"
#include "wm-store-response-rules.h"

typedef struct
{
  WmCalendar      *calendar;
  WmRules          rules;
  WmResponseRules  response_rules;

  /* the calendar with the entered terms, or generated school weeks where
   * none are entered, after it, made on first use by
   * wm_engine_respond_pupil(); @assumed lists the generated stretches
   * (WmDayRange) */
  WmCalendar *future_calendar;
  GArray     *assumed;

  /* the school's two newest roll exports and who the newer one leaves
   * out, read on first use by wm_engine_respond_pupil() */
  WmRollChange roll_change;
  gboolean     roll_loaded;
} SchoolData;

struct _WmEngine
{
  WmStore    *store;
  WmDay       as_of;

  /* school id -> SchoolData, filled on first use */
  GHashTable *schools;

  /* England's bank holidays, for the day a posted notice is received */
  WmHolidays *holidays;
};

static void
school_data_free (gpointer data)
{
  SchoolData *school = data;

  g_clear_pointer (&school->calendar, wm_calendar_unref);
  g_clear_pointer (&school->future_calendar, wm_calendar_unref);
  g_clear_pointer (&school->assumed, g_array_unref);
  wm_roll_change_clear (&school->roll_change);
  g_free (school);
}

/**
 * wm_engine_new:
 * @store: the store to read pupils from and write evaluations to
 * @as_of: the evaluation date
 *
 * Returns: (transfer full): a new engine
 */
WmEngine *
wm_engine_new (WmStore *store,
               WmDay    as_of)
{
  WmEngine *engine;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (as_of != WM_DAY_NONE, NULL);

  engine = g_new0 (WmEngine, 1);
  engine->store = g_object_ref (store);
  engine->as_of = as_of;
  engine->schools = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                           g_free, school_data_free);
  return engine;
}

void
wm_engine_free (WmEngine *engine)
{
  if (engine == NULL)
    return;

  g_clear_pointer (&engine->schools, g_hash_table_unref);
  g_clear_pointer (&engine->holidays, wm_holidays_unref);
  g_clear_object (&engine->store);
  g_free (engine);
}

WmDay
wm_engine_get_as_of (WmEngine *engine)
{
  return engine->as_of;
}

/**
 * wm_engine_forget_school:
 *
 * Drops the cached calendar, rule values and roll exports of a school, so
 * that the next evaluation reads them again. Call it after an import or a
 * rule change. A @school_id of 0 forgets every school.
 */
void
wm_engine_forget_school (WmEngine *engine,
                         gint64    school_id)
{
  if (school_id == 0)
    g_hash_table_remove_all (engine->schools);
  else
    g_hash_table_remove (engine->schools, &school_id);
}

static SchoolData *
wm_engine_get_school (WmEngine  *engine,
                      gint64     school_id,
                      GError   **error)
{
  g_autofree SchoolData *school = NULL;
  SchoolData *cached;

  cached = g_hash_table_lookup (engine->schools, &school_id);
  if (cached != NULL)
    return cached;

  school = g_new0 (SchoolData, 1);
  wm_roll_change_clear (&school->roll_change);
  if (!wm_store_load_rules (engine->store, school_id, &school->rules, error)
      || !wm_store_load_response_rules (engine->store, school_id,
                                        &school->response_rules, error))
    return NULL;

  school->calendar = wm_store_load_calendar (engine->store, school_id, error);
  if (school->calendar == NULL)
    return NULL;

  cached = g_steal_pointer (&school);
  g_hash_table_insert (engine->schools, g_memdup2 (&school_id, sizeof school_id),
                       cached);
  return cached;
}

/**
 * wm_engine_evaluate_pupil:
 * @engine: an engine
 * @pupil_id: the pupil
 * @out: (out caller-allocates): the evaluation
 * @error: return location for an error
 *
 * Evaluates one pupil at the pupil's current school. A pupil with no
 * register there (a pupils-only import) is evaluated over an empty
 * register, which leaves the level null. Nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_engine_evaluate_pupil (WmEngine      *engine,
                          gint64         pupil_id,
                          WmEvaluation  *out,
                          GError       **error)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 school_id = 0;
  SchoolData *school;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!wm_store_get_pupil (engine->store, pupil_id, &record, &school_id, error))
    return FALSE;

  school = wm_engine_get_school (engine, school_id, error);
  if (school == NULL)
    return FALSE;

  reg = wm_store_load_register (engine->store, pupil_id, school_id,
                                &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  wm_evaluate (reg, school->calendar, engine->as_of, &school->rules, out);
  return TRUE;
}

/* Everything the response reads besides the register and the calendar:
 * the case records, the contacts and the level before the current one. */
static gboolean
load_case (WmEngine         *engine,
           gint64            pupil_id,
           WmResponseInput  *input,
           GError          **error)
{
  input->records = _wm_response_load_records (engine->store, pupil_id, error);
  if (input->records == NULL)
    return FALSE;

  input->contacts = wm_store_list_contact_details (engine->store, pupil_id,
                                                   error);
  if (input->contacts == NULL)
    return FALSE;

  input->previous_level =
    _wm_response_load_previous_level (engine->store, pupil_id, engine->as_of,
                                      input->evaluation->level_high);
  return TRUE;
}

/* What the response reads once per school and keeps: the calendar with
 * the weeks after it, and the roll change between the two newest
 * exports. */
static gboolean
load_school_response (WmEngine    *engine,
                      gint64       school_id,
                      SchoolData  *school,
                      GError     **error)
{
  if (school->future_calendar == NULL)
    {
      g_autoptr(GArray) assumed = g_array_new (FALSE, FALSE,
                                               sizeof (WmDayRange));

      school->future_calendar =
        _wm_response_load_future_calendar (engine->store, school_id,
                                           school->calendar, engine->as_of,
                                           engine->holidays, assumed, error);
      if (school->future_calendar == NULL)
        return FALSE;
      school->assumed = g_steal_pointer (&assumed);
    }

  if (!school->roll_loaded)
    {
      if (!wm_store_load_roll_change (engine->store, school_id,
                                      engine->as_of, &school->roll_change,
                                      error))
        return FALSE;
      school->roll_loaded = TRUE;
    }

  return TRUE;
}

/**
 * wm_engine_respond_pupil:
 * @engine: an engine
 * @pupil_id: the pupil
 * @error: return location for an error
 *
 * Computes the full graduated response of one pupil at the pupil's
 * current school: the evaluation, routes, patterns, checklist, readiness
 * of the legal steps and deadlines (see wm_response_compute()). Periods
 * that end after the latest import are counted over the school's calendar
 * extended with its entered terms and closures. Where none are entered, a
 * generated term pattern fills in, and the deadline and the response's
 * notes state it. The legal-step rule values are those stored for the
 * school (see wm_store_load_response_rules()). The school's two newest
 * roll exports are read once per school (see
 * wm_store_load_roll_change()). Nothing is written.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
WmResponse *
wm_engine_respond_pupil (WmEngine  *engine,
                         gint64     pupil_id,
                         GError   **error)
{
  g_auto(WmPupilRecord) record = { 0 };
  g_autoptr(WmRegister) reg = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) local_error = NULL;
  WmResponseInput input = { 0 };
  WmEvaluation evaluation;
  gint64 school_id = 0;
  SchoolData *school;

  if (!wm_store_get_pupil (engine->store, pupil_id, &record, &school_id, error))
    return NULL;

  school = wm_engine_get_school (engine, school_id, error);
  if (school == NULL)
    return NULL;

  reg = wm_store_load_register (engine->store, pupil_id, school_id,
                                &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  wm_evaluate (reg, school->calendar, engine->as_of, &school->rules,
               &evaluation);

  if (engine->holidays == NULL)
    engine->holidays = wm_holidays_new_england ();
  if (!load_school_response (engine, school_id, school, error))
    return NULL;

  input = (WmResponseInput) {
    .as_of = engine->as_of, .reg = reg, .calendar = school->calendar,
    .future_calendar = school->future_calendar,
    .future_generated = school->assumed->len > 0,
    .assumed_days = (const WmDayRange *) school->assumed->data,
    .n_assumed_days = school->assumed->len,
    .rules = &school->rules, .response_rules = &school->response_rules,
    .holidays = engine->holidays, .evaluation = &evaluation,
    .pupil_id = pupil_id, .leaving_date = record.leaving_date,
    .roll_change = &school->roll_change,
  };
  if (!load_case (engine, pupil_id, &input, error))
    {
      g_clear_pointer (&input.records, g_ptr_array_unref);
      return NULL;
    }
  records = input.records;
  contacts = input.contacts;

  /* Letters whose figures a later import changed, from the register and
   * calendar already loaded. */
  stale = _wm_letters_find_stale (engine->store, pupil_id, reg,
                                  school->calendar, &school->rules, error);
  if (stale == NULL)
    return NULL;
  input.stale_letters = stale;

  /* The letters made count as sent in the readiness of the legal steps. */
  letters = _wm_store_list_pupil_letters (engine->store, pupil_id, error);
  if (letters == NULL)
    return NULL;
  input.letters = letters;

  return wm_response_compute (&input);
}

/**
 * wm_engine_evaluate_and_save:
 * @engine: an engine
 * @pupil_ids: (element-type gint64): the pupils to evaluate
 * @cancellable: (nullable): a cancellable, checked between batches
 * @func: (nullable) (scope call): called for each pupil after its
 *   evaluation is saved
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Evaluates the pupils and saves each evaluation, writing a level-history
 * row where the level changed. Saves go in batches of a few hundred pupils
 * per transaction, so that a large evaluation neither holds the write lock
 * for long nor pays for one transaction per pupil.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_engine_evaluate_and_save (WmEngine      *engine,
                             GArray        *pupil_ids,
                             GCancellable  *cancellable,
                             WmEngineFunc   func,
                             gpointer       user_data,
                             GError       **error)
{
  const guint batch_size = 500;

  for (guint start = 0; start < pupil_ids->len; start += batch_size)
    {
      guint end = MIN (start + batch_size, pupil_ids->len);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!wm_store_begin (engine->store, error))
        return FALSE;

      for (guint i = start; i < end; i++)
        {
          gint64 pupil_id = g_array_index (pupil_ids, gint64, i);
          WmEvaluation evaluation;

          if (!wm_engine_evaluate_pupil (engine, pupil_id, &evaluation, error)
              || !wm_store_save_evaluation (engine->store, pupil_id,
                                            &evaluation, NULL, error))
            {
              wm_store_rollback (engine->store);
              return FALSE;
            }

          if (func != NULL)
            func (pupil_id, &evaluation, user_data);
        }

      if (!wm_store_commit (engine->store, error))
        return FALSE;
    }

  return TRUE;
}
