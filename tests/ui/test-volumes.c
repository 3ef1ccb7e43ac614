/* test-volumes.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-volumes"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vs-application.h"
#include "vs-job.h"
#include "vs-job-row.h"
#include "vs-jobs-button-private.h"
#include "vs-sidebar.h"
#include "vs-size-entry.h"
#include "vs-test-utils.h"
#include "vs-ui-test.h"
#include "vs-volume-clone-dialog.h"
#include "vs-volume-create-dialog.h"
#include "vs-volume-list.h"
#include "vs-volume-name-cell.h"
#include "vs-volume-operations.h"
#include "vs-volume-resize-dialog.h"
#include "vs-window-private.h"

/* The volume dialogs and operations in the real window: New Volume (its
 * checks, the keyboard, a qcow2 overlay on a base volume), Resize (a
 * shrink asks first), Clone into another pool, an upload in the jobs
 * popover, cancelled. The checks of what people type run on libvirt's test
 * driver (ui-node.xml); what makes, copies and streams volumes runs on the
 * real libvirtd at $VS_TEST_URI, in pools of the case's own folder. */

typedef struct
{
  GSettings           *settings;
  VsConnectionManager *manager;
  VsWindow            *window;
  VsConnection        *connection;
} Fixture;

/* The window ---------------------------------------------------------------- */

static void
fixture_open (Fixture    *fx,
              const char *uri)
{
  g_autoptr(GError) error = NULL;

  /* The memory backend keeps values for the whole process. */
  fx->settings = g_settings_new (VS_SETTINGS_SCHEMA_ID);
  g_settings_reset (fx->settings, "connections");
  g_settings_reset (fx->settings, "last-connection");
  g_settings_reset (fx->settings, "last-pool");
  fx->manager = vs_connection_manager_new (fx->settings);

  fx->window = vs_window_new (NULL, fx->manager, fx->settings);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1024, 768);
  gtk_window_present (GTK_WINDOW (fx->window));
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (GTK_WIDGET (fx->window)));

  fx->connection = vs_connection_manager_add (fx->manager, uri, FALSE, FALSE, &error);
  g_assert_no_error (error);
  vs_connection_manager_open (fx->manager, fx->connection, NULL, NULL);
  VS_UI_WAIT (fx->window, vs_connection_get_state (fx->connection) == VS_CONNECTION_STATE_CONNECTED);
}

static void
fixture_close (Fixture *fx)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The dialogs a case left open go with it. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      if (window == GTK_WINDOW (fx->window))
        fx->window = NULL;
      gtk_window_destroy (window);
    }
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fx->window)));
  g_clear_object (&fx->manager);
  g_clear_object (&fx->settings);
  /* The connections' release threads and idles finish. */
  vs_ui_test_spin (50);
}

static VsPoolPage *
pool_page (Fixture *fx)
{
  return vs_window_get_pool_page (fx->window);
}

static VsVolumeList *
volume_list (Fixture *fx)
{
  return VS_VOLUME_LIST (gtk_widget_get_template_child (GTK_WIDGET (pool_page (fx)),
                                                        VS_TYPE_POOL_PAGE, "volume_list"));
}

static gboolean
pool_ready (VsPool *pool)
{
  return vs_pool_get_volumes_loaded (pool) && !vs_pool_get_busy (pool) && !vs_pool_get_loading (pool);
}

/* Shows the pool @name in the window, its volumes listed. */
static VsPool *
show_pool (Fixture    *fx,
           const char *name)
{
  VsPool *pool;

  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, name) != NULL);
  pool = vs_connection_find_pool (fx->connection, name);
  VS_UI_CHECK (fx->window, vs_sidebar_select_item (vs_window_get_sidebar (fx->window), pool));
  VS_UI_WAIT (fx->window, vs_window_get_current_pool (fx->window) == pool);
  VS_UI_WAIT (fx->window, pool_ready (pool));

  return pool;
}

static gboolean
only_selected (Fixture  *fx,
               VsVolume *volume)
{
  g_autoptr(GPtrArray) selected = vs_volume_list_get_selected (volume_list (fx));

  return selected->len == 1 && g_ptr_array_index (selected, 0) == volume;
}

static VsVolume *
select_volume (Fixture    *fx,
               VsPool     *pool,
               const char *name)
{
  VsVolume *volume;

  VS_UI_WAIT (fx->window, vs_pool_find_volume (pool, name) != NULL);
  volume = vs_pool_find_volume (pool, name);
  VS_UI_WAIT (fx->window, vs_volume_get_details_loaded (volume));
  vs_volume_list_select_volume (volume_list (fx), volume);
  VS_UI_WAIT (fx->window, only_selected (fx, volume));

  return volume;
}

/* Activates a pool page action, as its button, menu item or key does. */
static void
activate (Fixture    *fx,
          const char *action)
{
  VS_UI_CHECK (fx->window, vs_ui_test_action_enabled (GTK_WIDGET (pool_page (fx)), action));
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (pool_page (fx)), action, NULL));
}

static gpointer
wait_window (Fixture *fx,
             GType    type)
{
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (type) != NULL &&
                          gtk_widget_get_mapped (GTK_WIDGET (vs_ui_test_find_window (type))));

  return vs_ui_test_find_window (type);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
