/* vs-pool-wizard-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-pool-options-page.h"
#include "vs-pool-settings-page.h"
#include "vs-pool-summary-page.h"
#include "vs-pool-type-page.h"
#include "vs-pool-wizard.h"

G_BEGIN_DECLS

/* What the UI tests drive and inspect; not for the rest of the GUI. */

VsPoolTypePage     *vs_pool_wizard_get_type_page     (VsPoolWizard *self);
/* The page of the type chosen on the first page, or NULL before Next. */
VsPoolSettingsPage *vs_pool_wizard_get_settings_page (VsPoolWizard *self);
VsPoolOptionsPage  *vs_pool_wizard_get_options_page  (VsPoolWizard *self);
VsPoolSummaryPage  *vs_pool_wizard_get_summary_page  (VsPoolWizard *self);
/* The page shown now. */
GtkWidget          *vs_pool_wizard_get_current_page  (VsPoolWizard *self);
/* Whether the type page knows the host's capabilities. */
gboolean            vs_pool_wizard_get_ready         (VsPoolWizard *self);
/* Whether a creation runs. */
gboolean            vs_pool_wizard_get_creating      (VsPoolWizard *self);

G_END_DECLS
