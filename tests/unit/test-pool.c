/* test-pool.c: VsPool and its volume list against libvirt's test driver
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool"

#include "config.h"

#include <libvirt/virterror.h>

#include "vs-test-utils.h"
#include "vs-xml.h"

/* test:///default is one in-memory host shared by every connection of this
 * process, so the test can change it behind the core's back; each open of
 * a node file gets a private copy instead. */
#define DEFAULT_URI "test:///default"
#define DEFAULT_POOL "default-pool"

/* Properties that change on every listing by design: the pool is busy while
 * it lists and loading while details come in. */
static const char * const transient_props[] = { "busy", "loading", NULL };

typedef struct
{
  const char         *name;
  const char         *format;
  guint64             capacity;
  guint64             allocation;
  const char         *backing_path;
  const char * const *used_by;
} FixtureVolume;

static const char * const used_by_one[] = { "vm-one", NULL };
static const char * const used_by_both[] = { "vm-one", "vm-two", NULL };

/* The pool "images" of tests/fixtures/node.xml. */
static const FixtureVolume images_volumes[] = {
  { "base.raw", "raw", G_GUINT64_CONSTANT (2147483648), G_GUINT64_CONSTANT (2147483648),
    NULL, used_by_one },
  { "disk-a.qcow2", "qcow2", G_GUINT64_CONSTANT (10737418240), G_GUINT64_CONSTANT (1073741824),
    NULL, used_by_both },
  { "disk-b.qcow2", "qcow2", G_GUINT64_CONSTANT (2147483648), 196608,
    "/vs-fixture/images/base.raw", used_by_one },
  { "data.raw", "raw", G_GUINT64_CONSTANT (5368709120), G_GUINT64_CONSTANT (5368709120),
    NULL, NULL },
  { "install.iso", "iso", 734003200, 734003200, NULL, NULL },
  { "scratch.qcow2", "qcow2", G_GUINT64_CONSTANT (1073741824), 0, NULL, NULL },
};

/* Helpers --------------------------------------------------------------- */

typedef struct
{
  VsConnection *connection;
  VsPool       *pool;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *uri,
              const char *pool_name)
{
  fixture->connection = vs_test_connection_open (uri, FALSE);
  fixture->pool = vs_connection_find_pool (fixture->connection, pool_name);
  if (fixture->pool == NULL)
    g_error ("%s has no pool “%s”", uri, pool_name);
}

static void
fixture_open_node (Fixture    *fixture,
                   const char *pool_name)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");

  fixture_open (fixture, uri, pool_name);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->connection);
  fixture->pool = NULL;
}

