/* vs-wizard-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-pool-definition.h"
#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_WIZARD_PAGE (vs_wizard_page_get_type ())

G_DECLARE_INTERFACE (VsWizardPage, vs_wizard_page, VS, WIZARD_PAGE, GtkWidget)

/* One page of the pool wizard (VsPoolWizard). Every page has the
 * properties "title" (what the header bar shows while the page is up) and
 * "is-complete" (whether the page lets the user go on: every field it
 * needs is filled and valid; the wizard's Next button follows it).
 *
 * What a page asks for goes into the pool's description: the wizard walks
 * its pages in order and lets each fill its part. */
struct _VsWizardPageInterface
{
  GTypeInterface parent_iface;

  /* Checks the page as a whole before the wizard leaves it forward; shows
   * every problem in place, next to its field, moves the focus to the
   * first one and returns FALSE. Optional: by default "is-complete". */
  gboolean (*validate)        (VsWizardPage      *self);
  /* Writes what the page asks for into @definition and @flags. */
  void     (*fill_definition) (VsWizardPage      *self,
                               VsPoolDefinition  *definition,
                               VsPoolCreateFlags *flags);
  /* The page just came up: focus the widget a keyboard user starts at
   * and return TRUE, or FALSE to let the wizard focus its Next button
   * (the default). */
  gboolean (*shown)           (VsWizardPage      *self);
};

char       *vs_wizard_page_dup_title       (VsWizardPage      *self);
gboolean    vs_wizard_page_get_is_complete (VsWizardPage      *self);
gboolean    vs_wizard_page_validate        (VsWizardPage      *self);
void        vs_wizard_page_fill_definition (VsWizardPage      *self,
                                            VsPoolDefinition  *definition,
                                            VsPoolCreateFlags *flags);
gboolean    vs_wizard_page_shown           (VsWizardPage      *self);

G_END_DECLS
