/* wm-pupil-list.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-gui.h"
#include "wm-names.h"
#include "wm-pupil-list.h"
#include "wm-pupil-model.h"
#include "wm-pupil-row.h"
#include "wm-response-summary.h"

struct _WmPupilList
{
  GtkBox               parent_instance;

  /* Template children */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *school_dropdown;
  GtkDropDown         *level_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkDropDown         *case_dropdown;
  GtkStack            *list_stack;
  GtkGridView         *pupil_view;
  GtkLabel            *count_label;

  /* Owned */
  WmPupilModel        *model;
  GSimpleActionGroup  *actions;
  GArray              *school_ids;

  /* The drop-downs and the search text, read once when they change
   * rather than for every pupil the filter checks or the sort compares.
   * The query is folded like the names (see wm_name_fold()) and split
   * into its words. */
  WmPupilListSort      sort;
  WmPupilListLevel     level;
  WmPupilListCase      case_filter;
  gint64               school_id;
  char                *folded_query;
  char               **query_words;
};

G_DEFINE_FINAL_TYPE (WmPupilList, wm_pupil_list, GTK_TYPE_BOX)

enum
{
  PUPIL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The case filter's choices: the action target and the drop-down's
 * entry, in the order of WmPupilListCase. */
static const struct
{
  const char *target;
  const char *label;
} case_choices[] = {
  { "all", N_("All Cases") },
  /* Translators: the case filter's choices name the routes of the
   * graduated response that run beside the levels */
  { "safeguarding", N_("Safeguarding") },
  { "penalty-threshold", N_("Penalty Threshold") },
  { "leave-refused", N_("Leave Refused") },
  { "missing-education", N_("Missing Education") },
  { "ready", N_("A Legal Step Is Ready") },
  { "overdue", N_("Has Overdue Items") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (case_choices) == WM_PUPIL_LIST_CASE_OVERDUE + 1);

/* Filtering and sorting */

/* A pupil not yet summarised by the evaluator is on no route, has no
 * step ready and nothing overdue, as far as the list knows. */
static gboolean
matches_case (const WmPupilSummary *summary,
              WmPupilListCase       filter)
{
  const WmResponseSummary *response = &summary->response;

  if (filter == WM_PUPIL_LIST_CASE_ALL)
    return TRUE;

  if (!summary->summarised)
    return FALSE;

  switch (filter)
    {
    case WM_PUPIL_LIST_CASE_SAFEGUARDING:
      return wm_response_summary_has_route (response, WM_ROUTE_SAFEGUARDING);
    case WM_PUPIL_LIST_CASE_PENALTY_THRESHOLD:
      return wm_response_summary_has_route (response, WM_ROUTE_PENALTY_THRESHOLD);
    case WM_PUPIL_LIST_CASE_LEAVE_REFUSED:
      return wm_response_summary_has_route (response, WM_ROUTE_LEAVE_REFUSED);
    case WM_PUPIL_LIST_CASE_MISSING_EDUCATION:
      return wm_response_summary_has_route (response, WM_ROUTE_MISSING_EDUCATION);
    case WM_PUPIL_LIST_CASE_READY:
      return response->ready_steps != 0;
    case WM_PUPIL_LIST_CASE_OVERDUE:
      return response->overdue > 0;
    case WM_PUPIL_LIST_CASE_ALL:
    default:
      return TRUE;
    }
}

static gboolean
is_safeguarding (const WmPupilSummary *summary)
{
  return summary->summarised
         && wm_response_summary_has_route (&summary->response, WM_ROUTE_SAFEGUARDING);
}

/* The rule of wm_name_key_matches(), with the query folded once per
 * change instead of once per pupil: every word of the query occurs
 * somewhere in the key. The key contains the folded names (no case,
 * accents, apostrophes or hyphens) and the UPN, so `OTest` finds
 * `O'Test`, `Zoe` finds `Zoë` and the start of a UPN finds the pupil. */
static gboolean
matches_query (const WmPupilSummary *summary,
               char * const         *words)
{
  if (words == NULL || words[0] == NULL)
    return TRUE;

  if (summary->name_key == NULL)
    return FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (summary->name_key, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
matches_level (WmPupilObject    *pupil,
               WmPupilListLevel  level)
{
  switch (level)
    {
    case WM_PUPIL_LIST_LEVEL_3:
      return wm_pupil_object_has_level (pupil, 3);
    case WM_PUPIL_LIST_LEVEL_2:
      return wm_pupil_object_has_level (pupil, 2);
    case WM_PUPIL_LIST_LEVEL_1:
      return wm_pupil_object_has_level (pupil, 1);
    case WM_PUPIL_LIST_LEVEL_NONE:
      return wm_pupil_object_has_level (pupil, 0);
    case WM_PUPIL_LIST_LEVEL_NOT_PLACED:
      return !wm_pupil_object_is_placed (pupil);
    case WM_PUPIL_LIST_LEVEL_ALL:
    default:
      return TRUE;
    }
}

static gint64
selected_school_id (WmPupilList *self)
{
  guint selected = gtk_drop_down_get_selected (self->school_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->school_ids->len)
    return 0;

  return g_array_index (self->school_ids, gint64, selected);
}

/* The filter reads the cached school, level and query words only, so
 * that checking 30,000 pupils costs one pass over plain fields. */
static gboolean
filter_pupil (WmPupilObject *pupil,
              gpointer       user_data)
{
  WmPupilList *self = user_data;
  const WmPupilSummary *summary = wm_pupil_object_get_summary (pupil);

  if (self->school_id != 0 && summary->school_id != self->school_id)
    return FALSE;

  if (self->level != WM_PUPIL_LIST_LEVEL_ALL && !matches_level (pupil, self->level))
    return FALSE;

  if (!matches_case (summary, self->case_filter))
    return FALSE;

  return matches_query (summary, self->query_words);
}

/* Whether a pupil has a figure to sort by: placed, with a percentage. */
static gboolean
has_figure (const WmPupilSummary *summary)
{
  return summary->evaluated
         && summary->evaluation.level != WM_LEVEL_NULL
         && summary->evaluation.percent_tenths >= 0;
}

/* Pupils with a figure come first, lowest attendance at the top. Pupils
 * without a figure (not evaluated, or nothing possible) go last. */
static int
compare_attendance (const WmPupilSummary *a,
                    const WmPupilSummary *b)
{
  gboolean ha = has_figure (a);
  gboolean hb = has_figure (b);

  if (ha != hb)
    return ha ? -1 : 1;

  if (ha && a->evaluation.percent_tenths != b->evaluation.percent_tenths)
    return a->evaluation.percent_tenths < b->evaluation.percent_tenths ? -1 : 1;

  return 0;
}

/* A safeguarding concern overrides every other display of a case, so
 * those pupils come first in every order. The order is total (the id
 * breaks every tie), so the list never reorders pupils who compare equal
 * when it sorts again. */
static int
sort_pupils (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  WmPupilList *self = user_data;
  const WmPupilSummary *sa = wm_pupil_object_get_summary ((WmPupilObject *) a);
  const WmPupilSummary *sb = wm_pupil_object_get_summary ((WmPupilObject *) b);
  gboolean safe_a = is_safeguarding (sa);
  int result = 0;

  if (safe_a != is_safeguarding (sb))
    return safe_a ? -1 : 1;

  if (self->sort == WM_PUPIL_LIST_SORT_ATTENDANCE)
    result = compare_attendance (sa, sb);

  if (result == 0)
    result = strcmp (wm_pupil_object_get_sort_key ((WmPupilObject *) a),
                     wm_pupil_object_get_sort_key ((WmPupilObject *) b));

  if (result == 0)
    result = (sa->id > sb->id) - (sa->id < sb->id);

  return result;
}

/* The footer and the empty state */

static void
update_count (WmPupilList *self)
{
  guint total = wm_pupil_model_get_n_pupils (self->model);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u pupil", "%u pupils", total), total);
  else
    /* Translators: the footer of the filtered pupil list, "12 of 240
     * pupils": shown, then in all. The plural follows the second number. */
    text = g_strdup_printf (ngettext ("%u of %u pupil", "%u of %u pupils", total),
                            shown, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown == 0 && total > 0 ? "no-match" : "list");
}

/* The school filter */

static int
compare_school_names (gconstpointer a,
                      gconstpointer b)
{
  const WmPupilSummary *sa = *(const WmPupilSummary * const *) a;
  const WmPupilSummary *sb = *(const WmPupilSummary * const *) b;

  return g_utf8_collate (sa->school_name ? sa->school_name : "",
                         sb->school_name ? sb->school_name : "");
}

static GPtrArray *
collect_schools (WmPupilList *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *schools = g_ptr_array_new ();
  guint n = wm_pupil_model_get_n_pupils (self->model);

  for (guint i = 0; i < n; i++)
    {
      WmPupilObject *pupil = wm_pupil_model_get_pupil (self->model, i);
      const WmPupilSummary *summary = wm_pupil_object_get_summary (pupil);

      if (g_hash_table_add (seen, (gpointer) &summary->school_id))
        g_ptr_array_add (schools, (gpointer) summary);
    }

  g_ptr_array_sort (schools, compare_school_names);
  return schools;
}

/* Rebuilds the school drop-down from the pupils in the model, keeping the
 * school that was selected if it is still there. The summaries it reads
 * belong to objects the model keeps alive throughout. */
static void
rebuild_schools (WmPupilList *self)
{
  gint64 previous = selected_school_id (self);
  g_autoptr(GPtrArray) schools = collect_schools (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint keep = 0;

  g_array_set_size (self->school_ids, 0);
  gtk_string_list_append (names, _("All schools"));
  g_array_append_val (self->school_ids, (gint64) { 0 });

  for (guint i = 0; i < schools->len; i++)
    {
      const WmPupilSummary *summary = g_ptr_array_index (schools, i);

      if (summary->school_id == previous)
        keep = self->school_ids->len;
      gtk_string_list_append (names, summary->school_name ? summary->school_name : "");
      g_array_append_val (self->school_ids, summary->school_id);
    }

  gtk_drop_down_set_model (self->school_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->school_dropdown, keep);
}

/* Callbacks */

/* Splitting at every space leaves empty words where spaces are doubled
 * or at either end. They would match every key, so they go. */
static void
remove_empty_words (char **words)
{
  guint kept = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        g_free (words[i]);
      else
        words[kept++] = words[i];
    }

  words[kept] = NULL;
}

/* How a new folded query relates to the old one. Every word of the
 * query must occur in the key, so text added at the end (a longer word,
 * or another word) can only drop pupils, and text removed from the end
 * can only bring pupils back. Telling the filter so lets it check only
 * the pupils shown, or only the pupils hidden, instead of all of them. */
static GtkFilterChange
query_change (const char *old_query,
              const char *new_query)
{
  if (g_str_has_prefix (new_query, old_query))
    return GTK_FILTER_CHANGE_MORE_STRICT;

  if (g_str_has_prefix (old_query, new_query))
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
on_search_changed (WmPupilList    *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *folded = wm_name_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  GtkFilterChange change;

  WM_ASSERT_MAIN_THREAD ();

  if (g_strcmp0 (folded, self->folded_query) == 0)
    return;

  change = query_change (self->folded_query, folded);
  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  g_strfreev (self->query_words);
  self->query_words = g_strsplit (self->folded_query, " ", -1);
  remove_empty_words (self->query_words);

  wm_pupil_model_refilter (self->model, change);
}

/* Going from every school (or level) to one drops pupils, and going back
 * restores them; between two schools anything can change. */
static GtkFilterChange
choice_change (gboolean was_all,
               gboolean is_all)
{
  if (was_all == is_all)
    return GTK_FILTER_CHANGE_DIFFERENT;

  return is_all ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT;
}

static void
on_filter_changed (WmPupilList *self)
{
  gint64 school_id = selected_school_id (self);
  WmPupilListLevel level = gtk_drop_down_get_selected (self->level_dropdown);
  GtkFilterChange change;

  WM_ASSERT_MAIN_THREAD ();

  if (self->model == NULL || (school_id == self->school_id && level == self->level))
    return;

  if (school_id == self->school_id)
    change = choice_change (self->level == WM_PUPIL_LIST_LEVEL_ALL,
                            level == WM_PUPIL_LIST_LEVEL_ALL);
  else if (level == self->level)
    change = choice_change (self->school_id == 0, school_id == 0);
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->school_id = school_id;
  self->level = level;
  wm_pupil_model_refilter (self->model, change);
}

/* The case filter */

static void
apply_case_filter (WmPupilList     *self,
                   WmPupilListCase  filter)
{
  GtkFilterChange change;
  GAction *action;

  if (filter == self->case_filter)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "filter");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (case_choices[filter].target));

  change = choice_change (self->case_filter == WM_PUPIL_LIST_CASE_ALL,
                          filter == WM_PUPIL_LIST_CASE_ALL);
  self->case_filter = filter;

  /* The drop-down's own change comes back here with the filter already
   * set, and returns above. */
  gtk_drop_down_set_selected (self->case_dropdown, filter);
  wm_pupil_model_refilter (self->model, change);
}

static void
on_case_selected (WmPupilList *self)
{
  guint selected = gtk_drop_down_get_selected (self->case_dropdown);

  WM_ASSERT_MAIN_THREAD ();

  if (selected < G_N_ELEMENTS (case_choices))
    apply_case_filter (self, selected);
}

static void
on_case_filter_change_state (GSimpleAction *action,
                             GVariant      *value,
                             gpointer       user_data)
{
  WmPupilList *self = user_data;
  const char *target = g_variant_get_string (value, NULL);

  WM_ASSERT_MAIN_THREAD ();

  for (guint i = 0; i < G_N_ELEMENTS (case_choices); i++)
    if (g_str_equal (target, case_choices[i].target))
      apply_case_filter (self, i);
}

static void
on_sort_changed (WmPupilList *self)
{
  WM_ASSERT_MAIN_THREAD ();

  self->sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (self->model != NULL)
    wm_pupil_model_resort (self->model);
}

static void
on_list_activate (WmPupilList *self,
                  guint        position,
                  GtkGridView *pupil_view)
{
  g_autoptr(WmPupilObject) pupil = NULL;

  WM_ASSERT_MAIN_THREAD ();

  pupil = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (pupil == NULL)
    return;

  g_signal_emit (self, signals[PUPIL_ACTIVATED], 0, wm_pupil_object_get_id (pupil));
}

static void
on_items_changed (WmPupilList *self)
{
  update_count (self);
}

/* Overrides */

static void
wm_pupil_list_dispose (GObject *object)
{
  WmPupilList *self = WM_PUPIL_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PUPIL_LIST);

  g_clear_object (&self->model);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (wm_pupil_list_parent_class)->dispose (object);
}

static void
wm_pupil_list_finalize (GObject *object)
{
  WmPupilList *self = WM_PUPIL_LIST (object);

  g_clear_pointer (&self->school_ids, g_array_unref);
  g_clear_pointer (&self->folded_query, g_free);
  g_clear_pointer (&self->query_words, g_strfreev);

  G_OBJECT_CLASS (wm_pupil_list_parent_class)->finalize (object);
}

static void
wm_pupil_list_class_init (WmPupilListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_pupil_list_dispose;
  object_class->finalize = wm_pupil_list_finalize;

  /**
   * WmPupilList::pupil-activated:
   * @pupil_id: the database id of the pupil
   *
   * Emitted when the officer opens a pupil from the list.
   */
  signals[PUPIL_ACTIVATED] =
    g_signal_new ("pupil-activated", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-pupil-list.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, school_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, case_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, pupil_view);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, wm_pupil_row_new ());
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  wm_pupil_row_set_pupil (WM_PUPIL_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  wm_pupil_row_set_pupil (WM_PUPIL_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The sort drop-down */

static void
on_choice_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (width_chars));
  gtk_list_item_set_child (item, label);
}

static void
on_choice_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (choice));
}

