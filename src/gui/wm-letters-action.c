/* wm-letters-action.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-letters-action.h"

#include "wm-application.h"
#include "wm-error.h"
#include "wm-letters.h"

/* "Send Letters…" from the viewer of a finalised legal step. The letters
 * are rendered and stored in a worker with its own store, because making
 * PDFs for every parent takes long enough to freeze the window. When
 * they are stored the Timeline shows them as "letter" entries and a
 * toast names the parents written to. A failure, such as a parent with
 * no address, stops the whole step in the core and is shown in a dialog,
 * since the officer must correct the People page before trying again. */

typedef struct
{
  /* In */
  char       *database_path;
  gint64      record_id;
  char       *officer_name;
  char       *officer_role;
  char       *officer_phone;
  char       *school_phone;
  char       *templates_dir;

  /* Out */
  GPtrArray  *letters;
  GBytes     *first_pdf;
} LettersJob;

static guint n_running;

/* The toast of the last letters made while it is up, for the tests. */
static AdwToast *last_toast;

static void
letters_job_free (LettersJob *job)
{
  g_free (job->database_path);
  g_free (job->officer_name);
  g_free (job->officer_role);
  g_free (job->officer_phone);
  g_free (job->school_phone);
  g_free (job->templates_dir);
  g_clear_pointer (&job->letters, g_ptr_array_unref);
  g_clear_pointer (&job->first_pdf, g_bytes_unref);
  g_free (job);
}

/**
 * wm_letters_templates_dir:
 *
 * The letter templates are installed with the application, and the core
 * finds them there by itself. Run from the build tree they are not
 * installed yet, so tools/run-demo.sh sets `WAYMARK_LETTERS_DIR` to the
 * source tree's data/letters folder, and the display tests do the same.
 *
 * Returns: (transfer full) (nullable): the folder of the templates, or
 *   %NULL for the installed ones
 */
char *
wm_letters_templates_dir (void)
{
  const char *dir = g_getenv ("WAYMARK_LETTERS_DIR");

  return dir != NULL && *dir != '\0' ? g_strdup (dir) : NULL;
}

/* Settings */

static GSettings *
app_settings (void)
{
  GApplication *application = g_application_get_default ();

  return WM_IS_APPLICATION (application)
         ? wm_application_get_settings (WM_APPLICATION (application)) : NULL;
}

/**
 * wm_letters_dup_officer_phone:
 *
 * Returns: (transfer full) (nullable): the telephone number letters ask
 *   parents to call, from the settings, or %NULL when it is not set
 */
char *
wm_letters_dup_officer_phone (void)
{
  GSettings *settings = app_settings ();
  g_autofree char *phone = settings ? g_settings_get_string (settings, "officer-phone") : NULL;

  if (phone != NULL)
    g_strstrip (phone);
  return phone != NULL && *phone != '\0' ? g_steal_pointer (&phone) : NULL;
}

/**
 * wm_letters_dup_officer_name:
 *
 * Reads the officer's name, which signs every letter. The record viewer
 * checks it before asking for anything else, because no letter is made
 * without it.
 *
 * Returns: (transfer full) (nullable): the officer's name from the
 *   settings, or %NULL when it is not set
 */
char *
wm_letters_dup_officer_name (void)
{
  GSettings *settings = app_settings ();
  g_autofree char *name = settings ? g_settings_get_string (settings, "officer-name") : NULL;

  if (name != NULL)
    g_strstrip (name);
  return name != NULL && *name != '\0' ? g_steal_pointer (&name) : NULL;
}

/**
 * wm_letters_set_officer_phone:
 * @phone: the officer's telephone number
 *
 * Keeps @phone in the settings, so that it is asked for only once.
 */
void
wm_letters_set_officer_phone (const char *phone)
{
  GSettings *settings = app_settings ();

  g_return_if_fail (phone != NULL);

  if (settings != NULL)
    g_settings_set_string (settings, "officer-phone", phone);
}

/* Worker */

/* The pupil's school, whose details the card prints. */
static gint64
school_of_record (WmStore        *store,
                  const WmRecord *record,
                  GError        **error)
{
  g_auto(WmPupilRecord) pupil = { 0 };
  gint64 school_id = 0;

  if (!wm_store_get_pupil (store, record->pupil_id, &pupil, &school_id, error))
    return -1;

  return school_id;
}

