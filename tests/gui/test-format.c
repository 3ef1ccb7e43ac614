/* test-format.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "vs-format.h"
#include "vs-pool-type-facts.h"
#include "vs-size.h"

#define KIB (G_GUINT64_CONSTANT (1) << 10)
#define GIB (G_GUINT64_CONSTANT (1) << 30)
#define TIB (G_GUINT64_CONSTANT (1) << 40)

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
test_parse_round_trip (void)
{
  /* What the app shows can be typed back into a size field (read by the
   * core's parser) and means nearly the same. */
  guint64 sizes[] = { 1, 1000, 10 * GIB, 3 * TIB / 2, 123456789012 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = vs_format_size (sizes[i]);
      g_autoptr(GError) error = NULL;
      guint64 bytes = 0;

      g_assert_true (vs_size_parse (text, VS_SIZE_PARSE_DEFAULT, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (ABS ((double) bytes - (double) sizes[i]), <=, sizes[i] * 0.05);
    }
}

static void
test_format_duration (void)
{
  struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "0 s" }, { 45, "45 s" }, { 59, "59 s" }, { 60, "1 min" }, { 89, "1 min" },
    { 90, "2 min" }, { 3569, "59 min" }, { 3570, "1 h 0 min" }, { 3900, "1 h 5 min" },
    { 90000, "25 h 0 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vs_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_null (vs_format_duration (-1));
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
  g_test_add_func ("/format/duration", test_format_duration);
  g_test_add_func ("/format/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/format/pool-types", test_pool_types);

  return g_test_run ();
}
