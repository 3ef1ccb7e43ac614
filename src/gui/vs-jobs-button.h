/* vs-jobs-button.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_JOBS_BUTTON (vs_jobs_button_get_type ())

G_DECLARE_FINAL_TYPE (VsJobsButton, vs_jobs_button, VS, JOBS_BUTTON, GtkWidget)

/* The header bar's one place for long operations: a button (a spinner
 * while any job runs) with a popover that lists the running jobs of every
 * connection of the manager (vs_connection_get_jobs()) and the ones that
 * ended, until the user removes them. Hidden while there is nothing to
 * list. When a job ends while its window is not the active one, a desktop
 * notification (GNotification) says so. */
GtkWidget  *vs_jobs_button_new           (void);
/* Once, before the button is shown. */
void        vs_jobs_button_set_manager   (VsJobsButton        *self,
                                          VsConnectionManager *manager);
/* The listed jobs (VsJob), running or ended, oldest first. */
GListModel *vs_jobs_button_get_jobs      (VsJobsButton        *self);
/* Removes the jobs that ended from the list. */
void        vs_jobs_button_clear_finished (VsJobsButton       *self);

G_END_DECLS
