/* vs-connection-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-connection-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection-page.h"
#include "vs-uri.h"
#include "vs-connection-row.h"
#include "vs-gtk-compat.h"

struct _VsConnectionPage
{
  GtkWidget            parent_instance;

  VsConnectionManager *manager;
  VsConnection        *connection;
  GSignalGroup        *connection_signals;
  GSignalGroup        *pools_signals;
  guint                updating : 1;

  /* Template widgets */
  GtkStack            *icon_stack;
  GtkImage            *icon;
  GtkSpinner          *spinner;
  GtkLabel            *title_label;
  GtkLabel            *description_label;
  GtkLabel            *uri_label;
  GtkLabel            *summary_label;
  GtkWidget           *reconnect_button;
  GtkWidget           *disconnect_button;
  GtkCheckButton      *autoconnect_check;
};

G_DEFINE_FINAL_TYPE (VsConnectionPage, vs_connection_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static gboolean
state_is_down (VsConnectionState state)
{
  return state == VS_CONNECTION_STATE_DISCONNECTED || state == VS_CONNECTION_STATE_FAILED;
}

static char *
summary_text (VsConnection *connection)
{
  guint n;

  if (vs_connection_get_reconnecting (connection))
    return g_strdup (_("The connection dropped. Virt Storage is trying to reach the host again; "
                       "its pools come back by themselves when it answers."));

  switch (vs_connection_get_state (connection))
    {
    case VS_CONNECTION_STATE_CONNECTED:
      n = g_list_model_get_n_items (vs_connection_get_pools (connection));
      if (n == 0)
        return g_strdup (_("This host has no storage pools yet."));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This host has %u storage pool. Select it in the sidebar to see its volumes.",
                                           "This host has %u storage pools. Select one in the sidebar to see its volumes.",
                                           n), n);
    case VS_CONNECTION_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));
    case VS_CONNECTION_STATE_FAILED:
      return g_strdup (_("Could not connect to this host."));
    case VS_CONNECTION_STATE_DISCONNECTED:
    default:
      return g_strdup (_("Not connected."));
    }
}

static void
update (VsConnectionPage *self)
{
  VsConnection *connection = self->connection;
  VsConnectionState state;
  g_autofree char *summary = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  gboolean busy;
  gboolean remembered;

  if (connection == NULL || self->manager == NULL)
    return;

  state = vs_connection_get_state (connection);
  name = vs_connection_dup_display_name (connection);
  busy = state == VS_CONNECTION_STATE_CONNECTING || vs_connection_get_reconnecting (connection);

  description = vs_connection_dup_description (connection);
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->description_label, description);
  gtk_label_set_label (self->uri_label, vs_connection_get_uri (connection));
  gtk_widget_set_visible (self->reconnect_button, state_is_down (state));
  gtk_widget_set_visible (self->disconnect_button, !state_is_down (state));

  summary = summary_text (connection);
  gtk_label_set_label (self->summary_label, summary);

  if (busy)
    {
      gtk_stack_set_visible_child_name (self->icon_stack, "spinner");
      gtk_spinner_start (self->spinner);
    }
  else
    {
      const char *icon_name;

      if (state == VS_CONNECTION_STATE_CONNECTED)
        icon_name = vs_uri_is_remote (vs_connection_get_uri (connection))
                      ? "network-server-symbolic" : "computer-symbolic";
      else if (state == VS_CONNECTION_STATE_FAILED || vs_connection_get_error (connection) != NULL)
        icon_name = "network-error-symbolic";
      else
        icon_name = "network-offline-symbolic";

      gtk_image_set_from_icon_name (self->icon, icon_name);
      gtk_stack_set_visible_child_name (self->icon_stack, "icon");
      gtk_spinner_stop (self->spinner);
    }

  remembered = vs_connection_manager_is_remembered (self->manager, connection);
  gtk_widget_set_visible (GTK_WIDGET (self->autoconnect_check), remembered);
  if (remembered)
    {
      self->updating = TRUE;
      gtk_check_button_set_active (self->autoconnect_check,
                                   vs_connection_manager_get_autoconnect (self->manager, connection));
      self->updating = FALSE;
    }
}

/* Signal callbacks ----------------------------------------------------- */

static void
autoconnect_toggled_cb (VsConnectionPage *self,
                        GtkCheckButton   *button)
{
  if (self->updating || self->connection == NULL)
    return;

  vs_connection_manager_set_autoconnect (self->manager, self->connection,
                                         gtk_check_button_get_active (button));
}

/* Class ----------------------------------------------------------------- */

static void
vs_connection_page_dispose (GObject *object)
{
  VsConnectionPage *self = (VsConnectionPage *)object;
  GtkWidget *child;

  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  if (self->pools_signals != NULL)
    g_signal_group_set_target (self->pools_signals, NULL);
  g_clear_object (&self->connection);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_CONNECTION_PAGE);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_connection_page_parent_class)->dispose (object);
}

static void
vs_connection_page_finalize (GObject *object)
{
  VsConnectionPage *self = (VsConnectionPage *)object;

  g_clear_object (&self->connection_signals);
  g_clear_object (&self->pools_signals);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vs_connection_page_parent_class)->finalize (object);
}

static void
vs_connection_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VsConnectionPage *self = VS_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VsConnectionPage *self = VS_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      vs_connection_page_set_connection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_connection_page_class_init (VsConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_connection_page_dispose;
  object_class->finalize = vs_connection_page_finalize;
  object_class->get_property = vs_connection_page_get_property;
  object_class->set_property = vs_connection_page_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VS_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, icon);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, uri_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VsConnectionPage, autoconnect_check);
  gtk_widget_class_bind_template_callback (widget_class, autoconnect_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_connection_page_init (VsConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  self->connection_signals = g_signal_group_new (VS_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::state", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::hostname", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::error-message", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::reconnecting", G_CALLBACK (update), self);

  /* The pool count follows the live list. */
  self->pools_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->pools_signals, "items-changed", G_CALLBACK (update), self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_connection_page_new (void)
{
  return g_object_new (VS_TYPE_CONNECTION_PAGE, NULL);
}

void
vs_connection_page_set_manager (VsConnectionPage    *self,
                                VsConnectionManager *manager)
{
  g_return_if_fail (VS_IS_CONNECTION_PAGE (self));
  g_return_if_fail (VS_IS_CONNECTION_MANAGER (manager));
  g_return_if_fail (self->manager == NULL);

  self->manager = g_object_ref (manager);
}

VsConnection *
vs_connection_page_get_connection (VsConnectionPage *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION_PAGE (self), NULL);

  return self->connection;
}

void
vs_connection_page_set_connection (VsConnectionPage *self,
                                   VsConnection     *connection)
{
  g_return_if_fail (VS_IS_CONNECTION_PAGE (self));
  g_return_if_fail (connection == NULL || VS_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;

  g_signal_group_set_target (self->connection_signals, connection);
  g_signal_group_set_target (self->pools_signals,
                             connection != NULL ? vs_connection_get_pools (connection) : NULL);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

const char *
vs_connection_page_get_summary (VsConnectionPage *self)
{
  g_return_val_if_fail (VS_IS_CONNECTION_PAGE (self), NULL);

  return gtk_label_get_label (self->summary_label);
}
