/* vs-ui-test.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-ui-test"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "vs-resources.h"
#include "vs-test-utils.h"
#include "vs-ui-test.h"

#define STYLE_RESOURCE "/io/github/virtstorage/VirtStorage/style.css"

static void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* GtkApplication loads style.css by itself; tests without one do not. */
  gtk_css_provider_load_from_resource (provider, STYLE_RESOURCE);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

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
      exit (VS_TEST_EXIT_SKIP);
    }

  /* The checks compare English texts. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  gtk_disable_setlocale ();

  vs_test_init (argc, argv);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP cannot open the display %s\n", display ? display : wayland);
      exit (VS_TEST_EXIT_SKIP);
    }

  /* The static library's constructor registers the resources when it is
   * linked in; register them by hand when it was not. */
  if (!g_resources_get_info (STYLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    g_resources_register (vs_get_resource ());
  load_app_style ();

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

  /* A new dialog is mapped before it has a size, and the paintable shows
   * what the window drew last: let pending layout and drawing happen. */
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
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        vs_ui_test_spin (20);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
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

GtkWindow *
vs_ui_test_find_dialog (GtkWidget *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkRoot *root = gtk_widget_get_root (parent);
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (root))
        return window;
    }

  return NULL;
}

char *
vs_ui_test_dialog_text (GtkWindow *dialog)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  return g_strdup_printf ("%s\n%s", text, secondary != NULL ? secondary : "");
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
vs_ui_test_dialog_button (GtkWindow  *dialog,
                          const char *label)
{
  return vs_ui_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, label);
}

gboolean
vs_ui_test_action_enabled (GtkWidget  *widget,
                           const char *action_name)
{
  g_autoptr(GtkWidget) probe = g_object_ref_sink (gtk_button_new ());
  gboolean enabled;

  /* GtkActionable widgets follow their action's enabled state. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action_name);
  gtk_widget_set_parent (probe, widget);
  for (guint i = 0; i < 5; i++)
    vs_ui_test_iterate ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);

  return enabled;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

char *
vs_ui_test_clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &text);
  VS_UI_WAIT (widget, text != NULL);
  return text;
}

GtkWidget *
vs_ui_test_find_child (GtkWidget *widget,
                       GType      type)
{
  return vs_ui_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
vs_ui_test_find_action_button (GtkWidget  *widget,
                               const char *action_name)
{
  return vs_ui_test_find_widget (widget, is_action_button, action_name);
}

GtkWidget *
vs_ui_test_find_label (GtkWidget  *widget,
                       const char *text)
{
  return vs_ui_test_find_widget (widget, is_label_reading, text);
}

GtkWidget *
vs_ui_test_find_widget (GtkWidget        *widget,
                        VsUiTestMatchFunc match,
                        gconstpointer     data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vs_ui_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}
