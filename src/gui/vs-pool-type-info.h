/* vs-pool-type-info.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VS_POOL_KIND_FILESYSTEM,
  VS_POOL_KIND_BLOCK,
} VsPoolKind;

typedef enum
{
  VS_POOL_SHARING_NO,
  VS_POOL_SHARING_YES,
  VS_POOL_SHARING_DEPENDS,
} VsPoolSharing;

/* What a pool type means, from the table in DESIGN.md. Every string is an
 * untranslated message id (marked with N_()): pass it through _() (or
 * g_dgettext (GETTEXT_PACKAGE, ...)) to show it. */
typedef struct
{
  const char    *type;          /* libvirt's name: "dir", "logical", ... */
  const char    *label;         /* "Directory" */
  VsPoolKind     kind_class;
  const char    *kind;          /* "Filesystem", "Block (LVM volume group)" */
  VsPoolSharing  sharing;
  const char    *shared;        /* shared between hosts (live migration) */
  const char    *snapshots;
  const char    *thin;          /* thin provisioning */
  const char    *volume;        /* what one volume is: "An image file" */
  const char    *description;   /* one or two sentences for a newcomer */
} VsPoolTypeInfo;

/* NULL when libvirt knows a type this table does not. */
const VsPoolTypeInfo *vs_pool_type_info_lookup  (const char *type);
/* Every known type, in the order a chooser should list them. */
const VsPoolTypeInfo *vs_pool_type_info_get_all (guint      *n_types);

G_END_DECLS
