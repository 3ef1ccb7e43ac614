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
/* What one step may cost: adding rows GTK builds widgets for, dropping
 * them, or telling rows out of view that they show another volume (µs),
 * and what GTK does about it before the main loop can take input again. */
#define STEP_BUDGET_US 5000
#define MIN_STEP 1
#define MAX_STEP 64
#define FIRST_STEP 2
/* On X11, GTK measures the whole window from an idle of its own at
 * G_PRIORITY_HIGH - 10 (the toplevel's "compute-size") as soon as a row's
 * size may have changed: the rows a step adds cost as much again there,
 * right after the step. An idle just below that priority sees the end of
 * it, before input, frames or the next step. */
#define SETTLE_PRIORITY (G_PRIORITY_HIGH - 5)

typedef enum
{
  STEP_GROW,     /* adding rows */
  STEP_SHRINK,   /* removing rows */
  STEP_NOTIFY,   /* telling rows out of view about their new volume */
  N_STEP_KINDS
} StepKind;

struct _VsVolumeRows
{
  GObject    parent_instance;

  GPtrArray *slots;     /* VsVolumeSlot or NULL: one for each row GTK asked
                         * for (made then), the first n_items are the rows */
  guint      n_items;
  GPtrArray *volumes;   /* VsVolume: the order shown, NULL while blank */
  GtkBitset *stale;     /* rows re-pointed whose cells do not know yet */
  guint      view_first;
  guint      view_size;
  guint      view_id;

  /* One step at a time, from an idle below GTK's redraw priority, each
   * timed to its settling: how many rows a step of each kind handles
   * follows what the last one cost. */
  guint      step_id;
  guint      settle_id;
  guint      step[N_STEP_KINDS];
  StepKind   step_kind;
  guint      step_rows;
  gint64     step_start;
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

static void
free_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

/* Room for @n rows' slots (NULL until GTK asks for them). */
static void
ensure_slots (VsVolumeRows *self,
              guint         n)
{
  if (self->slots->len < n)
    g_ptr_array_set_size (self->slots, n);
}

/* Adds up to @n rows at the end (all that are missing once GTK has built
 * its widgets), pointed at their volumes. Returns how many it added. */
static guint
add_rows (VsVolumeRows *self,
          guint         n)
{
  guint position = self->n_items;
  guint missing = n_wanted (self) - position;

  if (position >= BUILT_ROWS)
    n = missing;
  n = MIN (n, missing);
  if (n == 0)
    return 0;

  ensure_slots (self, position + n);
  for (guint i = position; i < position + n; i++)
    if (g_ptr_array_index (self->slots, i) != NULL)
      vs_volume_slot_set_volume (g_ptr_array_index (self->slots, i), g_ptr_array_index (self->volumes, i));

  self->n_items += n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);

  return n;
}

/* Removes up to @n of the rows past the order (blank already) from the
 * end; those GTK has no widgets for all in one go. Returns how many rows
 * with widgets it removed (0 for a removal past them). */
static guint
remove_rows (VsVolumeRows *self,
             guint         n)
{
  guint wanted = n_wanted (self);
  guint keep = MAX (wanted, MIN (self->n_items, BUILT_ROWS));
  guint n_old = self->n_items;
  gboolean past_widgets = self->n_items > keep;

  if (past_widgets)
    n = self->n_items - keep;
  n = MIN (n, self->n_items - wanted);
  if (n == 0)
    return 0;

  self->n_items -= n;
  gtk_bitset_remove_range_closed (self->stale, self->n_items, n_old - 1);
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, n, 0);

  return past_widgets ? 0 : n;
}

/* Tells up to @n stale rows from @first on (all with @n G_MAXUINT).
 * Returns how many it told. */
static guint
notify_stale (VsVolumeRows *self,
              guint         first,
              guint         last,
              guint         n)
{
  guint position = first;
  guint told = 0;
  GtkBitsetIter iter;

  while (told < n && gtk_bitset_iter_init_at (&iter, self->stale, position, &position) && position <= last)
    {
      gtk_bitset_remove (self->stale, position);
      if (position < self->n_items && g_ptr_array_index (self->slots, position) != NULL)
        {
          vs_volume_slot_notify (g_ptr_array_index (self->slots, position));
          told++;
        }
      position++;
    }

  return told;
}

static gboolean step_cb (gpointer user_data);

