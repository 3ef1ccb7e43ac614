/* vs-connection-manager.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-connection-manager"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vs-connection-manager.h"
#include "vs-error.h"
#include "vs-uri.h"

typedef struct
{
  gboolean remember;
  gboolean autoconnect;
} Entry;

struct _VsConnectionManager
{
  GObject              parent_instance;

  GSettings           *settings;
  GListStore          *connections;
  GHashTable          *entries;      /* VsConnection → Entry */
  GCancellable        *cancellable;

  VsCredentialHandler  credential_handler;
  gpointer             credential_data;
};

G_DEFINE_FINAL_TYPE (VsConnectionManager, vs_connection_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
save (VsConnectionManager *self)
{
  GVariantBuilder builder;
  guint n;

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sb)"));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);
      Entry *entry = g_hash_table_lookup (self->entries, connection);

      if (entry->remember)
        g_variant_builder_add (&builder, "(sb)", vs_connection_get_uri (connection),
                               entry->autoconnect);
    }

  g_settings_set_value (self->settings, "connections", g_variant_builder_end (&builder));
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VsConnection *connection = VS_CONNECTION (object);
  g_autoptr(GError) error = NULL;

  /* The connection shows its failure itself (state and error-message). */
  if (!vs_connection_open_finish (connection, result, &error))
    g_debug ("Opening %s failed: %s", vs_connection_get_uri (connection), error->message);
}

static void
vs_connection_manager_dispose (GObject *object)
{
  VsConnectionManager *self = (VsConnectionManager *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->connections != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VsConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

          vs_connection_set_credential_handler (connection, NULL, NULL, NULL);
          vs_connection_close (connection);
        }
      g_list_store_remove_all (self->connections);
    }

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->connections);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vs_connection_manager_parent_class)->dispose (object);
}

static void
vs_connection_manager_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VsConnectionManager *self = VS_CONNECTION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_manager_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VsConnectionManager *self = VS_CONNECTION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_manager_class_init (VsConnectionManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_connection_manager_dispose;
  object_class->get_property = vs_connection_manager_get_property;
  object_class->set_property = vs_connection_manager_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_connection_manager_init (VsConnectionManager *self)
{
  self->connections = g_list_store_new (VS_TYPE_CONNECTION);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancellable = g_cancellable_new ();
}

/* Public API ------------------------------------------------------------ */

VsConnectionManager *
vs_connection_manager_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VS_TYPE_CONNECTION_MANAGER, "settings", settings, NULL);
}

GListModel *
vs_connection_manager_get_connections (VsConnectionManager *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), NULL);

  return G_LIST_MODEL (self->connections);
}

VsConnection *
vs_connection_manager_lookup (VsConnectionManager *self,
                              const char          *uri)
{
  g_autofree char *wanted = NULL;
  guint n;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  wanted = g_strstrip (g_strdup (uri));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (g_strcmp0 (vs_connection_get_uri (connection), wanted) == 0)
        return connection;
    }

  return NULL;
}

guint
vs_connection_manager_load (VsConnectionManager *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GPtrArray) to_open = NULL;
  GVariantIter iter;
  const char *uri;
  gboolean autoconnect;
  guint count = 0;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), 0);

  if (self->settings == NULL)
    return 0;

  to_open = g_ptr_array_new ();
  value = g_settings_get_value (self->settings, "connections");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&sb)", &uri, &autoconnect))
    {
      g_autoptr(GError) error = NULL;
      VsConnection *connection;

      connection = vs_connection_manager_add (self, uri, TRUE, autoconnect, &error);
      if (connection == NULL)
        {
          g_warning ("Skipping the remembered connection “%s”: %s", uri, error->message);
          continue;
        }

      count++;
      if (autoconnect)
        g_ptr_array_add (to_open, connection);
    }

  for (guint i = 0; i < to_open->len; i++)
    vs_connection_manager_open (self, g_ptr_array_index (to_open, i), NULL, NULL);

  return count;
}

VsConnection *
vs_connection_manager_create (VsConnectionManager  *self,
                              const char           *uri,
                              GError              **error)
{
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (uri));
  if (!vs_uri_validate (clean, error))
    return NULL;

  connection = vs_connection_new (clean);
  if (self->credential_handler != NULL)
    vs_connection_set_credential_handler (connection, self->credential_handler,
                                          self->credential_data, NULL);

  return g_steal_pointer (&connection);
}

