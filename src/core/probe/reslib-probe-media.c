/* reslib-probe-media.c — the facts of audio and video files: GStreamer's discoverer, and a check of MP4 structure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-probe-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Names                                                                                           */

typedef struct
{
  const char *caps;
  const char *name;
} NameMap;

/* Caps names as GStreamer's demuxers and parsers give them → names as ffmpeg gives them. */
static const NameMap codec_names[] = {
  { "video/x-h264", "h264" },
  { "video/x-h265", "h265" },
  { "video/x-vp8", "vp8" },
  { "video/x-vp9", "vp9" },
  { "video/x-av1", "av1" },
  { "video/x-theora", "theora" },
  { "video/x-divx", "mpeg4" },
  { "video/x-xvid", "mpeg4" },
  { "video/x-h263", "h263" },
  { "video/x-flash-video", "flv1" },
  { "video/x-dv", "dvvideo" },
  { "video/x-prores", "prores" },
  { "video/x-raw", "rawvideo" },
  { "image/jpeg", "mjpeg" },
  { "image/png", "png" },
  { "audio/x-ac3", "ac3" },
  { "audio/ac3", "ac3" },
  { "audio/x-eac3", "eac3" },
  { "audio/x-opus", "opus" },
  { "audio/x-vorbis", "vorbis" },
  { "audio/x-flac", "flac" },
  { "audio/x-raw", "pcm" },
  { "audio/x-wav", "pcm" },
  { "audio/x-alaw", "pcm_alaw" },
  { "audio/x-mulaw", "pcm_mulaw" },
  { "audio/x-alac", "alac" },
  { "audio/x-dts", "dts" },
  { "audio/AMR", "amr_nb" },
  { "audio/AMR-WB", "amr_wb" },
  { "audio/x-speex", "speex" },
  { "audio/x-adpcm", "adpcm" },
};

static const NameMap container_names[] = {
  { "video/x-matroska", "matroska" },
  { "video/webm", "webm" },
  { "audio/webm", "webm" },
  { "video/x-msvideo", "avi" },
  { "video/x-flv", "flv" },
  { "video/mpegts", "mpegts" },
  { "application/ogg", "ogg" },
  { "audio/ogg", "ogg" },
  { "video/ogg", "ogg" },
  { "video/x-ms-asf", "asf" },
  { "audio/x-wav", "wav" },
  { "audio/x-aiff", "aiff" },
  { "audio/x-m4a", "m4a" },
  { "application/x-3gp", "3gp" },
  { "application/mxf", "mxf" },
  { "video/x-dv", "dv" },
  { "audio/x-ape", "ape" },
};

