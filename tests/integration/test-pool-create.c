/* test-pool-create.c: creating pools on the real libvirtd, and undoing
 * every step when one fails
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-create"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <libxml/tree.h>

#include "vs-pool-creator.h"
#include "vs-test-pool-utils.h"
#include "vs-xml.h"

#define ALL_STEPS (VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START | VS_POOL_CREATE_AUTOSTART)
#define MiB (G_GUINT64_CONSTANT (1024) * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static VsConnection *
open_connection (void)
{
  return vs_test_connection_open (vs_test_it_uri (), FALSE);
}

static char *
virsh_output (const char *command,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  if (!vs_test_virsh (vs_test_it_uri (), &output, &error, command, name, NULL))
    g_error ("%s", error->message);

  return output;
}

static gboolean
virsh_knows_pool (const char *name)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) names = NULL;

  if (!vs_test_virsh (vs_test_it_uri (), &output, NULL, "pool-list", "--all", "--name", NULL))
    g_error ("virsh pool-list failed");

  names = g_strsplit (output, "\n", -1);
  return g_strv_contains ((const char * const *) names, name);
}

/* Not there for libvirt (virsh, in another process) nor for the core. */
static void
assert_no_pool (VsConnection *connection,
                const char   *name)
{
  g_autoptr(GError) error = NULL;

  if (virsh_knows_pool (name))
    g_error ("the pool “%s” is still defined", name);

  g_assert_true (vs_test_reload_pools (connection, NULL, &error));
  g_assert_null (vs_connection_find_pool (connection, name));
}

static void
assert_no_secret (void)
{
  g_autofree char *left = vs_test_list_secrets (vs_test_it_prefix ());

  if (*left != '\0')
    g_error ("secrets were left behind:\n%s", left);
}

/* The text of @element under the root of `virsh pool-dumpxml NAME`,
 * exactly as libvirt wrote it. */
static char *
dumped (const char *name,
        const char *parent,
        const char *element)
{
  g_autofree char *xml = virsh_output ("pool-dumpxml", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = vs_xml_read_document (xml, "pool", &error);
  xmlNode *node;
  xmlChar *content;
  char *text;

  g_assert_no_error (error);
  node = xmlDocGetRootElement (doc);
  if (parent != NULL)
    node = vs_xml_child (node, parent);
  node = vs_xml_child (node, element);
  g_assert_nonnull (node);

  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);

  return text;
}

/* `virsh pool-dumpxml` gives the pool's name and target exactly, and the
 * target folder exists. */
static void
assert_dumped (const VsPoolDefinition *def)
{
  g_autofree char *name = dumped (def->name, NULL, "name");
  g_autofree char *path = dumped (def->name, "target", "path");

  g_assert_cmpstr (name, ==, def->name);
  g_assert_cmpstr (path, ==, def->target_path);
  g_assert_true (g_file_test (def->target_path, G_FILE_TEST_IS_DIR));
}

static VsPoolDefinition *
dir_definition (const char *suffix,
                const char *target)
{
  VsPoolDefinition *def = vs_pool_definition_new (VS_POOL_TYPE_DIR);

  def->name = vs_test_it_name (suffix);
  def->target_path = g_strdup (target);

  return def;
}

static VsPoolDefinition *
fs_definition (const char *suffix,
               const char *device,
               const char *target)
{
  VsPoolDefinition *def = vs_pool_definition_new (VS_POOL_TYPE_FS);

  def->name = vs_test_it_name (suffix);
  def->devices = g_strsplit (device, " ", 2);
  def->source_format = g_strdup ("ext4");
  def->target_path = g_strdup (target);

  return def;
}

static gboolean
is_mounted_at (const char *target)
{
  g_autofree char *mounts = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/mounts", &mounts, NULL, NULL));
  lines = g_strsplit (mounts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 3);

      if (g_strv_length (fields) >= 2 && g_str_equal (fields[1], target))
        return TRUE;
    }

  return FALSE;
}

/* Skip reasons ----------------------------------------------------------- */

static char *
missing_program (const char * const *programs)
{
  for (guint i = 0; programs[i] != NULL; i++)
    {
      g_autofree char *path = g_find_program_in_path (programs[i]);

      if (path == NULL)
        return g_strdup_printf ("%s is not installed", programs[i]);
    }

  return NULL;
}

static char *
skip_without_loop_devices (void)
{
  static const char * const programs[] = { "losetup", "mkfs.ext4", NULL };

  if (geteuid () != 0)
    return g_strdup ("attaching loop devices needs root");

  return missing_program (programs);
}

