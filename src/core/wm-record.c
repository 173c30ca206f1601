/* wm-record.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-record.h"

#include <string.h>

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * Checking a record's values against its kind, and reading the values the
 * store needs (the date, the search text, the Timeline title). The table
 * of kinds is in wm-record-kinds.c.
 *
 * Validation never changes the values it checks: a form keeps what the
 * officer typed, wrong or not, and shows the message next to it.
 */

/* The Timeline shows at most this much of a record's main text; the
 * record itself keeps every character. */
#define SUMMARY_MAX_CHARS 200

static gboolean
parse_number (const char *text,
              gsize       length,
              guint      *out_value)
{
  guint value = 0;

  if (length == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

/* `D/M/YYYY` or `DD/MM/YYYY`, the way dates are written in England. */
static gboolean
parse_uk_date (const char *text,
               WmDay      *out_day)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);
  guint day, month, year;
  WmDay result;

  if (g_strv_length (parts) != 3 || strlen (parts[0]) > 2
      || strlen (parts[1]) > 2 || strlen (parts[2]) != 4)
    return FALSE;

  if (!parse_number (parts[0], strlen (parts[0]), &day)
      || !parse_number (parts[1], strlen (parts[1]), &month)
      || !parse_number (parts[2], 4, &year))
    return FALSE;

  result = wm_day_from_ymd (year, month, day);
  if (result == WM_DAY_NONE)
    return FALSE;

  *out_day = result;
  return TRUE;
}

/**
 * wm_record_parse_date:
 * @text: a date as stored (`YYYY-MM-DD`) or as typed (`DD/MM/YYYY`, the
 *   day and month may have one digit)
 * @out_day: (out) (optional): the day
 *
 * Reads a calendar date. A date that does not exist (31/02/2026) is
 * refused. No time zone is involved: the day typed is the day stored.
 *
 * Returns: %TRUE when @text is a date
 */
gboolean
wm_record_parse_date (const char *text,
                      WmDay      *out_day)
{
  WmDay day = WM_DAY_NONE;

  if (text == NULL)
    return FALSE;

  if (!wm_day_parse_iso (text, &day) && !parse_uk_date (text, &day))
    return FALSE;

  if (out_day != NULL)
    *out_day = day;
  return TRUE;
}

/**
 * wm_record_parse_time:
 * @text: a local wall-clock time, `HH:MM` or `H:MM`, 24-hour
 * @out_minutes: (out) (optional): minutes after midnight
 *
 * Returns: %TRUE when @text is a time of day
 */
gboolean
wm_record_parse_time (const char *text,
                      guint      *out_minutes)
{
  const char *colon = text != NULL ? strchr (text, ':') : NULL;
  guint hours, minutes;

  if (colon == NULL || colon - text < 1 || colon - text > 2
      || strlen (colon + 1) != 2)
    return FALSE;

  if (!parse_number (text, (gsize) (colon - text), &hours)
      || !parse_number (colon + 1, 2, &minutes)
      || hours > 23 || minutes > 59)
    return FALSE;

  if (out_minutes != NULL)
    *out_minutes = hours * 60 + minutes;
  return TRUE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Whether a member has a value. Missing, null and blank text mean "not
 * given", so a form can leave an emptied entry in place. */
static gboolean
is_given (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text = node_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  return text == NULL || !is_blank (text);
}

static void
set_field_error (GError      **error,
                 const char   *prefix,
                 const char   *label,
                 const char   *format,
                 ...) G_GNUC_PRINTF (4, 5);

static void
set_field_error (GError      **error,
                 const char   *prefix,
                 const char   *label,
                 const char   *format,
                 ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* The field's label comes first, as the form finds it there (see
   * wm_record_validate_field()). */
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT, "%s%s: %s",
               prefix, E_(label), what);
}

static char *
choice_list (const WmChoice *choices)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (const WmChoice *c = choices; c->value != NULL; c++)
    g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "",
                            E_(c->label));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean validate_fields (const WmFieldSpec  *fields,
                                 JsonObject         *object,
                                 const char         *prefix,
                                 const char         *what,
                                 const WmFieldSpec **out_named,
                                 GError            **error);

