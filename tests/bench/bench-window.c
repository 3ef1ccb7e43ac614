/* bench-window.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window shows one dir pool of N sparse files, measured against
 * the floor GTK sets in the same run (a bare GtkColumnView of as many
 * rows): the first rows painted after selecting the pool, the longest
 * main-loop stall until then, the longest stall after them (frame drawing
 * not counted) while details arrive, after volumes are added and removed
 * by another libvirt client, while sorting by each column and while
 * searching, and the memory per volume. Needs root's libvirtd and a
 * display (Xvfb is fine; use GSK_RENDERER=cairo there).
 *
 *   bench-window [--uri URI] [--volumes N]
 *
 * The last line is for scripts:
 *   bench-window: volumes=N first_rows_vs_floor=X first_paint_stall_vs_floor=X max_stall_ms=X bytes_over_floor=X bare_one_row_ms=X
 */

#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt/virterror.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <malloc.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vs-bench-common.h"
#include "vs-connection.h"
#include "vs-connection-manager.h"
#include "vs-pool.h"
#include "vs-pool-page.h"
#include "vs-volume.h"
#include "vs-volume-list.h"
#include "vs-volume-slot.h"
#include "vs-window-private.h"

/* Volumes another client removes, then makes again: the first by name,
 * so that every row on screen changes. (Removed first: a pool of 16,384
 * volumes, libvirt's limit for one listing, cannot take more.) */
#define N_OUTSIDE 50
#define SEARCH_TEXT "vol-0001"

static char *uri = NULL;
/* VS_BENCH_TRACE=1: every stall over 10 ms (frames not counted), frame and
 * phase on stderr with its CLOCK_MONOTONIC times in µs, to line up with
 * `perf record -k CLOCK_MONOTONIC` (HACKING.md, "The volume list"). */
static gboolean tracing;
static int n_volumes = 10000;

static GOptionEntry entries[] = {
  { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "libvirt URI (default qemu:///system)", "URI" },
  { "volumes", 'n', 0, G_OPTION_ARG_INT, &n_volumes, "Number of volumes (default 10000)", "N" },
  { NULL }
};

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data, int timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
trace_phase (const char *name)
{
  if (tracing)
    g_printerr ("PHASE %s %" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());
}

/* The main thread's processor time (µs): a stall the thread spent
 * waiting for a processor (other threads, other processes) is not work
 * it did. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Frame drawing: from the frame clock's "before-paint" to its
 * "after-paint" (layout, snapshot, rendering), the two signals GDK emits
 * for every frame ("update" only comes when an animation asked for it,
 * not for a frame that only lays out). A stall less the drawing in it is
 * what the code outside GTK's frames did. */
typedef struct
{
  gint64 frame_start;
  gint64 frame_start_cpu;
  gint64 drawing;      /* running totals, wall and processor time */
  gint64 drawing_cpu;
  guint  frames;
} Frames;

static void
frame_begin_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  if (tracing)
    g_printerr ("FRAME_BEGIN %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  frames->frame_start = g_get_monotonic_time ();
  frames->frame_start_cpu = thread_cpu_time ();
}

static void
frame_end_cb (GdkFrameClock *clock,
              Frames        *frames)
{
  if (frames->frame_start == 0)
    return;

  if (tracing)
    g_printerr ("FRAME_END %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  frames->drawing += g_get_monotonic_time () - frames->frame_start;
  frames->drawing_cpu += thread_cpu_time () - frames->frame_start_cpu;
  frames->frames++;
  frames->frame_start = 0;
}

static void
watch_frames (GtkWidget *window,
              Frames    *frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (frame_begin_cb), frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (frame_end_cb), frames);
}

/* The first frame painted with rows that show something: a row of the
 * window's list may be a blank slot while its pool is being listed. */
