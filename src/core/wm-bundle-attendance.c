/* wm-bundle-attendance.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-bundle-private.h"

#include <math.h>

#include "wm-patterns.h"
#include "wm-response-rules.h"
#include "wm-routes.h"

/*
 * The parts of a bundle made from the register: the head teacher's
 * attendance certificate and the chart of attendance over time.
 */

/* The chart looks back at most this many school weeks, more than a school
 * year has, and never before 1 September of the as-of date's year. */
#define CHART_MAX_WEEKS 60

/* The rolling period of the second chart, the toolkit's "four weeks". */
#define ROLLING_WEEKS 4

static const char * const short_months[] = {
  "", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
  "Nov", "Dec",
};

/* The period the bundle cites */

/* The earliest day a pattern's sentence can cite: its first day behind
 * the pattern or the first day of one of its runs. */
static WmDay
pattern_first_cited (const WmPattern *pattern)
{
  WmDay first = G_MAXUINT32;

  if (pattern->days != NULL && pattern->days->len > 0)
    first = g_array_index (pattern->days, WmDay, 0);

  for (guint i = 0; pattern->runs != NULL && i < pattern->runs->len; i++)
    first = MIN (first, g_array_index (pattern->runs, WmAbsenceRun,
                                       i).first_day);

  return first;
}

/* The first day of the threshold period as of the day the threshold was
 * first met, since "first met on" can only be checked against the school
 * weeks before that day. Sessions used by a penalty notice are not left
 * out here: counting them can only make the day earlier, and an extract
 * that starts earlier still supports the later day. */
static WmDay
threshold_first_cited (const WmRegister *reg,
                       const WmCalendar *calendar,
                       const WmRules    *rules,
                       WmDay             to)
{
  WmThresholdResult result;

  wm_threshold_evaluate (reg, calendar, to, rules, NULL, 0, &result);
  if (!result.met)
    return G_MAXUINT32;

  wm_threshold_evaluate (reg, calendar, result.first_met, rules, NULL, 0,
                         &result);
  return result.window_weeks > 0 ? result.window_start : result.as_of;
}

/*
 * _wm_bundle_cited_from:
 * @reg: the pupil's register
 * @calendar: the sessions the pupil's school held
 * @rules: the school's rule values
 * @from: the first day of the default period
 * @to: the last day of the period
 *
 * Moves the default period's first day back to the earliest day the
 * bundle cites: the patterns' first days and the threshold period behind
 * the day the threshold was first met. A certified extract that starts
 * after a date the bundle relies on cannot support that date. The day is
 * the Monday of that day's week, so the first row of the extract is a
 * whole week, but never before the register's first day, since no mark
 * exists before it.
 *
 * Returns: the first day of the period, never later than @from
 */
WmDay
_wm_bundle_cited_from (const WmRegister *reg,
                       const WmCalendar *calendar,
                       const WmRules    *rules,
                       WmDay             from,
                       WmDay             to)
{
  g_autoptr(GPtrArray) patterns = NULL;
  WmResponseRules pattern_rules;
  WmDay cited;

  if (reg == NULL || reg->n_days == 0)
    return from;

  cited = threshold_first_cited (reg, calendar, rules, to);
  wm_response_rules_init_defaults (&pattern_rules);
  patterns = wm_patterns_find (reg, calendar, wm_day_academic_year_start (to),
                               to, &pattern_rules);
  for (guint i = 0; i < patterns->len; i++)
    cited = MIN (cited, pattern_first_cited (g_ptr_array_index (patterns, i)));

  if (cited >= from)
    return from;

  return MIN (from, MAX (wm_day_monday (cited), reg->first_day));
}

/* Helpers */

/*
 * Counts the pupil's sessions from @first to @last, the way the evaluation
 * does: a session that does not exist for the pupil is skipped, a missing
 * mark counts as a gap only where the school held the session, and each
 * code is classified by the regime in force on its date.
 */
static void
count_sessions (WmBundleContext *ctx,
                WmDay            first,
                WmDay            last,
                WmCounts        *counts)
{
  const WmRegister *reg = ctx->reg;

  if (reg->n_days == 0 || first > last)
    return;

  first = MAX (first, reg->first_day);
  last = MIN (last, reg->first_day + reg->n_days - 1);
  for (WmDay day = first; day <= last; day++)
    for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
      {
        WmMark mark = wm_register_get (reg, day, s);

        if (mark == WM_MARK_NONE
            || (mark == WM_MARK_UNMARKED
                && !wm_calendar_is_held (ctx->calendar, day, s)))
          continue;

        wm_counts_add_mark (counts, mark, day);
      }
}

