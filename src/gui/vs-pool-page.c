/* vs-pool-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-pool-page.h"
#include "vs-pool-type-info.h"
#include "vs-volume-list.h"

/* The usage bar turns to the warning colour above this fraction. */
#define USAGE_WARNING 0.9

struct _VsPoolPage
{
  GtkWidget          parent_instance;

  VsPool            *pool;
  GCancellable      *xml_cancellable;
  guint              updating_switch : 1;

  /* Template widgets */
  GtkInfoBar        *error_bar;
  GtkLabel          *error_heading;
  GtkExpander       *error_expander;
  GtkLabel          *error_detail;
  GtkLabel          *name_label;
  GtkLabel          *state_label;
  GtkLabel          *type_label;
  GtkMenuButton     *type_info_button;
  GtkLabel          *type_title_label;
  GtkLabel          *type_description_label;
  GtkSpinner        *busy_spinner;
  GtkWidget         *autostart_box;
  GtkSwitch         *autostart_switch;
  GtkLabel          *facts_label;
  GtkLabel          *fact_kind;
  GtkLabel          *fact_shared;
  GtkLabel          *fact_snapshots;
  GtkLabel          *fact_thin;
  GtkLabel          *fact_volume;
  GtkWidget         *space_frame;
  GtkLabel          *capacity_label;
  GtkLabel          *allocation_label;
  GtkLabel          *available_label;
  GtkImage          *overcommit_icon;
  GtkLabel          *overcommit_label;
  GtkLevelBar       *usage_bar;
  GtkLabel          *path_label;
  GtkWidget         *copy_path_button;
  GtkWidget         *start_button;
  GtkWidget         *stop_button;
  GtkWidget         *refresh_button;
  GtkWidget         *build_button;
  GtkWidget         *delete_button;
  GtkWidget         *undefine_button;
  GtkWidget         *inactive_start_button;
  GtkWidget         *search_button;
  GtkStack          *content_stack;
  GtkStack          *volumes_stack;
  VsVolumeList      *volume_list;
  GtkStack          *xml_stack;
  GtkTextView       *xml_view;
  GtkSpinner        *xml_spinner;
};

typedef struct
{
  VsPoolPage *self;
  VsPool     *pool;
  gboolean    autostart;
} OpData;