static void
notify_pending (VsVolumeRows *self,
                gboolean      was_pending)
{
  if (vs_volume_rows_get_pending (self) != was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static gboolean
has_work (VsVolumeRows *self)
{
  return self->n_items != n_wanted (self) || !gtk_bitset_is_empty (self->stale);
}

static void
queue_step (VsVolumeRows *self)
{
  if (self->step_id == 0 && self->settle_id == 0 && has_work (self))
    self->step_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, self, NULL);
}

/* The step and what GTK did about it are over: the next step handles as
 * many rows as fit the budget at this one's cost. */
static gboolean
settle_cb (gpointer user_data)
{
  VsVolumeRows *self = user_data;
  gint64 spent = MAX (g_get_monotonic_time () - self->step_start, 1);
  guint *step = &self->step[self->step_kind];

  self->settle_id = 0;
  if (self->step_rows > 0)
    *step = CLAMP ((guint) (self->step_rows * STEP_BUDGET_US / spent), MIN_STEP, MAX_STEP);

  queue_step (self);

  return G_SOURCE_REMOVE;
}

/* One step of rows, then the next idle: frames are drawn in between (GTK
 * draws at a higher priority than this idle). Rows added or removed come
 * first, then the rows out of view that show another volume now. */
static gboolean
step_cb (gpointer user_data)
{
  VsVolumeRows *self = user_data;
  gboolean was_pending = vs_volume_rows_get_pending (self);
  guint wanted = n_wanted (self);

  self->step_id = 0;
  self->step_start = g_get_monotonic_time ();

  if (self->n_items < wanted)
    {
      /* Rows past those GTK builds widgets for are free: no timing. */
      gboolean building = self->n_items < BUILT_ROWS;
      guint added = add_rows (self, self->step[STEP_GROW]);

      self->step_kind = STEP_GROW;
      self->step_rows = building ? added : 0;
    }
  else if (self->n_items > wanted)
    {
      self->step_kind = STEP_SHRINK;
      self->step_rows = remove_rows (self, self->step[STEP_SHRINK]);
    }
  else
    {
      self->step_kind = STEP_NOTIFY;
      self->step_rows = notify_stale (self, 0, G_MAXUINT, self->step[STEP_NOTIFY]);
    }

  notify_pending (self, was_pending);

  self->settle_id = g_idle_add_full (SETTLE_PRIORITY, settle_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

/* Rows in view show their new volume now; the others step by step. */
static void
notify_view_first (VsVolumeRows *self)
{
  if (self->view_size > 0)
    notify_stale (self, self->view_first, self->view_first + self->view_size - 1, G_MAXUINT);
}

/* After the rows changed their order or their number. */
static void
rows_changed (VsVolumeRows *self,
              gboolean      was_pending)
{
  queue_step (self);
  notify_pending (self, was_pending);
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

  /* A slot is made the first time GTK asks for the row: it asks for the
   * rows it builds widgets for, a few hundred, not for each of 16,384. */
  if (g_ptr_array_index (self->slots, position) == NULL)
    {
      VsVolumeSlot *slot = vs_volume_slot_new ();

      if (position < n_wanted (self) && self->volumes != NULL)
        vs_volume_slot_set_volume (slot, g_ptr_array_index (self->volumes, position));
      g_ptr_array_index (self->slots, position) = slot;
    }

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

  g_clear_handle_id (&self->step_id, g_source_remove);
  g_clear_handle_id (&self->view_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
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
  self->slots = g_ptr_array_new_with_free_func (free_slot);
  self->stale = gtk_bitset_new_empty ();
  for (guint i = 0; i < N_STEP_KINDS; i++)
    self->step[i] = FIRST_STEP;
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
    self->step[STEP_GROW] = self->step[STEP_SHRINK] = FIRST_STEP;
  g_ptr_array_ref (volumes);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  self->volumes = volumes;

  n_old = self->n_items;
  for (guint i = 0; i < MIN (n_old, volumes->len); i++)
    if (g_ptr_array_index (self->slots, i) != NULL &&
        vs_volume_slot_point (g_ptr_array_index (self->slots, i), g_ptr_array_index (volumes, i)))
      gtk_bitset_add (self->stale, i);

  /* Rows past the order go blank now and leave from the end, a few at a
   * time while GTK has widgets for them: dropping a hundred rows' widgets
   * at once stalls the window as long as building them. */
  for (guint i = volumes->len; i < n_old; i++)
    if (g_ptr_array_index (self->slots, i) != NULL &&
        vs_volume_slot_point (g_ptr_array_index (self->slots, i), NULL))
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

  rows_changed (self, was_pending);
}

void
vs_volume_rows_blank (VsVolumeRows *self)
{
  gboolean was_pending;

  g_return_if_fail (VS_IS_VOLUME_ROWS (self));

  was_pending = vs_volume_rows_get_pending (self);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) != NULL &&
        vs_volume_slot_point (g_ptr_array_index (self->slots, i), NULL))
      gtk_bitset_add (self->stale, i);

  notify_view_first (self);
  rows_changed (self, was_pending);
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
  ensure_slots (self, n);
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n - position);
}

static gboolean
view_cb (gpointer user_data)
{
  VsVolumeRows *self = user_data;

  self->view_id = 0;
  notify_view_first (self);

  return G_SOURCE_REMOVE;
}

void
vs_volume_rows_set_view (VsVolumeRows *self,
                         guint         first,
                         guint         n)
{
  g_return_if_fail (VS_IS_VOLUME_ROWS (self));

  self->view_first = first;
  self->view_size = n;

  /* Scrolled to rows whose turn has not come yet: they show their
   * volume before the next frame (not from here: the view may be in the
   * middle of its allocation). */
  if (self->view_id == 0 && n > 0 &&
      gtk_bitset_get_size_in_range (self->stale, first, first + n - 1) > 0)
    self->view_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, view_cb, self, NULL);
}

VsVolume *
vs_volume_rows_get_volume (VsVolumeRows *self,
                           guint         position)
{
  g_return_val_if_fail (VS_IS_VOLUME_ROWS (self), NULL);

  if (position >= self->n_items || position >= n_wanted (self))
    return NULL;

  return self->volumes != NULL ? g_ptr_array_index (self->volumes, position) : NULL;
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
