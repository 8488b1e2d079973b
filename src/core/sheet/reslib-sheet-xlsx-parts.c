/* reslib-sheet-xlsx-parts.c — the parts of an xlsx workbook that come before its sheet
 *
 * An xlsx file is a zip of XML parts. Each part is unpacked by libarchive as libxml2's streaming
 * reader asks for it, counting what it unpacks: a part larger than RESLIB_SHEET_MAX_ENTRY_BYTES, all
 * of them together larger than RESLIB_SHEET_MAX_TOTAL_BYTES, or more than RESLIB_SHEET_MAX_RATIO
 * times the file (beyond RESLIB_SHEET_RATIO_FLOOR) is refused as a zip bomb. The XML is read
 * without the network, without substituting entities and without loading DTDs, and a part with a
 * document type declaration is refused: a workbook has none.
 *
 * Here: the workbook (its sheets and whether dates count from 1904), its relationships (where the
 * sheet, the shared strings and the styles are), the styles (which cell formats show dates) and the
 * shared strings, the one table kept in memory, bounded in count and bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-sheet-xlsx-private.h"

#define MAX_ENTRIES 10000

static void
bad_file (XlsxZip     *zip,
          GError     **error,
          const char  *reason)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” cannot be read as an xlsx workbook: %s"),
               zip->display, reason);
}

#define MAX_PROLOG 4096

/* Whether the part's prolog (what comes before its root element: the XML declaration, comments,
 * processing instructions) is all read: 1 yes, 0 not yet, -1 it has a document type declaration or
 * is not UTF-8. Checked before libxml2 sees the bytes, since it reads ahead and would parse the
 * declaration's entities before saying it saw one. */
static int
prolog_state (const char *p,
              gsize       len)
{
  const char *end = p + len;

  if (len >= 2 && ((guchar) p[0] == 0xfe || (guchar) p[0] == 0xff || p[0] == '\0' || p[1] == '\0'))
    return -1;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *close;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p != '<' || end - p < 2)
        return *p == '<' ? 0 : -1;
      if (p[1] == '?')
        close = g_strstr_len (p, end - p, "?>");
      else if (p[1] == '!')
        {
          if (end - p < 4)
            return 0;
          if (memcmp (p, "<!--", 4) != 0)
            return -1;
          close = g_strstr_len (p + 4, end - p - 4, "-->");
        }
      else
        return 1;
      if (close == NULL)
        return 0;
      p = close + 2;
    }

  return 0;
}

int
_reslib_xlsx_read_raw (void *context,
                       char *buffer,
                       int   len)
{
  XlsxZip *zip = context;
  la_ssize_t n;

  if (zip->error != NULL)
    return -1;
  n = archive_read_data (zip->archive, buffer, (size_t) len);
  if (n < 0)
    {
      g_autofree char *reason = g_strdup_printf (_("its part %s cannot be unpacked (%s)"), zip->part,
                                                 archive_error_string (zip->archive));

      bad_file (zip, &zip->error, reason);
      return -1;
    }
  if (zip->prolog != NULL && n > 0)
    {
      int state;

      g_string_append_len (zip->prolog, buffer, MIN (n, MAX_PROLOG));
      state = prolog_state (zip->prolog->str, zip->prolog->len);
      if (state < 0 || (state == 0 && zip->prolog->len >= MAX_PROLOG))
        {
          g_autofree char *reason = g_strdup_printf (_("its part %s has a document type declaration (DTD, "
                                                       "entities), which a workbook never has, or is not UTF-8; "
                                                       "it is not read"), zip->part);

          bad_file (zip, &zip->error, reason);
          return -1;
        }
      if (state == 1)
        {
          g_string_free (zip->prolog, TRUE);
          zip->prolog = NULL;
        }
    }
  zip->part_bytes += (guint64) n;
  zip->total += (guint64) n;
  if (zip->part_bytes > RESLIB_SHEET_MAX_ENTRY_BYTES || zip->total > RESLIB_SHEET_MAX_TOTAL_BYTES ||
      (zip->total > RESLIB_SHEET_RATIO_FLOOR && zip->total / RESLIB_SHEET_MAX_RATIO > zip->file_size))
    {
      g_autofree char *reason = g_strdup_printf (_("its part %s unpacks to far more than the file holds (a zip "
                                                   "bomb?); it is not read"), zip->part);

      bad_file (zip, &zip->error, reason);
      return -1;
    }

  return (int) n;
}

