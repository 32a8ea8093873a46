#include "export/chart.h"

#include <stdlib.h>
#include <string.h>

const RatingPhase chart_series_phase[CHART_SERIES] = {PHASE_ARRIVAL, PHASE_CHECKOUT};

bool trend_chart_build(TrendChart *c, const Report *r, const ReportGroup *g)
{
    memset(c, 0, sizeof *c);
    c->in = report_instrument(r, g->trend_instrument);
    c->n = g->nsessions;
    c->lo = c->in ? c->in->min : 0;
    c->hi = c->in ? c->in->max : 10;
    size_t n = c->n > 0 ? (size_t)c->n : 1;
    c->marked = calloc(n, sizeof *c->marked);
    for (int p = 0; p < CHART_SERIES; p++)
        c->cells[p] = calloc(n, sizeof *c->cells[p]);
    if (!c->marked || !c->cells[0] || !c->cells[1]) {
        trend_chart_free(c);
        return false;
    }
    bool scaled = c->in != NULL;
    for (int i = 0; i < c->n; i++) {
        for (int p = 0; p < CHART_SERIES; p++) {
            const ReportCell *cell =
                report_cell(r, g->session0 + i, g->trend_instrument, chart_series_phase[p]);
            c->cells[p][i] = cell ? &cell->shown : NULL;
            if (cell && !scaled && p == 0) {
                /* the instrument's file is gone: its answers' own scale */
                c->lo = cell->lo;
                c->hi = cell->hi;
                scaled = true;
            }
        }
        c->marked[i] = report_session_marked_change(r, g->session0 + i);
    }
    return true;
}

void trend_chart_free(TrendChart *c)
{
    free(c->marked);
    for (int p = 0; p < CHART_SERIES; p++)
        free(c->cells[p]);
    memset(c, 0, sizeof *c);
}

double trend_chart_x(const TrendChart *c, int i)
{
    return c->n > 0 ? (i + 0.5) / c->n : 0.5;
}

double trend_chart_y(const TrendChart *c, double value)
{
    return c->hi > c->lo ? (value - c->lo) / (double)(c->hi - c->lo) : 0;
}

static bool has(const TrendChart *c, int series, bool bands, int i)
{
    const StatsShown *s = c->cells[series][i];
    return s && (bands ? s->has_quartiles : s->has_median);
}

bool trend_chart_run(const TrendChart *c, int series, bool bands, int *from, int *to)
{
    int i = *from;
    while (i < c->n && !has(c, series, bands, i))
        i++;
    if (i >= c->n)
        return false;
    int j = i;
    while (j < c->n && has(c, series, bands, j))
        j++;
    *from = i;
    *to = j;
    return true;
}
