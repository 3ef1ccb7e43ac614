/* vs-connection-row.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection-row.h"
#include "vs-uri.h"
#include "vs-gtk-compat.h"

struct _VsConnectionRow
{
  GtkWidget            parent_instance;

  VsConnectionManager *manager;
  VsConnection        *connection;
  GSignalGroup        *connection_signals;

  GtkStack            *state_stack;
  GtkImage            *state_image;
  GtkSpinner          *spinner;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkMenuButton       *menu_button;
};

G_DEFINE_FINAL_TYPE (VsConnectionRow, vs_connection_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
state_description (VsConnectionState state)
{
  switch (state)
    {
    case VS_CONNECTION_STATE_CONNECTING:
      return _("Connecting…");
    case VS_CONNECTION_STATE_CONNECTED:
      return _("Connected");
    case VS_CONNECTION_STATE_FAILED:
      return _("Could not connect");
    case VS_CONNECTION_STATE_DISCONNECTED:
    default:
      return _("Not connected");
    }
}

static void
update (VsConnectionRow *self)
{
  VsConnectionState state;
  const char *uri;
  const char *error_message = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const char *icon_name;
  const GError *error;
  g_autofree char *tooltip = NULL;
  g_autofree char *menu_label = NULL;

  if (self->connection == NULL)
    return;

  state = vs_connection_get_state (self->connection);
  uri = vs_connection_get_uri (self->connection);
  error = vs_connection_get_error (self->connection);
  if (error != NULL)
    error_message = error->message;

  title = vs_connection_dup_display_name (self->connection);
  description = vs_connection_dup_description (self->connection);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, description);

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), "vs-state-failed");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), "dim-label");

  switch (state)
    {
    case VS_CONNECTION_STATE_CONNECTING:
      icon_name = NULL;
      break;
    case VS_CONNECTION_STATE_CONNECTED:
      icon_name = vs_uri_is_remote (uri) ? "network-server-symbolic" : "computer-symbolic";
      break;
    case VS_CONNECTION_STATE_FAILED:
      icon_name = "dialog-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->state_image), "vs-state-failed");
      break;
    case VS_CONNECTION_STATE_DISCONNECTED:
    default:
      icon_name = error_message != NULL ? "network-error-symbolic" : "network-offline-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->state_image),
                                error_message != NULL ? "vs-state-failed" : "dim-label");
      break;
    }

  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->state_image, icon_name);
      gtk_stack_set_visible_child_name (self->state_stack, "icon");
      gtk_spinner_stop (self->spinner);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->state_stack, "spinner");
      gtk_spinner_start (self->spinner);
    }

  if (error_message != NULL)
    tooltip = g_strdup_printf ("%s\n%s\n%s", uri, state_description (state), error_message);
  else
    tooltip = g_strdup_printf ("%s\n%s", uri, state_description (state));
  vs_widget_set_tooltip (GTK_WIDGET (self), tooltip);

  menu_label = g_strdup_printf (_("Menu for %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state_description (state),
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.reconnect",
                                 state == VS_CONNECTION_STATE_DISCONNECTED ||
                                 state == VS_CONNECTION_STATE_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.new-pool",
                                 state == VS_CONNECTION_STATE_CONNECTED &&
                                 !vs_connection_get_read_only (self->connection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.disconnect",
                                 state == VS_CONNECTION_STATE_CONNECTED ||
                                 state == VS_CONNECTION_STATE_CONNECTING);
}

static void
secondary_click_cb (VsConnectionRow *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  vs_connection_row_popup_menu (self);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (widget);

  if (self->connection != NULL && self->manager != NULL)
    vs_connection_manager_open (self->manager, self->connection, NULL, NULL);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (widget);

  if (self->connection != NULL)
    vs_connection_close (self->connection);
}

/* The window opens the wizard (see "window.new-pool-for"). */
static void
new_pool_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (widget);

  if (self->connection != NULL)
    gtk_widget_activate_action (widget, "window.new-pool-for", "s",
                                vs_connection_get_uri (self->connection));
}

typedef struct
{
  VsConnectionManager *manager;
  VsConnection        *connection;
} RemoveData;

