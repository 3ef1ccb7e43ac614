/* vs-volume-slot.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-slot"

#include "config.h"

#include "vs-volume.h"
#include "vs-volume-slot.h"

/* Kept small: a list holds one per volume it shows. */
struct _VsVolumeSlot
{
  GObject   parent_instance;

  VsVolume *volume;
  guint     watchers;
};

G_DEFINE_FINAL_TYPE (VsVolumeSlot, vs_volume_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Class ----------------------------------------------------------------- */

static void
vs_volume_slot_dispose (GObject *object)
{
  VsVolumeSlot *self = (VsVolumeSlot *)object;

  g_clear_object (&self->volume);

  G_OBJECT_CLASS (vs_volume_slot_parent_class)->dispose (object);
}

static void
vs_volume_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VsVolumeSlot *self = VS_VOLUME_SLOT (object);

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
vs_volume_slot_class_init (VsVolumeSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_volume_slot_dispose;
  object_class->get_property = vs_volume_slot_get_property;

  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_volume_slot_init (VsVolumeSlot *self)
{
}

/* Public API ------------------------------------------------------------ */

VsVolumeSlot *
vs_volume_slot_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_SLOT, NULL);
}

VsVolume *
vs_volume_slot_get_volume (VsVolumeSlot *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_SLOT (self), NULL);

  return self->volume;
}

void
vs_volume_slot_set_volume (VsVolumeSlot *self,
                           VsVolume     *volume)
{
  g_return_if_fail (VS_IS_VOLUME_SLOT (self));
  g_return_if_fail (volume == NULL || VS_IS_VOLUME (volume));

  if (!g_set_object (&self->volume, volume))
    return;

  if (self->watchers > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

gboolean
vs_volume_slot_point (VsVolumeSlot *self,
                      VsVolume     *volume)
{
  g_return_val_if_fail (VS_IS_VOLUME_SLOT (self), FALSE);
  g_return_val_if_fail (volume == NULL || VS_IS_VOLUME (volume), FALSE);

  return g_set_object (&self->volume, volume) && self->watchers > 0;
}

void
vs_volume_slot_notify (VsVolumeSlot *self)
{
  g_return_if_fail (VS_IS_VOLUME_SLOT (self));

  if (self->watchers > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

void
vs_volume_slot_watch (VsVolumeSlot *self)
{
  g_return_if_fail (VS_IS_VOLUME_SLOT (self));

  self->watchers++;
}

void
vs_volume_slot_unwatch (VsVolumeSlot *self)
{
  g_return_if_fail (VS_IS_VOLUME_SLOT (self));
  g_return_if_fail (self->watchers > 0);

  self->watchers--;
}
