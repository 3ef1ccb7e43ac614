/* test-pool-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pool-page"

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-format.h"
#include "vs-error-bar.h"
#include "vs-pool-definition-view.h"
#include "vs-pool-page.h"
#include "vs-pool-type-facts.h"
#include "vs-pool-usage.h"
#include "vs-test-utils.h"
#include "vs-ui-test.h"
#include "vs-volume-list.h"
#include "vs-volume-name-cell.h"
#include "vs-volume-rows.h"

/* Drives a VsPoolPage in a real GtkWindow: the test driver's node file
 * pool-page.xml (each connection gets its own copy), test:///default
 * (shared by every connection of this process, so a libvirt connection of
 * the test's own can change it "from outside"), and a real libvirtd for the
 * /pool-page/live/ cases. */

typedef struct
{
  const char *uri;     /* NULL: pool-page.xml */
  int         width;
  int         height;
} FixtureData;

typedef struct
{
  GtkWidget    *window;
  VsPoolPage   *page;
  VsVolumeList *list;
  VsConnection *connection;
  VsPool       *pool;
} Fixture;

static const FixtureData node_data = { NULL, 1024, 768 };
static const FixtureData narrow_data = { NULL, 500, 700 };
static const FixtureData default_data = { "test:///default", 1024, 768 };

/* Widget access ---------------------------------------------------------- */

static gpointer
page_child (Fixture    *fx,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fx->page), VS_TYPE_POOL_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gpointer
list_child (Fixture    *fx,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fx->list), VS_TYPE_VOLUME_LIST, name);

  g_assert_nonnull (child);
  return child;
}

/* Columns by their (English) titles. */
static GtkColumnViewColumn *
column (Fixture    *fx,
        const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (list_child (fx, "column_view"));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (col), title) == 0)
        return col;
    }

  g_error ("no column “%s”", title);
  return NULL;
}

/* A label's text with GLib's no-break spaces made plain. */
static char *
label_text (gpointer label)
{
  g_autoptr(GString) text = g_string_new (gtk_label_get_text (GTK_LABEL (label)));

  g_string_replace (text, "\u00a0", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
label_is (gpointer    label,
          const char *expected)
{
  g_autofree char *text = label_text (label);

  if (g_strcmp0 (text, expected) == 0)
    return TRUE;

  g_test_message ("label says “%s”, expected “%s”", text, expected);
  return FALSE;
}

static gboolean
label_has (gpointer    label,
           const char *part)
{
  g_autofree char *text = label_text (label);

  if (strstr (text, part) != NULL)
    return TRUE;

  g_test_message ("label says “%s”, expected it to contain “%s”", text, part);
  return FALSE;
}

static gboolean
stack_shows (gpointer    stack,
             const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), name) == 0;
}

/* The rows the view shows: VsVolumeSlots. */
static GListModel *
sorted (Fixture *fx)
{
  return G_LIST_MODEL (list_child (fx, "rows"));
}

static GtkSelectionModel *
selection (Fixture *fx)
{
  return GTK_SELECTION_MODEL (list_child (fx, "selection"));
}

static gboolean
models_settled (Fixture *fx)
{
  return !vs_volume_list_get_updating (fx->list);
}

static gboolean
pool_idle (VsPool *pool)
{
  return !vs_pool_get_busy (pool) && !vs_pool_get_loading (pool);
}

static gboolean
list_ready (Fixture *fx)
{
  return fx->pool != NULL &&
         (!vs_pool_get_active (fx->pool) || vs_pool_get_volumes_loaded (fx->pool)) &&
         pool_idle (fx->pool) &&
         models_settled (fx);
}

static guint
n_shown (Fixture *fx)
{
  return g_list_model_get_n_items (sorted (fx));
}

static VsVolume *
shown_volume (Fixture *fx,
              guint    position)
{
  return vs_volume_rows_get_volume (VS_VOLUME_ROWS (sorted (fx)), position);
}

static guint
position_of (Fixture    *fx,
             const char *name)
{
  guint n = n_shown (fx);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (vs_volume_get_name (shown_volume (fx, i)), name) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
action_enabled (Fixture    *fx,
                const char *action)
{
  return vs_ui_test_action_enabled (GTK_WIDGET (fx->page), action);
}

/* A template child of the page's usage card or of its type facts. */
static gpointer
usage_child (Fixture    *fx,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (page_child (fx, "usage"), VS_TYPE_POOL_USAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gpointer
facts_child (Fixture    *fx,
             const char *facts,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (page_child (fx, facts), VS_TYPE_POOL_TYPE_FACTS, name);

  g_assert_nonnull (child);
  return child;
}

/* What the pool menu says about its greyed-out items. */
static gboolean
menu_note_is (Fixture    *fx,
              const char *expected)
{
  return gtk_widget_get_visible (page_child (fx, "menu_note")) && label_is (page_child (fx, "menu_note"), expected);
}

static gboolean
tooltip_is (Fixture    *fx,
            const char *button,
            const char *expected)
{
  const char *tooltip = gtk_widget_get_tooltip_text (page_child (fx, button));

  if (g_strcmp0 (tooltip, expected) == 0)
    return TRUE;

  g_test_message ("%s's tooltip says “%s”, expected “%s”", button, tooltip, expected);
  return FALSE;
}

/* As the keyboard would: GtkListView's own action, which moves its anchor. */
static void
scroll_to (Fixture *fx,
           guint    position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list_child (fx, "column_view"));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        VS_UI_CHECK (fx->window, gtk_widget_activate_action (child, "list.scroll-to-item", "u", position));
        return;
      }

  g_error ("GtkColumnView has no GtkListView inside");
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Fixture ---------------------------------------------------------------- */

static void
fixture_open (Fixture           *fx,
              const FixtureData *data,
              const char        *uri)
{
  fx->connection = vs_test_connection_open (uri, FALSE);

  fx->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fx->window), g_test_get_path ());
  gtk_window_set_default_size (GTK_WINDOW (fx->window), data->width, data->height);
  fx->page = VS_POOL_PAGE (vs_pool_page_new ());
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->page));
  fx->list = VS_VOLUME_LIST (gtk_widget_get_template_child (GTK_WIDGET (fx->page),
                                                            VS_TYPE_POOL_PAGE, "volume_list"));

  gtk_window_present (GTK_WINDOW (fx->window));
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (fx->window) && gtk_widget_get_width (fx->window) > 0);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  user_data)
{
  const FixtureData *data = user_data;
  g_autofree char *uri = data->uri != NULL ? g_strdup (data->uri) : vs_ui_test_node_uri ("pool-page.xml");

  fixture_open (fx, data, uri);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  user_data)
{
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fx->window)));
  fx->pool = NULL;
  if (fx->connection != NULL)
    vs_connection_close (fx->connection);
  g_clear_object (&fx->connection);
  vs_ui_test_spin (50);
}

static void
show_pool (Fixture    *fx,
           const char *name)
{
  VsPool *pool = vs_connection_find_pool (fx->connection, name);

  if (pool == NULL)
    g_error ("no pool “%s”", name);

  fx->pool = pool;
  vs_pool_page_set_pool (fx->page, pool);
  VS_UI_CHECK (fx->window, vs_pool_page_get_pool (fx->page) == pool);
  VS_UI_CHECK (fx->window, vs_volume_list_get_pool (fx->list) == pool);
  VS_UI_WAIT (fx->window, list_ready (fx));
}

static void
activate (Fixture    *fx,
          const char *action)
{
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (fx->page), action, NULL));
}

