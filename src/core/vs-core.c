/* vs-core.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-core"

#include "config.h"

#include <signal.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt-glib/libvirt-glib.h>

#include "vs-core.h"

static void
silence_libvirt (void        *user_data,
                 virErrorPtr  error)
{
  /* Errors travel in GErrors; libvirt's default handler would print them. */
}

void
vs_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* A remote link through ssh is a pipe: writing to it after ssh died
       * must fail with EPIPE, not kill the application. */
      signal (SIGPIPE, SIG_IGN);
      virInitialize ();
      virSetErrorFunc (NULL, silence_libvirt);
      gvir_event_register ();
      g_once_init_leave (&initialized, 1);
    }
}
