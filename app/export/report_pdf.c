/* The report as a PDF for a supervision meeting, drawn with cairo: per
 * group a first page with the trend chart, attendance, the exercise
 * ranking and the note on anonymization, then the table of sessions. */
#include "export/report_write.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "export/chart.h"
#include "export/pdfout.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 612.0 /* US Letter, in points */
#define PAGE_H 792.0
#define MARGIN 44.0

typedef struct Rgb {
    double r, g, b;
} Rgb;

/* The chart's two series: blue and orange tell apart for every common
 * colour vision, and print in grey as dark and light. */
static const Rgb ARRIVAL = {0.122, 0.373, 0.659};  /* #1f5fa8 */
static const Rgb CHECKOUT = {0.851, 0.451, 0.102}; /* #d9731a */
static const Rgb INK = {0.10, 0.12, 0.14};
static const Rgb MUTED = {0.36, 0.40, 0.44};
static const Rgb GRID = {0.86, 0.88, 0.90};
static const Rgb CUTOFF = {0.60, 0.12, 0.16};
static const Rgb BAR = {0.42, 0.52, 0.60};

static void rgb(cairo_t *cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

static void font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, "Inter", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* One line at a baseline; align 0 left, 1 centre, 2 right of x. Shrinks to
 * fit max_w when it is set. */
static void text_at(cairo_t *cr, double x, double y, const char *s, int align, double max_w)
{
    double w = text_w(cr, s);
    if (max_w > 0 && w > max_w) {
        cairo_save(cr);
        cairo_font_extents_t fe;
        cairo_font_extents(cr, &fe);
        cairo_matrix_t m;
        cairo_get_font_matrix(cr, &m);
        cairo_set_font_size(cr, m.xx * max_w / w);
        w = text_w(cr, s);
        cairo_move_to(cr, align == 1 ? x - w / 2 : align == 2 ? x - w : x, y);
        cairo_show_text(cr, s);
        cairo_restore(cr);
        return;
    }
    cairo_move_to(cr, align == 1 ? x - w / 2 : align == 2 ? x - w : x, y);
    cairo_show_text(cr, s);
}

/* Wrapped text from the baseline y; returns the baseline after it. */
static double text_wrap(cairo_t *cr, double x, double y, double w, const char *s, double line)
{
    char buf[1200], out[1200];
    snprintf(buf, sizeof buf, "%s", s);
    out[0] = '\0';
    char *save = NULL;
    for (char *word = strtok_r(buf, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
        char trial[1200];
        snprintf(trial, sizeof trial, "%s%s%s", out, out[0] ? " " : "", word);
        if (out[0] && text_w(cr, trial) > w) {
            cairo_move_to(cr, x, y);
            cairo_show_text(cr, out);
            y += line;
            snprintf(out, sizeof out, "%s", word);
        } else {
            snprintf(out, sizeof out, "%s", trial);
        }
    }
    if (out[0]) {
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, out);
        y += line;
    }
    return y;
}


static const char *instrument_title(const Report *r, const char *id)
{
    const Instrument *in = report_instrument(r, id);
    return in ? text_in(&in->title, i18n_lang()) : id;
}

static const char *exercise_title(const Report *r, const char *id)
{
    const Exercise *ex = r->opt.catalog ? catalog_exercise(r->opt.catalog, id) : NULL;
    return ex ? text_in(&ex->title, i18n_lang()) : id;
}

/* The chart: median arrival and check-out per session with the middle
 * half of the answers as a band, gaps where a session is withheld, the
 * instrument's reference line, and a mark over sessions with the marked
 * change. */
static void draw_trend(cairo_t *cr, const Report *r, const ReportGroup *g, double x, double y,
                       double w, double h)
{
    TrendChart chart;
    if (!trend_chart_build(&chart, r, g))
        return;
    int lo = chart.lo, hi = chart.hi;
    const Instrument *in = chart.in;
    int S = chart.n;
    double left = 22, bottom = 30, top = 12;
    double px = x + left, pw = w - left, py = y + top, ph = h - top - bottom;
    double step = S > 0 ? pw / S : pw;
    bool show_n = step >= 9.5;
#define XI(i) (px + ((i) + 0.5) * step)
#define YV(v) (py + ph - ((v) - lo) / (double)(hi - lo) * ph)

    /* grid and scale */
    cairo_set_line_width(cr, 0.5);
    font(cr, 7, false);
    for (int v = lo; v <= hi; v++) {
        rgb(cr, GRID);
        cairo_move_to(cr, px, YV(v));
        cairo_line_to(cr, px + pw, YV(v));
        cairo_stroke(cr);
        rgb(cr, MUTED);
        char lab[8];
        snprintf(lab, sizeof lab, "%d", v);
        text_at(cr, px - 5, YV(v) + 2.5, lab, 2, 0);
    }
    if (in) {
        font(cr, 6.5, false);
        rgb(cr, MUTED);
        text_at(cr, px + 3, YV(hi) - 3, text_in(&in->label_max, i18n_lang()), 0, pw / 2);
        text_at(cr, px + 3, YV(lo) - 3, text_in(&in->label_min, i18n_lang()), 0, pw / 2);
    }

    const Rgb colours[2] = {ARRIVAL, CHECKOUT};
    for (int p = 0; p < CHART_SERIES; p++) {
        /* the bands first, under both lines, one path per run */
        for (int i = 0, j; trend_chart_run(&chart, p, true, &i, &j); i = j) {
            const StatsShown *const *c = chart.cells[p];
            cairo_set_source_rgba(cr, colours[p].r, colours[p].g, colours[p].b, 0.16);
            double half = j - i == 1 ? step * 0.3 : 0;
            for (int k = i; k < j; k++) {
                double xx = XI(k) + (k == i ? -half : 0);
                if (k == i)
                    cairo_move_to(cr, xx, YV(c[k]->q3));
                else
                    cairo_line_to(cr, xx, YV(c[k]->q3));
            }
            if (half > 0)
                cairo_line_to(cr, XI(i) + half, YV(c[i]->q3));
            for (int k = j - 1; k >= i; k--)
                cairo_line_to(cr, XI(k) + (k == i && half > 0 ? half : 0), YV(c[k]->q1));
            if (half > 0)
                cairo_line_to(cr, XI(i) - half, YV(c[i]->q1));
            cairo_close_path(cr);
            cairo_fill(cr);
        }
    }
    for (int p = 0; p < CHART_SERIES; p++) {
        const StatsShown *const *c = chart.cells[p];
        rgb(cr, colours[p]);
        cairo_set_line_width(cr, S > 150 ? 1.0 : 1.8);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        /* a line per run: broken at every withheld session */
        for (int i = 0, j; trend_chart_run(&chart, p, false, &i, &j); i = j) {
            cairo_move_to(cr, XI(i), YV(c[i]->median));
            for (int k = i + 1; k < j; k++)
                cairo_line_to(cr, XI(k), YV(c[k]->median));
            cairo_stroke(cr);
        }
        double rad = S > 150 ? 0.9 : S > 60 ? 1.4 : 2.2;
        for (int i = 0, j; trend_chart_run(&chart, p, false, &i, &j); i = j) {
            for (int k = i; k < j; k++) {
                /* every point in one path, filled once: the PDF surface
                 * replays each drawing call of a page */
                cairo_new_sub_path(cr);
                cairo_arc(cr, XI(k), YV(c[k]->median), rad, 0, 2 * M_PI);
            }
        }
        cairo_fill(cr);
    }
    if (in && in->has_reference_line) {
        rgb(cr, CUTOFF);
        cairo_set_line_width(cr, 0.9);
        double dash[] = {4, 3};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, px, YV(in->reference_line));
        cairo_line_to(cr, px + pw, YV(in->reference_line));
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        font(cr, 6.5, true);
        char lab[160];
        report_reference_label(in, lab, sizeof lab);
        text_at(cr, px + pw - 2, YV(in->reference_line) - 3, lab, 2, 0);
    }
    /* the marked change: a small triangle over the session */
    rgb(cr, INK);
    for (int i = 0; i < S; i++) {
        if (!chart.marked[i])
            continue;
        double cx = XI(i), cy = py - 6;
        cairo_move_to(cr, cx, cy + 4);
        cairo_line_to(cr, cx - 3, cy - 1.5);
        cairo_line_to(cr, cx + 3, cy - 1.5);
        cairo_close_path(cr);
    }
    cairo_fill(cr);
    /* n under each point, or a word on where to find it */
    font(cr, 5.5, false);
    for (int p = 0; show_n && p < CHART_SERIES; p++) {
        rgb(cr, colours[p]);
        for (int i = 0; i < S; i++) {
            const StatsShown *c = chart.cells[p][i];
            char lab[12];
            if (c && c->shown)
                snprintf(lab, sizeof lab, "%d", c->n);
            else
                snprintf(lab, sizeof lab, "\xE2\x80\x93");
            text_at(cr, XI(i), py + ph + 8 + p * 7, lab, 1, step);
        }
    }
    font(cr, 6.5, false);
    rgb(cr, MUTED);
    if (show_n)
        text_at(cr, px - 5, py + ph + 11.5, "n", 2, 0);
    /* weeks along the bottom, as many as fit */
    int every = report_week_label_step(g->weeks, 22.0, pw);
    int last = 0;
    for (int i = 0; i < S; i++) {
        if (!report_week_labelled(r, g, i, every, &last))
            continue;
        int wk = last;
        char lab[24];
        snprintf(lab, sizeof lab, _("wk %d"), wk);
        text_at(cr, XI(i), py + ph + (show_n ? 27 : 10), lab, 0, 0);
    }
    /* the weeks' grid lines, one stroke */
    rgb(cr, GRID);
    last = 0;
    for (int i = 0; i < S; i++) {
        if (!report_week_labelled(r, g, i, every, &last))
            continue;
        cairo_move_to(cr, XI(i) - step / 2, py);
        cairo_line_to(cr, XI(i) - step / 2, py + ph);
    }
    cairo_stroke(cr);
    trend_chart_free(&chart);
#undef XI
#undef YV
}

