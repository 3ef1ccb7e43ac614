/* vs-pool-settings-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-settings-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"
#include "vs-pool-settings-page.h"
#include "vs-pool-type-facts.h"

/* The fields a page may ask for, in no particular order: each type's
 * order is the one of its rows in field_specs. */
typedef enum
{
  FIELD_NAME,
  FIELD_TARGET,
  FIELD_HOST,
  FIELD_PORT,
  FIELD_SOURCE_DIR,
  FIELD_DEVICE,
  FIELD_SOURCE_NAME,
  FIELD_FORMAT,
  FIELD_ADAPTER,
  FIELD_TARGET_IQN,
  FIELD_INITIATOR_IQN,
  FIELD_AUTH_USER,
  FIELD_SECRET,
  N_FIELDS
} FieldId;

/* How one type asks for one field. Labels carry a mnemonic; none of them
 * takes B, N or C, which the wizard's Back, Next and Create use. */
typedef struct
{
  VsPoolType  type;
  FieldId     field;
  const char *label;
  const char *help;
  /* An example, not translated; NULL for none. */
  const char *placeholder;
} FieldSpec;

typedef struct
{
  GtkWidget *box;
  GtkWidget *widget;       /* NULL: the type does not ask for it */
  GtkLabel  *label;
  GtkLabel  *help_label;
  GtkLabel  *error_label;
  gboolean   required;
  gboolean   touched;
  char      *error;
} Field;

struct _VsPoolSettingsPage
{
  GtkWidget           parent_instance;

  VsConnection       *connection;
  VsPoolType          type;
  VsPoolCapabilities *capabilities;
  Field               fields[N_FIELDS];
  GStrv               format_ids;
  char               *title;
  gboolean            session;
  gboolean            local;
  gboolean            complete;
  gboolean            show_all_errors;
  gboolean            target_edited;
  gboolean            setting_target;

  GCancellable       *scan_cancellable;
  GPtrArray          *scan_results;

  /* Template widgets */
  GtkWidget          *facts;
  GtkLabel           *note_label;
  GtkBox             *fields_box;
  GtkWidget          *scan_section;
  GtkButton          *scan_button;
  GtkSpinner         *scan_spinner;
  GtkLabel           *scan_status_label;
  VsErrorBar         *scan_error_bar;
  GtkListBox         *scan_list;
  GtkLabel           *hint_label;
  GtkLabel           *page_error_label;
};

static void vs_pool_settings_page_wizard_page_init (VsWizardPageInterface *iface);
static void field_changed_cb                       (VsPoolSettingsPage    *self,
                                                    GObject               *widget);
