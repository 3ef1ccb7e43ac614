/* test-pool-wizard.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool wizard in the real window: opened with Ctrl+Shift+N and walked
 * with the keyboard alone (real key presses through the X server, with
 * xdotool), a Scan that fills the fields, a failing creation that keeps the
 * fields and says which step failed, checks as the user types (hostile
 * names among them), the expert XML edit, the ways in, and the narrow
 * window. Against libvirt's test driver, and (the /ui/pool-wizard/live/
 * cases) a real libvirtd at $VS_TEST_URI, in the case's own folder.
 */

#define G_LOG_DOMAIN "test-pool-wizard"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "vs-application.h"
#include "vs-connection-page.h"
#include "vs-error-bar.h"
#include "vs-pool.h"
#include "vs-pool-wizard-private.h"
#include "vs-test-pool-utils.h"
#include "vs-ui-test.h"
#include "vs-window-private.h"

typedef struct
{
  GSettings           *settings;
  VsConnectionManager *manager;
  VsWindow            *window;
  VsConnection        *connection;
} Fixture;

/* Helpers --------------------------------------------------------------- */

static void
open_window (Fixture    *fx,
             const char *uri)
{
  g_autoptr(GError) error = NULL;

  fx->settings = g_settings_new (VS_SETTINGS_SCHEMA_ID);
  fx->manager = vs_connection_manager_new (fx->settings);
  fx->window = vs_window_new (NULL, fx->manager, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fx->window));
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (GTK_WIDGET (fx->window)));

  fx->connection = vs_connection_manager_add (fx->manager, uri, FALSE, FALSE, &error);
  g_assert_no_error (error);
  vs_connection_manager_open (fx->manager, fx->connection, NULL, NULL);
  VS_UI_WAIT (fx->window, vs_connection_get_state (fx->connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fx->window, vs_window_get_current_connection (fx->window) == fx->connection);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  open_window (fx, "test:///default");
}

static void
close_wizards (void)
{
  GtkWindow *wizard;

  while ((wizard = vs_ui_test_find_window (VS_TYPE_POOL_WIZARD)) != NULL)
    gtk_window_destroy (wizard);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  close_wizards ();
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->manager);
  g_clear_object (&fx->settings);
  /* Lets the connections' release threads and idles finish. */
  vs_ui_test_spin (50);
}

/* As a button in the window's content area would see the action. */
static gboolean
window_action_enabled (Fixture    *fx,
                       const char *name)
{
  GtkWidget *stack = GTK_WIDGET (vs_window_get_content_stack (fx->window));

  return vs_ui_test_action_enabled (gtk_widget_get_parent (stack), name);
}

static VsPoolWizard *
open_wizard (Fixture *fx)
{
  VsPoolWizard *wizard;

  VS_UI_CHECK (fx->window, window_action_enabled (fx, "window.new-pool"));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "window.new-pool", NULL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_POOL_WIZARD) != NULL);
  wizard = VS_POOL_WIZARD (vs_ui_test_find_window (VS_TYPE_POOL_WIZARD));
  VS_UI_WAIT (wizard, gtk_widget_get_mapped (GTK_WIDGET (wizard)) && vs_pool_wizard_get_ready (wizard));

  return wizard;
}

/* The Next (or Create) button follows "wizard.next". */
static gboolean
next_enabled (VsPoolWizard *wizard)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (wizard), VS_TYPE_POOL_WIZARD, "next_button");

  for (guint i = 0; i < 5; i++)
    vs_ui_test_iterate ();
  return gtk_widget_get_sensitive (GTK_WIDGET (button));
}

