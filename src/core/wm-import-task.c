/* wm-import-task.c: not written yet. */
