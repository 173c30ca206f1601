/* wm-sidebar-pane.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-sidebar-pane.h"

/* The pupil list beside the case, at the width the officer chose.
 *
 * The pane contains one child and requests the chosen width as its
 * natural width, while its minimum stays the child's own. The leaflet it sits in
 * folds on the sum of the minimum widths, so widening the list never moves
 * the width at which the window folds into one column. Beside the case the
 * leaflet gives each column its minimum, then brings each towards its
 * natural width, and gives what is left to the column that expands, the
 * case: the pane gets its natural width exactly. The pane never requests
 * horizontal expansion. Its natural width is also kept to a maximum, which the
 * handle sets to half the room as the window changes, so that in a
 * narrower window the list gives way rather than squeezing the case to
 * its minimum. */
struct _WmSidebarPane
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        width;
  int        maximum_width;
};

G_DEFINE_FINAL_TYPE (WmSidebarPane, wm_sidebar_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHILD,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overrides */

static void
wm_sidebar_pane_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (self->width, self->maximum_width));
}

static void
wm_sidebar_pane_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
wm_sidebar_pane_get_request_mode (GtkWidget *widget)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (widget);

  if (self->child == NULL)
    return GTK_SIZE_REQUEST_CONSTANT_SIZE;

  return gtk_widget_get_request_mode (self->child);
}

/* The list inside expands across, which would make the leaflet share
 * the spare width between the list and the case: the pane keeps to its
 * width and passes on only the child's wish to grow downwards. */
static void
wm_sidebar_pane_compute_expand (GtkWidget *widget,
                                gboolean  *hexpand,
                                gboolean  *vexpand)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (widget);

  *hexpand = FALSE;
  *vexpand = self->child != NULL
             && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
wm_sidebar_pane_dispose (GObject *object)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_sidebar_pane_parent_class)->dispose (object);
}

static void
wm_sidebar_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sidebar_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WmSidebarPane *self = WM_SIDEBAR_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      wm_sidebar_pane_set_child (self, g_value_get_object (value));
      break;
    case PROP_WIDTH:
      wm_sidebar_pane_set_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sidebar_pane_class_init (WmSidebarPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_sidebar_pane_dispose;
  object_class->get_property = wm_sidebar_pane_get_property;
  object_class->set_property = wm_sidebar_pane_set_property;

  widget_class->measure = wm_sidebar_pane_measure;
  widget_class->size_allocate = wm_sidebar_pane_size_allocate;
  widget_class->get_request_mode = wm_sidebar_pane_get_request_mode;
  widget_class->compute_expand = wm_sidebar_pane_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);

  /* The width chosen for the pane, in pixels; 0 or anything under the
   * child's minimum width means the minimum. */
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                      | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_sidebar_pane_init (WmSidebarPane *self)
{
  /* The list's scroll bar reaches a few pixels past its edge, where it
   * would catch the pointer meant for the handle beside it. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->maximum_width = G_MAXINT;
}

/* Public API */

GtkWidget *
wm_sidebar_pane_new (void)
{
  return g_object_new (WM_TYPE_SIDEBAR_PANE, NULL);
}

GtkWidget *
wm_sidebar_pane_get_child (WmSidebarPane *self)
{
  g_return_val_if_fail (WM_IS_SIDEBAR_PANE (self), NULL);

  return self->child;
}

/**
 * wm_sidebar_pane_set_child:
 * @child: (nullable): the widget the pane shows
 *
 * Puts @child in the pane in place of the child it had.
 */
void
wm_sidebar_pane_set_child (WmSidebarPane *self,
                           GtkWidget     *child)
{
  g_return_if_fail (WM_IS_SIDEBAR_PANE (self));
  g_return_if_fail (child == NULL || gtk_widget_get_parent (child) == NULL);

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
wm_sidebar_pane_get_width (WmSidebarPane *self)
{
  g_return_val_if_fail (WM_IS_SIDEBAR_PANE (self), 0);

  return self->width;
}

/**
 * wm_sidebar_pane_set_maximum_width:
 * @maximum_width: the largest natural width the pane requests, in pixels
 *
 * Keeps the pane's natural width to @maximum_width without changing the
 * width chosen, so that the pane returns to that width when there is room
 * again. It is never narrower than its child's minimum width.
 */
void
wm_sidebar_pane_set_maximum_width (WmSidebarPane *self,
                                   int            maximum_width)
{
  g_return_if_fail (WM_IS_SIDEBAR_PANE (self));
  g_return_if_fail (maximum_width >= 0);

  if (self->maximum_width == maximum_width)
    return;

  self->maximum_width = maximum_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * wm_sidebar_pane_set_width:
 * @width: the width in pixels, at least 0
 *
 * Sets the width the pane requests beside other content. It is never
 * narrower than its child's minimum width, and its container may give it
 * less room than @width when the window is narrow.
 */
void
wm_sidebar_pane_set_width (WmSidebarPane *self,
                           int            width)
{
  g_return_if_fail (WM_IS_SIDEBAR_PANE (self));
  g_return_if_fail (width >= 0);

  if (self->width == width)
    return;

  self->width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}
