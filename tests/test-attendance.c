/* test-attendance.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "wm-attendance.h"
#include "wm-error.h"
#include "wm-rules.h"

static WmDay
march_2026 (void)
{
  return wm_day_from_ymd (2026, 3, 2);
}

static void
add_code (WmCounts   *counts,
          const char *code)
{
  WmMark mark = wm_mark_from_code (code);

  g_assert_true (wm_mark_is_code (mark));
  wm_counts_add_mark (counts, mark, march_2026 ());
}

static void
test_counts_categories (void)
{
  const char *codes[] = {
    "/", "\\", "L", "K", "V", "P", "W", "B", "C1", "M", "I", "G", "N", "O",
    "U", "D", "X", "Q", "Y1", "Z", "#",
  };
  WmCounts counts = { 0, };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    add_code (&counts, codes[i]);

  g_assert_cmpuint (counts.present, ==, 3);
  g_assert_cmpuint (counts.approved, ==, 5);
  g_assert_cmpuint (counts.authorised, ==, 3);
  g_assert_cmpuint (counts.unauthorised, ==, 4);
  g_assert_cmpuint (counts.not_possible, ==, 6);
  g_assert_cmpuint (counts.unmarked, ==, 0);
  g_assert_cmpuint (wm_counts_attended (&counts), ==, 8);
  g_assert_cmpuint (wm_counts_possible (&counts), ==, 15);
}

/* L (late before the register closed) is present; U (late after it
 * closed) is unauthorised absence. Both are also counted as late. */
static void
test_counts_late_codes (void)
{
  WmCounts counts = { 0, };

  add_code (&counts, "L");
  add_code (&counts, "L");
  add_code (&counts, "U");

  g_assert_cmpuint (counts.present, ==, 2);
  g_assert_cmpuint (counts.late_before, ==, 2);
  g_assert_cmpuint (counts.unauthorised, ==, 1);
  g_assert_cmpuint (counts.late_after, ==, 1);
  g_assert_cmpuint (wm_counts_attended (&counts), ==, 2);
  g_assert_cmpuint (wm_counts_possible (&counts), ==, 3);
}

/* No session is no count at all; an unmarked session is a gap, counted
 * apart and never in possible. */
static void
test_counts_none_and_unmarked (void)
{
  WmCounts counts = { 0, };

  wm_counts_add_mark (&counts, WM_MARK_NONE, march_2026 ());
  wm_counts_add_mark (&counts, WM_MARK_UNMARKED, march_2026 ());
  wm_counts_add_mark (&counts, WM_MARK_UNMARKED, march_2026 ());

  g_assert_cmpuint (counts.unmarked, ==, 2);
  g_assert_cmpuint (counts.not_possible, ==, 0);
  g_assert_cmpuint (wm_counts_possible (&counts), ==, 0);
}

/* Plain J is classified by the session's date: approved activity before
 * 19 August 2024, authorised absence from that day. */
static void
test_counts_by_session_date (void)
{
  WmCounts counts = { 0, };

  wm_counts_add_mark (&counts, WM_MARK_J, wm_day_from_ymd (2024, 8, 18));
  wm_counts_add_mark (&counts, WM_MARK_J, wm_day_from_ymd (2024, 8, 19));

  g_assert_cmpuint (counts.approved, ==, 1);
  g_assert_cmpuint (counts.authorised, ==, 1);
}

static void
check_percent (guint       attended,
               guint       possible,
               gint        tenths,
               const char *text)
{
  g_autofree char *formatted = NULL;

  g_test_message ("%u of %u", attended, possible);
  g_assert_cmpint (wm_percent_tenths (attended, possible), ==, tenths);

  formatted = wm_percent_format (wm_percent_tenths (attended, possible));
  g_assert_cmpstr (formatted, ==, text);
}

/* Percentages are rounded down so that the figure shown never reaches a
 * band the counts do not reach: 359 of 399 is 89.97%, shown as 89.9. */
static void
test_percent_rounding (void)
{
  check_percent (359, 399, 899, "89.9");
  check_percent (23, 40, 575, "57.5");
  check_percent (57, 100, 570, "57.0");
  check_percent (40, 40, 1000, "100.0");
  check_percent (39, 40, 975, "97.5");
  check_percent (0, 40, 0, "0.0");
  check_percent (2, 3, 666, "66.6");
  check_percent (12, 14, 857, "85.7");
  check_percent (15, 16, 937, "93.7");
}

static void
test_percent_null (void)
{
  g_autofree char *text = wm_percent_format (WM_PERCENT_NULL);

  g_assert_cmpint (wm_percent_tenths (0, 0), ==, WM_PERCENT_NULL);
  g_assert_cmpstr (text, ==, "");
}

