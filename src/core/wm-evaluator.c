/* wm-evaluator.c: not written yet. */
