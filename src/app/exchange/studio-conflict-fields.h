/* studio-conflict-fields.h — two versions of a record, field by field, as the conflict view shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-core.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;      /* the field's name (for tests and accessibility, never shown) */
  const char *label;     /* its translated name (reslib_label_field) */
  char       *mine;      /* (nullable) the value as shown: labels for fixed words, names for references */
  char       *theirs;    /* (nullable) */
  gboolean    is_list;   /* one item a line */
  gboolean    differs;
} StudioConflictField;

void       studio_conflict_field_free (StudioConflictField *field);
GPtrArray *studio_conflict_fields     (ReslibStore         *store,
                                       ReslibKind           kind,
                                       ReslibRecord        *mine,
                                       ReslibRecord        *theirs);
char      *studio_conflict_format_time (const char         *iso8601);
const char *studio_conflict_record_name (ReslibRecord      *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioConflictField, studio_conflict_field_free)

G_END_DECLS