text_has (const char *text,
          const char *part)
{
  if (text != NULL && part != NULL && strstr (text, part) != NULL)
    return TRUE;
  if (text == NULL && part == NULL)
    return TRUE;

  g_test_message ("the text is “%s”, expected “%s”", text != NULL ? text : "(none)",
                  part != NULL ? part : "(none)");
  return FALSE;
}

/* Checks of what people type (test driver) -------------------------------- */

static VsVolumeCreateDialog *
open_create_dialog (Fixture *fx)
{
  VsVolumeCreateDialog *dialog;

  /* Ctrl+Shift+V works from anywhere in the window. */
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (fx->window), "window.new-volume", NULL));
  dialog = wait_window (fx, VS_TYPE_VOLUME_CREATE_DIALOG);
  VS_UI_CHECK (dialog, gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fx->window));

  return dialog;
}

static void
set_name (VsVolumeCreateDialog *dialog,
          const char           *name)
{
  gtk_editable_set_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry"), name);
}

static void
set_capacity (VsVolumeCreateDialog *dialog,
              const char           *text)
{
  vs_size_entry_set_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "capacity_entry"), text);
}

static void
test_create_checks (void)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  g_autofree char *long_name = g_strnfill (300, 'a');
  Fixture fixture = { 0 }, *fx = &fixture;
  VsVolumeCreateDialog *dialog;
  VsPool *pool;
  const struct { const char *text; const char *error; } capacities[] = {
    { "0", "larger than zero" },
    { "-1", "negative" },
    { "abc", "not a size" },
    { "1e30", "exponent" },
    { "16 EiB", "too large" },
    { "99999999999 TiB", "too large" },
    { "10 parsecs", "not a unit" },
    { "10G", NULL },
    { "10 GiB", NULL },
    { "512m", NULL },
    { "1.5T", NULL },
    { "10 gb", NULL },
    { "20", NULL },
  };
  const struct { const char *name; const char *error; } names[] = {
    { "", "Enter a name" },
    { "a/b", "slashes" },
    { "debian-12.qcow2", "already has a volume" },
    { "..", "not a valid volume name" },
    { " disk.qcow2", "space" },
    { "a\nb", "line breaks" },
    { long_name, "too long" },
    { "a<b&\"c.qcow2", NULL },
    { "ñandú.qcow2", NULL },
  };

  fixture_open (fx, uri);
  show_pool (fx, "default");
  dialog = open_create_dialog (fx);

  /* What it proposes on a file-based pool. */
  VS_UI_CHECK (dialog, g_strcmp0 (vs_volume_create_dialog_get_format (dialog), "qcow2") == 0);
  VS_UI_CHECK (dialog, g_strcmp0 (gtk_editable_get_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")),
                                  "disk.qcow2") == 0);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "name") == NULL);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "capacity") == NULL);
  vs_ui_test_capture (GTK_WIDGET (dialog), "volume-create-empty");

  /* Every bad size, in place, and the good ones in any case. */
  for (guint i = 0; i < G_N_ELEMENTS (capacities); i++)
    {
      g_test_message ("capacity “%s”", capacities[i].text);
      set_capacity (dialog, capacities[i].text);
      VS_UI_CHECK (dialog, text_has (vs_volume_create_dialog_get_error (dialog, "capacity"), capacities[i].error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("name “%s”", names[i].name);
      set_name (dialog, names[i].name);
      VS_UI_CHECK (dialog, text_has (vs_volume_create_dialog_get_error (dialog, "name"), names[i].error));
    }

  /* Create with a bad field: nothing happens but the focus going there. */
  set_name (dialog, "a/b");
  set_capacity (dialog, "abc");
  vs_ui_test_capture (GTK_WIDGET (dialog), "volume-create-invalid");
  VS_UI_CHECK (dialog, !vs_volume_create_dialog_create (dialog));
  VS_UI_CHECK (dialog, gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                               child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")));
  VS_UI_CHECK (dialog, gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* The suffix follows the format, unless it is the user's own. */
  set_name (dialog, "web.qcow2");
  VS_UI_CHECK (dialog, vs_volume_create_dialog_set_format (dialog, "raw"));
  VS_UI_CHECK (dialog, g_strcmp0 (gtk_editable_get_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")),
                                  "web.img") == 0);
  set_name (dialog, "mine.bin");
  VS_UI_CHECK (dialog, vs_volume_create_dialog_set_format (dialog, "qcow2"));
  VS_UI_CHECK (dialog, g_strcmp0 (gtk_editable_get_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")),
                                  "mine.bin") == 0);

  /* Above the free space: a warning when thin, refused when full. */
  set_capacity (dialog, "900 TiB");
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "capacity") == NULL);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "allocation") == NULL);
  VS_UI_CHECK (dialog, gtk_widget_get_visible (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "space_warning")));
  VS_UI_CHECK (dialog, text_has (gtk_label_get_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "overcommit_label")),
                                 "overcommitted"));
  gtk_check_button_set_active (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "full_check"), TRUE);
  VS_UI_CHECK (dialog, text_has (vs_volume_create_dialog_get_error (dialog, "allocation"), "full allocation"));
  VS_UI_CHECK (dialog, !vs_volume_create_dialog_create (dialog));
  gtk_check_button_set_active (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "thin_check"), TRUE);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "allocation") == NULL);

  /* A full allocation is a job: the dialog goes at once, the window is
   * free, and the volume is selected once made. */
  set_name (dialog, "full.img");
  VS_UI_CHECK (dialog, vs_volume_create_dialog_set_format (dialog, "raw"));
  set_capacity (dialog, "1 GiB");
  gtk_check_button_set_active (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "full_check"), TRUE);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_create (dialog));
  VS_UI_CHECK (fx->window, !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  VS_UI_CHECK (fx->window, g_list_model_get_n_items (vs_connection_get_jobs (fx->connection)) == 1);
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_CREATE_DIALOG) == NULL);
  pool = vs_connection_find_pool (fx->connection, "default");
  VS_UI_CHECK (fx->window, vs_pool_find_volume (pool, "full.img") != NULL);
  VS_UI_CHECK (fx->window, vs_volume_get_allocation (vs_pool_find_volume (pool, "full.img")) == G_GUINT64_CONSTANT (1) << 30);
  VS_UI_WAIT (fx->window, only_selected (fx, vs_pool_find_volume (pool, "full.img")));

  /* A pool whose volumes have a fixed format: no choice to make. */
  vs_pool_start_async (vs_connection_find_pool (fx->connection, "vg-fast"), NULL, NULL, NULL);
  VS_UI_WAIT (fx->window, vs_pool_get_active (vs_connection_find_pool (fx->connection, "vg-fast")));
  show_pool (fx, "vg-fast");
  dialog = open_create_dialog (fx);
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_format (dialog) == NULL);
  VS_UI_CHECK (dialog, !gtk_widget_get_visible (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "format_box")));
  VS_UI_CHECK (dialog, !gtk_widget_get_visible (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "backing_box")));
  VS_UI_CHECK (dialog, g_strcmp0 (gtk_editable_get_text (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")),
                                  "disk") == 0);

  fixture_close (fx);
}

