/* vs-volume-operations.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vs-volume-operations"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vs-error.h"
#include "vs-format.h"
#include "vs-gtk-compat.h"
#include "vs-pool.h"
#include "vs-pool-type.h"
#include "vs-volume.h"
#include "vs-volume-definition.h"
#include "vs-volume-operations.h"
#include "vs-volume-text-cell.h"

/* What one operation carries from step to step (main thread). */
typedef struct
{
  GtkWidget *parent;       /* weak: a transfer may outlive the window */
  VsPool    *pool;
  VsVolume  *volume;       /* the one worked on, or made */
  GFile     *file;
  char      *file_name;    /* for the user */
  guint64    file_size;
  GError    *error;        /* what failed, while a half-made volume goes */
} Op;

/* A step of an operation, and the end of a core call that ends it. */
typedef void     (*OpStep)       (GTask         *task);
typedef gboolean (*VolumeFinish) (VsVolume      *volume,
                                  GAsyncResult  *result,
                                  GError       **error);

static void
op_free (gpointer ptr)
{
  Op *op = ptr;

  g_clear_weak_pointer (&op->parent);
  g_clear_object (&op->pool);
  g_clear_object (&op->volume);
  g_clear_object (&op->file);
  g_clear_pointer (&op->file_name, g_free);
  g_clear_error (&op->error);
  g_free (op);
}

static GTask *
op_task_new (gpointer             source,
             GtkWidget           *parent,
             VsPool              *pool,
             VsVolume            *volume,
             GFile               *file,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_set_weak_pointer (&op->parent, parent);
  op->pool = pool != NULL ? g_object_ref (pool) : NULL;
  op->volume = volume != NULL ? g_object_ref (volume) : NULL;
  op->file = file != NULL ? g_object_ref (file) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);

  return task;
}

static Op *
get_op (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Ends the operation; the list shows what it left (the format and sizes
 * libvirt reads after a transfer). */
static void
op_return (GTask   *task,
           GError  *error)
{
  Op *op = get_op (task);

  if (op->pool != NULL && error == NULL)
    vs_pool_reload_volumes_async (op->pool, NULL, NULL, NULL);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Reads the chosen file's name and size, then goes on with @next. */
static void
file_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Op *op = get_op (task);
  OpStep next = g_object_get_data (G_OBJECT (task), "vs-next-step");

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (op->file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, error->domain, error->code, _("“%s” does not exist"), name);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_task_return_new_error (task, error->domain, error->code, _("You may not read “%s”"), name);
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not read “%s”: %s"), name, error->message);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                               _("“%s” is not a file: choose a disk image or another regular file"),
                               g_file_info_get_display_name (info));
      return;
    }

  op->file_name = g_strdup (g_file_info_get_display_name (info));
  op->file_size = (guint64) g_file_info_get_size (info);
  next (g_steal_pointer (&task));
}

static void
query_file (GTask  *task,
            OpStep  next)
{
  Op *op = get_op (task);

  g_object_set_data (G_OBJECT (task), "vs-next-step", next);
  g_file_query_info_async (op->file,
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), file_info_cb, task);
}

/* Asks for the file when the caller gave none, then goes on with @next. */
static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  OpStep next = g_object_get_data (G_OBJECT (task), "vs-next-step");
  Op *op = get_op (task);

  op->file = vs_choose_file_finish (result, &error);
  if (op->file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  next (task);
}

static void
with_file (GTask               *task,
           VsFileChooserAction  action,
           const char          *title,
           const char          *accept_label,
           const char          *initial_name,
           OpStep               next)
{
  Op *op = get_op (task);

  if (op->file != NULL)
    {
      next (task);
      return;
    }

  g_object_set_data (G_OBJECT (task), "vs-next-step", next);
  vs_choose_file_async (op->parent, action, title, accept_label, initial_name,
                        g_task_get_cancellable (task), file_chosen_cb, task);
}

/* The last core call of an operation ended: the operation ends with it.
 * The call's _finish is the task's "vs-finish". */
