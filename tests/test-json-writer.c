/* test-json-writer.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON writer must print exactly what json-glib's pretty generator
 * prints for the same values, because `--evaluate --format=json` moved
 * from one to the other and scripts compare its output byte for byte.
 */

#include <json-glib/json-glib.h>

#include "wm-json-writer.h"

/* Every byte from 0x01 to 0x7f, then UTF-8 (a Welsh ŵ, an Irish á). */
static char *
every_ascii_byte (void)
{
  GString *text = g_string_new (NULL);

  for (guint c = 1; c < 0x80; c++)
    g_string_append_c (text, (char) c);
  g_string_append (text, "ŵ Seán");
  return g_string_free (text, FALSE);
}

static char *
print_with_json_glib (const char *awkward)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, awkward);
  json_builder_set_member_name (builder, awkward);
  json_builder_add_int_value (builder, G_MININT64);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 0);
  json_builder_add_null_value (builder);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deep");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "empty");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "last");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
print_with_writer (const char *awkward)
{
  GString *out = g_string_new (NULL);
  WmJsonWriter writer;

  wm_json_writer_init (&writer, out, 0);
  wm_json_writer_begin_object (&writer, NULL);
  wm_json_writer_string (&writer, "text", awkward);
  wm_json_writer_int (&writer, awkward, G_MININT64);
  wm_json_writer_begin_array (&writer, "list");
  wm_json_writer_int (&writer, NULL, 0);
  wm_json_writer_null (&writer, NULL);
  wm_json_writer_boolean (&writer, NULL, TRUE);
  wm_json_writer_begin_object (&writer, NULL);
  wm_json_writer_begin_array (&writer, "deep");
  wm_json_writer_end_array (&writer);
  wm_json_writer_end_object (&writer);
  wm_json_writer_begin_object (&writer, NULL);
  wm_json_writer_end_object (&writer);
  wm_json_writer_end_array (&writer);
  wm_json_writer_begin_array (&writer, "empty");
  wm_json_writer_end_array (&writer);
  wm_json_writer_boolean (&writer, "last", FALSE);
  wm_json_writer_end_object (&writer);
  return g_string_free (out, FALSE);
}

/* Keys and strings with every ASCII byte, the smallest integer, nesting
 * and empty containers come out as json-glib prints them. */
static void
test_same_as_json_glib (void)
{
  g_autofree char *awkward = every_ascii_byte ();
  g_autofree char *expected = print_with_json_glib (awkward);
  g_autofree char *written = print_with_writer (awkward);

  g_assert_cmpstr (written, ==, expected);
}

/* The escapes written out, so that a change in both json-glib and the
 * writer would still be seen: 0x1f is left as it is, as json-glib does. */
static void
test_escapes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  wm_json_escape_append (out, "a\"b\\c\b\f\n\r\t\x01\x1e\x1f\x7f/é");
  g_assert_cmpstr (out->str, ==,
                   "a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001e\x1f\\u007f/é");
}

/* A long string with escapes spread through it comes out as json-glib
 * prints it, though the writer's buffer grows many times while it is
 * written: the writer copies plain runs straight into the buffer while
 * there is room and lets GLib grow it when there is not. */
static void
test_long_string_as_json_glib (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (long_text, i % 7 == 0 ? "\"Seán\"\t" : "ŵ abc\x01");

  expected = print_with_json_glib (long_text->str);
  written = print_with_writer (long_text->str);
  g_assert_cmpuint (strlen (written), >, 50000);
  g_assert_cmpstr (written, ==, expected);
}

/* A writer started at a depth indents its values as if it were inside
 * that many containers. */
static void
test_layout_at_depth (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  WmJsonWriter writer;

  wm_json_writer_init (&writer, out, 1);
  wm_json_writer_begin_object (&writer, NULL);
  wm_json_writer_string (&writer, "upn", "A123");
  wm_json_writer_begin_array (&writer, "routes");
  wm_json_writer_string (&writer, NULL, "safeguarding");
  wm_json_writer_end_array (&writer);
  wm_json_writer_null (&writer, "date");
  wm_json_writer_end_object (&writer);

  g_assert_cmpstr (out->str, ==,
                   "  {\n"
                   "    \"upn\" : \"A123\",\n"
                   "    \"routes\" : [\n"
                   "      \"safeguarding\"\n"
                   "    ],\n"
                   "    \"date\" : null\n"
                   "  }");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-writer/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/json-writer/long-string-as-json-glib",
                   test_long_string_as_json_glib);
  g_test_add_func ("/json-writer/escapes", test_escapes);
  g_test_add_func ("/json-writer/layout-at-depth", test_layout_at_depth);

  return g_test_run ();
}
