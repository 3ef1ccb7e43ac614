/* vs-volume.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-core-enums.h"
#include "vs-domain-usage.h"
#include "vs-error.h"
#include "vs-volume-jobs.h"
#include "vs-volume-private.h"
#include "vs-volume-transfer.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* Kept small on purpose: a pool may hold 100,000 of these (DESIGN: at most
 * 1 KiB of resident memory per listed volume). */
struct _VsVolume
{
  GObject       parent_instance;

  VsVolumeOwner *owner;         /* not owned: the pool owns us through its list */
  char         *name;
  char         *key;
  char         *path;           /* NULL when equal to the key, as in dir pools */
  const char   *format;         /* interned */
  char         *backing_path;
  char        **used_by;
  guint64       capacity;
  guint64       allocation;
  VsVolumeType  volume_type : 8;
  guint         details_loaded : 1;
  guint         busy : 1;
};

G_DEFINE_FINAL_TYPE (VsVolume, vs_volume, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POOL,
  PROP_NAME,
  PROP_KEY,
  PROP_PATH,
  PROP_VOLUME_TYPE,
  PROP_FORMAT,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_BACKING_PATH,
  PROP_USED_BY,
  PROP_DETAILS_LOADED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
vs_volume_finalize (GObject *object)
{
  VsVolume *self = (VsVolume *)object;

  g_free (self->name);
  g_free (self->key);
  g_free (self->path);
  g_free (self->backing_path);
  g_strfreev (self->used_by);

  G_OBJECT_CLASS (vs_volume_parent_class)->finalize (object);
}

static void
vs_volume_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VsVolume *self = VS_VOLUME (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->owner);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_PATH:
      g_value_set_string (value, vs_volume_get_path (self));
      break;
    case PROP_VOLUME_TYPE:
      g_value_set_enum (value, self->volume_type);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_BACKING_PATH:
      g_value_set_string (value, self->backing_path);
      break;
    case PROP_USED_BY:
      g_value_set_boxed (value, self->used_by);
      break;
    case PROP_DETAILS_LOADED:
      g_value_set_boolean (value, self->details_loaded);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_class_init (VsVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vs_volume_finalize;
  object_class->get_property = vs_volume_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_POOL] = g_param_spec_object ("pool", NULL, NULL, vs_pool_get_type (), RO);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, RO);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, RO);
  properties[PROP_VOLUME_TYPE] = g_param_spec_enum ("volume-type", NULL, NULL,
                                                    VS_TYPE_VOLUME_TYPE,
                                                    VS_VOLUME_TYPE_UNKNOWN, RO);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, RO);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL,
                                                   0, G_MAXUINT64, 0, RO);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL,
                                                     0, G_MAXUINT64, 0, RO);
  properties[PROP_BACKING_PATH] = g_param_spec_string ("backing-path", NULL, NULL, NULL, RO);
  properties[PROP_USED_BY] = g_param_spec_boxed ("used-by", NULL, NULL, G_TYPE_STRV, RO);
  properties[PROP_DETAILS_LOADED] = g_param_spec_boolean ("details-loaded", NULL, NULL, FALSE, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_volume_init (VsVolume *self)
{
}

/* May run in a listing worker: the object is not shared until the main
 * thread attaches it to its pool. */
VsVolume *
vs_volume_new (const char *name,
               const char *key)
{
  VsVolume *self;

  g_assert (name != NULL);
  g_assert (key != NULL);

  self = g_object_new (VS_TYPE_VOLUME, NULL);
  self->name = g_strdup (name);
  self->key = g_strdup (key);

  return self;
}

void
vs_volume_set_owner (VsVolume      *self,
                     VsVolumeOwner *owner)
{
  g_assert (VS_IS_VOLUME (self));
  g_assert (owner == NULL || VS_IS_VOLUME_OWNER (owner));

  self->owner = owner;
}

virStoragePoolPtr
vs_volume_ref_storage_pool (VsVolume *self)
{
  g_assert (VS_IS_VOLUME (self));

  return self->owner != NULL ? vs_volume_owner_ref_storage_pool (self->owner) : NULL;
}

void
vs_volume_set_name (VsVolume   *self,
                    const char *name)
{
  g_assert (VS_IS_VOLUME (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
vs_volume_apply_details (VsVolume              *self,
                         const VsVolumeDetails *details)
{
  GParamSpec *changed[N_PROPS];
  guint n_changed = 0;
  const char *path;

  g_assert (VS_IS_VOLUME (self));
  g_assert (details != NULL);

  path = g_strcmp0 (details->path, self->key) == 0 ? NULL : details->path;
  if (g_strcmp0 (path, self->path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      changed[n_changed++] = properties[PROP_PATH];
    }
  if (self->volume_type != details->type)
    {
      self->volume_type = details->type;
      changed[n_changed++] = properties[PROP_VOLUME_TYPE];
    }
  if (self->format != details->format)
    {
      self->format = details->format;
      changed[n_changed++] = properties[PROP_FORMAT];
    }
  if (self->capacity != details->capacity)
    {
      self->capacity = details->capacity;
      changed[n_changed++] = properties[PROP_CAPACITY];
    }
  if (self->allocation != details->allocation)
    {
      self->allocation = details->allocation;
      changed[n_changed++] = properties[PROP_ALLOCATION];
    }
  if (set_string (&self->backing_path, details->backing_path))
    changed[n_changed++] = properties[PROP_BACKING_PATH];
  if (!self->details_loaded)
    {
      self->details_loaded = TRUE;
      changed[n_changed++] = properties[PROP_DETAILS_LOADED];
    }

  if (n_changed == 0)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_changed; i++)
    g_object_notify_by_pspec (G_OBJECT (self), changed[i]);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

void
vs_volume_set_used_by (VsVolume           *self,
                       const char * const *used_by)
{
  g_assert (VS_IS_VOLUME (self));

  if (used_by != NULL && used_by[0] == NULL)
    used_by = NULL;

  if (self->used_by == NULL && used_by == NULL)
    return;
  if (self->used_by != NULL && used_by != NULL &&
      g_strv_equal ((const char * const *) self->used_by, used_by))
    return;

  g_strfreev (self->used_by);
  self->used_by = g_strdupv ((char **) used_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USED_BY]);
}

void
vs_volume_set_busy (VsVolume *self,
                    gboolean  busy)
{
  g_assert (VS_IS_VOLUME (self));

  busy = !!busy;
  if (self->busy == (guint) busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

VsPool *
vs_volume_get_pool (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  /* The only owner there is. */
  return (VsPool *) self->owner;
}

const char *
vs_volume_get_name (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  return self->name;
}

const char *
vs_volume_get_key (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  return self->key;
}

const char *
vs_volume_get_path (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  if (self->path != NULL)
    return self->path;

  /* Until details arrive we only know the key; for file-backed pools it is
   * the path, for others the path comes with the details. */
  return self->details_loaded || self->key[0] == '/' ? self->key : NULL;
}

VsVolumeType
vs_volume_get_volume_type (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), VS_VOLUME_TYPE_UNKNOWN);

  return self->volume_type;
}

const char *
vs_volume_get_format (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  return self->format;
}

guint64
vs_volume_get_capacity (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), 0);

  return self->capacity;
}

guint64
vs_volume_get_allocation (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), 0);

  return self->allocation;
}

