#!/usr/bin/env python3
# ctf-to-csv.py
#
# Copyright 2026 The Waymark developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the register marks of Common Transfer Files as CSV for the
storage floor of the import benchmark.

    ctf-to-csv.py OUTPUT.csv FILE.xml...

One row per pupil, date and session: `upn,day,session,code`, with no
header. Only the source school's marks are written: the `YearData` whose
LEA and Estab are the file's `SourceSchool`. Those are the ones an import
stores as marks, and other schools' years go to the attendance history. Every
session slot with a code is written, `#` (no session held) included,
because the importer stores those too; blank and `-` slots are not.

The marks string has one character per session, AM then PM. It is read
in the sample generator's default layout, Monday to Friday only, which is
the layout of every data set bench/run.sh makes. run.sh compares the row
count with the import's count of sessions set, so a file in the other
layout would be noticed.
"""

import csv
import datetime
import sys
import xml.etree.ElementTree as ElementTree

ONE_DAY = datetime.timedelta(days=1)


def session_days(start, n_slots):
    """Yields the weekday of each pair of slots from @start."""
    day = start
    for _ in range((n_slots + 1) // 2):
        while day.weekday() >= 5:
            day += ONE_DAY
        yield day
        day += ONE_DAY


def rows_of_marks(upn, start_text, marks):
    start = datetime.date.fromisoformat(start_text)
    for index, day in enumerate(session_days(start, len(marks))):
        for session, code in zip(("AM", "PM"), marks[2 * index:2 * index + 2]):
            if code not in (" ", "-"):
                yield (upn, day.isoformat(), session, code)


def source_school(root):
    school = root.find("Header/SourceSchool")
    return school.findtext("LEA"), school.findtext("Estab")


def rows_of_pupil(pupil, school):
    upn = pupil.findtext("UPN")
    for year in pupil.iterfind("Attendance/YearData"):
        if (year.findtext("LEA"), year.findtext("Estab")) != school:
            continue
        for sessions in year.iterfind("AttendSessions"):
            yield from rows_of_marks(upn, sessions.findtext("AttendanceStartDate"),
                                     sessions.findtext("AttendanceMarks") or "")


def rows_of_file(path):
    root = ElementTree.parse(path).getroot()
    school = source_school(root)
    for pupil in root.iterfind("CTFpupilData/Pupil"):
        yield from rows_of_pupil(pupil, school)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: ctf-to-csv.py OUTPUT.csv FILE.xml...\n")
        return 2

    count = 0
    with open(argv[1], "w", newline="") as output:
        writer = csv.writer(output, lineterminator="\n")
        for path in argv[2:]:
            for row in rows_of_file(path):
                writer.writerow(row)
                count += 1

    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
