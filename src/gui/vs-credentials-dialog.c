/* vs-credentials-dialog.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-credentials-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>

#include "vs-credential-request.h"
#include "vs-credentials-dialog.h"
#include "vs-error.h"
#include "vs-keyring.h"
#include "vs-uri.h"

struct _VsCredentialsDialog
{
  GtkWindow       parent_instance;

  VsConnection   *connection;
  VsCredential   *creds;       /* owned by the core until answered */
  guint           n_creds;
  gboolean        answered;
  gboolean        host_key;    /* asks whether to trust a host key */
  GPtrArray      *fields;      /* GtkEditable, one per credential */
  GCancellable   *cancellable; /* the keyring check */

  GtkImage       *icon;
  GtkLabel       *heading_label;
  GtkLabel       *transport_label;
  GtkLabel       *body_label;
  GtkLabel       *fingerprint_label;
  GtkLabel       *advice_label;
  GtkGrid        *fields_grid;
  GtkWidget      *remember_box;
  GtkCheckButton *remember_check;
  GtkLabel       *remember_label;
  GtkButton      *connect_button;
};

G_DEFINE_FINAL_TYPE (VsCredentialsDialog, vs_credentials_dialog, GTK_TYPE_WINDOW)

/* What a connection remembers about the keyring while it opens: answers
 * to store once it is connected, and whether an answer came from the
 * keyring (to forget it when the host refuses it). */
typedef struct
{
  GPtrArray *pending;                 /* PendingSecret */
  gboolean   answered_from_keyring;
} KeyringState;

typedef struct
{
  char *prompt;
  char *password;
} PendingSecret;

typedef struct
{
  VsConnection *connection;
  VsCredential *creds;
  guint         n_creds;
  GtkWindow    *parent;     /* weak */
} KeyringLookup;

#define KEYRING_STATE_KEY "vs-credentials-keyring"

static gboolean
is_secret (int type)
{
  return type == VIR_CRED_PASSPHRASE || type == VIR_CRED_NOECHOPROMPT;
}

static const char *
default_prompt (int type)
{
  switch (type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return _("User name");
    case VIR_CRED_PASSPHRASE:
      return _("Password");
    case VIR_CRED_REALM:
      return _("Realm");
    default:
      return _("Answer");
    }
}

static const char *
prompt_of (const VsCredential *cred)
{
  return cred->prompt != NULL ? cred->prompt : "";
}

/* libvirt's question without the ": " it often ends in, or ours. */
static char *
dup_question (const VsCredential *cred)
{
  char *question = g_strdup (*prompt_of (cred) != '\0' ? cred->prompt : default_prompt (cred->type));

  g_strchomp (question);
  if (g_str_has_suffix (question, ":"))
    question[strlen (question) - 1] = '\0';

  return question;
}

/* Keyring ---------------------------------------------------------------- */

static void
pending_secret_free (gpointer ptr)
{
  PendingSecret *secret = ptr;

  g_free (secret->prompt);
  vs_keyring_free_password (secret->password);
  g_free (secret);
}

static void
keyring_state_free (gpointer ptr)
{
  KeyringState *state = ptr;

  g_ptr_array_unref (state->pending);
  g_free (state);
}

static void
keyring_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not fatal: the password is asked for again next time. */
  if (!vs_keyring_finish (result, &error))
    g_message ("The desktop keyring refused a change: %s", error->message);
}

static void
connection_state_cb (VsConnection *connection,
                     GParamSpec   *pspec,
                     KeyringState *state)
{
  const char *uri = vs_connection_get_uri (connection);
  const GError *error;

  switch (vs_connection_get_state (connection))
    {
    case VS_CONNECTION_STATE_CONNECTED:
      for (guint i = 0; i < state->pending->len; i++)
        {
          PendingSecret *secret = g_ptr_array_index (state->pending, i);
          g_autofree char *name = vs_uri_dup_display_name (uri);
          /* Translators: how the keyring lists a remembered password; %s is a host */
          g_autofree char *label = g_strdup_printf (_("Virt Storage: password for %s"), name);

          vs_keyring_store_async (uri, secret->prompt, label, secret->password,
                                  NULL, keyring_done_cb, NULL);
        }
      break;

    case VS_CONNECTION_STATE_FAILED:
      error = vs_connection_get_error (connection);
      /* The host refused what the keyring gave: ask the user next time. */
      if (state->answered_from_keyring &&
          g_error_matches (error, VS_CONNECTION_ERROR, VS_CONNECTION_ERROR_AUTH))
        vs_keyring_clear_async (uri, NULL, keyring_done_cb, NULL);
      break;

    case VS_CONNECTION_STATE_CONNECTING:
      return;

    case VS_CONNECTION_STATE_DISCONNECTED:
    default:
      break;
    }

  g_ptr_array_set_size (state->pending, 0);
  state->answered_from_keyring = FALSE;
}

