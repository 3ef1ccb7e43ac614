/* vs-test-ssh-utils.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The test sshd's password user, for the tests of the built-in SSH client
 * (tests/integration/test-remote.c, tests/ui/test-remote-dialogs.c).
 *
 * build-aux/test creates a user with a random password that its sshd lets
 * in with that password only (VS_TEST_SSH_PASSWORD_USER,
 * VS_TEST_SSH_PASSWORD), and says where the sshd listens
 * (VS_TEST_SSH_PORT) and which host key it shows (VS_TEST_SSH_HOST_KEY,
 * the public half). */

/* Why the password tests cannot run here, or NULL. */
char       *vs_test_ssh_password_skip_reason (void);
const char *vs_test_ssh_password_user        (void);
const char *vs_test_ssh_password             (void);
const char *vs_test_ssh_port                 (void);

/* What the add-connection dialog builds for the built-in SSH client, to
 * the user's session, with @known_hosts (the default file when NULL). */
char       *vs_test_ssh_libssh_uri           (const char *known_hosts);

/* The key's fingerprint as `ssh-keygen -l` prints it, and its base64
 * blob (as a known-hosts line holds it). */
char       *vs_test_ssh_host_key_fingerprint (void);
char       *vs_test_ssh_host_key_blob        (void);
/* Writes @path with one line for the test sshd: @key_line ("TYPE BLOB"),
 * or the sshd's own key when NULL (as a user who trusted it once). */
void        vs_test_ssh_write_known_host     (const char *path,
                                              const char *key_line);

/* Writes @path as the known-hosts file of a user who trusted the test
 * sshd when it had another key (one made here, in @dir): what a changed
 * key looks like. */
void        vs_test_ssh_write_changed_known_host (const char *path,
                                                  const char *dir);

/* `virsh -c qemu:///session COMMAND ARGS... NULL` as the password user, in
 * its own session daemon (started on demand, as virt-ssh-helper does over
 * ssh); fails the test when it fails. */
void        vs_test_ssh_user_virsh           (const char *command,
                                              ...) G_GNUC_NULL_TERMINATED;
/* A folder in the password user's home (not made). */
char       *vs_test_ssh_user_path            (const char *name);

G_END_DECLS