/* The focused widget is @widget or inside it. */
static gboolean
focus_in (GtkWindow *window,
          gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* What Tab does: the next widget in the focus chain, round to the first
 * after the last. */
static void
press_tab (GtkWindow *window)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
    {
      gtk_window_set_focus (window, NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
}

/* Presses Tab until the focus is in @widget; FALSE when a whole round
 * never reaches it. */
static gboolean
tab_to (GtkWindow *window,
        gpointer   widget)
{
  for (guint i = 0; i < 40; i++)
    {
      if (focus_in (window, widget))
        return TRUE;
      press_tab (window);
    }

  return FALSE;
}

/* The keyboard alone: the focus starts in the name with its stem selected,
 * Tab reaches every field in order, and Enter in a field creates. */
static void
test_create_keyboard (void)
{
  g_autofree char *uri = vs_ui_test_node_uri ("ui-node.xml");
  Fixture fixture = { 0 }, *fx = &fixture;
  const char * const order[] = {
    "name_entry", "format_dropdown", "backing_check", "capacity_entry", "thin_check", "metadata_check",
  };
  VsVolumeCreateDialog *dialog;
  GtkWindow *window;
  GtkEditable *focused;
  VsPool *pool;
  int start, end;
  guint n;

  fixture_open (fx, uri);
  pool = show_pool (fx, "default");
  n = g_list_model_get_n_items (vs_pool_get_volumes (pool));
  dialog = open_create_dialog (fx);
  window = GTK_WINDOW (dialog);

  VS_UI_WAIT (dialog, focus_in (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")));
  VS_UI_CHECK (dialog, gtk_editable_get_selection_bounds (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry"),
                                                          &start, &end));
  VS_UI_CHECK (dialog, start == 0 && end == (int) strlen ("disk"));

  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      gpointer previous = child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, order[i - 1]);
      gpointer next = child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, order[i]);

      /* Leave the previous field, then the next field is the next stop. */
      for (guint tabs = 0; tabs < 5 && focus_in (window, previous); tabs++)
        press_tab (window);
      g_test_message ("Tab after %s", order[i - 1]);
      VS_UI_CHECK (dialog, focus_in (window, next) ||
                           (VS_IS_SIZE_ENTRY (previous) && tab_to (window, next)));
    }
  VS_UI_CHECK (dialog, tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "full_check")) ||
                       tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "create_button")));
  VS_UI_CHECK (dialog, tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "create_button")));
  VS_UI_CHECK (dialog, tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "cancel_button")));

  /* Back to the capacity, typed with its own unit, then Enter. */
  VS_UI_CHECK (dialog, tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "capacity_entry")));
  focused = GTK_EDITABLE (gtk_window_get_focus (window));
  gtk_editable_set_text (focused, "512m");
  VS_UI_CHECK (dialog, vs_volume_create_dialog_get_error (dialog, "capacity") == NULL);
  VS_UI_CHECK (dialog, tab_to (window, child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "name_entry")));
  focused = GTK_EDITABLE (gtk_window_get_focus (window));
  gtk_editable_set_text (focused, "typed.qcow2");
  /* What Enter does in a text field. */
  g_signal_emit_by_name (focused, "activate");

  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_CREATE_DIALOG) == NULL);
  VS_UI_WAIT (fx->window, g_list_model_get_n_items (vs_pool_get_volumes (pool)) == n + 1);
  VS_UI_CHECK (fx->window, vs_pool_find_volume (pool, "typed.qcow2") != NULL);
  VS_UI_CHECK (fx->window, vs_volume_get_capacity (vs_pool_find_volume (pool, "typed.qcow2")) == 512 << 20);
  /* Selected in the list, where the user looks for it. */
  VS_UI_WAIT (fx->window, only_selected (fx, vs_pool_find_volume (pool, "typed.qcow2")));

  /* Escape closes it again. */
  dialog = open_create_dialog (fx);
  VS_UI_CHECK (dialog, gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_CREATE_DIALOG) == NULL);

  fixture_close (fx);
}

