/* vs-test-utils.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt/virterror.h>

#include "vs-connection-private.h"
#include "vs-test-utils.h"
#include "vs-worker.h"

/* Test cases ------------------------------------------------------------- */

#define ISOLATED_TIMEOUT_S 60

void
vs_test_trap_check (void)
{
  if (g_test_trap_has_passed ())
    return;

  /* Its assertion message went to stderr, which the subprocess shares. */
  g_test_fail_printf ("the test case failed in its subprocess (see its stderr above)");
}

/* Runs a case in its subprocess. The case's connections close in threads
 * (vs_release_conn()): they finish before the process exits, as in the
 * application. libvirtd 9.0 crashed (use after free in
 * remoteClientFreePrivateCallbacks) when a client went away while its
 * request to deregister event callbacks still waited in the daemon, which
 * took the next cases down with it. */
static void
run_case_body (GTestFunc func)
{
  func ();
  if (!vs_worker_wait_freed (VS_TEST_TIMEOUT_MS))
    g_test_message ("some libvirt handles were still being released at exit");
}

static void
run_isolated_case (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  if (g_test_subprocess ())
    {
      run_case_body (func);
      return;
    }

  g_test_trap_subprocess (NULL, (guint64) ISOLATED_TIMEOUT_S * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  vs_test_trap_check ();
}

void
vs_test_add (const char *path,
             GTestFunc   func)
{
  g_test_add_data_func (path, (gconstpointer) func, run_isolated_case);
}

/* Main loop -------------------------------------------------------------- */

static void
drop_log_cb (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
}

/* Like the application, the tests leave SIGPIPE to the core: a write to a
 * socket whose peer died (a killed libvirtd) must not kill the process.
 * When it would, say so instead of dying without a word. */
static void
sigpipe_cb (int signum)
{
  static const char message[] =
    "\n*** the test process received SIGPIPE: a write to a dead libvirt socket would "
    "kill the application (libvirt's client needs SIGPIPE ignored, see vs_core_init)\n";

  ssize_t written = write (STDERR_FILENO, message, sizeof message - 1);

  (void) written;
  _exit (3);
}

static void
anchor_event_cb (virConnectPtr      conn,
                 virStoragePoolPtr  pool,
                 void              *opaque)
{
}

/* Every connection to test:///default in this process shares one libvirt
 * event state. libvirt 9 (src/conf/object_event.c) loses that state's
 * events for good when one is queued while another thread deregisters its
 * last callback: virObjectEventStateQueueRemote() reads state->timer
 * without the lock, the deregistration removes the timer and empties the
 * queue, then the event is pushed into the queue with no timer to flush
 * it; the next registration makes a new, unarmed timer, and since the
 * queue is never empty again no later event arms it. The core releases a
 * session (deregisters its callbacks) in a worker thread, so a test that
 * closes a connection and at once changes the host through a connection of
 * its own hits it now and then (/events/closed did, once in CI). A
 * callback of our own that stays registered for the whole run keeps the
 * count above zero, so the timer is never removed. */
static void
anchor_default_events (void)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");

  if (virConnectStoragePoolEventRegisterAny (conn, NULL, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                             VIR_STORAGE_POOL_EVENT_CALLBACK (anchor_event_cb),
                                             NULL, NULL) < 0)
    g_error ("could not register an event callback on test:///default");
  /* The connection stays open, with the callback, until the process ends. */
}

