/* vs-ui-test.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-ui-test"

#include "config.h"

#include <stdlib.h>

#include "vs-ui-test.h"

void
vs_ui_test_init (int    *argc,
                 char ***argv)
{
  const char *display = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  if ((display == NULL || *display == '\0') && (wayland == NULL || *wayland == '\0'))
    {
      /* TAP's plan for "skipped, and why"; meson reads exit code 77. */
      g_print ("1..0 # SKIP no display: the UI tests need DISPLAY (build-aux/test starts Xvfb)\n");
      exit (77);
    }

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP cannot open the display %s\n", display ? display : wayland);
      exit (77);
    }

  /* Own the main context for the whole run, as g_application_run() does:
   * g_main_context_invoke() from a worker thread (libvirt's credential and
   * close callbacks) would otherwise run its function in that thread
   * whenever the tests are between two iterations. */
  g_main_context_acquire (g_main_context_default ());

  /* Animations would only slow the waits down. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

char *
vs_ui_test_node_uri (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, name, NULL);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_strconcat ("test://", absolute, NULL);
}

void
vs_ui_test_iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (2000);
}

void
vs_ui_test_spin (guint msec)
{
  gint64 end = g_get_monotonic_time () + (gint64) msec * 1000;

  while (g_get_monotonic_time () < end)
    vs_ui_test_iterate ();
}

static char *
screenshot_to (GtkWidget  *widget,
               const char *dir,
               const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  int width;
  int height;

  if (widget == NULL || dir == NULL)
    return NULL;

  native = gtk_widget_get_native (widget);
  if (native == NULL || !gtk_widget_get_mapped (GTK_WIDGET (native)))
    {
      g_test_message ("no screenshot: the window is not shown");
      return NULL;
    }

  /* Let pending layout and drawing happen first (a new dialog is mapped
   * before it has a size). */
  vs_ui_test_spin (100);
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (native)) <= 0; i++)
    vs_ui_test_spin (20);

  width = gtk_widget_get_width (GTK_WIDGET (native));
  height = gtk_widget_get_height (GTK_WIDGET (native));
  if (width <= 0 || height <= 0)
    {
      g_test_message ("no screenshot: the window has no size");
      return NULL;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (native));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_test_message ("no screenshot: nothing was drawn");
      return NULL;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (texture == NULL)
    {
      g_test_message ("no screenshot: rendering failed");
      return NULL;
    }

  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s.png", name);
  g_strdelimit (file, "/ :", '-');
  path = g_build_filename (dir, file, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_test_message ("no screenshot: cannot write %s", path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

char *
vs_ui_test_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("VS_TEST_LOGDIR");

  return screenshot_to (widget, dir != NULL ? dir : g_get_tmp_dir (), name);
}

void
vs_ui_test_capture (GtkWidget  *widget,
                    const char *name)
{
  g_autofree char *path = screenshot_to (widget, g_getenv ("VS_TEST_SCREENSHOT_DIR"), name);

  if (path != NULL)
    g_test_message ("screenshot: %s", path);
}

void
vs_ui_test_fail (GtkWidget  *widget,
                 const char *file,
                 int         line,
                 const char *func,
                 const char *expr)
{
  g_autofree char *name = g_strdup_printf ("failed%s-line%d", g_test_get_path (), line);
  g_autofree char *path = vs_ui_test_screenshot (widget, name);

  if (path != NULL)
    g_test_message ("screenshot of the failure: %s", path);

  g_assertion_message_expr (G_LOG_DOMAIN, file, line, func, expr);
  g_abort ();
}

GtkWindow *
vs_ui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}