static void draw_attendance(cairo_t *cr, const Report *r, const ReportGroup *g, double x,
                            double y, double w, double h)
{
    int S = g->nsessions, max = 1;
    for (int i = 0; i < S; i++)
        if (r->sessions[g->session0 + i].attendance > max)
            max = r->sessions[g->session0 + i].attendance;
    double left = 22, px = x + left, pw = w - left;
    double step = S > 0 ? pw / S : pw;
    rgb(cr, GRID);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, px, y + h);
    cairo_line_to(cr, px + pw, y + h);
    cairo_stroke(cr);
    font(cr, 7, false);
    rgb(cr, MUTED);
    char lab[16];
    snprintf(lab, sizeof lab, "%d", max);
    text_at(cr, px - 5, y + 6, lab, 2, 0);
    text_at(cr, px - 5, y + h, "0", 2, 0);
    /* the bars in one path and the stubs in another, each filled once */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < S; i++) {
            const ReportSession *s = &r->sessions[g->session0 + i];
            double bx = px + i * step + step * 0.15, bw = step * 0.7 > 0.6 ? step * 0.7 : 0.6;
            if (pass == 0 && s->attendance >= 0) {
                double bh = h * s->attendance / (double)max;
                cairo_rectangle(cr, bx, y + h - bh, bw, bh);
            } else if (pass == 1 && s->attendance < 0) {
                /* withheld: a hollow stub, never a height */
                cairo_rectangle(cr, bx, y + h - 2, bw, 1.2);
            }
        }
        rgb(cr, pass == 0 ? BAR : MUTED);
        cairo_fill(cr);
    }
}