static void format_changed_cb                      (VsPoolSettingsPage    *self,
                                                    GParamSpec            *pspec,
                                                    GtkDropDown           *drop_down);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsPoolSettingsPage, vs_pool_settings_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (VS_TYPE_WIZARD_PAGE,
                                                      vs_pool_settings_page_wizard_page_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const field_names[N_FIELDS] = {
  [FIELD_NAME] = "name",
  [FIELD_TARGET] = "target",
  [FIELD_HOST] = "host",
  [FIELD_PORT] = "port",
  [FIELD_SOURCE_DIR] = "source-dir",
  [FIELD_DEVICE] = "device",
  [FIELD_SOURCE_NAME] = "source-name",
  [FIELD_FORMAT] = "format",
  [FIELD_ADAPTER] = "adapter",
  [FIELD_TARGET_IQN] = "target-iqn",
  [FIELD_INITIATOR_IQN] = "initiator-iqn",
  [FIELD_AUTH_USER] = "auth-user",
  [FIELD_SECRET] = "secret",
};

/* What each field is in a definition (VS_POOL_FIELD_NONE: always asked,
 * or part of the authentication). */
static const VsPoolField field_parts[N_FIELDS] = {
  [FIELD_TARGET] = VS_POOL_FIELD_TARGET_PATH,
  [FIELD_HOST] = VS_POOL_FIELD_HOST,
  [FIELD_PORT] = VS_POOL_FIELD_PORT,
  [FIELD_SOURCE_DIR] = VS_POOL_FIELD_SOURCE_DIR,
  [FIELD_DEVICE] = VS_POOL_FIELD_DEVICE,
  [FIELD_SOURCE_NAME] = VS_POOL_FIELD_SOURCE_NAME,
  [FIELD_FORMAT] = VS_POOL_FIELD_SOURCE_FORMAT,
  [FIELD_ADAPTER] = VS_POOL_FIELD_ADAPTER,
  [FIELD_TARGET_IQN] = VS_POOL_FIELD_TARGET_IQN,
  [FIELD_INITIATOR_IQN] = VS_POOL_FIELD_INITIATOR_IQN,
};

#define MOUNT_POINT_LABEL N_("_Mount point")
#define MOUNT_POINT_HELP  N_("The folder the storage is mounted on. Creating the pool makes it when it does not exist.")
#define PORT_LABEL        N_("P_ort")
#define CHAP_USER_LABEL   N_("CHAP _user")
#define CHAP_USER_HELP    N_("Optional: the user name, when the target asks for CHAP authentication.")
#define CHAP_SECRET_LABEL N_("CHAP pass_word")
#define CHAP_SECRET_HELP  N_("Kept as a libvirt secret that the pool refers to.")
#define TARGET_IQN_LABEL  N_("_Target")
#define TARGET_IQN_HELP   N_("The iSCSI name (IQN) of the target on the portal.")
#define IQN_EXAMPLE       "iqn.2024-01.com.example:storage"
#define INITIATOR_LABEL   N_("_Initiator name")
#define INITIATOR_EXAMPLE "iqn.2024-01.com.example:host1"
#define PORTAL_LABEL      N_("_Portal")
#define PORTAL_HELP       N_("The iSCSI server’s host name or IP address.")

/* The name comes first on every page; then these, in this order. */
static const FieldSpec field_specs[] = {
  { VS_POOL_TYPE_DIR, FIELD_TARGET, N_("_Folder"),
    N_("Where the pool keeps its image files. Creating the pool makes the folder when it does not exist."),
    NULL },

  { VS_POOL_TYPE_FS, FIELD_DEVICE, N_("_Device"),
    N_("The block device, such as a partition, that holds the filesystem."), "/dev/sdb1" },
  { VS_POOL_TYPE_FS, FIELD_FORMAT, N_("File _system"),
    N_("“Detect automatically” mounts whatever filesystem the device holds."), NULL },
  { VS_POOL_TYPE_FS, FIELD_TARGET, MOUNT_POINT_LABEL, MOUNT_POINT_HELP, NULL },

  { VS_POOL_TYPE_NETFS, FIELD_FORMAT, N_("_Protocol"),
    N_("NFS for most file servers (NAS), CIFS for Windows or Samba shares."), NULL },
  { VS_POOL_TYPE_NETFS, FIELD_HOST, N_("_Server"),
    N_("The file server’s host name or IP address."), "nas.example.com" },
  { VS_POOL_TYPE_NETFS, FIELD_PORT, PORT_LABEL, NULL, NULL },
  { VS_POOL_TYPE_NETFS, FIELD_SOURCE_DIR, N_("_Export"), NULL, NULL },
  { VS_POOL_TYPE_NETFS, FIELD_TARGET, MOUNT_POINT_LABEL, MOUNT_POINT_HELP, NULL },

  { VS_POOL_TYPE_LOGICAL, FIELD_SOURCE_NAME, N_("_Volume group"),
    N_("An LVM volume group of the host: Scan lists them. Empty: the volume group named like the pool."),
    "vg0" },
  { VS_POOL_TYPE_LOGICAL, FIELD_DEVICE, N_("_Physical volumes"),
    N_("Only to make a new volume group: its devices, separated by spaces. Building the pool erases them."),
    "/dev/sdb /dev/sdc" },

  { VS_POOL_TYPE_DISK, FIELD_DEVICE, N_("_Disk"),
    N_("The whole disk; each of its partitions becomes a volume."), "/dev/sdb" },
  { VS_POOL_TYPE_DISK, FIELD_FORMAT, N_("_Partition table"),
    N_("“Detect automatically” reads the table the disk has; a new one is written only when you choose to build."),
    NULL },

  { VS_POOL_TYPE_ISCSI, FIELD_HOST, PORTAL_LABEL, PORTAL_HELP, "san.example.com" },
  { VS_POOL_TYPE_ISCSI, FIELD_PORT, PORT_LABEL, NULL, NULL },
  { VS_POOL_TYPE_ISCSI, FIELD_TARGET_IQN, TARGET_IQN_LABEL, TARGET_IQN_HELP, IQN_EXAMPLE },
  { VS_POOL_TYPE_ISCSI, FIELD_INITIATOR_IQN, INITIATOR_LABEL,
    N_("Optional: the name this host logs in with, when the target only lets known initiators in."),
    INITIATOR_EXAMPLE },
  { VS_POOL_TYPE_ISCSI, FIELD_AUTH_USER, CHAP_USER_LABEL, CHAP_USER_HELP, NULL },
  { VS_POOL_TYPE_ISCSI, FIELD_SECRET, CHAP_SECRET_LABEL, CHAP_SECRET_HELP, NULL },

  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_HOST, PORTAL_LABEL, PORTAL_HELP, "san.example.com" },
  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_PORT, PORT_LABEL, NULL, NULL },
  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_TARGET_IQN, TARGET_IQN_LABEL, TARGET_IQN_HELP, IQN_EXAMPLE },
  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_INITIATOR_IQN, INITIATOR_LABEL,
    N_("The name QEMU logs in with: direct access needs one of its own."), INITIATOR_EXAMPLE },
  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_AUTH_USER, CHAP_USER_LABEL, CHAP_USER_HELP, NULL },
  { VS_POOL_TYPE_ISCSI_DIRECT, FIELD_SECRET, CHAP_SECRET_LABEL, CHAP_SECRET_HELP, NULL },

  { VS_POOL_TYPE_SCSI, FIELD_ADAPTER, N_("_Host adapter"),
    N_("The SCSI or Fibre Channel host adapter as the kernel names it (see /sys/class/scsi_host)."),
    "host0" },

  { VS_POOL_TYPE_RBD, FIELD_HOST, N_("_Monitors"),
    N_("The Ceph monitors’ host names or addresses, separated by spaces."),
    "mon1.example.com mon2.example.com" },
  { VS_POOL_TYPE_RBD, FIELD_PORT, PORT_LABEL, NULL, NULL },
  { VS_POOL_TYPE_RBD, FIELD_SOURCE_NAME, N_("Ceph _pool"),
    N_("The pool of the Ceph cluster that holds the images."), "rbd" },
  { VS_POOL_TYPE_RBD, FIELD_AUTH_USER, N_("Ceph _user"),
    N_("Optional: the Ceph user, without “client.”, when the cluster uses cephx."), "libvirt" },
  { VS_POOL_TYPE_RBD, FIELD_SECRET, N_("Ceph _key"),
    N_("The user’s key as “ceph auth get-key client.USER” prints it. Kept as a libvirt secret."),
    NULL },

  { VS_POOL_TYPE_GLUSTER, FIELD_HOST, N_("_Server"),
    N_("A server of the GlusterFS cluster."), "gluster.example.com" },
  { VS_POOL_TYPE_GLUSTER, FIELD_PORT, PORT_LABEL, NULL, NULL },
  { VS_POOL_TYPE_GLUSTER, FIELD_SOURCE_NAME, N_("_Volume"),
    N_("The GlusterFS volume."), "gv0" },
  { VS_POOL_TYPE_GLUSTER, FIELD_SOURCE_DIR, N_("_Folder in the volume"),
    N_("Optional: a folder inside the volume. Empty: the whole volume."), "/vms" },

  { VS_POOL_TYPE_ZFS, FIELD_SOURCE_NAME, N_("_ZFS pool"),
    N_("An existing ZFS pool of the host, or the name of a new one."), "tank" },
  { VS_POOL_TYPE_ZFS, FIELD_DEVICE, N_("_Devices"),
    N_("Only to make a new ZFS pool: its devices, separated by spaces. Building the pool erases them."),
    "/dev/sdb /dev/sdc" },
};

