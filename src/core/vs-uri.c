/* vs-uri.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-uri"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vs-error.h"
#include "vs-uri.h"

static gboolean
valid_host (const char *host)
{
  gboolean colon = FALSE;

  /* An IPv6 literal has colons; g_uri_join() brackets it. */
  for (const char *c = host; *c; c++)
    {
      if (*c == ':')
        colon = TRUE;
      else if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-' && *c != '_')
        return FALSE;
    }

  if (colon)
    {
      for (const char *c = host; *c; c++)
        if (!g_ascii_isxdigit (*c) && *c != ':' && *c != '.')
          return FALSE;
    }

  return host[0] != '-' && host[0] != '.';
}

static gboolean
parse_port (const char  *port,
            int         *number,
            GError     **error)
{
  guint64 value = 0;

  for (const char *c = port; *c; c++)
    if (!g_ascii_isdigit (*c))
      goto invalid;

  value = g_ascii_strtoull (port, NULL, 10);
  if (value < 1 || value > 65535)
    goto invalid;

  *number = (int) value;
  return TRUE;

invalid:
  g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                       _("The port must be a number from 1 to 65535"));
  return FALSE;
}

gboolean
vs_uri_validate (const char  *uri,
                 GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (uri == NULL || *uri == '\0')
    {
      g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                           _("Enter a connection URI, such as qemu:///system"));
      return FALSE;
    }

  for (const char *c = uri; *c; c++)
    if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
      {
        g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                             _("A connection URI cannot contain spaces"));
        return FALSE;
      }

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    {
      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                   _("“%s” is not a URI: it needs a driver name such as qemu:// or test://"),
                   uri);
      return FALSE;
    }

  scheme = g_uri_get_scheme (parsed);
  for (const char *c = scheme; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '+' && *c != '-' && *c != '.')
      {
        g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                     _("“%s” is not a valid driver name"), scheme);
        return FALSE;
      }

  return TRUE;
}

gboolean
vs_uri_is_remote (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return FALSE;

  host = g_uri_get_host (parsed);
  return host != NULL && *host != '\0';
}

char *
vs_uri_build_ssh (const char  *user,
                  const char  *host,
                  const char  *port,
                  GError     **error)
{
  g_autofree char *clean_user = g_strstrip (g_strdup (user ? user : ""));
  g_autofree char *clean_host = g_strstrip (g_strdup (host ? host : ""));
  g_autofree char *clean_port = g_strstrip (g_strdup (port ? port : ""));
  int port_number = -1;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*clean_host == '\0')
    {
      g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                           _("Enter the name or address of the remote host"));
      return NULL;
    }

  if (!valid_host (clean_host))
    {
      g_set_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                   _("“%s” is not a host name or address"), clean_host);
      return NULL;
    }

  for (const char *c = clean_user; *c; c++)
    if (g_ascii_isspace (*c) || *c == '@' || *c == ':' || *c == '/')
      {
        g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI,
                             _("The user name cannot contain spaces, “@”, “:” or “/”"));
        return NULL;
      }

  if (*clean_port != '\0' && !parse_port (clean_port, &port_number, error))
    return NULL;

  return g_uri_join (G_URI_FLAGS_NONE, "qemu+ssh",
                     *clean_user != '\0' ? clean_user : NULL,
                     clean_host, port_number, "/system", NULL, NULL);
}
