/* vs-ssh.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-ssh"

#include "config.h"

#include <string.h>

#include "vs-ssh.h"

#define SHA256_LENGTH 32

static gboolean
is_hash_char (char c)
{
  return g_ascii_isxdigit (c) || c == ':';
}

/* Reads SHA256_LENGTH hexadecimal pairs joined by colons at @text into
 * @hash; FALSE unless that is exactly what stands there. */
static gboolean
read_hash (const char *text,
           guint8     *hash)
{
  for (guint i = 0; i < SHA256_LENGTH; i++)
    {
      const char *pair = text + i * 3;

      if (!g_ascii_isxdigit (pair[0]) || !g_ascii_isxdigit (pair[1]))
        return FALSE;
      if (i + 1 < SHA256_LENGTH && pair[2] != ':')
        return FALSE;

      hash[i] = (guint8) (g_ascii_xdigit_value (pair[0]) << 4 | g_ascii_xdigit_value (pair[1]));
    }

  return !is_hash_char (text[SHA256_LENGTH * 3 - 1]);
}

char *
vs_ssh_find_host_key_fingerprint (const char *text)
{
  guint8 hash[SHA256_LENGTH];

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      g_autofree char *base64 = NULL;
      char *padding;

      if (p > text && is_hash_char (p[-1]))
        continue;
      if (strlen (p) < SHA256_LENGTH * 3 - 1 || !read_hash (p, hash))
        continue;

      base64 = g_base64_encode (hash, sizeof hash);
      if ((padding = strchr (base64, '=')) != NULL)
        *padding = '\0';

      return g_strconcat ("SHA256:", base64, NULL);
    }

  return NULL;
}

gboolean
vs_ssh_is_openssh_prompt_failure (const char *message)
{
  /* What OpenSSH (9.x) prints on standard error when it gives up for want
   * of a way to ask: its askpass program is missing, it has no terminal
   * (or BatchMode is on) and the server wants a password, or it cannot
   * confirm an unknown or changed host key. */
  static const char * const markers[] = {
    "ssh_askpass:",
    "read_passphrase:",
    "Permission denied (",
    "Permission denied, please try again",
    "Host key verification failed",
    "Too many authentication failures",
  };

  if (message == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strstr (message, markers[i]) != NULL)
      return TRUE;

  return FALSE;
}
