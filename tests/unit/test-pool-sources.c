/* test-pool-sources.c: what a host offers for new pools
 * (src/core/vs-pool-sources.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-sources"

#include "config.h"

#include <libvirt/virterror.h>

#include "vs-test-pool-utils.h"

static GPtrArray *
find (VsConnection  *connection,
      VsPoolType     type,
      const char    *host,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_connection_find_pool_sources_async (connection, type, host, 0, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_connection_find_pool_sources_finish (connection, result, error);
}

/* The test driver's NFS server exports one share; picking it fills a
 * netfs definition that validates. */
static void
test_netfs (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_NETFS);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  VsPoolSource *source;

  sources = find (connection, VS_POOL_TYPE_NETFS, "nfs.example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);

  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->hosts[0], ==, "nfs.example.com");
  g_assert_null (source->hosts[1]);
  g_assert_cmpstr (source->dir, ==, "/testshare");
  g_assert_cmpstr (source->format, ==, "nfs");
  g_assert_null (source->devices);

  def->name = g_strdup ("share");
  def->target_path = g_strdup ("/mnt/share");
  vs_pool_source_fill_definition (source, def);
  g_assert_cmpstr (def->hosts[0], ==, "nfs.example.com");
  g_assert_cmpstr (def->source_dir, ==, "/testshare");
  g_assert_cmpstr (def->source_format, ==, "nfs");
  g_assert_true (vs_pool_definition_validate (def, &error));
  g_assert_no_error (error);
}

/* Its two volume groups, with their physical volumes. */
static void
test_logical (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  VsPoolSource *source;

  sources = find (connection, VS_POOL_TYPE_LOGICAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);

  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->name, ==, "testvg1");
  g_assert_cmpstr (source->devices[0], ==, "/dev/sda20");
  g_assert_cmpstr (source->format, ==, "lvm2");
  g_assert_null (source->hosts);
  source = g_ptr_array_index (sources, 1);
  g_assert_cmpstr (source->name, ==, "testvg2");

  def->name = g_strdup ("vg");
  vs_pool_source_fill_definition (source, def);
  g_assert_cmpstr (def->source_name, ==, "testvg2");
  g_assert_cmpstr (def->devices[0], ==, "/dev/sda21");
  g_assert_true (vs_pool_definition_validate (def, &error));
  g_assert_no_error (error);
}

/* What an iSCSI portal answers (libvirt 9 with open-iscsi): targets as
 * devices; picking one fills the target IQN, not a block device. An empty
 * answer is an empty list. */
static void
test_parse_iscsi_and_empty (void)
{
  const char *xml =
    "<sources>\n"
    "  <source>\n"
    "    <host name='192.0.2.10' port='3260'/>\n"
    "    <device path='iqn.2004-04.com.example:storage.disk1'/>\n"
    "    <initiator><iqn name='iqn.2024-01.org.example:client'/></initiator>\n"
    "  </source>\n"
    "  <source>\n"
    "    <host name='192.0.2.10' port='3260'/>\n"
    "    <device path='iqn.2004-04.com.example:storage.disk2'/>\n"
    "  </source>\n"
    "</sources>\n";
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPoolSource) copy = NULL;
  g_autoptr(GError) error = NULL;
  VsPoolSource *source;

  sources = vs_pool_sources_parse (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpuint (source->port, ==, 3260);
  g_assert_cmpstr (source->initiator_iqn, ==, "iqn.2024-01.org.example:client");

  copy = vs_pool_source_copy (g_ptr_array_index (sources, 1));
  def->name = g_strdup ("lun");
  def->target_path = g_strdup ("/dev/disk/by-path");
  vs_pool_source_fill_definition (copy, def);
  g_assert_cmpstr (def->target_iqn, ==, "iqn.2004-04.com.example:storage.disk2");
  g_assert_null (def->devices);
  g_assert_cmpstr (def->hosts[0], ==, "192.0.2.10");
  g_assert_cmpuint (def->port, ==, 3260);
  g_assert_true (vs_pool_definition_validate (def, &error));
  g_assert_no_error (error);

  none = vs_pool_sources_parse ("<sources>\n</sources>\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_null (vs_pool_sources_parse ("<pool/>", &error));
  g_assert_error (error, VS_XML_ERROR, VS_XML_ERROR_INVALID);
}

/* Asked wrongly, a scan fails at once and says why; what libvirt refuses
 * comes back with libvirt's word. */
static void
test_refused (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsConnection) closed = vs_connection_new ("test:///default");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = find (connection, VS_POOL_TYPE_NETFS, "", &error);
  g_assert_null (sources);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  sources = find (connection, VS_POOL_TYPE_NETFS, "bad host", &error);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  sources = find (connection, VS_POOL_TYPE_DIR, NULL, &error);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  /* The test driver does not scan iSCSI portals. */
  sources = find (connection, VS_POOL_TYPE_ISCSI, "192.0.2.10", &error);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpint (vs_error_get_libvirt_code (error), ==, VIR_ERR_NO_SUPPORT);
  g_assert_nonnull (vs_error_get_libvirt_message (error));
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not look for storage on 192.0.2.10");
  g_clear_error (&error);

  sources = find (closed, VS_POOL_TYPE_LOGICAL, NULL, &error);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/pool-sources/netfs", test_netfs);
  vs_test_add ("/pool-sources/logical", test_logical);
  vs_test_add ("/pool-sources/parse-iscsi-and-empty", test_parse_iscsi_and_empty);
  vs_test_add ("/pool-sources/refused", test_refused);

  return g_test_run ();
}
