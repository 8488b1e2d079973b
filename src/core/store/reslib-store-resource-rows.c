/* reslib-store-resource-rows.c — light rows of a project's resources, for long lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-store-resource-rows.h"
#include "reslib-store-private.h"
#include "reslib-text.h"

#define NO_STRING G_MAXUINT32

/* 100,000 of these are kept: the texts share one block (id first). */
struct _ReslibResourceRow
{
  GObject     parent_instance;

  gint64      rowid;
  gint64      size;
  const char *type;      /* interned */
  const char *state;     /* interned */
  char       *block;
  guint32     title;     /* offsets into block, NO_STRING for none */
  guint32     file_name;
  guint32     author;
  guint32     updated_at;
  guint32     review_note;  /* of a rejected resource only */
};

#define TEXT(self, field) ((self)->field == NO_STRING ? NULL : (self)->block + (self)->field)

static void
set_texts (ReslibResourceRow *self,
           const char        *id,
           const char        *title,
           const char        *file_name,
           const char        *author,
           const char        *updated_at,
           const char        *review_note)
{
  const char *texts[] = { id, title, file_name, author, updated_at, review_note };
  guint32 offsets[G_N_ELEMENTS (texts)];
  gsize size = 0;
  char *block, *p;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    size += texts[i] != NULL ? strlen (texts[i]) + 1 : 0;
  block = p = g_malloc (MAX (size, 1));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] == NULL)
        {
          offsets[i] = NO_STRING;
          continue;
        }
      offsets[i] = (guint32) (p - block);
      p = g_stpcpy (p, texts[i]) + 1;
    }
  if (texts[0] == NULL)
    *block = '\0', offsets[0] = 0;
  g_free (self->block);
  self->block = block;
  self->title = offsets[1];
  self->file_name = offsets[2];
  self->author = offsets[3];
  self->updated_at = offsets[4];
  self->review_note = offsets[5];
}