void
_wm_bundle_count_period (WmBundleContext *ctx,
                         WmCounts        *out_counts)
{
  count_sessions (ctx, ctx->from, ctx->to, out_counts);
}

static WmMark
mark_at (WmBundleContext *ctx,
         WmDay            day,
         WmSession        session)
{
  const WmRegister *reg = ctx->reg;

  if (day < ctx->from || day > ctx->to || day < reg->first_day
      || day >= reg->first_day + reg->n_days)
    return WM_MARK_NONE;

  return wm_register_get (reg, day, session);
}

/* The grid's text for one session: the code, "-" for a session the school
 * held but the register leaves unmarked, nothing otherwise. */
static const char *
grid_code (WmBundleContext *ctx,
           WmDay            day,
           WmSession        session,
           WmMark           mark)
{
  if (mark == WM_MARK_NONE)
    return NULL;
  if (mark == WM_MARK_UNMARKED)
    return wm_calendar_is_held (ctx->calendar, day, session) ? "-" : NULL;
  return wm_mark_to_code (mark);
}

/* Adds one row a week, leaving out the weeks in which the school held no
 * session: every session is either no school day or `#`, a planned
 * whole-school closure such as a half term the register marks, as the
 * note under the grid says. Sets @used for each mark shown. */
static void
add_grid (WmBundleContext *ctx,
          WmSection       *section,
          gboolean        *used)
{
  WmBlock *grid = wm_section_add_register_grid (section);

  for (WmDay monday = wm_day_monday (ctx->from); monday <= ctx->to;
       monday += 7)
    {
      const char *codes[WM_GRID_SESSIONS] = { NULL, };
      WmMark marks[WM_GRID_SESSIONS];
      gboolean held = FALSE;

      for (guint i = 0; i < WM_GRID_SESSIONS; i++)
        {
          WmDay day = monday + i / 2;
          WmSession session = i % 2;

          marks[i] = mark_at (ctx, day, session);
          codes[i] = grid_code (ctx, day, session, marks[i]);
          if (codes[i] != NULL && marks[i] != WM_MARK_CLOSED)
            held = TRUE;
        }

      if (!held)
        continue;

      for (guint i = 0; i < WM_GRID_SESSIONS; i++)
        if (codes[i] != NULL)
          used[marks[i]] = TRUE;
      wm_register_grid_add_week (grid, monday, codes);
    }
}

static void
add_legend (WmSection      *section,
            const gboolean *used,
            WmDay           day)
{
  static const char * const titles[] = { "Code", "Meaning", "Counted as" };
  static const double widths[] = { 0.7, 4.0, 2.0 };
  WmBlock *table;

  wm_section_add_heading (section, "Key to the codes");
  table = wm_section_add_table (section, G_N_ELEMENTS (titles), titles,
                                widths);
  if (used[WM_MARK_UNMARKED])
    wm_table_add_row (table, (const char * const[]) {
                               "-", "No mark: a gap in the register",
                               "Not counted" });

  for (WmMark mark = WM_MARK_UNMARKED + 1; mark <= WM_MARK_LAST; mark++)
    {
      const WmMarkInfo *info;

      if (!used[mark])
        continue;

      info = wm_mark_get_info (mark);
      wm_table_add_row (table, (const char * const[]) {
                                 info->code, info->meaning,
                                 wm_category_to_string (
                                   wm_mark_category (mark, day)) });
    }
}

