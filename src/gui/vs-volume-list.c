/* vs-volume-list.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-list"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-volume.h"
#include "vs-volume-allocation-cell.h"
#include "vs-volume-delete.h"
#include "vs-volume-list.h"
#include "vs-volume-name-cell.h"
#include "vs-volume-operations.h"
#include "vs-volume-rows.h"
#include "vs-volume-slot.h"
#include "vs-volume-sorter.h"
#include "vs-volume-text-cell.h"

/* How many names a confirmation lists before "and N more". */
/* While details arrive, the sorted order is refreshed this often (ms) so a
 * list sorted by size or format settles without waiting for the last one. */
#define RESORT_INTERVAL_MS 1500
/* A row's height, low, to guess how many rows fill the view (px). */
#define MIN_ROW_HEIGHT 24
/* Columns, in the order of VsVolumeSortKey. */
#define N_COLUMNS (VS_VOLUME_SORT_USED_BY + 1)

struct _VsVolumeList
{
  GtkWidget            parent_instance;

  VsPool              *pool;
  GCancellable        *cancellable;     /* this pool's reload and deletes */
  GtkWidget           *context_popover;
  GtkColumnViewColumn *columns[N_COLUMNS];
  guint                n_selected;
  guint                update_idle_id;
  guint                resort_id;
  guint                pointer_idle_id;
  guint                focus_idle_id;
  VsVolumeSortKey      sort_key;
  GtkSortType          sort_order;
  guint                load_attempted : 1;
  guint                scroll_to_top : 1;
  guint                error_is_listing : 1;
  guint                pointer_down : 1;
  guint                reselecting : 1;
  guint                rows_fresh : 1;      /* the rows show nothing of this pool yet */
  guint                order_running : 1;
  guint                order_dirty : 1;

  /* The order (sort and search) is computed in a worker, see queue_order() */
  GCancellable        *order_cancellable;
  guint                order_serial;
  guint                order_idle_id;       /* the rest of a pool shown afresh */
  char                *searched;            /* the search the order follows */
  GPtrArray           *reselect;            /* selected volumes whose rows are still to come */

  /* Template widgets */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  VsErrorBar          *error_bar;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  VsVolumeRows        *rows;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *format_column;
  GtkColumnViewColumn *capacity_column;
  GtkColumnViewColumn *allocation_column;
  GtkColumnViewColumn *path_column;
  GtkColumnViewColumn *used_by_column;
  GtkSpinner          *loading_spinner;
  GtkLabel            *no_results_label;
  GtkLabel            *volumes_error_label;
  GtkLabel            *volumes_error_detail;
  GtkLabel            *count_label;
  GtkLabel            *details_label;
  GtkMenuButton       *sort_button;
  GtkImage            *sort_icon;
  GtkLabel            *sort_label;
  GMenuModel          *context_menu;
  GtkMenuButton       *actions_button;

  /* Volume operations */
  VsVolume            *select_pending;  /* made here, not in the list yet */
};

static void vs_volume_list_update_state (VsVolumeList *self);
static void select_pending_cb (VsVolumeList *self);

G_DEFINE_FINAL_TYPE (VsVolumeList, vs_volume_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  PROP_N_SELECTED,
  PROP_SORT_COLUMN,
  PROP_SORT_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cell factories -------------------------------------------------------- */

/* Cells are widgets of their own (vs-volume-*-cell.c), built in code; the
 * factories bind them to the row's slot (VsVolumeSlot) and hand them its
 * volume, again each time a new order re-points the slot. The name cell
 * also keeps the list item, so a click anywhere in a row can be traced
 * back to a position (GTK 4.8 has no API for that). */

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *cell = vs_volume_name_cell_new ();

  g_object_set_data (G_OBJECT (cell), "vs-list-item", list_item);
  gtk_list_item_set_child (list_item, cell);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  kind)
{
  gtk_list_item_set_child (list_item, vs_volume_text_cell_new (GPOINTER_TO_INT (kind)));
}

static void
allocation_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, vs_volume_allocation_cell_new ());
}

static void
set_cell_volume (GtkWidget *cell,
                 VsVolume  *volume)
{
  if (VS_IS_VOLUME_NAME_CELL (cell))
    vs_volume_name_cell_set_volume (VS_VOLUME_NAME_CELL (cell), volume);
  else if (VS_IS_VOLUME_TEXT_CELL (cell))
    vs_volume_text_cell_set_volume (VS_VOLUME_TEXT_CELL (cell), volume);
  else
    vs_volume_allocation_cell_set_volume (VS_VOLUME_ALLOCATION_CELL (cell), volume);
}

