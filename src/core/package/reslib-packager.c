/* reslib-packager.c — building packages (DESIGN §5): what goes in, and the job that packs it
 *
 * A package is a BagIt 1.0 bag serialized as an uncompressed pax tar whose one
 * top-level folder is the bag. Packing streams every blob from the store into
 * the tar while hashing it again, so a damaged blob is caught, and writes the
 * entries in path order with fixed owners, modes and times: the same store
 * state gives the same bytes (the dossier PDF of an application package
 * included). Verifying (reslib-package-verify.c) reads the tar once, without
 * extracting it, and checks it against RFC 8493 and our profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-output.h"
#include "reslib-package-manifest.h"
#include "reslib-package-private.h"
#include "reslib-packager.h"
#include "reslib-portable-name.h"
#include "reslib-profile.h"
#include "reslib-record.h"
#include "reslib-report.h"
#include "reslib-store.h"
#include "reslib-store-packages.h"
#include "reslib-store-sync.h"

#define SCHEMA_RESOURCE      "/io/github/reslib/core/schema/manifest.schema.json"
#define SCHEMA_PATH          "data/schema/manifest.schema.json"
#define DOSSIER_PATH         "data/dossier/dossier.pdf"

/* ---------------------------------------------------------------------------------------------- */
/* Gathering what goes into a package                                                             */

static void
resource_info_free (gpointer data)
{
  ReslibPackResource *info = data;

  g_free (info->id);
  g_free (info->file_name);
  g_free (info->name);
  g_free (info->title);
  g_free (info->url);
  g_free (info);
}

/* Bag paths of resources differ first in the fixed-length id, so this is the order of their paths. */
static int
resource_info_compare (gconstpointer a,
                       gconstpointer b)
{
  const ReslibPackResource *ia = *(ReslibPackResource * const *) a;
  const ReslibPackResource *ib = *(ReslibPackResource * const *) b;

  return strcmp (ia->id, ib->id);
}

static void
payload_file_free (gpointer data)
{
  ReslibPayloadFile *file = data;

  g_free (file->path);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_clear_pointer (&file->spool, _reslib_spool_free);
  g_free (file);
}

static int
payload_file_compare (gconstpointer a,
                      gconstpointer b)
{
  const ReslibPayloadFile *fa = *(ReslibPayloadFile * const *) a;
  const ReslibPayloadFile *fb = *(ReslibPayloadFile * const *) b;

  return strcmp (fa->path, fb->path);
}

void
_reslib_pack_content_clear (ReslibPackContent *pkg)
{
  g_free (pkg->project_id);
  g_free (pkg->kind);
  g_clear_object (&pkg->project);
  g_clear_pointer (&pkg->majors, g_ptr_array_unref);
  g_clear_pointer (&pkg->units, g_ptr_array_unref);
  g_clear_pointer (&pkg->members, g_ptr_array_unref);
  g_clear_pointer (&pkg->courses, g_ptr_array_unref);
  g_clear_pointer (&pkg->nodes, g_ptr_array_unref);
  g_clear_pointer (&pkg->sorted, g_ptr_array_unref);
  g_clear_pointer (&pkg->attached, g_hash_table_unref);
  g_clear_pointer (&pkg->keywords, g_tree_destroy);
  g_clear_pointer (&pkg->ref_units, g_hash_table_unref);
  g_clear_pointer (&pkg->resources, g_ptr_array_unref);
  g_clear_pointer (&pkg->budget_lines, g_ptr_array_unref);
  g_clear_pointer (&pkg->milestones, g_ptr_array_unref);
  g_clear_pointer (&pkg->declarations, g_ptr_array_unref);
  g_clear_pointer (&pkg->payload, g_ptr_array_unref);
  g_free (pkg->bag_name);
  g_free (pkg->dossier);
  g_free (pkg->latest_change);
  _reslib_pack_sent_clear (pkg);
}

static void
note_change (ReslibPackContent *pkg,
             ReslibRecord      *record)
{
  const char *updated = reslib_record_get (record, "updated_at");

  if (updated != NULL && g_strcmp0 (updated, pkg->latest_change) > 0)
    {
      g_free (pkg->latest_change);
      pkg->latest_change = g_strdup (updated);
    }
}