/* On the real libvirtd ------------------------------------------------------ */

static char *
live_skip_reason (void)
{
  if (!vs_test_daemon_answers (vs_test_it_uri ()))
    return g_strdup_printf ("no libvirtd answers at %s", vs_test_it_uri ());

  return NULL;
}

/* A running dir pool in the case's folder; its name. */
static char *
make_pool (const char *suffix)
{
  g_autofree char *name = vs_test_it_name (suffix);
  g_autofree char *dir = g_build_filename (vs_test_it_dir (), suffix, NULL);

  vs_test_it_define_dir_pool (name, dir, TRUE);
  return g_steal_pointer (&name);
}

static char *
pool_file (const char *suffix,
           const char *name)
{
  return g_build_filename (vs_test_it_dir (), suffix, name, NULL);
}

static char *
qemu_img_info (const char *path)
{
  const char *argv[] = { "qemu-img", "info", "-U", "--output=json", path, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  if (!vs_test_spawn (argv, &output, &error))
    g_error ("%s", error->message);

  return output;
}

static gboolean
shows_backing (Fixture  *fx,
               VsVolume *volume)
{
  GtkWidget *column_view = child (volume_list (fx), VS_TYPE_VOLUME_LIST, "column_view");
  GtkWidget *widget = column_view;

  /* Every name cell on screen; the one of @volume. */
  while (widget != NULL)
    {
      if (VS_IS_VOLUME_NAME_CELL (widget) && vs_volume_name_cell_get_volume (VS_VOLUME_NAME_CELL (widget)) == volume)
        {
          for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
            if (GTK_IS_LABEL (c) && gtk_widget_get_visible (c) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (c)), "on "))
              return text_has (gtk_label_get_text (GTK_LABEL (c)), "base.qcow2");
          return FALSE;
        }

      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != column_view && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == column_view ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }

  return FALSE;
}

/* The qcow2 dialog makes an overlay on a base volume of another pool: the
 * capacity follows the base, qemu-img sees the backing file and format,
 * and the list shows the base beside the new volume. */
static void
test_live_create_overlay (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *pool_name = make_pool ("disks");
  g_autofree char *base_pool_name = make_pool ("bases");
  g_autofree char *base_path = pool_file ("bases", "base.qcow2");
  g_autofree char *overlay_path = pool_file ("disks", "overlay.qcow2");
  g_autofree char *info = NULL;
  VsVolumeCreateDialog *dialog;
  GtkWidget *empty;
  GtkWidget *button;
  VsVolume *base;
  VsVolume *overlay;
  VsPool *pool;
  guint64 capacity = 0;

  vs_test_qemu_img_create ("qcow2", base_path, "1G", NULL);
  vs_test_it_virsh_or_die ("pool-refresh", base_pool_name);

  fixture_open (fx, vs_test_it_uri ());
  base = select_volume (fx, show_pool (fx, base_pool_name), "base.qcow2");
  pool = show_pool (fx, pool_name);
  VS_UI_CHECK (fx->window, g_list_model_get_n_items (vs_pool_get_volumes (pool)) == 0);

  /* From the empty pool's own button. */
  empty = gtk_stack_get_child_by_name (child (volume_list (fx), VS_TYPE_VOLUME_LIST, "stack"), "empty");
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (empty));
  for (button = gtk_widget_get_last_child (empty); !GTK_IS_BUTTON (button); button = gtk_widget_get_prev_sibling (button))
    ;
  VS_UI_CHECK (fx->window, g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "volumes.new") == 0);
  g_signal_emit_by_name (button, "clicked");
  dialog = wait_window (fx, VS_TYPE_VOLUME_CREATE_DIALOG);

  set_name (dialog, "overlay.qcow2");
  vs_volume_create_dialog_set_backing (dialog, base);
  VS_UI_WAIT (dialog, vs_volume_create_dialog_get_error (dialog, "backing") == NULL &&
                      gtk_widget_get_mapped (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "backing_picker")));
  VS_UI_CHECK (dialog, vs_size_entry_get_bytes (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "capacity_entry"),
                                                &capacity, NULL));
  VS_UI_CHECK (dialog, capacity == G_GUINT64_CONSTANT (1) << 30);
  /* An overlay cannot be smaller than its base, nor allocate up front. */
  set_capacity (dialog, "512 MiB");
  VS_UI_CHECK (dialog, text_has (vs_volume_create_dialog_get_error (dialog, "capacity"), "smaller than its base"));
  VS_UI_CHECK (dialog, !gtk_widget_get_sensitive (child (dialog, VS_TYPE_VOLUME_CREATE_DIALOG, "full_check")));
  set_capacity (dialog, "2G");
  vs_ui_test_capture (GTK_WIDGET (dialog), "volume-create-overlay");

  VS_UI_CHECK (dialog, vs_volume_create_dialog_create (dialog));
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_CREATE_DIALOG) == NULL);
  VS_UI_WAIT (fx->window, vs_pool_find_volume (pool, "overlay.qcow2") != NULL);
  overlay = vs_pool_find_volume (pool, "overlay.qcow2");
  VS_UI_WAIT (fx->window, only_selected (fx, overlay));
  VS_UI_CHECK (fx->window, g_strcmp0 (vs_volume_get_backing_path (overlay), base_path) == 0);
  VS_UI_WAIT (fx->window, shows_backing (fx, overlay));
  vs_ui_test_capture (GTK_WIDGET (fx->window), "volume-list-overlay");

  info = qemu_img_info (overlay_path);
  g_test_message ("%s", info);
  VS_UI_CHECK (fx->window, strstr (info, "\"format\": \"qcow2\"") != NULL);
  VS_UI_CHECK (fx->window, strstr (info, "\"virtual-size\": 2147483648") != NULL);
  VS_UI_CHECK (fx->window, strstr (info, base_path) != NULL);
  VS_UI_CHECK (fx->window, strstr (info, "\"backing-filename-format\": \"qcow2\"") != NULL);

  fixture_close (fx);
}

