/* Trends in the console: per group, arrival and check-out mood per session
 * (median with the middle half of the answers as a band, n under each
 * point, gaps where a session has too few answers), attendance, and the
 * exercises ranked by their median change; the group and the period are
 * chosen by touch, and the report goes to a USB stick or a folder. Every
 * figure comes from the report model, suppression included. */
#include "core/clock.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/uuid.h"
#include "export/chart.h"
#include "export/report_write.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/inspect.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_PREV_GROUP = 2,
    ID_NEXT_GROUP = 3,
    ID_EXPORT = 4,
    ID_PAGE = 5,    /* the chart, or the summary and the cards, when both do not fit */
    ID_PERIOD0 = 10 /* + index into periods */
};


static const struct {
    const char *label; /* N_() */
    int weeks;         /* 0: everything */
} periods[] = {{N_("4 weeks"), 4}, {N_("12 weeks"), 12}, {N_("6 months"), 26}, {N_("All"), 0}};
#define NPERIODS 4

typedef struct Trends {
    Screen base;
    char (*groups)[GROUP_NAME_SIZE]; /* every group reports can be about (malloc'd) */
    int ngroups, group, period;
    Report report;
    bool loaded;
    int selected; /* a session of the group tapped on the chart, or -1 */
    int page;     /* when paged: 0 the chart, 1 the summary and the cards */
    char message[700];
    bool problem;
} Trends;

static void load(App *app, Trends *t)
{
    if (t->loaded)
        report_free(&t->report);
    t->loaded = false;
    t->selected = -1;
    if (t->ngroups == 0)
        return;
    ReportOptions opt = {.group = t->groups[t->group], .min_cell = app->settings.min_cell,
                         .catalog = app->catalog};
    if (periods[t->period].weeks > 0) {
        opt.has_since = true;
        opt.since_ms = app->wall - periods[t->period].weeks * REPORT_WEEK_MS;
    }
    if (report_build(app->store, &opt, &t->report) == STORE_OK) {
        t->loaded = true;
    } else {
        snprintf(t->message, sizeof t->message, "%s", store_error(app->store));
        t->problem = true;
    }
    app_targets_changed(app);
    app_invalidate(app);
}

static const ReportGroup *group_of(const Trends *t)
{
    return t->loaded && t->report.ngroups > 0 ? &t->report.groups[0] : NULL;
}

typedef struct TrLayout {
    SDL_Rect prev, name, next, periods[NPERIODS];
    SDL_Rect chart, side, attendance, ranking, message, export_btn;
    SDL_Rect plot; /* inside chart: where the points go */
    SDL_Rect page_btn; /* when everything does not fit on one page */
} TrLayout;

static void bottom_text(App *app, Trends *t, char *line, size_t n, SDL_Color *colour);
static SDL_Rect plot_rect(App *app, const View *v_, const Trends *t, SDL_Rect chart, int nrows);
static int n_rows(App *app, const View *v, const Trends *t, SDL_Rect chart, float *step);

/* The chart's title: the instrument, on arrival and at check-out. */
static void chart_title(const Trends *t, char *title, size_t n)
{
    const ReportGroup *g = group_of(t);
    const Instrument *ins = g ? report_instrument(&t->report, g->trend_instrument) : NULL;
    snprintf(title, n, _("\"%s\" on arrival and at check-out"),
             ins ? text_in(&ins->title, i18n_lang()) : g ? g->trend_instrument : "");
}

/* Every text in its role, as many lines as it needs: the group's name
 * (the tallest of all groups', so nothing moves when the group changes),
 * the periods beside it when they fit on one line each, else below it, the
 * summary and the export button at the bottom, the chart and its two
 * cards in what is left. */
