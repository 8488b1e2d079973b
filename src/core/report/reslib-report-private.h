/* reslib-report-private.h — what the report's files share: the report as blocks, gathered and drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reslib-report-content.c gathers a Report from the store (one read transaction), a list of blocks: headings,
 * paragraphs, tables and opinion boxes, built with reslib-report-blocks.c; the sections of the targets
 * (reslib-report-targets.c) and of the usage statistics (reslib-report-usage.c) have files of their own. Two
 * writers render every kind of block: reslib-report-pdf.c lays
 * them out on A4 pages and writes the PDF, reslib-report-docx.c writes them as a Word document (OOXML);
 * reslib-report.c is the API that gathers the report and runs one of them.
 */
#pragma once

#include <gio/gio.h>

#include "reslib-profile.h"
#include "reslib-store.h"
#include "reslib-store-stats.h"

G_BEGIN_DECLS

typedef enum
{
  BLOCK_HEADING,
  BLOCK_SUBHEADING,     /* a part of a section: “（一）资源建设” */
  BLOCK_PARAGRAPH,
  BLOCK_NOTE,
  BLOCK_TABLE,
  BLOCK_OPINION,        /* a box for an office's opinion: its title, room to write, signature, stamp and date */
} BlockType;

typedef enum
{
  ROW_NORMAL = 0,
  ROW_BOLD = 1 << 0,    /* totals */
} RowFlags;

/* One block of a report: a heading, a paragraph, a note, a table or an opinion box */
typedef struct
{
  BlockType   type;
  char       *text;       /* heading, paragraph, note; an opinion box's title */
  guint       n_columns;
  double     *widths;     /* fractions of the content width */
  gboolean   *numeric;    /* right-aligned columns */
  char      **header;     /* NULL: a table of labels and values, the first column shaded */
  GPtrArray  *rows;       /* of GStrv */
  GArray     *row_flags;  /* of RowFlags */
  char      **lines;      /* an opinion box's lines at its foot, right-aligned: signature, stamp, date */
} Block;

/* A report gathered from the store, ready to be drawn */
typedef struct
{
  ReslibStore *store;
  ReslibProjectStats *stats;  /* read once, in the report's read transaction */
  char        *project_id;
  char        *kind;
  char        *project_name;
  char        *as_of;         /* YYYY-MM-DD shown as the report's date */
  char        *as_of_iso;     /* for the PDF metadata */
  GPtrArray   *blocks;
  GPtrArray   *headings;      /* of char *, borrowed from the blocks */
  gint64       date;          /* seconds since 1970 to date the report with, or -1 */
  ReslibProfile *profile;     /* the rules: the yearly update rate and the reports it goes into, the sources of funds */
  guint        n_tables;      /* the tables numbered so far (“表 3”) */
  guint        n_subheadings; /* the parts of the current section numbered so far (“（二）”) */
  const char  *next_heading;  /* the heading the next section takes instead of its own, or NULL */
  GPtrArray   *cover;         /* of GStrv { label, value }: the cover's lines (the dossier), or NULL */
} Report;

/* A value the store does not hold, as the report shows it */
#define MISSING "（未填写）"

/* reslib-report-blocks.c */
void        _reslib_report_block_free     (Block              *block);
const char *_reslib_report_or_missing     (const char         *value);
const char *_reslib_report_or_empty       (const char         *text);
void        _reslib_report_add_heading    (Report             *report,
                                           const char         *text);
void        _reslib_report_add_subheading (Report             *report,
                                           const char         *text);
void        _reslib_report_add_narrative  (Report             *report,
                                           const char         *text);
void        _reslib_report_add_text       (Report             *report,
                                           BlockType           type,
                                           const char         *text);