static const VsTestItCase live_create_overlay = {
  "/volumes/live/create-overlay", test_live_create_overlay, 120, live_skip_reason, NULL,
};

/* Writes @size bytes of data (no holes) into @path. */
static void
write_file (const char *path,
            gsize       size)
{
  g_autofree char *block = g_malloc (1 << 20);
  int fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  for (gsize i = 0; i < (1 << 20); i++)
    block[i] = (char) (i * 7 + 1);
  for (gsize done = 0; done < size; done += 1 << 20)
    g_assert_cmpint (write (fd, block, 1 << 20), ==, 1 << 20);
  g_assert_cmpint (close (fd), ==, 0);
}

static VsJobRow *
job_row (VsJobsButton *button,
         guint         index)
{
  GtkListBox *list_box = child (button, VS_TYPE_JOBS_BUTTON, "list_box");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, (int) index);

  return row != NULL ? VS_JOB_ROW (gtk_list_box_row_get_child (row)) : NULL;
}

static gboolean
row_mapped (VsJobsButton *button,
            guint         index)
{
  VsJobRow *row = job_row (button, index);

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row));
}

static gboolean
dir_holds_only (const char *dir,
                const char *name)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;
  gboolean only = TRUE;

  while ((entry = g_dir_read_name (handle)) != NULL)
    if (g_strcmp0 (entry, name) != 0)
      {
        g_test_message ("%s holds %s", dir, entry);
        only = FALSE;
      }

  return only;
}

/* A file uploaded as a new volume (what dropping it on the list does):
 * the upload shows in the jobs popover, Cancel there stops it, and neither
 * the volume nor a file of it stays in the pool. Then the same file goes
 * through to the end and the volume holds its bytes. */
