/* test-resources-open.c — Open, Open With… and Show in Folder on the Resources page
 *
 * Two applications of the test's own (desktop files in the test's XDG_DATA_HOME, one the default for
 * text/plain through its mimeapps.list, and one for folders) log what they are given. Each action must hand
 * over a read-only copy under the resource's own name, never the blob, and a copy edited by the other
 * application must not come back: the next open copies the blob again, which never changes.
 *
 * The detail pane's preview of an image: decoded in a worker, scaled down to at most 1,024 px, and a file
 * that cannot be decoded shows the warning icon, not an empty box. A PDF's first page is drawn the same way
 * (poppler), and a damaged PDF says so in words: no probe runs on a PDF, so the info does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <utime.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "studio-open-copy.h"
#include "studio-open-with-dialog.h"
#include "studio-resources-page-private.h"
#include "studio-page.h"
#include "studio-test-utils.h"

#define CONTENT "第一版讲义\n"
/* The texts as shown: translated when the shots are taken in another language */
#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

static char *app_log;   /* what the test's applications were given, one line each */

typedef struct
{
  char                *dir;
  ReslibStore         *store;
  char                *project;
  char                *blob;
  StudioWindow        *window;
  StudioResourcesPage *page;
  GListModel          *shown;
  guint                lines;    /* lines of the log waited for */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *copies = studio_open_copy_dir ();

  reslib_test_rm_rf (copies);
  g_unlink (app_log);
  f->dir = reslib_test_make_tmp_dir ("reslib-open-page-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "打开文件测试");
  path = reslib_test_write_file (f->dir, "讲义.txt", CONTENT, -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->store, f->project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  sha = reslib_test_sql_text (reslib_store_get_db_path (f->store), "SELECT blob_sha256 FROM resources");
  f->blob = reslib_store_get_blob_path (f->store, sha);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    studio_test_close_window (f->window);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->blob);
}

static gboolean
one_row (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 1;
}

static void
show_resource (Fixture *f)
{
  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (one_row, f, 10000));
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), 0, TRUE));
  studio_test_flush ();
  g_assert_nonnull (f->page->record);
}

static char **
log_lines (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (app_log, &text, NULL, NULL))
    return g_new0 (char *, 1);
  g_strchomp (text);

  return *text != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);
}

static gboolean
logged (gpointer data)
{
  Fixture *f = data;
  g_auto(GStrv) lines = log_lines ();

  return g_strv_length (lines) >= f->lines;
}

/* Waits for the log's line @n (from 1) and returns it without the application's name. */
static char *
wait_for_line (Fixture    *f,
               guint       n,
               const char *app)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = g_strconcat (app, " ", NULL);

  f->lines = n;
  g_assert_true (studio_test_wait_until (logged, f, 15000));
  lines = log_lines ();
  g_assert_cmpuint (g_strv_length (lines), ==, n);
  g_assert_true (g_str_has_prefix (lines[n - 1], prefix));

  return g_strdup (lines[n - 1] + strlen (prefix));
}

/* The path an application was given is a read-only copy named as the resource, under the copies' folder,
 * holding the blob's bytes; the blob is as imported. */
