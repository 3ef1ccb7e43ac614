/* vs-pool-capabilities.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-capabilities"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-pool-capabilities-private.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* Object data on the VsConnection: the capabilities of its open session,
 * and a counter of ended sessions (a load that started in an older one is
 * not cached). */
#define CACHE_KEY "vs-pool-capabilities"
#define EPOCH_KEY "vs-pool-capabilities-epoch"

typedef struct
{
  gboolean  supported;
  GStrv     source_formats;
  char     *default_source_format;
  GStrv     volume_formats;
  char     *default_volume_format;
} TypeCapabilities;

struct _VsPoolCapabilities
{
  gatomicrefcount  ref_count;
  gboolean         builtin;
  TypeCapabilities types[VS_POOL_TYPE_COUNT];
};

typedef struct
{
  virConnectPtr conn;
  guint         epoch;
} LoadData;

G_DEFINE_BOXED_TYPE (VsPoolCapabilities, vs_pool_capabilities,
                     vs_pool_capabilities_ref, vs_pool_capabilities_unref)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static VsPoolCapabilities *
capabilities_new (void)
{
  VsPoolCapabilities *self = g_new0 (VsPoolCapabilities, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

/* Reads <defaultFormat type> and the values of <enum name=@enum_name>. */
static void
read_options (xmlNode     *options,
              const char  *enum_name,
              GStrv       *formats,
              char       **default_format)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  xmlNode *values = NULL;
  guint n = 0;

  if (options == NULL)
    return;

  *default_format = vs_xml_attr (vs_xml_child (options, "defaultFormat"), "type");

  for (xmlNode *node = vs_xml_child (options, "enum"); node != NULL; node = vs_xml_next (node, "enum"))
    {
      g_autofree char *name = vs_xml_attr (node, "name");

      if (g_strcmp0 (name, enum_name) == 0)
        values = node;
    }

  builder = g_strv_builder_new ();
  for (xmlNode *value = vs_xml_child (values, "value"); value != NULL; value = vs_xml_next (value, "value"))
    {
      g_autofree char *text = vs_xml_text (value);

      if (text != NULL && *text != '\0')
        {
          g_strv_builder_add (builder, text);
          n++;
        }
    }

  *formats = n > 0 ? g_strv_builder_end (builder) : NULL;
}

static gboolean
is_unsupported (const GError *error)
{
  return vs_error_get_libvirt_code (error) == VIR_ERR_NO_SUPPORT;
}

/* Cache ------------------------------------------------------------------ */

static guint
get_epoch (VsConnection *connection)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (connection), EPOCH_KEY));
}

static void
state_changed_cb (VsConnection *connection,
                  GParamSpec   *pspec,
                  gpointer      user_data)
{
  if (vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED)
    return;

  /* The next session may reach another libvirt (the daemon was upgraded). */
  g_object_set_data (G_OBJECT (connection), CACHE_KEY, NULL);
  g_object_set_data (G_OBJECT (connection), EPOCH_KEY, GUINT_TO_POINTER (get_epoch (connection) + 1));
}

static void
watch_connection (VsConnection *connection)
{
  static const char watched_key[] = "vs-pool-capabilities-watched";

  if (g_object_get_data (G_OBJECT (connection), watched_key) != NULL)
    return;

  g_object_set_data (G_OBJECT (connection), watched_key, GINT_TO_POINTER (TRUE));
  g_signal_connect (connection, "notify::state", G_CALLBACK (state_changed_cb), NULL);
}

/* Worker ----------------------------------------------------------------- */

static void
load_data_free (gpointer ptr)
{
  LoadData *data = ptr;

  if (data->conn != NULL)
    vs_release_conn (g_steal_pointer (&data->conn));
  g_free (data);
}