static KeyringState *
get_keyring_state (VsConnection *connection)
{
  KeyringState *state = g_object_get_data (G_OBJECT (connection), KEYRING_STATE_KEY);

  if (state != NULL)
    return state;

  state = g_new0 (KeyringState, 1);
  state->pending = g_ptr_array_new_with_free_func (pending_secret_free);
  g_object_set_data_full (G_OBJECT (connection), KEYRING_STATE_KEY, state, keyring_state_free);
  g_signal_connect (connection, "notify::state", G_CALLBACK (connection_state_cb), state);

  return state;
}

static void
keyring_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VsCredentialsDialog *self;
  g_autoptr(GError) error = NULL;
  gboolean available;

  available = vs_keyring_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VS_CREDENTIALS_DIALOG (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_check), available);
  if (available)
    gtk_label_set_label (self->remember_label,
                         _("Kept in your desktop keyring once the connection works, never in "
                           "Virt Storage’s settings."));
  else
    gtk_label_set_label (self->remember_label,
                         _("No desktop keyring is available, so it cannot be remembered: it "
                           "will be asked for again next time."));
}

/* Handler --------------------------------------------------------------- */

static void
present_dialog (GtkWindow    *parent,
                VsConnection *connection,
                VsCredential *creds,
                guint         n_creds)
{
  GtkWidget *dialog = vs_credentials_dialog_new (parent, connection, creds, n_creds);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keyring_lookup_free (KeyringLookup *lookup)
{
  g_clear_weak_pointer (&lookup->parent);
  g_object_unref (lookup->connection);
  g_free (lookup);
}

static void
keyring_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KeyringLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = vs_keyring_lookup_finish (result, &error);
  if (password == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_debug ("No password from the keyring: %s", error->message);
      present_dialog (lookup->parent, lookup->connection, lookup->creds, lookup->n_creds);
      keyring_lookup_free (lookup);
      return;
    }

  g_free (lookup->creds[0].result);
  lookup->creds[0].result = password;
  get_keyring_state (lookup->connection)->answered_from_keyring = TRUE;
  vs_connection_credentials_done (lookup->connection, TRUE);
  keyring_lookup_free (lookup);
}

/* Dialog ---------------------------------------------------------------- */

static void
answer (VsCredentialsDialog *self,
        gboolean             accepted)
{
  if (self->answered)
    return;

  self->answered = TRUE;
  if (accepted && self->host_key)
    vs_credential_trust_host_key (&self->creds[0]);
  else if (accepted)
    {
      gboolean remember = gtk_check_button_get_active (self->remember_check);

      for (guint i = 0; i < self->n_creds; i++)
        {
          const char *text = gtk_editable_get_text (g_ptr_array_index (self->fields, i));

          g_free (self->creds[i].result);
          self->creds[i].result = g_strdup (text);

          if (remember && is_secret (self->creds[i].type))
            {
              PendingSecret *secret = g_new0 (PendingSecret, 1);

              secret->prompt = g_strdup (prompt_of (&self->creds[i]));
              secret->password = g_strdup (text);
              g_ptr_array_add (get_keyring_state (self->connection)->pending, secret);
            }
        }
    }

  vs_connection_credentials_done (self->connection, accepted);
}

/* libvirt asks for an SSH login password with the host as the question's
 * challenge (virAuthGetPasswordPath()); its prompt is in libvirt's words
 * and language, so that one is asked in ours. NULL for other questions (a
 * key's passphrase, a keyboard-interactive prompt): those keep libvirt's. */
