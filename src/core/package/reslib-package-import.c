/* reslib-package-import.c — importing a package into the store and merging it (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <string.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-package.h"
#include "reslib-package-import.h"
#include "reslib-package-manifest.h"
#include "reslib-record.h"
#include "reslib-store-courses.h"
#include "reslib-store-import.h"
#include "reslib-text.h"
#include "reslib-store-sync.h"
#include "reslib-sync.h"

#define READ_BUFFER_SIZE (1024 * 1024)

/* The kinds a package holds, in the order they are merged, and their member in manifest.json. */
static const struct
{
  ReslibKind  kind;
  const char *member;
  const char *label;    /* the field a conflict copy's name is suffixed in, NULL when no copy is made */
} kinds[] = {
  { RESLIB_KIND_PROJECT, "project", NULL },
  { RESLIB_KIND_MAJOR, "majors", NULL },
  { RESLIB_KIND_UNIT, "units", "name" },
  { RESLIB_KIND_MEMBER, "members", "name" },
  { RESLIB_KIND_COURSE, "courses", "title" },
  { RESLIB_KIND_NODE, "nodes", "title" },
  { RESLIB_KIND_RESOURCE, "resources", "title" },
  { RESLIB_KIND_BUDGET_LINE, "budget_lines", "source" },
  { RESLIB_KIND_MILESTONE, "milestones", "title" },
  { RESLIB_KIND_DECLARATION, "declarations", NULL },
};

void
reslib_import_report_free (ReslibImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->project_id);
  g_free (report->bag);
  g_free (report);
}

/**
 * reslib_import_report_to_json:
 *
 * Returns: (transfer full): `{"project", "bag", "blobs_added", "blobs_present", "dossier_protected",
 *   "records": {KIND: {"added", "updated", "unchanged", "conflicts"}}}`
 */
JsonNode *
reslib_import_report_to_json (const ReslibImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, report->project_id);
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, report->bag);
  json_builder_set_member_name (b, "blobs_added");
  json_builder_add_int_value (b, report->blobs_added);
  json_builder_set_member_name (b, "blobs_present");
  json_builder_add_int_value (b, report->blobs_present);
  json_builder_set_member_name (b, "dossier_protected");
  json_builder_add_boolean_value (b, report->dossier_protected);
  json_builder_set_member_name (b, "records");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      ReslibKind k = kinds[i].kind;

      json_builder_set_member_name (b, reslib_entity_get (k)->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, report->added[k]);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, report->updated[k]);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, report->unchanged[k]);
      json_builder_set_member_name (b, "conflicts");
      json_builder_add_int_value (b, report->conflicts[k]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* ---------------------------------------------------------------------------------------------- */

/* A file of the package, by its SHA-256: the blob is staged, or was in the store when the file was read. */
typedef struct
{
  gboolean  staged;
  guint64   size;       /* the bytes staged */
  char     *mime;       /* the type sniffed from the staged file */
} StagedBlob;

static void
staged_blob_free (gpointer data)
{
  StagedBlob *blob = data;

  g_free (blob->mime);
  g_free (blob);
}

typedef struct
{
  ReslibStore        *store;
  const char         *path;
  ReslibManifestIndex index;            /* what verify found data/manifest.json to hold */
  const char         *source_project;   /* the project id in the package */
  char               *target_project;   /* where the records go */
  gboolean            into;
  gboolean            update_dossier;   /* the lead lets the package change the project's dossier */
  gboolean            protect_dossier;  /* the project is in the store and its dossier is not to change */
  GHashTable         *blobs;            /* sha256 → StagedBlob, every file of the package */
  ReslibProgressFunc  progress_func;
  gpointer            progress_data;
  ReslibProgress      progress;
  gint64              progress_at;      /* monotonic time of the last call */
  GHashTable         *files;            /* bag path → ReslibManifestFile (borrowed from index) */
  GHashTable         *blob_sizes;       /* sha256 → ReslibManifestFile (borrowed), one per blob */
  ReslibBlobStage    *stage;
  ReslibImportReport *report;
} Importer;

static void
importer_clear (Importer *im)
{
  g_free (im->target_project);
  g_clear_pointer (&im->files, g_hash_table_unref);
  g_clear_pointer (&im->blob_sizes, g_hash_table_unref);
  _reslib_manifest_index_clear (&im->index);
  g_clear_pointer (&im->blobs, g_hash_table_unref);
  g_clear_pointer (&im->stage, _reslib_blob_stage_free);
  g_clear_pointer (&im->report, reslib_import_report_free);
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
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The package’s data/manifest.json is inconsistent: %s"),
               message);

  return FALSE;
}

