/* vs-domain-usage.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-domain-usage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>

#include "vs-domain-usage.h"
#include "vs-error.h"
#include "vs-worker.h"
#include "vs-xml.h"

/* Backing chains deeper than this are not followed (nor are loops). */
#define MAX_CHAIN_DEPTH 16

typedef struct
{
  char  *name;
  GStrv  keys;
} DomainRecord;

struct _VsDomainUsage
{
  GObject        parent_instance;

  virConnectPtr  conn;           /* NULL while not following a host */
  GHashTable    *domains;        /* uuid → DomainRecord */
  GHashTable    *map;            /* key → GStrv of sorted domain names */
  GHashTable    *dirty;          /* uuids to read again */
  GCancellable  *cancellable;    /* of the read in flight */
  guint          generation;     /* of the current connection */
  guint          full_pending : 1;
  guint          running : 1;
  guint          loaded : 1;
};

G_DEFINE_FINAL_TYPE (VsDomainUsage, vs_domain_usage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  virConnectPtr  conn;
  GStrv          uuids;          /* NULL: every domain */
  guint          generation;
} ReadData;

typedef struct
{
  guint          generation;
  gboolean       full;
  GHashTable    *records;        /* uuid → DomainRecord */
  GPtrArray     *gone;           /* uuids */
} ReadResult;

static void start_read (VsDomainUsage *self);

/* Reading domains (worker threads) --------------------------------------- */

static void
domain_record_free (gpointer ptr)
{
  DomainRecord *record = ptr;

  g_free (record->name);
  g_strfreev (record->keys);
  g_free (record);
}

static void
add_key (GPtrArray  *keys,
         GHashTable *seen,
         const char *key)
{
  if (g_hash_table_contains (seen, key))
    return;

  g_ptr_array_add (keys, g_strdup (key));
  g_hash_table_add (seen, g_ptr_array_index (keys, keys->len - 1));
}

/* A disk's image may sit on a backing file that libvirt knows as a volume
 * (an inactive domain's XML names only the top image): follow the volumes'
 * backing stores. Whatever libvirt does not know as a volume ends the
 * chain. */
static void
add_backing_chain (virConnectPtr  conn,
                   const char    *path,
                   GPtrArray     *keys,
                   GHashTable    *seen)
{
  g_autofree char *current = g_strdup (path);

  for (guint depth = 0; depth < MAX_CHAIN_DEPTH; depth++)
    {
      g_autoptr(VsVolumeDetails) details = g_new0 (VsVolumeDetails, 1);
      g_autofree char *xml = NULL;
      virStorageVolPtr vol = virStorageVolLookupByPath (conn, current);

      if (vol == NULL)
        break;
      xml = virStorageVolGetXMLDesc (vol, 0);
      virStorageVolFree (vol);

      if (!vs_xml_parse_volume (xml, details, NULL) || details->backing_path == NULL ||
          g_hash_table_contains (seen, details->backing_path))
        break;

      add_key (keys, seen, details->backing_path);
      g_free (current);
      current = g_strdup (details->backing_path);
    }

  virResetLastError ();
}

/* The path of the volume a <disk type='volume'> names, when its pool is
 * running. */
static char *
resolve_volume_ref (virConnectPtr  conn,
                    const char    *ref)
{
  g_autofree char *pool_name = NULL;
  g_autofree char *volume_name = NULL;
  virStoragePoolPtr pool;
  virStorageVolPtr vol = NULL;
  char *path = NULL;

  if (!vs_xml_volume_ref_parse (ref, &pool_name, &volume_name))
    return NULL;

  pool = virStoragePoolLookupByName (conn, pool_name);
  if (pool != NULL)
    vol = virStorageVolLookupByName (pool, volume_name);
  if (vol != NULL)
    path = virStorageVolGetPath (vol);

  g_clear_pointer (&vol, virStorageVolFree);
  g_clear_pointer (&pool, virStoragePoolFree);
  virResetLastError ();

  return path;
}