static char *
skip_without_lvm (void)
{
  static const char * const programs[] = { "pvcreate", "vgcreate", "vgs", NULL };
  char *reason = skip_without_loop_devices ();

  if (reason != NULL)
    return reason;
  if ((reason = missing_program (programs)) != NULL)
    {
      g_autofree char *why = reason;

      return g_strdup_printf ("%s (Debian package lvm2)", why);
    }

  return NULL;
}

static char *
skip_with_rbd (void)
{
  g_autofree char *caps = NULL;

  /* Where rbd is supported, defining works and the case tests nothing. */
  if (!vs_test_virsh (vs_test_it_uri (), &caps, NULL, "pool-capabilities", NULL))
    return g_strdup ("virsh pool-capabilities failed");
  if (strstr (caps, "<pool type='rbd' supported='yes'>") != NULL)
    return g_strdup ("this libvirt supports rbd pools, so defining one does not fail");

  return NULL;
}

/* Cases ------------------------------------------------------------------ */

/* A dir pool built, started and autostarted: virsh sees it so, and its
 * folder exists. */
static void
test_dir_all_steps (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "dir-pool", NULL);
  g_autoptr(VsPoolDefinition) def = dir_definition ("dir", target);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *persistent = NULL;
  g_autofree char *autostart = NULL;

  pool = vs_test_create_pool (connection, NULL, def, ALL_STEPS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pool == vs_connection_find_pool (connection, def->name));
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_true (vs_pool_get_autostart (pool));
  g_assert_cmpuint (vs_pool_get_capacity (pool), >, 0);

  state = vs_test_it_pool_info_field (def->name, "State");
  persistent = vs_test_it_pool_info_field (def->name, "Persistent");
  autostart = vs_test_it_pool_info_field (def->name, "Autostart");
  g_assert_cmpstr (state, ==, "running");
  g_assert_cmpstr (persistent, ==, "yes");
  g_assert_cmpstr (autostart, ==, "yes");

  assert_dumped (def);
}

/* A name XML would break on comes back exactly from `virsh pool-dumpxml`
 * and `virsh pool-list`. */
static void
test_hostile_name (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "a<b&\"c'", NULL);
  g_autoptr(VsPoolDefinition) def = dir_definition ("a<b&\"c' ñandú 池", target);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vs_pool_get_name (pool), ==, def->name);

  assert_dumped (def);
  g_assert_true (virsh_knows_pool (def->name));
}

/* An ext4 file system on a loop device, mounted by building and starting
 * an fs pool. */
static void
test_fs_on_loop_device (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *image = g_build_filename (vs_test_it_dir (), "fs.img", NULL);
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "fs-mount", NULL);
  g_autofree char *device = vs_test_loop_attach (image, 64);
  g_autoptr(VsPoolDefinition) def = fs_definition ("fs", device, target);
  const char *mkfs[] = { "mkfs.ext4", "-q", "-F", device, NULL };
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  if (!vs_test_spawn (mkfs, NULL, &error))
    g_error ("%s", error->message);

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  g_assert_cmpstr (vs_pool_get_pool_type (pool), ==, "fs");
  g_assert_cmpuint (vs_pool_get_capacity (pool), >, 40 * MiB);
  g_assert_cmpuint (vs_pool_get_capacity (pool), <, 64 * MiB);

  state = vs_test_it_pool_info_field (def->name, "State");
  g_assert_cmpstr (state, ==, "running");
  g_assert_true (is_mounted_at (target));
}

/* A volume group built by libvirt over a loop device, and started. A host
 * without device-mapper cannot make logical volumes in it: libvirt must
 * say so plainly. */
