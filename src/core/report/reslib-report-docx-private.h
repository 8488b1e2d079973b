/* reslib-report-docx-private.h — what the Word writer's files share: the zip being written, the XML helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reslib-report-docx.c writes the document, its footer and the zip; reslib-report-docx-parts.c the parts
 * around them (styles, settings, fonts, relationships, content types, properties). Every part is written
 * with an xmlTextWriter through these helpers.
 */
#pragma once

#include <archive.h>
#include <gio/gio.h>
#include <libxml/xmlwriter.h>

#include "reslib-report-private.h"

G_BEGIN_DECLS

#define NS_W       "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R       "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_BASE   "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_BASE    "application/vnd.openxmlformats-officedocument."

/* East Asian faces by their Chinese names, as Word in Chinese writes them, and the Latin faces beside them */
#define FONT_BODY        "宋体"
#define FONT_BODY_ALT    "SimSun"
#define FONT_HEADING     "黑体"
#define FONT_HEADING_ALT "SimHei"
#define FONT_LATIN_BODY  "Times New Roman"
#define FONT_LATIN_HEAD  "Arial"

/* A4 in twentieths of a point, and the margins (as the PDF's) */
#define PAGE_W         11906
#define PAGE_H         16838
#define MARGIN_X       1247
#define MARGIN_TOP     1440
#define MARGIN_BOTTOM  1440
#define CONTENT_W      (PAGE_W - 2 * MARGIN_X)

typedef struct
{
  Report          *report;
  struct archive  *archive;
  GOutputStream   *stream;
  GError          *write_error;
  time_t           mtime;
} Docx;

typedef void (*PartFunc) (Docx             *docx,
                          xmlTextWriterPtr  w);

/* <NAME>, </NAME>, NAME="VALUE" */
void docx_start        (xmlTextWriterPtr  w,
                        const char       *name);
void docx_end          (xmlTextWriterPtr  w);
void docx_attr         (xmlTextWriterPtr  w,
                        const char       *name,
                        const char       *value);
void docx_attrf        (xmlTextWriterPtr  w,
                        const char       *name,
                        const char       *format,
                        ...) G_GNUC_PRINTF (3, 4);
/* <NAME/>, or <NAME w:val="VALUE"/> */
void docx_empty        (xmlTextWriterPtr  w,
                        const char       *name,
                        const char       *value);
void docx_text_element (xmlTextWriterPtr  w,
                        const char       *name,
                        const char       *text);
/* <w:rFonts>: @east_asia for Chinese, @latin for the rest */
void docx_fonts        (xmlTextWriterPtr  w,
                        const char       *east_asia,
                        const char       *latin);
/* The borders of a table, inside ones included (horizontal ones only when @inside_h) */
void docx_borders      (xmlTextWriterPtr  w,
                        const char       *element,
                        gboolean          inside_h);

/* reslib-report-docx-parts.c */
void docx_part_content_types (Docx *docx, xmlTextWriterPtr w);
void docx_part_package_rels  (Docx *docx, xmlTextWriterPtr w);
void docx_part_document_rels (Docx *docx, xmlTextWriterPtr w);
void docx_part_styles        (Docx *docx, xmlTextWriterPtr w);
void docx_part_settings      (Docx *docx, xmlTextWriterPtr w);
void docx_part_fonts         (Docx *docx, xmlTextWriterPtr w);
void docx_part_core          (Docx *docx, xmlTextWriterPtr w);
void docx_part_app           (Docx *docx, xmlTextWriterPtr w);

G_END_DECLS
