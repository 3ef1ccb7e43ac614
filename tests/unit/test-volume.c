/* test-volume.c: VsVolume operations against libvirt's test driver
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-volume"

#include "config.h"

#include <string.h>

#include "vs-test-utils.h"

typedef struct
{
  VsConnection *connection;
  VsPool       *pool;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");

  fixture->connection = vs_test_connection_open (uri, FALSE);
  fixture->pool = vs_connection_find_pool (fixture->connection, "images");
  g_assert_nonnull (fixture->pool);
  vs_test_pool_load_volumes (fixture->pool);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->connection);
  fixture->pool = NULL;
}

static VsVolume *
find_volume (Fixture    *fixture,
             const char *name)
{
  VsVolume *volume = vs_pool_find_volume (fixture->pool, name);

  if (volume == NULL)
    g_error ("volume %s is not listed", name);

  return volume;
}

typedef struct
{
  VsPool     *pool;
  const char *name;
} GoneWait;

static gboolean
volume_gone (gpointer data)
{
  GoneWait *wait = data;

  return vs_pool_find_volume (wait->pool, wait->name) == NULL;
}

static gboolean
delete_volume (VsVolume  *volume,
               GError   **error)
{
  return vs_test_volume_run (volume, vs_volume_delete_async, vs_volume_delete_finish, error);
}

static gboolean
resize_volume (VsVolume  *volume,
               guint64    capacity,
               gboolean   allow_shrink,
               GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_volume_resize_async (volume, capacity, allow_shrink, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_volume_resize_finish (volume, result, error);
}

/* Deleting a volume nobody uses takes it out of the list, as one removal;
 * the others stay the same objects. */
static void
test_delete (void)
{
  Fixture fixture = { 0 };
  GListModel *volumes;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) scratch = NULL;
  GoneWait wait;
  int index;

  fixture_open (&fixture);
  volumes = vs_pool_get_volumes (fixture.pool);
  before = vs_test_model_items (volumes);
  items = vs_test_items_log_new (volumes);

  scratch = g_object_ref (find_volume (&fixture, "scratch.qcow2"));
  index = vs_test_model_index (volumes, scratch);

  vs_volume_delete_async (scratch, NULL, NULL, NULL);
  /* Busy at once, so the GUI disables the row's actions. */
  g_assert_true (vs_volume_get_busy (scratch));

  wait = (GoneWait) { fixture.pool, "scratch.qcow2" };
  vs_test_assert_wait_for (volume_gone, &wait, VS_TEST_TIMEOUT_MS,
                           "the deleted volume to leave the list");
  vs_test_pool_wait_idle (fixture.pool);

  g_assert_cmpuint (vs_test_items_log_count (items), ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->position, ==, index);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->removed, ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->added, ==, 0);
  for (guint i = 0; i < before->len; i++)
    if (g_ptr_array_index (before, i) != scratch)
      g_assert_cmpint (vs_test_model_index (volumes, g_ptr_array_index (before, i)), >=, 0);

  /* Deleting it again: it is gone, and the error says so. */
  g_assert_false (delete_volume (scratch, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND);

  fixture_clear (&fixture);
}

/* A volume a domain uses (directly, or as the backing file of another
 * disk) is not deleted nor wiped: IN_USE, naming the domain. */
static void
test_delete_in_use (void)
{
  Fixture fixture = { 0 };
  const char *names[] = { "disk-a.qcow2", "base.raw" };

  fixture_open (&fixture);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    vs_test_assert_in_use (find_volume (&fixture, names[i]), "vm-one");

  fixture_clear (&fixture);
}

/* Sizes that make no sense, or would destroy data, are refused before
 * anything reaches libvirt. */
static void
test_resize_refused (void)
{
  Fixture fixture = { 0 };
  VsVolume *volume;
  g_autoptr(GError) error = NULL;
  guint64 capacity;

  fixture_open (&fixture);
  volume = find_volume (&fixture, "data.raw");
  capacity = vs_volume_get_capacity (volume);

  g_assert_false (resize_volume (volume, 0, TRUE, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (resize_volume (volume, capacity - 1, FALSE, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, capacity);
  g_assert_false (vs_volume_get_busy (volume));

  fixture_clear (&fixture);
}

/* What the driver cannot do comes back as an error with libvirt's words,
 * and the volume is usable afterwards. */
static void
test_unsupported (void)
{
  Fixture fixture = { 0 };
  VsVolume *volume;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  volume = find_volume (&fixture, "data.raw");

  vs_volume_wipe_async (volume, NULL, vs_test_async_cb, &result);
  g_assert_true (vs_volume_get_busy (volume));
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_volume_wipe_finish (volume, result, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not supported"));
  g_assert_false (vs_volume_get_busy (volume));
  g_clear_error (&error);

  g_assert_false (resize_volume (volume, vs_volume_get_capacity (volume) * 2, FALSE, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED);
  g_assert_false (vs_volume_get_busy (volume));

  fixture_clear (&fixture);
}

/* A volume of a closed connection does nothing. */
static void
test_not_connected (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  VsVolume *volume;

  fixture_open (&fixture);
  volume = find_volume (&fixture, "data.raw");
  vs_connection_close (fixture.connection);

  g_assert_false (delete_volume (volume, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_assert_false (vs_volume_get_busy (volume));

  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/volume/delete", test_delete);
  vs_test_add ("/volume/delete-in-use", test_delete_in_use);
  vs_test_add ("/volume/resize-refused", test_resize_refused);
  vs_test_add ("/volume/unsupported", test_unsupported);
  vs_test_add ("/volume/not-connected", test_not_connected);

  return g_test_run ();
}