static void
slot_volume_changed_cb (VsVolumeSlot *slot,
                        GParamSpec   *pspec,
                        GtkWidget    *cell)
{
  set_cell_volume (cell, vs_volume_slot_get_volume (slot));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  VsVolumeSlot *slot = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  vs_volume_slot_watch (slot);
  g_signal_connect_object (slot, "notify::volume", G_CALLBACK (slot_volume_changed_cb), cell, 0);
  set_cell_volume (cell, vs_volume_slot_get_volume (slot));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  VsVolumeSlot *slot = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_signal_handlers_disconnect_by_func (slot, slot_volume_changed_cb, cell);
  vs_volume_slot_unwatch (slot);
  set_cell_volume (cell, NULL);
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  GCallback            setup,
                  gpointer             setup_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* Helpers --------------------------------------------------------------- */

static guint
count_selected (VsVolumeList *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
update_n_selected (VsVolumeList *self)
{
  guint n = count_selected (self);

  if (n == self->n_selected)
    return;

  self->n_selected = n;
  vs_volume_list_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
hide_error (VsVolumeList *self)
{
  vs_error_bar_hide (self->error_bar);
  self->error_is_listing = FALSE;
}

static void
vs_volume_list_update_state (VsVolumeList *self)
{
  GListModel *volumes;
  const GError *error;
  const char *search;
  const char *page;
  guint n_all;
  guint n_shown;
  gboolean loading;
  g_autofree char *count = NULL;

  g_assert (VS_IS_VOLUME_LIST (self));

  if (self->pool == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      gtk_label_set_text (self->count_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      return;
    }

  volumes = vs_pool_get_volumes (self->pool);
  error = vs_pool_get_volumes_error (self->pool);
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  n_all = g_list_model_get_n_items (volumes);
  n_shown = vs_volume_rows_get_n_volumes (self->rows);
  loading = vs_pool_get_loading (self->pool);

  if (n_all == 0 && error != NULL)
    {
      const char *detail = vs_error_get_libvirt_message (error);

      page = "error";
      gtk_label_set_text (self->volumes_error_label, vs_error_get_summary (error));
      gtk_label_set_text (self->volumes_error_detail, detail != NULL ? detail : "");
      gtk_widget_set_visible (GTK_WIDGET (self->volumes_error_detail), detail != NULL);
    }
  else if (n_all == 0 && !vs_pool_get_volumes_loaded (self->pool) && vs_pool_get_active (self->pool))
    page = "loading";
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0 && *search != '\0' && !vs_volume_list_get_updating (self))
    {
      g_autofree char *text = g_strdup_printf (_("No volumes match “%s”"), search);

      page = "no-results";
      gtk_label_set_text (self->no_results_label, text);
    }
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  /* A failed re-listing keeps the volumes it had: say so above them. */
  if (n_all > 0 && error != NULL)
    {
      vs_error_bar_show_error (self->error_bar, _("The volume list could not be refreshed"), error);
      self->error_is_listing = TRUE;
    }
  else if (self->error_is_listing)
    hide_error (self);

  if (n_all == 0)
    count = g_strdup ("");
  else if (*search != '\0')
    /* Translators: "12 of 1000 volumes" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u volume", "%u of %u volumes", n_all),
                             n_shown, n_all);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume", "%u volumes", n_all), n_all);

  if (self->n_selected > 0 && n_all > 0)
    {
      /* Translators: appended to the volume count: "40 volumes · 3 selected" */
      g_autofree char *selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected",
                                                                self->n_selected),
                                                   self->n_selected);
      g_autofree char *joined = g_strdup_printf (_("%s · %s"), count, selected);

      g_free (count);
      count = g_steal_pointer (&joined);
    }

  gtk_label_set_text (self->count_label, count);
  /* Text, not a spinner: an endless animation keeps a slow (software)
   * renderer busy enough to starve the idle callbacks that bring the
   * details in and sort them. */
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), loading && n_all > 0);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  self->update_idle_id = 0;
  vs_volume_list_update_state (self);

  return G_SOURCE_REMOVE;
}

/* The pool's volume error has no notification of its own; it changes when
 * a listing ends, which clears "busy" just before the error is stored. */
static void
queue_update (VsVolumeList *self)
{
  if (self->update_idle_id == 0)
    self->update_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, update_idle_cb, self, NULL);
}

