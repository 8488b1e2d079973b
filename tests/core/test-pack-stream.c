/* test-pack-stream.c — a package streamed from the store from its frozen plan: the same bytes as `reslib pack`,
 * from any offset, after edits and a collection of unused files; an online resource among the resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-digest.h"
#include "reslib-pack-stream.h"
#include "reslib-store-gc.h"
#include "reslib-store-plans.h"
#include "reslib-test-utils.h"

#define EPOCH "1767225600"   /* 2026-01-01 */

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  ReslibStore *store;
  char        *project;
  char        *res_big;
  char        *res_long;
} Fixture;

static char *
import_one (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  g_autofree char *long_name = NULL;
  g_autofree char *unit = NULL;
  GRand *rand = g_rand_new_with_seed (11);
  const gsize big_len = 2 * 1024 * 1024 + 333;

  g_setenv ("SOURCE_DATE_EPOCH", EPOCH, TRUE);
  f->dir = reslib_test_make_tmp_dir ("reslib-pack-stream-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");
  unit = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                              (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                              (const char * const[]) { f->project, "河南某职业技术学院", "higher-vocational", "host" },
                              &error);
  g_assert_no_error (error);

  big = g_malloc (big_len);
  for (gsize i = 0; i < big_len; i++)
    big[i] = (char) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  f->res_big = import_one (f, "车削演示 demo.bin", big, (gssize) big_len);
  /* A path over 100 bytes, in Chinese: a pax header of its own. */
  long_name = g_strdup_printf ("%s.txt", "数控车床外圆车削加工工艺与编程实例讲解第一章第二节");
  f->res_long = import_one (f, long_name, "外圆车削的要点：\n1. 装夹\n", -1);
  g_free (import_one (f, "empty.txt", "", 0));
  g_free (import_one (f, "a.txt", "511 bytes? no: a few", -1));
  /* An online resource: its record and no file. */
  g_free (reslib_store_add_online_resource (f->store, f->project, "数控车床仿真", "https://mooc.example.edu.cn/course/43",
                                            &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->files);
  g_free (f->project);
  g_free (f->res_big);
  g_free (f->res_long);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

/* What `reslib pack` writes for the project as it stands. */
static GBytes *
pack_bytes (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  reslib_test_approve_all (f->store, f->project);
  g_assert_true (reslib_test_pack (f->store, f->project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_unlink (path);

  return g_bytes_new_take (contents, len);
}

/* The whole stream, read in pieces of @piece bytes. */
static GBytes *
stream_bytes (ReslibStore *store,
              const char  *submission,
              gsize        piece)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibPackStream) stream = reslib_pack_stream_open (store, submission, &error);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (piece);

  g_assert_no_error (error);
  for (;;)
    {
      gssize n = reslib_pack_stream_read (stream, out->len, buffer, piece, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        break;
      g_byte_array_append (out, buffer, (guint) n);
    }
  g_assert_cmpuint (out->len, ==, reslib_pack_stream_get_size (stream));

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
freeze (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *id;

  reslib_test_approve_all (f->store, f->project);
  id = reslib_pack_stream_freeze (f->store, f->project, "progress", NULL, "https://example.edu.cn/files", NULL,
                                  &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* The bag's digest: SHA-256 of the tar's tagmanifest-sha256.txt, which is the last member. */
static void
assert_bag_digest (Fixture    *f,
                   const char *submission,
                   GBytes     *tar)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, submission, &error);
  const char *data = g_bytes_get_data (tar, NULL);
  gsize len = g_bytes_get_size (tar);
  const char *tag = NULL;
  char sha[RESLIB_SHA256_HEX_SIZE];

  g_assert_no_error (error);
  /* The last member's data starts after its 512-byte header, and is a text of lines "<hex>  <path>\n". */
  for (gsize at = 0; at + 512 <= len; at += 512)
    if (g_str_has_suffix (data + at, "/tagmanifest-sha256.txt"))
      tag = data + at + 512;
  g_assert_nonnull (tag);
  reslib_sha256_hex (tag, strlen (tag), sha);
  g_assert_cmpstr (reslib_record_get (row, "sha256"), ==, sha);
  g_assert_cmpint (reslib_record_get_int (row, "size", 0), ==, (gint64) len);
}

static void
test_same_bytes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) packed = pack_bytes (f, "packed.tar");
  g_autofree char *submission = freeze (f);
  const gsize pieces[] = { 1, 511, 512, 4096, 65536, 1024 * 1024 };

  /* Reading byte by byte is slow; the other sizes read all. */
  for (guint i = 1; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GBytes) streamed = stream_bytes (f->store, submission, pieces[i]);

      g_test_message ("pieces of %" G_GSIZE_FORMAT " bytes", pieces[i]);
      g_assert_true (g_bytes_equal (streamed, packed));
    }
  assert_bag_digest (f, submission, packed);
}

/* Any range, each from a stream opened afresh: nothing before it is needed. */
static void
test_any_offset (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) packed = pack_bytes (f, "packed.tar");
  g_autofree char *submission = freeze (f);
  const guint8 *expected = g_bytes_get_data (packed, NULL);
  gsize size = g_bytes_get_size (packed);
  GRand *rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ReslibPackStream) stream = reslib_pack_stream_open (f->store, submission, &error);
      guint64 offset = i == 0 ? size - 1 : (guint64) g_rand_int_range (rand, 0, (gint32) size);
      gsize len = (gsize) g_rand_int_range (rand, 1, 300000);
      g_autofree guint8 *buffer = g_malloc (len);
      gssize n;

      g_assert_no_error (error);
      n = reslib_pack_stream_read (stream, offset, buffer, len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, (gssize) MIN (len, size - offset));
      g_assert_cmpmem (buffer, n, expected + offset, n);
    }
  g_rand_free (rand);
}

