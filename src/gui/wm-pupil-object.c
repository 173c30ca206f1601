/* wm-pupil-object.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-attendance.h"
#include "wm-names.h"
#include "wm-pupil-object.h"
#include "wm-response-summary.h"

/* One pupil of the caseload as the list shows it. The object is immutable:
 * when a pupil is evaluated again the list replaces the whole object, so
 * that every binding and the filter and sort models see one change. */
struct _WmPupilObject
{
  GObject          parent_instance;

  WmPupilSummary  *summary;
  char            *name;
  char            *caption;
  char            *sort_key;
  char            *level_text;
  char            *level_description;
  char            *percent_text;
  char            *data_end_text;
  char           **level_css_classes;
};

G_DEFINE_FINAL_TYPE (WmPupilObject, wm_pupil_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_UPN,
  PROP_SCHOOL,
  PROP_CAPTION,
  PROP_LEVEL_TEXT,
  PROP_LEVEL_DESCRIPTION,
  PROP_LEVEL_CSS_CLASSES,
  PROP_PERCENT_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
build_percent_text (const WmPupilSummary *summary)
{
  const WmEvaluation *ev = &summary->evaluation;
  g_autofree char *percent = NULL;

  if (!summary->evaluated)
    /* Translators: in the pupil list, in place of the attendance figure,
     * for a pupil whose register has not been evaluated. */
    return g_strdup (_("not evaluated yet"));

  if (ev->level == WM_LEVEL_NULL || ev->percent_tenths == WM_PERCENT_NULL)
    /* Translators: in the pupil list, in place of the attendance figure,
     * when the pupil had no session in which to be present or absent. */
    return g_strdup (_("no data"));

  /* The figure is in tenths, rounded down, so that it never contradicts
   * the level (359 of 399 shows 89.9%, never 90.0%). The counts go beside
   * it because early in a window one session moves it a long way. */
  percent = wm_percent_format (ev->percent_tenths);
  if (ev->unmarked == 0)
    return g_strdup_printf ("%s%% · %u/%u", percent, ev->attended, ev->possible);

  /* Translators: the attendance in the pupil list: the percentage, then
   * sessions attended / possible sessions, then the number of sessions
   * with no register mark, for example "82.5% · 33/40 · 2 unmarked". */
  return g_strdup_printf (ngettext ("%s%% · %u/%u · %u unmarked",
                                    "%s%% · %u/%u · %u unmarked",
                                    ev->unmarked),
                          percent, ev->attended, ev->possible, ev->unmarked);
}

static char *
build_caption (const WmPupilSummary *summary)
{
  const char *school = summary->school_name ? summary->school_name : "";

  if (*school == '\0')
    return g_strdup (summary->upn ? summary->upn : "");

  return g_strdup_printf ("%s · %s", summary->upn ? summary->upn : "", school);
}

/* Whether the register ends more than WM_OLD_DATA_DAYS before the date
 * the pupil was evaluated as of. Days are Julian day numbers, so their
 * difference is a count of days. */
static gboolean
data_is_old (const WmPupilSummary *summary)
{
  const WmEvaluation *ev = &summary->evaluation;

  if (!summary->evaluated || ev->window_end == WM_DAY_NONE || ev->as_of == WM_DAY_NONE)
    return FALSE;

  return ev->as_of > ev->window_end && ev->as_of - ev->window_end > WM_OLD_DATA_DAYS;
}

static char *
build_data_end_text (const WmPupilSummary *summary)
{
  g_autofree char *end = NULL;

  if (!data_is_old (summary))
    return NULL;

  end = wm_day_format_long (summary->evaluation.window_end);
  /* Translators: in the pupil list, under the attendance of a pupil whose
   * register ends weeks before today, "data to 22 July 2026", so that an
   * old figure does not pass for a current one. */
  return g_strdup_printf (_("data to %s"), end);
}

static char *
build_sort_key (const char *name)
{
  g_autofree char *folded = wm_name_fold (name);

  return g_utf8_collate_key (folded ? folded : name, -1);
}

static void
wm_pupil_object_finalize (GObject *object)
{
  WmPupilObject *self = WM_PUPIL_OBJECT (object);

  g_clear_pointer (&self->summary, wm_pupil_summary_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->level_text, g_free);
  g_clear_pointer (&self->level_description, g_free);
  g_clear_pointer (&self->percent_text, g_free);
  g_clear_pointer (&self->data_end_text, g_free);
  g_clear_pointer (&self->level_css_classes, g_strfreev);

  G_OBJECT_CLASS (wm_pupil_object_parent_class)->finalize (object);
}

static void
wm_pupil_object_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmPupilObject *self = WM_PUPIL_OBJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->summary->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UPN:
      g_value_set_string (value, self->summary->upn);
      break;
    case PROP_SCHOOL:
      g_value_set_string (value, self->summary->school_name);
      break;
    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;
    case PROP_LEVEL_TEXT:
      g_value_set_string (value, self->level_text);
      break;
    case PROP_LEVEL_DESCRIPTION:
      g_value_set_string (value, self->level_description);
      break;
    case PROP_LEVEL_CSS_CLASSES:
      g_value_set_boxed (value, self->level_css_classes);
      break;
    case PROP_PERCENT_TEXT:
      g_value_set_string (value, self->percent_text);
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
wm_pupil_object_class_init (WmPupilObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_pupil_object_finalize;
  object_class->get_property = wm_pupil_object_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_UPN] = string_property ("upn");
  properties[PROP_SCHOOL] = string_property ("school");
  properties[PROP_CAPTION] = string_property ("caption");
  properties[PROP_LEVEL_TEXT] = string_property ("level-text");
  properties[PROP_LEVEL_DESCRIPTION] = string_property ("level-description");
  properties[PROP_LEVEL_CSS_CLASSES] =
    g_param_spec_boxed ("level-css-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERCENT_TEXT] = string_property ("percent-text");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_pupil_object_init (WmPupilObject *self)
{
}

static void
fill_level_fields (WmPupilObject *self)
{
  const WmEvaluation *ev = &self->summary->evaluation;
  gint level = self->summary->evaluated ? ev->level : WM_LEVEL_NULL;
  gint level_high = self->summary->evaluated ? ev->level_high : WM_LEVEL_NULL;
  const char *classes[] = { "level-badge", NULL, NULL };

  self->level_text = wm_level_badge_text (level, level_high);
  classes[1] = wm_level_badge_css_class (level, level_high);
  self->level_css_classes = g_strdupv ((char **) classes);

  if (self->summary->evaluated)
    self->level_description = wm_level_describe (level, level_high);
  else
    /* Translators: the tooltip of the level badge of a pupil whose
     * register has not been evaluated. */
    self->level_description = g_strdup (_("Not evaluated yet"));
}

/**
 * wm_pupil_object_new:
 * @summary: (transfer full): the pupil and the latest stored evaluation
 *
 * Returns: (transfer full): a list item that owns @summary
 */
WmPupilObject *
wm_pupil_object_new (WmPupilSummary *summary)
{
  WmPupilObject *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (WM_TYPE_PUPIL_OBJECT, NULL);
  self->summary = summary;
  self->name = g_strdup_printf ("%s, %s",
                                summary->surname ? summary->surname : "",
                                summary->forename ? summary->forename : "");
  self->caption = build_caption (summary);
  self->sort_key = build_sort_key (self->name);
  self->percent_text = build_percent_text (summary);
  self->data_end_text = build_data_end_text (summary);
  fill_level_fields (self);

  return self;
}

const WmPupilSummary *
wm_pupil_object_get_summary (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->summary;
}

gint64
wm_pupil_object_get_id (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), 0);

  return self->summary->id;
}

