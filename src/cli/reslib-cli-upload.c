/* reslib-cli-upload.c — `reslib upload` and `reslib submissions`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-upload.h"

/* ---------------------------------------------------------------------------------------------- */
/* What the package says about itself: bag-info.txt of the tar's single top folder                */

typedef struct
{
  char *bag_name;
  char *project;   /* External-Identifier */
  char *kind;      /* Reslib-Package-Kind */
} PackageInfo;

static void
package_info_clear (PackageInfo *info)
{
  g_clear_pointer (&info->bag_name, g_free);
  g_clear_pointer (&info->project, g_free);
  g_clear_pointer (&info->kind, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PackageInfo, package_info_clear)

static guint64
tar_octal (const char *field,
           gsize       len)
{
  guint64 value = 0;

  for (gsize i = 0; i < len && field[i] != '\0'; i++)
    if (field[i] >= '0' && field[i] <= '7')
      value = value * 8 + (guint64) (field[i] - '0');

  return value;
}

static void
parse_bag_info (PackageInfo *info,
                const char  *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL || lines[i][0] == ' ' || lines[i][0] == '\t')
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (g_strstrip (lines[i]), "External-Identifier") == 0 && info->project == NULL)
        info->project = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (lines[i], "Reslib-Package-Kind") == 0 && info->kind == NULL)
        info->kind = g_strdup (g_strstrip (colon + 1));
    }
}

/* Reads the headers of a (ustar) tar for <bag>/bag-info.txt; anything else is quietly not found. */
static void
read_package_info (const char  *path,
                   PackageInfo *info)
{
  int fd = reslib_open_input (path, O_RDONLY, NULL);
  char header[512];
  off_t pos = 0;

  if (fd < 0)
    return;
  for (guint n = 0; n < 256; n++)
    {
      g_autofree char *name = NULL;
      guint64 size;
      char *slash;

      if (pread (fd, header, sizeof header, pos) != (ssize_t) sizeof header || header[0] == '\0')
        break;
      if (memcmp (header + 257, "ustar", 5) != 0)
        break;
      size = tar_octal (header + 124, 12);
      if (header[345] != '\0')
        name = g_strdup_printf ("%.155s/%.100s", header + 345, header);
      else
        name = g_strndup (header, 100);
      slash = strchr (name, '/');
      if (slash != NULL && info->bag_name == NULL)
        info->bag_name = g_strndup (name, slash - name);
      if ((header[156] == '0' || header[156] == '\0') && slash != NULL && strcmp (slash + 1, "bag-info.txt") == 0 &&
          size < 64 * 1024)
        {
          g_autofree char *text = g_malloc0 (size + 1);

          if (pread (fd, text, size, pos + 512) == (ssize_t) size && g_utf8_validate (text, size, NULL))
            parse_bag_info (info, text);
          break;
        }
      pos += 512 + (off_t) ((size + 511) / 512 * 512);
    }
  close (fd);
}

/* ---------------------------------------------------------------------------------------------- */
/* Options                                                                                         */

/* "32M", "512KiB", "1G", "1000": bytes. */
static gboolean
parse_size (const char  *text,
            const char  *option,
            guint64     *value,
            GError     **error)
{
  static const struct { const char *suffix; guint64 factor; } units[] = {
    { "", 1 }, { "B", 1 },
    { "K", 1024 }, { "KB", 1000 }, { "KiB", 1024 },
    { "M", 1024 * 1024 }, { "MB", 1000 * 1000 }, { "MiB", 1024 * 1024 },
    { "G", 1024 * 1024 * 1024 }, { "GB", 1000 * 1000 * 1000 }, { "GiB", 1024 * 1024 * 1024 },
  };
  guint64 number;
  char *end = NULL;

  /* g_ascii_strtoull() reads "-1" as 2^64 − 1 and skips leading spaces: a size starts with a digit. */
  if (!g_ascii_isdigit (*text))
    {
      reslib_cli_usage_error (error, _("“%s” is not a size for %s: use a number of bytes, e.g. 8M or 512K"), text,
                              option);
      return FALSE;
    }
  errno = 0;
  number = g_ascii_strtoull (text, &end, 10);
  if (errno == 0 && end != text)
    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      if (g_ascii_strcasecmp (end, units[i].suffix) == 0 && number > 0 && number <= G_MAXUINT64 / units[i].factor)
        {
          *value = number * units[i].factor;
          return TRUE;
        }

  reslib_cli_usage_error (error, _("“%s” is not a size for %s: use a number of bytes, e.g. 8M or 512K"), text, option);
  return FALSE;
}

