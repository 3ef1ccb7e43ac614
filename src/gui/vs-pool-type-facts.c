/* vs-pool-type-facts.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-type-facts"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-pool-type-facts.h"

struct _VsPoolTypeFacts
{
  GtkWidget                  parent_instance;

  char                      *pool_type;
  const VsPoolTypeFactSheet *sheet;
  gboolean                   compact;

  /* Template widgets */
  GtkStack                  *stack;
  GtkLabel                  *summary_label;
  GtkLabel                  *title_label;
  GtkLabel                  *description_label;
  GtkLabel                  *kind_label;
  GtkLabel                  *shared_label;
  GtkLabel                  *snapshots_label;
  GtkLabel                  *thin_label;
  GtkLabel                  *volume_label;
};

G_DEFINE_FINAL_TYPE (VsPoolTypeFacts, vs_pool_type_facts, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL_TYPE,
  PROP_COMPACT,
  PROP_KNOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static const VsPoolTypeFactSheet pool_types[] = {
  {
    "dir", N_("Directory"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file (raw, qcow2, vdi, vmdk, …)"),
    N_("A directory on the host. Each volume is a disk image file in it: a raw file takes "
       "all its space at once, a qcow2 file grows as the guest writes and supports snapshots."),
  },
  {
    "fs", N_("Filesystem on a block device"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem on a local block device"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file"),
    N_("A local disk or partition that libvirt mounts. Volumes are image files in its "
       "filesystem, like in a directory pool."),
  },
  {
    "netfs", N_("Network filesystem"),
    VS_POOL_KIND_FILESYSTEM, N_("Network filesystem (NFS, GlusterFS, CIFS)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("With qcow2"), N_("With qcow2"),
    N_("An image file"),
    N_("A directory of a file server (NAS) that libvirt mounts. Several hosts see the same "
       "files, so virtual machines can move between them while running (live migration)."),
  },
  {
    "logical", N_("LVM volume group"),
    VS_POOL_KIND_BLOCK, N_("Block (LVM volume group)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("Yes (LVM)"), N_("With LVM thin"),
    N_("A logical volume"),
    N_("An LVM volume group. Each volume is a logical volume that a virtual machine uses as "
       "a whole disk; LVM takes snapshots, and thin pools give thin provisioning."),
  },
  {
    "disk", N_("Physical disk"),
    VS_POOL_KIND_BLOCK, N_("Block (a whole disk’s partitions)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("No"), N_("No"),
    N_("A partition"),
    N_("A whole disk of the host. Each volume is a partition of it."),
  },
  {
    "iscsi", N_("iSCSI target"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of an iSCSI target)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs an iSCSI server exports, through the host’s iSCSI initiator. The server "
       "creates the LUNs; several hosts can use them (live migration)."),
  },
  {
    "iscsi-direct", N_("iSCSI target (direct)"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of an iSCSI target)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs an iSCSI server exports, reached by QEMU itself without the host’s "
       "initiator. Several hosts can use them (live migration)."),
  },
  {
    "scsi", N_("SCSI host adapter"),
    VS_POOL_KIND_BLOCK, N_("Block (LUNs of a host adapter)"),
    VS_POOL_SHARING_DEPENDS, N_("Depends on the SAN"),
    N_("No"), N_("No"),
    N_("A LUN"),
    N_("The LUNs a SCSI or Fibre Channel host adapter sees. Whether other hosts see them "
       "too depends on the storage network."),
  },
  {
    "mpath", N_("Multipath devices"),
    VS_POOL_KIND_BLOCK, N_("Block (multipath devices)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("No"), N_("No"),
    N_("A multipath device"),
    N_("The host’s multipath devices: one disk of a storage network reached over several "
       "paths."),
  },
  {
    "rbd", N_("Ceph RBD"),
    VS_POOL_KIND_BLOCK, N_("Block (Ceph RBD)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("Yes"), N_("Yes"),
    N_("An RBD image"),
    N_("A pool of a Ceph cluster. Each volume is an RBD image, thin and with snapshots, "
       "that every host of the cluster can reach."),
  },
  {
    "gluster", N_("GlusterFS"),
    VS_POOL_KIND_FILESYSTEM, N_("Filesystem (GlusterFS native)"),
    VS_POOL_SHARING_YES, N_("Yes"),
    N_("With qcow2"), N_("With qcow2"),
    N_("A file"),
    N_("A GlusterFS volume reached by QEMU directly. Volumes are files that every host "
       "of the cluster can reach."),
  },
  {
    "zfs", N_("ZFS pool"),
    VS_POOL_KIND_BLOCK, N_("Block (ZFS zvols)"),
    VS_POOL_SHARING_NO, N_("No"),
    N_("Yes"), N_("Yes"),
    N_("A zvol"),
    N_("A ZFS pool of the host. Each volume is a zvol, with ZFS snapshots and thin "
       "provisioning."),
  },
};

/* Helpers --------------------------------------------------------------- */

/* Joins the words of @text with no-break spaces, so a heading and its value
 * wrap as one piece. */
static char *
keep_together (const char *text)
{
  g_autoptr(GString) string = g_string_new (text);

  g_string_replace (string, " ", "\u00a0", 0);
  return g_string_free (g_steal_pointer (&string), FALSE);
}

static const char *
shared_text (const VsPoolTypeFactSheet *sheet)
{
  return sheet->sharing == VS_POOL_SHARING_YES ? _("Yes: live migration") : _(sheet->shared);
}

static char *
summary_markup (const VsPoolTypeFactSheet *sheet)
{
  const char *headings[] = { _("Shared between hosts"), _("Snapshots"), _("Thin provisioning"),
                             /* Translators: heading of what one volume of the pool is,
                              * followed by "An image file", "A logical volume", ... */
                             C_("pool type", "Volume") };
  const char *values[] = { shared_text (sheet), _(sheet->snapshots), _(sheet->thin), _(sheet->volume) };
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *kind = g_markup_escape_text (_(sheet->kind), -1);

  g_string_append (markup, kind);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *heading = keep_together (headings[i]);
      g_autofree char *value = keep_together (values[i]);
      /* The dot keeps to the fact before it: a wrapped line ends with it
       * rather than starting with it. */
      g_autofree char *pair = g_markup_printf_escaped ("\u00a0\u00a0\u00a0·   <b>%s</b>\u00a0%s",
                                                       heading, value);

      g_string_append (markup, pair);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
update (VsPoolTypeFacts *self)
{
  const VsPoolTypeFactSheet *sheet = self->sheet;
  g_autofree char *summary = NULL;

  gtk_stack_set_visible_child_name (self->stack, self->compact ? "compact" : "full");
  gtk_widget_set_visible (GTK_WIDGET (self->stack), sheet != NULL);
  if (sheet == NULL)
    return;

  summary = summary_markup (sheet);
  gtk_label_set_markup (self->summary_label, summary);
  gtk_label_set_text (self->title_label, _(sheet->label));
  gtk_label_set_text (self->description_label, _(sheet->description));
  gtk_label_set_text (self->kind_label, _(sheet->kind));
  gtk_label_set_text (self->shared_label, shared_text (sheet));
  gtk_label_set_text (self->snapshots_label, _(sheet->snapshots));
  gtk_label_set_text (self->thin_label, _(sheet->thin));
  gtk_label_set_text (self->volume_label, _(sheet->volume));
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_type_facts_dispose (GObject *object)
{
  VsPoolTypeFacts *self = (VsPoolTypeFacts *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_TYPE_FACTS);

  G_OBJECT_CLASS (vs_pool_type_facts_parent_class)->dispose (object);
}

static void
vs_pool_type_facts_finalize (GObject *object)
{
  VsPoolTypeFacts *self = (VsPoolTypeFacts *)object;

  g_free (self->pool_type);

  G_OBJECT_CLASS (vs_pool_type_facts_parent_class)->finalize (object);
}

static void
vs_pool_type_facts_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VsPoolTypeFacts *self = VS_POOL_TYPE_FACTS (object);

  switch (prop_id)
    {
    case PROP_POOL_TYPE:
      g_value_set_string (value, self->pool_type);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_KNOWN:
      g_value_set_boolean (value, self->sheet != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_type_facts_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VsPoolTypeFacts *self = VS_POOL_TYPE_FACTS (object);

  switch (prop_id)
    {
    case PROP_POOL_TYPE:
      vs_pool_type_facts_set_pool_type (self, g_value_get_string (value));
      break;
    case PROP_COMPACT:
      vs_pool_type_facts_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_type_facts_class_init (VsPoolTypeFactsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_type_facts_dispose;
  object_class->finalize = vs_pool_type_facts_finalize;
  object_class->get_property = vs_pool_type_facts_get_property;
  object_class->set_property = vs_pool_type_facts_set_property;

  properties[PROP_POOL_TYPE] =
    g_param_spec_string ("pool-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KNOWN] =
    g_param_spec_boolean ("known", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-type-facts.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, description_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, kind_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, shared_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, snapshots_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, thin_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypeFacts, volume_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_type_facts_init (VsPoolTypeFacts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/* Public API ------------------------------------------------------------ */

const VsPoolTypeFactSheet *
vs_pool_type_facts_lookup (const char *type)
{
  if (type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pool_types); i++)
    if (strcmp (pool_types[i].type, type) == 0)
      return &pool_types[i];

  return NULL;
}

const VsPoolTypeFactSheet *
vs_pool_type_facts_get_all (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (pool_types);

  return pool_types;
}

const char *
vs_pool_type_facts_icon_name (const char *type)
{
  const VsPoolTypeFactSheet *sheet = vs_pool_type_facts_lookup (type);

  if (sheet == NULL)
    return "drive-harddisk-symbolic";

  if (sheet->kind_class == VS_POOL_KIND_FILESYSTEM)
    return sheet->sharing == VS_POOL_SHARING_YES ? "folder-remote-symbolic" : "folder-symbolic";

  return sheet->sharing == VS_POOL_SHARING_YES ? "drive-multidisk-symbolic" : "drive-harddisk-symbolic";
}

GtkWidget *
vs_pool_type_facts_new (void)
{
  return g_object_new (VS_TYPE_POOL_TYPE_FACTS, NULL);
}

const char *
vs_pool_type_facts_get_pool_type (VsPoolTypeFacts *self)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_FACTS (self), NULL);

  return self->pool_type;
}

void
vs_pool_type_facts_set_pool_type (VsPoolTypeFacts *self,
                                  const char      *type)
{
  gboolean was_known;

  g_return_if_fail (VS_IS_POOL_TYPE_FACTS (self));

  if (g_strcmp0 (self->pool_type, type) == 0)
    return;

  g_free (self->pool_type);
  self->pool_type = g_strdup (type);

  was_known = self->sheet != NULL;
  self->sheet = vs_pool_type_facts_lookup (type);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL_TYPE]);
  if (was_known != (self->sheet != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KNOWN]);
}

gboolean
vs_pool_type_facts_get_compact (VsPoolTypeFacts *self)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_FACTS (self), FALSE);

  return self->compact;
}

void
vs_pool_type_facts_set_compact (VsPoolTypeFacts *self,
                                gboolean         compact)
{
  g_return_if_fail (VS_IS_POOL_TYPE_FACTS (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
vs_pool_type_facts_get_known (VsPoolTypeFacts *self)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_FACTS (self), FALSE);

  return self->sheet != NULL;
}