static void
add_totals (WmSection      *section,
            const WmCounts *counts)
{
  WmBlock *block;
  guint attended = wm_counts_attended (counts);
  guint possible = wm_counts_possible (counts);
  g_autofree char *n_possible = g_strdup_printf ("%u", possible);
  g_autofree char *n_attended = g_strdup_printf ("%u", attended);
  g_autofree char *n_authorised = g_strdup_printf ("%u", counts->authorised);
  g_autofree char *n_unauthorised = g_strdup_printf ("%u",
                                                     counts->unauthorised);
  g_autofree char *percent = NULL;

  wm_section_add_heading (section, "Totals for the period");
  block = wm_section_add_key_values (section);
  wm_key_values_add (block, "Possible sessions", n_possible);
  wm_key_values_add (block, "Sessions attended", n_attended);
  wm_key_values_add (block, "Authorised absence", n_authorised);
  wm_key_values_add (block, "Unauthorised absence", n_unauthorised);
  if (possible > 0)
    {
      g_autofree char *figure = wm_percent_format (
        wm_percent_tenths (attended, possible));

      percent = g_strdup_printf ("%s%% (%u of %u)", figure, attended,
                                 possible);
      wm_key_values_add (block, "Attendance", percent);
    }

  /* A legal step may not rest on a period with gaps or N codes, so they
   * are stated where the court reads the totals. */
  if (counts->unmarked > 0)
    {
      g_autofree char *gaps = g_strdup_printf (
        "%u sessions in the period have no mark and are in no total; "
        "the register must be completed before it is relied on.",
        counts->unmarked);

      wm_section_add_text (section, gaps, WM_TEXT_STRONG);
    }
}

/* Returns the list's last block: the table, or the paragraph "None in the
 * period.". */
static WmBlock *
add_unauthorised (WmBundleContext *ctx,
                  WmSection       *section)
{
  static const char * const titles[] = { "Date", "Session", "Code",
                                         "Meaning" };
  static const double widths[] = { 2.0, 1.0, 0.7, 3.5 };
  WmBlock *table = NULL;

  wm_section_add_heading (section, "Sessions of unauthorised absence");
  for (WmDay day = ctx->from; day <= ctx->to; day++)
    for (WmSession s = WM_SESSION_AM; s <= WM_SESSION_PM; s++)
      {
        WmMark mark = mark_at (ctx, day, s);
        g_autofree char *date = NULL;

        if (!wm_mark_is_code (mark)
            || wm_mark_category (mark, day) != WM_CATEGORY_UNAUTHORISED)
          continue;

        if (table == NULL)
          table = wm_section_add_table (section, G_N_ELEMENTS (titles),
                                        titles, widths);
        date = wm_day_format_long (day);
        wm_table_add_row (table, (const char * const[]) {
                                   date, s == WM_SESSION_AM ? "AM" : "PM",
                                   wm_mark_to_code (mark),
                                   wm_mark_get_info (mark)->meaning });
      }

  if (table == NULL)
    return wm_section_add_paragraph (section, "None in the period.");

  return table;
}

/* The wording of a certificate under section 566 of the Education Act
 * 1996, which makes a head teacher's certificate of a pupil's attendance,
 * as the register records it, admissible as evidence.
 * NOTE: the wording is Waymark's own, not a prescribed form. */
static void
add_certificate_wording (WmBundleContext *ctx,
                         WmSection       *section)
{
  g_autofree char *period = wm_day_range_format (ctx->from, ctx->to);
  g_autofree char *dob = wm_day_format_long (ctx->pupil.dob);
  g_autofree char *text = NULL;

  text = g_strdup_printf (
    "I certify that the register extract below is a true extract from the "
    "attendance register kept at %s under the School Attendance (Pupil "
    "Registration) (England) Regulations, and that it shows the attendance "
    "of %s %s (UPN %s, born %s) at the school from %s. This certificate is "
    "given under section 566 of the Education Act 1996, which makes a "
    "certificate signed by the head teacher and showing a pupil's "
    "attendance as recorded in the register admissible as evidence of "
    "that attendance.", ctx->school_name, ctx->pupil.forename,
    ctx->pupil.surname, ctx->pupil.upn, dob, period);
  wm_section_add_paragraph (section, text);
}

/* The signature block names the school's signatory when one is entered,
 * because a court asks who signed; otherwise it names the role alone for
 * the head teacher to sign. Its last line names the pupil and the period,
 * so that the signature names what it certifies even on a page of its own,
 * which happens only when the list above it is taller than a page. */
static void
add_certificate_signature (WmBundleContext *ctx,
                           WmSection       *section)
{
  const WmSchoolDetails *details = &ctx->school_details;
  g_autofree char *period = wm_day_range_format (ctx->from, ctx->to);
  g_autofree char *school = NULL;
  g_autofree char *role = NULL;
  const char *name = "Head teacher";

  if (details->signatory_name != NULL && details->signatory_role != NULL)
    {
      name = details->signatory_name;
      school = g_strdup_printf ("%s, %s", details->signatory_role,
                                ctx->school_name);
    }
  else
    school = g_strdup (ctx->school_name);

  role = g_strdup_printf ("%s\nCertifying the attendance of %s %s "
                          "(UPN %s), %s", school, ctx->pupil.forename,
                          ctx->pupil.surname, ctx->pupil.upn, period);
  wm_section_add_signature (section, name, role, TRUE);
}

