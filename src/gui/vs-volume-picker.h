/* vs-volume-picker.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_PICKER (vs_volume_picker_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumePicker, vs_volume_picker, VS, VOLUME_PICKER, GtkWidget)

/* Picks a volume of any active pool of one connection: a pool chooser and
 * a searchable chooser of its volumes (folders left out), in natural
 * order. A pool's volumes are listed when it is chosen, if they were not.
 *
 * Signals: ::volume-chosen (VsVolume or NULL) when another volume is
 * chosen; ::changed when that, or what is known of the chosen volume
 * (its details), changes. */
GtkWidget  *vs_volume_picker_new              (void);
/* Offers the pools of @connection, @pool (may be NULL) chosen first. */
void        vs_volume_picker_set_connection   (VsVolumePicker *self,
                                               VsConnection   *connection,
                                               VsPool         *pool);
/* Offers pools only (to choose where something goes). */
void        vs_volume_picker_set_pools_only   (VsVolumePicker *self,
                                               gboolean        pools_only);
/* Lists the chosen pool's volumes now if they were not yet (the owner
 * calls it once the picker matters, not to list every pool for nothing). */
void        vs_volume_picker_load             (VsVolumePicker *self);
VsPool     *vs_volume_picker_get_pool         (VsVolumePicker *self);
VsVolume   *vs_volume_picker_get_volume       (VsVolumePicker *self);
/* Chooses @volume and its pool; FALSE when it is not on offer. */
gboolean    vs_volume_picker_set_volume       (VsVolumePicker *self,
                                               VsVolume       *volume);
/* Why no volume is chosen, in words for the user. */
const char *vs_volume_picker_get_empty_reason (VsVolumePicker *self);

G_END_DECLS
