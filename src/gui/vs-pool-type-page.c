/* vs-pool-type-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-type-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-pool-type-facts.h"
#include "vs-pool-type-page.h"

/* What the page keeps of each type's row. */
typedef struct
{
  GtkListBoxRow *row;
  GtkLabel      *reason_label;
  GtkRevealer   *description_revealer;
  gboolean       supported;
} TypeRow;

struct _VsPoolTypePage
{
  GtkWidget           parent_instance;

  VsPoolCapabilities *capabilities;
  TypeRow             rows[VS_POOL_TYPE_COUNT];
  VsPoolType          pool_type;
  gboolean            complete;

  /* Template widgets */
  GtkLabel           *builtin_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListBox         *type_list;
};

static void vs_pool_type_page_wizard_page_init (VsWizardPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsPoolTypePage, vs_pool_type_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (VS_TYPE_WIZARD_PAGE,
                                                      vs_pool_type_page_wizard_page_init))

enum {
  PROP_0,
  PROP_POOL_TYPE,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static const VsPoolTypeFactSheet *
facts_of (VsPoolType type)
{
  return vs_pool_type_facts_lookup (vs_pool_type_to_string (type));
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
build_row (VsPoolTypePage *self,
           VsPoolType      type)
{
  const VsPoolTypeFactSheet *sheet = facts_of (type);
  TypeRow *row = &self->rows[type];
  GtkWidget *text_box, *title_box, *image, *title, *name, *facts, *description;

  g_assert (sheet != NULL);

  /* In the title's line, not a column of its own: the facts need the
   * width in a narrow window. */
  image = gtk_image_new_from_icon_name (vs_pool_type_facts_icon_name (sheet->type));
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  title = make_label (_(sheet->label), "heading");
  /* libvirt's own name, for those who know it from virsh. */
  name = gtk_label_new (sheet->type);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (name, "monospace");
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_set_valign (name, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (title, GTK_ALIGN_BASELINE);
  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (title_box), image);
  gtk_box_append (GTK_BOX (title_box), title);
  gtk_box_append (GTK_BOX (title_box), name);

  facts = vs_pool_type_facts_new ();
  vs_pool_type_facts_set_compact (VS_POOL_TYPE_FACTS (facts), TRUE);
  vs_pool_type_facts_set_pool_type (VS_POOL_TYPE_FACTS (facts), sheet->type);

  description = make_label (_(sheet->description), NULL);
  row->description_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (row->description_revealer, description);

  row->reason_label = GTK_LABEL (make_label (NULL, "caption"));
  gtk_widget_set_visible (GTK_WIDGET (row->reason_label), FALSE);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (text_box), title_box);
  gtk_box_append (GTK_BOX (text_box), facts);
  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (row->reason_label));
  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (row->description_revealer));

  row->row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
  gtk_list_box_row_set_child (row->row, text_box);
  gtk_widget_set_name (GTK_WIDGET (row->row), sheet->type);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(sheet->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(sheet->description),
                                  -1);
  gtk_list_box_append (self->type_list, GTK_WIDGET (row->row));
}

static gboolean
type_of_row (VsPoolTypePage *self,
             GtkListBoxRow  *row,
             VsPoolType     *type)
{
  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    if (self->rows[i].row == row)
      {
        *type = i;
        return TRUE;
      }

  return FALSE;
}

static void
set_complete (VsPoolTypePage *self,
              gboolean        complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_COMPLETE]);
}

static void
update_rows (VsPoolTypePage *self)
{
  gboolean builtin = vs_pool_capabilities_is_builtin (self->capabilities);

  gtk_widget_set_visible (GTK_WIDGET (self->builtin_label), builtin);

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    {
      TypeRow *row = &self->rows[i];

      row->supported = vs_pool_capabilities_supports (self->capabilities, i);
      gtk_widget_set_sensitive (GTK_WIDGET (row->row), row->supported);
      gtk_list_box_row_set_selectable (row->row, row->supported);
      gtk_list_box_row_set_activatable (row->row, row->supported);
      gtk_widget_set_visible (GTK_WIDGET (row->reason_label), !row->supported);
      if (!row->supported)
        {
          g_autofree char *reason = NULL;

          /* Translators: %s is libvirt's name of a pool type, e.g. "zfs" */
          reason = g_strdup_printf (_("Not available on this host: its libvirt has no storage driver for “%s” pools."),
                                    vs_pool_type_to_string (i));
          gtk_label_set_text (row->reason_label, reason);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                          -1);
        }
    }
}