/* Anything not in the tables: the caps name without its "audio/x-" or "video/" part. */
static char *
fallback_name (const char *caps_name)
{
  static const char * const prefixes[] = {
    "audio/x-", "video/x-", "image/x-", "application/x-", "audio/", "video/", "image/", "application/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (caps_name, prefixes[i]) && caps_name[strlen (prefixes[i])] != '\0')
      return g_ascii_strdown (caps_name + strlen (prefixes[i]), -1);

  return g_ascii_strdown (caps_name, -1);
}

static const GstStructure *
caps_structure (const GstCaps *caps)
{
  if (caps == NULL || gst_caps_is_any (caps) || gst_caps_is_empty (caps))
    return NULL;

  return gst_caps_get_structure (caps, 0);
}

static char *
codec_name (const GstCaps *caps)
{
  const GstStructure *s = caps_structure (caps);
  const char *name;
  int version = 0;

  if (s == NULL)
    return NULL;
  name = gst_structure_get_name (s);

  if (g_str_equal (name, "audio/mpeg"))
    {
      int layer = 3;

      gst_structure_get_int (s, "mpegversion", &version);
      if (version == 2 || version == 4)
        return g_strdup ("aac");
      gst_structure_get_int (s, "layer", &layer);
      return g_strdup (layer == 1 ? "mp1" : layer == 2 ? "mp2" : "mp3");
    }
  if (g_str_equal (name, "video/mpeg"))
    {
      gst_structure_get_int (s, "mpegversion", &version);
      return g_strdup (version == 4 ? "mpeg4" : version == 2 ? "mpeg2video" : "mpeg1video");
    }
  if (g_str_equal (name, "video/x-wmv"))
    {
      const char *format = gst_structure_get_string (s, "format");

      gst_structure_get_int (s, "wmvversion", &version);
      if (version == 3 && g_strcmp0 (format, "WVC1") == 0)
        return g_strdup ("vc1");
      return g_strdup_printf ("wmv%d", version > 0 ? version : 3);
    }
  if (g_str_equal (name, "audio/x-wma"))
    {
      gst_structure_get_int (s, "wmaversion", &version);
      return g_strdup (version == 1 ? "wmav1" : version == 3 ? "wmapro" : version == 4 ? "wmalossless" : "wmav2");
    }

  for (guint i = 0; i < G_N_ELEMENTS (codec_names); i++)
    if (g_str_equal (name, codec_names[i].caps))
      return g_strdup (codec_names[i].name);

  return fallback_name (name);
}

static char *
container_name (const GstCaps *caps)
{
  const GstStructure *s = caps_structure (caps);
  const char *name;

  if (s == NULL)
    return NULL;
  name = gst_structure_get_name (s);

  if (g_str_equal (name, "video/quicktime"))
    {
      const char *variant = gst_structure_get_string (s, "variant");

      if (g_strcmp0 (variant, "iso") == 0 || g_strcmp0 (variant, "iso-fragmented") == 0)
        return g_strdup ("mp4");
      if (g_strcmp0 (variant, "3gpp") == 0 || g_strcmp0 (variant, "3g2") == 0)
        return g_strdup ("3gp");
      if (g_strcmp0 (variant, "mj2") == 0)
        return g_strdup ("mj2");
      return g_strdup ("mov");
    }
  if (g_str_equal (name, "video/mpeg"))
    {
      gboolean system = FALSE;

      if (gst_structure_get_boolean (s, "systemstream", &system) && system)
        return g_strdup ("mpegps");
    }

  for (guint i = 0; i < G_N_ELEMENTS (container_names); i++)
    if (g_str_equal (name, container_names[i].caps))
      return g_strdup (container_names[i].name);

  return fallback_name (name);
}

/* A file that is one stream: a format that GStreamer reads without a demuxer
 * (WAV) is named as a container, anything else by its codec. */
static char *
bare_format_name (const GstCaps *caps)
{
  const GstStructure *s = caps_structure (caps);

  if (s == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (container_names); i++)
    if (gst_structure_has_name (s, container_names[i].caps))
      return g_strdup (container_names[i].name);

  return codec_name (caps);
}

static gboolean
is_tag_wrapper (const GstCaps *caps)
{
  const GstStructure *s = caps_structure (caps);

  return s != NULL && (gst_structure_has_name (s, "application/x-id3") ||
                       gst_structure_has_name (s, "application/x-apetag"));
}

/* The format of the file: its outermost container, looking through ID3 and APE
 * tags (a stream of their own, or a container of one stream); for a bare stream,
 * the stream's codec. */
static char *
format_of (GstDiscovererStreamInfo *top)
{
  g_autoptr(GstDiscovererStreamInfo) current = top != NULL ? gst_discoverer_stream_info_ref (top) : NULL;

  while (current != NULL)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (current);
      GstDiscovererStreamInfo *inner = NULL;

      if (GST_IS_DISCOVERER_CONTAINER_INFO (current) && !is_tag_wrapper (caps))
        return container_name (caps);
      if (!is_tag_wrapper (caps))
        return bare_format_name (caps);

      if (GST_IS_DISCOVERER_CONTAINER_INFO (current))
        {
          GList *children = gst_discoverer_container_info_get_streams (GST_DISCOVERER_CONTAINER_INFO (current));

          if (children != NULL && children->next == NULL)
            inner = gst_discoverer_stream_info_ref (children->data);
          gst_discoverer_stream_info_list_free (children);
        }
      else
        inner = gst_discoverer_stream_info_get_next (current);

      g_clear_object (&current);
      current = inner;
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Probing                                                                                         */

static gpointer
init_gstreamer (gpointer data)
{
  GError *error = NULL;

  if (!gst_init_check (NULL, NULL, &error))
    return error;

  return NULL;
}

static gboolean
ensure_gstreamer (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const GError *init_error = g_once (&once, init_gstreamer, NULL);

  if (init_error != NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_AVAILABLE,
                   _("GStreamer cannot be started, so media files cannot be probed: %s"), init_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The average bitrate of a stream: GStreamer's, else the nominal one from the tags; 0 when unknown. */
static gint64
stream_bitrate (GstDiscovererStreamInfo *stream,
                guint                    bitrate)
{
  const GstTagList *tags = gst_discoverer_stream_info_get_tags (stream);
  guint value = 0;

  if (bitrate > 0)
    return bitrate;
  if (tags != NULL && gst_tag_list_get_uint (tags, GST_TAG_BITRATE, &value) && value > 0)
    return value;
  if (tags != NULL && gst_tag_list_get_uint (tags, GST_TAG_NOMINAL_BITRATE, &value) && value > 0)
    return value;

  return 0;
}

static void
fill_from_discoverer (ReslibProbeInfo    *info,
                      GstDiscovererInfo  *dinfo,
                      guint64             file_size)
{
  g_autoptr(GstDiscovererStreamInfo) top = gst_discoverer_info_get_stream_info (dinfo);
  GList *videos = gst_discoverer_info_get_video_streams (dinfo);
  GList *audios = gst_discoverer_info_get_audio_streams (dinfo);
  GstDiscovererVideoInfo *video = NULL;
  GstDiscovererAudioInfo *audio = NULL;
  GstClockTime duration = gst_discoverer_info_get_duration (dinfo);
  guint n_videos = 0;
  guint video_max = 0, audio_max = 0;

  if (GST_CLOCK_TIME_IS_VALID (duration) && duration > 0)
    info->duration = (double) duration / GST_SECOND;
  info->container = format_of (top);

  /* Cover art comes as a video stream that is an image: it is not video. */
  for (GList *l = videos; l != NULL; l = l->next)
    if (!gst_discoverer_video_info_is_image (l->data))
      {
        if (video == NULL)
          video = l->data;
        n_videos++;
      }
  if (audios != NULL)
    audio = audios->data;

  if (video != NULL)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));
      guint num = gst_discoverer_video_info_get_framerate_num (video);
      guint denom = gst_discoverer_video_info_get_framerate_denom (video);

      info->video_codec = codec_name (caps);
      info->width = (int) gst_discoverer_video_info_get_width (video);
      info->height = (int) gst_discoverer_video_info_get_height (video);
      if (num > 0 && denom > 0)
        info->frame_rate = (double) num / denom;
      info->video_bitrate = stream_bitrate (GST_DISCOVERER_STREAM_INFO (video),
                                            gst_discoverer_video_info_get_bitrate (video));
      video_max = gst_discoverer_video_info_get_max_bitrate (video);
    }
  if (audio != NULL)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (audio));

      info->audio_codec = codec_name (caps);
      info->sample_rate = (int) gst_discoverer_audio_info_get_sample_rate (audio);
      info->channels = (int) gst_discoverer_audio_info_get_channels (audio);
      info->audio_bitrate = stream_bitrate (GST_DISCOVERER_STREAM_INFO (audio),
                                            gst_discoverer_audio_info_get_bitrate (audio));
      audio_max = gst_discoverer_audio_info_get_max_bitrate (audio);
    }

  /* Estimates from the file's size, when the streams do not say. */
  if (info->duration > 0 && file_size > 0)
    {
      double total = (double) file_size * 8 / info->duration;

      if (video != NULL && n_videos == 1 && info->video_bitrate == 0 && (audio == NULL || info->audio_bitrate > 0))
        info->video_bitrate = (gint64) MAX (0, total - (double) info->audio_bitrate);
      else if (video == NULL && audio != NULL && audios->next == NULL && info->audio_bitrate == 0)
        info->audio_bitrate = (gint64) total;
    }
  if (info->video_bitrate == 0)
    info->video_bitrate = video_max;
  if (info->audio_bitrate == 0)
    info->audio_bitrate = audio_max;

  if (video == NULL && audio == NULL)
    _reslib_probe_set_error (info, _("The file holds no audio or video that can be read"));

  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);
}

