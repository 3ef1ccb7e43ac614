/* vs-jobs-button-private.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vs-jobs-button.h"

G_BEGIN_DECLS

/* For tests. The popover (open or not). */
GtkPopover *vs_jobs_button_get_popover           (VsJobsButton *self);
/* The title of the last desktop notification about a job that ended, or
 * NULL; recorded even when there is no application to send it through. */
const char *vs_jobs_button_get_last_notification (VsJobsButton *self);

G_END_DECLS
