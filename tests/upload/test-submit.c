/* test-submit.c — `reslib submit`: a package streamed from the store into a real tus server (@tus/server +
 * @tus/file-store over HTTPS on 127.0.0.1), with no package file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's bytes must be those `reslib pack` writes for the same state and SOURCE_DATE_EPOCH; a submit
 * killed mid-stream resumes with the same command and re-sends at most one chunk; edits made after the start
 * go into the next package; the data folder and TMPDIR grow by at most a few MiB; the blobs of a pending
 * submission stay through a collection of unused files.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "reslib-store-gc.h"
#include "reslib-test-utils.h"

#define TOKEN     "tok-Sub1-mit-s3cr3t-4b7e"
#define EPOCH     "1767225600"
#define MiB       (1024 * 1024)
#define BIG_SIZE  (24 * MiB + 4321)

static char *tmp_root;
static char *ca_pem;
static char *cert, *key;
static char *node;
static gboolean peers_ok;

/* ---------------------------------------------------------------------------------------------- */
/* Certificates and peers (as tests/upload/test-upload.c)                                          */

static void
run_ok (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (tmp_root, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
make_certificates (void)
{
  run_ok ((const char * const[]) { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                                   "-days", "2", "-subj", "/CN=reslib throwaway test CA", NULL });
  g_assert_true (g_file_set_contents (g_build_filename (tmp_root, "server.ext", NULL),
                                      "subjectAltName=IP:127.0.0.1,DNS:localhost\n", -1, NULL));
  run_ok ((const char * const[]) { "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                   "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
                                   "/CN=reslib test server", NULL });
  run_ok ((const char * const[]) { "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
                                   "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile",
                                   "server.ext", NULL });
  ca_pem = g_build_filename (tmp_root, "ca.pem", NULL);
  cert = g_build_filename (tmp_root, "server.pem", NULL);
  key = g_build_filename (tmp_root, "server.key", NULL);
}

typedef struct
{
  GSubprocess *proc;
  guint        port;
  char        *out;
  char        *err;
} Peer;

static void
peer_free (Peer *peer)
{
  if (peer == NULL)
    return;
  if (peer->proc != NULL)
    {
      g_subprocess_send_signal (peer->proc, SIGKILL);
      g_subprocess_wait (peer->proc, NULL, NULL);
      g_clear_object (&peer->proc);
    }
  g_free (peer->out);
  g_free (peer->err);
  g_free (peer);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static Peer *
peer_start (const char         *dir,
            const char         *script,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  static guint counter;
  Peer *peer = g_new0 (Peer, 1);
  gint64 deadline;

  peer->out = g_strdup_printf ("%s/%s-%u.out", dir, script, ++counter);
  peer->err = g_strdup_printf ("%s/%s-%u.err", dir, script, counter);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, peer->out);
  g_subprocess_launcher_set_stderr_file_path (launcher, peer->err);
  g_subprocess_launcher_setenv (launcher, "TUS_TOKEN", TOKEN, TRUE);
  g_ptr_array_add (argv, g_strdup (node));
  g_ptr_array_add (argv, g_build_filename (PEERS_DIR, script, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  peer->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;
      const char *p;

      if (g_file_get_contents (peer->out, &text, NULL, NULL) && (p = strstr (text, "\"port\":")) != NULL &&
          strchr (p, '\n') != NULL)
        {
          peer->port = (guint) g_ascii_strtoull (p + 7, NULL, 10);
          return peer;
        }
      g_usleep (20000);
    }
  g_error ("%s did not start", script);
  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Fixture: a project with files, a server, and the proxy that counts the bytes                    */

typedef struct
{
  char        *dir;
  char        *files;
  char        *store_dir;
  char        *log;
  char        *stats;
  char        *data_dir;
  char        *tmpdir;      /* the CLI's TMPDIR */
  ReslibStore *store;
  char        *project_id;
  char        *big_id;
  Peer        *server;
  Peer        *proxy;
  char        *endpoint;
} Fixture;

static char *
import_one (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project_id);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *big = g_malloc (BIG_SIZE);

  f->dir = reslib_test_make_tmp_dir ("reslib-submit-XXXXXX");
  f->files = g_build_filename (f->dir, "files", NULL);
  f->store_dir = g_build_filename (f->dir, "server", NULL);
  f->log = g_build_filename (f->dir, "server.log", NULL);
  f->stats = g_build_filename (f->dir, "proxy.json", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->tmpdir = g_build_filename (f->dir, "tmp", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->tmpdir, 0700);
  f->store = reslib_test_open_store (f->data_dir);
  f->project_id = reslib_test_new_project (f->store, "流式提交测试");

  for (gsize i = 0; i + 4 <= BIG_SIZE; i += 4)
    *(guint32 *) (big + i) = g_rand_int (rand);
  f->big_id = import_one (f, "数控车床 演示视频.bin", big, BIG_SIZE);
  g_free (import_one (f, "讲义 第一章.txt", "外圆车削的要点：\n1. 装夹\n", -1));
  g_free (import_one (f, "empty.txt", "", 0));
  /* A progress package holds approved resources only */
  reslib_test_approve_all (f->store, f->project_id);

  if (peers_ok)
    {
      g_autofree char *target = NULL;

      f->server = peer_start (f->dir, "tus-server.mjs",
                              (const char * const[]) { "--cert", cert, "--key", key, "--store", f->store_dir,
                                                       "--log", f->log, "--port", "0", NULL });
      target = g_strdup_printf ("%u", f->server->port);
      f->proxy = peer_start (f->dir, "cut-proxy.mjs",
                             (const char * const[]) { "--target", target, "--stats", f->stats, "--cuts", "0",
                                                      NULL });
      f->endpoint = g_strdup_printf ("https://127.0.0.1:%u/files", f->proxy->port);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->proxy, peer_free);
  g_clear_pointer (&f->server, peer_free);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->store_dir);
  g_free (f->log);
  g_free (f->stats);
  g_free (f->data_dir);
  g_free (f->tmpdir);
  g_free (f->project_id);
  g_free (f->big_id);
  g_free (f->endpoint);
}

static gboolean
need_peers (void)
{
  if (!peers_ok)
    g_test_skip ("node, openssl or tests/peers/node_modules is missing (build-aux/bootstrap installs them)");
  return peers_ok;
}

static GSubprocess *
cli_spawn (Fixture            *f,
           const char         *out,
           const char         *err,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  g_subprocess_launcher_set_stderr_file_path (launcher, err);
  g_subprocess_launcher_setenv (launcher, "RESLIB_TOKEN", TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "SOURCE_DATE_EPOCH", EPOCH, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", f->tmpdir, TRUE);
  g_ptr_array_add (argv, (gpointer) RESLIB_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, f->data_dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return proc;
}

static int
cli_run (Fixture            *f,
         char              **out,
         const char * const *args)
{
  g_autofree char *out_path = g_build_filename (f->dir, "cli.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "cli.err", NULL);
  g_autoptr(GSubprocess) proc = cli_spawn (f, out_path, err_path, args);
  g_autofree char *err = NULL;

  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_true (g_file_get_contents (out_path, out, NULL, NULL));
  g_assert_true (g_file_get_contents (err_path, &err, NULL, NULL));
  if (g_subprocess_get_exit_status (proc) != 0)
    g_test_message ("reslib %s: %s", args[0], err);
  g_assert_null (strstr (*out, TOKEN));
  g_assert_null (strstr (err, TOKEN));

  return g_subprocess_get_exit_status (proc);
}

#define SUBMIT(f, ...) \
  (const char * const[]) { "submit", (f)->project_id, "--kind", "progress", "--endpoint", (f)->endpoint, \
                           "--cacert", ca_pem, "--chunk-size", "1M", __VA_ARGS__ NULL }

/* What `reslib pack` writes now: its SHA-256. */
static char *
pack_sha256 (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "pack", f->project_id, "--kind", "progress", "-o", path,
                                                               NULL }), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_unlink (path);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* The file the server holds for the submission's upload, and its SHA-256. */
static char *
server_sha256 (Fixture    *f,
               const char *submission_where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT upload_url FROM submissions WHERE %s", submission_where);
  g_autofree char *url = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_nonnull (url);
  id = g_path_get_basename (url);
  path = g_build_filename (f->store_dir, id, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static char *
sql (Fixture    *f,
     const char *query)
{
  return reslib_test_sql_text (reslib_store_get_db_path (f->store), query);
}

static guint
count_in_log (Fixture    *f,
              const char *method)
{
  g_autofree char *text = NULL;
  g_autofree char *m = g_strdup_printf ("\"method\":\"%s\"", method);
  guint n = 0;

  if (!g_file_get_contents (f->log, &text, NULL, NULL))
    return 0;
  for (const char *p = strstr (text, m); p != NULL; p = strstr (p + 1, m))
    n++;
  return n;
}

static gint64
proxy_up (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, f->stats, NULL))
    return 0;
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "up");
}

/* The bytes the files under @path take on disk. */
static guint64
disk_usage (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint64 total = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;

      if (lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        total += disk_usage (child);
      else
        total += (guint64) st.st_blocks * 512;
    }
  return total;
}

/* ---------------------------------------------------------------------------------------------- */
/* Tests                                                                                           */

/* The server ends with `reslib pack`'s bytes; the metadata carries the bag's digest; the receipt the tar's;
 * the data folder and TMPDIR never grow by more than a few MiB on the way. */
static void
test_same_as_pack (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *packed = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "submit.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "submit.err", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *bag_sha = NULL;
  g_autofree char *info_text = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  guint64 data_before, tmp_before, data_peak = 0, tmp_peak = 0;

  if (!need_peers ())
    return;
  packed = pack_sha256 (f, "packed.tar");
  data_before = disk_usage (f->data_dir);
  tmp_before = disk_usage (f->tmpdir);

  proc = cli_spawn (f, out_path, err_path, SUBMIT (f, "--limit-rate", "16M",));
  for (;;)
    {
      guint64 d = disk_usage (f->data_dir), t = disk_usage (f->tmpdir);

      data_peak = MAX (data_peak, d);
      tmp_peak = MAX (tmp_peak, t);
      if (g_subprocess_get_identifier (proc) == NULL)
        break;
      g_usleep (10000);
    }
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_file_get_contents (out_path, &out, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_test_message ("data folder: %" G_GUINT64_FORMAT " bytes, at most %" G_GUINT64_FORMAT " during the submit; "
                  "TMPDIR at most %" G_GUINT64_FORMAT, data_before, data_peak, tmp_peak);
  g_assert_cmpuint (data_peak, <=, data_before + 4 * MiB);
  g_assert_cmpuint (tmp_peak, <=, tmp_before + 4 * MiB);

  stored = server_sha256 (f, "source = 'store'");
  g_assert_cmpstr (stored, ==, packed);
  receipt = sql (f, "SELECT tar_sha256 FROM submissions WHERE source = 'store' AND completed_at IS NOT NULL");
  g_assert_cmpstr (receipt, ==, packed);
  g_assert_nonnull (strstr (out, packed));
  /* Ended: its members are gone. */
  g_assert_cmpstr (sql (f, "SELECT count (*) FROM submission_members"), ==, "0");

  /* The metadata: the bag's digest (the row's sha256) and the size, not the tar's digest. */
  bag_sha = sql (f, "SELECT sha256 FROM submissions");
  {
    g_autofree char *url = sql (f, "SELECT upload_url FROM submissions");
    g_autofree char *id = g_path_get_basename (url);
    g_autofree char *info = g_strdup_printf ("%s/%s.json", f->store_dir, id);

    g_assert_true (g_file_get_contents (info, &info_text, NULL, NULL));
    g_assert_nonnull (strstr (info_text, "bag_sha256"));
    g_assert_nonnull (strstr (info_text, bag_sha));
    g_assert_null (strstr (info_text, "\"sha256\""));
  }
  g_assert_cmpuint (count_in_log (f, "POST"), ==, 1);
}

/* Killed mid-stream: the same command resumes the same upload, sends at most one chunk again, and the server
 * ends with the package as it was when the submission started, whatever was edited since; the next submit
 * carries the edits. */
static void
test_killed_and_resumed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *url_before = NULL;
  g_autofree char *url_after = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "killed.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "killed.err", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;
  gint64 size, deadline, up_first, up_total;

  if (!need_peers ())
    return;
  before = pack_sha256 (f, "before.tar");

  proc = cli_spawn (f, out_path, err_path, SUBMIT (f, "--limit-rate", "4M",));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&offset, g_free);
      offset = sql (f, "SELECT upload_offset FROM submissions");
      if (offset != NULL && g_ascii_strtoll (offset, NULL, 10) >= 5 * MiB)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  url_before = sql (f, "SELECT upload_url FROM submissions");
  g_usleep (300000);
  up_first = proxy_up (f);

  /* Edits while it waits: the big resource goes (its file stays for the submission, through a collection),
   * another comes (reviewed: a progress package holds approved resources), the project is renamed. */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, f->big_id, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_free (import_one (f, "后来加的.txt", "later", -1));
  reslib_test_approve_all (f->store, f->project_id);
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project_id,
                                      (const char * const[]) { "name", NULL }, (const char * const[]) { "改名了" },
                                      &error));
  g_assert_no_error (error);

  g_assert_cmpint (cli_run (f, &out, SUBMIT (f,)), ==, 0);
  url_after = sql (f, "SELECT upload_url FROM submissions");
  g_assert_cmpstr (url_before, ==, url_after);
  g_assert_cmpstr (sql (f, "SELECT count (*) FROM submissions"), ==, "1");
  g_assert_cmpuint (count_in_log (f, "POST"), ==, 1);
  g_assert_cmpstr (server_sha256 (f, "1"), ==, before);
  g_assert_cmpstr (sql (f, "SELECT tar_sha256 FROM submissions"), ==, before);
  g_usleep (300000);
  up_total = proxy_up (f);
  size = g_ascii_strtoll (sql (f, "SELECT size FROM submissions"), NULL, 10);
  g_test_message ("bytes from the client: %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " before the kill) for a "
                  "package of %" G_GINT64_FORMAT, up_total, up_first, size);
  g_assert_cmpint (up_first, <, size);
  g_assert_cmpint (up_total, <=, size + MiB + 128 * 1024);

  /* The next submit carries the edits: a new submission, the bytes pack writes now. */
  after = pack_sha256 (f, "after.tar");
  g_assert_cmpstr (after, !=, before);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, &out, SUBMIT (f,)), ==, 0);
  g_assert_cmpstr (sql (f, "SELECT count (*) FROM submissions"), ==, "2");
  g_assert_cmpstr (server_sha256 (f, "completed_at = (SELECT max (completed_at) FROM submissions)"), ==, after);

  /* The list shows both. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "submissions", f->project_id, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "reslib-progress-"));
}

/* `reslib upload` of a package file whose digest nobody recorded: no pass over it before the upload; the
 * endpoint gets the bag's digest, and the receipt the tar's, computed on the way. */
