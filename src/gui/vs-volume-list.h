/* vs-volume-list.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_LIST (vs_volume_list_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeList, vs_volume_list, VS, VOLUME_LIST, GtkWidget)

GtkWidget *vs_volume_list_new            (void);
VsPool    *vs_volume_list_get_pool       (VsVolumeList *self);
void       vs_volume_list_set_pool       (VsVolumeList *self,
                                          VsPool       *pool);
/* How many volumes are selected ("n-selected" property). */
guint      vs_volume_list_get_n_selected (VsVolumeList *self);
/* The selected volumes (VsVolume, referenced), in the order shown. */
GPtrArray *vs_volume_list_get_selected   (VsVolumeList *self);
/* Shows the search field and focuses it. */
void       vs_volume_list_start_search   (VsVolumeList *self);
/* Copies the selected volumes' paths to the clipboard, one a line. */
void       vs_volume_list_copy_paths     (VsVolumeList *self);
/* Asks once, listing the selected volumes, then deletes them. */
void       vs_volume_list_delete_selected (VsVolumeList *self);

G_END_DECLS
