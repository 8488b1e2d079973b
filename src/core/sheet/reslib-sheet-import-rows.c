/* reslib-sheet-import-rows.c — the sheet import's first half: the rows read, matched and compared
 *
 * Finds the header row, reads each row below it, finds its resource (or the file it imports), and
 * works out what it changes and what is wrong with it. The rows are compared a chunk of
 * SHEET_WRITE_CHUNK at a time, with only the fields the sheet has of the chunk's resources, read in
 * one statement (reslib_store_sheet_resources()). In a real run the rows without errors go to the
 * writing (reslib-sheet-import.c) chunk by chunk, until a row has an error: then nothing more
 * is written, the rest is only checked, and the run's transaction is rolled back. What is kept of the
 * rows does not grow with the sheet: the rows shown (SHEET_SHOWN_ROWS of each kind) and those that
 * import files; the others are counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-sheet-columns.h"
#include "reslib-sheet-import-private.h"
#include "reslib-sheet-reader.h"
#include "reslib-store-sheet.h"
#include "reslib-text.h"

#define HEADER_SEARCH_ROWS 100

static void
change_free (gpointer data)
{
  ReslibSheetChange *change = data;

  g_free (change->field);
  g_free (change->column);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

void
_reslib_sheet_row_free (gpointer data)
{
  ReslibSheetRow *row = data;

  g_free (row->resource_id);
  g_free (row->title);
  g_free (row->file_path);
  g_ptr_array_unref (row->changes);
  g_ptr_array_unref (row->errors);
  g_free (row);
}

void
_reslib_sheet_plan_free (gpointer data)
{
  Plan *plan = data;

  g_free (plan->resource_id);
  g_free (plan->file_path);
  g_ptr_array_unref (plan->fields);
  g_ptr_array_unref (plan->values);
  g_hash_table_unref (plan->lists);
  g_free (plan);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the rows                                                                                */

typedef struct
{
  ReslibSheetImport        *self;
  ReslibStore              *store;
  ReslibSheetReader        *reader;
  SheetProject             *project;
  char                     *sheet_dir;
  GPtrArray                *columns;      /* const ReslibSheetColumn * or NULL, per sheet column */
  GPtrArray                *headers;      /* char *: the header cells as the sheet has them */
  int                       where[RESLIB_SHEET_N_COLUMNS];   /* the sheet column of each column, or -1 */
  GHashTable               *files;        /* file path → GUINT row */
  GError                   *failed;       /* the store failed: the run stops */
  GPtrArray                *pending;      /* Pending *: rows matched, to compare */
  char                    **cells;        /* while a pending row is compared: its cells */
} Reading;

/* A row matched to its resource (or its file), to be compared with it: the rows are compared a chunk
 * at a time, with the resources' fields read in one statement for the chunk. */
typedef struct
{
  ReslibSheetRow *result;
  Plan           *plan;
  char           *cells[RESLIB_SHEET_N_COLUMNS];   /* stripped */
} Pending;

/* The fields the rows are compared with. */
static const char * const compared_fields[] = {
  "title", "description", "license", "license_holder", "type", "origin", "unit_id", "authors", "keywords",
  "nodes", "certificate", "url", "tags", "blob_sha256", NULL,
};

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending->result != NULL)
    _reslib_sheet_row_free (pending->result);
  if (pending->plan != NULL)
    _reslib_sheet_plan_free (pending->plan);
  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    g_free (pending->cells[i]);
  g_free (pending);
}

static char *
cell (Reading             *reading,
      ReslibSheetColumnId  id)
{
  int column = reading->where[id];

  if (reading->cells != NULL)
    return g_strdup (reading->cells[id]);
  if (column < 0)
    return g_strdup ("");

  return g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reading->reader, (guint) column)));
}

static const char *
header_of (Reading             *reading,
           ReslibSheetColumnId  id)
{
  return g_ptr_array_index (reading->headers, reading->where[id]);
}

