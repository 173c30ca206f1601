/* test-caseload-window.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload's case filter (routes, a legal step ready, overdue items)
 * and the place of safeguarding pupils at the top of every order, on the
 * real pupil list in a window.
 */

#include <adwaita.h>

#include "wm-pupil-list.h"
#include "wm-pupil-row.h"
#include "wm-response.h"
#include "wm-test-display.h"

typedef struct
{
  GtkWindow   *window;
  WmPupilList *list;
} Fixture;

#define BIT(n) (1u << (n))

/* One pupil of the caseload: attendance in tenths of a percent at
 * Level 2, and the response summary the evaluator would store. */
static WmPupilSummary *
make_pupil (gint64      id,
            const char *surname,
            int         percent_tenths,
            gboolean    summarised,
            guint       routes,
            guint       ready_steps,
            guint       overdue)
{
  WmPupilSummary *pupil = g_new0 (WmPupilSummary, 1);

  pupil->id = id;
  pupil->upn = g_strdup_printf ("W99920012600%" G_GINT64_FORMAT, id);
  pupil->surname = g_strdup (surname);
  pupil->forename = g_strdup ("Sam");
  pupil->name_key = g_ascii_strdown (surname, -1);
  pupil->school_id = 1;
  pupil->school_name = g_strdup ("Millbrook Primary School");
  pupil->evaluated = TRUE;
  pupil->evaluation.as_of = wm_day_from_ymd (2026, 3, 27);
  pupil->evaluation.level = 2;
  pupil->evaluation.level_high = 2;
  pupil->evaluation.percent_tenths = percent_tenths;
  pupil->evaluation.attended = percent_tenths / 25;
  pupil->evaluation.possible = 40;
  pupil->summarised = summarised;
  pupil->response.as_of = wm_day_from_ymd (2026, 3, 27);
  pupil->response.routes = routes;
  pupil->response.ready_steps = ready_steps;
  pupil->response.overdue = overdue;
  pupil->response.next_due = WM_DAY_NONE;
  return pupil;
}

/* Able and Fox have a safeguarding concern; Eve is not summarised yet. */
static GPtrArray *
make_caseload (void)
{
  GPtrArray *pupils = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_pupil_summary_free);

  g_ptr_array_add (pupils, make_pupil (1, "Able", 800, TRUE, BIT (WM_ROUTE_SAFEGUARDING), 0, 0));
  g_ptr_array_add (pupils, make_pupil (2, "Baker", 850, TRUE, BIT (WM_ROUTE_PENALTY_THRESHOLD),
                                       BIT (WM_STEP_WARNING_LETTER), 0));
  g_ptr_array_add (pupils, make_pupil (3, "Cole", 700, TRUE, BIT (WM_ROUTE_LEAVE_REFUSED), 0, 2));
  g_ptr_array_add (pupils, make_pupil (4, "Dale", 600, TRUE, BIT (WM_ROUTE_MISSING_EDUCATION),
                                       0, 0));
  g_ptr_array_add (pupils, make_pupil (5, "Eve", 500, FALSE, 0, 0, 0));
  g_ptr_array_add (pupils, make_pupil (6, "Fox", 950, TRUE, BIT (WM_ROUTE_SAFEGUARDING),
                                       BIT (WM_STEP_NOTICE_TO_IMPROVE), 1));
  return pupils;
}

/* The surnames the list shows, in order, joined by spaces. */
static char *
shown (Fixture *fixture)
{
  GListModel *model = wm_pupil_list_get_model (fixture->list);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmPupilObject) pupil = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                              wm_pupil_object_get_summary (pupil)->surname);
    }

  return g_strdup (names->str);
}

static void
assert_shown (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *names = shown (fixture);

  g_assert_cmpstr (names, ==, expected);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->list = WM_PUPIL_LIST (wm_pupil_list_new ());
  gtk_window_set_default_size (fixture->window, 340, 560);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  wm_pupil_list_set_pupils (fixture->list, make_caseload ());
  gtk_window_present (fixture->window);
  wm_test_spin_for (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wm_test_spin_for (20);
}

/* Tests */

/* Safeguarding pupils come first in both orders, in that order among
 * themselves; the rest follow (lowest attendance first, or by name). */
static void
test_safeguarding_first (Fixture       *fixture,
                         gconstpointer  data)
{
  wm_pupil_list_set_sort (fixture->list, WM_PUPIL_LIST_SORT_ATTENDANCE);
  assert_shown (fixture, "Able Fox Eve Dale Cole Baker");

  wm_pupil_list_set_sort (fixture->list, WM_PUPIL_LIST_SORT_NAME);
  assert_shown (fixture, "Able Fox Baker Cole Dale Eve");
}

/* The case filter's drop-down, found by its tooltip. */
static GtkDropDown *
find_case_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget)
      && g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                    "Show pupils on one route, with a legal step ready, or with overdue items")
         == 0)
    return GTK_DROP_DOWN (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_case_dropdown (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each entry of the case filter, chosen through its action, shows
 * exactly its pupils; Eve, not summarised yet, matches none of them. The
 * drop-down, a control like the level filter beside it, follows the
 * action, and choosing in the drop-down sets the filter. */
static void
test_each_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    const char      *target;
    WmPupilListCase  filter;
    const char      *expected;
  } cases[] = {
    { "safeguarding", WM_PUPIL_LIST_CASE_SAFEGUARDING, "Able Fox" },
    { "penalty-threshold", WM_PUPIL_LIST_CASE_PENALTY_THRESHOLD, "Baker" },
    { "leave-refused", WM_PUPIL_LIST_CASE_LEAVE_REFUSED, "Cole" },
    { "missing-education", WM_PUPIL_LIST_CASE_MISSING_EDUCATION, "Dale" },
    { "ready", WM_PUPIL_LIST_CASE_READY, "Fox Baker" },
    { "overdue", WM_PUPIL_LIST_CASE_OVERDUE, "Fox Cole" },
    { "all", WM_PUPIL_LIST_CASE_ALL, "Able Fox Eve Dale Cole Baker" },
  };

  GtkDropDown *dropdown = find_case_dropdown (GTK_WIDGET (fixture->list));

  g_assert_nonnull (dropdown);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list), "caseload.filter",
                                                 "s", cases[i].target));
      g_assert_cmpint (wm_pupil_list_get_case_filter (fixture->list), ==, cases[i].filter);
      g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, cases[i].filter);
      assert_shown (fixture, cases[i].expected);
    }

  gtk_drop_down_set_selected (dropdown, WM_PUPIL_LIST_CASE_READY);
  g_assert_cmpint (wm_pupil_list_get_case_filter (fixture->list), ==, WM_PUPIL_LIST_CASE_READY);
  assert_shown (fixture, "Fox Baker");
}