static void
select_only (Fixture    *fx,
             const char *name)
{
  guint position = position_of (fx, name);

  VS_UI_CHECK (fx->window, position != GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (selection (fx), position, TRUE);
}

/* Showing pools ------------------------------------------------------------ */

static void
test_select_pool (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(VsVolume) first = NULL;
  const char * const *used_by;
  VsVolume *volume;

  show_pool (fx, "images");

  VS_UI_CHECK (fx->window, label_is (page_child (fx, "name_label"), "images"));
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "state_label"), "Active"));
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "type_label"), "Directory (dir)"));
  VS_UI_CHECK (fx->window, label_has (facts_child (fx, "facts_summary", "summary_label"), "Filesystem"));
  VS_UI_CHECK (fx->window, label_has (facts_child (fx, "facts_summary", "summary_label"), "With qcow2"));
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "path_label"), "/vs-gui/images"));
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "capacity_label"), "100.0 GiB"));
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "allocation_label"), "71.1 GiB"));
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "available_label"), "28.9 GiB"));

  /* 191.3 GiB of volumes in a 100 GiB pool: overcommitted, and said so. */
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "overcommit_label"), "191.3 GiB · 191%"));
  VS_UI_CHECK (fx->window, gtk_widget_has_css_class (usage_child (fx, "overcommit_label"), "warning"));
  VS_UI_CHECK (fx->window, gtk_widget_get_visible (usage_child (fx, "overcommit_icon")));

  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "volumes_stack"), "list"));
  VS_UI_CHECK (fx->window, stack_shows (list_child (fx, "stack"), "list"));
  VS_UI_CHECK (fx->window, n_shown (fx) == 36);
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "36 volumes"));
  VS_UI_CHECK (fx->window, !gtk_widget_get_visible (list_child (fx, "details_label")));

  /* Sorted by name at first, and scrolled to the top. */
  first = g_object_ref (shown_volume (fx, 0));
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (first), "disk-00.qcow2"));
  VS_UI_WAIT (fx->window, gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (list_child (fx, "scrolled_window"))) == 0);

  /* Every volume's details are in. */
  for (guint i = 0; i < n_shown (fx); i++)
    VS_UI_CHECK (fx->window, vs_volume_get_details_loaded (shown_volume (fx, i)));

  /* "Used by" names the domains, from their XML. */
  volume = shown_volume (fx, position_of (fx, "disk-02.qcow2"));
  used_by = vs_volume_get_used_by (volume);
  VS_UI_CHECK (fx->window, used_by != NULL && g_strv_length ((char **) used_by) == 2);
  VS_UI_CHECK (fx->window, g_strv_contains (used_by, "web-server") && g_strv_contains (used_by, "database"));

  /* What can and cannot be done, and why. */
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.start"));
  VS_UI_CHECK (fx->window, tooltip_is (fx, "start_button", "The pool is already running"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.stop"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.refresh"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.build"));
  VS_UI_CHECK (fx->window, menu_note_is (fx, "Stop the pool to build it, delete its storage or undefine it."));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.delete"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.undefine"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.copy-path"));
  VS_UI_CHECK (fx->window, gtk_widget_get_sensitive (page_child (fx, "autostart_switch")));
  vs_ui_test_capture (fx->window, "pool-page-images");

  /* The type's facts, folded away until asked for; the rare and
   * destructive actions in a menu that says why they are greyed out. */
  VS_UI_CHECK (fx->window, !gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (page_child (fx, "facts_summary")))));
  gtk_toggle_button_set_active (page_child (fx, "facts_button"), TRUE);
  VS_UI_CHECK (fx->window, gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (page_child (fx, "facts_summary")))));
  gtk_menu_button_popup (page_child (fx, "more_button"));
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (page_child (fx, "menu_note")));
  vs_ui_test_capture (fx->window, "pool-page-facts-and-menu");
  gtk_menu_button_popdown (page_child (fx, "more_button"));
  gtk_toggle_button_set_active (page_child (fx, "facts_button"), FALSE);

  /* An empty pool says so, and what to do. */
  show_pool (fx, "empty");
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "name_label"), "empty"));
  VS_UI_CHECK (fx->window, stack_shows (list_child (fx, "stack"), "empty"));
  VS_UI_CHECK (fx->window, n_shown (fx) == 0);
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "overcommit_label"), "0 bytes · 0%"));
  VS_UI_CHECK (fx->window, !gtk_widget_has_css_class (usage_child (fx, "overcommit_label"), "warning"));
  vs_ui_test_capture (fx->window, "pool-page-empty");

  /* A long name wraps instead of widening the window. */
  show_pool (fx, "a-pool-with-a-rather-long-name-for-the-virtual-machines-of-the-storage-course-2026");
  VS_UI_CHECK (fx->window, n_shown (fx) == 1);
  VS_UI_CHECK (fx->window, gtk_widget_get_width (fx->window) <= 1024);
  vs_ui_test_capture (fx->window, "pool-page-long-name");

  /* Another pool type, another explanation. */
  show_pool (fx, "vg-fast");
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "type_label"), "LVM volume group (logical)"));
  VS_UI_CHECK (fx->window, label_has (facts_child (fx, "facts_summary", "summary_label"), "Block (LVM volume group)"));
  VS_UI_CHECK (fx->window, label_has (facts_child (fx, "type_facts", "thin_label"), "With LVM thin"));
  VS_UI_CHECK (fx->window, n_shown (fx) == 1);

  /* No pool: nothing to act on. */
  vs_pool_page_set_pool (fx->page, NULL);
  fx->pool = NULL;
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.stop"));
  VS_UI_CHECK (fx->window, tooltip_is (fx, "stop_button", "No pool is selected"));
}

/* Sorting ---------------------------------------------------------------- */

typedef enum { KEY_STRING, KEY_NUMBER } KeyKind;

static char *
volume_string (VsVolume   *volume,
               const char *column)
{
  if (g_str_equal (column, "Name"))
    return g_strdup (vs_volume_get_name (volume));
  if (g_str_equal (column, "Format"))
    return g_strdup (vs_volume_get_format (volume));
  if (g_str_equal (column, "Path"))
    return g_strdup (vs_volume_get_path (volume));
  if (g_str_equal (column, "Used by"))
    {
      const char * const *used_by = vs_volume_get_used_by (volume);

      return used_by != NULL && used_by[0] != NULL ? g_strjoinv (", ", (char **) used_by) : NULL;
    }

  g_assert_not_reached ();
}

static guint64
volume_number (VsVolume   *volume,
               const char *column)
{
  if (g_str_equal (column, "Capacity"))
    return vs_volume_get_capacity (volume);
  if (g_str_equal (column, "Allocation"))
    return vs_volume_get_allocation (volume);

  g_assert_not_reached ();
}

/* <0, 0, >0 as a ascending sort by @column would order @a and @b; a
 * missing string (no domain uses the volume) counts as empty. */
static int
compare_volumes (VsVolume   *a,
                 VsVolume   *b,
                 const char *column,
                 KeyKind     kind)
{
  if (kind == KEY_NUMBER)
    {
      guint64 x = volume_number (a, column), y = volume_number (b, column);

      return x < y ? -1 : x > y;
    }
  else
    {
      g_autofree char *x = volume_string (a, column);
      g_autofree char *y = volume_string (b, column);
      g_autofree char *fx = g_utf8_casefold (x != NULL ? x : "", -1);
      g_autofree char *fy = g_utf8_casefold (y != NULL ? y : "", -1);

      return g_utf8_collate (fx, fy);
    }
}

static gboolean
check_order (Fixture     *fx,
             const char  *column,
             KeyKind      kind,
             GtkSortType  order)
{
  guint n = n_shown (fx);

  for (guint i = 1; i < n; i++)
    {
      VsVolume *a = shown_volume (fx, i - 1);
      VsVolume *b = shown_volume (fx, i);
      int cmp = compare_volumes (a, b, column, kind);

      if (order == GTK_SORT_DESCENDING)
        cmp = -cmp;

      if (cmp > 0)
        {
          g_test_message ("sorting by %s (%s): “%s” comes before “%s”", column,
                          order == GTK_SORT_ASCENDING ? "ascending" : "descending",
                          vs_volume_get_name (a), vs_volume_get_name (b));
          return FALSE;
        }
    }

  return TRUE;
}

/* The first inscription in a cell whose text starts with @text under
 * @widget. */
