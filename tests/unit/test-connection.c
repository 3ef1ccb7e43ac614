/* test-connection.c: VsConnection against libvirt's test driver
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-connection"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libvirt/libvirt.h>

#include "vs-test-utils.h"

#define DEFAULT_URI "test:///default"

/* What tests/fixtures/node.xml defines. The test driver gives every pool
 * 100 GiB and sums the allocations of its volumes. */
#define POOL_CAPACITY G_GUINT64_CONSTANT (107374182400)

typedef struct
{
  const char *name;
  const char *uuid;
  const char *target_path;
  guint64     allocation;
} FixturePool;

static const FixturePool fixture_pools[] = {
  { "images", "2d7b0c3e-5a1f-4f61-8a0e-1b0c2d3e4f01", "/vs-fixture/images",
    G_GUINT64_CONSTANT (2147483648) + G_GUINT64_CONSTANT (1073741824) + 196608 +
    G_GUINT64_CONSTANT (5368709120) + 734003200 + 0 },
  { "empty", "2d7b0c3e-5a1f-4f61-8a0e-1b0c2d3e4f02", "/vs-fixture/empty", 0 },
  { "almacén-ñandú-日本", "2d7b0c3e-5a1f-4f61-8a0e-1b0c2d3e4f03", "/vs-fixture/almacén", 65536 },
  { "spare", "2d7b0c3e-5a1f-4f61-8a0e-1b0c2d3e4f04", "/vs-fixture/spare", 0 },
};

static void
assert_states (VsTestStateLog          *log,
               const VsConnectionState *expected,
               guint                    n_expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < log->states->len; i++)
    g_string_append_printf (got, "%s%d", i ? " " : "",
                            g_array_index (log->states, VsConnectionState, i));

  if (log->states->len != n_expected)
    g_error ("expected %u state changes, got %u: %s", n_expected, log->states->len, got->str);
  for (guint i = 0; i < n_expected; i++)
    if (g_array_index (log->states, VsConnectionState, i) != expected[i])
      g_error ("state change %u: expected %d, got the sequence %s", i, expected[i], got->str);
}

/* test:///default: CONNECTING, then CONNECTED, with its one pool. */
static void
test_open_default (void)
{
  g_autoptr(VsConnection) connection = vs_connection_new (DEFAULT_URI);
  g_autoptr(VsTestStateLog) states = vs_test_state_log_new (connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *hostname = NULL;
  g_autofree char *error_message = NULL;
  const VsConnectionState expected[] = {
    VS_CONNECTION_STATE_CONNECTING, VS_CONNECTION_STATE_CONNECTED,
  };
  VsPool *pool;

  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, 0);
  g_assert_true (g_list_model_get_item_type (vs_connection_get_pools (connection)) == VS_TYPE_POOL);

  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
  /* The state changes at once: the GUI shows a spinner before the worker runs. */
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTING);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_connection_open_finish (connection, result, &error));
  g_assert_no_error (error);

  assert_states (states, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);

  g_object_get (connection, "uri", &uri, "hostname", &hostname,
                "error-message", &error_message, NULL);
  g_assert_cmpstr (uri, ==, DEFAULT_URI);
  g_assert_nonnull (hostname);
  g_assert_cmpstr (hostname, !=, "");
  g_assert_cmpstr (hostname, ==, vs_connection_get_hostname (connection));
  g_assert_null (error_message);
  g_assert_null (vs_connection_get_error (connection));
  g_assert_false (vs_connection_get_read_only (connection));

  pool = vs_connection_find_pool (connection, "default-pool");
  g_assert_nonnull (pool);
  g_assert_true (vs_pool_get_connection (pool) == connection);
  g_assert_cmpstr (vs_pool_get_uuid (pool), ==, "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_pool_get_reachable (pool));
  g_assert_null (vs_connection_find_pool (connection, "no-such-pool"));
}