/* Helpers --------------------------------------------------------------- */

static gboolean
has_field (VsPoolSettingsPage *self,
           FieldId             id)
{
  return self->fields[id].widget != NULL;
}

/* The text of an entry field, "" when the page has no such field. */
static const char *
field_text (VsPoolSettingsPage *self,
            FieldId             id)
{
  GtkWidget *widget = self->fields[id].widget;

  if (widget == NULL || !GTK_IS_EDITABLE (widget))
    return "";

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* NULL when empty, so that a definition leaves the field out. */
static char *
dup_field_text (VsPoolSettingsPage *self,
                FieldId             id)
{
  const char *text = field_text (self, id);

  return is_blank (text) ? NULL : g_strdup (text);
}

/* Hosts and devices: a list separated by spaces (or commas). */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text, " \t\n,", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

static const char *
selected_format (VsPoolSettingsPage *self)
{
  GtkWidget *widget = self->fields[FIELD_FORMAT].widget;
  guint selected;

  if (widget == NULL || self->format_ids == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
  if (selected >= g_strv_length (self->format_ids))
    return NULL;

  return self->format_ids[selected];
}

static gboolean
export_is_path (VsPoolSettingsPage *self)
{
  const char *format = selected_format (self);

  /* A CIFS share or a GlusterFS volume is a name, not a path. */
  return self->type != VS_POOL_TYPE_NETFS ||
         (g_strcmp0 (format, "cifs") != 0 && g_strcmp0 (format, "glusterfs") != 0);
}

static const char *
format_label (const char *format)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "auto", N_("Detect automatically") },
    { "unknown", N_("Detect automatically") },
    { "nfs", N_("NFS") },
    { "cifs", N_("CIFS (Windows or Samba share)") },
    { "glusterfs", N_("GlusterFS") },
    { "dos", N_("DOS (MBR)") },
    { "gpt", N_("GPT") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].id, format))
      return _(labels[i].label);

  return format;
}

static const FieldSpec name_spec = {
  0, FIELD_NAME, N_("N_ame"),
  N_("How libvirt and this app call the pool. It cannot contain “/”."), NULL
};

static char *
port_help (VsPoolSettingsPage *self)
{
  guint port = vs_pool_type_get_info (self->type)->default_port;

  if (port == 0)
    return g_strdup (_("Empty: the protocol’s usual port."));

  /* Translators: %u is a port number, e.g. 3260 */
  return g_strdup_printf (_("Empty: the usual port, %u."), port);
}

static void
update_export_help (VsPoolSettingsPage *self)
{
  Field *field = &self->fields[FIELD_SOURCE_DIR];
  const char *format = selected_format (self);
  const char *help, *placeholder;

  if (self->type != VS_POOL_TYPE_NETFS || field->widget == NULL)
    return;

  if (g_strcmp0 (format, "cifs") == 0)
    {
      help = _("The name of the share on the server.");
      placeholder = "vms";
    }
  else if (g_strcmp0 (format, "glusterfs") == 0)
    {
      help = _("The GlusterFS volume, optionally followed by a folder in it.");
      placeholder = "gv0";
    }
  else
    {
      help = _("The folder the server exports, as an absolute path.");
      placeholder = "/srv/vms";
    }

  gtk_label_set_text (field->help_label, help);
  gtk_entry_set_placeholder_text (GTK_ENTRY (field->widget), placeholder);
}

/* Checks ---------------------------------------------------------------- */

static char *
message_of (GError *error)
{
  return g_strdup (error->message);
}

static char *
check_list (VsPoolSettingsPage *self,
            FieldId             id,
            gboolean          (*check) (const char *, GError **))
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);
  g_auto(GStrv) items = split_list (field_text (self, id));
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length (items);

  if (n == 0)
    return self->fields[id].required && !check ("", &error) ? message_of (error) : NULL;

  if (n > 1 && !(info->multiple & field_parts[id]))
    return g_strdup (id == FIELD_HOST ? _("Enter one host only") : _("Enter one device only"));

  for (guint i = 0; i < n; i++)
    if (!check (items[i], &error))
      return message_of (error);

  return NULL;
}

static char *
check_iqn_field (VsPoolSettingsPage *self,
                 FieldId             id)
{
  g_autoptr(GError) error = NULL;
  const char *text = field_text (self, id);

  if (is_blank (text) && !self->fields[id].required)
    return NULL;

  return vs_pool_definition_check_iqn (text, &error) ? NULL : message_of (error);
}