static gboolean
collect_keys (virConnectPtr   conn,
              const char     *xml,
              GPtrArray      *keys,
              GHashTable     *seen,
              GError        **error)
{
  g_autoptr(GPtrArray) sources = vs_xml_domain_disk_paths (xml, error);

  if (sources == NULL)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      const char *source = g_ptr_array_index (sources, i);
      g_autofree char *path = resolve_volume_ref (conn, source);

      add_key (keys, seen, source);
      if (path != NULL)
        add_key (keys, seen, path);
      add_backing_chain (conn, path != NULL ? path : source, keys, seen);
    }

  return TRUE;
}

static char *
get_domain_xml (virDomainPtr   domain,
                unsigned int   flags,
                GError       **error)
{
  char *xml = virDomainGetXMLDesc (domain, flags);

  if (xml == NULL)
    vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_FAILED,
                               _("Could not read the definition of a virtual machine"));
  return xml;
}

/* Fails with libvirt's VIR_ERR_NO_DOMAIN inside when the domain went away
 * meanwhile. */
static DomainRecord *
read_domain (virConnectPtr   conn,
             virDomainPtr    domain,
             GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autofree char *xml = NULL;
  DomainRecord *record;

  if (!(xml = get_domain_xml (domain, 0, error)) ||
      !collect_keys (conn, xml, keys, seen, error))
    return NULL;

  /* A running domain's definition may name other disks than it runs with
   * (changed with --config): both count. */
  if (virDomainIsActive (domain) == 1 && virDomainIsPersistent (domain) == 1)
    {
      g_autofree char *inactive = NULL;

      if (!(inactive = get_domain_xml (domain, VIR_DOMAIN_XML_INACTIVE, error)) ||
          !collect_keys (conn, inactive, keys, seen, error))
        return NULL;
    }
  virResetLastError ();

  record = g_new0 (DomainRecord, 1);
  record->name = g_strdup (virDomainGetName (domain));
  record->keys = (GStrv) g_ptr_array_steal (keys, NULL);

  return record;
}

static gboolean
domain_gone (const GError *error)
{
  return vs_error_get_libvirt_code (error) == VIR_ERR_NO_DOMAIN;
}

/* Every domain on @conn, by uuid. A domain undefined while we read is
 * left out; any other failure fails the whole read. */
static GHashTable *
read_all_domains (virConnectPtr   conn,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GError) failure = NULL;
  virDomainPtr *domains = NULL;
  int n;

  n = virConnectListAllDomains (conn, &domains, 0);
  if (n < 0)
    {
      vs_error_set_from_libvirt (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_FAILED,
                                 _("Could not list the virtual machines"));
      return NULL;
    }

  records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, domain_record_free);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char uuid[VIR_UUID_STRING_BUFLEN];
      DomainRecord *record = NULL;

      if (failure == NULL && !g_cancellable_set_error_if_cancelled (cancellable, &failure) &&
          virDomainGetUUIDString (domains[i], uuid) == 0)
        record = read_domain (conn, domains[i], &local_error);

      if (record != NULL)
        g_hash_table_insert (records, g_strdup (uuid), record);
      else if (local_error != NULL && !domain_gone (local_error) && failure == NULL)
        failure = g_steal_pointer (&local_error);

      virDomainFree (domains[i]);
    }
  free (domains);

  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return NULL;
    }

  return g_steal_pointer (&records);
}

static void
read_data_free (gpointer ptr)
{
  ReadData *data = ptr;

  g_clear_pointer (&data->conn, virConnectClose);
  g_strfreev (data->uuids);
  g_free (data);
}

static void
read_result_free (gpointer ptr)
{
  ReadResult *result = ptr;

  g_clear_pointer (&result->records, g_hash_table_unref);
  g_clear_pointer (&result->gone, g_ptr_array_unref);
  g_free (result);
}

