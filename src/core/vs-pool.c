/* vs-pool.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-connection.h"
#include "vs-core-enums.h"
#include "vs-error.h"
#include "vs-pool-private.h"
#include "vs-volume-jobs.h"
#include "vs-volume-private.h"
#include "vs-volume-store.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* Volume details are fetched by this many threads at once; libvirtd serves
 * several calls of one client in parallel. */
#define DETAIL_WORKERS 4
/* Time one idle run may spend applying details, so a frame is never missed. */
#define APPLY_BUDGET_USEC 6000

typedef struct _DetailJob DetailJob;
typedef struct _VolumeIndex VolumeIndex;

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
  guint64            volumes_capacity;
  guint              busy;
  guint              persistent : 1;
  guint              autostart : 1;
  guint              reachable : 1;
  guint              volumes_loaded : 1;
  guint              reload_running : 1;
  guint              reload_again : 1;

  VsVolumeStore     *volumes;
  VolumeIndex       *index;            /* NULL until listed */
  GHashTable        *used_by;          /* path → GStrv of domain names; never changed once set */
  GPtrArray         *reload_waiting;   /* GTasks the running listing answers */
  GPtrArray         *reload_queued;    /* GTasks the next listing answers */
  GError            *volumes_error;
  guint              volumes_generation;
  GCancellable      *cancellable;      /* cancelled on detach */
  DetailJob         *details;
};

G_DEFINE_FINAL_TYPE (VsPool, vs_pool, G_TYPE_OBJECT)

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

/* The volumes of the model, by key, as of the last listing applied. It is
 * never changed once built, so a listing worker can read it while the main
 * thread uses it; each listing builds the next one. */
struct _VolumeIndex
{
  gatomicrefcount  ref_count;
  GHashTable      *by_key;       /* key (the volume's own) → IndexEntry */
};

typedef struct
{
  VsVolume *volume;              /* owned */
  char     *name;                /* as listed, compared in the worker */
} IndexEntry;

typedef struct
{
  virStoragePoolPtr  ptr;
  guint              generation;
  VolumeIndex       *index;      /* may be NULL */
  GHashTable        *used_by;    /* the map in use, may be NULL */
  char              *pool_name;
} ListData;

typedef struct
{
  guint              generation;
  VsPoolInfo        *info;
  VolumeIndex       *index;
  GPtrArray         *added;      /* VsVolume, new objects */
  GPtrArray         *removed;    /* VsVolume */
  GPtrArray         *renamed;    /* IndexEntry of the new index, not owned */
  GHashTable        *used_by;
  gboolean           used_by_changed;
  GPtrArray         *users;      /* UsersChange: volumes whose users differ */
  DetailJob         *details;
} ListResult;

typedef struct
{
  VsVolume  *volume;             /* owned */
  char     **names;
} UsersChange;

typedef struct
{
  guint            index;
  VsVolumeDetails *details;
} DetailResult;

/* Fetches volume details with a few threads; results are handed to the
 * main thread in batches by an idle source. */
struct _DetailJob
{
  gatomicrefcount   ref_count;
  GMutex            mutex;
  VsPool           *pool;           /* main thread only, NULL once dropped */
  GCancellable     *cancellable;
  GMainContext     *context;

  virStorageVolPtr *vols;           /* under mutex; entries freed once fetched */
  VsVolume        **volumes;        /* owned; read-only */
  guint             n_vols;
  guint             next;           /* under mutex */
  guint8           *taken;          /* under mutex */
  GQueue            priority;       /* under mutex: indices + 1 */
  GHashTable       *index_by_volume; /* read-only: VsVolume → index + 1 */

  GArray           *results;        /* under mutex: DetailResult */
  guint             idle_id;        /* under mutex */
  int               workers_left;   /* atomic */
};

static void vs_pool_queue_reload (VsPool *self);

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

/* Volume index ---------------------------------------------------------- */

static void
index_entry_free (gpointer ptr)
{
  IndexEntry *entry = ptr;

  g_object_unref (entry->volume);
  g_free (entry->name);
  g_free (entry);
}

static VolumeIndex *
volume_index_new (void)
{
  VolumeIndex *index = g_new0 (VolumeIndex, 1);

  g_atomic_ref_count_init (&index->ref_count);
  /* The keys are the volumes' own strings, which live as long as the entry. */
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, index_entry_free);

  return index;
}

static VolumeIndex *
volume_index_ref (VolumeIndex *index)
{
  g_atomic_ref_count_inc (&index->ref_count);
  return index;
}

