/* vs-format.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "10.0 GiB", "512 bytes": IEC units, the user's locale. */
char     *vs_format_size         (guint64            bytes);
/* @fraction is 0.42 for "42 %"; below 1 % but above 0 it says "< 1 %". */
char     *vs_format_percent      (double             fraction);
/* A time left, rounded as people say it: "45 s", "2 min", "1 h 5 min".
 * NULL when @seconds is negative (unknown). */
char     *vs_format_duration     (gint64             seconds);

/* Orders names as people expect: case-insensitive for ASCII letters, and
 * runs of digits by their value, so "disk-2" comes before "disk-10". */
int       vs_natural_compare     (const char        *a,
                                  const char        *b);

G_END_DECLS
