/* vs-pool-type-facts.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

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
} VsPoolTypeFactSheet;

/* NULL when libvirt knows a type this table does not. */
const VsPoolTypeFactSheet *vs_pool_type_facts_lookup    (const char *type);
/* Every known type, in the order a chooser should list them. */
const VsPoolTypeFactSheet *vs_pool_type_facts_get_all   (guint      *n_types);
/* A symbolic icon for the type: a folder for filesystems, a disk for block
 * storage, their shared variants for storage several hosts see. */
const char                *vs_pool_type_facts_icon_name (const char *type);

#define VS_TYPE_POOL_TYPE_FACTS (vs_pool_type_facts_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolTypeFacts, vs_pool_type_facts, VS, POOL_TYPE_FACTS, GtkWidget)

/* Shows what a pool type means: its name, a description for a newcomer,
 * the facts of the table (kind, shared between hosts, snapshots, thin
 * provisioning, what a volume is) and what those words mean. With
 * "compact" set, the facts only, as one wrapping line. Shows nothing for a
 * type the table does not know ("known" is FALSE then). */
GtkWidget  *vs_pool_type_facts_new           (void);
const char *vs_pool_type_facts_get_pool_type (VsPoolTypeFacts *self);
void        vs_pool_type_facts_set_pool_type (VsPoolTypeFacts *self,
                                              const char      *type);
gboolean    vs_pool_type_facts_get_compact   (VsPoolTypeFacts *self);
void        vs_pool_type_facts_set_compact   (VsPoolTypeFacts *self,
                                              gboolean         compact);
gboolean    vs_pool_type_facts_get_known     (VsPoolTypeFacts *self);

G_END_DECLS
