/* vs-volume-slot.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_SLOT (vs_volume_slot_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeSlot, vs_volume_slot, VS, VOLUME_SLOT, GObject)

/* One row of the volume list (VsVolumeRows): a stable object the view binds
 * its cells to, pointing at whichever volume the row shows now. A sort or a
 * filter re-points slots instead of moving rows.
 *
 * "notify::volume" is emitted only while the slot is watched (bound to a
 * row on screen): re-pointing the thousands of rows nobody shows must cost
 * no more than storing a pointer. */
VsVolumeSlot *vs_volume_slot_new        (void);
VsVolume     *vs_volume_slot_get_volume (VsVolumeSlot *self);
void          vs_volume_slot_set_volume (VsVolumeSlot *self,
                                         VsVolume     *volume);
/* Points the slot at @volume without telling its row yet: TRUE when the
 * row then shows something else, and vs_volume_slot_notify() is due. */
gboolean      vs_volume_slot_point      (VsVolumeSlot *self,
                                         VsVolume     *volume);
void          vs_volume_slot_notify     (VsVolumeSlot *self);
void          vs_volume_slot_watch      (VsVolumeSlot *self);
void          vs_volume_slot_unwatch    (VsVolumeSlot *self);

G_END_DECLS
