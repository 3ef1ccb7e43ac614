/* vs-volume-text-cell.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-text-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-volume.h"
#include "vs-volume-text-cell.h"

/* Built in code, not from a template: see vs-volume-name-cell.c. */

struct _VsVolumeTextCell
{
  GtkWidget         parent_instance;

  VsVolumeTextKind  kind;
  VsVolume         *volume;
  GtkInscription   *label;
};

G_DEFINE_ENUM_TYPE (VsVolumeTextKind, vs_volume_text_kind,
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_TEXT_FORMAT, "format"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_TEXT_CAPACITY, "capacity"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_TEXT_PATH, "path"),
                    G_DEFINE_ENUM_VALUE (VS_VOLUME_TEXT_USED_BY, "used-by"))

G_DEFINE_FINAL_TYPE (VsVolumeTextCell, vs_volume_text_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The notifications that change each kind's text. */
static const char * const format_signals[] = { "notify::format", "notify::details-loaded", NULL };
static const char * const capacity_signals[] = { "notify::capacity", "notify::details-loaded", NULL };
static const char * const path_signals[] = { "notify::path", NULL };
static const char * const used_by_signals[] = { "notify::used-by", NULL };

/* Helpers --------------------------------------------------------------- */

static char *
cell_text (VsVolumeTextKind  kind,
           VsVolume         *volume)
{
  switch (kind)
    {
    case VS_VOLUME_TEXT_FORMAT:
      if (!vs_volume_get_details_loaded (volume))
        return g_strdup ("…");
      return g_strdup (vs_volume_get_format (volume) != NULL ? vs_volume_get_format (volume) : "—");
    case VS_VOLUME_TEXT_CAPACITY:
      if (!vs_volume_get_details_loaded (volume))
        return g_strdup ("…");
      return vs_format_size (vs_volume_get_capacity (volume));
    case VS_VOLUME_TEXT_PATH:
      return g_strdup (vs_volume_get_path (volume));
    case VS_VOLUME_TEXT_USED_BY:
    default:
      return vs_volume_text_cell_format_used_by (vs_volume_get_used_by (volume));
    }
}

static const char * const *
cell_signals (VsVolumeTextKind kind)
{
  switch (kind)
    {
    case VS_VOLUME_TEXT_FORMAT:
      return format_signals;
    case VS_VOLUME_TEXT_CAPACITY:
      return capacity_signals;
    case VS_VOLUME_TEXT_PATH:
      return path_signals;
    case VS_VOLUME_TEXT_USED_BY:
    default:
      return used_by_signals;
    }
}

static void
set_kind (VsVolumeTextCell *self,
          VsVolumeTextKind  kind)
{
  self->kind = kind;

  gtk_inscription_set_xalign (self->label, kind == VS_VOLUME_TEXT_CAPACITY ? 1.0 : 0.0);
  gtk_inscription_set_text_overflow (self->label,
                           kind == VS_VOLUME_TEXT_CAPACITY ? GTK_INSCRIPTION_OVERFLOW_CLIP
                           : kind == VS_VOLUME_TEXT_PATH ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE
                           : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (kind == VS_VOLUME_TEXT_PATH)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  if (kind == VS_VOLUME_TEXT_CAPACITY)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      gtk_inscription_set_attributes (self->label, attrs);
      pango_attr_list_unref (attrs);
    }
}

/* Signal callbacks ----------------------------------------------------- */

static void
update_cb (VsVolumeTextCell *self)
{
  g_autofree char *text = cell_text (self->kind, self->volume);

  gtk_inscription_set_text (self->label, text != NULL ? text : "");
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_text_cell_dispose (GObject *object)
{
  VsVolumeTextCell *self = (VsVolumeTextCell *)object;

  vs_volume_text_cell_set_volume (self, NULL);
  if (self->label != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->label)));

  G_OBJECT_CLASS (vs_volume_text_cell_parent_class)->dispose (object);
}

static void
vs_volume_text_cell_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VsVolumeTextCell *self = VS_VOLUME_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_VOLUME:
      g_value_set_object (value, self->volume);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_text_cell_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VsVolumeTextCell *self = VS_VOLUME_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      set_kind (self, g_value_get_enum (value));
      break;
    case PROP_VOLUME:
      vs_volume_text_cell_set_volume (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_text_cell_class_init (VsVolumeTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_volume_text_cell_dispose;
  object_class->get_property = vs_volume_text_cell_get_property;
  object_class->set_property = vs_volume_text_cell_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, VS_TYPE_VOLUME_TEXT_KIND, VS_VOLUME_TEXT_FORMAT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vs_volume_text_cell_init (VsVolumeTextCell *self)
{
  self->label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  vs_inscription_tooltip_when_cut (self->label);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_text_cell_new (VsVolumeTextKind kind)
{
  return g_object_new (VS_TYPE_VOLUME_TEXT_CELL, "kind", kind, NULL);
}

VsVolumeTextKind
vs_volume_text_cell_get_kind (VsVolumeTextCell *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_TEXT_CELL (self), VS_VOLUME_TEXT_FORMAT);

  return self->kind;
}

VsVolume *
vs_volume_text_cell_get_volume (VsVolumeTextCell *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_TEXT_CELL (self), NULL);

  return self->volume;
}

void
vs_volume_text_cell_set_volume (VsVolumeTextCell *self,
                                VsVolume         *volume)
{
  const char * const *signals;

  g_return_if_fail (VS_IS_VOLUME_TEXT_CELL (self));
  g_return_if_fail (volume == NULL || VS_IS_VOLUME (volume));

  if (self->volume == volume)
    return;

  if (self->volume != NULL)
    g_signal_handlers_disconnect_by_data (self->volume, self);

  g_set_object (&self->volume, volume);

  if (volume != NULL)
    {
      signals = cell_signals (self->kind);
      for (guint i = 0; signals[i] != NULL; i++)
        /* Disconnected before the volume goes: see vs-volume-name-cell.c. */
        g_signal_connect_swapped (volume, signals[i], G_CALLBACK (update_cb), self);
      update_cb (self);
    }
  else
    gtk_inscription_set_text (self->label, "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

char *
vs_volume_text_cell_format_used_by (const char * const *used_by)
{
  if (used_by == NULL || used_by[0] == NULL)
    return NULL;

  /* Translators: separates the names of the virtual machines using a volume */
  return g_strjoinv (_(", "), (char **) used_by);
}
