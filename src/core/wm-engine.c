/* wm-engine.c: not written yet. */
