/* reslib-cli-test.h — running the real `reslib` binary from the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one run of `reslib` did. */
typedef struct
{
  int   status;   /* the exit status; -1 when the program did not exit (killed by a signal) */
  char *out;
  char *err;
} ReslibCliResult;

void reslib_cli_result_free (ReslibCliResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibCliResult, reslib_cli_result_free)

/* How to run it. All fields may be left 0/NULL. */
typedef struct
{
  const char           *data_dir;   /* RESLIB_DATA_DIR; unset when NULL */
  const char           *language;   /* LANGUAGE, with LC_ALL=zh_CN.UTF-8; NULL: LC_ALL=C.UTF-8, no LANGUAGE */
  const char           *actor;      /* RESLIB_ACTOR; left as it is when NULL */
  GSpawnChildSetupFunc  setup;      /* run in the child before exec */
} ReslibCliRun;

char **reslib_cli_test_environ (const ReslibCliRun *how);
ReslibCliResult *reslib_cli_test_runv (const ReslibCliRun *how,
                                       const char * const *args);
ReslibCliResult *reslib_cli_test_run_va (const ReslibCliRun *how,
                                         const char         *first,
                                         va_list             ap);
ReslibCliResult *reslib_cli_test_run (const ReslibCliRun *how,
                                      const char         *first,
                                      ...) G_GNUC_NULL_TERMINATED;

/* A data folder inside a temporary folder, for tests that run `reslib` on it. */
typedef struct
{
  char *dir;
  char *data_dir;
} ReslibCliFixture;

void reslib_cli_fixture_setup (ReslibCliFixture *f,
                               const char       *tmpl);
void reslib_cli_fixture_teardown (ReslibCliFixture *f);
int cli_run (ReslibCliFixture  *f,
             const char        *language,
             char             **out,
             const char        *first,
             ...) G_GNUC_NULL_TERMINATED;
char *cli_ok_id (ReslibCliFixture *f,
                 const char       *first,
                 ...) G_GNUC_NULL_TERMINATED;

ReslibCliResult *cli_run_in (const char *data_dir,
                             const char *first,
                             ...) G_GNUC_NULL_TERMINATED;
void cli_assert_status (ReslibCliResult *result,
                        int              status);
char *cli_new_id (ReslibCliResult *result);
void cli_approve (const char *data_dir,
                  const char *resource);

G_END_DECLS
