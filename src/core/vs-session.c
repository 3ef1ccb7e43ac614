/* vs-session.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-error.h"
#include "vs-session.h"
#include "vs-ssh.h"
#include "vs-uri.h"
#include "vs-worker.h"

/* A dead peer is noticed after about KEEPALIVE_INTERVAL * (KEEPALIVE_COUNT + 1)
 * seconds; a killed local daemon closes the socket and is noticed at once. */
#define KEEPALIVE_INTERVAL 3
#define KEEPALIVE_COUNT    2

typedef enum
{
  CALLBACK_POOL_LIFECYCLE,
  CALLBACK_POOL_REFRESH,
  CALLBACK_DOMAIN_LIFECYCLE,
  CALLBACK_DEVICE_ADDED,
  CALLBACK_DEVICE_REMOVED,
  N_CALLBACKS
} CallbackKind;

struct _VsSession
{
  gatomicrefcount         ref_count;
  int                     active;          /* atomic: FALSE once released */
  virConnectPtr           conn;
  char                   *hostname;
  GWeakRef                owner;
  const VsSessionHandler *handler;
  int                     callback_ids[N_CALLBACKS];
  gboolean                close_registered;
};

typedef struct
{
  VsSession *session;
  int        reason;
} CloseEvent;

static void close_cb (virConnectPtr  conn,
                      int            reason,
                      void          *opaque);

