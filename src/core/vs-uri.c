/* vs-uri.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-uri"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vs-error.h"
#include "vs-uri.h"

static const struct
{
  const char     *name;        /* after the "+" of the scheme */
  VsUriTransport  transport;
  int             default_port;
} transports[] = {
  { "libssh", VS_URI_TRANSPORT_LIBSSH, 22 },
  { "ssh",    VS_URI_TRANSPORT_SSH,    22 },
  { "tls",    VS_URI_TRANSPORT_TLS,    16514 },
  { "tcp",    VS_URI_TRANSPORT_TCP,    16509 },
  { "unix",   VS_URI_TRANSPORT_LOCAL,  -1 },
};

static GUri *
parse (const char *uri)
{
  return g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
}

static gboolean
has_host (GUri *parsed)
{
  const char *host = g_uri_get_host (parsed);

  return host != NULL && *host != '\0';
}

static VsUriTransport
transport_of (GUri *parsed)
{
  const char *plus = strchr (g_uri_get_scheme (parsed), '+');

  /* No transport named: libvirt uses TLS for a host, a socket otherwise. */
  if (plus == NULL)
    return has_host (parsed) ? VS_URI_TRANSPORT_TLS : VS_URI_TRANSPORT_LOCAL;

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    if (g_ascii_strcasecmp (plus + 1, transports[i].name) == 0)
      return transports[i].transport;

  return VS_URI_TRANSPORT_OTHER;
}

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

  parsed = parse (uri);
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

  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = parse (uri);
  return parsed != NULL && has_host (parsed);
}


VsUriTransport
vs_uri_get_transport (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (uri != NULL, VS_URI_TRANSPORT_OTHER);

  parsed = parse (uri);
  if (parsed == NULL)
    return VS_URI_TRANSPORT_OTHER;

  return transport_of (parsed);
}

int
vs_uri_get_default_port (VsUriTransport transport)
{
  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    if (transports[i].transport == transport)
      return transports[i].default_port;

  return -1;
}

char *
vs_uri_build_remote (VsUriTransport   transport,
                     const char      *user,
                     const char      *host,
                     const char      *port,
                     gboolean         session,
                     GError         **error)
{
  g_autofree char *clean_user = g_strstrip (g_strdup (user ? user : ""));
  g_autofree char *clean_host = g_strstrip (g_strdup (host ? host : ""));
  g_autofree char *clean_port = g_strstrip (g_strdup (port ? port : ""));
  g_autofree char *scheme = NULL;
  int port_number = -1;

  g_return_val_if_fail (transport == VS_URI_TRANSPORT_LIBSSH || transport == VS_URI_TRANSPORT_SSH ||
                        transport == VS_URI_TRANSPORT_TLS || transport == VS_URI_TRANSPORT_TCP, NULL);
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

  if (transport == VS_URI_TRANSPORT_LIBSSH && *clean_user == '\0')
    {
      g_free (clean_user);
      clean_user = g_strdup (g_get_user_name ());
    }
  else if (transport == VS_URI_TRANSPORT_TLS || transport == VS_URI_TRANSPORT_TCP)
    clean_user[0] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    if (transports[i].transport == transport)
      scheme = g_strconcat ("qemu+", transports[i].name, NULL);

  return g_uri_join (G_URI_FLAGS_NONE, scheme,
                     *clean_user != '\0' ? clean_user : NULL,
                     clean_host, port_number, session ? "/session" : "/system", NULL, NULL);
}

static gboolean
is_test_driver (GUri *parsed)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (parsed), "test") == 0;
}

char *
vs_uri_dup_display_name (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  const char *path;
  GString *name;
  int port;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
  if (parsed == NULL)
    return g_strndup (uri, strcspn (uri, "?"));

  path = g_uri_get_path (parsed);
  if (!has_host (parsed))
    {
      /* libvirt's test driver reports this machine's name, which would
       * make it look like the local system. */
      if (is_test_driver (parsed))
        /* Translators: libvirt's test driver, a pretend host inside libvirt (test:///default) */
        return g_strdup (_("Test driver"));
      if (g_strcmp0 (path, "/system") == 0)
        return g_strdup (_("Local system"));
      if (g_strcmp0 (path, "/session") == 0)
        return g_strdup (_("Local session"));
      return g_strndup (uri, strcspn (uri, "?"));
    }

  name = g_string_new (NULL);
  if (g_uri_get_user (parsed) != NULL && *g_uri_get_user (parsed) != '\0')
    g_string_append_printf (name, "%s@", g_uri_get_user (parsed));

  host = g_strdup (g_uri_get_host (parsed));
  if (strchr (host, ':') != NULL)
    g_string_append_printf (name, "[%s]", host);
  else
    g_string_append (name, host);

  port = g_uri_get_port (parsed);
  if (port > 0 && port != vs_uri_get_default_port (transport_of (parsed)))
    g_string_append_printf (name, ":%d", port);

  return g_string_free (name, FALSE);
}

char *
vs_uri_dup_transport_label (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *transport;
  const char *instance = NULL;
  const char *path;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = parse (uri);
  if (parsed == NULL)
    return g_strdup ("");

  switch (transport_of (parsed))
    {
    case VS_URI_TRANSPORT_LOCAL:
      /* Its pools live in libvirt's memory, not on this computer. */
      if (is_test_driver (parsed))
        /* Translators: how the test driver is reached: it is part of libvirt itself */
        return g_strdup (_("Built into libvirt"));
      return g_strdup (_("This computer"));
    case VS_URI_TRANSPORT_LIBSSH:
      /* Translators: libvirt's built-in SSH client, as opposed to OpenSSH */
      transport = _("SSH");
      break;
    case VS_URI_TRANSPORT_SSH:
      transport = _("OpenSSH");
      break;
    case VS_URI_TRANSPORT_TLS:
      transport = _("TLS");
      break;
    case VS_URI_TRANSPORT_TCP:
      transport = _("TCP, unencrypted");
      break;
    case VS_URI_TRANSPORT_OTHER:
    default:
      transport = strchr (g_uri_get_scheme (parsed), '+');
      transport = transport != NULL ? transport + 1 : g_uri_get_scheme (parsed);
      break;
    }

  path = g_uri_get_path (parsed);
  if (g_strcmp0 (path, "/system") == 0)
    /* Translators: libvirt's system-wide instance on a host */
    instance = C_("libvirt instance", "system");
  else if (g_strcmp0 (path, "/session") == 0)
    /* Translators: a user's own libvirt instance on a host */
    instance = C_("libvirt instance", "session");

  if (instance == NULL)
    return g_strdup (transport);

  /* Translators: how a host is reached, then which libvirt on it, e.g. "SSH · system" */
  return g_strdup_printf (_("%s · %s"), transport, instance);
}

char *
vs_uri_dup_known_hosts_path (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *path = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = parse (uri);
  query = parsed != NULL ? g_uri_get_query (parsed) : NULL;
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL)
    path = g_hash_table_lookup (params, "known_hosts");

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (g_get_user_config_dir (), "libvirt", "known_hosts", NULL);
}
