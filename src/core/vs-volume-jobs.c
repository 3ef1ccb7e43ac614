/* vs-volume-jobs.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-jobs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-connection-private.h"
#include "vs-error.h"
#include "vs-job-runner.h"
#include "vs-pool-private.h"
#include "vs-volume-definition.h"
#include "vs-volume-jobs.h"
#include "vs-volume-private.h"
#include "vs-worker.h"
#include "vs-xml.h"

typedef enum
{
  OP_CREATE,
  OP_CLONE,
  OP_WIPE,
} Op;

/* What the worker gets: its own copies and libvirt references. */
typedef struct
{
  Op                 op;
  virStoragePoolPtr  pool;          /* where the volume is made, or lives */
  virStoragePoolPtr  source_pool;   /* clone: where the source lives */
  char              *name;          /* the new volume, or the wiped one */
  char              *source_name;   /* clone */
  char              *xml;           /* create */
  guint              flags;         /* create */
  GCancellable      *cancellable;   /* the job's, else the caller's; may be NULL */
} OpData;

/* A volume the worker made. */
typedef struct
{
  char            *key;
  VsVolumeDetails *details;         /* NULL when its XML could not be read */
  VsPoolInfo      *pool_info;       /* NULL when the pool could not be read */
} Made;

/* The caller's task, on the main thread. */
typedef struct
{
  Op           op;
  VsJobRunner *runner;              /* NULL: this operation is no job */
  Made        *made;
} TaskState;

static void made_free (gpointer ptr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Made, made_free)

static void
op_data_free (gpointer ptr)
{
  OpData *data = ptr;

  g_clear_pointer (&data->pool, virStoragePoolFree);
  g_clear_pointer (&data->source_pool, virStoragePoolFree);
  g_free (data->name);
  g_free (data->source_name);
  g_free (data->xml);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
made_free (gpointer ptr)
{
  Made *made = ptr;

  if (made == NULL)
    return;

  g_free (made->key);
  g_clear_pointer (&made->details, vs_volume_details_free);
  g_clear_pointer (&made->pool_info, vs_pool_info_free);
  g_free (made);
}

static void
task_state_free (gpointer ptr)
{
  TaskState *state = ptr;

  g_clear_pointer (&state->runner, vs_job_runner_free);
  g_clear_pointer (&state->made, made_free);
  g_free (state);
}

static int
error_code_for (int libvirt_code)
{
  switch (libvirt_code)
    {
    case VIR_ERR_STORAGE_VOL_EXIST:
      return VS_VOLUME_ERROR_EXISTS;
    case VIR_ERR_NO_STORAGE_VOL:
      return VS_VOLUME_ERROR_NOT_FOUND;
    default:
      return VS_VOLUME_ERROR_FAILED;
    }
}

static void
set_error_from_libvirt (GError     **error,
                        const char  *context)
{
  vs_error_set_from_libvirt (error, VS_VOLUME_ERROR, error_code_for (vs_libvirt_last_code ()),
                             context);
}

static virStorageVolPtr
lookup_volume (virStoragePoolPtr   pool,
               const char         *name,
               GError            **error)
{
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);

  if (vol == NULL)
    {
      g_autofree char *context = g_strdup_printf (_("“%s” is gone"), name);

      set_error_from_libvirt (error, context);
    }

  return vol;
}

static virStorageVolPtr
create_volume (OpData  *data,
               GError **error)
{
  virStorageVolPtr vol = virStorageVolCreateXML (data->pool, data->xml, data->flags);

  if (vol == NULL)
    {
      g_autofree char *context = g_strdup_printf (_("Could not create “%s”"), data->name);

      set_error_from_libvirt (error, context);
    }

  return vol;
}

/* Same format and capacity as the source, and as much allocated: a thin
 * source gives a thin copy. */
