/* reslib-package-manifest-index.c — what a manifest holds, gathered while it is read once
 *
 * The index keeps every record's id by kind, each resource's blob digest, size and file name, and each
 * course node's course and parent, a few dozen bytes per record: enough to check that the records fit
 * together (no id twice, every resource with its one file, node trees without cycles) and for verify and
 * import to find the file a payload path names, without keeping the records themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-package-manifest.h"
#include "reslib-text.h"

/* A resource's blob and the name of its file (data/resources/<id>/<name>), once its element of
 * "files" was read (file.in_files). Kept in index->slabs; the path is not kept whole: the resource's
 * id is the key of index->ids, and a path names its resource. */
typedef struct
{
  ReslibManifestFile file;
  const char        *name;
} ResourceFacts;

#define RESOURCES_PREFIX "data/resources/"

#define SLAB_SIZE (64 * 1024)

typedef struct
{
  char  *course_id;
  char  *parent_id;
  guint8 state;         /* for the cycle search: 0 not seen, 1 on the current path, 2 done */
} NodeFacts;

/* Ids, file names and a node's course and parent ids are kept in index->strings, not one block each. */
void
_reslib_manifest_index_init (ReslibManifestIndex *index)
{
  index->over_limit = FALSE;
  index->strings = g_string_chunk_new (64 * 1024);
  index->slabs = g_ptr_array_new_with_free_func (g_free);
  index->slab_used = SLAB_SIZE;
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    index->ids[k] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           k == RESLIB_KIND_RESOURCE ? NULL : g_free);
}

void
_reslib_manifest_index_clear (ReslibManifestIndex *index)
{
  g_clear_pointer (&index->kind, g_free);
  g_clear_pointer (&index->bag, g_free);
  g_clear_pointer (&index->project_id, g_free);
  g_clear_pointer (&index->project_title, g_free);
  index->format_version = 0;
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    g_clear_pointer (&index->ids[k], g_hash_table_unref);
  g_clear_pointer (&index->strings, g_string_chunk_free);
  g_clear_pointer (&index->slabs, g_ptr_array_unref);
  index->slab_used = 0;
  index->n_records = 0;
  index->over_limit = FALSE;
  index->sha256[0] = '\0';
  g_clear_pointer (&index->pieces, g_byte_array_unref);
}

const ReslibManifestFile *
_reslib_manifest_index_file (ReslibManifestIndex *index,
                             const char          *path)
{
  const char *id, *slash;
  char buffer[128];
  g_autofree char *long_id = NULL;
  ResourceFacts *facts;

  if (index->ids[RESLIB_KIND_RESOURCE] == NULL || !g_str_has_prefix (path, RESOURCES_PREFIX))
    return NULL;
  id = path + strlen (RESOURCES_PREFIX);
  slash = strchr (id, '/');
  if (slash == NULL || slash == id)
    return NULL;
  if ((gsize) (slash - id) < sizeof buffer)
    {
      memcpy (buffer, id, slash - id);
      buffer[slash - id] = '\0';
      facts = g_hash_table_lookup (index->ids[RESLIB_KIND_RESOURCE], buffer);
    }
  else
    {
      long_id = g_strndup (id, slash - id);
      facts = g_hash_table_lookup (index->ids[RESLIB_KIND_RESOURCE], long_id);
    }
  if (facts == NULL || !facts->file.in_files || strcmp (facts->name, slash + 1) != 0)
    return NULL;

  return &facts->file;
}

const ReslibManifestFile *
_reslib_manifest_index_file_of (ReslibManifestIndex *index,
                                const char          *resource_id,
                                const char         **name)
{
  ResourceFacts *facts = g_hash_table_lookup (index->ids[RESLIB_KIND_RESOURCE], resource_id);

  if (facts == NULL || !facts->file.in_files)
    return NULL;
  if (name != NULL)
    *name = facts->name;

  return &facts->file;
}

void
_reslib_manifest_file_iter_init (ReslibManifestFileIter *iter,
                                 ReslibManifestIndex    *index)
{
  g_hash_table_iter_init (&iter->iter, index->ids[RESLIB_KIND_RESOURCE]);
}

