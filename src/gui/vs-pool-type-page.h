/* vs-pool-type-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-pool-capabilities.h"
#include "vs-wizard-page.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_TYPE_PAGE (vs_pool_type_page_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolTypePage, vs_pool_type_page, VS, POOL_TYPE_PAGE, GtkWidget)

/* The pool wizard's first page: the pool types, each with the course's
 * facts (filesystem or block, shared between hosts, snapshots, thin
 * provisioning, what a volume is); the selected one also says what it is
 * in a sentence. Types the host does not support are shown disabled, with
 * the reason. Activating a type (Enter, double click) goes on
 * ("wizard.next").
 *
 * Property "pool-type" (VsPoolType, read-only): the selected type. The page
 * is complete once the capabilities are known and a supported type is
 * selected. */
GtkWidget  *vs_pool_type_page_new              (void);
/* NULL while the host has not answered yet (a spinner shows). */
void        vs_pool_type_page_set_capabilities (VsPoolTypePage     *self,
                                                VsPoolCapabilities *capabilities);
VsPoolType  vs_pool_type_page_get_pool_type    (VsPoolTypePage     *self);
/* Selects @type when the host supports it; FALSE otherwise. */
gboolean    vs_pool_type_page_select           (VsPoolTypePage     *self,
                                                VsPoolType          type);
/* The row of @type (for tests). */
GtkWidget  *vs_pool_type_page_get_row          (VsPoolTypePage     *self,
                                                VsPoolType          type);

G_END_DECLS
