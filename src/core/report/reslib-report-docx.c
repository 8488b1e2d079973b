/* reslib-report-docx.c — a report's blocks written as a Word document (OOXML, .docx)
 *
 * The same blocks the PDF writer draws, as WordprocessingML: every part is
 * written with libxml2's xmlTextWriter (no XML is put together by hand) and
 * stored in a zip written by libarchive. The document is deterministic: the
 * parts in a fixed order, every entry dated with the report's date.
 *
 * What an office needs to edit, print, sign and stamp it: real heading styles
 * with outline levels (the navigation pane and a table of contents find
 * them), body text in 宋体 and headings in 黑体 set as East Asian fonts with
 * Latin fallbacks, tables whose header rows repeat on every page, page numbers
 * in the footer, A4 with margins, and the opinion boxes with lines to sign,
 * stamp and date.
 *
 * This file writes the document itself, its footer and the zip; the parts
 * around them (styles, settings, fonts, relationships, content types and
 * properties) are in reslib-report-docx-parts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <archive_entry.h>
#include <errno.h>

#include "reslib-error.h"
#include "reslib-report-docx-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Runs and paragraphs                                                                             */

typedef struct
{
  gboolean    bold;
  int         half_points;   /* 0: the style's */
  const char *color;         /* NULL: the style's */
} RunStyle;

static void
run_properties (xmlTextWriterPtr  w,
                const RunStyle   *style)
{
  if (style == NULL || (!style->bold && style->half_points == 0 && style->color == NULL))
    return;
  docx_start (w, "w:rPr");
  if (style->bold)
    {
      docx_empty (w, "w:b", NULL);
      docx_empty (w, "w:bCs", NULL);
    }
  if (style->color != NULL)
    docx_empty (w, "w:color", style->color);
  if (style->half_points > 0)
    {
      g_autofree char *size = g_strdup_printf ("%d", style->half_points);

      docx_empty (w, "w:sz", size);
      docx_empty (w, "w:szCs", size);
    }
  docx_end (w);
}

static void
flush_text (xmlTextWriterPtr  w,
            GString          *pending)
{
  if (pending->len == 0)
    return;
  docx_start (w, "w:t");
  docx_attr (w, "xml:space", "preserve");
  xmlTextWriterWriteString (w, BAD_CAST pending->str);
  docx_end (w);
  g_string_truncate (pending, 0);
}

/* One run of @text: line breaks become <w:br/>, tabs <w:tab/>; characters XML 1.0 cannot hold (other
 * control characters, U+FFFE, U+FFFF) are left out, and bytes that are not UTF-8 become U+FFFD. */
static void
run (xmlTextWriterPtr  w,
     const char       *text,
     const RunStyle   *style)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) pending = g_string_new (NULL);

  docx_start (w, "w:r");
  run_properties (w, style);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        {
          flush_text (w, pending);
          docx_empty (w, c == '\n' ? "w:br" : "w:tab", NULL);
        }
      else if ((c < 0x20 && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        continue;
      else if (c != '\r')
        g_string_append_unichar (pending, c);
    }
  flush_text (w, pending);
  docx_end (w);
}

typedef struct
{
  const char *style;        /* NULL: Normal */
  const char *align;        /* NULL: the style's; "left", "center", "right", "both" */
  gboolean    keep_next;
  gboolean    page_break;   /* before the paragraph */
} ParaStyle;

static void
paragraph_properties (xmlTextWriterPtr  w,
                      const ParaStyle  *para)
{
  if (para == NULL || (para->style == NULL && para->align == NULL && !para->keep_next && !para->page_break))
    return;
  docx_start (w, "w:pPr");
  if (para->style != NULL)
    docx_empty (w, "w:pStyle", para->style);
  if (para->keep_next)
    docx_empty (w, "w:keepNext", NULL);
  if (para->page_break)
    docx_empty (w, "w:pageBreakBefore", NULL);
  if (para->align != NULL)
    docx_empty (w, "w:jc", para->align);
  docx_end (w);
}

