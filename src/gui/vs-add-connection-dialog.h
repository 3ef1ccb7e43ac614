/* vs-add-connection-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection-manager.h"
#include "vs-uri.h"

G_BEGIN_DECLS

#define VS_TYPE_ADD_CONNECTION_DIALOG (vs_add_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsAddConnectionDialog, vs_add_connection_dialog, VS, ADD_CONNECTION_DIALOG, GtkWindow)

typedef enum
{
  VS_CONNECTION_KIND_SYSTEM,
  VS_CONNECTION_KIND_SESSION,
  VS_CONNECTION_KIND_REMOTE,
  VS_CONNECTION_KIND_CUSTOM,
} VsConnectionKind;

/* Asks which host to connect to, validates the URI, adds it to @manager
 * (remembered) and opens it; then emits ::connection-added and closes.
 * "Test Connection" opens it first, off the main loop, without adding or
 * remembering anything; a connection that tested well is the one added. */
GtkWidget  *vs_add_connection_dialog_new            (GtkWindow              *parent,
                                                     VsConnectionManager    *manager);
void        vs_add_connection_dialog_set_kind       (VsAddConnectionDialog  *self,
                                                     VsConnectionKind        kind);
/* Selects "Remote host" with @transport (VS_URI_TRANSPORT_LIBSSH, _SSH,
 * _TLS or _TCP) and fills its fields (any may be NULL). */
void        vs_add_connection_dialog_set_remote     (VsAddConnectionDialog  *self,
                                                     VsUriTransport          transport,
                                                     const char             *user,
                                                     const char             *host,
                                                     const char             *port,
                                                     gboolean                session);
void        vs_add_connection_dialog_set_custom_uri (VsAddConnectionDialog  *self,
                                                     const char             *uri);
/* The URI the current choice and fields give, or NULL with a message for
 * the user in @error. */
char       *vs_add_connection_dialog_get_uri        (VsAddConnectionDialog  *self,
                                                     GError                **error);
/* The message shown inline, or NULL when none is shown. */
const char *vs_add_connection_dialog_get_error_text (VsAddConnectionDialog  *self);
/* What the Connect button does; TRUE when the connection was added. */
gboolean    vs_add_connection_dialog_accept         (VsAddConnectionDialog  *self);
/* What the Test Connection button does: opens the URI without adding it.
 * Its outcome shows in the dialog (vs_add_connection_dialog_get_test_status()). */
void        vs_add_connection_dialog_test           (VsAddConnectionDialog  *self);
/* The connection being tested or tested last (NULL when none), and the
 * words the dialog shows about it. */
VsConnection *vs_add_connection_dialog_get_test_connection (VsAddConnectionDialog *self);
const char *vs_add_connection_dialog_get_test_status (VsAddConnectionDialog *self);

G_END_DECLS