static void layout(App *app, const View *v_, Trends *t, TrLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = ui_body(app, v, _("Trends"), true);
    int gap = ui_gap(v), touch = widget_min_touch(v);
    bool portrait = v->h > v->w;
    const char *labels[NPERIODS];
    int one_line = gap * (NPERIODS - 1);
    for (int i = 0; i < NPERIODS; i++) {
        labels[i] = _(periods[i].label);
        one_line += widget_button_w(app, v, labels[i], false, v->w);
    }
    bool beside = !portrait && one_line <= (area.w - gap) / 2;
    SDL_Rect top = area;
    int arrow_w = widget_button_w(app, v, "\xE2\x80\xB9", false, area.w / 4);
    arrow_w = arrow_w > touch ? arrow_w : touch;
    int name_w = (beside ? (area.w - gap) / 2 : area.w) - arrow_w * 2 - gap * 2, name_h = 0;
    for (int i = 0; i < t->ngroups || (i == 0 && t->ngroups == 0); i++) {
        int h = type_height(app, v, TYPE_LABEL, t->ngroups ? t->groups[i] : _("No groups yet"),
                            name_w);
        name_h = h > name_h ? h : name_h;
    }
    int groups_h = widget_button_h(app, v, "\xE2\x80\xB9", false, arrow_w);
    groups_h = name_h > groups_h ? name_h : groups_h;
    SDL_Rect groups;
    SDL_Rect controls;
    int period_cols = NPERIODS;
    if (beside) {
        int ph = widget_row_h(app, v, labels, NPERIODS, (area.w - gap) / 2, gap / 2);
        SDL_Rect row = rect_cut_top(&area, groups_h > ph ? groups_h : ph);
        groups = rect_cut_left(&row, (row.w - gap) / 2);
        rect_cut_left(&row, gap);
        controls = row;
    } else {
        groups = rect_cut_top(&area, groups_h);
        rect_cut_top(&area, gap);
        /* four in a row when their words fit, else two rows of two */
        int cols = one_line <= area.w ? NPERIODS : NPERIODS / 2;
        int rh = widget_row_h(app, v, labels, cols, area.w, gap / 2);
        if (cols < NPERIODS) {
            int rh2 = widget_row_h(app, v, labels + cols, cols, area.w, gap / 2);
            rh = rh2 > rh ? rh2 : rh;
        }
        controls = rect_cut_top(&area, rh * (NPERIODS / cols) + gap / 2 * (NPERIODS / cols - 1));
        period_cols = cols;
    }
    (void)top;
    rect_cut_top(&area, gap);
    int arrow = widget_button_w(app, v, "\xE2\x80\xB9", false, groups.w / 4);
    arrow = arrow > touch ? arrow : touch;
    l->prev = rect_cut_left(&groups, arrow);
    l->next = rect_cut_right(&groups, arrow);
    l->name = groups;
    l->name.x += gap;
    l->name.w -= gap * 2;
    for (int i = 0; i < NPERIODS; i++)
        l->periods[i] = rect_col(rect_row(controls, NPERIODS / period_cols, i / period_cols, gap / 2),
                                 period_cols, i % period_cols, gap / 2);
    /* the summary beside the export button, as tall as its lines */
    bool usb = false;
    char dir[HEARTH_PATH_MAX];
    paths_export_dir(app->store ? store_path(app->store) : "", dir, sizeof dir, &usb);
    const char *export_label = usb ? _("Export to USB") : _("Export report");
    int ew = widget_button_w(app, v, export_label, false, portrait ? area.w / 2 : area.w / 3);
    int eh = widget_button_h(app, v, export_label, false, ew);
    char line[900];
    SDL_Color colour;
    bottom_text(app, t, line, sizeof line, &colour);
    int mh = type_height(app, v, TYPE_CAPTION, line, area.w - ew - gap);
    SDL_Rect body = area;
    SDL_Rect bottom = rect_cut_bottom(&area, mh > eh ? mh : eh);
    rect_cut_bottom(&area, gap);
    l->export_btn = rect_cut_right(&bottom, ew);
    l->export_btn.h = eh;
    rect_cut_right(&bottom, gap);
    l->message = bottom;
    if (portrait) {
        l->chart = rect_cut_top(&area, area.h * 11 / 20);
        rect_cut_top(&area, gap);
        l->side = area;
    } else {
        l->chart = rect_cut_left(&area, area.w * 63 / 100);
        rect_cut_left(&area, gap);
        l->side = area;
    }
    /* too little room for the chart's scale or the cards' words: two
     * pages, the chart alone, then the summary and the cards */
    int line_h = type_line_h(app, v, TYPE_CAPTION);
    float step;
    SDL_Rect plot = plot_rect(app, v, t, l->chart, n_rows(app, v, t, l->chart, &step));
    bool fits = plot.h >= line_h * 4 && l->side.h / 2 >= line_h * 5;
    if (!fits) {
        area = body;
        const char *page_label = t->page ? _("Show the chart") : _("Show the summary");
        int pw = widget_button_w(app, v, page_label, false, (area.w - gap) / 2);
        int ph = widget_button_h(app, v, page_label, false, pw);
        bottom = rect_cut_bottom(&area, ph > eh ? ph : eh);
        rect_cut_bottom(&area, gap);
        l->export_btn = rect_cut_right(&bottom, ew);
        l->page_btn = rect_cut_left(&bottom, pw);
        l->chart = l->side = l->message = (SDL_Rect){0, 0, 0, 0};
        if (t->page == 0) {
            l->chart = area;
        } else {
            l->message = rect_cut_top(&area, type_height(app, v, TYPE_CAPTION, line, area.w));
            rect_cut_top(&area, gap);
            l->side = area;
        }
    }
    SDL_Rect side = l->side;
    if (!fits && !portrait) {
        l->attendance = rect_cut_left(&side, (side.w - gap) / 2);
        rect_cut_left(&side, gap);
        l->ranking = side;
    } else {
        l->attendance = rect_cut_top(&side, side.h * 2 / 5);
        rect_cut_top(&side, gap);
        l->ranking = side;
    }
}

/* The plot area inside the chart card, leaving room for the title (as
 * many lines as it needs), the legend, the scale on the left and the n
 * rows and weeks below. */
