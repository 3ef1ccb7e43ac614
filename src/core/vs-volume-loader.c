/* vs-volume-loader.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-loader"

#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-error.h"
#include "vs-volume-loader.h"
#include "vs-volume-private.h"
#include "vs-volume-store.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* Volume details are fetched by this many threads at once unless
 * vs_volume_loader_set_calls_in_flight() says otherwise; libvirtd serves
 * several calls of one client in parallel. */
#define DETAIL_WORKERS 4
/* Time one idle run may spend applying details, so a frame is never missed. */
#define APPLY_BUDGET_USEC 6000
/* How much lower than the rest of the process detail threads run. */
#define DETAIL_THREAD_NICE 10
/* How long new details may wait to be applied together. */
#define APPLY_INTERVAL_MS 10
/* Teardowns of indexes and detail jobs bigger than this go to a thread. */
#define BIG_TEARDOWN 1000

typedef struct _DetailJob DetailJob;
typedef struct _VolumeIndex VolumeIndex;

struct _VsVolumeLoader
{
  GObject            parent_instance;

  VsVolumeOwner     *owner;            /* not owned: it owns us */
  VsDomainUsage     *usage;
  virStoragePoolPtr  ptr;              /* NULL: nothing can be listed now */
  char              *pool_name;
  char              *ref_prefix;       /* vs_xml_volume_ref (pool_name, "") */

  VsVolumeStore     *volumes;
  VolumeIndex       *index;            /* NULL until listed */
  GHashTable        *by_path;          /* path → VsVolume, for paths that are not keys */
  GHashTable        *users;            /* set of the VsVolumes whose used-by is set */
  GPtrArray         *reload_waiting;   /* GTasks the running listing answers */
  GPtrArray         *reload_queued;    /* GTasks the next listing answers */
  GError            *error;
  GCancellable      *cancellable;      /* cancelled by vs_volume_loader_stop() */
  DetailJob         *details;
  guint64            volumes_capacity;
  guint              generation;
  guint              calls_in_flight;
  guint              loaded : 1;
  guint              listing : 1;          /* until the listing is applied */
  guint              reload_running : 1;   /* until its callers are answered */
  guint              reload_again : 1;
};

G_DEFINE_FINAL_TYPE (VsVolumeLoader, vs_volume_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_LISTING,
  PROP_LOADING,
  PROP_VOLUMES_CAPACITY,
  PROP_ERROR,
  N_PROPS
};

enum {
  LISTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The volumes of the model, by key and by name, as of the last listing
 * applied. It is never changed once built, so a listing worker can read
 * it while the main thread uses it; each listing builds the next one. */
struct _VolumeIndex
{
  gatomicrefcount  ref_count;
  GHashTable      *by_key;       /* key (the volume's own) → IndexEntry */
  GHashTable      *by_name;      /* name (the entry's) → IndexEntry, not owned */
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
  VsVolumeOwner     *owner;      /* not owned: only given to new volumes */
} ListData;

typedef struct
{
  guint              generation;
  VolumeIndex       *index;
  GPtrArray         *added;      /* VsVolume, new objects */
  GPtrArray         *removed;    /* VsVolume */
  GPtrArray         *renamed;    /* IndexEntry of the new index, not owned */
  DetailJob         *details;
} ListResult;

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
  VsVolumeLoader   *loader;         /* main thread only, NULL once dropped */
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

static void run_reload      (VsVolumeLoader *self,
                             GCancellable   *cancellable);
static void update_users    (VsVolumeLoader *self,
                             VsVolume       *volume);

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
  /* The keys are the volumes' and the entries' own strings, which live as
   * long as the entries. */
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, index_entry_free);
  index->by_name = g_hash_table_new (g_str_hash, g_str_equal);

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
  g_hash_table_unref (index->by_name);
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
  if (g_hash_table_size (index->by_key) > BIG_TEARDOWN &&
      g_main_context_is_owner (g_main_context_default ()))
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

  /* The volume handles hold references to the connection: never free them
   * on the main thread. */
  if (g_main_context_is_owner (g_main_context_default ()))
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
set_volumes_capacity (VsVolumeLoader *self,
                      guint64         removed,
                      guint64         added)
{
  guint64 capacity = self->volumes_capacity - removed + added;

  if (capacity == self->volumes_capacity)
    return;

  self->volumes_capacity = capacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUMES_CAPACITY]);
}

