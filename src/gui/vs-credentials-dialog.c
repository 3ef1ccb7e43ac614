/* vs-credentials-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-credentials-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>

#include "vs-credentials-dialog.h"

struct _VsCredentialsDialog
{
  GtkWindow     parent_instance;

  VsConnection *connection;
  VsCredential *creds;       /* owned by the core until answered */
  guint         n_creds;
  gboolean      answered;
  GPtrArray    *fields;      /* GtkEditable, one per credential */

  GtkLabel     *body_label;
  GtkGrid      *fields_grid;
  GtkButton    *connect_button;
};

G_DEFINE_FINAL_TYPE (VsCredentialsDialog, vs_credentials_dialog, GTK_TYPE_WINDOW)

static gboolean
is_secret (int type)
{
  return type == VIR_CRED_PASSPHRASE || type == VIR_CRED_NOECHOPROMPT;
}

static const char *
default_prompt (int type)
{
  switch (type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return _("User name");
    case VIR_CRED_PASSPHRASE:
      return _("Password");
    case VIR_CRED_REALM:
      return _("Realm");
    default:
      return _("Answer");
    }
}

static void
answer (VsCredentialsDialog *self,
        gboolean             accepted)
{
  if (self->answered)
    return;

  self->answered = TRUE;
  if (accepted)
    {
      for (guint i = 0; i < self->n_creds; i++)
        {
          const char *text = gtk_editable_get_text (g_ptr_array_index (self->fields, i));

          g_free (self->creds[i].result);
          self->creds[i].result = g_strdup (text);
        }
    }

  vs_connection_credentials_done (self->connection, accepted);
}

static void
build_fields (VsCredentialsDialog *self)
{
  for (guint i = 0; i < self->n_creds; i++)
    {
      const VsCredential *cred = &self->creds[i];
      g_autofree char *prompt = NULL;
      GtkWidget *label;
      GtkWidget *field;

      prompt = g_strdup (cred->prompt != NULL && *cred->prompt != '\0'
                           ? cred->prompt : default_prompt (cred->type));
      /* libvirt's prompts often end in ": " already. */
      g_strchomp (prompt);
      if (g_str_has_suffix (prompt, ":"))
        prompt[strlen (prompt) - 1] = '\0';

      label = gtk_label_new (prompt);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);

      if (is_secret (cred->type))
        {
          field = gtk_password_entry_new ();
          gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (field), TRUE);
          g_object_set (field, "activates-default", TRUE, NULL);
        }
      else
        {
          field = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (field), TRUE);
          if (cred->default_result != NULL)
            gtk_editable_set_text (GTK_EDITABLE (field), cred->default_result);
        }
      gtk_widget_set_hexpand (field, TRUE);
      gtk_widget_set_size_request (field, 220, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      if (cred->challenge != NULL && *cred->challenge != '\0')
        gtk_widget_set_tooltip_text (field, cred->challenge);

      gtk_grid_attach (self->fields_grid, label, 0, i, 1, 1);
      gtk_grid_attach (self->fields_grid, field, 1, i, 1, 1);
      g_ptr_array_add (self->fields, field);
    }

  if (self->fields->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, 0));
}

static void
connect_clicked_cb (VsCredentialsDialog *self,
                    GtkButton           *button)
{
  vs_credentials_dialog_accept (self);
}

static gboolean
vs_credentials_dialog_close_request (GtkWindow *window)
{
  answer (VS_CREDENTIALS_DIALOG (window), FALSE);

  return GTK_WINDOW_CLASS (vs_credentials_dialog_parent_class)->close_request (window);
}

static void
vs_credentials_dialog_dispose (GObject *object)
{
  VsCredentialsDialog *self = (VsCredentialsDialog *)object;

  if (self->connection != NULL)
    answer (self, FALSE);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_CREDENTIALS_DIALOG);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vs_credentials_dialog_parent_class)->dispose (object);
}

static void
vs_credentials_dialog_class_init (VsCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vs_credentials_dialog_dispose;
  window_class->close_request = vs_credentials_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_credentials_dialog_init (VsCredentialsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new ();
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_credentials_dialog_new (GtkWindow    *parent,
                           VsConnection *connection,
                           VsCredential *creds,
                           guint         n_creds)
{
  VsCredentialsDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (creds != NULL || n_creds == 0, NULL);

  self = g_object_new (VS_TYPE_CREDENTIALS_DIALOG, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->creds = creds;
  self->n_creds = n_creds;

  /* Translators: %s is a connection URI such as qemu+ssh://root@host/system */
  body = g_strdup_printf (_("%s asks for credentials before it lets Virt Storage in."),
                          vs_connection_get_uri (connection));
  gtk_label_set_label (self->body_label, body);
  build_fields (self);

  return GTK_WIDGET (self);
}

void
vs_credentials_dialog_accept (VsCredentialsDialog *self)
{
  g_return_if_fail (VS_IS_CREDENTIALS_DIALOG (self));

  answer (self, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

GtkEditable *
vs_credentials_dialog_get_field (VsCredentialsDialog *self,
                                 guint                index)
{
  g_return_val_if_fail (VS_IS_CREDENTIALS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

void
vs_credentials_dialog_handler (VsConnection *connection,
                               VsCredential *creds,
                               guint         n_creds,
                               gpointer      user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = NULL;
  GtkWidget *dialog;

  g_return_if_fail (VS_IS_CONNECTION (connection));

  if (GTK_IS_APPLICATION (application))
    parent = gtk_application_get_active_window (application);

  dialog = vs_credentials_dialog_new (parent, connection, creds, n_creds);
  gtk_window_present (GTK_WINDOW (dialog));
}
