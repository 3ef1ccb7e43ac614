/* test-uri.c: connection URIs: checks, building, how hosts are named
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-uri"

#include "config.h"

#include <string.h>

#include "vs-test-utils.h"
#include "vs-uri.h"

static void
test_validate (void)
{
  const char *good[] = { "qemu:///system", "test:///default", "qemu+ssh://u@h:22/system?keyfile=/k",
                         "bogus:///", "xen+tls://h.example.com/" };
  const char *bad[] = { "", "qemu", "///system", "qemu :///system", "qe mu:///x", "q_e://x",
                        "qemu:///sys tem", ":///" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (vs_uri_validate (good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vs_uri_validate (bad[i], &error));
      g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI);
    }
}

static void
test_build (void)
{
  g_autofree char *local_user = g_strdup_printf ("qemu+libssh://%s@host/system", g_get_user_name ());
  struct {
    VsUriTransport transport;
    const char *user, *host, *port;
    gboolean session;
    const char *uri;
  } good[] = {
    { VS_URI_TRANSPORT_LIBSSH, "root", "host", NULL, FALSE, "qemu+libssh://root@host/system" },
    { VS_URI_TRANSPORT_LIBSSH, "", "host", "", FALSE, local_user },
    { VS_URI_TRANSPORT_LIBSSH, "vstest", "127.0.0.1", "2292", TRUE, "qemu+libssh://vstest@127.0.0.1:2292/session" },
    { VS_URI_TRANSPORT_SSH, "", "host.example.com", "", FALSE, "qemu+ssh://host.example.com/system" },
    { VS_URI_TRANSPORT_SSH, NULL, "192.168.1.10", "2222", FALSE, "qemu+ssh://192.168.1.10:2222/system" },
    { VS_URI_TRANSPORT_SSH, "admin", " host ", " 22 ", FALSE, "qemu+ssh://admin@host:22/system" },
    { VS_URI_TRANSPORT_SSH, NULL, "fe80::1", "1", FALSE, "qemu+ssh://[fe80::1]:1/system" },
    { VS_URI_TRANSPORT_SSH, NULL, "h", "65535", TRUE, "qemu+ssh://h:65535/session" },
    { VS_URI_TRANSPORT_TLS, "ignored", "h.example.com", NULL, FALSE, "qemu+tls://h.example.com/system" },
    { VS_URI_TRANSPORT_TCP, NULL, "10.0.0.5", "16510", TRUE, "qemu+tcp://10.0.0.5:16510/session" },
  };
  struct {
    const char *user, *host, *port;
  } bad[] = {
    { "root", "", NULL },
    { "root", "   ", NULL },
    { "root", "host", "0" },
    { "root", "host", "65536" },
    { "root", "host", "-1" },
    { "root", "host", "22 22" },
    { "root", "host", "abc" },
    { "root", "ho st", NULL },
    { "root", "host/path", NULL },
    { "ro ot", "host", NULL },
    { "root@x", "host", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = vs_uri_build_remote (good[i].transport, good[i].user, good[i].host,
                                                  good[i].port, good[i].session, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, good[i].uri);
      g_assert_cmpint (vs_uri_get_transport (uri), ==, good[i].transport);
      g_assert_true (vs_uri_is_remote (uri));
    }

  for (guint t = VS_URI_TRANSPORT_LIBSSH; t <= VS_URI_TRANSPORT_TCP; t++)
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *uri = NULL;

        /* TLS and TCP take no user name. */
        if ((t == VS_URI_TRANSPORT_TLS || t == VS_URI_TRANSPORT_TCP) && g_strcmp0 (bad[i].user, "root") != 0)
          continue;
        uri = vs_uri_build_remote (t, bad[i].user, bad[i].host, bad[i].port, FALSE, &error);
        g_assert_null (uri);
        g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_INVALID_URI);
      }
}

/* What a row, a header, the connection page and the credentials dialog
 * call a host: never the query string, the port only when it is not the
 * transport's own. */
