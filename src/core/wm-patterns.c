/* wm-patterns.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-patterns-private.h"

#include <string.h>

#include "wm-i18n-private.h"

/*
 * Patterns an officer monitors from Level 1 on: absence on particular
 * weekdays or sessions, next to holidays and on the last days of term,
 * runs of absence, lateness and its trend, `N` codes left unreplaced, and
 * children missing education. Every pattern carries its counts and days,
 * and a sentence the officer can check against the register.
 *
 * Absence is concentrated in part of the register (one weekday, one
 * session of it, or the days next to holidays) when three conditions hold.
 * The part has at least MIN_ABSENT_SESSIONS absent sessions, at least half
 * of its possible sessions are absent, and its absence rate is at least
 * CONCENTRATION times that of the rest of the register. The comparison
 * keeps a pupil who misses every day from showing a pattern on each
 * weekday.
 *
 * NOTE: these three figures are Waymark's choice, not taken from guidance,
 * which names the patterns but gives no figures for them.
 */
#define MIN_ABSENT_SESSIONS 2
#define CONCENTRATION 2

/* A holiday of at least this many weekdays ends a term or half term. */
#define END_OF_TERM_BREAK_WEEKDAYS 5

/* The last school days of a term that count as its end. */
#define END_OF_TERM_DAYS 2

/* Lateness compares the last LATENESS_WEEKS school weeks with as many
 * before, and is shown from LATENESS_MIN_SESSIONS late sessions. */
#define LATENESS_WEEKS 4
#define LATENESS_MIN_SESSIONS 2

/* The names are marked with N_() and translated where a sentence is
 * written, so a bundle's English scope keeps them English. A weekday's
 * sessions are whole phrases, as languages order them differently. */
static const char * const weekday_plurals[] = {
  NULL, N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"),
  N_("Fridays"), N_("Saturdays"), N_("Sundays"),
};

static const char * const weekday_mornings[] = {
  NULL, N_("Monday mornings"), N_("Tuesday mornings"), N_("Wednesday mornings"),
  N_("Thursday mornings"), N_("Friday mornings"), N_("Saturday mornings"),
  N_("Sunday mornings"),
};

static const char * const weekday_afternoons[] = {
  NULL, N_("Monday afternoons"), N_("Tuesday afternoons"),
  N_("Wednesday afternoons"), N_("Thursday afternoons"), N_("Friday afternoons"),
  N_("Saturday afternoons"), N_("Sunday afternoons"),
};

static const char * const month_names[] = {
  NULL, N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
  N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
  N_("November"), N_("December"),
};

/* Shared helpers ------------------------------------------------------ */

/* Classifies @mark on @day, in a session the school held (@is_held) or
 * not. */
static WmSlot
slot_of_mark (WmMark   mark,
              gboolean is_held,
              WmDay    day)
{
  if (mark == WM_MARK_NONE)
    return WM_SLOT_NONE;

  /* A slot with no code is a gap only where the school held the session. */
  if (mark == WM_MARK_UNMARKED)
    return is_held ? WM_SLOT_UNMARKED : WM_SLOT_NONE;

  switch (wm_mark_category (mark, day))
    {
    case WM_CATEGORY_PRESENT:
    case WM_CATEGORY_APPROVED_ACTIVITY:
      return WM_SLOT_ATTENDED;
    case WM_CATEGORY_AUTHORISED:
      return WM_SLOT_AUTHORISED;
    case WM_CATEGORY_UNAUTHORISED:
      return WM_SLOT_UNAUTHORISED;
    case WM_CATEGORY_NOT_POSSIBLE:
    case WM_CATEGORY_ADMINISTRATIVE:
    default:
      return WM_SLOT_NOT_POSSIBLE;
    }
}

WmSlot
_wm_patterns_classify (const WmRegister *reg,
                       const WmCalendar *calendar,
                       WmDay             day,
                       WmSession         session)
{
  WmMark mark = reg != NULL ? wm_register_get (reg, day, session)
                            : WM_MARK_NONE;

  return slot_of_mark (mark, mark == WM_MARK_UNMARKED
                               && wm_calendar_is_held (calendar, day,
                                                       session), day);
}

