/* test-volume-jobs.c: creating, cloning, wiping and transferring volumes,
 * against libvirt's test driver (which creates and clones, but neither
 * wipes nor streams: those are checked for their errors here and for
 * their work in tests/integration/test-volume-ops.c)
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-volume-jobs"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "vs-job.h"
#include "vs-test-volume-utils.h"

#define GiB G_GUINT64_CONSTANT (1073741824)

typedef struct
{
  VsConnection *connection;
  VsPool       *pool;
  char         *dir;
} Fixture;

/* The folder main() makes for the local files of the cases (and removes,
 * whatever the cases left when they failed). */
#define DIR_VARIABLE "VS_TEST_VOLUME_JOBS_DIR"

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");

  if (g_getenv (DIR_VARIABLE) == NULL)
    g_error (DIR_VARIABLE " is not set: run the cases without --GTestSubprocess, or set it");

  fixture->connection = vs_test_connection_open (uri, FALSE);
  fixture->pool = vs_connection_find_pool (fixture->connection, "images");
  g_assert_nonnull (fixture->pool);
  vs_test_pool_load_volumes (fixture->pool);
  fixture->dir = g_strdup (g_getenv (DIR_VARIABLE));
}

static void
fixture_clear (Fixture *fixture)
{
  g_autofree char *listing = vs_test_dir_listing (fixture->dir);

  /* Every case removes what it made there. */
  g_assert_cmpstr (listing, ==, "");
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_object (&fixture->connection);
  fixture->pool = NULL;
}

/* A thin qcow2: no job (nothing long happens), and the volume is listed
 * with its details when the call returns. */
static void
test_create_thin (void)
{
  Fixture fixture = { 0 };
  g_autofree char *xml = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 capacity_before;
  guint n_before;

  fixture_open (&fixture);
  n_before = g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool));
  capacity_before = vs_pool_get_volumes_capacity (fixture.pool);
  xml = vs_test_volume_xml ("new.qcow2", "qcow2", 20 * GiB, 0, NULL, NULL);

  vs_pool_create_volume_async (fixture.pool, xml, 0, NULL, vs_test_async_cb, &result);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (fixture.connection)), ==, 0);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  volume = vs_pool_create_volume_finish (fixture.pool, result, &error);
  g_assert_no_error (error);

  g_assert_nonnull (volume);
  g_assert_true (vs_pool_find_volume (fixture.pool, "new.qcow2") == volume);
  g_assert_true (vs_pool_find_volume_by_key (fixture.pool, vs_volume_get_key (volume)) == volume);
  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, n_before + 1);
  g_assert_true (vs_volume_get_details_loaded (volume));
  g_assert_cmpstr (vs_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (volume), ==, 20 * GiB);
  g_assert_true (vs_volume_get_pool (volume) == fixture.pool);

  /* It counts in the pool's sum of capacities (overcommit), also once the
   * listing that followed brought its details again. */
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, capacity_before + 20 * GiB);
  vs_test_pool_wait_idle (fixture.pool);
  g_assert_cmpuint (vs_pool_get_volumes_capacity (fixture.pool), ==, capacity_before + 20 * GiB);

  fixture_clear (&fixture);
}

/* An allocating creation is a job, listed before the call returns, gone
 * once it ends. */
static void
test_create_allocated_is_a_job (void)
{
  Fixture fixture = { 0 };
  g_autofree char *xml = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  xml = vs_test_volume_xml ("full.raw", "raw", GiB, GiB, NULL, NULL);

  vs_pool_create_volume_async (fixture.pool, xml, 0, NULL, vs_test_async_cb, &result);
  job = vs_test_last_job (fixture.connection);
  g_assert_nonnull (job);
  g_assert_cmpstr (vs_job_get_title (job), ==, "Creating “full.raw” in “images”");
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_RUNNING);

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  volume = vs_pool_create_volume_finish (fixture.pool, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (volume);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (fixture.connection)), ==, 0);

  fixture_clear (&fixture);
}

