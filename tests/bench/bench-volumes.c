/* bench-volumes.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's core against plain libvirt, in one run. Three modes:
 *
 *   bench-volumes [--uri URI] [--volumes N] [--keep]
 *       A dir pool of N sparse files on a libvirtd (default qemu:///system)
 *       loaded by the core, by the sequential loop `virsh vol-list --details`
 *       uses (list, then info + XML per volume), by virsh itself, and by the
 *       floors: one XML call per volume, one call per volume that refreshes
 *       nothing, and XML calls from several threads at once.
 *
 *   bench-volumes --remote URI [--uri URI] [--volumes N]
 *       The same kind of pool, made through --uri, loaded through URI (a
 *       far host: build-aux/bench uses qemu+ssh through a delay proxy) by
 *       the core and by `virsh vol-list --details`, against the round trip
 *       of URI measured in the same run.
 *
 *   bench-volumes --test-driver [--volumes N]
 *       The core alone on libvirt's in-process test driver: the longest
 *       main-loop stall while listing, loading details, re-listing
 *       unchanged and re-listing after a change.
 *
 * Each mode ends with one line "bench-volumes: mode=... key=value ..." that
 * build-aux/bench reads.
 */

#define G_LOG_DOMAIN "bench-volumes"

#include "config.h"

#include <libvirt/virterror.h>
#include <stdlib.h>
#include <unistd.h>

#include "vs-bench-common.h"
#include "vs-connection-private.h"
#include "vs-domain-usage.h"
#include "vs-pool.h"
#include "vs-test-volume-utils.h"
#include "vs-worker.h"

/* libvirtd's default max_client_requests: what the core keeps in flight on
 * a remote connection, and so the round-trip floor's divisor. */
#define REMOTE_IN_FLIGHT 5

static char *uri = NULL;
static char *remote_uri = NULL;
static int n_volumes = 10000;
static gboolean keep = FALSE;
static gboolean test_driver = FALSE;
static gboolean core_only = FALSE;

static GOptionEntry entries[] = {
  { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "libvirt URI (default qemu:///system)", "URI" },
  { "volumes", 'n', 0, G_OPTION_ARG_INT, &n_volumes, "Number of volumes (default 10000)", "N" },
  { "remote", 0, 0, G_OPTION_ARG_STRING, &remote_uri,
    "Load the pool through this URI (a far host) instead", "URI" },
  { "test-driver", 0, 0, G_OPTION_ARG_NONE, &test_driver,
    "The core alone on the in-process test driver", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the pool afterwards", NULL },
  { "core-only", 0, 0, G_OPTION_ARG_NONE, &core_only,
    "Local mode: time the core alone (for profiling)", NULL },
  { NULL }
};

/* The core --------------------------------------------------------------- */

typedef struct
{
  double first_rows_s;    /* the whole list in the model */
  double all_s;           /* every volume's details in */
  double list_stall_ms;   /* longest stall until the list is in */
  double detail_stall_ms; /* longest stall after that */
  double list_cpu_ms;     /* the main thread's own CPU time in its */
  double detail_cpu_ms;   /* busiest gap, in each half */
  double own_cpu_s;       /* CPU time of this process, all threads */
  double daemon_cpu_s;    /* CPU time of libvirtd, or < 0 */
} CoreRun;

typedef struct
{
  gint64       *first_rows;
  VsStallProbe *probe;
  CoreRun      *run;
} ReloadWait;

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReloadWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_pool_reload_volumes_finish (VS_POOL (object), result, &error))
    g_error ("Listing failed: %s", error->message);
  *wait->first_rows = g_get_monotonic_time ();
  /* From here on, the stalls are the details'. */
  wait->run->list_stall_ms = vs_stall_probe_stop (wait->probe);
  wait->run->list_cpu_ms = vs_stall_probe_cpu_ms (wait->probe);
  vs_stall_probe_start (wait->probe);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_connection_open_finish (VS_CONNECTION (object), result, &error))
    g_error ("Could not open %s: %s", vs_connection_get_uri (VS_CONNECTION (object)),
             error->message);
  *done = TRUE;
}

static VsConnection *
core_open (const char *core_uri)
{
  VsConnection *connection = vs_connection_new (core_uri);
  gboolean opened = FALSE;

  vs_connection_open_async (connection, FALSE, NULL, open_done_cb, &opened);
  while (!opened)
    g_main_context_iteration (NULL, TRUE);
  /* The host's domains are read after the open: on a far link those calls
   * would be in flight ahead of the listing measured. */
  while (!vs_domain_usage_get_loaded (vs_connection_get_domain_usage (connection)))
    g_main_context_iteration (NULL, TRUE);

  return connection;
}

