/* vs-error-bar.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-error-bar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"

struct _VsErrorBar
{
  GtkWidget       parent_instance;

  GtkMessageType  message_type;
  char           *detail;

  /* Template widgets */
  GtkRevealer    *revealer;
  GtkWidget      *bar;
  GtkImage       *icon;
  GtkLabel       *heading_label;
  GtkLabel       *body_label;
  GtkLabel       *reason_label;
  GtkExpander    *detail_expander;
  GtkLabel       *detail_label;
  GtkLabel       *code_label;
  GtkButton      *action_button;
  GtkWidget      *close_button;

  gboolean        action_hidden;
};

G_DEFINE_FINAL_TYPE (VsErrorBar, vs_error_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLOSABLE,
  PROP_MESSAGE_TYPE,
  PROP_ACTION_LABEL,
  PROP_ACTION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_text (label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
}

/* libvirt's words short enough for the bar itself: the first line, cut
 * at a word near REASON_MAX_CHARS; the whole text stays under Details. */
#define REASON_MAX_CHARS 160

static char *
dup_short_reason (const char *message)
{
  g_autofree char *line = NULL;
  const char *end;
  const char *cut;

  if (message == NULL)
    return NULL;

  while (g_ascii_isspace (*message))
    message++;
  end = strchr (message, '\n');
  line = end != NULL ? g_strndup (message, end - message) : g_strdup (message);
  g_strchomp (line);
  if (*line == '\0')
    return NULL;

  if (g_utf8_strlen (line, -1) <= REASON_MAX_CHARS)
    return end != NULL ? g_strconcat (line, "…", NULL) : g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, REASON_MAX_CHARS);
  while (cut > line && *cut != ' ')
    cut = g_utf8_prev_char (cut);
  if (cut == line)
    cut = g_utf8_offset_to_pointer (line, REASON_MAX_CHARS);

  g_autofree char *head = g_strndup (line, cut - line);

  return g_strconcat (head, "…", NULL);
}

/* Whether @text already holds @reason (cut short or not). */
static gboolean
says_reason (const char *text,
             const char *reason)
{
  g_autofree char *words = NULL;

  if (text == NULL)
    return FALSE;

  words = g_strdup (reason);
  if (g_str_has_suffix (words, "…"))
    words[strlen (words) - strlen ("…")] = '\0';

  return strstr (text, words) != NULL;
}

