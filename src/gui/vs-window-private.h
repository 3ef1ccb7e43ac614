/* vs-window-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-pool.h"
#include "vs-window.h"

G_BEGIN_DECLS

/* What the UI tests drive and inspect; not for the rest of the GUI. */

/* The sidebar's selection: items are GtkTreeListRow over VsConnection
 * (depth 0) and VsPool (depth 1). */
GtkSingleSelection *vs_window_get_sidebar_selection (VsWindow     *self);
GtkListView        *vs_window_get_sidebar_view      (VsWindow     *self);
/* The content area: pages "empty", "select", "connection" and "pool". */
GtkStack           *vs_window_get_content_stack     (VsWindow     *self);
GtkWidget          *vs_window_get_pool_page         (VsWindow     *self);
GtkInfoBar         *vs_window_get_banner            (VsWindow     *self);
GtkLabel           *vs_window_get_banner_label      (VsWindow     *self);
/* The connection of the selected row (or of the selected pool). */
VsConnection       *vs_window_get_current_connection (VsWindow    *self);
VsPool             *vs_window_get_current_pool      (VsWindow     *self);
/* Selects the row of @item (a VsConnection or a VsPool); FALSE when the
 * sidebar does not show it. */
gboolean            vs_window_select_item           (VsWindow     *self,
                                                     gpointer      item);
/* The sidebar row widget bound to @item (VsConnectionRow or VsPoolRow),
 * or NULL when its row is not realized. */
GtkWidget          *vs_window_get_row_widget        (VsWindow     *self,
                                                     gpointer      item);

G_END_DECLS
