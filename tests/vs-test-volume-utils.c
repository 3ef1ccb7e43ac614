/* vs-test-volume-utils.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-test"

#include "config.h"

#include <signal.h>

#include <errno.h>
#include <libvirt/virterror.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vs-job.h"
#include "vs-volume-definition.h"
#include "vs-test-volume-utils.h"

#define CHUNK (1024 * 1024)

void
vs_test_progress_init (VsTestProgress *progress)
{
  memset (progress, 0, sizeof *progress);
  progress->reports = g_array_new (FALSE, FALSE, sizeof (VsTestProgressReport));
}

void
vs_test_progress_clear (VsTestProgress *progress)
{
  g_clear_pointer (&progress->reports, g_array_unref);
  g_clear_object (&progress->cancellable);
  g_clear_object (&progress->job);
}

void
vs_test_progress_cb (goffset  done,
                     goffset  total,
                     gpointer user_data)
{
  VsTestProgress *progress = user_data;
  VsTestProgressReport report = { done, total, g_get_monotonic_time () };

  /* The test's main context is the default one, which it owns. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpint (done, >=, 0);
  g_assert_cmpint (done, <=, total);
  if (progress->reports->len > 0)
    {
      const VsTestProgressReport *last =
        &g_array_index (progress->reports, VsTestProgressReport, progress->reports->len - 1);

      g_assert_cmpuint (report.done, >=, last->done);
    }
  g_array_append_val (progress->reports, report);

  if (progress->cancel_at > 0 && report.done >= progress->cancel_at && !progress->cancelled)
    {
      g_test_message ("cancelling at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes",
                      report.done, report.total);
      progress->cancelled = TRUE;
      if (progress->job != NULL)
        vs_job_cancel (progress->job);
      else
        g_cancellable_cancel (progress->cancellable);
    }
}

void
vs_test_progress_assert_rate (VsTestProgress *progress)
{
  GArray *reports = progress->reports;
  gint64 span;

  if (reports->len < 3)
    return;

  /* n reports at least 100 ms apart span (n - 1) × 100 ms; allow for the
   * main loop running one a bit early after a late one. */
  span = g_array_index (reports, VsTestProgressReport, reports->len - 1).time -
         g_array_index (reports, VsTestProgressReport, 0).time;
  if ((guint64) span < (reports->len - 2) * 80000)
    g_error ("%u progress reports in %" G_GINT64_FORMAT " ms: more than ten a second",
             reports->len, span / 1000);
}