void
_wm_bundle_add_certificate (WmBundleContext *ctx,
                            WmDocument      *document)
{
  WmSection *section = wm_document_add_section (document,
                                                "Attendance certificate",
                                                WM_SECTION_NEW_PAGE);
  gboolean used[WM_MARK_LAST + 1] = { FALSE, };
  WmCounts counts = { 0, };

  add_certificate_wording (ctx, section);
  add_grid (ctx, section, used);
  wm_section_add_text (section, "Weeks in which the school held no session "
                       "are left out. Each session is classified by the "
                       "regulations in force on its date.", WM_TEXT_SMALL);
  add_legend (section, used, ctx->to);

  count_sessions (ctx, ctx->from, ctx->to, &counts);
  add_totals (section, &counts);

  /* The signature is kept on one page with the list of unauthorised
   * sessions and its heading, the last part of what it certifies. While
   * the list fits on one page, the signature is so never alone at the top
   * of a page. */
  wm_block_set_keep_with_next (add_unauthorised (ctx, section), TRUE);
  add_certificate_signature (ctx, section);
}

/* Chart */

typedef struct
{
  WmDay    monday;
  WmCounts week;
  WmCounts rolling;
} Week;

static GArray *
collect_weeks (WmBundleContext *ctx)
{
  WmDay as_of = ctx->options->as_of;
  WmDay year_start = wm_day_academic_year_start (as_of);
  WmDay mondays[CHART_MAX_WEEKS];
  guint found = wm_calendar_school_weeks (ctx->calendar, as_of,
                                          CHART_MAX_WEEKS, mondays);
  GArray *weeks = g_array_new (FALSE, TRUE, sizeof (Week));

  /* The calendar lists the newest week first; the chart reads oldest
   * first, from the start of the school year. */
  for (guint i = found; i > 0; i--)
    {
      Week week = { mondays[i - 1], };

      if (week.monday + 6 < year_start)
        continue;

      count_sessions (ctx, week.monday, MIN (week.monday + 6, as_of),
                      &week.week);
      g_array_append_val (weeks, week);
    }

  for (guint i = 0; i < weeks->len; i++)
    {
      Week *week = &g_array_index (weeks, Week, i);

      for (guint j = i + 1 > ROLLING_WEEKS ? i + 1 - ROLLING_WEEKS : 0;
           j <= i; j++)
        count_sessions (ctx, g_array_index (weeks, Week, j).monday,
                        MIN (g_array_index (weeks, Week, j).monday + 6, as_of),
                        &week->rolling);
    }

  return weeks;
}

static double
percent_value (const WmCounts *counts)
{
  guint possible = wm_counts_possible (counts);

  if (possible == 0)
    return NAN;

  return 100.0 * wm_counts_attended (counts) / possible;
}

/* The label of one week's records: each kind once, in the order of its
 * first record, with how many when there were several ("Home visit (2),
 * Meeting"), so that a busy week still names what was done. */
static char *
week_label (WmBundleContext *ctx,
            WmDay            monday)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GString) label = g_string_new (NULL);

  for (guint j = 0; j < ctx->records->len; j++)
    {
      const WmRecord *record = g_ptr_array_index (ctx->records, j);
      guint k;

      if (record->day < monday || record->day > monday + 6)
        continue;

      if (!g_ptr_array_find (kinds, record->kind, &k))
        {
          g_ptr_array_add (kinds, (gpointer) record->kind);
          g_array_set_size (counts, kinds->len);
          k = kinds->len - 1;
        }
      g_array_index (counts, guint, k)++;
    }

  for (guint k = 0; k < kinds->len; k++)
    {
      const WmRecordKind *kind = g_ptr_array_index (kinds, k);
      guint n = g_array_index (counts, guint, k);

      g_string_append_printf (label, "%s%s", k > 0 ? ", " : "", kind->label);
      if (n > 1)
        g_string_append_printf (label, " (%u)", n);
    }

  return label->len > 0 ? g_string_free (g_steal_pointer (&label), FALSE)
                        : NULL;
}

