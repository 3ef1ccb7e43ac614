/* vs-pool-usage.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-usage"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-pool-usage.h"

/* The usage bar turns to the warning colour above this fraction. */
#define USAGE_WARNING 0.9

struct _VsPoolUsage
{
  GtkWidget     parent_instance;

  VsPool       *pool;
  GSignalGroup *pool_signals;

  /* Template widgets */
  GtkLabel     *capacity_label;
  GtkLabel     *allocation_label;
  GtkLabel     *available_label;
  GtkWidget    *overcommit_box;
  GtkImage     *overcommit_icon;
  GtkLabel     *overcommit_label;
  GtkLevelBar  *usage_bar;
};

G_DEFINE_FINAL_TYPE (VsPoolUsage, vs_pool_usage, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static void
set_size_label (GtkLabel *label,
                gboolean  known,
                guint64   bytes)
{
  g_autofree char *text = known ? vs_format_size (bytes) : g_strdup ("—");

  gtk_label_set_text (label, text);
}

static void
update_bar (VsPoolUsage *self,
            gboolean     known,
            guint64      allocation,
            guint64      capacity)
{
  double used = known ? (double) allocation / (double) capacity : 0.0;
  g_autofree char *text = NULL;

  gtk_level_bar_set_value (self->usage_bar, CLAMP (used, 0.0, 1.0));
  gtk_widget_set_sensitive (GTK_WIDGET (self->usage_bar), known);

  if (known)
    {
      g_autofree char *allocation_text = vs_format_size (allocation);
      g_autofree char *capacity_text = vs_format_size (capacity);
      g_autofree char *percent = vs_format_percent (used);

      /* Translators: "40.0 GiB of 100.0 GiB used (40%)" */
      text = g_strdup_printf (_("%s of %s used (%s)"), allocation_text, capacity_text, percent);
    }

  vs_widget_set_tooltip (GTK_WIDGET (self->usage_bar), text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->usage_bar),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->usage_bar),
                                   GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
}

static void
update_overcommit (VsPoolUsage *self,
                   gboolean     known,
                   guint64      capacity)
{
  VsPool *pool = self->pool;
  gboolean overcommitted = FALSE;

  /* Without a volume list (too many volumes for libvirt) there is no sum. */
  if (known && vs_pool_get_volumes_loaded (pool) &&
      (vs_pool_get_volumes_error (pool) == NULL ||
       g_list_model_get_n_items (vs_pool_get_volumes (pool)) > 0))
    {
      guint64 volumes = vs_pool_get_volumes_capacity (pool);
      double fraction = (double) volumes / (double) capacity;
      g_autofree char *size = vs_format_size (volumes);
      g_autofree char *percent = vs_format_percent (fraction);
      /* Translators: the sum of the volumes' capacities, then that as a
       * part of the pool's capacity: "120.0 GiB · 150%" */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), size, percent);

      overcommitted = fraction > 1.0;
      gtk_label_set_text (self->overcommit_label, text);
      vs_widget_set_tooltip (self->overcommit_box,
                             overcommitted
                               ? _("Overcommitted: the volumes can grow to more than the pool holds. "
                                   "Thin-provisioned volumes take space as guests write, "
                                   "so the pool can fill up.")
                               : _("The sum of the volumes’ capacities, against the pool’s capacity"));
    }
  else
    {
      gtk_label_set_text (self->overcommit_label, "—");
      vs_widget_set_tooltip (self->overcommit_box, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->overcommit_icon), overcommitted);
  if (overcommitted)
    gtk_widget_add_css_class (GTK_WIDGET (self->overcommit_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overcommit_label), "warning");
}

static void
update (VsPoolUsage *self)
{
  VsPool *pool = self->pool;
  gboolean active = pool != NULL && vs_pool_get_active (pool);
  guint64 capacity = pool != NULL ? vs_pool_get_capacity (pool) : 0;
  guint64 allocation = pool != NULL ? vs_pool_get_allocation (pool) : 0;
  gboolean known = active && capacity > 0;

  set_size_label (self->capacity_label, known, capacity);
  set_size_label (self->allocation_label, known, allocation);
  set_size_label (self->available_label, known, pool != NULL ? vs_pool_get_available (pool) : 0);
  update_bar (self, known, allocation, capacity);
  update_overcommit (self, known, capacity);

  /* The numbers are the last ones known: grey them out. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), pool == NULL || vs_pool_get_reachable (pool));
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_usage_dispose (GObject *object)
{
  VsPoolUsage *self = (VsPoolUsage *)object;
  GtkWidget *child;

  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  g_clear_object (&self->pool);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_USAGE);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_pool_usage_parent_class)->dispose (object);
}

static void
vs_pool_usage_finalize (GObject *object)
{
  VsPoolUsage *self = (VsPoolUsage *)object;

  g_clear_object (&self->pool_signals);

  G_OBJECT_CLASS (vs_pool_usage_parent_class)->finalize (object);
}

static void
vs_pool_usage_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VsPoolUsage *self = VS_POOL_USAGE (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_usage_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VsPoolUsage *self = VS_POOL_USAGE (object);

  switch (prop_id)
    {
    case PROP_POOL:
      vs_pool_usage_set_pool (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_usage_class_init (VsPoolUsageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_usage_dispose;
  object_class->finalize = vs_pool_usage_finalize;
  object_class->get_property = vs_pool_usage_get_property;
  object_class->set_property = vs_pool_usage_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-usage.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, capacity_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, allocation_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, available_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, overcommit_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, overcommit_icon);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, overcommit_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolUsage, usage_bar);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vspoolusage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_usage_init (VsPoolUsage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkLevelBar's default offsets read like a battery (low is bad); a disk
   * is the other way round. The names only pick the theme's colours. */
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH, USAGE_WARNING);
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1.0);

  self->pool_signals = g_signal_group_new (VS_TYPE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify", G_CALLBACK (update), self);

  update (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_usage_new (void)
{
  return g_object_new (VS_TYPE_POOL_USAGE, NULL);
}

VsPool *
vs_pool_usage_get_pool (VsPoolUsage *self)
{
  g_return_val_if_fail (VS_IS_POOL_USAGE (self), NULL);

  return self->pool;
}

void
vs_pool_usage_set_pool (VsPoolUsage *self,
                        VsPool      *pool)
{
  g_return_if_fail (VS_IS_POOL_USAGE (self));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  if (!g_set_object (&self->pool, pool))
    return;

  g_signal_group_set_target (self->pool_signals, pool);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}
