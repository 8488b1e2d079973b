/* reslib-report-pdf.c — a report's blocks laid out on A4 pages and written as PDF with cairo and Pango
 *
 * The blocks are laid out twice with Pango: once to learn the page of every
 * heading (and the number of pages), and once to draw them on a cairo PDF
 * surface with the table of contents filled in. The fonts are not hinted, so
 * both passes and every machine agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "reslib-error.h"
#include "reslib-report-private.h"

/* As official documents are set: body text in a serif face (宋体 style), headings and other bold text in a
 * bold sans (黑体 style). Noto Sans CJK SC Regular is not used: cairo's subset of it loses glyphs (如 prints
 * blank in poppler-based viewers, as tofu in Ghostscript), while the serif face and the bold sans keep them. */
#define FONT_BODY       "Noto Serif CJK SC, Source Han Serif SC, Noto Serif CJK, AR PL UMing CN, serif"
#define FONT_BOLD       "Noto Sans CJK SC, Source Han Sans SC, Noto Sans CJK, WenQuanYi Micro Hei, " \
                        "Droid Sans Fallback, sans-serif"

/* A4 in points, and the margins */
#define PAGE_WIDTH      595.276
#define PAGE_HEIGHT     841.890
#define MARGIN_X        62.0
#define MARGIN_TOP      66.0
#define MARGIN_BOTTOM   70.0
#define CONTENT_WIDTH   (PAGE_WIDTH - 2 * MARGIN_X)
#define CONTENT_BOTTOM  (PAGE_HEIGHT - MARGIN_BOTTOM)
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.0

/* ---------------------------------------------------------------------------------------------- */
/* Layout and drawing                                                                              */

typedef struct
{
  Report          *report;
  PangoContext    *pango;
  cairo_surface_t *surface;
  cairo_t         *cr;             /* NULL while measuring */
  int              page;
  int              n_pages;        /* known in the second pass */
  double           y;
  GArray          *heading_pages;  /* of int: filled by the first pass */
} Layout;

