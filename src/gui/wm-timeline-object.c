/* wm-timeline-object.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-timeline-object.h"

#include <glib/gi18n.h>

/* One event of a case timeline, as the Timeline page lists it. A letter
 * whose figures a later import changed is out of date: it shows a tag,
 * and what changed as its detail. */
struct _WmTimelineObject
{
  GObject  parent_instance;

  WmDay    day;
  char    *date_text;
  char    *recorded_at;
  char    *kind;
  char    *title;
  char    *detail;
  gint64   object_id;
  gboolean amended;
  gboolean out_of_date;
};

G_DEFINE_FINAL_TYPE (WmTimelineObject, wm_timeline_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATE_TEXT,
  PROP_KIND,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_HAS_DETAIL,
  PROP_AMENDED,
  PROP_OUT_OF_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_timeline_object_finalize (GObject *object)
{
  WmTimelineObject *self = WM_TIMELINE_OBJECT (object);

  g_clear_pointer (&self->date_text, g_free);
  g_clear_pointer (&self->recorded_at, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (wm_timeline_object_parent_class)->finalize (object);
}

static void
wm_timeline_object_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmTimelineObject *self = WM_TIMELINE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_DATE_TEXT:
      g_value_set_string (value, self->date_text);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_HAS_DETAIL:
      g_value_set_boolean (value, self->detail != NULL && *self->detail != '\0');
      break;
    case PROP_AMENDED:
      g_value_set_boolean (value, self->amended);
      break;
    case PROP_OUT_OF_DATE:
      g_value_set_boolean (value, self->out_of_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
wm_timeline_object_class_init (WmTimelineObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_timeline_object_finalize;
  object_class->get_property = wm_timeline_object_get_property;

  properties[PROP_DATE_TEXT] = string_property ("date-text");
  properties[PROP_KIND] = string_property ("kind");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_DETAIL] = string_property ("detail");
  properties[PROP_HAS_DETAIL] =
    g_param_spec_boolean ("has-detail", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMENDED] =
    g_param_spec_boolean ("amended", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUT_OF_DATE] =
    g_param_spec_boolean ("out-of-date", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                          | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_timeline_object_init (WmTimelineObject *self)
{
}

/**
 * wm_timeline_object_new:
 * @entry: a timeline entry from the store, which is copied
 *
 * Returns: (transfer full): a list item for the Timeline page
 */
WmTimelineObject *
wm_timeline_object_new (const WmTimelineEntry *entry)
{
  WmTimelineObject *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (WM_TYPE_TIMELINE_OBJECT, NULL);
  self->day = entry->day;
  self->date_text = entry->day != WM_DAY_NONE ? wm_day_format_long (entry->day)
                                              : g_strdup ("");
  self->recorded_at = g_strdup (entry->recorded_at);
  self->kind = g_strdup (entry->kind);
  self->title = g_strdup (entry->title);
  self->detail = g_strdup (entry->detail);
  self->object_id = entry->object_id;
  self->amended = entry->amended;

  return self;
}

WmDay
wm_timeline_object_get_day (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), WM_DAY_NONE);

  return self->day;
}

/**
 * wm_timeline_object_get_kind:
 *
 * Returns: the kind of event, such as "import" or "level-change"
 */
const char *
wm_timeline_object_get_kind (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), NULL);

  return self->kind;
}

const char *
wm_timeline_object_get_title (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), NULL);

  return self->title;
}

const char *
wm_timeline_object_get_detail (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), NULL);

  return self->detail;
}

/**
 * wm_timeline_object_get_recorded_at:
 *
 * Returns: when the event was recorded, a UTC timestamp in ISO 8601
 */
const char *
wm_timeline_object_get_recorded_at (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), NULL);

  return self->recorded_at;
}

/**
 * wm_timeline_object_get_object_id:
 *
 * Returns: the row the event comes from; for a case record, its id
 */
gint64
wm_timeline_object_get_object_id (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), 0);

  return self->object_id;
}

/**
 * wm_timeline_object_get_amended:
 *
 * Returns: whether the event is a case record amended after it was
 *   finalised
 */
gboolean
wm_timeline_object_get_amended (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), FALSE);

  return self->amended;
}

/**
 * wm_timeline_object_get_out_of_date:
 *
 * Returns: whether the event is a letter whose figures a later import
 *   changed
 */
gboolean
wm_timeline_object_get_out_of_date (WmTimelineObject *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_OBJECT (self), FALSE);

  return self->out_of_date;
}

/**
 * wm_timeline_object_set_out_of_date:
 * @reason: what changed, such as "attendance was 86.4%, is now 91.0%"
 *
 * Marks a letter as out of date. The row shows an "Out of date" tag and
 * the change as its detail, so that the officer can decide whether to
 * write again without opening the letter.
 */
void
wm_timeline_object_set_out_of_date (WmTimelineObject *self,
                                    const char       *reason)
{
  g_return_if_fail (WM_IS_TIMELINE_OBJECT (self));
  g_return_if_fail (reason != NULL);

  g_free (self->detail);
  self->detail = g_strdup_printf (_("Figures changed by a later import: %s"),
                                  reason);
  self->out_of_date = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DETAIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUT_OF_DATE]);
}
