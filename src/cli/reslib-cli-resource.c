/* reslib-cli-resource.c — `reslib resource …`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-labels.h"
#include "reslib-replacer.h"
#include "reslib-store-versions.h"

/* ---------------------------------------------------------------------------------------------- */
/* Progress on a terminal */

typedef struct
{
  gboolean shown;
} ProgressLine;

static void
progress_cb (const ReslibProgress *progress,
             gpointer              user_data)
{
  ProgressLine *line = user_data;
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);

  fprintf (stderr, "\r");
  /* Translators: shown while importing, e.g. "Importing 12/40 files, 120.0 MB of 400.0 MB". */
  g_printerr (ngettext ("Importing %u/%u file, %s of %s", "Importing %u/%u files, %s of %s", progress->files_total),
              progress->files_done, progress->files_total, done, total);
  fprintf (stderr, "\033[K");
  fflush (stderr);
  line->shown = TRUE;
}

/* ---------------------------------------------------------------------------------------------- */

/* Resolves id prefixes of records of @project_id. */
static char **
resolve_all (ReslibStore         *store,
             ReslibKind           kind,
             const char * const  *prefixes,
             const char          *project_id,
             GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    {
      char *id = reslib_store_resolve (store, kind, prefixes[i], project_id, error);

      if (id == NULL)
        return NULL;
      if (g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_free (id);
      else
        g_ptr_array_add (ids, id);
    }
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

gboolean
reslib_cli_resource_add (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autofree char *title = NULL;
  g_autofree char *type = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) nodes = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) node_prefixes = NULL;
  g_auto(GStrv) node_ids = NULL;
  g_auto(GStrv) author_names = NULL;
  g_auto(GStrv) keyword_list = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *unit_id = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GString) out = NULL;
  ProgressLine line = { FALSE };
  ReslibCliInterrupt *watch;
  ReslibStore *store;
  const char * const *ids;
  GPtrArray *duplicates;
  GPtrArray *failures;
  gboolean skip_duplicates = FALSE;
  guint n_added, n_skipped;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "skip-duplicates", 0, 0, G_OPTION_ARG_NONE, &skip_duplicates,
      N_("Do not add files whose content a resource of the project already has"), NULL },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title, N_("The title, when one file is imported; else the file names"),
      N_("TITLE") },
    { "type", 0, 0, G_OPTION_ARG_FILENAME, &type,
      N_("text, slides, image, audio, video, animation, simulation, exercise, case or other; "
         "else guessed from the content"), N_("TYPE") },
    { "node", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &nodes, N_("A course node the resources belong to (repeatable)"),
      N_("NODE") },
    { "author", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &authors, N_("An author (repeatable)"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &unit, N_("The unit that made the resources"), N_("UNIT") },
    { "origin", 0, 0, G_OPTION_ARG_FILENAME, &origin, N_("original (the default), licensed or open"), N_("ORIGIN") },
    { "keywords", 0, 0, G_OPTION_ARG_FILENAME, &keywords, N_("Comma-separated keywords"), N_("A,B") },
    { "description", 0, 0, G_OPTION_ARG_FILENAME, &description, N_("A description"), N_("TEXT") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT PATH…"),
                         N_("Imports files, and every file in folders, as resources of a project and prints their ids. "
                            "A file that cannot be read is named on stderr with the reason and the others are "
                            "imported; the exit status is then 4."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "PATH", error))
    return FALSE;

  /* Check what can be checked before copying gigabytes. */
  if (!reslib_cli_check_choice (RESLIB_KIND_RESOURCE, "title", title, error) ||
      !reslib_cli_check_choice (RESLIB_KIND_RESOURCE, "type", type, error) ||
      !reslib_cli_check_choice (RESLIB_KIND_RESOURCE, "origin", origin, error) ||
      !reslib_cli_check_choice (RESLIB_KIND_RESOURCE, "description", description, error))
    return FALSE;
  if (title != NULL && g_strv_length (args) > 3)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("A title can only be given when one file is imported"));
      return FALSE;
    }
  node_prefixes = reslib_cli_split_list ((const char * const *) nodes);
  author_names = reslib_cli_split_list ((const char * const *) authors);
  keyword_list = reslib_cli_split_list ((const char * const[]) { keywords, NULL });

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  if (unit != NULL &&
      (unit_id = reslib_store_resolve (store, RESLIB_KIND_UNIT, unit, project_id, error)) == NULL)
    return FALSE;
  node_ids = resolve_all (store, RESLIB_KIND_NODE, (const char * const *) node_prefixes, project_id, error);
  if (node_ids == NULL)
    return FALSE;

  importer = reslib_importer_new (store, project_id);
  for (guint i = 2; args[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (args[i]);

      reslib_importer_add_file (importer, file);
    }
  if (title != NULL)
    reslib_importer_set_field (importer, "title", title);
  if (type != NULL)
    reslib_importer_set_field (importer, "type", type);
  if (origin != NULL)
    reslib_importer_set_field (importer, "origin", origin);
  if (description != NULL)
    reslib_importer_set_field (importer, "description", description);
  if (unit_id != NULL)
    reslib_importer_set_field (importer, "unit_id", unit_id);
  if (node_ids[0] != NULL)
    reslib_importer_set_list (importer, "nodes", (const char * const *) node_ids);
  if (author_names[0] != NULL)
    reslib_importer_set_list (importer, "authors", (const char * const *) author_names);
  if (keyword_list[0] != NULL)
    reslib_importer_set_list (importer, "keywords", (const char * const *) keyword_list);
  reslib_importer_set_skip_duplicates (importer, skip_duplicates);
  if (isatty (STDERR_FILENO))
    reslib_job_set_progress_func (RESLIB_JOB (importer), progress_cb, &line, NULL);

  cancellable = g_cancellable_new ();
  watch = reslib_cli_interrupt_start (cancellable);
  ok = reslib_job_run (RESLIB_JOB (importer), cancellable, error);
  reslib_cli_interrupt_stop (watch);
  if (line.shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }
  if (!ok)
    return FALSE;

  out = g_string_new (NULL);
  ids = reslib_importer_get_resource_ids (importer);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_string_append_printf (out, "%s\n", ids[i]);
  reslib_cli_write (out);

  /* The summary goes to stderr (stdout is the new ids, for scripts), on a terminal or when there are
   * duplicates. */
  n_added = ids != NULL ? g_strv_length ((char **) ids) : 0;
  n_skipped = reslib_importer_get_n_skipped (importer);
  duplicates = reslib_importer_get_duplicates (importer);
  failures = reslib_importer_get_failures (importer);
  if (duplicates->len == 0 && failures->len == 0 && !isatty (STDERR_FILENO))
    return TRUE;
  g_printerr (ngettext ("Added %u resource.", "Added %u resources.", n_added), n_added);
  if (n_skipped > 0)
    {
      g_printerr (" ");
      /* Translators: after "Added N resources." */
      g_printerr (ngettext ("%u hidden file or link to a folder was skipped.",
                            "%u hidden files or links to folders were skipped.", n_skipped), n_skipped);
    }
  if (duplicates->len > 0)
    {
      g_printerr (" ");
      if (skip_duplicates)
        /* Translators: after "Added N resources." */
        g_printerr (ngettext ("%u file was not added, as a resource of the project has its content:",
                              "%u files were not added, as resources of the project have their content:",
                              duplicates->len), duplicates->len);
      else
        /* Translators: after "Added N resources." */
        g_printerr (ngettext ("%u of the new resources has the same content as a resource of the project "
                              "(--skip-duplicates leaves such files out):",
                              "%u of the new resources have the same content as resources of the project "
                              "(--skip-duplicates leaves such files out):",
                              duplicates->len), duplicates->len);
    }
  g_printerr ("\n");
  for (guint i = 0; i < duplicates->len; i++)
    {
      ReslibImportDuplicate *duplicate = g_ptr_array_index (duplicates, i);
      g_autofree char *name = reslib_cli_escape (duplicate->file_name);
      g_autofree char *existing = reslib_cli_short_id (duplicate->existing_id);

      /* Translators: a duplicate file and the resource that has its content */
      g_printerr (_("  %s: the same as %s\n"), name, existing);
    }
  if (failures->len > 0)
    {
      /* Translators: after "Added N resources.", before the list of the files with their reasons */
      g_printerr (ngettext ("%u file could not be read and was not imported:\n",
                            "%u files could not be read and were not imported:\n", failures->len), failures->len);
      for (guint i = 0; i < failures->len; i++)
        {
          ReslibImportFailure *failure = g_ptr_array_index (failures, i);
          g_autofree char *message = reslib_cli_escape (failure->message);

          g_printerr ("  %s\n", message);
        }
      /* Bad input: the status a file that cannot be read gives when it is imported alone. */
      cli->status = RESLIB_EXIT_BAD_INPUT;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */

static void
print_resources (GListModel *resources,
                 gboolean    json)
{
  g_autoptr(GString) out = NULL;
  guint n = g_list_model_get_n_items (resources);
  guint state_width, type_width;

  if (json)
    {
      reslib_cli_print_records_json (resources);
      return;
    }
  if (n == 0)
    return;

  out = g_string_sized_new (64 + (gsize) n * 80);
  /* A table for people: translated heads and values (scripts read --json). */
  state_width = reslib_cli_text_width (C_("column", "STATE"));
  type_width = reslib_cli_text_width (C_("column", "TYPE"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);

      state_width = MAX (state_width, reslib_cli_text_width (reslib_label_resource_state (reslib_record_get (resource, "state"))));
      type_width = MAX (type_width, reslib_cli_text_width (reslib_label_resource_type (reslib_record_get (resource, "type"))));
    }
  reslib_cli_append_padded (out, C_("column", "ID"), 8);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "STATE"), state_width);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "TYPE"), type_width);
  g_string_append (out, "  ");
  g_string_append_printf (out, "%s\n", C_("column", "TITLE"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);
      g_autofree char *id = reslib_cli_short_id (reslib_record_get_id (resource));
      g_autofree char *title = reslib_cli_escape (reslib_record_get (resource, "title"));

      g_string_append (out, id);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, reslib_label_resource_state (reslib_record_get (resource, "state")), state_width);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, reslib_label_resource_type (reslib_record_get (resource, "type")), type_width);
      g_string_append (out, "  ");
      g_string_append (out, title);
      g_string_append_c (out, '\n');
    }
  reslib_cli_write (out);
}

