/* wm-i18n.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which text follows the user's language, and which stays English.
 *
 * The window, the command line's messages (errors, progress, --help) and
 * the reasons and labels the window shows follow the locale: the language
 * of LANGUAGE or LC_MESSAGES, the month names of LC_TIME and the decimal
 * mark of LC_NUMERIC.
 *
 * Everything that leaves Waymark as a document or as data stays English,
 * byte for byte, whatever the locale. The evidence bundle and the letters
 * are read by English courts and, by default, by English-speaking
 * parents. Text stored in the database (the reason of a level change) is
 * printed in a later bundle. The --evaluate output is read by scripts. The --due list is read by a person, so it follows the locale. The code that writes such text runs inside an English scope,
 * wm_i18n_english_begin() to wm_i18n_english_end(), and the core's
 * strings, dates and numbers come out English within it.
 *
 * The scope belongs to the calling thread, so a bundle rendered on a
 * worker cannot turn the window's labels English for a moment, and it
 * nests, so a letter rendered inside a bundle ends only its own scope.
 * Strings kept in static tables (record kinds, field labels, choices) are
 * marked with N_() and stay English in the tables; the window translates
 * them where it shows them, with g_dgettext (GETTEXT_PACKAGE, ...).
 */

#include "wm-i18n.h"

#include <langinfo.h>

/* The depth of nested English scopes on this thread, 0 outside any. */
static GPrivate english_depth;

static guint
get_depth (void)
{
  return GPOINTER_TO_UINT (g_private_get (&english_depth));
}

/**
 * wm_i18n_english_begin:
 *
 * Starts an English scope on the calling thread: until the matching
 * wm_i18n_english_end(), the core's translatable strings, dates and
 * numbers are English whatever the locale. Scopes nest.
 */
void
wm_i18n_english_begin (void)
{
  g_private_set (&english_depth, GUINT_TO_POINTER (get_depth () + 1));
}

/**
 * wm_i18n_english_end:
 *
 * Ends the innermost English scope that wm_i18n_english_begin() started
 * on the calling thread.
 */
void
wm_i18n_english_end (void)
{
  guint depth = get_depth ();

  g_return_if_fail (depth > 0);

  g_private_set (&english_depth, GUINT_TO_POINTER (depth - 1));
}

/**
 * wm_i18n_is_english:
 *
 * Returns: whether the calling thread is inside an English scope
 */
gboolean
wm_i18n_is_english (void)
{
  return get_depth () > 0;
}

/**
 * wm_gettext:
 * @msgid: an English string marked for translation
 *
 * Translates @msgid into the user's language with the Waymark catalogue,
 * or returns it unchanged inside an English scope.
 *
 * Returns: (transfer none): the text to show
 */
const char *
wm_gettext (const char *msgid)
{
  if (wm_i18n_is_english ())
    return msgid;

  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/**
 * wm_error_gettext:
 * @msgid: the English text of an error message, marked with E_()
 *
 * Translates @msgid into the user's language with the Waymark catalogue,
 * inside an English scope too. An error is never part of the document
 * that the scope keeps English: it stops the letter, the bundle or the
 * --evaluate output from being made, and the officer who asked for it
 * reads why in the window or on the terminal. So an error raised while a
 * bundle is exported follows the officer's language like any other.
 * An error whose message a document prints (the improvement period's
 * errors in wm-deadlines.c) uses _() instead, so it follows the scope.
 *
 * Returns: (transfer none): the text to show
 */
const char *
wm_error_gettext (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/**
 * wm_ngettext:
 * @msgid: the English singular
 * @msgid_plural: the English plural
 * @n: the number the text is about
 *
 * Picks the form of the user's language for @n (Welsh has six), or the
 * English singular or plural inside an English scope.
 *
 * Returns: (transfer none): the text to show
 */
const char *
wm_ngettext (const char *msgid,
             const char *msgid_plural,
             gulong      n)
{
  if (wm_i18n_is_english ())
    return n == 1 ? msgid : msgid_plural;

  return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
}

/**
 * wm_decimal_mark:
 *
 * Gives the mark between the whole and the decimal part of a number: the
 * locale's (LC_NUMERIC, as set for the calling thread) outside an English
 * scope, and a full stop inside one.
 *
 * Returns: (transfer none): the decimal mark
 */
const char *
wm_decimal_mark (void)
{
  const char *mark;

  if (wm_i18n_is_english ())
    return ".";

  mark = nl_langinfo (RADIXCHAR);
  return mark != NULL && *mark != '\0' ? mark : ".";
}

/**
 * wm_i18n_vformat_twice:
 * @english: (out) (transfer full): @msgid filled in, in English
 * @shown: (out) (transfer full): the translation of @msgid filled in, in
 *   the user's language (English too inside an English scope)
 * @msgid: an English printf format, marked with N_() where it is written
 * @msgid_plural: (nullable): the English plural of @msgid, picked by @n,
 *   or %NULL when the text has no count
 * @n: the count that picks the plural form
 * @args: the arguments of the format
 *
 * Fills in one message in two languages from the same arguments. An
 * import's warnings need both. The English text is stored with the
 * import, like every other stored reason, so the record reads the same to
 * every officer who opens it later. The translation is what the officer
 * who ran the import reads now. Both formats take the same arguments in
 * the same order, which the translation may reorder with `%1$s` and the
 * like.
 */
void
wm_i18n_vformat_twice (char       **english,
                       char       **shown,
                       const char  *msgid,
                       const char  *msgid_plural,
                       gulong       n,
                       va_list      args)
{
  const char *format = msgid;
  va_list copy;

  if (msgid_plural != NULL)
    format = n == 1 ? msgid : msgid_plural;

  va_copy (copy, args);
  *english = g_strdup_vprintf (format, copy);
  va_end (copy);

  if (msgid_plural != NULL)
    *shown = g_strdup_vprintf (wm_ngettext (msgid, msgid_plural, n), args);
  else
    *shown = g_strdup_vprintf (wm_gettext (msgid), args);
}