static void
test_live_upload_cancel (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *pool_name = make_pool ("pool");
  g_autofree char *pool_dir = g_build_filename (vs_test_it_dir (), "pool", NULL);
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "debian.img", NULL);
  g_autofree char *uploaded = pool_file ("pool", "debian.img");
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *patch = g_build_filename (vs_test_it_dir (), "patch.bin", NULL);
  g_autoptr(GFile) patch_file = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *result = NULL;
  GAsyncResult *second = NULL;
  GAsyncResult *third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;
  GtkWindow *question;
  VsJobsButton *button;
  GListModel *jobs;
  VsJob *job;
  VsPool *pool;

  write_file (source, (gsize) 1 << 30);

  fixture_open (fx, vs_test_it_uri ());
  pool = show_pool (fx, pool_name);
  button = vs_window_get_jobs_button (fx->window);
  jobs = vs_jobs_button_get_jobs (button);

  vs_volume_operations_upload_new_async (GTK_WIDGET (pool_page (fx)), pool, file, NULL,
                                         vs_test_async_cb, &result);
  /* Cancel on the job's row in the popover as soon as it is listed: a
   * gigabyte takes libvirtd about a second here. */
  VS_UI_WAIT (fx->window, g_list_model_get_n_items (jobs) == 1 && job_row (button, 0) != NULL);
  job = vs_job_row_get_job (job_row (button, 0));
  VS_UI_CHECK (fx->window, text_has (vs_job_get_title (job), "debian.img"));
  VS_UI_CHECK (fx->window, vs_job_get_state (job) == VS_JOB_STATE_RUNNING);
  g_signal_emit_by_name (child (job_row (button, 0), VS_TYPE_JOB_ROW, "cancel_button"), "clicked");

  vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS);
  VS_UI_CHECK (fx->window, !vs_volume_operations_finish (result, NULL, &error));
  VS_UI_CHECK (fx->window, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  VS_UI_CHECK (fx->window, vs_job_get_state (job) == VS_JOB_STATE_CANCELLED);
  g_clear_object (&result);

  /* The popover says so; nothing of it stays in the pool. */
  VS_UI_WAIT (fx->window, gtk_widget_get_visible (GTK_WIDGET (button)));
  gtk_menu_button_popup (child (button, VS_TYPE_JOBS_BUTTON, "menu_button"));
  VS_UI_WAIT (fx->window, row_mapped (button, 0));
  VS_UI_WAIT (fx->window, text_has (vs_job_row_get_detail (job_row (button, 0)), "Cancelled"));
  vs_ui_test_capture (GTK_WIDGET (vs_jobs_button_get_popover (button)), "volume-upload-cancelled");
  VS_UI_WAIT (fx->window, pool_ready (pool) && vs_pool_find_volume (pool, "debian.img") == NULL);
  VS_UI_CHECK (fx->window, dir_holds_only (pool_dir, NULL));
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (child (pool_page (fx), VS_TYPE_POOL_PAGE, "error_bar")));

  /* To the end, the second time. */
  g_clear_error (&error);
  vs_volume_operations_upload_new_async (GTK_WIDGET (pool_page (fx)), pool, file, NULL,
                                         vs_test_async_cb, &second);
  vs_test_wait_async (&second, 60000);
  VS_UI_CHECK (fx->window, vs_volume_operations_finish (second, &volume, &error));
  g_assert_no_error (error);
  g_clear_object (&second);
  VS_UI_CHECK (fx->window, g_strcmp0 (vs_volume_get_name (volume), "debian.img") == 0);
  VS_UI_WAIT (fx->window, vs_volume_get_capacity (volume) == G_GUINT64_CONSTANT (1) << 30);
  {
    const char *argv[] = { "cmp", source, uploaded, NULL };

    VS_UI_CHECK (fx->window, vs_test_spawn (argv, NULL, NULL));
  }

  /* Into the volume made: only once the user agreed to lose its data. */
  write_file (patch, 4 << 20);
  patch_file = g_file_new_for_path (patch);
  vs_volume_operations_upload_async (GTK_WIDGET (pool_page (fx)), volume, patch_file, NULL,
                                     vs_test_async_cb, &third);
  VS_UI_WAIT (fx->window, (question = vs_ui_test_find_dialog (GTK_WIDGET (fx->window))) != NULL);
  text = vs_ui_test_dialog_text (question);
  VS_UI_CHECK (question, text_has (text, "Replace the data of “debian.img”?"));
  VS_UI_CHECK (question, text_has (text, "“patch.bin” (4.0\u00a0MiB) is written over the volume"));
  g_signal_emit_by_name (vs_ui_test_dialog_button (question, "_Replace Data"), "clicked");
  vs_test_wait_async (&third, 60000);
  VS_UI_CHECK (fx->window, vs_volume_operations_finish (third, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&third);
  {
    const char *argv[] = { "cmp", "-n", "4194304", patch, uploaded, NULL };

    VS_UI_CHECK (fx->window, vs_test_spawn (argv, NULL, NULL));
  }

  fixture_close (fx);
}

static const VsTestItCase live_upload_cancel = {
  "/volumes/live/upload-cancel", test_live_upload_cancel, 180, live_skip_reason, NULL,
};

static guint64
virsh_capacity (const char *pool,
                const char *volume)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (!vs_test_virsh (vs_test_it_uri (), &output, &error, "vol-info", "--bytes", "--pool", pool, volume, NULL))
    g_error ("%s", error->message);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Capacity:"))
      return g_ascii_strtoull (lines[i] + strlen ("Capacity:"), NULL, 10);

  g_error ("no capacity in: %s", output);
  return 0;
}

/* Growing is plain; shrinking asks first, in the unit chosen, and nothing
 * changes until the user confirms. */