/* Signal callbacks ------------------------------------------------------- */

static void
row_selected_cb (VsPoolTypePage *self,
                 GtkListBoxRow  *row,
                 GtkListBox     *list)
{
  VsPoolType type = self->pool_type;
  gboolean found = row != NULL && type_of_row (self, row, &type);

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    gtk_revealer_set_reveal_child (self->rows[i].description_revealer, found && i == type);

  if (found && type != self->pool_type)
    {
      self->pool_type = type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL_TYPE]);
    }

  set_complete (self, found && self->rows[type].supported);
}

static void
row_activated_cb (VsPoolTypePage *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list)
{
  VsPoolType type;

  if (!type_of_row (self, row, &type) || !self->rows[type].supported)
    return;

  gtk_list_box_select_row (self->type_list, row);
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.next", NULL);
}

/* VsWizardPage ---------------------------------------------------------- */

static gboolean
vs_pool_type_page_shown (VsWizardPage *page)
{
  VsPoolTypePage *self = VS_POOL_TYPE_PAGE (page);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->type_list);

  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
vs_pool_type_page_wizard_page_init (VsWizardPageInterface *iface)
{
  iface->shown = vs_pool_type_page_shown;
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_type_page_dispose (GObject *object)
{
  VsPoolTypePage *self = (VsPoolTypePage *)object;
  GtkWidget *child;

  /* Its rows go away with it, which would select none. */
  if (self->type_list != NULL)
    g_signal_handlers_disconnect_by_data (self->type_list, self);
  memset (self->rows, 0, sizeof self->rows);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_TYPE_PAGE);
  /* The child without an id is not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->capabilities, vs_pool_capabilities_unref);

  G_OBJECT_CLASS (vs_pool_type_page_parent_class)->dispose (object);
}

static void
vs_pool_type_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VsPoolTypePage *self = VS_POOL_TYPE_PAGE (object);

  switch (prop_id)
    {
    case PROP_POOL_TYPE:
      g_value_set_int (value, self->pool_type);
      break;
    case PROP_TITLE:
      g_value_set_string (value, _("Pool Type"));
      break;
    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_type_page_class_init (VsPoolTypePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_type_page_dispose;
  object_class->get_property = vs_pool_type_page_get_property;

  properties[PROP_POOL_TYPE] =
    g_param_spec_int ("pool-type", NULL, NULL, 0, VS_POOL_TYPE_COUNT - 1, VS_POOL_TYPE_DIR,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_POOL_TYPE, properties[PROP_POOL_TYPE]);
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");
  properties[PROP_IS_COMPLETE] = g_object_class_find_property (object_class, "is-complete");

  g_type_ensure (VS_TYPE_POOL_TYPE_FACTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-type-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypePage, builtin_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypePage, stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolTypePage, type_list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_type_page_init (VsPoolTypePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    build_row (self, i);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_type_page_new (void)
{
  return g_object_new (VS_TYPE_POOL_TYPE_PAGE, NULL);
}

void
vs_pool_type_page_set_capabilities (VsPoolTypePage     *self,
                                    VsPoolCapabilities *capabilities)
{
  g_return_if_fail (VS_IS_POOL_TYPE_PAGE (self));

  if (self->capabilities == capabilities)
    return;

  g_clear_pointer (&self->capabilities, vs_pool_capabilities_unref);
  if (capabilities == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
      gtk_list_box_unselect_all (self->type_list);
      return;
    }

  self->capabilities = vs_pool_capabilities_ref (capabilities);
  update_rows (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "types");

  /* Keep the choice when it is still there, else the first one there is. */
  if (!vs_pool_type_page_select (self, self->pool_type))
    for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
      if (vs_pool_type_page_select (self, i))
        break;
}

VsPoolType
vs_pool_type_page_get_pool_type (VsPoolTypePage *self)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_PAGE (self), VS_POOL_TYPE_DIR);

  return self->pool_type;
}

gboolean
vs_pool_type_page_select (VsPoolTypePage *self,
                          VsPoolType      type)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_PAGE (self), FALSE);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, FALSE);

  if (self->capabilities == NULL || !self->rows[type].supported)
    return FALSE;

  gtk_list_box_select_row (self->type_list, self->rows[type].row);
  return TRUE;
}

GtkWidget *
vs_pool_type_page_get_row (VsPoolTypePage *self,
                           VsPoolType      type)
{
  g_return_val_if_fail (VS_IS_POOL_TYPE_PAGE (self), NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  return GTK_WIDGET (self->rows[type].row);
}
