/* wm-store-schools.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-store-private.h"

#include "wm-error.h"
#include "wm-i18n-private.h"

/*
 * What the letters print about a school that no import carries: its postal
 * address, telephone and email, and who signs its letters. An officer
 * enters them in the preferences. An empty value is stored as NULL, so
 * that "not entered" has one form and the letters fall back to the
 * officer's own details or stop with a message saying where to enter it.
 *
 * Each change is audited with the school's id and the names of the fields
 * that changed, never their values.
 */

/* The columns in the order of the fields of WmSchoolDetails, and the
 * names the audit and the errors use for them. */
static const char * const detail_columns[] = {
  "address", "phone", "email", "signatory_name", "signatory_role",
};

#define N_DETAILS G_N_ELEMENTS (detail_columns)

static char **
detail_slot (WmSchoolDetails *details,
             guint            i)
{
  char **slots[] = {
    &details->address, &details->phone, &details->email,
    &details->signatory_name, &details->signatory_role,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (slots) == N_DETAILS);
  return slots[i];
}

static const char *
detail_value (const WmSchoolDetails *details,
              guint                  i)
{
  return *detail_slot ((WmSchoolDetails *) details, i);
}

/* A value of only spaces is as good as none. */
static gboolean
is_empty (const char *value)
{
  if (value == NULL)
    return TRUE;

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* The value as stored: trimmed, and NULL when empty. */
static char *
normalise (const char *value)
{
  if (is_empty (value))
    return NULL;

  return g_strstrip (g_strdup (value));
}

/**
 * wm_school_details_clear:
 * @details: school details
 *
 * Frees the strings of @details and sets them to %NULL.
 */
void
wm_school_details_clear (WmSchoolDetails *details)
{
  g_return_if_fail (details != NULL);

  for (guint i = 0; i < N_DETAILS; i++)
    g_clear_pointer (detail_slot (details, i), g_free);
}

/* A telephone number as people write it: digits, spaces and "+" for an
 * international prefix, with at least one digit. Brackets and dashes are
 * rejected so that every number prints in one form. */
static gboolean
check_phone (const char  *phone,
             GError     **error)
{
  gboolean digit = FALSE;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != ' ' && *p != '+')
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       E_("Telephone: '%c' is not allowed. Write the number "
                          "with digits, spaces and +, such as "
                          "\"01632 960 123\"."), *p);
          return FALSE;
        }
    }

  if (!digit)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("Telephone: the number has no digits. Write it with "
                    "digits, spaces and +, such as \"01632 960 123\"."));
  return digit;
}

/* An email address with exactly one "@", text either side and no
 * spaces. Whether mail to it arrives is not checked. */
static gboolean
check_email (const char  *email,
             GError     **error)
{
  const char *at = strchr (email, '@');
  gboolean ok;

  ok = at != NULL && at != email && at[1] != '\0'
       && strchr (at + 1, '@') == NULL && strchr (email, ' ') == NULL;
  if (!ok)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                 E_("Email: \"%s\" is not an email address. Write it as "
                    "name@example.org, with one @ and no spaces."), email);
  return ok;
}

/**
 * wm_school_details_validate:
 * @details: school details as an officer typed them
 * @error: return location for a #GError
 *
 * Checks the values that have a form: the telephone holds only digits,
 * spaces and "+", and the email has one "@" with text either side. Empty
 * values are allowed: they mean "not entered".
 *
 * Returns: %TRUE when @details can be saved; otherwise %FALSE with
 *   %WM_ERROR_INVALID_INPUT and a message that starts with the field's
 *   name ("Telephone: ..." or "Email: ...") and explains how to write it
 */
gboolean
wm_school_details_validate (const WmSchoolDetails  *details,
                            GError                **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;

  g_return_val_if_fail (details != NULL, FALSE);

  phone = normalise (details->phone);
  email = normalise (details->email);
  return (phone == NULL || check_phone (phone, error))
         && (email == NULL || check_email (email, error));
}

