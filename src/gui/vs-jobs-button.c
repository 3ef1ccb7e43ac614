/* vs-jobs-button.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-jobs-button"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection.h"
#include "vs-error.h"
#include "vs-gtk-compat.h"
#include "vs-job.h"
#include "vs-job-row.h"
#include "vs-jobs-button-private.h"

struct _VsJobsButton
{
  GtkWidget            parent_instance;

  VsConnectionManager *manager;
  GListStore          *jobs;           /* VsJob: running and ended */
  char                *last_notification;
  guint                n_notifications;

  /* Template widgets */
  GtkMenuButton       *menu_button;
  GtkStack            *icon_stack;
  GtkSpinner          *spinner;
  GtkPopover          *popover;
  GtkListBox          *list_box;
  GtkWidget           *clear_button;
};

G_DEFINE_FINAL_TYPE (VsJobsButton, vs_jobs_button, GTK_TYPE_WIDGET)

/* Helpers --------------------------------------------------------------- */

static void
update (VsJobsButton *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  guint running = 0;
  guint failed = 0;
  g_autofree char *tooltip = NULL;
  const char *page;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

      if (vs_job_get_state (job) == VS_JOB_STATE_RUNNING)
        running++;
      else if (vs_job_get_state (job) == VS_JOB_STATE_FAILED)
        failed++;
    }

  page = running > 0 ? "running" : failed > 0 ? "failed" : "done";
  gtk_stack_set_visible_child_name (self->icon_stack, page);
  gtk_spinner_set_spinning (self->spinner, running > 0);
  gtk_widget_set_sensitive (self->clear_button, running < n);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);

  if (running > 0)
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job running", "%u jobs running", running),
                               running);
  else
    tooltip = g_strdup (_("Jobs"));
  vs_widget_set_tooltip (GTK_WIDGET (self->menu_button), tooltip);
}

static void
remove_job (VsJobsButton *self,
            VsJob        *job)
{
  guint position;

  if (g_list_store_find (self->jobs, job, &position))
    g_list_store_remove (self->jobs, position);
}

/* Tells the desktop about a job that ended while the user looked elsewhere. */
static void
notify_finished (VsJobsButton *self,
                 VsJob        *job)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *application = GTK_IS_WINDOW (root) ? G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))) : NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  const GError *error = vs_job_get_error (job);

  if (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    return;

  g_free (self->last_notification);
  switch (vs_job_get_state (job))
    {
    case VS_JOB_STATE_FAILED:
      /* Translators: a job's title: "Upload of disk.qcow2 failed" */
      self->last_notification = g_strdup_printf (_("%s failed"), vs_job_get_title (job));
      break;
    case VS_JOB_STATE_CANCELLED:
      /* Translators: a job's title: "Upload of disk.qcow2 was cancelled" */
      self->last_notification = g_strdup_printf (_("%s was cancelled"), vs_job_get_title (job));
      break;
    case VS_JOB_STATE_SUCCEEDED:
    case VS_JOB_STATE_RUNNING:
    default:
      /* Translators: a job's title: "Upload of disk.qcow2 is done" */
      self->last_notification = g_strdup_printf (_("%s is done"), vs_job_get_title (job));
      break;
    }

  if (application == NULL)
    return;

  notification = g_notification_new (self->last_notification);
  if (error != NULL)
    g_notification_set_body (notification, vs_error_get_summary (error));
  g_notification_set_priority (notification, error != NULL ? G_NOTIFICATION_PRIORITY_HIGH
                                                           : G_NOTIFICATION_PRIORITY_NORMAL);
  id = g_strdup_printf ("job-%u", ++self->n_notifications);
  g_application_send_notification (application, id, notification);
}

/* Signal callbacks ----------------------------------------------------- */

static void
job_finished_cb (VsJobsButton *self,
                 VsJob        *job)
{
  update (self);
  notify_finished (self, job);
}

static void
watch_jobs (VsJobsButton *self,
            GListModel   *jobs,
            guint         position,
            guint         added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsJob) job = g_list_model_get_item (jobs, i);

      if (g_list_store_find (self->jobs, job, NULL))
        continue;

      g_signal_connect_object (job, "finished", G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_list_store_append (self->jobs, job);
    }
}

