/* vs-pool-page.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-pool-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-connection.h"
#include "vs-error-bar.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-pool-definition-view.h"
#include "vs-pool-type.h"
#include "vs-pool-page.h"
#include "vs-pool-type-facts.h"
#include "vs-pool-usage.h"
#include "vs-volume.h"
#include "vs-volume-clone-dialog.h"
#include "vs-volume-create-dialog.h"
#include "vs-volume-list.h"
#include "vs-volume-operations.h"
#include "vs-volume-resize-dialog.h"

struct _VsPoolPage
{
  GtkWidget             parent_instance;

  VsPool               *pool;
  GSignalGroup         *pool_signals;
  GSignalGroup         *connection_signals;
  guint                 updating_switch : 1;

  /* Template widgets */
  VsErrorBar           *error_bar;
  GtkLabel             *name_label;
  GtkLabel             *state_label;
  GtkToggleButton      *facts_button;
  GtkLabel             *type_label;
  GtkImage             *facts_arrow;
  GtkMenuButton        *type_info_button;
  VsPoolTypeFacts      *type_facts;
  VsPoolTypeFacts      *facts_summary;
  GtkLabel             *path_label;
  GtkWidget            *path_icon;
  GtkWidget            *offline_box;
  GtkSpinner           *busy_spinner;
  GtkWidget            *autostart_box;
  GtkSwitch            *autostart_switch;
  VsPoolUsage          *usage;
  GtkWidget            *start_button;
  GtkWidget            *stop_button;
  GtkWidget            *refresh_button;
  GtkWidget            *search_button;
  GtkMenuButton        *more_button;
  GtkLabel             *menu_note;
  GtkStack             *content_stack;
  GtkStack             *volumes_stack;
  VsVolumeList         *volume_list;
  GtkWidget            *inactive_start_button;
  GtkStack             *unreachable_icon_stack;
  GtkSpinner           *unreachable_spinner;
  GtkLabel             *unreachable_title;
  GtkLabel             *unreachable_body;
  GtkWidget            *reconnect_button;
  VsPoolDefinitionView *definition_view;
};

typedef void     (*PoolOpAsync)  (VsPool               *pool,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
typedef gboolean (*PoolOpFinish) (VsPool               *pool,
                                  GAsyncResult         *result,
                                  GError              **error);

/* One operation on the pool shown when it started. */
typedef struct
{
  VsPoolPage   *self;
  VsPool       *pool;
  PoolOpAsync   start;
  PoolOpFinish  finish;
  gboolean      autostart;
} OpData;

static void update_volume_actions (VsPoolPage *self,
                                   const char *unreachable,
                                   guint       n_selected);

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
op_data_new (VsPoolPage   *self,
             PoolOpAsync   start,
             PoolOpFinish  finish)
{
  OpData *data = g_new0 (OpData, 1);

  data->self = g_object_ref (self);
  data->pool = g_object_ref (self->pool);
  data->start = start;
  data->finish = finish;

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

static gboolean
is_reconnecting (VsPoolPage *self)
{
  VsConnection *connection = self->pool != NULL ? vs_pool_get_connection (self->pool) : NULL;

  return connection != NULL && vs_connection_get_reconnecting (connection);
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
  if (button != NULL)
    vs_widget_set_tooltip (button, reason != NULL ? reason : tooltip);
}

/* The pool menu cannot say in a tooltip why an item is greyed out; a note
 * at its end does. */
static const char *
menu_note_text (VsPool     *pool,
                const char *blocked)
{
  if (blocked != NULL)
    return blocked;
  if (vs_pool_get_active (pool))
    return vs_pool_get_persistent (pool)
             ? _("Stop the pool to build it, delete its storage or undefine it.")
             : _("Stop the pool to build it or delete its storage. A transient pool disappears once stopped.");
  if (!vs_pool_get_persistent (pool))
    return _("A transient pool has no definition to undefine.");

  return NULL;
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
  const char *unreachable = NULL;
  const char *reason;
  const char *note;

  if (pool == NULL)
    blocked = unreachable = _("No pool is selected");
  else if (!vs_pool_get_reachable (pool))
    blocked = unreachable = is_reconnecting (self) ? _("Reconnecting to the host…")
                                                   : _("The connection is closed");
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

  /* Start or Stop, whichever applies, in the same place. */
  gtk_widget_set_visible (self->start_button, !active);
  gtk_widget_set_visible (self->stop_button, active);

  reason = blocked != NULL ? blocked : !active ? _("Start the pool first") : NULL;
  set_action (self, "pool.refresh", self->refresh_button, reason,
              _("Look again for volumes, including files made outside libvirt (F5)"));

  reason = blocked != NULL ? blocked : active ? _("Stop the pool first") : NULL;
  set_action (self, "pool.build", NULL, reason, NULL);
  set_action (self, "pool.delete", NULL, reason, NULL);

  reason = blocked != NULL ? blocked
         : !persistent ? _("The pool is transient: it has no definition to remove")
         : active ? _("Stop the pool first")
         : NULL;
  set_action (self, "pool.undefine", NULL, reason, NULL);

  reason = pool == NULL ? blocked
         : vs_pool_get_target_path (pool) == NULL ? _("This pool has no target path")
         : NULL;
  set_action (self, "pool.copy-path", NULL, reason, NULL);

  note = pool != NULL ? menu_note_text (pool, blocked) : blocked;
  gtk_label_set_text (self->menu_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->menu_note), note != NULL);

  reason = unreachable != NULL ? unreachable : !active ? _("Start the pool first") : NULL;
  set_action (self, "volumes.search", self->search_button, reason, _("Search volumes (Ctrl+F)"));

  reason = unreachable != NULL ? unreachable
         : !active ? _("Start the pool first")
         : n_selected == 0 ? _("Select the volumes to delete")
         : NULL;
  set_action (self, "volumes.delete", NULL, reason, NULL);

  set_action (self, "volumes.copy-path", NULL, n_selected == 0 ? _("Select a volume") : NULL, NULL);
  update_volume_actions (self, unreachable, n_selected);

  reason = blocked != NULL ? blocked
         : !persistent ? _("A transient pool disappears when stopped: it cannot start at boot")
         : NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), reason == NULL);
  vs_widget_set_tooltip (self->autostart_box,
                         reason != NULL ? reason : _("Start the pool when the host boots"));
  gtk_widget_set_visible (self->autostart_box, pool == NULL || unreachable == NULL);
  gtk_widget_set_visible (self->offline_box, pool != NULL && unreachable != NULL);
  vs_widget_set_tooltip (self->offline_box, pool != NULL ? unreachable : NULL);
}