static char *
strv_to_string (const char * const *strv)
{
  return strv == NULL ? g_strdup ("(null)") : g_strjoinv (",", (char **) strv);
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
model_has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static void
wait_n_volumes (VsPool *pool,
                guint   n)
{
  CountWait wait = { vs_pool_get_volumes (pool), n };
  g_autofree char *what = g_strdup_printf ("%u volumes in %s", n, vs_pool_get_name (pool));

  vs_test_assert_wait_for (model_has_n_items, &wait, VS_TEST_TIMEOUT_MS, what);
}

/* Runs one of the pool's _async/_finish pairs and waits for it. */
typedef void     (*PoolAsyncFunc)  (VsPool *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*PoolFinishFunc) (VsPool *, GAsyncResult *, GError **);

static gboolean
run_pool_op (VsPool          *pool,
             PoolAsyncFunc    async_func,
             PoolFinishFunc   finish_func,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  async_func (pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return finish_func (pool, result, error);
}

static gboolean
set_autostart (VsPool    *pool,
               gboolean   autostart,
               GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_pool_set_autostart_async (pool, autostart, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_pool_set_autostart_finish (pool, result, error);
}

static virStorageVolPtr
create_volume (virStoragePoolPtr  ptr,
               const char        *name,
               guint64            capacity,
               guint64            allocation)
{
  g_autofree char *xml = NULL;
  virStorageVolPtr vol;

  xml = g_strdup_printf ("<volume><name>%s</name>"
                         "<capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>"
                         "<allocation unit='bytes'>%" G_GUINT64_FORMAT "</allocation>"
                         "<target><format type='qcow2'/></target></volume>",
                         name, capacity, allocation);
  vol = virStorageVolCreateXML (ptr, xml, 0);
  if (vol == NULL)
    g_error ("could not create the volume %s: %s", name, virGetLastErrorMessage ());

  return vol;
}

static void
delete_volume (virStorageVolPtr vol)
{
  g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
  virStorageVolFree (vol);
}

/* The libvirt side of test:///default, opened by the test itself. */
typedef struct
{
  virConnectPtr     conn;
  virStoragePoolPtr pool;
  virStorageVolPtr  vols[8];
  guint             n_vols;
} Behind;

static void
behind_open (Behind *behind)
{
  behind->conn = vs_test_virt_open (DEFAULT_URI);
  behind->pool = virStoragePoolLookupByName (behind->conn, DEFAULT_POOL);
  g_assert_nonnull (behind->pool);
  /* Leftovers of an earlier test would make the counts below wrong. */
  g_assert_cmpint (virStoragePoolNumOfVolumes (behind->pool), ==, 0);
}

static void
behind_add (Behind     *behind,
            const char *name)
{
  g_assert_cmpuint (behind->n_vols, <, G_N_ELEMENTS (behind->vols));
  behind->vols[behind->n_vols++] = create_volume (behind->pool, name, 1048576, 65536);
}

static void
behind_remove (Behind *behind,
               guint   index)
{
  g_assert_nonnull (behind->vols[index]);
  delete_volume (g_steal_pointer (&behind->vols[index]));
}

static void
behind_close (Behind *behind)
{
  for (guint i = 0; i < behind->n_vols; i++)
    if (behind->vols[i] != NULL)
      delete_volume (g_steal_pointer (&behind->vols[i]));
  virStoragePoolFree (behind->pool);
  virConnectClose (behind->conn);
}

/* Volume list ----------------------------------------------------------- */

static void
assert_fixture_volume (VsPool              *pool,
                       const FixtureVolume *expected)
{
  VsVolume *volume = vs_pool_find_volume (pool, expected->name);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *format = NULL;
  g_autofree char *backing_path = NULL;
  g_auto(GStrv) used_by = NULL;
  g_autoptr(VsPool) pool_prop = NULL;
  g_autofree char *got_users = NULL;
  g_autofree char *want_users = NULL;
  guint64 capacity, allocation;
  VsVolumeType volume_type;
  gboolean details_loaded;

  if (volume == NULL)
    g_error ("volume %s is not listed", expected->name);

  path = g_strdup_printf ("/vs-fixture/images/%s", expected->name);

  g_object_get (volume,
                "pool", &pool_prop,
                "name", &name,
                "key", &key,
                "path", &backing_path,   /* reused below */
                NULL);
  g_assert_true (pool_prop == pool);
  g_assert_cmpstr (name, ==, expected->name);
  g_assert_cmpstr (key, ==, path);
  g_assert_cmpstr (backing_path, ==, path);
  g_clear_pointer (&backing_path, g_free);

  g_object_get (volume,
                "volume-type", &volume_type,
                "format", &format,
                "capacity", &capacity,
                "allocation", &allocation,
                "backing-path", &backing_path,
                "used-by", &used_by,
                "details-loaded", &details_loaded,
                NULL);

  g_assert_true (details_loaded);
  g_assert_cmpint (volume_type, ==, VS_VOLUME_TYPE_FILE);
  g_assert_cmpstr (format, ==, expected->format);
  g_assert_cmpuint (capacity, ==, expected->capacity);
  g_assert_cmpuint (allocation, ==, expected->allocation);
  g_assert_cmpstr (backing_path, ==, expected->backing_path);

  got_users = strv_to_string ((const char * const *) used_by);
  want_users = strv_to_string (expected->used_by);
  if (!vs_test_strv_same_set ((const char * const *) used_by, expected->used_by))
    g_error ("%s: used-by is %s, expected %s", expected->name, got_users, want_users);

  /* The getters agree with the properties. */
  g_assert_true (vs_volume_get_pool (volume) == pool);
  g_assert_cmpstr (vs_volume_get_name (volume), ==, expected->name);
  g_assert_cmpstr (vs_volume_get_key (volume), ==, path);
  g_assert_cmpstr (vs_volume_get_path (volume), ==, path);
  g_assert_cmpstr (vs_volume_get_format (volume), ==, expected->format);
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, expected->capacity);
  g_assert_cmpuint (vs_volume_get_allocation (volume), ==, expected->allocation);
  g_assert_cmpstr (vs_volume_get_backing_path (volume), ==, expected->backing_path);
  g_assert_true (vs_test_strv_same_set (vs_volume_get_used_by (volume), expected->used_by));
  g_assert_false (vs_volume_get_busy (volume));
}

/* Names, keys, paths, formats, sizes, backing files and users of every
 * volume of the fixture's pool, once the details are in. */
static void
test_volumes_list (void)
{
  Fixture fixture = { 0 };
  GListModel *volumes;
  guint64 capacity_sum = 0;
  gboolean loaded = FALSE;

  fixture_open_node (&fixture, "images");
  volumes = vs_pool_get_volumes (fixture.pool);
  g_assert_true (g_list_model_get_item_type (volumes) == VS_TYPE_VOLUME);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);

  vs_test_pool_load_volumes (fixture.pool);

  g_object_get (fixture.pool, "volumes-loaded", &loaded, NULL);
  g_assert_true (loaded);
  g_assert_false (vs_pool_get_loading (fixture.pool));
  g_assert_null (vs_pool_get_volumes_error (fixture.pool));
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, G_N_ELEMENTS (images_volumes));

  for (guint i = 0; i < G_N_ELEMENTS (images_volumes); i++)
    {
      assert_fixture_volume (fixture.pool, &images_volumes[i]);
      capacity_sum += images_volumes[i].capacity;
    }

  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, capacity_sum);
  g_assert_null (vs_pool_find_volume (fixture.pool, "no-such-volume"));

  fixture_clear (&fixture);
}

