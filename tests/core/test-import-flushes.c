/* test-import-flushes.c — an import flushes the disk twice: the staged blobs, then the one commit
 *
 * A flush of the disk's cache costs tens of milliseconds on some disks, and `cp -r` + `sync` makes one (issue
 * 21). An import makes the blobs' data and names durable in one syncfs() of the stage, then commits the rows
 * that name them, and the media facts of the new files, in one transaction: one fdatasync() of the
 * write-ahead log. Nothing else but SQLite's sync of the unchanged data folder: closing the store leaves the
 * log to SQLite's later checkpoint, and the next command writes to the same log.
 *
 * This test replaces fsync(), fdatasync(), syncfs() and sync() for the whole process, notes each call and
 * passes it on. It counts them from the opening of the store to its closing, as a command does, and checks
 * their order: when the stage is synced, every blob is in it under its name; the commit comes after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "reslib-importer.h"
#include "reslib-probe.h"
#include "reslib-test-utils.h"

static gboolean counting;
static GPtrArray *flushes;      /* char *: "kind path", in order */
static const char *stage_root;  /* blobs/tmp of the store under test */
static guint staged_at_syncfs;  /* blobs named in the stage when it was synced */

static guint
count_staged (void)
{
  g_autoptr(GDir) dir = stage_root != NULL ? g_dir_open (stage_root, 0, NULL) : NULL;
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (stage_root, name, NULL);
      g_autoptr(GDir) stage = g_dir_open (path, 0, NULL);
      const char *blob;

      while (stage != NULL && (blob = g_dir_read_name (stage)) != NULL)
        n += strlen (blob) == 64;
    }

  return n;
}

static void
note (const char *kind,
      int         fd)
{
  g_autofree char *link = fd >= 0 ? g_strdup_printf ("/proc/self/fd/%d", fd) : NULL;
  g_autofree char *target = link != NULL ? g_file_read_link (link, NULL) : NULL;

  if (!counting)
    return;
  if (g_str_equal (kind, "syncfs"))
    staged_at_syncfs = count_staged ();
  g_ptr_array_add (flushes, g_strdup_printf ("%s %s", kind, target != NULL ? target : ""));
}

int
fdatasync (int fd)
{
  note ("fdatasync", fd);
  return (int) syscall (SYS_fdatasync, fd);
}

int
fsync (int fd)
{
  note ("fsync", fd);
  return (int) syscall (SYS_fsync, fd);
}

int
syncfs (int fd)
{
  note ("syncfs", fd);
  return (int) syscall (SYS_syncfs, fd);
}

void
sync (void)
{
  note ("sync", -1);
  syscall (SYS_sync);
}

/* The stage's syncfs, with every blob in it, then the commit's fdatasync of the log, and nothing more but
 * the fdatasync of the data folder that SQLite makes after the first sync of the log of each connection (the
 * folder is unchanged, since the log is kept from one command to the next: no data for the disk to write). */
static void
assert_two_flushes (GPtrArray  *seen,
                    guint       n,
                    const char *data_dir)
{
  g_autofree char *wal = g_build_filename (data_dir, "library.db-wal", NULL);
  g_autofree char *stage_prefix = g_build_filename (data_dir, "blobs", "tmp", "", NULL);

  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 0), "syncfs "));
  g_assert_true (g_str_has_prefix ((const char *) g_ptr_array_index (seen, 0) + strlen ("syncfs "), stage_prefix));
  g_assert_cmpuint (staged_at_syncfs, ==, n);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 1), "fdatasync "));
  g_assert_cmpstr ((const char *) g_ptr_array_index (seen, 1) + strlen ("fdatasync "), ==, wal);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 2), "fdatasync "));
  g_assert_cmpstr ((const char *) g_ptr_array_index (seen, 2) + strlen ("fdatasync "), ==, data_dir);
}

/* Imports @n files into a store made (with its project) and closed before: images that look like PNG (their
 * probe fails, and says so), or text. Checks the flushes from the store's opening to its closing, and that
 * the resources, and each image's probe, are there when it is opened again. */
static void
check_import (guint    n,
              gboolean images)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-flushes-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr(GPtrArray) seen = NULL;
  g_autofree char *tmp_dir = g_build_filename (data_dir, "blobs", "tmp", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "车削");
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GPtrArray) digests = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  g_clear_object (&store);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf (images ? "figure-%u.png" : "notes-%u.txt", i);
      g_autofree char *contents = g_strdup_printf (images ? "\x89PNG\r\n\x1a\nnot really an image, number %u"
                                                          : "Notes on turning, number %u\n", i);
      g_autofree char *path = reslib_test_write_file (dir, name, contents, -1);

      g_ptr_array_add (digests, g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1));
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  flushes = g_ptr_array_new_with_free_func (g_free);
  stage_root = tmp_dir;
  staged_at_syncfs = 0;
  counting = TRUE;
  store = reslib_store_open (data_dir, &error);
  g_assert_no_error (error);
  importer = reslib_importer_new (store, project);
  for (guint i = 0; i < n; i++)
    reslib_importer_add_file (importer, g_ptr_array_index (files, i));
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&importer);
  g_clear_object (&store);
  counting = FALSE;
  stage_root = NULL;
  seen = g_steal_pointer (&flushes);
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("flush %u: %s", i + 1, (const char *) g_ptr_array_index (seen, i));
  assert_two_flushes (seen, n, data_dir);

  /* What the import committed is there for the next command. */
  store = reslib_store_open (data_dir, &error);
  g_assert_no_error (error);
  list = reslib_store_list (store, RESLIB_KIND_RESOURCE, project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *blob = reslib_store_get_blob_path (store, g_ptr_array_index (digests, i));
      g_autoptr(ReslibProbeInfo) probe = reslib_store_get_probe (store, g_ptr_array_index (digests, i), &error);

      g_assert_no_error (error);
      g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
      if (images)
        {
          g_assert_nonnull (probe);
          g_assert_cmpstr (probe->mime_type, ==, "image/png");
          g_assert_nonnull (probe->error);
        }
      else
        g_assert_null (probe);
    }
  g_clear_object (&list);
  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

static void
test_import_two_flushes (void)
{
  check_import (5, FALSE);
}

/* The media facts of new files are kept in the commit of their rows, not in a transaction of their own. */
static void
test_media_facts_same_commit (void)
{
  check_import (1, TRUE);
  check_import (5, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/import-flushes/two", test_import_two_flushes);
  g_test_add_func ("/import-flushes/media-facts", test_media_facts_same_commit);

  return g_test_run ();
}
