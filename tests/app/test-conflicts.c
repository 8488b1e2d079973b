/* test-conflicts.c — the conflicts window, in process, on conflicts made by importing real packages
 *
 * A lead's store (a) packs a progress package; a second store (b) imports it; both change the same
 * two resources and the same unit; a's next package, imported into b, leaves three conflicts. The
 * window lists them, shows both versions field by field, and each button resolves in the store.
 *
 * With STUDIO_TEST_SHOTS=DIR, the window is also rendered to DIR/conflicts-en.png and
 * DIR/conflicts-zh_CN.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package-importer.h"
#include "reslib-store-conflicts.h"
#include "studio-conflicts-window.h"
#include "studio-overview-page.h"
#include "studio-test-utils.h"

typedef struct
{
  char          *dir;
  char          *files;
  ReslibStore   *a;           /* the lead's */
  ReslibStore   *b;           /* where the conflicts are */
  char          *project;
  char          *unit;
  char          *course;
  char          *node;
  char          *res_one;
  char          *res_two;
  StudioSession *session;     /* of b */
} Fixture;

static void
update (ReslibStore *store,
        ReslibKind   kind,
        const char  *id,
        const char  *field,
        const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, kind, id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value }, &error));
  g_assert_no_error (error);
}

static char *
add_resource (Fixture            *f,
              const char         *name,
              const char         *contents,
              const char * const *nodes)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  if (nodes != NULL)
    reslib_importer_set_list (importer, "nodes", nodes);
  reslib_importer_set_list (importer, "keywords", (const char * const[]) { "车削", "数控", NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static char *
pack (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  reslib_test_approve_all (f->a, f->project);   /* a progress package holds approved resources */
  g_assert_true (reslib_test_pack (f->a, f->project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static void
import (ReslibStore *store,
        const char  *path)
{
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);
  g_autoptr(GError) error = NULL;

  reslib_package_importer_set_flags (importer, RESLIB_IMPORT_UPDATE_DOSSIER);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-conflicts-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");
  f->unit = reslib_test_insert (f->a, RESLIB_KIND_UNIT,
                                (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                (const char * const[]) { f->project, "某机床企业", "enterprise", "participant" });
  f->course = reslib_test_insert (f->a, RESLIB_KIND_COURSE,
                                  (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, "数控车削编程" });
  f->node = reslib_test_insert (f->a, RESLIB_KIND_NODE,
                                (const char * const[]) { "course_id", "kind", "title", NULL },
                                (const char * const[]) { f->course, "knowledge", "外圆车削" });
  f->res_one = add_resource (f, "讲义.txt", "外圆车削的要点", (const char * const[]) { f->node, NULL });
  f->res_two = add_resource (f, "习题.txt", "习题一", NULL);

  first = pack (f, "first.tar");
  import (f->b, first);
  update (f->a, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（主持单位）");
  update (f->a, RESLIB_KIND_RESOURCE, f->res_two, "description",
          "主持单位的说明：这一段说明很长，用来看窗口里长的文字会不会折行，而不是把窗口撑宽或者被截断。");
  update (f->a, RESLIB_KIND_UNIT, f->unit, "name", "某机床企业（主持单位）");
  update (f->b, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（本地）");
  update (f->b, RESLIB_KIND_RESOURCE, f->res_two, "description", "本地的说明");
  update (f->b, RESLIB_KIND_UNIT, f->unit, "name", "某机床企业（本地）");
  second = pack (f, "second.tar");
  import (f->b, second);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 3);
  g_assert_no_error (error);

  f->session = studio_session_new (f->b, NULL);
  studio_session_set_project_id (f->session, f->project);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->project);
  g_free (f->unit);
  g_free (f->course);
  g_free (f->node);
  g_free (f->res_one);
  g_free (f->res_two);
}

static gint64
conflict_of (Fixture    *f,
             const char *record_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conflicts = reslib_store_list_conflicts (f->b, f->project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(ReslibConflict) c = g_list_model_get_item (conflicts, i);

      if (g_strcmp0 (reslib_conflict_get_record_id (c), record_id) == 0)
        return reslib_conflict_get_id (c);
    }

  return 0;
}

static char *
field_of (ReslibStore *store,
          ReslibKind   kind,
          const char  *id,
          const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) r = reslib_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  return g_strdup (reslib_record_get (r, field));
}

static StudioConflictsWindow *
show_conflicts (Fixture *f)
{
  StudioConflictsWindow *window = studio_conflicts_window_new (NULL, f->session);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
close_conflicts (StudioConflictsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  studio_test_flush ();
  g_assert_finalize_object (window);
}

/* The mapped label under @root that shows the value of @field in the column @whose ("mine", "theirs"). */
static GtkWidget *
find_value (GtkWidget  *root,
            const char *field,
            int         column)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c) && g_strcmp0 (g_object_get_data (G_OBJECT (c), "field"), field) == 0)
        {
          int col = -1;

          if (GTK_IS_GRID (root))
            gtk_grid_query_child (GTK_GRID (root), c, &col, NULL, NULL, NULL);
          if (col == column)
            return c;
        }
      found = find_value (c, field, column);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (gpointer    root,
       const char *label)
{
  GtkWidget *button = studio_test_find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  studio_test_flush ();
}

/* No label under @root shows @text anywhere in it (an id must never be shown). */
static gboolean
nowhere_shown (GtkWidget  *root,
               const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!nowhere_shown (c, text))
      return FALSE;
  return TRUE;
}

/* The list, and one conflict field by field: labels, values as the pages show them, the differences marked. */
static void
test_view (Fixture       *f,
           gconstpointer  data)
{
  StudioConflictsWindow *window = show_conflicts (f);
  GtkWidget *mine, *theirs;

  g_assert_cmpuint (studio_conflicts_window_get_n_items (window), ==, 3);
  g_assert_true (studio_test_shows_text (window, "讲义（本地）"));
  g_assert_true (studio_test_shows_text (window, "习题.txt") || studio_test_shows_text (window, "习题"));
  g_assert_true (studio_test_shows_text (window, "某机床企业（本地）"));
  g_assert_true (studio_test_shows_text (window, "3 to resolve"));

  /* A resource: the title differs and is marked; the file name is the same and dimmed. */
  g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->res_one)));
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (window, "Title"));
  g_assert_true (studio_test_shows_text (window, "File name"));
  g_assert_true (studio_test_shows_text (window, "Mine"));
  g_assert_true (studio_test_shows_text (window, "Theirs"));
  mine = find_value (GTK_WIDGET (window), "title", 1);
  theirs = find_value (GTK_WIDGET (window), "title", 2);
  g_assert_nonnull (mine);
  g_assert_nonnull (theirs);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mine)), ==, "讲义（本地）");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (theirs)), ==, "讲义（主持单位）");
  g_assert_true (gtk_widget_has_css_class (mine, "conflict-differs"));
  g_assert_true (gtk_widget_has_css_class (theirs, "conflict-differs"));
  mine = find_value (GTK_WIDGET (window), "file_name", 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mine)), ==, "讲义.txt");
  g_assert_false (gtk_widget_has_css_class (mine, "conflict-differs"));
  g_assert_true (gtk_widget_has_css_class (mine, "dim-label"));
  /* Lists one item a line; the course node by its title, its type by its label, never an id. */
  mine = find_value (GTK_WIDGET (window), "keywords", 1);
  g_assert_true (g_str_equal (gtk_label_get_text (GTK_LABEL (mine)), "• 车削\n• 数控") ||
                 g_str_equal (gtk_label_get_text (GTK_LABEL (mine)), "• 数控\n• 车削"));
  mine = find_value (GTK_WIDGET (window), "nodes", 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mine)), ==, "• 外圆车削");
  g_assert_true (studio_test_shows_text (window, "Course nodes"));
  mine = find_value (GTK_WIDGET (window), "type", 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mine)), !=, "other");
  g_assert_true (nowhere_shown (GTK_WIDGET (window), f->node));
  g_assert_true (nowhere_shown (GTK_WIDGET (window), f->res_one));
  g_assert_true (nowhere_shown (GTK_WIDGET (window), "blob_sha256"));
  g_assert_true (nowhere_shown (GTK_WIDGET (window), "file_name"));
  g_assert_true (gtk_widget_get_visible (studio_test_find_button (window, "Keep _Both")));

  /* Only the differences: the equal fields go. */
  g_assert_nonnull (studio_test_find_labelled (window, "Only differences"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (studio_test_find_labelled (window, "Only differences")), TRUE);
  studio_test_flush ();
  g_assert_nonnull (find_value (GTK_WIDGET (window), "title", 1));
  g_assert_null (find_value (GTK_WIDGET (window), "file_name", 1));
  g_assert_false (studio_test_shows_text (window, "File name"));

  /* A unit: no Keep Both. */
  g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->unit)));
  studio_test_flush ();
  mine = find_value (GTK_WIDGET (window), "name", 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mine)), ==, "某机床企业（本地）");
  g_assert_null (studio_test_find_button (window, "Keep _Both"));

  close_conflicts (window);
}

