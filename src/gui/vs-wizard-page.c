/* vs-wizard-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-wizard-page"

#include "config.h"

#include "vs-wizard-page.h"

G_DEFINE_INTERFACE (VsWizardPage, vs_wizard_page, GTK_TYPE_WIDGET)

static gboolean
vs_wizard_page_real_validate (VsWizardPage *self)
{
  return vs_wizard_page_get_is_complete (self);
}

static void
vs_wizard_page_default_init (VsWizardPageInterface *iface)
{
  iface->validate = vs_wizard_page_real_validate;

  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("is-complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

/* Public API ------------------------------------------------------------ */

char *
vs_wizard_page_dup_title (VsWizardPage *self)
{
  char *title = NULL;

  g_return_val_if_fail (VS_IS_WIZARD_PAGE (self), NULL);

  g_object_get (self, "title", &title, NULL);
  return title;
}

gboolean
vs_wizard_page_get_is_complete (VsWizardPage *self)
{
  gboolean complete = FALSE;

  g_return_val_if_fail (VS_IS_WIZARD_PAGE (self), FALSE);

  g_object_get (self, "is-complete", &complete, NULL);
  return complete;
}

gboolean
vs_wizard_page_validate (VsWizardPage *self)
{
  g_return_val_if_fail (VS_IS_WIZARD_PAGE (self), FALSE);

  return VS_WIZARD_PAGE_GET_IFACE (self)->validate (self);
}

void
vs_wizard_page_fill_definition (VsWizardPage      *self,
                                VsPoolDefinition  *definition,
                                VsPoolCreateFlags *flags)
{
  g_return_if_fail (VS_IS_WIZARD_PAGE (self));
  g_return_if_fail (definition != NULL);
  g_return_if_fail (flags != NULL);

  if (VS_WIZARD_PAGE_GET_IFACE (self)->fill_definition != NULL)
    VS_WIZARD_PAGE_GET_IFACE (self)->fill_definition (self, definition, flags);
}

gboolean
vs_wizard_page_shown (VsWizardPage *self)
{
  g_return_val_if_fail (VS_IS_WIZARD_PAGE (self), FALSE);

  if (VS_WIZARD_PAGE_GET_IFACE (self)->shown == NULL)
    return FALSE;

  return VS_WIZARD_PAGE_GET_IFACE (self)->shown (self);
}
