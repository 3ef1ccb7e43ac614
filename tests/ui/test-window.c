/* test-window.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>

#include "vs-add-connection-dialog.h"
#include "vs-connection-private.h"
#include "vs-application.h"
#include "vs-connection-row.h"
#include "vs-credentials-dialog.h"
#include "vs-error.h"
#include "vs-format.h"
#include "vs-job.h"
#include "vs-job-row.h"
#include "vs-jobs-button-private.h"
#include "vs-pool-page.h"
#include "vs-pool-row.h"
#include "vs-volume-list.h"
#include "vs-ui-test.h"
#include "vs-uri.h"
#include "vs-window-private.h"

typedef struct
{
  GSettings           *settings;
  VsConnectionManager *manager;
  VsWindow            *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* GSETTINGS_BACKEND=memory keeps values for the whole process: every
   * test starts from the defaults. */
  fixture->settings = g_settings_new (VS_SETTINGS_SCHEMA_ID);
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->settings, keys[i]);
  fixture->manager = vs_connection_manager_new (fixture->settings);
}

/* Opens the window; a test may set settings or add connections first. */
static void
show_window_sized (Fixture *fixture,
                   int      width,
                   int      height)
{
  fixture->window = vs_window_new (NULL, fixture->manager, fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  VS_UI_WAIT (fixture->window, gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
show_window (Fixture *fixture)
{
  fixture->window = vs_window_new (NULL, fixture->manager, fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  VS_UI_WAIT (fixture->window, gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->settings);
  /* Lets the connections' release threads and idles finish. */
  vs_ui_test_spin (50);
}

static VsConnection *
add_and_open (Fixture    *fixture,
              const char *uri)
{
  g_autoptr(GError) error = NULL;
  VsConnection *connection;

  connection = vs_connection_manager_add (fixture->manager, uri, FALSE, FALSE, &error);
  g_assert_no_error (error);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);

  return connection;
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (vs_window_get_content_stack (fixture->window));
}

/* As a button in the content area would see the window's action. */
static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  GtkWidget *stack = GTK_WIDGET (vs_window_get_content_stack (fixture->window));

  return vs_ui_test_action_enabled (gtk_widget_get_parent (stack), name);
}

static VsSidebar *
sidebar (Fixture *fixture)
{
  return vs_window_get_sidebar (fixture->window);
}

static GtkWidget *
row_widget (Fixture  *fixture,
            gpointer  item)
{
  return vs_sidebar_get_row_widget (sidebar (fixture), item);
}

static gboolean
select_item (Fixture  *fixture,
             gpointer  item)
{
  return vs_sidebar_select_item (sidebar (fixture), item);
}

static VsPool *
find_pool (VsConnection *connection,
           const char   *name)
{
  return vs_connection_find_pool (connection, name);
}

static guint
count_sidebar_pools (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (vs_sidebar_get_selection (sidebar (fixture)));
  guint n = g_list_model_get_n_items (model);
  guint pools = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (VS_IS_POOL (item))
        pools++;
    }

  return pools;
}

/* Tests ---------------------------------------------------------------- */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  show_window (fixture);

  VS_UI_CHECK (fixture->window, g_strcmp0 (visible_page (fixture), "empty") == 0);
  VS_UI_CHECK (fixture->window, !action_enabled (fixture, "window.reconnect"));
  VS_UI_CHECK (fixture->window, !action_enabled (fixture, "window.disconnect"));
  VS_UI_CHECK (fixture->window, action_enabled (fixture, "window.add-connection"));
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-empty");
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  VsConnection *connection;
  VsPool *pool;
  GtkWidget *row;

  show_window (fixture);
  connection = add_and_open (fixture, "test:///default");

  VS_UI_WAIT (fixture->window,
              vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fixture->window, count_sidebar_pools (fixture) == 1);
  pool = find_pool (connection, "default-pool");
  VS_UI_CHECK (fixture->window, pool != NULL);

  /* With nothing to restore, the window shows the first pool by itself. */
  VS_UI_WAIT (fixture->window, vs_window_get_current_pool (fixture->window) == pool);
  VS_UI_CHECK (fixture->window, g_strcmp0 (visible_page (fixture), "pool") == 0);

  row = row_widget (fixture, connection);
  VS_UI_CHECK (fixture->window, VS_IS_CONNECTION_ROW (row));
  row = row_widget (fixture, pool);
  VS_UI_CHECK (fixture->window, VS_IS_POOL_ROW (row));
  VS_UI_CHECK (fixture->window, !gtk_widget_has_css_class (row, "vs-unreachable"));
  VS_UI_CHECK (fixture->window, !vs_error_bar_get_revealed (vs_window_get_banner (fixture->window)));
  VS_UI_CHECK (fixture->window, action_enabled (fixture, "window.disconnect"));
  VS_UI_CHECK (fixture->window, !action_enabled (fixture, "window.reconnect"));
}