void
vs_test_init (int    *argc,
              char ***argv)
{
  struct sigaction action = { 0 };

  g_test_init (argc, argv, NULL);
  vs_core_init ();
  anchor_default_events ();

  /* Only when nobody (the core) chose to ignore it. */
  if (sigaction (SIGPIPE, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
    {
      action.sa_handler = sigpipe_cb;
      sigemptyset (&action.sa_mask);
      action.sa_flags = 0;
      sigaction (SIGPIPE, &action, NULL);
    }

  /* Like GApplication, the main thread owns the default main context for
   * the whole run: the core runs here as it does in the application. */
  if (!g_main_context_acquire (NULL))
    g_error ("could not acquire the default main context");

  /* libvirt-glib logs every event-loop call at debug level (without a log
   * domain), which the test log would otherwise fill with;
   * G_MESSAGES_DEBUG brings it back. */
  if (g_getenv ("G_MESSAGES_DEBUG") == NULL)
    g_log_set_handler (NULL, G_LOG_LEVEL_DEBUG, drop_log_cb, NULL);
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
vs_test_wait_for (VsTestCondition condition,
                  gpointer        data,
                  guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean held;
  guint wake_id;

  g_assert (condition != NULL);

  if (condition (data))
    return TRUE;

  /* Wakes the loop up now and then, for conditions that change outside of
   * it (another process, a file): those are re-checked, not slept on. */
  wake_id = g_timeout_add (20, wake_up_cb, NULL);

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);

  return held;
}

static gboolean
condition_broken (gpointer data)
{
  gpointer *args = data;

  return !((VsTestCondition) args[0]) (args[1]);
}

void
vs_test_assert_stays (VsTestCondition condition,
                      gpointer        data,
                      guint           duration_ms,
                      const char     *what)
{
  gpointer args[] = { (gpointer) condition, data };

  if (vs_test_wait_for (condition_broken, args, duration_ms))
    g_error ("%s stopped holding within %u ms", what, duration_ms);
}

void
vs_test_async_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert (slot != NULL);
  g_assert (*slot == NULL);

  *slot = g_object_ref (result);
}

gboolean
vs_test_pointer_set (gpointer pointer_to_pointer)
{
  return *(gpointer *) pointer_to_pointer != NULL;
}

GAsyncResult *
vs_test_wait_async (GAsyncResult **slot,
                    guint          timeout_ms)
{
  vs_test_assert_wait_for (vs_test_pointer_set, slot, timeout_ms, "an asynchronous call to finish");

  return *slot;
}

/* Fixtures --------------------------------------------------------------- */

char *
vs_test_fixture_path (const char *name)
{
  g_autofree char *path = NULL;

  if (g_getenv ("G_TEST_SRCDIR") != NULL)
    path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  else
    path = g_build_filename (VS_TEST_SRCDIR, "fixtures", name, NULL);

  /* The test driver wants an absolute path; G_TEST_SRCDIR may be relative. */
  return g_canonicalize_filename (path, NULL);
}

char *
vs_test_fixture_uri (const char *name)
{
  g_autofree char *path = vs_test_fixture_path (name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_strconcat ("test://", path, NULL);
}

/* Connections and pools -------------------------------------------------- */

static gboolean
domain_usage_loaded (gpointer data)
{
  return vs_domain_usage_get_loaded (vs_connection_get_domain_usage (data));
}

gboolean
vs_test_connection_reopen (VsConnection  *connection,
                           gboolean       read_only,
                           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_connection_open_async (connection, read_only, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  if (!vs_connection_open_finish (connection, result, error))
    return FALSE;

  /* Who uses which volume is read after the open, in a worker of its own:
   * tests start from a settled "used-by". */
  vs_test_assert_wait_for (domain_usage_loaded, connection, VS_TEST_TIMEOUT_MS,
                           "the virtual machines of the host to be read");
  return TRUE;
}

VsConnection *
vs_test_connection_open (const char *uri,
                         gboolean    read_only)
{
  g_autoptr(VsConnection) connection = vs_connection_new (uri);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (connection);

  if (!vs_test_connection_reopen (connection, read_only, &error))
    g_error ("Could not open %s: %s", uri, error->message);

  g_assert_cmpint (vs_connection_get_state (connection), ==, VS_CONNECTION_STATE_CONNECTED);

  return g_steal_pointer (&connection);
}

gboolean
vs_test_reload_pools (VsConnection  *connection,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_connection_reload_pools_async (connection, cancellable, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_connection_reload_pools_finish (connection, result, error);
}

VsPool *
vs_test_find_pool_by_uuid (VsConnection *connection,
                           const char   *uuid)
{
  GListModel *pools = vs_connection_get_pools (connection);
  guint n = g_list_model_get_n_items (pools);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vs_pool_get_uuid (pool), uuid) == 0)
        return pool;
    }

  return NULL;
}

int
vs_test_model_index (GListModel *model,
                     gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if ((gpointer) object == item)
        return (int) i;
    }

  return -1;
}

