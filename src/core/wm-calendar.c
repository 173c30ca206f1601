/* wm-calendar.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-calendar.h"

#include <string.h>

/*
 * The held sessions are a bitmap with two bits a day (bit 0 AM, bit 1 PM),
 * so each byte covers four consecutive days. Byte i covers the days
 * (first_block + i) * 4 to (first_block + i) * 4 + 3. Because the blocks
 * are aligned to absolute day numbers, the bitmap grows at either end by
 * whole bytes and sessions can be added in any order. A year takes 92
 * bytes, and wm_calendar_is_held() is a lookup rather than a search, which
 * matters because the evaluator checks every session of every pupil.
 *
 * The reference count is atomic, so one calendar can be shared with a
 * worker thread. Adding sessions is not thread-safe, so a calendar is
 * built first and only read once shared.
 */
struct _WmCalendar
{
  gatomicrefcount ref_count;

  guint8 *bits;
  guint   first_block;
  guint   n_blocks;

  guint   n_held;
  WmDay   first_day;
  WmDay   last_day;
};

#define DAYS_PER_BLOCK 4

/**
 * wm_calendar_new:
 *
 * Creates a calendar in which no session is held.
 *
 * Returns: (transfer full): the calendar; release it with
 *   wm_calendar_unref()
 */
WmCalendar *
wm_calendar_new (void)
{
  WmCalendar *calendar = g_new0 (WmCalendar, 1);

  g_atomic_ref_count_init (&calendar->ref_count);
  return calendar;
}

/**
 * wm_calendar_ref:
 *
 * Takes a reference to @calendar.
 *
 * Returns: (transfer full): @calendar
 */
WmCalendar *
wm_calendar_ref (WmCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, NULL);

  g_atomic_ref_count_inc (&calendar->ref_count);
  return calendar;
}

/**
 * wm_calendar_unref:
 * @calendar: (nullable): a calendar
 *
 * Releases a reference to @calendar, freeing it with the last one.
 */
void
wm_calendar_unref (WmCalendar *calendar)
{
  if (calendar == NULL)
    return;

  if (!g_atomic_ref_count_dec (&calendar->ref_count))
    return;

  g_free (calendar->bits);
  g_free (calendar);
}

static gboolean
block_is_stored (const WmCalendar *calendar,
                 guint             block)
{
  return calendar->n_blocks > 0 && block >= calendar->first_block
         && block - calendar->first_block < calendar->n_blocks;
}

/*
 * Grows the bitmap to cover @block. It grows by at least its own size so
 * that adding a year of days one at a time, in either direction, copies
 * the bitmap only a few times.
 */
static void
ensure_block (WmCalendar *calendar,
              guint       block)
{
  guint extra;
  guint8 *bits;

  if (calendar->n_blocks == 0)
    {
      calendar->bits = g_new0 (guint8, 1);
      calendar->first_block = block;
      calendar->n_blocks = 1;
      return;
    }

  if (block < calendar->first_block)
    {
      extra = MAX (calendar->first_block - block, calendar->n_blocks);
      extra = MIN (extra, calendar->first_block);
      bits = g_new0 (guint8, (gsize) calendar->n_blocks + extra);
      memcpy (bits + extra, calendar->bits, calendar->n_blocks);
      g_free (calendar->bits);
      calendar->bits = bits;
      calendar->first_block -= extra;
      calendar->n_blocks += extra;
    }
  else if (block - calendar->first_block >= calendar->n_blocks)
    {
      guint n_blocks = MAX (block - calendar->first_block + 1,
                            calendar->n_blocks * 2);

      calendar->bits = g_renew (guint8, calendar->bits, n_blocks);
      memset (calendar->bits + calendar->n_blocks, 0,
              n_blocks - calendar->n_blocks);
      calendar->n_blocks = n_blocks;
    }
}

static guint8
session_bit (WmDay     day,
             WmSession session)
{
  return (guint8) (1u << ((day % DAYS_PER_BLOCK) * 2 + session));
}

/* Returns the two bits of @day: bit 0 AM and bit 1 PM. */
static guint
day_bits (const WmCalendar *calendar,
          WmDay             day)
{
  guint block = day / DAYS_PER_BLOCK;

  if (!block_is_stored (calendar, block))
    return 0;

  return (calendar->bits[block - calendar->first_block]
          >> ((day % DAYS_PER_BLOCK) * 2)) & 3u;
}

/**
 * wm_calendar_add_held:
 * @calendar: a calendar
 * @day: a day number
 * @session: AM or PM
 *
 * Records that the school held a session. Sessions may be added in any
 * order, and adding one twice changes nothing.
 */