static void
test_logical_on_loop_device (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *image = g_build_filename (vs_test_it_dir (), "lvm.img", NULL);
  g_autofree char *device = vs_test_loop_attach (image, 64);
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *source_name = NULL;
  virConnectPtr conn;
  virStoragePoolPtr ptr;
  virStorageVolPtr volume;

  def->name = vs_test_it_name ("lvm");
  def->source_name = vs_test_it_name ("vg");
  def->devices = g_strsplit (device, " ", 2);

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
  state = vs_test_it_pool_info_field (def->name, "State");
  g_assert_cmpstr (state, ==, "running");
  source_name = dumped (def->name, "source", "name");
  g_assert_cmpstr (source_name, ==, def->source_name);

  conn = vs_test_virt_open (vs_test_it_uri ());
  ptr = virStoragePoolLookupByName (conn, def->name);
  g_assert_nonnull (ptr);
  volume = virStorageVolCreateXML (ptr, "<volume><name>lv0</name>"
                                   "<capacity unit='MiB'>8</capacity></volume>", 0);
  if (volume != NULL)
    {
      g_test_message ("this host makes logical volumes");
      g_assert_cmpint (virStorageVolDelete (volume, 0), ==, 0);
      virStorageVolFree (volume);
    }
  else
    {
      const char *message = virGetLastErrorMessage ();

      g_test_message ("libvirt could not make a logical volume: %s", message);
      /* lvcreate's own explanation travels in libvirt's message. */
      g_assert_nonnull (strstr (message, "lvcreate"));
      if (strstr (message, "device-mapper") != NULL)
        g_test_message ("this host has no device-mapper: its volume groups hold no volumes");
    }
  virStoragePoolFree (ptr);
  virConnectClose (conn);
}

/* Building a dir pool under a regular file fails; the define is undone and
 * the file is untouched. The local check refuses it beforehand, too. */
static void
test_build_fails_under_file (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *file = g_build_filename (vs_test_it_dir (), "plain-file", NULL);
  g_autofree char *target = g_build_filename (file, "pool", NULL);
  g_autoptr(VsPoolDefinition) def = dir_definition ("under-file", target);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (file, "keep me", -1, &error));

  g_assert_false (vs_pool_definition_check_local_target (target, &error));
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID);
  g_clear_error (&error);

  pool = vs_test_create_pool (connection, NULL, def, ALL_STEPS, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not build the pool");
  g_assert_nonnull (vs_error_get_libvirt_message (error));

  assert_no_pool (connection, def->name);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
}

/* An fs pool whose device does not exist: building makes the mount point,
 * starting fails; undoing removes the folder we made and the definition. */
static void
test_start_fails_missing_source (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *device = g_strdup_printf ("/dev/%smissing", vs_test_it_prefix ());
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "never-mounted", NULL);
  g_autoptr(VsPoolDefinition) def = fs_definition ("missing-source", device, target);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsTestStepLog) steps = NULL;
  g_autoptr(VsJob) job = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  job = vs_test_start_create (connection, NULL, def, ALL_STEPS, NULL, &result);
  steps = vs_test_step_log_new (job);
  pool = vs_test_finish_create (connection, &result, &error);

  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not start the pool");
  g_assert_nonnull (vs_error_get_libvirt_message (error));
  seen = vs_test_step_log_join (steps);
  g_assert_cmpstr (seen, ==, "Defining… / Building… / Starting… / Undoing…");

  assert_no_pool (connection, def->name);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* The same failure with a mount point that existed before: it stays. */
static void
test_existing_target_stays (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *device = g_strdup_printf ("/dev/%smissing", vs_test_it_prefix ());
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "mine", NULL);
  g_autoptr(VsPoolDefinition) def = fs_definition ("existing-target", device, target);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);

  pool = vs_test_create_pool (connection, NULL, def, ALL_STEPS, NULL, &error);
  g_assert_null (pool);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not start the pool");

  assert_no_pool (connection, def->name);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
}

/* Worker thread: the secrets there are as the pool starts. */
static void
watch_secrets_cb (VsPoolCreateStep step,
                  gpointer         user_data)
{
  char **secrets = user_data;

  if (step == VS_POOL_CREATE_STEP_START)
    *secrets = vs_test_list_secrets (vs_test_it_prefix ());
}

static gboolean
volume_group_exists (const char *name)
{
  const char *argv[] = { "vgs", "--noheadings", "--options", "vg_name", NULL };
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!vs_test_spawn (argv, &output, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), name))
      return TRUE;

  return FALSE;
}

/* A volume group that building made is removed again when the creation
 * is cancelled after it (virStoragePoolDelete: vgremove, pvremove). */
static void
test_logical_build_undone (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *image = g_build_filename (vs_test_it_dir (), "lvm.img", NULL);
  g_autofree char *device = vs_test_loop_attach (image, 64);
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsTestCancelAt) cancel = vs_test_cancel_at_new (VS_POOL_CREATE_STEP_START, cancellable);

  def->name = vs_test_it_name ("lvm-undone");
  def->source_name = vs_test_it_name ("vg-undone");
  def->devices = g_strsplit (device, " ", 2);

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START,
                              cancellable, &error);

  g_assert_null (pool);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_no_pool (connection, def->name);
  g_assert_false (volume_group_exists (def->source_name));
}