static char *
dup_login_question (VsCredentialsDialog *self,
                    const VsCredential  *cred)
{
  g_autoptr(GUri) uri = g_uri_parse (vs_connection_get_uri (self->connection),
                                     G_URI_FLAGS_NON_DNS, NULL);
  const char *user;

  if (cred->type != VIR_CRED_PASSPHRASE || uri == NULL || g_uri_get_host (uri) == NULL ||
      g_strcmp0 (cred->challenge, g_uri_get_host (uri)) != 0)
    return NULL;

  user = g_uri_get_user (uri);
  if (user == NULL || *user == '\0')
    return g_strdup (_("Enter the password for this host."));

  /* Translators: %s is a user name on the remote host */
  return g_strdup_printf (_("Enter the password of %s on this host."), user);
}

/* One field per question. A single question is asked in the body, in
 * libvirt's words (the SSH client's "Enter root's password for host", a
 * key's passphrase, a keyboard-interactive prompt), and its field is
 * labelled in ours. */
static void
build_fields (VsCredentialsDialog *self)
{
  gboolean secret = FALSE;

  if (self->n_creds == 1)
    {
      g_autofree char *question = dup_login_question (self, &self->creds[0]);

      if (question == NULL)
        question = dup_question (&self->creds[0]);
      gtk_label_set_label (self->body_label, question);
    }
  else
    gtk_label_set_label (self->body_label,
                         _("The host asks for these before it lets Virt Storage in."));

  for (guint i = 0; i < self->n_creds; i++)
    {
      const VsCredential *cred = &self->creds[i];
      g_autofree char *prompt = self->n_creds == 1 ? g_strdup (default_prompt (cred->type))
                                                   : dup_question (cred);
      GtkWidget *label;
      GtkWidget *field;

      label = gtk_label_new (prompt);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);

      if (is_secret (cred->type))
        {
          field = gtk_password_entry_new ();
          gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (field), TRUE);
          g_object_set (field, "activates-default", TRUE, NULL);
          secret = TRUE;
        }
      else
        {
          field = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (field), TRUE);
          if (cred->default_result != NULL)
            gtk_editable_set_text (GTK_EDITABLE (field), cred->default_result);
        }
      gtk_widget_set_hexpand (field, TRUE);
      gtk_widget_set_size_request (field, 220, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      if (cred->challenge != NULL && *cred->challenge != '\0')
        gtk_widget_set_tooltip_text (field, cred->challenge);

      gtk_grid_attach (self->fields_grid, label, 0, i, 1, 1);
      gtk_grid_attach (self->fields_grid, field, 1, i, 1, 1);
      g_ptr_array_add (self->fields, field);
    }

  if (self->fields->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, 0));

  gtk_widget_set_visible (self->remember_box, secret);
  if (secret && vs_keyring_is_supported ())
    {
      gtk_label_set_label (self->remember_label, _("Looking for the desktop keyring…"));
      vs_keyring_check_async (self->cancellable, keyring_check_cb, self);
    }
  else if (secret)
    gtk_label_set_label (self->remember_label,
                         _("This build of Virt Storage cannot use a keyring: it will be asked "
                           "for again next time."));
}

/* libvirt's question whether to trust a host key it has not seen, in
 * words: the host, the fingerprint as ssh-keygen prints it, and where the
 * key goes once trusted. */
static void
show_host_key (VsCredentialsDialog *self,
               const char          *name)
{
  g_autofree char *body = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *known_hosts = vs_uri_dup_known_hosts_path (vs_connection_get_uri (self->connection));

  gtk_window_set_title (GTK_WINDOW (self), _("Unknown Host Key"));
  gtk_image_set_from_icon_name (self->icon, "security-medium-symbolic");

  gtk_label_set_label (self->heading_label, _("Is This the Right Host?"));
  gtk_widget_set_visible (GTK_WIDGET (self->transport_label), FALSE);

  /* Translators: %s is a host, such as root@host.example.com */
  body = g_strdup_printf (_("Virt Storage has not connected to %s before, so it cannot tell "
                            "whether it is the computer you mean. Compare the fingerprint of "
                            "its key with the one the host shows:"), name);
  gtk_label_set_label (self->body_label, body);

  gtk_label_set_label (self->fingerprint_label, self->creds[0].host_key_fingerprint);
  gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_label), TRUE);

  /* Translators: %s is the known-hosts file, such as ~/.config/libvirt/known_hosts */
  advice = g_strdup_printf (_("On the host, “ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub” "
                              "(or the key of another type there) prints it. Connect only when "
                              "they match: the key is then kept in %s, and a different key "
                              "later is refused."),
                            known_hosts);
  gtk_label_set_label (self->advice_label, advice);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_label), TRUE);

  gtk_button_set_label (self->connect_button, _("_Trust and Connect"));
  gtk_widget_grab_focus (GTK_WIDGET (self->connect_button));
}

