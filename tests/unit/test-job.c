/* test-job.c: VsJob and the libvirt detail inside VS_* errors
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-job"

#include "config.h"

#include <libvirt/virterror.h>

#include "vs-job.h"
#include "vs-test-utils.h"

typedef struct
{
  guint bytes_done;
  guint fraction;
  guint state;
} Counts;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 Counts     *counts)
{
  if (g_str_equal (pspec->name, "bytes-done"))
    counts->bytes_done++;
  else if (g_str_equal (pspec->name, "fraction"))
    counts->fraction++;
  else if (g_str_equal (pspec->name, "state"))
    counts->state++;
}

static gboolean
bytes_done_is (gpointer data)
{
  VsJob *job = data;

  return vs_job_get_bytes_done (job) == 900;
}

/* A flood of progress reports, from another thread, becomes a few
 * notifications carrying the latest value. */
static gpointer
report_thread (gpointer data)
{
  VsJob *job = data;

  for (guint i = 1; i <= 900; i++)
    vs_job_set_bytes (job, i, 1000);

  return NULL;
}

static void
test_progress_coalesced (void)
{
  g_autoptr(VsJob) job = vs_job_new ("Copying");
  Counts counts = { 0 };
  GThread *thread;

  g_signal_connect (job, "notify", G_CALLBACK (count_notify_cb), &counts);
  g_assert_cmpfloat (vs_job_get_fraction (job), ==, -1);

  thread = g_thread_new ("reporter", report_thread, job);
  g_thread_join (thread);
  g_assert_cmpuint (counts.bytes_done, ==, 0);

  vs_test_assert_wait_for (bytes_done_is, job, VS_TEST_TIMEOUT_MS, "the last progress report");
  g_assert_cmpuint (counts.bytes_done, ==, 1);
  g_assert_cmpuint (vs_job_get_bytes_total (job), ==, 1000);
  g_assert_cmpfloat_with_epsilon (vs_job_get_fraction (job), 0.9, 1e-9);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_RUNNING);
}

static void
finished_cb (VsJob    *job,
             gboolean *finished)
{
  *finished = TRUE;
}

static void
test_finish_states (void)
{
  g_autoptr(VsJob) ok = vs_job_new ("ok");
  g_autoptr(VsJob) failed = vs_job_new ("failed");
  g_autoptr(VsJob) cancelled = vs_job_new ("cancelled");
  g_autoptr(GError) error = g_error_new_literal (VS_POOL_ERROR, VS_POOL_ERROR_FAILED, "Broken");
  g_autoptr(GError) cancel = NULL;
  gboolean finished = FALSE;

  g_signal_connect (ok, "finished", G_CALLBACK (finished_cb), &finished);
  vs_job_set_step (ok, "Defining…");
  g_assert_cmpstr (vs_job_get_step (ok), ==, "Defining…");
  vs_job_finish (ok, NULL);
  g_assert_true (finished);
  g_assert_true (vs_job_is_finished (ok));
  g_assert_cmpint (vs_job_get_state (ok), ==, VS_JOB_STATE_SUCCEEDED);
  g_assert_cmpfloat (vs_job_get_fraction (ok), ==, 1.0);
  g_assert_null (vs_job_get_error (ok));

  vs_job_finish (failed, error);
  g_assert_cmpint (vs_job_get_state (failed), ==, VS_JOB_STATE_FAILED);
  g_assert_error (vs_job_get_error (failed), VS_POOL_ERROR, VS_POOL_ERROR_FAILED);

  vs_job_cancel (cancelled);
  g_assert_true (g_cancellable_set_error_if_cancelled (vs_job_get_cancellable (cancelled), &cancel));
  vs_job_finish (cancelled, cancel);
  g_assert_cmpint (vs_job_get_state (cancelled), ==, VS_JOB_STATE_CANCELLED);
  g_assert_null (vs_job_get_error (cancelled));
}

/* libvirt's number, domain and words travel inside the GError, copies
 * included, and a plain VS_* error carries none. */
static void
test_error_detail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) plain = g_error_new_literal (VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE, "In use");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Other");

  vs_error_set_with_detail (&error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                            "Could not start the pool",
                            VIR_ERR_OPERATION_INVALID, VIR_FROM_STORAGE,
                            "storage pool 'x' is already active");
  g_assert_cmpstr (error->message, ==,
                   "Could not start the pool: storage pool 'x' is already active");
  copy = g_error_copy (error);
  g_clear_error (&error);

  g_assert_cmpint (vs_error_get_libvirt_code (copy), ==, VIR_ERR_OPERATION_INVALID);
  g_assert_cmpint (vs_error_get_libvirt_domain (copy), ==, VIR_FROM_STORAGE);
  g_assert_cmpstr (vs_error_get_libvirt_message (copy), ==, "storage pool 'x' is already active");
  g_assert_cmpstr (vs_error_get_summary (copy), ==, "Could not start the pool");

  g_assert_cmpint (vs_error_get_libvirt_code (plain), ==, 0);
  g_assert_null (vs_error_get_libvirt_message (plain));
  g_assert_cmpstr (vs_error_get_summary (plain), ==, "In use");
  g_assert_cmpint (vs_error_get_libvirt_code (other), ==, 0);
  g_assert_cmpstr (vs_error_get_summary (other), ==, "Other");
}

/* A real failure of the test driver fills the detail from virGetLastError. */
static void
test_error_from_libvirt (void)
{
  g_autoptr(GError) error = NULL;
  virConnectPtr conn = virConnectOpen ("test:///default");

  g_assert_nonnull (conn);
  g_assert_null (virStoragePoolLookupByName (conn, "no-such-pool"));
  vs_error_set_from_libvirt (&error, VS_POOL_ERROR, VS_POOL_ERROR_NOT_FOUND, "Could not find it");
  virConnectClose (conn);

  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_NOT_FOUND);
  g_assert_cmpint (vs_error_get_libvirt_code (error), ==, VIR_ERR_NO_STORAGE_POOL);
  /* The test driver reports its own errors from its own domain. */
  g_assert_cmpint (vs_error_get_libvirt_domain (error), ==, VIR_FROM_TEST);
  g_assert_nonnull (strstr (vs_error_get_libvirt_message (error), "no-such-pool"));
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not find it");
}

/* What undoing left behind travels with the error (and its copies), apart
 * from the message; errors of other domains carry none. */
static void
test_error_leftovers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

  vs_error_set_with_detail (&error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED, "Could not build the pool",
                            VIR_ERR_INTERNAL_ERROR, VIR_FROM_STORAGE, "no space left");
  g_assert_null (vs_error_get_leftovers (error));

  vs_error_set_leftovers (error, "the pool “x” is still defined");
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_cmpstr (vs_error_get_leftovers (copy), ==, "the pool “x” is still defined");
  g_assert_cmpstr (vs_error_get_libvirt_message (copy), ==, "no space left");

  vs_error_set_leftovers (other, "something");
  g_assert_null (vs_error_get_leftovers (other));
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/job/progress-coalesced", test_progress_coalesced);
  vs_test_add ("/job/finish-states", test_finish_states);
  vs_test_add ("/error/detail", test_error_detail);
  vs_test_add ("/error/from-libvirt", test_error_from_libvirt);
  vs_test_add ("/error/leftovers", test_error_leftovers);

  return g_test_run ();
}
