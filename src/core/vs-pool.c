/* vs-pool.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-connection-private.h"
#include "vs-core-enums.h"
#include "vs-domain-usage.h"
#include "vs-error.h"
#include "vs-pool-private.h"
#include "vs-volume-jobs.h"
#include "vs-volume-private.h"
#include "vs-volume-store.h"
#include "vs-volume-loader.h"
#include "vs-volume-owner.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* How many volume detail calls to keep in flight on a connection to @uri.
 * libvirtd serves 5 calls of a client at once by default
 * (max_client_requests): on a far link that many fill the round trips, and
 * more would only queue in the daemon, ahead of the user's own calls; on
 * this machine's local daemon 4, 5 or 8 made no difference within the
 * noise (HACKING.md, Benchmarks). An in-process driver (test://) does the
 * work with our own CPU: two threads are twice as fast as one, more only
 * take the cores from the main loop. */
static guint
calls_in_flight (const char *uri)
{
  return g_str_has_prefix (uri, "test:") ? 2 : 5;
}

struct _VsPool
{
  GObject            parent_instance;

  VsConnection      *connection;   /* not owned: it owns us */
  virStoragePoolPtr  ptr;

  char              *name;
  char              *uuid;
  char              *pool_type;
  char              *target_path;
  VsPoolState        state;
  guint64            capacity;
  guint64            allocation;
  guint64            available;
  guint              busy;
  guint              persistent : 1;
  guint              autostart : 1;
  guint              reachable : 1;

  VsVolumeLoader    *loader;       /* the volume list */
};

static void volume_owner_iface_init (VsVolumeOwnerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsPool, vs_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VS_TYPE_VOLUME_OWNER, volume_owner_iface_init))

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_NAME,
  PROP_UUID,
  PROP_POOL_TYPE,
  PROP_STATE,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_AVAILABLE,
  PROP_TARGET_PATH,
  PROP_BUSY,
  PROP_REACHABLE,
  PROP_VOLUMES_LOADED,
  PROP_LOADING,
  PROP_VOLUMES_CAPACITY,
  PROP_VOLUMES_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  POOL_OP_START,
  POOL_OP_STOP,
  POOL_OP_REFRESH,
  POOL_OP_BUILD,
  POOL_OP_DELETE,
  POOL_OP_UNDEFINE,
  POOL_OP_AUTOSTART,
  POOL_OP_XML,
  POOL_OP_INFO,
} PoolOp;

typedef struct
{
  virStoragePoolPtr ptr;
  PoolOp            op;
  gboolean          flag;
} OpData;

typedef struct
{
  VsPoolInfo *info;
  char       *xml;
} OpResult;

/* What "Delete storage" destroys, as keys of the domain usage map: the
 * volumes' paths (when the pool runs and can list them), anything under
 * its target folder, the devices it is made of and their partitions, and
 * <disk type='volume'> references to it. */
typedef struct
{
  GHashTable *paths;
  GPtrArray  *folders;           /* "TARGET/" */
  GPtrArray  *devices;
  char       *ref_prefix;
} StorageMatch;

static void run_op (VsPool              *self,
                    PoolOp               op,
                    gboolean             flag,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data);

/* Helpers --------------------------------------------------------------- */

