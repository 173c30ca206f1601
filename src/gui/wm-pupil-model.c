/* wm-pupil-model.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-pupil-model.h"

/* The caseload as the pupil list shows it: every pupil in order, and the
 * ones the search and filters let through. It does the work of a
 * GListStore, a GtkSortListModel and a GtkFilterListModel in a row, on
 * two plain arrays:
 *
 *   all     every pupil, sorted; owns the objects
 *     |
 *     v     match ()
 *   shown   the pupils that match, in the same order; the list model
 *
 * It is also the view's selection model, and the selection is the pupil
 * whose case is in front (wm_pupil_model_set_current()), never what the
 * pointer or the keyboard picks. The list opens a case with a single
 * click, so GTK selects the row under the pointer as it moves. A row
 * selected that way would point at another pupil than the case on screen.
 *
 * GTK's models cost too much at 30,000 pupils. The filter reads each item
 * of the sort model through g_list_model_get_item(), which looks the item
 * up in the store's tree, refs it and unrefs it again; a keystroke spent
 * most of its time there. Here the filter reads the sorted array
 * directly, and a change is announced as one items-changed covering only
 * the stretch that differs, so GTK keeps the rows of the pupils that stay
 * on screen.
 */
struct _WmPupilModel
{
  GObject           parent_instance;

  GPtrArray        *all;
  GPtrArray        *shown;
  GHashTable       *by_id;
  gint64            current_id;

  GCompareDataFunc  compare;
  WmPupilMatchFunc  match;
  gpointer          user_data;
};

static void wm_pupil_model_list_model_init (GListModelInterface *iface);
static void wm_pupil_model_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WmPupilModel, wm_pupil_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      wm_pupil_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      wm_pupil_model_selection_model_init))

/* GListModel */

static GType
wm_pupil_model_get_item_type (GListModel *list)
{
  return WM_TYPE_PUPIL_OBJECT;
}

static guint
wm_pupil_model_get_n_items (GListModel *list)
{
  return WM_PUPIL_MODEL (list)->shown->len;
}

static gpointer
wm_pupil_model_get_item (GListModel *list,
                         guint       position)
{
  WmPupilModel *self = WM_PUPIL_MODEL (list);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
wm_pupil_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wm_pupil_model_get_item_type;
  iface->get_n_items = wm_pupil_model_get_n_items;
  iface->get_item = wm_pupil_model_get_item;
}

/* GtkSelectionModel */

static gboolean
wm_pupil_model_is_selected (GtkSelectionModel *model,
                            guint              position)
{
  WmPupilModel *self = WM_PUPIL_MODEL (model);

  return self->current_id != 0
         && position < self->shown->len
         && wm_pupil_object_get_id (g_ptr_array_index (self->shown, position)) == self->current_id;
}

/* Clicks, the pointer and the keyboard request rows to be selected, and
 * every such request is rejected, for the reason above. */
static gboolean
wm_pupil_model_reject_item (GtkSelectionModel *model,
                            guint              position,
                            gboolean           unselect_rest)
{
  return FALSE;
}

static gboolean
wm_pupil_model_reject_range (GtkSelectionModel *model,
                             guint              position,
                             guint              n_items,
                             gboolean           unselect_rest)
{
  return FALSE;
}

static gboolean
wm_pupil_model_reject_all (GtkSelectionModel *model)
{
  return FALSE;
}

static void
wm_pupil_model_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = wm_pupil_model_is_selected;
  iface->select_item = wm_pupil_model_reject_item;
  iface->select_range = wm_pupil_model_reject_range;
  iface->select_all = wm_pupil_model_reject_all;
  iface->unselect_all = wm_pupil_model_reject_all;
}

/* Filtering */

static GPtrArray *
filter_array (WmPupilModel *self,
              GPtrArray    *from)
{
  GPtrArray *shown = g_ptr_array_sized_new (from->len);

  for (guint i = 0; i < from->len; i++)
    {
      WmPupilObject *pupil = g_ptr_array_index (from, i);

      if (self->match (pupil, self->user_data))
        g_ptr_array_add (shown, pupil);
    }

  return shown;
}

/* Makes @shown the shown pupils and emits items-changed for the stretch
 * between the start and the end that the old and new lists share. GTK
 * gives the objects that stay their rows back. */
static void
replace_shown (WmPupilModel *self,
               GPtrArray    *shown)
{
  g_autoptr(GPtrArray) old = self->shown;
  guint common = MIN (old->len, shown->len);
  guint start = 0;
  guint end = 0;

  while (start < common && old->pdata[start] == shown->pdata[start])
    start++;

  while (end < common - start
         && old->pdata[old->len - 1 - end] == shown->pdata[shown->len - 1 - end])
    end++;

  self->shown = shown;
  if (old->len != shown->len || start != old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), start,
                                old->len - start - end, shown->len - start - end);
}