/* Lists @pool again and waits for every detail, measuring both halves. */
static void
core_load (VsPool  *pool,
           CoreRun *run)
{
  VsStallProbe probe = { 0 };
  gint64 start, first_rows = 0;
  ReloadWait wait = { &first_rows, &probe, run };
  double own_cpu = vs_bench_own_cpu_s ();
  double daemon_cpu = vs_bench_daemon_cpu_s ();

  /* Nothing of the pool's own in flight (its first reading, say). */
  while (vs_pool_get_busy (pool))
    g_main_context_iteration (NULL, TRUE);

  vs_stall_probe_start (&probe);
  start = g_get_monotonic_time ();
  vs_pool_reload_volumes_async (pool, NULL, reload_done_cb, &wait);
  while (first_rows == 0 || vs_pool_get_loading (pool))
    g_main_context_iteration (NULL, TRUE);
  run->all_s = (g_get_monotonic_time () - start) / 1e6;
  run->detail_stall_ms = vs_stall_probe_stop (&probe);
  run->detail_cpu_ms = vs_stall_probe_cpu_ms (&probe);
  run->first_rows_s = (first_rows - start) / 1e6;
  run->own_cpu_s = vs_bench_own_cpu_s () - own_cpu;
  run->daemon_cpu_s = daemon_cpu >= 0 ? vs_bench_daemon_cpu_s () - daemon_cpu : -1;
}

static void
check_complete (VsPool *pool,
                guint   n)
{
  GListModel *volumes = vs_pool_get_volumes (pool);

  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      g_assert_true (vs_volume_get_details_loaded (volume));
    }
}

/* Closes both connections; removes the pool unless --keep. */
static void
finish (VsConnection  *connection,
        virConnectPtr  conn,
        const char    *name,
        const char    *dir)
{
  vs_connection_close (connection);
  if (!keep)
    vs_bench_remove_pool (conn, name, dir);
  virConnectClose (conn);
}

/* Local: the core against the loop and the floors ----------------------- */

typedef struct
{
  const char *uri;
  const char *name;
  double      seconds;
  gint        done;
} EventLoopCalls;

