/* vs-ssh.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What libvirt's two SSH transports tell only in words. libvirt gives no
 * code for these facts, so this file is the one place that reads them out
 * of text; everything else goes by error codes (see vs_session_open()). */

/* The host key fingerprint in @text, written as `ssh-keygen -l` prints it
 * ("SHA256:" and the hash in base64 without padding), or NULL when @text
 * holds none. libvirt 9's libssh transport writes the SHA-256 of the key as
 * 32 hexadecimal pairs joined by colons, both in its question "Accept SSH
 * host key with hash '…' for host '…' (y/n)?" and in its error for a key
 * that changed. The rest of those sentences is translated by libvirt; the
 * hash is the part that reads the same in every language. */
char     *vs_ssh_find_host_key_fingerprint (const char *text);

/* Whether @message, the error libvirt reports when the ssh command of a
 * qemu+ssh:// connection fails (VIR_ERR_SYSTEM_ERROR from VIR_FROM_RPC,
 * with the command's standard error in it), says that OpenSSH wanted to
 * ask the user something it could not ask: a password or passphrase
 * (ssh-askpass missing, no terminal, BatchMode), or whether to trust a
 * host key. OpenSSH's messages are not translated. */
gboolean  vs_ssh_is_openssh_prompt_failure (const char *message);

G_END_DECLS
