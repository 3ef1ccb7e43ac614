/* vs-format.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "vs-format.h"

/* Fraction digits beyond this are ignored: at 1 EiB the ninth digit is
 * already about a gigabyte, and it keeps the arithmetic within 64 bits. */
#define MAX_FRACTION_DIGITS 9

G_DEFINE_QUARK (vs-format-error-quark, vs_format_error)

typedef struct
{
  const char *unit;
  guint64     multiplier;
} Unit;

#define KIB (G_GUINT64_CONSTANT (1) << 10)
#define MIB (G_GUINT64_CONSTANT (1) << 20)
#define GIB (G_GUINT64_CONSTANT (1) << 30)
#define TIB (G_GUINT64_CONSTANT (1) << 40)
#define PIB (G_GUINT64_CONSTANT (1) << 50)
#define EIB (G_GUINT64_CONSTANT (1) << 60)

/* Lower case; the input is folded before the lookup. */
static const Unit units[] = {
  { "", 1 }, { "b", 1 }, { "byte", 1 }, { "bytes", 1 },
  { "k", KIB }, { "ki", KIB }, { "kib", KIB }, { "kb", G_GUINT64_CONSTANT (1000) },
  { "m", MIB }, { "mi", MIB }, { "mib", MIB }, { "mb", G_GUINT64_CONSTANT (1000000) },
  { "g", GIB }, { "gi", GIB }, { "gib", GIB }, { "gb", G_GUINT64_CONSTANT (1000000000) },
  { "t", TIB }, { "ti", TIB }, { "tib", TIB }, { "tb", G_GUINT64_CONSTANT (1000000000000) },
  { "p", PIB }, { "pi", PIB }, { "pib", PIB }, { "pb", G_GUINT64_CONSTANT (1000000000000000) },
  { "e", EIB }, { "ei", EIB }, { "eib", EIB }, { "eb", G_GUINT64_CONSTANT (1000000000000000000) },
};

static gboolean
lookup_unit (const char *unit,
             guint64    *multiplier)
{
  g_autofree char *folded = g_ascii_strdown (unit, -1);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (strcmp (units[i].unit, folded) == 0)
        {
          *multiplier = units[i].multiplier;
          return TRUE;
        }
    }

  return FALSE;
}

/* Accepts "." always and the locale's decimal mark (the "," of "1,5 GiB"). */
static gboolean
skip_decimal_mark (const char **p)
{
  const char *locale_mark = localeconv ()->decimal_point;

  if (**p == '.')
    {
      (*p)++;
      return TRUE;
    }

  if (locale_mark != NULL && *locale_mark != '\0' &&
      strncmp (*p, locale_mark, strlen (locale_mark)) == 0)
    {
      *p += strlen (locale_mark);
      return TRUE;
    }

  return FALSE;
}

/* ASCII white space, and the no-break spaces that vs_format_size() (through
 * g_format_size()) puts between number and unit, so its text reads back. */
static void
skip_spaces (const char **p)
{
  for (;;)
    {
      if (g_ascii_isspace (**p))
        (*p)++;
      else if (g_str_has_prefix (*p, "\u00a0"))
        *p += strlen ("\u00a0");
      else if (g_str_has_prefix (*p, "\u202f"))
        *p += strlen ("\u202f");
      else
        break;
    }
}

static gboolean
set_too_large (GError     **error,
               const char  *text)
{
  g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_TOO_LARGE,
               _("“%s” is too large: a size must be below 16 EiB"), text);
  return FALSE;
}

char *
vs_format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
vs_format_percent (double fraction)
{
  if (!isfinite (fraction))
    return g_strdup ("—");

  if (fraction > 0 && fraction < 0.01)
    /* Translators: a percentage below one per cent */
    return g_strdup (_("<1%"));

  /* Translators: a percentage; add a (non-breaking) space before %% if your
   * language writes one */
  return g_strdup_printf (_("%.0f%%"), MAX (fraction, 0) * 100.0);
}

char *
vs_format_duration (gint64 seconds)
{
  gint64 minutes;

  if (seconds < 0)
    return NULL;

  if (seconds < 60)
    /* Translators: a duration in seconds, "45 s" */
    return g_strdup_printf (_("%u s"), (guint) seconds);

  minutes = (seconds + 30) / 60;
  if (minutes < 60)
    /* Translators: a duration in minutes, "2 min" */
    return g_strdup_printf (_("%u min"), (guint) minutes);

  /* Translators: a duration in hours and minutes, "1 h 5 min" */
  return g_strdup_printf (_("%u h %u min"), (guint) (minutes / 60), (guint) (minutes % 60));
}

gboolean
vs_parse_size (const char  *text,
               guint64     *bytes,
               GError     **error)
{
  return vs_parse_size_full (text, VS_PARSE_SIZE_DEFAULT, bytes, error);
}

