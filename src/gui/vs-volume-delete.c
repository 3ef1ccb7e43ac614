/* vs-volume-delete.c: the question before deleting volumes, the deletes,
 * and the report of what failed.
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-gtk-compat.h"
#include "vs-volume-delete.h"
#include "vs-volume-operations.h"
#include "vs-volume-text-cell.h"

/* Names listed in a question before "… and N more". */
#define MAX_LISTED_NAMES 10

/* One confirmed delete. */
typedef struct
{
  GObject              *owner;
  VsVolumeDeleteDone    done;
  GCancellable         *cancellable;
  VsVolumeDeleteReport  report;
  guint                 pending;
  gboolean              wipe;       /* wipe each volume before deleting it */
} DeleteData;

static gboolean
volume_in_use (VsVolume *volume)
{
  const char * const *used_by = vs_volume_get_used_by (volume);

  return used_by != NULL && used_by[0] != NULL;
}

/* "• name" lines, at most MAX_LISTED_NAMES of them, then "… and N more";
 * with @users, each line says which virtual machines use the volume. */
static void
append_volume_lines (GString   *text,
                     GPtrArray *volumes,
                     gboolean   users)
{
  for (guint i = 0; i < volumes->len && i < MAX_LISTED_NAMES; i++)
    {
      VsVolume *volume = g_ptr_array_index (volumes, i);

      if (users)
        {
          g_autofree char *names = vs_volume_text_cell_format_used_by (vs_volume_get_used_by (volume));

          /* Translators: a volume's name, then the virtual machines that use it */
          g_string_append_printf (text, _("• %s — used by %s"), vs_volume_get_name (volume), names);
        }
      else
        g_string_append_printf (text, "• %s", vs_volume_get_name (volume));
      g_string_append_c (text, '\n');
    }

  if (volumes->len > MAX_LISTED_NAMES)
    {
      guint more = volumes->len - MAX_LISTED_NAMES;

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", more),
                              more);
      g_string_append_c (text, '\n');
    }
}

/* Why the volumes in @in_use stay: a virtual machine uses them, and Virt
 * Storage (not libvirt, which would delete them) refuses. */
static void
append_in_use (GString   *text,
               GPtrArray *in_use,
               gboolean   alone)
{
  if (alone)
    g_string_append (text, g_dngettext (GETTEXT_PACKAGE,
                                        "A virtual machine uses this volume. Virt Storage does not delete "
                                        "a volume that a virtual machine uses, so that no machine loses "
                                        "its disk:",
                                        "Virtual machines use these volumes. Virt Storage does not delete "
                                        "a volume that a virtual machine uses, so that no machine loses "
                                        "its disk:",
                                        in_use->len));
  else
    g_string_append (text, g_dngettext (GETTEXT_PACKAGE,
                                        "Virt Storage keeps this one, because a virtual machine uses it:",
                                        "Virt Storage keeps these, because virtual machines use them:",
                                        in_use->len));
  g_string_append_c (text, '\n');
  append_volume_lines (text, in_use, TRUE);
}

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->owner);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->report.volumes, g_ptr_array_unref);
  g_clear_pointer (&data->report.failed, g_ptr_array_unref);
  g_clear_pointer (&data->report.errors, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

void
vs_volume_delete_show_failures (VsErrorBar                 *bar,
                                const VsVolumeDeleteReport *report)
{
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(GString) detail = NULL;

  g_return_if_fail (VS_IS_ERROR_BAR (bar));
  g_return_if_fail (report->errors->len > 0);

  if (report->volumes->len == 1)
    {
      heading = g_strdup_printf (_("Could not delete “%s”"),
                                 vs_volume_get_name (g_ptr_array_index (report->volumes, 0)));
      vs_error_bar_show_error (bar, heading, g_ptr_array_index (report->errors, 0));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Could not delete %u volume of %u",
                                          "Could not delete %u volumes of %u",
                                          report->errors->len),
                             report->errors->len, report->volumes->len);
  body = g_string_new (NULL);
  detail = g_string_new (NULL);
  for (guint i = 0; i < report->errors->len; i++)
    {
      const char *name = vs_volume_get_name (g_ptr_array_index (report->failed, i));
      const GError *error = g_ptr_array_index (report->errors, i);
      const char *libvirt_message = vs_error_get_libvirt_message (error);

      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: a volume's name, then why it could not be deleted */
      g_string_append_printf (body, _("%s: %s"), name,
                              libvirt_message != NULL ? vs_error_get_summary (error) : error->message);
      if (libvirt_message != NULL)
        {
          if (detail->len > 0)
            g_string_append_c (detail, '\n');
          g_string_append_printf (detail, _("%s: %s"), name, libvirt_message);
        }
    }

  vs_error_bar_show_message (bar, heading, body->str, detail->str);
}

