/* test-volume-ops.c: creating, resizing, cloning, wiping, uploading and
 * downloading volumes on a real libvirtd, checked with qemu-img, virsh,
 * cmp and the file system
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-volume-ops"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-job.h"
#include "vs-test-volume-utils.h"

#define MiB G_GUINT64_CONSTANT (1048576)
#define GiB (MiB * 1024)

/* Big enough that a transfer lasts several progress reports, so that it
 * can be cancelled (or its daemon killed) halfway. */
#define HALFWAY_FILE_SIZE (256 * MiB)

/* Folders that the tests mount file systems on, below the case's folder;
 * unmounted by the parent even when a case fails midway. */
static const char * const mount_points[] = { "read-only", "tiny" };

/* Setup ------------------------------------------------------------------- */

/* A running dir pool of the case, its volumes listed. */
static VsPool *
make_pool (VsConnection  *connection,
           const char    *suffix,
           char         **dir_out)
{
  g_autofree char *name = vs_test_it_name (suffix);
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), suffix, NULL);
  VsPool *pool;

  vs_test_it_define_dir_pool (name, dir, TRUE);
  vs_test_wait_pool (connection, name, TRUE, VS_POOL_STATE_RUNNING);
  pool = vs_connection_find_pool (connection, name);
  vs_test_pool_load_volumes (pool);

  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);

  return pool;
}