static void
paragraph (xmlTextWriterPtr  w,
           const char       *text,
           const ParaStyle  *para,
           const RunStyle   *style)
{
  docx_start (w, "w:p");
  paragraph_properties (w, para);
  if (text != NULL && *text != '\0')
    run (w, text, style);
  docx_end (w);
}

/* A run holding one character of a complex field: "begin", "separate" or "end" */
static void
field_char (xmlTextWriterPtr  w,
            const char       *type,
            gboolean          dirty)
{
  docx_start (w, "w:r");
  docx_start (w, "w:fldChar");
  docx_attr (w, "w:fldCharType", type);
  if (dirty)
    docx_attr (w, "w:dirty", "true");
  docx_end (w);
  docx_end (w);
}

static void
field_instruction (xmlTextWriterPtr  w,
                   const char       *instruction)
{
  docx_start (w, "w:r");
  docx_start (w, "w:instrText");
  docx_attr (w, "xml:space", "preserve");
  xmlTextWriterWriteString (w, BAD_CAST instruction);
  docx_end (w);
  docx_end (w);
}

/* ---------------------------------------------------------------------------------------------- */
/* The document                                                                                    */

static void
cell_start (xmlTextWriterPtr  w,
            int               width,
            const char       *fill,
            const char       *valign)
{
  docx_start (w, "w:tc");
  docx_start (w, "w:tcPr");
  docx_start (w, "w:tcW");
  docx_attrf (w, "w:w", "%d", width);
  docx_attr (w, "w:type", "dxa");
  docx_end (w);
  if (fill != NULL)
    {
      docx_start (w, "w:shd");
      docx_attr (w, "w:val", "clear");
      docx_attr (w, "w:color", "auto");
      docx_attr (w, "w:fill", fill);
      docx_end (w);
    }
  docx_empty (w, "w:vAlign", valign);
  docx_end (w);
}

static void
table_start (xmlTextWriterPtr  w,
             const int        *widths,
             guint             n_columns,
             gboolean          inside_h)
{
  docx_start (w, "w:tbl");
  docx_start (w, "w:tblPr");
  docx_empty (w, "w:tblStyle", "ReportTable");
  docx_start (w, "w:tblW");
  docx_attrf (w, "w:w", "%d", CONTENT_W);
  docx_attr (w, "w:type", "dxa");
  docx_end (w);
  docx_borders (w, "w:tblBorders", inside_h);
  docx_start (w, "w:tblLayout");
  docx_attr (w, "w:type", "fixed");
  docx_end (w);
  docx_end (w);
  docx_start (w, "w:tblGrid");
  for (guint i = 0; i < n_columns; i++)
    {
      docx_start (w, "w:gridCol");
      docx_attrf (w, "w:w", "%d", widths[i]);
      docx_end (w);
    }
  docx_end (w);
}

static void
row_start (xmlTextWriterPtr  w,
           gboolean          header,
           int               min_height)
{
  docx_start (w, "w:tr");
  docx_start (w, "w:trPr");
  docx_empty (w, "w:cantSplit", NULL);
  if (min_height > 0)
    {
      docx_start (w, "w:trHeight");
      docx_attrf (w, "w:val", "%d", min_height);
      docx_attr (w, "w:hRule", "atLeast");
      docx_end (w);
    }
  /* Repeated at the top of every page the table runs onto */
  if (header)
    docx_empty (w, "w:tblHeader", NULL);
  docx_end (w);
}

/* The widths of @block's columns in twips: its fractions of the content width, adding up exactly. */
static int *
column_widths (Block *block)
{
  int *widths = g_new0 (int, block->n_columns);
  int used = 0;

  for (guint i = 0; i < block->n_columns; i++)
    {
      widths[i] = i + 1 < block->n_columns ? (int) (block->widths[i] * CONTENT_W + 0.5) : CONTENT_W - used;
      used += widths[i];
    }

  return widths;
}

