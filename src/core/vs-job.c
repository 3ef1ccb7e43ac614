/* vs-job.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-job"

#include "config.h"

#include "vs-core-enums.h"
#include "vs-job.h"

/* At most one batch of progress notifications per frame. */
#define NOTIFY_INTERVAL_MS 16
/* The rate is an exponential average with about this time constant. */
#define RATE_WINDOW_USEC (2 * G_USEC_PER_SEC)

struct _VsJob
{
  GObject       parent_instance;

  char         *title;
  char         *step;
  VsJobState    state;
  GError       *error;
  GCancellable *cancellable;
  GMainContext *context;
  gint64        start_time;

  /* Shown values: main thread only. */
  guint64       bytes_done;
  guint64       bytes_total;
  double        fraction;
  double        rate;
  gint64        seconds_left;
  gint64        rate_time;      /* when rate was last updated */
  guint64       rate_bytes;     /* bytes_done then */

  /* Reported values: under mutex, from any thread. */
  GMutex        mutex;
  guint64       new_done;
  guint64       new_total;
  double        new_fraction;
  guint         pending : 1;    /* a flush is scheduled */
  guint         has_bytes : 1;  /* new_done/new_total were set */
  guint         has_fraction : 1;
};

G_DEFINE_FINAL_TYPE (VsJob, vs_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATE,
  PROP_STEP,
  PROP_BYTES_DONE,
  PROP_BYTES_TOTAL,
  PROP_FRACTION,
  PROP_RATE,
  PROP_SECONDS_LEFT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_rate (VsJob *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed = now - self->rate_time;
  double instant, weight;
  double rate = self->rate;
  gint64 seconds_left = -1;

  if (self->bytes_total == 0 || elapsed <= 0 || self->bytes_done < self->rate_bytes)
    {
      self->rate_time = now;
      self->rate_bytes = self->bytes_done;
      return;
    }

  /* Too short a sample only adds noise. */
  if (elapsed < 200000)
    return;

  instant = (double) (self->bytes_done - self->rate_bytes) * G_USEC_PER_SEC / elapsed;
  weight = MIN (1.0, (double) elapsed / RATE_WINDOW_USEC);
  rate = self->rate > 0 ? self->rate + weight * (instant - self->rate) : instant;
  self->rate_time = now;
  self->rate_bytes = self->bytes_done;

  if (rate > 0 && self->bytes_total >= self->bytes_done)
    seconds_left = (gint64) ((self->bytes_total - self->bytes_done) / rate + 0.5);

  if (rate != self->rate)
    {
      self->rate = rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
    }
  if (seconds_left != self->seconds_left)
    {
      self->seconds_left = seconds_left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
    }
}

static void
set_fraction (VsJob  *self,
              double  fraction)
{
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static gboolean
flush_cb (gpointer user_data)
{
  VsJob *self = user_data;
  guint64 done, total;
  double fraction;
  gboolean has_bytes, has_fraction;

  g_mutex_lock (&self->mutex);
  done = self->new_done;
  total = self->new_total;
  fraction = self->new_fraction;
  has_bytes = self->has_bytes;
  has_fraction = self->has_fraction;
  self->has_bytes = FALSE;
  self->has_fraction = FALSE;
  self->pending = FALSE;
  g_mutex_unlock (&self->mutex);

  /* Progress that arrives after the end is stale. */
  if (self->state != VS_JOB_STATE_RUNNING)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));
  if (has_bytes)
    {
      if (done != self->bytes_done)
        {
          self->bytes_done = done;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DONE]);
        }
      if (total != self->bytes_total)
        {
          self->bytes_total = total;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
        }
      set_fraction (self, total > 0 ? MIN (1.0, (double) done / total) : -1);
      update_rate (self);
    }
  if (has_fraction)
    set_fraction (self, fraction);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. */