/* The slot of every code under each regime, in the order of WmRegime.
 * slot_of_mark() depends on the day only through the regime in force, so
 * the map looks each slot up instead of classifying every session again.
 * Building the map took about 30 % of the patterns' instructions, most of
 * it in wm_mark_category(). The rows are filled once, on first use, and
 * only read after that, so threads may share them. */
static const guint8 *
code_slots (void)
{
  static guint8 table[2][WM_MARK_LAST + 1];
  static gsize filled = 0;

  if (g_once_init_enter (&filled))
    {
      for (WmMark mark = WM_MARK_UNMARKED + 1; mark <= WM_MARK_LAST; mark++)
        {
          table[WM_REGIME_2006][mark] =
            slot_of_mark (mark, TRUE, WM_DAY_REGIME_2024_START - 1);
          table[WM_REGIME_2024][mark] =
            slot_of_mark (mark, TRUE, WM_DAY_REGIME_2024_START);
        }
      g_once_init_leave (&filled, 1);
    }

  return &table[0][0];
}

/* slot_of_mark() with the codes' slots read from @regime_slots, the row
 * of code_slots() for the day's regime. */
static guint8
slot_from_table (const guint8 *regime_slots,
                 WmMark        mark,
                 gboolean      is_held,
                 WmDay         day)
{
  if (mark == WM_MARK_NONE)
    return WM_SLOT_NONE;
  if (mark == WM_MARK_UNMARKED)
    return is_held ? WM_SLOT_UNMARKED : WM_SLOT_NONE;

  /* A value that is no code keeps the check and warning of
   * wm_mark_category(). */
  if (mark > WM_MARK_LAST)
    return slot_of_mark (mark, is_held, day);

  return regime_slots[mark];
}

/* The marks of @day, read in place as wm_register_get() would, or %NULL
 * for a day the register does not cover. */
static const WmMark *
marks_of_day (const WmRegister *reg,
              WmDay             day)
{
  if (reg == NULL || day < reg->first_day || day - reg->first_day >= reg->n_days)
    return NULL;

  return reg->marks + (gsize) (day - reg->first_day) * 2;
}

void
_wm_slot_map_init (WmSlotMap        *map,
                   const WmRegister *reg,
                   const WmCalendar *calendar,
                   WmDay             first_day,
                   WmDay             last_day)
{
  const guint8 *slots_by_regime = code_slots ();
  guint n_days = last_day - first_day + 1;
  guint8 *slots = g_new (guint8, (gsize) n_days * 2);

  map->reg = reg;
  map->calendar = calendar;
  map->first_day = first_day;
  map->last_day = last_day;
  map->slots = slots;
  for (guint i = 0; i < n_days; i++)
    {
      WmDay day = first_day + i;
      const WmMark *marks = marks_of_day (reg, day);
      const guint8 *regime_slots =
        slots_by_regime + wm_regime_for_day (day) * (WM_MARK_LAST + 1);

      for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
           session++)
        {
          gboolean is_held = wm_calendar_is_held (calendar, day, session);
          WmMark mark = marks != NULL ? marks[session] : WM_MARK_NONE;
          guint8 slot = slot_from_table (regime_slots, mark, is_held, day);

          slots[(gsize) i * 2 + session] = is_held ? slot | WM_SLOT_HELD : slot;
        }
    }
}

void
_wm_slot_map_clear (WmSlotMap *map)
{
  g_clear_pointer (&map->slots, g_free);
}

static gboolean
slot_is_possible (WmSlot slot)
{
  return slot == WM_SLOT_ATTENDED || slot == WM_SLOT_AUTHORISED
         || slot == WM_SLOT_UNAUTHORISED;
}

static gboolean
slot_is_absent (WmSlot slot)
{
  return slot == WM_SLOT_AUTHORISED || slot == WM_SLOT_UNAUTHORISED;
}