#define TOKEN_FILE_MAX (16 * 1024)

static char *
read_token (const char  *token_file,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gboolean read_ok = FALSE;
  gsize len = 0;
  int fd;

  if (token_file == NULL)
    {
      const char *env = g_getenv ("RESLIB_TOKEN");

      if (env == NULL || *env == '\0')
        {
          reslib_cli_usage_error (error, _("No token: set RESLIB_TOKEN or give --token-file"));
          return NULL;
        }
      if (!reslib_upload_check_token (env, NULL))
        {
          reslib_cli_usage_error (error, _("RESLIB_TOKEN holds a line break, a space or another character a token "
                                           "cannot have: set it to the token alone"));
          return NULL;
        }
      return g_strdup (env);
    }
  /* At most 16 KiB (a token is far shorter), whatever the file is: --token-file /dev/zero ends too. */
  fd = reslib_open_input (token_file, O_RDONLY, NULL);
  if (fd >= 0)
    {
      contents = g_malloc (TOKEN_FILE_MAX + 2);
      for (;;)
        {
          ssize_t n = read (fd, contents + len, TOKEN_FILE_MAX + 1 - len);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              read_ok = n == 0;
              break;
            }
          len += (gsize) n;
          if (len > TOKEN_FILE_MAX)
            break;
        }
      close (fd);
      contents[len] = '\0';
    }
  if (!read_ok)
    {
      if (contents != NULL)
        explicit_bzero (contents, len);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot read the token file “%s”"), token_file);
      return NULL;
    }
  /* The line break that ends the file, and spaces around the token, are not part of it; anything else that
   * is not a visible ASCII character (a CR or LF inside, a NUL, a control character) is refused. */
  if (memchr (contents, '\0', len) != NULL)
    *contents = '\0';
  g_strstrip (contents);
  if (len > TOKEN_FILE_MAX || *contents == '\0' || !reslib_upload_check_token (contents, NULL))
    {
      explicit_bzero (contents, len);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("The token file “%s” must hold the token alone on one line, without control characters"),
                   token_file);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* ---------------------------------------------------------------------------------------------- */
/* reslib upload                                                                                   */

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
  gboolean      tty;
  gboolean      drawn;
  guint64       bytes_done;
  guint64       bytes_total;
} UploadRun;

static void
on_progress (const ReslibProgress *p,
             gpointer              user_data)
{
  UploadRun *run = user_data;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *rate = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  run->bytes_done = p->bytes_done;
  run->bytes_total = p->bytes_total;
  if (!run->tty)
    return;

  done = g_format_size (p->bytes_done);
  total = g_format_size (p->bytes_total);
  if (g_strcmp0 (p->stage, "hashing") == 0)
    /* Translators: before an upload, the package is read for its SHA-256: bytes read of the total */
    g_string_append_printf (line, _("Reading the package… %s of %s"), done, total);
  else if (g_strcmp0 (p->stage, "connecting") == 0)
    g_string_append (line, _("Connecting…"));
  else if (g_strcmp0 (p->stage, "waiting") == 0)
    /* Translators: shown while an upload waits to try again; the argument is the reason */
    g_string_append_printf (line, _("Waiting to retry: %s"), p->last_error ? p->last_error : "");
  else if (g_strcmp0 (p->stage, "sending") == 0)
    {
      rate = g_format_size ((guint64) p->rate);
      /* Translators: upload progress: percent, bytes sent, size, speed */
      g_string_append_printf (line, _("%3d%%  %s of %s  %s/s"),
                              p->bytes_total ? (int) (100 * p->bytes_done / p->bytes_total) : 100, done, total, rate);
      if (p->eta >= 0)
        {
          g_string_append (line, "  ");
          /* Translators: time left of an upload, hours:minutes:seconds */
          g_string_append_printf (line, _("%d:%02d:%02d left"), (int) (p->eta / 3600), (int) (p->eta / 60 % 60),
                                  (int) (p->eta % 60));
        }
    }
  else
    return;
  if (g_utf8_strlen (line->str, -1) > 78)
    g_string_truncate (line, (gsize) (g_utf8_offset_to_pointer (line->str, 78) - line->str));
  g_printerr ("\r\033[K%s", line->str);
  run->drawn = TRUE;
}

