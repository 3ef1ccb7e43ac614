/* test-remote.c: the same daemon reached as a remote host (qemu+ssh://)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-remote"

#include "config.h"

#include "vs-test-utils.h"

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

static const VsTestItCase cases[] = {
  { "/remote/ssh-lists-pools", test_ssh_lists_pools, 90, ssh_skip_reason, NULL },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