/* Marks each week that has records on the case. */
static void
add_events (WmBundleContext *ctx,
            WmBlock         *chart,
            GArray          *weeks)
{
  for (guint i = 0; i < weeks->len; i++)
    {
      g_autofree char *label = week_label (ctx, g_array_index (weeks, Week,
                                                               i).monday);

      if (label != NULL)
        wm_chart_add_event (chart, i, label);
    }
}

static WmBlock *
add_chart_block (WmBundleContext *ctx,
                 WmSection       *section,
                 GArray          *weeks,
                 const char      *title,
                 gboolean         rolling)
{
  WmBlock *chart = wm_section_add_chart (section, title, 100);

  for (guint i = 0; i < weeks->len; i++)
    {
      Week *week = &g_array_index (weeks, Week, i);
      g_autofree char *label = g_strdup_printf (
        "%u %s", wm_day_of_month (week->monday),
        short_months[wm_day_month (week->monday)]);

      wm_chart_add_point (chart, label,
                          percent_value (rolling ? &week->rolling
                                                 : &week->week));
    }

  add_events (ctx, chart, weeks);
  return chart;
}

static char *
figure_text (const WmCounts *counts)
{
  guint attended = wm_counts_attended (counts);
  guint possible = wm_counts_possible (counts);
  g_autofree char *percent = NULL;

  if (possible == 0)
    return g_strdup ("no possible session");

  percent = wm_percent_format (wm_percent_tenths (attended, possible));
  return g_strdup_printf ("%s%% (%u of %u)", percent, attended, possible);
}

/* The figures behind the chart, since a percentage early in a period
 * moves a lot with one session and the reader needs the counts. */
static void
add_week_table (WmSection *section,
                GArray    *weeks)
{
  static const char * const titles[] = { "School week from", "That week",
                                         "Last four school weeks" };
  static const double widths[] = { 2.0, 2.0, 2.0 };
  WmBlock *table = wm_section_add_table (section, G_N_ELEMENTS (titles),
                                         titles, widths);

  for (guint i = 0; i < weeks->len; i++)
    {
      Week *week = &g_array_index (weeks, Week, i);
      g_autofree char *monday = wm_day_format_long (week->monday);
      g_autofree char *that_week = figure_text (&week->week);
      g_autofree char *rolling = figure_text (&week->rolling);

      wm_table_add_row (table, (const char * const[]) {
                                 monday, that_week, rolling });
    }
}

/* The patterns found over the school year up to the end of the period,
 * each as the sentence an officer can check against the register.
 * NOTE: the pattern thresholds are the built-in defaults, not a school's
 * stored rule values. */
static void
add_patterns (WmBundleContext *ctx,
              WmSection       *section)
{
  g_autoptr(GPtrArray) patterns = NULL;
  WmResponseRules rules;

  wm_section_add_text (section, "Patterns found", WM_TEXT_HEADING);
  if (ctx->reg == NULL)
    {
      wm_section_add_paragraph (section, "No register is held for the pupil.");
      return;
    }

  wm_response_rules_init_defaults (&rules);
  patterns = wm_patterns_find (ctx->reg, ctx->calendar,
                               wm_day_academic_year_start (ctx->to), ctx->to,
                               &rules);
  if (patterns->len == 0)
    wm_section_add_paragraph (section, "No pattern of absence or lateness "
                              "was found this school year.");

  for (guint i = 0; i < patterns->len; i++)
    {
      const WmPattern *pattern = g_ptr_array_index (patterns, i);

      wm_section_add_paragraph (section, pattern->sentence);
    }
}

void
_wm_bundle_add_chart (WmBundleContext *ctx,
                      WmDocument      *document)
{
  WmSection *section = wm_document_add_section (document,
                                                "Attendance over time",
                                                WM_SECTION_NEW_PAGE);
  g_autoptr(GArray) weeks = collect_weeks (ctx);

  if (weeks->len == 0)
    {
      wm_section_add_paragraph (section, "The school held no session this "
                                "school year up to the date of the bundle.");
      return;
    }

  add_chart_block (ctx, section, weeks, "Attendance each school week (%)",
                   FALSE);
  add_chart_block (ctx, section, weeks,
                   "Attendance over the last four school weeks (%)", TRUE);
  wm_section_add_text (section, "Marked weeks are those with a record on "
                       "the case.", WM_TEXT_SMALL);
  add_week_table (section, weeks);
  add_patterns (ctx, section);
}