const char *
vs_volume_get_backing_path (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  return self->backing_path;
}

const char * const *
vs_volume_get_used_by (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);

  return (const char * const *) self->used_by;
}

gboolean
vs_volume_get_details_loaded (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return self->details_loaded;
}

gboolean
vs_volume_get_busy (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return self->busy;
}

/* Operations ------------------------------------------------------------ */

typedef enum
{
  VOLUME_OP_DELETE,
  VOLUME_OP_RESIZE,
} VolumeOp;

typedef struct
{
  virStoragePoolPtr pool;
  char             *name;
  VolumeOp          op;
  guint64           capacity;
  gboolean          allow_shrink;
} VolumeOpData;

static void
volume_op_data_free (gpointer ptr)
{
  VolumeOpData *data = ptr;

  g_clear_pointer (&data->pool, virStoragePoolFree);
  g_free (data->name);
  g_free (data);
}

/* Matches the keys vs_domain_usage_find_users_sync() reads against the
 * volume's path and its <disk type='volume'> reference. */
static gboolean
is_volume_key (const char *key,
               gpointer    user_data)
{
  const char * const *keys = user_data;

  for (guint i = 0; i < 2; i++)
    if (keys[i] != NULL && g_str_equal (key, keys[i]))
      return TRUE;

  return FALSE;
}

/* Asks the host, now, whether any domain uses the volume: a "used by"
 * shown from events may be a moment late, this answer is not. */
gboolean
vs_volume_check_unused_sync (virStoragePoolPtr   pool,
                             virStorageVolPtr    vol,
                             const char         *name,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autofree char *path = virStorageVolGetPath (vol);
  g_autofree char *ref = vs_xml_volume_ref (virStoragePoolGetName (pool), name);
  const char *keys[] = { path, ref };
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) users = NULL;

  users = vs_domain_usage_find_users_sync (virStoragePoolGetConnect (pool), is_volume_key, keys,
                                           cancellable, &local_error);
  if (local_error != NULL)
    {
      g_autofree char *context =
        g_strdup_printf (_("Could not check whether a virtual machine uses “%s”"), name);

      vs_error_set_from_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED, context, local_error);
      return FALSE;
    }

  if (users != NULL)
    {
      /* Translators: separates the names of virtual machines in a list. */
      g_autofree char *names = g_strjoinv (_(", "), users);

      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE,
                   _("“%s” is used by %s; remove it from the virtual machine first"),
                   name, names);
      return FALSE;
    }

  return TRUE;
}

