/* vs-field-message.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-field-message"

#include "config.h"

#include "vs-field-message.h"
#include "vs-size-entry.h"

void
vs_field_message_show (GtkLabel     *label,
                       GtkWidget    *field,
                       const GError *error,
                       const char   *hint)
{
  const char *text = error != NULL ? error->message : hint;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (field == NULL || GTK_IS_WIDGET (field));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (error != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }

  if (field == NULL)
    return;

  if (VS_IS_SIZE_ENTRY (field))
    {
      vs_size_entry_set_error (VS_SIZE_ENTRY (field), error != NULL);
      return;
    }

  if (error != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

const char *
vs_field_message_get_error (GtkLabel *label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (label)) || !gtk_widget_has_css_class (GTK_WIDGET (label), "error"))
    return NULL;

  return gtk_label_get_text (label);
}