/* Cancelled as autostart is about to be set: the running pool is stopped,
 * the folder building made is removed, the definition goes. */
static void
test_cancel_between_steps (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *target = g_build_filename (vs_test_it_dir (), "cancelled", NULL);
  g_autoptr(VsPoolDefinition) def = dir_definition ("cancelled", target);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsTestCancelAt) cancel = vs_test_cancel_at_new (VS_POOL_CREATE_STEP_AUTOSTART,
                                                            cancellable);

  pool = vs_test_create_pool (connection, NULL, def, ALL_STEPS, cancellable, &error);

  g_assert_null (pool);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_no_pool (connection, def->name);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* An iSCSI pool with a CHAP password: the secret is made first, the start
 * fails (nothing listens on the portal), and the secret goes with the
 * rest. */
static void
test_secret_rolled_back (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secrets_then = NULL;

  def->name = vs_test_it_name ("iscsi");
  def->hosts = g_strsplit ("127.0.0.1", " ", 2);
  def->port = 1;
  def->target_iqn = g_strdup ("iqn.2024-01.org.example:vs-test");
  def->target_path = g_strdup ("/dev/disk/by-path");
  def->auth_username = g_strdup ("vs-test");
  def->secret_value = g_strdup ("s3cret <&> ñ");

  vs_pool_creator_set_step_hook (watch_secrets_cb, &secrets_then);
  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_START, NULL, &error);
  vs_pool_creator_set_step_hook (NULL, NULL);

  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not start the pool");
  g_test_message ("libvirt said: %s", vs_error_get_libvirt_message (error));

  /* The secret was there while the pool started, and is gone now. */
  g_assert_nonnull (secrets_then);
  g_assert_nonnull (strstr (secrets_then, def->name));
  assert_no_secret ();
  assert_no_pool (connection, def->name);
}

/* A secret with the usage ours would have exists already (someone else's):
 * storing ours fails first, and theirs stays. */
static void
test_secret_exists (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_ISCSI);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs_xml = NULL;
  g_autofree char *left = NULL;
  g_auto(GStrv) lines = NULL;
  virConnectPtr conn;
  virSecretPtr theirs;

  def->name = vs_test_it_name ("iscsi-taken");
  def->hosts = g_strsplit ("127.0.0.1", " ", 2);
  def->target_iqn = g_strdup ("iqn.2024-01.org.example:vs-test");
  def->auth_username = g_strdup ("vs-test");
  def->secret_value = g_strdup ("s3cret");

  theirs_xml = vs_pool_definition_to_secret_xml (def, &error);
  g_assert_no_error (error);
  conn = vs_test_virt_open (vs_test_it_uri ());
  theirs = virSecretDefineXML (conn, theirs_xml, 0);
  g_assert_nonnull (theirs);

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_START, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not store the secret");
  g_test_message ("libvirt said: %s", vs_error_get_libvirt_message (error));

  /* Theirs, and only theirs. */
  left = vs_test_list_secrets (vs_test_it_prefix ());
  lines = g_strsplit (g_strstrip (left), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], virSecretGetUsageID (theirs)));
  assert_no_pool (connection, def->name);

  virSecretFree (theirs);
  virConnectClose (conn);
}

/* A Ceph key for a pool type this host cannot define: the secret made
 * first is removed again. */
static void
test_secret_removed_when_define_fails (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_RBD);
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  def->name = vs_test_it_name ("rbd");
  def->hosts = g_strsplit ("127.0.0.1", " ", 2);
  def->source_name = g_strdup ("rbd");
  def->auth_username = g_strdup ("admin");
  def->secret_value = g_strdup ("AQDjz2xlAAAAABAAdUVQrmLbQEo0Qn3Hi7Qb5A==");

  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_START, NULL, &error);
  g_assert_null (pool);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not define the pool");
  g_test_message ("libvirt said: %s", vs_error_get_libvirt_message (error));

  assert_no_secret ();
  assert_no_pool (connection, def->name);
}

static GPtrArray *
find_sources (VsConnection  *connection,
              VsPoolType     type,
              const char    *host,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_connection_find_pool_sources_async (connection, type, host, 0, NULL, vs_test_async_cb, &result);
  vs_test_wait_async (&result, VS_TEST_CREATE_TIMEOUT_MS);

  return vs_connection_find_pool_sources_finish (connection, result, error);
}