static void
volume_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VolumeFinish finish = g_object_get_data (G_OBJECT (task), "vs-finish");
  GError *error = NULL;

  finish (VS_VOLUME (object), result, &error);
  op_return (task, error);
}

static gpointer
last_call (GTask        *task,
           VolumeFinish  finish)
{
  g_object_set_data (G_OBJECT (task), "vs-finish", finish);
  return task;
}

/* Asks, then goes on with @next; a no ends the operation as cancelled. */
static void
confirmed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpStep next = g_object_get_data (G_OBJECT (task), "vs-next-step");
  GError *error = NULL;

  if (!vs_confirm_finish (result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The operation was not confirmed"));
      g_task_return_error (task, error);
      return;
    }

  next (g_steal_pointer (&task));
}

static void
confirm (GTask      *task,
         const char *heading,
         const char *body,
         const char *button,
         OpStep      next)
{
  Op *op = get_op (task);

  g_object_set_data (G_OBJECT (task), "vs-next-step", next);
  vs_confirm_async (op->parent, heading, body, button, g_task_get_cancellable (task), confirmed_cb, task);
}

/* Upload into a volume ------------------------------------------------- */

static void
upload_start (GTask *task)
{
  Op *op = get_op (task);

  vs_volume_upload_async (op->volume, op->file, g_task_get_cancellable (task), NULL, NULL,
                          volume_done_cb, last_call (task, vs_volume_upload_finish));
}

static void
upload_confirm (GTask *task)
{
  Op *op = get_op (task);
  const char *name = vs_volume_get_name (op->volume);
  g_autofree char *heading = g_strdup_printf (_("Replace the data of “%s”?"), name);
  g_autofree char *file_size = vs_format_size (op->file_size);
  g_autofree char *capacity = vs_format_size (vs_volume_get_capacity (op->volume));
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, _("“%s” (%s) is written over the volume from its start. "
                                  "What the volume held is lost."),
                          op->file_name, file_size);
  if (op->file_size > vs_volume_get_capacity (op->volume))
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, _("The file is larger than the volume’s capacity (%s): a file "
                                      "volume grows to hold it, a block device refuses it."),
                              capacity);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("This cannot be undone."));

  confirm (task, heading, body->str, _("_Replace Data"), upload_start);
}

static void
upload_check (GTask *task)
{
  Op *op = get_op (task);
  GError *error = NULL;

  if (!vs_volume_operations_check_unused (op->volume, VS_VOLUME_OPERATION_UPLOAD, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  query_file (task, upload_confirm);
}

void
vs_volume_operations_upload_async (GtkWidget           *parent,
                                   VsVolume            *volume,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *title = NULL;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VS_IS_VOLUME (volume));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = op_task_new (volume, parent, vs_volume_get_pool (volume), volume, file,
                      vs_volume_operations_upload_async, cancellable, callback, user_data);
  /* Translators: the title of the file chooser */
  title = g_strdup_printf (_("Upload a File into “%s”"), vs_volume_get_name (volume));
  with_file (task, VS_FILE_CHOOSER_OPEN, title, _("_Upload"), NULL, upload_check);
}

/* Upload as a new volume ------------------------------------------------- */

static void
new_volume_deleted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Op *op = get_op (task);

  /* A host that went away keeps it; the list shows it once it is back. */
  if (!vs_volume_delete_finish (VS_VOLUME (object), result, &error))
    g_message ("Could not delete the volume “%s” of a failed upload: %s",
               vs_volume_get_name (VS_VOLUME (object)), error->message);

  g_task_return_error (task, g_steal_pointer (&op->error));
}

static void
new_volume_uploaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = get_op (task);

  if (vs_volume_upload_finish (VS_VOLUME (object), result, &op->error))
    {
      op_return (task, NULL);
      return;
    }

  /* Nothing half-made is left behind. Not with the task's cancellable:
   * that may be the one that stopped the upload. */
  vs_volume_delete_async (op->volume, NULL, new_volume_deleted_cb, g_steal_pointer (&task));
}