static void
volume_index_free (VolumeIndex *index)
{
  g_hash_table_unref (index->by_key);
  g_free (index);
}

static void
volume_index_unref (VolumeIndex *index)
{
  if (!g_atomic_ref_count_dec (&index->ref_count))
    return;

  /* Dropping 100,000 entries takes milliseconds: not on the main thread.
   * The volumes are still referenced by the model or by the new index, so
   * no VsVolume is finalized there unless it has left the model. */
  if (g_hash_table_size (index->by_key) > 1000 && g_main_context_is_owner (g_main_context_default ()))
    vs_free_in_thread (index, (GDestroyNotify) volume_index_free);
  else
    volume_index_free (index);
}

/* Detail job ------------------------------------------------------------ */

static DetailJob *
detail_job_ref (DetailJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
detail_job_free (DetailJob *job)
{
  for (guint i = 0; i < job->n_vols; i++)
    {
      if (job->vols[i] != NULL)
        virStorageVolFree (job->vols[i]);
      g_object_unref (job->volumes[i]);
    }
  g_free (job->vols);
  g_free (job->volumes);
  g_free (job->taken);
  g_queue_clear (&job->priority);
  g_clear_pointer (&job->index_by_volume, g_hash_table_unref);
  for (guint i = 0; job->results != NULL && i < job->results->len; i++)
    vs_volume_details_free (g_array_index (job->results, DetailResult, i).details);
  g_clear_pointer (&job->results, g_array_unref);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static void
detail_job_unref (DetailJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  if (job->n_vols > 1000 && g_main_context_is_owner (g_main_context_default ()))
    vs_free_in_thread (job, (GDestroyNotify) detail_job_free);
  else
    detail_job_free (job);
}

/* Runs in the listing worker: everything but starting the threads. */
static DetailJob *
detail_job_new (virStorageVolPtr  *vols,
                VsVolume         **volumes,
                guint              n_vols)
{
  DetailJob *job = g_new0 (DetailJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->mutex);
  job->cancellable = g_cancellable_new ();
  job->vols = vols;
  job->volumes = volumes;
  job->n_vols = n_vols;
  job->taken = g_new0 (guint8, MAX (n_vols, 1));
  g_queue_init (&job->priority);
  job->index_by_volume = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_vols; i++)
    g_hash_table_insert (job->index_by_volume, volumes[i], GUINT_TO_POINTER (i + 1));
  job->results = g_array_new (FALSE, FALSE, sizeof (DetailResult));

  return job;
}

static void
update_volumes_capacity (VsPool  *self,
                         guint64  removed,
                         guint64  added)
{
  set_uint64 (self, &self->volumes_capacity,
              self->volumes_capacity - removed + added,
              properties[PROP_VOLUMES_CAPACITY]);
}

static void
apply_used_by (VsPool   *self,
               VsVolume *volume)
{
  const char *path = vs_volume_get_path (volume);
  const char * const *names = NULL;

  if (self->used_by != NULL && path != NULL)
    names = g_hash_table_lookup (self->used_by, path);
  if (self->used_by != NULL && names == NULL && self->name != NULL)
    {
      g_autofree char *ref = vs_xml_volume_ref (self->name, vs_volume_get_name (volume));
      names = g_hash_table_lookup (self->used_by, ref);
    }

  vs_volume_set_used_by (volume, names);
}

static void
detail_job_finish (DetailJob *job)
{
  VsPool *self = job->pool;

  g_assert (self != NULL);
  g_assert (self->details == job);

  job->pool = NULL;
  self->details = NULL;
  detail_job_unref (job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
detail_job_apply_cb (gpointer user_data)
{
  DetailJob *job = user_data;
  g_autoptr(GArray) batch = NULL;
  gint64 deadline = g_get_monotonic_time () + APPLY_BUDGET_USEC;
  VsPool *self = job->pool;
  guint i;

  g_mutex_lock (&job->mutex);
  batch = g_steal_pointer (&job->results);
  job->results = g_array_new (FALSE, FALSE, sizeof (DetailResult));
  job->idle_id = 0;
  g_mutex_unlock (&job->mutex);

  if (self == NULL)
    {
      for (i = 0; i < batch->len; i++)
        vs_volume_details_free (g_array_index (batch, DetailResult, i).details);
      return G_SOURCE_REMOVE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (i = 0; i < batch->len; i++)
    {
      DetailResult *result = &g_array_index (batch, DetailResult, i);
      VsVolume *volume = job->volumes[result->index];
      guint64 before = vs_volume_get_capacity (volume);

      if (vs_volume_get_pool (volume) == self && vs_volume_apply_details (volume, result->details))
        {
          update_volumes_capacity (self, before, result->details->capacity);
          if (self->used_by != NULL && g_hash_table_size (self->used_by) > 0)
            apply_used_by (self, volume);
        }
      g_clear_pointer (&result->details, vs_volume_details_free);

      if ((i & 63) == 63 && g_get_monotonic_time () > deadline)
        {
          i++;
          break;
        }
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (i < batch->len)
    {
      /* Out of time for this frame: put the rest back in front. */
      g_mutex_lock (&job->mutex);
      g_array_remove_range (batch, 0, i);
      g_array_append_vals (batch, job->results->data, job->results->len);
      g_array_unref (job->results);
      job->results = g_steal_pointer (&batch);
      g_mutex_unlock (&job->mutex);
      return G_SOURCE_CONTINUE;
    }

  if (g_atomic_int_get (&job->workers_left) == 0)
    {
      gboolean empty;

      g_mutex_lock (&job->mutex);
      empty = job->results->len == 0;
      g_mutex_unlock (&job->mutex);

      if (empty)
        detail_job_finish (job);
      else
        return G_SOURCE_CONTINUE;
    }

  return G_SOURCE_REMOVE;
}

/* Called with job->mutex held. */
static void
detail_job_schedule_apply_locked (DetailJob *job)
{
  GSource *source;

  if (job->idle_id != 0)
    return;

  source = g_idle_source_new ();
  /* GDK's redraw priority: batches and frames share the main loop, so
   * neither an endless animation nor a flood of details starves the other. */
  g_source_set_priority (source, G_PRIORITY_HIGH_IDLE + 20);
  g_source_set_callback (source, detail_job_apply_cb, detail_job_ref (job),
                         (GDestroyNotify) detail_job_unref);
  g_source_set_static_name (source, "[vs-pool] apply volume details");
  job->idle_id = g_source_attach (source, job->context);
  g_source_unref (source);
}

static gboolean
detail_job_take (DetailJob         *job,
                 guint             *index,
                 virStorageVolPtr  *vol)
{
  gboolean found = FALSE;

  g_mutex_lock (&job->mutex);

  while (!g_queue_is_empty (&job->priority))
    {
      guint i = GPOINTER_TO_UINT (g_queue_pop_head (&job->priority)) - 1;

      if (!job->taken[i])
        {
          *index = i;
          found = TRUE;
          break;
        }
    }

  while (!found && job->next < job->n_vols)
    {
      guint i = job->next++;

      if (!job->taken[i])
        {
          *index = i;
          found = TRUE;
        }
    }

  if (found)
    {
      job->taken[*index] = TRUE;
      *vol = g_steal_pointer (&job->vols[*index]);
    }

  g_mutex_unlock (&job->mutex);

  return found;
}

static void
detail_worker_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DetailJob *job = task_data;
  virStorageVolPtr vol;
  guint index;

  while (!g_cancellable_is_cancelled (job->cancellable) &&
         detail_job_take (job, &index, &vol))
    {
      g_autofree char *xml = virStorageVolGetXMLDesc (vol, 0);
      DetailResult result = { index, NULL };

      virStorageVolFree (vol);

      /* The volume may have gone since the listing: skip it. */
      if (xml == NULL)
        continue;

      result.details = g_new0 (VsVolumeDetails, 1);
      if (!vs_xml_parse_volume (xml, result.details, NULL))
        {
          vs_volume_details_free (result.details);
          continue;
        }

      g_mutex_lock (&job->mutex);
      g_array_append_val (job->results, result);
      detail_job_schedule_apply_locked (job);
      g_mutex_unlock (&job->mutex);
    }

  if (g_atomic_int_dec_and_test (&job->workers_left))
    {
      g_mutex_lock (&job->mutex);
      detail_job_schedule_apply_locked (job);
      g_mutex_unlock (&job->mutex);
    }

  g_task_return_boolean (task, TRUE);
}

static void
detail_job_cancel (VsPool *self)
{
  DetailJob *job = g_steal_pointer (&self->details);

  if (job == NULL)
    return;

  g_cancellable_cancel (job->cancellable);
  job->pool = NULL;
  detail_job_unref (job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
detail_job_start (VsPool    *self,
                  DetailJob *job)
{
  gboolean was_loading = self->details != NULL;
  guint n_workers;

  if (self->details != NULL)
    {
      g_cancellable_cancel (self->details->cancellable);
      self->details->pool = NULL;
      g_clear_pointer (&self->details, detail_job_unref);
    }

  job->pool = self;
  job->context = g_main_context_ref_thread_default ();
  n_workers = CLAMP (job->n_vols, 1, DETAIL_WORKERS);
  job->workers_left = n_workers;
  self->details = job;

  for (guint i = 0; i < n_workers; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, detail_job_start);
      g_task_set_task_data (task, detail_job_ref (job), (GDestroyNotify) detail_job_unref);
      g_task_run_in_thread (task, detail_worker_thread);
    }

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Volume list ---------------------------------------------------------- */

static void
list_data_free (gpointer ptr)
{
  ListData *data = ptr;

  g_clear_pointer (&data->ptr, virStoragePoolFree);
  g_clear_pointer (&data->index, volume_index_unref);
  g_clear_pointer (&data->used_by, g_hash_table_unref);
  g_free (data->pool_name);
  g_free (data);
}

static void
list_result_free (gpointer ptr)
{
  ListResult *result = ptr;

  g_clear_pointer (&result->info, vs_pool_info_free);
  g_clear_pointer (&result->index, volume_index_unref);
  g_clear_pointer (&result->added, g_ptr_array_unref);
  g_clear_pointer (&result->removed, g_ptr_array_unref);
  g_clear_pointer (&result->renamed, g_ptr_array_unref);
  g_clear_pointer (&result->used_by, g_hash_table_unref);
  g_clear_pointer (&result->users, g_ptr_array_unref);
  g_clear_pointer (&result->details, detail_job_unref);
  g_free (result);
}

static GHashTable *
fetch_used_by (virConnectPtr conn)
{
  g_autoptr(GHashTable) used_by = NULL;
  g_autoptr(GHashTable) lists = NULL;
  virDomainPtr *domains = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int n;

  n = virConnectListAllDomains (conn, &domains, 0);
  if (n < 0)
    return NULL;

  lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *xml = virDomainGetXMLDesc (domains[i], 0);
      const char *domain_name = virDomainGetName (domains[i]);
      g_autoptr(GPtrArray) paths = NULL;

      if (xml != NULL && (paths = vs_xml_domain_disk_paths (xml, NULL)))
        {
          for (guint j = 0; j < paths->len; j++)
            {
              const char *path = g_ptr_array_index (paths, j);
              GPtrArray *names = g_hash_table_lookup (lists, path);

              if (names == NULL)
                {
                  names = g_ptr_array_new_null_terminated (1, g_free, TRUE);
                  g_hash_table_insert (lists, g_strdup (path), names);
                }
              if (!g_ptr_array_find_with_equal_func (names, domain_name, g_str_equal, NULL))
                g_ptr_array_add (names, g_strdup (domain_name));
            }
        }

      virDomainFree (domains[i]);
    }
  free (domains);

  used_by = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (used_by, g_strdup (key),
                         g_ptr_array_steal (value, NULL));

  return g_steal_pointer (&used_by);
}

static gboolean
used_by_equal (GHashTable *a,
               GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if ((a == NULL || g_hash_table_size (a) == 0) && (b == NULL || g_hash_table_size (b) == 0))
    return TRUE;
  if (a == NULL || b == NULL || g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char * const *other = g_hash_table_lookup (b, key);

      if (other == NULL || !g_strv_equal (value, other))
        return FALSE;
    }

  return TRUE;
}

static void
users_change_free (gpointer ptr)
{
  UsersChange *change = ptr;

  g_object_unref (change->volume);
  g_strfreev (change->names);
  g_free (change);
}

/* Domains name a volume by path or, for <disk type='volume'>, by pool and
 * volume name. Before its details arrive a volume's path is its key in
 * file-based pools; vs_pool's detail step looks again once the path is known. */
static const char * const *
lookup_users (GHashTable *used_by,
              const char *pool_name,
              IndexEntry *entry)
{
  g_autofree char *ref = NULL;
  const char * const *names;

  if (used_by == NULL || g_hash_table_size (used_by) == 0)
    return NULL;

  names = g_hash_table_lookup (used_by, vs_volume_get_key (entry->volume));
  if (names == NULL && pool_name != NULL)
    {
      ref = vs_xml_volume_ref (pool_name, entry->name);
      names = g_hash_table_lookup (used_by, ref);
    }

  return names;
}

static GPtrArray *
find_users_changes (ListData   *data,
                    ListResult *result)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (users_change_free);
  GHashTable *map = result->used_by_changed ? result->used_by : data->used_by;
  GHashTableIter iter;
  gpointer value;

  if ((map == NULL || g_hash_table_size (map) == 0) && !result->used_by_changed)
    return changes;

  /* When the map is the same only new volumes can gain users. */
  g_hash_table_iter_init (&iter, result->index->by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      IndexEntry *entry = value;
      const char * const *names = lookup_users (map, data->pool_name, entry);
      const char * const *before = NULL;
      UsersChange *change;

      if (result->used_by_changed)
        before = lookup_users (data->used_by, data->pool_name, entry);
      else if (names == NULL || !g_ptr_array_find (result->added, entry->volume, NULL))
        continue;

      if (names == before || (names != NULL && before != NULL && g_strv_equal (names, before)))
        continue;

      change = g_new0 (UsersChange, 1);
      change->volume = g_object_ref (entry->volume);
      change->names = g_strdupv ((char **) names);
      g_ptr_array_add (changes, change);
    }

  return changes;
}

static gpointer
list_volumes_worker (gpointer       task_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ListData *data = task_data;
  g_autoptr(GHashTable) seen = NULL;
  ListResult *result;
  virStorageVolPtr *vols = NULL;
  VsVolume **volumes;
  int n;

  n = virStoragePoolListAllVolumes (data->ptr, &vols, 0);
  if (n < 0)
    {
      virErrorPtr err = virGetLastError ();

      /* The RPC layer refuses lists above REMOTE_STORAGE_VOL_LIST_MAX. */
      if (err != NULL && err->message != NULL &&
          (err->code == VIR_ERR_RPC || err->code == VIR_ERR_INTERNAL_ERROR) &&
          strstr (err->message, "oo many") != NULL)
        g_set_error (error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES,
                     _("This pool holds more volumes than libvirt can list in one call "
                       "(libvirt says: %s). The pool works, but its volumes cannot be shown here; "
                       "use fewer volumes per pool."),
                     err->message);
      else
        vs_error_set_from_libvirt (error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                   _("Could not list the volumes"));
      return NULL;
    }

  result = g_new0 (ListResult, 1);
  result->generation = data->generation;
  result->index = volume_index_new ();
  result->added = g_ptr_array_new_with_free_func (g_object_unref);
  result->removed = g_ptr_array_new_with_free_func (g_object_unref);
  result->renamed = g_ptr_array_new ();
  volumes = g_new0 (VsVolume *, MAX (n, 1));

  /* The diff against the model runs here, not on the main thread: reuse the
   * VsVolume of every key the last listing had, make new ones for the rest. */
  for (int i = 0; i < n; i++)
    {
      const char *key = virStorageVolGetKey (vols[i]);
      const char *name = virStorageVolGetName (vols[i]);
      IndexEntry *old = data->index != NULL ? g_hash_table_lookup (data->index->by_key, key) : NULL;
      IndexEntry *entry;

      if (g_hash_table_contains (result->index->by_key, key))
        {
          /* libvirt listed one key twice; keep the first. */
          virStorageVolFree (g_steal_pointer (&vols[i]));
          continue;
        }

      entry = g_new0 (IndexEntry, 1);
      entry->name = g_strdup (name);
      if (old != NULL)
        {
          entry->volume = g_object_ref (old->volume);
          if (g_strcmp0 (old->name, name) != 0)
            g_ptr_array_add (result->renamed, entry);
        }
      else
        {
          entry->volume = vs_volume_new (name, key);
          g_ptr_array_add (result->added, g_object_ref (entry->volume));
        }
      g_hash_table_insert (result->index->by_key, (gpointer) vs_volume_get_key (entry->volume), entry);
      volumes[i] = g_object_ref (entry->volume);
    }

  if (data->index != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, data->index->by_key);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (result->index->by_key, key))
          g_ptr_array_add (result->removed, g_object_ref (((IndexEntry *) value)->volume));
    }

  /* Drop the slots of duplicate keys so the detail job sees a dense array. */
  {
    guint j = 0;

    for (int i = 0; i < n; i++)
      if (vols[i] != NULL)
        {
          vols[j] = vols[i];
          volumes[j] = volumes[i];
          j++;
        }
    result->details = detail_job_new (vols, volumes, j);
  }

  if (g_cancellable_is_cancelled (cancellable))
    return result;

  result->info = vs_pool_info_fetch (data->ptr, NULL);
  result->used_by = fetch_used_by (virStoragePoolGetConnect (data->ptr));
  result->used_by_changed = !used_by_equal (result->used_by, data->used_by);
  result->users = find_users_changes (data, result);

  return result;
}

static gboolean
volume_in_set (VsVolume *volume,
               gpointer  user_data)
{
  return g_hash_table_contains (user_data, volume);
}

static void
clear_volumes (VsPool *self)
{
  detail_job_cancel (self);

  /* Listings in flight were made against what we drop here. */
  self->volumes_generation++;

  if (self->index != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->index->by_key);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        vs_volume_forget_pool (((IndexEntry *) value)->volume);
      g_clear_pointer (&self->index, volume_index_unref);
    }

  vs_volume_store_remove_all (self->volumes);
  update_volumes_capacity (self, self->volumes_capacity, 0);
}

static void
set_volumes_error (VsPool       *self,
                   const GError *error)
{
  if (self->volumes_error == NULL && error == NULL)
    return;
  if (self->volumes_error != NULL && error != NULL &&
      g_error_matches (self->volumes_error, error->domain, error->code) &&
      g_strcmp0 (self->volumes_error->message, error->message) == 0)
    return;

  g_clear_error (&self->volumes_error);
  if (error != NULL)
    self->volumes_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_ERROR_MESSAGE]);
}

