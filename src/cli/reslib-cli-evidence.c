/* reslib-cli-evidence.c — `reslib evidence add|list|remove`: evidence files (佐证材料) of a project, its
 * milestones, targets and budget lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-cli.h"
#include "reslib-evidence.h"
#include "reslib-store-evidence.h"

gboolean
reslib_cli_evidence_add (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autoptr(ReslibEvidenceAdder) adder = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *attached_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *milestone = NULL;
  g_autofree char *target = NULL;
  g_autofree char *line = NULL;
  g_autofree char *section = NULL;
  ReslibKind kind = RESLIB_KIND_PROJECT;
  ReslibCliInterrupt *watch;
  ReslibStore *store;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What the file shows (the file's name if not given)"), "T" },
    { "milestone", 0, 0, G_OPTION_ARG_STRING, &milestone, N_("The milestone it is evidence for"), "MILESTONE" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("The target it is evidence for"), "TARGET" },
    { "budget-line", 0, 0, G_OPTION_ARG_STRING, &line, N_("The budget line it is evidence for"), "LINE" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section,
      N_("The narrative section it is evidence for, as `reslib text` names it (foundation, content-resources…)"),
      "SECTION" },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT FILE"),
                         N_("Copies a file of evidence (佐证材料: a scan, a PDF, a photo…) into the store and prints its "
                            "id. It is evidence for a milestone, a target, a budget line or a narrative section of "
                            "the reports, or for the project as a whole; the acceptance report lists it in its evidence index."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 2, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, 2, "FILE", error))
    return FALSE;
  if ((milestone != NULL) + (target != NULL) + (line != NULL) + (section != NULL) > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give one of --milestone, --target, --budget-line and --section"));
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL || (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  if (milestone != NULL || target != NULL || line != NULL)
    {
      kind = milestone != NULL ? RESLIB_KIND_MILESTONE : target != NULL ? RESLIB_KIND_TARGET : RESLIB_KIND_BUDGET_LINE;
      attached_id = reslib_store_resolve (store, kind, milestone != NULL ? milestone : target != NULL ? target : line,
                                          project_id, error);
      if (attached_id == NULL)
        return FALSE;
    }

  file = g_file_new_for_commandline_arg (args[2]);
  adder = reslib_evidence_adder_new (store, project_id, file, title, kind, attached_id);
  reslib_evidence_adder_set_section (adder, section);
  cancellable = g_cancellable_new ();
  watch = reslib_cli_interrupt_start (cancellable);
  ok = reslib_job_run (RESLIB_JOB (adder), cancellable, error);
  reslib_cli_interrupt_stop (watch);
  if (!ok)
    return FALSE;
  g_print ("%s\n", reslib_evidence_adder_get_id (adder));

  return TRUE;
}

/* A target, for people, as `reslib target list` names it: its kind's label ("题库题量"), with the resource type or
 * the course it counts. */
static char *
describe_target (ReslibStore  *store,
                 ReslibRecord *target)
{
  const char *kind = reslib_label_target_kind (reslib_record_get (target, "kind"));
  const char *type = reslib_record_get (target, "resource_type");
  const char *course_id = reslib_record_get (target, "course_id");

  if (type != NULL && *type != '\0')
    /* Translators: a target and what it is about, e.g. "Resources of a type: Video" */
    return g_strdup_printf (_("%s: %s"), kind, reslib_label_resource_type (type));
  if (course_id != NULL && *course_id != '\0')
    {
      g_autoptr(ReslibRecord) course = reslib_store_get (store, RESLIB_KIND_COURSE, course_id, NULL);
      g_autofree char *title = reslib_cli_escape (course != NULL ? reslib_record_get (course, "title") : "?");

      return g_strdup_printf (_("%s: %s"), kind, title);
    }

  return g_strdup (kind);
}

/* What a piece of evidence is for, for people: "里程碑：中期检查" */
static char *
describe_attached (ReslibStore    *store,
                   ReslibEvidence *evidence)
{
  g_autoptr(ReslibRecord) record = NULL;
  g_autofree char *target = NULL;
  const char *name = NULL;

  if (evidence->section != NULL)
    /* Translators: what a piece of evidence is for: a narrative section of the reports, "section: Foundation" */
    return g_strdup_printf (_("section: %s"), reslib_label_text_section (evidence->section));
  if (evidence->attached_id == NULL)
    return g_strdup (_("the project"));
  record = reslib_store_get (store, evidence->attached_kind, evidence->attached_id, NULL);
  if (record != NULL && evidence->attached_kind == RESLIB_KIND_TARGET)
    name = target = describe_target (store, record);
  else if (record != NULL)
    name = reslib_record_get (record, evidence->attached_kind == RESLIB_KIND_BUDGET_LINE ? "category" : "title");
  /* Translators: what a piece of evidence is for: a kind of record and its name, "milestone: 中期检查" */
  return g_strdup_printf (_("%s: %s"), reslib_kind_to_display (evidence->attached_kind), name != NULL ? name : "?");
}

gboolean
reslib_cli_evidence_list (ReslibCli  *cli,
                          int         variant,
                          char      **args,
                          GError    **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *project_id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists the evidence files in the order of the evidence index, with what each is for."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  if (store == NULL || (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL ||
      (list = reslib_store_list_evidence (store, project_id, error)) == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          ReslibEvidence *e = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, e->id);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, e->title);
          json_builder_set_member_name (b, "file_name");
          json_builder_add_string_value (b, e->file_name);
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, e->blob_sha256);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, e->size);
          json_builder_set_member_name (b, "attached_kind");
          json_builder_add_string_value (b, e->attached_id != NULL ? reslib_entity_get (e->attached_kind)->name : NULL);
          json_builder_set_member_name (b, "attached_id");
          json_builder_add_string_value (b, e->attached_id);
          json_builder_set_member_name (b, "section");
          json_builder_add_string_value (b, e->section);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      reslib_cli_print_json (root, FALSE);
      return TRUE;
    }

  for (guint i = 0; i < list->len; i++)
    {
      ReslibEvidence *e = g_ptr_array_index (list, i);
      g_autofree char *short_id = reslib_cli_short_id (e->id);
      g_autofree char *title = reslib_cli_escape (e->title);
      g_autofree char *name = reslib_cli_escape (e->file_name);
      g_autofree char *attached = describe_attached (store, e);

      /* Translators: a line of reslib evidence list: the number in the evidence index, the id, the title, the
       * file's name and what it is evidence for */
      g_string_append_printf (out, _("%u  %s  %s  (%s)  for %s\n"), i + 1, short_id, title, name, attached);
    }
  reslib_cli_write (out);

  return TRUE;
}

gboolean
reslib_cli_evidence_remove (ReslibCli  *cli,
                            int         variant,
                            char      **args,
                            GError    **error)
{
  g_autofree char *id = NULL;
  ReslibStore *store;

  if (!reslib_cli_parse (cli, NULL, N_("EVIDENCE"),
                         N_("Removes an evidence file; its copy in the store goes at the next clean-up if nothing "
                            "else uses it."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "EVIDENCE", error))
    return FALSE;
  store = reslib_cli_get_store (cli, error);

  return store != NULL && (id = reslib_store_resolve_evidence (store, NULL, args[1], error)) != NULL &&
         reslib_store_remove_evidence (store, id, error);
}