static GPtrArray *
list_records (ReslibPackContent *pkg,
              ReslibKind         kind,
              const char        *scope_id,
              GError           **error)
{
  g_autoptr(GListModel) model = reslib_store_list (pkg->store, kind, scope_id, error);
  GPtrArray *records;

  if (model == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));

  return records;
}

static GHashTable *
id_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Keeps the records of @records whose id is in @keep. */
static void
filter_records (GPtrArray  *records,
                GHashTable *keep)
{
  for (guint i = records->len; i > 0; i--)
    if (!g_hash_table_contains (keep, reslib_record_get_id (g_ptr_array_index (records, i - 1))))
      g_ptr_array_remove_index (records, i - 1);
}

/* Reads each resource once and keeps what the package needs of it. */
static gboolean
gather_resources (ReslibPackContent  *pkg,
                  const char * const *resource_ids,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GPtrArray) all_ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);   /* borrows the infos' ids */
  const char * const *ids = resource_ids;

  if (ids == NULL)
    {
      all_ids = reslib_store_list_resource_ids (pkg->store, pkg->project_id, error);
      if (all_ids == NULL)
        return FALSE;
      g_ptr_array_add (all_ids, NULL);
      ids = (const char * const *) all_ids->pdata;
    }

  pkg->resources = g_ptr_array_new_with_free_func (resource_info_free);
  pkg->attached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  pkg->keywords = g_tree_new_full ((GCompareDataFunc) (void (*) (void)) strcmp, NULL, g_free, NULL);
  pkg->ref_units = id_set ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ReslibRecord) resource = NULL;
      const char * const *nodes;
      const char * const *words;
      const char *unit;
      const char *sha;
      gint64 size;
      gboolean online;
      ReslibPackResource *info;

      if (g_hash_table_contains (seen, ids[i]))
        continue;
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      resource = reslib_store_get (pkg->store, RESLIB_KIND_RESOURCE, ids[i], error);
      if (resource == NULL)
        return FALSE;
      if (g_strcmp0 (reslib_record_get (resource, "project_id"), pkg->project_id) != 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("Resource %s does not belong to this project"), ids[i]);
          return FALSE;
        }
      sha = reslib_record_get (resource, "blob_sha256");
      size = reslib_record_get_int (resource, "size", -1);
      /* An online resource travels as its record, with its address and no file. */
      online = sha == NULL && reslib_record_get (resource, "url") != NULL;
      if (!online && (size < 0 || sha == NULL || strlen (sha) != 64))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                       _("The stored file of resource %s (“%s”) is missing from the data folder"),
                       reslib_record_get_id (resource), reslib_record_get (resource, "file_name"));
          return FALSE;
        }
      note_change (pkg, resource);

      info = g_new0 (ReslibPackResource, 1);
      info->id = all_ids != NULL ? g_steal_pointer (&all_ids->pdata[i]) : g_strdup (ids[i]);
      g_hash_table_add (seen, info->id);
      info->file_name = g_strdup (reslib_record_get (resource, "file_name"));
      info->name = reslib_portable_name (info->file_name);
      info->title = g_strdup (reslib_record_get (resource, "title"));
      info->language = g_intern_string (reslib_record_get (resource, "language") != NULL
                                        ? reslib_record_get (resource, "language") : "zh");
      if (online)
        info->url = g_strdup (reslib_record_get (resource, "url"));
      else
        {
          memcpy (info->sha256, sha, 65);
          info->size = (guint64) size;
        }
      g_ptr_array_add (pkg->resources, info);

      unit = reslib_record_get (resource, "unit_id");
      if (unit != NULL)
        g_hash_table_add (pkg->ref_units, g_strdup (unit));
      nodes = reslib_record_get_list (resource, "nodes");
      for (guint j = 0; nodes != NULL && nodes[j] != NULL; j++)
        {
          GPtrArray *list = g_hash_table_lookup (pkg->attached, nodes[j]);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (pkg->attached, g_strdup (nodes[j]), list);
            }
          g_ptr_array_add (list, info);
        }
      words = reslib_record_get_list (resource, "keywords");
      for (guint j = 0; words != NULL && words[j] != NULL; j++)
        if (g_tree_lookup (pkg->keywords, words[j]) == NULL)
          g_tree_insert (pkg->keywords, g_strdup (words[j]), GINT_TO_POINTER (1));
      /* The tags are keywords of the package too, as the plan names them (课程思政, 创新创业, 职业培训). */
      words = reslib_record_get_list (resource, "tags");
      for (guint j = 0; words != NULL && words[j] != NULL; j++)
        if (g_tree_lookup (pkg->keywords, reslib_label_tag_document (words[j])) == NULL)
          g_tree_insert (pkg->keywords, g_strdup (reslib_label_tag_document (words[j])), GINT_TO_POINTER (1));
    }

  /* The files: an online resource has none. */
  pkg->sorted = g_ptr_array_new ();
  for (guint i = 0; i < pkg->resources->len; i++)
    if (((ReslibPackResource *) g_ptr_array_index (pkg->resources, i))->url == NULL)
      g_ptr_array_add (pkg->sorted, g_ptr_array_index (pkg->resources, i));
  g_ptr_array_sort (pkg->sorted, resource_info_compare);

  return TRUE;
}

