/* vs-add-connection-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-add-connection-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-add-connection-dialog.h"
#include "vs-error.h"
#include "vs-uri.h"

struct _VsAddConnectionDialog
{
  GtkWindow            parent_instance;

  VsConnectionManager *manager;
  gboolean             tried;       /* errors show live after the first try */

  GtkCheckButton      *system_check;
  GtkCheckButton      *session_check;
  GtkCheckButton      *ssh_check;
  GtkCheckButton      *custom_check;
  GtkRevealer         *ssh_revealer;
  GtkRevealer         *custom_revealer;
  GtkEntry            *user_entry;
  GtkEntry            *host_entry;
  GtkEntry            *port_entry;
  GtkEntry            *uri_entry;
  GtkLabel            *preview_label;
  GtkCheckButton      *autoconnect_check;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkButton           *connect_button;
};

G_DEFINE_FINAL_TYPE (VsAddConnectionDialog, vs_add_connection_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

enum {
  CONNECTION_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static VsConnectionKind
get_kind (VsAddConnectionDialog *self)
{
  if (gtk_check_button_get_active (self->session_check))
    return VS_CONNECTION_KIND_SESSION;
  if (gtk_check_button_get_active (self->ssh_check))
    return VS_CONNECTION_KIND_SSH;
  if (gtk_check_button_get_active (self->custom_check))
    return VS_CONNECTION_KIND_CUSTOM;
  return VS_CONNECTION_KIND_SYSTEM;
}

static void
show_error (VsAddConnectionDialog *self,
            const char            *message)
{
  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update (VsAddConnectionDialog *self)
{
  VsConnectionKind kind = get_kind (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  gtk_revealer_set_reveal_child (self->ssh_revealer, kind == VS_CONNECTION_KIND_SSH);
  gtk_revealer_set_reveal_child (self->custom_revealer, kind == VS_CONNECTION_KIND_CUSTOM);

  uri = vs_add_connection_dialog_get_uri (self, &error);

  if (kind == VS_CONNECTION_KIND_SSH)
    {
      g_autofree char *preview = NULL;

      /* Translators: the URI that the dialog will open */
      preview = g_strdup_printf (_("Opens %s"), uri != NULL ? uri : "qemu+ssh://…/system");
      gtk_label_set_label (self->preview_label, preview);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->preview_label), uri);
    }

  if (self->tried)
    show_error (self, error != NULL ? error->message : NULL);
}

static void
kind_toggled_cb (VsAddConnectionDialog *self,
                 GtkCheckButton        *button)
{
  if (!gtk_check_button_get_active (button))
    return;

  update (self);

  if (button == self->ssh_check)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_entry_get_text_length (self->host_entry) > 0 &&
                                       gtk_entry_get_text_length (self->user_entry) == 0
                                         ? self->user_entry : self->host_entry));
  else if (button == self->custom_check)
    gtk_widget_grab_focus (GTK_WIDGET (self->uri_entry));
}

static void
field_changed_cb (VsAddConnectionDialog *self,
                  GtkEditable           *editable)
{
  update (self);
}

static void
connect_clicked_cb (VsAddConnectionDialog *self,
                    GtkButton             *button)
{
  vs_add_connection_dialog_accept (self);
}

static void
vs_add_connection_dialog_dispose (GObject *object)
{
  VsAddConnectionDialog *self = (VsAddConnectionDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_ADD_CONNECTION_DIALOG);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vs_add_connection_dialog_parent_class)->dispose (object);
}