static void
list_volumes_apply (gpointer      source,
                    gpointer      data,
                    gpointer      res,
                    const GError *error)
{
  VsPool *self = source;
  ListResult *result = res;
  guint64 removed_capacity = 0;

  set_busy (self, FALSE);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_volumes_error (self, error);
          if (g_error_matches (error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES) &&
              !self->volumes_loaded)
            {
              self->volumes_loaded = TRUE;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_LOADED]);
            }
        }
      return;
    }

  /* The list was stopped or re-listed since this listing began. */
  if (result->generation != self->volumes_generation)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (result->info != NULL)
    vs_pool_update (self, result->info);

  set_volumes_error (self, NULL);

  if (result->removed->len > 0)
    {
      g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < result->removed->len; i++)
        {
          VsVolume *volume = g_ptr_array_index (result->removed, i);

          g_hash_table_add (removed, volume);
          removed_capacity += vs_volume_get_capacity (volume);
          vs_volume_forget_pool (volume);
        }
      vs_volume_store_remove_if (self->volumes, volume_in_set, removed);
    }

  for (guint i = 0; i < result->renamed->len; i++)
    {
      IndexEntry *entry = g_ptr_array_index (result->renamed, i);
      vs_volume_set_name (entry->volume, entry->name);
    }

  g_clear_pointer (&self->index, volume_index_unref);
  self->index = g_steal_pointer (&result->index);

  if (result->used_by_changed)
    {
      g_clear_pointer (&self->used_by, g_hash_table_unref);
      self->used_by = g_steal_pointer (&result->used_by);
    }

  for (guint i = 0; i < result->added->len; i++)
    vs_volume_attach_pool (g_ptr_array_index (result->added, i), self);

  for (guint i = 0; result->users != NULL && i < result->users->len; i++)
    {
      UsersChange *change = g_ptr_array_index (result->users, i);
      vs_volume_set_used_by (change->volume, (const char * const *) change->names);
    }

  vs_volume_store_append (self->volumes, result->added);
  update_volumes_capacity (self, removed_capacity, 0);

  if (!self->volumes_loaded)
    {
      self->volumes_loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_LOADED]);
    }

  detail_job_start (self, g_steal_pointer (&result->details));

  g_object_thaw_notify (G_OBJECT (self));
}

