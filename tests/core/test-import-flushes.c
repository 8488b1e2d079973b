/* test-import-flushes.c — an import flushes the disk as often for five media files as for one
 *
 * The media facts of the imported files are kept in one transaction at the end, not in one each: with the
 * database in synchronous mode FULL, each transaction is an fdatasync(), which is a flush of the disk's
 * cache (issue 21). This test replaces fsync() and fdatasync() for the whole process, counts the calls,
 * and passes them on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "reslib-importer.h"
#include "reslib-probe.h"
#include "reslib-test-utils.h"

static guint n_flushes;

int
fdatasync (int fd)
{
  n_flushes++;
  return (int) syscall (SYS_fdatasync, fd);
}

int
fsync (int fd)
{
  n_flushes++;
  return (int) syscall (SYS_fsync, fd);
}

/* Imports @n files that look like PNG images (their probe fails, and says so) into a new store; returns
 * the flushes of the import and checks that each file's probe is kept. */
static guint
import_images (guint n)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-flushes-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "车削");
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
  g_autoptr(GPtrArray) digests = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint flushes;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("figure-%u.png", i);
      g_autofree char *contents = g_strdup_printf ("\x89PNG\r\n\x1a\nnot really an image, number %u", i);
      g_autofree char *path = reslib_test_write_file (dir, name, contents, -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_ptr_array_add (digests, g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1));
      reslib_importer_add_file (importer, file);
    }

  n_flushes = 0;
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  flushes = n_flushes;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibProbeInfo) probe = reslib_store_get_probe (store, g_ptr_array_index (digests, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (probe);
      g_assert_cmpstr (probe->mime_type, ==, "image/png");
      g_assert_nonnull (probe->error);
    }
  g_clear_object (&importer);
  g_clear_object (&store);
  reslib_test_rm_rf (dir);

  return flushes;
}

static void
test_media_facts_one_transaction (void)
{
  guint one = import_images (1);
  guint five = import_images (5);

  g_test_message ("flushes: %u for one file, %u for five", one, five);
  g_assert_cmpuint (one, >, 0);
  g_assert_cmpuint (five, ==, one);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/import-flushes/media-facts", test_media_facts_one_transaction);

  return g_test_run ();
}
