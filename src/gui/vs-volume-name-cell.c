/* vs-volume-name-cell.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-name-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-volume.h"
#include "vs-volume-name-cell.h"

/* Cells are built in code, not from a template: GTK 4.8 drops and rebuilds
 * the visible rows at every step of an incremental sort, and parsing a
 * template per cell made each step stall the window for over 100 ms. */

struct _VsVolumeNameCell
{
  GtkWidget  parent_instance;

  VsVolume  *volume;
  GtkImage  *image;
  GtkInscription *label;
  GtkLabel  *backing_label;   /* an overlay's base, hidden otherwise */
  GtkWidget *spinner;
};

G_DEFINE_FINAL_TYPE (VsVolumeNameCell, vs_volume_name_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static const char *
icon_name (VsVolume *volume)
{
  if (g_strcmp0 (vs_volume_get_format (volume), "iso") == 0)
    return "media-optical-symbolic";

  switch (vs_volume_get_volume_type (volume))
    {
    case VS_VOLUME_TYPE_DIR:
    case VS_VOLUME_TYPE_NETDIR:
      return "folder-symbolic";
    case VS_VOLUME_TYPE_NETWORK:
      return "network-server-symbolic";
    case VS_VOLUME_TYPE_UNKNOWN:
    case VS_VOLUME_TYPE_FILE:
    case VS_VOLUME_TYPE_BLOCK:
    case VS_VOLUME_TYPE_PLOOP:
    default:
      return "drive-harddisk-symbolic";
    }
}

/* GTK 4.8 gives a list row no name of its own; a screen reader would
 * announce "row" for every volume. */
static void
name_row (VsVolumeNameCell *self,
          const char       *name)
{
  for (GtkWidget *widget = gtk_widget_get_parent (GTK_WIDGET (self));
       widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0)
        {
          if (name != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                            -1);
          else
            gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
          return;
        }
    }
}

/* Signal callbacks ----------------------------------------------------- */

static void
name_changed_cb (VsVolumeNameCell *self)
{
  const char *name = vs_volume_get_name (self->volume);

  gtk_inscription_set_text (self->label, name);
  name_row (self, name);
}

static void
details_changed_cb (VsVolumeNameCell *self)
{
  const char *backing = vs_volume_get_backing_path (self->volume);

  if (g_strcmp0 (gtk_image_get_icon_name (self->image), icon_name (self->volume)) != 0)
    gtk_image_set_from_icon_name (self->image, icon_name (self->volume));

  /* An overlay (linked clone) says what it is based on; its own name is
   * cut short last. */
  gtk_widget_set_visible (GTK_WIDGET (self->backing_label), backing != NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), backing == NULL);
  if (backing != NULL)
    {
      g_autofree char *base = g_path_get_basename (backing);
      /* Translators: after a volume's name in the list, the volume it is
       * an overlay on: "on base.qcow2" */
      g_autofree char *text = g_strdup_printf (_("on %s"), base);

      gtk_label_set_text (self->backing_label, text);
    }
}

static void
busy_changed_cb (VsVolumeNameCell *self)
{
  gboolean busy = vs_volume_get_busy (self->volume);

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_name_cell_dispose (GObject *object)
{
  VsVolumeNameCell *self = (VsVolumeNameCell *)object;
  GtkWidget *child;

  vs_volume_name_cell_set_volume (self, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_volume_name_cell_parent_class)->dispose (object);
}

static void
vs_volume_name_cell_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VsVolumeNameCell *self = VS_VOLUME_NAME_CELL (object);

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
vs_volume_name_cell_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VsVolumeNameCell *self = VS_VOLUME_NAME_CELL (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      vs_volume_name_cell_set_volume (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_name_cell_class_init (VsVolumeNameCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_volume_name_cell_dispose;
  object_class->get_property = vs_volume_name_cell_get_property;
  object_class->set_property = vs_volume_name_cell_set_property;

  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vs_volume_name_cell_init (VsVolumeNameCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 8);

  self->image = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume"),
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->image), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->image), widget);

  self->label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  vs_inscription_tooltip_when_cut (self->label);
  gtk_inscription_set_text_overflow (self->label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->label), widget);

  self->backing_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->backing_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->backing_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->backing_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->backing_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->backing_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->backing_label), FALSE);
  vs_label_tooltip_when_ellipsized (self->backing_label);
  gtk_widget_set_parent (GTK_WIDGET (self->backing_label), widget);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Working…"),
                                  -1);
  gtk_widget_set_parent (self->spinner, widget);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_name_cell_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_NAME_CELL, NULL);
}

VsVolume *
vs_volume_name_cell_get_volume (VsVolumeNameCell *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_NAME_CELL (self), NULL);

  return self->volume;
}

void
vs_volume_name_cell_set_volume (VsVolumeNameCell *self,
                                VsVolume         *volume)
{
  VsPool *pool;

  g_return_if_fail (VS_IS_VOLUME_NAME_CELL (self));
  g_return_if_fail (volume == NULL || VS_IS_VOLUME (volume));

  if (self->volume == volume)
    return;

  if (self->volume != NULL)
    g_signal_handlers_disconnect_by_data (self->volume, self);

  g_set_object (&self->volume, volume);

  if (volume == NULL)
    {
      gtk_inscription_set_text (self->label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->backing_label), FALSE);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
      return;
    }

  /* Plain handlers, not g_signal_connect_object(): the cell holds the
   * volume and disconnects before letting go (here and in dispose), and a
   * new order re-points hundreds of rows, where an object closure's weak
   * references cost. */
  g_signal_connect_swapped (volume, "notify::name", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (volume, "notify::details-loaded", G_CALLBACK (details_changed_cb), self);
  g_signal_connect_swapped (volume, "notify::backing-path", G_CALLBACK (details_changed_cb), self);
  g_signal_connect_swapped (volume, "notify::busy", G_CALLBACK (busy_changed_cb), self);
  name_changed_cb (self);
  details_changed_cb (self);
  busy_changed_cb (self);

  pool = vs_volume_get_pool (volume);
  if (pool != NULL && !vs_volume_get_details_loaded (volume))
    vs_pool_prioritize_volume (pool, volume);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}
