/* test-upload.c — the tus upload against a real server: @tus/server + @tus/file-store over HTTPS on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificates come from a throwaway CA made with `openssl` at run time; the server and the cutting proxy
 * are the Node programs of tests/peers (skipped when node or tests/peers/node_modules is missing).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "reslib-store-packages.h"
#include "reslib-test-utils.h"
#include "reslib-upload.h"

#define TOKEN        "tok-Zq81-uPl0aD-s3cr3t-7f3a9c2e"
#define WRONG_TOKEN  "tok-wrong-but-also-secret-55aa"
#define MiB          (1024 * 1024)
#define PACKAGE_SIZE (8 * MiB + 12345)

static char *tmp_root;       /* certificates and packages shared by the tests */
static char *ca_pem;         /* the CA the tests trust */
static char *good_cert, *good_key;
static char *wrong_host_cert, *wrong_host_key;
static char *untrusted_cert, *untrusted_key;
static char *package;        /* PACKAGE_SIZE random bytes */
static char *package_sha256;
static char *node;
static gboolean peers_ok;
static gboolean cli_debug;   /* the next CLI runs print every debug message (G_MESSAGES_DEBUG=all) */

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

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
make_cert (const char *name,
           const char *ca_name,
           const char *san,
           char      **cert,
           char      **key)
{
  g_autofree char *csr = g_strdup_printf ("%s.csr", name);
  g_autofree char *ext = g_strdup_printf ("%s.ext", name);
  g_autofree char *ca_cert = g_strdup_printf ("%s.pem", ca_name);
  g_autofree char *ca_key = g_strdup_printf ("%s.key", ca_name);
  g_autofree char *san_line = g_strdup_printf ("subjectAltName=%s\n", san);
  g_autofree char *ext_path = g_build_filename (tmp_root, ext, NULL);

  *cert = g_strdup_printf ("%s/%s.pem", tmp_root, name);
  *key = g_strdup_printf ("%s/%s.key", tmp_root, name);
  g_assert_true (g_file_set_contents (ext_path, san_line, -1, NULL));
  run_ok ((const char * const[]) { "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                   "-nodes", "-keyout", *key, "-out", csr, "-subj", "/CN=reslib test server", NULL });
  run_ok ((const char * const[]) { "openssl", "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key,
                                   "-CAcreateserial", "-out", *cert, "-days", "2", "-extfile", ext, NULL });
}

static void
make_ca (const char *name)
{
  g_autofree char *cert = g_strdup_printf ("%s.pem", name);
  g_autofree char *key = g_strdup_printf ("%s.key", name);

  run_ok ((const char * const[]) { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                                   "-subj", "/CN=reslib throwaway test CA", NULL });
}

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Peers                                                                                           */

typedef struct
{
  GSubprocess *proc;
  guint        port;
  char        *out;
  char        *err;
} Peer;

static void
peer_stop (Peer *peer)
{
  if (peer == NULL || peer->proc == NULL)
    return;
  g_subprocess_send_signal (peer->proc, SIGKILL);
  g_subprocess_wait (peer->proc, NULL, NULL);
  g_clear_object (&peer->proc);
}

static void
peer_free (Peer *peer)
{
  peer_stop (peer);
  g_free (peer->out);
  g_free (peer->err);
  g_free (peer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Peer, peer_free)

/* A peer dies with the test, even when an assertion aborts it. */
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
  g_subprocess_launcher_unsetenv (launcher, "RESLIB_TOKEN");
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
  {
    g_autofree char *err = NULL;
    g_file_get_contents (peer->err, &err, NULL, NULL);
    g_error ("%s did not start: %s", script, err);
  }
  return NULL;
}

typedef struct
{
  char        *dir;
  char        *store_dir;   /* the server's file store */
  char        *log;         /* the server's request log */
  char        *data_dir;
  ReslibStore *store;
  char        *project_id;
  Peer        *server;
  Peer        *proxy;
  char        *stats;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-upload-XXXXXX");
  f->store_dir = g_build_filename (f->dir, "files", NULL);
  f->log = g_build_filename (f->dir, "server.log", NULL);
  f->stats = g_build_filename (f->dir, "proxy.json", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project_id = reslib_test_new_project (f->store, "上传测试");
}

/* No file under @dir holds @needle. */
static void
assert_no_file_contains (const char *dir,
                         const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_no_file_contains (path, needle);
      else if (file_contains (path, needle))
        g_error ("%s holds the token", path);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (reslib_store_get_db_path (f->store), "-wal", NULL);

  /* The token never reaches the database, nor any other file of the data folder. */
  g_assert_false (file_contains (reslib_store_get_db_path (f->store), TOKEN));
  g_assert_false (file_contains (wal, TOKEN));
  assert_no_file_contains (f->data_dir, TOKEN);
  g_clear_pointer (&f->server, peer_free);
  g_clear_pointer (&f->proxy, peer_free);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->store_dir);
  g_free (f->log);
  g_free (f->stats);
  g_free (f->data_dir);
  g_free (f->project_id);
}

static gboolean
need_peers (void)
{
  if (!peers_ok)
    g_test_skip ("node, openssl or tests/peers/node_modules is missing (build-aux/bootstrap installs them)");
  return peers_ok;
}

static void
start_server_full (Fixture    *f,
                   const char *cert,
                   const char *key,
                   guint       port,
                   const char *extra1,
                   const char *extra2,
                   const char *extra3,
                   const char *extra4)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  f->server = peer_start (f->dir, "tus-server.mjs",
                          (const char * const[]) { "--cert", cert, "--key", key, "--store", f->store_dir,
                                                   "--log", f->log, "--port", port_text, extra1, extra2, extra3,
                                                   extra4, NULL });
}

static void
start_server (Fixture    *f,
              const char *cert,
              const char *key,
              guint       port,
              const char *extra1,
              const char *extra2)
{
  start_server_full (f, cert, key, port, extra1, extra2, NULL, NULL);
}

static void
start_proxy (Fixture    *f,
             const char *cut_after,
             const char *cuts)
{
  g_autofree char *target = g_strdup_printf ("%u", f->server->port);

  f->proxy = peer_start (f->dir, "cut-proxy.mjs",
                         (const char * const[]) { "--target", target, "--stats", f->stats,
                                                  cut_after ? "--cut-after" : NULL, cut_after, "--cuts", cuts, NULL });
}

static char *
endpoint_of (Peer *peer)
{
  return g_strdup_printf ("https://127.0.0.1:%u/files", peer->port);
}

static ReslibUpload *
new_upload (Fixture    *f,
            Peer       *to,
            const char *token)
{
  g_autofree char *endpoint = endpoint_of (to);
  ReslibUpload *upload = reslib_upload_new (f->store, package, endpoint);

  reslib_upload_set_token (upload, token);
  reslib_upload_set_ca_file (upload, ca_pem);
  reslib_upload_set_project (upload, f->project_id);
  reslib_upload_set_kind (upload, "progress");
  reslib_upload_set_bag_name (upload, "bag-1");
  reslib_upload_set_chunk_size (upload, MiB);
  reslib_upload_set_retries (upload, 20, 20, 400);

  return upload;
}

/* The file the server stores for an upload URL. */
static char *
stored_file (Fixture    *f,
             const char *upload_url)
{
  g_autofree char *id = g_path_get_basename (upload_url);

  return g_build_filename (f->store_dir, id, NULL);
}

static void
assert_stored_equal (Fixture      *f,
                     ReslibUpload *upload)
{
  g_autofree char *path = stored_file (f, reslib_upload_get_upload_url (upload));
  g_autofree char *sha = sha256_of_file (path);
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sha, ==, package_sha256);
  g_assert_cmpstr (reslib_upload_get_sha256 (upload), ==, package_sha256);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (upload), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_record_get_int (row, "upload_offset", -1), ==, PACKAGE_SIZE);
  g_assert_cmpint (reslib_record_get_int (row, "size", -1), ==, PACKAGE_SIZE);
  g_assert_nonnull (reslib_record_get (row, "completed_at"));
  g_assert_null (reslib_record_get (row, "last_error"));
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, reslib_upload_get_upload_url (upload));
  g_assert_cmpstr (reslib_record_get (row, "sha256"), ==, package_sha256);
  {
    g_autoptr(JsonNode) events = reslib_store_list_events (f->store, reslib_upload_get_submission_id (upload), &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = json_to_string (events, FALSE);
    g_assert_nonnull (strstr (text, "\"upload\""));
    g_assert_null (strstr (text, TOKEN));
  }
}

static guint
count_in_log (Fixture    *f,
              const char *method,
              int         status)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *m = g_strdup_printf ("\"method\":\"%s\"", method);
  g_autofree char *s = g_strdup_printf ("\"status\":%d", status);
  guint n = 0;

  if (!g_file_get_contents (f->log, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], m) != NULL && (status == 0 || strstr (lines[i], s) != NULL))
      n++;

  return n;
}

