/* wm-evaluation.c: not written yet. */
