/* vs-volume-rows.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-rows"

#include "config.h"

#include "vs-volume.h"
#include "vs-volume-rows.h"
#include "vs-volume-slot.h"

/* GTK 4.8's list view builds row widgets for up to 200 rows around its
 * anchor, plus 2 on each side (GTK_LIST_VIEW_MAX_LIST_ITEMS and _EXTRA_ITEMS
 * in gtklistview.c): rows added past that many cost no widget. */
#define BUILT_ROWS 204
/* What one idle may spend adding rows GTK builds widgets for (µs). */
#define STEP_BUDGET_US 5000
#define MIN_STEP 4
#define MAX_STEP 64

struct _VsVolumeRows
{
  GObject    parent_instance;

  GPtrArray *slots;     /* VsVolumeSlot; the first n_items are the rows */
  guint      n_items;
  GPtrArray *volumes;   /* VsVolume: the order shown, NULL while blank */
  guint      grow_id;
  guint      step;      /* rows added by one idle while GTK builds them */
};

static void vs_volume_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsVolumeRows, vs_volume_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, vs_volume_rows_list_model_init))

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static guint
n_wanted (VsVolumeRows *self)
{
  return self->volumes != NULL ? self->volumes->len : self->n_items;
}

/* Adds up to @n rows at the end (all that are missing once GTK has built
 * its widgets), pointed at their volumes. */
static void
add_rows (VsVolumeRows *self,
          guint         n)
{
  guint position = self->n_items;
  guint missing = n_wanted (self) - position;

  if (position >= BUILT_ROWS)
    n = missing;
  n = MIN (n, missing);
  if (n == 0)
    return;

  for (guint i = position; i < position + n; i++)
    {
      if (i == self->slots->len)
        g_ptr_array_add (self->slots, vs_volume_slot_new ());
      vs_volume_slot_set_volume (g_ptr_array_index (self->slots, i), g_ptr_array_index (self->volumes, i));
    }

  self->n_items += n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
}

static gboolean grow_cb (gpointer user_data);

static void
update_growth (VsVolumeRows *self,
               gboolean      was_pending)
{
  gboolean pending = self->n_items < n_wanted (self);

  if (pending && self->grow_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
  else if (!pending)
    g_clear_handle_id (&self->grow_id, g_source_remove);

  if (pending != was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* One step of rows, then the next idle: frames are drawn in between (GTK
 * draws at a higher priority than this idle). The step follows what the
 * last one cost, so that each stays within STEP_BUDGET_US. */
static gboolean
grow_cb (gpointer user_data)
{
  VsVolumeRows *self = user_data;
  gint64 start = g_get_monotonic_time ();
  gboolean building = self->n_items < BUILT_ROWS;
  guint n = self->step;
  gint64 spent;

  self->grow_id = 0;
  add_rows (self, n);

  spent = MAX (g_get_monotonic_time () - start, 1);
  if (building)
    self->step = CLAMP ((guint) (n * STEP_BUDGET_US / spent), MIN_STEP, MAX_STEP);

  update_growth (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* GListModel ------------------------------------------------------------ */

static GType
vs_volume_rows_get_item_type (GListModel *model)
{
  return VS_TYPE_VOLUME_SLOT;
}

static guint
vs_volume_rows_get_n_items (GListModel *model)
{
  return VS_VOLUME_ROWS (model)->n_items;
}

static gpointer
vs_volume_rows_get_item (GListModel *model,
                         guint       position)
{
  VsVolumeRows *self = VS_VOLUME_ROWS (model);

  if (position >= self->n_items)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
vs_volume_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vs_volume_rows_get_item_type;
  iface->get_n_items = vs_volume_rows_get_n_items;
  iface->get_item = vs_volume_rows_get_item;
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_rows_finalize (GObject *object)
{
  VsVolumeRows *self = (VsVolumeRows *)object;

  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);

  G_OBJECT_CLASS (vs_volume_rows_parent_class)->finalize (object);
}

static void
vs_volume_rows_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VsVolumeRows *self = VS_VOLUME_ROWS (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, vs_volume_rows_get_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_rows_class_init (VsVolumeRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vs_volume_rows_finalize;
  object_class->get_property = vs_volume_rows_get_property;

  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_volume_rows_init (VsVolumeRows *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
  self->step = 16;
}

/* Public API ------------------------------------------------------------ */

VsVolumeRows *
vs_volume_rows_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_ROWS, NULL);
}

void
vs_volume_rows_show (VsVolumeRows *self,
                     GPtrArray    *volumes,
                     guint         n_at_once)
{
  gboolean was_pending;
  guint n_old;

  g_return_if_fail (VS_IS_VOLUME_ROWS (self));
  g_return_if_fail (volumes != NULL);

  was_pending = vs_volume_rows_get_pending (self);
  g_ptr_array_ref (volumes);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  self->volumes = volumes;

  n_old = self->n_items;
  for (guint i = 0; i < MIN (n_old, volumes->len); i++)
    vs_volume_slot_set_volume (g_ptr_array_index (self->slots, i), g_ptr_array_index (volumes, i));

  if (volumes->len < n_old)
    {
      self->n_items = volumes->len;
      g_list_model_items_changed (G_LIST_MODEL (self), volumes->len, n_old - volumes->len, 0);
      for (guint i = volumes->len; i < n_old; i++)
        vs_volume_slot_set_volume (g_ptr_array_index (self->slots, i), NULL);
    }
  else
    add_rows (self, n_at_once);

  update_growth (self, was_pending);
}

void
vs_volume_rows_blank (VsVolumeRows *self)
{
  gboolean was_pending;

  g_return_if_fail (VS_IS_VOLUME_ROWS (self));

  was_pending = vs_volume_rows_get_pending (self);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  for (guint i = 0; i < self->slots->len; i++)
    vs_volume_slot_set_volume (g_ptr_array_index (self->slots, i), NULL);

  update_growth (self, was_pending);
}

VsVolume *
vs_volume_rows_get_volume (VsVolumeRows *self,
                           guint         position)
{
  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), NULL);

  if (position >= self->n_items)
    return NULL;

  return vs_volume_slot_get_volume (g_ptr_array_index (self->slots, position));
}

guint
vs_volume_rows_get_n_volumes (VsVolumeRows *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), 0);

  return self->volumes != NULL ? self->volumes->len : 0;
}

guint
vs_volume_rows_find (VsVolumeRows *self,
                     VsVolume     *volume)
{
  guint position;

  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), G_MAXUINT);

  if (self->volumes == NULL || volume == NULL ||
      !g_ptr_array_find (self->volumes, volume, &position))
    return G_MAXUINT;

  return position;
}

gboolean
vs_volume_rows_get_pending (VsVolumeRows *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), FALSE);

  return self->n_items < n_wanted (self);
}
