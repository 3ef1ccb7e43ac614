/* vs-size.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-size"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vs-size.h"

/* Fraction digits past this are dropped: at 1 EiB the ninth one is about
 * a gigabyte already, and it keeps the arithmetic within 64 bits. */
#define FRACTION_DIGITS_MAX 9

/* The unit prefixes, by power: k = 1, m = 2, ... e = 6. */
static const char unit_prefixes[] = "kmgtpe";

typedef struct
{
  const char *p;
  guint64     whole;
  guint64     fraction;
  guint64     fraction_scale;    /* 10^(fraction digits kept) */
  guint       digits;            /* on both sides of the mark */
  guint       fraction_digits;   /* kept */
  gboolean    overflow;
} Scan;

G_DEFINE_QUARK (vs-size-error-quark, vs_size_error)

/* Sets @error and evaluates to FALSE, for `return FAIL (...)`. */
#define FAIL(code, ...) (g_set_error (error, VS_SIZE_ERROR, (code), __VA_ARGS__), FALSE)

/* Besides ASCII white space, the no-break and thin spaces that formatted
 * sizes carry (g_format_size() puts one between number and unit). */
static gsize
space_length (const char *p)
{
  static const char * const wide_spaces[] = { "\u00a0", "\u202f", "\u2009" };

  if (g_ascii_isspace (*p))
    return 1;

  for (guint i = 0; i < G_N_ELEMENTS (wide_spaces); i++)
    if (g_str_has_prefix (p, wide_spaces[i]))
      return strlen (wide_spaces[i]);

  return 0;
}

static const char *
skip_spaces (const char *p)
{
  gsize len;

  while ((len = space_length (p)) > 0)
    p += len;

  return p;
}

/* "." always; the locale's mark too, so that "1,5 G" works where people
 * write it that way. */
static gsize
decimal_mark_length (const char *p)
{
  const char *mark = localeconv ()->decimal_point;

  if (*p == '.')
    return 1;
  if (mark != NULL && *mark != '\0' && g_str_has_prefix (p, mark))
    return strlen (mark);

  return 0;
}

static void
scan_number (Scan *scan)
{
  gsize mark;

  for (; g_ascii_isdigit (*scan->p); scan->p++, scan->digits++)
    {
      if (!g_uint64_checked_mul (&scan->whole, scan->whole, 10) ||
          !g_uint64_checked_add (&scan->whole, scan->whole, (guint64) (*scan->p - '0')))
        scan->overflow = TRUE;
    }

  scan->fraction_scale = 1;
  if ((mark = decimal_mark_length (scan->p)) == 0)
    return;

  for (scan->p += mark; g_ascii_isdigit (*scan->p); scan->p++, scan->digits++)
    {
      if (scan->fraction_digits == FRACTION_DIGITS_MAX)
        continue;
      scan->fraction = scan->fraction * 10 + (guint64) (*scan->p - '0');
      scan->fraction_scale *= 10;
      scan->fraction_digits++;
    }
}

static gboolean
unit_is (const char *unit,
         gsize       len,
         const char *name)
{
  return strlen (name) == len && g_ascii_strncasecmp (unit, name, len) == 0;
}

/* libvirt's rules (virScaleInteger): a letter alone or followed by "iB"
 * counts in 1024s, followed by "B" in 1000s; any case. */
static gboolean
unit_multiplier (const char *unit,
                 gsize       len,
                 guint64    *multiplier)
{
  const char *prefix;
  guint64 base;
  guint64 value = 1;

  if (len == 0 || unit_is (unit, len, "b") || unit_is (unit, len, "byte") ||
      unit_is (unit, len, "bytes"))
    {
      *multiplier = 1;
      return TRUE;
    }

  prefix = strchr (unit_prefixes, g_ascii_tolower (unit[0]));
  if (prefix == NULL)
    return FALSE;

  if (len == 1 || (len == 3 && g_ascii_strncasecmp (unit + 1, "ib", 2) == 0))
    base = 1024;
  else if (len == 2 && g_ascii_tolower (unit[1]) == 'b')
    base = 1000;
  else
    return FALSE;

  for (const char *p = unit_prefixes; p <= prefix; p++)
    value *= base;

  *multiplier = value;
  return TRUE;
}

