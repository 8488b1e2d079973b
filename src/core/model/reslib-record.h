/* reslib-record.h — one row of the store as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "reslib-entity.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_RECORD (reslib_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (ReslibRecord, reslib_record, RESLIB, RECORD, GObject)

struct _ReslibRecordClass
{
  GObjectClass        parent_class;
  const ReslibEntity *entity;
};

/* Each kind of record is a subclass of ReslibRecord whose properties are the
 * fields of its entity table ("file_name" becomes the property "file-name"),
 * so list views can bind to them: <lookup name="title" type="ReslibResource">. */
GType reslib_record_type_for_kind (ReslibKind kind);

#define RESLIB_TYPE_PROJECT      (reslib_record_type_for_kind (RESLIB_KIND_PROJECT))
#define RESLIB_TYPE_MAJOR        (reslib_record_type_for_kind (RESLIB_KIND_MAJOR))
#define RESLIB_TYPE_UNIT         (reslib_record_type_for_kind (RESLIB_KIND_UNIT))
#define RESLIB_TYPE_MEMBER       (reslib_record_type_for_kind (RESLIB_KIND_MEMBER))
#define RESLIB_TYPE_COURSE       (reslib_record_type_for_kind (RESLIB_KIND_COURSE))
#define RESLIB_TYPE_NODE         (reslib_record_type_for_kind (RESLIB_KIND_NODE))
#define RESLIB_TYPE_RESOURCE     (reslib_record_type_for_kind (RESLIB_KIND_RESOURCE))
#define RESLIB_TYPE_BUDGET_LINE  (reslib_record_type_for_kind (RESLIB_KIND_BUDGET_LINE))
#define RESLIB_TYPE_MILESTONE    (reslib_record_type_for_kind (RESLIB_KIND_MILESTONE))
#define RESLIB_TYPE_DECLARATION  (reslib_record_type_for_kind (RESLIB_KIND_DECLARATION))
#define RESLIB_TYPE_SUBMISSION   (reslib_record_type_for_kind (RESLIB_KIND_SUBMISSION))

void                reslib_record_register_types (void);
ReslibKind          reslib_record_get_kind       (ReslibRecord *self);
const ReslibEntity *reslib_record_get_entity     (ReslibRecord *self);
const char         *reslib_record_get_id         (ReslibRecord *self);
const char         *reslib_record_get            (ReslibRecord *self,
                                                  const char   *field);
gint64              reslib_record_get_int        (ReslibRecord *self,
                                                  const char   *field,
                                                  gint64        fallback);
const char * const *reslib_record_get_list       (ReslibRecord *self,
                                                  const char   *field);
JsonNode           *reslib_record_to_json        (ReslibRecord *self);
void                reslib_record_append_json    (ReslibRecord *self,
                                                  GString      *out);

/* For the store: */
ReslibRecord       *_reslib_record_new           (ReslibKind    kind);
void                _reslib_record_take_value    (ReslibRecord *self,
                                                  guint         index,
                                                  char         *value);
void                _reslib_record_take_list     (ReslibRecord *self,
                                                  guint         index,
                                                  char        **values);

G_END_DECLS