static GtkInscription *
find_inscription (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL &&
      g_str_has_prefix (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text))
    return GTK_INSCRIPTION (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkInscription *found = find_inscription (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether @inscription offers its text as a tooltip. */
static gboolean
offers_tooltip (GtkInscription *inscription)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (inscription, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

static void
test_sort (Fixture       *fx,
           gconstpointer  data)
{
  struct { const char *column; KeyKind kind; } columns[] = {
    { "Name", KEY_STRING },
    { "Format", KEY_STRING },
    { "Capacity", KEY_NUMBER },
    { "Allocation", KEY_NUMBER },
    { "Path", KEY_STRING },
    { "Used by", KEY_STRING },
  };
  GtkColumnView *view;

  show_pool (fx, "images");
  view = list_child (fx, "column_view");

  /* A list of users cut short offers itself whole as a tooltip; a format
   * that fits does not. */
  VS_UI_WAIT (fx->window, find_inscription (GTK_WIDGET (view), "database, ") != NULL &&
                          gtk_widget_get_width (GTK_WIDGET (find_inscription (GTK_WIDGET (view), "database, "))) > 0);
  VS_UI_CHECK (fx->window, offers_tooltip (find_inscription (GTK_WIDGET (view), "database, ")));
  VS_UI_CHECK (fx->window, !offers_tooltip (find_inscription (GTK_WIDGET (view), "qcow2")));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkColumnViewColumn *col = column (fx, columns[i].column);

      VS_UI_CHECK (fx->window, gtk_column_view_column_get_sorter (col) != NULL);

      gtk_column_view_sort_by_column (view, col, GTK_SORT_ASCENDING);
      VS_UI_WAIT (fx->window, models_settled (fx));
      VS_UI_CHECK (fx->window, n_shown (fx) == 36);
      VS_UI_CHECK (fx->window, check_order (fx, columns[i].column, columns[i].kind, GTK_SORT_ASCENDING));

      gtk_column_view_sort_by_column (view, col, GTK_SORT_DESCENDING);
      VS_UI_WAIT (fx->window, models_settled (fx));
      VS_UI_CHECK (fx->window, check_order (fx, columns[i].column, columns[i].kind, GTK_SORT_DESCENDING));
    }

  /* Sorted by capacity, the largest first. */
  gtk_column_view_sort_by_column (view, column (fx, "Capacity"), GTK_SORT_DESCENDING);
  VS_UI_WAIT (fx->window, models_settled (fx));
  VS_UI_CHECK (fx->window, vs_volume_get_capacity (shown_volume (fx, 0)) == G_GUINT64_CONSTANT (15032385536));
  vs_ui_test_capture (fx->window, "pool-page-sorted-by-capacity");
}

/* Filtering -------------------------------------------------------------- */

static guint
count_matching (Fixture    *fx,
                const char *text)
{
  GListModel *volumes = vs_pool_get_volumes (fx->pool);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      g_autofree char *name = g_utf8_casefold (vs_volume_get_name (volume), -1);
      g_autofree char *path = g_utf8_casefold (vs_volume_get_path (volume), -1);

      if (strstr (name, needle) != NULL || strstr (path, needle) != NULL)
        n++;
    }

  return n;
}

static void
search_for (Fixture    *fx,
            const char *text,
            guint       expected)
{
  gtk_editable_set_text (list_child (fx, "search_entry"), text);
  /* Without GtkSearchEntry's typing delay. */
  g_signal_emit_by_name (list_child (fx, "search_entry"), "search-changed");
  VS_UI_WAIT (fx->window, models_settled (fx) && n_shown (fx) == expected);
}

static void
test_filter (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *focus;

  show_pool (fx, "images");
  entry = list_child (fx, "search_entry");

  /* Ctrl+F's action shows the search field and puts the cursor in it. */
  VS_UI_CHECK (fx->window, !gtk_search_bar_get_search_mode (list_child (fx, "search_bar")));
  activate (fx, "volumes.search");
  VS_UI_CHECK (fx->window, gtk_search_bar_get_search_mode (list_child (fx, "search_bar")));
  VS_UI_WAIT (fx->window, (focus = gtk_root_get_focus (GTK_ROOT (fx->window))) != NULL &&
        (focus == entry || gtk_widget_is_ancestor (focus, entry)));

  /* By name. */
  VS_UI_CHECK (fx->window, count_matching (fx, "qcow2") == 14);
  search_for (fx, "qcow2", 14);
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "14 of 36 volumes"));
  vs_ui_test_capture (fx->window, "pool-page-search");

  /* By path, whatever the case. */
  VS_UI_CHECK (fx->window, count_matching (fx, "VS-GUI/IMAGES/DISK-1") == 10);
  search_for (fx, "VS-GUI/IMAGES/DISK-1", 10);
  for (guint i = 0; i < n_shown (fx); i++)
    VS_UI_CHECK (fx->window, g_str_has_prefix (vs_volume_get_name (shown_volume (fx, i)), "disk-1"));

  /* Nothing: said so, not an empty list. */
  search_for (fx, "no-such-volume", 0);
  VS_UI_WAIT (fx->window, stack_shows (list_child (fx, "stack"), "no-results"));
  VS_UI_CHECK (fx->window, label_has (list_child (fx, "no_results_label"), "no-such-volume"));

  /* Escape clears the search and shows everything again. */
  g_signal_emit_by_name (entry, "stop-search");
  VS_UI_WAIT (fx->window, models_settled (fx) && n_shown (fx) == 36);
  VS_UI_CHECK (fx->window, !gtk_search_bar_get_search_mode (list_child (fx, "search_bar")));
  VS_UI_CHECK (fx->window, stack_shows (list_child (fx, "stack"), "list"));
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "36 volumes"));

  /* Filtering and sorting together. */
  activate (fx, "volumes.search");
  gtk_column_view_sort_by_column (list_child (fx, "column_view"),
                                  column (fx, "Allocation"), GTK_SORT_ASCENDING);
  search_for (fx, ".img", count_matching (fx, ".img"));
  VS_UI_CHECK (fx->window, check_order (fx, "Allocation", KEY_NUMBER, GTK_SORT_ASCENDING));
}

/* Start and stop ----------------------------------------------------------- */

static void
test_start_stop (Fixture       *fx,
                 gconstpointer  data)
{
  VsVolume *volume;

  show_pool (fx, "spare");
  VS_UI_CHECK (fx->window, n_shown (fx) == 1);
  volume = shown_volume (fx, 0);
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (volume), "old.qcow2"));

  activate (fx, "pool.stop");
  VS_UI_WAIT (fx->window, vs_pool_get_state (fx->pool) == VS_POOL_STATE_INACTIVE && pool_idle (fx->pool));
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "state_label"), "Inactive"));
  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "volumes_stack"), "inactive"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.start"));
  VS_UI_CHECK (fx->window, gtk_widget_get_sensitive (page_child (fx, "inactive_start_button")));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.stop"));
  VS_UI_CHECK (fx->window, tooltip_is (fx, "stop_button", "The pool is not running"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.refresh"));
  VS_UI_CHECK (fx->window, tooltip_is (fx, "refresh_button", "Start the pool first"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.build"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.delete"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.undefine"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "volumes.search"));
  VS_UI_CHECK (fx->window, label_is (usage_child (fx, "capacity_label"), "—"));
  vs_ui_test_capture (fx->window, "pool-page-inactive");

  activate (fx, "pool.start");
  VS_UI_WAIT (fx->window, vs_pool_get_state (fx->pool) == VS_POOL_STATE_RUNNING && list_ready (fx) && n_shown (fx) == 1);
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "state_label"), "Active"));
  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "volumes_stack"), "list"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.start"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.stop"));
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (shown_volume (fx, 0)), "old.qcow2"));

  /* F5's action works on a running pool. */
  activate (fx, "pool.refresh");
  VS_UI_WAIT (fx->window, list_ready (fx));
  VS_UI_CHECK (fx->window, n_shown (fx) == 1);
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (page_child (fx, "error_bar")));
}

/* Changes from outside ----------------------------------------------------- */

static void
create_volume (virStoragePoolPtr  pool,
               const char        *name,
               guint64            capacity)
{
  g_autofree char *xml = g_markup_printf_escaped ("<volume><name>%s</name>"
                                                  "<capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>"
                                                  "<allocation unit='bytes'>0</allocation>"
                                                  "<target><format type='qcow2'/></target></volume>",
                                                  name, capacity);
  virStorageVolPtr vol = virStorageVolCreateXML (pool, xml, 0);

  if (vol == NULL)
    g_error ("could not create %s: %s", name, virGetLastErrorMessage ());
  virStorageVolFree (vol);
}

static void
delete_test_volumes (virStoragePoolPtr pool)
{
  virStorageVolPtr *vols = NULL;
  int n = virStoragePoolListAllVolumes (pool, &vols, 0);

  for (int i = 0; i < n; i++)
    {
      if (g_str_has_prefix (virStorageVolGetName (vols[i]), "vs-gui-"))
        virStorageVolDelete (vols[i], 0);
      virStorageVolFree (vols[i]);
    }
  free (vols);
}

