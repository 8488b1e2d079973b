/* studio-conflict-fields.c — two versions of a record, field by field, as the conflict view shows them
 *
 * The fields a person edits (and a resource's file and review) are compared by their stored values;
 * they are shown as the pages show them: fixed words by their labels (reslib-labels), references by
 * the name of the record they point to, lists one item a line, amounts in yuan, times in local time.
 * Ids and column names are never shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-store-courses.h"
#include "studio-conflict-fields.h"
#include "studio-form.h"

void
studio_conflict_field_free (StudioConflictField *field)
{
  g_free (field->mine);
  g_free (field->theirs);
  g_free (field);
}

/* Internal fields still worth comparing: a resource's file and its review. */
static gboolean
is_compared (const ReslibField *field)
{
  static const char * const internal_shown[] = { "blob_sha256", "state", "review_note", "reviewer", NULL };

  if (g_str_equal (field->name, "id") || g_str_equal (field->name, "project_id"))
    return FALSE;
  if ((field->flags & RESLIB_FIELD_INTERNAL) == 0)
    return TRUE;
  return g_strv_contains (internal_shown, field->name);
}

char *
studio_conflict_format_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;
  time = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (time == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
choice_label (ReslibKind  kind,
              const char *field,
              const char *value)
{
  switch (kind)
    {
    case RESLIB_KIND_PROJECT:
      if (g_str_equal (field, "level"))
        return reslib_label_project_level (value);
      break;
    case RESLIB_KIND_MAJOR:
      if (g_str_equal (field, "role"))
        return reslib_label_major_role (value);
      break;
    case RESLIB_KIND_UNIT:
      if (g_str_equal (field, "kind"))
        return reslib_label_unit_kind (value);
      if (g_str_equal (field, "role"))
        return reslib_label_unit_role (value);
      break;
    case RESLIB_KIND_COURSE:
      if (g_str_equal (field, "kind"))
        return reslib_label_course_kind (value);
      break;
    case RESLIB_KIND_NODE:
      if (g_str_equal (field, "kind"))
        return reslib_label_node_kind (value);
      break;
    case RESLIB_KIND_RESOURCE:
      if (g_str_equal (field, "type"))
        return reslib_label_resource_type (value);
      if (g_str_equal (field, "origin"))
        return reslib_label_resource_origin (value);
      if (g_str_equal (field, "state"))
        return reslib_label_resource_state (value);
      if (g_str_equal (field, "document"))
        return reslib_label_resource_document (value);
      break;
    case RESLIB_KIND_MEMBER:
    case RESLIB_KIND_BUDGET_LINE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_DECLARATION:
    case RESLIB_KIND_SUBMISSION:
    case RESLIB_KIND_TARGET:
    case RESLIB_N_KINDS:
    default:
      break;
    }
  return value;
}

/**
 * studio_conflict_record_name:
 *
 * Returns: (transfer none) (nullable): the record's title, or its name, when its kind has one
 */
const char *
studio_conflict_record_name (ReslibRecord *record)
{
  const ReslibEntity *entity = reslib_record_get_entity (record);

  if (reslib_entity_find_field (entity, "title") != NULL && reslib_record_get (record, "title") != NULL)
    return reslib_record_get (record, "title");
  if (reslib_entity_find_field (entity, "name") != NULL)
    return reslib_record_get (record, "name");
  return NULL;
}

/* The name of the record @id of @kind points to; never the id itself. */
static char *
reference_name (ReslibStore *store,
                ReslibKind   kind,
                const char  *id)
{
  g_autoptr(ReslibRecord) record = reslib_store_get (store, kind, id, NULL);
  const char *name;

  if (record == NULL)
    /* Translators: a reference to a record (a unit, a course node…) this library does not have */
    return g_strdup (_("(not in this library)"));
  name = studio_conflict_record_name (record);
  return g_strdup (name != NULL ? name : _("(untitled)"));
}

/* The value of @field as stored, to compare; lists joined with a separator no value holds. */
static char *
raw_value (ReslibRecord      *record,
           const ReslibField *field)
{
  if (record == NULL)
    return NULL;
  if (field->type == RESLIB_FIELD_LIST)
    {
      const char * const *values = reslib_record_get_list (record, field->name);

      return values != NULL && values[0] != NULL ? g_strjoinv ("\x1f", (char **) values) : NULL;
    }
  return g_strdup (reslib_record_get (record, field->name));
}

static char *
shown_value (ReslibStore       *store,
             ReslibKind         kind,
             ReslibRecord      *record,
             const ReslibField *field)
{
  const char *value;

  if (record == NULL)
    return NULL;

  if (field->type == RESLIB_FIELD_LIST)
    {
      const char * const *values = reslib_record_get_list (record, field->name);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        g_ptr_array_add (items, field->ref_kind == RESLIB_KIND_NODE ? reference_name (store, RESLIB_KIND_NODE, values[i])
                                : field->choices != NULL ? g_strdup (reslib_label_tag (values[i]))
                                                         : g_strdup (values[i]));
      if (items->len == 0)
        return NULL;
      g_ptr_array_add (items, NULL);
      return g_strjoinv ("\n", (char **) items->pdata);
    }

  value = reslib_record_get (record, field->name);
  if (value == NULL || *value == '\0')
    return NULL;

  switch (field->type)
    {
    case RESLIB_FIELD_CHOICE:
      return g_strdup (choice_label (kind, field->name, value));
    case RESLIB_FIELD_REF:
      return reference_name (store, field->ref_kind, value);
    case RESLIB_FIELD_TIME:
      return studio_conflict_format_time (value);
    case RESLIB_FIELD_INT:
      if (g_str_has_suffix (field->name, "_cents"))
        return studio_form_format_amount (value);
      return g_strdup (value);
    case RESLIB_FIELD_TEXT:
      if (g_str_equal (field->name, "blob_sha256"))
        {
          gint64 size = reslib_record_get_int (record, "size", -1);
          g_autofree char *digest = g_strndup (value, 12);

          if (size < 0)
            /* Translators: a resource's file, known by the start of its SHA-256 only */
            return g_strdup_printf (_("File %s…"), digest);
          {
            g_autofree char *formatted = g_format_size ((guint64) size);

            /* Translators: a resource's file: its size, then the start of its SHA-256 */
            return g_strdup_printf (_("%s, file %s…"), formatted, digest);
          }
        }
      return g_strdup (value);
    case RESLIB_FIELD_DATE:
    case RESLIB_FIELD_DECIMAL:
    case RESLIB_FIELD_LIST:
    default:
      return g_strdup (value);
    }
}

/**
 * studio_conflict_fields:
 * @mine: (nullable): the version in the store, %NULL when it is gone
 * @theirs: (nullable): the version the package brought
 *
 * Returns: (transfer full) (element-type StudioConflictField): the compared fields, in the entity's order
 */
GPtrArray *
studio_conflict_fields (ReslibStore  *store,
                        ReslibKind    kind,
                        ReslibRecord *mine,
                        ReslibRecord *theirs)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_conflict_field_free);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      g_autofree char *raw_mine = NULL;
      g_autofree char *raw_theirs = NULL;
      StudioConflictField *f;

      if (!is_compared (field))
        continue;
      raw_mine = raw_value (mine, field);
      raw_theirs = raw_value (theirs, field);

      f = g_new0 (StudioConflictField, 1);
      f->name = field->name;
      f->label = reslib_label_field (kind, field->name);
      f->mine = shown_value (store, kind, mine, field);
      f->theirs = shown_value (store, kind, theirs, field);
      f->is_list = field->type == RESLIB_FIELD_LIST;
      f->differs = g_strcmp0 (raw_mine, raw_theirs) != 0;
      g_ptr_array_add (fields, f);
    }

  return fields;
}