static char *
check_field (VsPoolSettingsPage *self,
             FieldId             id)
{
  g_autoptr(GError) error = NULL;
  const char *text = field_text (self, id);
  gboolean blank = is_blank (text);
  gboolean ceph = vs_pool_type_get_info (self->type)->auth == VS_POOL_AUTH_CEPH;
  guint port;

  switch (id)
    {
    case FIELD_NAME:
      if (!vs_pool_definition_check_name (text, vs_connection_get_pools (self->connection), &error))
        return message_of (error);
      return NULL;

    case FIELD_TARGET:
      if (blank && !self->fields[id].required)
        return NULL;
      if (!vs_pool_definition_check_path (text, &error))
        return message_of (error);
      /* Only this machine's files tell the truth about a local host's. */
      if (self->local && !vs_pool_definition_check_local_target (text, &error))
        return message_of (error);
      return NULL;

    case FIELD_HOST:
      return check_list (self, id, vs_pool_definition_check_host);

    case FIELD_DEVICE:
      return check_list (self, id, vs_pool_definition_check_path);

    case FIELD_PORT:
      return vs_pool_definition_parse_port (text, &port, &error) ? NULL : message_of (error);

    case FIELD_SOURCE_DIR:
      if (blank)
        return self->fields[id].required ? g_strdup (_("This field cannot be empty")) : NULL;
      if (export_is_path (self) && !vs_pool_definition_check_path (text, &error))
        return message_of (error);
      return NULL;

    case FIELD_SOURCE_NAME:
    case FIELD_ADAPTER:
      if (blank && self->fields[id].required)
        return g_strdup (_("This field cannot be empty"));
      return NULL;

    case FIELD_TARGET_IQN:
    case FIELD_INITIATOR_IQN:
      return check_iqn_field (self, id);

    case FIELD_AUTH_USER:
      if (blank && !is_blank (field_text (self, FIELD_SECRET)))
        return g_strdup (ceph ? _("Enter the user the key belongs to, or leave the key empty")
                              : _("Enter the user name too, or leave the password empty"));
      return NULL;

    case FIELD_SECRET:
      if (blank && !is_blank (field_text (self, FIELD_AUTH_USER)))
        return g_strdup (ceph ? _("Enter the user’s key too") : _("Enter the password too"));
      if (!blank && ceph && !vs_pool_definition_check_ceph_key (text, &error))
        return message_of (error);
      return NULL;

    case FIELD_FORMAT:
    case N_FIELDS:
    default:
      return NULL;
    }
}

/* Whether the problem of @id shows: once the user typed there, or in the
 * other half of a pair (a CHAP password wants its user). */
static gboolean
error_shown (VsPoolSettingsPage *self,
             FieldId             id)
{
  Field *field = &self->fields[id];
  gboolean touched = field->touched;

  if (id == FIELD_AUTH_USER || id == FIELD_SECRET)
    touched = self->fields[FIELD_AUTH_USER].touched || self->fields[FIELD_SECRET].touched;

  return field->error != NULL && (touched || self->show_all_errors);
}

static void
show_field_state (VsPoolSettingsPage *self,
                  FieldId             id)
{
  Field *field = &self->fields[id];
  gboolean shown = error_shown (self, id);
  const char *help = gtk_label_get_text (field->help_label);
  g_autofree char *description = NULL;

  gtk_label_set_text (field->error_label, shown ? field->error : "");
  gtk_widget_set_visible (GTK_WIDGET (field->error_label), shown);
  if (shown)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");

  /* A screen reader says the problem with the field, then the help. */
  if (shown && *help != '\0')
    /* Translators: the problem with a field, then the field's help */
    description = g_strdup_printf (_("%s. %s"), field->error, help);
  else
    description = g_strdup (shown ? field->error : help);

  gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
host_is_valid (VsPoolSettingsPage *self)
{
  return has_field (self, FIELD_HOST) && !is_blank (field_text (self, FIELD_HOST)) &&
         self->fields[FIELD_HOST].error == NULL &&
         (!has_field (self, FIELD_PORT) || self->fields[FIELD_PORT].error == NULL);
}

static void
update_scan_button (VsPoolSettingsPage *self)
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);
  gboolean ready;

  if (info->discovery == VS_POOL_DISCOVERY_NONE)
    return;

  /* Stays sensitive while a scan runs, so that it keeps the focus. */
  ready = info->discovery == VS_POOL_DISCOVERY_LOCAL || host_is_valid (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), ready);
}

/* Checks every field again (one field's problem may depend on another's
 * text: the CHAP user and password, the export and the protocol). */
static void
update (VsPoolSettingsPage *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean complete = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      if (field->widget == NULL)
        continue;

      g_free (field->error);
      field->error = check_field (self, i);
      complete = complete && field->error == NULL;
      show_field_state (self, i);

      /* Why Next stays off, where no field says it yet. */
      if (field->error != NULL && !error_shown (self, i))
        {
          if (missing->len > 0)
            /* Translators: separates field names: "Name, Export" */
            g_string_append (missing, _(", "));
          g_string_append (missing, gtk_label_get_text (field->label));
        }
    }

  if (missing->len > 0)
    {
      /* Translators: %s lists fields: "Name, Export" */
      g_autofree char *hint = g_strdup_printf (_("Still needed: %s"), missing->str);

      gtk_label_set_text (self->hint_label, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), missing->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->page_error_label), FALSE);
  update_scan_button (self);

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_COMPLETE]);
    }
}

static void
set_field_text (VsPoolSettingsPage *self,
                FieldId             id,
                const char         *text)
{
  if (!has_field (self, id) || text == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->fields[id].widget), text);
  self->fields[id].touched = TRUE;
}

/* The folder (or mount point) named after the pool, until the user edits it. */
static void
follow_name (VsPoolSettingsPage *self)
{
  const char *name = field_text (self, FIELD_NAME);
  g_autofree char *target = NULL;

  if (!has_field (self, FIELD_TARGET) || self->target_edited)
    return;

  /* A name that cannot be a folder's leaves the folder alone. */
  if (!is_blank (name) && vs_pool_definition_check_name (name, NULL, NULL))
    target = vs_pool_definition_suggest_target (VS_POOL_TYPE_DIR, name, self->session);

  self->setting_target = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->fields[FIELD_TARGET].widget),
                         target != NULL ? target : "");
  self->setting_target = FALSE;
  self->fields[FIELD_TARGET].touched = target != NULL;
}

/* Building the page ---------------------------------------------------- */

static GtkWidget *
make_format_widget (VsPoolSettingsPage *self)
{
  const char * const *formats = vs_pool_capabilities_get_source_formats (self->capabilities, self->type);
  const char *preferred = vs_pool_capabilities_get_default_source_format (self->capabilities, self->type);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;
  guint selected = 0;

  if (formats == NULL)
    return NULL;

  /* The course's choice for a file server: NFS. */
  if (self->type == VS_POOL_TYPE_NETFS && g_strv_contains (formats, "nfs"))
    preferred = "nfs";

  self->format_ids = g_strdupv ((GStrv) formats);
  for (guint i = 0; formats[i] != NULL; i++)
    {
      gtk_string_list_append (labels, format_label (formats[i]));
      if (g_strcmp0 (formats[i], preferred) == 0)
        selected = i;
    }

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_halign (drop_down, GTK_ALIGN_START);

  return drop_down;
}