static gpointer
load_worker (gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadData *data = task_data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *xml = NULL;
  VsPoolCapabilities *caps;

  xml = virConnectGetStoragePoolCapabilities (data->conn, 0);
  if (xml == NULL)
    vs_error_set_from_libvirt (&local_error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_FAILED,
                               _("Could not read which pool types the host supports"));
  g_clear_pointer (&data->conn, virConnectClose);

  if (local_error != NULL)
    {
      if (is_unsupported (local_error))
        return vs_pool_capabilities_new_builtin ();

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  caps = vs_pool_capabilities_new_from_xml (xml, &local_error);
  if (caps == NULL)
    {
      /* A document we cannot read says nothing we can use. */
      g_debug ("Unreadable pool capabilities: %s", local_error->message);
      return vs_pool_capabilities_new_builtin ();
    }

  return caps;
}

static void
load_apply (gpointer      source,
            gpointer      data,
            gpointer      result,
            const GError *error)
{
  VsConnection *connection = source;
  LoadData *load_data = data;

  if (result != NULL && load_data->epoch == get_epoch (connection) &&
      vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED)
    g_object_set_data_full (G_OBJECT (connection), CACHE_KEY,
                            vs_pool_capabilities_ref (result),
                            (GDestroyNotify) vs_pool_capabilities_unref);
}

/* Public API ------------------------------------------------------------- */

VsPoolCapabilities *
vs_pool_capabilities_ref (VsPoolCapabilities *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vs_pool_capabilities_unref (VsPoolCapabilities *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    {
      g_strfreev (self->types[i].source_formats);
      g_free (self->types[i].default_source_format);
      g_strfreev (self->types[i].volume_formats);
      g_free (self->types[i].default_volume_format);
    }
  g_free (self);
}

VsPoolCapabilities *
vs_pool_capabilities_new_from_xml (const char  *xml,
                                   GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  VsPoolCapabilities *self;
  xmlNode *root;

  if (!(doc = vs_xml_read_document (xml, "storagepoolCapabilities", error)))
    return NULL;

  self = capabilities_new ();
  root = xmlDocGetRootElement (doc);

  for (xmlNode *node = vs_xml_child (root, "pool"); node != NULL; node = vs_xml_next (node, "pool"))
    {
      g_autofree char *type_name = vs_xml_attr (node, "type");
      g_autofree char *supported = vs_xml_attr (node, "supported");
      TypeCapabilities *caps;
      VsPoolType type;

      if (!vs_pool_type_from_string (type_name, &type))
        continue;

      caps = &self->types[type];
      caps->supported = g_strcmp0 (supported, "yes") == 0;
      read_options (vs_xml_child (node, "poolOptions"), "sourceFormatType",
                    &caps->source_formats, &caps->default_source_format);
      read_options (vs_xml_child (node, "volOptions"), "targetFormatType",
                    &caps->volume_formats, &caps->default_volume_format);
    }

  return self;
}

VsPoolCapabilities *
vs_pool_capabilities_new_builtin (void)
{
  VsPoolCapabilities *self = capabilities_new ();

  self->builtin = TRUE;

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    {
      const VsPoolTypeInfo *info = vs_pool_type_get_info (i);
      TypeCapabilities *caps = &self->types[i];

      caps->supported = TRUE;
      caps->source_formats = g_strdupv ((GStrv) info->source_formats);
      caps->default_source_format = g_strdup (info->default_source_format);
      caps->volume_formats = g_strdupv ((GStrv) info->volume_formats);
      caps->default_volume_format = g_strdup (info->volume_formats != NULL
                                                ? info->default_volume_format
                                                : info->fixed_volume_format);
    }

  return self;
}

gboolean
vs_pool_capabilities_is_builtin (VsPoolCapabilities *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->builtin;
}

gboolean
vs_pool_capabilities_supports (VsPoolCapabilities *self,
                               VsPoolType          type)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, FALSE);

  return self->types[type].supported;
}

const char * const *
vs_pool_capabilities_get_source_formats (VsPoolCapabilities *self,
                                         VsPoolType          type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return (const char * const *) self->types[type].source_formats;
}

const char *
vs_pool_capabilities_get_default_source_format (VsPoolCapabilities *self,
                                                VsPoolType          type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return self->types[type].default_source_format;
}

const char * const *
vs_pool_capabilities_get_volume_formats (VsPoolCapabilities *self,
                                         VsPoolType          type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return (const char * const *) self->types[type].volume_formats;
}

const char *
vs_pool_capabilities_get_default_volume_format (VsPoolCapabilities *self,
                                                VsPoolType          type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return self->types[type].default_volume_format;
}

void
vs_pool_capabilities_load_async (VsConnection        *connection,
                                 virConnectPtr        conn,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  VsPoolCapabilities *cached;
  LoadData *data;

  g_return_if_fail (VS_IS_CONNECTION (connection));
  g_return_if_fail (conn != NULL);

  data = g_new0 (LoadData, 1);
  data->conn = conn;

  watch_connection (connection);
  cached = g_object_get_data (G_OBJECT (connection), CACHE_KEY);
  if (cached != NULL)
    {
      g_autoptr(GTask) task = g_task_new (connection, cancellable, callback, user_data);

      g_task_set_source_tag (task, vs_pool_capabilities_load_async);
      g_task_return_pointer (task, vs_pool_capabilities_ref (cached),
                             (GDestroyNotify) vs_pool_capabilities_unref);
      load_data_free (data);
      return;
    }

  data->epoch = get_epoch (connection);
  vs_worker_run (connection, vs_pool_capabilities_load_async, cancellable,
                 load_worker, data, load_data_free,
                 load_apply, (GDestroyNotify) vs_pool_capabilities_unref,
                 callback, user_data);
}

VsPoolCapabilities *
vs_pool_capabilities_load_finish (VsConnection  *connection,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  VsPoolCapabilities *caps;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  caps = vs_worker_get_result (connection, result, vs_pool_capabilities_load_async, error);
  return caps != NULL ? vs_pool_capabilities_ref (caps) : NULL;
}
