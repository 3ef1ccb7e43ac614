/* vs-test-keyring-utils.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-test-keyring-utils"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>

#include "vs-test-keyring-utils.h"
#include "vs-test-utils.h"

struct _VsTestKeyring
{
  char        *dir;
  char        *keyrings;
  GSubprocess *bus;
  GSubprocess *keyring;
  char        *address;
};

#define SECRET_SERVICE "org.freedesktop.secrets"

/* No <servicedir>: nothing is started by D-Bus activation on this bus. */
static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:dir=%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

typedef struct
{
  GDBusConnection *bus;
} OwnerWait;

static gboolean
secret_service_owned (gpointer data)
{
  OwnerWait *wait = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (wait->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", SECRET_SERVICE), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static void
start_bus (VsTestKeyring *self)
{
  g_autofree char *config_path = g_build_filename (self->dir, "bus.conf", NULL);
  g_autofree char *config = g_strdup_printf (bus_config, self->dir);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (config_path, config, -1, &error))
    g_error ("%s", error->message);

  self->bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                "dbus-daemon", "--nofork", "--print-address=1",
                                "--config-file", config_path, NULL);
  g_assert_no_error (error);

  /* dbus-daemon prints its address once it listens. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  self->address = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self->address);
}

static void
start_keyring (VsTestKeyring *self)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *data = g_build_filename (self->dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (self->dir, "runtime", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;
  OwnerWait wait;

  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", self->dir, TRUE);
  self->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                               "--foreground", "--components=secrets",
                                               "--unlock", NULL);
  g_assert_no_error (error);

  /* --unlock reads the login keyring's password until end of file. */
  input = g_subprocess_get_stdin_pipe (self->keyring);
  g_assert_true (g_output_stream_write_all (input, "vs-test-keyring", strlen ("vs-test-keyring"),
                                            NULL, NULL, &error));
  g_assert_true (g_output_stream_close (input, NULL, &error));

  bus = g_dbus_connection_new_for_address_sync (self->address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  wait.bus = bus;
  vs_test_assert_wait_for (secret_service_owned, &wait, VS_TEST_TIMEOUT_MS,
                           "gnome-keyring-daemon to own " SECRET_SERVICE);
  self->keyrings = g_build_filename (data, "keyrings", NULL);
}

VsTestKeyring *
vs_test_keyring_start (gboolean   with_keyring,
                       char     **skip_reason)
{
  VsTestKeyring *self;
  g_autoptr(GError) error = NULL;

  if (g_find_program_in_path ("dbus-daemon") == NULL)
    {
      *skip_reason = g_strdup ("dbus-daemon is not installed");
      return NULL;
    }
  if (with_keyring && g_find_program_in_path ("gnome-keyring-daemon") == NULL)
    {
      *skip_reason = g_strdup ("gnome-keyring-daemon is not installed (package gnome-keyring)");
      return NULL;
    }

  self = g_new0 (VsTestKeyring, 1);
  self->dir = g_dir_make_tmp ("vs-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  start_bus (self);
  if (with_keyring)
    start_keyring (self);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);

  return self;
}

const char *
vs_test_keyring_get_dir (VsTestKeyring *self)
{
  return self->keyrings;
}

void
vs_test_keyring_stop (VsTestKeyring *self)
{
  const char *rm[] = { "rm", "-rf", self->dir, NULL };
  GSubprocess *processes[] = { self->keyring, self->bus };

  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    if (processes[i] != NULL)
      {
        g_subprocess_send_signal (processes[i], SIGTERM);
        g_subprocess_wait (processes[i], NULL, NULL);
        g_object_unref (processes[i]);
      }

  vs_test_spawn (rm, NULL, NULL);
  g_free (self->dir);
  g_free (self->keyrings);
  g_free (self->address);
  g_free (self);
}

gboolean
vs_test_files_contain (const char *dir,
                       const char *text)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (vs_test_files_contain (path, text))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL))
        {
          gsize text_length = strlen (text);

          for (gsize i = 0; i + text_length <= length; i++)
            if (memcmp (contents + i, text, text_length) == 0)
              return TRUE;
        }
    }

  return FALSE;
}