static void
detail_job_finish (DetailJob *job)
{
  VsVolumeLoader *self = job->loader;

  g_assert (self != NULL);
  g_assert (self->details == job);

  job->loader = NULL;
  self->details = NULL;
  detail_job_unref (job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Paths that are not keys (logical volumes, LUNs) are only known once the
 * details are in: index them then, and look again who uses them. */
static void
index_path (VsVolumeLoader *self,
            VsVolume       *volume,
            const char     *old_path)
{
  const char *path = vs_volume_get_path (volume);
  const char *key = vs_volume_get_key (volume);

  if (g_strcmp0 (old_path, path) == 0)
    return;

  if (old_path != NULL && g_strcmp0 (old_path, key) != 0 &&
      g_hash_table_lookup (self->by_path, old_path) == volume)
    g_hash_table_remove (self->by_path, old_path);

  if (path == NULL || g_str_equal (path, key))
    return;

  g_hash_table_replace (self->by_path, g_strdup (path), volume);
  update_users (self, volume);
}

static void detail_job_schedule_apply_locked (DetailJob *job,
                                              gboolean   now);

static gboolean
detail_job_apply_cb (gpointer user_data)
{
  DetailJob *job = user_data;
  g_autoptr(GArray) batch = NULL;
  gint64 deadline = g_get_monotonic_time () + APPLY_BUDGET_USEC;
  VsVolumeLoader *self = job->loader;
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
      g_autofree char *old_path = NULL;

      if (vs_volume_get_pool (volume) == (VsPool *) self->owner)
        {
          old_path = g_strdup (vs_volume_get_path (volume));
          if (vs_volume_apply_details (volume, result->details))
            {
              set_volumes_capacity (self, before, result->details->capacity);
              index_path (self, volume, old_path);
            }
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
      detail_job_schedule_apply_locked (job, TRUE);
      g_mutex_unlock (&job->mutex);
      return G_SOURCE_REMOVE;
    }

  if (g_atomic_int_get (&job->workers_left) == 0)
    {
      gboolean empty;

      g_mutex_lock (&job->mutex);
      empty = job->results->len == 0;
      if (!empty)
        detail_job_schedule_apply_locked (job, TRUE);
      g_mutex_unlock (&job->mutex);

      if (empty)
        detail_job_finish (job);
    }

  return G_SOURCE_REMOVE;
}

/* Called with job->mutex held. Details are applied once a frame at most
 * (@now FALSE): waking the main loop for each of 10,000 results costs more
 * than applying them. A backlog, and the end, are applied @now. */
static void
detail_job_schedule_apply_locked (DetailJob *job,
                                  gboolean   now)
{
  GSource *source;

  if (job->idle_id != 0)
    return;

  source = now ? g_idle_source_new () : g_timeout_source_new (APPLY_INTERVAL_MS);
  /* GDK's redraw priority: batches and frames share the main loop, so
   * neither an endless animation nor a flood of details starves the other. */
  g_source_set_priority (source, G_PRIORITY_HIGH_IDLE + 20);
  g_source_set_callback (source, detail_job_apply_cb, detail_job_ref (job),
                         (GDestroyNotify) detail_job_unref);
  g_source_set_static_name (source, "[vs-volume-loader] apply volume details");
  job->idle_id = g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
detail_job_worker_done (DetailJob *job)
{
  if (g_atomic_int_dec_and_test (&job->workers_left))
    {
#ifdef __GLIBC__
      /* Each detail thread allocated in an arena of its own (glibc's), and
       * what the main thread freed of it stays there, counted as resident:
       * 150-250 bytes a volume after a 16,384-volume pool. Given back here,
       * in the last worker's thread, once per listing. */
      malloc_trim (0);
#endif
      g_mutex_lock (&job->mutex);
      /* The end is applied at once, or with the results that wait. */
      detail_job_schedule_apply_locked (job, TRUE);
      g_mutex_unlock (&job->mutex);
    }
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

/* Details are background work: the window's main thread, when it has
 * something to do, goes first. Linux gives each thread a nice value of its
 * own (setpriority() on a thread id); elsewhere this does nothing. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), DETAIL_THREAD_NICE) != 0)
    g_debug ("Could not lower the priority of a detail thread: %s", g_strerror (errno));
#endif
}

static gpointer
detail_worker_thread (gpointer user_data)
{
  DetailJob *job = user_data;
  virStorageVolPtr vol;
  guint index;

  lower_thread_priority ();

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
      detail_job_schedule_apply_locked (job, FALSE);
      g_mutex_unlock (&job->mutex);
    }

  detail_job_worker_done (job);
  detail_job_unref (job);

  return NULL;
}

static void
detail_job_cancel (VsVolumeLoader *self)
{
  DetailJob *job = g_steal_pointer (&self->details);

  if (job == NULL)
    return;

  g_cancellable_cancel (job->cancellable);
  job->loader = NULL;
  detail_job_unref (job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
detail_job_start (VsVolumeLoader *self,
                  DetailJob      *job)
{
  gboolean was_loading = self->details != NULL;
  guint n_workers;

  if (self->details != NULL)
    {
      g_cancellable_cancel (self->details->cancellable);
      self->details->loader = NULL;
      g_clear_pointer (&self->details, detail_job_unref);
    }

  job->loader = self;
  job->context = g_main_context_ref_thread_default ();
  n_workers = CLAMP (job->n_vols, 1, self->calls_in_flight);
  job->workers_left = n_workers;
  self->details = job;

  /* Threads of their own: GTask's pool is shared with every other worker,
   * which must not wait behind 100,000 detail calls. (Linux keeps 15 bytes
   * of a thread's name: a longer one is dropped, and perf and top show the
   * process's.) */
  for (guint i = 0; i < n_workers; i++)
    {
      g_autoptr(GError) error = NULL;
      GThread *thread = g_thread_try_new ("vs-vol-details", detail_worker_thread,
                                          detail_job_ref (job), &error);

      if (thread != NULL)
        g_thread_unref (thread);
      else
        {
          g_warning ("Could not start a thread for volume details: %s", error->message);
          detail_job_worker_done (job);
          detail_job_unref (job);
        }
    }

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Used by --------------------------------------------------------------- */

/* The volume a key of the domain usage map names, if it is ours: a path
 * (the key of file volumes, else indexed once the details came) or a
 * <disk type='volume'> reference to this pool. */
static VsVolume *
find_by_usage_key (VsVolumeLoader *self,
                   const char     *key)
{
  IndexEntry *entry;

  if (self->index == NULL)
    return NULL;

  if (self->ref_prefix != NULL && g_str_has_prefix (key, self->ref_prefix))
    entry = g_hash_table_lookup (self->index->by_name, key + strlen (self->ref_prefix));
  else if ((entry = g_hash_table_lookup (self->index->by_key, key)) == NULL)
    return g_hash_table_lookup (self->by_path, key);

  return entry != NULL ? entry->volume : NULL;
}

static void
update_users (VsVolumeLoader *self,
              VsVolume       *volume)
{
  g_autofree char *ref = NULL;
  g_auto(GStrv) users = NULL;
  const char *keys[3];

  if (self->pool_name != NULL)
    ref = vs_xml_volume_ref (self->pool_name, vs_volume_get_name (volume));
  keys[0] = vs_volume_get_key (volume);
  keys[1] = vs_volume_get_path (volume);
  keys[2] = ref;

  users = vs_domain_usage_get_users (self->usage, keys, G_N_ELEMENTS (keys));
  vs_volume_set_used_by (volume, (const char * const *) users);

  if (users != NULL)
    g_hash_table_add (self->users, volume);
  else
    g_hash_table_remove (self->users, volume);
}

static void
collect_user_cb (const char *key,
                 gpointer    user_data)
{
  gpointer *args = user_data;
  VsVolume *volume = find_by_usage_key (args[0], key);

  if (volume != NULL)
    g_hash_table_add (args[1], volume);
}

/* After a listing: as many lookups as the domain usage
 * map has keys, never one per volume. */
static void
update_all_users (VsVolumeLoader *self)
{
  g_autoptr(GHashTable) before = g_steal_pointer (&self->users);
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);
  gpointer args[] = { self, found };
  GHashTableIter iter;
  gpointer volume;

  self->users = g_hash_table_new (NULL, NULL);
  vs_domain_usage_foreach_key (self->usage, collect_user_cb, args);

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &volume, NULL))
    update_users (self, volume);

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &volume, NULL))
    if (!g_hash_table_contains (self->users, volume))
      vs_volume_set_used_by (volume, NULL);
}

