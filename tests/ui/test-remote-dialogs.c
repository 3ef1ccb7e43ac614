/* test-remote-dialogs.c: a remote host added, trusted and logged into
 * through the window's own dialogs, against the test sshd's password user
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-remote-dialogs"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "vs-add-connection-dialog.h"
#include "vs-application.h"
#include "vs-credentials-dialog.h"
#include "vs-error-bar.h"
#include "vs-keyring.h"
#include "vs-test-keyring-utils.h"
#include "vs-test-ssh-utils.h"
#include "vs-test-utils.h"
#include "vs-ui-test.h"
#include "vs-uri.h"
#include "vs-window-private.h"
#include "vs-window.h"
#include "vs-worker.h"

typedef struct
{
  GSettings           *settings;
  VsConnectionManager *manager;
  VsWindow            *window;
  char                *pool;       /* in the password user's session */
} Fixture;

/* libvirt's built-in SSH client keeps host keys in
 * $XDG_CONFIG_HOME/libvirt/known_hosts: this program's own folder. */
static char *config_home;
/* A desktop keyring on a session bus of this program's own, or NULL. */
static VsTestKeyring *keyring;
static char *keyring_skip;

static char *
known_hosts_path (void)
{
  return g_build_filename (config_home, "libvirt", "known_hosts", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *dir = NULL;
  g_autofree char *skip = vs_test_ssh_password_skip_reason ();

  if (skip == NULL && g_find_program_in_path ("xdotool") == NULL)
    skip = g_strdup ("xdotool is not installed (it types on Xvfb's keyboard)");
  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }

  g_unlink (known_hosts);
  fixture->settings = g_settings_new (VS_SETTINGS_SCHEMA_ID);
  g_settings_reset (fixture->settings, "connections");
  fixture->manager = vs_connection_manager_new (fixture->settings);
  vs_connection_manager_set_credential_handler (fixture->manager,
                                                vs_credentials_dialog_handler, NULL);

  fixture->pool = g_strdup_printf ("vs-ui-remote-%d", (int) getpid ());
  dir = vs_test_ssh_user_path (fixture->pool);
  vs_test_ssh_user_virsh ("pool-create-as", fixture->pool, "dir", "--target", dir, "--build", NULL);

  fixture->window = vs_window_new (NULL, fixture->manager, fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  VS_UI_WAIT (fixture->window, gtk_window_is_active (GTK_WINDOW (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->settings);
  if (fixture->pool != NULL)
    vs_test_ssh_user_virsh ("pool-destroy", fixture->pool, NULL);
  g_clear_pointer (&fixture->pool, g_free);
}

/* Runs xdotool with @args: key presses on Xvfb's keyboard, which go to
 * the window that has the focus, as a person's would. The main loop runs
 * meanwhile, as it would while a person types. */
static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  while (g_subprocess_get_identifier (process) != NULL)
    vs_ui_test_iterate ();
  if (!g_subprocess_get_successful (process))
    g_error ("xdotool %s failed", args[0]);
}

static void
press (const char *keys)
{
  const char *args[] = { "key", "--delay", "30", keys, NULL };

  xdotool (args);
}

static void
type (const char *text)
{
  const char *args[] = { "type", "--delay", "30", text, NULL };

  xdotool (args);
}

static VsCredentialsDialog *
credentials_dialog (gboolean host_key)
{
  GtkWindow *window = vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG);

  if (window == NULL || !gtk_window_is_active (window) ||
      vs_credentials_dialog_is_host_key (VS_CREDENTIALS_DIALOG (window)) != host_key)
    return NULL;

  return VS_CREDENTIALS_DIALOG (window);
}

static GtkWidget *
dialog_part (VsAddConnectionDialog *dialog,
             const char            *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                    VS_TYPE_ADD_CONNECTION_DIALOG, name));
}

/* Whether the keyboard focus is in the dialog's field @name (an entry's
 * focus is on the text inside it). */
