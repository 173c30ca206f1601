#!/usr/bin/env python3
# check-manifest.py
#
# Copyright 2026 The Waymark developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Lints the Flatpak manifest without building it: no runtime can be
# downloaded on the test machines. flatpak-builder reads the manifest as
# it would for a build, and with G_DEBUG=fatal-warnings a mistake such as
# a misspelt key stops it instead of printing a warning and exiting 0.
# Then the sandbox holes are checked: the application reads its import
# files through the file chooser portal and keeps its database in its
# own data folder, so it needs no filesystem access at all.
#
# Usage: check-manifest.py MANIFEST
# Exits 77, which meson reports as a skip, when flatpak-builder is missing.

import json
import os
import shutil
import subprocess
import sys
import tempfile

# The oldest GNOME runtime the manifest may name. It is an estimate of the
# oldest one still supported, because older ones get no security updates.
OLDEST_RUNTIME = 47

# Each of these gives the sandbox more than a file chooser dialog would.
BROAD_ACCESS = ('--filesystem=', '--socket=x11', '--socket=session-bus',
                '--socket=system-bus', '--device=all', '--talk-name=org.freedesktop.Flatpak')


def lint(manifest):
    env = dict(os.environ, G_DEBUG='fatal-warnings')

    # flatpak-builder writes a state folder into the current directory.
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(['flatpak-builder', '--show-manifest', manifest],
                                cwd=scratch, env=env, capture_output=True, text=True)

    if result.returncode != 0:
        return [f'{manifest}: flatpak-builder rejects the manifest: {result.stderr.strip()}']

    return []


def check_contents(manifest):
    with open(manifest, encoding='utf-8') as file:
        data = json.load(file)

    problems = []
    version = data.get('runtime-version', '')
    if data.get('runtime') != 'org.gnome.Platform' or not version.isdigit() \
       or int(version) < OLDEST_RUNTIME:
        problems.append(f'{manifest}: runtime-version "{version}": use org.gnome.Platform '
                        f'{OLDEST_RUNTIME} or newer')

    for arg in data.get('finish-args', []):
        if arg.startswith(BROAD_ACCESS):
            problems.append(f'{manifest}: finish-args "{arg}" opens the sandbox too far: '
                            'use the portals instead')

    return problems


def main():
    if len(sys.argv) != 2:
        print('usage: check-manifest.py MANIFEST', file=sys.stderr)
        return 2

    manifest = os.path.abspath(sys.argv[1])
    if shutil.which('flatpak-builder') is None:
        print('flatpak-builder is not installed (tools/install-deps.sh installs it)')
        return 77

    problems = lint(manifest) + check_contents(manifest)
    for problem in problems:
        print(problem, file=sys.stderr)

    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
