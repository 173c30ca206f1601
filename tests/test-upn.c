/* test-upn.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-error.h"
#include "wm-upn.h"

static void
check_valid (const char *upn)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("UPN %s", upn);
  g_assert_true (wm_upn_validate (upn, &error));
  g_assert_no_error (error);
}

static void
check_invalid (const char *upn,
               const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = upn != NULL ? g_strescape (upn, NULL) : NULL;

  /* Escaped, because some cases hold bytes that are not UTF-8 and the TAP
   * reader rejects them. */
  g_test_message ("UPN %s", shown != NULL ? shown : "(null)");
  g_assert_false (wm_upn_validate (upn, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

/*
 * The check letter of B801200005001: characters 2 to 13 are
 * 8 0 1 2 0 0 0 0 5 0 0 1 with weights 2 to 13, which sum to
 * 16 + 4 + 10 + 50 + 13 = 93; 93 mod 23 = 1, and entry 1 of
 * ABCDEFGHJKLMNPQRTUVWXYZ is B. For M820000025001 the sum is
 * 16 + 6 + 18 + 50 + 13 = 103, 103 mod 23 = 11, which is M.
 */
static void
test_valid_permanent (void)
{
  check_valid ("B801200005001");
  check_valid ("M820000025001");
  g_assert_cmpint (wm_upn_check_letter ("B801200005001"), ==, 'B');
  g_assert_cmpint (wm_upn_check_letter ("M820000025001"), ==, 'M');
  g_assert_false (wm_upn_is_temporary ("B801200005001"));

  /* All zeros sum to 0, which is A. */
  check_valid ("A000000000000");
}

/*
 * A temporary UPN ends in a letter, which counts as its index in the
 * table: in Y82000002500A the A counts 0, so the sum is 90, 90 mod 23 = 21
 * and the check letter is Y. In J82000002500Z the Z counts 22, adding
 * 286 for a sum of 376, 376 mod 23 = 8, which is J.
 */
static void
test_valid_temporary (void)
{
  check_valid ("Y82000002500A");
  check_valid ("J82000002500Z");
  g_assert_cmpint (wm_upn_check_letter ("Y82000002500A"), ==, 'Y');
  g_assert_cmpint (wm_upn_check_letter ("J82000002500Z"), ==, 'J');
  g_assert_true (wm_upn_is_temporary ("Y82000002500A"));
  g_assert_true (wm_upn_is_temporary ("J82000002500Z"));
}

/* The first character is ignored, so a placeholder can stand there. */
static void
test_check_letter_placeholder (void)
{
  g_assert_cmpint (wm_upn_check_letter ("?801200005001"), ==, 'B');
  g_assert_cmpint (wm_upn_check_letter ("B80120000500"), ==, '\0');
  g_assert_cmpint (wm_upn_check_letter ("B8012A0005001"), ==, '\0');
  g_assert_cmpint (wm_upn_check_letter ("B80120000500I"), ==, '\0');
}

static void
test_invalid_check_letter (void)
{
  check_invalid ("A801200005001",
                 "UPN “A801200005001” has check letter A but its digits give "
                 "B; check the UPN against the school's records");
  check_invalid ("Z82000002500A",
                 "UPN “Z82000002500A” has check letter Z but its digits give "
                 "Y; check the UPN against the school's records");
}

static void
test_invalid_lower_case (void)
{
  check_invalid ("b801200005001",
                 "UPN “b801200005001” has lower-case letters; UPNs are "
                 "written in capitals (“B801200005001”)");
  check_invalid ("Y82000002500a",
                 "UPN “Y82000002500a” has lower-case letters; UPNs are "
                 "written in capitals (“Y82000002500A”)");
  g_assert_false (wm_upn_is_temporary ("Y82000002500a"));
}

static void
test_invalid_length (void)
{
  check_invalid ("B80120000500",
                 "UPN “B80120000500” has 12 characters; a UPN has 13: a check "
                 "letter, then 12 digits, the last of which may be a letter "
                 "in a temporary UPN");
  check_invalid ("B8012000050011",
                 "UPN “B8012000050011” has 14 characters; a UPN has 13: a "
                 "check letter, then 12 digits, the last of which may be a "
                 "letter in a temporary UPN");
  /* 13 characters but 14 bytes: é is not a UPN character. */
  check_invalid ("B80120000500é",
                 "UPN “B80120000500é” has characters other than capital "
                 "letters and digits; a UPN is 13 capital letters and "
                 "digits");
  check_invalid ("B80120000500\xff",
                 "UPN is not valid text: a UPN is 13 capital letters and "
                 "digits");
  check_invalid ("", "UPN is missing: a UPN has 13 characters");
  check_invalid (NULL, "UPN is missing: a UPN has 13 characters");
  g_assert_false (wm_upn_is_temporary ("Y82000002500AA"));
}

static void
test_invalid_letter_in_middle (void)
{
  check_invalid ("B8012A0005001",
                 "UPN “B8012A0005001” has “A” at character 6, where a digit "
                 "is required");
  check_invalid ("B801200005 01",
                 "UPN “B801200005 01” has “ ” at character 11, where a digit "
                 "is required");
}

/* I, O and S are not in the check-letter table, so a temporary UPN
 * cannot end in them. */
static void
test_invalid_final_letter (void)
{
  const char *upns[] = { "Y82000002500I", "Y82000002500O", "Y82000002500S" };

  for (gsize i = 0; i < G_N_ELEMENTS (upns); i++)
    {
      g_autofree char *message =
        g_strdup_printf ("UPN “%s” ends in “%c”: the last character must be "
                         "a digit, or in a temporary UPN a capital letter "
                         "other than I, O or S",
                         upns[i], upns[i][12]);

      check_invalid (upns[i], message);
      g_assert_false (wm_upn_is_temporary (upns[i]));
    }
}

static void
test_invalid_first_character (void)
{
  check_invalid ("1801200005001",
                 "UPN “1801200005001” starts with “1”, which is not a check "
                 "letter: it must be a capital letter other than I, O or S");
  check_invalid ("I801200005001",
                 "UPN “I801200005001” starts with “I”, which is not a check "
                 "letter: it must be a capital letter other than I, O or S");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/upn/valid/permanent", test_valid_permanent);
  g_test_add_func ("/upn/valid/temporary", test_valid_temporary);
  g_test_add_func ("/upn/check-letter/placeholder",
                   test_check_letter_placeholder);
  g_test_add_func ("/upn/invalid/check-letter", test_invalid_check_letter);
  g_test_add_func ("/upn/invalid/lower-case", test_invalid_lower_case);
  g_test_add_func ("/upn/invalid/length", test_invalid_length);
  g_test_add_func ("/upn/invalid/letter-in-middle",
                   test_invalid_letter_in_middle);
  g_test_add_func ("/upn/invalid/final-letter", test_invalid_final_letter);
  g_test_add_func ("/upn/invalid/first-character",
                   test_invalid_first_character);

  return g_test_run ();
}
