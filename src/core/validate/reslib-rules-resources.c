/* reslib-rules-resources.c — the rules on the resources: metadata, media facts, links, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-labels.h"
#include "reslib-probe.h"
#include "reslib-store-checks.h"
#include "reslib-validator-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Resources                                                                                       */

static gboolean
mime_matches (const char *pattern,
              const char *mime)
{
  if (g_str_equal (pattern, "*"))
    return TRUE;
  if (g_str_has_suffix (pattern, "*"))
    return mime != NULL && strncmp (pattern, mime, strlen (pattern) - 1) == 0;

  return g_strcmp0 (pattern, mime) == 0;
}

static gboolean
field_present (ReslibRecord *resource,
               const char   *field)
{
  const ReslibField *f = reslib_entity_find_field (reslib_record_get_entity (resource), field);

  if (f == NULL)
    return FALSE;
  if (f->type == RESLIB_FIELD_LIST)
    return reslib_record_get_list (resource, field)[0] != NULL;

  return !empty (reslib_record_get (resource, field));
}

static const char *
field_display (const char *field)
{
  static const struct { const char *field; const char *name; } names[] = {
    { "title", N_("title") }, { "type", N_("type") }, { "description", N_("description") },
    { "keywords", N_("keywords") }, { "authors", N_("authors") }, { "unit_id", N_("unit") },
    { "origin", N_("origin") }, { "nodes", N_("knowledge or skill points") }, { "language", N_("language") },
    { "license", N_("licence") }, { "license_holder", N_("licence holder") }, { "audience", N_("audience") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].field, field))
      return _(names[i].name);

  return field;
}

static void
check_metadata (Run          *run,
                ReslibRecord *resource)
{
  JsonArray *table = reslib_profile_get_array (run->profile, "resource_metadata");

  for (guint i = 0; i < json_array_get_length (table); i++)
    {
      JsonObject *entry = json_array_get_object_element (table, i);
      const char *field = json_object_get_string_member (entry, "field");
      const char *optionality = json_object_get_string_member (entry, "optionality");
      gboolean needed = g_str_equal (optionality, "M");

      /* Fields with a rule of their own are checked there. */
      if ((g_str_equal (field, "authors") && RULE (run, "resource.authors")) ||
          (g_str_equal (field, "unit_id") && RULE (run, "resource.unit")) ||
          (g_str_equal (field, "nodes") && RULE (run, "resource.granularity")) ||
          /* a document of the major or a course belongs there, not to a point */
          (g_str_equal (field, "nodes") && !empty (reslib_record_get (resource, "document"))) ||
          ((g_str_equal (field, "license") || g_str_equal (field, "license_holder")) && RULE (run, "resource.licence")))
        continue;
      if (g_str_equal (optionality, "C") && json_object_has_member (entry, "when"))
        {
          JsonObject *when = json_object_get_object_member (entry, "when");
          needed = list_contains (json_object_get_array_member (when, "equals"),
                                  reslib_record_get (resource, json_object_get_string_member (when, "field")));
        }
      if (needed && !field_present (resource, field))
        {
          add_titled (run, "resource.metadata", resource, _("Fill it in in the resource’s details"),
                      _("The resource “%s” has no %s"), g_intern_string (field_display (field)));
          in_field (run, field);
        }
    }
}

