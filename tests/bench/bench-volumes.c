/* bench-volumes.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads one dir pool of N sparse files three ways in one run and prints
 * ratios: the app's core (first rows, all details, main-loop stalls, memory)
 * against the sequential loop `virsh vol-list --details` does
 * (list, then info + XML per volume).
 *
 *   bench-volumes [--uri URI] [--volumes N] [--keep]
 */

#define G_LOG_DOMAIN "bench-volumes"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <unistd.h>

#include "vs-connection.h"
#include "vs-pool.h"
#include "vs-volume.h"

static char *uri = NULL;
static int n_volumes = 10000;
static gboolean keep = FALSE;

static GOptionEntry entries[] = {
  { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "libvirt URI (default qemu:///system)", "URI" },
  { "volumes", 'n', 0, G_OPTION_ARG_INT, &n_volumes, "Number of volumes (default 10000)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the pool afterwards", NULL },
  { NULL }
};

typedef struct
{
  gint64 last;
  gint64 max_gap;
} StallProbe;

static gboolean
stall_tick_cb (gpointer user_data)
{
  StallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0 && now - probe->last > probe->max_gap)
    probe->max_gap = now - probe->last;
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

static gsize
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static double
sequential_loop (virConnectPtr conn,
                 const char   *pool_name)
{
  gint64 start = g_get_monotonic_time ();
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, pool_name);
  virStorageVolPtr *vols = NULL;
  int n = virStoragePoolListAllVolumes (pool, &vols, 0);

  for (int i = 0; i < n; i++)
    {
      virStorageVolInfo info;
      char *xml;

      virStorageVolGetInfo (vols[i], &info);
      xml = virStorageVolGetXMLDesc (vols[i], 0);
      free (xml);
      virStorageVolFree (vols[i]);
    }
  free (vols);
  virStoragePoolFree (pool);

  return (g_get_monotonic_time () - start) / 1e6;
}

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

static void
make_pool (virConnectPtr  conn,
           const char    *name,
           const char    *dir)
{
  g_autofree char *xml = NULL;
  virStoragePoolPtr pool;

  for (int i = 0; i < n_volumes; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/vol-%06d.img", dir, i);
      int fd = open (path, O_CREAT | O_WRONLY, 0644);

      if (fd < 0 || ftruncate (fd, (goffset) (1 + i % 64) << 20) < 0)
        g_error ("Could not create %s: %s", path, g_strerror (errno));
      close (fd);
    }

  xml = g_markup_printf_escaped ("<pool type='dir'><name>%s</name>"
                                 "<target><path>%s</path></target></pool>", name, dir);
  pool = virStoragePoolCreateXML (conn, xml, 0);
  if (pool == NULL)
    g_error ("Could not create the pool: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);
}

static void
remove_pool (virConnectPtr  conn,
             const char    *name,
             const char    *dir)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, name);
  g_autoptr(GDir) d = NULL;
  const char *entry;

  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }

  if ((d = g_dir_open (dir, 0, NULL)))
    while ((entry = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);
        g_unlink (path);
      }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- volume list benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  StallProbe probe = { 0 };
  virConnectPtr conn;
  VsPool *pool;
  gboolean opened = FALSE;
  gint64 start, first_rows = 0, all_details;
  double loop_s, core_first_s, core_all_s;
  gsize rss_before, rss_after;
  guint tick;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (uri == NULL)
    uri = g_strdup ("qemu:///system");

  conn = virConnectOpen (uri);
  if (conn == NULL)
    {
      g_printerr ("SKIP: cannot open %s: %s\n", uri, virGetLastErrorMessage ());
      return 77;
    }

  name = g_strdup_printf ("vs-bench-%d", getpid ());
  dir = g_dir_make_tmp ("vs-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_chmod (dir, 0755);

  g_print ("Creating %d sparse volumes in %s...\n", n_volumes, dir);
  make_pool (conn, name, dir);

  /* Warm the daemon's caches the same way for both sides. */
  sequential_loop (conn, name);

  loop_s = sequential_loop (conn, name);
  g_print ("sequential libvirt loop (list + info + XML each): %.3f s\n", loop_s);

  {
    g_autofree char *command = g_strdup_printf ("virsh -q -c '%s' vol-list --details '%s'", uri, name);
    g_autofree char *out = NULL;
    gint64 virsh_start = g_get_monotonic_time ();

    if (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL))
      g_print ("virsh vol-list --details: %.3f s\n",
               (g_get_monotonic_time () - virsh_start) / 1e6);
  }

  connection = vs_connection_new (uri);
  vs_connection_open_async (connection, FALSE, NULL, open_done_cb, &opened);
  while (!opened)
    g_main_context_iteration (NULL, TRUE);

  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);

  rss_before = resident_kib ();
  tick = g_timeout_add (1, stall_tick_cb, &probe);

  start = g_get_monotonic_time ();
  vs_pool_reload_volumes_async (pool, NULL, reload_done_cb, &first_rows);
  while (first_rows == 0 || vs_pool_get_loading (pool))
    g_main_context_iteration (NULL, TRUE);
  all_details = g_get_monotonic_time ();

  g_source_remove (tick);
  rss_after = resident_kib ();

  core_first_s = (first_rows - start) / 1e6;
  core_all_s = (all_details - start) / 1e6;

  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (pool)), ==, n_volumes);

  g_print ("core: list in model after %.3f s, all details after %.3f s\n",
           core_first_s, core_all_s);
  g_print ("core: longest main-loop stall %.1f ms\n", probe.max_gap / 1000.0);
  g_print ("core: resident memory grew %zu KiB, %.0f bytes per volume\n",
           rss_after - rss_before, (rss_after - rss_before) * 1024.0 / n_volumes);
  g_print ("ratio all-details / sequential loop: %.2f (target <= 0.5)\n", core_all_s / loop_s);

  vs_connection_close (connection);
  if (!keep)
    remove_pool (conn, name, dir);
  virConnectClose (conn);

  return 0;
}
