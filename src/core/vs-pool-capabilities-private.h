/* vs-pool-capabilities-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "vs-pool-capabilities.h"
#include "vs-types.h"

G_BEGIN_DECLS

/* Reads the capabilities of @connection's host in a worker through @conn
 * (a reference it takes), once per session: later calls in the same
 * session answer from a cache. Falls back to
 * vs_pool_capabilities_new_builtin() when the host does not support the
 * call. Behind vs_connection_get_pool_capabilities_async(). */
void                vs_pool_capabilities_load_async    (VsConnection        *connection,
                                                        virConnectPtr        conn,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
VsPoolCapabilities *vs_pool_capabilities_load_finish   (VsConnection        *connection,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
