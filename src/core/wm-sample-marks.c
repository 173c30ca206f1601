/* wm-sample-marks.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-sample-private.h"

/*
 * One pupil's register for the sessions on roll. The share of sessions
 * missed is decided first, from the pupil's profile. Absences are then
 * placed in believable shapes until exactly that many sessions are missed:
 * illness in short runs, a week's holiday next to a half term, Friday
 * afternoons. Deciding the count first keeps the school's figures where a
 * real school's are whatever the shapes drawn: a regular pupil stays under
 * 10% missed, a persistent one at 10% or more, a severe one at 50% or more.
 *
 * Sessions are indexed 2 * school day + session (AM 0, PM 1). Only the
 * codes of one character that both register regimes define are written.
 */

#define MARK_PRESENT_AM '/'
#define MARK_PRESENT_PM '\\'

typedef struct
{
  char  *marks;
  guint  first;                 /* first session on roll */
  guint  end;                   /* one past the last session on roll */
  guint  budget;                /* absent sessions still to place */
} Span;

typedef enum
{
  EPISODE_ILLNESS,
  EPISODE_MEDICAL,
  EPISODE_UNAUTHORISED_DAY,
  EPISODE_LATE_AFTER_CLOSE,
  EPISODE_NOT_ESTABLISHED,
  EPISODE_EXCEPTIONAL,
  EPISODE_RELIGIOUS,
  EPISODE_SUSPENSION,
  EPISODE_LONG_ABSENCE,
  N_EPISODES,
} Episode;

/* How often each kind of absence is drawn, per profile (weights out of
 * 100). Severe absence is mostly long unexplained runs, and regular
 * absence mostly short illness. */
static const guint8 episode_weights[][N_EPISODES] = {
  [WM_SAMPLE_PROFILE_REGULAR] = { 55, 15, 6, 10, 5, 5, 4, 0, 0 },
  [WM_SAMPLE_PROFILE_PERSISTENT] = { 34, 6, 24, 12, 8, 3, 1, 4, 8 },
  [WM_SAMPLE_PROFILE_SEVERE] = { 20, 2, 15, 5, 10, 0, 0, 3, 45 },
};

static gboolean
is_present (char mark)
{
  return mark == MARK_PRESENT_AM || mark == MARK_PRESENT_PM;
}

/* Writes @code over the present sessions among @length sessions from
 * @start, while the span still has absences to place. */
static void
mark_run (Span  *span,
          guint  start,
          guint  length,
          char   code)
{
  for (guint s = MAX (start, span->first); s < span->end && length > 0; s++, length--)
    {
      if (span->budget == 0)
        return;
      if (!is_present (span->marks[s]))
        continue;

      span->marks[s] = code;
      span->budget--;
    }
}

/* The share of possible sessions the pupil misses, in tenths of a
 * percent. A regular pupil who takes a holiday misses at least 3%, so that
 * the week fits. A persistent pupil misses 10.5% to 35%, mostly near the
 * bottom of that range. */
static guint
target_per_mille (const WmSampleAttendance *attendance,
                  WmSampleRng              *rng)
{
  guint draw = _wm_sample_rng_below (rng, 100);
  guint per_mille;

  switch (attendance->profile)
    {
    case WM_SAMPLE_PROFILE_SEVERE:
      return _wm_sample_rng_range (rng, 520, 850);
    case WM_SAMPLE_PROFILE_PERSISTENT:
      draw = _wm_sample_rng_below (rng, 246);
      return 105 + draw * _wm_sample_rng_below (rng, 246) / 245;
    case WM_SAMPLE_PROFILE_REGULAR:
    default:
      break;
    }

  if (draw < 30)
    per_mille = _wm_sample_rng_range (rng, 0, 15);
  else if (draw < 75)
    per_mille = _wm_sample_rng_range (rng, 15, 45);
  else
    per_mille = _wm_sample_rng_range (rng, 45, 85);

  return attendance->holiday ? MAX (per_mille, 30) : per_mille;
}

/* Rounds a regular pupil's count down and the others' up, so that the
 * profile's side of the 10% and 50% lines holds for a short span too. */
static guint
absence_budget (const WmSampleAttendance *attendance,
                guint                     possible,
                guint                     per_mille)
{
  guint64 scaled = (guint64) possible * per_mille;

  if (attendance->profile == WM_SAMPLE_PROFILE_REGULAR)
    return (guint) (scaled / 1000);

  return (guint) MIN ((scaled + 999) / 1000, possible);
}

