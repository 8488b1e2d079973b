/* studio-chart.c — a small horizontal bar chart drawn with cairo
 *
 * One row per bar: the label, the bar (the first series in the accent colour, a second one stacked
 * after it in a dim colour), and the value. The colours come from the widget's style, so the chart
 * follows the light and dark styles. The accessible description lists every value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "studio-chart.h"

#define PAD          6.0
#define ROW_HEIGHT   26.0
#define BAR_HEIGHT   14.0
#define GAP          10.0
#define SWATCH       10.0

struct _StudioChart
{
  GtkDrawingArea  parent_instance;

  char           *title;
  char           *placeholder;
  char           *series[2];
  GPtrArray      *labels;      /* of char * */
  GArray         *values[2];   /* of double; values[1] NULL for one series */
  gulong          dark_id;
};

G_DEFINE_FINAL_TYPE (StudioChart, studio_chart, GTK_TYPE_DRAWING_AREA)

static char *
format_value (double value)
{
  if (value == (double) (gint64) value)
    return g_strdup_printf ("%.0f", value);

  return g_strdup_printf ("%.1f", value);
}

static double
value_at (StudioChart *self,
          guint        series,
          guint        bar)
{
  if (self->values[series] == NULL || bar >= self->values[series]->len)
    return 0;

  return g_array_index (self->values[series], double, bar);
}

/* The text of a bar's value: "4" or, with two series, "4 / 5" (the first of the total). */
static char *
bar_text (StudioChart *self,
          guint        bar)
{
  g_autofree char *first = format_value (value_at (self, 0, bar));
  g_autofree char *total = NULL;

  if (self->values[1] == NULL)
    return g_steal_pointer (&first);
  total = format_value (value_at (self, 0, bar) + value_at (self, 1, bar));
  /* Translators: a bar's value in a chart with two series: the first of the total, e.g. "4 / 5" */
  return g_strdup_printf (_("%s / %s"), first, total);
}

char *
studio_chart_describe (StudioChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (STUDIO_IS_CHART (self), NULL);

  g_string_append (text, self->title != NULL ? self->title : "");
  if (self->labels->len == 0)
    {
      if (self->placeholder != NULL)
        g_string_append_printf (text, ": %s", self->placeholder);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  for (guint i = 0; i < self->labels->len; i++)
    {
      g_autofree char *first = format_value (value_at (self, 0, i));

      g_string_append (text, i == 0 ? ": " : "; ");
      if (self->values[1] == NULL)
        /* Translators: one bar of a chart for screen readers: "label: value" */
        g_string_append_printf (text, _("%s: %s"), (const char *) g_ptr_array_index (self->labels, i), first);
      else
        {
          g_autofree char *second = format_value (value_at (self, 1, i));

          /* Translators: one bar of a chart with two series for screen readers,
           * e.g. "Course A: with resources 4, without resources 1" */
          g_string_append_printf (text, _("%s: %s %s, %s %s"), (const char *) g_ptr_array_index (self->labels, i),
                                  self->series[0] != NULL ? self->series[0] : "", first,
                                  self->series[1] != NULL ? self->series[1] : "", second);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible (StudioChart *self)
{
  g_autofree char *description = studio_chart_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
has_legend (StudioChart *self)
{
  return self->values[1] != NULL && self->labels->len > 0;
}

static void
update_size (StudioChart *self)
{
  guint rows = MAX (self->labels->len, 1) + (has_legend (self) ? 1 : 0);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), (int) (rows * ROW_HEIGHT + 2 * PAD));
}

static void
get_colors (StudioChart *self,
            GdkRGBA     *fg,
            GdkRGBA     *accent)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent) &&
      !gtk_style_context_lookup_color (context, "accent_color", accent))
    *accent = *fg;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static PangoLayout *
new_layout (StudioChart *self,
            const char  *text,
            int          max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       row_top)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, row_top + (ROW_HEIGHT - h) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_swatch (cairo_t       *cr,
             const GdkRGBA *color,
             double         x,
             double         row_top)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_rectangle (cr, x, row_top + (ROW_HEIGHT - SWATCH) / 2.0, SWATCH, SWATCH);
  cairo_fill (cr);
}