static void legend(cairo_t *cr, double x, double y, Rgb c, const char *label)
{
    rgb(cr, c);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, x, y - 3);
    cairo_line_to(cr, x + 14, y - 3);
    cairo_stroke(cr);
    rgb(cr, INK);
    text_at(cr, x + 18, y, label, 0, 0);
}

static void footer(cairo_t *cr, const Report *r, int page, const char *now)
{
    font(cr, 7, false);
    rgb(cr, MUTED);
    char line[300];
    if (r->program)
        snprintf(line, sizeof line,
                 _("Hearth program report, program %.8s (every kiosk's published sessions), "
                   "generated %s, threshold K = %d"),
                 r->kiosk_id, now, r->opt.min_cell);
    else
        snprintf(line, sizeof line, _("Hearth report, kiosk %.8s, generated %s, threshold K = %d"),
                 r->kiosk_id, now, r->opt.min_cell);
    text_at(cr, MARGIN, PAGE_H - 24, line, 0, PAGE_W - 2 * MARGIN - 50);
    snprintf(line, sizeof line, _("page %d"), page);
    text_at(cr, PAGE_W - MARGIN, PAGE_H - 24, line, 2, 0);
}

static void period_text(const Report *r, const ReportGroup *g, char *out, size_t n)
{
    char a[16], b[16];
    int64_t first = g->nsessions ? r->sessions[g->session0].opened_ms : r->first_ms;
    int64_t last = g->nsessions ? r->sessions[g->session0 + g->nsessions - 1].opened_ms
                                : r->last_ms;
    clock_iso_date(r->opt.has_since ? r->opt.since_ms : first, a);
    clock_iso_date(r->opt.has_until ? r->opt.until_ms - REPORT_DAY_MS : last, b);
    char sessions[64], weeks[64];
    snprintf(sessions, sizeof sessions, P_("%d session", "%d sessions", g->nsessions),
             g->nsessions);
    snprintf(weeks, sizeof weeks, P_("%d week", "%d weeks", g->weeks), g->weeks);
    snprintf(out, n, _("%s to %s: %s over %s"), a, b, sessions, weeks);
}

