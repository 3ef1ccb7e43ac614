/* vs-volume-clone-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_CLONE_DIALOG (vs_volume_clone_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeCloneDialog, vs_volume_clone_dialog, VS, VOLUME_CLONE_DIALOG, GtkWindow)

/* "Clone": a full copy of a volume (same format and capacity) into its own
 * pool or another running pool of the same connection, under a name it
 * proposes ("disk-clone.qcow2") and checks as it is typed against the pool
 * chosen. The copy runs as a job: the dialog goes away once it started; a
 * name the pool refuses at once shows in the dialog instead.
 *
 * Signals: ::volume-created (VsVolume) once the copy is done; ::failed
 * (GError) when the job failed (not when it was cancelled). */
GtkWidget  *vs_volume_clone_dialog_new       (GtkWindow           *parent,
                                              VsVolume            *source);
VsVolume   *vs_volume_clone_dialog_get_source (VsVolumeCloneDialog *self);
/* Chooses the pool the copy goes to; FALSE when it is not on offer. */
gboolean    vs_volume_clone_dialog_set_pool  (VsVolumeCloneDialog *self,
                                              VsPool              *pool);
void        vs_volume_clone_dialog_set_name  (VsVolumeCloneDialog *self,
                                              const char          *name);
const char *vs_volume_clone_dialog_get_name  (VsVolumeCloneDialog *self);
/* What the Clone button does; FALSE when the name is not valid. */
gboolean    vs_volume_clone_dialog_clone     (VsVolumeCloneDialog *self);
/* For tests: the error under the name, or NULL. */
const char *vs_volume_clone_dialog_get_error (VsVolumeCloneDialog *self);

G_END_DECLS
