/* vs-volume-allocation-cell.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-allocation-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-volume.h"
#include "vs-volume-allocation-cell.h"

/* Built in code, not from a template: see vs-volume-name-cell.c. Besides,
 * GtkLevelBar's default offsets ("battery low" below a quarter) cannot be
 * removed from a .ui file, and GtkProgressBar is too wide for a cell. */

struct _VsVolumeAllocationCell
{
  GtkWidget    parent_instance;

  VsVolume    *volume;
  GtkLevelBar *bar;
  GtkInscription *label;
};

G_DEFINE_FINAL_TYPE (VsVolumeAllocationCell, vs_volume_allocation_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Signal callbacks ----------------------------------------------------- */

static gboolean
query_tooltip_cb (VsVolumeAllocationCell *self,
                  int                     x,
                  int                     y,
                  gboolean                keyboard_mode,
                  GtkTooltip             *tooltip)
{
  guint64 allocation, capacity;
  g_autofree char *allocation_text = NULL;
  g_autofree char *capacity_text = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;

  if (self->volume == NULL || !vs_volume_get_details_loaded (self->volume))
    return FALSE;

  allocation = vs_volume_get_allocation (self->volume);
  capacity = vs_volume_get_capacity (self->volume);
  allocation_text = vs_format_size (allocation);
  capacity_text = vs_format_size (capacity);
  percent = vs_format_percent (capacity > 0 ? (double) allocation / (double) capacity : 0.0);
  /* Translators: "3.0 GiB used on the host of 32.0 GiB the guest sees (9%)" */
  text = g_strdup_printf (_("%s used on the host of %s the guest sees (%s)"),
                          allocation_text, capacity_text, percent);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
update_cb (VsVolumeAllocationCell *self)
{
  guint64 allocation = vs_volume_get_allocation (self->volume);
  guint64 capacity = vs_volume_get_capacity (self->volume);
  g_autofree char *allocation_text = NULL;
  double fraction;

  if (!vs_volume_get_details_loaded (self->volume))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->bar), FALSE);
      gtk_inscription_set_text (self->label, "…");
      return;
    }

  fraction = capacity > 0 ? (double) allocation / (double) capacity : 0.0;
  allocation_text = vs_format_size (allocation);

  gtk_widget_set_visible (GTK_WIDGET (self->bar), TRUE);
  gtk_level_bar_set_value (self->bar, CLAMP (fraction, 0.0, 1.0));
  gtk_inscription_set_text (self->label, allocation_text);
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_allocation_cell_dispose (GObject *object)
{
  VsVolumeAllocationCell *self = (VsVolumeAllocationCell *)object;

  vs_volume_allocation_cell_set_volume (self, NULL);
  if (self->bar != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->bar)));
  if (self->label != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->label)));

  G_OBJECT_CLASS (vs_volume_allocation_cell_parent_class)->dispose (object);
}

static void
vs_volume_allocation_cell_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  VsVolumeAllocationCell *self = VS_VOLUME_ALLOCATION_CELL (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      g_value_set_object (value, self->volume);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_allocation_cell_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  VsVolumeAllocationCell *self = VS_VOLUME_ALLOCATION_CELL (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      vs_volume_allocation_cell_set_volume (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_allocation_cell_class_init (VsVolumeAllocationCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_volume_allocation_cell_dispose;
  object_class->get_property = vs_volume_allocation_cell_get_property;
  object_class->set_property = vs_volume_allocation_cell_set_property;

  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vs_volume_allocation_cell_init (VsVolumeAllocationCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 8);

  self->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0.0, 1.0));
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->bar, "vs-usage-normal", 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->bar), "vs-usage");
  gtk_widget_set_hexpand (GTK_WIDGET (self->bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar), 40, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Allocation against capacity"),
                                  -1);
  gtk_widget_set_parent (GTK_WIDGET (self->bar), widget);

  self->label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  gtk_inscription_set_attributes (self->label, attrs);
  pango_attr_list_unref (attrs);
  gtk_inscription_set_xalign (self->label, 1.0);
  gtk_inscription_set_min_chars (self->label, 9);
  gtk_inscription_set_nat_chars (self->label, 9);
  gtk_widget_set_parent (GTK_WIDGET (self->label), widget);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_allocation_cell_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_ALLOCATION_CELL, NULL);
}

VsVolume *
vs_volume_allocation_cell_get_volume (VsVolumeAllocationCell *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_ALLOCATION_CELL (self), NULL);

  return self->volume;
}

void
vs_volume_allocation_cell_set_volume (VsVolumeAllocationCell *self,
                                      VsVolume               *volume)
{
  const char *signals[] = { "notify::allocation", "notify::capacity", "notify::details-loaded" };

  g_return_if_fail (VS_IS_VOLUME_ALLOCATION_CELL (self));
  g_return_if_fail (volume == NULL || VS_IS_VOLUME (volume));

  if (self->volume == volume)
    return;

  if (self->volume != NULL)
    g_signal_handlers_disconnect_by_data (self->volume, self);

  g_set_object (&self->volume, volume);

  if (volume != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        /* Disconnected before the volume goes: see vs-volume-name-cell.c. */
        g_signal_connect_swapped (volume, signals[i], G_CALLBACK (update_cb), self);
      update_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}
