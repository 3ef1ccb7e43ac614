/* vs-pool-definition-view.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-definition-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error-bar.h"
#include "vs-pool.h"
#include "vs-pool-definition-view.h"

struct _VsPoolDefinitionView
{
  GtkWidget     parent_instance;

  VsPool       *pool;
  GCancellable *cancellable;

  /* Template widgets */
  VsErrorBar   *error_bar;
  GtkStack     *stack;
  GtkTextView  *text_view;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (VsPoolDefinitionView, vs_pool_definition_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static void
set_text (VsPoolDefinitionView *self,
          const char           *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

static void
xml_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VsPoolDefinitionView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  xml = vs_pool_get_xml_finish (VS_POOL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "text");

  if (xml == NULL)
    {
      set_text (self, "");
      vs_error_bar_show_error (self->error_bar, _("Could not read the pool’s definition"), error);
      return;
    }

  set_text (self, xml);
}

static void
load (VsPoolDefinitionView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  set_text (self, "");
  vs_error_bar_hide (self->error_bar);

  if (self->pool == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  vs_pool_get_xml_async (self->pool, self->cancellable, xml_ready_cb, g_object_ref (self));
}

/* Signal callbacks ----------------------------------------------------- */

static void
copy_clicked_cb (VsPoolDefinitionView *self,
                 GtkButton            *button)
{
  g_autofree char *text = vs_pool_definition_view_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_definition_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vs_pool_definition_view_parent_class)->map (widget);

  load (VS_POOL_DEFINITION_VIEW (widget));
}

static void
vs_pool_definition_view_dispose (GObject *object)
{
  VsPoolDefinitionView *self = (VsPoolDefinitionView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pool);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_DEFINITION_VIEW);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_pool_definition_view_parent_class)->dispose (object);
}

static void
vs_pool_definition_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VsPoolDefinitionView *self = VS_POOL_DEFINITION_VIEW (object);

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
vs_pool_definition_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VsPoolDefinitionView *self = VS_POOL_DEFINITION_VIEW (object);

  switch (prop_id)
    {
    case PROP_POOL:
      vs_pool_definition_view_set_pool (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_definition_view_class_init (VsPoolDefinitionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_definition_view_dispose;
  object_class->get_property = vs_pool_definition_view_get_property;
  object_class->set_property = vs_pool_definition_view_set_property;
  widget_class->map = vs_pool_definition_view_map;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_ERROR_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-definition-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolDefinitionView, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolDefinitionView, stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolDefinitionView, text_view);
  gtk_widget_class_bind_template_child (widget_class, VsPoolDefinitionView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vs_pool_definition_view_init (VsPoolDefinitionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_definition_view_new (void)
{
  return g_object_new (VS_TYPE_POOL_DEFINITION_VIEW, NULL);
}

VsPool *
vs_pool_definition_view_get_pool (VsPoolDefinitionView *self)
{
  g_return_val_if_fail (VS_IS_POOL_DEFINITION_VIEW (self), NULL);

  return self->pool;
}

void
vs_pool_definition_view_set_pool (VsPoolDefinitionView *self,
                                  VsPool               *pool)
{
  g_return_if_fail (VS_IS_POOL_DEFINITION_VIEW (self));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  if (!g_set_object (&self->pool, pool))
    return;

  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}

char *
vs_pool_definition_view_dup_text (VsPoolDefinitionView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VS_IS_POOL_DEFINITION_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
