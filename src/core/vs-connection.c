/* vs-connection.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-connection.h"
#include "vs-connection-private.h"
#include "vs-core-enums.h"
#include "vs-credential-request.h"
#include "vs-domain-usage.h"
#include "vs-error.h"
#include "vs-job.h"
#include "vs-pool-private.h"
#include "vs-session.h"
#include "vs-uri.h"
#include "vs-worker.h"

struct _VsConnection
{
  GObject              parent_instance;

  char                *uri;
  char                *hostname;
  GError              *error;
  VsConnectionState    state;
  guint                read_only : 1;
  guint                auto_reconnect : 1;
  guint                retrying : 1;
  guint                reconnecting : 1;
  guint                reload_running : 1;
  guint                reload_again : 1;
  guint                reload_pending : 1;  /* an event came while connecting */

  VsSession           *session;        /* NULL unless connected */
  GCancellable        *cancellable;    /* cancelled when this session ends */
  guint                generation;     /* of the current session */
  guint                retry_source;   /* the next reconnection attempt */
  guint                retry_delay;    /* seconds, doubled per failed attempt */
  guint                list_serial;    /* of the last pool listing started */
  guint                applied_serial; /* of the last one applied */
  GHashTable          *pinned;         /* uuid → serial of the last listing
                                        * started before its newer info came */

  GListStore          *pools;
  GListStore          *jobs;           /* running VsJobs */
  GHashTable          *pools_by_uuid;  /* uuid → VsPool, not owned */
  VsDomainUsage       *usage;

  VsCredentialRequest *auth;           /* a credential question being answered */
  VsCredentialHandler  credential_handler;
  gpointer             credential_data;
  GDestroyNotify       credential_destroy;
};

G_DEFINE_FINAL_TYPE (VsConnection, vs_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_STATE,
  PROP_READ_ONLY,
  PROP_HOSTNAME,
  PROP_ERROR_MESSAGE,
  PROP_AUTO_RECONNECT,
  PROP_RECONNECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char                *uri;
  gboolean             read_only;
  guint                generation;
  VsCredentialRequest *credentials;
  GWeakRef             owner;
  GCancellable        *caller_cancellable;
  gulong               chain_id;
} OpenData;

typedef struct
{
  VsSession *session;
  GPtrArray *pools;       /* VsPoolInfo */
} OpenResult;

typedef struct
{
  virConnectPtr conn;
  guint         generation;
  guint         serial;
} ListData;

typedef struct
{
  GPtrArray *pools;
  guint      generation;
  guint      serial;
} ListResult;

static void queue_reload     (VsConnection *self);
static void schedule_retry   (VsConnection *self);
static void stop_retrying    (VsConnection *self);

/* State ----------------------------------------------------------------- */

static void
set_state (VsConnection      *self,
           VsConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (VsConnection *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_pools_reachable (VsConnection *self,
                     gboolean      reachable)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pools));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (G_LIST_MODEL (self->pools), i);
      vs_pool_set_reachable (pool, reachable);
    }
}

/* Ends the current session: releases the libvirt connection (in a thread)
 * and greys out the pools, which stay listed. */