/* The readable part of a missing-plugin installer detail: "gstreamer|1.0|app|H.265 decoder|decoder-…". */
static char *
missing_plugins_text (GstDiscovererInfo *dinfo)
{
  const char **details = gst_discoverer_info_get_missing_elements_installer_details (dinfo);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (details[i], "|", 5);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_strv_length (fields) >= 4 ? fields[3] : details[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Runs GStreamer's discoverer once, with this timeout. */
static GstDiscovererInfo *
discover (const char  *uri,
          guint        timeout_seconds,
          GError     **discover_error,
          GError     **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GError) local_error = NULL;

  discoverer = gst_discoverer_new (timeout_seconds * GST_SECOND, &local_error);
  if (discoverer == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_AVAILABLE,
                   _("GStreamer cannot be started, so media files cannot be probed: %s"), local_error->message);
      return NULL;
    }

  return gst_discoverer_discover_uri (discoverer, uri, discover_error);
}

/* GStreamer 1.22's decodebin sometimes loses the error of a demuxer that fails
 * as it starts (a truncated MP4 does this one time in twenty), and the discoverer
 * then waits out its timeout. So a file is first given a short time, and only
 * one that timed out gets a second try with the full RESLIB_PROBE_TIMEOUT_SECONDS. */
#define FIRST_TRY_TIMEOUT_SECONDS 3