gboolean
_reslib_pack_gather (ReslibPackContent  *pkg,
                     const char * const *resource_ids,
                     GCancellable       *cancellable,
                     GError            **error)
{
  gboolean contribution = g_strcmp0 (pkg->kind, "contribution") == 0;
  g_autoptr(GPtrArray) all_courses = NULL;

  pkg->project = reslib_store_get (pkg->store, RESLIB_KIND_PROJECT, pkg->project_id, error);
  if (pkg->project == NULL)
    return FALSE;
  if ((pkg->majors = list_records (pkg, RESLIB_KIND_MAJOR, pkg->project_id, error)) == NULL ||
      (pkg->units = list_records (pkg, RESLIB_KIND_UNIT, pkg->project_id, error)) == NULL ||
      (pkg->members = list_records (pkg, RESLIB_KIND_MEMBER, pkg->project_id, error)) == NULL ||
      (all_courses = list_records (pkg, RESLIB_KIND_COURSE, pkg->project_id, error)) == NULL ||
      (pkg->budget_lines = list_records (pkg, RESLIB_KIND_BUDGET_LINE, pkg->project_id, error)) == NULL ||
      (pkg->milestones = list_records (pkg, RESLIB_KIND_MILESTONE, pkg->project_id, error)) == NULL ||
      (pkg->declarations = list_records (pkg, RESLIB_KIND_DECLARATION, pkg->project_id, error)) == NULL)
    return FALSE;

  pkg->courses = g_ptr_array_ref (all_courses);
  pkg->nodes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all_courses->len; i++)
    {
      g_autoptr(GPtrArray) nodes = list_records (pkg, RESLIB_KIND_NODE,
                                                 reslib_record_get_id (g_ptr_array_index (all_courses, i)), error);
      if (nodes == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (pkg->nodes, g_steal_pointer (&nodes));
    }

  if (!gather_resources (pkg, resource_ids, cancellable, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* A contribution carries the chosen resources and what they refer to: their
   * course nodes with the nodes above them and their courses, their units and
   * the members of those units. */
  if (contribution)
    {
      g_autoptr(GHashTable) nodes = id_set ();
      g_autoptr(GHashTable) courses = id_set ();
      g_autoptr(GHashTable) units = id_set ();
      g_autoptr(GHashTable) node_parent = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) node_course = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) member_keep = id_set ();
      GHashTableIter iter;
      gpointer key;

      for (guint i = 0; i < pkg->nodes->len; i++)
        {
          ReslibRecord *node = g_ptr_array_index (pkg->nodes, i);

          g_hash_table_insert (node_parent, (gpointer) reslib_record_get_id (node),
                               (gpointer) reslib_record_get (node, "parent_id"));
          g_hash_table_insert (node_course, (gpointer) reslib_record_get_id (node),
                               (gpointer) reslib_record_get (node, "course_id"));
        }
      g_hash_table_iter_init (&iter, pkg->ref_units);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (units, g_strdup (key));
      g_hash_table_iter_init (&iter, pkg->attached);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const char *node = key;

          for (guint depth = 0; node != NULL && depth < 64 && !g_hash_table_contains (nodes, node); depth++)
            {
              const char *course = g_hash_table_lookup (node_course, node);

              if (!g_hash_table_contains (node_course, node))
                break;
              g_hash_table_add (nodes, g_strdup (node));
              if (course != NULL)
                g_hash_table_add (courses, g_strdup (course));
              node = g_hash_table_lookup (node_parent, node);
            }
        }
      for (guint i = 0; i < pkg->members->len; i++)
        {
          ReslibRecord *member = g_ptr_array_index (pkg->members, i);

          if (g_hash_table_contains (units, reslib_record_get (member, "unit_id")))
            g_hash_table_add (member_keep, g_strdup (reslib_record_get_id (member)));
        }
      filter_records (pkg->nodes, nodes);
      filter_records (pkg->courses, courses);
      filter_records (pkg->members, member_keep);
      /* Units: the ones referred to, and the host units so the package names its source. */
      for (guint i = 0; i < pkg->units->len; i++)
        {
          ReslibRecord *unit = g_ptr_array_index (pkg->units, i);

          if (g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0)
            g_hash_table_add (units, g_strdup (reslib_record_get_id (unit)));
        }
      filter_records (pkg->units, units);
      g_ptr_array_set_size (pkg->budget_lines, 0);
      g_ptr_array_set_size (pkg->milestones, 0);
      g_ptr_array_set_size (pkg->declarations, 0);
    }

  note_change (pkg, pkg->project);
  {
    GPtrArray *lists[] = { pkg->majors, pkg->units, pkg->members, pkg->courses, pkg->nodes,
                           pkg->budget_lines, pkg->milestones, pkg->declarations };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      for (guint j = 0; j < lists[i]->len; j++)
        note_change (pkg, g_ptr_array_index (lists[i], j));
  }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* The payload and the pack                                                                       */

