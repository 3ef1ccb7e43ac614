/* vs-pool-type-info.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-type-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-pool-type-info.h"

static const VsPoolTypeInfo pool_types[] = {
  {
    "dir", N_("Directory"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file (raw, qcow2, vdi, vmdk, …)"),
    N_("A directory on the host. Each volume is a disk image file in it: a raw file takes "
       "all its space at once, a qcow2 file grows as the guest writes and supports snapshots."),
  },
  {
    "fs", N_("Filesystem on a block device"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem on a local block device"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file"),
    N_("A local disk or partition that libvirt mounts. Volumes are image files in its "
       "filesystem, like in a directory pool."),
  },
  {
    "netfs", N_("Network filesystem"),
    VS_POOL_KIND_FILESYSTEM, N_("Network filesystem (NFS, GlusterFS, CIFS)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file"),
    N_("A directory of a file server (NAS) that libvirt mounts. Several hosts see the same "
       "files, so virtual machines can move between them while running (live migration)."),
  },
  {
    "logical", N_("LVM volume group"),
    VS_POOL_KIND_BLOCK, N_("Block (LVM volume group)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("Yes (LVM)"), N_("With LVM thin"),
    N_("A logical volume"),
    N_("An LVM volume group. Each volume is a logical volume that a virtual machine uses as "
       "a whole disk; LVM takes snapshots, and thin pools give thin provisioning."),
  },
  {
    "disk", N_("Physical disk"),
    VS_POOL_KIND_BLOCK, N_("Block (a whole disk’s partitions)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("No"), N_("No"),
    N_("A partition"),
    N_("A whole disk of the host. Each volume is a partition of it."),
  },
  {
    "iscsi", N_("iSCSI target"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of an iSCSI target)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs an iSCSI server exports, through the host’s iSCSI initiator. The server "
       "creates the LUNs; several hosts can use them (live migration)."),
  },
  {
    "iscsi-direct", N_("iSCSI target (direct)"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of an iSCSI target)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs an iSCSI server exports, reached by QEMU itself without the host’s "
       "initiator. Several hosts can use them (live migration)."),
  },
  {
    "scsi", N_("SCSI host adapter"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of a host adapter)"),
    VS_POOL_SHARING_DEPENDS, N_("Depends on the SAN"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs a SCSI or Fibre Channel host adapter sees. Whether other hosts see them "
       "too depends on the storage network."),
  },
  {
    "mpath", N_("Multipath devices"),
    VS_POOL_KIND_BLOCK, N_("Block (multipath devices)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A multipath device"),
    N_("The host’s multipath devices: one disk of a storage network reached over several "
       "paths."),
  },
  {
    "rbd", N_("Ceph RBD"),
    VS_POOL_KIND_BLOCK, N_("Block (Ceph RBD)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("Yes"), N_("Yes"),
    N_("An RBD image"),
    N_("A pool of a Ceph cluster. Each volume is an RBD image, thin and with snapshots, "
       "that every host of the cluster can reach."),
  },
  {
    "gluster", N_("GlusterFS"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem (GlusterFS native)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("With qcow2"), N_("With qcow2"),
    N_("A file"),
    N_("A GlusterFS volume reached by QEMU directly. Volumes are files that every host "
       "of the cluster can reach."),
  },
  {
    "zfs", N_("ZFS pool"),
    VS_POOL_KIND_BLOCK, N_("Block (ZFS zvols)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("Yes"), N_("Yes"),
    N_("A zvol"),
    N_("A ZFS pool of the host. Each volume is a zvol, with ZFS snapshots and thin "
       "provisioning."),
  },
};

const VsPoolTypeInfo *
vs_pool_type_info_lookup (const char *type)
{
  if (type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pool_types); i++)
    if (strcmp (pool_types[i].type, type) == 0)
      return &pool_types[i];

  return NULL;
}

const VsPoolTypeInfo *
vs_pool_type_info_get_all (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (pool_types);

  return pool_types;
}