static void
set_string (VsPool      *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_uint64 (VsPool     *self,
            guint64    *field,
            guint64     value,
            GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_busy (VsPool   *self,
          gboolean  busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else
    {
      g_assert (self->busy > 0);
      self->busy--;
    }

  if (was_busy != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static VsPoolState
state_from_libvirt (int state)
{
  switch (state)
    {
    case VIR_STORAGE_POOL_INACTIVE:     return VS_POOL_STATE_INACTIVE;
    case VIR_STORAGE_POOL_BUILDING:     return VS_POOL_STATE_BUILDING;
    case VIR_STORAGE_POOL_RUNNING:      return VS_POOL_STATE_RUNNING;
    case VIR_STORAGE_POOL_DEGRADED:     return VS_POOL_STATE_DEGRADED;
    case VIR_STORAGE_POOL_INACCESSIBLE: return VS_POOL_STATE_INACCESSIBLE;
    default:                            return VS_POOL_STATE_UNKNOWN;
    }
}

static gboolean
can_list (VsPool *self)
{
  return self->reachable && self->ptr != NULL;
}

/* The handle holds a reference to the connection: it may be the last. */
static void
drop_ptr (VsPool *self)
{
  if (self->ptr != NULL)
    vs_release_storage_pool (g_steal_pointer (&self->ptr));
}

static void
update_loader_source (VsPool *self)
{
  vs_volume_loader_set_source (self->loader, can_list (self) ? self->ptr : NULL, self->name);
}

/* Coalesces the listings that events and our own operations ask for. */
static void
queue_reload (VsPool *self)
{
  if (vs_pool_get_active (self))
    vs_volume_loader_queue_reload (self->loader);
}

/* The loader's state is the pool's. */
static void
loader_notify_cb (VsVolumeLoader *loader,
                  GParamSpec     *pspec,
                  VsPool         *self)
{
  if (g_str_equal (pspec->name, "listing"))
    set_busy (self, vs_volume_loader_get_listing (loader));
  else if (g_str_equal (pspec->name, "loaded"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_LOADED]);
  else if (g_str_equal (pspec->name, "loading"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  else if (g_str_equal (pspec->name, "volumes-capacity"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_CAPACITY]);
  else if (g_str_equal (pspec->name, "error"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_ERROR_MESSAGE]);
}

static void
info_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vs_worker_finish_boolean (object, result, info_done_cb, &error))
    g_debug ("Reading the pool failed: %s", error->message);
}

/* A listing may follow a change of the pool's sizes (a volume made or
 * deleted, a refresh elsewhere): read them again. The pool stays busy
 * until then, as if it were one step of the listing. */
static void
loader_listed_cb (VsVolumeLoader *loader,
                  VsPool         *self)
{
  if (can_list (self))
    run_op (self, POOL_OP_INFO, FALSE, info_done_cb, NULL, info_done_cb, NULL);
}

/* VsVolumeOwner ---------------------------------------------------------- */

static virStoragePoolPtr
vs_pool_ref_storage_pool (VsVolumeOwner *owner)
{
  VsPool *self = VS_POOL (owner);

  if (!can_list (self))
    return NULL;

  virStoragePoolRef (self->ptr);
  return self->ptr;
}

static void
vs_pool_volumes_changed_cb (VsVolumeOwner *owner)
{
  queue_reload (VS_POOL (owner));
}

static void
volume_owner_iface_init (VsVolumeOwnerInterface *iface)
{
  iface->ref_storage_pool = vs_pool_ref_storage_pool;
  iface->volumes_changed = vs_pool_volumes_changed_cb;
}

/* Delete storage --------------------------------------------------------- */

static void
storage_match_clear (StorageMatch *match)
{
  g_clear_pointer (&match->paths, g_hash_table_unref);
  g_clear_pointer (&match->folders, g_ptr_array_unref);
  g_clear_pointer (&match->devices, g_ptr_array_unref);
  g_clear_pointer (&match->ref_prefix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StorageMatch, storage_match_clear)

/* Folders that hold much more than the pool's volumes (disk, iSCSI, SCSI
 * and multipath pools name /dev or one of its by-* folders). */
static gboolean
is_shared_folder (const char *path)
{
  return g_str_equal (path, "/") || g_str_equal (path, "/dev") ||
         g_str_has_prefix (path, "/dev/disk/") || g_str_equal (path, "/dev/mapper");
}

/* @key is @device or one of its partitions (sdb1, nvme0n1p1). */
static gboolean
is_on_device (const char *key,
              const char *device)
{
  const char *rest;

  if (!g_str_has_prefix (key, device))
    return FALSE;

  rest = key + strlen (device);
  if (*rest == 'p')
    rest++;
  if (*rest == '\0')
    return rest == key + strlen (device);

  for (; *rest != '\0'; rest++)
    if (!g_ascii_isdigit (*rest))
      return FALSE;

  return TRUE;
}

static gboolean
storage_match_cb (const char *key,
                  gpointer    user_data)
{
  StorageMatch *match = user_data;

  if (g_hash_table_contains (match->paths, key) || g_str_has_prefix (key, match->ref_prefix))
    return TRUE;

  for (guint i = 0; i < match->folders->len; i++)
    if (g_str_has_prefix (key, g_ptr_array_index (match->folders, i)))
      return TRUE;

  for (guint i = 0; i < match->devices->len; i++)
    if (is_on_device (key, g_ptr_array_index (match->devices, i)))
      return TRUE;

  return FALSE;
}

static gboolean
storage_match_init (StorageMatch       *match,
                    virStoragePoolPtr   ptr,
                    GError            **error)
{
  g_autofree char *xml = virStoragePoolGetXMLDesc (ptr, 0);
  g_autofree char *target = NULL;
  virStorageVolPtr *vols = NULL;
  int n;

  match->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match->folders = g_ptr_array_new_with_free_func (g_free);
  match->ref_prefix = vs_xml_volume_ref (virStoragePoolGetName (ptr), "");

  if (xml == NULL)
    {
      vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                 _("Could not read the pool definition"));
      return FALSE;
    }
  if (!vs_xml_parse_pool (xml, NULL, &target, error) ||
      !(match->devices = vs_xml_pool_source_devices (xml, error)))
    return FALSE;

  if (target != NULL)
    {
      g_autofree char *folder = g_strdup (target);

      while (g_str_has_suffix (folder, "/") && folder[1] != '\0')
        folder[strlen (folder) - 1] = '\0';
      if (!is_shared_folder (folder))
        g_ptr_array_add (match->folders, g_strconcat (folder, "/", NULL));
    }

  /* Only a running pool lists its volumes; a stopped one is covered by
   * its folder and devices. */
  n = virStoragePoolListAllVolumes (ptr, &vols, 0);
  for (int i = 0; i < n; i++)
    {
      char *path = virStorageVolGetPath (vols[i]);

      if (path != NULL)
        g_hash_table_add (match->paths, path);
      virStorageVolFree (vols[i]);
    }
  free (vols);
  virResetLastError ();

  return TRUE;
}

/* Refuses when a domain uses anything the pool's storage holds. */
static gboolean
check_storage_unused (virStoragePoolPtr   ptr,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_auto(StorageMatch) match = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) users = NULL;
  const char *name = virStoragePoolGetName (ptr);

  if (!storage_match_init (&match, ptr, error))
    return FALSE;

  users = vs_domain_usage_find_users_sync (virStoragePoolGetConnect (ptr), storage_match_cb,
                                           &match, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_autofree char *context =
        g_strdup_printf (_("Could not check whether virtual machines use the storage of “%s”"),
                         name);

      vs_error_set_from_error (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED, context, local_error);
      return FALSE;
    }

  if (users != NULL)
    {
      guint n_users = g_strv_length (users);
      /* Translators: separates the names of virtual machines in a list. */
      g_autofree char *names = g_strjoinv (_(", "), users);

      g_set_error (error, VS_POOL_ERROR, VS_POOL_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The storage of “%s” is used by the virtual machine %s; "
                                "remove the disk from it first",
                                "The storage of “%s” is used by the virtual machines %s; "
                                "remove the disks from them first",
                                n_users),
                   name, names);
      return FALSE;
    }

  return TRUE;
}

/* Operations ------------------------------------------------------------ */

static void
op_data_free (gpointer ptr)
{
  OpData *data = ptr;

  virStoragePoolFree (data->ptr);
  g_free (data);
}

static void
op_result_free (gpointer ptr)
{
  OpResult *result = ptr;

  g_clear_pointer (&result->info, vs_pool_info_free);
  g_free (result->xml);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpResult, op_result_free)

static gpointer
op_worker (gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  OpData *data = task_data;
  g_autoptr(OpResult) result = g_new0 (OpResult, 1);
  const char *context = NULL;
  int rc = 0;

  switch (data->op)
    {
    case POOL_OP_START:
      rc = virStoragePoolCreate (data->ptr, 0);
      context = _("Could not start the pool");
      break;
    case POOL_OP_STOP:
      rc = virStoragePoolDestroy (data->ptr);
      context = _("Could not stop the pool");
      break;
    case POOL_OP_REFRESH:
      rc = virStoragePoolRefresh (data->ptr, 0);
      context = _("Could not refresh the pool");
      break;
    case POOL_OP_BUILD:
      rc = virStoragePoolBuild (data->ptr, 0);
      context = _("Could not build the pool");
      break;
    case POOL_OP_DELETE:
      if (!check_storage_unused (data->ptr, cancellable, error))
        return NULL;
      rc = virStoragePoolDelete (data->ptr, 0);
      context = _("Could not delete the pool's storage");
      break;
    case POOL_OP_UNDEFINE:
      rc = virStoragePoolUndefine (data->ptr);
      context = _("Could not undefine the pool");
      break;
    case POOL_OP_AUTOSTART:
      rc = virStoragePoolSetAutostart (data->ptr, data->flag ? 1 : 0);
      context = _("Could not change autostart");
      break;
    case POOL_OP_XML:
      result->xml = virStoragePoolGetXMLDesc (data->ptr, 0);
      rc = result->xml != NULL ? 0 : -1;
      context = _("Could not read the pool definition");
      break;
    case POOL_OP_INFO:
      break;
    default:
      g_assert_not_reached ();
    }

  if (rc < 0)
    {
      vs_error_set_from_libvirt (error, VS_POOL_ERROR,
                                 vs_libvirt_last_code () == VIR_ERR_OPERATION_INVALID
                                   ? VS_POOL_ERROR_INVALID_STATE : VS_POOL_ERROR_FAILED,
                                 context);
      return NULL;
    }

  /* An undefined transient pool is gone: there is nothing more to read. */
  if (data->op != POOL_OP_XML)
    result->info = vs_pool_info_fetch (data->ptr, NULL);

  return g_steal_pointer (&result);
}

static void
op_apply (gpointer      source,
          gpointer      data,
          gpointer      res,
          const GError *error)
{
  VsPool *self = source;
  OpData *op_data = data;
  OpResult *result = res;

  set_busy (self, FALSE);

  /* The pool may have been dropped or greyed out meanwhile. */
  if (result != NULL && result->info != NULL && self->reachable &&
      g_strcmp0 (result->info->uuid, self->uuid) == 0)
    {
      if (self->connection != NULL)
        vs_connection_pin_pool_info (self->connection, self->uuid);
      vs_pool_update (self, result->info);
    }

  /* The user's Refresh looks again at everything, the domains too (some
   * of their changes come with no event). */
  if (op_data->op == POOL_OP_REFRESH && error == NULL)
    {
      queue_reload (self);
      vs_domain_usage_reload (vs_connection_get_domain_usage (self->connection));
    }
}

static void
run_op (VsPool              *self,
        PoolOp               op,
        gboolean             flag,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  OpData *data;

  if (!can_list (self))
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                               _("The connection to the host is not open"));
      return;
    }

  if (op == POOL_OP_DELETE && self->state == VS_POOL_STATE_RUNNING)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_POOL_ERROR, VS_POOL_ERROR_INVALID_STATE,
                               _("Stop the pool “%s” before deleting its storage"),
                               self->name);
      return;
    }

  data = g_new0 (OpData, 1);
  data->ptr = self->ptr;
  virStoragePoolRef (data->ptr);
  data->op = op;
  data->flag = flag;

  set_busy (self, TRUE);
  vs_worker_run (self, source_tag, cancellable,
                 op_worker, data, op_data_free,
                 op_apply, op_result_free, callback, user_data);
}