static gpointer
volume_op_worker (gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  VolumeOpData *data = task_data;
  virStorageVolPtr vol;
  const char *context = NULL;
  int rc = -1;

  vol = virStorageVolLookupByName (data->pool, data->name);
  if (vol == NULL)
    {
      if (vs_libvirt_last_code () == VIR_ERR_NO_STORAGE_VOL)
        vs_error_set_from_libvirt (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND,
                                   _("The volume is gone"));
      else
        vs_error_set_from_libvirt (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED,
                                   _("Could not find the volume"));
      return NULL;
    }

  if (data->op != VOLUME_OP_RESIZE &&
      !vs_volume_check_unused_sync (data->pool, vol, data->name, cancellable, error))
    {
      virStorageVolFree (vol);
      return NULL;
    }

  switch (data->op)
    {
    case VOLUME_OP_DELETE:
      rc = virStorageVolDelete (vol, 0);
      context = _("Could not delete the volume");
      break;
    case VOLUME_OP_RESIZE:
      rc = virStorageVolResize (vol, data->capacity,
                                data->allow_shrink ? VIR_STORAGE_VOL_RESIZE_SHRINK : 0);
      context = _("Could not resize the volume");
      break;
    default:
      g_assert_not_reached ();
    }

  if (rc < 0)
    vs_error_set_from_libvirt (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED, context);
  virStorageVolFree (vol);

  return rc < 0 ? NULL : GINT_TO_POINTER (TRUE);
}

static void
volume_op_apply (gpointer      source,
                 gpointer      data,
                 gpointer      result,
                 const GError *error)
{
  VsVolume *self = source;

  vs_volume_set_busy (self, FALSE);
  if (self->owner != NULL)
    vs_volume_owner_volumes_changed (self->owner);
}

static void
run_volume_op (VsVolume            *self,
               VolumeOp             op,
               guint64              capacity,
               gboolean             allow_shrink,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  virStoragePoolPtr pool_ptr;
  VolumeOpData *data;

  if (self->owner == NULL)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_VOLUME_ERROR, VS_VOLUME_ERROR_NOT_FOUND,
                               _("“%s” is no longer in its pool"), self->name);
      return;
    }

  if (op == VOLUME_OP_RESIZE && capacity == 0)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                               _("The new capacity must be larger than zero"));
      return;
    }

  if (op == VOLUME_OP_RESIZE && capacity < self->capacity && !allow_shrink)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                               _("Shrinking “%s” would destroy the data at its end"),
                               self->name);
      return;
    }

  pool_ptr = vs_volume_ref_storage_pool (self);
  if (pool_ptr == NULL)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                               _("The connection to the host is not open"));
      return;
    }

  data = g_new0 (VolumeOpData, 1);
  data->pool = pool_ptr;
  data->name = g_strdup (self->name);
  data->op = op;
  data->capacity = capacity;
  data->allow_shrink = allow_shrink;

  vs_volume_set_busy (self, TRUE);
  vs_worker_run (self, source_tag, cancellable,
                 volume_op_worker, data, volume_op_data_free,
                 volume_op_apply, NULL, callback, user_data);
}

void
vs_volume_delete_async (VsVolume            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_volume_op (self, VOLUME_OP_DELETE, 0, FALSE, vs_volume_delete_async,
                 cancellable, callback, user_data);
}

gboolean
vs_volume_delete_finish (VsVolume      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_volume_delete_async, error);
}

void
vs_volume_wipe_async (VsVolume            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  vs_volume_jobs_wipe (self, vs_volume_wipe_async, cancellable, callback, user_data);
}

gboolean
vs_volume_wipe_finish (VsVolume      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return vs_volume_jobs_finish_boolean (self, result, vs_volume_wipe_async, error);
}

void
vs_volume_resize_async (VsVolume            *self,
                        guint64              capacity,
                        gboolean             allow_shrink,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_volume_op (self, VOLUME_OP_RESIZE, capacity, allow_shrink, vs_volume_resize_async,
                 cancellable, callback, user_data);
}

gboolean
vs_volume_resize_finish (VsVolume      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_volume_resize_async, error);
}

/* Transfers --------------------------------------------------------------- */

void
vs_volume_upload_async (VsVolume              *self,
                        GFile                 *source,
                        GCancellable          *cancellable,
                        GFileProgressCallback  progress_callback,
                        gpointer               progress_data,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  vs_volume_transfer_start (self, VS_TRANSFER_UPLOAD, source, vs_volume_upload_async,
                            cancellable, progress_callback, progress_data,
                            callback, user_data);
}

gboolean
vs_volume_upload_finish (VsVolume      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_volume_upload_async, error);
}

void
vs_volume_download_async (VsVolume              *self,
                          GFile                 *destination,
                          GCancellable          *cancellable,
                          GFileProgressCallback  progress_callback,
                          gpointer               progress_data,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  vs_volume_transfer_start (self, VS_TRANSFER_DOWNLOAD, destination, vs_volume_download_async,
                            cancellable, progress_callback, progress_data,
                            callback, user_data);
}

gboolean
vs_volume_download_finish (VsVolume      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_volume_download_async, error);
}