static void
chart_draw (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  StudioChart *self = STUDIO_CHART (area);
  GdkRGBA fg, accent, dim, track;
  double label_width = 0, value_width = 0, max_total = 0, bar_x, bar_width, y = PAD;
  guint n = self->labels->len;

  get_colors (self, &fg, &accent);
  dim = fg;
  dim.alpha *= 0.3;
  track = fg;
  track.alpha *= 0.08;

  if (n == 0)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, self->placeholder != NULL ? self->placeholder : "",
                                                  width - (int) (2 * PAD));
      GdkRGBA faded = fg;

      faded.alpha *= 0.55;
      gdk_cairo_set_source_rgba (cr, &faded);
      show_text (cr, layout, PAD, PAD);
      return;
    }

  /* Measure the labels and values. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = new_layout (self, g_ptr_array_index (self->labels, i), -1);
      g_autofree char *text = bar_text (self, i);
      g_autoptr(PangoLayout) value = new_layout (self, text, -1);
      int w, h;

      pango_layout_get_pixel_size (label, &w, &h);
      label_width = MAX (label_width, w);
      pango_layout_get_pixel_size (value, &w, &h);
      value_width = MAX (value_width, w);
      max_total = MAX (max_total, value_at (self, 0, i) + value_at (self, 1, i));
    }
  label_width = MIN (label_width, width * 0.4);
  bar_x = PAD + label_width + GAP;
  bar_width = MAX (width - bar_x - GAP - value_width - PAD, 10);

  if (has_legend (self))
    {
      double x = bar_x;

      for (guint s = 0; s < 2; s++)
        {
          g_autoptr(PangoLayout) layout = new_layout (self, self->series[s] != NULL ? self->series[s] : "", -1);
          int w, h;

          draw_swatch (cr, s == 0 ? &accent : &dim, x, y);
          x += SWATCH + 4;
          gdk_cairo_set_source_rgba (cr, &fg);
          show_text (cr, layout, x, y);
          pango_layout_get_pixel_size (layout, &w, &h);
          x += w + 2 * GAP;
        }
      y += ROW_HEIGHT;
    }

  for (guint i = 0; i < n; i++, y += ROW_HEIGHT)
    {
      g_autoptr(PangoLayout) label = new_layout (self, g_ptr_array_index (self->labels, i), (int) label_width);
      g_autofree char *text = bar_text (self, i);
      g_autoptr(PangoLayout) value = new_layout (self, text, -1);
      double bar_top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
      double first = max_total > 0 ? value_at (self, 0, i) / max_total * bar_width : 0;
      double second = max_total > 0 ? value_at (self, 1, i) / max_total * bar_width : 0;
      double end;

      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (cr, label, PAD, y);

      gdk_cairo_set_source_rgba (cr, &track);
      cairo_rectangle (cr, bar_x, bar_top, bar_width, BAR_HEIGHT);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, bar_x, bar_top, first, BAR_HEIGHT);
      cairo_fill (cr);
      if (second > 0)
        {
          gdk_cairo_set_source_rgba (cr, &dim);
          cairo_rectangle (cr, bar_x + first, bar_top, second, BAR_HEIGHT);
          cairo_fill (cr);
        }

      end = bar_x + bar_width + GAP;
      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (cr, value, end, y);
    }
}

static void
dark_changed_cb (StudioChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
studio_chart_finalize (GObject *object)
{
  StudioChart *self = STUDIO_CHART (object);

  g_free (self->title);
  g_free (self->placeholder);
  g_free (self->series[0]);
  g_free (self->series[1]);
  g_ptr_array_unref (self->labels);
  g_clear_pointer (&self->values[0], g_array_unref);
  g_clear_pointer (&self->values[1], g_array_unref);

  G_OBJECT_CLASS (studio_chart_parent_class)->finalize (object);
}

static void
studio_chart_dispose (GObject *object)
{
  StudioChart *self = STUDIO_CHART (object);

  g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());

  G_OBJECT_CLASS (studio_chart_parent_class)->dispose (object);
}

static void
studio_chart_class_init (StudioChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_chart_dispose;
  object_class->finalize = studio_chart_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
studio_chart_init (StudioChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), chart_draw, NULL, NULL);
  self->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (dark_changed_cb), self);
  update_size (self);
  update_accessible (self);
}

GtkWidget *
studio_chart_new (const char *title)
{
  StudioChart *self = g_object_new (STUDIO_TYPE_CHART, NULL);

  studio_chart_set_title (self, title);

  return GTK_WIDGET (self);
}

void
studio_chart_set_title (StudioChart *self,
                        const char  *title)
{
  g_return_if_fail (STUDIO_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

const char *
studio_chart_get_title (StudioChart *self)
{
  g_return_val_if_fail (STUDIO_IS_CHART (self), NULL);

  return self->title;
}

void
studio_chart_set_placeholder (StudioChart *self,
                              const char  *text)
{
  g_return_if_fail (STUDIO_IS_CHART (self));

  g_free (self->placeholder);
  self->placeholder = g_strdup (text);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
studio_chart_set_series (StudioChart *self,
                         const char  *first,
                         const char  *second)
{
  g_return_if_fail (STUDIO_IS_CHART (self));

  g_free (self->series[0]);
  g_free (self->series[1]);
  self->series[0] = g_strdup (first);
  self->series[1] = g_strdup (second);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
studio_chart_set_data (StudioChart        *self,
                       guint               n_bars,
                       const char * const *labels,
                       const double       *first,
                       const double       *second)
{
  g_return_if_fail (STUDIO_IS_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && first != NULL));

  g_ptr_array_set_size (self->labels, 0);
  g_clear_pointer (&self->values[0], g_array_unref);
  g_clear_pointer (&self->values[1], g_array_unref);
  self->values[0] = g_array_sized_new (FALSE, FALSE, sizeof (double), n_bars);
  if (second != NULL)
    self->values[1] = g_array_sized_new (FALSE, FALSE, sizeof (double), n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      g_ptr_array_add (self->labels, g_strdup (labels[i]));
      g_array_append_val (self->values[0], first[i]);
      if (second != NULL)
        g_array_append_val (self->values[1], second[i]);
    }
  update_size (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
studio_chart_clear (StudioChart *self)
{
  studio_chart_set_data (self, 0, NULL, NULL, NULL);
}

guint
studio_chart_get_n_bars (StudioChart *self)
{
  g_return_val_if_fail (STUDIO_IS_CHART (self), 0);

  return self->labels->len;
}

const char *
studio_chart_get_label (StudioChart *self,
                        guint        bar)
{
  g_return_val_if_fail (STUDIO_IS_CHART (self), NULL);
  g_return_val_if_fail (bar < self->labels->len, NULL);

  return g_ptr_array_index (self->labels, bar);
}

double
studio_chart_get_value (StudioChart *self,
                        guint        bar,
                        guint        series)
{
  g_return_val_if_fail (STUDIO_IS_CHART (self), 0);
  g_return_val_if_fail (bar < self->labels->len && series < 2, 0);

  return value_at (self, series, bar);
}
