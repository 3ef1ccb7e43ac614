/* test-volume-definition.c: volume XML built from a plain description
 * (src/core/vs-volume-definition.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-volume-definition"

#include "config.h"

#include <string.h>

#include "vs-test-utils.h"
#include "vs-volume-definition.h"
#include "vs-xml.h"

#define GiB G_GUINT64_CONSTANT (1073741824)

static VsVolumeDefinition *
build_and_read_back (const VsVolumeDefinition *def,
                     char                    **xml_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vs_volume_definition_to_xml (def, &error);
  VsVolumeDefinition *read;

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  g_test_message ("%s", xml);

  read = vs_volume_definition_new_from_xml (xml, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);

  if (xml_out != NULL)
    *xml_out = g_steal_pointer (&xml);

  return read;
}

static void
assert_same (const VsVolumeDefinition *a,
             const VsVolumeDefinition *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->format, ==, b->format);
  g_assert_cmpuint (a->capacity, ==, b->capacity);
  g_assert_cmpuint (a->allocation, ==, b->allocation);
  g_assert_cmpstr (a->backing_path, ==, b->backing_path);
  g_assert_cmpstr (a->backing_format, ==, b->backing_format);
}

/* An overlay: what the wizard asks for, in libvirt's terms; the XML reader
 * of the detail loader (an independent parser) agrees. */