static void
next (VsPoolWizard *wizard)
{
  VS_UI_CHECK (wizard, next_enabled (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
}

static VsPoolSettingsPage *
choose_type (VsPoolWizard *wizard,
             VsPoolType    type)
{
  VS_UI_CHECK (wizard, vs_pool_type_page_select (vs_pool_wizard_get_type_page (wizard), type));
  next (wizard);
  VS_UI_WAIT (wizard, VS_IS_POOL_SETTINGS_PAGE (vs_pool_wizard_get_current_page (wizard)));

  return vs_pool_wizard_get_settings_page (wizard);
}

static GtkEditable *
field (VsPoolSettingsPage *page,
       const char         *name)
{
  GtkWidget *widget = vs_pool_settings_page_get_field (page, name);

  g_assert_nonnull (widget);
  return GTK_EDITABLE (widget);
}

static void
set_field (VsPoolSettingsPage *page,
           const char         *name,
           const char         *text)
{
  gtk_editable_set_text (field (page, name), text);
}

static const char *
field_error (VsPoolSettingsPage *page,
             const char         *name)
{
  return vs_pool_settings_page_get_field_error (page, name);
}

static gboolean
page_complete (gpointer page)
{
  return vs_wizard_page_get_is_complete (VS_WIZARD_PAGE (page));
}

static gpointer
page_child (gpointer    page,
            GType       type,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (child);
  return child;
}

#define summary_child(wizard, name) \
  page_child (vs_pool_wizard_get_summary_page (wizard), VS_TYPE_POOL_SUMMARY_PAGE, name)
#define options_child(wizard, name) \
  page_child (vs_pool_wizard_get_options_page (wizard), VS_TYPE_POOL_OPTIONS_PAGE, name)

/* Walks from the settings page to the summary with the default options. */
static void
to_summary (VsPoolWizard *wizard)
{
  next (wizard);
  VS_UI_WAIT (wizard, VS_IS_POOL_OPTIONS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  next (wizard);
  VS_UI_WAIT (wizard, VS_IS_POOL_SUMMARY_PAGE (vs_pool_wizard_get_current_page (wizard)));
}

static char *
xml_text (VsPoolWizard *wizard)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (summary_child (wizard, "xml_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
xml_has (VsPoolWizard *wizard,
         const char   *part)
{
  g_autofree char *xml = xml_text (wizard);

  if (strstr (xml, part) == NULL)
    g_test_message ("%s is not in %s", part, xml);
  return strstr (xml, part) != NULL;
}

static char *
steps_text (VsPoolWizard *wizard)
{
  GtkWidget *box = summary_child (wizard, "steps_box");
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      gboolean failed = gtk_widget_has_css_class (row, "vs-field-error");

      g_string_append_printf (text, "%s%s%s", text->len > 0 ? " / " : "",
                              gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (row))),
                              failed ? " (failed)" : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
wizard_gone (void)
{
  return vs_ui_test_find_window (VS_TYPE_POOL_WIZARD) == NULL;
}

/* The pool @name is listed and selected in the window. */
static void
check_created_and_selected (Fixture    *fx,
                            const char *name)
{
  VS_UI_WAIT (fx->window, wizard_gone ());
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, name) != NULL);
  VS_UI_WAIT (fx->window, vs_window_get_current_pool (fx->window) != NULL &&
                          g_strcmp0 (vs_pool_get_name (vs_window_get_current_pool (fx->window)), name) == 0);
  VS_UI_CHECK (fx->window, g_strcmp0 (gtk_stack_get_visible_child_name (vs_window_get_content_stack (fx->window)),
                                      "pool") == 0);
}

/* Keys, through the X server (xdotool) ----------------------------------- */

static char *
keyboard_skip_reason (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL)
    return g_strdup ("xdotool is not installed: the keyboard case presses real keys with it");
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return g_strdup ("not an X11 display: xdotool presses keys through the X server");
  return NULL;
#else
  return g_strdup ("GTK was built without X11: xdotool presses keys through the X server");
#endif
}

static void
xdotool (GtkWidget  *widget,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *xauthority = NULL;
  const char *arg;
  va_list args;

  /* What the app has to say before the keys come. */
  for (guint i = 0; i < 10; i++)
    vs_ui_test_iterate ();

  /* vs_test_spawn() passes on no environment: the display goes by hand. */
  display = g_strconcat ("DISPLAY=", gdk_display_get_name (gtk_widget_get_display (widget)), NULL);
  xauthority = g_strconcat ("XAUTHORITY=", g_getenv ("XAUTHORITY") != NULL ? g_getenv ("XAUTHORITY") : "", NULL);
  g_ptr_array_add (argv, (gpointer) "env");
  g_ptr_array_add (argv, display);
  if (g_getenv ("XAUTHORITY") != NULL)
    g_ptr_array_add (argv, xauthority);
  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!vs_test_spawn ((const char * const *) argv->pdata, NULL, &error))
    vs_ui_test_fail (widget, __FILE__, __LINE__, G_STRFUNC, error->message);
}

/* Gives @window the X input focus, as a window manager would. */
static void
focus_window (GtkWidget *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));

  xdotool (window, "windowfocus", "--sync", xid, NULL);
  VS_UI_WAIT (window, gtk_window_is_active (GTK_WINDOW (window)));
#endif
}

static void
press (GtkWidget  *window,
       const char *keys)
{
  xdotool (window, "key", "--delay", "40", keys, NULL);
}

static void
type_text (GtkWidget  *window,
           const char *text)
{
  xdotool (window, "type", "--delay", "30", "--", text, NULL);
}

static gboolean
focus_inside (GtkWidget *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Ctrl+Shift+N in the window; the wizard gets the keyboard. */
static VsPoolWizard *
open_wizard_with_keys (Fixture *fx)
{
  VsPoolWizard *wizard;

  focus_window (GTK_WIDGET (fx->window));
  press (GTK_WIDGET (fx->window), "ctrl+shift+n");
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_POOL_WIZARD) != NULL);
  wizard = VS_POOL_WIZARD (vs_ui_test_find_window (VS_TYPE_POOL_WIZARD));
  VS_UI_WAIT (wizard, gtk_widget_get_mapped (GTK_WIDGET (wizard)) && vs_pool_wizard_get_ready (wizard));
  focus_window (GTK_WIDGET (wizard));

  return wizard;
}

/* Ctrl+Shift+N, then Enter on each page; @folder (NULL: the default) is
 * typed over the suggested one. */