static void
test_select_pool (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  VsConnection *connection;
  VsPool *pool;
  GtkWidget *page;

  show_window (fixture);
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, count_sidebar_pools (fixture) == 5);

  /* The connection row itself: the connection page. */
  VS_UI_CHECK (fixture->window, select_item (fixture, connection));
  VS_UI_CHECK (fixture->window, g_strcmp0 (visible_page (fixture), "connection") == 0);
  VS_UI_CHECK (fixture->window, vs_window_get_current_pool (fixture->window) == NULL);

  pool = find_pool (connection, "nfs-shared");
  VS_UI_CHECK (fixture->window, pool != NULL);
  VS_UI_CHECK (fixture->window, select_item (fixture, pool));

  page = GTK_WIDGET (vs_window_get_pool_page (fixture->window));
  VS_UI_CHECK (fixture->window, g_strcmp0 (visible_page (fixture), "pool") == 0);
  VS_UI_CHECK (fixture->window, vs_pool_page_get_pool (VS_POOL_PAGE (page)) == pool);
  VS_UI_CHECK (fixture->window, vs_window_get_current_connection (fixture->window) == connection);

  /* Remembered for the next start. */
  {
    g_autofree char *last_connection = g_settings_get_string (fixture->settings, "last-connection");
    g_autofree char *last_pool = g_settings_get_string (fixture->settings, "last-pool");

    VS_UI_CHECK (fixture->window, g_strcmp0 (last_connection, uri) == 0);
    VS_UI_CHECK (fixture->window, g_strcmp0 (last_pool, "nfs-shared") == 0);
  }

  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-pool");

  /* Ctrl+O, shown in the pool menu, works with the focus in the sidebar:
   * the window hands it to the pool page, which asks for a file. */
  {
    GtkWindow *chooser;

    gtk_widget_grab_focus (GTK_WIDGET (sidebar (fixture)));
    VS_UI_CHECK (fixture->window,
                 gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.upload-new-volume", NULL));
    VS_UI_WAIT (fixture->window, (chooser = vs_ui_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
    VS_UI_CHECK (fixture->window,
                 g_strcmp0 (gtk_window_get_title (chooser), "Upload a File as a New Volume in “nfs-shared”") == 0);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    VS_UI_WAIT (fixture->window, (chooser = vs_ui_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL ||
                                 !gtk_widget_get_visible (GTK_WIDGET (chooser)));
  }

  /* The row's line under the name starts with the free space, which a
   * narrow sidebar must not cut off; the type (its icon says it too) ends it. */
  {
    g_autofree char *free_text = vs_format_size (vs_pool_get_available (pool));
    g_autofree char *detail = g_strdup_printf ("%s free · Network filesystem", free_text);

    VS_UI_CHECK (fixture->window, vs_ui_test_find_label (row_widget (fixture, pool), detail) != NULL);
  }

  /* Back to the connection: the pool page keeps its pool while it fades
   * out (no blank header in the crossfade), and lets go once it is gone. */
  VS_UI_CHECK (fixture->window, select_item (fixture, connection));
  VS_UI_CHECK (fixture->window,
               !gtk_stack_get_transition_running (vs_window_get_content_stack (fixture->window)) ||
               vs_pool_page_get_pool (VS_POOL_PAGE (page)) == pool);
  VS_UI_WAIT (fixture->window, vs_pool_page_get_pool (VS_POOL_PAGE (page)) == NULL);
  VS_UI_CHECK (fixture->window, select_item (fixture, pool));

  /* An inactive pool: its row says so and dims its name. */
  {
    VsPool *spare = find_pool (connection, "spare");
    GtkWidget *row;

    vs_pool_stop_async (spare, NULL, NULL, NULL);
    VS_UI_WAIT (fixture->window, !vs_pool_get_active (spare));
    row = row_widget (fixture, spare);
    VS_UI_CHECK (fixture->window, row != NULL && gtk_widget_has_css_class (row, "vs-inactive"));
    vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-inactive-pool");
  }
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  VsConnection *connection;
  int width;
  int height;

  g_settings_set_string (fixture->settings, "last-connection", uri);
  g_settings_set_string (fixture->settings, "last-pool", "spare");
  g_settings_set_int (fixture->settings, "window-width", 900);
  g_settings_set_int (fixture->settings, "window-height", 640);

  /* Another connection first, so that the default choice would differ. */
  add_and_open (fixture, "test:///default");
  connection = add_and_open (fixture, uri);

  fixture->window = vs_window_new (NULL, fixture->manager, fixture->settings);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));

  VS_UI_WAIT (fixture->window, vs_window_get_current_pool (fixture->window) != NULL);
  VS_UI_CHECK (fixture->window,
               vs_window_get_current_pool (fixture->window) == find_pool (connection, "spare"));

  /* The size is saved when the window closes. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_close (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 600);
}

static void
test_select_later (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  VsConnection *connection;

  /* What --connect URI --pool NAME does: asked before the pool exists. */
  show_window (fixture);
  vs_window_select (fixture->window, uri, "vg-fast");
  connection = add_and_open (fixture, uri);

  VS_UI_WAIT (fixture->window, vs_window_get_current_pool (fixture->window) != NULL);
  VS_UI_CHECK (fixture->window,
               vs_window_get_current_pool (fixture->window) == find_pool (connection, "vg-fast"));
}

static void
test_failed_connection (Fixture       *fixture,
                        gconstpointer  data)
{
  VsConnection *connection;
  VsErrorBar *banner;
  const GError *error;

  show_window (fixture);
  connection = add_and_open (fixture, "bogus:///");

  VS_UI_WAIT (fixture->window,
              vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  /* Nothing else to show: the failed connection is selected, with its banner. */
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);

  banner = vs_window_get_banner (fixture->window);
  VS_UI_WAIT (fixture->window, vs_error_bar_get_revealed (banner));
  error = vs_connection_get_error (connection);
  VS_UI_CHECK (fixture->window, error != NULL);
  g_test_message ("banner: %s / %s / %s", vs_error_bar_get_heading (banner),
                  vs_error_bar_get_body (banner), vs_error_bar_get_detail (banner));
  /* Our words and libvirt's apart, as data, not split from one message. */
  VS_UI_CHECK (fixture->window, g_str_equal (vs_error_bar_get_heading (banner), "Could not connect"));
  VS_UI_CHECK (fixture->window, g_str_equal (vs_error_bar_get_body (banner), vs_error_get_summary (error)));
  /* libvirt's words one click away, or in view when they are all there is. */
  VS_UI_CHECK (fixture->window,
               vs_error_get_libvirt_message (error) == NULL ||
               g_str_equal (vs_error_bar_get_detail (banner), vs_error_get_libvirt_message (error)) ||
               g_str_equal (vs_error_bar_get_body (banner), vs_error_get_libvirt_message (error)));
  /* ... and their first line in the bar itself. */
  if (vs_error_get_libvirt_message (error) != NULL)
    {
      g_autofree char *line = g_strndup (vs_error_get_libvirt_message (error),
                                         strcspn (vs_error_get_libvirt_message (error), "\n"));

      VS_UI_CHECK (fixture->window, g_str_has_prefix (vs_error_bar_get_reason (banner), line) ||
                                    strstr (vs_error_bar_get_body (banner), line) != NULL);
    }
  VS_UI_CHECK (fixture->window, action_enabled (fixture, "window.reconnect"));
  VS_UI_CHECK (fixture->window, !action_enabled (fixture, "window.disconnect"));
  /* The connection's page has the Reconnect button; the banner, none. */
  VS_UI_WAIT (fixture->window, gtk_widget_is_drawable (GTK_WIDGET (vs_window_get_connection_page (fixture->window))));
  VS_UI_CHECK (fixture->window, !vs_error_bar_get_action_visible (banner));
  VS_UI_WAIT (fixture->window,
              gtk_widget_is_drawable (vs_ui_test_find_action_button (GTK_WIDGET (vs_window_get_connection_page (fixture->window)),
                                                          "window.reconnect")));

  {
    VsConnectionRow *row = VS_CONNECTION_ROW (row_widget (fixture, connection));
    const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (row));

    VS_UI_CHECK (fixture->window, tooltip != NULL && strstr (tooltip, error->message) != NULL);
  }

  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-failed");
}

