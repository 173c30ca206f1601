/* wm-ctf-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>

#include "wm-ctf.h"
#include "wm-error.h"
#include "wm-warnings-private.h"

G_BEGIN_DECLS

/* Shared by the parts of the reader: wm-ctf.c runs libxml2's streaming
 * reader and handles the header, wm-ctf-pupil.c the elements of each
 * pupil, and wm-ctf-marks.c checks and decodes the marks strings once the
 * whole file has been read. */

/* The state of one file being read. */
typedef struct
{
  /* The input. */
  WmCtfFile        *file;
  GInputStream     *stream;
  goffset           size;
  GCancellable     *cancellable;
  GChecksum        *checksum;
  xmlTextReaderPtr  reader;

  /* Failures seen inside libxml2's callbacks, raised after them. */
  GError           *io_error;
  char             *xml_error;
  int               xml_error_line;
  GString          *generic_error;

  /* Facts from the read callback, to tell a truncated file from others. */
  gboolean          at_end_of_file;
  guint             n_lines;
  gsize             n_bytes_read;
  gboolean          looks_like_xml;

  WmProgressFunc    progress;
  gpointer          progress_data;
  double            reported_fraction;

  /* The element path from the root, such as "CTfile/Header/CTFversion",
   * with the path length and start line saved for each open element. */
  GString          *path;
  GArray           *open_lengths;
  GArray           *open_lines;
  GString          *text;
  guint             line;

  /* The parts read so far. */
  gboolean          seen_header;
  guint             root_line;
  guint             header_line;
  WmCtfPupil       *pupil;
  WmCtfContact     *contact;
  WmCtfYearData    *year;
  GPtrArray        *address_parts;
  char             *address_last_element;
  GPtrArray        *phones;
  char             *phone_type;
  char             *phone_number;
  GPtrArray        *emails;
  GHashTable       *upn_lines;
} WmCtfParser;

void        _wm_ctf_set_string          (char          **field,
                                         const char     *value);
void        _wm_ctf_set_error           (WmCtfParser    *parser,
                                         GError        **error,
                                         WmError         code,
                                         guint           line,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (5, 6);
void        _wm_ctf_add_warning         (WmCtfParser    *parser,
                                         guint           line,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (3, 4);
gboolean    _wm_ctf_has_digits_only     (const char     *text,
                                         gsize           length);
gboolean    _wm_ctf_check_text          (WmCtfParser    *parser,
                                         guint           line,
                                         const char     *element,
                                         const char     *text,
                                         gboolean        multi_line,
                                         GError        **error);

WmCtfPupil *_wm_ctf_pupil_new           (guint           line);
void        _wm_ctf_pupil_free          (WmCtfPupil     *pupil);
void        _wm_ctf_start_pupil_element (WmCtfParser    *parser,
                                         const char     *relative);
gboolean    _wm_ctf_end_pupil_element   (WmCtfParser    *parser,
                                         const char     *relative,
                                         char          **text,
                                         GError        **error);
gboolean    _wm_ctf_finish_pupil        (WmCtfParser    *parser,
                                         GError        **error);

void        _wm_ctf_year_data_free      (WmCtfYearData  *year);
gboolean    _wm_ctf_decode_marks        (WmCtfFile      *file,
                                         GError        **error);
char       *_wm_ctf_describe_session    (WmDay           day,
                                         WmSession       session);

G_END_DECLS
