/* vs-pool-options-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-options-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-gtk-compat.h"
#include "vs-pool-options-page.h"

struct _VsPoolOptionsPage
{
  GtkWidget          parent_instance;

  VsPoolDefinition  *definition;
  /* The devices the user agreed to erase ("" for a type whose erasing
   * check is not about devices), NULL when not agreed. */
  char              *confirmed;
  GCancellable      *confirm_cancellable;
  gboolean           setting;

  /* Template widgets */
  GtkWidget         *build_box;
  GtkCheckButton    *build_check;
  GtkLabel          *build_label;
  GtkLabel          *build_help_label;
  GtkWidget         *format_box;
  GtkCheckButton    *format_check;
  GtkLabel          *format_label;
  GtkLabel          *format_help_label;
  GtkLabel          *erase_warning_label;
  GtkLabel          *no_build_label;
  GtkCheckButton    *start_check;
  GtkLabel          *start_label;
  GtkCheckButton    *autostart_check;
  GtkLabel          *autostart_label;
};

static void vs_pool_options_page_wizard_page_init (VsWizardPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsPoolOptionsPage, vs_pool_options_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (VS_TYPE_WIZARD_PAGE,
                                                      vs_pool_options_page_wizard_page_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

/* Helpers --------------------------------------------------------------- */

static VsPoolBuild
build_kind (VsPoolOptionsPage *self)
{
  if (self->definition == NULL)
    return VS_POOL_BUILD_NONE;

  return vs_pool_type_get_info (self->definition->type)->build;
}

static char *
devices_text (VsPoolOptionsPage *self)
{
  if (self->definition == NULL || self->definition->devices == NULL)
    return g_strdup ("");

  /* Translators: separates device paths in a sentence: "/dev/sdb, /dev/sdc" */
  return g_strjoinv (_(", "), self->definition->devices);
}

/* The check whose state erases the devices. */
static GtkCheckButton *
erase_check (VsPoolOptionsPage *self)
{
  switch (build_kind (self))
    {
    case VS_POOL_BUILD_DIRECTORY_OR_FORMAT:
      return self->format_check;
    case VS_POOL_BUILD_FORMAT:
      return self->build_check;
    case VS_POOL_BUILD_NONE:
    case VS_POOL_BUILD_DIRECTORY:
    default:
      return NULL;
    }
}

static void
set_active (VsPoolOptionsPage *self,
            GtkCheckButton    *check,
            gboolean           active)
{
  self->setting = TRUE;
  gtk_check_button_set_active (check, active);
  self->setting = FALSE;
}

static void
update_warning (VsPoolOptionsPage *self)
{
  GtkCheckButton *check = erase_check (self);
  g_autofree char *devices = devices_text (self);
  g_autofree char *text = NULL;
  gboolean shown = check != NULL && gtk_check_button_get_active (check);

  if (shown)
    /* Translators: %s is one device path or several, "/dev/sdb, /dev/sdc" */
    text = g_strdup_printf (_("Everything on %s will be erased when the pool is created."), devices);

  gtk_label_set_text (self->erase_warning_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->erase_warning_label), shown);
}

/* The checks' labels wrap (a narrow window), so they are children of
 * their own; as mnemonic labels they name the checks for screen readers. */
static void
set_check_label (GtkCheckButton *check,
                 GtkLabel       *label,
                 const char     *text)
{
  gtk_label_set_text_with_mnemonic (label, text);
  gtk_label_set_mnemonic_widget (label, GTK_WIDGET (check));
}

static void
update (VsPoolOptionsPage *self)
{
  VsPoolBuild build = build_kind (self);
  VsPoolType type = self->definition != NULL ? self->definition->type : VS_POOL_TYPE_DIR;
  const char *target = self->definition != NULL && self->definition->target_path != NULL
                       ? self->definition->target_path : "";
  g_autofree char *devices = devices_text (self);
  g_autofree char *text = NULL;
  g_autofree char *help = NULL;
  gboolean has_devices = *devices != '\0';

  gtk_widget_set_visible (self->build_box, build != VS_POOL_BUILD_NONE);
  gtk_widget_set_visible (self->format_box, build == VS_POOL_BUILD_DIRECTORY_OR_FORMAT);
  gtk_widget_set_visible (GTK_WIDGET (self->no_build_label), build == VS_POOL_BUILD_NONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->build_check), build != VS_POOL_BUILD_FORMAT || has_devices);

  switch (build)
    {
    case VS_POOL_BUILD_DIRECTORY:
    case VS_POOL_BUILD_DIRECTORY_OR_FORMAT:
      set_check_label (self->build_check, self->build_label, type == VS_POOL_TYPE_DIR
                                                              ? _("Make the _folder when it does not exist")
                                                              : _("Make the _mount point when it does not exist"));
      /* Translators: %s is a folder */
      help = g_strdup_printf (_("Makes %s. A folder that exists already is left as it is."), target);
      gtk_label_set_text (self->build_help_label, help);

      /* Translators: %s is a device, "/dev/sdb1" */
      text = g_strdup_printf (_("_Format %s with a new filesystem"), devices);
      set_check_label (self->format_check, self->format_label, text);
      gtk_label_set_text (self->format_help_label,
                          _("Leave it off to use the filesystem the device has. Formatting erases everything on it."));
      break;

    case VS_POOL_BUILD_FORMAT:
      if (type == VS_POOL_TYPE_DISK)
        {
          /* Translators: %s is a disk, "/dev/sdb" */
          text = g_strdup_printf (_("_Write a new partition table on %s"), devices);
          help = g_strdup (_("Leave it off to use the partitions the disk has. A new table erases them all."));
        }
      else if (type == VS_POOL_TYPE_LOGICAL)
        {
          text = g_strdup (_("_Make a new volume group on the physical volumes"));
          help = g_strdup (has_devices
                           ? _("Leave it off to use a volume group that exists. A new one erases its devices.")
                           : _("To make a new volume group, go back and enter its physical volumes."));
        }
      else
        {
          text = g_strdup (_("_Make a new ZFS pool on the devices"));
          help = g_strdup (has_devices
                           ? _("Leave it off to use a ZFS pool that exists. A new one erases its devices.")
                           : _("To make a new ZFS pool, go back and enter its devices."));
        }
      set_check_label (self->build_check, self->build_label, text);
      gtk_label_set_text (self->build_help_label, help);
      break;

    case VS_POOL_BUILD_NONE:
    default:
      gtk_label_set_text (self->no_build_label,
                          _("Nothing to build: a pool of this type uses storage that exists already."));
      break;
    }

  update_warning (self);
}

