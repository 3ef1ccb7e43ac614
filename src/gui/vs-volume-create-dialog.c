/* vs-volume-create-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-create-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-field-message.h"
#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-size-entry.h"
#include "vs-volume.h"
#include "vs-volume-create-dialog.h"
#include "vs-volume-definition.h"
#include "vs-volume-operations.h"
#include "vs-volume-picker.h"

/* What the new volume's capacity starts at. */
#define DEFAULT_CAPACITY (G_GUINT64_CONSTANT (20) << 30)

/* The formats a new volume can take (qemu-img makes them), in the order
 * offered; the host's capabilities say which of them its pools accept. */
typedef struct
{
  const char *format;
  const char *suffix;
  const char *description;
} FormatInfo;

static const FormatInfo formats[] = {
  { "qcow2", ".qcow2",
    N_("Copy-on-write: grows as the guest writes, takes snapshots and can be an overlay on a "
       "base volume. A little slower to access than raw.") },
  { "raw", ".img",
    N_("A plain image of the disk: the fastest to access, but no snapshots, no base volume, "
       "and it takes all its space once written.") },
  { "vmdk", ".vmdk", N_("VMware’s format, for a disk shared with VMware products.") },
  { "vdi", ".vdi", N_("VirtualBox’s format, for a disk shared with VirtualBox.") },
  { "vpc", ".vhd", N_("Microsoft’s VHD format, for a disk shared with Hyper-V or Virtual PC.") },
};

struct _VsVolumeCreateDialog
{
  GtkWindow       parent_instance;

  VsPool         *pool;
  GCancellable   *cancellable;
  GtkStringList  *format_names;   /* the formats offered, in the dropdown */
  const char     *suffix;         /* the suffix the format gave the name */
  GSignalGroup   *pool_signals;
  guint           updating_name : 1;
  guint           working : 1;    /* a quick creation is on its way */
  guint           handed_to_job : 1;
  guint           disposed : 1;

  /* Template widgets */
  VsErrorBar     *error_bar;
  GtkButton      *cancel_button;
  GtkButton      *create_button;
  GtkSpinner     *spinner;
  GtkWidget      *form;
  GtkEntry       *name_entry;
  GtkLabel       *name_message;
  GtkWidget      *format_box;
  GtkDropDown    *format_dropdown;
  GtkLabel       *format_description;
  VsSizeEntry    *capacity_entry;
  GtkLabel       *capacity_message;
  GtkCheckButton *thin_check;
  GtkCheckButton *metadata_check;
  GtkWidget      *metadata_description;
  GtkCheckButton *full_check;
  GtkLabel       *allocation_message;
  GtkWidget      *backing_box;
  GtkCheckButton *backing_check;
  GtkRevealer    *backing_revealer;
  VsVolumePicker *backing_picker;
  GtkLabel       *backing_message;
  GtkLabel       *space_label;
  GtkLabel       *overcommit_label;
  GtkLabel       *space_warning;
};

G_DEFINE_FINAL_TYPE (VsVolumeCreateDialog, vs_volume_create_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_POOL,
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

static const FormatInfo *
format_info (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].format, format) == 0)
      return &formats[i];

  return NULL;
}

static const char *
chosen_format (VsVolumeCreateDialog *self)
{
  guint selected;

  if (!gtk_widget_get_visible (self->format_box) || self->format_names == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (self->format_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (self->format_names, selected);
}

static gboolean
is_qcow2 (VsVolumeCreateDialog *self)
{
  return g_strcmp0 (chosen_format (self), "qcow2") == 0;
}

static gboolean
wants_backing (VsVolumeCreateDialog *self)
{
  return is_qcow2 (self) && gtk_check_button_get_active (self->backing_check);
}

static void
set_name (VsVolumeCreateDialog *self,
          const char           *name)
{
  self->updating_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  self->updating_name = FALSE;
}

/* The name's suffix follows the format while it is the one the format gave
 * it; a suffix the user typed stays. */
static void
follow_format (VsVolumeCreateDialog *self)
{
  const FormatInfo *info = format_info (chosen_format (self));
  const char *suffix = info != NULL ? info->suffix : "";
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));

  if (self->suffix != NULL && *self->suffix != '\0' && g_str_has_suffix (name, self->suffix) &&
      strlen (name) > strlen (self->suffix))
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (self->suffix));
      g_autofree char *renamed = g_strconcat (stem, suffix, NULL);

      set_name (self, renamed);
    }

  self->suffix = suffix;
  gtk_label_set_text (self->format_description, info != NULL ? _(info->description) : "");
}

