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

struct _VsAddConnectionDialog
{
  GtkWindow            parent_instance;

  VsConnectionManager *manager;
  gboolean             tried;            /* errors show live after the first try */
  VsConnection        *test_connection;  /* tested, or being tested */
  GCancellable        *test_cancellable;

  GtkCheckButton      *system_check;
  GtkCheckButton      *session_check;
  GtkCheckButton      *remote_check;
  GtkCheckButton      *custom_check;
  GtkRevealer         *remote_revealer;
  GtkRevealer         *custom_revealer;
  GtkDropDown         *transport_dropdown;
  GtkLabel            *transport_help_label;
  GtkLabel            *user_label;
  GtkEntry            *user_entry;
  GtkEntry            *host_entry;
  GtkEntry            *port_entry;
  GtkDropDown         *instance_dropdown;
  GtkEntry            *uri_entry;
  GtkLabel            *preview_label;
  GtkCheckButton      *autoconnect_check;
  GtkStack            *test_stack;
  GtkImage            *test_icon;
  GtkSpinner          *test_spinner;
  GtkLabel            *test_label;
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

/* The transport dropdown's items, in order. */
static const VsUriTransport transports[] = {
  VS_URI_TRANSPORT_LIBSSH, VS_URI_TRANSPORT_SSH, VS_URI_TRANSPORT_TLS, VS_URI_TRANSPORT_TCP,
};

static VsConnectionKind
get_kind (VsAddConnectionDialog *self)
{
  if (gtk_check_button_get_active (self->session_check))
    return VS_CONNECTION_KIND_SESSION;
  if (gtk_check_button_get_active (self->remote_check))
    return VS_CONNECTION_KIND_REMOTE;
  if (gtk_check_button_get_active (self->custom_check))
    return VS_CONNECTION_KIND_CUSTOM;
  return VS_CONNECTION_KIND_SYSTEM;
}

static VsUriTransport
get_transport (VsAddConnectionDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->transport_dropdown);

  return selected < G_N_ELEMENTS (transports) ? transports[selected] : VS_URI_TRANSPORT_LIBSSH;
}

static const char *
transport_help (VsUriTransport transport)
{
  switch (transport)
    {
    case VS_URI_TRANSPORT_SSH:
      return _("The ssh command, with your ~/.ssh/config (ProxyJump, host aliases). It cannot "
               "ask for a password here: it needs an SSH key or agent.");
    case VS_URI_TRANSPORT_TLS:
      return _("Needs your client certificate and key, and the certificate of the host’s "
               "CA, where libvirt looks for them: ~/.pki/libvirt, or /etc/pki for root.");
    case VS_URI_TRANSPORT_TCP:
      return _("Unencrypted: anyone on the network can read and change what is sent. For lab "
               "networks only.");
    case VS_URI_TRANSPORT_LIBSSH:
    default:
      return _("Keys from your SSH agent and ~/.ssh are tried first; a password, a key "
               "passphrase or a new host key is asked for here.");
    }
}

/* GTK 4.8 leaves a drop-down's button without a name: it takes the name
 * of the label that points to the drop-down. */
static void
name_drop_down (GtkDropDown *drop_down)
{
  GList *labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (drop_down));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL && labels != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, labels->data, NULL,
                                      -1);

  g_list_free (labels);
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
show_test_status (VsAddConnectionDialog *self,
                  const char            *icon_name,
                  const char            *text)
{
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->test_icon, icon_name);
      gtk_stack_set_visible_child_name (self->test_stack, "icon");
      gtk_spinner_stop (self->test_spinner);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->test_stack, "spinner");
      gtk_spinner_start (self->test_spinner);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->test_stack), text != NULL);
  gtk_label_set_label (self->test_label, text != NULL ? text : "");
}

/* Forgets the tested connection: the fields changed, or the dialog goes. */
static void
drop_test (VsAddConnectionDialog *self)
{
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);

  if (self->test_connection != NULL)
    {
      vs_connection_close (self->test_connection);
      g_clear_object (&self->test_connection);
    }

  show_test_status (self, NULL, NULL);
}

