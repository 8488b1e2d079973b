/* reslib-store-search.c — searching resources: trigram and bigram indexes (FTS5), the search plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-store-private.h"

/* Each character, for one-character searches, and each pair (@c as UTF-8, @len bytes; @prev the
 * character before it, @prev_len bytes, or 0 after one that is not a letter or a digit), written at @w;
 * returns the end. Per character of the text this writes at most 2 × its length + the length of the one
 * before + 2 bytes: in all at most 5 bytes per byte of the text (GRAMS_MAX()). */
static inline char *
append_grams (char       *w,
              const char *c,
              gsize       len,
              const char *prev,
              gsize       prev_len)
{
  memcpy (w, c, len);
  w += len;
  *w++ = ' ';
  if (prev_len > 0)
    {
      memcpy (w, prev, prev_len);
      w += prev_len;
      memcpy (w, c, len);
      w += len;
      *w++ = ' ';
    }

  return w;
}

/* The room the grams of a text of @bytes bytes need, with a terminating nul. */
#define GRAMS_MAX(bytes) ((gsize) (bytes) * 5 + 1)

/* The grams of @text as it is lower-cased by g_utf8_strdown(), in a new string of @len bytes. */
static char *
bigrams_lowered (const char *text,
                 gsize      *len_out)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  char *out = g_malloc (GRAMS_MAX (strlen (lower)));
  char *w = out;
  char prev[6];
  gsize prev_len = 0;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[6];
      gsize len;

      if (!g_unichar_isalnum (c))
        {
          prev_len = 0;
          continue;
        }
      len = (gsize) g_unichar_to_utf8 (c, buf);
      w = append_grams (w, buf, len, prev, prev_len);
      memcpy (prev, buf, len);
      prev_len = len;
    }
  *w = '\0';
  *len_out = (gsize) (w - out);

  return out;
}

/* The grams of @text without g_utf8_strdown()'s copy, for text it would change only by turning A–Z
 * into a–z (Chinese, digits, punctuation, lower-case letters, and A–Z where I and J have no rules of
 * the locale's), written at @out (GRAMS_MAX() of @text's length): returns their end, or %NULL for any
 * other text. */
static char *
bigrams_plain (const char *text,
               char       *out)
{
  g_autofree char *ij = g_utf8_strdown ("I\xcc\x81J\xcc\x81", -1);   /* Turkish and Lithuanian have rules */
  gboolean plain_ij = strcmp (ij, "i\xcc\x81j\xcc\x81") == 0;
  char *w = out;
  char prev[4];
  gsize prev_len = 0;

  for (const char *p = text; *p; )
    {
      char c[4];
      gsize len;
      gboolean alnum;

      if ((guchar) *p < 0x80)
        {
          c[0] = *p++;
          len = 1;
          if (c[0] >= 'A' && c[0] <= 'Z')
            {
              if ((c[0] == 'I' || c[0] == 'J') && !plain_ij)
                return NULL;
              c[0] += 'a' - 'A';
            }
          alnum = g_ascii_isalnum (c[0]);
        }
      else
        {
          gunichar u = g_utf8_get_char (p);
          GUnicodeType type = g_unichar_type (u);
          const char *next = g_utf8_next_char (p);

          /* g_utf8_strdown() changes upper-case and title-case letters (and only them, apart from I and J). */
          if (type == G_UNICODE_UPPERCASE_LETTER || type == G_UNICODE_TITLECASE_LETTER)
            return NULL;
          len = (gsize) (next - p);
          memcpy (c, p, len);
          p = next;
          alnum = g_unichar_isalnum (u);
        }
      if (!alnum)
        {
          prev_len = 0;
          continue;
        }
      w = append_grams (w, c, len, prev, prev_len);
      memcpy (prev, c, len);
      prev_len = len;
    }
  *w = '\0';

  return w;
}

/* Lower-cased overlapping pairs of letters and digits, as words for the bigram index. */
void
_reslib_store_bigrams_func (sqlite3_context *ctx,
                            int              argc,
                            sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int bytes = sqlite3_value_bytes (argv[0]);
  char *out, *end;
  gsize len;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      sqlite3_result_text (ctx, "", 0, SQLITE_STATIC);
      return;
    }
  out = g_malloc (GRAMS_MAX (bytes));
  end = bigrams_plain (text, out);
  if (end != NULL)
    len = (gsize) (end - out);
  else
    {
      g_free (out);
      out = bigrams_lowered (text, &len);
    }
  sqlite3_result_text (ctx, out, (int) len, g_free);
}