/* Names that mean something in XML reach libvirt as written. */
static void
test_create_hostile_names (void)
{
  Fixture fixture = { 0 };
  const char *names[] = { "a<b&\"c", "it's > that", "]]>", "ñandú 日本.qcow2" };

  fixture_open (&fixture);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *xml = vs_test_volume_xml (names[i], "qcow2", GiB, 0, NULL, NULL);
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(GError) error = NULL;

      volume = vs_test_create_volume (fixture.pool, xml, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (vs_volume_get_name (volume), ==, names[i]);
      g_assert_true (vs_pool_find_volume (fixture.pool, names[i]) == volume);
    }

  fixture_clear (&fixture);
}

/* Refused before libvirt is asked; nothing listed changes. */
static void
test_create_refused (void)
{
  Fixture fixture = { 0 };
  const struct {
    const char *xml;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "<volume><name>a/b</name><capacity>1024</capacity></volume>",
      VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID },
    { "<volume><name>..</name><capacity>1024</capacity></volume>",
      VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID },
    { "<volume><name>line&#10;break</name><capacity>1024</capacity></volume>",
      VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID },
    { "<volume><name>data.raw</name><capacity>1024</capacity></volume>",
      VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS },
    { "<volume><name>x</name>", VS_XML_ERROR, VS_XML_ERROR_PARSE },
    { "<pool/>", VS_XML_ERROR, VS_XML_ERROR_INVALID },
  };
  guint n_before;

  fixture_open (&fixture);
  n_before = g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(GError) error = NULL;

      volume = vs_test_create_volume (fixture.pool, cases[i].xml, 0, NULL, &error);
      g_assert_null (volume);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }

  g_assert_cmpuint (g_list_model_get_n_items (vs_pool_get_volumes (fixture.pool)), ==, n_before);
  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (fixture.connection)), ==, 0);

  fixture_clear (&fixture);
}

/* Cancelled, by the caller's cancellable or the job's Cancel: it ends
 * CANCELLED and no volume is left, whether libvirt had made it yet or
 * not. */
static void
test_create_cancelled (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture);

  for (guint by_job = 0; by_job < 2; by_job++)
    {
      g_autofree char *name = g_strdup_printf ("cancelled-%u.raw", by_job);
      g_autofree char *xml = vs_test_volume_xml (name, "raw", GiB, GiB, NULL, NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(VsVolume) volume = NULL;
      g_autoptr(VsJob) job = NULL;
      g_autoptr(GError) error = NULL;

      vs_pool_create_volume_async (fixture.pool, xml, 0, cancellable, vs_test_async_cb, &result);
      job = vs_test_last_job (fixture.connection);
      if (by_job)
        vs_job_cancel (job);
      else
        g_cancellable_cancel (cancellable);

      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      volume = vs_pool_create_volume_finish (fixture.pool, result, &error);
      g_assert_null (volume);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_CANCELLED);
      g_clear_error (&error);

      g_assert_true (vs_test_pool_reload (fixture.pool, NULL, &error));
      g_assert_no_error (error);
      g_assert_null (vs_pool_find_volume (fixture.pool, name));
    }

  fixture_clear (&fixture);
}

/* Same format and capacity; a job titled after both names. (The test
 * driver clones within a pool only; tests/integration clones across.) */
static void
test_clone (void)
{
  Fixture fixture = { 0 };
  VsVolume *source;
  g_autoptr(VsVolume) copy = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  source = vs_pool_find_volume (fixture.pool, "disk-a.qcow2");

  vs_pool_clone_volume_async (fixture.pool, source, "disk-a-clone.qcow2", NULL, vs_test_async_cb,
                              &result);
  job = vs_test_last_job (fixture.connection);
  g_assert_nonnull (job);
  g_assert_cmpstr (vs_job_get_title (job), ==, "Cloning “disk-a.qcow2” as “disk-a-clone.qcow2”");
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  copy = vs_pool_clone_volume_finish (fixture.pool, result, &error);
  g_assert_no_error (error);

  g_assert_true (vs_pool_find_volume (fixture.pool, "disk-a-clone.qcow2") == copy);
  g_assert_true (vs_volume_get_pool (copy) == fixture.pool);
  g_assert_cmpstr (vs_volume_get_format (copy), ==, "qcow2");
  g_assert_cmpuint (vs_volume_get_capacity (copy), ==, vs_volume_get_capacity (source));
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_SUCCEEDED);

  /* The source is untouched and still listed. */
  g_assert_true (vs_pool_find_volume (fixture.pool, "disk-a.qcow2") == source);

  fixture_clear (&fixture);
}