static void
test_external_change (Fixture       *fx,
                      gconstpointer  data)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  GtkAdjustment *vadjustment;
  g_autoptr(GPtrArray) selected = NULL;
  VsVolume *chosen;
  double scrolled;

  g_assert_nonnull (pool);
  delete_test_volumes (pool);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("vs-gui-%02u.qcow2", i * 2);

      create_volume (pool, name, (guint64) (i + 1) << 30);
    }
  virStoragePoolRefresh (pool, 0);

  show_pool (fx, "default-pool");
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 60);

  /* Scroll into the middle and pick a volume there. */
  vadjustment = gtk_scrolled_window_get_vadjustment (list_child (fx, "scrolled_window"));
  VS_UI_WAIT (fx->window, gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment) + 600);
  /* The page scrolls a freshly shown list to its top once the first sort
   * is done, from an idle: ask again until our scroll is the last word. */
  VS_UI_WAIT (fx->window, (scroll_to (fx, 30), gtk_adjustment_get_value (vadjustment) > 300));
  vs_ui_test_spin (100);
  scrolled = gtk_adjustment_get_value (vadjustment);
  select_only (fx, "vs-gui-60.qcow2");
  chosen = shown_volume (fx, position_of (fx, "vs-gui-60.qcow2"));
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 1);

  /* Another client adds volumes (one sorting before the chosen one) and
   * refreshes the pool: the list follows with no click, keeps its objects,
   * its selection and its scroll position. */
  create_volume (pool, "vs-gui-01.qcow2", 1 << 20);
  create_volume (pool, "vs-gui-99.qcow2", 1 << 20);
  VS_UI_CHECK (fx->window, virStoragePoolRefresh (pool, 0) == 0);
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 62);

  VS_UI_CHECK (fx->window, shown_volume (fx, position_of (fx, "vs-gui-60.qcow2")) == chosen);
  selected = vs_volume_list_get_selected (fx->list);
  VS_UI_CHECK (fx->window, selected->len == 1 && g_ptr_array_index (selected, 0) == chosen);
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 1);
  /* The row added above the view moves nothing the user sees by more
   * than that row. */
  VS_UI_CHECK (fx->window, ABS (gtk_adjustment_get_value (vadjustment) - scrolled) <= 64);
  vs_ui_test_capture (fx->window, "pool-page-external-change");

  /* A volume removed from outside leaves, the rest stays. */
  {
    virStorageVolPtr vol = virStorageVolLookupByName (pool, "vs-gui-01.qcow2");

    VS_UI_CHECK (fx->window, vol != NULL && virStorageVolDelete (vol, 0) == 0);
    virStorageVolFree (vol);
  }
  VS_UI_CHECK (fx->window, virStoragePoolRefresh (pool, 0) == 0);
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 61);
  VS_UI_CHECK (fx->window, position_of (fx, "vs-gui-01.qcow2") == GTK_INVALID_LIST_POSITION);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = vs_volume_list_get_selected (fx->list);
  VS_UI_CHECK (fx->window, selected->len == 1 && g_ptr_array_index (selected, 0) == chosen);

  delete_test_volumes (pool);
  virStoragePoolRefresh (pool, 0);
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 0);
  VS_UI_CHECK (fx->window, stack_shows (list_child (fx, "stack"), "empty"));

  virStoragePoolFree (pool);
  virConnectClose (conn);
}

/* A transient pool (no definition) cannot start at boot nor be undefined. */
static void
test_transient_pool (Fixture       *fx,
                     gconstpointer  data)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  virStoragePoolPtr pool;

  pool = virStoragePoolCreateXML (conn,
                                  "<pool type='dir'><name>vs-gui-transient</name>"
                                  "<target><path>/vs-gui-transient</path></target></pool>", 0);
  g_assert_nonnull (pool);
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, "vs-gui-transient") != NULL);

  show_pool (fx, "vs-gui-transient");
  VS_UI_CHECK (fx->window, !gtk_widget_get_sensitive (page_child (fx, "autostart_switch")));
  VS_UI_CHECK (fx->window, g_str_has_prefix (gtk_widget_get_tooltip_text (page_child (fx, "autostart_box")),
                           "A transient pool"));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "pool.undefine"));
  VS_UI_CHECK (fx->window, menu_note_is (fx, "Stop the pool to build it or delete its storage. A transient pool disappears once stopped."));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.stop"));

  /* Asked anyway (the switch is greyed out): libvirt refuses, the page
   * says so in place; the next operation that works takes it away. */
  gtk_switch_set_active (page_child (fx, "autostart_switch"), TRUE);
  VS_UI_WAIT (fx->window, vs_error_bar_get_revealed (page_child (fx, "error_bar")) && pool_idle (fx->pool));
  g_test_message ("%s / %s", vs_error_bar_get_heading (page_child (fx, "error_bar")),
                  vs_error_bar_get_detail (page_child (fx, "error_bar")));
  VS_UI_CHECK (fx->window, !gtk_switch_get_active (page_child (fx, "autostart_switch")));
  vs_ui_test_capture (fx->window, "pool-page-error");
  activate (fx, "pool.refresh");
  VS_UI_WAIT (fx->window, !vs_error_bar_get_revealed (page_child (fx, "error_bar")));

  virStoragePoolDestroy (pool);
  virStoragePoolFree (pool);
  virConnectClose (conn);
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, "vs-gui-transient") == NULL);
}

/* Volume actions ----------------------------------------------------------- */

static gboolean
has_destructive_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "destructive-action"))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_destructive_button (child))
      return TRUE;

  return FALSE;
}

static void
test_delete_volumes (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWindow *dialog;
  g_autofree char *text = NULL;

  show_pool (fx, "images");

  /* Nothing selected: nothing to delete. */
  gtk_selection_model_unselect_all (selection (fx));
  VS_UI_CHECK (fx->window, !gtk_widget_activate_action (GTK_WIDGET (fx->page), "volumes.delete", NULL) ||
         vs_ui_test_find_dialog (fx->window) == NULL);

  select_only (fx, "disk-01.img");
  gtk_selection_model_select_item (selection (fx), position_of (fx, "disk-03.vmdk"), FALSE);
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 2);
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "36 volumes · 2 selected"));

  /* Declining deletes nothing. */
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  text = vs_ui_test_dialog_text (dialog);
  VS_UI_CHECK (fx->window, strstr (text, "Delete 2 volumes?") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "disk-01.img") != NULL && strstr (text, "disk-03.vmdk") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "cannot be undone") != NULL);
  vs_ui_test_capture (fx->window, "pool-page-delete-confirmation");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL);
  vs_ui_test_spin (100);
  VS_UI_CHECK (fx->window, n_shown (fx) == 36);

  /* Confirming deletes exactly those. */
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 34);
  VS_UI_CHECK (fx->window, position_of (fx, "disk-01.img") == GTK_INVALID_LIST_POSITION);
  VS_UI_CHECK (fx->window, position_of (fx, "disk-03.vmdk") == GTK_INVALID_LIST_POSITION);
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (list_child (fx, "error_bar")));
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 0);

  /* A volume a virtual machine uses cannot be deleted: the app says so and
   * why, and offers nothing destructive to press. */
  select_only (fx, "disk-00.qcow2");
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  g_free (text);
  text = vs_ui_test_dialog_text (dialog);
  g_test_message ("%s", text);
  VS_UI_CHECK (fx->window, strstr (text, "The volume “disk-00.qcow2” cannot be deleted") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "disk-00.qcow2 — used by web-server") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "Virt Storage does not delete a volume that a virtual machine uses") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "Delete the volume") == NULL);
  VS_UI_CHECK (fx->window, vs_ui_test_dialog_button (dialog, "_Delete") == NULL);
  VS_UI_CHECK (fx->window, !has_destructive_button (GTK_WIDGET (dialog)));
  VS_UI_CHECK (fx->window, g_str_equal (gtk_window_get_title (dialog), "The volume “disk-00.qcow2” cannot be deleted"));
  vs_ui_test_capture (GTK_WIDGET (dialog), "pool-page-delete-in-use");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL);

  /* Several in use, plural. */
  gtk_selection_model_select_item (selection (fx), position_of (fx, "disk-02.qcow2"), FALSE);
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  g_free (text);
  text = vs_ui_test_dialog_text (dialog);
  VS_UI_CHECK (fx->window, strstr (text, "None of the 2 selected volumes can be deleted") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "Virtual machines use these volumes") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "disk-02.qcow2 — used by") != NULL);
  VS_UI_CHECK (fx->window, !has_destructive_button (GTK_WIDGET (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL);

  /* Some in use, some not: only the others go, and the question says
   * which stay and why. */
  select_only (fx, "disk-00.qcow2");
  gtk_selection_model_select_item (selection (fx), position_of (fx, "disk-04.qcow2"), FALSE);
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  g_free (text);
  text = vs_ui_test_dialog_text (dialog);
  g_test_message ("%s", text);
  VS_UI_CHECK (fx->window, strstr (text, "Delete the volume “disk-04.qcow2”?") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "Virt Storage keeps this one, because a virtual machine uses it") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "disk-00.qcow2 — used by web-server") != NULL);
  VS_UI_CHECK (fx->window, vs_ui_test_dialog_button (dialog, "_Delete 1 Volume") != NULL);
  vs_ui_test_capture (GTK_WIDGET (dialog), "pool-page-delete-some-in-use");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, list_ready (fx) && position_of (fx, "disk-04.qcow2") == GTK_INVALID_LIST_POSITION);
  VS_UI_CHECK (fx->window, position_of (fx, "disk-00.qcow2") != GTK_INVALID_LIST_POSITION);
  VS_UI_CHECK (fx->window, n_shown (fx) == 33);
}

