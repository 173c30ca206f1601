/* fuzz-common.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, which it finds by name. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Stops the run when a reader breaks its own contract on some input, so
 * that libFuzzer saves that input as a crash. A broken contract is as much
 * a finding as a memory error: the callers rely on it. */
#define FUZZ_CHECK(condition, description)                                \
  G_STMT_START                                                            \
  {                                                                       \
    if (G_UNLIKELY (!(condition)))                                        \
      {                                                                   \
        fprintf (stderr, "%s:%d: contract broken: %s (%s)\n", __FILE__,   \
                 __LINE__, description, #condition);                      \
        abort ();                                                         \
      }                                                                   \
  }                                                                       \
  G_STMT_END

/* A critical or warning from the core on any input is a bug, because the
 * readers must reject bad input with a GError. A failed precondition check
 * means they passed themselves a bad value. Making both fatal turns them
 * into crashes that libFuzzer records. */
static inline void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING
                          | G_LOG_FATAL_MASK);
}

G_END_DECLS
