/* vs-window.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-add-connection-dialog.h"
#include "vs-connection-page.h"
#include "vs-connection-row.h"
#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"
#include "vs-jobs-button.h"
#include "vs-pool-page.h"
#include "vs-pool-wizard.h"
#include "vs-sidebar.h"
#include "vs-window-private.h"

/* Below this width the window shows the sidebar or the content, not both. */
#define FOLD_WIDTH 720

struct _VsWindow
{
  GtkApplicationWindow  parent_instance;

  VsConnectionManager  *manager;
  GSettings            *settings;

  VsConnection         *current_connection;
  VsPool               *current_pool;
  GSignalGroup         *connection_signals;
  GSignalGroup         *pool_signals;

  guint                 fold_source;
  gboolean              folded;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkToggleButton      *sidebar_button;
  GtkMenuButton        *primary_menu_button;
  VsJobsButton         *jobs_button;
  VsSidebar            *sidebar;
  GtkWidget            *content_box;
  VsErrorBar           *banner;
  GtkStack             *content_stack;
  GtkSpinner           *restoring_spinner;
  GtkLabel             *restoring_title_label;
  VsConnectionPage     *connection_page;
  VsPoolPage           *pool_page;
};

static void apply_layout (VsWindow *self);

G_DEFINE_FINAL_TYPE (VsWindow, vs_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static gboolean
state_is_down (VsConnectionState state)
{
  return state == VS_CONNECTION_STATE_DISCONNECTED || state == VS_CONNECTION_STATE_FAILED;
}

/* Not a template child: gtk_widget_dispose_template() would unparent the
 * window's own child behind GtkWindow's back. */
static GtkPaned *
get_paned (VsWindow *self)
{
  return GTK_PANED (gtk_window_get_child (GTK_WINDOW (self)));
}

/* The application's style sheet, once per display: the window loads it so
 * that tests that build a window without the application look the same. */
static void
ensure_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "vs-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/virtstorage/VirtStorage/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "vs-style",
                          g_steal_pointer (&provider), g_object_unref);
}

/* The pool the sidebar restores while its host is still connecting, and
 * that host when it is listed; NULL when nothing is being restored, or
 * when the window shows something else (a pool, another connection). */
static const char *
get_restoring_pool (VsWindow      *self,
                    VsConnection **connection)
{
  const char *uri = NULL;
  const char *pool_name = vs_sidebar_get_restoring_pool (self->sidebar, &uri);
  VsConnection *host = NULL;

  *connection = NULL;
  if (pool_name == NULL || self->current_pool != NULL)
    return NULL;

  if (uri != NULL)
    host = vs_connection_manager_lookup (self->manager, uri);
  if (self->current_connection != NULL)
    {
      /* The sidebar selects the host's row while it waits. */
      if (host != NULL && host != self->current_connection)
        return NULL;
      host = self->current_connection;
    }

  *connection = host;
  return pool_name;
}

