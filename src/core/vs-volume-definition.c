/* vs-volume-definition.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-definition"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "vs-error.h"
#include "vs-pool.h"
#include "vs-size.h"
#include "vs-volume.h"
#include "vs-volume-definition.h"
#include "vs-xml.h"

/* NAME_MAX of every filesystem libvirt keeps volumes on. */
#define NAME_MAX_BYTES 255

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)

/* Values that end up in XML text or attributes: escaping covers markup,
 * but XML 1.0 has no way at all to carry most control characters. */
static gboolean
check_text (const char  *value,
            const char  *message,
            GError     **error)
{
  if (value == NULL)
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL) || vs_xml_has_control_characters (value))
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID, message);
      return FALSE;
    }

  return TRUE;
}

static void
add_size (xmlNode    *parent,
          const char *element,
          guint64     bytes)
{
  char text[32];
  xmlNode *node;

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, bytes);
  node = xmlNewTextChild (parent, NULL, (const xmlChar *) element, (const xmlChar *) text);
  xmlNewProp (node, (const xmlChar *) "unit", (const xmlChar *) "bytes");
}

static void
add_format (xmlNode    *parent,
            const char *format)
{
  xmlNode *node;

  if (format == NULL)
    return;

  node = xmlNewChild (parent, NULL, (const xmlChar *) "format", NULL);
  xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) format);
}

static char *
xpath_string (xmlXPathContext *context,
              const char      *expression)
{
  xmlXPathObject *object;
  char *value = NULL;

  object = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  if (object != NULL && object->type == XPATH_STRING &&
      object->stringval != NULL && object->stringval[0] != '\0')
    value = g_strdup ((const char *) object->stringval);
  xmlXPathFreeObject (object);

  return value;
}

/* libvirt's <capacity unit="G">20</capacity>: the unit rules of
 * vs_size_parse() are libvirt's own. @missing when there is no element. */
static gboolean
xpath_size (xmlXPathContext  *context,
            const char       *element,
            guint64           missing,
            guint64          *bytes,
            GError          **error)
{
  g_autofree char *text_path = g_strdup_printf ("string(/volume/%s)", element);
  g_autofree char *unit_path = g_strdup_printf ("string(/volume/%s/@unit)", element);
  g_autofree char *text = xpath_string (context, text_path);
  g_autofree char *unit = xpath_string (context, unit_path);
  g_autofree char *size = NULL;
  g_autoptr(GError) local_error = NULL;

  *bytes = missing;
  if (text == NULL)
    return TRUE;

  size = g_strconcat (text, " ", unit, NULL);
  if (!vs_size_parse (size, VS_SIZE_PARSE_ALLOW_ZERO, bytes, &local_error))
    {
      g_set_error (error, VS_XML_ERROR, VS_XML_ERROR_INVALID,
                   /* Translators: <%s> is an XML element, the second %s why it is wrong */
                   _("The <%s> of the definition is wrong: %s"), element, local_error->message);
      return FALSE;
    }

  return TRUE;
}

VsVolumeDefinition *
vs_volume_definition_new (const char *name,
                          const char *format,
                          guint64     capacity)
{
  VsVolumeDefinition *def = g_new0 (VsVolumeDefinition, 1);

  def->name = g_strdup (name);
  def->format = g_strdup (format);
  def->capacity = capacity;

  return def;
}

VsVolumeDefinition *
vs_volume_definition_copy (const VsVolumeDefinition *def)
{
  VsVolumeDefinition *copy;

  g_return_val_if_fail (def != NULL, NULL);

  copy = vs_volume_definition_new (def->name, def->format, def->capacity);
  copy->allocation = def->allocation;
  copy->backing_path = g_strdup (def->backing_path);
  copy->backing_format = g_strdup (def->backing_format);

  return copy;
}

void
vs_volume_definition_free (VsVolumeDefinition *def)
{
  if (def == NULL)
    return;

  g_free (def->name);
  g_free (def->format);
  g_free (def->backing_path);
  g_free (def->backing_format);
  g_free (def);
}