static void
walk_dir_wizard_with_keys (Fixture    *fx,
                           const char *name,
                           const char *folder)
{
  VsPoolWizard *wizard;
  VsPoolSettingsPage *page;
  GtkWidget *folder_field;

  wizard = open_wizard_with_keys (fx);

  /* The first type, Directory, has the focus: Enter chooses it. */
  VS_UI_WAIT (wizard, focus_inside (GTK_WIDGET (wizard),
                                    vs_pool_type_page_get_row (vs_pool_wizard_get_type_page (wizard),
                                                               VS_POOL_TYPE_DIR)));
  press (GTK_WIDGET (wizard), "Return");
  VS_UI_WAIT (wizard, VS_IS_POOL_SETTINGS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  page = vs_pool_wizard_get_settings_page (wizard);
  VS_UI_WAIT (wizard, focus_inside (GTK_WIDGET (wizard), vs_pool_settings_page_get_field (page, "name")));

  type_text (GTK_WIDGET (wizard), name);
  VS_UI_WAIT (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "name")), name) == 0);

  if (folder != NULL)
    {
      folder_field = vs_pool_settings_page_get_field (page, "target");
      press (GTK_WIDGET (wizard), "Tab");
      VS_UI_WAIT (wizard, focus_inside (GTK_WIDGET (wizard), folder_field));
      press (GTK_WIDGET (wizard), "ctrl+a");
      type_text (GTK_WIDGET (wizard), folder);
      VS_UI_WAIT (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "target")), folder) == 0);
    }
  VS_UI_WAIT (wizard, page_complete (page));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-keyboard-dir-page");

  press (GTK_WIDGET (wizard), "Return");
  VS_UI_WAIT (wizard, VS_IS_POOL_OPTIONS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  /* Start now is on, start at boot off, building on: Enter goes on. */
  VS_UI_CHECK (wizard, gtk_check_button_get_active (options_child (wizard, "start_check")));
  VS_UI_CHECK (wizard, !gtk_check_button_get_active (options_child (wizard, "autostart_check")));
  VS_UI_CHECK (wizard, gtk_check_button_get_active (options_child (wizard, "build_check")));
  press (GTK_WIDGET (wizard), "Return");
  VS_UI_WAIT (wizard, VS_IS_POOL_SUMMARY_PAGE (vs_pool_wizard_get_current_page (wizard)));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-keyboard-summary");

  press (GTK_WIDGET (wizard), "Return");
  check_created_and_selected (fx, name);
}

/* Tests ---------------------------------------------------------------- */

static void
test_keyboard_dir (Fixture       *fx,
                   gconstpointer  data)
{
  VsPool *pool;

  walk_dir_wizard_with_keys (fx, "keyboard-pool", NULL);

  pool = vs_connection_find_pool (fx->connection, "keyboard-pool");
  VS_UI_CHECK (fx->window, vs_pool_get_active (pool));
  VS_UI_CHECK (fx->window, !vs_pool_get_autostart (pool));
  VS_UI_CHECK (fx->window, g_strcmp0 (vs_pool_get_target_path (pool),
                                      "/var/lib/libvirt/images/keyboard-pool") == 0);
}

/* Escape closes the wizard and makes nothing. */
static void
test_keyboard_escape (Fixture       *fx,
                      gconstpointer  data)
{
  VsPoolWizard *wizard;
  guint n_pools = g_list_model_get_n_items (vs_connection_get_pools (fx->connection));

  wizard = open_wizard_with_keys (fx);
  press (GTK_WIDGET (wizard), "Return");
  VS_UI_WAIT (wizard, VS_IS_POOL_SETTINGS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  type_text (GTK_WIDGET (wizard), "never-made");

  /* Alt+Left goes back, Escape cancels. */
  press (GTK_WIDGET (wizard), "alt+Left");
  VS_UI_WAIT (wizard, VS_IS_POOL_TYPE_PAGE (vs_pool_wizard_get_current_page (wizard)));
  press (GTK_WIDGET (wizard), "Escape");
  VS_UI_WAIT (fx->window, wizard_gone ());
  VS_UI_CHECK (fx->window, g_list_model_get_n_items (vs_connection_get_pools (fx->connection)) == n_pools);
  VS_UI_CHECK (fx->window, vs_connection_find_pool (fx->connection, "never-made") == NULL);
}

/* The test driver's NFS server exports /testshare: Scan lists it, picking
 * it fills the server and the export. */
static void
test_scan (Fixture       *fx,
           gconstpointer  data)
{
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_NETFS);
  GtkWidget *scan = vs_pool_settings_page_get_scan_button (page);
  GtkListBox *list = vs_pool_settings_page_get_scan_list (page);
  GtkListBoxRow *row;

  VS_UI_CHECK (wizard, scan != NULL);
  /* Nothing to ask without a server; a bad one is refused in place. */
  VS_UI_CHECK (wizard, !gtk_widget_get_sensitive (scan));
  set_field (page, "host", "bad host!");
  VS_UI_CHECK (wizard, field_error (page, "host") != NULL);
  VS_UI_CHECK (wizard, !gtk_widget_get_sensitive (scan));

  set_field (page, "name", "scanned");
  set_field (page, "host", "nfs.example.com");
  VS_UI_CHECK (wizard, field_error (page, "host") == NULL);
  VS_UI_CHECK (wizard, gtk_widget_get_sensitive (scan));
  VS_UI_CHECK (wizard, !page_complete (page));

  gtk_widget_activate (scan);
  VS_UI_WAIT (wizard, !vs_pool_settings_page_get_scanning (page));
  VS_UI_WAIT (wizard, (row = gtk_list_box_get_row_at_index (list, 0)) != NULL);
  VS_UI_CHECK (wizard, gtk_list_box_get_row_at_index (list, 1) == NULL);
  VS_UI_CHECK (wizard, strstr (vs_pool_settings_page_get_scan_status (page), "Found 1 export") != NULL);
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-netfs-scan");

  gtk_widget_activate (GTK_WIDGET (row));
  VS_UI_WAIT (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "source-dir")), "/testshare") == 0);
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "host")), "nfs.example.com") == 0);
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "target")),
                                  "/var/lib/libvirt/images/scanned") == 0);
  VS_UI_CHECK (wizard, page_complete (page));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-netfs-picked");

  to_summary (wizard);
  VS_UI_CHECK (wizard, xml_has (wizard, "<host name=\"nfs.example.com\"/>"));
  VS_UI_CHECK (wizard, xml_has (wizard, "<dir path=\"/testshare\"/>"));
  VS_UI_CHECK (wizard, xml_has (wizard, "<format type=\"nfs\"/>"));

  /* The test driver finds two volume groups; picking the second names it. */
  for (guint i = 0; i < 2; i++)
    gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  VS_UI_WAIT (wizard, VS_IS_POOL_SETTINGS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  page = choose_type (wizard, VS_POOL_TYPE_LOGICAL);
  scan = vs_pool_settings_page_get_scan_button (page);
  list = vs_pool_settings_page_get_scan_list (page);
  VS_UI_CHECK (wizard, gtk_widget_get_sensitive (scan));
  gtk_widget_activate (scan);
  VS_UI_WAIT (wizard, gtk_list_box_get_row_at_index (list, 1) != NULL);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  VS_UI_WAIT (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "source-name")), "testvg2") == 0);
  /* The name typed on the netfs page came along. */
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "name")), "scanned") == 0);
}