typedef struct
{
  GtkColumnView *view;
  gint64         painted_with_rows;
} Paint;

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  g_autoptr(GObject) first = NULL;
  GtkSelectionModel *model;

  if (paint->painted_with_rows != 0 || paint->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (paint->view)))
    return;

  model = gtk_column_view_get_model (paint->view);
  if (model == NULL || (first = g_list_model_get_item (G_LIST_MODEL (model), 0)) == NULL)
    return;
  if (VS_IS_VOLUME_SLOT (first) && vs_volume_slot_get_volume (VS_VOLUME_SLOT (first)) == NULL)
    return;

  paint->painted_with_rows = g_get_monotonic_time ();
}

static gboolean
first_rows_painted (gpointer data)
{
  return ((Paint *) data)->painted_with_rows != 0;
}

/* The longest gaps between two runs of a 1 ms timeout during one phase
 * (as VsStallProbe measures them), three ways: as they were, less the
 * frame drawing in them, and as the main thread's processor time less
 * the drawing's: the work that blocked the loop, without the time the
 * thread waited for a processor. */
typedef struct
{
  const Frames *frames;
  guint         source_id;
  gint64        last, last_cpu, drawing_at_last, drawing_cpu_at_last;
  double        stall_ms;
  double        own_ms;      /* frame drawing not counted */
  double        work_ms;     /* processor time, frame drawing not counted */
} Phase;

static void
phase_tick (Phase *phase)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint64 drawn = phase->frames->drawing - phase->drawing_at_last;
  gint64 drawn_cpu = phase->frames->drawing_cpu - phase->drawing_cpu_at_last;

  if ((now - phase->last - drawn) > 10000 && tracing)
    g_printerr ("GAP %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " own=%.1f cpu=%.1f\n", phase->last, now,
                (now - phase->last - drawn) / 1000.0, (cpu - phase->last_cpu - drawn_cpu) / 1000.0);
  phase->stall_ms = MAX (phase->stall_ms, (now - phase->last) / 1000.0);
  phase->own_ms = MAX (phase->own_ms, (now - phase->last - drawn) / 1000.0);
  phase->work_ms = MAX (phase->work_ms, (cpu - phase->last_cpu - drawn_cpu) / 1000.0);
  phase->last = now;
  phase->last_cpu = cpu;
  phase->drawing_at_last = phase->frames->drawing;
  phase->drawing_cpu_at_last = phase->frames->drawing_cpu;
}

static gboolean
phase_tick_cb (gpointer data)
{
  phase_tick (data);
  return G_SOURCE_CONTINUE;
}

static void
phase_start (Phase        *phase,
             const Frames *frames)
{
  *phase = (Phase) { .frames = frames };
  /* From now: a synchronous call made right after this counts too. */
  phase->last = g_get_monotonic_time ();
  phase->last_cpu = thread_cpu_time ();
  phase->drawing_at_last = frames->drawing;
  phase->drawing_cpu_at_last = frames->drawing_cpu;
  /* Above GTK's redraw priority, like input would be. */
  phase->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, phase_tick_cb, phase, NULL);
}

static void
phase_stop (Phase *phase)
{
  phase_tick (phase);
  g_clear_handle_id (&phase->source_id, g_source_remove);
}

/* The floor: a bare GtkColumnView ----------------------------------------- */

static void
bare_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bare_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
}

/* GTK's own cost of one row more or less among those it has widgets for
 * (the bare view, a row inserted in view and removed again, ONE_ROW_TIMES
 * times, a frame drawn after each): what a single step of the window's
 * list cannot go below. */
#define ONE_ROW_TIMES 20

typedef struct
{
  guint frames;
  const Frames *watched;
} FrameWait;

static gboolean
frames_drawn (gpointer data)
{
  FrameWait *wait = data;

  return wait->watched->frames >= wait->frames;
}

typedef struct
{
  double first_rows_ms;
  Phase  first_paint;
  Phase  one_row;
  double bytes_per_row;
  double bytes_per_row_trimmed;   /* after malloc_trim(): memory in use */
} Floor;

