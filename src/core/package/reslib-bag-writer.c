/* reslib-bag-writer.c — the bag of a package: data/manifest.json, the tag files and the entries in path order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-blobs.h"
#include "reslib-package-private.h"
#include "reslib-store-review.h"
#include "reslib-store-sync.h"
#include "reslib-sync.h"

#define BAGIT_TXT "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

/* ---------------------------------------------------------------------------------------------- */
/* Small helpers                                                                                  */

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

char *
_reslib_package_resource_path (const ReslibPackResource *info)
{
  return g_strdup_printf ("data/resources/%s/%s", info->id, info->name);
}

/* ---------------------------------------------------------------------------------------------- */
/* data/manifest.json                                                                              */

/* A contribution notes the version of each record it carries: a version the other library will have,
 * and the base of a record never exchanged before (reslib-store-sync.h), against which a later import
 * of it tells which side changed it. A progress package, which a teacher may join from, notes its
 * versions as exchanged, not as bases: a contribution that brings one back unchanged changes nothing,
 * whatever this library did since, and one that changed it says so by its base versions. Other packages
 * go to the province, which sends nothing back. */
static void
note_sent (ReslibPackContent *pkg,
           ReslibRecord      *record)
{
  ReslibSyncSent sent = { 0 };

  if (pkg->sent == NULL)
    return;
  sent.kind = (guint8) reslib_record_get_kind (record);
  g_strlcpy (sent.id, reslib_record_get_id (record), sizeof sent.id);
  _reslib_sync_digest_record (record, sent.digest);
  _reslib_pack_sent_add (pkg, &sent);
}

/* A record as manifest.json holds it. In format 2 (contributions), with the other versions of it this
 * library exchanged before, the bases its content may have been made from ("base_versions", DESIGN §5):
 * the other library takes this version where its own is one of them, without a conflict. The version
 * sent is not one: packing again gives the same bytes. */
static gboolean
append_record (ReslibPackContent  *pkg,
               ReslibRecord       *record,
               GString            *out,
               GError            **error)
{
  g_autoptr(GPtrArray) held = NULL;
  guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
  char current[2 * RESLIB_SYNC_DIGEST_SIZE + 1];

  reslib_record_append_json (record, out);
  if (pkg->format_version < 2)
    return TRUE;
  _reslib_sync_digest_record (record, digest);
  _reslib_sync_digest_to_hex (digest, current);
  held = g_ptr_array_new_with_free_func (g_free);
  if (!_reslib_store_sync_held (pkg->store, reslib_record_get_kind (record), reslib_record_get_id (record), current,
                                RESLIB_PACKAGE_MAX_BASE_VERSIONS, held, error))
    return FALSE;
  if (held->len == 0)
    return TRUE;
  g_assert (out->len > 0 && out->str[out->len - 1] == '}');
  g_string_truncate (out, out->len - 1);
  g_string_append (out, ",\"base_versions\":[");
  for (guint i = 0; i < held->len; i++)
    g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", (const char *) g_ptr_array_index (held, i));
  g_string_append (out, "]}");

  return TRUE;
}

static gboolean
append_records (ReslibPackContent  *pkg,
                ReslibSpool        *spool,
                const char         *name,
                GPtrArray          *records,
                gboolean            last,
                GError            **error)
{
  GString *out = spool->buf;

  g_string_append_printf (out, "  \"%s\": [", name);
  for (guint i = 0; i < records->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      if (!append_record (pkg, g_ptr_array_index (records, i), out, error))
        return FALSE;
      note_sent (pkg, g_ptr_array_index (records, i));
      _reslib_spool_maybe_flush (spool);
    }
  g_string_append (out, records->len > 0 ? "\n  ]" : "]");
  g_string_append (out, last ? "\n" : ",\n");

  return TRUE;
}

/* A contribution carries its resources' review by their unit (level 1), where it is their latest decision
 * and, a pass, still holds: the lead's import records it (reslib-store-review-travel.c), and the first host
 * decides. Written only when there is one, so that a contribution without any is as before. */
static gboolean
append_review_decisions (ReslibPackContent  *pkg,
                         ReslibSpool        *spool,
                         GError            **error)
{
  GString *out = spool->buf;
  guint n = 0;

  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->resources, i);
      g_autoptr(ReslibReviewDecision) d = NULL;
      g_autoptr(JsonBuilder) b = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      if (!_reslib_store_review_unit_decision (pkg->store, info->id, &d, error))
        return FALSE;
      if (d == NULL)
        continue;
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "resource_id");
      json_builder_add_string_value (b, info->id);
      json_builder_set_member_name (b, "level");
      json_builder_add_int_value (b, RESLIB_REVIEW_LEVEL_UNIT);
      json_builder_set_member_name (b, "unit_id");
      json_builder_add_string_value (b, d->unit_id);
      json_builder_set_member_name (b, "reviewer_id");
      json_builder_add_string_value (b, d->reviewer_id);
      json_builder_set_member_name (b, "reviewer");
      json_builder_add_string_value (b, d->reviewer);
      json_builder_set_member_name (b, "decision");
      json_builder_add_string_value (b, d->approve ? "approve" : "reject");
      json_builder_set_member_name (b, "political");
      json_builder_add_boolean_value (b, (d->checks & RESLIB_REVIEW_CHECK_POLITICAL) != 0);
      json_builder_set_member_name (b, "scientific");
      json_builder_add_boolean_value (b, (d->checks & RESLIB_REVIEW_CHECK_SCIENTIFIC) != 0);
      json_builder_set_member_name (b, "copyright");
      json_builder_add_boolean_value (b, (d->checks & RESLIB_REVIEW_CHECK_COPYRIGHT) != 0);
      json_builder_set_member_name (b, "note");
      if (d->note != NULL)
        json_builder_add_string_value (b, d->note);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "decided_at");
      json_builder_add_string_value (b, d->decided_at);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json = json_to_string (root, FALSE);
      g_string_append (out, n++ == 0 ? ",\n  \"review_decisions\": [\n    " : ",\n    ");
      g_string_append (out, json);
      _reslib_spool_maybe_flush (spool);
    }
  if (n > 0)
    g_string_append (out, "\n  ]");

  return TRUE;
}