/* Checks the name; @error gets what is wrong. The hint is where the
 * volume will be. */
static gboolean
check_name (VsVolumeCreateDialog  *self,
            char                 **hint,
            GError               **error)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *target = vs_pool_get_target_path (self->pool);

  if (!vs_volume_name_validate (name, self->pool, error))
    return FALSE;

  /* Only where a volume is a file in the pool's folder. */
  if (target != NULL && gtk_widget_get_visible (self->format_box))
    {
      g_autofree char *path = g_build_filename (target, name, NULL);

      /* Translators: where the new volume's file will be */
      *hint = g_strdup_printf (_("The file will be %s"), path);
    }

  return TRUE;
}

static void
update_space (VsVolumeCreateDialog *self,
              gboolean              capacity_ok,
              guint64               capacity,
              gboolean              full)
{
  VsPool *pool = self->pool;
  guint64 available = vs_pool_get_available (pool);
  guint64 pool_capacity = vs_pool_get_capacity (pool);
  g_autofree char *free_text = vs_format_size (available);
  g_autofree char *total_text = vs_format_size (pool_capacity);
  g_autofree char *space = NULL;
  g_autofree char *warning = NULL;

  /* Translators: the pool's name, its free space and its size:
   * "“default” has 45.2 GiB free of 100.0 GiB." */
  space = g_strdup_printf (_("“%s” has %s free of %s."), vs_pool_get_name (pool), free_text, total_text);
  gtk_label_set_text (self->space_label, space);

  if (capacity_ok && pool_capacity > 0 && vs_pool_get_volumes_loaded (pool))
    {
      guint64 after = vs_pool_get_volumes_capacity (pool) + capacity;
      double fraction = (double) after / (double) pool_capacity;
      g_autofree char *after_text = vs_format_size (after);
      g_autofree char *percent = vs_format_percent (fraction);
      g_autofree char *text = NULL;

      if (fraction > 1.0)
        /* Translators: the sum of the volumes' capacities with the new
         * one, and that as a part of the pool's size */
        text = g_strdup_printf (_("With this volume, the volumes’ capacities add up to %s, %s of the "
                                  "pool: overcommitted. That is fine while the guests do not fill "
                                  "their disks."),
                                after_text, percent);
      else
        text = g_strdup_printf (_("With this volume, the volumes’ capacities add up to %s, %s of the pool."),
                                after_text, percent);
      gtk_label_set_text (self->overcommit_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->overcommit_label), TRUE);
      if (fraction > 1.0)
        gtk_widget_add_css_class (GTK_WIDGET (self->overcommit_label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->overcommit_label), "warning");
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->overcommit_label), FALSE);

  if (capacity_ok && !full && capacity > available)
    warning = g_strdup (_("The capacity is more than the pool’s free space. Thin provisioning allows "
                          "that, but the pool runs out of space if the guest writes that much."));
  gtk_label_set_text (self->space_warning, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->space_warning), warning != NULL);
}

/* Checks every field, shows what is wrong next to it, and returns the
 * first field in error (NULL when all are fine). */
