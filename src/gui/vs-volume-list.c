/* vs-volume-list.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-volume.h"
#include "vs-volume-list.h"

/* How many names the delete confirmation lists before "and N more". */
#define MAX_LISTED_NAMES 10
/* While details arrive, the sorted order is refreshed this often (ms) so a
 * list sorted by size or format settles without waiting for the last one. */
#define RESORT_INTERVAL_MS 1500

struct _VsVolumeList
{
  GtkWidget            parent_instance;

  VsPool              *pool;
  GCancellable        *cancellable;     /* this pool's reload and deletes */
  GtkWidget           *context_popover;
  guint                n_selected;
  guint                update_idle_id;
  guint                resort_id;
  guint                scroll_idle_id;
  guint                load_attempted : 1;
  guint                scroll_to_top : 1;
  guint                error_is_listing : 1;

  /* Template widgets */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkInfoBar          *error_bar;
  GtkLabel            *error_heading;
  GtkLabel            *error_body;
  GtkExpander         *error_expander;
  GtkLabel            *error_detail;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkFilter           *search_filter;
  GtkStringFilter     *name_filter;
  GtkStringFilter     *path_filter;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *format_column;
  GtkColumnViewColumn *capacity_column;
  GtkColumnViewColumn *allocation_column;
  GtkColumnViewColumn *path_column;
  GtkColumnViewColumn *used_by_column;
  GtkSpinner          *loading_spinner;
  GtkLabel            *no_results_label;
  GtkLabel            *volumes_error_label;
  GtkLabel            *count_label;
  GtkLabel            *details_label;
  GMenuModel          *context_menu;
};

typedef struct
{
  VsVolumeList *self;
  GPtrArray    *volumes;
  GPtrArray    *errors;     /* "name: message" */
  GError       *error;      /* the first one */
  guint         pending;
} DeleteData;

static void vs_volume_list_update_state (VsVolumeList *self);

G_DEFINE_FINAL_TYPE (VsVolumeList, vs_volume_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cell text ------------------------------------------------------------ */

static char *
used_by_text_cb (gpointer  item,
                 GStrv     used_by)
{
  if (used_by == NULL || used_by[0] == NULL)
    return NULL;

  /* Translators: separates the names of the virtual machines using a volume */
  return g_strjoinv (_(", "), used_by);
}

/* Sorters --------------------------------------------------------------- */

/* Custom sorters with a natural order rather than GtkStringSorter: besides
 * "disk-2" before "disk-10", GtkStringSorter builds a collation key for
 * every volume when the list arrives, tens of milliseconds on the main
 * thread for 10,000 volumes. */

static int
compare_strv (const char * const *a,
              const char * const *b)
{
  for (; a != NULL && b != NULL && *a != NULL && *b != NULL; a++, b++)
    {
      int cmp = vs_natural_compare (*a, *b);

      if (cmp != 0)
        return cmp;
    }

  return (a != NULL && *a != NULL) - (b != NULL && *b != NULL);
}

static int
compare_volumes (gconstpointer a,
                 gconstpointer b,
                 gpointer      column)
{
  VsVolume *volume_a = (VsVolume *) a;
  VsVolume *volume_b = (VsVolume *) b;

  switch (GPOINTER_TO_INT (column))
    {
    case 0:
      return vs_natural_compare (vs_volume_get_name (volume_a), vs_volume_get_name (volume_b));
    case 1:
      return vs_natural_compare (vs_volume_get_format (volume_a), vs_volume_get_format (volume_b));
    case 2:
      return vs_natural_compare (vs_volume_get_path (volume_a), vs_volume_get_path (volume_b));
    default:
      return compare_strv (vs_volume_get_used_by (volume_a), vs_volume_get_used_by (volume_b));
    }
}

static GtkOrdering
volume_ordering_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      column)
{
  return gtk_ordering_from_cmpfunc (compare_volumes (a, b, column));
}

