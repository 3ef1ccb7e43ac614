/* vs-test-pool-utils.c: helpers for the pool creation tests
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vs-job.h"
#include "vs-test-pool-utils.h"

VsJob *
vs_test_start_create (VsConnection           *connection,
                      const char             *xml,
                      const VsPoolDefinition *definition,
                      VsPoolCreateFlags       flags,
                      GCancellable           *cancellable,
                      GAsyncResult          **result)
{
  GListModel *jobs = vs_connection_get_jobs (connection);
  guint n_before = g_list_model_get_n_items (jobs);

  if (definition != NULL)
    vs_connection_create_pool_from_definition_async (connection, definition, xml, flags,
                                                     cancellable, vs_test_async_cb, result);
  else
    vs_connection_create_pool_async (connection, xml, flags, cancellable, vs_test_async_cb, result);

  /* Refused at once: no job. */
  if (g_list_model_get_n_items (jobs) == n_before)
    return NULL;

  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, n_before + 1);
  return g_list_model_get_item (jobs, n_before);
}

VsPool *
vs_test_finish_create (VsConnection  *connection,
                       GAsyncResult **result,
                       GError       **error)
{
  vs_test_wait_async (result, VS_TEST_CREATE_TIMEOUT_MS);

  return vs_connection_create_pool_finish (connection, *result, error);
}

VsPool *
vs_test_create_pool (VsConnection           *connection,
                     const char             *xml,
                     const VsPoolDefinition *definition,
                     VsPoolCreateFlags       flags,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VsJob) job = vs_test_start_create (connection, xml, definition, flags,
                                               cancellable, &result);

  return vs_test_finish_create (connection, &result, error);
}

gboolean
vs_test_pool_is_defined (virConnectPtr  conn,
                         const char    *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, name);

  if (pool == NULL)
    return FALSE;

  virStoragePoolFree (pool);
  return TRUE;
}

static void
step_notify_cb (VsJob         *job,
                GParamSpec    *pspec,
                VsTestStepLog *log)
{
  g_ptr_array_add (log->steps, g_strdup (vs_job_get_step (job)));
}

VsTestStepLog *
vs_test_step_log_new (VsJob *job)
{
  VsTestStepLog *log = g_new0 (VsTestStepLog, 1);

  log->job = g_object_ref (job);
  log->steps = g_ptr_array_new_with_free_func (g_free);
  if (vs_job_get_step (job) != NULL)
    g_ptr_array_add (log->steps, g_strdup (vs_job_get_step (job)));
  log->handler = g_signal_connect (job, "notify::step", G_CALLBACK (step_notify_cb), log);

  return log;
}

void
vs_test_step_log_free (VsTestStepLog *log)
{
  g_signal_handler_disconnect (log->job, log->handler);
  g_object_unref (log->job);
  g_ptr_array_unref (log->steps);
  g_free (log);
}

char *
vs_test_step_log_join (VsTestStepLog *log)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) steps = NULL;

  for (guint i = 0; i < log->steps->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (log->steps, i));
  steps = g_strv_builder_end (builder);

  return g_strjoinv (" / ", steps);
}

struct _VsTestCancelAt
{
  VsPoolCreateStep  at;
  GMutex            mutex;
  GCond             cond;
  GCancellable     *target;
};

static void
cancel_at_cb (VsPoolCreateStep step,
              gpointer         user_data)
{
  VsTestCancelAt *cancel = user_data;

  if (step != cancel->at)
    return;

  g_mutex_lock (&cancel->mutex);
  while (cancel->target == NULL)
    g_cond_wait (&cancel->cond, &cancel->mutex);
  g_cancellable_cancel (cancel->target);
  g_mutex_unlock (&cancel->mutex);
}

VsTestCancelAt *
vs_test_cancel_at_new (VsPoolCreateStep  at,
                       GCancellable     *target)
{
  VsTestCancelAt *cancel = g_new0 (VsTestCancelAt, 1);

  cancel->at = at;
  g_mutex_init (&cancel->mutex);
  g_cond_init (&cancel->cond);
  if (target != NULL)
    cancel->target = g_object_ref (target);
  vs_pool_creator_set_step_hook (cancel_at_cb, cancel);

  return cancel;
}

void
vs_test_cancel_at_set_target (VsTestCancelAt *cancel,
                              GCancellable   *target)
{
  g_mutex_lock (&cancel->mutex);
  g_set_object (&cancel->target, target);
  g_cond_signal (&cancel->cond);
  g_mutex_unlock (&cancel->mutex);
}

void
vs_test_cancel_at_free (VsTestCancelAt *cancel)
{
  vs_pool_creator_set_step_hook (NULL, NULL);
  g_clear_object (&cancel->target);
  g_mutex_clear (&cancel->mutex);
  g_cond_clear (&cancel->cond);
  g_free (cancel);
}

/* Integration tests ------------------------------------------------------ */

