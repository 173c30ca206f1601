/* bench-filter.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "wm-gui.h"
#include "wm-pupil-list.h"
#include "wm-store.h"

/*
 * Times a keystroke in the search box of the pupil list, with every pupil
 * of a database in the list:
 *
 *   bench-filter --database=PATH [--runs=N] [--word=TEXT]
 *
 * It needs a display (run it under xvfb-run). The list is the product's
 * WmPupilList, filled from wm_store_list_pupils as the window fills it,
 * in a window of a laptop's height. The word is typed one letter at a
 * time and then erased back to the empty box, --runs times (default 5),
 * so each keystroke narrows or widens the list as an officer's does. Each
 * keystroke inserts or deletes one letter at the end of the text. The
 * default word, "brack", starts a surname the sample generator uses.
 *
 * The search box normally waits 150 ms after a keystroke before it
 * searches, so that a fast typist does not pay for every letter. That
 * pause is set to 0 here, so the figures are the work itself. Each
 * keystroke gives two times from setting the text: until the filter and
 * sort models have settled (`filter`), and until the next frame is
 * painted (`frame`). The program prints `name<TAB>milliseconds` lines:
 * the set-up figures, then the median and the maximum of each keystroke
 * figure, then the median of each keystroke position.
 */

#define SPIN_LIMIT_US (30 * G_USEC_PER_SEC)

typedef struct
{
  GtkWidget   *window;
  WmPupilList *list;
  gint64       start;
  gint64       filtered;
  gint64       painted;
  gboolean     waiting_filter;
  gboolean     waiting_paint;
} Bench;

static double
ms_between (gint64 start,
            gint64 end)
{
  return (double) (end - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report_samples (const char *name,
                GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%s_median\t%.3f\n", name, g_array_index (samples, double, samples->len / 2));
  g_print ("%s_max\t%.3f\n", name, g_array_index (samples, double, samples->len - 1));
}

/* Runs the main context until @flag is cleared, giving up (and failing)
 * after SPIN_LIMIT_US so that a frame that never comes cannot hang a
 * benchmark run. */
static void
spin_while (gboolean *flag)
{
  gint64 limit = g_get_monotonic_time () + SPIN_LIMIT_US;

  while (*flag)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > limit)
        g_error ("The window did not settle within %d s", (int) (SPIN_LIMIT_US / G_USEC_PER_SEC));
    }
}

/* Connected after the list's own handler, so it runs once the filter has
 * been notified of the change. The filter and sort models work synchronously
 * (neither is incremental), so the list has settled by then. */
static void
on_search_changed (Bench *bench)
{
  if (!bench->waiting_filter)
    return;

  bench->filtered = g_get_monotonic_time ();
  bench->waiting_filter = FALSE;
  bench->waiting_paint = TRUE;
}

static void
on_after_paint (Bench *bench)
{
  if (bench->waiting_filter || !bench->waiting_paint)
    return;

  bench->painted = g_get_monotonic_time ();
  bench->waiting_paint = FALSE;
}

/* Changes the search text to @text as a keyboard does: a letter added at
 * the end is one insertion and a Backspace one deletion. Replacing the
 * whole text instead (gtk_editable_set_text) first empties the box, and
 * the search entry reports an empty box at once, so every keystroke
 * would show the whole list before the search. */
static void
change_text (GtkEditable *entry,
             const char  *text)
{
  const char *current = gtk_editable_get_text (entry);
  int length = (int) strlen (current);
  int position = length;

  if (strlen (text) == (gsize) length + 1 && strncmp (text, current, length) == 0)
    gtk_editable_insert_text (entry, text + length, 1, &position);
  else if ((int) strlen (text) == length - 1 && strncmp (text, current, length - 1) == 0)
    gtk_editable_delete_text (entry, length - 1, length);
  else
    gtk_editable_set_text (entry, text);
}

static void
type_text (Bench      *bench,
           const char *text,
           double     *out_filter_ms,
           double     *out_frame_ms)
{
  GtkEditable *entry = wm_pupil_list_get_search_entry (bench->list);

  bench->waiting_filter = TRUE;
  bench->start = g_get_monotonic_time ();
  change_text (entry, text);
  spin_while (&bench->waiting_filter);
  spin_while (&bench->waiting_paint);

  *out_filter_ms = ms_between (bench->start, bench->filtered);
  *out_frame_ms = ms_between (bench->start, bench->painted);
}

