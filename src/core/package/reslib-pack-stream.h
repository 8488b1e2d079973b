/* reslib-pack-stream.h — a package streamed from the store, from a frozen plan (DESIGN §5, streaming submissions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-profile.h"
#include "reslib-store.h"

G_BEGIN_DECLS

typedef struct _ReslibPackStream ReslibPackStream;

char             *reslib_pack_stream_freeze       (ReslibStore        *store,
                                                   const char         *project_id,
                                                   const char         *kind,
                                                   ReslibProfile      *profile,
                                                   const char         *endpoint,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

ReslibPackStream *reslib_pack_stream_open         (ReslibStore        *store,
                                                   const char         *submission_id,
                                                   GError            **error);
guint64           reslib_pack_stream_get_size     (ReslibPackStream   *self);
const char       *reslib_pack_stream_get_bag_name (ReslibPackStream   *self);
gssize            reslib_pack_stream_read         (ReslibPackStream   *self,
                                                   guint64             offset,
                                                   void               *buffer,
                                                   gsize               len,
                                                   GError            **error);
void              reslib_pack_stream_free         (ReslibPackStream   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibPackStream, reslib_pack_stream_free)

G_END_DECLS
