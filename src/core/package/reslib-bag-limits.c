/* reslib-bag-limits.c — what a package may hold to be read back: verify's limits, and the packer's check
 *
 * Verify and import read a package within the limits of reslib-package.h and reslib-package-manifest.h,
 * which bound their memory and time whatever the package. Verify counts what the tar holds as it reads
 * it; the packer counts what the package it is about to write would hold, the same way, before it
 * writes a byte. Both ask _reslib_bag_over_limit(), so pack never writes a package that its own verify
 * and import would refuse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package-manifest.h"
#include "reslib-package-private.h"

/**
 * _reslib_bag_over_limit:
 * @size: what a package holds, as verify counts it
 *
 * Returns: the first limit @size is beyond, or %RESLIB_BAG_LIMIT_NONE
 */
ReslibBagLimit
_reslib_bag_over_limit (const ReslibBagSize *size)
{
  if (size->entries > RESLIB_PACKAGE_MAX_ENTRIES)
    return RESLIB_BAG_LIMIT_ENTRIES;
  if (size->names_size > RESLIB_PACKAGE_MAX_NAMES_SIZE)
    return RESLIB_BAG_LIMIT_NAMES;
  if (size->records > RESLIB_MANIFEST_MAX_RECORDS)
    return RESLIB_BAG_LIMIT_RECORDS;
  if (size->total_size > RESLIB_PACKAGE_MAX_TOTAL_SIZE)
    return RESLIB_BAG_LIMIT_SIZE;
  if (size->payload_manifest_size > RESLIB_PACKAGE_MAX_TAG_SIZE)
    return RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST;
  if (size->manifest_json_size > RESLIB_PACKAGE_MAX_MANIFEST_SIZE)
    return RESLIB_BAG_LIMIT_MANIFEST_JSON;

  return RESLIB_BAG_LIMIT_NONE;
}

/* One entry of the tar, @path inside the bag (NULL: the bag's folder), as verify counts it: its name
 * without a folder's trailing "/". */
static void
count_entry (ReslibBagSize *size,
             gsize          bag_len,
             const char    *path)
{
  size->entries++;
  size->names_size += bag_len + (path != NULL ? 1 + strlen (path) : 0);
}

/* A payload file: its entry and its line in manifest-sha256.txt ("CHECKSUM  PATH\n"; a portable name
 * needs no escapes). */
static void
count_payload_file (ReslibBagSize *size,
                    gsize          bag_len,
                    const char    *path,
                    guint64        file_size)
{
  count_entry (size, bag_len, path);
  size->total_size += file_size;
  size->payload_manifest_size += 64 + 2 + strlen (path) + 1;
}

/**
 * _reslib_pack_check_limits:
 * @generated: (array zero-terminated=1): the paths in the bag of the generated payload files
 *
 * Counts what the package of @pkg would hold, as verify counts it (_reslib_bag_walk() writes the
 * entries: the bag's folder, its tag files, data/ and the folders of the payload files, the generated
 * files and one folder and one file per resource), and refuses with how many resources fit a package
 * that verify and import would refuse. What the generated files weigh is not known yet: their size
 * is checked once they are made (_reslib_pack_check_generated()).
 */
gboolean
_reslib_pack_check_limits (ReslibPackContent   *pkg,
                           const char * const  *generated,
                           GError             **error)
{
  static const char * const tag_files[] = { "bag-info.txt", "bagit.txt", "manifest-sha256.txt",
                                            "tagmanifest-sha256.txt" };
  GPtrArray *others[] = { pkg->majors, pkg->units, pkg->members, pkg->courses, pkg->nodes, pkg->budget_lines,
                          pkg->milestones, pkg->declarations };
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize bag_len = strlen (pkg->bag_name);
  ReslibBagSize size = { 0 };
  guint max_resources = pkg->resources->len;
  GHashTableIter iter;
  gpointer dir;

  count_entry (&size, bag_len, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tag_files); i++)
    count_entry (&size, bag_len, tag_files[i]);
  g_hash_table_add (dirs, g_strdup ("data"));
  for (guint i = 0; generated[i] != NULL; i++)
    {
      count_payload_file (&size, bag_len, generated[i], 0);
      for (const char *slash = strchr (generated[i], '/'); slash != NULL; slash = strchr (slash + 1, '/'))
        g_hash_table_add (dirs, g_strndup (generated[i], (gsize) (slash - generated[i])));
    }
  if (pkg->sorted->len > 0)
    g_hash_table_add (dirs, g_strdup ("data/resources"));
  g_hash_table_iter_init (&iter, dirs);
  while (g_hash_table_iter_next (&iter, &dir, NULL))
    count_entry (&size, bag_len, dir);
  size.records = 1;     /* the project */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    size.records += others[i] != NULL ? others[i]->len : 0;

  /* Each resource: a record and an element of "files", "data/resources/ID" and ".../ID/NAME"; an online
   * resource only its record. */
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      const ReslibPackResource *info = g_ptr_array_index (pkg->resources, i);
      g_autofree char *path = NULL;
      g_autofree char *folder = NULL;

      size.records += 1;
      if (info->url == NULL)
        {
          path = _reslib_package_resource_path (info);
          folder = g_path_get_dirname (path);
          count_entry (&size, bag_len, folder);
          count_payload_file (&size, bag_len, path, info->size);
          size.records += 1;
        }
      if (_reslib_bag_over_limit (&size) != RESLIB_BAG_LIMIT_NONE)
        {
          max_resources = i;
          break;
        }
    }
  if (_reslib_bag_over_limit (&size) == RESLIB_BAG_LIMIT_NONE)
    return TRUE;

  if (g_strcmp0 (pkg->kind, "contribution") == 0)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                 _("A contribution can carry at most %u resources, and this one would carry %u: pack them in "
                   "several contributions, choosing the resources of each with --resource"),
                 max_resources, pkg->resources->len);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                 /* Translators: the package kind (application, progress, acceptance), then two numbers. */
                 _("A package (%s) can carry at most %u resources that verify and import read back, and this one "
                   "would carry %u: it is not written"),
                 pkg->kind, max_resources, pkg->resources->len);
  return FALSE;
}

/**
 * _reslib_pack_check_generated:
 * @path: a generated payload file's path in the bag
 *
 * Refuses a generated file verify would not read: data/manifest.json over its limit.
 */
gboolean
_reslib_pack_check_generated (ReslibPackContent  *pkg,
                              const char         *path,
                              guint64             file_size,
                              GError            **error)
{
  ReslibBagSize size = { 0 };
  g_autofree char *shown = NULL;
  g_autofree char *limit = NULL;

  if (strcmp (path, "data/manifest.json") != 0)
    return TRUE;
  size.manifest_json_size = file_size;
  if (_reslib_bag_over_limit (&size) == RESLIB_BAG_LIMIT_NONE)
    return TRUE;
  shown = g_format_size_full (file_size, G_FORMAT_SIZE_IEC_UNITS);
  limit = g_format_size_full (RESLIB_PACKAGE_MAX_MANIFEST_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
               _("The package’s data/manifest.json would take %s, more than the %s that verify and import read: "
                 "it is not written"), shown, limit);
  return FALSE;
}