static GtkWidget *
inner_list_view (VsVolumeList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

/* With GtkListView's own action: setting the adjustment races with the
 * layout. */
static void
scroll_to (VsVolumeList *self,
           guint         position)
{
  GtkWidget *list_view = inner_list_view (self);

  if (list_view != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* How many rows fill the view, a few more rather than fewer: the first
 * rows a pool shows, sorted at once on the main thread. */
static guint
rows_in_view (VsVolumeList *self)
{
  /* The stack has a size even while it shows "loading". */
  int height = gtk_widget_get_height (GTK_WIDGET (self->stack));
  GtkRoot *root;

  if (height <= 0 && (root = gtk_widget_get_root (GTK_WIDGET (self))) != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (root));
  if (height <= 0)
    height = 1024;

  return CLAMP ((guint) height / MIN_ROW_HEIGHT + 2, 16, 96);
}

/* Which rows the view shows, from its scroll position (rows are all of a
 * height), for the rows to update those first. */
static void
update_view_range (VsVolumeList *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double upper = gtk_adjustment_get_upper (adjustment);
  double row_height;
  guint first;

  if (n_rows == 0 || upper <= 0)
    {
      vs_volume_rows_set_view (self->rows, 0, rows_in_view (self));
      return;
    }

  row_height = MAX (upper / n_rows, 1);
  first = (guint) (gtk_adjustment_get_value (adjustment) / row_height);
  vs_volume_rows_set_view (self->rows, first > 0 ? first - 1 : 0,
                           (guint) (gtk_adjustment_get_page_size (adjustment) / row_height) + 3);
}

/* Selection ------------------------------------------------------------- */

/* The rows were re-pointed: select again, at their new positions, the
 * volumes that were selected; those whose rows are still to come once
 * they come. */
static void
reselect (VsVolumeList *self,
          GPtrArray    *volumes)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GPtrArray) later = NULL;
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (volumes->len == 0 && count_selected (self) == 0)
    return;

  wanted = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < volumes->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (volumes, i));

  later = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint position = 0; position < n_rows && g_hash_table_size (wanted) > 0; position++)
    {
      VsVolume *shown = vs_volume_rows_get_volume (self->rows, position);

      if (shown != NULL && g_hash_table_remove (wanted, shown))
        gtk_bitset_add (selected, position);
    }

  /* What is left is either gone or past the rows made so far. */
  {
    GHashTableIter iter;
    gpointer volume;

    g_hash_table_iter_init (&iter, wanted);
    while (g_hash_table_iter_next (&iter, &volume, NULL))
      if (vs_volume_rows_find (self->rows, volume) != G_MAXUINT)
        g_ptr_array_add (later, g_object_ref (volume));
  }
  g_clear_pointer (&self->reselect, g_ptr_array_unref);
  if (later->len > 0)
    self->reselect = g_steal_pointer (&later);

  mask = gtk_bitset_new_range (0, MAX (n_rows, 1));
  self->reselecting = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->reselecting = FALSE;
  update_n_selected (self);
}

/* Rows were added at the end: select those that were waiting for it. */
static void
reselect_pending (VsVolumeList *self)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GPtrArray) still = NULL;

  if (self->reselect == NULL)
    return;

  still = g_ptr_array_new_with_free_func (g_object_unref);
  self->reselecting = TRUE;
  for (guint i = 0; i < self->reselect->len; i++)
    {
      VsVolume *volume = g_ptr_array_index (self->reselect, i);
      guint position = vs_volume_rows_find (self->rows, volume);

      if (position < n_rows)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
      else if (position != G_MAXUINT)
        g_ptr_array_add (still, g_object_ref (volume));
    }
  self->reselecting = FALSE;

  g_clear_pointer (&self->reselect, g_ptr_array_unref);
  if (still->len > 0)
    self->reselect = g_steal_pointer (&still);
  update_n_selected (self);
}

/* Ordering -------------------------------------------------------------- *
 *
 * The view's model is a stable list of row slots (VsVolumeRows). Sorting
 * and searching run in a worker over a copy of the volumes' values
 * (vs_volume_sorter_order_async()); the result re-points the slots, and
 * the view hears only of rows added or removed at the end. A pool shown
 * afresh gets its first screenful at once, found in one pass on the main
 * thread, already in order. */

static void
show_order (VsVolumeList *self,
            GPtrArray    *volumes,
            guint         n_at_once)
{
  g_autoptr(GPtrArray) selected = vs_volume_list_get_selected (self);

  update_view_range (self);
  vs_volume_rows_show (self->rows, volumes, n_at_once);
  reselect (self, selected);

  if (self->scroll_to_top && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    {
      self->scroll_to_top = FALSE;
      scroll_to (self, 0);
    }

  select_pending_cb (self);
  queue_update (self);
}

typedef struct
{
  VsVolumeList *self;
  guint         serial;
} OrderData;

static void start_order (VsVolumeList *self);
static void fill (VsVolumeList *self);

static void
order_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OrderData *data = user_data;
  g_autoptr(VsVolumeList) self = data->self;
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = data->serial;

  g_free (data);
  volumes = vs_volume_sorter_order_finish (result, &error);

  /* Another pool, or the list is gone. */
  if (serial != self->order_serial)
    return;

  self->order_running = FALSE;
  if (self->order_dirty || volumes == NULL)
    {
      if (volumes == NULL)
        g_debug ("Ordering the volumes failed: %s", error->message);
      start_order (self);
      return;
    }

  show_order (self, volumes, 0);
}

static void
start_order (VsVolumeList *self)
{
  OrderData *data;

  g_assert (self->pool != NULL);

  g_clear_handle_id (&self->order_idle_id, g_source_remove);
  data = g_new0 (OrderData, 1);
  data->self = g_object_ref (self);
  data->serial = self->order_serial;
  self->order_running = TRUE;
  self->order_dirty = FALSE;
  vs_volume_sorter_order_async (vs_pool_get_volumes (self->pool), self->sort_key, self->sort_order,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                self->order_cancellable, order_done_cb, data);
}

/* Orders the rows again, now or (when a worker is at it) once it is done:
 * its result is dropped then, being out of date. */
