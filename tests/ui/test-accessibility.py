#!/usr/bin/python3
# test-accessibility.py
#
# Copyright 2026 The Virt Storage authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader gets, read through AT-SPI from the real application:
# every control has a name (not a mnemonic with its underscore, not said
# twice, not a GTK type name), choices of one are radio buttons, the
# confirmation dialog, the credentials dialog and the menus are named,
# sorting is reachable without a pointer (the sort menu), and the volume
# dialogs (New Volume, Resize, Clone, the Delete question) name their
# fields and choices.
#
# Usage: test-accessibility.py VIRT_STORAGE_EXECUTABLE NODE_XML
# Runs under a session bus (the test command's dbus-run-session), which
# starts the accessibility bus by itself. Exits 77 (skipped) without a
# display or without pyatspi (python3-pyatspi).

import os
import re
import subprocess
import sys
import time

SKIP = 77
TIMEOUT = 20
CALL_TIMEOUT_MS = 20000
STARTUP_TIMEOUT_MS = 60000
# The application's name on the session bus (".Devel" for development builds).
APP_ID_PREFIX = 'io.github.virtstorage.VirtStorage'

# Roles a user operates or reads as a unit; each must have a name.
CONTROLS = {
    'push button', 'toggle button', 'check box', 'radio button', 'menu item',
    'check menu item', 'radio menu item', 'page tab', 'entry', 'password text',
    'spin button', 'combo box', 'slider', 'level bar', 'progress bar', 'list item',
    'table row', 'switch', 'dialog', 'alert', 'frame', 'tree table', 'list', 'link', 'menu', 'text',
}
TYPE_NAME = re.compile(r'^(Gtk|Vs)[A-Z]\w*$')
MNEMONIC = re.compile(r'_\w')


