/* reslib-report-docx-parts.c — the parts of a Word document around its text: styles, settings, fonts,
 * relationships, content types and properties; and the XML helpers every part is written with
 *
 * The styles are those of a Chinese official document: body text 小四 宋体 (SimSun) with the first line
 * indented by two characters, headings 黑体 (SimHei) with outline levels, Latin text in Times New Roman and
 * Arial.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-report-docx-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Writing XML                                                                                     */

void
docx_start (xmlTextWriterPtr  w,
            const char       *name)
{
  xmlTextWriterStartElement (w, BAD_CAST name);
}

void
docx_end (xmlTextWriterPtr w)
{
  xmlTextWriterEndElement (w);
}

void
docx_attr (xmlTextWriterPtr  w,
           const char       *name,
           const char       *value)
{
  xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST value);
}

void
docx_attrf (xmlTextWriterPtr  w,
            const char       *name,
            const char       *format,
            ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  docx_attr (w, name, value);
}

/* <NAME/>, or <NAME w:val="VALUE"/> */
void
docx_empty (xmlTextWriterPtr  w,
            const char       *name,
            const char       *value)
{
  docx_start (w, name);
  if (value != NULL)
    docx_attr (w, "w:val", value);
  docx_end (w);
}

void
docx_text_element (xmlTextWriterPtr  w,
                   const char       *name,
                   const char       *text)
{
  xmlTextWriterWriteElement (w, BAD_CAST name, BAD_CAST text);
}

/* <w:rFonts>: @east_asia for Chinese, @latin for the rest */
void
docx_fonts (xmlTextWriterPtr  w,
            const char       *east_asia,
            const char       *latin)
{
  docx_start (w, "w:rFonts");
  docx_attr (w, "w:ascii", latin);
  docx_attr (w, "w:hAnsi", latin);
  docx_attr (w, "w:eastAsia", east_asia);
  docx_attr (w, "w:cs", latin);
  docx_end (w);
}

void
docx_borders (xmlTextWriterPtr  w,
              const char       *element,
              gboolean          inside_h)
{
  static const char * const sides[] = { "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV" };

  docx_start (w, element);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      gboolean none = !inside_h && g_str_equal (sides[i], "w:insideH");

      docx_start (w, sides[i]);
      docx_attr (w, "w:val", none ? "nil" : "single");
      if (!none)
        {
          docx_attr (w, "w:sz", "4");
          docx_attr (w, "w:space", "0");
          docx_attr (w, "w:color", "808080");
        }
      docx_end (w);
    }
  docx_end (w);
}

typedef struct
{
  const char *id;
  const char *name;
  const char *based_on;
  int         outline;       /* -1: none */
  gboolean    heading_font;
  gboolean    bold;
  int         half_points;
  const char *color;
  int         before, after; /* spacing in twips */
  int         first_line;    /* indent of the first line, in hundredths of a character */
  int         line;          /* line spacing in 240ths of a line */
} StyleDef;