/* A volume group made outside libvirt shows up in a scan, with its
 * physical volume, and picking it gives a pool that starts. */
static void
test_scan_volume_groups (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autofree char *image = g_build_filename (vs_test_it_dir (), "scan.img", NULL);
  g_autofree char *device = vs_test_loop_attach (image, 64);
  g_autofree char *vg = vs_test_it_name ("vg-scan");
  g_autoptr(VsPoolDefinition) def = vs_pool_definition_new (VS_POOL_TYPE_LOGICAL);
  const char *pvcreate[] = { "pvcreate", "--quiet", device, NULL };
  const char *vgcreate[] = { "vgcreate", "--quiet", vg, device, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(VsPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  VsPoolSource *ours = NULL;

  if (!vs_test_spawn (pvcreate, NULL, &error) || !vs_test_spawn (vgcreate, NULL, &error))
    g_error ("%s", error->message);

  sources = find_sources (connection, VS_POOL_TYPE_LOGICAL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      VsPoolSource *source = g_ptr_array_index (sources, i);

      if (g_strcmp0 (source->name, vg) == 0)
        ours = source;
    }
  g_assert_nonnull (ours);
  g_assert_nonnull (ours->devices);
  g_assert_cmpstr (ours->devices[0], ==, device);
  g_assert_cmpstr (ours->format, ==, "lvm2");

  def->name = vs_test_it_name ("scanned");
  vs_pool_source_fill_definition (ours, def);
  pool = vs_test_create_pool (connection, NULL, def, VS_POOL_CREATE_START, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vs_pool_get_state (pool), ==, VS_POOL_STATE_RUNNING);
}

/* A scan of a host that does not exist fails with libvirt's reason. */
static void
test_scan_unreachable_host (void)
{
  g_autoptr(VsConnection) connection = open_connection ();
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = find_sources (connection, VS_POOL_TYPE_NETFS, "vs-test.invalid", &error);
  g_assert_null (sources);
  g_assert_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED);
  g_assert_cmpstr (vs_error_get_summary (error), ==, "Could not look for storage on vs-test.invalid");
  g_assert_nonnull (vs_error_get_libvirt_message (error));
  g_test_message ("libvirt said: %s", vs_error_get_libvirt_message (error));
}

static const VsTestItCase cases[] = {
  { "/pool-create/dir-all-steps", test_dir_all_steps, 60, NULL, vs_test_pool_it_cleanup },
  { "/pool-create/hostile-name", test_hostile_name, 60, NULL, vs_test_pool_it_cleanup },
  { "/pool-create/fs-on-loop-device", test_fs_on_loop_device, 120,
    skip_without_loop_devices, vs_test_pool_it_cleanup },
  { "/pool-create/logical-on-loop-device", test_logical_on_loop_device, 120,
    skip_without_lvm, vs_test_pool_it_cleanup },
  { "/pool-create/logical-build-undone", test_logical_build_undone, 120,
    skip_without_lvm, vs_test_pool_it_cleanup },
  { "/pool-create/build-fails-under-file", test_build_fails_under_file, 60,
    NULL, vs_test_pool_it_cleanup },
  { "/pool-create/start-fails-missing-source", test_start_fails_missing_source, 60,
    NULL, vs_test_pool_it_cleanup },
  { "/pool-create/existing-target-stays", test_existing_target_stays, 60,
    NULL, vs_test_pool_it_cleanup },
  { "/pool-create/cancel-between-steps", test_cancel_between_steps, 60,
    NULL, vs_test_pool_it_cleanup },
  { "/pool-create/secret-rolled-back", test_secret_rolled_back, 60,
    NULL, vs_test_pool_it_cleanup },
  { "/pool-create/scan-volume-groups", test_scan_volume_groups, 120,
    skip_without_lvm, vs_test_pool_it_cleanup },
  { "/pool-create/scan-unreachable-host", test_scan_unreachable_host, 120, NULL, NULL },
  { "/pool-create/secret-exists", test_secret_exists, 60, NULL, vs_test_pool_it_cleanup },
  { "/pool-create/secret-removed-when-define-fails", test_secret_removed_when_define_fails, 60,
    skip_with_rbd, vs_test_pool_it_cleanup },
};

int
main (int   argc,
      char *argv[])
{
  return vs_test_it_main (argc, argv, cases, G_N_ELEMENTS (cases));
}
