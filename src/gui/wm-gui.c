/* wm-gui.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "wm-gui.h"

static GThread *main_thread;

/**
 * wm_gui_init:
 *
 * Records the calling thread as the one that owns the widgets. Call it on
 * the main thread before any widget is created. Later calls do nothing.
 */
void
wm_gui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      main_thread = g_thread_self ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * wm_gui_is_main_thread:
 *
 * Returns: whether the caller runs on the thread that wm_gui_init()
 *   recorded
 */
gboolean
wm_gui_is_main_thread (void)
{
  return main_thread != NULL && main_thread == g_thread_self ();
}

/**
 * wm_gui_dup_account_name:
 *
 * Finds the name that signs a change when the officer has not entered a
 * name in Preferences, so that no change in the audit trail is left
 * without an author: the account's real name, or its user name when the
 * account has none (GLib then gives "Unknown").
 *
 * Returns: (transfer full): the account's name
 */
char *
wm_gui_dup_account_name (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && *real_name != '\0'
      && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

/* Read failures the officer must know about */

/**
 * wm_gui_describe_error:
 * @what: what failed, as a sentence without a full stop, such as
 *   "Could not record the notifications sent"
 * @error: why
 *
 * Returns: (transfer full): @what and the error's message in one line,
 *   as the officer reads it
 */
char *
wm_gui_describe_error (const char   *what,
                       const GError *error)
{
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  /* Translators: a failure shown to the officer: what failed, then why,
   * such as "Could not record the notifications sent: disk I/O error". */
  return g_strdup_printf (_("%s: %s"), what, error->message);
}

static gboolean
add_toast_to (GtkWidget *widget,
              AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), g_object_ref (toast));
  else
    return FALSE;

  return TRUE;
}

/* The object whose toasts @widget's toasts join: the toast overlay above
 * it, or its preferences window. */
static GObject *
toast_target (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (overlay != NULL)
    return G_OBJECT (overlay);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    return G_OBJECT (root);
  return NULL;
}

#define SHOWN_ERRORS_KEY "wm-shown-error-toasts"

/* The error toasts of @target still shown or queued, by their text. */
static GHashTable *
shown_errors (GObject *target)
{
  GHashTable *shown = g_object_get_data (target, SHOWN_ERRORS_KEY);

  if (shown == NULL)
    {
      shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (target, SHOWN_ERRORS_KEY, shown,
                              (GDestroyNotify) g_hash_table_unref);
    }

  return shown;
}

static void
on_error_toast_dismissed (AdwToast *toast,
                          GObject  *target)
{
  GHashTable *shown = g_object_get_data (target, SHOWN_ERRORS_KEY);
  const char *text = g_object_get_data (G_OBJECT (toast), "wm-error-text");

  if (shown != NULL && text != NULL && g_hash_table_lookup (shown, text) == toast)
    g_hash_table_remove (shown, text);
}

/**
 * wm_gui_toast_new_wrapped:
 * @text: the toast's text, plain rather than markup
 *
 * Creates a toast whose text wraps onto more lines instead of being cut
 * with an ellipsis, because a failure's message ends with what to do.
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
wm_gui_toast_new_wrapped (const char *text)
{
  AdwToast *toast;
  GtkWidget *label;

  g_return_val_if_fail (text != NULL, NULL);

  toast = adw_toast_new ("");
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  adw_toast_set_custom_title (toast, label);
  return toast;
}

/**
 * wm_gui_toast_error:
 * @any_widget_in_window: a widget inside the toast overlay that shows
 *   the toast, or the overlay itself, or a widget of a preferences
 *   window. A window whose toast overlay is its child is no such widget.
 * @what: what failed, as a sentence without a full stop
 * @error: why
 *
 * Tells the officer about a failure of work done in the background,
 * which no page shows in place: a toast on the window's toast overlay
 * (or the preferences window's), reading "@what: message", wrapped
 * rather than cut.
 *
 * Returns: (transfer none) (nullable): the toast, alive while it is
 *   shown, or %NULL when @any_widget_in_window is in no window with
 *   toasts
 */
AdwToast *
wm_gui_toast_error (GtkWidget    *any_widget_in_window,
                    const char   *what,
                    const GError *error)
{
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;
  GObject *target;
  GHashTable *shown;
  AdwToast *existing;

  g_return_val_if_fail (GTK_IS_WIDGET (any_widget_in_window), NULL);
  g_return_val_if_fail (what != NULL && error != NULL, NULL);

  text = wm_gui_describe_error (what, error);
  target = toast_target (any_widget_in_window);
  if (target == NULL)
    return NULL;

  /* One failure can reach several pages at once (each page of the
   * preferences lists the schools), and the officer needs to read it
   * once: a toast with the same text still shown or queued is kept. */
  shown = shown_errors (target);
  existing = g_hash_table_lookup (shown, text);
  if (existing != NULL)
    return existing;

  toast = wm_gui_toast_new_wrapped (text);
  /* A preferences window is narrower than the main window, so its toast
   * wraps sooner rather than running off the right edge. */
  if (ADW_IS_PREFERENCES_WINDOW (target))
    gtk_label_set_max_width_chars (GTK_LABEL (adw_toast_get_custom_title (toast)), 40);

  /* A failure is read to the end before it goes, and not queued behind
   * an ordinary message. */
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "wm-error-text", g_strdup (text), g_free);
  g_hash_table_insert (shown, g_strdup (text), toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_error_toast_dismissed),
                           target, 0);
  add_toast_to (any_widget_in_window, toast);
  return toast;
}

/**
 * wm_gui_try_again_button_new:
 * @try_again: called, swapped, with @instance when the button is clicked
 * @instance: the object that reloads; the button stops calling it once
 *   it is finalized
 *
 * Returns: (transfer floating): a "Try Again" button
 */
GtkWidget *
wm_gui_try_again_button_new (GCallback try_again,
                             gpointer  instance)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Again"));

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", try_again, instance, G_CONNECT_SWAPPED);
  return button;
}

/**
 * wm_gui_status_page_set_error:
 * @page: the status page a view shows when it could not load
 * @error: why it could not
 * @try_again: called, swapped, with @instance by the page's "Try Again"
 *   button
 * @instance: the view that reloads
 *
 * Shows the error's message on @page, escaped because the description
 * is markup, and gives the page a "Try Again" button the first time. A
 * view that could not load then shows why in place instead of looking
 * empty.
 */
void
wm_gui_status_page_set_error (AdwStatusPage *page,
                              const GError  *error,
                              GCallback      try_again,
                              gpointer       instance)
{
  g_autofree char *markup = NULL;
  GtkWidget *button;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));
  g_return_if_fail (error != NULL);

  markup = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (page, markup);
  if (adw_status_page_get_child (page) != NULL)
    return;

  button = wm_gui_try_again_button_new (try_again, instance);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (page, button);
}

/**
 * wm_gui_error_row_new:
 * @what: what could not be read, as a sentence without a full stop
 * @error: why
 * @try_again: called, swapped, with @instance by the row's "Try Again"
 *   button
 * @instance: the view that reloads
 *
 * A row for a list that could not be read, in place of its rows: @what
 * as the title, the error's message below, and a "Try Again" button.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
wm_gui_error_row_new (const char   *what,
                      const GError *error,
                      GCallback     try_again,
                      gpointer      instance)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (what, -1);
  g_autofree char *subtitle = g_markup_escape_text (error->message, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             wm_gui_try_again_button_new (try_again, instance));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}