/* A build the test driver refuses (formatting): the step and libvirt's
 * words show, the pool is not left defined, the fields are as typed. */
static void
test_failed_creation (Fixture       *fx,
                      gconstpointer  data)
{
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_FS);
  g_autofree char *steps = NULL;
  GtkCheckButton *format_check;
  VsErrorBar *error_bar;
  GtkWindow *dialog;

  set_field (page, "name", "doomed");
  set_field (page, "device", "/dev/sdz1");
  VS_UI_WAIT (wizard, page_complete (page));
  next (wizard);
  VS_UI_WAIT (wizard, VS_IS_POOL_OPTIONS_PAGE (vs_pool_wizard_get_current_page (wizard)));

  /* Formatting asks first; declined, it stays off. */
  format_check = options_child (wizard, "format_check");
  gtk_check_button_set_active (format_check, TRUE);
  VS_UI_WAIT (wizard, (dialog = vs_ui_test_find_dialog (GTK_WIDGET (wizard))) != NULL);
  {
    g_autofree char *text = vs_ui_test_dialog_text (dialog);

    VS_UI_CHECK (wizard, strstr (text, "Erase /dev/sdz1?") != NULL);
  }
  vs_ui_test_capture (GTK_WIDGET (dialog), "wizard-erase-confirmation");
  VS_UI_CHECK (wizard, !gtk_check_button_get_active (format_check));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  VS_UI_WAIT (wizard, vs_ui_test_find_dialog (GTK_WIDGET (wizard)) == NULL);
  /* The answer reaches the page from an idle. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  VS_UI_CHECK (wizard, !gtk_check_button_get_active (format_check));

  gtk_check_button_set_active (format_check, TRUE);
  VS_UI_WAIT (wizard, (dialog = vs_ui_test_find_dialog (GTK_WIDGET (wizard))) != NULL);
  gtk_widget_activate (vs_ui_test_dialog_button (dialog, "_Erase"));
  VS_UI_WAIT (wizard, gtk_check_button_get_active (format_check));

  next (wizard);
  VS_UI_WAIT (wizard, VS_IS_POOL_SUMMARY_PAGE (vs_pool_wizard_get_current_page (wizard)));
  next (wizard);

  error_bar = summary_child (wizard, "error_bar");
  VS_UI_WAIT (wizard, !vs_pool_wizard_get_creating (wizard));
  VS_UI_WAIT (wizard, vs_error_bar_get_revealed (error_bar));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-failed-creation");

  steps = steps_text (wizard);
  g_test_message ("steps: %s", steps);
  VS_UI_CHECK (wizard, g_str_has_prefix (steps, "Defining… / Building… (failed) / Undoing…"));
  VS_UI_CHECK (wizard, g_strcmp0 (vs_error_bar_get_heading (error_bar), "Could not build the pool") == 0);
  VS_UI_CHECK (wizard, strstr (vs_error_bar_get_body (error_bar), "libvirt says: ") != NULL);
  VS_UI_CHECK (wizard, strstr (vs_error_bar_get_body (error_bar), "Nothing was left behind") != NULL);
  VS_UI_CHECK (wizard, vs_error_bar_get_detail (error_bar) != NULL);

  /* Nothing is left, the wizard is open, the fields are as typed. */
  VS_UI_CHECK (wizard, !wizard_gone ());
  VS_UI_WAIT (wizard, vs_connection_find_pool (fx->connection, "doomed") == NULL);
  {
    virConnectPtr conn = vs_test_virt_open ("test:///default");

    VS_UI_CHECK (wizard, !vs_test_pool_is_defined (conn, "doomed"));
    virConnectClose (conn);
  }
  VS_UI_CHECK (wizard, next_enabled (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  VS_UI_WAIT (wizard, VS_IS_POOL_SETTINGS_PAGE (vs_pool_wizard_get_current_page (wizard)));
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "name")), "doomed") == 0);
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "device")), "/dev/sdz1") == 0);
}

