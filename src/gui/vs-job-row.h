/* vs-job-row.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-types.h"

G_BEGIN_DECLS

#define VS_TYPE_JOB_ROW (vs_job_row_get_type ())

G_DECLARE_FINAL_TYPE (VsJobRow, vs_job_row, VS, JOB_ROW, GtkWidget)

/* One long operation in the jobs popover, kept current: its title, the
 * step it is at, a progress bar (pulsing while the fraction is unknown),
 * bytes done of the total, the rate and the time left, and a Cancel button;
 * once it ended, how (done, cancelled, or failed with its error) and a
 * button that removes it from the list (signal "dismissed"). */
GtkWidget  *vs_job_row_new         (VsJob    *job);
VsJob      *vs_job_row_get_job     (VsJobRow *self);
/* What the row says under the bar ("1.0 GiB of 4.0 GiB · 35.0 MiB/s ·
 * 2 min left", "Done", ...), for tests. */
const char *vs_job_row_get_detail  (VsJobRow *self);

G_END_DECLS
