/* wm-names.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-names.h"

#include <string.h>

/*
 * Names are searched through a folded key, so that what an officer types
 * finds the name however the school's system wrote it: `OTest`, `O'Test`
 * and `O’Test` are one name, `Zoe` finds `Zoë`, and `smithjones` finds
 * `Smith-Jones`. The stored name itself is never changed.
 */

/*
 * Characters that join parts of a name: apostrophes (straight, curly,
 * the modifier letter apostrophe, the grave and acute accents typed in
 * their place) and hyphens and dashes. They are removed rather than made
 * into spaces, so that a name typed without them still matches.
 * U+02BC is a letter and U+00AD a format character to Unicode, so
 * g_unichar_ispunct() does not catch them.
 */
static const gunichar joining_marks[] = {
  0x0027, /* ' */
  0x0060, /* ` */
  0x00B4, /* acute accent */
  0x02BB, /* modifier letter turned comma */
  0x02BC, /* modifier letter apostrophe */
  0x2018, /* left single quotation mark */
  0x2019, /* right single quotation mark */
  0x002D, /* hyphen-minus */
  0x00AD, /* soft hyphen */
  0x2010, /* hyphen */
  0x2011, /* non-breaking hyphen */
  0x2013, /* en dash */
  0x2014, /* em dash */
  0x2212, /* minus sign */
};

/*
 * Lower-case letters that carry an accent but have no Unicode
 * decomposition, so that removing combining marks leaves them unchanged.
 * They are written as the letters an English keyboard types for them.
 */
static const struct
{
  gunichar    letter;
  const char *ascii;
} plain_letters[] = {
  { 0x00E6, "ae" }, /* æ */
  { 0x00F0, "d" },  /* ð */
  { 0x00F8, "o" },  /* ø */
  { 0x00FE, "th" }, /* þ */
  { 0x0111, "d" },  /* đ */
  { 0x0127, "h" },  /* ħ */
  { 0x0131, "i" },  /* dotless i */
  { 0x0142, "l" },  /* ł */
  { 0x0153, "oe" }, /* œ */
  { 0x0167, "t" },  /* ŧ */
};

static gboolean
is_joining_mark (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (joining_marks); i++)
    if (joining_marks[i] == c)
      return TRUE;

  return FALSE;
}

static const char *
plain_letter (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (plain_letters); i++)
    if (plain_letters[i].letter == c)
      return plain_letters[i].ascii;

  return NULL;
}

/* Whether @c is left out of a folded name altogether. */
static gboolean
is_dropped (gunichar c)
{
  return is_joining_mark (c) || g_unichar_ismark (c) || g_unichar_ispunct (c)
         || g_unichar_type (c) == G_UNICODE_FORMAT;
}

/*
 * Removes combining marks, punctuation and symbols, writes the letters of
 * plain_letters[] in ASCII, turns each run of whitespace and control
 * characters into one space, and trims.
 */
static char *
filter_name (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *ascii;

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (is_dropped (c))
        continue;

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;

      ascii = plain_letter (c);
      if (ascii != NULL)
        g_string_append (out, ascii);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * wm_name_fold:
 * @text: a name or a search query; invalid UTF-8 is repaired first
 *
 * Folds a name into its search form: lower case (Unicode case folding, so
 * `ß` becomes `ss`), accents removed (compatibility decomposition, then
 * combining marks dropped), apostrophes, hyphens, dots and other
 * punctuation removed, whitespace runs made one space, and the ends
 * trimmed. `O’Test` becomes `otest`, `Zoë` becomes `zoe` and `Smith-Jones`
 * becomes `smithjones`.
 *
 * Returns: (transfer full): the folded text, possibly empty
 */
char *
wm_name_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *filtered = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *redecomposed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* Spacing accents such as U+00B4 decompose into a space and a combining
   * mark, so punctuation goes before the text is decomposed. */
  valid = g_utf8_make_valid (text, -1);
  filtered = filter_name (valid);

  /* Case folding can produce characters with a decomposition of their own,
   * so the text is decomposed again after it. */
  decomposed = g_utf8_normalize (filtered, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (decomposed, -1);
  redecomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);

  return filter_name (redecomposed);
}

/**
 * wm_name_key:
 * @surname: (nullable): the surname
 * @forename: (nullable): the forename
 * @upn: (nullable): the unique pupil number
 *
 * Builds the search key of a pupil: the folded forename, the folded
 * surname and the UPN in lower case, separated by single spaces. Missing
 * and empty parts are left out.
 *
 * Returns: (transfer full): the key, for wm_name_key_matches()
 */
char *
wm_name_key (const char *surname,
             const char *forename,
             const char *upn)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (forename != NULL)
    g_ptr_array_add (parts, wm_name_fold (forename));
  if (surname != NULL)
    g_ptr_array_add (parts, wm_name_fold (surname));
  if (upn != NULL)
    g_ptr_array_add (parts, g_strstrip (g_ascii_strdown (upn, -1)));

  for (guint i = parts->len; i > 0; i--)
    if (((char *) parts->pdata[i - 1])[0] == '\0')
      g_ptr_array_remove_index (parts, i - 1);

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}

/**
 * wm_name_key_matches:
 * @key: a key made by wm_name_key()
 * @query: what the officer typed
 *
 * Checks a search query against a key. The query is folded like a name
 * and split at spaces, and every word must occur somewhere in the key, so
 * `jones` and `smith jones` both find `Smith-Jones`, and the start of a
 * UPN in any case finds the pupil.
 *
 * Returns: %TRUE when every word of @query is in @key; a query with no
 *   words matches every key
 */
gboolean
wm_name_key_matches (const char *key,
                     const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  folded = wm_name_fold (query);
  words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (key, words[i]) == NULL)
      return FALSE;

  return TRUE;
}