void
wm_calendar_add_held (WmCalendar *calendar,
                      WmDay       day,
                      WmSession   session)
{
  guint8 *byte;
  guint8 bit;

  g_return_if_fail (calendar != NULL);
  g_return_if_fail (day != WM_DAY_NONE);
  g_return_if_fail (session == WM_SESSION_AM || session == WM_SESSION_PM);

  ensure_block (calendar, day / DAYS_PER_BLOCK);

  byte = &calendar->bits[day / DAYS_PER_BLOCK - calendar->first_block];
  bit = session_bit (day, session);
  if (*byte & bit)
    return;

  *byte |= bit;
  calendar->n_held++;
  if (calendar->first_day == WM_DAY_NONE || day < calendar->first_day)
    calendar->first_day = day;
  if (day > calendar->last_day)
    calendar->last_day = day;
}

/**
 * wm_calendar_is_held:
 *
 * Returns: whether the school held @session on @day
 */
gboolean
wm_calendar_is_held (const WmCalendar *calendar,
                     WmDay             day,
                     WmSession         session)
{
  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (session == WM_SESSION_AM || session == WM_SESSION_PM,
                        FALSE);

  return (day_bits (calendar, day) >> session) & 1u;
}

/**
 * wm_calendar_n_held:
 *
 * Returns: how many sessions the school held in all
 */
guint
wm_calendar_n_held (const WmCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, 0);

  return calendar->n_held;
}

/**
 * wm_calendar_first_day:
 *
 * Returns: the first day on which the school held a session, or
 *   %WM_DAY_NONE when it held none
 */
WmDay
wm_calendar_first_day (const WmCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, WM_DAY_NONE);

  return calendar->first_day;
}

/**
 * wm_calendar_last_day:
 *
 * Returns: the last day on which the school held a session, or
 *   %WM_DAY_NONE when it held none
 */
WmDay
wm_calendar_last_day (const WmCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, WM_DAY_NONE);

  return calendar->last_day;
}

/**
 * wm_calendar_last_held_on_or_before:
 * @calendar: a calendar
 * @as_of: the latest day to consider
 * @out_day: (out) (optional): the day of the last held session
 * @out_session: (out) (optional): whether that session is AM or PM
 *
 * Finds the last session the school held on or before @as_of. This is
 * where the data ends when an export stops early or @as_of falls in a
 * holiday.
 *
 * Returns: %TRUE when the school held a session on or before @as_of
 */
gboolean
wm_calendar_last_held_on_or_before (const WmCalendar *calendar,
                                    WmDay             as_of,
                                    WmDay            *out_day,
                                    WmSession        *out_session)
{
  g_return_val_if_fail (calendar != NULL, FALSE);

  if (calendar->n_held == 0 || as_of < calendar->first_day)
    return FALSE;

  for (WmDay day = MIN (as_of, calendar->last_day);; day--)
    {
      guint bits = day_bits (calendar, day);

      if (bits != 0)
        {
          if (out_day != NULL)
            *out_day = day;
          if (out_session != NULL)
            *out_session = (bits & 2u) ? WM_SESSION_PM : WM_SESSION_AM;
          return TRUE;
        }
    }
}

static gboolean
is_held_between (const WmCalendar *calendar,
                 WmDay             first,
                 WmDay             last)
{
  for (WmDay day = first; day <= last; day++)
    if (day_bits (calendar, day) != 0)
      return TRUE;

  return FALSE;
}

/**
 * wm_calendar_school_weeks:
 * @calendar: a calendar
 * @as_of: the evaluation date
 * @max_weeks: the maximum number of weeks to return
 * @out_mondays: (array length=max_weeks) (out caller-allocates): filled
 *   with the Mondays of the school weeks found, newest first; may be
 *   %NULL when @max_weeks is 0
 *
 * Finds the last school weeks up to @as_of. A school week is a
 * Monday-to-Sunday week in which the school held at least one session on
 * or before @as_of. Weeks with no such session (holidays, closures, or
 * sessions only after @as_of) are skipped rather than counted, which is
 * how the national penalty framework counts weeks, so the weeks found can
 * cross half terms, holidays and school years.
 *
 * Returns: how many Mondays were written, at most @max_weeks; fewer when
 *   the calendar's data starts later
 */
guint
wm_calendar_school_weeks (const WmCalendar *calendar,
                          WmDay             as_of,
                          guint             max_weeks,
                          WmDay            *out_mondays)
{
  guint n_found = 0;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (max_weeks == 0 || out_mondays != NULL, 0);

  if (max_weeks == 0 || calendar->n_held == 0 || as_of < calendar->first_day)
    return 0;

  /* No week after the last held day is a school week, so start there. */
  for (WmDay monday = wm_day_monday (MIN (as_of, calendar->last_day));;
       monday -= 7)
    {
      if (is_held_between (calendar, monday, MIN (monday + 6, as_of)))
        {
          out_mondays[n_found++] = monday;
          if (n_found == max_weeks)
            break;
        }

      if (monday <= calendar->first_day)
        break;
    }

  return n_found;
}