/* Six plain label columns over N string objects, given to the view in
 * one splice, as fast as GTK 4.8 gets rows on screen. */
static void
measure_floor (int    n,
               Floor *floor)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  Paint paint = { view, 0 };
  Frames frames = { 0 };
  gsize rss_before;
  gint64 start;

  for (int c = 0; c < 6; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (bare_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bare_cell_bind_cb), NULL);
      gtk_column_view_append_column (view, gtk_column_view_column_new ("", factory));
    }
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (store)))));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), &paint);
  watch_frames (window, &frames);

  for (int i = 0; i < n; i++)
    g_ptr_array_add (items, gtk_string_object_new ("vol-000000.img"));

  rss_before = vs_bench_resident_kib ();
  phase_start (&floor->first_paint, &frames);
  start = g_get_monotonic_time ();
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  iterate_until (first_rows_painted, &paint, 60);
  phase_stop (&floor->first_paint);

  floor->first_rows_ms = (paint.painted_with_rows - start) / 1000.0;
  floor->bytes_per_row = ((double) vs_bench_resident_kib () - (double) rss_before) * 1024.0 / n;
  malloc_trim (0);
  floor->bytes_per_row_trimmed = ((double) vs_bench_resident_kib () - (double) rss_before) * 1024.0 / n;

  phase_start (&floor->one_row, &frames);
  for (int i = 0; i < ONE_ROW_TIMES; i++)
    {
      g_autoptr(GtkStringObject) extra = gtk_string_object_new ("vol-000000.img");
      FrameWait wait = { frames.frames + 2, &frames };

      if (i % 2 == 0)
        g_list_store_insert (store, 10, extra);
      else
        g_list_store_remove (store, 10);
      iterate_until (frames_drawn, &wait, 60);
    }
  phase_stop (&floor->one_row);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), &paint);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), &frames);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window ---------------------------------------------------------------- */

typedef struct
{
  VsPool       *pool;
  VsVolumeList *list;
  guint         n_expected;
} Settle;

static gboolean
pool_idle (gpointer data)
{
  return vs_pool_get_volumes_loaded (data) && !vs_pool_get_loading (data) && !vs_pool_get_busy (data);
}

static gboolean
settled (gpointer data)
{
  Settle *settle = data;

  return pool_idle (settle->pool) &&
         g_list_model_get_n_items (vs_pool_get_volumes (settle->pool)) == settle->n_expected &&
         !vs_volume_list_get_updating (settle->list);
}

static gboolean
connection_has_pool (gpointer data)
{
  VsConnection *connection = g_object_get_data (data, "connection");
  const char *name = g_object_get_data (data, "pool-name");

  return vs_connection_find_pool (connection, name) != NULL;
}

/* Another libvirt client (a connection of its own, in a thread) removes
 * or makes files in the pool's folder and refreshes the pool, as virsh
 * would: the window hears of it through the pool's refresh event. */
typedef struct
{
  const char *pool_name;
  const char *dir;
  gboolean    add;
  int         done;
} OutsideChange;

static gpointer
outside_change_thread (gpointer data)
{
  OutsideChange *change = data;
  virConnectPtr conn = vs_bench_open (uri);
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, change->pool_name);

  for (int i = 0; i < N_OUTSIDE; i++)
    {
      /* As vs_bench_make_pool() made them. */
      g_autofree char *path = g_strdup_printf ("%s/vol-%06d.img", change->dir, i);

      if (change->add)
        {
          int fd = open (path, O_CREAT | O_WRONLY, 0644);

          if (fd < 0 || ftruncate (fd, (goffset) (1 + i % 64) << 20) < 0)
            g_error ("Could not create %s", path);
          close (fd);
        }
      else
        g_unlink (path);
    }

  if (pool == NULL || virStoragePoolRefresh (pool, 0) < 0)
    g_error ("Could not refresh the pool: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);
  virConnectClose (conn);
  g_atomic_int_set (&change->done, 1);

  return NULL;
}

