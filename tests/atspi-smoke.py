#!/usr/bin/python3
# atspi-smoke.py
#
# Copyright 2026 The Waymark developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end smoke tests of what a screen reader sees. The script makes a
# database from a generated Common Transfer File with `waymark --import`,
# starts the real application on it, finds it on the accessibility bus and
# checks that the main controls are there with their names and roles: the
# pupil list and its search entry, the import button, the main menu, a
# pupil row. It then opens a case the way an assistive technology does
# (an action of the window, text set through the entry's editable text,
# key presses synthesised through AT-SPI) and checks the case's tab and
# its pages.
#
# Run it under `xvfb-run -a dbus-run-session`; it prints TAP. Without a
# display, a session bus or the Atspi typelib (Debian: gir1.2-atspi-2.0)
# it skips, saying why, unless WAYMARK_REQUIRE_ATSPI=1, when it fails.
#
# Environment: WAYMARK_BINARY, WAYMARK_GENERATE_CTF (the programs),
# GSETTINGS_SCHEMA_DIR (the compiled schema of the build tree).

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# An estimate: long enough for a CI machine busy with other tests (the
# application took over 30 s to appear on the bus with a full suite
# running in parallel on 2 cores), so that only a hang fails.
WAIT_S = 90

N_PUPILS = 12


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, passed, name, detail=None, todo=None):
        self.n += 1
        line = ("ok %d - %s" if passed else "not ok %d - %s") % (self.n, name)
        if todo and not passed:
            line += " # TODO " + todo
        print(line)
        if not passed:
            if not todo:
                self.failed += 1
            if detail:
                for text in str(detail).splitlines():
                    print("# " + text)
        sys.stdout.flush()
        return passed

    def todo(self, passed, name, detail):
        """A known failure, reported with what is still wrong."""
        return self.ok(passed, name, detail, todo="known, see the list below")


def skip_all(reason):
    if os.environ.get("WAYMARK_REQUIRE_ATSPI") == "1":
        print("1..1\nnot ok 1 - AT-SPI is required here: %s" % reason)
        sys.exit(1)
    print("1..0 # SKIP %s" % reason)
    sys.exit(0)


def load_atspi():
    if not os.environ.get("DISPLAY"):
        skip_all("no X display (run under xvfb-run -a)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip_all("no session bus (run under dbus-run-session)")
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError) as error:
        skip_all("the Atspi 2.0 typelib is missing (gir1.2-atspi-2.0): %s" % error)
    return Atspi


Atspi = load_atspi()


# Walking the accessible tree

def children(node):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield child


def find_all(node, match, depth=0):
    """Every accessible under @node (itself included) that @match accepts."""
    found = []
    if depth > 60:
        return found
    try:
        if match(node):
            found.append(node)
        for child in children(node):
            found.extend(find_all(child, match, depth + 1))
    except Exception:
        # A widget destroyed while the tree is walked is skipped.
        pass
    return found


def find(node, match):
    found = find_all(node, match)
    return found[0] if found else None


def is_role(role, name=None):
    def match(node):
        return node.get_role() == role and (name is None or node.get_name() == name)
    return match


def has_state(node, state):
    return node.get_state_set().contains(state)


def action_names(node):
    action = node.get_action_iface()
    if action is None:
        return []
    return [action.get_action_name(i) for i in range(action.get_n_actions())]


def do_action(node, name):
    action = node.get_action_iface()
    return action.do_action(action_names(node).index(name))