/* Stores the school's telephone given in the card's dialog the way
 * Preferences, Schools does, checked and audited, with the school's
 * other details as they are, so that it is asked for only once. */
static gboolean
store_school_phone (WmStore    *store,
                    gint64      school_id,
                    const char *phone,
                    GError    **error)
{
  g_auto(WmSchoolDetails) school = { 0 };

  if (!wm_store_get_school_details (store, school_id, &school, error))
    return FALSE;

  g_free (school.phone);
  school.phone = g_strdup (phone);
  return wm_store_set_school_details (store, school_id, &school, error);
}

/* A calling card gives the school's number too. The record viewer asks
 * for it with everything else when the school has none stored, and it
 * is stored here before the card is made. Without it no card is made,
 * and the error message names where to enter it. */
static gboolean
prepare_school_phone (WmStore    *store,
                      LettersJob *job,
                      GError    **error)
{
  g_autoptr(WmRecord) record = NULL;
  g_auto(WmSchoolDetails) school = { 0 };
  gint64 school_id;

  record = wm_record_get (store, job->record_id, error);
  if (record == NULL)
    return FALSE;
  if (g_strcmp0 (wm_letters_template_for_record (record), "home-visit-card.txt") != 0)
    return TRUE;

  school_id = school_of_record (store, record, error);
  if (school_id < 0)
    return FALSE;
  if (school_id > 0 && job->school_phone != NULL)
    return store_school_phone (store, school_id, job->school_phone, error);
  if (school_id > 0 && !wm_store_get_school_details (store, school_id, &school, error))
    return FALSE;
  if (school.phone != NULL)
    return TRUE;

  g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID_INPUT,
                       _("The calling card gives the school's telephone number, which is not "
                         "stored. Enter it in Preferences, Schools, then make the card."));
  return FALSE;
}

/* Only the letters just made are named in the toast: the core refuses to
 * make a second set, so they are every letter of the record. */
static gboolean
make_letters (WmStore    *store,
              LettersJob *job,
              GError    **error)
{
  WmLetterDetails details = {
    .school_phone = job->school_phone,
    .officer_name = job->officer_name,
    .officer_role = job->officer_role,
    .officer_phone = job->officer_phone,
    .author = job->officer_name,
    .date = WM_DAY_NONE,
    .templates_dir = job->templates_dir,
  };
  g_autoptr(GArray) ids = NULL;

  if (!prepare_school_phone (store, job, error))
    return FALSE;

  ids = wm_letters_generate (store, job->record_id, &details, error);
  if (ids == NULL)
    return FALSE;

  job->letters = wm_letters_list (store, job->record_id, error);
  if (job->letters == NULL || job->letters->len == 0)
    return job->letters != NULL;

  job->first_pdf = wm_letters_get_pdf (store,
                                       ((WmLetterInfo *) job->letters->pdata[0])->id,
                                       error);
  return job->first_pdf != NULL;
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LettersJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (job->database_path, &error);

  if (store == NULL || !make_letters (store, job, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Main thread */

/* "Jane Smith and John Smith", or "A, B and C" for more. */
static char *
join_addressees (GPtrArray *letters)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < letters->len; i++)
    {
      WmLetterInfo *info = letters->pdata[i];

      if (i > 0 && i == letters->len - 1)
        /* Translators: between the last two names in a list of parents. */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, info->addressee);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The letter is opened from a file only the officer can read, because it
 * contains a family's name and address (g_file_open_tmp creates it with
 * mode 0600). The file stays for the PDF viewer to read.
 * NOTE: nothing removes it afterwards, so it lasts until the system
 * clears its temporary folder. */
static void
open_pdf (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  int fd = g_file_open_tmp ("waymark-letter-XXXXXX.pdf", &path, &error);

  if (fd < 0 || !g_file_set_contents (path, data, length, &error))
    {
      if (fd >= 0)
        g_close (fd, NULL);
      g_warning ("Could not write the letter to open it: %s", error->message);
      return;
    }

  g_close (fd, NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open the letter: %s", error->message);
}

static void
open_clicked (AdwToast *toast,
              gpointer  user_data)
{
  open_pdf (g_object_get_data (G_OBJECT (toast), "letter-pdf"));
}

static void
show_toast (WmTimelinePage *page,
            LettersJob     *job)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *names = join_addressees (job->letters);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: "2 letters made: to Jane Smith and John Smith". */
  title = g_strdup_printf (ngettext ("%u letter made: to %s", "%u letters made: to %s",
                                     job->letters->len),
                           job->letters->len, names);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "letter-pdf", g_bytes_ref (job->first_pdf),
                          (GDestroyNotify) g_bytes_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (open_clicked), NULL);
  if (last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (last_toast), (gpointer *) &last_toast);
  last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (last_toast), (gpointer *) &last_toast);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_failure (WmTimelinePage *page,
              const GError   *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Letters Not Made"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_letters_made (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmTimelinePage) page = user_data;
  LettersJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  n_running--;

  /* The page's tab may have been closed while the letters were made. They
   * are stored all the same. */
  if (gtk_widget_get_root (GTK_WIDGET (page)) == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The message names the parent, so only its code is logged. */
      g_debug ("Letters of record %" G_GINT64_FORMAT " failed: %s %d", job->record_id,
               g_quark_to_string (error->domain), error->code);
      show_failure (page, error);
      return;
    }

  wm_timeline_page_reload (page);
  if (job->letters->len > 0)
    show_toast (page, job);
}

