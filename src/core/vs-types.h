/* vs-types.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _VsConnection VsConnection;
typedef struct _VsPool       VsPool;
typedef struct _VsVolume     VsVolume;
typedef struct _VsJob        VsJob;

/* The type function of VsPool, for the volume's "pool" property: a volume
 * knows no more of its pool (pool → volume, never back). */
GType vs_pool_get_type (void);

/* One question libvirt asks while opening (user name, password, ...).
 * The handler fills @result (or leaves it NULL to refuse). */
typedef struct
{
  int         type;       /* VIR_CRED_* */
  const char *prompt;
  const char *challenge;
  const char *default_result;
  char       *result;     /* set by the handler, g_malloc'ed */
  /* Set when libvirt's SSH client asks whether to trust a host key it has
   * not seen before: the key's fingerprint as `ssh-keygen -l` prints it
   * ("SHA256:..."). Trust it with vs_credential_trust_host_key(); refuse
   * the question to stop. NULL for every other question. */
  const char *host_key_fingerprint;
} VsCredential;

typedef enum
{
  VS_CONNECTION_STATE_DISCONNECTED,
  VS_CONNECTION_STATE_CONNECTING,
  VS_CONNECTION_STATE_CONNECTED,
  VS_CONNECTION_STATE_FAILED,
} VsConnectionState;

/* Mirrors virStoragePoolState, plus UNKNOWN for "not fetched yet". */
typedef enum
{
  VS_POOL_STATE_UNKNOWN,
  VS_POOL_STATE_INACTIVE,
  VS_POOL_STATE_BUILDING,
  VS_POOL_STATE_RUNNING,
  VS_POOL_STATE_DEGRADED,
  VS_POOL_STATE_INACCESSIBLE,
} VsPoolState;

/* Mirrors virStorageVolType, plus UNKNOWN for "details not loaded yet". */
typedef enum
{
  VS_VOLUME_TYPE_UNKNOWN,
  VS_VOLUME_TYPE_FILE,
  VS_VOLUME_TYPE_BLOCK,
  VS_VOLUME_TYPE_DIR,
  VS_VOLUME_TYPE_NETWORK,
  VS_VOLUME_TYPE_NETDIR,
  VS_VOLUME_TYPE_PLOOP,
} VsVolumeType;

/* How a VsJob stands. */
typedef enum
{
  VS_JOB_STATE_RUNNING,
  VS_JOB_STATE_SUCCEEDED,
  VS_JOB_STATE_FAILED,
  VS_JOB_STATE_CANCELLED,
} VsJobState;

/* What vs_connection_create_pool_async() does after defining the pool. */
typedef enum
{
  VS_POOL_CREATE_NONE      = 0,
  VS_POOL_CREATE_BUILD     = 1 << 0,  /* virStoragePoolBuild after defining          */
  VS_POOL_CREATE_START     = 1 << 1,  /* virStoragePoolCreate                          */
  VS_POOL_CREATE_AUTOSTART = 1 << 2,  /* virStoragePoolSetAutostart (persistent only) */
} VsPoolCreateFlags;

G_END_DECLS
