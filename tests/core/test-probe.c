/* test-probe.c — media probing against ffprobe, the probe cache, probing on import
 *
 * The media files are made at run time with ffmpeg; without ffmpeg and ffprobe
 * on PATH the tests that need them are skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-blobs.h"
#include "reslib-test-utils.h"

/* Made once, at the first test that needs them. */
static char *media_dir;
static gboolean media_tried;

typedef struct
{
  char        *dir;
  char        *data_dir;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-probe-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "探测测试");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->project);
}

/* ---------------------------------------------------------------------------------------------- */
/* Media fixtures                                                                                  */

static gboolean
run_tool (const char * const *argv,
          char              **standard_output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     standard_output, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("%s failed: %s\n%s", argv[0], error->message, err != NULL ? err : "");
      return FALSE;
    }

  return TRUE;
}

/* H.264 at a constant bitrate (the test pattern is so easy to encode that an
 * average bitrate would undershoot), 25 fps, 2 s; with AAC at 48 kHz unless @audio is FALSE. */
static gboolean
make_video (const char *path,
            const char *size,
            const char *bitrate,
            gboolean    audio)
{
  g_autofree char *video = g_strdup_printf ("testsrc=size=%s:rate=25", size);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_addv (builder, (const char *[]) {
    "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", video, NULL });
  if (audio)
    g_strv_builder_addv (builder, (const char *[]) {
      "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2", "-c:a", "aac", "-b:a", "128k", NULL });
  g_strv_builder_addv (builder, (const char *[]) {
    "-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-b:v", bitrate,
    "-minrate", bitrate, "-maxrate", bitrate, "-bufsize", bitrate, "-x264-params", "nal-hrd=cbr", path, NULL });
  argv = g_strv_builder_end (builder);

  return run_tool ((const char * const *) argv, NULL);
}

static gboolean
make_media (const char *dir)
{
  g_autofree char *sd = g_build_filename (dir, "sd.mp4", NULL);
  g_autofree char *hd = g_build_filename (dir, "hd.mp4", NULL);
  g_autofree char *mkv = g_build_filename (dir, "video-only.mkv", NULL);
  g_autofree char *mp3 = g_build_filename (dir, "tone.mp3", NULL);
  g_autofree char *png = g_build_filename (dir, "frame.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *faststart = g_build_filename (dir, "faststart.mp4", NULL);
  g_autofree char *truncated = NULL;
  g_autofree char *truncated_faststart = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!make_video (sd, "640x480", "800k", TRUE) || !make_video (hd, "1280x720", "1200k", TRUE) ||
      !make_video (mkv, "640x480", "1000k", FALSE))
    return FALSE;
  if (!run_tool ((const char * const[]) { "ffmpeg", "-nostdin", "-v", "error", "-y",
                                          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "3",
                                          "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", mp3, NULL }, NULL))
    return FALSE;
  if (!run_tool ((const char * const[]) { "ffmpeg", "-nostdin", "-v", "error", "-y",
                                          "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1",
                                          png, NULL }, NULL))
    return FALSE;

  /* The first 30% of an MP4 whose index (moov) is at the end, and the first half
   * of one whose index is at the start (GStreamer alone reads that one happily). */
  g_assert_true (g_file_get_contents (hd, &contents, &len, NULL));
  truncated = reslib_test_write_file (dir, "truncated.mp4", contents, (gssize) (len * 3 / 10));
  if (!run_tool ((const char * const[]) { "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", hd, "-c", "copy",
                                          "-movflags", "+faststart", faststart, NULL }, NULL))
    return FALSE;
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (faststart, &contents, &len, NULL));
  truncated_faststart = reslib_test_write_file (dir, "truncated-faststart.mp4", contents, (gssize) (len / 2));
  garbage = reslib_test_write_file (dir, "garbage.mp4", "This is a text file, whatever its name says.\n", -1);
  text = reslib_test_write_file (dir, "notes.txt", "Not media at all.\n", -1);

  return TRUE;
}