static void
show_parts (VsErrorBar *self,
            const char *heading,
            const char *body,
            const char *reason,
            const char *detail,
            int         libvirt_code)
{
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;

  g_assert (heading != NULL);

  /* Said once: libvirt's words may be all there is to say. */
  if (g_strcmp0 (detail, body) == 0 || g_strcmp0 (detail, heading) == 0)
    detail = NULL;
  if (reason != NULL && (says_reason (heading, reason) || says_reason (body, reason)))
    reason = NULL;

  gtk_label_set_text (self->heading_label, heading);
  set_label (self->body_label, body);
  set_label (self->reason_label, reason);
  description = g_strjoin ("\n", body != NULL ? body : "", reason != NULL ? reason : "", NULL);
  g_strstrip (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  g_free (self->detail);
  self->detail = detail != NULL && *detail != '\0' ? g_strdup (detail) : NULL;
  /* The reason in view may be the whole of it: then Details only has
   * libvirt's error number to add. */
  set_label (self->detail_label, g_strcmp0 (self->detail, reason) != 0 ? self->detail : NULL);
  if (libvirt_code != 0)
    /* Translators: libvirt's error number (virErrorNumber), for a search or a bug report */
    code = g_strdup_printf (_("libvirt error code %d"), libvirt_code);
  set_label (self->code_label, self->detail != NULL ? code : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_expander), self->detail != NULL);
  gtk_expander_set_expanded (self->detail_expander, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

/* Signal callbacks ----------------------------------------------------- */

static void
close_clicked_cb (VsErrorBar *self,
                  GtkButton  *button)
{
  vs_error_bar_hide (self);
}

static void
child_revealed_cb (VsErrorBar  *self,
                   GParamSpec  *pspec,
                   GtkRevealer *revealer)
{
  /* Hidden once it has slid away, so it takes no room and no Tab stop. */
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Class ----------------------------------------------------------------- */

static void
vs_error_bar_dispose (GObject *object)
{
  VsErrorBar *self = (VsErrorBar *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_ERROR_BAR);

  G_OBJECT_CLASS (vs_error_bar_parent_class)->dispose (object);
}

static void
vs_error_bar_finalize (GObject *object)
{
  VsErrorBar *self = (VsErrorBar *)object;

  g_free (self->detail);

  G_OBJECT_CLASS (vs_error_bar_parent_class)->finalize (object);
}

static void
vs_error_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VsErrorBar *self = VS_ERROR_BAR (object);

  switch (prop_id)
    {
    case PROP_CLOSABLE:
      g_value_set_boolean (value, vs_error_bar_get_closable (self));
      break;
    case PROP_MESSAGE_TYPE:
      g_value_set_enum (value, self->message_type);
      break;
    case PROP_ACTION_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->action_button));
      break;
    case PROP_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->action_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_error_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VsErrorBar *self = VS_ERROR_BAR (object);

  switch (prop_id)
    {
    case PROP_CLOSABLE:
      vs_error_bar_set_closable (self, g_value_get_boolean (value));
      break;
    case PROP_MESSAGE_TYPE:
      vs_error_bar_set_message_type (self, g_value_get_enum (value));
      break;
    case PROP_ACTION_LABEL:
      gtk_button_set_label (self->action_button, g_value_get_string (value));
      vs_accessible_fix_labels (GTK_WIDGET (self->action_button));
      gtk_widget_set_visible (GTK_WIDGET (self->action_button),
                              !self->action_hidden && g_value_get_string (value) != NULL);
      break;
    case PROP_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_error_bar_class_init (VsErrorBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_error_bar_dispose;
  object_class->finalize = vs_error_bar_finalize;
  object_class->get_property = vs_error_bar_get_property;
  object_class->set_property = vs_error_bar_set_property;

  properties[PROP_CLOSABLE] =
    g_param_spec_boolean ("closable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_TYPE] =
    g_param_spec_enum ("message-type", NULL, NULL, GTK_TYPE_MESSAGE_TYPE, GTK_MESSAGE_ERROR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION_LABEL] =
    g_param_spec_string ("action-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION_NAME] =
    g_param_spec_string ("action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-error-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, bar);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, icon);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, body_label);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, reason_label);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, detail_expander);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, code_label);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, action_button);
  gtk_widget_class_bind_template_child (widget_class, VsErrorBar, close_button);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, child_revealed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vserrorbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
vs_error_bar_init (VsErrorBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  self->message_type = GTK_MESSAGE_ERROR;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_error_bar_new (void)
{
  return g_object_new (VS_TYPE_ERROR_BAR, NULL);
}

void
vs_error_bar_show_error (VsErrorBar   *self,
                         const char   *heading,
                         const GError *error)
{
  g_return_if_fail (VS_IS_ERROR_BAR (self));
  g_return_if_fail (error != NULL);

  /* Without libvirt's words, the error's own message is the reason. */
  if (vs_error_get_libvirt_message (error) == NULL && heading != NULL)
    vs_error_bar_show_error_full (self, heading, error->message, error);
  else
    vs_error_bar_show_error_full (self, heading, NULL, error);
}

void
vs_error_bar_show_error_full (VsErrorBar   *self,
                              const char   *heading,
                              const char   *body,
                              const GError *error)
{
  const char *libvirt_message;
  g_autofree char *reason = NULL;

  g_return_if_fail (VS_IS_ERROR_BAR (self));
  g_return_if_fail (error != NULL);

  libvirt_message = vs_error_get_libvirt_message (error);
  reason = dup_short_reason (libvirt_message);

  show_parts (self, heading != NULL ? heading : vs_error_get_summary (error), body, reason,
              libvirt_message, vs_error_get_libvirt_code (error));
}

void
vs_error_bar_show_message (VsErrorBar *self,
                           const char *heading,
                           const char *body,
                           const char *detail)
{
  g_return_if_fail (VS_IS_ERROR_BAR (self));
  g_return_if_fail (heading != NULL);

  show_parts (self, heading, body, NULL, detail, 0);
}

void
vs_error_bar_hide (VsErrorBar *self)
{
  g_return_if_fail (VS_IS_ERROR_BAR (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
vs_error_bar_get_revealed (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
vs_error_bar_get_heading (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), NULL);

  return gtk_label_get_text (self->heading_label);
}

const char *
vs_error_bar_get_body (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), NULL);

  return gtk_label_get_text (self->body_label);
}

const char *
vs_error_bar_get_reason (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), NULL);

  return gtk_label_get_text (self->reason_label);
}

const char *
vs_error_bar_get_detail (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), NULL);

  return self->detail != NULL ? self->detail : "";
}

gboolean
vs_error_bar_get_closable (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), FALSE);

  return gtk_widget_get_visible (self->close_button);
}

void
vs_error_bar_set_closable (VsErrorBar *self,
                           gboolean    closable)
{
  g_return_if_fail (VS_IS_ERROR_BAR (self));

  if (vs_error_bar_get_closable (self) == !!closable)
    return;

  gtk_widget_set_visible (self->close_button, closable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSABLE]);
}

GtkMessageType
vs_error_bar_get_message_type (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), GTK_MESSAGE_ERROR);

  return self->message_type;
}

void
vs_error_bar_set_message_type (VsErrorBar     *self,
                               GtkMessageType  message_type)
{
  gboolean error;

  g_return_if_fail (VS_IS_ERROR_BAR (self));

  if (self->message_type == message_type)
    return;

  self->message_type = message_type;
  error = message_type == GTK_MESSAGE_ERROR;
  gtk_image_set_from_icon_name (self->icon, error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (error)
    gtk_widget_add_css_class (self->bar, "error");
  else
    gtk_widget_remove_css_class (self->bar, "error");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_TYPE]);
}

gboolean
vs_error_bar_get_action_visible (VsErrorBar *self)
{
  g_return_val_if_fail (VS_IS_ERROR_BAR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->action_button));
}

void
vs_error_bar_set_action_visible (VsErrorBar *self,
                                 gboolean    visible)
{
  g_return_if_fail (VS_IS_ERROR_BAR (self));

  self->action_hidden = !visible;
  gtk_widget_set_visible (GTK_WIDGET (self->action_button),
                          visible && gtk_button_get_label (self->action_button) != NULL);
}