static GtkWidget *
update (VsVolumeCreateDialog *self)
{
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) capacity_error = NULL;
  g_autoptr(GError) allocation_error = NULL;
  g_autoptr(GError) backing_error = NULL;
  g_autofree char *name_hint = NULL;
  g_autofree char *capacity_hint = NULL;
  g_autofree char *backing_hint = NULL;
  VsVolume *base = wants_backing (self) ? vs_volume_picker_get_volume (self->backing_picker) : NULL;
  gboolean qcow2 = is_qcow2 (self);
  gboolean backing = wants_backing (self);
  gboolean full = gtk_check_button_get_active (self->full_check) && !backing;
  gboolean capacity_ok;
  guint64 capacity = 0;
  GtkWidget *first = NULL;

  if (self->pool == NULL)
    return NULL;

  check_name (self, &name_hint, &name_error);
  vs_field_message_show (self->name_message, GTK_WIDGET (self->name_entry), name_error, name_hint);
  if (name_error != NULL)
    first = GTK_WIDGET (self->name_entry);

  capacity_ok = vs_size_entry_get_bytes (self->capacity_entry, &capacity, &capacity_error);
  if (capacity_ok && base != NULL && vs_volume_get_details_loaded (base) &&
      capacity < vs_volume_get_capacity (base))
    {
      g_autofree char *base_size = vs_size_entry_format (self->capacity_entry, vs_volume_get_capacity (base));

      g_set_error (&capacity_error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("An overlay cannot be smaller than its base volume (%s)"), base_size);
      capacity_ok = FALSE;
    }
  if (capacity_ok)
    {
      g_autofree char *size = vs_format_size (capacity);

      /* Translators: the capacity as understood, "20.0 GiB: the size of
       * the disk the guest sees" */
      capacity_hint = g_strdup_printf (_("%s: the size of the disk the guest sees"), size);
    }
  vs_field_message_show (self->capacity_message, GTK_WIDGET (self->capacity_entry), capacity_error, capacity_hint);
  if (capacity_error != NULL && first == NULL)
    first = GTK_WIDGET (self->capacity_entry);

  /* An overlay starts empty: nothing to allocate up front. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_check), !backing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->metadata_check),
                            qcow2 && !backing && gtk_check_button_get_active (self->thin_check));
  gtk_widget_set_visible (GTK_WIDGET (self->metadata_check), qcow2);
  gtk_widget_set_visible (self->metadata_description, qcow2);

  if (capacity_ok && full && capacity > vs_pool_get_available (self->pool))
    {
      g_autofree char *needed = vs_format_size (capacity);
      g_autofree char *available = vs_format_size (vs_pool_get_available (self->pool));

      g_set_error (&allocation_error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                   _("A full allocation takes %s now, but the pool has only %s free. Choose thin "
                     "allocation or a smaller capacity."),
                   needed, available);
    }
  vs_field_message_show (self->allocation_message, NULL, allocation_error, NULL);
  if (allocation_error != NULL && first == NULL)
    first = GTK_WIDGET (self->full_check);

  gtk_widget_set_visible (self->backing_box, qcow2);
  gtk_revealer_set_reveal_child (self->backing_revealer, backing);
  if (backing)
    {
      if (base == NULL)
        g_set_error_literal (&backing_error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                             vs_volume_picker_get_empty_reason (self->backing_picker));
      else if (!vs_volume_get_details_loaded (base) || vs_volume_get_format (base) == NULL)
        g_set_error (&backing_error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                     _("Reading the details of “%s”…"), vs_volume_get_name (base));
      else
        {
          g_autofree char *size = vs_format_size (vs_volume_get_capacity (base));

          /* Translators: the base volume's format and capacity; the overlay
           * records that format */
          backing_hint = g_strdup_printf (_("The base is %s, %s; the overlay records its format."),
                                          vs_volume_get_format (base), size);
        }
    }
  vs_field_message_show (self->backing_message, GTK_WIDGET (self->backing_picker), backing_error, backing_hint);
  if (backing_error != NULL && first == NULL)
    first = GTK_WIDGET (self->backing_picker);

  update_space (self, capacity_ok, capacity, full);

  return first;
}

static void
set_working (VsVolumeCreateDialog *self,
             gboolean              working)
{
  self->working = working;
  /* A field that goes insensitive with the focus never hears it left. */
  if (working)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form, !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !working);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), working);
  gtk_spinner_set_spinning (self->spinner, working);
}