static void
test_disconnect_reconnect (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  VsConnection *connection;
  VsErrorBar *banner;
  VsPool *pool;

  show_window (fixture);
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, count_sidebar_pools (fixture) == 5);
  pool = find_pool (connection, "default");
  VS_UI_CHECK (fixture->window, select_item (fixture, pool));
  banner = vs_window_get_banner (fixture->window);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.disconnect", NULL);
  VS_UI_WAIT (fixture->window,
              vs_connection_get_state (connection) == VS_CONNECTION_STATE_DISCONNECTED);
  VS_UI_WAIT (fixture->window, vs_error_bar_get_revealed (banner));
  VS_UI_CHECK (fixture->window, g_str_equal (vs_error_bar_get_heading (banner), "Not connected"));

  /* The pools stay listed, greyed out, and the pool stays selected. */
  VS_UI_CHECK (fixture->window, count_sidebar_pools (fixture) == 5);
  VS_UI_CHECK (fixture->window, !vs_pool_get_reachable (pool));
  VS_UI_CHECK (fixture->window,
               gtk_widget_has_css_class (row_widget (fixture, pool),
                                         "vs-unreachable"));
  VS_UI_CHECK (fixture->window, vs_window_get_current_pool (fixture->window) == pool);
  VS_UI_CHECK (fixture->window, action_enabled (fixture, "window.reconnect"));
  VS_UI_CHECK (fixture->window, !action_enabled (fixture, "window.disconnect"));
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-disconnected");

  /* One Reconnect in view, the pool page's own: the banner says why and
   * leaves the button to the page. */
  {
    GtkWidget *page = GTK_WIDGET (vs_window_get_pool_page (fixture->window));
    GtkWidget *button = vs_ui_test_find_action_button (page, "window.reconnect");

    VS_UI_CHECK (fixture->window, !vs_error_bar_get_action_visible (banner));
    VS_UI_WAIT (fixture->window, button != NULL && gtk_widget_is_drawable (button));
    g_signal_emit_by_name (button, "clicked");
  }

  VS_UI_WAIT (fixture->window,
              vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fixture->window, !vs_error_bar_get_revealed (banner));
  VS_UI_WAIT (fixture->window, vs_pool_get_reachable (pool));
  VS_UI_CHECK (fixture->window,
               !gtk_widget_has_css_class (row_widget (fixture, pool),
                                          "vs-unreachable"));
  /* Pools are matched by UUID: the same objects, still selected. */
  VS_UI_CHECK (fixture->window, find_pool (connection, "default") == pool);
  VS_UI_CHECK (fixture->window, vs_window_get_current_pool (fixture->window) == pool);
}