static void
write_table (xmlTextWriterPtr  w,
             Block            *block)
{
  g_autofree int *widths = column_widths (block);
  guint n_rows = block->rows->len + (block->header != NULL ? 1 : 0);

  table_start (w, widths, block->n_columns, TRUE);
  for (guint r = 0; r < n_rows; r++)
    {
      gboolean header = block->header != NULL && r == 0;
      guint index = r - (block->header != NULL ? 1 : 0);
      char **cells = header ? block->header : g_ptr_array_index (block->rows, index);
      RowFlags flags = header ? ROW_BOLD : g_array_index (block->row_flags, RowFlags, index);
      RunStyle style = { .bold = (flags & ROW_BOLD) != 0 };

      row_start (w, header, 0);
      for (guint i = 0; i < block->n_columns; i++)
        {
          /* The header row shaded; in a table of labels and values, the labels */
          const char *fill = header ? "D9D9D9" : (block->header == NULL && i == 0 ? "F2F2F2" : NULL);
          ParaStyle para = { .style = "TableText",
                             .align = header ? "center" : (block->numeric[i] ? "right" : NULL) };

          cell_start (w, widths[i], fill, "center");
          paragraph (w, cells[i], &para, &style);
          docx_end (w);
        }
      docx_end (w);
    }
  docx_end (w);
  /* Two tables in a row would merge into one: a paragraph after each keeps them apart. */
  paragraph (w, NULL, &(ParaStyle) { .style = "AfterTable" }, NULL);
}

/* A box of one column: the title and room to write, then the lines to sign, stamp and date, right-aligned. */
static void
write_opinion (xmlTextWriterPtr  w,
               Block            *block)
{
  int width = CONTENT_W;
  RunStyle bold = { .bold = TRUE };

  table_start (w, &width, 1, FALSE);
  row_start (w, FALSE, 2800);
  cell_start (w, width, NULL, "top");
  paragraph (w, block->text, &(ParaStyle) { .style = "TableText", .keep_next = TRUE }, &bold);
  docx_end (w);
  docx_end (w);
  row_start (w, FALSE, 0);
  cell_start (w, width, NULL, "bottom");
  for (guint i = 0; block->lines != NULL && block->lines[i] != NULL; i++)
    paragraph (w, block->lines[i], &(ParaStyle) { .style = "Signature", .align = "right",
                                                  .keep_next = block->lines[i + 1] != NULL }, NULL);
  /* A cell holds at least one paragraph. */
  if (block->lines == NULL || block->lines[0] == NULL)
    paragraph (w, NULL, &(ParaStyle) { .style = "Signature" }, NULL);
  docx_end (w);
  docx_end (w);
  docx_end (w);
  paragraph (w, NULL, &(ParaStyle) { .style = "AfterTable" }, NULL);
}

/* The table of contents: a TOC field of the headings, shown before Word updates it with their entries. */
static void
write_contents (Docx             *docx,
                xmlTextWriterPtr  w)
{
  GPtrArray *headings = docx->report->headings;

  paragraph (w, "目　录", &(ParaStyle) { .style = "TOCHeading", .align = "center", .page_break = TRUE }, NULL);
  docx_start (w, "w:p");
  paragraph_properties (w, &(ParaStyle) { .style = "TOC1" });
  field_char (w, "begin", TRUE);
  field_instruction (w, " TOC \\o \"1-2\" \\h \\z \\u ");
  field_char (w, "separate", FALSE);
  for (guint i = 0; i < headings->len; i++)
    {
      if (i > 0)
        {
          docx_end (w);
          docx_start (w, "w:p");
          paragraph_properties (w, &(ParaStyle) { .style = "TOC1" });
        }
      run (w, g_ptr_array_index (headings, i), NULL);
    }
  field_char (w, "end", FALSE);
  docx_end (w);
}

static void
write_cover (Docx             *docx,
             xmlTextWriterPtr  w)
{
  Report *report = docx->report;
  g_autofree char *date = g_strdup_printf ("数据截至 %s", report->as_of);

  paragraph (w, "职业教育专业教学资源库", &(ParaStyle) { .style = "CoverKicker", .align = "center" }, NULL);
  paragraph (w, report->project_name, &(ParaStyle) { .style = "Title", .align = "center" }, NULL);
  paragraph (w, _reslib_report_kind_title (report->kind), &(ParaStyle) { .style = "Subtitle", .align = "center" }, NULL);
  if (report->cover == NULL)
    {
      paragraph (w, date, &(ParaStyle) { .style = "CoverDate", .align = "center" }, NULL);
      return;
    }
  /* The dossier's cover lines: 项目名称, 第一主持单位（盖章）, … */
  for (guint i = 0; i < report->cover->len; i++)
    {
      char **line = g_ptr_array_index (report->cover, i);
      g_autofree char *text = g_strdup_printf ("%s：%s", line[0], line[1]);

      paragraph (w, text, &(ParaStyle) { .style = "CoverDate", .align = "center" }, NULL);
    }
}