/* Holds a creation's worker as the build step begins, until released. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean reached;
  gboolean released;
} Gate;

static void
gate_hook (VsPoolCreateStep step,
           gpointer         data)
{
  Gate *gate = data;

  if (step != VS_POOL_CREATE_STEP_BUILD)
    return;

  g_mutex_lock (&gate->lock);
  gate->reached = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->lock);
  gate->reached = FALSE;
  gate->released = FALSE;
  g_mutex_unlock (&gate->lock);
}

static gboolean
gate_reached (Gate *gate)
{
  gboolean reached;

  g_mutex_lock (&gate->lock);
  reached = gate->reached;
  g_mutex_unlock (&gate->lock);

  return reached;
}

static void
gate_release (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->released = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* Cancel (Escape) while the pool is being created stops it and undoes what
 * was done; the wizard stays and says so. Closing the wizard meanwhile
 * waits for the undo, then closes. */
static void
test_cancel_creation (Fixture       *fx,
                      gconstpointer  data)
{
  Gate gate = { 0 };
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_DIR);
  VsErrorBar *error_bar;
  virConnectPtr conn;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  vs_pool_creator_set_step_hook (gate_hook, &gate);

  set_field (page, "name", "cancelled");
  to_summary (wizard);
  next (wizard);
  VS_UI_WAIT (wizard, gate_reached (&gate));
  VS_UI_CHECK (wizard, vs_pool_wizard_get_creating (wizard));
  VS_UI_CHECK (wizard, !next_enabled (wizard));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-creating");

  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.cancel", NULL);
  gate_release (&gate);
  error_bar = summary_child (wizard, "error_bar");
  VS_UI_WAIT (wizard, !vs_pool_wizard_get_creating (wizard));
  VS_UI_WAIT (wizard, vs_error_bar_get_revealed (error_bar));
  VS_UI_CHECK (wizard, !wizard_gone ());
  VS_UI_CHECK (wizard, g_strcmp0 (vs_error_bar_get_heading (error_bar), "Creating the pool was cancelled") == 0);
  VS_UI_CHECK (wizard, strstr (vs_error_bar_get_body (error_bar), "Nothing was left behind") != NULL);
  conn = vs_test_virt_open ("test:///default");
  VS_UI_CHECK (wizard, !vs_test_pool_is_defined (conn, "cancelled"));

  /* Again, and the window is closed meanwhile. */
  next (wizard);
  VS_UI_WAIT (wizard, gate_reached (&gate));
  gtk_window_close (GTK_WINDOW (wizard));
  VS_UI_CHECK (wizard, !wizard_gone ());
  gate_release (&gate);
  VS_UI_WAIT (fx->window, wizard_gone ());
  VS_UI_CHECK (fx->window, !vs_test_pool_is_defined (conn, "cancelled"));
  /* The list follows libvirt's events of the define and the undefine. */
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, "cancelled") == NULL);

  virConnectClose (conn);
  vs_pool_creator_set_step_hook (NULL, NULL);
  g_cond_clear (&gate.cond);
  g_mutex_clear (&gate.lock);
}

/* Names are checked as they are typed; a name with quotes, "<", "&" and
 * letters outside ASCII round-trips. */
static void
test_names (Fixture       *fx,
            gconstpointer  data)
{
  const char *hostile = "a<b&\"c' ñ €";
  g_autofree char *long_name = g_strnfill (300, 'x');
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_DIR);
  struct { const char *name; const char *error; } refused[] = {
    { "a/b", "cannot contain “/”" },
    { "two\nlines", "line breaks" },
    { "..", "cannot be a pool name" },
    { long_name, "too long" },
    { "default-pool", "exists already" },
  };

  /* Nothing typed yet: no complaint, but no Next either. */
  VS_UI_CHECK (wizard, field_error (page, "name") == NULL);
  VS_UI_CHECK (wizard, !next_enabled (wizard));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *error;

      set_field (page, "name", refused[i].name);
      error = field_error (page, "name");
      if (error == NULL || strstr (error, refused[i].error) == NULL)
        g_test_message ("name %u: %s", i, error);
      VS_UI_CHECK (wizard, error != NULL && strstr (error, refused[i].error) != NULL);
      VS_UI_CHECK (wizard, !next_enabled (wizard));
    }
  set_field (page, "name", "");
  VS_UI_CHECK (wizard, strstr (field_error (page, "name"), "needs a name") != NULL);
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-name-refused");

  /* The folder follows the name; a relative path is refused. */
  set_field (page, "name", hostile);
  VS_UI_CHECK (wizard, field_error (page, "name") == NULL);
  {
    g_autofree char *expected = g_build_filename ("/var/lib/libvirt/images", hostile, NULL);

    VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "target")), expected) == 0);
  }
  set_field (page, "target", "relative/path");
  VS_UI_CHECK (wizard, strstr (field_error (page, "target"), "not an absolute path") != NULL);
  VS_UI_CHECK (wizard, !next_enabled (wizard));
  set_field (page, "target", "/var/lib/libvirt/images/hostile");
  /* Edited, the folder no longer follows the name. */
  set_field (page, "name", hostile);
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "target")),
                                  "/var/lib/libvirt/images/hostile") == 0);

  to_summary (wizard);
  VS_UI_CHECK (wizard, xml_has (wizard, "<name>a&lt;b&amp;\"c' ñ €</name>"));
  next (wizard);
  check_created_and_selected (fx, hostile);
}

