/* wm-register.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-register.h"

#include "wm-error.h"
#include "wm-i18n-private.h"

/**
 * wm_register_new:
 * @first_day: the day of the first slot
 * @n_days: how many days the register covers; may be 0
 *
 * Creates a register with every slot %WM_MARK_NONE.
 *
 * Returns: (transfer full): the register; free it with wm_register_free()
 */
WmRegister *
wm_register_new (WmDay first_day,
                 guint n_days)
{
  WmRegister *reg;

  g_return_val_if_fail (first_day != WM_DAY_NONE, NULL);
  g_return_val_if_fail (n_days <= G_MAXUINT / 2, NULL);

  reg = g_new0 (WmRegister, 1);
  reg->first_day = first_day;
  reg->n_days = n_days;
  reg->marks = g_new0 (WmMark, (gsize) n_days * 2);

  return reg;
}

/**
 * wm_register_free:
 * @reg: (nullable): a register
 *
 * Frees a register and its marks.
 */
void
wm_register_free (WmRegister *reg)
{
  if (reg == NULL)
    return;

  g_free (reg->marks);
  g_free (reg);
}

static gboolean
register_covers (const WmRegister *reg,
                 WmDay             day)
{
  return day >= reg->first_day && day - reg->first_day < reg->n_days;
}

/**
 * wm_register_get:
 * @reg: a register
 * @day: a day number
 * @session: AM or PM
 *
 * Reads one session's mark.
 *
 * Returns: the mark, or %WM_MARK_NONE when @day lies outside the register,
 *   because a session outside every import's span does not exist for the
 *   pupil
 */
WmMark
wm_register_get (const WmRegister *reg,
                 WmDay             day,
                 WmSession         session)
{
  g_return_val_if_fail (reg != NULL, WM_MARK_NONE);
  g_return_val_if_fail (session == WM_SESSION_AM || session == WM_SESSION_PM,
                        WM_MARK_NONE);

  if (!register_covers (reg, day))
    return WM_MARK_NONE;

  return reg->marks[(gsize) (day - reg->first_day) * 2 + session];
}

/**
 * wm_register_set:
 * @reg: a register
 * @day: a day inside the register's range; writing outside it is a
 *   programming error
 * @session: AM or PM
 * @mark: the mark to store
 *
 * Writes one session's mark.
 */
void
wm_register_set (WmRegister *reg,
                 WmDay       day,
                 WmSession   session,
                 WmMark      mark)
{
  g_return_if_fail (reg != NULL);
  g_return_if_fail (register_covers (reg, day));
  g_return_if_fail (session == WM_SESSION_AM || session == WM_SESSION_PM);
  g_return_if_fail (mark <= WM_MARK_LAST);

  reg->marks[(gsize) (day - reg->first_day) * 2 + session] = mark;
}

/* Moves @day forward to the first weekday on or after it. */
static WmDay
skip_weekend (WmDay day)
{
  while (wm_day_is_weekend (day))
    day++;

  return day;
}

/*
 * Checks every character of the notation and counts the sessions it
 * gives. Spaces only separate weeks for readability, so they are skipped.
 */
static gboolean
count_notation_sessions (const char  *text,
                         guint       *out_sessions,
                         GError     **error)
{
  guint position = 0;
  guint n_sessions = 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("The marks string is not valid UTF-8 text: write one "
                      "register code character per session"));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      position++;
      if (*p == ' ')
        continue;

      /* No code is a multi-byte character. wm_mark_from_char() reads only
       * the first byte of one, and no code starts with that byte either. */
      if (wm_mark_from_char (*p) == WM_MARK_NONE)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_UNKNOWN_CODE,
                       E_("Unknown register code “%.*s” at character %u of the "
                          "marks string: use a one-character code, or - for "
                          "an unmarked session"),
                       (int) (g_utf8_next_char (p) - p), p, position);
          return FALSE;
        }
      n_sessions++;
    }

  *out_sessions = n_sessions;
  return TRUE;
}

/* Returns the number of days from @first_day that @n_sessions weekday
 * sessions reach, counting the weekends in between. */
static guint
days_spanned (WmDay first_day,
              guint n_sessions)
{
  guint n_weekdays = (n_sessions + 1) / 2;
  WmDay day = first_day;

  if (n_weekdays == 0)
    return 0;

  for (guint i = 0; i < n_weekdays; i++)
    day = skip_weekend (i == 0 ? day : day + 1);

  return day - first_day + 1;
}

/**
 * wm_register_new_from_string:
 * @first_day: the day of the first mark, normally a weekday; a Saturday
 *   or Sunday start moves the first mark to the Monday after
 * @marks: the marks in the notation described below
 * @error: return location for a #GError
 *
 * Builds a register from the compact notation that tests and examples
 * use, such as `/\/\##/\/\ /\IIXXDD/\`. Each character is one session,
 * AM then PM, Monday to Friday only: weekends are skipped and their slots
 * left %WM_MARK_NONE. Spaces are ignored because they only separate weeks
 * for readability. `-` is an unmarked session, and any other character is
 * read with wm_mark_from_char(). An odd number of marks leaves the last
 * day's PM slot %WM_MARK_NONE.
 *
 * Returns: (transfer full) (nullable): the register, from @first_day to
 *   the day of the last mark; %NULL with %WM_ERROR_UNKNOWN_CODE when a
 *   character is no one-character code, naming it and its position
 *   (counted from 1, spaces included)
 */
WmRegister *
wm_register_new_from_string (WmDay        first_day,
                             const char  *marks,
                             GError     **error)
{
  g_autoptr(WmRegister) reg = NULL;
  guint n_sessions;
  guint index = 0;
  WmDay day;

  g_return_val_if_fail (first_day != WM_DAY_NONE, NULL);
  g_return_val_if_fail (marks != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!count_notation_sessions (marks, &n_sessions, error))
    return NULL;

  reg = wm_register_new (first_day, days_spanned (first_day, n_sessions));

  day = skip_weekend (first_day);
  for (const char *p = marks; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;

      if (index == 2)
        {
          day = skip_weekend (day + 1);
          index = 0;
        }
      wm_register_set (reg, day, (WmSession) index, wm_mark_from_char (*p));
      index++;
    }

  return g_steal_pointer (&reg);
}