static void
update (VsAddConnectionDialog *self)
{
  VsConnectionKind kind = get_kind (self);
  VsUriTransport transport = get_transport (self);
  gboolean ssh = transport == VS_URI_TRANSPORT_LIBSSH || transport == VS_URI_TRANSPORT_SSH;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *port = g_strdup_printf ("%d", vs_uri_get_default_port (transport));

  gtk_revealer_set_reveal_child (self->remote_revealer, kind == VS_CONNECTION_KIND_REMOTE);
  gtk_revealer_set_reveal_child (self->custom_revealer, kind == VS_CONNECTION_KIND_CUSTOM);

  gtk_label_set_label (self->transport_help_label, transport_help (transport));
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), ssh);
  gtk_widget_set_visible (GTK_WIDGET (self->user_entry), ssh);
  gtk_entry_set_placeholder_text (self->port_entry, port);

  uri = vs_add_connection_dialog_get_uri (self, &error);

  if (kind == VS_CONNECTION_KIND_REMOTE)
    {
      g_autofree char *preview = NULL;

      /* Translators: the URI that the dialog will open */
      preview = g_strdup_printf (_("Opens %s"), uri != NULL ? uri : "qemu+…://…");
      gtk_label_set_label (self->preview_label, preview);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->preview_label), uri);
    }

  if (self->test_connection != NULL &&
      (uri == NULL || g_strcmp0 (uri, vs_connection_get_uri (self->test_connection)) != 0))
    drop_test (self);

  if (self->tried)
    show_error (self, error != NULL ? error->message : NULL);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VsAddConnectionDialog) self = user_data;
  VsConnection *connection = VS_CONNECTION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!vs_connection_open_finish (connection, result, &error))
    {
      /* The fields changed meanwhile, or the dialog went away. */
      if (connection != self->test_connection)
        return;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: the connection test was stopped (e.g. a host key not trusted) */
          text = g_strdup_printf (_("Cancelled. %s"), error->message);
          show_test_status (self, "dialog-information-symbolic", text);
        }
      else if (vs_error_get_libvirt_message (error) != NULL)
        {
          /* Translators: what went wrong in our words, then libvirt's */
          text = g_strdup_printf (_("%s\n%s"), vs_error_get_summary (error),
                                  vs_error_get_libvirt_message (error));
          show_test_status (self, "dialog-error-symbolic", text);
        }
      else
        show_test_status (self, "dialog-error-symbolic", error->message);

      g_clear_object (&self->test_connection);
      return;
    }

  if (connection != self->test_connection)
    return;

  {
    guint n_pools = g_list_model_get_n_items (vs_connection_get_pools (connection));
    const char *hostname = vs_connection_get_hostname (connection);
    g_autofree char *name = vs_uri_dup_display_name (vs_connection_get_uri (connection));

    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Connected to %s: %u storage pool",
                                         "Connected to %s: %u storage pools", n_pools),
                            hostname != NULL && *hostname != '\0' ? hostname : name, n_pools);
    show_test_status (self, "emblem-ok-symbolic", text);
  }
}

static void
kind_toggled_cb (VsAddConnectionDialog *self,
                 GtkCheckButton        *button)
{
  if (!gtk_check_button_get_active (button))
    return;

  update (self);

  if (button == self->remote_check)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_entry_get_text_length (self->host_entry) > 0 &&
                                       gtk_entry_get_text_length (self->user_entry) == 0 &&
                                       gtk_widget_get_visible (GTK_WIDGET (self->user_entry))
                                         ? self->user_entry : self->host_entry));
  else if (button == self->custom_check)
    gtk_widget_grab_focus (GTK_WIDGET (self->uri_entry));
}

static void
transport_changed_cb (VsAddConnectionDialog *self,
                      GParamSpec            *pspec,
                      GtkDropDown           *dropdown)
{
  update (self);
}

static void
field_changed_cb (VsAddConnectionDialog *self,
                  gpointer               sender)
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
test_clicked_cb (VsAddConnectionDialog *self,
                 GtkButton             *button)
{
  vs_add_connection_dialog_test (self);
}

