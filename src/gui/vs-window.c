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
#include "vs-connection-row.h"
#include "vs-pool-page.h"
#include "vs-pool-row.h"
#include "vs-window-private.h"

/* Below this width the window shows the sidebar or the content, not both. */
#define FOLD_WIDTH 720

struct _VsWindow
{
  GtkApplicationWindow  parent_instance;

  VsConnectionManager  *manager;
  GSettings            *settings;

  GtkTreeListModel     *tree_model;
  GtkSingleSelection   *selection;
  GHashTable           *row_widgets;      /* VsConnection/VsPool → row widget */

  VsConnection         *current_connection;
  VsPool               *current_pool;
  GSignalGroup         *connection_signals;
  GSignalGroup         *pool_signals;

  /* What to select once it appears (restored or asked on the command line). */
  char                 *pending_uri;
  char                 *pending_pool;
  gboolean              has_pending;
  gboolean              pending_first_pool;  /* no pool named: the first one */
  gboolean              user_selected;
  guint                 selecting;        /* > 0 while we select, not the user */
  guint                 resolve_source;
  guint                 fold_source;
  gboolean              folded;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkToggleButton      *sidebar_button;
  GtkScrolledWindow    *sidebar;
  GtkWidget            *content_box;
  GtkListView          *sidebar_list_view;
  GtkInfoBar           *banner;
  GtkLabel             *banner_label;
  GtkStack             *content_stack;
  GtkStack             *connection_icon_stack;
  GtkImage             *connection_icon;
  GtkSpinner           *connection_spinner;
  GtkLabel             *connection_title;
  GtkLabel             *connection_uri;
  GtkLabel             *connection_summary;
  GtkWidget            *connection_reconnect_button;
  GtkWidget            *connection_disconnect_button;
  GtkCheckButton       *autoconnect_check;
  VsPoolPage           *pool_page;
};

