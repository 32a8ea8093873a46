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
} TrLayout;

static void layout(App *app, const View *v, TrLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v));
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    int ch = bh * 4 / 5 < widget_min_touch(v) ? widget_min_touch(v) : bh * 4 / 5;
    bool portrait = v->h > v->w;
    SDL_Rect controls = rect_cut_top(&area, portrait ? ch * 2 + gap : ch);
    rect_cut_top(&area, gap);
    SDL_Rect groups = portrait ? rect_cut_top(&controls, ch) : rect_cut_left(&controls,
                                                                             controls.w / 2);
    if (portrait)
        rect_cut_top(&controls, gap);
    else
        rect_cut_left(&controls, gap);
    l->prev = rect_cut_left(&groups, ch);
    l->next = rect_cut_right(&groups, ch);
    l->name = rect_inset(groups, 0);
    l->name.x += gap / 2;
    l->name.w -= gap;
    for (int i = 0; i < NPERIODS; i++)
        l->periods[i] = rect_col(controls, NPERIODS, i, gap / 2);
    SDL_Rect bottom = rect_cut_bottom(&area, ch);
    rect_cut_bottom(&area, gap);
    l->export_btn = rect_cut_right(&bottom, portrait ? bottom.w / 2 : bottom.w / 4);
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
    SDL_Rect side = l->side;
    l->attendance = rect_cut_top(&side, side.h * 2 / 5);
    rect_cut_top(&side, gap);
    l->ranking = side;
}

/* The plot area inside the chart card, leaving room for the title, the
 * scale on the left and the n rows and weeks below. */
static SDL_Rect plot_rect(App *app, const View *v, SDL_Rect chart, int nrows)
{
    int pad = ui_gap(v);
    int small = type_px(app, v, TYPE_CAPTION);
    SDL_Rect in = rect_inset(chart, pad);
    rect_cut_top(&in, small * 2 + pad * 2);     /* title and legend */
    rect_cut_left(&in, small * 2);              /* the scale */
    rect_cut_bottom(&in, small * (nrows + 1) + pad); /* n rows, weeks */
    rect_cut_top(&in, small / 2 + 4);           /* marked-change marks */
    return in;
}

static int n_rows(App *app, const View *v, const Trends *t, SDL_Rect chart, float *step)
{
    const ReportGroup *g = group_of(t);
    SDL_Rect p = plot_rect(app, v, chart, 2);
    *step = g && g->nsessions ? p.w / (float)g->nsessions : (float)p.w;
    int need = 0, h;
    TextStyle st = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, app->theme.text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_size(v->text, "10", &st, &need, &h);
    return *step >= need + 2 ? 2 : 0;
}

