/* vs-sidebar.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection-row.h"
#include "vs-pool.h"
#include "vs-pool-row.h"
#include "vs-sidebar.h"

struct _VsSidebar
{
  GtkWidget            parent_instance;

  VsConnectionManager *manager;
  GtkTreeListModel    *tree_model;
  GtkSingleSelection  *selection;
  GHashTable          *row_widgets;      /* VsConnection/VsPool → row widget */
  gpointer             selected_item;    /* VsConnection or VsPool, owned */

  /* What to select once it appears (restored or asked on the command line). */
  char                *pending_uri;
  char                *pending_pool;
  gboolean             has_pending;
  gboolean             pending_first_pool;  /* no pool named: the first one */
  gboolean             restoring;        /* the pending pool's host is still connecting */
  gboolean             user_selected;
  guint                selecting;        /* > 0 while we select, not the user */
  guint                resolve_source;
  gboolean             folded;

  /* Template widgets */
  GtkListView         *list_view;
};

static void queue_resolve (VsSidebar *self);

G_DEFINE_FINAL_TYPE (VsSidebar, vs_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_FOLDED,
  PROP_RESTORING,
  N_PROPS
};

enum {
  ROW_ACTIVATED,
  ROW_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

static gpointer
row_item (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
find_listed_item (VsSidebar *self,
                  gpointer   item,
                  guint     *position)
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

/* Returns the position of @item's row in the flattened model, unfolding a
 * pool's connection when the user folded it. */
static gboolean
find_item (VsSidebar *self,
           gpointer   item,
           guint     *position)
{
  g_autoptr(GtkTreeListRow) parent = NULL;
  guint parent_position;

  if (self->tree_model == NULL)
    return FALSE;

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
select_position (VsSidebar *self,
                 guint      position)
{
  self->selecting++;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting--;
}

static void
set_selected_item (VsSidebar *self,
                   gpointer   item)
{
  if (g_set_object ((GObject **) &self->selected_item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
set_restoring (VsSidebar *self,
               gboolean   restoring)
{
  if (self->restoring == restoring)
    return;

  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}

static void
clear_pending (VsSidebar *self)
{
  g_clear_pointer (&self->pending_uri, g_free);
  g_clear_pointer (&self->pending_pool, g_free);
  self->has_pending = FALSE;
  self->pending_first_pool = FALSE;
  set_restoring (self, FALSE);
}

/* Whether the connection the pending pool belongs to (any, without a URI)
 * is still on its way: its pools are not listed yet. */
static gboolean
pending_host_connecting (VsSidebar *self)
{
  GListModel *connections;
  guint n;

  if (self->manager == NULL)
    return FALSE;

  connections = vs_connection_manager_get_connections (self->manager);
  n = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (connections, i);

      if ((self->pending_uri == NULL ||
           g_strcmp0 (vs_connection_get_uri (connection), self->pending_uri) == 0) &&
          vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTING)
        return TRUE;
    }

  return FALSE;
}

/* Selects the pending connection or pool once it is listed. The connection
 * row stands in while its pools load, or when the pool does not exist. */
static void
resolve_pending (VsSidebar *self)
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
select_default (VsSidebar *self)
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
  VsSidebar *self = user_data;
  gpointer selected = gtk_single_selection_get_selected_item (self->selection);

  self->resolve_source = 0;

  /* A restored connection that is not listed any more never comes. */
  if (self->has_pending && self->pending_uri != NULL &&
      vs_connection_manager_lookup (self->manager, self->pending_uri) == NULL)
    clear_pending (self);

  if (self->has_pending)
    resolve_pending (self);
  else if (!self->user_selected && selected == NULL)
    select_default (self);
  else if (selected == NULL && VS_IS_CONNECTION (self->selected_item))
    {
      guint position;

      /* The selected pool went away: its connection takes over. */
      if (find_item (self, self->selected_item, &position))
        select_position (self, position);
    }

  /* The host answered (or gave up) without the pool: the restore is over,
   * even though a named pool may still come later. */
  if (self->restoring && !pending_host_connecting (self))
    set_restoring (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* Selecting from inside the model's own items-changed would race the
 * selection model's handler: resolve from an idle instead. */
static void
queue_resolve (VsSidebar *self)
{
  if (self->resolve_source == 0)
    self->resolve_source = g_idle_add (resolve_cb, self);
}

/* Row factory ------------------------------------------------------------ */

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  VsSidebar                *self)
{
  gtk_list_item_set_child (list_item, gtk_tree_expander_new ());
}

/* GTK 4.8 gives a list row no name of its own: a screen reader would say
 * "list item" for every connection and pool. */
static void
name_list_row (GtkWidget  *child,
               const char *name)
{
  GtkWidget *row = gtk_widget_get_parent (child);

  if (row == NULL)
    return;

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 VsSidebar                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);
  g_autoptr(GObject) item = row_item (row);

  gtk_tree_expander_set_list_row (expander, row);

  if (VS_IS_CONNECTION (item))
    {
      g_autofree char *name = vs_connection_dup_display_name (VS_CONNECTION (item));

      if (!VS_IS_CONNECTION_ROW (child))
        {
          child = vs_connection_row_new (self->manager);
          gtk_tree_expander_set_child (expander, child);
        }
      vs_connection_row_set_connection (VS_CONNECTION_ROW (child), VS_CONNECTION (item));
      name_list_row (GTK_WIDGET (expander), name);
    }
  else if (VS_IS_POOL (item))
    {
      if (!VS_IS_POOL_ROW (child))
        {
          child = vs_pool_row_new ();
          gtk_tree_expander_set_child (expander, child);
        }
      vs_pool_row_set_pool (VS_POOL_ROW (child), VS_POOL (item));
      name_list_row (GTK_WIDGET (expander), vs_pool_get_name (VS_POOL (item)));
    }

  g_hash_table_insert (self->row_widgets, item, child);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   VsSidebar                *self)
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

  name_list_row (GTK_WIDGET (expander), NULL);
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

/* Signal callbacks ----------------------------------------------------- */

static void
tree_items_changed_cb (VsSidebar  *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  queue_resolve (self);
}

static void
any_state_changed_cb (VsSidebar *self)
{
  queue_resolve (self);
}

static void
watch_connections (VsSidebar  *self,
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
connections_changed_cb (VsSidebar  *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  watch_connections (self, model, position, added);
}

static void
selection_changed_cb (VsSidebar          *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GObject) item = row_item (row);

  if (item == NULL)
    {
      /* The connection of a pool that was removed stands in, so that the
       * fallback can select it; not when it was removed itself. */
      VsConnection *connection = NULL;
      guint position;

      if (VS_IS_POOL (self->selected_item))
        connection = vs_pool_get_connection (self->selected_item);
      else if (VS_IS_CONNECTION (self->selected_item))
        connection = self->selected_item;

      if (connection != NULL && !find_listed_item (self, connection, &position))
        connection = NULL;
      set_selected_item (self, connection);
      queue_resolve (self);
      return;
    }

  if (self->selecting == 0)
    {
      self->user_selected = TRUE;
      clear_pending (self);
    }

  set_selected_item (self, item);
}

static void
activate_cb (VsSidebar   *self,
             guint        position,
             GtkListView *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(GObject) item = row_item (row);

  if (VS_IS_CONNECTION (item) && !self->folded)
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (item != NULL)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0);
}

static void
clicked_cb (VsSidebar       *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  g_signal_emit (self, signals[ROW_CLICKED], 0);
}

/* Class ----------------------------------------------------------------- */

static gboolean
vs_sidebar_grab_focus (GtkWidget *widget)
{
  VsSidebar *self = VS_SIDEBAR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
vs_sidebar_dispose (GObject *object)
{
  VsSidebar *self = (VsSidebar *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->resolve_source, g_source_remove);

  /* Unbinds the rows now, while the sidebar's state is still there. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_SIDEBAR);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_pointer (&self->row_widgets, g_hash_table_unref);
  g_clear_object ((GObject **) &self->selected_item);
  g_clear_object (&self->manager);
  clear_pending (self);

  G_OBJECT_CLASS (vs_sidebar_parent_class)->dispose (object);
}

static void
vs_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VsSidebar *self = VS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected_item);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VsSidebar *self = VS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      vs_sidebar_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_sidebar_class_init (VsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_sidebar_dispose;
  object_class->get_property = vs_sidebar_get_property;
  object_class->set_property = vs_sidebar_set_property;
  widget_class->grab_focus = vs_sidebar_grab_focus;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESTORING] =
    g_param_spec_boolean ("restoring", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ROW_ACTIVATED] = g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  signals[ROW_CLICKED] = g_signal_new ("row-clicked", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, VsSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vssidebar");
}

static void
vs_sidebar_init (VsSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->row_widgets = g_hash_table_new (NULL, NULL);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_sidebar_new (void)
{
  return g_object_new (VS_TYPE_SIDEBAR, NULL);
}

void
vs_sidebar_set_manager (VsSidebar           *self,
                        VsConnectionManager *manager)
{
  GListModel *connections;
  GtkListItemFactory *factory;

  g_return_if_fail (VS_IS_SIDEBAR (self));
  g_return_if_fail (VS_IS_CONNECTION_MANAGER (manager));
  g_return_if_fail (self->manager == NULL);

  self->manager = g_object_ref (manager);

  connections = vs_connection_manager_get_connections (manager);
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
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  queue_resolve (self);
}

gpointer
vs_sidebar_get_selected_item (VsSidebar *self)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), NULL);

  return self->selected_item;
}

gboolean
vs_sidebar_select_item (VsSidebar *self,
                        gpointer   item)
{
  guint position;

  g_return_val_if_fail (VS_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (VS_IS_CONNECTION (item) || VS_IS_POOL (item), FALSE);

  if (!find_item (self, item, &position))
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

void
vs_sidebar_select (VsSidebar  *self,
                   const char *uri,
                   const char *pool_name,
                   gboolean    first_pool)
{
  g_return_if_fail (VS_IS_SIDEBAR (self));

  clear_pending (self);
  self->pending_uri = g_strdup (uri);
  self->pending_pool = g_strdup (pool_name);
  self->pending_first_pool = pool_name == NULL && first_pool;
  self->has_pending = TRUE;

  /* Until the first look, a host not listed yet counts as on its way (the
   * remembered connections are loaded after the window is made). */
  if (pool_name != NULL)
    {
      VsConnection *connection = NULL;

      if (uri != NULL && self->manager != NULL)
        connection = vs_connection_manager_lookup (self->manager, uri);
      set_restoring (self, connection == NULL ||
                           vs_connection_get_state (connection) != VS_CONNECTION_STATE_CONNECTED);
    }

  if (self->tree_model != NULL)
    queue_resolve (self);
}

const char *
vs_sidebar_get_restoring_pool (VsSidebar   *self,
                               const char **uri)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), NULL);

  if (uri != NULL)
    *uri = self->restoring ? self->pending_uri : NULL;

  return self->restoring ? self->pending_pool : NULL;
}

gboolean
vs_sidebar_get_folded (VsSidebar *self)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), FALSE);

  return self->folded;
}

void
vs_sidebar_set_folded (VsSidebar *self,
                       gboolean   folded)
{
  g_return_if_fail (VS_IS_SIDEBAR (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

void
vs_sidebar_popup_menu (VsSidebar *self)
{
  GtkWidget *row;

  g_return_if_fail (VS_IS_SIDEBAR (self));

  if (!VS_IS_CONNECTION (self->selected_item))
    return;

  row = g_hash_table_lookup (self->row_widgets, self->selected_item);
  if (VS_IS_CONNECTION_ROW (row))
    vs_connection_row_popup_menu (VS_CONNECTION_ROW (row));
}

GtkSingleSelection *
vs_sidebar_get_selection (VsSidebar *self)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), NULL);

  return self->selection;
}

GtkListView *
vs_sidebar_get_list_view (VsSidebar *self)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), NULL);

  return self->list_view;
}

GtkWidget *
vs_sidebar_get_row_widget (VsSidebar *self,
                           gpointer   item)
{
  g_return_val_if_fail (VS_IS_SIDEBAR (self), NULL);

  return g_hash_table_lookup (self->row_widgets, item);
}