static void
test_live_resize (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *pool_name = make_pool ("pool");
  g_autofree char *path = pool_file ("pool", "grow.qcow2");
  VsVolumeResizeDialog *dialog;
  VsSizeEntry *entry;
  GtkWindow *question;
  g_autofree char *text = NULL;
  VsVolume *volume;
  VsPool *pool;

  vs_test_qemu_img_create ("qcow2", path, "1G", NULL);
  vs_test_it_virsh_or_die ("pool-refresh", pool_name);

  fixture_open (fx, vs_test_it_uri ());
  pool = show_pool (fx, pool_name);
  volume = select_volume (fx, pool, "grow.qcow2");

  activate (fx, "volumes.resize");
  dialog = wait_window (fx, VS_TYPE_VOLUME_RESIZE_DIALOG);
  entry = child (dialog, VS_TYPE_VOLUME_RESIZE_DIALOG, "capacity_entry");
  VS_UI_CHECK (dialog, g_strcmp0 (vs_size_entry_get_text (entry), "1") == 0);
  VS_UI_CHECK (dialog, vs_size_entry_get_unit (entry) == 1);

  /* Grows at once. */
  vs_size_entry_set_text (entry, "2");
  VS_UI_CHECK (dialog, vs_volume_resize_dialog_resize (dialog));
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_RESIZE_DIALOG) == NULL);
  VS_UI_CHECK (fx->window, virsh_capacity (pool_name, "grow.qcow2") == G_GUINT64_CONSTANT (2) << 30);
  VS_UI_WAIT (fx->window, vs_volume_get_capacity (volume) == G_GUINT64_CONSTANT (2) << 30);

  /* Shrinking, in MiB: the question says what is lost, in MiB. */
  activate (fx, "volumes.resize");
  dialog = wait_window (fx, VS_TYPE_VOLUME_RESIZE_DIALOG);
  entry = child (dialog, VS_TYPE_VOLUME_RESIZE_DIALOG, "capacity_entry");
  vs_size_entry_set_unit (entry, 0);
  vs_size_entry_set_text (entry, "1536");
  VS_UI_CHECK (dialog, vs_volume_resize_dialog_get_error (dialog) == NULL);
  VS_UI_CHECK (dialog, vs_volume_resize_dialog_resize (dialog));
  VS_UI_WAIT (dialog, (question = vs_ui_test_find_dialog (GTK_WIDGET (dialog))) != NULL);
  text = vs_ui_test_dialog_text (question);
  g_test_message ("%s", text);
  VS_UI_CHECK (question, text_has (text, "from 2048 MiB to 1536 MiB"));
  VS_UI_CHECK (question, text_has (text, "past 1536 MiB is cut off and lost"));
  vs_ui_test_capture (GTK_WIDGET (question), "volume-resize-shrink-question");

  /* No: nothing changes, the dialog stays as it was. */
  g_signal_emit_by_name (vs_ui_test_dialog_button (question, "_Cancel"), "clicked");
  VS_UI_WAIT (dialog, vs_ui_test_find_dialog (GTK_WIDGET (dialog)) == NULL);
  VS_UI_CHECK (dialog, virsh_capacity (pool_name, "grow.qcow2") == G_GUINT64_CONSTANT (2) << 30);
  VS_UI_CHECK (dialog, gtk_widget_get_visible (GTK_WIDGET (dialog)));
  VS_UI_CHECK (dialog, g_strcmp0 (vs_size_entry_get_text (entry), "1536") == 0);

  /* Yes: shrunk. */
  VS_UI_CHECK (dialog, vs_volume_resize_dialog_resize (dialog));
  VS_UI_WAIT (dialog, (question = vs_ui_test_find_dialog (GTK_WIDGET (dialog))) != NULL);
  g_signal_emit_by_name (vs_ui_test_dialog_button (question, "_Shrink"), "clicked");
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_RESIZE_DIALOG) == NULL);
  VS_UI_CHECK (fx->window, virsh_capacity (pool_name, "grow.qcow2") == G_GUINT64_CONSTANT (1536) << 20);

  fixture_close (fx);
}

static const VsTestItCase live_resize = {
  "/volumes/live/resize", test_live_resize, 120, live_skip_reason, NULL,
};

/* A clone into another pool of the connection: the name proposed, the
 * copy's bytes those of the source. */
static void
test_live_clone (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *pool_name = make_pool ("here");
  g_autofree char *other_name = make_pool ("there");
  g_autofree char *source = g_build_filename (vs_test_it_dir (), "data.bin", NULL);
  g_autofree char *copy = pool_file ("there", "data-clone.img");
  g_autofree char *original = pool_file ("here", "data.img");
  VsVolumeCloneDialog *dialog;
  VsPool *other;
  VsPool *pool;

  write_file (source, 16 << 20);
  if (!vs_test_virsh (vs_test_it_uri (), NULL, NULL, "vol-create-as", pool_name, "data.img", "16M",
                      "--format", "raw", NULL) ||
      !vs_test_virsh (vs_test_it_uri (), NULL, NULL, "vol-upload", "--pool", pool_name, "data.img", source, NULL))
    g_error ("could not make data.img");

  fixture_open (fx, vs_test_it_uri ());
  other = show_pool (fx, other_name);
  pool = show_pool (fx, pool_name);
  select_volume (fx, pool, "data.img");

  activate (fx, "volumes.clone");
  dialog = wait_window (fx, VS_TYPE_VOLUME_CLONE_DIALOG);
  VS_UI_CHECK (dialog, g_strcmp0 (vs_volume_clone_dialog_get_name (dialog), "data-clone.img") == 0);
  /* Taken in this pool by the source itself. */
  vs_volume_clone_dialog_set_name (dialog, "data.img");
  VS_UI_CHECK (dialog, text_has (vs_volume_clone_dialog_get_error (dialog), "already has a volume"));
  VS_UI_CHECK (dialog, !vs_volume_clone_dialog_clone (dialog));
  vs_volume_clone_dialog_set_name (dialog, "data-clone.img");
  VS_UI_CHECK (dialog, vs_volume_clone_dialog_set_pool (dialog, other));
  VS_UI_WAIT (dialog, vs_volume_clone_dialog_get_error (dialog) == NULL);
  vs_ui_test_capture (GTK_WIDGET (dialog), "volume-clone");

  VS_UI_CHECK (dialog, vs_volume_clone_dialog_clone (dialog));
  VS_UI_WAIT (fx->window, vs_pool_find_volume (other, "data-clone.img") != NULL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_window (VS_TYPE_VOLUME_CLONE_DIALOG) == NULL);
  {
    const char *argv[] = { "cmp", original, copy, NULL };

    VS_UI_CHECK (fx->window, vs_test_spawn (argv, NULL, NULL));
  }

  fixture_close (fx);
}

