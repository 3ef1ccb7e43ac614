/* test-daemon.c: libvirtd killed under an open connection, then restarted
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-daemon"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "vs-test-volume-utils.h"

/* How long the connection may take to notice (DESIGN: "disconnects are
 * normal") and the daemon to come back. */
#define NOTICE_TIMEOUT_MS 10000
#define RESTART_TIMEOUT_MS 15000

/* Gone, or a zombie nobody reaps yet (the daemon is not our child). */
static gboolean
process_gone (gpointer data)
{
  pid_t pid = GPOINTER_TO_INT (data);
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;

  /* "PID (comm) STATE ...": comm may hold spaces and parentheses. */
  end = strrchr (stat, ')');
  return end != NULL && end[1] == ' ' && end[2] == 'Z';
}

/* The pools this case made. Other clients of the same daemon (other test
 * programs, a benchmark) may add and remove pools of their own meanwhile:
 * only ours are checked. */
static GPtrArray *
own_pools (VsConnection *connection)
{
  GListModel *model = vs_connection_get_pools (connection);
  GPtrArray *pools = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (model, i);

      if (g_str_has_prefix (vs_pool_get_name (pool), vs_test_it_prefix ()))
        g_ptr_array_add (pools, g_steal_pointer (&pool));
    }

  return pools;
}

static void
assert_pools_listed (VsConnection *connection,
                     GPtrArray    *pools,
                     const char   *when)
{
  for (guint i = 0; i < pools->len; i++)
    {
      VsPool *pool = g_ptr_array_index (pools, i);

      if (vs_test_model_index (vs_connection_get_pools (connection), pool) < 0)
        g_error ("%s: pool %s (%u of %u) is no longer listed, or not as the same object",
                 when, vs_pool_get_name (pool), i, pools->len);
    }
}

static gboolean
connection_left (gpointer data)
{
  VsConnection *connection = data;

  return vs_connection_get_state (connection) != VS_CONNECTION_STATE_CONNECTED;
}

typedef struct
{
  VsConnection *connection;
  const char   *name;
} PoolWait;

static gboolean
pool_running (gpointer data)
{
  PoolWait *wait = data;
  VsPool *pool = vs_connection_find_pool (wait->connection, wait->name);

  return pool != NULL && vs_pool_get_state (pool) == VS_POOL_STATE_RUNNING;
}

