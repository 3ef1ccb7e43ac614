/* test-xml.c: the definitions parser (src/core/vs-xml.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <libxml/tree.h>

#include <glib/gstdio.h>

#include "vs-test-utils.h"
#include "vs-xml.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* What libvirt 9 writes for a qcow2 volume on a backing file. */
static const char *const qcow2_volume_xml =
  "<volume type='file'>\n"
  "  <name>disk-b.qcow2</name>\n"
  "  <key>/var/lib/libvirt/images/disk-b.qcow2</key>\n"
  "  <capacity unit='bytes'>21474836480</capacity>\n"
  "  <allocation unit='bytes'>200704</allocation>\n"
  "  <physical unit='bytes'>196624</physical>\n"
  "  <target>\n"
  "    <path>/var/lib/libvirt/images/disk-b.qcow2</path>\n"
  "    <format type='qcow2'/>\n"
  "    <permissions>\n"
  "      <mode>0600</mode>\n"
  "      <owner>0</owner>\n"
  "      <group>0</group>\n"
  "    </permissions>\n"
  "    <timestamps>\n"
  "      <atime>1700000000.000000000</atime>\n"
  "    </timestamps>\n"
  "    <compat>1.1</compat>\n"
  "    <clusterSize unit='B'>65536</clusterSize>\n"
  "    <features><lazy_refcounts/></features>\n"
  "  </target>\n"
  "  <backingStore>\n"
  "    <path>/var/lib/libvirt/images/base.raw</path>\n"
  "    <format type='raw'/>\n"
  "    <permissions><mode>0644</mode></permissions>\n"
  "  </backingStore>\n"
  "</volume>\n";

static void
test_volume_qcow2_backing (void)
{
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_xml_parse_volume (qcow2_volume_xml, details, &error));
  g_assert_no_error (error);

  g_assert_cmpint (details->type, ==, VS_VOLUME_TYPE_FILE);
  g_assert_cmpstr (details->path, ==, "/var/lib/libvirt/images/disk-b.qcow2");
  g_assert_cmpstr (details->format, ==, "qcow2");
  /* Interned: cheap to keep in 100,000 volumes and to compare. */
  g_assert_true (details->format == g_intern_static_string ("qcow2"));
  g_assert_cmpuint (details->capacity, ==, G_GUINT64_CONSTANT (21474836480));
  g_assert_cmpuint (details->allocation, ==, 200704);
  g_assert_cmpstr (details->backing_path, ==, "/var/lib/libvirt/images/base.raw");
}

static void
test_volume_raw (void)
{
  const char *xml =
    "<volume type='file'><name>data.raw</name><key>/p/data.raw</key>"
    "<capacity unit='bytes'>1073741824</capacity><allocation unit='bytes'>1073741824</allocation>"
    "<target><path>/p/data.raw</path><format type='raw'/></target></volume>";
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_xml_parse_volume (xml, details, &error));
  g_assert_no_error (error);
  g_assert_cmpint (details->type, ==, VS_VOLUME_TYPE_FILE);
  g_assert_cmpstr (details->format, ==, "raw");
  g_assert_cmpuint (details->capacity, ==, G_GUINT64_CONSTANT (1073741824));
  g_assert_cmpuint (details->allocation, ==, G_GUINT64_CONSTANT (1073741824));
  g_assert_null (details->backing_path);
}