/* A drop-down is as wide as the choice it shows, so the sort drop-down
 * grew and shrank as the order changed, and the level filter beside it
 * shrank and grew with it. The button's label reserves room for the
 * longest choice instead, so neither moves. */
static void
keep_width (GtkDropDown *dropdown)
{
  GListModel *choices = gtk_drop_down_get_model (dropdown);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  int longest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (choices, i);

      longest = MAX (longest, (int) g_utf8_strlen (gtk_string_object_get_string (choice), -1));
    }

  g_signal_connect (factory, "setup", G_CALLBACK (on_choice_setup), GINT_TO_POINTER (longest));
  g_signal_connect (factory, "bind", G_CALLBACK (on_choice_bind), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (on_choice_setup), GINT_TO_POINTER (0));
  g_signal_connect (list_factory, "bind", G_CALLBACK (on_choice_bind), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
}

/* The case filter is a drop-down like the school and level filters
 * beside it, so that it looks and reads the same (a menu button centred
 * its label). The choice is also a stateful action, "caseload.filter",
 * whose state is the chosen entry's target, for shortcuts and tests. */
static void
set_up_case_filter (WmPupilList *self)
{
  static const GActionEntry entries[] = {
    { "filter", NULL, "s", "'all'", on_case_filter_change_state, { 0 } },
  };
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "caseload", G_ACTION_GROUP (self->actions));

  for (guint i = 0; i < G_N_ELEMENTS (case_choices); i++)
    gtk_string_list_append (choices, _(case_choices[i].label));

  gtk_drop_down_set_model (self->case_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->case_dropdown, WM_PUPIL_LIST_CASE_ALL);
}

