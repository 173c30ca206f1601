/* wm-patterns-runs.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-patterns-private.h"

#include <string.h>

#include "wm-deadlines.h"
#include "wm-i18n-private.h"

/*
 * Runs of consecutive absent sessions, and runs of whole school days of
 * unauthorised absence, which make a child missing education. Both scan
 * the register from its first day, so that a run that began before the
 * period looked at is reported whole, with the last day the pupil attended
 * before it.
 */

/* Runs of fewer absent sessions are single absences, not runs. */
#define RUN_MIN_SESSIONS 2

/* How many runs a sentence lists before saying how many more there are. */
#define MAX_LISTED_RUNS 12

static void
run_extend (WmAbsenceRun *run,
            WmDay         day,
            WmSession     session,
            WmDay         last_attended)
{
  if (run->n_sessions == 0)
    {
      run->first_day = day;
      run->first_session = session;
      run->last_attended = last_attended;
      run->gap_days = last_attended != WM_DAY_NONE ? day - last_attended : 0;
    }

  if (run->n_days == 0 || run->last_day != day)
    run->n_days++;

  run->last_day = day;
  run->last_session = session;
  run->n_sessions++;
}

/* Appends "Monday 30 March 2026" or "Monday 2 March 2026 to Friday
 * 13 March 2026". */
static void
append_run_dates (GString            *text,
                  const WmAbsenceRun *run)
{
  g_autofree char *first = wm_day_format_weekday (run->first_day);
  g_autofree char *last = wm_day_format_weekday (run->last_day);

  if (run->first_day == run->last_day)
    g_string_append (text, first);
  else
    g_string_append_printf (text, _("%s to %s"), first, last);
}

static void
append_last_attended (GString            *text,
                      const WmAbsenceRun *run)
{
  g_autofree char *attended = NULL;

  if (run->last_attended == WM_DAY_NONE)
    {
      g_string_append (text, _(", with no attendance before it"));
      return;
    }

  attended = wm_day_format_weekday (run->last_attended);
  /* Translators: continues "(3 sessions"; the number of days since the
   * pupil last attended, and that day. */
  g_string_append_printf (text, wm_ngettext (", %u day after last attending on %s",
                                             ", %u days after last attending on %s",
                                             run->gap_days),
                          run->gap_days, attended);
}

static WmPattern *
runs_pattern_new (WmPatternKind  kind,
                  WmDay          first,
                  WmDay          as_of,
                  GArray        *runs)
{
  WmPattern *pattern = _wm_pattern_new (kind, first, as_of);

  pattern->count = runs->len;
  pattern->runs = g_array_ref (runs);
  for (guint i = 0; i < runs->len; i++)
    {
      const WmAbsenceRun *run = &g_array_index (runs, WmAbsenceRun, i);

      g_array_append_val (pattern->days, run->first_day);
    }

  return pattern;
}

/* Absence runs -------------------------------------------------------- */

typedef struct
{
  WmDay         first;
  GArray       *runs;
  WmAbsenceRun  current;
  WmDay         last_attended;
} RunScan;

/* Ends the current run, keeping it when it is long enough and ends inside
 * the period looked at. */
static void
run_scan_break (RunScan *scan)
{
  if (scan->current.n_sessions >= RUN_MIN_SESSIONS
      && scan->current.last_day >= scan->first)
    g_array_append_val (scan->runs, scan->current);

  memset (&scan->current, 0, sizeof scan->current);
}

/*
 * Takes one session of the register. A session the pupil has no mark for
 * counts only where the school held it, and then breaks the run, because
 * the pupil was not on roll or the mark is missing. A code that makes the
 * session not possible (dual registration, for example) neither extends
 * nor breaks a run.
 */