static gboolean
finish_op (VsPool        *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return vs_worker_finish_boolean (self, result, source_tag, error);
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_dispose (GObject *object)
{
  VsPool *self = (VsPool *)object;

  /* A listing in flight may keep the loader alive: the volumes must not
   * point at this pool any longer whatever it does. */
  if (self->loader != NULL)
    {
      vs_volume_loader_stop (self->loader);
      vs_volume_loader_clear (self->loader);
    }
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (vs_pool_parent_class)->dispose (object);
}

static void
vs_pool_finalize (GObject *object)
{
  VsPool *self = (VsPool *)object;

  drop_ptr (self);
  g_free (self->name);
  g_free (self->uuid);
  g_free (self->pool_type);
  g_free (self->target_path);

  G_OBJECT_CLASS (vs_pool_parent_class)->finalize (object);
}

static void
vs_pool_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  VsPool *self = VS_POOL (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_POOL_TYPE:
      g_value_set_string (value, self->pool_type);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, vs_pool_get_active (self));
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_AVAILABLE:
      g_value_set_uint64 (value, self->available);
      break;
    case PROP_TARGET_PATH:
      g_value_set_string (value, self->target_path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    case PROP_VOLUMES_LOADED:
      g_value_set_boolean (value, vs_pool_get_volumes_loaded (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, vs_pool_get_loading (self));
      break;
    case PROP_VOLUMES_CAPACITY:
      g_value_set_uint64 (value, vs_pool_get_volumes_capacity (self));
      break;
    case PROP_VOLUMES_ERROR_MESSAGE:
      {
        const GError *error = vs_pool_get_volumes_error (self);

        g_value_set_string (value, error != NULL ? error->message : NULL);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_class_init (VsPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_pool_dispose;
  object_class->finalize = vs_pool_finalize;
  object_class->get_property = vs_pool_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_CONNECTION] = g_param_spec_object ("connection", NULL, NULL,
                                                     VS_TYPE_CONNECTION, RO);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, RO);
  properties[PROP_POOL_TYPE] = g_param_spec_string ("pool-type", NULL, NULL, NULL, RO);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, VS_TYPE_POOL_STATE,
                                              VS_POOL_STATE_UNKNOWN, RO);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, RO);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, RO);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, RO);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_AVAILABLE] = g_param_spec_uint64 ("available", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_TARGET_PATH] = g_param_spec_string ("target-path", NULL, NULL, NULL, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_REACHABLE] = g_param_spec_boolean ("reachable", NULL, NULL, FALSE, RO);
  properties[PROP_VOLUMES_LOADED] = g_param_spec_boolean ("volumes-loaded", NULL, NULL, FALSE, RO);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, RO);
  properties[PROP_VOLUMES_CAPACITY] = g_param_spec_uint64 ("volumes-capacity", NULL, NULL,
                                                           0, G_MAXUINT64, 0, RO);
  properties[PROP_VOLUMES_ERROR_MESSAGE] = g_param_spec_string ("volumes-error-message", NULL, NULL,
                                                                NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_pool_init (VsPool *self)
{
  self->reachable = TRUE;
}

/* Private API ----------------------------------------------------------- */

VsPoolInfo *
vs_pool_info_fetch (virStoragePoolPtr   ptr,
                    GError            **error)
{
  g_autoptr(VsPoolInfo) info = g_new0 (VsPoolInfo, 1);
  g_autofree char *xml = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN];
  virStoragePoolInfo pinfo;
  int autostart = 0;
  int persistent;

  info->ptr = ptr;
  virStoragePoolRef (ptr);
  info->name = g_strdup (virStoragePoolGetName (ptr));

  if (virStoragePoolGetUUIDString (ptr, uuid) < 0 ||
      virStoragePoolGetInfo (ptr, &pinfo) < 0 ||
      (persistent = virStoragePoolIsPersistent (ptr)) < 0 ||
      virStoragePoolGetAutostart (ptr, &autostart) < 0 ||
      (xml = virStoragePoolGetXMLDesc (ptr, 0)) == NULL)
    {
      vs_error_set_from_libvirt (error, VS_POOL_ERROR,
                                 vs_libvirt_last_code () == VIR_ERR_NO_STORAGE_POOL
                                   ? VS_POOL_ERROR_NOT_FOUND : VS_POOL_ERROR_FAILED,
                                 _("Could not read the pool"));
      return NULL;
    }

  info->uuid = g_strdup (uuid);
  info->state = state_from_libvirt (pinfo.state);
  info->capacity = pinfo.capacity;
  info->allocation = pinfo.allocation;
  info->available = pinfo.available;
  info->persistent = persistent == 1;
  info->autostart = autostart == 1;

  if (!vs_xml_parse_pool (xml, &info->pool_type, &info->target_path, error))
    return NULL;

  return g_steal_pointer (&info);
}

