/* vs-gtk-compat.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-gtk-compat"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-gtk-compat.h"

/* GTK 4.8 has GtkMessageDialog only; 4.10 replaced it with GtkAlertDialog
 * and deprecated it (and GtkFileChooserNative, for GtkFileDialog). Building
 * with GDK_VERSION_MIN_REQUIRED=4_8 keeps the old ones warning-free on any
 * release, and this file is the one place to switch when 4.10 becomes the
 * minimum. */

typedef struct
{
  GCancellable *cancellable;
  gulong        cancelled_id;
  GtkWidget    *option_check;   /* a confirmation's option, or NULL */
  gboolean      option;         /* its state when the user answered */
} DialogData;

#define ANSWERED_KEY "vs-compat-answered"

static void
dialog_data_free (gpointer ptr)
{
  DialogData *data = ptr;

  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
release_task (gpointer  data,
              GClosure *closure)
{
  g_object_unref (data);
}

static GtkWindow *
root_window (GtkWidget *parent)
{
  GtkRoot *root;

  if (parent == NULL)
    return NULL;

  root = gtk_widget_get_root (parent);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
mark_answered (gpointer dialog)
{
  if (g_object_get_data (dialog, ANSWERED_KEY) != NULL)
    return FALSE;

  g_object_set_data (dialog, ANSWERED_KEY, GINT_TO_POINTER (TRUE));
  return TRUE;
}

static gboolean
close_cancelled_dialog_cb (gpointer user_data)
{
  GObject *dialog = user_data;

  if (g_object_get_data (dialog, ANSWERED_KEY) != NULL)
    return G_SOURCE_REMOVE;

  if (GTK_IS_DIALOG (dialog))
    {
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    }
  else
    {
      /* Hiding a native dialog emits no ::response of its own. */
      gtk_native_dialog_hide (GTK_NATIVE_DIALOG (dialog));
      g_signal_emit_by_name (dialog, "response", GTK_RESPONSE_CANCEL);
    }

  return G_SOURCE_REMOVE;
}

/* Closing the dialog right here would free the task data, whose disconnect
 * deadlocks inside ::cancelled: close it from an idle instead. */
static void
dialog_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cancelled_dialog_cb,
                   g_object_ref (user_data), g_object_unref);
}

static void
watch_cancellable (GTask        *task,
                   DialogData   *data,
                   GCancellable *cancellable,
                   gpointer      dialog)
{
  if (cancellable == NULL)
    return;

  data->cancellable = g_object_ref (cancellable);
  data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (dialog_cancelled_cb),
                                              dialog, NULL);
}

/* A message dialog has no title: without one a screen reader announces an
 * unnamed dialog. The title is not shown (the dialog draws no title bar). */
static void
name_dialog (GtkWidget  *dialog,
             const char *heading)
{
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  vs_accessible_fix_labels (dialog);
}

/* Confirmation --------------------------------------------------------- */

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     gpointer   user_data)
{
  g_autoptr(GTask) task = NULL;

  DialogData *data;

  if (!mark_answered (dialog))
    return;

  /* Destroying the dialog drops the handler's reference. */
  task = g_object_ref (user_data);
  data = g_task_get_task_data (task);
  if (data->option_check != NULL)
    data->option = gtk_check_button_get_active (GTK_CHECK_BUTTON (data->option_check));
  data->option_check = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, response == GTK_RESPONSE_ACCEPT);
}

