/* vs-window-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-connection-page.h"
#include "vs-error-bar.h"
#include "vs-jobs-button.h"
#include "vs-pool.h"
#include "vs-pool-page.h"
#include "vs-sidebar.h"
#include "vs-window.h"

G_BEGIN_DECLS

/* What the UI tests drive and inspect; not for the rest of the GUI. */

VsSidebar        *vs_window_get_sidebar            (VsWindow *self);
/* The content area: pages "empty", "select", "restoring" (a remembered
 * pool whose host is still connecting), "connection" and "pool". */
GtkStack         *vs_window_get_content_stack      (VsWindow *self);
VsConnectionPage *vs_window_get_connection_page    (VsWindow *self);
VsPoolPage       *vs_window_get_pool_page          (VsWindow *self);
VsJobsButton     *vs_window_get_jobs_button        (VsWindow *self);
/* Where the selected connection stands when it is down. */
VsErrorBar       *vs_window_get_banner             (VsWindow *self);
/* The connection of the selected row (or of the selected pool). */
VsConnection     *vs_window_get_current_connection (VsWindow *self);
VsPool           *vs_window_get_current_pool       (VsWindow *self);

G_END_DECLS