def wait_for(condition, timeout=WAIT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


def press(keysym):
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    time.sleep(0.1)


KEY_TAB = 0xFF09
KEY_RETURN = 0xFF0D


# The application

def make_database(tmp, env):
    ctf = os.path.join(tmp, "school.xml")
    database = os.path.join(tmp, "smoke.db")
    subprocess.run([os.environ["WAYMARK_GENERATE_CTF"], "--seed=1",
                    "--pupils=%d" % N_PUPILS, "--output=" + ctf],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run([os.environ["WAYMARK_BINARY"], "--database=" + database,
                    "--import=" + ctf],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return database


def app_environment(tmp):
    env = dict(os.environ)
    # The test suite turns accessibility off for the in-process tests.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = os.path.join(tmp, name.lower())
        os.makedirs(env[name], exist_ok=True)
    env["HOME"] = tmp
    env["GSETTINGS_BACKEND"] = "memory"
    return env


def find_application(pid):
    def look():
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        return None
    return wait_for(look)


# The checks

def check_main_controls(tap, frame):
    search = find(frame, lambda n: n.get_role() == Atspi.Role.ENTRY
                  and n.get_name() == "Search pupils by name or UPN")
    tap.ok(search is not None, "the pupil search entry is exposed by name")

    pupils = find(frame, is_role(Atspi.Role.TABLE, "Pupils"))
    tap.ok(pupils is not None, "the pupil list is a table named Pupils")

    cells = find_all(pupils, is_role(Atspi.Role.TABLE_CELL)) if pupils else []
    tap.ok(len(cells) > 0, "the pupil list has rows",
           "%d table cells" % len(cells))

    # A row is read out as the pupil's name, level and figures.
    def is_row(node):
        name = node.get_name() or ""
        return node.get_role() == Atspi.Role.FILLER and (". Level " in name
                                                         or ". No level" in name)
    rows = find_all(pupils, is_row) if pupils else []
    tap.ok(len(rows) > 0, "a pupil row has a name with the pupil and the level",
           "row names: %r" % [r.get_name() for r in rows[:3]])

    import_button = find(frame, is_role(Atspi.Role.PUSH_BUTTON, "Import"))
    tap.ok(import_button is not None and "click" in action_names(import_button),
           "the import button is a push button named Import that can be clicked",
           "push buttons: %r" % [b.get_name() for b in
                                 find_all(frame, is_role(Atspi.Role.PUSH_BUTTON))][:12])

    menu = find(frame, is_role(Atspi.Role.PUSH_BUTTON, "Main Menu"))
    tap.ok(menu is not None, "the main menu button is named Main Menu")

    return search, pupils


def bad_name(node):
    """Return why a screen reader cannot read out the control's name, or None.

    GTK 4.8 names a widget that has no name after its type ("GtkImage"),
    and reads a button's mnemonic label twice, underscore included
    ("_Import Import")."""
    name = node.get_name() or ""
    if name == "":
        return "no name"
    if name.startswith(("Gtk", "Adw", "Wm")):
        return "named after its type"
    if "_" in name:
        return "the mnemonic is read out"
    return None


CONTROL_ROLES = (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.ENTRY,
                 Atspi.Role.CHECK_BOX, Atspi.Role.PAGE_TAB, Atspi.Role.MENU_ITEM,
                 Atspi.Role.COMBO_BOX)


def is_control(node):
    return node.get_role() in CONTROL_ROLES


def inside(node, role, name=None):
    parent = node.get_parent()
    while parent is not None:
        if parent.get_role() == role and (name is None or parent.get_name() == name):
            return True
        parent = parent.get_parent()
    return False


def check_names(tap, frame):
    """Check that every control in the window, on every page, has a name.

    The window's own controls and those of an open case are checked
    apart, so that a failure shows where the badly named control is."""
    def library_own(node):
        # The drop-down's inner button belongs to GTK, which names the
        # drop-down instead. libadwaita 1.2 gives a tab's close button no name.
        return (node.get_parent() is not None
                and node.get_parent().get_role() == Atspi.Role.COMBO_BOX) \
            or inside(node, Atspi.Role.FILLER, "AdwTab")

    def describe(node):
        return (node.get_role_name(), node.get_name(), bad_name(node))

    bad = [n for n in find_all(frame, is_control) if bad_name(n) and not library_own(n)]
    in_case = [describe(n) for n in bad if inside(n, Atspi.Role.FILLER, "AdwTabView")]
    own = [describe(n) for n in bad if not inside(n, Atspi.Role.FILLER, "AdwTabView")]
    tap.ok(not own, "every control of the window itself has a name",
           "badly named: %r" % own)
    tap.ok(not in_case, "every control of an open case has a name",
           "badly named, in the case's pages: %r" % in_case)


def focused_cell(pupils):
    return find(pupils, lambda n: n.get_role() == Atspi.Role.TABLE_CELL
                and has_state(n, Atspi.StateType.FOCUSED))


def open_case(tap, frame, search, pupils):
    # Ctrl+F as a window action: the focus goes to the search entry.
    tap.ok("win.search" in action_names(frame) and do_action(frame, "win.search"),
           "the window offers the search action")
    tap.ok(wait_for(lambda: has_state(search, Atspi.StateType.FOCUSED)),
           "the search action puts the focus in the pupil search entry")

    rows = find_all(pupils, is_role(Atspi.Role.TABLE_CELL))
    first = find(rows[0], lambda n: n.get_role() == Atspi.Role.LABEL)
    surname = first.get_name().split(",")[0]
    search.get_editable_text_iface().set_text_contents(surname)
    tap.ok(wait_for(lambda: 0 < len(find_all(pupils, is_role(Atspi.Role.TABLE_CELL)))
                    <= len(rows)),
           "text set in the entry filters the list")

    # Tab until a row has the focus, as a keyboard user would.
    for _ in range(20):
        if focused_cell(pupils):
            break
        press(KEY_TAB)
    tap.ok(focused_cell(pupils) is not None, "Tab reaches a pupil row")

    press(KEY_RETURN)

    # libadwaita 1.2 exposes a tab as a generic element named after its
    # type, with the title as a label inside it.
    def tab_title():
        return find(frame, lambda n: n.get_role() == Atspi.Role.LABEL
                    and (n.get_name() or "").startswith(surname + ",")
                    and inside(n, Atspi.Role.FILLER, "AdwTab"))
    tab = wait_for(tab_title)
    tap.ok(tab is not None, "Enter on the row opens the case in a tab titled with the pupil")
    return surname


def check_case_pages(tap, frame):
    pages = {}
    for name in ("Timeline", "Attendance", "Escalation", "People"):
        pages[name] = wait_for(lambda: find(frame, is_role(Atspi.Role.PAGE_TAB, name)))
    tap.ok(all(pages.values()), "the case's four pages are page tabs named for the page",
           "found: %r" % {k: v is not None for k, v in pages.items()})

    people = pages.get("People")
    if people is None or "click" not in action_names(people):
        tap.ok(False, "the People page can be chosen through its action",
               "actions: %r" % (action_names(people) if people else None))
        return
    do_action(people, "click")
    tap.ok(wait_for(lambda: has_state(people, Atspi.StateType.SELECTED)),
           "the People page can be chosen through its action")

    bundle = find(frame, is_role(Atspi.Role.PUSH_BUTTON, "Prepare Bundle…"))
    tap.ok(bundle is not None and "click" in action_names(bundle),
           "the case offers a button named Prepare Bundle…")


def check_menu(tap, frame):
    menu = find(frame, is_role(Atspi.Role.PUSH_BUTTON, "Main Menu"))
    clickable = find(menu, lambda n: "click" in action_names(n)) if menu else None
    if clickable is None:
        tap.ok(False, "the main menu opens through its action")
        return
    do_action(clickable, "click")
    # The menu is a child of its button, so only the button is searched:
    # each search of the whole window is a few hundred calls over the bus.
    item = wait_for(lambda: find(menu, is_role(Atspi.Role.MENU_ITEM, "Preferences")))
    tap.ok(item is not None and "click" in action_names(item),
           "the main menu opens through its action and offers Preferences")


def main():
    for name in ("WAYMARK_BINARY", "WAYMARK_GENERATE_CTF"):
        if not os.access(os.environ.get(name, ""), os.X_OK):
            skip_all("%s is not set to a built program" % name)

    tmp = tempfile.mkdtemp(prefix="waymark-atspi-")
    env = app_environment(tmp)
    app_process = None
    tap = Tap()
    try:
        database = make_database(tmp, env)
        app_process = subprocess.Popen([os.environ["WAYMARK_BINARY"],
                                        "--database=" + database], env=env)

        app = find_application(app_process.pid)
        if app is None:
            skip_all("the application did not appear on the accessibility bus")
        print("1..18")
        frame = wait_for(lambda: find(app, lambda n: n.get_role() == Atspi.Role.FRAME
                                      and has_state(n, Atspi.StateType.SHOWING)))
        tap.ok(frame is not None and frame.get_name() == "Waymark",
               "the application shows a window named Waymark")
        if frame is None:
            return 1

        # The list fills once the window has read the database.
        wait_for(lambda: find(frame, is_role(Atspi.Role.TABLE_CELL)))
        search, pupils = check_main_controls(tap, frame)
        if search is None or pupils is None:
            return 1

        open_case(tap, frame, search, pupils)
        check_case_pages(tap, frame)
        check_names(tap, frame)
        check_menu(tap, frame)
    finally:
        if app_process is not None:
            app_process.send_signal(signal.SIGTERM)
            try:
                app_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app_process.kill()
                app_process.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