static void group_page(cairo_t *cr, const Report *r, int gi, int *page, const char *now)
{
    const ReportGroup *g = &r->groups[gi];
    double w = PAGE_W - 2 * MARGIN, y = MARGIN + 14;
    rgb(cr, INK);
    font(cr, 18, true);
    char title[400];
    snprintf(title, sizeof title, _("Group trends: %s"), g->name);
    text_at(cr, MARGIN, y, title, 0, w);
    y += 16;
    font(cr, 9.5, false);
    rgb(cr, MUTED);
    char period[200];
    period_text(r, g, period, sizeof period);
    text_at(cr, MARGIN, y, period, 0, w);
    y += 12;
    if (r->demo) {
        cairo_set_source_rgb(cr, 1.0, 0.93, 0.78);
        cairo_rectangle(cr, MARGIN, y, w, 16);
        cairo_fill(cr);
        rgb(cr, INK);
        font(cr, 9, true);
        text_at(cr, MARGIN + 6, y + 11,
                _("Demo data: synthetic groups made by 'hearth demo-data', not real clients."),
                0, w - 12);
        y += 22;
    } else {
        y += 6;
    }
    char summary[600];
    report_group_summary(r, gi, summary, sizeof summary);
    rgb(cr, INK);
    font(cr, 10.5, false);
    y = text_wrap(cr, MARGIN, y + 8, w, summary, 13.5);

    /* the chart */
    y += 8;
    font(cr, 11, true);
    char head[200];
    snprintf(head, sizeof head, _("\"%s\" on arrival and at check-out, per session"),
             instrument_title(r, g->trend_instrument));
    text_at(cr, MARGIN, y, head, 0, w);
    y += 13;
    font(cr, 7.5, false);
    legend(cr, MARGIN, y, ARRIVAL, _("arrival (middle answer)"));
    legend(cr, MARGIN + 110, y, CHECKOUT, _("check-out (middle answer)"));
    rgb(cr, MUTED);
    char gaps[200];
    snprintf(gaps, sizeof gaps,
             P_("band: middle half of answers \xC2\xB7 gap or \xE2\x80\x93: fewer than %d answer, "
                "withheld",
                "band: middle half of answers \xC2\xB7 gap or \xE2\x80\x93: fewer than %d answers, "
                "withheld",
                r->opt.min_cell),
             r->opt.min_cell);
    text_at(cr, MARGIN + 230, y, gaps, 0, w - 230);
    const Instrument *in = report_instrument(r, g->trend_instrument);
    if (in) {
        /* What the measure is, beside its figures (data/README.md). */
        y += 10;
        text_at(cr, MARGIN, y, text_in(&in->validity, i18n_lang()), 0, w);
    }
    if (in && in->has_marked_change) {
        y += 10;
        char rc[300], by[16];
        i18n_format_value(by, sizeof by, in->marked_change);
        snprintf(rc, sizeof rc,
                 _("\xE2\x96\xBC over a session: the group's median at check-out at least %s "
                   "better than on arrival (a size the clinic chose to mark; it says nothing "
                   "about any one person's change)"),
                 by);
        text_at(cr, MARGIN, y, rc, 0, w);
    }
    y += 6;
    draw_trend(cr, r, g, MARGIN, y, w, 200);
    y += 214;

    /* attendance */
    font(cr, 11, true);
    rgb(cr, INK);
    text_at(cr, MARGIN, y, _("Attendance: people checked in per session"), 0, w * 0.6);
    font(cr, 8.5, false);
    rgb(cr, MUTED);
    char att[200], mean[16];
    if (g->attendance_sessions > 0) {
        i18n_format_decimal(mean, sizeof mean,
                            g->attendance_total / (double)g->attendance_sessions, 1);
        snprintf(att, sizeof att, _("%s on average over the sessions shown; a stub is withheld"),
                 mean);
    } else {
        snprintf(att, sizeof att, "%s", _("a stub is a withheld count; no total is shown"));
    }
    text_at(cr, MARGIN + w, y, att, 2, w * 0.4);
    y += 6;
    draw_attendance(cr, r, g, MARGIN, y, w, 50);
    y += 68;

    /* the exercise ranking */
    font(cr, 11, true);
    rgb(cr, INK);
    text_at(cr, MARGIN, y, _("Exercises ranked by median change from before to after"), 0, w);
    y += 14;
    font(cr, 8, true);
    rgb(cr, MUTED);
    double cx[4] = {MARGIN, MARGIN + 230, MARGIN + 340, MARGIN + w};
    text_at(cr, cx[0], y, _("exercise"), 0, 0);
    text_at(cr, cx[1], y, _("rated with"), 0, 0);
    text_at(cr, cx[2], y, _("runs it rests on"), 0, 0);
    text_at(cr, cx[3], y, _("median change"), 2, 0);
    y += 4;
    rgb(cr, GRID);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, MARGIN + w, y);
    cairo_stroke(cr);
    y += 11;
    int shown = 0;
    for (int e = 0; e < g->nexercises && shown < 8; e++) {
        const ReportExercise *x = &g->exercises[e];
        if (x->runs == 0)
            continue;
        shown++;
        font(cr, 9, false);
        rgb(cr, INK);
        text_at(cr, cx[0], y, exercise_title(r, x->exercise), 0, 220);
        text_at(cr, cx[1], y, instrument_title(r, x->instrument), 0, 100);
        char runs[64];
        if (x->runs_withheld)
            snprintf(runs, sizeof runs, _("%d (+%d withheld)"), x->runs, x->runs_withheld);
        else
            snprintf(runs, sizeof runs, "%d", x->runs);
        text_at(cr, cx[2], y, runs, 0, 0);
        char ch[32];
        snprintf(ch, sizeof ch, "%+.1f", x->median_change);
        font(cr, 9, true);
        text_at(cr, cx[3], y, ch, 2, 0);
        y += 13;
    }
    if (shown == 0) {
        font(cr, 9, false);
        rgb(cr, MUTED);
        char none[200];
        snprintf(none, sizeof none,
                 P_("No exercise run with ratings before and after rests on %d answer or more.",
                    "No exercise run with ratings before and after rests on %d answers or more.",
                    r->opt.min_cell),
                 r->opt.min_cell);
        text_at(cr, MARGIN, y, none, 0, w);
        y += 13;
    }

    /* the note */
    y = y < PAGE_H - 110 ? PAGE_H - 110 : y + 8;
    font(cr, 8, false);
    rgb(cr, MUTED);
    char note[2048];
    report_note(r, note, sizeof note);
    text_wrap(cr, MARGIN, y, w, note, 10);
    footer(cr, r, (*page)++, now);
    cairo_show_page(cr);
}