/* The folder with the media files, or NULL (the test is skipped) without ffmpeg. */
static const char *
get_media_dir (void)
{
  if (!media_tried)
    {
      g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
      g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
      g_autofree char *dir = NULL;

      media_tried = TRUE;
      if (ffmpeg != NULL && ffprobe != NULL)
        {
          dir = reslib_test_make_tmp_dir ("reslib-probe-media-XXXXXX");
          if (make_media (dir))
            media_dir = g_steal_pointer (&dir);
          else
            reslib_test_rm_rf (dir);
        }
    }
  if (media_dir == NULL)
    g_test_skip ("ffmpeg and ffprobe (with libx264, aac and libmp3lame) are needed to make the media files");

  return media_dir;
}

static char *
media_path (const char *name)
{
  return g_build_filename (media_dir, name, NULL);
}

static char *
sha256_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  char sha256[65];
  guint64 size = 0;

  g_assert_true (reslib_blob_hash_file (path, sha256, &size, NULL, &error));
  g_assert_no_error (error);

  return g_strdup (sha256);
}

/* ---------------------------------------------------------------------------------------------- */
/* Probing against ffprobe                                                                         */

static JsonObject *
ffprobe (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char * const argv[] = {
    "ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", path, NULL
  };

  g_assert_true (run_tool (argv, &out));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
ffprobe_stream (JsonObject *probe,
                const char *codec_type)
{
  JsonArray *streams = json_object_get_array_member (probe, "streams");

  for (guint i = 0; i < json_array_get_length (streams); i++)
    {
      JsonObject *stream = json_array_get_object_element (streams, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (stream, "codec_type", ""), codec_type) == 0)
        return stream;
    }

  return NULL;
}

/* ffprobe gives most numbers as strings. */
static double
number_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      const char *slash = strchr (text, '/');

      if (slash != NULL)
        return g_ascii_strtod (text, NULL) / g_ascii_strtod (slash + 1, NULL);
      return g_ascii_strtod (text, NULL);
    }

  return json_node_get_double (node);
}

static void
assert_within (double      value,
               double      expected,
               double      tolerance,
               const char *what)
{
  g_test_message ("%s: %.3f, ffprobe %.3f", what, value, expected);
  if (fabs (value - expected) > tolerance)
    g_error ("%s: %.3f is not within %.3f of ffprobe's %.3f", what, value, tolerance, expected);
}