static gboolean
focus_in (VsAddConnectionDialog *dialog,
          const char            *name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
  GtkWidget *field = dialog_part (dialog, name);

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static gboolean
popover_shown (GtkWidget *widget)
{
  GtkWidget *popover = vs_ui_test_find_child (widget, GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* With the keyboard alone: Ctrl+N, "Remote host", the fields by their
 * mnemonics, the user's session, Connect; then the host key question
 * (Enter trusts it) and the password (typed, Enter); the user's pool
 * shows up. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *expected_uri = vs_test_ssh_libssh_uri (NULL);
  g_autofree char *fingerprint = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *uri = NULL;
  VsAddConnectionDialog *dialog;
  VsCredentialsDialog *question;
  VsConnection *connection;

  if (fixture->window == NULL)
    return;

  press ("ctrl+n");
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG) != NULL);
  dialog = VS_ADD_CONNECTION_DIALOG (vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG));
  VS_UI_WAIT (dialog, gtk_window_is_active (GTK_WINDOW (dialog)));

  press ("alt+r");
  VS_UI_WAIT (dialog, focus_in (dialog, "host_entry"));
  type ("127.0.0.1");
  press ("alt+n");
  VS_UI_WAIT (dialog, focus_in (dialog, "user_entry"));
  type (vs_test_ssh_password_user ());
  press ("alt+p");
  VS_UI_WAIT (dialog, focus_in (dialog, "port_entry"));
  type (vs_test_ssh_port ());
  press ("alt+i");
  VS_UI_WAIT (dialog, popover_shown (dialog_part (dialog, "instance_dropdown")));
  press ("Down");
  press ("Return");
  VS_UI_WAIT (dialog, gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog_part (dialog, "instance_dropdown"))) == 1);
  VS_UI_WAIT (dialog, !popover_shown (dialog_part (dialog, "instance_dropdown")));

  uri = vs_add_connection_dialog_get_uri (dialog, NULL);
  VS_UI_CHECK (dialog, g_strcmp0 (uri, expected_uri) == 0);
  vs_ui_test_capture (GTK_WIDGET (dialog), "remote-keyboard");

  press ("alt+o");
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG) == NULL);
  connection = vs_connection_manager_lookup (fixture->manager, expected_uri);
  VS_UI_CHECK (fixture->window, connection != NULL);

  /* First contact: the key's fingerprint as ssh-keygen prints it. */
  VS_UI_WAIT (fixture->window, (question = credentials_dialog (TRUE)) != NULL);
  fingerprint = vs_test_ssh_host_key_fingerprint ();
  VS_UI_CHECK (question, g_strcmp0 (vs_credentials_dialog_get_fingerprint (question), fingerprint) == 0);
  vs_ui_test_capture (GTK_WIDGET (question), "host-key-question");
  press ("Return");

  VS_UI_WAIT (fixture->window, (question = credentials_dialog (FALSE)) != NULL);
  VS_UI_CHECK (question, GTK_IS_PASSWORD_ENTRY (vs_credentials_dialog_get_field (question, 0)));
  vs_ui_test_capture (GTK_WIDGET (question), "password-prompt");
  type (vs_test_ssh_password ());
  press ("Return");

  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_WAIT (fixture->window, vs_connection_find_pool (connection, fixture->pool) != NULL);
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);

  /* Trusted: stored where libvirt looks next time. */
  blob = vs_test_ssh_host_key_blob ();
  VS_UI_CHECK (fixture->window, g_file_get_contents (known_hosts, &contents, NULL, NULL));
  VS_UI_CHECK (fixture->window, strstr (contents, blob) != NULL);

  /* Named like a host: its own name, then who logs in where and how. */
  subtitle = g_strdup_printf ("%s@127.0.0.1:%s · SSH · session",
                              vs_test_ssh_password_user (), vs_test_ssh_port ());
  {
    GtkLabel *subtitle_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                         VS_TYPE_WINDOW, "subtitle_label"));

    VS_UI_WAIT (fixture->window, g_strcmp0 (gtk_label_get_label (subtitle_label), subtitle) == 0);
  }
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "remote-connected");
}

/* The add-connection dialog, opened by its action, filled in for the
 * password user's session over the built-in SSH client, whose host key
 * is trusted already. */
static VsAddConnectionDialog *
open_remote_dialog (Fixture *fixture)
{
  g_autofree char *known_hosts = known_hosts_path ();
  g_autofree char *dir = g_path_get_dirname (known_hosts);
  VsAddConnectionDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  vs_test_ssh_write_known_host (known_hosts, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.add-connection", NULL);
  VS_UI_WAIT (fixture->window, vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG) != NULL);
  dialog = VS_ADD_CONNECTION_DIALOG (vs_ui_test_find_window (VS_TYPE_ADD_CONNECTION_DIALOG));
  vs_add_connection_dialog_set_remote (dialog, VS_URI_TRANSPORT_LIBSSH, vs_test_ssh_password_user (),
                                       "127.0.0.1", vs_test_ssh_port (), TRUE);

  return dialog;
}

/* Test Connection asks the same questions, reports, and saves nothing;
 * Connect then adds the connection that tested well, without asking
 * again. */