static void
test_remove_connection (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) remembered = NULL;
  VsConnection *connection;

  connection = vs_connection_manager_add (fixture->manager, "test:///default", TRUE, TRUE, &error);
  g_assert_no_error (error);
  remembered = g_settings_get_value (fixture->settings, "connections");
  g_assert_cmpuint (g_variant_n_children (remembered), ==, 1);
  g_clear_pointer (&remembered, g_variant_unref);

  show_window (fixture);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.remove-connection", NULL);
  VS_UI_WAIT (fixture->window, g_strcmp0 (visible_page (fixture), "empty") == 0);
  VS_UI_CHECK (fixture->window, vs_window_get_current_connection (fixture->window) == NULL);
  VS_UI_CHECK (fixture->window, count_sidebar_pools (fixture) == 0);

  remembered = g_settings_get_value (fixture->settings, "connections");
  g_assert_cmpuint (g_variant_n_children (remembered), ==, 0);
}

static void
test_remembered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  g_autoptr(VsConnectionManager) manager = NULL;
  VsConnection *autoconnected;
  VsConnection *manual;

  g_settings_set_value (fixture->settings, "connections",
                        g_variant_new_parsed ("[(%s, true), ('test:///default', false)]", uri));

  manager = vs_connection_manager_new (fixture->settings);
  g_assert_cmpuint (vs_connection_manager_load (manager), ==, 2);
  autoconnected = vs_connection_manager_lookup (manager, uri);
  manual = vs_connection_manager_lookup (manager, "test:///default");
  g_assert_nonnull (autoconnected);
  g_assert_nonnull (manual);
  g_assert_true (vs_connection_manager_get_autoconnect (manager, autoconnected));
  g_assert_false (vs_connection_manager_get_autoconnect (manager, manual));
  g_assert_cmpint (vs_connection_get_state (autoconnected), ==, VS_CONNECTION_STATE_CONNECTING);
  g_assert_cmpint (vs_connection_get_state (manual), ==, VS_CONNECTION_STATE_DISCONNECTED);

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (vs_connection_manager_add (manager, "test:///default", TRUE, FALSE, &error));
    g_assert_error (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_EXISTS);
  }

  vs_connection_manager_set_autoconnect (manager, manual, TRUE);
  {
    g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, "connections");
    gboolean flag = FALSE;

    g_assert_true (g_variant_n_children (value) == 2);
    g_variant_get_child (value, 1, "(&sb)", NULL, &flag);
    g_assert_true (flag);
  }

  while (vs_connection_get_state (autoconnected) == VS_CONNECTION_STATE_CONNECTING)
    vs_ui_test_iterate ();
  g_assert_cmpint (vs_connection_get_state (autoconnected), ==, VS_CONNECTION_STATE_CONNECTED);
}

static void
test_add_dialog (Fixture       *fixture,
                 gconstpointer  data)
{
  VsAddConnectionDialog *dialog;
  VsConnection *connection;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  /* Listed, not opened: no daemon needed. */
  g_assert_nonnull (vs_connection_manager_add (fixture->manager, "qemu:///system",
                                               FALSE, FALSE, NULL));
  show_window (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.add-connection", NULL);
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG) != NULL);
  dialog = VS_ADD_CONNECTION_DIALOG (vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG));
  VS_UI_WAIT (dialog, gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* qemu:///system is open already: the session is offered instead. */
  uri = vs_add_connection_dialog_get_uri (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "qemu:///session");
  g_clear_pointer (&uri, g_free);

  vs_add_connection_dialog_set_kind (dialog, VS_CONNECTION_KIND_SYSTEM);
  VS_UI_CHECK (dialog, !vs_add_connection_dialog_accept (dialog));
  VS_UI_CHECK (dialog, strstr (vs_add_connection_dialog_get_error_text (dialog), "already") != NULL);

  /* SSH: the host is required, the port is checked, the URI previewed. */
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_LIBSSH, "root", "", NULL, FALSE);
  VS_UI_CHECK (dialog, !vs_add_connection_dialog_accept (dialog));
  VS_UI_CHECK (dialog, strstr (vs_add_connection_dialog_get_error_text (dialog), "host") != NULL);
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_LIBSSH, "root", "host.example.com", "65536", FALSE);
  VS_UI_CHECK (dialog, vs_add_connection_dialog_get_error_text (dialog) != NULL);
  VS_UI_CHECK (dialog, strstr (vs_add_connection_dialog_get_error_text (dialog), "65535") != NULL);
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_LIBSSH, "root", "host.example.com", "22a", FALSE);
  VS_UI_CHECK (dialog, strstr (vs_add_connection_dialog_get_error_text (dialog), "65535") != NULL);
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_LIBSSH, "root", "host.example.com", "2222", FALSE);
  VS_UI_CHECK (dialog, vs_add_connection_dialog_get_error_text (dialog) == NULL);
  uri = vs_add_connection_dialog_get_uri (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "qemu+libssh://root@host.example.com:2222/system");
  g_clear_pointer (&uri, g_free);
  vs_ui_test_capture (GTK_WIDGET (dialog), "add-connection-ssh");

  /* OpenSSH, TLS and TCP, to the system or a session. */
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_SSH, "", "host.example.com", NULL, TRUE);
  uri = vs_add_connection_dialog_get_uri (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "qemu+ssh://host.example.com/session");
  g_clear_pointer (&uri, g_free);
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_TLS, "ignored", "host.example.com", NULL, FALSE);
  uri = vs_add_connection_dialog_get_uri (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "qemu+tls://host.example.com/system");
  g_clear_pointer (&uri, g_free);
  vs_ui_test_capture (GTK_WIDGET (dialog), "add-connection-tls");
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_TCP, NULL, "10.0.0.5", "16510", FALSE);
  uri = vs_add_connection_dialog_get_uri (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "qemu+tcp://10.0.0.5:16510/system");
  g_clear_pointer (&uri, g_free);

  /* Custom: needs a scheme. */
  vs_add_connection_dialog_set_custom_uri (dialog, "no-scheme-here");
  VS_UI_CHECK (dialog, !vs_add_connection_dialog_accept (dialog));
  VS_UI_CHECK (dialog, vs_add_connection_dialog_get_error_text (dialog) != NULL);
  vs_ui_test_capture (GTK_WIDGET (dialog), "add-connection-custom");
  vs_add_connection_dialog_set_custom_uri (dialog, "qemu:///system");
  VS_UI_CHECK (dialog, strstr (vs_add_connection_dialog_get_error_text (dialog), "already") != NULL);

  vs_add_connection_dialog_set_custom_uri (dialog, "test:///default");
  VS_UI_CHECK (dialog, vs_add_connection_dialog_accept (dialog));
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG) == NULL);

  connection = vs_connection_manager_lookup (fixture->manager, "test:///default");
  VS_UI_CHECK (fixture->window, connection != NULL);
  VS_UI_CHECK (fixture->window, vs_connection_manager_is_remembered (fixture->manager, connection));
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);
  VS_UI_WAIT (fixture->window,
              vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
}

