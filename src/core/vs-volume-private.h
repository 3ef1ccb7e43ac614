/* vs-volume-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "vs-volume.h"
#include "vs-volume-owner.h"
#include "vs-xml.h"

G_BEGIN_DECLS

VsVolume *vs_volume_new           (const char            *name,
                                   const char            *key);
/* The pool the volume is listed in, or NULL once it left the list. */
void      vs_volume_set_owner     (VsVolume              *self,
                                   VsVolumeOwner         *owner);
/* A new reference to the libvirt handle of the volume's pool, for a
 * worker; NULL when the volume left its pool or the connection is not
 * open. */
virStoragePoolPtr vs_volume_ref_storage_pool (VsVolume   *self);
/* In a worker: refuses with VS_VOLUME_ERROR_IN_USE, naming the domains,
 * when any domain of the host uses @vol now (path, backing chain or
 * <disk type='volume'>). Destructive operations call it right before
 * they act. */
gboolean  vs_volume_check_unused_sync (virStoragePoolPtr  pool,
                                       virStorageVolPtr   vol,
                                       const char        *name,
                                       GCancellable      *cancellable,
                                       GError           **error);
void      vs_volume_set_name      (VsVolume              *self,
                                   const char            *name);
/* Returns TRUE when anything changed. */
gboolean  vs_volume_apply_details (VsVolume              *self,
                                   const VsVolumeDetails *details);
void      vs_volume_set_used_by   (VsVolume              *self,
                                   const char * const    *used_by);
void      vs_volume_set_busy      (VsVolume              *self,
                                   gboolean               busy);

G_END_DECLS
