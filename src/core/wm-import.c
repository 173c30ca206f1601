/* wm-import.c: not written yet. */
