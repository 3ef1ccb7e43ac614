/* vs-pool-wizard.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-pool-wizard-private.h"

typedef enum
{
  STEP_TYPE,
  STEP_SETTINGS,
  STEP_OPTIONS,
  STEP_SUMMARY,
  N_STEPS
} Step;

struct _VsPoolWizard
{
  GtkWindow           parent_instance;

  VsConnection       *connection;
  VsPoolCapabilities *capabilities;
  GCancellable       *cancellable;
  GtkWidget          *settings_pages[VS_POOL_TYPE_COUNT];
  Step                step;
  GtkWidget          *watched_page;
  gulong              complete_handler;
  VsJob              *job;
  gboolean            creating;
  gboolean            close_when_done;
  gboolean            disposed;

  /* Template widgets */
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkWidget          *cancel_button;
  GtkWidget          *back_button;
  GtkButton          *next_button;
  GtkStack           *stack;
  VsPoolTypePage     *type_page;
  VsPoolOptionsPage  *options_page;
  VsPoolSummaryPage  *summary_page;
};

G_DEFINE_FINAL_TYPE (VsPoolWizard, vs_pool_wizard, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

enum {
  POOL_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------- */

static VsPoolType
chosen_type (VsPoolWizard *self)
{
  return vs_pool_type_page_get_pool_type (self->type_page);
}

static GtkWidget *
page_of_step (VsPoolWizard *self,
              Step          step)
{
  switch (step)
    {
    case STEP_TYPE:
      return GTK_WIDGET (self->type_page);
    case STEP_SETTINGS:
      return self->settings_pages[chosen_type (self)];
    case STEP_OPTIONS:
      return GTK_WIDGET (self->options_page);
    case STEP_SUMMARY:
    case N_STEPS:
    default:
      return GTK_WIDGET (self->summary_page);
    }
}

static VsWizardPage *
current_page (VsPoolWizard *self)
{
  return VS_WIZARD_PAGE (page_of_step (self, self->step));
}

static void
update_buttons (VsPoolWizard *self)
{
  VsWizardPage *page = current_page (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 self->step > STEP_TYPE && !self->creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 !self->creating && vs_wizard_page_get_is_complete (page));

  gtk_button_set_label (self->next_button, self->step == STEP_SUMMARY ? _("_Create") : _("_Next"));
  vs_accessible_fix_labels (GTK_WIDGET (self->next_button));
  /* The first page has nothing to go back to. */
  gtk_widget_set_visible (self->back_button, self->step > STEP_TYPE);
}

static void
page_complete_cb (VsPoolWizard *self)
{
  update_buttons (self);
}

static void
watch_page (VsPoolWizard *self,
            GtkWidget    *page)
{
  if (self->watched_page != NULL)
    g_clear_signal_handler (&self->complete_handler, self->watched_page);
  g_clear_object (&self->watched_page);

  self->watched_page = g_object_ref (page);
  self->complete_handler = g_signal_connect_object (page, "notify::is-complete",
                                                    G_CALLBACK (page_complete_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
show_step (VsPoolWizard *self,
           Step          step)
{
  GtkWidget *page = page_of_step (self, step);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  self->step = step;
  watch_page (self, page);
  gtk_stack_set_visible_child (self->stack, page);

  title = vs_wizard_page_dup_title (VS_WIZARD_PAGE (page));
  /* Translators: the wizard's progress, "Step 2 of 4" */
  subtitle = g_strdup_printf (_("New pool · step %u of %u"), (guint) step + 1, (guint) N_STEPS);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  update_buttons (self);

  /* Pages without a first field: Enter goes on from the Next button. */
  if (!vs_wizard_page_shown (VS_WIZARD_PAGE (page)))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* What the pages say, put together. */
static VsPoolDefinition *
build_definition (VsPoolWizard      *self,
                  VsPoolCreateFlags *flags)
{
  VsPoolDefinition *definition = vs_pool_definition_new (chosen_type (self));
  GtkWidget *settings = self->settings_pages[chosen_type (self)];

  *flags = VS_POOL_CREATE_NONE;
  vs_wizard_page_fill_definition (VS_WIZARD_PAGE (self->type_page), definition, flags);
  if (settings != NULL)
    vs_wizard_page_fill_definition (VS_WIZARD_PAGE (settings), definition, flags);
  vs_wizard_page_fill_definition (VS_WIZARD_PAGE (self->options_page), definition, flags);
  vs_wizard_page_fill_definition (VS_WIZARD_PAGE (self->summary_page), definition, flags);

  return definition;
}

static GtkWidget *
ensure_settings_page (VsPoolWizard *self)
{
  VsPoolType type = chosen_type (self);
  GtkWidget *previous = NULL;
  GtkWidget *page;

  if (self->settings_pages[type] != NULL)
    return self->settings_pages[type];

  /* A name typed for another type is kept. */
  for (guint i = 0; i < VS_POOL_TYPE_COUNT && previous == NULL; i++)
    previous = self->settings_pages[i];

  page = vs_pool_settings_page_new (self->connection, type, self->capabilities);
  self->settings_pages[type] = page;
  gtk_stack_add_named (self->stack, page, vs_pool_type_to_string (type));

  if (previous != NULL)
    {
      GtkWidget *old_name = vs_pool_settings_page_get_field (VS_POOL_SETTINGS_PAGE (previous), "name");
      GtkWidget *new_name = vs_pool_settings_page_get_field (VS_POOL_SETTINGS_PAGE (page), "name");

      gtk_editable_set_text (GTK_EDITABLE (new_name), gtk_editable_get_text (GTK_EDITABLE (old_name)));
    }

  return page;
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VsPoolWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsPool) pool = NULL;

  pool = vs_connection_create_pool_finish (VS_CONNECTION (object), result, &error);
  if (self->disposed)
    return;

  self->creating = FALSE;
  g_clear_object (&self->job);

  if (pool != NULL)
    {
      g_signal_emit (self, signals[POOL_CREATED], 0, pool);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  vs_pool_summary_page_show_failure (self->summary_page, error);
  update_buttons (self);
  /* It lost the focus while it was off; Enter tries again, Alt+Left goes
   * back to the fields. */
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_creation (VsPoolWizard *self)
{
  g_autoptr(VsPoolDefinition) definition = NULL;
  g_autofree char *xml = NULL;
  VsPoolCreateFlags flags;
  GListModel *jobs = vs_connection_get_jobs (self->connection);
  guint n_jobs = g_list_model_get_n_items (jobs);

  definition = build_definition (self, &flags);
  xml = vs_pool_summary_page_dup_edited_xml (self->summary_page);

  self->creating = TRUE;
  update_buttons (self);

  vs_connection_create_pool_from_definition_async (self->connection, definition, xml, flags,
                                                   self->cancellable, create_cb,
                                                   g_object_ref (self));

  /* No job when the call was refused at once; the callback says why. */
  if (g_list_model_get_n_items (jobs) > n_jobs)
    {
      self->job = g_list_model_get_item (jobs, g_list_model_get_n_items (jobs) - 1);
      vs_pool_summary_page_track_job (self->summary_page, self->job);
    }
}

static void
capabilities_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VsPoolWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  self->capabilities = vs_connection_get_pool_capabilities_finish (VS_CONNECTION (object), result, &error);
  if (self->disposed)
    return;

  /* The built-in list lets the user go on; libvirt then says at the
   * define whether the host can do it. */
  if (self->capabilities == NULL)
    {
      g_debug ("Could not read the pool capabilities: %s", error->message);
      self->capabilities = vs_pool_capabilities_new_builtin ();
    }

  vs_pool_type_page_set_capabilities (self->type_page, self->capabilities);
  if (self->step == STEP_TYPE)
    show_step (self, STEP_TYPE);
}

/* Actions --------------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VsPoolWizard *self = VS_POOL_WIZARD (widget);

  if (self->creating || self->step == STEP_TYPE)
    return;

  show_step (self, self->step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VsPoolWizard *self = VS_POOL_WIZARD (widget);
  VsWizardPage *page = current_page (self);
  g_autoptr(VsPoolDefinition) definition = NULL;
  VsPoolCreateFlags flags;

  if (self->creating || !vs_wizard_page_get_is_complete (page) || !vs_wizard_page_validate (page))
    return;

  switch (self->step)
    {
    case STEP_TYPE:
      ensure_settings_page (self);
      show_step (self, STEP_SETTINGS);
      break;
    case STEP_SETTINGS:
      definition = build_definition (self, &flags);
      vs_pool_options_page_set_definition (self->options_page, definition);
      show_step (self, STEP_OPTIONS);
      break;
    case STEP_OPTIONS:
      definition = build_definition (self, &flags);
      vs_pool_summary_page_set_definition (self->summary_page, definition, flags);
      show_step (self, STEP_SUMMARY);
      break;
    case STEP_SUMMARY:
    case N_STEPS:
    default:
      start_creation (self);
      break;
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VsPoolWizard *self = VS_POOL_WIZARD (widget);

  if (!self->creating)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Stops between two steps and undoes what was done; the wizard stays
   * to say so. */
  if (self->job != NULL)
    vs_job_cancel (self->job);
  else
    g_cancellable_cancel (self->cancellable);
}

/* Class ----------------------------------------------------------------- */

static gboolean
vs_pool_wizard_close_request (GtkWindow *window)
{
  VsPoolWizard *self = VS_POOL_WIZARD (window);

  /* Closes once what was done is undone. */
  if (self->creating)
    {
      self->close_when_done = TRUE;
      cancel_action (GTK_WIDGET (self), "wizard.cancel", NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (vs_pool_wizard_parent_class)->close_request (window);
}

static void
vs_pool_wizard_constructed (GObject *object)
{
  VsPoolWizard *self = (VsPoolWizard *)object;

  G_OBJECT_CLASS (vs_pool_wizard_parent_class)->constructed (object);

  g_assert (VS_IS_CONNECTION (self->connection));

  show_step (self, STEP_TYPE);
  vs_connection_get_pool_capabilities_async (self->connection, self->cancellable,
                                             capabilities_cb, g_object_ref (self));
}

static void
vs_pool_wizard_dispose (GObject *object)
{
  VsPoolWizard *self = (VsPoolWizard *)object;

  self->disposed = TRUE;
  /* A creation still running goes on to its end (or undoes itself when
   * cancelled): the core owns it. */
  if (self->cancellable != NULL && !self->creating)
    g_cancellable_cancel (self->cancellable);

  if (self->watched_page != NULL)
    g_clear_signal_handler (&self->complete_handler, self->watched_page);
  g_clear_object (&self->watched_page);

  /* The stack is the window's child: GtkWindow lets it go, not the
   * template behind its back. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_WIZARD);
  for (guint i = 0; i < VS_POOL_TYPE_COUNT; i++)
    self->settings_pages[i] = NULL;

  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->capabilities, vs_pool_capabilities_unref);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vs_pool_wizard_parent_class)->dispose (object);
}

static void
vs_pool_wizard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VsPoolWizard *self = VS_POOL_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_wizard_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VsPoolWizard *self = VS_POOL_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_wizard_class_init (VsPoolWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vs_pool_wizard_constructed;
  object_class->dispose = vs_pool_wizard_dispose;
  object_class->get_property = vs_pool_wizard_get_property;
  object_class->set_property = vs_pool_wizard_set_property;
  window_class->close_request = vs_pool_wizard_close_request;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VS_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POOL_CREATED] =
    g_signal_new ("pool-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VS_TYPE_POOL);

  g_type_ensure (VS_TYPE_POOL_OPTIONS_PAGE);
  g_type_ensure (VS_TYPE_POOL_SUMMARY_PAGE);
  g_type_ensure (VS_TYPE_POOL_TYPE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, title_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, type_page);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, options_page);
  gtk_widget_class_bind_template_child (widget_class, VsPoolWizard, summary_page);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
vs_pool_wizard_init (VsPoolWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_wizard_new (GtkWindow    *parent,
                    VsConnection *connection)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);

  return g_object_new (VS_TYPE_POOL_WIZARD,
                       "transient-for", parent,
                       "connection", connection,
                       NULL);
}

VsConnection *
vs_pool_wizard_get_connection (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  return self->connection;
}

/* Test API -------------------------------------------------------------- */

VsPoolTypePage *
vs_pool_wizard_get_type_page (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  return self->type_page;
}

VsPoolSettingsPage *
vs_pool_wizard_get_settings_page (VsPoolWizard *self)
{
  GtkWidget *page;

  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  page = self->settings_pages[chosen_type (self)];
  return page != NULL ? VS_POOL_SETTINGS_PAGE (page) : NULL;
}

VsPoolOptionsPage *
vs_pool_wizard_get_options_page (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  return self->options_page;
}

VsPoolSummaryPage *
vs_pool_wizard_get_summary_page (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  return self->summary_page;
}

GtkWidget *
vs_pool_wizard_get_current_page (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), NULL);

  return page_of_step (self, self->step);
}

gboolean
vs_pool_wizard_get_ready (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), FALSE);

  return self->capabilities != NULL;
}

gboolean
vs_pool_wizard_get_creating (VsPoolWizard *self)
{
  g_return_val_if_fail (VS_IS_POOL_WIZARD (self), FALSE);

  return self->creating;
}