static GtkWidget *
make_entry (VsPoolSettingsPage *self,
            FieldId             id,
            const char         *placeholder)
{
  GtkWidget *entry;

  if (id == FIELD_SECRET)
    {
      entry = gtk_password_entry_new ();
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
      g_object_set (entry, "activates-default", TRUE, NULL);
      return entry;
    }

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);

  if (id == FIELD_PORT)
    {
      g_autofree char *port = NULL;
      guint default_port = vs_pool_type_get_info (self->type)->default_port;

      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      if (default_port != 0)
        {
          port = g_strdup_printf ("%u", default_port);
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), port);
        }
    }

  return entry;
}

static void
add_field (VsPoolSettingsPage *self,
           const FieldSpec    *spec)
{
  Field *field = &self->fields[spec->field];
  g_autofree char *help = NULL;
  GtkWidget *label;

  g_assert (field->widget == NULL);

  if (spec->field == FIELD_FORMAT)
    field->widget = make_format_widget (self);
  else
    field->widget = make_entry (self, spec->field, spec->placeholder);

  if (field->widget == NULL)
    return;

  field->required = spec->field == FIELD_NAME ||
                    (field_parts[spec->field] != VS_POOL_FIELD_NONE &&
                     vs_pool_type_requires (self->type, field_parts[spec->field]));

  label = gtk_label_new_with_mnemonic (_(spec->label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field->widget);
  field->label = GTK_LABEL (label);

  if (spec->field == FIELD_PORT)
    help = port_help (self);
  else
    help = g_strdup (spec->help != NULL ? _(spec->help) : "");

  field->help_label = GTK_LABEL (gtk_label_new (help));
  gtk_label_set_xalign (field->help_label, 0);
  gtk_label_set_wrap (field->help_label, TRUE);
  gtk_label_set_max_width_chars (field->help_label, 60);
  gtk_widget_add_css_class (GTK_WIDGET (field->help_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (field->help_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (field->help_label), *help != '\0');

  field->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (field->error_label, 0);
  gtk_label_set_wrap (field->error_label, TRUE);
  gtk_label_set_wrap_mode (field->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (field->error_label, 60);
  gtk_widget_add_css_class (GTK_WIDGET (field->error_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (field->error_label), "vs-field-error");
  gtk_widget_set_visible (GTK_WIDGET (field->error_label), FALSE);

  field->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_name (field->box, field_names[spec->field]);
  gtk_box_append (GTK_BOX (field->box), label);
  gtk_box_append (GTK_BOX (field->box), field->widget);
  gtk_box_append (GTK_BOX (field->box), GTK_WIDGET (field->error_label));
  gtk_box_append (GTK_BOX (field->box), GTK_WIDGET (field->help_label));
  /* Before the scan section, which is moved to its place afterwards. */
  gtk_box_insert_child_after (self->fields_box, field->box,
                              gtk_widget_get_prev_sibling (self->scan_section));

  /* The mnemonic label names the field for screen readers. */
  if (field->required)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                    -1);

  if (spec->field == FIELD_FORMAT)
    g_signal_connect_object (field->widget, "notify::selected",
                             G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (field->widget, "changed",
                             G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
place_scan_section (VsPoolSettingsPage *self)
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);
  FieldId anchor;
  const char *label;

  switch (self->type)
    {
    case VS_POOL_TYPE_NETFS:
      label = _("S_can for Exports");
      anchor = FIELD_PORT;
      break;
    case VS_POOL_TYPE_LOGICAL:
      label = _("S_can for Volume Groups");
      anchor = FIELD_SOURCE_NAME;
      break;
    case VS_POOL_TYPE_ISCSI:
      label = _("S_can for Targets");
      anchor = FIELD_PORT;
      break;
    default:
      /* The others cannot be discovered, or (iscsi-direct) only through
       * the host's own initiator, which that type does without. */
      return;
    }

  g_assert (info->discovery != VS_POOL_DISCOVERY_NONE);
  g_assert (has_field (self, anchor));

  gtk_button_set_label (self->scan_button, label);
  vs_accessible_fix_labels (GTK_WIDGET (self->scan_button));
  gtk_box_reorder_child_after (self->fields_box, self->scan_section, self->fields[anchor].box);
  gtk_widget_set_visible (self->scan_section, TRUE);
}

static void
build_fields (VsPoolSettingsPage *self)
{
  add_field (self, &name_spec);

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (field_specs[i].type == self->type)
      add_field (self, &field_specs[i]);

  place_scan_section (self);
  update_export_help (self);

  if (self->type == VS_POOL_TYPE_MPATH)
    {
      gtk_label_set_text (self->note_label,
                          _("The pool lists every multipath device of the host (in /dev/mapper): "
                            "there is nothing to choose but its name."));
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
}

static gboolean
uri_has_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  return parsed == NULL || (host != NULL && *host != '\0');
}

static gboolean
uri_is_session (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);

  return parsed != NULL && g_strcmp0 (g_uri_get_path (parsed), "/session") == 0;
}

/* Scanning -------------------------------------------------------------- */

static void
scan_set_running (VsPoolSettingsPage *self,
                  gboolean            running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), running);
  if (running)
    gtk_spinner_start (self->scan_spinner);
  else
    {
      gtk_spinner_stop (self->scan_spinner);
      g_clear_object (&self->scan_cancellable);
    }
  update_scan_button (self);
}

static void
scan_set_status (VsPoolSettingsPage *self,
                 const char         *status)
{
  gtk_label_set_text (self->scan_status_label, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scan_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status,
                                  -1);
}

static char *
source_title (VsPoolSettingsPage *self,
              const VsPoolSource *source)
{
  const char *host = source->hosts != NULL ? source->hosts[0] : NULL;
  const char *device = source->devices != NULL ? source->devices[0] : NULL;

  switch (self->type)
    {
    case VS_POOL_TYPE_NETFS:
      /* Translators: an NFS export as "server:/path" */
      return g_strdup_printf (_("%s:%s"), host != NULL ? host : "?", source->dir != NULL ? source->dir : "");
    case VS_POOL_TYPE_ISCSI:
      return g_strdup (device != NULL ? device : "?");
    case VS_POOL_TYPE_LOGICAL:
    default:
      return g_strdup (source->name != NULL ? source->name : "?");
    }
}

static char *
source_subtitle (VsPoolSettingsPage *self,
                 const VsPoolSource *source)
{
  if (self->type == VS_POOL_TYPE_NETFS)
    return g_strdup (source->format != NULL ? format_label (source->format) : "");

  if (self->type == VS_POOL_TYPE_ISCSI && source->hosts != NULL && source->hosts[0] != NULL)
    {
      if (source->port != 0)
        /* Translators: a portal as "host:port" */
        return g_strdup_printf (_("%s:%u"), source->hosts[0], source->port);
      return g_strdup (source->hosts[0]);
    }

  if (source->devices != NULL)
    return g_strjoinv (" ", source->devices);

  return g_strdup ("");
}

static void
add_scan_row (VsPoolSettingsPage *self,
              const VsPoolSource *source)
{
  g_autofree char *title = source_title (self, source);
  g_autofree char *subtitle = source_subtitle (self, source);
  GtkWidget *box, *title_label, *subtitle_label, *row;

  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);

  subtitle_label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_set_visible (subtitle_label, *subtitle != '\0');

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_list_box_append (self->scan_list, row);
}

static void
clear_scan_results (VsPoolSettingsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scan_list))) != NULL)
    gtk_list_box_remove (self->scan_list, child);
  g_clear_pointer (&self->scan_results, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_list), FALSE);
}