gboolean
_wm_patterns_is_school_day (const WmCalendar *calendar,
                            WmDay             day)
{
  return wm_calendar_is_held (calendar, day, WM_SESSION_AM)
         || wm_calendar_is_held (calendar, day, WM_SESSION_PM);
}

WmPattern *
_wm_pattern_new (WmPatternKind kind,
                 WmDay         first,
                 WmDay         last)
{
  WmPattern *pattern = g_new0 (WmPattern, 1);

  pattern->kind = kind;
  pattern->weekday = G_DATE_BAD_WEEKDAY;
  pattern->session = WM_PATTERN_WHOLE_DAY;
  pattern->first = first;
  pattern->last = last;
  pattern->days = g_array_new (FALSE, FALSE, sizeof (WmDay));
  return pattern;
}

/*
 * Appends a list of days without repeating what neighbours share:
 * "6 and 13 March 2026", "30 March and 2 November 2026". Long lists end
 * with how many more days there are.
 */
void
_wm_patterns_append_days (GString      *text,
                          const GArray *days)
{
  const guint max_listed = 12;
  guint n = MIN (days->len, max_listed);

  for (guint i = 0; i < n; i++)
    {
      WmDay day = g_array_index (days, WmDay, i);
      WmDay next = i + 1 < n ? g_array_index (days, WmDay, i + 1)
                             : WM_DAY_NONE;
      gboolean new_year = next == WM_DAY_NONE
                          || wm_day_year (next) != wm_day_year (day);

      if (i > 0)
        g_string_append (text, i + 1 == n && n == days->len ? _(" and ") : ", ");

      g_string_append_printf (text, "%u", wm_day_of_month (day));
      if (new_year || wm_day_month (next) != wm_day_month (day))
        g_string_append_printf (text, " %s", _(month_names[wm_day_month (day)]));
      if (new_year)
        g_string_append_printf (text, " %u", wm_day_year (day));
    }

  if (days->len > n)
    g_string_append_printf (text, wm_ngettext (" and %u more day", " and %u more days",
                                               days->len - n),
                            days->len - n);
}

static void
append_day_once (GArray *days,
                 WmDay   day)
{
  if (days->len == 0 || g_array_index (days, WmDay, days->len - 1) != day)
    g_array_append_val (days, day);
}

/*
 * Tells whether @absent of @possible sessions is concentrated against
 * @rest_absent of @rest_possible elsewhere. Products are taken in 64 bits.
 */
static gboolean
is_concentrated (guint absent,
                 guint possible,
                 guint rest_absent,
                 guint rest_possible)
{
  return absent >= MIN_ABSENT_SESSIONS && (guint64) absent * 2 >= possible
         && (guint64) absent * rest_possible
              >= (guint64) CONCENTRATION * rest_absent * possible;
}

/* Tally of a part of the register: a weekday, a session, some days. */
typedef struct
{
  guint   possible;
  guint   absent;
  guint   unauthorised;
  GArray *days;
} Tally;

static void
tally_add (Tally  *tally,
           WmSlot  slot,
           WmDay   day)
{
  if (!slot_is_possible (slot))
    return;

  tally->possible++;
  if (!slot_is_absent (slot))
    return;

  tally->absent++;
  if (slot == WM_SLOT_UNAUTHORISED)
    tally->unauthorised++;
  if (tally->days != NULL)
    append_day_once (tally->days, day);
}

static void
append_absence_sentence (GString     *text,
                         const char  *label,
                         const Tally *tally,
                         guint        rest_absent,
                         guint        rest_possible)
{
  /* Translators: the pattern, such as "Monday mornings", the sessions
   * absent, the sessions possible and how many were unauthorised; the
   * days follow. */
  g_string_append_printf (text, _("%s: absent at %u of %u sessions, %u "
                                  "unauthorised, on "), label, tally->absent,
                          tally->possible, tally->unauthorised);
  _wm_patterns_append_days (text, tally->days);
  g_string_append_printf (text, _("; absent at %u of %u other sessions"),
                          rest_absent, rest_possible);
}