static void
end_session (VsConnection      *self,
             VsConnectionState  state,
             const GError      *error)
{
  g_object_freeze_notify (G_OBJECT (self));

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->reload_running = FALSE;
  self->reload_again = FALSE;
  self->reload_pending = FALSE;
  g_hash_table_remove_all (self->pinned);

  /* The pools and the domain map drop their libvirt handles first, so that
   * the connection's last reference goes away in the release thread. */
  set_pools_reachable (self, FALSE);
  vs_domain_usage_set_connection (self->usage, NULL);
  g_clear_pointer (&self->session, vs_session_release);

  set_error (self, error);
  set_state (self, state);

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
unpin_cb (gpointer key,
          gpointer value,
          gpointer user_data)
{
  return GPOINTER_TO_UINT (value) < GPOINTER_TO_UINT (user_data);
}

/* Applies the listing numbered @serial. A pool whose info came later than
 * that listing started (vs_connection_take_pool_info()) keeps it: the
 * listing may have read the host before, and must neither take the pool
 * back to an older state nor drop it. */
static void
apply_pools (VsConnection *self,
             GPtrArray    *infos,
             guint         serial)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  for (guint i = 0; i < infos->len; i++)
    {
      VsPoolInfo *info = g_ptr_array_index (infos, i);
      VsPool *pool = g_hash_table_lookup (self->pools_by_uuid, info->uuid);

      g_hash_table_add (seen, info->uuid);

      if (pool != NULL)
        {
          if (GPOINTER_TO_UINT (g_hash_table_lookup (self->pinned, info->uuid)) < serial)
            vs_pool_update (pool, info);
          vs_pool_set_reachable (pool, TRUE);
          continue;
        }

      pool = vs_pool_new (self, info);
      g_hash_table_insert (self->pools_by_uuid, (gpointer) vs_pool_get_uuid (pool), pool);
      g_ptr_array_add (added, pool);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pools));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (G_LIST_MODEL (self->pools), i - 1);

      if (g_hash_table_contains (seen, vs_pool_get_uuid (pool)) ||
          GPOINTER_TO_UINT (g_hash_table_lookup (self->pinned, vs_pool_get_uuid (pool))) >= serial)
        continue;

      g_hash_table_remove (self->pools_by_uuid, vs_pool_get_uuid (pool));
      vs_pool_detach (pool);
      g_list_store_remove (self->pools, i - 1);
    }

  if (added->len > 0)
    g_list_store_splice (self->pools, g_list_model_get_n_items (G_LIST_MODEL (self->pools)),
                         0, added->pdata, added->len);

  g_hash_table_foreach_remove (self->pinned, unpin_cb, GUINT_TO_POINTER (serial));
}

/* Session events ---------------------------------------------------------- */

static void
session_pool_event (GObject    *owner,
                    const char *uuid,
                    gboolean    refresh)
{
  VsConnection *self = VS_CONNECTION (owner);
  VsPool *pool = refresh ? g_hash_table_lookup (self->pools_by_uuid, uuid) : NULL;

  if (pool != NULL)
    vs_pool_refresh_event (pool);
  else
    queue_reload (self);
}

static void
session_domain_event (GObject    *owner,
                      const char *uuid)
{
  VsConnection *self = VS_CONNECTION (owner);

  vs_domain_usage_domain_changed (self->usage, uuid);
}

static void
session_closed (GObject *owner,
                int      reason)
{
  VsConnection *self = VS_CONNECTION (owner);
  g_autoptr(GError) error = NULL;

  if (self->state != VS_CONNECTION_STATE_CONNECTED)
    return;

  switch (reason)
    {
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      error = g_error_new (VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED,
                           _("The host %s stopped answering"), self->uri);
      break;
    case VIR_CONNECT_CLOSE_REASON_EOF:
      error = g_error_new (VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED,
                           _("The connection to %s was closed: the libvirt daemon stopped or the network link dropped"),
                           self->uri);
      break;
    default:
      error = g_error_new (VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED,
                           _("The connection to %s was lost"), self->uri);
      break;
    }

  g_debug ("%s", error->message);
  end_session (self, VS_CONNECTION_STATE_DISCONNECTED, error);
  if (self->auto_reconnect)
    schedule_retry (self);
}

static const VsSessionHandler session_handler = {
  .pool_event = session_pool_event,
  .domain_event = session_domain_event,
  .closed = session_closed,
};

static gboolean
ask_credentials (GObject             *owner,
                 VsCredentialRequest *request,
                 VsCredential        *creds,
                 guint                n_creds)
{
  VsConnection *self = VS_CONNECTION (owner);

  if (self->credential_handler == NULL || self->auth != NULL)
    return FALSE;

  self->auth = vs_credential_request_ref (request);
  self->credential_handler (self, creds, n_creds, self->credential_data);

  return TRUE;
}

/* Workers --------------------------------------------------------------- */

static int
compare_pool_infos (gconstpointer a,
                    gconstpointer b)
{
  const VsPoolInfo *info_a = *(VsPoolInfo * const *) a;
  const VsPoolInfo *info_b = *(VsPoolInfo * const *) b;

  return g_utf8_collate (info_a->name, info_b->name);
}