/* A connection's jobs leave its list when they end; ours keeps them. */
static void
connection_jobs_changed_cb (VsJobsButton *self,
                            guint         position,
                            guint         removed,
                            guint         added,
                            GListModel   *jobs)
{
  watch_jobs (self, jobs, position, added);
}

static void
watch_connections (VsJobsButton *self,
                   GListModel   *connections,
                   guint         position,
                   guint         added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsConnection) connection = g_list_model_get_item (connections, i);
      GListModel *jobs = vs_connection_get_jobs (connection);

      g_signal_connect_object (jobs, "items-changed", G_CALLBACK (connection_jobs_changed_cb),
                               self, G_CONNECT_SWAPPED);
      watch_jobs (self, jobs, 0, g_list_model_get_n_items (jobs));
    }
}

static void
connections_changed_cb (VsJobsButton *self,
                        guint         position,
                        guint         removed,
                        guint         added,
                        GListModel   *connections)
{
  watch_connections (self, connections, position, added);
}

static void
row_dismissed_cb (VsJobsButton *self,
                  VsJobRow     *row)
{
  remove_job (self, vs_job_row_get_job (row));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  VsJobsButton *self = user_data;
  GtkWidget *job_row = vs_job_row_new (item);
  GtkWidget *row = gtk_list_box_row_new ();

  g_signal_connect_object (job_row, "dismissed", G_CALLBACK (row_dismissed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), job_row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, vs_job_get_title (item),
                                  -1);
  return row;
}

static void
jobs_changed_cb (VsJobsButton *self)
{
  update (self);
}

static void
clear_clicked_cb (VsJobsButton *self,
                  GtkButton    *button)
{
  vs_jobs_button_clear_finished (self);
}

/* Class ----------------------------------------------------------------- */

static void
vs_jobs_button_dispose (GObject *object)
{
  VsJobsButton *self = (VsJobsButton *)object;

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_JOBS_BUTTON);

  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vs_jobs_button_parent_class)->dispose (object);
}

static void
vs_jobs_button_finalize (GObject *object)
{
  VsJobsButton *self = (VsJobsButton *)object;

  g_clear_object (&self->jobs);
  g_free (self->last_notification);

  G_OBJECT_CLASS (vs_jobs_button_parent_class)->finalize (object);
}

static void
vs_jobs_button_class_init (VsJobsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_jobs_button_dispose;
  object_class->finalize = vs_jobs_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, popover);
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, list_box);
  gtk_widget_class_bind_template_child (widget_class, VsJobsButton, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vs_jobs_button_init (VsJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  self->jobs = g_list_store_new (VS_TYPE_JOB);
  g_signal_connect_object (self->jobs, "items-changed", G_CALLBACK (jobs_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->jobs), create_row_cb, self, NULL);

  update (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_jobs_button_new (void)
{
  return g_object_new (VS_TYPE_JOBS_BUTTON, NULL);
}

void
vs_jobs_button_set_manager (VsJobsButton        *self,
                            VsConnectionManager *manager)
{
  GListModel *connections;

  g_return_if_fail (VS_IS_JOBS_BUTTON (self));
  g_return_if_fail (VS_IS_CONNECTION_MANAGER (manager));
  g_return_if_fail (self->manager == NULL);

  self->manager = g_object_ref (manager);
  connections = vs_connection_manager_get_connections (manager);
  g_signal_connect_object (connections, "items-changed", G_CALLBACK (connections_changed_cb),
                           self, G_CONNECT_SWAPPED);
  watch_connections (self, connections, 0, g_list_model_get_n_items (connections));
}

GListModel *
vs_jobs_button_get_jobs (VsJobsButton *self)
{
  g_return_val_if_fail (VS_IS_JOBS_BUTTON (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

void
vs_jobs_button_clear_finished (VsJobsButton *self)
{
  g_return_if_fail (VS_IS_JOBS_BUTTON (self));

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->jobs)); i > 0; i--)
    {
      g_autoptr(VsJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i - 1);

      if (vs_job_is_finished (job))
        g_list_store_remove (self->jobs, i - 1);
    }
}

GtkPopover *
vs_jobs_button_get_popover (VsJobsButton *self)
{
  g_return_val_if_fail (VS_IS_JOBS_BUTTON (self), NULL);

  return self->popover;
}

const char *
vs_jobs_button_get_last_notification (VsJobsButton *self)
{
  g_return_val_if_fail (VS_IS_JOBS_BUTTON (self), NULL);

  return self->last_notification;
}
