/* vs-sidebar.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_SIDEBAR (vs_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (VsSidebar, vs_sidebar, VS, SIDEBAR, GtkWidget)

/* The window's sidebar: the manager's connections, each with its pools
 * below it (a tree the user can fold), and which of them is selected.
 *
 * "selected-item" is the VsConnection or VsPool of the selected row. When
 * the selected pool goes away, its connection stands in (and its row gets
 * selected). Until the user picks a row, the sidebar chooses: what
 * vs_sidebar_select() asked for once it appears, else the first pool of
 * the first connection that has one.
 *
 * Signals: "row-activated" (Enter or a double click on a pool row, or on
 * any row while "folded"), "row-clicked" (a click on any row). */

GtkWidget  *vs_sidebar_new               (void);
/* Once, before the sidebar is shown. */
void        vs_sidebar_set_manager       (VsSidebar           *self,
                                          VsConnectionManager *manager);
gpointer    vs_sidebar_get_selected_item (VsSidebar           *self);
/* Selects the row of @item (a VsConnection or a VsPool), unfolding its
 * connection; FALSE when the sidebar does not list it. A choice of the
 * user's: later vs_sidebar_select() requests do not override it. */
gboolean    vs_sidebar_select_item       (VsSidebar           *self,
                                          gpointer             item);
/* Selects the pool @pool_name of the connection @uri (NULL: of any
 * connection) now or as soon as it appears, unless the user selects
 * something else first. Without @pool_name, the connection's first pool
 * when @first_pool is TRUE, else the connection's own row. The
 * connection's row stands in meanwhile, and when the pool never comes. */
void        vs_sidebar_select            (VsSidebar           *self,
                                          const char          *uri,
                                          const char          *pool_name,
                                          gboolean             first_pool);
/* The pool vs_sidebar_select() waits for while its host (@uri, NULL for
 * any) is still connecting, so that the window can say what it opens; NULL
 * once it is selected, once the host answered without it or gave up, and
 * once the user picked something else ("restoring" turns FALSE). */
const char *vs_sidebar_get_restoring_pool (VsSidebar          *self,
                                           const char        **uri);
/* Whether the window shows the sidebar or the content, not both: then
 * activating a connection row shows its page rather than unfolding it. */
gboolean    vs_sidebar_get_folded        (VsSidebar           *self);
void        vs_sidebar_set_folded        (VsSidebar           *self,
                                          gboolean             folded);
/* Opens the menu of the selected connection's row (the context-menu key). */
void        vs_sidebar_popup_menu        (VsSidebar           *self);

/* For tests: the selection (items are GtkTreeListRow over VsConnection at
 * depth 0 and VsPool at depth 1), the list view, and the row widget bound
 * to @item (VsConnectionRow or VsPoolRow, NULL when not realized). */
GtkSingleSelection *vs_sidebar_get_selection  (VsSidebar *self);
GtkListView        *vs_sidebar_get_list_view  (VsSidebar *self);
GtkWidget          *vs_sidebar_get_row_widget (VsSidebar *self,
                                               gpointer   item);

G_END_DECLS