/* The open credentials dialog that asks for a password (@secret) or
 * something else. */
static VsCredentialsDialog *
find_credentials_dialog (gboolean secret)
{
  GtkWindow *window = vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG);
  VsCredentialsDialog *dialog;

  if (window == NULL)
    return NULL;

  dialog = VS_CREDENTIALS_DIALOG (window);
  if (!!GTK_IS_PASSWORD_ENTRY (vs_credentials_dialog_get_field (dialog, 0)) != !!secret)
    return NULL;

  return dialog;
}

static void
page_shown_cb (GtkStack   *stack,
               GParamSpec *pspec,
               GString    *pages)
{
  g_string_append_printf (pages, "%s ", gtk_stack_get_visible_child_name (stack));
}

/* A remembered pool whose host takes its time (here: it asks for a
 * password): the window says which pool it opens where, never "No Pool
 * Selected", and shows the pool once it is back. */
static void
test_restore_connecting (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-auth.xml");
  g_autoptr(GString) pages = g_string_new (NULL);
  VsCredentialsDialog *dialog;
  VsConnection *connection;
  GtkWidget *stack;
  GtkWidget *title;

  vs_connection_manager_set_credential_handler (fixture->manager,
                                                vs_credentials_dialog_handler, NULL);
  g_settings_set_string (fixture->settings, "last-connection", uri);
  g_settings_set_string (fixture->settings, "last-pool", "guarded");
  show_window (fixture);
  stack = GTK_WIDGET (vs_window_get_content_stack (fixture->window));
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (page_shown_cb), pages);

  /* What the application does at startup: the remembered connection is
   * listed and opened once the window exists. */
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (FALSE)) != NULL);
  VS_UI_CHECK (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTING);
  VS_UI_CHECK (fixture->window, g_str_equal (visible_page (fixture), "restoring"));
  title = vs_ui_test_find_label (stack, "Opening pool “guarded” on Test driver…");
  VS_UI_CHECK (fixture->window, title != NULL && gtk_widget_is_drawable (title));
  VS_UI_CHECK (fixture->window, vs_ui_test_find_child (stack, GTK_TYPE_SPINNER) != NULL);
  VS_UI_CHECK (fixture->window, !vs_error_bar_get_revealed (vs_window_get_banner (fixture->window)));
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-restoring");

  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "alice");
  vs_credentials_dialog_accept (dialog);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (TRUE)) != NULL);
  VS_UI_CHECK (fixture->window, g_str_equal (visible_page (fixture), "restoring"));
  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "secret");
  vs_credentials_dialog_accept (dialog);

  VS_UI_WAIT (fixture->window, vs_window_get_current_pool (fixture->window) != NULL);
  VS_UI_CHECK (fixture->window, vs_window_get_current_pool (fixture->window) == find_pool (connection, "guarded"));
  VS_UI_CHECK (fixture->window, g_str_equal (visible_page (fixture), "pool"));
  g_test_message ("pages: %s", pages->str);
  VS_UI_CHECK (fixture->window, strstr (pages->str, "select") == NULL);
  VS_UI_CHECK (fixture->window, strstr (pages->str, "connection") == NULL);
  g_signal_handlers_disconnect_by_data (stack, pages);
}

/* The host answers without the pool, or not at all: the window stops
 * waiting and shows the connection as it would have. */