static gboolean
find_header (Reading  *reading,
             GError  **error)
{
  ReslibSheetReader *reader = reading->reader;
  guint row;

  while (reslib_sheet_reader_next_row (reader, &row, error))
    {
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();
      guint n_known = 0;
      gboolean seen[RESLIB_SHEET_N_COLUMNS] = { FALSE };

      if (row > HEADER_SEARCH_ROWS)
        break;
      for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reader); c++)
        {
          const ReslibSheetColumn *column = reslib_sheet_column_lookup (reslib_sheet_reader_get_cell (reader, c));

          if (column != NULL && !seen[column->id])
            {
              seen[column->id] = TRUE;
              n_known++;
            }
          else
            column = NULL;
          g_ptr_array_add (columns, (gpointer) column);
        }
      if (n_known < 2)
        continue;

      reading->self->header_row = row;
      for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
        reading->where[i] = -1;
      for (guint c = 0; c < columns->len; c++)
        {
          const ReslibSheetColumn *column = g_ptr_array_index (columns, c);

          g_ptr_array_add (reading->headers, g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reader, c))));
          if (column != NULL)
            reading->where[column->id] = (int) c;
        }
      reading->columns = g_steal_pointer (&columns);
      if (reading->where[RESLIB_SHEET_COLUMN_ID] < 0 && reading->where[RESLIB_SHEET_COLUMN_FILE_NAME] < 0 &&
          reading->where[RESLIB_SHEET_COLUMN_FILE_PATH] < 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                       _("The header row (row %u) has no column to match rows to resources by: add “%s” (the id), "
                         "“%s” or “%s”"), row, reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID)),
                       reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_NAME)),
                       reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_PATH)));
          return FALSE;
        }
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               _("“%s” has no header row: one of its first %u rows must name at least two columns of the resource "
                 "list (such as “%s” and “%s”)"), reslib_sheet_reader_get_name (reading->reader), HEADER_SEARCH_ROWS,
               reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_TITLE)),
               reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID)));

  return FALSE;
}

/* Empty, or only the header again (a header cell merged over two rows). */
static gboolean
row_is_blank (Reading *reading)
{
  for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reading->reader); c++)
    {
      g_autofree char *text = g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reading->reader, c)));

      if (text[0] == '\0')
        continue;
      if (c < reading->headers->len && g_strcmp0 (text, g_ptr_array_index (reading->headers, c)) == 0)
        continue;
      return FALSE;
    }

  return TRUE;
}

static void
add_error (ReslibSheetRow *row,
           char           *message)
{
  g_ptr_array_add (row->errors, message);
}

static void
add_change (ReslibSheetRow *row,
            const char     *field,
            const char     *column,
            const char     *old_value,
            const char     *new_value)
{
  ReslibSheetChange *change = g_new0 (ReslibSheetChange, 1);

  change->field = g_strdup (field);
  change->column = g_strdup (column);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  g_ptr_array_add (row->changes, change);
}

