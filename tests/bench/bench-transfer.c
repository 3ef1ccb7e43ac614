/* bench-transfer.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uploads a file of random data into a raw volume and downloads it again,
 * with `virsh vol-upload` / `vol-download` and with the app's core
 * (vs_volume_upload_async / vs_volume_download_async, with a progress
 * callback as the window uses), in turns, in the same run; prints the
 * throughput of each and the ratios (target: the core at least 0.9 × virsh).
 *
 *   bench-transfer [--uri URI] [--size MIB] [--rounds N]
 */

#define G_LOG_DOMAIN "bench-transfer"

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt/virterror.h>

#include "vs-bench-common.h"
#include "vs-connection.h"
#include "vs-pool.h"
#include "vs-volume.h"

#define MiB (1024 * 1024)

static char *uri = NULL;
static int size_mib = 1024;
static int rounds = 2;

static GOptionEntry entries[] = {
  { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "libvirt URI (default qemu:///system)", "URI" },
  { "size", 's', 0, G_OPTION_ARG_INT, &size_mib, "File size in MiB (default 1024)", "MIB" },
  { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Turns of each contender (default 2)", "N" },
  { NULL }
};

typedef struct
{
  const char *what;
  double      best_s;
} Contender;

static void
write_random_file (const char *path,
                   gsize       size)
{
  g_autofree char *buffer = g_malloc (MiB);
  int in = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  int out = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  if (in < 0 || out < 0)
    g_error ("Could not open /dev/urandom or %s", path);

  for (gsize left = size; left > 0; left -= MiB)
    if (read (in, buffer, MiB) != MiB || write (out, buffer, MiB) != MiB)
      g_error ("Could not write %s", path);

  close (in);
  if (close (out) < 0)
    g_error ("Could not write %s", path);
}

/* Between runs: every contender starts with the source in the page cache
 * and no dirty data of the previous run still to write back. */
static void
settle (const char *source)
{
  g_autofree char *buffer = g_malloc (MiB);
  int fd = open (source, O_RDONLY | O_CLOEXEC);

  sync ();
  if (fd < 0)
    g_error ("Could not read %s", source);
  while (read (fd, buffer, MiB) > 0)
    ;
  close (fd);
}

static double
run_virsh (const char *command,
           const char *pool_name,
           const char *volume,
           const char *file)
{
  const char *argv[] = { "virsh", "-q", "-c", uri, command, "--pool", pool_name, volume, file,
                         NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("virsh %s: %s", command, error->message);

  return (g_get_monotonic_time () - start) / 1e6;
}

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  guint *reports = user_data;

  (*reports)++;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
run_core (VsVolume   *volume,
          gboolean    upload,
          const char *path,
          guint      *reports)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (upload)
    vs_volume_upload_async (volume, file, NULL, progress_cb, reports, done_cb, &result);
  else
    vs_volume_download_async (volume, file, NULL, progress_cb, reports, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = upload ? vs_volume_upload_finish (volume, result, &error)
              : vs_volume_download_finish (volume, result, &error);
  if (!ok)
    g_error ("core %s: %s", upload ? "upload" : "download", error->message);

  return (g_get_monotonic_time () - start) / 1e6;
}

static void
keep_best (Contender *contender,
           double     seconds)
{
  g_print ("  %-22s %7.2f s  %7.1f MiB/s\n", contender->what, seconds, size_mib / seconds);
  if (contender->best_s == 0 || seconds < contender->best_s)
    contender->best_s = seconds;
}

static void
print_ratio (const char      *what,
             const Contender *core,
             const Contender *virsh)
{
  /* Throughput ratio: the same bytes, so virsh's time over ours. */
  g_print ("%s: core %.1f MiB/s, virsh %.1f MiB/s, ratio %.2f (target >= 0.90)\n", what,
           size_mib / core->best_s, size_mib / virsh->best_s, virsh->best_s / core->best_s);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- upload/download benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(VsConnection) connection = NULL;
  g_autofree char *pool_dir = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *virsh_copy = NULL;
  g_autofree char *core_copy = NULL;
  g_autofree char *capacity = NULL;
  Contender virsh_up = { "virsh vol-upload" }, core_up = { "core upload" };
  Contender virsh_down = { "virsh vol-download" }, core_down = { "core download" };
  const char *cmp_argv[4] = { "cmp", NULL, NULL, NULL };
  g_autoptr(GAsyncResult) opened = NULL;
  guint reports = 0;
  virConnectPtr conn;
  VsVolume *volume;
  VsPool *pool;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  vs_bench_parse_options (context, &argc, &argv, &uri);
  conn = vs_bench_open (uri);

  name = g_strdup_printf ("vs-bench-transfer-%d", getpid ());
  pool_dir = vs_bench_make_pool (conn, name, 0);
  work_dir = g_dir_make_tmp ("vs-bench-transfer-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_build_filename (work_dir, "source.bin", NULL);
  virsh_copy = g_build_filename (work_dir, "virsh.bin", NULL);
  core_copy = g_build_filename (work_dir, "core.bin", NULL);
  capacity = g_strdup_printf ("%dM", size_mib);

  g_print ("Writing %d MiB of random data...\n", size_mib);
  write_random_file (source, (gsize) size_mib * MiB);
  {
    const char *create[] = { "virsh", "-q", "-c", uri, "vol-create-as", name, "v.raw", capacity,
                             "--format", "raw", NULL };

    if (!g_spawn_sync (NULL, (char **) create, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                       NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("virsh vol-create-as: %s", error->message);
  }

  connection = vs_connection_new (uri);
  vs_connection_open_async (connection, FALSE, NULL, done_cb, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!vs_connection_open_finish (connection, opened, &error))
    g_error ("Could not open %s: %s", uri, error->message);
  pool = vs_connection_find_pool (connection, name);
  g_assert (pool != NULL);
  vs_pool_reload_volumes_async (pool, NULL, NULL, NULL);
  while ((volume = vs_pool_find_volume (pool, "v.raw")) == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Turns alternate who goes first, so that neither always runs on the
   * other's heels (writeback, daemon caches). */
  for (int round = 1; round <= rounds; round++)
    {
      g_print ("round %d of %d:\n", round, rounds);

      for (int turn = 0; turn < 2; turn++)
        {
          settle (source);
          if ((turn + round) % 2 == 0)
            keep_best (&virsh_up, run_virsh ("vol-upload", name, "v.raw", source));
          else
            keep_best (&core_up, run_core (volume, TRUE, source, &reports));
        }

      for (int turn = 0; turn < 2; turn++)
        {
          g_unlink (virsh_copy);
          g_unlink (core_copy);
          settle (source);
          if ((turn + round) % 2 == 0)
            keep_best (&virsh_down, run_virsh ("vol-download", name, "v.raw", virsh_copy));
          else
            keep_best (&core_down, run_core (volume, FALSE, core_copy, &reports));
        }
    }

  /* The last download of the last round may be virsh's: one more of ours,
   * untimed, to check it. */
  g_unlink (core_copy);
  run_core (volume, FALSE, core_copy, &reports);
  cmp_argv[1] = source;
  cmp_argv[2] = core_copy;
  if (!g_spawn_sync (NULL, (char **) cmp_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("The core's download differs from the source");

  g_print ("size: %d MiB, best of %d rounds; %u progress reports in all\n", size_mib, rounds,
           reports);
  print_ratio ("upload", &core_up, &virsh_up);
  print_ratio ("download", &core_down, &virsh_down);

  vs_connection_close (connection);
  g_unlink (source);
  g_unlink (virsh_copy);
  g_unlink (core_copy);
  g_rmdir (work_dir);
  vs_bench_remove_pool (conn, name, pool_dir);
  virConnectClose (conn);

  return 0;
}
