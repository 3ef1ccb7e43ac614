/* vs-volume-clone-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-clone-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-field-message.h"
#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-volume.h"
#include "vs-volume-clone-dialog.h"
#include "vs-volume-definition.h"
#include "vs-volume-operations.h"
#include "vs-volume-picker.h"
#include "vs-volume-text-cell.h"

struct _VsVolumeCloneDialog
{
  GtkWindow       parent_instance;

  VsVolume       *source;
  GCancellable   *cancellable;
  guint           updating_name : 1;
  guint           name_edited : 1;  /* the user's own name stays */
  guint           handed_to_job : 1;
  guint           disposed : 1;

  /* Template widgets */
  VsErrorBar     *error_bar;
  GtkButton      *clone_button;
  GtkWidget      *form;
  GtkLabel       *intro_label;
  VsVolumePicker *pool_picker;
  GtkEntry       *name_entry;
  GtkLabel       *name_message;
  GtkLabel       *space_label;
};

G_DEFINE_FINAL_TYPE (VsVolumeCloneDialog, vs_volume_clone_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

enum {
  VOLUME_CREATED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

static void
propose_name (VsVolumeCloneDialog *self)
{
  VsPool *pool = vs_volume_picker_get_pool (self->pool_picker);
  g_autofree char *name = NULL;

  if (self->name_edited || pool == NULL)
    return;

  name = vs_volume_operations_propose_name (pool, vs_volume_get_name (self->source), "-clone");
  self->updating_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  self->updating_name = FALSE;
}

/* Checks the name against the pool chosen and says what the copy takes;
 * FALSE when the name is not valid. */
static gboolean
update (VsVolumeCloneDialog *self)
{
  VsPool *pool = vs_volume_picker_get_pool (self->pool_picker);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  guint64 allocation = vs_volume_get_allocation (self->source);
  g_autofree char *users = vs_volume_text_cell_format_used_by (vs_volume_get_used_by (self->source));
  g_autoptr(GString) space = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean warn = FALSE;

  if (pool == NULL)
    g_set_error_literal (&error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                         vs_volume_picker_get_empty_reason (self->pool_picker));
  else
    vs_volume_name_validate (name, pool, &error);
  vs_field_message_show (self->name_message, GTK_WIDGET (self->name_entry), error, NULL);

  if (pool != NULL)
    {
      g_autofree char *needed = vs_format_size (allocation);
      g_autofree char *available = vs_format_size (vs_pool_get_available (pool));

      /* Translators: what the source uses on the host, the pool the copy
       * goes to, and that pool's free space */
      g_string_append_printf (space, _("The copy takes up to %s on the host, what the volume uses now. "
                                       "“%s” has %s free."),
                              needed, vs_pool_get_name (pool), available);
      if (allocation > vs_pool_get_available (pool))
        {
          g_string_append_c (space, ' ');
          g_string_append (space, _("That may not be enough: the copy fails if the pool fills up."));
          warn = TRUE;
        }
    }
  if (users != NULL)
    {
      if (space->len > 0)
        g_string_append (space, "\n\n");
      /* Translators: the virtual machines that use the volume */
      g_string_append_printf (space, _("%s uses this volume: a copy made while it runs may not be "
                                       "consistent. Shut it down first."),
                              users);
      warn = TRUE;
    }
  gtk_label_set_text (self->space_label, space->str);
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->space_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->space_label), "warning");

  return error == NULL;
}

static void
finish (VsVolumeCloneDialog *self)
{
  if (!self->disposed)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
cloned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VsVolumeCloneDialog) self = user_data;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;

  volume = vs_pool_clone_volume_finish (VS_POOL (object), result, &error);

  if (volume != NULL)
    g_signal_emit (self, signals[VOLUME_CREATED], 0, volume);
  else if (self->handed_to_job && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[FAILED], 0, error);

  if (volume != NULL || self->handed_to_job || self->disposed ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish (self);
      return;
    }

  /* Refused before it began: still open, say why. */
  gtk_widget_set_sensitive (self->form, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clone_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  if (g_error_matches (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS) ||
      g_error_matches (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID))
    vs_field_message_show (self->name_message, GTK_WIDGET (self->name_entry), error, NULL);
  else
    vs_error_bar_show_error (self->error_bar, NULL, error);
}

/* Signal callbacks ----------------------------------------------------- */

static void
name_changed_cb (VsVolumeCloneDialog *self)
{
  if (!self->updating_name)
    self->name_edited = TRUE;
  vs_error_bar_hide (self->error_bar);
  update (self);
}

static void
pool_changed_cb (VsVolumeCloneDialog *self)
{
  propose_name (self);
  update (self);
}

static void
clone_clicked_cb (VsVolumeCloneDialog *self)
{
  vs_volume_clone_dialog_clone (self);
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_clone_dialog_dispose (GObject *object)
{
  VsVolumeCloneDialog *self = (VsVolumeCloneDialog *)object;

  self->disposed = TRUE;
  /* A copy under way is a job: it goes on without the dialog. */
  if (!self->handed_to_job)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_CLONE_DIALOG);

  G_OBJECT_CLASS (vs_volume_clone_dialog_parent_class)->dispose (object);
}

