/* vs-size-entry.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VS_TYPE_SIZE_ENTRY (vs_size_entry_get_type ())

G_DECLARE_FINAL_TYPE (VsSizeEntry, vs_size_entry, VS, SIZE_ENTRY, GtkWidget)

/* A size as people type it: a number and a unit chosen beside it (MiB,
 * GiB, TiB), or text with its own unit ("20G", "512m", "1.5 TiB"), read
 * by vs_size_parse() (libvirt's units: G is GiB, GB is 10^9). Emits
 * ::changed when the text or the unit changes.
 *
 * Properties: "label" (what the size is, for assistive technologies: the
 * entry gets it, the unit chooser "Unit of" it), "unit" (0 MiB, 1 GiB,
 * 2 TiB). */

GtkWidget  *vs_size_entry_new        (void);
/* The size typed, in bytes; FALSE with a VS_SIZE_ERROR message fit for
 * the user when it is not one (empty, zero, negative, too large, ...). */
gboolean    vs_size_entry_get_bytes  (VsSizeEntry  *self,
                                      guint64      *bytes,
                                      GError      **error);
/* Shows @bytes in the unit it fits best. Until the user edits it, the
 * entry gives back exactly @bytes, even where the text is rounded. */
void        vs_size_entry_set_bytes  (VsSizeEntry  *self,
                                      guint64       bytes);
const char *vs_size_entry_get_text   (VsSizeEntry  *self);
void        vs_size_entry_set_text   (VsSizeEntry  *self,
                                      const char   *text);
guint       vs_size_entry_get_unit   (VsSizeEntry  *self);
void        vs_size_entry_set_unit   (VsSizeEntry  *self,
                                      guint         unit);
/* @bytes in the unit chosen beside the entry: "20 GiB", "1.5 GiB". */
char       *vs_size_entry_format     (VsSizeEntry  *self,
                                      guint64       bytes);
/* Marks the entry as holding an error (or not). */
void        vs_size_entry_set_error  (VsSizeEntry  *self,
                                      gboolean      error);

G_END_DECLS