static SDL_Rect plot_rect(App *app, const View *v_, const Trends *t, SDL_Rect chart, int nrows)
{
    View *v = (View *)v_;
    int pad = ui_gap(v);
    int small = type_line_h(app, v, TYPE_CAPTION);
    SDL_Rect in = rect_inset(chart, pad);
    char title[200];
    chart_title(t, title, sizeof title);
    rect_cut_top(&in, type_height(app, v, TYPE_LABEL, title, in.w) + small + pad); /* title, legend */
    int scale_w;
    TextStyle st = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_RIGHT);
    text_size(v->text, "10", &st, &scale_w, NULL);
    rect_cut_left(&in, scale_w + small / 2);           /* the scale */
    rect_cut_bottom(&in, small * (nrows + 1) + pad);   /* n rows, weeks */
    rect_cut_top(&in, small / 2 + 4);                  /* marked-change marks */
    return in;
}

static int n_rows(App *app, const View *v, const Trends *t, SDL_Rect chart, float *step)
{
    const ReportGroup *g = group_of(t);
    SDL_Rect p = plot_rect(app, v, t, chart, 2);
    *step = g && g->nsessions ? p.w / (float)g->nsessions : (float)p.w;
    int need = 0, dash = 0, h;
    TextStyle st = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_LEFT);
    text_size(v->text, "10", &st, &need, &h);
    text_size(v->text, "\xE2\x80\x93", &st, &dash, &h);
    /* the counts under the points only where they leave the plot room */
    if (p.h < type_line_h(app, v, TYPE_CAPTION) * 5)
        return 0;
    return *step >= (need > dash ? need : dash) + 4 ? 2 : 0;
}

static int tr_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Trends *t = (Trends *)s;
    (void)max;
    TrLayout l;
    layout(app, v, t, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    out[n++] = (Target){ID_PREV_GROUP, l.prev, t->ngroups < 2};
    out[n++] = (Target){ID_NEXT_GROUP, l.next, t->ngroups < 2};
    for (int i = 0; i < NPERIODS; i++)
        out[n++] = (Target){ID_PERIOD0 + i, l.periods[i], false};
    out[n++] = (Target){ID_EXPORT, l.export_btn, !group_of(t)};
    if (l.page_btn.w)
        out[n++] = (Target){ID_PAGE, l.page_btn, false};
    return n;
}

static void export_all(App *app, Trends *t)
{
    char dir[HEARTH_PATH_MAX];
    bool usb = false;
    if (!paths_export_dir(store_path(app->store), dir, sizeof dir, &usb)) {
        snprintf(t->message, sizeof t->message, "%s", _("There is no folder to write to."));
        t->problem = true;
        return;
    }
    char stamp[16];
    clock_iso_date(app->wall, stamp);
    static const ReportFormat formats[] = {REPORT_PDF, REPORT_CSV, REPORT_JSON};
    char names[3][96];
    for (int i = 0; i < 3; i++) {
        char *name = names[i], path[HEARTH_PATH_MAX + 100], err[600], id[UUID_STR_LEN];
        snprintf(name, sizeof names[i], "hearth-trends-%s-%lld.%s", stamp,
                 (long long)(app->wall / 1000 % 100000), report_format_name(formats[i]));
        if (!paths_join(path, sizeof path, dir, name)) {
            snprintf(t->message, sizeof t->message, "%s", _("The folder's name is too long."));
            t->problem = true;
            return;
        }
        char how[64];
        snprintf(how, sizeof how, "console, %s", periods[t->period].label);
        if (!report_export(app->store, &t->report, formats[i], path, how, app->wall, id, err,
                           sizeof err)) {
            snprintf(t->message, sizeof t->message, "%s", err);
            t->problem = true;
            return;
        }
    }
    /* every file written, in the folder that holds them */
    snprintf(t->message, sizeof t->message,
             usb ? _("The report is on the USB stick, in %s: %s, %s and %s")
                 : _("The report is in %s: %s, %s and %s"),
             dir, names[0], names[1], names[2]);
    t->problem = false;
}

static void tr_activate(App *app, Screen *s, int id)
{
    Trends *t = (Trends *)s;
    if (id == ID_BACK) {
        app_pop(app);
    } else if (id == ID_PREV_GROUP && t->ngroups > 1) {
        t->group = (t->group + t->ngroups - 1) % t->ngroups;
        t->message[0] = '\0';
        load(app, t);
    } else if (id == ID_NEXT_GROUP && t->ngroups > 1) {
        t->group = (t->group + 1) % t->ngroups;
        t->message[0] = '\0';
        load(app, t);
    } else if (id >= ID_PERIOD0 && id < ID_PERIOD0 + NPERIODS) {
        t->period = id - ID_PERIOD0;
        t->message[0] = '\0';
        load(app, t);
    } else if (id == ID_EXPORT && group_of(t)) {
        export_all(app, t);
    } else if (id == ID_PAGE) {
        t->page = !t->page;
        app_targets_changed(app);
    }
    app_invalidate(app);
}