static void
set_natural_sorter (GtkColumnViewColumn *column,
                    int                  which)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (volume_ordering_cb,
                                                            GINT_TO_POINTER (which), NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* Text cells ------------------------------------------------------------- */

/* The plain text columns are built in code rather than with
 * GtkBuilderListItemFactory: GTK 4.8 drops and rebuilds the visible rows at
 * every step of an incremental sort, and parsing a builder template per
 * cell made each step stall the window for over 100 ms. */

typedef char *(*VolumeTextFunc) (VsVolume *volume);

typedef struct
{
  VolumeTextFunc      text;
  const char * const *signals;
  float               xalign;
  PangoEllipsizeMode  ellipsize;
  gboolean            dim;
  gboolean            numeric;
} TextCell;

static char *
format_cell_text (VsVolume *volume)
{
  const char *format = vs_volume_get_format (volume);

  if (!vs_volume_get_details_loaded (volume))
    return g_strdup ("…");

  return g_strdup (format != NULL ? format : "—");
}

static char *
capacity_cell_text (VsVolume *volume)
{
  if (!vs_volume_get_details_loaded (volume))
    return g_strdup ("…");

  return vs_format_size (vs_volume_get_capacity (volume));
}

static char *
path_cell_text (VsVolume *volume)
{
  return g_strdup (vs_volume_get_path (volume));
}

static char *
used_by_cell_text (VsVolume *volume)
{
  return used_by_text_cb (volume, (GStrv) vs_volume_get_used_by (volume));
}

static const char * const format_signals[] = { "notify::format", "notify::details-loaded", NULL };
static const char * const capacity_signals[] = { "notify::capacity", "notify::details-loaded", NULL };
static const char * const path_signals[] = { "notify::path", NULL };
static const char * const used_by_signals[] = { "notify::used-by", NULL };

static const TextCell format_cell = { format_cell_text, format_signals, 0.0, PANGO_ELLIPSIZE_END, FALSE, FALSE };
static const TextCell capacity_cell = { capacity_cell_text, capacity_signals, 1.0, PANGO_ELLIPSIZE_NONE, FALSE, TRUE };
static const TextCell path_cell = { path_cell_text, path_signals, 0.0, PANGO_ELLIPSIZE_MIDDLE, TRUE, FALSE };
static const TextCell used_by_cell = { used_by_cell_text, used_by_signals, 0.0, PANGO_ELLIPSIZE_END, FALSE, FALSE };

/* GTK 4.8's GtkStringSorter and GtkStringFilter fail on NULL strings
 * (details not loaded yet, no domain using a volume). */
static char *
string_or_empty_cb (gpointer    item,
                    const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

static const char *
volume_icon_name (VsVolume *volume)
{
  const char *format = vs_volume_get_format (volume);

  if (g_strcmp0 (format, "iso") == 0)
    return "media-optical-symbolic";

  switch (vs_volume_get_volume_type (volume))
    {
    case VS_VOLUME_TYPE_DIR:
    case VS_VOLUME_TYPE_NETDIR:
      return "folder-symbolic";
    case VS_VOLUME_TYPE_NETWORK:
      return "network-server-symbolic";
    case VS_VOLUME_TYPE_UNKNOWN:
    case VS_VOLUME_TYPE_FILE:
    case VS_VOLUME_TYPE_BLOCK:
    case VS_VOLUME_TYPE_PLOOP:
    default:
      return "drive-harddisk-symbolic";
    }
}

/* Name cell ------------------------------------------------------------- */

/* The name cell is built in code: it asks the pool to fetch the details of
 * visible rows first, and it tags its widget with the list item so a click
 * anywhere in a row can be traced back to a position (GTK 4.8 has no API
 * for that). */

static void
name_cell_update_icon (VsVolume *volume,
                       GParamSpec *pspec,
                       GtkImage *image)
{
  gtk_image_set_from_icon_name (image, volume_icon_name (volume));
}

/* Cells never set a tooltip text: on X11 each gtk_widget_set_tooltip_text()
 * asks the server where the pointer is, a round trip per cell that made
 * showing a 10,000-volume pool take half a second. The text is made when a
 * tooltip is about to show, and only for a label cut short. */
static gboolean
label_query_tooltip_cb (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  GtkLabel *label = GTK_LABEL (widget);
  const char *text = gtk_label_get_text (label);

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
name_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    VsVolumeList             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume"),
                                  -1);
  gtk_widget_add_css_class (image, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
  gtk_widget_set_visible (spinner, FALSE);

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spinner);

  g_object_set_data (G_OBJECT (box), "vs-list-item", list_item);
  gtk_list_item_set_child (list_item, box);
}

static void
name_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   VsVolumeList             *self)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  GtkWidget *spinner = gtk_widget_get_next_sibling (label);
  VsPool *pool = vs_volume_get_pool (volume);
  GPtrArray *bindings = g_ptr_array_new ();

  g_ptr_array_add (bindings, g_object_bind_property (volume, "name", label, "label",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (volume, "busy", spinner, "visible",
                                                     G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (volume, "busy", spinner, "spinning",
                                                     G_BINDING_SYNC_CREATE));
  g_object_set_data_full (G_OBJECT (list_item), "vs-bindings", bindings,
                          (GDestroyNotify) g_ptr_array_unref);

  name_cell_update_icon (volume, NULL, GTK_IMAGE (image));
  g_signal_connect_object (volume, "notify::details-loaded",
                           G_CALLBACK (name_cell_update_icon), image, 0);

  if (pool != NULL && !vs_volume_get_details_loaded (volume))
    vs_pool_prioritize_volume (pool, volume);
}

static void
name_cell_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     VsVolumeList             *self)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GPtrArray *bindings = g_object_get_data (G_OBJECT (list_item), "vs-bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_object_set_data (G_OBJECT (list_item), "vs-bindings", NULL);

  if (volume != NULL)
    g_signal_handlers_disconnect_by_func (volume, name_cell_update_icon,
                                          gtk_widget_get_first_child (box));
}

