/* vs-pool-definition-view.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_DEFINITION_VIEW (vs_pool_definition_view_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolDefinitionView, vs_pool_definition_view, VS, POOL_DEFINITION_VIEW, GtkWidget)

/* A pool's XML definition, read-only, with a button that copies it. Read
 * from libvirt (in a worker) each time the view is shown, so it is never
 * stale; an error shows in place. */
GtkWidget *vs_pool_definition_view_new      (void);
VsPool    *vs_pool_definition_view_get_pool (VsPoolDefinitionView *self);
void       vs_pool_definition_view_set_pool (VsPoolDefinitionView *self,
                                             VsPool               *pool);
/* The XML shown ("" while none). */
char      *vs_pool_definition_view_dup_text (VsPoolDefinitionView *self);

G_END_DECLS