static virStorageVolPtr
clone_volume (OpData  *data,
              GError **error)
{
  g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autofree char *source_xml = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *context = NULL;
  virStorageVolPtr source;
  virStorageVolPtr vol = NULL;

  if ((source = lookup_volume (data->source_pool, data->source_name, error)) == NULL)
    return NULL;

  if ((source_xml = virStorageVolGetXMLDesc (source, 0)) == NULL)
    {
      context = g_strdup_printf (_("Could not read “%s”"), data->source_name);
      set_error_from_libvirt (error, context);
      goto out;
    }

  if (!vs_xml_parse_volume (source_xml, details, error))
    goto out;

  def = vs_volume_definition_new (data->name, details->format, details->capacity);
  def->allocation = MIN (details->allocation, details->capacity);
  if ((xml = vs_volume_definition_to_xml (def, error)) == NULL)
    goto out;

  vol = virStorageVolCreateXMLFrom (data->pool, xml, source, 0);
  if (vol == NULL)
    {
      context = g_strdup_printf (_("Could not clone “%s”"), data->source_name);
      set_error_from_libvirt (error, context);
    }

out:
  virStorageVolFree (source);
  return vol;
}

static gpointer
wipe_volume (OpData  *data,
             GError **error)
{
  virStorageVolPtr vol;
  int rc;

  if ((vol = lookup_volume (data->pool, data->name, error)) == NULL)
    return NULL;

  if (!vs_volume_check_unused_sync (data->pool, vol, data->name, data->cancellable, error))
    {
      virStorageVolFree (vol);
      return NULL;
    }

  rc = virStorageVolWipe (vol, 0);
  if (rc < 0)
    set_error_from_libvirt (error, _("Could not wipe the volume"));
  virStorageVolFree (vol);

  return rc < 0 ? NULL : GINT_TO_POINTER (TRUE);
}

static Made *
read_made (OpData           *data,
           virStorageVolPtr  vol)
{
  g_autoptr(Made) made = g_new0 (Made, 1);
  g_autofree char *xml = NULL;

  made->key = g_strdup (virStorageVolGetKey (vol));

  /* The volume exists from here on: what cannot be read now, the pool's
   * own detail loader reads later. */
  made->details = g_new0 (VsVolumeDetails, 1);
  if ((xml = virStorageVolGetXMLDesc (vol, 0)) == NULL ||
      !vs_xml_parse_volume (xml, made->details, NULL))
    g_clear_pointer (&made->details, vs_volume_details_free);
  made->pool_info = vs_pool_info_fetch (data->pool, NULL);

  return g_steal_pointer (&made);
}

static gpointer
op_worker (gpointer       task_data,
           GCancellable  *unused,
           GError       **error)
{
  OpData *data = task_data;
  virStorageVolPtr vol;
  Made *made;

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    return NULL;

  switch (data->op)
    {
    case OP_CREATE:
      vol = create_volume (data, error);
      break;
    case OP_CLONE:
      vol = clone_volume (data, error);
      break;
    case OP_WIPE:
      return wipe_volume (data, error);
    default:
      g_assert_not_reached ();
    }

  if (vol == NULL)
    return NULL;

  /* libvirt cannot stop a creation midway: undo it. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      if (virStorageVolDelete (vol, 0) < 0)
        {
          g_autofree char *context =
            g_strdup_printf (_("“%s” was made before the cancel and could not be removed"),
                             data->name);

          set_error_from_libvirt (error, context);
        }
      else
        {
          g_cancellable_set_error_if_cancelled (data->cancellable, error);
        }
      virStorageVolFree (vol);
      return NULL;
    }

  made = read_made (data, vol);
  virStorageVolFree (vol);

  return made;
}

static void
return_error (GTask  *task,
              GError *error)
{
  TaskState *state = g_task_get_task_data (task);

  if (state->runner != NULL)
    vs_job_runner_finish (state->runner, error);
  g_task_return_error (task, error);
}

/* The job's cancellable, or the caller's when there is no job. */
static GCancellable *
task_cancellable (GTask *task)
{
  TaskState *state = g_task_get_task_data (task);

  return state->runner != NULL ? vs_job_runner_get_cancellable (state->runner)
                               : g_task_get_cancellable (task);
}

static void
rolled_back_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VsVolume *volume = VS_VOLUME (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GError *outcome = NULL;

  if (vs_volume_delete_finish (volume, result, &error))
    g_cancellable_set_error_if_cancelled (task_cancellable (task), &outcome);
  else
    outcome = g_error_new (VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED,
                           _("“%s” was made before the cancel and could not be removed: %s"),
                           vs_volume_get_name (volume), error->message);
  return_error (task, outcome);
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VsPool *pool = VS_POOL (object);
  g_autoptr(GTask) task = user_data;
  TaskState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  VsVolume *volume;

  vs_pool_reload_volumes_finish (pool, result, &error);
  volume = vs_pool_find_volume_by_key (pool, state->made->key);

  if (volume == NULL)
    {
      GError *listed_error =
        g_error_new (VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND,
                     _("The volume was made, but the pool’s list does not show it: %s"),
                     error != NULL ? error->message : _("another client removed it meanwhile"));

      return_error (task, listed_error);
      return;
    }

  if (state->made->details != NULL)
    vs_pool_apply_volume_details (pool, volume, state->made->details);

  /* Cancelled after libvirt made it, before the caller had it: undo. */
  if (g_cancellable_is_cancelled (task_cancellable (task)))
    {
      vs_volume_delete_async (volume, NULL, rolled_back_cb, g_steal_pointer (&task));
      return;
    }

  if (state->runner != NULL)
    vs_job_runner_finish (state->runner, NULL);
  g_task_return_pointer (task, g_object_ref (volume), g_object_unref);
}

static void
worker_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TaskState *state = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value;

  value = vs_worker_steal_result (object, result, op_worker, &error);

  if (state->op == OP_WIPE)
    {
      VsVolume *volume = VS_VOLUME (object);

      vs_volume_set_busy (volume, FALSE);
      if (vs_volume_get_pool (volume) != NULL)
        vs_pool_volumes_changed (vs_volume_get_pool (volume));
      if (error != NULL)
        return_error (task, error);
      else
        {
          vs_job_runner_finish (state->runner, NULL);
          g_task_return_boolean (task, TRUE);
        }
      return;
    }

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  /* Finished once the volume is listed, so that the caller finds it. */
  state->made = value;
  if (state->made->pool_info != NULL)
    {
      VsConnection *connection = vs_pool_get_connection (VS_POOL (object));

      if (connection != NULL)
        vs_connection_pin_pool_info (connection, state->made->pool_info->uuid);
      vs_pool_update (VS_POOL (object), state->made->pool_info);
    }
  vs_pool_reload_volumes_async (VS_POOL (object), NULL, reloaded_cb, g_steal_pointer (&task));
}