static void
usage_changed_cb (VsDomainUsage      *usage,
                  const char * const *keys,
                  VsVolumeLoader     *self)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      VsVolume *volume = find_by_usage_key (self, keys[i]);

      if (volume != NULL)
        update_users (self, volume);
    }
}

/* Listing --------------------------------------------------------------- */

static void
list_data_free (gpointer ptr)
{
  ListData *data = ptr;

  g_clear_pointer (&data->ptr, virStoragePoolFree);
  g_clear_pointer (&data->index, volume_index_unref);
  g_free (data);
}

static void
list_result_free (gpointer ptr)
{
  ListResult *result = ptr;

  g_clear_pointer (&result->index, volume_index_unref);
  g_clear_pointer (&result->added, g_ptr_array_unref);
  g_clear_pointer (&result->removed, g_ptr_array_unref);
  g_clear_pointer (&result->renamed, g_ptr_array_unref);
  g_clear_pointer (&result->details, detail_job_unref);
  g_free (result);
}

/* libvirtd refuses to send more than REMOTE_STORAGE_VOL_LIST_MAX volumes
 * in one reply. libvirt 9 reports it as an internal error of its RPC layer
 * (code VIR_ERR_INTERNAL_ERROR, domain VIR_FROM_RPC; tests/integration
 * /live/too-many-volumes checks it); for a listing nothing else in that
 * layer fails that way. */