static void
run_scan_session (RunScan         *scan,
                  const WmSlotMap *map,
                  WmDay            day,
                  WmSession        session)
{
  WmSlot slot = _wm_slot_map_get (map, day, session);

  switch (slot)
    {
    case WM_SLOT_NONE:
      if (_wm_slot_map_is_held (map, day, session))
        run_scan_break (scan);
      break;
    case WM_SLOT_UNMARKED:
      run_scan_break (scan);
      break;
    case WM_SLOT_ATTENDED:
      run_scan_break (scan);
      scan->last_attended = day;
      break;
    case WM_SLOT_AUTHORISED:
    case WM_SLOT_UNAUTHORISED:
      run_extend (&scan->current, day, session, scan->last_attended);
      break;
    case WM_SLOT_NOT_POSSIBLE:
    default:
      break;
    }
}

/* Counts the authorised sessions of @run: a run is any unbroken absence,
 * so it can join illness to unauthorised absence. */
static guint
run_authorised (const WmSlotMap    *map,
                const WmAbsenceRun *run)
{
  guint n = 0;

  for (WmDay day = run->first_day; day <= run->last_day; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        if (day == run->first_day && session < run->first_session)
          continue;
        if (day == run->last_day && session > run->last_session)
          continue;
        if (_wm_slot_map_get (map, day, session) == WM_SLOT_AUTHORISED)
          n++;
      }

  return n;
}

/* Says how many sessions of a run were authorised, when any were, so that
 * a reader does not take a run that joins illness to unauthorised absence
 * for unauthorised absence alone. */
static void
append_authorised (GString            *text,
                   const WmSlotMap    *map,
                   const WmAbsenceRun *run)
{
  guint authorised = run_authorised (map, run);

  if (authorised > 0)
    /* Translators: continues "(7 sessions"; %u is how many of the run's
     * sessions were authorised absence, such as illness. */
    g_string_append_printf (text, _(", %u of them authorised"), authorised);
}

static void
append_runs_sentence (GString         *text,
                      const WmSlotMap *map,
                      const GArray    *runs)
{
  guint longest = 0;
  guint n = MIN (runs->len, MAX_LISTED_RUNS);

  for (guint i = 0; i < runs->len; i++)
    longest = MAX (longest, g_array_index (runs, WmAbsenceRun, i).n_sessions);

  /* Translators: the number of runs, the fewest sessions that make a
   * run, and the sessions of the longest run; the runs follow. */
  g_string_append_printf (text, wm_ngettext ("Runs of absence: %u run of %u or more "
                                             "consecutive sessions, the longest %u sessions: ",
                                             "Runs of absence: %u runs of %u or more "
                                             "consecutive sessions, the longest %u sessions: ",
                                             runs->len),
                          runs->len, RUN_MIN_SESSIONS, longest);
  for (guint i = 0; i < n; i++)
    {
      const WmAbsenceRun *run = &g_array_index (runs, WmAbsenceRun, i);

      if (i > 0)
        g_string_append (text, "; ");
      append_run_dates (text, run);
      /* Translators: the number of sessions of a run, of at least 3. */
      g_string_append_printf (text, wm_ngettext (" (%u session", " (%u sessions",
                                                 run->n_sessions),
                              run->n_sessions);
      append_authorised (text, map, run);
      append_last_attended (text, run);
      g_string_append (text, ")");
    }

  if (runs->len > n)
    g_string_append_printf (text, _("; and %u more"), runs->len - n);
}

void
_wm_patterns_find_runs (const WmRegister *reg,
                        const WmSlotMap  *map,
                        WmDay             first,
                        WmDay             as_of,
                        GPtrArray        *patterns)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (WmAbsenceRun));
  g_autoptr(GString) text = g_string_new (NULL);
  RunScan scan = { first, runs, { 0, }, WM_DAY_NONE };
  WmPattern *pattern;

  if (reg == NULL || reg->n_days == 0)
    return;

  for (WmDay day = reg->first_day; day <= as_of; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      run_scan_session (&scan, map, day, session);
  run_scan_break (&scan);

  if (runs->len == 0)
    return;

  pattern = runs_pattern_new (WM_PATTERN_ABSENCE_RUNS, first, as_of, runs);
  append_runs_sentence (text, map, runs);
  pattern->sentence = g_string_free (g_steal_pointer (&text), FALSE);
  g_ptr_array_add (patterns, pattern);
}