/* Hosts are named like hosts; the URI is the subtitle's tooltip. */
static void
update_title (VsWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  const char *title = _("Virt Storage");
  VsConnection *restoring_host;
  const char *restoring_pool = get_restoring_pool (self, &restoring_host);

  if (restoring_pool != NULL)
    {
      title = restoring_pool;
      if (restoring_host != NULL)
        subtitle = vs_connection_dup_display_name (restoring_host);
    }
  else if (self->current_pool != NULL)
    {
      title = vs_pool_get_name (self->current_pool);
      subtitle = vs_connection_dup_display_name (self->current_connection);
    }
  else if (self->current_connection != NULL)
    {
      title = name = vs_connection_dup_display_name (self->current_connection);
      subtitle = vs_connection_dup_description (self->current_connection);
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  vs_widget_set_tooltip (GTK_WIDGET (self->subtitle_label),
                         self->current_connection != NULL
                           ? vs_connection_get_uri (self->current_connection) : NULL);
}

/* Where the selected connection stands, when it is down. While it comes
 * back by itself, say so; the banner's button then still tries at once. */
static void
update_banner (VsWindow *self)
{
  VsConnection *connection = self->current_connection;
  const GError *error;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  VsConnectionState state;

  if (connection == NULL || !state_is_down (vs_connection_get_state (connection)))
    {
      vs_error_bar_hide (self->banner);
      return;
    }

  /* One Reconnect in view: the connection's page always has its own, a
   * pool's page has one unless the connection is trying again by itself. */
  vs_error_bar_set_action_visible (self->banner,
                                   self->current_pool != NULL &&
                                   vs_connection_get_reconnecting (connection));

  state = vs_connection_get_state (connection);
  error = vs_connection_get_error (connection);
  name = vs_connection_dup_display_name (connection);
  vs_error_bar_set_message_type (self->banner, error != NULL ? GTK_MESSAGE_ERROR : GTK_MESSAGE_INFO);

  if (vs_connection_get_reconnecting (connection))
    {
      /* Translators: what went wrong with the connection, then that the app tries again */
      body = g_strdup_printf (_("%s\nTrying again automatically…"),
                              error != NULL ? vs_error_get_summary (error) : name);
      if (error != NULL)
        vs_error_bar_show_error_full (self->banner, _("Connection lost"), body, error);
      else
        vs_error_bar_show_message (self->banner, _("Connection lost"), body, NULL);
    }
  else if (error != NULL)
    vs_error_bar_show_error_full (self->banner,
                                  g_error_matches (error, VS_CONNECTION_ERROR,
                                                   VS_CONNECTION_ERROR_HOST_KEY_CHANGED)
                                    ? _("Host key changed: connection refused")
                                    : state == VS_CONNECTION_STATE_FAILED ? _("Could not connect")
                                                                          : _("Connection lost"),
                                  vs_error_get_summary (error), error);
  else
    {
      body = g_strdup_printf (_("Reconnect to %s to work with its pools again."), name);
      vs_error_bar_show_message (self->banner, _("Not connected"), body, NULL);
    }
}

static void
update_actions (VsWindow *self)
{
  VsConnection *connection = self->current_connection;
  VsConnectionState state = connection != NULL ? vs_connection_get_state (connection)
                                                : VS_CONNECTION_STATE_DISCONNECTED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.reconnect",
                                 connection != NULL && state_is_down (state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.disconnect",
                                 connection != NULL && !state_is_down (state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.remove-connection",
                                 connection != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.refresh",
                                 connection != NULL && state == VS_CONNECTION_STATE_CONNECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.new-pool",
                                 connection != NULL && state == VS_CONNECTION_STATE_CONNECTED &&
                                 !vs_connection_get_read_only (connection));
}

/* Once no transition shows them, the pages out of view let go of what
 * they showed. */
static void
release_hidden_pages (VsWindow *self)
{
  if (gtk_stack_get_transition_running (self->content_stack))
    return;

  if (self->current_pool == NULL)
    vs_pool_page_set_pool (self->pool_page, NULL);
  if (self->current_connection == NULL)
    vs_connection_page_set_connection (self->connection_page, NULL);
}

/* What the window waits for while a remembered pool comes back: the pool
 * and its host by name. */
static void
update_restoring_page (VsWindow     *self,
                       const char   *pool_name,
                       VsConnection *host)
{
  g_autofree char *title = NULL;

  if (host != NULL)
    {
      g_autofree char *name = vs_connection_dup_display_name (host);

      /* Translators: the first %s is a pool, the second a host ("Local system", "root@server") */
      title = g_strdup_printf (_("Opening pool “%s” on %s…"), pool_name, name);
    }
  else
    title = g_strdup_printf (_("Opening pool “%s”…"), pool_name);

  gtk_label_set_label (self->restoring_title_label, title);
  gtk_spinner_start (self->restoring_spinner);
}

static void
update_content (VsWindow *self)
{
  const char *page;
  const char *restoring_pool;
  VsConnection *restoring_host;

  restoring_pool = get_restoring_pool (self, &restoring_host);
  if (restoring_pool == NULL)
    gtk_spinner_stop (self->restoring_spinner);

  if (g_list_model_get_n_items (vs_connection_manager_get_connections (self->manager)) == 0)
    page = "empty";
  else if (restoring_pool != NULL)
    {
      page = "restoring";
      update_restoring_page (self, restoring_pool, restoring_host);
    }
  else if (self->current_pool != NULL)
    page = "pool";
  else if (self->current_connection != NULL)
    page = "connection";
  else
    page = "select";

  /* A page that fades out keeps what it shows until it is gone: emptied at
   * once, it flashed a blank header with stray separators. */
  if (self->current_pool != NULL)
    vs_pool_page_set_pool (self->pool_page, self->current_pool);
  if (self->current_connection != NULL)
    vs_connection_page_set_connection (self->connection_page, self->current_connection);
  apply_layout (self);
  gtk_stack_set_visible_child_name (self->content_stack, page);
  release_hidden_pages (self);
  update_banner (self);
  update_title (self);
  update_actions (self);
}

static void
set_current (VsWindow     *self,
             VsConnection *connection,
             VsPool       *pool)
{
  if (g_set_object (&self->current_connection, connection))
    g_signal_group_set_target (self->connection_signals, connection);
  if (g_set_object (&self->current_pool, pool))
    g_signal_group_set_target (self->pool_signals, pool);

  update_content (self);
}

static void
save_selection (VsWindow *self)
{
  if (self->settings == NULL || self->current_connection == NULL)
    return;

  g_settings_set_string (self->settings, "last-connection",
                         vs_connection_get_uri (self->current_connection));
  g_settings_set_string (self->settings, "last-pool",
                         self->current_pool != NULL ? vs_pool_get_name (self->current_pool) : "");
}

/* Layout --------------------------------------------------------------- */

static void
apply_layout (VsWindow *self)
{
  GListModel *connections = vs_connection_manager_get_connections (self->manager);
  gboolean any = g_list_model_get_n_items (connections) > 0;
  gboolean show_sidebar = any && gtk_toggle_button_get_active (self->sidebar_button);

  /* Without connections the empty page has the whole window. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_button), any);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), show_sidebar);
  gtk_widget_set_visible (self->content_box, !self->folded || !show_sidebar);
}

/* Folded, the sidebar button switches between the sidebar and the content. */
static void
show_content_when_folded (VsWindow *self)
{
  if (self->folded && vs_sidebar_get_selected_item (self->sidebar) != NULL)
    gtk_toggle_button_set_active (self->sidebar_button, FALSE);
}

static gboolean
fold_cb (gpointer user_data)
{
  VsWindow *self = user_data;
  gboolean folded = gtk_widget_get_width (GTK_WIDGET (self)) < FOLD_WIDTH;

  self->fold_source = 0;

  if (folded == self->folded)
    return G_SOURCE_REMOVE;

  self->folded = folded;
  vs_sidebar_set_folded (self->sidebar, folded);
  if (folded)
    gtk_toggle_button_set_active (self->sidebar_button,
                                  vs_sidebar_get_selected_item (self->sidebar) == NULL);
  else
    gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  apply_layout (self);

  return G_SOURCE_REMOVE;
}

/* Signal callbacks ----------------------------------------------------- */

static void
content_transition_cb (VsWindow *self)
{
  release_hidden_pages (self);
}

static void
sidebar_toggled_cb (VsWindow        *self,
                    GtkToggleButton *button)
{
  apply_layout (self);
}

static void
sidebar_row_clicked_cb (VsWindow  *self,
                        VsSidebar *sidebar)
{
  show_content_when_folded (self);
}

static void
sidebar_row_activated_cb (VsWindow  *self,
                          VsSidebar *sidebar)
{
  show_content_when_folded (self);
  gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD);
}

static void
selected_item_changed_cb (VsWindow   *self,
                          GParamSpec *pspec,
                          VsSidebar  *sidebar)
{
  gpointer item = vs_sidebar_get_selected_item (sidebar);

  if (VS_IS_POOL (item))
    set_current (self, vs_pool_get_connection (item), item);
  else
    set_current (self, item, NULL);

  save_selection (self);
}

static void
connection_changed_cb (VsWindow *self)
{
  update_banner (self);
  update_title (self);
  update_actions (self);
}

static void
sidebar_restoring_cb (VsWindow *self)
{
  update_content (self);
}

static void
connections_changed_cb (VsWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  update_content (self);
}

static void
add_dialog_connection_added_cb (VsWindow              *self,
                                VsConnection          *connection,
                                VsAddConnectionDialog *dialog)
{
  /* A user's choice: later restores must not override it. */
  vs_sidebar_select_item (self->sidebar, connection);
}

/* Actions -------------------------------------------------------------- */

static void
add_connection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *dialog;

  dialog = vs_add_connection_dialog_new (GTK_WINDOW (self), self->manager);
  g_signal_connect_object (dialog, "connection-added",
                           G_CALLBACK (add_dialog_connection_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  if (self->current_connection != NULL)
    vs_connection_manager_open (self->manager, self->current_connection, NULL, NULL);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  if (self->current_connection != NULL)
    vs_connection_close (self->current_connection);
}

static void
remove_connection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  g_autoptr(VsConnection) connection = NULL;

  if (self->current_connection == NULL)
    return;

  connection = g_object_ref (self->current_connection);
  vs_connection_manager_remove (self->manager, connection);
}

static void
reload_pools_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failure here means the connection dropped; its state shows that. */
  if (!vs_connection_reload_pools_finish (VS_CONNECTION (object), result, &error))
    g_debug ("Reloading the pools failed: %s", error->message);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  /* Inside the pool page its own F5 binding runs first; this one serves
   * the sidebar. */
  if (self->current_pool != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->pool_page), "pool.refresh", NULL);
  else if (self->current_connection != NULL)
    vs_connection_reload_pools_async (self->current_connection, NULL, reload_pools_cb, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  if (self->current_pool != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->pool_page), "volumes.search", NULL);
}

