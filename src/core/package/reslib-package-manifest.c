/* reslib-package-manifest.c — reading and checking a package's data/manifest.json, record by record
 *
 * manifest.json is one JSON object whose members come in the order pack writes
 * them (format, format_version, kind, bag, project, then one array per kind of
 * record, then files, then in format 2 and only when there are any,
 * review_decisions). It is read with the strict streaming reader, one record
 * at a time: each record is checked against its JSON Schema definition and the
 * data model (canonical ids, real dates and times, counts of zero or more, the
 * package's project) before the caller sees it. Memory stays near the size of
 * one record plus the index, a few hundred bytes per record, whatever the
 * manifest holds; the limits in reslib-package-manifest.h bound both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-json-schema.h"
#include "reslib-package-manifest.h"
#include "reslib-package-private.h"
#include "reslib-text.h"

#define SCHEMA_RESOURCE "/io/github/reslib/core/schema/manifest.schema.json"
#define MANIFEST_NAME   "data/manifest.json"

/* The members of manifest.json, in their order; from "project" on, each holds records of a kind. */
static const struct
{
  const char *member;
  guint       kind;       /* ReslibKind, RESLIB_MANIFEST_FILE or _REVIEW, or G_MAXUINT for the header's members */
  const char *def;        /* its definition in the schema's $defs */
  guint       format;     /* the first format that may give it; it is optional then (0: needed in every format) */
} members[] = {
  { "format", G_MAXUINT, NULL },
  { "format_version", G_MAXUINT, NULL },
  { "kind", G_MAXUINT, NULL },
  { "bag", G_MAXUINT, NULL },
  { "project", RESLIB_KIND_PROJECT, "project" },
  { "majors", RESLIB_KIND_MAJOR, "major" },
  { "units", RESLIB_KIND_UNIT, "unit" },
  { "members", RESLIB_KIND_MEMBER, "member" },
  { "courses", RESLIB_KIND_COURSE, "course" },
  { "nodes", RESLIB_KIND_NODE, "node" },
  { "resources", RESLIB_KIND_RESOURCE, "resource" },
  { "budget_lines", RESLIB_KIND_BUDGET_LINE, "budget_line" },
  { "milestones", RESLIB_KIND_MILESTONE, "milestone" },
  { "declarations", RESLIB_KIND_DECLARATION, "declaration" },
  { "files", RESLIB_MANIFEST_FILE, "file" },
  { "review_decisions", RESLIB_MANIFEST_REVIEW, "review_decision", 2 },
};

static JsonObject *
manifest_schema (void)
{
  static gsize once = 0;
  static JsonParser *parser;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert (bytes != NULL);
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
        g_assert_not_reached ();
      g_once_init_leave (&once, 1);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

/* 8-4-4-4-12 lowercase hexadecimal digits, nothing before or after. */
gboolean
_reslib_is_canonical_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      char c = text[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
        return FALSE;
    }

  return TRUE;
}

static gboolean
digits (const char *p,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;

  return TRUE;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction]Z, as the store writes them, and a real time. */
gboolean
_reslib_is_iso8601_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *p;

  if (text == NULL || strlen (text) < 20 || strlen (text) > 30)
    return FALSE;
  if (!digits (text, 4) || text[4] != '-' || !digits (text + 5, 2) || text[7] != '-' || !digits (text + 8, 2) ||
      text[10] != 'T' || !digits (text + 11, 2) || text[13] != ':' || !digits (text + 14, 2) || text[16] != ':' ||
      !digits (text + 17, 2))
    return FALSE;
  p = text + 19;
  if (*p == '.')
    {
      guint n = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        n++;
      if (n == 0 || n > 9)
        return FALSE;
    }
  if (strcmp (p, "Z") != 0)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);

  return dt != NULL && g_date_time_get_year (dt) >= 1;
}