static int
close_part (void *context)
{
  return 0;
}

static void
xml_error (void        *context,
           const xmlError *xml)
{
  XlsxZip *zip = context;

  if (zip->xml_message == NULL && xml != NULL && xml->message != NULL)
    zip->xml_message = g_strchomp (g_strdup_printf ("%s (line %d)", xml->message, xml->line));
}

/* A streaming reader over @part, its bytes given by @skip_element's filter (without the content of
 * that element, reslib-sheet-xlsx-skip.c) or as they are. */
static xmlTextReaderPtr
open_part (XlsxZip     *zip,
           const char  *part,
           gboolean     required,
           const char  *skip_element,
           GError     **error)
{
  struct archive_entry *entry;
  xmlTextReaderPtr reader;
  guint n = 0;
  int rc;

  g_assert (zip->archive == NULL);
  zip->archive = archive_read_new ();
  archive_read_support_format_zip_seekable (zip->archive);
  if (archive_read_open_filename (zip->archive, zip->path, 64 * 1024) != ARCHIVE_OK)
    {
      g_autofree char *reason = g_strdup_printf (_("it is not a zip file (%s)"), archive_error_string (zip->archive));

      bad_file (zip, error, reason);
      _reslib_xlsx_close_part (zip, NULL);
      return NULL;
    }
  while ((rc = archive_read_next_header (zip->archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (++n > MAX_ENTRIES)
        {
          bad_file (zip, error, _("it holds too many parts"));
          _reslib_xlsx_close_part (zip, NULL);
          return NULL;
        }
      if (name != NULL && g_ascii_strcasecmp (name, part) == 0)
        break;
    }
  if (rc != ARCHIVE_OK)
    {
      if (rc != ARCHIVE_EOF)
        {
          g_autofree char *reason = g_strdup_printf (_("it is not a zip file (%s)"),
                                                     archive_error_string (zip->archive));

          bad_file (zip, error, reason);
        }
      else if (required)
        {
          g_autofree char *reason = g_strdup_printf (_("it has no part %s"), part);

          bad_file (zip, error, reason);
        }
      _reslib_xlsx_close_part (zip, NULL);
      return NULL;
    }
  if (archive_entry_size_is_set (entry) && (guint64) archive_entry_size (entry) > RESLIB_SHEET_MAX_ENTRY_BYTES)
    {
      g_autofree char *reason = g_strdup_printf (_("its part %s unpacks to far more than the file holds (a zip "
                                                   "bomb?); it is not read"), part);

      bad_file (zip, error, reason);
      _reslib_xlsx_close_part (zip, NULL);
      return NULL;
    }

  g_free (zip->part);
  zip->part = g_strdup (part);
  zip->part_bytes = 0;
  g_clear_pointer (&zip->xml_message, g_free);
  if (zip->prolog != NULL)
    g_string_free (zip->prolog, TRUE);
  zip->prolog = g_string_new (NULL);
  /* No XML_PARSE_NOENT (entities are not substituted), XML_PARSE_DTDLOAD or XML_PARSE_HUGE. */
  g_clear_pointer (&zip->skip, _reslib_xlsx_skip_free);
  if (skip_element != NULL)
    zip->skip = _reslib_xlsx_skip_new (skip_element);
  reader = xmlReaderForIO (zip->skip != NULL ? _reslib_xlsx_skip_read : _reslib_xlsx_read_raw, close_part, zip, part,
                           NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader == NULL)
    {
      bad_file (zip, error, _("it cannot be parsed"));
      _reslib_xlsx_close_part (zip, NULL);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (reader, (xmlStructuredErrorFunc) xml_error, zip);

  return reader;
}

/**
 * _reslib_xlsx_open_part:
 * @required: whether a missing part is an error
 *
 * Returns: a streaming reader over @part, or %NULL (with @error set, or unset for a missing part
 *   that is not required)
 */
xmlTextReaderPtr
_reslib_xlsx_open_part (XlsxZip     *zip,
                        const char  *part,
                        gboolean     required,
                        GError     **error)
{
  return open_part (zip, part, required, NULL, error);
}

/**
 * _reslib_xlsx_open_part_without:
 * @element: the local name of the elements whose content is left out
 *
 * As _reslib_xlsx_open_part() for a required part, the reader given the part without the content of
 * the elements @element (their tags are kept): for what follows them, read without parsing them.
 *
 * Returns: a streaming reader, or %NULL with @error set
 */
xmlTextReaderPtr
_reslib_xlsx_open_part_without (XlsxZip     *zip,
                                const char  *part,
                                const char  *element,
                                GError     **error)
{
  return open_part (zip, part, TRUE, element, error);
}

void
_reslib_xlsx_close_part (XlsxZip          *zip,
                         xmlTextReaderPtr  reader)
{
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (zip->archive != NULL)
    archive_read_free (zip->archive);
  zip->archive = NULL;
  g_clear_pointer (&zip->skip, _reslib_xlsx_skip_free);
}

int
_reslib_xlsx_read (XlsxZip           *zip,
                   xmlTextReaderPtr   reader,
                   GError           **error)
{
  int rc = xmlTextReaderRead (reader);

  if (zip->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&zip->error));
      return -1;
    }
  if (rc < 0)
    {
      g_autofree char *reason = g_strdup_printf (_("its part %s is not well-formed XML: %s"), zip->part,
                                                 zip->xml_message != NULL ? zip->xml_message : "?");

      bad_file (zip, error, reason);
      return -1;
    }
  if (rc == 1 && xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      g_autofree char *reason = g_strdup_printf (_("its part %s has a document type declaration (DTD, "
                                                   "entities), which a workbook never has, or is not UTF-8; "
                                                   "it is not read"), zip->part);

      bad_file (zip, error, reason);
      return -1;
    }

  return rc;
}

static gboolean
is_element (xmlTextReaderPtr  reader,
            const char       *name)
{
  const xmlChar *local;

  if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
    return FALSE;
  local = xmlTextReaderConstLocalName (reader);

  return local != NULL && strcmp ((const char *) local, name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  const xmlChar *local;

  if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_END_ELEMENT)
    return FALSE;
  local = xmlTextReaderConstLocalName (reader);

  return local != NULL && strcmp ((const char *) local, name) == 0;
}

/* An attribute by its local name, whatever its namespace. */
static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      const xmlChar *local = xmlTextReaderConstLocalName (reader);

      if (local != NULL && strcmp ((const char *) local, name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);

  return value;
}

/* A relationship's target, relative to xl/ (the workbook's folder) or absolute, as a part name. */
static char *
resolve_target (const char *target)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_auto(GStrv) segments = NULL;
  g_autofree char *joined = NULL;

  joined = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
  segments = g_strsplit (joined, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (parts->len > 0)
            g_ptr_array_set_size (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, segments[i]);
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("/", (char **) parts->pdata);
}

static gboolean
read_workbook (XlsxBook    *book,
               const char  *sheet_name,
               char       **sheet_rel,
               GError     **error)
{
  xmlTextReaderPtr reader = _reslib_xlsx_open_part (&book->zip, "xl/workbook.xml", TRUE, error);
  guint n_sheets = 0;
  int rc;

  if (reader == NULL)
    return FALSE;
  while ((rc = _reslib_xlsx_read (&book->zip, reader, error)) == 1)
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *date1904 = attribute (reader, "date1904");

          book->date1904 = date1904 != NULL && (strcmp (date1904, "1") == 0 || strcmp (date1904, "true") == 0);
        }
      else if (is_element (reader, "sheet") && *sheet_rel == NULL)
        {
          g_autofree char *name = attribute (reader, "name");

          n_sheets++;
          if (sheet_name == NULL || g_strcmp0 (name, sheet_name) == 0)
            *sheet_rel = attribute (reader, "id");
        }
    }
  _reslib_xlsx_close_part (&book->zip, reader);
  if (rc < 0)
    return FALSE;
  if (*sheet_rel == NULL)
    {
      if (sheet_name != NULL)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” has no sheet named “%s”"),
                     book->zip.display, sheet_name);
      else
        bad_file (&book->zip, error, _("it has no sheet"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_relationships (XlsxBook    *book,
                    const char  *sheet_rel,
                    GError     **error)
{
  xmlTextReaderPtr reader = _reslib_xlsx_open_part (&book->zip, "xl/_rels/workbook.xml.rels", FALSE, error);
  int rc;

  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((rc = _reslib_xlsx_read (&book->zip, reader, error)) == 1)
    {
      g_autofree char *id = NULL, *type = NULL, *target = NULL;

      if (!is_element (reader, "Relationship"))
        continue;
      id = attribute (reader, "Id");
      type = attribute (reader, "Type");
      target = attribute (reader, "Target");
      if (target == NULL || type == NULL)
        continue;
      if (g_strcmp0 (id, sheet_rel) == 0)
        {
          g_free (book->sheet_part);
          book->sheet_part = resolve_target (target);
        }
      else if (g_str_has_suffix (type, "/sharedStrings"))
        {
          g_free (book->strings_part);
          book->strings_part = resolve_target (target);
        }
      else if (g_str_has_suffix (type, "/styles"))
        {
          g_free (book->styles_part);
          book->styles_part = resolve_target (target);
        }
    }
  _reslib_xlsx_close_part (&book->zip, reader);

  return rc == 0;
}

static gboolean
is_date_format_code (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (quoted)
        quoted = *p != '"';
      else if (bracket)
        bracket = *p != ']';
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == '[')
        bracket = TRUE;
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] != '\0')
            p++;
        }
      else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D')
        return TRUE;
      else if (g_str_has_prefix (p, "年") || g_str_has_prefix (p, "日"))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_builtin_date (guint id)
{
  /* 14–17 and 22 everywhere; 27–31, 36 and 50–54, 57, 58 are the East Asian dates (年月日). */
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

static gboolean
read_styles (XlsxBook  *book,
             GError   **error)
{
  g_autoptr(GHashTable) dates = g_hash_table_new (NULL, NULL);
  xmlTextReaderPtr reader;
  gboolean in_xfs = FALSE;
  int rc;

  if (book->styles_part == NULL)
    book->styles_part = g_strdup ("xl/styles.xml");
  reader = _reslib_xlsx_open_part (&book->zip, book->styles_part, FALSE, error);
  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((rc = _reslib_xlsx_read (&book->zip, reader, error)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");
          guint64 n;

          if (id != NULL && code != NULL && g_ascii_string_to_unsigned (id, 10, 0, 100000, &n, NULL) &&
              is_date_format_code (code))
            g_hash_table_add (dates, GUINT_TO_POINTER ((guint) n + 1));
        }
      else if (is_element (reader, "cellXfs"))
        in_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          guint64 n = 0;
          gboolean date;

          if (book->date_styles->len >= RESLIB_SHEET_MAX_STYLES)
            {
              g_autofree char *reason = g_strdup_printf (_("its part %s has more than %u cell formats"),
                                                         book->styles_part, RESLIB_SHEET_MAX_STYLES);

              bad_file (&book->zip, error, reason);
              rc = -1;
              break;
            }
          if (id != NULL)
            g_ascii_string_to_unsigned (id, 10, 0, 100000, &n, NULL);
          date = is_builtin_date ((guint) n) || g_hash_table_contains (dates, GUINT_TO_POINTER ((guint) n + 1));
          g_array_append_val (book->date_styles, date);
        }
    }
  _reslib_xlsx_close_part (&book->zip, reader);

  return rc == 0;
}