/* A delete that fails shows in place, with libvirt's words apart; a new
 * selection takes the message away. */
static void
test_delete_error (Fixture       *fx,
                   gconstpointer  data)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  VsErrorBar *bar;
  GtkWindow *dialog;

  g_assert_nonnull (pool);
  delete_test_volumes (pool);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("vs-gui-%02u.qcow2", i);

      create_volume (pool, name, 1 << 20);
    }
  virStoragePoolRefresh (pool, 0);
  show_pool (fx, "default-pool");
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 4);
  bar = list_child (fx, "error_bar");

  /* Gone behind the list's back (libvirt has no volume events). */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("vs-gui-%02u.qcow2", i);
      virStorageVolPtr vol = virStorageVolLookupByName (pool, name);

      VS_UI_CHECK (fx->window, vol != NULL && virStorageVolDelete (vol, 0) == 0);
      virStorageVolFree (vol);
    }

  select_only (fx, "vs-gui-00.qcow2");
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, vs_error_bar_get_revealed (bar));
  g_test_message ("%s / %s / %s", vs_error_bar_get_heading (bar), vs_error_bar_get_body (bar),
                  vs_error_bar_get_detail (bar));
  VS_UI_CHECK (fx->window, g_str_equal (vs_error_bar_get_heading (bar), "Could not delete “vs-gui-00.qcow2”"));
  VS_UI_CHECK (fx->window, *vs_error_bar_get_body (bar) != '\0' || *vs_error_bar_get_detail (bar) != '\0');
  vs_ui_test_capture (fx->window, "pool-page-delete-error");

  /* Another volume selected: the message was about the one before. */
  select_only (fx, "vs-gui-02.qcow2");
  VS_UI_WAIT (fx->window, !vs_error_bar_get_revealed (bar));

  /* A gone volume leaves the list; deleting a real one works and says
   * nothing. */
  VS_UI_WAIT (fx->window, list_ready (fx) && position_of (fx, "vs-gui-00.qcow2") == GTK_INVALID_LIST_POSITION);
  select_only (fx, "vs-gui-03.qcow2");
  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, list_ready (fx) && position_of (fx, "vs-gui-03.qcow2") == GTK_INVALID_LIST_POSITION);
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (bar));

  delete_test_volumes (pool);
  virStoragePoolFree (pool);
  virConnectClose (conn);
}

static gboolean
definition_shown (GtkWidget *view)
{
  g_autofree char *text = vs_pool_definition_view_dup_text (VS_POOL_DEFINITION_VIEW (view));

  return *text != '\0';
}

static void
test_copy (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *xml = NULL;
  GtkWidget *definition;

  show_pool (fx, "images");

  activate (fx, "pool.copy-path");
  text = vs_ui_test_clipboard_text (fx->window);
  VS_UI_CHECK (fx->window, g_str_equal (text, "/vs-gui/images"));

  select_only (fx, "disk-04.qcow2");
  gtk_selection_model_select_item (selection (fx), position_of (fx, "disk-05.img"), FALSE);
  activate (fx, "volumes.copy-path");
  g_free (text);
  text = vs_ui_test_clipboard_text (fx->window);
  VS_UI_CHECK (fx->window, g_str_equal (text, "/vs-gui/images/disk-04.qcow2\n/vs-gui/images/disk-05.img"));

  /* The definition, read-only, loaded when shown. */
  gtk_stack_set_visible_child_name (page_child (fx, "content_stack"), "definition");
  definition = page_child (fx, "definition_view");
  VS_UI_WAIT (fx->window, definition_shown (definition));
  xml = vs_pool_definition_view_dup_text (VS_POOL_DEFINITION_VIEW (definition));
  VS_UI_CHECK (fx->window, strstr (xml, "<name>images</name>") != NULL);
  VS_UI_CHECK (fx->window, strstr (xml, "<path>/vs-gui/images</path>") != NULL);
  VS_UI_CHECK (fx->window, !gtk_text_view_get_editable (GTK_TEXT_VIEW (vs_ui_test_find_child (definition, GTK_TYPE_TEXT_VIEW))));
  vs_ui_test_capture (fx->window, "pool-page-xml");

  g_signal_emit_by_name (find_button (GTK_WIDGET (fx->page), "Copy the XML definition"), "clicked");
  g_free (text);
  text = vs_ui_test_clipboard_text (fx->window);
  VS_UI_CHECK (fx->window, g_str_equal (text, xml));

  /* Ctrl+F brings the volumes back. */
  activate (fx, "volumes.search");
  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "content_stack"), "volumes"));
}

/* Pool actions that destroy --------------------------------------------- */

static void
test_undefine_and_delete (Fixture       *fx,
                          gconstpointer  data)
{
  GtkWindow *dialog;
  g_autofree char *text = NULL;

  show_pool (fx, "spare");
  activate (fx, "pool.stop");
  VS_UI_WAIT (fx->window, vs_pool_get_state (fx->pool) == VS_POOL_STATE_INACTIVE && pool_idle (fx->pool));

  /* Undefine says the files stay; declining keeps the pool. */
  activate (fx, "pool.undefine");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  text = vs_ui_test_dialog_text (dialog);
  VS_UI_CHECK (fx->window, strstr (text, "Undefine the pool “spare”?") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "the definition is removed") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "The files in /vs-gui/spare stay on disk") != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL);
  vs_ui_test_spin (100);
  VS_UI_CHECK (fx->window, vs_connection_find_pool (fx->connection, "spare") == fx->pool);

  /* Delete storage says what goes. */
  activate (fx, "pool.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  g_free (text);
  text = vs_ui_test_dialog_text (dialog);
  VS_UI_CHECK (fx->window, strstr (text, "Delete the storage of the pool “spare”?") != NULL);
  VS_UI_CHECK (fx->window, strstr (text, "/vs-gui/spare and everything in it is deleted from the disk") != NULL);
  vs_ui_test_capture (fx->window, "pool-page-delete-storage-confirmation");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL && pool_idle (fx->pool));
  vs_ui_test_spin (100);
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (page_child (fx, "error_bar")));

  activate (fx, "pool.undefine");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, "spare") == NULL);
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (page_child (fx, "error_bar")));
}

static void
test_autostart (Fixture       *fx,
                gconstpointer  data)
{
  GtkSwitch *sw;

  show_pool (fx, "images");
  sw = page_child (fx, "autostart_switch");
  VS_UI_CHECK (fx->window, !gtk_switch_get_active (sw));

  gtk_switch_set_active (sw, TRUE);
  VS_UI_WAIT (fx->window, vs_pool_get_autostart (fx->pool) && gtk_switch_get_state (sw) && pool_idle (fx->pool));

  gtk_switch_set_active (sw, FALSE);
  VS_UI_WAIT (fx->window, !vs_pool_get_autostart (fx->pool) && !gtk_switch_get_state (sw) && pool_idle (fx->pool));
  VS_UI_CHECK (fx->window, !vs_error_bar_get_revealed (page_child (fx, "error_bar")));
}