/* A pool without volumes is loaded and empty: not "still loading", not an
 * error. */
static void
test_volumes_empty (void)
{
  Fixture fixture = { 0 };

  fixture_open_node (&fixture, "empty");
  vs_test_pool_load_volumes (fixture.pool);

  g_assert_true (vs_pool_get_volumes_loaded (fixture.pool));
  g_assert_false (vs_pool_get_loading (fixture.pool));
  g_assert_null (vs_pool_get_volumes_error (fixture.pool));
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, 0);
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, 0);

  fixture_clear (&fixture);
}

/* Names and paths that are not ASCII come through intact. */
static void
test_volumes_non_ascii (void)
{
  Fixture fixture = { 0 };
  VsVolume *volume;

  fixture_open_node (&fixture, "almacén-ñandú-日本");
  g_assert_cmpstr (vs_pool_get_target_path (fixture.pool), ==, "/vs-fixture/almacén");
  vs_test_pool_load_volumes (fixture.pool);

  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, 1);
  volume = vs_pool_find_volume (fixture.pool, "vídeo-ü.qcow2");
  g_assert_nonnull (volume);
  g_assert_true (g_utf8_validate (vs_volume_get_name (volume), -1, NULL));
  g_assert_cmpstr (vs_volume_get_path (volume), ==, "/vs-fixture/almacén/vídeo-ü.qcow2");
  g_assert_cmpstr (vs_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, G_GUINT64_CONSTANT (3221225472));
  g_assert_cmpuint (vs_volume_get_allocation (volume), ==, 65536);

  fixture_clear (&fixture);
}

/* Listing again what did not change keeps every object and emits nothing:
 * no items-changed, no notify on the volumes, none on the pool's data. */