static void
text_cell_update (GtkLabel   *label,
                  GParamSpec *pspec,
                  VsVolume   *volume)
{
  const TextCell *cell = g_object_get_data (G_OBJECT (label), "vs-text-cell");
  g_autofree char *text = cell->text (volume);

  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
text_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    const TextCell           *cell)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), cell->xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), cell->ellipsize);
  if (cell->dim)
    gtk_widget_add_css_class (label, "dim-label");
  if (cell->numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
    }
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
  g_object_set_data (G_OBJECT (label), "vs-text-cell", (gpointer) cell);
  gtk_list_item_set_child (list_item, label);
}

static void
text_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   const TextCell           *cell)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  for (guint i = 0; cell->signals[i] != NULL; i++)
    g_signal_connect_object (volume, cell->signals[i], G_CALLBACK (text_cell_update), label,
                             G_CONNECT_SWAPPED);
  text_cell_update (GTK_LABEL (label), NULL, volume);
}

static void
text_cell_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     const TextCell           *cell)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);

  if (volume != NULL)
    g_signal_handlers_disconnect_by_func (volume, text_cell_update,
                                          gtk_list_item_get_child (list_item));
}

static void
set_text_factory (GtkColumnViewColumn *column,
                  const TextCell      *cell)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup_cb), (gpointer) cell);
  g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind_cb), (gpointer) cell);
  g_signal_connect (factory, "unbind", G_CALLBACK (text_cell_unbind_cb), (gpointer) cell);
  gtk_column_view_column_set_factory (column, factory);
}

/* Allocation cell ------------------------------------------------------- */

/* Built in code: GtkLevelBar's default offsets ("battery low" below a
 * quarter) cannot be removed from a .ui file, and GtkProgressBar is too
 * wide for a cell. The bar shows what the host uses against what the guest
 * sees, so thin provisioning shows at a glance. */