static void
test_test_connection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GVariant) remembered = NULL;
  VsAddConnectionDialog *dialog;
  VsCredentialsDialog *question;
  VsConnection *tested;

  if (fixture->window == NULL)
    return;

  dialog = open_remote_dialog (fixture);

  /* A wrong password first: libvirt's refusal, said in the dialog. */
  vs_add_connection_dialog_test (dialog);
  VS_UI_WAIT (fixture->window, (question = credentials_dialog (FALSE)) != NULL);
  gtk_editable_set_text (vs_credentials_dialog_get_field (question, 0), "wrong");
  vs_credentials_dialog_accept (question);
  VS_UI_WAIT (dialog, strstr (vs_add_connection_dialog_get_test_status (dialog), "Permission denied") != NULL);

  vs_add_connection_dialog_test (dialog);
  VS_UI_WAIT (fixture->window, (question = credentials_dialog (FALSE)) != NULL);
  gtk_editable_set_text (vs_credentials_dialog_get_field (question, 0), vs_test_ssh_password ());
  vs_credentials_dialog_accept (question);
  VS_UI_WAIT (dialog, g_str_has_prefix (vs_add_connection_dialog_get_test_status (dialog), "Connected to"));
  vs_ui_test_capture (GTK_WIDGET (dialog), "test-connection");

  /* Nothing saved yet. */
  VS_UI_CHECK (dialog, g_list_model_get_n_items (vs_connection_manager_get_connections (fixture->manager)) == 0);
  remembered = g_settings_get_value (fixture->settings, "connections");
  VS_UI_CHECK (dialog, g_variant_n_children (remembered) == 0);

  tested = vs_add_connection_dialog_get_test_connection (dialog);
  VS_UI_CHECK (dialog, vs_add_connection_dialog_accept (dialog));
  VS_UI_CHECK (fixture->window, vs_connection_manager_lookup (fixture->manager, vs_connection_get_uri (tested)) == tested);
  VS_UI_CHECK (fixture->window, vs_connection_get_state (tested) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_CHECK (fixture->window, vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG) == NULL);
}

static gboolean
banner_says (Fixture    *fixture,
             const char *text)
{
  VsErrorBar *banner = vs_window_get_banner (fixture->window);

  return vs_error_bar_get_revealed (banner) && strstr (vs_error_bar_get_body (banner), text) != NULL;
}

/* A changed host key: refused, and the banner says what that may mean. */
static void
test_host_key_changed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *known_hosts = g_build_filename (config_home, "changed_known_hosts", NULL);
  g_autofree char *uri = NULL;
  VsConnection *connection;

  if (fixture->window == NULL)
    return;

  vs_test_ssh_write_changed_known_host (known_hosts, config_home);
  uri = vs_test_ssh_libssh_uri (known_hosts);
  connection = vs_connection_manager_add (fixture->manager, uri, FALSE, FALSE, NULL);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);

  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);
  VS_UI_WAIT (fixture->window, banner_says (fixture, "man-in-the-middle"));
  VS_UI_CHECK (fixture->window, vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG) == NULL);
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "host-key-changed");
}

/* OpenSSH and a password-only host: plain words, and the way out. */
static void
test_openssh_needs_password (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *uri = NULL;
  VsConnection *connection;

  if (fixture->window == NULL)
    return;

  uri = g_strdup_printf ("qemu+ssh://%s@127.0.0.1:%s/session?no_tty=1&command=%s",
                         vs_test_ssh_password_user (), vs_test_ssh_port (),
                         g_getenv ("VS_TEST_SSH_COMMAND"));
  connection = vs_connection_manager_add (fixture->manager, uri, FALSE, FALSE, NULL);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);

  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  VS_UI_WAIT (fixture->window, vs_window_get_current_connection (fixture->window) == connection);
  VS_UI_WAIT (fixture->window, banner_says (fixture, "built-in SSH"));
  vs_ui_test_capture (GTK_WIDGET (fixture->window), "openssh-needs-password");
}

typedef struct
{
  gboolean  done;
  char     *password;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Lookup *lookup = data;

  lookup->password = vs_keyring_lookup_finish (result, NULL);
  lookup->done = TRUE;
}

/* What the keyring holds for @connection's password question now. */
static char *
stored_password (VsConnection *connection,
                 const char   *prompt)
{
  Lookup lookup = { FALSE, NULL };

  vs_keyring_lookup_async (vs_connection_get_uri (connection), prompt, NULL, lookup_cb, &lookup);
  while (!lookup.done)
    vs_ui_test_iterate ();

  return lookup.password;
}

static gboolean
stored_password_is (VsConnection *connection,
                    const char   *prompt,
                    const char   *expected)
{
  g_autofree char *password = stored_password (connection, prompt);

  return g_strcmp0 (password, expected) == 0;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  gboolean *stored = data;

  *stored = vs_keyring_finish (result, NULL);
}

