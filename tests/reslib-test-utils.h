/* reslib-test-utils.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-core.h"
#include "reslib-package-importer.h"

G_BEGIN_DECLS

char        *reslib_test_make_tmp_dir   (const char  *template_name);
void         reslib_test_rm_rf          (const char  *path);
char        *reslib_test_write_file     (const char  *dir,
                                         const char  *name,
                                         const char  *contents,
                                         gssize       len);
ReslibStore *reslib_test_open_store     (const char  *data_dir);
char        *reslib_test_new_project    (ReslibStore *store,
                                         const char  *name);
char        *reslib_test_insert         (ReslibStore        *store,
                                         ReslibKind          kind,
                                         const char * const *fields,
                                         const char * const *values);
void         reslib_test_update         (ReslibStore        *store,
                                         ReslibKind          kind,
                                         const char         *id,
                                         const char         *field,
                                         const char         *value);
void         reslib_test_add_usage      (ReslibStore *store,
                                         const char  *project,
                                         const char  *period_start,
                                         const char  *period_end,
                                         gint64       users);
/* A project in a new store in a scratch folder, for g_test_add(): reslib_test_project_setup() and
 * reslib_test_project_teardown() as the fixture's functions (their data is not used). */
typedef struct
{
  char        *dir;       /* the scratch folder; the store's data folder is dir/data */
  char        *files;     /* dir/files, for files to import */
  ReslibStore *store;
  char        *project;   /* its id */
} ReslibTestProject;

void         reslib_test_project_setup    (ReslibTestProject *f,
                                           gconstpointer      data);
void         reslib_test_project_teardown (ReslibTestProject *f,
                                           gconstpointer      data);
char        *reslib_test_project_import   (ReslibTestProject *f,
                                           const char        *name,
                                           const char        *contents,
                                           const char        *title,
                                           const char        *description);
guint        reslib_test_count_files    (const char  *dir);
char        *reslib_test_sql_text       (const char  *db_path,
                                         const char  *sql);
void         reslib_test_sql_exec       (const char  *db_path,
                                         const char  *sql);
JsonNode    *reslib_test_tar_json       (const char  *tar_path,
                                         const char  *member);
void         reslib_test_fill_resources (ReslibStore *store,
                                         const char  *project,
                                         guint        n,
                                         gboolean     distinct_blobs);
void         reslib_test_fill_resources_named (ReslibStore *store,
                                               const char  *project,
                                               guint        n,
                                               gboolean     distinct_blobs,
                                               const char  *prefix);
void         reslib_test_fill_resources_bulk (ReslibStore *store,
                                              const char  *project,
                                              guint        n,
                                              gboolean     distinct_blobs,
                                              gboolean     indexed);
void         reslib_test_fill_file_resources (ReslibStore *store,
                                              const char  *project,
                                              guint        n,
                                              const char  *prefix);
void         reslib_test_fill_bare_resources (ReslibStore *store,
                                              const char  *project,
                                              guint        n,
                                              const char  *prefix);
ReslibImportReport *
             reslib_test_import_package (ReslibStore         *store,
                                         const char          *path,
                                         const char          *into_project,
                                         GError             **error);
void         reslib_test_approve_all    (ReslibStore         *store,
                                         const char          *project);
ReslibProfile *
             reslib_test_profile_unreviewed (const char      *kind);
gboolean     reslib_test_pack           (ReslibStore         *store,
                                         const char          *project,
                                         const char          *kind,
                                         const char * const  *resource_ids,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* A python3 with openpyxl, or NULL; a spreadsheet made by tests/core/make-sheet.py KIND PATH ARG. */
char        *reslib_test_write_report   (ReslibStore         *store,
                                        const char          *project_id,
                                        const char          *kind,
                                        const char          *dir,
                                        const char          *name);
char        *reslib_test_pdf_text       (const char          *path);
JsonNode    *reslib_test_read_docx      (const char          *path);
const char  *reslib_test_openpyxl_python (void);
char        *reslib_test_make_sheet     (const char          *dir,
                                         const char          *name,
                                         const char          *kind,
                                         const char          *arg);

G_END_DECLS
