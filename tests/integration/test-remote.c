/* test-remote.c: the same daemon reached as a remote host: qemu+ssh:// with
 * the test's key, and qemu+libssh:// (the add-connection dialog's SSH) as a
 * user that logs in with a password, host key questions included
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-remote"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <libvirt/libvirt.h>

#include "vs-connection-manager.h"
#include "vs-credential-request.h"
#include "vs-test-ssh-utils.h"
#include "vs-test-utils.h"
#include "vs-uri.h"
#include "vs-worker.h"

static char *
ssh_skip_reason (void)
{
  const char *uri = g_getenv ("VS_TEST_SSH_URI");

  if (uri == NULL || *uri == '\0')
    return g_strdup ("VS_TEST_SSH_URI is not set (build-aux/test sets it when it can run an sshd)");

  return NULL;
}

typedef struct
{
  VsConnection *connection;
  const char   *name;
  VsPoolState   state;
} PoolWait;

static gboolean
pool_in_state (gpointer data)
{
  PoolWait *wait = data;
  VsPool *pool = vs_connection_find_pool (wait->connection, wait->name);

  return pool != NULL && vs_pool_get_state (pool) == wait->state;
}

/* A pool made on the host shows up over ssh, with its volumes, and follows
 * events that travel over the ssh link. */
static void
test_ssh_lists_pools (void)
{
  const char *ssh_uri = g_getenv ("VS_TEST_SSH_URI");
  g_autofree char *name = vs_test_it_name ("remote");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "remote", NULL);
  g_autofree char *image = g_build_filename (dir, "r.qcow2", NULL);
  const char *qemu_img[] = { "qemu-img", "create", "-q", "-f", "qcow2", image, "64M", NULL };
  g_autoptr(VsConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  PoolWait wait;
  VsPool *pool;
  VsVolume *volume;

  vs_test_it_define_dir_pool (name, dir, TRUE);
  if (!vs_test_spawn (qemu_img, NULL, &error))
    g_error ("%s", error->message);
  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "pool-refresh", name, NULL))
    g_error ("%s", error->message);

  connection = vs_test_connection_open (ssh_uri, FALSE);
  g_assert_nonnull (vs_connection_get_hostname (connection));

  pool = vs_connection_find_pool (connection, name);
  g_assert_nonnull (pool);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_cmpstr (vs_pool_get_target_path (pool), ==, dir);

  vs_test_pool_load_volumes (pool);
  volume = vs_pool_find_volume (pool, "r.qcow2");
  g_assert_nonnull (volume);
  g_assert_cmpstr (vs_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, 64 * 1024 * 1024);

  /* Events come over the link as well. */
  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "pool-destroy", name, NULL))
    g_error ("%s", error->message);
  wait = (PoolWait) { connection, name, VS_POOL_STATE_INACTIVE };
  vs_test_assert_wait_for (pool_in_state, &wait, VS_TEST_TIMEOUT_MS,
                           "the pool stopped on the host to be listed as inactive over ssh");

  vs_connection_close (connection);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
}

/* The password user (see vs-test-ssh-utils.h) ---------------------------- */

static char *
known_hosts_path (void)
{
  return g_build_filename (vs_test_it_dir (), "known_hosts", NULL);
}

/* Answers like a user at the credentials dialog, later, from the main
 * loop: the password, and whether to trust a new host key. */
typedef struct
{
  const char   *password;
  const char   *passphrase;   /* for a question without a host */
  gboolean      trust;
  guint         n_passphrases;
  guint         n_passwords;
  guint         n_host_keys;
  guint         n_others;
  char         *fingerprint;
  VsConnection *connection;
  gboolean      answer;
} RemoteAnswerer;

static gboolean
remote_answer_cb (gpointer data)
{
  RemoteAnswerer *answerer = data;

  vs_connection_credentials_done (answerer->connection, answerer->answer);
  return G_SOURCE_REMOVE;
}