static void
check_media (Run             *run,
             ReslibRecord    *resource,
             JsonObject      *media,
             ReslibProbeInfo *probe)
{
  const char *title = record_title (resource);
  const char *hint = _("Re-encode the file to the profile’s technical parameters (a warning: these parameters come from secondary sources)");

  if (json_object_has_member (media, "containers") && probe->container != NULL &&
      !list_contains (json_object_get_array_member (media, "containers"), probe->container))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "containers"));
      add (run, "resource.media", resource, hint, _("“%s” is in a %s container; expected %s"), title, probe->container,
           allowed);
    }
  if (json_object_has_member (media, "video_codecs") && probe->video_codec != NULL &&
      !list_contains (json_object_get_array_member (media, "video_codecs"), probe->video_codec))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "video_codecs"));
      add (run, "resource.media", resource, hint, _("The video of “%s” is %s; expected %s"), title, probe->video_codec,
           allowed);
    }
  if (json_object_has_member (media, "audio_codecs") && probe->audio_codec != NULL &&
      !list_contains (json_object_get_array_member (media, "audio_codecs"), probe->audio_codec))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "audio_codecs"));
      add (run, "resource.media", resource, hint, _("The audio of “%s” is %s; expected %s"), title, probe->audio_codec,
           allowed);
    }
  if (probe->width > 0 && probe->height > 0 &&
      ((json_object_has_member (media, "min_width") && probe->width < json_object_get_int_member (media, "min_width")) ||
       (json_object_has_member (media, "min_height") && probe->height < json_object_get_int_member (media, "min_height"))))
    add (run, "resource.media", resource, hint, _("“%s” is %d×%d; at least %d×%d is expected"), title, probe->width,
         probe->height, (int) json_object_get_int_member_with_default (media, "min_width", 0),
         (int) json_object_get_int_member_with_default (media, "min_height", 0));
  if (probe->frame_rate > 0 && json_object_has_member (media, "min_frame_rate") &&
      probe->frame_rate + 0.01 < json_object_get_double_member (media, "min_frame_rate"))
    add (run, "resource.media", resource, hint, _("“%s” has %.2f frames per second; at least %g are expected"), title,
         probe->frame_rate, json_object_get_double_member (media, "min_frame_rate"));
  if (probe->video_bitrate > 0 &&
      ((json_object_has_member (media, "min_video_bitrate") &&
        probe->video_bitrate < json_object_get_int_member (media, "min_video_bitrate")) ||
       (json_object_has_member (media, "max_video_bitrate") &&
        probe->video_bitrate > json_object_get_int_member (media, "max_video_bitrate"))))
    add (run, "resource.media", resource, hint, _("The video bitrate of “%s” is %d kbit/s; %d–%d kbit/s is expected"),
         title, (int) (probe->video_bitrate / 1000),
         (int) (json_object_get_int_member_with_default (media, "min_video_bitrate", 0) / 1000),
         (int) (json_object_get_int_member_with_default (media, "max_video_bitrate", 0) / 1000));
  if (probe->audio_bitrate > 0 && json_object_has_member (media, "min_audio_bitrate") &&
      probe->audio_bitrate < json_object_get_int_member (media, "min_audio_bitrate"))
    add (run, "resource.media", resource, hint, _("The audio bitrate of “%s” is %d kbit/s; at least %d kbit/s is expected"),
         title, (int) (probe->audio_bitrate / 1000), (int) (json_object_get_int_member (media, "min_audio_bitrate") / 1000));
  if (probe->sample_rate > 0 && json_object_has_member (media, "sample_rates"))
    {
      JsonArray *rates = json_object_get_array_member (media, "sample_rates");
      gboolean ok = FALSE;

      for (guint i = 0; i < json_array_get_length (rates); i++)
        ok |= json_array_get_int_element (rates, i) == probe->sample_rate;
      if (!ok)
        {
          g_autofree char *allowed = join_array (rates);
          add (run, "resource.media", resource, hint, _("The audio of “%s” is sampled at %d Hz; expected %s Hz"), title,
               probe->sample_rate, allowed);
        }
    }
  if (probe->channels > 0 && json_object_has_member (media, "min_channels") &&
      probe->channels < json_object_get_int_member (media, "min_channels"))
    add (run, "resource.media", resource, hint, _("The audio of “%s” has %d channels; at least %d are expected"), title,
         probe->channels, (int) json_object_get_int_member (media, "min_channels"));
}

