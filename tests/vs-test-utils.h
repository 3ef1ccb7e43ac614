/* vs-test-utils.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-pool.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* Generous, because the suite also runs under ASan and on loaded CI machines;
 * a passing test never waits this long. */
#define VS_TEST_TIMEOUT_MS 10000

/* Exit status that makes meson report a whole program as skipped. */
#define VS_TEST_EXIT_SKIP 77

/* g_test_init(), vs_core_init(), acquires the default main context (as
 * GApplication does), quiets libvirt-glib's debug output, and keeps one
 * event callback registered on test:///default for the whole run (see
 * anchor_default_events() for the libvirt race this avoids). */
void     vs_test_init     (int    *argc,
                           char ***argv);

/* Registers a test case that runs in a subprocess of its own
 * (g_test_trap_subprocess), so that one failing case (an assertion aborts)
 * does not hide the results of the cases after it. Run a case by hand in
 * the current process, e.g. under gdb, with
 * `test-pool -p /pool/volumes/list --GTestSubprocess`. */
void     vs_test_add      (const char *path,
                           GTestFunc   func);

/* In the parent of a g_test_trap_subprocess(): marks the case failed,
 * without aborting, when the subprocess failed. */
void     vs_test_trap_check (void);

typedef gboolean (*VsTestCondition) (gpointer data);

/* Iterates the default main context until @condition returns TRUE or
 * @timeout_ms passes. Returns whether the condition held. The condition is
 * re-checked after every dispatched source and at least every 20 ms. */
gboolean vs_test_wait_for (VsTestCondition condition,
                           gpointer        data,
                           guint           timeout_ms);

/* Fails the test (with @what in the message) when @condition does not hold
 * within @timeout_ms. */
#define vs_test_assert_wait_for(condition, data, timeout_ms, what)                        \
  G_STMT_START {                                                                           \
    if (!vs_test_wait_for ((condition), (data), (timeout_ms)))                             \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,                     \
                           g_strdup_printf ("timed out after %u ms waiting for %s",         \
                                            (guint) (timeout_ms), (what)));                 \
  } G_STMT_END

/* For what must not happen: iterates the default main context for
 * @duration_ms and fails the test (with @what) as soon as @condition stops
 * holding. */
void     vs_test_assert_stays (VsTestCondition condition,
                               gpointer        data,
                               guint           duration_ms,
                               const char     *what);

/* A VsTestCondition: whether the pointer that @pointer_to_pointer points to
 * is set. */
gboolean vs_test_pointer_set (gpointer pointer_to_pointer);

/* A GAsyncReadyCallback whose user_data is a `GAsyncResult **`: stores a
 * reference to the result there. */
