/* reslib-store-texts.c — the narrative sections of the reports (sql/0016-project-texts.sql, 0017-report-texts.sql)
 *
 * A section is set as a whole: the text replaces the one before it, and an empty text (or one of only white
 * space) removes it. Each change is an event of the project ("text", with the section), so the project's last
 * change and the app's pages follow it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-enums.h"
#include "reslib-error.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-store-texts.h"
#include "reslib-entity.h"

/**
 * reslib_text_section_is_valid:
 * @section: (nullable): a section's name
 *
 * Returns: %TRUE when @section is one of the dossier's narrative sections, else %FALSE with @error naming them
 */
gboolean
reslib_text_section_is_valid (const char  *section,
                              GError     **error)
{
  g_autofree char *list = NULL;

  if (reslib_strv_contains (reslib_text_section_nicks, section))
    return TRUE;
  list = g_strjoinv (", ", (char **) reslib_text_section_nicks);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a narrative section of a report: use one of %s"),
               section != NULL ? section : "", list);
  return FALSE;
}

/**
 * reslib_store_get_project_text:
 * @project_id: a project of the store
 * @section: a narrative section ("foundation")
 *
 * Returns: (transfer full) (nullable): the section's text, or %NULL when the project has not written it (@error
 *   unset) or on an error (@error set)
 */
char *
reslib_store_get_project_text (ReslibStore  *store,
                               const char   *project_id,
                               const char   *section,
                               GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!reslib_text_section_is_valid (section, error))
    return NULL;

  return _reslib_store_query_text (store, "SELECT text FROM project_texts WHERE project_id = ? AND section = ?",
                                   (const char * const[]) { project_id, section, NULL }, error);
}

/**
 * reslib_store_set_project_text:
 * @project_id: a project of the store
 * @section: a narrative section ("foundation")
 * @text: (nullable): its text, paragraphs one per line; %NULL, empty or blank removes it
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_set_project_text (ReslibStore  *store,
                               const char   *project_id,
                               const char   *section,
                               const char   *text,
                               GError      **error)
{
  g_autoptr(ReslibRecord) project = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);

  if (!reslib_text_section_is_valid (section, error))
    return FALSE;
  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The text is not valid UTF-8"));
      return FALSE;
    }
  project = reslib_store_get (store, RESLIB_KIND_PROJECT, project_id, error);
  if (project == NULL)
    return FALSE;
  detail = g_strdup_printf ("{\"section\":\"%s\"}", section);
  if (!reslib_store_begin (store, error))
    return FALSE;
  if (*trimmed == '\0')
    ok = RESLIB_STORE_EXEC (store, "DELETE FROM project_texts WHERE project_id = ? AND section = ?", error,
                            project_id, section);
  else
    ok = RESLIB_STORE_EXEC (store,
                            "INSERT INTO project_texts (project_id, section, text, updated_at) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (project_id, section) DO UPDATE SET text = excluded.text, "
                            "updated_at = excluded.updated_at",
                            error, project_id, section, trimmed, now);
  ok = ok && reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, "text", detail, error);
  if (!ok)
    {
      reslib_store_rollback (store);
      return FALSE;
    }

  return reslib_store_commit (store, error);
}
