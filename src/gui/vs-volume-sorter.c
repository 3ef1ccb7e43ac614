/* vs-volume-sorter.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-sorter"

#include "config.h"

#include <string.h>

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

/* What a volume is sorted and searched by, as plain values: read from the
 * volume on the main thread, compared anywhere. */
typedef struct
{
  const char         *name;
  const char         *text;     /* format or path */
  const char * const *used_by;
  guint64             number;   /* capacity or allocation */
} SortValues;

/* A pool's volumes, copied on the main thread for a worker that sorts and
 * searches them: it never sees a VsVolume. */
typedef struct
{
  VsVolumeSortKey  key;
  gboolean         descending;
  char            *needle;      /* normalized and case-folded, NULL: no search */
  GStringChunk    *strings;
  GPtrArray       *strvs;       /* copies of "used by" lists */
  SortValues      *values;
  const char     **paths;       /* for the search, NULL without one */
  guint            n;
  GPtrArray       *volumes;     /* VsVolume, main thread only: values[i] is volumes[i] */
  guint           *order;       /* the worker's result: indices into values */
  guint            n_order;
} OrderJob;

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

/* Ascending; equal sizes or formats come in name order, not in libvirt's,
 * and names that read the same naturally ("disk-1", "disk-01") bytewise,
 * so that the order is the same wherever it is computed. */
static int
compare_values (VsVolumeSortKey   key,
                const SortValues *a,
                const SortValues *b)
{
  int cmp = 0;

  switch (key)
    {
    case VS_VOLUME_SORT_FORMAT:
    case VS_VOLUME_SORT_PATH:
      cmp = vs_natural_compare (a->text, b->text);
      break;
    case VS_VOLUME_SORT_CAPACITY:
    case VS_VOLUME_SORT_ALLOCATION:
      cmp = compare_sizes (a->number, b->number);
      break;
    case VS_VOLUME_SORT_USED_BY:
      cmp = compare_strv (a->used_by, b->used_by);
      break;
    case VS_VOLUME_SORT_NAME:
    default:
      break;
    }

  if (cmp == 0)
    cmp = vs_natural_compare (a->name, b->name);
  if (cmp == 0)
    cmp = g_strcmp0 (a->name, b->name);

  return cmp;
}

/* Borrowed from @volume: valid until the main loop runs again. */
static void
values_from_volume (SortValues      *values,
                    VsVolumeSortKey  key,
                    VsVolume        *volume)
{
  values->name = vs_volume_get_name (volume);
  values->text = key == VS_VOLUME_SORT_FORMAT ? vs_volume_get_format (volume)
                 : key == VS_VOLUME_SORT_PATH ? vs_volume_get_path (volume)
                 : NULL;
  values->used_by = key == VS_VOLUME_SORT_USED_BY ? vs_volume_get_used_by (volume) : NULL;
  values->number = key == VS_VOLUME_SORT_CAPACITY ? vs_volume_get_capacity (volume)
                   : key == VS_VOLUME_SORT_ALLOCATION ? vs_volume_get_allocation (volume)
                   : 0;
}

/* What GtkStringFilter does with ignore-case: compatibility-normalized,
 * then case-folded. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

/* @needle is folded. ASCII text (nearly every name and path) is searched
 * in place; anything else is folded first. */
static gboolean
text_matches (const char *text,
              const char *needle)
{
  g_autofree char *folded = NULL;
  gboolean ascii = TRUE;

  if (text == NULL)
    return FALSE;

  for (const char *s = needle; *s != '\0' && ascii; s++)
    ascii = (guchar) *s < 0x80;
  for (const char *s = text; *s != '\0' && ascii; s++)
    ascii = (guchar) *s < 0x80;

  if (ascii)
    {
      for (const char *start = text; *start != '\0'; start++)
        {
          const char *t = start, *n = needle;

          while (*n != '\0' && *t != '\0' && g_ascii_tolower (*t) == *n)
            t++, n++;
          if (*n == '\0')
            return TRUE;
        }
      return *needle == '\0';
    }

  folded = fold (text);
  return strstr (folded, needle) != NULL;
}

static gboolean
volume_matches (VsVolume   *volume,
                const char *needle)
{
  return needle == NULL ||
         text_matches (vs_volume_get_name (volume), needle) ||
         text_matches (vs_volume_get_path (volume), needle);
}

static char *
make_needle (const char *search)
{
  return search != NULL && *search != '\0' ? fold (search) : NULL;
}

static void
order_job_free (OrderJob *job)
{
  g_free (job->needle);
  g_clear_pointer (&job->strings, g_string_chunk_free);
  g_clear_pointer (&job->strvs, g_ptr_array_unref);
  g_free (job->values);
  g_free (job->paths);
  g_free (job->order);
  /* The volumes are taken by vs_volume_sorter_order_finish() on the main
   * thread; only a job that never ran still holds them here. */
  g_clear_pointer (&job->volumes, g_ptr_array_unref);
  g_free (job);
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const OrderJob *job = user_data;
  int cmp = compare_values (job->key, &job->values[*(const guint *) a], &job->values[*(const guint *) b]);

  return job->descending ? -cmp : cmp;
}

static void
order_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderJob *job = task_data;

  job->order = g_new (guint, MAX (job->n, 1));
  for (guint i = 0; i < job->n; i++)
    if (job->needle == NULL ||
        text_matches (job->values[i].name, job->needle) ||
        text_matches (job->paths[i], job->needle))
      job->order[job->n_order++] = i;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_qsort_with_data (job->order, job->n_order, sizeof (guint), compare_indices, job);
  g_task_return_boolean (task, TRUE);
}