/* Each button resolves in the store; the window moves on; the list empties. */
static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  StudioConflictsWindow *window = show_conflicts (f);
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name = NULL;
  gint64 next;

  /* Keep Mine: the local title stays. */
  g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->res_one)));
  studio_test_flush ();
  click (window, "Keep _Mine");
  title = field_of (f->b, RESLIB_KIND_RESOURCE, f->res_one, "title");
  g_assert_cmpstr (title, ==, "讲义（本地）");
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, NULL), ==, 2);
  g_assert_cmpuint (studio_conflicts_window_get_n_items (window), ==, 2);
  g_assert_cmpint (conflict_of (f, f->res_one), ==, 0);
  /* The next one is shown at once. */
  next = studio_conflicts_window_get_selected (window);
  g_assert_cmpint (next, !=, 0);
  g_assert_true (studio_test_shows_text (window, "Kept your version of “讲义（本地）”"));

  /* Take Theirs: the lead's description replaces the local one. */
  g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->res_two)));
  studio_test_flush ();
  click (window, "_Take Theirs");
  description = field_of (f->b, RESLIB_KIND_RESOURCE, f->res_two, "description");
  g_assert_true (g_str_has_prefix (description, "主持单位的说明"));
  g_assert_cmpuint (studio_conflicts_window_get_n_items (window), ==, 1);

  /* The last one: the unit, shown by itself now. */
  g_assert_cmpint (studio_conflicts_window_get_selected (window), ==, conflict_of (f, f->unit));
  click (window, "_Take Theirs");
  name = field_of (f->b, RESLIB_KIND_UNIT, f->unit, "name");
  g_assert_cmpstr (name, ==, "某机床企业（主持单位）");
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, NULL), ==, 0);
  g_assert_cmpuint (studio_conflicts_window_get_n_items (window), ==, 0);
  g_assert_true (studio_test_shows_text (window, "No Conflicts"));

  /* Nothing was added: both resources are there once. */
  resources = reslib_store_list (f->b, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 2);

  close_conflicts (window);
}

