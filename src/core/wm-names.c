/* wm-names.c: not written yet. */
