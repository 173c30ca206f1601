/* wm-ctf.c: not written yet. */