static char *
found_text (VsPoolType type,
            guint      n)
{
  switch (type)
    {
    case VS_POOL_TYPE_NETFS:
      if (n == 0)
        return g_strdup (_("Nothing found: the server exports no folders to this host."));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Found %u export. Pick it to fill in the fields.",
                                           "Found %u exports. Pick one to fill in the fields.", n), n);
    case VS_POOL_TYPE_ISCSI:
      if (n == 0)
        return g_strdup (_("Nothing found: the portal offers no targets to this host."));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Found %u target. Pick it to fill in the fields.",
                                           "Found %u targets. Pick one to fill in the fields.", n), n);
    case VS_POOL_TYPE_LOGICAL:
    default:
      if (n == 0)
        return g_strdup (_("Nothing found: the host has no LVM volume groups."));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Found %u volume group. Pick it to fill in the fields.",
                                           "Found %u volume groups. Pick one to fill in the fields.", n), n);
    }
}

static gboolean
focus_is_on_scan (VsPoolSettingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const FieldId read[] = { FIELD_HOST, FIELD_PORT };

  if (focus == NULL)
    return FALSE;
  if (focus == GTK_WIDGET (self->scan_button))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      GtkWidget *widget = self->fields[read[i]].widget;

      if (widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        return TRUE;
    }

  return FALSE;
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VsPoolSettingsPage) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  sources = vs_connection_find_pool_sources_finish (VS_CONNECTION (object), result, &error);
  /* Also when the page went away after the answer was on its way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->scan_cancellable == NULL)
    return;

  scan_set_running (self, FALSE);

  if (sources == NULL)
    {
      const char *libvirt_message = vs_error_get_libvirt_message (error);
      g_autofree char *body = NULL;

      /* Why it failed is the point here: libvirt's words in view. */
      if (libvirt_message != NULL)
        /* Translators: libvirt's own message, e.g. why a server did not answer */
        body = g_strdup_printf (_("libvirt says: %s"), libvirt_message);
      else
        body = g_strdup (error->message);

      scan_set_status (self, "");
      vs_error_bar_show_message (self->scan_error_bar, _("The scan failed"), body, NULL);
      return;
    }

  status = found_text (self->type, sources->len);
  scan_set_status (self, status);

  self->scan_results = g_steal_pointer (&sources);
  for (guint i = 0; i < self->scan_results->len; i++)
    add_scan_row (self, g_ptr_array_index (self->scan_results, i));
  gtk_widget_set_visible (GTK_WIDGET (self->scan_list), self->scan_results->len > 0);

  /* From the button (or the fields it reads) on to what it found; not
   * when the user went on elsewhere meanwhile. */
  if (self->scan_results->len > 0 && focus_is_on_scan (self))
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->scan_list)));
}

/* Signal callbacks ------------------------------------------------------ */

static void
field_changed_cb (VsPoolSettingsPage *self,
                  GObject            *widget)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i].widget == GTK_WIDGET (widget))
      {
        if (i == FIELD_TARGET && !self->setting_target)
          self->target_edited = TRUE;
        if (i != FIELD_TARGET || !self->setting_target)
          self->fields[i].touched = TRUE;
        if (i == FIELD_NAME)
          follow_name (self);
        break;
      }

  update (self);
}

static void
format_changed_cb (VsPoolSettingsPage *self,
                   GParamSpec         *pspec,
                   GtkDropDown        *drop_down)
{
  update_export_help (self);
  update (self);
}

static void
pools_changed_cb (VsPoolSettingsPage *self,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GListModel         *pools)
{
  update (self);
}

