/* test-codes.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-codes.h"

#define PRESENT WM_CATEGORY_PRESENT
#define APPROVED WM_CATEGORY_APPROVED_ACTIVITY
#define AUTHORISED WM_CATEGORY_AUTHORISED
#define UNAUTHORISED WM_CATEGORY_UNAUTHORISED
#define NOT_POSSIBLE WM_CATEGORY_NOT_POSSIBLE
#define ADMINISTRATIVE WM_CATEGORY_ADMINISTRATIVE

/*
 * Every register code with its category on 18 August 2024, the last day
 * of the 2006 regime, and on 19 August 2024, the first day of the 2024
 * regime. Under the 2006 regime plain J (interview) was an approved
 * educational activity; from 19 August 2024 it is classified like J1,
 * as authorised absence. H and F (agreed holidays) are authorised absence
 * and plain Y is not a possible session under both.
 */
static const struct
{
  const char *code;
  WmMark      mark;
  WmCategory  category_2006;
  WmCategory  category_2024;
} code_cases[] = {
  { "/", WM_MARK_PRESENT_AM, PRESENT, PRESENT },
  { "\\", WM_MARK_PRESENT_PM, PRESENT, PRESENT },
  { "L", WM_MARK_L, PRESENT, PRESENT },
  { "K", WM_MARK_K, APPROVED, APPROVED },
  { "V", WM_MARK_V, APPROVED, APPROVED },
  { "P", WM_MARK_P, APPROVED, APPROVED },
  { "W", WM_MARK_W, APPROVED, APPROVED },
  { "B", WM_MARK_B, APPROVED, APPROVED },
  { "C1", WM_MARK_C1, AUTHORISED, AUTHORISED },
  { "C2", WM_MARK_C2, AUTHORISED, AUTHORISED },
  { "C", WM_MARK_C, AUTHORISED, AUTHORISED },
  { "M", WM_MARK_M, AUTHORISED, AUTHORISED },
  { "J1", WM_MARK_J1, AUTHORISED, AUTHORISED },
  { "S", WM_MARK_S, AUTHORISED, AUTHORISED },
  { "R", WM_MARK_R, AUTHORISED, AUTHORISED },
  { "T", WM_MARK_T, AUTHORISED, AUTHORISED },
  { "I", WM_MARK_I, AUTHORISED, AUTHORISED },
  { "E", WM_MARK_E, AUTHORISED, AUTHORISED },
  { "G", WM_MARK_G, UNAUTHORISED, UNAUTHORISED },
  { "N", WM_MARK_N, UNAUTHORISED, UNAUTHORISED },
  { "O", WM_MARK_O, UNAUTHORISED, UNAUTHORISED },
  { "U", WM_MARK_U, UNAUTHORISED, UNAUTHORISED },
  { "D", WM_MARK_D, NOT_POSSIBLE, NOT_POSSIBLE },
  { "X", WM_MARK_X, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Q", WM_MARK_Q, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y1", WM_MARK_Y1, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y2", WM_MARK_Y2, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y3", WM_MARK_Y3, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y4", WM_MARK_Y4, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y5", WM_MARK_Y5, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y6", WM_MARK_Y6, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Y7", WM_MARK_Y7, NOT_POSSIBLE, NOT_POSSIBLE },
  { "Z", WM_MARK_Z, ADMINISTRATIVE, ADMINISTRATIVE },
  { "#", WM_MARK_CLOSED, ADMINISTRATIVE, ADMINISTRATIVE },
  { "H", WM_MARK_H, AUTHORISED, AUTHORISED },
  { "F", WM_MARK_F, AUTHORISED, AUTHORISED },
  { "J", WM_MARK_J, APPROVED, AUTHORISED },
  { "Y", WM_MARK_Y, NOT_POSSIBLE, NOT_POSSIBLE },
};

static WmDay
last_day_2006 (void)
{
  return wm_day_from_ymd (2024, 8, 18);
}

static WmDay
first_day_2024 (void)
{
  return wm_day_from_ymd (2024, 8, 19);
}

