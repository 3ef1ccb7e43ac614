/* vs-pool-creator.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-creator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-connection-private.h"
#include "vs-error.h"
#include "vs-job.h"
#include "vs-pool-creator.h"
#include "vs-pool-private.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* What the worker gets: a deep copy of everything it needs. */
typedef struct
{
  virConnectPtr      conn;
  char              *xml;
  char              *name;          /* from the XML, for messages; may be NULL */
  char              *target_path;   /* from the XML; may be NULL */
  VsPoolType         type;
  gboolean           known_type;
  VsPoolCreateFlags  flags;
  guint              build_flags;   /* VIR_STORAGE_POOL_BUILD_* */
  char              *secret_xml;    /* NULL: no secret to define */
  char              *secret_usage;
  GBytes            *secret_value;
  /* The host's files are the ones this process sees (a local connection),
   * so that we can tell whether building made the target folder. */
  gboolean           local;

  VsJob             *job;
  GMainContext      *context;
  GCancellable      *caller_cancellable;
  gulong             chain_id;
  guint              n_steps;
  guint              steps_done;
} CreateData;

/* What the steps did so far: what undoing has to take back. */
typedef struct
{
  virSecretPtr       secret;
  virStoragePoolPtr  pool;
  gboolean           made_target;
  gboolean           built;
  gboolean           started;
} Progress;

typedef struct
{
  VsPoolInfo *info;
  /* Set on the main thread: the listed pool, or why it is not listed. */
  VsPool     *pool;
  GError     *error;
} CreateResult;

typedef struct
{
  VsJob *job;
  char  *step;
} StepReport;

static VsPoolCreateStepHook step_hook;
static gpointer             step_hook_data;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Helpers ---------------------------------------------------------------- */