gboolean
_reslib_xlsx_append_text (GString    *out,
                          const char *text)
{
  for (const char *p = text; *p != '\0'; )
    {
      /* Excel writes characters XML cannot hold as _xHHHH_. */
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar) (g_ascii_xdigit_value (p[2]) << 12 | g_ascii_xdigit_value (p[3]) << 8 |
                                   g_ascii_xdigit_value (p[4]) << 4 | g_ascii_xdigit_value (p[5]));

          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p += 7;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }

  return out->len <= RESLIB_SHEET_MAX_CELL_BYTES;
}

static gboolean
read_shared_strings (XlsxBook  *book,
                     GError   **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  xmlTextReaderPtr reader;
  gboolean in_si = FALSE, in_t = FALSE;
  guint phonetic = 0;
  int rc;

  if (book->strings_part == NULL)
    book->strings_part = g_strdup ("xl/sharedStrings.xml");
  reader = _reslib_xlsx_open_part (&book->zip, book->strings_part, FALSE, error);
  if (reader == NULL)
    return error == NULL || *error == NULL;
  while ((rc = _reslib_xlsx_read (&book->zip, reader, error)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (is_element (reader, "si"))
        {
          g_string_truncate (text, 0);
          in_si = TRUE;
          if (!xmlTextReaderIsEmptyElement (reader))
            continue;
        }
      if (in_si && (is_end (reader, "si") || (is_element (reader, "si") && xmlTextReaderIsEmptyElement (reader))))
        {
          guint32 offset = (guint32) book->strings->len;

          in_si = FALSE;
          if (book->offsets->len >= RESLIB_SHEET_MAX_SHARED_STRINGS ||
              book->strings->len + text->len + 1 > RESLIB_SHEET_MAX_SHARED_BYTES)
            {
              g_autofree char *reason = g_strdup_printf (_("its part %s has more than %u shared strings or %u MiB "
                                                           "of them"), book->strings_part,
                                                         RESLIB_SHEET_MAX_SHARED_STRINGS,
                                                         RESLIB_SHEET_MAX_SHARED_BYTES / (1024 * 1024));

              bad_file (&book->zip, error, reason);
              rc = -1;
              break;
            }
          g_array_append_val (book->offsets, offset);
          g_string_append_len (book->strings, text->str, (gssize) text->len + 1);
          continue;
        }
      if (!in_si)
        continue;
      if (is_element (reader, "rPh"))
        phonetic += !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "rPh") && phonetic > 0)
        phonetic--;
      else if (is_element (reader, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "t"))
        in_t = FALSE;
      else if (in_t && phonetic == 0 && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                                         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                                         type == XML_READER_TYPE_WHITESPACE))
        {
          if (!_reslib_xlsx_append_text (text, (const char *) xmlTextReaderConstValue (reader)))
            {
              g_autofree char *reason = g_strdup_printf (_("shared string %u in its part %s is longer than %u bytes"),
                                                         book->offsets->len + 1, book->strings_part,
                                                         RESLIB_SHEET_MAX_CELL_BYTES);

              bad_file (&book->zip, error, reason);
              rc = -1;
              break;
            }
        }
    }
  _reslib_xlsx_close_part (&book->zip, reader);

  return rc == 0;
}