static char *
text_of (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

static gboolean
bad_value (GError    **error,
           char      **where,
           const char *field,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
bad_value (GError    **error,
           char      **where,
           const char *field,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, message);
  if (where != NULL)
    *where = g_strdup_printf ("/%s", field);

  return FALSE;
}

/* The values the schema cannot express, checked by the data model's own rules. */
static gboolean
check_fields (guint        kind,
              JsonObject  *record,
              char       **where,
              GError     **error)
{
  const ReslibEntity *entity;

  if (kind == RESLIB_MANIFEST_REVIEW)
    {
      const char *note = json_object_get_string_member_with_default (record, "note", NULL);

      if (!_reslib_is_iso8601_time (json_object_get_string_member (record, "decided_at")))
        return bad_value (error, where, "decided_at", _("not a time like 2026-01-31T08:00:00Z"));
      if (strcmp (json_object_get_string_member (record, "decision"), "approve") == 0 &&
          !(json_object_get_boolean_member (record, "political") && json_object_get_boolean_member (record, "scientific") &&
            json_object_get_boolean_member (record, "copyright")))
        return bad_value (error, where, "decision", _("an approval needs every check passed"));
      if (strcmp (json_object_get_string_member (record, "decision"), "reject") == 0 && (note == NULL || *note == '\0'))
        return bad_value (error, where, "note", _("a rejection needs a note"));
      return TRUE;
    }
  if (kind == RESLIB_MANIFEST_FILE)
    {
      const char *path = json_object_get_string_member (record, "path");
      const char *name = strrchr (path, '/') + 1;

      if (!_reslib_is_canonical_uuid (json_object_get_string_member (record, "resource_id")))
        return bad_value (error, where, "resource_id", _("not an id in canonical form"));
      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        return bad_value (error, where, "path", _("not a file name"));
      return TRUE;
    }

  entity = reslib_entity_get (kind);
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      JsonNode *node = json_object_get_member (record, field->name);
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;

      if (node == NULL)
        continue;
      if (field->type == RESLIB_FIELD_LIST)
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; field->ref_kind == RESLIB_KIND_NODE && i < json_array_get_length (array); i++)
            if (!_reslib_is_canonical_uuid (json_array_get_string_element (array, i)))
              return bad_value (error, where, field->name, _("not a list of ids in canonical form"));
          for (guint i = 0; field->choices != NULL && i < json_array_get_length (array); i++)
            if (!reslib_strv_contains (field->choices, json_array_get_string_element (array, i)))
              {
                g_autofree char *shown = reslib_escape_text (json_array_get_string_element (array, i));

                return bad_value (error, where, field->name, _("“%s” is not one of the words this list may hold"), shown);
              }
          continue;
        }
      value = text_of (node);
      if (f == 0 || field->type == RESLIB_FIELD_REF)
        {
          if (value == NULL && (f == 0 || (field->flags & RESLIB_FIELD_REQUIRED)))
            return bad_value (error, where, field->name, _("an id is needed here"));
          if (value != NULL && !_reslib_is_canonical_uuid (value))
            {
              g_autofree char *shown = reslib_escape_text (value);

              return bad_value (error, where, field->name, _("“%s” is not an id in canonical form"), shown);
            }
          continue;
        }
      if (field->type == RESLIB_FIELD_TIME)
        {
          gboolean needed = strcmp (field->name, "created_at") == 0 || strcmp (field->name, "updated_at") == 0;

          if (value == NULL && needed)
            return bad_value (error, where, field->name, _("a time is needed here"));
          if (value != NULL && !_reslib_is_iso8601_time (value))
            {
              g_autofree char *shown = reslib_escape_text (value);

              return bad_value (error, where, field->name, _("“%s” is not a time like 2026-01-31T08:00:00Z"), shown);
            }
          continue;
        }
      if (field->type == RESLIB_FIELD_INT && value != NULL && value[0] == '-')
        return bad_value (error, where, field->name, _("%s is below zero"), value);
      if (value != NULL && !reslib_field_check_value (entity, field, value, &local_error))
        {
          g_autofree char *shown = reslib_escape_text (local_error->message);

          return bad_value (error, where, field->name, "%s", shown);
        }
    }

  return TRUE;
}

/**
 * _reslib_manifest_check_record:
 * @kind: a #ReslibKind or %RESLIB_MANIFEST_FILE
 * @where: (out) (optional): the JSON pointer of the problem inside the record
 *
 * The one check of a record of a package: its schema definition, then the
 * data model's rules for each value.
 */