static void
create_data_free (gpointer ptr)
{
  CreateData *data = ptr;

  if (data->conn != NULL)
    vs_release_conn (g_steal_pointer (&data->conn));
  if (data->chain_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->chain_id);
  g_clear_object (&data->caller_cancellable);
  g_free (data->xml);
  g_free (data->name);
  g_free (data->target_path);
  g_free (data->secret_xml);
  g_free (data->secret_usage);
  g_clear_pointer (&data->secret_value, g_bytes_unref);
  g_clear_object (&data->job);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
create_result_free (gpointer ptr)
{
  CreateResult *result = ptr;

  g_clear_pointer (&result->info, vs_pool_info_free);
  g_clear_object (&result->pool);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateResult, create_result_free)

/* Reads the name, type and target of the pool @xml defines, as far as it
 * can: an XML libvirt will refuse is reported by libvirt, at the define. */
static void
read_pool_xml (CreateData *data)
{
  g_autoptr(xmlDoc) doc = vs_xml_read_document (data->xml, "pool", NULL);
  g_autofree char *type = NULL;
  xmlNode *root;

  if (doc == NULL)
    return;

  root = xmlDocGetRootElement (doc);
  data->name = vs_xml_text (vs_xml_child (root, "name"));
  data->target_path = vs_xml_text (vs_xml_child (vs_xml_child (root, "target"), "path"));
  type = vs_xml_attr (root, "type");
  data->known_type = vs_pool_type_from_string (type, &data->type);
}

static gboolean
uri_is_local (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  return parsed != NULL && (host == NULL || *host == '\0');
}

static gboolean
step_cb (gpointer user_data)
{
  StepReport *report = user_data;

  /* A report still queued when the job ended is stale. */
  if (!vs_job_is_finished (report->job))
    vs_job_set_step (report->job, report->step);

  return G_SOURCE_REMOVE;
}

static void
step_report_free (gpointer ptr)
{
  StepReport *report = ptr;

  g_object_unref (report->job);
  g_free (report->step);
  g_free (report);
}

static const char *
step_words (VsPoolCreateStep step)
{
  switch (step)
    {
    case VS_POOL_CREATE_STEP_SECRET: return _("Storing the secret…");
    case VS_POOL_CREATE_STEP_DEFINE: return _("Defining…");
    case VS_POOL_CREATE_STEP_BUILD: return _("Building…");
    case VS_POOL_CREATE_STEP_START: return _("Starting…");
    case VS_POOL_CREATE_STEP_AUTOSTART: return _("Setting autostart…");
    case VS_POOL_CREATE_STEP_UNDO: return _("Undoing…");
    default: g_assert_not_reached ();
    }
}

/* Worker thread: shows the step on the job, and stops when cancelled. */
static gboolean
begin_step (CreateData        *data,
            VsPoolCreateStep   step,
            GCancellable      *cancellable,
            GError           **error)
{
  StepReport *report = g_new0 (StepReport, 1);

  report->job = g_object_ref (data->job);
  report->step = g_strdup (step_words (step));
  vs_run_on_context (data->context, step_cb, report, step_report_free);

  if (step != VS_POOL_CREATE_STEP_UNDO)
    vs_job_set_fraction (data->job, (double) data->steps_done++ / data->n_steps);

  if (step_hook != NULL)
    step_hook (step, step_hook_data);

  return step == VS_POOL_CREATE_STEP_UNDO ||
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static int
define_error_code (void)
{
  switch (vs_libvirt_last_code ())
    {
    case VIR_ERR_XML_ERROR:
    case VIR_ERR_XML_DETAIL:
    case VIR_ERR_XML_INVALID_SCHEMA:
    case VIR_ERR_INVALID_ARG:
    case VIR_ERR_CONFIG_UNSUPPORTED:
      return VS_POOL_ERROR_INVALID;
    default:
      return VS_POOL_ERROR_FAILED;
    }
}

static GFileType
file_type (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
}

/* Whether building may make the target folder, and whether we can tell:
 * only when this process sees the host's files, the folder does not exist
 * and its parent does (a sandbox that sees neither tells nothing). */
static gboolean
target_is_missing (CreateData *data)
{
  g_autofree char *parent = NULL;

  if (!data->local || data->target_path == NULL || !g_path_is_absolute (data->target_path))
    return FALSE;

  parent = g_path_get_dirname (data->target_path);
  return file_type (data->target_path) == G_FILE_TYPE_UNKNOWN &&
         file_type (parent) == G_FILE_TYPE_DIRECTORY;
}

static gboolean
define_secret (CreateData  *data,
               Progress    *progress,
               GError     **error)
{
  gsize len;
  const guchar *value = g_bytes_get_data (data->secret_value, &len);

  progress->secret = virSecretDefineXML (data->conn, data->secret_xml, 0);
  if (progress->secret == NULL || virSecretSetValue (progress->secret, value, len, 0) < 0)
    {
      vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                 _("Could not store the secret"));
      return FALSE;
    }

  return TRUE;
}

/* Whether building makes the target folder (dir, fs, netfs). */
static gboolean
build_makes_folder (CreateData *data)
{
  VsPoolBuild build;

  if (!data->known_type)
    return FALSE;

  build = vs_pool_type_get_info (data->type)->build;
  return build == VS_POOL_BUILD_DIRECTORY || build == VS_POOL_BUILD_DIRECTORY_OR_FORMAT;
}

static gboolean
build (CreateData  *data,
       Progress    *progress,
       GError     **error)
{
  gboolean was_missing = build_makes_folder (data) && target_is_missing (data);
  int rc;

  rc = virStoragePoolBuild (progress->pool, data->build_flags);
  if (rc < 0)
    vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                               _("Could not build the pool"));

  /* Even a build that failed may have made the folder before it failed
   * (fs: the mount point, then mkfs). */
  progress->made_target = was_missing && file_type (data->target_path) == G_FILE_TYPE_DIRECTORY;
  progress->built = rc == 0;

  return rc == 0;
}