static void
test_clone_refused (void)
{
  Fixture fixture = { 0 };
  g_autofree char *uri = vs_test_fixture_uri ("node.xml");
  g_autoptr(VsConnection) other = vs_test_connection_open (uri, FALSE);
  VsPool *other_pool = vs_connection_find_pool (other, "images");
  VsVolume *source;
  g_autoptr(VsVolume) copy = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  source = vs_pool_find_volume (fixture.pool, "data.raw");
  vs_test_pool_load_volumes (other_pool);

  /* Another connection (another host, for all the core knows). */
  copy = vs_test_clone_volume (other_pool, source, "x.raw", NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  g_clear_error (&error);

  copy = vs_test_clone_volume (fixture.pool, source, "scratch.qcow2", NULL, &error);
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS);
  g_clear_error (&error);

  copy = vs_test_clone_volume (fixture.pool, source, "a/b", NULL, &error);
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (fixture.connection)), ==, 0);

  fixture_clear (&fixture);
}

/* The test driver cannot wipe: the job fails with libvirt's words. */
static void
test_wipe_job_fails (void)
{
  Fixture fixture = { 0 };
  VsVolume *volume;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  volume = vs_pool_find_volume (fixture.pool, "data.raw");

  vs_volume_wipe_async (volume, NULL, vs_test_async_cb, &result);
  job = vs_test_last_job (fixture.connection);
  g_assert_cmpstr (vs_job_get_title (job), ==, "Wiping “data.raw”");
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_volume_wipe_finish (volume, result, &error));
  g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_FAILED);
  g_assert_nonnull (vs_job_get_error (job));
  g_assert_false (vs_volume_get_busy (volume));

  fixture_clear (&fixture);
}

/* The test driver has no streams: the transfer fails with libvirt's
 * words, as a failed job, and a download leaves no file behind. A file
 * that has the volume's name (an upload as a new volume, a download under
 * the volume's name) is named once in the job's title, with the pool. */
static void
test_transfer_unsupported (void)
{
  static const struct {
    gboolean    upload;
    const char *file;
    const char *title;
  } cases[] = {
    { TRUE, "source.img", "Uploading “source.img” into “data.raw”" },
    { FALSE, "download.img", "Downloading “data.raw” to “download.img”" },
    { TRUE, "data.raw", "Uploading “data.raw” into pool “images”" },
    { FALSE, "data.raw", "Downloading “data.raw” from pool “images”" },
  };
  Fixture fixture = { 0 };
  VsVolume *volume;

  fixture_open (&fixture);
  volume = vs_pool_find_volume (fixture.pool, "data.raw");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_build_filename (fixture.dir, cases[i].file, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VsJob) job = NULL;
      g_autofree char *listing = NULL;

      if (cases[i].upload)
        vs_test_write_random_file (file, 1024 * 1024);
      vs_test_transfer_async (volume, cases[i].upload, file, NULL, NULL, NULL, &result);
      job = vs_test_last_job (fixture.connection);
      g_assert_nonnull (job);
      g_assert_cmpstr (vs_job_get_title (job), ==, cases[i].title);
      g_assert_true (vs_volume_get_busy (volume));

      vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
      g_assert_false (vs_test_transfer_finish (volume, cases[i].upload, result, &error));
      g_assert_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED);
      g_assert_nonnull (strstr (vs_error_get_libvirt_message (error), "not supported"));
      g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_FAILED);
      g_assert_false (vs_volume_get_busy (volume));

      listing = vs_test_dir_listing (fixture.dir);
      g_assert_cmpstr (listing, ==, cases[i].upload ? cases[i].file : "");
      if (cases[i].upload)
        g_assert_cmpint (g_unlink (file), ==, 0);
    }

  fixture_clear (&fixture);
}

/* Local files that cannot be used: said plainly, in G_IO_ERROR terms,
 * before any stream opens. */
