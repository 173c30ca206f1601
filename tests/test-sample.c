/* test-sample.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "wm-codes.h"
#include "wm-date.h"
#include "wm-error.h"
#include "wm-sample.h"
#include "wm-sample-private.h"
#include "wm-upn.h"

/*
 * The sample generator, checked through what it writes: each test
 * generates a file, parses it with libxml2 as the importer does, and
 * recomputes from the marks what the file claims.
 */

/* ---- Reading a generated file ---- */

typedef struct
{
  char  *lea;
  char  *estab;
  guint  possible;
  guint  authorised;
  guint  unauthorised;
  WmDay  start;
  char  *marks;
} YearData;

typedef struct
{
  char      *upn;
  char      *surname;
  char      *forename;
  WmDay      entry;
  WmDay      leaving;
  char      *address_key;
  char      *contacts;
  GPtrArray *years;
} PupilInfo;

typedef struct
{
  GBytes    *bytes;
  xmlDoc    *doc;
  char      *version;
  WmDay      export_day;
  char      *lea;
  char      *estab;
  GPtrArray *pupils;
  gboolean   weekdays;
} Sample;

static void
year_data_free (YearData *year)
{
  g_free (year->lea);
  g_free (year->estab);
  g_free (year->marks);
  g_free (year);
}

static void
pupil_info_free (PupilInfo *pupil)
{
  g_free (pupil->upn);
  g_free (pupil->surname);
  g_free (pupil->forename);
  g_free (pupil->address_key);
  g_free (pupil->contacts);
  g_ptr_array_unref (pupil->years);
  g_free (pupil);
}

