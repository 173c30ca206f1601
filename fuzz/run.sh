#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time.
#
#   fuzz/run.sh [SECONDS [TARGET...]]
#       Builds with clang, AddressSanitizer and UndefinedBehaviorSanitizer
#       in build-fuzz (-Dfuzzing=true), then runs each target (ctf, csv;
#       all of them when none is named) for SECONDS (60 by default), one
#       after the other. The corpus each run grows is kept in
#       build-fuzz/corpus, so a second run carries on from the first.
#
# Seeds are the CTF test fixtures, small generated sample files (3 pupils
# each, both marks layouts, with and without attendance, an old CTF
# version), the CSV seeds in fuzz/seeds-csv, the rejected import files in
# tests/corpus/bad and every earlier crash in tests/corpus/fuzz-crashes.
#
# A crash, leak, hang (an input taking more than 10 s) or an input using
# more than 2048 MB stops that target. Its input is copied into
# tests/corpus/fuzz-crashes as TARGET-KIND-HASH, where the core test
# fuzz-crashes checks that the reader reads it cleanly once fixed. The
# script then runs the other targets and exits 1.
#
# WAYMARK_FUZZ_BUILDDIR chooses another build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz/run.sh: SECONDS must be a whole number, not \"$seconds\"" >&2
  exit 2
fi
shift || true
targets=("$@")

builddir=${WAYMARK_FUZZ_BUILDDIR:-build-fuzz}
crash_dir=$root/tests/corpus/fuzz-crashes

# libFuzzer comes with clang's runtime libraries, which Debian packages
# apart from the compiler. These are needed only here, so they are not in
# tools/install-deps.sh's list; that script installs the rest.
install_fuzz_deps () {
  local packages=(clang libclang-rt-14-dev)
  local missing=()
  local sudo=()

  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
        | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "fuzz/run.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

build () {
  if [ ! -f "$builddir/build.ninja" ]; then
    # b_lundef=false because the sanitizer runtimes are linked into
    # executables only, as tools/run-sanitizers.sh explains.
    CC=clang meson setup "$builddir" -Dgui=disabled -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  # Only the targets and the seed generator: the rest of the project
  # has its own builds, and a test that does not build here must not
  # stop the fuzzing.
  local built
  built=$(meson introspect "$builddir" --targets | python3 -c '
import json, sys
names = [target["name"] for target in json.load(sys.stdin)]
print(" ".join(name for name in names if name.startswith("fuzz-")))')
  # shellcheck disable=SC2086
  meson compile -C "$builddir" waymark-generate-ctf $built
}

# Writes the generated CTF seeds into $1. Small files take less time per
# run, and these still reach the header, pupil, contact and marks code.
generate_ctf_seeds () {
  local dir=$1
  local generate=$builddir/src/tools/waymark-generate-ctf

  mkdir -p "$dir"
  "$generate" --pupils=3 --seed=1 --layout=weekdays --until=2025-11-07 \
    --output="$dir/weekdays.xml"
  "$generate" --pupils=3 --seed=2 --layout=calendar --until=2025-11-07 \
    --output="$dir/calendar.xml"
  "$generate" --pupils=3 --seed=3 --pupils-only --output="$dir/pupils-only.xml"
  "$generate" --pupils=3 --seed=4 --ctf-version=20.0 --gender-element \
    --until=2025-11-07 --output="$dir/gender-20.xml"
}

# Runs one target, then copies what it found into the crash corpus.
# Returns 1 when it found anything.
run_target () {
  local name=$1
  local exe=$builddir/fuzz/fuzz-$name
  local corpus=$builddir/corpus/$name
  local artifacts=$builddir/artifacts/$name
  local log=$builddir/logs/fuzz-$name.log
  local seeds=()
  local options=()
  local found=0
  local copy

  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  case $name in
    ctf) seeds=("$builddir/seeds/ctf" "$root/tests/fixtures/ctf") ;;
    csv) seeds=("$root/fuzz/seeds-csv") ;;
  esac
  seeds+=("$crash_dir")
  # The import tests' files of both kinds that must be rejected.
  if [ -d "$root/tests/corpus/bad" ]; then
    seeds+=("$root/tests/corpus/bad")
  fi
  if [ -f "$root/fuzz/$name.dict" ]; then
    options+=("-dict=$root/fuzz/$name.dict")
  fi

  echo "fuzz/run.sh: running fuzz-$name for $seconds s (log in $log)"
  if ! "$exe" "${options[@]}" -max_total_time="$seconds" -max_len=65536 \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    found=1
  fi

  # The final status line and statistics: runs, speed and coverage.
  grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
    "$log" || true

  for artifact in "$artifacts"/{crash,leak,timeout,oom}-*; do
    [ -f "$artifact" ] || continue
    copy=$name-$(basename "$artifact")
    cp "$artifact" "$crash_dir/$copy"
    rm "$artifact"
    echo "fuzz/run.sh: fuzz-$name found an input that breaks it," \
      "copied to tests/corpus/fuzz-crashes/$copy"
    found=1
  done

  if [ $found -ne 0 ]; then
    grep -m 5 -E 'ERROR: |SUMMARY: |contract broken|runtime error' "$log" \
      || true
    return 1
  fi
}

tools/install-deps.sh
install_fuzz_deps
build
generate_ctf_seeds "$builddir/seeds/ctf"

# Sessions and export dates are calendar dates in England, as in the
# tests. Without G_SLICE=always-malloc, GLib 2.74 hands small blocks out
# of its own slab allocator, which hides their overruns from
# AddressSanitizer. Without halt_on_error, UndefinedBehaviorSanitizer
# prints and carries on, and then libFuzzer keeps no input.
export TZ=Europe/London LC_ALL=C.UTF-8 G_SLICE=always-malloc
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"

if [ ${#targets[@]} -eq 0 ]; then
  for exe in "$builddir"/fuzz/fuzz-*; do
    if [ -f "$exe" ] && [ -x "$exe" ]; then
      targets+=("${exe##*/fuzz-}")
    fi
  done
fi

status=0
for name in "${targets[@]}"; do
  if [ ! -x "$builddir/fuzz/fuzz-$name" ]; then
    echo "fuzz/run.sh: there is no target fuzz-$name in $builddir/fuzz" >&2
    status=1
    continue
  fi
  run_target "$name" || status=1
done

if [ $status -ne 0 ]; then
  echo "fuzz/run.sh: found inputs that break a reader; see above and" \
    "tests/corpus/fuzz-crashes" >&2
fi
exit $status