gboolean
_reslib_probe_media (ReslibProbeInfo *info,
                     const char      *path,
                     guint64          file_size,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GstDiscovererInfo) dinfo = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  gboolean discovered = FALSE;

  if (!ensure_gstreamer (error))
    return FALSE;
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, error);
  if (uri == NULL)
    return FALSE;

  for (guint attempt = 0; attempt < 2 && !discovered; attempt++)
    {
      guint timeout = attempt == 0 ? FIRST_TRY_TIMEOUT_SECONDS : RESLIB_PROBE_TIMEOUT_SECONDS;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_clear_object (&dinfo);
      g_clear_error (&local_error);
      dinfo = discover (uri, timeout, &local_error, error);
      if (dinfo == NULL && local_error == NULL)
        return FALSE;
      discovered = dinfo == NULL || gst_discoverer_info_get_result (dinfo) != GST_DISCOVERER_TIMEOUT;
      if (!discovered)
        g_debug ("Probing %s timed out after %u s", path, timeout);
    }

  if (dinfo == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file cannot be read as audio or video: %s"),
                                                  local_error != NULL ? local_error->message : "?");
      _reslib_probe_set_error (info, message);
      return TRUE;
    }

  switch (gst_discoverer_info_get_result (dinfo))
    {
    case GST_DISCOVERER_OK:
      fill_from_discoverer (info, dinfo, file_size);
      break;

    case GST_DISCOVERER_TIMEOUT:
      {
        g_autofree char *message = NULL;

        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Reading the file took longer than %d second: it may be damaged",
                                                "Reading the file took longer than %d seconds: it may be damaged",
                                                RESLIB_PROBE_TIMEOUT_SECONDS),
                                   RESLIB_PROBE_TIMEOUT_SECONDS);
        _reslib_probe_set_error (info, message);
      }
      break;

    case GST_DISCOVERER_MISSING_PLUGINS:
      {
        g_autofree char *missing = missing_plugins_text (dinfo);
        g_autofree char *message = NULL;

        /* Translators: %s names what is missing, such as “H.265 decoder”. */
        message = g_strdup_printf (_("The file needs a GStreamer plugin that is not installed: %s"),
                                   *missing != '\0' ? missing : "?");
        fill_from_discoverer (info, dinfo, file_size);
        _reslib_probe_set_error (info, message);
      }
      break;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
    case GST_DISCOVERER_BUSY:
    default:
      {
        g_autofree char *message = g_strdup_printf (_("The file cannot be read as audio or video: %s"),
                                                    local_error != NULL ? local_error->message : "?");
        _reslib_probe_set_error (info, message);
      }
      break;
    }

  return TRUE;
}

