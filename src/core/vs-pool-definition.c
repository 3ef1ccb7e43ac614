/* vs-pool-definition.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-definition"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "vs-error.h"
#include "vs-pool.h"
#include "vs-pool-definition.h"
#include "vs-xml.h"

/* The value of a secret, wiped when freed. */
typedef struct
{
  guchar *data;
  gsize   len;
} SecretData;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_DEFINE_BOXED_TYPE (VsPoolDefinition, vs_pool_definition,
                     vs_pool_definition_copy, vs_pool_definition_free)

#define BAD(...) g_set_error (error, VS_POOL_ERROR, VS_POOL_ERROR_INVALID, __VA_ARGS__)

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static guint
count (const char * const *values)
{
  guint n = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (is_set (values[i]))
      n++;

  return n;
}

/* What every string that goes into the XML must be: text XML can carry. */
static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      BAD (_("The text is not valid UTF-8"));
      return FALSE;
    }
  if (vs_xml_has_control_characters (text))
    {
      BAD (_("“%s” contains a line break or another control character"), text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_dns_name (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;

  return *host != '\0';
}

static gboolean
skip_digits (const char **p,
             guint        n)
{
  for (guint i = 0; i < n; i++, (*p)++)
    if (!g_ascii_isdigit (**p))
      return FALSE;

  return TRUE;
}

/* libvirt's schema: iqn\.[0-9]{4}-(0[1-9]|1[0-2])\.[a-zA-Z0-9\.\-]+(:.+)? */
static gboolean
is_iqn (const char *iqn)
{
  const char *p = iqn;
  const char *authority;
  int month;

  if (!g_str_has_prefix (p, "iqn."))
    return FALSE;
  p += strlen ("iqn.");

  if (!skip_digits (&p, 4) || *p++ != '-')
    return FALSE;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  month = (p[0] - '0') * 10 + (p[1] - '0');
  p += 2;
  if (month < 1 || month > 12 || *p++ != '.')
    return FALSE;

  authority = p;
  while (g_ascii_isalnum (*p) || *p == '.' || *p == '-')
    p++;
  if (p == authority)
    return FALSE;

  return *p == '\0' || (*p == ':' && p[1] != '\0');
}

static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text);
  gsize padding = 0;

  if (len == 0 || len % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }

  return padding <= 2;
}

static void
secret_data_free (gpointer ptr)
{
  SecretData *secret = ptr;

  explicit_bzero (secret->data, secret->len);
  g_free (secret->data);
  g_free (secret);
}

/* Bytes that are wiped when freed. Takes @data. */
static GBytes *
secret_bytes_new (guchar *data,
                  gsize   len)
{
  SecretData *secret = g_new0 (SecretData, 1);

  secret->data = data;
  secret->len = len;

  return g_bytes_new_with_free_func (data, len, secret_data_free, secret);
}

/* Checks of a whole definition ------------------------------------------ */

/* The target path as given, or the type's fixed one (/dev/disk/by-path). */
static const char *
effective_target (const VsPoolDefinition *self)
{
  if (is_set (self->target_path))
    return self->target_path;

  return vs_pool_type_get_info (self->type)->default_target_path;
}

