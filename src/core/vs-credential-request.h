/* vs-credential-request.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vs-types.h"

G_BEGIN_DECLS

/* The questions libvirt asks while a worker opens a connection (user name,
 * password, ...), carried to the main thread and answered there, while
 * the worker waits for the answer or for the open to be cancelled. */
typedef struct _VsCredentialRequest VsCredentialRequest;

/* Runs on the main thread with the @owner given to
 * vs_credential_request_new() (a strong reference for the call). Shows
 * @creds to whoever answers and returns TRUE; vs_credential_request_finish()
 * follows later. Returns FALSE when nobody can answer now (refused). */
typedef gboolean (*VsCredentialAskFunc) (GObject             *owner,
                                         VsCredentialRequest *request,
                                         VsCredential        *creds,
                                         guint                n_creds);

/* Main thread. @ask NULL: refuse every question (the prompt is kept for
 * the error message). The worker stops waiting when @cancellable fires. */
VsCredentialRequest *vs_credential_request_new      (GObject              *owner,
                                                     VsCredentialAskFunc   ask,
                                                     GCancellable         *cancellable);
VsCredentialRequest *vs_credential_request_ref      (VsCredentialRequest  *self);
void                 vs_credential_request_unref    (VsCredentialRequest  *self);

/* Fills @auth (credential types, callback) for virConnectOpenAuth(); the
 * request must outlive the call. */
void                 vs_credential_request_init_auth (VsCredentialRequest *self,
                                                      virConnectAuthPtr    auth);
/* After a failed open: the prompt of the question that was refused for
 * want of anyone to ask, or NULL. */
const char          *vs_credential_request_get_refused_prompt (VsCredentialRequest *self);

/* After a failed open: the prompt of a secret question (a password, a
 * passphrase) that came again after it was answered, meaning that the
 * host refused the answer; it was refused without asking. Or NULL. */
const char          *vs_credential_request_get_rejected_prompt (VsCredentialRequest *self);
/* After a failed open: whether the user declined to trust a host key. */
gboolean             vs_credential_request_get_host_key_declined (VsCredentialRequest *self);

/* Main thread: the answers are in the credentials the ask function got
 * (@answered TRUE), or the user refused. */
void                 vs_credential_request_finish   (VsCredentialRequest  *self,
                                                     gboolean              answered);

/* Answers a host key question (host_key_fingerprint set) with "trust it";
 * libvirt then stores the key in its known-hosts file and goes on. */
void                 vs_credential_trust_host_key   (VsCredential         *cred);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsCredentialRequest, vs_credential_request_unref)

G_END_DECLS