static void
vs_add_connection_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VsAddConnectionDialog *self = VS_ADD_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_add_connection_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VsAddConnectionDialog *self = VS_ADD_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_add_connection_dialog_class_init (VsAddConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_add_connection_dialog_dispose;
  object_class->get_property = vs_add_connection_dialog_get_property;
  object_class->set_property = vs_add_connection_dialog_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, VS_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VsAddConnectionDialog::connection-added:
   * @connection: the connection, added and being opened
   */
  signals[CONNECTION_ADDED] =
    g_signal_new ("connection-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VS_TYPE_CONNECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-add-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, system_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, session_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, ssh_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, custom_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, ssh_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, port_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, uri_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, autoconnect_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_add_connection_dialog_init (VsAddConnectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_add_connection_dialog_new (GtkWindow           *parent,
                              VsConnectionManager *manager)
{
  VsAddConnectionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (manager), NULL);

  self = g_object_new (VS_TYPE_ADD_CONNECTION_DIALOG,
                       "manager", manager,
                       "transient-for", parent,
                       NULL);

  /* Offer the first local choice that is not open yet. */
  if (vs_connection_manager_lookup (manager, "qemu:///system") != NULL)
    vs_add_connection_dialog_set_kind (self,
                                       vs_connection_manager_lookup (manager, "qemu:///session") != NULL
                                         ? VS_CONNECTION_KIND_SSH : VS_CONNECTION_KIND_SESSION);

  return GTK_WIDGET (self);
}

void
vs_add_connection_dialog_set_kind (VsAddConnectionDialog *self,
                                   VsConnectionKind       kind)
{
  GtkCheckButton *buttons[] = {
    self->system_check, self->session_check, self->ssh_check, self->custom_check,
  };

  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));
  g_return_if_fail (kind <= VS_CONNECTION_KIND_CUSTOM);

  gtk_check_button_set_active (buttons[kind], TRUE);
}

void
vs_add_connection_dialog_set_ssh (VsAddConnectionDialog *self,
                                  const char            *user,
                                  const char            *host,
                                  const char            *port)
{
  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port ? port : "");
  vs_add_connection_dialog_set_kind (self, VS_CONNECTION_KIND_SSH);
}

void
vs_add_connection_dialog_set_custom_uri (VsAddConnectionDialog *self,
                                         const char            *uri)
{
  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->uri_entry), uri ? uri : "");
  vs_add_connection_dialog_set_kind (self, VS_CONNECTION_KIND_CUSTOM);
}

char *
vs_add_connection_dialog_get_uri (VsAddConnectionDialog  *self,
                                  GError                **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (get_kind (self))
    {
    case VS_CONNECTION_KIND_SYSTEM:
      uri = g_strdup ("qemu:///system");
      break;
    case VS_CONNECTION_KIND_SESSION:
      uri = g_strdup ("qemu:///session");
      break;
    case VS_CONNECTION_KIND_SSH:
      uri = vs_uri_build_ssh (gtk_editable_get_text (GTK_EDITABLE (self->user_entry)),
                              gtk_editable_get_text (GTK_EDITABLE (self->host_entry)),
                              gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                              error);
      if (uri == NULL)
        return NULL;
      break;
    case VS_CONNECTION_KIND_CUSTOM:
    default:
      uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->uri_entry))));
      if (!vs_uri_validate (uri, error))
        return NULL;
      break;
    }

  if (self->manager != NULL && vs_connection_manager_lookup (self->manager, uri) != NULL)
    {
      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_EXISTS,
                   _("%s is already in the list of connections"), uri);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

const char *
vs_add_connection_dialog_get_error_text (VsAddConnectionDialog *self)
{
  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

gboolean
vs_add_connection_dialog_accept (VsAddConnectionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  VsConnection *connection;

  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), FALSE);

  self->tried = TRUE;

  uri = vs_add_connection_dialog_get_uri (self, &error);
  if (uri != NULL)
    connection = vs_connection_manager_add (self->manager, uri, TRUE,
                                            gtk_check_button_get_active (self->autoconnect_check),
                                            &error);
  else
    connection = NULL;

  if (connection == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  vs_connection_manager_open (self->manager, connection, NULL, NULL);
  g_signal_emit (self, signals[CONNECTION_ADDED], 0, connection);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}