G_DEFINE_FINAL_TYPE (VsPoolPage, vs_pool_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Classes the GNOME style uses that GTK 4.8's built-in theme lacks. At
 * fallback priority, so any theme that has them wins. */
static const char fallback_css[] =
  "label.success { color: @success_color; }\n"
  "label.warning, image.warning { color: @warning_color; }\n"
  "label.error, image.error { color: @error_color; }\n";

/* Helpers --------------------------------------------------------------- */

static void
ensure_fallback_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "vs-pool-page-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, fallback_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_FALLBACK);
  g_object_set_data_full (G_OBJECT (display), "vs-pool-page-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static OpData *
op_data_new (VsPoolPage *self)
{
  OpData *data = g_new0 (OpData, 1);

  data->self = g_object_ref (self);
  data->pool = g_object_ref (self->pool);

  return data;
}

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->pool);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static void
show_error (VsPoolPage   *self,
            const GError *error)
{
  const char *message = error->message;
  const char *colon = strstr (message, ": ");
  g_autofree char *heading = NULL;
  const char *detail = NULL;

  /* The core writes "What failed: libvirt's words"; the first part is the
   * heading, libvirt's message goes one click away. */
  if (colon != NULL && colon != message && colon[2] != '\0')
    {
      heading = g_strndup (message, colon - message);
      detail = colon + 2;
    }
  else
    heading = g_strdup (message);

  gtk_label_set_text (self->error_heading, heading);
  gtk_label_set_text (self->error_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_expander), detail != NULL);
  gtk_expander_set_expanded (self->error_expander, FALSE);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
hide_error (VsPoolPage *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

static void
set_size_label (GtkLabel *label,
                gboolean  known,
                guint64   bytes)
{
  g_autofree char *text = known ? vs_format_size (bytes) : g_strdup ("—");

  gtk_label_set_text (label, text);
}

static void
set_state_style (GtkWidget  *widget,
                 const char *style)
{
  const char *styles[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (styles[i], style) != 0)
      gtk_widget_remove_css_class (widget, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (widget, style);
}

/* Enables @action_name when @reason is NULL; otherwise disables it and
 * tells why in @button's tooltip. */
static void
set_action (VsPoolPage *self,
            const char *action_name,
            GtkWidget  *button,
            const char *reason,
            const char *tooltip)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, reason == NULL);
  if (button == NULL)
    return;

  vs_widget_set_tooltip (button, reason != NULL ? reason : tooltip);

  /* GtkFlowBox's keyboard navigation stops dead on a child whose widget
   * cannot take the focus; an insensitive child is skipped. */
  if (GTK_IS_FLOW_BOX_CHILD (gtk_widget_get_parent (button)))
    gtk_widget_set_sensitive (gtk_widget_get_parent (button), reason == NULL);
}

static void
update_actions (VsPoolPage *self)
{
  VsPool *pool = self->pool;
  gboolean active = pool != NULL && vs_pool_get_active (pool);
  gboolean persistent = pool != NULL && vs_pool_get_persistent (pool);
  VsPoolState state = pool != NULL ? vs_pool_get_state (pool) : VS_POOL_STATE_UNKNOWN;
  guint n_selected = vs_volume_list_get_n_selected (self->volume_list);
  const char *blocked = NULL;
  const char *reason;

  if (pool == NULL)
    blocked = _("No pool is selected");
  else if (!vs_pool_get_reachable (pool))
    blocked = _("The connection is closed");
  else if (vs_pool_get_busy (pool))
    blocked = _("Wait for the current operation to finish");

  reason = blocked != NULL ? blocked
         : active ? _("The pool is already running")
         : state == VS_POOL_STATE_BUILDING ? _("The pool is being built")
         : NULL;
  set_action (self, "pool.start", self->start_button, reason,
              _("Start the pool: its volumes become available to virtual machines"));
  vs_widget_set_tooltip (self->inactive_start_button, reason);

  reason = blocked != NULL ? blocked : !active ? _("The pool is not running") : NULL;
  set_action (self, "pool.stop", self->stop_button, reason,
              persistent
                ? _("Stop the pool: virtual machines can no longer use its volumes; the data stays")
                : _("Stop the pool: a transient pool disappears once stopped; the data stays"));

  reason = blocked != NULL ? blocked : !active ? _("Start the pool first") : NULL;
  set_action (self, "pool.refresh", self->refresh_button, reason,
              _("Look again for volumes, including files made outside libvirt (F5)"));

  reason = blocked != NULL ? blocked : active ? _("Stop the pool first") : NULL;
  set_action (self, "pool.build", self->build_button, reason,
              _("Prepare the storage: create the folder, format the device or the volume group"));

  reason = blocked != NULL ? blocked : active ? _("Stop the pool first") : NULL;
  set_action (self, "pool.delete", self->delete_button, reason,
              _("Delete the pool’s storage from the disk, with everything in it"));

  reason = blocked != NULL ? blocked
         : !persistent ? _("The pool is transient: it has no definition to remove")
         : active ? _("Stop the pool first")
         : NULL;
  set_action (self, "pool.undefine", self->undefine_button, reason,
              _("Forget the pool’s definition; the data on the disk stays"));

  reason = pool == NULL ? blocked
         : vs_pool_get_target_path (pool) == NULL ? _("This pool has no target path")
         : NULL;
  set_action (self, "pool.copy-path", self->copy_path_button, reason, _("Copy the target path"));

  reason = blocked != NULL && (pool == NULL || !vs_pool_get_reachable (pool)) ? blocked
         : !active ? _("Start the pool first")
         : NULL;
  set_action (self, "volumes.search", self->search_button, reason, _("Search volumes (Ctrl+F)"));

  reason = blocked != NULL && (pool == NULL || !vs_pool_get_reachable (pool)) ? blocked
         : !active ? _("Start the pool first")
         : n_selected == 0 ? _("Select the volumes to delete")
         : NULL;
  set_action (self, "volumes.delete", NULL, reason, NULL);

  set_action (self, "volumes.copy-path", NULL, n_selected == 0 ? _("Select a volume") : NULL, NULL);

  reason = blocked != NULL ? blocked
         : !persistent ? _("A transient pool disappears when stopped: it cannot start at boot")
         : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), reason == NULL);
  vs_widget_set_tooltip (self->autostart_box,
                               reason != NULL ? reason
                                              : _("Start the pool when the host boots"));
}


