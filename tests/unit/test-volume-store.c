/* test-volume-store.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The volume list as a model: removals reported run by run, each signal
 * describing the list as it is then; and a pool of 100,000 volumes on the
 * test driver (20,000 under AddressSanitizer) listed completely, with its
 * details, and listed again after a change. Behaviour only: bench-volumes --test-driver measures the time.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vs-test-utils.h"
#include "vs-test-volume-utils.h"
#include "vs-volume-private.h"
#include "vs-volume-store.h"

/* Every case has 60 s (vs_test_add()): 100,000 volumes take 10-20 s, but
 * several times that under AddressSanitizer, whose point is memory, not
 * scale. */
#if defined(__SANITIZE_ADDRESS__)
#define LARGE_POOL_VOLUMES 20000
#else
#define LARGE_POOL_VOLUMES 100000
#endif
/* 100,000 details take seconds; many more on a loaded machine. */
#define LARGE_POOL_TIMEOUT_MS 90000

/* A copy of a model that follows its items-changed signals, and checks at
 * every signal that the model reads as the copy says. */
typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  gboolean    check_each;
  guint       n_signals;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  mirror->n_signals++;

  if (!mirror->check_each)
    return;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror->items->len);
  for (guint i = 0; i < mirror->items->len; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (model, i);
      g_assert_true (volume == g_ptr_array_index (mirror->items, i));
    }
  g_assert_null (g_list_model_get_item (model, mirror->items->len));
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->model = model;
  mirror->items = vs_test_model_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_clear_pointer (&mirror->items, g_ptr_array_unref);
}

static void
assert_model_is (GListModel *model,
                 GPtrArray  *items)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (model, i);
      g_assert_true (volume == g_ptr_array_index (items, i));
    }
}

static gboolean
in_set (VsVolume *volume,
        gpointer  user_data)
{
  return g_hash_table_contains (user_data, volume);
}

/* Runs of every length, at both ends and alone, go in one call; every
 * signal describes the list as the listener then reads it. */
static void
test_remove_runs (void)
{
  g_autoptr(VsVolumeStore) store = vs_volume_store_new ();
  g_autoptr(GPtrArray) volumes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GHashTable) doomed = g_hash_table_new (NULL, NULL);
  /* Removed: 0-2, 10, 20-29, 31, 33, 35, then 90-99. */
  static const guint removed_ranges[][2] = {
    { 0, 3 }, { 10, 11 }, { 20, 30 }, { 31, 32 }, { 33, 34 }, { 35, 36 }, { 90, 100 },
  };
  Mirror mirror = { 0 };

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("vol-%u", i);
      g_autofree char *key = g_strdup_printf ("/pool/vol-%u", i);
      g_ptr_array_add (volumes, vs_volume_new (name, key));
    }
  for (guint r = 0; r < G_N_ELEMENTS (removed_ranges); r++)
    for (guint i = removed_ranges[r][0]; i < removed_ranges[r][1]; i++)
      g_hash_table_add (doomed, g_ptr_array_index (volumes, i));
  for (guint i = 0; i < volumes->len; i++)
    if (!g_hash_table_contains (doomed, g_ptr_array_index (volumes, i)))
      g_ptr_array_add (expected, g_ptr_array_index (volumes, i));

  {
    g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < volumes->len; i++)
      g_ptr_array_add (added, g_object_ref (g_ptr_array_index (volumes, i)));
    vs_volume_store_append (store, added);
  }
  assert_model_is (G_LIST_MODEL (store), volumes);

  mirror_init (&mirror, G_LIST_MODEL (store));
  mirror.check_each = TRUE;
  vs_volume_store_remove_if (store, in_set, doomed);

  g_assert_cmpuint (mirror.n_signals, ==, G_N_ELEMENTS (removed_ranges));
  assert_model_is (G_LIST_MODEL (store), expected);
  assert_model_is (G_LIST_MODEL (store), mirror.items);

  /* The store let go of what it removed, and nothing else: a kept volume
   * is also held by @volumes and the mirror, a removed one by @volumes. */
  for (guint i = 0; i < volumes->len; i++)
    {
      GObject *volume = g_ptr_array_index (volumes, i);
      g_assert_cmpuint (volume->ref_count, ==, g_hash_table_contains (doomed, volume) ? 1 : 3);
    }

  /* Nothing to remove: no signal. */
  mirror.n_signals = 0;
  vs_volume_store_remove_if (store, in_set, doomed);
  g_assert_cmpuint (mirror.n_signals, ==, 0);

  vs_volume_store_remove_all (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (mirror.items->len, ==, 0);
  mirror_clear (&mirror);
}