static void
new_volume_created_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Op *op = get_op (task);
  GCancellable *cancellable;

  op->volume = vs_pool_create_volume_finish (VS_POOL (object), result, &error);
  if (op->volume == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  vs_volume_upload_async (op->volume, op->file, cancellable, NULL, NULL,
                          new_volume_uploaded_cb, g_steal_pointer (&task));
}

/* Where a pool's volumes have a format to choose, the new one starts as
 * raw: the upload writes the file's bytes as they are, and libvirt reads
 * the format (qcow2, iso, ...) in them afterwards. */
static const char *
new_volume_format (VsPool *pool)
{
  VsPoolType type;

  if (!vs_pool_type_from_string (vs_pool_get_pool_type (pool), &type) ||
      type == VS_POOL_TYPE_DISK || vs_pool_type_get_info (type)->volume_formats == NULL)
    return NULL;

  return "raw";
}

static void
upload_new_create (GTask *task)
{
  Op *op = get_op (task);
  g_autoptr(VsVolumeDefinition) def = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  GError *error = NULL;

  if (op->file_size == 0)
    {
      g_task_return_new_error (task, VS_VOLUME_ERROR, VS_VOLUME_ERROR_INVALID,
                               _("“%s” is empty: there is nothing to upload"), op->file_name);
      g_object_unref (task);
      return;
    }

  name = vs_volume_operations_propose_name (op->pool, op->file_name, NULL);

  def = vs_volume_definition_new (name, new_volume_format (op->pool), op->file_size);
  if ((xml = vs_volume_definition_to_xml (def, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  vs_pool_create_volume_async (op->pool, xml, 0, g_task_get_cancellable (task),
                               new_volume_created_cb, task);
}

static void
upload_new_query (GTask *task)
{
  query_file (task, upload_new_create);
}

void
vs_volume_operations_upload_new_async (GtkWidget           *parent,
                                       VsPool              *pool,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *title = NULL;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VS_IS_POOL (pool));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = op_task_new (pool, parent, pool, NULL, file, vs_volume_operations_upload_new_async,
                      cancellable, callback, user_data);
  /* Translators: the title of the file chooser */
  title = g_strdup_printf (_("Upload a File as a New Volume in “%s”"), vs_pool_get_name (pool));
  with_file (task, VS_FILE_CHOOSER_OPEN, title, _("_Upload"), NULL, upload_new_query);
}

/* Download ---------------------------------------------------------------- */

static void
download_start (GTask *task)
{
  Op *op = get_op (task);

  vs_volume_download_async (op->volume, op->file, g_task_get_cancellable (task), NULL, NULL,
                            volume_done_cb, last_call (task, vs_volume_download_finish));
}

void
vs_volume_operations_download_async (GtkWidget           *parent,
                                     VsVolume            *volume,
                                     GFile               *destination,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *title = NULL;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VS_IS_VOLUME (volume));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  task = op_task_new (volume, parent, NULL, volume, destination, vs_volume_operations_download_async,
                      cancellable, callback, user_data);
  /* Translators: the title of the file chooser */
  title = g_strdup_printf (_("Download “%s”"), vs_volume_get_name (volume));
  with_file (task, VS_FILE_CHOOSER_SAVE, title, _("_Download"), vs_volume_get_name (volume),
             download_start);
}

/* Wipe -------------------------------------------------------------------- */

static void
wipe_start (GTask *task)
{
  Op *op = get_op (task);

  vs_volume_wipe_async (op->volume, g_task_get_cancellable (task), volume_done_cb,
                        last_call (task, vs_volume_wipe_finish));
}

void
vs_volume_operations_wipe_async (GtkWidget           *parent,
                                 VsVolume            *volume,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *capacity = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VS_IS_VOLUME (volume));

  task = op_task_new (volume, parent, vs_volume_get_pool (volume), volume, NULL,
                      vs_volume_operations_wipe_async, cancellable, callback, user_data);

  if (!vs_volume_operations_check_unused (volume, VS_VOLUME_OPERATION_WIPE, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  capacity = vs_format_size (vs_volume_get_capacity (volume));
  heading = g_strdup_printf (_("Wipe “%s”?"), vs_volume_get_name (volume));
  body = g_strdup_printf (_("Every byte of the volume (%s) is overwritten with zeros, so that its "
                            "data cannot be read back, even from the disk underneath. The volume "
                            "stays. Wiping a large volume takes a while; it shows with the other "
                            "jobs.\n\nThis cannot be undone."),
                          capacity);
  confirm (task, heading, body, _("_Wipe"), wipe_start);
}

/* Wipe, then delete ------------------------------------------------------- */

static void
wiped_then_delete_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!vs_volume_wipe_finish (VS_VOLUME (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  vs_volume_delete_async (VS_VOLUME (object), cancellable, volume_done_cb,
                          last_call (g_steal_pointer (&task), vs_volume_delete_finish));
}

void
vs_volume_operations_wipe_and_delete_async (VsVolume            *volume,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VS_IS_VOLUME (volume));

  task = op_task_new (volume, NULL, NULL, volume, NULL, vs_volume_operations_wipe_and_delete_async,
                      cancellable, callback, user_data);
  vs_volume_wipe_async (volume, cancellable, wiped_then_delete_cb, task);
}

/* Public API ------------------------------------------------------------ */

gboolean
vs_volume_operations_finish (GAsyncResult  *result,
                             VsVolume     **volume,
                             GError       **error)
{
  Op *op;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  op = get_op (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (volume != NULL)
    *volume = op->volume != NULL ? g_object_ref (op->volume) : NULL;

  return TRUE;
}

char *
vs_volume_operations_propose_name (VsPool     *pool,
                                   const char *name,
                                   const char *tag)
{
  g_autofree char *stem = NULL;
  const char *suffix;

  g_return_val_if_fail (VS_IS_POOL (pool), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  suffix = strrchr (name, '.');
  if (suffix == NULL || suffix == name)
    suffix = name + strlen (name);
  stem = g_strndup (name, suffix - name);
  if (tag == NULL)
    tag = "";

  for (guint i = 1; ; i++)
    {
      g_autofree char *proposed = i == 1 ? g_strconcat (stem, tag, suffix, NULL)
                                         : g_strdup_printf ("%s%s-%u%s", stem, tag, i, suffix);

      if (vs_pool_find_volume (pool, proposed) == NULL)
        return g_steal_pointer (&proposed);
    }
}

gboolean
vs_volume_operations_check_unused (VsVolume           *volume,
                                   VsVolumeOperation   operation,
                                   GError            **error)
{
  g_autofree char *users = NULL;
  const char *name;

  g_return_val_if_fail (VS_IS_VOLUME (volume), FALSE);

  users = vs_volume_text_cell_format_used_by (vs_volume_get_used_by (volume));
  if (users == NULL)
    return TRUE;

  name = vs_volume_get_name (volume);
  switch (operation)
    {
    case VS_VOLUME_OPERATION_UPLOAD:
      /* Translators: a volume and the virtual machines that use it */
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE,
                   _("“%s” is used by %s: uploading into it would overwrite the disk under that "
                     "machine. Shut it down and remove the disk from it first."),
                   name, users);
      break;
    case VS_VOLUME_OPERATION_WIPE:
      /* Translators: a volume and the virtual machines that use it */
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE,
                   _("“%s” is used by %s: wiping it would destroy that machine’s disk. Shut it "
                     "down and remove the disk from it first."),
                   name, users);
      break;
    case VS_VOLUME_OPERATION_RESIZE:
    default:
      /* Translators: a volume and the virtual machines that use it */
      g_set_error (error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_IN_USE,
                   _("“%s” is used by %s: resize it from the running machine (virsh blockresize), "
                     "or shut the machine down first."),
                   name, users);
      break;
    }

  return FALSE;
}