G_DEFINE_FINAL_TYPE (VsWindow, vs_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_resolve (VsWindow *self);
static void apply_layout  (VsWindow *self);

/* Sidebar helpers ------------------------------------------------------ */

static gpointer
row_item (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
find_listed_item (VsWindow *self,
                  gpointer  item,
                  guint    *position)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) object = row_item (row);

      if (object == item)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Returns the position of @item's row in the flattened sidebar model,
 * expanding a pool's connection when the user collapsed it. */
static gboolean
find_item (VsWindow *self,
           gpointer  item,
           guint    *position)
{
  g_autoptr(GtkTreeListRow) parent = NULL;
  guint parent_position;

  if (find_listed_item (self, item, position))
    return TRUE;

  if (!VS_IS_POOL (item) ||
      !find_listed_item (self, vs_pool_get_connection (item), &parent_position))
    return FALSE;

  parent = gtk_tree_list_model_get_row (self->tree_model, parent_position);
  if (parent == NULL || gtk_tree_list_row_get_expanded (parent))
    return FALSE;

  gtk_tree_list_row_set_expanded (parent, TRUE);
  return find_listed_item (self, item, position);
}

static void
select_position (VsWindow *self,
                 guint     position)
{
  self->selecting++;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting--;
}

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

/* Content -------------------------------------------------------------- */

static void
update_title (VsWindow *self)
{
  g_autofree char *name = NULL;
  const char *title = _("Virt Storage");
  const char *subtitle = NULL;

  if (self->current_pool != NULL)
    {
      title = vs_pool_get_name (self->current_pool);
      subtitle = vs_connection_get_uri (self->current_connection);
    }
  else if (self->current_connection != NULL)
    {
      title = name = vs_connection_dup_display_name (self->current_connection);
      subtitle = vs_connection_get_uri (self->current_connection);
      if (g_strcmp0 (title, subtitle) == 0)
        subtitle = NULL;
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
}

static void
update_banner (VsWindow *self)
{
  VsConnection *connection = self->current_connection;
  const GError *error;
  g_autofree char *markup = NULL;
  VsConnectionState state;

  if (connection == NULL || !state_is_down (vs_connection_get_state (connection)))
    {
      gtk_info_bar_set_revealed (self->banner, FALSE);
      return;
    }

  state = vs_connection_get_state (connection);
  error = vs_connection_get_error (connection);

  if (vs_connection_get_reconnecting (connection))
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", _("Connection lost"),
                                      error != NULL ? error->message : vs_connection_get_uri (connection),
                                      _("Trying again automatically…"));
  else if (state == VS_CONNECTION_STATE_FAILED)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s",
                                      _("Could not connect"),
                                      error != NULL ? error->message : vs_connection_get_uri (connection));
  else if (error != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("Connection lost"), error->message);
  else
    markup = g_markup_printf_escaped (_("<b>Not connected</b>\nReconnect to %s to work with its pools again."),
                                      vs_connection_get_uri (connection));

  gtk_label_set_markup (self->banner_label, markup);
  gtk_info_bar_set_message_type (self->banner, error != NULL ? GTK_MESSAGE_ERROR : GTK_MESSAGE_INFO);
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

static void
update_connection_page (VsWindow *self)
{
  VsConnection *connection = self->current_connection;
  VsConnectionState state;
  g_autofree char *summary = NULL;
  g_autofree char *name = NULL;
  gboolean remembered;

  if (connection == NULL)
    return;

  state = vs_connection_get_state (connection);
  name = vs_connection_dup_display_name (connection);

  gtk_label_set_label (self->connection_title, name);
  gtk_label_set_label (self->connection_uri, vs_connection_get_uri (connection));
  gtk_widget_set_visible (GTK_WIDGET (self->connection_uri),
                          g_strcmp0 (name, vs_connection_get_uri (connection)) != 0);
  gtk_widget_set_visible (self->connection_reconnect_button, state_is_down (state));
  gtk_widget_set_visible (self->connection_disconnect_button, !state_is_down (state));

  switch (state)
    {
    case VS_CONNECTION_STATE_CONNECTED:
      {
        guint n = g_list_model_get_n_items (vs_connection_get_pools (connection));

        if (n == 0)
          summary = g_strdup (_("This host has no storage pools yet."));
        else
          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "This host has %u storage pool. Select it in the sidebar to see its volumes.",
                                                  "This host has %u storage pools. Select one in the sidebar to see its volumes.",
                                                  n), n);
      }
      break;
    case VS_CONNECTION_STATE_CONNECTING:
      summary = g_strdup (_("Connecting…"));
      break;
    case VS_CONNECTION_STATE_FAILED:
      summary = g_strdup (_("Could not connect to this host."));
      break;
    case VS_CONNECTION_STATE_DISCONNECTED:
    default:
      summary = g_strdup (_("Not connected."));
      break;
    }
  gtk_label_set_label (self->connection_summary, summary);

  if (state == VS_CONNECTION_STATE_CONNECTING)
    {
      gtk_stack_set_visible_child_name (self->connection_icon_stack, "spinner");
      gtk_spinner_start (self->connection_spinner);
    }
  else
    {
      const char *icon_name;

      if (state == VS_CONNECTION_STATE_CONNECTED)
        icon_name = vs_connection_uri_is_remote (vs_connection_get_uri (connection))
                      ? "network-server-symbolic" : "computer-symbolic";
      else if (state == VS_CONNECTION_STATE_FAILED || vs_connection_get_error (connection) != NULL)
        icon_name = "network-error-symbolic";
      else
        icon_name = "network-offline-symbolic";

      gtk_image_set_from_icon_name (self->connection_icon, icon_name);
      gtk_stack_set_visible_child_name (self->connection_icon_stack, "icon");
      gtk_spinner_stop (self->connection_spinner);
    }

  remembered = vs_connection_manager_is_remembered (self->manager, connection);
  gtk_widget_set_visible (GTK_WIDGET (self->autoconnect_check), remembered);
  if (remembered)
    {
      self->selecting++;
      gtk_check_button_set_active (self->autoconnect_check,
                                   vs_connection_manager_get_autoconnect (self->manager, connection));
      self->selecting--;
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
}

static void
update_content (VsWindow *self)
{
  const char *page;

  if (g_list_model_get_n_items (vs_connection_manager_get_connections (self->manager)) == 0)
    page = "empty";
  else if (self->current_pool != NULL)
    page = "pool";
  else if (self->current_connection != NULL)
    page = "connection";
  else
    page = "select";

  vs_pool_page_set_pool (self->pool_page, self->current_pool);
  apply_layout (self);
  update_connection_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, page);
  update_banner (self);
  update_title (self);
  update_actions (self);
}

