/* vs-bench-common.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

/* Parses the command line with @context (exits with 2 and the reason when
 * it is wrong) and sets *@uri to qemu:///system unless given. */
void    vs_bench_parse_options  (GOptionContext *context,
                                 int            *argc,
                                 char         ***argv,
                                 char          **uri);
/* Opens @uri; exits with 77 (skipped) and the reason when no daemon answers. */
virConnectPtr vs_bench_open     (const char     *uri);

/* Measures the longest gap between two runs of a 1 ms timeout: how long
 * the main loop was blocked. */
typedef struct
{
  guint         source_id;
  gint64        last;
  gint64        max_gap;
  /* Optional: a running total of the time spent drawing frames. A gap
   * minus the drawing in it is the stall our own code caused; on Xvfb a
   * software-rendered frame alone can take tens of milliseconds. */
  const gint64 *drawing;
  gint64        drawing_at_last;
  gint64        max_gap_without_drawing;
} VsStallProbe;

void    vs_stall_probe_start    (VsStallProbe *probe);
/* Returns the longest stall in milliseconds. */
double  vs_stall_probe_stop     (VsStallProbe *probe);
/* The longest stall less the frame drawing in it, in milliseconds. */
double  vs_stall_probe_without_drawing (VsStallProbe *probe);

gsize   vs_bench_resident_kib   (void);

/* A dir pool of @n_volumes sparse files in a new temporary folder, started
 * (transient). Returns the folder. */
char   *vs_bench_make_pool      (virConnectPtr  conn,
                                 const char    *name,
                                 int            n_volumes);
void    vs_bench_remove_pool    (virConnectPtr  conn,
                                 const char    *name,
                                 const char    *dir);

/* What `virsh vol-list --details` does: list, then info and XML per
 * volume, one call after the other. Returns seconds. */
double  vs_bench_sequential_loop (virConnectPtr conn,
                                  const char   *pool_name);
/* Runs `virsh vol-list --details` itself. Returns seconds, or -1. */
double  vs_bench_virsh_vol_list  (const char   *uri,
                                  const char   *pool_name);

G_END_DECLS
