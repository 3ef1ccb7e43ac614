/* vs-volume-name-cell.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_NAME_CELL (vs_volume_name_cell_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeNameCell, vs_volume_name_cell, VS, VOLUME_NAME_CELL, GtkWidget)

/* The Name column of the volume list: an icon for the kind of volume, the
 * name, and a spinner while an operation runs on it. Showing a volume whose
 * details are not in yet moves it to the front of the pool's detail queue
 * (vs_pool_prioritize_volume()), so the rows on screen fill in first. The
 * row it sits in gets the volume's name as its accessible name. */
GtkWidget *vs_volume_name_cell_new        (void);
VsVolume  *vs_volume_name_cell_get_volume (VsVolumeNameCell *self);
void       vs_volume_name_cell_set_volume (VsVolumeNameCell *self,
                                           VsVolume         *volume);

G_END_DECLS