static gboolean
validate_text_value (const WmFieldSpec  *field,
                     const char         *text,
                     const char         *prefix,
                     GError            **error)
{
  switch (field->type)
    {
    case WM_FIELD_DATE:
      if (wm_record_parse_date (text, NULL))
        return TRUE;
      /* Translators: %s is what was typed in a date field. */
      set_field_error (error, prefix, field->label, E_("%s is not a date; "
                       "write it as DD/MM/YYYY, a day that exists"), text);
      return FALSE;

    case WM_FIELD_TIME:
      if (wm_record_parse_time (text, NULL))
        return TRUE;
      /* Translators: %s is what was typed in a time field. */
      set_field_error (error, prefix, field->label, E_("%s is not a time of "
                       "day; write it as HH:MM, from 00:00 to 23:59"), text);
      return FALSE;

    case WM_FIELD_CHOICE:
      if (wm_field_spec_choice_label (field, text) != NULL)
        return TRUE;
      {
        g_autofree char *list = choice_list (field->choices);

        /* Translators: the first %s is the value given, the second the
         * list of choices, separated by commas. */
        set_field_error (error, prefix, field->label, E_("\"%s\" is not one of "
                         "the choices; choose one of: %s"), text, list);
      }
      return FALSE;

    default:
      return TRUE;
    }
}

static gboolean
validate_integer (const WmFieldSpec  *field,
                  JsonNode           *node,
                  const char         *prefix,
                  GError            **error)
{
  /* The numbers are written first, as a translatable format cannot
   * hold G_GINT64_FORMAT. */
  g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, field->min);
  g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, field->max);
  g_autofree char *number = NULL;
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      /* Translators: the smallest and the largest number allowed. */
      set_field_error (error, prefix, field->label, E_("enter a whole number "
                       "from %s to %s"), min, max);
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value >= field->min && value <= field->max)
    return TRUE;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  /* Translators: the number given, then the smallest and the largest
   * number allowed. */
  set_field_error (error, prefix, field->label, E_("%s is not between %s "
                   "and %s"), number, min, max);
  return FALSE;
}

