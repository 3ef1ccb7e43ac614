/* vs-pool-summary-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-summary-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"
#include "vs-pool-summary-page.h"
#include "vs-pool-type-facts.h"
#include "vs-xml.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

struct _VsPoolSummaryPage
{
  GtkWidget          parent_instance;

  VsPoolDefinition  *definition;
  VsPoolCreateFlags  flags;
  char              *generated_xml;
  gboolean           editing;
  gboolean           well_formed;
  gboolean           setting_text;
  VsJob             *job;
  guint              summary_rows;

  /* Template widgets */
  VsErrorBar        *error_bar;
  GtkScrolledWindow *scrolled_window;
  GtkWidget         *progress_box;
  GtkLabel          *progress_title_label;
  GtkProgressBar    *progress_bar;
  GtkBox            *steps_box;
  GtkGrid           *summary_grid;
  GtkToggleButton   *edit_button;
  GtkLabel          *edit_note_label;
  GtkTextView       *xml_view;
  GtkLabel          *xml_error_label;
};

static void vs_pool_summary_page_wizard_page_init (VsWizardPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VsPoolSummaryPage, vs_pool_summary_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (VS_TYPE_WIZARD_PAGE,
                                                      vs_pool_summary_page_wizard_page_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers --------------------------------------------------------------- */

static gboolean
is_complete (VsPoolSummaryPage *self)
{
  return !self->editing || self->well_formed;
}

static void
notify_complete (VsPoolSummaryPage *self,
                 gboolean           was_complete)
{
  if (was_complete != is_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_COMPLETE]);
}

static char *
buffer_text (VsPoolSummaryPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->xml_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_xml_text (VsPoolSummaryPage *self,
              const char        *text)
{
  self->setting_text = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->xml_view), text != NULL ? text : "", -1);
  self->setting_text = FALSE;
}

static void
add_summary_row (VsPoolSummaryPage *self,
                 const char        *key,
                 const char        *value)
{
  GtkWidget *key_label, *value_label;

  if (value == NULL || *value == '\0')
    return;

  key_label = gtk_label_new (key);
  gtk_label_set_xalign (GTK_LABEL (key_label), 0);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 50);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_can_focus (value_label, FALSE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);

  gtk_grid_attach (self->summary_grid, key_label, 0, self->summary_rows, 1, 1);
  gtk_grid_attach (self->summary_grid, value_label, 1, self->summary_rows, 1, 1);
  self->summary_rows++;
}

static void
add_summary_list (VsPoolSummaryPage *self,
                  const char        *key,
                  GStrv              values)
{
  g_autofree char *joined = NULL;

  if (values == NULL)
    return;

  /* Translators: separates hosts or devices in a list: "/dev/sdb, /dev/sdc" */
  joined = g_strjoinv (_(", "), values);
  add_summary_row (self, key, joined);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static void
update_summary (VsPoolSummaryPage *self)
{
  const VsPoolDefinition *def = self->definition;
  const VsPoolTypeFactSheet *sheet = vs_pool_type_facts_lookup (vs_pool_type_to_string (def->type));
  g_autofree char *port = def->port != 0 ? g_strdup_printf ("%u", def->port) : NULL;
  g_autofree char *type = NULL;
  const char *build;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_grid))) != NULL)
    gtk_grid_remove (self->summary_grid, child);
  self->summary_rows = 0;

  /* Translators: a pool type, then libvirt's name of it: "Directory (dir)" */
  type = g_strdup_printf (_("%s (%s)"), sheet != NULL ? _(sheet->label) : vs_pool_type_to_string (def->type),
                          vs_pool_type_to_string (def->type));

  add_summary_row (self, _("Type"), type);
  add_summary_row (self, _("Name"), def->name);
  add_summary_row (self, _("Target path"), def->target_path);
  add_summary_list (self, _("Hosts"), def->hosts);
  add_summary_row (self, _("Port"), port);
  add_summary_row (self, _("Source folder"), def->source_dir);
  add_summary_list (self, _("Devices"), def->devices);
  add_summary_row (self, _("Source name"), def->source_name);
  add_summary_row (self, _("Source format"), def->source_format);
  add_summary_row (self, _("Adapter"), def->adapter_name);
  add_summary_row (self, _("iSCSI target"), def->target_iqn);
  add_summary_row (self, _("Initiator name"), def->initiator_iqn);
  add_summary_row (self, _("User"), def->auth_username);
  if (def->secret_value != NULL && *def->secret_value != '\0')
    add_summary_row (self, _("Secret"), _("Stored as a libvirt secret when the pool is created"));

  if (!(self->flags & VS_POOL_CREATE_BUILD))
    build = _("No");
  else if (def->build_overwrite)
    build = _("Yes, erasing the devices");
  else
    build = _("Yes");
  add_summary_row (self, _("Build"), build);
  add_summary_row (self, _("Start now"), yes_no (self->flags & VS_POOL_CREATE_START));
  add_summary_row (self, _("Start at boot"), yes_no (self->flags & VS_POOL_CREATE_AUTOSTART));
}