static gint64
proxy_stat (Fixture    *f,
            const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, f->stats, NULL))
    return 0;
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), member);
}

/* ---------------------------------------------------------------------------------------------- */
/* Tests                                                                                           */

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibUpload) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *info = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (upload), ==, PACKAGE_SIZE);
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 1);
  g_assert_cmpuint (count_in_log (f, "PATCH", 204), ==, 9);

  /* The metadata reached the server. */
  json = g_strdup_printf ("%s/%s.json", f->store_dir, strrchr (reslib_upload_get_upload_url (upload), '/') + 1);
  g_assert_true (g_file_get_contents (json, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, package_sha256));
  g_assert_nonnull (strstr (info, f->project_id));
  g_assert_nonnull (strstr (info, "\"kind\":\"progress\""));
  g_assert_nonnull (strstr (info, "\"bag\":\"bag-1\""));
  g_assert_nonnull (strstr (info, "\"filename\":\"package.tar\""));

  /* Once complete, the same package is not sent again. */
  again = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (again), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_upload_get_was_complete (again));
  g_assert_cmpuint (reslib_upload_get_bytes_sent (again), ==, 0);
  g_assert_cmpstr (reslib_upload_get_submission_id (again), ==, reslib_upload_get_submission_id (upload));
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
}

static void
test_cut_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  /* Each of the first four connections dies after 1.5 MiB from the client. */
  start_proxy (f, "1572864", "4");
  upload = new_upload (f, f->proxy, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpint (proxy_stat (f, "cuts"), ==, 4);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  g_assert_cmpuint (count_in_log (f, "HEAD", 0), >=, 4);
}

static void
test_stall (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  /* The first connection goes silent after 2 MiB: the low-speed limit notices (curl averages the speed over
   * about 5 s) and the client retries. */
  target = g_strdup_printf ("%u", f->server->port);
  f->proxy = peer_start (f->dir, "cut-proxy.mjs",
                         (const char * const[]) { "--target", target, "--stats", f->stats, "--stall-after", "2097152",
                                                  "--cuts", "1", NULL });
  upload = new_upload (f, f->proxy, TOKEN);
  reslib_upload_set_low_speed (upload, 64 * 1024, 1);
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpint (proxy_stat (f, "cuts"), ==, 1);
}

static void
test_503 (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--fail-every", "2");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), ==, 8);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (!need_peers ())
    return;
  /* The server asks for a 1 s pause: longer than the client's own 20 ms backoff. */
  start_server_full (f, good_cert, good_key, 0, "--fail-every", "4", "--retry-after", "1");
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_chunk_size (upload, 2 * MiB);
  start = g_get_monotonic_time ();
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  assert_stored_equal (f, upload);
}

static void
test_retry_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;

  if (!need_peers ())
    return;
  /* Every PATCH fails: give up after the retries, with the reason, and keep it with the submission. */
  start_server (f, good_cert, good_key, 0, "--fail-every", "1");
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_retries (upload, 3, 10, 20);
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), ==, 4);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (upload), NULL);
  g_assert_nonnull (strstr (reslib_record_get (row, "last_error"), "503"));
  g_assert_null (reslib_record_get (row, "completed_at"));
}

typedef struct
{
  Fixture      *f;
  GCancellable *cancellable;
  guint64       at;
  guint64       last_done;
  gboolean      restarted;
  GMainLoop    *loop;
  gboolean      ok;
  GError       *error;
  guint         calls;
} Watch;

static void
cancel_at_cb (const ReslibProgress *p,
              gpointer              user_data)
{
  Watch *w = user_data;

  w->calls++;
  g_assert_cmpuint (p->bytes_total, ==, PACKAGE_SIZE);
  g_assert_cmpuint (p->bytes_done, <=, p->bytes_total);
  if (p->bytes_done >= w->at)
    g_cancellable_cancel (w->cancellable);
}

static void
test_pause_resume_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ReslibUpload) first = NULL;
  g_autoptr(ReslibUpload) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReslibRecord) row = NULL;
  g_autofree char *url = NULL;
  Watch w = { f, cancellable, 3 * MiB, 0, };
  gint64 offset;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);

  /* Pause (cancel) part-way … */
  first = new_upload (f, f->server, TOKEN);
  reslib_upload_set_max_send_speed (first, 8 * MiB);
  reslib_job_set_progress_func (RESLIB_JOB (first), cancel_at_cb, &w, NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (first), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (w.calls, >, 2);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (first), NULL);
  url = g_strdup (reslib_record_get (row, "upload_url"));
  offset = reslib_record_get_int (row, "upload_offset", -1);
  g_assert_nonnull (url);
  g_assert_cmpint (offset, >=, 2 * MiB);
  g_assert_cmpint (offset, <, PACKAGE_SIZE);
  g_clear_object (&row);

  /* … resume: the same upload, only what the server lacks is sent. */
  second = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (second), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_upload_url (second), ==, url);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (second), <=, PACKAGE_SIZE - offset);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  assert_stored_equal (f, second);

  /* A complete submission is not cancelled: nothing is asked of the server, the row keeps its upload (the
   * termination of an unfinished one is /upload/cancel-never-resumed). */
  g_assert_false (reslib_upload_cancel_submission (f->store, reslib_upload_get_submission_id (second), TOKEN, ca_pem,
                                                   NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "complete"));
  g_assert_cmpuint (count_in_log (f, "DELETE", 0), ==, 0);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (second), NULL);
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, url);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_COMPLETE);
}

static void
test_removed_upload (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ReslibUpload) first = NULL;
  g_autoptr(ReslibUpload) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = NULL;
  Watch w = { f, cancellable, 2 * MiB, 0, };

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  first = new_upload (f, f->server, TOKEN);
  reslib_upload_set_max_send_speed (first, 8 * MiB);
  reslib_job_set_progress_func (RESLIB_JOB (first), cancel_at_cb, &w, NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (first), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  url = g_strdup (reslib_upload_get_upload_url (first));
  g_assert_nonnull (url);

  /* The server forgot the upload (expired and cleaned up): a new one starts. */
  reslib_test_rm_rf (f->store_dir);
  g_mkdir (f->store_dir, 0700);
  second = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (second), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_upload_url (second), !=, url);
  g_assert_cmpstr (reslib_upload_get_submission_id (second), ==, reslib_upload_get_submission_id (first));
  g_assert_cmpuint (count_in_log (f, "HEAD", 404), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 2);
  assert_stored_equal (f, second);
}

/* What a job's caller sees of a run: where its progress came, the stages, the last report. */
typedef struct
{
  GThread      *main_thread;
  guint         n_progress;
  guint         n_wrong_thread;
  guint         n_fraction;
  gboolean      saw_hashing;
  gboolean      saw_sending;
  char         *last_stage;
  guint64       last_done;
  guint64       cancel_at;       /* reslib_job_cancel() once this many bytes are done; 0: never */
  GMainLoop    *loop;
  gboolean      ok;
  GError       *error;
} JobWatch;

static void
job_progress_cb (ReslibJob            *job,
                 const ReslibProgress *p,
                 gpointer              user_data)
{
  JobWatch *w = user_data;

  w->n_progress++;
  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
  g_assert_cmpuint (p->bytes_total, ==, PACKAGE_SIZE);
  g_assert_cmpuint (p->bytes_done, <=, p->bytes_total);
  w->saw_hashing |= g_strcmp0 (p->stage, "hashing") == 0;
  w->saw_sending |= g_strcmp0 (p->stage, "sending") == 0;
  /* The message says the stage shown. */
  if (g_strcmp0 (p->stage, "waiting") == 0)
    g_assert_true (g_str_has_prefix (reslib_job_get_message (job), "Retrying ("));
  else if (p->stage != NULL)
    g_assert_cmpstr (reslib_job_get_message (job), ==,
                     g_str_equal (p->stage, "hashing") ? "Reading the package" :
                     g_str_equal (p->stage, "connecting") ? "Connecting to the server" :
                     g_str_equal (p->stage, "sending") ? "Sending the package" : "Package uploaded");
  g_free (w->last_stage);
  w->last_stage = g_strdup (p->stage);
  w->last_done = p->bytes_done;
  if (w->cancel_at > 0 && g_strcmp0 (p->stage, "sending") == 0 && p->bytes_done >= w->cancel_at)
    reslib_job_cancel (job);
}

static void
job_fraction_cb (ReslibJob  *job,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  JobWatch *w = user_data;

  w->n_fraction++;
  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
}