static void
update_type (VsPoolPage *self)
{
  const char *type = self->pool != NULL ? vs_pool_get_pool_type (self->pool) : NULL;
  const VsPoolTypeFactSheet *sheet = vs_pool_type_facts_lookup (type);
  g_autofree char *type_text = NULL;

  vs_pool_type_facts_set_pool_type (self->type_facts, type);
  vs_pool_type_facts_set_pool_type (self->facts_summary, type);
  gtk_widget_set_visible (GTK_WIDGET (self->type_info_button), sheet != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->facts_button), sheet != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->facts_arrow), sheet != NULL);
  if (sheet == NULL)
    {
      gtk_label_set_text (self->type_label, type != NULL ? type : "");
      gtk_toggle_button_set_active (self->facts_button, FALSE);
      return;
    }

  /* Translators: a pool type's name, then libvirt's name for it: "Directory (dir)" */
  type_text = g_strdup_printf (_("%s (%s)"), _(sheet->label), sheet->type);
  gtk_label_set_text (self->type_label, type_text);
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
      gtk_widget_set_visible (self->path_icon, FALSE);
      update_type (self);
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
      state_text = is_reconnecting (self) ? _("Reconnecting…") : _("Disconnected");
      style = "dim-label";
    }

  gtk_label_set_text (self->state_label, state_text);
  set_state_style (GTK_WIDGET (self->state_label), style);

  path = vs_pool_get_target_path (pool);
  gtk_label_set_text (self->path_label, path != NULL ? path : "");
  vs_widget_set_tooltip (GTK_WIDGET (self->path_label), path);
  gtk_widget_set_visible (self->path_icon, path != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), vs_pool_get_busy (pool));
  gtk_spinner_set_spinning (self->busy_spinner, vs_pool_get_busy (pool));

  self->updating_switch = TRUE;
  gtk_switch_set_active (self->autostart_switch, vs_pool_get_autostart (pool));
  gtk_switch_set_state (self->autostart_switch, vs_pool_get_autostart (pool));
  self->updating_switch = FALSE;

  update_type (self);
}