static void
vs_volume_clone_dialog_finalize (GObject *object)
{
  VsVolumeCloneDialog *self = (VsVolumeCloneDialog *)object;

  g_clear_object (&self->source);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vs_volume_clone_dialog_parent_class)->finalize (object);
}

static void
vs_volume_clone_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VsVolumeCloneDialog *self = VS_VOLUME_CLONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_clone_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VsVolumeCloneDialog *self = VS_VOLUME_CLONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_clone_dialog_constructed (GObject *object)
{
  VsVolumeCloneDialog *self = VS_VOLUME_CLONE_DIALOG (object);
  VsPool *pool = vs_volume_get_pool (self->source);
  const char *format = vs_volume_get_format (self->source);
  g_autofree char *capacity = vs_format_size (vs_volume_get_capacity (self->source));
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;

  G_OBJECT_CLASS (vs_volume_clone_dialog_parent_class)->constructed (object);

  /* Translators: the Clone dialog's title */
  title = g_strdup_printf (_("Clone “%s”"), vs_volume_get_name (self->source));
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Translators: the volume, its format and its capacity */
  intro = g_strdup_printf (_("A full copy of “%s” (%s, %s): the copy does not depend on the volume "
                             "and can go to any running pool of this connection."),
                           vs_volume_get_name (self->source), format != NULL ? format : "?", capacity);
  gtk_label_set_text (self->intro_label, intro);

  vs_volume_picker_set_pools_only (self->pool_picker, TRUE);
  vs_volume_picker_set_connection (self->pool_picker, vs_pool_get_connection (pool), pool);
  vs_volume_picker_load (self->pool_picker);
  propose_name (self);
  update (self);
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);

  vs_accessible_fix_labels (GTK_WIDGET (self));
}

static void
vs_volume_clone_dialog_class_init (VsVolumeCloneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vs_volume_clone_dialog_constructed;
  object_class->dispose = vs_volume_clone_dialog_dispose;
  object_class->finalize = vs_volume_clone_dialog_finalize;
  object_class->get_property = vs_volume_clone_dialog_get_property;
  object_class->set_property = vs_volume_clone_dialog_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, VS_TYPE_VOLUME,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VsVolumeCloneDialog::volume-created:
   * @volume: the copy, listed in its pool
   */
  signals[VOLUME_CREATED] =
    g_signal_new ("volume-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VS_TYPE_VOLUME);
  /**
   * VsVolumeCloneDialog::failed:
   * @error: why the copy failed
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_VOLUME_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-volume-clone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, clone_button);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, form);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, pool_picker);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, name_message);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCloneDialog, space_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pool_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clone_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_volume_clone_dialog_init (VsVolumeCloneDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_clone_dialog_new (GtkWindow *parent,
                            VsVolume  *source)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_VOLUME (source), NULL);

  return g_object_new (VS_TYPE_VOLUME_CLONE_DIALOG,
                       "source", source,
                       "transient-for", parent,
                       NULL);
}

VsVolume *
vs_volume_clone_dialog_get_source (VsVolumeCloneDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self), NULL);

  return self->source;
}

gboolean
vs_volume_clone_dialog_set_pool (VsVolumeCloneDialog *self,
                                 VsPool              *pool)
{
  g_return_val_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self), FALSE);
  g_return_val_if_fail (VS_IS_POOL (pool), FALSE);

  vs_volume_picker_set_connection (self->pool_picker, vs_pool_get_connection (pool), pool);
  return vs_volume_picker_get_pool (self->pool_picker) == pool;
}

void
vs_volume_clone_dialog_set_name (VsVolumeCloneDialog *self,
                                 const char          *name)
{
  g_return_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
}

const char *
vs_volume_clone_dialog_get_name (VsVolumeCloneDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

gboolean
vs_volume_clone_dialog_clone (VsVolumeCloneDialog *self)
{
  VsPool *pool;
  GListModel *jobs;
  guint n_jobs;

  g_return_val_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self), FALSE);

  if (self->handed_to_job || !gtk_widget_get_sensitive (self->form))
    return FALSE;

  if (!update (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return FALSE;
    }

  pool = vs_volume_picker_get_pool (self->pool_picker);
  jobs = vs_connection_get_jobs (vs_pool_get_connection (pool));
  n_jobs = g_list_model_get_n_items (jobs);
  vs_error_bar_hide (self->error_bar);
  /* A field that goes insensitive with the focus never hears it left. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clone_button), FALSE);
  vs_pool_clone_volume_async (pool, self->source, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                              self->cancellable, cloned_cb, g_object_ref (self));

  /* The copy shows with the other jobs; the window is free meanwhile. */
  if (!self->disposed && g_list_model_get_n_items (jobs) > n_jobs)
    {
      self->handed_to_job = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }

  return TRUE;
}

const char *
vs_volume_clone_dialog_get_error (VsVolumeCloneDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_CLONE_DIALOG (self), NULL);

  return vs_field_message_get_error (self->name_message);
}