VsConnection *
vs_connection_manager_add (VsConnectionManager  *self,
                           const char           *uri,
                           gboolean              remember,
                           gboolean              autoconnect,
                           GError              **error)
{
  g_autoptr(VsConnection) connection = NULL;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  connection = vs_connection_manager_create (self, uri, error);
  if (connection == NULL ||
      !vs_connection_manager_add_connection (self, connection, remember, autoconnect, error))
    return NULL;

  return connection;
}

gboolean
vs_connection_manager_add_connection (VsConnectionManager  *self,
                                      VsConnection         *connection,
                                      gboolean              remember,
                                      gboolean              autoconnect,
                                      GError              **error)
{
  Entry *entry;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), FALSE);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (vs_connection_manager_lookup (self, vs_connection_get_uri (connection)) != NULL)
    {
      g_autofree char *name = vs_uri_dup_display_name (vs_connection_get_uri (connection));

      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_EXISTS,
                   _("%s is already in the list"), name);
      return FALSE;
    }

  /* A daemon restarted or a link back up: the window follows by itself. */
  vs_connection_set_auto_reconnect (connection, TRUE);

  entry = g_new0 (Entry, 1);
  entry->remember = !!remember;
  entry->autoconnect = !!autoconnect;
  g_hash_table_insert (self->entries, connection, entry);
  g_list_store_append (self->connections, connection);

  if (remember)
    save (self);

  return TRUE;
}

void
vs_connection_manager_remove (VsConnectionManager *self,
                              VsConnection        *connection)
{
  g_autoptr(VsConnection) hold = NULL;
  gboolean remembered;
  guint position;

  g_return_if_fail (VS_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (VS_IS_CONNECTION (connection));

  if (!g_list_store_find (self->connections, connection, &position))
    return;

  hold = g_object_ref (connection);
  remembered = vs_connection_manager_is_remembered (self, connection);

  vs_connection_set_credential_handler (connection, NULL, NULL, NULL);
  vs_connection_close (connection);
  g_hash_table_remove (self->entries, connection);
  g_list_store_remove (self->connections, position);

  if (remembered)
    save (self);
}

void
vs_connection_manager_open (VsConnectionManager *self,
                            VsConnection        *connection,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (VS_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (VS_IS_CONNECTION (connection));

  vs_connection_open_async (connection, FALSE, self->cancellable,
                            callback != NULL ? callback : open_done_cb,
                            user_data);
}

gboolean
vs_connection_manager_is_remembered (VsConnectionManager *self,
                                     VsConnection        *connection)
{
  Entry *entry;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), FALSE);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), FALSE);

  entry = g_hash_table_lookup (self->entries, connection);
  return entry != NULL && entry->remember;
}

gboolean
vs_connection_manager_get_autoconnect (VsConnectionManager *self,
                                       VsConnection        *connection)
{
  Entry *entry;

  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (self), FALSE);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), FALSE);

  entry = g_hash_table_lookup (self->entries, connection);
  return entry != NULL && entry->autoconnect;
}

void
vs_connection_manager_set_autoconnect (VsConnectionManager *self,
                                       VsConnection        *connection,
                                       gboolean             autoconnect)
{
  Entry *entry;

  g_return_if_fail (VS_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (VS_IS_CONNECTION (connection));

  entry = g_hash_table_lookup (self->entries, connection);
  g_return_if_fail (entry != NULL);

  autoconnect = !!autoconnect;
  if (entry->autoconnect == autoconnect)
    return;

  entry->autoconnect = autoconnect;
  if (entry->remember)
    save (self);
}

void
vs_connection_manager_set_credential_handler (VsConnectionManager *self,
                                              VsCredentialHandler  handler,
                                              gpointer             user_data)
{
  guint n;

  g_return_if_fail (VS_IS_CONNECTION_MANAGER (self));

  self->credential_handler = handler;
  self->credential_data = user_data;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      vs_connection_set_credential_handler (connection, handler, user_data, NULL);
    }
}
