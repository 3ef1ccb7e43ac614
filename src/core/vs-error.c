/* vs-error.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vs-error.h"

/* The same private part for every domain, so that one set of accessors
 * reads any of them. */
typedef struct
{
  int   libvirt_code;
  int   libvirt_domain;
  char *libvirt_message;
  char *context;
  char *leftovers;
} VsErrorDetail;

typedef VsErrorDetail VsConnectionErrorPrivate;
typedef VsErrorDetail VsPoolErrorPrivate;
typedef VsErrorDetail VsVolumeErrorPrivate;
typedef VsErrorDetail VsXmlErrorPrivate;

static void
detail_init (VsErrorDetail *detail)
{
  detail->libvirt_code = 0;
  detail->libvirt_domain = 0;
  detail->libvirt_message = NULL;
  detail->context = NULL;
  detail->leftovers = NULL;
}

static void
detail_copy (const VsErrorDetail *src,
             VsErrorDetail       *dest)
{
  dest->libvirt_code = src->libvirt_code;
  dest->libvirt_domain = src->libvirt_domain;
  dest->libvirt_message = g_strdup (src->libvirt_message);
  dest->context = g_strdup (src->context);
  dest->leftovers = g_strdup (src->leftovers);
}

static void
detail_clear (VsErrorDetail *detail)
{
  g_clear_pointer (&detail->libvirt_message, g_free);
  g_clear_pointer (&detail->context, g_free);
  g_clear_pointer (&detail->leftovers, g_free);
}

#define VS_ERROR_DETAIL_FUNCS(prefix, Type)                                       \
  static void prefix##_private_init (Type *p) { detail_init (p); }               \
  static void prefix##_private_copy (const Type *s, Type *d) { detail_copy (s, d); } \
  static void prefix##_private_clear (Type *p) { detail_clear (p); }

VS_ERROR_DETAIL_FUNCS (vs_connection_error, VsConnectionErrorPrivate)
VS_ERROR_DETAIL_FUNCS (vs_pool_error, VsPoolErrorPrivate)
VS_ERROR_DETAIL_FUNCS (vs_volume_error, VsVolumeErrorPrivate)
VS_ERROR_DETAIL_FUNCS (vs_xml_error, VsXmlErrorPrivate)

#undef VS_ERROR_DETAIL_FUNCS

G_DEFINE_EXTENDED_ERROR (VsConnectionError, vs_connection_error)
G_DEFINE_EXTENDED_ERROR (VsPoolError, vs_pool_error)
G_DEFINE_EXTENDED_ERROR (VsVolumeError, vs_volume_error)
G_DEFINE_EXTENDED_ERROR (VsXmlError, vs_xml_error)

static VsErrorDetail *
get_detail (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == VS_CONNECTION_ERROR)
    return vs_connection_error_get_private (error);
  if (error->domain == VS_POOL_ERROR)
    return vs_pool_error_get_private (error);
  if (error->domain == VS_VOLUME_ERROR)
    return vs_volume_error_get_private (error);
  if (error->domain == VS_XML_ERROR)
    return vs_xml_error_get_private (error);
  return NULL;
}

void
vs_error_set_with_detail (GError     **error,
                          GQuark       domain,
                          int          code,
                          const char  *context,
                          int          libvirt_code,
                          int          libvirt_domain,
                          const char  *libvirt_message)
{
  GError *local;
  VsErrorDetail *detail;

  if (error == NULL)
    return;

  if (context != NULL && libvirt_message != NULL)
    /* Translators: what failed, then libvirt's own explanation. */
    local = g_error_new (domain, code, _("%s: %s"), context, libvirt_message);
  else if (context != NULL)
    local = g_error_new_literal (domain, code, context);
  else
    local = g_error_new_literal (domain, code,
                                 libvirt_message != NULL ? libvirt_message
                                                         : _("Unknown libvirt error"));

  detail = get_detail (local);
  if (detail != NULL)
    {
      detail->libvirt_code = libvirt_code;
      detail->libvirt_domain = libvirt_domain;
      detail->libvirt_message = g_strdup (libvirt_message);
      detail->context = g_strdup (context);
    }

  g_propagate_error (error, local);
}

void
vs_error_set_from_libvirt (GError     **error,
                           GQuark       domain,
                           int          code,
                           const char  *context)
{
  virErrorPtr err = virGetLastError ();

  vs_error_set_with_detail (error, domain, code, context,
                            err != NULL ? err->code : VIR_ERR_INTERNAL_ERROR,
                            err != NULL ? err->domain : VIR_FROM_NONE,
                            (err != NULL && err->message != NULL) ? err->message
                                                                   : _("Unknown libvirt error"));
}

void
vs_error_set_from_error (GError       **error,
                         GQuark         domain,
                         int            code,
                         const char    *context,
                         const GError  *cause)
{
  const char *detail;

  g_return_if_fail (cause != NULL);

  /* Without libvirt's words, the cause's own message is the detail. */
  detail = vs_error_get_libvirt_message (cause);
  vs_error_set_with_detail (error, domain, code, context,
                            vs_error_get_libvirt_code (cause),
                            vs_error_get_libvirt_domain (cause),
                            detail != NULL ? detail : cause->message);
}

int
vs_error_get_libvirt_code (const GError *error)
{
  VsErrorDetail *detail = get_detail (error);

  return detail != NULL ? detail->libvirt_code : 0;
}

int
vs_error_get_libvirt_domain (const GError *error)
{
  VsErrorDetail *detail = get_detail (error);

  return detail != NULL ? detail->libvirt_domain : 0;
}

const char *
vs_error_get_libvirt_message (const GError *error)
{
  VsErrorDetail *detail = get_detail (error);

  return detail != NULL ? detail->libvirt_message : NULL;
}

const char *
vs_error_get_summary (const GError *error)
{
  VsErrorDetail *detail = get_detail (error);

  if (error == NULL)
    return NULL;
  if (detail != NULL && detail->context != NULL)
    return detail->context;
  return error->message;
}

int
vs_libvirt_last_code (void)
{
  virErrorPtr err = virGetLastError ();

  return err != NULL ? err->code : 0;
}

void
vs_error_set_leftovers (GError     *error,
                        const char *leftovers)
{
  VsErrorDetail *detail = get_detail (error);

  if (detail == NULL)
    return;

  g_free (detail->leftovers);
  detail->leftovers = g_strdup (leftovers);
}

const char *
vs_error_get_leftovers (const GError *error)
{
  VsErrorDetail *detail = get_detail (error);

  return detail != NULL ? detail->leftovers : NULL;
}
