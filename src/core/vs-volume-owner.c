/* vs-volume-owner.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-owner"

#include "config.h"

#include "vs-volume-owner.h"

G_DEFINE_INTERFACE (VsVolumeOwner, vs_volume_owner, G_TYPE_OBJECT)

static void
vs_volume_owner_default_init (VsVolumeOwnerInterface *iface)
{
}

virStoragePoolPtr
vs_volume_owner_ref_storage_pool (VsVolumeOwner *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_OWNER (self), NULL);

  return VS_VOLUME_OWNER_GET_IFACE (self)->ref_storage_pool (self);
}

void
vs_volume_owner_volumes_changed (VsVolumeOwner *self)
{
  g_return_if_fail (VS_IS_VOLUME_OWNER (self));

  VS_VOLUME_OWNER_GET_IFACE (self)->volumes_changed (self);
}
