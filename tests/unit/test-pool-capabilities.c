/* test-pool-capabilities.c: which pool types a host supports
 * (src/core/vs-pool-capabilities.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-capabilities"

#include "config.h"

#include "vs-test-pool-utils.h"

static VsPoolCapabilities *
load (VsConnection  *connection,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_connection_get_pool_capabilities_async (connection, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_connection_get_pool_capabilities_finish (connection, result, error);
}

static gboolean
has (const char * const *formats,
     const char         *format)
{
  return formats != NULL && g_strv_contains (formats, format);
}

/* What a libvirt 9 qemu:///system daemon answered (tests/fixtures), read
 * as the host's own word. */
static void
test_parse_libvirt9 (void)
{
  g_autofree char *path = vs_test_fixture_path ("pool-capabilities-libvirt9.xml");
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsPoolCapabilities) caps = NULL;

  g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
  caps = vs_pool_capabilities_new_from_xml (xml, &error);
  g_assert_no_error (error);

  g_assert_false (vs_pool_capabilities_is_builtin (caps));

  /* That host was built without these drivers. */
  g_assert_true (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_DIR));
  g_assert_true (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_LOGICAL));
  g_assert_true (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_ISCSI));
  g_assert_false (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_ISCSI_DIRECT));
  g_assert_false (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_RBD));
  g_assert_false (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_GLUSTER));
  g_assert_false (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_ZFS));

  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_FS), "ext4"));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_FS), "xfs"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_source_format (caps, VS_POOL_TYPE_FS), ==, "auto");
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_NETFS), "nfs"));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_NETFS), "cifs"));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_NETFS), "glusterfs"));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_DISK), "gpt"));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_DISK), "dos"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_source_format (caps, VS_POOL_TYPE_LOGICAL), ==, "lvm2");
  g_assert_null (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_DIR));
  g_assert_null (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_ISCSI));

  g_assert_true (has (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_DIR), "qcow2"));
  g_assert_true (has (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_DIR), "raw"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_volume_format (caps, VS_POOL_TYPE_DIR), ==, "raw");
  g_assert_true (has (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_DISK), "linux"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_volume_format (caps, VS_POOL_TYPE_DISK), ==, "none");
  g_assert_null (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_LOGICAL));
  /* rbd: a default, and an empty list of choices. */
  g_assert_null (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_RBD));
  g_assert_cmpstr (vs_pool_capabilities_get_default_volume_format (caps, VS_POOL_TYPE_RBD), ==, "raw");
}

/* A type the document does not name (an older libvirt) is unsupported;
 * types the app does not create are skipped; nonsense is an error. */
static void
test_parse_partial_and_bad (void)
{
  g_autoptr(VsPoolCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;

  caps = vs_pool_capabilities_new_from_xml ("<storagepoolCapabilities>"
                                            "<pool type='dir' supported='yes'/>"
                                            "<pool type='vstorage' supported='yes'/>"
                                            "</storagepoolCapabilities>", &error);
  g_assert_no_error (error);
  g_assert_true (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_DIR));
  g_assert_false (vs_pool_capabilities_supports (caps, VS_POOL_TYPE_FS));
  g_assert_null (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_DIR));

  g_assert_null (vs_pool_capabilities_new_from_xml ("<capabilities/>", &error));
  g_assert_error (error, VS_XML_ERROR, VS_XML_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vs_pool_capabilities_new_from_xml ("<storagepoolCapabilities>", &error));
  g_assert_error (error, VS_XML_ERROR, VS_XML_ERROR_PARSE);
}

/* The test driver has no virConnectGetStoragePoolCapabilities: the
 * built-in list stands in, with every type and libvirt 9's formats. It is
 * read once per session. */
static void
test_builtin_on_test_driver (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsPoolCapabilities) caps = NULL;
  g_autoptr(VsPoolCapabilities) again = NULL;
  g_autoptr(VsPoolCapabilities) next_session = NULL;
  g_autoptr(GError) error = NULL;

  caps = load (connection, &error);
  g_assert_no_error (error);
  g_assert_true (vs_pool_capabilities_is_builtin (caps));
  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    g_assert_true (vs_pool_capabilities_supports (caps, i));
  g_assert_true (has (vs_pool_capabilities_get_source_formats (caps, VS_POOL_TYPE_FS), "ext4"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_source_format (caps, VS_POOL_TYPE_NETFS), ==, "auto");
  g_assert_true (has (vs_pool_capabilities_get_volume_formats (caps, VS_POOL_TYPE_DIR), "qcow2"));
  g_assert_cmpstr (vs_pool_capabilities_get_default_volume_format (caps, VS_POOL_TYPE_LOGICAL), ==, "raw");

  again = load (connection, &error);
  g_assert_no_error (error);
  g_assert_true (again == caps);

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  next_session = load (connection, &error);
  g_assert_no_error (error);
  g_assert_true (next_session != caps);
}

static void
test_not_connected (void)
{
  g_autoptr(VsConnection) connection = vs_connection_new ("test:///default");
  g_autoptr(VsPoolCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;

  caps = load (connection, &error);
  g_assert_null (caps);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/pool-capabilities/parse-libvirt9", test_parse_libvirt9);
  vs_test_add ("/pool-capabilities/parse-partial-and-bad", test_parse_partial_and_bad);
  vs_test_add ("/pool-capabilities/builtin-on-test-driver", test_builtin_on_test_driver);
  vs_test_add ("/pool-capabilities/not-connected", test_not_connected);

  return g_test_run ();
}
