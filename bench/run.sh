#!/bin/bash
# run.sh
#
# Copyright 2026 The Waymark developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times Waymark at a primary school's, a secondary school's and a local
# authority's scale, with the floors to compare against. One command:
#
#   bench/run.sh [--quick] [--build=DIR] [--repeats=N]
#
# It builds the product and the programs in bench/ in a release build
# directory, build-bench/ in the repository unless --build names another.
# It generates the data sets there with fixed seeds, so every run measures
# the same files. Every figure goes to DIR/bench-out/results.tsv, and a
# summary to DIR/bench-out/summary.txt. --quick makes the authority 6 schools
# (2,800 pupils) instead of 60 (30,000) and measures once instead of
# three times, to check the script itself. docs/benchmarks.md explains
# the figures and contains the latest ones.
#
# Every time is the wall time of a whole process unless its name says
# otherwise, in milliseconds; memory is the peak resident set size of the
# process in kB, as /usr/bin/time reports it.

set -euo pipefail

SOURCE_DIR=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=$SOURCE_DIR/build-bench
QUICK=0
REPEATS=3
AS_OF=2026-07-17
YEAR=2025

for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    --build=*) BUILD_DIR=${arg#--build=} ;;
    --repeats=*) REPEATS=${arg#--repeats=} ;;
    *) echo "usage: bench/run.sh [--quick] [--build=DIR] [--repeats=N]" >&2; exit 2 ;;
  esac
done

if [ "$QUICK" = 1 ]; then
  LA_PRIMARIES=5 LA_SECONDARIES=1 REPEATS=1 EVAL_RUNS=50 FILTER_RUNS=1
else
  LA_PRIMARIES=48 LA_SECONDARIES=12 EVAL_RUNS=500 FILTER_RUNS=5
fi

OUT=$BUILD_DIR/bench-out
DATA=$OUT/data
RESULTS=$OUT/results.tsv
export TZ=Europe/London LC_ALL=C.UTF-8 GTK_A11Y=none NO_AT_BRIDGE=1

die () {
  echo "bench/run.sh: $*" >&2
  exit 1
}

# Installs what the measurements need when it is missing. apt-get needs
# root, so for anyone else the script stops with the package's name.
need () {
  local command=$1 package=$2

  command -v "$command" > /dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" > /dev/null \
      || die "could not install $package"
  else
    die "$command is missing: install the $package package"
  fi
}

check_tools () {
  need /usr/bin/time time
  need xmllint libxml2-utils
  need sqlite3 sqlite3
  need python3 python3
  need xvfb-run xvfb
  need dbus-run-session dbus
  need meson meson
}

build () {
  if [ ! -d "$BUILD_DIR/meson-private" ]; then
    meson setup "$BUILD_DIR" "$SOURCE_DIR" --buildtype=release -Dgui=auto > /dev/null
  fi

  # The command line is part of the GUI binary, so a build without GTK
  # has nothing to measure.
  meson introspect "$BUILD_DIR" --targets | grep -q '"bench-startup"' \
    || die "$BUILD_DIR has no GUI: install GTK 4 and libadwaita and run again"

  local targets=(waymark waymark-generate-ctf bench-evaluate bench-startup bench-filter)
  meson compile -C "$BUILD_DIR" "${targets[@]}" > "$OUT/build.log" \
    || die "the build failed; see $OUT/build.log"

  WAYMARK=$BUILD_DIR/src/gui/waymark
  GENERATE=$BUILD_DIR/src/tools/waymark-generate-ctf
}

# --- Measuring -------------------------------------------------------------

# Runs a command with its output thrown away and prints "MS KB": the wall
# time in milliseconds and the peak resident set in kB. A failing command
# stops the script with its error output.
measure () {
  local stats=$OUT/time.txt errors=$OUT/stderr.txt start end

  start=$(date +%s%N)
  if ! /usr/bin/time -f '%M' -o "$stats" "$@" > /dev/null 2> "$errors"; then
    cat "$errors" >&2
    die "failed: $*"
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )).$(( (end - start) / 1000 % 1000 / 100 )) $(tail -n 1 "$stats")"
}

# record SET STEP ITEM MS KB: one line of results.tsv.
record () {
  printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}