static void
update_volumes_page (VsPoolPage *self)
{
  const char *page = "list";
  gboolean reconnecting = is_reconnecting (self);

  if (self->pool != NULL && !vs_pool_get_reachable (self->pool))
    page = "unreachable";
  else if (self->pool != NULL && !vs_pool_get_active (self->pool))
    page = "inactive";

  gtk_stack_set_visible_child_name (self->volumes_stack, page);

  gtk_stack_set_visible_child_name (self->unreachable_icon_stack, reconnecting ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->unreachable_spinner, reconnecting && g_str_equal (page, "unreachable"));
  gtk_widget_set_visible (self->reconnect_button, !reconnecting);
  if (reconnecting)
    {
      gtk_label_set_text (self->unreachable_title, _("Reconnecting to the host…"));
      gtk_label_set_text (self->unreachable_body,
                          _("The connection dropped. Virt Storage is trying to reach the host again; "
                            "the pool comes back by itself when the host answers."));
    }
  else
    {
      gtk_label_set_text (self->unreachable_title, _("The connection is closed"));
      gtk_label_set_text (self->unreachable_body,
                          _("Reconnect to the host to see and manage this pool again."));
    }
}

static void
update_all (VsPoolPage *self)
{
  update_header (self);
  update_volumes_page (self);
  update_actions (self);
}

/* Signal callbacks ----------------------------------------------------- */

static void
n_selected_changed_cb (VsPoolPage   *self,
                       GParamSpec   *pspec,
                       VsVolumeList *list)
{
  update_actions (self);
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = data->finish (VS_POOL (object), result, &error);

  /* Nothing to say about a pool that is no longer shown. */
  if (data->self->pool != data->pool || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A later operation that worked makes an earlier error moot. */
  if (ok)
    vs_error_bar_hide (data->self->error_bar);
  else
    vs_error_bar_show_error (data->self->error_bar, NULL, error);
}

static void
run_op (OpData *data)
{
  data->start (data->pool, NULL, op_done_cb, data);
}

static void
autostart_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  g_autoptr(GError) error = NULL;
  VsPoolPage *self = data->self;

  if (self->pool != data->pool)
    {
      vs_pool_set_autostart_finish (VS_POOL (object), result, NULL);
      return;
    }

  if (vs_pool_set_autostart_finish (VS_POOL (object), result, &error))
    {
      vs_error_bar_hide (self->error_bar);
      gtk_switch_set_state (self->autostart_switch, data->autostart);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vs_error_bar_show_error (self->error_bar, NULL, error);

  /* Put the switch back where the pool really is. */
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

  data = op_data_new (self, NULL, NULL);
  data->autostart = state;
  vs_pool_set_autostart_async (self->pool, state, NULL, autostart_done_cb, data);

  /* The switch's state follows once libvirt agreed. */
  return TRUE;
}

static void
op_confirmed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;

  if (!vs_confirm_finish (result, NULL))
    return;

  run_op (g_steal_pointer (&data));
}

/* Actions ---------------------------------------------------------------- */

static void
confirm_op (VsPoolPage   *self,
            const char   *heading,
            const char   *body,
            const char   *button,
            PoolOpAsync   start,
            PoolOpFinish  finish)
{
  vs_confirm_async (GTK_WIDGET (self), heading, body, button, NULL, op_confirmed_cb,
                    op_data_new (self, start, finish));
}

static void
confirm_delete (VsPoolPage *self)
{
  const char *path = vs_pool_get_target_path (self->pool);
  g_autofree char *heading = g_strdup_printf (_("Delete the storage of the pool “%s”?"),
                                              vs_pool_get_name (self->pool));
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

  confirm_op (self, heading, body, _("_Delete Storage"), vs_pool_delete_async, vs_pool_delete_finish);
}

static void
confirm_undefine (VsPoolPage *self)
{
  const char *path = vs_pool_get_target_path (self->pool);
  g_autofree char *heading = g_strdup_printf (_("Undefine the pool “%s”?"),
                                              vs_pool_get_name (self->pool));
  g_autofree char *body = NULL;

  if (path != NULL)
    body = g_strdup_printf (_("Libvirt forgets this pool: the definition is removed. "
                              "The files in %s stay on disk; define a pool on that path "
                              "again to use them."),
                            path);
  else
    body = g_strdup (_("Libvirt forgets this pool: the definition is removed. "
                       "The data in its storage stays."));

  confirm_op (self, heading, body, _("_Undefine"), vs_pool_undefine_async, vs_pool_undefine_finish);
}

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
    }
  else if (g_str_equal (action_name, "pool.start"))
    run_op (op_data_new (self, vs_pool_start_async, vs_pool_start_finish));
  else if (g_str_equal (action_name, "pool.stop"))
    run_op (op_data_new (self, vs_pool_stop_async, vs_pool_stop_finish));
  else if (g_str_equal (action_name, "pool.refresh"))
    run_op (op_data_new (self, vs_pool_refresh_async, vs_pool_refresh_finish));
  else if (g_str_equal (action_name, "pool.build"))
    run_op (op_data_new (self, vs_pool_build_async, vs_pool_build_finish));
  else if (g_str_equal (action_name, "pool.delete"))
    confirm_delete (self);
  else if (g_str_equal (action_name, "pool.undefine"))
    confirm_undefine (self);
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

