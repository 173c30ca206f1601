#!/usr/bin/env bash
# Installs what is needed, builds Waymark and runs every test headless: the
# core suite needs no display, the display suite runs under Xvfb with its
# own D-Bus session (xvfb-run outermost, as GTK 4.8 expects).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

builddir=${WAYMARK_BUILDDIR:-build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dgui=enabled
fi
meson compile -C "$builddir"

xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$builddir" --print-errorlogs --timeout-multiplier 4 "$@"
