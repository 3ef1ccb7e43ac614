/* vs-connection.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-core.h"
#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_CONNECTION (vs_connection_get_type ())

G_DECLARE_FINAL_TYPE (VsConnection, vs_connection, VS, CONNECTION, GObject)

/* Runs on the main thread. Answer every credential in @creds (set ->result)
 * and call vs_connection_credentials_done() later, from the main thread,
 * with TRUE when answered or FALSE to refuse. */
typedef void (*VsCredentialHandler) (VsConnection *self,
                                     VsCredential *creds,
                                     guint         n_creds,
                                     gpointer      user_data);

VsConnection      *vs_connection_new                   (const char           *uri);
const char        *vs_connection_get_uri               (VsConnection         *self);
VsConnectionState  vs_connection_get_state             (VsConnection         *self);
gboolean           vs_connection_get_read_only         (VsConnection         *self);
const char        *vs_connection_get_hostname          (VsConnection         *self);
/* The last error that made the connection failed or disconnected, or NULL. */
const GError      *vs_connection_get_error             (VsConnection         *self);
GListModel        *vs_connection_get_pools             (VsConnection         *self);
VsPool            *vs_connection_find_pool             (VsConnection         *self,
                                                        const char           *name);

/* When set, a connection that dropped (not one the user closed) is opened
 * again after 1, 2, 4, ... s (at most every 30 s) until it works. */
gboolean           vs_connection_get_auto_reconnect    (VsConnection         *self);
void               vs_connection_set_auto_reconnect    (VsConnection         *self,
                                                        gboolean              auto_reconnect);
/* TRUE while attempts to reconnect after a drop go on (property
 * "reconnecting"). */
gboolean           vs_connection_get_reconnecting      (VsConnection         *self);

void               vs_connection_set_credential_handler (VsConnection        *self,
                                                        VsCredentialHandler   handler,
                                                        gpointer              user_data,
                                                        GDestroyNotify        destroy);
void               vs_connection_credentials_done      (VsConnection         *self,
                                                        gboolean              answered);

/* The connection's running VsJobs (long operations: pool creation,
 * transfers, clones, wipes). An operation that runs as a job appends it
 * here before its _async call returns, so the caller finds it as the last
 * item; it leaves the list when it finishes. */
GListModel        *vs_connection_get_jobs              (VsConnection         *self);

/* Opens (or re-opens) the connection and lists its pools. */
void               vs_connection_open_async            (VsConnection         *self,
                                                        gboolean              read_only,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean           vs_connection_open_finish           (VsConnection         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               vs_connection_close                 (VsConnection         *self);

/* Re-lists the pools (diffed by UUID). Events call this on their own. */
void               vs_connection_reload_pools_async    (VsConnection         *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean           vs_connection_reload_pools_finish   (VsConnection         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS

/* Creating pools (issue 7). The work is done in vs-pool-creator.c,
 * vs-pool-capabilities.c and vs-pool-sources.c; these are the entry points. */

#include "vs-pool-capabilities.h"
#include "vs-pool-definition.h"
#include "vs-pool-sources.h"

G_BEGIN_DECLS

/* Defines a persistent pool from @xml (validated by libvirt with
 * VIR_STORAGE_POOL_DEFINE_VALIDATE), then builds, starts and sets autostart as
 * @flags ask. If any step fails, every step done so far is undone (stop, delete
 * what build made, undefine) and the error names the failed step and carries
 * libvirt's message. Cancel is honoured between steps (and rolls back too).
 *
 * Only what this call made is taken back: a target folder that existed
 * before stays. Whether building made the folder can only be told on a
 * connection to this machine; on a remote host the folder stays. When undoing
 * fails too, the error's summary (vs_error_get_summary()) says what is left.
 *
 * Runs as a VsJob ("Creating pool “NAME”", steps "Defining…", "Building…",
 * "Starting…", "Setting autostart…", "Undoing…"), the last item of
 * vs_connection_get_jobs() when this returns; vs_job_cancel() on it cancels
 * like @cancellable. Fails at once with VS_CONNECTION_ERROR_NOT_CONNECTED
 * when the connection is not open. */
void     vs_connection_create_pool_async  (VsConnection *self, const char *xml,
                                           VsPoolCreateFlags flags, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
/* The new pool: the object listed in vs_connection_get_pools(). */
VsPool  *vs_connection_create_pool_finish (VsConnection *self, GAsyncResult *result,
                                           GError **error);

/* Like vs_connection_create_pool_async(), from a description (what the
 * wizard fills in): defines the XML vs_pool_definition_to_xml() makes, or
 * @xml when not NULL (the user's own edit of it); when @definition carries
 * a password or key (secret_value), first defines the libvirt secret the
 * pool names, as one more step that is undone on failure ("Storing the
 * secret…"); builds with VIR_STORAGE_POOL_BUILD_OVERWRITE when
 * build_overwrite is set. An invalid @definition fails at once with
 * VS_POOL_ERROR_INVALID. Finish with vs_connection_create_pool_finish(). */
void     vs_connection_create_pool_from_definition_async (VsConnection           *self,
                                                          const VsPoolDefinition *definition,
                                                          const char             *xml,
                                                          VsPoolCreateFlags       flags,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);

/* Which pool types the host supports, with their source and volume formats
 * (virConnectGetStoragePoolCapabilities), read once per session; the
 * built-in list when the host cannot tell (vs_pool_capabilities_is_builtin()). */
void                vs_connection_get_pool_capabilities_async  (VsConnection         *self,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
VsPoolCapabilities *vs_connection_get_pool_capabilities_finish (VsConnection         *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* The sources of @pool_type the host can see (virConnectFindStoragePoolSources):
 * NFS exports of @host (netfs), LVM volume groups (logical; @host unused),
 * iSCSI targets of the portal @host (iscsi). @port 0: the default. Finishes
 * with a GPtrArray of VsPoolSource, empty when nothing was found; an
 * unreachable host is a VS_POOL_ERROR with libvirt's message, a type that
 * cannot be scanned or a bad host name VS_POOL_ERROR_INVALID. */
void                vs_connection_find_pool_sources_async      (VsConnection         *self,
                                                                VsPoolType            pool_type,
                                                                const char           *host,
                                                                guint                 port,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GPtrArray          *vs_connection_find_pool_sources_finish     (VsConnection         *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

G_END_DECLS