static void
set_cut_short (ReslibProbeInfo *info)
{
  _reslib_probe_set_error (info,
                   _("The file is cut short: it ends in the middle of its data, as if a copy or upload stopped early"));
}

/* Walks the top-level boxes of an MP4, MOV or 3GP file (ISO base media), which
 * GStreamer reads only as far as it needs: a file cut short (a copy or upload
 * that stopped early) or without its index (moov box) is reported here, quickly
 * and in plain words. Other files are left to GStreamer. */
void
_reslib_probe_check_iso_media (ReslibProbeInfo *info,
                               const char      *path,
                               guint64          file_size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint64 offset = 0;
  gboolean has_moov = FALSE;

  if (stream == NULL)
    return;

  for (guint n = 0; offset < file_size; n++)
    {
      guint8 header[16];
      gsize got = 0;
      guint32 size32;
      guint64 size64;
      guint64 box_size;
      gsize header_size = 8;

      if (n > 100000 ||
          !g_seekable_seek (G_SEEKABLE (stream), (goffset) offset, G_SEEK_SET, NULL, NULL) ||
          !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &got, NULL, NULL))
        return;
      if (n == 0 && (got < 8 || memcmp (header + 4, "ftyp", 4) != 0))
        return;   /* not ISO base media */
      if (got < 8)
        {
          set_cut_short (info);
          return;
        }

      memcpy (&size32, header, sizeof size32);
      box_size = GUINT32_FROM_BE (size32);
      if (box_size == 1)
        {
          if (got < 16)
            {
              set_cut_short (info);
              return;
            }
          memcpy (&size64, header + 8, sizeof size64);
          box_size = GUINT64_FROM_BE (size64);
          header_size = 16;
        }
      else if (box_size == 0)
        box_size = file_size - offset;   /* the last box, to the end of the file */

      if (memcmp (header + 4, "moov", 4) == 0)
        has_moov = TRUE;
      if (box_size < header_size)
        {
          _reslib_probe_set_error (info, _("The file is damaged: its MP4 or MOV structure is not valid"));
          return;
        }
      if (box_size > file_size - offset)
        {
          set_cut_short (info);
          return;
        }
      offset += box_size;
    }

  if (!has_moov)
    _reslib_probe_set_error (info, _("The file has no index (moov box): it is incomplete, or its recording was not finished"));
}

/* A raw DV file (video/dv) is a run of DIF sequences, each of which starts with one header block, two subcode
 * blocks, three VAUX blocks, then an audio block and video blocks; the section type is in the top three bits of
 * each 80-byte block's first byte. A file that does not start so (the sniffer takes any file that starts with
 * the bytes of a DV header, as a few in a thousand files of random bytes do) holds no DV: it is not handed to
 * GStreamer, whose DV demuxer (libdv) would write "# no audio" to the standard error again and again. */
void
_reslib_probe_check_dv (ReslibProbeInfo *info,
                        const char      *path)
{
  static const guint8 section_types[] = { 0, 1, 1, 2, 2, 2, 3, 4 };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 blocks[G_N_ELEMENTS (section_types) * 80];
  gsize got = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), blocks, sizeof blocks, &got, NULL, NULL))
    return;   /* left to GStreamer, which says what is wrong */
  for (guint i = 0; i < G_N_ELEMENTS (section_types); i++)
    if (got < (i + 1) * 80 || blocks[i * 80] >> 5 != section_types[i])
      {
        _reslib_probe_set_error (info, _("The file holds no audio or video that can be read"));
        return;
      }
}
