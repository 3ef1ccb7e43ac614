/* test-live.c: the core against a real libvirtd, changed by other processes
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-live"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt/virterror.h>

#include "vs-test-utils.h"

#define GiB G_GUINT64_CONSTANT (1073741824)

/* A pool that `virsh` defines and starts in another process shows up
 * through events alone, running, with what virsh says about it; stopping
 * and undefining it there takes it away again. No reload is called. */
static void
test_events_from_virsh (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("events");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "events", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  g_assert_null (vs_connection_find_pool (connection, name));

  vs_test_it_define_dir_pool (name, dir, TRUE);

  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);
  g_assert_true (vs_pool_get_active (pool));
  g_assert_true (vs_pool_get_persistent (pool));
  g_assert_cmpstr (vs_pool_get_pool_type (pool), ==, "dir");
  g_assert_cmpstr (vs_pool_get_target_path (pool), ==, dir);
  g_assert_cmpuint (vs_pool_get_capacity (pool), >, 0);

  if (!vs_test_virsh (vs_test_it_uri (), &uuid, &error, "pool-uuid", name, NULL))
    g_error ("%s", error->message);
  g_assert_cmpstr (vs_pool_get_uuid (pool), ==, g_strstrip (uuid));

  vs_test_it_virsh_or_die ("pool-destroy", name);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_INACTIVE);
  g_assert_true (vs_connection_find_pool (connection, name) == pool);

  vs_test_it_virsh_or_die ("pool-undefine", name);
  vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);
}

/* Images made by qemu-img in another process, announced by `virsh
 * pool-refresh` there, show up through the REFRESH event with their real
 * format and size, once the volumes have been loaded. */
static void
test_refresh_from_virsh (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("refresh");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "refresh", NULL);
  g_autofree char *qcow2_path = g_build_filename (dir, "x.qcow2", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "y.raw", NULL);
  VsTestVolumeWait wait = { NULL, "x.qcow2", TRUE };
  VsVolume *volume;
  VsPool *pool;

  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);

  vs_test_pool_load_volumes (pool);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (pool)), ==, 0);

  vs_test_qemu_img_create ("qcow2", qcow2_path, "1G", NULL);
  vs_test_qemu_img_create ("raw", raw_path, "10M", NULL);
  vs_test_it_virsh_or_die ("pool-refresh", name);

  wait.pool = pool;
  vs_test_assert_wait_for (vs_test_volume_is, &wait, VS_TEST_TIMEOUT_MS,
                           "x.qcow2 to appear after `virsh pool-refresh`");
  wait.name = "y.raw";
  vs_test_assert_wait_for (vs_test_volume_is, &wait, VS_TEST_TIMEOUT_MS,
                           "y.raw to appear after `virsh pool-refresh`");

  volume = vs_pool_find_volume (pool, "x.qcow2");
  g_assert_cmpstr (vs_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, GiB);
  /* A fresh qcow2 holds only its metadata. */
  g_assert_cmpuint (vs_volume_get_allocation (volume), <, GiB / 16);
  g_assert_cmpstr (vs_volume_get_path (volume), ==, qcow2_path);
  g_assert_cmpint (vs_volume_get_volume_type (volume), ==, VS_VOLUME_TYPE_FILE);

  volume = vs_pool_find_volume (pool, "y.raw");
  g_assert_cmpstr (vs_volume_get_format (volume), ==, "raw");
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, 10 * 1024 * 1024);

  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (pool)), ==, 2);
  g_assert_null (vs_pool_get_volumes_error (pool));

  /* Gone from the disk, gone from the list after the next refresh. */
  g_assert_cmpint (g_unlink (raw_path), ==, 0);
  vs_test_it_virsh_or_die ("pool-refresh", name);
  wait.present = FALSE;
  vs_test_assert_wait_for (vs_test_volume_is, &wait, VS_TEST_TIMEOUT_MS,
                           "y.raw to leave after it was deleted and the pool refreshed");
  g_assert_nonnull (vs_pool_find_volume (pool, "x.qcow2"));
}

typedef gboolean (*PoolFinishFunc) (VsPool *, GAsyncResult *, GError **);
typedef void     (*PoolAsyncFunc)  (VsPool *, GCancellable *, GAsyncReadyCallback, gpointer);

static void
run_pool_op (VsPool         *pool,
             PoolAsyncFunc   async_func,
             PoolFinishFunc  finish_func)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  async_func (pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  if (!finish_func (pool, result, &error))
    g_error ("operation on %s failed: %s", vs_pool_get_name (pool), error->message);
}

static void
assert_virsh_field (const char *name,
                    const char *field,
                    const char *expected)
{
  g_autofree char *value = vs_test_it_pool_info_field (name, field);

  g_assert_cmpstr (value, ==, expected);
}

/* Start, stop and autostart through the core change what `virsh pool-info`
 * prints in another process. */
static void
test_start_stop_seen_by_virsh (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("startstop");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "startstop", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  vs_test_it_define_dir_pool (name, dir, FALSE);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_INACTIVE);
  pool = vs_connection_find_pool (connection, name);
  assert_virsh_field (name, "State", "inactive");

  run_pool_op (pool, vs_pool_start_async, vs_pool_start_finish);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  assert_virsh_field (name, "State", "running");

  vs_pool_set_autostart_async (pool, TRUE, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_pool_set_autostart_finish (pool, result, &error));
  g_assert_no_error (error);
  g_assert_true (vs_pool_get_autostart (pool));
  assert_virsh_field (name, "Autostart", "yes");

  run_pool_op (pool, vs_pool_stop_async, vs_pool_stop_finish);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_INACTIVE);
  assert_virsh_field (name, "State", "inactive");

  run_pool_op (pool, vs_pool_undefine_async, vs_pool_undefine_finish);
  vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);
  g_assert_false (vs_test_virsh (vs_test_it_uri (), NULL, NULL, "pool-info", name, NULL));
}

