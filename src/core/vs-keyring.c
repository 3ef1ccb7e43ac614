/* vs-keyring.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-keyring"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "vs-keyring.h"

#ifdef HAVE_LIBSECRET

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.virtstorage.VirtStorage.Password", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "prompt", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_new (const char *uri,
                const char *prompt)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "uri", g_strdup (uri));
  if (prompt != NULL)
    g_hash_table_insert (attributes, "prompt", g_strdup (prompt));

  return attributes;
}

static void
service_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    g_task_return_error (task, error);
  else if (secret_service_get_session_algorithms (service) == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("The desktop keyring did not answer"));
  else
    g_task_return_boolean (task, TRUE);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (password), (GDestroyNotify) vs_keyring_free_password);
  secret_password_free (password);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == vs_keyring_store_async)
    secret_password_store_finish (result, &error);
  else
    /* FALSE without an error: there was nothing to clear. */
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

#endif

/* The task of the call @tag, or NULL when this build has no keyring (the
 * caller has been told so). */
static GTask *
start_task (gpointer             tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
#ifdef HAVE_LIBSECRET
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  return task;
#else
  g_task_report_new_error (NULL, callback, user_data, tag,
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build of Virt Storage cannot use a keyring"));
  return NULL;
#endif
}

gboolean
vs_keyring_is_supported (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}

void
vs_keyring_check_async (GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = start_task (vs_keyring_check_async, cancellable, callback, user_data);

  if (task == NULL)
    return;

#ifdef HAVE_LIBSECRET
  /* Opening a session is a real call: it fails when nobody answers. */
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, service_cb, task);
#endif
}

void
vs_keyring_lookup_async (const char          *uri,
                         const char          *prompt,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (prompt != NULL);

  task = start_task (vs_keyring_lookup_async, cancellable, callback, user_data);
  if (task == NULL)
    return;

#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_new (uri, prompt);

    secret_password_lookupv (get_schema (), attributes, cancellable, lookup_cb, task);
  }
#endif
}

char *
vs_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
vs_keyring_store_async (const char          *uri,
                        const char          *prompt,
                        const char          *label,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (prompt != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (password != NULL);

  task = start_task (vs_keyring_store_async, cancellable, callback, user_data);
  if (task == NULL)
    return;

#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_new (uri, prompt);

    secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                            password, cancellable, changed_cb, task);
  }
#endif
}

void
vs_keyring_clear_async (const char          *uri,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (uri != NULL);

  task = start_task (vs_keyring_clear_async, cancellable, callback, user_data);
  if (task == NULL)
    return;

#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_new (uri, NULL);

    secret_password_clearv (get_schema (), attributes, cancellable, changed_cb, task);
  }
#endif
}

gboolean
vs_keyring_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vs_keyring_free_password (char *password)
{
  if (password == NULL)
    return;

  explicit_bzero (password, strlen (password));
  g_free (password);
}
