/* vs-pool-definition.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-pool-type.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_DEFINITION (vs_pool_definition_get_type ())

/* The longest pool name, in bytes of UTF-8, that libvirt can keep: it
 * stores a persistent pool as /etc/libvirt/storage/NAME.xml, written as
 * NAME.xml.new first, and a file name has at most 255 bytes. */
#define VS_POOL_NAME_MAX_BYTES 247

/* A plain description of a storage pool: what the wizard asks for, turned
 * into libvirt's pool XML by vs_pool_definition_to_xml() (libxml2's tree
 * API: every value is escaped, nothing is pasted into a string).
 *
 * Which fields a type uses is in vs_pool_type_get_info(); fields the type
 * does not accept are left out of the XML. Strings may be NULL; an empty
 * string counts as not given. An empty target path of a type with a
 * default_target_path (/dev, /dev/disk/by-path, /dev/mapper) is that one. */
typedef struct
{
  VsPoolType  type;
  char       *name;
  char       *target_path;
  /* Source hosts: the NFS or Gluster server, the iSCSI portal, the Ceph
   * monitors (several only where the type takes a list). */
  GStrv       hosts;
  /* The port of every host; 0 leaves libvirt's default. */
  guint       port;
  /* The export (NFS: absolute path; CIFS share or Gluster path). */
  char       *source_dir;
  /* Source block devices (several only where the type takes a list). */
  GStrv       devices;
  /* The volume group, Ceph pool, Gluster volume or zpool. */
  char       *source_name;
  /* NULL: the type's default, decided by libvirt. */
  char       *source_format;
  /* A SCSI host adapter, e.g. "host0". */
  char       *adapter_name;
  /* The iSCSI target (its IQN) and our initiator's IQN. */
  char       *target_iqn;
  char       *initiator_iqn;

  /* Authentication (iscsi, iscsi-direct: CHAP; rbd: Ceph), written when
   * auth_username is set. The pool names a libvirt secret: the one with
   * UUID secret_uuid, or else the one whose usage is secret_usage (by
   * default vs_pool_definition_dup_secret_usage()). With secret_value (the
   * CHAP password, or the Ceph key as `ceph auth get-key` prints it, in
   * base64), creating the pool defines that secret first, and removes it
   * again when a later step fails. */
  char       *auth_username;
  char       *secret_usage;
  char       *secret_uuid;
  char       *secret_value;

  /* Building formats the source (VIR_STORAGE_POOL_BUILD_OVERWRITE): fs
   * makes a new file system, disk a new partition table, logical and zfs
   * take devices that hold data. It erases them: ask first. */
  gboolean    build_overwrite;
} VsPoolDefinition;

GType              vs_pool_definition_get_type       (void) G_GNUC_CONST;
VsPoolDefinition  *vs_pool_definition_new            (VsPoolType               type);
VsPoolDefinition  *vs_pool_definition_copy           (const VsPoolDefinition  *self);
/* Wipes secret_value before freeing it. */
void               vs_pool_definition_free           (VsPoolDefinition        *self);

/* Checks every field the type uses (names, paths, hosts, IQNs, the secret)
 * without asking the host; see the vs_pool_definition_check_*() functions
 * for the messages. Fails with VS_POOL_ERROR_INVALID. */
gboolean           vs_pool_definition_validate       (const VsPoolDefinition  *self,
                                                      GError                 **error);
/* The pool XML, after vs_pool_definition_validate(). */
char              *vs_pool_definition_to_xml         (const VsPoolDefinition  *self,
                                                      GError                 **error);
/* Where a new dir pool goes by default: /var/lib/libvirt/images/NAME on a
 * system connection, ~/.local/share/libvirt/images/NAME (of the user
 * running the app) on a session one; NULL for other types, which have a
 * fixed default_target_path or none. */
char              *vs_pool_definition_suggest_target (VsPoolType               type,
                                                      const char              *name,
                                                      gboolean                 session);

/* The usage of the secret the pool names when secret_uuid is not set:
 * secret_usage, or "virt-storage:NAME". */
char              *vs_pool_definition_dup_secret_usage (const VsPoolDefinition *self);
/* The <secret> document for secret_value (a private, persistent secret of
 * usage type iscsi or ceph). */
char              *vs_pool_definition_to_secret_xml  (const VsPoolDefinition  *self,
                                                      GError                 **error);
/* The bytes libvirt keeps as the secret's value: the password as typed,
 * or the Ceph key decoded from base64. */
GBytes            *vs_pool_definition_get_secret_bytes (const VsPoolDefinition *self,
                                                        GError                **error);

/* Checks for the fields, one at a time, as the user types. Each fails with
 * VS_POOL_ERROR_INVALID and a sentence that can be shown next to the
 * field. None of them asks the host, except where said. */

/* Not empty, valid UTF-8, no "/", no control characters (newlines), not
 * "." or "..", at most VS_POOL_NAME_MAX_BYTES bytes, and (when @pools, a
 * GListModel of VsPool such as vs_connection_get_pools(), is given) not
 * the name of a pool there. */
gboolean           vs_pool_definition_check_name     (const char              *name,
                                                      GListModel              *pools,
                                                      GError                 **error);
/* An absolute path, without control characters. */
gboolean           vs_pool_definition_check_path     (const char              *path,
                                                      GError                 **error);
/* LOCAL ONLY: looks at this machine's file system (GFile, a few stat
 * calls), so it only tells the truth for a connection to this machine
 * (qemu:///system, qemu:///session) and an app that sees the host's files
 * (not a Flatpak sandbox without access to them). Refuses a target folder
 * that exists as something else than a folder (a regular file), or that
 * lies under a file. A path that does not exist yet is fine: building
 * makes it. */
gboolean           vs_pool_definition_check_local_target (const char          *path,
                                                          GError             **error);
/* A host name or an IP address (IPv4 or IPv6), not empty. */
gboolean           vs_pool_definition_check_host     (const char              *host,
                                                      GError                 **error);
/* Parses a port as typed: empty (or only spaces) gives 0, "libvirt's
 * default"; otherwise a number from 1 to 65535 ("0", "65536", "abc" and
 * "80x" are refused). */
gboolean           vs_pool_definition_parse_port     (const char              *text,
                                                      guint                   *port,
                                                      GError                 **error);
/* An iSCSI qualified name: iqn.YYYY-MM.reversed.domain[:anything]. */
gboolean           vs_pool_definition_check_iqn      (const char              *iqn,
                                                      GError                 **error);
/* A Ceph key as `ceph auth get-key` prints it (base64). */
gboolean           vs_pool_definition_check_ceph_key (const char              *key,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsPoolDefinition, vs_pool_definition_free)

G_END_DECLS