/* 1000 * attended overflows 32 bits from 4,294,968 sessions; the figure
 * must still be exact. */
static void
test_percent_large_counts (void)
{
  g_assert_cmpint (wm_percent_tenths (4000000000u, G_MAXUINT), ==, 931);
  g_assert_cmpint (wm_percent_tenths (G_MAXUINT, G_MAXUINT), ==, 1000);
  g_assert_cmpint (wm_level_for (G_MAXUINT - 1, G_MAXUINT, &(WmRules) {
                     900, 800, 4, 10, 10 }), ==, 1);
}

static void
check_level (guint          attended,
             guint          possible,
             const WmRules *rules,
             gint           level)
{
  g_test_message ("%u of %u", attended, possible);
  g_assert_cmpint (wm_level_for (attended, possible, rules), ==, level);
}

/* Lower bounds are inclusive: exactly 90.0% is Level 1 and exactly 80.0%
 * Level 2; 100% is no level. */
static void
test_level_boundaries (void)
{
  WmRules rules;

  wm_rules_init_defaults (&rules);

  check_level (40, 40, &rules, 0);
  check_level (39, 40, &rules, 1);
  check_level (36, 40, &rules, 1);
  check_level (35, 40, &rules, 2);
  check_level (32, 40, &rules, 2);
  check_level (31, 40, &rules, 3);
  check_level (0, 40, &rules, 3);
  check_level (359, 399, &rules, 2);
  check_level (360, 399, &rules, 1);
  check_level (0, 0, &rules, WM_LEVEL_NULL);
}

static void
test_level_custom_floors (void)
{
  WmRules rules;

  wm_rules_init_defaults (&rules);
  rules.level1_floor_tenths = 950;
  rules.level2_floor_tenths = 850;

  check_level (38, 40, &rules, 1);
  check_level (37, 40, &rules, 2);
  check_level (34, 40, &rules, 2);
  check_level (33, 40, &rules, 3);
}

/* Persistent absence is 10% or more missed, severe 50% or more, both
 * compared in integers. */
static void
test_absence_boundaries (void)
{
  g_assert_true (wm_is_persistent_absence (36, 40));
  g_assert_false (wm_is_persistent_absence (37, 40));
  g_assert_true (wm_is_persistent_absence (359, 399));
  g_assert_false (wm_is_persistent_absence (360, 399));
  g_assert_true (wm_is_persistent_absence (0, 40));
  g_assert_false (wm_is_persistent_absence (0, 0));

  g_assert_true (wm_is_severe_absence (20, 40));
  g_assert_false (wm_is_severe_absence (21, 40));
  g_assert_true (wm_is_severe_absence (1, 3));
  g_assert_false (wm_is_severe_absence (2, 3));
  g_assert_false (wm_is_severe_absence (0, 0));

  /* Severe absence is also persistent absence. */
  g_assert_true (wm_is_persistent_absence (20, 40));
}

static void
test_rules_defaults (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_cmpuint (rules.level1_floor_tenths, ==, 900);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 800);
  g_assert_cmpuint (rules.level_window_weeks, ==, 4);
  g_assert_cmpuint (rules.threshold_window_weeks, ==, 10);
  g_assert_cmpuint (rules.threshold_sessions, ==, 10);
  g_assert_true (wm_rules_validate (&rules, &error));
  g_assert_no_error (error);
}

static void
test_rules_set_each_key (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL1_FLOOR, 950, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL2_FLOOR, 850, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL_WINDOW, 6, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_THRESHOLD_WINDOW, 12, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_THRESHOLD_SESSIONS, 8, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rules.level1_floor_tenths, ==, 950);
  g_assert_cmpuint (rules.level2_floor_tenths, ==, 850);
  g_assert_cmpuint (rules.level_window_weeks, ==, 6);
  g_assert_cmpuint (rules.threshold_window_weeks, ==, 12);
  g_assert_cmpuint (rules.threshold_sessions, ==, 8);
}

