/* test-pool-create.c: vs_connection_create_pool_async() on the test driver
 * (src/core/vs-pool-creator.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-create"

#include "config.h"

#include <string.h>

#include "vs-job.h"
#include "vs-test-pool-utils.h"

#define ALL_STEPS (VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START | VS_POOL_CREATE_AUTOSTART)

static VsPoolDefinition *
dir_definition (const char *name)
{
  VsPoolDefinition *def = vs_pool_definition_new (VS_POOL_TYPE_DIR);

  def->name = g_strdup (name);
  /* The test driver makes nothing on disk. */
  def->target_path = g_strdup_printf ("/nonexistent/vs-test/%s", name);

  return def;
}

static char *
dir_xml (const char *name)
{
  g_autoptr(VsPoolDefinition) def = dir_definition (name);
  g_autoptr(GError) error = NULL;
  char *xml = vs_pool_definition_to_xml (def, &error);

  g_assert_no_error (error);
  return xml;
}

static gboolean
job_finished (gpointer job)
{
  return vs_job_is_finished (job);
}

/* Build, start, autostart: the pool is listed at once, running, and is
 * the object the connection lists; the job told each step and ended. */
static void
test_all_steps (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autofree char *xml = dir_xml ("created");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsTestStepLog) steps = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  job = vs_test_start_create (connection, xml, NULL, ALL_STEPS, NULL, &result);
  steps = vs_test_step_log_new (job);
  g_assert_cmpstr (vs_job_get_title (job), ==, "Creating pool “created”");
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_RUNNING);

  pool = vs_test_finish_create (connection, &result, &error);
  g_assert_no_error (error);

  g_assert_true (pool == vs_connection_find_pool (connection, "created"));
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_pool_get_autostart (pool));
  g_assert_true (vs_pool_get_persistent (pool));
  g_assert_cmpstr (vs_pool_get_pool_type (pool), ==, "dir");
  g_assert_cmpstr (vs_pool_get_target_path (pool), ==, "/nonexistent/vs-test/created");

  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_SUCCEEDED);
  g_assert_cmpfloat (vs_job_get_fraction (job), ==, 1.0);
  seen = vs_test_step_log_join (steps);
  g_assert_cmpstr (seen, ==, "Defining… / Building… / Starting… / Setting autostart…");
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (connection)), ==, 0);

  /* Events or a reload later keep the same object. */
  g_assert_true (vs_test_reload_pools (connection, NULL, &error));
  g_assert_true (pool == vs_connection_find_pool (connection, "created"));
}

/* Defined only: inactive, not autostarted, and only one step. */
static void
test_define_only (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsPoolDefinition) def = dir_definition ("defined");
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_INACTIVE);
  g_assert_false (vs_pool_get_autostart (pool));
  g_assert_true (pool == vs_connection_find_pool (connection, "defined"));
}

/* Names that XML would break on, through the whole path: definition, XML,
 * define with validation, the listed pool. */
static void
test_hostile_names (void)
{
  static const char * const names[] = { "a<b&\"c", "it's \"quoted\"", "ñandú 池 😀", NULL };
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(VsPoolDefinition) def = dir_definition (names[i]);
      g_autoptr(VsPool) pool = NULL;
      g_autoptr(GError) error = NULL;

      pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_START, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (vs_pool_get_name (pool), ==, names[i]);
      g_assert_cmpstr (vs_pool_get_target_path (pool), ==, def->target_path);
    }
}

