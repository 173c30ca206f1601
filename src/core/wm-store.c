/* wm-store.c: not written yet. */
