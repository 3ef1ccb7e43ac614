/* vs-pool-type.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-type"

#include "config.h"

#include "vs-pool-type.h"

/* The lists are libvirt 9's (storagepool.rng and the pool capabilities of
 * a qemu:///system daemon), so that a host that cannot report its own
 * capabilities gets the same choices as one that can. */

static const char * const fs_formats[] = {
  "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2",
  "vfat", "hfs+", "xfs", "ocfs2", "vmfs", NULL
};

static const char * const netfs_formats[] = {
  "auto", "nfs", "glusterfs", "cifs", NULL
};

static const char * const logical_formats[] = {
  "unknown", "lvm2", NULL
};

static const char * const disk_formats[] = {
  "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};

/* Image files. */
static const char * const file_volume_formats[] = {
  "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
  "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};

/* Partition types. */
static const char * const partition_volume_formats[] = {
  "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
  "extended", NULL
};

#define TARGET  VS_POOL_FIELD_TARGET_PATH
#define HOST    VS_POOL_FIELD_HOST
#define PORT    VS_POOL_FIELD_PORT
#define SRCDIR  VS_POOL_FIELD_SOURCE_DIR
#define DEVICE  VS_POOL_FIELD_DEVICE
#define NAME    VS_POOL_FIELD_SOURCE_NAME
#define FORMAT  VS_POOL_FIELD_SOURCE_FORMAT
#define ADAPTER VS_POOL_FIELD_ADAPTER
#define TIQN    VS_POOL_FIELD_TARGET_IQN
#define IIQN    VS_POOL_FIELD_INITIATOR_IQN
#define AUTH    VS_POOL_FIELD_AUTH

static const VsPoolTypeInfo types[VS_POOL_TYPE_COUNT] = {
  [VS_POOL_TYPE_DIR] = {
    .type = VS_POOL_TYPE_DIR, .name = "dir",
    .required = TARGET,
    .build = VS_POOL_BUILD_DIRECTORY, .build_undoable = TRUE,
    .can_create_volumes = TRUE,
    .volume_formats = file_volume_formats, .default_volume_format = "raw",
  },
  [VS_POOL_TYPE_FS] = {
    .type = VS_POOL_TYPE_FS, .name = "fs",
    .required = TARGET | DEVICE, .optional = FORMAT,
    .source_formats = fs_formats, .default_source_format = "auto",
    .build = VS_POOL_BUILD_DIRECTORY_OR_FORMAT, .build_undoable = TRUE,
    .can_create_volumes = TRUE,
    .volume_formats = file_volume_formats, .default_volume_format = "raw",
  },
  [VS_POOL_TYPE_NETFS] = {
    .type = VS_POOL_TYPE_NETFS, .name = "netfs",
    .required = TARGET | HOST | SRCDIR, .optional = PORT | FORMAT,
    .source_formats = netfs_formats, .default_source_format = "auto",
    .build = VS_POOL_BUILD_DIRECTORY, .build_undoable = TRUE,
    .discovery = VS_POOL_DISCOVERY_HOST,
    .can_create_volumes = TRUE,
    .volume_formats = file_volume_formats, .default_volume_format = "raw",
  },
  /* Without a source name, libvirt takes the pool's name as the volume
   * group's; without a target, /dev/<volume group>. */
  [VS_POOL_TYPE_LOGICAL] = {
    .type = VS_POOL_TYPE_LOGICAL, .name = "logical",
    .optional = TARGET | DEVICE | NAME | FORMAT, .multiple = DEVICE,
    .source_formats = logical_formats, .default_source_format = "lvm2",
    .build = VS_POOL_BUILD_FORMAT, .build_undoable = TRUE,
    .discovery = VS_POOL_DISCOVERY_LOCAL,
    .can_create_volumes = TRUE, .fixed_volume_format = "raw",
  },
  [VS_POOL_TYPE_DISK] = {
    .type = VS_POOL_TYPE_DISK, .name = "disk",
    .required = TARGET | DEVICE, .optional = FORMAT,
    .source_formats = disk_formats, .default_source_format = "unknown",
    .default_target_path = "/dev",
    .build = VS_POOL_BUILD_FORMAT,
    .can_create_volumes = TRUE,
    .volume_formats = partition_volume_formats, .default_volume_format = "none",
  },
  [VS_POOL_TYPE_ISCSI] = {
    .type = VS_POOL_TYPE_ISCSI, .name = "iscsi",
    .required = TARGET | HOST | TIQN, .optional = PORT | IIQN | AUTH,
    .auth = VS_POOL_AUTH_CHAP,
    .default_target_path = "/dev/disk/by-path", .default_port = 3260,
    .discovery = VS_POOL_DISCOVERY_HOST,
    .fixed_volume_format = "raw",
  },
  /* Reaches the LUNs through libiscsi, without the host's initiator: it
   * needs an initiator name of its own and has no target path. */
  [VS_POOL_TYPE_ISCSI_DIRECT] = {
    .type = VS_POOL_TYPE_ISCSI_DIRECT, .name = "iscsi-direct",
    .required = HOST | TIQN | IIQN, .optional = PORT | AUTH,
    .auth = VS_POOL_AUTH_CHAP,
    .default_port = 3260,
    .fixed_volume_format = "raw",
  },
  [VS_POOL_TYPE_SCSI] = {
    .type = VS_POOL_TYPE_SCSI, .name = "scsi",
    .required = TARGET | ADAPTER,
    .default_target_path = "/dev/disk/by-path",
    .fixed_volume_format = "raw",
  },
  [VS_POOL_TYPE_MPATH] = {
    .type = VS_POOL_TYPE_MPATH, .name = "mpath",
    .required = TARGET,
    .default_target_path = "/dev/mapper",
    .fixed_volume_format = "raw",
  },
  [VS_POOL_TYPE_RBD] = {
    .type = VS_POOL_TYPE_RBD, .name = "rbd",
    .required = HOST | NAME, .optional = PORT | AUTH, .multiple = HOST,
    .auth = VS_POOL_AUTH_CEPH,
    .default_port = 6789,
    .can_create_volumes = TRUE, .fixed_volume_format = "raw",
  },
  [VS_POOL_TYPE_GLUSTER] = {
    .type = VS_POOL_TYPE_GLUSTER, .name = "gluster",
    .required = HOST | NAME, .optional = PORT | SRCDIR,
    .default_port = 24007,
    .can_create_volumes = TRUE,
    .volume_formats = file_volume_formats, .default_volume_format = "raw",
  },
  [VS_POOL_TYPE_ZFS] = {
    .type = VS_POOL_TYPE_ZFS, .name = "zfs",
    .required = NAME, .optional = DEVICE | TARGET,
    .build = VS_POOL_BUILD_FORMAT, .build_undoable = TRUE,
    .can_create_volumes = TRUE, .fixed_volume_format = "raw",
  },
};

#undef TARGET
#undef HOST
#undef PORT
#undef SRCDIR
#undef DEVICE
#undef NAME
#undef FORMAT
#undef ADAPTER
#undef TIQN
#undef IIQN
#undef AUTH

const VsPoolTypeInfo *
vs_pool_type_get_info (VsPoolType type)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return &types[type];
}

const char *
vs_pool_type_to_string (VsPoolType type)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return types[type].name;
}

gboolean
vs_pool_type_from_string (const char *name,
                          VsPoolType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; name != NULL && i < VS_POOL_TYPE_COUNT; i++)
    if (g_str_equal (name, types[i].name))
      {
        *type = i;
        return TRUE;
      }

  return FALSE;
}

gboolean
vs_pool_type_requires (VsPoolType  type,
                       VsPoolField field)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, FALSE);

  return (types[type].required & field) == field;
}

gboolean
vs_pool_type_accepts (VsPoolType  type,
                      VsPoolField field)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, FALSE);

  return ((types[type].required | types[type].optional) & field) == field;
}

gboolean
vs_pool_type_has_source_format (VsPoolType  type,
                                const char *format)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, FALSE);

  return format != NULL && types[type].source_formats != NULL &&
         g_strv_contains ((const char * const *) types[type].source_formats, format);
}
