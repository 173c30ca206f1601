/* wm-codes.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-codes.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * The one table of register codes. Sources: the School Attendance (Pupil
 * Registration) (England) Regulations 2024, regulation 10, with the
 * Department for Education's "Working together to improve school
 * attendance" (August 2024) for the statistical categories; and the 2006
 * regulations for the codes used before 19 August 2024.
 *
 * Under the 2006 regime plain `J` (interview) was an approved educational
 * activity, `H` and `F` (agreed holidays) were authorised absence and plain
 * `Y` (enforced closure) was not a possible session. `X` was also used for
 * COVID-19 non-attendance in 2020 to 2022, which was not a possible session
 * either, so one row serves both uses.
 *
 * The 2024 guidance text does not settle whether `X` and `Q` are "not a
 * possible session" rather than authorised absence; both are classified
 * here as not possible, which is what council and MIS vendor code lists
 * published for the 2024 regime do.
 *
 * A 2024 code found on a session before 19 August 2024 is classified by
 * its 2024 category (its nearest equivalent), and a 2006-only code after
 * that date by the category of its 2024 equivalent. The importer accepts
 * both with a warning.
 */

#define P WM_CATEGORY_PRESENT
#define A WM_CATEGORY_APPROVED_ACTIVITY
#define AU WM_CATEGORY_AUTHORISED
#define UN WM_CATEGORY_UNAUTHORISED
#define NP WM_CATEGORY_NOT_POSSIBLE
#define AD WM_CATEGORY_ADMINISTRATIVE

static const WmMarkInfo mark_table[] = {
  [WM_MARK_NONE] = { "", "no session for the pupil", FALSE, FALSE, NP, NP, WM_MARK_NONE },
  [WM_MARK_UNMARKED] = { "-", "no mark recorded", FALSE, FALSE, NP, NP, WM_MARK_NONE },

  [WM_MARK_PRESENT_AM] = { "/", "present at the morning register", TRUE, TRUE, P, P, WM_MARK_NONE },
  [WM_MARK_PRESENT_PM] = { "\\", "present at the afternoon register", TRUE, TRUE, P, P, WM_MARK_NONE },
  [WM_MARK_L] = { "L", "late, arrived before the register closed", TRUE, TRUE, P, P, WM_MARK_NONE },
  [WM_MARK_K] = { "K", "attending provision arranged by the local authority", FALSE, TRUE, A, A, WM_MARK_B },
  [WM_MARK_V] = { "V", "educational visit or trip", TRUE, TRUE, A, A, WM_MARK_NONE },
  [WM_MARK_P] = { "P", "approved sporting activity", TRUE, TRUE, A, A, WM_MARK_NONE },
  [WM_MARK_W] = { "W", "work experience", TRUE, TRUE, A, A, WM_MARK_NONE },
  [WM_MARK_B] = { "B", "other supervised off-site educational activity", TRUE, TRUE, A, A, WM_MARK_NONE },
  [WM_MARK_C1] = { "C1", "leave for a licensed performance or employment abroad", FALSE, TRUE, AU, AU, WM_MARK_C },
  [WM_MARK_C2] = { "C2", "leave for an agreed temporary part-time timetable", FALSE, TRUE, AU, AU, WM_MARK_C },
  [WM_MARK_C] = { "C", "leave for other exceptional circumstances", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_M] = { "M", "leave for a medical or dental appointment", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_J1] = { "J1", "leave for an interview for employment or another school", FALSE, TRUE, AU, AU, WM_MARK_J },
  [WM_MARK_S] = { "S", "study leave for public examinations", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_R] = { "R", "religious observance", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_T] = { "T", "parent travelling for occupational purposes", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_I] = { "I", "illness", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_E] = { "E", "suspended or excluded, no alternative provision", TRUE, TRUE, AU, AU, WM_MARK_NONE },
  [WM_MARK_G] = { "G", "holiday not granted", TRUE, TRUE, UN, UN, WM_MARK_NONE },
  [WM_MARK_N] = { "N", "reason not yet established", TRUE, TRUE, UN, UN, WM_MARK_NONE },
  [WM_MARK_O] = { "O", "other unauthorised absence", TRUE, TRUE, UN, UN, WM_MARK_NONE },
  [WM_MARK_U] = { "U", "arrived after the register closed", TRUE, TRUE, UN, UN, WM_MARK_NONE },
  [WM_MARK_D] = { "D", "dual registered, attending the other school", TRUE, TRUE, NP, NP, WM_MARK_NONE },
  [WM_MARK_X] = { "X", "not required to attend (non-compulsory school age)", TRUE, TRUE, NP, NP, WM_MARK_NONE },
  [WM_MARK_Q] = { "Q", "unable to attend: no access arrangements", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y1] = { "Y1", "unable to attend: transport not available", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y2] = { "Y2", "unable to attend: widespread travel disruption", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y3] = { "Y3", "unable to attend: part of the premises closed", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y4] = { "Y4", "unable to attend: whole school unexpectedly closed", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y5] = { "Y5", "unable to attend: in criminal justice detention", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y6] = { "Y6", "unable to attend: public health guidance or law", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Y7] = { "Y7", "unable to attend: other exceptional circumstances", FALSE, TRUE, NP, NP, WM_MARK_Y },
  [WM_MARK_Z] = { "Z", "pupil not yet on roll", TRUE, TRUE, AD, AD, WM_MARK_NONE },
  [WM_MARK_CLOSED] = { "#", "planned whole-school closure", TRUE, TRUE, AD, AD, WM_MARK_NONE },

  [WM_MARK_H] = { "H", "agreed family holiday (2006 regime)", TRUE, FALSE, AU, AU, WM_MARK_C },
  [WM_MARK_F] = { "F", "agreed extended family holiday (2006 regime)", TRUE, FALSE, AU, AU, WM_MARK_C },
  [WM_MARK_J] = { "J", "interview (2006 regime)", TRUE, FALSE, A, AU, WM_MARK_J1 },
  [WM_MARK_Y] = { "Y", "enforced closure (2006 regime)", TRUE, FALSE, NP, NP, WM_MARK_Y7 },
};