/* Returns how many sessions were left unmarked. */
static guint
place_unmarked (Span        *span,
                guint        n_unmarked,
                WmSampleRng *rng)
{
  guint n_sessions = span->end - span->first;
  guint placed = 0;

  for (guint tries = 0; placed < n_unmarked && tries < 4 * n_unmarked; tries++)
    {
      guint s = span->first + _wm_sample_rng_below (rng, n_sessions);

      if (!is_present (span->marks[s]))
        continue;

      span->marks[s] = '-';
      placed++;
    }

  return placed;
}

/* A week of holiday, coded G (not granted), in the five school days just
 * before or just after a half term or a holiday. */
static void
place_holiday (Span                   *span,
               const WmSampleCalendar *calendar,
               WmSampleRng            *rng)
{
  guint start = _wm_sample_rng_below (rng, calendar->n_breaks);
  gboolean before_break = _wm_sample_rng_chance (rng, 500);

  for (guint i = 0; i < calendar->n_breaks; i++)
    {
      guint end = 2 * (calendar->break_after[(start + i) % calendar->n_breaks] + 1);

      if (before_break && end >= span->first + 10 && end <= span->end)
        {
          mark_run (span, end - 10, 10, 'G');
          return;
        }
      if (!before_break && end >= span->first && end + 10 <= span->end)
        {
          mark_run (span, end, 10, 'G');
          return;
        }
    }
}

/* Most Friday afternoons missed without authorisation, and now and then
 * the whole Friday. At most 70% of the pupil's absences go there, so that
 * some absence falls on other days as well. */
static void
place_friday_pattern (Span                   *span,
                      const WmSampleCalendar *calendar,
                      WmSampleRng            *rng)
{
  g_autofree guint *fridays = g_new (guint, calendar->n_school_days);
  guint n_fridays = 0, n_take;

  for (guint s = span->first; s < span->end; s += 2)
    if (calendar->weekday[s / 2] == G_DATE_FRIDAY)
      fridays[n_fridays++] = s / 2;

  _wm_sample_rng_shuffle (rng, fridays, n_fridays);
  n_take = MIN (n_fridays * 7 / 10, span->budget * 7 / 10);

  for (guint i = 0; i < n_take; i++)
    {
      char code = _wm_sample_rng_chance (rng, 850) ? 'O' : 'I';

      mark_run (span, 2 * fridays[i] + 1, 1, code);
      if (_wm_sample_rng_chance (rng, 150))
        mark_run (span, 2 * fridays[i], 1, code);
    }
}

static Episode
draw_episode (WmSampleProfile  profile,
              WmSampleRng     *rng)
{
  guint draw = _wm_sample_rng_below (rng, 100);
  guint total = 0;

  for (Episode episode = 0; episode < N_EPISODES; episode++)
    {
      total += episode_weights[profile][episode];
      if (draw < total)
        return episode;
    }

  return EPISODE_ILLNESS;
}

/* Illness in a run of days. Sometimes the pupil goes home ill after the
 * morning. Sometimes the first day stays N because no reason was given
 * before the register was exported. */
static void
place_illness (Span            *span,
               WmSampleProfile  profile,
               guint            day,
               WmSampleRng     *rng)
{
  static const guint8 max_days[] = { 3, 4, 8 };
  guint n_days = _wm_sample_rng_range (rng, profile == WM_SAMPLE_PROFILE_SEVERE ? 2 : 1,
                                       max_days[profile]);
  guint start = 2 * day + (_wm_sample_rng_chance (rng, 200) ? 1 : 0);
  char first_code = _wm_sample_rng_chance (rng, 150) ? 'N' : 'I';

  mark_run (span, start, 2 * (day + 1) - start, first_code);
  mark_run (span, 2 * (day + 1), 2 * (n_days - 1), 'I');
}