static GPtrArray *
list_pools (virConnectPtr   conn,
            GError        **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) vs_pool_info_free);
  g_autoptr(GError) failure = NULL;
  virStoragePoolPtr *pools = NULL;
  int n;

  n = virConnectListAllStoragePools (conn, &pools, 0);
  if (n < 0)
    {
      vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_FAILED,
                                 _("Could not list the storage pools"));
      return NULL;
    }

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      VsPoolInfo *info = vs_pool_info_fetch (pools[i], &local_error);

      if (info != NULL)
        g_ptr_array_add (infos, info);
      /* A pool undefined by someone else meanwhile is simply skipped; any
       * other failure (the daemon died) must not look like missing pools. */
      else if (!g_error_matches (local_error, VS_POOL_ERROR, VS_POOL_ERROR_NOT_FOUND) &&
               failure == NULL)
        failure = g_steal_pointer (&local_error);
    }
  for (int i = 0; i < n; i++)
    virStoragePoolFree (pools[i]);
  free (pools);

  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return NULL;
    }

  g_ptr_array_sort (infos, compare_pool_infos);
  return g_steal_pointer (&infos);
}

/* The caller's cancellable ends the session, so that the worker, which
 * watches the session's (a credential question waits on it), stops too. */
static void
chain_cancel_cb (GCancellable *cancellable,
                 GCancellable *session)
{
  g_cancellable_cancel (session);
}

static void
open_data_unchain (OpenData *data)
{
  if (data->chain_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->chain_id);
  data->chain_id = 0;
  g_clear_object (&data->caller_cancellable);
}

static void
open_data_free (gpointer ptr)
{
  OpenData *data = ptr;

  open_data_unchain (data);
  g_free (data->uri);
  g_clear_pointer (&data->credentials, vs_credential_request_unref);
  g_weak_ref_clear (&data->owner);
  g_free (data);
}

static void
open_result_free (gpointer ptr)
{
  OpenResult *result = ptr;

  g_clear_pointer (&result->session, vs_session_release);
  g_clear_pointer (&result->pools, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenResult, open_result_free)

static gpointer
open_worker (gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  OpenData *data = task_data;
  g_autoptr(OpenResult) result = g_new0 (OpenResult, 1);
  /* The task holds a reference to the connection until its callback ran on
   * the main thread: this one is never the last. */
  g_autoptr(GObject) owner = g_weak_ref_get (&data->owner);

  g_assert (owner != NULL);

  result->session = vs_session_open (data->uri, data->read_only, data->credentials,
                                     owner, &session_handler, cancellable, error);
  if (result->session == NULL)
    return NULL;

  /* Listed after the events are registered: a change from now on is either
   * in this list or reported by an event. */
  if (!(result->pools = list_pools (vs_session_get_conn (result->session), error)))
    return NULL;

  return g_steal_pointer (&result);
}

static void
open_apply (gpointer      source,
            gpointer      data,
            gpointer      res,
            const GError *error)
{
  VsConnection *self = source;
  OpenData *open_data = data;
  OpenResult *result = res;

  open_data_unchain (open_data);

  /* A close or another open happened meanwhile: this session is stale. */
  if (open_data->generation != self->generation)
    return;

  if (error != NULL)
    {
      if (self->state == VS_CONNECTION_STATE_CONNECTING)
        end_session (self,
                     g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? VS_CONNECTION_STATE_DISCONNECTED : VS_CONNECTION_STATE_FAILED,
                     g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? NULL : error);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  self->session = g_steal_pointer (&result->session);
  if (g_strcmp0 (self->hostname, vs_session_get_hostname (self->session)) != 0)
    {
      g_free (self->hostname);
      self->hostname = g_strdup (vs_session_get_hostname (self->session));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTNAME]);
    }

  self->applied_serial = self->list_serial;
  /* Nothing is pinned in a new session: the open's listing is the news. */
  apply_pools (self, result->pools, G_MAXUINT);
  vs_domain_usage_set_connection (self->usage, vs_session_ref_conn (self->session));
  set_error (self, NULL);
  set_state (self, VS_CONNECTION_STATE_CONNECTED);

  g_object_thaw_notify (G_OBJECT (self));

  /* What the events reported meanwhile may have come after the listing. */
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      queue_reload (self);
    }
}

static void
list_data_free (gpointer ptr)
{
  ListData *data = ptr;

  g_clear_pointer (&data->conn, virConnectClose);
  g_free (data);
}

static void
list_result_free (gpointer ptr)
{
  ListResult *result = ptr;

  g_ptr_array_unref (result->pools);
  g_free (result);
}