gboolean
_reslib_xlsx_read_book (XlsxBook    *book,
                        const char  *sheet_name,
                        GError     **error)
{
  g_autofree char *sheet_rel = NULL;
  GStatBuf st;

  book->zip.display = g_filename_display_basename (book->zip.path);
  if (g_stat (book->zip.path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot read “%s”: %s"),
                   book->zip.display, g_strerror (saved));
      return FALSE;
    }
  book->zip.file_size = (guint64) st.st_size;
  book->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  book->strings = g_string_new (NULL);
  book->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!read_workbook (book, sheet_name, &sheet_rel, error) ||
      !read_relationships (book, sheet_rel, error))
    return FALSE;
  if (book->sheet_part == NULL)
    book->sheet_part = g_strdup ("xl/worksheets/sheet1.xml");

  return read_styles (book, error) && read_shared_strings (book, error);
}

void
_reslib_xlsx_book_clear (XlsxBook *book)
{
  _reslib_xlsx_close_part (&book->zip, NULL);
  g_free (book->zip.path);
  g_free (book->zip.display);
  g_free (book->zip.part);
  g_clear_error (&book->zip.error);
  g_free (book->zip.xml_message);
  if (book->zip.prolog != NULL)
    g_string_free (book->zip.prolog, TRUE);
  g_free (book->sheet_part);
  g_free (book->strings_part);
  g_free (book->styles_part);
  g_clear_pointer (&book->date_styles, g_array_unref);
  if (book->strings != NULL)
    g_string_free (book->strings, TRUE);
  g_clear_pointer (&book->offsets, g_array_unref);
}

gboolean
_reslib_xlsx_parse_ref (const char *ref,
                        guint      *column,
                        guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p) && c <= RESLIB_SHEET_MAX_COLUMNS)
    c = c * 26 + (guint64) (g_ascii_toupper (*p++) - 'A' + 1);
  if (c == 0 || c > RESLIB_SHEET_MAX_COLUMNS || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) && r <= RESLIB_SHEET_MAX_ROWS)
    r = r * 10 + (guint64) (*p++ - '0');
  if (*p != '\0' || r == 0 || r > RESLIB_SHEET_MAX_ROWS)
    return FALSE;
  *column = (guint) c - 1;
  *row = (guint) r;

  return TRUE;
}