static void
job_watch (JobWatch     *w,
           ReslibUpload *upload)
{
  w->main_thread = g_thread_self ();
  g_signal_connect (upload, "progress", G_CALLBACK (job_progress_cb), w);
  g_signal_connect (upload, "notify::fraction", G_CALLBACK (job_fraction_cb), w);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobWatch *w = user_data;

  w->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
job_watch_clear (JobWatch *w)
{
  g_free (w->last_stage);
  g_clear_error (&w->error);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}

/* The upload as a job: run in a worker or in the caller's thread, it leaves the same results, and its progress
 * comes only in the caller's thread, the last report ("done", all bytes) before the run returns. */
static void
test_job_sync_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ReslibUpload) async_upload = NULL;
  g_autoptr(ReslibUpload) sync_upload = NULL;
  g_autoptr(GError) error = NULL;
  JobWatch a = { 0, };
  JobWatch s = { 0, };

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  start_proxy (f, NULL, "0");   /* another endpoint to the same server: a submission of its own */

  async_upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_max_send_speed (async_upload, 16 * MiB);
  job_watch (&a, async_upload);
  a.loop = g_main_loop_new (NULL, FALSE);
  reslib_job_run_async (RESLIB_JOB (async_upload), NULL, job_done_cb, &a);
  g_assert_true (reslib_job_get_busy (RESLIB_JOB (async_upload)));
  g_main_loop_run (a.loop);
  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_false (reslib_job_get_busy (RESLIB_JOB (async_upload)));

  sync_upload = new_upload (f, f->proxy, TOKEN);
  reslib_upload_set_max_send_speed (sync_upload, 16 * MiB);
  job_watch (&s, sync_upload);
  g_assert_true (reslib_job_run (RESLIB_JOB (sync_upload), NULL, &error));
  g_assert_no_error (error);

  for (JobWatch *w = &a; w != NULL; w = w == &a ? &s : NULL)
    {
      g_assert_cmpuint (w->n_wrong_thread, ==, 0);
      g_assert_cmpuint (w->n_progress, >=, 2);
      g_assert_cmpuint (w->n_fraction, >=, 1);
      g_assert_true (w->saw_sending);
      g_assert_cmpstr (w->last_stage, ==, "done");
      g_assert_cmpuint (w->last_done, ==, PACKAGE_SIZE);
    }
  /* The digest was read for the first run and kept for the second. */
  g_assert_true (a.saw_hashing);
  assert_stored_equal (f, async_upload);
  assert_stored_equal (f, sync_upload);
  g_assert_cmpstr (reslib_upload_get_submission_id (sync_upload), !=, reslib_upload_get_submission_id (async_upload));
  g_assert_cmpstr (reslib_upload_get_sha256 (sync_upload), ==, reslib_upload_get_sha256 (async_upload));
  g_assert_cmpuint (reslib_upload_get_bytes_sent (async_upload), ==, PACKAGE_SIZE);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (sync_upload), ==, PACKAGE_SIZE);
  g_assert_false (reslib_upload_get_was_complete (async_upload));
  g_assert_false (reslib_upload_get_was_complete (sync_upload));
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (async_upload)), ==, 1.0);
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (sync_upload)), ==, 1.0);
  g_assert_null (reslib_job_get_error (RESLIB_JOB (async_upload)));
  g_assert_nonnull (reslib_job_get_title (RESLIB_JOB (async_upload)));
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (async_upload)), ==, "Package uploaded");
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (sync_upload)), ==, "Package uploaded");
  job_watch_clear (&a);
  job_watch_clear (&s);
}

/* reslib_job_cancel() pauses an async upload: the run ends cancelled with the offset kept, and the job runs
 * again to the end from there. */
static void
test_job_cancel (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  JobWatch w = { 0, };
  gint64 offset;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_max_send_speed (upload, 8 * MiB);
  job_watch (&w, upload);
  w.cancel_at = 3 * MiB;
  w.loop = g_main_loop_new (NULL, FALSE);
  reslib_job_run_async (RESLIB_JOB (upload), NULL, job_done_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (w.ok);
  g_assert_error (reslib_job_get_error (RESLIB_JOB (upload)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (w.n_wrong_thread, ==, 0);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (upload), NULL);
  offset = reslib_record_get_int (row, "upload_offset", -1);
  g_assert_cmpint (offset, >=, 2 * MiB);
  g_assert_cmpint (offset, <, PACKAGE_SIZE);
  g_assert_null (reslib_record_get (row, "completed_at"));
  g_clear_error (&w.error);

  /* The same job, again: it resumes and ends. */
  w.cancel_at = 0;
  g_main_loop_unref (w.loop);
  w.loop = g_main_loop_new (NULL, FALSE);
  reslib_job_run_async (RESLIB_JOB (upload), NULL, job_done_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_null (reslib_job_get_error (RESLIB_JOB (upload)));
  g_assert_cmpuint (reslib_upload_get_bytes_sent (upload), <=, PACKAGE_SIZE - offset);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  assert_stored_equal (f, upload);
  job_watch_clear (&w);
}

static void
touch_at_cb (const ReslibProgress *p,
             gpointer              user_data)
{
  const char *path = user_data;
  static gboolean done;

  if (!done && g_strcmp0 (p->stage, "sending") == 0 && p->bytes_done >= 2 * MiB)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      done = TRUE;
      g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 1000000000,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL));
    }
}

static void
test_package_changed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibUpload) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.tar", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *endpoint = NULL;
  gsize len;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  g_assert_true (g_file_get_contents (package, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));

  /* A package that changes while it is sent is not sent on. */
  endpoint = endpoint_of (f->server);
  upload = reslib_upload_new (f->store, copy, endpoint);
  reslib_upload_set_token (upload, TOKEN);
  reslib_upload_set_ca_file (upload, ca_pem);
  reslib_upload_set_project (upload, f->project_id);
  reslib_upload_set_kind (upload, "progress");
  reslib_upload_set_chunk_size (upload, MiB);
  reslib_upload_set_max_send_speed (upload, 8 * MiB);
  reslib_job_set_progress_func (RESLIB_JOB (upload), touch_at_cb, copy, NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED);
  g_clear_error (&error);

  /* Resuming that submission with other bytes is refused before anything is sent. */
  contents[0] ^= 1;
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  other = reslib_upload_new (f->store, copy, endpoint);
  reslib_upload_set_token (other, TOKEN);
  reslib_upload_set_ca_file (other, ca_pem);
  reslib_upload_set_submission_id (other, reslib_upload_get_submission_id (upload));
  g_assert_false (reslib_job_run (RESLIB_JOB (other), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_CHANGED);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (other), ==, 0);
}

static void
restart_cb (const ReslibProgress *p,
            gpointer              user_data)
{
  Watch *w = user_data;

  g_assert_cmpuint (p->bytes_done, <=, p->bytes_total);
  if (!w->restarted && g_strcmp0 (p->stage, "sending") == 0 && p->bytes_done >= w->at)
    {
      guint port = w->f->server->port;

      w->restarted = TRUE;
      g_clear_pointer (&w->f->server, peer_free);
      g_usleep (300000);
      start_server (w->f, good_cert, good_key, port, NULL, NULL);
      g_assert_cmpuint (w->f->server->port, ==, port);
    }
}

static void
upload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Watch *w = user_data;

  w->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
test_server_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watch w = { f, NULL, 3 * MiB, 0, };

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  upload = new_upload (f, f->server, TOKEN);
  /* Room for a slow restart of node on a busy machine: up to ~30 s of retries. */
  reslib_upload_set_retries (upload, 100, 20, 400);
  reslib_upload_set_max_send_speed (upload, 6 * MiB);
  reslib_upload_set_chunk_size (upload, 4 * MiB);
  reslib_job_set_progress_func (RESLIB_JOB (upload), restart_cb, &w, NULL);
  w.loop = loop;
  reslib_job_run_async (RESLIB_JOB (upload), NULL, upload_done_cb, &w);
  g_main_loop_run (loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (w.restarted);
  /* The restarted server knows nothing of the earlier requests; it resumed with HEAD. */
  g_assert_cmpuint (count_in_log (f, "HEAD", 200), >=, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  assert_stored_equal (f, upload);
}

static void
expect_refused (Fixture    *f,
                const char *cert,
                const char *key,
                int         code)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  start_server (f, cert, key, 0, NULL, NULL);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, code);
  g_assert_null (strstr (error->message, TOKEN));
  /* Nothing reached the server's handler. */
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 0) + count_in_log (f, "POST", 0) + count_in_log (f, "PATCH", 0), ==, 0);
}

static void
test_untrusted_ca (Fixture       *f,
                   gconstpointer  data)
{
  if (need_peers ())
    expect_refused (f, untrusted_cert, untrusted_key, RESLIB_UPLOAD_ERROR_TLS);
}

static void
test_wrong_host (Fixture       *f,
                 gconstpointer  data)
{
  if (need_peers ())
    expect_refused (f, wrong_host_cert, wrong_host_key, RESLIB_UPLOAD_ERROR_TLS);
}

static void
test_max_size (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--max-size", "1048576");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE);
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 204), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 0);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, 0);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (upload), ==, 0);
}

