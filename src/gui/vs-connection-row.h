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

/* What to call a connection: the host's name once connected, else the
 * host part of a remote URI, else the URI itself. */
char         *vs_connection_dup_display_name   (VsConnection        *connection);

/* "qemu:///system" → FALSE, "qemu+ssh://host/system" → TRUE. */

G_END_DECLS
