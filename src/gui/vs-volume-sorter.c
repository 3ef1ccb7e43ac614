/* vs-volume-sorter.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-sorter"

#include "config.h"

#include "vs-format.h"
#include "vs-volume.h"
#include "vs-volume-sorter.h"

struct _VsVolumeSorter
{
  GtkSorter        parent_instance;

  VsVolumeSortKey  key;
};

G_DEFINE_ENUM_TYPE (VsVolumeSortKey, vs_volume_sort_key,
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_NAME, "name"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_FORMAT, "format"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_CAPACITY, "capacity"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_ALLOCATION, "allocation"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_PATH, "path"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_SORT_USED_BY, "used-by"))

G_DEFINE_FINAL_TYPE (VsVolumeSorter, vs_volume_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* vs_volume_sorter_find_primary() compares two plain objects: the first
 * VsVolumeSorter asked records itself in the one it got first and answers
 * "smaller". A descending column either swaps the two or turns the answer
 * into "larger"; either way the direction shows. */
#define PROBE_QUARK (probe_quark ())
static G_DEFINE_QUARK (vs-volume-sorter-probe, probe)

/* Helpers --------------------------------------------------------------- */

static int
compare_strv (const char * const *a,
              const char * const *b)
{
  for (; a != NULL && b != NULL && *a != NULL && *b != NULL; a++, b++)
    {
      int cmp = vs_natural_compare (*a, *b);

      if (cmp != 0)
        return cmp;
    }

  return (a != NULL && *a != NULL) - (b != NULL && *b != NULL);
}

static int
compare_sizes (guint64 a,
               guint64 b)
{
  return a < b ? -1 : a > b;
}

static int
compare_volumes (VsVolumeSortKey  key,
                 VsVolume        *a,
                 VsVolume        *b)
{
  switch (key)
    {
    case VS_VOLUME_SORT_FORMAT:
      return vs_natural_compare (vs_volume_get_format (a), vs_volume_get_format (b));
    case VS_VOLUME_SORT_CAPACITY:
      return compare_sizes (vs_volume_get_capacity (a), vs_volume_get_capacity (b));
    case VS_VOLUME_SORT_ALLOCATION:
      return compare_sizes (vs_volume_get_allocation (a), vs_volume_get_allocation (b));
    case VS_VOLUME_SORT_PATH:
      return vs_natural_compare (vs_volume_get_path (a), vs_volume_get_path (b));
    case VS_VOLUME_SORT_USED_BY:
      return compare_strv (vs_volume_get_used_by (a), vs_volume_get_used_by (b));
    case VS_VOLUME_SORT_NAME:
    default:
      return vs_natural_compare (vs_volume_get_name (a), vs_volume_get_name (b));
    }
}

/* Class ----------------------------------------------------------------- */

static GtkOrdering
vs_volume_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  VsVolumeSorter *self = VS_VOLUME_SORTER (sorter);

  if (!VS_IS_VOLUME (item1))
    {
      if (g_object_get_qdata (item1, PROBE_QUARK) == NULL &&
          g_object_get_qdata (item2, PROBE_QUARK) == NULL)
        g_object_set_qdata (item1, PROBE_QUARK, self);
      return GTK_ORDERING_SMALLER;
    }

  return gtk_ordering_from_cmpfunc (compare_volumes (self->key, item1, item2));
}

static GtkSorterOrder
vs_volume_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
vs_volume_sorter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VsVolumeSorter *self = VS_VOLUME_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_enum (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_sorter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VsVolumeSorter *self = VS_VOLUME_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      vs_volume_sorter_set_key (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_sorter_class_init (VsVolumeSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = vs_volume_sorter_get_property;
  object_class->set_property = vs_volume_sorter_set_property;
  sorter_class->compare = vs_volume_sorter_compare;
  sorter_class->get_order = vs_volume_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_enum ("key", NULL, NULL, VS_TYPE_VOLUME_SORT_KEY, VS_VOLUME_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_volume_sorter_init (VsVolumeSorter *self)
{
}

/* Public API ------------------------------------------------------------ */

GtkSorter *
vs_volume_sorter_new (VsVolumeSortKey key)
{
  return g_object_new (VS_TYPE_VOLUME_SORTER, "key", key, NULL);
}

VsVolumeSortKey
vs_volume_sorter_get_key (VsVolumeSorter *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_SORTER (self), VS_VOLUME_SORT_NAME);

  return self->key;
}

void
vs_volume_sorter_set_key (VsVolumeSorter  *self,
                          VsVolumeSortKey  key)
{
  g_return_if_fail (VS_IS_VOLUME_SORTER (self));

  if (self->key == key)
    return;

  self->key = key;
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

gboolean
vs_volume_sorter_find_primary (GtkSorter       *sorter,
                               VsVolumeSortKey *key,
                               GtkSortType     *order)
{
  g_autoptr(GObject) probe_a = NULL;
  g_autoptr(GObject) probe_b = NULL;
  GtkOrdering ordering;
  VsVolumeSorter *primary;
  gboolean swapped;

  g_return_val_if_fail (GTK_IS_SORTER (sorter), FALSE);

  probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  ordering = gtk_sorter_compare (sorter, probe_a, probe_b);
  swapped = g_object_get_qdata (probe_a, PROBE_QUARK) == NULL;
  primary = g_object_get_qdata (swapped ? probe_b : probe_a, PROBE_QUARK);

  if (primary == NULL || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  if (key != NULL)
    *key = primary->key;
  if (order != NULL)
    *order = swapped != (ordering == GTK_ORDERING_LARGER) ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;

  return TRUE;
}
