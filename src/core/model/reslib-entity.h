/* reslib-entity.h — the data model: one table of fields per kind of record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reslib-enums.h"

G_BEGIN_DECLS

/**
 * ReslibKind:
 *
 * The kinds of record the store holds (DESIGN §3).
 */
typedef enum
{
  RESLIB_KIND_PROJECT,
  RESLIB_KIND_MAJOR,
  RESLIB_KIND_UNIT,
  RESLIB_KIND_MEMBER,
  RESLIB_KIND_COURSE,
  RESLIB_KIND_NODE,
  RESLIB_KIND_RESOURCE,
  RESLIB_KIND_BUDGET_LINE,
  RESLIB_KIND_MILESTONE,
  RESLIB_KIND_DECLARATION,
  RESLIB_KIND_SUBMISSION,
  RESLIB_KIND_TARGET,
  RESLIB_N_KINDS
} ReslibKind;

typedef enum
{
  RESLIB_FIELD_TEXT,     /* free text */
  RESLIB_FIELD_CHOICE,   /* one of a fixed list of words */
  RESLIB_FIELD_DATE,     /* a calendar date, YYYY-MM-DD */
  RESLIB_FIELD_INT,      /* a whole number */
  RESLIB_FIELD_REF,      /* the id of another record */
  RESLIB_FIELD_TIME,     /* a timestamp the store sets */
  RESLIB_FIELD_LIST,     /* several texts, kept in a side table */
  RESLIB_FIELD_DECIMAL,  /* a number of zero or more with at most one decimal ("3", "3.5"), kept as text */
} ReslibFieldType;

typedef enum
{
  RESLIB_FIELD_REQUIRED = 1 << 0,   /* must be present on creation and cannot be cleared */
  RESLIB_FIELD_SETTABLE = 1 << 1,   /* a user may change it with "set FIELD=VALUE" */
  RESLIB_FIELD_INTERNAL = 1 << 2,   /* the store manages it; not shown to users for editing */
  RESLIB_FIELD_DEFAULTED = 1 << 3,  /* the database gives it a value when none is given */
} ReslibFieldFlags;

typedef struct
{
  const char          *name;          /* column name, JSON key and CLI field name */
  ReslibFieldType      type;
  ReslibFieldFlags     flags;
  const char * const  *choices;       /* RESLIB_FIELD_CHOICE */
  ReslibKind           ref_kind;      /* RESLIB_FIELD_REF */
  const char          *list_table;    /* RESLIB_FIELD_LIST: side table, its value column, its key column;
                                       * other types: a table to read the value from, with list_key
                                       * the SQL join condition on the record "t" */
  const char          *list_column;
  const char          *list_key;
} ReslibField;

typedef struct
{
  ReslibKind          kind;
  const char         *name;           /* "resource": used in messages, events and the CLI */
  const char         *table;          /* "resources" */
  const char         *type_name;      /* "ReslibResource" */
  const char         *order_by;       /* SQL ORDER BY for lists */
  const char         *scope_column;   /* the column that lists are filtered by, NULL for projects */
  const ReslibField  *fields;         /* fields[0] is always "id" */
  guint               n_fields;
} ReslibEntity;

const ReslibEntity *reslib_entity_get          (ReslibKind          kind);
const ReslibEntity *reslib_entity_lookup       (const char         *name);
const ReslibField  *reslib_entity_find_field   (const ReslibEntity *entity,
                                                const char         *name);
int                 reslib_entity_field_index  (const ReslibEntity *entity,
                                                const char         *name);
const char         *reslib_kind_to_display     (ReslibKind          kind);
gboolean            reslib_field_check_value   (const ReslibEntity *entity,
                                                const ReslibField  *field,
                                                const char         *value,
                                                GError            **error);

/* The words a field of each fixed list may hold, NULL-terminated (the nicks of reslib-enums.h). */
#define reslib_unit_kinds        reslib_unit_kind_nicks
#define reslib_unit_roles        reslib_unit_role_nicks
#define reslib_course_kinds      reslib_course_kind_nicks
#define reslib_node_kinds        reslib_node_kind_nicks
#define reslib_resource_types    reslib_resource_type_nicks
#define reslib_resource_origins  reslib_resource_origin_nicks
#define reslib_resource_states   reslib_resource_state_nicks
#define reslib_project_levels    reslib_project_level_nicks
#define reslib_package_kinds     reslib_package_kind_nicks
#define reslib_target_kinds      reslib_target_kind_nicks
#define reslib_yes_no            reslib_yes_no_nicks
#define reslib_tags              reslib_tag_nicks
#define reslib_resource_documents reslib_resource_document_nicks

gboolean reslib_parse_date         (const char  *text,
                                    GDate       *date);
gboolean reslib_parse_decimal      (const char  *text,
                                    gint64      *tenths);
char    *reslib_amount_format      (const char  *cents);
gboolean reslib_amount_parse       (const char  *text,
                                    char       **cents,
                                    GError     **error);
gboolean reslib_parse_code_name    (const char  *text,
                                    char       **code,
                                    char       **name,
                                    GError     **error);
char    *reslib_now_iso8601        (void);
char    *reslib_uuid_new           (void);
gboolean reslib_url_check          (const char  *url,
                                    GError     **error);
char    *reslib_url_file_name      (const char  *url);
gboolean reslib_strv_contains      (const char * const *strv,
                                    const char         *str);

G_END_DECLS
