/* test-daemon-drop.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on the real libvirtd: the daemon is killed under it, the
 * banner says so with libvirt's message and the pools grey out; the daemon
 * comes back, the banner's Reconnect brings the same pools back, still
 * selected. Kills the system daemon, so it runs only when build-aux/test
 * started it (VS_TEST_LIBVIRTD=started) or with VS_TEST_ALLOW_KILL=1.
 */

#define G_LOG_DOMAIN "test-daemon-drop"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "vs-application.h"
#include "vs-connection-manager.h"
#include "vs-pool.h"
#include "vs-test-utils.h"
#include "vs-ui-test.h"
#include "vs-window-private.h"

#define URI "qemu:///system"

static char *pool_name;
static char *pool_dir;

static gboolean
run (const char * const *argv)
{
  return vs_test_spawn (argv, NULL, NULL);
}

static GtkWidget *
pool_page_child (VsWindow   *window,
                 const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (vs_window_get_pool_page (window)),
                                                    VS_TYPE_POOL_PAGE, name));
}

static void
test_daemon_drop (void)
{
  g_autoptr(GSettings) settings = g_settings_new (VS_SETTINGS_SCHEMA_ID);
  g_autoptr(VsConnectionManager) manager = vs_connection_manager_new (settings);
  g_autoptr(GError) error = NULL;
  VsConnection *connection;
  GtkWidget *reconnect;
  GtkLabel *state_label;
  VsErrorBar *banner;
  VsWindow *window;
  VsPool *pool;
  pid_t pid;

  window = vs_window_new (NULL, manager, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));

  connection = vs_connection_manager_add (manager, URI, FALSE, FALSE, &error);
  g_assert_no_error (error);
  vs_connection_manager_open (manager, connection, NULL, NULL);

  VS_UI_WAIT (window, (pool = vs_connection_find_pool (connection, pool_name)) != NULL);
  VS_UI_CHECK (window, vs_sidebar_select_item (vs_window_get_sidebar (window), pool));
  banner = vs_window_get_banner (window);
  VS_UI_CHECK (window, !vs_error_bar_get_revealed (banner));
  state_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (vs_window_get_pool_page (window)),
                                                          VS_TYPE_POOL_PAGE, "state_label"));

  pid = vs_test_daemon_pid ();
  VS_UI_CHECK (window, pid > 0);
  VS_UI_CHECK (window, kill (pid, SIGKILL) == 0);

  /* Noticed within 10 s (DESIGN: disconnects are normal), said in place. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED &&
           g_get_monotonic_time () < deadline)
      vs_ui_test_iterate ();
  }
  VS_UI_CHECK (window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_DISCONNECTED);
  VS_UI_WAIT (window, vs_error_bar_get_revealed (banner));
  VS_UI_CHECK (window, g_str_equal (vs_error_bar_get_heading (banner), "Connection lost"));
  /* The window's connections try again by themselves, and say so: in the
   * banner and on the pool's own page, which offers no stale Reconnect. */
  VS_UI_CHECK (window, vs_connection_get_reconnecting (connection));
  VS_UI_WAIT (window, strstr (vs_error_bar_get_body (banner), "Trying again automatically") != NULL);
  VS_UI_WAIT (window, g_str_equal (gtk_label_get_text (state_label), "Reconnecting…"));
  /* Next to the pool's controls, in words: a greyed-out switch looked
   * almost like a live one. */
  VS_UI_CHECK (window, gtk_widget_is_drawable (pool_page_child (window, "offline_box")));
  VS_UI_CHECK (window, !gtk_widget_get_visible (pool_page_child (window, "autostart_box")));
  VS_UI_CHECK (window, vs_ui_test_find_label (pool_page_child (window, "offline_box"),
                                              "Read-only while offline") != NULL);
  VS_UI_CHECK (window, !vs_pool_get_reachable (pool));
  VS_UI_CHECK (window, vs_window_get_current_pool (window) == pool);
  VS_UI_CHECK (window, gtk_widget_has_css_class (vs_sidebar_get_row_widget (vs_window_get_sidebar (window), pool),
                                                 "vs-unreachable"));
  vs_ui_test_capture (GTK_WIDGET (window), "window-daemon-dropped");

  VS_UI_CHECK (window, vs_test_start_daemon (URI));

  /* The page hides its Reconnect while the app tries by itself: the
   * banner's tries at once. */
  reconnect = vs_ui_test_find_action_button (GTK_WIDGET (banner), "window.reconnect");
  VS_UI_CHECK (window, reconnect != NULL && vs_error_bar_get_action_visible (banner));
  g_signal_emit_by_name (reconnect, "clicked");

  VS_UI_WAIT (window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (window, !vs_error_bar_get_revealed (banner));
  VS_UI_WAIT (window, g_str_equal (gtk_label_get_text (state_label), "Active"));
  VS_UI_WAIT (window, vs_pool_get_reachable (pool));
  VS_UI_CHECK (window, !gtk_widget_get_visible (pool_page_child (window, "offline_box")));
  VS_UI_CHECK (window, gtk_widget_get_visible (pool_page_child (window, "autostart_box")));
  /* Matched by UUID: the same object, still selected. */
  VS_UI_CHECK (window, vs_connection_find_pool (connection, pool_name) == pool);
  VS_UI_CHECK (window, vs_window_get_current_pool (window) == pool);

  gtk_window_destroy (GTK_WINDOW (window));
  vs_ui_test_spin (50);
}

