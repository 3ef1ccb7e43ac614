/* vs-volume-allocation-cell.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_ALLOCATION_CELL (vs_volume_allocation_cell_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeAllocationCell, vs_volume_allocation_cell, VS, VOLUME_ALLOCATION_CELL, GtkWidget)

/* The Allocation column of the volume list: what the host really uses, as
 * a size and as a bar against what the guest sees (the capacity), so thin
 * provisioning shows at a glance. The tooltip says both numbers. */
GtkWidget *vs_volume_allocation_cell_new        (void);
VsVolume  *vs_volume_allocation_cell_get_volume (VsVolumeAllocationCell *self);
void       vs_volume_allocation_cell_set_volume (VsVolumeAllocationCell *self,
                                                 VsVolume               *volume);

G_END_DECLS
