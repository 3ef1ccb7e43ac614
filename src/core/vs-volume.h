/* vs-volume.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME (vs_volume_get_type ())

G_DECLARE_FINAL_TYPE (VsVolume, vs_volume, VS, VOLUME, GObject)

VsPool             *vs_volume_get_pool          (VsVolume *self);
const char         *vs_volume_get_name          (VsVolume *self);
const char         *vs_volume_get_key           (VsVolume *self);
const char         *vs_volume_get_path          (VsVolume *self);
VsVolumeType        vs_volume_get_volume_type   (VsVolume *self);
/* "qcow2", "raw", ...; NULL until details are loaded. */
const char         *vs_volume_get_format        (VsVolume *self);
guint64             vs_volume_get_capacity      (VsVolume *self);
guint64             vs_volume_get_allocation    (VsVolume *self);
const char         *vs_volume_get_backing_path  (VsVolume *self);
/* Names of the domains whose disks use this volume; NULL when none/unknown. */
const char * const *vs_volume_get_used_by       (VsVolume *self);
gboolean            vs_volume_get_details_loaded (VsVolume *self);
gboolean            vs_volume_get_busy          (VsVolume *self);

G_END_DECLS