static void table_header(cairo_t *cr, const Report *r, const ReportGroup *g, double *cols,
                         double y)
{
    font(cr, 8, true);
    rgb(cr, MUTED);
    const char *trend = instrument_title(r, g->trend_instrument);
    char a[120], c[120];
    snprintf(a, sizeof a, _("%s, arrival"), trend);
    snprintf(c, sizeof c, "%s", _("check-out"));
    text_at(cr, cols[0], y, _("date"), 0, 0);
    text_at(cr, cols[1], y, _("week"), 0, 0);
    text_at(cr, cols[2], y, _("attended"), 0, 0);
    text_at(cr, cols[3], y, a, 0, cols[4] - cols[3] - 6);
    text_at(cr, cols[4], y, c, 0, cols[5] - cols[4] - 6);
    text_at(cr, cols[5], y, _("change"), 0, 0);
}

static void cell_text(const ReportCell *c, char *out, size_t n)
{
    if (!c) {
        snprintf(out, n, " ");
        return;
    }
    if (!c->shown.shown) {
        snprintf(out, n, "%s", _("withheld"));
        return;
    }
    if (c->shown.has_quartiles)
        snprintf(out, n, "%d, %d (%d\xE2\x80\x93%d)", c->shown.n, c->shown.median, c->shown.q1,
                 c->shown.q3);
    else
        snprintf(out, n, "%d, %d", c->shown.n, c->shown.median);
}