static const StyleDef paragraph_styles[] = {
  /* 小四 (12 pt) body text, first lines indented by two characters */
  { "Normal", "Normal", NULL, -1, FALSE, FALSE, 24, NULL, 0, 120, 200, 360 },
  /* 三号 and 四号 黑体 */
  { "Heading1", "heading 1", "Normal", 0, TRUE, TRUE, 32, NULL, 360, 180, 0, 240 },
  { "Heading2", "heading 2", "Normal", 1, TRUE, TRUE, 28, NULL, 240, 120, 0, 240 },
  { "Title", "Title", "Normal", -1, TRUE, TRUE, 52, NULL, 1200, 480, 0, 240 },
  { "Subtitle", "Subtitle", "Normal", -1, TRUE, FALSE, 40, NULL, 240, 480, 0, 240 },
  { "CoverKicker", "Cover Kicker", "Normal", -1, FALSE, FALSE, 30, "595959", 2400, 240, 0, 240 },
  { "CoverDate", "Cover Date", "Normal", -1, FALSE, FALSE, 24, "595959", 480, 0, 0, 240 },
  { "TOCHeading", "TOC Heading", "Normal", -1, TRUE, TRUE, 32, NULL, 240, 360, 0, 240 },
  { "TOC1", "toc 1", "Normal", -1, FALSE, FALSE, 24, NULL, 60, 60, 0, 360 },
  { "Caption", "caption", "Normal", -1, TRUE, FALSE, 21, "404040", 120, 60, 0, 240 },
  { "TableText", "Table Text", "Normal", -1, FALSE, FALSE, 21, NULL, 0, 0, 0, 240 },
  { "Signature", "Signature", "Normal", -1, FALSE, FALSE, 24, NULL, 60, 60, 0, 240 },
  { "AfterTable", "After Table", "Normal", -1, FALSE, FALSE, 12, NULL, 0, 120, 0, 240 },
  { "Footer", "footer", "Normal", -1, FALSE, FALSE, 18, "595959", 0, 0, 0, 240 },
};

static void
write_style (xmlTextWriterPtr  w,
             const StyleDef   *def)
{
  docx_start (w, "w:style");
  docx_attr (w, "w:type", "paragraph");
  docx_attr (w, "w:styleId", def->id);
  if (g_str_equal (def->id, "Normal"))
    docx_attr (w, "w:default", "1");
  docx_empty (w, "w:name", def->name);
  if (def->based_on != NULL)
    docx_empty (w, "w:basedOn", def->based_on);
  if (def->outline >= 0)
    docx_empty (w, "w:next", "Normal");
  docx_empty (w, "w:qFormat", NULL);
  docx_start (w, "w:pPr");
  if (def->outline >= 0)
    {
      docx_empty (w, "w:keepNext", NULL);
      docx_empty (w, "w:keepLines", NULL);
    }
  docx_start (w, "w:spacing");
  docx_attrf (w, "w:before", "%d", def->before);
  docx_attrf (w, "w:after", "%d", def->after);
  docx_attrf (w, "w:line", "%d", def->line);
  docx_attr (w, "w:lineRule", "auto");
  docx_end (w);
  docx_start (w, "w:ind");
  docx_attrf (w, "w:firstLineChars", "%d", def->first_line);
  docx_attr (w, "w:firstLine", def->first_line > 0 ? "480" : "0");
  docx_end (w);
  if (def->outline >= 0)
    {
      g_autofree char *level = g_strdup_printf ("%d", def->outline);

      docx_empty (w, "w:outlineLvl", level);
    }
  docx_end (w);
  docx_start (w, "w:rPr");
  docx_fonts (w, def->heading_font ? FONT_HEADING : FONT_BODY, def->heading_font ? FONT_LATIN_HEAD : FONT_LATIN_BODY);
  if (def->bold)
    {
      docx_empty (w, "w:b", NULL);
      docx_empty (w, "w:bCs", NULL);
    }
  if (def->color != NULL)
    docx_empty (w, "w:color", def->color);
  {
    g_autofree char *size = g_strdup_printf ("%d", def->half_points);

    docx_empty (w, "w:sz", size);
    docx_empty (w, "w:szCs", size);
  }
  docx_end (w);
  docx_end (w);
}