/* The host goes away: everything greys out and says why; back when it
 * returns. */
static void
test_disconnected (Fixture       *fx,
                   gconstpointer  data)
{
  const char *actions[] = { "pool.start", "pool.stop", "pool.refresh", "pool.build",
                            "pool.delete", "pool.undefine" };
  const char *buttons[] = { "start_button", "stop_button", "refresh_button" };
  g_autoptr(GError) error = NULL;

  show_pool (fx, "images");
  select_only (fx, "disk-04.qcow2");

  vs_connection_close (fx->connection);
  VS_UI_WAIT (fx->window, !vs_pool_get_reachable (fx->pool));
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "state_label"), "Disconnected"));
  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "volumes_stack"), "unreachable"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    VS_UI_CHECK (fx->window, !action_enabled (fx, actions[i]));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    VS_UI_CHECK (fx->window, tooltip_is (fx, buttons[i], "The connection is closed"));
  VS_UI_CHECK (fx->window, menu_note_is (fx, "The connection is closed"));
  /* Not reconnecting by itself (a core connection of the test's own): the
   * page offers the window's Reconnect. */
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "unreachable_title"), "The connection is closed"));
  VS_UI_CHECK (fx->window, gtk_widget_get_visible (page_child (fx, "reconnect_button")));
  VS_UI_CHECK (fx->window, !gtk_widget_get_sensitive (page_child (fx, "autostart_switch")));
  VS_UI_CHECK (fx->window, !gtk_widget_get_sensitive (page_child (fx, "usage")));
  VS_UI_CHECK (fx->window, !action_enabled (fx, "volumes.search"));
  VS_UI_CHECK (fx->window, !gtk_widget_activate_action (GTK_WIDGET (fx->page), "volumes.delete", NULL) ||
         vs_ui_test_find_dialog (fx->window) == NULL);
  vs_ui_test_capture (fx->window, "pool-page-disconnected");

  VS_UI_CHECK (fx->window, vs_test_connection_reopen (fx->connection, FALSE, &error));
  g_assert_no_error (error);
  VS_UI_WAIT (fx->window, vs_pool_get_reachable (fx->pool) && list_ready (fx) && n_shown (fx) == 36);
  VS_UI_CHECK (fx->window, label_is (page_child (fx, "state_label"), "Active"));
  VS_UI_CHECK (fx->window, stack_shows (page_child (fx, "volumes_stack"), "list"));
  VS_UI_CHECK (fx->window, action_enabled (fx, "pool.stop"));
  VS_UI_CHECK (fx->window, gtk_widget_get_sensitive (page_child (fx, "usage")));
}

static char *
shortcut_action (GtkWidget  *widget,
                 const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            return gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
        }
    }

  return NULL;
}

/* The keys of the issue, and the context menu from the keyboard. */
static void
test_keyboard (Fixture       *fx,
               gconstpointer  data)
{
  struct { const char *trigger; const char *action; } keys[] = {
    { "F5", "action(pool.refresh)" },
    { "<Control>f", "action(volumes.search)" },
    { "Delete", "action(volumes.delete)" },
  };
  GtkWidget *popover = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = shortcut_action (GTK_WIDGET (fx->page), keys[i].trigger);

      if (g_strcmp0 (action, keys[i].action) != 0)
        g_test_message ("%s does %s", keys[i].trigger, action);
      VS_UI_CHECK (fx->window, g_strcmp0 (action, keys[i].action) == 0);
    }

  {
    g_autofree char *menu = shortcut_action (GTK_WIDGET (fx->list), "Menu");
    g_autofree char *shift_f10 = shortcut_action (GTK_WIDGET (fx->list), "<Shift>F10");

    VS_UI_CHECK (fx->window, g_strcmp0 (menu, "action(volume-list.popup-menu)") == 0);
    VS_UI_CHECK (fx->window, g_strcmp0 (shift_f10, "action(volume-list.popup-menu)") == 0);
  }

  show_pool (fx, "images");
  select_only (fx, "disk-02.qcow2");
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (fx->list), "volume-list.popup-menu", NULL));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fx->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      popover = child;

  VS_UI_CHECK (fx->window, popover != NULL);
  VS_UI_WAIT (fx->window, gtk_widget_get_mapped (popover));
  vs_ui_test_capture (fx->window, "pool-page-context-menu");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Its items are the page's actions. */
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (popover, "volumes.copy-path", NULL));
  {
    g_autofree char *text = vs_ui_test_clipboard_text (fx->window);

    VS_UI_CHECK (fx->window, g_str_equal (text, "/vs-gui/images/disk-02.qcow2"));
  }
}

/* A narrow window: the header wraps, the columns scroll sideways. */
static void
test_narrow (Fixture       *fx,
             gconstpointer  data)
{
  GtkAdjustment *hadjustment;

  show_pool (fx, "a-pool-with-a-rather-long-name-for-the-virtual-machines-of-the-storage-course-2026");
  vs_ui_test_spin (200);
  VS_UI_CHECK (fx->window, gtk_widget_get_width (fx->window) <= 520);
  VS_UI_CHECK (fx->window, gtk_widget_get_width (GTK_WIDGET (fx->page)) <= 520);

  hadjustment = gtk_scrolled_window_get_hadjustment (list_child (fx, "scrolled_window"));
  VS_UI_CHECK (fx->window, gtk_adjustment_get_upper (hadjustment) > gtk_adjustment_get_page_size (hadjustment));
  vs_ui_test_capture (fx->window, "pool-page-narrow");

  /* Scrolled sideways, then another pool: it starts with its names in
   * view. */
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
  VS_UI_CHECK (fx->window, gtk_adjustment_get_value (hadjustment) > 0);
  show_pool (fx, "images");
  VS_UI_WAIT (fx->window, gtk_adjustment_get_value (hadjustment) == 0);
  vs_ui_test_capture (fx->window, "pool-page-narrow-images");
}

/* Tab into the list: the row the keyboard lands on is selected too, so
 * Delete acts on it. */
static void
test_keyboard_select (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *focus = NULL;
  GtkWindow *dialog;

  show_pool (fx, "images");
  view = list_child (fx, "column_view");
  gtk_selection_model_unselect_all (selection (fx));
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 0);
  VS_UI_CHECK (fx->window, !action_enabled (fx, "volumes.delete"));

  for (guint i = 0; i < 40; i++)
    {
      gtk_widget_child_focus (fx->window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (fx->window));
      if (focus != NULL && gtk_widget_is_ancestor (focus, view))
        break;
    }
  VS_UI_CHECK (fx->window, focus != NULL && gtk_widget_is_ancestor (focus, view));
  VS_UI_WAIT (fx->window, vs_volume_list_get_n_selected (fx->list) == 1);
  VS_UI_CHECK (fx->window, action_enabled (fx, "volumes.delete"));

  activate (fx, "volumes.delete");
  VS_UI_WAIT (fx->window, (dialog = vs_ui_test_find_dialog (fx->window)) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  VS_UI_WAIT (fx->window, vs_ui_test_find_dialog (fx->window) == NULL);
}

static double
scroll_value (Fixture *fx)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (list_child (fx, "scrolled_window")));
}

static char *
sort_property (Fixture    *fx,
               const char *name)
{
  char *value = NULL;

  g_object_get (fx->list, name, &value, NULL);
  return value;
}

/* The sort menu (keyboard-reachable) and the headers say the same; after
 * a user's sort the list shows its top. */
