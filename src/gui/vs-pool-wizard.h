/* vs-pool-wizard.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_WIZARD (vs_pool_wizard_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolWizard, vs_pool_wizard, VS, POOL_WIZARD, GtkWindow)

/* The "New Pool" wizard for @connection: pool type (with what each type
 * means), the type's own page, options (build, start, autostart), then a
 * summary with the XML that will be defined. Create runs the core's
 * creation job and shows its steps; a failure keeps the wizard open with
 * everything as typed.
 *
 * Enter goes forward (Next, then Create), Escape cancels (while creating:
 * stops the creation, which undoes what was done), Alt+Left goes back.
 *
 * Signal "pool-created" (VsPool *pool): the pool was created and is listed
 * in the connection; the wizard closes right after. */
GtkWidget    *vs_pool_wizard_new            (GtkWindow    *parent,
                                             VsConnection *connection);
VsConnection *vs_pool_wizard_get_connection (VsPoolWizard *self);

G_END_DECLS
