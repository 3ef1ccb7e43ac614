/* vs-application.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_APPLICATION (vs_application_get_type ())

G_DECLARE_FINAL_TYPE (VsApplication, vs_application, VS, APPLICATION, GtkApplication)

/* The schema of the settings, whatever the application id's profile. */
#define VS_SETTINGS_SCHEMA_ID "io.github.virtstorage.VirtStorage"

VsApplication       *vs_application_new                    (void);
/* NULL when the schema is not installed: nothing is remembered then. */
GSettings           *vs_application_get_settings           (VsApplication *self);
VsConnectionManager *vs_application_get_connection_manager (VsApplication *self);

G_END_DECLS
