#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-wizard-a11y.py VIRT_STORAGE
#
# The pool wizard as a screen reader sees it (AT-SPI, through pyatspi): the
# app runs against libvirt's test driver, the wizard is opened with
# Ctrl+Shift+N and every type's page visited with the keyboard (xdotool);
# every field, check box, button and list row must have an accessible name,
# and every text field of a type's page a description (its help).
#
# Needs DISPLAY (Xvfb), a session bus (the accessibility bus is started
# from it), xdotool and python3-pyatspi; exits 77 (skipped) without them.

import os
import re
import shutil
import subprocess
import sys
import time

try:
    from gi.repository import GLib
except ImportError:  # without python3-gi, pyatspi is missing too: skipped below
    GLib = None

SKIP = 77
TIMEOUT = 20
CALL_TIMEOUT_MS = 20000
STARTUP_TIMEOUT_MS = 60000
START = time.monotonic()

# Roles a user operates; each needs a name.
NAMED_ROLES = {
    "text", "password text", "entry", "check box", "combo box", "push button",
    "toggle button", "list", "list item", "radio button", "spin button",
}
# Text fields of a type's page also say what to enter.
DESCRIBED_ROLES = {"text", "password text"}
# The wizard's pages in the order of the type list, and how many text fields
# (the name included) and drop-downs each type's own page has.
TYPES = [("dir", 2, 0), ("fs", 3, 1), ("netfs", 5, 1), ("logical", 3, 0), ("disk", 2, 1),
         ("iscsi", 7, 0), ("iscsi-direct", 7, 0), ("scsi", 2, 0), ("mpath", 1, 0),
         ("rbd", 6, 0), ("gluster", 5, 0), ("zfs", 3, 0)]


# GTK 4.8 names a widget without a label after its type ("GtkEntry").
TYPE_NAME = re.compile(r"^(Gtk|Vs)[A-Z][A-Za-z]*$")


def unnamed(name):
    return not name.strip() or TYPE_NAME.match(name) is not None