static void
finish (VsVolumeCreateDialog *self)
{
  if (!self->disposed)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Formats --------------------------------------------------------------- */

/* Offers the formats of @volume_formats (NULL-terminated, the host's for
 * this pool type) that a new volume can take; hides the choice when there
 * is none to make. */
static void
set_formats (VsVolumeCreateDialog *self,
             const char * const   *volume_formats,
             const char           *preferred)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *previous = chosen_format (self);
  g_autofree char *keep = g_strdup (previous != NULL ? previous : preferred);
  guint selected = 0;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (volume_formats != NULL && g_strv_contains (volume_formats, formats[i].format))
      {
        if (g_strcmp0 (formats[i].format, keep) == 0)
          selected = n;
        gtk_string_list_append (names, formats[i].format);
        n++;
      }

  g_set_object (&self->format_names, names);
  gtk_drop_down_set_model (self->format_dropdown, n > 0 ? G_LIST_MODEL (names) : NULL);
  gtk_widget_set_visible (self->format_box, n > 0);
  if (n > 0)
    gtk_drop_down_set_selected (self->format_dropdown, selected);

  follow_format (self);
  update (self);
}

static void
capabilities_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VsVolumeCreateDialog) self = user_data;
  g_autoptr(VsPoolCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;
  VsPoolType type;

  caps = vs_connection_get_pool_capabilities_finish (VS_CONNECTION (object), result, &error);
  if (caps == NULL || self->disposed || self->pool == NULL ||
      !vs_pool_type_from_string (vs_pool_get_pool_type (self->pool), &type))
    return;

  /* Partition types (disk pools) are no image formats to choose. */
  if (type == VS_POOL_TYPE_DISK || vs_pool_type_get_info (type)->fixed_volume_format != NULL)
    set_formats (self, NULL, NULL);
  else
    set_formats (self, vs_pool_capabilities_get_volume_formats (caps, type), "qcow2");
}

/* Signal callbacks ----------------------------------------------------- */

static void
name_changed_cb (VsVolumeCreateDialog *self)
{
  vs_error_bar_hide (self->error_bar);
  update (self);
}

static void
field_changed_cb (VsVolumeCreateDialog *self)
{
  update (self);
}

static void
format_changed_cb (VsVolumeCreateDialog *self)
{
  follow_format (self);
  update (self);
}

static void
backing_toggled_cb (VsVolumeCreateDialog *self)
{
  if (gtk_check_button_get_active (self->backing_check))
    vs_volume_picker_load (self->backing_picker);
  update (self);
}

