/* wm-sample.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-sample.h"

#include <string.h>

#include "wm-codes.h"
#include "wm-error.h"
#include "wm-i18n-private.h"
#include "wm-sample-private.h"
#include "wm-upn.h"

/*
 * The sample generator writes a Common Transfer File for one invented
 * school over one school year: pupils, families, contacts and a register
 * mark for every session. It feeds the demo database, the tests and the
 * benchmarks, so it must be fast and must give the same bytes for the
 * same options on any machine. Every random draw therefore comes from our
 * own generator seeded from the options. No draw depends on the clock,
 * the locale or the order of a hash table, and only integers are
 * formatted.
 *
 * The roster is decided first for the whole school (year groups, who is
 * persistently absent, who joins or leaves, who are siblings, the UPNs),
 * so that the school's proportions are exact. Each pupil's details are
 * then drawn from a stream of their own and written out one pupil at a
 * time, so memory stays small at 30,000 pupils.
 */

#define WM_SAMPLE_MAX_PUPILS 50000
#define WM_SAMPLE_MIN_YEAR 2000
#define WM_SAMPLE_MAX_YEAR 2098

/* Streams of the random generator, one per purpose and per pupil. */
#define ROSTER_STREAM G_GUINT64_CONSTANT (0x524f535400000000)
#define PUPIL_STREAM G_GUINT64_CONSTANT (0x5055500000000000)

enum
{
  FLAG_JOINER = 1 << 0,
  FLAG_LEAVER = 1 << 1,
  FLAG_HISTORY = 1 << 2,        /* a joiner with the earlier school's marks */
  FLAG_UNMARKED = 1 << 3,
};

typedef struct
{
  guint           family;
  guint           upn_number;   /* year of allocation * 1000 + serial */
  guint8          year;         /* national curriculum year; 0 is Reception */
  guint8          flags;
  WmSampleProfile profile;
} RosterEntry;

typedef struct
{
  const WmSampleOptions *options;
  WmSampleCalendar      *calendar;
  gboolean               primary;
  RosterEntry           *roster;
  guint                  trip_days[12];
  gint8                  category[2][256];
  char                  *marks;
  GString               *buf;
} Generator;

typedef struct
{
  guint   authorised;
  guint   unauthorised;
  guint   possible;
} Totals;

/* ---- Random numbers ---- */

/**
 * _wm_sample_rng_init:
 * @seed: the options' seed
 * @stream: which stream: streams of one seed do not overlap in practice
 *
 * Starts a generator on one stream of a seed.
 */
void
_wm_sample_rng_init (WmSampleRng *rng,
                     guint64      seed,
                     guint64      stream)
{
  rng->state = seed;
  rng->state = _wm_sample_rng_next (rng) ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
}

