/* vs-volume-text-cell.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* Which property of a volume a text cell shows. */
typedef enum
{
  VS_VOLUME_TEXT_FORMAT,
  VS_VOLUME_TEXT_CAPACITY,
  VS_VOLUME_TEXT_PATH,
  VS_VOLUME_TEXT_USED_BY,
} VsVolumeTextKind;

#define VS_TYPE_VOLUME_TEXT_KIND (vs_volume_text_kind_get_type ())
GType vs_volume_text_kind_get_type (void);

#define VS_TYPE_VOLUME_TEXT_CELL (vs_volume_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (VsVolumeTextCell, vs_volume_text_cell, VS, VOLUME_TEXT_CELL, GtkWidget)

/* A volume list cell with one line of text, kept current: the format, the
 * capacity ("…" until the details are in), the path or the virtual
 * machines that use the volume. Text cut short shows whole in a tooltip. */
GtkWidget        *vs_volume_text_cell_new        (VsVolumeTextKind  kind);
VsVolumeTextKind  vs_volume_text_cell_get_kind   (VsVolumeTextCell *self);
VsVolume         *vs_volume_text_cell_get_volume (VsVolumeTextCell *self);
void              vs_volume_text_cell_set_volume (VsVolumeTextCell *self,
                                                  VsVolume         *volume);

/* The names of the virtual machines in @used_by as one piece of text, or
 * NULL when there are none. */
char             *vs_volume_text_cell_format_used_by (const char * const *used_by);

G_END_DECLS
