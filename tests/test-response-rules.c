/* test-response-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-error.h"
#include "wm-response-rules.h"

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);

  g_assert_cmpuint (rules.penalty_service_working_days, ==, 2);
  g_assert_cmpuint (rules.penalty_reduced_days, ==, 21);
  g_assert_cmpuint (rules.penalty_full_days, ==, 28);
  g_assert_cmpuint (rules.penalty_reduced_pounds, ==, 80);
  g_assert_cmpuint (rules.penalty_full_pounds, ==, 160);
  g_assert_cmpuint (rules.penalty_max_notices, ==, 2);
  g_assert_cmpuint (rules.penalty_limit_years, ==, 3);
  g_assert_cmpuint (rules.improvement_min_weeks, ==, 3);
  g_assert_cmpuint (rules.improvement_max_weeks, ==, 6);
  g_assert_cmpuint (rules.improvement_basis, ==, WM_PERIOD_BASIS_SCHOOL_WEEKS);
  g_assert_cmpuint (rules.leave_refused_sessions, ==, 10);
  g_assert_cmpuint (rules.missing_education_days, ==, 10);
  g_assert_cmpuint (rules.n_code_school_days, ==, 5);
  g_assert_cmpuint (rules.contact_check_months, ==, 6);
  g_assert_true (wm_response_rules_validate (&rules, &error));
  g_assert_no_error (error);
}

/* Every key reads back what was set, so a store can round-trip them. */
static void
test_set_get_every_key (void)
{
  const char * const *keys = wm_response_rules_keys ();
  WmResponseRules rules;
  guint n_keys = 0;

  wm_response_rules_init_defaults (&rules);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 0;

      g_assert_true (wm_response_rules_set (&rules, keys[i], 1, &error));
      g_assert_no_error (error);
      g_assert_true (wm_response_rules_get (&rules, keys[i], &value));
      g_assert_cmpuint (value, ==, 1);
      n_keys++;
    }

  g_assert_cmpuint (n_keys, ==, 14);
  g_assert_cmpuint (rules.penalty_service_working_days, ==, 1);
  g_assert_cmpuint (rules.improvement_basis, ==,
                    WM_PERIOD_BASIS_CALENDAR_WEEKS);
}

static void
test_set_unknown_key (void)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;
  guint value = 7;

  wm_response_rules_init_defaults (&rules);

  g_assert_false (wm_response_rules_set (&rules, "penalty-days", 3, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Unknown rule “penalty-days”: use one of "
                                   "penalty-service-working-days, "));
  g_assert_false (wm_response_rules_get (&rules, "penalty-days", &value));
  g_assert_cmpuint (value, ==, 7);
}

static void
test_set_out_of_range (void)
{
  static const struct
  {
    const char *key;
    gint64      value;
  } cases[] = {
    { WM_RULE_PENALTY_SERVICE_DAYS, -1 },
    { WM_RULE_PENALTY_SERVICE_DAYS, 11 },
    { WM_RULE_PENALTY_REDUCED_DAYS, 0 },
    { WM_RULE_PENALTY_FULL_DAYS, 366 },
    { WM_RULE_PENALTY_MAX_NOTICES, 0 },
    { WM_RULE_IMPROVEMENT_MAX_WEEKS, 14 },
    { WM_RULE_IMPROVEMENT_BASIS, 2 },
    { WM_RULE_LEAVE_REFUSED_SESSIONS, G_GINT64_CONSTANT (4294967306) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      WmResponseRules rules, before;

      wm_response_rules_init_defaults (&rules);
      before = rules;
      g_assert_false (wm_response_rules_set (&rules, cases[i].key,
                                             cases[i].value, &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
      g_assert_cmpmem (&rules, sizeof rules, &before, sizeof before);
    }
}

static void
test_service_message (void)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules rules;

  wm_response_rules_init_defaults (&rules);
  g_assert_false (wm_response_rules_set (&rules, WM_RULE_PENALTY_SERVICE_DAYS,
                                         12, &error));
  g_assert_cmpstr (error->message, ==,
                   "Rule “penalty-service-working-days” is 12, which is out "
                   "of range: use a value from 0 to 10 (working days)");
}

static void
test_validate_order (void)
{
  WmResponseRules rules;

  {
    g_autoptr(GError) error = NULL;

    wm_response_rules_init_defaults (&rules);
    rules.penalty_reduced_days = 29;
    g_assert_false (wm_response_rules_validate (&rules, &error));
    g_assert_cmpstr (error->message, ==,
                     "Rule “penalty-reduced-days” (29) must not be above rule "
                     "“penalty-full-days” (28), because the reduced amount "
                     "is paid early");
  }

  {
    g_autoptr(GError) error = NULL;

    wm_response_rules_init_defaults (&rules);
    rules.penalty_reduced_pounds = 161;
    g_assert_false (wm_response_rules_validate (&rules, &error));
    g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  }

  {
    g_autoptr(GError) error = NULL;

    wm_response_rules_init_defaults (&rules);
    rules.improvement_min_weeks = 7;
    g_assert_false (wm_response_rules_validate (&rules, &error));
    g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  }

  {
    g_autoptr(GError) error = NULL;

    /* Equal values are allowed. */
    wm_response_rules_init_defaults (&rules);
    rules.penalty_reduced_days = 28;
    rules.improvement_min_weeks = 6;
    g_assert_true (wm_response_rules_validate (&rules, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/response-rules/defaults", test_defaults);
  g_test_add_func ("/response-rules/set-get-every-key",
                   test_set_get_every_key);
  g_test_add_func ("/response-rules/set/unknown-key", test_set_unknown_key);
  g_test_add_func ("/response-rules/set/out-of-range", test_set_out_of_range);
  g_test_add_func ("/response-rules/set/service-message",
                   test_service_message);
  g_test_add_func ("/response-rules/validate/order", test_validate_order);

  return g_test_run ();
}