static gboolean
validate_list (const WmFieldSpec  *field,
               JsonNode           *node,
               const char         *prefix,
               GError            **error)
{
  JsonArray *items;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_field_error (error, prefix, field->label, "%s",
                       E_("expected a list of items; this is a bug in the "
                         "form, please report it"));
      return FALSE;
    }

  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      /* Translators: the start of a message about one item of a list
       * field, such as "Agreed actions, item 1, Action: ..."; keep the
       * list's name (the second %s) first. */
      g_autofree char *item_prefix =
        g_strdup_printf (E_("%s%s, item %u, "), prefix, E_(field->label), i + 1);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          /* Translators: the second %s is the list's name; keep it
           * first. */
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("%s%s, item %u: expected the item's fields; this is "
                         "a bug in the form, please report it"), prefix,
                       E_(field->label), i + 1);
          return FALSE;
        }

      if (!validate_fields (field->items, json_node_get_object (item),
                            item_prefix, E_(field->label), NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* The type a field's JSON node must hold, for the message when it does
 * not. */
static const char *
expected_form (WmFieldType type)
{
  switch (type)
    {
    case WM_FIELD_BOOL:
      return E_("expected yes or no");
    case WM_FIELD_DATE:
      return E_("expected a date written as DD/MM/YYYY");
    case WM_FIELD_TIME:
      return E_("expected a time written as HH:MM");
    default:
      return E_("expected text");
    }
}

static gboolean
validate_value (const WmFieldSpec  *field,
                JsonNode           *node,
                const char         *prefix,
                GError            **error)
{
  const char *text = node_string (node);

  if (field->type == WM_FIELD_INTEGER)
    return validate_integer (field, node, prefix, error);

  if (field->type == WM_FIELD_LIST)
    return validate_list (field, node, prefix, error);

  if (field->type == WM_FIELD_BOOL
      ? (JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
      : text != NULL)
    return validate_text_value (field, text, prefix, error);

  set_field_error (error, prefix, field->label, "%s",
                   expected_form (field->type));
  return FALSE;
}

/* A date field that may not precede another one of the same record, such
 * as a next visit before the visit. Checked only when both are dates. */
static gboolean
validate_order (const WmFieldSpec  *fields,
                const WmFieldSpec  *field,
                JsonObject         *object,
                const char         *prefix,
                GError            **error)
{
  const char *text = node_string (json_object_get_member (object,
                                                           field->name));
  const char *other_text = NULL;
  const WmFieldSpec *other = NULL;
  WmDay day, other_day;

  for (const WmFieldSpec *f = fields; f->name != NULL; f++)
    if (strcmp (f->name, field->not_before) == 0)
      other = f;

  g_assert (other != NULL);
  other_text = node_string (json_object_get_member (object, other->name));
  if (!wm_record_parse_date (text, &day)
      || !wm_record_parse_date (other_text, &other_day) || day >= other_day)
    return TRUE;

  /* Translators: "04/03/2026 is before the Date (05/03/2026)": the date
   * typed, the name of the field it may not precede, and that field's
   * date. */
  set_field_error (error, prefix, field->label, E_("%s is before the %s "
                   "(%s)"), text, E_(other->label), other_text);
  return FALSE;
}

/* On failure *out_named is the field the message names: @field, or the
 * partner that must be given with it. */
static gboolean
validate_field (const WmFieldSpec  *fields,
                const WmFieldSpec  *field,
                JsonObject         *object,
                const char         *prefix,
                const WmFieldSpec **out_named,
                GError            **error)
{
  const WmFieldSpec *partner = NULL;

  *out_named = field;
  if (!is_given (object, field->name))
    {
      if (!field->required)
        return TRUE;
      set_field_error (error, prefix, field->label, "%s", E_("this field is required"));
      return FALSE;
    }

  if (!validate_value (field, json_object_get_member (object, field->name),
                       prefix, error))
    return FALSE;

  if (field->not_before != NULL
      && !validate_order (fields, field, object, prefix, error))
    return FALSE;

  for (const WmFieldSpec *f = fields; field->with_field && f->name; f++)
    if (strcmp (f->name, field->with_field) == 0)
      partner = f;

  if (partner == NULL || is_given (object, partner->name))
    return TRUE;

  *out_named = partner;
  /* Translators: the message of a field left empty. %s is the name of the
   * field that was given and needs it, as in "give it as well as the Time". */
  set_field_error (error, prefix, partner->label, E_("give it as well as the %s"),
                   E_(field->label));
  return FALSE;
}

/* On failure *out_named, when not %NULL, is the field the message names,
 * or %NULL when the message names none. */
static gboolean
validate_fields (const WmFieldSpec  *fields,
                 JsonObject         *object,
                 const char         *prefix,
                 const char         *what,
                 const WmFieldSpec **out_named,
                 GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);
  const WmFieldSpec *named = NULL;

  /* A member that matches no field is rejected rather than stored
   * unseen, because it comes from a form out of step with this table. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (const WmFieldSpec *f = fields; f->name != NULL && !known; f++)
        known = strcmp (f->name, l->data) == 0;

      if (!known)
        {
          /* Translators: the second %s is a member name of the record's
           * data; the third what it belongs to, such as "home visit
           * records" or "Agreed actions". */
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("%s%s is not a field of %s; this is a bug in the form, "
                         "please report it"), prefix, (const char *) l->data,
                       what);
          if (out_named != NULL)
            *out_named = NULL;
          return FALSE;
        }
    }

  for (const WmFieldSpec *f = fields; f->name != NULL; f++)
    if (!validate_field (fields, f, object, prefix, &named, error))
      {
        if (out_named != NULL)
          *out_named = named;
        return FALSE;
      }

  return TRUE;
}

/* The message starts with the field's label and ": " or ", " (see
 * set_field_error()); the problem is what follows. A translation that
 * moved the label leaves the whole message as the problem. */
static void
set_outputs (const WmFieldSpec  *named,
             const char         *message,
             const char        **out_field,
             char              **out_problem)
{
  const char *label = named != NULL ? E_(named->label) : NULL;
  const char *problem = message;

  if (out_field != NULL)
    *out_field = named != NULL ? named->name : NULL;
  if (out_problem == NULL)
    return;

  if (label != NULL && g_str_has_prefix (message, label)
      && (message[strlen (label)] == ':' || message[strlen (label)] == ',')
      && message[strlen (label) + 1] == ' ')
    problem = message + strlen (label) + 2;
  *out_problem = named != NULL ? g_strdup (problem) : NULL;
}

