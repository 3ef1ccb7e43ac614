/* test-pool-definition.c: pool XML from a description, and the field checks
 * (src/core/vs-pool-definition.c, src/core/vs-pool-type.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-definition"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <libxml/tree.h>

#include "vs-test-pool-utils.h"
#include "vs-xml.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static GStrv
strv (const char *first,
      ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *value = first;
  va_list args;

  va_start (args, first);
  for (; value != NULL; value = va_arg (args, const char *))
    g_strv_builder_add (builder, value);
  va_end (args);

  return g_strv_builder_end (builder);
}

/* A full, realistic definition of each type: what the wizard would fill. */
static VsPoolDefinition *
sample_definition (VsPoolType type)
{
  VsPoolDefinition *def = vs_pool_definition_new (type);

  def->name = g_strdup_printf ("sample-%s", vs_pool_type_to_string (type));

  switch (type)
    {
    case VS_POOL_TYPE_DIR:
      def->target_path = g_strdup ("/var/lib/libvirt/images/sample");
      break;
    case VS_POOL_TYPE_FS:
      def->devices = strv ("/dev/sdb1", NULL);
      def->source_format = g_strdup ("ext4");
      def->target_path = g_strdup ("/mnt/sample");
      break;
    case VS_POOL_TYPE_NETFS:
      def->hosts = strv ("nfs.example.com", NULL);
      def->source_dir = g_strdup ("/export/images");
      def->source_format = g_strdup ("nfs");
      def->target_path = g_strdup ("/mnt/nfs");
      break;
    case VS_POOL_TYPE_LOGICAL:
      def->source_name = g_strdup ("vg0");
      def->devices = strv ("/dev/sdc", "/dev/sdd", NULL);
      def->target_path = g_strdup ("/dev/vg0");
      break;
    case VS_POOL_TYPE_DISK:
      def->devices = strv ("/dev/sdb", NULL);
      def->source_format = g_strdup ("gpt");
      def->target_path = g_strdup ("/dev");
      break;
    case VS_POOL_TYPE_ISCSI:
      def->hosts = strv ("192.0.2.10", NULL);
      def->port = 3260;
      def->target_iqn = g_strdup ("iqn.2004-04.com.example:storage.disk1");
      def->initiator_iqn = g_strdup ("iqn.2024-01.org.example:client");
      def->auth_username = g_strdup ("chap-user");
      def->secret_usage = g_strdup ("sample-iscsi-secret");
      def->target_path = g_strdup ("/dev/disk/by-path");
      break;
    case VS_POOL_TYPE_ISCSI_DIRECT:
      def->hosts = strv ("iscsi.example.com", NULL);
      def->target_iqn = g_strdup ("iqn.2004-04.com.example:storage.disk1");
      def->initiator_iqn = g_strdup ("iqn.2024-01.org.example:client");
      def->auth_username = g_strdup ("chap-user");
      def->secret_uuid = g_strdup ("2ec115d7-3a88-3ceb-bc12-0ac909a6fd87");
      break;
    case VS_POOL_TYPE_SCSI:
      def->adapter_name = g_strdup ("host0");
      def->target_path = g_strdup ("/dev/disk/by-path");
      break;
    case VS_POOL_TYPE_MPATH:
      def->target_path = g_strdup ("/dev/mapper");
      break;
    case VS_POOL_TYPE_RBD:
      def->hosts = strv ("mon1.example.com", "mon2.example.com", "2001:db8::3", NULL);
      def->port = 6789;
      def->source_name = g_strdup ("rbd");
      def->auth_username = g_strdup ("admin");
      def->secret_uuid = g_strdup ("2ec115d7-3a88-3ceb-bc12-0ac909a6fd87");
      break;
    case VS_POOL_TYPE_GLUSTER:
      def->hosts = strv ("gluster.example.com", NULL);
      def->source_name = g_strdup ("gv0");
      def->source_dir = g_strdup ("/images");
      break;
    case VS_POOL_TYPE_ZFS:
      def->source_name = g_strdup ("tank");
      def->devices = strv ("/dev/sde", NULL);
      break;
    default:
      g_assert_not_reached ();
    }

  return def;
}

