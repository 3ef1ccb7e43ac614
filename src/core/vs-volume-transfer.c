/* vs-volume-transfer.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-transfer"
/* SEEK_DATA and SEEK_HOLE. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-error.h"
#include "vs-job-runner.h"
#include "vs-pool-private.h"
#include "vs-volume-jobs.h"
#include "vs-volume-private.h"
#include "vs-volume-transfer.h"
#include "vs-worker.h"

/* DESIGN: progress at most ten times a second. */
#define REPORT_INTERVAL_USEC (G_USEC_PER_SEC / 10)
/* Room left in a file name for the temporary file's additions. */
#define TEMP_BASENAME_MAX 200

/* Handed from the worker to the caller's main context. */
typedef struct
{
  gatomicrefcount        ref_count;
  GMutex                 mutex;
  GMainContext          *context;
  GFileProgressCallback  callback;
  gpointer               callback_data;
  guint64                done;       /* under mutex */
  guint64                total;      /* under mutex */
  gboolean               posted;     /* under mutex: a report waits on the context */
  gboolean               over;       /* main thread: no report after the end */
} Progress;

typedef struct
{
  VsTransferDirection  direction;
  virStoragePoolPtr    pool;
  char                *volume_name;
  char                *path;
  char                *display_name;   /* the local file's name, for messages */
  VsJobRunner         *runner;
  Progress            *progress;       /* NULL without a progress callback */

  /* The worker's own. */
  GCancellable        *cancellable;    /* the job's */
  virConnectPtr        conn;           /* not owned: the pool's */
  virStreamPtr         stream;
  int                  fd;
  char                *temp_path;      /* download: the file being written */
  guint64              done;
  guint64              total;
  gint64               last_report;
  GError              *error;          /* what a stream callback ran into */
} Transfer;

static Progress *
progress_new (GFileProgressCallback callback,
              gpointer              callback_data)
{
  Progress *progress = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&progress->ref_count);
  g_mutex_init (&progress->mutex);
  progress->context = g_main_context_ref_thread_default ();
  progress->callback = callback;
  progress->callback_data = callback_data;

  return progress;
}

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (gpointer ptr)
{
  Progress *progress = ptr;

  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;

  g_main_context_unref (progress->context);
  g_mutex_clear (&progress->mutex);
  g_free (progress);
}

static gboolean
progress_report_cb (gpointer user_data)
{
  Progress *progress = user_data;
  guint64 done, total;

  g_mutex_lock (&progress->mutex);
  done = progress->done;
  total = progress->total;
  progress->posted = FALSE;
  g_mutex_unlock (&progress->mutex);

  if (!progress->over)
    progress->callback ((goffset) done, (goffset) total, progress->callback_data);

  return G_SOURCE_REMOVE;
}

/* Worker thread: one report waits on the context at most, carrying the
 * latest numbers when it runs. */
static void
progress_post (Progress *progress,
               guint64   done,
               guint64   total,
               gboolean  schedule)
{
  gboolean post;

  g_mutex_lock (&progress->mutex);
  progress->done = done;
  progress->total = total;
  post = schedule && !progress->posted;
  progress->posted |= post;
  g_mutex_unlock (&progress->mutex);

  if (post)
    vs_run_on_context (progress->context, progress_report_cb, progress_ref (progress),
                       progress_unref);
}

static void
transfer_free (gpointer ptr)
{
  Transfer *t = ptr;

  g_assert (t->stream == NULL);
  g_assert (t->fd < 0);
  g_assert (t->temp_path == NULL);

  g_clear_pointer (&t->pool, virStoragePoolFree);
  g_free (t->volume_name);
  g_free (t->path);
  g_free (t->display_name);
  g_clear_pointer (&t->runner, vs_job_runner_free);
  g_clear_pointer (&t->progress, progress_unref);
  g_clear_object (&t->cancellable);
  g_clear_error (&t->error);
  g_free (t);
}

/* Worker thread, after each piece: reports at most every 100 ms, the
 * first one at once. */
static void
transfer_advance (Transfer *t,
                  guint64   bytes)
{
  gint64 now = g_get_monotonic_time ();

  t->done += bytes;
  if (now - t->last_report < REPORT_INTERVAL_USEC)
    return;

  t->last_report = now;
  vs_job_set_bytes (vs_job_runner_get_job (t->runner), t->done, MAX (t->total, t->done));
  if (t->progress != NULL)
    progress_post (t->progress, t->done, MAX (t->total, t->done), TRUE);
}