/* Ctrl+Shift+V and Ctrl+O (the pool menu shows them) on a pool selected in
 * the sidebar; inside the pool page its own bindings run first. */
static void
pool_volume_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  if (self->current_pool != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->pool_page),
                                g_str_equal (action_name, "window.new-volume") ? "volumes.new"
                                                                               : "volumes.upload-new",
                                NULL);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

static void
pool_created_cb (VsWindow     *self,
                 VsPool       *pool,
                 VsPoolWizard *wizard)
{
  vs_window_select (self, vs_connection_get_uri (vs_pool_get_connection (pool)), vs_pool_get_name (pool));
}

static void
open_pool_wizard (VsWindow     *self,
                  VsConnection *connection)
{
  GtkWidget *wizard;

  if (connection == NULL || vs_connection_get_state (connection) != VS_CONNECTION_STATE_CONNECTED ||
      vs_connection_get_read_only (connection))
    return;

  wizard = vs_pool_wizard_new (GTK_WINDOW (self), connection);
  g_signal_connect_object (wizard, "pool-created", G_CALLBACK (pool_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* The selected connection's (header button, Ctrl+Shift+N, empty state). */
static void
new_pool_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  open_pool_wizard (self, self->current_connection);
}

/* Any connection's, by URI (its row's menu). */
static void
new_pool_for_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  open_pool_wizard (self, vs_connection_manager_lookup (self->manager, g_variant_get_string (parameter, NULL)));
}

static void
sidebar_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  vs_sidebar_popup_menu (self->sidebar);
}

