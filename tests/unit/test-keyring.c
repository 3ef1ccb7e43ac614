/* test-keyring.c: passwords the user asked to remember, in a real desktop
 * keyring on a bus of the test's own, and nowhere else
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include "vs-keyring.h"
#include "vs-test-keyring-utils.h"
#include "vs-test-utils.h"

#define URI "qemu+libssh://alice@host.example.com:2222/system"
#define PROMPT "Enter alice's password for host.example.com"
#define PASSWORD "pl41n-t3xt-n3v3r <&>"

static gboolean
check (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean available;

  vs_keyring_check_async (NULL, vs_test_async_cb, &result);
  available = vs_keyring_finish (vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS), &error);
  g_assert_true (available == (error == NULL));

  return available;
}

static char *
lookup (const char  *uri,
        const char  *prompt,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vs_keyring_lookup_async (uri, prompt, NULL, vs_test_async_cb, &result);
  return vs_keyring_lookup_finish (vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS), error);
}

/* A keyring stores, finds and forgets, and its files never hold the
 * password as typed. */
static void
test_remember (void)
{
  g_autofree char *skip = NULL;
  g_autoptr(VsTestKeyring) keyring = vs_test_keyring_start (TRUE, &skip);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  if (keyring == NULL)
    {
      g_test_skip (skip);
      return;
    }

  if (!vs_keyring_is_supported ())
    {
      g_test_skip ("built without libsecret");
      return;
    }

  g_assert_true (check ());
  password = lookup (URI, PROMPT, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  vs_keyring_store_async (URI, PROMPT, "Virt Storage: password for alice@host.example.com:2222",
                          PASSWORD, NULL, vs_test_async_cb, &result);
  g_assert_true (vs_keyring_finish (vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  password = lookup (URI, PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  vs_keyring_free_password (password);

  /* Another question, or another host: not this password. */
  password = lookup (URI, "Enter passphrase for key '/home/alice/.ssh/id_ed25519'", &error);
  g_assert_no_error (error);
  g_assert_null (password);
  password = lookup ("qemu+libssh://alice@other.example.com/system", PROMPT, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (g_file_test (vs_test_keyring_get_dir (keyring), G_FILE_TEST_IS_DIR));
  g_assert_false (vs_test_files_contain (vs_test_keyring_get_dir (keyring), PASSWORD));

  vs_keyring_clear_async (URI, NULL, vs_test_async_cb, &result);
  g_assert_true (vs_keyring_finish (vs_test_wait_async (&result, VS_TEST_TIMEOUT_MS), &error));
  g_assert_no_error (error);
  password = lookup (URI, PROMPT, &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

/* No keyring on the bus: every call says so, quickly, and none hangs. */
static void
test_unavailable (void)
{
  g_autofree char *skip = NULL;
  g_autoptr(VsTestKeyring) bus = vs_test_keyring_start (FALSE, &skip);
  g_autoptr(GError) error = NULL;
  char *password;

  if (bus == NULL)
    {
      g_test_skip (skip);
      return;
    }

  g_assert_false (check ());
  password = lookup (URI, PROMPT, &error);
  g_assert_null (password);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  /* Each case in a process of its own: each has its own session bus. */
  vs_test_add ("/keyring/remember", test_remember);
  vs_test_add ("/keyring/unavailable", test_unavailable);

  return g_test_run ();
}
