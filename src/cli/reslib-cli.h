/* reslib-cli.h — shared pieces of the `reslib` command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-core.h"

G_BEGIN_DECLS

/* Exit codes: the stable contract of DESIGN §7. */
typedef enum
{
  RESLIB_EXIT_OK = 0,
  RESLIB_EXIT_CHECKS = 1,
  RESLIB_EXIT_USAGE = 2,
  RESLIB_EXIT_RUNTIME = 3,
  RESLIB_EXIT_BAD_INPUT = 4,
} ReslibExit;

typedef struct
{
  char        *data_dir;    /* --data-dir, or NULL for $RESLIB_DATA_DIR or the default */
  char        *command;     /* "project new": for help and messages */
  ReslibStore *store;       /* opened on first use */
  int          status;      /* the exit status of a command that succeeded: 0, or 1 when checks found errors */
  gboolean     reading_input; /* set while a command reads a file or package it was given: its errors are bad input */
} ReslibCli;

typedef struct _ReslibCliInterrupt ReslibCliInterrupt;

/* Work that reslib_cli_run_cancellable() runs in a thread. */
typedef gboolean (*ReslibCliWork) (gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* A command gets its arguments with args[0] = "reslib project new" and the
 * options still in place; @variant tells apart commands that share a function. */
typedef gboolean (*ReslibCliFunc) (ReslibCli  *cli,
                                   int         variant,
                                   char      **args,
                                   GError    **error);

/* reslib-cli-util.c */
ReslibStore *reslib_cli_get_store        (ReslibCli           *cli,
                                          GError             **error);
gboolean     reslib_cli_parse            (ReslibCli           *cli,
                                          const GOptionEntry  *entries,
                                          const char          *parameter_string,
                                          const char          *summary,
                                          char              ***args,
                                          GError             **error);
gboolean     reslib_cli_check_args       (ReslibCli           *cli,
                                          char               **args,
                                          guint                min_args,
                                          int                  max_args,
                                          const char          *what,
                                          GError             **error);
gboolean     reslib_cli_require          (const char          *value,
                                          const char          *option,
                                          GError             **error);
void         reslib_cli_usage_error      (GError             **error,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (2, 3);
gboolean     reslib_cli_check_output     (ReslibStore         *store,
                                          const char          *output,
                                          gboolean             force,
                                          GError             **error);
int          reslib_cli_exit_code        (ReslibCli           *cli,
                                          const GError        *error);
ReslibCliInterrupt *reslib_cli_interrupt_start (GCancellable *cancellable);
void         reslib_cli_interrupt_stop   (ReslibCliInterrupt  *watch);
gboolean     reslib_cli_run_cancellable  (ReslibCli           *cli,
                                          ReslibCliWork        work,
                                          gpointer             data,
                                          GError             **error);
void         reslib_cli_print_error      (ReslibCli           *cli,
                                          const GError        *error);
char        *reslib_cli_escape           (const char          *text);
char        *reslib_cli_escape_path      (const char          *path);
const char  *reslib_cli_escape_in        (GPtrArray           *pool,
                                          const char          *text);
void         reslib_cli_print_problems   (const char          *first_line,
                                          GPtrArray           *problems);
gboolean     reslib_cli_check_choice     (ReslibKind           kind,
                                          const char          *field,
                                          const char          *value,
                                          GError             **error);
char       **reslib_cli_split_list       (const char * const  *values);
gboolean     reslib_cli_parse_assignments (char              **pairs,
                                          GPtrArray           *fields,
                                          GPtrArray           *values,
                                          GError             **error);
void         reslib_cli_write            (GString             *out);
void         reslib_cli_append_json      (GString             *out,
                                          JsonNode            *node,
                                          gboolean             pretty);
void         reslib_cli_print_json       (JsonNode            *node,
                                          gboolean             pretty);
void         reslib_cli_print_records_json (GListModel        *records);
gboolean     reslib_cli_print_store_json   (ReslibStore       *store,
                                            ReslibKind         kind,
                                            const char        *scope_id,
                                            GError           **error);
void         reslib_cli_append_padded    (GString             *out,
                                          const char          *text,
                                          guint                width);
guint        reslib_cli_text_width       (const char          *text);
char        *reslib_cli_short_id         (const char          *id);

/* reslib-cli-records.c */
gboolean reslib_cli_member_set    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_course_set    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_budget_add    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_budget_set    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_budget_list   (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_budget_sources (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_evidence_add  (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_evidence_list (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_evidence_remove (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_milestone_add (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_milestone_set (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_milestone_list (ReslibCli *cli, int variant, char **args, GError **error);
/* reslib-cli-review.c */
gboolean reslib_cli_review          (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_review_log      (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-project.c */
gboolean reslib_cli_project_new   (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_project_list  (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_project_show  (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_project_set   (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_project_text  (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_major_add     (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_unit_add      (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_member_add    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_course_add    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_node_add      (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-resource.c */
gboolean reslib_cli_resource_add    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_add_online (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_list   (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_search (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_set    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_replace (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_resource_versions (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-sheet.c */
gboolean reslib_cli_resource_import_sheet (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-import.c */
gboolean reslib_cli_import          (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_conflicts       (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_conflicts_resolve (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-package.c */
gboolean reslib_cli_export          (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_pack            (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_verify          (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-report.c */
gboolean reslib_cli_report          (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-validate.c */
gboolean reslib_cli_validate        (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-target.c */
gboolean reslib_cli_target_set      (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_target_list     (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_target_remove   (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-usage.c */
gboolean reslib_cli_usage_import    (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_usage_list      (ReslibCli *cli, int variant, char **args, GError **error);

/* reslib-cli-upload.c */
gboolean reslib_cli_upload          (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_submissions     (ReslibCli *cli, int variant, char **args, GError **error);
gboolean reslib_cli_submit          (ReslibCli *cli, int variant, char **args, GError **error);

G_END_DECLS