static void
sample_free (Sample *sample)
{
  g_bytes_unref (sample->bytes);
  xmlFreeDoc (sample->doc);
  g_free (sample->version);
  g_free (sample->lea);
  g_free (sample->estab);
  g_ptr_array_unref (sample->pupils);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

static GBytes *
generate (const WmSampleOptions *options)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_sample_write_ctf (options, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static xmlNode *
child_element (xmlNode    *node,
               const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
      return child;

  return NULL;
}

static guint
count_children (xmlNode    *node,
                const char *name)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
      n++;

  return n;
}

/* The text of a path of child elements ("BasicDetails/EntryDate"), or
 * NULL when an element on the path is missing. */
static char *
path_text (xmlNode    *node,
           const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  xmlChar *content;
  char *text;

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    node = child_element (node, parts[i]);
  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static guint
path_uint (xmlNode    *node,
           const char *path)
{
  g_autofree char *text = path_text (node, path);
  guint64 value = 0;

  g_assert_nonnull (text);
  g_assert_true (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL));
  return (guint) value;
}

static WmDay
path_day (xmlNode    *node,
          const char *path)
{
  g_autofree char *text = path_text (node, path);

  return text != NULL ? wm_day_from_iso (text) : WM_DAY_NONE;
}

static char *
dump_node (xmlDoc  *doc,
           xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  xmlBuffer *buffer = xmlBufferCreate ();

  xmlNodeDump (buffer, doc, node, 0, 0);
  g_string_append (text, (const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static YearData *
read_year (xmlNode *node)
{
  YearData *year = g_new0 (YearData, 1);

  year->lea = path_text (node, "LEA");
  year->estab = path_text (node, "Estab");
  year->possible = path_uint (node, "SessionsPossible");
  year->authorised = path_uint (node, "SessionsAuthorised");
  year->unauthorised = path_uint (node, "SessionsUnauthorised");
  year->start = path_day (node, "AttendSessions/AttendanceStartDate");
  year->marks = path_text (node, "AttendSessions/AttendanceMarks");
  g_assert_cmpuint (year->start, !=, WM_DAY_NONE);
  g_assert_nonnull (year->marks);
  return year;
}

static PupilInfo *
read_pupil (xmlDoc  *doc,
            xmlNode *node)
{
  PupilInfo *pupil = g_new0 (PupilInfo, 1);
  xmlNode *attendance = child_element (node, "Attendance");
  g_autofree char *paon = path_text (node, "Address/BS7666Address/PAON");
  g_autofree char *street = path_text (node, "Address/BS7666Address/Street");
  g_autofree char *postcode = path_text (node, "Address/PostCode");

  pupil->upn = path_text (node, "UPN");
  pupil->surname = path_text (node, "Surname");
  pupil->forename = path_text (node, "Forename");
  pupil->entry = path_day (node, "BasicDetails/EntryDate");
  pupil->leaving = path_day (node, "BasicDetails/LeavingDate");
  pupil->address_key = g_strdup_printf ("%s|%s|%s", paon, street, postcode);
  pupil->contacts = dump_node (doc, child_element (node, "Contacts"));
  pupil->years = g_ptr_array_new_with_free_func ((GDestroyNotify) year_data_free);

  if (attendance == NULL)
    return pupil;

  for (xmlNode *child = attendance->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      g_ptr_array_add (pupil->years, read_year (child));

  return pupil;
}

static Sample *
read_sample (const WmSampleOptions *options)
{
  Sample *sample = g_new0 (Sample, 1);
  gsize size;
  const char *data;
  xmlNode *root, *header, *pupils;
  g_autofree char *date_time = NULL;

  sample->bytes = generate (options);
  data = g_bytes_get_data (sample->bytes, &size);
  sample->doc = xmlReadMemory (data, (int) size, "sample.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (sample->doc);
  g_assert_null (sample->doc->intSubset);

  root = xmlDocGetRootElement (sample->doc);
  g_assert_cmpstr ((const char *) root->name, ==, "CTfile");
  header = child_element (root, "Header");
  sample->version = path_text (header, "CTFversion");
  sample->lea = path_text (header, "SourceSchool/LEA");
  sample->estab = path_text (header, "SourceSchool/Estab");
  date_time = path_text (header, "DateTime");
  g_assert_cmpuint (strlen (date_time), ==, 19);
  date_time[10] = '\0';
  sample->export_day = wm_day_from_iso (date_time);
  sample->weekdays = options->layout == WM_SAMPLE_LAYOUT_WEEKDAYS;

  sample->pupils = g_ptr_array_new_with_free_func ((GDestroyNotify) pupil_info_free);
  pupils = child_element (root, "CTFpupilData");
  for (xmlNode *node = pupils->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      g_ptr_array_add (sample->pupils, read_pupil (sample->doc, node));

  return sample;
}

static Sample *
read_default_sample (guint n_pupils)
{
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.n_pupils = n_pupils;
  return read_sample (&options);
}

/* The day of each day slot of a marks string: every calendar day, or
 * Monday to Friday only. */
static WmDay
slot_day (WmDay    start,
          guint    slot,
          gboolean weekdays)
{
  WmDay day = start;

  if (!weekdays)
    return start + slot;

  for (guint i = 0; i < slot; i++)
    {
      day++;
      while (wm_day_is_weekend (day))
        day++;
    }

  return day;
}

static guint
days_between (WmDay    first,
              WmDay    last,
              gboolean weekdays)
{
  guint n = 0;

  for (WmDay day = first; day <= last; day++)
    if (!weekdays || !wm_day_is_weekend (day))
      n++;

  return n;
}

static YearData *
source_year (const Sample    *sample,
             const PupilInfo *pupil)
{
  for (guint i = 0; i < pupil->years->len; i++)
    {
      YearData *year = g_ptr_array_index (pupil->years, i);

      if (g_str_equal (year->lea, sample->lea) && g_str_equal (year->estab, sample->estab))
        return year;
    }

  return NULL;
}

/* Session counts of one marks string, from wm_mark_category(). */
typedef struct
{
  guint attended;
  guint possible;
  guint authorised;
  guint unauthorised;
  guint friday_pm_possible;
  guint friday_pm_missed;
} Counts;

static Counts
count_marks (const YearData *year,
             gboolean        weekdays)
{
  Counts counts = { 0, };
  guint n_slots = strlen (year->marks) / 2;
  WmDay day = year->start;

  for (guint slot = 0; slot < n_slots; slot++, day = slot_day (day, 1, weekdays))
    for (guint session = 0; session < 2; session++)
      {
        WmMark mark = wm_mark_from_char (year->marks[2 * slot + session]);
        WmCategory category;
        gboolean friday_pm = session == 1 && wm_day_weekday (day) == G_DATE_FRIDAY;

        g_assert_true (mark == WM_MARK_UNMARKED || wm_mark_is_code (mark));
        if (mark == WM_MARK_UNMARKED)
          continue;

        category = wm_mark_category (mark, day);
        if (category > WM_CATEGORY_UNAUTHORISED)
          continue;

        counts.possible++;
        counts.friday_pm_possible += friday_pm;
        if (category <= WM_CATEGORY_APPROVED_ACTIVITY)
          counts.attended++;
        else
          counts.friday_pm_missed += friday_pm;
        counts.authorised += category == WM_CATEGORY_AUTHORISED;
        counts.unauthorised += category == WM_CATEGORY_UNAUTHORISED;
      }

  return counts;
}

/* The check letter by the published rule, written here again so that the
 * test does not trust the generator's own copy. */
static gboolean
upn_is_valid (const char *upn)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
  guint sum = 0;

  if (upn == NULL || strlen (upn) != 13)
    return FALSE;
  for (guint i = 1; i < 13; i++)
    {
      if (!g_ascii_isdigit (upn[i]))
        return FALSE;
      sum += (guint) (upn[i] - '0') * (i + 1);
    }

  return upn[0] == letters[sum % 23];
}

/* ---- Determinism ---- */

static void
test_same_options_same_bytes (void)
{
  WmSampleOptions options;
  g_autoptr(GBytes) first = NULL, second = NULL, other_seed = NULL;
  g_autofree char *first_hash = NULL, *second_hash = NULL, *other_hash = NULL;

  wm_sample_options_init (&options);
  first = generate (&options);
  second = generate (&options);
  options.seed = 2;
  other_seed = generate (&options);

  first_hash = sha256_of (first);
  second_hash = sha256_of (second);
  other_hash = sha256_of (other_seed);
  g_assert_cmpstr (first_hash, ==, second_hash);
  g_assert_cmpstr (first_hash, !=, other_hash);
}

/* Nothing in the output may come from the clock or the time zone. */
static void
test_same_bytes_in_any_time_zone (void)
{
  WmSampleOptions options;
  g_autoptr(GBytes) london = NULL, auckland = NULL;

  wm_sample_options_init (&options);
  options.n_pupils = 60;
  london = generate (&options);
  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  auckland = generate (&options);
  g_setenv ("TZ", "Europe/London", TRUE);

  g_assert_true (g_bytes_equal (london, auckland));
}

static void
test_file_matches_stream (void)
{
  WmSampleOptions options;
  g_autoptr(GBytes) streamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "sample.xml", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  wm_sample_options_init (&options);
  options.n_pupils = 40;
  streamed = generate (&options);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (wm_sample_write_ctf_file (&options, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length,
                   g_bytes_get_data (streamed, NULL), g_bytes_get_size (streamed));
}

/* ---- Pupils and UPNs ---- */

static void
test_upn_rule (void)
{
  g_assert_true (upn_is_valid ("B801200005001"));
  g_assert_false (upn_is_valid ("A801200005001"));
  g_assert_true (upn_is_valid ("M820000025001"));
}

static void
test_pupils_and_upns (void)
{
  g_autoptr(Sample) sample = read_default_sample (200);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (sample->version, ==, "25.0");
  g_assert_cmpuint (sample->export_day, ==, wm_day_from_ymd (2026, 7, 22));
  g_assert_cmpuint (sample->pupils->len, ==, 200);

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);

      g_autoptr(GError) error = NULL;

      g_assert_true (upn_is_valid (pupil->upn));
      g_assert_true (wm_upn_validate (pupil->upn, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (pupil->upn + 1, "9992001"));
      g_assert_true (g_hash_table_add (seen, pupil->upn));
    }
}

static gboolean
is_nfc (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  return g_utf8_validate (text, -1, NULL) && g_strcmp0 (normal, text) == 0;
}

static void
test_names_apostrophes_and_accents (void)
{
  g_autoptr(Sample) sample = read_default_sample (200);
  guint apostrophes = 0, accents = 0, hyphens = 0;

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      g_autofree char *both = g_strconcat (pupil->surname, " ", pupil->forename, NULL);

      g_assert_true (is_nfc (both));
      apostrophes += strchr (both, '\'') != NULL;
      hyphens += strchr (both, '-') != NULL;
      accents += !g_str_is_ascii (both);
    }

  g_assert_cmpuint (apostrophes, >, 0);
  g_assert_cmpuint (hyphens, >, 0);
  g_assert_cmpuint (accents, >, 0);
}

static void
test_gender_element_and_version (void)
{
  WmSampleOptions options;
  g_autoptr(Sample) sample = NULL;
  xmlNode *pupils;

  wm_sample_options_init (&options);
  options.n_pupils = 30;
  options.use_gender_element = TRUE;
  options.ctf_version = "21.0";
  sample = read_sample (&options);

  g_assert_cmpstr (sample->version, ==, "21.0");
  pupils = child_element (xmlDocGetRootElement (sample->doc), "CTFpupilData");
  g_assert_cmpuint (count_children (pupils, "Pupil"), ==, 30);
  for (xmlNode *pupil = pupils->children; pupil != NULL; pupil = pupil->next)
    if (pupil->type == XML_ELEMENT_NODE)
      {
        g_autofree char *gender = path_text (pupil, "Gender");

        g_assert_null (child_element (pupil, "Sex"));
        g_assert_true (g_strcmp0 (gender, "F") == 0 || g_strcmp0 (gender, "M") == 0);
      }
}

/* A pupils-only file has the same people and no attendance at all. */
static void
test_pupils_only (void)
{
  WmSampleOptions options;
  g_autoptr(Sample) full = NULL, only = NULL;
  const char *data;
  gsize size;

  wm_sample_options_init (&options);
  options.n_pupils = 80;
  full = read_sample (&options);
  options.with_attendance = FALSE;
  only = read_sample (&options);

  data = g_bytes_get_data (only->bytes, &size);
  g_assert_null (g_strstr_len (data, size, "<Attendance>"));
  g_assert_null (g_strstr_len (data, size, "YearData"));
  g_assert_cmpuint (only->pupils->len, ==, 80);

  for (guint i = 0; i < only->pupils->len; i++)
    {
      PupilInfo *a = g_ptr_array_index (full->pupils, i);
      PupilInfo *b = g_ptr_array_index (only->pupils, i);

      g_assert_cmpstr (a->upn, ==, b->upn);
      g_assert_cmpstr (a->forename, ==, b->forename);
      g_assert_cmpuint (b->years->len, ==, 0);
    }
}

/* ---- Marks strings ---- */

/* Every string is as long as its layout and dates require. At this
 * school it runs from the start date to the leaving date or the export
 * date. At an earlier school it ends before the day of joining. A
 * weekday-layout string starts on a weekday, and the totals are those of
 * the marks. */
static void
check_strings (const Sample *sample)
{
  WmDay year_start = wm_day_from_ymd (2025, 9, 1);

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      YearData *ours = source_year (sample, pupil);

      g_assert_nonnull (ours);
      for (guint y = 0; y < pupil->years->len; y++)
        {
          YearData *year = g_ptr_array_index (pupil->years, y);
          Counts counts = count_marks (year, sample->weekdays);
          guint n_slots = strlen (year->marks) / 2;
          WmDay end = slot_day (year->start, n_slots - 1, sample->weekdays);

          g_assert_cmpuint (strlen (year->marks) % 2, ==, 0);
          g_assert_false (sample->weekdays && wm_day_is_weekend (year->start));
          g_assert_cmpuint (counts.possible, ==, year->possible);
          g_assert_cmpuint (counts.authorised, ==, year->authorised);
          g_assert_cmpuint (counts.unauthorised, ==, year->unauthorised);

          if (year != ours)
            {
              g_assert_cmpuint (year->start, ==, year_start);
              g_assert_cmpuint (end, <, pupil->entry);
              continue;
            }

          g_assert_cmpuint (year->start, ==, MAX (pupil->entry, year_start));
          g_assert_cmpuint (n_slots, ==, days_between (year->start,
                                                       pupil->leaving ? pupil->leaving
                                                                      : sample->export_day,
                                                       sample->weekdays));
        }
    }
}

static void
test_strings_weekday_layout (void)
{
  g_autoptr(Sample) sample = read_default_sample (300);

  check_strings (sample);
}

/* An export part-way through the year ends every marks string on or
 * before the export day, and nobody joins or leaves after it. */
static void
test_export_day_cuts_the_year (void)
{
  WmDay export_day = wm_day_from_ymd (2026, 12, 4);
  g_autoptr(Sample) sample = NULL;
  WmSampleOptions options;
  guint n_ending_on_export_day = 0;

  wm_sample_options_init (&options);
  options.n_pupils = 200;
  options.academic_year = 2026;
  options.export_day = export_day;
  sample = read_sample (&options);
  g_assert_cmpuint (sample->export_day, ==, export_day);
  g_assert_cmpuint (sample->pupils->len, ==, 200);

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      YearData *ours = source_year (sample, pupil);
      guint n_slots;
      WmDay end;

      g_assert_nonnull (ours);
      n_slots = strlen (ours->marks) / 2;
      end = slot_day (ours->start, n_slots - 1, sample->weekdays);
      g_assert_cmpuint (end, <=, export_day);
      g_assert_cmpuint (pupil->entry, <=, export_day);
      g_assert_cmpuint (pupil->leaving, <=, export_day);
      if (end == export_day)
        n_ending_on_export_day++;
    }

  g_assert_cmpuint (n_ending_on_export_day, >, 150);
}

static void
test_export_day_too_early (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;

  wm_sample_options_init (&options);
  options.academic_year = 2026;
  options.export_day = wm_day_from_ymd (2026, 9, 20);
  g_assert_false (wm_sample_write_ctf (&options, stream, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
}

static void
test_strings_calendar_layout (void)
{
  WmSampleOptions options;
  g_autoptr(Sample) sample = NULL;
  guint n_weekend_slots = 0;

  wm_sample_options_init (&options);
  options.n_pupils = 300;
  options.layout = WM_SAMPLE_LAYOUT_CALENDAR;
  sample = read_sample (&options);
  check_strings (sample);

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);

      for (guint y = 0; y < pupil->years->len; y++)
        {
          YearData *year = g_ptr_array_index (pupil->years, y);

          for (guint slot = 0; 2 * slot < strlen (year->marks); slot++)
            if (wm_day_is_weekend (year->start + slot))
              {
                g_assert_cmpint (year->marks[2 * slot], ==, '#');
                g_assert_cmpint (year->marks[2 * slot + 1], ==, '#');
                n_weekend_slots++;
              }
        }
    }

  g_assert_cmpuint (n_weekend_slots, >, 0);
}

/* The same register in both layouts: only the weekend slots differ. */
static void
test_layouts_same_register (void)
{
  WmSampleOptions options;
  g_autoptr(Sample) weekdays = NULL, calendar = NULL;

  wm_sample_options_init (&options);
  options.n_pupils = 50;
  weekdays = read_sample (&options);
  options.layout = WM_SAMPLE_LAYOUT_CALENDAR;
  calendar = read_sample (&options);

  for (guint i = 0; i < weekdays->pupils->len; i++)
    {
      YearData *a = source_year (weekdays, g_ptr_array_index (weekdays->pupils, i));
      YearData *b = source_year (calendar, g_ptr_array_index (calendar->pupils, i));
      g_autoptr(GString) stripped = g_string_new (NULL);

      for (guint slot = 0; 2 * slot < strlen (b->marks); slot++)
        if (!wm_day_is_weekend (b->start + slot))
          g_string_append_len (stripped, b->marks + 2 * slot, 2);

      g_assert_cmpstr (stripped->str, ==, a->marks);
      g_assert_cmpuint (a->possible, ==, b->possible);
    }
}

/* ---- The school year ---- */

/* The weekdays that are `##` for a pupil on roll all year. */
static GArray *
closed_weekdays (const Sample *sample)
{
  GArray *closed = g_array_new (FALSE, FALSE, sizeof (WmDay));

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      YearData *year = source_year (sample, pupil);

      if (pupil->leaving != WM_DAY_NONE || pupil->entry > year->start)
        continue;

      for (guint slot = 0; 2 * slot < strlen (year->marks); slot++)
        if (year->marks[2 * slot] == '#')
          {
            WmDay day = slot_day (year->start, slot, TRUE);

            g_assert_cmpint (year->marks[2 * slot + 1], ==, '#');
            g_array_append_val (closed, day);
          }
      return closed;
    }

  g_assert_not_reached ();
}

typedef struct
{
  const char *first;
  const char *last;
} DayRange;

static void
check_closures (guint           academic_year,
                const DayRange *ranges,
                guint           n_ranges,
                const char     *export_date)
{
  WmSampleOptions options;
  g_autoptr(Sample) sample = NULL;
  g_autoptr(GArray) closed = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (WmDay));

  wm_sample_options_init (&options);
  options.academic_year = academic_year;
  options.n_pupils = 20;
  sample = read_sample (&options);
  closed = closed_weekdays (sample);

  for (guint r = 0; r < n_ranges; r++)
    {
      WmDay last = wm_day_from_iso (ranges[r].last);

      for (WmDay day = wm_day_from_iso (ranges[r].first); day <= last; day++)
        if (!wm_day_is_weekend (day))
          g_array_append_val (expected, day);
    }

  g_assert_cmpuint (sample->export_day, ==, wm_day_from_iso (export_date));
  g_assert_cmpmem (closed->data, closed->len * sizeof (WmDay),
                   expected->data, expected->len * sizeof (WmDay));
}

/* 2025/26. Training days: 1 and 2 September 2025, 5 January, 13 April and
 * 1 June 2026. Half terms: 27 to 31 October, 16 to 20 February and 25 to
 * 29 May (with the spring bank holiday). Christmas: 22 December to
 * 2 January, with Christmas, Boxing Day and New Year's Day inside. Easter:
 * 30 March to 10 April, with Good Friday and Easter Monday inside. The
 * early May bank holiday is 4 May, and the year ends on Wednesday 22 July.
 * That makes 233 weekdays and 192 school days. */
static void
test_closures_2025 (void)
{
  static const DayRange ranges[] = {
    { "2025-09-01", "2025-09-02" }, { "2025-10-27", "2025-10-31" },
    { "2025-12-22", "2026-01-02" }, { "2026-01-05", "2026-01-05" },
    { "2026-02-16", "2026-02-20" }, { "2026-03-30", "2026-04-10" },
    { "2026-04-13", "2026-04-13" }, { "2026-05-04", "2026-05-04" },
    { "2026-05-25", "2026-05-29" }, { "2026-06-01", "2026-06-01" },
  };
  g_autoptr(Sample) sample = read_default_sample (20);
  PupilInfo *pupil = g_ptr_array_index (sample->pupils, 0);

  check_closures (2025, ranges, G_N_ELEMENTS (ranges), "2026-07-22");
  g_assert_cmpuint (strlen (source_year (sample, pupil)->marks), ==, 2 * 233);
}

/* 2027/28. New Year's Day 2028 is a Saturday, so Monday 3 January is the
 * bank holiday and the training day moves to Tuesday 4 January. Easter
 * Sunday is 16 April 2028. 22 July 2028 is a Saturday, so the year ends on
 * Wednesday 19 July. */
static void
test_closures_substitute_days (void)
{
  static const DayRange ranges[] = {
    { "2027-09-01", "2027-09-02" }, { "2027-10-25", "2027-10-29" },
    { "2027-12-20", "2027-12-31" }, { "2028-01-03", "2028-01-04" },
    { "2028-02-21", "2028-02-25" }, { "2028-04-10", "2028-04-21" },
    { "2028-04-24", "2028-04-24" }, { "2028-05-01", "2028-05-01" },
    { "2028-05-29", "2028-06-02" }, { "2028-06-05", "2028-06-05" },
  };

  check_closures (2027, ranges, G_N_ELEMENTS (ranges), "2028-07-19");
}

/* 2022/23 had one-off bank holidays: the state funeral on Monday
 * 19 September 2022 and the coronation on Monday 8 May 2023. New Year's
 * Day 2023 was a Sunday, so Monday 2 January was the bank holiday. */
static void
test_closures_one_off_bank_holidays (void)
{
  static const DayRange ranges[] = {
    { "2022-09-01", "2022-09-02" }, { "2022-09-19", "2022-09-19" },
    { "2022-10-24", "2022-10-28" }, { "2022-12-19", "2022-12-30" },
    { "2023-01-02", "2023-01-03" }, { "2023-02-20", "2023-02-24" },
    { "2023-04-03", "2023-04-14" }, { "2023-04-17", "2023-04-17" },
    { "2023-05-01", "2023-05-01" }, { "2023-05-08", "2023-05-08" },
    { "2023-05-29", "2023-06-02" }, { "2023-06-05", "2023-06-05" },
  };

  check_closures (2022, ranges, G_N_ELEMENTS (ranges), "2023-07-19");
}

static void
test_easter (void)
{
  g_assert_cmpuint (_wm_sample_easter_sunday (2008), ==, wm_day_from_ymd (2008, 3, 23));
  g_assert_cmpuint (_wm_sample_easter_sunday (2024), ==, wm_day_from_ymd (2024, 3, 31));
  g_assert_cmpuint (_wm_sample_easter_sunday (2025), ==, wm_day_from_ymd (2025, 4, 20));
  g_assert_cmpuint (_wm_sample_easter_sunday (2026), ==, wm_day_from_ymd (2026, 4, 5));
  g_assert_cmpuint (_wm_sample_easter_sunday (2038), ==, wm_day_from_ymd (2038, 4, 25));
  g_assert_cmpuint (_wm_sample_easter_sunday (2285), ==, wm_day_from_ymd (2285, 3, 22));
}

/* ---- The school's figures ---- */

static gint
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const Counts *x = a, *y = b;
  guint64 left = (guint64) x->attended * y->possible;
  guint64 right = (guint64) y->attended * x->possible;

  return left < right ? -1 : left > right;
}