/* "Remember in the keyring": the password goes to the keyring once the
 * connection works, and only there; it answers by itself next time; when
 * the host refuses it, it is forgotten and the user asked again. */
static void
test_remember (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vs_test_ssh_libssh_uri (NULL);
  g_autofree char *prompt = NULL;
  g_autofree char *remembered = NULL;
  VsAddConnectionDialog *dialog;
  VsCredentialsDialog *question;
  VsConnection *connection;
  GtkCheckButton *remember;
  gboolean stored = FALSE;

  if (fixture->window == NULL)
    return;
  if (keyring == NULL)
    {
      g_test_skip (keyring_skip);
      return;
    }

  dialog = open_remote_dialog (fixture);
  VS_UI_CHECK (dialog, vs_add_connection_dialog_accept (dialog));
  connection = vs_connection_manager_lookup (fixture->manager, uri);
  VS_UI_CHECK (fixture->window, connection != NULL);

  VS_UI_WAIT (fixture->window, (question = credentials_dialog (FALSE)) != NULL);
  remember = vs_credentials_dialog_get_remember_check (question);
  VS_UI_WAIT (question, gtk_widget_get_sensitive (GTK_WIDGET (remember)));
  gtk_check_button_set_active (remember, TRUE);
  vs_ui_test_capture (GTK_WIDGET (question), "password-remember");
  gtk_editable_set_text (vs_credentials_dialog_get_field (question, 0), vs_test_ssh_password ());
  vs_credentials_dialog_accept (question);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);

  /* libvirt's question is the key the password is kept under. */
  prompt = g_strdup_printf ("Enter %s's password for 127.0.0.1", vs_test_ssh_password_user ());
  VS_UI_WAIT (fixture->window, stored_password_is (connection, prompt, vs_test_ssh_password ()));
  VS_UI_CHECK (fixture->window, !vs_test_files_contain (vs_test_keyring_get_dir (keyring),
                                                        vs_test_ssh_password ()));
  remembered = g_variant_print (g_settings_get_value (fixture->settings, "connections"), FALSE);
  VS_UI_CHECK (fixture->window, strstr (remembered, "127.0.0.1") != NULL);
  VS_UI_CHECK (fixture->window, strstr (remembered, vs_test_ssh_password ()) == NULL);

  /* Next time nobody is asked: the connection comes up by itself. */
  vs_connection_close (connection);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) != VS_CONNECTION_STATE_CONNECTING);
  VS_UI_CHECK (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_CONNECTED);
  VS_UI_CHECK (fixture->window, vs_ui_test_find_window (VS_TYPE_CREDENTIALS_DIALOG) == NULL);

  /* A password the host refuses (changed on the host meanwhile): the
   * connection fails without a loop, the keyring forgets it, and the next
   * attempt asks the user. */
  vs_keyring_store_async (vs_connection_get_uri (connection), prompt, "Virt Storage: test",
                          "no longer the password", NULL, store_cb, &stored);
  VS_UI_WAIT (fixture->window, stored);
  vs_connection_close (connection);
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
  VS_UI_WAIT (fixture->window, stored_password_is (connection, prompt, NULL));
  vs_connection_manager_open (fixture->manager, connection, NULL, NULL);
  VS_UI_WAIT (fixture->window, (question = credentials_dialog (FALSE)) != NULL);
  gtk_window_close (GTK_WINDOW (question));
  VS_UI_WAIT (fixture->window, vs_connection_get_state (connection) == VS_CONNECTION_STATE_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  config_home = g_dir_make_tmp ("vs-ui-remote-XXXXXX", &error);
  g_assert_no_error (error);
  /* Before GTK or libvirt read it. */
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  /* The built-in SSH client would try the agent of whoever runs this. */
  g_unsetenv ("SSH_AUTH_SOCK");
  /* Before anything talks to the session bus. */
  keyring = vs_test_keyring_start (TRUE, &keyring_skip);

  vs_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/remote/keyboard", test_keyboard);
  ADD ("/ui/remote/test-connection", test_test_connection);
  ADD ("/ui/remote/host-key-changed", test_host_key_changed);
  ADD ("/ui/remote/openssh-needs-password", test_openssh_needs_password);
  ADD ("/ui/remote/remember", test_remember);

#undef ADD

  status = g_test_run ();

  /* A libssh connection still closing in its release thread must not be
   * cut off by exit(): OpenSSL's exit handler frees what it uses. */
  vs_worker_wait_freed (VS_TEST_TIMEOUT_MS);
  {
    const char *rm[] = { "rm", "-rf", config_home, NULL };

    vs_test_spawn (rm, NULL, NULL);
  }
  g_clear_pointer (&keyring, vs_test_keyring_stop);

  return status;
}