static void
vs_add_connection_dialog_dispose (GObject *object)
{
  VsAddConnectionDialog *self = (VsAddConnectionDialog *)object;

  if (self->test_stack != NULL)
    drop_test (self);

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
   * @connection: the connection, added and being opened (or open)
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
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, remote_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, custom_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, remote_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, transport_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, transport_help_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, user_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, port_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, instance_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, uri_entry);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, autoconnect_check);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, test_stack);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, test_icon);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, test_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VsAddConnectionDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, transport_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_add_connection_dialog_init (VsAddConnectionDialog *self)
{
  g_autofree char *user_hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the user name field's hint; %s is the local user's name */
  user_hint = g_strdup_printf (_("Optional, %s when empty"), g_get_user_name ());
  gtk_entry_set_placeholder_text (self->user_entry, user_hint);
  name_drop_down (self->transport_dropdown);
  name_drop_down (self->instance_dropdown);

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
                                         ? VS_CONNECTION_KIND_REMOTE : VS_CONNECTION_KIND_SESSION);

  return GTK_WIDGET (self);
}

void
vs_add_connection_dialog_set_kind (VsAddConnectionDialog *self,
                                   VsConnectionKind       kind)
{
  GtkCheckButton *buttons[] = {
    self->system_check, self->session_check, self->remote_check, self->custom_check,
  };

  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));
  g_return_if_fail (kind <= VS_CONNECTION_KIND_CUSTOM);

  gtk_check_button_set_active (buttons[kind], TRUE);
}

void
vs_add_connection_dialog_set_remote (VsAddConnectionDialog *self,
                                     VsUriTransport         transport,
                                     const char            *user,
                                     const char            *host,
                                     const char            *port,
                                     gboolean               session)
{
  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    if (transports[i] == transport)
      gtk_drop_down_set_selected (self->transport_dropdown, i);
  gtk_drop_down_set_selected (self->instance_dropdown, session ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port ? port : "");
  vs_add_connection_dialog_set_kind (self, VS_CONNECTION_KIND_REMOTE);
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
    case VS_CONNECTION_KIND_REMOTE:
      uri = vs_uri_build_remote (get_transport (self),
                                 gtk_editable_get_text (GTK_EDITABLE (self->user_entry)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->host_entry)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                                 gtk_drop_down_get_selected (self->instance_dropdown) == 1,
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
      g_autofree char *name = vs_uri_dup_display_name (uri);

      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_EXISTS,
                   _("%s is already in the list of connections"), name);
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
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *uri = NULL;
  gboolean autoconnect;
  gboolean tested;

  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), FALSE);

  self->tried = TRUE;
  autoconnect = gtk_check_button_get_active (self->autoconnect_check);

  uri = vs_add_connection_dialog_get_uri (self, &error);
  if (uri == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  /* A connection that tested well is open already: the user is not asked
   * the same questions twice. */
  tested = self->test_connection != NULL &&
           g_strcmp0 (vs_connection_get_uri (self->test_connection), uri) == 0 &&
           vs_connection_get_state (self->test_connection) == VS_CONNECTION_STATE_CONNECTED;
  if (tested)
    connection = g_object_ref (self->test_connection);
  else
    connection = vs_connection_manager_create (self->manager, uri, &error);

  if (connection == NULL ||
      !vs_connection_manager_add_connection (self->manager, connection, TRUE, autoconnect, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  if (tested)
    g_clear_object (&self->test_connection);
  else
    vs_connection_manager_open (self->manager, connection, NULL, NULL);

  show_error (self, NULL);
  g_signal_emit (self, signals[CONNECTION_ADDED], 0, connection);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

void
vs_add_connection_dialog_test (VsAddConnectionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self));

  self->tried = TRUE;
  drop_test (self);

  uri = vs_add_connection_dialog_get_uri (self, &error);
  if (uri == NULL || !(self->test_connection = vs_connection_manager_create (self->manager, uri, &error)))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);

  name = vs_uri_dup_display_name (uri);
  /* Translators: %s is a host, such as root@host.example.com */
  text = g_strdup_printf (_("Connecting to %s…"), name);
  show_test_status (self, NULL, text);

  self->test_cancellable = g_cancellable_new ();
  vs_connection_open_async (self->test_connection, FALSE, self->test_cancellable,
                            test_done_cb, g_object_ref (self));
}

VsConnection *
vs_add_connection_dialog_get_test_connection (VsAddConnectionDialog *self)
{
  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), NULL);

  return self->test_connection;
}

const char *
vs_add_connection_dialog_get_test_status (VsAddConnectionDialog *self)
{
  g_return_val_if_fail (VS_IS_ADD_CONNECTION_DIALOG (self), NULL);

  return gtk_label_get_label (self->test_label);
}