/* Joins the words of @text with no-break spaces, so a heading and its value
 * wrap as one piece. */
static char *
keep_together (const char *text)
{
  g_autoptr(GString) string = g_string_new (text);

  g_string_replace (string, " ", "\u00a0", 0);
  return g_string_free (g_steal_pointer (&string), FALSE);
}

static void
update_type (VsPoolPage *self)
{
  const char *type = self->pool != NULL ? vs_pool_get_pool_type (self->pool) : NULL;
  const VsPoolTypeInfo *info = vs_pool_type_info_lookup (type);
  g_autofree char *type_text = NULL;
  g_autofree char *facts = NULL;
  const char *shared;

  gtk_widget_set_visible (GTK_WIDGET (self->facts_label), info != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->type_info_button), info != NULL);

  if (info == NULL)
    {
      gtk_label_set_text (self->type_label, type != NULL ? type : "");
      return;
    }

  shared = info->sharing == VS_POOL_SHARING_YES ? _("Yes: live migration") : _(info->shared);

  /* Translators: a pool type's name, then libvirt's name for it: "Directory (dir)" */
  type_text = g_strdup_printf (_("%s (%s)"), _(info->label), info->type);
  gtk_label_set_text (self->type_label, type_text);

  gtk_label_set_text (self->type_title_label, _(info->label));
  gtk_label_set_text (self->type_description_label, _(info->description));
  gtk_label_set_text (self->fact_kind, _(info->kind));
  gtk_label_set_text (self->fact_shared, shared);
  gtk_label_set_text (self->fact_snapshots, _(info->snapshots));
  gtk_label_set_text (self->fact_thin, _(info->thin));
  gtk_label_set_text (self->fact_volume, _(info->volume));

  /* Each heading stays with its value when the line wraps. */
  {
    const char *headings[] = { _("Shared between hosts"), _("Snapshots"), _("Thin provisioning"),
                               /* Translators: heading of what one volume of the pool is,
                                * followed by "An image file", "A logical volume", ... */
                               C_("pool type", "Volume") };
    const char *values[] = { shared, _(info->snapshots), _(info->thin), _(info->volume) };
    g_autoptr(GString) markup = g_string_new (NULL);
    g_autofree char *kind = g_markup_escape_text (_(info->kind), -1);

    g_string_append (markup, kind);
    for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
      {
        g_autofree char *heading = keep_together (headings[i]);
        g_autofree char *value = keep_together (values[i]);
        g_autofree char *pair = g_markup_printf_escaped ("   ·   <b>%s</b>\u00a0%s", heading, value);

        g_string_append (markup, pair);
      }
    facts = g_string_free (g_steal_pointer (&markup), FALSE);
  }
  gtk_label_set_markup (self->facts_label, facts);
}