static gpointer
list_worker (gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListData *data = task_data;
  ListResult *result;
  GPtrArray *pools;

  if (!(pools = list_pools (data->conn, error)))
    return NULL;

  result = g_new0 (ListResult, 1);
  result->pools = pools;
  result->generation = data->generation;
  result->serial = data->serial;

  return result;
}

static void
list_apply (gpointer      source,
            gpointer      data,
            gpointer      res,
            const GError *error)
{
  VsConnection *self = source;
  ListResult *result = res;

  /* Listings may finish out of order: never go back to an older one. */
  if (result == NULL || result->generation != self->generation ||
      result->serial <= self->applied_serial)
    return;

  self->applied_serial = result->serial;
  apply_pools (self, result->pools, result->serial);
}

static void
queued_reload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VsConnection *self = VS_CONNECTION (object);
  g_autoptr(GError) error = NULL;

  if (!vs_connection_reload_pools_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Reloading the pools of %s failed: %s", self->uri, error->message);
    }

  /* A listing of an ended session answers nothing. */
  if (GPOINTER_TO_UINT (user_data) != self->generation)
    return;

  self->reload_running = FALSE;
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      queue_reload (self);
    }
}

/* Events come in bursts (virsh pool-create emits DEFINED then STARTED):
 * run one listing at a time and at most one more after it. Events that
 * come while the connection opens are remembered: the open's own listing
 * may have been taken before the change they report. */
static void
queue_reload (VsConnection *self)
{
  if (self->state == VS_CONNECTION_STATE_CONNECTING)
    {
      self->reload_pending = TRUE;
      return;
    }

  if (self->state != VS_CONNECTION_STATE_CONNECTED)
    return;

  if (self->reload_running)
    {
      self->reload_again = TRUE;
      return;
    }

  self->reload_running = TRUE;
  vs_connection_reload_pools_async (self, self->cancellable, queued_reload_cb,
                                    GUINT_TO_POINTER (self->generation));
}

/* Reconnection --------------------------------------------------------- */

/* After a drop, try again after 1, 2, 4, ... seconds, at most every 30 s,
 * until it works or the user closes or opens the connection themselves. */
#define RETRY_MAX_DELAY 30

static void
set_reconnecting (VsConnection *self,
                  gboolean      reconnecting)
{
  reconnecting = !!reconnecting;
  if (self->reconnecting == (guint) reconnecting)
    return;

  self->reconnecting = reconnecting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTING]);
}

static void
retry_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VsConnection *self = VS_CONNECTION (object);
  g_autoptr(GError) error = NULL;

  if (vs_connection_open_finish (self, result, &error))
    {
      self->retry_delay = 0;
      set_reconnecting (self, FALSE);
      return;
    }

  /* Anything but a refused attempt (a close, another open) ends the retries. */
  if (self->auto_reconnect && self->state == VS_CONNECTION_STATE_FAILED &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    schedule_retry (self);
  else
    stop_retrying (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  VsConnection *self = user_data;

  self->retry_source = 0;
  if (self->state == VS_CONNECTION_STATE_DISCONNECTED || self->state == VS_CONNECTION_STATE_FAILED)
    {
      g_debug ("Trying %s again", self->uri);
      self->retrying = TRUE;
      vs_connection_open_async (self, self->read_only, NULL, retry_done_cb, NULL);
      self->retrying = FALSE;
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (VsConnection *self)
{
  set_reconnecting (self, TRUE);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_delay = self->retry_delay == 0 ? 1 : MIN (self->retry_delay * 2, RETRY_MAX_DELAY);
  self->retry_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->retry_delay,
                                                   retry_cb, self, NULL);
}

static void
stop_retrying (VsConnection *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_delay = 0;
  set_reconnecting (self, FALSE);
}

/* Class ----------------------------------------------------------------- */

static void
vs_connection_dispose (GObject *object)
{
  VsConnection *self = (VsConnection *)object;
  guint n;

  stop_retrying (self);

  if (self->auth != NULL)
    vs_connection_credentials_done (self, FALSE);

  if (self->session != NULL || self->cancellable != NULL)
    end_session (self, VS_CONNECTION_STATE_DISCONNECTED, NULL);

  if (self->pools != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->pools));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VsPool) pool = g_list_model_get_item (G_LIST_MODEL (self->pools), i);
          vs_pool_detach (pool);
        }
      g_hash_table_remove_all (self->pools_by_uuid);
      g_list_store_remove_all (self->pools);
    }

  if (self->credential_destroy != NULL)
    g_clear_pointer (&self->credential_data, self->credential_destroy);
  self->credential_handler = NULL;

  G_OBJECT_CLASS (vs_connection_parent_class)->dispose (object);
}