static void
remote_handler (VsConnection *connection,
                VsCredential *creds,
                guint         n_creds,
                gpointer      user_data)
{
  RemoteAnswerer *answerer = user_data;

  answerer->connection = connection;
  answerer->answer = TRUE;
  for (guint i = 0; i < n_creds; i++)
    {
      g_test_message ("asked: %s", creds[i].prompt);
      if (creds[i].host_key_fingerprint != NULL)
        {
          answerer->n_host_keys++;
          g_free (answerer->fingerprint);
          answerer->fingerprint = g_strdup (creds[i].host_key_fingerprint);
          if (answerer->trust)
            vs_credential_trust_host_key (&creds[i]);
          else
            answerer->answer = FALSE;
        }
      else if (creds[i].type == VIR_CRED_PASSPHRASE && answerer->passphrase != NULL &&
               (creds[i].challenge == NULL || *creds[i].challenge == '\0'))
        {
          answerer->n_passphrases++;
          creds[i].result = g_strdup (answerer->passphrase);
        }
      else if (creds[i].type == VIR_CRED_PASSPHRASE || creds[i].type == VIR_CRED_NOECHOPROMPT)
        {
          answerer->n_passwords++;
          creds[i].result = g_strdup (answerer->password);
        }
      else
        {
          answerer->n_others++;
          answerer->answer = FALSE;
        }
    }

  g_idle_add (remote_answer_cb, answerer);
}

static VsConnection *
connection_with_answerer (const char     *uri,
                          RemoteAnswerer *answerer)
{
  VsConnection *connection = vs_connection_new (uri);

  vs_connection_set_credential_handler (connection, remote_handler, answerer, NULL);
  return connection;
}

/* The built-in SSH client asks for the user's password through the
 * credential handler, and the user's own session daemon (spawned over
 * ssh) lists the pool the user made there. */
static void
test_libssh_password (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  g_autofree char *name = vs_test_it_name ("session");
  g_autofree char *dir = vs_test_ssh_user_path (name);
  RemoteAnswerer answerer = { .password = vs_test_ssh_password () };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  vs_test_ssh_user_virsh ("pool-create-as", name, "dir", "--target", dir, "--build", NULL);
  vs_test_ssh_write_known_host (known_hosts, NULL);

  if (!vs_test_connection_reopen (connection, FALSE, &error))
    g_error ("%s", error->message);

  g_assert_cmpuint (answerer.n_passwords, ==, 1);
  g_assert_cmpuint (answerer.n_host_keys, ==, 0);
  g_assert_cmpuint (answerer.n_others, ==, 0);
  pool = vs_connection_find_pool (connection, name);
  g_assert_nonnull (pool);
  g_assert_cmpstr (vs_pool_get_target_path (pool), ==, dir);
  /* The system daemon does not have it: this is the user's session. */
  g_assert_false (vs_test_virsh (vs_test_it_uri (), NULL, NULL, "pool-info", name, NULL));

  vs_connection_close (connection);
  vs_test_ssh_user_virsh ("pool-destroy", name, NULL);
}

/* A wrong password is asked for once: libvirt would ask again for as long
 * as sshd lets it; the core stops at the first refusal and says so. */
static void
test_libssh_wrong_password (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  RemoteAnswerer answerer = { .password = "not the password" };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  vs_test_ssh_write_known_host (known_hosts, NULL);
  g_assert_false (vs_test_connection_reopen (connection, FALSE, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_AUTH);
  g_assert_nonnull (strstr (vs_error_get_summary (error), "Permission denied"));
  g_assert_nonnull (strstr (vs_error_get_summary (error), vs_test_ssh_password_user ()));
  g_assert_cmpuint (answerer.n_passwords, ==, 1);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_FAILED);
}

/* A key with a passphrase: libvirt reads it before it offers it (when its
 * .pub is missing), so the passphrase is asked through the handler; the
 * server does not take the key (the user logs in with a password only),
 * and the password comes next. */