static void reload_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

/* One listing runs at a time: each builds on the index the previous one
 * left, and the tasks that asked meanwhile get the next one's answer. */
static void
run_reload (VsPool       *self,
            GCancellable *cancellable)
{
  ListData *data;

  g_assert (!self->reload_running);

  data = g_new0 (ListData, 1);
  data->ptr = self->ptr;
  virStoragePoolRef (data->ptr);
  data->generation = ++self->volumes_generation;
  data->index = self->index != NULL ? volume_index_ref (self->index) : NULL;
  data->used_by = self->used_by != NULL ? g_hash_table_ref (self->used_by) : NULL;
  data->pool_name = g_strdup (self->name);

  self->reload_running = TRUE;
  set_busy (self, TRUE);
  vs_worker_run (self, run_reload, cancellable,
                 list_volumes_worker, data, list_data_free,
                 list_volumes_apply, list_result_free,
                 reload_done_cb, NULL);
}

static gboolean
can_list (VsPool *self)
{
  return self->reachable && self->ptr != NULL;
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VsPool *self = VS_POOL (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  GCancellable *cancellable;

  vs_worker_finish_boolean (self, result, run_reload, &error);

  self->reload_running = FALSE;
  waiting = g_steal_pointer (&self->reload_waiting);
  self->reload_waiting = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  /* A request cancelled while it waited gets its answer now and asks for
   * nothing: a cancelled listing must leave the model as it is. */
  for (guint i = self->reload_queued->len; i > 0; i--)
    {
      GTask *task = g_ptr_array_index (self->reload_queued, i - 1);
      GCancellable *task_cancellable = g_task_get_cancellable (task);

      if (task_cancellable != NULL && g_cancellable_is_cancelled (task_cancellable))
        {
          g_task_return_error_if_cancelled (task);
          g_ptr_array_remove_index (self->reload_queued, i - 1);
        }
    }

  if (!self->reload_again && self->reload_queued->len == 0)
    return;

  g_ptr_array_extend_and_steal (self->reload_waiting, g_steal_pointer (&self->reload_queued));
  self->reload_queued = g_ptr_array_new_with_free_func (g_object_unref);

  if (!can_list (self))
    {
      self->reload_again = FALSE;
      for (guint i = 0; i < self->reload_waiting->len; i++)
        g_task_return_new_error (g_ptr_array_index (self->reload_waiting, i),
                                 VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                                 _("The connection to the host is not open"));
      g_ptr_array_set_size (self->reload_waiting, 0);
      return;
    }

  /* A single caller's listing stops when that caller cancels. */
  if (!self->reload_again && self->reload_waiting->len == 1 &&
      g_task_get_cancellable (g_ptr_array_index (self->reload_waiting, 0)) != NULL)
    cancellable = g_task_get_cancellable (g_ptr_array_index (self->reload_waiting, 0));
  else
    cancellable = self->cancellable;

  self->reload_again = FALSE;
  run_reload (self, cancellable);
}

/* Coalesces reloads asked for by events and our own operations. */
static void
vs_pool_queue_reload (VsPool *self)
{
  if (!self->volumes_loaded || !can_list (self) || !vs_pool_get_active (self))
    return;

  if (self->reload_running)
    self->reload_again = TRUE;
  else
    run_reload (self, self->cancellable);
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
  OpResult *result = res;

  set_busy (self, FALSE);

  if (result != NULL && result->info != NULL)
    vs_pool_update (self, result->info);
}

static void
refresh_apply (gpointer      source,
               gpointer      data,
               gpointer      res,
               const GError *error)
{
  VsPool *self = source;

  op_apply (source, data, res, error);

  if (error == NULL)
    vs_pool_queue_reload (self);
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

  if (!self->reachable || self->ptr == NULL)
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
                 op == POOL_OP_REFRESH ? refresh_apply : op_apply,
                 op_result_free, callback, user_data);
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_dispose (GObject *object)
{
  VsPool *self = (VsPool *)object;

  vs_pool_detach (self);
  if (self->volumes != NULL)
    clear_volumes (self);

  G_OBJECT_CLASS (vs_pool_parent_class)->dispose (object);
}

static void
vs_pool_finalize (GObject *object)
{
  VsPool *self = (VsPool *)object;

  g_clear_pointer (&self->ptr, virStoragePoolFree);
  g_free (self->name);
  g_free (self->uuid);
  g_free (self->pool_type);
  g_free (self->target_path);
  g_clear_object (&self->volumes);
  g_clear_pointer (&self->index, volume_index_unref);
  g_clear_pointer (&self->reload_waiting, g_ptr_array_unref);
  g_clear_pointer (&self->reload_queued, g_ptr_array_unref);
  g_clear_pointer (&self->used_by, g_hash_table_unref);
  g_clear_error (&self->volumes_error);
  g_clear_object (&self->cancellable);

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
      g_value_set_boolean (value, self->volumes_loaded);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, vs_pool_get_loading (self));
      break;
    case PROP_VOLUMES_CAPACITY:
      g_value_set_uint64 (value, self->volumes_capacity);
      break;
    case PROP_VOLUMES_ERROR_MESSAGE:
      g_value_set_string (value, self->volumes_error != NULL ? self->volumes_error->message : NULL);
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
  self->volumes = vs_volume_store_new ();
  self->reload_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->reload_queued = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
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
      g_clear_pointer (&self->ptr, virStoragePoolFree);
      self->ptr = info->ptr;
      virStoragePoolRef (self->ptr);
    }

  was_active = vs_pool_get_active (self);

  g_object_freeze_notify (object);

  set_string (self, &self->name, info->name, properties[PROP_NAME]);
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
        clear_volumes (self);
      else
        vs_pool_queue_reload (self);
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
    {
      detail_job_cancel (self);
      g_clear_pointer (&self->ptr, virStoragePoolFree);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);

  /* Back from a disconnect: what we list may have changed meanwhile. */
  if (reachable)
    vs_pool_queue_reload (self);
}