static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  guint n = a != NULL ? g_strv_length ((char **) a) : 0;

  if (n != (b != NULL ? g_strv_length ((char **) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
strv_same_set (const char * const *a,
               const char * const *b)
{
  guint n = a != NULL ? g_strv_length ((char **) a) : 0;

  if (n != (b != NULL ? g_strv_length ((char **) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!reslib_strv_contains (b, a[i]))
      return FALSE;

  return TRUE;
}

/* Which resource the row is about, or the file it imports; FALSE when it matches none. */
static gboolean
match_row (Reading         *reading,
           ReslibSheetRow  *result,
           Plan            *plan)
{
  g_autofree char *id = cell (reading, RESLIB_SHEET_COLUMN_ID);
  g_autofree char *file_name = cell (reading, RESLIB_SHEET_COLUMN_FILE_NAME);
  g_autofree char *file_path = cell (reading, RESLIB_SHEET_COLUMN_FILE_PATH);
  g_autofree char *path_name = NULL;
  g_autofree char *by_file = NULL;
  gboolean several = FALSE;
  guint other_row;
  gpointer other;

  if (file_path[0] != '\0')
    {
      g_strdelimit (file_path, "\\", '/');
      path_name = g_path_get_basename (file_path);
      if (file_name[0] == '\0')
        {
          g_free (file_name);
          file_name = g_strdup (path_name);
        }
    }

  if (id[0] != '\0')
    {
      /* Looked up by its primary key, not kept in memory. */
      if (!reslib_store_sheet_has_resource (reading->store, reading->self->project_id, id, &reading->failed))
        {
          if (reading->failed == NULL)
            add_error (result, g_strdup_printf (_("no resource of the project has the id “%s”"), id));
          return FALSE;
        }
      plan->resource_id = g_strdup (id);
    }
  else if (file_name[0] != '\0' &&
           (by_file = reslib_store_resource_by_file_name (reading->store, reading->self->project_id, file_name,
                                                          &several, &reading->failed)) != NULL)
    plan->resource_id = g_steal_pointer (&by_file);
  else if (reading->failed != NULL)
    return FALSE;
  else if (several)
    {
      add_error (result, g_strdup_printf (_("several resources have the file name “%s”: give the row's “%s”"),
                                          file_name,
                                          reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID))));
      return FALSE;
    }
  else if (file_path[0] != '\0')
    {
      g_autofree char *full = g_path_is_absolute (file_path) ? g_strdup (file_path)
                                                             : g_build_filename (reading->sheet_dir, file_path, NULL);

      if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
        {
          add_error (result, g_strdup_printf (_("the file “%s” is not there (a path is relative to the sheet's folder)"),
                                              file_path));
          return FALSE;
        }
      if (g_hash_table_lookup_extended (reading->files, full, NULL, &other))
        {
          add_error (result, g_strdup_printf (_("row %u imports the same file “%s”"), GPOINTER_TO_UINT (other),
                                              file_path));
          return FALSE;
        }
      g_hash_table_insert (reading->files, g_strdup (full), GUINT_TO_POINTER (result->row));
      plan->file_path = g_steal_pointer (&full);
      result->file_path = g_strdup (file_path);
      return TRUE;
    }
  else if (file_name[0] != '\0')
    {
      add_error (result, g_strdup_printf (_("no resource of the project has the file name “%s”"), file_name));
      return FALSE;
    }
  else
    {
      add_error (result, g_strdup (_("the row has neither an id nor a file name to find its resource by")));
      return FALSE;
    }

  if (!reslib_store_seen_add (reading->store, plan->resource_id, result->row, &other_row, &reading->failed))
    {
      if (reading->failed == NULL)
        add_error (result, g_strdup_printf (_("row %u is about the same resource"), other_row));
      return FALSE;
    }
  result->resource_id = g_strdup (plan->resource_id);

  return TRUE;
}

static void
plan_text (Reading             *reading,
           ReslibSheetRow      *result,
           Plan                *plan,
           ReslibRecord        *current,
           ReslibSheetColumnId  id,
           const char          *value,
           const char          *shown)
{
  const ReslibSheetColumn *column = reslib_sheet_column (id);
  const char *old = current != NULL ? reslib_record_get (current, column->field) : NULL;
  const char *old_shown = old;
  g_autoptr(GError) error = NULL;
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);

  if (g_strcmp0 (old, value) == 0)
    return;
  if (!reslib_field_check_value (entity, reslib_entity_find_field (entity, column->field), value, &error))
    {
      add_error (result, g_strdup_printf ("%s: %s", header_of (reading, id), error->message));
      return;
    }
  if (id == RESLIB_SHEET_COLUMN_UNIT && old != NULL)
    old_shown = g_hash_table_lookup (reading->project->unit_names, old);
  else if (id == RESLIB_SHEET_COLUMN_ORIGIN && old != NULL)
    old_shown = reslib_sheet_origin_label (old);
  add_change (result, column->field, header_of (reading, id), current != NULL ? (old_shown ? old_shown : "") : NULL,
              shown != NULL ? shown : value);
  g_ptr_array_add (plan->fields, (gpointer) column->field);
  g_ptr_array_add (plan->values, g_strdup (value));
}

static void
plan_list (Reading             *reading,
           ReslibSheetRow      *result,
           Plan                *plan,
           ReslibRecord        *current,
           const char          *field,
           const char          *column,
           char               **values,
           gboolean             as_set)
{
  const char * const *old = current != NULL ? reslib_record_get_list (current, field) : NULL;
  g_autofree char *old_text = NULL, *new_text = NULL;

  if (as_set ? strv_same_set (old, (const char * const *) values) : strv_same (old, (const char * const *) values))
    {
      g_strfreev (values);
      return;
    }
  if (g_strcmp0 (field, "nodes") == 0)
    {
      old_text = _reslib_sheet_project_node_text (reading->project, old);
      new_text = _reslib_sheet_project_node_text (reading->project, (const char * const *) values);
    }
  else
    {
      old_text = old != NULL ? g_strjoinv ("、", (char **) old) : g_strdup ("");
      new_text = g_strjoinv ("、", values);
    }
  add_change (result, field, column, current != NULL ? old_text : NULL, new_text);
  g_hash_table_insert (plan->lists, (gpointer) field, values);
}

/* Keeps @result to show, or only counts it. */
static void
keep_row (ReslibSheetImport *self,
          ReslibSheetRow    *result,
          gboolean           shown)
{
  if (shown)
    g_ptr_array_add (self->rows, result);
  else
    {
      self->n_hidden++;
      _reslib_sheet_row_free (result);
    }
}

/* Compares a matched row with its resource, @current (%NULL for a row that imports a file or that did
 * not match), and writes it or keeps it; takes @result and @plan. */
static void
compare_row (Reading         *reading,
             ReslibSheetRow  *result,
             Plan            *plan,
             ReslibRecord    *current)
{
  ReslibSheetImport *self = reading->self;
  static const ReslibSheetColumnId texts[] = {
    RESLIB_SHEET_COLUMN_TITLE, RESLIB_SHEET_COLUMN_DESCRIPTION, RESLIB_SHEET_COLUMN_LICENSE,
    RESLIB_SHEET_COLUMN_LICENSE_HOLDER, RESLIB_SHEET_COLUMN_CERTIFICATE,
  };

  if (result->errors->len == 0 && reading->failed == NULL && plan->resource_id != NULL)
    {
      if (current == NULL)
        add_error (result, g_strdup_printf (_("There is no %s with the id “%s”"),
                                            reslib_kind_to_display (RESLIB_KIND_RESOURCE), plan->resource_id));
      else
        result->title = g_strdup (reslib_record_get (current, "title"));
    }
  if (result->errors->len > 0 || reading->failed != NULL)
    goto done;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *value = cell (reading, texts[i]);

      if (value[0] != '\0')
        plan_text (reading, result, plan, current, texts[i], value, NULL);
    }
  {
    g_autofree char *value = cell (reading, RESLIB_SHEET_COLUMN_TYPE);

    if (value[0] != '\0')
      {
        const char *type = reslib_sheet_parse_type (value);

        if (type == NULL)
          add_error (result, g_strdup_printf (_("%s: “%s” is not a resource type"),
                                              header_of (reading, RESLIB_SHEET_COLUMN_TYPE), value));
        else
          plan_text (reading, result, plan, current, RESLIB_SHEET_COLUMN_TYPE, type, value);
      }
  }
  {
    g_autofree char *value = cell (reading, RESLIB_SHEET_COLUMN_ORIGIN);

    if (value[0] != '\0')
      {
        const char *origin = reslib_sheet_parse_origin (value);

        if (origin == NULL)
          add_error (result, g_strdup_printf (_("%s: “%s” is not an origin (原创, 引用 or 开放)"),
                                              header_of (reading, RESLIB_SHEET_COLUMN_ORIGIN), value));
        else
          plan_text (reading, result, plan, current, RESLIB_SHEET_COLUMN_ORIGIN, origin, value);
      }
  }
  {
    g_autofree char *value = cell (reading, RESLIB_SHEET_COLUMN_UNIT);

    if (value[0] != '\0')
      {
        const char *unit = g_hash_table_lookup (reading->project->units, value);

        if (unit == NULL)
          add_error (result, g_strdup_printf (_("%s: the project has no unit “%s”"),
                                              header_of (reading, RESLIB_SHEET_COLUMN_UNIT), value));
        else if (unit[0] == '\0')
          add_error (result, g_strdup_printf (_("%s: several units of the project are called “%s”"),
                                              header_of (reading, RESLIB_SHEET_COLUMN_UNIT), value));
        else
          plan_text (reading, result, plan, current, RESLIB_SHEET_COLUMN_UNIT, unit, value);
      }
  }
  {
    static const ReslibSheetColumnId lists[] = { RESLIB_SHEET_COLUMN_AUTHORS, RESLIB_SHEET_COLUMN_KEYWORDS };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autofree char *value = cell (reading, lists[i]);

        if (value[0] != '\0')
          plan_list (reading, result, plan, current, reslib_sheet_column (lists[i])->field,
                     header_of (reading, lists[i]), reslib_split_list (value), FALSE);
      }
  }
  /* An address only for an online resource: a resource with a file, or a row that imports one, has none. */
  {
    g_autofree char *value = cell (reading, RESLIB_SHEET_COLUMN_URL);

    if (value[0] != '\0' &&
        (plan->file_path != NULL || (current != NULL && reslib_record_get (current, "blob_sha256") != NULL)))
      add_error (result, g_strdup_printf (_("%s: the resource has a file: only an online resource (one without a file) "
                                            "has an address"), header_of (reading, RESLIB_SHEET_COLUMN_URL)));
    else if (value[0] != '\0')
      plan_text (reading, result, plan, current, RESLIB_SHEET_COLUMN_URL, value, NULL);
  }
  /* The tags as the plan names them (课程思政, 思政…) become the stored words; 1+X stands for the certificate. */
  {
    g_autofree char *value = cell (reading, RESLIB_SHEET_COLUMN_TAGS);

    if (value[0] != '\0')
      {
        g_auto(GStrv) words = reslib_split_list (value);
        g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *certificate = cell (reading, RESLIB_SHEET_COLUMN_CERTIFICATE);
        gboolean ok = TRUE;

        for (guint i = 0; ok && words[i] != NULL; i++)
          {
            const char *tag = reslib_tag_parse (words[i]);

            if (tag != NULL)
              {
                if (!g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
                  g_ptr_array_add (tags, g_strdup (tag));
              }
            else if (g_ascii_strcasecmp (words[i], "1+X") == 0)
              {
                ok = certificate[0] != '\0' || (current != NULL && reslib_record_get (current, "certificate") != NULL);
                if (!ok)
                  add_error (result, g_strdup_printf (_("%s: a resource is for 1+X when it names its certificate: fill "
                                                        "in the column %s"),
                                                      header_of (reading, RESLIB_SHEET_COLUMN_TAGS),
                                                      reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_CERTIFICATE))));
              }
            else
              {
                ok = FALSE;
                add_error (result, g_strdup_printf (_("%s: “%s” is not a tag: use %s, %s or %s"),
                                                    header_of (reading, RESLIB_SHEET_COLUMN_TAGS), words[i],
                                                    reslib_label_tag_document ("ideological"),
                                                    reslib_label_tag_document ("entrepreneurship"),
                                                    reslib_label_tag_document ("vocational-training")));
              }
          }
        if (ok)
          {
            g_ptr_array_add (tags, NULL);
            plan_list (reading, result, plan, current, "tags", header_of (reading, RESLIB_SHEET_COLUMN_TAGS),
                       (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE), TRUE);
          }
      }
  }
  {
    g_autofree char *courses = cell (reading, RESLIB_SHEET_COLUMN_COURSE);
    g_autofree char *modules = cell (reading, RESLIB_SHEET_COLUMN_MODULE);
    g_autofree char *points = cell (reading, RESLIB_SHEET_COLUMN_POINT);

    if (courses[0] != '\0' || modules[0] != '\0' || points[0] != '\0')
      {
        g_autofree char *problem = NULL;
        char **nodes = _reslib_sheet_project_nodes (reading->project, courses, modules, points, &problem);
        ReslibSheetColumnId where = points[0] != '\0' ? RESLIB_SHEET_COLUMN_POINT
                                  : modules[0] != '\0' ? RESLIB_SHEET_COLUMN_MODULE : RESLIB_SHEET_COLUMN_COURSE;

        if (nodes == NULL)
          add_error (result, g_strdup_printf ("%s: %s", header_of (reading, where), problem));
        else
          plan_list (reading, result, plan, current, "nodes", header_of (reading, where), nodes, TRUE);
      }
  }

  if (plan->file_path != NULL)
    {
      /* A new resource: its title, when the sheet gives none, comes from the file's name. */
      for (guint i = 0; i < result->changes->len && result->title == NULL; i++)
        {
          ReslibSheetChange *change = g_ptr_array_index (result->changes, i);

          if (g_strcmp0 (change->field, "title") == 0)
            result->title = g_strdup (change->new_value);
        }
      if (result->title == NULL)
        result->title = g_path_get_basename (plan->file_path);
    }
  else
    for (guint i = 0; i < result->changes->len; i++)
      {
        ReslibSheetChange *change = g_ptr_array_index (result->changes, i);

        if (g_strcmp0 (change->field, "title") == 0)
          g_free (result->title), result->title = g_strdup (change->new_value);
      }