static void
test_volumes_reload_unchanged (void)
{
  Fixture fixture = { 0 };
  GListModel *volumes;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GError) error = NULL;

  fixture_open_node (&fixture, "images");
  volumes = vs_pool_get_volumes (fixture.pool);
  vs_test_pool_load_volumes (fixture.pool);

  before = vs_test_model_items (volumes);
  items = vs_test_items_log_new (volumes);
  vs_test_notify_log_watch (notes, fixture.pool);
  vs_test_notify_log_watch_model (notes, volumes);

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (vs_test_pool_reload (fixture.pool, NULL, &error));
      g_assert_no_error (error);
      vs_test_pool_wait_idle (fixture.pool);
    }

  if (vs_test_items_log_count (items) != 0 ||
      vs_test_notify_log_count (notes, NULL, transient_props) != 0)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_autofree char *n = vs_test_notify_log_to_string (notes);
      g_error ("a reload that found nothing new emitted items-changed %s, notify %s", i, n);
    }

  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      g_assert_true (volume == g_ptr_array_index (before, i));
      g_assert_true (vs_volume_get_details_loaded (volume));
    }

  fixture_clear (&fixture);
}

/* A volume made behind the core's back shows up on the next listing as one
 * insertion; one deleted goes as one removal; the others stay the same
 * objects. */
static void
test_volumes_add_remove (void)
{
  Fixture fixture = { 0 };
  Behind behind = { 0 };
  GListModel *volumes;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;
  const VsTestItemsChange *change;
  VsVolume *added;
  int removed_index;

  behind_open (&behind);
  behind_add (&behind, "vs-a.qcow2");
  behind_add (&behind, "vs-b.qcow2");
  behind_add (&behind, "vs-c.qcow2");

  fixture_open (&fixture, DEFAULT_URI, DEFAULT_POOL);
  volumes = vs_pool_get_volumes (fixture.pool);
  vs_test_pool_load_volumes (fixture.pool);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 3);
  before = vs_test_model_items (volumes);
  items = vs_test_items_log_new (volumes);

  /* Libvirt has no volume events: nothing moves until we list again. */
  behind_add (&behind, "vs-d.qcow2");
  g_assert_true (vs_test_pool_reload (fixture.pool, NULL, &error));
  g_assert_no_error (error);
  vs_test_pool_wait_idle (fixture.pool);

  if (vs_test_items_log_count (items) != 1)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_error ("expected one items-changed for one new volume, got %s", i);
    }
  change = vs_test_items_log_get (items, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 4);

  added = vs_pool_find_volume (fixture.pool, "vs-d.qcow2");
  g_assert_nonnull (added);
  g_assert_cmpint (vs_test_model_index (volumes, added), ==, change->position);
  g_assert_cmpstr (vs_volume_get_format (added), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (added), ==, 1048576);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpint (vs_test_model_index (volumes, g_ptr_array_index (before, i)), >=, 0);
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, 4 * 1048576);

  /* Now one goes away. */
  g_ptr_array_add (before, g_object_ref (added));
  removed_index = vs_test_model_index (volumes, vs_pool_find_volume (fixture.pool, "vs-b.qcow2"));
  g_assert_cmpint (removed_index, >=, 0);
  vs_test_items_log_clear (items);
  behind_remove (&behind, 1);

  g_assert_true (vs_test_pool_reload (fixture.pool, NULL, &error));
  g_assert_no_error (error);
  vs_test_pool_wait_idle (fixture.pool);

  if (vs_test_items_log_count (items) != 1)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_error ("expected one items-changed for one deleted volume, got %s", i);
    }
  change = vs_test_items_log_get (items, 0);
  g_assert_cmpuint (change->position, ==, removed_index);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 3);
  g_assert_null (vs_pool_find_volume (fixture.pool, "vs-b.qcow2"));
  for (guint i = 0; i < before->len; i++)
    {
      VsVolume *volume = g_ptr_array_index (before, i);

      if (g_str_equal (vs_volume_get_name (volume), "vs-b.qcow2"))
        {
          g_assert_cmpint (vs_test_model_index (volumes, volume), ==, -1);
          /* A removed volume no longer points at its pool. */
          g_assert_null (vs_volume_get_pool (volume));
        }
      else
        g_assert_cmpint (vs_test_model_index (volumes, volume), >=, 0);
    }
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, 3 * 1048576);

  fixture_clear (&fixture);
  behind_close (&behind);
}