static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = reslib_upload_new (f->store, package, "http://example.com/files");
  g_autoptr(GError) error = NULL;

  reslib_upload_set_project (upload, f->project_id);
  reslib_upload_set_kind (upload, "progress");
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https://"));
}

static int cli_run (Fixture            *f,
                    const char         *token,
                    char              **out,
                    char              **err,
                    const char * const *args);


/* A PATCH answered 409 (the offset did not match): HEAD again, and go on from the server's offset. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--conflict-at", "3");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpuint (count_in_log (f, "PATCH", 409), ==, 1);
  g_assert_cmpuint (count_in_log (f, "HEAD", 200), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  g_assert_cmpuint (count_in_log (f, "PATCH", 204), ==, 9);
}

/* The endpoint does not say its limit, and refuses the upload at POST: a clear message, nothing sent. */
static void
test_too_large_at_post (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--max-size", "1048576");
  /* The same server without Tus-Max-Size in OPTIONS. */
  g_clear_pointer (&f->server, peer_free);
  start_server_full (f, good_cert, good_key, 0, "--max-size", "1048576", "--hide-max-size", NULL);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "413"));
  g_assert_cmpuint (count_in_log (f, "POST", 413), ==, 1);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, 0);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (upload), ==, 0);

  /* The command line: exit 3, one line on stderr. */
  endpoint = endpoint_of (f->server);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                             (const char * const[]) { "upload", package, "--endpoint", endpoint, "--cacert", ca_pem,
                                                      "--project", f->project_id, "--kind", "progress", NULL }), ==, 3);
  g_assert_true (g_str_has_prefix (err, "reslib: "));
  g_assert_nonnull (strstr (err, "413"));
  g_assert_cmpuint (strlen (err), ==, (gsize) (strchr (err, '\n') - err) + 1);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, 0);
}

/* Pauses an upload after 2 MiB; returns its upload URL. */
static char *
pause_after_2mib (Fixture *f)
{
  g_autoptr(ReslibUpload) first = new_upload (f, f->server, TOKEN);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Watch w = { f, cancellable, 2 * MiB, 0, };

  reslib_upload_set_max_send_speed (first, 8 * MiB);
  reslib_job_set_progress_func (RESLIB_JOB (first), cancel_at_cb, &w, NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (first), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (reslib_upload_get_upload_url (first));

  return g_strdup (reslib_upload_get_upload_url (first));
}

static ReslibRecord *
only_submission (Fixture *f)
{
  g_autoptr(GListModel) rows = reslib_store_list (f->store, RESLIB_KIND_SUBMISSION, f->project_id, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  return g_list_model_get_item (rows, 0);
}

/* The server's uploads expire (tus expiration, @tus/file-store): the client saw Upload-Expires, and starts a
 * new upload once it has passed, in the same submission. */
static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ReslibUpload) second = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--expire-ms", "3000");
  url = pause_after_2mib (f);
  row = only_submission (f);
  g_assert_nonnull (reslib_record_get (row, "expires_at"));
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, url);
  g_clear_object (&row);
  g_usleep (4 * G_USEC_PER_SEC);

  second = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (second), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, second);
  g_assert_cmpstr (reslib_upload_get_upload_url (second), !=, url);
  row = only_submission (f);
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, reslib_upload_get_upload_url (second));
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 2);
}

/* The same, when the server did not announce the expiry: HEAD answers 410 Gone, and a new upload starts. */
static void
test_expired_unannounced (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ReslibUpload) second = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!need_peers ())
    return;
  start_server_full (f, good_cert, good_key, 0, "--expire-ms", "3000", "--hide-expires", NULL);
  url = pause_after_2mib (f);
  row = only_submission (f);
  g_assert_null (reslib_record_get (row, "expires_at"));
  g_clear_object (&row);
  g_usleep (4 * G_USEC_PER_SEC);

  second = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (second), NULL, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, second);
  g_assert_cmpuint (count_in_log (f, "HEAD", 410), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 2);
  row = only_submission (f);
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, reslib_upload_get_upload_url (second));
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), !=, url);
}

/* A 403 on HEAD is a refused token, not a vanished upload: stop with the token message, keep the upload. */
static void
test_head_forbidden (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ReslibUpload) second = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint port;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  url = pause_after_2mib (f);
  port = f->server->port;
  g_clear_pointer (&f->server, peer_free);
  start_server (f, good_cert, good_key, port, "--head-status", "403");

  second = new_upload (f, f->server, TOKEN);
  g_assert_false (reslib_job_run (RESLIB_JOB (second), NULL, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "token"));
  g_assert_cmpuint (count_in_log (f, "HEAD", 403), ==, 1);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  row = only_submission (f);
  g_assert_cmpstr (reslib_record_get (row, "upload_url"), ==, url);
}

/* An upload of a package that pack recorded takes the digest from the store instead of reading the file;
 * a file that is not exactly the one recorded is read, and what was read is recorded. */