/* Signal callbacks ------------------------------------------------------ */

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VsPoolOptionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean confirmed = vs_confirm_finish (result, &error);
  GtkCheckButton *check;

  /* Also when the page went away after the answer was on its way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->confirm_cancellable == NULL)
    return;

  g_clear_object (&self->confirm_cancellable);
  check = erase_check (self);
  if (!confirmed || check == NULL)
    return;

  g_free (self->confirmed);
  self->confirmed = devices_text (self);
  set_active (self, check, TRUE);
  update_warning (self);
  gtk_widget_grab_focus (GTK_WIDGET (check));
}

/* Erasing needs a yes to a question that names the devices. */
static void
erase_toggled (VsPoolOptionsPage *self,
               GtkCheckButton    *check)
{
  g_autofree char *devices = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->setting || check != erase_check (self))
    return;

  if (!gtk_check_button_get_active (check))
    {
      g_clear_pointer (&self->confirmed, g_free);
      update_warning (self);
      return;
    }

  /* Off until the user says yes. */
  set_active (self, check, FALSE);
  if (self->confirm_cancellable != NULL)
    return;

  devices = devices_text (self);
  /* Translators: %s is one device path or several, "/dev/sdb, /dev/sdc" */
  heading = g_strdup_printf (_("Erase %s?"), devices);
  body = g_strdup_printf (_("Creating the pool will erase everything on %s: its files, partitions and "
                            "filesystems are lost. This cannot be undone."), devices);

  self->confirm_cancellable = g_cancellable_new ();
  vs_confirm_async (GTK_WIDGET (self), heading, body, _("_Erase"), self->confirm_cancellable,
                    confirm_cb, g_object_ref (self));
}

static void
build_toggled_cb (VsPoolOptionsPage *self,
                  GtkCheckButton    *check)
{
  erase_toggled (self, check);
}

static void
format_toggled_cb (VsPoolOptionsPage *self,
                   GtkCheckButton    *check)
{
  erase_toggled (self, check);
}

/* VsWizardPage ---------------------------------------------------------- */

