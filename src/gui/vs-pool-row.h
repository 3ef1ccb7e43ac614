/* vs-pool-row.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-pool.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_ROW (vs_pool_row_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolRow, vs_pool_row, VS, POOL_ROW, GtkWidget)

/* A pool in the sidebar: name, type, usage bar, active or not, a spinner
 * while an operation runs; dimmed while its connection is down. */
GtkWidget *vs_pool_row_new      (void);
VsPool    *vs_pool_row_get_pool (VsPoolRow *self);
void       vs_pool_row_set_pool (VsPoolRow *self,
                                 VsPool    *pool);

G_END_DECLS