static gboolean
check_required (const VsPoolDefinition  *self,
                GError                 **error)
{
  static const struct {
    VsPoolField  field;
    const char  *message;
  } needs[] = {
    { VS_POOL_FIELD_TARGET_PATH, N_("The pool needs a target path") },
    { VS_POOL_FIELD_HOST, N_("The pool needs a host") },
    { VS_POOL_FIELD_SOURCE_DIR, N_("The pool needs a source folder") },
    { VS_POOL_FIELD_DEVICE, N_("The pool needs a source device") },
    { VS_POOL_FIELD_SOURCE_NAME, N_("The pool needs a source name") },
    { VS_POOL_FIELD_ADAPTER, N_("The pool needs a SCSI adapter") },
    { VS_POOL_FIELD_TARGET_IQN, N_("The pool needs an iSCSI target") },
    { VS_POOL_FIELD_INITIATOR_IQN, N_("The pool needs an initiator IQN") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      gboolean given;

      if (!vs_pool_type_requires (self->type, needs[i].field))
        continue;

      switch (needs[i].field)
        {
        case VS_POOL_FIELD_TARGET_PATH: given = effective_target (self) != NULL; break;
        case VS_POOL_FIELD_HOST: given = count ((const char * const *) self->hosts) > 0; break;
        case VS_POOL_FIELD_SOURCE_DIR: given = is_set (self->source_dir); break;
        case VS_POOL_FIELD_DEVICE: given = count ((const char * const *) self->devices) > 0; break;
        case VS_POOL_FIELD_SOURCE_NAME: given = is_set (self->source_name); break;
        case VS_POOL_FIELD_ADAPTER: given = is_set (self->adapter_name); break;
        case VS_POOL_FIELD_TARGET_IQN: given = is_set (self->target_iqn); break;
        case VS_POOL_FIELD_INITIATOR_IQN: given = is_set (self->initiator_iqn); break;
        default: g_assert_not_reached ();
        }

      if (!given)
        {
          BAD ("%s", _(needs[i].message));
          return FALSE;
        }
    }

  return TRUE;
}

/* The text fields that go into the XML as they are. */
static gboolean
check_plain_texts (const VsPoolDefinition  *self,
                   GError                 **error)
{
  const char *texts[] = {
    self->source_name, self->source_format, self->adapter_name,
    self->auth_username, self->secret_usage, self->source_dir,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && !check_text (texts[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
source_dir_may_be_relative (const VsPoolDefinition *self)
{
  /* A CIFS share or a Gluster volume path is not a path on the server. */
  return self->type == VS_POOL_TYPE_NETFS &&
         (g_strcmp0 (self->source_format, "cifs") == 0 ||
          g_strcmp0 (self->source_format, "glusterfs") == 0);
}

static gboolean
check_source (const VsPoolDefinition  *self,
              GError                 **error)
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_HOST))
    {
      if (count ((const char * const *) self->hosts) > 1 && !(info->multiple & VS_POOL_FIELD_HOST))
        {
          BAD (_("A pool of type %s takes one host only"), info->name);
          return FALSE;
        }
      for (guint i = 0; self->hosts != NULL && self->hosts[i] != NULL; i++)
        if (is_set (self->hosts[i]) && !vs_pool_definition_check_host (self->hosts[i], error))
          return FALSE;
    }

  if (self->port > 65535)
    {
      BAD (_("“%u” is not a port: enter a number from 1 to 65535"), self->port);
      return FALSE;
    }

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_DEVICE))
    {
      if (count ((const char * const *) self->devices) > 1 && !(info->multiple & VS_POOL_FIELD_DEVICE))
        {
          BAD (_("A pool of type %s takes one device only"), info->name);
          return FALSE;
        }
      for (guint i = 0; self->devices != NULL && self->devices[i] != NULL; i++)
        if (is_set (self->devices[i]) && !vs_pool_definition_check_path (self->devices[i], error))
          return FALSE;
    }

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_SOURCE_DIR) && is_set (self->source_dir) &&
      !source_dir_may_be_relative (self) &&
      !vs_pool_definition_check_path (self->source_dir, error))
    return FALSE;

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_TARGET_IQN) && is_set (self->target_iqn) &&
      !vs_pool_definition_check_iqn (self->target_iqn, error))
    return FALSE;

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_INITIATOR_IQN) &&
      is_set (self->initiator_iqn) &&
      !vs_pool_definition_check_iqn (self->initiator_iqn, error))
    return FALSE;

  return TRUE;
}