static gpointer
read_worker (gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ReadData *data = task_data;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  ReadResult *result;

  if (data->uuids == NULL)
    {
      if (!(records = read_all_domains (data->conn, cancellable, error)))
        return NULL;
    }
  else
    {
      records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, domain_record_free);
      for (guint i = 0; data->uuids[i] != NULL; i++)
        {
          g_autoptr(GError) local_error = NULL;
          DomainRecord *record = NULL;
          virDomainPtr domain = virDomainLookupByUUIDString (data->conn, data->uuids[i]);

          if (domain == NULL)
            vs_error_set_from_libvirt (&local_error, VS_CONNECTION_ERROR,
                                       VS_CONNECTION_ERROR_FAILED,
                                       _("Could not find a virtual machine"));
          else
            record = read_domain (data->conn, domain, &local_error);
          g_clear_pointer (&domain, virDomainFree);

          if (record != NULL)
            g_hash_table_insert (records, g_strdup (data->uuids[i]), record);
          else if (domain_gone (local_error))
            g_ptr_array_add (gone, g_strdup (data->uuids[i]));
          else
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  result = g_new0 (ReadResult, 1);
  result->generation = data->generation;
  result->full = data->uuids == NULL;
  result->records = g_steal_pointer (&records);
  result->gone = g_steal_pointer (&gone);

  return result;
}

/* The map (main thread) ------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GHashTable *
build_map (GHashTable *domains)
{
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_strfreev);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, domains);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DomainRecord *record = value;

      for (guint i = 0; record->keys[i] != NULL; i++)
        {
          GPtrArray *names = g_hash_table_lookup (lists, record->keys[i]);

          if (names == NULL)
            {
              names = g_ptr_array_new_null_terminated (1, NULL, TRUE);
              g_hash_table_insert (lists, record->keys[i], names);
            }
          g_ptr_array_add (names, record->name);
        }
    }

  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *names = value;

      g_ptr_array_sort (names, compare_names);
      g_hash_table_insert (map, g_strdup (key), g_strdupv ((char **) names->pdata));
    }

  return map;
}

static gboolean
same_names (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

/* The keys whose names differ between @before and @after. */
static GStrv
changed_keys (GHashTable *before,
              GHashTable *after)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!same_names (value, g_hash_table_lookup (after, key)))
      g_strv_builder_add (builder, key);

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

static void
set_loaded (VsDomainUsage *self,
            gboolean       loaded)
{
  if (self->loaded == (guint) !!loaded)
    return;

  self->loaded = !!loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
read_apply (gpointer      source,
            gpointer      data,
            gpointer      res,
            const GError *error)
{
  VsDomainUsage *self = source;
  ReadData *read_data = data;
  ReadResult *result = res;
  g_autoptr(GHashTable) old_map = NULL;
  g_auto(GStrv) changed = NULL;

  /* A read for a connection that was replaced meanwhile. */
  if (read_data->generation != self->generation)
    return;

  self->running = FALSE;
  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_debug ("Reading the virtual machines failed: %s", error->message);
      /* Read everything again when the next event comes. */
      if (read_data->uuids == NULL)
        self->full_pending = TRUE;
      return;
    }

  if (result->full)
    {
      g_hash_table_unref (self->domains);
      self->domains = g_steal_pointer (&result->records);
    }
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      for (guint i = 0; i < result->gone->len; i++)
        g_hash_table_remove (self->domains, g_ptr_array_index (result->gone, i));

      g_hash_table_iter_init (&iter, result->records);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (self->domains, key, value);
        }
    }

  old_map = g_steal_pointer (&self->map);
  self->map = build_map (self->domains);
  changed = changed_keys (old_map, self->map);

  if (result->full)
    set_loaded (self, TRUE);
  if (changed[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0, changed);

  start_read (self);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  vs_worker_finish_boolean (object, result, start_read, NULL);
}

/* One read at a time: a full one when the connection is new, else the
 * domains events named since the last read started. */
static void
start_read (VsDomainUsage *self)
{
  ReadData *data;

  if (self->running || self->conn == NULL)
    return;
  if (!self->full_pending && g_hash_table_size (self->dirty) == 0)
    return;

  data = g_new0 (ReadData, 1);
  virConnectRef (self->conn);
  data->conn = self->conn;
  data->generation = self->generation;
  /* A domain that changes from now on is marked again: this read may
   * have missed the change. */
  if (!self->full_pending)
    {
      data->uuids = (GStrv) g_hash_table_get_keys_as_array (self->dirty, NULL);
      /* The array owns the keys now. */
      g_hash_table_steal_all (self->dirty);
    }
  else
    g_hash_table_remove_all (self->dirty);
  self->full_pending = FALSE;
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();

  vs_worker_run (self, start_read, self->cancellable,
                 read_worker, data, read_data_free,
                 read_apply, read_result_free,
                 read_done_cb, NULL);
}