gint64
wm_pupil_object_get_school_id (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), 0);

  return self->summary->school_id;
}

/**
 * wm_pupil_object_get_name:
 *
 * Returns: the name as the list shows it, "Surname, Forename"
 */
const char *
wm_pupil_object_get_name (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->name;
}

/**
 * wm_pupil_object_get_sort_key:
 *
 * Returns: a collation key of the folded name, so that `Zoë` sorts with
 *   `Zoe` and `O'Test` with `OTest`
 */
const char *
wm_pupil_object_get_sort_key (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->sort_key;
}

const char *
wm_pupil_object_get_level_text (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->level_text;
}

const char * const *
wm_pupil_object_get_level_css_classes (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return (const char * const *) self->level_css_classes;
}

const char *
wm_pupil_object_get_percent_text (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->percent_text;
}

/**
 * wm_pupil_object_get_level_description:
 *
 * Returns: the level in words, "Level 2" or "Level 2 or 3", or "Not
 *   evaluated yet", for the tooltip of the level badge
 */
const char *
wm_pupil_object_get_level_description (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->level_description;
}

/**
 * wm_pupil_object_has_old_data:
 *
 * Returns: whether the pupil's register ends more than %WM_OLD_DATA_DAYS
 *   days before the date of the evaluation, so that the level describes
 *   weeks long past
 */
gboolean
wm_pupil_object_has_old_data (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), FALSE);

  return self->data_end_text != NULL;
}

/**
 * wm_pupil_object_get_data_end_text:
 *
 * Returns: (nullable): "data to 22 July 2026" when the register is old
 *   (see wm_pupil_object_has_old_data()), or %NULL when it is current
 */
const char *
wm_pupil_object_get_data_end_text (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  return self->data_end_text;
}