static gpointer
event_loop_calls_thread (gpointer user_data)
{
  EventLoopCalls *job = user_data;
  virConnectPtr conn = vs_bench_open (job->uri);

  job->seconds = vs_bench_volume_calls (conn, job->name, VS_BENCH_CALL_XML, 5);
  virConnectClose (conn);
  g_atomic_int_set (&job->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

/* XML from 5 threads as above, on a connection opened once the core runs
 * libvirt's event loop on the GLib main loop (gvir_event_register()), with
 * the main loop running meanwhile, as in the application: libvirt's client
 * then takes its socket out of the event loop and puts it back around every
 * call. */
static double
xml_calls_with_event_loop (const char *name)
{
  EventLoopCalls job = { uri, name, 0, FALSE };
  GThread *thread = g_thread_new ("bench-event-loop", event_loop_calls_thread, &job);

  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  return job.seconds;
}

static int
run_local (void)
{
  static const int thread_counts[] = { 2, 5, 8 };
  double parallel_s[G_N_ELEMENTS (thread_counts)];
  double path_parallel_s, xml_cpu_s, xml_daemon_s, event_loop_s;
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  virConnectPtr conn;
  VsPool *pool;
  CoreRun run = { 0 };
  double loop_s, xml_s, info_s, path_s, virsh_s, bytes;
  gsize rss_before, rss_after;

  conn = vs_bench_open (uri);
  name = g_strdup_printf ("vs-bench-%d", getpid ());
  g_print ("Creating %d sparse volumes...\n", n_volumes);
  dir = vs_bench_make_pool (conn, name, n_volumes);

  /* Warm the daemon's caches the same way for every contender. */
  vs_bench_sequential_loop (conn, name);
  if (core_only)
    {
      connection = core_open (uri);
      core_load (vs_connection_find_pool (connection, name), &run);
      g_print ("bench-volumes: mode=core-only volumes=%d core_s=%.3f core_own_cpu_s=%.3f "
               "core_daemon_cpu_s=%.3f\n", n_volumes, run.all_s, run.own_cpu_s, run.daemon_cpu_s);
      finish (connection, conn, name, dir);
      return 0;
    }
  loop_s = vs_bench_sequential_loop (conn, name);
  xml_cpu_s = vs_bench_daemon_cpu_s ();
  xml_s = vs_bench_volume_calls (conn, name, VS_BENCH_CALL_XML, 1);
  xml_daemon_s = xml_cpu_s >= 0 ? vs_bench_daemon_cpu_s () - xml_cpu_s : -1;
  info_s = vs_bench_volume_calls (conn, name, VS_BENCH_CALL_INFO, 1);
  path_s = vs_bench_volume_calls (conn, name, VS_BENCH_CALL_PATH, 1);
  for (guint i = 0; i < G_N_ELEMENTS (thread_counts); i++)
    parallel_s[i] = vs_bench_volume_calls (conn, name, VS_BENCH_CALL_XML, thread_counts[i]);
  path_parallel_s = vs_bench_volume_calls (conn, name, VS_BENCH_CALL_PATH, 8);
  virsh_s = vs_bench_virsh_vol_list (uri, name);

  connection = core_open (uri);
  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);

  rss_before = vs_bench_resident_kib ();
  core_load (pool, &run);
  rss_after = vs_bench_resident_kib ();
  check_complete (pool, n_volumes);
  event_loop_s = xml_calls_with_event_loop (name);
  bytes = (rss_after - rss_before) * 1024.0 / n_volumes;

  g_print ("volumes:                                        %d\n", n_volumes);
  g_print ("sequential loop (list + info + XML each):       %.3f s\n", loop_s);
  g_print ("virsh vol-list --details:                       %.3f s\n", virsh_s);
  g_print ("floor: list + XML each, sequential:             %.3f s\n", xml_s);
  g_print ("       list + info each, sequential:            %.3f s\n", info_s);
  g_print ("       list + a call without refresh each:      %.3f s\n", path_s);
  for (guint i = 0; i < G_N_ELEMENTS (thread_counts); i++)
    g_print ("       list + XML each, %d threads:              %.3f s\n",
             thread_counts[i], parallel_s[i]);
  g_print ("       list + a call without refresh, 8 threads: %.3f s\n", path_parallel_s);
  g_print ("       libvirtd's CPU time in the XML floor:    %.3f s\n", xml_daemon_s);
  g_print ("       XML each, 5 threads, libvirt-glib's loop: %.3f s\n", event_loop_s);
  g_print ("core: whole list in the model after             %.3f s\n", run.first_rows_s);
  g_print ("core: all details after                         %.3f s\n", run.all_s);
  g_print ("core: CPU time meanwhile, libvirtd / ours       %.3f s / %.3f s\n",
           run.daemon_cpu_s, run.own_cpu_s);
  g_print ("core: longest main-loop stall                   %.1f ms (target <= 16); the main "
           "thread's own CPU in its busiest gap %.1f ms\n",
           MAX (run.list_stall_ms, run.detail_stall_ms), MAX (run.list_cpu_ms, run.detail_cpu_ms));
  g_print ("core: resident memory per volume                %.0f bytes (target <= 1024)\n", bytes);
  g_print ("ratio core all details / sequential loop:       %.2f (target <= 0.5)\n",
           run.all_s / loop_s);
  g_print ("ratio core all details / XML floor:             %.2f\n", run.all_s / xml_s);
  if (virsh_s > 0)
    g_print ("ratio core all details / virsh:                 %.2f\n", run.all_s / virsh_s);

  g_print ("bench-volumes: mode=local volumes=%d loop_s=%.3f xml_floor_s=%.3f info_floor_s=%.3f "
           "call_floor_s=%.3f xml_2threads_s=%.3f xml_5threads_s=%.3f xml_8threads_s=%.3f "
           "call_8threads_s=%.3f xml_floor_daemon_cpu_s=%.3f xml_5threads_event_loop_s=%.3f "
           "virsh_s=%.3f core_first_rows_s=%.3f core_s=%.3f core_daemon_cpu_s=%.3f "
           "core_own_cpu_s=%.3f core_vs_loop=%.2f "
           "core_vs_xml_floor=%.2f max_stall_ms=%.1f max_stall_cpu_ms=%.1f bytes_per_volume=%.0f\n",
           n_volumes, loop_s, xml_s, info_s, path_s, parallel_s[0], parallel_s[1], parallel_s[2],
           path_parallel_s, xml_daemon_s, event_loop_s,
           virsh_s, run.first_rows_s, run.all_s, run.daemon_cpu_s, run.own_cpu_s,
           run.all_s / loop_s, run.all_s / xml_s,
           MAX (run.list_stall_ms, run.detail_stall_ms), MAX (run.list_cpu_ms, run.detail_cpu_ms),
           bytes);

  finish (connection, conn, name, dir);

  return 0;
}

/* Remote: the core through a far link against virsh --------------------- */

static int
run_remote (void)
{
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  virConnectPtr conn, far;
  virStoragePoolPtr far_pool;
  virStorageVolPtr *vols = NULL;
  VsPool *pool;
  CoreRun run = { 0 };
  gint64 start;
  double rtt_s, list_s, virsh_s, parallel_s, parallel_more_s, rtt_floor_s;
  int n;

  conn = vs_bench_open (uri);
  name = g_strdup_printf ("vs-bench-remote-%d", getpid ());
  g_print ("Creating %d sparse volumes...\n", n_volumes);
  dir = vs_bench_make_pool (conn, name, n_volumes);

  far = vs_bench_open (remote_uri);
  /* Warm the daemon (and the link) once. */
  vs_bench_volume_calls (conn, name, VS_BENCH_CALL_INFO | VS_BENCH_CALL_XML, 1);
  rtt_s = vs_bench_round_trip (far);

  far_pool = virStoragePoolLookupByName (far, name);
  start = g_get_monotonic_time ();
  n = virStoragePoolListAllVolumes (far_pool, &vols, 0);
  list_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpint (n, ==, n_volumes);
  for (int i = 0; i < n; i++)
    virStorageVolFree (vols[i]);
  free (vols);
  virStoragePoolFree (far_pool);

  parallel_s = vs_bench_volume_calls (far, name, VS_BENCH_CALL_XML, REMOTE_IN_FLIGHT);
  /* The daemon reads a 6th call once one of the 5 ends: it waits in the
   * socket, not a round trip away. */
  parallel_more_s = vs_bench_volume_calls (far, name, VS_BENCH_CALL_XML, 2 * REMOTE_IN_FLIGHT);
  virsh_s = vs_bench_virsh_vol_list (remote_uri, name);

  connection = core_open (remote_uri);
  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);
  core_load (pool, &run);
  check_complete (pool, n_volumes);

  rtt_floor_s = (double) n_volumes / REMOTE_IN_FLIGHT * rtt_s;

  g_print ("volumes:                                        %d\n", n_volumes);
  g_print ("round trip (median of 21 calls):                %.1f ms\n", rtt_s * 1000);
  g_print ("floor: N / %d round trips:                       %.3f s\n", REMOTE_IN_FLIGHT,
           rtt_floor_s);
  g_print ("the list call alone:                            %.1f ms (%.2f round trips)\n",
           list_s * 1000, list_s / rtt_s);
  g_print ("virsh vol-list --details:                       %.3f s\n", virsh_s);
  g_print ("libvirt: list + XML each, %d threads:            %.3f s\n", REMOTE_IN_FLIGHT,
           parallel_s);
  g_print ("libvirt: list + XML each, %d threads:           %.3f s\n", 2 * REMOTE_IN_FLIGHT,
           parallel_more_s);
  g_print ("core: whole list in the model after             %.1f ms (%.2f round trips; "
           "target <= 2)\n", run.first_rows_s * 1000, run.first_rows_s / rtt_s);
  g_print ("core: all details after                         %.3f s\n", run.all_s);
  g_print ("core: longest main-loop stall                   %.1f ms\n",
           MAX (run.list_stall_ms, run.detail_stall_ms));
  if (virsh_s > 0)
    g_print ("ratio core all details / virsh:                 %.3f\n", run.all_s / virsh_s);
  g_print ("ratio core all details / round-trip floor:      %.2f (target <= 1.2)\n",
           run.all_s / rtt_floor_s);

  g_print ("bench-volumes: mode=remote volumes=%d rtt_ms=%.2f list_call_ms=%.1f "
           "first_rows_ms=%.1f first_rows_rtts=%.2f core_s=%.3f virsh_s=%.3f "
           "parallel_%d_s=%.3f parallel_%d_s=%.3f remote_vs_virsh=%.3f remote_vs_rtt_floor=%.2f "
           "max_stall_ms=%.1f\n",
           n_volumes, rtt_s * 1000, list_s * 1000, run.first_rows_s * 1000,
           run.first_rows_s / rtt_s, run.all_s, virsh_s, REMOTE_IN_FLIGHT, parallel_s,
           2 * REMOTE_IN_FLIGHT, parallel_more_s,
           virsh_s > 0 ? run.all_s / virsh_s : -1, run.all_s / rtt_floor_s,
           MAX (run.list_stall_ms, run.detail_stall_ms));

  virConnectClose (far);
  finish (connection, conn, name, dir);

  return 0;
}