static void
test_libssh_key_passphrase (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *key = g_build_filename (vs_test_it_dir (), "id_ed25519", NULL);
  g_autofree char *public_key = g_strconcat (key, ".pub", NULL);
  g_autofree char *base = vs_test_ssh_libssh_uri (known_hosts);
  g_autofree char *uri = g_strdup_printf ("%s&keyfile=%s&sshauth=privkey,password", base, key);
  const char *keygen[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret phrase", "-f", key, NULL };
  RemoteAnswerer answerer = { .password = vs_test_ssh_password (), .passphrase = "s3cret phrase" };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  if (!vs_test_spawn (keygen, NULL, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (g_unlink (public_key), ==, 0);
  vs_test_ssh_write_known_host (known_hosts, NULL);

  if (!vs_test_connection_reopen (connection, FALSE, &error))
    g_error ("%s", error->message);
  g_assert_cmpuint (answerer.n_passphrases, ==, 1);
  g_assert_cmpuint (answerer.n_passwords, ==, 1);
  g_assert_cmpuint (answerer.n_others + answerer.n_host_keys, ==, 0);
}

/* Opens @connection with the question about the host key asked for the
 * first time (an empty known-hosts file), answered by @answerer; checks
 * that it came once, with the fingerprint ssh-keygen prints. */
static gboolean
open_first_contact (VsConnection    *connection,
                    RemoteAnswerer  *answerer,
                    const char      *known_hosts,
                    GError         **error)
{
  g_autofree char *expected = vs_test_ssh_host_key_fingerprint ();
  gboolean opened;

  g_assert_false (g_file_test (known_hosts, G_FILE_TEST_EXISTS));
  opened = vs_test_connection_reopen (connection, FALSE, error);
  g_assert_cmpuint (answerer->n_host_keys, ==, 1);
  g_assert_cmpstr (answerer->fingerprint, ==, expected);
  g_clear_pointer (&answerer->fingerprint, g_free);

  return opened;
}

/* First contact: trusting the key stores it where libvirt reads it next
 * time, and the next connection asks nothing about it. */
static void
test_libssh_host_key_accept (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  g_autofree char *blob = vs_test_ssh_host_key_blob ();
  g_autofree char *contents = NULL;
  RemoteAnswerer answerer = { .password = vs_test_ssh_password (), .trust = TRUE };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  if (!open_first_contact (connection, &answerer, known_hosts, &error))
    g_error ("%s", error->message);
  g_assert_cmpuint (answerer.n_passwords, ==, 1);
  g_assert_true (g_file_get_contents (known_hosts, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, blob));

  /* Known now: asked for the password only. */
  vs_connection_close (connection);
  if (!vs_test_connection_reopen (connection, FALSE, &error))
    g_error ("%s", error->message);
  g_assert_cmpuint (answerer.n_host_keys, ==, 1);
  g_assert_cmpuint (answerer.n_passwords, ==, 2);
}

/* Refusing the key stops cleanly: cancelled (no error to show), no
 * password asked, nothing stored. */
static void
test_libssh_host_key_reject (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  RemoteAnswerer answerer = { .password = vs_test_ssh_password (), .trust = FALSE };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  g_assert_false (open_first_contact (connection, &answerer, known_hosts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
  g_assert_null (vs_connection_get_error (connection));
  g_assert_cmpuint (answerer.n_passwords, ==, 0);
  g_assert_false (g_file_test (known_hosts, G_FILE_TEST_EXISTS));
}

/* A key that is not the stored one: refused before anything is asked or
 * sent, with a warning that names the risk and the new key; the file
 * stays as it was. */
static void
test_libssh_host_key_changed (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  g_autofree char *expected = vs_test_ssh_host_key_fingerprint ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RemoteAnswerer answerer = { .password = vs_test_ssh_password (), .trust = TRUE };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  vs_test_ssh_write_changed_known_host (known_hosts, vs_test_it_dir ());
  g_assert_true (g_file_get_contents (known_hosts, &before, NULL, NULL));

  g_assert_false (vs_test_connection_reopen (connection, FALSE, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_HOST_KEY_CHANGED);
  g_assert_nonnull (strstr (vs_error_get_summary (error), "man-in-the-middle"));
  g_assert_nonnull (strstr (vs_error_get_summary (error), expected));
  g_assert_nonnull (strstr (vs_error_get_summary (error), known_hosts));
  g_assert_cmpuint (answerer.n_host_keys + answerer.n_passwords + answerer.n_others, ==, 0);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_FAILED);
  g_assert_true (g_file_get_contents (known_hosts, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

/* OpenSSH cannot ask for the password: the message says so in plain
 * words and points to the built-in client, instead of ssh's output. */
static void
test_openssh_needs_password (void)
{
  g_autofree char *uri = g_strdup_printf ("qemu+ssh://%s@127.0.0.1:%s/session?no_tty=1&command=%s",
                                          vs_test_ssh_password_user (), vs_test_ssh_port (),
                                          g_getenv ("VS_TEST_SSH_COMMAND"));
  RemoteAnswerer answerer = { .password = vs_test_ssh_password () };
  g_autoptr(VsConnection) connection = connection_with_answerer (uri, &answerer);
  g_autoptr(GError) error = NULL;

  g_assert_false (vs_test_connection_reopen (connection, FALSE, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_CANNOT_PROMPT);
  g_assert_nonnull (strstr (vs_error_get_summary (error), "built-in SSH"));
  g_assert_null (strstr (vs_error_get_summary (error), "Permission denied"));
  /* ssh's own words stay one click away. */
  g_assert_nonnull (strstr (vs_error_get_libvirt_message (error), "Permission denied"));
  g_assert_cmpuint (answerer.n_passwords, ==, 0);
}

/* A remembered connection keeps its URI and nothing of what was typed:
 * the settings file holds no password after a connection with one. */
static void
test_remembered_without_password (void)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *uri = vs_test_ssh_libssh_uri (known_hosts);
  g_autofree char *keyfile = g_build_filename (vs_test_it_dir (), "settings", "keyfile", NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(VsConnectionManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  RemoteAnswerer answerer = { .password = vs_test_ssh_password () };
  VsConnection *connection;

  source = g_settings_schema_source_new_from_directory (VS_TEST_SCHEMA_DIR, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  settings = g_settings_new_full (schema, backend, NULL);

  vs_test_ssh_write_known_host (known_hosts, NULL);
  manager = vs_connection_manager_new (settings);
  vs_connection_manager_set_credential_handler (manager, remote_handler, &answerer);
  connection = vs_connection_manager_add (manager, uri, TRUE, TRUE, &error);
  g_assert_no_error (error);
  if (!vs_test_connection_reopen (connection, FALSE, &error))
    g_error ("%s", error->message);
  g_assert_cmpuint (answerer.n_passwords, ==, 1);
  g_settings_sync ();

  g_assert_true (g_file_get_contents (keyfile, &contents, NULL, &error));
  g_test_message ("%s", contents);
  g_assert_nonnull (strstr (contents, "127.0.0.1"));
  g_assert_null (strstr (contents, vs_test_ssh_password ()));
  g_clear_object (&manager);
}

static const VsTestItCase cases[] = {
  { "/remote/ssh-lists-pools", test_ssh_lists_pools, 90, ssh_skip_reason, NULL },
  { "/remote/libssh/password", test_libssh_password, 90, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/libssh/key-passphrase", test_libssh_key_passphrase, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/libssh/wrong-password", test_libssh_wrong_password, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/libssh/host-key-accept", test_libssh_host_key_accept, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/libssh/host-key-reject", test_libssh_host_key_reject, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/libssh/host-key-changed", test_libssh_host_key_changed, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/openssh/needs-password", test_openssh_needs_password, 60, vs_test_ssh_password_skip_reason, NULL },
  { "/remote/remembered-without-password", test_remembered_without_password, 60, vs_test_ssh_password_skip_reason, NULL },
};

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The built-in SSH client tries the agent and the keys of the user that
   * runs the tests first; none of them must answer for the password user. */
  g_unsetenv ("SSH_AUTH_SOCK");

  status = vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));

  /* A libssh connection still closing in its release thread must not be
   * cut off by exit(): OpenSSL's exit handler frees what that thread uses. */
  if (!vs_worker_wait_freed (VS_TEST_TIMEOUT_MS))
    g_printerr ("connections were still closing at exit\n");

  return status;
}