static void
on_first_paint (GdkFrameClock *clock,
                gboolean      *waiting)
{
  *waiting = FALSE;
}

static void
show_window (Bench *bench)
{
  GdkFrameClock *clock;
  gboolean waiting = TRUE;
  gulong handler;
  gint64 start = g_get_monotonic_time ();

  gtk_window_present (GTK_WINDOW (bench->window));
  clock = gtk_widget_get_frame_clock (bench->window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), &waiting);
  spin_while (&waiting);
  g_signal_handler_disconnect (clock, handler);

  g_print ("first_frame\t%.3f\n", ms_between (start, g_get_monotonic_time ()));
  g_print ("renderer\t%s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench->window))));

  g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
}

static void
fill_list (Bench   *bench,
           WmStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;
  gint64 start = g_get_monotonic_time ();

  summaries = wm_store_list_pupils (store, &error);
  if (summaries == NULL)
    g_error ("Could not list the pupils: %s", error->message);
  g_print ("pupils\t%u\n", summaries->len);
  g_print ("list_pupils\t%.3f\n", ms_between (start, g_get_monotonic_time ()));

  start = g_get_monotonic_time ();
  wm_pupil_list_set_pupils (bench->list, summaries);
  g_print ("set_pupils\t%.3f\n", ms_between (start, g_get_monotonic_time ()));
}

static void
build_window (Bench *bench)
{
  GtkEditable *entry;

  bench->list = WM_PUPIL_LIST (wm_pupil_list_new ());
  bench->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 400, 900);
  gtk_window_set_child (GTK_WINDOW (bench->window), GTK_WIDGET (bench->list));

  entry = wm_pupil_list_get_search_entry (bench->list);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (on_search_changed), bench);
}

/* Types @word letter by letter and erases it again, @runs times, and
 * reports the figures of every keystroke. */
static void
type_word (Bench      *bench,
           const char *word,
           gint        runs)
{
  guint len = (guint) strlen (word), n_keys = 2 * len;
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) per_key = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint k = 0; k < n_keys; k++)
    g_ptr_array_add (per_key, g_array_new (FALSE, FALSE, sizeof (double)));

  for (gint run = 0; run < runs; run++)
    for (guint k = 0; k < n_keys; k++)
      {
        guint typed = k < len ? k + 1 : n_keys - k - 1;
        g_autofree char *text = g_strndup (word, typed);
        double filter_ms, frame_ms;

        type_text (bench, text, &filter_ms, &frame_ms);
        g_array_append_val (filters, filter_ms);
        g_array_append_val (frames, frame_ms);
        g_array_append_val (g_ptr_array_index (per_key, k), frame_ms);
      }

  report_samples ("keystroke_filter", filters);
  report_samples ("keystroke_frame", frames);
  for (guint k = 0; k < n_keys; k++)
    {
      guint typed = k < len ? k + 1 : n_keys - k - 1;
      GArray *samples = g_ptr_array_index (per_key, k);

      g_array_sort (samples, compare_doubles);
      g_print ("frame_after_%.*s%s\t%.3f\n", (int) typed, word, typed == 0 ? "(empty)" : "",
               g_array_index (samples, double, samples->len / 2));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *word = NULL;
  gint runs = 5;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The Waymark database", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Times the word is typed (default 5)", "N" },
    { "word", 0, 0, G_OPTION_ARG_STRING, &word, "What to type (default brack)", "TEXT" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the pupil search");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  Bench bench = { NULL, };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || database == NULL || runs < 1)
    {
      g_printerr ("bench-filter: %s\n",
                  error != NULL ? error->message : "--database=PATH and --runs=N (N > 0) are needed");
      return EXIT_FAILURE;
    }

  adw_init ();
  store = wm_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("bench-filter: %s\n", error->message);
      return EXIT_FAILURE;
    }

  build_window (&bench);
  fill_list (&bench, store);
  show_window (&bench);
  type_word (&bench, word != NULL ? word : "brack", runs);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  return EXIT_SUCCESS;
}