static gboolean
check_auth (const VsPoolDefinition  *self,
            GError                 **error)
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);
  gboolean has_secret = is_set (self->secret_value) || is_set (self->secret_uuid) ||
                        is_set (self->secret_usage);

  if (!is_set (self->auth_username))
    {
      if (is_set (self->secret_value) || is_set (self->secret_uuid))
        {
          BAD (_("The authentication needs a user name"));
          return FALSE;
        }
      return TRUE;
    }

  if (info->auth == VS_POOL_AUTH_NONE)
    {
      BAD (_("A pool of type %s takes no authentication"), info->name);
      return FALSE;
    }
  if (!has_secret)
    {
      BAD (info->auth == VS_POOL_AUTH_CEPH ? _("The authentication needs a key or an existing secret")
                                           : _("The authentication needs a password or an existing secret"));
      return FALSE;
    }
  if (is_set (self->secret_value) && is_set (self->secret_uuid))
    {
      BAD (_("Give either a new password or an existing secret, not both"));
      return FALSE;
    }
  /* libvirt's schema of secrets refuses it in a usage. */
  if (is_set (self->secret_usage) && strchr (self->secret_usage, '/') != NULL)
    {
      BAD (_("The name of a secret cannot contain “/”"));
      return FALSE;
    }
  if (is_set (self->secret_uuid) && !g_uuid_string_is_valid (self->secret_uuid))
    {
      BAD (_("“%s” is not the UUID of a secret"), self->secret_uuid);
      return FALSE;
    }
  if (is_set (self->secret_value) && info->auth == VS_POOL_AUTH_CEPH &&
      !vs_pool_definition_check_ceph_key (self->secret_value, error))
    return FALSE;

  return TRUE;
}

/* Writing the XML ------------------------------------------------------- */

static void
add_text (xmlNode    *parent,
          const char *element,
          const char *text)
{
  xmlNewTextChild (parent, NULL, (const xmlChar *) element, (const xmlChar *) text);
}

static xmlNode *
add_element (xmlNode    *parent,
             const char *element,
             const char *attribute,
             const char *value)
{
  xmlNode *node = xmlNewChild (parent, NULL, (const xmlChar *) element, NULL);

  if (attribute != NULL)
    xmlNewProp (node, (const xmlChar *) attribute, (const xmlChar *) value);

  return node;
}

static void
add_hosts (xmlNode                *source,
           const VsPoolDefinition *self)
{
  g_autofree char *port = self->port > 0 ? g_strdup_printf ("%u", self->port) : NULL;

  for (guint i = 0; self->hosts != NULL && self->hosts[i] != NULL; i++)
    if (is_set (self->hosts[i]))
      {
        xmlNode *host = add_element (source, "host", "name", self->hosts[i]);

        if (port != NULL)
          xmlNewProp (host, (const xmlChar *) "port", (const xmlChar *) port);
      }
}

static void
add_auth (xmlNode                *source,
          const VsPoolDefinition *self)
{
  const VsPoolTypeInfo *info = vs_pool_type_get_info (self->type);
  xmlNode *auth;

  auth = add_element (source, "auth", "type", info->auth == VS_POOL_AUTH_CEPH ? "ceph" : "chap");
  xmlNewProp (auth, (const xmlChar *) "username", (const xmlChar *) self->auth_username);

  if (is_set (self->secret_uuid))
    add_element (auth, "secret", "uuid", self->secret_uuid);
  else
    {
      g_autofree char *usage = vs_pool_definition_dup_secret_usage (self);

      add_element (auth, "secret", "usage", usage);
    }
}