def skip(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(SKIP)


def wait_for(what, condition):
    last_error = None
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            result = condition()
        except GLib.Error as error:
            # The tree changed while it was read (a page went away).
            result = None
            last_error = error
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError("waited for: " + what +
                         ("" if last_error is None else " (last AT-SPI error: %s)" % last_error.message))


def keys(*names):
    subprocess.run(["xdotool", "key", "--delay", "60"] + list(names), check=True)


def walk(accessible, found, skip_types=False):
    try:
        role = accessible.getRoleName()
    except Exception:
        return found
    found.append((role, accessible.name or "", accessible.description or "", accessible))
    # The type list is large and holds no field; a drop-down's insides are
    # GTK's.
    if (skip_types and role == "list" and accessible.name == "Pool types") or role == "combo box":
        return found
    for i in range(accessible.childCount):
        child = accessible.getChildAtIndex(i)
        if child is not None:
            walk(child, found, skip_types)
    return found


def find_focused_name(accessible):
    """The focused "Name" field under @accessible, or None. Goes through the
    children backwards: the newest page is the wizard stack's last child."""
    import pyatspi
    role = accessible.getRoleName()
    if role == "list" and accessible.name == "Pool types":
        return None
    if role in DESCRIBED_ROLES:
        if accessible.name == "Name" and accessible.getState().contains(pyatspi.STATE_FOCUSED):
            return accessible
        return None
    for i in reversed(range(accessible.childCount)):
        child = accessible.getChildAtIndex(i)
        found = find_focused_name(child) if child is not None else None
        if found is not None:
            return found
    return None


def page_of_focus(window):
    """The wizard page (its GtkStackPage) holding the focused "Name" field:
    GTK 4.8 says "visible" of every page, so the focus tells which one is up."""
    page = find_focused_name(window)
    while page is not None and page.name != "GtkStackPage":
        page = page.parent
    return page


def type_row_focused(type_list):
    import pyatspi
    return any(type_list.getChildAtIndex(i).getState().contains(pyatspi.STATE_FOCUSED)
               for i in range(type_list.childCount))


def main():
    if len(sys.argv) != 2:
        print("usage: test-wizard-a11y.py VIRT_STORAGE", file=sys.stderr)
        return 2
    if not os.environ.get("DISPLAY"):
        skip("no display: the UI tests need DISPLAY (build-aux/test starts Xvfb)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip("no session bus: run under dbus-run-session (build-aux/test does)")
    if shutil.which("xdotool") is None:
        skip("xdotool is not installed")
    try:
        import pyatspi
    except ImportError:
        skip("python3-pyatspi is not installed")
    # libatspi gives up on a call after 800 ms by default: on a loaded
    # machine GTK answers later, and a call that gave up reads as a failure.
    pyatspi.setTimeout(CALL_TIMEOUT_MS, STARTUP_TIMEOUT_MS)

    env = dict(os.environ, GTK_A11Y="atspi", LANGUAGE="C", LC_ALL="C.UTF-8")
    env.pop("NO_AT_BRIDGE", None)
    app_process = subprocess.Popen([sys.argv[1], "--connect", "test:///default"], env=env)
    failures = []
    try:
        def find_app():
            desktop = pyatspi.Registry.getDesktop(0)
            for app in desktop:
                if app is not None and app.name == "virt-storage":
                    return app
            return None

        def find_window(title):
            app = find_app()
            if app is None:
                return None
            for i in range(app.childCount):
                window = app.getChildAtIndex(i)
                if window is not None and window.name == title:
                    return window
            return None

        main_window = wait_for("the main window", lambda: find_window("Virt Storage"))
        # The connection is open once its pool is listed.
        wait_for("the pool list", lambda: any(
            role == "list item" for role, *_ in walk(main_window, [])))
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Virt Storage$",
                        "windowfocus", "--sync"], check=True, env=env)
        keys("ctrl+shift+n")
        wizard = wait_for("the wizard", lambda: find_window("New Pool"))
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^New Pool$",
                        "windowfocus", "--sync"], check=True, env=env)
        type_list = wait_for("the type list", lambda: next(
            (a for role, name, _, a in walk(wizard, [], skip_types=True)
             if role == "list" and name == "Pool types"), None))
        wait_for("a focused type", lambda: type_row_focused(type_list))

        for index, (type_name, n_texts, n_combos) in enumerate(TYPES):
            keys("Home")
            if index > 0:
                # Disabled types are skipped by the arrow keys; the test
                # driver supports every type.
                keys(*(["Down"] * index))
            keys("Return")
            page = wait_for(type_name + "'s page", lambda: page_of_focus(wizard))
            found = walk(page, [])
            texts = [f for f in found if f[0] in DESCRIBED_ROLES]
            combos = [f for f in found if f[0] == "combo box"]
            for role, name, description, _ in texts:
                if unnamed(name) or not description:
                    failures.append("%s page: %s %r lacks a name or a description" % (type_name, role, name))
            for role, name, description, _ in combos:
                if unnamed(name) or not description:
                    failures.append("%s page: %s %r lacks a name or a description" % (type_name, role, name))
            print("# %.1f s %s page: %s" % (time.monotonic() - START, type_name, ", ".join(t[1] for t in texts + combos)))
            if len(texts) != n_texts or len(combos) != n_combos:
                failures.append("%s page: %d text fields and %d drop-downs, expected %d and %d" %
                                (type_name, len(texts), len(combos), n_texts, n_combos))
            keys("alt+Left")
            wait_for("the type list again", lambda: type_row_focused(type_list))

        # The options and summary pages of a dir pool.
        keys("Home", "Return")
        wait_for("the dir page", lambda: page_of_focus(wizard))
        subprocess.run(["xdotool", "type", "--delay", "40", "a11y-pool"], check=True)
        keys("Return")
        wait_for("the options page", lambda: any(
            role == "check box" and name == "Start the pool now" for role, name, *_ in walk(wizard, [])))
        keys("Return")
        wait_for("the summary page", lambda: any(
            role == "push button" and name == "Edit XML" for role, name, *_ in walk(wizard, [])))

        for role, name, description, _ in walk(wizard, []):
            if role in NAMED_ROLES and unnamed(name):
                failures.append("%s without a name (description %r)" % (role, description))
    finally:
        app_process.terminate()
        app_process.wait(timeout=TIMEOUT)

    print("1..1")
    if failures:
        for failure in sorted(set(failures)):
            print("# " + failure)
        print("not ok 1 /ui/pool-wizard/accessible-names")
        return 1
    print("ok 1 /ui/pool-wizard/accessible-names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
