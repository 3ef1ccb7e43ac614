/* bench-window.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window shows one dir pool of N sparse files: time from selecting
 * the pool to the first rows painted and to all details in, the longest
 * main-loop stall while loading, sorting by capacity and filtering, and
 * memory per volume; in the same run, the sequential libvirt loop that
 * `virsh vol-list --details` uses. Needs a display (Xvfb is fine).
 *
 *   bench-window [--uri URI] [--volumes N]
 */

#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt/virterror.h>
#include <unistd.h>

#include "vs-bench-common.h"
#include "vs-connection.h"
#include "vs-connection-manager.h"
#include "vs-pool.h"
#include "vs-pool-page.h"
#include "vs-window-private.h"

static char *uri = NULL;
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

typedef struct
{
  GtkColumnView *view;
  gint64         painted_with_rows;
} Paint;

/* Where the time to the first rows goes: the core's list landing in the
 * model, then GTK's frames. */
typedef struct
{
  gint64 listed;
  gint64 frame_start;
  gint64 frame_total;
  gint64 frame_max;
  guint  frames;
  gint64 drawing;      /* never reset: for the stall probes */
} Timeline;

static void
volumes_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Timeline   *timeline)
{
  if (timeline->listed == 0 && added > 0)
    timeline->listed = g_get_monotonic_time ();
}

static void
frame_begin_cb (GdkFrameClock *clock,
                Timeline      *timeline)
{
  timeline->frame_start = g_get_monotonic_time ();
}

static void
frame_end_cb (GdkFrameClock *clock,
              Timeline      *timeline)
{
  gint64 duration;

  if (timeline->frame_start == 0)
    return;

  duration = g_get_monotonic_time () - timeline->frame_start;
  timeline->frame_total += duration;
  timeline->drawing += duration;
  timeline->frame_max = MAX (timeline->frame_max, duration);
  timeline->frames++;
  timeline->frame_start = 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  GtkSelectionModel *model;

  if (paint->painted_with_rows != 0 || paint->view == NULL)
    return;

  model = gtk_column_view_get_model (paint->view);
  if (model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    paint->painted_with_rows = g_get_monotonic_time ();
}

static gboolean
first_rows_painted (gpointer data)
{
  return ((Paint *) data)->painted_with_rows != 0;
}

static gboolean
pool_idle (gpointer data)
{
  return vs_pool_get_volumes_loaded (data) && !vs_pool_get_loading (data);
}

static gboolean
connection_has_pool (gpointer data)
{
  VsConnection *connection = g_object_get_data (data, "connection");
  const char *name = g_object_get_data (data, "pool-name");

  return vs_connection_find_pool (connection, name) != NULL;
}

/* The column view's model is selection → sort → filter → the pool's list. */
static gboolean
models_settled (gpointer data)
{
  GtkColumnView *view = data;
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  while (model != NULL)
    {
      if (GTK_IS_SORT_LIST_MODEL (model) && gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (model)) > 0)
        return FALSE;
      if (GTK_IS_FILTER_LIST_MODEL (model) && gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) > 0)
        return FALSE;

      if (GTK_IS_MULTI_SELECTION (model))
        model = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model));
      else if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
      else
        model = NULL;
    }

  return TRUE;
}

static void
sort_by_capacity (GtkColumnView *view)
{
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), 2);

  gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
}

static void
filter_by_name (GtkColumnView *view)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (view), VS_TYPE_POOL_PAGE);
  GtkEditable *search = GTK_EDITABLE (find_descendant (page, GTK_TYPE_SEARCH_ENTRY));

  g_assert_nonnull (search);
  gtk_editable_set_text (search, "vol-0001");
  /* Skip the entry's typing delay: filter now. */
  g_signal_emit_by_name (search, "search-changed");
}

/* Times @change, made inside the probe: with a non-incremental model the
 * whole work happens in the call itself. */
/* The floor GTK 4.8 sets: a bare GtkColumnView of six plain label columns
 * over N string objects, measured in the same run. */
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

static void
measure_bare_column_view (int     n,
                          double *first_rows_ms,
                          double *bytes_per_item)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  Paint paint = { view, 0 };
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
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &paint);

  for (int i = 0; i < n; i++)
    g_ptr_array_add (items, gtk_string_object_new ("vol-000000.img"));

  rss_before = vs_bench_resident_kib ();
  start = g_get_monotonic_time ();
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  iterate_until (first_rows_painted, &paint, 60);

  *first_rows_ms = (paint.painted_with_rows - start) / 1000.0;
  *bytes_per_item = ((double) vs_bench_resident_kib () - (double) rss_before) * 1024.0 / n;
  gtk_window_destroy (GTK_WINDOW (window));
}