static void
write_footer_reference (xmlTextWriterPtr w)
{
  docx_start (w, "w:footerReference");
  docx_attr (w, "w:type", "default");
  docx_attr (w, "r:id", "rIdFooter1");
  docx_end (w);
}

static void
write_section (xmlTextWriterPtr w)
{
  docx_start (w, "w:sectPr");
  write_footer_reference (w);
  docx_start (w, "w:pgSz");
  docx_attrf (w, "w:w", "%d", PAGE_W);
  docx_attrf (w, "w:h", "%d", PAGE_H);
  docx_end (w);
  docx_start (w, "w:pgMar");
  docx_attrf (w, "w:top", "%d", MARGIN_TOP);
  docx_attrf (w, "w:right", "%d", MARGIN_X);
  docx_attrf (w, "w:bottom", "%d", MARGIN_BOTTOM);
  docx_attrf (w, "w:left", "%d", MARGIN_X);
  docx_attr (w, "w:header", "851");
  docx_attr (w, "w:footer", "992");
  docx_attr (w, "w:gutter", "0");
  docx_end (w);
  /* The cover has no page number. */
  docx_empty (w, "w:titlePg", NULL);
  docx_start (w, "w:docGrid");
  docx_attr (w, "w:type", "lines");
  docx_attr (w, "w:linePitch", "312");
  docx_end (w);
  docx_end (w);
}