/* Each volume type libvirt names, and what it does not. */
static void
test_volume_types (void)
{
  const struct { const char *attr; VsVolumeType type; } cases[] = {
    { "type='file'", VS_VOLUME_TYPE_FILE },
    { "type='block'", VS_VOLUME_TYPE_BLOCK },
    { "type='dir'", VS_VOLUME_TYPE_DIR },
    { "type='network'", VS_VOLUME_TYPE_NETWORK },
    { "type='netdir'", VS_VOLUME_TYPE_NETDIR },
    { "type='ploop'", VS_VOLUME_TYPE_PLOOP },
    { "type='something-new'", VS_VOLUME_TYPE_UNKNOWN },
    /* Older libvirt leaves the attribute out for plain files. */
    { "", VS_VOLUME_TYPE_FILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf ("<volume %s><name>v</name>"
                                              "<target><path>/dev/vg/v</path></target></volume>",
                                              cases[i].attr);
      g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
      g_autoptr(GError) error = NULL;

      g_assert_true (vs_xml_parse_volume (xml, details, &error));
      g_assert_no_error (error);
      g_assert_cmpint (details->type, ==, cases[i].type);
      g_assert_cmpstr (details->path, ==, "/dev/vg/v");
      /* No format, no sizes: nothing made up. */
      g_assert_null (details->format);
      g_assert_cmpuint (details->capacity, ==, 0);
      g_assert_null (details->backing_path);
    }
}

/* A details struct parsed twice (the detail loader reuses none, but a
 * caller may) holds only the second volume's data, without leaks. */
static void
test_volume_reparse (void)
{
  const char *plain =
    "<volume type='file'><name>x</name><capacity unit='bytes'>5</capacity>"
    "<target><path>/p/x</path></target></volume>";
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);

  g_assert_true (vs_xml_parse_volume (qcow2_volume_xml, details, NULL));
  g_assert_true (vs_xml_parse_volume (plain, details, NULL));
  g_assert_cmpstr (details->path, ==, "/p/x");
  g_assert_null (details->format);
  g_assert_null (details->backing_path);
  g_assert_cmpuint (details->capacity, ==, 5);
}

/* Numbers that are not byte counts do not crash the parser or wrap around. */
static void
test_volume_bad_numbers (void)
{
  const char *values[] = { "abc", "-1", "1e30", "18446744073709551616", "", " 42 x" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *xml = g_strdup_printf ("<volume><capacity unit='bytes'>%s</capacity>"
                                              "<allocation>%s</allocation></volume>",
                                              values[i], values[i]);
      g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);

      g_test_message ("capacity “%s”", values[i]);
      g_assert_true (vs_xml_parse_volume (xml, details, NULL));
      g_assert_cmpuint (details->capacity, ==, 0);
      g_assert_cmpuint (details->allocation, ==, 0);
    }
}

/* Builds a definition with libxml2's tree API, which escapes for us, the
 * way the core builds the ones it sends to libvirt. */
static char *
build_volume_xml (const char *name,
                  const char *path,
                  const char *backing)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "volume");
  xmlNode *target, *backing_store, *format;
  xmlChar *buffer = NULL;
  int size = 0;
  char *ret;

  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "type", (const xmlChar *) "file");
  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) name);
  xmlNewTextChild (root, NULL, (const xmlChar *) "capacity", (const xmlChar *) "1024");
  target = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  xmlNewTextChild (target, NULL, (const xmlChar *) "path", (const xmlChar *) path);
  format = xmlNewChild (target, NULL, (const xmlChar *) "format", NULL);
  xmlNewProp (format, (const xmlChar *) "type", (const xmlChar *) "qcow2");
  backing_store = xmlNewChild (root, NULL, (const xmlChar *) "backingStore", NULL);
  xmlNewTextChild (backing_store, NULL, (const xmlChar *) "path", (const xmlChar *) backing);

  xmlDocDumpMemoryEnc (doc, &buffer, &size, "UTF-8");
  g_assert_nonnull (buffer);
  ret = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);

  return ret;
}

/* Names with XML's special characters survive a trip through a definition
 * (built with a real XML library) and back through the parser. */
