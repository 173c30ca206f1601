/* test-engine.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a generated school year and checks the engine's figures for every
 * pupil against a separate, deliberately plain reading of the same file.
 * That reading uses libxml2's tree parser and hash tables instead of the
 * importer, the store and the dense register. The two share no code but the
 * date helpers, so a fault in either shows as a disagreement.
 */

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "wm-test-util.h"
#include "wm-ctf.h"
#include "wm-engine.h"
#include "wm-import.h"
#include "wm-sample.h"
#include "wm-store.h"

/* One session of one pupil as the file gives it. */
typedef struct
{
  WmDay day;
  int   session;
  char  code;
} Slot;

typedef struct
{
  char   *upn;
  GArray *slots;   /* of Slot */
} OraclePupil;

static void
oracle_pupil_free (gpointer data)
{
  OraclePupil *pupil = data;

  g_free (pupil->upn);
  g_array_unref (pupil->slots);
  g_free (pupil);
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE
        && strcmp ((const char *) node->name, name) == 0)
      {
        xmlChar *content = xmlNodeGetContent (node);
        char *text = g_strdup ((const char *) content);

        xmlFree (content);
        return g_strstrip (text);
      }

  return NULL;
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE
        && strcmp ((const char *) node->name, name) == 0)
      return node;

  return NULL;
}

/* Reads a weekday-layout marks string: two characters a weekday from the
 * start date, weekends skipped. */
static void
oracle_read_marks (OraclePupil *pupil,
                   const char  *start,
                   const char  *marks,
                   WmDay        entry,
                   WmDay        leaving)
{
  WmDay day = wm_day_from_iso (start);
  gsize n = strlen (marks);

  g_assert_cmpuint (day, !=, WM_DAY_NONE);

  for (gsize i = 0; i < n; i += 2)
    {
      while (wm_day_is_weekend (day))
        day++;

      for (int session = 0; session < 2 && i + session < n; session++)
        {
          Slot slot = { day, session, marks[i + session] };

          if ((entry == WM_DAY_NONE || day >= entry)
              && (leaving == WM_DAY_NONE || day <= leaving))
            g_array_append_val (pupil->slots, slot);
        }
      day++;
    }
}