static void
update_space (VsPoolPage *self)
{
  VsPool *pool = self->pool;
  gboolean active = pool != NULL && vs_pool_get_active (pool);
  guint64 capacity = pool != NULL ? vs_pool_get_capacity (pool) : 0;
  guint64 allocation = pool != NULL ? vs_pool_get_allocation (pool) : 0;
  guint64 volumes = pool != NULL ? vs_pool_get_volumes_capacity (pool) : 0;
  gboolean known = active && capacity > 0;
  double used = known ? (double) allocation / (double) capacity : 0.0;
  gboolean overcommitted = FALSE;

  set_size_label (self->capacity_label, known, capacity);
  set_size_label (self->allocation_label, known, allocation);
  set_size_label (self->available_label, known, pool != NULL ? vs_pool_get_available (pool) : 0);

  gtk_level_bar_set_value (self->usage_bar, CLAMP (used, 0.0, 1.0));
  gtk_widget_set_sensitive (GTK_WIDGET (self->usage_bar), known);
  if (known)
    {
      g_autofree char *allocation_text = vs_format_size (allocation);
      g_autofree char *capacity_text = vs_format_size (capacity);
      g_autofree char *percent = vs_format_percent (used);
      /* Translators: "40.0 GiB of 100.0 GiB used (40%)" */
      g_autofree char *tooltip = g_strdup_printf (_("%s of %s used (%s)"),
                                                  allocation_text, capacity_text, percent);

      vs_widget_set_tooltip (GTK_WIDGET (self->usage_bar), tooltip);
    }
  else
    vs_widget_set_tooltip (GTK_WIDGET (self->usage_bar), NULL);

  /* Without a volume list (too many volumes for libvirt) there is no sum. */
  if (known && pool != NULL && vs_pool_get_volumes_loaded (pool) &&
      (vs_pool_get_volumes_error (pool) == NULL ||
       g_list_model_get_n_items (vs_pool_get_volumes (pool)) > 0))
    {
      double fraction = (double) volumes / (double) capacity;
      g_autofree char *size = vs_format_size (volumes);
      g_autofree char *percent = vs_format_percent (fraction);
      /* Translators: the sum of the volumes' capacities, then that as a
       * part of the pool's capacity: "120.0 GiB · 150%" */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), size, percent);

      overcommitted = fraction > 1.0;
      gtk_label_set_text (self->overcommit_label, text);
      vs_widget_set_tooltip (gtk_widget_get_parent (GTK_WIDGET (self->overcommit_label)),
                                   overcommitted
                                     ? _("Overcommitted: the volumes can grow to more than the pool holds. "
                                         "Thin-provisioned volumes take space as guests write, "
                                         "so the pool can fill up.")
                                     : _("The sum of the volumes’ capacities, against the pool’s capacity"));
    }
  else
    {
      gtk_label_set_text (self->overcommit_label, "—");
      vs_widget_set_tooltip (gtk_widget_get_parent (GTK_WIDGET (self->overcommit_label)), NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->overcommit_icon), overcommitted);
  set_state_style (GTK_WIDGET (self->overcommit_label), overcommitted ? "warning" : NULL);
}

static void
update_header (VsPoolPage *self)
{
  VsPool *pool = self->pool;
  const char *state_text;
  const char *style = "dim-label";
  const char *path;

  if (pool == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->state_label, "");
      gtk_label_set_text (self->path_label, "");
      update_type (self);
      update_space (self);
      return;
    }

  gtk_label_set_text (self->name_label, vs_pool_get_name (pool));

  switch (vs_pool_get_state (pool))
    {
    case VS_POOL_STATE_RUNNING:
      state_text = _("Active");
      style = "success";
      break;
    case VS_POOL_STATE_INACTIVE:
      state_text = _("Inactive");
      break;
    case VS_POOL_STATE_BUILDING:
      state_text = _("Building");
      break;
    case VS_POOL_STATE_DEGRADED:
      state_text = _("Degraded");
      style = "warning";
      break;
    case VS_POOL_STATE_INACCESSIBLE:
      state_text = _("Inaccessible");
      style = "error";
      break;
    case VS_POOL_STATE_UNKNOWN:
    default:
      state_text = _("Unknown");
      break;
    }

  if (!vs_pool_get_reachable (pool))
    {
      state_text = _("Disconnected");
      style = "dim-label";
    }

  gtk_label_set_text (self->state_label, state_text);
  set_state_style (GTK_WIDGET (self->state_label), style);

  /* The numbers are the last ones known: grey them out. */
  gtk_widget_set_sensitive (self->space_frame, vs_pool_get_reachable (pool));

  path = vs_pool_get_target_path (pool);
  gtk_label_set_text (self->path_label, path != NULL ? path : "—");
  vs_widget_set_tooltip (GTK_WIDGET (self->path_label), path);

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), vs_pool_get_busy (pool));
  gtk_spinner_set_spinning (self->busy_spinner, vs_pool_get_busy (pool));

  self->updating_switch = TRUE;
  gtk_switch_set_active (self->autostart_switch, vs_pool_get_autostart (pool));
  gtk_switch_set_state (self->autostart_switch, vs_pool_get_autostart (pool));
  self->updating_switch = FALSE;

  update_type (self);
  update_space (self);
}