GPtrArray *
vs_test_model_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  return items;
}

static gboolean
pool_idle (gpointer data)
{
  VsPool *pool = data;

  return !vs_pool_get_busy (pool) && !vs_pool_get_loading (pool);
}

void
vs_test_pool_wait_idle (VsPool *pool)
{
  vs_test_assert_wait_for (pool_idle, pool, VS_TEST_TIMEOUT_MS,
                           "the pool to be idle (not busy, not loading)");
}

gboolean
vs_test_pool_reload (VsPool        *pool,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_pool_reload_volumes_async (pool, cancellable, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_pool_reload_volumes_finish (pool, result, error);
}

void
vs_test_pool_load_volumes (VsPool *pool)
{
  g_autoptr(GError) error = NULL;

  if (!vs_test_pool_reload (pool, NULL, &error))
    g_error ("Could not list the volumes of %s: %s", vs_pool_get_name (pool), error->message);

  g_assert_true (vs_pool_get_volumes_loaded (pool));
  vs_test_pool_wait_idle (pool);
}

/* items-changed log ------------------------------------------------------ */

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  VsTestItemsLog *log)
{
  VsTestItemsChange change = { position, removed, added };

  g_array_append_val (log->changes, change);
}

VsTestItemsLog *
vs_test_items_log_new (GListModel *model)
{
  VsTestItemsLog *log = g_new0 (VsTestItemsLog, 1);

  log->model = g_object_ref (model);
  log->changes = g_array_new (FALSE, FALSE, sizeof (VsTestItemsChange));
  log->handler = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), log);

  return log;
}

void
vs_test_items_log_free (VsTestItemsLog *log)
{
  if (log == NULL)
    return;

  g_clear_signal_handler (&log->handler, log->model);
  g_clear_object (&log->model);
  g_array_unref (log->changes);
  g_free (log);
}

void
vs_test_items_log_clear (VsTestItemsLog *log)
{
  g_array_set_size (log->changes, 0);
}

guint
vs_test_items_log_count (VsTestItemsLog *log)
{
  return log->changes->len;
}

const VsTestItemsChange *
vs_test_items_log_get (VsTestItemsLog *log,
                       guint           index)
{
  g_assert_cmpuint (index, <, log->changes->len);

  return &g_array_index (log->changes, VsTestItemsChange, index);
}

char *
vs_test_items_log_to_string (VsTestItemsLog *log)
{
  GString *str = g_string_new ("[");

  for (guint i = 0; i < log->changes->len; i++)
    {
      const VsTestItemsChange *c = &g_array_index (log->changes, VsTestItemsChange, i);

      g_string_append_printf (str, "%s(pos %u, -%u, +%u)", i > 0 ? ", " : "",
                              c->position, c->removed, c->added);
    }
  g_string_append_c (str, ']');

  return g_string_free (str, FALSE);
}

/* notify log ------------------------------------------------------------- */

static void
notify_cb (GObject         *object,
           GParamSpec      *pspec,
           VsTestNotifyLog *log)
{
  g_ptr_array_add (log->entries,
                   g_strdup_printf ("%s:%s", G_OBJECT_TYPE_NAME (object), pspec->name));
}

VsTestNotifyLog *
vs_test_notify_log_new (void)
{
  VsTestNotifyLog *log = g_new0 (VsTestNotifyLog, 1);

  log->objects = g_ptr_array_new_with_free_func (g_object_unref);
  log->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  log->entries = g_ptr_array_new_with_free_func (g_free);

  return log;
}

void
vs_test_notify_log_watch (VsTestNotifyLog *log,
                          gpointer         object)
{
  gulong handler;

  g_assert (G_IS_OBJECT (object));

  handler = g_signal_connect (object, "notify", G_CALLBACK (notify_cb), log);
  g_ptr_array_add (log->objects, g_object_ref (object));
  g_array_append_val (log->handlers, handler);
}

void
vs_test_notify_log_watch_model (VsTestNotifyLog *log,
                                GListModel      *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      vs_test_notify_log_watch (log, item);
    }
}

