/* vs-credential-request.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-credential-request"

#include "config.h"

#include <string.h>

#include "vs-credential-request.h"
#include "vs-ssh.h"
#include "vs-worker.h"

struct _VsCredentialRequest
{
  gatomicrefcount      ref_count;
  GMutex               mutex;
  GCond                cond;
  GWeakRef             owner;
  VsCredentialAskFunc  ask;
  GMainContext        *context;
  GCancellable        *cancellable;      /* may be NULL */
  gboolean             abandoned;        /* under mutex */
  gboolean             done;             /* under mutex */
  gboolean             answered;         /* under mutex */
  VsCredential        *creds;            /* under mutex */
  guint                n_creds;
  char                *refused_prompt;   /* worker only */
  GPtrArray           *answered_secrets; /* worker only: prompts */
  char                *rejected_prompt;  /* worker only */
  gboolean             host_key_declined; /* worker only */
};

static const int credential_types[] = {
  VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, VIR_CRED_ECHOPROMPT,
  VIR_CRED_NOECHOPROMPT, VIR_CRED_REALM, VIR_CRED_USERNAME,
};

static void
free_credentials (VsCredential *creds,
                  guint         n_creds)
{
  for (guint i = 0; creds != NULL && i < n_creds; i++)
    {
      g_free ((char *) creds[i].prompt);
      g_free ((char *) creds[i].challenge);
      g_free ((char *) creds[i].default_result);
      g_free ((char *) creds[i].host_key_fingerprint);
      if (creds[i].result != NULL)
        {
          explicit_bzero (creds[i].result, strlen (creds[i].result));
          g_free (creds[i].result);
        }
    }
  g_free (creds);
}