static bool tr_event(App *app, Screen *s, const SDL_Event *ev)
{
    Trends *t = (Trends *)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    /* a tap on the chart shows that session's figures */
    int x, y;
    View *v = app_main_view(app);
    if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.which != SDL_TOUCH_MOUSEID) {
        x = ev->button.x;
        y = ev->button.y;
    } else if (ev->type == SDL_FINGERDOWN) {
        x = (int)(ev->tfinger.x * (float)v->w);
        y = (int)(ev->tfinger.y * (float)v->h);
    } else {
        return false;
    }
    const ReportGroup *g = group_of(t);
    TrLayout l;
    layout(app, v, t, &l);
    SDL_Point pt = {x, y};
    if (!g || g->nsessions == 0 || !SDL_PointInRect(&pt, &l.chart))
        return false;
    float step;
    int rows = n_rows(app, v, t, l.chart, &step);
    SDL_Rect p = plot_rect(app, v, t, l.chart, rows);
    int i = (int)((x - p.x) / (p.w / (float)g->nsessions));
    t->selected = i < 0 ? 0 : i >= g->nsessions ? g->nsessions - 1 : i;
    app_invalidate(app);
    return true;
}


static SDL_Color series_colour(const App *app, int p)
{
    return p == 0 ? app->theme.info : app->theme.accent;
}

static float x_of(SDL_Rect p, int n, int i) { return p.x + (i + 0.5f) * p.w / (float)n; }

static float y_of(SDL_Rect p, int lo, int hi, double v)
{
    return (float)(p.y + p.h - (v - lo) / (double)(hi - lo) * p.h);
}