void
docx_part_styles (Docx             *docx,
                  xmlTextWriterPtr  w)
{
  docx_start (w, "w:styles");
  docx_attr (w, "xmlns:w", NS_W);
  docx_start (w, "w:docDefaults");
  docx_start (w, "w:rPrDefault");
  docx_start (w, "w:rPr");
  docx_fonts (w, FONT_BODY, FONT_LATIN_BODY);
  docx_empty (w, "w:kern", "2");
  docx_empty (w, "w:sz", "24");
  docx_empty (w, "w:szCs", "24");
  docx_start (w, "w:lang");
  docx_attr (w, "w:val", "en-US");
  docx_attr (w, "w:eastAsia", "zh-CN");
  docx_attr (w, "w:bidi", "ar-SA");
  docx_end (w);
  docx_end (w);
  docx_end (w);
  docx_start (w, "w:pPrDefault");
  docx_start (w, "w:pPr");
  docx_empty (w, "w:jc", "both");
  docx_end (w);
  docx_end (w);
  docx_end (w);

  for (guint i = 0; i < G_N_ELEMENTS (paragraph_styles); i++)
    write_style (w, &paragraph_styles[i]);

  docx_start (w, "w:style");
  docx_attr (w, "w:type", "table");
  docx_attr (w, "w:default", "1");
  docx_attr (w, "w:styleId", "TableNormal");
  docx_empty (w, "w:name", "Normal Table");
  docx_start (w, "w:tblPr");
  docx_start (w, "w:tblCellMar");
  for (guint i = 0; i < 4; i++)
    {
      static const char * const sides[] = { "w:top", "w:left", "w:bottom", "w:right" };

      docx_start (w, sides[i]);
      docx_attr (w, "w:w", i % 2 == 0 ? "28" : "85");
      docx_attr (w, "w:type", "dxa");
      docx_end (w);
    }
  docx_end (w);
  docx_end (w);
  docx_end (w);

  docx_start (w, "w:style");
  docx_attr (w, "w:type", "table");
  docx_attr (w, "w:styleId", "ReportTable");
  docx_empty (w, "w:name", "Report Table");
  docx_empty (w, "w:basedOn", "TableNormal");
  docx_start (w, "w:tblPr");
  docx_borders (w, "w:tblBorders", TRUE);
  docx_end (w);
  docx_end (w);

  docx_end (w);
}

void
docx_part_settings (Docx             *docx,
                    xmlTextWriterPtr  w)
{
  docx_start (w, "w:settings");
  docx_attr (w, "xmlns:w", NS_W);
  docx_empty (w, "w:defaultTabStop", "420");
  docx_empty (w, "w:characterSpacingControl", "compressPunctuation");
  /* The contents and the page count are fields: Word fills them in when the document is opened. */
  docx_empty (w, "w:updateFields", "true");
  docx_start (w, "w:compat");
  docx_start (w, "w:compatSetting");
  docx_attr (w, "w:name", "compatibilityMode");
  docx_attr (w, "w:uri", "http://schemas.microsoft.com/office/word");
  docx_attr (w, "w:val", "15");
  docx_end (w);
  docx_end (w);
  docx_start (w, "w:themeFontLang");
  docx_attr (w, "w:val", "en-US");
  docx_attr (w, "w:eastAsia", "zh-CN");
  docx_end (w);
  docx_end (w);
}

/* The fonts by name, with their other names and their character set (86: GB2312), so a Word without 宋体
 * by that name still finds it. */
void
docx_part_fonts (Docx             *docx,
                 xmlTextWriterPtr  w)
{
  static const char * const table[][3] = {
    { FONT_BODY, FONT_BODY_ALT, "86" },
    { FONT_HEADING, FONT_HEADING_ALT, "86" },
    { FONT_LATIN_BODY, NULL, "00" },
    { FONT_LATIN_HEAD, NULL, "00" },
  };

  docx_start (w, "w:fonts");
  docx_attr (w, "xmlns:w", NS_W);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      docx_start (w, "w:font");
      docx_attr (w, "w:name", table[i][0]);
      if (table[i][1] != NULL)
        docx_empty (w, "w:altName", table[i][1]);
      docx_empty (w, "w:charset", table[i][2]);
      docx_empty (w, "w:family", i == 1 || i == 3 ? "swiss" : "roman");
      docx_empty (w, "w:pitch", "variable");
      docx_end (w);
    }
  docx_end (w);
}