def skip(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(SKIP)


if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    skip('no display: the accessibility test needs DISPLAY (build-aux/test starts Xvfb)')
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    skip('no session bus: run under dbus-run-session')

# The accessibility bus of this session, not one a finished session left
# named on the X root window.
address = subprocess.run(['dbus-send', '--session', '--print-reply=literal', '--dest=org.a11y.Bus',
                          '/org/a11y/bus', 'org.a11y.Bus.GetAddress'],
                         capture_output=True, text=True).stdout.strip()
if not address:
    skip('no accessibility bus (at-spi2-core) on the session bus')
os.environ['AT_SPI_BUS_ADDRESS'] = address

try:
    import pyatspi
except ImportError:
    skip('pyatspi is not installed (python3-pyatspi)')

# libatspi gives up on a call after 800 ms by default (15 s while an
# application starts): on a loaded machine GTK answers later than that, and
# a call that gave up reads as a missing application or widget.
pyatspi.setTimeout(CALL_TIMEOUT_MS, STARTUP_TIMEOUT_MS)

executable, node_xml = sys.argv[1], sys.argv[2]
# Start the registry now, not while the first application registers.
pyatspi.Registry.getDesktop(0).childCount
problems = []
checks = 0


def walk(accessible):
    """@accessible and everything below it. The tree changes while it is
    read (a page switches, a row is rebound): what went away is skipped."""
    yield accessible
    try:
        children = [accessible.getChildAtIndex(i) for i in range(accessible.childCount)]
    except Exception:
        return
    for child in children:
        if child is not None:
            yield from walk(child)


def role_and_name(accessible):
    try:
        return accessible.getRoleName(), accessible.name or ''
    except Exception:
        return None, None


def describe(accessible):
    return '[%s] %r' % role_and_name(accessible)


def check_names(root, where):
    """Every control under @root has a plain, single name."""
    global checks
    print('# checking the names in the %s' % where)
    for accessible in walk(root):
        role, name = role_and_name(accessible)
        if role not in CONTROLS:
            continue
        checks += 1
        half = len(name) // 2
        if not name.strip():
            problems.append('%s: %s has no name' % (where, describe(accessible)))
        elif TYPE_NAME.match(name):
            problems.append('%s: %s is named after its type' % (where, describe(accessible)))
        elif MNEMONIC.search(name):
            problems.append('%s: %s shows a mnemonic underscore' % (where, describe(accessible)))
        elif len(name) % 2 == 1 and name[:half] == name[half + 1:] and name[half] == ' ':
            problems.append('%s: %s says its name twice' % (where, describe(accessible)))


def find(root, role, name=None, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for accessible in walk(root):
            found_role, found_name = role_and_name(accessible)
            if found_role == role and (name is None or found_name == name):
                return accessible
        time.sleep(0.2)
    problems.append('no %s named %r appeared' % (role, name))
    return None


def find_all(root, role):
    return [a for a in walk(root) if role_and_name(a)[0] == role]


def click(accessible):
    """Presses @accessible; FALSE when it went away meanwhile."""
    try:
        action = accessible.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        action.doAction(names.index('click') if 'click' in names else 0)
        return True
    except Exception:
        return False


def press(root, role, name):
    """Finds the control and presses it, again if it was replaced."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        accessible = find(root, role, name, timeout=deadline - time.monotonic())
        if accessible is None:
            return None
        if click(accessible):
            return accessible
        time.sleep(0.2)
    problems.append('could not press the %s %r' % (role, name))
    return None


def wait_app(timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == 'virt-storage' and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def windows(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount)]


def wait_window(app, known, timeout=TIMEOUT):
    """A toplevel of @app that is not in @known."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for window in windows(app):
            if window not in known:
                return window
        time.sleep(0.2)
    return None


def opened_dialog(app, known, where, title):
    """The window that appeared since @known, named @title (or starting
    with it); None, and a problem noted, when none appeared."""
    global checks
    dialog = wait_window(app, known)
    if dialog is None:
        problems.append('the %s did not appear' % where)
        return None
    checks += 1
    name = role_and_name(dialog)[1]
    if not name.startswith(title):
        problems.append('the %s is named %r, expected %r' % (where, name, title))
    return dialog


env = dict(os.environ)
for key in ('GTK_A11Y', 'NO_AT_BRIDGE'):
    env.pop(key, None)
env['LANGUAGE'] = 'C'


def bus_name_owned():
    """Whether an instance of the application holds its name on the session
    bus: a new one started meanwhile would hand its command line over and
    quit."""
    reply = subprocess.run(['dbus-send', '--session', '--print-reply=literal', '--dest=org.freedesktop.DBus',
                            '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'],
                           capture_output=True, text=True).stdout
    return APP_ID_PREFIX in reply


def wait_name_released(timeout=TIMEOUT):
    """No instance of the application holds its bus name any more: a new one
    would otherwise hand its command line over and quit at once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and bus_name_owned():
        time.sleep(0.2)


def start(*args):
    # Two tries: the accessibility registry of a fresh session bus may miss
    # an application that registers while it is still starting up. A real
    # failure fails both.
    for attempt in (1, 2):
        wait_name_released()
        process = subprocess.Popen([executable] + list(args), env=env)
        app = wait_app(timeout=TIMEOUT if attempt == 1 else 3 * TIMEOUT)
        if app is not None:
            return process, app
        status = process.poll()
        process.terminate()
        process.wait(TIMEOUT)
        print('# the application (%s) did not show up on the accessibility bus (try %d%s)'
              % (' '.join(args), attempt, '' if status is None else ', it ended with status %d' % status))
    print('Bail out! the application (%s) did not show up on the accessibility bus' % ' '.join(args))
    sys.exit(1)


def quit_app(process):
    if process.poll() is not None:
        problems.append('the application ended by itself (status %d)' % process.returncode)
    process.terminate()
    process.wait(TIMEOUT)
    # The next instance must neither be mistaken for this one nor hand over
    # to it.
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and (bus_name_owned() or
                                           any(a is not None and a.name == 'virt-storage'
                                               for a in pyatspi.Registry.getDesktop(0))):
        time.sleep(0.2)


# A host that asks for credentials: the dialog that asks.
process, app = start('--connect', 'test://' + os.path.join(os.path.dirname(os.path.abspath(node_xml)), 'ui-auth.xml'))
try:
    known = windows(app)[:1]
    dialog = wait_window(app, known)
    if dialog is None:
        problems.append('the credentials dialog did not appear')
    else:
        find(dialog, 'text')
        check_names(dialog, 'credentials dialog')
        press(dialog, 'push button', 'Cancel')
finally:
    quit_app(process)

# A host that cannot be reached: the banner and the connection page.
process, app = start('--connect', 'bogus:///')
try:
    main = windows(app)[0]
    find(main, 'alert')
    find(main, 'push button', 'Reconnect')
    check_names(main, 'window of a failed connection')
finally:
    quit_app(process)

def checked(accessible):
    try:
        return accessible.getState().contains(pyatspi.STATE_CHECKED)
    except Exception:
        return False


def wait_checked(root, name):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        item = find(root, 'menu item', name, timeout=deadline - time.monotonic())
        if item is not None and checked(item):
            return True
        time.sleep(0.2)
    return False


process, app = start('--connect', 'test://' + os.path.abspath(node_xml), '--pool', 'default')
try:
    main = windows(app)[0]

    # The window with a pool and its volumes shown.
    find(main, 'tree table', 'Volumes')
    find(main, 'table row', 'debian-12.qcow2')
    check_names(main, 'main window')

    # Sorting without a pointer: the sort menu, whose items say which one
    # is chosen.
    if press(main, 'push button', 'Sort the volumes') is not None:
        menu = find(app, 'menu', 'Sort the volumes')
        if menu is not None:
            check_names(menu, 'sort menu')
            names = [role_and_name(a)[1] for a in find_all(menu, 'menu item')]
            checks += 1
            for name in ('Name', 'Format', 'Capacity', 'Allocation', 'Used By', 'Path', 'Ascending', 'Descending'):
                if name not in names:
                    problems.append('sort menu: no item %r (items: %r)' % (name, names))
            for name in ('Name', 'Ascending'):
                if not wait_checked(menu, name):
                    problems.append('sort menu: %r is not shown as the current choice' % name)
            press(menu, 'menu item', 'Capacity')
            press(main, 'push button', 'Sort the volumes')
            if not wait_checked(menu, 'Capacity'):
                problems.append('sort menu: choosing Capacity did not make it the current choice')
            press(main, 'push button', 'Sort the volumes')

    # The pool menu.
    if press(main, 'push button', 'More pool actions') is not None:
        menu = find(app, 'menu', 'Pool actions')
        if menu is not None:
            find(menu, 'menu item', 'Copy Target Path')
            check_names(menu, 'pool menu')
        press(main, 'push button', 'More pool actions')

    # The volume dialogs. New Volume: its fields, its choices of one as
    # radio buttons; Create makes the volume and selects it, which opens
    # the volume's own dialogs (Resize, Clone) and the Delete question with
    # its option.
    known = windows(app)
    if press(main, 'push button', 'New Volume') is not None:
        dialog = opened_dialog(app, known, 'New Volume dialog', 'New Volume in')
        if dialog is not None:
            find(dialog, 'text', 'Name')
            find(dialog, 'text', 'Capacity')
            find(dialog, 'combo box', 'Capacity unit')
            find(dialog, 'radio button', 'Thin')
            find(dialog, 'radio button', 'Full')
            find(dialog, 'check box', 'Based on another volume: an overlay (linked clone)')
            check_names(dialog, 'New Volume dialog')
            press(dialog, 'push button', 'Create')

    volume_dialogs = (
        ('Resize…', 'Resize “disk.qcow2”', 'Resize dialog', ('text', 'New capacity')),
        ('Clone…', 'Clone “disk.qcow2”', 'Clone dialog', ('text', 'Name of the copy')),
        ('Delete…', 'Delete the volume “disk.qcow2”?', 'Delete question', ('check box', None)),
    )
    for item, title, where, control in volume_dialogs:
        known = windows(app)
        if press(main, 'push button', 'Volume actions') is None:
            break
        menu = find(app, 'menu', 'Volume actions')
        if menu is None:
            break
        check_names(menu, 'volume menu')
        if press(menu, 'menu item', item) is None:
            continue
        dialog = opened_dialog(app, known, where, title)
        if dialog is None:
            continue
        find(dialog, *control)
        check_names(dialog, where)
        press(dialog, 'push button', 'Cancel')

    # A confirmation dialog: stop the pool, then Undefine from the menu.
    if press(main, 'push button', 'Stop') is not None:
        find(main, 'push button', 'Start')
        known = windows(app)
        if press(main, 'push button', 'More pool actions') is not None and \
           press(app, 'menu item', 'Undefine…') is not None:
            dialog = opened_dialog(app, known, 'Undefine confirmation', 'Undefine the pool')
            if dialog is not None:
                check_names(dialog, 'confirmation')
                find(dialog, 'push button', 'Undefine')
                press(dialog, 'push button', 'Cancel')

    # The add-connection dialog: its choices are radio buttons.
    known = windows(app)
    if press(main, 'push button', 'Add Connection') is not None:
        dialog = wait_window(app, known)
        if dialog is None:
            problems.append('the add-connection dialog did not appear')
        else:
            find(dialog, 'radio button', 'Local system')
            radios = [role_and_name(a)[1] for a in find_all(dialog, 'radio button')]
            checks += 1
            for name in ('Local system', 'Local session', 'Remote host', 'Custom URI'):
                if name not in radios:
                    problems.append('add-connection dialog: %r is not a radio button (radios: %r)' % (name, radios))
            check_names(dialog, 'add-connection dialog')
            press(dialog, 'push button', 'Cancel')
finally:
    quit_app(process)

print('1..1')
for problem in problems:
    print('# ' + problem)
if problems:
    print('not ok 1 /ui/accessibility (%d problems in %d checks)' % (len(problems), checks))
    sys.exit(1)
print('ok 1 /ui/accessibility (%d checks)' % checks)
