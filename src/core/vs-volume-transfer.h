/* vs-volume-transfer.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

typedef enum
{
  VS_TRANSFER_UPLOAD,
  VS_TRANSFER_DOWNLOAD,
} VsTransferDirection;

/* Streams a local file into @volume, or @volume into a local file, as a
 * VsJob of the volume's connection; behind vs_volume_upload_async() and
 * vs_volume_download_async(), which document what it promises.
 * @source_tag is the public _async function; finish with
 * vs_worker_finish_boolean(@volume, result, @source_tag, error). */
void vs_volume_transfer_start (VsVolume              *volume,
                               VsTransferDirection    direction,
                               GFile                 *file,
                               gpointer               source_tag,
                               GCancellable          *cancellable,
                               GFileProgressCallback  progress_callback,
                               gpointer               progress_data,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data);

G_END_DECLS