gboolean
reslib_cli_resource_list (ReslibCli  *cli,
                          int         variant,
                          char      **args,
                          GError    **error)
{
  g_autoptr(GListModel) resources = NULL;
  g_autofree char *project_id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"), N_("Lists the resources of a project."), &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  if (json)
    return reslib_cli_print_store_json (store, RESLIB_KIND_RESOURCE, project_id, error);
  resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project_id, error);
  if (resources == NULL)
    return FALSE;
  print_resources (resources, json);

  return TRUE;
}

gboolean
reslib_cli_resource_search (ReslibCli  *cli,
                            int         variant,
                            char      **args,
                            GError    **error)
{
  g_autoptr(GListModel) resources = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  int limit = 100;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N resources (100 by default, 0 for all)"), N_("N") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT QUERY"),
                         N_("Finds the resources whose title, description, keywords or file name hold every word "
                            "of QUERY. Chinese text is matched as it is typed."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "QUERY", error))
    return FALSE;
  if (limit < 0)
    {
      reslib_cli_usage_error (error, _("The limit must be zero or more, not %d"), limit);
      return FALSE;
    }

  query = g_strjoinv (" ", args + 2);
  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  resources = reslib_store_search (store, project_id, query, (guint) limit, error);
  if (resources == NULL)
    return FALSE;
  print_resources (resources, json);

  return TRUE;
}