/* A folder that exists as a file, or lies under one, is refused before
 * anything is defined (this machine's files: a local connection). */
static void
test_target_is_file (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vs-wizard-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *under = g_build_filename (file, "pool", NULL);
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_DIR);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  set_field (page, "name", "on-a-file");
  set_field (page, "target", file);
  VS_UI_CHECK (wizard, strstr (field_error (page, "target"), "exists and is not a folder") != NULL);
  VS_UI_CHECK (wizard, !next_enabled (wizard));
  set_field (page, "target", under);
  VS_UI_CHECK (wizard, strstr (field_error (page, "target"), "is a file, so no folder can be made under it") != NULL);
  VS_UI_CHECK (wizard, !next_enabled (wizard));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-target-under-file");

  g_unlink (file);
  g_rmdir (dir);
}

/* Ports and hosts of the network types, the CHAP pair of iSCSI. */
static void
test_network_fields (Fixture       *fx,
                     gconstpointer  data)
{
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_ISCSI);
  const char *bad_ports[] = { "0", "65536", "abc" };

  set_field (page, "name", "iscsi-pool");
  set_field (page, "host", "192.0.2.10");
  set_field (page, "target-iqn", "iqn.2024-01.com.example:storage");
  VS_UI_CHECK (wizard, page_complete (page));

  for (guint i = 0; i < G_N_ELEMENTS (bad_ports); i++)
    {
      set_field (page, "port", bad_ports[i]);
      VS_UI_CHECK (wizard, strstr (field_error (page, "port"), "is not a port") != NULL);
      VS_UI_CHECK (wizard, !next_enabled (wizard));
    }
  set_field (page, "port", "3260");
  VS_UI_CHECK (wizard, field_error (page, "port") == NULL);

  set_field (page, "target-iqn", "not-an-iqn");
  VS_UI_CHECK (wizard, strstr (field_error (page, "target-iqn"), "not an iSCSI qualified name") != NULL);
  set_field (page, "target-iqn", "iqn.2024-01.com.example:storage");

  /* A password needs its user, and the other way round. */
  set_field (page, "secret", "s3cret");
  VS_UI_CHECK (wizard, field_error (page, "auth-user") != NULL);
  VS_UI_CHECK (wizard, !next_enabled (wizard));
  set_field (page, "auth-user", "chap-user");
  VS_UI_CHECK (wizard, field_error (page, "auth-user") == NULL);
  VS_UI_CHECK (wizard, page_complete (page));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-iscsi");

  to_summary (wizard);
  VS_UI_CHECK (wizard, xml_has (wizard, "<host name=\"192.0.2.10\" port=\"3260\"/>"));
  VS_UI_CHECK (wizard, xml_has (wizard, "<auth type=\"chap\" username=\"chap-user\">"));
  /* The password never shows in the XML. */
  VS_UI_CHECK (wizard, !xml_has (wizard, "s3cret"));
}

/* Edit XML: checked as it is typed, then by libvirt; errors in place. */
static void
test_edit_xml (Fixture       *fx,
               gconstpointer  data)
{
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolSettingsPage *page = choose_type (wizard, VS_POOL_TYPE_DIR);
  GtkTextBuffer *buffer;
  VsErrorBar *error_bar;

  set_field (page, "name", "edited");
  to_summary (wizard);
  buffer = gtk_text_view_get_buffer (summary_child (wizard, "xml_view"));
  error_bar = summary_child (wizard, "error_bar");

  VS_UI_CHECK (wizard, !gtk_text_view_get_editable (summary_child (wizard, "xml_view")));
  gtk_toggle_button_set_active (summary_child (wizard, "edit_button"), TRUE);
  VS_UI_CHECK (wizard, gtk_text_view_get_editable (summary_child (wizard, "xml_view")));

  gtk_text_buffer_set_text (buffer, "<pool type='dir'><name>edited", -1);
  VS_UI_CHECK (wizard, gtk_widget_get_visible (summary_child (wizard, "xml_error_label")));
  VS_UI_CHECK (wizard, !next_enabled (wizard));

  /* Well-formed, but not a pool libvirt takes. */
  gtk_text_buffer_set_text (buffer, "<pool type='nonsense'><name>edited-by-hand</name></pool>", -1);
  VS_UI_CHECK (wizard, !gtk_widget_get_visible (summary_child (wizard, "xml_error_label")));
  next (wizard);
  VS_UI_WAIT (wizard, !vs_pool_wizard_get_creating (wizard) && vs_error_bar_get_revealed (error_bar));
  VS_UI_CHECK (wizard, g_strcmp0 (vs_error_bar_get_heading (error_bar), "Could not define the pool") == 0);
  VS_UI_CHECK (wizard, vs_error_bar_get_detail (error_bar) != NULL);
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-edit-xml-refused");

  /* The user's own XML, not the fields, makes the pool. */
  gtk_text_buffer_set_text (buffer,
                            "<pool type='dir'><name>edited-by-hand</name>"
                            "<target><path>/var/lib/libvirt/images/by-hand</path></target></pool>", -1);
  VS_UI_CHECK (wizard, !vs_error_bar_get_revealed (error_bar) ||
                       !gtk_widget_get_visible (GTK_WIDGET (error_bar)));
  next (wizard);
  check_created_and_selected (fx, "edited-by-hand");
  VS_UI_CHECK (fx->window, vs_connection_find_pool (fx->connection, "edited") == NULL);
}