/* The caller's task, and the job when @title is set. */
static GTask *
start_task (gpointer             source,
            VsPool              *pool,
            Op                   op,
            const char          *title,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  TaskState *state = g_new0 (TaskState, 1);

  state->op = op;
  if (title != NULL)
    {
      g_autoptr(VsJob) job = vs_job_new (title);

      state->runner = vs_job_runner_new (vs_pool_get_connection (pool), job, cancellable);
    }

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, state, task_state_free);
  /* The outcome is the worker's: a volume made before a cancel is removed
   * there, not dropped here. */
  g_task_set_check_cancellable (task, FALSE);

  return task;
}

/* Hands @data to the worker; its cancellable is the job's, or the
 * caller's when there is no job. */
static void
run_worker (GTask  *task,
            OpData *data)
{
  TaskState *state = g_task_get_task_data (task);
  GCancellable *cancellable = task_cancellable (task);

  data->op = state->op;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  /* No cancellable for the worker task itself: it must not drop a result
   * the worker returns (see above). */
  vs_worker_run (g_task_get_source_object (task), op_worker, NULL,
                 op_worker, data, op_data_free,
                 NULL, state->op == OP_WIPE ? NULL : made_free, worker_done_cb, task);
}

/* The main thread's checks before anything reaches libvirt. */
static gboolean
check_new_volume (VsPool      *pool,
                  const char  *name,
                  GError     **error)
{
  if (vs_pool_get_ptr (pool) == NULL)
    {
      g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                           _("The connection to the host is not open"));
      return FALSE;
    }

  return vs_volume_name_validate (name, pool, error);
}

gboolean
vs_volume_jobs_check_reachable (VsVolume  *volume,
                                GError   **error)
{
  VsPool *pool = vs_volume_get_pool (volume);

  g_assert (VS_IS_VOLUME (volume));

  if (pool == NULL)
    {
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND,
                   _("“%s” is no longer in its pool"), vs_volume_get_name (volume));
      return FALSE;
    }

  if (vs_pool_get_ptr (pool) == NULL)
    {
      g_set_error_literal (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                           _("The connection to the host is not open"));
      return FALSE;
    }

  return TRUE;
}

