/* test-events.c: the model follows storage pool events, without reloads
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-events"

#include "config.h"

#include <unistd.h>

#include <libvirt/virterror.h>

#include "vs-test-utils.h"

/* Connections to test:///default within one process share one host, and
 * the test driver raises storage pool events for changes made through any
 * of them: the test changes it through a connection of its own and watches
 * the core's model follow. */
#define DEFAULT_URI "test:///default"

static char *
pool_xml (const char *name)
{
  return g_strdup_printf ("<pool type='dir'><name>%s</name>"
                          "<target><path>/%s</path></target></pool>", name, name);
}

/* define, start, stop, undefine: each step reaches the model by itself,
 * on the same VsPool object. */
static void
test_lifecycle_persistent (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  g_autofree char *name = g_strdup_printf ("vs-events-%d", (int) getpid ());
  g_autofree char *xml = pool_xml (name);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (vs_connection_get_pools (connection));
  g_autoptr(VsPool) pool = NULL;
  virStoragePoolPtr ptr;
  guint n_before = g_list_model_get_n_items (vs_connection_get_pools (connection));

  ptr = virStoragePoolDefineXML (conn, xml, 0);
  g_assert_nonnull (ptr);

  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_INACTIVE);
  pool = g_object_ref (vs_connection_find_pool (connection, name));
  g_assert_true (vs_pool_get_persistent (pool));
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->added, ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 0)->removed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, n_before + 1);

  g_assert_cmpint (virStoragePoolCreate (ptr, 0), ==, 0);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_connection_find_pool (connection, name) == pool);
  g_assert_true (vs_pool_get_active (pool));

  g_assert_cmpint (virStoragePoolSetAutostart (ptr, 1), ==, 0);
  g_assert_cmpint (virStoragePoolDestroy (ptr), ==, 0);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_INACTIVE);
  g_assert_true (vs_connection_find_pool (connection, name) == pool);
  /* The listing an event causes reads everything, autostart included. */
  g_assert_true (vs_pool_get_autostart (pool));

  g_assert_cmpint (virStoragePoolUndefine (ptr), ==, 0);
  vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, n_before);
  /* Added once, removed once: no rebuilds in between. */
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 2);
  g_assert_cmpuint (vs_test_items_log_get (items, 1)->removed, ==, 1);
  g_assert_cmpuint (vs_test_items_log_get (items, 1)->added, ==, 0);

  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* A transient pool appears running when created and leaves when stopped. */
static void
test_lifecycle_transient (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  g_autofree char *name = g_strdup_printf ("vs-transient-%d", (int) getpid ());
  g_autofree char *xml = pool_xml (name);
  virStoragePoolPtr ptr;
  VsPool *pool;

  ptr = virStoragePoolCreateXML (conn, xml, 0);
  g_assert_nonnull (ptr);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);
  g_assert_false (vs_pool_get_persistent (pool));

  g_assert_cmpint (virStoragePoolDestroy (ptr), ==, 0);
  vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);

  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* Someone else refreshes the pool: the REFRESH event re-lists its volumes
 * once they have been loaded. */