static void
kill_and_restart (int signum)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("daemon");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "daemon", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *error_message = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GAsyncResult) listing = NULL;
  g_autoptr(GAsyncResult) late_listing = NULL;
  g_autoptr(GError) error = NULL;
  PoolWait wait = { connection, name };
  const GError *stored;
  VsPool *pool;
  pid_t pid;

  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_assert_wait_for (pool_running, &wait, VS_TEST_TIMEOUT_MS, "the test pool to be listed");
  pool = vs_connection_find_pool (connection, name);
  uuid = g_strdup (vs_pool_get_uuid (pool));
  vs_test_pool_load_volumes (pool);
  before = own_pools (connection);
  g_assert_cmpuint (before->len, ==, 1);

  pid = vs_test_daemon_pid ();
  g_assert_cmpint (pid, >, 1);

  /* A listing in flight when the daemon dies must end too, one way or the
   * other, and leave nothing busy. */
  vs_pool_reload_volumes_async (pool, NULL, vs_test_async_cb, &listing);

  g_test_message ("sending signal %d to libvirtd (pid %d)", signum, (int) pid);
  g_assert_cmpint (kill (pid, signum), ==, 0);

  /* Between the death and the main loop noticing it, the GUI may still
   * ask for something: that call writes to a dead socket. Wait for the
   * death without running the main loop, then ask. */
  for (guint i = 0; i < RESTART_TIMEOUT_MS / 10 && !process_gone (GINT_TO_POINTER (pid)); i++)
    g_usleep (10 * 1000);
  g_assert_true (process_gone (GINT_TO_POINTER (pid)));
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  vs_pool_reload_volumes_async (pool, NULL, vs_test_async_cb, &late_listing);

  vs_test_assert_wait_for (connection_left, connection, NOTICE_TIMEOUT_MS,
                           "the connection to notice that libvirtd died");
  vs_test_wait_async (&listing, NOTICE_TIMEOUT_MS);
  vs_pool_reload_volumes_finish (pool, listing, NULL);
  vs_test_wait_async (&late_listing, NOTICE_TIMEOUT_MS);
  g_assert_false (vs_pool_reload_volumes_finish (pool, late_listing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  vs_test_pool_wait_idle (pool);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);

  g_object_get (connection, "error-message", &error_message, NULL);
  g_assert_nonnull (error_message);
  g_assert_cmpstr (error_message, !=, "");
  stored = vs_connection_get_error (connection);
  g_assert_nonnull (stored);
  g_assert_true (g_error_matches (stored, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED));

  /* The pools stay listed, greyed out. */
  assert_pools_listed (connection, before, "after libvirtd died");
  {
    GListModel *model = vs_connection_get_pools (connection);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(VsPool) any = g_list_model_get_item (model, i);
        g_assert_false (vs_pool_get_reachable (any));
      }
  }
  g_assert_true (vs_test_find_pool_by_uuid (connection, uuid) == pool);

  /* Nothing fires into the dead connection. */
  g_assert_false (vs_test_pool_reload (pool, NULL, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  if (!vs_test_start_daemon (vs_test_it_uri ()))
    g_error ("libvirtd did not answer within %d ms of `libvirtd -d`", RESTART_TIMEOUT_MS);

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  g_clear_pointer (&error_message, g_free);
  g_object_get (connection, "error-message", &error_message, NULL);
  g_assert_null (error_message);

  /* The same object for the same pool, reachable again. */
  g_assert_true (vs_test_find_pool_by_uuid (connection, uuid) == pool);
  g_assert_true (vs_pool_get_reachable (pool));
  assert_pools_listed (connection, before, "after reconnecting");

  /* And usable. */
  vs_test_pool_load_volumes (pool);
}

static gboolean
connection_closed (gpointer data)
{
  return vs_connection_get_state (data) == VS_CONNECTION_STATE_DISCONNECTED;
}

static gboolean
connection_back (gpointer data)
{
  PoolWait *wait = data;
  VsPool *pool = vs_connection_find_pool (wait->connection, wait->name);

  return vs_connection_get_state (wait->connection) == VS_CONNECTION_STATE_CONNECTED &&
         pool != NULL && vs_pool_get_reachable (pool);
}

/* With auto-reconnect, the connection comes back by itself once the
 * daemon answers again: same pool object, reachable, no error left. */
static void
test_auto_reconnect (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *name = vs_test_it_name ("auto");
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), "auto", NULL);
  PoolWait wait = { connection, name };
  VsPool *pool;
  pid_t pid;

  vs_connection_set_auto_reconnect (connection, TRUE);
  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_assert_wait_for (pool_running, &wait, VS_TEST_TIMEOUT_MS, "the test pool to be listed");
  pool = vs_connection_find_pool (connection, name);

  pid = vs_test_daemon_pid ();
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  vs_test_assert_wait_for (connection_left, connection, NOTICE_TIMEOUT_MS,
                           "the connection to notice that libvirtd died");
  g_assert_false (vs_pool_get_reachable (pool));
  g_assert_true (vs_connection_get_reconnecting (connection));

  /* Attempts while the daemon is down fail quietly and keep trying. */
  vs_test_assert_wait_for (process_gone, GINT_TO_POINTER (pid), RESTART_TIMEOUT_MS, "libvirtd to die");
  vs_test_assert_stays (connection_left, connection, 2500,
                        "the connection staying down while libvirtd is dead");

  if (!vs_test_start_daemon (vs_test_it_uri ()))
    g_error ("libvirtd did not answer within %d ms of `libvirtd -d`", RESTART_TIMEOUT_MS);

  /* Back within the retry interval, which is at most 8 s by now. */
  vs_test_assert_wait_for (connection_back, &wait, 20000, "the connection to come back by itself");
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  g_assert_true (vs_connection_find_pool (connection, name) == pool);
  g_assert_true (vs_pool_get_reachable (pool));
  g_assert_null (vs_connection_get_error (connection));
  g_assert_false (vs_connection_get_reconnecting (connection));

  /* A close by the user is final: no attempt brings it back. */
  vs_connection_close (connection);
  vs_test_assert_stays (connection_closed, connection, 1500,
                        "the closed connection staying closed");
}