static gboolean
is_too_many (const GError *error)
{
  int code = vs_error_get_libvirt_code (error);

  return vs_error_get_libvirt_domain (error) == VIR_FROM_RPC &&
         (code == VIR_ERR_INTERNAL_ERROR || code == VIR_ERR_RPC);
}

static gpointer
list_volumes_worker (gpointer       task_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ListData *data = task_data;
  ListResult *result;
  virStorageVolPtr *vols = NULL;
  VsVolume **volumes;
  guint n_listed = 0;
  int n;

  n = virStoragePoolListAllVolumes (data->ptr, &vols, 0);
  if (n < 0)
    {
      g_autoptr(GError) local_error = NULL;

      vs_error_set_from_libvirt (&local_error, VS_POOL_ERROR, VS_POOL_ERROR_FAILED,
                                 _("Could not list the volumes"));
      if (is_too_many (local_error))
        vs_error_set_from_error (error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES,
                                 _("This pool holds more volumes than libvirt can list in one "
                                   "call (16384). The pool works, but its volumes cannot be "
                                   "shown here; use fewer volumes per pool."),
                                 local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
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
          virStorageVolFree (vols[i]);
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
          /* A new object nobody else sees yet: 100,000 of these cost the
           * main thread 10 ms when it sets the owner itself. */
          entry->volume = vs_volume_new (name, key);
          vs_volume_set_owner (entry->volume, data->owner);
          g_ptr_array_add (result->added, g_object_ref (entry->volume));
        }
      g_hash_table_insert (result->index->by_key, (gpointer) vs_volume_get_key (entry->volume), entry);
      g_hash_table_insert (result->index->by_name, entry->name, entry);

      /* Dense arrays for the detail job, without the duplicates. */
      vols[n_listed] = vols[i];
      volumes[n_listed] = g_object_ref (entry->volume);
      n_listed++;
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

  result->details = detail_job_new (vols, volumes, n_listed);

  return result;
}

static gboolean
volume_in_set (VsVolume *volume,
               gpointer  user_data)
{
  return g_hash_table_contains (user_data, volume);
}

static void
forget_volume (VsVolumeLoader *self,
               VsVolume       *volume)
{
  const char *path = vs_volume_get_path (volume);

  if (path != NULL && g_hash_table_lookup (self->by_path, path) == volume)
    g_hash_table_remove (self->by_path, path);
  g_hash_table_remove (self->users, volume);
  vs_volume_set_owner (volume, NULL);
}

static void
set_error (VsVolumeLoader *self,
           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;
  if (self->error != NULL && error != NULL &&
      g_error_matches (self->error, error->domain, error->code) &&
      g_strcmp0 (self->error->message, error->message) == 0)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_loaded (VsVolumeLoader *self)
{
  if (self->loaded)
    return;

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
set_listing (VsVolumeLoader *self,
             gboolean        listing)
{
  if (self->listing == (guint) !!listing)
    return;

  self->listing = !!listing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTING]);
}

static void
list_volumes_apply (gpointer      source,
                    gpointer      data,
                    gpointer      res,
                    const GError *error)
{
  VsVolumeLoader *self = source;
  ListResult *result = res;
  guint64 removed_capacity = 0;

  set_listing (self, FALSE);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_error (self, error);
          /* Loaded, with an error: the limit shows, not "no volumes". */
          if (g_error_matches (error, VS_POOL_ERROR, VS_POOL_ERROR_TOO_MANY_VOLUMES))
            set_loaded (self);
        }
      return;
    }

  /* The list was cleared or listed again since this listing began. */
  if (result->generation != self->generation)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  set_error (self, NULL);

  if (result->removed->len > 0)
    {
      g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < result->removed->len; i++)
        {
          VsVolume *volume = g_ptr_array_index (result->removed, i);

          g_hash_table_add (removed, volume);
          removed_capacity += vs_volume_get_capacity (volume);
          forget_volume (self, volume);
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

  update_all_users (self);

  vs_volume_store_append (self->volumes, result->added);
  set_volumes_capacity (self, removed_capacity, 0);
  set_loaded (self);

  detail_job_start (self, g_steal_pointer (&result->details));

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[LISTED], 0);
}

