/* vs-xml.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-xml"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "vs-error.h"
#include "vs-xml.h"

/* How vs_xml_volume_ref() marks a disk that names a pool and a volume; no
 * path starts like this. */
#define VOLUME_REF_PREFIX "volume:"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static const char * const volume_type_names[] = {
  [VS_VOLUME_TYPE_FILE] = "file",
  [VS_VOLUME_TYPE_BLOCK] = "block",
  [VS_VOLUME_TYPE_DIR] = "dir",
  [VS_VOLUME_TYPE_NETWORK] = "network",
  [VS_VOLUME_TYPE_NETDIR] = "netdir",
  [VS_VOLUME_TYPE_PLOOP] = "ploop",
};

xmlDoc *
vs_xml_read_document (const char  *xml,
                      const char  *root_name,
                      GError     **error)
{
  xmlDoc *doc;
  xmlNode *root;

  if (xml == NULL)
    {
      g_set_error_literal (error, VS_XML_ERROR, VS_XML_ERROR_EMPTY,
                           _("The definition is empty"));
      return NULL;
    }

  doc = xmlReadMemory (xml, strlen (xml), "definition.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error_literal (error, VS_XML_ERROR, VS_XML_ERROR_PARSE,
                           _("The definition is not valid XML"));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) root_name) != 0)
    {
      xmlFreeDoc (doc);
      g_set_error (error, VS_XML_ERROR, VS_XML_ERROR_INVALID,
                   _("The definition has no <%s> element"), root_name);
      return NULL;
    }

  return doc;
}

static xmlNode *
first_element (xmlNode    *node,
               const char *name)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) name) == 0)
      return n;

  return NULL;
}

xmlNode *
vs_xml_child (xmlNode    *parent,
              const char *name)
{
  return parent != NULL ? first_element (parent->children, name) : NULL;
}

xmlNode *
vs_xml_next (xmlNode    *node,
             const char *name)
{
  return node != NULL ? first_element (node->next, name) : NULL;
}

char *
vs_xml_text (xmlNode *node)
{
  xmlChar *content;
  char *ret;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;

  ret = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return ret;
}

char *
vs_xml_attr (xmlNode    *node,
             const char *name)
{
  xmlChar *value;
  char *ret;

  if (node == NULL)
    return NULL;

  value = xmlGetProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;

  ret = g_strdup ((const char *) value);
  xmlFree (value);
  return ret;
}

char *
vs_xml_to_string (xmlDoc *doc)
{
  xmlBuffer *buffer;
  xmlSaveCtxt *save;
  char *ret;

  g_return_val_if_fail (doc != NULL, NULL);

  /* The root element alone, indented, in UTF-8: what virsh shows. */
  buffer = xmlBufferCreate ();
  save = xmlSaveToBuffer (buffer, "UTF-8", XML_SAVE_FORMAT | XML_SAVE_NO_DECL);
  xmlSaveTree (save, xmlDocGetRootElement (doc));
  xmlSaveClose (save);
  ret = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);

  return ret;
}

gboolean
vs_xml_has_control_characters (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static guint64
node_uint64 (xmlNode *node)
{
  g_autofree char *text = vs_xml_text (node);
  guint64 value = 0;

  /* libvirt always reports these in bytes when it writes XML. */
  if (text != NULL)
    g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL);

  return value;
}

void
vs_volume_details_free (VsVolumeDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->key);
  g_free (details->path);
  g_free (details->backing_path);
  g_free (details);
}

gboolean
vs_xml_parse_volume (const char       *xml,
                     VsVolumeDetails  *details,
                     GError          **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *type = NULL;
  g_autofree char *format = NULL;
  xmlNode *root;
  xmlNode *target;

  g_return_val_if_fail (details != NULL, FALSE);

  if (!(doc = vs_xml_read_document (xml, "volume", error)))
    return FALSE;

  root = xmlDocGetRootElement (doc);
  target = vs_xml_child (root, "target");

  type = vs_xml_attr (root, "type");
  details->type = VS_VOLUME_TYPE_UNKNOWN;
  for (guint i = 1; type != NULL && i < G_N_ELEMENTS (volume_type_names); i++)
    if (g_strcmp0 (type, volume_type_names[i]) == 0)
      details->type = i;
  /* libvirt omits the attribute for plain files in older definitions. */
  if (type == NULL)
    details->type = VS_VOLUME_TYPE_FILE;

  g_clear_pointer (&details->path, g_free);
  details->path = vs_xml_text (vs_xml_child (target, "path"));

  format = vs_xml_attr (vs_xml_child (target, "format"), "type");
  details->format = format != NULL ? g_intern_string (format) : NULL;

  details->capacity = node_uint64 (vs_xml_child (root, "capacity"));
  details->allocation = node_uint64 (vs_xml_child (root, "allocation"));

  g_clear_pointer (&details->backing_path, g_free);
  details->backing_path = vs_xml_text (vs_xml_child (vs_xml_child (root, "backingStore"), "path"));

  return TRUE;
}

