/* vs-test-ssh-utils.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-test-ssh-utils"

#include "config.h"

#include <pwd.h>
#include <stdarg.h>

#include "vs-test-ssh-utils.h"
#include "vs-test-utils.h"
#include "vs-uri.h"

/* The second field of a public key file or of `ssh-keygen -l`'s output. */
static char *
second_field (const char *text)
{
  g_auto(GStrv) fields = g_strsplit_set (text, " \n", -1);

  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  return g_strdup (fields[1]);
}

char *
vs_test_ssh_password_skip_reason (void)
{
  const char *names[] = { "VS_TEST_SSH_PASSWORD_USER", "VS_TEST_SSH_PASSWORD",
                          "VS_TEST_SSH_PORT", "VS_TEST_SSH_HOST_KEY" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_getenv (names[i]) == NULL || *g_getenv (names[i]) == '\0')
      return g_strdup_printf ("%s is not set (build-aux/test sets it when its sshd accepts a "
                              "password user)", names[i]);

  return NULL;
}

const char *
vs_test_ssh_password_user (void)
{
  return g_getenv ("VS_TEST_SSH_PASSWORD_USER");
}

const char *
vs_test_ssh_password (void)
{
  return g_getenv ("VS_TEST_SSH_PASSWORD");
}

const char *
vs_test_ssh_port (void)
{
  return g_getenv ("VS_TEST_SSH_PORT");
}

char *
vs_test_ssh_libssh_uri (const char *known_hosts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = vs_uri_build_remote (VS_URI_TRANSPORT_LIBSSH, vs_test_ssh_password_user (),
                                              "127.0.0.1", vs_test_ssh_port (), TRUE, &error);

  g_assert_no_error (error);
  if (known_hosts == NULL)
    return g_steal_pointer (&uri);
  return g_strdup_printf ("%s?known_hosts=%s", uri, known_hosts);
}

char *
vs_test_ssh_host_key_blob (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (g_getenv ("VS_TEST_SSH_HOST_KEY"), &contents, NULL, &error))
    g_error ("%s", error->message);
  return second_field (contents);
}

char *
vs_test_ssh_host_key_fingerprint (void)
{
  const char *argv[] = { "ssh-keygen", "-l", "-E", "sha256", "-f", g_getenv ("VS_TEST_SSH_HOST_KEY"), NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;

  if (!vs_test_spawn (argv, &output, &error))
    g_error ("%s", error->message);
  return second_field (output);
}

void
vs_test_ssh_write_known_host (const char *path,
                              const char *key_line)
{
  g_autofree char *blob = NULL;
  g_autofree char *own_line = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  if (key_line == NULL)
    {
      blob = vs_test_ssh_host_key_blob ();
      key_line = own_line = g_strdup_printf ("ssh-ed25519 %s", blob);
    }

  line = g_strdup_printf ("[127.0.0.1]:%s %s\n", vs_test_ssh_port (), key_line);
  if (!g_file_set_contents (path, line, -1, &error))
    g_error ("%s", error->message);
}

void
vs_test_ssh_write_changed_known_host (const char *path,
                                      const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "other_key", NULL);
  g_autofree char *public_key = g_strconcat (key, ".pub", NULL);
  const char *keygen[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key, NULL };
  g_autofree char *contents = NULL;
  g_autofree char *key_line = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;

  if (!vs_test_spawn (keygen, NULL, &error) ||
      !g_file_get_contents (public_key, &contents, NULL, &error))
    g_error ("%s", error->message);
  fields = g_strsplit (contents, " ", 3);
  key_line = g_strdup_printf ("%s %s", fields[0], fields[1]);
  vs_test_ssh_write_known_host (path, key_line);
}

void
vs_test_ssh_user_virsh (const char *command,
                        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, "runuser");
  g_ptr_array_add (argv, "-u");
  g_ptr_array_add (argv, (char *) vs_test_ssh_password_user ());
  g_ptr_array_add (argv, "--");
  g_ptr_array_add (argv, "virsh");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, "qemu:///session");
  g_ptr_array_add (argv, (char *) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!vs_test_spawn ((const char * const *) argv->pdata, NULL, &error))
    g_error ("%s", error->message);
}

char *
vs_test_ssh_user_path (const char *name)
{
  struct passwd *user = getpwnam (vs_test_ssh_password_user ());

  g_assert_nonnull (user);
  return g_build_filename (user->pw_dir, name, NULL);
}
