#!/usr/bin/env bash
# Installs the Debian or Ubuntu packages Waymark needs to build, run and
# test. Packages already installed are left alone, so a second run is quick.
set -euo pipefail

packages=(
  # build
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libcairo2-dev libpango1.0-dev libsqlite3-dev libxml2-dev libxml2-utils
  libjson-glib-dev libsodium-dev
  # data file checks
  desktop-file-utils appstream
  # headless tests
  xvfb xauth dbus libgtk-4-bin fonts-dejavu-core poppler-utils sqlite3
  python3
  # the AT-SPI smoke test: the accessibility bus and its Python bindings,
  # for Debian's /usr/bin/python3
  at-spi2-core python3-gi gir1.2-atspi-2.0
  # the Welsh translation test needs a Welsh locale (generated below)
  locales
  # the manifest lint (the flatpak-manifest test skips without it)
  flatpak-builder
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# The display test of the Welsh translation sets this locale, and skips
# itself when it is missing.
welsh_locale=cy_GB.UTF-8
need_locale=false
if ! locale -a 2>/dev/null | grep -qix 'cy_GB\.utf-\?8'; then
  need_locale=true
fi

if [ ${#missing[@]} -eq 0 ] && [ "$need_locale" = false ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-deps: run as root or install sudo; missing: ${missing[*]} $welsh_locale" >&2
  exit 1
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$need_locale" = true ]; then
  echo "install-deps: generating the $welsh_locale locale"
  # Debian's locale-gen builds the locales enabled in /etc/locale.gen;
  # Ubuntu's takes the name on the command line.
  if [ -f /etc/locale.gen ]; then
    "${sudo[@]}" sed -i "s/^# *\($welsh_locale UTF-8\)/\1/" /etc/locale.gen
    if ! grep -qx "$welsh_locale UTF-8" /etc/locale.gen; then
      echo "$welsh_locale UTF-8" | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
    fi
    "${sudo[@]}" locale-gen
  else
    "${sudo[@]}" locale-gen "$welsh_locale"
  fi
fi
