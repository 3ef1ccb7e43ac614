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

typedef enum
{
  VS_CONNECTION_ERROR_FAILED,
  VS_CONNECTION_ERROR_INVALID_URI,
  VS_CONNECTION_ERROR_AUTH,
  VS_CONNECTION_ERROR_NOT_CONNECTED,
  VS_CONNECTION_ERROR_DISCONNECTED,
  VS_CONNECTION_ERROR_EXISTS,
  VS_CONNECTION_ERROR_INVALID,
} VsConnectionError;

typedef enum
{
  VS_POOL_ERROR_FAILED,
  VS_POOL_ERROR_NOT_FOUND,
  VS_POOL_ERROR_INVALID_STATE,
  VS_POOL_ERROR_TOO_MANY_VOLUMES,
  VS_POOL_ERROR_INVALID,
} VsPoolError;

typedef enum
{
  VS_VOLUME_ERROR_FAILED,
  VS_VOLUME_ERROR_NOT_FOUND,
  VS_VOLUME_ERROR_IN_USE,
  VS_VOLUME_ERROR_INVALID,
} VsVolumeError;

GQuark vs_connection_error_quark (void);
GQuark vs_pool_error_quark       (void);
GQuark vs_volume_error_quark     (void);

G_END_DECLS
