/* studio-media-facts.h — what the probe found in a media file, as the detail pane shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-probe.h"

G_BEGIN_DECLS

/* "1920 × 1080 · 25 fps · 1:02 · h264 / aac · 2.1 Mbit/s" (what is known of it), or that the file cannot
 * be read when the probe failed; NULL when there is nothing to say. */
char *studio_media_facts_text (const ReslibProbeInfo *info);

G_END_DECLS
