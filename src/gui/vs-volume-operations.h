/* vs-volume-operations.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* The volume operations the window starts that take more than one core
 * call: a file chosen or a question answered first, and what follows
 * (the list re-read, a half-made volume taken back). The long part of
 * each runs as a VsJob of the connection, so it shows in the jobs popover
 * and can be cancelled there; the window stays usable meanwhile.
 *
 * @parent is the widget the choosers and questions belong to. Each
 * finishes with vs_volume_operations_finish(): an error there is one to
 * show in place (its summary says what failed, libvirt's words are its
 * detail); G_IO_ERROR_CANCELLED when the user said no, dismissed a
 * chooser or cancelled the job. */

/* Writes a local file over @volume's data, from its start, once the user
 * confirmed it. @file NULL: asks for it with the native chooser. Refused
 * for a volume a virtual machine uses. */
void      vs_volume_operations_upload_async         (GtkWidget            *parent,
                                                     VsVolume             *volume,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Makes a volume in @pool sized for a local file (named after it; the
 * format is what libvirt then reads in it), then uploads the file into
 * it; when the upload fails or is cancelled, the new volume is deleted.
 * @file NULL: asks for it. */
void      vs_volume_operations_upload_new_async     (GtkWidget            *parent,
                                                     VsPool               *pool,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Saves @volume's data into a local file (written beside it under a
 * temporary name, renamed once complete). @destination NULL: asks for it,
 * the volume's name proposed. */
void      vs_volume_operations_download_async       (GtkWidget            *parent,
                                                     VsVolume             *volume,
                                                     GFile                *destination,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Asks, then overwrites @volume's data with zeros. */
void      vs_volume_operations_wipe_async           (GtkWidget            *parent,
                                                     VsVolume             *volume,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Wipes, then deletes @volume, without asking (the caller asked): a
 * failed wipe keeps the volume. */
void      vs_volume_operations_wipe_and_delete_async (VsVolume            *volume,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* TRUE when it worked; @volume (optional) gets the volume it made or
 * worked on (a new reference). The task's source object is that volume
 * (or the pool, for an upload as a new volume). */
gboolean  vs_volume_operations_finish               (GAsyncResult         *result,
                                                     VsVolume            **volume,
                                                     GError              **error);

/* @name, or with @tag (may be NULL) and then "-2", "-3", ... before its
 * suffix ("disk-clone.qcow2", "disk-clone-2.qcow2"): the first that @pool
 * does not list. */
char     *vs_volume_operations_propose_name         (VsPool               *pool,
                                                     const char           *name,
                                                     const char           *tag);
/* What would harm a virtual machine that uses a volume. */
typedef enum
{
  VS_VOLUME_OPERATION_UPLOAD,
  VS_VOLUME_OPERATION_WIPE,
  VS_VOLUME_OPERATION_RESIZE,
} VsVolumeOperation;

/* Refuses (VS_VOLUME_ERROR_IN_USE, naming the machines and what to do)
 * when a virtual machine uses @volume, as far as the list knows. */
gboolean  vs_volume_operations_check_unused         (VsVolume             *volume,
                                                     VsVolumeOperation     operation,
                                                     GError              **error);

G_END_DECLS