/* Edits after the start go into the next package; the frozen one keeps its blobs through a collection. */
static void
test_frozen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) before = pack_bytes (f, "before.tar");
  g_autofree char *submission = freeze (f);
  g_autofree char *big_blob = NULL;
  g_autofree char *blob_path = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) streamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) big = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->res_big, &error);
  guint n_files = 0;
  guint64 n_bytes = 0;

  g_assert_no_error (error);
  big_blob = g_strdup (reslib_record_get (big, "blob_sha256"));
  blob_path = reslib_store_get_blob_path (f->store, big_blob);

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "改过的名字" }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, f->res_big, &error));
  g_assert_no_error (error);
  g_free (import_one (f, "新的.txt", "后来加的", -1));

  /* The deleted resource's file stays while the submission needs it. */
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (blob_path, G_FILE_TEST_EXISTS));

  streamed = stream_bytes (f->store, submission, 100000);
  g_assert_true (g_bytes_equal (streamed, before));
  after = pack_bytes (f, "after.tar");
  g_assert_false (g_bytes_equal (after, before));

  /* Ended: the collection may take it. */
  g_assert_true (_reslib_store_drop_submission_plan (f->store, submission, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (blob_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ReslibPackStream) stream = reslib_pack_stream_open (f->store, submission, &error);
    guint8 buffer[4096];

    g_assert_no_error (error);
    g_assert_cmpint (reslib_pack_stream_read (stream, 0, buffer, sizeof buffer, &error), ==, -1);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  }
}

/* A blob changed on disk is caught when it is read whole, and named. */
static void
test_damaged_blob (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *submission = freeze (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) big = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->res_big, &error);
  g_autofree char *blob_path = reslib_store_get_blob_path (f->store, reslib_record_get (big, "blob_sha256"));
  g_autoptr(ReslibPackStream) stream = NULL;
  g_autofree guint8 *buffer = g_malloc (65536);
  guint64 offset = 0;
  gssize n;
  FILE *fp;

  g_assert_no_error (error);
  g_chmod (blob_path, 0600);
  fp = fopen (blob_path, "r+");
  g_assert_nonnull (fp);
  fseek (fp, 1000000, SEEK_SET);
  fputc ('!', fp);
  fclose (fp);

  stream = reslib_pack_stream_open (f->store, submission, &error);
  g_assert_no_error (error);
  while ((n = reslib_pack_stream_read (stream, offset, buffer, 65536, &error)) > 0)
    offset += (guint64) n;
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "车削演示 demo.bin"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pack-stream/same-bytes", Fixture, NULL, fixture_setup, test_same_bytes, fixture_teardown);
  g_test_add ("/pack-stream/any-offset", Fixture, NULL, fixture_setup, test_any_offset, fixture_teardown);
  g_test_add ("/pack-stream/frozen", Fixture, NULL, fixture_setup, test_frozen, fixture_teardown);
  g_test_add ("/pack-stream/damaged-blob", Fixture, NULL, fixture_setup, test_damaged_blob, fixture_teardown);

  return g_test_run ();
}
