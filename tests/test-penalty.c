/* test-penalty.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-test-util.h"
#include "wm-penalty.h"

static void
assert_day (WmDay       found,
            const char *expected)
{
  g_autofree char *text = wm_day_to_iso (found);

  g_assert_cmpstr (text, ==, expected);
}

static void
decide (const WmNoticeRecord *notices,
        guint                 n_notices,
        const char           *proposed,
        WmNoticeDecision     *out)
{
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  wm_notice_decide (notices, n_notices, wm_test_day (proposed), &rules, out);
}

static void
assert_description (const WmNoticeDecision *decision,
                    const char             *expected)
{
  g_autofree char *text = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  text = wm_notice_decision_describe (decision, &rules);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_add_years (void)
{
  assert_day (wm_day_add_years (wm_test_day ("2026-03-10"), 3), "2029-03-10");
  assert_day (wm_day_add_years (wm_test_day ("2028-02-29"), 3), "2031-03-01");
  assert_day (wm_day_add_years (wm_test_day ("2028-02-29"), 4), "2032-02-29");
  assert_day (wm_day_add_years (wm_test_day ("2027-02-28"), 1), "2028-02-28");
  assert_day (wm_day_add_years (wm_test_day ("2026-12-31"), 0), "2026-12-31");
}

static void
test_first_notice (void)
{
  WmNoticeDecision decision;

  decide (NULL, 0, "2026-03-10", &decision);

  g_assert_true (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 1);
  g_assert_cmpuint (decision.n_counted, ==, 0);
  g_assert_true (decision.reduced_rate);
  g_assert_cmpuint (decision.full_pounds, ==, 160);
  g_assert_cmpuint (decision.reduced_pounds, ==, 80);
  g_assert_cmpuint (decision.allowed_again, ==, WM_DAY_NONE);
  assert_description (&decision,
                      "Allowed: this would be the 1st penalty notice to this "
                      "parent for this child within 3 years. 160 pounds, "
                      "reduced to 80 pounds if paid within 21 days.");
}

/* A second notice within 3 years costs the full amount. */
static void
test_second_notice (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-03-10"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2027-01-05", &decision);

  g_assert_true (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 2);
  g_assert_cmpuint (decision.n_counted, ==, 1);
  assert_day (decision.counted[0], "2026-03-10");
  assert_day (decision.counted_until[0], "2029-03-09");
  g_assert_false (decision.reduced_rate);
  g_assert_cmpuint (decision.full_pounds, ==, 160);
  g_assert_cmpuint (decision.reduced_pounds, ==, 0);
  assert_description (&decision,
                      "Allowed: this would be the 2nd penalty notice to this "
                      "parent for this child within 3 years, after the "
                      "notice issued 10 March 2026 (counts until 9 March "
                      "2029). 160 pounds, with no reduced amount.");
}

