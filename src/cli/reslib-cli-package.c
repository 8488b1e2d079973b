/* reslib-cli-package.c — `reslib pack` and `reslib verify`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-package.h"

static void
print_progress_cb (const ReslibProgress *progress,
                   gpointer              user_data)
{
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);

  /* Translators: progress of `reslib pack`: bytes written of the total, then files. */
  g_printerr ("\r\033[K");
  g_printerr (_("Packing: %s of %s, %u of %u files"), done, total, progress->files_done, progress->files_total);
}

/* The application gate, with the errors listed: exit status 1 when any. */
static gboolean
check_application (ReslibCli     *cli,
                   ReslibStore   *store,
                   const char    *project_id,
                   ReslibProfile *profile,
                   gboolean      *blocked,
                   GError       **error)
{
  g_autoptr(ReslibValidator) validator = NULL;
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_errors;

  *blocked = FALSE;
  prober = reslib_prober_new (store, project_id);
  if (!reslib_job_run (RESLIB_JOB (prober), NULL, error))
    return FALSE;
  validator = reslib_validator_new (store, project_id, profile);
  reslib_validator_set_package_kind (validator, "application");
  if (!reslib_job_run (RESLIB_JOB (validator), NULL, error))
    return FALSE;
  findings = g_object_ref (reslib_validator_get_findings (validator));
  n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
  if (n_errors == 0)
    return TRUE;

  g_string_append (out, "reslib: ");
  g_string_append_printf (out,
                          ngettext ("The project has %u error that blocks an application package; "
                                    "run “reslib validate --package application” to see it",
                                    "The project has %u errors that block an application package; "
                                    "run “reslib validate --package application” to see them", n_errors),
                          n_errors);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) f = g_list_model_get_item (findings, i);

      if (reslib_finding_get_severity (f) != RESLIB_SEVERITY_ERROR)
        continue;
      g_autofree char *rule = reslib_cli_escape (reslib_finding_get_rule (f));
      g_autofree char *message = reslib_cli_escape (reslib_finding_get_message (f));

      g_string_append_printf (out, "  %s  %s\n", rule, message);
    }
  g_printerr ("%s", out->str);
  *blocked = TRUE;
  cli->status = RESLIB_EXIT_CHECKS;

  return TRUE;
}

static gboolean
pack_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

