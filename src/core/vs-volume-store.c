/* vs-volume-store.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-store"

#include "config.h"

#include "vs-volume-store.h"

/* A GListModel over a plain array. GListStore keeps a balanced tree, which
 * makes adding 100,000 volumes cost tens of milliseconds on the main
 * thread; an array appends them with one copy and reads any row in O(1).
 *
 * While vs_volume_store_remove_if() runs, the array has a gap: the items
 * at [gap, gap + gap_len) are gone. Listeners that read the model during
 * its items-changed signals see the list as of that signal; closing the
 * gap once at the end moves each item at most twice, where removing runs
 * one by one would move the tail once per run (1,000 scattered volumes out
 * of 100,000 are 50 million pointer moves, tens of milliseconds). */
struct _VsVolumeStore
{
  GObject    parent_instance;

  GPtrArray *items;     /* owns its references; no free function */
  guint      gap;
  guint      gap_len;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsVolumeStore, vs_volume_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
vs_volume_store_get_item_type (GListModel *model)
{
  return VS_TYPE_VOLUME;
}

static guint
vs_volume_store_get_n_items (GListModel *model)
{
  VsVolumeStore *self = VS_VOLUME_STORE (model);

  return self->items->len - self->gap_len;
}

static gpointer
vs_volume_store_get_item (GListModel *model,
                          guint       position)
{
  VsVolumeStore *self = VS_VOLUME_STORE (model);

  if (position >= self->items->len - self->gap_len)
    return NULL;
  if (position >= self->gap)
    position += self->gap_len;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vs_volume_store_get_item_type;
  iface->get_n_items = vs_volume_store_get_n_items;
  iface->get_item = vs_volume_store_get_item;
}

static void
unref_all (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    g_object_unref (g_ptr_array_index (items, i));
}

static void
vs_volume_store_finalize (GObject *object)
{
  VsVolumeStore *self = (VsVolumeStore *)object;

  g_assert (self->gap_len == 0);
  unref_all (self->items);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (vs_volume_store_parent_class)->finalize (object);
}

static void
vs_volume_store_class_init (VsVolumeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vs_volume_store_finalize;
}

static void
vs_volume_store_init (VsVolumeStore *self)
{
  self->items = g_ptr_array_new ();
}

VsVolumeStore *
vs_volume_store_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_STORE, NULL);
}

void
vs_volume_store_append (VsVolumeStore *self,
                        GPtrArray     *volumes)
{
  guint position;

  g_return_if_fail (VS_IS_VOLUME_STORE (self));
  g_return_if_fail (volumes != NULL);
  g_return_if_fail (self->gap_len == 0);

  if (volumes->len == 0)
    return;

  position = self->items->len;
  g_ptr_array_set_size (self->items, position + volumes->len);
  memcpy (self->items->pdata + position, volumes->pdata, volumes->len * sizeof (gpointer));
  /* The references moved into our array. */
  g_ptr_array_set_free_func (volumes, NULL);
  g_ptr_array_set_size (volumes, 0);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, self->items->len - position);
}

void
vs_volume_store_remove_if (VsVolumeStore     *self,
                           VsVolumePredicate  predicate,
                           gpointer           user_data)
{
  gpointer *items;
  guint i;

  g_return_if_fail (VS_IS_VOLUME_STORE (self));
  g_return_if_fail (predicate != NULL);
  g_return_if_fail (self->gap_len == 0);

  /* Walk backwards so positions reported earlier stay valid for the
   * listeners, and each run of adjacent removals is one signal. The gap
   * starts at the end and moves down: the items kept between two runs
   * move up past it once, just before the lower run goes. */
  items = self->items->pdata;
  self->gap = self->items->len;
  for (i = self->items->len; i > 0;)
    {
      guint end = i;

      while (i > 0 && predicate (items[i - 1], user_data))
        i--;

      if (i < end)
        {
          memmove (items + end + self->gap_len, items + end,
                   (self->gap - end) * sizeof (gpointer));
          for (guint j = i; j < end; j++)
            g_object_unref (items[j]);
          self->gap = i;
          self->gap_len += end - i;
          g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
        }

      if (i > 0)
        i--;
    }

  if (self->gap_len > 0)
    {
      guint len = self->items->len - self->gap_len;

      memmove (items + self->gap, items + self->gap + self->gap_len,
               (len - self->gap) * sizeof (gpointer));
      g_ptr_array_set_size (self->items, len);
    }
  self->gap = 0;
  self->gap_len = 0;
}

void
vs_volume_store_remove_all (VsVolumeStore *self)
{
  guint n;

  g_return_if_fail (VS_IS_VOLUME_STORE (self));

  g_return_if_fail (self->gap_len == 0);

  n = self->items->len;
  if (n == 0)
    return;

  unref_all (self->items);
  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