# The median of the numbers on standard input.
median () {
  sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# --- Data sets -------------------------------------------------------------

# generate NAME SEED PUPILS ESTAB SCHOOL
generate () {
  local file=$DATA/$1.xml

  [ -f "$file" ] && return 0
  "$GENERATE" --seed="$2" --pupils="$3" --year=$YEAR --lea=999 --estab="$4" \
    --school="$5" --output="$file"
}

# The authority's schools: primaries of 300 pupils and secondaries of
# 1,300 (48 and 12 make 30,000). Secondary names leave out "Primary",
# which is what makes the generator write Years 7 to 11.
generate_sets () {
  mkdir -p "$DATA"
  generate primary 1 200 2001 "Millbrook Primary School"
  generate secondary 2 1500 4001 "Kingsmead Academy"

  LA_FILES=()
  for i in $(seq 1 "$LA_PRIMARIES"); do
    generate "la-primary-$i" $((100 + i)) 300 $((2100 + i)) "Ashby Vale $i Primary School"
    LA_FILES+=("$DATA/la-primary-$i.xml")
  done
  for i in $(seq 1 "$LA_SECONDARIES"); do
    generate "la-secondary-$i" $((200 + i)) 1300 $((4100 + i)) "Ashby Vale $i Academy"
    LA_FILES+=("$DATA/la-secondary-$i.xml")
  done
}

# --- Import and its floors -------------------------------------------------

fresh_db () {
  rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}

# The storage floor of one file: the sqlite3 shell loads its marks, one
# row per pupil, date and session, into a keyed table in one transaction.
load_csv_commands () {
  cat << EOF
CREATE TABLE IF NOT EXISTS marks (
  upn TEXT NOT NULL, day TEXT NOT NULL, session TEXT NOT NULL,
  code TEXT NOT NULL, PRIMARY KEY (upn, day, session)) STRICT, WITHOUT ROWID;
BEGIN;
.import --csv $1 marks
COMMIT;
EOF
}

# import_set SET FILE...: imports the files one by one into a fresh
# database and loads the floors into a fresh floor database, REPEATS
# times. It records the median of each file's figures.
import_set () {
  local set=$1 db=$DATA/$1.db floor_db=$DATA/$1-floor.db
  shift

  for file in "$@"; do
    local csv=${file%.xml}.csv
    [ -f "$csv" ] || python3 "$SOURCE_DIR/bench/ctf-to-csv.py" "$csv" "$file" > "${csv%.csv}.rows"
    load_csv_commands "$csv" > "${csv%.csv}.sql"
  done

  for run in $(seq 1 "$REPEATS"); do
    fresh_db "$db"
    fresh_db "$floor_db"
    for file in "$@"; do
      local name base=${file%.xml}
      name=$(basename "$base")
      echo "$run $name import $(measure "$WAYMARK" --database="$db" --import="$file")"
      echo "$run $name parse $(measure xmllint --stream --noout "$file")"
      echo "$run $name storage $(measure sqlite3 "$floor_db" ".read $base.sql")"
    done
  done > "$OUT/$set-runs.txt"

  for file in "$@"; do
    local name
    name=$(basename "${file%.xml}")
    for step in import parse storage; do
      local ms kb
      ms=$(awk -v n="$name" -v s="$step" '$2 == n && $3 == s { print $4 }' "$OUT/$set-runs.txt" | median)
      kb=$(awk -v n="$name" -v s="$step" '$2 == n && $3 == s { print $5 }' "$OUT/$set-runs.txt" | median)
      record "$set" "$step" "$name" "$ms" "$kb"
    done
  done

  check_counts "$set" "$db" "$floor_db"
}

# The floor must have loaded as many marks as the import set, or it is
# not the same work.
check_counts () {
  local imported loaded
  imported=$(sqlite3 "$2" "SELECT sum(n_marks_set) FROM imports")
  loaded=$(sqlite3 "$3" "SELECT count(*) FROM marks")
  [ "$imported" = "$loaded" ] \
    || die "$1: the import set $imported marks but the storage floor loaded $loaded"
  record "$1" marks all "$loaded" 0
}

# --- Evaluation ------------------------------------------------------------

evaluate_set () {
  local set=$1 db=$DATA/$1.db figures

  for run in $(seq 1 "$REPEATS"); do
    echo "evaluate $(measure "$WAYMARK" --database="$db" --evaluate --as-of=$AS_OF --format=tsv)"
    echo "evaluate_json $(measure "$WAYMARK" --database="$db" --evaluate --as-of=$AS_OF --format=json)"
    echo "read_floor $(measure sqlite3 "$db" "SELECT codes FROM marks")"
  done > "$OUT/$set-evaluate.txt"

  for step in evaluate evaluate_json read_floor; do
    record "$set" "$step" cli \
      "$(awk -v s="$step" '$1 == s { print $2 }' "$OUT/$set-evaluate.txt" | median)" \
      "$(awk -v s="$step" '$1 == s { print $3 }' "$OUT/$set-evaluate.txt" | median)"
  done

  # In-process figures. This also saves every pupil's evaluation, as the
  # window's evaluator would, which the start-up figures below rely on.
  figures=$("$BUILD_DIR/bench/bench-evaluate" --database="$db" --as-of=$AS_OF --runs=$EVAL_RUNS)
  echo "$figures" | while IFS=$'\t' read -r name value; do
    record "$set" "inproc_$name" library "$value" 0
  done
}

# --- The window ------------------------------------------------------------

gui_set () {
  local set=$1 db=$DATA/$1.db startup filter

  # The application registers on the session bus as it would on a
  # desktop, so each run gets a bus of its own.
  for run in $(seq 1 "$REPEATS"); do
    xvfb-run -a dbus-run-session -- /usr/bin/time -f 'peak_kb %M' \
      "$BUILD_DIR/bench/bench-startup" --database="$db" 2>&1 | grep -v dbus-daemon || true
  done > "$OUT/$set-startup.txt"

  for name in exec_to_first_frame main_to_first_frame; do
    record "$set" "startup_$name" window \
      "$(awk -v n="$name" '$1 == n { print $2 }' "$OUT/$set-startup.txt" | median)" 0
  done
  record "$set" startup_peak window 0 \
    "$(awk '$1 == "peak_kb" { print $2 }' "$OUT/$set-startup.txt" | median)"

  xvfb-run -a /usr/bin/time -f 'peak_kb %M' "$BUILD_DIR/bench/bench-filter" \
    --database="$db" --runs=$FILTER_RUNS > "$OUT/$set-filter.txt" 2>&1 \
    || { cat "$OUT/$set-filter.txt" >&2; die "bench-filter failed"; }
  grep -v '^renderer\|^peak_kb' "$OUT/$set-filter.txt" | while read -r name value; do
    record "$set" "filter_$name" pupil-list "$value" 0
  done
  record "$set" filter_peak pupil-list 0 \
    "$(awk '$1 == "peak_kb" { print $2 }' "$OUT/$set-filter.txt")"
}

# --- Summary ---------------------------------------------------------------

summarise () {
  awk -F'\t' '
    function sum_of(set, step,   total, key) {
      total = 0
      for (key in ms) { split(key, k, SUBSEP); if (k[1] == set && k[2] == step) total += ms[key] }
      return total
    }
    { ms[$1, $2, $3] = $4; kb[$1, $2, $3] = $5; sets[$1] = 1; if ($5 + 0 > peak[$1]) peak[$1] = $5 + 0 }
    END {
      for (set in sets) {
        imp = sum_of(set, "import"); par = sum_of(set, "parse"); sto = sum_of(set, "storage")
        printf "%s: import %.1f ms, parse floor %.1f ms, storage floor %.1f ms, ratio %.2f\n",
          set, imp, par, sto, (par + sto) ? imp / (par + sto) : 0
        printf "%s: evaluate (CLI, tsv) %.1f ms, read floor (sqlite3) %.1f ms, peak %d kB\n",
          set, ms[set, "evaluate", "cli"], ms[set, "read_floor", "cli"], peak[set]
      }
    }' "$RESULTS" | sort
}

machine () {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  lscpu | head -n 15
  free -m | head -n 2
  echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(xmllint --version 2>&1 | head -n 1)"
}

main () {
  mkdir -p "$OUT"
  check_tools
  build
  generate_sets
  : > "$RESULTS"
  machine > "$OUT/machine.txt"

  import_set primary "$DATA/primary.xml"
  import_set secondary "$DATA/secondary.xml"
  import_set la "${LA_FILES[@]}"

  for set in primary secondary la; do
    evaluate_set "$set"
    gui_set "$set"
  done

  summarise | tee "$OUT/summary.txt"
  echo "All figures: $RESULTS"
}

main
