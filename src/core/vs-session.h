/* vs-session.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-credential-request.h"

G_BEGIN_DECLS

/* One open libvirt connection: the virConnectPtr, the event callbacks and
 * the close callback registered on it, and its release. Each open of a
 * VsConnection makes a new session; a released session reports nothing
 * more, even events libvirt already queued. */
typedef struct _VsSession VsSession;

/* What a session reports to its owner, on the main thread, while the
 * owner is alive and the session not released. */
typedef struct
{
  /* A storage pool was defined, undefined, started or stopped (@refresh
   * FALSE), or refreshed (@refresh TRUE). */
  void (*pool_event)   (GObject    *owner,
                        const char *uuid,
                        gboolean    refresh);
  /* A domain was defined, undefined, started or stopped, or a device was
   * added to or removed from it. */
  void (*domain_event) (GObject    *owner,
                        const char *uuid);
  /* The connection dropped; @reason is a virConnectCloseReason. */
  void (*closed)       (GObject    *owner,
                        int         reason);
} VsSessionHandler;

/* Worker thread: opens @uri (libvirt's questions go to @credentials),
 * turns keepalive on and registers the callbacks that feed @handler.
 * Fails with VS_CONNECTION_ERROR_AUTH or _FAILED, or with
 * G_IO_ERROR_CANCELLED when @cancellable fired meanwhile (nothing is left
 * open then). */
VsSession     *vs_session_open         (const char              *uri,
                                        gboolean                 read_only,
                                        VsCredentialRequest     *credentials,
                                        GObject                 *owner,
                                        const VsSessionHandler  *handler,
                                        GCancellable            *cancellable,
                                        GError                 **error);
/* The connection, owned by the session. */
virConnectPtr  vs_session_get_conn     (VsSession               *self);
/* A new reference to the connection, for a worker (virConnectClose() it
 * there). */
virConnectPtr  vs_session_ref_conn     (VsSession               *self);
const char    *vs_session_get_hostname (VsSession               *self);
/* Any thread. Ends the session and drops the caller's reference to it:
 * from now on nothing reaches the owner; the callbacks are deregistered
 * and the connection closed in a worker thread (both are round trips). */
void           vs_session_release      (VsSession               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSession, vs_session_release)

G_END_DECLS