/* Class ------------------------------------------------------------------ */

static void
vs_domain_usage_dispose (GObject *object)
{
  VsDomainUsage *self = (VsDomainUsage *)object;

  vs_domain_usage_set_connection (self, NULL);

  G_OBJECT_CLASS (vs_domain_usage_parent_class)->dispose (object);
}

static void
vs_domain_usage_finalize (GObject *object)
{
  VsDomainUsage *self = (VsDomainUsage *)object;

  g_clear_pointer (&self->domains, g_hash_table_unref);
  g_clear_pointer (&self->map, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);

  G_OBJECT_CLASS (vs_domain_usage_parent_class)->finalize (object);
}

static void
vs_domain_usage_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VsDomainUsage *self = VS_DOMAIN_USAGE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_domain_usage_class_init (VsDomainUsageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_domain_usage_dispose;
  object_class->finalize = vs_domain_usage_finalize;
  object_class->get_property = vs_domain_usage_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
vs_domain_usage_init (VsDomainUsage *self)
{
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, domain_record_free);
  self->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API ------------------------------------------------------------ */

VsDomainUsage *
vs_domain_usage_new (void)
{
  return g_object_new (VS_TYPE_DOMAIN_USAGE, NULL);
}

void
vs_domain_usage_set_connection (VsDomainUsage *self,
                                virConnectPtr  conn)
{
  g_return_if_fail (VS_IS_DOMAIN_USAGE (self));

  self->generation++;
  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->conn != NULL)
    vs_release_conn (g_steal_pointer (&self->conn));

  self->conn = conn;
  if (conn == NULL)
    return;

  set_loaded (self, FALSE);
  self->full_pending = TRUE;
  start_read (self);
}

void
vs_domain_usage_domain_changed (VsDomainUsage *self,
                                const char    *uuid)
{
  g_return_if_fail (VS_IS_DOMAIN_USAGE (self));
  g_return_if_fail (uuid != NULL);

  g_hash_table_add (self->dirty, g_strdup (uuid));
  start_read (self);
}

void
vs_domain_usage_reload (VsDomainUsage *self)
{
  g_return_if_fail (VS_IS_DOMAIN_USAGE (self));

  self->full_pending = TRUE;
  start_read (self);
}

gboolean
vs_domain_usage_get_loaded (VsDomainUsage *self)
{
  g_return_val_if_fail (VS_IS_DOMAIN_USAGE (self), FALSE);

  return self->loaded;
}

char **
vs_domain_usage_get_users (VsDomainUsage      *self,
                           const char * const *keys,
                           guint               n_keys)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (VS_IS_DOMAIN_USAGE (self), NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  if (g_hash_table_size (self->map) == 0)
    return NULL;

  names = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  for (guint i = 0; i < n_keys; i++)
    {
      const char * const *users = keys[i] != NULL ? g_hash_table_lookup (self->map, keys[i]) : NULL;

      for (guint j = 0; users != NULL && users[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (names, users[j], g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (users[j]));
    }

  if (names->len == 0)
    return NULL;

  g_ptr_array_sort (names, compare_names);
  return (char **) g_ptr_array_steal (names, NULL);
}

void
vs_domain_usage_foreach_key (VsDomainUsage        *self,
                             VsDomainUsageKeyFunc  func,
                             gpointer              user_data)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (VS_IS_DOMAIN_USAGE (self));
  g_return_if_fail (func != NULL);

  g_hash_table_iter_init (&iter, self->map);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    func (key, user_data);
}

char **
vs_domain_usage_find_users_sync (virConnectPtr            conn,
                                 VsDomainUsageMatchFunc   match,
                                 gpointer                 user_data,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (!(records = read_all_domains (conn, cancellable, error)))
    return NULL;

  names = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DomainRecord *record = value;

      for (guint i = 0; record->keys[i] != NULL; i++)
        if (match (record->keys[i], user_data))
          {
            g_ptr_array_add (names, g_strdup (record->name));
            break;
          }
    }

  if (names->len == 0)
    return NULL;

  g_ptr_array_sort (names, compare_names);
  return (char **) g_ptr_array_steal (names, NULL);
}