static gboolean
allocation_query_tooltip_cb (GtkWidget  *box,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  VsVolume *volume = g_object_get_data (G_OBJECT (box), "vs-volume");
  guint64 allocation, capacity;
  g_autofree char *allocation_text = NULL;
  g_autofree char *capacity_text = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;

  if (volume == NULL || !vs_volume_get_details_loaded (volume))
    return FALSE;

  allocation = vs_volume_get_allocation (volume);
  capacity = vs_volume_get_capacity (volume);
  allocation_text = vs_format_size (allocation);
  capacity_text = vs_format_size (capacity);
  percent = vs_format_percent (capacity > 0 ? (double) allocation / (double) capacity : 0.0);
  /* Translators: "3.0 GiB used on the host of 32.0 GiB the guest sees (9%)" */
  text = g_strdup_printf (_("%s used on the host of %s the guest sees (%s)"),
                          allocation_text, capacity_text, percent);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
allocation_cell_update (GtkWidget *box,
                        GParamSpec *pspec,
                        VsVolume   *volume)
{
  GtkWidget *bar = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (bar);
  guint64 allocation = vs_volume_get_allocation (volume);
  guint64 capacity = vs_volume_get_capacity (volume);
  g_autofree char *allocation_text = NULL;
  double fraction;

  if (!vs_volume_get_details_loaded (volume))
    {
      gtk_widget_set_visible (bar, FALSE);
      gtk_label_set_text (GTK_LABEL (label), "…");
      return;
    }

  fraction = capacity > 0 ? (double) allocation / (double) capacity : 0.0;
  allocation_text = vs_format_size (allocation);

  gtk_widget_set_visible (bar, TRUE);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fraction, 0.0, 1.0));
  gtk_label_set_text (GTK_LABEL (label), allocation_text);
}

static void
allocation_cell_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          VsVolumeList             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *label = gtk_label_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vs-usage-normal", 1.0);
  gtk_widget_add_css_class (bar, "vs-usage");
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 40, -1);

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_width_chars (GTK_LABEL (label), 9);

  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (allocation_query_tooltip_cb), NULL);
  gtk_list_item_set_child (list_item, box);
}

static void
allocation_cell_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         VsVolumeList             *self)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const char *signals[] = { "notify::allocation", "notify::capacity", "notify::details-loaded" };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (volume, signals[i], G_CALLBACK (allocation_cell_update), box,
                             G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (box), "vs-volume", volume);
  allocation_cell_update (box, NULL, volume);
}

static void
allocation_cell_unbind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           VsVolumeList             *self)
{
  VsVolume *volume = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "vs-volume", NULL);
  if (volume != NULL)
    g_signal_handlers_disconnect_by_func (volume, allocation_cell_update,
                                          gtk_list_item_get_child (list_item));
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

/* @body is shown as it is; @detail (libvirt's words) one click away. */
static void
show_error (VsVolumeList *self,
            const char   *heading,
            const char   *body,
            const char   *detail,
            gboolean      is_listing)
{
  gtk_label_set_text (self->error_heading, heading);
  gtk_label_set_text (self->error_body, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_body), body != NULL && *body != '\0');
  gtk_label_set_text (self->error_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_expander), detail != NULL && *detail != '\0');
  gtk_expander_set_expanded (self->error_expander, FALSE);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
  self->error_is_listing = !!is_listing;
}

/* The core writes "What failed: libvirt's words"; a message of its own
 * (a volume in use) has no such part and is shown whole. */
static void
show_gerror (VsVolumeList *self,
             const char   *heading,
             const GError *error,
             gboolean      is_listing)
{
  const char *colon = strstr (error->message, ": ");

  if (colon != NULL && colon != error->message && colon[2] != '\0')
    show_error (self, heading, NULL, colon + 2, is_listing);
  else
    show_error (self, heading, error->message, NULL, is_listing);
}