static void
test_recorded_digest (Fixture       *f,
                      gconstpointer  data)
{
  static const char marker[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autofree char *copy = g_build_filename (f->dir, "copy.tar", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibUpload) touched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  ReslibPackageFile facts = { 0 };
  struct stat st;
  gsize len;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);
  g_assert_true (g_file_get_contents (package, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  facts.size = (guint64) st.st_size;
  facts.mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  facts.device = (guint64) st.st_dev;
  facts.inode = (guint64) st.st_ino;
  /* A digest no file has: if the upload reports it, it did not read the file. */
  g_assert_true (reslib_store_note_package_built (f->store, f->project_id, "progress", "bag-1", copy, &facts, marker,
                                                  &error));
  g_assert_no_error (error);

  upload = reslib_upload_new (f->store, copy, endpoint);
  reslib_upload_set_token (upload, TOKEN);
  reslib_upload_set_ca_file (upload, ca_pem);
  reslib_upload_set_project (upload, f->project_id);
  reslib_upload_set_kind (upload, "progress");
  g_assert_true (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_sha256 (upload), ==, marker);

  /* Touched since: read again. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (copy);
    g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 1000000000,
                                                G_FILE_QUERY_INFO_NONE, NULL, NULL));
  }
  touched = reslib_upload_new (f->store, copy, endpoint);
  reslib_upload_set_token (touched, TOKEN);
  reslib_upload_set_ca_file (touched, ca_pem);
  reslib_upload_set_project (touched, f->project_id);
  reslib_upload_set_kind (touched, "progress");
  g_assert_true (reslib_job_run (RESLIB_JOB (touched), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_sha256 (touched), ==, package_sha256);

  /* What it read is kept for the file as it is now. */
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  facts.mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  {
    g_autofree char *found = reslib_store_find_package_sha256 (f->store, copy, &facts, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, package_sha256);
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* The command line                                                                                */

static GSubprocess *
cli_spawn (Fixture            *f,
           const char         *token,
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
  g_subprocess_launcher_setenv (launcher, "RESLIB_TOKEN", token, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (cli_debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
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
         const char         *token,
         char              **out,
         char              **err,
         const char * const *args)
{
  g_autofree char *out_path = g_build_filename (f->dir, "cli.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "cli.err", NULL);
  g_autoptr(GSubprocess) proc = cli_spawn (f, token, out_path, err_path, args);

  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_true (g_file_get_contents (out_path, out, NULL, NULL));
  g_assert_true (g_file_get_contents (err_path, err, NULL, NULL));
  g_assert_null (strstr (*out, TOKEN));
  g_assert_null (strstr (*err, TOKEN));
  g_assert_null (strstr (*out, WRONG_TOKEN));
  g_assert_null (strstr (*err, WRONG_TOKEN));

  return g_subprocess_get_exit_status (proc);
}

static void
test_cli_wrong_token (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);
  g_assert_cmpint (cli_run (f, WRONG_TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", endpoint, "--cacert", ca_pem,
                                                     "--project", f->project_id, "--kind", "progress", NULL }), ==, 3);
  g_assert_nonnull (strstr (err, "refused the token"));
  g_assert_nonnull (strstr (err, "401"));
  g_assert_cmpuint (count_in_log (f, "POST", 0) + count_in_log (f, "PATCH", 0), ==, 0);
  g_assert_false (file_contains (reslib_store_get_db_path (f->store), WRONG_TOKEN));
}

static void
test_cli_killed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "killed.out", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "killed.err", NULL);
  g_autofree char *sql_offset = NULL;
  g_autofree char *url_before = NULL;
  g_autofree char *url_after = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  const char *db;
  gint64 deadline;
  gint64 up_first;
  gint64 up_total;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  start_proxy (f, NULL, "0");   /* counts the bytes, cuts nothing */
  endpoint = endpoint_of (f->proxy);
  db = reslib_store_get_db_path (f->store);

  proc = cli_spawn (f, TOKEN, out_path, err_path,
                    (const char * const[]) { "upload", package, "--endpoint", endpoint, "--cacert", ca_pem,
                                             "--project", f->project_id, "--kind", "progress",
                                             "--chunk-size", "1M", "--limit-rate", "4M", NULL });
  /* Kill it once the server has confirmed 3 MiB. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&sql_offset, g_free);
      sql_offset = reslib_test_sql_text (db, "SELECT upload_offset FROM submissions");
      if (sql_offset != NULL && g_ascii_strtoll (sql_offset, NULL, 10) >= 3 * MiB)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  url_before = reslib_test_sql_text (db, "SELECT upload_url FROM submissions");
  g_assert_nonnull (url_before);
  g_usleep (300000);   /* for the proxy to see the connection end */
  up_first = proxy_stat (f, "up");
  g_assert_cmpint (up_first, >=, 3 * MiB);
  g_assert_cmpint (up_first, <, PACKAGE_SIZE);

  /* Again: it resumes the same upload from the server's offset. */
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", endpoint, "--cacert", ca_pem,
                                                     "--project", f->project_id, "--kind", "progress",
                                                     "--chunk-size", "1M", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "Uploaded"));
  url_after = reslib_test_sql_text (db, "SELECT upload_url FROM submissions");
  g_assert_cmpstr (url_before, ==, url_after);
  {
    g_autofree char *count = reslib_test_sql_text (db, "SELECT count(*) FROM submissions");
    g_assert_cmpstr (count, ==, "1");
  }
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  g_usleep (300000);
  up_total = proxy_stat (f, "up");
  /* At most one chunk sent twice (plus TLS, headers and handshakes). */
  g_test_message ("bytes from the client: %" G_GINT64_FORMAT " for a package of %d", up_total, PACKAGE_SIZE);
  g_assert_cmpint (up_total, <=, PACKAGE_SIZE + MiB + 128 * 1024);
  {
    g_autofree char *path = stored_file (f, url_after);
    g_autofree char *sha = sha256_of_file (path);
    g_assert_cmpstr (sha, ==, package_sha256);
  }
  g_assert_false (file_contains (out_path, TOKEN));
  g_assert_false (file_contains (err_path, TOKEN));

  /* The list of submissions shows it. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err, (const char * const[]) { "submissions", f->project_id, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "package.tar"));
  g_assert_nonnull (strstr (out, "uploaded 20"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "submissions", f->project_id, "--json", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, package_sha256));
}

static void
test_cli_package_info (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bag_info = g_strdup_printf ("Source-Organization: 测试学院\nExternal-Identifier: %s\n"
                                               "Reslib-Package-Kind: acceptance\n", f->project_id);
  g_autofree char *info_path = NULL;
  g_autofree char *tar = g_build_filename (f->dir, "reslib-acceptance-1.tar", NULL);
  g_autofree char *json = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_kind = NULL;

  if (!need_peers ())
    return;
  /* A package names its project and kind in its bag-info; no --project or --kind needed. */
  info_path = reslib_test_write_file (f->dir, "reslib-acceptance-1/bag-info.txt", bag_info, -1);
  g_free (reslib_test_write_file (f->dir, "reslib-acceptance-1/bagit.txt",
                                  "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", -1));
  {
    const char *argv[] = { "tar", "--format=ustar", "-C", f->dir, "-cf", tar, "reslib-acceptance-1", NULL };
    run_ok (argv);
  }
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", tar, "--endpoint", endpoint, "--cacert", ca_pem, NULL }),
                   ==, 0);
  db_kind = reslib_test_sql_text (reslib_store_get_db_path (f->store), "SELECT kind FROM submissions");
  g_assert_cmpstr (db_kind, ==, "acceptance");
  url = reslib_test_sql_text (reslib_store_get_db_path (f->store), "SELECT upload_url FROM submissions");
  json = g_strdup_printf ("%s/%s.json", f->store_dir, strrchr (url, '/') + 1);
  g_assert_true (g_file_get_contents (json, &meta, NULL, NULL));
  g_assert_nonnull (strstr (meta, "\"bag\":\"reslib-acceptance-1\""));
  g_assert_nonnull (strstr (meta, "\"kind\":\"acceptance\""));
  g_assert_nonnull (strstr (meta, f->project_id));
}

static void
test_cli_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* No token */
  g_assert_cmpint (cli_run (f, "", &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", "https://127.0.0.1:9/files",
                                                     "--project", f->project_id, "--kind", "progress", NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "RESLIB_TOKEN"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Plain HTTP elsewhere than this machine */
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", "http://example.com/files",
                                                     "--project", f->project_id, "--kind", "progress", NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "https://"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", "https://127.0.0.1:9/files",
                                                     "--project", f->project_id, "--kind", "progress",
                                                     "--chunk-size", "lots", NULL }), ==, 2);
}

/* `reslib upload --cancel`: ends the unfinished upload on the server and marks its submission. */
static void
test_cli_cancel (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(ReslibStore) store = NULL;
  const char * const args[] = { "upload", package, "--endpoint", NULL, "--cacert", ca_pem, "--project", f->project_id,
                                "--kind", "progress", "--cancel", NULL };

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);
  ((const char **) args)[3] = endpoint;
  url = pause_after_2mib (f);

  g_assert_cmpint (cli_run (f, TOKEN, &out, &err, args), ==, 0);
  g_assert_nonnull (strstr (out, "Cancelled"));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (count_in_log (f, "DELETE", 204), ==, 1);
  /* The server forgot it. */
  {
    g_autofree char *stored = stored_file (f, url);
    g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  }
  /* Another connection: the CLI wrote the row. */
  store = reslib_test_open_store (f->data_dir);
  {
    g_autoptr(GListModel) rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, f->project_id, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    row = g_list_model_get_item (rows, 0);
  }
  g_assert_null (reslib_record_get (row, "upload_url"));
  g_assert_cmpint (reslib_record_get_int (row, "upload_offset", -1), ==, 0);
  g_assert_nonnull (reslib_record_get (row, "last_error"));
  g_assert_null (reslib_record_get (row, "completed_at"));

  /* Nothing left to cancel: a usage error, one line. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err, args), ==, 2);
  g_assert_true (g_str_has_prefix (err, "reslib: "));
  g_assert_nonnull (strstr (err, "no unfinished upload"));
  g_assert_cmpuint (strlen (err), ==, (gsize) (strchr (err, '\n') - err) + 1);
  g_assert_cmpuint (count_in_log (f, "DELETE", 0), ==, 1);
}

/* ---------------------------------------------------------------------------------------------- */
/* A hostile or broken server                                                                      */

static gboolean
give_up_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs @upload, which must end by itself (succeed or fail) within @seconds: a client that loops is
 * stopped there and the test fails, instead of hanging until the test's timeout. */
static gboolean
run_bounded (ReslibUpload  *upload,
             guint          seconds,
             GError       **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch w = { NULL, };
  guint timeout;

  w.loop = loop;
  timeout = g_timeout_add_seconds (seconds, give_up_cb, cancellable);
  reslib_job_run_async (RESLIB_JOB (upload), cancellable, upload_done_cb, &w);
  g_main_loop_run (loop);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout);
  if (g_error_matches (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_error ("the upload was still going after %u s (%s)", seconds, w.error->message);
  if (w.error != NULL)
    g_propagate_error (error, w.error);

  return w.ok;
}

/* Nothing below 0x20 (nor DEL, nor ESC) in @text, and not longer than @max bytes. */
static void
assert_clean_text (const char *text,
                   gsize       max)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
      g_error ("a control character (0x%02x) in “%s”", (guchar) *p, text);
  g_assert_cmpuint (strlen (text), <=, max);
  g_assert_null (strstr (text, TOKEN));
}

/* A PATCH answered 204 with the offset unchanged, again and again: the client retries, with waits, and stops. */
static void
test_stuck_offset (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--stuck-offset", NULL);
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_retries (upload, 3, 20, 40);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "took none"));
  g_test_message ("PATCH requests: %u", count_in_log (f, "PATCH", 0));
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, 4);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  row = only_submission (f);
  g_assert_nonnull (strstr (reslib_record_get (row, "last_error"), "took none"));
}

/* Every PATCH answered 404 or 410: a few new uploads, after waits, then a clear stop. */
static void
test_gone_again (Fixture       *f,
                 gconstpointer  data)
{
  const char *status = data;
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--patch-status", status);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "lost the upload"));
  g_assert_nonnull (strstr (error->message, status));
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, RESLIB_UPLOAD_MAX_NEW_UPLOADS);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, RESLIB_UPLOAD_MAX_NEW_UPLOADS);
}

/* Uploads that expire as soon as they are made (@tus/file-store, 1 ms): the same limit. */
static void
test_expire_at_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--expire-ms", "1");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "lost the upload"));
  g_test_message ("POST requests: %u", count_in_log (f, "POST", 0));
  g_assert_cmpuint (count_in_log (f, "POST", 0), <=, RESLIB_UPLOAD_MAX_NEW_UPLOADS);
}