static void
test_volume_escaping (void)
{
  const char *names[] = {
    "a<b&\"c",
    "it's > that & <this>",
    "]]><!-- -->",
    "&amp;&lt;",
    "vídeo ñandú 日本 🎞",
    "tab\there",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pool/%s.qcow2", names[i]);
      g_autofree char *backing = g_strdup_printf ("/pool/%s.base", names[i]);
      g_autofree char *xml = build_volume_xml (names[i], path, backing);
      g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
      g_autoptr(GError) error = NULL;

      g_test_message ("name “%s” as %s", names[i], xml);
      g_assert_true (vs_xml_parse_volume (xml, details, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (details->path, ==, path);
      g_assert_cmpstr (details->backing_path, ==, backing);
      g_assert_cmpstr (details->format, ==, "qcow2");
    }
}

/* Hand-written entities and character references, as libvirt escapes. */
static void
test_volume_entities (void)
{
  const char *xml =
    "<volume type='file'><target>"
    "<path>/pool/a&lt;b&amp;&quot;c&#x27;&#233;.img</path>"
    "</target></volume>";
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);

  g_assert_true (vs_xml_parse_volume (xml, details, NULL));
  g_assert_cmpstr (details->path, ==, "/pool/a<b&\"c'é.img");
}

static const char *const invalid_documents[] = {
  "",
  "   ",
  "not xml at all",
  "<volume>",
  "<volume><target></volume>",
  "<volume></volumes>",
  "<?xml version='1.0'?>",
  "<volume a='1' a='2'/>",
  "<volume>&undefined;</volume>",
  "\xff\xfe<\x00v\x00",
  "<volume><name>\xc3\x28</name></volume>",   /* not UTF-8 */
};

/* Broken documents are errors, never crashes or half-filled results. */
static void
test_volume_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);

  g_assert_false (vs_xml_parse_volume (NULL, details, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_documents); i++)
    {
      g_test_message ("document %u: “%s”", i, invalid_documents[i]);
      g_assert_false (vs_xml_parse_volume (invalid_documents[i], details, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }

  /* Well-formed, but not a volume. */
  g_assert_false (vs_xml_parse_volume ("<pool type='dir'/>", details, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* No error location asked for: still refused, still no crash. */
  g_assert_false (vs_xml_parse_volume ("<volume>", details, NULL));
}

/* A definition must not make the parser read local files or the network. */
static void
test_volume_external_entity (void)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp ("vs-xml-secret-XXXXXX", &secret_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (secret_path, "TOP-SECRET", -1, &error));
  close (fd);

  xml = g_strdup_printf ("<?xml version='1.0'?>\n"
                         "<!DOCTYPE volume [ <!ENTITY secret SYSTEM 'file://%s'> ]>\n"
                         "<volume><target><path>/p/&secret;</path></target></volume>",
                         secret_path);

  /* Refusing the document is fine too; leaking the file is not. */
  if (vs_xml_parse_volume (xml, details, NULL))
    g_assert_null (g_strstr_len (details->path != NULL ? details->path : "", -1, "TOP-SECRET"));

  g_unlink (secret_path);
}

/* Nested entities that would expand to gigabytes ("billion laughs"). */
static void
test_volume_entity_expansion (void)
{
  GString *xml = g_string_new ("<?xml version='1.0'?>\n<!DOCTYPE volume [\n"
                               "<!ENTITY l0 'lollollollollollollollollollol'>\n");
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (xml, "<!ENTITY l%u '", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (xml, "&l%u;", i - 1);
      g_string_append (xml, "'>\n");
    }
  g_string_append (xml, "]>\n<volume><target><path>&l9;</path></target></volume>");

  /* Either refused, or a path of sane size. */
  if (vs_xml_parse_volume (xml->str, details, NULL))
    g_assert_cmpuint (details->path != NULL ? strlen (details->path) : 0, <, 1024 * 1024);

  g_string_free (xml, TRUE);
}

/* Pools ----------------------------------------------------------------- */

static void
test_pool_dir (void)
{
  const char *xml =
    "<pool type='dir'>\n"
    "  <name>default</name>\n"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>\n"
    "  <capacity unit='bytes'>107374182400</capacity>\n"
    "  <allocation unit='bytes'>0</allocation>\n"
    "  <available unit='bytes'>107374182400</available>\n"
    "  <source>\n  </source>\n"
    "  <target>\n"
    "    <path>/var/lib/libvirt/images</path>\n"
    "    <permissions><mode>0711</mode></permissions>\n"
    "  </target>\n"
    "</pool>\n";
  g_autofree char *pool_type = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_xml_parse_pool (xml, &pool_type, &target_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pool_type, ==, "dir");
  g_assert_cmpstr (target_path, ==, "/var/lib/libvirt/images");

  /* Either output may be left out. */
  g_assert_true (vs_xml_parse_pool (xml, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Network pools have no target path: NULL, not an error. */
static void
test_pool_without_target (void)
{
  const char *xml =
    "<pool type='rbd'><name>ceph</name>"
    "<source><name>rbd</name><host name='mon1' port='6789'/></source></pool>";
  g_autofree char *pool_type = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_xml_parse_pool (xml, &pool_type, &target_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pool_type, ==, "rbd");
  g_assert_null (target_path);
}

static void
test_pool_escaping (void)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "pool");
  xmlNode *target;
  xmlChar *buffer = NULL;
  int size = 0;
  g_autofree char *xml = NULL;
  g_autofree char *pool_type = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(GError) error = NULL;

  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "type", (const xmlChar *) "d\"i<r&");
  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) "a<b&\"c");
  target = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  xmlNewTextChild (target, NULL, (const xmlChar *) "path", (const xmlChar *) "/srv/a<b&\"c/ñ");
  xmlDocDumpMemoryEnc (doc, &buffer, &size, "UTF-8");
  xml = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);

  g_assert_true (vs_xml_parse_pool (xml, &pool_type, &target_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pool_type, ==, "d\"i<r&");
  g_assert_cmpstr (target_path, ==, "/srv/a<b&\"c/ñ");
}

