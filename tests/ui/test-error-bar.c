/* test-error-bar.c
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* VsErrorBar on its own: what a failed operation shows in the bar itself
 * (our heading, libvirt's reason) and what waits behind Details. */

#define G_LOG_DOMAIN "test-error-bar"

#include "config.h"

#include <libvirt/virterror.h>
#include <string.h>

#include "vs-error.h"
#include "vs-error-bar.h"
#include "vs-ui-test.h"

typedef struct
{
  GtkWindow  *window;
  VsErrorBar *bar;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->window = GTK_WINDOW (gtk_window_new ());
  fx->bar = VS_ERROR_BAR (vs_error_bar_new ());
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->bar));
  gtk_window_set_default_size (fx->window, 600, -1);
  gtk_window_present (fx->window);
  VS_UI_WAIT (GTK_WIDGET (fx->window), gtk_widget_get_mapped (GTK_WIDGET (fx->window)));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
}

static GError *
libvirt_error (const char *context,
               const char *message)
{
  GError *error = NULL;

  vs_error_set_with_detail (&error, VS_VOLUME_ERROR, VS_VOLUME_ERROR_FAILED, context,
                            VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE, message);
  return error;
}

static GtkWidget *
expander (Fixture *fx)
{
  return vs_ui_test_find_child (GTK_WIDGET (fx->bar), GTK_TYPE_EXPANDER);
}

/* A failed upload: what failed as the heading, libvirt's words under it,
 * the same words and libvirt's number behind Details. */
static void
test_upload_failed (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = libvirt_error ("Could not upload “big.iso” into “disk.raw”",
                                           "cannot write to volume: No space left on device");
  GtkWidget *reason;

  vs_error_bar_show_error (fx->bar, NULL, error);

  VS_UI_CHECK (GTK_WIDGET (fx->window), vs_error_bar_get_revealed (fx->bar));
  VS_UI_CHECK (GTK_WIDGET (fx->window),
               g_str_equal (vs_error_bar_get_heading (fx->bar), "Could not upload “big.iso” into “disk.raw”"));
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_body (fx->bar), ""));
  VS_UI_CHECK (GTK_WIDGET (fx->window),
               g_str_equal (vs_error_bar_get_reason (fx->bar), "cannot write to volume: No space left on device"));
  reason = vs_ui_test_find_label (GTK_WIDGET (fx->bar), "cannot write to volume: No space left on device");
  VS_UI_WAIT (GTK_WIDGET (fx->window), reason != NULL && gtk_widget_is_drawable (reason));
  /* Details keeps libvirt's whole message and its error number. */
  VS_UI_CHECK (GTK_WIDGET (fx->window),
               g_str_equal (vs_error_bar_get_detail (fx->bar), "cannot write to volume: No space left on device"));
  VS_UI_CHECK (GTK_WIDGET (fx->window), gtk_widget_get_visible (expander (fx)));
  VS_UI_CHECK (GTK_WIDGET (fx->window), !gtk_expander_get_expanded (GTK_EXPANDER (expander (fx))));
  {
    g_autofree char *code = g_strdup_printf ("libvirt error code %d", VIR_ERR_OPERATION_FAILED);

    /* A collapsed GtkExpander keeps its child out of the tree. */
    gtk_expander_set_expanded (GTK_EXPANDER (expander (fx)), TRUE);
    VS_UI_CHECK (GTK_WIDGET (fx->window), vs_ui_test_find_label (GTK_WIDGET (fx->bar), code) != NULL);
  }
  vs_ui_test_capture (GTK_WIDGET (fx->window), "error-bar-upload");

  /* With a heading of the caller's the reason is the same. */
  vs_error_bar_show_error (fx->bar, "Could not upload “big.iso”", error);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_heading (fx->bar), "Could not upload “big.iso”"));
  VS_UI_CHECK (GTK_WIDGET (fx->window),
               g_str_equal (vs_error_bar_get_reason (fx->bar), "cannot write to volume: No space left on device"));
}

/* A long or many-line message: its first line, cut at a word, in the bar;
 * all of it behind Details. */
static void
test_long_reason (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GString) words = g_string_new ("internal error: Child process (/usr/bin/qemu-img convert) unexpected exit status 1:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lines = NULL;
  const char *reason;
  gsize head;

  while (words->len < 400)
    g_string_append (words, " qemu-img: error while writing sector");
  error = libvirt_error ("Could not clone “a”", words->str);

  vs_error_bar_show_error (fx->bar, NULL, error);
  reason = vs_error_bar_get_reason (fx->bar);
  g_test_message ("%s", reason);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_has_suffix (reason, "…"));
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_utf8_strlen (reason, -1) <= 161);
  /* Cut where a word ends. */
  head = strlen (reason) - strlen ("…");
  VS_UI_CHECK (GTK_WIDGET (fx->window), strncmp (words->str, reason, head) == 0);
  VS_UI_CHECK (GTK_WIDGET (fx->window), words->str[head] == ' ');
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_detail (fx->bar), words->str));

  lines = libvirt_error ("Could not build the pool", "mkfs failed\nmke2fs 1.47.0\n/dev/loop9: Device busy");
  vs_error_bar_show_error (fx->bar, NULL, lines);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_reason (fx->bar), "mkfs failed…"));
  VS_UI_CHECK (GTK_WIDGET (fx->window), strstr (vs_error_bar_get_detail (fx->bar), "Device busy") != NULL);

  /* Without words of ours, libvirt's message is the heading: not again
   * below it. */
  g_clear_error (&lines);
  lines = libvirt_error (NULL, "mkfs failed\nmke2fs 1.47.0");
  vs_error_bar_show_error (fx->bar, NULL, lines);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_has_prefix (vs_error_bar_get_heading (fx->bar), "mkfs failed"));
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_reason (fx->bar), ""));
}

/* No libvirt words: the error's message is the body (or the heading), and
 * there is no reason line and no Details. */
static void
test_no_libvirt (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                 "The file “missing.iso” does not exist");

  vs_error_bar_show_error (fx->bar, NULL, error);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_heading (fx->bar), error->message));
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_reason (fx->bar), ""));
  VS_UI_CHECK (GTK_WIDGET (fx->window), !gtk_widget_get_visible (expander (fx)));

  vs_error_bar_show_error (fx->bar, "Could not upload", error);
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_body (fx->bar), error->message));
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_reason (fx->bar), ""));

  /* A message of the caller's that already quotes libvirt says it once. */
  vs_error_bar_show_message (fx->bar, "Could not build the pool", "libvirt says: busy\nNothing was left behind.", "busy");
  VS_UI_CHECK (GTK_WIDGET (fx->window), g_str_equal (vs_error_bar_get_reason (fx->bar), ""));
  VS_UI_CHECK (GTK_WIDGET (fx->window), gtk_widget_get_visible (expander (fx)));
}

int
main (int   argc,
      char *argv[])
{
  vs_ui_test_init (&argc, &argv);

  g_test_add ("/error-bar/upload-failed", Fixture, NULL, fixture_set_up, test_upload_failed, fixture_tear_down);
  g_test_add ("/error-bar/long-reason", Fixture, NULL, fixture_set_up, test_long_reason, fixture_tear_down);
  g_test_add ("/error-bar/no-libvirt", Fixture, NULL, fixture_set_up, test_no_libvirt, fixture_tear_down);

  return g_test_run ();
}