static void
test_upload_unhashed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "unhashed.tar", NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file_sha = NULL;
  g_autofree char *info_text = NULL;
  gsize len = 0;

  if (!need_peers ())
    return;
  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "pack", f->project_id, "--kind", "progress", "-o", path,
                                                               NULL }), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  file_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  /* Nobody knows the tar's digest. */
  g_assert_cmpstr (sql (f, "SELECT count (*) FROM package_builds WHERE sha256 IS NOT NULL"), ==, "0");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "upload", path, "--endpoint", f->endpoint, "--cacert",
                                                               ca_pem, "--chunk-size", "1M", NULL }), ==, 0);
  g_assert_cmpstr (server_sha256 (f, "1"), ==, file_sha);
  g_assert_cmpstr (sql (f, "SELECT tar_sha256 FROM submissions"), ==, file_sha);
  {
    g_autofree char *url = sql (f, "SELECT upload_url FROM submissions");
    g_autofree char *id = g_path_get_basename (url);
    g_autofree char *info = g_strdup_printf ("%s/%s.json", f->store_dir, id);
    g_autofree char *bag_sha = sql (f, "SELECT sha256 FROM submissions");

    g_assert_true (g_file_get_contents (info, &info_text, NULL, NULL));
    g_assert_nonnull (strstr (info_text, "bag_sha256"));
    g_assert_nonnull (strstr (info_text, bag_sha));
  }
}

