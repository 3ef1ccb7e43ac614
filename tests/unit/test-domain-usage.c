/* test-domain-usage.c: "used by" follows the host's domains, and storage a
 * domain uses is never deleted
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-domain-usage"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vs-test-utils.h"

/* One host shared by every connection of this process: the test defines
 * domains through a connection of its own and watches the core follow. */
#define DEFAULT_URI "test:///default"
#define DEFAULT_POOL "default-pool"

typedef struct
{
  VsConnection      *connection;
  VsPool            *pool;
  virConnectPtr      conn;        /* the test's own */
  virStoragePoolPtr  ptr;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  fixture->connection = vs_test_connection_open (DEFAULT_URI, FALSE);
  fixture->pool = vs_connection_find_pool (fixture->connection, DEFAULT_POOL);
  g_assert_nonnull (fixture->pool);
  fixture->conn = vs_test_virt_open (DEFAULT_URI);
  fixture->ptr = virStoragePoolLookupByName (fixture->conn, DEFAULT_POOL);
  g_assert_nonnull (fixture->ptr);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->connection);
  g_clear_pointer (&fixture->ptr, virStoragePoolFree);
  g_clear_pointer (&fixture->conn, virConnectClose);
}

/* A name of this process, so that cases never meet each other's objects. */
static char *
unique (const char *what)
{
  return g_strdup_printf ("vs-%s-%d", what, (int) getpid ());
}

/* Makes a volume behind the core's back (qcow2 on @backing_path when
 * given) and returns its path. */
static char *
make_volume (virStoragePoolPtr  ptr,
             const char        *name,
             const char        *backing_path)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  virStorageVolPtr vol;
  char *path;

  g_string_append_printf (xml, "<volume><name>%s</name><capacity unit='bytes'>1048576</capacity>"
                               "<target><format type='qcow2'/></target>", name);
  if (backing_path != NULL)
    g_string_append_printf (xml, "<backingStore><path>%s</path><format type='raw'/></backingStore>",
                            backing_path);
  g_string_append (xml, "</volume>");

  vol = virStorageVolCreateXML (ptr, xml->str, 0);
  g_assert_nonnull (vol);
  path = virStorageVolGetPath (vol);
  g_assert_nonnull (path);
  virStorageVolFree (vol);

  return path;
}

static char *
file_disk (const char *path,
           const char *target)
{
  return g_strdup_printf ("<disk type='file' device='disk'><source file='%s'/>"
                          "<target dev='%s'/></disk>", path, target);
}

static char *
volume_disk (const char *pool,
             const char *volume)
{
  return g_strdup_printf ("<disk type='volume' device='disk'>"
                          "<source pool='%s' volume='%s'/><target dev='vdz'/></disk>",
                          pool, volume);
}

/* @uuid NULL: libvirt makes one up. */
static char *
domain_xml (const char *name,
            const char *uuid,
            const char *disks)
{
  g_autofree char *uuid_element = uuid != NULL ? g_strdup_printf ("<uuid>%s</uuid>", uuid) : NULL;

  return g_strdup_printf ("<domain type='test'><name>%s</name>%s<memory>65536</memory>"
                          "<os><type>hvm</type></os><devices>%s</devices></domain>",
                          name, uuid_element != NULL ? uuid_element : "", disks);
}

static virDomainPtr
define_domain (virConnectPtr  conn,
               const char    *name,
               const char    *disks)
{
  g_autofree char *xml = domain_xml (name, NULL, disks);
  virDomainPtr domain = virDomainDefineXML (conn, xml);

  g_assert_nonnull (domain);
  return domain;
}

static void
undefine_domain (virDomainPtr domain)
{
  g_assert_cmpint (virDomainUndefine (domain), ==, 0);
  virDomainFree (domain);
}

static VsVolume *
load_volume (Fixture    *fixture,
             const char *name)
{
  VsVolume *volume;

  vs_test_pool_load_volumes (fixture->pool);
  volume = vs_pool_find_volume (fixture->pool, name);
  if (volume == NULL)
    g_error ("volume %s is not listed", name);

  return volume;
}

static void
delete_volume (Fixture  *fixture,
               VsVolume *volume)
{
  g_autoptr(GError) error = NULL;
  VsTestVolumeWait gone = { fixture->pool, vs_volume_get_name (volume), FALSE };

  if (!vs_test_volume_run (volume, vs_volume_delete_async, vs_volume_delete_finish, &error))
    g_error ("deleting %s failed: %s", vs_volume_get_name (volume), error->message);
  vs_test_assert_wait_for (vs_test_volume_is, &gone, VS_TEST_TIMEOUT_MS,
                           "the deleted volume to leave the list");
}

/* One volume, made behind the core's back and listed, and the name of a
 * domain that will use it. */
typedef struct
{
  Fixture     fixture;
  char       *volume_name;
  char       *domain_name;
  char       *path;
  VsVolume   *volume;
  const char *users[2];
} UsageCase;