/**
 * wm_pupil_object_describe_old_data:
 *
 * Says in a sentence where an old register ends and what the level is
 * from, for the header of the case.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when the
 *   register is current
 */
char *
wm_pupil_object_describe_old_data (WmPupilObject *self)
{
  const WmEvaluation *ev;
  g_autofree char *end = NULL;

  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), NULL);

  if (self->data_end_text == NULL)
    return NULL;

  ev = &self->summary->evaluation;
  end = wm_day_format_long (ev->window_end);

  /* Translators: in the header of a case whose register ends weeks before
   * today. The first %s is a date ("22 July 2026"); %u is the number of
   * school weeks the level is worked out over (usually 4). */
  return g_strdup_printf (ngettext ("The latest register for this school ends on %s; "
                                    "the level is from the school week before that.",
                                    "The latest register for this school ends on %s; "
                                    "the level is from the %u school weeks before that.",
                                    ev->window_weeks),
                          end, ev->window_weeks);
}

/**
 * wm_pupil_object_is_placed:
 *
 * Returns: whether the pupil has an evaluation with a level, which needs
 *   at least one possible or unmarked session in the window
 */
gboolean
wm_pupil_object_is_placed (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), FALSE);

  return self->summary->evaluated
         && self->summary->evaluation.level != WM_LEVEL_NULL;
}

/**
 * wm_pupil_object_has_level:
 * @level: 0 for "no level", or 1 to 3
 *
 * A pupil whose register has gaps in the window is placed on a range of
 * levels. The pupil counts as on every level of that range, so a filter by
 * either end (or the middle of "Level 1 to 3") finds the pupil.
 *
 * Returns: whether the pupil is placed and @level is within its range
 */
gboolean
wm_pupil_object_has_level (WmPupilObject *self,
                           gint           level)
{
  const WmEvaluation *ev;

  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), FALSE);

  if (!wm_pupil_object_is_placed (self))
    return FALSE;

  ev = &self->summary->evaluation;
  return level >= MIN (ev->level, ev->level_high)
         && level <= MAX (ev->level, ev->level_high);
}

/**
 * wm_level_badge_text:
 * @level: the level with every gap counted present, or %WM_LEVEL_NULL
 * @level_high: the level with every gap counted absent
 *
 * The short text of a level badge: "L2" for a certain level, "L2–3" for
 * a range, "≤L1" for "no level or Level 1", and "–" for no level or when
 * the pupil is not placed.
 *
 * Returns: (transfer full): the badge text
 */
char *
wm_level_badge_text (gint level,
                     gint level_high)
{
  gint low = MIN (level, level_high);
  gint high = MAX (level, level_high);

  if (level == WM_LEVEL_NULL || high <= 0)
    return g_strdup ("–");

  if (low == high)
    /* Translators: the short badge of a level of the graduated
     * response in the pupil list, "L2" for Level 2. Keep it to about
     * three characters: it sits in a narrow column. */
    return g_strdup_printf (_("L%d"), high);

  /* The low end of a range can be "no level" when every gap counted
   * present gives 100%. "L0" would read as a level that does not exist. */
  if (low == 0)
    /* Translators: a level badge meaning "no level or Level 1" ("≤L1"):
     * the pupil is on that level at most, depending on register gaps. */
    return g_strdup_printf (_("≤L%d"), high);

  /* Translators: a level badge for a range of levels, "L2–3" for "Level 2
   * or 3", when register gaps leave the level uncertain. */
  return g_strdup_printf (_("L%d–%d"), low, high);
}

/**
 * wm_level_badge_css_class:
 *
 * A range is coloured by its worse end, so that a pupil who may be on
 * Level 3 is not passed over because the gaps might have been presences.
 *
 * Returns: `level-1`, `level-2`, `level-3` or `level-none`
 */
const char *
wm_level_badge_css_class (gint level,
                          gint level_high)
{
  gint high = MAX (level, level_high);

  if (level == WM_LEVEL_NULL)
    return "level-none";

  switch (high)
    {
    case 1:
      return "level-1";
    case 2:
      return "level-2";
    case 3:
      return "level-3";
    default:
      return "level-none";
    }
}

/**
 * wm_pupil_object_has_safeguarding:
 *
 * A safeguarding concern overrides every other display of a case, so
 * the caseload sorts these pupils first and marks their rows.
 *
 * Returns: whether the stored response summary has the pupil on the
 *   safeguarding route
 */
gboolean
wm_pupil_object_has_safeguarding (WmPupilObject *self)
{
  g_return_val_if_fail (WM_IS_PUPIL_OBJECT (self), FALSE);

  return self->summary->summarised
         && wm_response_summary_has_route (&self->summary->response,
                                           WM_ROUTE_SAFEGUARDING);
}