/* The ways in: header button, Ctrl+Shift+N (a binding), the connection's
 * menu and its page; none while the connection is down. */
static void
test_entry_points (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (vs_window_get_connection_page (fx->window));
  GtkWidget *row = vs_sidebar_get_row_widget (vs_window_get_sidebar (fx->window), fx->connection);

  GtkWidget *header_button;

  VS_UI_CHECK (fx->window, window_action_enabled (fx, "window.new-pool"));
  /* The header bar shows the button (next to the jobs button, not in its place). */
  header_button = vs_ui_test_find_action_button (gtk_window_get_titlebar (GTK_WINDOW (fx->window)),
                                      "window.new-pool");
  VS_UI_CHECK (fx->window, header_button != NULL && gtk_widget_get_mapped (header_button));
  VS_UI_CHECK (fx->window, vs_ui_test_action_enabled (row, "connection.new-pool"));
  VS_UI_CHECK (fx->window, vs_sidebar_select_item (vs_window_get_sidebar (fx->window), fx->connection));
  VS_UI_CHECK (fx->window, vs_ui_test_action_enabled (page, "window.new-pool"));

  /* The connection's own menu opens the wizard for that connection. */
  gtk_widget_activate_action (row, "connection.new-pool", NULL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_POOL_WIZARD) != NULL);
  VS_UI_CHECK (fx->window, vs_pool_wizard_get_connection (VS_POOL_WIZARD (vs_ui_test_find_window (VS_TYPE_POOL_WIZARD)))
                           == fx->connection);
  close_wizards ();

  vs_connection_close (fx->connection);
  VS_UI_WAIT (fx->window, vs_connection_get_state (fx->connection) == VS_CONNECTION_STATE_DISCONNECTED);
  VS_UI_CHECK (fx->window, !window_action_enabled (fx, "window.new-pool"));
  VS_UI_CHECK (fx->window, !vs_ui_test_action_enabled (row, "connection.new-pool"));
}

/* The wizard's pages fit a window 360 pixels wide, and 1024×768. */
static void
test_sizes (Fixture       *fx,
            gconstpointer  data)
{
  VsPoolWizard *wizard = open_wizard (fx);
  VsPoolType types[] = { VS_POOL_TYPE_NETFS, VS_POOL_TYPE_ISCSI, VS_POOL_TYPE_RBD };
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (wizard), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("type page: %d px wide at least", minimum);
  VS_UI_CHECK (wizard, minimum <= 360);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      VsPoolSettingsPage *page = choose_type (wizard, types[i]);

      gtk_widget_measure (GTK_WIDGET (wizard), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("%s page: %d px wide at least", vs_pool_type_to_string (types[i]), minimum);
      VS_UI_CHECK (wizard, minimum <= 360);
      gtk_widget_measure (GTK_WIDGET (wizard), GTK_ORIENTATION_VERTICAL, 360, &minimum, &natural, NULL, NULL);
      VS_UI_CHECK (wizard, minimum <= 768);
      VS_UI_CHECK (wizard, vs_pool_settings_page_get_pool_type (page) == types[i]);
      gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
      VS_UI_WAIT (wizard, VS_IS_POOL_TYPE_PAGE (vs_pool_wizard_get_current_page (wizard)));
    }
}

/* Against a real libvirtd ---------------------------------------------- */

static char *
live_skip_reason (void)
{
  const char *uri = g_getenv ("VS_TEST_URI");
  g_autofree char *keyboard = keyboard_skip_reason ();

  if (uri == NULL || *uri == '\0')
    return g_strdup ("VS_TEST_URI is not set (e.g. qemu:///system)");
  if (!vs_test_daemon_answers (uri))
    return g_strdup_printf ("no libvirtd answers at %s", uri);

  return g_steal_pointer (&keyboard);
}

/* The dir wizard with the keyboard alone, into the case's own folder. */
static void
test_live_keyboard_dir (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *name = vs_test_it_name ("keys");
  g_autofree char *folder = g_build_filename (vs_test_it_dir (), "pool", NULL);
  g_autofree char *state = NULL;

  open_window (fx, vs_test_it_uri ());
  walk_dir_wizard_with_keys (fx, name, folder);

  state = vs_test_it_pool_info_field (name, "State");
  VS_UI_CHECK (fx->window, g_strcmp0 (state, "running") == 0);
  VS_UI_CHECK (fx->window, g_file_test (folder, G_FILE_TEST_IS_DIR));

  fixture_tear_down (fx, NULL);
}

/* Build into a folder under a regular file: the page refuses it, so the
 * expert XML edit gets it to libvirt; building fails, the folder is not
 * made, no pool stays defined, the step and libvirt's words show. */