done:
  self->n_rows++;
  if (reading->failed != NULL)
    {
      _reslib_sheet_row_free (result);
      _reslib_sheet_plan_free (plan);
      return;
    }
  if (result->errors->len > 0)
    {
      self->n_errors += result->errors->len;
      self->n_error_rows++;
      _reslib_sheet_plan_free (plan);
      keep_row (self, result, self->n_shown_errors++ < SHEET_SHOWN_ROWS);
      /* Nothing more is written: the run's transaction will be rolled back. */
      g_ptr_array_set_size (self->chunk, 0);
      return;
    }
  if (result->changes->len == 0 && plan->file_path == NULL)
    {
      self->n_unchanged++;
      _reslib_sheet_row_free (result);
      _reslib_sheet_plan_free (plan);
      return;
    }

  self->n_changes += result->changes->len;
  if (plan->file_path != NULL)
    {
      self->n_files++;
      /* Its fields are written once the file is imported; its row is kept to show the new id. */
      g_ptr_array_add (self->plans, plan);
      keep_row (self, result, TRUE);
      return;
    }
  self->n_changed++;
  keep_row (self, result, self->n_shown_changed++ < SHEET_SHOWN_ROWS);
  if (self->writing == NULL || self->n_errors > 0)
    {
      _reslib_sheet_plan_free (plan);
      return;
    }
  g_ptr_array_add (self->chunk, plan);
  if (self->chunk->len >= SHEET_WRITE_CHUNK)
    _reslib_sheet_import_flush (self, &reading->failed);
}