/* The dossier is dated with the package's fixed time, so that the same records give the
 * same bytes in any store. */
static ReslibSpool *
build_dossier (ReslibPackContent *pkg,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autofree char *template = g_strdup_printf ("%s.dossier-XXXXXX", pkg->dest_path);
  struct stat st;
  ReslibSpool *spool;
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, template);
      return NULL;
    }
  /* Unlinked at once, like the other generated files: nothing is left if the pack is killed. */
  g_unlink (template);
  if (!_reslib_report_write_fd (pkg->store, pkg->project_id, "dossier", pkg->mtime, fd, cancellable, error))
    {
      close (fd);
      return NULL;
    }
  if (lseek (fd, 0, SEEK_SET) != 0 || fstat (fd, &st) != 0)
    {
      _reslib_set_error_from_errno (error, errno, template);
      close (fd);
      return NULL;
    }
  spool = g_new0 (ReslibSpool, 1);
  spool->fd = fd;
  spool->size = (guint64) st.st_size;

  return spool;
}

static gboolean
prepare (ReslibPackContent  *pkg,
         const char * const *resource_ids,
         GCancellable       *cancellable,
         GError            **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *short_id = NULL;
  g_autoptr(GBytes) schema = NULL;
  ReslibPayloadFile *file;

  if (!_reslib_pack_gather (pkg, resource_ids, cancellable, error))
    return FALSE;

  /* The fixed time of every entry. */
  if (epoch != NULL && *epoch != '\0')
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &value, NULL))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("SOURCE_DATE_EPOCH must be a number of seconds, not “%s”"), epoch);
          return FALSE;
        }
      pkg->mtime = (gint64) value;
    }
  else if (pkg->latest_change != NULL)
    {
      g_autoptr(GDateTime) latest = g_date_time_new_from_iso8601 (pkg->latest_change, NULL);

      pkg->mtime = latest != NULL ? g_date_time_to_unix (latest) : 0;
    }
  when = g_date_time_new_from_unix_utc (pkg->mtime);
  if (when == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("SOURCE_DATE_EPOCH is out of range"));
      return FALSE;
    }
  date = g_date_time_format (when, "%Y%m%d");
  short_id = g_strndup (pkg->project_id, 8);
  pkg->bag_name = g_strdup_printf ("reslib-%s-%s-%s", pkg->kind, short_id, date);
  {
    const char *generated[] = { "data/manifest.json", "data/imsmanifest.xml", SCHEMA_PATH, NULL, NULL };

    if (g_strcmp0 (pkg->kind, "application") == 0)
      generated[3] = DOSSIER_PATH;
    if (!_reslib_pack_check_limits (pkg, generated, error))
      return FALSE;
  }

  /* Payload: the resources' files (pkg->sorted) and the generated files. */
  pkg->payload = g_ptr_array_new_with_free_func (payload_file_free);
  for (guint i = 0; i < pkg->resources->len; i++)
    pkg->payload_bytes += ((ReslibPackResource *) g_ptr_array_index (pkg->resources, i))->size;

  file = g_new0 (ReslibPayloadFile, 1);
  file->path = g_strdup ("data/manifest.json");
  file->spool = _reslib_bag_build_manifest_json (pkg, error);
  g_ptr_array_add (pkg->payload, file);
  if (file->spool == NULL || !_reslib_pack_check_generated (pkg, file->path, file->spool->size, error))
    return FALSE;

  if (g_strcmp0 (pkg->kind, "application") == 0)
    {
      pkg->dossier = g_strdup (DOSSIER_PATH);
      file = g_new0 (ReslibPayloadFile, 1);
      file->path = g_strdup (pkg->dossier);
      file->spool = build_dossier (pkg, cancellable, error);
      g_ptr_array_add (pkg->payload, file);
      if (file->spool == NULL)
        return FALSE;
    }

  file = g_new0 (ReslibPayloadFile, 1);
  file->path = g_strdup ("data/imsmanifest.xml");
  file->spool = _reslib_ims_build_manifest (pkg, error);
  g_ptr_array_add (pkg->payload, file);
  if (file->spool == NULL)
    return FALSE;

  schema = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;
  file = g_new0 (ReslibPayloadFile, 1);
  file->path = g_strdup (SCHEMA_PATH);
  file->bytes = g_steal_pointer (&schema);
  g_ptr_array_add (pkg->payload, file);

  for (guint i = 0; i < pkg->payload->len; i++)
    {
      file = g_ptr_array_index (pkg->payload, i);
      if (file->bytes != NULL)
        file->size = g_bytes_get_size (file->bytes);
      else if (file->spool != NULL)
        file->size = file->spool->size;
      pkg->payload_bytes += file->size;
    }
  g_ptr_array_sort (pkg->payload, payload_file_compare);
  pkg->n_payload = pkg->payload->len + pkg->sorted->len;

  return TRUE;
}

