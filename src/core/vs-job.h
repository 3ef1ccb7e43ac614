/* vs-job.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_JOB (vs_job_get_type ())

G_DECLARE_FINAL_TYPE (VsJob, vs_job, VS, JOB, GObject)

/* One long operation (a pool creation, a transfer, a clone, a wipe): what
 * it is, which step it is at, how far it got, and how it ended.
 *
 * Properties: "title", "state" (VsJobState), "step" (the current step's
 * words, e.g. "Building…"), "bytes-done", "bytes-total" (0 when the job
 * counts no bytes), "fraction" (0..1, or -1 when unknown: show a pulse),
 * "rate" (bytes per second, smoothed; 0 when unknown), "seconds-left"
 * (-1 when unknown) and "error-message".
 *
 * Everything is read and notified on the main context the job was made
 * on. Progress may be reported from any thread: the notifications are
 * coalesced, at most one batch per frame (16 ms). */

VsJob        *vs_job_new                (const char    *title);
const char   *vs_job_get_title          (VsJob         *self);
VsJobState    vs_job_get_state          (VsJob         *self);
const char   *vs_job_get_step           (VsJob         *self);
guint64       vs_job_get_bytes_done     (VsJob         *self);
guint64       vs_job_get_bytes_total    (VsJob         *self);
double        vs_job_get_fraction       (VsJob         *self);
double        vs_job_get_rate           (VsJob         *self);
gint64        vs_job_get_seconds_left   (VsJob         *self);
/* Set once the job failed; NULL otherwise. */
const GError *vs_job_get_error          (VsJob         *self);
/* Cancelled by vs_job_cancel(); the operation watches it. */
GCancellable *vs_job_get_cancellable    (VsJob         *self);
/* The monotonic time (µs) the job started at. */
gint64        vs_job_get_start_time     (VsJob         *self);
gboolean      vs_job_is_finished        (VsJob         *self);

/* Asks the operation to stop; it rolls back and ends CANCELLED. */
void          vs_job_cancel             (VsJob         *self);

/* For the code that runs the job. */

/* Main thread. */
void          vs_job_set_step           (VsJob         *self,
                                         const char    *step);
/* Any thread. @total 0: no byte count (fraction unknown). */
void          vs_job_set_bytes          (VsJob         *self,
                                         guint64        done,
                                         guint64        total);
/* Any thread; -1 for unknown. For jobs that count steps, not bytes. */
void          vs_job_set_fraction       (VsJob         *self,
                                         double         fraction);
/* Main thread, once. @error NULL: succeeded; G_IO_ERROR_CANCELLED:
 * cancelled; anything else: failed. Emits "finished". */
void          vs_job_finish             (VsJob         *self,
                                         const GError  *error);

G_END_DECLS