void
vs_volume_jobs_create (VsPool              *pool,
                       const char          *xml,
                       guint                flags,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  OpData *data;
  GTask *task;

  g_assert (VS_IS_POOL (pool));

  if ((def = vs_volume_definition_new_from_xml (xml, &error)) == NULL ||
      !check_new_volume (pool, def->name, &error))
    {
      g_task_report_error (pool, callback, user_data, source_tag, g_steal_pointer (&error));
      return;
    }

  /* Writing the allocation takes as long as writing that much data. */
  if (def->allocation > 0 || (flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA))
    title = g_strdup_printf (_("Creating “%s” in “%s”"), def->name, vs_pool_get_name (pool));

  task = start_task (pool, pool, OP_CREATE, title, source_tag, cancellable, callback, user_data);

  data = g_new0 (OpData, 1);
  data->pool = vs_pool_get_ptr (pool);
  virStoragePoolRef (data->pool);
  data->name = g_strdup (def->name);
  data->xml = g_strdup (xml);
  data->flags = flags;
  run_worker (task, data);
}

void
vs_volume_jobs_clone (VsPool              *pool,
                      VsVolume            *source,
                      const char          *name,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  VsPool *source_pool = vs_volume_get_pool (source);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  OpData *data;
  GTask *task;

  g_assert (VS_IS_POOL (pool));
  g_assert (VS_IS_VOLUME (source));

  if (vs_volume_jobs_check_reachable (source, &error) &&
      vs_pool_get_connection (source_pool) != vs_pool_get_connection (pool))
    g_set_error (&error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                 _("“%s” is on another host: a clone can only go to a pool of the same "
                   "connection"), vs_volume_get_name (source));
  if (error == NULL)
    check_new_volume (pool, name, &error);

  if (error != NULL)
    {
      g_task_report_error (pool, callback, user_data, source_tag, g_steal_pointer (&error));
      return;
    }

  title = g_strdup_printf (_("Cloning “%s” as “%s”"), vs_volume_get_name (source), name);
  task = start_task (pool, pool, OP_CLONE, title, source_tag, cancellable, callback, user_data);

  data = g_new0 (OpData, 1);
  data->pool = vs_pool_get_ptr (pool);
  virStoragePoolRef (data->pool);
  data->source_pool = vs_pool_get_ptr (source_pool);
  virStoragePoolRef (data->source_pool);
  data->name = g_strdup (name);
  data->source_name = g_strdup (vs_volume_get_name (source));
  run_worker (task, data);
}

void
vs_volume_jobs_wipe (VsVolume            *volume,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  VsPool *pool = vs_volume_get_pool (volume);
  const char * const *used_by = vs_volume_get_used_by (volume);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  OpData *data;
  GTask *task;

  g_assert (VS_IS_VOLUME (volume));

  if (!vs_volume_jobs_check_reachable (volume, &error))
    {
      g_task_report_error (volume, callback, user_data, source_tag, g_steal_pointer (&error));
      return;
    }

  if (used_by != NULL)
    {
      /* Translators: separates the names of virtual machines in a list. */
      g_autofree char *names = g_strjoinv (_(", "), (char **) used_by);

      g_task_report_new_error (volume, callback, user_data, source_tag,
                               VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE,
                               _("“%s” is used by %s: wiping it would destroy that "
                                 "virtual machine’s data"),
                               vs_volume_get_name (volume), names);
      return;
    }

  title = g_strdup_printf (_("Wiping “%s”"), vs_volume_get_name (volume));
  task = start_task (volume, pool, OP_WIPE, title, source_tag, cancellable, callback, user_data);

  data = g_new0 (OpData, 1);
  data->pool = vs_pool_get_ptr (pool);
  virStoragePoolRef (data->pool);
  data->name = g_strdup (vs_volume_get_name (volume));

  vs_volume_set_busy (volume, TRUE);
  run_worker (task, data);
}

VsVolume *
vs_volume_jobs_finish_volume (VsPool        *pool,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  g_assert (VS_IS_POOL (pool));
  g_assert (g_task_is_valid (result, pool));
  g_assert (g_task_get_source_tag (G_TASK (result)) == source_tag);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
vs_volume_jobs_finish_boolean (VsVolume      *volume,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  g_assert (VS_IS_VOLUME (volume));
  g_assert (g_task_is_valid (result, volume));
  g_assert (g_task_get_source_tag (G_TASK (result)) == source_tag);

  return g_task_propagate_boolean (G_TASK (result), error);
}
