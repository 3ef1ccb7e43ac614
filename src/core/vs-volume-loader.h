/* vs-volume-loader.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-domain-usage.h"
#include "vs-volume.h"
#include "vs-volume-owner.h"
#include "vs-volume-private.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_LOADER (vs_volume_loader_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeLoader, vs_volume_loader, VS, VOLUME_LOADER, GObject)

/* A pool's volume list: listed with one virStoragePoolListAllVolumes call
 * in a worker, diffed by key into a stable model (the same VsVolume for
 * the same key), details fetched afterwards by a few threads, visible rows
 * first, and "used-by" kept from the connection's VsDomainUsage.
 *
 * Properties (read-only, notified on change): "loaded" (listed at least
 * once), "listing" (a listing runs), "loading" (details are being
 * fetched), "volumes-capacity" (sum of the known capacities), "error" (the
 * last listing's GError, or NULL). Signal "listed": a listing was applied. */

VsVolumeLoader *vs_volume_loader_new           (VsVolumeOwner        *owner,
                                                VsDomainUsage        *usage);
GListModel     *vs_volume_loader_get_volumes   (VsVolumeLoader       *self);
gboolean        vs_volume_loader_get_loaded    (VsVolumeLoader       *self);
gboolean        vs_volume_loader_get_listing   (VsVolumeLoader       *self);
gboolean        vs_volume_loader_get_loading   (VsVolumeLoader       *self);
guint64         vs_volume_loader_get_volumes_capacity (VsVolumeLoader *self);
const GError   *vs_volume_loader_get_error     (VsVolumeLoader       *self);
/* The volume listed as @name, or NULL. */
VsVolume       *vs_volume_loader_find          (VsVolumeLoader       *self,
                                                const char           *name);

/* What to list: the pool's handle (NULL while the connection is not open:
 * details in flight stop) and its name (for <disk type='volume'>). */
VsVolume       *vs_volume_loader_find_by_key   (VsVolumeLoader       *self,
                                                const char           *key);
void            vs_volume_loader_set_source    (VsVolumeLoader       *self,
                                                virStoragePoolPtr     ptr,
                                                const char           *pool_name);
/* The pool stopped: the list empties. */
void            vs_volume_loader_clear         (VsVolumeLoader       *self);
/* The pool left its connection: everything in flight stops. */
void            vs_volume_loader_stop          (VsVolumeLoader       *self);
/* Lists again, coalesced with a listing that runs, once the list has been
 * loaded at all (events and our own operations). */
void            vs_volume_loader_queue_reload  (VsVolumeLoader       *self);
/* Lists; finishes once the list (not the details) is in the model. */
void            vs_volume_loader_reload_async  (VsVolumeLoader       *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        vs_volume_loader_reload_finish (VsVolumeLoader       *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* How many detail calls the loader keeps in flight (default 4); a remote
 * daemon serves at most max_client_requests (5 by default) of one client's
 * calls at once. Takes effect from the next listing. */
void            vs_volume_loader_set_calls_in_flight (VsVolumeLoader *self,
                                                      guint           n_calls);
/* Fetches @volume's details before the others'. */
void            vs_volume_loader_prioritize    (VsVolumeLoader       *self,
                                                VsVolume             *volume);

/* Applies details read elsewhere (an operation that made @volume) to one
 * of the listed volumes, as the loader's own would be: the sum of the
 * capacities and the path index follow. */
void            vs_volume_loader_apply_details (VsVolumeLoader        *self,
                                                VsVolume              *volume,
                                                const VsVolumeDetails *details);

G_END_DECLS