static void
connect_clicked_cb (VsCredentialsDialog *self,
                    GtkButton           *button)
{
  vs_credentials_dialog_accept (self);
}

static gboolean
vs_credentials_dialog_close_request (GtkWindow *window)
{
  answer (VS_CREDENTIALS_DIALOG (window), FALSE);

  return GTK_WINDOW_CLASS (vs_credentials_dialog_parent_class)->close_request (window);
}

static void
vs_credentials_dialog_dispose (GObject *object)
{
  VsCredentialsDialog *self = (VsCredentialsDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->connection != NULL)
    answer (self, FALSE);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_CREDENTIALS_DIALOG);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vs_credentials_dialog_parent_class)->dispose (object);
}

static void
vs_credentials_dialog_class_init (VsCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vs_credentials_dialog_dispose;
  window_class->close_request = vs_credentials_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, icon);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, transport_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, advice_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, remember_box);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, remember_check);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, remember_label);
  gtk_widget_class_bind_template_child (widget_class, VsCredentialsDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vs_credentials_dialog_init (VsCredentialsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_credentials_dialog_new (GtkWindow    *parent,
                           VsConnection *connection,
                           VsCredential *creds,
                           guint         n_creds)
{
  VsCredentialsDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *transport = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VS_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (creds != NULL || n_creds == 0, NULL);

  self = g_object_new (VS_TYPE_CREDENTIALS_DIALOG, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->creds = creds;
  self->n_creds = n_creds;
  /* libvirt asks this question alone. */
  self->host_key = n_creds == 1 && creds[0].host_key_fingerprint != NULL;

  name = vs_uri_dup_display_name (vs_connection_get_uri (connection));
  transport = vs_uri_dup_transport_label (vs_connection_get_uri (connection));
  gtk_label_set_label (self->transport_label, transport);

  if (self->host_key)
    show_host_key (self, name);
  else
    {
      gtk_label_set_label (self->heading_label, name);
      build_fields (self);
    }

  return GTK_WIDGET (self);
}

void
vs_credentials_dialog_accept (VsCredentialsDialog *self)
{
  g_return_if_fail (VS_IS_CREDENTIALS_DIALOG (self));

  answer (self, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
vs_credentials_dialog_is_host_key (VsCredentialsDialog *self)
{
  g_return_val_if_fail (VS_IS_CREDENTIALS_DIALOG (self), FALSE);

  return self->host_key;
}

const char *
vs_credentials_dialog_get_fingerprint (VsCredentialsDialog *self)
{
  g_return_val_if_fail (VS_IS_CREDENTIALS_DIALOG (self), NULL);

  return self->host_key ? self->creds[0].host_key_fingerprint : NULL;
}

GtkEditable *
vs_credentials_dialog_get_field (VsCredentialsDialog *self,
                                 guint                index)
{
  g_return_val_if_fail (VS_IS_CREDENTIALS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

GtkCheckButton *
vs_credentials_dialog_get_remember_check (VsCredentialsDialog *self)
{
  g_return_val_if_fail (VS_IS_CREDENTIALS_DIALOG (self), NULL);

  return self->remember_check;
}

void
vs_credentials_dialog_handler (VsConnection *connection,
                               VsCredential *creds,
                               guint         n_creds,
                               gpointer      user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = NULL;
  KeyringLookup *lookup;

  g_return_if_fail (VS_IS_CONNECTION (connection));

  if (GTK_IS_APPLICATION (application))
    parent = gtk_application_get_active_window (application);

  /* A password the user asked to remember answers by itself; libvirt asks
   * for one at a time. */
  if (n_creds != 1 || !is_secret (creds[0].type) || !vs_keyring_is_supported ())
    {
      present_dialog (parent, connection, creds, n_creds);
      return;
    }

  lookup = g_new0 (KeyringLookup, 1);
  lookup->connection = g_object_ref (connection);
  lookup->creds = creds;
  lookup->n_creds = n_creds;
  g_set_weak_pointer (&lookup->parent, parent);
  vs_keyring_lookup_async (vs_connection_get_uri (connection), prompt_of (&creds[0]), NULL,
                           keyring_lookup_cb, lookup);
}
