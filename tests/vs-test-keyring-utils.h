/* vs-test-keyring-utils.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A session bus of the test's own, with or without a desktop keyring on
 * it: a dbus-daemon that activates nothing, and gnome-keyring-daemon with
 * a login keyring unlocked by a password given here (no prompt can come
 * up). DBUS_SESSION_BUS_ADDRESS points to it from then on: start it before
 * anything talks to the session bus. */
typedef struct _VsTestKeyring VsTestKeyring;

/* NULL, with the reason in @skip_reason, when dbus-daemon (or, with
 * @with_keyring, gnome-keyring-daemon) is not installed. */
VsTestKeyring *vs_test_keyring_start     (gboolean        with_keyring,
                                          char          **skip_reason);
/* Where the keyring keeps its files (XDG_DATA_HOME/keyrings). */
const char    *vs_test_keyring_get_dir   (VsTestKeyring  *self);
/* Stops what it started (by their process, which it owns) and removes
 * its files. */
void           vs_test_keyring_stop      (VsTestKeyring  *self);

/* Whether any file under @dir holds @text as it is. */
gboolean       vs_test_files_contain     (const char     *dir,
                                          const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestKeyring, vs_test_keyring_stop)

G_END_DECLS
