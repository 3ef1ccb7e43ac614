/* test-ssh.c: the two things libvirt's SSH transports say only in words
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ssh"

#include "config.h"

#include "vs-ssh.h"
#include "vs-test-utils.h"

/* A host key's SHA-256 as libvirt 9 writes it, and as `ssh-keygen -l`
 * prints it (the integration tests compare with ssh-keygen itself). */
#define HEX "72:ae:45:39:de:fa:b1:08:f1:48:5f:a5:52:e9:7d:60:bc:f5:83:7d:eb:81:22:5c:4a:19:51:d2:2b:14:d5:07"
#define FINGERPRINT "SHA256:cq5FOd76sQjxSF+lUul9YLz1g33rgSJcShlR0isU1Qc"

static void
test_fingerprint (void)
{
  struct {
    const char *text, *fingerprint;
  } table[] = {
    /* libvirt 9.0's question and its error for a changed key. */
    { "Accept SSH host key with hash '" HEX "' for host '127.0.0.1:2292' (y/n)?", FINGERPRINT },
    { "authentication failed: !!! SSH HOST KEY VERIFICATION FAILED !!!: Identity of host "
      "'127.0.0.1:2290' differs from stored identity. Please verify the new host key '" HEX
      "' to avoid possible man in the middle attack. The key is stored in '/tmp/kh'.", FINGERPRINT },
    /* Translated by libvirt: only the hash is the same. */
    { "¿Aceptar la clave de máquina SSH con el resumen «" HEX "» para «h:22» (s/n)?", FINGERPRINT },
    { "hash " HEX, FINGERPRINT },
    { HEX, FINGERPRINT },
    /* Upper case hexadecimal. */
    { "'72:AE:45:39:DE:FA:B1:08:F1:48:5F:A5:52:E9:7D:60:BC:F5:83:7D:EB:81:22:5C:4A:19:51:D2:2B:14:D5:07'",
      FINGERPRINT },
    /* A hash with a 0 byte first and padding in base64. */
    { "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00",
      "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    /* Not a SHA-256: too short (a SHA-1, as older libvirt wrote), too
     * long, broken, or nothing. */
    { "'72:ae:45:39:de:fa:b1:08:f1:48:5f:a5:52:e9:7d:60:bc:f5:83:7d'", NULL },
    { "'" HEX ":aa'", NULL },
    { "'aa:" HEX "'", NULL },
    { "'72:ae:45:39:de:fa:b1:08:f1:48:5f:a5:52:e9:7d:60:bc:f5:83:7d:eb:81:22:5c:4a:19:51:d2:2b:14:d5:0'", NULL },
    { "'72-ae-45-39-de-fa-b1-08-f1-48-5f-a5-52-e9-7d-60-bc-f5-83-7d-eb-81-22-5c-4a-19-51-d2-2b-14-d5-07'", NULL },
    { "Enter root's password for 127.0.0.1", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *fingerprint = vs_ssh_find_host_key_fingerprint (table[i].text);

      g_test_message ("%s", table[i].text);
      g_assert_cmpstr (fingerprint, ==, table[i].fingerprint);
    }
}

/* libvirt's errors when OpenSSH gave up, as seen with libvirt 9.0 and
 * OpenSSH 9.2, and ones that are about something else. */
static void
test_openssh_prompt_failure (void)
{
  struct {
    const char *message;
    gboolean    prompt;
  } table[] = {
    { "Cannot recv data: ssh_askpass: exec(/usr/bin/ssh-askpass): No such file or directory\n"
      "Permission denied, please try again.\n"
      "ssh_askpass: exec(/usr/bin/ssh-askpass): No such file or directory\n"
      "vstest@127.0.0.1: Permission denied (publickey,password).: Connection reset by peer", TRUE },
    { "Cannot recv data: vstest@127.0.0.1: Permission denied (publickey,password).: "
      "Connection reset by peer", TRUE },
    { "Cannot recv data: Host key verification failed.: Connection reset by peer", TRUE },
    { "Cannot recv data: read_passphrase: can't open /dev/tty: No such device or address", TRUE },
    { "Cannot recv data: Received disconnect from 10.0.0.1 port 22:2: Too many authentication "
      "failures", TRUE },
    { "Cannot recv data: ssh: connect to host 127.0.0.1 port 2999: Connection refused: "
      "Connection reset by peer", FALSE },
    { "Cannot recv data: ssh: Could not resolve hostname nowhere.invalid: Name or service not "
      "known: Connection reset by peer", FALSE },
    { "Cannot recv data: bash: line 1: virt-ssh-helper: command not found: Connection reset by peer",
      FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("%s", table[i].message);
      g_assert_cmpint (vs_ssh_is_openssh_prompt_failure (table[i].message), ==, table[i].prompt);
    }
}

int
main (int   argc,
      char *argv[])
{
  vs_test_init (&argc, &argv);

  g_test_add_func ("/ssh/host-key-fingerprint", test_fingerprint);
  g_test_add_func ("/ssh/openssh-prompt-failure", test_openssh_prompt_failure);

  return g_test_run ();
}