/* Every volume is listed once, with its own details. */
static void
assert_large_pool (VsPool *pool,
                   guint   first,
                   guint   n,
                   guint   gone_every)
{
  GListModel *volumes = vs_pool_get_volumes (pool);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint expected = 0;

  for (guint i = first; i < first + n; i++)
    if (gone_every == 0 || i % gone_every != 0 || i >= LARGE_POOL_VOLUMES)
      {
        g_hash_table_add (names, vs_test_test_volume_name (i));
        expected++;
      }

  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      const char *name = vs_volume_get_name (volume);
      guint number = (guint) g_ascii_strtoull (name + strlen ("vol-"), NULL, 10);

      /* Each name once: removed from the set as it is seen. */
      if (!g_hash_table_remove (names, name))
        g_error ("%s is listed but should not be, or twice", name);
      g_assert_true (vs_volume_get_details_loaded (volume));
      g_assert_cmpuint (vs_volume_get_capacity (volume), ==, (guint64) (1 + number % 64) << 20);
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 0);
}

static gboolean
pool_idle (gpointer data)
{
  return !vs_pool_get_busy (data) && !vs_pool_get_loading (data);
}

/* Lists the volumes and waits for every detail. */
static void
load_large_pool (VsPool *pool)
{
  g_autoptr(GError) error = NULL;

  if (!vs_test_pool_reload (pool, NULL, &error))
    g_error ("Could not list the volumes: %s", error->message);
  vs_test_assert_wait_for (pool_idle, pool, LARGE_POOL_TIMEOUT_MS, "every volume's details");
}

static void
test_large_pool (void)
{
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *name = g_strdup_printf ("vs-large-%d", getpid ());
  virConnectPtr conn;
  VsPool *pool;
  Mirror mirror = { 0 };
  guint n_gone;

  /* test:///default's state is shared by every connection of the process:
   * the volumes made through this one are the core's. */
  conn = virConnectOpen ("test:///default");
  g_assert_nonnull (conn);
  vs_test_make_test_volumes (conn, name, 0, LARGE_POOL_VOLUMES);

  connection = vs_test_connection_open ("test:///default", FALSE);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);
  load_large_pool (pool);
  assert_large_pool (pool, 0, LARGE_POOL_VOLUMES, 0);

  /* One in a hundred goes, scattered over the list; 500 new ones come. */
  mirror_init (&mirror, vs_pool_get_volumes (pool));
  n_gone = vs_test_delete_test_volumes (conn, name, 0, LARGE_POOL_VOLUMES, 100);
  vs_test_make_test_volumes (conn, name, LARGE_POOL_VOLUMES, 500);
  load_large_pool (pool);
  assert_large_pool (pool, 0, LARGE_POOL_VOLUMES + 500, 100);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (pool)), ==,
                    LARGE_POOL_VOLUMES - n_gone + 500);
  /* Whoever follows the signals has the same list. */
  assert_model_is (vs_pool_get_volumes (pool), mirror.items);
  g_assert_cmpuint (mirror.n_signals, >, 1);
  mirror_clear (&mirror);

  vs_connection_close (connection);
  virConnectClose (conn);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/volume-store/remove-runs", test_remove_runs);
  vs_test_add ("/volume-store/large-pool", test_large_pool);

  return g_test_run ();
}
