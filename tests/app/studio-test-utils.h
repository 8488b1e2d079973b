/* studio-test-utils.h — helpers shared by the application's widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-test-utils.h"
#include "studio-window.h"

G_BEGIN_DECLS

/* Sets up GTK for a widget test: returns FALSE (after printing a TAP skip) without a display. */
void          studio_test_use_own_display (void);
gboolean      studio_test_init          (int          *argc,
                                         char       ***argv);

/* Before gtk_init(): the C locale, or STUDIO_TEST_SHOT_LOCALE's (with RESLIB_LOCALEDIR) for the pictures. */
void          studio_test_set_locale    (void);

/* With STUDIO_TEST_SHOT_DIR set, @widget as it looks now to DIR/NAME.png; STUDIO_TEST_SHOT_LOCALE (with
 * RESLIB_LOCALEDIR) sets the language of the test's texts. */
void          studio_test_save_shot     (gpointer      widget,
                                         const char   *name);

/* g_test_run(), then removes the test's home folders. */
int           studio_test_run           (void);

StudioWindow *studio_test_show_window   (ReslibStore  *store);
void          studio_test_close_window  (StudioWindow *window);

/* Where most widget tests start: a temporary folder, a store in DIR/data with a project, and the window
 * once the test shows it. */
typedef struct
{
  char         *dir;
  ReslibStore  *store;
  char         *project;  /* its full id */
  StudioWindow *window;   /* closed by the teardown when set */
} StudioTestFixture;

/* For g_test_add(): @data is the name of a new empty project, or NULL for the demo project (every page
 * filled with real content: long names, lists, findings). */
void          studio_test_fixture_set_up    (StudioTestFixture *f,
                                             gconstpointer      data);
void          studio_test_fixture_tear_down (StudioTestFixture *f,
                                             gconstpointer      data);

/* A template child of a page ("resources", …) of @window; aborts when there is none. */
gpointer      studio_test_page_child    (StudioWindow *window,
                                         const char   *page,
                                         const char   *name);

/* Runs the main loop until @done returns TRUE or @timeout_ms pass; returns what @done returned last. */
gboolean      studio_test_wait_until    (gboolean    (*done) (gpointer data),
                                         gpointer      data,
                                         guint         timeout_ms);
/* Runs the main loop until nothing is pending (idles included). */
void          studio_test_flush         (void);

/* Whether a mapped label under @widget shows exactly @text. */
gboolean      studio_test_shows_text    (gpointer      widget,
                                         const char   *text);
/* The first widget under @root whose accessible label is @label, or NULL. */
GtkWidget    *studio_test_find_labelled (gpointer      root,
                                         const char   *label);

/* The first mapped GtkButton under @root whose label is @label (mnemonic included, e.g. "_Undo"). */
GtkWidget    *studio_test_find_button   (gpointer      root,
                                         const char   *label);

/* The text of the first GtkTextView under @root (a narrative field's row). */
char         *studio_test_text_view_text (gpointer     root);
/* Types @text into the first GtkTextView under @root and moves the focus away, as a user leaving the
 * field does (which is when the page writes it). */
void          studio_test_text_view_type (gpointer     root,
                                          const char  *text);

/* Driving forms and their add dialogs (message dialogs), by the accessible labels of their widgets. */
AdwMessageDialog *studio_test_wait_for_dialog (void);
/* The first visible AdwMessageDialog, or NULL, without waiting. */
AdwMessageDialog *studio_test_find_dialog (void);
void          studio_test_respond       (AdwMessageDialog *dialog,
                                         const char       *response);
GtkWidget    *studio_test_labelled      (gpointer      root,
                                         const char   *label);
void          studio_test_click         (gpointer      root,
                                         const char   *label);
void          studio_test_set_text      (gpointer      root,
                                         const char   *label,
                                         const char   *text);
void          studio_test_apply_text    (gpointer      root,
                                         const char   *label,
                                         const char   *text);
void          studio_test_choose        (gpointer      root,
                                         const char   *label,
                                         const char   *item);

/* Real key presses through the X server (xdotool key KEYS…, e.g. "ctrl+i") to @window; FALSE (the
 * test skips) without xdotool or an X11 display. */
gboolean      studio_test_press_keys    (StudioWindow *window,
                                         const char   *keys);
/* The same, to any window of the test (a dialog). */
gboolean      studio_test_press_keys_to (GtkWindow    *window,
                                         const char   *keys);

G_END_DECLS