G_DEFINE_FINAL_TYPE (ReslibResourceRow, reslib_resource_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_TYPE,
  PROP_STATE,
  PROP_FILE_NAME,
  PROP_SIZE,
  PROP_AUTHOR,
  PROP_UPDATED_AT,
  PROP_REVIEW_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reslib_resource_row_finalize (GObject *object)
{
  ReslibResourceRow *self = RESLIB_RESOURCE_ROW (object);

  g_free (self->block);

  G_OBJECT_CLASS (reslib_resource_row_parent_class)->finalize (object);
}

static void
reslib_resource_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ReslibResourceRow *self = RESLIB_RESOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->block); break;
    case PROP_TITLE: g_value_set_string (value, TEXT (self, title)); break;
    case PROP_TYPE: g_value_set_static_string (value, self->type); break;
    case PROP_STATE: g_value_set_static_string (value, self->state); break;
    case PROP_FILE_NAME: g_value_set_string (value, TEXT (self, file_name)); break;
    case PROP_SIZE: g_value_set_int64 (value, self->size); break;
    case PROP_AUTHOR: g_value_set_string (value, TEXT (self, author)); break;
    case PROP_UPDATED_AT: g_value_set_string (value, TEXT (self, updated_at)); break;
    case PROP_REVIEW_NOTE: g_value_set_string (value, TEXT (self, review_note)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_resource_row_class_init (ReslibResourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = reslib_resource_row_finalize;
  object_class->get_property = reslib_resource_row_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);
  /* The reviewer's note of a rejected resource ("请补充字幕"); NULL in other states. */
  properties[PROP_REVIEW_NOTE] = g_param_spec_string ("review-note", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reslib_resource_row_init (ReslibResourceRow *self)
{
  self->size = -1;
  self->title = self->file_name = self->author = self->updated_at = self->review_note = NO_STRING;
}

/**
 * reslib_resource_row_get_id:
 *
 * Returns: (transfer none): the resource's id
 */
const char *reslib_resource_row_get_id (ReslibResourceRow *self) { return self->block; }

/**
 * reslib_resource_row_get_rowid:
 *
 * Returns: the resource's SQLite rowid
 */
gint64 reslib_resource_row_get_rowid (ReslibResourceRow *self) { return self->rowid; }

/**
 * reslib_resource_row_get_title:
 *
 * Returns: (transfer none) (nullable): the resource's title
 */
const char *reslib_resource_row_get_title (ReslibResourceRow *self) { return TEXT (self, title); }

/**
 * reslib_resource_row_get_kind:
 *
 * Returns: (transfer none): the resource's type (an interned string)
 */
const char *reslib_resource_row_get_kind (ReslibResourceRow *self) { return self->type; }

/**
 * reslib_resource_row_get_state:
 *
 * Returns: (transfer none): the resource's review state (an interned string)
 */
const char *reslib_resource_row_get_state (ReslibResourceRow *self) { return self->state; }

/**
 * reslib_resource_row_get_file_name:
 *
 * Returns: (transfer none) (nullable): the name of the resource's file
 */
const char *reslib_resource_row_get_file_name (ReslibResourceRow *self) { return TEXT (self, file_name); }

/**
 * reslib_resource_row_get_size:
 *
 * Returns: the size of the resource's file in bytes, or -1 when it has none
 */
gint64 reslib_resource_row_get_size (ReslibResourceRow *self) { return self->size; }

/**
 * reslib_resource_row_get_author:
 *
 * Returns: (transfer none) (nullable): the resource's first author
 */
const char *reslib_resource_row_get_author (ReslibResourceRow *self) { return TEXT (self, author); }

/**
 * reslib_resource_row_get_updated_at:
 *
 * Returns: (transfer none) (nullable): when the resource last changed (ISO 8601)
 */
const char *reslib_resource_row_get_updated_at (ReslibResourceRow *self) { return TEXT (self, updated_at); }

/**
 * reslib_resource_row_get_review_note:
 *
 * Returns: (transfer none) (nullable): the reviewer's note on a rejected resource; %NULL for any other
 */
const char *reslib_resource_row_get_review_note (ReslibResourceRow *self) { return TEXT (self, review_note); }

/**
 * reslib_resource_row_update_from:
 * @self: a row
 * @from: the same resource read again, or another one
 *
 * Copies the values of @from into @self and notifies the properties that changed. The string
 * reslib_resource_row_get_id() returned before is freed.
 */
void
reslib_resource_row_update_from (ReslibResourceRow *self,
                                 ReslibResourceRow *from)
{
  static const guint text_props[] = { PROP_TITLE, PROP_FILE_NAME, PROP_AUTHOR, PROP_UPDATED_AT, PROP_REVIEW_NOTE };
  gboolean changed[G_N_ELEMENTS (text_props)];

  g_return_if_fail (RESLIB_IS_RESOURCE_ROW (self));
  g_return_if_fail (RESLIB_IS_RESOURCE_ROW (from));

  gboolean id_changed = g_strcmp0 (self->block, from->block) != 0;

  changed[0] = g_strcmp0 (TEXT (self, title), TEXT (from, title)) != 0;
  changed[1] = g_strcmp0 (TEXT (self, file_name), TEXT (from, file_name)) != 0;
  changed[2] = g_strcmp0 (TEXT (self, author), TEXT (from, author)) != 0;
  changed[3] = g_strcmp0 (TEXT (self, updated_at), TEXT (from, updated_at)) != 0;
  changed[4] = g_strcmp0 (TEXT (self, review_note), TEXT (from, review_note)) != 0;

  g_object_freeze_notify (G_OBJECT (self));
  set_texts (self, from->block, TEXT (from, title), TEXT (from, file_name), TEXT (from, author),
             TEXT (from, updated_at), TEXT (from, review_note));
  for (guint i = 0; i < G_N_ELEMENTS (text_props); i++)
    if (changed[i])
      g_object_notify_by_pspec (G_OBJECT (self), properties[text_props[i]]);
  if (self->type != from->type)
    {
      self->type = from->type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
    }
  /* What shows the state shows the note with it. */
  if (self->state != from->state || changed[4])
    {
      self->state = from->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->size != from->size)
    {
      self->size = from->size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }
  self->rowid = from->rowid;
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * reslib_resource_row_copy:
 * @self: a row
 *
 * Returns: (transfer full): a new row with the values of @self
 */
ReslibResourceRow *
reslib_resource_row_copy (ReslibResourceRow *self)
{
  ReslibResourceRow *copy;

  g_return_val_if_fail (RESLIB_IS_RESOURCE_ROW (self), NULL);

  copy = g_object_new (RESLIB_TYPE_RESOURCE_ROW, NULL);
  set_texts (copy, self->block, TEXT (self, title), TEXT (self, file_name), TEXT (self, author),
             TEXT (self, updated_at), TEXT (self, review_note));
  copy->rowid = self->rowid;
  copy->size = self->size;
  copy->type = self->type;
  copy->state = self->state;

  return copy;
}

/* ---------------------------------------------------------------------------------------------- */

#define ROW_SQL \
  "SELECT t.rowid, t.id, t.title, t.type, t.state, t.file_name, t.updated_at, b.size, " \
  "(SELECT a.name FROM resource_authors a WHERE a.resource_id = t.id ORDER BY a.position LIMIT 1), " \
  "CASE WHEN t.state = 'rejected' THEN nullif (t.review_note, '') END " \
  "FROM resources t LEFT JOIN blobs b ON b.sha256 = t.blob_sha256 "

static ReslibResourceRow *
row_from_stmt (ReslibStatement *stmt)
{
  ReslibResourceRow *row = g_object_new (RESLIB_TYPE_RESOURCE_ROW, NULL);

  row->rowid = reslib_statement_get_int64 (stmt, 0);
  row->type = g_intern_string (reslib_statement_get_text (stmt, 3));
  row->state = g_intern_string (reslib_statement_get_text (stmt, 4));
  row->size = reslib_statement_is_null (stmt, 7) ? -1 : reslib_statement_get_int64 (stmt, 7);
  set_texts (row, reslib_statement_get_text (stmt, 1), reslib_statement_get_text (stmt, 2),
             reslib_statement_get_text (stmt, 5), reslib_statement_get_text (stmt, 8),
             reslib_statement_get_text (stmt, 6), reslib_statement_get_text (stmt, 9));

  return row;
}

/**
 * reslib_store_list_resource_rows:
 *
 * Returns: (transfer full) (element-type ReslibResourceRow): the project's rows, oldest first.
 */
GPtrArray *
reslib_store_list_resource_rows (ReslibStore *store,
                                 const char  *project_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (1024, g_object_unref);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new_once (store, ROW_SQL "WHERE t.project_id = ?1 ORDER BY t.created_at, t.rowid", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * reslib_store_get_resource_row:
 * @store: a store
 * @id: a resource's id
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the row of one resource, or %NULL with
 *   %RESLIB_ERROR_NOT_FOUND (or another error when the store cannot be read)
 */
ReslibResourceRow *
reslib_store_get_resource_row (ReslibStore *store,
                               const char  *id,
                               GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = reslib_statement_new_once (store, ROW_SQL "WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, id);
  if (reslib_statement_step (stmt, error))
    return row_from_stmt (stmt);
  if (!reslib_statement_failed (stmt))
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                 _("There is no %s with the id “%s”"), reslib_kind_to_display (RESLIB_KIND_RESOURCE), id);

  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Pages: where each row is in the list, then the rows of a part of it.                            */

/* Stops a read whose cancellable was cancelled (sqlite3_progress_handler). */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/**
 * reslib_store_list_resource_rowids:
 * @store: a store, or a connection of its own from reslib_store_reopen() in a worker
 * @project_id: the project
 * @cancellable: (nullable): stops the read early
 * @error: return location for a #GError, or %NULL
 *
 * The rowids of the project's resources in the order of reslib_store_list_resource_rows(), read from
 * the index of the project's resources by creation without reading the rows: a list of a million
 * resources knows its length and where each row is before any row is read (see
 * reslib_store_get_resource_rows()).
 *
 * Returns: (transfer full) (element-type gint64): the rowids, or %NULL with @error set
 */
GArray *
reslib_store_list_resource_rowids (ReslibStore  *store,
                                   const char   *project_id,
                                   GCancellable *cancellable,
                                   GError      **error)
{
  return reslib_store_list_resource_rowids_where (store, project_id, NULL, cancellable, error);
}

/* A row's place in a sorted list: its sort key (a collation key, or a size). */
typedef struct
{
  gint64  rowid;
  gint64  size;
  char   *key;
} SortEntry;

static void
sort_entry_clear (SortEntry *entry)
{
  g_free (entry->key);
}

/* The order of GTK's sorters on the Resources page: texts by the collation key of their case-folded form,
 * types and states by their labels, times by their ISO text, sizes as numbers; equal keys keep the list's
 * order (a stable sort). */
static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  const ReslibResourceQuery *query = data;
  int order;

  if (query->sort == RESLIB_RESOURCE_SORT_SIZE)
    order = x->size < y->size ? -1 : x->size > y->size;
  else
    order = strcmp (x->key, y->key);

  return query->descending ? -order : order;
}

static char *
text_sort_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return g_utf8_collate_key (folded, -1);
}

/* The collation key of a type's or a state's label, made once per value. */
static char *
label_sort_key (GHashTable  *keys,
                const char  *value,
                const char *(*label) (const char *))
{
  const char *key;

  if (value == NULL)
    return g_strdup ("");
  key = g_hash_table_lookup (keys, value);
  if (key == NULL)
    {
      key = text_sort_key (label (value));
      g_hash_table_insert (keys, g_strdup (value), (gpointer) key);
    }

  return g_strdup (key);
}

static const char *
sort_column_sql (ReslibResourceSort sort)
{
  switch (sort)
    {
    case RESLIB_RESOURCE_SORT_TITLE: return "t.title";
    case RESLIB_RESOURCE_SORT_TYPE: return "t.type";
    case RESLIB_RESOURCE_SORT_STATE: return "t.state";
    case RESLIB_RESOURCE_SORT_FILE_NAME: return "t.file_name";
    case RESLIB_RESOURCE_SORT_SIZE: return "(SELECT b.size FROM blobs b WHERE b.sha256 = t.blob_sha256)";
    case RESLIB_RESOURCE_SORT_AUTHOR:
      return "(SELECT a.name FROM resource_authors a WHERE a.resource_id = t.id ORDER BY a.position LIMIT 1)";
    case RESLIB_RESOURCE_SORT_MODIFIED: return "t.updated_at";
    case RESLIB_RESOURCE_SORT_NONE:
    default: return "NULL";
    }
}

/* The rowids (GSIZE_TO_POINTER) of the resources of @project_id among @ids. */
static GHashTable *
rowids_of_ids (ReslibStore        *store,
               const char         *project_id,
               const char * const *ids,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GHashTable) rowids = g_hash_table_new (NULL, NULL);
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store, "SELECT rowid FROM resources WHERE id = ?1 AND project_id = ?2", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if ((i & 1023) == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      reslib_statement_reset (stmt);
      reslib_statement_bind_text (stmt, 1, ids[i]);
      reslib_statement_bind_text (stmt, 2, project_id);
      if (reslib_statement_step (stmt, &local_error))
        g_hash_table_add (rowids, GSIZE_TO_POINTER ((gsize) reslib_statement_get_int64 (stmt, 0)));
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return g_steal_pointer (&rowids);
}

/**
 * reslib_store_list_resource_rowids_where:
 * @store: a store, or a connection of its own from reslib_store_reopen() in a worker
 * @project_id: the project
 * @query: (nullable): the filters and the order; %NULL for all, oldest first
 * @cancellable: (nullable): stops the read early
 * @error: return location for a #GError, or %NULL
 *
 * As reslib_store_list_resource_rowids(), of the resources that pass @query's filters, in its order: the
 * list's filters and sorting answered by the store, so that a long list shown a page at a time is filtered
 * and sorted without its rows read. Without a filter or an order only the index is read; an order reads
 * one value a resource and sorts as the Resources page's columns do.
 *
 * Returns: (transfer full) (element-type gint64): the rowids, or %NULL with @error set
 */
GArray *
reslib_store_list_resource_rowids_where (ReslibStore               *store,
                                         const char                *project_id,
                                         const ReslibResourceQuery *query,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  static const ReslibResourceQuery all = { NULL, NULL, NULL, RESLIB_RESOURCE_SORT_NONE, FALSE, NULL };
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GHashTable) label_keys = NULL;
  g_autoptr(GHashTable) named = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT t.rowid, ");
  sqlite3 *db = _reslib_store_get_db (store);

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (query == NULL)
    query = &all;
  /* Resources named by id: their rowids from the ids' index, one lookup each, none of their rows read. */
  if (query->ids != NULL)
    {
      named = rowids_of_ids (store, project_id, query->ids, cancellable, error);
      if (named == NULL)
        return NULL;
    }
  g_string_append_printf (sql, "%s FROM resources t INDEXED BY resources_project WHERE t.project_id = ?1",
                          sort_column_sql (query->sort));
  if (query->type != NULL)
    g_string_append (sql, " AND t.type = ?2");
  if (query->state != NULL)
    g_string_append (sql, " AND t.state = ?3");
  if (query->course_id != NULL)
    g_string_append (sql, " AND t.id IN (SELECT rn.resource_id FROM course_nodes n "
                          "JOIN resource_nodes rn ON rn.node_id = n.id WHERE n.course_id = ?4)");
  g_string_append (sql, " ORDER BY t.created_at, t.rowid");
  stmt = reslib_statement_new (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (query->type != NULL)
    reslib_statement_bind_text (stmt, 2, query->type);
  if (query->state != NULL)
    reslib_statement_bind_text (stmt, 3, query->state);
  if (query->course_id != NULL)
    reslib_statement_bind_text (stmt, 4, query->course_id);
  if (query->sort != RESLIB_RESOURCE_SORT_NONE)
    {
      entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), 1024);
      g_array_set_clear_func (entries, (GDestroyNotify) sort_entry_clear);
      label_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 2000, progress_cb, cancellable);
  while (reslib_statement_step (stmt, &local_error))
    {
      gint64 rowid = reslib_statement_get_int64 (stmt, 0);
      SortEntry entry = { rowid, -1, NULL };

      if (named != NULL && !g_hash_table_contains (named, GSIZE_TO_POINTER ((gsize) rowid)))
        continue;
      if (entries == NULL)
        {
          g_array_append_val (rowids, rowid);
          continue;
        }
      if (query->sort == RESLIB_RESOURCE_SORT_SIZE)
        entry.size = reslib_statement_is_null (stmt, 1) ? -1 : reslib_statement_get_int64 (stmt, 1);
      else if (query->sort == RESLIB_RESOURCE_SORT_TYPE)
        entry.key = label_sort_key (label_keys, reslib_statement_get_text (stmt, 1), reslib_label_resource_type);
      else if (query->sort == RESLIB_RESOURCE_SORT_STATE)
        entry.key = label_sort_key (label_keys, reslib_statement_get_text (stmt, 1), reslib_label_resource_state);
      else if (query->sort == RESLIB_RESOURCE_SORT_MODIFIED)
        entry.key = g_strdup (reslib_statement_get_text (stmt, 1) != NULL ? reslib_statement_get_text (stmt, 1) : "");
      else
        entry.key = text_sort_key (reslib_statement_get_text (stmt, 1));
      g_array_append_val (entries, entry);
      if ((entries->len & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (entries != NULL)
    {
      /* Stable: equal keys stay oldest first. */
      g_array_sort_with_data (entries, compare_sort_entries, (gpointer) query);
      for (guint i = 0; i < entries->len; i++)
        g_array_append_val (rowids, g_array_index (entries, SortEntry, i).rowid);
    }

  return g_steal_pointer (&rowids);
}

/**
 * reslib_store_resource_ids_of_rowids:
 * @store: a store
 * @rowids: (array length=n_rowids): rowids of resources (from reslib_store_list_resource_rowids())
 * @n_rowids: their number
 * @error: return location for a #GError, or %NULL
 *
 * The ids of the resources at positions of a long list whose rows were not all read (those selected).
 *
 * Returns: (transfer full): the ids, in the order of @rowids, without those no longer in the store; or
 *   %NULL with @error set
 */
GStrv
reslib_store_resource_ids_of_rowids (ReslibStore  *store,
                                     const gint64 *rowids,
                                     guint         n_rowids,
                                     GError      **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (rowids != NULL || n_rowids == 0, NULL);

  stmt = reslib_statement_new (store, "SELECT id FROM resources WHERE rowid = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_rowids; i++)
    {
      reslib_statement_reset (stmt);
      reslib_statement_bind_int64 (stmt, 1, rowids[i]);
      if (reslib_statement_step (stmt, error))
        g_strv_builder_add (ids, reslib_statement_get_text (stmt, 0));
      else if (reslib_statement_failed (stmt))
        return NULL;
    }

  return g_strv_builder_end (ids);
}

/* The items of a part may be NULL. */
static void
clear_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

/**
 * reslib_store_get_resource_rows:
 * @store: a store, or a connection of its own from reslib_store_reopen() in a worker
 * @rowids: (array length=n_rowids): rowids of resources (from reslib_store_list_resource_rowids())
 * @n_rowids: their number
 * @error: return location for a #GError, or %NULL
 *
 * Reads the rows of a part of a list, one indexed look-up each.
 *
 * Returns: (transfer full) (element-type ReslibResourceRow): @n_rowids items, the row of each rowid in
 *   its place, %NULL where the resource is no longer in the store; or %NULL with @error set
 */
GPtrArray *
reslib_store_get_resource_rows (ReslibStore  *store,
                                const gint64 *rowids,
                                guint         n_rowids,
                                GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_rowids, clear_row);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (rowids != NULL || n_rowids == 0, NULL);

  stmt = reslib_statement_new (store, ROW_SQL "WHERE t.rowid = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_rowids; i++)
    {
      reslib_statement_reset (stmt);
      reslib_statement_bind_int64 (stmt, 1, rowids[i]);
      if (reslib_statement_step (stmt, error))
        g_ptr_array_add (rows, row_from_stmt (stmt));
      else if (reslib_statement_failed (stmt))
        return NULL;
      else
        g_ptr_array_add (rows, NULL);
    }

  return g_steal_pointer (&rows);
}

/* ---------------------------------------------------------------------------------------------- */
/* Search: the same matching as reslib_store_search (), reading only rowids.                       */

/**
 * reslib_store_search_resource_rowids:
 * @store: a store, or a connection of its own from reslib_store_reopen() in a worker
 * @project_id: the project
 * @query: what the user typed
 * @cancellable: (nullable): stops the search early
 * @error: return location for a #GError, or %NULL
 *
 * Finds the project's resources that reslib_store_search() would return for @query, without
 * reading the records.
 *
 * Returns: (transfer full) (nullable): a set of their rowids (GINT_TO_POINTER), or %NULL with
 *   @error set
 */
/* Whether the store has resources of a project other than @project_id: two seeks in resources_project. */
static gboolean
other_projects_have_resources (ReslibStore *store,
                               const char  *project_id,
                               GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store,
                               "SELECT EXISTS (SELECT 1 FROM resources INDEXED BY resources_project WHERE project_id < ?1) "
                               "OR EXISTS (SELECT 1 FROM resources INDEXED BY resources_project WHERE project_id > ?1)",
                               error);
  if (stmt == NULL)
    return TRUE;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (!reslib_statement_step (stmt, error))
    return TRUE;

  return reslib_statement_get_int64 (stmt, 0) != 0;
}

GHashTable *
reslib_store_search_resource_rowids (ReslibStore  *store,
                                     const char   *project_id,
                                     const char   *query,
                                     GCancellable *cancellable,
                                     GError      **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  const char *driver = NULL;
  sqlite3 *db = _reslib_store_get_db (store);
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean joined;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  /* In a store of one project, the index's rows are the project's: reading each resource's row only to
   * check its project cost five times the index's own reads (a search of 100,000 resources). */
  joined = other_projects_have_resources (store, project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!_reslib_store_plan_search (project_id, query, joined, args, &driver, filters, error))
    return NULL;

  if (driver != NULL && joined)
    g_string_append_printf (sql, "SELECT t.rowid FROM %s CROSS JOIN resources t ON t.rowid = %s.rowid "
                            "WHERE %s MATCH ?2 AND t.project_id = ?1%s",
                            driver, driver, driver, filters->str);
  else if (driver != NULL)
    g_string_append_printf (sql, "SELECT %s.rowid FROM %s WHERE %s MATCH ?2 AND ?1 IS NOT NULL%s",
                            driver, driver, driver, filters->str);
  else
    g_string_append_printf (sql, "SELECT t.rowid FROM resources t WHERE t.project_id = ?1%s", filters->str);

  stmt = reslib_statement_new_once (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < args->len; i++)
    reslib_statement_bind_text (stmt, i + 1, g_ptr_array_index (args, i));
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 2000, progress_cb, cancellable);
  while (reslib_statement_step (stmt, &local_error))
    g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) reslib_statement_get_int64 (stmt, 0)));
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * reslib_store_course_resource_rowids:
 * @store: a store
 * @course_id: a course
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): a set of the rowids (GINT_TO_POINTER) of the resources linked
 *   to a node of @course_id, or %NULL with @error set
 */
GHashTable *
reslib_store_course_resource_rowids (ReslibStore *store,
                                     const char  *course_id,
                                     GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  stmt = reslib_statement_new_once (store,
                                    "SELECT t.rowid FROM course_nodes n JOIN resource_nodes rn ON rn.node_id = n.id "
                                    "JOIN resources t ON t.id = rn.resource_id WHERE n.course_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, course_id);
  while (reslib_statement_step (stmt, error))
    g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) reslib_statement_get_int64 (stmt, 0)));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&ids);
}