static gboolean
xml_validate (const char  *xml,
              const char  *schema,
              char       **output)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("vs-pool-XXXXXX.xml", &path, &error);
  const char *argv[] = { "virt-xml-validate", NULL, schema, NULL };
  gboolean valid;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, xml, -1, &error));

  argv[1] = path;
  valid = vs_test_spawn (argv, output, &error);
  if (!valid && output != NULL && *output == NULL)
    *output = g_strdup (error->message);
  g_unlink (path);

  return valid;
}

static gboolean
have_virt_xml_validate (void)
{
  g_autofree char *path = g_find_program_in_path ("virt-xml-validate");

  return path != NULL;
}

static void
assert_valid (virConnectPtr           conn,
              const VsPoolDefinition *def)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vs_pool_definition_to_xml (def, &error);
  g_autofree char *output = NULL;
  virStoragePoolPtr pool;

  g_assert_no_error (error);
  g_assert_nonnull (xml);

  if (have_virt_xml_validate () && !xml_validate (xml, "storagepool", &output))
    g_error ("the XML of a %s pool does not validate: %s\n%s",
             vs_pool_type_to_string (def->type), output, xml);

  pool = virStoragePoolDefineXML (conn, xml, VIR_STORAGE_POOL_DEFINE_VALIDATE);
  if (pool == NULL)
    g_error ("libvirt refuses the XML of a %s pool: %s\n%s", vs_pool_type_to_string (def->type),
             virGetLastErrorMessage (), xml);
  g_assert_cmpint (virStoragePoolUndefine (pool), ==, 0);
  virStoragePoolFree (pool);
}

/* Every type, filled as the wizard would, gives XML that libvirt's own
 * schema accepts (virt-xml-validate) and that libvirt defines with
 * validation; so do the smallest definitions a type allows. */
static void
test_every_type_valid (void)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  g_autoptr(VsPoolDefinition) logical = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  g_autoptr(VsPoolDefinition) cifs = sample_definition (VS_POOL_TYPE_NETFS);
  g_autoptr(VsPoolDefinition) iscsi = sample_definition (VS_POOL_TYPE_ISCSI);

  if (!have_virt_xml_validate ())
    g_test_message ("virt-xml-validate (libvirt-clients) is not installed: "
                    "checking with define-with-validate only");

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    {
      g_autoptr(VsPoolDefinition) def = sample_definition (i);

      assert_valid (conn, def);
    }

  /* A volume group named like the pool, under /dev/NAME. */
  logical->name = g_strdup ("vg0");
  assert_valid (conn, logical);

  /* A share name, not a path. */
  g_free (cifs->source_format);
  cifs->source_format = g_strdup ("cifs");
  g_free (cifs->source_dir);
  cifs->source_dir = g_strdup ("images");
  assert_valid (conn, cifs);

  /* A new secret, named by its default usage; no initiator, default port. */
  g_clear_pointer (&iscsi->secret_usage, g_free);
  iscsi->secret_value = g_strdup ("password");
  g_clear_pointer (&iscsi->initiator_iqn, g_free);
  iscsi->port = 0;
  assert_valid (conn, iscsi);

  virConnectClose (conn);
}

static xmlNode *
read_root (const char *xml,
           xmlDoc    **doc)
{
  g_autoptr(GError) error = NULL;

  *doc = vs_xml_read_document (xml, "pool", &error);
  g_assert_no_error (error);

  return xmlDocGetRootElement (*doc);
}

/* The text of an element, exactly (vs_xml_text strips spaces). */
static char *
exact_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  g_assert_nonnull (node);
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);

  return text;
}

/* What goes in: the right elements for the type, the auth and its secret,
 * nothing of what the type does not take. */