static void
scan_clicked_cb (VsPoolSettingsPage *self,
                 GtkButton          *button)
{
  g_autofree char *host = NULL;
  const char *status;
  guint port = 0;

  if (self->scan_cancellable != NULL)
    return;

  if (has_field (self, FIELD_HOST))
    {
      g_auto(GStrv) hosts = split_list (field_text (self, FIELD_HOST));

      if (hosts[0] == NULL)
        return;
      host = g_strdup (hosts[0]);
    }
  if (has_field (self, FIELD_PORT) &&
      !vs_pool_definition_parse_port (field_text (self, FIELD_PORT), &port, NULL))
    return;

  clear_scan_results (self);
  vs_error_bar_hide (self->scan_error_bar);

  switch (self->type)
    {
    case VS_POOL_TYPE_NETFS:
      status = _("Asking the server for its exports…");
      break;
    case VS_POOL_TYPE_ISCSI:
      status = _("Asking the portal for its targets…");
      break;
    case VS_POOL_TYPE_LOGICAL:
    default:
      status = _("Looking for volume groups on the host…");
      break;
    }
  scan_set_status (self, status);

  self->scan_cancellable = g_cancellable_new ();
  scan_set_running (self, TRUE);
  vs_connection_find_pool_sources_async (self->connection, self->type, host, port,
                                         self->scan_cancellable, scan_cb, g_object_ref (self));
}

/* Puts what picking a scan result set in @definition into the fields. */
static void
apply_source (VsPoolSettingsPage     *self,
              const VsPoolDefinition *definition)
{
  g_autofree char *hosts = definition->hosts != NULL ? g_strjoinv (" ", definition->hosts) : NULL;
  g_autofree char *devices = definition->devices != NULL ? g_strjoinv (" ", definition->devices) : NULL;
  g_autofree char *port = definition->port != 0 ? g_strdup_printf ("%u", definition->port) : NULL;

  set_field_text (self, FIELD_HOST, hosts);
  set_field_text (self, FIELD_PORT, port);
  set_field_text (self, FIELD_SOURCE_DIR, definition->source_dir);
  set_field_text (self, FIELD_DEVICE, devices);
  set_field_text (self, FIELD_SOURCE_NAME, definition->source_name);
  set_field_text (self, FIELD_TARGET_IQN, definition->target_iqn);
  set_field_text (self, FIELD_INITIATOR_IQN, definition->initiator_iqn);

  if (has_field (self, FIELD_FORMAT) && definition->source_format != NULL && self->format_ids != NULL)
    for (guint i = 0; self->format_ids[i] != NULL; i++)
      if (g_str_equal (self->format_ids[i], definition->source_format))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->fields[FIELD_FORMAT].widget), i);

  update (self);
}

static void
scan_row_activated_cb (VsPoolSettingsPage *self,
                       GtkListBoxRow      *row,
                       GtkListBox         *list)
{
  g_autoptr(VsPoolDefinition) definition = vs_pool_definition_new (self->type);
  VsPoolCreateFlags flags = VS_POOL_CREATE_NONE;
  int index = gtk_list_box_row_get_index (row);
  g_autofree char *status = NULL;
  g_autofree char *title = NULL;
  const VsPoolSource *source;

  if (self->scan_results == NULL || index < 0 || (guint) index >= self->scan_results->len)
    return;

  source = g_ptr_array_index (self->scan_results, index);
  vs_wizard_page_fill_definition (VS_WIZARD_PAGE (self), definition, &flags);
  vs_pool_source_fill_definition (source, definition);
  apply_source (self, definition);

  title = source_title (self, source);
  /* Translators: %s is what a scan found, e.g. "nas:/srv/vms" or "vg0" */
  status = g_strdup_printf (_("Filled in from “%s”."), title);
  scan_set_status (self, status);

  /* On with the fields the scan does not fill. */
  gtk_widget_grab_focus (self->fields[FIELD_NAME].widget);
}

/* VsWizardPage ---------------------------------------------------------- */

static gboolean
vs_pool_settings_page_validate (VsWizardPage *page)
{
  VsPoolSettingsPage *self = VS_POOL_SETTINGS_PAGE (page);
  g_autoptr(VsPoolDefinition) definition = vs_pool_definition_new (self->type);
  VsPoolCreateFlags flags = VS_POOL_CREATE_NONE;
  g_autoptr(GError) error = NULL;

  self->show_all_errors = TRUE;
  update (self);

  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i].widget != NULL && self->fields[i].error != NULL)
      {
        gtk_widget_grab_focus (self->fields[i].widget);
        return FALSE;
      }

  /* What no single field shows. */
  vs_wizard_page_fill_definition (page, definition, &flags);
  if (!vs_pool_definition_validate (definition, &error))
    {
      gtk_label_set_text (self->page_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->page_error_label), TRUE);
      return FALSE;
    }

  return TRUE;
}

static void
vs_pool_settings_page_fill_definition (VsWizardPage      *page,
                                       VsPoolDefinition  *definition,
                                       VsPoolCreateFlags *flags)
{
  VsPoolSettingsPage *self = VS_POOL_SETTINGS_PAGE (page);
  guint port = 0;

  g_return_if_fail (definition->type == self->type);

  g_free (definition->name);
  definition->name = g_strdup (field_text (self, FIELD_NAME));

  if (has_field (self, FIELD_TARGET))
    {
      g_free (definition->target_path);
      definition->target_path = dup_field_text (self, FIELD_TARGET);
    }
  if (has_field (self, FIELD_HOST))
    {
      g_strfreev (definition->hosts);
      definition->hosts = split_list (field_text (self, FIELD_HOST));
    }
  if (has_field (self, FIELD_PORT) &&
      vs_pool_definition_parse_port (field_text (self, FIELD_PORT), &port, NULL))
    definition->port = port;
  if (has_field (self, FIELD_SOURCE_DIR))
    {
      g_free (definition->source_dir);
      definition->source_dir = dup_field_text (self, FIELD_SOURCE_DIR);
    }
  if (has_field (self, FIELD_DEVICE))
    {
      g_strfreev (definition->devices);
      definition->devices = split_list (field_text (self, FIELD_DEVICE));
    }
  if (has_field (self, FIELD_SOURCE_NAME))
    {
      g_free (definition->source_name);
      definition->source_name = dup_field_text (self, FIELD_SOURCE_NAME);
    }
  if (has_field (self, FIELD_FORMAT))
    {
      g_free (definition->source_format);
      definition->source_format = g_strdup (selected_format (self));
    }
  if (has_field (self, FIELD_ADAPTER))
    {
      g_free (definition->adapter_name);
      definition->adapter_name = g_strstrip (g_strdup (field_text (self, FIELD_ADAPTER)));
    }
  if (has_field (self, FIELD_TARGET_IQN))
    {
      g_free (definition->target_iqn);
      definition->target_iqn = dup_field_text (self, FIELD_TARGET_IQN);
    }
  if (has_field (self, FIELD_INITIATOR_IQN))
    {
      g_free (definition->initiator_iqn);
      definition->initiator_iqn = dup_field_text (self, FIELD_INITIATOR_IQN);
    }
  if (has_field (self, FIELD_AUTH_USER))
    {
      g_free (definition->auth_username);
      definition->auth_username = dup_field_text (self, FIELD_AUTH_USER);
    }
  if (has_field (self, FIELD_SECRET))
    {
      g_free (definition->secret_value);
      definition->secret_value = dup_field_text (self, FIELD_SECRET);
    }
}