/* Whether the sheet has a column that writes the field @field. */
static gboolean
has_column_of (Reading    *reading,
               const char *field)
{
  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    if (reading->where[i] >= 0 && g_strcmp0 (reslib_sheet_column (i)->field, field) == 0)
      return TRUE;

  return FALSE;
}

/* Of compared_fields, those compare_row() reads for the sheet's columns (into @fields, NULL-terminated):
 * the title (the row's name), the fields of its columns, the file (whether the resource is online) with
 * an address column, and the certificate (1+X) with a tags column. */
static void
read_fields (Reading     *reading,
             const char **fields)
{
  guint n = 0;

  for (guint f = 0; compared_fields[f] != NULL; f++)
    {
      const char *field = compared_fields[f];

      if (strcmp (field, "title") == 0 || has_column_of (reading, field) ||
          (strcmp (field, "blob_sha256") == 0 && reading->where[RESLIB_SHEET_COLUMN_URL] >= 0) ||
          (strcmp (field, "certificate") == 0 && reading->where[RESLIB_SHEET_COLUMN_TAGS] >= 0))
        fields[n++] = field;
    }
  fields[n] = NULL;
}

/* Compares the rows pending with their resources, read in one statement, in the sheet's order. */
static void
compare_pending (Reading *reading)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) current = NULL;
  const char *fields[G_N_ELEMENTS (compared_fields)];

  if (reading->pending->len == 0)
    return;
  for (guint i = 0; i < reading->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (reading->pending, i);

      if (pending->result->errors->len == 0 && pending->plan->resource_id != NULL)
        g_ptr_array_add (ids, pending->plan->resource_id);
    }
  g_ptr_array_add (ids, NULL);
  read_fields (reading, fields);
  if (ids->len > 1 && reading->failed == NULL)
    current = reslib_store_sheet_resources (reading->store, reading->self->project_id,
                                            (const char * const *) ids->pdata, fields, &reading->failed);
  for (guint i = 0; i < reading->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (reading->pending, i);
      ReslibRecord *record = current != NULL && pending->plan->resource_id != NULL
                               ? g_hash_table_lookup (current, pending->plan->resource_id) : NULL;

      reading->cells = pending->cells;
      compare_row (reading, g_steal_pointer (&pending->result), g_steal_pointer (&pending->plan), record);
      reading->cells = NULL;
    }
  g_ptr_array_set_size (reading->pending, 0);
}