static void
upload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  UploadRun *run = user_data;

  run->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  UploadRun *run = user_data;

  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_CONTINUE;
}

/* Runs the upload with its progress on stderr; Ctrl+C and SIGTERM pause it (the same command resumes). */
static gboolean
run_upload_job (ReslibUpload  *upload,
                UploadRun     *run,
                GError       **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint sigint, sigterm;

  run->loop = loop;
  run->cancellable = cancellable;
  run->tty = isatty (STDERR_FILENO);
  reslib_job_set_progress_func (RESLIB_JOB (upload), on_progress, run, NULL);

  /* Ctrl+C pauses: the next run resumes. */
  sigint = g_unix_signal_add (SIGINT, on_signal, run);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, run);
  reslib_job_run_async (RESLIB_JOB (upload), cancellable, upload_done_cb, run);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  reslib_job_set_progress_func (RESLIB_JOB (upload), NULL, NULL, NULL);
  if (run->drawn)
    g_printerr ("\r\033[K");

  if (!run->ok)
    {
      if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *done = g_format_size (run->bytes_done);
          g_autofree char *total = g_format_size (run->bytes_total);

          g_clear_error (&run->error);
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED,
                       _("Paused after %s of %s: run the same command again to resume"), done, total);
        }
      else
        g_propagate_error (error, g_steal_pointer (&run->error));
      return FALSE;
    }

  return TRUE;
}

gboolean
reslib_cli_upload (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_auto(PackageInfo) info = { 0, };
  g_autofree char *endpoint = NULL;
  g_autofree char *cacert = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *chunk_size = NULL;
  g_autofree char *limit_rate = NULL;
  g_autofree char *project = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *size = NULL;
  guint64 chunk = 0;
  guint64 rate = 0;
  gboolean cancel = FALSE;
  const char *want_project;
  const char *want_kind;
  UploadRun run = { 0, };
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("The tus upload address of the endpoint (https://…)"),
      N_("URL") },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &cacert, N_("Also trust the certificate authorities in this PEM file"),
      N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the token from this file instead of RESLIB_TOKEN"), N_("FILE") },
    { "chunk-size", 0, 0, G_OPTION_ARG_STRING, &chunk_size,
      N_("Send this many bytes per request (at least 256K, default 1G)"),
      N_("SIZE") },
    { "limit-rate", 0, 0, G_OPTION_ARG_STRING, &limit_rate, N_("Send at most this many bytes per second"),
      N_("SIZE") },
    { "project", 0, 0, G_OPTION_ARG_STRING, &project,
      N_("The project of the package, when its bag-info does not say"), N_("PROJECT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("The kind of the package (application, progress, acceptance, contribution), when its bag-info does not say"),
      N_("KIND") },
    { "cancel", 0, 0, G_OPTION_ARG_NONE, &cancel,
      N_("Do not upload: end the unfinished upload of the package to the endpoint, on the endpoint too"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("FILE.tar"),
                         N_("Uploads a package to the provincial endpoint. An interrupted upload of the same "
                            "package to the same endpoint resumes where the endpoint stands; --cancel ends it "
                            "instead. The token comes from RESLIB_TOKEN or --token-file."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "FILE.tar", error) ||
      !reslib_cli_require (endpoint, "--endpoint", error))
    return FALSE;
  if ((chunk_size != NULL && !parse_size (chunk_size, "--chunk-size", &chunk, error)) ||
      (limit_rate != NULL && !parse_size (limit_rate, "--limit-rate", &rate, error)))
    return FALSE;
  if (chunk_size != NULL && (chunk < RESLIB_UPLOAD_MIN_CHUNK_SIZE || chunk > G_MAXINT64))
    {
      reslib_cli_usage_error (error, _("“%s” is not a chunk size: use at least 256K, e.g. 8M"), chunk_size);
      return FALSE;
    }
  if (!g_file_test (args[1], G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” is not a package file"), args[1]);
      return FALSE;
    }

  read_package_info (args[1], &info);
  want_project = info.project != NULL ? info.project : project;
  want_kind = info.kind != NULL ? info.kind : kind;
  if (want_project == NULL)
    {
      reslib_cli_usage_error (error, _("The package does not name its project: give --project"));
      return FALSE;
    }
  if (want_kind == NULL)
    {
      reslib_cli_usage_error (error, _("The package does not give its kind: give --kind"));
      return FALSE;
    }
  if (!g_strv_contains (reslib_package_kinds, want_kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_package_kinds);
      reslib_cli_usage_error (error, _("“%s” is not a package kind: use one of %s"), want_kind, kinds);
      return FALSE;
    }
  if (!reslib_upload_check_kind (want_kind, args[1], error))
    return FALSE;

  token = read_token (token_file, error);
  if (token == NULL)
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, want_project, NULL, error)) == NULL)
    {
      explicit_bzero (token, strlen (token));
      return FALSE;
    }

  upload = reslib_upload_new (store, args[1], endpoint);
  reslib_upload_set_token (upload, token);
  explicit_bzero (token, strlen (token));
  reslib_upload_set_ca_file (upload, cacert);
  reslib_upload_set_project (upload, project_id);
  reslib_upload_set_kind (upload, want_kind);
  reslib_upload_set_bag_name (upload, info.bag_name);
  if (chunk > 0)
    reslib_upload_set_chunk_size (upload, chunk);
  reslib_upload_set_max_send_speed (upload, rate);

  if (cancel)
    {
      g_autofree char *short_id = NULL;

      if (!reslib_upload_cancel (upload, NULL, error))
        return FALSE;
      short_id = reslib_cli_short_id (reslib_upload_get_submission_id (upload));
      /* Translators: after `reslib upload --cancel`; the arguments are a file name and a submission id */
      g_print (_("Cancelled the upload of %s (submission %s)\n"), args[1], short_id);
      return TRUE;
    }

  if (!run_upload_job (upload, &run, error))
    return FALSE;

  size = g_format_size (run.bytes_total);
  if (reslib_upload_get_was_complete (upload))
    /* Translators: the arguments are a file name and a submission id */
    g_print (_("%s was uploaded already (submission %s)\n"), args[1], reslib_upload_get_submission_id (upload));
  else
    /* Translators: the arguments are a file name, its size and a submission id */
    g_print (_("Uploaded %s (%s) as submission %s\n"), args[1], size, reslib_upload_get_submission_id (upload));

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* reslib submit                                                                                   */