/* Tells the progress of staging the files: at most ten times a second, and when a file starts. */
static void
progress (Importer   *im,
          const char *current,
          gboolean    now)
{
  gint64 t = g_get_monotonic_time ();

  if (im->progress_func == NULL || (!now && t - im->progress_at < G_USEC_PER_SEC / 10))
    return;
  im->progress_at = t;
  im->progress.current = current;
  im->progress_func (&im->progress, im->progress_data);
}

static struct archive *
open_tar (const char  *path,
          int         *fd_out,
          GError     **error)
{
  struct archive *a;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, path);
      return NULL;
    }
  a = archive_read_new ();
  archive_read_support_format_tar (a);
  if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   archive_error_string (a) != NULL ? archive_error_string (a) : "");
      archive_read_free (a);
      close (fd);
      return NULL;
    }
  *fd_out = fd;

  return a;
}

/* The entry's path inside the bag, without the top-level folder. */
static const char *
bag_path (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);
  const char *slash;

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL)
    return NULL;
  slash = strchr (name, '/');

  return slash != NULL ? slash + 1 : NULL;
}

static gboolean
tar_error (struct archive *a,
           const char     *path,
           GError        **error)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
               archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
  return FALSE;
}

/* A field of an incoming record as the store's text; NULL when null or absent. */
static char *
value_of (JsonObject *object,
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

static GStrv
list_of (JsonObject *object,
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

static gboolean
is_column (const ReslibField *field)
{
  return _reslib_store_import_is_column (field);
}

/* The project a record of the store belongs to, or NULL when there is no such record. */
static char *
local_project_of (Importer   *im,
                  ReslibKind  kind,
                  const char *id,
                  GError    **error)
{
  return _reslib_store_import_project_of (im->store, kind, id, error);
}

/* Whether @id is a @kind the package brings or the target project has. */
static gboolean
reference_ok (Importer   *im,
              ReslibKind  kind,
              const char *id,
              GError    **error)
{
  g_autofree char *project = NULL;

  if (g_hash_table_contains (im->index.ids[kind], id))
    return TRUE;
  project = local_project_of (im, kind, id, error);

  return project != NULL && g_strcmp0 (project, im->target_project) == 0;
}

/* One record of the manifest: what it refers to is in the package or the target project,
 * and its id is not a record of another project. Reads only. */
static gboolean
check_record (guint        kind,
              JsonObject  *record,
              gpointer     user_data,
              GError     **error)
{
  Importer *im = user_data;
  const ReslibEntity *entity;
  const char *id;
  g_autofree char *local_project = NULL;
  g_autoptr(GError) local_error = NULL;

  if (kind == RESLIB_MANIFEST_FILE || kind == RESLIB_KIND_PROJECT)
    return TRUE;
  entity = reslib_entity_get (kind);
  id = json_object_get_string_member (record, "id");
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_REF && strcmp (field->name, "project_id") != 0)
        {
          g_autofree char *value = value_of (record, field->name);

          if (value != NULL && !reference_ok (im, field->ref_kind, value, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              return inconsistent (error, _("the %s “%s” refers to the %s “%s”, which is neither in the package nor in the project"),
                                   reslib_kind_to_display (kind), id, reslib_kind_to_display (field->ref_kind), value);
            }
        }
      else if (field->type == RESLIB_FIELD_LIST && field->ref_kind == RESLIB_KIND_NODE)
        {
          g_auto(GStrv) values = list_of (record, field->name);

          for (guint v = 0; values[v] != NULL; v++)
            if (!reference_ok (im, RESLIB_KIND_NODE, values[v], &local_error))
              {
                if (local_error != NULL)
                  {
                    g_propagate_error (error, g_steal_pointer (&local_error));
                    return FALSE;
                  }
                return inconsistent (error, _("the %s “%s” refers to the %s “%s”, which is neither in the package nor in the project"),
                                     reslib_kind_to_display (kind), id, reslib_kind_to_display (RESLIB_KIND_NODE), values[v]);
              }
        }
    }

  /* A record of another project with the same id cannot be merged. */
  local_project = local_project_of (im, kind, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (local_project != NULL && strcmp (local_project, im->target_project) != 0 &&
      !(im->into && kind == RESLIB_KIND_MAJOR))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                   _("The %s “%s” of the package is already in another project of the store"),
                   reslib_kind_to_display (kind), id);
      return FALSE;
    }

  return TRUE;
}

/* Refuses a manifest whose records do not fit with the store; verify checked them against
 * each other. Reads the manifest again, record by record. */
