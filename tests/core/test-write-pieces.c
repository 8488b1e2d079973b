/* test-write-pieces.c — new files (a blob of an import) are written in pieces of at most 64 KiB
 *
 * The page cache gives a file the size of folio each write asks for, and filling large new folios cost
 * several times more system time than small ones (issue 21). This test replaces write() for the whole
 * process: every write to a regular file whose path holds the watched part is recorded, then passed on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-file-util.h"
#include "reslib-package-importer.h"
#include "reslib-test-utils.h"

#define PIECE (64 * 1024)

static struct
{
  const char *part;      /* the writes to files whose path holds this are recorded; NULL: none */
  guint       n;
  gsize       largest;
  guint64     bytes;
} watch;

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  struct stat st;

  if (watch.part != NULL && fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      char link[64], path[4096];
      ssize_t len;

      g_snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
      len = readlink (link, path, sizeof path - 1);
      if (len > 0)
        {
          path[len] = '\0';
          if (strstr (path, watch.part) != NULL)
            {
              watch.n++;
              watch.largest = MAX (watch.largest, count);
              watch.bytes += count;
            }
        }
    }

  return syscall (SYS_write, fd, buf, count);
}

static void
watch_start (const char *part)
{
  watch.part = part;
  watch.n = 0;
  watch.largest = 0;
  watch.bytes = 0;
}

static guint8 *
pattern (gsize len)
{
  guint8 *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) (i * 7 + i / 4093);

  return data;
}

/* reslib_write_new_file() writes every byte, in pieces of 64 KiB and a last shorter one. */
static void
test_write_new_file (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-pieces-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "watched-file", NULL);
  gsize len = 1024 * 1024 + 17;
  g_autofree guint8 *data = pattern (len);
  g_autofree char *back = NULL;
  gsize back_len = 0;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

  g_assert_cmpint (fd, >=, 0);
  watch_start ("watched-file");
  g_assert_true (reslib_write_new_file (fd, data, len));
  watch.part = NULL;
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_cmpuint (watch.bytes, ==, len);
  g_assert_cmpuint (watch.largest, ==, PIECE);
  g_assert_cmpuint (watch.n, ==, len / PIECE + 1);
  g_assert_true (g_file_get_contents (path, &back, &back_len, NULL));
  g_assert_cmpmem (back, back_len, data, len);
  reslib_test_rm_rf (dir);
}

/* A file imported into the store (copied into the stage, then published) is written in such pieces, and
 * the blob holds its bytes. */
static void
test_blob_copy (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-pieces-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *src = g_build_filename (dir, "lesson.mp4", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibBlobStage) stage = NULL;
  g_autofree char *expected = NULL;
  gsize len = 3 * 1024 * 1024 + 5;
  g_autofree guint8 *data = pattern (len);
  ReslibBlobInfo info;

  g_assert_true (g_file_set_contents (src, (const char *) data, (gssize) len, NULL));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  stage = _reslib_blob_stage_new (store, &error);
  g_assert_no_error (error);

  watch_start (G_DIR_SEPARATOR_S "blobs" G_DIR_SEPARATOR_S "tmp" G_DIR_SEPARATOR_S);
  g_assert_true (_reslib_blob_stage_copy (stage, src, "lesson.mp4", &info, NULL, NULL, &error));
  watch.part = NULL;
  g_assert_no_error (error);
  g_assert_cmpstr (info.sha256, ==, expected);
  g_assert_cmpuint (info.size, ==, len);

  g_clear_pointer (&stage, _reslib_blob_stage_free);
  reslib_test_rm_rf (dir);
  /* Where the file system shares blocks (a reflink), nothing is written at all; ext4 and tmpfs do not. */
  if (watch.n == 0)
    {
      g_test_skip ("the blob was cloned, not written: there are no writes to count");
      return;
    }
  g_assert_cmpuint (watch.bytes, ==, len);
  g_assert_cmpuint (watch.largest, ==, PIECE);
}

/* A package's files are staged in such pieces too: as verify reads them, and when an import after a preview
 * reads them again (1 MiB at a time) from a package verified by the preview. */
static void
test_package_import (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-pieces-XXXXXX");
  g_autofree char *a_dir = g_build_filename (dir, "a", NULL);
  g_autofree char *b_dir = g_build_filename (dir, "b", NULL);
  g_autofree char *src = g_build_filename (dir, "lesson.mp4", NULL);
  g_autofree char *package = g_build_filename (dir, "p.tar", NULL);
  g_autoptr(ReslibStore) a = reslib_test_open_store (a_dir);
  g_autoptr(ReslibStore) b = reslib_test_open_store (b_dir);
  g_autofree char *project = reslib_test_new_project (a, "数控技术专业教学资源库");
  g_autoptr(ReslibImporter) adder = reslib_importer_new (a, project);
  g_autoptr(GFile) file = g_file_new_for_path (src);
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 3 * 1024 * 1024 + 5;
  g_autofree guint8 *data = pattern (len);

  g_assert_true (g_file_set_contents (src, (const char *) data, (gssize) len, NULL));
  reslib_importer_add_file (adder, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (adder), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_test_pack (a, project, "contribution", NULL, package, NULL, &error));
  g_assert_no_error (error);

  /* Staged as verify reads it. */
  importer = reslib_package_importer_new (b, package);
  watch_start (G_DIR_SEPARATOR_S "blobs" G_DIR_SEPARATOR_S "tmp" G_DIR_SEPARATOR_S);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  watch.part = NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (watch.bytes, ==, len);
  g_assert_cmpuint (watch.largest, <=, PIECE);
  g_clear_object (&importer);
  g_clear_object (&b);
  reslib_test_rm_rf (b_dir);

  /* Previewed, then imported: read again from the package. */
  b = reslib_test_open_store (b_dir);
  importer = reslib_package_importer_new (b, package);
  reslib_package_importer_set_preview (importer, TRUE);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  reslib_package_importer_set_preview (importer, FALSE);
  watch_start (G_DIR_SEPARATOR_S "blobs" G_DIR_SEPARATOR_S "tmp" G_DIR_SEPARATOR_S);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  watch.part = NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (watch.bytes, ==, len);
  g_assert_cmpuint (watch.largest, ==, PIECE);
  g_assert_cmpuint (reslib_package_importer_get_report (importer)->blobs_added, ==, 1);

  g_clear_object (&importer);
  g_clear_object (&a);
  g_clear_object (&b);
  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/write-pieces/new-file", test_write_new_file);
  g_test_add_func ("/write-pieces/blob-copy", test_blob_copy);
  g_test_add_func ("/write-pieces/package-import", test_package_import);

  return g_test_run ();
}
