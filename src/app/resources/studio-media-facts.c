/* studio-media-facts.c — what the probe found in a media file, as the detail pane shows it: the facts
 * the checks use (resolution, frame rate, duration, codecs, bitrate)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-media-facts.h"

static char *
format_duration (double seconds)
{
  guint64 s = (guint64) (seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));

  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

static char *
format_bitrate (gint64 bits_per_second)
{
  if (bits_per_second >= 1000000)
    /* Translators: a media file's bitrate in megabits per second */
    return g_strdup_printf (_("%.1f Mbit/s"), bits_per_second / 1e6);

  /* Translators: a media file's bitrate in kilobits per second */
  return g_strdup_printf (_("%u kbit/s"), (guint) ((bits_per_second + 500) / 1000));
}

/**
 * studio_media_facts_text:
 * @info: (nullable): a blob's probe
 *
 * Returns: (transfer full) (nullable): one line of the media facts, or that the file is damaged or
 *   of a format that cannot be read when the probe failed
 */
char *
studio_media_facts_text (const ReslibProbeInfo *info)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *codecs = NULL;
  gint64 bitrate;

  if (info == NULL)
    return NULL;
  if (info->error != NULL)
    return g_strdup (_("The file is damaged or its format is not supported"));

  if (info->width > 0 && info->height > 0)
    g_ptr_array_add (parts, g_strdup_printf ("%d × %d", info->width, info->height));
  if (info->frame_rate > 0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.3g", info->frame_rate);
      /* Translators: a video's frame rate, e.g. "25 fps" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s fps"), number));
    }
  if (info->duration > 0)
    g_ptr_array_add (parts, format_duration (info->duration));
  if (info->video_codec != NULL && info->audio_codec != NULL)
    codecs = g_strdup_printf ("%s / %s", info->video_codec, info->audio_codec);
  else if (info->video_codec != NULL || info->audio_codec != NULL)
    codecs = g_strdup (info->video_codec != NULL ? info->video_codec : info->audio_codec);
  if (codecs != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&codecs));
  bitrate = MAX (info->video_bitrate, 0) + MAX (info->audio_bitrate, 0);
  if (bitrate > 0)
    g_ptr_array_add (parts, format_bitrate (bitrate));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