/* A failure of the local file, said for a person; the code from errno, so
 * that callers can tell a full disk from a read-only one. */
static void
set_file_error (GError     **error,
                int          errsv,
                Transfer    *t)
{
  gboolean upload = t->direction == VS_TRANSFER_UPLOAD;
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;
  GIOErrorEnum code = g_io_error_from_errno (errsv);

  if (upload)
    {
      switch (errsv)
        {
        case ENOENT:
          g_set_error (error, G_IO_ERROR, code, _("“%s” does not exist"), t->display_name);
          return;
        case EACCES:
        case EPERM:
          g_set_error (error, G_IO_ERROR, code, _("You may not read “%s”"), t->display_name);
          return;
        case EISDIR:
          g_set_error (error, G_IO_ERROR, code, _("“%s” is a folder, not a file"),
                       t->display_name);
          return;
        default:
          g_set_error (error, G_IO_ERROR, code, _("Could not read “%s”: %s"),
                       t->display_name, g_strerror (errsv));
          return;
        }
    }

  folder = g_path_get_dirname (t->path);
  folder_name = g_filename_display_name (folder);

  switch (errsv)
    {
    case ENOENT:
      g_set_error (error, G_IO_ERROR, code, _("The folder “%s” does not exist"), folder_name);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, code, _("You may not write into the folder “%s”"),
                   folder_name);
      break;
    case EROFS:
      g_set_error (error, G_IO_ERROR, code,
                   _("The folder “%s” is on a read-only disk: choose another folder"),
                   folder_name);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The disk of the folder “%s” is full: free some space or choose "
                     "another folder"),
                   folder_name);
      break;
    case EISDIR:
      g_set_error (error, G_IO_ERROR, code, _("“%s” is a folder: choose a file name"),
                   t->display_name);
      break;
    default:
      g_set_error (error, G_IO_ERROR, code, _("Could not write “%s”: %s"),
                   t->display_name, g_strerror (errsv));
      break;
    }
}

/* A stream call failed: what our callbacks ran into comes first, then a
 * cancel, then a connection that died, then libvirt's own word. */
static void
set_stream_error (Transfer  *t,
                  GError   **error)
{
  gboolean upload = t->direction == VS_TRANSFER_UPLOAD;
  g_autofree char *context = NULL;
  virErrorPtr last;

  if (t->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&t->error));
      return;
    }

  if (g_cancellable_set_error_if_cancelled (t->cancellable, error))
    return;

  /* Every libvirt call clears the thread's error: keep it first. */
  last = virSaveLastError ();

  if (virConnectIsAlive (t->conn) != 1)
    vs_error_set_with_detail (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED,
                              upload ? _("The connection to the host was lost during the upload")
                                     : _("The connection to the host was lost during the download"),
                              last != NULL ? last->code : VIR_ERR_INTERNAL_ERROR,
                              last != NULL ? last->domain : VIR_FROM_NONE,
                              last != NULL ? last->message : NULL);
  else
    {
      context = g_strdup_printf (upload ? _("Could not upload into “%s”")
                                        : _("Could not download “%s”"),
                                 t->volume_name);
      vs_error_set_with_detail (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED, context,
                                last != NULL ? last->code : VIR_ERR_INTERNAL_ERROR,
                                last != NULL ? last->domain : VIR_FROM_NONE,
                                last != NULL ? last->message : NULL);
    }

  virFreeError (last);
}

/* Stream callbacks (worker thread) ----------------------------------------
 *
 * Each checks for a cancel first: returning -1 makes libvirt abort the
 * stream, which tells the daemon to let go of the volume. */

static gboolean
callback_cancelled (Transfer *t)
{
  return g_cancellable_set_error_if_cancelled (t->cancellable, &t->error);
}

static int
read_cb (virStreamPtr  stream,
         char         *data,
         size_t        nbytes,
         void         *opaque)
{
  Transfer *t = opaque;
  ssize_t n;

  if (callback_cancelled (t))
    return -1;

  do
    n = read (t->fd, data, nbytes);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      set_file_error (&t->error, errno, t);
      return -1;
    }

  transfer_advance (t, (guint64) n);
  return (int) n;
}