static void
confirm (GtkWidget           *parent,
         const char          *heading,
         const char          *body,
         const char          *destructive_label,
         const char          *option_label,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;
  GtkWidget *button;
  DialogData *data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  data = g_new0 (DialogData, 1);
  g_task_set_task_data (task, data, dialog_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  dialog = gtk_message_dialog_new (root_window (parent),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", heading);
  if (body != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", body);

  /* GtkAlertDialog (4.10) takes no extra widgets: an option keeps the
   * message dialog there too. */
  if (option_label != NULL)
    {
      GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));

      data->option_check = gtk_check_button_new_with_mnemonic (option_label);
      gtk_box_append (GTK_BOX (area), data->option_check);
    }

  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), destructive_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  name_dialog (dialog, heading);

  watch_cancellable (task, data, cancellable, dialog);

  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         g_object_ref (task), release_task, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
vs_confirm_async (GtkWidget           *parent,
                  const char          *heading,
                  const char          *body,
                  const char          *destructive_label,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (destructive_label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  confirm (parent, heading, body, destructive_label, NULL, vs_confirm_async,
           cancellable, callback, user_data);
}

gboolean
vs_confirm_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vs_confirm_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Messages ------------------------------------------------------------- */

void
vs_message_show (GtkWidget      *parent,
                 GtkMessageType  type,
                 const char     *heading,
                 const char *body,
                 const char *detail)
{
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (heading != NULL);

  dialog = gtk_message_dialog_new (root_window (parent),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   type, GTK_BUTTONS_CLOSE,
                                   "%s", heading);
  name_dialog (dialog, heading);
  if (body != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", body);

  if (detail != NULL && *detail != '\0')
    {
      GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
      GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Details"));
      GtkWidget *label = gtk_label_new (detail);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "monospace");
      gtk_expander_set_child (GTK_EXPANDER (expander), label);
      gtk_box_append (GTK_BOX (area), expander);
    }

  vs_accessible_fix_labels (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
vs_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* Cells never set a tooltip text: on X11 each gtk_widget_set_tooltip_text()
 * asks the server where the pointer is, a round trip per cell that made
 * showing a 10,000-volume pool take half a second. The text is made when a
 * tooltip is about to show, and only for a label cut short. */
static gboolean
ellipsized_query_tooltip_cb (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  const char *text;
  gboolean cut_short;

  if (GTK_IS_LABEL (widget))
    {
      text = gtk_label_get_text (GTK_LABEL (widget));
      cut_short = text != NULL && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
    }
  else
    {
      /* GtkInscription keeps its layout to itself: lay the text out as it
       * does and see whether it fits. */
      g_autoptr(PangoLayout) layout = NULL;
      int width = 0;

      text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      if (text == NULL)
        return FALSE;
      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_set_attributes (layout, gtk_inscription_get_attributes (GTK_INSCRIPTION (widget)));
      pango_layout_get_pixel_size (layout, &width, NULL);
      cut_short = width > gtk_widget_get_width (widget);
    }

  if (text == NULL || *text == '\0' || !cut_short)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
vs_label_tooltip_when_ellipsized (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (ellipsized_query_tooltip_cb), NULL);
}

void
vs_inscription_tooltip_when_cut (GtkInscription *inscription)
{
  g_return_if_fail (GTK_IS_INSCRIPTION (inscription));

  gtk_widget_set_has_tooltip (GTK_WIDGET (inscription), TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (ellipsized_query_tooltip_cb), NULL);
}

/* "_Save" → "Save", "Rock_&_Roll" keeps its "&", "__" → "_". */
static char *
strip_mnemonic (const char *text)
{
  GString *string = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (string, *p);
    }

  return g_string_free (string, FALSE);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *text,
                      gboolean    use_underline)
{
  g_autofree char *label = use_underline ? strip_mnemonic (text) : g_strdup (text);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
vs_accessible_fix_labels (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    set_accessible_label (widget, gtk_button_get_label (GTK_BUTTON (widget)), TRUE);
  else if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
           gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    set_accessible_label (widget, gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), TRUE);
  else if (GTK_IS_EXPANDER (widget) && gtk_expander_get_label (GTK_EXPANDER (widget)) != NULL)
    set_accessible_label (widget, gtk_expander_get_label (GTK_EXPANDER (widget)),
                          gtk_expander_get_use_underline (GTK_EXPANDER (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    vs_accessible_fix_labels (child);
}

static void
name_search_children (GtkWidget *widget,
                      gboolean   in_entry)
{
  in_entry = in_entry || GTK_IS_SEARCH_ENTRY (widget);

  if (!in_entry && GTK_IS_BUTTON (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close the search"),
                                    -1);
  else if (in_entry && GTK_IS_IMAGE (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear the search"),
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_children (child, in_entry);
}

void
vs_accessible_name_search_bar (GtkSearchBar *search_bar)
{
  g_return_if_fail (GTK_IS_SEARCH_BAR (search_bar));

  name_search_children (GTK_WIDGET (search_bar), FALSE);
}

/* Confirmation with an option ----------------------------------------- */

void
vs_confirm_with_option_async (GtkWidget           *parent,
                              const char          *heading,
                              const char          *body,
                              const char          *destructive_label,
                              const char          *option_label,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (destructive_label != NULL);
  g_return_if_fail (option_label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  confirm (parent, heading, body, destructive_label, option_label, vs_confirm_with_option_async,
           cancellable, callback, user_data);
}

gboolean
vs_confirm_with_option_finish (GAsyncResult  *result,
                               gboolean      *option,
                               GError       **error)
{
  DialogData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vs_confirm_with_option_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (option != NULL)
    *option = data->option;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* File choosers -------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)

/* GtkFileDialog is newer than the GDK_VERSION_MAX_ALLOWED the project
 * builds with (4.8): this is the one place allowed to use it. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
file_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (GPOINTER_TO_INT (g_task_get_task_data (task)) == VS_FILE_CHOOSER_SAVE)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
           g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
choose_file (GTask               *task,
             GtkWindow           *parent,
             VsFileChooserAction  action,
             const char          *title,
             const char          *accept_label,
             const char          *initial_name)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  g_task_set_task_data (task, GINT_TO_POINTER (action), NULL);

  if (action == VS_FILE_CHOOSER_SAVE)
    {
      gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, g_task_get_cancellable (task), file_dialog_done_cb,
                            g_object_ref (task));
    }
  else
    gtk_file_dialog_open (dialog, parent, g_task_get_cancellable (task), file_dialog_done_cb,
                          g_object_ref (task));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
native_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  if (!mark_answered (dialog))
    return;

  task = g_object_ref (user_data);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  /* Breaks the cycle: the dialog's handler holds the task. */
  g_object_set_data (G_OBJECT (task), "vs-native-dialog", NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));
}

static void
choose_file (GTask               *task,
             GtkWindow           *parent,
             VsFileChooserAction  action,
             const char          *title,
             const char          *accept_label,
             const char          *initial_name)
{
  GtkFileChooserNative *native;
  DialogData *data;

  native = gtk_file_chooser_native_new (title, parent,
                                        action == VS_FILE_CHOOSER_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                                       : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (action == VS_FILE_CHOOSER_SAVE && initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  data = g_new0 (DialogData, 1);
  g_task_set_task_data (task, data, dialog_data_free);
  watch_cancellable (task, data, g_task_get_cancellable (task), native);

  /* The dialog holds the task until it answers; the task holds the
   * dialog, which GTK does not keep alive on its own. */
  g_object_set_data_full (G_OBJECT (task), "vs-native-dialog", native, g_object_unref);
  g_signal_connect_data (native, "response", G_CALLBACK (native_response_cb),
                         g_object_ref (task), release_task, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
vs_choose_file_async (GtkWidget           *parent,
                      VsFileChooserAction  action,
                      const char          *title,
                      const char          *accept_label,
                      const char          *initial_name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (accept_label != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vs_choose_file_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  choose_file (task, root_window (parent), action, title, accept_label, initial_name);
}

GFile *
vs_choose_file_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vs_choose_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Drop-downs ------------------------------------------------------------ */

void
vs_accessible_name_drop_down (GtkDropDown *drop_down,
                              const char  *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (label != NULL);

  set_accessible_label (GTK_WIDGET (drop_down), label, FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      set_accessible_label (child, label, FALSE);
}
