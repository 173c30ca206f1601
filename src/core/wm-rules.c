/* wm-rules.c: not written yet. */
