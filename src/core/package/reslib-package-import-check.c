/* reslib-package-import-check.c — a package's records checked against the store before anything is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package-import-private.h"

/* Says that the manifest does not fit with itself or with the store. */
gboolean
_reslib_import_inconsistent (GError    **error,
                             const char *format,
                             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The package’s data/manifest.json is inconsistent: %s"),
               message);

  return FALSE;
}

/* A field of an incoming record as the store's text; NULL when null or absent. */
char *
_reslib_import_value_of (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    default:
      return NULL;
    }
}

GStrv
_reslib_import_list_of (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

/* The project a record of the store belongs to, or NULL when there is no such record. */
char *
_reslib_import_project_of (ReslibPackageImport *im,
                           ReslibKind           kind,
                           const char          *id,
                           GError             **error)
{
  return _reslib_store_import_project_of (im->store, kind, id, error);
}

/* Whether @id is a @kind the package brings or the target project has. */
static gboolean
reference_ok (ReslibPackageImport *im,
              ReslibKind           kind,
              const char          *id,
              GError             **error)
{
  g_autofree char *project = NULL;

  if (g_hash_table_contains (im->index.ids[kind], id))
    return TRUE;
  project = _reslib_import_project_of (im, kind, id, error);

  return project != NULL && g_strcmp0 (project, im->target_project) == 0;
}

/* One record of the manifest, its references already mapped (_reslib_import_apply_map()): what it
 * refers to is in the package or the target project, and its id is not a record of another project.
 * @in_store is FALSE when the store has no record of the id (the merge need not look for it again), TRUE
 * when it has one or was not asked (a project). Reads only; the merge calls it on each record before
 * merging it. */
gboolean
_reslib_import_check_record (ReslibPackageImport *im,
                             guint                kind,
                             JsonObject          *record,
                             gboolean            *in_store,
                             GError             **error)
{
  const ReslibEntity *entity;
  const char *id;
  g_autofree char *local_project = NULL;
  g_autoptr(GError) local_error = NULL;

  *in_store = TRUE;
  if (kind == RESLIB_MANIFEST_FILE || kind == RESLIB_KIND_PROJECT)
    return TRUE;
  entity = reslib_entity_get (kind);
  id = json_object_get_string_member (record, "id");
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_REF && strcmp (field->name, "project_id") != 0)
        {
          g_autofree char *value = _reslib_import_value_of (record, field->name);

          if (value != NULL && !reference_ok (im, field->ref_kind, value, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              return _reslib_import_inconsistent (error, _("the %s “%s” refers to the %s “%s”, which is neither in the package nor in the project"),
                                                  reslib_kind_to_display (kind), id, reslib_kind_to_display (field->ref_kind), value);
            }
        }
      else if (field->type == RESLIB_FIELD_LIST && field->ref_kind == RESLIB_KIND_NODE)
        {
          g_auto(GStrv) values = _reslib_import_list_of (record, field->name);

          for (guint v = 0; values[v] != NULL; v++)
            if (!reference_ok (im, RESLIB_KIND_NODE, values[v], &local_error))
              {
                if (local_error != NULL)
                  {
                    g_propagate_error (error, g_steal_pointer (&local_error));
                    return FALSE;
                  }
                return _reslib_import_inconsistent (error, _("the %s “%s” refers to the %s “%s”, which is neither in the package nor in the project"),
                                                    reslib_kind_to_display (kind), id, reslib_kind_to_display (RESLIB_KIND_NODE), values[v]);
              }
        }
    }

  /* A record of another project with the same id cannot be merged. */
  local_project = _reslib_import_project_of (im, kind, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *in_store = local_project != NULL;
  if (local_project != NULL && strcmp (local_project, im->target_project) != 0 &&
      !(im->into && kind == RESLIB_KIND_MAJOR))
    {
      if (im->into && (kind == RESLIB_KIND_COURSE || kind == RESLIB_KIND_NODE) && !im->match_by_title)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                     _("The %s “%s” of the package is already in another project of the store: import it matching "
                       "courses and points by their titles, or delete the other project first"),
                     reslib_kind_to_display (kind), id);
      else
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                     _("The %s “%s” of the package is already in another project of the store"),
                     reslib_kind_to_display (kind), id);
      return FALSE;
    }

  return TRUE;
}

/* Gets the package's files and, into another project, the mapping of its courses and points ready;
 * verify checked the records against each other, and the merge checks each against the store
 * (_reslib_import_check_record()) in the same reading of the manifest. */
gboolean
_reslib_import_check_records (ReslibPackageImport *im,
                              GCancellable        *cancellable,
                              GError             **error)
{
  ReslibManifestFileIter iter;
  const ReslibManifestFile *file;

  im->source_project = im->index.project_id;
  if (!im->into)
    im->target_project = g_strdup (im->source_project);
  _reslib_manifest_file_iter_init (&iter, &im->index);
  while ((file = _reslib_manifest_file_iter_next (&iter, NULL, NULL)) != NULL)
    g_hash_table_insert (im->blob_sizes, (gpointer) file->sha256, (gpointer) file);

  /* Into another project: the package's courses and points it has too are mapped onto them. */
  return !(im->into && g_strcmp0 (im->target_project, im->source_project) != 0) ||
         _reslib_import_build_map (im, cancellable, error);
}