static void draw_chart(App *app, View *v, Trends *t, SDL_Rect chart)
{
    const Theme *th = &app->theme;
    const ReportGroup *g = group_of(t);
    const Report *r = &t->report;
    widget_card(app, v, chart);
    int pad = ui_gap(v), small = type_px(app, v, TYPE_CAPTION);
    SDL_Rect in = rect_inset(chart, pad);
    const Instrument *ins = g ? report_instrument(r, g->trend_instrument) : NULL;
    char title[200];
    chart_title(t, title, sizeof title);
    TextStyle ts = type_style(app, v, TYPE_LABEL, th->text, ALIGN_LEFT);
    int title_h = type_height(app, v, TYPE_LABEL, title, in.w);
    text_draw_top(v->text, title, &ts, rect_cut_top(&in, title_h));
    /* legend: two short lines and their words; the hint where it clears */
    int line_h = type_line_h(app, v, TYPE_CAPTION);
    SDL_Rect legend = rect_cut_top(&in, line_h);
    TextStyle ls = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_LEFT);
    int lx = legend.x, ly = legend.y + line_h / 2;
    for (int p = 0; p < 2; p++) {
        SDL_FPoint seg[2] = {{(float)lx, (float)ly}, {(float)lx + small * 1.5f, (float)ly}};
        draw_polyline(v->renderer, seg, 2, v->unit * 0.7f, series_colour(app, p));
        int w;
        const char *word = p == 0 ? _("arrival") : _("check-out");
        text_size(v->text, word, &ls, &w, NULL);
        text_draw_box(v->text, word, &ls, (SDL_Rect){lx + small * 2, legend.y, w, line_h});
        lx += small * 2 + w + small * 2;
    }
    TextStyle hs = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_RIGHT);
    int hint_w;
    text_size(v->text, _("tap a session for its figures"), &hs, &hint_w, NULL);
    if (lx + hint_w < legend.x + legend.w)
        text_draw_box(v->text, _("tap a session for its figures"), &hs,
                      (SDL_Rect){legend.x + legend.w - hint_w, legend.y, hint_w, line_h});
    if (!g || g->nsessions == 0) {
        TextStyle es = type_style(app, v, TYPE_BODY, th->text_muted, ALIGN_CENTER);
        text_draw_box(v->text, _("No sessions in this period. Choose a longer period."), &es, in);
        return;
    }
    TrendChart model;
    if (!trend_chart_build(&model, r, g))
        return;
    float step;
    int rows = n_rows(app, v, t, chart, &step);
    SDL_Rect p = plot_rect(app, v, t, chart, rows);
    int lo = model.lo, hi = model.hi;
    int S = model.n;
    /* scale */
    /* every value's line; its number where the numbers do not touch */

    float apart = hi > lo ? p.h / (float)(hi - lo) : (float)p.h;
    int each = apart >= line_h ? 1 : (int)ceilf(line_h / fmaxf(apart, 1.0f));
    for (int val = lo; val <= hi; val++) {
        float y = y_of(p, lo, hi, val);
        draw_rect(v->renderer, (SDL_Rect){p.x, (int)y, p.w, 1}, th->line);
        if ((val - lo) % each)
            continue;
        char lab[8];
        snprintf(lab, sizeof lab, "%d", val);
        TextStyle ys = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_RIGHT);
        text_draw_box(v->text, lab, &ys,
                      (SDL_Rect){chart.x, (int)y - line_h / 2, p.x - small / 2 - chart.x, line_h});
    }
    if (ins && ins->has_reference_line) {
        float y = y_of(p, lo, hi, ins->reference_line);
        for (int x = p.x; x < p.x + p.w; x += small)
            draw_rect(v->renderer, (SDL_Rect){x, (int)y - 1, small / 2, 2}, th->attention);
        char lab[160];
        report_reference_label(ins, lab, sizeof lab);
        TextStyle cs = type_style(app, v, TYPE_CAPTION, th->attention, ALIGN_RIGHT);
        cs.weight = FONT_BOLD;
        /* on a patch of the card, clear of the lines under it */
        int lw;
        text_size(v->text, lab, &cs, &lw, NULL);
        SDL_Rect patch = {p.x + p.w - lw - 4, (int)y - line_h - 2, lw + 4, line_h};
        draw_rect(v->renderer, patch, th->surface);
        text_draw_box(v->text, lab, &cs, patch);
    }
    /* bands: one convex quad between each two shown neighbours of a run */
    for (int ph = 0; ph < CHART_SERIES; ph++) {
        const StatsShown *const *c = model.cells[ph];
        SDL_Color band = series_colour(app, ph);
        band.a = 56;
        for (int i = 0, j; trend_chart_run(&model, ph, true, &i, &j); i = j) {
            if (j - i == 1) {
                /* a point alone between gaps: its band as a short bar */
                float x0 = x_of(p, S, i), hw = fmaxf(step * 0.3f, 1.5f);
                SDL_FPoint q[4] = {{x0 - hw, y_of(p, lo, hi, c[i]->q3)},
                                   {x0 + hw, y_of(p, lo, hi, c[i]->q3)},
                                   {x0 + hw, y_of(p, lo, hi, c[i]->q1)},
                                   {x0 - hw, y_of(p, lo, hi, c[i]->q1)}};
                draw_polygon(v->renderer, q, 4, band);
            }
            for (int k = i; k + 1 < j; k++) {
                float x0 = x_of(p, S, k), x1 = x_of(p, S, k + 1);
                SDL_FPoint q[4] = {{x0, y_of(p, lo, hi, c[k]->q3)},
                                   {x1, y_of(p, lo, hi, c[k + 1]->q3)},
                                   {x1, y_of(p, lo, hi, c[k + 1]->q1)},
                                   {x0, y_of(p, lo, hi, c[k]->q1)}};
                draw_polygon(v->renderer, q, 4, band);
            }
        }
    }
    /* lines, broken at every withheld session, and the points */
    SDL_FPoint *pts = malloc((size_t)S * sizeof *pts);
    float thick = S > 200 ? v->unit * 0.3f : v->unit * 0.6f;
    float dot = S > 120 ? 0 : fminf(v->unit * 0.9f, step * 0.35f);
    for (int ph = 0; ph < CHART_SERIES && pts; ph++) {
        const StatsShown *const *c = model.cells[ph];
        for (int i = 0, j; trend_chart_run(&model, ph, false, &i, &j); i = j) {
            int n = 0;
            for (int k = i; k < j; k++)
                pts[n++] = (SDL_FPoint){x_of(p, S, k), y_of(p, lo, hi, c[k]->median)};
            if (n > 1)
                draw_polyline(v->renderer, pts, n, thick, series_colour(app, ph));
            else
                draw_circle(v->renderer, pts[0].x, pts[0].y, fmaxf(thick, dot),
                            series_colour(app, ph));
        }
        for (int i = 0, j; dot > 0 && trend_chart_run(&model, ph, false, &i, &j); i = j)
            for (int k = i; k < j; k++)
                draw_circle(v->renderer, x_of(p, S, k), y_of(p, lo, hi, c[k]->median), dot,
                            series_colour(app, ph));
    }
    free(pts);
    /* the marked change: a small triangle over the session */
    for (int i = 0; i < S; i++) {
        if (!model.marked[i])
            continue;
        float x = x_of(p, S, i), y = (float)p.y - 3, sz = fmaxf(v->unit * 0.9f, 3);
        SDL_FPoint tri[3] = {{x - sz, y - sz * 1.6f}, {x + sz, y - sz * 1.6f}, {x, y}};
        draw_polygon(v->renderer, tri, 3, th->ok);
    }
    /* the session tapped */
    if (t->selected >= 0) {
        float x = x_of(p, S, t->selected);
        draw_rect(v->renderer, (SDL_Rect){(int)x, p.y, 1, p.h}, th->focus);
    }
    /* n under each point, when they fit */
    TextStyle ns = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->text_muted, 0, ALIGN_CENTER, TYPE_CAPTION};
    for (int ph = 0; ph < rows; ph++) {
        ns.color = series_colour(app, ph);
        for (int i = 0; i < S; i++) {
            const StatsShown *c = model.cells[ph][i];
            char lab[12];
            if (c && c->shown)
                snprintf(lab, sizeof lab, "%d", c->n);
            else
                snprintf(lab, sizeof lab, "\xE2\x80\x93");
            text_draw(v->text, lab, &ns, (int)x_of(p, S, i), p.y + p.h + 2 + ph * line_h);
        }
    }
    /* weeks */
    int wlab = 0;
    TextStyle ws = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    char sample[32];
    snprintf(sample, sizeof sample, _("wk %d"), g->first_week + g->weeks - 1);
    int hh;
    text_size(v->text, sample, &ws, &wlab, &hh);
    int every = report_week_label_step(g->weeks, wlab + small, p.w);
    int last = 0;
    for (int i = 0; i < S; i++) {
        if (!report_week_labelled(r, g, i, every, &last))
            continue;
        int wk = last;
        char lab[32];
        snprintf(lab, sizeof lab, _("wk %d"), wk);
        int x = (int)(x_of(p, S, i) - step / 2);
        draw_rect(v->renderer, (SDL_Rect){x, p.y, 1, p.h}, th->line);
        text_draw(v->text, lab, &ws, x + 2, p.y + p.h + 2 + rows * line_h);
    }
    trend_chart_free(&model);
}