ReslibSpool *
_reslib_bag_build_manifest_json (ReslibPackContent *pkg,
                                 GError           **error)
{
  g_autoptr(ReslibSpool) spool = _reslib_spool_new (pkg->dest_path, error);
  GString *out;

  if (spool == NULL)
    return NULL;
  out = spool->buf;
  g_string_append (out, "{\n");

  g_string_append (out, "  \"format\": \"reslib-package\",\n");
  g_string_append_printf (out, "  \"format_version\": %u,\n", pkg->format_version);
  g_string_append_printf (out, "  \"kind\": \"%s\",\n", pkg->kind);
  g_string_append_printf (out, "  \"bag\": \"%s\",\n", pkg->bag_name);
  g_string_append (out, "  \"project\": ");
  if (!append_record (pkg, pkg->project, out, error))
    return NULL;
  note_sent (pkg, pkg->project);
  g_string_append (out, ",\n");
  if (!append_records (pkg, spool, "majors", pkg->majors, FALSE, error) ||
      !append_records (pkg, spool, "units", pkg->units, FALSE, error) ||
      !append_records (pkg, spool, "members", pkg->members, FALSE, error) ||
      !append_records (pkg, spool, "courses", pkg->courses, FALSE, error) ||
      !append_records (pkg, spool, "nodes", pkg->nodes, FALSE, error))
    return NULL;
  /* Resources: each record read again, so they are never all in memory. */
  g_string_append (out, "  \"resources\": [");
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->resources, i);
      g_autoptr(ReslibRecord) resource = reslib_store_get (pkg->store, RESLIB_KIND_RESOURCE, info->id, error);

      if (resource == NULL)
        return NULL;
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      if (!append_record (pkg, resource, out, error))
        return NULL;
      note_sent (pkg, resource);
      _reslib_spool_maybe_flush (spool);
    }
  g_string_append (out, pkg->resources->len > 0 ? "\n  ],\n" : "],\n");
  if (!append_records (pkg, spool, "budget_lines", pkg->budget_lines, FALSE, error) ||
      !append_records (pkg, spool, "milestones", pkg->milestones, FALSE, error) ||
      !append_records (pkg, spool, "declarations", pkg->declarations, FALSE, error))
    return NULL;

  /* Where each resource's file is in the bag (an online resource has none). */
  g_string_append (out, "  \"files\": [");
  for (guint i = 0, n = 0; i < pkg->resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->resources, i);
      g_autofree char *path_text = NULL;
      g_autoptr(JsonNode) path = NULL;
      g_autofree char *path_json = NULL;

      if (info->url != NULL)
        continue;
      path_text = _reslib_package_resource_path (info);
      path = json_node_init_string (json_node_alloc (), path_text);
      path_json = json_to_string (path, FALSE);
      g_string_append (out, n++ == 0 ? "\n    " : ",\n    ");
      g_string_append_printf (out, "{\"resource_id\":\"%s\",\"path\":%s,\"sha256\":\"%s\",\"size\":%" G_GUINT64_FORMAT "}",
                              info->id, path_json, info->sha256, info->size);
      _reslib_spool_maybe_flush (spool);
    }
  g_string_append (out, pkg->sorted->len > 0 ? "\n  ]" : "]");
  if (pkg->format_version >= 2 && !append_review_decisions (pkg, spool, error))
    return NULL;
  g_string_append (out, "\n}\n");
  if (!_reslib_spool_finish (spool, pkg->dest_path, error))
    return NULL;

  return g_steal_pointer (&spool);
}

/* ---------------------------------------------------------------------------------------------- */
/* The bag: its tag files and its entries in path order                                           */

/* Walks the bag's entries in tar order, handing each to @sink; the manifests are made on the way from the
 * digests the sink gives back. */