static void
test_sort_menu (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *sort_column = NULL;
  g_autofree char *sort_order = NULL;

  show_pool (fx, "images");
  VS_UI_CHECK (fx->window, label_is (list_child (fx, "sort_label"), "Sorted by Name"));

  VS_UI_WAIT (fx->window, (scroll_to (fx, 30), scroll_value (fx) > 100));
  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (fx->list), "volume-list.sort-column",
                                                       "s", "capacity"));
  VS_UI_WAIT (fx->window, models_settled (fx));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_ASCENDING));
  VS_UI_CHECK (fx->window, label_is (list_child (fx, "sort_label"), "Sorted by Capacity"));
  VS_UI_WAIT (fx->window, scroll_value (fx) == 0);

  VS_UI_CHECK (fx->window, gtk_widget_activate_action (GTK_WIDGET (fx->list), "volume-list.sort-order",
                                                       "s", "descending"));
  VS_UI_WAIT (fx->window, models_settled (fx));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_DESCENDING));

  /* A header click: the menu follows. */
  VS_UI_WAIT (fx->window, (scroll_to (fx, 30), scroll_value (fx) > 100));
  gtk_column_view_sort_by_column (list_child (fx, "column_view"), column (fx, "Used by"), GTK_SORT_ASCENDING);
  VS_UI_WAIT (fx->window, models_settled (fx));
  sort_column = sort_property (fx, "sort-column");
  sort_order = sort_property (fx, "sort-order");
  VS_UI_CHECK (fx->window, g_str_equal (sort_column, "used-by") && g_str_equal (sort_order, "ascending"));
  VS_UI_CHECK (fx->window, label_is (list_child (fx, "sort_label"), "Sorted by Used by"));
  VS_UI_WAIT (fx->window, scroll_value (fx) == 0);
  vs_ui_test_capture (fx->window, "pool-page-sorted-by-used-by");
}

typedef struct
{
  Fixture  *fx;
  gboolean  seen;
  gboolean  sorted;
} FirstFrame;

/* After the list heard of the pool's volumes: the rows it shows at once
 * (the rest come from a worker) are the first ones, in order. */
static void
first_rows_cb (GListModel *volumes,
               guint       position,
               guint       removed,
               guint       added,
               FirstFrame *first)
{
  Fixture *fx = first->fx;
  guint n = 0;

  if (first->seen || g_list_model_get_n_items (volumes) == 0)
    return;

  while (n < n_shown (fx) && shown_volume (fx, n) != NULL)
    n++;

  first->seen = TRUE;
  first->sorted = n > 0 && g_str_equal (vs_volume_get_name (shown_volume (fx, 0)), "vs-gui-000.qcow2");
  for (guint i = 1; i < n && first->sorted; i++)
    first->sorted = compare_volumes (shown_volume (fx, i - 1), shown_volume (fx, i), "Name", KEY_STRING) < 0;
}

/* Volumes arrive in libvirt's order (here the reverse of theirs): the
 * list shows them sorted from its first rows, never libvirt's order under
 * a sorted header. The first rows are there as soon as the pool's list
 * is, not after a sort of the whole list. */
static void
test_sorted_first_frame (Fixture       *fx,
                         gconstpointer  data)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  FirstFrame first = { fx, FALSE, FALSE };
  GListModel *volumes;
  gulong handler;

  g_assert_nonnull (pool);
  delete_test_volumes (pool);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("vs-gui-%03u.qcow2", 399 - i);

      create_volume (pool, name, (guint64) (i + 1) << 20);
    }
  virStoragePoolRefresh (pool, 0);

  volumes = vs_pool_get_volumes (vs_connection_find_pool (fx->connection, "default-pool"));
  VS_UI_CHECK (fx->window, g_list_model_get_n_items (volumes) == 0);
  handler = g_signal_connect_after (volumes, "items-changed", G_CALLBACK (first_rows_cb), &first);
  show_pool (fx, "default-pool");
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 400);
  g_signal_handler_disconnect (volumes, handler);
  VS_UI_CHECK (fx->window, first.seen && first.sorted);
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (shown_volume (fx, 0)), "vs-gui-000.qcow2"));

  delete_test_volumes (pool);
  virStoragePoolFree (pool);
  virConnectClose (conn);
}

/* A large pool -------------------------------------------------------------- */

#define N_LARGE 10000

/* As VS_UI_WAIT, for what takes longer than its 20 s on a busy machine. */
#define WAIT_LONG(fx, expr) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + 180 * G_USEC_PER_SEC; \
    while (!(expr) && g_get_monotonic_time () < deadline_) \
      vs_ui_test_iterate (); \
    VS_UI_CHECK ((fx)->window, expr); \
  } G_STMT_END

static gboolean
large_ready (Fixture *fx)
{
  return list_ready (fx) && n_shown (fx) == N_LARGE;
}

/* Every volume of the pool is shown once, and nothing else. */
static gboolean
shows_exactly (Fixture    *fx,
               const char *search)
{
  GListModel *volumes = vs_pool_get_volumes (fx->pool);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autofree char *needle = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  guint expected = 0;

  for (guint i = 0; i < n_shown (fx); i++)
    {
      VsVolume *volume = shown_volume (fx, i);

      if (volume == NULL || !g_hash_table_add (shown, volume))
        {
          g_test_message ("row %u shows %s", i, volume == NULL ? "nothing" : "a volume twice");
          return FALSE;
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VsVolume) volume = g_list_model_get_item (volumes, i);
      g_autofree char *name = g_utf8_casefold (vs_volume_get_name (volume), -1);
      g_autofree char *path = g_utf8_casefold (vs_volume_get_path (volume), -1);
      gboolean match = needle == NULL || strstr (name, needle) != NULL || strstr (path, needle) != NULL;

      if (match != g_hash_table_contains (shown, volume))
        {
          g_test_message ("%s is %s", vs_volume_get_name (volume), match ? "missing" : "shown, not matching");
          return FALSE;
        }
      expected += match;
    }

  return expected == n_shown (fx);
}

static gboolean
only_selected (Fixture  *fx,
               VsVolume *volume)
{
  g_autoptr(GPtrArray) selected = vs_volume_list_get_selected (fx->list);
  guint position = position_of (fx, vs_volume_get_name (volume));

  return selected->len == 1 && g_ptr_array_index (selected, 0) == volume &&
         vs_volume_list_get_n_selected (fx->list) == 1 &&
         gtk_selection_model_is_selected (selection (fx), position);
}

/* What the rows' cells show agrees with the rows: every name cell GTK keeps
 * (only those in view with @in_view) shows its row's volume. At least
 * @at_least cells are looked at. */