const ReslibManifestFile *
_reslib_manifest_file_iter_next (ReslibManifestFileIter *iter,
                                 const char            **resource_id,
                                 const char            **name)
{
  gpointer key, value;

  while (g_hash_table_iter_next (&iter->iter, &key, &value))
    {
      ResourceFacts *facts = value;

      if (!facts->file.in_files)
        continue;
      if (resource_id != NULL)
        *resource_id = key;
      if (name != NULL)
        *name = facts->name;
      return &facts->file;
    }

  return NULL;
}

void
_reslib_manifest_file_path (GString    *out,
                            const char *resource_id,
                            const char *name)
{
  g_string_assign (out, RESOURCES_PREFIX);
  g_string_append (out, resource_id);
  g_string_append_c (out, '/');
  g_string_append (out, name);
}


gboolean
_reslib_manifest_index_has_file (ReslibManifestIndex *index,
                                 const char          *resource_id)
{
  ResourceFacts *facts = g_hash_table_lookup (index->ids[RESLIB_KIND_RESOURCE], resource_id);

  return facts != NULL && facts->file.in_files;
}

static gboolean
inconsistent (GError    **error,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
inconsistent (GError    **error,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("data/manifest.json is inconsistent: %s"), message);

  return FALSE;
}

/* Notes a checked record in the index; refuses what does not fit with the records before it. */
gboolean
_reslib_manifest_index_add (ReslibManifestIndex  *index,
                            guint                 kind,
                            JsonObject           *record,
                            GError              **error)
{
  if (kind == RESLIB_MANIFEST_REVIEW)
    {
      const char *resource_id = json_object_get_string_member (record, "resource_id");

      /* A decision on a resource the package carries, by a member of a unit it carries. */
      if (!g_hash_table_contains (index->ids[RESLIB_KIND_RESOURCE], resource_id))
        return inconsistent (error, _("the review decision on “%s” is not on a resource of the package"), resource_id);
      if (!g_hash_table_contains (index->ids[RESLIB_KIND_MEMBER], json_object_get_string_member (record, "reviewer_id")))
        return inconsistent (error, _("the review decision on “%s” is not by a member the package carries"), resource_id);
      return TRUE;
    }
  if (kind == RESLIB_MANIFEST_FILE)
    {
      const char *resource_id = json_object_get_string_member (record, "resource_id");
      const char *path = json_object_get_string_member (record, "path");
      ResourceFacts *facts = g_hash_table_lookup (index->ids[RESLIB_KIND_RESOURCE], resource_id);
      guint8 sha256[RESLIB_SHA256_SIZE];
      g_autofree char *prefix = g_strdup_printf ("data/resources/%s/", resource_id);
      g_autofree char *shown = reslib_escape_text (path);

      if (facts == NULL || !g_str_has_prefix (path, prefix) || strchr (path + strlen (prefix), '/') != NULL)
        return inconsistent (error, _("the file “%s” does not belong to one resource of the package"), shown);
      if (facts->file.online)
        return inconsistent (error, _("the online resource “%s” has a file: it has its address instead"), resource_id);
      /* A path names its resource: a file listed twice is a second file of that resource. */
      if (facts->file.in_files)
        return inconsistent (error, _("the resource “%s” has more than one file"), resource_id);
      if (!reslib_digest_from_hex (json_object_get_string_member (record, "sha256"), sha256, sizeof sha256) ||
          memcmp (facts->file.sha256, sha256, sizeof sha256) != 0)
        return inconsistent (error, _("the resource “%s” has no file in the package with its checksum"), resource_id);
      if ((gint64) facts->file.size != json_object_get_int_member (record, "size"))
        return inconsistent (error, _("the resource “%s” and its file give different sizes"), resource_id);
      facts->file.in_files = TRUE;
      facts->name = g_string_chunk_insert (index->strings, path + strlen (prefix));
      return TRUE;
    }
  else
    {
      const char *id = json_object_get_string_member (record, "id");
      gpointer facts = NULL;

      if (g_hash_table_contains (index->ids[kind], id))
        return inconsistent (error, _("the %s “%s” is listed twice"), reslib_kind_to_display (kind), id);
      if (kind == RESLIB_KIND_PROJECT && index->project_title == NULL)
        index->project_title = g_strdup (json_object_get_string_member_with_default (record, "name", NULL));
      if (kind == RESLIB_KIND_RESOURCE)
        {
          ResourceFacts *r;

          G_STATIC_ASSERT (sizeof (ResourceFacts) % 8 == 0);
          if (index->slab_used + sizeof (ResourceFacts) > SLAB_SIZE)
            {
              g_ptr_array_add (index->slabs, g_malloc0 (SLAB_SIZE));
              index->slab_used = 0;
            }
          r = (ResourceFacts *) ((guint8 *) g_ptr_array_index (index->slabs, index->slabs->len - 1) + index->slab_used);
          index->slab_used += sizeof (ResourceFacts);

          /* An online resource: its address and no file (the schema checked that it has one or the other). */
          r->file.online = json_object_get_string_member_with_default (record, "blob_sha256", NULL) == NULL;
          if (r->file.online)
            memset (r->file.sha256, 0, sizeof r->file.sha256);
          else if (!reslib_digest_from_hex (json_object_get_string_member (record, "blob_sha256"), r->file.sha256,
                                            sizeof r->file.sha256))
            return inconsistent (error, _("the resource “%s” has no valid checksum"), id);
          r->file.size = r->file.online ? 0 : (guint64) json_object_get_int_member (record, "size");
          facts = r;
        }
      else if (kind == RESLIB_KIND_NODE)
        {
          NodeFacts *n = g_new0 (NodeFacts, 1);

          n->course_id = g_string_chunk_insert_const (index->strings, json_object_get_string_member (record, "course_id"));
          if (json_object_get_string_member_with_default (record, "parent_id", NULL) != NULL)
            n->parent_id = g_string_chunk_insert (index->strings, json_object_get_string_member (record, "parent_id"));
          if (g_strcmp0 (n->parent_id, id) == 0)
            {
              g_free (n);
              return inconsistent (error, _("the %s “%s” is its own parent"), reslib_kind_to_display (kind), id);
            }
          facts = n;
        }
      g_hash_table_insert (index->ids[kind], g_string_chunk_insert (index->strings, id), facts);
      return TRUE;
    }
}