static void
set_up_rows (WmPupilList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), NULL);
  gtk_grid_view_set_factory (self->pupil_view, factory);
}

/* The model chain, from the data to the view:
 *
 *   WmPupilModel         every pupil, sorted (sort_pupils: attendance
 *        |               lowest first, or name; safeguarding first in
 *        |               both), and the ones the search text, school,
 *        |               level and case filter let through
 *        v               (filter_pupil)
 *   GtkGridView of one column (rows are WmPupilRow); the model is its
 *   selection model too, and selects the pupil whose case is in front
 *
 * The sort comes before the filter, so that it runs only when the
 * pupils or the order change. A keystroke in the search then only hides
 * and shows pupils that are already in order.
 *
 * The view is a grid of one column rather than a GtkListView because of
 * how many rows each keeps. In GTK 4.8 a list view keeps 200 rows around
 * the visible ones whatever its height (GTK_LIST_VIEW_MAX_LIST_ITEMS).
 * A keystroke that brought new pupils to the top built, measured and
 * styled up to 200 new rows. A grid keeps 30 rows a column
 * (GTK_GRID_VIEW_MAX_VISIBLE_ROWS). The cost is the role screen readers
 * announce (a grid of one column rather than a list).
 *
 * TODO: a list taller than 30 rows (about 1,500 pixels, on a 4K screen
 * at 100% scale) shows no rows below the 30th; GTK 4.12 sizes both views
 * by their height, and the list view is the better choice there.
 */
