/* bench-volumes.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads one dir pool of N sparse files with the app's core and, in the
 * same run, with the sequential loop `virsh vol-list --details` uses
 * (list, then info + XML per volume) and with virsh itself; prints times,
 * ratios, the longest main-loop stall and memory per volume.
 *
 *   bench-volumes [--uri URI] [--volumes N] [--keep]
 */

#define G_LOG_DOMAIN "bench-volumes"

#include "config.h"

#include <libvirt/virterror.h>
#include <unistd.h>

#include "vs-bench-common.h"
#include "vs-connection.h"
#include "vs-pool.h"

static char *uri = NULL;
static int n_volumes = 10000;
static gboolean keep = FALSE;

static GOptionEntry entries[] = {
  { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "libvirt URI (default qemu:///system)", "URI" },
  { "volumes", 'n', 0, G_OPTION_ARG_INT, &n_volumes, "Number of volumes (default 10000)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the pool afterwards", NULL },
  { NULL }
};

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gint64 *first_rows = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_pool_reload_volumes_finish (VS_POOL (object), result, &error))
    g_error ("Listing failed: %s", error->message);
  *first_rows = g_get_monotonic_time ();
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_connection_open_finish (VS_CONNECTION (object), result, &error))
    g_error ("Could not open: %s", error->message);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- volume list benchmark");
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  VsStallProbe probe = { 0 };
  virConnectPtr conn;
  VsPool *pool;
  gboolean opened = FALSE;
  gint64 start, first_rows = 0, all_details;
  double loop_s, virsh_s, core_first_s, core_all_s, stall_ms;
  gsize rss_before, rss_after;

  g_option_context_add_main_entries (context, entries, NULL);
  vs_bench_parse_options (context, &argc, &argv, &uri);
  conn = vs_bench_open (uri);

  name = g_strdup_printf ("vs-bench-%d", getpid ());
  g_print ("Creating %d sparse volumes...\n", n_volumes);
  dir = vs_bench_make_pool (conn, name, n_volumes);

  /* Warm the daemon's caches the same way for every contender. */
  vs_bench_sequential_loop (conn, name);
  loop_s = vs_bench_sequential_loop (conn, name);
  virsh_s = vs_bench_virsh_vol_list (uri, name);

  connection = vs_connection_new (uri);
  vs_connection_open_async (connection, FALSE, NULL, open_done_cb, &opened);
  while (!opened)
    g_main_context_iteration (NULL, TRUE);

  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);

  rss_before = vs_bench_resident_kib ();
  vs_stall_probe_start (&probe);

  start = g_get_monotonic_time ();
  vs_pool_reload_volumes_async (pool, NULL, reload_done_cb, &first_rows);
  while (first_rows == 0 || vs_pool_get_loading (pool))
    g_main_context_iteration (NULL, TRUE);
  all_details = g_get_monotonic_time ();

  stall_ms = vs_stall_probe_stop (&probe);
  rss_after = vs_bench_resident_kib ();

  core_first_s = (first_rows - start) / 1e6;
  core_all_s = (all_details - start) / 1e6;
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (pool)), ==, n_volumes);

  g_print ("volumes:                                   %d\n", n_volumes);
  g_print ("sequential loop (list + info + XML each):  %.3f s\n", loop_s);
  g_print ("virsh vol-list --details:                  %.3f s\n", virsh_s);
  g_print ("core: whole list in the model after        %.3f s\n", core_first_s);
  g_print ("core: all details after                    %.3f s\n", core_all_s);
  g_print ("core: longest main-loop stall              %.1f ms (target <= 16)\n", stall_ms);
  g_print ("core: resident memory per volume           %.0f bytes (target <= 1024)\n",
           (rss_after - rss_before) * 1024.0 / n_volumes);
  g_print ("ratio core all details / sequential loop:  %.2f (target <= 0.5)\n", core_all_s / loop_s);
  if (virsh_s > 0)
    g_print ("ratio core all details / virsh:            %.2f\n", core_all_s / virsh_s);

  vs_connection_close (connection);
  if (!keep)
    vs_bench_remove_pool (conn, name, dir);
  virConnectClose (conn);

  return 0;
}