static WmPattern *
absence_pattern_new (WmPatternKind  kind,
                     WmDay          first,
                     WmDay          as_of,
                     const Tally   *tally,
                     const Tally   *all,
                     const char    *label)
{
  WmPattern *pattern = _wm_pattern_new (kind, first, as_of);
  g_autoptr(GString) text = g_string_new (NULL);

  pattern->count = tally->absent;
  pattern->out_of = tally->possible;
  pattern->unauthorised = tally->unauthorised;
  pattern->rest_count = all->absent - tally->absent;
  pattern->rest_out_of = all->possible - tally->possible;
  g_array_append_vals (pattern->days, tally->days->data, tally->days->len);

  append_absence_sentence (text, label, tally, pattern->rest_count,
                           pattern->rest_out_of);
  pattern->sentence = g_string_free (g_steal_pointer (&text), FALSE);
  return pattern;
}

/* Weekdays ------------------------------------------------------------ */

typedef struct
{
  Tally day;
  Tally session[2];
} WeekdayTally;

static void
weekday_tally_clear (WeekdayTally *tallies)
{
  for (GDateWeekday weekday = G_DATE_MONDAY; weekday <= G_DATE_FRIDAY;
       weekday++)
    {
      g_clear_pointer (&tallies[weekday].day.days, g_array_unref);
      g_clear_pointer (&tallies[weekday].session[0].days, g_array_unref);
      g_clear_pointer (&tallies[weekday].session[1].days, g_array_unref);
    }
}

static gboolean
is_session_concentrated (const Tally *part,
                         const Tally *all)
{
  return is_concentrated (part->absent, part->possible,
                          all->absent - part->absent,
                          all->possible - part->possible);
}

/*
 * Decides what to report for one weekday. When only one of its sessions
 * shows concentrated absence, that session is reported, so that Friday
 * afternoons are not reported as Fridays. Otherwise the whole day is
 * reported when both sessions, or the day taken as a whole, show it.
 */
static void
add_weekday_pattern (GPtrArray          *patterns,
                     GDateWeekday        weekday,
                     const WeekdayTally *tally,
                     const Tally        *all_sessions,
                     WmDay               first,
                     WmDay               as_of)
{
  gboolean am = is_session_concentrated (&tally->session[WM_SESSION_AM],
                                         all_sessions);
  gboolean pm = is_session_concentrated (&tally->session[WM_SESSION_PM],
                                         all_sessions);
  g_autofree char *label = NULL;
  WmPattern *pattern;
  gint session;

  if (am != pm)
    session = am ? WM_SESSION_AM : WM_SESSION_PM;
  else if (am || is_session_concentrated (&tally->day, all_sessions))
    session = WM_PATTERN_WHOLE_DAY;
  else
    return;

  if (session == WM_PATTERN_WHOLE_DAY)
    label = g_strdup (_(weekday_plurals[weekday]));
  else
    label = g_strdup (session == WM_SESSION_AM ? _(weekday_mornings[weekday])
                                               : _(weekday_afternoons[weekday]));

  pattern = absence_pattern_new (WM_PATTERN_WEEKDAY, first, as_of,
                                 session == WM_PATTERN_WHOLE_DAY
                                   ? &tally->day : &tally->session[session],
                                 all_sessions, label);
  pattern->weekday = weekday;
  pattern->session = session;
  g_ptr_array_add (patterns, pattern);
}