/* Applies every FIELD=VALUE inside the caller's transaction. */
static gboolean
set_resource_fields (ReslibStore  *store,
                     const char   *resource_id,
                     const char   *project_id,
                     GPtrArray    *fields,
                     GPtrArray    *values,
                     GError      **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GPtrArray) plain_fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) plain_values = g_ptr_array_new_with_free_func (g_free);

  /* The fields of one value first: tags=1+X takes the certificate set with it. */
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_ptr_array_index (fields, i);
      const char *value = g_ptr_array_index (values, i);
      const ReslibField *field = reslib_entity_find_field (entity, name);

      if (field != NULL && field->type == RESLIB_FIELD_LIST && (field->flags & RESLIB_FIELD_SETTABLE))
        continue;

      /* A document kind may be written as its Chinese term (课程标准) or its label. */
      if (g_str_equal (name, "document") && *value != '\0' && reslib_resource_document_parse (value) != NULL)
        g_ptr_array_add (plain_values, g_strdup (reslib_resource_document_parse (value)));
      /* References take id prefixes, like every id on the command line, and a major or a course its code. */
      else if (field != NULL && field->type == RESLIB_FIELD_REF && (field->flags & RESLIB_FIELD_SETTABLE) &&
               *value != '\0')
        {
          char *id = reslib_store_resolve (store, field->ref_kind, value, project_id, error);

          if (id == NULL)
            return FALSE;
          g_ptr_array_add (plain_values, id);
        }
      else
        g_ptr_array_add (plain_values, g_strdup (value));
      g_ptr_array_add (plain_fields, (gpointer) name);
    }
  if (plain_fields->len > 0)
    {
      g_ptr_array_add (plain_fields, NULL);
      g_ptr_array_add (plain_values, NULL);
      if (!reslib_store_update (store, RESLIB_KIND_RESOURCE, resource_id, (const char * const *) plain_fields->pdata,
                                (const char * const *) plain_values->pdata, error))
        return FALSE;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      const ReslibField *field = reslib_entity_find_field (entity, g_ptr_array_index (fields, i));

      if (field != NULL && field->type == RESLIB_FIELD_LIST && (field->flags & RESLIB_FIELD_SETTABLE))
        {
          g_auto(GStrv) items = reslib_cli_split_list ((const char * const[]) { value, NULL });
          g_auto(GStrv) ids = NULL;

          if (field->ref_kind == RESLIB_KIND_NODE)
            {
              ids = resolve_all (store, RESLIB_KIND_NODE, (const char * const *) items, project_id, error);
              if (ids == NULL)
                return FALSE;
            }
          if (!reslib_store_set_list (store, resource_id, field->name,
                                      (const char * const *) (ids != NULL ? ids : items), error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
reslib_cli_resource_set (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *project_id = NULL;
  g_autoptr(ReslibRecord) before = NULL;
  g_autoptr(ReslibRecord) after = NULL;
  gboolean was_approved;
  ReslibStore *store;

  if (!reslib_cli_parse (cli, NULL, N_("RESOURCE FIELD=VALUE…"),
                         N_("Changes fields of a resource, all or none. authors, keywords, nodes and tags take "
                            "lists, separated by commas (, or ，), 、 or semicolons; an empty VALUE clears a field. "
                            "tags are 课程思政 (or 思政), 创新创业 and 职业培训; 1+X stands for the resource’s "
                            "certificate, set with certificate=NAME. url is the address of an online resource. "
                            "document marks a document of the major or a course instead of a granular resource: "
                            "programme (人才培养方案) or teaching-standard (专业教学标准), with major_id=CODE, or "
                            "course-standard (课程标准), with course_id=COURSE (its id or code)."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "RESOURCE", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error) ||
      !reslib_cli_parse_assignments (args + 2, fields, values, error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (id = reslib_store_resolve (store, RESLIB_KIND_RESOURCE, args[1], NULL, error)) == NULL ||
      (project_id = reslib_store_project_of (store, RESLIB_KIND_RESOURCE, id, error)) == NULL)
    return FALSE;

  before = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, error);
  if (before == NULL)
    return FALSE;
  /* The store may hand out the same record again: keep the state as it is now. */
  was_approved = g_strcmp0 (reslib_record_get (before, "state"), "approved") == 0;
  if (!reslib_store_begin (store, error))
    return FALSE;
  if (!set_resource_fields (store, id, project_id, fields, values, error))
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  if (!reslib_store_commit (store, error))
    return FALSE;

  /* An approved resource that changed is in review again (the store did it with the change). */
  after = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, error);
  if (after == NULL)
    return FALSE;
  if (was_approved && g_strcmp0 (reslib_record_get (after, "state"), "in-review") == 0)
    g_print (_("“%s” was approved and changed: it is in review again\n"), reslib_record_get (after, "title"));

  return TRUE;
}

gboolean
reslib_cli_resource_add_online (ReslibCli  *cli,
                                int         variant,
                                char      **args,
                                GError    **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *project_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GString) out = NULL;
  ReslibStore *store;

  if (!reslib_cli_parse (cli, NULL, N_("PROJECT TITLE URL [FIELD=VALUE…]"),
                         N_("Adds an online resource: one the platform hosts, known by its address (https://…), with "
                            "no file. FIELD=VALUE sets its other fields as “resource set” does; the new id is "
                            "printed."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "TITLE", error) ||
      !reslib_cli_check_args (cli, args, 3, -1, "URL", error) ||
      !reslib_cli_parse_assignments (args + 4, fields, values, error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  if (!reslib_store_begin (store, error))
    return FALSE;
  /* the address is data the user hands in: one the store refuses is bad input (exit 4), as a sheet's is */
  cli->reading_input = TRUE;
  id = reslib_store_add_online_resource (store, project_id, args[2], args[3], error);
  if (id == NULL)
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  cli->reading_input = FALSE;
  if (!set_resource_fields (store, id, project_id, fields, values, error))
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  if (!reslib_store_commit (store, error))
    return FALSE;

  out = g_string_new (id);
  g_string_append_c (out, '\n');
  reslib_cli_write (out);

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */

gboolean
reslib_cli_resource_replace (ReslibCli  *cli,
                             int         variant,
                             char      **args,
                             GError    **error)
{
  g_autoptr(ReslibReplacer) replacer = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shown = NULL;
  ReslibCliInterrupt *watch;
  ReslibStore *store;
  gboolean ok;

  if (!reslib_cli_parse (cli, NULL, N_("PROJECT RESOURCE FILE"),
                         N_("Replaces the file of a resource by a new version of it; its metadata stays. The "
                            "earlier file is kept as a version. An approved resource goes back to review."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 3, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, 3, "RESOURCE", error) ||
      !reslib_cli_check_args (cli, args, 3, 3, "FILE", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL ||
      (id = reslib_store_resolve (store, RESLIB_KIND_RESOURCE, args[2], project_id, error)) == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg (args[3]);
  replacer = reslib_replacer_new (store, id, file);
  cancellable = g_cancellable_new ();
  watch = reslib_cli_interrupt_start (cancellable);
  ok = reslib_job_run (RESLIB_JOB (replacer), cancellable, error);
  reslib_cli_interrupt_stop (watch);
  if (!ok || (resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, error)) == NULL)
    return FALSE;

  shown = reslib_cli_escape (reslib_record_get (resource, "file_name"));
  /* Translators: after reslib resource replace: the version number, the resource's title, its new file name */
  g_print (_("Version %u of “%s”: %s\n"), reslib_replacer_get_version (replacer), reslib_record_get (resource, "title"),
           shown);
  if (reslib_replacer_get_back_to_review (replacer))
    g_printerr ("%s\n", _("It was approved: it is back in review, to be approved again with its new file."));

  return TRUE;
}

gboolean
reslib_cli_resource_versions (ReslibCli  *cli,
                              int         variant,
                              char      **args,
                              GError    **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("RESOURCE"),
                         N_("Lists the files a resource had before its current one, the first one first."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "RESOURCE", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (id = reslib_store_resolve (store, RESLIB_KIND_RESOURCE, args[1], NULL, error)) == NULL ||
      (resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, error)) == NULL ||
      (versions = reslib_store_list_file_versions (store, id, error)) == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i <= versions->len; i++)
        {
          ReslibFileVersion *v = i < versions->len ? g_ptr_array_index (versions, i) : NULL;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, v != NULL ? v->version : versions->len + 1);
          json_builder_set_member_name (b, "current");
          json_builder_add_boolean_value (b, v == NULL);
          json_builder_set_member_name (b, "file_name");
          json_builder_add_string_value (b, v != NULL ? v->file_name : reslib_record_get (resource, "file_name"));
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, v != NULL ? v->blob_sha256 : reslib_record_get (resource, "blob_sha256"));
          json_builder_set_member_name (b, "stored");
          json_builder_add_boolean_value (b, v != NULL ? v->stored : TRUE);
          if (v != NULL)
            {
              json_builder_set_member_name (b, "size");
              json_builder_add_int_value (b, v->size);
              json_builder_set_member_name (b, "replaced_at");
              json_builder_add_string_value (b, v->replaced_at);
              json_builder_set_member_name (b, "replaced_by");
              json_builder_add_string_value (b, v->replaced_by);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      reslib_cli_print_json (root, FALSE);
      return TRUE;
    }

  for (guint i = 0; i < versions->len; i++)
    {
      ReslibFileVersion *v = g_ptr_array_index (versions, i);
      g_autofree char *name = reslib_cli_escape (v->file_name);

      /* Translators: a line of reslib resource versions: the number, the file's name, when it was replaced,
       * and whether the file is still in the store */
      g_string_append_printf (out, _("%u  %s  replaced %s%s\n"), v->version, name, v->replaced_at,
                              v->stored ? "" : _(" (no longer stored)"));
    }
  {
    g_autofree char *name = reslib_cli_escape (reslib_record_get (resource, "file_name"));

    /* Translators: the last line of reslib resource versions: the current file */
    g_string_append_printf (out, _("%u  %s  (current)\n"), versions->len + 1, name);
  }
  reslib_cli_write (out);

  return TRUE;
}