void
vs_pool_refresh_event (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  vs_pool_queue_reload (self);
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

  vs_pool_queue_reload (self);
}

void
vs_pool_detach (VsPool *self)
{
  g_assert (VS_IS_POOL (self));

  g_cancellable_cancel (self->cancellable);
  detail_job_cancel (self);
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

  return G_LIST_MODEL (self->volumes);
}

gboolean
vs_pool_get_volumes_loaded (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->volumes_loaded;
}

gboolean
vs_pool_get_loading (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return self->details != NULL;
}

const GError *
vs_pool_get_volumes_error (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  return self->volumes_error;
}

guint64
vs_pool_get_volumes_capacity (VsPool *self)
{
  g_return_val_if_fail (VS_IS_POOL (self), 0);

  return self->volumes_capacity;
}

void
vs_pool_prioritize_volume (VsPool   *self,
                           VsVolume *volume)
{
  DetailJob *job;
  gpointer index;

  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (VS_IS_VOLUME (volume));

  if ((job = self->details) == NULL || vs_volume_get_details_loaded (volume))
    return;

  index = g_hash_table_lookup (job->index_by_volume, volume);
  if (index == NULL)
    return;

  g_mutex_lock (&job->mutex);
  g_queue_push_head (&job->priority, index);
  g_mutex_unlock (&job->mutex);
}