gboolean
reslib_cli_submit (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibUpload) upload = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *cacert = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *chunk_size = NULL;
  g_autofree char *limit_rate = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *size = NULL;
  g_autofree char *name = NULL;
  guint64 chunk = 0;
  guint64 rate = 0;
  UploadRun run = { 0, };
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The kind of package: application, progress or acceptance"),
      N_("KIND") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("The tus upload address of the endpoint (https://…)"),
      N_("URL") },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &cacert, N_("Also trust the certificate authorities in this PEM file"),
      N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the token from this file instead of RESLIB_TOKEN"), N_("FILE") },
    { "limit-rate", 0, 0, G_OPTION_ARG_STRING, &limit_rate, N_("Send at most this many bytes per second"),
      N_("SIZE") },
    { "chunk-size", 0, 0, G_OPTION_ARG_STRING, &chunk_size,
      N_("Send this many bytes per request (at least 256K, default 1G)"), N_("SIZE") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("Check an application package against this rule profile instead of the built-in one"), N_("FILE") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Submits the project’s package to the provincial endpoint, streamed from the store: no "
                            "package file and no copy of it is written. The package is checked as pack checks it "
                            "and frozen when the submission starts; changes made after that go into the next "
                            "package. An interrupted submission (a lost connection, Ctrl+C, a reboot) resumes "
                            "from where the endpoint stands when the same command is run again. The token comes "
                            "from RESLIB_TOKEN or --token-file."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (kind, "--kind", error) ||
      !reslib_cli_require (endpoint, "--endpoint", error))
    return FALSE;
  if ((chunk_size != NULL && !parse_size (chunk_size, "--chunk-size", &chunk, error)) ||
      (limit_rate != NULL && !parse_size (limit_rate, "--limit-rate", &rate, error)))
    return FALSE;
  if (chunk_size != NULL && (chunk < RESLIB_UPLOAD_MIN_CHUNK_SIZE || chunk > G_MAXINT64))
    {
      reslib_cli_usage_error (error, _("“%s” is not a chunk size: use at least 256K, e.g. 8M"), chunk_size);
      return FALSE;
    }
  if (!g_strv_contains (reslib_package_kinds, kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_package_kinds);
      reslib_cli_usage_error (error, _("“%s” is not a package kind: use one of %s"), kind, kinds);
      return FALSE;
    }
  if (g_strcmp0 (kind, "contribution") == 0)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                           _("Contributions go to the project lead, never to the provincial endpoint: build one with "
                             "reslib pack --kind contribution and hand the file over"));
      return FALSE;
    }
  if (!reslib_upload_check_endpoint (endpoint, error))
    return FALSE;
  if (g_strcmp0 (kind, "application") == 0 && (profile = reslib_profile_load (profile_path, error)) == NULL)
    return FALSE;

  token = read_token (token_file, error);
  if (token == NULL)
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    {
      explicit_bzero (token, strlen (token));
      return FALSE;
    }

  upload = reslib_upload_new_streamed (store, project_id, kind, endpoint);
  reslib_upload_set_token (upload, token);
  explicit_bzero (token, strlen (token));
  reslib_upload_set_ca_file (upload, cacert);
  reslib_upload_set_profile (upload, profile);
  if (chunk > 0)
    reslib_upload_set_chunk_size (upload, chunk);
  reslib_upload_set_max_send_speed (upload, rate);

  if (!run_upload_job (upload, &run, error))
    return FALSE;

  size = g_format_size (run.bytes_total);
  name = reslib_escape_text_len (reslib_upload_get_bag_name (upload), -1, 200);
  /* Translators: after `reslib submit`; the arguments are the package's name, its size and a submission id */
  g_print (_("Submitted %s (%s) as submission %s\n"), name, size, reslib_upload_get_submission_id (upload));
  if (reslib_upload_get_tar_sha256 (upload) != NULL)
    g_print ("%s  %s.tar\n", reslib_upload_get_tar_sha256 (upload), name);

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* reslib submissions                                                                              */