static gboolean
check_records (Importer      *im,
               GCancellable  *cancellable,
               GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  im->source_project = im->index.project_id;
  if (!im->into)
    im->target_project = g_strdup (im->source_project);
  g_hash_table_iter_init (&iter, im->index.files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ReslibManifestFile *file = value;

      g_hash_table_insert (im->files, key, file);
      g_hash_table_insert (im->blob_sizes, file->sha256, file);
    }

  return _reslib_manifest_read_tar (im->path, im->index.sha256, check_record, im, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Blobs                                                                                           */

/* Streams one tar entry into the stage while hashing it; its hash and size must be @expected's.
 * Never writes more than that size. Sets @mime to the type sniffed from its name and first bytes. */
static gboolean
stage_entry (Importer                 *im,
             struct archive           *a,
             const char               *rel,
             const ReslibManifestFile *expected,
             guint8                   *buffer,
             guint64                  *size,
             char                    **mime,
             GCancellable             *cancellable,
             GError                  **error)
{
  guint8 head[RESLIB_SNIFF_SIZE];
  gsize head_len = 0;
  g_autofree char *tmp_path = NULL;
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  char sha256[65];
  gboolean ok = FALSE;
  int fd;

  fd = _reslib_blob_stage_open_temp (im->stage, &tmp_path, error);
  if (fd < 0)
    {
      EVP_MD_CTX_free (md);
      return FALSE;
    }
  if (md == NULL || EVP_DigestInit_ex (md, EVP_sha256 (), NULL) != 1)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("SHA-256 is not available"));
      goto out;
    }
  for (;;)
    {
      la_ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      n = archive_read_data (a, buffer, READ_BUFFER_SIZE);
      if (n < 0)
        {
          tar_error (a, im->path, error);
          goto out;
        }
      if (n == 0)
        break;
      *size += (guint64) n;
      if (*size > expected->size)
        break;
      if (head_len < sizeof head)
        {
          gsize take = MIN ((gsize) n, sizeof head - head_len);

          memcpy (head + head_len, buffer, take);
          head_len += take;
        }
      im->progress.bytes_done += (guint64) n;
      progress (im, rel, FALSE);
      EVP_DigestUpdate (md, buffer, (size_t) n);
      if (!reslib_write_all (fd, buffer, (gsize) n))
        {
          _reslib_set_error_from_errno (error, errno, reslib_store_get_data_dir (im->store));
          goto out;
        }
    }
  if (close (fd) != 0)
    {
      fd = -1;
      _reslib_set_error_from_errno (error, errno, tmp_path);
      goto out;
    }
  fd = -1;
  EVP_DigestFinal_ex (md, digest, &digest_len);
  reslib_digest_to_hex (digest, RESLIB_SHA256_SIZE, sha256);
  if (*size != expected->size || strcmp (sha256, expected->sha256) != 0)
    {
      g_autofree char *shown = reslib_escape_text (rel);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” in “%s” does not match its checksum: the package changed while it was imported"),
                   shown, im->path);
      goto out;
    }
  if (!_reslib_blob_stage_adopt (im->stage, tmp_path, sha256, error))
    goto out;
  g_clear_pointer (&tmp_path, g_free);
  {
    g_autofree char *name = g_path_get_basename (rel);
    g_autofree char *content_type = g_content_type_guess (name, head, head_len, NULL);

    *mime = g_content_type_get_mime_type (content_type);
    if (*mime == NULL)
      *mime = g_strdup ("application/octet-stream");
  }
  ok = TRUE;

out:
  EVP_MD_CTX_free (md);
  if (fd >= 0)
    close (fd);
  if (tmp_path != NULL)
    g_unlink (tmp_path);

  return ok;
}

/* Pass 2, outside any transaction: stages the files whose blob the store lacks, hashed and checked. Other
 * connections write meanwhile; the blob rows are added with the records, in add_blob_rows (). */
static gboolean
stage_blobs (Importer      *im,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (READ_BUFFER_SIZE);
  struct archive *a;
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int fd = -1;

  a = open_tar (im->path, &fd, error);
  if (a == NULL)
    return FALSE;
  for (;;)
    {
      int rc = archive_read_next_header (a, &entry);
      const char *rel;
      const ReslibManifestFile *file;
      g_autoptr(GError) local_error = NULL;
      StagedBlob *blob;

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          tar_error (a, im->path, error);
          goto out;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rel = bag_path (entry);
      if (rel == NULL || archive_entry_filetype (entry) != AE_IFREG ||
          (file = g_hash_table_lookup (im->files, rel)) == NULL || g_hash_table_contains (im->blobs, file->sha256))
        continue;
      if (archive_entry_sparse_count (entry) > 0 || archive_entry_size (entry) != (la_int64_t) file->size)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                       _("“%s” changed while it was being imported: import it again once it is complete"), im->path);
          goto out;
        }
      blob = g_new0 (StagedBlob, 1);
      g_hash_table_insert (im->blobs, g_strdup (file->sha256), blob);
      progress (im, rel, TRUE);
      if (reslib_store_has_blob (im->store, file->sha256, &local_error))
        {
          im->progress.bytes_done += file->size;
          im->progress.files_done++;
          continue;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (!stage_entry (im, a, rel, file, buffer, &blob->size, &blob->mime, cancellable, error))
        goto out;
      blob->staged = TRUE;
      im->progress.files_done++;
    }
  if (g_hash_table_size (im->blobs) != g_hash_table_size (im->blob_sizes))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” lacks files its manifest names: the package changed while it was imported"), im->path);
      goto out;
    }
  ok = TRUE;

