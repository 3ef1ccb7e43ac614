/* main.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "virt-storage"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "vs-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VsApplication) app = NULL;
  const char *localedir = g_getenv ("VS_LOCALEDIR");

  /* VS_LOCALEDIR points a build-tree run at the build's own translations
   * (`meson devenv` sets it); an installed copy finds them by itself. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Virt Storage"));

  app = vs_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
