/* vs-pool-sources.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-sources"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-pool-sources-private.h"
#include "vs-worker.h"
#include "vs-xml.h"

typedef struct
{
  virConnectPtr  conn;
  VsPoolType     type;
  char          *host;
  char          *spec;
} FindData;

G_DEFINE_BOXED_TYPE (VsPoolSource, vs_pool_source, vs_pool_source_copy, vs_pool_source_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* The values of attribute @attribute of every child @element of @parent. */
static GStrv
read_all (xmlNode    *parent,
          const char *element,
          const char *attribute)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (xmlNode *node = vs_xml_child (parent, element); node != NULL; node = vs_xml_next (node, element))
    {
      g_autofree char *value = vs_xml_attr (node, attribute);

      if (value != NULL && *value != '\0')
        {
          g_strv_builder_add (builder, value);
          n++;
        }
    }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static VsPoolSource *
read_source (xmlNode *node)
{
  VsPoolSource *source = g_new0 (VsPoolSource, 1);
  g_autofree char *port = vs_xml_attr (vs_xml_child (node, "host"), "port");
  guint64 value;

  source->hosts = read_all (node, "host", "name");
  if (port != NULL && g_ascii_string_to_unsigned (port, 10, 1, 65535, &value, NULL))
    source->port = (guint) value;
  source->dir = vs_xml_attr (vs_xml_child (node, "dir"), "path");
  source->devices = read_all (node, "device", "path");
  source->name = vs_xml_text (vs_xml_child (node, "name"));
  source->format = vs_xml_attr (vs_xml_child (node, "format"), "type");
  source->adapter_name = vs_xml_attr (vs_xml_child (node, "adapter"), "name");
  source->initiator_iqn = vs_xml_attr (vs_xml_child (vs_xml_child (node, "initiator"), "iqn"), "name");

  return source;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = g_strdup (value);
}

/* What virConnectFindStoragePoolSources is asked: <source><host/></source>. */
static char *
build_spec (const char *host,
            guint       port)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root, *node;

  if (host == NULL)
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "source");
  xmlDocSetRootElement (doc, root);
  node = xmlNewChild (root, NULL, (const xmlChar *) "host", NULL);
  xmlNewProp (node, (const xmlChar *) "name", (const xmlChar *) host);
  if (port > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", port);

      xmlNewProp (node, (const xmlChar *) "port", (const xmlChar *) text);
    }

  return vs_xml_to_string (doc);
}

static void
find_data_free (gpointer ptr)
{
  FindData *data = ptr;

  if (data->conn != NULL)
    vs_release_conn (g_steal_pointer (&data->conn));
  g_free (data->host);
  g_free (data->spec);
  g_free (data);
}

static gpointer
find_worker (gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  FindData *data = task_data;
  g_autofree char *xml = NULL;

  xml = virConnectFindStoragePoolSources (data->conn, vs_pool_type_to_string (data->type),
                                          data->spec, 0);
  if (xml == NULL)
    {
      g_autofree char *context = NULL;

      if (data->host != NULL)
        context = g_strdup_printf (_("Could not look for storage on %s"), data->host);
      else
        context = g_strdup (_("Could not look for storage on the host"));

      vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED, context);
    }
  g_clear_pointer (&data->conn, virConnectClose);

  if (xml == NULL)
    return NULL;

  return vs_pool_sources_parse (xml, error);
}

/* Public API ------------------------------------------------------------- */

VsPoolSource *
vs_pool_source_copy (const VsPoolSource *self)
{
  VsPoolSource *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (VsPoolSource, 1);
  copy->hosts = g_strdupv (self->hosts);
  copy->port = self->port;
  copy->dir = g_strdup (self->dir);
  copy->devices = g_strdupv (self->devices);
  copy->name = g_strdup (self->name);
  copy->format = g_strdup (self->format);
  copy->adapter_name = g_strdup (self->adapter_name);
  copy->initiator_iqn = g_strdup (self->initiator_iqn);

  return copy;
}

void
vs_pool_source_free (VsPoolSource *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->hosts);
  g_free (self->dir);
  g_strfreev (self->devices);
  g_free (self->name);
  g_free (self->format);
  g_free (self->adapter_name);
  g_free (self->initiator_iqn);
  g_free (self);
}

GPtrArray *
vs_pool_sources_parse (const char  *xml,
                       GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  GPtrArray *sources;
  xmlNode *root;

  if (!(doc = vs_xml_read_document (xml, "sources", error)))
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) vs_pool_source_free);
  root = xmlDocGetRootElement (doc);
  for (xmlNode *node = vs_xml_child (root, "source"); node != NULL; node = vs_xml_next (node, "source"))
    g_ptr_array_add (sources, read_source (node));

  return sources;
}

void
vs_pool_source_fill_definition (const VsPoolSource *self,
                                VsPoolDefinition   *definition)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (definition != NULL);

  if (self->hosts != NULL)
    {
      g_strfreev (definition->hosts);
      definition->hosts = g_strdupv (self->hosts);
    }
  if (self->port > 0)
    definition->port = self->port;
  replace_string (&definition->source_dir, self->dir);
  replace_string (&definition->source_name, self->name);
  replace_string (&definition->source_format, self->format);
  replace_string (&definition->adapter_name, self->adapter_name);
  replace_string (&definition->initiator_iqn, self->initiator_iqn);

  if (self->devices == NULL)
    return;

  /* An iSCSI source's device is the target, not a block device. */
  if (vs_pool_type_accepts (definition->type, VS_POOL_FIELD_TARGET_IQN))
    replace_string (&definition->target_iqn, self->devices[0]);
  else
    {
      g_strfreev (definition->devices);
      definition->devices = g_strdupv (self->devices);
    }
}

void
vs_pool_sources_find_async (VsConnection        *connection,
                            virConnectPtr        conn,
                            VsPoolType           type,
                            const char          *host,
                            guint                port,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  const VsPoolTypeInfo *info;
  FindData *data;

  g_return_if_fail (VS_IS_CONNECTION (connection));
  g_return_if_fail (conn != NULL);
  g_return_if_fail (type < VS_POOL_TYPE_COUNT);

  data = g_new0 (FindData, 1);
  data->conn = conn;
  data->type = type;

  info = vs_pool_type_get_info (type);
  if (info->discovery == VS_POOL_DISCOVERY_NONE)
    g_set_error (&error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID,
                 _("libvirt cannot look for the sources of %s pools"), info->name);
  else if (info->discovery == VS_POOL_DISCOVERY_HOST)
    vs_pool_definition_check_host (host, &error);

  if (error != NULL)
    {
      find_data_free (data);
      g_task_report_error (connection, callback, user_data, vs_pool_sources_find_async,
                           g_steal_pointer (&error));
      return;
    }

  if (info->discovery == VS_POOL_DISCOVERY_HOST)
    {
      data->host = g_strdup (host);
      data->spec = build_spec (host, port);
    }

  vs_worker_run (connection, vs_pool_sources_find_async, cancellable,
                 find_worker, data, find_data_free,
                 NULL, (GDestroyNotify) g_ptr_array_unref,
                 callback, user_data);
}

GPtrArray *
vs_pool_sources_find_finish (VsConnection  *connection,
                             GAsyncResult  *result,
                             GError       **error)
{
  GPtrArray *sources;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  sources = vs_worker_get_result (connection, result, vs_pool_sources_find_async, error);
  return sources != NULL ? g_ptr_array_ref (sources) : NULL;
}