/* The case filter combines with the search and the level filter. */
static void
test_filter_with_search (Fixture       *fixture,
                         gconstpointer  data)
{
  wm_pupil_list_set_case_filter (fixture->list, WM_PUPIL_LIST_CASE_OVERDUE);
  gtk_editable_set_text (wm_pupil_list_get_search_entry (fixture->list), "co");
  wm_test_spin_for (400);
  assert_shown (fixture, "Cole");

  gtk_editable_set_text (wm_pupil_list_get_search_entry (fixture->list), "");
  wm_test_spin_for (400);
  wm_pupil_list_set_level_filter (fixture->list, WM_PUPIL_LIST_LEVEL_3);
  assert_shown (fixture, "");
  wm_pupil_list_set_level_filter (fixture->list, WM_PUPIL_LIST_LEVEL_2);
  assert_shown (fixture, "Fox Cole");
}

/* New summaries from the evaluator update the rows in place: Eve's
 * concern takes her to the top and into the safeguarding filter. */
static void
test_update_without_reload (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) update = g_ptr_array_new ();

  wm_pupil_list_set_case_filter (fixture->list, WM_PUPIL_LIST_CASE_SAFEGUARDING);
  assert_shown (fixture, "Able Fox");

  g_ptr_array_add (update, make_pupil (5, "Eve", 500, TRUE, BIT (WM_ROUTE_SAFEGUARDING), 0, 0));
  wm_pupil_list_update_pupils (fixture->list, g_steal_pointer (&update));
  assert_shown (fixture, "Eve Able Fox");

  wm_pupil_list_set_case_filter (fixture->list, WM_PUPIL_LIST_CASE_ALL);
  assert_shown (fixture, "Eve Able Fox Dale Cole Baker");
}

/* A safeguarding pupil's row shows the marker, whose words are in the
 * row's text and accessible name; another pupil's row does not. */
static void
test_row_marker (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WmPupilObject) able = wm_pupil_list_lookup (fixture->list, 1);
  g_autoptr(WmPupilObject) baker = wm_pupil_list_lookup (fixture->list, 2);
  GtkWidget *row = wm_pupil_row_new ();
  g_autofree char *able_text = NULL;
  g_autofree char *baker_text = NULL;

  g_object_ref_sink (row);
  g_assert_true (wm_pupil_object_has_safeguarding (able));
  g_assert_false (wm_pupil_object_has_safeguarding (baker));

  wm_pupil_row_set_pupil (WM_PUPIL_ROW (row), able);
  able_text = wm_pupil_row_get_text (WM_PUPIL_ROW (row));
  g_assert_cmpstr (able_text, ==,
                   "Able, Sam\nSafeguarding concern\nL2\n"
                   "W999200126001\n · Millbrook Primary School\n80.0% · 32/40\n");

  wm_pupil_row_set_pupil (WM_PUPIL_ROW (row), baker);
  baker_text = wm_pupil_row_get_text (WM_PUPIL_ROW (row));
  g_assert_null (strstr (baker_text, "Safeguarding"));
  g_object_unref (row);
}

/* With WM_TEST_SCREENSHOT set to a file name, saves the window as a PNG
 * with "Has Overdue Items" chosen, so that Fox's row shows the marker. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *path = g_getenv ("WM_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  if (path == NULL)
    {
      g_test_skip ("WM_TEST_SCREENSHOT is not set");
      return;
    }

  wm_pupil_list_set_case_filter (fixture->list, WM_PUPIL_LIST_CASE_OVERDUE);
  wm_test_spin_for (300);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)),
                                         node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

int
main (int   argc,
      char *argv[])
{
  wm_test_display_init (&argc, &argv);

  g_test_add ("/caseload-window/safeguarding-first", Fixture, NULL,
              fixture_set_up, test_safeguarding_first, fixture_tear_down);
  g_test_add ("/caseload-window/each-filter", Fixture, NULL,
              fixture_set_up, test_each_filter, fixture_tear_down);
  g_test_add ("/caseload-window/filter-with-search-and-level", Fixture, NULL,
              fixture_set_up, test_filter_with_search, fixture_tear_down);
  g_test_add ("/caseload-window/update-without-reload", Fixture, NULL,
              fixture_set_up, test_update_without_reload, fixture_tear_down);
  g_test_add ("/caseload-window/row-marker", Fixture, NULL,
              fixture_set_up, test_row_marker, fixture_tear_down);
  g_test_add ("/caseload-window/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
