/* wm-letter.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-date.h"
#include "wm-document.h"

G_BEGIN_DECLS

/*
 * A letter to one parent: a letterhead (the school's name and address),
 * the date, the addressee (one parent's name and address), a subject
 * line, body paragraphs and the signatory. Its subject and body come from
 * a plain-text template (data/letters/) with merge fields such as
 * {pupil.forename}; the other parts come from fields too, so that one
 * table of values makes the whole letter.
 *
 * Template format: lines starting with '#' are notes for the template's
 * editors and are not printed. The first other line is
 * "Subject: ..."; then paragraphs separated by blank lines. The lines of
 * a paragraph are joined with spaces. "{{" and "}}" print one brace.
 */

typedef struct _WmLetter WmLetter;

const char * const *wm_letter_get_known_fields (void);

char               *wm_letter_fill_template    (const char   *text,
                                                const char   *source,
                                                guint         first_line,
                                                GHashTable   *values,
                                                GError      **error);

WmLetter           *wm_letter_new              (const char   *template_text,
                                                const char   *source,
                                                GHashTable   *values,
                                                WmDay         date,
                                                GError      **error);
WmLetter           *wm_letter_new_from_file    (const char   *path,
                                                GHashTable   *values,
                                                WmDay         date,
                                                GError      **error);
void                wm_letter_free             (WmLetter     *letter);

const char         *wm_letter_get_subject      (const WmLetter *letter);
const char * const *wm_letter_get_paragraphs   (const WmLetter *letter);
const char         *wm_letter_get_addressee    (const WmLetter *letter);
WmDay               wm_letter_get_date         (const WmLetter *letter);

void                wm_letter_add_to_section   (const WmLetter *letter,
                                                WmSection      *section);
WmDocument         *wm_letter_to_document      (const WmLetter *letter);
gboolean            wm_letter_render_to_file   (const WmLetter *letter,
                                                const char     *path,
                                                GCancellable   *cancellable,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmLetter, wm_letter_free)

G_END_DECLS