/* Class ---------------------------------------------------------------- */

static void
restore_size (VsWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (get_paned (self), g_settings_get_int (self->settings, "sidebar-width"));
}

static void
save_size (VsWindow *self)
{
  int width;
  int height;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!self->folded && gtk_widget_get_visible (GTK_WIDGET (self->sidebar)))
    g_settings_set_int (self->settings, "sidebar-width", gtk_paned_get_position (get_paned (self)));
  g_settings_apply (self->settings);
}

static void
vs_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  VsWindow *self = VS_WINDOW (widget);

  GTK_WIDGET_CLASS (vs_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Visibility cannot change during an allocation. */
  if ((width < FOLD_WIDTH) != self->folded && self->fold_source == 0)
    self->fold_source = g_idle_add (fold_cb, self);
}

static gboolean
vs_window_close_request (GtkWindow *window)
{
  save_size (VS_WINDOW (window));

  return GTK_WINDOW_CLASS (vs_window_parent_class)->close_request (window);
}

static void
vs_window_constructed (GObject *object)
{
  VsWindow *self = (VsWindow *)object;
  GListModel *connections;

  G_OBJECT_CLASS (vs_window_parent_class)->constructed (object);

  g_assert (VS_IS_CONNECTION_MANAGER (self->manager));

  connections = vs_connection_manager_get_connections (self->manager);
  g_signal_connect_object (connections, "items-changed",
                           G_CALLBACK (connections_changed_cb), self, G_CONNECT_SWAPPED);

  vs_connection_page_set_manager (self->connection_page, self->manager);
  vs_jobs_button_set_manager (self->jobs_button, self->manager);
  vs_sidebar_set_manager (self->sidebar, self->manager);

  restore_size (self);

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-connection");
      g_autofree char *pool = g_settings_get_string (self->settings, "last-pool");

      /* An empty last-pool means the connection row itself. */
      if (*uri != '\0')
        vs_sidebar_select (self->sidebar, uri, *pool != '\0' ? pool : NULL, FALSE);
    }

  update_content (self);
}