/* Paid and unpaid notices both count, so a third is refused. */
static void
test_third_refused (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2027-01-05"), WM_NOTICE_UNPAID },
    { wm_test_day ("2026-03-10"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2027-06-01", &decision);

  g_assert_false (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 3);
  g_assert_cmpuint (decision.n_counted, ==, 2);
  assert_day (decision.counted[0], "2026-03-10");
  assert_day (decision.counted[1], "2027-01-05");
  g_assert_false (decision.reduced_rate);
  g_assert_cmpuint (decision.reduced_pounds, ==, 0);
  assert_day (decision.allowed_again, "2029-03-10");
  assert_description (&decision,
                      "Not allowed: 2 penalty notices to this parent for this "
                      "child count within 3 years, issued 10 March 2026 "
                      "(counts until 9 March 2029) and 5 January 2027 (counts "
                      "until 4 January 2030), and at most 2 are allowed. This "
                      "offence goes to other action, usually prosecution. A "
                      "notice is allowed again from 10 March 2029.");
}

static void
test_withdrawn_not_counted (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-03-10"), WM_NOTICE_WITHDRAWN },
    { wm_test_day ("2027-01-05"), WM_NOTICE_ISSUED },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2027-06-01", &decision);

  g_assert_true (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 2);
  g_assert_cmpuint (decision.n_counted, ==, 1);
  assert_day (decision.counted[0], "2027-01-05");
  g_assert_false (decision.reduced_rate);
}

/* A notice counts up to the day before its third anniversary. */
static void
test_window_boundary (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-03-10"), WM_NOTICE_PAID },
    { wm_test_day ("2027-01-05"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2029-03-09", &decision);
  g_assert_false (decision.allowed);
  g_assert_cmpuint (decision.n_counted, ==, 2);

  decide (notices, G_N_ELEMENTS (notices), "2029-03-10", &decision);
  g_assert_true (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 2);
  g_assert_cmpuint (decision.n_counted, ==, 1);
  assert_day (decision.counted[0], "2027-01-05");
  g_assert_false (decision.reduced_rate);

  /* Once the second has also dropped out, the next is a first notice. */
  decide (notices, G_N_ELEMENTS (notices), "2030-01-04", &decision);
  g_assert_cmpuint (decision.number, ==, 2);
  decide (notices, G_N_ELEMENTS (notices), "2030-01-05", &decision);
  g_assert_cmpuint (decision.number, ==, 1);
  g_assert_true (decision.reduced_rate);
  g_assert_cmpuint (decision.reduced_pounds, ==, 80);
}

/* A first notice on 29 February 2028 counts until 28 February 2031,
 * because its anniversary in 2031 is 1 March. */
static void
test_leap_day_first_notice (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2028-02-29"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (NULL, 0, "2028-02-29", &decision);
  g_assert_cmpuint (decision.number, ==, 1);
  g_assert_true (decision.reduced_rate);

  decide (notices, G_N_ELEMENTS (notices), "2031-02-28", &decision);
  g_assert_cmpuint (decision.number, ==, 2);
  assert_day (decision.counted_until[0], "2031-02-28");
  g_assert_false (decision.reduced_rate);

  decide (notices, G_N_ELEMENTS (notices), "2031-03-01", &decision);
  g_assert_cmpuint (decision.number, ==, 1);
  g_assert_cmpuint (decision.n_counted, ==, 0);
  g_assert_true (decision.reduced_rate);
}

/* A record dated after the proposed day is not part of the period
 * before the new notice. */
static void
test_later_notice_not_counted (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-03-10"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2026-03-09", &decision);
  g_assert_cmpuint (decision.number, ==, 1);

  /* A notice issued on the same day counts. */
  decide (notices, G_N_ELEMENTS (notices), "2026-03-10", &decision);
  g_assert_cmpuint (decision.number, ==, 2);
}

/* With more notices than the limit on record, the decision waits for
 * enough of them to drop out. */
static void
test_allowed_again_with_three (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-01-12"), WM_NOTICE_PAID },
    { wm_test_day ("2026-06-01"), WM_NOTICE_PAID },
    { wm_test_day ("2027-02-01"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;

  decide (notices, G_N_ELEMENTS (notices), "2027-03-01", &decision);

  g_assert_false (decision.allowed);
  g_assert_cmpuint (decision.n_counted, ==, 3);
  g_assert_cmpuint (decision.number, ==, 4);
  assert_day (decision.allowed_again, "2029-06-01");
}

static void
test_rule_values (void)
{
  const WmNoticeRecord notices[] = {
    { wm_test_day ("2026-03-10"), WM_NOTICE_PAID },
    { wm_test_day ("2027-01-05"), WM_NOTICE_PAID },
  };
  WmNoticeDecision decision;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  rules.penalty_max_notices = 3;
  rules.penalty_full_pounds = 120;
  wm_notice_decide (notices, G_N_ELEMENTS (notices),
                    wm_test_day ("2027-06-01"), &rules, &decision);
  g_assert_true (decision.allowed);
  g_assert_cmpuint (decision.number, ==, 3);
  g_assert_cmpuint (decision.full_pounds, ==, 120);

  rules.penalty_limit_years = 1;
  wm_notice_decide (notices, G_N_ELEMENTS (notices),
                    wm_test_day ("2027-06-01"), &rules, &decision);
  g_assert_cmpuint (decision.number, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/penalty/add-years", test_add_years);
  g_test_add_func ("/penalty/first-notice", test_first_notice);
  g_test_add_func ("/penalty/second-notice", test_second_notice);
  g_test_add_func ("/penalty/third-refused", test_third_refused);
  g_test_add_func ("/penalty/withdrawn-not-counted",
                   test_withdrawn_not_counted);
  g_test_add_func ("/penalty/window-boundary", test_window_boundary);
  g_test_add_func ("/penalty/leap-day-first-notice",
                   test_leap_day_first_notice);
  g_test_add_func ("/penalty/later-notice-not-counted",
                   test_later_notice_not_counted);
  g_test_add_func ("/penalty/allowed-again-with-three",
                   test_allowed_again_with_three);
  g_test_add_func ("/penalty/rule-values", test_rule_values);

  return g_test_run ();
}