/* splitmix64, by Sebastiano Vigna (public domain). */
guint64
_wm_sample_rng_next (WmSampleRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A number from 0 to @n - 1, by multiplying rather than by a remainder,
 * which keeps the bias far below anything a test could see. */
guint
_wm_sample_rng_below (WmSampleRng *rng,
                      guint        n)
{
  return (guint) (((_wm_sample_rng_next (rng) >> 32) * n) >> 32);
}

/* A number from @low to @high inclusive. */
guint
_wm_sample_rng_range (WmSampleRng *rng,
                      guint        low,
                      guint        high)
{
  g_assert (low <= high);

  return low + _wm_sample_rng_below (rng, high - low + 1);
}

gboolean
_wm_sample_rng_chance (WmSampleRng *rng,
                       guint        per_mille)
{
  return _wm_sample_rng_below (rng, 1000) < per_mille;
}

/* Fisher-Yates. */
void
_wm_sample_rng_shuffle (WmSampleRng *rng,
                        guint       *items,
                        guint        n_items)
{
  for (guint i = n_items; i > 1; i--)
    {
      guint j = _wm_sample_rng_below (rng, i);
      guint tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* ---- Options ---- */

/**
 * wm_sample_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Fills @options with the defaults: seed 1, 200 pupils, the school year
 * starting in 2025, local authority 999, establishment 2001, "Millbrook
 * Primary School", CTF version 25.0 with `<Sex>`, the weekday layout and
 * attendance included.
 */
void
wm_sample_options_init (WmSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (WmSampleOptions) {
    .seed = 1,
    .n_pupils = 200,
    .academic_year = 2025,
    .lea = "999",
    .estab = "2001",
    .school_name = "Millbrook Primary School",
    .ctf_version = "25.0",
    .use_gender_element = FALSE,
    .layout = WM_SAMPLE_LAYOUT_WEEKDAYS,
    .with_attendance = TRUE,
    .export_day = WM_DAY_NONE,
  };
}

static gboolean
is_digits (const char *text,
           gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
is_version (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 0 || length > 10 || !g_ascii_isdigit (text[0]))
    return FALSE;

  return strspn (text, "0123456789.") == length;
}

static gboolean
is_school_name (const char *text)
{
  if (text == NULL || *text == '\0' || g_utf8_strlen (text, -1) > 100
      || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Joiners and leavers are drawn between the tenth school day and three
 * weeks before the export, so a shorter year leaves no room for them. */
static gboolean
export_day_is_valid (const WmSampleOptions *options)
{
  g_autoptr(WmSampleCalendar) calendar = NULL;

  if (options->export_day == WM_DAY_NONE)
    return TRUE;
  if (wm_day_academic_year (options->export_day) != options->academic_year)
    return FALSE;

  calendar = _wm_sample_calendar_new (options->academic_year, options->export_day);
  return calendar->n_school_days >= 40;
}

static gboolean
options_invalid (GError    **error,
                 const char *message)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT, E_("Sample options: %s"), message);
  return FALSE;
}

static gboolean
validate_options (const WmSampleOptions  *options,
                  GError                **error)
{
  if (options->n_pupils < 1 || options->n_pupils > WM_SAMPLE_MAX_PUPILS)
    return options_invalid (error, "the number of pupils must be from 1 to 50000");
  if (options->academic_year < WM_SAMPLE_MIN_YEAR || options->academic_year > WM_SAMPLE_MAX_YEAR)
    return options_invalid (error, "the school year must start in a year from 2000 to 2098");
  if (!is_digits (options->lea, 3))
    return options_invalid (error, "the local authority number must be three digits, such as 999");
  if (!is_digits (options->estab, 4))
    return options_invalid (error, "the establishment number must be four digits, such as 2001");
  if (!is_school_name (options->school_name))
    return options_invalid (error, "the school name must be 1 to 100 characters of "
                                   "UTF-8 text without control characters");
  if (!is_version (options->ctf_version))
    return options_invalid (error, "the CTF version must be digits and dots, such as 25.0");
  if (options->layout != WM_SAMPLE_LAYOUT_WEEKDAYS && options->layout != WM_SAMPLE_LAYOUT_CALENDAR)
    return options_invalid (error, "the marks layout must be weekdays or calendar");
  if (!export_day_is_valid (options))
    return options_invalid (error, "the export date must fall in the school year and leave "
                                   "at least 40 school days before it");

  return TRUE;
}

/* ---- The roster ---- */

/* Year groups spread evenly, Reception to Year 6 for a primary school
 * and Year 7 to Year 11 otherwise; the roster is in year-group order. */
static void
assign_years (Generator *gen)
{
  guint n = gen->options->n_pupils;
  guint first = gen->primary ? 0 : 7, n_years = gen->primary ? 7 : 5;

  for (guint i = 0; i < n; i++)
    gen->roster[i].year = (guint8) (first + (guint64) i * n_years / n);
}

/* Exact shares rather than independent draws, so that a school of 500
 * has 20% persistently absent (2% severely) rather than whatever the draws
 * give. */
static void
assign_profiles (Generator   *gen,
                 const guint *order)
{
  guint n = gen->options->n_pupils;
  guint n_severe = (n * 2 + 50) / 100, n_persistent = (n * 18 + 50) / 100;

  for (guint i = 0; i < n; i++)
    {
      WmSampleProfile profile = WM_SAMPLE_PROFILE_REGULAR;

      if (i < n_severe)
        profile = WM_SAMPLE_PROFILE_SEVERE;
      else if (i < n_severe + n_persistent)
        profile = WM_SAMPLE_PROFILE_PERSISTENT;
      gen->roster[order[i]].profile = profile;
    }
}

/* About 5% join during the year and 5% leave. Half of the joiners bring
 * their earlier school's marks for the year. About 1% have a few sessions
 * left unmarked. */
static void
assign_flags (Generator   *gen,
              const guint *order)
{
  guint n = gen->options->n_pupils;
  guint n_joiners = (n * 5 + 50) / 100, n_leavers = n_joiners, n_unmarked = (n + 50) / 100;

  for (guint i = 0; i < n && i < n_joiners + n_leavers + n_unmarked; i++)
    {
      guint8 flags = FLAG_UNMARKED;

      if (i < n_joiners)
        flags = FLAG_JOINER | (i % 2 == 0 ? FLAG_HISTORY : 0);
      else if (i < n_joiners + n_leavers)
        flags = FLAG_LEAVER;
      gen->roster[order[i]].flags = flags;
    }
}

/* About 15% of pupils have a brother or sister at the school: families of
 * two, now and then three. Family numbers also give addresses, one per
 * family. */
static void
assign_families (Generator   *gen,
                 const guint *order,
                 WmSampleRng *rng)
{
  guint n = gen->options->n_pupils;
  guint n_siblings = (n * 15 + 50) / 100;
  guint next = 0, family = 0;

  while (next + 2 <= n_siblings)
    {
      guint size = next + 3 <= n_siblings && _wm_sample_rng_chance (rng, 200) ? 3 : 2;

      for (guint k = 0; k < size; k++)
        gen->roster[order[next++]].family = family;
      family++;
    }

  for (; next < n; next++)
    gen->roster[order[next]].family = family++;
}

/* UPNs carry the year of allocation (the pupil's Reception year) and a
 * serial. A serial already used moves to the next free one of the same
 * year. When all thousand serials of a year are used (a very large
 * school), the next year code is used instead. So every UPN of the file
 * is different, and finding a free one stays quick at 50,000 pupils. */
static void
assign_upns (Generator   *gen,
             WmSampleRng *rng)
{
  g_autofree guint8 *used = g_new0 (guint8, 100 * 1000);
  guint n_used[100] = { 0, };
  guint academic_year = gen->options->academic_year;

  for (guint i = 0; i < gen->options->n_pupils; i++)
    {
      guint year_code = (academic_year - gen->roster[i].year) % 100;
      guint serial = _wm_sample_rng_below (rng, 1000);

      while (n_used[year_code] == 1000)
        year_code = (year_code + 1) % 100;
      while (used[year_code * 1000 + serial])
        serial = (serial + 1) % 1000;

      used[year_code * 1000 + serial] = TRUE;
      n_used[year_code]++;
      gen->roster[i].upn_number = year_code * 1000 + serial;
    }
}

/* One school trip per year group, on a day away from the year's ends. */
static void
assign_trips (Generator   *gen,
              WmSampleRng *rng)
{
  guint n_days = gen->calendar->n_school_days;

  for (guint year = 0; year < G_N_ELEMENTS (gen->trip_days); year++)
    gen->trip_days[year] = _wm_sample_rng_range (rng, 10, n_days - 11);
}

static void
build_roster (Generator *gen)
{
  guint n = gen->options->n_pupils;
  g_autofree guint *order = g_new (guint, n);
  WmSampleRng rng;

  _wm_sample_rng_init (&rng, gen->options->seed, ROSTER_STREAM);
  gen->roster = g_new0 (RosterEntry, n);
  assign_years (gen);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  _wm_sample_rng_shuffle (&rng, order, n);
  assign_profiles (gen, order);
  _wm_sample_rng_shuffle (&rng, order, n);
  assign_flags (gen, order);
  _wm_sample_rng_shuffle (&rng, order, n);
  assign_families (gen, order, &rng);

  assign_upns (gen, &rng);
  assign_trips (gen, &rng);
}

/* The category of every one-character code under each regime, looked up
 * once: the totals use the same table as the rest of Waymark. */
static void
build_category_table (Generator *gen)
{
  const WmDay regime_days[2] = { WM_DAY_REGIME_2024_START - 1, WM_DAY_REGIME_2024_START };

  for (guint regime = 0; regime < 2; regime++)
    for (guint c = 0; c < 256; c++)
      {
        WmMark mark = c == 0 ? WM_MARK_NONE : wm_mark_from_char ((char) c);

        gen->category[regime][c] = -1;
        if (wm_mark_is_code (mark))
          gen->category[regime][c] = (gint8) wm_mark_category (mark, regime_days[regime]);
      }
}

static void
generator_free (Generator *gen)
{
  _wm_sample_calendar_free (gen->calendar);
  g_free (gen->roster);
  g_free (gen->marks);
  if (gen->buf != NULL)
    g_string_free (gen->buf, TRUE);
  g_free (gen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generator, generator_free)

static Generator *
generator_new (const WmSampleOptions *options)
{
  g_autoptr(Generator) gen = g_new0 (Generator, 1);
  g_autofree char *folded = g_ascii_strdown (options->school_name, -1);

  gen->options = options;
  gen->primary = strstr (folded, "primary") != NULL;
  gen->calendar = _wm_sample_calendar_new (options->academic_year, options->export_day);
  gen->marks = g_malloc (2 * gen->calendar->n_school_days);
  gen->buf = g_string_sized_new (16384);

  build_roster (gen);
  build_category_table (gen);

  return g_steal_pointer (&gen);
}

/* ---- XML text ---- */

static const char indent_spaces[] = "                    ";

static void
append_escaped (GString    *buf,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (buf, "&amp;");
      else if (*p == '<')
        g_string_append (buf, "&lt;");
      else if (*p == '>')
        g_string_append (buf, "&gt;");
      else
        g_string_append_c (buf, *p);
    }
}

static void
open_element (GString    *buf,
              guint       depth,
              const char *name)
{
  g_string_append_len (buf, indent_spaces, 2 * depth);
  g_string_append_printf (buf, "<%s>\n", name);
}

static void
close_element (GString    *buf,
               guint       depth,
               const char *name)
{
  g_string_append_len (buf, indent_spaces, 2 * depth);
  g_string_append_printf (buf, "</%s>\n", name);
}

static void
text_element (GString    *buf,
              guint       depth,
              const char *name,
              const char *text)
{
  g_string_append_len (buf, indent_spaces, 2 * depth);
  g_string_append_printf (buf, "<%s>", name);
  append_escaped (buf, text);
  g_string_append_printf (buf, "</%s>\n", name);
}

static void
uint_element (GString    *buf,
              guint       depth,
              const char *name,
              guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  text_element (buf, depth, name, text);
}

static void
date_element (GString    *buf,
              guint       depth,
              const char *name,
              WmDay       day)
{
  char text[11];

  wm_day_to_iso_buf (day, text);
  text_element (buf, depth, name, text);
}

static void
bool_element (GString    *buf,
              guint       depth,
              const char *name,
              gboolean    value)
{
  text_element (buf, depth, name, value ? "true" : "false");
}

/* ---- One pupil ---- */

typedef struct
{
  guint               index;
  const RosterEntry  *entry;
  WmSampleRng         rng;
  WmSampleChild       child;
  WmSampleFamily      family;
  WmDay               dob;
  WmDay               entry_day;
  WmDay               leaving_day;
  guint               first;    /* first school day on roll this year */
  guint               last;     /* last school day on roll this year */
  char                sen;
  gboolean            in_care;
  gboolean            fsm;
} Pupil;

static WmDay
weekday_on_or_after (WmDay day)
{
  while (wm_day_is_weekend (day))
    day++;

  return day;
}

/* A pupil in year N (Reception is 0) in the school year starting in Y was
 * born in the school year starting in Y - 5 - N: children start Reception
 * in the September after they turn four. */
static WmDay
draw_dob (const Generator *gen,
          Pupil           *pupil)
{
  guint birth_year = gen->options->academic_year - 5 - pupil->entry->year;
  WmDay start = wm_day_from_ymd (birth_year, 9, 1);
  WmDay end = wm_day_from_ymd (birth_year + 1, 9, 1);

  return start + _wm_sample_rng_below (&pupil->rng, end - start);
}

/* Most pupils were admitted at the start of their first year at the
 * school (Reception or Year 7). One in ten came later, in an earlier
 * year. */
static WmDay
draw_earlier_entry (const Generator *gen,
                    Pupil           *pupil)
{
  guint intake = gen->primary ? 0 : 7;
  guint entry_year = gen->options->academic_year - (pupil->entry->year - intake);
  WmDay start = weekday_on_or_after (wm_day_from_ymd (entry_year, 9, 1));
  WmDay latest = wm_day_from_ymd (gen->options->academic_year, 7, 20);

  if (entry_year == gen->options->academic_year || !_wm_sample_rng_chance (&pupil->rng, 100))
    return start;

  return weekday_on_or_after (start + 20 + _wm_sample_rng_below (&pupil->rng, latest - start - 20));
}

/* Joiners and leavers change on a school day from the third week to a
 * month before the end of the year. */
static void
draw_roll_dates (const Generator *gen,
                 Pupil           *pupil)
{
  const WmSampleCalendar *calendar = gen->calendar;
  guint latest = calendar->n_school_days - 21;

  pupil->first = 0;
  pupil->last = calendar->n_school_days - 1;
  pupil->entry_day = draw_earlier_entry (gen, pupil);
  pupil->leaving_day = WM_DAY_NONE;

  if (pupil->entry->flags & FLAG_JOINER)
    {
      pupil->first = _wm_sample_rng_range (&pupil->rng, 10, latest);
      pupil->entry_day = calendar->school_days[pupil->first];
    }
  if (pupil->entry->flags & FLAG_LEAVER)
    {
      pupil->last = _wm_sample_rng_range (&pupil->rng, 10, latest);
      pupil->leaving_day = calendar->school_days[pupil->last];
    }
}

/* Every personal detail is drawn before any mark, so a pupils-only file
 * has the same people as the full file for the same seed. */
static void
draw_pupil (const Generator *gen,
            Pupil           *pupil,
            guint            index)
{
  guint sen;

  pupil->index = index;
  pupil->entry = &gen->roster[index];
  _wm_sample_rng_init (&pupil->rng, gen->options->seed, PUPIL_STREAM + index);
  _wm_sample_family_build (&pupil->family, gen->options->seed, pupil->entry->family);
  _wm_sample_child_build (&pupil->child, &pupil->rng);
  pupil->dob = draw_dob (gen, pupil);
  draw_roll_dates (gen, pupil);

  /* Special educational needs: none (N), SEN support (K) or an
   * education, health and care plan (E). */
  sen = _wm_sample_rng_below (&pupil->rng, 1000);
  pupil->sen = 'E';
  if (sen < 840)
    pupil->sen = 'N';
  else if (sen < 970)
    pupil->sen = 'K';
  pupil->in_care = _wm_sample_rng_chance (&pupil->rng, 10);
  pupil->fsm = _wm_sample_rng_chance (&pupil->rng, 250);
}

static void
write_upn (const Generator *gen,
           const Pupil     *pupil)
{
  char upn[14];

  /* The generator writes permanent UPNs: twelve digits after the check
   * letter, which wm_upn_check_letter() computes from them. */
  g_snprintf (upn, sizeof upn, "?%s%s%05u", gen->options->lea, gen->options->estab,
              pupil->entry->upn_number);
  upn[0] = wm_upn_check_letter (upn);
  text_element (gen->buf, 3, "UPN", upn);
}

static void
write_identity (const Generator *gen,
                const Pupil     *pupil)
{
  write_upn (gen, pupil);
  text_element (gen->buf, 3, "Surname", pupil->family.surname);
  text_element (gen->buf, 3, "Forename", pupil->child.forename);
  date_element (gen->buf, 3, "DOB", pupil->dob);
  text_element (gen->buf, 3, gen->options->use_gender_element ? "Gender" : "Sex",
                pupil->child.female ? "F" : "M");
}

static void
write_basic_details (const Generator *gen,
                     const Pupil     *pupil)
{
  GString *buf = gen->buf;
  char sen[2] = { pupil->sen, '\0' };

  open_element (buf, 3, "BasicDetails");
  if (pupil->child.middle_name != NULL)
    text_element (buf, 4, "MiddleNames", pupil->child.middle_name);
  if (pupil->child.preferred_forename != NULL)
    text_element (buf, 4, "PreferredForename", pupil->child.preferred_forename);
  if (pupil->entry->year == 0)
    text_element (buf, 4, "NCyearActual", "R");
  else
    uint_element (buf, 4, "NCyearActual", pupil->entry->year);
  date_element (buf, 4, "EntryDate", pupil->entry_day);
  if (pupil->leaving_day != WM_DAY_NONE)
    date_element (buf, 4, "LeavingDate", pupil->leaving_day);
  text_element (buf, 4, "SENprovision", sen);
  bool_element (buf, 4, "InCare", pupil->in_care);
  bool_element (buf, 4, "FSMeligible", pupil->fsm);
  close_element (buf, 3, "BasicDetails");
}

static void
write_address (GString    *buf,
               guint       depth,
               guint       house,
               const char *street,
               const char *postcode)
{
  open_element (buf, depth, "Address");
  open_element (buf, depth + 1, "BS7666Address");
  uint_element (buf, depth + 2, "PAON", house);
  text_element (buf, depth + 2, "Street", street);
  text_element (buf, depth + 2, "Town", "Millbrook");
  close_element (buf, depth + 1, "BS7666Address");
  text_element (buf, depth + 1, "PostCode", postcode);
  close_element (buf, depth, "Address");
}

/* A telephone type of H (home) or M (mobile), and an email address. */
static void
write_phone_and_email (GString    *buf,
                       guint       depth,
                       const char *type,
                       const char *phone,
                       const char *email)
{
  open_element (buf, depth, "Phones");
  open_element (buf, depth + 1, "Phone");
  text_element (buf, depth + 2, "TelephoneType", type);
  text_element (buf, depth + 2, "PhoneNo", phone);
  close_element (buf, depth + 1, "Phone");
  close_element (buf, depth, "Phones");
  open_element (buf, depth, "Email");
  text_element (buf, depth + 1, "EmailAddress", email);
  close_element (buf, depth, "Email");
}

static void
write_contact (GString               *buf,
               const WmSampleFamily  *family,
               const WmSampleContact *contact,
               guint                  order)
{
  open_element (buf, 4, "Contact");
  uint_element (buf, 5, "Order", order);
  text_element (buf, 5, "Title", contact->title);
  text_element (buf, 5, "Surname", contact->surname);
  text_element (buf, 5, "Forename", contact->forename);
  text_element (buf, 5, "Relationship", contact->relationship);
  bool_element (buf, 5, "Responsibility", contact->responsibility);
  if (contact->address_house != 0)
    write_address (buf, 5, contact->address_house, contact->address_street, contact->postcode);
  else
    write_address (buf, 5, family->house, family->street, family->postcode);
  write_phone_and_email (buf, 5, "M", contact->phone, contact->email);
  close_element (buf, 4, "Contact");
}

static void
write_family (const Generator *gen,
              const Pupil     *pupil)
{
  const WmSampleFamily *family = &pupil->family;

  write_address (gen->buf, 3, family->house, family->street, family->postcode);
  write_phone_and_email (gen->buf, 3, "H", family->phone, family->email);

  open_element (gen->buf, 3, "Contacts");
  for (guint i = 0; i < family->n_contacts; i++)
    write_contact (gen->buf, family, &family->contacts[i], i + 1);
  close_element (gen->buf, 3, "Contacts");
}

/* ---- Attendance ---- */

static void
count_mark (const Generator *gen,
            Totals          *totals,
            WmDay            day,
            char             mark)
{
  gint category = gen->category[day >= WM_DAY_REGIME_2024_START][(guint8) mark];

  switch (category)
    {
    case WM_CATEGORY_PRESENT:
    case WM_CATEGORY_APPROVED_ACTIVITY:
      totals->possible++;
      break;
    case WM_CATEGORY_AUTHORISED:
      totals->possible++;
      totals->authorised++;
      break;
    case WM_CATEGORY_UNAUTHORISED:
      totals->possible++;
      totals->unauthorised++;
      break;
    default:
      break;
    }
}

/* The marks string from @start to @end: two slots per school day, `##`
 * for a weekday the school is closed, and in the calendar layout `##` for
 * every Saturday and Sunday too (the weekday layout has no weekend
 * slots). The totals are counted from the same characters. */
static void
append_marks_string (const Generator *gen,
                     GString         *marks,
                     WmDay            start,
                     WmDay            end,
                     Totals          *totals)
{
  gboolean calendar_layout = gen->options->layout == WM_SAMPLE_LAYOUT_CALENDAR;
  guint weekday = wm_day_weekday (start);

  for (WmDay day = start; day <= end; day++, weekday = weekday % 7 + 1)
    {
      gint j = _wm_sample_calendar_index (gen->calendar, day);

      if (j < 0)
        {
          if (calendar_layout || weekday < G_DATE_SATURDAY)
            g_string_append (marks, "##");
          continue;
        }

      for (guint session = 0; session < 2; session++)
        {
          char mark = gen->marks[2 * j + session];

          g_string_append_c (marks, mark);
          count_mark (gen, totals, day, mark);
        }
    }
}

static void
write_year_data (const Generator *gen,
                 const char      *estab,
                 const char      *school_name,
                 WmDay            start,
                 WmDay            end)
{
  GString *buf = gen->buf;
  g_autoptr(GString) marks = g_string_sized_new (2 * (end - start + 1) + 1);
  Totals totals = { 0, };

  append_marks_string (gen, marks, start, end, &totals);

  open_element (buf, 4, "YearData");
  uint_element (buf, 5, "Year", gen->options->academic_year);
  text_element (buf, 5, "LEA", gen->options->lea);
  text_element (buf, 5, "Estab", estab);
  text_element (buf, 5, "SchoolName", school_name);
  uint_element (buf, 5, "SessionsPossible", totals.possible);
  uint_element (buf, 5, "SessionsAuthorised", totals.authorised);
  uint_element (buf, 5, "SessionsUnauthorised", totals.unauthorised);
  open_element (buf, 5, "AttendSessions");
  date_element (buf, 6, "AttendanceStartDate", start);
  text_element (buf, 6, "AttendanceMarks", marks->str);
  close_element (buf, 5, "AttendSessions");
  close_element (buf, 4, "YearData");
}

static void
draw_attendance (const Generator    *gen,
                 Pupil              *pupil,
                 WmSampleAttendance *attendance)
{
  static const guint16 holiday_per_mille[] = { 60, 200, 100 };
  WmSampleProfile profile = pupil->entry->profile;

  attendance->profile = profile;
  attendance->friday_pattern = profile == WM_SAMPLE_PROFILE_PERSISTENT
                               && _wm_sample_rng_chance (&pupil->rng, 400);
  attendance->holiday = _wm_sample_rng_chance (&pupil->rng, holiday_per_mille[profile]);
  attendance->n_unmarked = 0;
  if (pupil->entry->flags & FLAG_UNMARKED)
    attendance->n_unmarked = _wm_sample_rng_range (&pupil->rng, 1, 4);
  attendance->trip_day = gen->trip_days[pupil->entry->year];
}

/* The earlier school's estab number: near ours, never equal to it. */
static void
format_other_estab (const Generator *gen,
                    Pupil           *pupil,
                    char             estab[5])
{
  guint ours = (guint) g_ascii_strtoull (gen->options->estab, NULL, 10);
  guint other = (ours + 1 + _wm_sample_rng_below (&pupil->rng, 40)) % 10000;

  g_snprintf (estab, 5, "%04u", other);
}

/* A joiner with history brings the marks of the same school year at the
 * earlier school, up to the school day before joining. The importer keeps
 * them as history because their LEA and Estab are not this school's. */
static void
write_history (const Generator *gen,
               Pupil           *pupil)
{
  const WmSampleCalendar *calendar = gen->calendar;
  WmSampleAttendance attendance;
  char estab[5];

  format_other_estab (gen, pupil, estab);
  draw_attendance (gen, pupil, &attendance);
  attendance.n_unmarked = 0;
  attendance.trip_day = G_MAXUINT;
  _wm_sample_marks_generate (calendar, &attendance, &pupil->rng, 0, pupil->first - 1,
                             gen->marks);
  write_year_data (gen, estab, _wm_sample_other_school (pupil->index, gen->primary),
                   calendar->first_day, calendar->school_days[pupil->first - 1]);
}

static void
write_attendance (const Generator *gen,
                  Pupil           *pupil)
{
  const WmSampleCalendar *calendar = gen->calendar;
  WmSampleAttendance attendance;
  WmDay start = pupil->first == 0 ? calendar->first_day : pupil->entry_day;
  WmDay end = pupil->leaving_day != WM_DAY_NONE ? pupil->leaving_day : calendar->last_day;

  draw_attendance (gen, pupil, &attendance);
  _wm_sample_marks_generate (calendar, &attendance, &pupil->rng, pupil->first, pupil->last,
                             gen->marks);

  open_element (gen->buf, 3, "Attendance");
  write_year_data (gen, gen->options->estab, gen->options->school_name, start, end);
  if (pupil->entry->flags & FLAG_HISTORY)
    write_history (gen, pupil);
  close_element (gen->buf, 3, "Attendance");
}

static void
write_pupil (const Generator *gen,
             guint            index)
{
  Pupil pupil;

  draw_pupil (gen, &pupil, index);

  open_element (gen->buf, 2, "Pupil");
  write_identity (gen, &pupil);
  write_basic_details (gen, &pupil);
  write_family (gen, &pupil);
  if (gen->options->with_attendance)
    write_attendance (gen, &pupil);
  close_element (gen->buf, 2, "Pupil");
}

/* ---- The file ---- */

/* A six-digit URN made from the LA and establishment numbers, so that
 * sample schools with different numbers mostly get different URNs. */
static guint
sample_urn (const WmSampleOptions *options)
{
  guint lea = (guint) g_ascii_strtoull (options->lea, NULL, 10);
  guint estab = (guint) g_ascii_strtoull (options->estab, NULL, 10);

  return 100000 + (lea * 10000 + estab) % 900000;
}

static void
write_header (const Generator *gen)
{
  const WmSampleOptions *options = gen->options;
  GString *buf = gen->buf;
  char date[11], text[32];

  wm_day_to_iso_buf (gen->calendar->last_day, date);
  g_string_append (buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>\n");
  open_element (buf, 1, "Header");
  text_element (buf, 2, "DocumentName", "Common Transfer File");
  text_element (buf, 2, "CTFversion", options->ctf_version);
  g_snprintf (text, sizeof text, "%sT16:00:00", date);
  text_element (buf, 2, "DateTime", text);
  text_element (buf, 2, "DocumentQualifier", "partial");
  text_element (buf, 2, "SupplierID", "Waymark sample generator");
  open_element (buf, 2, "SourceSchool");
  text_element (buf, 3, "LEA", options->lea);
  text_element (buf, 3, "Estab", options->estab);
  uint_element (buf, 3, "URN", sample_urn (options));
  text_element (buf, 3, "SchoolName", options->school_name);
  g_snprintf (text, sizeof text, "%u/%02u", options->academic_year,
              (options->academic_year + 1) % 100);
  text_element (buf, 3, "AcademicYear", text);
  close_element (buf, 2, "SourceSchool");
  open_element (buf, 2, "DestSchool");
  text_element (buf, 3, "LEA", options->lea);
  text_element (buf, 3, "Estab", "0000");
  close_element (buf, 2, "DestSchool");
  close_element (buf, 1, "Header");
  open_element (buf, 1, "CTFpupilData");
}

static gboolean
flush_buffer (Generator     *gen,
              GOutputStream *output,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok = g_output_stream_write_all (output, gen->buf->str, gen->buf->len, NULL,
                                           cancellable, error);

  g_string_truncate (gen->buf, 0);
  return ok;
}

/**
 * wm_sample_write_ctf:
 * @options: what to write; see wm_sample_options_init()
 * @output: the stream to write to; it is not closed
 * @cancellable: (nullable): checked between pupils
 * @error: return location for an error
 *
 * Writes a sample Common Transfer File for one invented school over one
 * school year. The same options always give the same bytes, on any
 * machine and in any locale or time zone. The output streams out one
 * pupil at a time.
 *
 * Returns: %TRUE on success; %FALSE with %WM_ERROR_INVALID_INPUT when an
 *   option is out of range (the message names it), with
 *   %G_IO_ERROR_CANCELLED when cancelled, or with the stream's error
 */
gboolean
wm_sample_write_ctf (const WmSampleOptions  *options,
                     GOutputStream          *output,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(Generator) gen = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;

  gen = generator_new (options);
  write_header (gen);

  for (guint i = 0; i < options->n_pupils; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      write_pupil (gen, i);
      if (!flush_buffer (gen, output, cancellable, error))
        return FALSE;
    }

  close_element (gen->buf, 1, "CTFpupilData");
  g_string_append (gen->buf, "</CTfile>\n");
  g_debug ("Wrote a sample file of %u pupils", options->n_pupils);
  return flush_buffer (gen, output, cancellable, error);
}

/**
 * wm_sample_write_ctf_file:
 * @options: what to write
 * @path: the file to write; an existing file is replaced
 * @error: return location for an error
 *
 * Writes a sample file as wm_sample_write_ctf() does. The file is
 * replaced only when the whole output was written: on any error an
 * existing file at @path is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
wm_sample_write_ctf_file (const WmSampleOptions  *options,
                          const char             *path,
                          GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;

  /* Closing a replace stream with a cancelled cancellable drops the
   * temporary file and keeps the old one. */
  if (!wm_sample_write_ctf (options, G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