static void
test_pool_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_documents); i++)
    {
      char *pool_type = NULL;
      char *target_path = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (vs_xml_parse_pool (invalid_documents[i], &pool_type, &target_path, &error));
      g_assert_nonnull (error);
      /* Nothing to free on failure. */
      g_assert_null (pool_type);
      g_assert_null (target_path);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (vs_xml_parse_pool (NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (vs_xml_parse_pool (qcow2_volume_xml, NULL, NULL, &error));
    g_assert_nonnull (error);
  }
}

/* Domains --------------------------------------------------------------- */

static void
assert_paths (GPtrArray          *paths,
              const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < paths->len; i++)
    g_string_append_printf (got, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (paths, i));

  if (paths->len != n)
    g_error ("expected %u paths, got %u: %s", n, paths->len, got->str);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (g_ptr_array_index (paths, i), expected[i]) != 0)
      g_error ("path %u: expected %s, got the list %s", i, expected[i], got->str);
}

/* Every file, block device and directory a domain's disks use, backing
 * chains included, and nothing else (no network sources, no CD-ROM without
 * a medium, no paths of other devices). */
static void
test_domain_disks (void)
{
  const char *xml =
    "<domain type='kvm'>\n"
    "  <name>vm</name>\n"
    "  <os><type>hvm</type><kernel>/boot/not-a-disk</kernel></os>\n"
    "  <devices>\n"
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
    "    <disk type='file' device='disk'>\n"
    "      <driver name='qemu' type='qcow2'/>\n"
    "      <source file='/images/top.qcow2'/>\n"
    "      <backingStore type='file'>\n"
    "        <format type='qcow2'/>\n"
    "        <source file='/images/middle.qcow2'/>\n"
    "        <backingStore type='block'>\n"
    "          <format type='raw'/>\n"
    "          <source dev='/dev/vg/base'/>\n"
    "          <backingStore/>\n"
    "        </backingStore>\n"
    "      </backingStore>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "    </disk>\n"
    "    <disk type='block' device='disk'>\n"
    "      <source dev='/dev/sdb'/>\n"
    "      <target dev='vdb' bus='virtio'/>\n"
    "    </disk>\n"
    "    <disk type='dir' device='disk'>\n"
    "      <source dir='/srv/share'/>\n"
    "      <target dev='hdc' bus='ide'/>\n"
    "    </disk>\n"
    "    <disk type='file' device='cdrom'>\n"
    "      <target dev='sda' bus='sata'/>\n"
    "      <readonly/>\n"
    "    </disk>\n"
    "    <disk type='network' device='disk'>\n"
    "      <source protocol='rbd' name='pool/image'><host name='mon'/></source>\n"
    "      <target dev='vdc' bus='virtio'/>\n"
    "    </disk>\n"
    "    <filesystem type='mount'><source dir='/srv/not-a-disk'/><target dir='t'/></filesystem>\n"
    "    <serial type='file'><source path='/tmp/not-a-disk'/></serial>\n"
    "  </devices>\n"
    "</domain>\n";
  const char * const expected[] = {
    "/images/top.qcow2", "/images/middle.qcow2", "/dev/vg/base", "/dev/sdb", "/srv/share", NULL,
  };
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  paths = vs_xml_domain_disk_paths (xml, &error);
  g_assert_no_error (error);
  g_assert_nonnull (paths);
  assert_paths (paths, expected);
}

