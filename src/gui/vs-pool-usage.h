/* vs-pool-usage.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_USAGE (vs_pool_usage_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolUsage, vs_pool_usage, VS, POOL_USAGE, GtkWidget)

/* A pool's space at a glance, kept current: capacity, allocation, what is
 * available, the sum of its volumes' capacities against its capacity
 * (overcommit, with a warning above 100 %), and a usage bar. Greyed out
 * while the pool's connection is down (the numbers are the last known). */
GtkWidget *vs_pool_usage_new      (void);
VsPool    *vs_pool_usage_get_pool (VsPoolUsage *self);
void       vs_pool_usage_set_pool (VsPoolUsage *self,
                                   VsPool      *pool);

G_END_DECLS