void
vs_test_notify_log_free (VsTestNotifyLog *log)
{
  if (log == NULL)
    return;

  for (guint i = 0; i < log->objects->len; i++)
    g_signal_handler_disconnect (g_ptr_array_index (log->objects, i),
                                 g_array_index (log->handlers, gulong, i));
  g_ptr_array_unref (log->objects);
  g_array_unref (log->handlers);
  g_ptr_array_unref (log->entries);
  g_free (log);
}

void
vs_test_notify_log_clear (VsTestNotifyLog *log)
{
  g_ptr_array_set_size (log->entries, 0);
}

guint
vs_test_notify_log_count (VsTestNotifyLog    *log,
                          const char         *property,
                          const char * const *ignored)
{
  guint count = 0;

  for (guint i = 0; i < log->entries->len; i++)
    {
      const char *entry = g_ptr_array_index (log->entries, i);
      const char *name = strchr (entry, ':') + 1;

      if (ignored != NULL && g_strv_contains (ignored, name))
        continue;
      if (property == NULL || g_str_equal (property, name))
        count++;
    }

  return count;
}

char *
vs_test_notify_log_to_string (VsTestNotifyLog *log)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) entries = NULL;

  for (guint i = 0; i < log->entries->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (log->entries, i));
  entries = g_strv_builder_end (builder);

  return g_strjoinv (", ", entries);
}

/* State log -------------------------------------------------------------- */

static void
state_notify_cb (VsConnection   *connection,
                 GParamSpec     *pspec,
                 VsTestStateLog *log)
{
  VsConnectionState state = vs_connection_get_state (connection);

  g_array_append_val (log->states, state);
}

VsTestStateLog *
vs_test_state_log_new (VsConnection *connection)
{
  VsTestStateLog *log = g_new0 (VsTestStateLog, 1);

  log->connection = g_object_ref (connection);
  log->states = g_array_new (FALSE, FALSE, sizeof (VsConnectionState));
  log->handler = g_signal_connect (connection, "notify::state",
                                   G_CALLBACK (state_notify_cb), log);

  return log;
}

void
vs_test_state_log_free (VsTestStateLog *log)
{
  if (log == NULL)
    return;

  g_clear_signal_handler (&log->handler, log->connection);
  g_clear_object (&log->connection);
  g_array_unref (log->states);
  g_free (log);
}

/* Finalization ------------------------------------------------------------ */

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  VsTestFinalized *finalized = data;

  finalized->finalized = TRUE;
  finalized->thread = g_thread_self ();
}

static gboolean
is_finalized (gpointer data)
{
  return ((VsTestFinalized *) data)->finalized;
}

void
vs_test_watch_finalize (VsTestFinalized *finalized,
                        gpointer         object)
{
  g_assert (G_IS_OBJECT (object));

  finalized->finalized = FALSE;
  finalized->thread = NULL;
  g_object_weak_ref (object, finalized_cb, finalized);
}

void
vs_test_wait_finalized (VsTestFinalized *finalized,
                        const char      *what)
{
  g_autofree char *waiting = g_strdup_printf ("%s to be finalized", what);

  vs_test_assert_wait_for (is_finalized, finalized, VS_TEST_TIMEOUT_MS, waiting);
  if (finalized->thread != g_thread_self ())
    g_error ("%s was finalized in a worker thread", what);
}

/* libvirt and other processes -------------------------------------------- */

virConnectPtr
vs_test_virt_open (const char *uri)
{
  virConnectPtr conn = virConnectOpen (uri);

  if (conn == NULL)
    {
      virErrorPtr err = virGetLastError ();
      g_error ("virConnectOpen (%s) failed: %s", uri,
               err != NULL && err->message != NULL ? err->message : "unknown error");
    }

  return conn;
}

