/* vs-error-bar.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VS_TYPE_ERROR_BAR (vs_error_bar_get_type ())

G_DECLARE_FINAL_TYPE (VsErrorBar, vs_error_bar, VS, ERROR_BAR, GtkWidget)

/* A message shown in place, above what it is about: a heading in our words,
 * an optional body, the reason in libvirt's words (its first line, cut
 * short when long), and libvirt's whole message with its error number one
 * click away, in a collapsed "Details" expander. Hidden until shown.
 *
 * Properties: "closable" (a close button; TRUE by default), "message-type"
 * (GTK_MESSAGE_ERROR by default, or GTK_MESSAGE_INFO), "action-label" and
 * "action-name" (an optional button that activates an action, e.g.
 * "_Reconnect" and "window.reconnect"). */

GtkWidget  *vs_error_bar_new              (void);

/* Shows @error: @heading when given (what the user asked for, e.g. "Could
 * not delete “disk.qcow2”"), else the error's summary; libvirt's words
 * as the reason, or, without them, the error's own message as the body.
 * Never splits a message: the parts come from vs_error_get_summary() and
 * vs_error_get_libvirt_message(). */
void        vs_error_bar_show_error       (VsErrorBar   *self,
                                           const char   *heading,
                                           const GError *error);
/* The same with a @body of the caller's (may be NULL) between the heading
 * and libvirt's reason. */
void        vs_error_bar_show_error_full  (VsErrorBar   *self,
                                           const char   *heading,
                                           const char   *body,
                                           const GError *error);
/* Shows a message made by the caller; @body and @detail may be NULL. */
void        vs_error_bar_show_message     (VsErrorBar   *self,
                                           const char   *heading,
                                           const char   *body,
                                           const char   *detail);
void        vs_error_bar_hide             (VsErrorBar   *self);
gboolean    vs_error_bar_get_revealed     (VsErrorBar   *self);

const char *vs_error_bar_get_heading      (VsErrorBar   *self);
/* "" when there is none. */
const char *vs_error_bar_get_body         (VsErrorBar   *self);
/* libvirt's words as the bar shows them; "" when there are none. */
const char *vs_error_bar_get_reason       (VsErrorBar   *self);
const char *vs_error_bar_get_detail       (VsErrorBar   *self);

gboolean        vs_error_bar_get_closable     (VsErrorBar     *self);
void            vs_error_bar_set_closable     (VsErrorBar     *self,
                                               gboolean        closable);
GtkMessageType  vs_error_bar_get_message_type (VsErrorBar     *self);
void            vs_error_bar_set_message_type (VsErrorBar     *self,
                                               GtkMessageType  message_type);
/* Whether the "action-label" button shows (TRUE by default, once it has a
 * label): hide it where the page below offers the same action. */
gboolean        vs_error_bar_get_action_visible (VsErrorBar   *self);
void            vs_error_bar_set_action_visible (VsErrorBar   *self,
                                                 gboolean      visible);

G_END_DECLS
