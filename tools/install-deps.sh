#!/usr/bin/env bash
# Installs the Debian or Ubuntu packages Waymark needs to build, run and
# test. Packages already installed are left alone, so a second run is quick.
set -euo pipefail

packages=(
  # build
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libcairo2-dev libpango1.0-dev libsqlite3-dev libxml2-dev libxml2-utils
  libjson-glib-dev
  # data file checks
  desktop-file-utils appstream
  # headless tests
  xvfb xauth dbus libgtk-4-bin fonts-dejavu-core poppler-utils sqlite3
  python3
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
