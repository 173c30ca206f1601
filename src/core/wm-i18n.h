/* wm-i18n.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        wm_i18n_english_begin (void);
void        wm_i18n_english_end   (void);
gboolean    wm_i18n_is_english    (void);
const char *wm_gettext            (const char *msgid) G_GNUC_FORMAT (1);
const char *wm_error_gettext      (const char *msgid) G_GNUC_FORMAT (1);
const char *wm_ngettext           (const char *msgid,
                                   const char *msgid_plural,
                                   gulong      n) G_GNUC_FORMAT (1)
                                                  G_GNUC_FORMAT (2);
const char *wm_decimal_mark       (void);
void        wm_i18n_vformat_twice (char       **english,
                                   char       **shown,
                                   const char  *msgid,
                                   const char  *msgid_plural,
                                   gulong       n,
                                   va_list      args) G_GNUC_PRINTF (3, 0);

/**
 * WmEnglishScope:
 *
 * An English scope that ends with the variable that holds it:
 * `g_auto(WmEnglishScope) english = wm_english_scope_begin ();` makes the
 * rest of the block English, whichever way it returns.
 */
typedef gboolean WmEnglishScope;

static inline WmEnglishScope
wm_english_scope_begin (void)
{
  wm_i18n_english_begin ();
  return TRUE;
}

static inline void
wm_english_scope_end (WmEnglishScope *scope)
{
  if (*scope)
    wm_i18n_english_end ();
  *scope = FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmEnglishScope, wm_english_scope_end)

G_END_DECLS
