/* reslib-sheet-csv-writer.c — the resource list as CSV
 *
 * UTF-8 with a byte order mark (Excel on Windows reads a CSV as UTF-8 only then), one header row and
 * no title rows, so that the file imports again as it is; RFC 4180: fields with a comma, a quote or a
 * line break are quoted, quotes doubled, lines end with CRLF. A cell that starts like a formula gets
 * an apostrophe in front (reslib_sheet_csv_unguard()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-sheet-export-private.h"

/* Written out when this much is buffered. */
#define FLUSH_AT (256 * 1024)

struct _SheetCsv
{
  int      fd;
  GString *buffer;
  GString *cell;
};

/* One field of a row, quoted and guarded as the file needs */
void
_reslib_sheet_csv_append_field (GString    *out,
                                const char *text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (reslib_sheet_csv_needs_guard (text))
    {
      /* Quoted as well: the apostrophe is part of the field, not a sign to the reader. */
      g_string_append (out, "\"'");
      quote = TRUE;
    }
  else if (quote)
    g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static gboolean
flush (SheetCsv  *self,
       gboolean   all,
       GError   **error)
{
  if (self->buffer->len == 0 || (!all && self->buffer->len < FLUSH_AT))
    return TRUE;
  if (!reslib_write_all (self->fd, self->buffer->str, self->buffer->len))
    {
      _reslib_set_error_from_errno (error, errno, NULL);
      return FALSE;
    }
  g_string_truncate (self->buffer, 0);

  return TRUE;
}

/* Writes the byte order mark and the header row into @fd, which stays open. */
SheetCsv *
_reslib_sheet_csv_new (int fd)
{
  SheetCsv *self = g_new0 (SheetCsv, 1);
  gboolean first = TRUE;

  self->fd = fd;
  self->buffer = g_string_sized_new (FLUSH_AT + 4096);
  self->cell = g_string_new (NULL);
  g_string_append (self->buffer, "\xef\xbb\xbf");
  SHEET_FOREACH_EXPORT_COLUMN (column)
    {
      if (!first)
        g_string_append_c (self->buffer, ',');
      first = FALSE;
      _reslib_sheet_csv_append_field (self->buffer, reslib_sheet_column_header (column));
    }
  g_string_append (self->buffer, "\r\n");

  return self;
}

gboolean
_reslib_sheet_csv_add_row (SheetCsv                     *self,
                           const ReslibResourceListRow  *row,
                           GError                      **error)
{
  gboolean first = TRUE;

  SHEET_FOREACH_EXPORT_COLUMN (column)
    {
      if (!first)
        g_string_append_c (self->buffer, ',');
      first = FALSE;
      _reslib_sheet_cell_text (column, row, self->cell);
      _reslib_sheet_csv_append_field (self->buffer, self->cell->str);
    }
  g_string_append (self->buffer, "\r\n");

  return flush (self, FALSE, error);
}

gboolean
_reslib_sheet_csv_finish (SheetCsv  *self,
                          GError   **error)
{
  return flush (self, TRUE, error);
}

void
_reslib_sheet_csv_free (SheetCsv *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_string_free (self->cell, TRUE);
  g_free (self);
}