char *
vs_test_loop_attach (const char *path,
                     guint       size_mib)
{
  const char *argv[] = { "losetup", "--find", "--show", path, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  if (fd < 0 || ftruncate (fd, (off_t) size_mib * 1024 * 1024) != 0)
    g_error ("could not make %s: %s", path, g_strerror (errno));
  close (fd);

  if (!vs_test_spawn (argv, &output, &error))
    g_error ("%s", error->message);

  return g_strdup (g_strstrip (output));
}

void
vs_test_loop_detach_under (const char *dir)
{
  const char *argv[] = { "losetup", "--list", "--noheadings", "--output", "NAME,BACK-FILE", NULL };
  g_autofree char *output = NULL;
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  g_auto(GStrv) lines = NULL;

  if (!vs_test_spawn (argv, &output, NULL))
    return;

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), " ", 2);

      if (g_strv_length (fields) == 2 && g_str_has_prefix (g_strstrip (fields[1]), prefix))
        {
          const char *detach[] = { "losetup", "--detach", fields[0], NULL };

          vs_test_spawn (detach, NULL, NULL);
        }
    }
}

static void
remove_volume_group (const char *name,
                     const char *pv)
{
  const char *vgremove[] = { "vgremove", "--force", name, NULL };
  const char *pvremove[] = { "pvremove", "--force", pv, NULL };

  vs_test_spawn (vgremove, NULL, NULL);
  if (pv != NULL)
    vs_test_spawn (pvremove, NULL, NULL);
}

void
vs_test_remove_volume_groups (const char *prefix)
{
  const char *argv[] = { "vgs", "--noheadings", "--options", "vg_name,pv_name", NULL };
  g_autofree char *vgs = g_find_program_in_path ("vgs");
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  /* No LVM tools: no volume groups of ours either. */
  if (vgs == NULL || !vs_test_spawn (argv, &output, NULL))
    return;

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      const char *pv = NULL;

      if (fields[0] == NULL || !g_str_has_prefix (fields[0], prefix))
        continue;
      for (guint j = 1; fields[j] != NULL && pv == NULL; j++)
        if (*fields[j] != '\0')
          pv = fields[j];

      remove_volume_group (fields[0], pv);
    }
}

static void
secret_free (gpointer secret)
{
  virSecretFree (secret);
}

static GPtrArray *
secrets_of (virConnectPtr  conn,
            const char    *prefix)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (secret_free);
  virSecretPtr *secrets = NULL;
  int n = virConnectListAllSecrets (conn, &secrets, 0);

  for (int i = 0; i < n; i++)
    {
      const char *usage = virSecretGetUsageID (secrets[i]);

      if (usage != NULL && strstr (usage, prefix) != NULL)
        g_ptr_array_add (found, secrets[i]);
      else
        virSecretFree (secrets[i]);
    }
  free (secrets);

  return found;
}

char *
vs_test_list_secrets (const char *prefix)
{
  virConnectPtr conn = vs_test_virt_open (vs_test_it_uri ());
  g_autoptr(GPtrArray) secrets = secrets_of (conn, prefix);
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < secrets->len; i++)
    {
      char uuid[VIR_UUID_STRING_BUFLEN];

      virSecretGetUUIDString (g_ptr_array_index (secrets, i), uuid);
      g_string_append_printf (lines, "%s %s\n", uuid,
                              virSecretGetUsageID (g_ptr_array_index (secrets, i)));
    }

  g_clear_pointer (&secrets, g_ptr_array_unref);
  virConnectClose (conn);

  return g_string_free (lines, FALSE);
}

void
vs_test_remove_secrets (const char *prefix)
{
  virConnectPtr conn = virConnectOpen (vs_test_it_uri ());
  g_autoptr(GPtrArray) secrets = NULL;

  if (conn == NULL)
    return;

  secrets = secrets_of (conn, prefix);
  for (guint i = 0; i < secrets->len; i++)
    virSecretUndefine (g_ptr_array_index (secrets, i));

  g_clear_pointer (&secrets, g_ptr_array_unref);
  virConnectClose (conn);
}

void
vs_test_remove_pools_by_api (const char *prefix)
{
  virConnectPtr conn = virConnectOpen (vs_test_it_uri ());
  virStoragePoolPtr *pools = NULL;
  int n;

  if (conn == NULL)
    return;

  n = virConnectListAllStoragePools (conn, &pools, 0);
  for (int i = 0; i < n; i++)
    {
      if (g_str_has_prefix (virStoragePoolGetName (pools[i]), prefix))
        {
          virStoragePoolDestroy (pools[i]);
          virStoragePoolUndefine (pools[i]);
        }
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  virConnectClose (conn);
}

void
vs_test_pool_it_cleanup (void)
{
  const char *prefix = vs_test_it_prefix ();

  /* Stopping the pools unmounts file systems and deactivates volume
   * groups; then the groups, the loop devices under them and the secrets
   * can go. */
  vs_test_remove_pools_by_api (prefix);
  vs_test_remove_volume_groups (prefix);
  vs_test_loop_detach_under (vs_test_it_dir ());
  vs_test_remove_secrets (prefix);
}