/* Keep Both: the local resource stays and the package's becomes a resource of its own. */
static void
test_keep_both (Fixture       *f,
                gconstpointer  data)
{
  StudioConflictsWindow *window = show_conflicts (f);
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean theirs_found = FALSE;

  g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->res_one)));
  studio_test_flush ();
  click (window, "Keep _Both");
  title = field_of (f->b, RESLIB_KIND_RESOURCE, f->res_one, "title");
  g_assert_cmpstr (title, ==, "讲义（本地）");
  resources = reslib_store_list (f->b, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);

      if (g_strcmp0 (reslib_record_get_id (r), f->res_one) != 0 &&
          g_str_has_prefix (reslib_record_get (r, "title"), "讲义（主持单位）"))
        theirs_found = TRUE;
    }
  g_assert_true (theirs_found);
  g_assert_cmpuint (studio_conflicts_window_get_n_items (window), ==, 2);

  close_conflicts (window);
}

static gboolean
conflicts_window_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (STUDIO_IS_CONFLICTS_WINDOW (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        {
          *(gpointer *) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* The main window: win.show-conflicts and the Overview's count while there are conflicts; neither after. */
static void
test_main_window (Fixture       *f,
                  gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->b);
  GtkWidget *overview;
  gpointer conflicts = NULL;

  studio_window_open_project (window, f->project);
  studio_window_show_page (window, "overview");
  studio_test_flush ();
  overview = GTK_WIDGET (studio_window_get_page (window, "overview"));
  g_assert_true (studio_test_shows_text (overview, "3 conflicts to resolve"));
  g_assert_true (gtk_widget_is_sensitive (studio_test_find_button (overview, "_Resolve…")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL));
  g_assert_true (studio_test_wait_until (conflicts_window_open, &conflicts, 5000));
  g_assert_true (gtk_window_get_transient_for (conflicts) == GTK_WINDOW (window));
  g_assert_cmpuint (studio_conflicts_window_get_n_items (conflicts), ==, 3);
  /* Asked again, the same window comes up. */
  {
    gpointer again = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL));
    studio_test_flush ();
    g_assert_true (conflicts_window_open (&again));
    g_assert_true (again == conflicts);
  }

  for (guint i = 0; i < 3; i++)
    g_assert_true (studio_conflicts_window_resolve (conflicts, RESLIB_CONFLICT_KEEP_MINE));
  studio_test_flush ();
  /* The Overview heard it through the session. */
  g_assert_false (studio_test_shows_text (overview, "3 conflicts to resolve"));
  g_assert_null (studio_test_find_button (overview, "_Resolve…"));
  /* Nothing left: win.show-conflicts opens nothing. */
  gtk_window_destroy (conflicts);
  studio_test_flush ();
  conflicts = NULL;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL);
  studio_test_flush ();
  g_assert_false (conflicts_window_open (&conflicts));

  studio_test_close_window (window);
}

