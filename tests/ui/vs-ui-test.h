/* vs-ui-test.h
 *
 * Copyright 2026 The Virt Storage authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The one harness of the UI tests (tests/ui: the whole window; tests/gui:
 * the pages and widgets on their own). They run the real widgets under
 * Xvfb (the test command provides DISPLAY and a session bus) with
 * GSETTINGS_BACKEND=memory, against libvirt's test driver or a real
 * libvirtd.
 *
 * A failed VS_UI_WAIT or VS_UI_CHECK saves a screenshot of the widget's
 * window into $VS_TEST_LOGDIR (the meson log directory) before it fails
 * the test; with $VS_TEST_SCREENSHOT_DIR set, vs_ui_test_capture() keeps a
 * picture of each state a test names (for reviews). */

/* How long VS_UI_WAIT waits, in seconds. */
#define VS_UI_TIMEOUT 20

/* Skips the whole program (exit 77, with the reason) when there is no
 * display; otherwise sets English messages (the checks compare English
 * texts), runs vs_test_init() (GTest, the core, the main context) and
 * initializes GTK with the application's resources and style sheet, and
 * without animations. */
void       vs_ui_test_init         (int          *argc,
                                    char       ***argv);
/* "test:///<this folder>/<name>": a test-driver node file next to the
 * test program's sources. */
char      *vs_ui_test_node_uri     (const char   *name);
/* Runs the main loop once (or sleeps a little when it has nothing to do). */
void       vs_ui_test_iterate      (void);
/* Runs the main loop for @msec milliseconds (for teardown only: tests
 * wait for conditions with VS_UI_WAIT). */
void       vs_ui_test_spin         (guint         msec);
/* Saves @widget's window as a PNG into $VS_TEST_LOGDIR (else the temporary
 * folder); returns the path or NULL. */
char      *vs_ui_test_screenshot   (GtkWidget    *widget,
                                    const char   *name);
/* Saves a screenshot when $VS_TEST_SCREENSHOT_DIR is set (for reviews). */
void       vs_ui_test_capture      (GtkWidget    *widget,
                                    const char   *name);
/* Screenshot, then fail the test with @expr as the message. */
G_NORETURN
void       vs_ui_test_fail         (GtkWidget    *widget,
                                    const char   *file,
                                    int           line,
                                    const char   *func,
                                    const char   *expr);
/* The first toplevel window of @type, or NULL. */
GtkWindow *vs_ui_test_find_window  (GType         type);
/* The visible dialog (a confirmation or a message) over @parent, or NULL. */
GtkWindow *vs_ui_test_find_dialog  (GtkWidget    *parent);
/* A message dialog's text and secondary text, one line apart. */
char      *vs_ui_test_dialog_text  (GtkWindow    *dialog);
/* The buttons of a dialog's action area, by their labels ("_Cancel"). */
GtkWidget *vs_ui_test_dialog_button (GtkWindow   *dialog,
                                     const char  *label);
/* Whether @action_name resolves to an enabled action from inside @widget,
 * as a button there would see it. */
gboolean   vs_ui_test_action_enabled (GtkWidget  *widget,
                                      const char *action_name);
/* Waits for the text on @widget's clipboard. */
char      *vs_ui_test_clipboard_text (GtkWidget  *widget);
/* The first descendant of @widget (itself included) of @type, or NULL. */
GtkWidget *vs_ui_test_find_child   (GtkWidget    *widget,
                                    GType         type);
/* The first button in @widget's tree (itself included) that activates
 * @action_name ("window.reconnect"), or NULL. */
GtkWidget *vs_ui_test_find_action_button (GtkWidget  *widget,
                                          const char *action_name);
/* The first label in @widget's tree (itself included) that reads @text. */
GtkWidget *vs_ui_test_find_label   (GtkWidget    *widget,
                                    const char   *text);
/* The first widget of @widget's tree (itself included, then depth first)
 * for which @match returns TRUE, or NULL. */
typedef gboolean (*VsUiTestMatchFunc) (GtkWidget     *widget,
                                       gconstpointer  data);
GtkWidget *vs_ui_test_find_widget  (GtkWidget        *widget,
                                    VsUiTestMatchFunc match,
                                    gconstpointer     data);

#define VS_UI_CHECK(widget, expr) \
  G_STMT_START { \
    if (!(expr)) \
      vs_ui_test_fail (GTK_WIDGET (widget), __FILE__, __LINE__, G_STRFUNC, #expr); \
  } G_STMT_END

#define VS_UI_WAIT(widget, expr) \
  G_STMT_START { \
    gint64 vs_deadline_ = g_get_monotonic_time () + VS_UI_TIMEOUT * G_USEC_PER_SEC; \
    while (!(expr) && g_get_monotonic_time () < vs_deadline_) \
      vs_ui_test_iterate (); \
    if (!(expr)) \
      vs_ui_test_fail (GTK_WIDGET (widget), __FILE__, __LINE__, G_STRFUNC, "waited for: " #expr); \
  } G_STMT_END

G_END_DECLS