static void
build_model_chain (WmPupilList *self)
{
  self->model = wm_pupil_model_new (sort_pupils, filter_pupil, self);

  gtk_grid_view_set_model (self->pupil_view, GTK_SELECTION_MODEL (self->model));

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
}

static void
wm_pupil_list_init (WmPupilList *self)
{
  wm_gui_init ();

  self->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sort = gtk_drop_down_get_selected (self->sort_dropdown);
  self->level = gtk_drop_down_get_selected (self->level_dropdown);
  self->folded_query = g_strdup ("");
  keep_width (self->sort_dropdown);
  set_up_case_filter (self);
  set_up_rows (self);
  build_model_chain (self);
  rebuild_schools (self);
  update_count (self);
}

/* Public API */

GtkWidget *
wm_pupil_list_new (void)
{
  return g_object_new (WM_TYPE_PUPIL_LIST, NULL);
}

/* The objects take the summaries over. */
static GPtrArray *
objects_from_summaries (GPtrArray *summaries)
{
  GPtrArray *objects = g_ptr_array_new_full (summaries->len, g_object_unref);

  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (objects, wm_pupil_object_new (g_ptr_array_index (summaries, i)));
  g_ptr_array_set_size (summaries, 0);

  return objects;
}

/* Scrolling */

static gboolean
is_at_top (WmPupilList *self)
{
  GtkAdjustment *adjustment;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pupil_view));
  return adjustment == NULL
         || gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment);
}