static void
schedule_flush_locked (VsJob *self)
{
  GSource *source;

  if (self->pending)
    return;

  self->pending = TRUE;
  source = g_timeout_source_new (NOTIFY_INTERVAL_MS);
  g_source_set_callback (source, flush_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[vs-job] progress");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
vs_job_finalize (GObject *object)
{
  VsJob *self = (VsJob *)object;

  g_free (self->title);
  g_free (self->step);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (vs_job_parent_class)->finalize (object);
}

static void
vs_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  VsJob *self = VS_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;
    case PROP_BYTES_DONE:
      g_value_set_uint64 (value, self->bytes_done);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, self->bytes_total);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_SECONDS_LEFT:
      g_value_set_int64 (value, self->seconds_left);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error != NULL ? self->error->message : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_job_class_init (VsJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vs_job_finalize;
  object_class->get_property = vs_job_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, VS_TYPE_JOB_STATE,
                                              VS_JOB_STATE_RUNNING, RO);
  properties[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL, RO);
  properties[PROP_BYTES_DONE] = g_param_spec_uint64 ("bytes-done", NULL, NULL,
                                                     0, G_MAXUINT64, 0, RO);
  properties[PROP_BYTES_TOTAL] = g_param_spec_uint64 ("bytes-total", NULL, NULL,
                                                      0, G_MAXUINT64, 0, RO);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1, RO);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
  properties[PROP_SECONDS_LEFT] = g_param_spec_int64 ("seconds-left", NULL, NULL,
                                                      -1, G_MAXINT64, -1, RO);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once, after "state" changed to its final value. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vs_job_init (VsJob *self)
{
  g_mutex_init (&self->mutex);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->fraction = -1;
  self->seconds_left = -1;
  self->start_time = g_get_monotonic_time ();
  self->rate_time = self->start_time;
}

VsJob *
vs_job_new (const char *title)
{
  VsJob *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (VS_TYPE_JOB, NULL);
  self->title = g_strdup (title);

  return self;
}

const char *
vs_job_get_title (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);

  return self->title;
}

VsJobState
vs_job_get_state (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), VS_JOB_STATE_RUNNING);

  return self->state;
}

const char *
vs_job_get_step (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);

  return self->step;
}

guint64
vs_job_get_bytes_done (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), 0);

  return self->bytes_done;
}

guint64
vs_job_get_bytes_total (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), 0);

  return self->bytes_total;
}

double
vs_job_get_fraction (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), -1);

  return self->fraction;
}

double
vs_job_get_rate (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), 0);

  return self->rate;
}

gint64
vs_job_get_seconds_left (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), -1);

  return self->seconds_left;
}

const GError *
vs_job_get_error (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);

  return self->error;
}

GCancellable *
vs_job_get_cancellable (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);

  return self->cancellable;
}

gint64
vs_job_get_start_time (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), 0);

  return self->start_time;
}

gboolean
vs_job_is_finished (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), FALSE);

  return self->state != VS_JOB_STATE_RUNNING;
}

void
vs_job_cancel (VsJob *self)
{
  g_return_if_fail (VS_IS_JOB (self));

  g_cancellable_cancel (self->cancellable);
}

void
vs_job_set_step (VsJob      *self,
                 const char *step)
{
  g_return_if_fail (VS_IS_JOB (self));

  if (g_strcmp0 (self->step, step) == 0)
    return;

  g_free (self->step);
  self->step = g_strdup (step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

void
vs_job_set_bytes (VsJob   *self,
                  guint64  done,
                  guint64  total)
{
  g_return_if_fail (VS_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->new_done = done;
  self->new_total = total;
  self->has_bytes = TRUE;
  schedule_flush_locked (self);
  g_mutex_unlock (&self->mutex);
}

void
vs_job_set_fraction (VsJob  *self,
                     double  fraction)
{
  g_return_if_fail (VS_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->new_fraction = fraction < 0 ? -1 : MIN (fraction, 1.0);
  self->has_fraction = TRUE;
  schedule_flush_locked (self);
  g_mutex_unlock (&self->mutex);
}

void
vs_job_finish (VsJob        *self,
               const GError *error)
{
  VsJobState state;

  g_return_if_fail (VS_IS_JOB (self));
  g_return_if_fail (self->state == VS_JOB_STATE_RUNNING);

  if (error == NULL)
    state = VS_JOB_STATE_SUCCEEDED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state = VS_JOB_STATE_CANCELLED;
  else
    state = VS_JOB_STATE_FAILED;

  g_object_freeze_notify (G_OBJECT (self));
  if (state == VS_JOB_STATE_FAILED)
    {
      self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (state == VS_JOB_STATE_SUCCEEDED && self->bytes_total > 0 &&
      self->bytes_done != self->bytes_total)
    {
      self->bytes_done = self->bytes_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DONE]);
    }
  if (state == VS_JOB_STATE_SUCCEEDED)
    set_fraction (self, 1.0);
  if (self->seconds_left != -1)
    {
      self->seconds_left = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
    }
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[FINISHED], 0);
}