static VsSession *
session_ref (VsSession *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
session_unref (void *ptr)
{
  VsSession *self = ptr;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* Released before: the connection is closed already. */
  g_assert (self->conn == NULL);
  g_weak_ref_clear (&self->owner);
  g_free (self->hostname);
  g_free (self);
}

/* Returns a strong reference to the owner, or NULL when the session was
 * released or the owner is gone. Main thread. */
static GObject *
session_get_owner (VsSession *self)
{
  if (!g_atomic_int_get (&self->active))
    return NULL;

  return g_weak_ref_get (&self->owner);
}

/* Worker thread: deregisters everything and closes the connection. */
static void
session_teardown (VsSession *self)
{
  for (guint i = 0; i < N_CALLBACKS; i++)
    {
      if (self->callback_ids[i] < 0)
        continue;
      if (i == CALLBACK_POOL_LIFECYCLE || i == CALLBACK_POOL_REFRESH)
        virConnectStoragePoolEventDeregisterAny (self->conn, self->callback_ids[i]);
      else
        virConnectDomainEventDeregisterAny (self->conn, self->callback_ids[i]);
      self->callback_ids[i] = -1;
    }

  if (self->close_registered)
    virConnectUnregisterCloseCallback (self->conn, close_cb);
  self->close_registered = FALSE;

  g_clear_pointer (&self->conn, virConnectClose);
  virResetLastError ();
}

static void
session_teardown_and_unref (gpointer ptr)
{
  VsSession *self = ptr;

  session_teardown (self);
  session_unref (self);
}

static void
pool_event (VsSession         *self,
            virStoragePoolPtr  pool,
            gboolean           refresh)
{
  g_autoptr(GObject) owner = session_get_owner (self);
  char uuid[VIR_UUID_STRING_BUFLEN];

  /* Reads the UUID held in the event's object: no round trip. */
  if (owner != NULL && virStoragePoolGetUUIDString (pool, uuid) == 0)
    self->handler->pool_event (owner, uuid, refresh);
}

static void
pool_lifecycle_cb (virConnectPtr      conn,
                   virStoragePoolPtr  pool,
                   int                event,
                   int                detail,
                   void              *opaque)
{
  pool_event (opaque, pool, FALSE);
}

static void
pool_refresh_cb (virConnectPtr      conn,
                 virStoragePoolPtr  pool,
                 void              *opaque)
{
  pool_event (opaque, pool, TRUE);
}

static void
domain_event (VsSession    *self,
              virDomainPtr  domain)
{
  g_autoptr(GObject) owner = session_get_owner (self);
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (owner != NULL && virDomainGetUUIDString (domain, uuid) == 0)
    self->handler->domain_event (owner, uuid);
}

static int
domain_lifecycle_cb (virConnectPtr  conn,
                     virDomainPtr   domain,
                     int            event,
                     int            detail,
                     void          *opaque)
{
  domain_event (opaque, domain);
  return 0;
}

static void
device_cb (virConnectPtr  conn,
           virDomainPtr   domain,
           const char    *alias,
           void          *opaque)
{
  domain_event (opaque, domain);
}

static gboolean
closed_cb (gpointer user_data)
{
  CloseEvent *event = user_data;
  g_autoptr(GObject) owner = session_get_owner (event->session);

  if (owner != NULL)
    event->session->handler->closed (owner, event->reason);

  return G_SOURCE_REMOVE;
}

static void
close_event_free (gpointer ptr)
{
  CloseEvent *event = ptr;

  session_unref (event->session);
  g_free (event);
}

/* May run in whichever thread noticed the connection died. */
static void
close_cb (virConnectPtr  conn,
          int            reason,
          void          *opaque)
{
  CloseEvent *event = g_new0 (CloseEvent, 1);

  event->session = session_ref (opaque);
  event->reason = reason;
  vs_run_on_context (NULL, closed_cb, event, close_event_free);
}

static int
register_pool_callback (VsSession                          *self,
                        int                                 event_id,
                        virConnectStoragePoolEventGenericCallback callback)
{
  return virConnectStoragePoolEventRegisterAny (self->conn, NULL, event_id, callback,
                                                session_ref (self), session_unref);
}

static int
register_domain_callback (VsSession                         *self,
                          int                                event_id,
                          virConnectDomainEventGenericCallback callback)
{
  return virConnectDomainEventRegisterAny (self->conn, NULL, event_id, callback,
                                           session_ref (self), session_unref);
}

static void
register_callbacks (VsSession  *self,
                    const char *uri)
{
  int *ids = self->callback_ids;

  ids[CALLBACK_POOL_LIFECYCLE] =
    register_pool_callback (self, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                            VIR_STORAGE_POOL_EVENT_CALLBACK (pool_lifecycle_cb));
  ids[CALLBACK_POOL_REFRESH] =
    register_pool_callback (self, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                            VIR_STORAGE_POOL_EVENT_CALLBACK (pool_refresh_cb));
  if (ids[CALLBACK_POOL_LIFECYCLE] < 0 || ids[CALLBACK_POOL_REFRESH] < 0)
    g_warning ("Storage pool events are not available on %s; the list will not update by itself",
               uri);

  ids[CALLBACK_DOMAIN_LIFECYCLE] =
    register_domain_callback (self, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                              VIR_DOMAIN_EVENT_CALLBACK (domain_lifecycle_cb));
  ids[CALLBACK_DEVICE_ADDED] =
    register_domain_callback (self, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                              VIR_DOMAIN_EVENT_CALLBACK (device_cb));
  ids[CALLBACK_DEVICE_REMOVED] =
    register_domain_callback (self, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                              VIR_DOMAIN_EVENT_CALLBACK (device_cb));
  /* Deleting a volume is checked against the host at delete time anyway;
   * only the "used by" column stops following. */
  if (ids[CALLBACK_DOMAIN_LIFECYCLE] < 0)
    g_debug ("Domain events are not available on %s", uri);

  if (virConnectRegisterCloseCallback (self->conn, close_cb, session_ref (self), session_unref) == 0)
    self->close_registered = TRUE;
  else
    session_unref (self);

  virResetLastError ();
}

/* Worker thread, right after virConnectOpenAuth() failed: says why, from
 * libvirt's error code and domain and from what the credential request
 * saw. The SSH transports leave two facts in words only; vs-ssh.c reads
 * those. */
static void
set_open_error (const char           *uri,
                VsCredentialRequest  *credentials,
                GError              **error)
{
  virErrorPtr err = virGetLastError ();
  int code = err != NULL ? err->code : VIR_ERR_OK;
  int domain = err != NULL ? err->domain : VIR_FROM_NONE;
  const char *message = err != NULL ? err->message : NULL;
  const char *refused = vs_credential_request_get_refused_prompt (credentials);
  g_autofree char *name = vs_uri_dup_display_name (uri);
  g_autofree char *fingerprint = NULL;
  g_autofree char *context = NULL;

  if (refused != NULL)
    {
      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_AUTH,
                   _("%s asked for credentials (“%s”), and none were given"),
                   name, refused);
      return;
    }

  if (vs_credential_request_get_host_key_declined (credentials))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The host key of %s was not trusted; nothing was stored"), name);
      return;
    }

  if (vs_credential_request_get_rejected_prompt (credentials) != NULL)
    {
      context = g_strdup_printf (_("Permission denied: %s did not accept the password"), name);
      vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_AUTH, context);
      return;
    }

  /* libvirt 9 reports a changed host key with the code and domain of a
   * refused login (VIR_ERR_AUTH_FAILED from VIR_FROM_LIBSSH); only the
   * new key's hash in the message tells them apart. */
  if (code == VIR_ERR_AUTH_FAILED && domain == VIR_FROM_LIBSSH &&
      (fingerprint = vs_ssh_find_host_key_fingerprint (message)) != NULL)
    {
      g_autofree char *known_hosts = vs_uri_dup_known_hosts_path (uri);

      context = g_strdup_printf (_("The key of %s is not the one stored for it, so Virt Storage "
                                   "refused to connect. Someone may be intercepting the "
                                   "connection (a man-in-the-middle attack), or the host was "
                                   "reinstalled. Nothing was sent and nothing was stored. If you "
                                   "expect the change, check the new key %s on the host, then "
                                   "remove the old one from %s."),
                                 name, fingerprint, known_hosts);
      vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR,
                                 VS_CONNECTION_ERROR_HOST_KEY_CHANGED, context);
      return;
    }

  /* qemu+ssh:// runs the ssh command; when it exits, libvirt reports a
   * system error of its RPC layer with ssh's standard error inside. */
  if (code == VIR_ERR_SYSTEM_ERROR && domain == VIR_FROM_RPC &&
      vs_uri_get_transport (uri) == VS_URI_TRANSPORT_SSH &&
      vs_ssh_is_openssh_prompt_failure (message))
    {
      context = g_strdup_printf (_("OpenSSH could not log in to %s: it needed a password, a "
                                   "passphrase or your confirmation of the host’s key, and it "
                                   "cannot ask for them in Virt Storage. Connect with the "
                                   "built-in SSH client instead (it asks in Virt Storage’s own "
                                   "dialogs), or set up an SSH key or agent for this host."),
                                 name);
      vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR,
                                 VS_CONNECTION_ERROR_CANNOT_PROMPT, context);
      return;
    }

  vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR,
                             (code == VIR_ERR_AUTH_FAILED || code == VIR_ERR_AUTH_CANCELLED)
                               ? VS_CONNECTION_ERROR_AUTH : VS_CONNECTION_ERROR_FAILED,
                             NULL);
}