/* ---------------------------------------------------------------------------------------------- */

static gboolean
update_one (ReslibStore        *store,
            const char         *id,
            const char * const *fields,
            const char * const *values,
            GError            **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GPtrArray) plain_fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) plain_values = g_ptr_array_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const ReslibField *field = reslib_entity_find_field (entity, fields[i]);

      if (field != NULL && field->type == RESLIB_FIELD_LIST)
        {
          g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

          if (g_str_equal (fields[i], "nodes"))
            {
              g_autoptr(ReslibRecord) record = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, error);
              const char * const *old;

              if (record == NULL)
                return FALSE;
              old = reslib_record_get_list (record, "nodes");
              for (guint j = 0; old != NULL && old[j] != NULL; j++)
                g_ptr_array_add (list, g_strdup (old[j]));
              if (values[i] != NULL)
                {
                  g_auto(GStrv) added = reslib_split_list (values[i]);

                  for (guint j = 0; added[j] != NULL; j++)
                    {
                      gboolean there = FALSE;

                      for (guint k = 0; !there && k < list->len; k++)
                        there = g_str_equal (g_ptr_array_index (list, k), added[j]);
                      if (!there)
                        g_ptr_array_add (list, g_strdup (added[j]));
                    }
                }
            }
          else if (values[i] != NULL)
            {
              g_auto(GStrv) parts = reslib_split_list (values[i]);

              for (guint j = 0; parts[j] != NULL; j++)
                g_ptr_array_add (list, g_strdup (parts[j]));
            }
          g_ptr_array_add (list, NULL);
          if (!reslib_store_set_list (store, id, fields[i], (const char * const *) list->pdata, error))
            return FALSE;
        }
      else
        {
          g_ptr_array_add (plain_fields, (gpointer) fields[i]);
          g_ptr_array_add (plain_values, (gpointer) values[i]);
        }
    }

  if (plain_fields->len == 0)
    return TRUE;
  g_ptr_array_add (plain_fields, NULL);
  g_ptr_array_add (plain_values, NULL);

  return reslib_store_update (store, RESLIB_KIND_RESOURCE, id,
                              (const char * const *) plain_fields->pdata,
                              (const char * const *) plain_values->pdata, error);
}

/**
 * reslib_store_update_resources:
 * @store: a store that can be written
 * @ids: (array zero-terminated=1): the resources
 * @fields: (array zero-terminated=1): the fields to set
 * @values: one value per field of @fields, %NULL to clear it
 * @error: return location for a #GError, or %NULL
 *
 * Sets @fields to @values on every resource of @ids in one transaction: all or nothing. The list
 * field "nodes" adds the nodes (ids separated by commas) to each resource's nodes; "authors" and "keywords" replace the list
 * (values separated by commas or semicolons, as reslib_split_list() reads them: "，", "、" and "；" too).
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing changed
 */
gboolean
reslib_store_update_resources (ReslibStore        *store,
                               const char * const *ids,
                               const char * const *fields,
                               const char * const *values,
                               GError            **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL && fields != NULL && values != NULL, FALSE);

  if (!reslib_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    if (!update_one (store, ids[i], fields, values, error))
      {
        reslib_store_rollback (store);
        return FALSE;
      }

  return reslib_store_commit (store, error);
}