gboolean
reslib_cli_pack (ReslibCli  *cli,
                 int         variant,
                 char      **args,
                 GError    **error)
{
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GPtrArray) resource_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *project_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *format_version = NULL;
  g_auto(GStrv) resources = NULL;
  guint64 version = 0;
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean blocked = FALSE;
  gboolean digest = FALSE;
  gboolean force = FALSE;
  gboolean ok;
  g_autoptr(ReslibPackager) packager = NULL;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("The kind of package: application, progress, acceptance or contribution"), N_("KIND") },
    { "resource", 0, 0, G_OPTION_ARG_STRING_ARRAY, &resources,
      N_("Include only this resource (may be repeated); by default every resource of the project"), N_("RESOURCE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the package to FILE"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("Check the package against this rule profile instead of the built-in one"), N_("FILE") },
    { "sha256", 0, 0, G_OPTION_ARG_NONE, &digest,
      N_("Compute the package’s SHA-256 while writing it and print it before the path, as sha256sum does"), NULL },
    { "format-version", 0, 0, G_OPTION_ARG_STRING, &format_version,
      N_("Write the package in this format: 1, which every release reads, or 2 (contributions only, the default "
         "for them: their records carry their base versions)"), N_("VERSION") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Builds a package (a BagIt bag in a tar file) and prints its path; with --sha256, its SHA-256 too."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (kind, "--kind", error) ||
      !reslib_cli_require (output, "-o", error))
    return FALSE;
  if (!g_strv_contains (reslib_package_kinds, kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_package_kinds);
      reslib_cli_usage_error (error, _("“%s” is not a package kind: use one of %s"), kind, kinds);
      return FALSE;
    }
  if (format_version != NULL &&
      !g_ascii_string_to_unsigned (format_version, 10, 1, RESLIB_PACKAGE_FORMAT_VERSION_MAX, &version, NULL))
    {
      g_autofree char *shown_version = reslib_cli_escape (format_version);

      /* Translators: `reslib pack --format-version`: the value given, then the highest format */
      reslib_cli_usage_error (error, _("“%s” is not a package format version: use 1 or %u"), shown_version,
                              RESLIB_PACKAGE_FORMAT_VERSION_MAX);
      return FALSE;
    }
  if (version > RESLIB_PACKAGE_FORMAT_VERSION && g_strcmp0 (kind, "contribution") != 0)
    {
      /* Translators: `reslib pack --format-version`: the version given, then the package kind */
      reslib_cli_usage_error (error, _("Only a contribution can be of format %u; a package of the kind “%s” is of "
                                       "format 1"), (guint) version, kind);
      return FALSE;
    }
  if (*output == '\0' || g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      reslib_cli_usage_error (error, _("Give the package’s file name with -o, not a folder"));
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      !reslib_cli_check_output (store, output, force, error) ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  for (guint i = 0; resources != NULL && resources[i] != NULL; i++)
    {
      char *id = reslib_store_resolve (store, RESLIB_KIND_RESOURCE, resources[i], project_id, error);

      if (id == NULL)
        return FALSE;
      g_ptr_array_add (resource_ids, id);
    }
  g_ptr_array_add (resource_ids, NULL);

  /* The packager holds a progress or an acceptance package to the review of its resources (the profile's
   * resource.approved) and says which; an application's errors are listed here. */
  if (g_strcmp0 (kind, "contribution") != 0)
    {
      profile = reslib_profile_load (profile_path, error);
      if (profile == NULL)
        return FALSE;
    }
  if (g_strcmp0 (kind, "application") == 0)
    {
      if (!check_application (cli, store, project_id, profile, &blocked, error))
        return FALSE;
      if (blocked)
        return TRUE;
    }

  packager = reslib_packager_new (store, project_id, kind);
  if (resource_ids->len > 1)
    reslib_packager_set_resource_ids (packager, (const char * const *) resource_ids->pdata);
  reslib_packager_set_profile (packager, profile);
  reslib_packager_set_destination (packager, output, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
  reslib_packager_set_digest (packager, digest);
  if (version != 0)
    reslib_packager_set_format_version (packager, (guint) version);
  if (show_progress)
    reslib_job_set_progress_func (RESLIB_JOB (packager), print_progress_cb, NULL, NULL);
  /* SIGINT and SIGTERM cancel the pack, which removes its temporary file. The command line is checked: what
   * the packer refuses from here on is the project's data (too many resources for a package…), exit 4. */
  cli->reading_input = TRUE;
  ok = reslib_cli_run_cancellable (cli, pack_work, packager, error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (!ok)
    return FALSE;

  shown = reslib_cli_escape_path (output);
  if (reslib_packager_get_sha256 (packager) != NULL)
    g_print ("%s  %s\n", reslib_packager_get_sha256 (packager), shown);
  else
    g_print ("%s\n", shown);

  return TRUE;
}

gboolean
reslib_cli_verify (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("FILE.tar"),
                         N_("Checks that a package is complete and valid; exits with 4 when it is not."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "FILE.tar", error))
    return FALSE;

  cli->reading_input = TRUE;
  if (reslib_package_verify (args[1], &problems, &info, NULL, &local_error))
    {
      if (json)
        reslib_cli_print_json (info, TRUE);
      else
        {
          JsonObject *object = json_node_get_object (info);
          g_autofree char *path = reslib_cli_escape_path (args[1]);
          g_autofree char *bag = reslib_cli_escape (json_object_get_string_member_with_default (object, "bag", ""));

          /* Translators: `reslib verify` on a good package: the file, then the bag's name. */
          g_print (_("%s: a valid package (%s)\n"), path, bag);
        }
      return TRUE;
    }
  if (problems == NULL || problems->len == 0 || info == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (json)
    reslib_cli_print_json (info, TRUE);
  else
    reslib_cli_print_problems (local_error->message, problems);
  cli->status = RESLIB_EXIT_BAD_INPUT;

  return TRUE;
}