static void
connection_changed_cb (VsWindow *self)
{
  update_banner (self);
  update_connection_page (self);
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
  if (self->folded && gtk_single_selection_get_selected_item (self->selection) != NULL)
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
  if (folded)
    gtk_toggle_button_set_active (self->sidebar_button,
                                  gtk_single_selection_get_selected_item (self->selection) == NULL);
  else
    gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  apply_layout (self);

  return G_SOURCE_REMOVE;
}

static void
sidebar_toggled_cb (VsWindow        *self,
                    GtkToggleButton *button)
{
  apply_layout (self);
}

static void
sidebar_clicked_cb (VsWindow        *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  show_content_when_folded (self);
}

/* Pending selection ---------------------------------------------------- */

static void
clear_pending (VsWindow *self)
{
  g_clear_pointer (&self->pending_uri, g_free);
  g_clear_pointer (&self->pending_pool, g_free);
  self->has_pending = FALSE;
  self->pending_first_pool = FALSE;
}

/* Selects the pending connection or pool once it is listed. The connection
 * row stands in while its pools load, or when the pool does not exist. */
static void
resolve_pending (VsWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  guint n = g_list_model_get_n_items (model);
  gboolean have_connection = FALSE;
  guint connection_position = 0;
  VsConnectionState state = VS_CONNECTION_STATE_CONNECTING;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = row_item (row);

      if (VS_IS_CONNECTION (item))
        {
          if (!have_connection &&
              (self->pending_uri == NULL ||
               g_strcmp0 (vs_connection_get_uri (VS_CONNECTION (item)), self->pending_uri) == 0))
            {
              have_connection = TRUE;
              connection_position = i;
              state = vs_connection_get_state (VS_CONNECTION (item));
            }
        }
      else if (VS_IS_POOL (item) &&
               (self->pending_first_pool
                  ? have_connection
                  : g_strcmp0 (vs_pool_get_name (VS_POOL (item)), self->pending_pool) == 0) &&
               (self->pending_uri == NULL ||
                g_strcmp0 (vs_connection_get_uri (vs_pool_get_connection (VS_POOL (item))),
                           self->pending_uri) == 0))
        {
          select_position (self, i);
          clear_pending (self);
          return;
        }
    }

  if (!have_connection)
    return;

  select_position (self, connection_position);

  /* A named pool may still come (--pool of a pool defined later); "the
   * first pool" of a host that has none never does. */
  if (self->pending_pool == NULL &&
      (!self->pending_first_pool || state != VS_CONNECTION_STATE_CONNECTING))
    clear_pending (self);
}

/* Without anything to restore, show something real: the first pool of the
 * first connection that has one, else the first connection, once it has
 * stopped connecting. */
static void
select_default (VsWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = row_item (row);

      if (VS_IS_POOL (item))
        {
          select_position (self, i);
          return;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = row_item (row);

      if (VS_IS_CONNECTION (item) &&
          vs_connection_get_state (VS_CONNECTION (item)) != VS_CONNECTION_STATE_CONNECTING)
        {
          select_position (self, i);
          return;
        }
    }
}

static gboolean
resolve_cb (gpointer user_data)
{
  VsWindow *self = user_data;

  self->resolve_source = 0;

  /* A restored connection that is not listed any more never comes. */
  if (self->has_pending && self->pending_uri != NULL &&
      vs_connection_manager_lookup (self->manager, self->pending_uri) == NULL)
    clear_pending (self);

  if (self->has_pending)
    resolve_pending (self);
  else if (!self->user_selected &&
           gtk_single_selection_get_selected_item (self->selection) == NULL)
    select_default (self);
  else if (gtk_single_selection_get_selected_item (self->selection) == NULL &&
           self->current_connection != NULL)
    {
      guint position;

      /* The selected pool went away: fall back to its connection. */
      if (find_item (self, self->current_connection, &position))
        select_position (self, position);
    }

  return G_SOURCE_REMOVE;
}

/* Selecting from inside the model's own items-changed would race the
 * selection model's handler: resolve from an idle instead. */
static void
queue_resolve (VsWindow *self)
{
  if (self->resolve_source == 0)
    self->resolve_source = g_idle_add (resolve_cb, self);
}

