/* vs-volume-rows.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-rows"

#include "config.h"

#include <gtk/gtk.h>

#include "vs-volume.h"
#include "vs-volume-rows.h"
#include "vs-volume-slot.h"

/* GTK 4.8's list view builds row widgets for up to 200 rows around its
 * anchor, plus 2 on each side (GTK_LIST_VIEW_MAX_LIST_ITEMS and _EXTRA_ITEMS
 * in gtklistview.c): rows added past that many cost no widget. */
#define BUILT_ROWS 204
/* What one idle may spend adding rows GTK builds widgets for, or telling
 * rows out of view that they show another volume (µs). */
#define STEP_BUDGET_US 5000
#define MIN_STEP 1
#define MAX_STEP 16
#define FIRST_STEP 2

struct _VsVolumeRows
{
  GObject    parent_instance;

  GPtrArray *slots;     /* VsVolumeSlot; the first n_items are the rows */
  guint      n_items;
  GPtrArray *volumes;   /* VsVolume: the order shown, NULL while blank */
  guint      grow_id;
  guint      grow_step;   /* rows added by one idle while GTK builds them */
  guint      shrink_step; /* rows removed by one idle while GTK drops them */
  GtkBitset *stale;     /* rows re-pointed whose cells do not know yet */
  guint      notify_id;
  guint      view_first;
  guint      view_size;
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

/* Removes up to @n of the rows past the order (blank already) from the
 * end; those GTK has no widgets for all in one go. */
static void
remove_rows (VsVolumeRows *self,
             guint         n)
{
  guint wanted = n_wanted (self);
  guint keep = MAX (wanted, MIN (self->n_items, BUILT_ROWS));
  guint n_old = self->n_items;

  if (self->n_items > keep)
    n = self->n_items - keep;
  n = MIN (n, self->n_items - wanted);
  if (n == 0)
    return;

  self->n_items -= n;
  gtk_bitset_remove_range_closed (self->stale, self->n_items, n_old - 1);
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, n, 0);
}

static gboolean grow_cb (gpointer user_data);

/* Tells the rows in @range that are stale, as long as @deadline (0: no
 * limit) allows. */
static void
notify_stale (VsVolumeRows *self,
              guint         first,
              guint         n,
              gint64        deadline)
{
  guint position = first;
  GtkBitsetIter iter;

  while (gtk_bitset_iter_init_at (&iter, self->stale, position, &position) && position - first < n)
    {
      gtk_bitset_remove (self->stale, position);
      if (position < self->n_items)
        vs_volume_slot_notify (g_ptr_array_index (self->slots, position));
      if (deadline != 0 && g_get_monotonic_time () > deadline)
        return;
      position++;
    }
}

/* The rows out of view, from an idle, a frame's worth at a time. */
static gboolean
notify_cb (gpointer user_data)
{
  VsVolumeRows *self = user_data;

  notify_stale (self, 0, G_MAXUINT, g_get_monotonic_time () + STEP_BUDGET_US);
  if (!gtk_bitset_is_empty (self->stale))
    return G_SOURCE_CONTINUE;

  self->notify_id = 0;
  return G_SOURCE_REMOVE;
}

/* Rows in view show their new volume now; the others from an idle: the
 * cells of the up to 200 rows GTK keeps take tens of milliseconds to
 * update. */
static void
notify_view_first (VsVolumeRows *self)
{
  notify_stale (self, self->view_first, self->view_size, 0);

  if (!gtk_bitset_is_empty (self->stale) && self->notify_id == 0)
    self->notify_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, notify_cb, self, NULL);
}

static void
update_growth (VsVolumeRows *self,
               gboolean      was_pending)
{
  gboolean pending = self->n_items != n_wanted (self);

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
  gboolean growing = self->n_items < n_wanted (self);
  guint *step = growing ? &self->grow_step : &self->shrink_step;
  guint n = *step;
  gint64 spent;

  self->grow_id = 0;
  if (growing)
    add_rows (self, n);
  else
    remove_rows (self, n);

  spent = MAX (g_get_monotonic_time () - start, 1);
  if (building)
    *step = CLAMP ((guint) (n * STEP_BUDGET_US / spent), MIN_STEP, MAX_STEP);

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
  g_clear_handle_id (&self->notify_id, g_source_remove);
  g_clear_pointer (&self->stale, gtk_bitset_unref);
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
  self->stale = gtk_bitset_new_empty ();
  self->grow_step = FIRST_STEP;
  self->shrink_step = FIRST_STEP;
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
  gboolean was_blank;
  guint n_old;

  g_return_if_fail (VS_IS_VOLUME_ROWS (self));
  g_return_if_fail (volumes != NULL);

  was_pending = vs_volume_rows_get_pending (self);
  was_blank = self->volumes == NULL;
  /* A new round starts carefully: the last one may have ended with steps
   * past GTK's widgets, which cost nothing. */
  if (!was_pending)
    self->grow_step = self->shrink_step = FIRST_STEP;
  g_ptr_array_ref (volumes);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  self->volumes = volumes;

  n_old = self->n_items;
  for (guint i = 0; i < MIN (n_old, volumes->len); i++)
    if (vs_volume_slot_point (g_ptr_array_index (self->slots, i), g_ptr_array_index (volumes, i)))
      gtk_bitset_add (self->stale, i);

  /* Rows past the order go blank now and leave from the end, a few at a
   * time while GTK has widgets for them: dropping a hundred rows' widgets
   * at once stalls the window as long as building them. */
  for (guint i = volumes->len; i < n_old; i++)
    if (vs_volume_slot_point (g_ptr_array_index (self->slots, i), NULL))
      gtk_bitset_add (self->stale, i);

  notify_view_first (self);
  if (volumes->len > n_old)
    add_rows (self, n_at_once);
  else if (was_blank && volumes->len < n_old)
    {
      /* Blank rows were never seen with volumes: no step by step here. */
      self->n_items = volumes->len;
      gtk_bitset_remove_range_closed (self->stale, volumes->len, n_old - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), volumes->len, n_old - volumes->len, 0);
    }
  else
    remove_rows (self, 0);

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
    if (vs_volume_slot_point (g_ptr_array_index (self->slots, i), NULL))
      gtk_bitset_add (self->stale, i);

  notify_view_first (self);
  update_growth (self, was_pending);
}

void
vs_volume_rows_reserve (VsVolumeRows *self,
                        guint         n)
{
  guint position;

  g_return_if_fail (VS_IS_VOLUME_ROWS (self));

  if (self->volumes != NULL || self->n_items >= n)
    return;

  position = self->n_items;
  for (guint i = position; i < n; i++)
    if (i == self->slots->len)
      g_ptr_array_add (self->slots, vs_volume_slot_new ());
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n - position);
}

void
vs_volume_rows_set_view (VsVolumeRows *self,
                         guint         first,
                         guint         n)
{
  g_return_if_fail (VS_IS_VOLUME_ROWS (self));

  self->view_first = first;
  self->view_size = n;
}

VsVolume *
vs_volume_rows_get_volume (VsVolumeRows *self,
                           guint         position)
{
  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), NULL);

  if (position >= self->n_items || position >= n_wanted (self))
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

  return self->n_items != n_wanted (self);
}