static PangoLayout *
make_text (Layout         *layout,
           const char     *text,
           double          size,
           gboolean        bold,
           double          width,
           PangoAlignment  alignment)
{
  PangoLayout *pl = pango_layout_new (layout->pango);
  PangoFontDescription *font = pango_font_description_from_string (bold ? FONT_BOLD : FONT_BODY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (pl, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (pl, alignment);
  pango_layout_set_text (pl, text, -1);

  return pl;
}

static double
text_height (PangoLayout *pl)
{
  int w, h;

  pango_layout_get_size (pl, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_text (Layout      *layout,
           PangoLayout *pl,
           double       x,
           double       y,
           double       gray)
{
  if (layout->cr == NULL)
    return;
  cairo_set_source_rgb (layout->cr, gray, gray, gray);
  cairo_move_to (layout->cr, x, y);
  pango_cairo_show_layout (layout->cr, pl);
}

/* Draws the running header and the footer of the current page, then starts the next one. */
static void
finish_page (Layout *layout)
{
  if (layout->cr != NULL)
    {
      g_autofree char *footer = NULL;
      g_autoptr(PangoLayout) pl = NULL;

      if (layout->page > 1)
        {
          g_autofree char *header = g_strdup_printf ("%s　%s", layout->report->project_name,
                                                     _reslib_report_kind_title (layout->report->kind));
          g_autoptr(PangoLayout) hl = make_text (layout, header, 8, FALSE, CONTENT_WIDTH, PANGO_ALIGN_RIGHT);

          show_text (layout, hl, MARGIN_X, MARGIN_TOP - 30, 0.45);
          cairo_set_line_width (layout->cr, 0.5);
          cairo_move_to (layout->cr, MARGIN_X, MARGIN_TOP - 16);
          cairo_line_to (layout->cr, PAGE_WIDTH - MARGIN_X, MARGIN_TOP - 16);
          cairo_stroke (layout->cr);
        }
      footer = g_strdup_printf ("第 %d 页　共 %d 页", layout->page, layout->n_pages);
      pl = make_text (layout, footer, 8.5, FALSE, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
      show_text (layout, pl, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 30, 0.3);
      cairo_show_page (layout->cr);
    }
}

static void
new_page (Layout *layout)
{
  finish_page (layout);
  layout->page++;
  layout->y = MARGIN_TOP;
}

static void
ensure_space (Layout *layout,
              double  height)
{
  if (layout->y + height > CONTENT_BOTTOM && layout->y > MARGIN_TOP)
    new_page (layout);
}

static void
draw_heading (Layout     *layout,
              const char *text)
{
  g_autoptr(PangoLayout) pl = make_text (layout, text, 15, TRUE, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  double h = text_height (pl);

  /* Keep a heading with at least a few lines of what follows. */
  if (layout->y > MARGIN_TOP)
    layout->y += 14;
  ensure_space (layout, h + 80);
  if (layout->cr == NULL)
    g_array_append_val (layout->heading_pages, layout->page);
  else
    {
      g_autofree char *link = g_strdup_printf ("page=%d pos=[%.1f %.1f]", layout->page, MARGIN_X, layout->y);

      cairo_pdf_surface_add_outline (layout->surface, CAIRO_PDF_OUTLINE_ROOT, text, link, 0);
    }
  show_text (layout, pl, MARGIN_X, layout->y, 0.1);
  layout->y += h + 4;
  if (layout->cr != NULL)
    {
      cairo_set_source_rgb (layout->cr, 0.55, 0.1, 0.1);
      cairo_set_line_width (layout->cr, 1.0);
      cairo_move_to (layout->cr, MARGIN_X, layout->y);
      cairo_line_to (layout->cr, PAGE_WIDTH - MARGIN_X, layout->y);
      cairo_stroke (layout->cr);
    }
  layout->y += 8;
}

static void
draw_paragraph (Layout     *layout,
                const char *text,
                double      size,
                double      gray,
                double      keep)
{
  g_autoptr(PangoLayout) pl = make_text (layout, text, size, FALSE, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  double h = text_height (pl);

  /* @keep: room needed below, so a caption stays with its table */
  ensure_space (layout, h + keep);
  show_text (layout, pl, MARGIN_X, layout->y, gray);
  layout->y += h + 6;
}

/* A part of a section, kept with a few lines of what follows */
static void
draw_subheading (Layout     *layout,
                 const char *text)
{
  g_autoptr(PangoLayout) pl = make_text (layout, text, 12, TRUE, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  double h = text_height (pl);

  if (layout->y > MARGIN_TOP)
    layout->y += 6;
  ensure_space (layout, h + 60);
  show_text (layout, pl, MARGIN_X, layout->y, 0.1);
  layout->y += h + 6;
}

/* Lays out one row of cells; returns its height. */
static double
measure_row (Layout        *layout,
             Block         *block,
             char         **cells,
             gboolean       bold,
             PangoLayout  **out)
{
  double height = 0;

  for (guint i = 0; i < block->n_columns; i++)
    {
      double width = block->widths[i] * CONTENT_WIDTH - 2 * CELL_PAD_X;

      out[i] = make_text (layout, cells[i], 9, bold, width,
                          block->numeric[i] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      height = MAX (height, text_height (out[i]));
    }

  return height + 2 * CELL_PAD_Y;
}

static void
draw_row (Layout       *layout,
          Block        *block,
          PangoLayout **cells,
          double        height,
          gboolean      header)
{
  double x = MARGIN_X;

  if (layout->cr != NULL)
    {
      cairo_t *cr = layout->cr;

      if (header || block->header == NULL)
        {
          double w = header ? CONTENT_WIDTH : block->widths[0] * CONTENT_WIDTH;

          cairo_set_source_rgb (cr, header ? 0.88 : 0.95, header ? 0.88 : 0.95, header ? 0.9 : 0.96);
          cairo_rectangle (cr, MARGIN_X, layout->y, w, height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      for (guint i = 0; i < block->n_columns; i++)
        {
          double w = block->widths[i] * CONTENT_WIDTH;

          cairo_rectangle (cr, x, layout->y, w, height);
          x += w;
        }
      cairo_stroke (cr);
    }
  x = MARGIN_X;
  for (guint i = 0; i < block->n_columns; i++)
    {
      show_text (layout, cells[i], x + CELL_PAD_X, layout->y + CELL_PAD_Y, 0.1);
      x += block->widths[i] * CONTENT_WIDTH;
    }
  layout->y += height;
}

static void
free_cells (PangoLayout **cells,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&cells[i]);
}

static void
draw_table (Layout *layout,
            Block  *block)
{
  g_autofree PangoLayout **header = g_new0 (PangoLayout *, block->n_columns);
  g_autofree PangoLayout **cells = g_new0 (PangoLayout *, block->n_columns);
  double header_height = 0;

  if (block->header != NULL)
    header_height = measure_row (layout, block, block->header, TRUE, header);

  for (guint r = 0; r < block->rows->len; r++)
    {
      RowFlags flags = g_array_index (block->row_flags, RowFlags, r);
      double height = measure_row (layout, block, g_ptr_array_index (block->rows, r), flags & ROW_BOLD, cells);
      gboolean at_top = r == 0;

      /* A row that does not fit goes to the next page, under a repeated header. */
      if (layout->y + header_height * at_top + height > CONTENT_BOTTOM && layout->y > MARGIN_TOP)
        {
          new_page (layout);
          at_top = TRUE;
        }
      if (at_top && block->header != NULL)
        draw_row (layout, block, header, header_height, TRUE);
      draw_row (layout, block, cells, height, FALSE);
      free_cells (cells, block->n_columns);
    }
  free_cells (header, block->n_columns);
  layout->y += 10;
}

/* A box for an office's opinion: the title at its top, room to write, and at its foot the lines to sign,
 * stamp and date, right-aligned. It is not split across pages. */
static void
draw_opinion (Layout *layout,
              Block  *block)
{
  const double height = 190, pad = 8;
  g_autoptr(PangoLayout) title = make_text (layout, block->text, 11, TRUE, CONTENT_WIDTH - 2 * pad, PANGO_ALIGN_LEFT);
  double y;

  ensure_space (layout, height);
  if (layout->cr != NULL)
    {
      cairo_set_source_rgb (layout->cr, 0.45, 0.45, 0.45);
      cairo_set_line_width (layout->cr, 0.6);
      cairo_rectangle (layout->cr, MARGIN_X, layout->y, CONTENT_WIDTH, height);
      cairo_stroke (layout->cr);
    }
  show_text (layout, title, MARGIN_X + pad, layout->y + pad, 0.1);
  y = layout->y + height - pad;
  for (guint n = block->lines != NULL ? g_strv_length (block->lines) : 0; n > 0; n--)
    {
      g_autoptr(PangoLayout) line = make_text (layout, block->lines[n - 1], 10.5, FALSE, CONTENT_WIDTH - 6 * pad,
                                               PANGO_ALIGN_RIGHT);

      y -= text_height (line) + 6;
      show_text (layout, line, MARGIN_X + pad, y, 0.1);
    }
  layout->y += height + 14;
}

/* The dossier's cover: its lines (项目名称, 第一主持单位（盖章）, …), each value on a rule, as the forms have them */
static void
draw_cover_lines (Layout *layout)
{
  GPtrArray *lines = layout->report->cover;
  const double label_x = MARGIN_X + 40, label_width = 140, value_x = label_x + label_width + 8;
  const double value_width = PAGE_WIDTH - MARGIN_X - 40 - value_x;

  for (guint i = 0; i < lines->len; i++)
    {
      char **line = g_ptr_array_index (lines, i);
      g_autoptr(PangoLayout) label = make_text (layout, line[0], 13, FALSE, label_width, PANGO_ALIGN_RIGHT);
      g_autoptr(PangoLayout) value = make_text (layout, line[1], 13, FALSE, value_width, PANGO_ALIGN_CENTER);
      double h = MAX (text_height (label), text_height (value));

      show_text (layout, label, label_x, layout->y, 0.1);
      show_text (layout, value, value_x, layout->y, 0.1);
      if (layout->cr != NULL)
        {
          cairo_set_source_rgb (layout->cr, 0.1, 0.1, 0.1);
          cairo_set_line_width (layout->cr, 0.6);
          cairo_move_to (layout->cr, value_x, layout->y + h + 2);
          cairo_line_to (layout->cr, value_x + value_width, layout->y + h + 2);
          cairo_stroke (layout->cr);
        }
      layout->y += h + 20;
    }
}

static void
draw_title_page (Layout *layout)
{
  Report *report = layout->report;
  g_autoptr(PangoLayout) kicker = make_text (layout, "职业教育专业教学资源库", 13, FALSE, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  g_autoptr(PangoLayout) title = make_text (layout, report->project_name, 22, TRUE, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  g_autoptr(PangoLayout) kind = make_text (layout, _reslib_report_kind_title (report->kind), 18, FALSE, CONTENT_WIDTH,
                                           PANGO_ALIGN_CENTER);
  g_autofree char *date_text = g_strdup_printf ("数据截至 %s", report->as_of);
  g_autoptr(PangoLayout) date = make_text (layout, date_text, 11, FALSE, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
  g_autoptr(PangoLayout) toc = make_text (layout, "目　录", 15, TRUE, CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  layout->y = MARGIN_TOP + 40;
  show_text (layout, kicker, MARGIN_X, layout->y, 0.3);
  layout->y += text_height (kicker) + 14;
  show_text (layout, title, MARGIN_X, layout->y, 0.05);
  layout->y += text_height (title) + 12;
  show_text (layout, kind, MARGIN_X, layout->y, 0.2);
  layout->y += text_height (kind) + 10;
  if (report->cover != NULL)
    {
      /* The cover is a page of its own, the contents follow on the next */
      layout->y += 150;
      draw_cover_lines (layout);
      new_page (layout);
    }
  else
    {
      show_text (layout, date, MARGIN_X, layout->y, 0.4);
      layout->y += text_height (date) + 50;
    }

  show_text (layout, toc, MARGIN_X, layout->y, 0.1);
  layout->y += text_height (toc) + 18;

  /* The contents: each heading with the page the first pass found it on. */
  for (guint i = 0; i < report->headings->len; i++)
    {
      int page = i < layout->heading_pages->len ? g_array_index (layout->heading_pages, int, i) : 0;
      g_autofree char *number = page > 0 ? g_strdup_printf ("%d", page) : g_strdup ("");
      g_autoptr(PangoLayout) name = make_text (layout, g_ptr_array_index (report->headings, i), 11.5, FALSE, -1,
                                               PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) num = make_text (layout, number, 11.5, FALSE, 40, PANGO_ALIGN_RIGHT);
      double h = text_height (name);
      int name_width, name_height;

      ensure_space (layout, h + 10);
      pango_layout_get_size (name, &name_width, &name_height);
      /* Each entry links to its section. */
      if (layout->cr != NULL && page > 0)
        {
          g_autofree char *link = g_strdup_printf ("page=%d pos=[%.1f %.1f]", page, MARGIN_X, MARGIN_TOP);

          cairo_tag_begin (layout->cr, CAIRO_TAG_LINK, link);
        }
      show_text (layout, name, MARGIN_X + 30, layout->y, 0.1);
      show_text (layout, num, PAGE_WIDTH - MARGIN_X - 30 - 40, layout->y, 0.1);
      if (layout->cr != NULL && page > 0)
        cairo_tag_end (layout->cr, CAIRO_TAG_LINK);
      if (layout->cr != NULL)
        {
          static const double dots[] = { 0.8, 3.0 };
          double x0 = MARGIN_X + 30 + (double) name_width / PANGO_SCALE + 6;
          double x1 = PAGE_WIDTH - MARGIN_X - 30 - 24;

          cairo_save (layout->cr);
          cairo_set_source_rgb (layout->cr, 0.5, 0.5, 0.5);
          cairo_set_line_width (layout->cr, 0.8);
          cairo_set_dash (layout->cr, dots, G_N_ELEMENTS (dots), 0);
          cairo_move_to (layout->cr, x0, layout->y + h * 0.72);
          cairo_line_to (layout->cr, x1, layout->y + h * 0.72);
          cairo_stroke (layout->cr);
          cairo_restore (layout->cr);
        }
      layout->y += h + 10;
    }
}

static void
run_layout (Layout *layout)
{
  Report *report = layout->report;

  layout->page = 1;
  draw_title_page (layout);
  new_page (layout);
  for (guint i = 0; i < report->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (report->blocks, i);

      switch (block->type)
        {
        case BLOCK_HEADING:
          draw_heading (layout, block->text);
          break;
        case BLOCK_SUBHEADING:
          draw_subheading (layout, block->text);
          break;
        case BLOCK_PARAGRAPH:
          draw_paragraph (layout, block->text, 10.5, 0.1, 0);
          break;
        case BLOCK_NOTE:
          draw_paragraph (layout, block->text, 9, 0.35, 50);
          break;
        case BLOCK_TABLE:
          draw_table (layout, block);
          break;
        case BLOCK_OPINION:
          draw_opinion (layout, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  finish_page (layout);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
_reslib_report_render (Report        *report,
                       GOutputStream *stream,
                       GError       **error)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  g_autoptr(GArray) heading_pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *title = g_strdup_printf ("%s %s", report->project_name, _reslib_report_kind_title (report->kind));
  cairo_font_options_t *options;
  PangoContext *pango;
  Layout layout;
  cairo_status_t status;

  font_map = pango_cairo_font_map_new ();
  pango = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  layout = (Layout) { report, pango, NULL, NULL, 1, 0, 0, heading_pages };

  /* Metrics as the PDF has them: no hinting, so both passes and every machine agree. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango, options);
  pango_cairo_context_set_resolution (pango, 72);
  cairo_font_options_destroy (options);

  /* First pass: where the headings fall, and how many pages there are. */
  run_layout (&layout);
  layout.n_pages = layout.page;

  /* Second pass: draw. */
  layout.surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (layout.surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (layout.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (layout.surface, CAIRO_PDF_METADATA_CREATOR, "ResLib Studio " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (layout.surface, CAIRO_PDF_METADATA_CREATE_DATE, report->as_of_iso);
  cairo_pdf_surface_set_metadata (layout.surface, CAIRO_PDF_METADATA_MOD_DATE, report->as_of_iso);
  layout.cr = cairo_create (layout.surface);
  run_layout (&layout);
  g_warn_if_fail (layout.page == layout.n_pages);
  cairo_destroy (layout.cr);
  cairo_surface_finish (layout.surface);
  status = cairo_surface_status (layout.surface);
  cairo_surface_destroy (layout.surface);
  g_object_unref (pango);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write the report: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

