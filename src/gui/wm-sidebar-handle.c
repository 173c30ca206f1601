/* wm-sidebar-handle.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "wm-sidebar-handle.h"

/* The line between the pupil list and the case, which the officer drags
 * to make the list wider for long names and the level and route columns.
 *
 * The handle is a few pixels wide, so that a pointer can catch it, and
 * shows a one-pixel separator in its middle. It sets the width of the
 * #WmSidebarPane before it. A keyboard user moves it with Left and Right,
 * and Home and End take it to its narrowest and widest. Screen readers
 * present it as a separator with the list's width as its value. */
struct _WmSidebarHandle
{
  GtkWidget      parent_instance;

  GtkWidget     *separator;
  WmSidebarPane *pane;

  /* The list's width when the drag began. */
  int            drag_start_width;

  /* Passes a new maximum on to the list after the layout (see
   * wm_sidebar_handle_size_allocate), and the window's surface whose
   * resizes call for it. */
  guint          maximum_idle_id;
  GdkSurface    *surface;

  /* The values last given to screen readers, so that an allocation that
   * changes nothing sends them nothing. */
  int            shown_now;
  int            shown_max;
};

G_DEFINE_FINAL_TYPE (WmSidebarHandle, wm_sidebar_handle, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PANE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* The list's width as the officer sees it: the width chosen, or less
 * where the window leaves less room. Unlike the list's allocation it
 * follows each key press at once, before the list is laid out again, so
 * that three quick presses move the handle three steps. */
static int
shown_width (WmSidebarHandle *self)
{
  int minimum = wm_sidebar_handle_get_minimum (self);
  int chosen = MAX (minimum, wm_sidebar_pane_get_width (self->pane));

  return MIN (chosen, wm_sidebar_handle_get_maximum (self));
}

/* The list's width on screen, once it has been laid out. */
static int
pane_width (WmSidebarHandle *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->pane));

  return width > 0 ? width : shown_width (self);
}

static void
announce_value (WmSidebarHandle *self)
{
  int now;
  int max;
  g_autofree char *text = NULL;

  if (self->pane == NULL)
    return;

  now = pane_width (self);
  max = MAX (now, wm_sidebar_handle_get_maximum (self));
  if (now == self->shown_now && max == self->shown_max)
    return;

  self->shown_now = now;
  self->shown_max = max;

  /* Translators: the width of the pupil list, read out by a screen reader
   * as the officer moves the line between the list and the case. */
  text = g_strdup_printf (ngettext ("%d pixel", "%d pixels", now), now);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                  (double) wm_sidebar_handle_get_minimum (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) max,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) now,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Dragging towards the end of the line widens the list: right in English,
 * left in a language written from right to left. */
static int
direction_sign (WmSidebarHandle *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;
}

/* Callbacks */

