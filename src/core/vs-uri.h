/* vs-uri.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a connection URI reaches its host. */
typedef enum
{
  VS_URI_TRANSPORT_LOCAL,    /* this machine: qemu:///system, test:///default */
  VS_URI_TRANSPORT_LIBSSH,   /* qemu+libssh://: libvirt's built-in SSH client */
  VS_URI_TRANSPORT_SSH,      /* qemu+ssh://: the ssh command (OpenSSH) */
  VS_URI_TRANSPORT_TLS,      /* qemu+tls://, or qemu://host/ */
  VS_URI_TRANSPORT_TCP,      /* qemu+tcp://: unencrypted */
  VS_URI_TRANSPORT_OTHER,    /* libssh2, ext, unix to a host, ... */
} VsUriTransport;

/* Checks that @uri is a URI with a libvirt driver name as its scheme and
 * no spaces, before anything is opened. Fails with
 * VS_CONNECTION_ERROR_INVALID_URI and a message for the user. */
gboolean        vs_uri_validate             (const char      *uri,
                                             GError         **error);
/* Whether @uri names a host (qemu+ssh://host/system), as opposed to this
 * machine (qemu:///system). */
gboolean        vs_uri_is_remote            (const char      *uri);
VsUriTransport  vs_uri_get_transport        (const char      *uri);
/* The port a transport uses when the URI names none (22 for SSH, 16514
 * for TLS, 16509 for TCP), or -1. */
int             vs_uri_get_default_port     (VsUriTransport   transport);

/* Builds qemu+TRANSPORT://user@host:port/system (or /session) for
 * VS_URI_TRANSPORT_LIBSSH, _SSH, _TLS or _TCP, or fails with
 * VS_CONNECTION_ERROR_INVALID_URI and a message that names the faulty
 * field. @user is for the SSH transports only: without one, the built-in
 * client logs in as the local user (as OpenSSH does; libvirt's own default
 * would be root) and OpenSSH decides by itself (~/.ssh/config). @user and
 * @port may be NULL or empty; surrounding spaces are ignored. */
char           *vs_uri_build_remote         (VsUriTransport   transport,
                                             const char      *user,
                                             const char      *host,
                                             const char      *port,
                                             gboolean         session,
                                             GError         **error);

/* What people call the host @uri reaches, for titles: "user@host", with
 * ":port" when it is not the transport's default; "Local system" or
 * "Local session" for this machine; "Test driver" for libvirt's test
 * driver (test:///...); never the query string (keyfile=, no_verify=, ...). */
char           *vs_uri_dup_display_name     (const char      *uri);
/* How @uri gets there, in words, for a subtitle: the transport ("SSH",
 * "OpenSSH", "TLS", "TCP, unencrypted", "This computer", "Built into
 * libvirt" for the test driver) and the libvirt instance ("system",
 * "session") when the path names one. */
char           *vs_uri_dup_transport_label  (const char      *uri);

/* The known-hosts file libvirt's built-in SSH client reads and writes for
 * @uri: its known_hosts= parameter, else libvirt's default
 * ($XDG_CONFIG_HOME/libvirt/known_hosts, not OpenSSH's ~/.ssh/known_hosts). */
char           *vs_uri_dup_known_hosts_path (const char      *uri);

G_END_DECLS