static void
assert_nothing_left (VsConnection *connection,
                     const char   *name)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  g_autoptr(GError) error = NULL;

  g_assert_false (vs_test_pool_is_defined (conn, name));
  virConnectClose (conn);

  g_assert_true (vs_test_reload_pools (connection, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (vs_connection_find_pool (connection, name));
}

/* libvirt's validation refuses the XML: the error names the step, carries
 * libvirt's message, and nothing is defined. */
static void
test_define_fails (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  /* A dir pool must have a target. */
  const char *xml = "<pool type='dir'><name>no-target</name></pool>";

  job = vs_test_start_create (connection, xml, NULL, ALL_STEPS, NULL, &result);
  pool = vs_test_finish_create (connection, &result, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not define the pool");
  g_assert_nonnull (vs_error_get_libvirt_message (error));
  g_assert_cmpint (vs_error_get_libvirt_code (error), !=, 0);

  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_FAILED);
  g_assert_cmpstr (vs_job_get_error (job)->message, ==, error->message);

  assert_nothing_left (connection, "no-target");
}

/* A name that exists already: refused by libvirt, the existing pool stays. */
static void
test_duplicate_name (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autofree char *xml = dir_xml ("default-pool");
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  VsPool *existing = vs_connection_find_pool (connection, "default-pool");

  g_assert_nonnull (existing);
  pool = vs_test_create_pool (connection, xml, NULL, ALL_STEPS, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not define the pool");
  g_assert_true (vs_connection_find_pool (connection, "default-pool") == existing);
  g_assert_cmpint (vs_pool_get_state (existing), ==, VS_POOL_STATE_RUNNING);
}

/* The test driver refuses to build with OVERWRITE: the build fails after
 * the define, which is undone. */
static void
test_build_fails_rolls_back (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_FS);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsTestStepLog) steps = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  def->name = g_strdup ("formatted");
  def->devices = g_strsplit ("/dev/vs-test-disk", " ", -1);
  def->source_format = g_strdup ("ext4");
  def->target_path = g_strdup ("/nonexistent/vs-test/formatted");
  def->build_overwrite = TRUE;

  job = vs_test_start_create (connection, NULL, def, ALL_STEPS, NULL, &result);
  steps = vs_test_step_log_new (job);
  pool = vs_test_finish_create (connection, &result, &error);

  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not build the pool");
  g_assert_nonnull (strstr (vs_error_get_libvirt_message (error), "unsupported flags"));
  seen = vs_test_step_log_join (steps);
  g_assert_cmpstr (seen, ==, "Defining… / Building… / Undoing…");
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_FAILED);

  assert_nothing_left (connection, "formatted");
}

/* Cancelled between two steps, through the job or the caller's
 * cancellable: what was done is undone, the job ends CANCELLED. */
static void
run_cancel_case (VsPoolCreateStep at,
                 gboolean         through_job,
                 const char      *expected_steps)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *xml = dir_xml ("cancelled");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsTestStepLog) steps = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  /* The job's cancellable is only known once the call returned. */
  g_autoptr(VsTestCancelAt) cancel = vs_test_cancel_at_new (at, through_job ? NULL : cancellable);

  job = vs_test_start_create (connection, xml, NULL, ALL_STEPS, cancellable, &result);
  steps = vs_test_step_log_new (job);
  if (through_job)
    vs_test_cancel_at_set_target (cancel, vs_job_get_cancellable (job));

  pool = vs_test_finish_create (connection, &result, &error);

  g_assert_null (pool);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_CANCELLED);
  seen = vs_test_step_log_join (steps);
  g_assert_cmpstr (seen, ==, expected_steps);

  assert_nothing_left (connection, "cancelled");
}

static void
test_cancel_before_build (void)
{
  run_cancel_case (VS_POOL_CREATE_STEP_BUILD, TRUE, "Defining… / Building… / Undoing…");
}

static void
test_cancel_before_autostart (void)
{
  run_cancel_case (VS_POOL_CREATE_STEP_AUTOSTART, FALSE,
                   "Defining… / Building… / Starting… / Setting autostart… / Undoing…");
}

/* Cancelled before it began: nothing is done at all. */
static void
test_cancelled_before (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *xml = dir_xml ("never");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  job = vs_test_start_create (connection, xml, NULL, ALL_STEPS, cancellable, &result);
  pool = vs_test_finish_create (connection, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  vs_test_assert_wait_for (job_finished, job, VS_TEST_TIMEOUT_MS, "the job to end");
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_CANCELLED);

  assert_nothing_left (connection, "never");
}

/* Refused before any job starts: a bad definition, a closed connection. */
static void
test_refused_at_once (void)
{
  g_autoptr(VsConnection) connection = vs_test_connection_open ("test:///default", FALSE);
  g_autoptr(VsConnection) closed = vs_connection_new ("test:///default");
  g_autoptr(VsPoolDefinition) bad = dir_definition ("a/b");
  g_autofree char *xml = dir_xml ("closed");
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  pool = vs_test_create_pool (connection, NULL, bad, ALL_STEPS, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (connection)), ==, 0);
  g_clear_error (&error);

  pool = vs_test_create_pool (closed, xml, NULL, ALL_STEPS, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (closed)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/pool-create/all-steps", test_all_steps);
  vs_test_add ("/pool-create/define-only", test_define_only);
  vs_test_add ("/pool-create/hostile-names", test_hostile_names);
  vs_test_add ("/pool-create/define-fails", test_define_fails);
  vs_test_add ("/pool-create/duplicate-name", test_duplicate_name);
  vs_test_add ("/pool-create/build-fails-rolls-back", test_build_fails_rolls_back);
  vs_test_add ("/pool-create/cancel-before-build", test_cancel_before_build);
  vs_test_add ("/pool-create/cancel-before-autostart", test_cancel_before_autostart);
  vs_test_add ("/pool-create/cancelled-before", test_cancelled_before);
  vs_test_add ("/pool-create/refused-at-once", test_refused_at_once);

  return g_test_run ();
}