/* After the last record: every resource has its file; course nodes form trees. */
gboolean
_reslib_manifest_index_finish (ReslibManifestIndex  *index,
                               GError              **error)
{
  GHashTable *nodes = index->ids[RESLIB_KIND_NODE];
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, index->ids[RESLIB_KIND_RESOURCE]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!((ResourceFacts *) value)->file.in_files && !((ResourceFacts *) value)->file.online)
      return inconsistent (error, _("the resource “%s” has no file in the package with its checksum"),
                           (const char *) key);

  /* Each walk up from a node stops at a node already done, at a parent outside
   * the package, or at a node on its own path: a cycle. Linear in the nodes. */
  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *id = key;
      NodeFacts *n = value;

      g_ptr_array_set_size (path, 0);
      while (n != NULL && n->state == 0)
        {
          NodeFacts *parent;

          n->state = 1;
          g_ptr_array_add (path, n);
          parent = n->parent_id != NULL ? g_hash_table_lookup (nodes, n->parent_id) : NULL;
          if (parent != NULL && g_strcmp0 (parent->course_id, n->course_id) != 0)
            return inconsistent (error, _("the %s “%s” has a parent in another course"),
                                 reslib_kind_to_display (RESLIB_KIND_NODE), id);
          if (parent != NULL && parent->state == 1)
            return inconsistent (error, _("the %s “%s” is below itself: its parents form a cycle"),
                                 reslib_kind_to_display (RESLIB_KIND_NODE), id);
          id = n->parent_id;
          n = parent;
        }
      for (guint i = 0; i < path->len; i++)
        ((NodeFacts *) g_ptr_array_index (path, i))->state = 2;
    }

  return TRUE;
}
