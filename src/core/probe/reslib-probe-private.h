/* reslib-probe-private.h — what the probe's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reslib-probe.c reads a file's facts (and a blob's, into the store's cache), handing audio and video to
 * reslib-probe-media.c (GStreamer's discoverer, and a check of MP4 structure) and images to
 * reslib-probe-image.c (gdk-pixbuf); reslib-prober.c probes a project's blobs as a job.
 */
#pragma once

#include "reslib-probe.h"

G_BEGIN_DECLS

/* reslib-probe.c */
void          _reslib_probe_set_error             (ReslibProbeInfo     *info,
                                                   const char          *message);
gboolean      _reslib_probe_blob                  (ReslibStore         *store,
                                                   const char          *sha256,
                                                   const char          *mime_type,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* reslib-probe-media.c */
void          _reslib_probe_check_iso_media       (ReslibProbeInfo     *info,
                                                   const char          *path,
                                                   guint64              file_size);
void          _reslib_probe_check_dv              (ReslibProbeInfo     *info,
                                                   const char          *path);
gboolean      _reslib_probe_media                 (ReslibProbeInfo     *info,
                                                   const char          *path,
                                                   guint64              file_size,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* reslib-probe-image.c */
void          _reslib_probe_image                 (ReslibProbeInfo     *info,
                                                   const char          *path);

G_END_DECLS
