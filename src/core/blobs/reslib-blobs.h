/* reslib-blobs.h — content-addressed blob files (private to the core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/stat.h>

#include "reslib-digest-set.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_SNIFF_SIZE 4096

/* A staging area for one import: files are copied and hashed into
 * blobs/tmp/<id>/<sha256>, the database rows are committed, then the files are
 * published (renamed) into blobs/ab/cdef…. A lock held for the life of the
 * stage tells other processes it is alive; a stage whose owner died is
 * finished (files whose rows were committed) or removed at the next open. */
typedef struct _ReslibBlobStage ReslibBlobStage;

typedef struct
{
  char    sha256[65];
  guint64 size;
  guint8  head[RESLIB_SNIFF_SIZE];   /* the first bytes, for content sniffing */
  gsize   head_len;
} ReslibBlobInfo;

ReslibBlobStage *_reslib_blob_stage_new     (ReslibStore         *store,
                                             GError             **error);
gboolean         _reslib_blob_stage_copy    (ReslibBlobStage     *stage,
                                             const char          *path,
                                             const char          *display_name,
                                             ReslibBlobInfo      *info,
                                             gint64              *bytes_done,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* A file to import, open (_reslib_blob_stage_open_input()). */
typedef struct
{
  int         fd;
  struct stat st;   /* of what was opened */
} ReslibBlobInput;

ReslibBlobInput *_reslib_blob_stage_open_input (ReslibBlobStage  *stage,
                                                const char       *path,
                                                gboolean          read_ahead,
                                                GError          **error);
gboolean         _reslib_blob_stage_copy_input (ReslibBlobStage  *stage,
                                                ReslibBlobInput  *input,
                                                const char       *display_name,
                                                ReslibBlobInfo   *info,
                                                gint64           *bytes_done,
                                                GCancellable     *cancellable,
                                                GError          **error);
void             _reslib_blob_input_free    (ReslibBlobInput     *input);
void             _reslib_blob_prefetch      (const char          *path);
int              _reslib_blob_stage_open_temp (ReslibBlobStage  *stage,
                                               char            **tmp_path,
                                               GError          **error);
ReslibDigestEntry *_reslib_blob_stage_adopt (ReslibBlobStage   *stage,
                                             const char          *tmp_path,
                                             const guint8        *digest,
                                             GError             **error);
void             _reslib_blob_stage_discard (ReslibBlobStage     *stage,
                                             const guint8        *digest);
ReslibDigestSet *_reslib_blob_stage_get_digests (ReslibBlobStage *stage);
char            *_reslib_blob_stage_get_path (ReslibBlobStage    *stage,
                                              const char         *sha256);
gboolean         _reslib_blob_stage_sync    (ReslibBlobStage     *stage,
                                             GError             **error);
gboolean         _reslib_blob_stage_publish (ReslibBlobStage     *stage,
                                             GError             **error);
void             _reslib_blob_stage_free    (ReslibBlobStage     *stage);
gboolean         _reslib_blobs_recover      (ReslibStore         *store,
                                             GError             **error);
gboolean         reslib_blob_hash_file      (const char          *path,
                                             char                 sha256[65],
                                             guint64             *size,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibBlobStage, _reslib_blob_stage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibBlobInput, _reslib_blob_input_free)

G_END_DECLS