static ReslibProbeInfo *
probe (const char *name,
       const char *mime_type)
{
  g_autofree char *path = media_path (name);
  g_autoptr(GError) error = NULL;
  ReslibProbeInfo *info = reslib_probe_file (path, mime_type, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpint (info->version, ==, RESLIB_PROBE_VERSION);
  g_assert_null (info->sha256);

  return info;
}

static void
compare_with_ffprobe (const char *name,
                      const char *container)
{
  g_autofree char *path = media_path (name);
  g_autoptr(ReslibProbeInfo) info = probe (name, NULL);
  g_autoptr(JsonObject) expected = ffprobe (path);
  JsonObject *format = json_object_get_object_member (expected, "format");
  JsonObject *video = ffprobe_stream (expected, "video");
  JsonObject *audio = ffprobe_stream (expected, "audio");

  g_assert_null (info->error);
  g_assert_cmpstr (info->container, ==, container);
  g_assert_nonnull (strstr (json_object_get_string_member (format, "format_name"), container));
  assert_within (info->duration, number_member (format, "duration"), 0.1, "duration");

  if (video != NULL)
    {
      g_assert_cmpstr (info->video_codec, ==, json_object_get_string_member (video, "codec_name"));
      g_assert_cmpint (info->width, ==, json_object_get_int_member (video, "width"));
      g_assert_cmpint (info->height, ==, json_object_get_int_member (video, "height"));
      assert_within (info->frame_rate, number_member (video, "r_frame_rate"), 0.01, "frame rate");
      assert_within (info->video_bitrate, number_member (video, "bit_rate"), 0.15 * number_member (video, "bit_rate"),
                     "video bitrate");
    }
  else
    {
      g_assert_null (info->video_codec);
      g_assert_cmpint (info->width, ==, 0);
      g_assert_cmpint (info->height, ==, 0);
      g_assert_cmpfloat (info->frame_rate, ==, 0);
      g_assert_cmpint (info->video_bitrate, ==, 0);
    }

  g_assert_nonnull (audio);
  g_assert_cmpstr (info->audio_codec, ==, json_object_get_string_member (audio, "codec_name"));
  g_assert_cmpint (info->sample_rate, ==, (int) number_member (audio, "sample_rate"));
  g_assert_cmpint (info->channels, ==, json_object_get_int_member (audio, "channels"));
  assert_within (info->audio_bitrate, number_member (audio, "bit_rate"), 0.15 * number_member (audio, "bit_rate"),
                 "audio bitrate");
}

static void
test_probe_mp4 (void)
{
  if (get_media_dir () == NULL)
    return;

  compare_with_ffprobe ("sd.mp4", "mp4");
  compare_with_ffprobe ("hd.mp4", "mp4");
}

static void
test_probe_mp3 (void)
{
  if (get_media_dir () == NULL)
    return;

  compare_with_ffprobe ("tone.mp3", "mp3");
}

/* Matroska gives no bitrates: the video's is estimated from the file's size. */
static void
test_probe_estimate (void)
{
  g_autofree char *path = NULL;
  g_autoptr(ReslibProbeInfo) info = NULL;
  g_autoptr(JsonObject) expected = NULL;
  JsonObject *format, *video;
  double bitrate;

  if (get_media_dir () == NULL)
    return;

  path = media_path ("video-only.mkv");
  info = probe ("video-only.mkv", "video/x-matroska");
  expected = ffprobe (path);
  format = json_object_get_object_member (expected, "format");
  video = ffprobe_stream (expected, "video");

  g_assert_null (info->error);
  g_assert_cmpstr (info->container, ==, "matroska");
  g_assert_nonnull (strstr (json_object_get_string_member (format, "format_name"), "matroska"));
  g_assert_cmpstr (info->video_codec, ==, json_object_get_string_member (video, "codec_name"));
  g_assert_cmpint (info->width, ==, 640);
  g_assert_null (info->audio_codec);
  g_assert_cmpint (info->audio_bitrate, ==, 0);
  assert_within (info->duration, number_member (format, "duration"), 0.1, "duration");
  bitrate = number_member (format, "bit_rate");
  assert_within (info->video_bitrate, bitrate, 0.15 * bitrate, "estimated video bitrate");
}

static void
test_probe_png (void)
{
  g_autofree char *path = NULL;
  g_autoptr(ReslibProbeInfo) info = NULL;
  g_autoptr(JsonObject) expected = NULL;
  JsonObject *video;

  if (get_media_dir () == NULL)
    return;

  path = media_path ("frame.png");
  info = probe ("frame.png", NULL);
  expected = ffprobe (path);
  video = ffprobe_stream (expected, "video");

  g_assert_null (info->error);
  g_assert_cmpstr (info->mime_type, ==, "image/png");
  g_assert_cmpstr (info->container, ==, json_object_get_string_member (video, "codec_name"));
  g_assert_cmpint (info->width, ==, json_object_get_int_member (video, "width"));
  g_assert_cmpint (info->height, ==, json_object_get_int_member (video, "height"));
  g_assert_null (info->video_codec);
  g_assert_null (info->audio_codec);
  g_assert_cmpfloat (info->duration, ==, 0);
}

static void
assert_one_line_error (const ReslibProbeInfo *info)
{
  g_assert_nonnull (info->error);
  g_test_message ("error: %s", info->error);
  g_assert_cmpuint (strlen (info->error), >, 0);
  g_assert_null (strchr (info->error, '\n'));
  g_assert_true (g_utf8_validate (info->error, -1, NULL));
}

static void
test_probe_broken (void)
{
  g_autoptr(ReslibProbeInfo) truncated = NULL;
  g_autoptr(ReslibProbeInfo) truncated_faststart = NULL;
  g_autoptr(ReslibProbeInfo) faststart = NULL;
  g_autoptr(ReslibProbeInfo) garbage = NULL;
  g_autoptr(ReslibProbeInfo) bad_image = NULL;
  g_autoptr(ReslibProbeInfo) empty = NULL;
  g_autoptr(ReslibProbeInfo) svg = NULL;
  g_autoptr(ReslibProbeInfo) missing = NULL;
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-probe-broken-XXXXXX");
  g_autofree char *fake_png = reslib_test_write_file (dir, "fake.png", "\x89PNG\r\n\x1a\nnot really", -1);
  g_autofree char *empty_path = reslib_test_write_file (dir, "empty.mp4", "", 0);
  g_autofree char *svg_path = reslib_test_write_file (dir, "sizeless.svg",
                                                      "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", -1);
  g_autofree char *missing_path = g_build_filename (dir, "missing.mp4", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 t0;

  /* Without ffmpeg: files that no reader accepts. */
  bad_image = reslib_probe_file (fake_png, "image/png", NULL, &error);
  g_assert_no_error (error);
  assert_one_line_error (bad_image);
  g_assert_cmpint (bad_image->width, ==, 0);

  /* An SVG without a size of its own is no error (without the SVG loader it is one). */
  svg = reslib_probe_file (svg_path, "image/svg+xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (svg);
  if (svg->error == NULL)
    g_assert_cmpstr (svg->container, ==, "svg");

  empty = reslib_probe_file (empty_path, "video/mp4", NULL, &error);
  g_assert_no_error (error);
  assert_one_line_error (empty);

  /* A file that cannot be opened is an error of the call. */
  missing = reslib_probe_file (missing_path, "video/mp4", NULL, &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_null (missing);
  g_clear_error (&error);
  g_assert_null (reslib_probe_file (dir, "video/mp4", NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (reslib_probe_file (fake_png, "image/png", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  reslib_test_rm_rf (dir);

  if (get_media_dir () == NULL)
    return;

  t0 = g_get_monotonic_time ();
  truncated = probe ("truncated.mp4", "video/mp4");
  assert_one_line_error (truncated);
  truncated_faststart = probe ("truncated-faststart.mp4", "video/mp4");
  assert_one_line_error (truncated_faststart);
  faststart = probe ("faststart.mp4", "video/mp4");
  g_assert_null (faststart->error);
  g_assert_cmpint (faststart->width, ==, 1280);
  garbage = probe ("garbage.mp4", "video/mp4");
  assert_one_line_error (garbage);
  /* Quickly, or at worst after the timeouts (see reslib-probe.c). */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, (RESLIB_PROBE_TIMEOUT_SECONDS + 5) * G_USEC_PER_SEC);
}

/* ---------------------------------------------------------------------------------------------- */
/* The cache                                                                                       */

static void
assert_probes_equal (const ReslibProbeInfo *a,
                     const ReslibProbeInfo *b)
{
  g_assert_cmpstr (a->sha256, ==, b->sha256);
  g_assert_cmpint (a->version, ==, b->version);
  g_assert_cmpstr (a->mime_type, ==, b->mime_type);
  g_assert_cmpstr (a->container, ==, b->container);
  g_assert_cmpstr (a->video_codec, ==, b->video_codec);
  g_assert_cmpstr (a->audio_codec, ==, b->audio_codec);
  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  g_assert_cmpfloat (a->frame_rate, ==, b->frame_rate);
  g_assert_cmpint (a->video_bitrate, ==, b->video_bitrate);
  g_assert_cmpint (a->audio_bitrate, ==, b->audio_bitrate);
  g_assert_cmpfloat (a->duration, ==, b->duration);
  g_assert_cmpint (a->sample_rate, ==, b->sample_rate);
  g_assert_cmpint (a->channels, ==, b->channels);
  g_assert_cmpstr (a->error, ==, b->error);
}

static void
test_cache (Fixture       *f,
            gconstpointer  data)
{
  const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const char *other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
  ReslibProbeInfo info = {
    .sha256 = (char *) sha,
    .version = RESLIB_PROBE_VERSION,
    .mime_type = (char *) "video/mp4",
    .container = (char *) "mp4",
    .video_codec = (char *) "h264",
    .audio_codec = (char *) "aac",
    .width = 1280,
    .height = 720,
    .frame_rate = 25,
    .video_bitrate = 1200000,
    .audio_bitrate = 128000,
    .duration = 2.5,
    .sample_rate = 48000,
    .channels = 2,
    .error = NULL,
  };
  g_autoptr(ReslibProbeInfo) got = NULL;
  g_autoptr(ReslibProbeInfo) copy = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed = TRUE;

  g_assert_true (_reslib_store_add_blob (f->store, sha, 1000, "video/mp4", &existed, &error));
  g_assert_no_error (error);

  /* Nothing cached yet. */
  g_assert_null (reslib_store_get_probe (f->store, sha, &error));
  g_assert_no_error (error);

  g_assert_true (reslib_store_put_probe (f->store, &info, &error));
  g_assert_no_error (error);
  got = reslib_store_get_probe (f->store, sha, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  assert_probes_equal (got, &info);
  copy = reslib_probe_info_copy (got);
  assert_probes_equal (copy, got);
  g_clear_pointer (&got, reslib_probe_info_free);

  /* An error and unknown numbers come back as they went in. */
  info.error = (char *) "坏文件：无法读取";
  info.video_codec = NULL;
  info.width = info.height = 0;
  g_assert_true (reslib_store_put_probe (f->store, &info, &error));
  g_assert_no_error (error);
  got = reslib_store_get_probe (f->store, sha, &error);
  assert_probes_equal (got, &info);
  g_clear_pointer (&got, reslib_probe_info_free);

  /* A probe of an older version is stale: get ignores it. */
  info.version = RESLIB_PROBE_VERSION - 1;
  g_assert_true (reslib_store_put_probe (f->store, &info, &error));
  g_assert_no_error (error);
  g_assert_null (reslib_store_get_probe (f->store, sha, &error));
  g_assert_no_error (error);

  /* Only blobs of the store have probes. */
  info.sha256 = (char *) other;
  info.version = RESLIB_PROBE_VERSION;
  g_assert_false (reslib_store_put_probe (f->store, &info, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
}

/* A store of schema version 1 gets the probes table. */
static void
test_migrate_v1 (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-probe-v1-XXXXXX");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *n = NULL;
  g_autofree char *version = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (fixture, &dump, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = reslib_test_open_store (dir);
  version = reslib_test_sql_text (db_path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, RESLIB_STORE_VERSION_NOW);
  n = reslib_test_sql_text (db_path, "SELECT count(*) FROM probes");
  g_assert_cmpstr (n, ==, "0");
  g_clear_object (&store);

  reslib_test_rm_rf (dir);
}

/* ---------------------------------------------------------------------------------------------- */
/* Probing blobs of a project                                                                      */

static char **
import_media (Fixture    *f,
              const char *names[])
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = media_path (names[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdupv ((char **) reslib_importer_get_resource_ids (importer));
}

static ReslibProbeInfo *
cached_probe (Fixture    *f,
              const char *name)
{
  g_autofree char *path = media_path (name);
  g_autofree char *sha = sha256_of (path);
  g_autoptr(GError) error = NULL;
  ReslibProbeInfo *info = reslib_store_get_probe (f->store, sha, &error);

  g_assert_no_error (error);

  return info;
}

/* Marks the cached probe of a file as made by an older version. */
static void
make_stale (Fixture    *f,
            const char *name)
{
  g_autoptr(ReslibProbeInfo) info = cached_probe (f, name);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (info);
  info->version = RESLIB_PROBE_VERSION - 1;
  g_assert_true (reslib_store_put_probe (f->store, info, &error));
  g_assert_no_error (error);
  g_assert_null (cached_probe (f, name));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  const char *names[] = { "sd.mp4", "tone.mp3", "frame.png", "truncated.mp4", "notes.txt", "sd.mp4", NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(ReslibProbeInfo) sd = NULL;
  g_autoptr(ReslibProbeInfo) mp3 = NULL;
  g_autoptr(ReslibProbeInfo) png = NULL;
  g_autoptr(ReslibProbeInfo) truncated = NULL;
  g_autoptr(ReslibProbeInfo) notes = NULL;
  g_autoptr(ReslibProbeInfo) direct = NULL;
  g_autoptr(GHashTable) probes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sd_path = NULL;

  if (get_media_dir () == NULL)
    return;

  /* The broken file does not fail the import. */
  ids = import_media (f, names);
  g_assert_cmpuint (g_strv_length (ids), ==, 6);

  sd = cached_probe (f, "sd.mp4");
  g_assert_nonnull (sd);
  g_assert_null (sd->error);
  g_assert_cmpstr (sd->mime_type, ==, "video/mp4");
  g_assert_cmpint (sd->width, ==, 640);
  sd_path = media_path ("sd.mp4");
  direct = reslib_probe_file (sd_path, "video/mp4", NULL, &error);
  g_assert_no_error (error);
  direct->sha256 = g_strdup (sd->sha256);
  assert_probes_equal (sd, direct);

  mp3 = cached_probe (f, "tone.mp3");
  g_assert_nonnull (mp3);
  g_assert_cmpstr (mp3->audio_codec, ==, "mp3");
  png = cached_probe (f, "frame.png");
  g_assert_nonnull (png);
  g_assert_cmpint (png->width, ==, 320);
  truncated = cached_probe (f, "truncated.mp4");
  g_assert_nonnull (truncated);
  assert_one_line_error (truncated);
  notes = cached_probe (f, "notes.txt");
  g_assert_null (notes);

  /* The validator's batch read: every probed blob of the project, once. */
  probes = reslib_store_get_project_probes (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (probes), ==, 4);
  g_assert_nonnull (g_hash_table_lookup (probes, sd->sha256));
  g_assert_cmpint (((ReslibProbeInfo *) g_hash_table_lookup (probes, sd->sha256))->height, ==, 480);
  g_clear_pointer (&probes, g_hash_table_unref);

  /* Stale probes are left out. */
  make_stale (f, "sd.mp4");
  probes = reslib_store_get_project_probes (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (probes), ==, 3);
  g_assert_null (g_hash_table_lookup (probes, sd->sha256));
}

static void
import_async_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProbeInfo) hd = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (get_media_dir () == NULL)
    return;

  path = media_path ("hd.mp4");
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->store, f->project);
  reslib_importer_add_file (importer, file);
  reslib_job_run_async (RESLIB_JOB (importer), NULL, import_async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (reslib_job_run_finish (RESLIB_JOB (importer), result, &error));
  g_assert_no_error (error);

  hd = cached_probe (f, "hd.mp4");
  g_assert_nonnull (hd);
  g_assert_cmpint (hd->width, ==, 1280);
  g_assert_cmpint (hd->height, ==, 720);
}

static gboolean
probe_project (ReslibStore   *store,
               const char    *project_id,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ReslibProber) prober = reslib_prober_new (store, project_id);

  return reslib_job_run (RESLIB_JOB (prober), cancellable, error);
}

static void
test_probe_project (Fixture       *f,
                    gconstpointer  data)
{
  const char *names[] = { "sd.mp4", "tone.mp3", "garbage.mp4", NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(ReslibProbeInfo) sd = NULL;
  g_autoptr(ReslibProbeInfo) mp3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;

  if (get_media_dir () == NULL)
    return;

  ids = import_media (f, names);
  make_stale (f, "sd.mp4");
  make_stale (f, "tone.mp3");

  g_assert_true (probe_project (f->store, f->project, NULL, &error));
  g_assert_no_error (error);
  sd = cached_probe (f, "sd.mp4");
  g_assert_nonnull (sd);
  g_assert_cmpint (sd->width, ==, 640);
  mp3 = cached_probe (f, "tone.mp3");
  g_assert_nonnull (mp3);
  g_assert_cmpint (mp3->channels, ==, 2);

  /* Nothing left to do; an unknown project is an error. */
  g_assert_true (probe_project (f->store, f->project, NULL, &error));
  g_assert_no_error (error);
  other = g_uuid_string_random ();
  g_assert_false (probe_project (f->store, other, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
}

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GAsyncResult *result;
  guint         n_progress;
  guint         n_wrong_thread;
  guint         last_done;
  guint         last_total;
} AsyncData;

static void
probe_project_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AsyncData *async = user_data;

  /* In the caller's thread and main context, never in the worker. */
  g_assert_true (async->thread == g_thread_self ());
  g_assert_true (g_main_context_is_owner (async->context));
  g_assert_true (g_main_context_get_thread_default () == async->context);
  async->result = g_object_ref (result);
}

static void
prober_progress_cb (ReslibJob            *job,
                    const ReslibProgress *progress,
                    gpointer              user_data)
{
  AsyncData *async = user_data;

  async->n_progress++;
  if (async->thread != g_thread_self ())
    async->n_wrong_thread++;
  g_assert_cmpuint (progress->files_done, <=, progress->files_total);
  /* Every stage says what it does. */
  g_assert_nonnull (reslib_job_get_message (job));
  async->last_done = progress->files_done;
  async->last_total = progress->files_total;
}

static void
test_probe_project_async (Fixture       *f,
                          gconstpointer  data)
{
  const char *names[] = { "hd.mp4", "frame.png", NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(ReslibProbeInfo) hd = NULL;
  g_autoptr(ReslibProbeInfo) png = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData async = { g_thread_self (), context, NULL };

  if (get_media_dir () == NULL)
    return;

  ids = import_media (f, names);
  make_stale (f, "hd.mp4");
  make_stale (f, "frame.png");

  g_main_context_push_thread_default (context);
  prober = reslib_prober_new (f->store, f->project);
  g_signal_connect (prober, "progress", G_CALLBACK (prober_progress_cb), &async);
  reslib_job_run_async (RESLIB_JOB (prober), NULL, probe_project_done_cb, &async);
  while (async.result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  g_assert_true (reslib_job_run_finish (RESLIB_JOB (prober), async.result, &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpuint (reslib_prober_get_n_probed (prober), ==, 2);
  g_assert_cmpuint (reslib_prober_get_n_unreadable (prober), ==, 0);
  g_assert_cmpuint (async.n_progress, >=, 1);
  g_assert_cmpuint (async.n_wrong_thread, ==, 0);
  g_assert_cmpuint (async.last_done, ==, 2);
  g_assert_cmpuint (async.last_total, ==, 2);
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (prober)), ==, 1.0);
  g_assert_nonnull (reslib_job_get_title (RESLIB_JOB (prober)));
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (prober)), ==, "Media files read");

  /* The worker's connection wrote them; this one sees them. */
  hd = cached_probe (f, "hd.mp4");
  g_assert_nonnull (hd);
  g_assert_cmpint (hd->width, ==, 1280);
  png = cached_probe (f, "frame.png");
  g_assert_nonnull (png);
  g_assert_cmpint (png->height, ==, 240);
}

/* The same blobs probed in the caller's thread and in a worker leave the same results: in the cache and in
 * the job. */
static void
test_probe_project_sync_async (Fixture       *f,
                               gconstpointer  data)
{
  const char *names[] = { "sd.mp4", "tone.mp3", "frame.png", NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sync_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_probe_info_free);
  AsyncData async = { g_thread_self (), NULL, NULL };

  if (get_media_dir () == NULL)
    return;

  ids = import_media (f, names);
  prober = reslib_prober_new (f->store, f->project);
  g_signal_connect (prober, "progress", G_CALLBACK (prober_progress_cb), &async);
  for (guint i = 0; names[i] != NULL; i++)
    make_stale (f, names[i]);
  g_assert_true (reslib_job_run (RESLIB_JOB (prober), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_prober_get_n_probed (prober), ==, 3);
  g_assert_cmpuint (async.last_done, ==, 3);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (sync_infos, cached_probe (f, names[i]));

  for (guint i = 0; names[i] != NULL; i++)
    make_stale (f, names[i]);
  async.last_done = 0;
  reslib_job_run_async (RESLIB_JOB (prober), NULL, probe_project_done_cb, &async);
  while (async.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (reslib_job_run_finish (RESLIB_JOB (prober), async.result, &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpuint (reslib_prober_get_n_probed (prober), ==, 3);
  g_assert_cmpuint (reslib_prober_get_n_unreadable (prober), ==, 0);
  g_assert_cmpuint (async.last_done, ==, 3);
  g_assert_cmpuint (async.n_wrong_thread, ==, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ReslibProbeInfo) info = cached_probe (f, names[i]);
      const ReslibProbeInfo *before = g_ptr_array_index (sync_infos, i);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->container, ==, before->container);
      g_assert_cmpstr (info->video_codec, ==, before->video_codec);
      g_assert_cmpstr (info->audio_codec, ==, before->audio_codec);
      g_assert_cmpint (info->width, ==, before->width);
      g_assert_cmpint (info->height, ==, before->height);
      g_assert_cmpfloat (info->duration, ==, before->duration);
      g_assert_cmpstr (info->error, ==, before->error);
    }
}

static void
cancel_on_progress_cb (ReslibJob            *job,
                       const ReslibProgress *progress,
                       gpointer              user_data)
{
  guint *n_progress = user_data;

  (*n_progress)++;
  reslib_job_cancel (job);
}

static void
test_probe_project_cancelled (Fixture       *f,
                              gconstpointer  data)
{
  const char *names[] = { "sd.mp4", NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(GError) error = NULL;
  guint n_progress = 0;

  if (get_media_dir () == NULL)
    return;

  ids = import_media (f, names);
  make_stale (f, "sd.mp4");
  g_cancellable_cancel (cancellable);
  g_assert_false (probe_project (f->store, f->project, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cached_probe (f, "sd.mp4"));
  g_clear_error (&error);

  /* reslib_job_cancel() at the first report, which comes before the first blob: nothing is probed. */
  prober = reslib_prober_new (f->store, f->project);
  g_signal_connect (prober, "progress", G_CALLBACK (cancel_on_progress_cb), &n_progress);
  g_assert_false (reslib_job_run (RESLIB_JOB (prober), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (reslib_job_get_error (RESLIB_JOB (prober)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_progress, >=, 1);
  g_assert_cmpuint (reslib_prober_get_n_probed (prober), ==, 0);
  g_assert_null (cached_probe (f, "sd.mp4"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: MIME sniffing needs the system's shared-mime-info
   * database from $XDG_DATA_DIRS. Every test works in folders of its own. */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/probe/file/mp4", test_probe_mp4);
  g_test_add_func ("/probe/file/mp3", test_probe_mp3);
  g_test_add_func ("/probe/file/estimate", test_probe_estimate);
  g_test_add_func ("/probe/file/png", test_probe_png);
  g_test_add_func ("/probe/file/broken", test_probe_broken);
  g_test_add ("/probe/cache/round-trip", Fixture, NULL, fixture_setup, test_cache, fixture_teardown);
  g_test_add_func ("/probe/cache/migrate-v1", test_migrate_v1);
  g_test_add ("/probe/import/sync", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/probe/import/async", Fixture, NULL, fixture_setup, test_import_async, fixture_teardown);
  g_test_add ("/probe/project/sync", Fixture, NULL, fixture_setup, test_probe_project, fixture_teardown);
  g_test_add ("/probe/project/async", Fixture, NULL, fixture_setup, test_probe_project_async, fixture_teardown);
  g_test_add ("/probe/project/sync-async", Fixture, NULL, fixture_setup, test_probe_project_sync_async,
              fixture_teardown);
  g_test_add ("/probe/project/cancelled", Fixture, NULL, fixture_setup, test_probe_project_cancelled,
              fixture_teardown);

  ret = g_test_run ();
  reslib_test_rm_rf (media_dir);
  g_free (media_dir);

  return ret;
}