gboolean
vs_size_parse (const char        *text,
               VsSizeParseFlags   flags,
               guint64           *bytes,
               GError           **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *unit_text = NULL;
  const char *start, *end, *unit;
  Scan scan = { 0 };
  guint64 multiplier, total, part;
  gsize unit_len;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  start = skip_spaces (text != NULL ? text : "");
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || space_length (prev) != (gsize) (end - prev))
        break;
      end = prev;
    }

  if (start == end)
    {
      g_set_error_literal (error, VS_SIZE_ERROR, VS_SIZE_ERROR_EMPTY,
                           _("Enter a size, like 20G or 20 GiB"));
      return FALSE;
    }

  shown = g_strndup (start, end - start);

  if (*start == '-' || g_str_has_prefix (start, "\u2212"))
    return FAIL (VS_SIZE_ERROR_NEGATIVE,
                 _("“%s” is negative: a size cannot be below zero"), shown);

  scan.p = shown;
  scan_number (&scan);
  if (scan.digits == 0)
    return FAIL (VS_SIZE_ERROR_INVALID,
                 _("“%s” is not a size: write a number and a unit, like 20G, 20 GiB or 1.5T"),
                 shown);

  unit = skip_spaces (scan.p);
  for (unit_len = 0; g_ascii_isalpha (unit[unit_len]); unit_len++)
    ;

  /* "1e30" reads as 1 EiB followed by junk: say what is wrong with it. */
  if (unit_len == 1 && g_ascii_tolower (unit[0]) == 'e' &&
      (g_ascii_isdigit (unit[1]) || unit[1] == '+' || unit[1] == '-'))
    return FAIL (VS_SIZE_ERROR_INVALID,
                 _("“%s” uses an exponent: write the size with a unit instead, like 20G"),
                 shown);

  if (*skip_spaces (unit + unit_len) != '\0')
    return FAIL (VS_SIZE_ERROR_INVALID,
                 _("“%s” is not a size: write a number and a unit, like 20G, 20 GiB or 1.5T"),
                 shown);

  unit_text = g_strndup (unit, unit_len);
  if (!unit_multiplier (unit, unit_len, &multiplier))
    return FAIL (VS_SIZE_ERROR_UNKNOWN_UNIT,
                 _("“%s” is not a unit: use K, M, G, T, P or E, which count in 1024s "
                   "as in libvirt (G is GiB), KB, MB, GB… for powers of 1000, or "
                   "none for bytes"),
                 unit_text);

  if (multiplier == 1 && scan.fraction != 0)
    return FAIL (VS_SIZE_ERROR_FRACTIONAL_BYTES,
                 _("“%s” is a fraction of a byte: write whole bytes, or add a unit "
                   "such as M or G"),
                 shown);

  /* whole × multiplier + fraction × multiplier ÷ scale, the second part
   * as (fraction × (multiplier ÷ scale)) + (fraction × (multiplier mod
   * scale) ÷ scale), rounded: no intermediate exceeds 64 bits. */
  if (scan.overflow || !g_uint64_checked_mul (&total, scan.whole, multiplier))
    return FAIL (VS_SIZE_ERROR_TOO_LARGE,
                 _("“%s” is too large: a size must be below 16 EiB"), shown);

  part = scan.fraction * (multiplier / scan.fraction_scale) +
         (scan.fraction * (multiplier % scan.fraction_scale) + scan.fraction_scale / 2) /
         scan.fraction_scale;
  if (!g_uint64_checked_add (&total, total, part))
    return FAIL (VS_SIZE_ERROR_TOO_LARGE,
                 _("“%s” is too large: a size must be below 16 EiB"), shown);

  if (total == 0 && !(flags & VS_SIZE_PARSE_ALLOW_ZERO))
    {
      g_set_error_literal (error, VS_SIZE_ERROR, VS_SIZE_ERROR_ZERO,
                           _("The size must be larger than zero"));
      return FALSE;
    }

  *bytes = total;
  return TRUE;
}
