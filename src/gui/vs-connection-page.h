/* vs-connection-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_CONNECTION_PAGE (vs_connection_page_get_type ())

G_DECLARE_FINAL_TYPE (VsConnectionPage, vs_connection_page, VS, CONNECTION_PAGE, GtkWidget)

/* What the window shows for a connection's own row: the host, its URI,
 * where the connection stands (connecting, connected with N pools — kept
 * current as pools come and go —, reconnecting by itself, failed, closed),
 * the buttons that change that (the window's actions "window.reconnect",
 * "window.disconnect" and "window.remove-connection"), and whether a
 * remembered connection opens at start-up. */
GtkWidget    *vs_connection_page_new            (void);
/* Once, before a connection is shown. */
void          vs_connection_page_set_manager    (VsConnectionPage    *self,
                                                 VsConnectionManager *manager);
VsConnection *vs_connection_page_get_connection (VsConnectionPage    *self);
void          vs_connection_page_set_connection (VsConnectionPage    *self,
                                                 VsConnection        *connection);
/* The sentence under the host's name (for tests). */
const char   *vs_connection_page_get_summary    (VsConnectionPage    *self);

G_END_DECLS
