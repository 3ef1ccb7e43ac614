/* vs-volume-picker.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection.h"
#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-volume.h"
#include "vs-volume-picker.h"

struct _VsVolumePicker
{
  GtkWidget     parent_instance;

  VsConnection *connection;
  GCancellable *cancellable;
  GSignalGroup *volume_signals;   /* the chosen volume */
  char         *empty_reason;
  guint         load_wanted : 1;
  guint         pools_only : 1;

  /* Template widgets */
  GtkWidget    *grid;
  GtkWidget    *volume_label;
  GtkDropDown  *pool_dropdown;
  GtkDropDown  *volume_dropdown;
};

G_DEFINE_FINAL_TYPE (VsVolumePicker, vs_volume_picker, GTK_TYPE_WIDGET)

enum {
  VOLUME_CHOSEN,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

static gboolean
pool_usable (gpointer item,
             gpointer user_data)
{
  return vs_pool_get_active (item) && vs_pool_get_reachable (item);
}

/* A folder is no disk to base an overlay on. */
static gboolean
volume_usable (gpointer item,
               gpointer user_data)
{
  VsVolumeType type = vs_volume_get_volume_type (item);

  return type != VS_VOLUME_TYPE_DIR && type != VS_VOLUME_TYPE_NETDIR;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return vs_natural_compare (vs_volume_get_name ((VsVolume *) a), vs_volume_get_name ((VsVolume *) b));
}

/* The position of @item in @model, or GTK_INVALID_LIST_POSITION. */
static guint
find_item (GListModel *model,
           gpointer    item)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
update_reason (VsVolumePicker *self)
{
  VsPool *pool = vs_volume_picker_get_pool (self);
  GListModel *model = gtk_drop_down_get_model (self->volume_dropdown);

  g_clear_pointer (&self->empty_reason, g_free);

  if (pool == NULL)
    self->empty_reason = g_strdup (_("No pool of this connection is running"));
  else if (self->pools_only)
    return;
  else if (!vs_pool_get_volumes_loaded (pool))
    self->empty_reason = g_strdup_printf (_("Listing the volumes of “%s”…"), vs_pool_get_name (pool));
  else if (model == NULL || g_list_model_get_n_items (model) == 0)
    self->empty_reason = g_strdup_printf (_("“%s” has no volume to choose"), vs_pool_get_name (pool));
  else
    self->empty_reason = g_strdup (_("Choose a volume"));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VsVolumePicker) self = user_data;

  vs_pool_reload_volumes_finish (VS_POOL (object), result, NULL);
  update_reason (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ensure_loaded (VsVolumePicker *self)
{
  VsPool *pool = vs_volume_picker_get_pool (self);

  if (!self->load_wanted || pool == NULL ||
      vs_pool_get_volumes_loaded (pool) || vs_pool_get_busy (pool))
    return;

  vs_pool_reload_volumes_async (pool, self->cancellable, load_cb, g_object_ref (self));
}

/* Signal callbacks ----------------------------------------------------- */

static void
volume_chosen_cb (VsVolumePicker *self)
{
  VsVolume *volume = vs_volume_picker_get_volume (self);

  g_signal_group_set_target (self->volume_signals, volume);
  update_reason (self);
  g_signal_emit (self, signals[VOLUME_CHOSEN], 0, volume);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
pool_chosen_cb (VsVolumePicker *self)
{
  VsPool *pool = vs_volume_picker_get_pool (self);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;

  if (self->pools_only)
    {
      ensure_loaded (self);
      update_reason (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  if (pool != NULL)
    {
      filtered = gtk_filter_list_model_new (g_object_ref (vs_pool_get_volumes (pool)),
                                            GTK_FILTER (gtk_custom_filter_new (volume_usable, NULL, NULL)));
      sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&filtered)),
                                        GTK_SORTER (gtk_custom_sorter_new (compare_names, NULL, NULL)));
    }

  gtk_drop_down_set_model (self->volume_dropdown, G_LIST_MODEL (sorted));
  ensure_loaded (self);
  volume_chosen_cb (self);
}

/* Class ----------------------------------------------------------------- */

static gboolean
vs_volume_picker_grab_focus (GtkWidget *widget)
{
  VsVolumePicker *self = VS_VOLUME_PICKER (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->pools_only ? self->pool_dropdown : self->volume_dropdown));
}

static void
vs_volume_picker_dispose (GObject *object)
{
  VsVolumePicker *self = (VsVolumePicker *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->volume_signals != NULL)
    g_signal_group_set_target (self->volume_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_PICKER);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vs_volume_picker_parent_class)->dispose (object);
}

