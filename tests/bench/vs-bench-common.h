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
  /* The most CPU time the main thread itself used between two ticks: a
   * gap much longer than that was the scheduler's (other threads and
   * processes on the cores), not the main loop's work. */
  gint64        cpu_last;
  gint64        max_gap_cpu;
} VsStallProbe;

void    vs_stall_probe_start    (VsStallProbe *probe);
/* Returns the longest stall in milliseconds. */
double  vs_stall_probe_stop     (VsStallProbe *probe);
/* The most CPU time the main thread spent between two ticks, in ms. */
double  vs_stall_probe_cpu_ms   (VsStallProbe *probe);
/* The longest stall less the frame drawing in it, in milliseconds. */
double  vs_stall_probe_without_drawing (VsStallProbe *probe);

gsize   vs_bench_resident_kib   (void);
/* CPU time (user + system) used so far by this process, and by the
 * libvirtd named in /run/libvirtd.pid (-1 when there is none), in seconds. */
double  vs_bench_own_cpu_s      (void);
double  vs_bench_daemon_cpu_s   (void);

/* A dir pool of @n_volumes sparse files in a new temporary folder, started
 * (transient). Returns the folder. */
char   *vs_bench_make_pool      (virConnectPtr  conn,
                                 const char    *name,
                                 int            n_volumes);
/* Destroys the pool and removes the folder's files and the folder (none
 * when @dir is NULL). */
void    vs_bench_remove_pool    (virConnectPtr  conn,
                                 const char    *name,
                                 const char    *dir);

/* What `virsh vol-list --details` does: list, then info and XML per
 * volume, one call after the other. Returns seconds. */
double  vs_bench_sequential_loop (virConnectPtr conn,
                                  const char   *pool_name);
/* What each volume gets in vs_bench_volume_calls(). PATH is a round trip
 * to the daemon that touches no file (libvirtd answers from its pool
 * object): the cost of a call without the refresh that INFO and XML do. */
typedef enum
{
  VS_BENCH_CALL_INFO = 1 << 0,
  VS_BENCH_CALL_XML  = 1 << 1,
  VS_BENCH_CALL_PATH = 1 << 2,
} VsBenchCalls;

/* Lists the pool, then makes @calls for every volume, spread over
 * @n_threads threads sharing @conn (1: one after the other). Returns
 * seconds, listing included. */
double  vs_bench_volume_calls    (virConnectPtr conn,
                                  const char   *pool_name,
                                  VsBenchCalls  calls,
                                  int           n_threads);
/* The median time of one call to the daemon that does no work there
 * (virConnectGetLibVersion), in seconds: the round trip of @conn. */
double  vs_bench_round_trip      (virConnectPtr conn);
/* Runs `virsh vol-list --details` itself. Returns seconds, or -1. */
double  vs_bench_virsh_vol_list  (const char   *uri,
                                  const char   *pool_name);

G_END_DECLS
