/* reslib-package.c — building and verifying packages (DESIGN §5)
 *
 * A package is a BagIt 1.0 bag serialized as an uncompressed pax tar whose one
 * top-level folder is the bag. Packing streams every blob from the store into
 * the tar while hashing it again, so a damaged blob is caught, and writes the
 * entries in path order with fixed owners, modes and times: the same store
 * state gives the same bytes (the dossier PDF of an application package
 * included). Verifying reads the tar once, without
 * extracting it, and checks it against RFC 8493 and our profile.
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
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <locale.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-json-schema.h"
#include "reslib-output.h"
#include "reslib-core.h"
#include "reslib-package.h"
#include "reslib-package-manifest.h"
#include "reslib-store-gc.h"
#include "reslib-record.h"
#include "reslib-report.h"
#include "reslib-store-sync.h"
#include "reslib-store-package.h"
#include "reslib-text.h"
#include "reslib-validate.h"

#define COPY_BUFFER_SIZE     (256 * 1024)
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)
#define SCHEMA_RESOURCE      "/io/github/reslib/core/schema/manifest.schema.json"
#define SCHEMA_PATH          "data/schema/manifest.schema.json"
#define DOSSIER_PATH         "data/dossier/dossier.pdf"
#define BAGIT_TXT            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

/* ---------------------------------------------------------------------------------------------- */
/* Small helpers                                                                                   */

/* Percent-encodes what a manifest line cannot hold (RFC 8493 §2.1.3). */
static void
append_manifest_path (GString    *out,
                      const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append (out, "%25");
      else if (*p == '\n')
        g_string_append (out, "%0A");
      else if (*p == '\r')
        g_string_append (out, "%0D");
      else
        g_string_append_c (out, *p);
    }
}

/* A file name that is safe as one path component in any tar reader. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *checked = g_utf8_make_valid (name != NULL ? name : "", -1);
  /* NFC: tar readers such as libarchive hand out pax names in NFC, so a
   * manifest naming an NFD path would not match its own entry. */
  g_autofree char *valid = g_utf8_normalize (checked, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new (NULL);
  char *safe;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f)
        g_string_append_c (out, '_');
      else if (out->len + (gsize) (g_utf8_next_char (p) - p) > 200)
        break;
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (out->len == 0 || strcmp (out->str, ".") == 0 || strcmp (out->str, "..") == 0)
    g_string_assign (out, "file");

  /* A copy of the right size: a package keeps one per resource. */
  safe = g_strndup (out->str, out->len);
  g_string_free (out, TRUE);

  return safe;
}

static char *
format_bag_size (guint64 bytes)
{
  static const char * const units[] = { "KB", "MB", "GB", "TB" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value = (double) bytes;
  guint unit = 0;

  if (bytes < 1000)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", bytes);
  value /= 1000.0;
  while (value >= 1000.0 && unit + 1 < G_N_ELEMENTS (units))
    {
      value /= 1000.0;
      unit++;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);

  return g_strdup_printf ("%s %s", buffer, units[unit]);
}

/* libarchive converts names through the thread's locale, and its pax writer
 * crashes on a name the locale cannot hold (3.6.2 under LC_ALL=C): tar work
 * runs with a UTF-8 character type in this thread, whatever the process uses. */
typedef struct
{
  locale_t utf8;
  locale_t saved;
} Utf8Locale;

static void
utf8_locale_enter (Utf8Locale *l)
{
  locale_t current = uselocale ((locale_t) 0);
  locale_t base = duplocale (current);

  l->utf8 = (locale_t) 0;
  l->saved = (locale_t) 0;
  if (base == (locale_t) 0)
    return;
  l->utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", base);
  if (l->utf8 == (locale_t) 0)
    {
      freelocale (base);
      return;
    }
  l->saved = uselocale (l->utf8);
}

static void
utf8_locale_leave (Utf8Locale *l)
{
  if (l->utf8 == (locale_t) 0)
    return;
  uselocale (l->saved);
  freelocale (l->utf8);
  l->utf8 = (locale_t) 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* Spools: generated files of any size, kept in an unlinked file next to the package                */

#define SPOOL_FLUSH_SIZE (256 * 1024)

typedef struct
{
  int      fd;
  GString *buf;
  guint64  size;
  int      saved_errno;
} Spool;

static void
spool_free (Spool *spool)
{
  if (spool->fd >= 0)
    close (spool->fd);
  if (spool->buf != NULL)
    g_string_free (spool->buf, TRUE);
  g_free (spool);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Spool, spool_free)

static Spool *
spool_new (const char  *dest_path,
           GError     **error)
{
  g_autofree char *template = g_strdup_printf ("%s.spool-XXXXXX", dest_path);
  Spool *spool;
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, template);
      return NULL;
    }
  g_unlink (template);
  spool = g_new0 (Spool, 1);
  spool->fd = fd;
  spool->buf = g_string_sized_new (SPOOL_FLUSH_SIZE + 64 * 1024);

  return spool;
}

static void
spool_flush (Spool *spool)
{
  if (spool->saved_errno == 0 && !reslib_write_all (spool->fd, spool->buf->str, spool->buf->len))
    spool->saved_errno = errno;
  spool->size += spool->buf->len;
  g_string_truncate (spool->buf, 0);
}

static void
spool_maybe_flush (Spool *spool)
{
  if (spool->buf->len >= SPOOL_FLUSH_SIZE)
    spool_flush (spool);
}

/* Flushes and rewinds the spool for reading. */
static gboolean
spool_finish (Spool       *spool,
              const char  *dest_path,
              GError     **error)
{
  spool_flush (spool);
  /* Only read from now on: the buffer goes, as a package keeps several spools. */
  g_string_free (spool->buf, TRUE);
  spool->buf = NULL;
  if (spool->saved_errno == 0 && lseek (spool->fd, 0, SEEK_SET) != 0)
    spool->saved_errno = errno;
  if (spool->saved_errno != 0)
    {
      _reslib_set_error_from_errno (error, spool->saved_errno, dest_path);
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Gathering what goes into a package                                                              */

/* What packing keeps of each resource: a few hundred bytes, so a package of a
 * hundred thousand resources fits in little memory. Records are read again,
 * one at a time, when manifest.json is written. */
typedef struct
{
  char       *id;
  char       *file_name;     /* as the store has it, for messages */
  char       *name;          /* the file's name in the bag */
  char       *title;
  const char *language;      /* interned */
  char        sha256[65];    /* the blob's, as the store has it */
  guint64     size;
} ResourceInfo;

static void
resource_info_free (gpointer data)
{
  ResourceInfo *info = data;

  g_free (info->id);
  g_free (info->file_name);
  g_free (info->name);
  g_free (info->title);
  g_free (info);
}

static char *
resource_path (const ResourceInfo *info)
{
  return g_strdup_printf ("data/resources/%s/%s", info->id, info->name);
}

/* Bag paths of resources differ first in the fixed-length id, so this is the order of their paths. */
static int
resource_info_compare (gconstpointer a,
                       gconstpointer b)
{
  const ResourceInfo *ia = *(ResourceInfo * const *) a;
  const ResourceInfo *ib = *(ResourceInfo * const *) b;

  return strcmp (ia->id, ib->id);
}

/* A generated payload file. */
typedef struct
{
  char         *path;          /* inside the bag: "data/manifest.json" */
  GBytes       *bytes;         /* a small generated file */
  Spool        *spool;         /* a generated file of any size */
  guint64       size;
} PayloadFile;

static void
payload_file_free (gpointer data)
{
  PayloadFile *file = data;

  g_free (file->path);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_clear_pointer (&file->spool, spool_free);
  g_free (file);
}

static int
payload_file_compare (gconstpointer a,
                      gconstpointer b)
{
  const PayloadFile *fa = *(PayloadFile * const *) a;
  const PayloadFile *fb = *(PayloadFile * const *) b;

  return strcmp (fa->path, fb->path);
}

typedef struct
{
  ReslibStore   *store;
  char          *project_id;
  char          *kind;
  const char    *dest_path;
  ReslibRecord  *project;
  GPtrArray     *majors;
  GPtrArray     *units;
  GPtrArray     *members;
  GPtrArray     *courses;
  GPtrArray     *nodes;
  GPtrArray     *resources;        /* ResourceInfo, in the store's order */
  GPtrArray     *sorted;           /* the same, in path order (borrowed) */
  GHashTable    *attached;         /* node id → GPtrArray of ResourceInfo (borrowed) */
  GTree         *keywords;         /* every keyword of the resources */
  GHashTable    *ref_units;        /* unit ids the resources name */
  GPtrArray     *budget_lines;
  GPtrArray     *milestones;
  GPtrArray     *declarations;
  GPtrArray     *payload;          /* generated PayloadFile, sorted by path */
  guint          n_payload;        /* files in data/, resources included */
  char          *bag_name;
  char          *dossier;          /* the dossier PDF's path in the bag (application packages), or NULL */
  char          *latest_change;
  gint64         mtime;
  guint64        payload_bytes;
  GArray        *sent;             /* ReslibSyncSent of every record a contribution carries, else NULL */
} Package;

static void
package_clear (Package *pkg)
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
  g_clear_pointer (&pkg->sent, g_array_unref);
}

static void
note_change (Package      *pkg,
             ReslibRecord *record)
{
  const char *updated = reslib_record_get (record, "updated_at");

  if (updated != NULL && g_strcmp0 (updated, pkg->latest_change) > 0)
    {
      g_free (pkg->latest_change);
      pkg->latest_change = g_strdup (updated);
    }
}

static GPtrArray *
list_records (Package    *pkg,
              ReslibKind  kind,
              const char *scope_id,
              GError    **error)
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
gather_resources (Package             *pkg,
                  const char * const  *resource_ids,
                  GCancellable        *cancellable,
                  GError             **error)
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
      ResourceInfo *info;

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
      if (size < 0 || sha == NULL || strlen (sha) != 64)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                       _("The stored file of resource %s (“%s”) is missing from the data folder"),
                       reslib_record_get_id (resource), reslib_record_get (resource, "file_name"));
          return FALSE;
        }
      note_change (pkg, resource);

      info = g_new0 (ResourceInfo, 1);
      info->id = all_ids != NULL ? g_steal_pointer (&all_ids->pdata[i]) : g_strdup (ids[i]);
      g_hash_table_add (seen, info->id);
      info->file_name = g_strdup (reslib_record_get (resource, "file_name"));
      info->name = safe_file_name (info->file_name);
      info->title = g_strdup (reslib_record_get (resource, "title"));
      info->language = g_intern_string (reslib_record_get (resource, "language") != NULL
                                        ? reslib_record_get (resource, "language") : "zh");
      memcpy (info->sha256, sha, 65);
      info->size = (guint64) size;
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
    }

  pkg->sorted = g_ptr_array_copy (pkg->resources, NULL, NULL);
  g_ptr_array_set_free_func (pkg->sorted, NULL);   /* the copy keeps the free function */
  g_ptr_array_sort (pkg->sorted, resource_info_compare);

  return TRUE;
}

static gboolean
gather (Package             *pkg,
        const char * const  *resource_ids,
        GCancellable        *cancellable,
        GError             **error)
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
/* data/manifest.json                                                                              */

/* A contribution notes the version of each record it carries: a version the other library will have,
 * and the base of a record never exchanged before (reslib-store-sync.h), against which a later import
 * of it tells which side changed it. Other packages go to the province, which sends nothing back. */
static void
note_sent (Package      *pkg,
           ReslibRecord *record)
{
  ReslibSyncSent sent = { 0 };

  if (pkg->sent == NULL)
    return;
  sent.kind = (guint8) reslib_record_get_kind (record);
  g_strlcpy (sent.id, reslib_record_get_id (record), sizeof sent.id);
  _reslib_sync_digest_record (record, sent.digest);
  g_array_append_val (pkg->sent, sent);
}

static void
append_records (Package    *pkg,
                Spool      *spool,
                const char *name,
                GPtrArray  *records,
                gboolean    last)
{
  GString *out = spool->buf;

  g_string_append_printf (out, "  \"%s\": [", name);
  for (guint i = 0; i < records->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      reslib_record_append_json (g_ptr_array_index (records, i), out);
      note_sent (pkg, g_ptr_array_index (records, i));
      spool_maybe_flush (spool);
    }
  g_string_append (out, records->len > 0 ? "\n  ]" : "]");
  g_string_append (out, last ? "\n" : ",\n");
}