static void
test_domain_no_disks (void)
{
  const char * const none[] = { NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) paths2 = NULL;
  g_autoptr(GError) error = NULL;

  paths = vs_xml_domain_disk_paths ("<domain><name>x</name></domain>", &error);
  g_assert_no_error (error);
  assert_paths (paths, none);

  paths2 = vs_xml_domain_disk_paths ("<domain><devices/></domain>", &error);
  g_assert_no_error (error);
  assert_paths (paths2, none);
}

static void
test_domain_escaping (void)
{
  const char *xml =
    "<domain><devices><disk type='file'>"
    "<source file='/images/a&lt;b&amp;&quot;c&apos;.qcow2'/>"
    "<backingStore type='file'><source file=\"/images/ñandú &amp; 日本.raw\"/></backingStore>"
    "</disk></devices></domain>";
  const char * const expected[] = { "/images/a<b&\"c'.qcow2", "/images/ñandú & 日本.raw", NULL };
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  paths = vs_xml_domain_disk_paths (xml, &error);
  g_assert_no_error (error);
  assert_paths (paths, expected);
}

static void
test_domain_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) paths = vs_xml_domain_disk_paths (invalid_documents[i], &error);

      g_assert_null (paths);
      g_assert_nonnull (error);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) paths = vs_xml_domain_disk_paths (NULL, &error);
    g_autoptr(GPtrArray) wrong_root = NULL;

    g_assert_null (paths);
    g_assert_nonnull (error);
    g_clear_error (&error);

    wrong_root = vs_xml_domain_disk_paths (qcow2_volume_xml, &error);
    g_assert_null (wrong_root);
    g_assert_nonnull (error);
  }
}

/* What the pool and volume writers refuse: text XML 1.0 cannot carry, or
 * that has no place in a name or a path. */
static void
test_control_characters (void)
{
  const char *refused[] = { "a\nb", "tab\there", "\r", "del\x7f", "c1\xc2\x85" };
  const char *accepted[] = { "", "disk.qcow2", "a<b&\"c'", "café ñ", "with space" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_true (vs_xml_has_control_characters (refused[i]));
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    g_assert_false (vs_xml_has_control_characters (accepted[i]));
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/xml/volume/qcow2-backing", test_volume_qcow2_backing);
  vs_test_add ("/xml/volume/raw", test_volume_raw);
  vs_test_add ("/xml/volume/types", test_volume_types);
  vs_test_add ("/xml/volume/reparse", test_volume_reparse);
  vs_test_add ("/xml/volume/bad-numbers", test_volume_bad_numbers);
  vs_test_add ("/xml/volume/escaping", test_volume_escaping);
  vs_test_add ("/xml/volume/entities", test_volume_entities);
  vs_test_add ("/xml/volume/invalid", test_volume_invalid);
  vs_test_add ("/xml/volume/external-entity", test_volume_external_entity);
  vs_test_add ("/xml/volume/entity-expansion", test_volume_entity_expansion);
  vs_test_add ("/xml/pool/dir", test_pool_dir);
  vs_test_add ("/xml/pool/without-target", test_pool_without_target);
  vs_test_add ("/xml/pool/escaping", test_pool_escaping);
  vs_test_add ("/xml/pool/invalid", test_pool_invalid);
  vs_test_add ("/xml/domain/disks", test_domain_disks);
  vs_test_add ("/xml/domain/no-disks", test_domain_no_disks);
  vs_test_add ("/xml/domain/escaping", test_domain_escaping);
  vs_test_add ("/xml/domain/invalid", test_domain_invalid);
  vs_test_add ("/xml/control-characters", test_control_characters);

  return g_test_run ();
}
