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
/* Overwrites the volume's data with zeros (virStorageVolWipe). */
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

G_END_DECLS