static void
collect_name_cells (GtkWidget *widget,
                    GPtrArray *cells)
{
  if (VS_IS_VOLUME_NAME_CELL (widget) && g_object_get_data (G_OBJECT (widget), "vs-list-item") != NULL)
    {
      g_ptr_array_add (cells, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_name_cells (child, cells);
}

static gboolean
cells_agree (Fixture  *fx,
             gboolean  in_view,
             guint     at_least)
{
  GtkWidget *view = list_child (fx, "column_view");
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint checked = 0;

  collect_name_cells (view, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      GtkListItem *item = g_object_get_data (G_OBJECT (cell), "vs-list-item");
      guint position = gtk_list_item_get_position (item);
      graphene_point_t point;

      if (position == GTK_INVALID_LIST_POSITION || position >= n_shown (fx) || (in_view && !gtk_widget_get_mapped (cell)))
        continue;
      if (in_view &&
          (!gtk_widget_compute_point (cell, view, &GRAPHENE_POINT_INIT (0, 0), &point) ||
           point.y < 0 || point.y + gtk_widget_get_height (cell) > gtk_widget_get_height (view)))
        continue;
      if (vs_volume_name_cell_get_volume (VS_VOLUME_NAME_CELL (cell)) != shown_volume (fx, position))
        {
          g_test_message ("row %u shows %s, not %s", position,
                          vs_volume_get_name (vs_volume_name_cell_get_volume (VS_VOLUME_NAME_CELL (cell))),
                          vs_volume_get_name (shown_volume (fx, position)));
          return FALSE;
        }
      checked++;
    }

  if (checked < at_least)
    g_test_message ("only %u cells to look at", checked);
  return checked >= at_least;
}

/* 10,000 volumes (the test driver, in this process): the list holds each
 * once, in order by name and by capacity, exactly the matches of a search,
 * and the selected volume through new orders. Behaviour, not timing:
 * bench-window times the same on a real libvirtd. */
static void
test_large_pool (Fixture       *fx,
                 gconstpointer  data)
{
  virConnectPtr conn = vs_test_virt_open ("test:///default");
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  VsVolume *chosen;

  g_assert_nonnull (pool);
  delete_test_volumes (pool);
  for (guint i = 0; i < N_LARGE; i++)
    {
      g_autofree char *name = g_strdup_printf ("vs-gui-%05u.qcow2", i);

      /* Sizes in no relation to the names. */
      create_volume (pool, name, ((guint64) (i * 7919 % 1009) + 1) << 20);
    }
  virStoragePoolRefresh (pool, 0);

  show_pool (fx, "default-pool");
  WAIT_LONG (fx, large_ready (fx));
  VS_UI_CHECK (fx->window, shows_exactly (fx, NULL));
  VS_UI_CHECK (fx->window, check_order (fx, "Name", KEY_STRING, GTK_SORT_ASCENDING));
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (shown_volume (fx, 0)), "vs-gui-00000.qcow2"));
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "10000 volumes"));

  /* One selected volume stays selected through new orders. */
  select_only (fx, "vs-gui-05000.qcow2");
  chosen = shown_volume (fx, position_of (fx, "vs-gui-05000.qcow2"));
  VS_UI_CHECK (fx->window, only_selected (fx, chosen));

  /* Right after a new order, rows scrolled to show their volumes before
   * the rows out of view have had their turn; in the end every row GTK
   * keeps does. */
  gtk_column_view_sort_by_column (list_child (fx, "column_view"), column (fx, "Capacity"), GTK_SORT_ASCENDING);
  VS_UI_WAIT (fx->window, position_of (fx, "vs-gui-05000.qcow2") != 5000);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (list_child (fx, "scrolled_window")), 3000);
  VS_UI_WAIT (fx->window, cells_agree (fx, TRUE, 5));
  WAIT_LONG (fx, large_ready (fx) && cells_agree (fx, FALSE, 150));
  VS_UI_CHECK (fx->window, shows_exactly (fx, NULL));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_ASCENDING));
  VS_UI_CHECK (fx->window, position_of (fx, "vs-gui-05000.qcow2") != 5000);
  VS_UI_CHECK (fx->window, only_selected (fx, chosen));

  gtk_column_view_sort_by_column (list_child (fx, "column_view"), column (fx, "Capacity"), GTK_SORT_DESCENDING);
  WAIT_LONG (fx, large_ready (fx));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_DESCENDING));
  VS_UI_CHECK (fx->window, only_selected (fx, chosen));
  vs_ui_test_capture (fx->window, "pool-page-large-by-capacity");

  /* A search: exactly the matches, still by capacity; then all again
   * (the selection went with the volumes the search left out, as a
   * filtered list's would). */
  search_for (fx, "vs-gui-001", 100);
  VS_UI_CHECK (fx->window, shows_exactly (fx, "vs-gui-001"));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_DESCENDING));
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "100 of 10000 volumes"));
  search_for (fx, "VS-GUI-0999", 10);
  VS_UI_CHECK (fx->window, shows_exactly (fx, "VS-GUI-0999"));
  search_for (fx, "", N_LARGE);
  WAIT_LONG (fx, large_ready (fx) && cells_agree (fx, FALSE, 150));
  VS_UI_CHECK (fx->window, shows_exactly (fx, NULL));
  VS_UI_CHECK (fx->window, check_order (fx, "Capacity", KEY_NUMBER, GTK_SORT_DESCENDING));

  delete_test_volumes (pool);
  virStoragePoolRefresh (pool, 0);
  WAIT_LONG (fx, list_ready (fx) && n_shown (fx) == 0);
  virStoragePoolFree (pool);
  virConnectClose (conn);
}

/* Against a real libvirtd -------------------------------------------------- */

static char *
live_skip_reason (void)
{
  const char *uri = g_getenv ("VS_TEST_URI");

  if (uri == NULL || *uri == '\0')
    return g_strdup ("VS_TEST_URI is not set (e.g. qemu:///system)");
  if (!vs_test_daemon_answers (uri))
    return g_strdup_printf ("no libvirtd answers at %s", uri);

  return NULL;
}

static void
virsh_ok (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "virsh");
  g_ptr_array_add (argv, (gpointer) "-q");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) vs_test_it_uri ());
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!vs_test_spawn ((const char * const *) argv->pdata, NULL, &error))
    g_error ("%s", error->message);
}

/* `virsh vol-create-as` and `virsh pool-refresh` in another process: the
 * list shows the new volume without any click; then 1,000 files made
 * behind libvirt's back and a refresh. */
static void
test_live_external_virsh (void)
{
  const FixtureData data = { NULL, 1024, 768 };
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree char *name = vs_test_it_name ("gui");
  const char *dir = vs_test_it_dir ();
  gint64 start;

  virsh_ok ("pool-create-as", name, "dir", "--target", dir, NULL);

  fixture_open (fx, &data, vs_test_it_uri ());
  VS_UI_WAIT (fx->window, vs_connection_find_pool (fx->connection, name) != NULL);
  show_pool (fx, name);
  VS_UI_CHECK (fx->window, stack_shows (list_child (fx, "stack"), "empty"));

  virsh_ok ("vol-create-as", name, "made-by-virsh.qcow2", "10M", "--format", "qcow2", NULL);
  virsh_ok ("pool-refresh", name, NULL);
  VS_UI_WAIT (fx->window, list_ready (fx) && n_shown (fx) == 1);
  VS_UI_CHECK (fx->window, g_str_equal (vs_volume_get_name (shown_volume (fx, 0)), "made-by-virsh.qcow2"));
  VS_UI_WAIT (fx->window, vs_volume_get_details_loaded (shown_volume (fx, 0)));
  VS_UI_CHECK (fx->window, g_strcmp0 (vs_volume_get_format (shown_volume (fx, 0)), "qcow2") == 0);
  select_only (fx, "made-by-virsh.qcow2");

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/sparse-%04u.raw", dir, i);
      int fd = g_open (file, O_CREAT | O_WRONLY, 0644);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (ftruncate (fd, (off_t) (i + 1) << 20), ==, 0);
      close (fd);
    }

  start = g_get_monotonic_time ();
  virsh_ok ("pool-refresh", name, NULL);
  VS_UI_WAIT (fx->window, n_shown (fx) == 1001);
  g_test_message ("1,001 volumes listed %.0f ms after the refresh",
                  (g_get_monotonic_time () - start) / 1000.0);
  VS_UI_WAIT (fx->window, list_ready (fx));
  g_test_message ("all their details in after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  VS_UI_WAIT (fx->window, label_is (list_child (fx, "count_label"), "1001 volumes · 1 selected"));
  VS_UI_CHECK (fx->window, vs_volume_list_get_n_selected (fx->list) == 1);
  vs_ui_test_capture (fx->window, "pool-page-live-1001-volumes");

  fixture_teardown (fx, &data);
}

static const VsTestItCase live_external_virsh = {
  "/pool-page/live/external-virsh", test_live_external_virsh, 240, live_skip_reason, NULL,
};

/* main ------------------------------------------------------------------- */

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  vs_ui_test_init (&argc, &argv);

  ADD ("/pool-page/select-pool", &node_data, test_select_pool);
  ADD ("/pool-page/sort", &node_data, test_sort);
  ADD ("/pool-page/filter", &node_data, test_filter);
  ADD ("/pool-page/start-stop", &node_data, test_start_stop);
  ADD ("/pool-page/delete-volumes", &node_data, test_delete_volumes);
  ADD ("/pool-page/delete-error", &default_data, test_delete_error);
  ADD ("/pool-page/copy-and-xml", &node_data, test_copy);
  ADD ("/pool-page/undefine-and-delete", &node_data, test_undefine_and_delete);
  ADD ("/pool-page/autostart", &node_data, test_autostart);
  ADD ("/pool-page/disconnected", &node_data, test_disconnected);
  ADD ("/pool-page/keyboard", &node_data, test_keyboard);
  ADD ("/pool-page/narrow", &narrow_data, test_narrow);
  ADD ("/pool-page/keyboard-select", &node_data, test_keyboard_select);
  ADD ("/pool-page/sort-menu", &node_data, test_sort_menu);
  ADD ("/pool-page/sorted-first-frame", &default_data, test_sorted_first_frame);
  ADD ("/pool-page/external-change", &default_data, test_external_change);
  ADD ("/pool-page/transient-pool", &default_data, test_transient_pool);
  ADD ("/pool-page/large-pool", &default_data, test_large_pool);
  vs_test_it_add (&live_external_virsh);

  return g_test_run ();
}