static void draw_attendance(App *app, View *v, Trends *t, SDL_Rect box)
{
    const Theme *th = &app->theme;
    const ReportGroup *g = group_of(t);
    widget_card(app, v, box);
    int pad = ui_gap(v), small = type_px(app, v, TYPE_CAPTION);
    SDL_Rect in = rect_inset(box, pad);
    TextStyle ts = type_style(app, v, TYPE_CAPTION, th->text, ALIGN_LEFT);
    text_draw_top(v->text, _("Attendance"), &ts,
                  rect_cut_top(&in, type_height(app, v, TYPE_CAPTION, _("Attendance"), in.w)));
    rect_cut_top(&in, pad / 2);
    if (!g)
        return;
    char sub[120], mean[16];
    if (g->attendance_sessions > 0) {
        i18n_format_decimal(mean, sizeof mean,
                            g->attendance_total / (double)g->attendance_sessions, 1);
        snprintf(sub, sizeof sub,
                 g->attendance_sessions < g->nsessions
                     ? _("%s people per session on average, over the sessions shown")
                     : _("%s people per session on average"),
                 mean);
    } else {
        snprintf(sub, sizeof sub, "%s", _("every count withheld: no average"));
    }
    TextStyle ss = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_LEFT);
    text_draw_top(v->text, sub, &ss,
                  rect_cut_bottom(&in, type_height(app, v, TYPE_CAPTION, sub, in.w)));
    rect_cut_bottom(&in, pad / 2);
    (void)small;
    const Report *r = &t->report;
    int max = 1;
    for (int i = 0; i < g->nsessions; i++)
        if (r->sessions[g->session0 + i].attendance > max)
            max = r->sessions[g->session0 + i].attendance;
    float step = in.w / (float)(g->nsessions ? g->nsessions : 1);
    for (int i = 0; i < g->nsessions; i++) {
        int a = r->sessions[g->session0 + i].attendance;
        int x = in.x + (int)(i * step), w = (int)fmaxf(step * 0.7f, 1);
        if (a < 0) {
            draw_rect(v->renderer, (SDL_Rect){x, in.y + in.h - 2, w, 2}, th->text_muted);
            continue;
        }
        int h = (int)(in.h * a / (float)max);
        SDL_Color c = i == t->selected ? th->focus : th->line;
        if (i != t->selected)
            c = theme_mix(th->line, th->text_muted, 0.35f);
        draw_rect(v->renderer, (SDL_Rect){x, in.y + in.h - h, w, h}, c);
    }
}

