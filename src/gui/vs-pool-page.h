/* vs-pool-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_PAGE (vs_pool_page_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolPage, vs_pool_page, VS, POOL_PAGE, GtkWidget)

GtkWidget *vs_pool_page_new      (void);
VsPool    *vs_pool_page_get_pool (VsPoolPage *self);
void       vs_pool_page_set_pool (VsPoolPage *self,
                                  VsPool     *pool);

G_END_DECLS