gboolean
_reslib_bag_walk (ReslibPackContent   *pkg,
                  const ReslibBagSink *sink,
                  gpointer             data,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(GString) bag_info = g_string_new (NULL);
  g_autoptr(ReslibSpool) manifest_spool = _reslib_spool_new (pkg->dest_path, error);
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
  g_string_append_printf (bag_info, "Reslib-Format-Version: %u\n", pkg->format_version);
#undef INFO
  bag_info_bytes = g_bytes_new (bag_info->str, bag_info->len);

  /* Entries in path order: "<bag>/", "bag-info.txt", "bagit.txt", "data/…",
   * "manifest-sha256.txt", "tagmanifest-sha256.txt". */
  if (!sink->dir (data, NULL, error))
    return FALSE;
  if (!sink->bytes (data, "bag-info.txt", bag_info_bytes, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  bag-info.txt\n", sha);
  if (!sink->bytes (data, "bagit.txt", bagit_bytes, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  bagit.txt\n", sha);
  if (!sink->dir (data, "data/", error))
    return FALSE;

  /* Generated files before data/resources/, the resources (sorted by id, so
   * by path), then the generated files after. */
  for (guint i = 0, r = 0; i < pkg->payload->len || r < pkg->sorted->len; )
    {
      ReslibPayloadFile *file = i < pkg->payload->len ? g_ptr_array_index (pkg->payload, i) : NULL;
      ReslibPackResource *info = NULL;
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
          path = _reslib_package_resource_path (info);
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
                  if (!sink->dir (data, sub, error))
                    return FALSE;
              }
          }
      }
      g_free (last_dir);
      last_dir = g_strdup (path);

      if (info != NULL)
        {
          if (!sink->blob (data, path, info, file_sha, error))
            return FALSE;
        }
      else if (file->spool != NULL)
        {
          if (!sink->spool (data, file->path, file->spool, file->size, file_sha, error))
            return FALSE;
        }
      else
        {
          if (!sink->bytes (data, file->path, file->bytes, file_sha, error))
            return FALSE;
        }
      if (sink->file_done != NULL)
        sink->file_done (data, info == NULL ? file->size : 0);
      g_string_append_printf (manifest, "%s  ", file_sha);
      append_manifest_path (manifest, path);
      g_string_append_c (manifest, '\n');
      _reslib_spool_maybe_flush (manifest_spool);
    }

  if (!_reslib_spool_finish (manifest_spool, pkg->dest_path, error) ||
      !sink->spool (data, "manifest-sha256.txt", manifest_spool, manifest_spool->size, sha, error))
    return FALSE;
  g_string_append_printf (tag_manifest, "%s  manifest-sha256.txt\n", sha);
  tag_manifest_bytes = g_bytes_new (tag_manifest->str, tag_manifest->len);
  if (!sink->bytes (data, "tagmanifest-sha256.txt", tag_manifest_bytes, sha, error))
    return FALSE;

  return TRUE;
}

/* Writing the bag into the tar */

typedef struct
{
  ReslibPackContent *pkg;
  ReslibTarWriter   *wr;
  GCancellable      *cancellable;
  guint              blobs_started;
} TarSink;

static gboolean
tar_dir (gpointer     data,
         const char  *path,
         GError     **error)
{
  TarSink *t = data;

  return _reslib_tar_write_dir (t->wr, t->pkg->bag_name, path, error);
}

static gboolean
tar_bytes (gpointer     data,
           const char  *path,
           GBytes      *bytes,
           char        *sha256,
           GError     **error)
{
  TarSink *t = data;

  return _reslib_tar_write_bytes (t->wr, t->pkg->bag_name, path, bytes, sha256, error);
}

static gboolean
tar_spool (gpointer      data,
           const char   *path,
           ReslibSpool  *spool,
           guint64       size,
           char         *sha256,
           GError      **error)
{
  TarSink *t = data;

  return _reslib_tar_write_spool (t->wr, t->pkg->bag_name, path, spool, sha256, error);
}

static gboolean
tar_blob (gpointer             data,
          const char          *path,
          ReslibPackResource  *info,
          char                *sha256,
          GError             **error)
{
  TarSink *t = data;

  /* The blobs go in the order of pkg->sorted: the next one is read from the disk while this one is written. */
  if (++t->blobs_started < t->pkg->sorted->len)
    {
      ReslibPackResource *next = g_ptr_array_index (t->pkg->sorted, t->blobs_started);
      g_autofree char *next_path = reslib_store_get_blob_path (t->pkg->store, next->sha256);

      _reslib_blob_prefetch (next_path);
    }

  return _reslib_tar_write_blob (t->wr, t->pkg->store, t->pkg->bag_name, path, info, sha256, t->cancellable, error);
}

static void
tar_file_done (gpointer data,
               guint64  generated_size)
{
  TarSink *t = data;

  t->wr->progress.bytes_done += generated_size;
  t->wr->progress.files_done++;
  _reslib_tar_report_progress (t->wr, FALSE);
}

gboolean
_reslib_bag_write (ReslibPackContent *pkg,
                   ReslibTarWriter   *wr,
                   GCancellable      *cancellable,
                   GError           **error)
{
  static const ReslibBagSink sink = { tar_dir, tar_bytes, tar_spool, tar_blob, tar_file_done };
  TarSink t = { pkg, wr, cancellable };

  return _reslib_bag_walk (pkg, &sink, &t, cancellable, error);
}