static void
vs_pool_options_page_fill_definition (VsWizardPage      *page,
                                      VsPoolDefinition  *definition,
                                      VsPoolCreateFlags *flags)
{
  VsPoolOptionsPage *self = VS_POOL_OPTIONS_PAGE (page);
  VsPoolBuild build = build_kind (self);
  GtkCheckButton *check = erase_check (self);
  gboolean erase = check != NULL && gtk_check_button_get_active (check) && self->confirmed != NULL;

  *flags &= ~(VS_POOL_CREATE_BUILD | VS_POOL_CREATE_START | VS_POOL_CREATE_AUTOSTART);

  if ((build == VS_POOL_BUILD_DIRECTORY || build == VS_POOL_BUILD_DIRECTORY_OR_FORMAT) &&
      gtk_check_button_get_active (self->build_check))
    *flags |= VS_POOL_CREATE_BUILD;
  if (erase)
    *flags |= VS_POOL_CREATE_BUILD;
  definition->build_overwrite = erase;

  if (gtk_check_button_get_active (self->start_check))
    *flags |= VS_POOL_CREATE_START;
  if (gtk_check_button_get_active (self->autostart_check))
    *flags |= VS_POOL_CREATE_AUTOSTART;
}

static void
vs_pool_options_page_wizard_page_init (VsWizardPageInterface *iface)
{
  iface->fill_definition = vs_pool_options_page_fill_definition;
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_options_page_dispose (GObject *object)
{
  VsPoolOptionsPage *self = (VsPoolOptionsPage *)object;
  GtkWidget *child;

  if (self->confirm_cancellable != NULL)
    g_cancellable_cancel (self->confirm_cancellable);
  g_clear_object (&self->confirm_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_OPTIONS_PAGE);
  /* The child without an id is not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->definition, vs_pool_definition_free);
  g_clear_pointer (&self->confirmed, g_free);

  G_OBJECT_CLASS (vs_pool_options_page_parent_class)->dispose (object);
}

static void
vs_pool_options_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Options"));
      break;
    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_options_page_class_init (VsPoolOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_options_page_dispose;
  object_class->get_property = vs_pool_options_page_get_property;

  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, build_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, build_check);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, build_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, build_help_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, format_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, format_check);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, format_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, format_help_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, erase_warning_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, no_build_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, start_check);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, start_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, autostart_check);
  gtk_widget_class_bind_template_child (widget_class, VsPoolOptionsPage, autostart_label);
  gtk_widget_class_bind_template_callback (widget_class, build_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_options_page_init (VsPoolOptionsPage *self)
{
  g_autofree char *start = NULL;
  g_autofree char *autostart = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  start = g_strdup (gtk_label_get_label (self->start_label));
  autostart = g_strdup (gtk_label_get_label (self->autostart_label));
  set_check_label (self->start_check, self->start_label, start);
  set_check_label (self->autostart_check, self->autostart_label, autostart);
  update (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_options_page_new (void)
{
  return g_object_new (VS_TYPE_POOL_OPTIONS_PAGE, NULL);
}

void
vs_pool_options_page_set_definition (VsPoolOptionsPage      *self,
                                     const VsPoolDefinition *definition)
{
  VsPoolType old_type;
  gboolean type_changed;
  g_autofree char *devices = NULL;

  g_return_if_fail (VS_IS_POOL_OPTIONS_PAGE (self));
  g_return_if_fail (definition != NULL);

  old_type = self->definition != NULL ? self->definition->type : VS_POOL_TYPE_COUNT;
  type_changed = old_type != definition->type;

  g_clear_pointer (&self->definition, vs_pool_definition_free);
  self->definition = vs_pool_definition_copy (definition);

  /* A yes to erasing was for those devices of that type only. */
  devices = devices_text (self);
  if (type_changed || (self->confirmed != NULL && g_strcmp0 (self->confirmed, devices) != 0))
    {
      g_clear_pointer (&self->confirmed, g_free);
      set_active (self, self->format_check, FALSE);
      if (vs_pool_type_get_info (definition->type)->build == VS_POOL_BUILD_FORMAT)
        set_active (self, self->build_check, FALSE);
    }
  /* Making the folder or mount point is what a new pool usually wants. */
  if (type_changed && vs_pool_type_get_info (definition->type)->build != VS_POOL_BUILD_FORMAT)
    set_active (self, self->build_check, TRUE);

  update (self);
}