static void
assert_copy (Fixture    *f,
             const char *path)
{
  g_autofree char *copies = studio_open_copy_dir ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *text = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, copies));
  g_assert_cmpstr (base, ==, "讲义.txt");
  g_assert_cmpstr (path, !=, f->blob);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, CONTENT);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (f->blob, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, CONTENT);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *copies = studio_open_copy_dir ();
  g_autofree char *old = g_build_filename (copies, "0000-old", NULL);
  g_autofree char *recent = g_build_filename (copies, "0000-recent", NULL);
  struct utimbuf week_ago;
  GtkWidget *split, *button;

  show_resource (f);
  split = studio_test_find_labelled (f->page, T ("Open"));
  g_assert_true (ADW_IS_SPLIT_BUTTON (split));
  g_assert_true (gtk_widget_get_mapped (split));
  /* Its main part, which runs resources.open */
  button = gtk_widget_get_first_child (split);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Alt+O, the button's mnemonic, from the list */
  gtk_widget_grab_focus (studio_test_page_child (f->window, "resources", "resources_view"));
  if (!studio_test_press_keys (f->window, "alt+o"))
    {
      g_test_message ("no xdotool or no X11 display: the keys are not pressed");
      gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.open", NULL);
    }
  path = wait_for_line (f, 1, "viewer");
  assert_copy (f, path);

  /* The application writes into its copy (as root, or after a chmod): the next open shows the blob again,
   * and a folder of copies unused for a week goes. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (g_file_set_contents (path, "改过了", -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (old, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (recent, 0700), ==, 0);
  week_ago.actime = week_ago.modtime = time (NULL) - 8 * 24 * 3600;
  g_assert_cmpint (utime (old, &week_ago), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.open", NULL);
  again = wait_for_line (f, 2, "viewer");
  g_assert_cmpstr (again, ==, path);
  assert_copy (f, again);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_IS_DIR));

  /* Not offered for none or several */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->shown));
  studio_test_flush ();
  g_assert_false (gtk_widget_is_sensitive (button));
}

static StudioOpenWithDialog *
find_open_with (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (STUDIO_IS_OPEN_WITH_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
open_with_shown (gpointer data)
{
  return find_open_with () != NULL;
}

static gboolean
open_with_gone (gpointer data)
{
  return find_open_with () == NULL;
}

static void
test_open_with (Fixture       *f,
                gconstpointer  data)
{
  StudioOpenWithDialog *dialog;
  g_autofree char *path = NULL;
  gboolean keys;
  guint other = G_MAXUINT;
  guint n;

  show_resource (f);

  /* Listed: the default first, then the other one for text/plain; not the one for folders */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.open-with", NULL);
  g_assert_true (studio_test_wait_until (open_with_shown, NULL, 5000));
  dialog = find_open_with ();
  n = studio_open_with_dialog_get_n_apps (dialog);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (g_app_info_get_id (studio_open_with_dialog_get_app (dialog, 0)), ==, "reslib-test-viewer.desktop");
  for (guint i = 0; i < n; i++)
    {
      const char *id = g_app_info_get_id (studio_open_with_dialog_get_app (dialog, i));

      g_assert_cmpstr (id, !=, "reslib-test-folders.desktop");
      if (g_strcmp0 (id, "reslib-test-other.desktop") == 0)
        other = i;
    }
  g_assert_cmpuint (other, <, n);
  g_assert_true (studio_test_shows_text (dialog, T ("Default application")));
  studio_test_save_shot (dialog, "open-with");

  /* Escape: nothing is opened */
  keys = studio_test_press_keys_to (GTK_WINDOW (dialog), "Escape");
  if (!keys)
    gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (studio_test_wait_until (open_with_gone, NULL, 5000));
  studio_test_flush ();
  g_assert_false (g_file_test (app_log, G_FILE_TEST_EXISTS));

  /* Down to the other application, Enter */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.open-with", NULL);
  g_assert_true (studio_test_wait_until (open_with_shown, NULL, 5000));
  dialog = find_open_with ();
  if (keys)
    {
      GString *down = g_string_new (NULL);

      for (guint i = 0; i < other; i++)
        g_string_append (down, "Down ");
      g_string_append (down, "Return");
      g_assert_true (studio_test_press_keys_to (GTK_WINDOW (dialog), down->str));
      g_string_free (down, TRUE);
    }
  else
    {
      GtkListBox *list = GTK_LIST_BOX (studio_test_find_labelled (dialog, T ("Applications")));

      g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, other));
    }
  path = wait_for_line (f, 1, "other");
  assert_copy (f, path);
  g_assert_true (studio_test_wait_until (open_with_gone, NULL, 5000));
}

static void
test_show_in_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = NULL;
  g_autofree char *copies = studio_open_copy_dir ();
  g_autofree char *copy = NULL;

  show_resource (f);
  /* No file manager on the test's bus: the folder that holds the copy is opened */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.show-in-folder", NULL);
  folder = wait_for_line (f, 1, "folders");
  g_assert_true (g_str_has_prefix (folder, copies));
  copy = g_build_filename (folder, "讲义.txt", NULL);
  assert_copy (f, copy);
}