VsVolume *
vs_pool_find_volume (VsPool     *self,
                     const char *name)
{
  guint n;

  g_return_val_if_fail (VS_IS_POOL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->volumes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (G_LIST_MODEL (self->volumes), i);

      if (g_strcmp0 (vs_volume_get_name (volume), name) == 0)
        return volume;
    }

  return NULL;
}

void
vs_pool_reload_volumes_async (VsPool              *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VS_IS_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vs_pool_reload_volumes_async);

  if (!can_list (self))
    {
      g_task_return_new_error (task, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                               _("The connection to the host is not open"));
      return;
    }

  if (self->reload_running)
    {
      g_ptr_array_add (self->reload_queued, g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (self->reload_waiting, g_steal_pointer (&task));
  run_reload (self, cancellable != NULL ? cancellable : self->cancellable);
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

#define DEFINE_POOL_OP(op_name, OP)                                                     \
void                                                                                    \
vs_pool_##op_name##_async (VsPool              *self,                                   \
                           GCancellable        *cancellable,                            \
                           GAsyncReadyCallback  callback,                               \
                           gpointer             user_data)                              \
{                                                                                       \
  g_return_if_fail (VS_IS_POOL (self));                                                 \
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));                    \
                                                                                        \
  run_op (self, OP, FALSE, vs_pool_##op_name##_async, cancellable, callback, user_data);\
}                                                                                       \
                                                                                        \
