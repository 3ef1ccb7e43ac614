/* vs-worker.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

/* Runs in a worker thread. Returns a result (never NULL on success, use
 * GINT_TO_POINTER (TRUE) for "no value") or sets @error. It must touch no
 * GObject: @data is the deep copy the caller made. */
typedef gpointer (*VsWorkerFunc) (gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* Runs on the main thread once the worker finished, before the caller's
 * callback: applies @result (NULL when @error is set) to @source. @data is
 * what the worker got, to tell which request this was.
 *
 * The data and the result are freed (data_free, result_free) in a worker
 * thread once the task is done with: they may hold libvirt references, and
 * dropping the last one to a remote connection closes it, a round trip. */
typedef void     (*VsApplyFunc)  (gpointer       source,
                                  gpointer       data,
                                  gpointer       result,
                                  const GError  *error);

void     vs_worker_run         (gpointer            source,
                                gpointer            source_tag,
                                GCancellable       *cancellable,
                                VsWorkerFunc        func,
                                gpointer            data,
                                GDestroyNotify      data_free,
                                VsApplyFunc         apply,
                                GDestroyNotify      result_free,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
/* The worker's result, or NULL with @error set. The result stays owned by
 * @result and is freed with it, in a thread (with the worker's data): take
 * what you keep (g_steal_pointer(), g_object_ref()). */
gpointer vs_worker_get_result  (gpointer            source,
                                GAsyncResult       *result,
                                gpointer            source_tag,
                                GError            **error);
/* The worker's result, which the caller now owns (and must free, off the
 * main thread when it holds libvirt references), or NULL with @error set. */
gpointer vs_worker_steal_result (gpointer          source,
                                GAsyncResult      *result,
                                gpointer           source_tag,
                                GError           **error);
gboolean vs_worker_finish_boolean (gpointer         source,
                                GAsyncResult       *result,
                                gpointer            source_tag,
                                GError            **error);

/* Runs @func on @context (NULL: the global default) from an idle source.
 * Unlike g_main_context_invoke(), never runs it in the calling thread, even
 * when that thread could acquire the context. */
void     vs_run_on_context     (GMainContext  *context,
                                GSourceFunc    func,
                                gpointer       data,
                                GDestroyNotify notify);

/* Frees @data with @free_func in a worker thread: for big structures whose
 * teardown would stall the main loop. */
void     vs_free_in_thread     (gpointer       data,
                                GDestroyNotify free_func);
/* Waits, at most @timeout_ms, until everything given to vs_free_in_thread()
 * is freed; returns whether it is. For the end of a process: a connection
 * still closing in a thread must not be cut off by exit(), whose library
 * destructors (libssh's among them) would pull the ground from under it. */
gboolean vs_worker_wait_freed  (guint          timeout_ms);

/* Drop a libvirt reference in a worker thread: the last one to a
 * connection (which handles also hold) closes it, a round trip. NULL is
 * ignored. */
void     vs_release_conn          (virConnectPtr     conn);
void     vs_release_storage_pool  (virStoragePoolPtr pool);

G_END_DECLS