static void draw_ranking(App *app, View *v, Trends *t, SDL_Rect box)
{
    const Theme *th = &app->theme;
    const ReportGroup *g = group_of(t);
    widget_card(app, v, box);
    int pad = ui_gap(v), small = type_px(app, v, TYPE_CAPTION);
    SDL_Rect in = rect_inset(box, pad);
    TextStyle ts = type_style(app, v, TYPE_CAPTION, th->text, ALIGN_LEFT);
    const char *head = _("Exercises by median change");
    text_draw_top(v->text, head, &ts,
                  rect_cut_top(&in, type_height(app, v, TYPE_CAPTION, head, in.w)));
    rect_cut_top(&in, pad / 2);
    if (!g)
        return;
    /* whole rows only: each as tall as its title and detail need */
    int shown = 0;
    TextStyle cs = type_style(app, v, TYPE_LABEL, th->ok, ALIGN_RIGHT);
    int change_w;
    text_size(v->text, "+10.0", &cs, &change_w, NULL);
    for (int e = 0; e < g->nexercises; e++) {
        const ReportExercise *x = &g->exercises[e];
        if (x->runs == 0)
            continue;
        const Exercise *ex = app->catalog ? catalog_exercise(app->catalog, x->exercise) : NULL;
        const Instrument *ins = report_instrument(&t->report, x->instrument);
        char change[16], detail[160];
        snprintf(change, sizeof change, "%+.1f", x->median_change);
        snprintf(detail, sizeof detail, P_("%s \xC2\xB7 %d run", "%s \xC2\xB7 %d runs", x->runs),
                 ins ? text_in(&ins->title, i18n_lang()) : x->instrument, x->runs);
        const char *name = ex ? text_in(&ex->title, i18n_lang()) : x->exercise;
        int tw = in.w - change_w - pad;
        int nh = type_height(app, v, TYPE_CAPTION, name, tw);
        int dh = type_height(app, v, TYPE_CAPTION, detail, tw);
        if (nh + dh > in.h)
            break;
        SDL_Rect row = rect_cut_top(&in, nh + dh);
        rect_cut_top(&in, pad / 2);
        cs.color = x->improvement <= 0 ? th->text_muted : th->ok;
        SDL_Rect right = rect_cut_right(&row, change_w);
        rect_cut_right(&row, pad);
        text_draw_top(v->text, change, &cs, right);
        TextStyle es = type_style(app, v, TYPE_CAPTION, th->text, ALIGN_LEFT);
        text_draw_top(v->text, name, &es, rect_cut_top(&row, nh));
        TextStyle ds = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_LEFT);
        text_draw_top(v->text, detail, &ds, row);
        shown++;
    }
    (void)small;
    if (shown == 0) {
        char none[200];
        snprintf(none, sizeof none,
                 P_("No exercise rated before and after rests on %d answer or more yet.",
                    "No exercise rated before and after rests on %d answers or more yet.",
                    t->report.opt.min_cell),
                 t->report.opt.min_cell);
        TextStyle es = type_style(app, v, TYPE_CAPTION, th->text_muted, ALIGN_LEFT);
        text_draw_top(v->text, none, &es, in);
    }
}

static void selected_text(Trends *t, char *out, size_t n)
{
    const ReportGroup *g = group_of(t);
    const Report *r = &t->report;
    int s = g->session0 + t->selected;
    const ReportSession *rs = &r->sessions[s];
    char date[64], part[2][120];
    int y, mo, d, wd;
    clock_local_date(rs->opened_ms, &y, &mo, &d, &wd);
    i18n_format_day(date, sizeof date, y, mo, d);
    for (int ph = 0; ph < 2; ph++) {
        const ReportCell *c =
            report_cell(r, s, g->trend_instrument, ph == 0 ? PHASE_ARRIVAL : PHASE_CHECKOUT);
        if (!c || !c->shown.shown)
            snprintf(part[ph], sizeof part[ph], "%s", _("withheld"));
        else if (c->shown.has_quartiles)
            snprintf(part[ph], sizeof part[ph], _("middle answer %d (half from %d to %d), n %d"),
                     c->shown.median, c->shown.q1, c->shown.q3, c->shown.n);
        else
            snprintf(part[ph], sizeof part[ph], _("middle answer %d, n %d"), c->shown.median,
                     c->shown.n);
    }
    char att[40];
    if (rs->attendance >= 0)
        snprintf(att, sizeof att, "%d", rs->attendance);
    else
        snprintf(att, sizeof att, "%s", _("withheld"));
    snprintf(out, n, _("%s, week %d: arrival %s; check-out %s; attended %s."), date, rs->week,
             part[0], part[1], att);
}

static void tr_draw(App *app, Screen *s, View *v)
{
    Trends *t = (Trends *)s;
    const Theme *th = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Trends"), ID_BACK);
    TrLayout l;
    layout(app, v, t, &l);
    Target pv = {ID_PREV_GROUP, l.prev, t->ngroups < 2}, nx = {ID_NEXT_GROUP, l.next, t->ngroups < 2};
    widget_button(app, v, &pv, "\xE2\x80\xB9", BUTTON_SECONDARY, NULL);
    widget_button(app, v, &nx, "\xE2\x80\xBA", BUTTON_SECONDARY, NULL);
    TextStyle gs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, th->text, 0, ALIGN_CENTER, TYPE_LABEL};
    text_draw_box(v->text, t->ngroups ? t->groups[t->group] : _("No groups yet"), &gs, l.name);
    for (int i = 0; i < NPERIODS; i++) {
        Target pt = {ID_PERIOD0 + i, l.periods[i], false};
        widget_button(app, v, &pt, _(periods[i].label),
                      i == t->period ? BUTTON_PRIMARY : BUTTON_SECONDARY, NULL);
    }
    if (l.chart.w)
        draw_chart(app, v, t, l.chart);
    if (l.attendance.w && l.attendance.h)
        draw_attendance(app, v, t, l.attendance);
    if (l.ranking.w && l.ranking.h)
        draw_ranking(app, v, t, l.ranking);
    if (l.page_btn.w) {
        Target pg = {ID_PAGE, l.page_btn, false};
        widget_button(app, v, &pg, t->page ? _("Show the chart") : _("Show the summary"),
                      BUTTON_SECONDARY, NULL);
    }
    Target ex = {ID_EXPORT, l.export_btn, !group_of(t)};
    bool usb = false;
    char dir[HEARTH_PATH_MAX];
    paths_export_dir(store_path(app->store), dir, sizeof dir, &usb);
    widget_button(app, v, &ex, usb ? _("Export to USB") : _("Export report"), BUTTON_SECONDARY,
                  NULL);
    char line[900];
    SDL_Color colour;
    bottom_text(app, t, line, sizeof line, &colour);
    TextStyle ms = type_style(app, v, TYPE_CAPTION, colour, ALIGN_LEFT);
    if (l.message.w)
        text_draw_top(v->text, line, &ms, l.message);
}