static void
test_regime_boundary (void)
{
  g_assert_cmpuint (WM_DAY_REGIME_2024_START, ==, first_day_2024 ());
  g_assert_cmpint (wm_regime_for_day (last_day_2006 ()), ==, WM_REGIME_2006);
  g_assert_cmpint (wm_regime_for_day (first_day_2024 ()), ==, WM_REGIME_2024);
  g_assert_cmpint (wm_regime_for_day (wm_day_from_ymd (2010, 1, 4)), ==,
                   WM_REGIME_2006);
  g_assert_cmpint (wm_regime_for_day (wm_day_from_ymd (2026, 3, 2)), ==,
                   WM_REGIME_2024);
}

static void
test_every_code_both_regimes (void)
{
  /* The table above must cover every code, so a code added to the enum
   * without a test fails here. */
  g_assert_cmpuint (G_N_ELEMENTS (code_cases), ==,
                    WM_MARK_LAST - WM_MARK_PRESENT_AM + 1);

  for (gsize i = 0; i < G_N_ELEMENTS (code_cases); i++)
    {
      WmMark mark = wm_mark_from_code (code_cases[i].code);

      g_test_message ("code %s", code_cases[i].code);
      g_assert_cmpuint (mark, ==, code_cases[i].mark);
      g_assert_cmpint (wm_mark_category (mark, last_day_2006 ()), ==,
                       code_cases[i].category_2006);
      g_assert_cmpint (wm_mark_category (mark, first_day_2024 ()), ==,
                       code_cases[i].category_2024);
    }
}

static void
test_j_across_boundary (void)
{
  g_assert_cmpint (wm_mark_category (WM_MARK_J, last_day_2006 ()), ==,
                   WM_CATEGORY_APPROVED_ACTIVITY);
  g_assert_cmpint (wm_mark_category (WM_MARK_J, first_day_2024 ()), ==,
                   WM_CATEGORY_AUTHORISED);
  g_assert_cmpint (wm_mark_category (WM_MARK_J1, first_day_2024 ()), ==,
                   WM_CATEGORY_AUTHORISED);
  g_assert_cmpuint (wm_mark_get_info (WM_MARK_J)->equivalent, ==,
                    WM_MARK_J1);
  g_assert_cmpuint (wm_mark_get_info (WM_MARK_J1)->equivalent, ==,
                    WM_MARK_J);
}

static void
test_historic_codes (void)
{
  WmMark historic[] = { WM_MARK_H, WM_MARK_F, WM_MARK_J, WM_MARK_Y };

  g_assert_cmpint (wm_mark_category (WM_MARK_H, first_day_2024 ()), ==,
                   WM_CATEGORY_AUTHORISED);
  g_assert_cmpint (wm_mark_category (WM_MARK_F, first_day_2024 ()), ==,
                   WM_CATEGORY_AUTHORISED);
  g_assert_cmpint (wm_mark_category (WM_MARK_Y, first_day_2024 ()), ==,
                   WM_CATEGORY_NOT_POSSIBLE);
  g_assert_cmpint (wm_mark_category (WM_MARK_Y, last_day_2006 ()), ==,
                   WM_CATEGORY_NOT_POSSIBLE);

  for (gsize i = 0; i < G_N_ELEMENTS (historic); i++)
    {
      g_assert_true (wm_mark_in_regime (historic[i], last_day_2006 ()));
      g_assert_false (wm_mark_in_regime (historic[i], first_day_2024 ()));
    }
}

static void
test_in_regime (void)
{
  g_assert_false (wm_mark_in_regime (WM_MARK_C1, last_day_2006 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_C1, first_day_2024 ()));
  g_assert_false (wm_mark_in_regime (WM_MARK_K, last_day_2006 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_K, first_day_2024 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_PRESENT_AM, last_day_2006 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_PRESENT_AM, first_day_2024 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_O, last_day_2006 ()));
  g_assert_true (wm_mark_in_regime (WM_MARK_O, first_day_2024 ()));
}