static void
check_edited_xml (VsPoolSummaryPage *self)
{
  g_autofree char *text = buffer_text (self);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_complete = is_complete (self);

  doc = vs_xml_read_document (text, "pool", &error);
  self->well_formed = doc != NULL;
  gtk_label_set_text (self->xml_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->xml_error_label), self->editing && error != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->xml_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->editing && error != NULL ? error->message : "",
                                  -1);
  notify_complete (self, was_complete);
}

static void
set_editing (VsPoolSummaryPage *self,
             gboolean           editing)
{
  gboolean was_complete = is_complete (self);

  self->editing = editing;
  gtk_text_view_set_editable (self->xml_view, editing);
  gtk_text_view_set_cursor_visible (self->xml_view, editing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_note_label), editing);

  /* Back to what the pages make. */
  if (!editing)
    set_xml_text (self, self->generated_xml);

  check_edited_xml (self);
  notify_complete (self, was_complete);
}

/* Job progress ---------------------------------------------------------- */

typedef enum
{
  STEP_RUNNING,
  STEP_DONE,
  STEP_FAILED,
} StepState;

/* A step's row: a spinner while it runs, then an icon, then its words. */
static void
set_step_state (GtkWidget *row,
                StepState  state)
{
  GtkWidget *spinner = gtk_widget_get_first_child (row);
  GtkWidget *icon = gtk_widget_get_next_sibling (spinner);

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), state == STEP_RUNNING);
  gtk_widget_set_visible (spinner, state == STEP_RUNNING);
  gtk_widget_set_visible (icon, state != STEP_RUNNING);
  if (state != STEP_RUNNING)
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), state == STEP_DONE ? "object-select-symbolic"
                                                                        : "dialog-error-symbolic");
  if (state == STEP_FAILED)
    gtk_widget_add_css_class (row, "vs-field-error");
}

static const char *
step_text (GtkWidget *row)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (row)));
}

static gboolean
is_undo_step (const char *step)
{
  return g_strcmp0 (step, _("Undoing…")) == 0;
}

static gboolean
undo_ran (VsPoolSummaryPage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (is_undo_step (step_text (row)))
      return TRUE;

  return FALSE;
}

static void
job_step_cb (VsPoolSummaryPage *self,
             GParamSpec        *pspec,
             VsJob             *job)
{
  const char *step = vs_job_get_step (job);
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->steps_box));
  GtkWidget *row;

  if (step == NULL || *step == '\0' || (last != NULL && g_strcmp0 (step_text (last), step) == 0))
    return;

  /* Undoing means the step before it failed. */
  if (last != NULL)
    set_step_state (last, is_undo_step (step) ? STEP_FAILED : STEP_DONE);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (row), gtk_spinner_new ());
  gtk_box_append (GTK_BOX (row), gtk_image_new ());
  gtk_box_append (GTK_BOX (row), gtk_label_new (step));
  gtk_widget_set_name (row, "step");
  set_step_state (row, STEP_RUNNING);
  gtk_box_append (self->steps_box, row);
}

static void
job_fraction_cb (VsPoolSummaryPage *self,
                 GParamSpec        *pspec,
                 VsJob             *job)
{
  double fraction = vs_job_get_fraction (job);

  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
job_finished_cb (VsPoolSummaryPage *self,
                 VsJob             *job)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->steps_box));

  if (last == NULL)
    return;

  switch (vs_job_get_state (job))
    {
    case VS_JOB_STATE_SUCCEEDED:
      set_step_state (last, STEP_DONE);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      break;
    case VS_JOB_STATE_FAILED:
    case VS_JOB_STATE_CANCELLED:
      /* Either undoing ran (and is done), or the step itself failed
       * with nothing to undo. */
      set_step_state (last, is_undo_step (step_text (last)) ? STEP_DONE : STEP_FAILED);
      break;
    case VS_JOB_STATE_RUNNING:
    default:
      break;
    }
}

static void
stop_tracking (VsPoolSummaryPage *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), TRUE);
  gtk_text_view_set_editable (self->xml_view, self->editing);
}

/* Signal callbacks ------------------------------------------------------ */

static void
edit_toggled_cb (VsPoolSummaryPage *self,
                 GtkToggleButton   *button)
{
  set_editing (self, gtk_toggle_button_get_active (button));
  if (self->editing)
    gtk_widget_grab_focus (GTK_WIDGET (self->xml_view));
}

static void
buffer_changed_cb (VsPoolSummaryPage *self,
                   GtkTextBuffer     *buffer)
{
  if (self->setting_text)
    return;

  vs_error_bar_hide (self->error_bar);
  check_edited_xml (self);
}

/* VsWizardPage ---------------------------------------------------------- */

