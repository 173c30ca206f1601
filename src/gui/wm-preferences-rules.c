/* wm-preferences-rules.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <string.h>

#include "wm-gui.h"
#include "wm-preferences-window-private.h"
#include "wm-store-response-rules.h"
#include "wm-window-private.h"

/*
 * The Rules page. Each rule is a row that checks its value when the
 * officer applies it (Enter or the tick): a value out of range, or one
 * that contradicts another rule, is explained under the row's group and
 * is not saved. A good value is saved in a worker thread with a store of
 * its own, which marks every pupil for evaluation in the same transaction.
 * Back on the main thread the window's evaluator is woken, so levels and
 * routes follow the new rule.
 *
 * The values are read on the main thread from the window's store: they
 * are a few rows.
 */

typedef enum
{
  FORMAT_COUNT,
  FORMAT_PERCENT,   /* stored in tenths of a percent, shown as "90.0" */
  FORMAT_BASIS,     /* a #WmPeriodBasis, chosen from a list */
} RuleFormat;

typedef struct
{
  const char *key;
  guint       group;
  const char *title;
  const char *tooltip;
  guint       min;
  guint       max;
  RuleFormat  format;
} RuleSpec;

static const char * const group_titles[] = {
  N_("Levels"),
  N_("Penalty Notices"),
  N_("Notice to Improve"),
  N_("Legal Steps"),
};

/* The ranges are those the engine accepts (wm_rules_set() and
 * wm_response_rules_set()), so that the row explains a refusal before
 * the store would make it. */
static const RuleSpec rule_specs[] = {
  { WM_RULE_LEVEL1_FLOOR, 0, N_("Level 1 from (%)"),
    N_("Attendance at or above this percentage is Level 1"), 1, 1000, FORMAT_PERCENT },
  { WM_RULE_LEVEL2_FLOOR, 0, N_("Level 2 from (%)"),
    N_("Attendance at or above this percentage, and below Level 1, is Level 2; "
       "anything lower is Level 3"), 1, 1000, FORMAT_PERCENT },
  { WM_RULE_LEVEL_WINDOW, 0, N_("Level window (school weeks)"),
    N_("How many school weeks the level looks back over"), 1, 52, FORMAT_COUNT },
  { WM_RULE_THRESHOLD_SESSIONS, 1, N_("Threshold (unauthorised sessions)"),
    N_("The unauthorised sessions that meet the national penalty threshold"),
    1, 520, FORMAT_COUNT },
  { WM_RULE_THRESHOLD_WINDOW, 1, N_("Threshold period (school weeks)"),
    N_("The rolling period in which the threshold is counted"), 1, 52, FORMAT_COUNT },
  { WM_RULE_LEAVE_REFUSED_SESSIONS, 1, N_("Leave refused (sessions)"),
    N_("Unauthorised sessions inside a refused leave request that make a case "
       "for a penalty notice"), 1, 520, FORMAT_COUNT },
  { WM_RULE_PENALTY_SERVICE_DAYS, 1, N_("Posted notice received after (working days)"),
    N_("Working days after posting on which a posted penalty notice counts as "
       "received; check your local code of conduct"), 0, 10, FORMAT_COUNT },
  { WM_RULE_IMPROVEMENT_MIN_WEEKS, 2, N_("Shortest period (weeks)"),
    N_("The shortest improvement period a Notice to Improve may give"), 1, 13,
    FORMAT_COUNT },
  { WM_RULE_IMPROVEMENT_MAX_WEEKS, 2, N_("Longest period (weeks)"),
    N_("The longest improvement period a Notice to Improve may give"), 1, 13,
    FORMAT_COUNT },
  { WM_RULE_IMPROVEMENT_BASIS, 2, N_("Weeks counted"),
    N_("School weeks skip the holidays; calendar weeks count every week"), 0, 1,
    FORMAT_BASIS },
  { WM_RULE_CONTACT_CHECK_MONTHS, 3, N_("Address checked within (months)"),
    N_("How recently each parent's address must have been checked before a legal "
       "step addressed to that parent"), 1, 60, FORMAT_COUNT },
};

static const RuleSpec *
row_spec (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rule-spec");
}

static GtkLabel *
row_label (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rule-label");
}

/* Values */

static guint
level_rule_value (const WmRules *rules,
                  const char    *key)
{
  if (g_str_equal (key, WM_RULE_LEVEL1_FLOOR))
    return rules->level1_floor_tenths;
  if (g_str_equal (key, WM_RULE_LEVEL2_FLOOR))
    return rules->level2_floor_tenths;
  if (g_str_equal (key, WM_RULE_LEVEL_WINDOW))
    return rules->level_window_weeks;
  if (g_str_equal (key, WM_RULE_THRESHOLD_WINDOW))
    return rules->threshold_window_weeks;

  return rules->threshold_sessions;
}