/* Where the source file's data and holes are, from the filesystem's own
 * map (SEEK_DATA / SEEK_HOLE); the read position stays where it is. */
static int
source_hole_cb (virStreamPtr  stream,
                int          *in_data,
                long long    *length,
                void         *opaque)
{
  Transfer *t = opaque;
  off_t here, data, hole;

  if (callback_cancelled (t))
    return -1;

  here = lseek (t->fd, 0, SEEK_CUR);
  data = lseek (t->fd, here, SEEK_DATA);

  if (data < 0 && errno == ENXIO)
    {
      /* Past the last data: a hole up to the end of the file. */
      *in_data = 0;
      *length = lseek (t->fd, 0, SEEK_END) - here;
    }
  else if (data > here)
    {
      *in_data = 0;
      *length = data - here;
    }
  else if (data == here && (hole = lseek (t->fd, here, SEEK_HOLE)) >= here)
    {
      *in_data = 1;
      *length = hole - here;
    }
  else
    {
      set_file_error (&t->error, errno, t);
      return -1;
    }

  if (lseek (t->fd, here, SEEK_SET) != here)
    {
      set_file_error (&t->error, errno, t);
      return -1;
    }

  return 0;
}

static int
write_cb (virStreamPtr  stream,
          const char   *data,
          size_t        nbytes,
          void         *opaque)
{
  Transfer *t = opaque;
  size_t written = 0;

  if (callback_cancelled (t))
    return -1;

  while (written < nbytes)
    {
      ssize_t n = write (t->fd, data + written, nbytes - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_file_error (&t->error, errno, t);
          return -1;
        }
      written += (size_t) n;
    }

  transfer_advance (t, nbytes);
  return (int) nbytes;
}

/* A hole in the source is not read, and a hole in the volume stays a hole
 * in the file: both skip over it. */
static int
skip_hole_cb (virStreamPtr  stream,
              long long     length,
              void         *opaque)
{
  Transfer *t = opaque;

  if (callback_cancelled (t))
    return -1;

  if (lseek (t->fd, length, SEEK_CUR) < 0)
    {
      set_file_error (&t->error, errno, t);
      return -1;
    }

  transfer_advance (t, (guint64) length);
  return 0;
}

/* Worker ------------------------------------------------------------------ */