/* A 409 on every PATCH: HEAD again after a wait, and stop after the retries. */
static void
test_conflict_always (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--patch-status", "409");
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_retries (upload, 3, 20, 40);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "409"));
  g_assert_cmpuint (count_in_log (f, "PATCH", 409), ==, 4);
  g_assert_cmpuint (count_in_log (f, "HEAD", 0), ==, 3);
}

/* A new upload put on another origin (here: another host name for the same server, which its certificate
 * covers): neither the token nor the package goes there. */
static void
test_location_other_origin (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--location-origin", "https://localhost:PORT");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "another site"));
  g_assert_nonnull (strstr (error->message, "https://localhost:"));
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 1);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0) + count_in_log (f, "HEAD", 0), ==, 0);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (upload), ==, 0);
  row = only_submission (f);
  g_assert_null (reslib_record_get (row, "upload_url"));
}

/* A Location that holds the token (the server knows it, and would have it kept in the database): refused. */
static void
test_location_with_token (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--location-origin", "https://127.0.0.1:PORT/" TOKEN);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_cmpuint (count_in_log (f, "PATCH", 0) + count_in_log (f, "HEAD", 0), ==, 0);
  row = only_submission (f);
  g_assert_null (reslib_record_get (row, "upload_url"));
}

/* A listener that counts connections and forwards them to a closed port. */
static void
start_counter (Fixture *f)
{
  f->proxy = peer_start (f->dir, "cut-proxy.mjs",
                         (const char * const[]) { "--target", "9", "--stats", f->stats, NULL });
}

/* A new upload put on plain http on this machine: refused, not a byte sent there. */
static void
test_location_plain_http (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;

  if (!need_peers ())
    return;
  start_counter (f);
  origin = g_strdup_printf ("http://127.0.0.1:%u", f->proxy->port);
  start_server (f, good_cert, good_key, 0, "--location-origin", origin);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, origin));
  g_usleep (200000);
  g_assert_cmpint (proxy_stat (f, "connections"), ==, 0);
  g_assert_cmpuint (count_in_log (f, "PATCH", 0), ==, 0);
}

/* Redirects are not followed, to the same site or another. */
static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  if (!need_peers ())
    return;
  start_counter (f);
  target = g_strdup_printf ("https://127.0.0.1:%u/files", f->proxy->port);
  start_server (f, good_cert, good_key, 0, "--redirect", target);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "redirect"));
  g_assert_nonnull (strstr (error->message, target));
  g_usleep (200000);
  g_assert_cmpint (proxy_stat (f, "connections"), ==, 0);
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 307), ==, 1);
}

/* Plain http to this machine only with the tests' switch; without it, not even a connection. */
static void
test_plain_http_loopback (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ReslibUpload) refused = NULL;
  g_autoptr(ReslibUpload) allowed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!need_peers ())
    return;
  start_counter (f);
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/files", f->proxy->port);
  refused = reslib_upload_new (f->store, package, endpoint);
  reslib_upload_set_token (refused, TOKEN);
  reslib_upload_set_project (refused, f->project_id);
  reslib_upload_set_kind (refused, "progress");
  g_assert_false (reslib_job_run (RESLIB_JOB (refused), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", endpoint,
                                                     "--project", f->project_id, "--kind", "progress", NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "https://"));
  g_usleep (200000);
  g_assert_cmpint (proxy_stat (f, "connections"), ==, 0);

  /* With the switch, it goes there (and finds no endpoint). */
  g_setenv ("RESLIB_TEST_PLAIN_HTTP", "1", TRUE);
  allowed = reslib_upload_new (f->store, package, endpoint);
  reslib_upload_set_token (allowed, TOKEN);
  reslib_upload_set_project (allowed, f->project_id);
  reslib_upload_set_kind (allowed, "progress");
  reslib_upload_set_retries (allowed, 0, 10, 10);
  g_assert_false (reslib_job_run (RESLIB_JOB (allowed), NULL, &error));
  g_unsetenv ("RESLIB_TEST_PLAIN_HTTP");
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_usleep (300000);
  g_assert_cmpint (proxy_stat (f, "connections"), >=, 1);
}

/* A token with a line break (header injection) is refused before any request: the server sees nothing. */
static void
test_token_control_characters (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const bad[] = { TOKEN "\r\nX-Injected: 1", TOKEN "\n", TOKEN "\rX-Injected: 1", TOKEN "\x1b[2J",
                                      "tok en", TOKEN "\x7f", "tok\xc2\xa0" "en", "\x01" TOKEN };
  g_autofree char *endpoint = NULL;
  g_autofree char *token_file = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ReslibUpload) upload = new_upload (f, f->server, bad[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_false (reslib_upload_check_token (bad[i], NULL));
      g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "token"));
      g_assert_null (strstr (error->message, TOKEN));

      /* From RESLIB_TOKEN: a usage error. */
      g_assert_cmpint (cli_run (f, bad[i], &out, &err,
                                (const char * const[]) { "upload", package, "--endpoint", endpoint,
                                                         "--cacert", ca_pem, "--project", f->project_id,
                                                         "--kind", "progress", NULL }), ==, 2);
      g_assert_nonnull (strstr (err, "RESLIB_TOKEN"));
      g_assert_cmpuint (strlen (err), ==, (gsize) (strchr (err, '\n') - err) + 1);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);

      /* From a token file: bad input. The line break that ends the file's one line is allowed. */
      if (i == 1)
        continue;
      g_free (token_file);
      token_file = reslib_test_write_file (f->dir, "token", bad[i], -1);
      g_assert_cmpint (cli_run (f, "", &out, &err,
                                (const char * const[]) { "upload", package, "--endpoint", endpoint,
                                                         "--cacert", ca_pem, "--token-file", token_file,
                                                         "--project", f->project_id, "--kind", "progress", NULL }),
                       ==, 4);
      g_assert_nonnull (strstr (err, "token file"));
    }
  /* Nothing reached the server. */
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 0) + count_in_log (f, "POST", 0) + count_in_log (f, "HEAD", 0) +
                    count_in_log (f, "PATCH", 0) + count_in_log (f, "DELETE", 0), ==, 0);

  /* Ending an upload on the server (the app's Cancel, with the token from the keyring) refuses them too. */
  g_free (pause_after_2mib (f));
  {
    g_autoptr(ReslibRecord) row = only_submission (f);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (reslib_upload_cancel_submission (f->store, reslib_record_get_id (row), bad[i], ca_pem, NULL,
                                                         &error));
        g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
      }
  }
  g_assert_cmpuint (count_in_log (f, "DELETE", 0), ==, 0);
}

/* Chunks of less than 256 KiB, or negative sizes: refused by the command line, raised by the library. */
static void
test_chunk_sizes (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const bad[] = { "-1", "-1M", "0", "1", "262143", "255K", " 1M", "+1M", "18446744073709551615",
                                      "17179869184G" };
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                                (const char * const[]) { "upload", package, "--endpoint", "https://127.0.0.1:9/files",
                                                         "--project", f->project_id, "--kind", "progress",
                                                         "--chunk-size", bad[i], NULL }), ==, 2);
      g_assert_nonnull (strstr (err, bad[i]));
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                              (const char * const[]) { "upload", package, "--endpoint", "https://127.0.0.1:9/files",
                                                       "--project", f->project_id, "--kind", "progress",
                                                       "--limit-rate", "-1", NULL }), ==, 2);
  }

  if (!need_peers ())
    return;
  /* The library takes 1 byte as 256 KiB: 33 requests for 8 MiB + 12345 bytes, not 8 million. */
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_chunk_size (upload, 1);
  g_assert_true (run_bounded (upload, 60, &error));
  g_assert_no_error (error);
  assert_stored_equal (f, upload);
  g_assert_cmpuint (count_in_log (f, "PATCH", 204), ==, (PACKAGE_SIZE + RESLIB_UPLOAD_MIN_CHUNK_SIZE - 1) /
                                                         RESLIB_UPLOAD_MIN_CHUNK_SIZE);
}

/* What a server says reaches the user and the database bounded, with its control characters escaped, and
 * without the token even when the server echoes it. */
