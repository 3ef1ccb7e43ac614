/* vs-volume-definition.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* What a new volume is to be, in plain terms; vs_volume_definition_to_xml()
 * turns it into the <volume> XML of virStorageVolCreateXML. Plain data,
 * safe to use in any thread. */
typedef struct
{
  char    *name;
  /* "qcow2", "raw", ...; NULL writes no <format> (pools whose volumes have
   * a fixed format: logical, disk, rbd, ...). */
  char    *format;
  guint64  capacity;         /* bytes the guest sees, more than 0 */
  /* Bytes to reserve up front: 0 is thin, the capacity is full. A qcow2
   * volume honours it only with VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA
   * (metadata preallocation below the capacity, full at it). */
  guint64  allocation;
  char    *backing_path;     /* the base of an overlay, or NULL */
  char    *backing_format;   /* the base's format, or NULL */
} VsVolumeDefinition;

VsVolumeDefinition *vs_volume_definition_new           (const char                *name,
                                                        const char                *format,
                                                        guint64                    capacity);
VsVolumeDefinition *vs_volume_definition_copy          (const VsVolumeDefinition  *def);
void                vs_volume_definition_free          (VsVolumeDefinition        *def);

/* Checks what any pool would refuse, or what would not read back as
 * written: an empty name, "/", "." and "..", control characters (line
 * breaks included), spaces at either end, text that is not UTF-8, more
 * than 255 bytes. Quotes, "<", "&" and non-ASCII letters are fine.
 * VS_VOLUME_ERROR_INVALID, with a message that says what is wrong. With
 * @pool (main thread), also that no volume listed in @pool has the name:
 * VS_VOLUME_ERROR_EXISTS. */
gboolean            vs_volume_name_validate            (const char                *name,
                                                        VsPool                    *pool,
                                                        GError                   **error);

/* The name (vs_volume_name_validate(), with @pool when given), a capacity
 * above 0, an allocation not above the capacity, a backing format only
 * with a backing path, and no control characters anywhere. */
gboolean            vs_volume_definition_validate      (const VsVolumeDefinition  *def,
                                                        VsPool                    *pool,
                                                        GError                   **error);

/* The <volume> XML, built with libxml2's tree API (every value escaped);
 * NULL and VS_VOLUME_ERROR_INVALID when the definition does not validate
 * (without a pool). Sizes are written in bytes. */
char               *vs_volume_definition_to_xml        (const VsVolumeDefinition  *def,
                                                        GError                   **error);

/* Reads a <volume> XML (ours, libvirt's, or a caller's, whose sizes may
 * carry a unit attribute) back into a definition. VS_XML_ERROR when it is
 * not a volume definition. Nothing is validated. */
VsVolumeDefinition *vs_volume_definition_new_from_xml  (const char                *xml,
                                                        GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsVolumeDefinition, vs_volume_definition_free)

G_END_DECLS
