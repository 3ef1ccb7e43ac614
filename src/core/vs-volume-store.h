/* vs-volume-store.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_STORE (vs_volume_store_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeStore, vs_volume_store, VS, VOLUME_STORE, GObject)

typedef gboolean (*VsVolumePredicate) (VsVolume *volume,
                                       gpointer  user_data);

VsVolumeStore *vs_volume_store_new        (void);
/* Appends every volume of @volumes (taking the references) in one
 * items-changed. */
void           vs_volume_store_append     (VsVolumeStore     *self,
                                           GPtrArray         *volumes);
/* Removes the volumes @predicate returns TRUE for; one items-changed per
 * run of adjacent removals. */
void           vs_volume_store_remove_if  (VsVolumeStore     *self,
                                           VsVolumePredicate  predicate,
                                           gpointer           user_data);
void           vs_volume_store_remove_all (VsVolumeStore     *self);

G_END_DECLS
