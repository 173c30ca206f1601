/* wm-sample.c: not written yet. */
