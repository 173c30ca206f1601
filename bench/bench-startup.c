/* bench-startup.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wm-application.h"

/*
 * Waymark's own application object with a stopwatch on it:
 *
 *   bench-startup --database=PATH
 *
 * The program runs the application exactly as src/main.c does and waits
 * for the first window. When the window's frame clock reports its first
 * painted frame, it prints two figures, `name<TAB>milliseconds`, and
 * quits:
 *
 * - exec_to_first_frame: from the moment the kernel started the process
 *   (so dynamic linking and GTK's start-up are included) to the end of
 *   the first paint. The start time comes from /proc/self/stat, which
 *   counts in clock ticks, usually 10 ms.
 * - main_to_first_frame: from the first line of main(), to the
 *   microsecond.
 *
 * The window opens the database, lists every pupil and fills the pupil
 * list before it is shown, so the first frame is the first the officer
 * sees with the caseload in it.
 */

static gint64 main_started_us;

/* The process start, in microseconds on CLOCK_BOOTTIME, or 0 when
 * /proc/self/stat cannot be read. Field 22 of the file is the start time
 * in clock ticks after boot. Field 2, the command name, may contain
 * spaces, so the fields are counted from its closing parenthesis. */
static gint64
process_started_us (void)
{
  g_autofree char *stat = NULL;
  char *rest;
  guint64 ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (rest = strrchr (stat, ')')) == NULL)
    return 0;

  /* After ") " come field 3 (state) to field 22 (starttime). */
  rest += 2;
  for (guint field = 3; field < 22; field++)
    {
      rest = strchr (rest, ' ');
      if (rest == NULL)
        return 0;
      rest++;
    }

  ticks = g_ascii_strtoull (rest, NULL, 10);
  return (gint64) (ticks * G_USEC_PER_SEC / (guint64) sysconf (_SC_CLK_TCK));
}

static gint64
boottime_now_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_BOOTTIME, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 main_ms = g_get_monotonic_time () - main_started_us;
  gint64 started = process_started_us ();

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);

  if (started != 0)
    g_print ("exec_to_first_frame\t%.3f\n", (boottime_now_us () - started) / 1000.0);
  g_print ("main_to_first_frame\t%.3f\n", main_ms / 1000.0);

  g_application_quit (g_application_get_default ());
}

static void
on_window_realize (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), window);
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmApplication) application = NULL;

  main_started_us = g_get_monotonic_time ();
  setlocale (LC_ALL, "");

  application = wm_application_new ();
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