static void
test_display_names (void)
{
  struct {
    const char *uri, *name, *transport;
    VsUriTransport kind;
  } table[] = {
    { "qemu:///system", "Local system", "This computer", VS_URI_TRANSPORT_LOCAL },
    { "qemu:///session", "Local session", "This computer", VS_URI_TRANSPORT_LOCAL },
    { "qemu+unix:///system?socket=/run/x.sock", "Local system", "This computer", VS_URI_TRANSPORT_LOCAL },
    /* Not this computer: pools that live in libvirt's memory. */
    { "test:///default", "Test driver", "Built into libvirt", VS_URI_TRANSPORT_LOCAL },
    { "test:///srv/fixtures/node.xml", "Test driver", "Built into libvirt", VS_URI_TRANSPORT_LOCAL },
    { "TEST:///default", "Test driver", "Built into libvirt", VS_URI_TRANSPORT_LOCAL },
    { "qemu+ssh://root@host.example.com/system", "root@host.example.com", "OpenSSH · system", VS_URI_TRANSPORT_SSH },
    { "qemu+ssh://root@127.0.0.1:2222/system?keyfile=/tmp/k&no_verify=1&no_tty=1",
      "root@127.0.0.1:2222", "OpenSSH · system", VS_URI_TRANSPORT_SSH },
    { "qemu+ssh://host/system?keyfile=/k", "host", "OpenSSH · system", VS_URI_TRANSPORT_SSH },
    { "qemu+libssh://vstest@127.0.0.1:2292/session", "vstest@127.0.0.1:2292", "SSH · session", VS_URI_TRANSPORT_LIBSSH },
    { "qemu+libssh://vstest@127.0.0.1:2292/session?known_hosts_verify=ignore",
      "vstest@127.0.0.1:2292", "SSH · session", VS_URI_TRANSPORT_LIBSSH },
    { "qemu+libssh://admin@h.example.com:22/system", "admin@h.example.com", "SSH · system", VS_URI_TRANSPORT_LIBSSH },
    { "qemu+ssh://[fe80::1]:2222/system", "[fe80::1]:2222", "OpenSSH · system", VS_URI_TRANSPORT_SSH },
    { "qemu+tls://h.example.com/system", "h.example.com", "TLS · system", VS_URI_TRANSPORT_TLS },
    { "qemu+tls://h.example.com:16514/system?pkipath=/x", "h.example.com", "TLS · system", VS_URI_TRANSPORT_TLS },
    { "qemu://h.example.com:16515/system", "h.example.com:16515", "TLS · system", VS_URI_TRANSPORT_TLS },
    { "qemu+tcp://10.0.0.5/system", "10.0.0.5", "TCP, unencrypted · system", VS_URI_TRANSPORT_TCP },
    { "qemu+tcp://10.0.0.5:16509/session?x=1", "10.0.0.5", "TCP, unencrypted · session", VS_URI_TRANSPORT_TCP },
    { "qemu+tcp://10.0.0.5:16510/system", "10.0.0.5:16510", "TCP, unencrypted · system", VS_URI_TRANSPORT_TCP },
    { "xen+libssh2://root@h/", "root@h", "libssh2", VS_URI_TRANSPORT_OTHER },
    { "qemu:///embed?root=/tmp/x", "qemu:///embed", "This computer", VS_URI_TRANSPORT_LOCAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *name = vs_uri_dup_display_name (table[i].uri);
      g_autofree char *transport = vs_uri_dup_transport_label (table[i].uri);

      g_test_message ("%s", table[i].uri);
      g_assert_cmpstr (name, ==, table[i].name);
      g_assert_cmpstr (transport, ==, table[i].transport);
      g_assert_cmpint (vs_uri_get_transport (table[i].uri), ==, table[i].kind);
      g_assert_null (strchr (name, '?'));
    }
}

static void
test_default_ports (void)
{
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_LIBSSH), ==, 22);
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_SSH), ==, 22);
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_TLS), ==, 16514);
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_TCP), ==, 16509);
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_LOCAL), ==, -1);
  g_assert_cmpint (vs_uri_get_default_port (VS_URI_TRANSPORT_OTHER), ==, -1);
}

static void
test_known_hosts (void)
{
  g_autofree char *fallback = g_build_filename (g_get_user_config_dir (), "libvirt", "known_hosts", NULL);
  g_autofree char *given = vs_uri_dup_known_hosts_path ("qemu+libssh://u@h/system?known_hosts=/tmp/a%20b&x=1");
  g_autofree char *plain = vs_uri_dup_known_hosts_path ("qemu+libssh://u@h/system");

  g_assert_cmpstr (given, ==, "/tmp/a b");
  g_assert_cmpstr (plain, ==, fallback);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  g_test_add_func ("/uri/validate", test_validate);
  g_test_add_func ("/uri/build", test_build);
  g_test_add_func ("/uri/display-names", test_display_names);
  g_test_add_func ("/uri/default-ports", test_default_ports);
  g_test_add_func ("/uri/known-hosts", test_known_hosts);

  return g_test_run ();
}