/* Over 500 pupils, one in five is persistently absent (10% or more of
 * possible sessions missed) and at least one severely (50% or more). Most
 * pupils and the median pupil attend more than 95%. At least one pupil
 * misses Friday afternoons far more than other sessions. */
static void
test_statistics (void)
{
  g_autoptr(Sample) sample = read_default_sample (500);
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (Counts));
  guint persistent = 0, severe = 0, above_95 = 0, friday_pattern = 0;
  Counts median;

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      YearData *year = source_year (sample, g_ptr_array_index (sample->pupils, i));
      Counts c = count_marks (year, TRUE);
      guint missed = c.possible - c.attended;
      guint other_missed = missed - c.friday_pm_missed;
      guint other_possible = c.possible - c.friday_pm_possible;

      g_assert_cmpuint (c.possible, >, 0);
      persistent += missed * 10 >= c.possible;
      severe += missed * 2 >= c.possible;
      above_95 += c.attended * 100 > c.possible * 95;
      friday_pattern += c.friday_pm_missed >= 10 && c.friday_pm_missed * 2 >= c.friday_pm_possible
                        && other_missed * c.friday_pm_possible * 3
                           < c.friday_pm_missed * other_possible;
      g_array_append_val (rates, c);
    }

  g_array_sort (rates, compare_rates);
  median = g_array_index (rates, Counts, rates->len / 2);
  g_test_message ("persistent %u, severe %u, above 95%% %u, Friday pattern %u, median %u/%u",
                  persistent, severe, above_95, friday_pattern, median.attended, median.possible);

  g_assert_cmpuint (persistent * 100, >=, 15 * 500);
  g_assert_cmpuint (persistent * 100, <=, 25 * 500);
  g_assert_cmpuint (severe, >=, 1);
  g_assert_cmpuint (above_95 * 2, >, 500);
  g_assert_cmpuint (median.attended * 100, >, median.possible * 95);
  g_assert_cmpuint (friday_pattern, >=, 1);
}