static int tr_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Trends *t = (Trends *)s;
    (void)max;
    TrLayout l;
    layout(app, v, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    out[n++] = (Target){ID_PREV_GROUP, l.prev, t->ngroups < 2};
    out[n++] = (Target){ID_NEXT_GROUP, l.next, t->ngroups < 2};
    for (int i = 0; i < NPERIODS; i++)
        out[n++] = (Target){ID_PERIOD0 + i, l.periods[i], false};
    out[n++] = (Target){ID_EXPORT, l.export_btn, !group_of(t)};
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
    layout(app, v, &l);
    SDL_Point pt = {x, y};
    if (!g || g->nsessions == 0 || !SDL_PointInRect(&pt, &l.chart))
        return false;
    float step;
    int rows = n_rows(app, v, t, l.chart, &step);
    SDL_Rect p = plot_rect(app, v, l.chart, rows);
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
    snprintf(title, sizeof title, _("\"%s\" on arrival and at check-out"),
             ins ? text_in(&ins->title, i18n_lang()) : g ? g->trend_instrument : "");
    TextStyle ts = {type_px(app, v, TYPE_LABEL), FONT_BOLD, th->text, 0, ALIGN_LEFT, TYPE_LABEL};
    text_draw_box(v->text, title, &ts, (SDL_Rect){in.x, in.y, in.w, small + pad});
    /* legend */
    int ly = in.y + small + pad + small / 2;
    for (int p = 0; p < 2; p++) {
        int lx = in.x + p * in.w / 3;
        SDL_FPoint seg[2] = {{(float)lx, (float)ly}, {(float)lx + small * 1.5f, (float)ly}};
        draw_polyline(v->renderer, seg, 2, v->unit * 0.7f, series_colour(app, p));
        TextStyle ls = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
        text_draw(v->text, p == 0 ? _("arrival") : _("check-out"), &ls,
                  lx + small * 2, ly - small * 3 / 5);
    }
    /* the hint only where it clears the legend (not at the largest text) */
    TextStyle hs = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_RIGHT, TYPE_CAPTION};
    int hint_w = 0, legend_w = 0, hh;
    text_size(v->text, _("tap a session for its figures"), &hs, &hint_w, &hh);
    text_size(v->text, _("check-out"), &hs, &legend_w, &hh);
    if (in.w / 3 + small * 3 + legend_w + hint_w < in.w)
        text_draw(v->text, _("tap a session for its figures"), &hs, in.x + in.w,
                  ly - small * 3 / 5);
    if (!g || g->nsessions == 0) {
        TextStyle es = {type_px(app, v, TYPE_BODY), FONT_REGULAR, th->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
        text_draw_box(v->text, _("No sessions in this period. Choose a longer period."), &es, rect_inset(chart, pad * 3));
        return;
    }
    TrendChart model;
    if (!trend_chart_build(&model, r, g))
        return;
    float step;
    int rows = n_rows(app, v, t, chart, &step);
    SDL_Rect p = plot_rect(app, v, chart, rows);
    int lo = model.lo, hi = model.hi;
    int S = model.n;
    /* scale */
    for (int val = lo; val <= hi; val++) {
        float y = y_of(p, lo, hi, val);
        draw_rect(v->renderer, (SDL_Rect){p.x, (int)y, p.w, 1}, th->line);
        char lab[8];
        snprintf(lab, sizeof lab, "%d", val);
        TextStyle ys = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_RIGHT, TYPE_CAPTION};
        text_draw(v->text, lab, &ys, p.x - small / 2, (int)y - small * 3 / 5);
    }
    if (ins && ins->has_reference_line) {
        float y = y_of(p, lo, hi, ins->reference_line);
        for (int x = p.x; x < p.x + p.w; x += small)
            draw_rect(v->renderer, (SDL_Rect){x, (int)y - 1, small / 2, 2}, th->attention);
        char lab[160];
        report_reference_label(ins, lab, sizeof lab);
        TextStyle cs = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, th->attention, 0, ALIGN_RIGHT, TYPE_CAPTION};
        text_draw(v->text, lab, &cs, p.x + p.w, (int)y - small - 2);
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
            text_draw(v->text, lab, &ns, (int)x_of(p, S, i), p.y + p.h + 2 + ph * small);
        }
    }
    /* weeks */
    int wlab = 0;
    TextStyle ws = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    char sample[32];
    snprintf(sample, sizeof sample, _("wk %d"), g->first_week + g->weeks - 1);
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
        text_draw(v->text, lab, &ws, x + 2, p.y + p.h + 2 + rows * small);
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
    TextStyle ts = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, th->text, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text, _("Attendance"), &ts, rect_cut_top(&in, small + pad));
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
    TextStyle ss = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text, sub, &ss, rect_cut_bottom(&in, small + 2));
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
    TextStyle ts = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, th->text, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text, _("Exercises by median change"), &ts,
                  rect_cut_top(&in, small + pad));
    if (!g)
        return;
    int row_h = app_text_px(app, v, 3.0f) + small + pad / 2;
    int shown = 0;
    for (int e = 0; e < g->nexercises && in.h >= row_h; e++) {
        const ReportExercise *x = &g->exercises[e];
        if (x->runs == 0)
            continue;
        SDL_Rect row = rect_cut_top(&in, row_h);
        const Exercise *ex = app->catalog ? catalog_exercise(app->catalog, x->exercise) : NULL;
        const Instrument *ins = report_instrument(&t->report, x->instrument);
        char change[16], detail[160];
        snprintf(change, sizeof change, "%+.1f", x->median_change);
        snprintf(detail, sizeof detail, P_("%s \xC2\xB7 %d run", "%s \xC2\xB7 %d runs", x->runs),
                 ins ? text_in(&ins->title, i18n_lang()) : x->instrument, x->runs);
        TextStyle cs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, th->ok, 0, ALIGN_RIGHT, TYPE_LABEL};
        if (x->improvement <= 0)
            cs.color = th->text_muted;
        SDL_Rect right = rect_cut_right(&row, row.w / 5);
        text_draw_box(v->text, change, &cs, right);
        TextStyle es = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->text, 0, ALIGN_LEFT, TYPE_CAPTION};
        text_draw_box(v->text, ex ? text_in(&ex->title, i18n_lang()) : x->exercise, &es, rect_cut_top(&row, row.h - small));
        TextStyle ds = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
        text_draw_box(v->text, detail, &ds, row);
        shown++;
    }
    if (shown == 0) {
        char none[200];
        snprintf(none, sizeof none,
                 P_("No exercise rated before and after rests on %d answer or more yet.",
                    "No exercise rated before and after rests on %d answers or more yet.",
                    t->report.opt.min_cell),
                 t->report.opt.min_cell);
        TextStyle es = {small, FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
        text_draw_box(v->text, none, &es, in);
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
    layout(app, v, &l);
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
    draw_chart(app, v, t, l.chart);
    draw_attendance(app, v, t, l.attendance);
    draw_ranking(app, v, t, l.ranking);
    Target ex = {ID_EXPORT, l.export_btn, !group_of(t)};
    bool usb = false;
    char dir[HEARTH_PATH_MAX];
    paths_export_dir(store_path(app->store), dir, sizeof dir, &usb);
    widget_button(app, v, &ex, usb ? _("Export to USB") : _("Export report"), BUTTON_SECONDARY,
                  NULL);
    char line[900];
    SDL_Color colour = th->text_muted;
    if (t->message[0]) {
        snprintf(line, sizeof line, "%s", t->message);
        colour = t->problem ? th->attention : th->ok;
    } else if (group_of(t) && t->selected >= 0) {
        selected_text(t, line, sizeof line);
        colour = th->text;
    } else if (group_of(t)) {
        report_group_summary(&t->report, 0, line, sizeof line);
        char k[160];
        snprintf(k, sizeof k,
                 P_(" Gaps: fewer than %d answer.", " Gaps: fewer than %d answers.",
                    t->report.opt.min_cell),
                 t->report.opt.min_cell);
        strncat(line, k, sizeof line - strlen(line) - 1);
    } else {
        snprintf(line, sizeof line, "%s",
                 _("No sessions yet. Trends appear after the first session with ratings."));
    }
    TextStyle ms = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, colour, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text, line, &ms, l.message);
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
    layout(app, v, &l);
    float step;
    int rows = n_rows(app, v, t, l.chart, &step);
    SDL_Rect p = plot_rect(app, v, l.chart, rows);
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
    layout(app, v, &l);
    float step;
    return plot_rect(app, v, l.chart, n_rows(app, v, t, l.chart, &step));
}

static void open_trends(App *app) { app_push(app, trends_screen_new(app)); }

const ConsoleTile trends_tile = {N_("Trends"), NULL, false, open_trends};