/* GTK keeps the row at the top of the view in place when rows are
 * inserted above it, and the evaluator inserts the pupils it has just
 * placed wherever the order puts them. After an import the lowest
 * attendance would go in above the row on screen, out of sight, until a
 * restart. A list that was at its top stays there, so the first row is
 * what the officer sees. The view's own action scrolls to a position
 * without the rows being laid out yet. */
static void
keep_at_top (WmPupilList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->pupil_view), "list.scroll-to-item", "u", 0);
}

/**
 * wm_pupil_list_set_pupils:
 * @summaries: (transfer full) (element-type WmPupilSummary): every pupil
 *
 * Replaces the whole caseload, in one change of the model.
 */
void
wm_pupil_list_set_pupils (WmPupilList *self,
                          GPtrArray   *summaries)
{
  g_autoptr(GPtrArray) owned = summaries;

  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (summaries != NULL);

  wm_pupil_model_set_pupils (self->model, objects_from_summaries (owned));

  rebuild_schools (self);
  update_count (self);
}

/**
 * wm_pupil_list_update_pupils:
 * @summaries: (transfer full) (element-type WmPupilSummary): the pupils
 *   whose evaluation changed
 *
 * Replaces the rows of these pupils without rebuilding the list, so that
 * the scroll position stays where it is and the other rows are kept. A
 * pupil the list does not contain yet is added.
 */