static void
assert_volume_reload_cancelled (VsPool   *pool,
                                gboolean  cancel_first)
{
  GListModel *volumes = vs_pool_get_volumes (pool);
  g_autoptr(GPtrArray) before = vs_test_model_items (volumes);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (volumes);
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vs_test_notify_log_watch (notes, pool);
  vs_test_notify_log_watch_model (notes, volumes);

  if (cancel_first)
    g_cancellable_cancel (cancellable);
  vs_pool_reload_volumes_async (pool, cancellable, vs_test_async_cb, &result);
  g_cancellable_cancel (cancellable);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_pool_reload_volumes_finish (pool, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  vs_test_pool_wait_idle (pool);

  if (vs_test_items_log_count (items) != 0 ||
      vs_test_notify_log_count (notes, NULL, transient_props) != 0)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_autofree char *n = vs_test_notify_log_to_string (notes);
      g_error ("a cancelled volume listing changed the model: items-changed %s, notify %s", i, n);
    }
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      g_assert_true (volume == g_ptr_array_index (before, i));
    }
  /* A cancellation is not a listing error to show. */
  g_assert_null (vs_pool_get_volumes_error (pool));
}

/* A cancelled volume listing leaves the model alone, although there is a
 * new volume that a finished listing would add. */
static void
test_volumes_cancel (void)
{
  Fixture fixture = { 0 };
  Behind behind = { 0 };
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;

  behind_open (&behind);
  behind_add (&behind, "vs-kept.qcow2");

  fixture_open (&fixture, DEFAULT_URI, DEFAULT_POOL);
  vs_test_pool_load_volumes (fixture.pool);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, 1);

  behind_add (&behind, "vs-new.qcow2");
  assert_volume_reload_cancelled (fixture.pool, TRUE);
  assert_volume_reload_cancelled (fixture.pool, FALSE);
  g_assert_false (vs_pool_get_busy (fixture.pool));

  /* The same listing, not cancelled, adds it. */
  items = vs_test_items_log_new (vs_pool_get_volumes (fixture.pool));
  g_assert_true (vs_test_pool_reload (fixture.pool, NULL, &error));
  g_assert_no_error (error);
  vs_test_pool_wait_idle (fixture.pool);
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 1);
  g_assert_nonnull (vs_pool_find_volume (fixture.pool, "vs-new.qcow2"));

  fixture_clear (&fixture);
  behind_close (&behind);
}

typedef struct
{
  Behind       *behind;
  GAsyncResult *result;
} LateChange;

/* The first listing reports; before the next one starts, the host changes. */
static void
first_listing_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LateChange *late = user_data;

  late->result = g_object_ref (result);
  behind_add (late->behind, "vs-late.qcow2");
}

/* A listing asked for while another runs waits for it; cancelled while it
 * waits, it must not change the model either, although the host changed
 * in between. */