VsSession *
vs_session_open (const char              *uri,
                 gboolean                 read_only,
                 VsCredentialRequest     *credentials,
                 GObject                 *owner,
                 const VsSessionHandler  *handler,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  VsSession *self;
  virConnectAuth auth;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (handler != NULL, NULL);

  vs_credential_request_init_auth (credentials, &auth);

  self = g_new0 (VsSession, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->active = TRUE;
  g_weak_ref_init (&self->owner, owner);
  self->handler = handler;
  for (guint i = 0; i < N_CALLBACKS; i++)
    self->callback_ids[i] = -1;

  self->conn = virConnectOpenAuth (uri, &auth, read_only ? VIR_CONNECT_RO : 0);
  if (self->conn == NULL)
    {
      set_open_error (uri, credentials, error);
      session_unref (self);
      return NULL;
    }

  /* Drivers without keepalive (test://, local qemu) refuse this: harmless. */
  virConnectSetKeepAlive (self->conn, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT);
  virResetLastError ();

  self->hostname = virConnectGetHostname (self->conn);
  virResetLastError ();

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_atomic_int_set (&self->active, FALSE);
      session_teardown_and_unref (self);
      return NULL;
    }

  register_callbacks (self, uri);

  return self;
}

virConnectPtr
vs_session_get_conn (VsSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->conn;
}

virConnectPtr
vs_session_ref_conn (VsSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->conn != NULL, NULL);

  virConnectRef (self->conn);
  return self->conn;
}

const char *
vs_session_get_hostname (VsSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->hostname;
}

void
vs_session_release (VsSession *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_int_set (&self->active, FALSE);
  vs_free_in_thread (self, session_teardown_and_unref);
}