static void
add_source (xmlNode                *root,
            const VsPoolDefinition *self)
{
  VsPoolType type = self->type;
  /* Most types' schemas want a <source>, even an empty one (logical);
   * libvirt itself writes one for every type. */
  xmlNode *source = add_element (root, "source", NULL, NULL);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_HOST))
    add_hosts (source, self);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_DEVICE))
    for (guint i = 0; self->devices != NULL && self->devices[i] != NULL; i++)
      if (is_set (self->devices[i]))
        add_element (source, "device", "path", self->devices[i]);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_TARGET_IQN) && is_set (self->target_iqn))
    add_element (source, "device", "path", self->target_iqn);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_SOURCE_DIR) && is_set (self->source_dir))
    add_element (source, "dir", "path", self->source_dir);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_ADAPTER) && is_set (self->adapter_name))
    {
      xmlNode *adapter = add_element (source, "adapter", "type", "scsi_host");

      xmlNewProp (adapter, (const xmlChar *) "name", (const xmlChar *) self->adapter_name);
    }

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_SOURCE_NAME) && is_set (self->source_name))
    add_text (source, "name", self->source_name);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_SOURCE_FORMAT) && is_set (self->source_format))
    add_element (source, "format", "type", self->source_format);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_INITIATOR_IQN) && is_set (self->initiator_iqn))
    add_element (add_element (source, "initiator", NULL, NULL), "iqn", "name", self->initiator_iqn);

  if (vs_pool_type_accepts (type, VS_POOL_FIELD_AUTH) && is_set (self->auth_username))
    add_auth (source, self);

}

/* Public API: field checks ----------------------------------------------- */

gboolean
vs_pool_definition_check_name (const char  *name,
                               GListModel  *pools,
                               GError     **error)
{
  gsize len;

  g_return_val_if_fail (pools == NULL || G_IS_LIST_MODEL (pools), FALSE);

  if (!is_set (name))
    {
      BAD (_("The pool needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      BAD (_("The name is not valid UTF-8"));
      return FALSE;
    }
  if (strchr (name, '/') != NULL)
    {
      BAD (_("A pool name cannot contain “/”"));
      return FALSE;
    }
  if (vs_xml_has_control_characters (name))
    {
      BAD (_("A pool name cannot contain line breaks or other control characters"));
      return FALSE;
    }
  /* They would name the parent folder in a default target path. */
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      BAD (_("“%s” cannot be a pool name"), name);
      return FALSE;
    }

  len = strlen (name);
  if (len > VS_POOL_NAME_MAX_BYTES)
    {
      BAD (_("The name is too long: libvirt keeps at most %u bytes, and this one has %u "
             "(a letter outside English takes two to four)"),
           (guint) VS_POOL_NAME_MAX_BYTES, (guint) len);
      return FALSE;
    }

  for (guint i = 0; pools != NULL && i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VsPool) pool = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vs_pool_get_name (pool), name) == 0)
        {
          BAD (_("A pool named “%s” exists already"), name);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
vs_pool_definition_check_path (const char  *path,
                               GError     **error)
{
  if (!is_set (path))
    {
      BAD (_("The path is empty"));
      return FALSE;
    }
  if (!check_text (path, error))
    return FALSE;
  if (!g_path_is_absolute (path))
    {
      BAD (_("“%s” is not an absolute path: it must start with “/”"), path);
      return FALSE;
    }

  return TRUE;
}

gboolean
vs_pool_definition_check_local_target (const char  *path,
                                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  gboolean first = TRUE;

  if (!vs_pool_definition_check_path (path, error))
    return FALSE;

  /* The nearest part of the path that exists must be a folder. */
  file = g_file_new_for_path (path);
  while (file != NULL)
    {
      GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);
      g_autofree char *shown = g_file_get_path (file);
      GFile *parent;

      if (type == G_FILE_TYPE_DIRECTORY)
        return TRUE;
      if (type != G_FILE_TYPE_UNKNOWN)
        {
          if (first)
            BAD (_("“%s” exists and is not a folder"), shown);
          else
            BAD (_("“%s” is a file, so no folder can be made under it"), shown);
          return FALSE;
        }

      first = FALSE;
      parent = g_file_get_parent (file);
      g_object_unref (file);
      file = parent;
    }

  return TRUE;
}

gboolean
vs_pool_definition_check_host (const char  *host,
                               GError     **error)
{
  if (!is_set (host))
    {
      BAD (_("The host name is empty"));
      return FALSE;
    }
  if (!is_dns_name (host) && !g_hostname_is_ip_address (host))
    {
      BAD (_("“%s” is not a host name or IP address"), host);
      return FALSE;
    }

  return TRUE;
}