static void
test_qcow2_overlay (void)
{
  g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new ("disk.qcow2", "qcow2",
                                                                  20 * GiB);
  g_autoptr(VsVolumeDefinition) read = NULL;
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  def->backing_path = g_strdup ("/var/lib/libvirt/images/base.raw");
  def->backing_format = g_strdup ("raw");

  read = build_and_read_back (def, &xml);
  assert_same (def, read);

  g_assert_true (vs_xml_parse_volume (xml, details, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (details->format, ==, "qcow2");
  g_assert_cmpuint (details->capacity, ==, 20 * GiB);
  g_assert_cmpuint (details->allocation, ==, 0);
  g_assert_cmpstr (details->backing_path, ==, "/var/lib/libvirt/images/base.raw");
  /* Sizes in bytes, said so: nothing depends on libvirt's default unit. */
  g_assert_nonnull (strstr (xml, "<capacity unit=\"bytes\">21474836480</capacity>"));
}

/* No format for pools whose volumes have a fixed one; a full allocation. */
static void
test_raw_full_and_no_format (void)
{
  g_autoptr(VsVolumeDefinition) raw = vs_volume_definition_new ("data.img", "raw", GiB);
  g_autoptr(VsVolumeDefinition) lv = vs_volume_definition_new ("lv0", NULL, 4 * GiB);
  g_autoptr(VsVolumeDefinition) read = NULL;
  g_autofree char *xml = NULL;

  raw->allocation = GiB;
  read = build_and_read_back (raw, NULL);
  assert_same (raw, read);
  g_clear_pointer (&read, vs_volume_definition_free);

  read = build_and_read_back (lv, &xml);
  assert_same (lv, read);
  g_assert_null (strstr (xml, "<format"));
  g_assert_null (strstr (xml, "backingStore"));
}

/* Names that mean something in XML are written as text and read back as
 * they were; so are non-ASCII letters and the longest name allowed. */
static void
test_hostile_names (void)
{
  g_autofree char *longest = g_strnfill (255, 'x');
  const char *names[] = {
    "a<b&\"c",
    "it's > that & <this>",
    "]]><!-- -->",
    "&amp;&lt;",
    "<name>evil<capacity>1",
    "<![CDATA[x]]>",
    "vídeo ñandú 日本 🎞.qcow2",
    "with inner  spaces",
    "-dash-first",
    ".hidden",
    longest,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new (names[i], "qcow2", GiB);
      g_autoptr(VsVolumeDefinition) read = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;

      def->backing_path = g_strdup_printf ("/images/%s.base", names[i]);

      g_assert_true (vs_volume_name_validate (names[i], NULL, &error));
      g_assert_no_error (error);
      read = build_and_read_back (def, &xml);
      assert_same (def, read);

      /* One element of each: the name added none. */
      g_assert_null (strstr (strstr (xml, "</name>") + 1, "</name>"));
      g_assert_null (strstr (strstr (xml, "<capacity") + 1, "<capacity"));
    }
}

typedef struct
{
  const char *name;
  const char *says;   /* part of the message */
} BadName;

static void
test_refused_names (void)
{
  g_autofree char *too_long = g_strnfill (256, 'x');
  g_autofree char *very_long = g_strnfill (300, 'y');
  g_autoptr(GString) long_utf8 = g_string_new (NULL);
  const BadName names[] = {
    { NULL, "name" },
    { "", "name" },
    { "a/b", "“/”" },
    { "/", "“/”" },
    { "../escape", "“/”" },
    { ".", "“.”" },
    { "..", "“..”" },
    { "line\nbreak", "line breaks" },
    { "trailing newline\n", "line breaks" },
    { "tab\there", "control" },
    { "bell\a", "control" },
    { "del\x7f", "control" },
    { " leading", "space" },
    { "trailing ", "space" },
    { "\u00a0nbsp", "space" },
    { "bad \xff utf8", "UTF-8" },
    { too_long, "256 bytes" },
    { very_long, "300 bytes" },
    { NULL, NULL },
  };

  /* 128 two-byte letters: 128 characters, 256 bytes. */
  for (guint i = 0; i < 128; i++)
    g_string_append (long_utf8, "ñ");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *name = names[i].says != NULL ? names[i].name : long_utf8->str;
      const char *says = names[i].says != NULL ? names[i].says : "256 bytes";
      g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new (name, "raw", GiB);
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = NULL;

      g_assert_false (vs_volume_name_validate (name, NULL, &error));
      g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
      if (strstr (error->message, says) == NULL)
        g_error ("the message for “%s” does not say “%s”: %s", name, says, error->message);
      g_clear_error (&error);

      /* And nothing is built from it. */
      xml = vs_volume_definition_to_xml (def, &error);
      g_assert_null (xml);
      g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
    }
}

static void
assert_invalid (const VsVolumeDefinition *def,
                const char               *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vs_volume_definition_to_xml (def, &error);

  g_assert_null (xml);
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("the message does not say “%s”: %s", says, error->message);
}

static void
test_refused_definitions (void)
{
  g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new ("ok.qcow2", "qcow2", GiB);

  def->capacity = 0;
  assert_invalid (def, "capacity");
  def->capacity = GiB;

  def->allocation = GiB + 1;
  assert_invalid (def, "allocation");
  def->allocation = GiB;

  def->backing_format = g_strdup ("raw");
  assert_invalid (def, "backing");
  def->backing_path = g_strdup ("/images/base\n.raw");
  assert_invalid (def, "backing file");
  g_free (def->backing_path);
  def->backing_path = g_strdup ("/images/base.raw");

  g_free (def->format);
  def->format = g_strdup ("qcow2\x01");
  assert_invalid (def, "format");
  g_free (def->format);
  def->format = g_strdup ("qcow2");

  /* Each fixed in turn: it builds now. */
  {
    g_autoptr(VsVolumeDefinition) read = build_and_read_back (def, NULL);

    assert_same (def, read);
  }
}

/* A name taken in the pool is refused (test driver fixture). */
static void
test_duplicate_in_pool (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_test_connection_open (uri, FALSE);
  VsPool *pool = vs_connection_find_pool (connection, "images");
  g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new ("data.raw", "raw", GiB);
  g_autoptr(GError) error = NULL;

  vs_test_pool_load_volumes (pool);

  g_assert_false (vs_volume_definition_validate (def, pool, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“data.raw”"));
  g_assert_nonnull (strstr (error->message, "“images”"));
  g_clear_error (&error);

  g_free (def->name);
  def->name = g_strdup ("data2.raw");
  g_assert_true (vs_volume_definition_validate (def, pool, &error));
  g_assert_no_error (error);
}

/* What callers (and libvirt) write: units on the sizes, no allocation
 * (libvirt then allocates fully), single quotes, entities. */
static void
test_read_foreign_xml (void)
{
  const char *xml =
    "<volume type='file'>"
    "  <name>a&lt;b&amp;&quot;c</name>"
    "  <capacity unit='G'>20</capacity>"
    "  <target><format type='qcow2'/></target>"
    "  <backingStore><path>/i/base.img</path><format type='raw'/></backingStore>"
    "</volume>";
  const char *with_allocation =
    "<volume><name>x</name><capacity unit='MB'>3</capacity>"
    "<allocation unit='KiB'>4</allocation></volume>";
  const char *plain =
    "<volume><name>y</name><capacity>1024</capacity><allocation>0</allocation></volume>";
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autoptr(GError) error = NULL;

  def = vs_volume_definition_new_from_xml (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (def->name, ==, "a<b&\"c");
  g_assert_cmpstr (def->format, ==, "qcow2");
  g_assert_cmpuint (def->capacity, ==, 20 * GiB);
  g_assert_cmpuint (def->allocation, ==, 20 * GiB);
  g_assert_cmpstr (def->backing_path, ==, "/i/base.img");
  g_assert_cmpstr (def->backing_format, ==, "raw");
  g_clear_pointer (&def, vs_volume_definition_free);

  def = vs_volume_definition_new_from_xml (with_allocation, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (def->capacity, ==, 3000000);
  g_assert_cmpuint (def->allocation, ==, 4096);
  g_assert_null (def->format);
  g_clear_pointer (&def, vs_volume_definition_free);

  def = vs_volume_definition_new_from_xml (plain, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (def->capacity, ==, 1024);
  g_assert_cmpuint (def->allocation, ==, 0);
}

static void
test_read_bad_xml (void)
{
  const struct {
    const char *xml;
    int         code;
  } cases[] = {
    { NULL, VS_XML_ERROR_EMPTY },
    { "", VS_XML_ERROR_EMPTY },
    { "<volume><name>x</name>", VS_XML_ERROR_PARSE },
    { "not xml at all", VS_XML_ERROR_PARSE },
    { "<pool><name>x</name></pool>", VS_XML_ERROR_INVALID },
    { "<volume><name>x</name><capacity>abc</capacity></volume>", VS_XML_ERROR_INVALID },
    { "<volume><name>x</name><capacity unit='parsec'>1</capacity></volume>",
      VS_XML_ERROR_INVALID },
    { "<volume><name>x</name><capacity>-1</capacity></volume>", VS_XML_ERROR_INVALID },
    { "<volume><name>x</name><capacity unit='EiB'>16</capacity></volume>",
      VS_XML_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VsVolumeDefinition) def = NULL;
      g_autoptr(GError) error = NULL;

      def = vs_volume_definition_new_from_xml (cases[i].xml, &error);
      g_assert_null (def);
      g_assert_error (error, VS_XML_ERROR, cases[i].code);
    }
}

static void
test_copy (void)
{
  g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new ("c.qcow2", "qcow2", GiB);
  g_autoptr(VsVolumeDefinition) copy = NULL;

  def->allocation = 4096;
  def->backing_path = g_strdup ("/b");
  def->backing_format = g_strdup ("qcow2");
  copy = vs_volume_definition_copy (def);
  assert_same (def, copy);
  g_assert_true (copy->name != def->name);
  g_assert_true (copy->backing_path != def->backing_path);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/volume-definition/qcow2-overlay", test_qcow2_overlay);
  vs_test_add ("/volume-definition/raw-full-and-no-format", test_raw_full_and_no_format);
  vs_test_add ("/volume-definition/hostile-names", test_hostile_names);
  vs_test_add ("/volume-definition/refused-names", test_refused_names);
  vs_test_add ("/volume-definition/refused-definitions", test_refused_definitions);
  vs_test_add ("/volume-definition/duplicate-in-pool", test_duplicate_in_pool);
  vs_test_add ("/volume-definition/read-foreign-xml", test_read_foreign_xml);
  vs_test_add ("/volume-definition/read-bad-xml", test_read_bad_xml);
  vs_test_add ("/volume-definition/copy", test_copy);

  return g_test_run ();
}