static void
hide_error (VsVolumeList *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
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
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  loading = vs_pool_get_loading (self->pool);

  if (n_all == 0 && error != NULL)
    {
      page = "error";
      gtk_label_set_text (self->volumes_error_label, error->message);
    }
  else if (n_all == 0 && !vs_pool_get_volumes_loaded (self->pool) && vs_pool_get_active (self->pool))
    page = "loading";
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0 && *search != '\0' &&
           gtk_filter_list_model_get_pending (self->filter_model) == 0)
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
    show_gerror (self, _("The volume list could not be refreshed"), error, TRUE);
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

/* GtkSortListModel does not watch item properties: once details arrive,
 * the columns that show them must be sorted again. Only their sorters are
 * poked, and GtkColumnViewSorter passes that on only when the view is
 * sorted by one of them, so a list sorted by name is left alone. */
static void
resort (VsVolumeList *self)
{
  GtkColumnViewColumn *columns[] = {
    self->format_column, self->capacity_column, self->allocation_column, self->used_by_column,
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkSorter *sorter = gtk_column_view_column_get_sorter (columns[i]);

      if (sorter != NULL)
        gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
    }
}

static gboolean
resort_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;

  resort (self);

  return G_SOURCE_CONTINUE;
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

/* The view keeps the row at its top in place while an incremental sort
 * moves it, so a freshly shown pool would open somewhere in the middle.
 * Once the first sort is done, anchor the view on the first row with
 * GtkListView's own action (setting the adjustment races with the layout).
 * The check runs from an idle because the sort model reports its progress
 * from inside its own items-changed handlers. */