out:
  archive_read_free (a);
  close (fd);

  return ok;
}

/* In the transaction: a row for each blob staged, and every other blob the package needs still there. */
static gboolean
add_blob_rows (Importer  *im,
               GError   **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, im->blobs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *sha256 = key;
      StagedBlob *blob = value;
      const char *mime = blob->mime;
      gboolean existed = FALSE;
      g_autoptr(GError) local_error = NULL;

      if (blob->staged)
        {
          if (!_reslib_store_add_blob (im->store, sha256, blob->size,
                                       mime != NULL ? mime : "application/octet-stream", &existed, error))
            return FALSE;
        }
      else
        {
          existed = reslib_store_has_blob (im->store, sha256, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!existed)
            {
              g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                           _("A file of the library was removed while “%s” was imported: import it again"),
                           im->path);
              return FALSE;
            }
        }
      if (existed)
        im->report->blobs_present++;
      else
        im->report->blobs_added++;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Records                                                                                         */

/* The incoming record's columns as the store would hold them, with the project mapped. A time later than
 * now (a clock ahead, or a forged date) is kept as now: it decides nothing, but packs are dated by it. */
static GPtrArray *
incoming_values (Importer           *im,
                 const ReslibEntity *entity,
                 JsonObject         *record)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = reslib_now_iso8601 ();

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      char *value;

      if (!is_column (field))
        continue;
      if (strcmp (field->name, "project_id") == 0)
        value = g_strdup (im->target_project);
      else
        value = value_of (record, field->name);
      if (field->type == RESLIB_FIELD_TIME && value != NULL && strcmp (value, now) > 0)
        {
          g_free (value);
          value = g_strdup (now);
        }
      g_ptr_array_add (values, value);
    }

  return values;
}

/* The incoming record's fields by their index in the entity, for its digest. */
typedef struct
{
  const char **values;
  GStrv       *lists;
} IncomingFields;

static const char *
incoming_value (guint    index,
                gpointer data)
{
  return ((IncomingFields *) data)->values[index];
}

static const char * const *
incoming_list (guint    index,
               gpointer data)
{
  return (const char * const *) ((IncomingFields *) data)->lists[index];
}

/* The digest of the incoming record's content, as it would be once written (reslib-sync.h). */
static void
incoming_digest (const ReslibEntity *entity,
                 GPtrArray          *values,
                 JsonObject         *record,
                 char                hex[2 * RESLIB_SYNC_DIGEST_SIZE + 1])
{
  g_autofree const char **by_field = g_new0 (const char *, entity->n_fields);
  g_autofree GStrv *lists = g_new0 (GStrv, entity->n_fields);
  IncomingFields fields = { by_field, lists };
  guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_LIST)
        lists[f] = list_of (record, field->name);
      else if (is_column (field))
        by_field[f] = g_ptr_array_index (values, c++);
    }
  _reslib_sync_digest (entity, incoming_value, incoming_list, &fields, digest);
  _reslib_sync_digest_to_hex (digest, hex);
  for (guint f = 0; f < entity->n_fields; f++)
    g_strfreev (lists[f]);
}

/* Sets the column @name of @values (in the order of @entity's columns) to @value. */
static void
set_value (const ReslibEntity *entity,
           GPtrArray          *values,
           const char         *name,
           const char         *value)
{
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!is_column (field))
        continue;
      if (strcmp (field->name, name) == 0)
        {
          g_free (values->pdata[c]);
          values->pdata[c] = g_strdup (value);
          return;
        }
      c++;
    }
  g_return_if_reached ();
}

/* A resource whose content this library takes from a package is reviewed here again: it arrives in
 * review, whatever its state was there or here. */
static void
to_review (const ReslibEntity *entity,
           GPtrArray          *values)
{
  if (entity->kind != RESLIB_KIND_RESOURCE)
    return;
  set_value (entity, values, "state", "in-review");
  set_value (entity, values, "reviewer", NULL);
  set_value (entity, values, "reviewed_at", NULL);
}