void
wm_pupil_list_update_pupils (WmPupilList *self,
                             GPtrArray   *summaries)
{
  g_autoptr(GPtrArray) owned = summaries;

  gboolean at_top;

  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (summaries != NULL);

  at_top = is_at_top (self);
  if (wm_pupil_model_update_pupils (self->model, objects_from_summaries (owned)))
    rebuild_schools (self);

  if (at_top)
    keep_at_top (self);
}

/**
 * wm_pupil_list_get_n_pupils:
 *
 * Returns: the number of pupils in the list, whatever the filters show
 */
guint
wm_pupil_list_get_n_pupils (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), 0);

  return wm_pupil_model_get_n_pupils (self->model);
}

/**
 * wm_pupil_list_lookup:
 * @pupil_id: a database id
 *
 * Returns: (transfer full) (nullable): the list's object for the pupil
 */
WmPupilObject *
wm_pupil_list_lookup (WmPupilList *self,
                      gint64       pupil_id)
{
  WmPupilObject *pupil;

  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  pupil = wm_pupil_model_lookup (self->model, pupil_id);
  return pupil != NULL ? g_object_ref (pupil) : NULL;
}

/**
 * wm_pupil_list_get_model:
 *
 * Returns: (transfer none): the filtered and sorted pupils the view shows
 */
GListModel *
wm_pupil_list_get_model (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
}

/**
 * wm_pupil_list_select_pupil:
 * @pupil_id: a database id, or 0 for none
 *
 * Highlights the pupil's row, or no row when @pupil_id is 0 or the
 * filters hide the pupil. The window calls it whenever another case tab
 * comes to the front, so the highlighted row is always the case on
 * screen.
 */
void
wm_pupil_list_select_pupil (WmPupilList *self,
                            gint64       pupil_id)
{
  g_return_if_fail (WM_IS_PUPIL_LIST (self));

  wm_pupil_model_set_current (self->model, pupil_id);
}

/**
 * wm_pupil_list_get_selected_pupil:
 *
 * Returns: the database id of the highlighted pupil, or 0 for none
 */
gint64
wm_pupil_list_get_selected_pupil (WmPupilList *self)
{
  gint64 pupil_id;

  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), 0);

  pupil_id = wm_pupil_model_get_current (self->model);
  if (wm_pupil_model_find_shown (self->model, pupil_id) == GTK_INVALID_LIST_POSITION)
    return 0;

  return pupil_id;
}

/**
 * wm_pupil_list_scroll_to_top:
 *
 * Scrolls the list back to its first row, as after an import, when the
 * pupils at the top are the ones to look at.
 */
void
wm_pupil_list_scroll_to_top (WmPupilList *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (WM_IS_PUPIL_LIST (self));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->pupil_view));
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/**
 * wm_pupil_list_get_view:
 *
 * Returns: (transfer none): the widget that shows the rows, a one-column
 *   #GtkGridView
 */
GtkWidget *
wm_pupil_list_get_view (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  return GTK_WIDGET (self->pupil_view);
}

GtkEditable *
wm_pupil_list_get_search_entry (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
wm_pupil_list_focus_search (WmPupilList *self)
{
  g_return_if_fail (WM_IS_PUPIL_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
wm_pupil_list_set_level_filter (WmPupilList      *self,
                                WmPupilListLevel  level)
{
  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (level <= WM_PUPIL_LIST_LEVEL_NOT_PLACED);

  gtk_drop_down_set_selected (self->level_dropdown, level);
}

void
wm_pupil_list_set_sort (WmPupilList     *self,
                        WmPupilListSort  sort)
{
  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (sort <= WM_PUPIL_LIST_SORT_NAME);

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

/**
 * wm_pupil_list_set_case_filter:
 * @filter: the entry of the case filter to choose
 *
 * Chooses an entry of the case filter, as the officer does from its
 * drop-down.
 */
void
wm_pupil_list_set_case_filter (WmPupilList     *self,
                               WmPupilListCase  filter)
{
  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (filter <= WM_PUPIL_LIST_CASE_OVERDUE);

  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "filter",
                                      g_variant_new_string (case_choices[filter].target));
}

WmPupilListCase
wm_pupil_list_get_case_filter (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), WM_PUPIL_LIST_CASE_ALL);

  return self->case_filter;
}
