/* vs-volume-resize-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_RESIZE_DIALOG (vs_volume_resize_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeResizeDialog, vs_volume_resize_dialog, VS, VOLUME_RESIZE_DIALOG, GtkWindow)

/* "Resize": the volume's capacity now and the new one, both in the unit
 * the user chose beside the entry. Growing is done at once; shrinking
 * first asks, saying that the data past the new end is lost. A volume a
 * virtual machine uses is not resized. A failure shows in the dialog,
 * which stays open with what was typed; it closes once the volume has its
 * new capacity. */
GtkWidget  *vs_volume_resize_dialog_new       (GtkWindow            *parent,
                                               VsVolume             *volume);
VsVolume   *vs_volume_resize_dialog_get_volume (VsVolumeResizeDialog *self);
/* What the Resize button does: FALSE when the new capacity is not valid
 * (the reason shows under it). */
gboolean    vs_volume_resize_dialog_resize    (VsVolumeResizeDialog *self);
/* For tests: the message under the new capacity when it is an error, or
 * NULL. */
const char *vs_volume_resize_dialog_get_error (VsVolumeResizeDialog *self);

G_END_DECLS