static void
test_restore_gone (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  g_autofree char *auth_uri = vs_ui_test_node_uri ("ui-auth.xml");
  VsCredentialsDialog *dialog;
  VsConnection *connection;

  g_settings_set_string (fixture->settings, "last-connection", uri);
  g_settings_set_string (fixture->settings, "last-pool", "no-such-pool");
  show_window (fixture);
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fixture->window, g_str_equal (visible_page (fixture), "connection"));
  VS_UI_CHECK (fixture->window, vs_window_get_current_connection (fixture->window) == connection);
  VS_UI_CHECK (fixture->window, vs_sidebar_get_restoring_pool (sidebar (fixture), NULL) == NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;

  /* Refused: the failed connection and its banner, not a spinner. */
  vs_connection_manager_set_credential_handler (fixture->manager,
                                                vs_credentials_dialog_handler, NULL);
  g_settings_set_string (fixture->settings, "last-connection", auth_uri);
  g_settings_set_string (fixture->settings, "last-pool", "guarded");
  show_window (fixture);
  connection = add_and_open (fixture, auth_uri);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (FALSE)) != NULL);
  VS_UI_CHECK (fixture->window, g_str_equal (visible_page (fixture), "restoring"));
  gtk_window_close (GTK_WINDOW (dialog));
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  VS_UI_WAIT (fixture->window, g_str_equal (visible_page (fixture), "connection"));
  VS_UI_WAIT (fixture->window, vs_error_bar_get_revealed (vs_window_get_banner (fixture->window)));

  /* Once over, the wait does not come back: trying again shows the
   * connection's own page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.reconnect", NULL);
  VS_UI_WAIT (fixture->window, find_credentials_dialog (FALSE) != NULL);
  VS_UI_CHECK (fixture->window, g_str_equal (visible_page (fixture), "connection"));
  gtk_window_close (vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG));
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
}

static void
test_credentials (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-auth.xml");
  VsCredentialsDialog *dialog;
  VsConnection *connection;

  vs_connection_manager_set_credential_handler (fixture->manager,
                                                vs_credentials_dialog_handler, NULL);
  show_window (fixture);

  /* A wrong password: the connection fails with libvirt's message. */
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG) != NULL);
  dialog = VS_CREDENTIALS_DIALOG (vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG));
  VS_UI_WAIT (dialog, gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  vs_ui_test_capture (GTK_WIDGET (dialog), "credentials");

  /* libvirt asks for the user name, then (in a second round) the password. */
  VS_UI_CHECK (dialog, !GTK_IS_PASSWORD_ENTRY (vs_credentials_dialog_get_field (dialog, 0)));
  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "alice");
  vs_credentials_dialog_accept (dialog);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (TRUE)) != NULL);
  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "wrong");
  vs_credentials_dialog_accept (dialog);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);
  VS_UI_WAIT (fixture->window, vs_error_bar_get_revealed (vs_window_get_banner (fixture->window)));
  g_test_message ("banner: %s", vs_error_bar_get_body (vs_window_get_banner (fixture->window)));

  /* Reconnect, cancel: refused, nothing hangs. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.reconnect", NULL);
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG) != NULL);
  dialog = VS_CREDENTIALS_DIALOG (vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG));
  gtk_window_close (GTK_WINDOW (dialog));
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);

  /* The right answers. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.reconnect", NULL);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (FALSE)) != NULL);
  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "alice");
  vs_credentials_dialog_accept (dialog);
  VS_UI_WAIT (fixture->window, (dialog = find_credentials_dialog (TRUE)) != NULL);
  gtk_editable_set_text (vs_credentials_dialog_get_field (dialog, 0), "secret");
  vs_credentials_dialog_accept (dialog);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fixture->window, !vs_error_bar_get_revealed (vs_window_get_banner (fixture->window)));
  VS_UI_CHECK (fixture->window, find_pool (connection, "guarded") != NULL);
}

/* A part of the pool page's volume list. */
static gpointer
list_part (Fixture    *fixture,
           const char *name)
{
  GtkWidget *page = GTK_WIDGET (vs_window_get_pool_page (fixture->window));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (page, VS_TYPE_POOL_PAGE, "volume_list"));

  return gtk_widget_get_template_child (list, VS_TYPE_VOLUME_LIST, name);
}

/* How many volume rows the window shows whole. */
static guint
count_visible_rows (Fixture *fixture)
{
  GtkWidget *scrolled = list_part (fixture, "scrolled_window");
  GtkWidget *list_view = vs_ui_test_find_child (list_part (fixture, "column_view"), GTK_TYPE_LIST_VIEW);
  double height = gtk_widget_get_height (scrolled);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (row) &&
          gtk_widget_compute_bounds (row, scrolled, &bounds) &&
          bounds.size.height > 0 &&
          bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= height + 0.5)
        n++;
    }

  return n;
}

/* Whether the header of the column @title is in view, whole. */
static gboolean
column_in_view (Fixture    *fixture,
                const char *title)
{
  GtkWidget *scrolled = list_part (fixture, "scrolled_window");
  GtkWidget *view = list_part (fixture, "column_view");
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GtkWidget *header = gtk_widget_get_first_child (view);
  GtkWidget *title_widget = gtk_widget_get_first_child (header);
  graphene_rect_t bounds;

  /* The header row holds one title per column, in the columns' order. */
  for (guint i = 0; i < g_list_model_get_n_items (columns) && title_widget != NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        break;
      title_widget = gtk_widget_get_next_sibling (title_widget);
    }

  return title_widget != NULL &&
         gtk_widget_compute_bounds (title_widget, scrolled, &bounds) &&
         bounds.size.width > 0 && bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (scrolled) + 0.5;
}

