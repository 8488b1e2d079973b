/* reslib-sheet-csv.c — a CSV file read one record at a time
 *
 * RFC 4180: fields separated by commas, records by CRLF, LF or CR; a field in double quotes may hold
 * commas, line breaks and doubled quotes. Read leniently where Excel is lenient (a quote inside an
 * unquoted field is kept as it is). The text must be UTF-8, with or without a byte order mark: a
 * sheet saved in the legacy Chinese encoding (GBK/GB18030) is refused with the way to save it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-sheet-columns.h"
#include "reslib-sheet-private.h"

#define BUFFER_SIZE (64 * 1024)

#define RESLIB_TYPE_SHEET_CSV (reslib_sheet_csv_get_type ())
G_DECLARE_FINAL_TYPE (ReslibSheetCsv, reslib_sheet_csv, RESLIB, SHEET_CSV, ReslibSheetReader)

struct _ReslibSheetCsv
{
  ReslibSheetReader  parent_instance;

  GInputStream      *stream;
  guchar            *buffer;
  gsize              len;
  gsize              pos;
  gboolean           eof;
  gboolean           started;
  guint              record;
  GString           *field;
};

G_DEFINE_FINAL_TYPE (ReslibSheetCsv, reslib_sheet_csv, RESLIB_TYPE_SHEET_READER)

/* The next byte, -1 at the end, -2 on an error. */
static int
next_byte (ReslibSheetCsv  *self,
           GError         **error)
{
  if (self->pos == self->len)
    {
      gssize n;

      if (self->eof)
        return -1;
      n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, NULL, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          self->eof = TRUE;
          return -1;
        }
      self->len = (gsize) n;
      self->pos = 0;
    }

  return self->buffer[self->pos++];
}

static int
peek_byte (ReslibSheetCsv  *self,
           GError         **error)
{
  int c = next_byte (self, error);

  if (c >= 0)
    self->pos--;

  return c;
}

static gboolean
end_field (ReslibSheetCsv  *self,
           GPtrArray       *cells,
           GError         **error)
{
  const char *end;

  if (!g_utf8_validate_len (self->field->str, self->field->len, &end) || memchr (self->field->str, 0, self->field->len))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("Row %u of the CSV file is not UTF-8 text (it may be in GBK/GB18030): in Excel or WPS, save "
                     "the sheet as “CSV UTF-8”"), self->record);
      return FALSE;
    }
  if (cells->len >= RESLIB_SHEET_MAX_COLUMNS)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("Row %u of the CSV file has more than %u columns"), self->record, RESLIB_SHEET_MAX_COLUMNS);
      return FALSE;
    }
  /* A cell the export guarded against formula injection ("'=…") reads back as it was written. */
  g_ptr_array_add (cells, g_strdup (reslib_sheet_csv_unguard (self->field->str)));
  g_string_truncate (self->field, 0);

  return TRUE;
}

static gboolean
add_byte (ReslibSheetCsv  *self,
          int              c,
          GError         **error)
{
  if (self->field->len >= RESLIB_SHEET_MAX_CELL_BYTES)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("A cell in row %u of the CSV file is longer than %u bytes"), self->record,
                   RESLIB_SHEET_MAX_CELL_BYTES);
      return FALSE;
    }
  g_string_append_c (self->field, (char) c);

  return TRUE;
}

static gboolean
reslib_sheet_csv_next_row (ReslibSheetReader  *reader,
                           GPtrArray          *cells,
                           guint              *row_number,
                           GError            **error)
{
  ReslibSheetCsv *self = RESLIB_SHEET_CSV (reader);
  gboolean quoted = FALSE, in_quotes = FALSE, any = FALSE;
  int c;

  if (!self->started)
    {
      guchar bom[3] = { 0xef, 0xbb, 0xbf };
      guint i;

      self->started = TRUE;
      for (i = 0; i < 3; i++)
        {
          c = peek_byte (self, error);
          if (c == -2)
            return FALSE;
          if (c != bom[i])
            break;
          next_byte (self, NULL);
        }
      if (i > 0 && i < 3)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                               _("Row 1 of the CSV file is not UTF-8 text: in Excel or WPS, save the sheet as "
                                 "“CSV UTF-8”"));
          return FALSE;
        }
    }

  if (self->record == RESLIB_SHEET_MAX_ROWS)
    {
      if (peek_byte (self, error) == -1)
        return FALSE;
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The CSV file has more than %u rows"),
                   RESLIB_SHEET_MAX_ROWS);
      return FALSE;
    }
  self->record++;
  *row_number = self->record;
  g_string_truncate (self->field, 0);

  for (;;)
    {
      c = next_byte (self, error);
      if (c == -2)
        return FALSE;
      if (in_quotes)
        {
          if (c == -1)
            {
              g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                           _("A quoted cell in row %u of the CSV file has no closing quote"), self->record);
              return FALSE;
            }
          if (c == '"')
            {
              int d = peek_byte (self, error);

              if (d == -2)
                return FALSE;
              if (d == '"')
                {
                  next_byte (self, NULL);
                  if (!add_byte (self, '"', error))
                    return FALSE;
                }
              else
                in_quotes = FALSE;
              continue;
            }
          if (!add_byte (self, c, error))
            return FALSE;
          continue;
        }
      if (c == -1)
        {
          if (!any && self->field->len == 0 && !quoted)
            return FALSE;
          return end_field (self, cells, error);
        }
      if (c == ',')
        {
          any = TRUE;
          quoted = FALSE;
          if (!end_field (self, cells, error))
            return FALSE;
          continue;
        }
      if (c == '\r' || c == '\n')
        {
          if (c == '\r')
            {
              int d = peek_byte (self, error);

              if (d == -2)
                return FALSE;
              if (d == '\n')
                next_byte (self, NULL);
            }
          return end_field (self, cells, error);
        }
      if (c == '"' && self->field->len == 0 && !quoted)
        {
          quoted = in_quotes = any = TRUE;
          continue;
        }
      any = TRUE;
      if (!add_byte (self, c, error))
        return FALSE;
    }
}

static void
reslib_sheet_csv_finalize (GObject *object)
{
  ReslibSheetCsv *self = RESLIB_SHEET_CSV (object);

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->field, TRUE);

  G_OBJECT_CLASS (reslib_sheet_csv_parent_class)->finalize (object);
}

static void
reslib_sheet_csv_class_init (ReslibSheetCsvClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_sheet_csv_finalize;
  RESLIB_SHEET_READER_CLASS (klass)->next_row = reslib_sheet_csv_next_row;
}

static void
reslib_sheet_csv_init (ReslibSheetCsv *self)
{
  self->buffer = g_malloc (BUFFER_SIZE);
  self->field = g_string_new (NULL);
}

ReslibSheetReader *
_reslib_sheet_csv_open (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  ReslibSheetCsv *self;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  self = g_object_new (RESLIB_TYPE_SHEET_CSV, NULL);
  self->stream = G_INPUT_STREAM (g_steal_pointer (&stream));

  return RESLIB_SHEET_READER (self);
}