static void
test_joiners_and_leavers (void)
{
  g_autoptr(Sample) sample = read_default_sample (500);
  WmDay year_start = wm_day_from_ymd (2025, 9, 1);
  guint joiners = 0, leavers = 0, histories = 0;

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      YearData *ours = source_year (sample, pupil);

      if (pupil->entry > year_start)
        {
          joiners++;
          g_assert_cmpuint (ours->start, ==, pupil->entry);
          g_assert_cmpint (ours->marks[0], !=, '#');
        }
      if (pupil->leaving != WM_DAY_NONE)
        {
          leavers++;
          g_assert_cmpuint (slot_day (ours->start, strlen (ours->marks) / 2 - 1, TRUE), ==,
                            pupil->leaving);
          g_assert_cmpint (ours->marks[strlen (ours->marks) - 1], !=, '#');
        }
      if (pupil->years->len == 2)
        {
          histories++;
          g_assert_cmpuint (pupil->entry, >, year_start);
        }
    }

  /* 5% of 500 join and 5% leave. Half of the joiners (13 of 25) bring
   * marks from their earlier school. */
  g_assert_cmpuint (joiners, ==, 25);
  g_assert_cmpuint (leavers, ==, 25);
  g_assert_cmpuint (histories, ==, 13);
}

/* Pupils at one address are one family: same surname, same contacts. */
static void
test_siblings_share_family (void)
{
  g_autoptr(Sample) sample = read_default_sample (500);
  g_autoptr(GHashTable) first_at = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) siblings = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < sample->pupils->len; i++)
    {
      PupilInfo *pupil = g_ptr_array_index (sample->pupils, i);
      PupilInfo *first = g_hash_table_lookup (first_at, pupil->address_key);

      if (first == NULL)
        {
          g_hash_table_insert (first_at, pupil->address_key, pupil);
          continue;
        }

      g_assert_cmpstr (pupil->surname, ==, first->surname);
      g_assert_cmpstr (pupil->contacts, ==, first->contacts);
      g_hash_table_add (siblings, first);
      g_hash_table_add (siblings, pupil);
    }

  /* 15% of 500 pupils, in families of two or three. */
  g_assert_cmpuint (g_hash_table_size (siblings), >=, 74);
  g_assert_cmpuint (g_hash_table_size (siblings), <=, 75);
}