/**
 * _reslib_pack_content_prepare:
 * @pkg: a zeroed content; clear it with _reslib_pack_content_clear() whatever this returns
 * @dest_path: where the package goes, or a path in the folder where generated files are spooled meanwhile
 *
 * What a package of @kind holds (only when _reslib_pack_gate() lets it be built), its
 * generated files made: what a pack writes, or a streamed submission freezes.
 */
gboolean
_reslib_pack_content_prepare (ReslibPackContent   *pkg,
                              ReslibStore         *store,
                              const char          *project_id,
                              const char          *kind,
                              const char * const  *resource_ids,
                              ReslibProfile       *profile,
                              const char          *dest_path,
                              GCancellable        *cancellable,
                              GError             **error)
{
  pkg->sent_fd = -1;
  if (!g_strv_contains (reslib_package_kinds, kind))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a package kind"), kind);
      return FALSE;
    }
  if (!_reslib_pack_gate (store, project_id, kind, resource_ids, profile, cancellable, error))
    return FALSE;
  pkg->store = store;
  pkg->project_id = g_strdup (project_id);
  pkg->kind = g_strdup (kind);
  pkg->dest_path = dest_path;
  pkg->format_version = g_strcmp0 (kind, "contribution") == 0 ? RESLIB_PACKAGE_FORMAT_VERSION_CONTRIBUTION
                                                              : RESLIB_PACKAGE_FORMAT_VERSION;
  if (g_strcmp0 (kind, "contribution") == 0)
    _reslib_pack_sent_init (pkg, TRUE);

  return prepare (pkg, resource_ids, cancellable, error);
}