static void
queue_order (VsVolumeList *self)
{
  if (self->pool == NULL)
    return;

  if (self->rows_fresh)
    fill (self);
  else if (self->order_running)
    self->order_dirty = TRUE;
  else
    start_order (self);
}

static gboolean
order_idle_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  self->order_idle_id = 0;
  queue_order (self);

  return G_SOURCE_REMOVE;
}

/* Drops any order in the works, for another pool. */
static void
cancel_order (VsVolumeList *self)
{
  g_clear_handle_id (&self->order_idle_id, g_source_remove);
  g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  self->order_cancellable = g_cancellable_new ();
  self->order_serial++;
  self->order_running = FALSE;
  self->order_dirty = FALSE;
}

/* The first rows of a pool shown afresh, then the rest from a worker. An
 * empty pool empties the rows; while one is being listed, the rows stay
 * blank behind the "loading" page, as many as fill the view: GTK builds
 * their widgets while libvirt lists, and the volumes only re-point them. */
static void
fill (VsVolumeList *self)
{
  GListModel *volumes;

  if (self->pool == NULL || !self->rows_fresh)
    return;

  volumes = vs_pool_get_volumes (self->pool);
  if (g_list_model_get_n_items (volumes) > 0)
    {
      g_autoptr(GPtrArray) first = NULL;
      guint n = rows_in_view (self);

      first = vs_volume_sorter_order_first (volumes, self->sort_key, self->sort_order,
                                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), n);
      self->rows_fresh = FALSE;
      show_order (self, first, n);
      /* After the first rows are drawn (GTK draws at a higher priority):
       * copying the volumes for the worker takes a few milliseconds. */
      if (self->order_idle_id == 0)
        self->order_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, order_idle_cb, self, NULL);
    }
  else if (vs_pool_get_volumes_loaded (self->pool) || !vs_pool_get_active (self->pool) ||
           !vs_pool_get_reachable (self->pool))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      self->rows_fresh = FALSE;
      show_order (self, none, 0);
    }
  else
    vs_volume_rows_reserve (self->rows, rows_in_view (self));
}

/* The pool's volumes came or went (a listing, another client, our own
 * operations). */
static void
volumes_changed_cb (VsVolumeList *self,
                    guint         position,
                    guint         removed,
                    guint         added,
                    GListModel   *volumes)
{
  queue_order (self);
}

/* The columns that show details are sorted again as details arrive. */
static gboolean
sorted_by_details (VsVolumeList *self)
{
  return self->sort_key != VS_VOLUME_SORT_NAME && self->sort_key != VS_VOLUME_SORT_PATH;
}

static gboolean
resort_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  if (sorted_by_details (self))
    queue_order (self);

  return G_SOURCE_CONTINUE;
}

/* GTK 4.8 names the column view's header row and inner list after their
 * types ("GtkListItemWidget", "GtkColumnListView"). */
static void
name_view_parts (VsVolumeList *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *list_view = inner_list_view (self);

  if (header != NULL && header != list_view)
    gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headers"),
                                    -1);
  if (list_view != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volumes"),
                                    -1);
}

static void
update_sort_button (VsVolumeList *self)
{
  const char *title = gtk_column_view_column_get_title (self->columns[self->sort_key]);
  /* Translators: the volume list's sort button: "Sorted by Capacity" */
  g_autofree char *label = g_strdup_printf (_("Sorted by %s"), title);

  gtk_label_set_text (self->sort_label, label);
  gtk_image_set_from_icon_name (self->sort_icon,
                                self->sort_order == GTK_SORT_ASCENDING ? "view-sort-ascending-symbolic"
                                                                       : "view-sort-descending-symbolic");
}

static const char *
sort_key_nick (VsVolumeSortKey key)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (VS_TYPE_VOLUME_SORT_KEY);

  return g_enum_get_value (enum_class, key)->value_nick;
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VsVolumeList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_pool_reload_volumes_finish (VS_POOL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Listing the volumes failed: %s", error->message);
    }

  if (self->pool == VS_POOL (object))
    vs_volume_list_update_state (self);
}

/* Lists the volumes the first time the pool is shown while active; after
 * that the core keeps the list current by itself. */
static void
ensure_loaded (VsVolumeList *self)
{
  if (self->pool == NULL ||
      self->load_attempted ||
      vs_pool_get_volumes_loaded (self->pool) ||
      !vs_pool_get_active (self->pool) ||
      !vs_pool_get_reachable (self->pool))
    return;

  self->load_attempted = TRUE;
  vs_pool_reload_volumes_async (self->pool, self->cancellable, reload_cb, g_object_ref (self));
}

static guint
position_from_widget (VsVolumeList *self,
                      GtkWidget    *widget)
{
  GtkWidget *row = NULL;

  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (self->column_view); w = gtk_widget_get_parent (w))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (w), "row") == 0)
        {
          row = w;
          break;
        }
    }

  if (row == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);
      GtkListItem *list_item;

      if (child != NULL && (list_item = g_object_get_data (G_OBJECT (child), "vs-list-item")) != NULL)
        return gtk_list_item_get_position (list_item);
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The row that has the keyboard focus, if any. */
static guint
focused_position (VsVolumeList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return GTK_INVALID_LIST_POSITION;

  return position_from_widget (self, focus);
}