static void
mark_done (VsCredentialRequest *self,
           gboolean             answered)
{
  g_mutex_lock (&self->mutex);
  self->answered = answered;
  self->done = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static gboolean
ask_cb (gpointer user_data)
{
  VsCredentialRequest *self = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);
  gboolean abandoned;

  g_mutex_lock (&self->mutex);
  abandoned = self->abandoned;
  g_mutex_unlock (&self->mutex);

  if (abandoned)
    return G_SOURCE_REMOVE;

  if (owner == NULL || !self->ask (owner, self, self->creds, self->n_creds))
    mark_done (self, FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
is_secret (int type)
{
  return type == VIR_CRED_PASSPHRASE || type == VIR_CRED_NOECHOPROMPT;
}

/* libvirt's SSH clients ask for a password again after a wrong one, for as
 * long as the server lets them (six times with OpenSSH's defaults), and so
 * does keyboard-interactive. A secret question that was answered once in
 * this open and comes again means the host refused the answer: it is not
 * asked again. */
static gboolean
is_repeated_secret (VsCredentialRequest     *self,
                    virConnectCredentialPtr  cred,
                    unsigned int             ncred)
{
  for (guint i = 0; i < ncred; i++)
    if (is_secret (cred[i].type) &&
        g_ptr_array_find_with_equal_func (self->answered_secrets,
                                          cred[i].prompt != NULL ? cred[i].prompt : "",
                                          g_str_equal, NULL))
      return TRUE;

  return FALSE;
}

static void
remember_answers (VsCredentialRequest     *self,
                  virConnectCredentialPtr  cred,
                  unsigned int             ncred)
{
  for (guint i = 0; i < ncred; i++)
    if (is_secret (cred[i].type))
      g_ptr_array_add (self->answered_secrets,
                       g_strdup (cred[i].prompt != NULL ? cred[i].prompt : ""));
}

static void
cancelled_cb (GCancellable        *cancellable,
              VsCredentialRequest *self)
{
  g_mutex_lock (&self->mutex);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Runs in the worker thread that called virConnectOpenAuth. The question
 * goes to the main thread; the answer, or the open's cancellation, wakes
 * us up. */
static int
auth_cb (virConnectCredentialPtr cred,
         unsigned int            ncred,
         void                   *cbdata)
{
  VsCredentialRequest *self = cbdata;
  VsCredential *creds;
  gboolean answered = FALSE;
  gulong cancel_id = 0;

  if (self->ask == NULL)
    {
      g_free (self->refused_prompt);
      self->refused_prompt = g_strdup (ncred > 0 && cred[0].prompt ? cred[0].prompt : "");
      return -1;
    }

  if (is_repeated_secret (self, cred, ncred))
    {
      g_free (self->rejected_prompt);
      self->rejected_prompt = g_strdup (cred[0].prompt != NULL ? cred[0].prompt : "");
      return -1;
    }

  /* Copies: the main thread may read them after libvirt's are gone. */
  creds = g_new0 (VsCredential, MAX (ncred, 1));
  for (guint i = 0; i < ncred; i++)
    {
      creds[i].type = cred[i].type;
      creds[i].prompt = g_strdup (cred[i].prompt);
      creds[i].challenge = g_strdup (cred[i].challenge);
      creds[i].default_result = g_strdup (cred[i].defresult);
      if (cred[i].type == VIR_CRED_ECHOPROMPT)
        creds[i].host_key_fingerprint = vs_ssh_find_host_key_fingerprint (cred[i].prompt);
    }

  if (self->cancellable != NULL)
    cancel_id = g_cancellable_connect (self->cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  g_mutex_lock (&self->mutex);
  /* The previous round, if any, was answered: its copies can go. */
  free_credentials (self->creds, self->n_creds);
  self->creds = creds;
  self->n_creds = ncred;
  self->done = FALSE;
  vs_run_on_context (self->context, ask_cb, vs_credential_request_ref (self),
                     (GDestroyNotify) vs_credential_request_unref);
  while (!self->done && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait (&self->cond, &self->mutex);

  if (self->done)
    {
      answered = self->answered;
      for (guint i = 0; answered && i < ncred; i++)
        if (creds[i].result != NULL)
          {
            /* libvirt frees these with free(). */
            cred[i].result = strdup (creds[i].result);
            cred[i].resultlen = strlen (creds[i].result);
          }
      for (guint i = 0; !answered && i < ncred; i++)
        if (creds[i].host_key_fingerprint != NULL)
          self->host_key_declined = TRUE;
    }
  else
    {
      /* Cancelled: the answering side may still write into the copies, so
       * they stay with the request until it is freed. */
      self->abandoned = TRUE;
    }
  g_mutex_unlock (&self->mutex);

  if (cancel_id != 0)
    g_cancellable_disconnect (self->cancellable, cancel_id);

  if (answered)
    remember_answers (self, cred, ncred);

  return answered ? 0 : -1;
}

VsCredentialRequest *
vs_credential_request_new (GObject             *owner,
                           VsCredentialAskFunc  ask,
                           GCancellable        *cancellable)
{
  VsCredentialRequest *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_new0 (VsCredentialRequest, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_weak_ref_init (&self->owner, owner);
  self->ask = ask;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->answered_secrets = g_ptr_array_new_with_free_func (g_free);

  return self;
}

VsCredentialRequest *
vs_credential_request_ref (VsCredentialRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vs_credential_request_unref (VsCredentialRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_weak_ref_clear (&self->owner);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->refused_prompt);
  g_free (self->rejected_prompt);
  g_ptr_array_unref (self->answered_secrets);
  free_credentials (self->creds, self->n_creds);
  g_clear_object (&self->cancellable);
  g_free (self);
}

void
vs_credential_request_init_auth (VsCredentialRequest *self,
                                 virConnectAuthPtr    auth)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (auth != NULL);

  auth->credtype = (int *) credential_types;
  auth->ncredtype = G_N_ELEMENTS (credential_types);
  auth->cb = auth_cb;
  auth->cbdata = self;
}

const char *
vs_credential_request_get_refused_prompt (VsCredentialRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->refused_prompt;
}

void
vs_credential_request_finish (VsCredentialRequest *self,
                              gboolean             answered)
{
  g_return_if_fail (self != NULL);

  mark_done (self, answered);
}

const char *
vs_credential_request_get_rejected_prompt (VsCredentialRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rejected_prompt;
}

gboolean
vs_credential_request_get_host_key_declined (VsCredentialRequest *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->host_key_declined;
}

void
vs_credential_trust_host_key (VsCredential *cred)
{
  g_return_if_fail (cred != NULL);
  g_return_if_fail (cred->host_key_fingerprint != NULL);

  /* What libvirt's libssh transport takes for "yes" (any case). */
  g_free (cred->result);
  cred->result = g_strdup ("y");
}