void        _reslib_report_add_textf      (Report             *report,
                                           BlockType           type,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void        _reslib_report_add_caption    (Report             *report,
                                           const char         *text);
Block      *_reslib_report_add_table      (Report             *report,
                                           gboolean            has_header,
                                           const char * const *columns);
void        _reslib_report_table_add_row  (Block              *block,
                                           RowFlags            flags,
                                           const char * const *cells);
void        _reslib_report_empty_table    (Report             *report,
                                           Block              *table,
                                           const char         *text);
char       *_reslib_report_format_count   (gint64              n);
char       *_reslib_report_format_cents   (gint64              cents);
char       *_reslib_report_format_percent (gint64              part,
                                           gint64              whole);

/* The sections' files call them by short names */
#define or_missing      _reslib_report_or_missing
#define or_empty        _reslib_report_or_empty
#define add_heading     _reslib_report_add_heading
#define add_text        _reslib_report_add_text
#define add_subheading  _reslib_report_add_subheading
#define add_narrative   _reslib_report_add_narrative
#define add_textf       _reslib_report_add_textf
#define add_caption     _reslib_report_add_caption
#define add_table       _reslib_report_add_table
#define empty_table     _reslib_report_empty_table
#define format_count    _reslib_report_format_count
#define format_cents    _reslib_report_format_cents
#define format_percent  _reslib_report_format_percent
#define ROW(block, ...) _reslib_report_table_add_row (block, ROW_NORMAL, (const char * const[]) { __VA_ARGS__ })
#define BOLD_ROW(block, ...) _reslib_report_table_add_row (block, ROW_BOLD, (const char * const[]) { __VA_ARGS__ })

/* reslib-report-content.c */
void        _reslib_report_free       (Report         *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, _reslib_report_free)

Report     *_reslib_report_gather     (ReslibStore    *store,
                                       ReslibProfile  *profile,
                                       const char     *project_id,
                                       const char     *kind,
                                       gint64          date,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* The document number (文号) of the source of the rule project.upkeep.rate in brackets, or "" */
char       *_reslib_report_upkeep_citation (ReslibProfile *profile);
/* The report's title for @kind, as the document shows it */
const char *_reslib_report_kind_title (const char     *kind);

/* The sections of reslib-report-content.c that the dossier puts in its own order (reslib-report-dossier.c).
 * The _table functions write a section's tables without its heading. */
gboolean    _reslib_report_basics_table    (Report        *report,
                                            GError       **error);
gboolean    _reslib_report_units_table     (Report        *report,
                                            GError       **error);
gboolean    _reslib_report_team_table      (Report        *report,
                                            GPtrArray     *rows);
gboolean    _reslib_report_courses_table   (Report        *report,
                                            GError       **error);
gboolean    _reslib_report_statistics_tables (Report      *report,
                                            GError       **error);
gboolean    _reslib_report_section_milestones (Report     *report,
                                            GError       **error);
gboolean    _reslib_report_section_budget  (Report        *report,
                                            GError       **error);
gboolean    _reslib_report_declarations_table (Report     *report,
                                            GError       **error);
void        _reslib_report_add_opinion     (Report             *report,
                                            const char         *title,
                                            const char * const *lines);

/* reslib-report-dossier.c: the dossier's sections, in the order of the national template of the 申报书 */
gboolean    _reslib_report_dossier_sections (Report       *report,
                                             GError      **error);

/* reslib-report-targets.c: 建设目标 (the dossier) or 建设目标完成情况 (the other reports) */
gboolean    _reslib_report_section_targets (Report        *report,
                                            GError       **error);

/* reslib-report-budget.c: the budget by year and source (经费预算; with 到位, 支出 and 执行率 in the
 * progress and acceptance reports), after the table by unit */
void        _reslib_report_budget_funds_by_unit (Report   *report,
                                                 GPtrArray *rows);
void        _reslib_report_budget_by_source (Report   *report,
                                             GPtrArray *rows);
gboolean    _reslib_report_budget_by_year  (Report        *report,
                                            GPtrArray     *rows,
                                            GError       **error);

/* reslib-report-evidence.c: 佐证材料目录, the evidence index (the acceptance report) */
gboolean    _reslib_report_section_evidence (Report        *report,
                                             GError       **error);

/* reslib-report-narratives.c: the text the project writes — the five dimensions (the dossier's 建设内容,
 * the acceptance report's 建设成效: the section of each, and its title), 建设成效, 审计报告 (the acceptance
 * report), 存在问题与下一步计划 (the progress report) */
typedef struct
{
  const char *content;         /* the dossier's section */
  const char *outcome;         /* the acceptance report's */
  const char *title;
} ReslibReportDimension;

extern const ReslibReportDimension _reslib_report_dimensions[];    /* ends with a NULL title */

gboolean    _reslib_report_add_project_text (Report       *report,
                                             const char   *section,
                                             GError      **error);
gboolean    _reslib_report_section_outcomes (Report       *report,
                                             GError      **error);
gboolean    _reslib_report_section_audit   (Report        *report,
                                            GError       **error);
gboolean    _reslib_report_section_problems (Report       *report,
                                             GError      **error);

/* reslib-report-usage.c: 应用推广情况, the usage statistics (the progress reports) */
gboolean    _reslib_report_section_usage   (Report        *report,
                                            GError       **error);

/* reslib-report-pdf.c */
gboolean    _reslib_report_render     (Report         *report,
                                       GOutputStream  *stream,
                                       GError        **error);

/* reslib-report-docx.c */
gboolean    _reslib_report_render_docx (Report        *report,
                                        GOutputStream *stream,
                                        GError       **error);

G_END_DECLS