gboolean
vs_pool_definition_parse_port (const char  *text,
                               guint       *port,
                               GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 value = 0;

  g_return_val_if_fail (port != NULL, FALSE);

  if (*stripped == '\0')
    {
      *port = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (stripped, 10, 1, 65535, &value, NULL))
    {
      BAD (_("“%s” is not a port: enter a number from 1 to 65535"), stripped);
      return FALSE;
    }

  *port = (guint) value;
  return TRUE;
}

gboolean
vs_pool_definition_check_iqn (const char  *iqn,
                              GError     **error)
{
  if (!is_set (iqn))
    {
      BAD (_("The IQN is empty"));
      return FALSE;
    }
  if (!check_text (iqn, error))
    return FALSE;
  if (!is_iqn (iqn))
    {
      BAD (_("“%s” is not an iSCSI qualified name (iqn.YYYY-MM.domain:name)"), iqn);
      return FALSE;
    }

  return TRUE;
}

gboolean
vs_pool_definition_check_ceph_key (const char  *key,
                                   GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (key != NULL ? key : ""));

  if (!is_base64 (stripped))
    {
      BAD (_("This is not a Ceph key: paste it as “ceph auth get-key” prints it"));
      return FALSE;
    }

  return TRUE;
}

/* Public API: the definition -------------------------------------------- */

VsPoolDefinition *
vs_pool_definition_new (VsPoolType type)
{
  VsPoolDefinition *self;

  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  self = g_new0 (VsPoolDefinition, 1);
  self->type = type;

  return self;
}

VsPoolDefinition *
vs_pool_definition_copy (const VsPoolDefinition *self)
{
  VsPoolDefinition *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (VsPoolDefinition, 1);
  copy->type = self->type;
  copy->name = g_strdup (self->name);
  copy->target_path = g_strdup (self->target_path);
  copy->hosts = g_strdupv (self->hosts);
  copy->port = self->port;
  copy->source_dir = g_strdup (self->source_dir);
  copy->devices = g_strdupv (self->devices);
  copy->source_name = g_strdup (self->source_name);
  copy->source_format = g_strdup (self->source_format);
  copy->adapter_name = g_strdup (self->adapter_name);
  copy->target_iqn = g_strdup (self->target_iqn);
  copy->initiator_iqn = g_strdup (self->initiator_iqn);
  copy->auth_username = g_strdup (self->auth_username);
  copy->secret_usage = g_strdup (self->secret_usage);
  copy->secret_uuid = g_strdup (self->secret_uuid);
  copy->secret_value = g_strdup (self->secret_value);
  copy->build_overwrite = self->build_overwrite;

  return copy;
}

void
vs_pool_definition_free (VsPoolDefinition *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->target_path);
  g_strfreev (self->hosts);
  g_free (self->source_dir);
  g_strfreev (self->devices);
  g_free (self->source_name);
  g_free (self->source_format);
  g_free (self->adapter_name);
  g_free (self->target_iqn);
  g_free (self->initiator_iqn);
  g_free (self->auth_username);
  g_free (self->secret_usage);
  g_free (self->secret_uuid);
  if (self->secret_value != NULL)
    {
      explicit_bzero (self->secret_value, strlen (self->secret_value));
      g_free (self->secret_value);
    }
  g_free (self);
}

gboolean
vs_pool_definition_validate (const VsPoolDefinition  *self,
                             GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->type >= VS_POOL_TYPE_COUNT)
    {
      BAD (_("Unknown pool type"));
      return FALSE;
    }

  return vs_pool_definition_check_name (self->name, NULL, error) &&
         check_required (self, error) &&
         (!vs_pool_type_accepts (self->type, VS_POOL_FIELD_TARGET_PATH) ||
          !is_set (self->target_path) ||
          vs_pool_definition_check_path (self->target_path, error)) &&
         check_plain_texts (self, error) &&
         check_source (self, error) &&
         check_auth (self, error);
}

