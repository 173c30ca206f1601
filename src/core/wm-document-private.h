/* wm-document-private.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document model's structures, shared with the renderer.
 */

#pragma once

#include "wm-document.h"

G_BEGIN_DECLS

typedef struct
{
  char   *label;

  /* NAN for a week with no value, drawn as a gap in the line. */
  double  value;
} WmChartPoint;

typedef struct
{
  guint  point;
  char  *label;
} WmChartEvent;

struct _WmBlock
{
  WmBlockKind  kind;
  WmTextStyle  style;

  /* Placed on the same page as the next block of its section; see
   * wm_block_set_keep_with_next(). */
  gboolean     keep_with_next;

  /* The text, the redaction reason, the chart title, or the signatory. */
  char        *text;

  /* Tables, key-value lists and register grids: n_columns titles (NULL
   * for a list), relative widths, and rows of n_columns cells (GStrv). */
  guint        n_columns;
  GStrv        titles;
  double      *widths;
  GPtrArray   *rows;

  /* Charts. */
  double       y_max;
  GPtrArray   *points;
  GPtrArray   *events;

  /* Signature blocks. */
  char        *role;
  gboolean     date_line;
};

struct _WmSection
{
  char           *title;
  guint           exhibit;
  WmSectionFlags  flags;
  gboolean        is_index;
  GPtrArray      *blocks;
};

G_END_DECLS