static gboolean
is_response_rule (const char *key)
{
  WmResponseRules defaults;
  guint unused;

  wm_response_rules_init_defaults (&defaults);
  return wm_response_rules_get (&defaults, key, &unused);
}

static guint
current_value (WmPreferencesWindow *self,
               const char          *key)
{
  guint value = 0;

  if (wm_response_rules_get (&self->response_rules, key, &value))
    return value;

  return level_rule_value (&self->rules, key);
}

static char *
format_value (const RuleSpec *spec,
              guint           value)
{
  if (spec->format == FORMAT_PERCENT)
    return g_strdup_printf ("%u.%u", value / 10, value % 10);

  return g_strdup_printf ("%u", value);
}

/* Reads "90", "89.5" or "89.5%" as tenths of a percent. */
static gboolean
parse_percent (const char *text,
               guint64    *out_tenths)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *plain = g_strstrip (g_strdup (text));
  guint64 whole = 0, tenth = 0;
  gsize length = strlen (plain);

  if (length > 0 && plain[length - 1] == '%')
    plain[length - 1] = '\0';

  parts = g_strsplit (g_strstrip (plain), ".", -1);
  if (g_strv_length (parts) == 0 || g_strv_length (parts) > 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, 100000, &whole, NULL))
    return FALSE;

  if (parts[1] != NULL
      && (strlen (parts[1]) != 1
          || !g_ascii_string_to_unsigned (parts[1], 10, 0, 9, &tenth, NULL)))
    return FALSE;

  *out_tenths = whole * 10 + tenth;
  return TRUE;
}

static char *
range_message (const RuleSpec *spec)
{
  g_autofree char *low = format_value (spec, spec->min);
  g_autofree char *high = format_value (spec, spec->max);

  if (spec->format == FORMAT_PERCENT)
    /* Translators: a rule value was refused; %s is the rule's name, then
     * the lowest and highest allowed percentages. */
    return g_strdup_printf (_("“%s” must be a percentage from %s to %s, with at most one "
                              "decimal place. The value was not saved."),
                            _(spec->title), low, high);

  /* Translators: a rule value was refused; %s is the rule's name, then
   * the lowest and highest allowed whole numbers. */
  return g_strdup_printf (_("“%s” must be a whole number from %s to %s. The value was not "
                            "saved."),
                          _(spec->title), low, high);
}

static gboolean
parse_value (const RuleSpec  *spec,
             const char      *text,
             guint           *out_value,
             char           **out_message)
{
  g_autofree char *plain = g_strstrip (g_strdup (text));
  guint64 value = 0;
  gboolean parsed;

  if (spec->format == FORMAT_PERCENT)
    parsed = parse_percent (plain, &value);
  else
    parsed = g_ascii_string_to_unsigned (plain, 10, 0, G_MAXUINT, &value, NULL);

  if (!parsed || value < spec->min || value > spec->max)
    {
      *out_message = range_message (spec);
      return FALSE;
    }

  *out_value = (guint) value;
  return TRUE;
}

/* Checks @value against the other rules in force for the school, with a
 * message an officer can act on for the two rules that depend on each
 * other, and the engine's own message for anything else. */
static gboolean
check_candidate (WmPreferencesWindow  *self,
                 const RuleSpec       *spec,
                 guint                 value,
                 char                **out_message)
{
  g_autoptr(GError) error = NULL;
  WmResponseRules response = self->response_rules;
  WmRules rules = self->rules;

  if (is_response_rule (spec->key))
    {
      if (wm_response_rules_set (&response, spec->key, value, &error)
          && wm_response_rules_validate (&response, &error))
        return TRUE;

      if (response.improvement_min_weeks > response.improvement_max_weeks)
        {
          *out_message = g_strdup (_("The shortest Notice to Improve period cannot be longer "
                                     "than the longest. The value was not saved."));
          return FALSE;
        }
    }
  else
    {
      if (wm_rules_set (&rules, spec->key, value, &error)
          && wm_rules_validate (&rules, &error))
        return TRUE;

      if (g_str_equal (spec->key, WM_RULE_LEVEL1_FLOOR)
          || g_str_equal (spec->key, WM_RULE_LEVEL2_FLOOR))
        {
          *out_message = g_strdup (_("Level 1 must start at a higher attendance than Level 2. "
                                     "The value was not saved."));
          return FALSE;
        }
    }

  *out_message = g_strdup (error->message);
  return FALSE;
}