static Spool *
build_manifest_json (Package *pkg,
                     GError **error)
{
  g_autoptr(Spool) spool = spool_new (pkg->dest_path, error);
  GString *out;

  if (spool == NULL)
    return NULL;
  out = spool->buf;
  g_string_append (out, "{\n");

  g_string_append (out, "  \"format\": \"reslib-package\",\n");
  g_string_append_printf (out, "  \"format_version\": %d,\n", RESLIB_PACKAGE_FORMAT_VERSION);
  g_string_append_printf (out, "  \"kind\": \"%s\",\n", pkg->kind);
  g_string_append_printf (out, "  \"bag\": \"%s\",\n", pkg->bag_name);
  g_string_append (out, "  \"project\": ");
  reslib_record_append_json (pkg->project, out);
  note_sent (pkg, pkg->project);
  g_string_append (out, ",\n");
  append_records (pkg, spool, "majors", pkg->majors, FALSE);
  append_records (pkg, spool, "units", pkg->units, FALSE);
  append_records (pkg, spool, "members", pkg->members, FALSE);
  append_records (pkg, spool, "courses", pkg->courses, FALSE);
  append_records (pkg, spool, "nodes", pkg->nodes, FALSE);
  /* Resources: each record read again, so they are never all in memory. */
  g_string_append (out, "  \"resources\": [");
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ResourceInfo *info = g_ptr_array_index (pkg->resources, i);
      g_autoptr(ReslibRecord) resource = reslib_store_get (pkg->store, RESLIB_KIND_RESOURCE, info->id, error);

      if (resource == NULL)
        return NULL;
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      reslib_record_append_json (resource, out);
      note_sent (pkg, resource);
      spool_maybe_flush (spool);
    }
  g_string_append (out, pkg->resources->len > 0 ? "\n  ],\n" : "],\n");
  append_records (pkg, spool, "budget_lines", pkg->budget_lines, FALSE);
  append_records (pkg, spool, "milestones", pkg->milestones, FALSE);
  append_records (pkg, spool, "declarations", pkg->declarations, FALSE);

  /* Where each resource's file is in the bag. */
  g_string_append (out, "  \"files\": [");
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ResourceInfo *info = g_ptr_array_index (pkg->resources, i);
      g_autofree char *path_text = resource_path (info);
      g_autoptr(JsonNode) path = json_node_init_string (json_node_alloc (), path_text);
      g_autofree char *path_json = json_to_string (path, FALSE);

      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      g_string_append_printf (out, "{\"resource_id\":\"%s\",\"path\":%s,\"sha256\":\"%s\",\"size\":%" G_GUINT64_FORMAT "}",
                              info->id, path_json, info->sha256, info->size);
      spool_maybe_flush (spool);
    }
  g_string_append (out, pkg->resources->len > 0 ? "\n  ]\n" : "]\n");
  g_string_append (out, "}\n");
  if (!spool_finish (spool, pkg->dest_path, error))
    return NULL;

  return g_steal_pointer (&spool);
}

/* ---------------------------------------------------------------------------------------------- */
/* data/imsmanifest.xml                                                                            */

#define IMSCP_NS "http://www.imsglobal.org/xsd/imscp_v1p1"
#define IMSMD_NS "http://www.imsglobal.org/xsd/imsmd_v1p2"
#define XSI_NS   "http://www.w3.org/2001/XMLSchema-instance"

static char *
href_for (const char *bag_path)
{
  g_auto(GStrv) parts = NULL;
  GString *out = g_string_new (NULL);

  g_assert (g_str_has_prefix (bag_path, "data/"));
  parts = g_strsplit (bag_path + strlen ("data/"), "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (parts[i], NULL, TRUE);

      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, escaped);
    }

  return g_string_free (out, FALSE);
}

static void
write_langstring (xmlTextWriterPtr  w,
                  const char       *element,
                  const char       *language,
                  const char       *text)
{
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST element, NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "langstring", NULL);
  xmlTextWriterWriteAttributeNS (w, BAD_CAST "xml", BAD_CAST "lang", NULL, BAD_CAST language);
  xmlTextWriterWriteString (w, BAD_CAST text);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
}

typedef struct
{
  xmlTextWriterPtr  w;
  Package          *pkg;
  GHashTable       *children;    /* parent node id ("" for roots of a course) → GPtrArray of nodes */
  GHashTable       *attached;    /* node id → GPtrArray of resources */
} ImsContext;

static void
write_node_items (ImsContext *ctx,
                  const char *parent_key,
                  guint       depth)
{
  GPtrArray *children = g_hash_table_lookup (ctx->children, parent_key);

  if (children == NULL || depth > 64)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (children, i);
      const char *node_id = reslib_record_get_id (node);
      GPtrArray *resources = g_hash_table_lookup (ctx->attached, node_id);
      g_autofree char *item_id = g_strdup_printf ("ITEM-%s", node_id);

      xmlTextWriterStartElement (ctx->w, BAD_CAST "item");
      xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifier", BAD_CAST item_id);
      xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "isvisible", BAD_CAST "true");
      xmlTextWriterWriteElement (ctx->w, BAD_CAST "title", BAD_CAST reslib_record_get (node, "title"));
      write_node_items (ctx, node_id, depth + 1);
      for (guint j = 0; resources != NULL && j < resources->len; j++)
        {
          ResourceInfo *resource = g_ptr_array_index (resources, j);
          g_autofree char *res_item = g_strdup_printf ("ITEM-%s-%s", node_id, resource->id);
          g_autofree char *res_ref = g_strdup_printf ("RES-%s", resource->id);

          xmlTextWriterStartElement (ctx->w, BAD_CAST "item");
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifier", BAD_CAST res_item);
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifierref", BAD_CAST res_ref);
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "isvisible", BAD_CAST "true");
          xmlTextWriterWriteElement (ctx->w, BAD_CAST "title", BAD_CAST resource->title);
          xmlTextWriterEndElement (ctx->w);
        }
      xmlTextWriterEndElement (ctx->w);
    }
}

static gboolean
collect_key (gpointer key,
             gpointer value,
             gpointer data)
{
  g_ptr_array_add (data, key);

  return FALSE;
}

static int
xml_write_cb (void       *context,
              const char *buffer,
              int         len)
{
  Spool *spool = context;

  g_string_append_len (spool->buf, buffer, len);
  spool_maybe_flush (spool);

  return spool->saved_errno == 0 ? len : -1;
}

static gsize xml_initialized;

static Spool *
build_imsmanifest (Package *pkg,
                   GError **error)
{
  g_autoptr(Spool) spool = spool_new (pkg->dest_path, error);
  xmlOutputBufferPtr output;
  xmlTextWriterPtr w;
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GTree *keywords = pkg->keywords;
  g_autofree char *manifest_id = g_strdup_printf ("MAN-%s", pkg->project_id);
  const char *language = "zh-CN";
  const char *description = reslib_record_get (pkg->project, "description");
  ImsContext ctx = { NULL, pkg, children, pkg->attached };
  int rc;

  if (spool == NULL)
    return NULL;
  if (g_once_init_enter (&xml_initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialized, 1);
    }
  output = xmlOutputBufferCreateIO (xml_write_cb, NULL, spool, NULL);
  w = xmlNewTextWriter (output);
  ctx.w = w;

  /* The course tree: children of each node, roots keyed by their course id. */
  for (guint i = 0; i < pkg->nodes->len; i++)
    g_hash_table_add (node_ids, (gpointer) reslib_record_get_id (g_ptr_array_index (pkg->nodes, i)));
  for (guint i = 0; i < pkg->nodes->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (pkg->nodes, i);
      const char *parent = reslib_record_get (node, "parent_id");
      const char *key = parent != NULL && g_hash_table_contains (node_ids, parent)
                        ? parent : reslib_record_get (node, "course_id");
      GPtrArray *list = g_hash_table_lookup (children, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (children, g_strdup (key), list);
        }
      g_ptr_array_add (list, node);
    }

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "manifest");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST manifest_id);
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1.0");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST IMSCP_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:imsmd", BAD_CAST IMSMD_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:xsi", BAD_CAST XSI_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xsi:schemaLocation",
                               BAD_CAST IMSCP_NS " imscp_v1p1.xsd " IMSMD_NS " imsmd_v1p2p4.xsd");

  xmlTextWriterStartElement (w, BAD_CAST "metadata");
  xmlTextWriterWriteElement (w, BAD_CAST "schema", BAD_CAST "IMS Content");
  xmlTextWriterWriteElement (w, BAD_CAST "schemaversion", BAD_CAST "1.1.4");
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
  write_langstring (w, "title", language, reslib_record_get (pkg->project, "name"));
  xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "language", NULL, BAD_CAST language);
  if (description != NULL && *description != '\0')
    write_langstring (w, "description", language, description);
  {
    g_autoptr(GPtrArray) words = g_ptr_array_new ();

    g_tree_foreach (keywords, collect_key, words);
    for (guint i = 0; i < words->len; i++)
      write_langstring (w, "keyword", language, g_ptr_array_index (words, i));
  }
  xmlTextWriterEndElement (w);   /* general */
  xmlTextWriterEndElement (w);   /* lom */
  xmlTextWriterEndElement (w);   /* metadata */

  xmlTextWriterStartElement (w, BAD_CAST "organizations");
  if (pkg->courses->len > 0)
    {
      g_autofree char *first = g_strdup_printf ("ORG-%s", reslib_record_get_id (g_ptr_array_index (pkg->courses, 0)));
      xmlTextWriterWriteAttribute (w, BAD_CAST "default", BAD_CAST first);
    }
  for (guint i = 0; i < pkg->courses->len; i++)
    {
      ReslibRecord *course = g_ptr_array_index (pkg->courses, i);
      g_autofree char *org_id = g_strdup_printf ("ORG-%s", reslib_record_get_id (course));

      xmlTextWriterStartElement (w, BAD_CAST "organization");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST org_id);
      xmlTextWriterWriteAttribute (w, BAD_CAST "structure", BAD_CAST "hierarchical");
      xmlTextWriterWriteElement (w, BAD_CAST "title", BAD_CAST reslib_record_get (course, "title"));
      write_node_items (&ctx, reslib_record_get_id (course), 0);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);   /* organizations */

  xmlTextWriterStartElement (w, BAD_CAST "resources");
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ResourceInfo *resource = g_ptr_array_index (pkg->resources, i);
      g_autofree char *res_id = g_strdup_printf ("RES-%s", resource->id);
      g_autofree char *path = resource_path (resource);
      g_autofree char *href = href_for (path);

      xmlTextWriterStartElement (w, BAD_CAST "resource");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST res_id);
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterStartElement (w, BAD_CAST "metadata");
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
      write_langstring (w, "title", resource->language, resource->title);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterStartElement (w, BAD_CAST "file");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
    }
  /* The dossier of an application package. */
  if (pkg->dossier != NULL)
    {
      g_autofree char *href = href_for (pkg->dossier);

      xmlTextWriterStartElement (w, BAD_CAST "resource");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST "RES-DOSSIER");
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterStartElement (w, BAD_CAST "metadata");
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
      write_langstring (w, "title", "zh", "申报书");
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterStartElement (w, BAD_CAST "file");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
    }
  /* The package's own metadata, so every payload file is listed. */
  xmlTextWriterStartElement (w, BAD_CAST "resource");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST "RES-PACKAGE-METADATA");
  xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "manifest.json");
  xmlTextWriterStartElement (w, BAD_CAST "file");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "manifest.json");
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElement (w, BAD_CAST "file");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "schema/manifest.schema.json");
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);   /* resources */

  xmlTextWriterEndElement (w);   /* manifest */
  rc = xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);   /* flushes and frees the output buffer */
  if (!spool_finish (spool, pkg->dest_path, error))
    return NULL;
  if (rc < 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("Could not write imsmanifest.xml"));
      return NULL;
    }

  return g_steal_pointer (&spool);
}

/* ---------------------------------------------------------------------------------------------- */
/* Writing the tar                                                                                 */

