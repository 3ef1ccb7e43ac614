/* vs-volume-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-volume.h"
#include "vs-xml.h"

G_BEGIN_DECLS

VsVolume *vs_volume_new           (const char            *name,
                                   const char            *key);
void      vs_volume_attach_pool   (VsVolume              *self,
                                   VsPool                *pool);
void      vs_volume_set_name      (VsVolume              *self,
                                   const char            *name);
/* Returns TRUE when anything changed. */
gboolean  vs_volume_apply_details (VsVolume              *self,
                                   const VsVolumeDetails *details);
void      vs_volume_set_used_by   (VsVolume              *self,
                                   const char * const    *used_by);
void      vs_volume_set_busy      (VsVolume              *self,
                                   gboolean               busy);
void      vs_volume_forget_pool   (VsVolume              *self);

G_END_DECLS