static VsVolume *
make_volume (VsPool     *pool,
             const char *name,
             const char *format,
             guint64     capacity,
             guint64     allocation,
             guint       flags)
{
  g_autofree char *xml = vs_test_volume_xml (name, format, capacity, allocation, NULL, NULL);
  g_autoptr(GError) error = NULL;
  VsVolume *volume;

  volume = vs_test_create_volume (pool, xml, flags, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (volume);

  return volume;
}

/* A raw volume holding @source's bytes. */
static VsVolume *
make_filled_volume (VsPool     *pool,
                    const char *name,
                    const char *source)
{
  GStatBuf st;
  g_autoptr(GError) error = NULL;
  VsVolume *volume;

  g_assert_cmpint (g_stat (source, &st), ==, 0);
  volume = make_volume (pool, name, "raw", (guint64) st.st_size, 0, 0);
  g_assert_true (vs_test_transfer (volume, TRUE, source, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);

  return volume;
}

static char *
qemu_img_info (const char *path)
{
  const char *argv[] = { "qemu-img", "info", "-U", path, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  if (!vs_test_spawn (argv, &output, &error))
    g_error ("%s", error->message);

  return output;
}

/* "1 GiB (1073741824 bytes)" */
static guint64
qemu_img_virtual_size (const char *info)
{
  g_autofree char *value = vs_test_output_field (info, "virtual size");
  const char *open = strchr (value, '(');

  g_assert_nonnull (open);
  return g_ascii_strtoull (open + 1, NULL, 10);
}

static guint64
file_length (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (guint64) st.st_size;
}

typedef struct
{
  VsVolume   *volume;
  const char *pool_name;
  guint64     capacity;
  guint64     allocation;
} VolumeWait;

/* The model shows what virsh says (fetched once by the caller). */
static gboolean
volume_matches (gpointer data)
{
  VolumeWait *wait = data;

  return !vs_volume_get_busy (wait->volume) &&
         vs_volume_get_capacity (wait->volume) == wait->capacity &&
         vs_volume_get_allocation (wait->volume) == wait->allocation;
}

static void
assert_volume_as_virsh_says (VsPool     *pool,
                             VsVolume   *volume,
                             const char *what)
{
  VolumeWait wait = { volume, vs_pool_get_name (pool), 0, 0 };
  g_autofree char *message = NULL;

  wait.capacity = vs_test_virsh_volume_bytes (wait.pool_name, vs_volume_get_name (volume),
                                              "Capacity");
  wait.allocation = vs_test_virsh_volume_bytes (wait.pool_name, vs_volume_get_name (volume),
                                                "Allocation");
  message = g_strdup_printf ("%s: the volume to show capacity %" G_GUINT64_FORMAT
                             " and allocation %" G_GUINT64_FORMAT " as virsh does",
                             what, wait.capacity, wait.allocation);
  vs_test_assert_wait_for (volume_matches, &wait, VS_TEST_TIMEOUT_MS, message);
}

/* Creation ---------------------------------------------------------------- */

/* Thin, with metadata preallocated, fully allocated, and an overlay on a
 * backing volume: qemu-img and the file system agree with what was asked. */
static void
test_create_qcow2 (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *dir = NULL;
  g_autofree char *overlay_xml = NULL;
  g_autofree char *info = NULL;
  g_autofree char *value = NULL;
  g_autoptr(VsVolume) thin = NULL;
  g_autoptr(VsVolume) meta = NULL;
  g_autoptr(VsVolume) full = NULL;
  g_autoptr(VsVolume) base = NULL;
  g_autoptr(VsVolume) overlay = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  pool = make_pool (connection, "create", &dir);

  thin = make_volume (pool, "thin.qcow2", "qcow2", 20 * GiB, 0, 0);
  info = qemu_img_info (vs_volume_get_path (thin));
  value = vs_test_output_field (info, "file format");
  g_assert_cmpstr (value, ==, "qcow2");
  g_assert_cmpuint (qemu_img_virtual_size (info), ==, 20 * GiB);
  g_assert_cmpuint (vs_test_file_disk_usage (vs_volume_get_path (thin)), <, MiB);
  g_assert_cmpuint (file_length (vs_volume_get_path (thin)), <, MiB);
  g_assert_cmpuint (vs_volume_get_capacity (thin), ==, 20 * GiB);
  g_assert_cmpstr (vs_volume_get_format (thin), ==, "qcow2");
  g_clear_pointer (&info, g_free);
  g_clear_pointer (&value, g_free);

  /* Metadata preallocation: the file spans the capacity, and holds more
   * than the thin one (its tables), far less than the capacity. */
  meta = make_volume (pool, "meta.qcow2", "qcow2", GiB, 0,
                      VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA);
  g_assert_cmpuint (file_length (vs_volume_get_path (meta)), >=, GiB);
  g_assert_cmpuint (vs_volume_get_allocation (meta), >, vs_volume_get_allocation (thin));
  g_assert_cmpuint (vs_volume_get_allocation (meta), <, GiB / 16);
  g_assert_cmpuint (vs_test_file_disk_usage (vs_volume_get_path (meta)), ==,
                    vs_volume_get_allocation (meta));

  /* Full: allocated up to the capacity, and a job meanwhile. */
  full = make_volume (pool, "full.qcow2", "qcow2", 256 * MiB, 256 * MiB,
                      VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA);
  g_assert_cmpuint (vs_test_file_disk_usage (vs_volume_get_path (full)), >=, 256 * MiB);
  g_assert_cmpuint (vs_volume_get_allocation (full), >=, 256 * MiB);

  /* An overlay on a raw base: qemu-img names the base and its format. */
  base = make_volume (pool, "base.raw", "raw", GiB, 0, 0);
  overlay_xml = vs_test_volume_xml ("overlay.qcow2", "qcow2", GiB, 0,
                                    vs_volume_get_path (base), "raw");
  overlay = vs_test_create_volume (pool, overlay_xml, 0, NULL, &error);
  g_assert_no_error (error);
  info = qemu_img_info (vs_volume_get_path (overlay));
  value = vs_test_output_field (info, "backing file");
  g_assert_cmpstr (value, ==, vs_volume_get_path (base));
  g_clear_pointer (&value, g_free);
  value = vs_test_output_field (info, "backing file format");
  g_assert_cmpstr (value, ==, "raw");
  g_assert_cmpstr (vs_volume_get_backing_path (overlay), ==, vs_volume_get_path (base));

  /* A raw base made thin takes no space. */
  g_assert_cmpuint (vs_test_file_disk_usage (vs_volume_get_path (base)), <, MiB);
}

/* A name that another client made meanwhile, not yet in our list:
 * libvirt refuses, and the error says it exists. Names that mean something
 * in XML reach the disk as files of that name. */
static void
test_create_names (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  pool = make_pool (connection, "names", &dir);

  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "vol-create-as", vs_pool_get_name (pool),
                      "elsewhere.raw", "1M", NULL))
    g_error ("%s", error->message);
  g_assert_null (vs_pool_find_volume (pool, "elsewhere.raw"));

  xml = vs_test_volume_xml ("elsewhere.raw", "raw", MiB, 0, NULL, NULL);
  volume = vs_test_create_volume (pool, xml, 0, NULL, &error);
  g_assert_null (volume);
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS);
  g_assert_cmpint (vs_error_get_libvirt_code (error), ==, VIR_ERR_STORAGE_VOL_EXIST);
  g_clear_error (&error);
  g_clear_pointer (&xml, g_free);

  xml = vs_test_volume_xml ("a<b&\"c'.qcow2", "qcow2", MiB, 0, NULL, NULL);
  volume = vs_test_create_volume (pool, xml, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vs_volume_get_name (volume), ==, "a<b&\"c'.qcow2");
  path = g_build_filename (dir, "a<b&\"c'.qcow2", NULL);
  g_assert_cmpstr (vs_volume_get_path (volume), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Resize ------------------------------------------------------------------ */

static void
test_resize (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  const char *pool_name;
  VsPool *pool;

  pool = make_pool (connection, "resize", NULL);
  pool_name = vs_pool_get_name (pool);
  volume = make_volume (pool, "r.qcow2", "qcow2", 64 * MiB, 0, 0);

  g_assert_true (vs_test_resize_volume (volume, 128 * MiB, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vs_test_virsh_volume_bytes (pool_name, "r.qcow2", "Capacity"), ==, 128 * MiB);
  assert_volume_as_virsh_says (pool, volume, "grown");

  /* Shrinking without the flag: refused, nothing changes. */
  g_assert_false (vs_test_resize_volume (volume, 32 * MiB, FALSE, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (vs_test_virsh_volume_bytes (pool_name, "r.qcow2", "Capacity"), ==, 128 * MiB);

  g_assert_true (vs_test_resize_volume (volume, 32 * MiB, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vs_test_virsh_volume_bytes (pool_name, "r.qcow2", "Capacity"), ==, 32 * MiB);
  assert_volume_as_virsh_says (pool, volume, "shrunk");
}

/* Clone and wipe ---------------------------------------------------------- */

/* Into another pool of the connection: the same bytes. */
static void
test_clone_into_other_pool (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source_file = g_build_filename (vs_test_it_dir (), "data.bin", NULL);
  g_autoptr(VsVolume) source = NULL;
  g_autoptr(VsVolume) copy = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *from, *to;

  from = make_pool (connection, "from", NULL);
  to = make_pool (connection, "to", NULL);
  vs_test_write_random_file (source_file, 32 * MiB);
  source = make_filled_volume (from, "original.raw", source_file);

  copy = vs_test_clone_volume (to, source, "copy.raw", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vs_volume_get_pool (copy) == to);
  g_assert_true (vs_pool_find_volume (to, "copy.raw") == copy);
  g_assert_cmpstr (vs_volume_get_format (copy), ==, "raw");
  g_assert_cmpuint (vs_volume_get_capacity (copy), ==, 32 * MiB);
  g_assert_true (vs_test_files_equal (vs_volume_get_path (source), vs_volume_get_path (copy)));
  g_assert_true (vs_test_files_equal (source_file, vs_volume_get_path (copy)));
}

static void
test_wipe (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source_file = g_build_filename (vs_test_it_dir (), "data.bin", NULL);
  g_autofree char *zeros = g_build_filename (vs_test_it_dir (), "zeros.bin", NULL);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  pool = make_pool (connection, "wipe", NULL);
  vs_test_write_random_file (source_file, 16 * MiB);
  vs_test_write_sparse_file (zeros, 16 * MiB, 0, 0);
  volume = make_filled_volume (pool, "secret.raw", source_file);
  g_assert_true (vs_test_files_equal (source_file, vs_volume_get_path (volume)));

  g_assert_true (vs_test_wipe_volume (volume, &error));
  g_assert_no_error (error);
  g_assert_true (vs_test_files_equal (zeros, vs_volume_get_path (volume)));
  g_assert_cmpuint (file_length (vs_volume_get_path (volume)), ==, 16 * MiB);
}

/* Transfers --------------------------------------------------------------- */

static void
assert_progress_complete (VsTestProgress *progress,
                          guint64         total)
{
  const VsTestProgressReport *last;

  g_assert_cmpuint (progress->reports->len, >, 0);
  last = &g_array_index (progress->reports, VsTestProgressReport, progress->reports->len - 1);
  g_assert_cmpuint (last->done, ==, total);
  g_assert_cmpuint (last->total, ==, total);
  vs_test_progress_assert_rate (progress);
}

/* 64 MiB of random bytes go up and come down the same; progress on the
 * main context, at most ten times a second, ending at the total; a job
 * meanwhile, with its bytes. */
static void
test_round_trip_random (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "random.bin", NULL);
  g_autofree char *back = g_build_filename (vs_test_it_dir (), "back.bin", NULL);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsJob) job = NULL;
  VsTestProgress up, down;
  VsPool *pool;

  pool = make_pool (connection, "random", NULL);
  vs_test_write_random_file (source, 64 * MiB);
  volume = make_volume (pool, "random.raw", "raw", 64 * MiB, 0, 0);
  vs_test_progress_init (&up);
  vs_test_progress_init (&down);

  vs_volume_upload_async (volume, file, NULL, vs_test_progress_cb, &up, vs_test_async_cb, &result);
  job = vs_test_last_job (connection);
  g_assert_cmpstr (vs_job_get_title (job), ==, "Uploading “random.bin” into “random.raw”");
  vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
  g_assert_true (vs_volume_upload_finish (volume, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (vs_job_get_bytes_done (job), ==, 64 * MiB);
  assert_progress_complete (&up, 64 * MiB);
  g_assert_true (vs_test_files_equal (source, vs_volume_get_path (volume)));

  g_assert_true (vs_test_transfer (volume, FALSE, back, NULL, &down,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  assert_progress_complete (&down, 64 * MiB);
  g_assert_true (vs_test_files_equal (source, back));

  /* Downloading over an existing file replaces it. */
  vs_test_write_random_file (back, MiB);
  g_assert_true (vs_test_transfer (volume, FALSE, back, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_assert_true (vs_test_files_equal (source, back));

  vs_test_progress_clear (&up);
  vs_test_progress_clear (&down);
}

/* 1 GiB holding 1 MiB of data: the holes travel as holes, both ways, and
 * the download takes as little disk as the source. */
static void
test_round_trip_sparse (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "sparse.img", NULL);
  g_autofree char *back = g_build_filename (vs_test_it_dir (), "back.img", NULL);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  VsTestProgress progress;
  VsPool *pool;

  pool = make_pool (connection, "sparse", NULL);
  vs_test_write_sparse_file (source, GiB, 512 * MiB, MiB);
  g_assert_cmpuint (vs_test_file_disk_usage (source), <=, 2 * MiB);
  volume = make_volume (pool, "sparse.raw", "raw", GiB, 0, 0);
  vs_test_progress_init (&progress);

  g_assert_true (vs_test_transfer (volume, TRUE, source, NULL, &progress,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  assert_progress_complete (&progress, GiB);
  g_assert_true (vs_test_files_equal (source, vs_volume_get_path (volume)));
  g_assert_cmpuint (vs_test_file_disk_usage (vs_volume_get_path (volume)), <, 16 * MiB);

  g_assert_true (vs_test_transfer (volume, FALSE, back, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_length (back), ==, GiB);
  g_assert_true (vs_test_files_equal (source, back));
  g_test_message ("the download takes %" G_GUINT64_FORMAT " bytes on disk",
                  vs_test_file_disk_usage (back));
  g_assert_cmpuint (vs_test_file_disk_usage (back), <, 16 * MiB);

  vs_test_progress_clear (&progress);
}

/* Cancelled halfway, a download by the job's Cancel and an upload by the
 * caller's cancellable: CANCELLED, no file left behind, the volume free
 * for the next transfer, and the model showing what libvirt reports. The
 * volume is full of data first: a sparse one would download its holes in
 * one step. */
static void
test_cancel_halfway (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *pool_dir = NULL;
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "big.bin", NULL);
  g_autofree char *out_dir = g_build_filename (vs_test_it_dir (), "out", NULL);
  g_autofree char *destination = g_build_filename (out_dir, "big.raw", NULL);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *no_pause = vs_test_kill_skip_reason ();
  gboolean may_pause = no_pause == NULL;
  VsPool *pool;

  pool = make_pool (connection, "cancel", &pool_dir);
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  vs_test_write_random_file (source, HALFWAY_FILE_SIZE);
  volume = make_filled_volume (pool, "big.raw", source);

  for (guint round = 0; round < 2; round++)
    {
      gboolean upload = round == 1;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(VsJob) job = NULL;
      g_autofree char *listing = NULL;
      VsTestProgress progress;

      vs_test_progress_init (&progress);
      progress.cancellable = g_cancellable_new ();
      /* Where the daemon is ours, it is paused while we cancel, so that
       * the cancel lands halfway however fast the disk is; elsewhere the
       * progress callback cancels at half the bytes. */
      if (may_pause)
        progress.cancel_at = 0;
      else
        progress.cancel_at = HALFWAY_FILE_SIZE / 2;

      vs_test_transfer_async (volume, upload, upload ? source : destination,
                              progress.cancellable, vs_test_progress_cb, &progress, &result);
      job = vs_test_last_job (connection);
      if (!upload)
        progress.job = g_object_ref (job);

      if (may_pause)
        {
          pid_t pid = vs_test_pause_daemon_mid_transfer (job, &result);

          progress.cancelled = TRUE;
          if (progress.job != NULL)
            vs_job_cancel (progress.job);
          else
            g_cancellable_cancel (progress.cancellable);
          g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
        }

      vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
      g_assert_false (vs_test_transfer_finish (volume, upload, result, &error));
      g_assert_true (progress.cancelled);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_CANCELLED);
      g_assert_false (vs_volume_get_busy (volume));

      /* Nothing left: no partial download, no temporary file. */
      listing = vs_test_dir_listing (out_dir);
      g_assert_cmpstr (listing, ==, "");
      g_clear_pointer (&listing, g_free);
      listing = vs_test_dir_listing (pool_dir);
      g_assert_cmpstr (listing, ==, "big.raw");

      assert_volume_as_virsh_says (pool, volume, upload ? "after a cancelled upload"
                                                        : "after a cancelled download");
      vs_test_progress_clear (&progress);
    }

  /* The volume is not held by an aborted stream: both ways work again. */
  g_assert_true (vs_test_transfer (volume, TRUE, source, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_assert_true (vs_test_transfer (volume, FALSE, destination, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_assert_true (vs_test_files_equal (source, destination));
}

/* Mounts a tmpfs of @size_mib MiB on the case folder's @name, read-only
 * when asked: a folder even root cannot write into, or a full disk. */
static char *
mount_tmpfs (const char *name,
             guint       size_mib,
             gboolean    read_only)
{
  g_autofree char *path = g_build_filename (vs_test_it_dir (), name, NULL);
  g_autofree char *options = g_strdup_printf ("size=%um,mode=0755", size_mib);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  if (mount ("tmpfs", path, "tmpfs", read_only ? MS_RDONLY : 0, options) != 0)
    g_error ("could not mount a tmpfs on %s: %s", path, g_strerror (errno));

  return g_steal_pointer (&path);
}

static char *
mount_skip_reason (void)
{
  if (getuid () != 0)
    return g_strdup ("mounting a read-only or tiny file system needs root");

  return NULL;
}

static void
unmount_all (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mount_points); i++)
    {
      g_autofree char *path = g_build_filename (vs_test_it_dir (), mount_points[i], NULL);

      /* EINVAL: not mounted (the case did not get that far). */
      if (umount2 (path, MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
        g_printerr ("could not unmount %s: %s\n", path, g_strerror (errno));
    }
}

/* A read-only folder and a full disk: each a clear error of its own, and
 * nothing left there. */
static void
test_download_unwritable (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "data.bin", NULL);
  g_autofree char *read_only = mount_tmpfs (mount_points[0], 1, TRUE);
  g_autofree char *tiny = mount_tmpfs (mount_points[1], 8, FALSE);
  g_autofree char *into_read_only = g_build_filename (read_only, "disk.img", NULL);
  g_autofree char *into_tiny = g_build_filename (tiny, "disk.img", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *pool;

  pool = make_pool (connection, "unwritable", NULL);
  vs_test_write_random_file (source, 32 * MiB);
  volume = make_filled_volume (pool, "data.raw", source);

  g_assert_false (vs_test_transfer (volume, FALSE, into_read_only, NULL, NULL,
                                    VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, read_only));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  listing = vs_test_dir_listing (read_only);
  g_assert_cmpstr (listing, ==, "");
  g_clear_pointer (&listing, g_free);

  g_assert_false (vs_test_transfer (volume, FALSE, into_tiny, NULL, NULL,
                                    VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "full"));
  listing = vs_test_dir_listing (tiny);
  g_assert_cmpstr (listing, ==, "");

  /* The volume is free afterwards. */
  g_assert_false (vs_volume_get_busy (volume));
  g_clear_error (&error);
  g_assert_true (vs_test_transfer (volume, FALSE, source, NULL, NULL,
                                   VS_TEST_TRANSFER_TIMEOUT_MS, &error));
  g_assert_no_error (error);
}

/* libvirtd killed mid-transfer (gated: see vs_test_kill_skip_reason) ------ */

static gboolean
connection_left (gpointer data)
{
  return vs_connection_get_state (VS_CONNECTION (data)) != VS_CONNECTION_STATE_CONNECTED;
}

/* A clear error (the connection was lost, with libvirt's words), a failed
 * job, nothing left behind, no crash; and the connection comes back once
 * the daemon does. */
static void
kill_during_transfer (gboolean upload)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "big.bin", NULL);
  g_autofree char *out_dir = g_build_filename (vs_test_it_dir (), "out", NULL);
  g_autofree char *destination = g_build_filename (out_dir, "big.raw", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *pool_name = NULL;
  VsTestProgress progress;
  VsPool *pool;
  pid_t pid;

  pool = make_pool (connection, "kill", NULL);
  pool_name = g_strdup (vs_pool_get_name (pool));
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  vs_test_write_random_file (source, HALFWAY_FILE_SIZE);
  volume = upload ? make_volume (pool, "big.raw", "raw", HALFWAY_FILE_SIZE, 0, 0)
                  : make_filled_volume (pool, "big.raw", source);

  vs_test_progress_init (&progress);
  vs_test_transfer_async (volume, upload, upload ? source : destination, NULL,
                          vs_test_progress_cb, &progress, &result);
  job = vs_test_last_job (connection);

  /* Caught halfway with SIGSTOP, then killed: the transfer cannot have
   * finished first, however fast the disk. */
  pid = vs_test_pause_daemon_mid_transfer (job, &result);
  g_test_message ("killing libvirtd (pid %d)", (int) pid);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

  vs_test_wait_async (&result, VS_TEST_TRANSFER_TIMEOUT_MS);
  g_assert_false (vs_test_transfer_finish (volume, upload, result, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED);
  g_assert_nonnull (vs_error_get_libvirt_message (error));
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_FAILED);
  g_assert_nonnull (vs_job_get_error (job));
  g_assert_false (vs_volume_get_busy (volume));

  listing = vs_test_dir_listing (out_dir);
  g_assert_cmpstr (listing, ==, "");
  g_clear_error (&error);

  vs_test_assert_wait_for (connection_left, connection, VS_TEST_TIMEOUT_MS,
                           "the connection to notice that libvirtd died");
  if (!vs_test_start_daemon (vs_test_it_uri ()))
    g_error ("libvirtd did not answer again after `libvirtd -d`");
  g_assert_true (vs_test_connection_reopen (connection, FALSE, &error));
  g_assert_no_error (error);

  /* Same pool, usable: the volume can be deleted (no stream holds it). */
  g_assert_true (vs_connection_find_pool (connection, pool_name) == pool);
  vs_test_pool_load_volumes (pool);
  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "vol-delete", "--pool", pool_name,
                      "big.raw", NULL))
    g_error ("%s", error->message);

  vs_test_progress_clear (&progress);
}

static void
test_kill_during_upload (void)
{
  kill_during_transfer (TRUE);
}

static void
test_kill_during_download (void)
{
  kill_during_transfer (FALSE);
}

static const VsTestItCase cases[] = {
  { "/volume-ops/create-qcow2", test_create_qcow2, 120, NULL, NULL },
  { "/volume-ops/create-names", test_create_names, 60, NULL, NULL },
  { "/volume-ops/resize", test_resize, 60, NULL, NULL },
  { "/volume-ops/clone-into-other-pool", test_clone_into_other_pool, 120, NULL, NULL },
  { "/volume-ops/wipe", test_wipe, 120, NULL, NULL },
  { "/volume-ops/round-trip-random", test_round_trip_random, 180, NULL, NULL },
  { "/volume-ops/round-trip-sparse", test_round_trip_sparse, 180, NULL, NULL },
  { "/volume-ops/cancel-halfway", test_cancel_halfway, 240, NULL, NULL },
  { "/volume-ops/download-unwritable", test_download_unwritable, 120, mount_skip_reason,
    unmount_all },
  { "/volume-ops/kill-during-upload", test_kill_during_upload, 180, vs_test_kill_skip_reason,
    vs_test_ensure_daemon },
  { "/volume-ops/kill-during-download", test_kill_during_download, 180,
    vs_test_kill_skip_reason, vs_test_ensure_daemon },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