/* Whether the file of the blob @sha256 is missing from the store, asked once for each blob */
static gboolean
blob_missing (Run        *run,
              GHashTable *blob_missing_cache,
              const char *sha256)
{
  gpointer known;

  if (sha256 == NULL)
    return FALSE;
  if (!g_hash_table_lookup_extended (blob_missing_cache, sha256, NULL, &known))
    {
      g_autofree char *path = reslib_store_get_blob_path (run->store, sha256);

      known = GINT_TO_POINTER (!g_file_test (path, G_FILE_TEST_EXISTS));
      g_hash_table_insert (blob_missing_cache, g_strdup (sha256), known);
    }

  return GPOINTER_TO_INT (known);
}

static gboolean
listed (GListModel *records,
        const char *id)
{
  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (reslib_record_get_id (record), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A document of the major or a course (人才培养方案, 专业教学标准, 课程标准: the profile's "documents" say
 * which) needs no knowledge or skill point: it belongs to a major or a course of the project instead. */
static void
check_document_home (Run          *run,
                     ReslibRecord *resource)
{
  const char *document = reslib_record_get (resource, "document");
  const char *level = reslib_profile_document_level (run->profile, document);
  const char *label = reslib_label_resource_document (document);

  if (level == NULL)
    {
      add_titled (run, "resource.granularity", resource,
                  _("Choose a document kind the profile lists, or none and link it to the knowledge or skill point it teaches"),
                  _("The resource “%s” is a document of a kind the profile does not list: %s"), g_intern_string (label));
      in_field (run, "document");
    }
  else if (g_str_equal (level, "course") && !listed (run->courses, reslib_record_get (resource, "course_id")))
    {
      add_titled (run, "resource.granularity", resource, _("Choose the course of the project it belongs to"),
                  _("The resource “%s” (%s) does not name a course of the project"), label);
      in_field (run, "course_id");
    }
  else if (g_str_equal (level, "major") && !listed (run->majors, reslib_record_get (resource, "major_id")))
    {
      add_titled (run, "resource.granularity", resource,
                  _("Choose the major it belongs to: the project’s core major or one of its served majors"),
                  _("The resource “%s” (%s) does not name a major of the project"), label);
      in_field (run, "major_id");
    }
}

static void
check_resource (Run          *run,
                ReslibRecord *resource,
                GHashTable   *blob_users,
                GHashTable   *blob_missing_cache)
{
  const char *title = record_title (resource);
  const char *type = reslib_record_get (resource, "type");
  const char *mime = reslib_record_get (resource, "mime_type");
  const char *origin = reslib_record_get (resource, "origin");
  const ReslibRule *authors_rule = RULE (run, "resource.authors");
  const ReslibRule *granularity = RULE (run, "resource.granularity");
  const ReslibRule *approved = RULE (run, "resource.approved");
  JsonObject *types = reslib_profile_get_object (run->profile, "resource_types");
  JsonObject *type_entry = type != NULL && json_object_has_member (types, type) ? json_object_get_object_member (types, type)
                                                                                 : NULL;

  if (RULE (run, "resource.metadata") != NULL)
    check_metadata (run, resource);

  if (authors_rule != NULL &&
      g_strv_length ((char **) reslib_record_get_list (resource, "authors")) < (guint) reslib_rule_int (authors_rule, "min", 1))
    {
      add_titled (run, "resource.authors", resource, _("Name the people who made it: their right to be named as authors is protected"),
                  _("The resource “%s” names no author"), NULL);
      in_field (run, "authors");
    }

  if (RULE (run, "resource.unit") != NULL)
    {
      const char *unit = reslib_record_get (resource, "unit_id");

      if (empty (unit) || !g_hash_table_contains (run->unit_ids, unit))
        {
          add_titled (run, "resource.unit", resource, _("Choose which of the project’s units built it"),
                      _("The resource “%s” is not assigned to a unit of the project"), NULL);
          in_field (run, "unit_id");
        }
    }

  if (RULE (run, "resource.licence") != NULL)
    {
      if (g_strcmp0 (origin, "licensed") == 0 &&
          (empty (reslib_record_get (resource, "license")) || empty (reslib_record_get (resource, "license_holder"))))
        {
          add_titled (run, "resource.licence", resource, _("Enter the licence and who granted it, and keep the licence document"),
                      _("The licensed resource “%s” does not name its licence and its holder"), NULL);
          in_field (run, empty (reslib_record_get (resource, "license")) ? "license" : "license_holder");
        }
      else if (g_strcmp0 (origin, "open") == 0 && empty (reslib_record_get (resource, "license")))
        {
          add_titled (run, "resource.licence", resource, _("Enter the open licence (for example CC BY 4.0)"),
                      _("The open resource “%s” does not name its licence"), NULL);
          in_field (run, "license");
        }
    }

  if (granularity != NULL && !empty (reslib_record_get (resource, "document")))
    check_document_home (run, resource);
  else if (granularity != NULL)
    {
      const char * const *nodes = reslib_record_get_list (resource, "nodes");
      gboolean linked = FALSE;

      for (guint i = 0; nodes[i] != NULL && !linked; i++)
        {
          ReslibRecord *node = g_hash_table_lookup (run->nodes, nodes[i]);
          linked = node != NULL && reslib_rule_list_contains (granularity, "node_kinds", reslib_record_get (node, "kind"));
        }
      if (!linked)
        {
          add_titled (run, "resource.granularity", resource, _("Link it to the knowledge or skill point it teaches"),
                      _("The resource “%s” is not linked to a knowledge or skill point"), NULL);
          in_field (run, "nodes");
        }
    }

  /* The 1+X certificate it prepares for is one of the profile's list (the same check as a course's). */
  if (RULE (run, "resource.certificate") != NULL && !empty (reslib_record_get (resource, "certificate")) &&
      !certificate_known (reslib_profile_get_array (run->profile, "certificates"), reslib_record_get (resource, "certificate")))
    {
      add (run, "resource.certificate", resource,
           _("Write the certificate’s name as the profile’s list has it, or add the certificate to the list"),
           _("The 1+X certificate “%s” of the resource “%s” is not in the profile’s list"),
           reslib_record_get (resource, "certificate"), title);
      in_field (run, "certificate");
    }

  /* An online resource has no file: the rules of files do not apply, its address is checked instead. */
  if (reslib_record_get (resource, "blob_sha256") == NULL)
    {
      const char *url = reslib_record_get (resource, "url");

      if (RULE (run, "resource.url") != NULL)
        {
          g_autoptr(GUri) uri = url != NULL && reslib_url_check (url, NULL) ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL)
                                                                             : NULL;

          if (uri == NULL)
            add (run, "resource.url", resource, _("Write the whole address of the page where the platform shows it"),
                 _("The online resource “%s” has no valid address: “%s”"), title, url != NULL ? url : "");
          else if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
            add (run, "resource.url", resource, _("Use the platform’s https address (https://…)"),
                 _("The address of the online resource “%s” is not https: %s"), title, url);
          if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
            in_field (run, "url");
        }
      goto review;
    }

  if (RULE (run, "resource.type-format") != NULL && type_entry != NULL)
    {
      JsonArray *patterns = json_object_get_array_member (type_entry, "mime");
      gboolean ok = FALSE;

      for (guint i = 0; i < json_array_get_length (patterns) && !ok; i++)
        ok = mime_matches (json_array_get_string_element (patterns, i), mime);
      if (!ok)
        add (run, "resource.type-format", resource, _("Correct the resource type, or replace the file"),
             _("The resource “%s” is of the type “%s”, but its file is %s"), title, reslib_label_resource_type (type),
             mime ? mime : "?");
    }

  {
    ReslibProbeInfo *probe = g_hash_table_lookup (run->probes, reslib_record_get (resource, "blob_sha256"));

    if (probe != NULL && probe->error != NULL && RULE (run, "resource.probe") != NULL)
      add (run, "resource.probe", resource, _("Check that the file is complete and plays; replace it if not"),
           _("The file of “%s” cannot be read as media: %s"), title, probe->error);
    else if (probe != NULL && probe->error == NULL && type_entry != NULL && json_object_has_member (type_entry, "media") &&
             RULE (run, "resource.media") != NULL)
      check_media (run, resource, json_object_get_object_member (type_entry, "media"), probe);
    /* A media file without a probe was not probed: the prober cannot read a file that is not there. */
    else if (probe == NULL && RULE (run, "resource.probe") != NULL && mime != NULL && reslib_probe_is_media_type (mime) &&
             blob_missing (run, blob_missing_cache, reslib_record_get (resource, "blob_sha256")))
      add_titled (run, "resource.probe", resource, _("Replace the file, or restore it from a backup"),
                  _("The file of “%s” is missing from the library"), NULL);
  }

  if (RULE (run, "resource.duplicate") != NULL &&
      GPOINTER_TO_UINT (g_hash_table_lookup (blob_users, reslib_record_get (resource, "blob_sha256"))) > 1)
    add_titled (run, "resource.duplicate", resource, _("Keep one record for this content and delete or merge the others"),
                _("The file of “%s” is the same content as another resource’s"), NULL);

review:
  if (approved != NULL && run->package_kind != NULL &&
      reslib_rule_list_contains (approved, "package_kinds", run->package_kind) &&
      g_strcmp0 (reslib_record_get (resource, "state"), "approved") != 0)
    add (run, "resource.approved", resource, _("Have the first host review and approve it, or leave it out of the package"),
         _("The resource “%s” is not approved (its state: %s)"), title,
         reslib_label_resource_state (reslib_record_get (resource, "state")));
}

typedef struct
{
  Run        *run;
  GHashTable *blob_users;          /* sha256 (owned) → how many resources use it, when more than one */
  GHashTable *blob_missing_cache;  /* sha256 (owned) → whether its file is missing */
  guint       done;
  guint       total;
} Pass;

/* The rules, resource by resource */
static gboolean
check_one (ReslibRecord *resource,
           gpointer      user_data,
           GError      **error)
{
  Pass *pass = user_data;
  guint i = pass->done++;

  /* A project may have 100,000 resources: the job hears of every 256th, and stops at a cancel there. */
  if (i % 256 == 0)
    {
      ReslibProgress progress = { .files_done = i, .files_total = pass->total, .eta = -1 };
      g_autofree char *message = NULL;

      if (g_cancellable_set_error_if_cancelled (pass->run->cancellable, error))
        return FALSE;
      /* Translators: while a project is checked: the resource being checked, of how many */
      message = g_strdup_printf (_("Checking resource %u of %u"), i + 1, pass->total);
      reslib_job_report (pass->run->job, &progress, message);
    }
  check_resource (pass->run, resource, pass->blob_users, pass->blob_missing_cache);

  return TRUE;
}

/* Goes through the project's resources one record at a time (reslib_store_foreach()): a project of 100,000
 * resources is never held in memory. What the rules count over all of them (the users of each blob and of
 * each point) the store counts first. */
gboolean
_reslib_rules_resources (Run     *run,
                         GError **error)
{
  g_autoptr(GHashTable) blob_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) blob_missing_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *project_id = reslib_record_get_id (run->project);
  g_autoptr(GError) count_error = NULL;
  Pass pass = { run, blob_users, blob_missing_cache, 0, 0 };

  pass.total = reslib_store_count (run->store, RESLIB_KIND_RESOURCE, project_id, &count_error);
  if (count_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&count_error));
      return FALSE;
    }
  if (!_reslib_store_count_check_uses (run->store, project_id, blob_users, run->node_uses, run->nodes, error) ||
      !reslib_store_foreach (run->store, RESLIB_KIND_RESOURCE, project_id, check_one, &pass, error))
    return FALSE;
  reslib_job_report (run->job, &(ReslibProgress) { .files_done = pass.total, .files_total = pass.total, .eta = -1 },
                     _("Checking the courses"));

  return TRUE;
}
