/* vs-connection-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "vs-connection.h"
#include "vs-domain-usage.h"
#include "vs-pool-private.h"

G_BEGIN_DECLS

/* Lists @job in vs_connection_get_jobs() until it finishes. */
void vs_connection_add_job (VsConnection *self,
                            VsJob        *job);

/* A new reference to the open libvirt connection, for a worker; NULL while
 * not connected. Drop it in the worker (virConnectClose), never on the
 * main thread: the last reference to a remote connection closes it. */
virConnectPtr vs_connection_ref_virt (VsConnection *self);

/* Adds the pool that @info describes (read in a worker after one of our own
 * operations made it) to vs_connection_get_pools() at once, or updates it
 * when it is listed already. Returns the listed pool (owned by the
 * connection). */
VsPool       *vs_connection_take_pool_info (VsConnection     *self,
                                            const VsPoolInfo *info);

/* Says that the pool @uuid was just given info read after the pool listings
 * now running started: they must not take it back (see apply_pools()). */
void          vs_connection_pin_pool_info  (VsConnection     *self,
                                            const char       *uuid);

/* Which domains use which storage on this connection's host. */
VsDomainUsage *vs_connection_get_domain_usage (VsConnection *self);

G_END_DECLS