/* Signal callbacks ----------------------------------------------------- */

static void
tree_items_changed_cb (VsWindow   *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  queue_resolve (self);
}

static void
any_state_changed_cb (VsWindow *self)
{
  queue_resolve (self);
}

static void
watch_connections (VsWindow   *self,
                   GListModel *connections,
                   guint       position,
                   guint       added)
{
  /* A connection that fails adds no row: its state change is what tells
   * the pending and default selections to look again. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (connections, i);

      g_signal_connect_object (connection, "notify::state",
                               G_CALLBACK (any_state_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
connections_changed_cb (VsWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  watch_connections (self, model, position, added);
  update_content (self);
}

static void
selection_changed_cb (VsWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GObject) item = row_item (row);

  if (VS_IS_POOL (item))
    set_current (self, vs_pool_get_connection (VS_POOL (item)), VS_POOL (item));
  else if (VS_IS_CONNECTION (item))
    set_current (self, VS_CONNECTION (item), NULL);
  else
    {
      /* Keep the connection of a pool that was removed, so that the
       * fallback can select it; drop it when it was removed itself. */
      VsConnection *connection = self->current_connection;
      guint position;

      if (connection != NULL && !find_item (self, connection, &position))
        connection = NULL;
      set_current (self, connection, NULL);
      queue_resolve (self);
      return;
    }

  if (self->selecting == 0)
    {
      self->user_selected = TRUE;
      clear_pending (self);
    }

  save_selection (self);
}

static void
sidebar_activate_cb (VsWindow    *self,
                     guint        position,
                     GtkListView *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(GObject) item = row_item (row);

  if (VS_IS_CONNECTION (item) && !self->folded)
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (VS_IS_POOL (item) || self->folded)
    {
      show_content_when_folded (self);
      gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD);
    }
}

static void
autoconnect_toggled_cb (VsWindow       *self,
                        GtkCheckButton *button)
{
  if (self->selecting > 0 || self->current_connection == NULL)
    return;

  vs_connection_manager_set_autoconnect (self->manager, self->current_connection,
                                         gtk_check_button_get_active (button));
}

static void
add_dialog_connection_added_cb (VsWindow              *self,
                                VsConnection          *connection,
                                VsAddConnectionDialog *dialog)
{
  guint position;

  if (find_item (self, connection, &position))
    {
      /* A user's choice: later restores must not override it. */
      clear_pending (self);
      self->user_selected = TRUE;
      select_position (self, position);
    }
}

/* Sidebar factory ------------------------------------------------------ */

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  VsWindow                 *self)
{
  gtk_list_item_set_child (list_item, gtk_tree_expander_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 VsWindow                 *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);
  g_autoptr(GObject) item = row_item (row);

  gtk_tree_expander_set_list_row (expander, row);

  if (VS_IS_CONNECTION (item))
    {
      if (!VS_IS_CONNECTION_ROW (child))
        {
          child = vs_connection_row_new (self->manager);
          gtk_tree_expander_set_child (expander, child);
        }
      vs_connection_row_set_connection (VS_CONNECTION_ROW (child), VS_CONNECTION (item));
    }
  else if (VS_IS_POOL (item))
    {
      if (!VS_IS_POOL_ROW (child))
        {
          child = vs_pool_row_new ();
          gtk_tree_expander_set_child (expander, child);
        }
      vs_pool_row_set_pool (VS_POOL_ROW (child), VS_POOL (item));
    }

  g_hash_table_insert (self->row_widgets, item, child);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   VsWindow                 *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);
  gpointer item = NULL;

  if (VS_IS_CONNECTION_ROW (child))
    {
      item = vs_connection_row_get_connection (VS_CONNECTION_ROW (child));
      vs_connection_row_set_connection (VS_CONNECTION_ROW (child), NULL);
    }
  else if (VS_IS_POOL_ROW (child))
    {
      item = vs_pool_row_get_pool (VS_POOL_ROW (child));
      vs_pool_row_set_pool (VS_POOL_ROW (child), NULL);
    }

  if (item != NULL && self->row_widgets != NULL &&
      g_hash_table_lookup (self->row_widgets, item) == child)
    g_hash_table_remove (self->row_widgets, item);

  gtk_tree_expander_set_list_row (expander, NULL);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  if (VS_IS_CONNECTION (item))
    return g_object_ref (vs_connection_get_pools (VS_CONNECTION (item)));

  return NULL;
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
sidebar_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  GtkWidget *row;

  if (self->current_connection == NULL || self->current_pool != NULL)
    return;

  row = g_hash_table_lookup (self->row_widgets, self->current_connection);
  if (VS_IS_CONNECTION_ROW (row))
    vs_connection_row_popup_menu (VS_CONNECTION_ROW (row));
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
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (vs_window_parent_class)->constructed (object);

  g_assert (VS_IS_CONNECTION_MANAGER (self->manager));

  connections = vs_connection_manager_get_connections (self->manager);
  g_signal_connect_object (connections, "items-changed",
                           G_CALLBACK (connections_changed_cb), self, G_CONNECT_SWAPPED);
  watch_connections (self, connections, 0, g_list_model_get_n_items (connections));

  self->tree_model = gtk_tree_list_model_new (g_object_ref (connections), FALSE, TRUE,
                                              create_child_model, NULL, NULL);
  g_signal_connect_object (self->tree_model, "items-changed",
                           G_CALLBACK (tree_items_changed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (factory_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->sidebar_list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->sidebar_list_view, GTK_SELECTION_MODEL (self->selection));

  restore_size (self);

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-connection");
      g_autofree char *pool = g_settings_get_string (self->settings, "last-pool");

      if (*uri != '\0')
        {
          vs_window_select (self, uri, *pool != '\0' ? pool : NULL);
          /* An empty last-pool means the connection row itself. */
          self->pending_first_pool = FALSE;
        }
    }

  update_content (self);
  queue_resolve (self);
}

