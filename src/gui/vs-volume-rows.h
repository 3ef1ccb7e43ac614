/* vs-volume-rows.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_VOLUME_ROWS (vs_volume_rows_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeRows, vs_volume_rows, VS, VOLUME_ROWS, GObject)

/* The volume list's rows: a GListModel of VsVolumeSlot that a
 * GtkColumnView shows. A new order (a sort, a filter, volumes added or
 * removed) re-points the slots in place; items-changed only ever says that
 * rows were added or removed at the end, never that the list changed as a
 * whole, so GTK 4.8 keeps its row widgets and rebuilds nothing.
 *
 * Rows are added a few at a time while GTK builds widgets for them (it
 * builds up to about 200 rows near the top of a list), from idles that
 * each stay well within a frame; after that, the rest in one go. "pending"
 * is TRUE until every volume of the last order has its row. Likewise, the
 * cells of re-pointed rows in view change at once, the others' (GTK keeps
 * up to 200 rows bound) from idles. */
VsVolumeRows *vs_volume_rows_new        (void);
/* Shows @volumes (VsVolume), in that order: the first @n_at_once rows
 * that are missing are added now, the others from idles. The rows keep a
 * reference to @volumes; do not change it afterwards. */
void          vs_volume_rows_show       (VsVolumeRows *self,
                                         GPtrArray    *volumes,
                                         guint         n_at_once);
/* Points every row at nothing (blank rows), keeping their number, so that
 * the widgets are there for the next order. */
void          vs_volume_rows_blank      (VsVolumeRows *self);
/* While blank, makes sure there are @n rows (blank too): their widgets
 * are built now, for the next order to re-point them. */
void          vs_volume_rows_reserve    (VsVolumeRows *self,
                                         guint         n);
/* Which rows are in view (a guess is fine): after a new order their cells
 * change at once, the others' from idles. */
void          vs_volume_rows_set_view   (VsVolumeRows *self,
                                         guint         first,
                                         guint         n);
/* The volume shown at @position, or NULL (blank or past the end). */
VsVolume     *vs_volume_rows_get_volume (VsVolumeRows *self,
                                         guint         position);
/* How many volumes the last order holds: the rows once none is pending. */
guint         vs_volume_rows_get_n_volumes (VsVolumeRows *self);
/* The position of @volume in the last order, or GTK_INVALID_LIST_POSITION
 * (guint) -1 when it is not there. */
guint         vs_volume_rows_find       (VsVolumeRows *self,
                                         VsVolume     *volume);
gboolean      vs_volume_rows_get_pending (VsVolumeRows *self);

G_END_DECLS