/* Matches a row to its resource (or its file) and keeps it to compare with the chunk it is in. */
static void
read_row (Reading  *reading,
          guint     row)
{
  Pending *pending = g_new0 (Pending, 1);
  ReslibSheetRow *result = g_new0 (ReslibSheetRow, 1);
  Plan *plan = g_new0 (Plan, 1);

  result->row = row;
  result->changes = g_ptr_array_new_with_free_func (change_free);
  result->errors = g_ptr_array_new_with_free_func (g_free);
  plan->row = row;
  plan->fields = g_ptr_array_new ();
  plan->values = g_ptr_array_new_with_free_func (g_free);
  plan->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);

  match_row (reading, result, plan);
  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    pending->cells[i] = cell (reading, i);
  pending->result = result;
  pending->plan = plan;
  g_ptr_array_add (reading->pending, pending);
  if (reading->pending->len >= SHEET_WRITE_CHUNK || reading->failed != NULL)
    compare_pending (reading);
}

gboolean
_reslib_sheet_import_read (ReslibSheetImport  *self,
                           ReslibStore        *store,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(ReslibSheetReader) reader = NULL;
  g_autoptr(SheetProject) project = NULL;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
  g_autofree char *sheet_dir = g_path_get_dirname (self->path);
  Reading reading = { self, store, NULL, NULL, sheet_dir, NULL, headers, { 0 }, files, NULL, pending, NULL };
  ReslibProgress progress = { 0 };
  guint row, n_read = 0;

  reader = reslib_sheet_reader_open (self->path, self->sheet_name, error);
  if (reader == NULL)
    return FALSE;
  project = _reslib_sheet_project_load (store, self->project_id, error);
  if (project == NULL || !reslib_store_seen_clear (store, error))
    return FALSE;
  reading.reader = reader;
  reading.project = project;
  if (!find_header (&reading, error))
    return FALSE;
  columns = reading.columns;

  progress.stage = "reading";
  while (reslib_sheet_reader_next_row (reader, &row, error))
    {
      if (row_is_blank (&reading))
        continue;
      read_row (&reading, row);
      if (reading.failed != NULL)
        {
          g_propagate_error (error, reading.failed);
          return FALSE;
        }
      if (++n_read % SHEET_PROGRESS_EVERY == 0)
        {
          g_autofree char *message = g_strdup_printf (_("Reading row %u"), row);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          progress.files_done = n_read;
          reslib_job_report (RESLIB_JOB (self), &progress, message);
        }
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  compare_pending (&reading);
  if (reading.failed != NULL)
    {
      g_propagate_error (error, reading.failed);
      return FALSE;
    }

  return TRUE;
}