static void
test_unknown_codes (void)
{
  const char *unknown[] = { "A", "1", "AA", "l", "j1", "Y8", "C3", "//" };

  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_test_message ("code %s", unknown[i]);
      g_assert_cmpuint (wm_mark_from_code (unknown[i]), ==, WM_MARK_NONE);
    }

  g_assert_cmpuint (wm_mark_from_char ('A'), ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_mark_from_char ('1'), ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_mark_from_char ('\0'), ==, WM_MARK_NONE);
  g_assert_cmpuint (wm_mark_from_char ('\t'), ==, WM_MARK_NONE);
}

static void
test_unmarked_codes (void)
{
  g_assert_cmpuint (wm_mark_from_code ("-"), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_mark_from_code (" "), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_mark_from_code (""), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_mark_from_code (NULL), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_mark_from_char ('-'), ==, WM_MARK_UNMARKED);
  g_assert_cmpuint (wm_mark_from_char (' '), ==, WM_MARK_UNMARKED);
}

static void
test_one_character_codes (void)
{
  g_assert_cmpuint (wm_mark_from_char ('/'), ==, WM_MARK_PRESENT_AM);
  g_assert_cmpuint (wm_mark_from_char ('\\'), ==, WM_MARK_PRESENT_PM);
  g_assert_cmpuint (wm_mark_from_char ('#'), ==, WM_MARK_CLOSED);
  g_assert_cmpuint (wm_mark_from_char ('J'), ==, WM_MARK_J);
  g_assert_cmpuint (wm_mark_from_char ('N'), ==, WM_MARK_N);
}

static void
test_round_trip (void)
{
  g_assert_cmpstr (wm_mark_to_code (WM_MARK_NONE), ==, "");
  g_assert_cmpstr (wm_mark_to_code (WM_MARK_UNMARKED), ==, "-");

  for (WmMark mark = WM_MARK_PRESENT_AM; mark <= WM_MARK_LAST; mark++)
    g_assert_cmpuint (wm_mark_from_code (wm_mark_to_code (mark)), ==, mark);
}

static void
test_is_code (void)
{
  g_assert_false (wm_mark_is_code (WM_MARK_NONE));
  g_assert_false (wm_mark_is_code (WM_MARK_UNMARKED));
  g_assert_true (wm_mark_is_code (WM_MARK_PRESENT_AM));
  g_assert_true (wm_mark_is_code (WM_MARK_LAST));
  g_assert_false (wm_mark_is_code (WM_MARK_LAST + 1));
  g_assert_null (wm_mark_get_info (WM_MARK_LAST + 1));
  g_assert_nonnull (wm_mark_get_info (WM_MARK_LAST));
}

static void
test_category_names (void)
{
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_PRESENT), ==, "present");
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_APPROVED_ACTIVITY), ==,
                   "approved educational activity");
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_AUTHORISED), ==,
                   "authorised absence");
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_UNAUTHORISED), ==,
                   "unauthorised absence");
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_NOT_POSSIBLE), ==,
                   "not a possible session");
  g_assert_cmpstr (wm_category_to_string (WM_CATEGORY_ADMINISTRATIVE), ==,
                   "not a possible session (administrative)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/codes/regime/boundary-day", test_regime_boundary);
  g_test_add_func ("/codes/category/every-code-both-regimes",
                   test_every_code_both_regimes);
  g_test_add_func ("/codes/category/j-across-boundary",
                   test_j_across_boundary);
  g_test_add_func ("/codes/category/historic-codes", test_historic_codes);
  g_test_add_func ("/codes/regime/in-regime", test_in_regime);
  g_test_add_func ("/codes/lookup/unknown", test_unknown_codes);
  g_test_add_func ("/codes/lookup/unmarked", test_unmarked_codes);
  g_test_add_func ("/codes/lookup/one-character", test_one_character_codes);
  g_test_add_func ("/codes/lookup/round-trip", test_round_trip);
  g_test_add_func ("/codes/is-code", test_is_code);
  g_test_add_func ("/codes/category/names", test_category_names);

  return g_test_run ();
}