/* ---------------------------------------------------------------------------------------------- */
/* Screenshots for a person to look at                                                             */

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_renderer_unrealize (renderer);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("STUDIO_TEST_SHOTS");
  const char *locales[] = { "C.UTF-8", "zh_CN.UTF-8" };
  const char *names[] = { "en", "zh_CN" };

  if (dir == NULL)
    {
      g_test_skip ("STUDIO_TEST_SHOTS is not set");
      return;
    }
  /* The application's catalogue for _(), as main() sets it. */
  textdomain (GETTEXT_PACKAGE);
  /* The application's style, as AdwApplication loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/reslib/Studio/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      StudioConflictsWindow *window;
      g_autofree char *path = NULL;

      g_assert_nonnull (setlocale (LC_ALL, locales[i]));
      window = show_conflicts (f);
      g_assert_true (studio_conflicts_window_select (window, conflict_of (f, f->res_two)));
      studio_test_flush ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      path = g_strdup_printf ("%s/conflicts-%s.png", dir, names[i]);
      save_png (GTK_WIDGET (window), path);
      close_conflicts (window);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/conflicts/view", Fixture, NULL, fixture_setup, test_view, fixture_teardown);
  g_test_add ("/studio/conflicts/resolve", Fixture, NULL, fixture_setup, test_resolve, fixture_teardown);
  g_test_add ("/studio/conflicts/keep-both", Fixture, NULL, fixture_setup, test_keep_both, fixture_teardown);
  g_test_add ("/studio/conflicts/main-window", Fixture, NULL, fixture_setup, test_main_window, fixture_teardown);
  g_test_add ("/studio/conflicts/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return studio_test_run ();
}
