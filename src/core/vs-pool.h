/* vs-pool.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL (vs_pool_get_type ())

G_DECLARE_FINAL_TYPE (VsPool, vs_pool, VS, POOL, GObject)

VsConnection *vs_pool_get_connection   (VsPool *self);
const char   *vs_pool_get_name         (VsPool *self);
const char   *vs_pool_get_uuid         (VsPool *self);
const char   *vs_pool_get_pool_type    (VsPool *self);
VsPoolState   vs_pool_get_state        (VsPool *self);
gboolean      vs_pool_get_active       (VsPool *self);
gboolean      vs_pool_get_persistent   (VsPool *self);
gboolean      vs_pool_get_autostart    (VsPool *self);
guint64       vs_pool_get_capacity     (VsPool *self);
guint64       vs_pool_get_allocation   (VsPool *self);
guint64       vs_pool_get_available    (VsPool *self);
const char   *vs_pool_get_target_path  (VsPool *self);
gboolean      vs_pool_get_busy         (VsPool *self);
/* FALSE while the connection is not connected: the pool's data is stale. */
gboolean      vs_pool_get_reachable    (VsPool *self);

/* The pool's volumes, filled by vs_pool_reload_volumes_async() and kept
 * up to date afterwards (REFRESH events, our own operations). */
GListModel   *vs_pool_get_volumes      (VsPool *self);
/* TRUE once the volume list has been loaded at least once. */
gboolean      vs_pool_get_volumes_loaded (VsPool *self);
/* TRUE while volume details are still being fetched. */
gboolean      vs_pool_get_loading      (VsPool *self);
/* The error of the last volume listing, or NULL (e.g. too many volumes).
 * Property "volumes-error-message" notifies when it changes. */
const GError *vs_pool_get_volumes_error (VsPool *self);
/* Sum of the capacities of the volumes whose details are known. */
guint64       vs_pool_get_volumes_capacity (VsPool *self);
/* Asks the detail loader to fetch @volume's details before the others. */
void          vs_pool_prioritize_volume (VsPool   *self,
                                         VsVolume *volume);
VsVolume     *vs_pool_find_volume      (VsPool     *self,
                                        const char *name);

void     vs_pool_start_async            (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_start_finish           (VsPool *self, GAsyncResult *result, GError **error);
void     vs_pool_stop_async             (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_stop_finish            (VsPool *self, GAsyncResult *result, GError **error);
/* virStoragePoolRefresh, then re-lists the volumes. */
void     vs_pool_refresh_async          (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_refresh_finish         (VsPool *self, GAsyncResult *result, GError **error);
void     vs_pool_build_async            (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_build_finish           (VsPool *self, GAsyncResult *result, GError **error);
/* Deletes the pool's storage (virStoragePoolDelete). The pool must be inactive. */
void     vs_pool_delete_async           (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_delete_finish          (VsPool *self, GAsyncResult *result, GError **error);
void     vs_pool_undefine_async         (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_undefine_finish        (VsPool *self, GAsyncResult *result, GError **error);
void     vs_pool_set_autostart_async    (VsPool *self, gboolean autostart, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_set_autostart_finish   (VsPool *self, GAsyncResult *result, GError **error);
void     vs_pool_get_xml_async          (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
char    *vs_pool_get_xml_finish         (VsPool *self, GAsyncResult *result, GError **error);
/* Lists the volumes (one virStoragePoolListAllVolumes call), diffs them into
 * the model by key, then fills details in the background. Finishes once the
 * list (not the details) is in the model. */
void     vs_pool_reload_volumes_async   (VsPool *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean vs_pool_reload_volumes_finish  (VsPool *self, GAsyncResult *result, GError **error);

/* The listed volume whose key is @key, or NULL. */
VsVolume *vs_pool_find_volume_by_key  (VsPool *self, const char *key);
/* Creates a volume in the pool from @xml (virStorageVolCreateXML; see
 * vs_volume_definition_to_xml() to build it). Flags are libvirt's
 * VIR_STORAGE_VOL_CREATE_* (e.g. PREALLOC_METADATA). The finished VsVolume
 * (a new reference) is already in vs_pool_get_volumes (), with its
 * details. A creation that allocates space (an allocation in @xml, or
 * metadata preallocation) runs as a VsJob of the connection. A name with
 * "/" (and the other names vs_volume_name_validate() refuses) is refused
 * with VS_VOLUME_ERROR_INVALID, a name the pool lists with
 * VS_VOLUME_ERROR_EXISTS. libvirt cannot stop a creation midway: when
 * cancelled, the volume is deleted once made, and the call fails with
 * G_IO_ERROR_CANCELLED. */
void      vs_pool_create_volume_async  (VsPool *self, const char *xml, guint flags,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
VsVolume *vs_pool_create_volume_finish (VsPool *self, GAsyncResult *result, GError **error);
/* Copies @source (any pool of the same connection) into this pool under
 * @name (virStorageVolCreateXMLFrom, same format and capacity, and as much
 * allocated as the source), as a VsJob. Names and cancelling as for
 * vs_pool_create_volume_async(). */
void      vs_pool_clone_volume_async   (VsPool *self, VsVolume *source, const char *name,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
VsVolume *vs_pool_clone_volume_finish  (VsPool *self, GAsyncResult *result, GError **error);

G_END_DECLS