static void
vs_connection_finalize (GObject *object)
{
  VsConnection *self = (VsConnection *)object;

  g_free (self->uri);
  g_free (self->hostname);
  g_clear_error (&self->error);
  g_clear_object (&self->pools);
  g_clear_object (&self->jobs);
  g_clear_object (&self->usage);
  g_clear_pointer (&self->pools_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->pinned, g_hash_table_unref);

  G_OBJECT_CLASS (vs_connection_parent_class)->finalize (object);
}

static void
vs_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VsConnection *self = VS_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error != NULL ? self->error->message : NULL);
      break;
    case PROP_AUTO_RECONNECT:
      g_value_set_boolean (value, self->auto_reconnect);
      break;
    case PROP_RECONNECTING:
      g_value_set_boolean (value, self->reconnecting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VsConnection *self = VS_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      break;
    case PROP_AUTO_RECONNECT:
      vs_connection_set_auto_reconnect (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_class_init (VsConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_connection_dispose;
  object_class->finalize = vs_connection_finalize;
  object_class->get_property = vs_connection_get_property;
  object_class->set_property = vs_connection_set_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, VS_TYPE_CONNECTION_STATE,
                                              VS_CONNECTION_STATE_DISCONNECTED, RO);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, RO);
  properties[PROP_HOSTNAME] = g_param_spec_string ("hostname", NULL, NULL, NULL, RO);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, RO);
  properties[PROP_AUTO_RECONNECT] =
    g_param_spec_boolean ("auto-reconnect", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECONNECTING] = g_param_spec_boolean ("reconnecting", NULL, NULL, FALSE, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_connection_init (VsConnection *self)
{
  self->pools = g_list_store_new (VS_TYPE_POOL);
  self->jobs = g_list_store_new (VS_TYPE_JOB);
  self->pools_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->usage = vs_domain_usage_new ();
}

/* Public API ------------------------------------------------------------ */

VsConnection *
vs_connection_new (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  vs_core_init ();

  return g_object_new (VS_TYPE_CONNECTION, "uri", uri, NULL);
}

const char *
vs_connection_get_uri (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return self->uri;
}

VsConnectionState
vs_connection_get_state (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), VS_CONNECTION_STATE_DISCONNECTED);

  return self->state;
}

gboolean
vs_connection_get_read_only (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), FALSE);

  return self->read_only;
}

const char *
vs_connection_get_hostname (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return self->hostname;
}

const GError *
vs_connection_get_error (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return self->error;
}

GListModel *
vs_connection_get_pools (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return G_LIST_MODEL (self->pools);
}

VsPool *
vs_connection_find_pool (VsConnection *self,
                         const char   *name)
{
  guint n;

  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pools));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (G_LIST_MODEL (self->pools), i);

      if (g_strcmp0 (vs_pool_get_name (pool), name) == 0)
        return pool;
    }

  return NULL;
}

gboolean
vs_connection_get_reconnecting (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), FALSE);

  return self->reconnecting;
}

gboolean
vs_connection_get_auto_reconnect (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), FALSE);

  return self->auto_reconnect;
}

void
vs_connection_set_auto_reconnect (VsConnection *self,
                                  gboolean      auto_reconnect)
{
  g_return_if_fail (VS_IS_CONNECTION (self));

  auto_reconnect = !!auto_reconnect;
  if (self->auto_reconnect == (guint) auto_reconnect)
    return;

  self->auto_reconnect = auto_reconnect;
  if (!auto_reconnect)
    stop_retrying (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RECONNECT]);
}

void
vs_connection_set_credential_handler (VsConnection        *self,
                                      VsCredentialHandler  handler,
                                      gpointer             user_data,
                                      GDestroyNotify       destroy)
{
  g_return_if_fail (VS_IS_CONNECTION (self));

  if (self->credential_destroy != NULL)
    g_clear_pointer (&self->credential_data, self->credential_destroy);

  self->credential_handler = handler;
  self->credential_data = user_data;
  self->credential_destroy = destroy;
}