void
vs_pool_info_free (VsPoolInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->ptr, virStoragePoolFree);
  g_free (info->name);
  g_free (info->uuid);
  g_free (info->pool_type);
  g_free (info->target_path);
  g_free (info);
}

VsPool *
vs_pool_new (VsConnection     *connection,
             const VsPoolInfo *info)
{
  VsPool *self;

  g_assert (VS_IS_CONNECTION (connection));
  g_assert (info != NULL);

  self = g_object_new (VS_TYPE_POOL, NULL);
  self->connection = connection;
  self->uuid = g_strdup (info->uuid);
  self->loader = vs_volume_loader_new (VS_VOLUME_OWNER (self),
                                       vs_connection_get_domain_usage (connection));
  vs_volume_loader_set_calls_in_flight (self->loader,
                                        calls_in_flight (vs_connection_get_uri (connection)));
  g_signal_connect_object (self->loader, "notify", G_CALLBACK (loader_notify_cb), self, 0);
  g_signal_connect_object (self->loader, "listed", G_CALLBACK (loader_listed_cb), self, 0);
  vs_pool_update (self, info);

  return self;
}

void
vs_pool_update (VsPool           *self,
                const VsPoolInfo *info)
{
  GObject *object = G_OBJECT (self);
  gboolean was_active;

  g_assert (VS_IS_POOL (self));
  g_assert (info != NULL);
  g_assert (g_strcmp0 (self->uuid, info->uuid) == 0);

  if (self->ptr != info->ptr)
    {
      drop_ptr (self);
      self->ptr = info->ptr;
      virStoragePoolRef (self->ptr);
    }

  was_active = vs_pool_get_active (self);

  g_object_freeze_notify (object);

  set_string (self, &self->name, info->name, properties[PROP_NAME]);
  update_loader_source (self);
  set_string (self, &self->pool_type, info->pool_type, properties[PROP_POOL_TYPE]);
  set_string (self, &self->target_path, info->target_path, properties[PROP_TARGET_PATH]);
  set_uint64 (self, &self->capacity, info->capacity, properties[PROP_CAPACITY]);
  set_uint64 (self, &self->allocation, info->allocation, properties[PROP_ALLOCATION]);
  set_uint64 (self, &self->available, info->available, properties[PROP_AVAILABLE]);

  if (self->state != info->state)
    {
      self->state = info->state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }
  if (self->persistent != (guint) !!info->persistent)
    {
      self->persistent = !!info->persistent;
      g_object_notify_by_pspec (object, properties[PROP_PERSISTENT]);
    }
  if (self->autostart != (guint) !!info->autostart)
    {
      self->autostart = !!info->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }

  if (was_active != vs_pool_get_active (self))
    {
      g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);

      /* An inactive pool has no volume list; a started one gets it back. */
      if (!vs_pool_get_active (self))
        vs_volume_loader_clear (self->loader);
      else
        queue_reload (self);
    }

  g_object_thaw_notify (object);
}