gboolean
vs_test_spawn (const char * const  *argv,
               char               **output,
               GError             **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path_env = g_strdup_printf ("PATH=%s", g_getenv ("PATH") != NULL
                                                            ? g_getenv ("PATH")
                                                            : "/usr/sbin:/usr/bin:/sbin:/bin");
  /* Whatever the test runs under (G_DEBUG, ASAN_OPTIONS, LD_PRELOAD) stays
   * out of the programs it starts: libvirtd among them. */
  const char *envp[] = { path_env, "LANG=C", "LC_ALL=C", NULL };
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL;
  g_autoptr(GError) local_error = NULL;
  int status;

  g_assert (argv != NULL && argv[0] != NULL);

  if (output == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;

  if (!g_spawn_sync (NULL, (char **) argv, (char **) envp, flags, NULL, NULL,
                     output != NULL ? &out : NULL, &err, &status, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (output != NULL)
    *output = g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);

  if (!g_spawn_check_wait_status (status, &local_error))
    {
      g_autofree char *cmdline = g_strjoinv (" ", (char **) argv);

      g_set_error (error, local_error->domain, local_error->code,
                   "`%s` failed (%s): %s%s", cmdline, local_error->message,
                   out != NULL ? out : "", err != NULL ? err : "");
      return FALSE;
    }

  return TRUE;
}

gboolean
vs_test_virsh (const char  *uri,
               char       **output,
               GError     **error,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "virsh");
  g_ptr_array_add (argv, (gpointer) "-q");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) uri);

  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return vs_test_spawn ((const char * const *) argv->pdata, output, error);
}

void
vs_test_it_virsh_or_die (const char *command,
                         const char *argument)
{
  g_autoptr(GError) error = NULL;

  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, command, argument, NULL))
    g_error ("%s", error->message);
}

void
vs_test_qemu_img_create (const char *format,
                         const char *path,
                         const char *size,
                         const char *backing_path)
{
  const char *argv[] = { "qemu-img", "create", "-q", "-f", format, path, size, NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;

  if (backing_path != NULL)
    {
      /* The backing file's format is given, as qemu-img wants it. */
      argv[5] = "-b";
      argv[6] = backing_path;
      argv[7] = "-F";
      argv[8] = "qcow2";
      argv[9] = path;
      argv[10] = size;
    }

  if (!vs_test_spawn (argv, NULL, &error))
    g_error ("%s", error->message);
}

gboolean
vs_test_daemon_answers (const char *uri)
{
  const char *argv[] = { "timeout", "5", "virsh", "-q", "-c", uri, "uri", NULL };

  return vs_test_spawn (argv, NULL, NULL);
}

pid_t
vs_test_daemon_pid (void)
{
  g_autofree char *contents = NULL;
  guint64 pid = 0;

  if (!g_file_get_contents ("/run/libvirtd.pid", &contents, NULL, NULL) ||
      !g_ascii_string_to_unsigned (g_strstrip (contents), 10, 2, G_MAXINT, &pid, NULL))
    return 0;

  return (pid_t) pid;
}

static gboolean
daemon_answers_cb (gpointer uri)
{
  return vs_test_daemon_answers (uri);
}

/* A clean environment and every output on /dev/null: a daemon that kept
 * our stdout would keep meson waiting. */
gboolean
vs_test_start_daemon (const char *uri)
{
  const char *argv[] = { "libvirtd", "-d", NULL };
  const char *envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, (char **) envp,
                     G_SPAWN_SEARCH_PATH_FROM_ENVP | G_SPAWN_STDIN_FROM_DEV_NULL |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("could not run libvirtd -d: %s\n", error->message);
      return FALSE;
    }

  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("libvirtd -d: %s\n", error->message);

  return vs_test_wait_for (daemon_answers_cb, (gpointer) uri, 15000);
}

/* Integration tests ------------------------------------------------------ */

const char *
vs_test_it_uri (void)
{
  const char *uri = g_getenv ("VS_TEST_URI");

  return uri != NULL && *uri != '\0' ? uri : "qemu:///system";
}

static gboolean
it_daemon_available (const char *uri)
{
  virConnectPtr conn = virConnectOpen (uri);

  if (conn == NULL)
    {
      virErrorPtr err = virGetLastError ();

      g_print ("SKIP: no libvirtd at %s (%s)\n", uri,
               err != NULL && err->message != NULL ? err->message : "unknown error");
      return FALSE;
    }

  virConnectClose (conn);
  return TRUE;
}