/* Enough that listing their details takes far longer than the list itself,
 * so that the daemon dies in between. */
#define N_EXTRA_POOLS 200

/* The daemon dies while the pools are being listed, between the list and
 * the details of each pool: the pools whose details could not be read were
 * not undefined, and must stay listed (same objects). Whether the listing
 * or the notice of the closed socket reaches the main loop first is a
 * race, hence ten rounds, the daemon killed at different moments. */
static void
test_kill_during_pool_listing (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autoptr(GString) commands = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = vs_test_it_name ("extra-0");
  const guint delays_us[] = { 500, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000 };

  for (guint i = 0; i < N_EXTRA_POOLS; i++)
    g_string_append_printf (commands, "pool-define-as %sextra-%u dir --target %s/extra-%u; ",
                            vs_test_it_prefix (), i, vs_test_it_dir (), i);
  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, commands->str, NULL))
    g_error ("%s", error->message);

  for (guint round = 0; round < G_N_ELEMENTS (delays_us); round++)
    {
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GAsyncResult) listing = NULL;
      g_autoptr(GAsyncResult) second_listing = NULL;
      pid_t pid;

      /* All listed (inactive), and nothing else in flight. */
      g_assert_true (vs_test_reload_pools (connection, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (vs_connection_find_pool (connection, first));
      before = own_pools (connection);
      g_assert_cmpuint (before->len, ==, N_EXTRA_POOLS);

      pid = vs_test_daemon_pid ();
      g_assert_cmpint (pid, >, 1);
      /* Two listings, as events and the user cause: the first one is
       * reading the details of the pools when the daemon dies, the second
       * one waits for the socket. */
      vs_connection_reload_pools_async (connection, NULL, vs_test_async_cb, &listing);
      g_usleep (delays_us[round]);
      vs_connection_reload_pools_async (connection, NULL, vs_test_async_cb, &second_listing);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

      vs_test_assert_wait_for (connection_left, connection, NOTICE_TIMEOUT_MS,
                               "the connection to notice that libvirtd died");
      vs_test_wait_async (&listing, NOTICE_TIMEOUT_MS);
      vs_connection_reload_pools_finish (connection, listing, NULL);
      vs_test_wait_async (&second_listing, NOTICE_TIMEOUT_MS);
      vs_connection_reload_pools_finish (connection, second_listing, NULL);

      {
        g_autoptr(GPtrArray) after = own_pools (connection);

        if (after->len != before->len)
          g_error ("round %u: %u of the test's pools were listed before libvirtd died during "
                   "a listing, %u after: pools whose details could not be read were dropped "
                   "as if undefined", round, before->len, after->len);
      }
      assert_pools_listed (connection, before, "after libvirtd died during a listing");

      for (guint i = 0; i < RESTART_TIMEOUT_MS / 10 && !process_gone (GINT_TO_POINTER (pid)); i++)
        g_usleep (10 * 1000);
      if (!vs_test_start_daemon (vs_test_it_uri ()))
        g_error ("libvirtd did not answer within %d ms of `libvirtd -d`", RESTART_TIMEOUT_MS);
      g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
      g_assert_no_error (error);
      assert_pools_listed (connection, before, "after reconnecting");
    }
}

static void
test_sigkill (void)
{
  kill_and_restart (SIGKILL);
}

static void
test_sigterm (void)
{
  kill_and_restart (SIGTERM);
}

static const VsTestItCase cases[] = {
  { "/daemon/sigkill", test_sigkill, 60, vs_test_kill_skip_reason, vs_test_ensure_daemon },
  { "/daemon/sigterm", test_sigterm, 60, vs_test_kill_skip_reason, vs_test_ensure_daemon },
  { "/daemon/auto-reconnect", test_auto_reconnect, 90, vs_test_kill_skip_reason,
    vs_test_ensure_daemon },
  { "/daemon/kill-during-pool-listing", test_kill_during_pool_listing, 150,
    vs_test_kill_skip_reason, vs_test_ensure_daemon },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
