/* vs-error.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-error"

#include "config.h"

#include "vs-error.h"

G_DEFINE_QUARK (vs-connection-error-quark, vs_connection_error)
G_DEFINE_QUARK (vs-pool-error-quark, vs_pool_error)
G_DEFINE_QUARK (vs-volume-error-quark, vs_volume_error)