/* Hashing beside the writer: two threads hash the blobs again (the fixity
 * check; each takes every other blob, so the hashing, the longest part of the
 * work, is not bound to one core) and, when asked for, another hashes the tar
 * as it is written, while this thread reads and writes. Buffers go round a
 * small ring: the writer reads a blob's bytes into one, writes them to the tar
 * straight from it, hands it to the hashing threads (they hash the same
 * buffer: no copy) and takes a free one back. A buffer goes back to the ring
 * when the last thread that holds it is done with it. The buffers are small
 * enough to be still in the cache when they are written and hashed: with
 * 1 MiB ones, the kernel's copy into the tar took twice as long (measured). */

#define HASH_SLOTS 16
#define BLOB_LANES 2

typedef enum
{
  HASH_JOB_BLOB_DATA,     /* feed the blob's digest */
  HASH_JOB_BLOB_END,      /* finish the blob's digest and compare it */
  HASH_JOB_TAR_DATA,      /* feed the tar's digest */
  HASH_JOB_SYNC,          /* answer on the done queue */
  HASH_JOB_STOP,
} HashJobType;

typedef struct
{
  HashJobType  type;
  EVP_MD_CTX  *md;
  guint8      *slot;
  gsize        len;
  char        *expected;    /* HASH_JOB_BLOB_END */
  char        *id;
  char        *file_name;
} HashJob;

typedef struct _Hasher Hasher;

/* A hashing thread and its queue of jobs. */
typedef struct
{
  Hasher      *hasher;
  GThread     *thread;
  GAsyncQueue *jobs;
} HashLane;

struct _Hasher
{
  HashLane     blob_lanes[BLOB_LANES];  /* each blob goes to one lane, the next blob to the next lane */
  guint        lane;                    /* the lane of the blob being written */
  HashLane     tar_lane;
  GAsyncQueue *free_slots;
  GAsyncQueue *done;
  EVP_MD_CTX  *tar_md;
  guint8      *slots[HASH_SLOTS];
  gint         refs[HASH_SLOTS];    /* atomic: the threads that still hold each slot */
  GMutex       lock;
  GError      *failure;     /* the first blob that did not match (under the lock); read after a sync */
  gint         failed;      /* atomic */
};

static gint *
slot_refs (Hasher       *h,
           const guint8 *slot)
{
  for (guint i = 0; i < HASH_SLOTS; i++)
    if (h->slots[i] == slot)
      return &h->refs[i];
  g_assert_not_reached ();
}

/* Gives a slot back to the ring once nobody holds it any more. */
static void
slot_release (Hasher *h,
              guint8 *slot)
{
  if (g_atomic_int_dec_and_test (slot_refs (h, slot)))
    g_async_queue_push (h->free_slots, slot);
}

static gpointer
hasher_thread (gpointer data)
{
  HashLane *lane = data;
  Hasher *h = lane->hasher;

  for (;;)
    {
      HashJob *job = g_async_queue_pop (lane->jobs);
      HashJobType type = job->type;

      switch (type)
        {
        case HASH_JOB_BLOB_DATA:
          EVP_DigestUpdate (job->md, job->slot, job->len);
          break;
        case HASH_JOB_TAR_DATA:
          EVP_DigestUpdate (h->tar_md, job->slot, job->len);
          break;
        case HASH_JOB_BLOB_END:
          {
            guint8 digest[EVP_MAX_MD_SIZE];
            unsigned int digest_len = 0;
            char sha256[2 * EVP_MAX_MD_SIZE + 1];

            EVP_DigestFinal_ex (job->md, digest, &digest_len);
            reslib_digest_to_hex (digest, digest_len, sha256);
            /* No expected digest: the blob was abandoned half-way. */
            if (job->expected != NULL && strcmp (sha256, job->expected) != 0)
              {
                g_mutex_lock (&h->lock);
                if (h->failure == NULL)
                  g_set_error (&h->failure, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                               _("The stored file of resource %s (“%s”) no longer matches its checksum: the data "
                                 "folder is damaged; import the file again"),
                               job->id, job->file_name);
                g_mutex_unlock (&h->lock);
                g_atomic_int_set (&h->failed, 1);
              }
            EVP_MD_CTX_free (job->md);
            g_free (job->expected);
            g_free (job->id);
            g_free (job->file_name);
          }
          break;
        case HASH_JOB_SYNC:
          g_async_queue_push (h->done, GINT_TO_POINTER (1));
          break;
        case HASH_JOB_STOP:
        default:
          break;
        }
      if (job->slot != NULL)
        slot_release (h, job->slot);
      g_free (job);
      if (type == HASH_JOB_STOP)
        return NULL;
    }
}

static void
lane_start (Hasher     *h,
            HashLane   *lane,
            const char *name)
{
  lane->hasher = h;
  lane->jobs = g_async_queue_new ();
  lane->thread = g_thread_new (name, hasher_thread, lane);
}

static void
lane_push (HashLane    *lane,
           HashJobType  type)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = type;
  g_async_queue_push (lane->jobs, job);
}

static void
lane_stop (HashLane *lane)
{
  if (lane->thread == NULL)
    return;
  lane_push (lane, HASH_JOB_STOP);
  g_thread_join (lane->thread);
  lane->thread = NULL;
  g_async_queue_unref (lane->jobs);
  lane->jobs = NULL;
}

static void
hasher_start (Hasher  *h,
              gboolean tar_digest)
{
  g_mutex_init (&h->lock);
  h->free_slots = g_async_queue_new ();
  h->done = g_async_queue_new ();
  for (guint i = 0; i < HASH_SLOTS; i++)
    {
      h->slots[i] = g_malloc (COPY_BUFFER_SIZE);
      g_async_queue_push (h->free_slots, h->slots[i]);
    }
  if (tar_digest)
    {
      h->tar_md = EVP_MD_CTX_new ();
      EVP_DigestInit_ex (h->tar_md, EVP_sha256 (), NULL);
      lane_start (h, &h->tar_lane, "reslib-pack-tar");
    }
  for (guint i = 0; i < BLOB_LANES; i++)
    lane_start (h, &h->blob_lanes[i], "reslib-pack-hash");
}

/* The next blob's jobs go to the next lane: two blobs are hashed at once. */
static void
hasher_next_lane (Hasher *h)
{
  h->lane = (h->lane + 1) % BLOB_LANES;
}

static void
hasher_push (Hasher      *h,
             HashJobType  type,
             EVP_MD_CTX  *md,
             guint8      *slot,
             gsize        len)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = type;
  job->md = md;
  job->slot = slot;
  job->len = len;
  g_async_queue_push (type == HASH_JOB_TAR_DATA ? h->tar_lane.jobs : h->blob_lanes[h->lane].jobs, job);
}

/* A job for every thread: each answers on its own; returns how many were asked. */
static guint
hasher_push_all (Hasher      *h,
                 HashJobType  type)
{
  guint n = 0;

  for (guint i = 0; i < BLOB_LANES; i++, n++)
    lane_push (&h->blob_lanes[i], type);
  if (h->tar_lane.thread != NULL)
    {
      lane_push (&h->tar_lane, type);
      n++;
    }

  return n;
}

static guint8 *
hasher_take_slot (Hasher *h)
{
  guint8 *slot = g_async_queue_pop (h->free_slots);

  g_atomic_int_set (slot_refs (h, slot), 1);
  return slot;
}

/* Waits until every job handed over so far is done; FALSE with @error when a blob did not match. */
static gboolean
hasher_sync (Hasher  *h,
             GError **error)
{
  for (guint n = hasher_push_all (h, HASH_JOB_SYNC); n > 0; n--)
    g_async_queue_pop (h->done);
  if (h->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&h->failure));
      return FALSE;
    }

  return TRUE;
}

static void
hasher_stop (Hasher *h)
{
  if (h->free_slots == NULL)
    return;
  for (guint i = 0; i < BLOB_LANES; i++)
    lane_stop (&h->blob_lanes[i]);
  lane_stop (&h->tar_lane);
  g_clear_error (&h->failure);
  g_mutex_clear (&h->lock);
  /* Every job is done, so every slot is back on the free queue. */
  for (guint i = 0; i < HASH_SLOTS; i++)
    g_free (h->slots[i]);
  g_clear_pointer (&h->free_slots, g_async_queue_unref);
  g_clear_pointer (&h->done, g_async_queue_unref);
  if (h->tar_md != NULL)
    EVP_MD_CTX_free (h->tar_md);
  h->tar_md = NULL;
}

typedef struct
{
  struct archive     *archive;
  const char         *dest_path;
  gint64              mtime;
  ReslibProgress      progress;
  ReslibProgressFunc  progress_func;
  gpointer            progress_data;
  gint64              last_progress;
  int                 fd;
  int                 saved_errno;  /* of a failed write of the small-write buffer */
  Hasher             *hasher;       /* the blobs' digests and the tar's, beside this thread */
  guint64             tar_size;
  guint64             written;      /* bytes in the file so far */
  guint64             flushed;      /* bytes handed to write-back so far */
  GThread            *writeback;    /* starts the write-back of what was written, beside this thread */
  GAsyncQueue        *writeback_ends;
  gint64              writeback_us; /* time it spent starting write-back (it blocks when the disk lags) */
  guint8             *out;          /* small writes (headers, padding), gathered into one write () */
  gsize               out_len;
  guint8             *tar_slot;     /* bytes for the tar's digest that came in small writes */
  gsize               tar_len;
  const guint8       *direct;       /* the slot archive_write_data () is writing, if any */
  gsize               direct_len;
} Writer;

#define OUT_BUFFER_SIZE (64 * 1024)
#define WRITEBACK_STEP  (32 * 1024 * 1024)

/* Writes to the tar's file. Write-back is started every 32 MiB (it does not
 * wait for the disk), so the disk writes while the next blobs are read and
 * hashed, and the fdatasync () before the rename finds little left to do
 * (measured: 0.01–0.05 s for 2 GiB). Without it, the whole package would be
 * dirty in the page cache at the end, and the sync alone would take as long
 * as the rest of the pack. Starting write-back costs the caller time (the
 * file system maps the blocks, and the call blocks when the disk lags), so a
 * thread of its own does it. */
#define WRITEBACK_STOP G_MAXUINT64

static gpointer
writeback_thread (gpointer data)
{
  Writer *wr = data;
  guint64 from = 0;

  for (;;)
    {
      guint64 *end = g_async_queue_pop (wr->writeback_ends);
      guint64 to = *end;
      gint64 start = g_get_monotonic_time ();

      g_free (end);
      if (to == WRITEBACK_STOP)
        break;
      sync_file_range (wr->fd, (off_t) from, (off_t) (to - from), SYNC_FILE_RANGE_WRITE);
      from = to;
      wr->writeback_us += g_get_monotonic_time () - start;
    }

  return NULL;
}

static void
writeback_start (Writer *wr)
{
  wr->writeback_ends = g_async_queue_new ();
  wr->writeback = g_thread_new ("reslib-pack-wb", writeback_thread, wr);
}

static void
writeback_push (Writer  *wr,
                guint64  end)
{
  guint64 *item = g_new (guint64, 1);

  *item = end;
  g_async_queue_push (wr->writeback_ends, item);
}

/* Waits for the thread; writeback_us is meaningful after this. */
static void
writeback_stop (Writer *wr)
{
  if (wr->writeback == NULL)
    return;
  writeback_push (wr, WRITEBACK_STOP);
  g_thread_join (wr->writeback);
  wr->writeback = NULL;
  g_async_queue_unref (wr->writeback_ends);
  wr->writeback_ends = NULL;
}

static gboolean
out_write (Writer       *wr,
           const guint8 *p,
           gsize         len)
{
  if (!reslib_write_all (wr->fd, p, len))
    {
      wr->saved_errno = errno;
      return FALSE;
    }
  wr->written += len;
  if (wr->written - wr->flushed >= WRITEBACK_STEP && wr->writeback != NULL)
    {
      writeback_push (wr, wr->written);
      wr->flushed = wr->written;
    }
  return TRUE;
}

static gboolean
out_flush (Writer *wr)
{
  gboolean ok = out_write (wr, wr->out, wr->out_len);

  wr->out_len = 0;
  return ok;
}

/* Hands the bytes gathered for the tar's digest to its thread. */
static void
tar_digest_flush (Writer *wr)
{
  if (wr->tar_slot == NULL)
    return;
  hasher_push (wr->hasher, HASH_JOB_TAR_DATA, NULL, wr->tar_slot, wr->tar_len);
  wr->tar_slot = NULL;
  wr->tar_len = 0;
}