/* The test driver: the core alone at 100,000 volumes -------------------- */

static void
print_test_driver_row (const char    *what,
                       const CoreRun *run)
{
  g_print ("%-24s %8.3f s %8.3f s %7.1f (%4.1f) ms %7.1f (%4.1f) ms\n", what,
           run->first_rows_s, run->all_s, run->list_stall_ms, run->list_cpu_ms,
           run->detail_stall_ms, run->detail_cpu_ms);
}

static int
run_test_driver (void)
{
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *name = NULL;
  virConnectPtr conn;
  VsPool *pool;
  CoreRun first = { 0 }, again = { 0 }, changed = { 0 };
  int n_changed = MAX (n_volumes / 100, 1);
  gint64 start;
  double make_s, worst;

  /* Every connection to test:///default in a process shares one state: the
   * volumes made through this one are the core's. */
  conn = vs_bench_open ("test:///default");
  name = g_strdup_printf ("vs-bench-%d", getpid ());
  g_print ("Creating %d volumes in the test driver...\n", n_volumes);
  start = g_get_monotonic_time ();
  vs_test_make_test_volumes (conn, name, 0, n_volumes);
  make_s = (g_get_monotonic_time () - start) / 1e6;

  connection = core_open ("test:///default");
  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);

  core_load (pool, &first);
  check_complete (pool, n_volumes);
  core_load (pool, &again);
  check_complete (pool, n_volumes);

  /* 1 % of the volumes go, as many new ones come. */
  vs_test_delete_test_volumes (conn, name, 0, n_changed, 1);
  vs_test_make_test_volumes (conn, name, n_volumes, n_changed);
  core_load (pool, &changed);
  check_complete (pool, n_volumes);

  worst = MAX (MAX (MAX (first.list_stall_ms, first.detail_stall_ms),
                    MAX (again.list_stall_ms, again.detail_stall_ms)),
               MAX (changed.list_stall_ms, changed.detail_stall_ms));

  g_print ("volumes:                                        %d (made in %.1f s)\n",
           n_volumes, make_s);
  g_print ("%-24s %10s %10s %16s %16s\n", "core, test driver", "list in", "details in",
           "stall list (cpu)", "stall details (cpu)");
  print_test_driver_row ("first listing", &first);
  print_test_driver_row ("re-listing, unchanged", &again);
  print_test_driver_row ("re-listing, 1 % changed", &changed);
  g_print ("core: longest main-loop stall                   %.1f ms (target <= 16)\n", worst);

  g_print ("bench-volumes: mode=test-driver volumes=%d list_s=%.3f details_s=%.3f "
           "stall_list_ms=%.1f stall_details_ms=%.1f stall_relist_ms=%.1f "
           "stall_relist_details_ms=%.1f stall_changed_ms=%.1f stall_changed_details_ms=%.1f "
           "max_stall_ms=%.1f\n",
           n_volumes, first.first_rows_s, first.all_s, first.list_stall_ms,
           first.detail_stall_ms, again.list_stall_ms, again.detail_stall_ms,
           changed.list_stall_ms, changed.detail_stall_ms, worst);

  vs_connection_close (connection);
  g_clear_object (&connection);
  vs_bench_remove_pool (conn, name, NULL);
  virConnectClose (conn);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- volume list benchmark");
  int status;

  /* As in the application: the main thread owns the default context. */
  if (!g_main_context_acquire (NULL))
    g_error ("Could not acquire the main context");
  g_option_context_add_main_entries (context, entries, NULL);
  vs_bench_parse_options (context, &argc, &argv, &uri);

  if (test_driver)
    status = run_test_driver ();
  else if (remote_uri != NULL)
    status = run_remote ();
  else
    status = run_local ();

  /* Connections closing in a thread must not be cut off by exit(). */
  vs_worker_wait_freed (10000);

  return status;
}