static void
place_episode (Span            *span,
               WmSampleProfile  profile,
               WmSampleRng     *rng)
{
  guint day = span->first / 2 + _wm_sample_rng_below (rng, (span->end - span->first) / 2);
  guint session = 2 * day + _wm_sample_rng_below (rng, 2);
  gboolean whole_day = _wm_sample_rng_chance (rng, 500);

  switch (draw_episode (profile, rng))
    {
    case EPISODE_ILLNESS:
      place_illness (span, profile, day, rng);
      break;
    case EPISODE_MEDICAL:
      mark_run (span, session, 1, 'M');
      break;
    case EPISODE_UNAUTHORISED_DAY:
      mark_run (span, whole_day ? 2 * day : session, whole_day ? 2 : 1, 'O');
      break;
    case EPISODE_LATE_AFTER_CLOSE:
      mark_run (span, 2 * day, 1, 'U');
      break;
    case EPISODE_NOT_ESTABLISHED:
      mark_run (span, 2 * day, 2, 'N');
      break;
    case EPISODE_EXCEPTIONAL:
      mark_run (span, 2 * day, 2, 'C');
      break;
    case EPISODE_RELIGIOUS:
      mark_run (span, 2 * day, 2, 'R');
      break;
    case EPISODE_SUSPENSION:
      mark_run (span, 2 * day, 2 * _wm_sample_rng_range (rng, 1, 3), 'E');
      break;
    case EPISODE_LONG_ABSENCE:
      mark_run (span, 2 * day, 2 * _wm_sample_rng_range (rng, 5, 15), 'O');
      break;
    case N_EPISODES:
    default:
      g_assert_not_reached ();
    }
}

/* An episode that lands on sessions already absent places nothing. After
 * many tries the rest of the budget goes to the first present sessions,
 * so that the count is always met. */
static void
place_episodes (Span            *span,
                WmSampleProfile  profile,
                WmSampleRng     *rng)
{
  for (guint tries = 0; span->budget > 0 && tries < 20000; tries++)
    place_episode (span, profile, rng);

  mark_run (span, span->first, span->end - span->first, 'O');
}

/* Attended codes cost nothing from the absence budget: the year group's
 * trip (V), late before the register closed (L), sport (P) and other
 * supervised activity off site (B). */
static void
place_presence_codes (Span                     *span,
                      const WmSampleAttendance *attendance,
                      WmSampleRng              *rng)
{
  static const guint8 max_lates[] = { 4, 12, 6 };
  guint n_days = (span->end - span->first) / 2;
  guint n_lates = _wm_sample_rng_below (rng, max_lates[attendance->profile]);

  /* Lift the budget so that mark_run() places every code. */
  span->budget = G_MAXUINT;

  if (attendance->trip_day != G_MAXUINT && 2 * attendance->trip_day >= span->first
      && 2 * attendance->trip_day + 2 <= span->end)
    mark_run (span, 2 * attendance->trip_day, 2, 'V');
  for (guint i = 0; i < n_lates; i++)
    mark_run (span, span->first + 2 * _wm_sample_rng_below (rng, n_days), 1, 'L');
  if (_wm_sample_rng_chance (rng, 100))
    for (guint i = _wm_sample_rng_range (rng, 1, 3); i > 0; i--)
      mark_run (span, span->first + 2 * _wm_sample_rng_below (rng, n_days) + 1, 1, 'P');
  if (_wm_sample_rng_chance (rng, 30))
    mark_run (span, span->first + _wm_sample_rng_below (rng, 2 * n_days),
              _wm_sample_rng_range (rng, 1, 4), 'B');
}

/**
 * _wm_sample_marks_generate:
 * @calendar: the school year
 * @attendance: what shapes the pupil's marks
 * @rng: the pupil's generator
 * @first: the first school day on roll (an index into the school days)
 * @last: the last school day on roll
 * @marks: one character per session of the school year, AM then PM; the
 *   sessions from @first to @last are written
 *
 * Writes one pupil's register. Exactly the share of possible sessions the
 * profile draws is missed; unmarked sessions (`-`) are placed first and
 * are not possible sessions.
 */
void
_wm_sample_marks_generate (const WmSampleCalendar   *calendar,
                           const WmSampleAttendance *attendance,
                           WmSampleRng              *rng,
                           guint                     first,
                           guint                     last,
                           char                     *marks)
{
  Span span = { marks, 2 * first, 2 * (last + 1), 0 };
  guint n_unmarked, per_mille;

  g_return_if_fail (first <= last && last < calendar->n_school_days);

  for (guint s = span.first; s < span.end; s++)
    marks[s] = s % 2 == 0 ? MARK_PRESENT_AM : MARK_PRESENT_PM;

  n_unmarked = place_unmarked (&span, attendance->n_unmarked, rng);
  per_mille = target_per_mille (attendance, rng);
  span.budget = absence_budget (attendance, span.end - span.first - n_unmarked, per_mille);

  if (attendance->holiday)
    place_holiday (&span, calendar, rng);
  if (attendance->friday_pattern)
    place_friday_pattern (&span, calendar, rng);
  place_episodes (&span, attendance->profile, rng);
  place_presence_codes (&span, attendance, rng);
}