static void
vs_window_dispose (GObject *object)
{
  VsWindow *self = (VsWindow *)object;

  g_clear_handle_id (&self->fold_source, g_source_remove);

  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  if (self->sidebar != NULL)
    g_signal_handlers_disconnect_by_data (self->sidebar, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_WINDOW);

  g_clear_object (&self->connection_signals);
  g_clear_object (&self->pool_signals);
  g_clear_object (&self->current_connection);
  g_clear_object (&self->current_pool);
  g_clear_object (&self->settings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vs_window_parent_class)->dispose (object);
}

static void
vs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VsWindow *self = VS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VsWindow *self = VS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_window_class_init (VsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vs_window_constructed;
  object_class->dispose = vs_window_dispose;
  object_class->get_property = vs_window_get_property;
  object_class->set_property = vs_window_set_property;
  window_class->close_request = vs_window_close_request;
  widget_class->size_allocate = vs_window_size_allocate;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, VS_TYPE_CONNECTION_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_CONNECTION_PAGE);
  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_JOBS_BUTTON);
  g_type_ensure (VS_TYPE_POOL_PAGE);
  g_type_ensure (VS_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VsWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, jobs_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_page);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, pool_page);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, restoring_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, restoring_title_label);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_restoring_cb);

  gtk_widget_class_install_action (widget_class, "window.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "window.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "window.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "window.remove-connection", NULL, remove_connection_action);
  gtk_widget_class_install_action (widget_class, "window.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.new-volume", NULL, pool_volume_action);
  gtk_widget_class_install_action (widget_class, "window.upload-new-volume", NULL, pool_volume_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "window.sidebar-menu", NULL, sidebar_menu_action);
  gtk_widget_class_install_action (widget_class, "window.new-pool", NULL, new_pool_action);
  gtk_widget_class_install_action (widget_class, "window.new-pool-for", "s", new_pool_for_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "window.add-connection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.new-pool", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "window.new-volume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "window.upload-new-volume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "window.sidebar-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "window.sidebar-menu", NULL);
}

static void
vs_window_init (VsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (self->primary_menu_button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"),
                                  -1);
  ensure_style (GTK_WIDGET (self));

  g_signal_connect_object (self->content_stack, "notify::transition-running",
                           G_CALLBACK (content_transition_cb), self, G_CONNECT_SWAPPED);

  self->connection_signals = g_signal_group_new (VS_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::state",
                                  G_CALLBACK (connection_changed_cb), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::hostname",
                                  G_CALLBACK (connection_changed_cb), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::error-message",
                                  G_CALLBACK (connection_changed_cb), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::reconnecting",
                                  G_CALLBACK (connection_changed_cb), self);

  self->pool_signals = g_signal_group_new (VS_TYPE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify::name",
                                  G_CALLBACK (update_title), self);
}

/* Public API ------------------------------------------------------------ */

VsWindow *
vs_window_new (GtkApplication      *application,
               VsConnectionManager *manager,
               GSettings           *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VS_IS_CONNECTION_MANAGER (manager), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VS_TYPE_WINDOW,
                       "application", application,
                       "manager", manager,
                       "settings", settings,
                       NULL);
}

void
vs_window_select (VsWindow   *self,
                  const char *uri,
                  const char *pool_name)
{
  g_return_if_fail (VS_IS_WINDOW (self));

  vs_sidebar_select (self->sidebar, uri, pool_name, TRUE);
}

/* Test API ------------------------------------------------------------- */

VsSidebar *
vs_window_get_sidebar (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->sidebar;
}

GtkStack *
vs_window_get_content_stack (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->content_stack;
}

VsConnectionPage *
vs_window_get_connection_page (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->connection_page;
}

VsPoolPage *
vs_window_get_pool_page (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->pool_page;
}

VsJobsButton *
vs_window_get_jobs_button (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->jobs_button;
}

VsErrorBar *
vs_window_get_banner (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->banner;
}

VsConnection *
vs_window_get_current_connection (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->current_connection;
}

VsPool *
vs_window_get_current_pool (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->current_pool;
}
