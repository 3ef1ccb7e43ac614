/* vs-volume-delete.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-error-bar.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* What one confirmed delete did: the volumes it was asked to delete, and
 * those that failed with their errors (both in the same order). */
typedef struct
{
  GPtrArray *volumes;   /* VsVolume */
  GPtrArray *failed;    /* VsVolume */
  GPtrArray *errors;    /* GError */
} VsVolumeDeleteReport;

typedef void (*VsVolumeDeleteDone) (GObject                    *owner,
                                    const VsVolumeDeleteReport *report);

/* Asks whether to delete @volumes (offering to wipe them first) and deletes
 * those no virtual machine uses; those in use are named and kept (the core
 * checks again, against the host, at delete time). @done is called on
 * @owner (kept alive until then) once every delete ended; not when the
 * user says no. */
void     vs_volume_delete_ask           (GtkWidget                  *parent,
                                         GPtrArray                  *volumes,
                                         GCancellable               *cancellable,
                                         VsVolumeDeleteDone          done,
                                         GObject                    *owner);

/* Shows what failed in @report on @bar (one volume: its error; several: a
 * line per volume, libvirt's words behind Details). */
void     vs_volume_delete_show_failures (VsErrorBar                 *bar,
                                         const VsVolumeDeleteReport *report);

G_END_DECLS