/* A row the user acts on from the keyboard or with a right click is
 * selected alone unless it is selected already, as in a file manager. */
static void
select_for_action (VsVolumeList *self,
                   guint         position)
{
  if (position != GTK_INVALID_LIST_POSITION &&
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  update_n_selected (self);
}

static void
popup_context_menu (VsVolumeList *self,
                    GtkWidget    *relative_to,
                    double        x,
                    double        y)
{
  double self_x = x, self_y = y;

  if (self->n_selected == 0)
    return;

  if (self->context_popover == NULL)
    {
      self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->context_popover),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume actions"),
                                      -1);
      gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
    }

  gtk_widget_translate_coordinates (relative_to, GTK_WIDGET (self), x, y, &self_x, &self_y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover),
                               &(GdkRectangle) { (int) self_x, (int) self_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

static void
popup_at_point (VsVolumeList *self,
                double        x,
                double        y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  select_for_action (self, position_from_widget (self, picked));
  popup_context_menu (self, GTK_WIDGET (self->column_view), x, y);
}

/* Deleting -------------------------------------------------------------- */

static void
volumes_deleted_cb (GObject                    *owner,
                    const VsVolumeDeleteReport *report)
{
  VsVolumeList *self = VS_VOLUME_LIST (owner);

  if (report->errors->len == 0)
    {
      /* A later operation that worked makes an old error moot. */
      if (!self->error_is_listing)
        hide_error (self);
      return;
    }

  vs_volume_delete_show_failures (self->error_bar, report);
  self->error_is_listing = FALSE;
}

/* Signal callbacks ----------------------------------------------------- */

static void
search_changed_cb (VsVolumeList   *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* GtkSearchEntry says so again for a text it said already (an emptied
   * entry at once and after its delay): one order is enough. */
  if (g_strcmp0 (text, self->searched) != 0)
    {
      g_free (self->searched);
      self->searched = g_strdup (text);
      /* The matches from their top: rows past them go blank and leave. */
      self->scroll_to_top = TRUE;
      queue_order (self);
    }
  vs_volume_list_update_state (self);
}

static void
stop_search_cb (VsVolumeList   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
selection_changed_cb (VsVolumeList      *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  /* An error about what was selected before is moot now; not so when a
   * new order only moved the selection. */
  if (!self->error_is_listing && !self->reselecting)
    hide_error (self);

  update_n_selected (self);
}

static void
selection_items_changed_cb (VsVolumeList *self,
                            guint         position,
                            guint         removed,
                            guint         added,
                            GListModel   *model)
{
  /* Removed volumes leave the selection without "selection-changed". */
  if (removed > 0)
    update_n_selected (self);
}

static void
rows_items_changed_cb (VsVolumeList *self,
                       guint         position,
                       guint         removed,
                       guint         added,
                       GListModel   *model)
{
  if (added > 0)
    reselect_pending (self);
  select_pending_cb (self);
}

/* "No volumes match" only once the search went through every volume. */
static void
rows_pending_cb (VsVolumeList *self,
                 GParamSpec   *pspec,
                 VsVolumeRows *rows)
{
  queue_update (self);
}

/* The user sorted (a column header, the sort menu): show the top of the
 * new order, or the list would look unchanged around the rows in view. */
static void
view_sorter_changed_cb (VsVolumeList     *self,
                        GtkSorterChange   change,
                        GtkSorter        *sorter)
{
  VsVolumeSortKey key;
  GtkSortType order;

  if (!vs_volume_sorter_find_primary (sorter, &key, &order))
    return;

  self->scroll_to_top = TRUE;

  if (key != self->sort_key)
    {
      self->sort_key = key;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
    }
  if (order != self->sort_order)
    {
      self->sort_order = order;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
    }
  update_sort_button (self);
  queue_order (self);
}

static gboolean
pointer_idle_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  self->pointer_idle_id = 0;
  self->pointer_down = FALSE;

  return G_SOURCE_REMOVE;
}

/* Remembers, until the press is handled, that the focus may arrive by the
 * pointer: then the click selects, not the focus. */
static void
any_press_cb (GtkGestureClick *gesture,
              int              n_press,
              double           x,
              double           y,
              VsVolumeList    *self)
{
  self->pointer_down = TRUE;
  if (self->pointer_idle_id == 0)
    self->pointer_idle_id = g_idle_add (pointer_idle_cb, self);
}

static gboolean
select_focused_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  self->focus_idle_id = 0;
  if (self->n_selected == 0)
    select_for_action (self, focused_position (self));

  return G_SOURCE_REMOVE;
}

/* Tab into the list focuses a row; select it too, so that Delete and the
 * context-menu key act on what the keyboard is on. From an idle: the focus
 * is not on the row yet while it enters. */