/* The line under the chart: a message, the session tapped, or the
 * summary. */
static void bottom_text(App *app, Trends *t, char *line, size_t n, SDL_Color *colour)
{
    const Theme *th = &app->theme;
    *colour = th->text_muted;
    if (t->message[0]) {
        snprintf(line, n, "%s", t->message);
        *colour = t->problem ? th->attention : th->ok;
    } else if (group_of(t) && t->selected >= 0) {
        selected_text(t, line, n);
        *colour = th->text;
    } else if (group_of(t)) {
        report_group_summary(&t->report, 0, line, n);
        char k[160];
        snprintf(k, sizeof k,
                 P_(" Gaps: fewer than %d answer.", " Gaps: fewer than %d answers.",
                    t->report.opt.min_cell),
                 t->report.opt.min_cell);
        strncat(line, k, n - strlen(line) - 1);
    } else {
        snprintf(line, n, "%s",
                 _("No sessions yet. Trends appear after the first session with ratings."));
    }
}

static void tr_destroy(App *app, Screen *s)
{
    (void)app;
    Trends *t = (Trends *)s;
    if (t->loaded)
        report_free(&t->report);
    free(t->groups);
    free(t);
}

const ScreenClass trends_screen_class = {
    .name = "trends",
    .event = tr_event,
    .activate = tr_activate,
    .targets = tr_targets,
    .draw = tr_draw,
    .destroy = tr_destroy,
};

Screen *trends_screen_new(App *app)
{
    Trends *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->base.cls = &trends_screen_class;
    t->period = 1; /* 12 weeks: a program's length */
    t->ngroups = report_groups_all(app->store, &t->groups);
    if (t->ngroups < 0)
        t->ngroups = 0;
    /* start on the group of the open session, if any */
    SessionInfo cur;
    if (session_current(app->store, &cur) == STORE_OK)
        for (int i = 0; i < t->ngroups; i++)
            if (!strcmp(t->groups[i], cur.group_name))
                t->group = i;
    load(app, t);
    return &t->base;
}

const char *trends_message(const Screen *s) { return ((const Trends *)s)->message; }

const char *trends_group(const Screen *s)
{
    const Trends *t = (const Trends *)s;
    return t->ngroups ? t->groups[t->group] : "";
}

int trends_period_weeks(const Screen *s) { return periods[((const Trends *)s)->period].weeks; }

const Report *trends_report(const Screen *s)
{
    const Trends *t = (const Trends *)s;
    return t->loaded ? &t->report : NULL;
}

bool trends_point(App *app, const Screen *s, int i, RatingPhase phase, SDL_Point *out)
{
    const Trends *t = (const Trends *)s;
    const ReportGroup *g = group_of(t);
    if (!g || i < 0 || i >= g->nsessions)
        return false;
    View *v = app_main_view(app);
    TrLayout l;
    layout(app, v, (Trends *)t, &l);
    float step;
    int rows = n_rows(app, v, t, l.chart, &step);
    SDL_Rect p = plot_rect(app, v, t, l.chart, rows);
    const Instrument *ins = report_instrument(&t->report, g->trend_instrument);
    int lo = ins ? ins->min : 0, hi = ins ? ins->max : 10;
    const ReportCell *c = report_cell(&t->report, g->session0 + i, g->trend_instrument, phase);
    double val = c && c->shown.has_median ? c->shown.median : (lo + hi) / 2.0;
    out->x = (int)x_of(p, g->nsessions, i);
    out->y = (int)y_of(p, lo, hi, val);
    return true;
}

SDL_Rect trends_plot_rect(App *app, const Screen *s)
{
    const Trends *t = (const Trends *)s;
    View *v = app_main_view(app);
    TrLayout l;
    layout(app, v, (Trends *)t, &l);
    float step;
    return plot_rect(app, v, t, l.chart, n_rows(app, v, t, l.chart, &step));
}

static void open_trends(App *app) { app_push(app, trends_screen_new(app)); }

const ConsoleTile trends_tile = {N_("Trends"), NULL, false, open_trends};