static void
usage_case_open (UsageCase  *c,
                 const char *what)
{
  g_autofree char *vm = g_strconcat ("vm-", what, NULL);

  fixture_open (&c->fixture);
  c->volume_name = unique (what);
  c->domain_name = unique (vm);
  c->users[0] = c->domain_name;
  c->users[1] = NULL;
  c->path = make_volume (c->fixture.ptr, c->volume_name, NULL);
  c->volume = g_object_ref (load_volume (&c->fixture, c->volume_name));
  g_assert_null (vs_volume_get_used_by (c->volume));
}

static void
usage_case_clear (UsageCase *c)
{
  g_clear_object (&c->volume);
  fixture_clear (&c->fixture);
  g_free (c->volume_name);
  g_free (c->domain_name);
  g_free (c->path);
}

/* Defines the domain with @disk and waits until the volume shows it. */
static virDomainPtr
usage_case_define (UsageCase  *c,
                   const char *disk)
{
  virDomainPtr domain = define_domain (c->fixture.conn, c->domain_name, disk);

  vs_test_wait_used_by (c->volume, c->users, VS_TEST_TIMEOUT_MS);
  return domain;
}

static void
usage_case_undefine (UsageCase    *c,
                     virDomainPtr  domain)
{
  undefine_domain (domain);
  vs_test_wait_used_by (c->volume, NULL, VS_TEST_TIMEOUT_MS);
}

/* A domain defined after the volumes were listed shows in "used by" by
 * itself, and its volume can be neither deleted nor wiped; once it is
 * undefined, both follow. */
static void
test_define_undefine (void)
{
  UsageCase c = { 0 };
  g_autofree char *disk = NULL;
  virDomainPtr domain;

  usage_case_open (&c, "used");
  disk = file_disk (c.path, "vda");
  domain = usage_case_define (&c, disk);
  vs_test_assert_in_use (c.volume, c.domain_name);

  usage_case_undefine (&c, domain);
  delete_volume (&c.fixture, c.volume);
  usage_case_clear (&c);
}

/* What "used by" shows may be a moment late; the delete asks the host: a
 * domain defined just before the delete blocks it although no event has
 * been seen yet (the main loop has not run since). */
static void
test_checked_at_delete_time (void)
{
  UsageCase c = { 0 };
  g_autofree char *disk = NULL;
  virDomainPtr domain;

  usage_case_open (&c, "late");
  disk = file_disk (c.path, "vda");
  domain = define_domain (c.fixture.conn, c.domain_name, disk);
  g_assert_null (vs_volume_get_used_by (c.volume));
  vs_test_assert_in_use (c.volume, c.domain_name);

  usage_case_undefine (&c, domain);
  usage_case_clear (&c);
}

/* A domain whose disk is an overlay uses the overlay's backing file too,
 * though its definition names only the overlay. */
static void
test_backing_chain (void)
{
  UsageCase c = { 0 };
  g_autofree char *overlay_name = unique ("overlay");
  g_autofree char *overlay_path = NULL;
  g_autofree char *disk = NULL;
  VsVolume *overlay;
  virDomainPtr domain;

  usage_case_open (&c, "base");
  overlay_path = make_volume (c.fixture.ptr, overlay_name, c.path);
  overlay = load_volume (&c.fixture, overlay_name);
  g_assert_cmpstr (vs_volume_get_backing_path (overlay), ==, c.path);

  disk = file_disk (overlay_path, "vda");
  domain = usage_case_define (&c, disk);
  vs_test_wait_used_by (overlay, c.users, VS_TEST_TIMEOUT_MS);
  vs_test_assert_in_use (c.volume, c.domain_name);

  usage_case_undefine (&c, domain);
  usage_case_clear (&c);
}

/* <disk type='volume'> names the pool and the volume, not a path. */
static void
test_volume_disk (void)
{
  UsageCase c = { 0 };
  g_autofree char *disk = NULL;
  virDomainPtr domain;

  usage_case_open (&c, "by-name");
  disk = volume_disk (DEFAULT_POOL, c.volume_name);
  domain = usage_case_define (&c, disk);
  vs_test_assert_in_use (c.volume, c.domain_name);

  usage_case_undefine (&c, domain);
  usage_case_clear (&c);
}

/* A domain defined again with another disk (what `virsh attach-disk
 * --config` and `detach-disk --config` do) moves "used by" along; two
 * domains on one volume are both named. */