/* ---- Errors, cancellation and the tool ---- */

static void
test_bad_options (void)
{
  WmSampleOptions options;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  wm_sample_options_init (&options);
  options.lea = "99";
  g_assert_false (wm_sample_write_ctf (&options, stream, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "local authority number"));
  g_clear_error (&error);

  wm_sample_options_init (&options);
  options.n_pupils = 0;
  g_assert_false (wm_sample_write_ctf (&options, stream, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  wm_sample_options_init (&options);
  options.school_name = "Bad\nName";
  g_assert_false (wm_sample_write_ctf (&options, stream, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
}

/* A school name with markup characters stays text. */
static void
test_school_name_escaped (void)
{
  WmSampleOptions options;
  g_autoptr(Sample) sample = NULL;
  g_autofree char *name = NULL;

  wm_sample_options_init (&options);
  options.n_pupils = 5;
  options.school_name = "St Mary & St John's <Primary> School";
  sample = read_sample (&options);

  name = path_text (child_element (xmlDocGetRootElement (sample->doc), "Header"),
                    "SourceSchool/SchoolName");
  g_assert_cmpstr (name, ==, "St Mary & St John's <Primary> School");
}

static void
test_cancelled (void)
{
  WmSampleOptions options;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  wm_sample_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_sample_write_ctf (&options, stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A failed write leaves an existing file as it was. */
static void
test_file_kept_on_error (void)
{
  WmSampleOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "kept.xml", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "earlier", -1, &error));
  wm_sample_options_init (&options);
  options.estab = "20011";
  g_assert_false (wm_sample_write_ctf_file (&options, path, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "earlier");
}

static char *
tool_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "tools", "waymark-generate-ctf", NULL);
}

static void
run_tool (const char * const *argv,
          int                *out_status,
          char              **out_stderr)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               out_stderr, out_status, &error));
  g_assert_no_error (error);
}

