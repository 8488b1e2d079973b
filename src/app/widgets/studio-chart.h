/* studio-chart.h — a small horizontal bar chart: a label, a bar (or two stacked) and the value per row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_CHART (studio_chart_get_type ())
G_DECLARE_FINAL_TYPE (StudioChart, studio_chart, STUDIO, CHART, GtkDrawingArea)

GtkWidget  *studio_chart_new             (const char         *title);
void        studio_chart_set_title       (StudioChart        *self,
                                          const char         *title);
const char *studio_chart_get_title       (StudioChart        *self);
/* What is shown instead of bars when there are none (no data in the store). */
void        studio_chart_set_placeholder (StudioChart        *self,
                                          const char         *text);
/* The names of the series, for the legend and the accessible description; @second NULL for one series. */
void        studio_chart_set_series      (StudioChart        *self,
                                          const char         *first,
                                          const char         *second);
/* One bar per label; @second (NULL for one series) is stacked after @first. Copied. */
void        studio_chart_set_data        (StudioChart        *self,
                                          guint               n_bars,
                                          const char * const *labels,
                                          const double       *first,
                                          const double       *second);
void        studio_chart_clear           (StudioChart        *self);

guint       studio_chart_get_n_bars      (StudioChart        *self);
const char *studio_chart_get_label       (StudioChart        *self,
                                          guint               bar);
/* @series: 0 or 1 */
double      studio_chart_get_value       (StudioChart        *self,
                                          guint               bar,
                                          guint               series);
/* The text given to assistive technologies: the title and every value. */
char       *studio_chart_describe        (StudioChart        *self);

G_END_DECLS