static gboolean
can_list (VsVolumeLoader *self)
{
  return self->ptr != NULL;
}

static void
fail_waiting (VsVolumeLoader *self)
{
  for (guint i = 0; i < self->reload_waiting->len; i++)
    g_task_return_new_error (g_ptr_array_index (self->reload_waiting, i),
                             VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_NOT_CONNECTED,
                             _("The connection to the host is not open"));
  g_ptr_array_set_size (self->reload_waiting, 0);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VsVolumeLoader *self = VS_VOLUME_LOADER (object);
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
      fail_waiting (self);
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

/* One listing runs at a time: each builds on the index the previous one
 * left, and the tasks that asked meanwhile get the next one's answer. */
static void
run_reload (VsVolumeLoader *self,
            GCancellable   *cancellable)
{
  ListData *data;

  g_assert (!self->reload_running);
  g_assert (can_list (self));

  data = g_new0 (ListData, 1);
  data->ptr = self->ptr;
  virStoragePoolRef (data->ptr);
  data->generation = ++self->generation;
  data->index = self->index != NULL ? volume_index_ref (self->index) : NULL;
  data->owner = self->owner;

  self->reload_running = TRUE;
  set_listing (self, TRUE);
  vs_worker_run (self, run_reload, cancellable,
                 list_volumes_worker, data, list_data_free,
                 list_volumes_apply, list_result_free,
                 reload_done_cb, NULL);
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_loader_dispose (GObject *object)
{
  VsVolumeLoader *self = (VsVolumeLoader *)object;

  vs_volume_loader_stop (self);
  if (self->volumes != NULL)
    vs_volume_loader_clear (self);
  if (self->usage != NULL)
    g_signal_handlers_disconnect_by_data (self->usage, self);
  g_clear_object (&self->usage);

  G_OBJECT_CLASS (vs_volume_loader_parent_class)->dispose (object);
}

static void
vs_volume_loader_finalize (GObject *object)
{
  VsVolumeLoader *self = (VsVolumeLoader *)object;

  if (self->ptr != NULL)
    vs_release_storage_pool (g_steal_pointer (&self->ptr));
  g_free (self->pool_name);
  g_free (self->ref_prefix);
  g_clear_object (&self->volumes);
  g_clear_pointer (&self->index, volume_index_unref);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->reload_waiting, g_ptr_array_unref);
  g_clear_pointer (&self->reload_queued, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vs_volume_loader_parent_class)->finalize (object);
}

static void
vs_volume_loader_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VsVolumeLoader *self = VS_VOLUME_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LISTING:
      g_value_set_boolean (value, self->listing);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->details != NULL);
      break;
    case PROP_VOLUMES_CAPACITY:
      g_value_set_uint64 (value, self->volumes_capacity);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_loader_class_init (VsVolumeLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_volume_loader_dispose;
  object_class->finalize = vs_volume_loader_finalize;
  object_class->get_property = vs_volume_loader_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, RO);
  properties[PROP_LISTING] = g_param_spec_boolean ("listing", NULL, NULL, FALSE, RO);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, RO);
  properties[PROP_VOLUMES_CAPACITY] = g_param_spec_uint64 ("volumes-capacity", NULL, NULL,
                                                           0, G_MAXUINT64, 0, RO);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LISTED] = g_signal_new ("listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vs_volume_loader_init (VsVolumeLoader *self)
{
  self->volumes = vs_volume_store_new ();
  self->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->users = g_hash_table_new (NULL, NULL);
  self->reload_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->reload_queued = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->calls_in_flight = DETAIL_WORKERS;
}

/* API ------------------------------------------------------------------- */

VsVolumeLoader *
vs_volume_loader_new (VsVolumeOwner *owner,
                      VsDomainUsage *usage)
{
  VsVolumeLoader *self;

  g_return_val_if_fail (VS_IS_VOLUME_OWNER (owner), NULL);
  g_return_val_if_fail (VS_IS_DOMAIN_USAGE (usage), NULL);

  self = g_object_new (VS_TYPE_VOLUME_LOADER, NULL);
  self->owner = owner;
  self->usage = g_object_ref (usage);
  g_signal_connect_object (usage, "changed", G_CALLBACK (usage_changed_cb), self, 0);

  return self;
}

GListModel *
vs_volume_loader_get_volumes (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), NULL);

  return G_LIST_MODEL (self->volumes);
}

