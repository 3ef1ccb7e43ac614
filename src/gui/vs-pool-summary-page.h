/* vs-pool-summary-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-job.h"
#include "vs-wizard-page.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_SUMMARY_PAGE (vs_pool_summary_page_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolSummaryPage, vs_pool_summary_page, VS, POOL_SUMMARY_PAGE, GtkWidget)

/* The pool wizard's last page: what the pool will be, the XML that will be
 * defined (editable in an "Edit XML" expert mode, checked for well-formed
 * XML as the user types and by libvirt when it is defined), and, while
 * the pool is created, the job's steps; a failure shows in place, with
 * libvirt's message and which step failed. Complete unless the edited
 * XML is not well-formed. */
GtkWidget  *vs_pool_summary_page_new            (void);
/* Shows @definition and @flags, and the XML they make (kept as the user
 * edited it while Edit XML is on). */
void        vs_pool_summary_page_set_definition (VsPoolSummaryPage       *self,
                                                 const VsPoolDefinition  *definition,
                                                 VsPoolCreateFlags        flags);
/* The edited XML, or NULL when the pool is made from the definition. */
char       *vs_pool_summary_page_dup_edited_xml (VsPoolSummaryPage       *self);
/* Shows @job's steps as they come, and keeps the XML from changes. */
void        vs_pool_summary_page_track_job      (VsPoolSummaryPage       *self,
                                                 VsJob                   *job);
/* The creation failed (or was cancelled): says which step, libvirt's
 * words, and whether anything was left behind. */
void        vs_pool_summary_page_show_failure   (VsPoolSummaryPage       *self,
                                                 const GError            *error);

G_END_DECLS
