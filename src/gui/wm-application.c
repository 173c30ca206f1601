/* wm-application.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-cli.h"
#include "wm-ctf.h"
#include "wm-database-recovery.h"
#include "wm-gui.h"
#include "wm-window-private.h"

struct _WmApplication
{
  AdwApplication  parent_instance;

  /* Filled in by GApplication's option parser before
   * handle-local-options runs. */
  WmCliOptions    options;

  /* The one settings object of the program, shared by every window.
   * It is %NULL when the schema is not installed. */
  GSettings      *settings;

  /* The absolute path given with `--database` to the launch being
   * handled now, from its platform data; %NULL when none was given. */
  char           *launched_database;
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

/* Helpers */

static WmWindow *
ensure_window (WmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    return WM_WINDOW (window);

  path = wm_application_dup_database_path (self);
  return wm_window_new (GTK_APPLICATION (self), path);
}

/* g_settings_new() aborts when the schema is missing, as it is in a run
 * from the build tree without GSETTINGS_SCHEMA_DIR. The schema is looked
 * up first, and without it the windows open at their default size. */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed; nothing is remembered",
               APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autolist(GtkWindow) windows = NULL;

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));

  /* Destroying the windows cancels their imports. Each running import
   * keeps a hold on the application, so the worker finishes its rollback
   * before the process exits. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Waymark"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Waymark developers"));
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© 2026 The Waymark developers");
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  /* Translators: replace this with your names, one a line, to credit
   * yourselves in the About window. */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Attendance casework for school attendance officers: "
                                   "levels, reasons and the case record"));
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (application));
  gtk_window_present (GTK_WINDOW (about));
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  WmWindow *window = ensure_window (WM_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "import", import_action },
};

/* Overrides */

/* A headless run (an import, an evaluation) is handled here, before the
 * application registers or GTK opens a display, so that it works on a
 * machine with no display at all. */
static int
wm_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  WmApplication *self = WM_APPLICATION (application);

  if (wm_cli_is_headless (&self->options))
    return wm_cli_run (&self->options);

  return -1;
}

static void
wm_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *import_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (application);

  wm_gui_init ();

  WM_APPLICATION (application)->settings = new_settings ();

  /* The parser's global state must be set up once on the main thread
   * before any import runs in a worker. */
  wm_ctf_global_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.import",
                                         import_accels);
}

/* The launching process names its `--database` in the platform data, as
 * an absolute path because the running one may have another working
 * folder. */
static void
wm_application_add_platform_data (GApplication    *application,
                                  GVariantBuilder *builder)
{
  WmApplication *self = WM_APPLICATION (application);

  G_APPLICATION_CLASS (wm_application_parent_class)->add_platform_data (application, builder);

  if (self->options.database != NULL)
    {
      g_autofree char *path = g_canonicalize_filename (self->options.database, NULL);

      g_variant_builder_add (builder, "{sv}", "waymark-database", g_variant_new_string (path));
    }
}

static void
wm_application_before_emit (GApplication *application,
                            GVariant     *platform_data)
{
  WmApplication *self = WM_APPLICATION (application);

  G_APPLICATION_CLASS (wm_application_parent_class)->before_emit (application, platform_data);

  g_clear_pointer (&self->launched_database, g_free);
  g_variant_lookup (platform_data, "waymark-database", "s", &self->launched_database);
}

static gboolean
is_other_database (WmWindow   *window,
                   const char *launched)
{
  g_autofree char *open = NULL;

  if (launched == NULL || window->database_path == NULL)
    return FALSE;

  open = g_canonicalize_filename (window->database_path, NULL);
  return g_strcmp0 (open, launched) != 0;
}

/* A second launch of the program passes its activation here, to the
 * first one, which raises its window instead of opening another. A
 * second launch with another database asks the officer which to use. */
static void
wm_application_activate (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));
  gboolean running = windows != NULL;
  WmWindow *window;

  g_debug ("Activated with %u open windows", g_list_length (windows));
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (running && is_other_database (window, self->launched_database))
    _wm_database_recovery_offer_file (window, self->launched_database);
}

static void
wm_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WmWindow *window = ensure_window (WM_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    wm_window_import_file (window, files[i]);
}

/* Settings are written in the background; this makes sure the window
 * size of the last window reaches the disk before the process exits. */
static void
wm_application_shutdown (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);

  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (wm_application_parent_class)->shutdown (application);
}

static void
wm_application_finalize (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  wm_cli_options_clear (&self->options);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->launched_database, g_free);

  G_OBJECT_CLASS (wm_application_parent_class)->finalize (object);
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wm_application_finalize;

  app_class->handle_local_options = wm_application_handle_local_options;
  app_class->startup = wm_application_startup;
  app_class->shutdown = wm_application_shutdown;
  app_class->activate = wm_application_activate;
  app_class->add_platform_data = wm_application_add_platform_data;
  app_class->before_emit = wm_application_before_emit;
  app_class->open = wm_application_open;
}

static void
wm_application_init (WmApplication *self)
{
  wm_cli_add_option_entries (G_APPLICATION (self), &self->options);
}

/* Public API */

WmApplication *
wm_application_new (void)
{
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * wm_application_dup_database_path:
 *
 * The database is the one given with `--database`, or the default one
 * in the user data directory. Its directory is created, readable by the
 * user only, because the file contains personal data about children.
 *
 * Returns: (transfer full): the path of the database the window opens
 */
char *
wm_application_dup_database_path (WmApplication *self)
{
  g_autofree char *path = NULL;
  g_autofree char *directory = NULL;

  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  if (self->options.database != NULL)
    path = g_strdup (self->options.database);
  else
    path = wm_cli_default_database_path ();

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    g_warning ("Could not create the directory of the database: %s", g_strerror (errno));

  return g_steal_pointer (&path);
}

/**
 * wm_application_set_database_path:
 * @path: the database the officer chose
 *
 * Makes @path the database of every window opened from now on, in place
 * of the one given with `--database` or the default one, for the rest of
 * the session.
 */
void
wm_application_set_database_path (WmApplication *self,
                                  const char    *path)
{
  g_return_if_fail (WM_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->options.database);
  self->options.database = g_strdup (path);
}

/**
 * wm_application_get_settings:
 *
 * Every window reads and writes its state through this one object, so
 * that two windows never hold settings that disagree.
 *
 * Returns: (transfer none) (nullable): the application's settings, or
 *   %NULL before startup or when the schema is not installed
 */
GSettings *
wm_application_get_settings (WmApplication *self)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  return self->settings;
}