static void
test_refresh_event (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  virStoragePoolPtr ptr = virStoragePoolLookupByName (conn, "default-pool");
  const char *vol_xml =
    "<volume><name>vs-event.qcow2</name><capacity unit='bytes'>1048576</capacity>"
    "<target><format type='qcow2'/></target></volume>";
  VsTestVolumeWait wait = { NULL, "vs-event.qcow2", TRUE };
  virStorageVolPtr vol;
  VsPool *pool = vs_connection_find_pool (connection, "default-pool");

  g_assert_nonnull (ptr);
  g_assert_nonnull (pool);
  vs_test_pool_load_volumes (pool);
  g_assert_null (vs_pool_find_volume (pool, "vs-event.qcow2"));

  vol = virStorageVolCreateXML (ptr, vol_xml, 0);
  g_assert_nonnull (vol);
  g_assert_cmpint (virStoragePoolRefresh (ptr, 0), ==, 0);

  wait.pool = pool;
  vs_test_assert_wait_for (vs_test_volume_is, &wait, VS_TEST_TIMEOUT_MS,
                           "the new volume to appear after a REFRESH event");
  g_assert_cmpstr (vs_volume_get_format (vs_pool_find_volume (pool, "vs-event.qcow2")), ==, "qcow2");

  g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
  virStorageVolFree (vol);
  g_assert_cmpint (virStoragePoolRefresh (ptr, 0), ==, 0);
  wait.present = FALSE;
  vs_test_assert_wait_for (vs_test_volume_is, &wait, VS_TEST_TIMEOUT_MS,
                           "the deleted volume to leave after a REFRESH event");

  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* A closed connection follows no events: its list stays as it was. */
static void
test_no_events_when_closed (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  g_autofree char *name = g_strdup_printf ("vs-closed-%d", (int) getpid ());
  g_autofree char *xml = pool_xml (name);
  g_autoptr(VsTestItemsLog) items = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr ptr;

  vs_connection_close (connection);
  items = vs_test_items_log_new (vs_connection_get_pools (connection));

  ptr = virStoragePoolDefineXML (conn, xml, 0);
  g_assert_nonnull (ptr);
  /* Events are dispatched from the main loop: give them every chance. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (vs_connection_find_pool (connection, name));
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 0);

  /* Reopening lists it. */
  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (vs_connection_find_pool (connection, name));

  g_assert_cmpint (virStoragePoolUndefine (ptr), ==, 0);
  vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);

  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* A change that happens while the connection opens, after the open's own
 * listing, reaches the model: the events that report it arrive before the
 * open is applied, and are remembered until it is.
 *
 * The test driver flushes its queued events from one timer source. The
 * pool is defined before the open starts, so that source is armed (and
 * ahead of the open's completion in the main loop) and the undefine
 * queues behind it: both events are dispatched while the connection is
 * still connecting. The wait before the undefine lets the worker list the
 * pools first; the longer ones make sure of it even on a loaded machine. */
static void
test_events_while_connecting (void)
{
  const guint waits_ms[] = { 1, 5, 20, 100 };
  g_autoptr(VsConnection) connection = vs_connection_new (DEFAULT_URI);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);

  for (guint round = 0; round < G_N_ELEMENTS (waits_ms); round++)
    {
      g_autofree char *name = g_strdup_printf ("vs-connecting-%d-%u", (int) getpid (), round);
      g_autofree char *xml = pool_xml (name);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      virStoragePoolPtr ptr;

      ptr = virStoragePoolDefineXML (conn, xml, 0);
      g_assert_nonnull (ptr);

      vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
      g_usleep (waits_ms[round] * 1000);
      g_assert_cmpint (virStoragePoolUndefine (ptr), ==, 0);
      virStoragePoolFree (ptr);

      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      g_assert_true (vs_connection_open_finish (connection, result, &error));
      g_assert_no_error (error);

      vs_test_wait_pool (connection, name, FALSE, VS_POOL_STATE_UNKNOWN);
    }

  virConnectClose (conn);
}

/* Two connections to the same host follow the same changes independently. */
static void
test_two_connections (void)
{
  g_autoptr(VsConnection) first = vs_test_connection_open (DEFAULT_URI, FALSE);
  g_autoptr(VsConnection) second = vs_test_connection_open (DEFAULT_URI, TRUE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  g_autofree char *name = g_strdup_printf ("vs-two-%d", (int) getpid ());
  g_autofree char *xml = pool_xml (name);
  virStoragePoolPtr ptr;

  ptr = virStoragePoolCreateXML (conn, xml, 0);
  g_assert_nonnull (ptr);
  vs_test_wait_pool (first, name, TRUE, VS_POOL_STATE_RUNNING);
  vs_test_wait_pool (second, name, TRUE, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_connection_find_pool (first, name) != vs_connection_find_pool (second, name));

  g_assert_cmpint (virStoragePoolDestroy (ptr), ==, 0);
  vs_test_wait_pool (first, name, FALSE, VS_POOL_STATE_UNKNOWN);
  vs_test_wait_pool (second, name, FALSE, VS_POOL_STATE_UNKNOWN);

  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* What the tests here and in test-pool rely on: connections to
 * test:///default within one process share one host, while each open of a
 * node file gets a host of its own. */
static void
test_driver_sharing (void)
{
  g_autofree char *node_uri = vs_test_fixture_uri ("node.xml");
  g_autofree char *name = g_strdup_printf ("vs-shared-%d", (int) getpid ());
  g_autofree char *xml = pool_xml (name);
  virConnectPtr first = vs_test_virt_open (DEFAULT_URI);
  virConnectPtr second = vs_test_virt_open (DEFAULT_URI);
  virConnectPtr node_first = vs_test_virt_open (node_uri);
  virConnectPtr node_second = vs_test_virt_open (node_uri);
  virStoragePoolPtr ptr, found;

  ptr = virStoragePoolDefineXML (first, xml, 0);
  g_assert_nonnull (ptr);
  found = virStoragePoolLookupByName (second, name);
  g_assert_nonnull (found);
  virStoragePoolFree (found);
  g_assert_cmpint (virStoragePoolUndefine (ptr), ==, 0);
  virStoragePoolFree (ptr);

  ptr = virStoragePoolDefineXML (node_first, xml, 0);
  g_assert_nonnull (ptr);
  found = virStoragePoolLookupByName (node_second, name);
  g_assert_null (found);
  virResetLastError ();
  virStoragePoolFree (ptr);

  virConnectClose (node_second);
  virConnectClose (node_first);
  virConnectClose (second);
  virConnectClose (first);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/events/test-driver-sharing", test_driver_sharing);
  vs_test_add ("/events/lifecycle/persistent", test_lifecycle_persistent);
  vs_test_add ("/events/lifecycle/transient", test_lifecycle_transient);
  vs_test_add ("/events/refresh", test_refresh_event);
  vs_test_add ("/events/closed", test_no_events_when_closed);
  vs_test_add ("/events/two-connections", test_two_connections);
  vs_test_add ("/events/while-connecting", test_events_while_connecting);

  return g_test_run ();
}
