/* vs-domain-usage.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

#define VS_TYPE_DOMAIN_USAGE (vs_domain_usage_get_type ())

G_DECLARE_FINAL_TYPE (VsDomainUsage, vs_domain_usage, VS, DOMAIN_USAGE, GObject)

/* Which domains (virtual machines) use which storage, for one connection:
 * a map from a key to the names of the domains whose disks use it. The
 * keys are the disks' source paths, the backing files under them (as far
 * as libvirt knows the images as volumes), and, for <disk type='volume'>,
 * vs_xml_volume_ref() of the pool and volume (and the volume's path).
 *
 * Every domain's XML is read once per session, in a worker; then each
 * domain event re-reads that one domain. "changed" (a GStrv of keys) says
 * which keys now map to other names.
 *
 * What the map says is for showing. Whether a volume may be deleted is
 * asked of the host at that moment: vs_domain_usage_find_users_sync(). */

VsDomainUsage  *vs_domain_usage_new            (void);
/* Follows the host behind @conn (takes the reference; dropped in a worker
 * thread): reads every domain, then whatever domain events name. NULL
 * stops following and keeps the map as it was (a session ended). */
void            vs_domain_usage_set_connection (VsDomainUsage  *self,
                                                virConnectPtr   conn);
/* A domain event: the domain with @uuid is read again. Events that come
 * before a connection is set are covered by the full read it starts. */
void            vs_domain_usage_domain_changed (VsDomainUsage  *self,
                                                const char     *uuid);
/* Reads every domain again (the user's Refresh: libvirt 9 emits no event
 * when a disk is attached to or detached from a stopped domain with
 * --config). */
void            vs_domain_usage_reload         (VsDomainUsage  *self);
/* TRUE once every domain of the current connection has been read. */
gboolean        vs_domain_usage_get_loaded     (VsDomainUsage  *self);
/* The sorted names of the domains that use any of the @n_keys @keys (NULL
 * entries are skipped), or NULL when none does. */
char          **vs_domain_usage_get_users      (VsDomainUsage       *self,
                                                const char * const  *keys,
                                                guint                n_keys);
typedef void  (*VsDomainUsageKeyFunc)          (const char     *key,
                                                gpointer        user_data);
/* Calls @func for every key in the map. */
void            vs_domain_usage_foreach_key    (VsDomainUsage        *self,
                                                VsDomainUsageKeyFunc  func,
                                                gpointer              user_data);

/* Worker side ------------------------------------------------------------ */

/* Whether a key (as in the map) is one of the things being asked about. */
typedef gboolean (*VsDomainUsageMatchFunc)     (const char     *key,
                                                gpointer        user_data);

/* Any thread but the main one: reads every domain on @conn now and returns
 * the sorted names of those with a disk key @match accepts, or NULL when
 * none has. Fails (VS_CONNECTION_ERROR_FAILED) when a domain cannot be
 * read: then nobody can say the storage is unused. */
char          **vs_domain_usage_find_users_sync (virConnectPtr           conn,
                                                 VsDomainUsageMatchFunc  match,
                                                 gpointer                user_data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

G_END_DECLS