static void
assert_fixture_pool (VsConnection      *connection,
                     const FixturePool *expected)
{
  VsPool *pool = vs_connection_find_pool (connection, expected->name);
  g_autoptr(VsConnection) connection_prop = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *pool_type = NULL;
  g_autofree char *target_path = NULL;
  VsPoolState state;
  gboolean active, persistent, autostart, busy, reachable;
  guint64 capacity, allocation, available;

  if (pool == NULL)
    g_error ("pool “%s” is not listed", expected->name);

  /* Through the properties, as the GUI binds them. */
  g_object_get (pool,
                "connection", &connection_prop,
                "name", &name,
                "uuid", &uuid,
                "pool-type", &pool_type,
                "state", &state,
                "active", &active,
                "persistent", &persistent,
                "autostart", &autostart,
                "capacity", &capacity,
                "allocation", &allocation,
                "available", &available,
                "target-path", &target_path,
                "busy", &busy,
                "reachable", &reachable,
                NULL);

  g_assert_true (connection_prop == connection);
  g_assert_cmpstr (name, ==, expected->name);
  g_assert_cmpstr (uuid, ==, expected->uuid);
  g_assert_cmpstr (pool_type, ==, "dir");
  g_assert_cmpint (state, ==, VS_POOL_STATE_RUNNING);
  g_assert_true (active);
  g_assert_true (persistent);
  g_assert_false (autostart);
  g_assert_cmpuint (capacity, ==, POOL_CAPACITY);
  g_assert_cmpuint (allocation, ==, expected->allocation);
  g_assert_cmpuint (available, ==, POOL_CAPACITY - expected->allocation);
  g_assert_cmpstr (target_path, ==, expected->target_path);
  g_assert_false (busy);
  g_assert_true (reachable);

  /* The getters agree. */
  g_assert_cmpstr (vs_pool_get_name (pool), ==, expected->name);
  g_assert_cmpstr (vs_pool_get_uuid (pool), ==, expected->uuid);
  g_assert_cmpstr (vs_pool_get_pool_type (pool), ==, "dir");
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_pool_get_active (pool));
  g_assert_true (vs_pool_get_persistent (pool));
  g_assert_false (vs_pool_get_autostart (pool));
  g_assert_cmpuint (vs_pool_get_capacity (pool), ==, POOL_CAPACITY);
  g_assert_cmpuint (vs_pool_get_allocation (pool), ==, expected->allocation);
  g_assert_cmpuint (vs_pool_get_available (pool), ==, POOL_CAPACITY - expected->allocation);
  g_assert_cmpstr (vs_pool_get_target_path (pool), ==, expected->target_path);

  /* Nothing is listed before someone asks for the volumes. */
  g_assert_false (vs_pool_get_volumes_loaded (pool));
}

/* Every pool of the fixture, with every property, including a name that is
 * not ASCII. */
static void
test_fixture_pools (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_test_connection_open (uri, FALSE);
  GListModel *pools = vs_connection_get_pools (connection);

  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, G_N_ELEMENTS (fixture_pools));

  for (guint i = 0; i < G_N_ELEMENTS (fixture_pools); i++)
    assert_fixture_pool (connection, &fixture_pools[i]);

  /* Each UUID is listed once. */
  for (guint i = 0; i < G_N_ELEMENTS (fixture_pools); i++)
    g_assert_true (vs_test_find_pool_by_uuid (connection, fixture_pools[i].uuid) ==
                   vs_connection_find_pool (connection, fixture_pools[i].name));
}