static void
tar_digest_copy (Writer       *wr,
                 const guint8 *p,
                 gsize         len)
{
  while (len > 0)
    {
      gsize piece;

      if (wr->tar_slot == NULL)
        {
          wr->tar_slot = hasher_take_slot (wr->hasher);
          wr->tar_len = 0;
        }
      piece = MIN (len, (gsize) COPY_BUFFER_SIZE - wr->tar_len);
      memcpy (wr->tar_slot + wr->tar_len, p, piece);
      wr->tar_len += piece;
      p += piece;
      len -= piece;
      if (wr->tar_len == COPY_BUFFER_SIZE)
        tar_digest_flush (wr);
    }
}

/* libarchive writes unblocked (bytes per block 0), so a blob's bytes arrive
 * here straight from the slot they were read into: they go to the file with
 * no copy, and the tar's digest takes the same slot. Headers and padding are
 * gathered into one buffer. */
static la_ssize_t
write_cb (struct archive *a,
          void           *client_data,
          const void     *data,
          size_t          len)
{
  Writer *wr = client_data;
  const guint8 *p = data;
  gboolean whole_slot = wr->direct != NULL && p == wr->direct && len == wr->direct_len;

  if (whole_slot || len >= OUT_BUFFER_SIZE)
    {
      if (!out_flush (wr) || !out_write (wr, p, len))
        goto failed;
    }
  else
    {
      if (wr->out_len + len > OUT_BUFFER_SIZE && !out_flush (wr))
        goto failed;
      memcpy (wr->out + wr->out_len, p, len);
      wr->out_len += len;
    }

  if (wr->hasher->tar_md != NULL)
    {
      if (whole_slot)
        {
          /* In order: what came before, then the slot, held by the tar's thread too. */
          tar_digest_flush (wr);
          g_atomic_int_inc (slot_refs (wr->hasher, p));
          hasher_push (wr->hasher, HASH_JOB_TAR_DATA, NULL, (guint8 *) p, len);
        }
      else
        tar_digest_copy (wr, p, len);
    }
  wr->tar_size += len;

  return (la_ssize_t) len;

failed:
  archive_set_error (a, wr->saved_errno, "%s", g_strerror (wr->saved_errno));
  return -1;
}

/* The end of the tar: what is still gathered goes out. */
static gboolean
writer_finish (Writer  *wr,
               GError **error)
{
  if (!out_flush (wr))
    {
      if (wr->saved_errno == ENOSPC || wr->saved_errno == EDQUOT)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("Could not write “%s”: the disk is full"),
                     wr->dest_path);
      else
        _reslib_set_error_from_errno (error, wr->saved_errno, wr->dest_path);
      return FALSE;
    }
  if (wr->hasher->tar_md != NULL)
    tar_digest_flush (wr);

  return TRUE;
}

static void
report_progress (Writer  *wr,
                 gboolean force)
{
  gint64 now;

  if (wr->progress_func == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - wr->last_progress < PROGRESS_INTERVAL_US)
    return;
  wr->last_progress = now;
  wr->progress_func (&wr->progress, wr->progress_data);
}

static gboolean
archive_failed (Writer  *wr,
                GError **error)
{
  int saved_errno = archive_errno (wr->archive);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("Could not write “%s”: the disk is full"),
                 wr->dest_path);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write “%s”: %s"), wr->dest_path,
                 archive_error_string (wr->archive) != NULL ? archive_error_string (wr->archive) : g_strerror (saved_errno));
  return FALSE;
}

static struct archive_entry *
new_entry (Writer     *wr,
           const char *bag_name,
           const char *path,
           gboolean    is_dir,
           guint64     size)
{
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *full = path != NULL ? g_strconcat (bag_name, "/", path, NULL) : g_strconcat (bag_name, "/", NULL);

  archive_entry_set_pathname_utf8 (entry, full);
  archive_entry_set_filetype (entry, is_dir ? AE_IFDIR : AE_IFREG);
  archive_entry_set_perm (entry, is_dir ? 0755 : 0644);
  archive_entry_set_size (entry, is_dir ? 0 : (la_int64_t) size);
  archive_entry_set_mtime (entry, wr->mtime, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);

  return entry;
}

static gboolean
write_dir (Writer     *wr,
           const char *bag_name,
           const char *path,
           GError    **error)
{
  struct archive_entry *entry = new_entry (wr, bag_name, path, TRUE, 0);
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);

  return TRUE;
}

/* Writes a file held in memory; fills @sha256 when not NULL. */
static gboolean
write_bytes (Writer     *wr,
             const char *bag_name,
             const char *path,
             GBytes     *bytes,
             char       *sha256,
             GError    **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  struct archive_entry *entry = new_entry (wr, bag_name, path, FALSE, len);
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);
  if (len > 0 && archive_write_data (wr->archive, data, len) != (la_ssize_t) len)
    return archive_failed (wr, error);
  if (sha256 != NULL)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
      memcpy (sha256, sum, 65);
    }

  return TRUE;
}

/* Copies a spool into the tar; fills @sha256. */
static gboolean
write_spool (Writer     *wr,
             const char *bag_name,
             const char *path,
             Spool      *spool,
             char       *sha256,
             GError    **error)
{
  struct archive_entry *entry = new_entry (wr, bag_name, path, FALSE, spool->size);
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_MD_CTX *md;
  guint8 *buffer;
  guint64 total = 0;
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);
  md = EVP_MD_CTX_new ();
  EVP_DigestInit_ex (md, EVP_sha256 (), NULL);
  buffer = hasher_take_slot (wr->hasher);
  while (total < spool->size)
    {
      ssize_t n = read (spool->fd, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          slot_release (wr->hasher, buffer);
          EVP_MD_CTX_free (md);
          _reslib_set_error_from_errno (error, n < 0 ? errno : EIO, wr->dest_path);
          return FALSE;
        }
      EVP_DigestUpdate (md, buffer, (size_t) n);
      if (archive_write_data (wr->archive, buffer, (size_t) n) != n)
        {
          slot_release (wr->hasher, buffer);
          EVP_MD_CTX_free (md);
          return archive_failed (wr, error);
        }
      total += (guint64) n;
    }
  slot_release (wr->hasher, buffer);
  EVP_DigestFinal_ex (md, digest, &digest_len);
  EVP_MD_CTX_free (md);
  reslib_digest_to_hex (digest, digest_len, sha256);

  return TRUE;
}

/* Hands the end of a blob to the hasher: with @expected it compares the
 * digest, without it the digest is only freed. */
static void
finish_blob_digest (Writer             *wr,
                    EVP_MD_CTX         *md,
                    const ResourceInfo *info,
                    const char         *expected)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = HASH_JOB_BLOB_END;
  job->md = md;
  job->expected = g_strdup (expected);
  job->id = g_strdup (info->id);
  job->file_name = g_strdup (info->file_name);
  g_async_queue_push (wr->hasher->blob_lanes[wr->hasher->lane].jobs, job);
}

/* Streams a resource's blob into the tar. The hasher thread hashes it again
 * on the way; a blob that no longer matches stops the pack a few buffers
 * later, named, and before the package is complete. Fills @sha256 with the
 * digest the blob must have. */