static void
test_xml_shape (void)
{
  g_autoptr(VsPoolDefinition) iscsi = sample_definition (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPoolDefinition) dir = sample_definition (VS_POOL_TYPE_DIR);
  g_autoptr(VsPoolDefinition) rbd = sample_definition (VS_POOL_TYPE_RBD);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlDoc) dir_doc = NULL;
  g_autoptr(xmlDoc) rbd_doc = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *dir_xml = NULL;
  g_autofree char *rbd_xml = NULL;
  g_autofree char *value = NULL;
  xmlNode *root, *source, *auth, *host;
  guint n_hosts = 0;

  xml = vs_pool_definition_to_xml (iscsi, NULL);
  root = read_root (xml, &doc);
  source = vs_xml_child (root, "source");
  value = vs_xml_attr (root, "type");
  g_assert_cmpstr (value, ==, "iscsi");
  g_clear_pointer (&value, g_free);
  value = vs_xml_attr (vs_xml_child (source, "host"), "port");
  g_assert_cmpstr (value, ==, "3260");
  g_clear_pointer (&value, g_free);
  value = vs_xml_attr (vs_xml_child (source, "device"), "path");
  g_assert_cmpstr (value, ==, "iqn.2004-04.com.example:storage.disk1");
  g_clear_pointer (&value, g_free);
  value = vs_xml_attr (vs_xml_child (vs_xml_child (source, "initiator"), "iqn"), "name");
  g_assert_cmpstr (value, ==, "iqn.2024-01.org.example:client");
  g_clear_pointer (&value, g_free);
  auth = vs_xml_child (source, "auth");
  value = vs_xml_attr (auth, "type");
  g_assert_cmpstr (value, ==, "chap");
  g_clear_pointer (&value, g_free);
  value = vs_xml_attr (vs_xml_child (auth, "secret"), "usage");
  g_assert_cmpstr (value, ==, "sample-iscsi-secret");
  g_clear_pointer (&value, g_free);

  /* A dir pool ignores the hosts, devices and auth the wizard may have
   * left from another type. */
  dir->hosts = strv ("left.over", NULL);
  dir->devices = strv ("/dev/leftover", NULL);
  dir_xml = vs_pool_definition_to_xml (dir, NULL);
  root = read_root (dir_xml, &dir_doc);
  g_assert_null (vs_xml_child (root, "source")->children);
  value = exact_text (vs_xml_child (vs_xml_child (root, "target"), "path"));
  g_assert_cmpstr (value, ==, "/var/lib/libvirt/images/sample");
  g_clear_pointer (&value, g_free);

  /* An iSCSI pool's LUNs are in /dev/disk/by-path unless said otherwise. */
  g_clear_pointer (&iscsi->target_path, g_free);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&xml, g_free);
  g_clear_pointer (&doc, xmlFreeDoc);
  xml = vs_pool_definition_to_xml (iscsi, NULL);
  root = read_root (xml, &doc);
  value = exact_text (vs_xml_child (vs_xml_child (root, "target"), "path"));
  g_assert_cmpstr (value, ==, "/dev/disk/by-path");
  g_clear_pointer (&value, g_free);

  /* Ceph monitors, each with the port; the secret by UUID. */
  rbd_xml = vs_pool_definition_to_xml (rbd, NULL);
  root = read_root (rbd_xml, &rbd_doc);
  source = vs_xml_child (root, "source");
  for (host = vs_xml_child (source, "host"); host != NULL; host = vs_xml_next (host, "host"))
    {
      g_autofree char *port = vs_xml_attr (host, "port");

      g_assert_cmpstr (port, ==, "6789");
      n_hosts++;
    }
  g_assert_cmpuint (n_hosts, ==, 3);
  auth = vs_xml_child (source, "auth");
  value = vs_xml_attr (auth, "type");
  g_assert_cmpstr (value, ==, "ceph");
  g_clear_pointer (&value, g_free);
  value = vs_xml_attr (vs_xml_child (auth, "secret"), "uuid");
  g_assert_cmpstr (value, ==, "2ec115d7-3a88-3ceb-bc12-0ac909a6fd87");
  g_assert_null (vs_xml_child (root, "target"));
}

static const char * const hostile_names[] = {
  "a<b&\"c",
  "it's \"quoted\" & <tagged>",
  "ñandú-池-😀",
  "]]><!-- -->&amp;",
  "name with  spaces",
  NULL,
};

static char *
long_name (guint bytes)
{
  return g_strnfill (bytes, 'x');
}

/* Names XML would break on come back exactly, from libvirt's own XML and
 * from its API, once defined with validation; and the longest name libvirt
 * keeps is accepted. Paths with the same characters too. */
