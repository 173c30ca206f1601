/* wm-pupil-list.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-gui.h"
#include "wm-names.h"
#include "wm-pupil-list.h"

struct _WmPupilList
{
  GtkBox               parent_instance;

  /* Template children */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *school_dropdown;
  GtkDropDown         *level_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *count_label;

  /* Owned */
  GListStore          *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sort_model;
  GArray              *school_ids;
  char                *query;
};

G_DEFINE_FINAL_TYPE (WmPupilList, wm_pupil_list, GTK_TYPE_BOX)

enum
{
  PUPIL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filtering and sorting */

static gboolean
matches_query (WmPupilObject *pupil,
               const char    *query)
{
  const WmPupilSummary *summary = wm_pupil_object_get_summary (pupil);

  if (query == NULL || *query == '\0')
    return TRUE;

  /* The key contains the folded names (no case, accents, apostrophes or
   * hyphens) and the UPN, so `OTest` finds `O'Test`, `Zoe` finds `Zoë`
   * and the start of a UPN finds the pupil. */
  return summary->name_key != NULL && wm_name_key_matches (summary->name_key, query);
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

static gboolean
filter_pupil (gpointer item,
              gpointer user_data)
{
  WmPupilList *self = user_data;
  WmPupilObject *pupil = item;
  gint64 school_id = selected_school_id (self);
  guint level = gtk_drop_down_get_selected (self->level_dropdown);

  if (school_id != 0 && wm_pupil_object_get_school_id (pupil) != school_id)
    return FALSE;

  if (!matches_level (pupil, (WmPupilListLevel) level))
    return FALSE;

  return matches_query (pupil, self->query);
}

/* Pupils with a figure come first, lowest attendance at the top. Pupils
 * without a figure (not evaluated, or nothing possible) go last. */
static int
compare_attendance (WmPupilObject *a,
                    WmPupilObject *b)
{
  const WmEvaluation *ea = &wm_pupil_object_get_summary (a)->evaluation;
  const WmEvaluation *eb = &wm_pupil_object_get_summary (b)->evaluation;
  gboolean ha = wm_pupil_object_is_placed (a) && ea->percent_tenths >= 0;
  gboolean hb = wm_pupil_object_is_placed (b) && eb->percent_tenths >= 0;

  if (ha != hb)
    return ha ? -1 : 1;

  if (ha && ea->percent_tenths != eb->percent_tenths)
    return ea->percent_tenths < eb->percent_tenths ? -1 : 1;

  return 0;
}

static int
sort_pupils (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  WmPupilList *self = user_data;
  WmPupilObject *pa = (WmPupilObject *) a;
  WmPupilObject *pb = (WmPupilObject *) b;
  int result = 0;

  if (gtk_drop_down_get_selected (self->sort_dropdown) == WM_PUPIL_LIST_SORT_ATTENDANCE)
    result = compare_attendance (pa, pb);

  if (result == 0)
    result = strcmp (wm_pupil_object_get_sort_key (pa),
                     wm_pupil_object_get_sort_key (pb));

  if (result == 0)
    result = (wm_pupil_object_get_id (pa) > wm_pupil_object_get_id (pb))
             - (wm_pupil_object_get_id (pa) < wm_pupil_object_get_id (pb));

  return result;
}

/* The footer and the empty state */

static void
update_count (WmPupilList *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPupilObject) pupil = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const WmPupilSummary *summary = wm_pupil_object_get_summary (pupil);

      if (g_hash_table_add (seen, (gpointer) &summary->school_id))
        g_ptr_array_add (schools, (gpointer) summary);
    }

  g_ptr_array_sort (schools, compare_school_names);
  return schools;
}

/* Rebuilds the school drop-down from the pupils in the store, keeping the
 * school that was selected if it is still there. The summaries it reads
 * belong to objects the store keeps alive throughout. */
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

