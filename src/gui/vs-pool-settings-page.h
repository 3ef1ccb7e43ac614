/* vs-pool-settings-page.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vs-connection.h"
#include "vs-wizard-page.h"

G_BEGIN_DECLS

#define VS_TYPE_POOL_SETTINGS_PAGE (vs_pool_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (VsPoolSettingsPage, vs_pool_settings_page, VS, POOL_SETTINGS_PAGE, GtkWidget)

/* The pool wizard's page for one pool type: the pool's name and exactly
 * what libvirt needs for that type (vs_pool_type_get_info()), each field
 * with its label, a line of help and its default, checked as the user
 * types with the problem shown under the field.
 *
 * A dir pool's folder (and the mount point of fs and netfs) follows the
 * name, under /var/lib/libvirt/images on a system connection and
 * ~/.local/share/libvirt/images on a session one, until the user edits it.
 * On a connection to this machine a folder that exists as a file is
 * refused at once.
 *
 * netfs, logical and iscsi pages have a Scan button: it asks the host
 * (off the main loop) for NFS exports, volume groups or iSCSI targets and
 * lists them; picking one fills the fields.
 *
 * Fields are named for tests and for vs_pool_settings_page_get_field():
 * "name", "target", "host", "port", "source-dir", "device", "source-name",
 * "format", "adapter", "target-iqn", "initiator-iqn", "auth-user",
 * "secret". */
GtkWidget  *vs_pool_settings_page_new             (VsConnection       *connection,
                                                   VsPoolType          type,
                                                   VsPoolCapabilities *capabilities);
VsPoolType  vs_pool_settings_page_get_pool_type   (VsPoolSettingsPage *self);

/* The field's widget (a GtkEditable, or a GtkDropDown for "format"), or
 * NULL when the type does not ask for it. */
GtkWidget  *vs_pool_settings_page_get_field       (VsPoolSettingsPage *self,
                                                   const char         *field);
/* The problem shown under the field, or NULL. */
const char *vs_pool_settings_page_get_field_error (VsPoolSettingsPage *self,
                                                   const char         *field);
/* The Scan button, or NULL on types without one. */
GtkWidget  *vs_pool_settings_page_get_scan_button (VsPoolSettingsPage *self);
/* The list of what the last scan found (rows in the order found). */
GtkListBox *vs_pool_settings_page_get_scan_list   (VsPoolSettingsPage *self);
/* What the scan says: "Scanning…", "Nothing found", ... ("" when idle). */
const char *vs_pool_settings_page_get_scan_status (VsPoolSettingsPage *self);
/* Whether a scan is running. */
gboolean    vs_pool_settings_page_get_scanning    (VsPoolSettingsPage *self);

G_END_DECLS