static gboolean
volumes_shown (Fixture *fixture,
               guint    n)
{
  GtkWidget *stack = list_part (fixture, "stack");

  return g_list_model_get_n_items (G_LIST_MODEL (list_part (fixture, "rows"))) == n &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "list") == 0 &&
         count_visible_rows (fixture) > 0;
}

/* A laptop's screen: the window with a pool fits 1024×600 and 1366×768,
 * with at least eight volumes and the columns that matter in view. */
static void
test_small_screens (Fixture       *fixture,
                    gconstpointer  data)
{
  const struct { int width, height; guint rows; const char *name; } sizes[] = {
    { 1024, 600, 8, "window-1024x600" },
    { 1366, 768, 12, "window-1366x768" },
  };
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      VsConnection *connection;
      int height;

      show_window_sized (fixture, sizes[i].width, sizes[i].height);
      connection = add_and_open (fixture, uri);
      VS_UI_WAIT (fixture->window, find_pool (connection, "nfs-shared") != NULL);
      VS_UI_CHECK (fixture->window, select_item (fixture, find_pool (connection, "nfs-shared")));
      VS_UI_WAIT (fixture->window, volumes_shown (fixture, 12));

      /* Laid out once the rows have a size. */
      VS_UI_WAIT (fixture->window, count_visible_rows (fixture) >= sizes[i].rows);
      g_test_message ("%dx%d: %u rows in view", sizes[i].width, sizes[i].height,
                      count_visible_rows (fixture));
      VS_UI_CHECK (fixture->window, gtk_widget_get_height (GTK_WIDGET (fixture->window)) <= sizes[i].height);
      for (guint c = 0; c < 5; c++)
        {
          const char *titles[] = { "Name", "Format", "Capacity", "Allocation", "Used by" };

          VS_UI_WAIT (fixture->window, column_in_view (fixture, titles[c]));
        }
      vs_ui_test_capture (GTK_WIDGET (fixture->window), sizes[i].name);

      /* The search bar does not make the window taller than the screen. */
      VS_UI_CHECK (fixture->window, gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.search", NULL));
      gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_VERTICAL, sizes[i].width,
                          &height, NULL, NULL, NULL);
      VS_UI_CHECK (fixture->window, height <= sizes[i].height);

      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
      vs_connection_manager_remove (fixture->manager, connection);
    }
}

/* The connection page's pool count follows the live list. */
static void
test_connection_page (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  VsConnectionPage *page;
  VsConnection *connection;
  VsPool *spare;

  show_window (fixture);
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, count_sidebar_pools (fixture) == 5);
  VS_UI_CHECK (fixture->window, select_item (fixture, connection));
  page = vs_window_get_connection_page (fixture->window);
  VS_UI_CHECK (fixture->window, g_str_has_prefix (vs_connection_page_get_summary (page),
                                                  "This host has 5 storage pools."));

  spare = find_pool (connection, "spare");
  vs_pool_stop_async (spare, NULL, NULL, NULL);
  VS_UI_WAIT (fixture->window, !vs_pool_get_active (spare) && !vs_pool_get_busy (spare));
  vs_pool_undefine_async (spare, NULL, NULL, NULL);
  VS_UI_WAIT (fixture->window, g_str_has_prefix (vs_connection_page_get_summary (page),
                                                 "This host has 4 storage pools."));
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "window-connection-page");
}

/* The row the jobs popover shows for the @index-th job. */
static VsJobRow *
job_row (VsJobsButton *button,
         int           index)
{
  GtkListBox *list_box = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (button),
                                                                      VS_TYPE_JOBS_BUTTON, "list_box"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  return row != NULL ? VS_JOB_ROW (gtk_list_box_row_get_child (row)) : NULL;
}

static gboolean
row_says (VsJobRow   *row,
          const char *part)
{
  if (row != NULL && strstr (vs_job_row_get_detail (row), part) != NULL)
    return TRUE;

  g_test_message ("job row says “%s”, expected “%s”", row != NULL ? vs_job_row_get_detail (row) : "", part);
  return FALSE;
}

static gpointer
row_child (VsJobRow   *row,
           const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (row), VS_TYPE_JOB_ROW, name);
}

/* What the operation behind a job does when the user cancels it. */
static void
job_cancelled_cb (GCancellable *cancellable,
                  VsJob        *job)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

  vs_job_finish (job, error);
}

/* Every connection's long operations in one place: progress, cancel, the
 * error of a failed one, kept until cleared; a notification when one ends
 * while the window is not the active one. */