/* Messages */

static void
show_message (GtkWidget  *row,
              const char *message)
{
  GtkLabel *label = row_label (row);

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  g_object_set_data_full (G_OBJECT (row), "rule-message", g_strdup (message), g_free);

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Saving */

typedef struct
{
  char   *database_path;
  gint64  school_id;
  char   *key;
  guint   value;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->database_path);
  g_free (job->key);
  g_free (job);
}

/* The rule and the marks for evaluation are one transaction, so a rule
 * never changes without the pupils being evaluated again. */
static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = wm_store_open (job->database_path, &error);
  if (store == NULL || !wm_store_begin (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!wm_store_set_any_rule (store, job->school_id, job->key, job->value, &error)
      || !wm_store_mark_all_dirty (store, &error)
      || !wm_store_commit (store, &error))
    {
      wm_store_rollback (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;
  WmPreferencesWindow *self;

  WM_ASSERT_MAIN_THREAD ();

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = WM_PREFERENCES_WINDOW (g_task_get_source_object (G_TASK (result)));
  self->n_saving--;
  if (error != NULL)
    {
      g_warning ("Could not save a rule: %s", error->message);
      show_message (row, error->message);
      return;
    }

  _wm_preferences_rules_load (self);
  if (self->window != NULL)
    _wm_window_wake_evaluator (self->window);
}

static void
save_rule (WmPreferencesWindow *self,
           GtkWidget           *row,
           guint                value)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->database_path = g_strdup (self->database_path);
  job->school_id = self->school_id;
  job->key = g_strdup (row_spec (row)->key);
  job->value = value;

  self->n_saving++;
  task = g_task_new (self, self->cancellable, on_save_done, g_object_ref (row));
  g_task_set_source_tag (task, save_rule);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

static void
apply_value (WmPreferencesWindow *self,
             GtkWidget           *row,
             const char          *text,
             guint                choice)
{
  const RuleSpec *spec = row_spec (row);
  g_autofree char *message = NULL;
  guint value = choice;

  if (text != NULL && !parse_value (spec, text, &value, &message))
    {
      show_message (row, message);
      return;
    }

  if (!check_candidate (self, spec, value, &message))
    {
      show_message (row, message);
      return;
    }

  show_message (row, NULL);
  if (value != current_value (self, spec->key))
    save_rule (self, row, value);
}

/* Callbacks */

static void
on_entry_apply (AdwEntryRow         *row,
                WmPreferencesWindow *self)
{
  apply_value (self, GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)), 0);
}

static void
on_basis_selected (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   WmPreferencesWindow *self)
{
  if (!self->loading_rules)
    apply_value (self, GTK_WIDGET (row), NULL, adw_combo_row_get_selected (row));
}

/* Building the page */

static GtkWidget *
new_rule_row (WmPreferencesWindow *self,
              const RuleSpec      *spec)
{
  GtkWidget *row;

  if (spec->format == FORMAT_BASIS)
    {
      const char *choices[] = { _("School weeks"), _("Calendar weeks"), NULL };

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row),
                               G_LIST_MODEL (gtk_string_list_new (choices)));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_basis_selected),
                               self, 0);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_alignment (GTK_EDITABLE (row), 1.0);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_apply), self, 0);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
  gtk_widget_set_tooltip_text (row, _(spec->tooltip));
  g_object_set_data (G_OBJECT (row), "rule-spec", (gpointer) spec);
  return row;
}

static void
add_group (WmPreferencesWindow *self,
           guint                group)
{
  AdwPreferencesGroup *box = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_group_set_title (box, _(group_titles[group]));
  for (gsize i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    {
      GtkWidget *row;

      if (rule_specs[i].group != group)
        continue;

      row = new_rule_row (self, &rule_specs[i]);
      g_object_set_data (G_OBJECT (row), "rule-label", label);
      g_hash_table_insert (self->rule_rows, (gpointer) rule_specs[i].key, row);
      adw_preferences_group_add (box, row);
    }

  /* The group's message sits under its rows, where the officer looks
   * after applying a value. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (box, label);
  adw_preferences_page_add (self->rules_page, box);
}

/* Loading */

static void
fill_schools (WmPreferencesWindow *self,
              WmStore             *store)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) schools = NULL;
  g_autoptr(GError) error = NULL;
  gint64 every = 0;

  g_array_set_size (self->school_ids, 0);
  gtk_string_list_append (names, _("Every school"));
  g_array_append_val (self->school_ids, every);

  schools = wm_store_list_schools (store, &error);
  for (guint i = 0; schools != NULL && i < schools->len; i++)
    {
      WmSchoolInfo *info = g_ptr_array_index (schools, i);
      g_autofree char *label = NULL;

      /* Translators: a school in the list of rule settings, its name and
       * establishment number: "Hill School (4001)". */
      label = g_strdup_printf (_("%s (%s)"), info->name ? info->name : "", info->estab);
      gtk_string_list_append (names, label);
      g_array_append_val (self->school_ids, info->id);
    }

  if (error != NULL)
    {
      g_warning ("Could not list the schools: %s", error->message);
      wm_gui_toast_error (GTK_WIDGET (self->school_row), _("Could not list the schools"), error);
    }

  adw_combo_row_set_model (self->school_row, G_LIST_MODEL (names));
}