/* A read-only connection says so, and libvirt refuses changes through it. */
static void
test_read_only (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean read_only = FALSE;
  VsPool *pool;

  vs_test_notify_log_watch (notes, connection);

  g_assert_true (vs_test_connection_reopen (connection, TRUE, &error));
  g_assert_no_error (error);
  g_object_get (connection, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_true (vs_connection_get_read_only (connection));
  g_assert_cmpuint (vs_test_notify_log_count (notes, "read-only", NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==,
                    G_N_ELEMENTS (fixture_pools));

  pool = vs_connection_find_pool (connection, "images");
  g_assert_nonnull (pool);
  vs_pool_set_autostart_async (pool, TRUE, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_pool_set_autostart_finish (pool, result, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (vs_pool_get_autostart (pool));
  g_assert_false (vs_pool_get_busy (pool));
  g_clear_error (&error);

  /* Opening again read-write clears the flag. */
  vs_test_notify_log_clear (notes);
  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (vs_connection_get_read_only (connection));
  g_assert_cmpuint (vs_test_notify_log_count (notes, "read-only", NULL), ==, 1);
}

typedef struct
{
  const char *uri;
  int         code;
} BadUri;

/* A URI that is malformed or names no driver fails cleanly. */
static void
test_bad_uri (void)
{
  const BadUri bad[] = {
    { "bogus:///x", VS_CONNECTION_ERROR_FAILED },
    { "not a uri", VS_CONNECTION_ERROR_INVALID_URI },
    { "", VS_CONNECTION_ERROR_INVALID_URI },
    { "qemu+nosuchtransport:///system", VS_CONNECTION_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(VsConnection) connection = vs_connection_new (bad[i].uri);
      g_autoptr(VsTestStateLog) states = vs_test_state_log_new (connection);
      g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
      g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (vs_connection_get_pools (connection));
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *error_message = NULL;
      const GError *stored;

      g_test_message ("URI \"%s\"", bad[i].uri);
      vs_test_notify_log_watch (notes, connection);

      vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      g_assert_false (vs_connection_open_finish (connection, result, &error));
      g_assert_error (error, VS_CONNECTION_ERROR, bad[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");

      g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_FAILED);
      g_assert_cmpint (g_array_index (states->states, VsConnectionState, states->states->len - 1),
                       ==, VS_CONNECTION_STATE_FAILED);

      g_object_get (connection, "error-message", &error_message, NULL);
      g_assert_cmpstr (error_message, ==, error->message);
      g_assert_cmpuint (vs_test_notify_log_count (notes, "error-message", NULL), >=, 1);
      stored = vs_connection_get_error (connection);
      g_assert_nonnull (stored);
      g_assert_true (g_error_matches (stored, error->domain, error->code));
      g_assert_cmpstr (stored->message, ==, error->message);

      g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, 0);
      g_assert_cmpuint (vs_test_items_log_count (items), ==, 0);
      g_assert_null (vs_connection_get_hostname (connection));

      /* Reloading a connection that never opened is refused, not attempted. */
      g_clear_error (&error);
      g_assert_false (vs_test_reload_pools (connection, NULL, &error));
      g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
    }
}

/* Closing keeps the pools listed but unreachable; opening again brings the
 * very same objects back. */
static void
test_close_reopen (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_test_connection_open (uri, FALSE);
  GListModel *model = vs_connection_get_pools (connection);
  g_autoptr(GPtrArray) before = vs_test_model_items (model);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (model);
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *error_message = NULL;
  VsPool *images = vs_connection_find_pool (connection, "images");

  g_assert_cmpuint (before->len, ==, G_N_ELEMENTS (fixture_pools));
  vs_test_notify_log_watch (notes, connection);

  vs_connection_close (connection);

  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "state", NULL), ==, 1);
  /* A close the user asked for is no error. */
  g_object_get (connection, "error-message", &error_message, NULL);
  g_assert_null (error_message);
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (model, i);
      gboolean reachable = TRUE;

      g_assert_true (pool == g_ptr_array_index (before, i));
      g_object_get (pool, "reachable", &reachable, NULL);
      g_assert_false (reachable);
      /* The last known data stays for the GUI to show greyed out. */
      g_assert_nonnull (vs_pool_get_name (pool));
    }

  /* Nothing fires into a closed connection. */
  vs_pool_start_async (images, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_pool_start_finish (images, result, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_false (vs_test_pool_reload (images, NULL, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  g_assert_false (vs_test_reload_pools (connection, NULL, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  /* Closing twice is harmless. */
  vs_test_notify_log_clear (notes);
  vs_connection_close (connection);
  g_assert_cmpuint (vs_test_notify_log_count (notes, NULL, NULL), ==, 0);

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);

  /* Same pools, same objects, same order: nothing for a list view to redo. */
  g_assert_cmpuint (vs_test_items_log_count (items), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (model, i);

      g_assert_true (pool == g_ptr_array_index (before, i));
      g_assert_true (vs_pool_get_reachable (pool));
    }

  /* And they work again. */
  vs_test_pool_load_volumes (images);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (images)), ==, 6);
}

/* Each open of a node file starts from the file again: a pool stopped in
 * one session is running in the next, and the same VsPool shows it. */
static void
test_reopen_updates_pools (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_test_connection_open (uri, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *spare = vs_connection_find_pool (connection, "spare");

  vs_pool_stop_async (spare, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_true (vs_pool_stop_finish (spare, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (spare), ==, VS_POOL_STATE_INACTIVE);

  vs_connection_close (connection);
  g_assert_cmpint (vs_pool_get_state (spare), ==, VS_POOL_STATE_INACTIVE);

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (vs_connection_find_pool (connection, "spare") == spare);
  g_assert_cmpint (vs_pool_get_state (spare), ==, VS_POOL_STATE_RUNNING);
}

static void
assert_open_cancelled (VsConnection *connection,
                       gboolean      cancel_first)
{
  GListModel *model = vs_connection_get_pools (connection);
  g_autoptr(GPtrArray) before = vs_test_model_items (model);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (model);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *error_message = NULL;

  if (cancel_first)
    g_cancellable_cancel (cancellable);

  vs_connection_open_async (connection, FALSE, cancellable, vs_test_async_cb, &result);
  /* The worker thread is already on its way. */
  g_cancellable_cancel (cancellable);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_connection_open_finish (connection, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A cancelled open is no failure: back to disconnected, no error shown. */
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
  g_object_get (connection, "error-message", &error_message, NULL);
  g_assert_null (error_message);

  /* Let whatever the cancelled worker left behind run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (vs_test_items_log_count (items), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (model, i);
      g_assert_true (pool == g_ptr_array_index (before, i));
      g_assert_false (vs_pool_get_reachable (pool));
    }
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
}

/* Cancelling an open leaves the pools model as it was, whether empty (first
 * open) or listing the pools of an earlier session. */
static void
test_open_cancel (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(GError) error = NULL;

  assert_open_cancelled (connection, TRUE);
  assert_open_cancelled (connection, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, 0);

  /* Still usable afterwards. */
  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==,
                    G_N_ELEMENTS (fixture_pools));

  vs_connection_close (connection);
  assert_open_cancelled (connection, FALSE);
  assert_open_cancelled (connection, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==,
                    G_N_ELEMENTS (fixture_pools));

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
}

/* A new open while one is in flight wins; the first finishes without
 * touching the state. */
static void
test_open_twice (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &first);
  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &second);
  vs_test_wait_async (&second, VS_TEST_TIMEOUT_MS);
  vs_test_wait_async (&first, VS_TEST_TIMEOUT_MS);

  /* Whatever the first reports, the second is the session that counts. */
  g_assert_true (vs_connection_open_finish (connection, second, &error));
  g_assert_no_error (error);
  vs_connection_open_finish (connection, first, NULL);

  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==,
                    G_N_ELEMENTS (fixture_pools));
  for (guint i = 0; i < G_N_ELEMENTS (fixture_pools); i++)
    g_assert_true (vs_pool_get_reachable (vs_connection_find_pool (connection, fixture_pools[i].name)));
}

/* Credentials ------------------------------------------------------------ */

static GThread *main_thread;

#define AUTH_USER "alice"
#define AUTH_PASSWORD "s3cret <&>"

/* Answers the credential questions of tests/fixtures/node-auth.xml, at
 * once or when the test says so. */
typedef struct
{
  const char   *user;
  const char   *password;
  gboolean      refuse;
  gboolean      hold;
  guint         n_questions;
  GPtrArray    *types;        /* GINT_TO_POINTER (VIR_CRED_*) */
  VsConnection *pending;      /* a held question */
  VsCredential *pending_creds;
  guint         pending_n;
} Answerer;

typedef struct
{
  VsConnection *connection;
  gboolean      answered;
} Answer;

static gboolean
answer_idle_cb (gpointer data)
{
  Answer *answer = data;

  vs_connection_credentials_done (answer->connection, answer->answered);
  g_object_unref (answer->connection);
  g_free (answer);

  return G_SOURCE_REMOVE;
}

static void
answerer_fill (Answerer     *answerer,
               VsCredential *creds,
               guint         n_creds)
{
  for (guint i = 0; i < n_creds; i++)
    {
      g_ptr_array_add (answerer->types, GINT_TO_POINTER (creds[i].type));
      g_assert_nonnull (creds[i].prompt);
      g_assert_null (creds[i].result);
      if (creds[i].type == VIR_CRED_AUTHNAME || creds[i].type == VIR_CRED_USERNAME)
        creds[i].result = g_strdup (answerer->user);
      else
        creds[i].result = g_strdup (answerer->password);
    }
}

/* Answers from an idle, as a dialog would: "later, from the main thread". */
static void
answer_later (VsConnection *connection,
              gboolean      answered)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->connection = g_object_ref (connection);
  answer->answered = answered;
  g_idle_add (answer_idle_cb, answer);
}

static void
credential_handler (VsConnection *connection,
                    VsCredential *creds,
                    guint         n_creds,
                    gpointer      user_data)
{
  Answerer *answerer = user_data;

  g_assert_true (g_thread_self () == main_thread);
  answerer->n_questions++;

  if (answerer->hold)
    {
      g_assert_null (answerer->pending);
      answerer->pending = g_object_ref (connection);
      answerer->pending_creds = creds;
      answerer->pending_n = n_creds;
      return;
    }

  answerer_fill (answerer, creds, n_creds);
  answer_later (connection, !answerer->refuse);
}

static gboolean
answerer_has_pending (gpointer data)
{
  return ((Answerer *) data)->pending != NULL;
}

/* Answers the held question, and the ones after it at once. */
static void
answerer_release (Answerer *answerer,
                  gboolean  answered)
{
  g_autoptr(VsConnection) connection = g_steal_pointer (&answerer->pending);

  g_assert_nonnull (connection);
  answerer->hold = FALSE;
  answerer->refuse = !answered;
  if (answered)
    answerer_fill (answerer, answerer->pending_creds, answerer->pending_n);
  answerer->pending_creds = NULL;
  answer_later (connection, answered);
}

static Answerer *
answerer_new (VsConnection *connection,
              const char   *password)
{
  Answerer *answerer = g_new0 (Answerer, 1);

  answerer->user = AUTH_USER;
  answerer->password = password;
  answerer->types = g_ptr_array_new ();
  vs_connection_set_credential_handler (connection, credential_handler, answerer, NULL);

  return answerer;
}

static void
answerer_free (Answerer *answerer)
{
  g_assert_null (answerer->pending);
  g_ptr_array_unref (answerer->types);
  g_free (answerer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answerer, answerer_free)

static void
test_auth_accepted (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(Answerer) answerer = answerer_new (connection, AUTH_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  g_assert_nonnull (vs_connection_find_pool (connection, "guarded"));

  /* The test driver asks for the user name, then for the password. */
  g_assert_cmpuint (answerer->n_questions, >=, 1);
  g_assert_true (g_ptr_array_find (answerer->types, GINT_TO_POINTER (VIR_CRED_AUTHNAME), NULL));
  g_assert_true (g_ptr_array_find (answerer->types, GINT_TO_POINTER (VIR_CRED_PASSPHRASE), NULL));
}

static void
assert_auth_failed (VsConnection *connection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *error_message = NULL;

  g_assert_false (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_AUTH);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_FAILED);
  g_object_get (connection, "error-message", &error_message, NULL);
  g_assert_cmpstr (error_message, ==, error->message);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_pools (connection)), ==, 0);
}

/* A wrong password, a refused question and no handler at all are each an
 * authentication failure, told apart from other failures. */
static void
test_auth_failed (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");

  {
    g_autoptr(VsConnection) connection = vs_connection_new (uri);
    g_autoptr(Answerer) answerer = answerer_new (connection, "wrong");

    assert_auth_failed (connection);
    g_assert_cmpuint (answerer->n_questions, >=, 1);
  }

  {
    g_autoptr(VsConnection) connection = vs_connection_new (uri);
    g_autoptr(Answerer) answerer = answerer_new (connection, AUTH_PASSWORD);

    answerer->refuse = TRUE;
    assert_auth_failed (connection);
    g_assert_cmpuint (answerer->n_questions, ==, 1);
  }

  {
    g_autoptr(VsConnection) connection = vs_connection_new (uri);

    assert_auth_failed (connection);
  }
}

/* Cancelling an open while its credential question is unanswered ends it
 * at once: the user must not have to answer a dialog to get out. */
static void
test_auth_cancel_while_asking (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(Answerer) answerer = answerer_new (connection, AUTH_PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finished;

  answerer->hold = TRUE;
  vs_connection_open_async (connection, FALSE, cancellable, vs_test_async_cb, &result);
  vs_test_assert_wait_for (answerer_has_pending, answerer, VS_TEST_TIMEOUT_MS,
                           "the credential question");

  g_cancellable_cancel (cancellable);
  finished = vs_test_wait_for (vs_test_pointer_set, &result, 3000);

  if (!finished)
    {
      /* Unblock the worker, so that the subprocess can end. */
      answerer_release (answerer, FALSE);
      g_error ("the open did not finish within 3 s of being cancelled while its "
               "credential question was unanswered");
    }
  /* The question is moot: a dialog would go away unanswered. */
  g_clear_object (&answerer->pending);

  g_assert_false (vs_connection_open_finish (connection, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
}

/* Closing the connection withdraws the question: the worker that waits for
 * the answer ends without one. */
static void
test_auth_close_while_asking (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(Answerer) answerer = answerer_new (connection, AUTH_PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  gboolean finished;

  answerer->hold = TRUE;
  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
  vs_test_assert_wait_for (answerer_has_pending, answerer, VS_TEST_TIMEOUT_MS,
                           "the credential question");

  vs_connection_close (connection);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
  finished = vs_test_wait_for (vs_test_pointer_set, &result, 3000);

  if (!finished)
    {
      answerer_release (answerer, FALSE);
      g_error ("the open did not finish within 3 s of the connection being closed while "
               "its credential question was unanswered");
    }
  g_clear_object (&answerer->pending);

  g_assert_false (vs_connection_open_finish (connection, result, NULL));
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_DISCONNECTED);
}

static void
thread_recording_handler (VsConnection *connection,
                          VsCredential *creds,
                          guint         n_creds,
                          gpointer      user_data)
{
  GThread **thread = user_data;

  g_atomic_pointer_set (thread, g_thread_self ());
  vs_connection_credentials_done (connection, FALSE);
}

/* The credential handler is GUI code: it runs on the main thread, even
 * when that thread is not inside the main loop at the moment the worker
 * asks (GLib's g_main_context_invoke() would then run it in the worker). */
static void
test_auth_handler_thread (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  GThread *thread = NULL;

  vs_connection_set_credential_handler (connection, thread_recording_handler, &thread, NULL);

  /* Own nothing and iterate nothing for a while, as a program between two
   * main loop iterations. */
  g_main_context_release (NULL);
  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
  for (guint i = 0; i < 100 && g_atomic_pointer_get (&thread) == NULL; i++)
    g_usleep (10 * 1000);
  /* Nobody iterated the main loop: an answer now came from another thread
   * (which also deadlocks when the handler answers at once, as here, since
   * the worker holds its own lock while it asks). */
  if (g_atomic_pointer_get (&thread) != NULL)
    g_error ("the credential handler ran in a worker thread while the main thread was "
             "outside the main loop");

  g_assert_true (g_main_context_acquire (NULL));
  vs_test_assert_wait_for (vs_test_pointer_set, &thread, VS_TEST_TIMEOUT_MS,
                           "the credential question");
  g_assert_true (thread == main_thread);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_connection_open_finish (connection, result, NULL));
}

/* The user cancels a connection attempt and tries again at once: the
 * cancelled attempt must not tear down the new one. The new attempt waits
 * for its password until the cancelled one has reported, so the order is
 * always the one that matters. */
static void
test_open_cancel_then_open (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node-auth.xml");
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(Answerer) answerer = answerer_new (connection, AUTH_PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  answerer->hold = TRUE;
  g_cancellable_cancel (cancellable);
  vs_connection_open_async (connection, FALSE, cancellable, vs_test_async_cb, &first);
  vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &second);

  vs_test_wait_async (&first, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_connection_open_finish (connection, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The second attempt is still going. */
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTING);

  vs_test_assert_wait_for (answerer_has_pending, answerer, VS_TEST_TIMEOUT_MS,
                           "the second attempt's credential question");
  answerer_release (answerer, TRUE);
  vs_test_wait_async (&second, VS_TEST_TIMEOUT_MS);

  g_assert_true (vs_connection_open_finish (connection, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
  g_assert_nonnull (vs_connection_find_pool (connection, "guarded"));
  g_assert_true (vs_pool_get_reachable (vs_connection_find_pool (connection, "guarded")));

  /* A session that is really open can reload. */
  g_assert_true (vs_test_reload_pools (connection, NULL, &error));
  g_assert_no_error (error);
}

static const char *const volume_xml =
  "<volume><name>vs-reload-cancel.img</name>"
  "<capacity unit='bytes'>1048576</capacity>"
  "<allocation unit='bytes'>1048576</allocation>"
  "<target><format type='raw'/></target></volume>";

static void
assert_reload_cancelled (VsConnection *connection,
                         gboolean      cancel_first)
{
  GListModel *model = vs_connection_get_pools (connection);
  g_autoptr(GPtrArray) before = vs_test_model_items (model);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (model);
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vs_test_notify_log_watch_model (notes, model);

  if (cancel_first)
    g_cancellable_cancel (cancellable);
  vs_connection_reload_pools_async (connection, cancellable, vs_test_async_cb, &result);
  g_cancellable_cancel (cancellable);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_connection_reload_pools_finish (connection, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (vs_test_items_log_count (items) != 0 || vs_test_notify_log_count (notes, NULL, NULL) != 0)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_autofree char *n = vs_test_notify_log_to_string (notes);
      g_error ("a cancelled reload changed the model: items-changed %s, notify %s", i, n);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->len);
  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);
}

/* A cancelled pool listing changes nothing, although a finished one would:
 * a volume made behind the core's back (volumes raise no events) changed
 * the pool's allocation. */
static void
test_reload_cancel (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  virConnectPtr conn = vs_test_virt_open (DEFAULT_URI);
  virStoragePoolPtr ptr = virStoragePoolLookupByName (conn, "default-pool");
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GError) error = NULL;
  VsPool *pool = vs_connection_find_pool (connection, "default-pool");
  virStorageVolPtr vol;
  guint64 allocation;

  g_assert_nonnull (ptr);
  g_assert_nonnull (pool);
  allocation = vs_pool_get_allocation (pool);

  vol = virStorageVolCreateXML (ptr, volume_xml, 0);
  g_assert_nonnull (vol);

  assert_reload_cancelled (connection, TRUE);
  assert_reload_cancelled (connection, FALSE);
  g_assert_cmpuint (vs_pool_get_allocation (pool), ==, allocation);

  /* The same listing, not cancelled, does change it. */
  vs_test_notify_log_watch (notes, pool);
  g_assert_true (vs_test_reload_pools (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vs_pool_get_allocation (pool), ==, allocation + 1048576);
  g_assert_cmpuint (vs_test_notify_log_count (notes, "allocation", NULL), ==, 1);

  g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
  virStorageVolFree (vol);
  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* A listing that finds nothing new emits nothing. */
static void
test_reload_no_change (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) connection = vs_test_connection_open (uri, FALSE);
  GListModel *model = vs_connection_get_pools (connection);
  g_autoptr(GPtrArray) before = vs_test_model_items (model);
  g_autoptr(VsTestItemsLog) items = vs_test_items_log_new (model);
  g_autoptr(VsTestNotifyLog) notes = vs_test_notify_log_new ();
  g_autoptr(GError) error = NULL;

  vs_test_notify_log_watch (notes, connection);
  vs_test_notify_log_watch_model (notes, model);

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (vs_test_reload_pools (connection, NULL, &error));
      g_assert_no_error (error);
    }

  if (vs_test_items_log_count (items) != 0 || vs_test_notify_log_count (notes, NULL, NULL) != 0)
    {
      g_autofree char *i = vs_test_items_log_to_string (items);
      g_autofree char *n = vs_test_notify_log_to_string (notes);
      g_error ("a reload that found nothing new emitted items-changed %s, notify %s", i, n);
    }

  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (model, i);
      g_assert_true (pool == g_ptr_array_index (before, i));
    }
}

/* Dropping the last reference while an open is in flight: the connection
 * lives until the open finishes, and then goes away on the main thread
 * (its dispose emits notify and items-changed, which GTK must only see
 * there). Repeated, because which thread drops the last reference is a
 * race. */
static void
test_unref_while_opening (void)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");

  for (guint round = 0; round < 100; round++)
    {
      VsConnection *connection = vs_connection_new (uri);
      g_autoptr(GAsyncResult) result = NULL;
      VsTestFinalized finalized;

      vs_test_watch_finalize (&finalized, connection);
      vs_connection_open_async (connection, FALSE, NULL, vs_test_async_cb, &result);
      g_object_unref (connection);

      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      g_assert_false (finalized.finalized);
      g_assert_true (vs_connection_open_finish (connection, result, NULL));
      g_clear_object (&result);

      vs_test_wait_finalized (&finalized, "the connection");
    }
}

static void
write_to_dead_peer_thread (GTask        *task,
                           gpointer      source,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  int fd = GPOINTER_TO_INT (task_data);
  char byte = 'x';
  ssize_t written = write (fd, &byte, 1);

  g_task_return_int (task, written < 0 ? errno : 0);
}

/* libvirt's client writes to its socket with write(): when libvirtd dies,
 * the next call from a worker writes to a socket whose peer is gone. That
 * must fail with EPIPE, not kill the program with SIGPIPE (libvirt asks
 * its users to ignore SIGPIPE; the core is where every user starts). */
static void
test_sigpipe (void)
{
  g_autoptr(GTask) task = NULL;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
  close (fds[1]);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (fds[0]), NULL);
  g_task_run_in_thread_sync (task, write_to_dead_peer_thread);
  g_assert_cmpint (g_task_propagate_int (task, NULL), ==, EPIPE);

  close (fds[0]);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);
  main_thread = g_thread_self ();

  vs_test_add ("/connection/core/sigpipe", test_sigpipe);
  vs_test_add ("/connection/open/default", test_open_default);
  vs_test_add ("/connection/open/fixture-pools", test_fixture_pools);
  vs_test_add ("/connection/open/read-only", test_read_only);
  vs_test_add ("/connection/open/bad-uri", test_bad_uri);
  vs_test_add ("/connection/open/cancel", test_open_cancel);
  vs_test_add ("/connection/open/twice", test_open_twice);
  vs_test_add ("/connection/open/cancel-then-open", test_open_cancel_then_open);
  vs_test_add ("/connection/auth/accepted", test_auth_accepted);
  vs_test_add ("/connection/auth/failed", test_auth_failed);
  vs_test_add ("/connection/auth/handler-thread", test_auth_handler_thread);
  vs_test_add ("/connection/auth/cancel-while-asking", test_auth_cancel_while_asking);
  vs_test_add ("/connection/auth/close-while-asking", test_auth_close_while_asking);
  vs_test_add ("/connection/open/unref-while-opening", test_unref_while_opening);
  vs_test_add ("/connection/close/reopen", test_close_reopen);
  vs_test_add ("/connection/close/reopen-updates-pools", test_reopen_updates_pools);
  vs_test_add ("/connection/reload/cancel", test_reload_cancel);
  vs_test_add ("/connection/reload/no-change", test_reload_no_change);

  return g_test_run ();
}
