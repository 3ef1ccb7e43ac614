/* vs-volume-resize-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-resize-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-field-message.h"
#include "vs-gtk-compat.h"
#include "vs-size-entry.h"
#include "vs-volume.h"
#include "vs-volume-operations.h"
#include "vs-volume-resize-dialog.h"

struct _VsVolumeResizeDialog
{
  GtkWindow     parent_instance;

  VsVolume     *volume;
  GCancellable *cancellable;
  guint         working : 1;

  /* Template widgets */
  VsErrorBar   *error_bar;
  GtkButton    *resize_button;
  GtkSpinner   *spinner;
  GtkWidget    *form;
  GtkLabel     *current_label;
  VsSizeEntry  *capacity_entry;
  GtkLabel     *capacity_message;
};

G_DEFINE_FINAL_TYPE (VsVolumeResizeDialog, vs_volume_resize_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VOLUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

/* Checks the new capacity and says what it does; FALSE when there is
 * nothing to do or it is no size. */
static gboolean
update (VsVolumeResizeDialog *self,
        guint64              *capacity)
{
  guint64 current = vs_volume_get_capacity (self->volume);
  g_autofree char *current_text = vs_size_entry_format (self->capacity_entry, current);
  g_autofree char *allocation = vs_size_entry_format (self->capacity_entry, vs_volume_get_allocation (self->volume));
  g_autofree char *intro = NULL;
  g_autofree char *hint = NULL;
  g_autoptr(GError) error = NULL;
  guint64 wanted = 0;
  gboolean valid;

  /* Translators: the volume's name, its capacity now (in the unit the
   * user chose) and what it uses on the host */
  intro = g_strdup_printf (_("“%s” has a capacity of %s now, and uses %s on the host."),
                           vs_volume_get_name (self->volume), current_text, allocation);
  gtk_label_set_text (self->current_label, intro);

  if (vs_size_entry_get_bytes (self->capacity_entry, &wanted, &error))
    {
      g_autofree char *wanted_text = vs_size_entry_format (self->capacity_entry, wanted);

      if (wanted == current)
        hint = g_strdup (_("Type the new capacity: this is the one it has now"));
      else if (wanted > current)
        {
          g_autofree char *more = vs_size_entry_format (self->capacity_entry, wanted - current);

          /* Translators: the new capacity, and how much it adds */
          hint = g_strdup_printf (_("Grows to %s, %s more"), wanted_text, more);
        }
      else if (wanted < vs_volume_get_allocation (self->volume))
        g_set_error (&error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                     _("Libvirt does not shrink a volume below what it uses on the host (%s)"),
                     allocation);
      else
        /* Translators: the new capacity when it is smaller */
        hint = g_strdup_printf (_("Shrinks to %s: whatever is stored past %s is lost. You are asked "
                                  "before anything is cut off."),
                                wanted_text, wanted_text);
    }

  vs_field_message_show (self->capacity_message, GTK_WIDGET (self->capacity_entry), error, hint);
  if (wanted < current && error == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->capacity_message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->capacity_message), "warning");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->capacity_message), "warning");

  valid = error == NULL && wanted != current;
  *capacity = wanted;
  return valid;
}

static void
set_working (VsVolumeResizeDialog *self,
             gboolean              working)
{
  self->working = working;
  /* A field that goes insensitive with the focus never hears it left. */
  if (working)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form, !working);
  if (!working)
    gtk_widget_grab_focus (GTK_WIDGET (self->capacity_entry));
  gtk_widget_set_sensitive (GTK_WIDGET (self->resize_button), !working);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), working);
  gtk_spinner_set_spinning (self->spinner, working);
}

static void
resized_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VsVolumeResizeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (vs_volume_resize_finish (VS_VOLUME (object), result, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_working (self, FALSE);
  vs_error_bar_show_error (self->error_bar, NULL, error);
}

static void
start_resize (VsVolumeResizeDialog *self,
              guint64               capacity,
              gboolean              shrink)
{
  vs_error_bar_hide (self->error_bar);
  set_working (self, TRUE);
  vs_volume_resize_async (self->volume, capacity, shrink, self->cancellable, resized_cb,
                          g_object_ref (self));
}

static void
shrink_confirmed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VsVolumeResizeDialog) self = user_data;
  guint64 capacity = 0;

  /* What was typed is checked again: it is what the question named. */
  if (!vs_confirm_finish (result, NULL) || !update (self, &capacity))
    return;

  start_resize (self, capacity, TRUE);
}

