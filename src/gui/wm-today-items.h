/* wm-today-items.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-response.h"
#include "wm-today-view.h"

G_BEGIN_DECLS

/**
 * WmTodayItem:
 * @section: where the item is shown
 * @pupil_id: the pupil
 * @name: the pupil's name, "Surname, Forename"
 * @upn: (nullable): the pupil's UPN
 * @day: the date the item is about: the deadline, the day the threshold
 *   was met, the day of the concern or of the level change
 * @status: for a deadline, due today or overdue; otherwise %WM_DUE_LATER
 * @key: (nullable): for a deadline, what falls due, such as
 *   "notice-to-improve-review"
 * @record_id: the record behind the item, or 0
 * @sentence: the item in words, from the core
 *
 * One line of the Today view.
 */
typedef struct
{
  WmTodaySection  section;
  gint64          pupil_id;
  char           *name;
  char           *upn;
  WmDay           day;
  WmDueStatus     status;
  const char     *key;
  gint64          record_id;
  char           *sentence;
} WmTodayItem;

void       wm_today_item_free         (WmTodayItem         *item);
void       wm_today_items_load_async  (const char          *database_path,
                                       WmDay                as_of,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *wm_today_items_load_finish (GAsyncResult        *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmTodayItem, wm_today_item_free)

G_END_DECLS
