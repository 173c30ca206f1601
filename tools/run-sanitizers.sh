#!/usr/bin/env bash
# Runs the tests under memory and undefined-behaviour checkers.
#
#   tools/run-sanitizers.sh [MESON-TEST-ARGS...]
#       Builds with AddressSanitizer and UndefinedBehaviorSanitizer (gcc's)
#       in build-asan and runs every suite, the display suite under Xvfb
#       with its own D-Bus session as tools/run-tests.sh does. Any memory
#       error, undefined behaviour or leak fails the test that caused it;
#       tests/lsan.supp lists the system library leaks that are not ours.
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
  # suppressions need to name the library function that leaked.
  export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
  # With the slow unwinder, Mesa's llvmpipe deadlocks: LLVM allocates while
  # libgcc holds its unwinder lock, and ASan's unwinder then waits on that
  # lock. GTK's cairo renderer draws the same widgets with no GL at all.
  export GSK_RENDERER=cairo

  xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- \
    meson test -C "$builddir" --print-errorlogs --timeout-multiplier 10 "$@"
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

  meson test -C "$builddir" --suite core --print-errorlogs --timeout-multiplier 20 \
    --wrap="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$root/tests/valgrind.supp" \
    "$@"
}

"run_$mode" "$@"
