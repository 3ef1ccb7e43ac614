/* test-size.c: the capacity parser (src/core/vs-size.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-size"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "vs-size.h"
#include "vs-test-utils.h"

#define KiB G_GUINT64_CONSTANT (1024)
#define MiB (KiB * 1024)
#define GiB (MiB * 1024)
#define TiB (GiB * 1024)
#define PiB (TiB * 1024)
#define EiB (PiB * 1024)

typedef struct
{
  const char *text;
  guint64     bytes;
} Good;

typedef struct
{
  const char *text;
  VsSizeError code;
} Bad;

static void
assert_parses (const char       *text,
               VsSizeParseFlags  flags,
               guint64           expected)
{
  g_autoptr(GError) error = NULL;
  guint64 bytes = 12345;

  if (!vs_size_parse (text, flags, &bytes, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  if (bytes != expected)
    g_error ("“%s” gave %" G_GUINT64_FORMAT " bytes, not %" G_GUINT64_FORMAT,
             text, bytes, expected);
}

static GError *
assert_refused (const char       *text,
                VsSizeParseFlags  flags,
                VsSizeError       code)
{
  GError *error = NULL;
  guint64 bytes = 12345;

  if (vs_size_parse (text, flags, &bytes, &error))
    g_error ("“%s” was accepted as %" G_GUINT64_FORMAT " bytes", text, bytes);
  if (!g_error_matches (error, VS_SIZE_ERROR, code))
    g_error ("“%s” was refused with code %d (%s), not %d", text, error->code, error->message,
             code);
  g_assert_cmpstr (error->message, !=, "");
  /* A refused text leaves the output alone. */
  g_assert_cmpuint (bytes, ==, 12345);

  return error;
}

/* A bare letter and its IEC name count in 1024s, as in libvirt and
 * qemu-img; the letter followed by B in 1000s; the case never matters. */
