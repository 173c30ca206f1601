/* wm-i18n-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gettext keywords of the core. Include this in core .c files only,
 * never in a header: the window's files define the same names through
 * <glib/gi18n.h>.
 *
 * _() translates unless the calling thread is inside an English scope
 * (see wm-i18n.c). N_() only marks a string in a static table, to be
 * translated where it is shown. wm_ngettext() picks the plural form of
 * the language, or the English one inside an English scope.
 *
 * E_() marks the text of an error message (the format of g_set_error(),
 * g_prefix_error() and the like). It translates inside an English scope
 * too, because an error is shown to the officer and is not written into
 * the document that the scope keeps English (see wm_error_gettext()).
 */

#pragma once

#include "wm-i18n.h"

#define _(String) wm_gettext (String)
#define N_(String) (String)
#define E_(String) wm_error_gettext (String)
