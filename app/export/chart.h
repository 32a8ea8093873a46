/* The trend chart of a group, as one model that both the PDF report
 * (export/report_pdf.c, cairo) and the trends screen (ui/screen_trends.c,
 * SDL) draw: its scale, the arrival and check-out series with their gaps
 * (a withheld session breaks a line and a band), the marked changes, the
 * instrument's labels and reference line. Where each mark goes on the
 * page or the screen, and how it looks, stays with each drawer. */
#ifndef HEARTH_CHART_H
#define HEARTH_CHART_H

#include "export/report.h"

#include <stdbool.h>

/* The two series, in the order they are drawn and named. */
#define CHART_SERIES 2
extern const RatingPhase chart_series_phase[CHART_SERIES]; /* arrival, check-out */

typedef struct TrendChart {
    int lo, hi;              /* the scale, both ends included */
    int n;                   /* sessions along the axis */
    const Instrument *in;    /* labels and reference line; NULL when unknown */
    /* each session's figures in each series, as the rule lets them show,
     * or NULL when the session has none */
    const StatsShown **cells[CHART_SERIES];
    bool *marked;            /* the session's change reaches the marked change */
} TrendChart;

/* Builds the chart of group g of report r. The scale is the instrument's,
 * or (its file gone) the scale its answers were given on. false when out
 * of memory (c is then empty). */
bool trend_chart_build(TrendChart *c, const Report *r, const ReportGroup *g);
void trend_chart_free(TrendChart *c);

/* Session i's place across the axis, 0 (left) to 1 (right): the middle of
 * its slot. */
double trend_chart_x(const TrendChart *c, int i);
/* A value's height on the scale, 0 (lo) to 1 (hi). */
double trend_chart_y(const TrendChart *c, double value);

/* The next run of consecutive sessions of a series from *from on that show
 * a median (bands false) or a middle half (bands true): [*from, *to).
 * false when none is left. A gap between runs is a withheld session. */
bool trend_chart_run(const TrendChart *c, int series, bool bands, int *from, int *to);

#endif
