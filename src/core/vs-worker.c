/* vs-worker.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-worker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vs-worker.h"

typedef struct
{
  VsWorkerFunc   func;
  gpointer       data;
  GDestroyNotify data_free;
  VsApplyFunc    apply;
  gpointer       result;
  GDestroyNotify result_free;
} Job;

static void
job_free_now (gpointer ptr)
{
  Job *job = ptr;

  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  if (job->result_free != NULL)
    g_clear_pointer (&job->result, job->result_free);
  g_free (job);
}

/* The one place where what the workers got and made is freed: in a thread,
 * since it may hold the last reference to a libvirt connection. */
static void
job_free (gpointer ptr)
{
  Job *job = ptr;

  if ((job->data != NULL && job->data_free != NULL) ||
      (job->result != NULL && job->result_free != NULL))
    vs_free_in_thread (job, job_free_now);
  else
    g_free (job);
}

static void
worker_thread (GTask        *inner,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (inner, g_steal_pointer (&error));
      return;
    }

  /* The job keeps the result whatever happens, so that it is freed with
   * the job; the inner task only carries the outcome. */
  job->result = job->func (job->data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (inner, g_steal_pointer (&error));
  else
    g_task_return_boolean (inner, TRUE);
}

static void
worker_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Job *job = g_task_get_task_data (outer);
  gpointer source = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (res), &error);

  if (job->apply != NULL)
    job->apply (source, job->data, ok ? job->result : NULL, error);

  if (!ok)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_pointer (outer, job->result, NULL);
}

void
vs_worker_run (gpointer            source,
               gpointer            source_tag,
               GCancellable       *cancellable,
               VsWorkerFunc        func,
               gpointer            data,
               GDestroyNotify      data_free,
               VsApplyFunc         apply,
               GDestroyNotify      result_free,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  Job *job;

  g_return_if_fail (G_IS_OBJECT (source));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->apply = apply;
  job->result_free = result_free;

  outer = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, job, job_free);
  /* What the caller gets is what was applied: the inner task already turned
   * a cancellation into an error, and the apply step may cancel on its own
   * (a failed open ends its session). */
  g_task_set_check_cancellable (outer, FALSE);

  /* The inner task has no source object: the thread that ran it may drop
   * the last reference to it, and it must not take @source with it. */
  inner = g_task_new (NULL, cancellable, worker_done_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, source_tag);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, worker_thread);
}

gpointer
vs_worker_get_result (gpointer       source,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
vs_worker_steal_result (gpointer       source,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  Job *job;
  gpointer value;

  value = vs_worker_get_result (source, result, source_tag, error);
  if (value != NULL)
    {
      job = g_task_get_task_data (G_TASK (result));
      job->result = NULL;
    }

  return value;
}

gboolean
vs_worker_finish_boolean (gpointer       source,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  vs_worker_get_result (source, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
vs_run_on_context (GMainContext  *context,
                   GSourceFunc    func,
                   gpointer       data,
                   GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[vs-worker] run on context");
  g_source_attach (source, context);
  g_source_unref (source);
}

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} Garbage;

/* What vs_free_in_thread() has not freed yet, for vs_worker_wait_freed(). */
static GMutex garbage_mutex;
static GCond  garbage_cond;
static guint  garbage_pending;

static void
free_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Garbage *garbage = task_data;

  /* Here, not in the task's own teardown, which may run on the main thread. */
  g_clear_pointer (&garbage->data, garbage->free_func);
  g_task_return_boolean (task, TRUE);

  g_mutex_lock (&garbage_mutex);
  garbage_pending--;
  g_cond_broadcast (&garbage_cond);
  g_mutex_unlock (&garbage_mutex);
}

void
vs_free_in_thread (gpointer       data,
                   GDestroyNotify free_func)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Garbage *garbage = g_new0 (Garbage, 1);

  garbage->data = data;
  garbage->free_func = free_func;
  g_mutex_lock (&garbage_mutex);
  garbage_pending++;
  g_mutex_unlock (&garbage_mutex);
  g_task_set_source_tag (task, vs_free_in_thread);
  g_task_set_task_data (task, garbage, g_free);
  g_task_run_in_thread (task, free_worker);
}

static void
close_conn (gpointer conn)
{
  virConnectClose (conn);
}

void
vs_release_conn (virConnectPtr conn)
{
  if (conn != NULL)
    vs_free_in_thread (conn, close_conn);
}

static void
free_storage_pool (gpointer pool)
{
  virStoragePoolFree (pool);
}

void
vs_release_storage_pool (virStoragePoolPtr pool)
{
  if (pool != NULL)
    vs_free_in_thread (pool, free_storage_pool);
}

gboolean
vs_worker_wait_freed (guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean freed;

  g_mutex_lock (&garbage_mutex);
  while (garbage_pending > 0 && g_cond_wait_until (&garbage_cond, &garbage_mutex, end))
    ;
  freed = garbage_pending == 0;
  g_mutex_unlock (&garbage_mutex);

  return freed;
}
