/* vs-volume-list.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"
#include "vs-volume-sorter.h"

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
/* TRUE while the rows do not show the volumes in their last order yet: a
 * sort or a search is being computed, or rows are still being added. */
gboolean   vs_volume_list_get_updating   (VsVolumeList *self);
/* Sorts by @key's column, as a click on its header would (properties
 * "sort-column" and "sort-order", and the actions
 * "volume-list.sort-column" and "volume-list.sort-order" that the sort
 * menu uses, follow). The list then shows its top. */
void       vs_volume_list_sort           (VsVolumeList    *self,
                                          VsVolumeSortKey  key,
                                          GtkSortType      order);
/* Shows the search field and focuses it. */
void       vs_volume_list_start_search   (VsVolumeList *self);
/* Copies the selected volumes' paths to the clipboard, one a line. */
void       vs_volume_list_copy_paths     (VsVolumeList *self);
/* Asks once, listing the selected volumes, then deletes them. Volumes that
 * virtual machines use are not deleted: the question says which and why,
 * and when all of them are in use there is nothing to confirm. */
void       vs_volume_list_delete_selected (VsVolumeList *self);
/* Selects @volume alone and scrolls to it, now or as soon as the list
 * shows it (a volume just made). */
void       vs_volume_list_select_volume  (VsVolumeList *self,
                                          VsVolume     *volume);

G_END_DECLS
