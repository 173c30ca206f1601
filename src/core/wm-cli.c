/* wm-cli.c: not written yet. */