typedef struct
{
  VsVolume *volume;
  guint64   capacity;
} CapacityWait;

static gboolean
volume_has_capacity (gpointer data)
{
  CapacityWait *wait = data;

  return vs_volume_get_capacity (wait->volume) == wait->capacity &&
         !vs_volume_get_busy (wait->volume);
}

/* Resize, wipe and delete on real files: what qemu-img and the file system
 * then say agrees with the model. */
static void
test_volume_operations (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("volops");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "volops", NULL);
  g_autofree char *path = g_build_filename (dir, "v.raw", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VsTestVolumeWait gone = { NULL, "v.raw", FALSE };
  CapacityWait grown;
  VsVolume *volume;
  VsPool *pool;
  GStatBuf st;

  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_qemu_img_create ("raw", path, "10M", NULL);
  vs_test_it_virsh_or_die ("pool-refresh", name);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);
  vs_test_pool_load_volumes (pool);
  volume = vs_pool_find_volume (pool, "v.raw");
  g_assert_nonnull (volume);
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, 10 * 1024 * 1024);

  vs_volume_resize_async (volume, 20 * 1024 * 1024, FALSE, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_volume_resize_finish (volume, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 20 * 1024 * 1024);
  /* The model learns the new size without a refresh by the user. */
  grown = (CapacityWait) { volume, 20 * 1024 * 1024 };
  vs_test_assert_wait_for (volume_has_capacity, &grown, VS_TEST_TIMEOUT_MS,
                           "the resized volume to show its new capacity");

  vs_volume_wipe_async (volume, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_volume_wipe_finish (volume, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  vs_volume_delete_async (volume, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_volume_delete_finish (volume, result, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gone.pool = pool;
  vs_test_assert_wait_for (vs_test_volume_is, &gone, VS_TEST_TIMEOUT_MS,
                           "the deleted volume to leave the list");
}

/* libvirt's RPC lists at most 16,384 volumes in one call. */
#define RPC_VOLUME_LIMIT 16384

typedef struct
{
  VsPool *pool;
  guint   n;
} LoadedWait;

static gboolean
volumes_loaded_without_error (gpointer data)
{
  LoadedWait *wait = data;

  return vs_pool_get_volumes_error (wait->pool) == NULL &&
         g_list_model_get_n_items (vs_pool_get_volumes (wait->pool)) == wait->n &&
         !vs_pool_get_loading (wait->pool) && !vs_pool_get_busy (wait->pool);
}

/* A pool with more volumes than libvirt can list says so plainly (it never
 * looks like an empty pool), stays usable, and lists again once under the
 * limit. */
static void
test_too_many_volumes (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("many");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "many", NULL);
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  const GError *volumes_error;
  LoadedWait wait;
  VsPool *pool;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i <= RPC_VOLUME_LIMIT; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%05u.img", dir, i);
      int fd = g_open (path, O_CREAT | O_WRONLY, 0644);

      g_assert_cmpint (fd, >=, 0);
      close (fd);
    }

  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);

  g_assert_false (vs_test_pool_reload (pool, NULL, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES);
  volumes_error = vs_pool_get_volumes_error (pool);
  g_assert_nonnull (volumes_error);
  g_assert_true (g_error_matches (volumes_error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES));
  g_assert_nonnull (strstr (volumes_error->message, "16384"));
  /* What libvirt said travels as data: libvirt 9 reports the limit as an
   * internal error of its RPC layer. */
  g_assert_cmpint (vs_error_get_libvirt_domain (volumes_error), ==, VIR_FROM_RPC);
  g_assert_cmpint (vs_error_get_libvirt_code (volumes_error), ==, VIR_ERR_INTERNAL_ERROR);
  g_assert_nonnull (vs_error_get_libvirt_message (volumes_error));
  /* Loaded, with an error: the GUI shows the limit, not "no volumes". */
  g_assert_true (vs_pool_get_volumes_loaded (pool));
  g_assert_false (vs_pool_get_busy (pool));
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);

  /* One file fewer, and a refresh elsewhere: the whole list comes in. */
  last = g_strdup_printf ("%s/v%05u.img", dir, RPC_VOLUME_LIMIT);
  g_assert_cmpint (g_unlink (last), ==, 0);
  vs_test_it_virsh_or_die ("pool-refresh", name);

  wait = (LoadedWait) { pool, RPC_VOLUME_LIMIT };
  vs_test_assert_wait_for (volumes_loaded_without_error, &wait, 90000,
                           "16,384 volumes to be listed after the refresh");
  g_assert_nonnull (vs_pool_find_volume (pool, "v00000.img"));
}

static const VsTestItCase cases[] = {
  { "/live/events-from-virsh", test_events_from_virsh, 60, NULL, NULL },
  { "/live/refresh-from-virsh", test_refresh_from_virsh, 60, NULL, NULL },
  { "/live/start-stop-seen-by-virsh", test_start_stop_seen_by_virsh, 60, NULL, NULL },
  { "/live/volume-operations", test_volume_operations, 60, NULL, NULL },
  { "/live/too-many-volumes", test_too_many_volumes, 150, NULL, NULL },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