void
vs_pool_set_reachable (VsPool   *self,
                       gboolean  reachable)
{
  g_assert (VS_IS_POOL (self));

  reachable = !!reachable;
  if (self->reachable == (guint) reachable)
    return;

  self->reachable = reachable;
  if (!reachable)
    drop_ptr (self);
  update_loader_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);

  /* Back from a disconnect: what we list may have changed meanwhile. */
  if (reachable)
    queue_reload (self);
}

void
vs_pool_refresh_event (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  queue_reload (self);
}

virStoragePoolPtr
vs_pool_get_ptr (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  return self->reachable ? self->ptr : NULL;
}

void
vs_pool_volumes_changed (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  queue_reload (self);
}

void
vs_pool_detach (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  vs_volume_loader_stop (self->loader);
}

/* Public API ------------------------------------------------------------ */

VsConnection *
vs_pool_get_connection (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->connection;
}

const char *
vs_pool_get_name (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->name;
}

const char *
vs_pool_get_uuid (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->uuid;
}

const char *
vs_pool_get_pool_type (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->pool_type;
}

VsPoolState
vs_pool_get_state (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), VS_POOL_STATE_UNKNOWN);

  return self->state;
}

gboolean
vs_pool_get_active (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->state == VS_POOL_STATE_RUNNING || self->state == VS_POOL_STATE_DEGRADED;
}