static gboolean
write_row (Importer           *im,
           const ReslibEntity *entity,
           GPtrArray          *values,
           gboolean            insert,
           GError            **error)
{
  return _reslib_store_import_row (im->store, entity->kind, values, insert, error);
}

static gboolean
write_lists (Importer   *im,
             const char *resource_id,
             JsonObject *record,
             gboolean    replace,
             GError    **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      g_auto(GStrv) values = NULL;

      if (field->type != RESLIB_FIELD_LIST)
        continue;
      values = list_of (record, field->name);
      if (!_reslib_store_import_list (im->store, resource_id, field, (const char * const *) values, replace, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
log_import (Importer   *im,
            ReslibKind  kind,
            const char *id,
            const char *result,
            const char *copy_id,
            JsonObject *incoming,
            GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, result);
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, im->report->bag);
  if (copy_id != NULL)
    {
      json_builder_set_member_name (b, "conflict_copy");
      json_builder_add_string_value (b, copy_id);
    }
  if (incoming != NULL)
    {
      /* The incoming version was not taken as it is: it is kept here. */
      json_builder_set_member_name (b, "incoming");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), incoming));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);

  return reslib_store_log_event (im->store, im->target_project, kind, id, "import", detail, error);
}

/* Whether the package may change records of @kind that the project has, or add new ones: not the
 * project's own fields, majors and units of a project already in the store, unless the lead said so. */
static gboolean
dossier_protected (Importer   *im,
                   ReslibKind  kind)
{
  return im->protect_dossier &&
         (kind == RESLIB_KIND_PROJECT || kind == RESLIB_KIND_MAJOR || kind == RESLIB_KIND_UNIT);
}

/* Both sides changed the record: the local one stays, the incoming one is kept beside it as a copy
 * (or, for a kind that has no copies, in the log). */
static gboolean
keep_conflict (Importer   *im,
               guint       k,
               JsonObject *record,
               GPtrArray  *values,
               gboolean    copy,
               GError    **error)
{
  ReslibKind kind = kinds[k].kind;
  const ReslibEntity *entity = reslib_entity_get (kind);
  const char *id = json_object_get_string_member (record, "id");
  g_autofree char *copy_id = NULL;
  g_autofree char *now = NULL;
  guint c = 0;

  im->report->conflicts[kind]++;
  if (kinds[k].label == NULL || !copy)
    return log_import (im, kind, id, "conflict", NULL, record, error);

  copy_id = reslib_uuid_new ();
  now = reslib_now_iso8601 ();
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      char **slot;

      if (!is_column (field))
        continue;
      slot = (char **) &values->pdata[c++];
      if (f == 0)
        {
          g_free (*slot);
          *slot = g_strdup (copy_id);
        }
      else if (strcmp (field->name, kinds[k].label) == 0)
        {
          char *labelled = g_strconcat (*slot != NULL ? *slot : "",
                                        /* Translators: appended to the name of a record imported beside a
                                         * local one that changed too. */
                                        _(" (conflict copy)"), NULL);
          g_free (*slot);
          *slot = labelled;
        }
      else if (strcmp (field->name, "updated_at") == 0)
        {
          g_free (*slot);
          *slot = g_strdup (now);
        }
      else if (kind == RESLIB_KIND_RESOURCE && strcmp (field->name, "state") == 0)
        {
          g_free (*slot);
          *slot = g_strdup ("draft");
        }
      else if (kind == RESLIB_KIND_RESOURCE && strcmp (field->name, "review_note") == 0)
        {
          g_free (*slot);
          /* Translators: the review note of a resource imported as a conflict copy. */
          *slot = g_strdup_printf (_("Conflict copy of %s: both the package and this library changed it"), id);
        }
      else if (kind == RESLIB_KIND_RESOURCE &&
               (strcmp (field->name, "reviewer") == 0 || strcmp (field->name, "reviewed_at") == 0))
        g_clear_pointer (slot, g_free);
    }

  return write_row (im, entity, values, TRUE, error) &&
         (kind != RESLIB_KIND_RESOURCE || write_lists (im, copy_id, record, FALSE, error)) &&
         log_import (im, kind, id, "conflict", copy_id, NULL, error);
}

/* A version of a record of the dossier that the package was not to change: counted as a conflict and
 * kept in the log the first time, then known, so that importing the package again adds nothing; it is
 * no base, so that an import with RESLIB_IMPORT_UPDATE_DOSSIER may still take it. */