/* Text set as glyphs and shown once per page: a table of years of
 * sessions is thousands of short texts, and the PDF surface replays every
 * drawing call of a page to analyse it, so one call beats a thousand. */
typedef struct GlyphRun {
    cairo_glyph_t *glyphs;
    int n, cap;
} GlyphRun;

static void run_add(GlyphRun *run, cairo_scaled_font_t *sf, double x, double y, const char *s)
{
    cairo_glyph_t *g = NULL;
    int n = 0;
    if (cairo_scaled_font_text_to_glyphs(sf, x, y, s, -1, &g, &n, NULL, NULL, NULL) !=
        CAIRO_STATUS_SUCCESS)
        return;
    if (run->n + n > run->cap) {
        int cap = run->cap ? run->cap : 1024;
        while (cap < run->n + n)
            cap *= 2;
        cairo_glyph_t *p = realloc(run->glyphs, (size_t)cap * sizeof *p);
        if (!p) {
            cairo_glyph_free(g);
            return;
        }
        run->glyphs = p;
        run->cap = cap;
    }
    memcpy(run->glyphs + run->n, g, (size_t)n * sizeof *g);
    run->n += n;
    cairo_glyph_free(g);
}

static void session_pages(cairo_t *cr, const Report *r, int gi, int *page, const char *now)
{
    const ReportGroup *g = &r->groups[gi];
    double cols[6] = {MARGIN, MARGIN + 70, MARGIN + 105, MARGIN + 160, MARGIN + 300,
                      MARGIN + 430};
    const double top = MARGIN + 14 + 20 + 12, row_h = 12.5;
    const int rows = (int)((PAGE_H - 50 - top) / row_h) + 1;
    GlyphRun run = {NULL, 0, 0};
    for (int first = 0; first < g->nsessions; first += rows) {
        int end = first + rows < g->nsessions ? first + rows : g->nsessions;
        font(cr, 13, true);
        rgb(cr, INK);
        char title[400];
        snprintf(title, sizeof title, _("Sessions of %s"), g->name);
        text_at(cr, MARGIN, MARGIN + 14, title, 0, PAGE_W - 2 * MARGIN - 190);
        font(cr, 8, false);
        rgb(cr, MUTED);
        text_at(cr, PAGE_W - MARGIN, MARGIN + 14, _("each set: n, middle answer (middle half)"), 2,
                185);
        table_header(cr, r, g, cols, MARGIN + 34);
        /* every other row shaded, as one path */
        cairo_set_source_rgb(cr, 0.96, 0.97, 0.98);
        for (int i = first; i < end; i += 2)
            cairo_rectangle(cr, MARGIN - 4, top + (i - first) * row_h - 9,
                            PAGE_W - 2 * MARGIN + 8, row_h);
        cairo_fill(cr);
        font(cr, 8.5, false);
        rgb(cr, INK);
        cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
        run.n = 0;
        for (int i = first; i < end; i++) {
            double y = top + (i - first) * row_h;
            int s = g->session0 + i;
            const ReportSession *rs = &r->sessions[s];
            char date[16], buf[80];
            clock_iso_date(rs->opened_ms, date);
            run_add(&run, sf, cols[0], y, date);
            snprintf(buf, sizeof buf, "%d", rs->week);
            run_add(&run, sf, cols[1], y, buf);
            if (rs->attendance >= 0)
                snprintf(buf, sizeof buf, "%d", rs->attendance);
            else
                snprintf(buf, sizeof buf, "%s", _("withheld"));
            run_add(&run, sf, cols[2], y, buf);
            const ReportCell *a = report_cell(r, s, g->trend_instrument, PHASE_ARRIVAL);
            const ReportCell *c = report_cell(r, s, g->trend_instrument, PHASE_CHECKOUT);
            cell_text(a, buf, sizeof buf);
            run_add(&run, sf, cols[3], y, buf);
            cell_text(c, buf, sizeof buf);
            run_add(&run, sf, cols[4], y, buf);
            int d;
            if (a && c && stats_change(&a->shown, &c->shown, &d)) {
                char dd[16];
                snprintf(dd, sizeof dd, d ? "%+d" : "0", d);
                snprintf(buf, sizeof buf, "%s%s", dd,
                         report_session_marked_change(r, s) ? " \xE2\x96\xBC" : "");
                run_add(&run, sf, cols[5], y, buf);
            }
        }
        cairo_show_glyphs(cr, run.glyphs, run.n);
        footer(cr, r, (*page)++, now);
        cairo_show_page(cr);
    }
    free(run.glyphs);
}

bool report_write_pdf(const Report *r, FILE *out, int64_t wall_ms)
{
    cairo_surface_t *surf = pdfout_surface(out, PAGE_W, PAGE_H, _("Hearth group trends"));
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return false;
    }
    cairo_t *cr = cairo_create(surf);
    char now[32];
    clock_iso8601(wall_ms, now);
    int page = 1;
    if (r->ngroups == 0) {
        font(cr, 18, true);
        rgb(cr, INK);
        text_at(cr, MARGIN, MARGIN + 14, _("Group trends"), 0, 0);
        font(cr, 11, false);
        text_wrap(cr, MARGIN, MARGIN + 44, PAGE_W - 2 * MARGIN,
                  _("No sessions in this period. Choose another period or group, or run "
                    "'hearth demo-data' to see what a report looks like."),
                  14);
        footer(cr, r, page, now);
        cairo_show_page(cr);
    }
    for (int g = 0; g < r->ngroups; g++) {
        group_page(cr, r, g, &page, now);
        session_pages(cr, r, g, &page, now);
    }
    cairo_destroy(cr);
    return pdfout_finish(surf) == CAIRO_STATUS_SUCCESS;
}