gboolean
vs_pool_get_persistent (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->persistent;
}

gboolean
vs_pool_get_autostart (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->autostart;
}

guint64
vs_pool_get_capacity (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), 0);

  return self->capacity;
}

guint64
vs_pool_get_allocation (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), 0);

  return self->allocation;
}

guint64
vs_pool_get_available (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), 0);

  return self->available;
}

const char *
vs_pool_get_target_path (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->target_path;
}

gboolean
vs_pool_get_busy (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->busy > 0;
}

gboolean
vs_pool_get_reachable (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->reachable;
}

GListModel *
vs_pool_get_volumes (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return vs_volume_loader_get_volumes (self->loader);
}

gboolean
vs_pool_get_volumes_loaded (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return vs_volume_loader_get_loaded (self->loader);
}

gboolean
vs_pool_get_loading (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return vs_volume_loader_get_loading (self->loader);
}

const GError *
vs_pool_get_volumes_error (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return vs_volume_loader_get_error (self->loader);
}

guint64
vs_pool_get_volumes_capacity (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), 0);

  return vs_volume_loader_get_volumes_capacity (self->loader);
}

void
vs_pool_prioritize_volume (VsPool   *self,
                           VsVolume *volume)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (VS_IS_VOLUME (volume));

  vs_volume_loader_prioritize (self->loader, volume);
}