#define HOSTILE_BODY "\x1b]0;owned\x07\x1b[2J\x1b[31mRefused " TOKEN " \xe2\x80\xae" "dab \x9b" "1m \xff\xfe \t"

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new (HOSTILE_BODY);
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibUpload) retried = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Peer) failing = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!need_peers ())
    return;
  for (guint i = 0; i < 400; i++)
    g_string_append (body, "\x1b[5m0123456789");
  g_string_append (body, "\r\nThe second line\n");

  /* A refusal (400): the message. */
  start_server_full (f, good_cert, good_key, 0, "--post-status", "400", "--body", body->str);
  upload = new_upload (f, f->server, TOKEN);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  assert_clean_text (error->message, 1000);
  g_assert_nonnull (strstr (error->message, "Refused"));
  g_assert_nonnull (strstr (error->message, "\\x1b"));
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (upload), NULL);
  assert_clean_text (reslib_record_get (row, "last_error"), 1000);
  g_clear_object (&row);
  g_clear_error (&error);

  /* A failure that is retried (503) keeps the server's words as the reason, cleaned the same way. */
  failing = peer_start (f->dir, "tus-server.mjs",
                        (const char * const[]) { "--cert", good_cert, "--key", good_key, "--store", f->store_dir,
                                                 "--post-status", "503", "--body", body->str, NULL });
  retried = new_upload (f, failing, TOKEN);
  reslib_upload_set_retries (retried, 2, 10, 20);
  g_assert_false (run_bounded (retried, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  assert_clean_text (error->message, 1000);
  g_assert_nonnull (strstr (error->message, "503"));
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, reslib_upload_get_submission_id (retried), NULL);
  assert_clean_text (reslib_record_get (row, "last_error"), 1000);

  /* The command line: one clean line on stderr, and clean debug messages (which never hold the token:
   * cli_run() looks). */
  endpoint = endpoint_of (f->server);
  cli_debug = TRUE;
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", package, "--endpoint", endpoint, "--cacert", ca_pem,
                                                     "--project", f->project_id, "--kind", "progress", NULL }), ==, 3);
  cli_debug = FALSE;
  g_assert_null (memchr (err, 0x1b, strlen (err)));
  g_assert_null (strchr (err, '\r'));
  g_assert_null (strchr (err, '\a'));
  g_assert_nonnull (strstr (err, "Refused"));
  /* GLib prints debug messages on stdout. */
  g_assert_nonnull (strstr (out, "DEBUG"));
  g_assert_null (memchr (out, 0x1b, strlen (out)));
}

/* A server that loses what it took each time it fails: sending the same bytes again is no progress, and
 * the failures add up to the limit instead of starting over. */
static void
test_lose_on_fail (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_peers ())
    return;
  start_server_full (f, good_cert, good_key, 0, "--fail-every", "2", "--lose-on-fail", NULL);
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_retries (upload, 3, 20, 40);
  g_assert_false (run_bounded (upload, 30, &error));
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), ==, 4);
  g_assert_cmpuint (count_in_log (f, "PATCH", 204), ==, 4);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
}

/* A failed upload's reason, as the list of submissions prints it: on one line, escapes escaped, even when a
 * row from an older version holds them raw. */
static void
test_cli_submissions_escaped (Fixture       *f,
                              gconstpointer  data)
{
  const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint", "last_error",
                                  NULL };
  const char * const values[] = { f->project_id, "progress", "/tmp/evil\x1b[2J.tar", "10",
                                  "0000000000000000000000000000000000000000000000000000000000000000",
                                  "https://upload.example.edu.cn/files",
                                  "HTTP 500: \x1b]0;owned\x07\x1b[31mbad\nnext" };
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  id = reslib_store_insert (f->store, RESLIB_KIND_SUBMISSION, fields, values, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "submissions", f->project_id, NULL }), ==, 0);
  g_assert_null (memchr (out, 0x1b, strlen (out)));
  g_assert_null (strchr (out, '\a'));
  g_assert_nonnull (strstr (out, "\\x1b[31mbad\\x0anext"));
  g_assert_nonnull (strstr (out, "evil\\x1b[2J.tar"));
}

/* ---------------------------------------------------------------------------------------------- */
/* Cancel, pause, retries and contributions                                                        */

/* HEAD of @url with the token, by the curl program: the HTTP status, or 0 when no answer came. */
static int
head_status (const char *url)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL,
                (char **) (const char * const[]) { "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-I",
                                                   "--cacert", ca_pem, "-H", "Tus-Resumable: 1.0.0", "-H",
                                                   "Authorization: Bearer " TOKEN, url, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out != NULL ? atoi (out) : 0;
}

/* Cancel ends the upload on the server (DELETE: HEAD answers 404 then), marks the submission cancelled, and a
 * later run, in another connection to the store as after a restart, never resumes it: the same package goes as
 * a new submission and a new upload. */
static void
test_cancel_never_resumed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ReslibUpload) again = NULL;
  g_autoptr(ReslibUpload) by_id = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  url = pause_after_2mib (f);
  g_assert_cmpint (head_status (url), ==, 200);
  row = only_submission (f);
  id = g_strdup (reslib_record_get_id (row));
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_UNFINISHED);
  g_clear_object (&row);

  g_assert_true (reslib_upload_cancel_submission (f->store, id, TOKEN, ca_pem, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_log (f, "DELETE", 204), ==, 1);
  g_assert_cmpint (head_status (url), ==, 404);
  /* Cancelling it again asks nothing of the server. */
  g_assert_true (reslib_upload_cancel_submission (f->store, id, TOKEN, ca_pem, NULL, &error));
  g_assert_cmpuint (count_in_log (f, "DELETE", 0), ==, 1);

  /* A restart: another connection to the same store. */
  store = reslib_test_open_store (f->data_dir);
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_submission_get_state (store, row), ==, RESLIB_SUBMISSION_CANCELLED);
  g_assert_null (reslib_record_get (row, "upload_url"));
  g_clear_object (&row);

  /* Resuming that submission is refused, before any request … */
  by_id = reslib_upload_new (store, package, NULL);
  reslib_upload_set_token (by_id, TOKEN);
  reslib_upload_set_ca_file (by_id, ca_pem);
  reslib_upload_set_submission_id (by_id, id);
  g_assert_false (reslib_job_run (RESLIB_JOB (by_id), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_error (&error);
  /* (The two HEAD requests are the test's own.) */
  g_assert_cmpuint (count_in_log (f, "HEAD", 0), ==, 2);
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 0), ==, 1);

  /* … and uploading the package again makes a new submission and a new upload. */
  again = new_upload (f, f->server, TOKEN);
  g_assert_true (reslib_job_run (RESLIB_JOB (again), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_submission_id (again), !=, id);
  g_assert_cmpstr (reslib_upload_get_upload_url (again), !=, url);
  g_assert_cmpuint (count_in_log (f, "POST", 201), ==, 2);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (again), ==, PACKAGE_SIZE);
  assert_stored_equal (f, again);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, id, NULL);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_CANCELLED);
}

/* A paused submission stays paused across a restart (nothing resumes it at start); running it again is
 * resuming it, from the server's offset. */
static void
test_pause_survives_restart (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ReslibUpload) resumed = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  gint64 offset;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  url = pause_after_2mib (f);
  row = only_submission (f);
  id = g_strdup (reslib_record_get_id (row));
  offset = reslib_record_get_int (row, "upload_offset", -1);
  g_clear_object (&row);
  g_assert_true (reslib_submission_set_paused (f->store, id, TRUE, &error));
  g_assert_no_error (error);

  store = reslib_test_open_store (f->data_dir);
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, id, &error);
  g_assert_cmpint (reslib_submission_get_state (store, row), ==, RESLIB_SUBMISSION_PAUSED);
  g_clear_object (&row);
  g_assert_cmpint (head_status (url), ==, 200);

  resumed = reslib_upload_new (store, package, NULL);
  reslib_upload_set_token (resumed, TOKEN);
  reslib_upload_set_ca_file (resumed, ca_pem);
  reslib_upload_set_submission_id (resumed, id);
  g_assert_true (reslib_job_run (RESLIB_JOB (resumed), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_upload_get_upload_url (resumed), ==, url);
  g_assert_cmpuint (reslib_upload_get_bytes_sent (resumed), <=, PACKAGE_SIZE - offset);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 1);
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, id, &error);
  g_assert_cmpint (reslib_submission_get_state (store, row), ==, RESLIB_SUBMISSION_COMPLETE);
}

typedef struct
{
  GPtrArray *messages;
  guint      max_retries;
} Retries;

static void
note_message_cb (ReslibJob  *job,
                 GParamSpec *pspec,
                 Retries    *r)
{
  const char *message = reslib_job_get_message (job);
  const ReslibProgress *p = reslib_job_get_progress (job);

  if (message != NULL && (r->messages->len == 0 ||
                          g_strcmp0 (g_ptr_array_index (r->messages, r->messages->len - 1), message) != 0))
    g_ptr_array_add (r->messages, g_strdup (message));
  if (p != NULL)
    r->max_retries = MAX (r->max_retries, p->retries);
}

/* A server that answers every PATCH with 503: the retries are counted in the job's message ("Retrying (3) in
 * 1 s…") and stop after the retry time limit, however many retries would still be allowed, with a message
 * that says what happened and what to do. */