static void
outside_change (Settle     *settle,
                const char *pool_name,
                const char *dir,
                gboolean    add)
{
  OutsideChange change = { pool_name, dir, add, 0 };
  GThread *thread = g_thread_new ("outside-change", outside_change_thread, &change);

  settle->n_expected = n_volumes - (add ? 0 : N_OUTSIDE);
  while (!g_atomic_int_get (&change.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  iterate_until (settled, settle, 120);
}

static void
search (VsVolumeList *list,
        const char   *text)
{
  GtkEditable *entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY));

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
  /* Without the entry's typing delay. */
  g_signal_emit_by_name (entry, "search-changed");
}

static void
print_phase (const char  *what,
             const Phase *phase)
{
  g_print ("| %-44s | %9.1f | %9.1f | %9.1f |\n", what, phase->stall_ms, phase->own_ms, phase->work_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- window benchmark");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(VsConnectionManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *warm_dir = NULL;
  g_autofree char *warm_name = NULL;
  const char *column_names[] = { "name", "format", "capacity", "allocation", "used by", "path" };
  Phase first_paint = { 0 }, details = { 0 }, added = { 0 }, removed = { 0 };
  Phase sorts[6][2], searched = { 0 }, cleared = { 0 };
  Paint warm_paint = { 0 };
  Paint paint = { 0 };
  Frames frames = { 0 };
  Settle settle = { 0 };
  Floor floor = { 0 };
  VsConnection *connection;
  GtkColumnView *view;
  VsVolumeList *list;
  VsWindow *window;
  virConnectPtr conn;
  VsPool *pool;
  gint64 start, listed = 0, all_details;
  double first_rows_ms, bytes_per_volume, bytes_trimmed, max_stall = 0, max_work = 0;
  gsize rss_before, rss_after;

  memset (sorts, 0, sizeof sorts);
  g_option_context_add_main_entries (context, entries, NULL);
  vs_bench_parse_options (context, &argc, &argv, &uri);
  tracing = g_strcmp0 (g_getenv ("VS_BENCH_TRACE"), "1") == 0;

  if (!gtk_init_check ())
    {
      g_printerr ("SKIP: no display\n");
      return 77;
    }

  conn = vs_bench_open (uri);

  name = g_strdup_printf ("vs-bench-window-%d", getpid ());
  g_print ("Creating %d sparse volumes...\n", n_volumes);
  dir = vs_bench_make_pool (conn, name, n_volumes);
  /* Shown first, so that the measured pool finds the page built, the fonts
   * loaded and the first frames drawn: what a user selecting pools meets. */
  warm_name = g_strdup_printf ("vs-bench-warm-%d", getpid ());
  warm_dir = vs_bench_make_pool (conn, warm_name, 10);

  /* First, while the process is fresh: freed memory would hide its cost. */
  measure_floor (n_volumes, &floor);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  settings = g_settings_new ("io.github.virtstorage.VirtStorage");
  manager = vs_connection_manager_new (settings);
  connection = vs_connection_manager_add (manager, uri, FALSE, FALSE, &error);
  g_assert_no_error (error);
  window = vs_window_new (NULL, manager, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  vs_connection_manager_open (manager, connection, NULL, NULL);

  g_object_set_data (G_OBJECT (window), "connection", connection);
  g_object_set_data (G_OBJECT (window), "pool-name", name);
  iterate_until (connection_has_pool, window, 60);
  pool = vs_connection_find_pool (connection, name);

  g_object_set_data (G_OBJECT (window), "pool-name", warm_name);
  iterate_until (connection_has_pool, window, 60);
  g_assert_true (vs_sidebar_select_item (vs_window_get_sidebar (window), vs_connection_find_pool (connection, warm_name)));
  view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (vs_window_get_pool_page (window)), GTK_TYPE_COLUMN_VIEW));
  list = VS_VOLUME_LIST (find_descendant (GTK_WIDGET (vs_window_get_pool_page (window)), VS_TYPE_VOLUME_LIST));
  g_assert_nonnull (view);
  g_assert_nonnull (list);
  warm_paint.view = view;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &warm_paint);
  iterate_until (first_rows_painted, &warm_paint, 60);
  iterate_until (pool_idle, vs_connection_find_pool (connection, warm_name), 60);

  paint.view = view;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &paint);
  watch_frames (GTK_WIDGET (window), &frames);

  /* Selecting the pool: its first rows. */
  rss_before = vs_bench_resident_kib ();
  phase_start (&first_paint, &frames);
  trace_phase ("first_paint");
  start = g_get_monotonic_time ();
  g_assert_true (vs_sidebar_select_item (vs_window_get_sidebar (window), pool));
  while (!first_rows_painted (&paint))
    {
      if (listed == 0 && g_list_model_get_n_items (vs_pool_get_volumes (pool)) > 0)
        listed = g_get_monotonic_time ();
      g_main_context_iteration (NULL, TRUE);
    }
  phase_stop (&first_paint);
  first_rows_ms = (paint.painted_with_rows - start) / 1000.0;

  /* The rest of the rows and the details. */
  settle = (Settle) { pool, list, n_volumes };
  phase_start (&details, &frames);
  trace_phase ("details");
  iterate_until (settled, &settle, 600);
  phase_stop (&details);
  all_details = g_get_monotonic_time ();
  rss_after = vs_bench_resident_kib ();
  bytes_per_volume = ((double) rss_after - (double) rss_before) * 1024.0 / n_volumes;
  malloc_trim (0);
  bytes_trimmed = ((double) vs_bench_resident_kib () - (double) rss_before) * 1024.0 / n_volumes;

  /* Another client removes the volumes shown first, then makes them
   * again. */
  phase_start (&removed, &frames);
  trace_phase ("removed");
  outside_change (&settle, name, dir, FALSE);
  phase_stop (&removed);
  phase_start (&added, &frames);
  trace_phase ("added");
  outside_change (&settle, name, dir, TRUE);
  phase_stop (&added);

  /* Each column, both ways, as a header click does. */
  for (guint c = 0; c < G_N_ELEMENTS (column_names); c++)
    for (guint o = 0; o < 2; o++)
      {
        VsVolumeSortKey key = c == 4 ? VS_VOLUME_SORT_USED_BY : c == 5 ? VS_VOLUME_SORT_PATH : c;

        phase_start (&sorts[c][o], &frames);

        trace_phase ("sort");
        vs_volume_list_sort (list, key, o == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        iterate_until (settled, &settle, 120);
        phase_stop (&sorts[c][o]);
      }

  /* A search, then all volumes back. */
  vs_volume_list_sort (list, VS_VOLUME_SORT_NAME, GTK_SORT_ASCENDING);
  iterate_until (settled, &settle, 120);
  phase_start (&searched, &frames);
  trace_phase ("searched");
  search (list, SEARCH_TEXT);
  iterate_until (settled, &settle, 120);
  phase_stop (&searched);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), <, (guint) n_volumes);
  phase_start (&cleared, &frames);
  trace_phase ("cleared");
  search (list, "");
  iterate_until (settled, &settle, 120);
  phase_stop (&cleared);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, (guint) n_volumes);

  max_stall = MAX (details.own_ms, MAX (added.own_ms, removed.own_ms));
  max_stall = MAX (max_stall, MAX (searched.own_ms, cleared.own_ms));
  for (guint c = 0; c < G_N_ELEMENTS (column_names); c++)
    max_stall = MAX (max_stall, MAX (sorts[c][0].own_ms, sorts[c][1].own_ms));
  max_work = MAX (details.work_ms, MAX (added.work_ms, removed.work_ms));
  max_work = MAX (max_work, MAX (searched.work_ms, cleared.work_ms));
  for (guint c = 0; c < G_N_ELEMENTS (column_names); c++)
    max_work = MAX (max_work, MAX (sorts[c][0].work_ms, sorts[c][1].work_ms));

  g_print ("\n%d volumes; the core listed them %.0f ms after the pool was selected; all details after %.2f s\n\n",
           n_volumes, listed != 0 ? (listed - start) / 1000.0 : -1.0, (all_details - start) / 1e6);
  g_print ("| %-44s | %9s | %9s | %6s |\n", "first rows", "window", "bare view", "ratio");
  g_print ("|----------------------------------------------|-----------|-----------|--------|\n");
  g_print ("| %-44s | %9.0f | %9.0f | %6.2f |\n", "first rows painted after (ms)",
           first_rows_ms, floor.first_rows_ms, first_rows_ms / floor.first_rows_ms);
  g_print ("| %-44s | %9.1f | %9.1f | %6.2f |\n", "longest stall until then (ms)",
           first_paint.stall_ms, floor.first_paint.stall_ms, first_paint.stall_ms / floor.first_paint.stall_ms);
  g_print ("| %-44s | %9.1f | %9.1f | %6.2f |\n", "  the same, frame drawing not counted (ms)",
           first_paint.own_ms, floor.first_paint.own_ms, first_paint.own_ms / floor.first_paint.own_ms);
  g_print ("| %-44s | %9.0f | %9.0f | %+6.0f |\n", "resident memory per volume / row (bytes)",
           bytes_per_volume, floor.bytes_per_row, bytes_per_volume - floor.bytes_per_row);
  g_print ("| %-44s | %9.0f | %9.0f | %+6.0f |\n", "  the same after malloc_trim() (bytes)",
           bytes_trimmed, floor.bytes_per_row_trimmed, bytes_trimmed - floor.bytes_per_row_trimmed);
  g_print ("\n| %-44s | %9s | %9s | %9s |\n", "after the first rows: longest stall (ms)", "all", "no frames",
           "cpu, no fr");
  g_print ("|----------------------------------------------|-----------|-----------|-----------|\n");
  print_phase ("details arriving, the rest of the rows", &details);
  print_phase ("another client removed the first " G_STRINGIFY (N_OUTSIDE), &removed);
  print_phase ("another client made them again", &added);
  for (guint c = 0; c < G_N_ELEMENTS (column_names); c++)
    for (guint o = 0; o < 2; o++)
      {
        g_autofree char *what = g_strdup_printf ("sort by %s, %s", column_names[c],
                                                 o == 0 ? "ascending" : "descending");

        print_phase (what, &sorts[c][o]);
      }
  print_phase ("search \"" SEARCH_TEXT "\"", &searched);
  print_phase ("search cleared", &cleared);
  print_phase ("bare view: a row in view added or removed", &floor.one_row);
  g_print ("| %-44s | %9s | %9.1f | %9.1f |\n", "longest of all", "", max_stall, max_work);
  g_print ("(\"cpu, no fr\": the main thread's processor time in that stall, frame drawing not counted: "
           "its own work, without waiting for a processor)\n");
  g_print ("targets: first rows and first-paint stall <= 1.2 x the bare view; stalls after the first rows "
           "(no frames) <= %d ms; memory <= the bare view's + 600 bytes\n\n", n_volumes > 10000 ? 33 : 16);

  g_print ("bench-window: volumes=%d first_rows_vs_floor=%.2f first_paint_stall_vs_floor=%.2f "
           "max_stall_ms=%.1f bytes_over_floor=%.0f bare_one_row_ms=%.1f\n",
           n_volumes, first_rows_ms / floor.first_rows_ms, first_paint.stall_ms / floor.first_paint.stall_ms,
           max_stall, bytes_per_volume - floor.bytes_per_row, floor.one_row.own_ms);

  gtk_window_destroy (GTK_WINDOW (window));
  vs_bench_remove_pool (conn, name, dir);
  vs_bench_remove_pool (conn, warm_name, warm_dir);
  virConnectClose (conn);

  return 0;
}
