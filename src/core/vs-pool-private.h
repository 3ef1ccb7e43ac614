/* vs-pool-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "vs-pool.h"
#include "vs-volume-private.h"

G_BEGIN_DECLS

/* A snapshot of one pool, read in a worker thread. */
typedef struct
{
  virStoragePoolPtr  ptr;
  char              *name;
  char              *uuid;
  char              *pool_type;
  char              *target_path;
  VsPoolState        state;
  gboolean           persistent;
  gboolean           autostart;
  guint64            capacity;
  guint64            allocation;
  guint64            available;
} VsPoolInfo;

/* Fails with VS_POOL_ERROR_NOT_FOUND when the pool was undefined meanwhile. */
VsPoolInfo *vs_pool_info_fetch        (virStoragePoolPtr  ptr,
                                       GError           **error);
void        vs_pool_info_free         (VsPoolInfo        *info);

VsPool     *vs_pool_new               (VsConnection      *connection,
                                       const VsPoolInfo  *info);
void        vs_pool_update            (VsPool            *self,
                                       const VsPoolInfo  *info);
void        vs_pool_set_reachable     (VsPool            *self,
                                       gboolean           reachable);
/* The libvirt handle, or NULL while the connection is not open. */
virStoragePoolPtr vs_pool_get_ptr     (VsPool            *self);
/* Our own operation changed the volumes: re-list them. */
void        vs_pool_volumes_changed   (VsPool            *self);
/* A REFRESH event arrived for this pool. */
void        vs_pool_refresh_event     (VsPool            *self);
/* The connection drops the pool: cancel everything in flight. */
void        vs_pool_detach            (VsPool            *self);

/* Details of one of the listed volumes read by an operation that made it:
 * applied as the volume list's own, so its sum of capacities follows. */
void        vs_pool_apply_volume_details (VsPool                *self,
                                          VsVolume              *volume,
                                          const VsVolumeDetails *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsPoolInfo, vs_pool_info_free)

G_END_DECLS