static void
test_volumes_cancel_queued (void)
{
  Fixture fixture = { 0 };
  Behind behind = { 0 };
  LateChange late = { &behind, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;

  behind_open (&behind);
  fixture_open (&fixture, DEFAULT_URI, DEFAULT_POOL);
  vs_test_pool_load_volumes (fixture.pool);
  items = vs_test_items_log_new (vs_pool_get_volumes (fixture.pool));

  vs_pool_reload_volumes_async (fixture.pool, NULL, first_listing_done_cb, &late);
  vs_pool_reload_volumes_async (fixture.pool, cancellable, vs_test_async_cb, &second);
  g_cancellable_cancel (cancellable);

  vs_test_wait_async (&second, VS_TEST_TIMEOUT_MS);
  vs_test_wait_async (&late.result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_pool_reload_volumes_finish (fixture.pool, late.result, &error));
  g_assert_no_error (error);
  g_assert_false (vs_pool_reload_volumes_finish (fixture.pool, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  vs_test_pool_wait_idle (fixture.pool);

  if (vs_pool_find_volume (fixture.pool, "vs-late.qcow2") != NULL ||
      vs_test_items_log_count (items) != 0)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_error ("a cancelled listing, queued behind another, changed the model: items-changed %s", i);
    }

  g_clear_object (&late.result);
  fixture_clear (&fixture);
  behind_close (&behind);
}

/* A reconnect is a new session: the volume lists that were loaded are read
 * again, since anything may have changed while the connection was down.
 * (Each open of the node file starts from the file again, so a volume
 * deleted in the first session is back in the second.) */
static void
test_volumes_after_reopen (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  VsVolume *scratch;

  fixture_open_node (&fixture, "images");
  vs_test_pool_load_volumes (fixture.pool);

  scratch = vs_pool_find_volume (fixture.pool, "scratch.qcow2");
  g_assert_nonnull (scratch);
  vs_volume_delete_async (scratch, NULL, NULL, NULL);
  wait_n_volumes (fixture.pool, G_N_ELEMENTS (images_volumes) - 1);
  vs_test_pool_wait_idle (fixture.pool);

  vs_connection_close (fixture.connection);
  g_assert_true (vs_test_connection_reopen (fixture.connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (vs_connection_find_pool (fixture.connection, "images") == fixture.pool);

  wait_n_volumes (fixture.pool, G_N_ELEMENTS (images_volumes));
  vs_test_pool_wait_idle (fixture.pool);
  g_assert_nonnull (vs_pool_find_volume (fixture.pool, "scratch.qcow2"));
  assert_fixture_volume (fixture.pool, &images_volumes[5]);

  fixture_clear (&fixture);
}

/* Operations ------------------------------------------------------------ */

/* Stop and start change state and active (once each), empty the volume list
 * and bring it back. */
static void
test_stop_start (void)
{
  Fixture fixture = { 0 };
  GListModel *volumes;
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean active = TRUE;
  VsPoolState state;

  fixture_open_node (&fixture, "images");
  volumes = vs_pool_get_volumes (fixture.pool);
  vs_test_pool_load_volumes (fixture.pool);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, G_N_ELEMENTS (images_volumes));
  items = vs_test_items_log_new (volumes);
  vs_test_notify_log_watch (notes, fixture.pool);

  {
    g_autoptr(GAsyncResult) result = NULL;

    vs_pool_stop_async (fixture.pool, NULL, vs_test_async_cb, &result);
    /* Busy from the call on, so the GUI can disable the actions at once. */
    g_assert_true (vs_pool_get_busy (fixture.pool));
    g_assert_cmpuint (vs_test_notify_log_count (notes, "busy", NULL), ==, 1);
    vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
    g_assert_true (vs_pool_stop_finish (fixture.pool, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (vs_test_notify_log_count (notes, "busy", NULL), ==, 2);
  }

  g_object_get (fixture.pool, "state", &state, "active", &active, NULL);
  g_assert_cmpint (state, ==, VS_POOL_STATE_INACTIVE);
  g_assert_false (active);
  g_assert_false (vs_pool_get_busy (fixture.pool));
  g_assert_cmpuint (vs_test_notify_log_count (notes, "state", NULL), ==, 1);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "active", NULL), ==, 1);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "autostart", NULL), ==, 0);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "persistent", NULL), ==, 0);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "name", NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, 0);
  /* One removal for the whole list, not one per volume. */
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->removed, ==, G_N_ELEMENTS (images_volumes));

  /* Listing the volumes of a stopped pool fails plainly. */
  g_assert_false (vs_test_pool_reload (fixture.pool, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);

  vs_test_notify_log_clear (notes);
  g_assert_true (run_pool_op (fixture.pool, vs_pool_start_async, vs_pool_start_finish, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (fixture.pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_pool_get_active (fixture.pool));
  g_assert_cmpuint (vs_test_notify_log_count (notes, "state", NULL), ==, 1);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "active", NULL), ==, 1);

  /* The list was loaded before the stop, so it comes back by itself. */
  wait_n_volumes (fixture.pool, G_N_ELEMENTS (images_volumes));
  vs_test_pool_wait_idle (fixture.pool);
  for (guint i = 0; i < G_N_ELEMENTS (images_volumes); i++)
    assert_fixture_volume (fixture.pool, &images_volumes[i]);

  /* Starting a running pool is refused as a state problem. */
  g_assert_false (run_pool_op (fixture.pool, vs_pool_start_async, vs_pool_start_finish, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID_STATE);
  g_assert_cmpint (vs_pool_get_state (fixture.pool), ==, VS_POOL_STATE_RUNNING);

  fixture_clear (&fixture);
}

static void
test_autostart (void)
{
  Fixture fixture = { 0 };
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GError) error = NULL;
  gboolean autostart = FALSE;

  fixture_open_node (&fixture, "images");
  vs_test_notify_log_watch (notes, fixture.pool);
  g_assert_false (vs_pool_get_autostart (fixture.pool));

  g_assert_true (set_autostart (fixture.pool, TRUE, &error));
  g_assert_no_error (error);
  g_object_get (fixture.pool, "autostart", &autostart, NULL);
  g_assert_true (autostart);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "autostart", NULL), ==, 1);
  /* Nothing else changed. */
  g_assert_cmpuint (vs_test_notify_log_count (notes, NULL, transient_props), ==, 1);

  /* Setting what is already set changes nothing. */
  vs_test_notify_log_clear (notes);
  g_assert_true (set_autostart (fixture.pool, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vs_test_notify_log_count (notes, NULL, transient_props), ==, 0);

  g_assert_true (set_autostart (fixture.pool, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (vs_pool_get_autostart (fixture.pool));
  g_assert_cmpuint (vs_test_notify_log_count (notes, "autostart", NULL), ==, 1);

  fixture_clear (&fixture);
}

/* Refresh asks libvirt to look again and re-lists: a volume made behind the
 * core's back appears, and the pool's allocation follows. */
static void
test_refresh (void)
{
  Fixture fixture = { 0 };
  Behind behind = { 0 };
  g_autoptr(GError) error = NULL;
  guint64 allocation;

  behind_open (&behind);
  fixture_open (&fixture, DEFAULT_URI, DEFAULT_POOL);
  vs_test_pool_load_volumes (fixture.pool);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, 0);
  allocation = vs_pool_get_allocation (fixture.pool);

  behind_add (&behind, "vs-refreshed.qcow2");

  g_assert_true (run_pool_op (fixture.pool, vs_pool_refresh_async, vs_pool_refresh_finish, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vs_pool_get_allocation (fixture.pool), ==, allocation + 65536);

  wait_n_volumes (fixture.pool, 1);
  vs_test_pool_wait_idle (fixture.pool);
  g_assert_nonnull (vs_pool_find_volume (fixture.pool, "vs-refreshed.qcow2"));
  g_assert_cmpuint (vs_volume_get_capacity (vs_pool_find_volume (fixture.pool, "vs-refreshed.qcow2")),
                    ==, 1048576);

  fixture_clear (&fixture);
  behind_close (&behind);
}

/* Deleting the storage of a running pool is refused as a state problem;
 * once stopped it works, and undefining drops the pool from the list. */
static void
test_delete_undefine (void)
{
  Fixture fixture = { 0 };
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *spare;
  int index;

  fixture_open_node (&fixture, "images");

  g_assert_false (run_pool_op (fixture.pool, vs_pool_delete_async, vs_pool_delete_finish, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID_STATE);
  g_assert_nonnull (error->message);
  g_assert_cmpint (vs_pool_get_state (fixture.pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_false (vs_pool_get_busy (fixture.pool));
  g_clear_error (&error);

  spare = vs_connection_find_pool (fixture.connection, "spare");
  g_assert_nonnull (spare);
  g_object_ref (spare);
  g_assert_true (run_pool_op (spare, vs_pool_stop_async, vs_pool_stop_finish, &error));
  g_assert_no_error (error);
  g_assert_true (run_pool_op (spare, vs_pool_delete_async, vs_pool_delete_finish, &error));
  g_assert_no_error (error);

  index = vs_test_model_index (vs_connection_get_pools (fixture.connection), spare);
  g_assert_cmpint (index, >=, 0);
  items = vs_test_items_log_new (vs_connection_get_pools (fixture.connection));
  g_assert_true (run_pool_op (spare, vs_pool_undefine_async, vs_pool_undefine_finish, &error));
  g_assert_no_error (error);

  /* The pool leaves the list, by the lifecycle event or the operation. */
  {
    CountWait wait = { vs_connection_get_pools (fixture.connection), 3 };
    vs_test_assert_wait_for (model_has_n_items, &wait, VS_TEST_TIMEOUT_MS,
                             "the undefined pool to leave the list");
  }
  g_assert_null (vs_connection_find_pool (fixture.connection, "spare"));
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->position, ==, index);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->removed, ==, 1);
  g_object_unref (spare);

  fixture_clear (&fixture);
}

/* The definition comes back as XML that names the pool. */
static void
test_get_xml (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *pool_type = NULL;
  g_autofree char *target_path = NULL;

  fixture_open_node (&fixture, "almacén-ñandú-日本");

  vs_pool_get_xml_async (fixture.pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  xml = vs_pool_get_xml_finish (fixture.pool, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xml);

  g_assert_nonnull (strstr (xml, "<name>almacén-ñandú-日本</name>"));
  g_assert_nonnull (strstr (xml, "<uuid>2d7b0c3e-5a1f-4f61-8a0e-1b0c2d3e4f03</uuid>"));
  g_assert_true (vs_xml_parse_pool (xml, &pool_type, &target_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pool_type, ==, "dir");
  g_assert_cmpstr (target_path, ==, "/vs-fixture/almacén");
  g_assert_false (vs_pool_get_busy (fixture.pool));

  fixture_clear (&fixture);
}

/* The last reference to the connection goes while one of its pools lists
 * its volumes: the listing still answers, once (done, or cancelled when the
 * connection went first), nothing keeps running, and the pool and the
 * connection are finalized on the main thread. Repeated, because whether
 * the listing or the unref comes first is a race. */
static void
test_unref_while_loading (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");

  for (guint round = 0; round < 20; round++)
    {
      VsConnection *connection = vs_test_connection_open (uri, FALSE);
      VsPool *pool = vs_connection_find_pool (connection, "images");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      VsTestFinalized connection_gone, pool_gone;

      vs_test_watch_finalize (&connection_gone, connection);
      vs_test_watch_finalize (&pool_gone, pool);

      vs_pool_reload_volumes_async (pool, NULL, vs_test_async_cb, &result);
      g_object_unref (connection);
      vs_test_wait_finalized (&connection_gone, "the connection");

      /* The pending listing holds the pool, not the connection. */
      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      g_assert_false (pool_gone.finalized);
      if (!vs_pool_reload_volumes_finish (pool, result, &error))
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* The connection dropped the pool: no details are fetched any more. */
      g_assert_false (vs_pool_get_loading (pool));
      g_assert_false (vs_pool_get_reachable (pool));

      g_clear_object (&result);
      vs_test_wait_finalized (&pool_gone, "the pool");
    }
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/pool/volumes/list", test_volumes_list);
  vs_test_add ("/pool/volumes/empty", test_volumes_empty);
  vs_test_add ("/pool/volumes/non-ascii", test_volumes_non_ascii);
  vs_test_add ("/pool/volumes/reload-unchanged", test_volumes_reload_unchanged);
  vs_test_add ("/pool/volumes/add-remove", test_volumes_add_remove);
  vs_test_add ("/pool/volumes/cancel", test_volumes_cancel);
  vs_test_add ("/pool/volumes/cancel-queued", test_volumes_cancel_queued);
  vs_test_add ("/pool/volumes/unref-while-loading", test_unref_while_loading);
  vs_test_add ("/pool/volumes/after-reopen", test_volumes_after_reopen);
  vs_test_add ("/pool/ops/stop-start", test_stop_start);
  vs_test_add ("/pool/ops/autostart", test_autostart);
  vs_test_add ("/pool/ops/refresh", test_refresh);
  vs_test_add ("/pool/ops/delete-undefine", test_delete_undefine);
  vs_test_add ("/pool/ops/get-xml", test_get_xml);

  return g_test_run ();
}
