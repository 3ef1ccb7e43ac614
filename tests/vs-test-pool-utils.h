/* vs-test-pool-utils.h: helpers for the pool creation tests
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-job.h"
#include "vs-pool-creator.h"
#include "vs-test-utils.h"

G_BEGIN_DECLS

/* Long enough for builds and mounts on a loaded machine. */
#define VS_TEST_CREATE_TIMEOUT_MS 60000

/* Starts vs_connection_create_pool_async() (@definition NULL) or
 * vs_connection_create_pool_from_definition_async(), with
 * vs_test_async_cb() filling @result; returns its job (the connection's
 * last one), or NULL when the call was refused at once. */
VsJob   *vs_test_start_create        (VsConnection           *connection,
                                      const char             *xml,
                                      const VsPoolDefinition *definition,
                                      VsPoolCreateFlags       flags,
                                      GCancellable           *cancellable,
                                      GAsyncResult          **result);
/* Waits for @result and finishes the creation. */
VsPool  *vs_test_finish_create       (VsConnection           *connection,
                                      GAsyncResult          **result,
                                      GError                **error);
/* Both. */
VsPool  *vs_test_create_pool         (VsConnection           *connection,
                                      const char             *xml,
                                      const VsPoolDefinition *definition,
                                      VsPoolCreateFlags       flags,
                                      GCancellable           *cancellable,
                                      GError                **error);

/* Whether libvirt, asked through @conn, knows a pool named @name. */
gboolean vs_test_pool_is_defined     (virConnectPtr           conn,
                                      const char             *name);

/* Records the "step" values a job goes through (the first one included). */
typedef struct
{
  VsJob     *job;
  gulong     handler;
  GPtrArray *steps;   /* char * */
} VsTestStepLog;

VsTestStepLog *vs_test_step_log_new  (VsJob         *job);
void           vs_test_step_log_free (VsTestStepLog *log);
/* The steps joined by " / ". */
char          *vs_test_step_log_join (VsTestStepLog *log);

/* Cancels @target as step @at of a creation begins (through
 * vs_pool_creator_set_step_hook(), in the worker thread), until freed.
 * With @target NULL, set it later with vs_test_cancel_at_set_target()
 * (the job's cancellable, known once the call returned): the worker
 * waits for it. */
typedef struct _VsTestCancelAt VsTestCancelAt;

VsTestCancelAt *vs_test_cancel_at_new        (VsPoolCreateStep  at,
                                              GCancellable     *target);
void            vs_test_cancel_at_set_target (VsTestCancelAt   *cancel,
                                              GCancellable     *target);
void            vs_test_cancel_at_free       (VsTestCancelAt   *cancel);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestStepLog, vs_test_step_log_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestCancelAt, vs_test_cancel_at_free)

/* Integration tests ------------------------------------------------------ */

/* Makes a sparse file of @size_mib MiB at @path and attaches it to a free
 * loop device; returns the device ("/dev/loop3"). Fails the test when the
 * host cannot. */
char    *vs_test_loop_attach         (const char *path,
                                      guint       size_mib);
/* Detaches every loop device whose backing file lies under @dir (a device
 * still mounted is detached when it is unmounted). */
void     vs_test_loop_detach_under   (const char *dir);
/* Removes (vgremove -f, then pvremove) every LVM volume group whose name
 * starts with @prefix. */
void     vs_test_remove_volume_groups (const char *prefix);
/* Stops and undefines every pool whose name starts with @prefix, through
 * libvirt's API: names with quotes or spaces, which a virsh command line
 * would split, go too. */
void     vs_test_remove_pools_by_api (const char *prefix);
/* Undefines every libvirt secret whose usage contains @prefix. */
void     vs_test_remove_secrets      (const char *prefix);
/* The secrets whose usage contains @prefix, as "UUID usage" lines. */
char    *vs_test_list_secrets        (const char *prefix);

/* For VsTestItCase.after: removes what a pool creation case may have left
 * (pools, volume groups, loop devices, secrets of the case's prefix), in
 * the order that lets each go. */
void     vs_test_pool_it_cleanup     (void);

G_END_DECLS
