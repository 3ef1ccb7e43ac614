/* vs-credentials-dialog.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection.h"

G_BEGIN_DECLS

#define VS_TYPE_CREDENTIALS_DIALOG (vs_credentials_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VsCredentialsDialog, vs_credentials_dialog, VS, CREDENTIALS_DIALOG, GtkWindow)

/* Asks the user for what libvirt wants while opening @connection: one field
 * per credential, hidden for passwords, with "Remember in the keyring"
 * under a password; or, for libvirt's SSH host key question, whether to
 * trust the key, shown by its fingerprint. Answers with
 * vs_connection_credentials_done() when the user connects or cancels. */
GtkWidget *vs_credentials_dialog_new    (GtkWindow           *parent,
                                         VsConnection        *connection,
                                         VsCredential        *creds,
                                         guint                n_creds);
/* Fills the credentials from the fields and answers; what Connect does. */
void       vs_credentials_dialog_accept (VsCredentialsDialog *self);
/* The text field of credential @index (for tests). */
GtkEditable *vs_credentials_dialog_get_field (VsCredentialsDialog *self,
                                         guint                index);
/* Whether the dialog asks to trust a host key (no fields then), and the
 * key's fingerprint as `ssh-keygen -l` prints it. */
gboolean     vs_credentials_dialog_is_host_key     (VsCredentialsDialog *self);
const char  *vs_credentials_dialog_get_fingerprint (VsCredentialsDialog *self);
/* "Remember in the keyring", under a password field. */
GtkCheckButton *vs_credentials_dialog_get_remember_check (VsCredentialsDialog *self);

/* A VsCredentialHandler that shows this dialog over the application's
 * active window; @user_data is the GtkApplication. A password the user
 * asked to remember comes from the desktop keyring without a dialog; it
 * is stored there only once the connection works, and forgotten when the
 * host refuses it. */
void       vs_credentials_dialog_handler (VsConnection       *connection,
                                         VsCredential        *creds,
                                         guint                n_creds,
                                         gpointer             user_data);

G_END_DECLS
