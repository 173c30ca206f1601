/* wm-upn.c: not written yet. */