/* Sorting */

static int
compare_elements (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  WmPupilModel *self = user_data;

  return self->compare (*(gconstpointer *) a, *(gconstpointer *) b, self->user_data);
}

static void
index_ids (WmPupilModel *self)
{
  g_hash_table_remove_all (self->by_id);

  for (guint i = 0; i < self->all->len; i++)
    {
      WmPupilObject *pupil = g_ptr_array_index (self->all, i);

      g_hash_table_insert (self->by_id, (gpointer) &wm_pupil_object_get_summary (pupil)->id,
                           pupil);
    }
}

/* The key is the id inside the new object, so it replaces the key of the
 * object it replaces as well as the value. */
static void
index_added (WmPupilModel *self,
             GPtrArray    *added)
{
  for (guint i = 0; i < added->len; i++)
    {
      WmPupilObject *pupil = g_ptr_array_index (added, i);

      g_hash_table_replace (self->by_id, (gpointer) &wm_pupil_object_get_summary (pupil)->id,
                            pupil);
    }
}

/* Merges two sorted arrays into a new one that takes over their
 * references. */
static GPtrArray *
merge_sorted (WmPupilModel *self,
              GPtrArray    *kept,
              GPtrArray    *added)
{
  GPtrArray *merged = g_ptr_array_new_full (kept->len + added->len, g_object_unref);
  guint i = 0;
  guint j = 0;

  while (i < kept->len || j < added->len)
    {
      if (j == added->len
          || (i < kept->len
              && self->compare (kept->pdata[i], added->pdata[j], self->user_data) <= 0))
        g_ptr_array_add (merged, kept->pdata[i++]);
      else
        g_ptr_array_add (merged, added->pdata[j++]);
    }

  g_ptr_array_set_free_func (kept, NULL);
  g_ptr_array_set_free_func (added, NULL);
  return merged;
}

/* Takes the pupils that @replaced names out of the sorted array, keeping
 * the others in order. The objects taken out go to @removed, which keeps
 * them alive until items-changed has been emitted. */
static GPtrArray *
take_out (WmPupilModel *self,
          GHashTable   *replaced,
          GPtrArray    *removed)
{
  GPtrArray *kept = g_ptr_array_new_full (self->all->len, g_object_unref);

  for (guint i = 0; i < self->all->len; i++)
    {
      WmPupilObject *pupil = g_ptr_array_index (self->all, i);

      if (g_hash_table_contains (replaced, pupil))
        g_ptr_array_add (removed, pupil);
      else
        g_ptr_array_add (kept, pupil);
    }

  g_ptr_array_set_free_func (self->all, NULL);
  return kept;
}

/* Overrides */

static void
wm_pupil_model_finalize (GObject *object)
{
  WmPupilModel *self = WM_PUPIL_MODEL (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_pupil_model_parent_class)->finalize (object);
}

static void
wm_pupil_model_class_init (WmPupilModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_pupil_model_finalize;
}

static void
wm_pupil_model_init (WmPupilModel *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/* Public API */

/**
 * wm_pupil_model_new:
 * @compare: the order of the pupils; called with two #WmPupilObject
 *   pointers and @user_data. It must be a total order, so that equal
 *   pupils never swap places.
 * @match: which pupils are shown
 * @user_data: passed to both
 *
 * Returns: (transfer full): a new, empty model
 */
WmPupilModel *
wm_pupil_model_new (GCompareDataFunc compare,
                    WmPupilMatchFunc match,
                    gpointer         user_data)
{
  WmPupilModel *self;

  g_return_val_if_fail (compare != NULL, NULL);
  g_return_val_if_fail (match != NULL, NULL);

  self = g_object_new (WM_TYPE_PUPIL_MODEL, NULL);
  self->compare = compare;
  self->match = match;
  self->user_data = user_data;
  return self;
}

/**
 * wm_pupil_model_set_pupils:
 * @pupils: (transfer full) (element-type WmPupilObject): every pupil, in
 *   any order, with g_object_unref() as its free function
 *
 * Replaces every pupil, in one change of the model.
 */
void
wm_pupil_model_set_pupils (WmPupilModel *self,
                           GPtrArray    *pupils)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (WM_IS_PUPIL_MODEL (self));
  g_return_if_fail (pupils != NULL);

  /* The old objects live until the view has let go of them. */
  old = g_steal_pointer (&self->all);
  self->all = pupils;
  g_ptr_array_sort_with_data (self->all, compare_elements, self);
  index_ids (self);

  replace_shown (self, filter_array (self, self->all));
}

/**
 * wm_pupil_model_update_pupils:
 * @pupils: (transfer full) (element-type WmPupilObject): newer objects for
 *   some pupils, with g_object_unref() as the free function; a pupil the
 *   model does not have yet is added
 *
 * Replaces the pupils' objects and moves them to their place in the order.
 * The other pupils keep their objects, so their rows stay as they are.
 *
 * Returns: whether a pupil was added
 */