static void
test_daemon_drop_guarded (void)
{
  const char *define[] = { "virsh", "-q", "-c", URI, "pool-create-as", pool_name, "dir",
                           "--target", pool_dir, NULL };
  const char *destroy[] = { "virsh", "-q", "-c", URI, "pool-destroy", pool_name, NULL };

  if (g_test_subprocess ())
    {
      test_daemon_drop ();
      return;
    }

  g_assert_true (run (define));

  /* In a child, so that whatever happens the parent brings the daemon back
   * and removes the pool. */
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                                      G_TEST_SUBPROCESS_INHERIT_STDERR);

  if (!vs_test_daemon_answers (URI))
    g_assert_true (vs_test_start_daemon (URI));
  run (destroy);

  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  const char *started = g_getenv ("VS_TEST_LIBVIRTD");
  const char *allow = g_getenv ("VS_TEST_ALLOW_KILL");
  int status;

  vs_ui_test_init (&argc, &argv);

  if (g_strcmp0 (started, "started") != 0 && g_strcmp0 (allow, "1") != 0)
    {
      g_print ("1..0 # SKIP kills the system libvirtd: runs only with VS_TEST_ALLOW_KILL=1, "
               "or VS_TEST_LIBVIRTD=started when the test command started the daemon\n");
      return 77;
    }
  if (getuid () != 0 || vs_test_daemon_pid () == 0 || !vs_test_daemon_answers (URI))
    {
      g_print ("1..0 # SKIP needs root and a libvirtd started with `libvirtd -d` (/run/libvirtd.pid)\n");
      return 77;
    }

  /* The test body runs in a child of this same program: it inherits the
   * name through the environment. */
  if (g_getenv ("VS_UI_DROP_POOL") != NULL)
    pool_name = g_strdup (g_getenv ("VS_UI_DROP_POOL"));
  else
    pool_name = g_strdup_printf ("vs-ui-drop-%d", getpid ());
  g_setenv ("VS_UI_DROP_POOL", pool_name, TRUE);
  pool_dir = g_build_filename (g_get_tmp_dir (), pool_name, NULL);
  g_mkdir_with_parents (pool_dir, 0755);

  g_test_add_func ("/ui/daemon/drop-and-reconnect", test_daemon_drop_guarded);
  status = g_test_run ();

  if (!g_test_subprocess ())
    g_rmdir (pool_dir);
  return status;
}
