/* vs-error.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VS_CONNECTION_ERROR (vs_connection_error_quark ())
#define VS_POOL_ERROR       (vs_pool_error_quark ())
#define VS_VOLUME_ERROR     (vs_volume_error_quark ())
#define VS_XML_ERROR        (vs_xml_error_quark ())

typedef enum
{
  VS_CONNECTION_ERROR_FAILED,
  VS_CONNECTION_ERROR_INVALID_URI,
  VS_CONNECTION_ERROR_AUTH,
  VS_CONNECTION_ERROR_NOT_CONNECTED,
  VS_CONNECTION_ERROR_DISCONNECTED,
  VS_CONNECTION_ERROR_EXISTS,
  VS_CONNECTION_ERROR_INVALID,
  /* The SSH host's key is not the one stored for it: refused. */
  VS_CONNECTION_ERROR_HOST_KEY_CHANGED,
  /* OpenSSH needed to ask the user something (a password, a passphrase,
   * whether to trust a host key) and had no way to. */
  VS_CONNECTION_ERROR_CANNOT_PROMPT,
} VsConnectionError;

typedef enum
{
  VS_POOL_ERROR_FAILED,
  VS_POOL_ERROR_NOT_FOUND,
  VS_POOL_ERROR_INVALID_STATE,
  VS_POOL_ERROR_TOO_MANY_VOLUMES,
  VS_POOL_ERROR_INVALID,
  VS_POOL_ERROR_IN_USE,
} VsPoolError;

typedef enum
{
  VS_VOLUME_ERROR_FAILED,
  VS_VOLUME_ERROR_NOT_FOUND,
  VS_VOLUME_ERROR_IN_USE,
  VS_VOLUME_ERROR_INVALID,
  VS_VOLUME_ERROR_EXISTS,
} VsVolumeError;

typedef enum
{
  VS_XML_ERROR_EMPTY,
  VS_XML_ERROR_PARSE,
  VS_XML_ERROR_INVALID,
} VsXmlError;

GQuark      vs_connection_error_quark     (void);
GQuark      vs_pool_error_quark           (void);
GQuark      vs_volume_error_quark         (void);
GQuark      vs_xml_error_quark            (void);

/* Every VS_* error may carry what libvirt said, as data (extended errors):
 * its error number (virErrorNumber), its error domain (virErrorDomain) and
 * its own message; and the context, our sentence for what failed ("Could
 * not start the pool"). The GError's message is the context and libvirt's
 * message joined, for logs; the GUI shows the parts apart. */

/* Call in the worker thread right after a libvirt call failed: sets @error
 * in @domain/@code with virGetLastError() of this thread attached. The
 * message is "@context: libvirt's message" (or libvirt's message alone when
 * @context is NULL). */
void        vs_error_set_from_libvirt     (GError      **error,
                                           GQuark        domain,
                                           int           code,
                                           const char   *context);
/* Sets @error with a libvirt detail given by hand (for errors reported on
 * behalf of libvirt, and for tests). */
void        vs_error_set_with_detail      (GError      **error,
                                           GQuark        domain,
                                           int           code,
                                           const char   *context,
                                           int           libvirt_code,
                                           int           libvirt_domain,
                                           const char   *libvirt_message);
/* Sets @error in @domain/@code with our @context, keeping what libvirt
 * said in @cause (an error of a lower layer) as the detail. */
void        vs_error_set_from_error       (GError      **error,
                                           GQuark        domain,
                                           int           code,
                                           const char   *context,
                                           const GError *cause);
/* virErrorNumber libvirt reported, or 0 (VIR_ERR_OK) when the error did not
 * come from libvirt or is not a VS_* error. */
int         vs_error_get_libvirt_code     (const GError *error);
/* virErrorDomain libvirt reported, or 0. */
int         vs_error_get_libvirt_domain   (const GError *error);
/* libvirt's own message, or NULL. */
const char *vs_error_get_libvirt_message  (const GError *error);
/* What failed, in our words: the context when one was given, else the whole
 * message. Never NULL for a non-NULL @error. */
const char *vs_error_get_summary          (const GError *error);

/* virGetLastError()'s code in this thread, or 0. */
int         vs_libvirt_last_code          (void);

/* What a failed operation that undoes its steps could not take back ("the
 * pool “x” is still defined"), in words, kept apart so that a caller can
 * tell "nothing was left behind" without reading the message. Only VS_*
 * errors carry it; setting it on another error does nothing. */
void        vs_error_set_leftovers        (GError       *error,
                                           const char   *leftovers);
/* NULL when nothing was left behind (or the error does not say). */
const char *vs_error_get_leftovers        (const GError *error);

G_END_DECLS
