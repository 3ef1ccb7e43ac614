/* vs-pool-sources-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-pool-sources.h"
#include "vs-types.h"

G_BEGIN_DECLS

/* Asks @connection's host, through @conn (a reference it takes), in a
 * worker, for the sources of @type it can see; @host (and @port, 0 for the
 * default) for the types that ask a server. Behind
 * vs_connection_find_pool_sources_async(). */
void       vs_pool_sources_find_async  (VsConnection        *connection,
                                        virConnectPtr        conn,
                                        VsPoolType           type,
                                        const char          *host,
                                        guint                port,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *vs_pool_sources_find_finish (VsConnection        *connection,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