static gboolean
write_blob (Writer       *wr,
            ReslibStore  *store,
            const char   *bag_name,
            ResourceInfo *info,
            char         *sha256,
            GCancellable *cancellable,
            GError      **error)
{
  const char *expected = info->sha256;
  g_autofree char *blob_path = reslib_store_get_blob_path (store, expected);
  g_autofree char *path = resource_path (info);
  struct archive_entry *entry;
  EVP_MD_CTX *md;
  guint64 total = 0;
  int fd;
  int rc;

  if (g_atomic_int_get (&wr->hasher->failed))
    return hasher_sync (wr->hasher, error);

  fd = open (blob_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    {
      /* An interrupted cleanup may have left it in its trash: put back, then read. */
      g_autofree char *found = reslib_store_find_blob (store, expected, NULL);

      if (found != NULL)
        fd = open (found, O_RDONLY | O_CLOEXEC);
      else
        errno = ENOENT;
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                     _("The stored file of resource %s (“%s”) is missing from the data folder"),
                     info->id, info->file_name);
      else
        _reslib_set_error_from_errno (error, saved_errno, blob_path);
      return FALSE;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  entry = new_entry (wr, bag_name, path, FALSE, info->size);
  rc = archive_write_header (wr->archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    {
      close (fd);
      return archive_failed (wr, error);
    }

  hasher_next_lane (wr->hasher);
  md = EVP_MD_CTX_new ();
  EVP_DigestInit_ex (md, EVP_sha256 (), NULL);
  wr->progress.current = info->file_name;
  for (;;)
    {
      guint8 *slot = hasher_take_slot (wr->hasher);
      ssize_t n = read (fd, slot, COPY_BUFFER_SIZE);

      if (n <= 0 || total + (guint64) n > info->size || g_cancellable_is_cancelled (cancellable))
        {
          int saved_errno = errno;

          slot_release (wr->hasher, slot);
          if (n < 0 && saved_errno == EINTR)
            continue;
          if (n < 0)
            {
              finish_blob_digest (wr, md, info, NULL);
              close (fd);
              _reslib_set_error_from_errno (error, saved_errno, blob_path);
              return FALSE;
            }
          if (n > 0 && total + (guint64) n <= info->size)
            {
              /* Cancelled. */
              finish_blob_digest (wr, md, info, NULL);
              close (fd);
              g_cancellable_set_error_if_cancelled (cancellable, error);
              return FALSE;
            }
          break;   /* the end, or longer than the store says: a mismatch, reported below */
        }
      wr->direct = slot;
      wr->direct_len = (gsize) n;
      if (archive_write_data (wr->archive, slot, (size_t) n) != n)
        {
          wr->direct = NULL;
          slot_release (wr->hasher, slot);
          finish_blob_digest (wr, md, info, NULL);
          close (fd);
          return archive_failed (wr, error);
        }
      wr->direct = NULL;
      hasher_push (wr->hasher, HASH_JOB_BLOB_DATA, md, slot, (gsize) n);
      total += (guint64) n;
      wr->progress.bytes_done += (guint64) n;
      report_progress (wr, FALSE);
    }
  close (fd);

  if (total != info->size)
    {
      finish_blob_digest (wr, md, info, NULL);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("The stored file of resource %s (“%s”) no longer matches its checksum: the data folder is "
                     "damaged; import the file again"),
                   info->id, info->file_name);
      return FALSE;
    }
  finish_blob_digest (wr, md, info, expected);
  memcpy (sha256, expected, 65);

  return TRUE;
}

static gboolean
write_package (Package       *pkg,
               Writer        *wr,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *bag = pkg->bag_name;
  g_autoptr(GString) bag_info = g_string_new (NULL);
  g_autoptr(Spool) manifest_spool = spool_new (pkg->dest_path, error);
  g_autoptr(GString) tag_manifest = g_string_new (NULL);
  GString *manifest;
  g_autoptr(GBytes) bag_info_bytes = NULL;
  g_autoptr(GBytes) bagit_bytes = g_bytes_new_static (BAGIT_TXT, strlen (BAGIT_TXT));
  g_autoptr(GBytes) tag_manifest_bytes = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (pkg->mtime);
  g_autofree char *bagging_date = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *bag_size = NULL;
  const char *organization = NULL;
  g_autofree char *last_dir = NULL;
  char sha[65];

  if (manifest_spool == NULL)
    return FALSE;
  manifest = manifest_spool->buf;
  for (guint i = 0; i < pkg->units->len && organization == NULL; i++)
    if (g_strcmp0 (reslib_record_get (g_ptr_array_index (pkg->units, i), "role"), "host") == 0)
      organization = reslib_record_get (g_ptr_array_index (pkg->units, i), "name");

  /* bag-info.txt: values on one line each, so no value may hold a line break. */
#define INFO(label, value) G_STMT_START { \
    if ((value) != NULL && *(const char *) (value) != '\0') \
      { \
        g_autofree char *one_line = g_strdelimit (g_strdup (value), "\r\n", ' '); \
        g_string_append_printf (bag_info, "%s: %s\n", label, one_line); \
      } \
  } G_STMT_END
  bag_size = format_bag_size (pkg->payload_bytes);
  INFO ("Source-Organization", organization);
  INFO ("Contact-Name", reslib_record_get (pkg->project, "contact_name"));
  INFO ("Contact-Phone", reslib_record_get (pkg->project, "contact_phone"));
  INFO ("Contact-Email", reslib_record_get (pkg->project, "contact_email"));
  INFO ("External-Description", reslib_record_get (pkg->project, "name"));
  INFO ("Bagging-Date", bagging_date);
  INFO ("External-Identifier", pkg->project_id);
  g_string_append_printf (bag_info, "Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", pkg->payload_bytes, pkg->n_payload);
  INFO ("Bag-Size", bag_size);
  INFO ("BagIt-Profile-Identifier", RESLIB_PACKAGE_PROFILE_URI);
  INFO ("Reslib-Package-Kind", pkg->kind);
  g_string_append_printf (bag_info, "Reslib-Format-Version: %d\n", RESLIB_PACKAGE_FORMAT_VERSION);
#undef INFO
  bag_info_bytes = g_bytes_new (bag_info->str, bag_info->len);

  /* Entries in path order: "<bag>/", "bag-info.txt", "bagit.txt", "data/…",
   * "manifest-sha256.txt", "tagmanifest-sha256.txt". */
  if (!write_dir (wr, bag, NULL, error))
    return FALSE;
  if (!write_bytes (wr, bag, "bag-info.txt", bag_info_bytes, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  bag-info.txt\n", sha);
  if (!write_bytes (wr, bag, "bagit.txt", bagit_bytes, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  bagit.txt\n", sha);
  if (!write_dir (wr, bag, "data/", error))
    return FALSE;

  /* Generated files before data/resources/, the resources (sorted by id, so
   * by path), then the generated files after. */
  for (guint i = 0, r = 0; i < pkg->payload->len || r < pkg->sorted->len; )
    {
      PayloadFile *file = i < pkg->payload->len ? g_ptr_array_index (pkg->payload, i) : NULL;
      ResourceInfo *info = NULL;
      g_autofree char *path = NULL;
      const char *slash;
      char file_sha[65];

      if (file != NULL && (strcmp (file->path, "data/resources/") < 0 || r == pkg->sorted->len))
        {
          path = g_strdup (file->path);
          i++;
        }
      else
        {
          file = NULL;
          info = g_ptr_array_index (pkg->sorted, r++);
          path = resource_path (info);
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Folders between data/ and the file that were not written yet. */
      slash = strrchr (path, '/');
      {
        g_autofree char *dir = g_strndup (path, (gsize) (slash - path + 1));

        if (g_strcmp0 (dir, last_dir) != 0 && strcmp (dir, "data/") != 0)
          {
            for (const char *p = strchr (dir + strlen ("data/"), '/'); p != NULL; p = strchr (p + 1, '/'))
              {
                g_autofree char *sub = g_strndup (dir, (gsize) (p - dir + 1));

                if (last_dir == NULL || !g_str_has_prefix (last_dir, sub))
                  if (!write_dir (wr, bag, sub, error))
                    return FALSE;
              }
          }
      }
      g_free (last_dir);
      last_dir = g_strdup (path);

      if (info != NULL)
        {
          if (!write_blob (wr, pkg->store, bag, info, file_sha, cancellable, error))
            return FALSE;
        }
      else if (file->spool != NULL)
        {
          if (!write_spool (wr, bag, file->path, file->spool, file_sha, error))
            return FALSE;
          wr->progress.bytes_done += file->size;
        }
      else
        {
          if (!write_bytes (wr, bag, file->path, file->bytes, file_sha, error))
            return FALSE;
          wr->progress.bytes_done += file->size;
        }
      wr->progress.files_done++;
      report_progress (wr, FALSE);
      g_string_append_printf (manifest, "%s  ", file_sha);
      append_manifest_path (manifest, path);
      g_string_append_c (manifest, '\n');
      spool_maybe_flush (manifest_spool);
    }

  if (!spool_finish (manifest_spool, pkg->dest_path, error) ||
      !write_spool (wr, bag, "manifest-sha256.txt", manifest_spool, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  manifest-sha256.txt\n", sha);
  tag_manifest_bytes = g_bytes_new (tag_manifest->str, tag_manifest->len);
  if (!write_bytes (wr, bag, "tagmanifest-sha256.txt", tag_manifest_bytes, NULL, error))
    return FALSE;

  return TRUE;
}

/* The dossier is dated with the package's fixed time, so that the same records give the
 * same bytes in any store. */
static Spool *
build_dossier (Package       *pkg,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *template = g_strdup_printf ("%s.dossier-XXXXXX", pkg->dest_path);
  struct stat st;
  Spool *spool;
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
  spool = g_new0 (Spool, 1);
  spool->fd = fd;
  spool->size = (guint64) st.st_size;

  return spool;
}

static gboolean
prepare (Package             *pkg,
         const char * const  *resource_ids,
         GCancellable        *cancellable,
         GError             **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *short_id = NULL;
  g_autoptr(GBytes) schema = NULL;
  PayloadFile *file;

  if (!gather (pkg, resource_ids, cancellable, error))
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

  /* Payload: the resources' files (pkg->sorted) and the generated files. */
  pkg->payload = g_ptr_array_new_with_free_func (payload_file_free);
  for (guint i = 0; i < pkg->resources->len; i++)
    pkg->payload_bytes += ((ResourceInfo *) g_ptr_array_index (pkg->resources, i))->size;

  file = g_new0 (PayloadFile, 1);
  file->path = g_strdup ("data/manifest.json");
  file->spool = build_manifest_json (pkg, error);
  g_ptr_array_add (pkg->payload, file);
  if (file->spool == NULL)
    return FALSE;

  if (g_strcmp0 (pkg->kind, "application") == 0)
    {
      pkg->dossier = g_strdup (DOSSIER_PATH);
      file = g_new0 (PayloadFile, 1);
      file->path = g_strdup (pkg->dossier);
      file->spool = build_dossier (pkg, cancellable, error);
      g_ptr_array_add (pkg->payload, file);
      if (file->spool == NULL)
        return FALSE;
    }

  file = g_new0 (PayloadFile, 1);
  file->path = g_strdup ("data/imsmanifest.xml");
  file->spool = build_imsmanifest (pkg, error);
  g_ptr_array_add (pkg->payload, file);
  if (file->spool == NULL)
    return FALSE;

  schema = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;
  file = g_new0 (PayloadFile, 1);
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
  pkg->n_payload = pkg->payload->len + pkg->resources->len;

  return TRUE;
}

static gboolean
check_application (ReslibStore   *store,
                   const char    *project_id,
                   ReslibProfile *profile,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(ReslibProfile) default_profile = NULL;
  g_autoptr(GListModel) findings = NULL;
  guint n_errors;

  if (profile == NULL)
    {
      default_profile = reslib_profile_load_default (error);
      if (default_profile == NULL)
        return FALSE;
      profile = default_profile;
    }
  findings = reslib_validate (store, project_id, profile, "application", cancellable, error);
  if (findings == NULL)
    return FALSE;
  n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED,
                   ngettext ("The project has %u error that blocks an application package: "
                             "fix what the checks report first",
                             "The project has %u errors that block an application package: "
                             "fix what the checks report first", n_errors),
                   n_errors);
      return FALSE;
    }

  return TRUE;
}

/**
 * reslib_package_pack:
 * @store: the store
 * @project_id: the full id of the project
 * @kind: "application", "progress", "acceptance" or "contribution"
 * @resource_ids: (nullable): the full ids of the resources to include, or %NULL for all of the project's
 * @profile: (nullable): the rule profile that gates application packages, or %NULL for the built-in one
 * @dest_path: the tar file to write; it must not exist yet (see reslib_package_pack_full() to replace one)
 * @progress_func: (nullable): called with bytes and files written
 *
 * Builds a package (DESIGN §5). The tar is written next to @dest_path under a
 * temporary name, synced and renamed; on failure or cancellation nothing is left.
 * @dest_path may not be a file of the store (see reslib_output_check()).
 * An application package also carries the dossier (data/dossier/dossier.pdf),
 * made by the report module and dated with the package's fixed time.
 *
 * Returns: %TRUE when @dest_path holds the package
 */
gboolean
reslib_package_pack (ReslibStore         *store,
                     const char          *project_id,
                     const char          *kind,
                     const char * const  *resource_ids,
                     ReslibProfile       *profile,
                     const char          *dest_path,
                     ReslibProgressFunc   progress_func,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  return reslib_package_pack_full (store, project_id, kind, resource_ids, profile, dest_path, RESLIB_OUTPUT_NONE,
                                   progress_func, progress_data, NULL, NULL, cancellable, error);
}

/**
 * reslib_package_pack_full:
 * @flags: %RESLIB_OUTPUT_REPLACE to replace @dest_path when it exists (the user agreed)
 * @package_sha256: (out) (optional): the SHA-256 of the whole tar, in hex
 * @package_size: (out) (optional): its size in bytes
 *
 * Like reslib_package_pack(), and gives the size of the package and, when
 * asked for, its digest, computed while it is written. The build is recorded
 * in the store with the file's size, time and inode (a "pack" event of the
 * project), with the digest when there is one, so that an upload of this
 * very file can use it without reading the whole package first.
 *
 * The digest costs a third hashing thread: where there are only two cores,
 * that makes the pack about half as long again, which is why it is only
 * computed when asked for (an upload reads the package for it otherwise).
 */
gboolean
reslib_package_pack_full (ReslibStore         *store,
                          const char          *project_id,
                          const char          *kind,
                          const char * const  *resource_ids,
                          ReslibProfile       *profile,
                          const char          *dest_path,
                          ReslibOutputFlags    flags,
                          ReslibProgressFunc   progress_func,
                          gpointer             progress_data,
                          char               **package_sha256,
                          guint64             *package_size,
                          GCancellable        *cancellable,
                          GError             **error)
{
  Package pkg = { 0 };
  Writer wr = { 0 };
  Hasher hasher = { 0 };
  Utf8Locale locale = { 0 };
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  g_autofree char *sha256 = NULL;
  gboolean ok = FALSE;
  struct stat st;
  gint64 start_us = g_get_monotonic_time ();
  gint64 written_us = 0, hashed_us = 0, synced_us = 0;
  int fd = -1;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_strv_contains (reslib_package_kinds, kind))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a package kind"), kind);
      return FALSE;
    }
  if (!reslib_output_check (store, dest_path, flags, error))
    return FALSE;
  if (g_strcmp0 (kind, "application") == 0 &&
      !check_application (store, project_id, profile, cancellable, error))
    return FALSE;

  pkg.store = store;
  pkg.project_id = g_strdup (project_id);
  pkg.kind = g_strdup (kind);
  pkg.dest_path = dest_path;
  if (g_strcmp0 (kind, "contribution") == 0)
    pkg.sent = g_array_new (FALSE, FALSE, sizeof (ReslibSyncSent));
  if (!prepare (&pkg, resource_ids, cancellable, error))
    goto out;
  if (!_reslib_output_temp_open (&temp, dest_path, flags, error))
    goto out;
  fd = temp.fd;

  utf8_locale_enter (&locale);
  hasher_start (&hasher, package_sha256 != NULL);
  wr.hasher = &hasher;
  wr.archive = archive_write_new ();
  wr.dest_path = dest_path;
  wr.mtime = pkg.mtime;
  wr.progress_func = progress_func;
  wr.progress_data = progress_data;
  wr.progress.bytes_total = pkg.payload_bytes;
  wr.progress.files_total = pkg.n_payload;
  wr.fd = fd;
  writeback_start (&wr);
  wr.out = g_malloc (OUT_BUFFER_SIZE);
  archive_write_set_format_pax_restricted (wr.archive);
  archive_write_add_filter_none (wr.archive);
  /* Unblocked: the end is padded to 512 bytes, not to a 10 KiB block, as bsdtar does for files, and
   * write_cb () sees each blob's bytes where they were read. */
  archive_write_set_bytes_per_block (wr.archive, 0);
  archive_write_set_bytes_in_last_block (wr.archive, 1);
  if (archive_write_open2 (wr.archive, &wr, NULL, write_cb, NULL, NULL) != ARCHIVE_OK)
    {
      archive_failed (&wr, error);
      goto out;
    }
  report_progress (&wr, TRUE);
  if (!write_package (&pkg, &wr, cancellable, error))
    goto out;
  if (archive_write_close (wr.archive) != ARCHIVE_OK)
    {
      archive_failed (&wr, error);
      goto out;
    }
  if (!writer_finish (&wr, error))
    goto out;
  /* Every blob checked and the whole tar hashed before the package is kept. */
  written_us = g_get_monotonic_time ();
  if (!hasher_sync (&hasher, error))
    goto out;
  hashed_us = g_get_monotonic_time ();
  writeback_stop (&wr);
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

    if (package_sha256 != NULL)
      {
        guint8 digest[EVP_MAX_MD_SIZE];
        unsigned int digest_len = 0;

        EVP_DigestFinal_ex (hasher.tar_md, digest, &digest_len);
        sha256 = g_malloc (2 * digest_len + 1);
        reslib_digest_to_hex (digest, digest_len, sha256);
      }
    /* The rename keeps the file's facts: an upload of it can take the digest from the store. */
    if (!reslib_store_note_package_built (store, project_id, kind, pkg.bag_name, dest_path, &facts, sha256, error) ||
        (pkg.sent != NULL && !_reslib_store_sync_note_sent (store, pkg.sent, error)))
      goto out;
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!_reslib_output_temp_commit (&temp, error))
    goto out;
  wr.progress.current = NULL;
  report_progress (&wr, TRUE);
  if (package_sha256 != NULL)
    *package_sha256 = g_steal_pointer (&sha256);
  if (package_size != NULL)
    *package_size = wr.tar_size;
  g_debug ("Packed %u files, %" G_GUINT64_FORMAT " bytes: written in %.3f s (%.3f s of it starting write-back), "
           "hashes done %.3f s later, on disk %.3f s later; %.3f s in all", pkg.n_payload, wr.tar_size,
           (written_us - start_us) / 1e6, wr.writeback_us / 1e6, (hashed_us - written_us) / 1e6,
           (synced_us - hashed_us) / 1e6, (g_get_monotonic_time () - start_us) / 1e6);
  ok = TRUE;

out:
  if (wr.archive != NULL)
    archive_write_free (wr.archive);
  if (wr.tar_slot != NULL)
    slot_release (&hasher, wr.tar_slot);
  hasher_stop (&hasher);
  writeback_stop (&wr);
  g_free (wr.out);
  utf8_locale_leave (&locale);
  /* Closes fd when it is still open, and removes the temporary file unless it became the package. */
  _reslib_output_temp_clear (&temp);
  package_clear (&pkg);

  return ok;
}

/* ---------------------------------------------------------------------------------------------- */
/* Async                                                                                           */

typedef struct
{
  ReslibProgressFunc func;
  gpointer           data;
  GDestroyNotify     destroy;
  GMainContext      *context;
} ProgressTarget;

static void
progress_target_clear (gpointer data)
{
  ProgressTarget *target = data;

  if (target->destroy != NULL)
    target->destroy (target->data);
  g_main_context_unref (target->context);
}

typedef struct
{
  ProgressTarget *target;
  ReslibProgress  progress;
} ProgressMessage;

static gboolean
deliver_progress (gpointer data)
{
  ProgressMessage *msg = data;

  msg->target->func (&msg->progress, msg->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_message_free (gpointer data)
{
  ProgressMessage *msg = data;

  g_atomic_rc_box_release_full (msg->target, progress_target_clear);
  g_free (msg);
}

static void
forward_progress (const ReslibProgress *progress,
                  gpointer              user_data)
{
  ProgressTarget *target = user_data;
  ProgressMessage *msg = g_new0 (ProgressMessage, 1);

  msg->target = g_atomic_rc_box_acquire (target);
  msg->progress = *progress;
  msg->progress.current = NULL;
  reslib_main_context_post (target->context, deliver_progress, msg, progress_message_free);
}

typedef struct
{
  char           *project_id;
  char           *kind;
  char          **resource_ids;
  ReslibProfile  *profile;
  char           *dest_path;
  ReslibOutputFlags flags;
  ProgressTarget *target;
} PackData;

static void
pack_data_free (gpointer data)
{
  PackData *pd = data;

  g_free (pd->project_id);
  g_free (pd->kind);
  g_strfreev (pd->resource_ids);
  g_clear_object (&pd->profile);
  g_free (pd->dest_path);
  if (pd->target != NULL)
    g_atomic_rc_box_release_full (pd->target, progress_target_clear);
  g_free (pd);
}

static void
pack_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PackData *pd = task_data;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = reslib_store_reopen (source_object, &error);
  if (store == NULL ||
      !reslib_package_pack_full (store, pd->project_id, pd->kind, (const char * const *) pd->resource_ids,
                                 pd->profile, pd->dest_path, pd->flags,
                                 pd->target != NULL ? forward_progress : NULL, pd->target,
                                 NULL, NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * reslib_package_pack_async:
 *
 * @flags: %RESLIB_OUTPUT_REPLACE to replace @dest_path when it exists (the user agreed)
 *
 * Like reslib_package_pack(), in a worker thread with its own connection to
 * the store. Progress is delivered in the thread-default main context of the caller.
 */
void
reslib_package_pack_async (ReslibStore         *store,
                           const char          *project_id,
                           const char          *kind,
                           const char * const  *resource_ids,
                           ReslibProfile       *profile,
                           const char          *dest_path,
                           ReslibOutputFlags    flags,
                           ReslibProgressFunc   progress_func,
                           gpointer             progress_data,
                           GDestroyNotify       progress_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PackData *pd;

  g_return_if_fail (RESLIB_IS_STORE (store));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (kind != NULL);
  g_return_if_fail (dest_path != NULL);

  pd = g_new0 (PackData, 1);
  pd->project_id = g_strdup (project_id);
  pd->kind = g_strdup (kind);
  pd->resource_ids = g_strdupv ((char **) resource_ids);
  pd->profile = profile != NULL ? g_object_ref (profile) : NULL;
  pd->dest_path = g_strdup (dest_path);
  pd->flags = flags;
  if (progress_func != NULL)
    {
      pd->target = g_atomic_rc_box_new0 (ProgressTarget);
      pd->target->func = progress_func;
      pd->target->data = progress_data;
      pd->target->destroy = progress_destroy;
      pd->target->context = g_main_context_ref_thread_default ();
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reslib_package_pack_async);
  g_task_set_task_data (task, pd, pack_data_free);
  g_task_run_in_thread (task, pack_worker);
}

gboolean
reslib_package_pack_finish (ReslibStore   *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Verify                                                                                          */

/* What verify keeps in memory, whatever the package: one copy of each entry's
 * name (at most RESLIB_PACKAGE_MAX_NAMES_SIZE bytes in all) and a few dozen bytes
 * per entry, the tag files below their own limits, and the manifest's index
 * (reslib-package-manifest.c). */
#define MAX_BAGIT_SIZE         (4 * 1024)
#define MAX_BAG_INFO_SIZE      (1024 * 1024)
#define MAX_TAG_MANIFEST_SIZE  (64 * 1024)

typedef struct
{
  guint64  size;
  guint8   sha256[32];
  gboolean listed;          /* in manifest-sha256.txt */
} SeenFile;

/* Whether @seen's SHA-256 is @hex (lowercase). */
static gboolean
seen_sha256_is (const SeenFile *seen,
                const char     *hex)
{
  char text[65];

  reslib_digest_to_hex (seen->sha256, RESLIB_SHA256_SIZE, text);

  return strcmp (text, hex) == 0;
}

static void
seen_set_sha256 (SeenFile   *seen,
                 const char *hex)
{
  for (guint i = 0; i < 32; i++)
    seen->sha256[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
}

typedef struct
{
  const char          *path;
  GPtrArray           *problems;
  GHashTable          *names;        /* full entry name without trailing "/" → NULL */
  GHashTable          *folded;       /* NFC + casefold → first name (both borrowed) */
  GPtrArray           *folded_keys;  /* the folded names that differ from their name */
  GHashTable          *files;        /* path inside the bag (borrowed from names) → SeenFile */
  GHashTable          *tag_texts;    /* tag file path → GBytes */
  ReslibManifestIndex *index;        /* data/manifest.json, when it was read and found valid */
  char                *top;          /* the one top-level folder */
  guint64              total_size;
  guint64              names_size;
  guint                n_entries;
  gboolean             truncated;
} Verifier;

static void
problem (Verifier   *v,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Verifier   *v,
         const char *format,
         ...)
{
  va_list ap;

  if (v->problems->len == RESLIB_PACKAGE_MAX_PROBLEMS)
    g_ptr_array_add (v->problems, g_strdup (_("… and more problems")));
  if (v->problems->len > RESLIB_PACKAGE_MAX_PROBLEMS)
    return;
  va_start (ap, format);
  g_ptr_array_add (v->problems, g_strdup_vprintf (format, ap));
  va_end (ap);
}

static gboolean
is_tag_file (const char *rel)
{
  return strchr (rel, '/') == NULL &&
         (strcmp (rel, "bagit.txt") == 0 || strcmp (rel, "bag-info.txt") == 0 || strcmp (rel, "fetch.txt") == 0 ||
          (g_str_has_prefix (rel, "manifest-") && g_str_has_suffix (rel, ".txt")) ||
          (g_str_has_prefix (rel, "tagmanifest-") && g_str_has_suffix (rel, ".txt")));
}

/* How large a tag file verify reads into memory may be; 0 for the ones it only hashes. */
static guint64
kept_size_limit (const char *rel)
{
  if (strcmp (rel, "bagit.txt") == 0)
    return MAX_BAGIT_SIZE;
  if (strcmp (rel, "bag-info.txt") == 0)
    return MAX_BAG_INFO_SIZE;
  if (strcmp (rel, "manifest-sha256.txt") == 0)
    return RESLIB_PACKAGE_MAX_TAG_SIZE;
  if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
    return MAX_TAG_MANIFEST_SIZE;

  return 0;
}

/* Checks a name taken from the tar; returns the name inside the bag (borrowed), or NULL after noting a problem. */
static const char *
check_entry_name (Verifier   *v,
                  const char *raw,
                  gboolean    is_dir)
{
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  const char *first_name;
  const char *kept;
  const char *slash;
  gsize len;

  if (raw == NULL || *raw == '\0')
    {
      problem (v, _("An entry has no name"));
      return NULL;
    }
  len = strlen (raw);
  if (len > RESLIB_PACKAGE_MAX_PATH)
    {
      problem (v, _("An entry’s name is longer than %d bytes"), RESLIB_PACKAGE_MAX_PATH);
      return NULL;
    }
  shown = reslib_escape_text (raw);
  if (!g_utf8_validate (raw, -1, NULL))
    {
      problem (v, _("“%s”: the name is not valid UTF-8"), shown);
      return NULL;
    }
  if (raw[0] == '/' || raw[0] == '\\' || (g_ascii_isalpha (raw[0]) && raw[1] == ':'))
    {
      problem (v, _("“%s”: absolute paths are not allowed"), shown);
      return NULL;
    }
  name = g_strdup (raw);
  while (len > 1 && name[len - 1] == '/')
    name[--len] = '\0';
  for (const char *part = name; part != NULL; )
    {
      const char *end = strchr (part, '/');
      gsize part_len = end != NULL ? (gsize) (end - part) : strlen (part);

      if (part_len == 2 && part[0] == '.' && part[1] == '.')
        {
          problem (v, _("“%s”: paths with “..” are not allowed"), shown);
          return NULL;
        }
      if (part_len == 0 || (part_len == 1 && part[0] == '.') || memchr (part, '\\', part_len) != NULL)
        {
          problem (v, _("“%s”: the path is not in normal form"), shown);
          return NULL;
        }
      for (gsize i = 0; i < part_len; i++)
        if ((guchar) part[i] < 0x20 || part[i] == 0x7f)
          {
            problem (v, _("“%s”: the name holds control characters"), shown);
            return NULL;
          }
      part = end != NULL ? end + 1 : NULL;
    }

  if (g_hash_table_contains (v->names, name))
    {
      problem (v, _("“%s” appears more than once"), shown);
      return NULL;
    }
  v->names_size += len;
  if (v->names_size > RESLIB_PACKAGE_MAX_NAMES_SIZE)
    {
      problem (v, _("The names of the tar’s entries add up to more than %s"), "8 MiB");
      v->truncated = TRUE;
      return NULL;
    }
  nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (nfc, -1);
  first_name = g_hash_table_lookup (v->folded, folded);
  if (first_name != NULL)
    {
      g_autofree char *shown_first = reslib_escape_text (first_name);
      g_autofree char *shown_name = reslib_escape_text (name);

      problem (v, _("“%s” and “%s” differ only by case or Unicode normalisation"), shown_first, shown_name);
      return NULL;
    }
  kept = name;
  g_hash_table_add (v->names, g_steal_pointer (&name));
  if (strcmp (folded, kept) == 0)
    g_hash_table_insert (v->folded, (gpointer) kept, (gpointer) kept);
  else
    {
      g_hash_table_insert (v->folded, folded, (gpointer) kept);
      g_ptr_array_add (v->folded_keys, g_steal_pointer (&folded));
    }

  /* One top-level folder holds everything. */
  slash = strchr (kept, '/');
  if (slash == NULL)
    {
      if (!is_dir)
        {
          problem (v, _("“%s” is outside the bag’s folder"), shown);
          return NULL;
        }
      if (v->top == NULL)
        v->top = g_strdup (kept);
      else if (strcmp (v->top, kept) != 0)
        {
          g_autofree char *shown_top = reslib_escape_text (v->top);

          problem (v, _("The tar holds more than one top-level folder (“%s” and “%s”)"), shown_top, shown);
        }
      return NULL;
    }
  {
    g_autofree char *top = g_strndup (kept, (gsize) (slash - kept));

    if (v->top == NULL)
      v->top = g_steal_pointer (&top);
    else if (strcmp (v->top, top) != 0)
      {
        g_autofree char *shown_top = reslib_escape_text (v->top);
        g_autofree char *shown_other = reslib_escape_text (top);

        problem (v, _("The tar holds more than one top-level folder (“%s” and “%s”)"), shown_top, shown_other);
        return NULL;
      }
  }

  return slash + 1;
}

/* Reads the current entry's data, hashing it, and keeping it when @keep is its size (at most a tag file's). */
static gboolean
read_entry_data (Verifier       *v,
                 struct archive *a,
                 const char     *rel,
                 gsize           keep,
                 GCancellable   *cancellable,
                 GError        **error)
{
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  g_autoptr(GByteArray) kept = NULL;
  g_autofree SeenFile *seen = g_new0 (SeenFile, 1);

  if (keep > 0)
    kept = g_byte_array_sized_new ((guint) keep);
  EVP_DigestInit_ex (md, EVP_sha256 (), NULL);
  for (;;)
    {
      const void *block;
      size_t len;
      la_int64_t offset;
      int rc = archive_read_data_block (a, &block, &len, &offset);

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          problem (v, _("The tar is damaged or cut short: %s"),
                   archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
          v->truncated = TRUE;
          EVP_MD_CTX_free (md);
          return TRUE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          EVP_MD_CTX_free (md);
          return FALSE;
        }
      if (offset != (la_int64_t) seen->size)
        {
          g_autofree char *shown = reslib_escape_text (rel);

          /* A hole: the entry is sparse, which the header did not say. */
          problem (v, _("“%s” is a sparse file; sparse entries are not allowed"), shown);
          EVP_MD_CTX_free (md);
          return TRUE;
        }
      EVP_DigestUpdate (md, block, len);
      seen->size += len;
      if (kept != NULL && kept->len + (guint64) len <= keep)
        g_byte_array_append (kept, block, (guint) len);
    }
  EVP_DigestFinal_ex (md, digest, &digest_len);
  EVP_MD_CTX_free (md);
  memcpy (seen->sha256, digest, 32);
  g_hash_table_insert (v->files, (gpointer) rel, g_steal_pointer (&seen));
  if (kept != NULL)
    g_hash_table_insert (v->tag_texts, g_strdup (rel), g_byte_array_free_to_bytes (g_steal_pointer (&kept)));

  return TRUE;
}

/* data/manifest.json, read and checked as it streams from the tar, record by record. */
static gboolean
read_manifest_entry (Verifier       *v,
                     struct archive *a,
                     const char     *rel,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree SeenFile *seen = g_new0 (SeenFile, 1);
  char sha256[65];
  gboolean ok;

  ok = _reslib_manifest_read_entry (a, v->path, v->index, NULL, NULL, &seen->size, sha256, cancellable,
                                    &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sha256[0] == '\0')
    {
      problem (v, "%s", local_error->message);
      v->truncated = TRUE;
      _reslib_manifest_index_clear (v->index);
      v->index = NULL;
      return TRUE;
    }
  if (!ok)
    {
      problem (v, "%s", local_error->message);
      _reslib_manifest_index_clear (v->index);
      v->index = NULL;
    }
  seen_set_sha256 (seen, sha256);
  g_hash_table_insert (v->files, (gpointer) rel, g_steal_pointer (&seen));

  return TRUE;
}

static char *
decode_manifest_path (const char *text,
                      gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      const char *p = text + i;
      char decoded = *p;

      if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%25", 3) == 0)
        decoded = '%';
      else if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%0A", 3) == 0)
        decoded = '\n';
      else if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%0D", 3) == 0)
        decoded = '\r';
      else
        {
          g_string_append_c (out, decoded);
          continue;
        }
      i += 2;
      g_string_append_c (out, decoded);
    }

  return g_string_free (out, FALSE);
}

/* The lines of a tag file, one at a time, without copying it: LF, CR or CRLF end a line. */
typedef struct
{
  const char *p;
  const char *end;
} Lines;

static void
lines_init (Lines  *lines,
            GBytes *bytes)
{
  gsize len;

  lines->p = g_bytes_get_data (bytes, &len);
  if (lines->p == NULL)
    lines->p = "";
  lines->end = lines->p + len;
}

static gboolean
lines_next (Lines       *lines,
            const char **line,
            gsize       *len)
{
  const char *start = lines->p;
  const char *q = start;

  if (q >= lines->end)
    return FALSE;
  while (q < lines->end && *q != '\n' && *q != '\r')
    q++;
  *line = start;
  *len = (gsize) (q - start);
  if (q < lines->end && *q == '\r' && q + 1 < lines->end && q[1] == '\n')
    q++;
  lines->p = q < lines->end ? q + 1 : q;

  return TRUE;
}

/* Checks one manifest against what the tar held; @payload chooses payload or tag manifest rules. */
static void
check_manifest (Verifier   *v,
                const char *manifest_name,
                gboolean    payload)
{
  GBytes *bytes = g_hash_table_lookup (v->tag_texts, manifest_name);
  Lines lines;
  const char *line;
  gsize len;
  guint number = 0;

  if (bytes == NULL)
    return;
  if (!g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    {
      problem (v, _("%s is not valid UTF-8"), manifest_name);
      return;
    }
  lines_init (&lines, bytes);
  while (lines_next (&lines, &line, &len))
    {
      g_autofree char *hex = NULL;
      g_autofree char *path = NULL;
      g_autofree char *shown = NULL;
      SeenFile *seen;
      gsize n_hex = 0;
      gsize at;

      number++;
      while (n_hex < len && g_ascii_isxdigit (line[n_hex]))
        n_hex++;
      if (n_hex != 64 || (line[n_hex] != ' ' && line[n_hex] != '\t'))
        {
          problem (v, _("%s, line %u: not “checksum path”"), manifest_name, number);
          continue;
        }
      hex = g_ascii_strdown (line, 64);
      at = 64;
      while (at < len && (line[at] == ' ' || line[at] == '\t'))
        at++;
      if (at < len && line[at] == '*')
        at++;
      if (at == len)
        {
          problem (v, _("%s, line %u: no path"), manifest_name, number);
          continue;
        }
      path = decode_manifest_path (line + at, len - at);
      shown = reslib_escape_text (path);
      if (path[0] == '/' || strcmp (path, "..") == 0 || g_str_has_prefix (path, "../") ||
          strstr (path, "/../") != NULL || g_str_has_suffix (path, "/.."))
        {
          problem (v, _("%s, line %u: unsafe path “%s”"), manifest_name, number, shown);
          continue;
        }
      if (payload && !g_str_has_prefix (path, "data/"))
        {
          problem (v, _("%s, line %u: “%s” is not under data/"), manifest_name, number, shown);
          continue;
        }
      if (!payload && (g_str_has_prefix (path, "data/") || g_str_has_prefix (path, "tagmanifest-")))
        {
          problem (v, _("%s, line %u: “%s” does not belong in a tag manifest"), manifest_name, number, shown);
          continue;
        }
      seen = g_hash_table_lookup (v->files, path);
      if (seen == NULL)
        {
          if (!v->truncated)
            problem (v, _("“%s” is listed in %s but missing"), shown, manifest_name);
          continue;
        }
      if (payload)
        {
          if (seen->listed)
            {
              problem (v, _("%s lists “%s” more than once"), manifest_name, shown);
              continue;
            }
          seen->listed = TRUE;
        }
      if (!seen_sha256_is (seen, hex))
        problem (v, _("“%s” does not match its checksum in %s"), shown, manifest_name);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* bag-info.txt: "Label: value" lines, a value going on in lines that start with white space.
 * Linear in the file's size. Returns label (lowercase) → value. */
static GHashTable *
parse_bag_info (Verifier *v,
                GBytes   *bytes)
{
  GHashTable *info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *key = NULL;
  GString *value = NULL;
  Lines lines;
  const char *line;
  gsize len;
  guint number = 0;

  if (!g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    {
      problem (v, _("bag-info.txt is not valid UTF-8"));
      return info;
    }
  lines_init (&lines, bytes);
  for (;;)
    {
      gboolean more = lines_next (&lines, &line, &len);
      const char *colon;

      number++;
      if (more && len > 0 && (line[0] == ' ' || line[0] == '\t') && value != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strndup (line, len));

          g_string_append_c (value, ' ');
          g_string_append (value, stripped);
          continue;
        }
      /* The value before is complete. */
      if (value != NULL)
        {
          if (g_hash_table_contains (info, key) && strcmp (key, "payload-oxum") == 0)
            problem (v, _("bag-info.txt gives Payload-Oxum more than once"));
          g_hash_table_insert (info, g_steal_pointer (&key), g_string_free (value, FALSE));
          value = NULL;
        }
      if (!more)
        break;
      if (len == 0)
        continue;
      colon = memchr (line, ':', len);
      if (colon == NULL || colon == line)
        {
          problem (v, _("bag-info.txt, line %u: not “Label: value”"), number);
          continue;
        }
      g_free (key);
      key = g_ascii_strdown (line, colon - line);
      g_strstrip (key);
      value = g_string_new_len (colon + 1, (gssize) (line + len - colon - 1));
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value->str));

        g_string_assign (value, stripped);
      }
    }

  return info;
}

/* The files data/manifest.json lists are in the tar, with its checksums and sizes. */
static void
check_manifest_files (Verifier   *v,
                      GHashTable *info)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (g_strcmp0 (v->index->kind, g_hash_table_lookup (info, "reslib-package-kind")) != 0)
    problem (v, _("data/manifest.json and bag-info.txt give different package kinds"));
  if (g_strcmp0 (v->index->project_id, g_hash_table_lookup (info, "external-identifier")) != 0)
    problem (v, _("data/manifest.json and bag-info.txt name different projects"));

  g_hash_table_iter_init (&iter, v->index->files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (paths, key);
  g_ptr_array_sort (paths, compare_strings);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      ReslibManifestFile *file = g_hash_table_lookup (v->index->files, path);
      SeenFile *seen = g_hash_table_lookup (v->files, path);
      g_autofree char *shown = reslib_escape_text (path);

      if (seen == NULL)
        problem (v, _("data/manifest.json names “%s”, which the package does not hold"), shown);
      else if (!seen_sha256_is (seen, file->sha256))
        problem (v, _("“%s” does not match its checksum in data/manifest.json"), shown);
      else if (seen->size != file->size)
        {
          g_autofree char *actual = g_strdup_printf ("%" G_GUINT64_FORMAT, seen->size);
          g_autofree char *given = g_strdup_printf ("%" G_GUINT64_FORMAT, file->size);

          problem (v, _("“%s” holds %s bytes, but data/manifest.json gives its size as %s"), shown, actual, given);
        }
    }
}

static void
check_bag (Verifier    *v,
           JsonBuilder *b)
{
  GBytes *bagit = g_hash_table_lookup (v->tag_texts, "bagit.txt");
  GBytes *bag_info_bytes = g_hash_table_lookup (v->tag_texts, "bag-info.txt");
  g_autoptr(GHashTable) info = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint64 payload_bytes = 0;
  guint payload_files = 0;

  if (v->top == NULL)
    {
      problem (v, _("The tar holds no bag folder"));
      return;
    }
  if (bagit == NULL)
    problem (v, _("bagit.txt is missing"));
  else
    {
      Lines lines;
      const char *line[3] = { NULL };
      gsize len[3] = { 0 };
      guint n = 0;

      lines_init (&lines, bagit);
      while (n < 3 && lines_next (&lines, &line[n], &len[n]))
        n++;
      if (n != 2 || len[0] != strlen ("BagIt-Version: 1.0") || memcmp (line[0], "BagIt-Version: 1.0", len[0]) != 0 ||
          len[1] != strlen ("Tag-File-Character-Encoding: UTF-8") ||
          memcmp (line[1], "Tag-File-Character-Encoding: UTF-8", len[1]) != 0)
        problem (v, _("bagit.txt is not “BagIt-Version: 1.0” and “Tag-File-Character-Encoding: UTF-8”"));
    }
  if (g_hash_table_contains (v->files, "fetch.txt"))
    problem (v, _("fetch.txt is not allowed: every file must be in the package"));

  /* Manifests: ours are sha256 only. */
  g_hash_table_iter_init (&iter, v->files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *rel = key;
      SeenFile *seen = value;

      if (g_str_has_prefix (rel, "data/"))
        {
          payload_bytes += seen->size;
          payload_files++;
        }
      else if (strchr (rel, '/') == NULL &&
               ((g_str_has_prefix (rel, "manifest-") && strcmp (rel, "manifest-sha256.txt") != 0) ||
                (g_str_has_prefix (rel, "tagmanifest-") && strcmp (rel, "tagmanifest-sha256.txt") != 0)))
        {
          g_autofree char *shown = reslib_escape_text (rel);

          problem (v, _("%s: only SHA-256 manifests are accepted"), shown);
        }
    }
  if (!g_hash_table_contains (v->tag_texts, "manifest-sha256.txt"))
    problem (v, _("manifest-sha256.txt is missing"));
  check_manifest (v, "manifest-sha256.txt", TRUE);
  if (!g_hash_table_contains (v->tag_texts, "tagmanifest-sha256.txt"))
    problem (v, _("tagmanifest-sha256.txt is missing"));
  check_manifest (v, "tagmanifest-sha256.txt", FALSE);

  if (g_hash_table_contains (v->tag_texts, "manifest-sha256.txt"))
    {
      g_autoptr(GPtrArray) unlisted = g_ptr_array_new ();

      g_hash_table_iter_init (&iter, v->files);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_str_has_prefix (key, "data/") && !((SeenFile *) value)->listed)
          g_ptr_array_add (unlisted, key);
      g_ptr_array_sort (unlisted, compare_strings);
      for (guint i = 0; i < unlisted->len; i++)
        {
          g_autofree char *shown = reslib_escape_text (g_ptr_array_index (unlisted, i));

          problem (v, _("“%s” is in the payload but not in manifest-sha256.txt"), shown);
        }
    }

  if (bag_info_bytes == NULL)
    problem (v, _("bag-info.txt is missing"));
  else
    {
      const char *oxum;
      const char *kind;
      const char *version;

      info = parse_bag_info (v, bag_info_bytes);
      oxum = g_hash_table_lookup (info, "payload-oxum");
      if (oxum == NULL)
        problem (v, _("bag-info.txt has no Payload-Oxum"));
      else
        {
          g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT ".%u", payload_bytes, payload_files);

          if (strcmp (oxum, expected) != 0)
            {
              g_autofree char *shown = reslib_escape_text (oxum);

              problem (v, _("Payload-Oxum is %s but the payload holds %s (bytes.files)"), shown, expected);
            }
        }
      if (g_strcmp0 (g_hash_table_lookup (info, "bagit-profile-identifier"), RESLIB_PACKAGE_PROFILE_URI) != 0)
        problem (v, _("bag-info.txt does not name the ResLib BagIt profile"));
      kind = g_hash_table_lookup (info, "reslib-package-kind");
      if (kind == NULL || !g_strv_contains (reslib_package_kinds, kind))
        problem (v, _("bag-info.txt has no valid Reslib-Package-Kind"));
      version = g_hash_table_lookup (info, "reslib-format-version");
      if (g_strcmp0 (version, "1") != 0)
        problem (v, _("bag-info.txt: Reslib-Format-Version is not 1"));
      if (g_hash_table_lookup (info, "external-identifier") == NULL)
        problem (v, _("bag-info.txt has no External-Identifier"));
      if (!g_hash_table_contains (v->files, "data/manifest.json"))
        problem (v, _("data/manifest.json is missing"));
      else if (v->index != NULL)
        check_manifest_files (v, info);
      if (!g_hash_table_contains (v->files, "data/imsmanifest.xml"))
        problem (v, _("data/imsmanifest.xml is missing"));
    }

  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, v->top);
  json_builder_set_member_name (b, "payload_bytes");
  json_builder_add_int_value (b, (gint64) payload_bytes);
  json_builder_set_member_name (b, "payload_files");
  json_builder_add_int_value (b, payload_files);
  if (info != NULL)
    {
      static const char * const labels[][2] = {
        { "kind", "reslib-package-kind" }, { "project", "external-identifier" },
        { "source_organization", "source-organization" }, { "bagging_date", "bagging-date" },
        { "format_version", "reslib-format-version" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          json_builder_set_member_name (b, labels[i][0]);
          if (g_hash_table_lookup (info, labels[i][1]) != NULL)
            json_builder_add_string_value (b, g_hash_table_lookup (info, labels[i][1]));
          else
            json_builder_add_null_value (b);
        }
    }
}

static const char *
shown_raw (const char *raw,
           char      **shown)
{
  *shown = reslib_escape_text (raw != NULL ? raw : "?");

  return *shown;
}

/**
 * _reslib_package_verify_index:
 * @index: (out caller-allocates) (optional): what data/manifest.json holds, when the package is valid;
 *   clear it with _reslib_manifest_index_clear()
 *
 * reslib_package_verify(), keeping the index of the manifest it read for import.
 */
gboolean
_reslib_package_verify_index (const char           *path,
                              GPtrArray           **problems,
                              JsonNode            **info_out,
                              ReslibManifestIndex  *index_out,
                              GCancellable         *cancellable,
                              GError              **error)
{
  Verifier v = { 0 };
  Utf8Locale locale = { 0 };
  ReslibManifestIndex index = { 0 };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  struct archive *a = NULL;
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == EISDIR)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                     g_strerror (saved_errno));
      else
        _reslib_set_error_from_errno (error, saved_errno, path);
      return FALSE;
    }

  v.path = path;
  v.problems = found;
  v.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v.folded = g_hash_table_new (g_str_hash, g_str_equal);
  v.folded_keys = g_ptr_array_new_with_free_func (g_free);
  v.files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  v.tag_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  utf8_locale_enter (&locale);
  a = archive_read_new ();
  archive_read_support_format_tar (a);
  if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    {
      problem (&v, _("Not a tar file: %s"), archive_error_string (a) != NULL ? archive_error_string (a) : "");
      goto done;
    }

  for (;;)
    {
      int rc = archive_read_next_header (a, &entry);
      const char *raw;
      const char *rel;
      g_autofree char *shown = NULL;
      mode_t type;
      la_int64_t size;

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          problem (&v, _("The tar is damaged or cut short: %s"),
                   archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
          v.truncated = TRUE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (++v.n_entries > RESLIB_PACKAGE_MAX_ENTRIES)
        {
          problem (&v, _("The tar holds more than %d entries"), RESLIB_PACKAGE_MAX_ENTRIES);
          v.truncated = TRUE;
          break;
        }

      raw = archive_entry_pathname_utf8 (entry);
      if (raw == NULL)
        raw = archive_entry_pathname (entry);
      type = archive_entry_filetype (entry);
      size = archive_entry_size (entry);

      if (archive_entry_hardlink (entry) != NULL)
        {
          problem (&v, _("“%s” is a hard link; links are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      if (type == AE_IFLNK)
        {
          problem (&v, _("“%s” is a symbolic link; links are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      if (type != AE_IFREG && type != AE_IFDIR)
        {
          problem (&v, _("“%s” is a device, FIFO or socket; only files and folders are allowed"),
                   shown_raw (raw, &shown));
          continue;
        }
      if (archive_entry_sparse_count (entry) > 0)
        {
          problem (&v, _("“%s” is a sparse file; sparse entries are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      rel = check_entry_name (&v, raw, type == AE_IFDIR);
      if (v.truncated)
        break;
      if (rel == NULL || type == AE_IFDIR)
        continue;
      shown = reslib_escape_text (rel);
      if (size < 0 || (guint64) size > RESLIB_PACKAGE_MAX_FILE_SIZE)
        {
          problem (&v, _("“%s” is larger than the %s a package file may have"), shown, "64 GiB");
          continue;
        }
      v.total_size += (guint64) size;
      if (v.total_size > RESLIB_PACKAGE_MAX_TOTAL_SIZE)
        {
          problem (&v, _("The package is larger than the %s a package may have"), "1 TiB");
          break;
        }
      if (strcmp (rel, "data/manifest.json") == 0)
        {
          if ((guint64) size > RESLIB_PACKAGE_MAX_MANIFEST_SIZE)
            {
              problem (&v, _("“%s” is larger than %s"), shown, "256 MiB");
              continue;
            }
          v.index = &index;
          if (!read_manifest_entry (&v, a, rel, cancellable, error))
            goto fail;
        }
      else
        {
          guint64 limit = is_tag_file (rel) ? kept_size_limit (rel) : 0;

          if (limit > 0 && (guint64) size > limit)
            {
              problem (&v, _("“%s” is larger than a tag file may be"), shown);
              continue;
            }
          if (!read_entry_data (&v, a, rel, limit > 0 ? (gsize) MAX (size, 1) : 0, cancellable, error))
            goto fail;
        }
      if (v.truncated)
        break;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  if (!v.truncated || v.top != NULL)
    check_bag (&v, b);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, found->len == 0);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (found, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (info_out != NULL)
    *info_out = json_builder_get_root (b);
  goto checked;

done:
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (found, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (info_out != NULL)
    *info_out = json_builder_get_root (b);

checked:
  if (found->len > 0)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                 ngettext ("“%s” is not a valid package: %u problem", "“%s” is not a valid package: %u problems",
                           found->len),
                 path, found->len);
  else
    {
      ok = TRUE;
      if (index_out != NULL)
        {
          *index_out = index;
          memset (&index, 0, sizeof index);
        }
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

fail:
  if (a != NULL)
    archive_read_free (a);
  utf8_locale_leave (&locale);
  close (fd);
  _reslib_manifest_index_clear (&index);
  g_clear_pointer (&v.files, g_hash_table_unref);
  g_clear_pointer (&v.folded, g_hash_table_unref);
  g_clear_pointer (&v.folded_keys, g_ptr_array_unref);
  g_clear_pointer (&v.names, g_hash_table_unref);
  g_clear_pointer (&v.tag_texts, g_hash_table_unref);
  g_free (v.top);

  return ok;
}

/**
 * reslib_package_verify:
 * @path: the tar file
 * @problems: (out) (optional) (transfer full) (element-type utf8): one human sentence per problem
 * @info_out: (out) (optional) (transfer full): what the package is and holds, and the problems, as JSON
 *
 * Reads a package once, without extracting it, and checks that it is a
 * complete and valid bag by RFC 8493 and our profile, that no entry could
 * write outside a folder it were extracted to, and that data/manifest.json
 * follows its format record by record. Memory and time are bounded by the
 * limits in reslib-package.h and reslib-package-manifest.h, whatever the package.
 *
 * Returns: %TRUE when the package is valid; else %FALSE with a %RESLIB_ERROR_BAD_FILE
 *   summary (or another error when the file cannot be read at all)
 */
gboolean
reslib_package_verify (const char    *path,
                       GPtrArray    **problems,
                       JsonNode     **info_out,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return _reslib_package_verify_index (path, problems, info_out, NULL, cancellable, error);
}