static const VsTestItCase live_clone = {
  "/volumes/live/clone-other-pool", test_live_clone, 120, live_skip_reason, NULL,
};

/* What the file manager does: drops files on the volume list's drop
 * target. */
static void
drop_files (Fixture     *fx,
            const char **paths)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (volume_list (fx)));
  g_autoptr(GSList) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
    }
  VS_UI_CHECK (fx->window, accepted);
}

/* Files dropped on the list become volumes, one a file, each selected
 * once made; one that cannot be read says so above the list. Then Delete
 * with "Wipe before deleting" wipes and deletes one. */
static void
test_live_drop_and_wipe (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *pool_name = make_pool ("pool");
  g_autofree char *image = g_build_filename (vs_test_it_dir (), "cloud.img", NULL);
  g_autofree char *missing = g_build_filename (vs_test_it_dir (), "missing.iso", NULL);
  g_autofree char *text = NULL;
  const char *good[] = { image, NULL };
  const char *bad[] = { missing, NULL };
  VsErrorBar *error_bar;
  GtkWindow *question;
  GtkWidget *option;
  GListModel *jobs;
  gboolean wiped = FALSE;
  VsVolume *volume;
  VsPool *pool;

  write_file (image, 8 << 20);

  fixture_open (fx, vs_test_it_uri ());
  pool = show_pool (fx, pool_name);
  error_bar = child (volume_list (fx), VS_TYPE_VOLUME_LIST, "error_bar");
  jobs = vs_jobs_button_get_jobs (vs_window_get_jobs_button (fx->window));

  drop_files (fx, good);
  VS_UI_WAIT (fx->window, vs_pool_find_volume (pool, "cloud.img") != NULL);
  volume = vs_pool_find_volume (pool, "cloud.img");
  VS_UI_WAIT (fx->window, vs_volume_get_details_loaded (volume) &&
                          vs_volume_get_capacity (volume) == 8 << 20 && !vs_volume_get_busy (volume));
  VS_UI_WAIT (fx->window, only_selected (fx, volume));

  drop_files (fx, bad);
  VS_UI_WAIT (fx->window, vs_error_bar_get_revealed (error_bar));
  g_test_message ("%s / %s", vs_error_bar_get_heading (error_bar), vs_error_bar_get_body (error_bar));
  VS_UI_CHECK (fx->window, text_has (vs_error_bar_get_heading (error_bar), "missing.iso” does not exist"));
  VS_UI_CHECK (fx->window, g_list_model_get_n_items (vs_pool_get_volumes (pool)) == 1);
  vs_ui_test_capture (GTK_WIDGET (fx->window), "volume-drop-error");

  /* Delete, wiping first. */
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (question = vs_ui_test_find_dialog (GTK_WIDGET (fx->window))) != NULL);
  text = vs_ui_test_dialog_text (question);
  VS_UI_CHECK (question, text_has (text, "cloud.img"));
  option = vs_ui_test_find_child (GTK_WIDGET (question), GTK_TYPE_CHECK_BUTTON);
  VS_UI_CHECK (question, option != NULL && !gtk_check_button_get_active (GTK_CHECK_BUTTON (option)));
  VS_UI_CHECK (question, text_has (gtk_check_button_get_label (GTK_CHECK_BUTTON (option)), "Wipe before deleting"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (option), TRUE);
  vs_ui_test_capture (GTK_WIDGET (question), "volume-delete-wipe-question");
  g_signal_emit_by_name (vs_ui_test_dialog_button (question, "_Delete"), "clicked");

  /* The wipe is a job of its own (after the upload's) before the volume
   * goes. */
  VS_UI_WAIT (fx->window, g_list_model_get_n_items (jobs) == 2);
  VS_UI_WAIT (fx->window, vs_pool_find_volume (pool, "cloud.img") == NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(VsJob) job = g_list_model_get_item (jobs, i);

      g_test_message ("job “%s”", vs_job_get_title (job));
      VS_UI_CHECK (fx->window, vs_job_get_state (job) == VS_JOB_STATE_SUCCEEDED);
      if (g_str_has_prefix (vs_job_get_title (job), "Wiping"))
        wiped = TRUE;
    }
  VS_UI_CHECK (fx->window, wiped);

  fixture_close (fx);
}

static const VsTestItCase live_drop_and_wipe = {
  "/volumes/live/drop-and-wipe", test_live_drop_and_wipe, 120, live_skip_reason, NULL,
};

/* main ------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  vs_ui_test_init (&argc, &argv);

  g_test_add_func ("/volumes/create/checks", test_create_checks);
  g_test_add_func ("/volumes/create/keyboard", test_create_keyboard);
  vs_test_it_add (&live_create_overlay);
  vs_test_it_add (&live_upload_cancel);
  vs_test_it_add (&live_resize);
  vs_test_it_add (&live_clone);
  vs_test_it_add (&live_drop_and_wipe);

  return g_test_run ();
}