static void
relationship (xmlTextWriterPtr  w,
              const char       *id,
              const char       *type,
              const char       *target)
{
  docx_start (w, "Relationship");
  docx_attr (w, "Id", id);
  docx_attr (w, "Type", type);
  docx_attr (w, "Target", target);
  docx_end (w);
}

void
docx_part_package_rels (Docx             *docx,
                        xmlTextWriterPtr  w)
{
  docx_start (w, "Relationships");
  docx_attr (w, "xmlns", NS_PKG_REL);
  relationship (w, "rId1", REL_BASE "officeDocument", "word/document.xml");
  relationship (w, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml");
  relationship (w, "rId3", REL_BASE "extended-properties", "docProps/app.xml");
  docx_end (w);
}

void
docx_part_document_rels (Docx             *docx,
                         xmlTextWriterPtr  w)
{
  docx_start (w, "Relationships");
  docx_attr (w, "xmlns", NS_PKG_REL);
  relationship (w, "rIdStyles", REL_BASE "styles", "styles.xml");
  relationship (w, "rIdSettings", REL_BASE "settings", "settings.xml");
  relationship (w, "rIdFonts", REL_BASE "fontTable", "fontTable.xml");
  relationship (w, "rIdFooter1", REL_BASE "footer", "footer1.xml");
  docx_end (w);
}

static void
content_type (xmlTextWriterPtr  w,
              const char       *part,
              const char       *type)
{
  docx_start (w, "Override");
  docx_attr (w, "PartName", part);
  docx_attr (w, "ContentType", type);
  docx_end (w);
}

void
docx_part_content_types (Docx             *docx,
                         xmlTextWriterPtr  w)
{
  docx_start (w, "Types");
  docx_attr (w, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  docx_start (w, "Default");
  docx_attr (w, "Extension", "rels");
  docx_attr (w, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
  docx_end (w);
  docx_start (w, "Default");
  docx_attr (w, "Extension", "xml");
  docx_attr (w, "ContentType", "application/xml");
  docx_end (w);
  content_type (w, "/word/document.xml", CT_BASE "wordprocessingml.document.main+xml");
  content_type (w, "/word/styles.xml", CT_BASE "wordprocessingml.styles+xml");
  content_type (w, "/word/settings.xml", CT_BASE "wordprocessingml.settings+xml");
  content_type (w, "/word/fontTable.xml", CT_BASE "wordprocessingml.fontTable+xml");
  content_type (w, "/word/footer1.xml", CT_BASE "wordprocessingml.footer+xml");
  content_type (w, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  content_type (w, "/docProps/app.xml", CT_BASE "extended-properties+xml");
  docx_end (w);
}

void
docx_part_core (Docx             *docx,
                xmlTextWriterPtr  w)
{
  Report *report = docx->report;
  g_autofree char *title = g_strdup_printf ("%s %s", report->project_name, _reslib_report_kind_title (report->kind));
  g_autofree char *valid = g_utf8_make_valid (title, -1);

  docx_start (w, "cp:coreProperties");
  docx_attr (w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  docx_attr (w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  docx_attr (w, "xmlns:dcterms", "http://purl.org/dc/terms/");
  docx_attr (w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  /* g_utf8_make_valid () keeps control characters: XML 1.0 has none but these three. */
  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  docx_text_element (w, "dc:title", valid);
  docx_text_element (w, "dc:language", "zh-CN");
  for (guint i = 0; i < 2; i++)
    {
      docx_start (w, i == 0 ? "dcterms:created" : "dcterms:modified");
      docx_attr (w, "xsi:type", "dcterms:W3CDTF");
      xmlTextWriterWriteString (w, BAD_CAST report->as_of_iso);
      docx_end (w);
    }
  docx_end (w);
}

void
docx_part_app (Docx             *docx,
               xmlTextWriterPtr  w)
{
  docx_start (w, "Properties");
  docx_attr (w, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  docx_text_element (w, "Application", "ResLib Studio " PACKAGE_VERSION);
  docx_end (w);
}