static void
update_volumes_page (VsPoolPage *self)
{
  const char *page = "list";

  if (self->pool != NULL && !vs_pool_get_reachable (self->pool))
    page = "unreachable";
  else if (self->pool != NULL && !vs_pool_get_active (self->pool))
    page = "inactive";

  gtk_stack_set_visible_child_name (self->volumes_stack, page);
}

static void
update_all (VsPoolPage *self)
{
  update_header (self);
  update_volumes_page (self);
  update_actions (self);
}

static void
xml_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VsPoolPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  xml = vs_pool_get_xml_finish (VS_POOL (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->xml_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->xml_stack, "text");

  if (xml == NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->xml_view), "", -1);
      show_error (self, error);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->xml_view), xml, -1);
}

static void
load_xml (VsPoolPage *self)
{
  g_cancellable_cancel (self->xml_cancellable);
  g_clear_object (&self->xml_cancellable);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->xml_view), "", -1);

  if (self->pool == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "definition"))
    return;

  self->xml_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->xml_stack, "loading");
  gtk_spinner_set_spinning (self->xml_spinner, TRUE);
  vs_pool_get_xml_async (self->pool, self->xml_cancellable, xml_ready_cb, g_object_ref (self));
}

/* Signal callbacks ----------------------------------------------------- */

static void
pool_notify_cb (VsPoolPage *self,
                GParamSpec *pspec,
                VsPool     *pool)
{
  update_all (self);
}

static void
error_bar_response_cb (VsPoolPage *self,
                       int         response,
                       GtkInfoBar *bar)
{
  if (response == GTK_RESPONSE_CLOSE)
    hide_error (self);
}

static void
n_selected_changed_cb (VsPoolPage   *self,
                       GParamSpec   *pspec,
                       VsVolumeList *list)
{
  update_actions (self);
}

static void
content_page_changed_cb (VsPoolPage *self,
                         GParamSpec *pspec,
                         GtkStack   *stack)
{
  load_xml (self);
}

static void
copy_xml_clicked_cb (VsPoolPage *self,
                     GtkButton  *button)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->xml_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
op_done (OpData       *data,
         gboolean      ok,
         const GError *error)
{
  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* An error about a pool that is no longer shown would be confusing. */
  if (data->self->pool == data->pool)
    show_error (data->self, error);
}

#define DEFINE_OP_CB(op)                                                    \
static void                                                                 \
pool_##op##_cb (GObject      *object,                                       \
                GAsyncResult *result,                                       \
                gpointer      user_data)                                    \
{                                                                           \
  g_autoptr(OpData) data = user_data;                                       \
  g_autoptr(GError) error = NULL;                                           \
  gboolean ok = vs_pool_##op##_finish (VS_POOL (object), result, &error);   \
                                                                            \
  op_done (data, ok, error);                                                \
}

DEFINE_OP_CB (start)
DEFINE_OP_CB (stop)
DEFINE_OP_CB (refresh)
DEFINE_OP_CB (build)
DEFINE_OP_CB (delete)
DEFINE_OP_CB (undefine)

#undef DEFINE_OP_CB

static void
autostart_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;
  VsPoolPage *self = data->self;

  if (vs_pool_set_autostart_finish (VS_POOL (object), result, &error))
    {
      if (self->pool == data->pool)
        gtk_switch_set_state (self->autostart_switch, data->autostart);
      return;
    }

  op_done (data, FALSE, error);

  /* Put the switch back where the pool really is. */
  if (self->pool == data->pool)
    update_header (self);
}