/* Children missing education ------------------------------------------ */

typedef enum
{
  DAY_NOT_SCHOOL,     /* the school held no session */
  DAY_UNAUTHORISED,   /* every session the school held was unauthorised */
  DAY_OTHER,
} SchoolDay;

static SchoolDay
classify_school_day (const WmSlotMap *map,
                     WmDay            day,
                     WmDay           *last_attended)
{
  SchoolDay result = DAY_NOT_SCHOOL;

  for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
       session++)
    {
      WmSlot slot;

      if (!_wm_slot_map_is_held (map, day, session))
        continue;

      slot = _wm_slot_map_get (map, day, session);
      if (slot == WM_SLOT_ATTENDED)
        *last_attended = day;
      if (slot != WM_SLOT_UNAUTHORISED)
        result = DAY_OTHER;
      else if (result == DAY_NOT_SCHOOL)
        result = DAY_UNAUTHORISED;
    }

  return result;
}

static void
append_missing_sentence (GString               *text,
                         const GArray          *runs,
                         const WmResponseRules *rules)
{
  /* Translators: %u is the number of school days set in the rules; the
   * runs follow. */
  g_string_append_printf (text, _("Child missing education: absent without "
                                  "permission on %u or more consecutive school days: "),
                          rules->missing_education_days);
  for (guint i = 0; i < MIN (runs->len, MAX_LISTED_RUNS); i++)
    {
      const WmAbsenceRun *run = &g_array_index (runs, WmAbsenceRun, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, wm_ngettext ("%u school day, ", "%u school days, ",
                                                 run->n_days),
                              run->n_days);
      append_run_dates (text, run);
    }
  g_string_append (text, _(". Notify the local authority"));
}

/*
 * Finds runs of school days on which the pupil was absent without
 * permission (G, N, O or U, an `N` being an absence not yet explained) at
 * every session the school held, lasting @rules->missing_education_days
 * school days or more. Days on which the school held no session neither
 * extend nor break a run; any other mark on a school day breaks it.
 */
void
_wm_patterns_find_missing_education (const WmRegister      *reg,
                                     const WmSlotMap       *map,
                                     WmDay                  first,
                                     WmDay                  as_of,
                                     const WmResponseRules *rules,
                                     GPtrArray             *patterns)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (WmAbsenceRun));
  g_autoptr(GString) text = g_string_new (NULL);
  WmAbsenceRun current = { 0, };
  WmDay last_attended = WM_DAY_NONE;
  WmPattern *pattern;

  if (reg == NULL || reg->n_days == 0)
    return;

  /* One day past as_of ends a run still going on as_of. */
  for (WmDay day = reg->first_day; day <= as_of + 1; day++)
    {
      SchoolDay kind = day <= as_of
                         ? classify_school_day (map, day, &last_attended)
                         : DAY_OTHER;

      if (kind == DAY_UNAUTHORISED)
        {
          for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
               session++)
            if (_wm_slot_map_is_held (map, day, session))
              run_extend (&current, day, session, last_attended);
          continue;
        }

      if (kind == DAY_NOT_SCHOOL)
        continue;

      if (current.n_days >= rules->missing_education_days
          && current.last_day >= first)
        g_array_append_val (runs, current);
      memset (&current, 0, sizeof current);
    }

  if (runs->len == 0)
    return;

  pattern = runs_pattern_new (WM_PATTERN_MISSING_EDUCATION, first, as_of,
                              runs);
  append_missing_sentence (text, runs, rules);
  pattern->sentence = g_string_free (g_steal_pointer (&text), FALSE);
  g_ptr_array_add (patterns, pattern);
}