const char *
vs_test_it_prefix (void)
{
  const char *prefix = g_getenv ("VS_TEST_IT_PREFIX");

  if (prefix == NULL)
    g_error ("VS_TEST_IT_PREFIX is not set: run integration cases without "
             "--GTestSubprocess, or set it (and VS_TEST_IT_DIR) yourself");
  return prefix;
}

char *
vs_test_it_name (const char *suffix)
{
  return g_strconcat (vs_test_it_prefix (), suffix, NULL);
}

const char *
vs_test_it_dir (void)
{
  const char *dir = g_getenv ("VS_TEST_IT_DIR");

  if (dir == NULL)
    g_error ("VS_TEST_IT_DIR is not set: run integration cases without "
             "--GTestSubprocess, or set it (and VS_TEST_IT_PREFIX) yourself");
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  return dir;
}

void
vs_test_it_define_dir_pool (const char *name,
                            const char *dir,
                            gboolean    start)
{
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("could not make %s: %s", dir, g_strerror (errno));

  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error,
                      "pool-define-as", name, "dir", "--target", dir, NULL))
    g_error ("%s", error->message);
  if (start && !vs_test_virsh (vs_test_it_uri (), NULL, &error, "pool-start", name, NULL))
    g_error ("%s", error->message);
}

char *
vs_test_it_pool_info_field (const char *name,
                            const char *field)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (!vs_test_virsh (vs_test_it_uri (), &output, &error, "pool-info", name, NULL))
    g_error ("%s", error->message);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      if (strncmp (lines[i], field, colon - lines[i]) == 0 &&
          (gsize) (colon - lines[i]) == strlen (field))
        return g_strstrip (g_strdup (colon + 1));
    }

  g_error ("`virsh pool-info %s` printed no “%s:” line:\n%s", name, field, output);
  return NULL;
}

/* `virsh LIST --all --name`, then `STOP NAME; UNDEFINE NAME` for each name
 * with @prefix. */
static void
remove_prefixed (const char *prefix,
                 const char *list,
                 const char *stop,
                 const char *undefine)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GString) commands = g_string_new (NULL);

  if (!vs_test_virsh (vs_test_it_uri (), &output, NULL, list, "--all", "--name", NULL))
    return;

  /* One virsh for all of them: it goes on after a failed command (an
   * object that is inactive, or transient and gone). */
  names = g_strsplit (output, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (g_str_has_prefix (names[i], prefix))
        g_string_append_printf (commands, "%s %s; %s %s; ", stop, names[i], undefine, names[i]);
    }

  if (commands->len > 0)
    vs_test_virsh (vs_test_it_uri (), NULL, NULL, commands->str, NULL);
}

void
vs_test_it_remove_pools (const char *prefix)
{
  remove_prefixed (prefix, "pool-list", "pool-destroy", "pool-undefine");
}

void
vs_test_it_remove_domains (const char *prefix)
{
  remove_prefixed (prefix, "list", "destroy", "undefine");
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
    }

  return g_rmdir (path) == 0;
}

static guint it_case_counter;

static void
run_guarded_case (gconstpointer data)
{
  const VsTestItCase *test_case = data;
  g_autofree char *prefix = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      run_case_body (test_case->func);
      return;
    }

  if (test_case->skip_reason != NULL)
    {
      g_autofree char *reason = test_case->skip_reason ();

      if (reason != NULL)
        {
          g_test_skip (reason);
          return;
        }
    }

  prefix = g_strdup_printf ("vs-it-%d-%u-", (int) getpid (), ++it_case_counter);
  dir = g_dir_make_tmp ("vs-it-XXXXXX", &error);
  g_assert_no_error (error);
  /* libvirtd (root) and qemu-img must be able to enter it. */
  g_chmod (dir, 0755);

  g_setenv ("VS_TEST_IT_PREFIX", prefix, TRUE);
  g_setenv ("VS_TEST_IT_DIR", dir, TRUE);

  /* The subprocess's stderr carries its assertion messages; its stdout
   * (TAP lines of its own) stays out of ours. */
  g_test_trap_subprocess (NULL, (guint64) test_case->timeout_s * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);

  if (test_case->after != NULL)
    test_case->after ();

  vs_test_it_remove_domains (prefix);
  vs_test_it_remove_pools (prefix);
  if (!remove_tree (dir))
    g_printerr ("could not remove %s\n", dir);

  g_unsetenv ("VS_TEST_IT_PREFIX");
  g_unsetenv ("VS_TEST_IT_DIR");

  vs_test_trap_check ();
}

