/* wm-patterns-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the files that find attendance patterns.
 */

#pragma once

#include "wm-patterns.h"

G_BEGIN_DECLS

/* What one session of a pupil's register shows for patterns. */
typedef enum
{
  WM_SLOT_NONE,          /* no session for the pupil */
  WM_SLOT_UNMARKED,      /* held by the school, but no code */
  WM_SLOT_ATTENDED,      /* present or approved activity */
  WM_SLOT_AUTHORISED,
  WM_SLOT_UNAUTHORISED,
  WM_SLOT_NOT_POSSIBLE,  /* not a possible session, including `Z` and `#` */
} WmSlot;

WmSlot     _wm_patterns_classify        (const WmRegister *reg,
                                         const WmCalendar *calendar,
                                         WmDay             day,
                                         WmSession         session);

/*
 * The slots of a pupil's sessions from one day to another, classified
 * once, because every finder reads the same sessions. Classifying them in
 * each finder again took about a third of the time patterns took. Each byte is a
 * WmSlot, with WM_SLOT_HELD added where the school held the session. A
 * session outside the days is classified when it is requested.
 */
typedef struct
{
  const WmRegister *reg;
  const WmCalendar *calendar;
  WmDay             first_day;
  WmDay             last_day;
  guint8           *slots;
} WmSlotMap;

#define WM_SLOT_HELD 0x8

void       _wm_slot_map_init            (WmSlotMap        *map,
                                         const WmRegister *reg,
                                         const WmCalendar *calendar,
                                         WmDay             first_day,
                                         WmDay             last_day);
void       _wm_slot_map_clear           (WmSlotMap        *map);

static inline WmSlot
_wm_slot_map_get (const WmSlotMap *map,
                  WmDay            day,
                  WmSession        session)
{
  if (day < map->first_day || day > map->last_day)
    return _wm_patterns_classify (map->reg, map->calendar, day, session);

  return map->slots[(gsize) (day - map->first_day) * 2 + session]
         & ~WM_SLOT_HELD;
}

static inline gboolean
_wm_slot_map_is_held (const WmSlotMap *map,
                      WmDay            day,
                      WmSession        session)
{
  if (day < map->first_day || day > map->last_day)
    return wm_calendar_is_held (map->calendar, day, session);

  return (map->slots[(gsize) (day - map->first_day) * 2 + session]
          & WM_SLOT_HELD) != 0;
}

gboolean   _wm_patterns_is_school_day   (const WmCalendar *calendar,
                                         WmDay             day);
WmPattern *_wm_pattern_new              (WmPatternKind     kind,
                                         WmDay             first,
                                         WmDay             last);
void       _wm_patterns_append_days     (GString          *text,
                                         const GArray     *days);
void       _wm_patterns_find_runs       (const WmRegister *reg,
                                         const WmSlotMap  *map,
                                         WmDay             first,
                                         WmDay             as_of,
                                         GPtrArray        *patterns);
void       _wm_patterns_find_missing_education (const WmRegister      *reg,
                                         const WmSlotMap       *map,
                                         WmDay                  first,
                                         WmDay                  as_of,
                                         const WmResponseRules *rules,
                                         GPtrArray             *patterns);

G_END_DECLS
