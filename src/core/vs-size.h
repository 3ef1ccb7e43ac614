/* vs-size.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VS_SIZE_ERROR (vs_size_error_quark ())

typedef enum
{
  VS_SIZE_ERROR_EMPTY,
  VS_SIZE_ERROR_INVALID,
  VS_SIZE_ERROR_NEGATIVE,
  VS_SIZE_ERROR_ZERO,
  VS_SIZE_ERROR_TOO_LARGE,
  VS_SIZE_ERROR_UNKNOWN_UNIT,
  VS_SIZE_ERROR_FRACTIONAL_BYTES,
} VsSizeError;

typedef enum
{
  VS_SIZE_PARSE_DEFAULT    = 0,
  /* Accept 0 (an allocation may be zero; a capacity may not). */
  VS_SIZE_PARSE_ALLOW_ZERO = 1 << 0,
} VsSizeParseFlags;

GQuark   vs_size_error_quark (void);

/* Parses a size a person typed: a number, an optional unit, spaces
 * anywhere around them ("20G", "20 GiB", "512m", "1.5T", "10 gb",
 * "1048576"). The decimal mark is "." or the locale's own ("1,5 G").
 *
 * Units follow libvirt (virsh, the volume XML's unit attribute), in any
 * case: a bare letter K, M, G, T, P, E and its IEC name (KiB ... EiB) are
 * powers of 1024, so "20G" is what `virsh vol-create-as` and `qemu-img
 * create` make of it; the two-letter names KB, MB, GB ... are powers of
 * 1000; B, byte, bytes or nothing is bytes. The error messages say so.
 *
 * Refused, each with its own code and a message fit for a person: empty
 * text, anything else than one number and one unit ("abc", "1e30", "1 0G"),
 * a negative number, zero (unless @flags has VS_SIZE_PARSE_ALLOW_ZERO), a
 * fraction of a byte, and anything from 16 EiB up (no longer fits 64 bits).
 * Fractions of larger units are rounded to the nearest byte. */
gboolean vs_size_parse       (const char        *text,
                              VsSizeParseFlags   flags,
                              guint64           *bytes,
                              GError           **error);

G_END_DECLS
