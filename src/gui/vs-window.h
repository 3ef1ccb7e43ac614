/* vs-window.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_WINDOW (vs_window_get_type ())

G_DECLARE_FINAL_TYPE (VsWindow, vs_window, VS, WINDOW, GtkApplicationWindow)

/* The main window over @manager's connections. @settings (may be NULL)
 * keeps the window size and the last selected connection and pool, which
 * the window selects again once they appear. @application may be NULL. */
VsWindow *vs_window_new    (GtkApplication      *application,
                            VsConnectionManager *manager,
                            GSettings           *settings);
/* Selects the pool @pool_name of the connection @uri (NULL: of any
 * connection) now or as soon as it appears, unless the user selects
 * something else first. Without @pool_name, the connection's first pool.
 * The connection's own row stands in meanwhile, and when the pool never
 * comes. */
void      vs_window_select (VsWindow            *self,
                            const char          *uri,
                            const char          *pool_name);

G_END_DECLS