static void
volume_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeleteData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  deleted = data->wipe ? vs_volume_operations_finish (result, NULL, &error)
                       : vs_volume_delete_finish (VS_VOLUME (object), result, &error);
  if (!deleted && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_ptr_array_add (data->report.failed, g_object_ref (object));
      g_ptr_array_add (data->report.errors, g_steal_pointer (&error));
    }

  if (--data->pending == 0)
    {
      data->done (data->owner, &data->report);
      delete_data_free (data);
    }
}

static void
delete_confirmed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!vs_confirm_with_option_finish (result, &data->wipe, &error))
    return;

  data->pending = data->report.volumes->len;
  for (guint i = 0; i < data->report.volumes->len; i++)
    if (data->wipe)
      vs_volume_operations_wipe_and_delete_async (g_ptr_array_index (data->report.volumes, i),
                                                  data->cancellable, volume_deleted_cb, data);
    else
      vs_volume_delete_async (g_ptr_array_index (data->report.volumes, i), data->cancellable,
                              volume_deleted_cb, data);
  g_steal_pointer (&data);
}

void
vs_volume_delete_ask (GtkWidget          *parent,
                      GPtrArray          *volumes,
                      GCancellable       *cancellable,
                      VsVolumeDeleteDone  done,
                      GObject            *owner)
{
  g_autoptr(GPtrArray) free_volumes = NULL;
  g_autoptr(GPtrArray) in_use = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *button = NULL;
  DeleteData *data;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (done != NULL);

  if (volumes->len == 0)
    return;

  free_volumes = g_ptr_array_new_with_free_func (g_object_unref);
  in_use = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < volumes->len; i++)
    {
      VsVolume *volume = g_ptr_array_index (volumes, i);

      g_ptr_array_add (volume_in_use (volume) ? in_use : free_volumes, g_object_ref (volume));
    }

  body = g_string_new (NULL);

  /* Nothing can go: say why, and offer nothing to press but Close. The
   * core checks again at delete time, against the host's domains then. */
  if (free_volumes->len == 0)
    {
      if (in_use->len == 1)
        heading = g_strdup_printf (_("The volume “%s” cannot be deleted"),
                                   vs_volume_get_name (g_ptr_array_index (in_use, 0)));
      else
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The %u selected volume cannot be deleted",
                                                "None of the %u selected volumes can be deleted",
                                                in_use->len),
                                   in_use->len);
      append_in_use (body, in_use, TRUE);
      g_string_append_c (body, '\n');
      g_string_append (body, g_dngettext (GETTEXT_PACKAGE,
                                          "Remove the disk from the virtual machine first, or delete the machine.",
                                          "Remove the disks from the virtual machines first, or delete the machines.",
                                          in_use->len));
      vs_message_show (parent, GTK_MESSAGE_WARNING, heading, body->str, NULL);
      return;
    }

  if (free_volumes->len == 1)
    {
      VsVolume *volume = g_ptr_array_index (free_volumes, 0);

      heading = g_strdup_printf (_("Delete the volume “%s”?"), vs_volume_get_name (volume));
      g_string_append_printf (body, _("%s is deleted from the disk with all its data."),
                              vs_volume_get_path (volume));
      g_string_append_c (body, '\n');
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u volume?", "Delete %u volumes?",
                                              free_volumes->len),
                                 free_volumes->len);
      g_string_append (body, _("These volumes are deleted from the disk with all their data:"));
      g_string_append_c (body, '\n');
      append_volume_lines (body, free_volumes, FALSE);
    }

  if (in_use->len > 0)
    {
      g_string_append_c (body, '\n');
      append_in_use (body, in_use, FALSE);
    }

  g_string_append_c (body, '\n');
  g_string_append (body, _("This cannot be undone."));

  if (in_use->len > 0)
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Delete %u Volume", "_Delete %u Volumes",
                                           free_volumes->len),
                              free_volumes->len);
  else
    button = g_strdup (free_volumes->len == 1 ? _("_Delete") : _("_Delete All"));

  data = g_new0 (DeleteData, 1);
  data->owner = g_object_ref (owner);
  data->done = done;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->report.volumes = g_steal_pointer (&free_volumes);
  data->report.failed = g_ptr_array_new_with_free_func (g_object_unref);
  data->report.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  vs_confirm_with_option_async (parent, heading, body->str, button,
                                _("_Wipe before deleting: overwrite the data with zeros first (slow)"),
                                cancellable, delete_confirmed_cb, data);
}
