/* vs-job-runner.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-job.h"
#include "vs-types.h"

G_BEGIN_DECLS

/* Runs one operation as a VsJob of a connection: the job is listed in
 * vs_connection_get_jobs() from vs_job_runner_new() on, and the
 * operation watches one cancellable that both the job's Cancel and the
 * caller's own cancellable cancel. */
typedef struct _VsJobRunner VsJobRunner;

/* Main thread, in the _async call (so the caller finds the job as the
 * last one listed). Takes a reference to @job. */
VsJobRunner  *vs_job_runner_new             (VsConnection  *connection,
                                             VsJob         *job,
                                             GCancellable  *cancellable);
/* Any thread. */
VsJob        *vs_job_runner_get_job         (VsJobRunner   *self);
GCancellable *vs_job_runner_get_cancellable (VsJobRunner   *self);
/* Main thread, once: ends the job with @error (NULL: it succeeded; a
 * G_IO_ERROR_CANCELLED: it was cancelled) and lets go of the caller's
 * cancellable. */
void          vs_job_runner_finish          (VsJobRunner   *self,
                                             const GError  *error);
/* Any thread, after vs_job_runner_finish(). */
void          vs_job_runner_free            (VsJobRunner   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsJobRunner, vs_job_runner_free)

G_END_DECLS
