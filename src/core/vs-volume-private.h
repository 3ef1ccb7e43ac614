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