static void
find_weekdays (const WmSlotMap  *map,
               WmDay             first,
               WmDay             as_of,
               GPtrArray        *patterns)
{
  WeekdayTally tallies[G_DATE_SUNDAY + 1];
  Tally all = { 0, };
  GDateWeekday day_of_week;

  memset (tallies, 0, sizeof tallies);
  for (GDateWeekday weekday = G_DATE_MONDAY; weekday <= G_DATE_FRIDAY;
       weekday++)
    {
      tallies[weekday].day.days = g_array_new (FALSE, FALSE, sizeof (WmDay));
      for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
           session++)
        tallies[weekday].session[session].days =
          g_array_new (FALSE, FALSE, sizeof (WmDay));
    }

  /* Weekend sessions count in the totals but in no weekday. The weekday
   * is worked out once and then stepped, because computing it through
   * GDate for every session cost as much as the tallies. */
  day_of_week = first <= as_of ? wm_day_weekday (first) : G_DATE_MONDAY;
  for (WmDay day = first; day <= as_of;
       day++, day_of_week = day_of_week % G_DATE_SUNDAY + 1)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmSlot slot = _wm_slot_map_get (map, day, session);

        tally_add (&all, slot, day);
        if (day_of_week > G_DATE_FRIDAY)
          continue;

        tally_add (&tallies[day_of_week].day, slot, day);
        tally_add (&tallies[day_of_week].session[session], slot, day);
      }

  for (GDateWeekday weekday = G_DATE_MONDAY; weekday <= G_DATE_FRIDAY;
       weekday++)
    add_weekday_pattern (patterns, weekday, &tallies[weekday], &all, first,
                         as_of);

  weekday_tally_clear (tallies);
}

/* Holidays and the ends of terms -------------------------------------- */

/* Counts the weekdays strictly between @from and @to with no session. */
static guint
closed_weekdays_between (const WmCalendar *calendar,
                         WmDay             from,
                         WmDay             to)
{
  guint n = 0;

  for (WmDay day = from + 1; day < to; day++)
    if (!wm_day_is_weekend (day) && !_wm_patterns_is_school_day (calendar,
                                                                 day))
      n++;

  return n;
}

/* The next school day after @day, or WM_DAY_NONE past the calendar. */
static WmDay
next_school_day (const WmCalendar *calendar,
                 WmDay             day)
{
  WmDay last = wm_calendar_last_day (calendar);

  for (day++; last != WM_DAY_NONE && day <= last; day++)
    if (_wm_patterns_is_school_day (calendar, day))
      return day;

  return WM_DAY_NONE;
}

static WmDay
previous_school_day (const WmCalendar *calendar,
                     WmDay             day)
{
  WmDay first = wm_calendar_first_day (calendar);

  for (day--; first != WM_DAY_NONE && day >= first; day--)
    if (_wm_patterns_is_school_day (calendar, day))
      return day;

  return WM_DAY_NONE;
}

/* What a day from @first to @as_of is next to, as found by
 * holiday_days_new(). */
enum
{
  DAY_NEXT_TO_HOLIDAY = 1 << 0,
  DAY_END_OF_TERM = 1 << 1,
};

/* Lists the school days in order, from the last one before @first to
 * the END_OF_TERM_DAYS-th one after @as_of. */
static GArray *
school_days_around (const WmCalendar *calendar,
                    WmDay             first,
                    WmDay             as_of)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (WmDay));
  WmDay day = previous_school_day (calendar, first);

  if (day != WM_DAY_NONE)
    g_array_append_val (days, day);

  for (day = first; day <= as_of; day++)
    if (_wm_patterns_is_school_day (calendar, day))
      g_array_append_val (days, day);

  day = as_of;
  for (guint i = 0; i < END_OF_TERM_DAYS; i++)
    {
      day = next_school_day (calendar, day);
      if (day == WM_DAY_NONE)
        break;
      g_array_append_val (days, day);
    }

  return days;
}

/*
 * Flags each school day from @first to @as_of. DAY_NEXT_TO_HOLIDAY marks
 * a day just before or just after a closure of one or more weekdays.
 * DAY_END_OF_TERM marks one of the last END_OF_TERM_DAYS school days
 * before a holiday of END_OF_TERM_BREAK_WEEKDAYS weekdays or more. Where
 * the calendar does not reach past a day, what follows is unknown, so
 * that side is not a holiday. Each closure is counted once, between two
 * consecutive school days, instead of searched for around every day.
 */