static void
test_live_build_fails (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *name = vs_test_it_name ("under-file");
  g_autofree char *file = g_build_filename (vs_test_it_dir (), "a-file", NULL);
  g_autofree char *under = g_build_filename (file, "pool", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *steps = NULL;
  VsPoolSettingsPage *page;
  VsPoolWizard *wizard;
  VsErrorBar *error_bar;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  open_window (fx, vs_test_it_uri ());
  wizard = open_wizard (fx);
  page = choose_type (wizard, VS_POOL_TYPE_DIR);
  set_field (page, "name", name);
  set_field (page, "target", under);
  VS_UI_CHECK (wizard, field_error (page, "target") != NULL);
  set_field (page, "target", vs_test_it_dir ());
  to_summary (wizard);

  gtk_toggle_button_set_active (summary_child (wizard, "edit_button"), TRUE);
  xml = g_markup_printf_escaped ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                                 name, under);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (summary_child (wizard, "xml_view")), xml, -1);
  next (wizard);

  error_bar = summary_child (wizard, "error_bar");
  VS_UI_WAIT (wizard, !vs_pool_wizard_get_creating (wizard) && vs_error_bar_get_revealed (error_bar));
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-live-build-fails");
  steps = steps_text (wizard);
  g_test_message ("steps: %s; %s", steps, vs_error_bar_get_body (error_bar));
  VS_UI_CHECK (wizard, g_str_has_prefix (steps, "Defining… / Building… (failed) / Undoing…"));
  VS_UI_CHECK (wizard, g_strcmp0 (vs_error_bar_get_heading (error_bar), "Could not build the pool") == 0);
  VS_UI_CHECK (wizard, strstr (vs_error_bar_get_body (error_bar), "Nothing was left behind") != NULL);
  VS_UI_CHECK (wizard, vs_error_bar_get_detail (error_bar) != NULL);
  VS_UI_CHECK (wizard, !vs_test_virsh (vs_test_it_uri (), NULL, NULL, "pool-info", name, NULL));
  VS_UI_CHECK (wizard, g_file_test (file, G_FILE_TEST_IS_REGULAR));

  fixture_tear_down (fx, NULL);
}

/* A scan of a server that is not there fails in place, with libvirt's
 * words; the page stays as typed. */
static void
test_live_scan_fails (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  VsPoolSettingsPage *page;
  VsPoolWizard *wizard;
  VsErrorBar *scan_error;

  open_window (fx, vs_test_it_uri ());
  wizard = open_wizard (fx);
  page = choose_type (wizard, VS_POOL_TYPE_NETFS);
  set_field (page, "name", "never-scanned");
  set_field (page, "host", "nfs.invalid");
  gtk_widget_activate (vs_pool_settings_page_get_scan_button (page));
  VS_UI_WAIT (wizard, vs_pool_settings_page_get_scanning (page));

  scan_error = page_child (page, VS_TYPE_POOL_SETTINGS_PAGE, "scan_error_bar");
  VS_UI_WAIT (wizard, !vs_pool_settings_page_get_scanning (page));
  VS_UI_CHECK (wizard, vs_error_bar_get_revealed (scan_error));
  g_test_message ("%s: %s", vs_error_bar_get_heading (scan_error), vs_error_bar_get_body (scan_error));
  VS_UI_CHECK (wizard, g_str_has_prefix (vs_error_bar_get_body (scan_error), "libvirt says: "));
  VS_UI_CHECK (wizard, gtk_list_box_get_row_at_index (vs_pool_settings_page_get_scan_list (page), 0) == NULL);
  VS_UI_CHECK (wizard, g_strcmp0 (gtk_editable_get_text (field (page, "host")), "nfs.invalid") == 0);
  vs_ui_test_capture (GTK_WIDGET (wizard), "wizard-live-scan-fails");

  fixture_tear_down (fx, NULL);
}

static const VsTestItCase live_scan_fails = {
  "/ui/pool-wizard/live/scan-fails", test_live_scan_fails, 120, live_skip_reason, NULL,
};

static const VsTestItCase live_keyboard_dir = {
  "/ui/pool-wizard/live/keyboard-dir", test_live_keyboard_dir, 120, live_skip_reason, NULL,
};

static const VsTestItCase live_build_fails = {
  "/ui/pool-wizard/live/build-fails", test_live_build_fails, 120, live_skip_reason, NULL,
};

static void
keyboard_case (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *reason = keyboard_skip_reason ();
  GTestFixtureFunc func = (GTestFixtureFunc) data;

  if (reason != NULL)
    {
      g_test_skip (reason);
      return;
    }

  func (fx, NULL);
}

int
main (int   argc,
      char *argv[])
{
  vs_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_KEYS(path, func) \
  g_test_add (path, Fixture, (gconstpointer) func, fixture_set_up, keyboard_case, fixture_tear_down)

  ADD_KEYS ("/ui/pool-wizard/keyboard-dir", test_keyboard_dir);
  ADD_KEYS ("/ui/pool-wizard/keyboard-escape", test_keyboard_escape);
  ADD ("/ui/pool-wizard/scan", test_scan);
  ADD ("/ui/pool-wizard/failed-creation", test_failed_creation);
  ADD ("/ui/pool-wizard/cancel-creation", test_cancel_creation);
  ADD ("/ui/pool-wizard/names", test_names);
  ADD ("/ui/pool-wizard/target-is-file", test_target_is_file);
  ADD ("/ui/pool-wizard/network-fields", test_network_fields);
  ADD ("/ui/pool-wizard/edit-xml", test_edit_xml);
  ADD ("/ui/pool-wizard/entry-points", test_entry_points);
  ADD ("/ui/pool-wizard/sizes", test_sizes);
  vs_test_it_add (&live_keyboard_dir);
  vs_test_it_add (&live_build_fails);
  vs_test_it_add (&live_scan_fails);

#undef ADD
#undef ADD_KEYS

  return g_test_run ();
}
