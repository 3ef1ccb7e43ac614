/* vs-job-runner.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-job-runner"

#include "config.h"

#include "vs-connection-private.h"
#include "vs-job-runner.h"

struct _VsJobRunner
{
  VsJob        *job;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  gboolean      finished;
};

/* Runs in whichever thread cancelled the caller's cancellable. */
static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

VsJobRunner *
vs_job_runner_new (VsConnection *connection,
                   VsJob        *job,
                   GCancellable *cancellable)
{
  VsJobRunner *self;

  g_assert (VS_IS_CONNECTION (connection));
  g_assert (VS_IS_JOB (job));
  g_assert (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = g_new0 (VsJobRunner, 1);
  self->job = g_object_ref (job);
  vs_connection_add_job (connection, job);

  /* Cancelled already: the handler runs at once. */
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (vs_job_get_cancellable (job)),
                                                    g_object_unref);
    }

  return self;
}

VsJob *
vs_job_runner_get_job (VsJobRunner *self)
{
  g_assert (self != NULL);

  return self->job;
}

GCancellable *
vs_job_runner_get_cancellable (VsJobRunner *self)
{
  g_assert (self != NULL);

  return vs_job_get_cancellable (self->job);
}

void
vs_job_runner_finish (VsJobRunner  *self,
                      const GError *error)
{
  g_assert (self != NULL);
  g_assert (!self->finished);

  self->finished = TRUE;
  if (self->caller_cancellable != NULL)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_handler);
  g_clear_object (&self->caller_cancellable);
  self->caller_handler = 0;

  vs_job_finish (self->job, error);
}

void
vs_job_runner_free (VsJobRunner *self)
{
  if (self == NULL)
    return;

  g_assert (self->finished);

  g_clear_object (&self->job);
  g_free (self);
}
