/* vs-pool-capabilities.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vs-pool-type.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_CAPABILITIES (vs_pool_capabilities_get_type ())

/* Which pool types a host supports and, for each, the source formats and
 * volume formats it accepts: virConnectGetStoragePoolCapabilities, parsed.
 * Immutable and reference counted: safe to share between threads. */
typedef struct _VsPoolCapabilities VsPoolCapabilities;

GType               vs_pool_capabilities_get_type      (void) G_GNUC_CONST;
VsPoolCapabilities *vs_pool_capabilities_ref           (VsPoolCapabilities  *self);
void                vs_pool_capabilities_unref         (VsPoolCapabilities  *self);

/* Parses libvirt's <storagepoolCapabilities> document. A type the document
 * does not name is unsupported; types the app does not create (sheepdog,
 * vstorage) are ignored. */
VsPoolCapabilities *vs_pool_capabilities_new_from_xml  (const char          *xml,
                                                        GError             **error);
/* What a host that cannot report its capabilities (libvirt before 5.2, the
 * test driver) gets: every type, with libvirt 9's formats (vs-pool-type). */
VsPoolCapabilities *vs_pool_capabilities_new_builtin   (void);

/* TRUE for the built-in list: the host did not say what it supports, so
 * vs_pool_capabilities_supports() is TRUE for every type and libvirt only
 * tells when the pool is defined. */
gboolean            vs_pool_capabilities_is_builtin    (VsPoolCapabilities  *self);
/* Whether the host's libvirt was built with the driver for @type. */
gboolean            vs_pool_capabilities_supports      (VsPoolCapabilities  *self,
                                                        VsPoolType           type);
/* NULL-terminated, or NULL when the type takes no source format. */
const char * const *vs_pool_capabilities_get_source_formats        (VsPoolCapabilities *self,
                                                                    VsPoolType          type);
const char         *vs_pool_capabilities_get_default_source_format (VsPoolCapabilities *self,
                                                                    VsPoolType          type);
/* NULL-terminated, or NULL when the volumes of @type have no format to
 * choose. */
const char * const *vs_pool_capabilities_get_volume_formats        (VsPoolCapabilities *self,
                                                                    VsPoolType          type);
const char         *vs_pool_capabilities_get_default_volume_format (VsPoolCapabilities *self,
                                                                    VsPoolType          type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsPoolCapabilities, vs_pool_capabilities_unref)

G_END_DECLS