static gboolean
autostart_state_set_cb (VsPoolPage *self,
                        gboolean    state,
                        GtkSwitch  *sw)
{
  OpData *data;

  if (self->updating_switch || self->pool == NULL)
    return FALSE;

  if (state == vs_pool_get_autostart (self->pool))
    return FALSE;

  data = op_data_new (self);
  data->autostart = state;
  hide_error (self);
  vs_pool_set_autostart_async (self->pool, state, NULL, autostart_done_cb, data);

  /* The switch's state follows once libvirt agreed. */
  return TRUE;
}

typedef void (*PoolOpAsync) (VsPool              *pool,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

static void
run_confirmed (GAsyncResult        *result,
               OpData              *data,
               PoolOpAsync          op,
               GAsyncReadyCallback  done)
{
  g_autoptr(OpData) owned = data;
  VsPool *pool = owned->pool;

  if (!vs_confirm_finish (result, NULL))
    return;

  hide_error (owned->self);
  op (pool, NULL, done, g_steal_pointer (&owned));
}

static void
delete_confirmed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  run_confirmed (result, user_data, vs_pool_delete_async, pool_delete_cb);
}

static void
undefine_confirmed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  run_confirmed (result, user_data, vs_pool_undefine_async, pool_undefine_cb);
}

/* Actions ---------------------------------------------------------------- */

static void
pool_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VsPoolPage *self = VS_POOL_PAGE (widget);
  VsPool *pool = self->pool;

  if (pool == NULL)
    return;

  if (g_str_equal (action_name, "pool.copy-path"))
    {
      const char *path = vs_pool_get_target_path (pool);

      if (path != NULL)
        gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), path);
      return;
    }

  hide_error (self);

  if (g_str_equal (action_name, "pool.start"))
    vs_pool_start_async (pool, NULL, pool_start_cb, op_data_new (self));
  else if (g_str_equal (action_name, "pool.stop"))
    vs_pool_stop_async (pool, NULL, pool_stop_cb, op_data_new (self));
  else if (g_str_equal (action_name, "pool.refresh"))
    vs_pool_refresh_async (pool, NULL, pool_refresh_cb, op_data_new (self));
  else if (g_str_equal (action_name, "pool.build"))
    vs_pool_build_async (pool, NULL, pool_build_cb, op_data_new (self));
  else if (g_str_equal (action_name, "pool.delete"))
    {
      const char *path = vs_pool_get_target_path (pool);
      g_autofree char *heading = g_strdup_printf (_("Delete the storage of the pool “%s”?"),
                                                  vs_pool_get_name (pool));
      g_autofree char *body = NULL;

      if (path != NULL)
        body = g_strdup_printf (_("%s and everything in it is deleted from the disk, "
                                  "including the data of every volume. The pool’s definition "
                                  "stays, so the pool can be built again, empty.\n\n"
                                  "This cannot be undone."),
                                path);
      else
        body = g_strdup (_("The pool’s storage and everything in it is deleted, including the "
                           "data of every volume. The pool’s definition stays.\n\n"
                           "This cannot be undone."));

      vs_confirm_async (widget, heading, body, _("_Delete Storage"), NULL,
                        delete_confirmed_cb, op_data_new (self));
    }
  else if (g_str_equal (action_name, "pool.undefine"))
    {
      const char *path = vs_pool_get_target_path (pool);
      g_autofree char *heading = g_strdup_printf (_("Undefine the pool “%s”?"),
                                                  vs_pool_get_name (pool));
      g_autofree char *body = NULL;

      if (path != NULL)
        body = g_strdup_printf (_("Libvirt forgets this pool: the definition is removed. "
                                  "The files in %s stay on disk; define a pool on that path "
                                  "again to use them."),
                                path);
      else
        body = g_strdup (_("Libvirt forgets this pool: the definition is removed. "
                           "The data in its storage stays."));

      vs_confirm_async (widget, heading, body, _("_Undefine"), NULL,
                        undefine_confirmed_cb, op_data_new (self));
    }
}

