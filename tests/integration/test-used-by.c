/* test-used-by.c: on a real libvirtd, domains defined by `virsh` in another
 * process show in "used by" and keep their storage from being deleted
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-used-by"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "vs-test-utils.h"

/* How soon "used by" must follow a change made in another process. */
#define FOLLOW_MS 2000

/* A running dir pool with one qcow2 image, listed by the core. */
typedef struct
{
  VsConnection *connection;
  VsPool       *pool;
  char         *pool_name;
  char         *dir;
  char         *path;            /* of disk.qcow2 */
  char         *domain_name;
  VsVolume     *volume;
  const char   *users[2];
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  fixture->connection = vs_test_connection_open (vs_test_it_uri (), FALSE);
  fixture->pool_name = vs_test_it_name ("pool");
  fixture->domain_name = vs_test_it_name ("vm");
  fixture->users[0] = fixture->domain_name;
  fixture->dir = g_build_filename (vs_test_it_dir (), "pool", NULL);
  fixture->path = g_build_filename (fixture->dir, "disk.qcow2", NULL);

  vs_test_it_define_dir_pool (fixture->pool_name, fixture->dir, TRUE);
  vs_test_qemu_img_create ("qcow2", fixture->path, "64M", NULL);
  vs_test_it_virsh_or_die ("pool-refresh", fixture->pool_name);

  vs_test_wait_pool (fixture->connection, fixture->pool_name, TRUE, VS_POOL_STATE_RUNNING);
  fixture->pool = vs_connection_find_pool (fixture->connection, fixture->pool_name);
  vs_test_pool_load_volumes (fixture->pool);
  fixture->volume = vs_pool_find_volume (fixture->pool, "disk.qcow2");
  g_assert_nonnull (fixture->volume);
  g_assert_null (vs_volume_get_used_by (fixture->volume));
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->connection);
  g_free (fixture->pool_name);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->domain_name);
}

static char *
file_disk (const char *path,
           const char *target)
{
  return g_strdup_printf ("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                          "<source file='%s'/><target dev='%s' bus='virtio'/></disk>",
                          path, target);
}

/* `virsh define` in another process: a qemu domain that is never started
 * (no KVM needed). */
static void
virsh_define (Fixture    *fixture,
              const char *disks)
{
  g_autofree char *xml = g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                                          "<memory unit='MiB'>64</memory>"
                                          "<os><type arch='x86_64'>hvm</type></os>"
                                          "<devices>%s</devices></domain>",
                                          fixture->domain_name, disks);
  g_autofree char *file = g_build_filename (vs_test_it_dir (), "domain.xml", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (file, xml, -1, &error))
    g_error ("%s", error->message);
  vs_test_it_virsh_or_die ("define", file);
}

/* Delete and wipe are refused; the image is still there. */
static void
assert_refused (Fixture  *fixture,
                VsVolume *volume)
{
  vs_test_assert_in_use (volume, fixture->domain_name);
  g_assert_true (g_file_test (vs_volume_get_path (volume), G_FILE_TEST_EXISTS));
}

/* Makes NAME in the pool's folder with qemu-img (on @backing when given),
 * and waits until the core lists it after `virsh pool-refresh`. */
static VsVolume *
add_image (Fixture    *fixture,
           const char *name,
           const char *backing)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  VsTestVolumeWait listed = { fixture->pool, name, TRUE };

  vs_test_qemu_img_create ("qcow2", path, "64M", backing);
  vs_test_it_virsh_or_die ("pool-refresh", fixture->pool_name);
  vs_test_assert_wait_for (vs_test_volume_is, &listed, VS_TEST_TIMEOUT_MS,
                           "a new image to be listed");

  return vs_pool_find_volume (fixture->pool, name);
}

/* The walk: with the pool shown, `virsh define` a domain on one of
 * its volumes; "used by" names it within 2 s and delete is refused; after
 * `virsh undefine` both follow, and the delete goes through. */
static void
test_define_undefine (void)
{
  Fixture fixture = { 0 };
  g_autofree char *disk = NULL;
  g_autofree char *blklist = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture);
  disk = file_disk (fixture.path, "vda");
  virsh_define (&fixture, disk);

  vs_test_wait_used_by (fixture.volume, fixture.users, FOLLOW_MS);
  assert_refused (&fixture, fixture.volume);
  if (!vs_test_virsh (vs_test_it_uri (), &blklist, &error, "domblklist", fixture.domain_name, NULL))
    g_error ("%s", error->message);
  g_assert_nonnull (strstr (blklist, fixture.path));

  vs_test_it_virsh_or_die ("undefine", fixture.domain_name);
  vs_test_wait_used_by (fixture.volume, NULL, FOLLOW_MS);
  g_assert_true (vs_test_volume_run (fixture.volume, vs_volume_delete_async,
                                     vs_volume_delete_finish, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture.path, G_FILE_TEST_EXISTS));

  fixture_clear (&fixture);
}