static void
focus_enter_cb (VsVolumeList *self)
{
  if (self->pointer_down || self->n_selected > 0 || self->focus_idle_id != 0)
    return;

  self->focus_idle_id = g_idle_add (select_focused_cb, self);
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    VsVolumeList    *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at_point (self, x, y);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               VsVolumeList        *self)
{
  popup_at_point (self, x, y);
}

static void
pool_state_changed_cb (VsVolumeList *self,
                       GParamSpec   *pspec,
                       VsPool       *pool)
{
  /* A pool that stopped and starts again gets listed again. */
  if (!vs_pool_get_active (pool))
    self->load_attempted = FALSE;

  ensure_loaded (self);
  fill (self);
  queue_update (self);
}

static void
pool_loading_changed_cb (VsVolumeList *self,
                         GParamSpec   *pspec,
                         VsPool       *pool)
{
  if (vs_pool_get_loading (pool))
    {
      if (self->resort_id == 0)
        self->resort_id = g_timeout_add (RESORT_INTERVAL_MS, resort_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->resort_id, g_source_remove);
      /* A path can change once details are in: match again. */
      if (sorted_by_details (self) || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        queue_order (self);
    }

  vs_volume_list_update_state (self);
}

/* Actions ---------------------------------------------------------------- */

static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VsVolumeList *self = VS_VOLUME_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

  /* From the keyboard: point at the focused row when there is one. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)) &&
      gtk_widget_compute_bounds (focus, GTK_WIDGET (self->column_view), &bounds))
    {
      select_for_action (self, position_from_widget (self, focus));
      popup_context_menu (self, GTK_WIDGET (self->column_view),
                          bounds.origin.x + 24, bounds.origin.y + bounds.size.height / 2);
      return;
    }

  popup_context_menu (self, GTK_WIDGET (self->column_view), 24, 24);
}

/* Volume operations ------------------------------------------------------
 *
 * Files dropped from a file manager are uploaded as new volumes (the steps
 * are in vs-volume-operations.c); a volume made from the window is
 * selected and scrolled to once the list shows it. */

static gboolean
select_now (VsVolumeList *self,
            VsVolume     *volume)
{
  guint position = vs_volume_rows_find (self->rows, volume);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
  return TRUE;
}

static void
select_pending_cb (VsVolumeList *self)
{
  if (self->select_pending != NULL && select_now (self, self->select_pending))
    g_clear_object (&self->select_pending);
}

/* @user_data: a GWeakRef to the list, which may be gone before a long
 * upload ends. */
static void
dropped_file_uploaded_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(VsVolumeList) self = g_weak_ref_get (weak);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  vs_volume_operations_finish (result, &volume, &error);
  if (self == NULL)
    return;

  if (error == NULL)
    {
      if (self->pool == VS_POOL (object))
        vs_volume_list_select_volume (self, volume);
    }
  else if (self->pool == VS_POOL (object) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      vs_error_bar_show_error (self->error_bar, NULL, error);
      self->error_is_listing = FALSE;
    }
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VsVolumeList  *self)
{
  GSList *files;
  gboolean any;

  if (self->pool == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  if (!vs_pool_get_active (self->pool) || !vs_pool_get_reachable (self->pool))
    {
      vs_error_bar_show_message (self->error_bar, _("The file cannot be uploaded"),
                                 _("Start the pool first: a stopped pool takes no new volumes."), NULL);
      self->error_is_listing = FALSE;
      return FALSE;
    }

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  any = files != NULL;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      g_weak_ref_init (weak, self);
      vs_volume_operations_upload_new_async (GTK_WIDGET (self), self->pool, l->data, self->cancellable,
                                             dropped_file_uploaded_cb, weak);
    }
  g_slist_free (files);

  return any;
}

static void
init_volume_operations (VsVolumeList *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (self->actions_button));
  GtkWidget *button;

  /* The context menu, from the bottom left corner: opens up and right. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume actions"), -1);
  /* Its button says what the menu holds, not only "Volume". */
  button = gtk_widget_get_first_child (GTK_WIDGET (self->actions_button));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume actions"), -1);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* Class ----------------------------------------------------------------- */

static void
vs_volume_list_dispose (GObject *object)
{
  VsVolumeList *self = (VsVolumeList *)object;
  GtkWidget *child;

  vs_volume_list_set_pool (self, NULL);

  /* The models empty while the template goes: nothing may react to that. */
  g_signal_handlers_disconnect_by_data (self->selection, self);
  g_signal_handlers_disconnect_by_data (self->rows, self);
  g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  cancel_order (self);
  g_clear_object (&self->order_cancellable);
  g_clear_pointer (&self->reselect, g_ptr_array_unref);
  g_clear_pointer (&self->searched, g_free);
  g_clear_handle_id (&self->update_idle_id, g_source_remove);
  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_clear_handle_id (&self->pointer_idle_id, g_source_remove);
  g_clear_handle_id (&self->focus_idle_id, g_source_remove);
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_LIST);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_volume_list_parent_class)->dispose (object);
}

