/* vs-core.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes libvirt's event loop run on the GLib main loop, silences libvirt's
 * own error printing and ignores SIGPIPE. Called by vs_connection_new();
 * idempotent. */
void vs_core_init (void);

G_END_DECLS