gboolean                                                                                \
vs_pool_##op_name##_finish (VsPool        *self,                                        \
                            GAsyncResult  *result,                                      \
                            GError       **error)                                       \
{                                                                                       \
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);                                      \
                                                                                        \
  return vs_worker_finish_boolean (self, result, vs_pool_##op_name##_async, error);     \
}

DEFINE_POOL_OP (start, POOL_OP_START)
DEFINE_POOL_OP (stop, POOL_OP_STOP)
DEFINE_POOL_OP (refresh, POOL_OP_REFRESH)
DEFINE_POOL_OP (build, POOL_OP_BUILD)
DEFINE_POOL_OP (delete, POOL_OP_DELETE)
DEFINE_POOL_OP (undefine, POOL_OP_UNDEFINE)

#undef DEFINE_POOL_OP

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
  g_return_val_if_fail (VS_IS_POOL (self), FALSE);

  return vs_worker_finish_boolean (self, result, vs_pool_set_autostart_async, error);
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
  g_autoptr(OpResult) op_result = NULL;

  g_return_val_if_fail (VS_IS_POOL (self), NULL);

  op_result = vs_worker_finish (self, result, vs_pool_get_xml_async, error);
  if (op_result == NULL)
    return NULL;

  return g_steal_pointer (&op_result->xml);
}

/* New volumes ------------------------------------------------------------- */

VsVolume *
vs_pool_find_volume_by_key (VsPool     *self,
                            const char *key)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (VS_IS_POOL (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  model = G_LIST_MODEL (self->volumes);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (model, i);

      if (g_strcmp0 (vs_volume_get_key (volume), key) == 0)
        return volume;
    }

  return NULL;
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