char *
vs_pool_definition_dup_secret_usage (const VsPoolDefinition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (is_set (self->secret_usage))
    return g_strdup (self->secret_usage);

  return g_strconcat ("virt-storage:", self->name, NULL);
}

char *
vs_pool_definition_to_xml (const VsPoolDefinition  *self,
                           GError                 **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  g_return_val_if_fail (self != NULL, NULL);

  if (!vs_pool_definition_validate (self, error))
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "pool");
  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "type", (const xmlChar *) vs_pool_type_to_string (self->type));
  add_text (root, "name", self->name);

  add_source (root, self);

  if (vs_pool_type_accepts (self->type, VS_POOL_FIELD_TARGET_PATH) && effective_target (self) != NULL)
    add_text (add_element (root, "target", NULL, NULL), "path", effective_target (self));
  /* libvirt's schema wants a logical pool's <target>, even an empty one
   * (libvirt then uses /dev/VOLUME-GROUP). */
  else if (self->type == VS_POOL_TYPE_LOGICAL)
    add_element (root, "target", NULL, NULL);

  return vs_xml_to_string (doc);
}

char *
vs_pool_definition_suggest_target (VsPoolType  type,
                                   const char *name,
                                   gboolean    session)
{
  g_return_val_if_fail (type < VS_POOL_TYPE_COUNT, NULL);

  if (type != VS_POOL_TYPE_DIR || !is_set (name))
    return NULL;

  if (session)
    return g_build_filename (g_get_user_data_dir (), "libvirt", "images", name, NULL);

  return g_build_filename ("/var/lib/libvirt/images", name, NULL);
}

char *
vs_pool_definition_to_secret_xml (const VsPoolDefinition  *self,
                                  GError                 **error)
{
  const VsPoolTypeInfo *info;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *usage_id = NULL;
  g_autofree char *description = NULL;
  xmlNode *root, *usage;
  gboolean ceph;

  g_return_val_if_fail (self != NULL, NULL);

  if (!vs_pool_definition_validate (self, error))
    return NULL;

  info = vs_pool_type_get_info (self->type);
  if (!is_set (self->secret_value) || info->auth == VS_POOL_AUTH_NONE)
    {
      BAD (_("The pool has no password or key to keep"));
      return NULL;
    }

  ceph = info->auth == VS_POOL_AUTH_CEPH;
  usage_id = vs_pool_definition_dup_secret_usage (self);
  /* Read by administrators with virsh secret-list: not translated. */
  description = g_strdup_printf ("%s of the storage pool %s (made by Virt Storage)",
                                 ceph ? "Ceph key" : "CHAP password", self->name);

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "secret");
  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "ephemeral", (const xmlChar *) "no");
  xmlNewProp (root, (const xmlChar *) "private", (const xmlChar *) "yes");
  add_text (root, "description", description);
  usage = add_element (root, "usage", "type", ceph ? "ceph" : "iscsi");
  add_text (usage, ceph ? "name" : "target", usage_id);

  return vs_xml_to_string (doc);
}

GBytes *
vs_pool_definition_get_secret_bytes (const VsPoolDefinition  *self,
                                     GError                 **error)
{
  g_autofree char *stripped = NULL;
  guchar *decoded;
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);

  if (!is_set (self->secret_value))
    {
      BAD (_("The pool has no password or key to keep"));
      return NULL;
    }

  if (vs_pool_type_get_info (self->type)->auth != VS_POOL_AUTH_CEPH)
    return secret_bytes_new ((guchar *) g_strdup (self->secret_value), strlen (self->secret_value));

  if (!vs_pool_definition_check_ceph_key (self->secret_value, error))
    return NULL;

  stripped = g_strstrip (g_strdup (self->secret_value));
  decoded = g_base64_decode (stripped, &len);
  explicit_bzero (stripped, strlen (stripped));

  return secret_bytes_new (decoded, len);
}