static void
show_values (WmPreferencesWindow *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rule_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      const RuleSpec *spec = row_spec (row);
      guint value = current_value (self, spec->key);
      g_autofree char *text = format_value (spec, value);

      if (spec->format == FORMAT_BASIS)
        {
          adw_combo_row_set_selected (row, value);
          continue;
        }

      /* With the apply button off, setting the text does not offer to
       * apply a value that is already saved. */
      adw_entry_row_set_show_apply_button (row, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }
}

/* Reads the rules in force for the chosen school and shows them. */
void
_wm_preferences_rules_load (WmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = self->window != NULL ? self->window->store : NULL;

  if (store == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->rules_page), FALSE);
      return;
    }

  if (!wm_store_load_rules (store, self->school_id, &self->rules, &error)
      || !wm_store_load_response_rules (store, self->school_id, &self->response_rules,
                                        &error))
    {
      gtk_label_set_text (self->rule_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->rule_message), TRUE);
      return;
    }

  self->loading_rules = TRUE;
  show_values (self);
  self->loading_rules = FALSE;
}

static void
on_school_selected (WmPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->school_row);

  if (self->loading_rules || selected >= self->school_ids->len)
    return;

  self->school_id = g_array_index (self->school_ids, gint64, selected);
  _wm_preferences_rules_load (self);
}

void
_wm_preferences_rules_init (WmPreferencesWindow *self)
{
  WmStore *store = self->window != NULL ? self->window->store : NULL;

  self->rule_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->school_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint group = 0; group < G_N_ELEMENTS (group_titles); group++)
    add_group (self, group);

  self->loading_rules = TRUE;
  if (store != NULL)
    fill_schools (self, store);
  self->loading_rules = FALSE;

  g_signal_connect_object (self->school_row, "notify::selected",
                           G_CALLBACK (on_school_selected), self, G_CONNECT_SWAPPED);
  _wm_preferences_rules_load (self);
}

void
_wm_preferences_rules_dispose (WmPreferencesWindow *self)
{
  g_clear_pointer (&self->rule_rows, g_hash_table_unref);
  g_clear_pointer (&self->school_ids, g_array_unref);
}

/* Public API */

/**
 * wm_preferences_window_get_rule_row:
 * @key: a rule key, such as `WM_RULE_LEVEL1_FLOOR`
 *
 * Returns: (transfer none) (nullable): the rule's row, an #AdwEntryRow,
 *   or an #AdwComboRow for the Notice to Improve basis
 */
GtkWidget *
wm_preferences_window_get_rule_row (WmPreferencesWindow *self,
                                    const char          *key)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  return g_hash_table_lookup (self->rule_rows, key);
}

/**
 * wm_preferences_window_get_rule_message:
 * @key: a rule key
 *
 * Returns: (nullable): why the last value applied to the rule's row was
 *   refused, as shown under its group, or %NULL when it was accepted
 */
const char *
wm_preferences_window_get_rule_message (WmPreferencesWindow *self,
                                        const char          *key)
{
  GtkWidget *row;

  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  row = g_hash_table_lookup (self->rule_rows, key);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "rule-message") : NULL;
}

/**
 * wm_preferences_window_select_school:
 * @school_id: a school's id, or 0 for the values of every school
 *
 * Shows, and saves changes to, the rules of one school.
 */
void
wm_preferences_window_select_school (WmPreferencesWindow *self,
                                     gint64               school_id)
{
  g_return_if_fail (WM_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < self->school_ids->len; i++)
    if (g_array_index (self->school_ids, gint64, i) == school_id)
      adw_combo_row_set_selected (self->school_row, i);
}
