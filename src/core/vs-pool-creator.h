/* vs-pool-creator.h: the multi-step job behind vs_connection_create_pool_async()
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-pool-definition.h"
#include "vs-types.h"

G_BEGIN_DECLS

/* The steps of a creation, in order. */
typedef enum
{
  VS_POOL_CREATE_STEP_SECRET,     /* virSecretDefineXML + virSecretSetValue */
  VS_POOL_CREATE_STEP_DEFINE,     /* virStoragePoolDefineXML (validated) */
  VS_POOL_CREATE_STEP_BUILD,      /* virStoragePoolBuild */
  VS_POOL_CREATE_STEP_START,      /* virStoragePoolCreate */
  VS_POOL_CREATE_STEP_AUTOSTART,  /* virStoragePoolSetAutostart */
  VS_POOL_CREATE_STEP_UNDO,       /* everything done so far, backwards */
} VsPoolCreateStep;

/* Defines @xml (or the XML @definition makes, when @xml is NULL) on
 * @connection's host through @conn (a reference it takes), in a worker
 * thread, then builds, starts and sets autostart as @flags ask. With a
 * @definition, the secret it carries is defined first, and building
 * overwrites when it says so. Any failure, or a cancellation of
 * @cancellable or of the job seen between two steps, undoes every step
 * done so far.
 *
 * Runs as a VsJob added to vs_connection_get_jobs() before this returns.
 * Behind vs_connection_create_pool_async() and
 * vs_connection_create_pool_from_definition_async(). */
void     vs_pool_creator_run_async  (VsConnection            *connection,
                                     virConnectPtr            conn,
                                     const char              *xml,
                                     const VsPoolDefinition  *definition,
                                     VsPoolCreateFlags        flags,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
/* The new pool, as listed in vs_connection_get_pools(). */
VsPool  *vs_pool_creator_run_finish (VsConnection            *connection,
                                     GAsyncResult            *result,
                                     GError                 **error);

/* For tests: called in the worker thread as each step begins, before the
 * check for cancellation; NULL to remove. Not thread-safe: set it before
 * any creation runs. */
typedef void (*VsPoolCreateStepHook) (VsPoolCreateStep step,
                                      gpointer         user_data);

void     vs_pool_creator_set_step_hook (VsPoolCreateStepHook hook,
                                        gpointer             user_data);

G_END_DECLS
