/* test-names.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "wm-names.h"

static void
check_fold (const char *text,
            const char *folded)
{
  g_autofree char *result = wm_name_fold (text);

  g_test_message ("fold “%s”", text);
  g_assert_cmpstr (result, ==, folded);
}

static void
test_fold_accents (void)
{
  check_fold ("Zoë", "zoe");
  check_fold ("Zoe\xcc\x88", "zoe"); /* e followed by a combining diaeresis */
  check_fold ("Chloé", "chloe");
  check_fold ("JOSÉ", "jose");
  check_fold ("Łukasz", "lukasz");
  check_fold ("Søren", "soren");
  check_fold ("Strauß", "strauss");
  check_fold ("ＺＯＥ", "zoe"); /* full-width letters */
}

/* Apostrophes are removed, not made into spaces, so O'Test, O’Test and
 * OTest fold to one key. */
static void
test_fold_apostrophes (void)
{
  check_fold ("O'Test", "otest");
  check_fold ("O’Test", "otest");
  check_fold ("O‘Test", "otest");
  check_fold ("Oʼtest", "otest");
  check_fold ("O`Test", "otest");
  check_fold ("O´Test", "otest");
  check_fold ("D'Souza", "dsouza");
}

static void
test_fold_hyphens (void)
{
  check_fold ("Smith-Jones", "smithjones");
  check_fold ("Smith‐Jones", "smithjones"); /* U+2010 hyphen */
  check_fold ("Smith–Jones", "smithjones"); /* en dash */
  check_fold ("Smith—Jones", "smithjones"); /* em dash */
  check_fold ("Smith\xc2\xadJones", "smithjones"); /* soft hyphen */
  check_fold ("Smith - Jones", "smith jones");
}

static void
test_fold_punctuation_and_spaces (void)
{
  check_fold ("St. John", "st john");
  check_fold ("St.John", "stjohn");
  check_fold ("  Mary \t Ann  ", "mary ann");
  check_fold ("Mary\nAnn", "mary ann");
  check_fold ("(Ann)", "ann");
  check_fold ("", "");
  check_fold (" - ", "");
}

/* Broken UTF-8 from an import is repaired, not passed on. */
static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = wm_name_fold ("Zo\xff");

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_cmpstr (folded, ==, "zo");
}

static void
test_key_parts (void)
{
  g_autofree char *full = wm_name_key ("O'Test", "Zoë", "B801200005001");
  g_autofree char *no_upn = wm_name_key ("Smith-Jones", "Ann", NULL);
  g_autofree char *no_forename = wm_name_key ("Smith", NULL, "B801200005001");
  g_autofree char *empty_forename = wm_name_key ("Smith", "", NULL);
  g_autofree char *nothing = wm_name_key (NULL, NULL, NULL);

  g_assert_cmpstr (full, ==, "zoe otest b801200005001");
  g_assert_cmpstr (no_upn, ==, "ann smithjones");
  g_assert_cmpstr (no_forename, ==, "smith b801200005001");
  g_assert_cmpstr (empty_forename, ==, "smith");
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_match_apostrophe (void)
{
  g_autofree char *key = wm_name_key ("O'Test", "Ann", NULL);

  g_assert_true (wm_name_key_matches (key, "O'Test"));
  g_assert_true (wm_name_key_matches (key, "O’Test"));
  g_assert_true (wm_name_key_matches (key, "OTest"));
  g_assert_true (wm_name_key_matches (key, "otest"));
  g_assert_true (wm_name_key_matches (key, "ann o'test"));
  g_assert_false (wm_name_key_matches (key, "OTests"));
}

static void
test_match_curly_apostrophe_key (void)
{
  g_autofree char *key = wm_name_key ("O’Test", "Ann", NULL);

  g_assert_true (wm_name_key_matches (key, "O'Test"));
  g_assert_true (wm_name_key_matches (key, "OTest"));
}

static void
test_match_accent (void)
{
  g_autofree char *accented = wm_name_key ("Test", "Zoë", NULL);
  g_autofree char *plain = wm_name_key ("Test", "Zoe", NULL);

  g_assert_true (wm_name_key_matches (accented, "Zoe"));
  g_assert_true (wm_name_key_matches (accented, "ZOE"));
  g_assert_true (wm_name_key_matches (accented, "Zoë"));
  g_assert_true (wm_name_key_matches (plain, "Zoë"));
  g_assert_false (wm_name_key_matches (accented, "Zoey"));
}

/* Hyphens are removed, so the joined name is found typed with the hyphen,
 * without it, with a space, or by either half. */
static void
test_match_hyphen (void)
{
  g_autofree char *key = wm_name_key ("Smith-Jones", "Ann", NULL);

  g_assert_true (wm_name_key_matches (key, "smithjones"));
  g_assert_true (wm_name_key_matches (key, "smith-jones"));
  g_assert_true (wm_name_key_matches (key, "Smith–Jones"));
  g_assert_true (wm_name_key_matches (key, "jones"));
  g_assert_true (wm_name_key_matches (key, "smith jones"));
  g_assert_false (wm_name_key_matches (key, "jones-smith"));
}

static void
test_match_upn_prefix (void)
{
  g_autofree char *key = wm_name_key ("Test", "Ann", "B801200005001");

  g_assert_true (wm_name_key_matches (key, "B8012"));
  g_assert_true (wm_name_key_matches (key, "b8012"));
  g_assert_true (wm_name_key_matches (key, "B801200005001"));
  g_assert_true (wm_name_key_matches (key, "ann b8012"));
  g_assert_false (wm_name_key_matches (key, "B8013"));
}

static void
test_match_every_word (void)
{
  g_autofree char *key = wm_name_key ("O'Test", "Zoë", "B801200005001");

  g_assert_true (wm_name_key_matches (key, "zoe test"));
  g_assert_true (wm_name_key_matches (key, "test zoe"));
  g_assert_false (wm_name_key_matches (key, "zoe smith"));

  /* A query with no words, such as an empty search entry, shows all. */
  g_assert_true (wm_name_key_matches (key, ""));
  g_assert_true (wm_name_key_matches (key, "  - "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/names/fold/accents", test_fold_accents);
  g_test_add_func ("/names/fold/apostrophes", test_fold_apostrophes);
  g_test_add_func ("/names/fold/hyphens", test_fold_hyphens);
  g_test_add_func ("/names/fold/punctuation-and-spaces",
                   test_fold_punctuation_and_spaces);
  g_test_add_func ("/names/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/names/key/parts", test_key_parts);
  g_test_add_func ("/names/match/apostrophe", test_match_apostrophe);
  g_test_add_func ("/names/match/curly-apostrophe-key",
                   test_match_curly_apostrophe_key);
  g_test_add_func ("/names/match/accent", test_match_accent);
  g_test_add_func ("/names/match/hyphen", test_match_hyphen);
  g_test_add_func ("/names/match/upn-prefix", test_match_upn_prefix);
  g_test_add_func ("/names/match/every-word", test_match_every_word);

  return g_test_run ();
}
