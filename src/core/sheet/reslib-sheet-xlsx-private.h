/* reslib-sheet-xlsx-private.h — what the xlsx reader's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <libxml/xmlreader.h>

#include "reslib-sheet-private.h"

G_BEGIN_DECLS

/* A part's bytes without the content of one element (reslib-sheet-xlsx-skip.c). */
typedef struct _XlsxSkip XlsxSkip;

/* The zip of a workbook, one part open at a time, with what it has unpacked so far. */
typedef struct
{
  char            *path;
  char            *display;       /* the file's name, for messages */
  guint64          file_size;
  guint64          total;         /* bytes unpacked from every part so far */
  struct archive  *archive;       /* the open part's */
  char            *part;          /* its name */
  guint64          part_bytes;
  GError          *error;         /* set by the read callback */
  char            *xml_message;   /* libxml2's first complaint about the open part */
  GString         *prolog;        /* the part's start, until its root element: NULL once seen */
  XlsxSkip        *skip;          /* the open part's filter, or NULL */
} XlsxZip;

typedef struct
{
  XlsxZip    zip;
  gboolean   date1904;
  char      *sheet_part;
  char      *strings_part;
  char      *styles_part;
  GArray    *date_styles;   /* gboolean per cell format (xf) index */
  GString   *strings;       /* the shared strings, each ending in a NUL */
  GArray    *offsets;       /* guint32: where each one starts in @strings */
} XlsxBook;

xmlTextReaderPtr _reslib_xlsx_open_part  (XlsxZip           *zip,
                                          const char        *part,
                                          gboolean           required,
                                          GError           **error);
xmlTextReaderPtr _reslib_xlsx_open_part_without (XlsxZip    *zip,
                                                 const char *part,
                                                 const char *element,
                                                 GError    **error);
void             _reslib_xlsx_close_part (XlsxZip           *zip,
                                          xmlTextReaderPtr   reader);
/* 1 at a node, 0 at the end of the part, -1 with @error set. */
int              _reslib_xlsx_read       (XlsxZip           *zip,
                                          xmlTextReaderPtr   reader,
                                          GError           **error);
gboolean         _reslib_xlsx_read_book  (XlsxBook          *book,
                                          const char        *sheet_name,
                                          GError           **error);
void             _reslib_xlsx_book_clear (XlsxBook          *book);
/* Appends @text to @out with Excel's escapes (_x000D_) decoded; FALSE when @out would pass the bound
 * on a cell. */
gboolean         _reslib_xlsx_append_text (GString          *out,
                                           const char       *text);
/* "B12" → column 1 (0-based), row 12; FALSE for what is not a reference within Excel's limits. */
gboolean         _reslib_xlsx_parse_ref  (const char        *ref,
                                          guint             *column,
                                          guint             *row);

/* The open part's bytes as unpacked, counted against the bounds on a part (xmlInputReadCallback: the
 * bytes read, 0 at its end, -1 with zip->error set). */
int              _reslib_xlsx_read_raw   (void              *context,
                                          char              *buffer,
                                          int                len);

XlsxSkip        *_reslib_xlsx_skip_new   (const char        *element);
void             _reslib_xlsx_skip_free  (XlsxSkip          *skip);
/* The xmlInputReadCallback of a part opened with a filter (zip->skip). */
int              _reslib_xlsx_skip_read  (void              *context,
                                          char              *buffer,
                                          int                len);

G_END_DECLS