static void
part_document (Docx             *docx,
               xmlTextWriterPtr  w)
{
  Report *report = docx->report;

  docx_start (w, "w:document");
  docx_attr (w, "xmlns:w", NS_W);
  docx_attr (w, "xmlns:r", NS_R);
  docx_start (w, "w:body");
  write_cover (docx, w);
  write_contents (docx, w);
  for (guint i = 0; i < report->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (report->blocks, i);

      switch (block->type)
        {
        case BLOCK_HEADING:
          /* Each section but the first on a page of its own would waste paper: the first only. */
          paragraph (w, block->text, &(ParaStyle) { .style = "Heading1", .keep_next = TRUE, .page_break = i == 0 }, NULL);
          break;
        case BLOCK_SUBHEADING:
          paragraph (w, block->text, &(ParaStyle) { .style = "Heading2", .keep_next = TRUE }, NULL);
          break;
        case BLOCK_PARAGRAPH:
          paragraph (w, block->text, NULL, NULL);
          break;
        case BLOCK_NOTE:
          paragraph (w, block->text, &(ParaStyle) { .style = "Caption", .keep_next = TRUE }, NULL);
          break;
        case BLOCK_TABLE:
          write_table (w, block);
          break;
        case BLOCK_OPINION:
          write_opinion (w, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  write_section (w);
  docx_end (w);
  docx_end (w);
}

/* ---------------------------------------------------------------------------------------------- */
/* The other parts                                                                                 */

static void
part_footer (Docx             *docx,
             xmlTextWriterPtr  w)
{
  docx_start (w, "w:ftr");
  docx_attr (w, "xmlns:w", NS_W);
  docx_attr (w, "xmlns:r", NS_R);
  docx_start (w, "w:p");
  paragraph_properties (w, &(ParaStyle) { .style = "Footer", .align = "center" });
  run (w, "第 ", NULL);
  field_char (w, "begin", FALSE);
  field_instruction (w, " PAGE ");
  field_char (w, "separate", FALSE);
  run (w, "1", NULL);
  field_char (w, "end", FALSE);
  run (w, " 页　共 ", NULL);
  field_char (w, "begin", FALSE);
  field_instruction (w, " NUMPAGES ");
  field_char (w, "separate", FALSE);
  run (w, "1", NULL);
  field_char (w, "end", FALSE);
  run (w, " 页", NULL);
  docx_end (w);
  docx_end (w);
}

/* ---------------------------------------------------------------------------------------------- */
/* The zip                                                                                         */

static la_ssize_t
write_cb (struct archive *archive,
          void           *user_data,
          const void     *buffer,
          size_t          length)
{
  Docx *docx = user_data;

  if (docx->write_error != NULL)
    return -1;
  if (!g_output_stream_write_all (docx->stream, buffer, length, NULL, NULL, &docx->write_error))
    {
      archive_set_error (archive, EIO, "%s", docx->write_error->message);
      return -1;
    }

  return (la_ssize_t) length;
}

static gboolean
archive_failed (Docx    *docx,
                GError **error)
{
  if (docx->write_error != NULL)
    g_propagate_error (error, g_steal_pointer (&docx->write_error));
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write the report: %s"),
                 archive_error_string (docx->archive));
  return FALSE;
}

/* Writes the part @name, made by @func, as an entry of the zip. */
static gboolean
add_part (Docx        *docx,
          const char  *name,
          PartFunc     func,
          GError     **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr w = xmlNewTextWriterMemory (buffer, 0);
  struct archive_entry *entry;
  gboolean ok;
  int rc;

  xmlTextWriterStartDocument (w, "1.0", "UTF-8", "yes");
  func (docx, w);
  rc = xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  if (rc < 0)
    {
      xmlBufferFree (buffer);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write the report: %s"), name);
      return FALSE;
    }

  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, xmlBufferLength (buffer));
  archive_entry_set_mtime (entry, docx->mtime, 0);
  ok = archive_write_header (docx->archive, entry) == ARCHIVE_OK &&
       archive_write_data (docx->archive, xmlBufferContent (buffer), (size_t) xmlBufferLength (buffer)) ==
         (la_ssize_t) xmlBufferLength (buffer);
  archive_entry_free (entry);
  xmlBufferFree (buffer);

  return ok || archive_failed (docx, error);
}

/**
 * _reslib_report_render_docx:
 * @report: the report, gathered
 * @stream: where the .docx goes
 *
 * Writes @report as a Word document: the same blocks as the PDF, in a zip of OOXML parts in a
 * fixed order, each dated with the report's date, so the same report gives the same bytes.
 *
 * Returns: whether it was written
 */
gboolean
_reslib_report_render_docx (Report         *report,
                            GOutputStream  *stream,
                            GError        **error)
{
  static const struct
  {
    const char *name;
    PartFunc    func;
  } parts[] = {
    { "[Content_Types].xml", docx_part_content_types },
    { "_rels/.rels", docx_part_package_rels },
    { "word/document.xml", part_document },
    { "word/_rels/document.xml.rels", docx_part_document_rels },
    { "word/styles.xml", docx_part_styles },
    { "word/settings.xml", docx_part_settings },
    { "word/fontTable.xml", docx_part_fonts },
    { "word/footer1.xml", part_footer },
    { "docProps/core.xml", docx_part_core },
    { "docProps/app.xml", docx_part_app },
  };
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (report->as_of_iso, NULL);
  Docx docx = { report, archive_write_new (), stream, NULL, 0 };
  gboolean ok = TRUE;

  /* Zip stores local times from 1980 on: a day in 1980 stands for an earlier date. */
  docx.mtime = MAX (when != NULL ? g_date_time_to_unix (when) : 0, 315619200);
  archive_write_set_format_zip (docx.archive);
  archive_write_set_options (docx.archive, "zip:compression=deflate");
  archive_write_set_bytes_per_block (docx.archive, 0);
  archive_write_set_bytes_in_last_block (docx.archive, 1);
  if (archive_write_open2 (docx.archive, &docx, NULL, write_cb, NULL, NULL) != ARCHIVE_OK)
    ok = archive_failed (&docx, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (parts); i++)
    ok = add_part (&docx, parts[i].name, parts[i].func, error);
  if (ok && archive_write_close (docx.archive) != ARCHIVE_OK)
    ok = archive_failed (&docx, error);
  archive_write_free (docx.archive);
  g_clear_error (&docx.write_error);

  return ok;
}
