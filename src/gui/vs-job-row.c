/* vs-job-row.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-job-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-job.h"
#include "vs-job-row.h"

/* How often an unknown fraction pulses the bar (ms). */
#define PULSE_INTERVAL_MS 120

struct _VsJobRow
{
  GtkWidget       parent_instance;

  VsJob          *job;
  GSignalGroup   *job_signals;
  guint           pulse_id;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkWidget      *cancel_button;
  GtkWidget      *dismiss_button;
  GtkLabel       *step_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *detail_label;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (VsJobRow, vs_job_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

enum {
  DISMISSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  VsJobRow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
update_pulse (VsJobRow *self)
{
  gboolean pulse = self->job != NULL &&
                   vs_job_get_state (self->job) == VS_JOB_STATE_RUNNING &&
                   vs_job_get_fraction (self->job) < 0 &&
                   gtk_widget_get_mapped (GTK_WIDGET (self));

  if (pulse && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
  else if (!pulse)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* "1.0 GiB of 4.0 GiB · 35.0 MiB/s · 2 min left", as much as is known. */
static char *
progress_text (VsJob *job)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *left = vs_format_duration (vs_job_get_seconds_left (job));
  guint64 total = vs_job_get_bytes_total (job);
  double rate = vs_job_get_rate (job);

  if (total > 0)
    {
      g_autofree char *done = vs_format_size (vs_job_get_bytes_done (job));
      g_autofree char *all = vs_format_size (total);

      /* Translators: bytes copied so far of the whole: "1.0 GiB of 4.0 GiB" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s of %s"), done, all));
    }
  if (rate > 0)
    {
      g_autofree char *size = vs_format_size ((guint64) rate);

      /* Translators: a transfer rate, "35.0 MiB/s" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s/s"), size));
    }
  if (left != NULL)
    /* Translators: the time a job still needs, "2 min left" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s left"), left));

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a job's progress */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
update (VsJobRow *self)
{
  VsJob *job = self->job;
  VsJobState state;
  const GError *error;
  g_autofree char *detail = NULL;
  g_autofree char *cancel_label = NULL;
  double fraction;

  if (job == NULL)
    return;

  state = vs_job_get_state (job);
  error = vs_job_get_error (job);
  fraction = vs_job_get_fraction (job);

  gtk_label_set_text (self->title_label, vs_job_get_title (job));
  gtk_label_set_text (self->step_label, vs_job_get_step (job) != NULL ? vs_job_get_step (job) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->step_label),
                          state == VS_JOB_STATE_RUNNING && vs_job_get_step (job) != NULL);

  switch (state)
    {
    case VS_JOB_STATE_SUCCEEDED:
      detail = g_strdup (_("Done"));
      break;
    case VS_JOB_STATE_CANCELLED:
      detail = g_strdup (_("Cancelled"));
      break;
    case VS_JOB_STATE_FAILED:
      detail = g_strdup (_("Failed"));
      break;
    case VS_JOB_STATE_RUNNING:
    default:
      detail = progress_text (job);
      break;
    }
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), *detail != '\0');

  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == VS_JOB_STATE_RUNNING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, vs_job_get_title (job),
                                  -1);

  if (error != NULL)
    {
      const char *libvirt_message = vs_error_get_libvirt_message (error);
      g_autofree char *text = libvirt_message != NULL
                                ? g_strdup_printf ("%s\n%s", vs_error_get_summary (error), libvirt_message)
                                : g_strdup (error->message);

      gtk_label_set_text (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  gtk_widget_set_visible (self->cancel_button, state == VS_JOB_STATE_RUNNING);
  gtk_widget_set_visible (self->dismiss_button, state != VS_JOB_STATE_RUNNING);
  /* Translators: the accessible name of a job's Cancel button: "Cancel Upload of disk.qcow2" */
  cancel_label = g_strdup_printf (_("Cancel %s"), vs_job_get_title (job));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, vs_job_get_title (job),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail,
                                  -1);

  update_pulse (self);
}

/* Signal callbacks ----------------------------------------------------- */

static void
cancel_clicked_cb (VsJobRow  *self,
                   GtkButton *button)
{
  if (self->job != NULL)
    vs_job_cancel (self->job);
}

static void
dismiss_clicked_cb (VsJobRow  *self,
                    GtkButton *button)
{
  g_signal_emit (self, signals[DISMISSED], 0);
}

/* Class ----------------------------------------------------------------- */

static void
vs_job_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vs_job_row_parent_class)->map (widget);

  update_pulse (VS_JOB_ROW (widget));
}

static void
vs_job_row_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vs_job_row_parent_class)->unmap (widget);

  update_pulse (VS_JOB_ROW (widget));
}

static void
vs_job_row_dispose (GObject *object)
{
  VsJobRow *self = (VsJobRow *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);
  g_clear_object (&self->job);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_JOB_ROW);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_job_row_parent_class)->dispose (object);
}

static void
vs_job_row_finalize (GObject *object)
{
  VsJobRow *self = (VsJobRow *)object;

  g_clear_object (&self->job_signals);

  G_OBJECT_CLASS (vs_job_row_parent_class)->finalize (object);
}

static void
vs_job_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VsJobRow *self = VS_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_job_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VsJobRow *self = VS_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      self->job = g_value_dup_object (value);
      g_signal_group_set_target (self->job_signals, self->job);
      update (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_job_row_class_init (VsJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_job_row_dispose;
  object_class->finalize = vs_job_row_finalize;
  object_class->get_property = vs_job_row_get_property;
  object_class->set_property = vs_job_row_set_property;
  widget_class->map = vs_job_row_map;
  widget_class->unmap = vs_job_row_unmap;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, VS_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, step_label);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, VsJobRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_job_row_init (VsJobRow *self)
{
  self->job_signals = g_signal_group_new (VS_TYPE_JOB);
  g_signal_group_connect_swapped (self->job_signals, "notify", G_CALLBACK (update), self);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_job_row_new (VsJob *job)
{
  g_return_val_if_fail (VS_IS_JOB (job), NULL);

  return g_object_new (VS_TYPE_JOB_ROW, "job", job, NULL);
}

VsJob *
vs_job_row_get_job (VsJobRow *self)
{
  g_return_val_if_fail (VS_IS_JOB_ROW (self), NULL);

  return self->job;
}

const char *
vs_job_row_get_detail (VsJobRow *self)
{
  g_return_val_if_fail (VS_IS_JOB_ROW (self), NULL);

  return gtk_label_get_text (self->detail_label);
}
