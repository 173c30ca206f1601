/* wm-json-writer.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Writes pretty-printed JSON straight into a string, in the exact layout
 * of json-glib's JsonGenerator with "pretty" set (two spaces per level,
 * `"key" : value`, `[]` for an empty array). Objects and arrays are
 * opened and closed as they are written, so nothing is built in memory
 * first.
 */
typedef struct
{
  GString *out;
  guint    depth;

  /* the depth the writer started at, where no separator is written */
  guint    base;

  /* bit n: the object or array at depth n already has a member */
  guint64  started;
} WmJsonWriter;

void wm_json_writer_init         (WmJsonWriter *writer,
                                  GString      *out,
                                  guint         depth);

void wm_json_writer_begin_object (WmJsonWriter *writer,
                                  const char   *key);
void wm_json_writer_end_object   (WmJsonWriter *writer);
void wm_json_writer_begin_array  (WmJsonWriter *writer,
                                  const char   *key);
void wm_json_writer_end_array    (WmJsonWriter *writer);

void wm_json_writer_string       (WmJsonWriter *writer,
                                  const char   *key,
                                  const char   *value);
void wm_json_writer_int          (WmJsonWriter *writer,
                                  const char   *key,
                                  gint64        value);
void wm_json_writer_boolean      (WmJsonWriter *writer,
                                  const char   *key,
                                  gboolean      value);
void wm_json_writer_null         (WmJsonWriter *writer,
                                  const char   *key);

void wm_json_escape_append       (GString      *out,
                                  const char   *text);

G_END_DECLS
