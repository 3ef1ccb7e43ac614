/* vs-pool-type.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The storage pool types libvirt offers that the app creates. The order is
 * the one a type chooser shows. */
typedef enum
{
  VS_POOL_TYPE_DIR,
  VS_POOL_TYPE_FS,
  VS_POOL_TYPE_NETFS,
  VS_POOL_TYPE_LOGICAL,
  VS_POOL_TYPE_DISK,
  VS_POOL_TYPE_ISCSI,
  VS_POOL_TYPE_ISCSI_DIRECT,
  VS_POOL_TYPE_SCSI,
  VS_POOL_TYPE_MPATH,
  VS_POOL_TYPE_RBD,
  VS_POOL_TYPE_GLUSTER,
  VS_POOL_TYPE_ZFS,
} VsPoolType;

#define VS_POOL_TYPE_COUNT (VS_POOL_TYPE_ZFS + 1)

/* The parts of a pool definition (VsPoolDefinition) a type asks for. */
typedef enum
{
  VS_POOL_FIELD_NONE          = 0,
  VS_POOL_FIELD_TARGET_PATH   = 1 << 0,  /* <target><path>: a folder or /dev/... */
  VS_POOL_FIELD_HOST          = 1 << 1,  /* <source><host name>: server, portal, monitor */
  VS_POOL_FIELD_PORT          = 1 << 2,  /* <source><host port> */
  VS_POOL_FIELD_SOURCE_DIR    = 1 << 3,  /* <source><dir path>: an export, a share */
  VS_POOL_FIELD_DEVICE        = 1 << 4,  /* <source><device path>: a block device */
  VS_POOL_FIELD_SOURCE_NAME   = 1 << 5,  /* <source><name>: VG, Ceph pool, Gluster volume, zpool */
  VS_POOL_FIELD_SOURCE_FORMAT = 1 << 6,  /* <source><format type> */
  VS_POOL_FIELD_ADAPTER       = 1 << 7,  /* <source><adapter name>: a SCSI host adapter */
  VS_POOL_FIELD_TARGET_IQN    = 1 << 8,  /* <source><device path='iqn...'>: an iSCSI target */
  VS_POOL_FIELD_INITIATOR_IQN = 1 << 9,  /* <source><initiator><iqn name> */
  VS_POOL_FIELD_AUTH          = 1 << 10, /* <source><auth>: user name and a secret */
} VsPoolField;

/* The authentication a type's <auth> element takes. */
typedef enum
{
  VS_POOL_AUTH_NONE,
  VS_POOL_AUTH_CHAP,   /* iSCSI: a user name and a password */
  VS_POOL_AUTH_CEPH,   /* Ceph: a user name and a key */
} VsPoolAuthType;

/* What virStoragePoolBuild does for a type. */
typedef enum
{
  /* The type cannot be built: its storage exists already. */
  VS_POOL_BUILD_NONE,
  /* Makes the target folder (dir) or mount point (netfs). */
  VS_POOL_BUILD_DIRECTORY,
  /* Makes the mount point; with VIR_STORAGE_POOL_BUILD_OVERWRITE it also
   * makes a new file system on the device, erasing it (fs). */
  VS_POOL_BUILD_DIRECTORY_OR_FORMAT,
  /* Writes to the source devices (LVM labels, a partition table, a zpool):
   * whatever they held is erased (logical, disk, zfs). Without
   * VIR_STORAGE_POOL_BUILD_OVERWRITE, libvirt refuses devices that hold
   * data. */
  VS_POOL_BUILD_FORMAT,
} VsPoolBuild;

/* What virConnectFindStoragePoolSources needs to look for a type's sources. */
typedef enum
{
  VS_POOL_DISCOVERY_NONE,   /* libvirt cannot discover them */
  VS_POOL_DISCOVERY_LOCAL,  /* looks on the host itself (LVM volume groups) */
  VS_POOL_DISCOVERY_HOST,   /* asks a server: NFS exports, iSCSI targets of a portal */
} VsPoolDiscovery;

/* What one pool type needs and does. Static data: never freed. */
typedef struct
{
  VsPoolType          type;
  /* libvirt's name of the type, e.g. "iscsi-direct". */
  const char         *name;
  /* Fields a definition must fill, and fields it may fill. */
  VsPoolField         required;
  VsPoolField         optional;
  /* Fields that take a list: several hosts (Ceph monitors), several
   * devices (the physical volumes of a volume group). */
  VsPoolField         multiple;
  VsPoolAuthType      auth;
  /* libvirt 9's source formats (NULL-terminated; NULL when the type has
   * none) and its default; the host's own list comes from the pool
   * capabilities. */
  const char * const *source_formats;
  const char         *default_source_format;
  /* Where the type's devices appear ("/dev/disk/by-path"), or NULL when
   * the target is the user's choice or the type has none. */
  const char         *default_target_path;
  /* The port a server of this type listens on, or 0. */
  guint               default_port;
  VsPoolBuild         build;
  /* Whether virStoragePoolDelete undoes the build (removes the folder,
   * the volume group, the zpool). */
  gboolean            build_undoable;
  VsPoolDiscovery     discovery;
  /* Whether libvirt creates volumes in such a pool; LUN-based pools only
   * show the LUNs that exist. */
  gboolean            can_create_volumes;
  /* Every volume has this format ("raw": a block device), or NULL when
   * volume_formats offers a choice. */
  const char         *fixed_volume_format;
  /* libvirt 9's volume formats (NULL-terminated) and its default, or NULL. */
  const char * const *volume_formats;
  const char         *default_volume_format;
} VsPoolTypeInfo;

const VsPoolTypeInfo *vs_pool_type_get_info      (VsPoolType     type);
/* libvirt's name of @type. */
const char           *vs_pool_type_to_string     (VsPoolType     type);
/* FALSE when @name is not one of the types above (e.g. "sheepdog"). */
gboolean              vs_pool_type_from_string   (const char    *name,
                                                  VsPoolType    *type);
/* Whether a definition of @type must fill @field. */
gboolean              vs_pool_type_requires      (VsPoolType     type,
                                                  VsPoolField    field);
/* Whether a definition of @type may fill @field (required or optional). */
gboolean              vs_pool_type_accepts       (VsPoolType     type,
                                                  VsPoolField    field);
/* Whether @format is one of libvirt 9's source formats of @type. */
gboolean              vs_pool_type_has_source_format (VsPoolType  type,
                                                      const char *format);

G_END_DECLS