/* One request longer than a checkpoint (the default chunk size), killed in the middle: the digest's state
 * was kept inside the request, so the resume hashes again only what the server took after the checkpoint,
 * sends nothing twice, and the receipt's digest is the tar's. */
static void
test_killed_mid_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree char *more = g_malloc (24 * MiB);
  g_autofree char *before = NULL;
  g_autofree char *hash_offset = NULL;
  g_autofree char *url = NULL;
  g_autofree char *server_file = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "killed.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "killed.err", NULL);
  g_autofree char *resumed_out = g_build_filename (f->dir, "resumed.out", NULL);
  g_autofree char *resumed_err = g_build_filename (f->dir, "resumed.err", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  GStatBuf st;
  const char *p;
  gint64 size, deadline, up_total, held, rehashed = 0;

  if (!need_peers ())
    return;
  /* 48 MiB: well past the first checkpoint (32 MiB). */
  for (gsize i = 0; i < 24 * MiB; i += 4)
    *(guint32 *) (more + i) = g_rand_int (rand);
  g_free (import_one (f, "第二段 演示视频.bin", more, 24 * MiB));
  reslib_test_approve_all (f->store, f->project_id);
  before = pack_sha256 (f, "before.tar");

  proc = cli_spawn (f, out_path, err_path,
                    (const char * const[]) { "submit", f->project_id, "--kind", "progress", "--endpoint", f->endpoint,
                                             "--cacert", ca_pem, "--limit-rate", "4M", NULL });
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&hash_offset, g_free);
      hash_offset = sql (f, "SELECT hash_offset FROM submissions");
      if (hash_offset != NULL && g_ascii_strtoll (hash_offset, NULL, 10) > 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  /* Kept inside the one request, which the server had not yet answered. */
  g_assert_cmpstr (hash_offset, ==, "33554432");
  g_assert_cmpstr (sql (f, "SELECT upload_offset FROM submissions"), ==, "0");
  g_usleep (300000);
  url = sql (f, "SELECT upload_url FROM submissions");
  server_file = g_build_filename (f->store_dir, strrchr (url, '/') + 1, NULL);
  g_assert_cmpint (g_stat (server_file, &st), ==, 0);
  held = st.st_size;
  g_test_message ("the server holds %" G_GINT64_FORMAT " bytes", held);
  g_assert_cmpint (held, >=, 32 * MiB);

  g_setenv ("G_MESSAGES_DEBUG", "Reslib", TRUE);
  g_clear_object (&proc);
  proc = cli_spawn (f, resumed_out, resumed_err,
                    (const char * const[]) { "submit", f->project_id, "--kind", "progress", "--endpoint", f->endpoint,
                                             "--cacert", ca_pem, NULL });
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpstr (server_sha256 (f, "1"), ==, before);
  g_assert_cmpstr (sql (f, "SELECT tar_sha256 FROM submissions"), ==, before);
  g_assert_cmpuint (count_in_log (f, "POST"), ==, 1);

  /* Hashed again: only what the server took past the checkpoint (none when it stopped right there). */
  g_assert_true (g_file_get_contents (resumed_out, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (resumed_err, &err, NULL, NULL));
  g_assert_null (strstr (text, TOKEN));
  g_assert_null (strstr (err, TOKEN));
  if ((p = strstr (text, "hashing ")) != NULL || (p = strstr (err, "hashing ")) != NULL)
    rehashed = g_ascii_strtoll (p + 8, NULL, 10);
  g_test_message ("hashed again on resume: %" G_GINT64_FORMAT " bytes", rehashed);
  g_assert_cmpint (rehashed, ==, held - 32 * MiB);

  g_usleep (300000);
  up_total = proxy_up (f);
  size = g_ascii_strtoll (sql (f, "SELECT size FROM submissions"), NULL, 10);
  g_test_message ("bytes from the client: %" G_GINT64_FORMAT " for a package of %" G_GINT64_FORMAT, up_total, size);
  g_assert_cmpint (up_total, <=, size + 128 * 1024);
}

/* A contribution is never submitted; an application package is checked first (exit 1, nothing sent). */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;

  if (!need_peers ())
    return;
  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "submit", f->project_id, "--kind", "contribution",
                                                               "--endpoint", f->endpoint, "--cacert", ca_pem,
                                                               NULL }), ==, 4);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, &out, (const char * const[]) { "submit", f->project_id, "--kind", "application",
                                                               "--endpoint", f->endpoint, "--cacert", ca_pem,
                                                               NULL }), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST"), ==, 0);
  g_assert_cmpstr (sql (f, "SELECT count (*) FROM submissions"), ==, "0");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tus = g_build_filename (PEERS_DIR, "node_modules", "@tus", "server", "package.json", NULL);
  g_autofree char *openssl = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  node = g_find_program_in_path ("node");
  openssl = g_find_program_in_path ("openssl");
  peers_ok = node != NULL && openssl != NULL && g_file_test (tus, G_FILE_TEST_EXISTS);
  tmp_root = reslib_test_make_tmp_dir ("reslib-submit-certs-XXXXXX");
  if (peers_ok)
    make_certificates ();

  g_test_add ("/submit/same-as-pack", Fixture, NULL, fixture_setup, test_same_as_pack, fixture_teardown);
  g_test_add ("/submit/killed-and-resumed", Fixture, NULL, fixture_setup, test_killed_and_resumed, fixture_teardown);
  g_test_add ("/submit/killed-mid-request", Fixture, NULL, fixture_setup, test_killed_mid_request, fixture_teardown);
  g_test_add ("/submit/upload-unhashed-file", Fixture, NULL, fixture_setup, test_upload_unhashed, fixture_teardown);
  g_test_add ("/submit/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);

  {
    int status = g_test_run ();

    reslib_test_rm_rf (tmp_root);
    return status;
  }
}
