/* vs-pool-sources.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vs-pool-definition.h"
#include "vs-pool-type.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_SOURCE (vs_pool_source_get_type ())

/* One source a host offers for a pool (virConnectFindStoragePoolSources):
 * an NFS export, an LVM volume group, an iSCSI target, ... Fields the host
 * did not give are NULL (or 0). */
typedef struct
{
  /* The hosts (NFS server, iSCSI portal), and the port of the first. */
  GStrv  hosts;
  guint  port;
  /* An NFS export or CIFS share. */
  char  *dir;
  /* Block devices (an LVM volume group's physical volumes); for iSCSI,
   * the target's IQN. */
  GStrv  devices;
  /* A volume group's or Ceph pool's name. */
  char  *name;
  /* "nfs", "lvm2", ... */
  char  *format;
  char  *adapter_name;
  char  *initiator_iqn;
} VsPoolSource;

GType         vs_pool_source_get_type        (void) G_GNUC_CONST;
VsPoolSource *vs_pool_source_copy            (const VsPoolSource *self);
void          vs_pool_source_free            (VsPoolSource       *self);

/* Parses libvirt's <sources> document into a GPtrArray of VsPoolSource
 * (empty when it lists none). */
GPtrArray    *vs_pool_sources_parse          (const char         *xml,
                                              GError            **error);
/* Fills @definition's source fields from @self (what picking a scan
 * result does): for iSCSI types the device is the target IQN. Fields the
 * source does not give are left as they are. */
void          vs_pool_source_fill_definition (const VsPoolSource *self,
                                              VsPoolDefinition   *definition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsPoolSource, vs_pool_source_free)

G_END_DECLS
