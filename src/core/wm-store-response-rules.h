/* wm-store-response-rules.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-response-rules.h"
#include "wm-store.h"

G_BEGIN_DECLS

/**
 * WmSchoolInfo:
 * @id: the school's database id
 * @estab: the establishment number, such as "4001"
 * @name: the school's name, may be %NULL
 *
 * A school as the rule settings list it.
 */
typedef struct
{
  gint64  id;
  char   *estab;
  char   *name;
} WmSchoolInfo;

void       wm_school_info_free            (WmSchoolInfo     *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSchoolInfo, wm_school_info_free)

gboolean   wm_store_load_response_rules   (WmStore          *store,
                                           gint64            school_id,
                                           WmResponseRules  *out_rules,
                                           GError          **error);
gboolean   wm_store_set_response_rule     (WmStore          *store,
                                           gint64            school_id,
                                           const char       *key,
                                           gint64            value,
                                           GError          **error);
gboolean   wm_store_set_any_rule          (WmStore          *store,
                                           gint64            school_id,
                                           const char       *key,
                                           gint64            value,
                                           GError          **error);
GPtrArray *wm_store_list_schools          (WmStore          *store,
                                           GError          **error);
gboolean   wm_store_mark_all_dirty        (WmStore          *store,
                                           GError          **error);

G_END_DECLS