static void
test_rules_set_unknown_key (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_false (wm_rules_set (&rules, "level3-floor-tenths", 700, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "Unknown rule “level3-floor-tenths”: use one of "
                   "level1-floor-tenths, level2-floor-tenths, "
                   "level-window-weeks, threshold-window-weeks or "
                   "threshold-sessions");
}

static void
test_rules_set_out_of_range (void)
{
  const struct
  {
    const char *key;
    gint64      value;
  } cases[] = {
    { WM_RULE_LEVEL1_FLOOR, 0 },
    { WM_RULE_LEVEL1_FLOOR, 1001 },
    { WM_RULE_LEVEL2_FLOOR, -800 },
    { WM_RULE_LEVEL_WINDOW, 0 },
    { WM_RULE_LEVEL_WINDOW, 53 },
    { WM_RULE_THRESHOLD_WINDOW, 0 },
    { WM_RULE_THRESHOLD_WINDOW, 53 },
    { WM_RULE_THRESHOLD_SESSIONS, 0 },
    { WM_RULE_THRESHOLD_SESSIONS, 521 },
    { WM_RULE_THRESHOLD_SESSIONS, G_GINT64_CONSTANT (4294967306) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WmRules rules;
      WmRules before;
      g_autoptr(GError) error = NULL;

      wm_rules_init_defaults (&rules);
      before = rules;

      g_test_message ("%s = %" G_GINT64_FORMAT, cases[i].key, cases[i].value);
      g_assert_false (wm_rules_set (&rules, cases[i].key, cases[i].value,
                                    &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, cases[i].key));
      g_assert_cmpmem (&rules, sizeof rules, &before, sizeof before);
    }
}

static void
test_rules_set_range_ends (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL1_FLOOR, 1000, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL2_FLOOR, 1, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL_WINDOW, 52, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_THRESHOLD_WINDOW, 1, &error));
  g_assert_true (wm_rules_set (&rules, WM_RULE_THRESHOLD_SESSIONS, 520,
                               &error));
  g_assert_no_error (error);
  g_assert_true (wm_rules_validate (&rules, &error));
  g_assert_no_error (error);
}

static void
test_rules_set_error_message (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_false (wm_rules_set (&rules, WM_RULE_LEVEL_WINDOW, 60, &error));
  g_assert_cmpstr (error->message, ==,
                   "Rule “level-window-weeks” is 60, which is out of range: "
                   "use a value from 1 to 52 (school weeks)");
}

/* Keys are set one at a time, so the order of the floors is checked only
 * when the whole set is validated. */
static void
test_rules_validate_floor_order (void)
{
  WmRules rules;
  g_autoptr(GError) error = NULL;

  wm_rules_init_defaults (&rules);

  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL1_FLOOR, 700, &error));
  g_assert_false (wm_rules_validate (&rules, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "Rule “level1-floor-tenths” (700) must be above rule "
                   "“level2-floor-tenths” (800), because Level 1 starts at "
                   "a higher attendance than Level 2");
  g_clear_error (&error);

  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL2_FLOOR, 700, &error));
  g_assert_false (wm_rules_validate (&rules, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (wm_rules_set (&rules, WM_RULE_LEVEL2_FLOOR, 600, &error));
  g_assert_true (wm_rules_validate (&rules, &error));
  g_assert_no_error (error);
}

static void
test_rules_validate_ranges (void)
{
  WmRules broken[4];
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    wm_rules_init_defaults (&broken[i]);
  broken[0].level1_floor_tenths = 1001;
  broken[1].level_window_weeks = 0;
  broken[2].threshold_window_weeks = 53;
  broken[3].threshold_sessions = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_test_message ("rule set %" G_GSIZE_FORMAT, i);
      g_assert_false (wm_rules_validate (&broken[i], &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/attendance/counts/categories", test_counts_categories);
  g_test_add_func ("/attendance/counts/late-codes", test_counts_late_codes);
  g_test_add_func ("/attendance/counts/none-and-unmarked",
                   test_counts_none_and_unmarked);
  g_test_add_func ("/attendance/counts/by-session-date",
                   test_counts_by_session_date);
  g_test_add_func ("/attendance/percent/rounding", test_percent_rounding);
  g_test_add_func ("/attendance/percent/null", test_percent_null);
  g_test_add_func ("/attendance/percent/large-counts",
                   test_percent_large_counts);
  g_test_add_func ("/attendance/level/boundaries", test_level_boundaries);
  g_test_add_func ("/attendance/level/custom-floors",
                   test_level_custom_floors);
  g_test_add_func ("/attendance/absence/boundaries", test_absence_boundaries);
  g_test_add_func ("/rules/defaults", test_rules_defaults);
  g_test_add_func ("/rules/set/each-key", test_rules_set_each_key);
  g_test_add_func ("/rules/set/unknown-key", test_rules_set_unknown_key);
  g_test_add_func ("/rules/set/out-of-range", test_rules_set_out_of_range);
  g_test_add_func ("/rules/set/range-ends", test_rules_set_range_ends);
  g_test_add_func ("/rules/set/error-message", test_rules_set_error_message);
  g_test_add_func ("/rules/validate/floor-order",
                   test_rules_validate_floor_order);
  g_test_add_func ("/rules/validate/ranges", test_rules_validate_ranges);

  return g_test_run ();
}
