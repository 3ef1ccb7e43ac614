/* test-format.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "vs-format.h"
#include "vs-pool-type-facts.h"

#define KIB (G_GUINT64_CONSTANT (1) << 10)
#define MIB (G_GUINT64_CONSTANT (1) << 20)
#define GIB (G_GUINT64_CONSTANT (1) << 30)
#define TIB (G_GUINT64_CONSTANT (1) << 40)
#define EIB (G_GUINT64_CONSTANT (1) << 60)

static void
test_format_size (void)
{
  struct { guint64 bytes; const char *text; } cases[] = {
    { 0, "0 bytes" },
    { 1, "1 byte" },
    { 100, "100 bytes" },
    { 1023, "1023 bytes" },
    { KIB, "1.0 KiB" },
    { 10 * GIB, "10.0 GiB" },
    { 3 * GIB / 2, "1.5 GiB" },
    { G_MAXUINT64, "16.0 EiB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vs_format_size (cases[i].bytes);
      g_autoptr(GString) normal = g_string_new (text);

      /* GLib separates number and unit with a no-break space. */
      g_string_replace (normal, "\u00a0", " ", 0);
      g_assert_cmpstr (normal->str, ==, cases[i].text);
    }
}

static void
test_format_percent (void)
{
  struct { double fraction; const char *text; } cases[] = {
    { 0, "0%" },
    { 0.001, "<1%" },
    { 0.42, "42%" },
    { 1.0, "100%" },
    { 2.5, "250%" },
    { -1, "0%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vs_format_percent (cases[i].fraction);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_parse_valid (void)
{
  struct { const char *text; guint64 bytes; } cases[] = {
    { "100", 100 },
    { "  100  ", 100 },
    { "100 B", 100 },
    { "100bytes", 100 },
    { "10G", 10 * GIB },
    { "10g", 10 * GIB },
    { "10 GiB", 10 * GIB },
    { "10 gib", 10 * GIB },
    { "10 GIB", 10 * GIB },
    { "10Gi", 10 * GIB },
    { "512m", 512 * MIB },
    { "512 MiB", 512 * MIB },
    { "1.5T", 3 * TIB / 2 },
    { "1.5 TiB", 3 * TIB / 2 },
    { ".5G", GIB / 2 },
    { "1.G", GIB },
    { "4k", 4 * KIB },
    { "10 GB", G_GUINT64_CONSTANT (10000000000) },
    { "10gb", G_GUINT64_CONSTANT (10000000000) },
    { "512 MB", G_GUINT64_CONSTANT (512000000) },
    { "2 TB", G_GUINT64_CONSTANT (2000000000000) },
    { "1 KB", 1000 },
    { "1.5 KB", 1500 },
    { "0.1 KiB", 102 },   /* 102.4 rounds down */
    { "0.0005 KiB", 1 },  /* 0.512 rounds up */
    { "15 EiB", 15 * EIB },
    { "15.999 EiB", G_GUINT64_CONSTANT (18445591152204944769) },
    { "18446744073709551615", G_MAXUINT64 },
    { "1.0000000000001 G", GIB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 bytes = 0;

      if (!vs_parse_size (cases[i].text, &bytes, &error))
        g_error ("“%s” was refused: %s", cases[i].text, error->message);
      g_assert_no_error (error);
      if (bytes != cases[i].bytes)
        g_error ("“%s” gave %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
                 cases[i].text, bytes, cases[i].bytes);
    }
}

static void
test_parse_invalid (void)
{
  struct { const char *text; VsFormatError code; } cases[] = {
    { "", VS_FORMAT_ERROR_EMPTY },
    { "   ", VS_FORMAT_ERROR_EMPTY },
    { NULL, VS_FORMAT_ERROR_EMPTY },
    { "0", VS_FORMAT_ERROR_ZERO },
    { "0 GiB", VS_FORMAT_ERROR_ZERO },
    { "0.0M", VS_FORMAT_ERROR_ZERO },
    { "-1", VS_FORMAT_ERROR_NEGATIVE },
    { "-10G", VS_FORMAT_ERROR_NEGATIVE },
    { "−1", VS_FORMAT_ERROR_NEGATIVE },
    { "abc", VS_FORMAT_ERROR_INVALID },
    { "G", VS_FORMAT_ERROR_INVALID },
    { ".", VS_FORMAT_ERROR_INVALID },
    { "1.2.3", VS_FORMAT_ERROR_INVALID },
    { "10 G B", VS_FORMAT_ERROR_INVALID },
    { "1e30", VS_FORMAT_ERROR_INVALID },
    { "1E3", VS_FORMAT_ERROR_INVALID },
    { "1e-3", VS_FORMAT_ERROR_INVALID },
    { "0x10", VS_FORMAT_ERROR_INVALID },
    { "10 Gigs", VS_FORMAT_ERROR_UNKNOWN_UNIT },
    { "10 x", VS_FORMAT_ERROR_UNKNOWN_UNIT },
    { "10 GiBs", VS_FORMAT_ERROR_UNKNOWN_UNIT },
    { "1.5", VS_FORMAT_ERROR_FRACTIONAL_BYTES },
    { "1.5 B", VS_FORMAT_ERROR_FRACTIONAL_BYTES },
    { "16 EiB", VS_FORMAT_ERROR_TOO_LARGE },
    { "16E", VS_FORMAT_ERROR_TOO_LARGE },
    { "17 EiB", VS_FORMAT_ERROR_TOO_LARGE },
    { "100000 PiB", VS_FORMAT_ERROR_TOO_LARGE },
    { "18446744073709551616", VS_FORMAT_ERROR_TOO_LARGE },
    { "99999999999999999999999999999", VS_FORMAT_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 bytes = 12345;

      if (vs_parse_size (cases[i].text, &bytes, &error))
        g_error ("“%s” was accepted as %" G_GUINT64_FORMAT, cases[i].text, bytes);
      g_assert_error (error, VS_FORMAT_ERROR, (int) cases[i].code);
      g_assert_cmpuint (bytes, ==, 12345);
      /* Every message is something a person can read as it is. */
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_parse_allow_zero (void)
{
  g_autoptr(GError) error = NULL;
  guint64 bytes = 1;

  g_assert_true (vs_parse_size_full ("0", VS_PARSE_SIZE_ALLOW_ZERO, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bytes, ==, 0);

  g_assert_true (vs_parse_size_full ("0 GiB", VS_PARSE_SIZE_ALLOW_ZERO, &bytes, &error));
  g_assert_cmpuint (bytes, ==, 0);

  g_assert_false (vs_parse_size_full ("-0", VS_PARSE_SIZE_ALLOW_ZERO, &bytes, &error));
  g_assert_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_NEGATIVE);
}

static void
test_parse_round_trip (void)
{
  /* What the app shows can be typed back and means nearly the same. */
  guint64 sizes[] = { 1, 1000, 10 * GIB, 3 * TIB / 2, 123456789012 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = vs_format_size (sizes[i]);
      g_autoptr(GError) error = NULL;
      guint64 bytes = 0;

      g_assert_true (vs_parse_size (text, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (ABS ((double) bytes - (double) sizes[i]), <=, sizes[i] * 0.05);
    }
}

static void
test_pool_types (void)
{
  const char *table[] = { "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct",
                          "scsi", "mpath", "rbd", "gluster", "zfs" };
  const VsPoolTypeFactSheet *all;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      const VsPoolTypeFactSheet *info = vs_pool_type_facts_lookup (table[i]);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->type, ==, table[i]);
      g_assert_nonnull (info->label);
      g_assert_nonnull (info->kind);
      g_assert_nonnull (info->shared);
      g_assert_nonnull (info->snapshots);
      g_assert_nonnull (info->thin);
      g_assert_nonnull (info->volume);
      g_assert_nonnull (info->description);
    }

  g_assert_cmpint (vs_pool_type_facts_lookup ("netfs")->sharing, ==, VS_POOL_SHARING_YES);
  g_assert_cmpint (vs_pool_type_facts_lookup ("dir")->sharing, ==, VS_POOL_SHARING_NO);
  g_assert_cmpint (vs_pool_type_facts_lookup ("scsi")->sharing, ==, VS_POOL_SHARING_DEPENDS);
  g_assert_cmpint (vs_pool_type_facts_lookup ("logical")->kind_class, ==, VS_POOL_KIND_BLOCK);
  g_assert_null (vs_pool_type_facts_lookup ("sheepdog"));
  g_assert_null (vs_pool_type_facts_lookup (NULL));

  all = vs_pool_type_facts_get_all (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (table));
  g_assert_cmpstr (all[0].type, ==, "dir");
}

int
main (int   argc,
      char *argv[])
{
  /* The C locale: "." is the decimal mark, English messages. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/size", test_format_size);
  g_test_add_func ("/format/percent", test_format_percent);
  g_test_add_func ("/format/parse/valid", test_parse_valid);
  g_test_add_func ("/format/parse/invalid", test_parse_invalid);
  g_test_add_func ("/format/parse/allow-zero", test_parse_allow_zero);
  g_test_add_func ("/format/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/format/pool-types", test_pool_types);

  return g_test_run ();
}