void
vs_connection_credentials_done (VsConnection *self,
                                gboolean      answered)
{
  g_autoptr(VsCredentialRequest) auth = NULL;

  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (self->auth != NULL);

  auth = g_steal_pointer (&self->auth);
  vs_credential_request_finish (auth, answered);
}

void
vs_connection_open_async (VsConnection        *self,
                          gboolean             read_only,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OpenData *data;

  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!vs_uri_validate (self->uri, &error))
    {
      set_error (self, error);
      set_state (self, VS_CONNECTION_STATE_FAILED);
      g_task_report_error (self, callback, user_data, vs_connection_open_async,
                           g_steal_pointer (&error));
      return;
    }

  /* An open asked for by the user replaces any scheduled attempt. */
  if (!self->retrying)
    stop_retrying (self);

  if (self->session != NULL || self->cancellable != NULL)
    end_session (self, VS_CONNECTION_STATE_DISCONNECTED, NULL);

  g_object_freeze_notify (G_OBJECT (self));

  self->generation++;
  self->cancellable = g_cancellable_new ();
  if (self->read_only != (guint) !!read_only)
    {
      self->read_only = !!read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  set_state (self, VS_CONNECTION_STATE_CONNECTING);

  g_object_thaw_notify (G_OBJECT (self));

  data = g_new0 (OpenData, 1);
  data->uri = g_strdup (self->uri);
  data->read_only = read_only;
  data->generation = self->generation;
  g_weak_ref_init (&data->owner, self);
  data->credentials = vs_credential_request_new (G_OBJECT (self),
                                                 self->credential_handler != NULL
                                                   ? ask_credentials : NULL,
                                                 self->cancellable);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->chain_id = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                              g_object_ref (self->cancellable), g_object_unref);
    }

  vs_worker_run (self, vs_connection_open_async, self->cancellable,
                 open_worker, data, open_data_free,
                 open_apply, open_result_free,
                 callback, user_data);
}

gboolean
vs_connection_open_finish (VsConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_connection_open_async, error);
}

void
vs_connection_close (VsConnection *self)
{
  g_return_if_fail (VS_IS_CONNECTION (self));

  stop_retrying (self);

  if (self->state == VS_CONNECTION_STATE_DISCONNECTED && self->session == NULL)
    return;

  end_session (self, VS_CONNECTION_STATE_DISCONNECTED, NULL);
}

void
vs_connection_reload_pools_async (VsConnection        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ListData *data;

  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->session == NULL)
    {
      g_task_report_new_error (self, callback, user_data, vs_connection_reload_pools_async,
                               VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                               _("The connection to %s is not open"), self->uri);
      return;
    }

  data = g_new0 (ListData, 1);
  data->conn = vs_session_ref_conn (self->session);
  data->generation = self->generation;
  data->serial = ++self->list_serial;

  vs_worker_run (self, vs_connection_reload_pools_async, cancellable,
                 list_worker, data, list_data_free,
                 list_apply, list_result_free,
                 callback, user_data);
}

gboolean
vs_connection_reload_pools_finish (VsConnection  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_connection_reload_pools_async, error);
}