static gboolean
refuse (Importer   *im,
        guint       k,
        JsonObject *record,
        GPtrArray  *values,
        const char *incoming,
        GError    **error)
{
  ReslibKind kind = kinds[k].kind;
  const char *id = json_object_get_string_member (record, "id");
  g_autofree char *base = NULL;
  gboolean known = FALSE;
  gboolean refused = FALSE;

  if (!_reslib_store_sync_lookup (im->store, kind, id, incoming, &known, &refused, &base, error))
    return FALSE;
  if (known || refused)
    {
      im->report->unchanged[kind]++;
      return TRUE;
    }

  return _reslib_store_sync_note_refused (im->store, kind, id, incoming, error) &&
         keep_conflict (im, k, record, values, FALSE, error);
}

/* Merges one record by its content, never by its times (DESIGN §5):
 *   the same content here             → unchanged;
 *   a version exchanged before        → unchanged: this library changed it since, or has it already;
 *   new here                          → added;
 *   here still its base (the version
 *   both sides had, reslib-store-sync.h) → updated to the incoming version;
 *   otherwise (both changed, or never
 *   exchanged and different)          → a conflict: the local version stays.
 * Whatever comes in is noted as received, and becomes the base, so that importing it again changes
 * nothing. */
static gboolean
merge_record (Importer   *im,
              guint       k,
              JsonObject *record,
              GError    **error)
{
  ReslibKind kind = kinds[k].kind;
  const ReslibEntity *entity = reslib_entity_get (kind);
  const char *id = json_object_get_string_member (record, "id");
  g_autoptr(GPtrArray) values = incoming_values (im, entity, record);
  g_autoptr(ReslibRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  char incoming[2 * RESLIB_SYNC_DIGEST_SIZE + 1];
  char mine[2 * RESLIB_SYNC_DIGEST_SIZE + 1];
  guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
  gboolean known = FALSE;
  gboolean refused = FALSE;
  gboolean demoted = FALSE;

  incoming_digest (entity, values, record, incoming);
  local = reslib_store_get (im->store, kind, id, &local_error);
  if (local == NULL)
    {
      if (!g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A new major would change the dossier; a new unit is only another unit. */
      if (kind == RESLIB_KIND_MAJOR && dossier_protected (im, kind))
        return refuse (im, k, record, values, incoming, error);
      if (!_reslib_store_sync_note_received (im->store, kind, id, incoming, error))
        return FALSE;
      to_review (entity, values);
      /* …but not another host unit: the hosts are the dossier's. It comes in as a participant. */
      demoted = kind == RESLIB_KIND_UNIT && dossier_protected (im, kind) &&
                g_strcmp0 (json_object_get_string_member_with_default (record, "role", NULL), "host") == 0;
      if (demoted)
        {
          set_value (entity, values, "role", "participant");
          set_value (entity, values, "host_rank", NULL);
        }
      if (!write_row (im, entity, values, TRUE, error) ||
          (kind == RESLIB_KIND_RESOURCE && !write_lists (im, id, record, FALSE, error)) ||
          !log_import (im, kind, id, "added", NULL, demoted ? record : NULL, error))
        return FALSE;
      im->report->added[kind]++;
      return TRUE;
    }

  /* check_records () refused records of other projects; the rows are read again here, in the transaction. */
  if (g_strcmp0 (kind == RESLIB_KIND_PROJECT ? reslib_record_get_id (local) : reslib_record_get (local, "project_id"),
                 im->target_project) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                   _("The %s “%s” of the package is already in another project of the store"),
                   reslib_kind_to_display (kind), id);
      return FALSE;
    }

  _reslib_sync_digest_record (local, digest);
  _reslib_sync_digest_to_hex (digest, mine);
  if (strcmp (mine, incoming) == 0)
    {
      im->report->unchanged[kind]++;
      return _reslib_store_sync_note_received (im->store, kind, id, incoming, error);
    }
  if (dossier_protected (im, kind))
    return refuse (im, k, record, values, incoming, error);
  if (!_reslib_store_sync_lookup (im->store, kind, id, incoming, &known, &refused, &base, error))
    return FALSE;
  if (known)
    {
      im->report->unchanged[kind]++;
      return TRUE;
    }
  if (!_reslib_store_sync_note_received (im->store, kind, id, incoming, error))
    return FALSE;
  if (base == NULL || strcmp (base, mine) != 0)
    return keep_conflict (im, k, record, values, TRUE, error);

  /* Only the incoming side changed since the last exchange. */
  to_review (entity, values);
  if (!write_row (im, entity, values, FALSE, error) ||
      (kind == RESLIB_KIND_RESOURCE && !write_lists (im, id, record, TRUE, error)) ||
      !log_import (im, kind, id, "updated", NULL, NULL, error))
    return FALSE;
  im->report->updated[kind]++;

  return TRUE;
}

/* Hands one record of the manifest, checked as verify checked it, to merge_record(). */
static gboolean
merge_one (guint        kind,
           JsonObject  *record,
           gpointer     user_data,
           GError     **error)
{
  Importer *im = user_data;

  if (kind == RESLIB_MANIFEST_FILE)
    return TRUE;
  /* Into another project: its own project record and majors stay as they are. */
  if (im->into && (kind == RESLIB_KIND_PROJECT || kind == RESLIB_KIND_MAJOR))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (kinds[k].kind == kind)
      {
        g_autoptr(GError) local_error = NULL;

        if (merge_record (im, k, record, &local_error))
          return TRUE;
        /* A rule of the data model the record breaks is bad data in the package, said without SQL. */
        if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT))
          return inconsistent (error, _("the %s “%s” breaks a rule of the data model (such as one core major per project) "
                                        "and cannot be imported"),
                               reslib_kind_to_display (kind), json_object_get_string_member (record, "id"));
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  g_assert_not_reached ();
}

