/* vs-format.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "vs-format.h"

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
