/* vs-volume-owner.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_OWNER (vs_volume_owner_get_type ())

G_DECLARE_INTERFACE (VsVolumeOwner, vs_volume_owner, VS, VOLUME_OWNER, GObject)

/* What a volume needs of the pool it is listed in (VsPool implements it),
 * so that the volume's code knows nothing else of pools: dependencies in
 * core point from pool to volume, never back. Main thread. */
struct _VsVolumeOwnerInterface
{
  GTypeInterface parent_iface;

  /* A new reference to the pool's libvirt handle for a worker (free it
   * there), or NULL while the connection is not open. */
  virStoragePoolPtr (*ref_storage_pool) (VsVolumeOwner *self);
  /* An operation changed the pool's volumes: list them again. */
  void              (*volumes_changed)  (VsVolumeOwner *self);
};

virStoragePoolPtr vs_volume_owner_ref_storage_pool (VsVolumeOwner *self);
void              vs_volume_owner_volumes_changed  (VsVolumeOwner *self);

G_END_DECLS