gboolean
vs_parse_size_full (const char        *text,
                    VsParseSizeFlags   flags,
                    guint64           *bytes,
                    GError           **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *unit = NULL;
  const char *p;
  const char *unit_start;
  guint64 integer = 0;
  guint64 fraction = 0;
  guint64 fraction_scale = 1;
  guint64 multiplier;
  guint64 total;
  guint64 fraction_bytes;
  guint digits = 0;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  p = stripped;

  if (*p == '\0')
    {
      g_set_error_literal (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_EMPTY,
                           _("Enter a size, like 10 GiB"));
      return FALSE;
    }

  if (*p == '-' || g_str_has_prefix (p, "−"))
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_NEGATIVE,
                   _("“%s” is negative: a size must be zero or more"), stripped);
      return FALSE;
    }

  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      if (!g_uint64_checked_mul (&integer, integer, 10) ||
          !g_uint64_checked_add (&integer, integer, *p - '0'))
        return set_too_large (error, stripped);
    }

  if (skip_decimal_mark (&p))
    {
      guint fraction_digits = 0;

      for (; g_ascii_isdigit (*p); p++, digits++)
        {
          if (fraction_digits == MAX_FRACTION_DIGITS)
            continue;
          fraction = fraction * 10 + (guint64) (*p - '0');
          fraction_scale *= 10;
          fraction_digits++;
        }
    }

  if (digits == 0)
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_INVALID,
                   _("“%s” is not a size: write a number and a unit, like 10 GiB, 512M or 1.5T"),
                   stripped);
      return FALSE;
    }

  skip_spaces (&p);

  unit_start = p;
  while (g_ascii_isalpha (*p))
    p++;
  unit = g_strndup (unit_start, p - unit_start);

  if ((unit[0] == 'e' || unit[0] == 'E') && unit[1] == '\0' &&
      (g_ascii_isdigit (*p) || *p == '+' || *p == '-'))
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_INVALID,
                   _("“%s” uses an exponent: write the size with a unit instead, like 10 GiB"),
                   stripped);
      return FALSE;
    }

  skip_spaces (&p);

  if (*p != '\0')
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_INVALID,
                   _("“%s” is not a size: write a number and a unit, like 10 GiB, 512M or 1.5T"),
                   stripped);
      return FALSE;
    }

  if (!lookup_unit (unit, &multiplier))
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_UNKNOWN_UNIT,
                   _("“%s” is not a unit: use K, M, G, T, P or E (KiB, MiB, GiB…), "
                     "KB, MB, GB… for powers of 1000, or nothing for bytes"),
                   unit);
      return FALSE;
    }

  if (multiplier == 1 && fraction != 0)
    {
      g_set_error (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_FRACTIONAL_BYTES,
                   _("“%s” is a fraction of a byte: a size in bytes must be a whole number"),
                   stripped);
      return FALSE;
    }

  if (!g_uint64_checked_mul (&total, integer, multiplier))
    return set_too_large (error, stripped);

  /* fraction × multiplier ÷ fraction_scale, rounded, without overflowing:
   * split the multiplier into whole multiples of the scale and a rest. */
  {
    guint64 quotient = multiplier / fraction_scale;
    guint64 rest = multiplier % fraction_scale;

    if (!g_uint64_checked_mul (&fraction_bytes, fraction, quotient))
      return set_too_large (error, stripped);
    fraction_bytes += (fraction * rest + fraction_scale / 2) / fraction_scale;
  }

  if (!g_uint64_checked_add (&total, total, fraction_bytes))
    return set_too_large (error, stripped);

  if (total == 0 && !(flags & VS_PARSE_SIZE_ALLOW_ZERO))
    {
      g_set_error_literal (error, VS_FORMAT_ERROR, VS_FORMAT_ERROR_ZERO,
                           _("The size must be more than zero"));
      return FALSE;
    }

  *bytes = total;
  return TRUE;
}

int
vs_natural_compare (const char *a,
                    const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *end_a, *end_b;
          gsize len_a, len_b;
          int cmp;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (end_a = a; g_ascii_isdigit (*end_a); end_a++)
            ;
          for (end_b = b; g_ascii_isdigit (*end_b); end_b++)
            ;

          len_a = end_a - a;
          len_b = end_b - b;
          if (len_a != len_b)
            return len_a < len_b ? -1 : 1;
          if ((cmp = strncmp (a, b, len_a)) != 0)
            return cmp;

          a = end_a;
          b = end_b;
          continue;
        }

      if (g_ascii_tolower (*a) != g_ascii_tolower (*b))
        return (guchar) g_ascii_tolower (*a) < (guchar) g_ascii_tolower (*b) ? -1 : 1;

      a++;
      b++;
    }

  return (*a != '\0') - (*b != '\0');
}
