/* vs-field-message.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The line under a dialog's field: what is wrong with it (in the error
 * colour, the field marked invalid for assistive technologies too), or a
 * hint (dimmed), or nothing (hidden). @field may be NULL (a choice whose
 * message concerns the whole group). */
void        vs_field_message_show      (GtkLabel     *label,
                                        GtkWidget    *field,
                                        const GError *error,
                                        const char   *hint);
/* The error @label shows, or NULL when it shows a hint or nothing. */
const char *vs_field_message_get_error (GtkLabel     *label);

G_END_DECLS