/* A domain on an overlay image uses its backing file too: the inactive
 * domain's definition names only the overlay. */
static void
test_backing_chain (void)
{
  Fixture fixture = { 0 };
  g_autofree char *disk = NULL;
  VsVolume *overlay_volume;

  fixture_open (&fixture);
  overlay_volume = add_image (&fixture, "overlay.qcow2", fixture.path);
  g_assert_cmpstr (vs_volume_get_backing_path (overlay_volume), ==, fixture.path);

  disk = file_disk (vs_volume_get_path (overlay_volume), "vda");
  virsh_define (&fixture, disk);

  vs_test_wait_used_by (overlay_volume, fixture.users, FOLLOW_MS);
  vs_test_wait_used_by (fixture.volume, fixture.users, FOLLOW_MS);
  assert_refused (&fixture, fixture.volume);

  fixture_clear (&fixture);
}

/* <disk type='volume'> names the pool and the volume instead of a path. */
static void
test_volume_disk (void)
{
  Fixture fixture = { 0 };
  g_autofree char *disk = NULL;

  fixture_open (&fixture);
  disk = g_strdup_printf ("<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                          "<source pool='%s' volume='disk.qcow2'/>"
                          "<target dev='vda' bus='virtio'/></disk>", fixture.pool_name);
  virsh_define (&fixture, disk);

  vs_test_wait_used_by (fixture.volume, fixture.users, FOLLOW_MS);
  assert_refused (&fixture, fixture.volume);

  fixture_clear (&fixture);
}

static void
refresh_pool (VsPool *pool)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vs_pool_refresh_async (pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  if (!vs_pool_refresh_finish (pool, result, &error))
    g_error ("refreshing %s failed: %s", vs_pool_get_name (pool), error->message);
}

/* `virsh attach-disk --config` on a stopped domain, in another process:
 * libvirt 9 emits no event for it, so "used by" may not know yet, but the
 * delete asks the host and is refused; the user's Refresh brings "used by"
 * up to date, and after `detach-disk --config` clears it again. */
static void
test_attach_detach (void)
{
  Fixture fixture = { 0 };
  g_autofree char *disk = NULL;
  g_autoptr(GError) error = NULL;
  VsVolume *other_volume;

  fixture_open (&fixture);
  other_volume = add_image (&fixture, "other.qcow2", NULL);

  disk = file_disk (fixture.path, "vda");
  virsh_define (&fixture, disk);
  vs_test_wait_used_by (fixture.volume, fixture.users, FOLLOW_MS);

  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "attach-disk", fixture.domain_name,
                      vs_volume_get_path (other_volume), "vdb", "--config",
                      "--subdriver", "qcow2", NULL))
    g_error ("%s", error->message);
  assert_refused (&fixture, other_volume);
  refresh_pool (fixture.pool);
  vs_test_wait_used_by (other_volume, fixture.users, FOLLOW_MS);

  if (!vs_test_virsh (vs_test_it_uri (), NULL, &error, "detach-disk", fixture.domain_name,
                      "vdb", "--config", NULL))
    g_error ("%s", error->message);
  refresh_pool (fixture.pool);
  vs_test_wait_used_by (other_volume, NULL, FOLLOW_MS);
  g_assert_true (vs_test_strv_same_set (vs_volume_get_used_by (fixture.volume), fixture.users));

  fixture_clear (&fixture);
}

/* "Delete storage" of the stopped pool is refused while the domain uses
 * an image in its folder, naming the domain. */
static void
test_pool_storage (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *disk = NULL;

  fixture_open (&fixture);
  disk = file_disk (fixture.path, "vda");
  virsh_define (&fixture, disk);

  vs_test_it_virsh_or_die ("pool-destroy", fixture.pool_name);
  vs_test_wait_pool (fixture.connection, fixture.pool_name, TRUE, VS_POOL_STATE_INACTIVE);

  vs_pool_delete_async (fixture.pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  g_assert_false (vs_pool_delete_finish (fixture.pool, result, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, fixture.domain_name));
  g_assert_true (g_file_test (fixture.path, G_FILE_TEST_EXISTS));

  fixture_clear (&fixture);
}

static const VsTestItCase cases[] = {
  { "/used-by/define-undefine", test_define_undefine, 60, NULL, NULL },
  { "/used-by/backing-chain", test_backing_chain, 60, NULL, NULL },
  { "/used-by/volume-disk", test_volume_disk, 60, NULL, NULL },
  { "/used-by/attach-detach", test_attach_detach, 60, NULL, NULL },
  { "/used-by/pool-storage", test_pool_storage, 60, NULL, NULL },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