static void
vs_volume_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VsVolumeList *self = VS_VOLUME_LIST (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_string (value, sort_key_nick (self->sort_key));
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order == GTK_SORT_ASCENDING ? "ascending" : "descending");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VsVolumeList *self = VS_VOLUME_LIST (object);

  switch (prop_id)
    {
    case PROP_POOL:
      vs_volume_list_set_pool (self, g_value_get_object (value));
      break;
    case PROP_SORT_COLUMN:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (VS_TYPE_VOLUME_SORT_KEY);
        GEnumValue *key = g_enum_get_value_by_nick (enum_class, g_value_get_string (value));

        if (key != NULL)
          vs_volume_list_sort (self, key->value, self->sort_order);
      }
      break;
    case PROP_SORT_ORDER:
      vs_volume_list_sort (self, self->sort_key,
                           g_strcmp0 (g_value_get_string (value), "descending") == 0
                             ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_volume_list_class_init (VsVolumeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_volume_list_dispose;
  object_class->get_property = vs_volume_list_get_property;
  object_class->set_property = vs_volume_list_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The nick of a VsVolumeSortKey: "name", "capacity", ... */
  properties[PROP_SORT_COLUMN] =
    g_param_spec_string ("sort-column", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "ascending" or "descending" */
  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "ascending",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_VOLUME_ROWS);
  g_type_ensure (VS_TYPE_ERROR_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-volume-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, stack);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, column_view);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, selection);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, rows);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, name_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, format_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, capacity_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, allocation_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, path_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, used_by_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, no_results_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, volumes_error_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, volumes_error_detail);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, count_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, details_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, sort_button);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, sort_icon);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, sort_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, context_menu);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, actions_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rows_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rows_pending_cb);
  gtk_widget_class_bind_template_callback (widget_class, any_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, focus_enter_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_press_cb);

  gtk_widget_class_install_action (widget_class, "volume-list.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_install_property_action (widget_class, "volume-list.sort-column", "sort-column");
  gtk_widget_class_install_property_action (widget_class, "volume-list.sort-order", "sort-order");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "volume-list.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "volume-list.popup-menu", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_volume_list_init (VsVolumeList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));
  self->searched = g_strdup ("");

  self->columns[VS_VOLUME_SORT_NAME] = self->name_column;
  self->columns[VS_VOLUME_SORT_FORMAT] = self->format_column;
  self->columns[VS_VOLUME_SORT_CAPACITY] = self->capacity_column;
  self->columns[VS_VOLUME_SORT_ALLOCATION] = self->allocation_column;
  self->columns[VS_VOLUME_SORT_PATH] = self->path_column;
  self->columns[VS_VOLUME_SORT_USED_BY] = self->used_by_column;
  for (guint key = 0; key < N_COLUMNS; key++)
    {
      g_autoptr(GtkSorter) sorter = vs_volume_sorter_new (key);

      gtk_column_view_column_set_sorter (self->columns[key], sorter);
    }

  set_cell_factory (self->name_column, G_CALLBACK (name_setup_cb), NULL);
  set_cell_factory (self->format_column, G_CALLBACK (text_setup_cb), GINT_TO_POINTER (VS_VOLUME_TEXT_FORMAT));
  set_cell_factory (self->capacity_column, G_CALLBACK (text_setup_cb), GINT_TO_POINTER (VS_VOLUME_TEXT_CAPACITY));
  set_cell_factory (self->allocation_column, G_CALLBACK (allocation_setup_cb), NULL);
  set_cell_factory (self->path_column, G_CALLBACK (text_setup_cb), GINT_TO_POINTER (VS_VOLUME_TEXT_PATH));
  set_cell_factory (self->used_by_column, G_CALLBACK (text_setup_cb), GINT_TO_POINTER (VS_VOLUME_TEXT_USED_BY));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rows scrolled into view show their volume even while the others wait
   * for their turn. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (update_view_range), self, G_CONNECT_SWAPPED);
  self->sort_key = VS_VOLUME_SORT_NAME;
  self->sort_order = GTK_SORT_ASCENDING;
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  update_sort_button (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->column_view));
  vs_accessible_name_search_bar (self->search_bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (self->sort_button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sort the volumes"),
                                  -1);
  /* In the bottom right corner: open up and towards the list. */
  gtk_widget_set_halign (GTK_WIDGET (gtk_menu_button_get_popover (self->sort_button)), GTK_ALIGN_END);
  name_view_parts (self);
  init_volume_operations (self);

  vs_volume_list_update_state (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_volume_list_new (void)
{
  return g_object_new (VS_TYPE_VOLUME_LIST, NULL);
}

VsPool *
vs_volume_list_get_pool (VsVolumeList *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LIST (self), NULL);

  return self->pool;
}

void
vs_volume_list_set_pool (VsVolumeList *self,
                         VsPool       *pool)
{
  g_return_if_fail (VS_IS_VOLUME_LIST (self));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  if (self->pool == pool)
    return;

  if (self->pool != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->pool, self);
      g_signal_handlers_disconnect_by_data (vs_pool_get_volumes (self->pool), self);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_handle_id (&self->resort_id, g_source_remove);
    }

  cancel_order (self);
  g_set_object (&self->pool, pool);
  g_clear_object (&self->select_pending);
  g_clear_pointer (&self->reselect, g_ptr_array_unref);
  self->load_attempted = FALSE;

  /* Scrolled while the old rows are still there: GTK 4.8 warns when an
   * emptied list view is scrolled. The next pool starts at its top left,
   * with its names in view. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
      gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scrolled_window), 0);
    }

  /* The old rows stay, blank, until the new pool's first rows re-point
   * them (see fill()): their widgets are not built again. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  update_view_range (self);
  vs_volume_rows_blank (self->rows);
  self->rows_fresh = TRUE;
  self->scroll_to_top = TRUE;

  hide_error (self);
  g_free (self->searched);
  self->searched = g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  if (pool == NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      self->rows_fresh = FALSE;
      vs_volume_rows_show (self->rows, none, 0);
    }
  else
    {
      self->cancellable = g_cancellable_new ();

      g_signal_connect_object (vs_pool_get_volumes (pool), "items-changed", G_CALLBACK (volumes_changed_cb),
                               self, G_CONNECT_SWAPPED);

      g_signal_connect_object (pool, "notify::active", G_CALLBACK (pool_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::reachable", G_CALLBACK (pool_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::volumes-loaded", G_CALLBACK (pool_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::busy", G_CALLBACK (pool_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pool, "notify::loading", G_CALLBACK (pool_loading_changed_cb),
                               self, G_CONNECT_SWAPPED);

      if (vs_pool_get_loading (pool))
        self->resort_id = g_timeout_add (RESORT_INTERVAL_MS, resort_cb, self);

      ensure_loaded (self);
      fill (self);
    }

  update_n_selected (self);
  vs_volume_list_update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}

guint
vs_volume_list_get_n_selected (VsVolumeList *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LIST (self), 0);

  return self->n_selected;
}

GPtrArray *
vs_volume_list_get_selected (VsVolumeList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GPtrArray *volumes;
  guint position;

  g_return_val_if_fail (VS_IS_VOLUME_LIST (self), NULL);

  volumes = g_ptr_array_new_with_free_func (g_object_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      VsVolume *volume = vs_volume_rows_get_volume (self->rows, position);

      if (volume != NULL)
        g_ptr_array_add (volumes, g_object_ref (volume));
    }

  /* Selected, in rows still to come. */
  if (self->reselect != NULL)
    for (guint i = 0; i < self->reselect->len; i++)
      g_ptr_array_add (volumes, g_object_ref (g_ptr_array_index (self->reselect, i)));

  return volumes;
}