/* Reads the manifest once more, merging its records one at a time, in its order. */
static gboolean
merge_records (Importer      *im,
               GCancellable  *cancellable,
               GError       **error)
{
  return _reslib_manifest_read_tar (im->path, im->index.sha256, merge_one, im, cancellable, error);
}

/* The package's course nodes with the project's still form trees: verify checked the package's
 * alone, but a node may hang below a node of the project that the package moves below it. */
static gboolean
node_trees_ok (Importer  *im,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (_reslib_store_check_node_trees (im->store, im->target_project, NULL, &local_error))
    return TRUE;
  if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT))
    return inconsistent (error, "%s", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* ---------------------------------------------------------------------------------------------- */

/* The package was verified, then read again: it must be the same file, unchanged. */
static gboolean
unchanged_since (const char     *path,
                 const GStatBuf *before,
                 GError        **error)
{
  GStatBuf now;

  if (g_stat (path, &now) != 0 || now.st_ino != before->st_ino || now.st_dev != before->st_dev ||
      now.st_size != before->st_size || now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != before->st_mtim.tv_nsec)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed while it was being imported: import it again once it is complete"), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * reslib_package_import_full:
 * @into_project_id: (nullable): import the package's records into this project (a contribution from
 *   another library) instead of the package's own project
 * @flags: %RESLIB_IMPORT_UPDATE_DOSSIER lets the package change the dossier of a project the store has
 * @progress_func: (nullable): called while the package's files are copied into the store
 * @report: (out) (optional) (transfer full): what the import did
 * @problems: (out) (optional) (transfer full) (element-type utf8): when the package is not valid, why
 *
 * Verifies the package, copies and checks the files the store lacks, then
 * merges the records in one short transaction: blobs by hash, records by UUID
 * and content (see merge_record ()). The write lock is held only for that
 * transaction, not while the files are copied. A record changed on both
 * sides keeps the local version and gets the incoming one as a conflict copy.
 *
 * A package never changes the fields, majors or units of a project the store
 * already has, unless @flags has %RESLIB_IMPORT_UPDATE_DOSSIER: where it
 * differs, the local version stays and the incoming one is counted as a
 * conflict and kept in the log. New units are added, a host unit as a
 * participant (the hosts are the dossier's). Resources whose content
 * is taken from the package arrive in review. On any failure or cancellation
 * nothing is changed and no blob is left behind.
 */
gboolean
reslib_package_import_full (ReslibStore          *store,
                            const char           *path,
                            const char           *into_project_id,
                            ReslibImportFlags     flags,
                            ReslibProgressFunc    progress_func,
                            gpointer              progress_data,
                            ReslibImportReport  **report,
                            GPtrArray           **problems,
                            GCancellable         *cancellable,
                            GError              **error)
{
  Importer im = { 0 };
  GStatBuf before;
  g_autoptr(JsonNode) info = NULL;
  g_autofree char *exists = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0, t3 = 0;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (path, &before) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!_reslib_package_verify_index (path, problems, &info, &im.index, cancellable, error))
    return FALSE;

  im.store = store;
  im.path = path;
  im.into = into_project_id != NULL;
  im.update_dossier = (flags & RESLIB_IMPORT_UPDATE_DOSSIER) != 0;
  im.target_project = g_strdup (into_project_id);
  im.files = g_hash_table_new (g_str_hash, g_str_equal);
  im.blob_sizes = g_hash_table_new (g_str_hash, g_str_equal);
  im.blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, staged_blob_free);
  im.progress_func = progress_func;
  im.progress_data = progress_data;
  im.report = g_new0 (ReslibImportReport, 1);

  if (im.into)
    {
      exists = local_project_of (&im, RESLIB_KIND_PROJECT, into_project_id, error);
      if (exists == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("There is no %s with the id “%s”"),
                         reslib_kind_to_display (RESLIB_KIND_PROJECT), into_project_id);
          goto out;
        }
    }

  if (!unchanged_since (path, &before, error) || !check_records (&im, cancellable, error))
    goto out;
  im.report->project_id = g_strdup (im.target_project);
  im.report->bag = g_strdup (im.index.bag);
  t1 = g_get_monotonic_time ();

  /* The files, outside any transaction: copying gigabytes must not keep other writers waiting. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, im.blob_sizes);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      im.progress.bytes_total += ((ReslibManifestFile *) value)->size;
    im.progress.files_total = g_hash_table_size (im.blob_sizes);
  }
  im.stage = _reslib_blob_stage_new (store, error);
  if (im.stage == NULL || !stage_blobs (&im, cancellable, error) || !unchanged_since (path, &before, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) || !_reslib_blob_stage_sync (im.stage, error))
    goto out;
  progress (&im, NULL, TRUE);

  /* The rows, in one transaction. */
  t2 = g_get_monotonic_time ();
  if (!reslib_store_begin (store, error))
    goto out;
  in_transaction = TRUE;
  /* A project the store has keeps its dossier unless the lead lets the package change it; the project's
   * existence is read again here, in the transaction, as everything the merge decides on. */
  g_clear_pointer (&exists, g_free);
  exists = local_project_of (&im, RESLIB_KIND_PROJECT, im.target_project, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  im.protect_dossier = exists != NULL && !im.update_dossier;
  im.report->dossier_protected = im.protect_dossier;
  /* Records arrive in the package's order, not parents first: references are checked at commit. */
  if (!_reslib_store_import_defer_foreign_keys (store, error) ||
      !add_blob_rows (&im, error) ||
      !merge_records (&im, cancellable, error) ||
      !node_trees_ok (&im, error))
    goto out;
  {
    g_autoptr(JsonNode) summary = reslib_import_report_to_json (im.report);
    g_autofree char *detail = json_to_string (summary, FALSE);

    if (!reslib_store_log_event (store, im.target_project, RESLIB_KIND_PROJECT, im.target_project, "import",
                                 detail, error))
      goto out;
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  in_transaction = FALSE;
  if (!reslib_store_commit (store, error))
    goto out;
  /* The rows are committed: a failure to move the files now is finished at the next open. */
  t3 = g_get_monotonic_time ();
  if (!_reslib_blob_stage_publish (im.stage, error))
    goto out;
  g_debug ("Imported %s: verified and read in %.3f s, %u files staged in %.3f s, rows written in %.3f s "
           "(the write lock held), files published in %.3f s", path, (t1 - t0) / 1e6,
           im.report->blobs_added, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (g_get_monotonic_time () - t3) / 1e6);

  if (report != NULL)
    *report = g_steal_pointer (&im.report);
  ok = TRUE;

out:
  if (in_transaction)
    reslib_store_rollback (store);
  importer_clear (&im);

  return ok;
}

gboolean
reslib_package_import (ReslibStore          *store,
                       const char           *path,
                       const char           *into_project_id,
                       ReslibImportReport  **report,
                       GCancellable         *cancellable,
                       GError              **error)
{
  return reslib_package_import_full (store, path, into_project_id, RESLIB_IMPORT_NONE, NULL, NULL, report, NULL,
                                     cancellable, error);
}

typedef struct
{
  char              *path;
  char              *into;
  ReslibImportFlags  flags;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_free (d->path);
  g_free (d->into);
  g_free (d);
}

static void
import_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  ReslibImportReport *report = NULL;
  g_autoptr(ReslibStore) store = NULL;
  GError *error = NULL;

  /* A connection of its own: the caller's thread keeps using its store meanwhile. */
  store = reslib_store_reopen (source_object, &error);
  if (store != NULL &&
      reslib_package_import_full (store, d->path, d->into, d->flags, NULL, NULL, &report, NULL, cancellable, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) reslib_import_report_free);
  else
    g_task_return_error (task, error);
}

/**
 * reslib_package_import_async:
 * @flags: as for reslib_package_import_full()
 *
 * Imports a package in a worker thread, through a connection of its own to the store.
 */
void
reslib_package_import_async (ReslibStore          *store,
                             const char           *path,
                             const char           *into_project_id,
                             ReslibImportFlags     flags,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ImportData *d = g_new0 (ImportData, 1);

  d->path = g_strdup (path);
  d->into = g_strdup (into_project_id);
  d->flags = flags;
  g_task_set_source_tag (task, reslib_package_import_async);
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_worker);
}

gboolean
reslib_package_import_finish (ReslibStore          *store,
                              GAsyncResult         *result,
                              ReslibImportReport  **report,
                              GError              **error)
{
  ReslibImportReport *r;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  if (report != NULL)
    *report = r;
  else
    reslib_import_report_free (r);

  return TRUE;
}