static void
test_tool_writes_the_same_file (void)
{
  g_autofree char *tool = tool_path ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tool.xml", NULL);
  g_autofree char *output = g_strconcat ("--output=", path, NULL);
  const char *argv[] = { tool, "--seed=7", "--pupils=30", "--year=2026", "--lea=123",
                         "--estab=4567", "--school=Fenwick Academy", "--ctf-version=21.0",
                         "--gender-element", "--layout=calendar", output, NULL };
  g_autofree char *err = NULL, *contents = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  WmSampleOptions options;
  gsize length;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  run_tool (argv, &status, &err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_cmpstr (err, ==, "");

  wm_sample_options_init (&options);
  options.seed = 7;
  options.n_pupils = 30;
  options.academic_year = 2026;
  options.lea = "123";
  options.estab = "4567";
  options.school_name = "Fenwick Academy";
  options.ctf_version = "21.0";
  options.use_gender_element = TRUE;
  options.layout = WM_SAMPLE_LAYOUT_CALENDAR;
  expected = generate (&options);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length,
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
check_tool_fails (const char *argument)
{
  g_autofree char *tool = tool_path ();
  const char *argv[] = { tool, argument, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  run_tool (argv, &status, &err);
  g_assert_false (g_spawn_check_wait_status (status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 1);
  g_assert_true (g_str_has_prefix (err, "waymark-generate-ctf: "));
  g_assert_cmpuint (strchr (err, '\n') - err + 1, ==, strlen (err));
}

static void
test_tool_errors (void)
{
  check_tool_fails ("--layout=sideways");
  check_tool_fails ("--pupils=many");
  check_tool_fails ("--seed=1");
  check_tool_fails ("--no-such-option");
}

/* ---- Speed ---- */

static void
test_time_1500_pupils (void)
{
  WmSampleOptions options;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start;

  wm_sample_options_init (&options);
  options.n_pupils = 1500;
  start = g_get_monotonic_time ();
  bytes = generate (&options);
  g_test_message ("1500 pupils: %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " ms",
                  g_bytes_get_size (bytes), (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xmlInitParser ();

  g_test_add_func ("/sample/deterministic/same-options-same-bytes", test_same_options_same_bytes);
  g_test_add_func ("/sample/deterministic/any-time-zone", test_same_bytes_in_any_time_zone);
  g_test_add_func ("/sample/deterministic/file-matches-stream", test_file_matches_stream);
  g_test_add_func ("/sample/pupils/upn-rule", test_upn_rule);
  g_test_add_func ("/sample/pupils/unique-valid-upns", test_pupils_and_upns);
  g_test_add_func ("/sample/pupils/apostrophes-and-accents", test_names_apostrophes_and_accents);
  g_test_add_func ("/sample/pupils/gender-element", test_gender_element_and_version);
  g_test_add_func ("/sample/pupils/pupils-only", test_pupils_only);
  g_test_add_func ("/sample/pupils/siblings-share-family", test_siblings_share_family);
  g_test_add_func ("/sample/pupils/joiners-and-leavers", test_joiners_and_leavers);
  g_test_add_func ("/sample/marks/weekday-layout", test_strings_weekday_layout);
  g_test_add_func ("/sample/marks/calendar-layout", test_strings_calendar_layout);
  g_test_add_func ("/sample/marks/export-day-cuts-year", test_export_day_cuts_the_year);
  g_test_add_func ("/sample/errors/export-day-too-early", test_export_day_too_early);
  g_test_add_func ("/sample/marks/layouts-same-register", test_layouts_same_register);
  g_test_add_func ("/sample/marks/statistics", test_statistics);
  g_test_add_func ("/sample/calendar/easter", test_easter);
  g_test_add_func ("/sample/calendar/closures-2025", test_closures_2025);
  g_test_add_func ("/sample/calendar/substitute-days", test_closures_substitute_days);
  g_test_add_func ("/sample/calendar/one-off-bank-holidays", test_closures_one_off_bank_holidays);
  g_test_add_func ("/sample/errors/bad-options", test_bad_options);
  g_test_add_func ("/sample/errors/school-name-escaped", test_school_name_escaped);
  g_test_add_func ("/sample/errors/cancelled", test_cancelled);
  g_test_add_func ("/sample/errors/file-kept", test_file_kept_on_error);
  g_test_add_func ("/sample/tool/same-file", test_tool_writes_the_same_file);
  g_test_add_func ("/sample/tool/errors", test_tool_errors);
  g_test_add_func ("/sample/speed/1500-pupils", test_time_1500_pupils);

  return g_test_run ();
}