static double
timed_model_change (GtkColumnView *view,
                    void         (*change) (GtkColumnView *view),
                    const gint64  *drawing,
                    double        *stall_ms,
                    double        *own_stall_ms)
{
  VsStallProbe probe = { .drawing = drawing };
  gint64 start;

  vs_stall_probe_start (&probe);
  start = g_get_monotonic_time ();
  change (view);
  iterate_until (models_settled, view, 120);
  *stall_ms = vs_stall_probe_stop (&probe);
  *own_stall_ms = vs_stall_probe_without_drawing (&probe);

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- window benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(VsConnectionManager) manager = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *warm_dir = NULL;
  g_autofree char *warm_name = NULL;
  Paint warm_paint = { 0 };
  VsStallProbe probe = { 0 };
  Paint paint = { 0 };
  Timeline timeline = { 0 };
  VsConnection *connection;
  GtkColumnView *view;
  VsWindow *window;
  virConnectPtr conn;
  VsPool *pool;
  gint64 start, all_details;
  double loop_s, load_stall_ms, load_own_ms, sort_s, sort_stall_ms, sort_own_ms;
  double filter_s, filter_stall_ms, filter_own_ms;
  double bare_first_ms, bare_bytes;
  gsize rss_before, rss_after;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (uri == NULL)
    uri = g_strdup ("qemu:///system");

  if (!gtk_init_check ())
    {
      g_printerr ("SKIP: no display\n");
      return 77;
    }

  conn = virConnectOpen (uri);
  if (conn == NULL)
    {
      g_printerr ("SKIP: cannot open %s: %s\n", uri, virGetLastErrorMessage ());
      return 77;
    }

  name = g_strdup_printf ("vs-bench-window-%d", getpid ());
  g_print ("Creating %d sparse volumes...\n", n_volumes);
  dir = vs_bench_make_pool (conn, name, n_volumes);
  /* Shown first, so that the measured pool finds the page built, the fonts
   * loaded and the first frames drawn: what a user selecting pools meets. */
  warm_name = g_strdup_printf ("vs-bench-warm-%d", getpid ());
  warm_dir = vs_bench_make_pool (conn, warm_name, 10);
  vs_bench_sequential_loop (conn, name);
  loop_s = vs_bench_sequential_loop (conn, name);

  /* First, while the process is fresh: freed memory would hide its cost. */
  measure_bare_column_view (n_volumes, &bare_first_ms, &bare_bytes);

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
  warm_paint.view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (vs_window_get_pool_page (window)), GTK_TYPE_COLUMN_VIEW));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &warm_paint);
  iterate_until (first_rows_painted, &warm_paint, 60);
  iterate_until (pool_idle, vs_connection_find_pool (connection, warm_name), 60);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &paint);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "update",
                    G_CALLBACK (frame_begin_cb), &timeline);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (frame_end_cb), &timeline);
  g_signal_connect (vs_pool_get_volumes (pool), "items-changed",
                    G_CALLBACK (volumes_changed_cb), &timeline);

  rss_before = vs_bench_resident_kib ();
  probe.drawing = &timeline.drawing;
  vs_stall_probe_start (&probe);
  start = g_get_monotonic_time ();

  g_assert_true (vs_sidebar_select_item (vs_window_get_sidebar (window), pool));
  view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (vs_window_get_pool_page (window)), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  paint.view = view;

  iterate_until (first_rows_painted, &paint, 120);
  g_print ("window: whole list in the core's model after %.0f ms; %u frames drawn by the first rows, "
           "%.0f ms in all, the longest %.0f ms\n",
           (timeline.listed - start) / 1000.0, timeline.frames,
           timeline.frame_total / 1000.0, timeline.frame_max / 1000.0);
  timeline.frames = 0;
  timeline.frame_total = timeline.frame_max = 0;
  iterate_until (pool_idle, pool, 600);
  all_details = g_get_monotonic_time ();
  load_stall_ms = vs_stall_probe_stop (&probe);
  load_own_ms = vs_stall_probe_without_drawing (&probe);
  g_print ("window: while details loaded, %u frames took %.0f ms in all, the longest %.0f ms\n",
           timeline.frames, timeline.frame_total / 1000.0, timeline.frame_max / 1000.0);
  rss_after = vs_bench_resident_kib ();

  sort_s = timed_model_change (view, sort_by_capacity, &timeline.drawing, &sort_stall_ms, &sort_own_ms);
  filter_s = timed_model_change (view, filter_by_name, &timeline.drawing, &filter_stall_ms, &filter_own_ms);

  g_print ("volumes:                                   %d\n", n_volumes);
  g_print ("sequential loop (list + info + XML each):  %.3f s\n", loop_s);
  g_print ("window: first rows painted after           %.0f ms (target <= 100)\n",
           (paint.painted_with_rows - start) / 1000.0);
  g_print ("window: all details after                  %.3f s\n", (all_details - start) / 1e6);
  g_print ("window: longest stall while loading        %.1f ms, %.1f ms without frame drawing (target <= 16)\n",
           load_stall_ms, load_own_ms);
  g_print ("window: sort by capacity                   %.3f s, longest stall %.1f ms, %.1f ms without drawing\n",
           sort_s, sort_stall_ms, sort_own_ms);
  g_print ("window: filter by name                     %.3f s, longest stall %.1f ms, %.1f ms without drawing\n",
           filter_s, filter_stall_ms, filter_own_ms);
  g_print ("window: resident memory per volume         %.0f bytes (target <= 1024)\n",
           (rss_after - rss_before) * 1024.0 / n_volumes);
  g_print ("GTK 4.8 floor, bare GtkColumnView of as many plain rows: first rows after %.0f ms, "
           "%.0f bytes per row\n", bare_first_ms, bare_bytes);
  g_print ("ratio window all details / sequential loop: %.2f (target <= 0.5)\n",
           (all_details - start) / 1e6 / loop_s);

  gtk_window_destroy (GTK_WINDOW (window));
  vs_bench_remove_pool (conn, name, dir);
  vs_bench_remove_pool (conn, warm_name, warm_dir);
  virConnectClose (conn);

  return 0;
}