gboolean
reslib_cli_submissions (ReslibCli  *cli,
                        int         variant,
                        char      **args,
                        GError    **error)
{
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *project_id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"), N_("Lists the packages uploaded, or being uploaded, for a project."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, project_id, error);
  if (rows == NULL)
    return FALSE;

  if (json)
    {
      reslib_cli_print_records_json (rows);
      return TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (rows, i);
      g_autofree char *id = reslib_cli_short_id (reslib_record_get_id (r));
      g_autofree char *base = g_path_get_basename (reslib_record_get (r, "package_path"));
      g_autofree char *name = reslib_escape_text_len (base, -1, 200);
      gint64 size = reslib_record_get_int (r, "size", 0);
      gint64 offset = reslib_record_get_int (r, "upload_offset", 0);
      g_autofree char *size_text = g_format_size ((guint64) size);
      g_autofree char *state = NULL;
      const char *last_error = reslib_record_get (r, "last_error");
      const char *kind = reslib_record_get (r, "kind");

      ReslibSubmissionState lifecycle = reslib_submission_get_state (store, r);

      if (lifecycle == RESLIB_SUBMISSION_COMPLETE)
        /* Translators: the state of a submission; the argument is a date and time */
        state = g_strdup_printf (_("uploaded %.16s"), reslib_record_get (r, "completed_at"));
      else if (lifecycle == RESLIB_SUBMISSION_CANCELLED)
        /* Translators: the state of a submission */
        state = g_strdup (_("cancelled"));
      else if (lifecycle == RESLIB_SUBMISSION_PAUSED)
        /* Translators: the state of a submission: how much is uploaded */
        state = g_strdup_printf (_("paused at %d%%"), size > 0 ? (int) (100 * offset / size) : 0);
      else
        /* Translators: the state of a submission: how much is uploaded */
        state = g_strdup_printf (_("%d%% uploaded"), size > 0 ? (int) (100 * offset / size) : 0);

      g_string_append_printf (out, "%s  ", id);
      reslib_cli_append_padded (out, kind, 12);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, size_text, 10);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, state, 26);
      g_string_append_printf (out, "  %s\n", name);
      if (last_error != NULL && lifecycle != RESLIB_SUBMISSION_COMPLETE && lifecycle != RESLIB_SUBMISSION_CANCELLED)
        {
          g_autofree char *shown = reslib_escape_text_len (last_error, -1, 600);

          g_string_append_printf (out, "    %s\n", shown);
        }
    }
  if (g_list_model_get_n_items (rows) == 0)
    {
      g_string_append (out, _("No submissions yet"));
      g_string_append_c (out, '\n');
    }
  reslib_cli_write (out);

  return TRUE;
}