static void
volumes_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VsPoolPage *self = VS_POOL_PAGE (widget);

  if (g_str_equal (action_name, "volumes.search"))
    {
      gtk_stack_set_visible_child_name (self->content_stack, "volumes");
      vs_volume_list_start_search (self->volume_list);
    }
  else if (g_str_equal (action_name, "volumes.delete"))
    vs_volume_list_delete_selected (self->volume_list);
  else if (g_str_equal (action_name, "volumes.copy-path"))
    vs_volume_list_copy_paths (self->volume_list);
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_page_dispose (GObject *object)
{
  VsPoolPage *self = (VsPoolPage *)object;
  GtkWidget *child;

  if (self->pool != NULL)
    g_signal_handlers_disconnect_by_data (self->pool, self);
  g_clear_object (&self->pool);
  g_cancellable_cancel (self->xml_cancellable);
  g_clear_object (&self->xml_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_PAGE);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_pool_page_parent_class)->dispose (object);
}

static void
vs_pool_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VsPoolPage *self = VS_POOL_PAGE (object);

  switch (prop_id)
    {
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VsPoolPage *self = VS_POOL_PAGE (object);

  switch (prop_id)
    {
    case PROP_POOL:
      vs_pool_page_set_pool (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_pool_page_class_init (VsPoolPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vs_pool_page_dispose;
  object_class->get_property = vs_pool_page_get_property;
  object_class->set_property = vs_pool_page_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_VOLUME_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-pool-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, error_heading);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, error_expander);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, error_detail);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_info_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_title_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_description_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, autostart_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, fact_kind);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, fact_shared);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, fact_snapshots);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, fact_thin);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, fact_volume);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, space_frame);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, capacity_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, allocation_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, available_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, overcommit_icon);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, overcommit_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, usage_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, copy_path_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, build_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, undefine_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, inactive_start_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, volumes_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, volume_list);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, xml_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, xml_view);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, xml_spinner);
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, content_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_xml_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, autostart_state_set_cb);

  gtk_widget_class_install_action (widget_class, "pool.start", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.stop", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.refresh", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.build", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.delete", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.undefine", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "pool.copy-path", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "volumes.search", NULL, volumes_action);
  gtk_widget_class_install_action (widget_class, "volumes.delete", NULL, volumes_action);
  gtk_widget_class_install_action (widget_class, "volumes.copy-path", NULL, volumes_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "pool.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "volumes.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "volumes.delete", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_page_init (VsPoolPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  ensure_fallback_style (GTK_WIDGET (self));

  /* GtkLevelBar's default offsets read like a battery (low is bad); a disk
   * is the other way round. The names only pick the theme's colours. */
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_HIGH, USAGE_WARNING);
  gtk_level_bar_add_offset_value (self->usage_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1.0);

  update_all (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
vs_pool_page_new (void)
{
  return g_object_new (VS_TYPE_POOL_PAGE, NULL);
}

VsPool *
vs_pool_page_get_pool (VsPoolPage *self)
{
  g_return_val_if_fail (VS_IS_POOL_PAGE (self), NULL);

  return self->pool;
}

void
vs_pool_page_set_pool (VsPoolPage *self,
                       VsPool     *pool)
{
  g_return_if_fail (VS_IS_POOL_PAGE (self));
  g_return_if_fail (pool == NULL || VS_IS_POOL (pool));

  if (self->pool == pool)
    return;

  if (self->pool != NULL)
    g_signal_handlers_disconnect_by_data (self->pool, self);

  g_set_object (&self->pool, pool);

  if (pool != NULL)
    g_signal_connect_object (pool, "notify", G_CALLBACK (pool_notify_cb), self, G_CONNECT_SWAPPED);

  hide_error (self);
  vs_volume_list_set_pool (self->volume_list, pool);
  update_all (self);
  load_xml (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}