static void
on_drag_begin (WmSidebarHandle *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  if (self->pane == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_start_width = shown_width (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (WmSidebarHandle *self,
                double           offset_x,
                double           offset_y,
                GtkGestureDrag  *gesture)
{
  if (self->pane == NULL)
    return;

  wm_sidebar_handle_move_to (self,
                             self->drag_start_width
                             + direction_sign (self) * (int) round (offset_x));
}

static gboolean
on_key_pressed (WmSidebarHandle       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int sign = direction_sign (self);

  if (self->pane == NULL || (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      wm_sidebar_handle_move_to (self, shown_width (self) - sign * WM_SIDEBAR_HANDLE_STEP);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      wm_sidebar_handle_move_to (self, shown_width (self) + sign * WM_SIDEBAR_HANDLE_STEP);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      wm_sidebar_handle_move_to (self, wm_sidebar_handle_get_minimum (self));
      return GDK_EVENT_STOP;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      wm_sidebar_handle_move_to (self, wm_sidebar_handle_get_maximum (self));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
pass_on_maximum (gpointer data)
{
  WmSidebarHandle *self = data;

  self->maximum_idle_id = 0;

  /* A folded window shows no handle, and the list fills it whatever its
   * maximum. */
  if (self->pane != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    wm_sidebar_pane_set_maximum_width (self->pane, wm_sidebar_handle_get_maximum (self));

  return G_SOURCE_REMOVE;
}

static void
queue_maximum (WmSidebarHandle *self)
{
  if (self->pane != NULL && self->maximum_idle_id == 0)
    self->maximum_idle_id = g_idle_add (pass_on_maximum, self);
}

/* GTK lays out a widget that only moves, as the handle does when the
 * window is resized, without calling its size_allocate: the window's own
 * resizes tell the handle that the room for the list has changed. */
static void
on_surface_layout (WmSidebarHandle *self,
                   int              width,
                   int              height,
                   GdkSurface      *surface)
{
  queue_maximum (self);
}

/* Overrides */

static void
wm_sidebar_handle_map (GtkWidget *widget)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (widget);

  GTK_WIDGET_CLASS (wm_sidebar_handle_parent_class)->map (widget);

  self->surface = g_object_ref (gtk_native_get_surface (gtk_widget_get_native (widget)));
  g_signal_connect_object (self->surface, "layout", G_CALLBACK (on_surface_layout), self,
                           G_CONNECT_SWAPPED);
  queue_maximum (self);
}

static void
wm_sidebar_handle_unmap (GtkWidget *widget)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (widget);

  if (self->surface != NULL)
    g_signal_handlers_disconnect_by_data (self->surface, self);
  g_clear_object (&self->surface);

  GTK_WIDGET_CLASS (wm_sidebar_handle_parent_class)->unmap (widget);
}

static void
wm_sidebar_handle_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (widget);

  GTK_WIDGET_CLASS (wm_sidebar_handle_parent_class)->size_allocate (widget, width, height,
                                                                   baseline);

  /* The widest the list may be follows the window's width. The list was
   * laid out before the handle in this pass, so the new maximum reaches
   * it from an idle callback, for the next frame. */
  queue_maximum (self);
  announce_value (self);
}

static void
wm_sidebar_handle_dispose (GObject *object)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (object);

  g_clear_handle_id (&self->maximum_idle_id, g_source_remove);
  g_clear_pointer (&self->separator, gtk_widget_unparent);
  wm_sidebar_handle_set_pane (self, NULL);

  G_OBJECT_CLASS (wm_sidebar_handle_parent_class)->dispose (object);
}

static void
wm_sidebar_handle_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (object);

  switch (prop_id)
    {
    case PROP_PANE:
      g_value_set_object (value, self->pane);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sidebar_handle_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmSidebarHandle *self = WM_SIDEBAR_HANDLE (object);

  switch (prop_id)
    {
    case PROP_PANE:
      wm_sidebar_handle_set_pane (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sidebar_handle_class_init (WmSidebarHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_sidebar_handle_dispose;
  object_class->get_property = wm_sidebar_handle_get_property;
  object_class->set_property = wm_sidebar_handle_set_property;
  widget_class->size_allocate = wm_sidebar_handle_size_allocate;
  widget_class->map = wm_sidebar_handle_map;
  widget_class->unmap = wm_sidebar_handle_unmap;

  /* The list whose width the handle sets. */
  properties[PROP_PANE] =
    g_param_spec_object ("pane", NULL, NULL, WM_TYPE_SIDEBAR_PANE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-sidebar-handle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEPARATOR);
}

static void
add_controllers (WmSidebarHandle *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
wm_sidebar_handle_init (WmSidebarHandle *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  /* The line itself is drawing only: the handle is the separator that
   * screen readers hear. */
  self->separator = g_object_new (GTK_TYPE_SEPARATOR,
                                  "orientation", GTK_ORIENTATION_VERTICAL,
                                  "halign", GTK_ALIGN_CENTER,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "margin-start", 2,
                                  "margin-end", 2,
                                  NULL);
  gtk_widget_set_parent (self->separator, widget);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_cursor_from_name (widget, "col-resize");
  gtk_widget_set_tooltip_text (widget, _("Drag to Widen the Pupil List"));
  add_controllers (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pupil list width"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right make the pupil list narrower or wider"),
                                  GTK_ACCESSIBLE_PROPERTY_ORIENTATION,
                                  GTK_ORIENTATION_VERTICAL,
                                  -1);
}

/* Public API */

GtkWidget *
wm_sidebar_handle_new (WmSidebarPane *pane)
{
  g_return_val_if_fail (pane == NULL || WM_IS_SIDEBAR_PANE (pane), NULL);

  return g_object_new (WM_TYPE_SIDEBAR_HANDLE, "pane", pane, NULL);
}

WmSidebarPane *
wm_sidebar_handle_get_pane (WmSidebarHandle *self)
{
  g_return_val_if_fail (WM_IS_SIDEBAR_HANDLE (self), NULL);

  return self->pane;
}

static void
on_pane_width_changed (WmSidebarHandle *self)
{
  /* The value follows at the next allocation, when the width is known. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * wm_sidebar_handle_set_pane:
 * @pane: (nullable): the list whose width the handle sets
 */
void
wm_sidebar_handle_set_pane (WmSidebarHandle *self,
                            WmSidebarPane   *pane)
{
  g_return_if_fail (WM_IS_SIDEBAR_HANDLE (self));
  g_return_if_fail (pane == NULL || WM_IS_SIDEBAR_PANE (pane));

  if (self->pane == pane)
    return;

  if (self->pane != NULL)
    g_signal_handlers_disconnect_by_data (self->pane, self);
  g_set_object (&self->pane, pane);
  if (pane != NULL)
    g_signal_connect_object (pane, "notify::width", G_CALLBACK (on_pane_width_changed), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANE]);
}

/**
 * wm_sidebar_handle_get_minimum:
 *
 * Returns: the narrowest the list may be, its own minimum width, below
 *   which its rows would not fit
 */
int
wm_sidebar_handle_get_minimum (WmSidebarHandle *self)
{
  int minimum = 0;

  g_return_val_if_fail (WM_IS_SIDEBAR_HANDLE (self), 0);

  if (self->pane != NULL)
    gtk_widget_measure (GTK_WIDGET (self->pane), GTK_ORIENTATION_HORIZONTAL, -1,
                        &minimum, NULL, NULL, NULL);

  return minimum;
}

/**
 * wm_sidebar_handle_get_maximum:
 *
 * Computes half of the width the list shares with the case beside the
 * handle, rounded up. The case keeps the rest, and the list gives way to
 * it in a narrower window (see wm_sidebar_pane_set_maximum_width()).
 *
 * Returns: the widest the list may be now, never below the minimum
 */
int
wm_sidebar_handle_get_maximum (WmSidebarHandle *self)
{
  GtkWidget *parent;
  int shared;

  g_return_val_if_fail (WM_IS_SIDEBAR_HANDLE (self), 0);

  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent == NULL)
    return wm_sidebar_handle_get_minimum (self);

  shared = gtk_widget_get_width (parent) - gtk_widget_get_width (GTK_WIDGET (self));
  return MAX (wm_sidebar_handle_get_minimum (self), (shared + 1) / 2);
}

/**
 * wm_sidebar_handle_move_to:
 * @width: the width asked for, in pixels
 *
 * Sets the list's width to @width, kept between the minimum and the
 * maximum. Dragging the handle and its keys come here.
 *
 * Returns: the width set
 */
int
wm_sidebar_handle_move_to (WmSidebarHandle *self,
                           int              width)
{
  int clamped;

  g_return_val_if_fail (WM_IS_SIDEBAR_HANDLE (self), 0);
  g_return_val_if_fail (self->pane != NULL, 0);

  clamped = CLAMP (width, wm_sidebar_handle_get_minimum (self),
                   wm_sidebar_handle_get_maximum (self));
  wm_sidebar_pane_set_width (self->pane, clamped);
  return clamped;
}