static guint8 *
holiday_days_new (const WmCalendar *calendar,
                  WmDay             first,
                  WmDay             as_of)
{
  g_autoptr(GArray) days = school_days_around (calendar, first, as_of);
  g_autofree guint *closed = g_new0 (guint, days->len + 1);
  guint8 *flags = g_new0 (guint8, as_of - first + 1);

  /* closed[i] is between days i and i + 1. */
  for (guint i = 0; i + 1 < days->len; i++)
    closed[i] = closed_weekdays_between (calendar,
                                         g_array_index (days, WmDay, i),
                                         g_array_index (days, WmDay, i + 1));

  for (guint i = 0; i < days->len; i++)
    {
      WmDay day = g_array_index (days, WmDay, i);

      if (day < first || day > as_of)
        continue;

      if ((i > 0 && closed[i - 1] > 0) || (i + 1 < days->len && closed[i] > 0))
        flags[day - first] |= DAY_NEXT_TO_HOLIDAY;

      for (guint k = 0; k < END_OF_TERM_DAYS && i + k + 1 < days->len; k++)
        if (closed[i + k] >= END_OF_TERM_BREAK_WEEKDAYS)
          flags[day - first] |= DAY_END_OF_TERM;
    }

  return flags;
}

static void
find_holiday_pattern (const WmSlotMap  *map,
                      const guint8     *holiday_days,
                      WmDay             first,
                      WmDay             as_of,
                      WmPatternKind     kind,
                      GPtrArray        *patterns)
{
  guint8 part_flag = kind == WM_PATTERN_END_OF_TERM ? DAY_END_OF_TERM
                                                    : DAY_NEXT_TO_HOLIDAY;
  Tally part = { 0, };
  Tally all = { 0, };
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (WmDay));

  part.days = days;
  for (WmDay day = first; day <= as_of; day++)
    {
      gboolean in_part = (holiday_days[day - first] & part_flag) != 0;

      for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
           session++)
        {
          WmSlot slot = _wm_slot_map_get (map, day, session);

          tally_add (&all, slot, day);
          if (in_part)
            tally_add (&part, slot, day);
        }
    }

  if (!is_concentrated (part.absent, part.possible, all.absent - part.absent,
                        all.possible - part.possible))
    return;

  g_ptr_array_add (patterns,
                   absence_pattern_new (kind, first, as_of, &part, &all,
                                        kind == WM_PATTERN_END_OF_TERM
                                          ? _("Last days of term")
                                          : _("Days next to holidays")));
}

/* Lateness ------------------------------------------------------------ */

static void
count_late (const WmRegister *reg,
            WmDay             first,
            WmDay             last,
            guint            *late_before,
            guint            *late_after)
{
  for (WmDay day = first; reg != NULL && day <= last; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmMark mark = wm_register_get (reg, day, session);

        if (mark == WM_MARK_L)
          (*late_before)++;
        else if (mark == WM_MARK_U)
          (*late_after)++;
      }
}

/* The trend is a whole phrase, so a translation can place it where its
 * language puts it. */
static void
append_trend (GString *text,
              guint    recent,
              guint    previous,
              guint    weeks)
{
  /* Translators: continues the lateness sentence: the late sessions in
   * the earlier weeks, and the number of those weeks. */
  if (recent > previous)
    g_string_append_printf (text, _("; up from %u in the %u school weeks before"),
                            previous, weeks);
  else if (recent < previous)
    g_string_append_printf (text, _("; down from %u in the %u school weeks before"),
                            previous, weeks);
  else
    g_string_append_printf (text, _("; level from %u in the %u school weeks before"),
                            previous, weeks);
}