static gboolean
run_steps (CreateData    *data,
           Progress      *progress,
           GCancellable  *cancellable,
           GError       **error)
{
  if (data->secret_xml != NULL &&
      (!begin_step (data, VS_POOL_CREATE_STEP_SECRET, cancellable, error) ||
       !define_secret (data, progress, error)))
    return FALSE;

  if (!begin_step (data, VS_POOL_CREATE_STEP_DEFINE, cancellable, error))
    return FALSE;
  progress->pool = virStoragePoolDefineXML (data->conn, data->xml, VIR_STORAGE_POOL_DEFINE_VALIDATE);
  if (progress->pool == NULL)
    {
      vs_error_set_from_libvirt (error, VS_POOL_ERROR, define_error_code (),
                                 _("Could not define the pool"));
      return FALSE;
    }

  if ((data->flags & VS_POOL_CREATE_BUILD) &&
      (!begin_step (data, VS_POOL_CREATE_STEP_BUILD, cancellable, error) ||
       !build (data, progress, error)))
    return FALSE;

  if (data->flags & VS_POOL_CREATE_START)
    {
      if (!begin_step (data, VS_POOL_CREATE_STEP_START, cancellable, error))
        return FALSE;
      if (virStoragePoolCreate (progress->pool, 0) < 0)
        {
          vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                     _("Could not start the pool"));
          return FALSE;
        }
      progress->started = TRUE;
    }

  if (data->flags & VS_POOL_CREATE_AUTOSTART)
    {
      if (!begin_step (data, VS_POOL_CREATE_STEP_AUTOSTART, cancellable, error))
        return FALSE;
      if (virStoragePoolSetAutostart (progress->pool, 1) < 0)
        {
          vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                     _("Could not set the pool to start at boot"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Adds what undoing could not take back to @failure's summary, keeping
 * libvirt's detail of the failure itself. */
static void
add_leftovers (GError     **failure,
               const char  *leftovers)
{
  GError *old = *failure;
  g_autofree char *summary = NULL;

  /* Translators: what failed (or "Operation was cancelled"), then what is
   * left behind because undoing the earlier steps failed too. */
  summary = g_strdup_printf (_("%s. Undoing the earlier steps failed: %s"),
                             vs_error_get_summary (old), leftovers);

  if (old->domain == G_IO_ERROR)
    {
      g_free (old->message);
      old->message = g_steal_pointer (&summary);
      return;
    }

  *failure = NULL;
  vs_error_set_with_detail (failure, old->domain, old->code, summary,
                            vs_error_get_libvirt_code (old),
                            vs_error_get_libvirt_domain (old),
                            vs_error_get_libvirt_message (old));
  vs_error_set_leftovers (*failure, leftovers);
  g_error_free (old);
}

static const char *
libvirt_message (void)
{
  virErrorPtr err = virGetLastError ();

  return err != NULL && err->message != NULL ? err->message : _("Unknown libvirt error");
}

static void
note_leftover (GString *leftovers,
               char    *sentence)
{
  if (leftovers->len > 0)
    /* Translators: separates the things left behind. */
    g_string_append (leftovers, _("; "));
  g_string_append (leftovers, sentence);
  g_free (sentence);
}

/* Takes back, in reverse order, what the steps did; only what we made:
 * a target folder that existed before stays. */
static void
undo (CreateData  *data,
      Progress    *progress,
      GError     **failure)
{
  g_autoptr(GString) leftovers = g_string_new (NULL);
  gboolean delete_storage;

  if (progress->secret == NULL && progress->pool == NULL)
    return;

  begin_step (data, VS_POOL_CREATE_STEP_UNDO, NULL, NULL);

  if (progress->started && virStoragePoolDestroy (progress->pool) < 0)
    note_leftover (leftovers, g_strdup_printf (_("the pool could not be stopped (%s)"),
                                               libvirt_message ()));

  /* A folder only when we made it; a volume group or zpool when building
   * made it (libvirt refuses to build over data unless told to). */
  if (build_makes_folder (data))
    delete_storage = progress->made_target;
  else
    delete_storage = progress->built && vs_pool_type_get_info (data->type)->build_undoable;

  if (delete_storage && virStoragePoolDelete (progress->pool, 0) < 0)
    note_leftover (leftovers, g_strdup_printf (_("what building made could not be removed (%s)"),
                                               libvirt_message ()));

  if (progress->pool != NULL && virStoragePoolUndefine (progress->pool) < 0)
    note_leftover (leftovers, g_strdup_printf (_("the pool “%s” is still defined (%s)"),
                                               virStoragePoolGetName (progress->pool),
                                               libvirt_message ()));

  if (progress->secret != NULL && virSecretUndefine (progress->secret) < 0)
    note_leftover (leftovers, g_strdup_printf (_("the secret “%s” is still defined (%s)"),
                                               data->secret_usage, libvirt_message ()));

  if (leftovers->len > 0)
    {
      g_warning ("Creating the pool %s failed, and undoing it left: %s",
                 data->name != NULL ? data->name : "(unnamed)", leftovers->str);
      add_leftovers (failure, leftovers->str);
    }
}

static void
progress_clear (Progress *progress)
{
  g_clear_pointer (&progress->pool, virStoragePoolFree);
  g_clear_pointer (&progress->secret, virSecretFree);
}

static gpointer
create_worker (gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  CreateData *data = task_data;
  g_autoptr(CreateResult) result = g_new0 (CreateResult, 1);
  g_autoptr(GError) failure = NULL;
  Progress progress = { 0 };

  if (run_steps (data, &progress, cancellable, &failure))
    result->info = vs_pool_info_fetch (progress.pool, &failure);

  if (failure != NULL)
    undo (data, &progress, &failure);

  progress_clear (&progress);
  /* Drop our reference here, not on the main thread. */
  g_clear_pointer (&data->conn, virConnectClose);

  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return NULL;
    }

  return g_steal_pointer (&result);
}

static void
create_apply (gpointer      source,
              gpointer      task_data,
              gpointer      res,
              const GError *error)
{
  VsConnection *connection = source;
  CreateData *data = task_data;
  CreateResult *result = res;

  if (result != NULL && vs_connection_get_state (connection) != VS_CONNECTION_STATE_CONNECTED)
    g_set_error (&result->error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_DISCONNECTED,
                 _("The pool was created, but the connection closed before it could be listed"));
  else if (result != NULL)
    result->pool = g_object_ref (vs_connection_take_pool_info (connection, result->info));

  vs_job_finish (data->job, result != NULL ? result->error : error);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 GCancellable *job_cancellable)
{
  g_cancellable_cancel (job_cancellable);
}

/* Public API ------------------------------------------------------------- */

void
vs_pool_creator_set_step_hook (VsPoolCreateStepHook hook,
                               gpointer             user_data)
{
  step_hook = hook;
  step_hook_data = user_data;
}

void
vs_pool_creator_run_async (VsConnection            *connection,
                           virConnectPtr            conn,
                           const char              *xml,
                           const VsPoolDefinition  *definition,
                           VsPoolCreateFlags        flags,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CreateData *data;

  g_return_if_fail (VS_IS_CONNECTION (connection));
  g_return_if_fail (conn != NULL);
  g_return_if_fail (xml != NULL || definition != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CreateData, 1);
  data->conn = conn;
  data->flags = flags;
  data->local = uri_is_local (vs_connection_get_uri (connection));
  data->xml = xml != NULL ? g_strdup (xml) : vs_pool_definition_to_xml (definition, &error);

  if (error == NULL && definition != NULL && definition->secret_value != NULL &&
      *definition->secret_value != '\0' &&
      (data->secret_xml = vs_pool_definition_to_secret_xml (definition, &error)) != NULL)
    {
      data->secret_usage = vs_pool_definition_dup_secret_usage (definition);
      data->secret_value = vs_pool_definition_get_secret_bytes (definition, &error);
    }

  if (error != NULL)
    {
      create_data_free (data);
      g_task_report_error (connection, callback, user_data, vs_pool_creator_run_async,
                           g_steal_pointer (&error));
      return;
    }

  if (definition != NULL && definition->build_overwrite)
    data->build_flags = VIR_STORAGE_POOL_BUILD_OVERWRITE;

  read_pool_xml (data);
  data->n_steps = 1 + (data->secret_xml != NULL) +
                  !!(flags & VS_POOL_CREATE_BUILD) + !!(flags & VS_POOL_CREATE_START) +
                  !!(flags & VS_POOL_CREATE_AUTOSTART);

  if (data->name != NULL)
    title = g_strdup_printf (_("Creating pool “%s”"), data->name);
  else
    title = g_strdup (_("Creating a pool"));
  data->job = vs_job_new (title);
  data->context = g_main_context_ref_thread_default ();

  /* The job's cancellable is the one the worker watches; the caller's
   * cancels it too. */
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->chain_id = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                              g_object_ref (vs_job_get_cancellable (data->job)),
                                              g_object_unref);
    }

  vs_connection_add_job (connection, data->job);

  vs_worker_run (connection, vs_pool_creator_run_async, vs_job_get_cancellable (data->job),
                 create_worker, data, create_data_free,
                 create_apply, create_result_free,
                 callback, user_data);
}

VsPool *
vs_pool_creator_run_finish (VsConnection  *connection,
                            GAsyncResult  *result,
                            GError       **error)
{
  CreateResult *created;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  created = vs_worker_get_result (connection, result, vs_pool_creator_run_async, error);
  if (created == NULL)
    return NULL;

  if (created->pool == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&created->error));
      return NULL;
    }

  return g_steal_pointer (&created->pool);
}