static gboolean
preview_settled (gpointer data)
{
  Fixture *f = data;

  return f->page->preview_cancellable == NULL;
}

static void
select_title (Fixture    *f,
              const char *file_name)
{
  guint n = g_list_model_get_n_items (f->shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, i);

      if (g_str_equal (reslib_resource_row_get_file_name (row), file_name))
        {
          g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), i, TRUE));
          studio_test_flush ();
          g_assert_true (studio_test_wait_until (preview_settled, f, 10000));
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
two_rows (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 2;
}

static gboolean
three_rows (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 3;
}

static void
test_preview_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3000, 2000);
  g_autofree char *photo = g_build_filename (f->dir, "照片.png", NULL);
  g_autofree char *broken = reslib_test_write_file (f->dir, "坏图.png", "\x89PNG\r\n\x1a\n not a picture", -1);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GError) error = NULL;
  GtkStack *stack;
  GtkPicture *picture;
  GdkPaintable *paintable;

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, photo, "png", &error, NULL));
  g_assert_no_error (error);
  reslib_importer_add_file (importer, photo_file);
  reslib_importer_add_file (importer, broken_file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (three_rows, f, 10000));
  stack = studio_test_page_child (f->window, "resources", "preview_stack");
  picture = studio_test_page_child (f->window, "resources", "preview_picture");

  select_title (f, "照片.png");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "picture");
  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 1024);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 683);
  studio_test_save_shot (f->window, "preview-image");

  /* Not decodable: the warning icon, and the text file after it shows its type's icon, no picture left */
  select_title (f, "坏图.png");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "icon");
  g_assert_cmpstr (gtk_image_get_icon_name (studio_test_page_child (f->window, "resources", "preview_icon")), ==,
                   "dialog-warning-symbolic");
  g_assert_null (gtk_picture_get_paintable (picture));
  select_title (f, "讲义.txt");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "icon");
  g_assert_null (gtk_picture_get_paintable (picture));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* A PDF of two pages, 200 × 100 pt: the first red, the second blue. */
static char *
write_pdf (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 200, 100);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* The pixel in the middle of @texture, as 0xRRGGBB. */
static guint32
middle_pixel (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  const guchar *p;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) (height / 2) * width + width / 2) * 4;
  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory on little-endian machines */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
#else
  return ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
#endif
}

static void
test_preview_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f->dir, "课程标准.pdf");
  g_autofree char *broken = reslib_test_write_file (f->dir, "坏文档.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog",
                                                    -1);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GError) error = NULL;
  GtkStack *stack;
  GtkPicture *picture;
  GtkWidget *message;
  GdkPaintable *paintable;
  g_autofree char *mime_types = NULL;

  reslib_importer_add_file (importer, pdf_file);
  reslib_importer_add_file (importer, broken_file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  mime_types = reslib_test_sql_text (reslib_store_get_db_path (f->store),
                                     "SELECT group_concat(DISTINCT b.mime_type) FROM resources r JOIN blobs b "
                                     "ON b.sha256 = r.blob_sha256 WHERE r.file_name LIKE '%.pdf'");
  g_assert_cmpstr (mime_types, ==, "application/pdf");

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (three_rows, f, 10000));
  stack = studio_test_page_child (f->window, "resources", "preview_stack");
  picture = studio_test_page_child (f->window, "resources", "preview_picture");
  message = studio_test_page_child (f->window, "resources", "preview_message");

  /* The first page, its longest side 1,024 px, red in the middle (the second page is blue) */
  select_title (f, "课程标准.pdf");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "picture");
  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 1024);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 512);
  g_assert_cmphex (middle_pixel (GDK_TEXTURE (paintable)), ==, 0xff0000);
  g_assert_false (gtk_widget_get_visible (message));
  studio_test_save_shot (f->window, "preview-pdf");

  /* Damaged: the warning icon and the words, no picture left */
  select_title (f, "坏文档.pdf");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "icon");
  g_assert_cmpstr (gtk_image_get_icon_name (studio_test_page_child (f->window, "resources", "preview_icon")), ==,
                   "dialog-warning-symbolic");
  g_assert_null (gtk_picture_get_paintable (picture));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   T ("The file is damaged or its format is not supported"));
  studio_test_save_shot (f->window, "preview-pdf-damaged");

  /* Selected away before the page is drawn: the drawing is cancelled and never shown over the text file */
  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, i);

      if (g_str_equal (reslib_resource_row_get_file_name (row), "课程标准.pdf"))
        g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), i, TRUE));
    }
  g_assert_nonnull (f->page->preview_cancellable);
  select_title (f, "讲义.txt");
  /* Time for the worker to finish the page it was drawing */
  g_assert_false (studio_test_wait_until (never, NULL, 1000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "icon");
  g_assert_null (gtk_picture_get_paintable (picture));
  g_assert_false (gtk_widget_get_visible (message));
}