static GPtrArray *
oracle_read_file (const char *path)
{
  g_autoptr(GPtrArray) pupils = g_ptr_array_new_with_free_func (oracle_pupil_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  xmlDoc *doc;
  xmlNode *data;

  /* Read from memory: the importer's entity loader, installed for the
   * whole process, rejects every file libxml2 would open itself. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  doc = xmlReadMemory (contents, (int) length, "sample.xml", NULL,
                       XML_PARSE_NONET);
  g_assert_nonnull (doc);
  data = child (xmlDocGetRootElement (doc), "CTFpupilData");
  g_assert_nonnull (data);

  for (xmlNode *node = data->children; node != NULL; node = node->next)
    {
      OraclePupil *pupil;
      xmlNode *basic, *attendance;
      g_autofree char *entry = NULL;
      g_autofree char *leaving = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      pupil = g_new0 (OraclePupil, 1);
      pupil->upn = child_text (node, "UPN");
      pupil->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
      g_ptr_array_add (pupils, pupil);

      basic = child (node, "BasicDetails");
      if (basic != NULL)
        {
          entry = child_text (basic, "EntryDate");
          leaving = child_text (basic, "LeavingDate");
        }

      attendance = child (node, "Attendance");
      if (attendance == NULL)
        continue;

      for (xmlNode *year = attendance->children; year != NULL; year = year->next)
        {
          xmlNode *sessions;
          g_autofree char *start = NULL;
          g_autofree char *marks = NULL;

          if (year->type != XML_ELEMENT_NODE)
            continue;

          sessions = child (year, "AttendSessions");
          start = child_text (sessions, "AttendanceStartDate");
          marks = child_text (sessions, "AttendanceMarks");
          oracle_read_marks (pupil, start, marks,
                             entry ? wm_day_from_iso (entry) : WM_DAY_NONE,
                             leaving ? wm_day_from_iso (leaving) : WM_DAY_NONE);
        }
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&pupils);
}

static gpointer
session_key (WmDay day,
             int   session)
{
  return GUINT_TO_POINTER (day * 2 + session + 1);
}

/* A session was held when any pupil has a code other than `#` for it. */
static GHashTable *
oracle_held_sessions (GPtrArray *pupils)
{
  GHashTable *held = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < pupils->len; i++)
    {
      OraclePupil *pupil = g_ptr_array_index (pupils, i);

      for (guint j = 0; j < pupil->slots->len; j++)
        {
          Slot *slot = &g_array_index (pupil->slots, Slot, j);

          if (strchr ("#- ", slot->code) == NULL)
            g_hash_table_add (held, session_key (slot->day, slot->session));
        }
    }

  return held;
}

/* The Monday that starts the earliest of the last n school weeks on or
 * before as_of, found by walking back one calendar week at a time. */
static WmDay
oracle_window_start (GHashTable *held,
                     WmDay       as_of,
                     guint       n_weeks)
{
  WmDay monday = wm_day_monday (as_of);
  WmDay start = WM_DAY_NONE;
  guint found = 0;

  for (guint guard = 0; found < n_weeks && guard < 200; guard++, monday -= 7)
    {
      gboolean school_week = FALSE;

      for (WmDay day = monday; day < monday + 7 && day <= as_of; day++)
        for (int session = 0; session < 2; session++)
          if (g_hash_table_contains (held, session_key (day, session)))
            school_week = TRUE;

      if (school_week)
        {
          start = monday;
          found++;
        }
    }

  return start;
}

typedef struct
{
  guint attended;
  guint possible;
  guint unmarked;
  guint unauthorised;
} OracleCounts;

static OracleCounts
oracle_count (OraclePupil *pupil,
              GHashTable  *held,
              WmDay        from,
              WmDay        to)
{
  OracleCounts counts = { 0 };

  for (guint i = 0; i < pupil->slots->len; i++)
    {
      Slot *slot = &g_array_index (pupil->slots, Slot, i);
      char c = slot->code;

      if (slot->day < from || slot->day > to)
        continue;

      if (c == '-' || c == ' ')
        {
          if (g_hash_table_contains (held, session_key (slot->day, slot->session)))
            counts.unmarked++;
        }
      else if (strchr ("/\\LKVPWB", c) != NULL)
        {
          counts.attended++;
          counts.possible++;
        }
      else if (strchr ("CMSRTIEJHF", c) != NULL)
        {
          counts.possible++;
        }
      else if (strchr ("GNOU", c) != NULL)
        {
          counts.possible++;
          counts.unauthorised++;
        }
    }

  return counts;
}

/* The level band of a / p with the default floors of 90% and 80%. */
static gint
oracle_band (guint a,
             guint p)
{
  if (p == 0)
    return -1;
  if (a == p)
    return 0;
  if (a * 10 >= p * 9)
    return 1;
  if (a * 10 >= p * 8)
    return 2;
  return 3;
}

static void
check_every_pupil (const char *ctf_path,
                   WmStore    *store,
                   WmDay       as_of)
{
  g_autoptr(GPtrArray) expected = oracle_read_file (ctf_path);
  g_autoptr(GHashTable) held = oracle_held_sessions (expected);
  g_autoptr(WmEngine) engine = wm_engine_new (store, as_of);
  WmDay window_start = oracle_window_start (held, as_of, 4);
  WmDay threshold_start = oracle_window_start (held, as_of, 10);
  WmDay year_start = wm_day_academic_year_start (as_of);
  guint n_placed = 0;

  for (guint i = 0; i < expected->len; i++)
    {
      OraclePupil *pupil = g_ptr_array_index (expected, i);
      OracleCounts window = oracle_count (pupil, held, window_start, as_of);
      OracleCounts threshold = oracle_count (pupil, held, threshold_start, as_of);
      OracleCounts ytd = oracle_count (pupil, held, year_start, as_of);
      guint total = window.possible + window.unmarked;
      gint64 pupil_id = wm_store_find_pupil_by_upn (store, pupil->upn);
      g_autoptr(GError) error = NULL;
      WmEvaluation e;

      g_assert_cmpint (pupil_id, >, 0);
      wm_engine_evaluate_pupil (engine, pupil_id, &e, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (e.window_start, ==, window_start);
      g_assert_cmpuint (e.attended, ==, window.attended);
      g_assert_cmpuint (e.possible, ==, window.possible);
      g_assert_cmpuint (e.unmarked, ==, window.unmarked);
      g_assert_cmpint (e.level, ==,
                       oracle_band (window.attended + window.unmarked, total));
      g_assert_cmpint (e.level_high, ==, oracle_band (window.attended, total));
      g_assert_cmpuint (e.unauthorised_threshold_weeks, ==,
                        threshold.unauthorised);
      g_assert_cmpuint (e.ytd_attended, ==, ytd.attended);
      g_assert_cmpuint (e.ytd_possible, ==, ytd.possible);
      g_assert_cmpint (e.persistent_absence, ==,
                       ytd.possible > 0
                       && (ytd.possible - ytd.attended) * 10 >= ytd.possible);

      if (e.level != WM_LEVEL_NULL)
        n_placed++;
    }

  /* The comparison means little if no pupil was placed. */
  g_assert_cmpuint (n_placed, >, expected->len / 2);
}

static WmStore *
import_sample (const char *ctf_path,
               guint       n_pupils,
               guint64     seed)
{
  g_autofree char *db_path = wm_test_file_path ("engine.db");
  g_autoptr(WmImportReport) report = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.seed = seed;
  options.n_pupils = n_pupils;
  wm_sample_write_ctf_file (&options, ctf_path, &error);
  g_assert_no_error (error);

  store = wm_store_open (db_path, &error);
  g_assert_no_error (error);

  report = wm_import_file (store, ctf_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_pupils, ==, n_pupils);

  return g_steal_pointer (&store);
}

static void
test_generated_year_matches_oracle (void)
{
  g_autofree char *ctf_path = wm_test_file_path ("sample.xml");
  g_autoptr(WmStore) store = import_sample (ctf_path, 150, 7);
  const char * const as_of_dates[] = {
    "2025-09-12",   /* second week of the year */
    "2025-11-03",   /* Monday after the October half term */
    "2026-01-09",   /* the window crosses Christmas */
    "2026-03-13",
    "2026-06-05",   /* the Friday after the May half term */
    "2026-07-22",
  };

  for (guint i = 0; i < G_N_ELEMENTS (as_of_dates); i++)
    {
      g_test_message ("as of %s", as_of_dates[i]);
      check_every_pupil (ctf_path, store, wm_day_from_iso (as_of_dates[i]));
    }
}

static void
test_evaluate_and_save_writes_history (void)
{
  g_autofree char *ctf_path = wm_test_file_path ("sample.xml");
  g_autoptr(WmStore) store = import_sample (ctf_path, 40, 3);
  g_autoptr(WmEngine) engine = wm_engine_new (store,
                                              wm_day_from_iso ("2026-03-13"));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GError) error = NULL;
  guint n_evaluated = 0;

  ids = wm_store_list_pupil_ids (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 40);

  wm_engine_evaluate_and_save (engine, ids, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  pupils = wm_store_list_pupils (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pupils->len; i++)
    {
      WmPupilSummary *pupil = g_ptr_array_index (pupils, i);
      WmEvaluation direct;

      g_assert_true (pupil->evaluated);
      wm_engine_evaluate_pupil (engine, pupil->id, &direct, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pupil->evaluation.level, ==, direct.level);
      g_assert_cmpuint (pupil->evaluation.attended, ==, direct.attended);
      g_assert_cmpuint (pupil->evaluation.possible, ==, direct.possible);
      g_assert_cmpuint (pupil->evaluation.window_start, ==, direct.window_start);
      n_evaluated++;
    }

  g_assert_cmpuint (n_evaluated, ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wm_ctf_global_init ();

  g_test_add_func ("/engine/generated-year-matches-oracle",
                   test_generated_year_matches_oracle);
  g_test_add_func ("/engine/evaluate-and-save",
                   test_evaluate_and_save_writes_history);

  return g_test_run ();
}