static void
test_hostile_names_round_trip (void)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; hostile_names[i] != NULL; i++)
    g_ptr_array_add (names, g_strdup (hostile_names[i]));
  g_ptr_array_add (names, long_name (VS_POOL_NAME_MAX_BYTES));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_DIR);
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = NULL;
      g_autofree char *xml = NULL;
      g_autofree char *dumped = NULL;
      g_autofree char *dumped_name = NULL;
      g_autofree char *dumped_path = NULL;
      virStoragePoolPtr pool;

      def->name = g_strdup (name);
      def->target_path = g_strdup_printf ("/srv/%s", name[0] == 'x' ? "long" : name);
      xml = vs_pool_definition_to_xml (def, &error);
      g_assert_no_error (error);

      pool = virStoragePoolDefineXML (conn, xml, VIR_STORAGE_POOL_DEFINE_VALIDATE);
      if (pool == NULL)
        g_error ("libvirt refuses the name “%s”: %s\n%s", name, virGetLastErrorMessage (), xml);

      g_assert_cmpstr (virStoragePoolGetName (pool), ==, name);
      dumped = virStoragePoolGetXMLDesc (pool, 0);
      read_root (dumped, &doc);
      dumped_name = exact_text (vs_xml_child (xmlDocGetRootElement (doc), "name"));
      dumped_path = exact_text (vs_xml_child (vs_xml_child (xmlDocGetRootElement (doc), "target"), "path"));
      g_assert_cmpstr (dumped_name, ==, name);
      g_assert_cmpstr (dumped_path, ==, def->target_path);

      g_assert_cmpint (virStoragePoolUndefine (pool), ==, 0);
      virStoragePoolFree (pool);
    }

  virConnectClose (conn);
}

