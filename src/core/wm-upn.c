/* wm-upn.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-upn.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * A unique pupil number (UPN) has 13 characters: a check letter, a 3-digit
 * local authority number, a 4-digit establishment number, a 2-digit year
 * of allocation and a 3-digit serial. A temporary UPN ends in a letter
 * instead of the serial's last digit.
 *
 * The check letter: multiply characters 2 to 13 by the weights 2 to 13
 * (a final letter counts as its index in the table below), sum, take the
 * remainder modulo 23 and look it up in the table. The table leaves out
 * I, O and S, so those letters never appear as a check letter or as the
 * final letter of a temporary UPN.
 */
#define UPN_LENGTH 13

static const char check_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

G_STATIC_ASSERT (sizeof check_letters - 1 == 23);

/* Returns the index of @c in the check-letter table, or -1. */
static int
check_letter_index (char c)
{
  const char *found;

  if (c == '\0')
    return -1;

  found = strchr (check_letters, c);
  return found != NULL ? (int) (found - check_letters) : -1;
}

/* Returns the value of character @i (counted from 0) in the weighted sum,
 * or -1 when the character cannot appear at that position. */
static int
character_value (const char *upn,
                 gsize       i)
{
  char c = upn[i];

  if (g_ascii_isdigit (c))
    return c - '0';
  if (i == UPN_LENGTH - 1)
    return check_letter_index (c);

  return -1;
}

/**
 * wm_upn_check_letter:
 * @upn: a UPN of 13 characters; its first character is ignored, so a
 *   placeholder can stand there while a new UPN is made
 *
 * Computes the check letter that characters 2 to 13 of @upn give.
 *
 * Returns: the check letter, or `'\0'` when @upn does not have 13
 *   characters or characters 2 to 13 are not 11 digits followed by a
 *   digit or a letter of the check-letter table
 */
char
wm_upn_check_letter (const char *upn)
{
  guint sum = 0;

  g_return_val_if_fail (upn != NULL, '\0');

  if (strlen (upn) != UPN_LENGTH)
    return '\0';

  for (gsize i = 1; i < UPN_LENGTH; i++)
    {
      int value = character_value (upn, i);

      if (value < 0)
        return '\0';

      /* Character i, counted from 0, is character i + 1 and has weight
       * i + 1. */
      sum += (guint) value * (guint) (i + 1);
    }

  return check_letters[sum % 23];
}

/**
 * wm_upn_is_temporary:
 * @upn: a UPN
 *
 * Checks whether @upn has the form of a temporary UPN: 13 characters
 * ending in a letter of the check-letter table. It does not check the
 * rest of the UPN, which is what wm_upn_validate() is for.
 *
 * Returns: %TRUE for a temporary UPN
 */
gboolean
wm_upn_is_temporary (const char *upn)
{
  g_return_val_if_fail (upn != NULL, FALSE);

  return strlen (upn) == UPN_LENGTH
         && check_letter_index (upn[UPN_LENGTH - 1]) >= 0;
}

static gboolean
check_length (const char  *upn,
              GError     **error)
{
  glong length;

  if (!g_utf8_validate (upn, -1, NULL))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("UPN is not valid text: a UPN is 13 capital letters "
                      "and digits"));
      return FALSE;
    }

  length = g_utf8_strlen (upn, -1);
  if (length != UPN_LENGTH)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: %s is the UPN and %ld its length in
                    * characters. A temporary UPN is used until the permanent
                    * one is known. */
                   E_("UPN “%s” has %ld characters; a UPN has 13: a check "
                      "letter, then 12 digits, the last of which may be a "
                      "letter in a temporary UPN"),
                   upn, length);
      return FALSE;
    }

  /* 13 characters in more than 13 bytes: some are not ASCII. */
  if (strlen (upn) != UPN_LENGTH)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("UPN “%s” has characters other than capital letters "
                      "and digits; a UPN is 13 capital letters and digits"),
                   upn);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_capitals (const char  *upn,
                GError     **error)
{
  g_autofree char *upper = NULL;

  for (const char *p = upn; *p != '\0'; p++)
    if (g_ascii_islower (*p))
      {
        upper = g_ascii_strup (upn, -1);
        g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                     /* Translators: the first %s is the UPN as typed, the
                      * second the same UPN in capitals. */
                     E_("UPN “%s” has lower-case letters; UPNs are written in "
                        "capitals (“%s”)"),
                     upn, upper);
        return FALSE;
      }

  return TRUE;
}

/* Checks that each character is of the kind its position requires. */
static gboolean
check_characters (const char  *upn,
                  GError     **error)
{
  if (check_letter_index (upn[0]) < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: %s is the UPN and %c its first character,
                    * the check letter. Keep the letters I, O and S as they
                    * are. */
                   E_("UPN “%s” starts with “%c”, which is not a check "
                      "letter: it must be a capital letter other than I, O "
                      "or S"),
                   upn, upn[0]);
      return FALSE;
    }

  for (gsize i = 1; i < UPN_LENGTH - 1; i++)
    if (!g_ascii_isdigit (upn[i]))
      {
        g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                     /* Translators: %s is the UPN, %c the wrong character
                      * and %u its position in the UPN, counting from 1. */
                     E_("UPN “%s” has “%c” at character %u, where a digit is "
                        "required"),
                     upn, upn[i], (guint) (i + 1));
        return FALSE;
      }

  if (character_value (upn, UPN_LENGTH - 1) < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: %s is the UPN and %c its last character.
                    * Keep the letters I, O and S as they are. */
                   E_("UPN “%s” ends in “%c”: the last character must be a "
                      "digit, or in a temporary UPN a capital letter other "
                      "than I, O or S"),
                   upn, upn[UPN_LENGTH - 1]);
      return FALSE;
    }

  return TRUE;
}

/**
 * wm_upn_validate:
 * @upn: a UPN as received
 * @error: return location for a #GError
 *
 * Checks a unique pupil number: 13 characters, a capital check letter,
 * 11 digits, a final digit or (in a temporary UPN) a final letter, and a
 * check letter that matches the one the other 12 characters give. Lower
 * case is rejected rather than corrected, because a UPN is stored exactly
 * as received.
 *
 * Returns: %TRUE when @upn is valid; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT saying what is wrong, such as "UPN
 *   “A801200005001” has check letter A but its digits give B"
 */
gboolean
wm_upn_validate (const char  *upn,
                 GError     **error)
{
  char expected;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (upn == NULL || upn[0] == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   E_("UPN is missing: a UPN has 13 characters"));
      return FALSE;
    }

  if (!check_length (upn, error) || !check_capitals (upn, error)
      || !check_characters (upn, error))
    return FALSE;

  expected = wm_upn_check_letter (upn);
  if (upn[0] != expected)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                   /* Translators: %s is the UPN, the first %c its check
                    * letter and the second %c the letter its digits give. */
                   E_("UPN “%s” has check letter %c but its digits give %c; "
                      "check the UPN against the school's records"),
                   upn, upn[0], expected);
      return FALSE;
    }

  return TRUE;
}