static char *
fts_phrase (const char *term)
{
  g_autoptr(GString) s = g_string_new ("\"");

  for (const char *p = term; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
like_pattern (const char *term)
{
  g_autoptr(GString) s = g_string_new ("%");

  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
all_alnum (const char *term)
{
  for (const char *p = term; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * _reslib_store_plan_search:
 * @args: (element-type utf8): receives the query's parameters: ?1 is @project_id, ?2 the driving
 *   index's MATCH expression when there is one, then the filters' parameters
 * @driver: (out): the FTS table that drives the query ("resource_fts", "resource_bigrams") or %NULL
 *   for a scan of the project's resources
 * @joined: the query joins the driving index's rows to the rows "t" of resources; else (with a driving
 *   index) the conditions name the driving index's rowid, and only its rows are read
 * @filters: receives the conditions to append to the WHERE clause
 *
 * Plans a search (see reslib_store_search()) for the callers that select other columns.
 */
gboolean
_reslib_store_plan_search (const char  *project_id,
                           const char  *query,
                           gboolean     joined,
                           GPtrArray   *args,
                           const char **driver,
                           GString     *filters,
                           GError     **error)
{
  g_auto(GStrv) terms = NULL;
  g_autoptr(GString) trigrams = g_string_new (NULL);
  g_autoptr(GString) bigrams = g_string_new (NULL);
  g_autoptr(GPtrArray) likes = g_ptr_array_new_with_free_func (g_free);
  const char *rowid = "t.rowid";

  *driver = NULL;
  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return FALSE;
    }
  terms = g_strsplit_set (query, " \t\n\r", -1);
  g_ptr_array_add (args, g_strdup (project_id));

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_strstrip (g_strdup (terms[i]));
      g_autofree char *lower = g_utf8_strdown (term, -1);
      glong len = g_utf8_strlen (term, -1);

      if (len == 0)
        continue;
      if (len >= 3)
        {
          g_autofree char *phrase = fts_phrase (term);
          g_string_append_printf (trigrams, "%s%s", trigrams->len ? " AND " : "", phrase);
        }
      else if (len <= 2 && all_alnum (lower))
        {
          g_autofree char *phrase = fts_phrase (lower);
          g_string_append_printf (bigrams, "%s%s", bigrams->len ? " AND " : "", phrase);
        }
      else
        g_ptr_array_add (likes, like_pattern (term));
    }

  /* The driving index: trigrams if any, else bigrams; the other one filters. */
  if (trigrams->len > 0)
    {
      *driver = "resource_fts";
      rowid = joined ? "t.rowid" : "resource_fts.rowid";
      g_ptr_array_add (args, g_string_free (g_steal_pointer (&trigrams), FALSE));
      /* "+": the FTS table's own rowid given to it as a list of values is looked up value by value, seconds
       * for a common pair: the list filters the matches instead. */
      if (bigrams->len > 0)
        {
          g_string_append_printf (filters,
                                  " AND %s%s IN (SELECT rowid FROM resource_bigrams WHERE resource_bigrams MATCH ?%u)",
                                  joined ? "" : "+", rowid, args->len + 1);
          g_ptr_array_add (args, g_string_free (g_steal_pointer (&bigrams), FALSE));
        }
    }
  else if (bigrams->len > 0)
    {
      *driver = "resource_bigrams";
      rowid = joined ? "t.rowid" : "resource_bigrams.rowid";
      g_ptr_array_add (args, g_string_free (g_steal_pointer (&bigrams), FALSE));
    }
  /* Short words are substrings looked for in the texts of the rows the index gives (those of the
   * driving trigram row itself, or those of each row the bigram index gives), or, without an index,
   * in every text: a scan. Other than through the driving row, the texts are read from the trigram
   * table's content table (FTS5's "%_content", c0…c4 in the order of its columns), which reads them
   * twice as fast as its virtual table does. */
  for (guint i = 0; i < likes->len; i++)
    {
      static const char * const fts_columns[] = { "title", "description", "keywords", "file_name", "names" };
      static const char * const content_columns[] = { "c0", "c1", "c2", "c3", "c4" };
      gboolean by_trigram = *driver != NULL && g_str_equal (*driver, "resource_fts");
      const char * const *columns = by_trigram ? fts_columns : content_columns;
      guint n = args->len + 1;

      if (*driver == NULL)
        g_string_append (filters, " AND t.rowid IN (SELECT id FROM resource_fts_content WHERE (");
      else if (by_trigram)
        g_string_append (filters, " AND (");
      else
        g_string_append_printf (filters, " AND EXISTS (SELECT 1 FROM resource_fts_content f WHERE f.id = %s AND (", rowid);
      for (guint c = 0; c < G_N_ELEMENTS (fts_columns); c++)
        g_string_append_printf (filters, "%s%s%s LIKE ?%u ESCAPE '\\'", c > 0 ? " OR " : "",
                                by_trigram ? "resource_fts." : "", columns[c], n);
      g_string_append (filters, by_trigram ? ")" : "))");
      g_ptr_array_add (args, g_strdup (g_ptr_array_index (likes, i)));
    }

  return TRUE;
}

/**
 * reslib_store_search:
 * @query: words separated by spaces; a resource matches when each word is a
 *   substring (any case) of its title, description, keywords or file name, or of
 *   the names around it: its authors, its unit, and the points it is linked to
 *   with their modules and courses
 * @limit: at most this many results; 0 for all
 *
 * Words of three characters or more are looked up in the trigram index, words
 * of one or two letters or digits in the bigram index (which has the single
 * characters too), others by a scan. The
 * first index drives the query in row order, so a limited search stops early
 * however many resources match.
 *
 * Returns: (transfer full): the matching resources, oldest first.
 */
GListModel *
reslib_store_search (ReslibStore *self,
                     const char  *project_id,
                     const char  *query,
                     guint        limit,
                     GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(GString) sql = NULL;
  const char *select = _reslib_store_select_sql (entity);
  const char *driver = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!_reslib_store_plan_search (project_id, query, TRUE, args, &driver, filters, error))
    return NULL;

  /* _reslib_store_select_sql () ends in "FROM resources t". */
  sql = g_string_new_len (select, strstr (select, " FROM resources t") - select);
  if (driver != NULL)
    g_string_append_printf (sql, " FROM %s CROSS JOIN resources t ON t.rowid = %s.rowid "
                            "WHERE %s MATCH ?2 AND t.project_id = ?1%s ORDER BY %s.rowid",
                            driver, driver, driver, filters->str, driver);
  else
    g_string_append_printf (sql, " FROM resources t WHERE t.project_id = ?1%s ORDER BY t.rowid", filters->str);
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT ?%u", args->len + 1);
  g_ptr_array_add (args, NULL);

  return _reslib_store_collect (self, entity, sql->str, (const char * const *) args->pdata, limit, error);
}