struct _ReslibPackager
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *kind;
  GStrv              resource_ids;       /* NULL: all of the project's */
  ReslibProfile     *profile;
  char              *dest_path;
  ReslibOutputFlags  flags;
  gboolean           digest;
  guint              format_version;     /* 0: the kind's */

  /* Results of the last successful run */
  char              *sha256;
  guint64            size;
  char              *bag_name;
};

G_DEFINE_FINAL_TYPE (ReslibPackager, reslib_packager, RESLIB_TYPE_JOB)

/* From the run's thread (the tar writer reports where it writes, at most ~10 times a second). */
static void
report_progress (const ReslibProgress *progress,
                 gpointer              data)
{
  g_autofree char *message = NULL;

  if (progress->current != NULL)
    /* Translators: while a package is built: the name of the file being added */
    message = g_strdup_printf (_("Packing %s"), progress->current);
  reslib_job_report (RESLIB_JOB (data), progress, message);
}

/* Builds the package (DESIGN §5): see reslib_packager_new(). */
static gboolean
pack (ReslibPackager  *self,
      ReslibStore     *store,
      GCancellable    *cancellable,
      GError         **error)
{
  const char *project_id = self->project_id;
  const char *kind = self->kind;
  const char *dest_path = self->dest_path;
  ReslibOutputFlags flags = self->flags;
  ReslibPackContent pkg = { 0 };
  ReslibTarWriter wr = { 0 };
  ReslibUtf8Locale locale = { 0 };
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  g_autofree char *sha256 = NULL;
  gboolean ok = FALSE;
  struct stat st;
  gint64 start_us = g_get_monotonic_time ();
  gint64 written_us = 0, hashed_us = 0, synced_us = 0;
  int fd = -1;

  if (!g_strv_contains (reslib_package_kinds, kind))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a package kind"), kind);
      return FALSE;
    }
  if (self->format_version > RESLIB_PACKAGE_FORMAT_VERSION && g_strcmp0 (kind, "contribution") != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Only a contribution can be of format %u; a package of the kind “%s” is of format 1"),
                   self->format_version, kind);
      return FALSE;
    }
  if (!reslib_output_check (store, dest_path, flags, error))
    return FALSE;
  if (!_reslib_pack_gate (store, project_id, kind, (const char * const *) self->resource_ids, self->profile,
                         cancellable, error))
    return FALSE;

  pkg.store = store;
  pkg.project_id = g_strdup (project_id);
  pkg.kind = g_strdup (kind);
  pkg.dest_path = dest_path;
  pkg.sent_fd = -1;
  pkg.format_version = g_strcmp0 (kind, "contribution") == 0 ? RESLIB_PACKAGE_FORMAT_VERSION_CONTRIBUTION
                                                             : RESLIB_PACKAGE_FORMAT_VERSION;
  if (self->format_version != 0)
    pkg.format_version = self->format_version;
  /* What a teacher joins from notes what it sends (reslib-bag-writer.c). */
  if (g_strcmp0 (kind, "contribution") == 0 || g_strcmp0 (kind, "progress") == 0)
    _reslib_pack_sent_init (&pkg, g_strcmp0 (kind, "contribution") == 0);
  if (!prepare (&pkg, (const char * const *) self->resource_ids, cancellable, error))
    goto out;
  if (!_reslib_output_temp_open (&temp, dest_path, flags, error))
    goto out;
  fd = temp.fd;

  _reslib_utf8_locale_enter (&locale);
  if (!_reslib_tar_writer_open (&wr, fd, dest_path, pkg.mtime, self->digest, report_progress, self,
                                pkg.payload_bytes, pkg.n_payload, error))
    goto out;
  _reslib_tar_report_progress (&wr, TRUE);
  if (!_reslib_bag_write (&pkg, &wr, cancellable, error))
    goto out;
  if (!_reslib_tar_writer_close (&wr, error))
    goto out;
  /* Every blob checked and the whole tar hashed before the package is kept. */
  written_us = g_get_monotonic_time ();
  if (!_reslib_tar_writer_sync (&wr, error))
    goto out;
  hashed_us = g_get_monotonic_time ();
  _reslib_tar_writer_stop_writeback (&wr);
  /* On disk before it has its name: never a name on a half-written package, even after a crash. */
  if (fdatasync (fd) != 0)
    {
      _reslib_set_error_from_errno (error, errno, temp.temp_path);
      goto out;
    }
  synced_us = g_get_monotonic_time ();
  if (fstat (fd, &st) != 0)
    {
      _reslib_set_error_from_errno (error, errno, temp.temp_path);
      goto out;
    }
  /* Closed before the rename; the temporary file stays locked through temp.lock_fd. */
  temp.fd = -1;
  if (close (fd) != 0)
    {
      fd = -1;
      _reslib_set_error_from_errno (error, errno, temp.temp_path);
      goto out;
    }
  fd = -1;
  {
    ReslibPackageFile facts = { (guint64) st.st_size, (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                                st.st_mtim.tv_nsec, (guint64) st.st_dev, (guint64) st.st_ino };

    if (self->digest)
      sha256 = _reslib_tar_writer_take_digest (&wr);
    /* The rename keeps the file's facts: an upload of it can take the digest from the store. */
    if (!reslib_store_note_package_built (store, project_id, kind, pkg.bag_name, dest_path, &facts, sha256, error) ||
        (pkg.sent != NULL && !_reslib_pack_sent_note (&pkg, error)))
      goto out;
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!_reslib_output_temp_commit (&temp, error))
    goto out;
  wr.progress.current = NULL;
  _reslib_tar_report_progress (&wr, TRUE);
  self->sha256 = g_steal_pointer (&sha256);
  self->size = wr.tar_size;
  self->bag_name = g_strdup (pkg.bag_name);
  g_debug ("Packed %u files, %" G_GUINT64_FORMAT " bytes: written in %.3f s (%.3f s of it starting write-back), "
           "hashes done %.3f s later, on disk %.3f s later; %.3f s in all", pkg.n_payload, wr.tar_size,
           (written_us - start_us) / 1e6, wr.writeback_us / 1e6, (hashed_us - written_us) / 1e6,
           (synced_us - hashed_us) / 1e6, (g_get_monotonic_time () - start_us) / 1e6);
  ok = TRUE;

out:
  _reslib_tar_writer_clear (&wr);
  _reslib_utf8_locale_leave (&locale);
  /* Closes fd when it is still open, and removes the temporary file unless it became the package. */
  _reslib_output_temp_clear (&temp);
  _reslib_pack_content_clear (&pkg);

  return ok;
}