static void
start_job (WmTimelinePage *page,
           LettersJob     *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_letters_made, g_object_ref (page));

  g_debug ("Making the letters of record %" G_GINT64_FORMAT, job->record_id);
  n_running++;
  g_task_set_task_data (task, job, (GDestroyNotify) letters_job_free);
  g_task_run_in_thread (task, run_in_thread);
}

/* The role printed under the signature, from the settings, as on the
 * records the officer writes. */
static char *
officer_role_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root)
                                ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GSettings *settings = WM_IS_APPLICATION (application)
                        ? wm_application_get_settings (WM_APPLICATION (application)) : NULL;
  g_autofree char *role = settings ? g_settings_get_string (settings, "officer-role") : NULL;

  return role != NULL && *role != '\0' ? g_steal_pointer (&role)
                                        : g_strdup (_("Attendance officer"));
}

/**
 * wm_letters_action_send:
 * @page: the Timeline the record is on
 * @database_path: the window's database, opened again in the worker
 * @record_id: a finalised warning letter, Notice to Improve, meeting, or
 *   home visit with no answer (which makes calling cards)
 * @officer_phone: (nullable): the telephone number the letters ask
 *   parents to call; %NULL uses the one in the settings
 * @school_phone: (nullable): for a calling card, the school's telephone
 *   number the officer gave, which is stored on the pupil's school (as
 *   Preferences, Schools stores it) before the card is made; %NULL uses
 *   the one stored
 *
 * Makes the record's letters in a worker, signed with the officer's name
 * and role from the settings. A calling card whose school has no
 * telephone stored and none given is not made. When done, reloads @page
 * and shows a toast naming the parents, or a dialog with the reason the
 * letters were not made.
 */
void
wm_letters_action_send (WmTimelinePage *page,
                        const char     *database_path,
                        gint64          record_id,
                        const char     *officer_phone,
                        const char     *school_phone)
{
  g_autofree char *officer_name = wm_officer_name_for (GTK_WIDGET (page));
  g_autofree char *stored_phone = wm_letters_dup_officer_phone ();
  LettersJob *job;

  /* The letters are signed, and cannot be changed once made. */
  if (officer_name == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (WM_ERROR, WM_ERROR_INVALID_INPUT,
                                                     _("Letters are signed with the "
                                                       "officer's name, which is not set. "
                                                       "Enter it in Preferences, then make "
                                                       "the letters."));

      show_failure (page, error);
      return;
    }

  job = g_new0 (LettersJob, 1);
  job->database_path = g_strdup (database_path);
  job->record_id = record_id;
  job->officer_name = g_steal_pointer (&officer_name);
  job->officer_role = officer_role_for (GTK_WIDGET (page));
  job->officer_phone = officer_phone != NULL ? g_strdup (officer_phone)
                                             : g_steal_pointer (&stored_phone);
  job->school_phone = g_strdup (school_phone);
  job->templates_dir = wm_letters_templates_dir ();
  start_job (page, job);
}

/**
 * wm_letters_action_is_busy:
 *
 * Returns: whether letters are still being made
 */
gboolean
wm_letters_action_is_busy (void)
{
  return n_running > 0;
}

/**
 * wm_letters_action_get_toast:
 *
 * Returns: (transfer none) (nullable): the toast naming the parents of
 *   the last letters made, while it is shown
 */
AdwToast *
wm_letters_action_get_toast (void)
{
  return last_toast;
}
