/* reslib-store-evidence.h — evidence files (佐证材料) attached to milestones, targets and budget lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

/* A file of evidence, as the evidence index (佐证材料目录) lists it */
typedef struct
{
  char       *id;
  char       *title;
  char       *file_name;
  char       *blob_sha256;
  gint64      size;
  char       *mime_type;
  ReslibKind  attached_kind;   /* RESLIB_KIND_MILESTONE, _TARGET, _BUDGET_LINE, or RESLIB_KIND_PROJECT */
  char       *attached_id;     /* (nullable) the record it is attached to */
  char       *section;         /* (nullable) with RESLIB_KIND_PROJECT: the narrative section it is for, a
                                * ReslibTextSection nick ("foundation") */
  char       *note;            /* (nullable) */
  char       *created_at;
} ReslibEvidence;

void        reslib_evidence_free              (ReslibEvidence     *evidence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibEvidence, reslib_evidence_free)

GPtrArray  *reslib_store_list_evidence        (ReslibStore        *store,
                                               const char         *project_id,
                                               GError            **error);
gboolean    reslib_store_remove_evidence      (ReslibStore        *store,
                                               const char         *evidence_id,
                                               GError            **error);
ReslibUndoStep *reslib_store_remove_evidence_undoable (ReslibStore *store,
                                                       const char  *evidence_id,
                                                       GError     **error);
char       *reslib_store_resolve_evidence     (ReslibStore        *store,
                                               const char         *project_id,
                                               const char         *prefix,
                                               GError            **error);

/* For the core's evidence job: inside the caller's write transaction */
char       *_reslib_store_insert_evidence     (ReslibStore        *store,
                                               const char         *project_id,
                                               const char         *sha256,
                                               guint64             size,
                                               const char         *mime_type,
                                               const char         *file_name,
                                               const char         *title,
                                               ReslibKind          attached_kind,
                                               const char         *attached_id,
                                               const char         *section,
                                               const char         *note,
                                               GError            **error);

G_END_DECLS
