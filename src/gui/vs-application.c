/* vs-application.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-application.h"
#include "vs-credentials-dialog.h"
#include "vs-gtk-compat.h"
#include "vs-window.h"
#include "vs-worker.h"

/* Opened when nothing else is asked for or remembered; the test driver
 * steps in when the system daemon cannot be reached, so that the window
 * always shows real pools. */
#define DEFAULT_URI  "qemu:///system"
#define FALLBACK_URI "test:///default"

struct _VsApplication
{
  GtkApplication       parent_instance;

  GSettings           *settings;
  VsConnectionManager *manager;
  gboolean             loaded;
};

G_DEFINE_FINAL_TYPE (VsApplication, vs_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "connect", 'c', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Open the libvirt connection URI (may be given more than once)"), N_("URI") },
  { "pool", 'p', 0, G_OPTION_ARG_STRING, NULL,
    N_("Select the storage pool NAME of the first connection"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, VS_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_printerr (_("Warning: the settings schema %s is not installed; connections and the window size will not be remembered. Set GSETTINGS_SCHEMA_DIR to the build’s data folder when running from the build tree.\n"),
                  VS_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static VsWindow *
get_window (VsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (VS_IS_WINDOW (window))
    return VS_WINDOW (window);

  return vs_window_new (GTK_APPLICATION (self), self->manager, self->settings);
}

static void
fallback_open_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VsApplication) self = user_data;
  VsConnection *connection = VS_CONNECTION (object);
  g_autoptr(GError) error = NULL;
  VsConnection *fallback;

  if (vs_connection_open_finish (connection, result, &error))
    return;

  g_message ("Could not open %s (%s); opening %s as well",
             vs_connection_get_uri (connection), error->message, FALLBACK_URI);

  if (self->manager == NULL || vs_connection_manager_lookup (self->manager, FALLBACK_URI) != NULL)
    return;

  fallback = vs_connection_manager_add (self->manager, FALLBACK_URI, FALSE, FALSE, NULL);
  if (fallback != NULL)
    vs_connection_manager_open (self->manager, fallback, NULL, NULL);
}

static void
open_uri (VsApplication           *self,
          GApplicationCommandLine *command_line,
          const char              *uri)
{
  g_autoptr(GError) error = NULL;
  VsConnection *connection = vs_connection_manager_lookup (self->manager, uri);

  if (connection == NULL)
    connection = vs_connection_manager_add (self->manager, uri, FALSE, FALSE, &error);

  if (connection == NULL)
    {
      g_application_command_line_printerr (command_line, "virt-storage: %s\n", error->message);
      return;
    }

  if (vs_connection_get_state (connection) == VS_CONNECTION_STATE_DISCONNECTED ||
      vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED)
    vs_connection_manager_open (self->manager, connection, NULL, NULL);
}

/* Accessible names ------------------------------------------------------- */

static void
window_mapped_cb (GtkWidget *window)
{
  vs_accessible_fix_labels (window);
}

/* Every window and dialog gets the GTK 4.8 naming fixes once it is built
 * (it joins the list of toplevels before its template is). */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "vs-names-fixed") != NULL)
        continue;

      g_object_set_data (G_OBJECT (window), "vs-names-fixed", GINT_TO_POINTER (TRUE));
      g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
    }
}

/* Actions -------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VsApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (rather than destroying) lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VsApplication *self = user_data;
  const char *authors[] = { _("The Virt Storage authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Virt Storage"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Manage the storage pools and volumes of libvirt hosts"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  VsApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
};

/* Class ---------------------------------------------------------------- */

static int
vs_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("virt-storage %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
vs_application_startup (GApplication *application)
{
  VsApplication *self = VS_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (vs_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  g_signal_connect (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);

  self->settings = create_settings ();
  self->manager = vs_connection_manager_new (self->settings);
  vs_connection_manager_set_credential_handler (self->manager, vs_credentials_dialog_handler, self);
}

static void
vs_application_shutdown (GApplication *application)
{
  VsApplication *self = VS_APPLICATION (application);

  /* Closes the connections before libvirt's event loop stops turning, and
   * lets them finish closing before the process ends. */
  g_clear_object (&self->manager);
  vs_worker_wait_freed (5000);

  G_APPLICATION_CLASS (vs_application_parent_class)->shutdown (application);
}

static int
vs_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  VsApplication *self = VS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **uris = NULL;
  const char *pool = NULL;
  VsWindow *window;
  gboolean remembered = FALSE;

  g_variant_dict_lookup (options, "connect", "^a&s", &uris);
  g_variant_dict_lookup (options, "pool", "&s", &pool);

  window = get_window (self);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      remembered = vs_connection_manager_load (self->manager) > 0;
    }

  if (uris != NULL && uris[0] != NULL)
    {
      g_autofree char *first = g_strstrip (g_strdup (uris[0]));

      for (guint i = 0; uris[i] != NULL; i++)
        open_uri (self, command_line, uris[i]);
      vs_window_select (window, first, pool);
    }
  else
    {
      if (!remembered &&
          g_list_model_get_n_items (vs_connection_manager_get_connections (self->manager)) == 0)
        {
          VsConnection *connection = vs_connection_manager_add (self->manager, DEFAULT_URI,
                                                                FALSE, FALSE, NULL);

          vs_connection_manager_open (self->manager, connection, fallback_open_cb,
                                      g_object_ref (self));
        }
      if (pool != NULL)
        vs_window_select (window, NULL, pool);
    }

  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
vs_application_dispose (GObject *object)
{
  VsApplication *self = (VsApplication *)object;

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vs_application_parent_class)->dispose (object);
}

static void
vs_application_class_init (VsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vs_application_dispose;
  app_class->handle_local_options = vs_application_handle_local_options;
  app_class->startup = vs_application_startup;
  app_class->shutdown = vs_application_shutdown;
  app_class->command_line = vs_application_command_line;
}

static void
vs_application_init (VsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage the storage pools and volumes of libvirt hosts."));
}

/* Public API ------------------------------------------------------------ */

VsApplication *
vs_application_new (void)
{
  return g_object_new (VS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/virtstorage/VirtStorage",
                       NULL);
}

GSettings *
vs_application_get_settings (VsApplication *self)
{
  g_return_val_if_fail (VS_IS_APPLICATION (self), NULL);

  return self->settings;
}

VsConnectionManager *
vs_application_get_connection_manager (VsApplication *self)
{
  g_return_val_if_fail (VS_IS_APPLICATION (self), NULL);

  return self->manager;
}