gboolean
wm_pupil_model_update_pupils (WmPupilModel *self,
                              GPtrArray    *pupils)
{
  g_autoptr(GHashTable) replaced = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = pupils;
  g_autoptr(GPtrArray) kept = NULL;
  gboolean any_new = FALSE;

  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), FALSE);
  g_return_val_if_fail (pupils != NULL, FALSE);

  for (guint i = 0; i < added->len; i++)
    {
      gint64 id = wm_pupil_object_get_id (g_ptr_array_index (added, i));
      WmPupilObject *old = g_hash_table_lookup (self->by_id, &id);

      if (old != NULL)
        g_hash_table_add (replaced, old);
      else
        any_new = TRUE;
    }

  kept = take_out (self, replaced, removed);
  g_ptr_array_unref (self->all);
  g_ptr_array_sort_with_data (added, compare_elements, self);
  index_added (self, added);
  self->all = merge_sorted (self, kept, added);

  replace_shown (self, filter_array (self, self->all));
  return any_new;
}

/**
 * wm_pupil_model_resort:
 *
 * Sorts the pupils again, after the order that the compare function
 * gives has changed.
 */
void
wm_pupil_model_resort (WmPupilModel *self)
{
  g_return_if_fail (WM_IS_PUPIL_MODEL (self));

  g_ptr_array_sort_with_data (self->all, compare_elements, self);
  replace_shown (self, filter_array (self, self->all));
}

/**
 * wm_pupil_model_refilter:
 * @change: how the match function changed; with
 *   %GTK_FILTER_CHANGE_MORE_STRICT only the pupils shown are checked
 *
 * Checks the pupils again, after the match function has changed.
 */
void
wm_pupil_model_refilter (WmPupilModel    *self,
                         GtkFilterChange  change)
{
  g_return_if_fail (WM_IS_PUPIL_MODEL (self));

  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    replace_shown (self, filter_array (self, self->shown));
  else
    replace_shown (self, filter_array (self, self->all));
}

/**
 * wm_pupil_model_get_n_pupils:
 *
 * Returns: the number of pupils, shown or not
 */
guint
wm_pupil_model_get_n_pupils (WmPupilModel *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), 0);

  return self->all->len;
}

/**
 * wm_pupil_model_get_pupil:
 * @index: below wm_pupil_model_get_n_pupils()
 *
 * Returns: (transfer none): the pupil at @index of the sorted pupils,
 *   shown or not
 */
WmPupilObject *
wm_pupil_model_get_pupil (WmPupilModel *self,
                          guint         index)
{
  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), NULL);
  g_return_val_if_fail (index < self->all->len, NULL);

  return g_ptr_array_index (self->all, index);
}

/**
 * wm_pupil_model_lookup:
 * @pupil_id: a database id
 *
 * Returns: (transfer none) (nullable): the pupil, shown or not
 */
WmPupilObject *
wm_pupil_model_lookup (WmPupilModel *self,
                       gint64        pupil_id)
{
  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), NULL);

  return g_hash_table_lookup (self->by_id, &pupil_id);
}

/**
 * wm_pupil_model_set_current:
 * @pupil_id: the pupil whose case is in front, or 0 for none
 *
 * Makes the pupil's row the selected one, whenever the filters show it.
 */
void
wm_pupil_model_set_current (WmPupilModel *self,
                            gint64        pupil_id)
{
  guint before;
  guint after;

  g_return_if_fail (WM_IS_PUPIL_MODEL (self));

  if (pupil_id == self->current_id)
    return;

  before = wm_pupil_model_find_shown (self, self->current_id);
  self->current_id = pupil_id;
  after = wm_pupil_model_find_shown (self, pupil_id);

  if (before != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), before, 1);
  if (after != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), after, 1);
}

/**
 * wm_pupil_model_get_current:
 *
 * Returns: the pupil set by wm_pupil_model_set_current(), or 0
 */
gint64
wm_pupil_model_get_current (WmPupilModel *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), 0);

  return self->current_id;
}

/**
 * wm_pupil_model_find_shown:
 * @pupil_id: a database id
 *
 * Returns: the position of the pupil among those shown, or
 *   %GTK_INVALID_LIST_POSITION when the pupil is not shown
 */
guint
wm_pupil_model_find_shown (WmPupilModel *self,
                           gint64        pupil_id)
{
  WmPupilObject *pupil;

  g_return_val_if_fail (WM_IS_PUPIL_MODEL (self), GTK_INVALID_LIST_POSITION);

  pupil = g_hash_table_lookup (self->by_id, &pupil_id);
  for (guint i = 0; pupil != NULL && i < self->shown->len; i++)
    if (g_ptr_array_index (self->shown, i) == pupil)
      return i;

  return GTK_INVALID_LIST_POSITION;
}
