/* vs-bench-common.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "vs-bench-common.h"

void
vs_bench_parse_options (GOptionContext   *context,
                        int              *argc,
                        char           ***argv,
                        char            **uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  if (*uri == NULL)
    *uri = g_strdup ("qemu:///system");
}

virConnectPtr
vs_bench_open (const char *uri)
{
  virConnectPtr conn = virConnectOpen (uri);

  if (conn == NULL)
    {
      g_printerr ("SKIP: cannot open %s: %s\n", uri, virGetLastErrorMessage ());
      exit (77);
    }

  return conn;
}

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
stall_tick_cb (gpointer user_data)
{
  VsStallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (probe->cpu_last != 0)
    probe->max_gap_cpu = MAX (probe->max_gap_cpu, cpu - probe->cpu_last);
  probe->cpu_last = cpu;

  if (probe->last != 0)
    {
      gint64 gap = now - probe->last;
      gint64 drawn = probe->drawing != NULL ? *probe->drawing - probe->drawing_at_last : 0;

      probe->max_gap = MAX (probe->max_gap, gap);
      probe->max_gap_without_drawing = MAX (probe->max_gap_without_drawing, gap - drawn);
    }
  probe->last = now;
  if (probe->drawing != NULL)
    probe->drawing_at_last = *probe->drawing;

  return G_SOURCE_CONTINUE;
}

void
vs_stall_probe_start (VsStallProbe *probe)
{
  /* From now: a synchronous call made right after this counts too. */
  probe->last = g_get_monotonic_time ();
  probe->max_gap = 0;
  probe->max_gap_without_drawing = 0;
  probe->cpu_last = thread_cpu_usec ();
  probe->max_gap_cpu = 0;
  probe->drawing_at_last = probe->drawing != NULL ? *probe->drawing : 0;
  /* Above GTK's redraw priority, like input would be. */
  probe->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, stall_tick_cb, probe, NULL);
}

double
vs_stall_probe_stop (VsStallProbe *probe)
{
  /* The time since the last tick is a gap too. */
  stall_tick_cb (probe);
  g_clear_handle_id (&probe->source_id, g_source_remove);
  return probe->max_gap / 1000.0;
}

double
vs_stall_probe_cpu_ms (VsStallProbe *probe)
{
  return probe->max_gap_cpu / 1000.0;
}

double
vs_stall_probe_without_drawing (VsStallProbe *probe)
{
  return probe->max_gap_without_drawing / 1000.0;
}

gsize
vs_bench_resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

double
vs_bench_own_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double
vs_bench_daemon_cpu_s (void)
{
  g_autofree char *pid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents ("/run/libvirtd.pid", &pid, NULL, NULL))
    return -1;
  path = g_strdup_printf ("/proc/%s/stat", g_strstrip (pid));
  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;

  /* After "pid (comm)": state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

char *
vs_bench_make_pool (virConnectPtr  conn,
                    const char    *name,
                    int            n_volumes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  virStoragePoolPtr pool;

  dir = g_dir_make_tmp ("vs-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_chmod (dir, 0755);

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

  return g_steal_pointer (&dir);
}

void
vs_bench_remove_pool (virConnectPtr  conn,
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

  if (dir != NULL && (d = g_dir_open (dir, 0, NULL)))
    while ((entry = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);
        g_unlink (path);
      }
  if (dir != NULL)
    g_rmdir (dir);
}

typedef struct
{
  virStorageVolPtr *vols;
  int               n_vols;
  VsBenchCalls      calls;
  gint              next;        /* atomic */
} CallsData;

static gpointer
calls_thread (gpointer user_data)
{
  CallsData *data = user_data;
  int i;

  while ((i = g_atomic_int_add (&data->next, 1)) < data->n_vols)
    {
      virStorageVolInfo info;

      if (data->calls & VS_BENCH_CALL_INFO)
        virStorageVolGetInfo (data->vols[i], &info);
      if (data->calls & VS_BENCH_CALL_XML)
        free (virStorageVolGetXMLDesc (data->vols[i], 0));
      if (data->calls & VS_BENCH_CALL_PATH)
        free (virStorageVolGetPath (data->vols[i]));
    }

  return NULL;
}

double
vs_bench_volume_calls (virConnectPtr conn,
                       const char   *pool_name,
                       VsBenchCalls  calls,
                       int           n_threads)
{
  gint64 start = g_get_monotonic_time ();
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, pool_name);
  CallsData data = { NULL, 0, calls, 0 };
  g_autofree GThread **threads = g_new0 (GThread *, MAX (n_threads, 1));
  double seconds;

  if (pool == NULL)
    g_error ("No pool %s: %s", pool_name, virGetLastErrorMessage ());
  data.n_vols = virStoragePoolListAllVolumes (pool, &data.vols, 0);
  if (data.n_vols < 0)
    g_error ("Could not list %s: %s", pool_name, virGetLastErrorMessage ());

  if (n_threads <= 1)
    calls_thread (&data);
  else
    {
      for (int t = 0; t < n_threads; t++)
        threads[t] = g_thread_new ("bench-calls", calls_thread, &data);
      for (int t = 0; t < n_threads; t++)
        g_thread_join (threads[t]);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

  for (int i = 0; i < data.n_vols; i++)
    virStorageVolFree (data.vols[i]);
  free (data.vols);
  virStoragePoolFree (pool);

  return seconds;
}

double
vs_bench_sequential_loop (virConnectPtr conn,
                          const char   *pool_name)
{
  return vs_bench_volume_calls (conn, pool_name, VS_BENCH_CALL_INFO | VS_BENCH_CALL_XML, 1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
vs_bench_round_trip (virConnectPtr conn)
{
  double times[21];
  unsigned long version;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (virConnectGetLibVersion (conn, &version) < 0)
        g_error ("virConnectGetLibVersion: %s", virGetLastErrorMessage ());
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);

  return times[G_N_ELEMENTS (times) / 2];
}

double
vs_bench_virsh_vol_list (const char *uri,
                         const char *pool_name)
{
  const char *argv[] = { "virsh", "-q", "-c", uri, "vol-list", "--details", pool_name, NULL };
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  return (g_get_monotonic_time () - start) / 1e6;
}