VsVolume *
vs_pool_find_volume (VsPool     *self,
                     const char *name)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return vs_volume_loader_find (self->loader, name);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (vs_volume_loader_reload_finish (VS_VOLUME_LOADER (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
vs_pool_reload_volumes_async (VsPool              *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vs_pool_reload_volumes_async);
  vs_volume_loader_reload_async (self->loader, cancellable, reload_done_cb, task);
}

gboolean
vs_pool_reload_volumes_finish (VsPool        *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vs_pool_start_async (VsPool              *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_START, FALSE, vs_pool_start_async, cancellable, callback, user_data);
}

gboolean
vs_pool_start_finish (VsPool        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return finish_op (self, result, vs_pool_start_async, error);
}

void
vs_pool_stop_async (VsPool              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_STOP, FALSE, vs_pool_stop_async, cancellable, callback, user_data);
}

gboolean
vs_pool_stop_finish (VsPool        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  return finish_op (self, result, vs_pool_stop_async, error);
}

void
vs_pool_refresh_async (VsPool              *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_REFRESH, FALSE, vs_pool_refresh_async, cancellable, callback, user_data);
}

gboolean
vs_pool_refresh_finish (VsPool        *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return finish_op (self, result, vs_pool_refresh_async, error);
}

void
vs_pool_build_async (VsPool              *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_BUILD, FALSE, vs_pool_build_async, cancellable, callback, user_data);
}

gboolean
vs_pool_build_finish (VsPool        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return finish_op (self, result, vs_pool_build_async, error);
}

void
vs_pool_delete_async (VsPool              *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_DELETE, FALSE, vs_pool_delete_async, cancellable, callback, user_data);
}

gboolean
vs_pool_delete_finish (VsPool        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return finish_op (self, result, vs_pool_delete_async, error);
}

void
vs_pool_undefine_async (VsPool              *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_UNDEFINE, FALSE, vs_pool_undefine_async, cancellable, callback, user_data);
}

gboolean
vs_pool_undefine_finish (VsPool        *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_op (self, result, vs_pool_undefine_async, error);
}

void
vs_pool_set_autostart_async (VsPool              *self,
                             gboolean             autostart,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_AUTOSTART, autostart, vs_pool_set_autostart_async,
          cancellable, callback, user_data);
}

gboolean
vs_pool_set_autostart_finish (VsPool        *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_op (self, result, vs_pool_set_autostart_async, error);
}

void
vs_pool_get_xml_async (VsPool              *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_op (self, POOL_OP_XML, FALSE, vs_pool_get_xml_async, cancellable, callback, user_data);
}

char *
vs_pool_get_xml_finish (VsPool        *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  OpResult *op_result;

  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  op_result = vs_worker_get_result (self, result, vs_pool_get_xml_async, error);
  if (op_result == NULL)
    return NULL;

  return g_steal_pointer (&op_result->xml);
}

/* New volumes ------------------------------------------------------------- */

VsVolume *
vs_pool_find_volume_by_key (VsPool     *self,
                            const char *key)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return vs_volume_loader_find_by_key (self->loader, key);
}

void
vs_pool_create_volume_async (VsPool              *self,
                             const char          *xml,
                             guint                flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (xml != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  vs_volume_jobs_create (self, xml, flags, vs_pool_create_volume_async,
                         cancellable, callback, user_data);
}

VsVolume *
vs_pool_create_volume_finish (VsPool        *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return vs_volume_jobs_finish_volume (self, result, vs_pool_create_volume_async, error);
}

void
vs_pool_clone_volume_async (VsPool              *self,
                            VsVolume            *source,
                            const char          *name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (VS_IS_VOLUME (source));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  vs_volume_jobs_clone (self, source, name, vs_pool_clone_volume_async,
                        cancellable, callback, user_data);
}

VsVolume *
vs_pool_clone_volume_finish (VsPool        *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return vs_volume_jobs_finish_volume (self, result, vs_pool_clone_volume_async, error);
}

void
vs_pool_apply_volume_details (VsPool                *self,
                              VsVolume              *volume,
                              const VsVolumeDetails *details)
{
  g_return_if_fail (VS_IS_POOL (self));

  vs_volume_loader_apply_details (self->loader, volume, details);
}