/* The base's capacity is where an overlay starts. */
static void
base_chosen_cb (VsVolumeCreateDialog *self,
                VsVolume             *base)
{
  if (base != NULL && vs_volume_get_details_loaded (base))
    vs_size_entry_set_bytes (self->capacity_entry, vs_volume_get_capacity (base));
  update (self);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VsVolumeCreateDialog) self = user_data;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;

  volume = vs_pool_create_volume_finish (VS_POOL (object), result, &error);

  if (volume != NULL)
    {
      g_signal_emit (self, signals[VOLUME_CREATED], 0, volume);
      finish (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      finish (self);
      return;
    }

  if (self->handed_to_job)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      finish (self);
      return;
    }

  /* Still open, everything as typed: say what went wrong where it did. */
  set_working (self, FALSE);
  if (g_error_matches (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_EXISTS) ||
      g_error_matches (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID))
    {
      vs_field_message_show (self->name_message, GTK_WIDGET (self->name_entry), error, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
  else
    vs_error_bar_show_error (self->error_bar, NULL, error);
}

static void
cancel_clicked_cb (VsVolumeCreateDialog *self)
{
  /* A creation under way is taken back by the core. */
  g_cancellable_cancel (self->cancellable);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (VsVolumeCreateDialog *self)
{
  vs_volume_create_dialog_create (self);
}

/* Class ----------------------------------------------------------------- */

/* Typing replaces the name's stem and keeps the suffix the format gave. */
static void
vs_volume_create_dialog_map (GtkWidget *widget)
{
  VsVolumeCreateDialog *self = VS_VOLUME_CREATE_DIALOG (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  glong stem = g_utf8_strlen (name, -1);

  GTK_WIDGET_CLASS (vs_volume_create_dialog_parent_class)->map (widget);

  if (self->suffix != NULL && g_str_has_suffix (name, self->suffix))
    stem -= g_utf8_strlen (self->suffix, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, (int) stem);
}

static void
vs_volume_create_dialog_dispose (GObject *object)
{
  VsVolumeCreateDialog *self = (VsVolumeCreateDialog *)object;

  self->disposed = TRUE;
  /* A job goes on without the dialog; anything else stops with it. */
  if (!self->handed_to_job)
    g_cancellable_cancel (self->cancellable);
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_CREATE_DIALOG);
  g_clear_object (&self->format_names);

  G_OBJECT_CLASS (vs_volume_create_dialog_parent_class)->dispose (object);
}

static void
vs_volume_create_dialog_finalize (GObject *object)
{
  VsVolumeCreateDialog *self = (VsVolumeCreateDialog *)object;

  g_clear_object (&self->pool);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pool_signals);

  G_OBJECT_CLASS (vs_volume_create_dialog_parent_class)->finalize (object);
}

static void
vs_volume_create_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VsVolumeCreateDialog *self = VS_VOLUME_CREATE_DIALOG (object);

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
vs_volume_create_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VsVolumeCreateDialog *self = VS_VOLUME_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_POOL:
      self->pool = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_create_dialog_constructed (GObject *object)
{
  VsVolumeCreateDialog *self = VS_VOLUME_CREATE_DIALOG (object);
  VsConnection *connection = vs_pool_get_connection (self->pool);
  g_autofree char *base_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  VsPoolType type;

  G_OBJECT_CLASS (vs_volume_create_dialog_parent_class)->constructed (object);

  /* Translators: the New Volume dialog's title, with the pool's name */
  title = g_strdup_printf (_("New Volume in “%s”"), vs_pool_get_name (self->pool));
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Until the host tells, what libvirt 9 offers for the type. */
  if (vs_pool_type_from_string (vs_pool_get_pool_type (self->pool), &type) &&
      type != VS_POOL_TYPE_DISK && vs_pool_type_get_info (type)->fixed_volume_format == NULL)
    set_formats (self, vs_pool_type_get_info (type)->volume_formats, "qcow2");
  else
    set_formats (self, NULL, NULL);

  /* Translators: the name a new volume is proposed, before its suffix
   * (".qcow2"); a file name, so no spaces or slashes */
  base_name = g_strconcat (C_("volume name", "disk"), self->suffix, NULL);
  name = vs_volume_operations_propose_name (self->pool, base_name, NULL);
  set_name (self, name);
  vs_size_entry_set_bytes (self->capacity_entry, DEFAULT_CAPACITY);

  vs_volume_picker_set_connection (self->backing_picker, connection, self->pool);

  self->pool_signals = g_signal_group_new (VS_TYPE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify::available", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->pool_signals, "notify::capacity", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->pool_signals, "notify::volumes-capacity", G_CALLBACK (update), self);
  g_signal_group_set_target (self->pool_signals, self->pool);
  /* Another client may take the name meanwhile. */
  g_signal_connect_object (vs_pool_get_volumes (self->pool), "items-changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  vs_accessible_name_drop_down (self->format_dropdown, _("Format"));
  vs_connection_get_pool_capabilities_async (connection, self->cancellable, capabilities_cb,
                                             g_object_ref (self));
  update (self);
  vs_accessible_fix_labels (GTK_WIDGET (self));
}

static void
vs_volume_create_dialog_class_init (VsVolumeCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vs_volume_create_dialog_constructed;
  object_class->dispose = vs_volume_create_dialog_dispose;
  object_class->finalize = vs_volume_create_dialog_finalize;
  object_class->get_property = vs_volume_create_dialog_get_property;
  object_class->set_property = vs_volume_create_dialog_set_property;
  widget_class->map = vs_volume_create_dialog_map;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VsVolumeCreateDialog::volume-created:
   * @volume: the new volume, listed in its pool
   */
  signals[VOLUME_CREATED] =
    g_signal_new ("volume-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VS_TYPE_VOLUME);
  /**
   * VsVolumeCreateDialog::failed:
   * @error: why a creation that ran as a job failed
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_SIZE_ENTRY);
  g_type_ensure (VS_TYPE_VOLUME_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-volume-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, form);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, name_message);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, format_box);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, capacity_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, capacity_message);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, thin_check);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, metadata_check);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, metadata_description);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, allocation_message);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, backing_box);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, backing_check);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, backing_revealer);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, backing_picker);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, backing_message);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, space_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, overcommit_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeCreateDialog, space_warning);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, backing_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_volume_create_dialog_init (VsVolumeCreateDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_create_dialog_new (GtkWindow *parent,
                             VsPool    *pool)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_POOL (pool), NULL);

  return g_object_new (VS_TYPE_VOLUME_CREATE_DIALOG,
                       "pool", pool,
                       "transient-for", parent,
                       NULL);
}

VsPool *
vs_volume_create_dialog_get_pool (VsVolumeCreateDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self), NULL);

  return self->pool;
}

gboolean
vs_volume_create_dialog_create (VsVolumeCreateDialog *self)
{
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  GListModel *jobs;
  GtkWidget *invalid;
  guint64 capacity = 0;
  guint n_jobs;
  guint flags = 0;
  gboolean backing;
  gboolean full;

  g_return_val_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self), FALSE);

  if (self->working || self->handed_to_job)
    return FALSE;

  if ((invalid = update (self)) != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return FALSE;
    }

  vs_size_entry_get_bytes (self->capacity_entry, &capacity, NULL);
  backing = wants_backing (self);
  full = gtk_check_button_get_active (self->full_check) && !backing;

  def = vs_volume_definition_new (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                  chosen_format (self), capacity);
  if (full)
    def->allocation = capacity;
  if (backing)
    {
      VsVolume *base = vs_volume_picker_get_volume (self->backing_picker);

      def->backing_path = g_strdup (vs_volume_get_path (base));
      def->backing_format = g_strdup (vs_volume_get_format (base));
    }
  /* For qcow2, libvirt allocates only with this flag: the metadata below
   * the capacity, everything at it. */
  if (is_qcow2 (self) && !backing && (full || gtk_check_button_get_active (self->metadata_check)))
    flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;

  if ((xml = vs_volume_definition_to_xml (def, &error)) == NULL)
    {
      vs_error_bar_show_error (self->error_bar, _("The volume cannot be described to libvirt"), error);
      return FALSE;
    }

  vs_error_bar_hide (self->error_bar);
  jobs = vs_connection_get_jobs (vs_pool_get_connection (self->pool));
  n_jobs = g_list_model_get_n_items (jobs);
  set_working (self, TRUE);
  vs_pool_create_volume_async (self->pool, xml, flags, self->cancellable, created_cb, g_object_ref (self));

  /* A creation that allocates is a job, shown with the others: the window
   * is free meanwhile. */
  if (!self->disposed && g_list_model_get_n_items (jobs) > n_jobs)
    {
      self->handed_to_job = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }

  return TRUE;
}

const char *
vs_volume_create_dialog_get_error (VsVolumeCreateDialog *self,
                                   const char           *field)
{
  GtkLabel *label = NULL;

  g_return_val_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "name"))
    label = self->name_message;
  else if (g_str_equal (field, "capacity"))
    label = self->capacity_message;
  else if (g_str_equal (field, "allocation"))
    label = self->allocation_message;
  else if (g_str_equal (field, "backing"))
    label = self->backing_message;
  else
    g_return_val_if_reached (NULL);

  return vs_field_message_get_error (label);
}

const char *
vs_volume_create_dialog_get_format (VsVolumeCreateDialog *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self), NULL);

  return chosen_format (self);
}

gboolean
vs_volume_create_dialog_set_format (VsVolumeCreateDialog *self,
                                    const char           *format)
{
  g_return_val_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (self->format_names == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->format_names)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->format_names, i), format))
      {
        gtk_drop_down_set_selected (self->format_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

void
vs_volume_create_dialog_set_backing (VsVolumeCreateDialog *self,
                                     VsVolume             *base)
{
  g_return_if_fail (VS_IS_VOLUME_CREATE_DIALOG (self));
  g_return_if_fail (base == NULL || VS_IS_VOLUME (base));

  gtk_check_button_set_active (self->backing_check, base != NULL);
  if (base != NULL)
    vs_volume_picker_set_volume (self->backing_picker, base);
}