static void
test_jobs (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  g_autoptr(VsJob) upload = vs_job_new ("Uploading “debian-12-genericcloud-amd64.qcow2” into pool “default”");
  g_autoptr(VsJob) wipe = vs_job_new ("Wipe of windows-server.raw");
  g_autoptr(GError) error = NULL;
  VsConnection *connection;
  VsJobsButton *button;
  GListModel *jobs;

  show_window (fixture);
  connection = add_and_open (fixture, uri);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  button = vs_window_get_jobs_button (fixture->window);
  jobs = vs_jobs_button_get_jobs (button);
  VS_UI_CHECK (fixture->window, !gtk_widget_get_visible (GTK_WIDGET (button)));

  /* A transfer with bytes, and a job whose fraction is unknown. */
  vs_job_set_step (upload, "Uploading…");
  vs_connection_add_job (connection, upload);
  vs_job_set_bytes (upload, G_GUINT64_CONSTANT (1) << 30, G_GUINT64_CONSTANT (4) << 30);
  vs_connection_add_job (connection, wipe);
  VS_UI_WAIT (fixture->window, gtk_widget_get_visible (GTK_WIDGET (button)) && g_list_model_get_n_items (jobs) == 2);
  {
    g_autofree char *done = vs_format_size (G_GUINT64_CONSTANT (1) << 30);
    g_autofree char *total = vs_format_size (G_GUINT64_CONSTANT (4) << 30);
    g_autofree char *expected = g_strdup_printf ("%s of %s", done, total);

    VS_UI_WAIT (fixture->window, row_says (job_row (button, 0), expected));
  }
  VS_UI_CHECK (fixture->window, gtk_widget_get_visible (row_child (job_row (button, 0), "cancel_button")));
  VS_UI_CHECK (fixture->window, vs_job_get_fraction (wipe) < 0);

  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (button),
                                                                         VS_TYPE_JOBS_BUTTON, "menu_button")));
  VS_UI_WAIT (fixture->window, gtk_widget_get_mapped (GTK_WIDGET (job_row (button, 1))));
  /* A long title wraps: the names in it are what tells the jobs apart. */
  VS_UI_CHECK (fixture->window,
               !pango_layout_is_ellipsized (gtk_label_get_layout (row_child (job_row (button, 0), "title_label"))));
  vs_ui_test_capture (GTK_WIDGET (vs_jobs_button_get_popover (button)), "window-jobs-popover");

  /* Cancel, as the row's button does; the operation rolls back and ends. */
  g_signal_connect (vs_job_get_cancellable (upload), "cancelled", G_CALLBACK (job_cancelled_cb), upload);
  g_signal_emit_by_name (row_child (job_row (button, 0), "cancel_button"), "clicked");
  VS_UI_WAIT (fixture->window, vs_job_get_state (upload) == VS_JOB_STATE_CANCELLED);
  VS_UI_WAIT (fixture->window, row_says (job_row (button, 0), "Cancelled"));
  VS_UI_CHECK (fixture->window, !gtk_widget_get_visible (row_child (job_row (button, 0), "cancel_button")));
  VS_UI_CHECK (fixture->window, gtk_widget_get_visible (row_child (job_row (button, 0), "dismiss_button")));
  /* Ended jobs leave the connection's list, not ours. */
  VS_UI_CHECK (fixture->window, g_list_model_get_n_items (vs_connection_get_jobs (connection)) == 1);
  VS_UI_CHECK (fixture->window, g_list_model_get_n_items (jobs) == 2);

  /* A failure says what libvirt said. */
  vs_error_set_with_detail (&error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED, "Could not wipe the volume",
                            38, 18, "cannot open volume: Permission denied");
  vs_job_finish (wipe, error);
  VS_UI_WAIT (fixture->window, row_says (job_row (button, 1), "Failed"));
  VS_UI_CHECK (fixture->window,
               strstr (gtk_label_get_text (row_child (job_row (button, 1), "error_label")), "Permission denied") != NULL);
  vs_ui_test_capture (GTK_WIDGET (vs_jobs_button_get_popover (button)), "window-jobs-ended");

  /* Told when the window was not the one in front. */
  if (gtk_window_is_active (GTK_WINDOW (fixture->window)))
    VS_UI_CHECK (fixture->window, vs_jobs_button_get_last_notification (button) == NULL);
  else
    VS_UI_CHECK (fixture->window, g_strcmp0 (vs_jobs_button_get_last_notification (button),
                                             "Wipe of windows-server.raw failed") == 0);

  /* Removed one by one, or all ended ones at once. */
  g_signal_emit_by_name (row_child (job_row (button, 0), "dismiss_button"), "clicked");
  VS_UI_WAIT (fixture->window, g_list_model_get_n_items (jobs) == 1);
  vs_jobs_button_clear_finished (button);
  VS_UI_WAIT (fixture->window, g_list_model_get_n_items (jobs) == 0 && !gtk_widget_get_visible (GTK_WIDGET (button)));
}

int
main (int   argc,
      char *argv[])
{
  vs_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/window/empty", test_empty);
  ADD ("/ui/window/connect", test_connect);
  ADD ("/ui/window/select-pool", test_select_pool);
  ADD ("/ui/window/restore", test_restore);
  ADD ("/ui/window/select-later", test_select_later);
  ADD ("/ui/window/failed-connection", test_failed_connection);
  ADD ("/ui/window/disconnect-reconnect", test_disconnect_reconnect);
  ADD ("/ui/window/remove-connection", test_remove_connection);
  ADD ("/ui/window/small-screens", test_small_screens);
  ADD ("/ui/window/connection-page", test_connection_page);
  ADD ("/ui/window/jobs", test_jobs);
  ADD ("/ui/window/add-connection-dialog", test_add_dialog);
  ADD ("/ui/window/credentials", test_credentials);
  ADD ("/ui/window/restore-connecting", test_restore_connecting);
  ADD ("/ui/window/restore-gone", test_restore_gone);
  ADD ("/ui/connections/remembered", test_remembered);

#undef ADD

  return g_test_run ();
}