static void
vs_volume_picker_finalize (GObject *object)
{
  VsVolumePicker *self = (VsVolumePicker *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->volume_signals);
  g_clear_pointer (&self->empty_reason, g_free);

  G_OBJECT_CLASS (vs_volume_picker_parent_class)->finalize (object);
}

static void
vs_volume_picker_class_init (VsVolumePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_volume_picker_dispose;
  object_class->finalize = vs_volume_picker_finalize;
  widget_class->grab_focus = vs_volume_picker_grab_focus;

  /**
   * VsVolumePicker::volume-chosen:
   * @volume: (nullable): the volume chosen now
   */
  signals[VOLUME_CHOSEN] =
    g_signal_new ("volume-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VS_TYPE_VOLUME);
  /**
   * VsVolumePicker::changed:
   *
   * The choice, or what is known of the chosen volume, changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (VS_TYPE_POOL);
  g_type_ensure (VS_TYPE_VOLUME);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-volume-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumePicker, grid);
  gtk_widget_class_bind_template_child (widget_class, VsVolumePicker, volume_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumePicker, pool_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VsVolumePicker, volume_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, pool_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, volume_chosen_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_volume_picker_init (VsVolumePicker *self)
{
  g_autoptr(GtkExpression) pool_name = NULL;
  g_autoptr(GtkExpression) volume_name = NULL;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  pool_name = gtk_property_expression_new (VS_TYPE_POOL, NULL, "name");
  volume_name = gtk_property_expression_new (VS_TYPE_VOLUME, NULL, "name");
  gtk_drop_down_set_expression (self->pool_dropdown, pool_name);
  gtk_drop_down_set_expression (self->volume_dropdown, volume_name);
  vs_accessible_name_drop_down (self->pool_dropdown, _("Pool"));
  vs_accessible_name_drop_down (self->volume_dropdown, _("Volume"));

  self->volume_signals = g_signal_group_new (VS_TYPE_VOLUME);
  g_signal_group_connect_swapped (self->volume_signals, "notify::details-loaded",
                                  G_CALLBACK (volume_chosen_cb), self);
  update_reason (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_picker_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_PICKER, NULL);
}

void
vs_volume_picker_set_connection (VsVolumePicker *self,
                                 VsConnection   *connection,
                                 VsPool         *pool)
{
  g_autoptr(GtkFilterListModel) pools = NULL;
  guint position;

  g_return_if_fail (VS_IS_VOLUME_PICKER (self));
  g_return_if_fail (VS_IS_CONNECTION (connection));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  g_set_object (&self->connection, connection);
  pools = gtk_filter_list_model_new (g_object_ref (vs_connection_get_pools (connection)),
                                     GTK_FILTER (gtk_custom_filter_new (pool_usable, NULL, NULL)));
  gtk_drop_down_set_model (self->pool_dropdown, G_LIST_MODEL (pools));

  position = find_item (G_LIST_MODEL (pools), pool);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->pool_dropdown, position);
  pool_chosen_cb (self);
}

void
vs_volume_picker_set_pools_only (VsVolumePicker *self,
                                 gboolean        pools_only)
{
  g_return_if_fail (VS_IS_VOLUME_PICKER (self));

  self->pools_only = !!pools_only;
  gtk_widget_set_visible (self->volume_label, !pools_only);
  gtk_widget_set_visible (GTK_WIDGET (self->volume_dropdown), !pools_only);
  pool_chosen_cb (self);
}

void
vs_volume_picker_load (VsVolumePicker *self)
{
  g_return_if_fail (VS_IS_VOLUME_PICKER (self));

  self->load_wanted = TRUE;
  ensure_loaded (self);
}

VsPool *
vs_volume_picker_get_pool (VsVolumePicker *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_PICKER (self), NULL);

  return gtk_drop_down_get_selected_item (self->pool_dropdown);
}

VsVolume *
vs_volume_picker_get_volume (VsVolumePicker *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_PICKER (self), NULL);

  if (self->pools_only)
    return NULL;

  return gtk_drop_down_get_selected_item (self->volume_dropdown);
}

gboolean
vs_volume_picker_set_volume (VsVolumePicker *self,
                             VsVolume       *volume)
{
  guint position;

  g_return_val_if_fail (VS_IS_VOLUME_PICKER (self), FALSE);
  g_return_val_if_fail (VS_IS_VOLUME (volume), FALSE);

  position = find_item (gtk_drop_down_get_model (self->pool_dropdown), vs_volume_get_pool (volume));
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->pool_dropdown, position);

  position = find_item (gtk_drop_down_get_model (self->volume_dropdown), volume);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->volume_dropdown, position);

  return TRUE;
}

const char *
vs_volume_picker_get_empty_reason (VsVolumePicker *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_PICKER (self), NULL);

  return self->empty_reason;
}
