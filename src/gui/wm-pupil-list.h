/* wm-pupil-list.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wm-pupil-object.h"

G_BEGIN_DECLS

#define WM_TYPE_PUPIL_LIST (wm_pupil_list_get_type ())
G_DECLARE_FINAL_TYPE (WmPupilList, wm_pupil_list, WM, PUPIL_LIST, GtkBox)

/**
 * WmPupilListLevel:
 *
 * The entries of the level filter, in the order the drop-down shows them.
 */
typedef enum
{
  WM_PUPIL_LIST_LEVEL_ALL,
  WM_PUPIL_LIST_LEVEL_3,
  WM_PUPIL_LIST_LEVEL_2,
  WM_PUPIL_LIST_LEVEL_1,
  WM_PUPIL_LIST_LEVEL_NONE,
  WM_PUPIL_LIST_LEVEL_NOT_PLACED,
} WmPupilListLevel;

/**
 * WmPupilListCase:
 * @WM_PUPIL_LIST_CASE_ALL: every pupil
 * @WM_PUPIL_LIST_CASE_SAFEGUARDING: pupils with a safeguarding concern
 * @WM_PUPIL_LIST_CASE_PENALTY_THRESHOLD: pupils who met the penalty
 *   threshold
 * @WM_PUPIL_LIST_CASE_LEAVE_REFUSED: pupils absent in a refused leave
 * @WM_PUPIL_LIST_CASE_MISSING_EDUCATION: pupils who may be missing
 *   education
 * @WM_PUPIL_LIST_CASE_READY: pupils with a legal step ready
 * @WM_PUPIL_LIST_CASE_OVERDUE: pupils with an overdue deadline
 *
 * The entries of the case filter, in the order its menu shows them. They
 * read the response summaries the evaluator stores.
 */
typedef enum
{
  WM_PUPIL_LIST_CASE_ALL,
  WM_PUPIL_LIST_CASE_SAFEGUARDING,
  WM_PUPIL_LIST_CASE_PENALTY_THRESHOLD,
  WM_PUPIL_LIST_CASE_LEAVE_REFUSED,
  WM_PUPIL_LIST_CASE_MISSING_EDUCATION,
  WM_PUPIL_LIST_CASE_READY,
  WM_PUPIL_LIST_CASE_OVERDUE,
} WmPupilListCase;

/**
 * WmPupilListSort:
 *
 * The entries of the sort drop-down, in the order it shows them.
 */
typedef enum
{
  WM_PUPIL_LIST_SORT_ATTENDANCE,
  WM_PUPIL_LIST_SORT_NAME,
} WmPupilListSort;

GtkWidget     *wm_pupil_list_new               (void);
void           wm_pupil_list_set_pupils        (WmPupilList *self,
                                                GPtrArray   *summaries);
void           wm_pupil_list_update_pupils     (WmPupilList *self,
                                                GPtrArray   *summaries);
guint          wm_pupil_list_get_n_pupils      (WmPupilList *self);
WmPupilObject *wm_pupil_list_lookup            (WmPupilList *self,
                                                gint64       pupil_id);
GListModel    *wm_pupil_list_get_model         (WmPupilList *self);
GtkWidget     *wm_pupil_list_get_view          (WmPupilList *self);
GtkEditable   *wm_pupil_list_get_search_entry  (WmPupilList *self);
void           wm_pupil_list_focus_search      (WmPupilList *self);
void           wm_pupil_list_set_level_filter  (WmPupilList *self,
                                                WmPupilListLevel level);
void           wm_pupil_list_set_sort          (WmPupilList *self,
                                                WmPupilListSort sort);
void           wm_pupil_list_set_case_filter   (WmPupilList *self,
                                                WmPupilListCase filter);
WmPupilListCase wm_pupil_list_get_case_filter  (WmPupilList *self);
void           wm_pupil_list_select_pupil      (WmPupilList *self,
                                                gint64       pupil_id);
gint64         wm_pupil_list_get_selected_pupil (WmPupilList *self);
void           wm_pupil_list_scroll_to_top     (WmPupilList *self);

G_END_DECLS
