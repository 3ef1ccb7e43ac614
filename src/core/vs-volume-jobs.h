/* vs-volume-jobs.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* The volume operations that may take long, behind the public calls of
 * VsPool (create, clone) and VsVolume (wipe). Each runs in a worker; the
 * long ones (clone, wipe, a creation that allocates) as a VsJob of the
 * connection. libvirt cannot stop any of them midway: a cancelled
 * creation or clone is deleted once libvirt is done with it, and a wipe
 * that has begun runs to its end (it cannot be undone anyway).
 *
 * @source_tag is the public _async function. */

/* Main thread: @volume is still in a pool whose connection is open
 * (VS_VOLUME_ERROR_NOT_FOUND or VS_CONNECTION_ERROR_NOT_CONNECTED). */
gboolean  vs_volume_jobs_check_reachable (VsVolume *volume,
                                          GError  **error);

void      vs_volume_jobs_create  (VsPool              *pool,
                                  const char          *xml,
                                  guint                flags,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
void      vs_volume_jobs_clone   (VsPool              *pool,
                                  VsVolume            *source,
                                  const char          *name,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
void      vs_volume_jobs_wipe    (VsVolume            *volume,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* Create and clone: the new VsVolume, listed in its pool by now (a new
 * reference), or NULL with @error set. */
VsVolume *vs_volume_jobs_finish_volume  (VsPool        *pool,
                                         GAsyncResult  *result,
                                         gpointer       source_tag,
                                         GError       **error);
/* Wipe. */
gboolean  vs_volume_jobs_finish_boolean (VsVolume      *volume,
                                         GAsyncResult  *result,
                                         gpointer       source_tag,
                                         GError       **error);

G_END_DECLS