/**
 * wm_record_validate:
 * @kind: the record's kind
 * @body: the record's values
 * @error: return location for a #GError
 *
 * Checks @body against @kind. Every required field must have a value and
 * every value its field's type: dates exist, times are times of day,
 * choices are among the values, integers are in range, and list items
 * are checked field by field. No date may precede the date it must
 * follow, and paired fields must be given together. @body is not
 * changed.
 *
 * Returns: %TRUE when @body is valid; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT naming the first field that is wrong and what
 *   is wrong with it ("Next visit date: 31/02/2026 is not a date; ...")
 */
gboolean
wm_record_validate (const WmRecordKind  *kind,
                    JsonObject          *body,
                    GError             **error)
{
  return wm_record_validate_field (kind, body, NULL, NULL, error);
}

/**
 * wm_record_validate_field:
 * @kind: the record's kind
 * @body: the record's values
 * @out_field: (out) (optional) (transfer none) (nullable): on failure, the
 *   name (not the label) of the field the message is about, such as
 *   "next_visit_date". For an item of a list it is the list's name. It is
 *   %NULL when the message is about no field.
 * @out_problem: (out) (optional) (transfer full) (nullable): on failure,
 *   the message without the field's label, to show next to the field
 *   ("31/02/2026 is not a date; ...", "item 1, Action: this field is
 *   required"); %NULL when the message is about no field
 * @error: return location for a #GError
 *
 * Checks @body as wm_record_validate() does, and also says which field
 * is wrong by its name, so a form finds the field without comparing the
 * message with a label that may be translated. The messages and labels
 * are in the locale's language outside an English scope (see wm-i18n.c).
 *
 * Returns: %TRUE when @body is valid; otherwise %FALSE with the error of
 *   wm_record_validate()
 */
gboolean
wm_record_validate_field (const WmRecordKind  *kind,
                          JsonObject          *body,
                          const char         **out_field,
                          char               **out_problem,
                          GError             **error)
{
  g_autoptr(GError) local = NULL;
  const WmFieldSpec *named = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  lower = g_utf8_strdown (_(kind->label), -1);
  /* Translators: %s is a kind of record in lower case, such as "home
   * visit"; used in "... is not a field of home visit records". */
  what = g_strdup_printf (_("%s records"), lower);
  if (validate_fields (kind->fields, body, "", what, &named, &local))
    return TRUE;

  set_outputs (named, local->message, out_field, out_problem);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static void normalize_fields (const WmFieldSpec *fields,
                              JsonObject        *object);

static void
normalize_field (const WmFieldSpec *field,
                 JsonObject        *object)
{
  JsonNode *node = json_object_get_member (object, field->name);
  const char *text = node_string (node);
  guint minutes;
  WmDay day;

  if (field->type == WM_FIELD_DATE && wm_record_parse_date (text, &day))
    {
      g_autofree char *iso = wm_day_to_iso (day);

      json_object_set_string_member (object, field->name, iso);
    }
  else if (field->type == WM_FIELD_TIME
           && wm_record_parse_time (text, &minutes))
    {
      g_autofree char *hhmm = g_strdup_printf ("%02u:%02u", minutes / 60,
                                               minutes % 60);

      json_object_set_string_member (object, field->name, hhmm);
    }
  else if (field->type == WM_FIELD_LIST && node != NULL
           && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *items = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (items); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i)))
          normalize_fields (field->items,
                            json_array_get_object_element (items, i));
    }
}

static void
normalize_fields (const WmFieldSpec *fields,
                  JsonObject        *object)
{
  for (const WmFieldSpec *f = fields; f->name != NULL; f++)
    normalize_field (f, object);
}

/**
 * wm_record_normalize:
 * @kind: the record's kind
 * @body: the record's values
 *
 * Copies @body with dates written as stored (`YYYY-MM-DD`) and times as
 * `HH:MM`. Values that are not valid are copied as they are, so that
 * wm_record_validate() can name them; text is copied exactly.
 *
 * Returns: (transfer full): the copy
 */
JsonObject *
wm_record_normalize (const WmRecordKind *kind,
                     JsonObject         *body)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  /* json_node_copy() would share @body, so the copy goes through JSON
   * text, which keeps every string exactly. */
  node = json_node_init_object (json_node_alloc (), body);
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);
  object = json_node_dup_object (copy);

  normalize_fields (kind->fields, object);
  return object;
}

