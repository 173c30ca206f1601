/* wm-response-summary.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-response-summary.h"

/* A bit for every route and every step must fit the stored integers. */
G_STATIC_ASSERT (WM_ROUTE_MISSING_EDUCATION < 32);
G_STATIC_ASSERT (WM_N_LEGAL_STEPS <= 32);

static void
count_deadlines (const WmResponse  *response,
                 WmResponseSummary *out)
{
  for (guint i = 0; i < response->deadlines->len; i++)
    {
      const WmDeadline *deadline = g_ptr_array_index (response->deadlines, i);

      if (deadline->status == WM_DUE_OVERDUE)
        out->overdue++;
      else if (deadline->status == WM_DUE_TODAY)
        out->due++;

      if (deadline->status != WM_DUE_OVERDUE
          && (out->next_due == WM_DAY_NONE || deadline->day < out->next_due))
        out->next_due = deadline->day;
    }
}

/**
 * wm_response_summarize:
 * @response: a pupil's graduated response
 * @out: (out caller-allocates): the summary
 *
 * Reduces @response to what the caseload filters and sorts on: a bit for
 * each route the pupil is on and for each legal step that is ready, the
 * number of deadlines due on the evaluation date and already overdue, and
 * the earliest deadline not yet passed.
 */
void
wm_response_summarize (const WmResponse  *response,
                       WmResponseSummary *out)
{
  g_return_if_fail (response != NULL);
  g_return_if_fail (out != NULL);

  *out = (WmResponseSummary) { response->as_of, 0, 0, 0, 0, WM_DAY_NONE };

  for (guint i = 0; i < response->routes->len; i++)
    {
      const WmRoute *route = g_ptr_array_index (response->routes, i);

      out->routes |= 1u << route->kind;
    }

  for (WmLegalStep step = 0; step < WM_N_LEGAL_STEPS; step++)
    if (response->steps[step].ready)
      out->ready_steps |= 1u << step;

  count_deadlines (response, out);
}

/**
 * wm_response_summary_has_route:
 *
 * Returns: whether the summary has the pupil on the route @kind
 */
gboolean
wm_response_summary_has_route (const WmResponseSummary *summary,
                               WmRouteKind              kind)
{
  g_return_val_if_fail (summary != NULL, FALSE);

  return (summary->routes & (1u << kind)) != 0;
}

/**
 * wm_response_summary_is_ready:
 *
 * Returns: whether the summary has the legal step @step ready
 */
gboolean
wm_response_summary_is_ready (const WmResponseSummary *summary,
                              WmLegalStep              step)
{
  g_return_val_if_fail (summary != NULL, FALSE);

  return (summary->ready_steps & (1u << step)) != 0;
}
