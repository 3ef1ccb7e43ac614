/* vs-gtk-compat.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Dialogs whose GTK API changed in 4.10 (GtkAlertDialog, GtkFileDialog),
 * wrapped once here so the rest of the GUI builds the same against 4.8 and
 * newer releases.
 *
 * Every @parent is any widget: its root window becomes the transient parent
 * of the dialog (NULL is allowed). */

/* Asks a yes/no question. @destructive_label names the action ("_Delete");
 * the button is styled as destructive and Cancel has the default focus, so
 * Enter never destroys anything by accident. @body may be NULL. The
 * dialog's accessible name is @heading. */
void      vs_confirm_async        (GtkWidget            *parent,
                                   const char           *heading,
                                   const char           *body,
                                   const char           *destructive_label,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
/* TRUE when the user confirmed. FALSE without @error when the user declined
 * or closed the dialog; FALSE with G_IO_ERROR_CANCELLED when @cancellable
 * was cancelled (the dialog is closed then). */
gboolean  vs_confirm_finish       (GAsyncResult         *result,
                                   GError              **error);

/* The same, with a check button under the question (@option_label, a
 * mnemonic label such as "_Wipe before deleting"), unchecked at first. */
void      vs_confirm_with_option_async  (GtkWidget            *parent,
                                         const char           *heading,
                                         const char           *body,
                                         const char           *destructive_label,
                                         const char           *option_label,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* As vs_confirm_finish(); @option gets the check button's state. */
gboolean  vs_confirm_with_option_finish (GAsyncResult         *result,
                                         gboolean             *option,
                                         GError              **error);

typedef enum
{
  VS_FILE_CHOOSER_OPEN,   /* an existing file, to read */
  VS_FILE_CHOOSER_SAVE,   /* a file to write; the chooser asks before replacing one */
} VsFileChooserAction;

/* Asks for a local file through the desktop's native chooser (the portal
 * in a sandbox): GtkFileChooserNative on GTK 4.8, GtkFileDialog from 4.10.
 * @initial_name is the name a SAVE chooser proposes (may be NULL). */
void      vs_choose_file_async    (GtkWidget            *parent,
                                   VsFileChooserAction   action,
                                   const char           *title,
                                   const char           *accept_label,
                                   const char           *initial_name,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
/* The chosen file, or NULL with G_IO_ERROR_CANCELLED when the user
 * dismissed the chooser or @cancellable was cancelled. */
GFile    *vs_choose_file_finish   (GAsyncResult         *result,
                                   GError              **error);

/* Shows a message (an error, a warning, ...) with a Close button. @detail,
 * when not NULL, is shown in a collapsed, selectable "Details" section: put
 * the libvirt message there. */
void      vs_message_show         (GtkWidget            *parent,
                                   GtkMessageType        type,
                                   const char           *heading,
                                   const char           *body,
                                   const char           *detail);

/* gtk_widget_set_tooltip_text() that does nothing when the text is the
 * same: on X11 every call asks the server where the pointer is. */
void vs_widget_set_tooltip (GtkWidget  *widget,
                            const char *text);

/* Makes @label show its whole text as a tooltip when it is cut short (an
 * ellipsized cell), without setting any tooltip text up front. */
void vs_label_tooltip_when_ellipsized (GtkLabel *label);
/* The same for a GtkInscription (a volume list cell): its text in a
 * tooltip when it does not fit. */
void vs_inscription_tooltip_when_cut (GtkInscription *inscription);

/* GTK 4.8 names a button with a mnemonic label by its raw label and its
 * child's text together ("_Delete Delete" for screen readers), and an
 * expander not at all. Gives every such widget in @widget's tree (itself
 * included) its label without the underscore as its accessible name. Call
 * it once a template is built; newer GTK releases need none of it, and it
 * does no harm there. */
void vs_accessible_fix_labels (GtkWidget *widget);

/* GTK 4.8's search bar close button and search entry clear icon have no
 * accessible name: gives them one. */
void vs_accessible_name_search_bar (GtkSearchBar *search_bar);

/* GTK 4.8 names the button inside a drop-down after its type
 * ("GtkToggleButton"): names it, and the drop-down, @label. */
void vs_accessible_name_drop_down (GtkDropDown *drop_down,
                                   const char  *label);

G_END_DECLS
