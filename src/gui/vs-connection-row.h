/* vs-connection-row.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_CONNECTION_ROW (vs_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (VsConnectionRow, vs_connection_row, VS, CONNECTION_ROW, GtkWidget)

/* A connection in the sidebar: its state, hostname and URI, and a menu to
 * reconnect, disconnect or remove it (actions "connection.reconnect",
 * "connection.disconnect", "connection.remove"). */
GtkWidget    *vs_connection_row_new            (VsConnectionManager *manager);
VsConnection *vs_connection_row_get_connection (VsConnectionRow     *self);
void          vs_connection_row_set_connection (VsConnectionRow     *self,
                                                VsConnection        *connection);
/* Opens the row's menu (for the context-menu key). */
void          vs_connection_row_popup_menu     (VsConnectionRow     *self);

/* What to call a connection in a title: a remote host's own name once
 * connected, else vs_uri_dup_display_name() ("root@host:2222", "Local
 * system"). Never the URI's query. */
char         *vs_connection_dup_display_name   (VsConnection        *connection);
/* What goes under that title: how the host is reached ("SSH · system"),
 * after "user@host" when the title is the host's own name. */
char         *vs_connection_dup_description    (VsConnection        *connection);

G_END_DECLS
