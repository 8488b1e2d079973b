/* reslib-labels.h — words shown for the fixed values of the data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reslib-entity.h"

G_BEGIN_DECLS

const char *reslib_label_resource_type   (const char *type);
const char *reslib_label_resource_state  (const char *state);
const char *reslib_label_resource_origin (const char *origin);
const char *reslib_label_resource_document (const char *document);
const char *reslib_label_unit_kind       (const char *kind);
const char *reslib_label_unit_role       (const char *role);
const char *reslib_label_major_role      (const char *role);
const char *reslib_label_package_kind    (const char *kind);
const char *reslib_label_project_level   (const char *level);
const char *reslib_label_project_field   (const char *field);
const char *reslib_label_target_kind     (const char *kind);
const char *reslib_label_text_section    (const char *section);
const char *reslib_label_tag             (const char *tag);
const char *reslib_label_tag_document    (const char *tag);
const char *reslib_tag_parse             (const char *text);
const char *reslib_resource_document_parse (const char *text);
const char *reslib_label_field           (ReslibKind  kind,
                                          const char *field);
const char *reslib_label_kind            (ReslibKind  kind);

/* The Chinese terms for reports (申报书 and the like), whatever the user's locale. */
const char *reslib_label_resource_type_document  (const char *type);
const char *reslib_label_resource_type_english   (const char *type);
const char *reslib_label_unit_kind_document      (const char *kind);
const char *reslib_label_project_level_document  (const char *level);
const char *reslib_label_target_kind_document    (const char *kind);
const char *reslib_label_text_section_document  (const char *section);

G_END_DECLS
