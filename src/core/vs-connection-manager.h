/* vs-connection-manager.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-connection.h"

G_BEGIN_DECLS

#define VS_TYPE_CONNECTION_MANAGER (vs_connection_manager_get_type ())

G_DECLARE_FINAL_TYPE (VsConnectionManager, vs_connection_manager, VS, CONNECTION_MANAGER, GObject)

/* The open connections, in the order the sidebar shows them. The ones the
 * user added are remembered in @settings (key "connections", a(sb): URI and
 * autoconnect); @settings may be NULL to remember nothing. */
VsConnectionManager *vs_connection_manager_new              (GSettings            *settings);
/* A GListModel of VsConnection. */
GListModel          *vs_connection_manager_get_connections  (VsConnectionManager  *self);
VsConnection        *vs_connection_manager_lookup           (VsConnectionManager  *self,
                                                             const char           *uri);
/* Adds the remembered connections and opens those marked autoconnect.
 * Returns how many were remembered. */
guint                vs_connection_manager_load             (VsConnectionManager  *self);
/* Adds @uri (not opened yet). Fails with VS_CONNECTION_ERROR_EXISTS when it
 * is listed already, VS_CONNECTION_ERROR_INVALID_URI when it is malformed.
 * What is remembered is the URI and the autoconnect flag, never a
 * password. */
VsConnection        *vs_connection_manager_add              (VsConnectionManager  *self,
                                                             const char           *uri,
                                                             gboolean              remember,
                                                             gboolean              autoconnect,
                                                             GError              **error);
/* A connection to @uri that asks its questions through the manager's
 * credential handler, but is not listed (e.g. to test it before adding
 * it). Fails with VS_CONNECTION_ERROR_INVALID_URI when it is malformed. */
VsConnection        *vs_connection_manager_create           (VsConnectionManager  *self,
                                                             const char           *uri,
                                                             GError              **error);
/* Lists a connection made by vs_connection_manager_create(), as it is (an
 * open one stays open). Fails with VS_CONNECTION_ERROR_EXISTS when its URI
 * is listed already. */
gboolean             vs_connection_manager_add_connection   (VsConnectionManager  *self,
                                                             VsConnection         *connection,
                                                             gboolean              remember,
                                                             gboolean              autoconnect,
                                                             GError              **error);
/* Closes @connection, drops it from the list and forgets it. */
void                 vs_connection_manager_remove           (VsConnectionManager  *self,
                                                             VsConnection         *connection);
/* Opens (or re-opens) @connection. @callback may be NULL; otherwise finish
 * with vs_connection_open_finish(). */
void                 vs_connection_manager_open             (VsConnectionManager  *self,
                                                             VsConnection         *connection,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean             vs_connection_manager_is_remembered    (VsConnectionManager  *self,
                                                             VsConnection         *connection);
gboolean             vs_connection_manager_get_autoconnect  (VsConnectionManager  *self,
                                                             VsConnection         *connection);
void                 vs_connection_manager_set_autoconnect  (VsConnectionManager  *self,
                                                             VsConnection         *connection,
                                                             gboolean              autoconnect);
/* Set on every connection, present and future. */
void                 vs_connection_manager_set_credential_handler (VsConnectionManager *self,
                                                             VsCredentialHandler   handler,
                                                             gpointer              user_data);

G_END_DECLS
