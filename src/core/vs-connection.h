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