gboolean
_reslib_manifest_check_record (guint      kind,
                               JsonNode  *record,
                               char     **where,
                               GError   **error)
{
  JsonObject *schema = manifest_schema ();
  JsonObject *defs = json_object_get_object_member (schema, "$defs");
  g_autoptr(GError) local_error = NULL;
  const char *def = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (members[i].kind == kind)
      def = members[i].def;
  g_assert (def != NULL);
  /* The schema's oneOf says the same, in its own English: said here in our words first */
  if (kind == RESLIB_KIND_RESOURCE && JSON_NODE_HOLDS_OBJECT (record))
    {
      JsonObject *object = json_node_get_object (record);
      gboolean has_file = json_object_has_member (object, "blob_sha256") &&
                          !json_object_get_null_member (object, "blob_sha256");
      gboolean has_url = json_object_has_member (object, "url") && !json_object_get_null_member (object, "url");

      if (has_file == has_url)
        {
          if (where != NULL)
            *where = g_strdup (has_file ? "/url" : "/blob_sha256");
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                               has_file ? _("the resource has both a file and an address: a resource has a file "
                                            "(blob_sha256 and size) or, online, an address (url), not both")
                                        : _("the resource has neither a file nor an address: a resource has a file "
                                            "(blob_sha256 and size) or, online, an address (url)"));
          return FALSE;
        }
    }
  if (!reslib_json_schema_check_at (record, schema, json_object_get_object_member (defs, def), where, NULL,
                                    &local_error))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, local_error->message);
      return FALSE;
    }

  return check_fields (kind, json_node_get_object (record), where, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading                                                                                         */

/* A record that breaks the format, named by its JSON pointer in the manifest and its id. */
static gboolean
at_record (GError    **error,
           guint       member,
           guint       number,
           JsonNode   *record,
           const char *where,
           GError     *cause)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (record) ? json_node_get_object (record) : NULL;
  const char *id = object != NULL ? json_object_get_string_member_with_default (object, "id", NULL) : NULL;
  g_autofree char *shown_id = reslib_escape_text (id);
  g_autofree char *shown_where = reslib_escape_text (where != NULL && strcmp (where, "/") != 0 ? where : "");
  g_autofree char *place = NULL;

  if (members[member].kind == RESLIB_KIND_PROJECT)
    place = g_strdup_printf ("/project%s", shown_where);
  else
    place = g_strdup_printf ("/%s/%u%s", members[member].member, number, shown_where);
  if (id != NULL && _reslib_is_canonical_uuid (id))
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                 /* Translators: where in data/manifest.json, the record's id, what is wrong. */
                 _("data/manifest.json does not follow its schema at %s (“%s”): %s"), place, shown_id, cause->message);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("data/manifest.json does not follow its schema at %s: %s"),
                 place, cause->message);

  return FALSE;
}

/* The course kinds of releases before schema 12 (sql/0012-course-member-budget.sql), read as the store's
 * migration reads them: structured is standardized; certificate is training, with the title as the 1+X
 * certificate when the record names none. */
static void
upgrade_course (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "kind");
  const char *kind = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                       ? json_node_get_string (node) : NULL;

  if (g_strcmp0 (kind, "structured") == 0)
    json_object_set_string_member (object, "kind", "standardized");
  else if (g_strcmp0 (kind, "certificate") == 0)
    {
      JsonNode *title = json_object_get_member (object, "title");
      JsonNode *certificate = json_object_get_member (object, "certificate");

      json_object_set_string_member (object, "kind", "training");
      if ((certificate == NULL || JSON_NODE_HOLDS_NULL (certificate)) && title != NULL)
        json_object_set_member (object, "certificate", json_node_copy (title));
    }
}