/* Volume operations --------------------------------------------------------
 *
 * New, resize, clone, wipe, upload and download: the dialogs and the steps
 * live in vs-volume-*-dialog.c and vs-volume-operations.c; the page enables
 * them, starts them, and shows what failed. */

static const char * const volume_actions[] = {
  "volumes.resize", "volumes.clone", "volumes.wipe", "volumes.upload", "volumes.download",
};

static void
update_volume_actions (VsPoolPage *self,
                       const char *unreachable,
                       guint       n_selected)
{
  VsPool *pool = self->pool;
  VsPoolType type;
  const char *reason;

  reason = unreachable != NULL ? unreachable
         : !vs_pool_get_active (pool) ? _("Start the pool first")
         : vs_pool_type_from_string (vs_pool_get_pool_type (pool), &type) &&
           !vs_pool_type_get_info (type)->can_create_volumes
             ? _("Libvirt cannot make volumes in a pool of this type: it shows the devices that exist")
         : NULL;
  set_action (self, "volumes.new", NULL, reason, NULL);
  set_action (self, "volumes.upload-new", NULL, reason, NULL);

  reason = unreachable != NULL ? unreachable
         : !vs_pool_get_active (pool) ? _("Start the pool first")
         : n_selected == 0 ? _("Select a volume")
         : n_selected > 1 ? _("Select one volume only")
         : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (volume_actions); i++)
    set_action (self, volume_actions[i], NULL, reason, NULL);
}

static void
volume_made_cb (VsPoolPage *self,
                VsVolume   *volume)
{
  if (vs_volume_get_pool (volume) == self->pool)
    vs_volume_list_select_volume (self->volume_list, volume);
  vs_error_bar_hide (self->error_bar);
}

/* What a volume operation needs to report back: the page, which may be
 * gone before a long transfer ends, and the pool it was started on. */
typedef struct
{
  GWeakRef  page;
  VsPool   *pool;
} VolumeOpData;

static VolumeOpData *
volume_op_data_new (VsPoolPage *self)
{
  VolumeOpData *data = g_new0 (VolumeOpData, 1);

  g_weak_ref_init (&data->page, self);
  data->pool = g_object_ref (self->pool);

  return data;
}

static void
volume_op_data_free (VolumeOpData *data)
{
  g_weak_ref_clear (&data->page);
  g_clear_object (&data->pool);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VolumeOpData, volume_op_data_free)

static void
volume_op_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VolumeOpData) data = user_data;
  g_autoptr(VsPoolPage) self = g_weak_ref_get (&data->page);
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(GError) error = NULL;

  vs_volume_operations_finish (result, &volume, &error);

  if (self == NULL || self->pool != data->pool || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    vs_error_bar_show_error (self->error_bar, NULL, error);
  else if (volume != NULL)
    volume_made_cb (self, volume);
}

static void
volume_op_failed_cb (VsPoolPage   *self,
                     const GError *error,
                     GtkWindow    *dialog)
{
  vs_error_bar_show_error (self->error_bar, NULL, error);
}