static gboolean
reslib_packager_run (ReslibJob     *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ReslibPackager *self = RESLIB_PACKAGER (job);
  g_autoptr(ReslibStore) own = NULL;

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->bag_name, g_free);
  self->size = 0;

  if (self->dest_path == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No file was given to write the package to"));
      return FALSE;
    }
  /* In a worker, a connection of its own: the caller's thread keeps using its store meanwhile. */
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
    }

  return pack (self, own != NULL ? own : self->store, cancellable, error);
}

static void
reslib_packager_finalize (GObject *object)
{
  ReslibPackager *self = RESLIB_PACKAGER (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->kind);
  g_strfreev (self->resource_ids);
  g_clear_object (&self->profile);
  g_free (self->dest_path);
  g_free (self->sha256);
  g_free (self->bag_name);

  G_OBJECT_CLASS (reslib_packager_parent_class)->finalize (object);
}

static void
reslib_packager_class_init (ReslibPackagerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_packager_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_packager_run;
}

static void
reslib_packager_init (ReslibPackager *self)
{
}

/**
 * reslib_packager_new:
 * @store: the store
 * @project_id: the full id of the project
 * @kind: "application", "progress", "acceptance" or "contribution"
 *
 * A job that builds a package (DESIGN §5) into the file given with reslib_packager_set_destination(). The
 * tar is written next to it under a temporary name, synced and renamed; on failure or cancellation nothing
 * is left. The destination may not be a file of the store (see reslib_output_check()). An application
 * package also carries the dossier (data/dossier/dossier.pdf), made by the report module and dated with the
 * package's fixed time, and is refused while the checks find errors.
 *
 * The build is recorded in the store with the file's size, time and inode (a "pack" event of the project),
 * with the digest when there is one, so that an upload of this very file can use it without reading the
 * whole package first. Progress counts the payload's bytes and files written.
 *
 * Returns: (transfer full): a new packager
 */
