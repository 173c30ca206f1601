#!/usr/bin/env bash
# Runs the tests under memory and undefined-behaviour checkers.
#
#   tools/run-sanitizers.sh [MESON-TEST-ARGS...]
#       Builds with AddressSanitizer and UndefinedBehaviorSanitizer (gcc's)
#       in build-asan and runs every suite, the display suite under Xvfb
#       with its own D-Bus session as tools/run-tests.sh does. Any memory
#       error, undefined behaviour or leak fails the test that caused it;
#       tests/lsan.supp lists the system library leaks that are not ours.
#       Without MESON-TEST-ARGS the core and data suites run beside the
#       display suite, with their own test log (meson-logs/testlog-core.json
#       beside meson-logs/testlog.json); with them, one `meson test` runs.
#
#   tools/run-sanitizers.sh --valgrind [MESON-TEST-ARGS...]
#       Builds without sanitizers in build-valgrind and runs the core suite
#       under Valgrind's memcheck. tests/valgrind.supp lists the system
#       library leaks that are not ours.
#
# WAYMARK_ASAN_BUILDDIR and WAYMARK_VALGRIND_BUILDDIR choose other build
# directories. Extra arguments go to `meson test`, such as a test name.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=asan
if [ "${1:-}" = "--valgrind" ]; then
  mode=valgrind
  shift
fi

tools/install-deps.sh

# Builds in $1 with the meson options that follow, reusing a configured
# directory so that a second run only recompiles what changed.
build () {
  local builddir=$1
  shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  fi
  meson compile -C "$builddir"
}

run_asan () {
  local builddir=${WAYMARK_ASAN_BUILDDIR:-build-asan}

  # b_lundef=false because a sanitized shared library may leave the
  # sanitizer runtime's symbols for the executable to provide (clang links
  # that runtime into executables only), which --no-undefined refuses.
  build "$builddir" -Db_sanitize=address,undefined -Db_lundef=false -Dgui=enabled

  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # The system libraries have no frame pointers, so the fast unwinder stops
  # at g_malloc. The slow unwinder records whole stacks, which the
  # suppressions need to name the library function that leaked. It costs
  # time on every allocation, so it stops after 14 frames instead of 30:
  # at 10 the store test took 7 s of CPU instead of 15. ASan counts two
  # frames of its own that it does not print, so a report shows 12. The
  # GTK icon leak in tests/lsan.supp needs all 12, because its named
  # frame, gtk_icon_theme_lookup_icon, is frame #11 of the report. With
  # 6, the store test's g_set_user_dirs leak was no longer suppressed.
  export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=14
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
  # With the slow unwinder, Mesa's llvmpipe deadlocks: LLVM allocates while
  # libgcc holds its unwinder lock, and ASan's unwinder then waits on that
  # lock. GTK's cairo renderer draws the same widgets with no GL at all.
  export GSK_RENDERER=cairo
  # The display tests wait up to 20 s for an export or a print, and one
  # such wait timed out under ASan on a loaded machine. This factor makes
  # that wait 100 s, well inside the 2400 s that meson allows a display
  # test (its 120 s times the multiplier of 20 below).
  export WAYMARK_TEST_WAIT_SCALE=5

  # The crash test, which kills an import and a saver a hundred times
  # each, has taken 183 to 266 s under ASan on a two-core machine, near
  # the 300 s that a multiplier of 10 allows. 20 leaves room for a slower
  # machine, and a hung test still ends.
  local test_args=(-C "$builddir" --no-rebuild --print-errorlogs --timeout-multiplier 20)

  if [ $# -gt 0 ]; then
    in_display meson test "${test_args[@]}" "$@"
    return
  fi

  # Each display test runs alone (is_parallel: false in tests/meson.build)
  # and meson starts nothing beside it. In one `meson test` run the second
  # core therefore sat idle for the whole display suite, 7 of the 11.5
  # minutes of tests in one CI run on a two-core machine. The core and
  # data suites need neither display nor bus (the valgrind run has
  # neither), so a second `meson test` runs them beside the display suite,
  # one test at a time, which keeps two tests running at once as before.
  # Its test log is testlog-core and the display suite's is testlog. Its
  # output is printed after the display suite ends, so the two do not
  # interleave.
  local core_output=$builddir/meson-logs/core-output.txt
  local core_pid status=0

  meson test "${test_args[@]}" --suite core --suite data --num-processes 1 \
    --logbase testlog-core >"$core_output" 2>&1 &
  core_pid=$!
  in_display meson test "${test_args[@]}" --suite display || status=$?
  wait "$core_pid" || status=$?
  echo "run-sanitizers: the core suite's run:"
  cat "$core_output"
  return $status
}

# Runs the command that follows with a virtual display and its own D-Bus
# session, xvfb-run outermost, as tools/run-tests.sh does.
in_display () {
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
}

run_valgrind () {
  local builddir=${WAYMARK_VALGRIND_BUILDDIR:-build-valgrind}

  if ! command -v valgrind >/dev/null; then
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      sudo=(sudo)
    fi
    echo "run-sanitizers: installing valgrind"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends valgrind
  fi

  # The application is built too so that the command-line test runs its
  # cases; only the test binary itself runs under memcheck.
  build "$builddir" -Dgui=enabled

  # GLib 2.74 still hands out small blocks from its own slab allocator,
  # which hides them from memcheck. G_SLICE=always-malloc turns it off.
  export G_SLICE=always-malloc

  # Valgrind runs one thread at a time. By default a thread that releases
  # that lock can take it straight back, so a busy import worker once held
  # the main loop still for 2 s and failed the test that checks it turns.
  # --fair-sched=yes passes the lock to each thread in turn. With it, the
  # longest gap fell from 400-840 ms to 170-220 ms on a busy two-core machine.
  meson test -C "$builddir" --suite core --print-errorlogs --timeout-multiplier 20 \
    --wrap="valgrind --fair-sched=yes --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$root/tests/valgrind.supp" \
    "$@"
}

"run_$mode" "$@"