static gboolean
sparse_refused (void)
{
  switch (vs_libvirt_last_code ())
    {
    case VIR_ERR_INVALID_ARG:
    case VIR_ERR_NO_SUPPORT:
    case VIR_ERR_ARGUMENT_UNSUPPORTED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Opens the stream, sparse when @sparse and the host takes it; clears
 * @sparse when it did not. */
static gboolean
open_stream (Transfer          *t,
             virStorageVolPtr   vol,
             gboolean          *sparse,
             GError           **error)
{
  gboolean upload = t->direction == VS_TRANSFER_UPLOAD;

  for (;;)
    {
      unsigned int flags = 0;
      int rc;

      if (*sparse)
        flags = upload ? VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM
                       : VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM;

      if ((t->stream = virStreamNew (t->conn, 0)) == NULL)
        {
          set_stream_error (t, error);
          return FALSE;
        }

      rc = upload ? virStorageVolUpload (vol, t->stream, 0, 0, flags)
                  : virStorageVolDownload (vol, t->stream, 0, 0, flags);
      if (rc == 0)
        return TRUE;

      if (*sparse && sparse_refused ())
        {
          g_debug ("sparse stream refused: %s", virGetLastErrorMessage ());
          *sparse = FALSE;
          g_clear_pointer (&t->stream, virStreamFree);
          continue;
        }

      set_stream_error (t, error);
      g_clear_pointer (&t->stream, virStreamFree);
      return FALSE;
    }
}

/* After the *All call: flushes the stream, or aborts it (libvirt's *All
 * functions abort on their own failures; again is a no-op). */
static gboolean
close_stream (Transfer  *t,
              int        rc,
              GError   **error)
{
  gboolean ok = rc == 0 && virStreamFinish (t->stream) == 0;

  if (!ok)
    {
      set_stream_error (t, error);
      virStreamAbort (t->stream);
    }
  g_clear_pointer (&t->stream, virStreamFree);

  return ok;
}

static void
close_fd (Transfer *t)
{
  if (t->fd >= 0)
    close (t->fd);
  t->fd = -1;
}

static gboolean
upload (Transfer          *t,
        virStorageVolPtr   vol,
        GError           **error)
{
  struct stat st;
  gboolean sparse;
  int rc;

  t->fd = open (t->path, O_RDONLY | O_CLOEXEC);
  if (t->fd < 0 || fstat (t->fd, &st) < 0)
    {
      set_file_error (error, errno, t);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      set_file_error (error, EISDIR, t);
      return FALSE;
    }

  /* Only a regular file has holes to tell; a device's size is its end. */
  sparse = S_ISREG (st.st_mode);
  t->total = sparse ? (guint64) st.st_size : (guint64) MAX (lseek (t->fd, 0, SEEK_END), 0);
  if (!sparse && lseek (t->fd, 0, SEEK_SET) != 0)
    {
      set_file_error (error, errno, t);
      return FALSE;
    }
  transfer_advance (t, 0);

  if (!open_stream (t, vol, &sparse, error))
    return FALSE;

  rc = sparse ? virStreamSparseSendAll (t->stream, read_cb, source_hole_cb, skip_hole_cb, t)
              : virStreamSendAll (t->stream, read_cb, t);

  return close_stream (t, rc, error);
}

/* ".NAME.XXXXXX.part" beside the destination: hidden, and easy to tell
 * for what it is if the process dies before it could remove it. */
static char *
temp_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;

  if (strlen (base) > TEMP_BASENAME_MAX)
    base[TEMP_BASENAME_MAX] = '\0';
  name = g_strdup_printf (".%s.XXXXXX.part", base);

  return g_build_filename (dir, name, NULL);
}

/* Completes the file in place, then gives it its name. */
static gboolean
commit_download (Transfer  *t,
                 GError   **error)
{
  off_t end = lseek (t->fd, 0, SEEK_CUR);
  int rc;

  /* A hole at the end moved the position but wrote nothing. */
  if (end < 0 || ftruncate (t->fd, end) < 0)
    {
      set_file_error (error, errno, t);
      return FALSE;
    }

  /* Replacing a file: make sure the new data is on disk before the old
   * name points to it, as g_file_replace() does. A new name loses nothing
   * in a crash, and a sync would cost a second pass over the data. */
  if (g_file_test (t->path, G_FILE_TEST_EXISTS) && fdatasync (t->fd) < 0)
    {
      set_file_error (error, errno, t);
      return FALSE;
    }

  /* close() reports what was not written, on some filesystems. */
  rc = close (t->fd);
  t->fd = -1;
  if (rc < 0 || g_rename (t->temp_path, t->path) < 0)
    {
      set_file_error (error, errno, t);
      return FALSE;
    }

  g_clear_pointer (&t->temp_path, g_free);
  return TRUE;
}

static gboolean
download (Transfer          *t,
          virStorageVolPtr   vol,
          GError           **error)
{
  virStorageVolInfo info;
  gboolean sparse = TRUE;
  int rc;

  /* The bytes the stream carries: the file or device, not the capacity
   * the guest sees (a qcow2 file is smaller). */
  if (virStorageVolGetInfoFlags (vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL) == 0)
    t->total = info.allocation;

  t->temp_path = temp_template (t->path);
  t->fd = g_mkstemp_full (t->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (t->fd < 0)
    {
      set_file_error (error, errno, t);
      g_clear_pointer (&t->temp_path, g_free);
      return FALSE;
    }
  transfer_advance (t, 0);

  if (open_stream (t, vol, &sparse, error))
    {
      rc = sparse ? virStreamSparseRecvAll (t->stream, write_cb, skip_hole_cb, t)
                  : virStreamRecvAll (t->stream, write_cb, t);
      if (close_stream (t, rc, error) && commit_download (t, error))
        return TRUE;
    }

  close_fd (t);
  g_unlink (t->temp_path);
  g_clear_pointer (&t->temp_path, g_free);
  return FALSE;
}

static gpointer
transfer_worker (gpointer       task_data,
                 GCancellable  *unused,
                 GError       **error)
{
  Transfer *t = task_data;
  virStorageVolPtr vol;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (t->cancellable, error))
    return NULL;

  vol = virStorageVolLookupByName (t->pool, t->volume_name);
  if (vol == NULL)
    {
      g_autofree char *context = g_strdup_printf (_("“%s” is gone"), t->volume_name);

      vs_error_set_from_libvirt (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND, context);
      return NULL;
    }

  t->conn = virStorageVolGetConnect (vol);
  ok = t->direction == VS_TRANSFER_UPLOAD ? upload (t, vol, error) : download (t, vol, error);
  close_fd (t);
  virStorageVolFree (vol);

  /* The last numbers, for the final report the main thread makes. */
  if (ok && t->progress != NULL)
    progress_post (t->progress, t->done, MAX (t->total, t->done), FALSE);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
transfer_apply (gpointer      source,
                gpointer      data,
                gpointer      result,
                const GError *error)
{
  VsVolume *volume = source;
  Transfer *t = data;
  VsPool *pool = vs_volume_get_pool (volume);

  if (t->progress != NULL)
    {
      t->progress->over = TRUE;
      if (error == NULL)
        t->progress->callback ((goffset) t->progress->total, (goffset) t->progress->total,
                               t->progress->callback_data);
    }

  vs_volume_set_busy (volume, FALSE);
  /* An upload changes the volume's size and allocation. */
  if (t->direction == VS_TRANSFER_UPLOAD && pool != NULL)
    vs_pool_volumes_changed (pool);

  vs_job_runner_finish (t->runner, error);
}

void
vs_volume_transfer_start (VsVolume              *volume,
                          VsTransferDirection    direction,
                          GFile                 *file,
                          gpointer               source_tag,
                          GCancellable          *cancellable,
                          GFileProgressCallback  progress_callback,
                          gpointer               progress_data,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  VsPool *pool = vs_volume_get_pool (volume);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *title = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  Transfer *t;

  g_assert (VS_IS_VOLUME (volume));
  g_assert (G_IS_FILE (file));

  if (!vs_volume_jobs_check_reachable (volume, &error))
    {
      g_task_report_error (volume, callback, user_data, source_tag, g_steal_pointer (&error));
      return;
    }

  /* Streams read and write through file descriptors; the document portal
   * hands out local paths too. */
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_report_new_error (volume, callback, user_data, source_tag,
                               G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a local file: only local files can be "
                                 "uploaded or downloaded"), uri);
      return;
    }

  t = g_new0 (Transfer, 1);
  t->direction = direction;
  t->pool = vs_pool_get_ptr (pool);
  virStoragePoolRef (t->pool);
  t->volume_name = g_strdup (vs_volume_get_name (volume));
  t->path = g_steal_pointer (&path);
  t->display_name = g_filename_display_basename (t->path);
  t->fd = -1;
  if (progress_callback != NULL)
    t->progress = progress_new (progress_callback, progress_data);

  /* A file and its volume often share a name (an upload as a new volume,
   * a download under the volume's name): then the pool is what tells. */
  if (g_strcmp0 (t->display_name, t->volume_name) == 0)
    {
      if (direction == VS_TRANSFER_UPLOAD)
        /* Translators: a file name, then the pool of the volume of that name */
        title = g_strdup_printf (_("Uploading “%s” into pool “%s”"), t->display_name,
                                 vs_pool_get_name (pool));
      else
        /* Translators: a volume name, then its pool */
        title = g_strdup_printf (_("Downloading “%s” from pool “%s”"), t->volume_name,
                                 vs_pool_get_name (pool));
    }
  else if (direction == VS_TRANSFER_UPLOAD)
    title = g_strdup_printf (_("Uploading “%s” into “%s”"), t->display_name, t->volume_name);
  else
    title = g_strdup_printf (_("Downloading “%s” to “%s”"), t->volume_name, t->display_name);
  job = vs_job_new (title);
  t->runner = vs_job_runner_new (vs_pool_get_connection (pool), job, cancellable);
  t->cancellable = g_object_ref (vs_job_runner_get_cancellable (t->runner));

  vs_volume_set_busy (volume, TRUE);
  /* No cancellable for the worker task: the worker watches the job's
   * itself, and its outcome (a file renamed, or removed) must reach the
   * caller as it is. */
  vs_worker_run (volume, source_tag, NULL,
                 transfer_worker, t, transfer_free,
                 transfer_apply, NULL, callback, user_data);
}