/* A record, checked unless @checked: the bytes it was read from were checked by an earlier read. */
static gboolean
read_record (ReslibJsonReader     *reader,
             ReslibJsonToken       token,
             guint                 member,
             guint                 number,
             guint                 format_version,
             gboolean              checked,
             ReslibManifestIndex  *index,
             const char           *project_id,
             ReslibManifestFunc    func,
             gpointer              user_data,
             char                **project_out,
             GError              **error)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  guint kind = members[member].kind;
  JsonObject *object;

  record = reslib_json_reader_read_node (reader, token, RESLIB_MANIFEST_MAX_VALUES, RESLIB_MANIFEST_MAX_RECORD,
                                         error);
  if (record == NULL)
    return FALSE;
  if (kind == RESLIB_KIND_COURSE && JSON_NODE_HOLDS_OBJECT (record))
    upgrade_course (json_node_get_object (record));
  if (checked)
    {
      object = json_node_get_object (record);
      if (kind == RESLIB_KIND_PROJECT)
        *project_out = g_strdup (json_object_get_string_member (object, "id"));
      return func == NULL || func (kind, object, user_data, error);
    }
  if (!_reslib_manifest_check_record (kind, record, &where, &local_error))
    return at_record (error, member, number, record, where, local_error);
  object = json_node_get_object (record);
  /* Base versions are format 2's. */
  if (format_version < 2 && json_object_has_member (object, "base_versions"))
    {
      local_error = g_error_new (RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                                 _("the member “%s” is not allowed in format %u"), "base_versions", format_version);
      return at_record (error, member, number, record, "/base_versions", local_error);
    }
  if (kind == RESLIB_KIND_PROJECT)
    *project_out = g_strdup (json_object_get_string_member (object, "id"));
  else if (kind != RESLIB_MANIFEST_FILE && kind != RESLIB_MANIFEST_REVIEW &&
           strcmp (json_object_get_string_member (object, "project_id"), project_id) != 0)
    {
      local_error = g_error_new (RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("the %s belongs to another project"),
                                 reslib_kind_to_display (kind));
      return at_record (error, member, number, record, NULL, local_error);
    }
  if (index != NULL && !_reslib_manifest_index_add (index, kind, object, error))
    return FALSE;
  if (func != NULL && !func (kind, object, user_data, error))
    return FALSE;

  return TRUE;
}

static gboolean
format_fail (ReslibJsonReader  *reader,
             GError           **error,
             const char        *format,
             ...) G_GNUC_PRINTF (3, 4);

/* Well-formed JSON that is not a manifest of format 1. */
static gboolean
format_fail (ReslibJsonReader  *reader,
             GError           **error,
             const char        *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               _("data/manifest.json does not follow its schema at line %u: %s"),
               (guint) MIN (reslib_json_reader_get_line (reader), G_MAXUINT), message);

  return FALSE;
}

static gboolean
check_header_value (ReslibJsonReader  *reader,
                    ReslibJsonToken    token,
                    guint              member,
                    char             **text,
                    guint             *number,
                    GError           **error)
{
  JsonObject *schema = manifest_schema ();
  JsonObject *properties = json_object_get_object_member (schema, "properties");
  g_autoptr(JsonNode) value = reslib_json_reader_read_node (reader, token, 1, 4096, error);
  g_autoptr(GError) local_error = NULL;

  if (value == NULL)
    return FALSE;
  if (!reslib_json_schema_check_at (value, schema, json_object_get_object_member (properties, members[member].member),
                                    NULL, NULL, &local_error))
    {
      g_autofree char *place = g_strdup_printf ("/%s", members[member].member);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("data/manifest.json does not follow its schema at %s: %s"),
                   place, local_error->message);
      return FALSE;
    }
  if (text != NULL)
    *text = g_strdup (json_node_get_string (value));
  if (number != NULL)
    *number = (guint) json_node_get_int (value);

  return TRUE;
}

/* _reslib_manifest_read(); with @checked, the reader gives bytes an earlier read checked (every piece of them
 * has the digest it had then): the records are handed on as they were then, not checked again. */