static void
assert_name_refused (const char *name,
                     GListModel *pools,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_DIR);
  g_autofree char *xml = NULL;

  g_assert_false (vs_pool_definition_check_name (name, pools, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("refusing “%s” says “%s”, not “%s”", name, error->message, expected);
  g_clear_error (&error);

  /* Nor does an XML with it come out (only the host knows its pools). */
  if (pools != NULL)
    return;
  def->name = g_strdup (name);
  def->target_path = g_strdup ("/srv/pool");
  xml = vs_pool_definition_to_xml (def, &error);
  g_assert_null (xml);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
}

/* Each bad name is refused, with a sentence that says why. */
static void
test_bad_names_refused (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  GListModel *pools = vs_connection_get_pools (connection);
  g_autofree char *too_long = long_name (VS_POOL_NAME_MAX_BYTES + 1);
  g_autofree char *three_hundred = long_name (300);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  assert_name_refused ("", NULL, "needs a name");
  assert_name_refused (NULL, NULL, "needs a name");
  assert_name_refused ("a/b", NULL, "/");
  assert_name_refused ("..", NULL, "cannot be a pool name");
  assert_name_refused (".", NULL, "cannot be a pool name");
  assert_name_refused ("line\nbreak", NULL, "line breaks");
  assert_name_refused ("tab\there", NULL, "control characters");
  assert_name_refused ("bad\xff utf8", NULL, "UTF-8");
  assert_name_refused (too_long, NULL, "too long");
  assert_name_refused (three_hundred, NULL, "has 300");
  assert_name_refused ("default-pool", pools, "exists already");

  /* 124 two-byte letters are 248 bytes: one too many. */
  for (guint i = 0; i < 124; i++)
    g_string_append (wide, "ñ");
  assert_name_refused (wide->str, NULL, "too long");
  g_string_truncate (wide, 246);
  g_assert_true (vs_pool_definition_check_name (wide->str, pools, &error));
  g_assert_no_error (error);

  g_assert_true (vs_pool_definition_check_name ("default-pool", NULL, &error));
  g_assert_true (vs_pool_definition_check_name ("a<b&\"c", pools, &error));
  g_assert_no_error (error);
}

static void
assert_port (const char *text,
             guint       expected)
{
  g_autoptr(GError) error = NULL;
  guint port = 12345;

  g_assert_true (vs_pool_definition_parse_port (text, &port, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (port, ==, expected);
}

static void
assert_port_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint port = 12345;

  g_assert_false (vs_pool_definition_parse_port (text, &port, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 to 65535"));
  g_assert_cmpuint (port, ==, 12345);
}

static void
test_ports (void)
{
  assert_port ("", 0);
  assert_port ("  ", 0);
  assert_port (NULL, 0);
  assert_port ("1", 1);
  assert_port (" 3260 ", 3260);
  assert_port ("65535", 65535);

  assert_port_refused ("0");
  assert_port_refused ("65536");
  assert_port_refused ("abc");
  assert_port_refused ("80x");
  assert_port_refused ("-1");
  assert_port_refused ("1e3");
  assert_port_refused ("99999999999999999999");
}

static void
assert_check (gboolean    (*check) (const char *, GError **),
              const char   *value,
              gboolean      valid)
{
  g_autoptr(GError) error = NULL;

  if (check (value, &error) != valid)
    g_error ("“%s” was %s", value, valid ? error->message : "accepted");
  if (!valid)
    g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
}

static void
test_hosts_paths_iqns_keys (void)
{
  assert_check (vs_pool_definition_check_host, "nfs.example.com", TRUE);
  assert_check (vs_pool_definition_check_host, "192.0.2.1", TRUE);
  assert_check (vs_pool_definition_check_host, "2001:db8::1", TRUE);
  assert_check (vs_pool_definition_check_host, "", FALSE);
  assert_check (vs_pool_definition_check_host, NULL, FALSE);
  assert_check (vs_pool_definition_check_host, "my host", FALSE);
  assert_check (vs_pool_definition_check_host, "a<b&\"c", FALSE);

  assert_check (vs_pool_definition_check_path, "/srv/a<b&\"c'", TRUE);
  assert_check (vs_pool_definition_check_path, "relative/path", FALSE);
  assert_check (vs_pool_definition_check_path, "", FALSE);
  assert_check (vs_pool_definition_check_path, "/srv/line\nbreak", FALSE);

  assert_check (vs_pool_definition_check_iqn, "iqn.2004-04.com.example:storage.disk1", TRUE);
  assert_check (vs_pool_definition_check_iqn, "iqn.2004-04.com.example", TRUE);
  assert_check (vs_pool_definition_check_iqn, "iqn.2004-13.com.example:x", FALSE);
  assert_check (vs_pool_definition_check_iqn, "iqn.204-04.com.example:x", FALSE);
  assert_check (vs_pool_definition_check_iqn, "iqn.2004-04.:x", FALSE);
  assert_check (vs_pool_definition_check_iqn, "iqn.2004-04.com.example:", FALSE);
  assert_check (vs_pool_definition_check_iqn, "eui.02004567A425678D", FALSE);

  assert_check (vs_pool_definition_check_ceph_key, "AQDjz2xlAAAAABAAdUVQrmLbQEo0Qn3Hi7Qb5A==", TRUE);
  assert_check (vs_pool_definition_check_ceph_key, " AQDjz2xlAAAAABAAdUVQrmLbQEo0Qn3Hi7Qb5A==\n", TRUE);
  assert_check (vs_pool_definition_check_ceph_key, "not a key", FALSE);
  assert_check (vs_pool_definition_check_ceph_key, "AQ=D", FALSE);
  assert_check (vs_pool_definition_check_ceph_key, "", FALSE);
}

/* Checked on this machine's files: a missing folder is fine (building
 * makes it), a file is refused, and so is anything under a file. */
static void
test_local_target (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vs-target-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "pool", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "pool", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, "data", -1, &error));

  g_assert_true (vs_pool_definition_check_local_target (dir, &error));
  g_assert_true (vs_pool_definition_check_local_target (missing, &error));
  g_assert_no_error (error);

  g_assert_false (vs_pool_definition_check_local_target (file, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not a folder"));
  g_clear_error (&error);

  g_assert_false (vs_pool_definition_check_local_target (under_file, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, file));
  g_clear_error (&error);

  g_assert_false (vs_pool_definition_check_local_target ("images/pool", &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  g_unlink (file);
  g_rmdir (dir);
}

/* A definition missing what its type needs says what is missing. */
static void
test_required_fields (void)
{
  static const struct {
    VsPoolType  type;
    const char *expected;
  } cases[] = {
    { VS_POOL_TYPE_DIR, "target path" },
    { VS_POOL_TYPE_FS, "target path" },
    { VS_POOL_TYPE_NETFS, "target path" },
    { VS_POOL_TYPE_DISK, "source device" },
    { VS_POOL_TYPE_ISCSI, "host" },
    { VS_POOL_TYPE_ISCSI_DIRECT, "host" },
    { VS_POOL_TYPE_SCSI, "SCSI adapter" },
    { VS_POOL_TYPE_RBD, "host" },
    { VS_POOL_TYPE_GLUSTER, "host" },
    { VS_POOL_TYPE_ZFS, "source name" },
  };
  g_autoptr(VsPoolDefinition) logical = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  g_autoptr(VsPoolDefinition) mpath = vs_pool_definition_new (VS_POOL_TYPE_MPATH);
  g_autoptr(VsPoolDefinition) fs = sample_definition (VS_POOL_TYPE_FS);
  g_autoptr(VsPoolDefinition) iscsi = sample_definition (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPoolDefinition) dir = sample_definition (VS_POOL_TYPE_DIR);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (cases[i].type);

      def->name = g_strdup ("p");
      g_assert_false (vs_pool_definition_validate (def, &error));
      g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("an empty %s pool: “%s” does not say “%s”",
                 vs_pool_type_to_string (cases[i].type), error->message, cases[i].expected);
      g_clear_error (&error);
    }

  /* A volume group named like the pool, found in /dev/NAME: nothing else
   * is needed; nor for multipath devices, in /dev/mapper. */
  logical->name = g_strdup ("vg");
  g_assert_true (vs_pool_definition_validate (logical, &error));
  g_assert_no_error (error);
  mpath->name = g_strdup ("multipath");
  g_assert_true (vs_pool_definition_validate (mpath, &error));
  g_assert_no_error (error);

  /* One device only where the type takes one. */
  g_strfreev (fs->devices);
  fs->devices = strv ("/dev/sdb1", "/dev/sdc1", NULL);
  g_assert_false (vs_pool_definition_validate (fs, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  /* Auth needs a secret; a new password and an existing secret are one
   * too many; a dir pool takes no auth. */
  g_clear_pointer (&iscsi->secret_usage, g_free);
  g_assert_false (vs_pool_definition_validate (iscsi, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);
  iscsi->secret_value = g_strdup ("s3cret");
  iscsi->secret_uuid = g_strdup ("2ec115d7-3a88-3ceb-bc12-0ac909a6fd87");
  g_assert_false (vs_pool_definition_validate (iscsi, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);
  dir->auth_username = g_strdup ("someone");
  dir->secret_value = g_strdup ("s3cret");
  g_assert_false (vs_pool_definition_validate (dir, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
}

/* The secret a CHAP password or Ceph key becomes: libvirt's schema
 * accepts it, its usage is the one the pool names, and the value is the
 * password as typed or the key decoded. */
static void
test_secret (void)
{
  g_autoptr(VsPoolDefinition) iscsi = sample_definition (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPoolDefinition) rbd = sample_definition (VS_POOL_TYPE_RBD);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) password = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *secret_xml = NULL;
  g_autofree char *rbd_secret_xml = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *private = NULL;
  g_autofree char *usage_type = NULL;
  g_autofree char *usage_target = NULL;
  g_autofree char *output = NULL;
  const guchar expected_key[] = { 'k', 'e', 'y', 0, 0xff };
  xmlNode *root;

  g_clear_pointer (&iscsi->secret_usage, g_free);
  iscsi->secret_value = g_strdup ("pa<ss>&\"word ñ");
  usage = vs_pool_definition_dup_secret_usage (iscsi);
  g_assert_cmpstr (usage, ==, "virt-storage:sample-iscsi");

  secret_xml = vs_pool_definition_to_secret_xml (iscsi, &error);
  g_assert_no_error (error);
  if (have_virt_xml_validate () && !xml_validate (secret_xml, "secret", &output))
    g_error ("the secret does not validate: %s\n%s", output, secret_xml);
  doc = vs_xml_read_document (secret_xml, "secret", &error);
  g_assert_no_error (error);
  root = xmlDocGetRootElement (doc);
  private = vs_xml_attr (root, "private");
  usage_type = vs_xml_attr (vs_xml_child (root, "usage"), "type");
  usage_target = exact_text (vs_xml_child (vs_xml_child (root, "usage"), "target"));
  g_assert_cmpstr (private, ==, "yes");
  g_assert_cmpstr (usage_type, ==, "iscsi");
  g_assert_cmpstr (usage_target, ==, usage);
  /* The password itself never goes into a definition. */
  g_assert_null (strstr (secret_xml, "pa<ss"));
  g_assert_null (strstr (secret_xml, "pa&lt;ss"));

  password = vs_pool_definition_get_secret_bytes (iscsi, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (password, NULL), g_bytes_get_size (password),
                   iscsi->secret_value, strlen (iscsi->secret_value));

  g_clear_pointer (&rbd->secret_uuid, g_free);
  rbd->secret_value = g_base64_encode (expected_key, sizeof expected_key);
  rbd_secret_xml = vs_pool_definition_to_secret_xml (rbd, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rbd_secret_xml, "<usage type=\"ceph\">"));
  key = vs_pool_definition_get_secret_bytes (rbd, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (key, NULL), g_bytes_get_size (key),
                   expected_key, sizeof expected_key);
}

static void
test_type_table (void)
{
  g_autofree char *system_target = NULL;
  g_autofree char *session_target = NULL;

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    {
      const VsPoolTypeInfo *info = vs_pool_type_get_info (i);
      VsPoolType type;

      g_assert_cmpuint (info->type, ==, i);
      g_assert_true (vs_pool_type_from_string (info->name, &type));
      g_assert_cmpuint (type, ==, i);
      /* What a type lists, it accepts; a default is one of the choices. */
      g_assert_cmpuint (info->multiple & ~(info->required | info->optional), ==, 0);
      if (info->default_source_format != NULL)
        g_assert_true (vs_pool_type_has_source_format (i, info->default_source_format));
      if (info->volume_formats != NULL)
        g_assert_true (g_strv_contains (info->volume_formats, info->default_volume_format));
      g_assert_true ((info->auth != VS_POOL_AUTH_NONE) == vs_pool_type_accepts (i, VS_POOL_FIELD_AUTH));
    }

  g_assert_false (vs_pool_type_from_string ("sheepdog", &(VsPoolType) { 0 }));
  g_assert_false (vs_pool_type_from_string (NULL, &(VsPoolType) { 0 }));
  g_assert_true (vs_pool_type_has_source_format (VS_POOL_TYPE_FS, "xfs"));
  g_assert_true (vs_pool_type_has_source_format (VS_POOL_TYPE_NETFS, "cifs"));
  g_assert_true (vs_pool_type_has_source_format (VS_POOL_TYPE_DISK, "gpt"));
  g_assert_cmpint (vs_pool_type_get_info (VS_POOL_TYPE_FS)->build, ==, VS_POOL_BUILD_DIRECTORY_OR_FORMAT);
  g_assert_cmpint (vs_pool_type_get_info (VS_POOL_TYPE_DISK)->build, ==, VS_POOL_BUILD_FORMAT);
  g_assert_cmpint (vs_pool_type_get_info (VS_POOL_TYPE_ISCSI)->build, ==, VS_POOL_BUILD_NONE);

  system_target = vs_pool_definition_suggest_target (VS_POOL_TYPE_DIR, "vm", FALSE);
  session_target = vs_pool_definition_suggest_target (VS_POOL_TYPE_DIR, "vm", TRUE);
  g_assert_cmpstr (system_target, ==, "/var/lib/libvirt/images/vm");
  g_assert_true (g_str_has_prefix (session_target, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (session_target, "/libvirt/images/vm"));
  g_assert_null (vs_pool_definition_suggest_target (VS_POOL_TYPE_ISCSI, "vm", FALSE));
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/pool-definition/every-type-valid", test_every_type_valid);
  vs_test_add ("/pool-definition/xml-shape", test_xml_shape);
  vs_test_add ("/pool-definition/hostile-names-round-trip", test_hostile_names_round_trip);
  vs_test_add ("/pool-definition/bad-names-refused", test_bad_names_refused);
  vs_test_add ("/pool-definition/ports", test_ports);
  vs_test_add ("/pool-definition/hosts-paths-iqns-keys", test_hosts_paths_iqns_keys);
  vs_test_add ("/pool-definition/local-target", test_local_target);
  vs_test_add ("/pool-definition/required-fields", test_required_fields);
  vs_test_add ("/pool-definition/secret", test_secret);
  vs_test_add ("/pool-definition/type-table", test_type_table);

  return g_test_run ();
}
