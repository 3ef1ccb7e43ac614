/* vs-volume.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME (vs_volume_get_type ())

G_DECLARE_FINAL_TYPE (VsVolume, vs_volume, VS, VOLUME, GObject)

VsPool             *vs_volume_get_pool          (VsVolume *self);
const char         *vs_volume_get_name          (VsVolume *self);
const char         *vs_volume_get_key           (VsVolume *self);
const char         *vs_volume_get_path          (VsVolume *self);
VsVolumeType        vs_volume_get_volume_type   (VsVolume *self);
/* "qcow2", "raw", ...; NULL until details are loaded. */
const char         *vs_volume_get_format        (VsVolume *self);
guint64             vs_volume_get_capacity      (VsVolume *self);
guint64             vs_volume_get_allocation    (VsVolume *self);
const char         *vs_volume_get_backing_path  (VsVolume *self);
/* Names of the domains whose disks use this volume; NULL when none/unknown. */
const char * const *vs_volume_get_used_by       (VsVolume *self);
gboolean            vs_volume_get_details_loaded (VsVolume *self);
gboolean            vs_volume_get_busy          (VsVolume *self);

/* Deletes the volume's storage. Refused with VS_VOLUME_ERROR_IN_USE while a
 * domain uses it. */
void     vs_volume_delete_async  (VsVolume            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean vs_volume_delete_finish (VsVolume            *self,
                                  GAsyncResult        *result,
                                  GError             **error);
/* Overwrites the volume's data with zeros (virStorageVolWipe), as a VsJob
 * of the connection. Refused with VS_VOLUME_ERROR_IN_USE while a domain
 * uses it. A cancel stops a wipe that has not begun; libvirt cannot stop
 * one that has, and it then ends as wiped. */
void     vs_volume_wipe_async    (VsVolume            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean vs_volume_wipe_finish   (VsVolume            *self,
                                  GAsyncResult        *result,
                                  GError             **error);
/* Changes the capacity to @capacity bytes. Shrinking is refused unless
 * @allow_shrink is TRUE. */
void     vs_volume_resize_async  (VsVolume            *self,
                                  guint64              capacity,
                                  gboolean             allow_shrink,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean vs_volume_resize_finish (VsVolume            *self,
                                  GAsyncResult        *result,
                                  GError             **error);

/* Streams a local file into the volume (virStorageVolUpload) or the volume
 * into a local file (virStorageVolDownload) through a virStream, sparse
 * where the host supports it (holes are skipped, not sent), as a VsJob of
 * the connection ("Uploading “disk.iso” into “vm1.qcow2”"; "Uploading
 * “disk.iso” into pool “default”" when file and volume share the name) that
 * the job's Cancel and @cancellable both cancel.
 *
 * @progress_callback (may be NULL) runs on the thread-default main context
 * of the caller, at most about ten times a second, with the bytes done
 * (holes included) and the bytes the stream carries in all: the source
 * file's size, or the volume's physical size (smaller than its capacity
 * for a qcow2 file); last with done equal to the total, before @callback.
 *
 * A download writes a hidden temporary file beside @destination and
 * renames it over @destination only when complete. A cancelled or failed
 * transfer leaves no file behind and aborts the stream, so that libvirt
 * does not keep the volume busy. An upload writes from the volume's start.
 *
 * Errors: G_IO_ERROR for the local file (NOT_FOUND, PERMISSION_DENIED,
 * READ_ONLY, NO_SPACE, IS_DIRECTORY, NOT_SUPPORTED for a file that is not
 * local, CANCELLED), VS_CONNECTION_ERROR_DISCONNECTED when the connection
 * died during the transfer, VS_VOLUME_ERROR with libvirt's detail
 * otherwise. */
void     vs_volume_upload_async    (VsVolume              *self,
                                    GFile                 *source,
                                    GCancellable          *cancellable,
                                    GFileProgressCallback  progress_callback,
                                    gpointer               progress_data,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean vs_volume_upload_finish   (VsVolume              *self,
                                    GAsyncResult          *result,
                                    GError               **error);
void     vs_volume_download_async  (VsVolume              *self,
                                    GFile                 *destination,
                                    GCancellable          *cancellable,
                                    GFileProgressCallback  progress_callback,
                                    gpointer               progress_data,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean vs_volume_download_finish (VsVolume              *self,
                                    GAsyncResult          *result,
                                    GError               **error);

G_END_DECLS