static void
remove_data_free (gpointer ptr)
{
  RemoveData *data = ptr;

  g_object_unref (data->manager);
  g_object_unref (data->connection);
  g_free (data);
}

static gboolean
remove_idle_cb (gpointer user_data)
{
  RemoveData *data = user_data;

  vs_connection_manager_remove (data->manager, data->connection);

  return G_SOURCE_REMOVE;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (widget);
  RemoveData *data;

  if (self->connection == NULL || self->manager == NULL)
    return;

  /* Removing destroys this row (its list item goes away): not from inside
   * its own action. */
  data = g_new0 (RemoveData, 1);
  data->manager = g_object_ref (self->manager);
  data->connection = g_object_ref (self->connection);
  g_idle_add_full (G_PRIORITY_DEFAULT, remove_idle_cb, data, remove_data_free);
}

static void
vs_connection_row_dispose (GObject *object)
{
  GtkWidget *child;
  VsConnectionRow *self = (VsConnectionRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_CONNECTION_ROW);
  /* dispose_template() only unparents the children bound by id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->connection);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vs_connection_row_parent_class)->dispose (object);
}

static void
vs_connection_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VsConnectionRow *self = VS_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    case PROP_CONNECTION:
      vs_connection_row_set_connection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_row_class_init (VsConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_connection_row_dispose;
  object_class->get_property = vs_connection_row_get_property;
  object_class->set_property = vs_connection_row_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, VS_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VS_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, state_image);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_cb);

  gtk_widget_class_install_action (widget_class, "connection.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "connection.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "connection.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "connection.new-pool", NULL, new_pool_action);

  gtk_widget_class_set_css_name (widget_class, "vsconnectionrow");
}

static void
vs_connection_row_init (VsConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The menu button's own toggle button would take the focus whenever the
   * list focuses this row. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->menu_button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (self->menu_button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Connection actions"),
                                  -1);

  self->connection_signals = g_signal_group_new (VS_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::state",
                                  G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::hostname",
                                  G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::error-message",
                                  G_CALLBACK (update), self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_connection_row_new (VsConnectionManager *manager)
{
  g_return_val_if_fail (manager == NULL || VS_IS_CONNECTION_MANAGER (manager), NULL);

  return g_object_new (VS_TYPE_CONNECTION_ROW, "manager", manager, NULL);
}

VsConnection *
vs_connection_row_get_connection (VsConnectionRow *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION_ROW (self), NULL);

  return self->connection;
}

void
vs_connection_row_set_connection (VsConnectionRow *self,
                                  VsConnection    *connection)
{
  g_return_if_fail (VS_IS_CONNECTION_ROW (self));
  g_return_if_fail (connection == NULL || VS_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;

  g_signal_group_set_target (self->connection_signals, connection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.remove", connection != NULL);
  if (connection != NULL)
    update (self);
  else
    gtk_spinner_stop (self->spinner);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

void
vs_connection_row_popup_menu (VsConnectionRow *self)
{
  g_return_if_fail (VS_IS_CONNECTION_ROW (self));

  gtk_menu_button_popup (self->menu_button);
}

char *
vs_connection_dup_display_name (VsConnection *connection)
{
  const char *hostname;
  const char *uri;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  uri = vs_connection_get_uri (connection);
  hostname = vs_connection_get_hostname (connection);
  if (vs_uri_is_remote (uri) && hostname != NULL && *hostname != '\0')
    return g_strdup (hostname);

  return vs_uri_dup_display_name (uri);
}

char *
vs_connection_dup_description (VsConnection *connection)
{
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *transport = NULL;
  const char *uri;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  uri = vs_connection_get_uri (connection);
  title = vs_connection_dup_display_name (connection);
  name = vs_uri_dup_display_name (uri);
  transport = vs_uri_dup_transport_label (uri);

  if (g_strcmp0 (title, name) == 0)
    return g_steal_pointer (&transport);

  /* Translators: who logs in where, then how, e.g. "root@10.0.0.5 · SSH · system" */
  return g_strdup_printf (_("%s · %s"), name, transport);
}