static void
vs_window_dispose (GObject *object)
{
  VsWindow *self = (VsWindow *)object;

  g_clear_handle_id (&self->resolve_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);

  /* Unbinds the rows now, while the window's state is still there. */
  if (self->sidebar_list_view != NULL)
    gtk_list_view_set_model (self->sidebar_list_view, NULL);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_pointer (&self->row_widgets, g_hash_table_unref);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->pool_signals);
  g_clear_object (&self->current_connection);
  g_clear_object (&self->current_pool);
  g_clear_object (&self->settings);
  g_clear_object (&self->manager);
  clear_pending (self);

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

  g_type_ensure (VS_TYPE_POOL_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VsWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, sidebar_list_view);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_title);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_uri);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_summary);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, connection_disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, autoconnect_check);
  gtk_widget_class_bind_template_child (widget_class, VsWindow, pool_page);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, autoconnect_toggled_cb);

  gtk_widget_class_install_action (widget_class, "window.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "window.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "window.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "window.remove-connection", NULL, remove_connection_action);
  gtk_widget_class_install_action (widget_class, "window.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "window.sidebar-menu", NULL, sidebar_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "window.add-connection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "window.sidebar-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "window.sidebar-menu", NULL);
}

static void
vs_window_init (VsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style (GTK_WIDGET (self));

  self->row_widgets = g_hash_table_new (NULL, NULL);

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

  clear_pending (self);
  self->pending_uri = g_strdup (uri);
  self->pending_pool = g_strdup (pool_name);
  self->pending_first_pool = pool_name == NULL;
  self->has_pending = TRUE;

  if (self->tree_model != NULL)
    queue_resolve (self);
}

/* Test API ------------------------------------------------------------- */

GtkSingleSelection *
vs_window_get_sidebar_selection (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->selection;
}

GtkListView *
vs_window_get_sidebar_view (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->sidebar_list_view;
}

GtkStack *
vs_window_get_content_stack (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->content_stack;
}

GtkWidget *
vs_window_get_pool_page (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->pool_page);
}

GtkInfoBar *
vs_window_get_banner (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->banner;
}

GtkLabel *
vs_window_get_banner_label (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return self->banner_label;
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

gboolean
vs_window_select_item (VsWindow *self,
                       gpointer  item)
{
  guint position;

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (VS_IS_CONNECTION (item) || VS_IS_POOL (item), FALSE);

  if (!find_item (self, item, &position))
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

GtkWidget *
vs_window_get_row_widget (VsWindow *self,
                          gpointer  item)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);

  return g_hash_table_lookup (self->row_widgets, item);
}