/* A dialog that makes a volume (New Volume, Clone). */
static void
present_dialog (VsPoolPage *self,
                GtkWidget  *dialog)
{
  g_signal_connect_object (dialog, "volume-created", G_CALLBACK (volume_made_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (volume_op_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
volume_op_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VsPoolPage *self = VS_POOL_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GPtrArray) selected = NULL;
  VsVolume *volume;

  if (self->pool == NULL)
    return;

  if (g_str_equal (action_name, "volumes.new"))
    {
      present_dialog (self, vs_volume_create_dialog_new (window, self->pool));
      return;
    }
  if (g_str_equal (action_name, "volumes.upload-new"))
    {
      vs_volume_operations_upload_new_async (widget, self->pool, NULL, NULL, volume_op_done_cb,
                                             volume_op_data_new (self));
      return;
    }

  selected = vs_volume_list_get_selected (self->volume_list);
  if (selected->len != 1)
    return;
  volume = g_ptr_array_index (selected, 0);

  if (g_str_equal (action_name, "volumes.resize"))
    gtk_window_present (GTK_WINDOW (vs_volume_resize_dialog_new (window, volume)));
  else if (g_str_equal (action_name, "volumes.clone"))
    present_dialog (self, vs_volume_clone_dialog_new (window, volume));
  else if (g_str_equal (action_name, "volumes.wipe"))
    vs_volume_operations_wipe_async (widget, volume, NULL, volume_op_done_cb, volume_op_data_new (self));
  else if (g_str_equal (action_name, "volumes.upload"))
    vs_volume_operations_upload_async (widget, volume, NULL, NULL, volume_op_done_cb,
                                       volume_op_data_new (self));
  else if (g_str_equal (action_name, "volumes.download"))
    vs_volume_operations_download_async (widget, volume, NULL, NULL, volume_op_done_cb,
                                         volume_op_data_new (self));
}

/* Class ----------------------------------------------------------------- */

static void
vs_pool_page_dispose (GObject *object)
{
  VsPoolPage *self = (VsPoolPage *)object;
  GtkWidget *child;

  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  g_clear_object (&self->pool);

  gtk_widget_dispose_template (GTK_WIDGET (self), VS_TYPE_POOL_PAGE);
  /* The children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vs_pool_page_parent_class)->dispose (object);
}

static void
vs_pool_page_finalize (GObject *object)
{
  VsPoolPage *self = (VsPoolPage *)object;

  g_clear_object (&self->pool_signals);
  g_clear_object (&self->connection_signals);

  G_OBJECT_CLASS (vs_pool_page_parent_class)->finalize (object);
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
  object_class->finalize = vs_pool_page_finalize;
  object_class->get_property = vs_pool_page_get_property;
  object_class->set_property = vs_pool_page_set_property;

  properties[PROP_POOL] =
    g_param_spec_object ("pool", NULL, NULL, VS_TYPE_POOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VS_TYPE_ERROR_BAR);
  g_type_ensure (VS_TYPE_POOL_DEFINITION_VIEW);
  g_type_ensure (VS_TYPE_POOL_TYPE_FACTS);
  g_type_ensure (VS_TYPE_POOL_USAGE);
  g_type_ensure (VS_TYPE_VOLUME_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/virtstorage/VirtStorage/vs-pool-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, error_bar);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, facts_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, facts_arrow);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_info_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, type_facts);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, facts_summary);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, path_icon);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, offline_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, autostart_box);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, usage);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, menu_note);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, volumes_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, volume_list);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, inactive_start_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, unreachable_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, unreachable_spinner);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, unreachable_title);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, unreachable_body);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VsPoolPage, definition_view);
  gtk_widget_class_bind_template_callback (widget_class, n_selected_changed_cb);
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

  gtk_widget_class_install_action (widget_class, "volumes.new", NULL, volume_op_action);
  gtk_widget_class_install_action (widget_class, "volumes.upload-new", NULL, volume_op_action);
  for (guint i = 0; i < G_N_ELEMENTS (volume_actions); i++)
    gtk_widget_class_install_action (widget_class, volume_actions[i], NULL, volume_op_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "volumes.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "volumes.upload-new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "volumes.resize", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "volumes.clone", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "volumes.wipe", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "volumes.upload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "volumes.download", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vs_pool_page_init (VsPoolPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vs_accessible_fix_labels (GTK_WIDGET (self));

  ensure_fallback_style (GTK_WIDGET (self));

  gtk_popover_menu_add_child (GTK_POPOVER_MENU (gtk_menu_button_get_popover (self->more_button)),
                              GTK_WIDGET (self->menu_note), "note");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (self->more_button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pool actions"),
                                  -1);
  /* At the window's right edge: open towards the content. */
  gtk_widget_set_halign (GTK_WIDGET (gtk_menu_button_get_popover (self->more_button)), GTK_ALIGN_END);

  self->pool_signals = g_signal_group_new (VS_TYPE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify", G_CALLBACK (update_all), self);
  self->connection_signals = g_signal_group_new (VS_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::reconnecting",
                                  G_CALLBACK (update_all), self);

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

  if (!g_set_object (&self->pool, pool))
    return;

  g_signal_group_set_target (self->pool_signals, pool);
  g_signal_group_set_target (self->connection_signals,
                             pool != NULL ? vs_pool_get_connection (pool) : NULL);

  vs_error_bar_hide (self->error_bar);
  vs_pool_usage_set_pool (self->usage, pool);
  vs_volume_list_set_pool (self->volume_list, pool);
  vs_pool_definition_view_set_pool (self->definition_view, pool);
  update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
}