static void
test_retry_time_limit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  Retries r = { g_ptr_array_new_with_free_func (g_free), 0 };
  gboolean counted = FALSE;
  gint64 start;
  gint64 took;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, "--fail-every", "1");
  upload = new_upload (f, f->server, TOKEN);
  g_assert_cmpuint (reslib_upload_get_retry_time_limit (upload), ==, RESLIB_UPLOAD_RETRY_TIME_LIMIT);
  reslib_upload_set_retries (upload, 1000, 300, 1000);
  g_object_set (upload, "retry-time-limit", 3, NULL);
  g_signal_connect (upload, "notify::message", G_CALLBACK (note_message_cb), &r);
  start = g_get_monotonic_time ();
  g_assert_false (run_bounded (upload, 30, &error));
  took = g_get_monotonic_time () - start;
  g_assert_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK);
  g_test_message ("%s (after %.1f s, %u PATCH)", error->message, took / 1e6, count_in_log (f, "PATCH", 503));
  g_assert_nonnull (strstr (error->message, "without success"));
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "Check the network"));
  /* The limit, and not the count of retries, stopped it: about 3 s, a few requests. */
  g_assert_cmpint (took, >=, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), >=, 3);
  g_assert_cmpuint (count_in_log (f, "PATCH", 503), <, 20);
  g_assert_cmpuint (r.max_retries, >=, 2);
  for (guint i = 0; i < r.messages->len; i++)
    {
      g_test_message ("message: %s", (char *) g_ptr_array_index (r.messages, i));
      if (g_str_has_prefix (g_ptr_array_index (r.messages, i), "Retrying (2) in "))
        counted = TRUE;
    }
  g_assert_true (counted);
  row = only_submission (f);
  g_assert_nonnull (strstr (reslib_record_get (row, "last_error"), "without success"));
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_UNFINISHED);
  g_ptr_array_unref (r.messages);
}

/* A contribution goes to the project lead, never to the province: the job refuses it before any request,
 * and so does `reslib upload` (exit 4), from the package's own bag-info. */
static void
test_contribution_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bag = g_build_filename (f->dir, "reslib-contribution-1", NULL);
  g_autofree char *tar = g_build_filename (f->dir, "contribution.tar", NULL);
  g_autofree char *endpoint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;

  if (!need_peers ())
    return;
  start_server (f, good_cert, good_key, 0, NULL, NULL);
  endpoint = endpoint_of (f->server);
  upload = new_upload (f, f->server, TOKEN);
  reslib_upload_set_kind (upload, "contribution");
  g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "contribution"));
  g_assert_nonnull (strstr (error->message, "project lead"));
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 0) + count_in_log (f, "POST", 0), ==, 0);
  g_assert_null (reslib_upload_get_submission_id (upload));

  /* A contribution package as pack makes them: its bag-info names its kind. */
  g_assert_cmpint (g_mkdir_with_parents (bag, 0700), ==, 0);
  info = g_strdup_printf ("External-Identifier: %s\nReslib-Package-Kind: contribution\n", f->project_id);
  g_free (reslib_test_write_file (bag, "bag-info.txt", info, -1));
  g_free (reslib_test_write_file (bag, "bagit.txt", "BagIt-Version: 1.0\n", -1));
  run_ok ((const char * const[]) { "tar", "--format=ustar", "-C", f->dir, "-cf", tar, "reslib-contribution-1",
                                   NULL });
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", tar, "--endpoint", endpoint, "--cacert", ca_pem,
                                                     NULL }), ==, 4);
  g_assert_true (g_str_has_prefix (err, "reslib: "));
  g_assert_nonnull (strstr (err, "contribution"));
  g_assert_cmpuint (count_in_log (f, "OPTIONS", 0) + count_in_log (f, "POST", 0), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Given as another kind on the command line, the bag-info still wins. */
  g_assert_cmpint (cli_run (f, TOKEN, &out, &err,
                            (const char * const[]) { "upload", tar, "--endpoint", endpoint, "--cacert", ca_pem,
                                                     "--kind", "progress", NULL }), ==, 4);
  g_assert_cmpuint (count_in_log (f, "POST", 0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tus = g_build_filename (PEERS_DIR, "node_modules", "@tus", "server", "package.json", NULL);
  g_autofree char *random = NULL;
  g_autofree char *openssl = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  /* The peers need node, their npm packages and openssl for the certificates (none of them in the
   * Flatpak SDK, say): without them only the tests that need no server run. */
  node = g_find_program_in_path ("node");
  openssl = g_find_program_in_path ("openssl");
  peers_ok = node != NULL && openssl != NULL && g_file_test (tus, G_FILE_TEST_EXISTS);

  tmp_root = reslib_test_make_tmp_dir ("reslib-upload-certs-XXXXXX");
  if (peers_ok)
    {
      make_ca ("ca");
      make_ca ("other-ca");
      ca_pem = g_build_filename (tmp_root, "ca.pem", NULL);
      make_cert ("server", "ca", "IP:127.0.0.1,DNS:localhost", &good_cert, &good_key);
      make_cert ("wrong-host", "ca", "DNS:upload.example.invalid", &wrong_host_cert, &wrong_host_key);
      make_cert ("untrusted", "other-ca", "IP:127.0.0.1,DNS:localhost", &untrusted_cert, &untrusted_key);
    }

  random = g_malloc (PACKAGE_SIZE);
  for (guint i = 0; i < PACKAGE_SIZE / 4; i++)
    ((guint32 *) random)[i] = g_rand_int (rand);
  package = reslib_test_write_file (tmp_root, "package.tar", random, PACKAGE_SIZE);
  package_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) random, PACKAGE_SIZE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/upload/full", test_full);
  ADD ("/upload/cut-connections", test_cut_connections);
  ADD ("/upload/stall", test_stall);
  ADD ("/upload/503-storm", test_503);
  ADD ("/upload/retry-after", test_retry_after);
  ADD ("/upload/retry-limit", test_retry_limit);
  ADD ("/upload/pause-resume-cancel", test_pause_resume_cancel);
  ADD ("/upload/removed-upload", test_removed_upload);
  ADD ("/upload/server-restart", test_server_restart);
  ADD ("/upload/job/sync-async", test_job_sync_async);
  ADD ("/upload/job/cancel", test_job_cancel);
  ADD ("/upload/package-changed", test_package_changed);
  ADD ("/upload/untrusted-ca", test_untrusted_ca);
  ADD ("/upload/wrong-host", test_wrong_host);
  ADD ("/upload/max-size", test_max_size);
  ADD ("/upload/plain-http-refused", test_plain_http_refused);
  ADD ("/upload/conflict", test_conflict);
  ADD ("/upload/too-large-at-post", test_too_large_at_post);
  ADD ("/upload/expired", test_expired);
  ADD ("/upload/expired-unannounced", test_expired_unannounced);
  ADD ("/upload/head-forbidden", test_head_forbidden);
  ADD ("/upload/recorded-digest", test_recorded_digest);
  ADD ("/upload/cli/wrong-token", test_cli_wrong_token);
  ADD ("/upload/cli/killed-and-resumed", test_cli_killed);
  ADD ("/upload/cli/package-info", test_cli_package_info);
  ADD ("/upload/cli/usage", test_cli_usage);
  ADD ("/upload/cli/cancel", test_cli_cancel);
  ADD ("/upload/cancel-never-resumed", test_cancel_never_resumed);
  ADD ("/upload/pause-survives-restart", test_pause_survives_restart);
  ADD ("/upload/retry-time-limit", test_retry_time_limit);
  ADD ("/upload/contribution-refused", test_contribution_refused);
  ADD ("/upload/hostile/stuck-offset", test_stuck_offset);
  g_test_add ("/upload/hostile/patch-404", Fixture, "404", fixture_setup, test_gone_again, fixture_teardown);
  g_test_add ("/upload/hostile/patch-410", Fixture, "410", fixture_setup, test_gone_again, fixture_teardown);
  ADD ("/upload/hostile/expire-at-once", test_expire_at_once);
  ADD ("/upload/hostile/conflict-always", test_conflict_always);
  ADD ("/upload/hostile/location-other-origin", test_location_other_origin);
  ADD ("/upload/hostile/location-plain-http", test_location_plain_http);
  ADD ("/upload/hostile/location-with-token", test_location_with_token);
  ADD ("/upload/hostile/redirect", test_redirect);
  ADD ("/upload/hostile/plain-http-loopback", test_plain_http_loopback);
  ADD ("/upload/hostile/token-control-characters", test_token_control_characters);
  ADD ("/upload/hostile/chunk-sizes", test_chunk_sizes);
  ADD ("/upload/hostile/server-text", test_hostile_text);
  ADD ("/upload/hostile/lose-on-fail", test_lose_on_fail);
  ADD ("/upload/cli/submissions-escaped", test_cli_submissions_escaped);

  status = g_test_run ();
  reslib_test_rm_rf (tmp_root);

  return status;
}