ReslibPackager *
reslib_packager_new (ReslibStore *store,
                     const char  *project_id,
                     const char  *kind)
{
  ReslibPackager *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_PACKAGER, "title", _("Building a package"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->kind = g_strdup (kind);

  return self;
}

/**
 * reslib_packager_set_resource_ids:
 * @resource_ids: (nullable) (array zero-terminated=1): the full ids of the resources to include, or %NULL
 *   for all of the project's (the default)
 */
void
reslib_packager_set_resource_ids (ReslibPackager     *self,
                                  const char * const *resource_ids)
{
  g_return_if_fail (RESLIB_IS_PACKAGER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_strfreev (self->resource_ids);
  self->resource_ids = g_strdupv ((char **) resource_ids);
}

/**
 * reslib_packager_set_profile:
 * @profile: (nullable): the rule profile that gates the package (the checks of an application, the review of
 *   the resources of a progress or an acceptance package), or %NULL for the built-in one
 */
void
reslib_packager_set_profile (ReslibPackager *self,
                             ReslibProfile  *profile)
{
  g_return_if_fail (RESLIB_IS_PACKAGER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_set_object (&self->profile, profile);
}

/**
 * reslib_packager_set_destination:
 * @path: the tar file to write
 * @flags: %RESLIB_OUTPUT_REPLACE to replace @path when it exists (the user agreed); else it must not exist
 */
void
reslib_packager_set_destination (ReslibPackager    *self,
                                 const char        *path,
                                 ReslibOutputFlags  flags)
{
  g_return_if_fail (RESLIB_IS_PACKAGER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_free (self->dest_path);
  self->dest_path = g_strdup (path);
  self->flags = flags;
}

/**
 * reslib_packager_set_digest:
 * @digest: whether to compute the SHA-256 of the whole tar while it is written
 *
 * The digest costs a third hashing thread: where there are only two cores, that makes the pack about half
 * as long again, which is why it is only computed when asked for (an upload reads the package for it
 * otherwise).
 */
void
reslib_packager_set_digest (ReslibPackager *self,
                            gboolean        digest)
{
  g_return_if_fail (RESLIB_IS_PACKAGER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->digest = digest;
}

/**
 * reslib_packager_get_path:
 *
 * Returns: (transfer none) (nullable): the file the package is written to
 */
const char *
reslib_packager_get_path (ReslibPackager *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGER (self), NULL);

  return self->dest_path;
}

/**
 * reslib_packager_get_sha256:
 *
 * Returns: (transfer none) (nullable): after a successful run with reslib_packager_set_digest(), the SHA-256 of the whole
 *   tar in hex; else %NULL
 */
const char *
reslib_packager_get_sha256 (ReslibPackager *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGER (self), NULL);

  return self->sha256;
}

/**
 * reslib_packager_get_size:
 *
 * Returns: after a successful run, the size of the package in bytes; else 0
 */
guint64
reslib_packager_get_size (ReslibPackager *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGER (self), 0);

  return self->size;
}

/**
 * reslib_packager_get_bag_name:
 *
 * Returns: (transfer none) (nullable): after a successful run, the name of the bag (the tar's one top-level folder)
 */
const char *
reslib_packager_get_bag_name (ReslibPackager *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGER (self), NULL);

  return self->bag_name;
}

/**
 * reslib_packager_set_format_version:
 * @version: 1, or %RESLIB_PACKAGE_FORMAT_VERSION_MAX
 *
 * A contribution is of format 2 (its records carry their base versions); with 1, it is written as
 * releases before format 2 read it: the other library then decides by the bases it has itself.
 * The other kinds are always of format 1: asking for 2 makes the run fail with %RESLIB_ERROR_INVALID.
 */
void
reslib_packager_set_format_version (ReslibPackager *self,
                                    guint           version)
{
  g_return_if_fail (RESLIB_IS_PACKAGER (self));
  g_return_if_fail (version >= 1 && version <= RESLIB_PACKAGE_FORMAT_VERSION_MAX);
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->format_version = version;
}
