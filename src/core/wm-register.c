/* wm-register.c: not written yet. */