static void
test_units (void)
{
  static const Good cases[] = {
    { "20G", 20 * GiB },
    { "20 GiB", 20 * GiB },
    { "20g", 20 * GiB },
    { "20 gib", 20 * GiB },
    { "20 GIB", 20 * GiB },
    { "20 gIb", 20 * GiB },
    { "512m", 512 * MiB },
    { "512M", 512 * MiB },
    { "512 MiB", 512 * MiB },
    { "10 gb", G_GUINT64_CONSTANT (10000000000) },
    { "10GB", G_GUINT64_CONSTANT (10000000000) },
    { "10 Gb", G_GUINT64_CONSTANT (10000000000) },
    { "1k", KiB },
    { "1 KiB", KiB },
    { "1 KB", 1000 },
    { "1 kb", 1000 },
    { "1 MB", 1000000 },
    { "2T", 2 * TiB },
    { "2 TB", G_GUINT64_CONSTANT (2000000000000) },
    { "1P", PiB },
    { "1 PB", G_GUINT64_CONSTANT (1000000000000000) },
    { "1E", EiB },
    { "1 eib", EiB },
    { "1 EB", G_GUINT64_CONSTANT (1000000000000000000) },
    { "1048576", 1048576 },
    { "1048576 B", 1048576 },
    { "1048576 b", 1048576 },
    { "1 byte", 1 },
    { "4096 bytes", 4096 },
    { "4096 BYTES", 4096 },
    { "100bytes", 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, VS_SIZE_PARSE_DEFAULT, cases[i].bytes);
}

static void
test_numbers (void)
{
  static const Good cases[] = {
    { "1.5T", TiB + TiB / 2 },
    { "1.5 TiB", TiB + TiB / 2 },
    { "0.5G", GiB / 2 },
    { ".5G", GiB / 2 },
    { "2.G", 2 * GiB },
    { "007G", 7 * GiB },
    { "2.25 MiB", 2 * MiB + MiB / 4 },
    { "1.0", 1 },
    /* 102.4 bytes: to the nearest byte. */
    { "0.1K", 102 },
    { "0.0005K", 1 },
    /* Digits past the ninth are dropped. */
    { "1.0000000001G", GiB },
    { "1.999999999G", G_GUINT64_CONSTANT (2147483647) },
    { "15 EiB", 15 * EiB },
    { "15.5E", 15 * EiB + EiB / 2 },
    { "15.999 EiB", G_GUINT64_CONSTANT (18445591152204944769) },
    { "18 EB", G_GUINT64_CONSTANT (18000000000000000000) },
    { "18446744073709551615", G_MAXUINT64 },
    { "16383.999999999 PiB", G_GUINT64_CONSTANT (18446744073708425716) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, VS_SIZE_PARSE_DEFAULT, cases[i].bytes);
}

/* Around the number, between number and unit, and the no-break spaces of
 * formatted sizes. */
static void
test_spaces (void)
{
  static const Good cases[] = {
    { " 20G", 20 * GiB },
    { "20G ", 20 * GiB },
    { "  20   GiB  ", 20 * GiB },
    { "\t20\tG\n", 20 * GiB },
    { "20\u00a0GiB", 20 * GiB },
    { "20\u202fGB", G_GUINT64_CONSTANT (20000000000) },
    { "\u00a020 G\u00a0", 20 * GiB },
    { "20\u2009M", 20 * MiB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, VS_SIZE_PARSE_DEFAULT, cases[i].bytes);
}

/* Zero is a fine allocation, never a capacity. */
static void
test_zero (void)
{
  const char *zeros[] = { "0", "0G", "0 bytes", "0.0 MiB", "000", "0.0001K" };

  for (guint i = 0; i < G_N_ELEMENTS (zeros); i++)
    {
      g_autoptr(GError) error = assert_refused (zeros[i], VS_SIZE_PARSE_DEFAULT,
                                                VS_SIZE_ERROR_ZERO);

      assert_parses (zeros[i], VS_SIZE_PARSE_ALLOW_ZERO, 0);
    }

  /* A minus sign is refused even before a zero. */
  {
    g_autoptr(GError) error = assert_refused ("-0", VS_SIZE_PARSE_ALLOW_ZERO,
                                              VS_SIZE_ERROR_NEGATIVE);
  }
}

static void
test_refused (void)
{
  static const Bad cases[] = {
    { NULL, VS_SIZE_ERROR_EMPTY },
    { "", VS_SIZE_ERROR_EMPTY },
    { "   ", VS_SIZE_ERROR_EMPTY },
    { "\u00a0\t", VS_SIZE_ERROR_EMPTY },
    { "-1", VS_SIZE_ERROR_NEGATIVE },
    { "-1G", VS_SIZE_ERROR_NEGATIVE },
    { " -0.5 T", VS_SIZE_ERROR_NEGATIVE },
    { "\u22123G", VS_SIZE_ERROR_NEGATIVE },
    { "abc", VS_SIZE_ERROR_INVALID },
    { "G", VS_SIZE_ERROR_INVALID },
    { "GiB", VS_SIZE_ERROR_INVALID },
    { ".", VS_SIZE_ERROR_INVALID },
    { ". G", VS_SIZE_ERROR_INVALID },
    { "+5G", VS_SIZE_ERROR_INVALID },
    { "1e30", VS_SIZE_ERROR_INVALID },
    { "1E+3", VS_SIZE_ERROR_INVALID },
    { "2.5e3", VS_SIZE_ERROR_INVALID },
    { "1e-3", VS_SIZE_ERROR_INVALID },
    { "1 0G", VS_SIZE_ERROR_INVALID },
    { "10G 5", VS_SIZE_ERROR_INVALID },
    { "10 G B", VS_SIZE_ERROR_INVALID },
    { "10G!", VS_SIZE_ERROR_INVALID },
    { "1..5G", VS_SIZE_ERROR_INVALID },
    { "1.5.2G", VS_SIZE_ERROR_INVALID },
    { "1.2.3", VS_SIZE_ERROR_INVALID },
    { "0x10", VS_SIZE_ERROR_INVALID },
    { "1,000 MB", VS_SIZE_ERROR_INVALID },
    { "1,5G", VS_SIZE_ERROR_INVALID },
    { "20 ГБ", VS_SIZE_ERROR_INVALID },
    { "10 XB", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 Gi", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 gigs", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 GiBB", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 GiBs", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 x", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 kbytes", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "10 Z", VS_SIZE_ERROR_UNKNOWN_UNIT },
    { "1.5", VS_SIZE_ERROR_FRACTIONAL_BYTES },
    { "1.5 B", VS_SIZE_ERROR_FRACTIONAL_BYTES },
    { "0.5 bytes", VS_SIZE_ERROR_FRACTIONAL_BYTES },
    { "16 EiB", VS_SIZE_ERROR_TOO_LARGE },
    { "16E", VS_SIZE_ERROR_TOO_LARGE },
    { "16 eib", VS_SIZE_ERROR_TOO_LARGE },
    { "19 EB", VS_SIZE_ERROR_TOO_LARGE },
    { "17179869184 G", VS_SIZE_ERROR_TOO_LARGE },
    { "100000 PiB", VS_SIZE_ERROR_TOO_LARGE },
    { "18446744073709551616", VS_SIZE_ERROR_TOO_LARGE },
    { "99999999999999999999999999", VS_SIZE_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = assert_refused (cases[i].text, VS_SIZE_PARSE_ALLOW_ZERO,
                                                cases[i].code);
    }
}

/* The messages say what was typed and what would work; the unit help
 * says which convention G follows. */
static void
test_messages (void)
{
  g_autoptr(GError) invalid = assert_refused ("abc", 0, VS_SIZE_ERROR_INVALID);
  g_autoptr(GError) exponent = assert_refused ("1e30", 0, VS_SIZE_ERROR_INVALID);
  g_autoptr(GError) unit = assert_refused ("10 XB", 0, VS_SIZE_ERROR_UNKNOWN_UNIT);
  g_autoptr(GError) large = assert_refused ("16 EiB", 0, VS_SIZE_ERROR_TOO_LARGE);
  g_autoptr(GError) negative = assert_refused ("-1", 0, VS_SIZE_ERROR_NEGATIVE);

  g_assert_nonnull (strstr (invalid->message, "“abc”"));
  g_assert_nonnull (strstr (invalid->message, "20G"));
  g_assert_nonnull (strstr (exponent->message, "“1e30”"));
  g_assert_nonnull (strstr (exponent->message, "exponent"));
  g_assert_nonnull (strstr (unit->message, "“XB”"));
  g_assert_nonnull (strstr (unit->message, "1024"));
  g_assert_nonnull (strstr (unit->message, "GiB"));
  g_assert_nonnull (strstr (unit->message, "1000"));
  g_assert_nonnull (strstr (large->message, "16 EiB"));
  g_assert_nonnull (strstr (negative->message, "“-1”"));
}

/* What the app shows (g_format_size with IEC units) reads back. */
static void
test_formatted_sizes (void)
{
  const guint64 sizes[] = { 1536, 20 * GiB, 512 * MiB, 3 * TiB, 4 * EiB };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = g_format_size_full (sizes[i], G_FORMAT_SIZE_IEC_UNITS);

      assert_parses (text, VS_SIZE_PARSE_DEFAULT, sizes[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/size/units", test_units);
  g_test_add_func ("/size/numbers", test_numbers);
  g_test_add_func ("/size/spaces", test_spaces);
  g_test_add_func ("/size/zero", test_zero);
  g_test_add_func ("/size/refused", test_refused);
  g_test_add_func ("/size/messages", test_messages);
  g_test_add_func ("/size/formatted-sizes", test_formatted_sizes);

  return g_test_run ();
}