void
vs_test_it_add (const VsTestItCase *test_case)
{
  g_test_add_data_func (test_case->path, test_case, run_guarded_case);
}

int
vs_test_it_main (int                 argc,
                 char               *argv[],
                 const VsTestItCase *cases,
                 guint               n_cases)
{
  vs_test_init (&argc, &argv);

  if (!g_test_subprocess () && !it_daemon_available (vs_test_it_uri ()))
    return VS_TEST_EXIT_SKIP;

  for (guint i = 0; i < n_cases; i++)
    vs_test_it_add (&cases[i]);

  return g_test_run ();
}

typedef struct
{
  VsConnection *connection;
  const char   *name;
  gboolean      present;
  VsPoolState   state;
} PoolWait;

static gboolean
pool_is (gpointer data)
{
  PoolWait *wait = data;
  VsPool *pool = vs_connection_find_pool (wait->connection, wait->name);

  if (!wait->present)
    return pool == NULL;

  return pool != NULL && vs_pool_get_state (pool) == wait->state;
}

void
vs_test_wait_pool (VsConnection *connection,
                   const char   *name,
                   gboolean      present,
                   VsPoolState   state)
{
  PoolWait wait = { connection, name, present, state };
  g_autofree char *what = present
    ? g_strdup_printf ("pool %s to be listed in state %d", name, state)
    : g_strdup_printf ("pool %s to leave the list", name);

  vs_test_assert_wait_for (pool_is, &wait, VS_TEST_TIMEOUT_MS, what);
}

gboolean
vs_test_volume_is (gpointer data)
{
  VsTestVolumeWait *wait = data;
  VsVolume *volume = vs_pool_find_volume (wait->pool, wait->name);

  if (!wait->present)
    return volume == NULL;

  return volume != NULL && vs_volume_get_details_loaded (volume);
}

gboolean
vs_test_strv_same_set (const char * const *a,
                       const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  if (g_strv_length ((char **) a) != g_strv_length ((char **) b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

gboolean
vs_test_volume_run (VsVolume            *volume,
                    VsTestVolumeAsync    async_func,
                    VsTestVolumeFinish   finish_func,
                    GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  async_func (volume, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return finish_func (volume, result, error);
}

void
vs_test_assert_in_use (VsVolume   *volume,
                       const char *user)
{
  g_autoptr(GError) error = NULL;
  VsPool *pool = vs_volume_get_pool (volume);

  g_assert_false (vs_test_volume_run (volume, vs_volume_delete_async, vs_volume_delete_finish,
                                      &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE);
  if (strstr (error->message, user) == NULL)
    g_error ("the refusal does not name %s: %s", user, error->message);
  g_clear_error (&error);

  g_assert_false (vs_test_volume_run (volume, vs_volume_wipe_async, vs_volume_wipe_finish,
                                      &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE);

  g_assert_false (vs_volume_get_busy (volume));
  g_assert_true (vs_pool_find_volume (pool, vs_volume_get_name (volume)) == volume);
}

typedef struct
{
  VsVolume           *volume;
  const char * const *expected;
} UsedByWait;

static gboolean
used_by_is (gpointer data)
{
  UsedByWait *wait = data;

  return vs_test_strv_same_set (vs_volume_get_used_by (wait->volume), wait->expected);
}

void
vs_test_wait_used_by (VsVolume           *volume,
                      const char * const *expected,
                      guint               timeout_ms)
{
  UsedByWait wait = { volume, expected };
  g_autofree char *names = expected != NULL ? g_strjoinv (",", (char **) expected) : NULL;
  g_autofree char *what = g_strdup_printf ("%s to be used by [%s]", vs_volume_get_name (volume),
                                           names != NULL ? names : "");

  vs_test_assert_wait_for (used_by_is, &wait, timeout_ms, what);
}
