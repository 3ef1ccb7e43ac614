/* vs-add-connection-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"

G_BEGIN_DECLS

#define VS_TYPE_ADD_CONNECTION_DIALOG (vs_add_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsAddConnectionDialog, vs_add_connection_dialog, VS, ADD_CONNECTION_DIALOG, GtkWindow)

typedef enum
{
  VS_CONNECTION_KIND_SYSTEM,
  VS_CONNECTION_KIND_SESSION,
  VS_CONNECTION_KIND_SSH,
  VS_CONNECTION_KIND_CUSTOM,
} VsConnectionKind;

/* Asks which host to connect to, validates the URI, adds it to @manager
 * (remembered) and opens it; then emits ::connection-added and closes. */
GtkWidget *vs_add_connection_dialog_new      (GtkWindow              *parent,
                                              VsConnectionManager    *manager);
void       vs_add_connection_dialog_set_kind (VsAddConnectionDialog  *self,
                                              VsConnectionKind        kind);
/* Fills the SSH fields (any may be NULL) and selects the SSH choice. */
void       vs_add_connection_dialog_set_ssh  (VsAddConnectionDialog  *self,
                                              const char             *user,
                                              const char             *host,
                                              const char             *port);
void       vs_add_connection_dialog_set_custom_uri (VsAddConnectionDialog *self,
                                              const char             *uri);
/* The URI the current choice and fields give, or NULL with a message for
 * the user in @error. */
char      *vs_add_connection_dialog_get_uri  (VsAddConnectionDialog  *self,
                                              GError                **error);
/* The message shown inline, or NULL when none is shown. */
const char *vs_add_connection_dialog_get_error_text (VsAddConnectionDialog *self);
/* What the Connect button does; TRUE when the connection was added. */
gboolean   vs_add_connection_dialog_accept   (VsAddConnectionDialog  *self);

G_END_DECLS