gboolean
vs_volume_name_validate (const char  *name,
                         VsPool      *pool,
                         GError     **error)
{
  const char *last;

  g_return_val_if_fail (pool == NULL || VS_IS_POOL (pool), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("Enter a name for the volume"));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("The name is not valid text (UTF-8)"));
      return FALSE;
    }

  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("“%s” contains “/”: a volume name cannot contain slashes"), name);
      return FALSE;
    }

  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("“%s” is not a valid volume name"), name);
      return FALSE;
    }

  if (vs_xml_has_control_characters (name))
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("A volume name cannot contain line breaks, tabs or other "
                             "control characters"));
      return FALSE;
    }

  last = g_utf8_find_prev_char (name, name + strlen (name));
  if (g_unichar_isspace (g_utf8_get_char (name)) || g_unichar_isspace (g_utf8_get_char (last)))
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("“%s” begins or ends with a space: remove it, it would be invisible"),
                   name);
      return FALSE;
    }

  if (strlen (name) > NAME_MAX_BYTES)
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("The name is too long: it takes %zu bytes, at most %d are allowed "
                     "(letters outside ASCII take two or more)"),
                   strlen (name), NAME_MAX_BYTES);
      return FALSE;
    }

  if (pool != NULL && vs_pool_find_volume (pool, name) != NULL)
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS,
                   _("“%s” already has a volume named “%s”"), vs_pool_get_name (pool), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
vs_volume_definition_validate (const VsVolumeDefinition  *def,
                               VsPool                    *pool,
                               GError                   **error)
{
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (pool == NULL || VS_IS_POOL (pool), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!vs_volume_name_validate (def->name, pool, error))
    return FALSE;

  if (def->capacity == 0)
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("The capacity must be larger than zero"));
      return FALSE;
    }

  if (def->allocation > def->capacity)
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("The allocation cannot be larger than the capacity"));
      return FALSE;
    }

  if (def->backing_format != NULL && def->backing_path == NULL)
    {
      g_set_error_literal (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                           _("A backing format needs a backing file"));
      return FALSE;
    }

  if (!check_text (def->format,
                   _("The format name holds control characters or is not UTF-8 text"),
                   error) ||
      !check_text (def->backing_path,
                   _("The backing file’s path holds control characters or is not UTF-8 text"),
                   error) ||
      !check_text (def->backing_format,
                   _("The backing format holds control characters or is not UTF-8 text"),
                   error))
    return FALSE;

  return TRUE;
}

char *
vs_volume_definition_to_xml (const VsVolumeDefinition  *def,
                             GError                   **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlBuffer *buffer;
  xmlNode *root;
  xmlNode *target;
  char *xml;

  g_return_val_if_fail (def != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!vs_volume_definition_validate (def, NULL, error))
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "volume");
  xmlDocSetRootElement (doc, root);

  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) def->name);
  add_size (root, "capacity", def->capacity);
  add_size (root, "allocation", def->allocation);

  target = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  add_format (target, def->format);

  if (def->backing_path != NULL)
    {
      xmlNode *backing = xmlNewChild (root, NULL, (const xmlChar *) "backingStore", NULL);

      xmlNewTextChild (backing, NULL, (const xmlChar *) "path",
                       (const xmlChar *) def->backing_path);
      add_format (backing, def->backing_format);
    }

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, root, 0, 1);
  xml = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return xml;
}

VsVolumeDefinition *
vs_volume_definition_new_from_xml (const char  *xml,
                                   GError     **error)
{
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) context = NULL;
  xmlNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (xml == NULL || *xml == '\0')
    {
      g_set_error_literal (error, VS_XML_ERROR, VS_XML_ERROR_EMPTY,
                           _("The definition is empty"));
      return NULL;
    }

  doc = xmlReadMemory (xml, strlen (xml), "volume.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error_literal (error, VS_XML_ERROR, VS_XML_ERROR_PARSE,
                           _("The definition is not valid XML"));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) "volume") != 0)
    {
      g_set_error_literal (error, VS_XML_ERROR, VS_XML_ERROR_INVALID,
                           _("The definition has no <volume> element"));
      return NULL;
    }

  context = xmlXPathNewContext (doc);
  def = g_new0 (VsVolumeDefinition, 1);
  def->name = xpath_string (context, "string(/volume/name)");
  def->format = xpath_string (context, "string(/volume/target/format/@type)");
  def->backing_path = xpath_string (context, "string(/volume/backingStore/path)");
  def->backing_format = xpath_string (context, "string(/volume/backingStore/format/@type)");

  /* libvirt allocates a volume fully when the XML names no allocation. */
  if (!xpath_size (context, "capacity", 0, &def->capacity, error) ||
      !xpath_size (context, "allocation", def->capacity, &def->allocation, error))
    return NULL;

  return g_steal_pointer (&def);
}
