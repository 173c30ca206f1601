/* wm-attendance.c: not written yet. */
