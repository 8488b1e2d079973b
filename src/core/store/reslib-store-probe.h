/* reslib-store-probe.h — the probes of blobs in the store: the cache that reslib-probe.c fills
 *
 * The public part of the cache (reslib_store_get_probe(), reslib_store_put_probe(),
 * reslib_store_get_project_probes()) is declared in reslib-probe.h with ReslibProbeInfo,
 * and defined in reslib-store-probe.c. What follows is for reslib-probe.c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-probe.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* One query, prepared once, that tells for blob after blob its MIME type and whether it has a
 * fresh probe (one of RESLIB_PROBE_VERSION or later). Keep it only while the store is open. */
typedef struct _ReslibProbeLookup ReslibProbeLookup;

ReslibProbeLookup *_reslib_store_probe_lookup_new      (ReslibStore        *store,
                                                        GError            **error);
void               _reslib_store_probe_lookup_free     (ReslibProbeLookup  *lookup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibProbeLookup, _reslib_store_probe_lookup_free)

/* Sets @mime_type (transfer full) and @fresh for the blob @sha256: %NULL and %FALSE when the
 * store has no such blob, or when it cannot be read (that is not reported). */
void               _reslib_store_probe_lookup_blob     (ReslibProbeLookup  *lookup,
                                                        const char         *sha256,
                                                        char              **mime_type,
                                                        gboolean           *fresh);

/* Appends to @sha256s and @mime_types (of char *) the audio, video and image blobs used by
 * resources of the project that have no fresh probe, each once. */
gboolean           _reslib_store_list_blobs_to_probe   (ReslibStore        *store,
                                                        const char         *project_id,
                                                        GPtrArray          *sha256s,
                                                        GPtrArray          *mime_types,
                                                        GError            **error);

G_END_DECLS