static gboolean
manifest_read (ReslibJsonReader     *reader,
               gboolean              checked,
               ReslibManifestIndex  *index,
               ReslibManifestFunc    func,
               gpointer              user_data,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *bag = NULL;
  g_autofree char *project_id = NULL;
  ReslibJsonToken token;
  guint n_records = 0;
  guint format_version = 0;
  gboolean ended = FALSE;

  if (index != NULL)
    _reslib_manifest_index_init (index);
  reslib_json_reader_set_name (reader, MANIFEST_NAME);
  if (!reslib_json_reader_next (reader, &token, error))
    return FALSE;
  if (token != RESLIB_JSON_BEGIN_OBJECT)
    return format_fail (reader, error, _("it does not hold a JSON object"));

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      if (!reslib_json_reader_next (reader, &token, error))
        return FALSE;
      if (token == RESLIB_JSON_END_OBJECT && members[m].format != 0)
        {
          ended = TRUE;
          break;
        }
      if (token == RESLIB_JSON_END_OBJECT)
        return format_fail (reader, error, _("the member “%s” is missing"), members[m].member);
      if (members[m].format > format_version &&
          strcmp (reslib_json_reader_get_string (reader, NULL), members[m].member) == 0)
        return format_fail (reader, error, _("the member “%s” is not allowed in format %u"), members[m].member,
                            format_version);
      if (strcmp (reslib_json_reader_get_string (reader, NULL), members[m].member) != 0)
        {
          g_autofree char *shown = reslib_escape_text (reslib_json_reader_get_string (reader, NULL));

          if (members[m].format != 0)
            return format_fail (reader, error, _("the member “%s” is not allowed here"), shown);
          return format_fail (reader, error,
                          _("“%s” where the member “%s” was expected (format 1 gives its members "
                            "once each, in a fixed order)"), shown, members[m].member);
        }
      if (!reslib_json_reader_next (reader, &token, error))
        return FALSE;

      if (members[m].kind == G_MAXUINT)
        {
          if (!check_header_value (reader, token, m, m == 2 ? &kind : m == 3 ? &bag : NULL,
                                   m == 1 ? &format_version : NULL, error))
            return FALSE;
          continue;
        }
      if (members[m].kind == RESLIB_KIND_PROJECT)
        {
          if (!read_record (reader, token, m, 0, format_version, checked, index, NULL, func, user_data, &project_id,
                            error))
            return FALSE;
          n_records++;
          continue;
        }
      if (token != RESLIB_JSON_BEGIN_ARRAY)
        return format_fail (reader, error, _("the member “%s” is not a list"), members[m].member);
      for (guint i = 0; ; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !reslib_json_reader_next (reader, &token, error))
            return FALSE;
          if (token == RESLIB_JSON_END_ARRAY)
            break;
          if (_reslib_bag_over_limit (&(ReslibBagSize) { .records = ++n_records }) != RESLIB_BAG_LIMIT_NONE)
            {
              if (index != NULL)
                index->over_limit = TRUE;
              return reslib_json_reader_fail (reader, error, _("it holds more than %d records"),
                                              RESLIB_MANIFEST_MAX_RECORDS);
            }
          if (!read_record (reader, token, m, i, format_version, checked, index, project_id, func, user_data, NULL,
                            error))
            return FALSE;
        }
    }
  if (!ended && !reslib_json_reader_next (reader, &token, error))
    return FALSE;
  if (token != RESLIB_JSON_END_OBJECT)
    {
      g_autofree char *shown = reslib_escape_text (reslib_json_reader_get_string (reader, NULL));

      return format_fail (reader, error, _("the member “%s” is not allowed here"), shown);
    }
  if (!reslib_json_reader_next (reader, &token, error))
    return FALSE;
  g_assert (token == RESLIB_JSON_END);

  if (index != NULL)
    {
      index->kind = g_steal_pointer (&kind);
      index->bag = g_steal_pointer (&bag);
      index->project_id = g_steal_pointer (&project_id);
      index->format_version = format_version;
      index->n_records = n_records;
      if (!_reslib_manifest_index_finish (index, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _reslib_manifest_read:
 * @index: (nullable): filled with what the manifest holds, and its records checked against each other
 * @func: (nullable): called with each checked record, in the manifest's order
 *
 * Reads a whole manifest.json, checking each record as it comes.
 */
gboolean
_reslib_manifest_read (ReslibJsonReader     *reader,
                       ReslibManifestIndex  *index,
                       ReslibManifestFunc    func,
                       gpointer              user_data,
                       GCancellable         *cancellable,
                       GError              **error)
{
  return manifest_read (reader, FALSE, index, func, user_data, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* From a tar                                                                                      */

/* The entry's bytes go to the reader a piece (RESLIB_MANIFEST_PIECE bytes, the last one shorter) at a time. The
 * first read of a package (verify's) keeps each piece's digest; a later read hands a piece on only once its
 * digest is the one kept: every record it reads then is one verify checked, byte for byte, and is not checked
 * again. */
typedef struct
{
  struct archive   *a;
  ReslibHasher     *md;          /* of the whole entry, on the first read */
  guint64           size;
  GCancellable     *cancellable;
  const char       *path;
  guint8           *piece;
  gsize             piece_len;
  gsize             piece_pos;
  gboolean          ended;
  GByteArray       *pieces;      /* the first read: the digests of the pieces read */
  const GByteArray *verified;    /* a later read: the digests the first read kept */
  guint             n_pieces;
  gboolean          changed;     /* a later read: a piece is not the one verified */
} TarSource;

static gboolean
tar_source_changed (TarSource *src,
                    GError   **error)
{
  src->changed = TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
               _("“%s” changed while it was being imported: import it again once it is complete"), src->path);

  return FALSE;
}

/* Reads the entry's next piece whole, and hashes it. */
static gboolean
tar_source_fill (TarSource *src,
                 GError   **error)
{
  guint8 digest[RESLIB_SHA256_SIZE];
  g_autoptr(ReslibHasher) piece_md = NULL;

  src->piece_len = 0;
  src->piece_pos = 0;
  while (src->piece_len < RESLIB_MANIFEST_PIECE)
    {
      la_ssize_t n = archive_read_data (src->a, src->piece + src->piece_len, RESLIB_MANIFEST_PIECE - src->piece_len);

      if (n < 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The tar is damaged or cut short: %s"),
                       archive_error_string (src->a) != NULL ? archive_error_string (src->a) : _("read error"));
          return FALSE;
        }
      if (n == 0)
        {
          src->ended = TRUE;
          break;
        }
      src->piece_len += (gsize) n;
    }
  src->size += src->piece_len;
  if (src->md != NULL)
    reslib_hasher_update (src->md, src->piece, src->piece_len);
  if (src->piece_len > 0)
    {
      piece_md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
      if (piece_md == NULL)
        return FALSE;
      reslib_hasher_update (piece_md, src->piece, src->piece_len);
      reslib_hasher_finish (piece_md, digest);
      if (src->verified != NULL &&
          ((src->n_pieces + 1) * RESLIB_SHA256_SIZE > src->verified->len ||
           memcmp (src->verified->data + src->n_pieces * RESLIB_SHA256_SIZE, digest, RESLIB_SHA256_SIZE) != 0))
        return tar_source_changed (src, error);
      if (src->pieces != NULL)
        g_byte_array_append (src->pieces, digest, RESLIB_SHA256_SIZE);
      src->n_pieces++;
    }
  /* At the end, a later read must have read as many pieces as the first. */
  if (src->ended && src->verified != NULL && src->n_pieces * RESLIB_SHA256_SIZE != src->verified->len)
    return tar_source_changed (src, error);

  return TRUE;
}

static gssize
tar_source_read (gpointer   user_data,
                 guint8    *buffer,
                 gsize      size,
                 GError   **error)
{
  TarSource *src = user_data;
  gsize n;

  if (g_cancellable_set_error_if_cancelled (src->cancellable, error))
    return -1;
  if (src->changed)
    {
      tar_source_changed (src, error);
      return -1;
    }
  if (src->piece_pos == src->piece_len)
    {
      if (src->ended)
        return 0;
      if (!tar_source_fill (src, error))
        return -1;
    }
  n = MIN (size, src->piece_len - src->piece_pos);
  memcpy (buffer, src->piece + src->piece_pos, n);
  src->piece_pos += n;

  return (gssize) n;
}

/* Reads the entry's data from @a with the reader, checking its records unless @verified gives the digests
 * of its pieces as a first read kept them. */
static gboolean
read_entry (struct archive            *a,
            const char                *path,
            const ReslibManifestIndex *verified,
            ReslibManifestIndex       *index,
            ReslibManifestFunc         func,
            gpointer                   user_data,
            guint64                   *size,
            char                       sha256[65],
            GCancellable              *cancellable,
            GError                   **error)
{
  g_autoptr(ReslibHasher) md = NULL;
  g_autofree guint8 *piece = g_malloc (RESLIB_MANIFEST_PIECE);
  g_autoptr(GByteArray) pieces = verified == NULL ? g_byte_array_new () : NULL;
  TarSource src = { a, NULL, 0, cancellable, path, piece, 0, 0, FALSE, pieces, verified != NULL ? verified->pieces : NULL };
  g_autoptr(ReslibJsonReader) reader = reslib_json_reader_new (tar_source_read, &src);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  sha256[0] = '\0';
  if (verified == NULL)
    {
      md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
      if (md == NULL)
        return FALSE;
      src.md = md;
    }
  ok = manifest_read (reader, verified != NULL, index, func, user_data, cancellable, &local_error);
  /* The rest of the entry, for its checksum; a later read stops at a piece that is not the one verified. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !src.changed)
    {
      GError *read_error = NULL;

      while (src.piece_pos < src.piece_len || !src.ended)
        {
          src.piece_pos = src.piece_len;
          if (!src.ended && !tar_source_fill (&src, &read_error))
            {
              g_clear_error (&local_error);
              g_propagate_error (error, read_error);
              return FALSE;
            }
        }
      if (md != NULL)
        reslib_hasher_finish_hex (md, sha256);
      else
        g_strlcpy (sha256, verified->sha256, 65);
      *size = src.size;
    }
  if (index != NULL)
    {
      g_strlcpy (index->sha256, sha256, sizeof index->sha256);
      g_clear_pointer (&index->pieces, g_byte_array_unref);
      if (sha256[0] != '\0')
        index->pieces = g_steal_pointer (&pieces);
    }
  if (src.changed)
    {
      g_clear_error (&local_error);
      return tar_source_changed (&src, error);
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * _reslib_manifest_read_entry:
 * @a: a tar positioned at the data of the entry data/manifest.json
 * @size: (out): its size in bytes
 * @sha256: (out): its SHA-256, of every byte of the entry even when it is not valid
 *
 * Reads and checks the manifest from the tar, to the end of the entry; @index, when given, keeps the
 * digests of its pieces for a later _reslib_manifest_read_tar().
 * Returns %FALSE with the first problem; @size and @sha256 are set unless
 * reading the tar itself failed or was cancelled.
 */
gboolean
_reslib_manifest_read_entry (struct archive       *a,
                             const char           *path,
                             ReslibManifestIndex  *index,
                             ReslibManifestFunc    func,
                             gpointer              user_data,
                             guint64              *size,
                             char                  sha256[65],
                             GCancellable         *cancellable,
                             GError              **error)
{
  return read_entry (a, path, NULL, index, func, user_data, size, sha256, cancellable, error);
}

/**
 * _reslib_manifest_read_tar:
 * @verified: what verify found manifest.json to hold: its checksum and the digests of its pieces
 *
 * Reads data/manifest.json again from the package at @path, handing each
 * record to @func as verify checked it: each piece of the entry is handed to
 * the parser only once its digest is the one verify kept, so the records are
 * not checked again. Fails with %RESLIB_ERROR_CHANGED at the first piece that
 * is not the one verified, or when there are more or fewer.
 */
gboolean
_reslib_manifest_read_tar (const char                *path,
                           const ReslibManifestIndex *verified,
                           ReslibManifestFunc         func,
                           gpointer                   user_data,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  gboolean found = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (verified != NULL && verified->pieces != NULL, FALSE);

  archive_read_support_format_tar (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   archive_error_string (a) != NULL ? archive_error_string (a) : "");
      goto out;
    }
  for (;;)
    {
      int rc = archive_read_next_header (a, &entry);
      const char *name;
      const char *slash;

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                       archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
          goto out;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      name = archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = archive_entry_pathname (entry);
      slash = name != NULL ? strchr (name, '/') : NULL;
      if (slash == NULL || strcmp (slash + 1, MANIFEST_NAME) != 0 || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      {
        char sha256[65];
        guint64 size = 0;

        found = TRUE;
        ok = read_entry (a, path, verified, NULL, func, user_data, &size, sha256, cancellable, error);
      }
      break;
    }
  if (!found)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                 _("“%s” changed while it was being imported: import it again once it is complete"), path);

out:
  archive_read_free (a);

  return ok;
}