static void
confirm_shrink (VsVolumeResizeDialog *self,
                guint64               capacity)
{
  g_autofree char *from = vs_size_entry_format (self->capacity_entry, vs_volume_get_capacity (self->volume));
  g_autofree char *to = vs_size_entry_format (self->capacity_entry, capacity);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  /* Translators: the volume, its capacity now and the smaller one */
  heading = g_strdup_printf (_("Shrink “%s” from %s to %s?"), vs_volume_get_name (self->volume), from, to);
  body = g_strdup_printf (_("Everything stored past %s is cut off and lost: the end of the disk, "
                            "with whatever partitions and files are there. Shrink the file system "
                            "and the partitions inside the guest first, so that nothing lives past "
                            "the new end.\n\nThis cannot be undone."),
                          to);
  vs_confirm_async (GTK_WIDGET (self), heading, body, _("_Shrink"), self->cancellable,
                    shrink_confirmed_cb, g_object_ref (self));
}

/* Signal callbacks ----------------------------------------------------- */

static void
capacity_changed_cb (VsVolumeResizeDialog *self)
{
  guint64 capacity;

  vs_error_bar_hide (self->error_bar);
  update (self, &capacity);
}

static void
resize_clicked_cb (VsVolumeResizeDialog *self)
{
  vs_volume_resize_dialog_resize (self);
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_resize_dialog_dispose (GObject *object)
{
  VsVolumeResizeDialog *self = (VsVolumeResizeDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_RESIZE_DIALOG);

  G_OBJECT_CLASS (vs_volume_resize_dialog_parent_class)->dispose (object);
}

static void
vs_volume_resize_dialog_finalize (GObject *object)
{
  VsVolumeResizeDialog *self = (VsVolumeResizeDialog *)object;

  g_clear_object (&self->volume);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vs_volume_resize_dialog_parent_class)->finalize (object);
}

static void
vs_volume_resize_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VsVolumeResizeDialog *self = VS_VOLUME_RESIZE_DIALOG (object);

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
vs_volume_resize_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VsVolumeResizeDialog *self = VS_VOLUME_RESIZE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      self->volume = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_resize_dialog_constructed (GObject *object)
{
  VsVolumeResizeDialog *self = VS_VOLUME_RESIZE_DIALOG (object);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  guint64 capacity;

  G_OBJECT_CLASS (vs_volume_resize_dialog_parent_class)->constructed (object);

  /* Translators: the Resize dialog's title */
  title = g_strdup_printf (_("Resize “%s”"), vs_volume_get_name (self->volume));
  gtk_window_set_title (GTK_WINDOW (self), title);

  vs_size_entry_set_bytes (self->capacity_entry, vs_volume_get_capacity (self->volume));
  update (self, &capacity);

  /* The guest would see its disk change under it. */
  if (!vs_volume_operations_check_unused (self->volume, VS_VOLUME_OPERATION_RESIZE, &error))
    {
      vs_error_bar_show_error (self->error_bar, _("This volume cannot be resized now"), error);
      gtk_widget_set_sensitive (self->form, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->resize_button), FALSE);
    }

  vs_accessible_fix_labels (GTK_WIDGET (self));
}

static void
vs_volume_resize_dialog_class_init (VsVolumeResizeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vs_volume_resize_dialog_constructed;
  object_class->dispose = vs_volume_resize_dialog_dispose;
  object_class->finalize = vs_volume_resize_dialog_finalize;
  object_class->get_property = vs_volume_resize_dialog_get_property;
  object_class->set_property = vs_volume_resize_dialog_set_property;

  properties[PROP_VOLUME] =
    g_param_spec_object ("volume", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_SIZE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-volume-resize-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, resize_button);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, form);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, capacity_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeResizeDialog, capacity_message);
  gtk_widget_class_bind_template_callback (widget_class, capacity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, resize_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_volume_resize_dialog_init (VsVolumeResizeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_resize_dialog_new (GtkWindow *parent,
                             VsVolume  *volume)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);

  return g_object_new (VS_TYPE_VOLUME_RESIZE_DIALOG,
                       "volume", volume,
                       "transient-for", parent,
                       NULL);
}

VsVolume *
vs_volume_resize_dialog_get_volume (VsVolumeResizeDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_RESIZE_DIALOG (self), NULL);

  return self->volume;
}

gboolean
vs_volume_resize_dialog_resize (VsVolumeResizeDialog *self)
{
  guint64 capacity = 0;

  g_return_val_if_fail (VS_IS_VOLUME_RESIZE_DIALOG (self), FALSE);

  if (self->working || !gtk_widget_get_sensitive (GTK_WIDGET (self->resize_button)))
    return FALSE;

  if (!update (self, &capacity))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->capacity_entry));
      return FALSE;
    }

  if (capacity < vs_volume_get_capacity (self->volume))
    confirm_shrink (self, capacity);
  else
    start_resize (self, capacity, FALSE);

  return TRUE;
}

const char *
vs_volume_resize_dialog_get_error (VsVolumeResizeDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_RESIZE_DIALOG (self), NULL);

  return vs_field_message_get_error (self->capacity_message);
}
