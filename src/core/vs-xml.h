/* vs-xml.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* What one volume's XML says. Plain data, safe to build in a worker. */
typedef struct
{
  char         *key;
  VsVolumeType  type;
  char         *path;
  const char   *format;        /* interned */
  guint64       capacity;
  guint64       allocation;
  char         *backing_path;
} VsVolumeDetails;

void      vs_volume_details_free (VsVolumeDetails *details);

gboolean  vs_xml_parse_volume    (const char       *xml,
                                  VsVolumeDetails  *details,
                                  GError          **error);
/* Reads the pool's type attribute and target path. */
gboolean  vs_xml_parse_pool      (const char       *xml,
                                  char            **pool_type,
                                  char            **target_path,
                                  GError          **error);
/* The key under which vs_xml_domain_disk_paths() reports a disk that names
 * a pool and a volume instead of a path. */
char      *vs_xml_volume_ref       (const char    *pool_name,
                                    const char    *volume_name);
/* Splits what vs_xml_volume_ref() made; FALSE for any other string. Pool
 * and volume names never hold a '/'. */
gboolean   vs_xml_volume_ref_parse  (const char    *ref,
                                     char         **pool_name,
                                     char         **volume_name);
/* The paths of the devices a pool's <source> names (a disk pool's disk,
 * a logical pool's physical volumes), in document order. */
GPtrArray *vs_xml_pool_source_devices (const char  *xml,
                                       GError     **error);
/* Every file or block source a domain's disks use, backing chains included;
 * disks of type 'volume' appear as vs_xml_volume_ref(). */
GPtrArray *vs_xml_domain_disk_paths (const char    *xml,
                                     GError       **error);

/* Building blocks for the readers and writers of other libvirt documents
 * (pool definitions, pool capabilities, discovered pool sources). */

/* Parses @xml; fails unless its root element is @root_name. */
xmlDoc    *vs_xml_read_document     (const char    *xml,
                                     const char    *root_name,
                                     GError       **error);
/* The first child element of @parent named @name, or NULL (also for a NULL
 * @parent). */
xmlNode   *vs_xml_child             (xmlNode       *parent,
                                     const char    *name);
/* The next sibling element of @node named @name, or NULL. */
xmlNode   *vs_xml_next              (xmlNode       *node,
                                     const char    *name);
/* The text inside @node, stripped, or NULL. */
char      *vs_xml_text              (xmlNode       *node);
/* The attribute @name of @node, or NULL. */
char      *vs_xml_attr              (xmlNode       *node,
                                     const char    *name);
/* The root element of @doc, indented, without an XML declaration. */
char      *vs_xml_to_string         (xmlDoc        *doc);
/* Whether UTF-8 @text holds a control character (a line break, a tab, ...):
 * escaping covers markup, but XML 1.0 cannot carry most control characters,
 * and none belongs in a name, a path or a format. */
gboolean   vs_xml_has_control_characters (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsVolumeDetails, vs_volume_details_free)

G_END_DECLS