static void
append_lateness_sentence (GString         *text,
                          const WmPattern *pattern,
                          WmDay            recent_first)
{
  g_autofree char *range = wm_day_range_format (recent_first, pattern->last);
  guint recent = pattern->late_before + pattern->late_after;

  /* Translators: the late sessions, the number of school weeks and their
   * dates, then how many were late before and after the register
   * closed; L and U are the register codes. */
  g_string_append_printf (text, wm_ngettext ("Lateness: late at %u session in the %u "
                                             "school weeks %s, %u before the register "
                                             "closed (L) and %u after it closed (U)",
                                             "Lateness: late at %u sessions in the %u "
                                             "school weeks %s, %u before the register "
                                             "closed (L) and %u after it closed (U)",
                                             recent),
                          recent, LATENESS_WEEKS, range, pattern->late_before,
                          pattern->late_after);
  if (pattern->previous_weeks == 0)
    g_string_append (text, _("; no earlier school weeks to compare with"));
  else
    append_trend (text, recent, pattern->previous_late, pattern->previous_weeks);
}

/*
 * Compares lateness in the last LATENESS_WEEKS school weeks up to @as_of
 * with the LATENESS_WEEKS school weeks before them, whatever @first is,
 * so that the trend always compares periods of the same length.
 */
static void
find_lateness (const WmRegister *reg,
               const WmCalendar *calendar,
               WmDay             as_of,
               GPtrArray        *patterns)
{
  WmDay mondays[2 * LATENESS_WEEKS];
  guint found = wm_calendar_school_weeks (calendar, as_of,
                                          G_N_ELEMENTS (mondays), mondays);
  guint recent_weeks = MIN (found, LATENESS_WEEKS);
  guint previous_after = 0;
  g_autoptr(WmPattern) pattern = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  WmDay recent_first;

  if (found == 0)
    return;

  recent_first = mondays[recent_weeks - 1];
  pattern = _wm_pattern_new (WM_PATTERN_LATENESS, recent_first, as_of);
  count_late (reg, recent_first, as_of, &pattern->late_before,
              &pattern->late_after);
  pattern->count = pattern->late_before + pattern->late_after;
  if (pattern->count < LATENESS_MIN_SESSIONS)
    return;

  pattern->previous_weeks = found - recent_weeks;
  if (pattern->previous_weeks > 0)
    count_late (reg, mondays[found - 1], recent_first - 1,
                &pattern->previous_late, &previous_after);
  pattern->previous_late += previous_after;

  for (WmDay day = recent_first; day <= as_of; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmMark mark = reg != NULL ? wm_register_get (reg, day, session)
                                  : WM_MARK_NONE;

        if (mark == WM_MARK_L || mark == WM_MARK_U)
          append_day_once (pattern->days, day);
      }

  append_lateness_sentence (text, pattern, recent_first);
  pattern->sentence = g_string_free (g_steal_pointer (&text), FALSE);
  g_ptr_array_add (patterns, g_steal_pointer (&pattern));
}

/* N codes ------------------------------------------------------------- */

/* The @n-th school day after @day, or WM_DAY_NONE past the calendar. */
static WmDay
add_school_days (const WmCalendar *calendar,
                 WmDay             day,
                 guint             n)
{
  for (guint i = 0; i < n && day != WM_DAY_NONE; i++)
    day = next_school_day (calendar, day);

  return day;
}

/*
 * Finds `N` codes still on the register once @rules->n_code_school_days
 * school days have passed after their session's day without the real
 * reason replacing them. The deadline is the last of those school days;
 * an `N` is overdue when @as_of is after it.
 */
