/* vs-pool-options-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-wizard-page.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_OPTIONS_PAGE (vs_pool_options_page_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolOptionsPage, vs_pool_options_page, VS, POOL_OPTIONS_PAGE, GtkWidget)

/* The pool wizard's options: build (make the folder or mount point; for
 * fs, logical, disk and zfs also format the devices, which erases them
 * and is only switched on after the user confirms it for those very
 * devices), start now (on by default) and start at boot (off by
 * default). Always complete. */
GtkWidget *vs_pool_options_page_new            (void);
/* What the earlier pages say: the type, the devices and the folder the
 * options talk about. Changing the devices takes back a confirmed erase. */
void       vs_pool_options_page_set_definition (VsPoolOptionsPage      *self,
                                                const VsPoolDefinition *definition);

G_END_DECLS
