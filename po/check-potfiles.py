#!/usr/bin/env python3
# check-potfiles.py
#
# Copyright 2026 The Waymark developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compares po/POTFILES.in with the files that contain translatable
# strings. The strings of a file missing from the list stay out of the
# template, so they stay in English in every language without a warning.
# A listed file that no longer exists makes the template target fail.
# The check fails in both cases and names the file to add or remove.
#
# Usage: check-potfiles.py SOURCE_ROOT

import pathlib
import re
import sys

SCANNED_FOLDERS = ('src', 'ui', 'data')

# The gettext keywords of the glib preset in C (_, N_, C_, NC_, ngettext,
# g_dngettext), the core's error keyword (E_), its plural keywords
# (wm_ngettext and the import readers' warning functions, which
# po/meson.build passes to xgettext) and translatable properties in
# GtkBuilder files. The lookbehind skips names that end in an underscore,
# such as foo_(. A warning function counts only when a string follows
# before the end of the statement, so that its declaration in a header
# does not.
MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|E_|C_|NC_|ngettext|g_dngettext|wm_ngettext)\s*\('
                     r'|(?<![A-Za-z0-9_])(?:_wm_csv_add_warning_n|add_warning_n)\s*\([^;]*"'
                     r'|translatable="yes"')

# These files are translated as a whole by their own extractors, so they
# belong in the list whatever their contents look like.
WHOLE_FILE_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')

SCANNED_SUFFIXES = ('.c', '.h', '.ui') + WHOLE_FILE_SUFFIXES


def has_strings(path):
    if path.name.endswith(WHOLE_FILE_SUFFIXES):
        return True

    return MARKERS.search(path.read_text(encoding='utf-8')) is not None


def files_with_strings(root):
    found = set()

    for folder in SCANNED_FOLDERS:
        for path in (root / folder).rglob('*'):
            if path.is_file() and path.name.endswith(SCANNED_SUFFIXES) and has_strings(path):
                found.add(path.relative_to(root).as_posix())

    return found


def listed_files(potfiles):
    listed = []

    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

    return listed


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = pathlib.Path(sys.argv[1])
    potfiles = root / 'po' / 'POTFILES.in'
    listed = listed_files(potfiles)
    problems = []

    for name in sorted(files_with_strings(root) - set(listed)):
        problems.append(f'{potfiles}: {name} has translatable strings: add it to the list')

    for name in listed:
        if not (root / name).is_file():
            problems.append(f'{potfiles}: {name} does not exist: remove it from the list')

    for problem in problems:
        print(problem, file=sys.stderr)

    print(f'{len(listed)} files listed, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