gboolean
vs_volume_loader_get_loaded (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), FALSE);

  return self->loaded;
}

gboolean
vs_volume_loader_get_listing (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), FALSE);

  return self->listing;
}

gboolean
vs_volume_loader_get_loading (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), FALSE);

  return self->details != NULL;
}

guint64
vs_volume_loader_get_volumes_capacity (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), 0);

  return self->volumes_capacity;
}

const GError *
vs_volume_loader_get_error (VsVolumeLoader *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), NULL);

  return self->error;
}

VsVolume *
vs_volume_loader_find (VsVolumeLoader *self,
                       const char     *name)
{
  IndexEntry *entry;

  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->index == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->index->by_name, name);
  return entry != NULL ? entry->volume : NULL;
}

VsVolume *
vs_volume_loader_find_by_key (VsVolumeLoader *self,
                              const char     *key)
{
  IndexEntry *entry;

  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->index == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->index->by_key, key);
  return entry != NULL ? entry->volume : NULL;
}

void
vs_volume_loader_set_source (VsVolumeLoader    *self,
                             virStoragePoolPtr  ptr,
                             const char        *pool_name)
{
  g_return_if_fail (VS_IS_VOLUME_LOADER (self));

  if (g_strcmp0 (self->pool_name, pool_name) != 0)
    {
      g_free (self->pool_name);
      g_free (self->ref_prefix);
      self->pool_name = g_strdup (pool_name);
      self->ref_prefix = pool_name != NULL ? vs_xml_volume_ref (pool_name, "") : NULL;
    }

  if (ptr == self->ptr)
    return;

  /* The details in flight were asked of the handle that goes. */
  if (ptr == NULL)
    detail_job_cancel (self);

  if (self->ptr != NULL)
    vs_release_storage_pool (g_steal_pointer (&self->ptr));
  if (ptr != NULL)
    {
      virStoragePoolRef (ptr);
      self->ptr = ptr;
    }
}