static void
vs_pool_summary_page_wizard_page_init (VsWizardPageInterface *iface)
{
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_summary_page_dispose (GObject *object)
{
  VsPoolSummaryPage *self = (VsPoolSummaryPage *)object;
  GtkWidget *child;

  stop_tracking (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_SUMMARY_PAGE);
  /* The child without an id is not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->definition, vs_pool_definition_free);

  G_OBJECT_CLASS (vs_pool_summary_page_parent_class)->dispose (object);
}

static void
vs_pool_summary_page_finalize (GObject *object)
{
  VsPoolSummaryPage *self = (VsPoolSummaryPage *)object;

  g_free (self->generated_xml);

  G_OBJECT_CLASS (vs_pool_summary_page_parent_class)->finalize (object);
}

static void
vs_pool_summary_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VsPoolSummaryPage *self = VS_POOL_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Summary"));
      break;
    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, is_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_summary_page_class_init (VsPoolSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_summary_page_dispose;
  object_class->finalize = vs_pool_summary_page_finalize;
  object_class->get_property = vs_pool_summary_page_get_property;

  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");
  properties[PROP_IS_COMPLETE] = g_object_class_find_property (object_class, "is-complete");

  g_type_ensure (VS_TYPE_ERROR_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtstorage/VirtStorage/vs-pool-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, progress_title_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, steps_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, edit_note_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, xml_view);
  gtk_widget_class_bind_template_child (widget_class, VsPoolSummaryPage, xml_error_label);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_summary_page_init (VsPoolSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->xml_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_summary_page_new (void)
{
  return g_object_new (VS_TYPE_POOL_SUMMARY_PAGE, NULL);
}

void
vs_pool_summary_page_set_definition (VsPoolSummaryPage      *self,
                                     const VsPoolDefinition *definition,
                                     VsPoolCreateFlags       flags)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VS_IS_POOL_SUMMARY_PAGE (self));
  g_return_if_fail (definition != NULL);

  g_clear_pointer (&self->definition, vs_pool_definition_free);
  self->definition = vs_pool_definition_copy (definition);
  self->flags = flags;
  update_summary (self);

  g_free (self->generated_xml);
  self->generated_xml = vs_pool_definition_to_xml (definition, &error);
  if (self->generated_xml == NULL)
    self->generated_xml = g_strdup (error->message);

  if (!self->editing)
    set_xml_text (self, self->generated_xml);

  /* A new try: what the last one did is of no interest any more. */
  vs_error_bar_hide (self->error_bar);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

char *
vs_pool_summary_page_dup_edited_xml (VsPoolSummaryPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_SUMMARY_PAGE (self), NULL);

  return self->editing ? buffer_text (self) : NULL;
}

void
vs_pool_summary_page_track_job (VsPoolSummaryPage *self,
                                VsJob             *job)
{
  GtkWidget *child;

  g_return_if_fail (VS_IS_POOL_SUMMARY_PAGE (self));
  g_return_if_fail (VS_IS_JOB (job));

  stop_tracking (self);
  self->job = g_object_ref (job);

  vs_error_bar_hide (self->error_bar);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_box_remove (self->steps_box, child);

  gtk_label_set_text (self->progress_title_label, vs_job_get_title (job));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), FALSE);
  gtk_text_view_set_editable (self->xml_view, FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  g_signal_connect_object (job, "notify::step", G_CALLBACK (job_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (job_fraction_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "finished", G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
  job_step_cb (self, NULL, job);
  job_fraction_cb (self, NULL, job);
}

void
vs_pool_summary_page_show_failure (VsPoolSummaryPage *self,
                                   const GError      *error)
{
  const char *libvirt_message;
  const char *leftovers;
  g_autofree char *body = NULL;
  const char *outcome;

  g_return_if_fail (VS_IS_POOL_SUMMARY_PAGE (self));
  g_return_if_fail (error != NULL);

  if (self->job != NULL)
    job_finished_cb (self, self->job);
  stop_tracking (self);

  libvirt_message = vs_error_get_libvirt_message (error);
  leftovers = vs_error_get_leftovers (error);

  if (leftovers != NULL)
    outcome = _("Not everything could be undone: remove what is left by hand before you try again.");
  else if (undo_ran (self))
    outcome = _("Nothing was left behind: the steps already done were undone. Your entries are kept; "
                "correct them and try again.");
  else
    outcome = _("Nothing was made. Your entries are kept; correct them and try again.");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      vs_error_bar_set_message_type (self->error_bar, GTK_MESSAGE_INFO);
      vs_error_bar_show_message (self->error_bar, _("Creating the pool was cancelled"),
                                 outcome, error->message);
      return;
    }

  if (libvirt_message != NULL)
    /* Translators: libvirt's own message, then what became of the steps */
    body = g_strdup_printf (_("libvirt says: %s\n%s"), libvirt_message, outcome);
  else if (g_strcmp0 (error->message, vs_error_get_summary (error)) != 0)
    body = g_strdup_printf ("%s\n%s", error->message, outcome);
  else
    body = g_strdup (outcome);

  vs_error_bar_set_message_type (self->error_bar, GTK_MESSAGE_ERROR);
  vs_error_bar_show_message (self->error_bar, vs_error_get_summary (error), body, libvirt_message);
}
