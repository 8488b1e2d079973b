/* reslib-probe.h — media facts of files and blobs: GStreamer for audio and video, gdk-pixbuf for images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/* Bump when what a probe records changes: rows of an older version are probed again. */
#define RESLIB_PROBE_VERSION 1

/* How long GStreamer may take over one file before it is reported as unreadable
 * (after a first try of a few seconds: see reslib-probe.c). */
#define RESLIB_PROBE_TIMEOUT_SECONDS 10

/**
 * ReslibProbeInfo:
 * @sha256: the blob probed; %NULL from reslib_probe_file() until the caller sets it
 * @version: the %RESLIB_PROBE_VERSION that wrote it
 * @mime_type: the MIME type as sniffed on import (or given to reslib_probe_file())
 * @container: a short lower-case name of the file format, as ffmpeg names it where
 *   that is unambiguous: "mp4", "mov", "3gp", "m4a", "matroska", "webm", "avi", "flv",
 *   "mpegts", "mpegps", "ogg", "asf", "wav", "aiff"; a bare stream with no container
 *   (an .mp3, an .aac) gives its codec ("mp3", "aac", "flac"); an image its
 *   gdk-pixbuf format name ("png", "jpeg", "gif", …). ID3 and APE tags are not
 *   containers: an MP3 with an ID3 tag is "mp3".
 * @video_codec: the codec of the first video stream (cover art is not video), named as
 *   ffmpeg names it: "h264", "mpeg4", "mpeg2video", "vp8", "vp9", "av1", "theora",
 *   "mjpeg", "wmv3", …; except H.265, which is "h265"; %NULL without video
 * @audio_codec: likewise for the first audio stream: "aac", "mp3", "mp2", "ac3",
 *   "opus", "vorbis", "flac", "pcm" (any raw PCM), "wmav2", …; %NULL without audio
 * @width: pixels; 0 when unknown
 * @height: pixels; 0 when unknown
 * @frame_rate: frames per second; 0 when unknown or variable
 * @video_bitrate: bits per second, 0 when unknown. Taken from the stream (GStreamer's
 *   bitrate, then the nominal-bitrate tag); when neither is known and the duration is,
 *   it is estimated as (file size × 8 − audio bitrate × duration) / duration, so it
 *   includes the container's overhead (about 1% for MP4); the stream's maximum bitrate
 *   is the last resort.
 * @audio_bitrate: bits per second, 0 when unknown; likewise, and for a file with
 *   audio only the estimate is file size × 8 / duration.
 * @duration: seconds; 0 when unknown
 * @sample_rate: Hz of the first audio stream; 0 when unknown
 * @channels: of the first audio stream; 0 when unknown
 * @error: %NULL when the file was read; else why it could not be, translated, on one line
 *
 * What probing found out about one file. Images are read only as far as their header.
 */
typedef struct
{
  char    *sha256;
  int      version;
  char    *mime_type;
  char    *container;
  char    *video_codec;
  char    *audio_codec;
  int      width;
  int      height;
  double   frame_rate;
  gint64   video_bitrate;
  gint64   audio_bitrate;
  double   duration;
  int      sample_rate;
  int      channels;
  char    *error;
} ReslibProbeInfo;

void             reslib_probe_info_free          (ReslibProbeInfo      *info);
ReslibProbeInfo *reslib_probe_info_copy          (const ReslibProbeInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibProbeInfo, reslib_probe_info_free)

/* Whether blobs of this MIME type are probed: audio, video and image types. */
gboolean         reslib_probe_is_media_type      (const char           *mime_type);

ReslibProbeInfo *reslib_probe_file               (const char           *path,
                                                  const char           *mime_type,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* The cache in the store, one row per blob. */
ReslibProbeInfo *reslib_store_get_probe          (ReslibStore          *store,
                                                  const char           *sha256,
                                                  GError              **error);
gboolean         reslib_store_put_probe          (ReslibStore          *store,
                                                  const ReslibProbeInfo *info,
                                                  GError              **error);
GHashTable      *reslib_store_get_project_probes (ReslibStore          *store,
                                                  const char           *project_id,
                                                  GError              **error);

/* For core modules only: probes the media blobs among @sha256s that have no fresh
 * probe, never failing, and keeps their facts in a transaction of their own (the replacer calls it once the
 * blobs are published). The importer probes its staged files with _reslib_probe_staged() instead, and keeps
 * them with _reslib_probe_keep() in the transaction of its rows. */
void             _reslib_probe_blobs             (ReslibStore          *store,
                                                  const char * const   *sha256s,
                                                  GCancellable         *cancellable);
GPtrArray       *_reslib_probe_staged            (ReslibStore          *store,
                                                  const char * const   *sha256s,
                                                  const char * const   *paths,
                                                  const char * const   *mime_types,
                                                  GCancellable         *cancellable);
gboolean         _reslib_probe_keep              (ReslibStore          *store,
                                                  GPtrArray            *probes,
                                                  GError              **error);

G_END_DECLS
