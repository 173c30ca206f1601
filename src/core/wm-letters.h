/* wm-letters.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-document.h"
#include "wm-store-records.h"

G_BEGIN_DECLS

/*
 * Letters made from a finalised legal step and frozen in the store. The
 * law addresses each parent separately, so a warning letter, a Notice to
 * Improve, a meeting invitation or a home visit's calling card becomes
 * one letter per parent with parental responsibility, each rendered to PDF and stored with the text
 * it was rendered from. Each letter has an audit entry carrying the
 * SHA-256 of its PDF and of its text, which wm_store_verify() checks.
 */

/**
 * WmLetterDetails:
 * @school_address: (nullable): the school's postal address, lines
 *   separated by newlines; %NULL prints "Address not set"
 * @school_phone: (nullable): the school's telephone number
 * @officer_name: the signatory's name
 * @officer_role: the signatory's role, such as "Attendance officer"
 * @officer_phone: (nullable): the number a parent is asked to call
 * @author: (nullable): who made the letters, stored with each
 * @date: the date printed on the letters; %WM_DAY_NONE uses the record's
 *   date (the date sent or issued, or for a meeting invitation today)
 * @values: (nullable) (element-type utf8 utf8): further merge fields the
 *   officer gives when making the letters and the record does not hold,
 *   such as `meeting.time`, `meeting.place`, `notice.target`,
 *   `notice.review`, `support.given` and `support.offered`. A value the
 *   record contains is taken from the record, not from here.
 * @templates_dir: (nullable): the folder of letter templates; %NULL uses
 *   the installed ones
 *
 * What a letter needs that is not in the case record: the letterhead,
 * the signatory and the officer's own additions. The school's address,
 * telephone and signatory entered in the preferences (see
 * wm_store_set_school_details()) take the place of @school_address,
 * @school_phone, @officer_name and @officer_role; these fill in what the
 * school's details leave empty.
 */
typedef struct
{
  const char *school_address;
  const char *school_phone;
  const char *officer_name;
  const char *officer_role;
  const char *officer_phone;
  const char *author;
  WmDay       date;
  GHashTable *values;
  const char *templates_dir;
} WmLetterDetails;

/**
 * WmLetterInfo:
 * @id: the letter's id
 * @record_id: the record it was made from
 * @contact_id: the contact (parent) it is addressed to
 * @template: the template's file name, such as "warning-letter.txt"
 * @day: the date printed on the letter
 * @addressee: the parent's name as printed on the letter
 * @created_at: when it was made, a UTC timestamp
 * @created_by: (nullable): who made it
 * @sha256: the SHA-256 of its PDF, in hexadecimal
 * @text: the filled text the PDF was rendered from: letterhead,
 *   addressee, date, subject, body and signature, as paragraphs separated
 *   by blank lines
 *
 * A stored letter, without its PDF (see wm_letters_get_pdf()).
 */
typedef struct
{
  gint64  id;
  gint64  record_id;
  gint64  contact_id;
  char   *template;
  WmDay   day;
  char   *addressee;
  char   *created_at;
  char   *created_by;
  char   *sha256;
  char   *text;
} WmLetterInfo;

void        wm_letter_info_free            (WmLetterInfo          *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmLetterInfo, wm_letter_info_free)

const char *wm_letters_template_for_kind   (const char            *kind);
const char *wm_letters_template_for_record (const WmRecord        *record);
GArray     *wm_letters_generate            (WmStore               *store,
                                            gint64                 record_id,
                                            const WmLetterDetails *details,
                                            GError               **error);
GPtrArray  *wm_letters_list                (WmStore               *store,
                                            gint64                 record_id,
                                            GError               **error);
GBytes     *wm_letters_get_pdf             (WmStore               *store,
                                            gint64                 letter_id,
                                            GError               **error);
void        wm_letter_info_add_to_section  (const WmLetterInfo    *info,
                                            WmSection             *section);

G_END_DECLS