VsVolume *
vs_test_create_volume (VsPool        *pool,
                       const char    *xml,
                       guint          flags,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_pool_create_volume_async (pool, xml, flags, cancellable, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
  return vs_pool_create_volume_finish (pool, result, error);
}

VsVolume *
vs_test_clone_volume (VsPool        *pool,
                      VsVolume      *source,
                      const char    *name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_pool_clone_volume_async (pool, source, name, cancellable, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
  return vs_pool_clone_volume_finish (pool, result, error);
}

gboolean
vs_test_wipe_volume (VsVolume  *volume,
                     GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_volume_wipe_async (volume, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
  return vs_volume_wipe_finish (volume, result, error);
}

gboolean
vs_test_resize_volume (VsVolume  *volume,
                       guint64    capacity,
                       gboolean   allow_shrink,
                       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_volume_resize_async (volume, capacity, allow_shrink, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  return vs_volume_resize_finish (volume, result, error);
}

void
vs_test_transfer_async (VsVolume              *volume,
                        gboolean               upload,
                        const char            *path,
                        GCancellable          *cancellable,
                        GFileProgressCallback  progress_callback,
                        gpointer               progress_data,
                        GAsyncResult         **result)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (upload)
    vs_volume_upload_async (volume, file, cancellable, progress_callback, progress_data,
                            vs_test_async_cb, result);
  else
    vs_volume_download_async (volume, file, cancellable, progress_callback, progress_data,
                              vs_test_async_cb, result);
}

gboolean
vs_test_transfer_finish (VsVolume      *volume,
                         gboolean       upload,
                         GAsyncResult  *result,
                         GError       **error)
{
  return upload ? vs_volume_upload_finish (volume, result, error)
                : vs_volume_download_finish (volume, result, error);
}

gboolean
vs_test_transfer (VsVolume        *volume,
                  gboolean         upload,
                  const char      *path,
                  GCancellable    *cancellable,
                  VsTestProgress  *progress,
                  guint            timeout_ms,
                  GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_test_transfer_async (volume, upload, path, cancellable,
                          progress != NULL ? vs_test_progress_cb : NULL, progress, &result);
  vs_test_wait_async (&result, timeout_ms);
  return vs_test_transfer_finish (volume, upload, result, error);
}

char *
vs_test_volume_xml (const char *name,
                    const char *format,
                    guint64     capacity,
                    guint64     allocation,
                    const char *backing_path,
                    const char *backing_format)
{
  g_autoptr(VsVolumeDefinition) def = vs_volume_definition_new (name, format, capacity);
  g_autoptr(GError) error = NULL;
  char *xml;

  def->allocation = allocation;
  def->backing_path = g_strdup (backing_path);
  def->backing_format = g_strdup (backing_format);
  xml = vs_volume_definition_to_xml (def, &error);
  g_assert_no_error (error);

  return xml;
}

VsJob *
vs_test_last_job (VsConnection *connection)
{
  GListModel *jobs = vs_connection_get_jobs (connection);
  guint n = g_list_model_get_n_items (jobs);

  return n > 0 ? g_list_model_get_item (jobs, n - 1) : NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char *
vs_test_dir_listing (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  handle = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static void
fill_random (int     random_fd,
             char   *buffer,
             gsize   size)
{
  gsize got = 0;

  while (got < size)
    {
      ssize_t n = read (random_fd, buffer + got, size - got);

      g_assert_cmpint (n, >, 0);
      got += (gsize) n;
    }
}

static void
write_random (int      fd,
              guint64  offset,
              guint64  size)
{
  g_autofree char *buffer = g_malloc (CHUNK);
  int random_fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (random_fd, >=, 0);
  g_assert_cmpint (lseek (fd, (off_t) offset, SEEK_SET), ==, (off_t) offset);

  for (guint64 left = size; left > 0;)
    {
      gsize n = MIN (left, CHUNK);

      fill_random (random_fd, buffer, n);
      g_assert_cmpint (write (fd, buffer, n), ==, (ssize_t) n);
      left -= n;
    }

  close (random_fd);
}

void
vs_test_write_random_file (const char *path,
                           guint64     size)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  write_random (fd, 0, size);
  g_assert_cmpint (close (fd), ==, 0);
}

void
vs_test_write_sparse_file (const char *path,
                           guint64     size,
                           guint64     data_offset,
                           guint64     data_bytes)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (data_offset + data_bytes, <=, size);
  g_assert_cmpint (ftruncate (fd, (off_t) size), ==, 0);
  write_random (fd, data_offset, data_bytes);
  g_assert_cmpint (close (fd), ==, 0);
}

guint64
vs_test_file_disk_usage (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return (guint64) st.st_blocks * 512;
}

gboolean
vs_test_files_equal (const char *a,
                     const char *b)
{
  const char *argv[] = { "cmp", "--quiet", a, b, NULL };

  return vs_test_spawn (argv, NULL, NULL);
}

char *
vs_test_output_field (const char *output,
                      const char *field)
{
  g_autofree char *key = g_strdup_printf ("%s:", field);
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (char **line = lines; *line != NULL; line++)
    {
      const char *start = *line + strspn (*line, " ");

      if (g_str_has_prefix (start, key))
        return g_strstrip (g_strdup (start + strlen (key)));
    }

  g_error ("no “%s” line in:\n%s", key, output);
  return NULL;
}

guint64
vs_test_virsh_volume_bytes (const char *pool_name,
                            const char *volume_name,
                            const char *field)
{
  g_autofree char *output = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  guint64 bytes = 0;
  char *end;

  if (!vs_test_virsh (vs_test_it_uri (), &output, &error,
                      "vol-info", "--bytes", "--pool", pool_name, volume_name, NULL))
    g_error ("%s", error->message);

  value = vs_test_output_field (output, field);
  bytes = g_ascii_strtoull (value, &end, 10);
  if (end == value || strcmp (end, " bytes") != 0)
    g_error ("`virsh vol-info` %s is “%s”, not a byte count", field, value);

  return bytes;
}

char *
vs_test_kill_skip_reason (void)
{
  if (g_strcmp0 (g_getenv ("VS_TEST_LIBVIRTD"), "started") != 0 &&
      g_strcmp0 (g_getenv ("VS_TEST_ALLOW_KILL"), "1") != 0)
    return g_strdup ("kills the system libvirtd: runs only with VS_TEST_ALLOW_KILL=1, or "
                     "VS_TEST_LIBVIRTD=started when the test command started the daemon");

  if (getuid () != 0)
    return g_strdup ("killing and restarting libvirtd needs root");
  if (vs_test_daemon_pid () == 0)
    return g_strdup ("no /run/libvirtd.pid: libvirtd was not started with `libvirtd -d`");

  return NULL;
}

void
vs_test_ensure_daemon (void)
{
  if (vs_test_daemon_answers (vs_test_it_uri ()))
    return;

  g_printerr ("libvirtd is down after the test case: starting it again\n");
  if (!vs_test_start_daemon (vs_test_it_uri ()))
    g_printerr ("libvirtd did not come back\n");
}

typedef struct
{
  VsJob         *job;
  GAsyncResult **result_slot;
} MidTransfer;

static gboolean
transfer_moved (gpointer data)
{
  MidTransfer *wait = data;

  return *wait->result_slot != NULL || vs_job_get_bytes_done (wait->job) > 0;
}

pid_t
vs_test_pause_daemon_mid_transfer (VsJob          *job,
                                   GAsyncResult  **result_slot)
{
  MidTransfer wait = { job, result_slot };
  pid_t pid;

  vs_test_assert_wait_for (transfer_moved, &wait, VS_TEST_TRANSFER_TIMEOUT_MS,
                           "the transfer to move its first bytes");
  pid = vs_test_daemon_pid ();
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);

  /* What was in flight settles into the socket's buffer; the worker then
   * blocks. A transfer that had already answered was too fast to catch. */
  if (*result_slot != NULL || vs_job_is_finished (job))
    g_error ("the transfer ended before it could be caught halfway; use a bigger file");
  g_test_message ("libvirtd (pid %d) stopped at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                  " bytes", (int) pid, vs_job_get_bytes_done (job), vs_job_get_bytes_total (job));

  return pid;
}

char *
vs_test_test_volume_name (guint number)
{
  return g_strdup_printf ("vol-%07u.img", number);
}

/* The pool @pool_name of the test driver, made (transient) when missing. */
static virStoragePoolPtr
test_driver_pool (virConnectPtr  conn,
                  const char    *pool_name)
{
  g_autofree char *xml = NULL;
  virStoragePoolPtr pool = NULL;
  virStoragePoolPtr *pools = NULL;
  int n = virConnectListAllStoragePools (conn, &pools, 0);

  /* Listed rather than looked up: a failed lookup would print an error. */
  for (int i = 0; i < n; i++)
    {
      if (pool == NULL && g_strcmp0 (virStoragePoolGetName (pools[i]), pool_name) == 0)
        pool = g_steal_pointer (&pools[i]);
      else
        virStoragePoolFree (pools[i]);
    }
  free (pools);
  if (pool != NULL)
    return pool;

  xml = g_markup_printf_escaped ("<pool type='dir'><name>%s</name>"
                                 "<target><path>/%s</path></target></pool>",
                                 pool_name, pool_name);
  pool = virStoragePoolCreateXML (conn, xml, 0);
  if (pool == NULL)
    g_error ("Could not create the pool %s: %s", pool_name, virGetLastErrorMessage ());

  return pool;
}

void
vs_test_make_test_volumes (virConnectPtr  conn,
                           const char    *pool_name,
                           guint          first,
                           guint          n)
{
  virStoragePoolPtr pool = test_driver_pool (conn, pool_name);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = vs_test_test_volume_name (i);
      g_autofree char *xml = g_strdup_printf ("<volume><name>%s</name>"
                                              "<capacity unit='MiB'>%u</capacity>"
                                              "<allocation>0</allocation></volume>",
                                              name, 1 + i % 64);
      virStorageVolPtr vol = virStorageVolCreateXML (pool, xml, 0);

      if (vol == NULL)
        g_error ("Could not create %s: %s", name, virGetLastErrorMessage ());
      virStorageVolFree (vol);
    }
  virStoragePoolFree (pool);
}

guint
vs_test_delete_test_volumes (virConnectPtr  conn,
                             const char    *pool_name,
                             guint          first,
                             guint          end,
                             guint          step)
{
  virStoragePoolPtr pool = test_driver_pool (conn, pool_name);
  guint n_deleted = 0;

  for (guint i = first; i < end; i += step)
    {
      g_autofree char *name = vs_test_test_volume_name (i);
      virStorageVolPtr vol = virStorageVolLookupByName (pool, name);

      if (vol == NULL || virStorageVolDelete (vol, 0) < 0)
        g_error ("Could not delete %s: %s", name, virGetLastErrorMessage ());
      virStorageVolFree (vol);
      n_deleted++;
    }
  virStoragePoolFree (pool);

  return n_deleted;
}