void          vs_test_async_cb   (GObject       *source,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
/* Waits until vs_test_async_cb filled @slot; fails the test on timeout.
 * Returns *slot (still owned by the caller through @slot). */
GAsyncResult *vs_test_wait_async (GAsyncResult **slot,
                                  guint          timeout_ms);

/* The absolute path of a file in tests/fixtures, and the test:/// URI that
 * opens a node definition there. */
char         *vs_test_fixture_path (const char *name);
char         *vs_test_fixture_uri  (const char *name);

/* Opens @uri through the core and waits for CONNECTED; fails the test
 * otherwise. */
VsConnection *vs_test_connection_open   (const char   *uri,
                                         gboolean      read_only);
/* Runs vs_connection_open_async() on an existing connection and waits,
 * also until the host's domains have been read (see VsDomainUsage). */
gboolean      vs_test_connection_reopen (VsConnection *connection,
                                         gboolean      read_only,
                                         GError      **error);
gboolean      vs_test_reload_pools      (VsConnection *connection,
                                         GCancellable *cancellable,
                                         GError      **error);
VsPool       *vs_test_find_pool_by_uuid (VsConnection *connection,
                                         const char   *uuid);
/* Index of @item in @model, or -1. */
int           vs_test_model_index       (GListModel   *model,
                                         gpointer      item);
/* Items of @model in order, as a new array of references. */
GPtrArray    *vs_test_model_items       (GListModel   *model);

/* Lists the volumes and waits until their details are in (loading FALSE). */
void          vs_test_pool_load_volumes (VsPool       *pool);
/* For vs_test_assert_wait_for(): the volume @name of @pool is listed with
 * its details, or, with @present FALSE, is no longer listed. */
typedef struct
{
  VsPool     *pool;
  const char *name;
  gboolean    present;
} VsTestVolumeWait;

gboolean      vs_test_volume_is         (gpointer      wait);

typedef void     (*VsTestVolumeAsync)  (VsVolume            *volume,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
typedef gboolean (*VsTestVolumeFinish) (VsVolume            *volume,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Runs one of the volume's operations without arguments (delete, wipe)
 * and waits for it. */
gboolean      vs_test_volume_run        (VsVolume            *volume,
                                         VsTestVolumeAsync    async_func,
                                         VsTestVolumeFinish   finish_func,
                                         GError             **error);
/* Fails the test unless deleting and wiping @volume are both refused with
 * VS_VOLUME_ERROR_IN_USE naming @user, and the volume stays listed. */
void          vs_test_assert_in_use     (VsVolume            *volume,
                                         const char          *user);

/* Whether @a and @b hold the same strings, in any order (NULL: none). */
gboolean      vs_test_strv_same_set     (const char * const *a,
                                         const char * const *b);
/* Waits (failing the test on timeout) until @volume's "used-by" holds
 * exactly @expected (any order; NULL: nobody). */
void          vs_test_wait_used_by      (VsVolume           *volume,
                                         const char * const *expected,
                                         guint               timeout_ms);

/* Waits (failing the test on timeout) until the pool @name is listed in
 * @state, or, with @present FALSE, is no longer listed. */
void          vs_test_wait_pool         (VsConnection *connection,
                                         const char   *name,
                                         gboolean      present,
                                         VsPoolState   state);
gboolean      vs_test_pool_reload       (VsPool       *pool,
                                         GCancellable *cancellable,
                                         GError      **error);
/* Waits until the pool is idle: not busy, not loading. */
void          vs_test_pool_wait_idle    (VsPool       *pool);

/* Records every items-changed of a model. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} VsTestItemsChange;

typedef struct
{
  GListModel *model;
  gulong      handler;
  GArray     *changes;   /* VsTestItemsChange */
} VsTestItemsLog;

VsTestItemsLog *vs_test_items_log_new   (GListModel     *model);
void            vs_test_items_log_free  (VsTestItemsLog *log);
void            vs_test_items_log_clear (VsTestItemsLog *log);
guint           vs_test_items_log_count (VsTestItemsLog *log);
const VsTestItemsChange *vs_test_items_log_get (VsTestItemsLog *log,
                                                guint           index);
char           *vs_test_items_log_to_string (VsTestItemsLog *log);

/* Records every notify of any number of objects, as "Type:property". */
typedef struct
{
  GPtrArray *objects;    /* strong references */
  GArray    *handlers;
  GPtrArray *entries;    /* char * */
} VsTestNotifyLog;

VsTestNotifyLog *vs_test_notify_log_new    (void);
void             vs_test_notify_log_watch  (VsTestNotifyLog *log,
                                            gpointer         object);
/* Watches @object and, for a GListModel, every item it holds now. */
void             vs_test_notify_log_watch_model (VsTestNotifyLog *log,
                                                 GListModel      *model);
void             vs_test_notify_log_free   (VsTestNotifyLog *log);
void             vs_test_notify_log_clear  (VsTestNotifyLog *log);
/* Notifications of @property (any property when NULL) of any watched object,
 * not counting the properties named in the NULL-terminated @ignored. */
guint            vs_test_notify_log_count  (VsTestNotifyLog    *log,
                                            const char         *property,
                                            const char * const *ignored);
char            *vs_test_notify_log_to_string (VsTestNotifyLog *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestItemsLog, vs_test_items_log_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestNotifyLog, vs_test_notify_log_free)

/* Records the values a connection's state goes through. */
typedef struct
{
  VsConnection *connection;
  gulong        handler;
  GArray       *states;  /* VsConnectionState */
} VsTestStateLog;

VsTestStateLog *vs_test_state_log_new  (VsConnection   *connection);
void            vs_test_state_log_free (VsTestStateLog *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsTestStateLog, vs_test_state_log_free)

/* Notes when, and in which thread, an object is finalized. */
typedef struct
{
  gboolean  finalized;
  GThread  *thread;
} VsTestFinalized;

/* Starts watching @object (a weak reference; @finalized must outlive it). */
void     vs_test_watch_finalize (VsTestFinalized *finalized,
                                 gpointer         object);
/* Waits (failing the test on timeout) until the watched object is
 * finalized, and fails unless that happened on the main thread (its
 * dispose may emit signals that only the main thread may see). */
void     vs_test_wait_finalized (VsTestFinalized *finalized,
                                 const char      *what);

/* A libvirt connection of the test's own, outside the core; fails the test
 * when it cannot be opened. Close with virConnectClose(). */
virConnectPtr vs_test_virt_open (const char *uri);

/* Runs @argv (a program in PATH) with stdin and, unless captured, stdout
 * and stderr on /dev/null, and with only PATH, LANG and LC_ALL in its
 * environment. Returns TRUE when it exits with 0; otherwise sets @error
 * with its output. @output (optional) gets stdout and stderr. */
gboolean vs_test_spawn   (const char * const  *argv,
                          char               **output,
                          GError             **error);
/* `virsh -c URI ARGS...` (NULL-terminated). */
gboolean vs_test_virsh   (const char          *uri,
                          char               **output,
                          GError             **error,
                          ...) G_GNUC_NULL_TERMINATED;

/* `virsh -c vs_test_it_uri() COMMAND ARGUMENT`; fails the test when it
 * fails. */
void     vs_test_it_virsh_or_die (const char   *command,
                                  const char   *argument);
/* `qemu-img create -f FORMAT PATH SIZE`, on top of @backing_path (a qcow2
 * image) when given; fails the test when it fails. */
void     vs_test_qemu_img_create (const char   *format,
                                  const char   *path,
                                  const char   *size,
                                  const char   *backing_path);

/* Whether the libvirtd behind @uri answers. */
gboolean vs_test_daemon_answers (const char *uri);
/* The pid in /run/libvirtd.pid (a daemon started with `libvirtd -d`), or 0. */
pid_t    vs_test_daemon_pid     (void);
/* Runs `libvirtd -d` and waits up to 15 s for @uri to answer. */
gboolean vs_test_start_daemon   (const char *uri);

/* Integration tests ------------------------------------------------------
 *
 * Each test case runs in a subprocess (g_test_trap_subprocess), so that the
 * parent can remove what the case made, whatever happened to it: every
 * domain and pool whose name starts with vs_test_it_prefix() and the
 * folder vs_test_it_dir(). */

/* $VS_TEST_URI, or qemu:///system. */
const char *vs_test_it_uri        (void);
/* The unique prefix of this case's libvirt objects ("vs-it-PID-N-"), and a
 * name with it. Valid in the subprocess. */
const char *vs_test_it_prefix     (void);
char       *vs_test_it_name       (const char *suffix);
/* The case's own temporary folder (made with g_dir_make_tmp by the parent). */
const char *vs_test_it_dir        (void);

typedef struct
{
  const char *path;
  GTestFunc   func;
  guint       timeout_s;
  /* Runs in the parent first: a reason to skip the case, or NULL to run it;
   * may itself be NULL. */
  char     *(*skip_reason) (void);
  /* Runs in the parent after the subprocess, before the clean-up; may be NULL. */
  void      (*after) (void);
} VsTestItCase;

/* Registers @test_case (static storage) as a guarded test case, for a
 * program that has other cases too (vs_test_it_main() does it for the rest). */
void        vs_test_it_add        (const VsTestItCase *test_case);
/* The whole main() of an integration test program: vs_test_init(), exits
 * with VS_TEST_EXIT_SKIP (saying why) when no libvirtd answers at
 * vs_test_it_uri(), registers @cases (static storage) as guarded cases and
 * runs them. */
int         vs_test_it_main       (int                 argc,
                                   char               *argv[],
                                   const VsTestItCase *cases,
                                   guint               n_cases);

/* `virsh pool-define-as NAME dir --target DIR`, then pool-start when @start. */
void        vs_test_it_define_dir_pool (const char *name,
                                        const char *dir,
                                        gboolean    start);
/* One "Key: value" field of `virsh pool-info NAME` (e.g. "State"). */
char       *vs_test_it_pool_info_field (const char *name,
                                        const char *field);
/* Destroys and undefines every pool whose name starts with @prefix. */
void        vs_test_it_remove_pools    (const char *prefix);
/* The same for domains (virtual machines). */
void        vs_test_it_remove_domains  (const char *prefix);

G_END_DECLS