static gboolean
video_prepared (gpointer data)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (data);

  return stream != NULL && (gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream) != NULL);
}

/* A video shows its first frame before it is played (GtkVideo through GStreamer). */
static void
test_preview_video (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree char *video = g_build_filename (f->dir, "实训演示.mp4", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) video_file = g_file_new_for_path (video);
  g_autoptr(GError) error = NULL;
  GtkVideo *preview;
  GtkMediaStream *stream;
  int status = 1;

  if (ffmpeg == NULL)
    {
      g_test_skip ("no ffmpeg to make the video");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char *[]) { ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                                                  "testsrc=size=320x240:rate=25", "-t", "1", "-pix_fmt", "yuv420p",
                                                  video, NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  reslib_importer_add_file (importer, video_file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (two_rows, f, 10000));
  select_title (f, "实训演示.mp4");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (studio_test_page_child (f->window, "resources",
                                                                             "preview_stack")), ==, "video");
  preview = studio_test_page_child (f->window, "resources", "preview_video");
  g_assert_true (studio_test_wait_until (video_prepared, preview, 20000));
  stream = gtk_video_get_media_stream (preview);
  g_assert_no_error (gtk_media_stream_get_error (stream));
  g_assert_false (gtk_media_stream_get_playing (stream));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (stream)), ==, 320);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (stream)), ==, 240);
  studio_test_save_shot (f->window, "preview-video");
}

/* The test's applications: a script that logs its name and the path it is given. */
static void
install_apps (void)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *script = g_build_filename (g_get_user_data_dir (), "reslib-test-app.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  const char *names[] = { "viewer", "other", "folders" };
  const char *types[] = { "text/plain;", "text/plain;", "inode/directory;" };

  app_log = g_build_filename (g_get_user_data_dir (), "reslib-test-app.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s %%s\\n' \"$1\" \"$2\" >> '%s'\n", app_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/reslib-test-%s.desktop", apps, names[i]);
      g_autofree char *text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test %s\nExec=%s %s %%f\n"
                                               "MimeType=%s\n", names[i], script, names[i], types[i]);

      g_assert_true (g_file_set_contents (file, text, -1, NULL));
    }
  /* Associations named, not only MimeType=: GTK may have read the applications' folders before these files. */
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\ntext/plain=reslib-test-viewer.desktop\n"
                                                "inode/directory=reslib-test-folders.desktop\n"
                                                "[Added Associations]\n"
                                                "text/plain=reslib-test-viewer.desktop;reslib-test-other.desktop;\n",
                                      -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;
  install_apps ();

  g_test_add ("/studio/resources/open", Fixture, NULL, fixture_setup, test_open, fixture_teardown);
  g_test_add ("/studio/resources/open-with", Fixture, NULL, fixture_setup, test_open_with, fixture_teardown);
  g_test_add ("/studio/resources/preview-image", Fixture, NULL, fixture_setup, test_preview_image,
              fixture_teardown);
  g_test_add ("/studio/resources/preview-pdf", Fixture, NULL, fixture_setup, test_preview_pdf, fixture_teardown);
  g_test_add ("/studio/resources/preview-video", Fixture, NULL, fixture_setup, test_preview_video,
              fixture_teardown);
  g_test_add ("/studio/resources/show-in-folder", Fixture, NULL, fixture_setup, test_show_in_folder,
              fixture_teardown);

  return studio_test_run ();
}