static void
on_search_changed (WmPupilList    *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  WM_ASSERT_MAIN_THREAD ();

  g_free (self->query);
  self->query = g_strstrip (g_strdup (text));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_filter_changed (WmPupilList *self)
{
  WM_ASSERT_MAIN_THREAD ();

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_changed (WmPupilList *self)
{
  WM_ASSERT_MAIN_THREAD ();

  if (self->sorter != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_list_activate (WmPupilList *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(WmPupilObject) pupil = NULL;

  WM_ASSERT_MAIN_THREAD ();

  pupil = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);
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

  g_clear_object (&self->sort_model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_pupil_list_parent_class)->dispose (object);
}

static void
wm_pupil_list_finalize (GObject *object)
{
  WmPupilList *self = WM_PUPIL_LIST (object);

  g_clear_pointer (&self->school_ids, g_array_unref);
  g_clear_pointer (&self->query, g_free);

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

  /* The row template looks the type up by name. */
  g_type_ensure (WM_TYPE_PUPIL_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-pupil-list.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, school_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, list_view);
  gtk_widget_class_bind_template_child (widget_class, WmPupilList, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

/* The model chain, from the data to the view:
 *
 *   GListStore of WmPupilObject   one object per pupil; an evaluation
 *        |                         replaces objects in batches (splice)
 *        v
 *   GtkFilterListModel            search text, school and level
 *        |                         (filter_pupil)
 *        v
 *   GtkSortListModel              attendance lowest first, or name
 *        |                         (sort_pupils)
 *        v
 *   GtkSingleSelection  -->  GtkListView (rows from wm-pupil-row.ui)
 */
static void
build_model_chain (WmPupilList *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  self->store = g_list_store_new (WM_TYPE_PUPIL_OBJECT);

  self->filter = gtk_custom_filter_new (filter_pupil, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  self->sorter = gtk_custom_sorter_new (sort_pupils, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
}

static void
wm_pupil_list_init (WmPupilList *self)
{
  wm_gui_init ();

  self->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

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

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = wm_pupil_object_get_id (*(WmPupilObject * const *) a);
  gint64 ib = wm_pupil_object_get_id (*(WmPupilObject * const *) b);

  return (ia > ib) - (ia < ib);
}

/* The objects take the summaries over. They are kept in id order, which
 * is the order the evaluator works in, so that one of its batches covers
 * a compact range of the store. */
static GPtrArray *
objects_from_summaries (GPtrArray *summaries)
{
  GPtrArray *objects = g_ptr_array_new_full (summaries->len, g_object_unref);

  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (objects, wm_pupil_object_new (g_ptr_array_index (summaries, i)));
  g_ptr_array_set_size (summaries, 0);

  g_ptr_array_sort (objects, compare_ids);
  return objects;
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
  g_autoptr(GPtrArray) objects = NULL;
  guint n_old;

  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (summaries != NULL);

  objects = objects_from_summaries (owned);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_list_store_splice (self->store, 0, n_old, objects->pdata, objects->len);

  rebuild_schools (self);
  update_count (self);
}

static GHashTable *
index_positions (GListStore *store)
{
  GHashTable *positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPupilObject) pupil = g_list_model_get_item (G_LIST_MODEL (store), i);
      gint64 *id = g_new (gint64, 1);

      *id = wm_pupil_object_get_id (pupil);
      g_hash_table_insert (positions, id, GUINT_TO_POINTER (i + 1));
    }

  return positions;
}

/* Replaces the objects at the given positions of @store with one splice
 * over the range that covers them all, putting the objects in between
 * back as they were. Every splice makes the filter and sort models work
 * again, so one splice per pupil takes seconds for a batch of a thousand
 * in a caseload of thousands, and one large splice takes milliseconds. */
static void
replace_in_one_splice (GListStore *store,
                       GHashTable *replacements)
{
  GHashTableIter iter;
  gpointer key, value;
  guint first = G_MAXUINT, last = 0;
  g_autoptr(GPtrArray) items = NULL;

  g_hash_table_iter_init (&iter, replacements);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      first = MIN (first, GPOINTER_TO_UINT (key));
      last = MAX (last, GPOINTER_TO_UINT (key));
    }

  if (first > last)
    return;

  items = g_ptr_array_new_full (last - first + 1, g_object_unref);
  for (guint position = first; position <= last; position++)
    {
      WmPupilObject *pupil = g_hash_table_lookup (replacements, GUINT_TO_POINTER (position));

      if (pupil != NULL)
        g_ptr_array_add (items, g_object_ref (pupil));
      else
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (store), position));
    }

  g_list_store_splice (store, first, items->len, items->pdata, items->len);
}

/**
 * wm_pupil_list_update_pupils:
 * @summaries: (transfer full) (element-type WmPupilSummary): the pupils
 *   whose evaluation changed
 *
 * Replaces the rows of these pupils without rebuilding the list, so that
 * the scroll position and the selection stay where they are. A pupil the
 * list does not contain yet is added.
 */
void
wm_pupil_list_update_pupils (WmPupilList *self,
                             GPtrArray   *summaries)
{
  g_autoptr(GPtrArray) owned = summaries;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GHashTable) replacements = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  g_return_if_fail (WM_IS_PUPIL_LIST (self));
  g_return_if_fail (summaries != NULL);

  objects = objects_from_summaries (owned);
  positions = index_positions (self->store);

  for (guint i = 0; i < objects->len; i++)
    {
      WmPupilObject *pupil = g_ptr_array_index (objects, i);
      gint64 id = wm_pupil_object_get_id (pupil);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, &id));

      if (position == 0)
        g_ptr_array_add (added, pupil);
      else
        g_hash_table_insert (replacements, GUINT_TO_POINTER (position - 1), pupil);
    }

  replace_in_one_splice (self->store, replacements);

  if (added->len > 0)
    {
      g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           0, added->pdata, added->len);
      rebuild_schools (self);
    }
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

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
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
  guint n;

  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPupilObject) pupil = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (wm_pupil_object_get_id (pupil) == pupil_id)
        return g_steal_pointer (&pupil);
    }

  return NULL;
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

  return G_LIST_MODEL (self->sort_model);
}

GtkListView *
wm_pupil_list_get_list_view (WmPupilList *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_LIST (self), NULL);

  return self->list_view;
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