/**
 * wm_record_body_day:
 * @kind: the record's kind
 * @body: the record's values
 *
 * Returns: the date that places the record on the Timeline (the kind's
 *   date field), or %WM_DAY_NONE when it is not a valid date yet
 */
WmDay
wm_record_body_day (const WmRecordKind *kind,
                    JsonObject         *body)
{
  WmDay day = WM_DAY_NONE;

  g_return_val_if_fail (kind != NULL, WM_DAY_NONE);
  g_return_val_if_fail (body != NULL, WM_DAY_NONE);

  wm_record_parse_date (node_string (json_object_get_member (
                          body, kind->date_field)), &day);
  return day;
}

static void
append_text (GString    *out,
             const char *text)
{
  if (text == NULL || is_blank (text))
    return;

  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

static void
collect_text (const WmFieldSpec *fields,
              JsonObject        *object,
              GString           *out)
{
  for (const WmFieldSpec *f = fields; f->name != NULL; f++)
    {
      JsonNode *node = json_object_get_member (object, f->name);
      const char *text = node_string (node);

      if (f->type == WM_FIELD_TEXT || f->type == WM_FIELD_LONG_TEXT)
        append_text (out, text);
      else if (f->type == WM_FIELD_CHOICE)
        append_text (out, wm_field_spec_choice_label (f, text));
      else if (f->type == WM_FIELD_LIST && node && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *items = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (items); i++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i)))
              collect_text (f->items, json_array_get_object_element (items, i),
                            out);
        }
    }
}

/**
 * wm_record_body_search_text:
 * @kind: the record's kind
 * @body: the record's values
 *
 * Returns: (transfer full): every text value of the record and the labels
 *   of its choices, one a line, for the full-text index
 */
char *
wm_record_body_search_text (const WmRecordKind *kind,
                            JsonObject         *body)
{
  g_autoptr(GString) out = g_string_new (kind->label);

  g_return_val_if_fail (body != NULL, NULL);

  collect_text (kind->fields, body, out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * wm_record_body_title:
 * @kind: the record's kind
 * @body: the record's values
 *
 * Returns: (transfer full): the one-line title the Timeline shows: the
 *   kind's label, then the value of its title field ("Home visit: No
 *   answer"), in the locale's language outside an English scope (see
 *   wm-i18n.c)
 */
char *
wm_record_body_title (const WmRecordKind *kind,
                      JsonObject         *body)
{
  const WmFieldSpec *field = NULL;
  const char *value = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  field = wm_record_kind_find_field (kind, kind->title_field);
  if (field != NULL)
    value = node_string (json_object_get_member (body, field->name));
  if (field != NULL && field->type == WM_FIELD_CHOICE)
    value = wm_field_spec_choice_label (field, value);
  /* The labels of kinds and choices are marked in wm-record-kinds.c. */
  if (field != NULL && field->type == WM_FIELD_CHOICE && value != NULL)
    value = _(value);

  if (value == NULL || is_blank (value))
    return g_strdup (_(kind->label));

  /* Translators: a record's title on the Timeline, such as "Home visit:
   * No answer": the kind of record and the value of its main field. */
  return g_strdup_printf (_("%s: %s"), _(kind->label), value);
}

/**
 * wm_record_body_summary:
 * @kind: the record's kind
 * @body: the record's values
 *
 * Returns: (transfer full) (nullable): the first line of the kind's
 *   summary field, shortened to 200 characters with an ellipsis for the
 *   Timeline, or %NULL when it is empty. The record keeps its whole text.
 */
char *
wm_record_body_summary (const WmRecordKind *kind,
                        JsonObject         *body)
{
  const char *text = NULL;
  g_autofree char *line = NULL;
  char *end;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  if (kind->summary_field != NULL)
    text = node_string (json_object_get_member (body, kind->summary_field));
  if (text == NULL || is_blank (text))
    return NULL;

  line = g_strstrip (g_strdup (text));
  end = strchr (line, '\n');
  if (end != NULL)
    *end = '\0';

  if (g_utf8_strlen (line, -1) <= SUMMARY_MAX_CHARS)
    return g_steal_pointer (&line);

  end = g_utf8_offset_to_pointer (line, SUMMARY_MAX_CHARS - 1);
  *end = '\0';
  return g_strconcat (line, "…", NULL);
}