static void
test_transfer_bad_files (void)
{
  Fixture fixture = { 0 };
  VsVolume *volume;
  g_autofree char *missing = NULL;
  g_autofree char *no_folder = NULL;
  g_autoptr(GFile) remote = g_file_new_for_uri ("sftp://example.invalid/disk.img");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  volume = vs_pool_find_volume (fixture.pool, "data.raw");
  missing = g_build_filename (fixture.dir, "missing.iso", NULL);
  no_folder = g_build_filename (fixture.dir, "no-such-folder", "out.img", NULL);

  g_assert_false (vs_test_transfer (volume, TRUE, missing, NULL, NULL, VS_TEST_TIMEOUT_MS,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“missing.iso” does not exist"));
  g_clear_error (&error);

  g_assert_false (vs_test_transfer (volume, TRUE, fixture.dir, NULL, NULL, VS_TEST_TIMEOUT_MS,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_false (vs_test_transfer (volume, FALSE, no_folder, NULL, NULL, VS_TEST_TIMEOUT_MS,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  vs_volume_download_async (volume, remote, NULL, NULL, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_volume_download_finish (volume, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  g_assert_false (vs_volume_get_busy (volume));

  fixture_clear (&fixture);
}

/* Cancelled before it began: CANCELLED, and the job says so too. */
static void
test_transfer_cancelled_early (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *destination = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsJob) job = NULL;
  VsVolume *volume;

  fixture_open (&fixture);
  volume = vs_pool_find_volume (fixture.pool, "data.raw");
  destination = g_build_filename (fixture.dir, "out.img", NULL);
  file = g_file_new_for_path (destination);

  g_cancellable_cancel (cancellable);
  vs_volume_download_async (volume, file, cancellable, NULL, NULL, vs_test_async_cb, &result);
  job = vs_test_last_job (fixture.connection);
  g_assert_true (g_cancellable_is_cancelled (vs_job_get_cancellable (job)));
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_volume_download_finish (volume, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (vs_job_get_state (job), ==, VS_JOB_STATE_CANCELLED);

  fixture_clear (&fixture);
}

/* Nothing goes out on a closed connection, and no job is made. */
static void
test_not_connected (void)
{
  Fixture fixture = { 0 };
  g_autofree char *xml = vs_test_volume_xml ("x.raw", "raw", GiB, 0, NULL, NULL);
  g_autofree char *path = NULL;
  g_autoptr(VsVolume) made = NULL;
  g_autoptr(GError) error = NULL;
  VsVolume *volume;

  fixture_open (&fixture);
  volume = vs_pool_find_volume (fixture.pool, "data.raw");
  path = g_build_filename (fixture.dir, "out.img", NULL);
  vs_connection_close (fixture.connection);

  made = vs_test_create_volume (fixture.pool, xml, 0, NULL, &error);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  made = vs_test_clone_volume (fixture.pool, volume, "y.raw", NULL, &error);
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (vs_test_wipe_volume (volume, &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (vs_test_transfer (volume, FALSE, path, NULL, NULL, VS_TEST_TIMEOUT_MS,
                                    &error));
  g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED);

  g_assert_cmpuint (g_list_model_get_n_items (vs_connection_get_jobs (fixture.connection)), ==, 0);

  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int status;

  vs_test_init (&argc, &argv);

  vs_test_add ("/volume-jobs/create/thin", test_create_thin);
  vs_test_add ("/volume-jobs/create/allocated-is-a-job", test_create_allocated_is_a_job);
  vs_test_add ("/volume-jobs/create/hostile-names", test_create_hostile_names);
  vs_test_add ("/volume-jobs/create/refused", test_create_refused);
  vs_test_add ("/volume-jobs/create/cancelled", test_create_cancelled);
  vs_test_add ("/volume-jobs/clone", test_clone);
  vs_test_add ("/volume-jobs/clone/refused", test_clone_refused);
  vs_test_add ("/volume-jobs/wipe/job-fails", test_wipe_job_fails);
  vs_test_add ("/volume-jobs/transfer/unsupported", test_transfer_unsupported);
  vs_test_add ("/volume-jobs/transfer/bad-files", test_transfer_bad_files);
  vs_test_add ("/volume-jobs/transfer/cancelled-early", test_transfer_cancelled_early);
  vs_test_add ("/volume-jobs/not-connected", test_not_connected);

  if (g_test_subprocess ())
    return g_test_run ();

  dir = g_dir_make_tmp ("vs-volume-jobs-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv (DIR_VARIABLE, dir, TRUE);
  status = g_test_run ();

  names = g_dir_open (dir, 0, NULL);
  while (names != NULL && (name = g_dir_read_name (names)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);

  return status;
}
