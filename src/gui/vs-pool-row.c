/* vs-pool-row.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool-row.h"
#include "vs-pool-type-facts.h"

/* Above this share of the capacity in use, the usage bar turns red. */
#define USAGE_CRITICAL 0.9

struct _VsPoolRow
{
  GtkWidget     parent_instance;

  VsPool       *pool;
  GSignalGroup *pool_signals;

  GtkImage     *type_image;
  GtkLabel     *name_label;
  GtkSpinner   *busy_spinner;
  GtkLabel     *state_label;
  GtkLabel     *detail_label;
  GtkLevelBar  *usage_bar;
};

G_DEFINE_FINAL_TYPE (VsPoolRow, vs_pool_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
type_label (const char *pool_type)
{
  const VsPoolTypeFactSheet *sheet = vs_pool_type_facts_lookup (pool_type);

  if (sheet != NULL)
    return _(sheet->label);

  return pool_type != NULL ? pool_type : _("Unknown type");
}

static const char *
state_text (VsPoolState state)
{
  switch (state)
    {
    case VS_POOL_STATE_INACTIVE:
      return _("Inactive");
    case VS_POOL_STATE_BUILDING:
      return _("Building");
    case VS_POOL_STATE_DEGRADED:
      return _("Degraded");
    case VS_POOL_STATE_INACCESSIBLE:
      return _("Inaccessible");
    case VS_POOL_STATE_RUNNING:
      return _("Active");
    case VS_POOL_STATE_UNKNOWN:
    default:
      return _("Unknown state");
    }
}

static void
update (VsPoolRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  VsPoolState state;
  gboolean active;
  gboolean reachable;
  gboolean busy;
  guint64 capacity;
  guint64 allocation;
  guint64 available;
  const char *target;
  g_autofree char *detail = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *usage = NULL;

  if (self->pool == NULL)
    return;

  state = vs_pool_get_state (self->pool);
  active = vs_pool_get_active (self->pool);
  reachable = vs_pool_get_reachable (self->pool);
  busy = vs_pool_get_busy (self->pool);
  capacity = vs_pool_get_capacity (self->pool);
  allocation = vs_pool_get_allocation (self->pool);
  available = vs_pool_get_available (self->pool);
  target = vs_pool_get_target_path (self->pool);

  gtk_label_set_label (self->name_label, vs_pool_get_name (self->pool));
  gtk_image_set_from_icon_name (self->type_image,
                                vs_pool_type_facts_icon_name (vs_pool_get_pool_type (self->pool)));

  if (active && capacity > 0)
    {
      g_autofree char *free_text = vs_format_size (available);
      g_autofree char *used_text = vs_format_size (allocation);
      g_autofree char *capacity_text = vs_format_size (capacity);
      g_autofree char *percent = vs_format_percent ((double) allocation / (double) capacity);
      double fraction = CLAMP ((double) allocation / (double) capacity, 0.0, 1.0);

      /* Translators: "12.0 GiB free · Directory"; the free space comes first,
       * as the sidebar cuts the end of the line (the icon shows the type) */
      detail = g_strdup_printf (_("%s free · %s"),
                                free_text, type_label (vs_pool_get_pool_type (self->pool)));
      /* Translators: "12.0 GiB of 50.0 GiB used (24 %)" */
      usage = g_strdup_printf (_("%s of %s used (%s)"), used_text, capacity_text, percent);
      gtk_level_bar_set_value (self->usage_bar, fraction);
      gtk_widget_set_visible (GTK_WIDGET (self->usage_bar), TRUE);
    }
  else
    {
      detail = g_strdup (type_label (vs_pool_get_pool_type (self->pool)));
      gtk_widget_set_visible (GTK_WIDGET (self->usage_bar), FALSE);
    }
  gtk_label_set_label (self->detail_label, detail);

  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != VS_POOL_STATE_RUNNING);
  gtk_label_set_label (self->state_label, state_text (state));

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);

  if (active)
    gtk_widget_remove_css_class (widget, "vs-inactive");
  else
    gtk_widget_add_css_class (widget, "vs-inactive");

  if (reachable)
    gtk_widget_remove_css_class (widget, "vs-unreachable");
  else
    gtk_widget_add_css_class (widget, "vs-unreachable");

  lines = g_ptr_array_new_null_terminated (5, g_free, TRUE);
  g_ptr_array_add (lines, g_strdup (vs_pool_get_name (self->pool)));
  /* Translators: a pool's type and state, as in "Directory, active". */
  g_ptr_array_add (lines, g_strdup_printf (_("%s, %s"),
                                           type_label (vs_pool_get_pool_type (self->pool)),
                                           state_text (state)));
  if (usage != NULL)
    g_ptr_array_add (lines, g_strdup (usage));
  if (target != NULL)
    g_ptr_array_add (lines, g_strdup (target));
  if (!reachable)
    g_ptr_array_add (lines, g_strdup (_("The connection is down: this may be out of date")));
  tooltip = g_strjoinv ("\n", (char **) lines->pdata);
  vs_widget_set_tooltip (widget, tooltip);
}

static void
vs_pool_row_dispose (GObject *object)
{
  GtkWidget *child;
  VsPoolRow *self = (VsPoolRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_ROW);
  /* dispose_template() only unparents the children bound by id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  g_clear_object (&self->pool_signals);
  g_clear_object (&self->pool);

  G_OBJECT_CLASS (vs_pool_row_parent_class)->dispose (object);
}

static void
vs_pool_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VsPoolRow *self = VS_POOL_ROW (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VsPoolRow *self = VS_POOL_ROW (object);

  switch (prop_id)
    {
    case PROP_POOL:
      vs_pool_row_set_pool (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_row_class_init (VsPoolRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_row_dispose;
  object_class->get_property = vs_pool_row_get_property;
  object_class->set_property = vs_pool_row_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, type_image);
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolRow, usage_bar);

  gtk_widget_class_set_css_name (widget_class, "vspoolrow");
}

static void
vs_pool_row_init (VsPoolRow *self)
{
  static const char * const notifications[] = {
    "notify::name", "notify::pool-type", "notify::state", "notify::active",
    "notify::capacity", "notify::allocation", "notify::available",
    "notify::target-path", "notify::busy", "notify::reachable",
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bar shows how full the pool is: plain up to USAGE_CRITICAL, red
   * above (GtkLevelBar's own offsets mean "battery low", the opposite). */
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->usage_bar, "vs-usage-normal", USAGE_CRITICAL);
  gtk_level_bar_add_offset_value (self->usage_bar, "vs-usage-critical", 1.0);

  self->pool_signals = g_signal_group_new (VS_TYPE_POOL);
  for (guint i = 0; i < G_N_ELEMENTS (notifications); i++)
    g_signal_group_connect_swapped (self->pool_signals, notifications[i],
                                    G_CALLBACK (update), self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_row_new (void)
{
  return g_object_new (VS_TYPE_POOL_ROW, NULL);
}

VsPool *
vs_pool_row_get_pool (VsPoolRow *self)
{
  g_return_val_if_fail (VS_IS_POOL_ROW (self), NULL);

  return self->pool;
}

void
vs_pool_row_set_pool (VsPoolRow *self,
                      VsPool    *pool)
{
  g_return_if_fail (VS_IS_POOL_ROW (self));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  if (!g_set_object (&self->pool, pool))
    return;

  g_signal_group_set_target (self->pool_signals, pool);
  if (pool != NULL)
    update (self);
  else
    gtk_spinner_set_spinning (self->busy_spinner, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}
