/* vs-test-volume-utils.h: helpers for the tests of volume operations and
 * transfers
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-test-utils.h"

G_BEGIN_DECLS

/* Long enough for a 1 GiB transfer on a loaded machine. */
#define VS_TEST_TRANSFER_TIMEOUT_MS 120000

/* Records the progress callbacks of a transfer, checks that they run on
 * the main context and never go backwards, and can cancel the transfer
 * once @cancel_at bytes (> 0) are done. */
typedef struct
{
  GArray       *reports;        /* VsTestProgressReport */
  guint64       cancel_at;      /* 0: never */
  GCancellable *cancellable;    /* what cancel_at cancels; or, with @job set, the job */
  VsJob        *job;            /* when set, cancel_at cancels the job instead */
  gboolean      cancelled;
} VsTestProgress;

typedef struct
{
  guint64 done;
  guint64 total;
  gint64  time;                 /* monotonic µs */
} VsTestProgressReport;

void      vs_test_progress_init     (VsTestProgress        *progress);
void      vs_test_progress_clear    (VsTestProgress        *progress);
/* A GFileProgressCallback; user data: a VsTestProgress. */
void      vs_test_progress_cb       (goffset                done,
                                     goffset                total,
                                     gpointer               user_data);
/* The reports come at most about ten times a second (a little slack for
 * a main loop that was busy). */
void      vs_test_progress_assert_rate (VsTestProgress     *progress);

/* Synchronous wrappers: start the call, wait for it (failing the test on
 * @timeout_ms), and return what its _finish returned. */
VsVolume *vs_test_create_volume     (VsPool                *pool,
                                     const char            *xml,
                                     guint                  flags,
                                     GCancellable          *cancellable,
                                     GError               **error);
VsVolume *vs_test_clone_volume      (VsPool                *pool,
                                     VsVolume              *source,
                                     const char            *name,
                                     GCancellable          *cancellable,
                                     GError               **error);
gboolean  vs_test_wipe_volume       (VsVolume              *volume,
                                     GError               **error);
gboolean  vs_test_resize_volume     (VsVolume              *volume,
                                     guint64                capacity,
                                     gboolean               allow_shrink,
                                     GError               **error);
/* Uploads the file @path into @volume (@upload TRUE), or downloads
 * @volume into @path; @progress may be NULL. */
gboolean  vs_test_transfer          (VsVolume              *volume,
                                     gboolean               upload,
                                     const char            *path,
                                     GCancellable          *cancellable,
                                     VsTestProgress        *progress,
                                     guint                  timeout_ms,
                                     GError               **error);
/* The same in two steps, for tests that act while it runs; @result is
 * filled as by vs_test_async_cb(). */
void      vs_test_transfer_async    (VsVolume              *volume,
                                     gboolean               upload,
                                     const char            *path,
                                     GCancellable          *cancellable,
                                     GFileProgressCallback  progress_callback,
                                     gpointer               progress_data,
                                     GAsyncResult         **result);
gboolean  vs_test_transfer_finish   (VsVolume              *volume,
                                     gboolean               upload,
                                     GAsyncResult          *result,
                                     GError               **error);

/* The volume XML for @name (libxml2 through vs_volume_definition_to_xml).
 * @backing_path may be NULL. */
char     *vs_test_volume_xml        (const char            *name,
                                     const char            *format,
                                     guint64                capacity,
                                     guint64                allocation,
                                     const char            *backing_path,
                                     const char            *backing_format);

/* The last job listed by @connection (a new reference), or NULL. */
VsJob    *vs_test_last_job          (VsConnection          *connection);

/* The names in folder @dir, sorted, as one string ("a, b"), for
 * asserting that a transfer left nothing behind. */
char     *vs_test_dir_listing       (const char            *dir);

/* Writes @size bytes to @path: random data, or with @sparse a file of
 * that size whose only data is @data_bytes of random data at @data_offset
 * (the rest are holes). */
void      vs_test_write_random_file (const char            *path,
                                     guint64                size);
void      vs_test_write_sparse_file (const char            *path,
                                     guint64                size,
                                     guint64                data_offset,
                                     guint64                data_bytes);
/* Bytes the file really takes on disk (st_blocks), like `du`. */
guint64   vs_test_file_disk_usage   (const char            *path);
/* Whether two files hold the same bytes (`cmp`). */
gboolean  vs_test_files_equal       (const char            *a,
                                     const char            *b);

/* The value of the line "FIELD: value" in a command's output (`virsh
 * vol-info`, `qemu-img info`), stripped; fails the test when missing. */
char     *vs_test_output_field      (const char            *output,
                                     const char            *field);
/* `virsh vol-info --bytes` of @volume_name in @pool_name: "Capacity" or
 * "Allocation", in bytes. */
guint64   vs_test_virsh_volume_bytes (const char           *pool_name,
                                      const char           *volume_name,
                                      const char           *field);

/* Tests that kill libvirtd run only with VS_TEST_ALLOW_KILL=1, or
 * VS_TEST_LIBVIRTD=started (the test command started the daemon), as
 * root, with a daemon started by `libvirtd -d`: the reason to skip, or
 * NULL. A VsTestItCase skip_reason. */
char     *vs_test_kill_skip_reason  (void);

/* Waits until @job has moved some bytes (or the transfer answered in
 * @result_slot), then stops libvirtd with SIGSTOP, so that the transfer is
 * caught halfway whatever the machine's speed: the worker blocks on the
 * socket. Returns the daemon's pid, or fails the test when the transfer
 * ended before it could be caught. Only where the test may kill the daemon
 * (vs_test_kill_skip_reason() is NULL). */
pid_t     vs_test_pause_daemon_mid_transfer (VsJob          *job,
                                             GAsyncResult  **result_slot);
/* After a case that may have killed libvirtd: starts it again when it does
 * not answer. A VsTestItCase after hook. */
void      vs_test_ensure_daemon     (void);

/* Many volumes on libvirt's test driver (@conn: test:///default, whose
 * state every connection of the process shares): makes the transient pool
 * @pool_name when it is missing, then the volumes "vol-%07u.img" numbered
 * @first to @first + @n - 1, of (1 + number % 64) MiB each. A run of
 * 100,000 takes a few seconds. */
void      vs_test_make_test_volumes   (virConnectPtr          conn,
                                       const char            *pool_name,
                                       guint                  first,
                                       guint                  n);
/* Deletes the volumes numbered @first, @first + @step, ... below @end;
 * returns how many. */
guint     vs_test_delete_test_volumes (virConnectPtr          conn,
                                       const char            *pool_name,
                                       guint                  first,
                                       guint                  end,
                                       guint                  step);
/* The name vs_test_make_test_volumes() gives volume @number. */
char     *vs_test_test_volume_name    (guint                  number);

G_END_DECLS