void
vs_volume_loader_clear (VsVolumeLoader *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (VS_IS_VOLUME_LOADER (self));

  detail_job_cancel (self);

  /* Listings in flight were made against what we drop here. */
  self->generation++;

  if (self->index != NULL)
    {
      g_hash_table_iter_init (&iter, self->index->by_key);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        vs_volume_set_owner (((IndexEntry *) value)->volume, NULL);
      g_clear_pointer (&self->index, volume_index_unref);
    }
  g_hash_table_remove_all (self->by_path);
  g_hash_table_remove_all (self->users);

  vs_volume_store_remove_all (self->volumes);
  set_volumes_capacity (self, self->volumes_capacity, 0);
}

void
vs_volume_loader_stop (VsVolumeLoader *self)
{
  g_return_if_fail (VS_IS_VOLUME_LOADER (self));

  g_cancellable_cancel (self->cancellable);
  detail_job_cancel (self);
}

void
vs_volume_loader_queue_reload (VsVolumeLoader *self)
{
  g_return_if_fail (VS_IS_VOLUME_LOADER (self));

  if (!self->loaded || !can_list (self))
    return;

  if (self->reload_running)
    self->reload_again = TRUE;
  else
    run_reload (self, self->cancellable);
}

void
vs_volume_loader_reload_async (VsVolumeLoader      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VS_IS_VOLUME_LOADER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vs_volume_loader_reload_async);

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
vs_volume_loader_reload_finish (VsVolumeLoader  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (VS_IS_VOLUME_LOADER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vs_volume_loader_set_calls_in_flight (VsVolumeLoader *self,
                                      guint           n_calls)
{
  g_return_if_fail (VS_IS_VOLUME_LOADER (self));
  g_return_if_fail (n_calls > 0);

  /* From the next listing on. */
  self->calls_in_flight = n_calls;
}

void
vs_volume_loader_prioritize (VsVolumeLoader *self,
                             VsVolume       *volume)
{
  DetailJob *job;
  gpointer index;

  g_return_if_fail (VS_IS_VOLUME_LOADER (self));
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

void
vs_volume_loader_apply_details (VsVolumeLoader        *self,
                                VsVolume              *volume,
                                const VsVolumeDetails *details)
{
  guint64 before;
  g_autofree char *old_path = NULL;

  g_return_if_fail (VS_IS_VOLUME_LOADER (self));
  g_return_if_fail (VS_IS_VOLUME (volume));
  g_return_if_fail (details != NULL);

  before = vs_volume_get_capacity (volume);
  old_path = g_strdup (vs_volume_get_path (volume));
  if (vs_volume_apply_details (volume, details))
    {
      set_volumes_capacity (self, before, details->capacity);
      index_path (self, volume, old_path);
    }
}