static void
test_redefine (void)
{
  UsageCase c = { 0 };
  g_autofree char *second_name = unique ("second");
  g_autofree char *other_name = unique ("vm-other");
  g_autofree char *second_path = NULL;
  g_autofree char *first_disk = NULL;
  g_autofree char *second_disk = NULL;
  g_autofree char *xml = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN];
  const char *both[] = { NULL, other_name, NULL };
  VsVolume *second;
  virDomainPtr domain, other;

  usage_case_open (&c, "first");
  both[0] = c.domain_name;
  second_path = make_volume (c.fixture.ptr, second_name, NULL);
  second = load_volume (&c.fixture, second_name);

  first_disk = file_disk (c.path, "vda");
  second_disk = file_disk (second_path, "vda");
  domain = usage_case_define (&c, first_disk);

  /* Same name, same UUID: the definition is replaced. */
  g_assert_cmpint (virDomainGetUUIDString (domain, uuid), ==, 0);
  virDomainFree (domain);
  xml = domain_xml (c.domain_name, uuid, second_disk);
  domain = virDomainDefineXML (c.fixture.conn, xml);
  g_assert_nonnull (domain);
  vs_test_wait_used_by (second, c.users, VS_TEST_TIMEOUT_MS);
  vs_test_wait_used_by (c.volume, NULL, VS_TEST_TIMEOUT_MS);

  other = define_domain (c.fixture.conn, other_name, second_disk);
  vs_test_wait_used_by (second, both, VS_TEST_TIMEOUT_MS);

  undefine_domain (other);
  undefine_domain (domain);
  vs_test_wait_used_by (second, NULL, VS_TEST_TIMEOUT_MS);
  usage_case_clear (&c);
}

/* A transient domain counts while it runs. */
static void
test_transient (void)
{
  UsageCase c = { 0 };
  g_autofree char *disk = NULL;
  g_autofree char *xml = NULL;
  virDomainPtr domain;

  usage_case_open (&c, "transient");
  disk = file_disk (c.path, "vda");
  xml = domain_xml (c.domain_name, NULL, disk);
  domain = virDomainCreateXML (c.fixture.conn, xml, 0);
  g_assert_nonnull (domain);
  vs_test_wait_used_by (c.volume, c.users, VS_TEST_TIMEOUT_MS);

  g_assert_cmpint (virDomainDestroy (domain), ==, 0);
  virDomainFree (domain);
  vs_test_wait_used_by (c.volume, NULL, VS_TEST_TIMEOUT_MS);
  delete_volume (&c.fixture, c.volume);
  usage_case_clear (&c);
}

static gboolean
delete_storage (VsPool  *pool,
                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_pool_delete_async (pool, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);

  return vs_pool_delete_finish (pool, result, error);
}

/* "Delete storage" of a stopped pool is refused while a domain uses a
 * volume in it (its folder holds the file), naming the domain; a domain
 * elsewhere does not stop it. */
static void
test_pool_storage_in_use (void)
{
  Fixture fixture = { 0 };
  g_autofree char *pool_name = unique ("usage-pool");
  g_autofree char *domain_name = unique ("vm-pool");
  g_autofree char *elsewhere_name = unique ("vm-elsewhere");
  g_autofree char *pool_xml = NULL;
  g_autofree char *path = NULL;
  g_autofree char *disk = NULL;
  g_autofree char *elsewhere_disk = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr ptr;
  virDomainPtr domain, elsewhere;
  VsPool *pool;

  fixture_open (&fixture);
  pool_xml = g_strdup_printf ("<pool type='dir'><name>%s</name>"
                              "<target><path>/%s</path></target></pool>", pool_name, pool_name);
  ptr = virStoragePoolDefineXML (fixture.conn, pool_xml, 0);
  g_assert_nonnull (ptr);
  g_assert_cmpint (virStoragePoolCreate (ptr, 0), ==, 0);
  path = make_volume (ptr, "disk.qcow2", NULL);

  disk = file_disk (path, "vda");
  domain = define_domain (fixture.conn, domain_name, disk);
  elsewhere_disk = file_disk ("/somewhere/else.img", "vda");
  elsewhere = define_domain (fixture.conn, elsewhere_name, elsewhere_disk);

  g_assert_cmpint (virStoragePoolDestroy (ptr), ==, 0);
  vs_test_wait_pool (fixture.connection, pool_name, TRUE, VS_POOL_STATE_INACTIVE);
  pool = vs_connection_find_pool (fixture.connection, pool_name);

  g_assert_false (delete_storage (pool, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, domain_name));
  g_assert_null (strstr (error->message, elsewhere_name));
  g_assert_false (vs_pool_get_busy (pool));
  g_clear_error (&error);

  undefine_domain (domain);
  g_assert_true (delete_storage (pool, &error));
  g_assert_no_error (error);

  undefine_domain (elsewhere);
  g_assert_cmpint (virStoragePoolUndefine (ptr), ==, 0);
  virStoragePoolFree (ptr);
  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  vs_test_add ("/domain-usage/define-undefine", test_define_undefine);
  vs_test_add ("/domain-usage/checked-at-delete-time", test_checked_at_delete_time);
  vs_test_add ("/domain-usage/backing-chain", test_backing_chain);
  vs_test_add ("/domain-usage/volume-disk", test_volume_disk);
  vs_test_add ("/domain-usage/redefine", test_redefine);
  vs_test_add ("/domain-usage/transient", test_transient);
  vs_test_add ("/domain-usage/pool-storage", test_pool_storage_in_use);

  return g_test_run ();
}
