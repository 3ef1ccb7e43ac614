/* vs-keyring.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Passwords and passphrases the user asked to remember, kept in the
 * desktop keyring (the Secret Service, through libsecret) and nowhere
 * else: one per connection URI and question (libvirt's prompt). All calls
 * are asynchronous D-Bus calls, made on the main thread. Without
 * libsecret at build time, or without a keyring on the session bus, every
 * call fails with G_IO_ERROR_NOT_SUPPORTED or the Secret Service's error,
 * and nothing is remembered. */

/* Whether this build can use a keyring at all. */
gboolean  vs_keyring_is_supported  (void);

/* Whether a keyring answers on the session bus (one is started by D-Bus
 * activation when installed). */
void      vs_keyring_check_async   (GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);

/* The password stored for @uri and @prompt; NULL without an error when
 * there is none. Free it with vs_keyring_free_password(). */
void      vs_keyring_lookup_async  (const char           *uri,
                                    const char           *prompt,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
char     *vs_keyring_lookup_finish (GAsyncResult         *result,
                                    GError              **error);

/* Stores @password for @uri and @prompt, under @label (what the keyring's
 * own tools show). */
void      vs_keyring_store_async   (const char           *uri,
                                    const char           *prompt,
                                    const char           *label,
                                    const char           *password,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);

/* Forgets every password stored for @uri. */
void      vs_keyring_clear_async   (const char           *uri,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* Finishes vs_keyring_check_async(), _store_async() and _clear_async(). */
gboolean  vs_keyring_finish        (GAsyncResult         *result,
                                    GError              **error);

/* Overwrites @password and frees it. */
void      vs_keyring_free_password (char                 *password);

G_END_DECLS
