/* wm-calendar.c: not written yet. */