gboolean
vs_volume_list_get_updating (VsVolumeList *self)
{
  g_return_val_if_fail (VS_IS_VOLUME_LIST (self), FALSE);

  return self->order_running || self->order_idle_id != 0 || (self->rows_fresh && self->pool != NULL) ||
         vs_volume_rows_get_pending (self->rows);
}

void
vs_volume_list_sort (VsVolumeList    *self,
                     VsVolumeSortKey  key,
                     GtkSortType      order)
{
  g_return_if_fail (VS_IS_VOLUME_LIST (self));
  g_return_if_fail (key < N_COLUMNS);

  /* GTK 4.8 leaves the sort arrows of the columns sorted before on their
   * headers unless the sort is cleared first. */
  gtk_column_view_sort_by_column (self->column_view, NULL, order);
  gtk_column_view_sort_by_column (self->column_view, self->columns[key], order);
}

void
vs_volume_list_start_search (VsVolumeList *self)
{
  g_return_if_fail (VS_IS_VOLUME_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
vs_volume_list_copy_paths (VsVolumeList *self)
{
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GString) text = NULL;

  g_return_if_fail (VS_IS_VOLUME_LIST (self));

  volumes = vs_volume_list_get_selected (self);
  if (volumes->len == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < volumes->len; i++)
    {
      const char *path = vs_volume_get_path (g_ptr_array_index (volumes, i));

      if (path == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, path);
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
}

void
vs_volume_list_delete_selected (VsVolumeList *self)
{
  g_autoptr(GPtrArray) selected = NULL;

  g_return_if_fail (VS_IS_VOLUME_LIST (self));

  selected = vs_volume_list_get_selected (self);
  if (selected->len == 0 || self->pool == NULL)
    return;

  vs_volume_delete_ask (GTK_WIDGET (self), selected, self->cancellable, volumes_deleted_cb, G_OBJECT (self));
}

void
vs_volume_list_select_volume (VsVolumeList *self,
                              VsVolume     *volume)
{
  g_return_if_fail (VS_IS_VOLUME_LIST (self));
  g_return_if_fail (VS_IS_VOLUME (volume));

  g_clear_object (&self->select_pending);
  if (!select_now (self, volume))
    self->select_pending = g_object_ref (volume);
}
