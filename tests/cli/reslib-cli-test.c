/* reslib-cli-test.c — running the real `reslib` binary from the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"

void
reslib_cli_result_free (ReslibCliResult *result)
{
  if (result == NULL)
    return;
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

/* The environment of a run (transfer full). */
char **
reslib_cli_test_environ (const ReslibCliRun *how)
{
  char **env = g_get_environ ();

  /* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_DIRS at empty folders; the
   * program needs the system's MIME database to sniff file types. */
  env = g_environ_unsetenv (env, "XDG_DATA_DIRS");
  /* Debug messages would go to stdout, where the tests read ids. */
  env = g_environ_unsetenv (env, "G_MESSAGES_DEBUG");
  if (how->language != NULL)
    {
      env = g_environ_setenv (env, "LANGUAGE", how->language, TRUE);
      env = g_environ_setenv (env, "LC_ALL", "zh_CN.UTF-8", TRUE);
    }
  else
    {
      env = g_environ_unsetenv (env, "LANGUAGE");
      env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
    }
  if (how->data_dir != NULL)
    env = g_environ_setenv (env, "RESLIB_DATA_DIR", how->data_dir, TRUE);
  else
    env = g_environ_unsetenv (env, "RESLIB_DATA_DIR");
  if (how->actor != NULL)
    env = g_environ_setenv (env, "RESLIB_ACTOR", how->actor, TRUE);

  return env;
}

/* Runs `reslib ARGS…` and waits for it; a failure to start it fails the test. */
ReslibCliResult *
reslib_cli_test_runv (const ReslibCliRun *how,
                      const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = reslib_cli_test_environ (how);
  g_autoptr(GError) error = NULL;
  ReslibCliResult *result = g_new0 (ReslibCliResult, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) RESLIB_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, how->setup, NULL, &result->out, &result->err,
                &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (result->status != 0)
    g_test_message ("reslib %s: exit %d: %s", args[0] != NULL ? args[0] : "", result->status, result->err);

  return result;
}

ReslibCliResult *
reslib_cli_test_run_va (const ReslibCliRun *how,
                        const char         *first,
                        va_list             ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  return reslib_cli_test_runv (how, (const char * const *) args->pdata);
}

ReslibCliResult *
reslib_cli_test_run (const ReslibCliRun *how,
                     const char         *first,
                     ...)
{
  ReslibCliResult *result;
  va_list ap;

  va_start (ap, first);
  result = reslib_cli_test_run_va (how, first, ap);
  va_end (ap);

  return result;
}

/* Makes a temporary folder from @tmpl (like "reslib-cli-XXXXXX"); the data folder is "data" inside it. */
void
reslib_cli_fixture_setup (ReslibCliFixture *f,
                          const char       *tmpl)
{
  f->dir = reslib_test_make_tmp_dir (tmpl);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
}

void
reslib_cli_fixture_teardown (ReslibCliFixture *f)
{
  reslib_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->data_dir, g_free);
}

/* Runs `reslib ARGS…` on @f's data folder in @language (NULL: C); returns its exit status, and its stdout in @out. */
int
cli_run (ReslibCliFixture  *f,
         const char        *language,
         char             **out,
         const char        *first,
         ...)
{
  const ReslibCliRun how = { .data_dir = f->data_dir, .language = language };
  g_autoptr(ReslibCliResult) result = NULL;
  va_list ap;

  va_start (ap, first);
  result = reslib_cli_test_run_va (&how, first, ap);
  va_end (ap);
  g_test_message ("%s%s", result->out, result->err);
  if (out != NULL)
    *out = g_steal_pointer (&result->out);

  return result->status;
}

/* Runs a command that must succeed and print one id; returns the id. */
char *
cli_ok_id (ReslibCliFixture *f,
           const char       *first,
           ...)
{
  const ReslibCliRun how = { .data_dir = f->data_dir };
  g_autoptr(ReslibCliResult) result = NULL;
  va_list ap;

  va_start (ap, first);
  result = reslib_cli_test_run_va (&how, first, ap);
  va_end (ap);
  if (result->status != 0)
    g_printerr ("stdout: %s\nstderr: %s", result->out, result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_strchomp (result->out);
  g_assert_true (g_uuid_string_is_valid (result->out));

  return g_steal_pointer (&result->out);
}

/* Runs `reslib ARGS…` on @data_dir, in the C locale. */
ReslibCliResult *
cli_run_in (const char *data_dir,
            const char *first,
            ...)
{
  const ReslibCliRun how = { .data_dir = data_dir };
  ReslibCliResult *result;
  va_list ap;

  va_start (ap, first);
  result = reslib_cli_test_run_va (&how, first, ap);
  va_end (ap);

  return result;
}

void
cli_assert_status (ReslibCliResult *result,
                   int              status)
{
  if (result->status != status)
    g_printerr ("stdout: %s\nstderr: %s", result->out, result->err);
  g_assert_cmpint (result->status, ==, status);
}

/* The one id a command printed; the command must have succeeded. Frees @result. */
char *
cli_new_id (ReslibCliResult *result)
{
  char *id;

  cli_assert_status (result, 0);
  id = g_strdup (g_strchomp (result->out));
  g_assert_true (g_uuid_string_is_valid (id));
  reslib_cli_result_free (result);

  return id;
}

/* `reslib review submit` and `reslib review approve` of @resource: a progress package holds approved
 * resources only. */
void
cli_approve (const char *data_dir,
             const char *resource)
{
  ReslibCliResult *r = cli_run_in (data_dir, "review", "submit", resource, NULL);

  cli_assert_status (r, 0);
  reslib_cli_result_free (r);
  r = cli_run_in (data_dir, "review", "approve", resource, NULL);
  cli_assert_status (r, 0);
  reslib_cli_result_free (r);
}