static void
find_n_not_replaced (const WmRegister      *reg,
                     const WmCalendar      *calendar,
                     WmDay                  first,
                     WmDay                  as_of,
                     const WmResponseRules *rules,
                     GPtrArray             *patterns)
{
  g_autoptr(WmPattern) pattern = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  pattern = _wm_pattern_new (WM_PATTERN_N_NOT_REPLACED, first, as_of);
  for (WmDay day = first; reg != NULL && day <= as_of; day++)
    for (WmSession session = WM_SESSION_AM; session <= WM_SESSION_PM;
         session++)
      {
        WmDay deadline;

        if (wm_register_get (reg, day, session) != WM_MARK_N)
          continue;

        deadline = add_school_days (calendar, day, rules->n_code_school_days);
        if (deadline == WM_DAY_NONE || deadline >= as_of)
          continue;

        pattern->count++;
        pattern->unauthorised++;
        append_day_once (pattern->days, day);
      }

  if (pattern->count == 0)
    return;

  /* Translators: the sessions still coded N and the school days allowed
   * to replace the code; the days follow. */
  g_string_append_printf (text, wm_ngettext ("N codes not replaced: %u session still "
                                             "coded N more than %u school days later, on ",
                                             "N codes not replaced: %u sessions still "
                                             "coded N more than %u school days later, on ",
                                             pattern->count),
                          pattern->count, rules->n_code_school_days);
  _wm_patterns_append_days (text, pattern->days);
  g_string_append (text, _(": record the reason for the absence"));
  pattern->sentence = g_string_free (g_steal_pointer (&text), FALSE);
  g_ptr_array_add (patterns, g_steal_pointer (&pattern));
}

/* Public API ---------------------------------------------------------- */

/**
 * wm_pattern_free:
 * @pattern: (nullable): a pattern
 *
 * Frees a pattern with its days, runs and sentence.
 */
void
wm_pattern_free (WmPattern *pattern)
{
  if (pattern == NULL)
    return;

  g_clear_pointer (&pattern->days, g_array_unref);
  g_clear_pointer (&pattern->runs, g_array_unref);
  g_free (pattern->sentence);
  g_free (pattern);
}

/**
 * wm_patterns_find:
 * @reg: (nullable): the pupil's register, or %NULL for a pupil with no
 *   marks
 * @calendar: the sessions the pupil's school held; sessions it will hold
 *   may be included, and tell where holidays end
 * @first: the first day to look at, such as the start of the school year
 * @as_of: the last day to look at
 * @rules: the rule values; @rules->missing_education_days and
 *   @rules->n_code_school_days are used
 *
 * Finds the attendance patterns in a pupil's register from @first to
 * @as_of, in this order: absence concentrated on a weekday or one session
 * of it; absence on the days next to holidays and on the last 2 school
 * days before a holiday of 5 weekdays or more; runs of 2 or more
 * consecutive absent sessions; 2 or more late sessions in the last
 * 4 school weeks, compared with the 4 before; `N` codes left unreplaced;
 * and unauthorised absence on @rules->missing_education_days or more
 * consecutive school days. A pattern that is not found is left out. Runs
 * are found from the start of the register, and reported when they end on
 * or after @first.
 *
 * Returns: (transfer full) (element-type WmPattern): the patterns found,
 *   possibly none
 */
GPtrArray *
wm_patterns_find (const WmRegister      *reg,
                  const WmCalendar      *calendar,
                  WmDay                  first,
                  WmDay                  as_of,
                  const WmResponseRules *rules)
{
  g_autoptr(GPtrArray) patterns = NULL;
  g_autofree guint8 *holiday_days = NULL;
  WmSlotMap map;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (first != WM_DAY_NONE, NULL);
  g_return_val_if_fail (first <= as_of, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pattern_free);

  /* Runs are found from the register's first day, the others from
   * @first. */
  _wm_slot_map_init (&map, reg, calendar,
                     reg != NULL && reg->n_days > 0
                       ? MIN (first, reg->first_day) : first,
                     as_of);
  holiday_days = holiday_days_new (calendar, first, as_of);

  find_weekdays (&map, first, as_of, patterns);
  find_holiday_pattern (&map, holiday_days, first, as_of,
                        WM_PATTERN_NEXT_TO_HOLIDAY, patterns);
  find_holiday_pattern (&map, holiday_days, first, as_of,
                        WM_PATTERN_END_OF_TERM, patterns);
  _wm_patterns_find_runs (reg, &map, first, as_of, patterns);
  find_lateness (reg, calendar, as_of, patterns);
  find_n_not_replaced (reg, calendar, first, as_of, rules, patterns);
  _wm_patterns_find_missing_education (reg, &map, first, as_of, rules,
                                       patterns);

  _wm_slot_map_clear (&map);

  return g_steal_pointer (&patterns);
}