static gboolean
vs_pool_settings_page_shown (VsWizardPage *page)
{
  VsPoolSettingsPage *self = VS_POOL_SETTINGS_PAGE (page);

  return gtk_widget_grab_focus (self->fields[FIELD_NAME].widget);
}

static void
vs_pool_settings_page_wizard_page_init (VsWizardPageInterface *iface)
{
  iface->validate = vs_pool_settings_page_validate;
  iface->fill_definition = vs_pool_settings_page_fill_definition;
  iface->shown = vs_pool_settings_page_shown;
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_settings_page_dispose (GObject *object)
{
  VsPoolSettingsPage *self = (VsPoolSettingsPage *)object;
  GtkWidget *child;

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_SETTINGS_PAGE);
  /* The child without an id is not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->scan_results, g_ptr_array_unref);
  g_clear_pointer (&self->capabilities, vs_pool_capabilities_unref);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vs_pool_settings_page_parent_class)->dispose (object);
}

static void
vs_pool_settings_page_finalize (GObject *object)
{
  VsPoolSettingsPage *self = (VsPoolSettingsPage *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i].error);
  g_strfreev (self->format_ids);
  g_free (self->title);

  G_OBJECT_CLASS (vs_pool_settings_page_parent_class)->finalize (object);
}

static void
vs_pool_settings_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VsPoolSettingsPage *self = VS_POOL_SETTINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_settings_page_class_init (VsPoolSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_settings_page_dispose;
  object_class->finalize = vs_pool_settings_page_finalize;
  object_class->get_property = vs_pool_settings_page_get_property;

  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");
  properties[PROP_IS_COMPLETE] = g_object_class_find_property (object_class, "is-complete");

  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_POOL_TYPE_FACTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, facts);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, fields_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_section);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_status_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, scan_list);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSettingsPage, page_error_label);
  gtk_widget_class_bind_template_callback (widget_class, scan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_settings_page_init (VsPoolSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scan_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the scan found"),
                                  -1);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_settings_page_new (VsConnection       *connection,
                           VsPoolType          type,
                           VsPoolCapabilities *capabilities)
{
  VsPoolSettingsPage *self;
  const VsPoolTypeFactSheet *sheet;
  const char *uri;

  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);
  g_return_val_if_fail (capabilities != NULL, NULL);

  self = g_object_new (VS_TYPE_POOL_SETTINGS_PAGE, NULL);
  self->connection = g_object_ref (connection);
  self->type = type;
  self->capabilities = vs_pool_capabilities_ref (capabilities);

  uri = vs_connection_get_uri (connection);
  self->local = !uri_has_host (uri);
  self->session = uri_is_session (uri);

  sheet = vs_pool_type_facts_lookup (vs_pool_type_to_string (type));
  self->title = g_strdup (sheet != NULL ? _(sheet->label) : vs_pool_type_to_string (type));
  vs_pool_type_facts_set_pool_type (VS_POOL_TYPE_FACTS (self->facts), vs_pool_type_to_string (type));

  build_fields (self);
  g_signal_connect_object (vs_connection_get_pools (connection), "items-changed",
                           G_CALLBACK (pools_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

VsPoolType
vs_pool_settings_page_get_pool_type (VsPoolSettingsPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), VS_POOL_TYPE_DIR);

  return self->type;
}

static gboolean
field_from_name (const char *name,
                 FieldId    *id)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_names[i], name) == 0)
      {
        *id = i;
        return TRUE;
      }

  return FALSE;
}

GtkWidget *
vs_pool_settings_page_get_field (VsPoolSettingsPage *self,
                                 const char         *field)
{
  FieldId id;

  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), NULL);

  return field_from_name (field, &id) ? self->fields[id].widget : NULL;
}

const char *
vs_pool_settings_page_get_field_error (VsPoolSettingsPage *self,
                                       const char         *field)
{
  FieldId id;

  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), NULL);

  if (!field_from_name (field, &id) || self->fields[id].widget == NULL)
    return NULL;

  return gtk_widget_get_visible (GTK_WIDGET (self->fields[id].error_label))
         ? gtk_label_get_text (self->fields[id].error_label) : NULL;
}

GtkWidget *
vs_pool_settings_page_get_scan_button (VsPoolSettingsPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), NULL);

  return gtk_widget_get_visible (self->scan_section) ? GTK_WIDGET (self->scan_button) : NULL;
}

GtkListBox *
vs_pool_settings_page_get_scan_list (VsPoolSettingsPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), NULL);

  return self->scan_list;
}

const char *
vs_pool_settings_page_get_scan_status (VsPoolSettingsPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), NULL);

  return gtk_label_get_text (self->scan_status_label);
}

gboolean
vs_pool_settings_page_get_scanning (VsPoolSettingsPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SETTINGS_PAGE (self), FALSE);

  return self->scan_cancellable != NULL;
}