GListModel *
vs_connection_get_jobs (VsConnection *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

static void
job_finished_cb (VsJob        *job,
                 VsConnection *self)
{
  guint position;

  if (g_list_store_find (self->jobs, job, &position))
    g_list_store_remove (self->jobs, position);
}

void
vs_connection_add_job (VsConnection *self,
                       VsJob        *job)
{
  g_assert (VS_IS_CONNECTION (self));
  g_assert (VS_IS_JOB (job));
  g_assert (!vs_job_is_finished (job));

  g_signal_connect_object (job, "finished", G_CALLBACK (job_finished_cb), self, 0);
  g_list_store_append (self->jobs, job);
}

virConnectPtr
vs_connection_ref_virt (VsConnection *self)
{
  g_assert (VS_IS_CONNECTION (self));

  if (self->session == NULL || self->state != VS_CONNECTION_STATE_CONNECTED)
    return NULL;

  return vs_session_ref_conn (self->session);
}

void
vs_connection_pin_pool_info (VsConnection *self,
                             const char   *uuid)
{
  g_assert (VS_IS_CONNECTION (self));
  g_assert (uuid != NULL);

  /* Listings still running may have read the host before: they must not
   * undo this info. One more listing runs after them, so that a change
   * that came meanwhile is not lost. */
  if (self->list_serial > self->applied_serial)
    {
      g_hash_table_insert (self->pinned, g_strdup (uuid), GUINT_TO_POINTER (self->list_serial));
      queue_reload (self);
    }
}

VsPool *
vs_connection_take_pool_info (VsConnection     *self,
                              const VsPoolInfo *info)
{
  VsPool *pool;

  g_assert (VS_IS_CONNECTION (self));
  g_assert (info != NULL);

  vs_connection_pin_pool_info (self, info->uuid);

  pool = g_hash_table_lookup (self->pools_by_uuid, info->uuid);
  if (pool != NULL)
    {
      vs_pool_update (pool, info);
      return pool;
    }

  pool = vs_pool_new (self, info);
  g_hash_table_insert (self->pools_by_uuid, (gpointer) vs_pool_get_uuid (pool), pool);
  g_list_store_append (self->pools, pool);
  g_object_unref (pool);

  return pool;
}

/* Creating pools (issue 7) ----------------------------------------------- */

#include "vs-pool-capabilities-private.h"
#include "vs-pool-creator.h"
#include "vs-pool-sources-private.h"

/* A reference for a worker, or NULL after reporting to @callback, with
 * @source_tag, that the connection is not open. */
static virConnectPtr
ref_virt_or_report (VsConnection        *self,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  virConnectPtr conn = vs_connection_ref_virt (self);

  if (conn == NULL)
    g_task_report_new_error (self, callback, user_data, source_tag,
                             VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                             _("The connection to %s is not open"), self->uri);

  return conn;
}

static void
create_pool (VsConnection           *self,
             const char             *xml,
             const VsPoolDefinition *definition,
             VsPoolCreateFlags       flags,
             GCancellable           *cancellable,
             GAsyncReadyCallback     callback,
             gpointer                user_data)
{
  virConnectPtr conn = ref_virt_or_report (self, vs_pool_creator_run_async, callback, user_data);

  if (conn != NULL)
    vs_pool_creator_run_async (self, conn, xml, definition, flags, cancellable, callback, user_data);
}

void
vs_connection_create_pool_async (VsConnection        *self,
                                 const char          *xml,
                                 VsPoolCreateFlags    flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (xml != NULL);

  create_pool (self, xml, NULL, flags, cancellable, callback, user_data);
}

void
vs_connection_create_pool_from_definition_async (VsConnection           *self,
                                                 const VsPoolDefinition *definition,
                                                 const char             *xml,
                                                 VsPoolCreateFlags       flags,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data)
{
  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (definition != NULL);

  create_pool (self, xml, definition, flags, cancellable, callback, user_data);
}

VsPool *
vs_connection_create_pool_finish (VsConnection  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return vs_pool_creator_run_finish (self, result, error);
}

void
vs_connection_get_pool_capabilities_async (VsConnection        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  virConnectPtr conn;

  g_return_if_fail (VS_IS_CONNECTION (self));

  if ((conn = ref_virt_or_report (self, vs_pool_capabilities_load_async, callback, user_data)))
    vs_pool_capabilities_load_async (self, conn, cancellable, callback, user_data);
}

VsPoolCapabilities *
vs_connection_get_pool_capabilities_finish (VsConnection  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return vs_pool_capabilities_load_finish (self, result, error);
}

void
vs_connection_find_pool_sources_async (VsConnection        *self,
                                       VsPoolType           pool_type,
                                       const char          *host,
                                       guint                port,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  virConnectPtr conn;

  g_return_if_fail (VS_IS_CONNECTION (self));
  g_return_if_fail (pool_type < VS_POOL_TYPE_COUNT);

  if ((conn = ref_virt_or_report (self, vs_pool_sources_find_async, callback, user_data)))
    vs_pool_sources_find_async (self, conn, pool_type, host, port, cancellable, callback, user_data);
}

GPtrArray *
vs_connection_find_pool_sources_finish (VsConnection  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (VS_IS_CONNECTION (self), NULL);

  return vs_pool_sources_find_finish (self, result, error);
}

VsDomainUsage *
vs_connection_get_domain_usage (VsConnection *self)
{
  g_assert (VS_IS_CONNECTION (self));

  return self->usage;
}
