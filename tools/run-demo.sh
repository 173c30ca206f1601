#!/usr/bin/env bash
# Installs what is needed, builds Waymark, makes a demo database from a
# generated school the first time, and starts the application on it.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

builddir=${WAYMARK_BUILDDIR:-build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dgui=enabled
fi
meson compile -C "$builddir"

demo_dir=${XDG_DATA_HOME:-$HOME/.local/share}/waymark-demo
database=$demo_dir/demo.db
if [ ! -f "$database" ]; then
  mkdir -p "$demo_dir"
  chmod 700 "$demo_dir"
  echo "Making a demo database in $database"
  # The current school year up to today, so that the levels look current.
  # Early in the autumn term too few school days have passed, so the demo
  # takes the whole of last year instead.
  today=$(date +%F)
  month=$(date +%m)
  year=$(date +%Y)
  if [ "${month#0}" -lt 9 ]; then year=$((year - 1)); fi
  if ! "$builddir/src/tools/waymark-generate-ctf" --seed=1 --pupils=240 \
      --year="$year" --until="$today" \
      --output="$demo_dir/millbrook-primary.xml" 2>/dev/null; then
    "$builddir/src/tools/waymark-generate-ctf" --seed=1 --pupils=240 \
      --year=$((year - 1)) --output="$demo_dir/millbrook-primary.xml"
  fi
  "$builddir/src/gui/waymark" --database="$database" \
    --import="$demo_dir/millbrook-primary.xml"
fi

# The compiled settings schema lives in the build tree until installed.
export GSETTINGS_SCHEMA_DIR=$builddir/data
# So are the letter templates, which the application finds through this.
export WAYMARK_LETTERS_DIR=$PWD/data/letters
exec "$builddir/src/gui/waymark" --database="$database" "$@"