static gboolean
scroll_to_top_cb (gpointer user_data)
{
  VsVolumeList *self = user_data;
  GtkWidget *list_view;

  self->scroll_idle_id = 0;

  if (!self->scroll_to_top ||
      gtk_sort_list_model_get_pending (self->sort_model) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    return G_SOURCE_REMOVE;

  self->scroll_to_top = FALSE;
  if ((list_view = inner_list_view (self)) != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);

  return G_SOURCE_REMOVE;
}

static void
sort_progress_cb (VsVolumeList *self)
{
  if (self->scroll_to_top && self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add (scroll_to_top_cb, self);
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
      gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
    }

  gtk_widget_translate_coordinates (relative_to, GTK_WIDGET (self), x, y, &self_x, &self_y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover),
                               &(GdkRectangle) { (int) self_x, (int) self_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

/* Right-click or long-press on a row that is not selected selects it
 * alone, as in a file manager. */
static void
popup_at_point (VsVolumeList *self,
                double        x,
                double        y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  guint position = position_from_widget (self, picked);

  if (position != GTK_INVALID_LIST_POSITION &&
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  update_n_selected (self);
  popup_context_menu (self, GTK_WIDGET (self->column_view), x, y);
}

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->volumes, g_ptr_array_unref);
  g_clear_pointer (&data->errors, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

/* Signal callbacks ----------------------------------------------------- */

static void
search_changed_cb (VsVolumeList   *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_string_filter_set_search (self->name_filter, text);
  gtk_string_filter_set_search (self->path_filter, text);
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
error_bar_response_cb (VsVolumeList *self,
                       int           response,
                       GtkInfoBar   *bar)
{
  if (response == GTK_RESPONSE_CLOSE)
    hide_error (self);
}

static void
selection_changed_cb (VsVolumeList      *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
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
filter_items_changed_cb (VsVolumeList *self,
                         guint         position,
                         guint         removed,
                         guint         added,
                         GListModel   *model)
{
  queue_update (self);
}

/* "No volumes match" only once the filter went through every volume. */
static void
filter_pending_cb (VsVolumeList       *self,
                   GParamSpec         *pspec,
                   GtkFilterListModel *model)
{
  queue_update (self);
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
      resort (self);
      /* A path can change once details are in: match again. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        gtk_filter_changed (self->search_filter, GTK_FILTER_CHANGE_DIFFERENT);
    }

  vs_volume_list_update_state (self);
}

static void
delete_finished (DeleteData *data)
{
  VsVolumeList *self = data->self;
  g_autofree char *heading = NULL;
  g_autofree char *detail = NULL;

  if (data->errors->len == 0)
    return;

  if (data->volumes->len == 1)
    {
      heading = g_strdup_printf (_("Could not delete “%s”"),
                                 vs_volume_get_name (g_ptr_array_index (data->volumes, 0)));
      show_gerror (self, heading, data->error, FALSE);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Could not delete %u volume of %u",
                                          "Could not delete %u volumes of %u",
                                          data->errors->len),
                             data->errors->len, data->volumes->len);
  g_ptr_array_add (data->errors, NULL);
  detail = g_strjoinv ("\n", (char **) data->errors->pdata);
  show_error (self, heading, NULL, detail, FALSE);
}

static void
volume_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeleteData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_volume_delete_finish (VS_VOLUME (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: a volume's name, then why it could not be deleted */
      g_ptr_array_add (data->errors, g_strdup_printf (_("%s: %s"), vs_volume_get_name (VS_VOLUME (object)),
                                                      error->message));
      if (data->error == NULL)
        data->error = g_steal_pointer (&error);
    }

  if (--data->pending == 0)
    {
      delete_finished (data);
      delete_data_free (data);
    }
}

static void
delete_confirmed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_confirm_finish (result, &error))
    return;

  data->pending = data->volumes->len;
  for (guint i = 0; i < data->volumes->len; i++)
    vs_volume_delete_async (g_ptr_array_index (data->volumes, i), data->self->cancellable,
                            volume_deleted_cb, data);
  g_steal_pointer (&data);
}

/* Class ----------------------------------------------------------------- */

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
      guint position = position_from_widget (self, focus);

      if (position != GTK_INVALID_LIST_POSITION &&
          !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
      update_n_selected (self);
      popup_context_menu (self, GTK_WIDGET (self->column_view),
                          bounds.origin.x + 24, bounds.origin.y + bounds.size.height / 2);
      return;
    }

  popup_context_menu (self, GTK_WIDGET (self->column_view), 24, 24);
}

static void
vs_volume_list_dispose (GObject *object)
{
  VsVolumeList *self = (VsVolumeList *)object;
  GtkWidget *child;

  vs_volume_list_set_pool (self, NULL);

  /* The models empty while the template goes: nothing may react to that. */
  g_signal_handlers_disconnect_by_data (self->selection, self);
  g_signal_handlers_disconnect_by_data (self->sort_model, self);
  g_signal_handlers_disconnect_by_data (self->filter_model, self);
  g_clear_handle_id (&self->update_idle_id, g_source_remove);
  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_VOLUME_LIST);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  /* Dropping the models above reports items-changed, which may have asked
   * for the scroll idle again. */
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's expressions name VsVolume. */
  g_type_ensure (VS_TYPE_VOLUME);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-volume-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_heading);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_body);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_expander);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, error_detail);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, stack);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, column_view);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, selection);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, sort_model);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, filter_model);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, search_filter);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, name_filter);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, path_filter);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, name_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, format_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, capacity_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, allocation_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, path_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, used_by_column);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, no_results_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, volumes_error_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, count_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, details_label);
  gtk_widget_class_bind_template_child (widget_class, VsVolumeList, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_pending_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, string_or_empty_cb);

  gtk_widget_class_install_action (widget_class, "volume-list.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "volume-list.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "volume-list.popup-menu", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_volume_list_init (VsVolumeList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (name_cell_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (name_cell_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (name_cell_unbind_cb), self, 0);
  gtk_column_view_column_set_factory (self->name_column, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (allocation_cell_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (allocation_cell_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (allocation_cell_unbind_cb), self, 0);
  gtk_column_view_column_set_factory (self->allocation_column, factory);
  g_object_unref (factory);

  set_natural_sorter (self->name_column, 0);
  set_natural_sorter (self->format_column, 1);
  set_natural_sorter (self->path_column, 2);
  set_natural_sorter (self->used_by_column, 3);

  set_text_factory (self->format_column, &format_cell);
  set_text_factory (self->capacity_column, &capacity_cell);
  set_text_factory (self->path_column, &path_cell);
  set_text_factory (self->used_by_column, &used_by_cell);

  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  g_signal_connect_object (self->sort_model, "notify::pending", G_CALLBACK (sort_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (sort_progress_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->column_view));

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
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_handle_id (&self->resort_id, g_source_remove);
    }

  g_set_object (&self->pool, pool);
  self->load_attempted = FALSE;

  hide_error (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  /* Scrolled while the old rows are still there: GTK 4.8 warns when an
   * emptied list view is scrolled. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  gtk_filter_list_model_set_model (self->filter_model, pool != NULL ? vs_pool_get_volumes (pool) : NULL);
  self->scroll_to_top = TRUE;
  sort_progress_cb (self);

  if (pool != NULL)
    {
      self->cancellable = g_cancellable_new ();

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
    g_ptr_array_add (volumes, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return volumes;
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
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) users = NULL;
  DeleteData *data;

  g_return_if_fail (VS_IS_VOLUME_LIST (self));

  volumes = vs_volume_list_get_selected (self);
  if (volumes->len == 0 || self->pool == NULL)
    return;

  body = g_string_new (NULL);
  users = g_string_new (NULL);

  if (volumes->len == 1)
    {
      VsVolume *volume = g_ptr_array_index (volumes, 0);

      heading = g_strdup_printf (_("Delete the volume “%s”?"), vs_volume_get_name (volume));
      g_string_append_printf (body, _("%s is deleted from the disk with all its data."),
                              vs_volume_get_path (volume));
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u volume?", "Delete %u volumes?",
                                              volumes->len),
                                 volumes->len);
      g_string_append (body, _("These volumes are deleted from the disk with all their data:"));
      g_string_append_c (body, '\n');

      for (guint i = 0; i < volumes->len && i < MAX_LISTED_NAMES; i++)
        g_string_append_printf (body, "• %s\n", vs_volume_get_name (g_ptr_array_index (volumes, i)));

      if (volumes->len > MAX_LISTED_NAMES)
        {
          guint more = volumes->len - MAX_LISTED_NAMES;

          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", more),
                                  more);
          g_string_append_c (body, '\n');
        }
    }

  for (guint i = 0; i < volumes->len; i++)
    {
      VsVolume *volume = g_ptr_array_index (volumes, i);
      const char * const *used_by = vs_volume_get_used_by (volume);

      if (used_by != NULL && used_by[0] != NULL)
        {
          g_autofree char *names = g_strjoinv (_(", "), (char **) used_by);

          g_string_append_c (users, '\n');
          /* Translators: a volume's name, then the virtual machines using it */
          g_string_append_printf (users, _("“%s” is used by %s."), vs_volume_get_name (volume), names);
        }
    }

  if (users->len > 0)
    {
      g_string_append (body, "\n");
      g_string_append (body, _("Virtual machines still use some of them; libvirt refuses to delete a volume in use:"));
      g_string_append (body, users->str);
      g_string_append_c (body, '\n');
    }

  g_string_append_c (body, '\n');
  g_string_append (body, _("This cannot be undone."));

  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  data->volumes = g_steal_pointer (&volumes);
  data->errors = g_ptr_array_new_with_free_func (g_free);

  vs_confirm_async (GTK_WIDGET (self), heading, body->str,
                    data->volumes->len == 1 ? _("_Delete") : _("_Delete All"),
                    self->cancellable, delete_confirmed_cb, data);
}