gboolean
vs_xml_parse_pool (const char  *xml,
                   char       **pool_type,
                   char       **target_path,
                   GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (!(doc = vs_xml_read_document (xml, "pool", error)))
    return FALSE;

  root = xmlDocGetRootElement (doc);

  if (pool_type != NULL)
    *pool_type = vs_xml_attr (root, "type");
  if (target_path != NULL)
    *target_path = vs_xml_text (vs_xml_child (vs_xml_child (root, "target"), "path"));

  return TRUE;
}

static void
collect_source_chain (xmlNode   *holder,
                      GPtrArray *paths)
{
  /* A <disk> or <backingStore> holds a <source> and, for chains that libvirt
   * tracks, a nested <backingStore> with its own <source>. */
  for (xmlNode *node = holder; node != NULL; node = vs_xml_child (node, "backingStore"))
    {
      xmlNode *source = vs_xml_child (node, "source");
      char *path;

      if (source == NULL)
        continue;

      path = vs_xml_attr (source, "file");
      if (path == NULL)
        {
          g_autofree char *pool = vs_xml_attr (source, "pool");
          g_autofree char *volume = vs_xml_attr (source, "volume");

          /* <disk type='volume'> names the pool and volume instead of a path. */
          if (pool != NULL && volume != NULL)
            path = vs_xml_volume_ref (pool, volume);
        }
      if (path == NULL)
        path = vs_xml_attr (source, "dev");
      if (path == NULL)
        path = vs_xml_attr (source, "dir");
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
}

char *
vs_xml_volume_ref (const char *pool_name,
                   const char *volume_name)
{
  return g_strconcat (VOLUME_REF_PREFIX, pool_name, "/", volume_name, NULL);
}

gboolean
vs_xml_volume_ref_parse (const char  *ref,
                         char       **pool_name,
                         char       **volume_name)
{
  const char *names;
  const char *slash;

  g_return_val_if_fail (ref != NULL, FALSE);

  if (!g_str_has_prefix (ref, VOLUME_REF_PREFIX))
    return FALSE;

  names = ref + strlen (VOLUME_REF_PREFIX);
  slash = strchr (names, '/');
  if (slash == NULL || slash == names || slash[1] == '\0')
    return FALSE;

  if (pool_name != NULL)
    *pool_name = g_strndup (names, slash - names);
  if (volume_name != NULL)
    *volume_name = g_strdup (slash + 1);

  return TRUE;
}

GPtrArray *
vs_xml_pool_source_devices (const char  *xml,
                            GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  xmlNode *source;

  if (!(doc = vs_xml_read_document (xml, "pool", error)))
    return NULL;

  paths = g_ptr_array_new_with_free_func (g_free);
  source = vs_xml_child (xmlDocGetRootElement (doc), "source");

  for (xmlNode *n = source != NULL ? source->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) "device") == 0)
      {
        char *path = vs_xml_attr (n, "path");

        if (path != NULL)
          g_ptr_array_add (paths, path);
      }

  return g_steal_pointer (&paths);
}

GPtrArray *
vs_xml_domain_disk_paths (const char  *xml,
                          GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  xmlNode *devices;

  if (!(doc = vs_xml_read_document (xml, "domain", error)))
    return NULL;

  paths = g_ptr_array_new_with_free_func (g_free);
  devices = vs_xml_child (xmlDocGetRootElement (doc), "devices");

  for (xmlNode *n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp (n->name, (const xmlChar *) "disk") == 0)
      collect_source_chain (n, paths);

  return g_steal_pointer (&paths);
}
