/* vs-format.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VS_FORMAT_ERROR (vs_format_error_quark ())

typedef enum
{
  VS_FORMAT_ERROR_EMPTY,
  VS_FORMAT_ERROR_INVALID,
  VS_FORMAT_ERROR_NEGATIVE,
  VS_FORMAT_ERROR_ZERO,
  VS_FORMAT_ERROR_UNKNOWN_UNIT,
  VS_FORMAT_ERROR_FRACTIONAL_BYTES,
  VS_FORMAT_ERROR_TOO_LARGE,
} VsFormatError;

typedef enum
{
  VS_PARSE_SIZE_DEFAULT    = 0,
  /* "0" is a valid answer (an allocation, for instance). */
  VS_PARSE_SIZE_ALLOW_ZERO = 1 << 0,
} VsParseSizeFlags;

GQuark    vs_format_error_quark  (void);

/* "10.0 GiB", "512 bytes": IEC units, the user's locale. */
char     *vs_format_size         (guint64            bytes);
/* @fraction is 0.42 for "42 %"; below 1 % but above 0 it says "< 1 %". */
char     *vs_format_percent      (double             fraction);
/* A time left, rounded as people say it: "45 s", "2 min", "1 h 5 min".
 * NULL when @seconds is negative (unknown). */
char     *vs_format_duration     (gint64             seconds);

/* Reads a size typed by a person: "10G", "10 GiB", "512m", "1.5T", "100"
 * (bytes), "10 GB" (decimal). One-letter units and the "iB" units are
 * binary (G = GiB = 2^30); "KB", "MB", "GB", "TB", "PB", "EB" are decimal.
 * Case does not matter. Rejects empty text, negative numbers, exponents,
 * unknown units, fractions of a byte, zero and anything of 16 EiB or more,
 * with a message that can be shown as it is. */
gboolean  vs_parse_size          (const char        *text,
                                  guint64           *bytes,
                                  GError           **error);
gboolean  vs_parse_size_full     (const char        *text,
                                  VsParseSizeFlags   flags,
                                  guint64           *bytes,
                                  GError           **error);

/* Orders names as people expect: case-insensitive for ASCII letters, and
 * runs of digits by their value, so "disk-2" comes before "disk-10". */
int       vs_natural_compare     (const char        *a,
                                  const char        *b);

G_END_DECLS
