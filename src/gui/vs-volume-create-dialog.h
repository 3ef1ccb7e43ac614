/* vs-volume-create-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_CREATE_DIALOG (vs_volume_create_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeCreateDialog, vs_volume_create_dialog, VS, VOLUME_CREATE_DIALOG, GtkWindow)

/* "New Volume": a name (its suffix following the format), the format
 * (from the host's pool capabilities; hidden where the pool's volumes have
 * a fixed one), the capacity, thin or full allocation (with qcow2 metadata
 * preallocation), and for qcow2 a base volume of any pool of the
 * connection to make an overlay on; the pool's free space and overcommit
 * as they would be. Every field is checked as it is typed, next to it.
 *
 * Create makes the volume with vs_pool_create_volume_async(). A quick
 * (thin) creation keeps the dialog open until it is done, and a failure is
 * shown in it with everything still filled in. One that allocates space
 * runs as a job: the dialog goes away at once and the job shows the
 * progress.
 *
 * Signals: ::volume-created (VsVolume) once the volume exists; ::failed
 * (GError) when a creation that ran as a job failed (not when it was
 * cancelled). The dialog closes itself after either. */
GtkWidget  *vs_volume_create_dialog_new              (GtkWindow            *parent,
                                                      VsPool               *pool);
VsPool     *vs_volume_create_dialog_get_pool         (VsVolumeCreateDialog *self);
/* What the Create button does; FALSE (and the first field in error
 * focused) when a field is not valid. */
gboolean    vs_volume_create_dialog_create           (VsVolumeCreateDialog *self);
/* For tests: the message shown under a field ("name", "capacity",
 * "allocation", "backing"), or NULL when it shows none or only a hint. */
const char *vs_volume_create_dialog_get_error        (VsVolumeCreateDialog *self,
                                                      const char           *field);
/* For tests: the format chosen, or NULL when the pool's volumes have a
 * fixed one; and choosing one. */
const char *vs_volume_create_dialog_get_format       (VsVolumeCreateDialog *self);
gboolean    vs_volume_create_dialog_set_format       (VsVolumeCreateDialog *self,
                                                      const char           *format);
/* Makes the new volume an overlay on @base (NULL: none). */
void        vs_volume_create_dialog_set_backing      (VsVolumeCreateDialog *self,
                                                      VsVolume             *base);

G_END_DECLS