static gboolean
read_details (WmStore          *store,
              gint64            school_id,
              WmSchoolDetails  *out,
              GError          **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;
  gboolean row = FALSE;

  stmt = _wm_store_prepare (store,
    "SELECT address, phone, email, signatory_name, signatory_role "
    "FROM schools WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  if (!_wm_store_step_row (store, stmt, &row, N_("reading a school"), error))
    return FALSE;

  if (!row)
    {
      /* The id is formatted first: a translatable format cannot hold
       * G_GINT64_FORMAT, which the string extractor does not expand. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, school_id);

      g_set_error (error, WM_ERROR, WM_ERROR_NOT_FOUND,
                   E_("There is no school %s in %s; import its pupils first"),
                   id, wm_store_get_path (store));
      return FALSE;
    }

  for (guint i = 0; i < N_DETAILS; i++)
    *detail_slot (out, i) = _wm_store_column_dup (stmt, i);
  return TRUE;
}

/**
 * wm_store_get_school_details:
 * @store: a store
 * @school_id: a school
 * @out_details: (out caller-allocates): the school's details; a value not
 *   entered is %NULL. Clear with wm_school_details_clear().
 * @error: return location for a #GError
 *
 * Reads the address, telephone, email and signatory entered for a school.
 *
 * Returns: %TRUE on success; %FALSE with %WM_ERROR_NOT_FOUND when there
 *   is no such school, or a store error
 */
gboolean
wm_store_get_school_details (WmStore          *store,
                             gint64            school_id,
                             WmSchoolDetails  *out_details,
                             GError          **error)
{
  g_auto(WmSchoolDetails) details = { 0 };

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_details != NULL, FALSE);

  if (!read_details (store, school_id, &details, error))
    return FALSE;

  *out_details = details;
  memset (&details, 0, sizeof details);
  return TRUE;
}

/* The names of the fields whose value differs, comma-separated, or NULL
 * when nothing changed. */
static char *
changed_fields (const WmSchoolDetails *old,
                const WmSchoolDetails *new)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < N_DETAILS; i++)
    if (g_strcmp0 (detail_value (old, i), detail_value (new, i)) != 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "",
                              detail_columns[i]);

  if (names->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
write_details (WmStore                *store,
               gint64                  school_id,
               const WmSchoolDetails  *details,
               GError                **error)
{
  g_autoptr(WmCachedStmt) stmt = NULL;

  stmt = _wm_store_prepare (store,
    "UPDATE schools SET address = ?2, phone = ?3, email = ?4, "
    "  signatory_name = ?5, signatory_role = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, school_id);
  for (guint i = 0; i < N_DETAILS; i++)
    _wm_store_bind_text (stmt, i + 2, detail_value (details, i));
  return _wm_store_step_done (store, stmt, N_("saving a school's details"),
                              error);
}

static gboolean
save_details (WmStore                *store,
              gint64                  school_id,
              const WmSchoolDetails  *details,
              GError                **error)
{
  g_auto(WmSchoolDetails) old = { 0 };
  g_auto(WmSchoolDetails) new = { 0 };
  g_autofree char *changed = NULL;
  g_autofree char *detail = NULL;

  if (!read_details (store, school_id, &old, error))
    return FALSE;

  for (guint i = 0; i < N_DETAILS; i++)
    *detail_slot (&new, i) = normalise (detail_value (details, i));

  /* Saving the same values again writes nothing and audits nothing. */
  changed = changed_fields (&old, &new);
  if (changed == NULL)
    return TRUE;

  detail = g_strdup_printf ("fields=%s", changed);
  return write_details (store, school_id, &new, error)
         && _wm_store_audit_append (store, "school-details", "school",
                                    school_id, detail, error);
}

/**
 * wm_store_set_school_details:
 * @store: a store
 * @school_id: a school
 * @details: the school's details; %NULL or an empty value removes it.
 *   Values are stored trimmed of surrounding spaces.
 * @error: return location for a #GError
 *
 * Replaces the address, telephone, email and signatory of a school, after
 * checking them with wm_school_details_validate(). Audited as
 * "school-details" on the school, with the names of the changed fields
 * ("fields=phone,email") and none of their values. Saving unchanged
 * values writes no audit entry.
 *
 * Returns: %TRUE on success; on failure nothing is written and @error is
 *   %WM_ERROR_INVALID_INPUT naming the field, %WM_ERROR_NOT_FOUND when
 *   there is no such school, or a store error
 */
gboolean
wm_store_set_school_details (WmStore                *store,
                             gint64                  school_id,
                             const WmSchoolDetails  *details,
                             GError                **error)
{
  gboolean outer = FALSE, ok;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  if (!wm_school_details_validate (details, error)
      || !_wm_store_write_begin (store, &outer, error))
    return FALSE;

  ok = save_details (store, school_id, details, error);
  return _wm_store_write_end (store, outer, ok, error);
}