/* Class ----------------------------------------------------------------- */

static GtkOrdering
vs_volume_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  VsVolumeSorter *self = VS_VOLUME_SORTER (sorter);
  SortValues a, b;

  if (!VS_IS_VOLUME (item1))
    {
      if (g_object_get_qdata (item1, PROBE_QUARK) == NULL &&
          g_object_get_qdata (item2, PROBE_QUARK) == NULL)
        g_object_set_qdata (item1, PROBE_QUARK, self);
      return GTK_ORDERING_SMALLER;
    }

  values_from_volume (&a, self->key, item1);
  values_from_volume (&b, self->key, item2);

  return gtk_ordering_from_cmpfunc (compare_values (self->key, &a, &b));
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

void
vs_volume_sorter_order_async (GListModel          *volumes,
                              VsVolumeSortKey      key,
                              GtkSortType          order,
                              const char          *search,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OrderJob *job;

  g_return_if_fail (G_IS_LIST_MODEL (volumes));

  job = g_new0 (OrderJob, 1);
  job->key = key;
  job->descending = order == GTK_SORT_DESCENDING;
  job->needle = make_needle (search);
  job->n = g_list_model_get_n_items (volumes);
  job->strings = g_string_chunk_new (64 * 1024);
  job->strvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  job->values = g_new0 (SortValues, MAX (job->n, 1));
  job->paths = job->needle != NULL ? g_new0 (const char *, MAX (job->n, 1)) : NULL;
  job->volumes = g_ptr_array_new_full (job->n, g_object_unref);

  for (guint i = 0; i < job->n; i++)
    {
      VsVolume *volume = g_list_model_get_item (volumes, i);
      SortValues *values = &job->values[i];

      g_ptr_array_add (job->volumes, volume);
      values_from_volume (values, key, volume);
      /* Copies: the volume may change while the worker reads. A format
       * is interned and stays. */
      values->name = g_string_chunk_insert (job->strings, values->name);
      if (key == VS_VOLUME_SORT_PATH && values->text != NULL)
        values->text = g_string_chunk_insert (job->strings, values->text);
      if (values->used_by != NULL)
        {
          char **copy = g_strdupv ((char **) values->used_by);

          g_ptr_array_add (job->strvs, copy);
          values->used_by = (const char * const *) copy;
        }
      if (job->paths != NULL && vs_volume_get_path (volume) != NULL)
        job->paths[i] = g_string_chunk_insert (job->strings, vs_volume_get_path (volume));
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vs_volume_sorter_order_async);
  g_task_set_task_data (task, job, (GDestroyNotify) order_job_free);
  g_task_run_in_thread (task, order_thread);
}

GPtrArray *
vs_volume_sorter_order_finish (GAsyncResult  *result,
                               GError       **error)
{
  OrderJob *job;
  GPtrArray *volumes;
  GPtrArray *ordered;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vs_volume_sorter_order_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  /* Taken here, on the main thread, whatever the outcome: the task may be
   * finalized in the worker's thread. */
  volumes = g_steal_pointer (&job->volumes);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      g_ptr_array_unref (volumes);
      return NULL;
    }

  ordered = g_ptr_array_new_full (job->n_order, g_object_unref);
  for (guint i = 0; i < job->n_order; i++)
    g_ptr_array_add (ordered, g_steal_pointer (&volumes->pdata[job->order[i]]));

  g_ptr_array_set_free_func (volumes, NULL);
  for (guint i = 0; i < volumes->len; i++)
    g_clear_object ((VsVolume **) &volumes->pdata[i]);
  g_ptr_array_unref (volumes);

  return ordered;
}

GPtrArray *
vs_volume_sorter_order_first (GListModel      *volumes,
                              VsVolumeSortKey  key,
                              GtkSortType      order,
                              const char      *search,
                              guint            n)
{
  g_autofree char *needle = make_needle (search);
  g_autofree SortValues *best = g_new (SortValues, n + 1);
  GPtrArray *first = g_ptr_array_new_full (n, g_object_unref);
  int direction = order == GTK_SORT_DESCENDING ? -1 : 1;
  guint n_volumes;

  g_return_val_if_fail (G_IS_LIST_MODEL (volumes), first);

  if (n == 0)
    return first;

  /* Kept sorted: most volumes are turned away by one comparison with the
   * last of the best so far. */
  n_volumes = g_list_model_get_n_items (volumes);
  for (guint i = 0; i < n_volumes; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      SortValues values;
      guint low = 0, high = first->len;

      values_from_volume (&values, key, volume);
      if (first->len == n && direction * compare_values (key, &values, &best[n - 1]) >= 0)
        continue;
      if (!volume_matches (volume, needle))
        continue;

      while (low < high)
        {
          guint mid = (low + high) / 2;

          if (direction * compare_values (key, &values, &best[mid]) < 0)
            high = mid;
          else
            low = mid + 1;
        }

      if (first->len == n)
        g_ptr_array_remove_index (first, n - 1);
      memmove (&best[low + 1], &best[low], (first->len - low) * sizeof (SortValues));
      best[low] = values;
      g_ptr_array_insert (first, low, g_steal_pointer (&volume));
    }

  return first;
}