#undef P
#undef A
#undef AU
#undef UN
#undef NP
#undef AD

G_STATIC_ASSERT (G_N_ELEMENTS (mark_table) == WM_MARK_LAST + 1);

/**
 * wm_regime_for_day:
 *
 * Returns: the regime in force on @day: the 2024 regulations from
 *   19 August 2024, the 2006 regulations before
 */
WmRegime
wm_regime_for_day (WmDay day)
{
  return day >= WM_DAY_REGIME_2024_START ? WM_REGIME_2024 : WM_REGIME_2006;
}

/**
 * wm_mark_get_info:
 *
 * Returns: (nullable): the table row of @mark, or %NULL for a value that
 *   is no mark
 */
const WmMarkInfo *
wm_mark_get_info (WmMark mark)
{
  if (mark > WM_MARK_LAST)
    return NULL;

  return &mark_table[mark];
}

/**
 * wm_mark_from_code:
 * @code: a code as written on a register or in an export
 *
 * Looks up a code exactly as received; codes are case-sensitive. A blank
 * code, a space or `-` is %WM_MARK_UNMARKED.
 *
 * Returns: the mark, or %WM_MARK_NONE when @code is not a register code
 *   of either regime
 */
WmMark
wm_mark_from_code (const char *code)
{
  if (code == NULL || code[0] == '\0' || strcmp (code, " ") == 0
      || strcmp (code, "-") == 0)
    return WM_MARK_UNMARKED;

  for (WmMark mark = WM_MARK_PRESENT_AM; mark <= WM_MARK_LAST; mark++)
    if (strcmp (mark_table[mark].code, code) == 0)
      return mark;

  return WM_MARK_NONE;
}

/**
 * wm_mark_from_char:
 *
 * Looks up one character of a Common Transfer File marks string.
 *
 * Returns: the mark, or %WM_MARK_NONE when @c is not a one-character code
 */
WmMark
wm_mark_from_char (char c)
{
  char code[2] = { c, '\0' };

  if (c == '\0')
    return WM_MARK_NONE;

  return wm_mark_from_code (code);
}

/**
 * wm_mark_to_code:
 *
 * Returns: the code as written on the register, "-" for an unmarked
 *   session and "" for no session
 */
const char *
wm_mark_to_code (WmMark mark)
{
  g_return_val_if_fail (mark <= WM_MARK_LAST, "");

  return mark_table[mark].code;
}

/**
 * wm_mark_is_code:
 *
 * Returns: whether @mark is a register code, as opposed to no session or
 *   an unmarked session
 */
gboolean
wm_mark_is_code (WmMark mark)
{
  return mark >= WM_MARK_PRESENT_AM && mark <= WM_MARK_LAST;
}

/**
 * wm_mark_in_regime:
 *
 * Returns: whether @mark is a code of the regime in force on @day; a code
 *   of the other regime is classified by its nearest equivalent
 */
gboolean
wm_mark_in_regime (WmMark mark,
                   WmDay  day)
{
  g_return_val_if_fail (wm_mark_is_code (mark), FALSE);

  if (wm_regime_for_day (day) == WM_REGIME_2024)
    return mark_table[mark].in_2024;

  return mark_table[mark].in_2006;
}

/**
 * wm_mark_category:
 * @mark: a register code (see wm_mark_is_code())
 * @day: the date of the session
 *
 * Classifies a code by the regime in force on the session's date.
 *
 * Returns: the statistical category
 */
WmCategory
wm_mark_category (WmMark mark,
                  WmDay  day)
{
  g_return_val_if_fail (wm_mark_is_code (mark), WM_CATEGORY_NOT_POSSIBLE);

  if (wm_regime_for_day (day) == WM_REGIME_2024)
    return mark_table[mark].category_2024;

  return mark_table[mark].category_2006;
}

/* The names are English, as the bundle prints them. They are marked for
 * translation so that a message shown to the officer can translate them
 * with _() where it fills them in. */
const char *
wm_category_to_string (WmCategory category)
{
  switch (category)
    {
    case WM_CATEGORY_PRESENT:
      return N_("present");
    case WM_CATEGORY_APPROVED_ACTIVITY:
      return N_("approved educational activity");
    case WM_CATEGORY_AUTHORISED:
      return N_("authorised absence");
    case WM_CATEGORY_UNAUTHORISED:
      return N_("unauthorised absence");
    case WM_CATEGORY_NOT_POSSIBLE:
      return N_("not a possible session");
    case WM_CATEGORY_ADMINISTRATIVE:
      return N_("not a possible session (administrative)");
    default:
      g_return_val_if_reached ("");
    }
}
