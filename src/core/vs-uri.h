/* vs-uri.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks that @uri is a URI with a libvirt driver name as its scheme and
 * no spaces, before anything is opened. Fails with
 * VS_CONNECTION_ERROR_INVALID_URI and a message for the user. */
gboolean  vs_uri_validate   (const char  *uri,
                             GError     **error);
/* Whether @uri names a host (qemu+ssh://host/system), as opposed to this
 * machine (qemu:///system). */
gboolean  vs_uri_is_remote  (const char  *uri);
/* Builds qemu+ssh://user@host:port/system, or fails with
 * VS_CONNECTION_ERROR_INVALID_URI and a message that names the faulty
 * field. @user and @port may be NULL or empty; surrounding spaces are
 * ignored. */
char     *vs_uri_build_ssh  (const char  *user,
                             const char  *host,
                             const char  *port,
                             GError     **error);

G_END_DECLS
