/* The report model: rows in, filtered and suppressed figures out. */
#include "export/report.h"

#include "core/clock.h"
#include "core/i18n.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- growing arrays ------------------------------------------------------- */

static bool grow(void **items, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return true;
    int n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*items, (size_t)n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}
#define GROW(arr, cap, need) grow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* qsort that accepts an empty (NULL) array */
static void sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (base && n > 1)
        qsort(base, n, size, cmp);
}

typedef struct PersonEvent {
    char pseudonym[16];
    int session; /* raw index */
    char instrument[CATALOG_ID_MAX + 1];
    RatingPhase phase;
    int value;   /* -1: a check-in */
} PersonEvent;

/* A cell while it is read: its counts, which never leave this file. */
typedef struct RawCell {
    int session; /* raw index, then the report's */
    char instrument[CATALOG_ID_MAX + 1];
    RatingPhase phase;
    char part[40];
    char exercise[CATALOG_ID_MAX + 1];
    int lo, hi;
    bool imported;  /* figures another kiosk showed, not counts */
    bool have_counts;
    int counts[STATS_VALUE_MAX + 1];
    int n, median, q1, q3; /* imported without counts; -1 when not shown */
} RawCell;

struct ReportBuilder {
    ReportOptions opt;
    ReportSessionRow *rows;
    int nrows, caprows;
    int *byid; /* raw indexes sorted by id */
    bool indexed;
    RawCell *cells;
    int ncells, capcells;
    int *slots;      /* open addressing over cells by key; -1 empty */
    int nslots;
    PersonEvent *events;
    int nevents, capevents;
    bool failed;
};

/* --- finding sessions by id ------------------------------------------------ */

static const ReportSessionRow *sort_rows; /* only during qsort, single-threaded */

static int by_id(const void *a, const void *b)
{
    return strcmp(sort_rows[*(const int *)a].id, sort_rows[*(const int *)b].id);
}

static int find_session(ReportBuilder *b, const char *id)
{
    if (!b->indexed) {
        free(b->byid);
        b->byid = malloc((size_t)(b->nrows ? b->nrows : 1) * sizeof *b->byid);
        if (!b->byid) {
            b->failed = true;
            return -1;
        }
        for (int i = 0; i < b->nrows; i++)
            b->byid[i] = i;
        sort_rows = b->rows;
        sort_items(b->byid, (size_t)b->nrows, sizeof *b->byid, by_id);
        b->indexed = true;
    }
    int lo = 0, hi = b->nrows - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(b->rows[b->byid[mid]].id, id);
        if (c == 0)
            return b->byid[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* --- the sink -------------------------------------------------------------- */

static bool on_session(void *ctx, const ReportSessionRow *row)
{
    ReportBuilder *b = ctx;
    if (!GROW(b->rows, b->caprows, b->nrows + 1))
        return false;
    b->rows[b->nrows++] = *row;
    b->indexed = false;
    return true;
}

static void scale_of(const ReportOptions *opt, const char *instrument, int *lo, int *hi)
{
    const Instrument *in = opt->catalog ? catalog_instrument(opt->catalog, instrument) : NULL;
    *lo = in ? in->min : 0;
    *hi = in ? in->max : REPORT_SCALE_MAX;
}

static RawCell *new_cell(ReportBuilder *b, int session, const char *instrument,
                         RatingPhase phase, const char *part, const char *exercise)
{
    if (!GROW(b->cells, b->capcells, b->ncells + 1))
        return NULL;
    RawCell *c = &b->cells[b->ncells++];
    memset(c, 0, sizeof *c);
    c->session = session;
    snprintf(c->instrument, sizeof c->instrument, "%s", instrument);
    c->phase = phase;
    snprintf(c->part, sizeof c->part, "%s", part ? part : "");
    snprintf(c->exercise, sizeof c->exercise, "%s", exercise ? exercise : "");
    scale_of(&b->opt, instrument, &c->lo, &c->hi);
    c->n = c->median = c->q1 = c->q3 = -1;
    return c;
}

static uint32_t cell_hash(int session, const char *instrument, RatingPhase phase,
                           const char *part)
{
    uint32_t h = 2166136261u ^ (uint32_t)session ^ ((uint32_t)phase << 24);
    for (const char *p = instrument; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ 0xffu) * 16777619u;
    for (const char *p = part; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static bool cell_is(const RawCell *c, int session, const char *instrument, RatingPhase phase,
                    const char *part)
{
    return !c->imported && c->session == session && c->phase == phase &&
           !strcmp(c->instrument, instrument) && !strcmp(c->part, part);
}

/* The local cell of these keys, made when new: rows of one cell may come
 * apart and in any order. */
static RawCell *cell_of(ReportBuilder *b, int session, const char *instrument, RatingPhase phase,
                        const char *part, const char *exercise)
{
    if (b->ncells * 2 >= b->nslots) {
        int n = b->nslots ? b->nslots * 2 : 1024;
        int *slots = malloc((size_t)n * sizeof *slots);
        if (!slots)
            return NULL;
        for (int i = 0; i < n; i++)
            slots[i] = -1;
        for (int i = 0; i < b->ncells; i++) {
            const RawCell *c = &b->cells[i];
            if (c->imported)
                continue;
            uint32_t h = cell_hash(c->session, c->instrument, c->phase, c->part);
            int at = (int)(h & (uint32_t)(n - 1));
            while (slots[at] >= 0)
                at = (at + 1) & (n - 1);
            slots[at] = i;
        }
        free(b->slots);
        b->slots = slots;
        b->nslots = n;
    }
    uint32_t h = cell_hash(session, instrument, phase, part);
    int at = (int)(h & (uint32_t)(b->nslots - 1));
    while (b->slots[at] >= 0) {
        RawCell *c = &b->cells[b->slots[at]];
        if (cell_is(c, session, instrument, phase, part))
            return c;
        at = (at + 1) & (b->nslots - 1);
    }
    RawCell *c = new_cell(b, session, instrument, phase, part, exercise);
    if (!c)
        return NULL;
    c->have_counts = true;
    b->slots[at] = (int)(c - b->cells);
    return c;
}

static bool on_count(void *ctx, const ReportCountRow *row)
{
    ReportBuilder *b = ctx;
    RatingPhase phase;
    if (!rating_phase_parse(row->phase, &phase) || row->value < 0 ||
        row->value > REPORT_SCALE_MAX || row->count <= 0)
        return true; /* nothing a report can place */
    RawCell *last = b->ncells ? &b->cells[b->ncells - 1] : NULL;
    /* most rows follow a row of the same cell: no lookup for them */
    if (!last || !cell_is(last, last->session, row->instrument, phase, row->part) ||
        strcmp(b->rows[last->session].id, row->session_id)) {
        int s = find_session(b, row->session_id);
        if (s < 0)
            return !b->failed;
        last = cell_of(b, s, row->instrument, phase, row->part, row->exercise);
        if (!last)
            return false;
    }
    last->counts[row->value] += row->count;
    if (row->value < last->lo)
        last->lo = row->value;
    if (row->value > last->hi)
        last->hi = row->value;
    return true;
}

static bool on_imported_cell(void *ctx, const ReportImportedCell *row)
{
    ReportBuilder *b = ctx;
    RatingPhase phase;
    if (!rating_phase_parse(row->phase, &phase) || row->lo < 0 || row->hi > REPORT_SCALE_MAX ||
        row->lo >= row->hi)
        return true;
    int s = find_session(b, row->session_id);
    if (s < 0)
        return !b->failed;
    RawCell *c = new_cell(b, s, row->instrument, phase, row->part, row->exercise);
    if (!c)
        return false;
    c->imported = true;
    c->lo = row->lo;
    c->hi = row->hi;
    c->n = row->n;
    c->median = row->median;
    c->q1 = row->q1;
    c->q3 = row->q3;
    c->have_counts = row->counts != NULL && row->n >= 0;
    if (c->have_counts) {
        int n = 0;
        for (int v = row->lo; v <= row->hi; v++)
            n += c->counts[v] = row->counts[v - row->lo];
        c->have_counts = n == row->n; /* counts that do not add up are not believed */
    }
    return true;
}

static bool on_person(void *ctx, const ReportPersonRow *row)
{
    ReportBuilder *b = ctx;
    int s = find_session(b, row->session_id);
    if (s < 0)
        return !b->failed;
    RatingPhase phase = PHASE_ROUND;
    if (row->instrument && !rating_phase_parse(row->phase, &phase))
        return true;
    if (!GROW(b->events, b->capevents, b->nevents + 1))
        return false;
    PersonEvent *e = &b->events[b->nevents++];
    memset(e, 0, sizeof *e);
    snprintf(e->pseudonym, sizeof e->pseudonym, "%s", row->pseudonym);
    e->session = s;
    if (row->instrument) {
        snprintf(e->instrument, sizeof e->instrument, "%s", row->instrument);
        e->phase = phase;
        e->value = row->value;
    } else {
        e->value = -1;
    }
    return true;
}

ReportBuilder *report_builder_new(const ReportOptions *opt)
{
    ReportBuilder *b = calloc(1, sizeof *b);
    if (b)
        b->opt = *opt;
    return b;
}

ReportSink report_builder_sink(ReportBuilder *b)
{
    return (ReportSink){b, on_session, on_count, on_imported_cell, on_person};
}

/* --- finishing ------------------------------------------------------------- */

static bool in_period(const ReportOptions *o, const ReportSessionRow *row)
{
    if (o->group && strcmp(o->group, row->group))
        return false;
    if (o->has_since && row->opened_ms < o->since_ms)
        return false;
    if (o->has_until && row->opened_ms >= o->until_ms)
        return false;
    return true;
}

static int name_order(const char *a, const char *b)
{
    int c = strcasecmp(a, b);
    return c ? c : strcmp(a, b);
}

static int cmp_names(const void *a, const void *b)
{
    return name_order(((const ReportGroup *)a)->name, ((const ReportGroup *)b)->name);
}

static int cmp_sessions(const void *a, const void *b)
{
    const ReportSession *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->opened_ms != y->opened_ms)
        return x->opened_ms < y->opened_ms ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int cmp_raw_cells(const void *a, const void *b)
{
    const RawCell *x = a, *y = b;
    if (x->session != y->session)
        return x->session < y->session ? -1 : 1;
    int c = strcmp(x->instrument, y->instrument);
    if (c)
        return c;
    if (x->phase != y->phase)
        return (int)x->phase - (int)y->phase;
    return strcmp(x->part, y->part);
}

static int cmp_runs(const void *a, const void *b)
{
    const ReportRun *x = a, *y = b;
    if (x->session != y->session)
        return x->session < y->session ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median_of(double *v, int n)
{
    if (n <= 0)
        return NAN;
    sort_items(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* The rule, applied once per cell: from here on only what it shows exists. */
static void finish_cell(const RawCell *raw, int session, int k, ReportCell *c)
{
    memset(c, 0, sizeof *c);
    c->session = session;
    snprintf(c->instrument, sizeof c->instrument, "%s", raw->instrument);
    c->phase = raw->phase;
    snprintf(c->part, sizeof c->part, "%s", raw->part);
    snprintf(c->exercise, sizeof c->exercise, "%s", raw->exercise);
    c->lo = raw->lo;
    c->hi = raw->hi;
    if (raw->have_counts)
        stats_disclose(raw->counts, k, &c->shown);
    else
        stats_disclose_shown(raw->n, raw->median, raw->q1, raw->q3, k, &c->shown);
}

int report_week_label_step(int weeks, double label_w, double axis_w)
{
    int every = 1;
    while (every < weeks && (double)(weeks / every) * label_w > axis_w)
        every = every == 1 ? 2 : every == 2 ? 4 : every == 4 ? 13 : every * 2;
    return every;
}

bool report_week_labelled(const Report *r, const ReportGroup *g, int i, int step,
                          int *last_week)
{
    int wk = r->sessions[g->session0 + i].week;
    if (wk == *last_week || (wk - g->first_week) % step)
        return false;
    *last_week = wk;
    return true;
}

const Instrument *report_instrument(const Report *r, const char *id)
{
    return r->opt.catalog ? catalog_instrument(r->opt.catalog, id) : NULL;
}

static bool higher_is_better(const Report *r, const char *instrument)
{
    const Instrument *in = report_instrument(r, instrument);
    /* distress and urge are worse when higher; unknown ones as the catalog's
     * mood: better when higher */
    return in ? in->higher_is_better : true;
}

static int cmp_exercises(const void *a, const void *b)
{
    const ReportExercise *x = a, *y = b;
    bool xn = isnan(x->improvement), yn = isnan(y->improvement);
    if (xn != yn)
        return xn ? 1 : -1;
    if (!xn && x->improvement != y->improvement)
        return x->improvement > y->improvement ? -1 : 1;
    if (x->runs != y->runs)
        return x->runs > y->runs ? -1 : 1;
    int c = strcmp(x->exercise, y->exercise);
    return c ? c : strcmp(x->instrument, y->instrument);
}

static int cmp_run_exercise(const void *a, const void *b)
{
    const ReportRun *x = *(ReportRun *const *)a, *y = *(ReportRun *const *)b;
    int c = strcmp(x->exercise, y->exercise);
    return c ? c : strcmp(x->instrument, y->instrument);
}

static bool rank_exercises(Report *r, ReportGroup *g)
{
    int total = 0;
    for (int s = g->session0; s < g->session0 + g->nsessions; s++)
        total += r->sessions[s].nruns;
    if (total == 0)
        return true;
    ReportRun **list = malloc((size_t)total * sizeof *list);
    double *changes = malloc((size_t)total * sizeof *changes);
    g->exercises = calloc((size_t)total, sizeof *g->exercises);
    if (!list || !changes || !g->exercises) {
        free(list);
        free(changes);
        return false;
    }
    int n = 0;
    for (int s = g->session0; s < g->session0 + g->nsessions; s++)
        for (int i = 0; i < r->sessions[s].nruns; i++)
            list[n++] = &r->runs[r->sessions[s].run0 + i];
    sort_items(list, (size_t)n, sizeof *list, cmp_run_exercise);
    for (int i = 0; i < n;) {
        int j = i, nc = 0;
        ReportExercise *e = &g->exercises[g->nexercises++];
        snprintf(e->exercise, sizeof e->exercise, "%s", list[i]->exercise);
        snprintf(e->instrument, sizeof e->instrument, "%s", list[i]->instrument);
        for (; j < n && !cmp_run_exercise(&list[i], &list[j]); j++) {
            if (list[j]->shown)
                changes[nc++] = list[j]->change;
            else
                e->runs_withheld++;
        }
        e->runs = nc;
        /* a median of figures already shown: it tells nothing new */
        e->median_change = median_of(changes, nc);
        e->improvement = higher_is_better(r, e->instrument) ? e->median_change
                                                            : -e->median_change;
        i = j;
    }
    sort_items(g->exercises, (size_t)g->nexercises, sizeof *g->exercises, cmp_exercises);
    free(list);
    free(changes);
    return true;
}

/* A session's attendance is shown when K or more came (or none: zero is
 * no one's count); the group's total adds up the shown ones only, so no
 * difference of two totals, over two periods, gives a withheld one. */
static void attendance_rule(Report *r, ReportGroup *g, int k)
{
    g->attendance_total = 0;
    g->attendance_sessions = 0;
    for (int s = g->session0; s < g->session0 + g->nsessions; s++) {
        ReportSession *rs = &r->sessions[s];
        if (rs->attendance > 0 && !stats_count_shown(rs->attendance, k))
            rs->attendance = -1;
        if (rs->attendance >= 0) {
            g->attendance_total += rs->attendance;
            g->attendance_sessions++;
        }
    }
}

static void pick_trend_instrument(Report *r, ReportGroup *g)
{
    /* mood when the group has it (the door asks it), else the instrument
     * with the most arrival and check-out answers */
    char best[CATALOG_ID_MAX + 1] = "";
    int best_n = -1;
    for (int s = g->session0; s < g->session0 + g->nsessions; s++) {
        const ReportSession *rs = &r->sessions[s];
        for (int i = rs->cell0; i < rs->cell0 + rs->ncells; i++) {
            const ReportCell *c = &r->cells[i];
            if (c->phase != PHASE_ARRIVAL && c->phase != PHASE_CHECKOUT)
                continue;
            if (!strcmp(c->instrument, "mood")) {
                snprintf(g->trend_instrument, sizeof g->trend_instrument, "mood");
                return;
            }
            int count = 0;
            for (int t = g->session0; t < g->session0 + g->nsessions; t++)
                count += report_cell(r, t, c->instrument, c->phase) != NULL;
            if (count > best_n) {
                best_n = count;
                snprintf(best, sizeof best, "%s", c->instrument);
            }
        }
    }
    snprintf(g->trend_instrument, sizeof g->trend_instrument, "%s", best[0] ? best : "mood");
}

static int cmp_events(const void *a, const void *b)
{
    const PersonEvent *x = a, *y = b;
    int c = strcmp(x->pseudonym, y->pseudonym);
    if (c)
        return c;
    c = strcmp(sort_rows[x->session].group, sort_rows[y->session].group);
    if (c)
        return c;
    int64_t tx = sort_rows[x->session].opened_ms, ty = sort_rows[y->session].opened_ms;
    return tx < ty ? -1 : tx > ty;
}

static int cmp_people(const void *a, const void *b)
{
    const ReportPerson *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    int c = strcmp(x->pseudonym, y->pseudonym);
    if (c)
        return c;
    if (x->week != y->week)
        return x->week < y->week ? -1 : 1;
    c = strcmp(x->instrument, y->instrument);
    return c ? c : (int)x->phase - (int)y->phase;
}

static bool build_people(ReportBuilder *b, Report *r, const int *map)
{
    sort_rows = b->rows;
    sort_items(b->events, (size_t)b->nevents, sizeof *b->events, cmp_events);
    ReportPerson *out = calloc((size_t)(b->nevents ? b->nevents : 1), sizeof *out);
    if (!out)
        return false;
    int n = 0;
    for (int i = 0; i < b->nevents;) {
        /* one person in one group: the first session opens week 1 */
        int j = i;
        int64_t first = b->rows[b->events[i].session].opened_ms;
        for (; j < b->nevents && !strcmp(b->events[j].pseudonym, b->events[i].pseudonym) &&
               !strcmp(b->rows[b->events[j].session].group, b->rows[b->events[i].session].group);
             j++) {
            const PersonEvent *e = &b->events[j];
            int s = map[e->session];
            if (e->value < 0 || s < 0)
                continue;
            ReportPerson *p = &out[n++];
            snprintf(p->pseudonym, sizeof p->pseudonym, "%s", e->pseudonym);
            p->group = r->sessions[s].group;
            p->week = (int)((b->rows[e->session].opened_ms - first) / REPORT_WEEK_MS) + 1;
            snprintf(p->instrument, sizeof p->instrument, "%s", e->instrument);
            p->phase = e->phase;
            p->n = 1;
            p->mean = e->value;
        }
        i = j;
    }
    sort_items(out, (size_t)n, sizeof *out, cmp_people);
    /* one row per person, week, instrument and phase: the week's mean */
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && !cmp_people(&out[m - 1], &out[i])) {
            ReportPerson *p = &out[m - 1];
            p->mean = (p->mean * p->n + out[i].mean) / (p->n + 1);
            p->n++;
        } else {
            out[m++] = out[i];
        }
    }
    r->people = out;
    r->npeople = m;
    return true;
}

static void builder_free(ReportBuilder *b)
{
    free(b->rows);
    free(b->byid);
    free(b->slots);
    free(b->cells);
    free(b->events);
    free(b);
}

/* The runs of the report: a pair of cells, before and after, of one
 * exercise run (cells are sorted, so a run's two are side by side). */
static bool link_runs(Report *r)
{
    r->runs = calloc((size_t)(r->ncells ? r->ncells : 1), sizeof *r->runs);
    if (!r->runs)
        return false;
    for (int i = 0; i < r->ncells; i++) {
        const ReportCell *c = &r->cells[i];
        if (c->phase != PHASE_PRE || !c->part[0])
            continue;
        int post = -1;
        for (int j = i + 1; j < r->ncells && r->cells[j].session == c->session &&
                            !strcmp(r->cells[j].instrument, c->instrument);
             j++)
            if (r->cells[j].phase == PHASE_POST && !strcmp(r->cells[j].part, c->part))
                post = j;
        if (post < 0)
            continue; /* no round after it: not a before-and-after */
        ReportRun *u = &r->runs[r->nruns++];
        u->session = c->session;
        snprintf(u->id, sizeof u->id, "%s", c->part);
        snprintf(u->exercise, sizeof u->exercise, "%s", c->exercise);
        snprintf(u->instrument, sizeof u->instrument, "%s", c->instrument);
        u->pre = i;
        u->post = post;
        u->shown = stats_change(&c->shown, &r->cells[post].shown, &u->change);
    }
    sort_items(r->runs, (size_t)r->nruns, sizeof *r->runs, cmp_runs);
    /* the cells' indexes follow the sort: both stay valid, runs only move */
    return true;
}

bool report_builder_finish(ReportBuilder *b, Report *r)
{
    memset(r, 0, sizeof *r);
    r->opt = b->opt;
    int k = b->opt.min_cell;
    int *map = malloc((size_t)(b->nrows ? b->nrows : 1) * sizeof *map);
    r->groups = calloc((size_t)(b->nrows ? b->nrows : 1), sizeof *r->groups);
    r->sessions = calloc((size_t)(b->nrows ? b->nrows : 1), sizeof *r->sessions);
    r->cells = calloc((size_t)(b->ncells ? b->ncells : 1), sizeof *r->cells);
    if (b->failed || !map || !r->groups || !r->sessions || !r->cells)
        goto fail;

    /* the groups of the sessions kept, by name */
    for (int i = 0; i < b->nrows; i++) {
        map[i] = -1;
        if (!in_period(&b->opt, &b->rows[i]))
            continue;
        int g = 0;
        while (g < r->ngroups && strcmp(r->groups[g].name, b->rows[i].group))
            g++;
        if (g == r->ngroups)
            snprintf(r->groups[r->ngroups++].name, sizeof r->groups[0].name, "%s",
                     b->rows[i].group);
    }
    sort_items(r->groups, (size_t)r->ngroups, sizeof *r->groups, cmp_names);

    for (int i = 0; i < b->nrows; i++) {
        if (!in_period(&b->opt, &b->rows[i]))
            continue;
        ReportSession *s = &r->sessions[r->nsessions++];
        snprintf(s->id, sizeof s->id, "%s", b->rows[i].id);
        snprintf(s->kiosk, sizeof s->kiosk, "%s", b->rows[i].kiosk);
        for (s->group = 0; strcmp(r->groups[s->group].name, b->rows[i].group); s->group++)
            ;
        s->opened_ms = b->rows[i].opened_ms;
        s->attendance = b->rows[i].attendance;
        s->imported = b->rows[i].imported;
        s->cell0 = i; /* the raw index, for the map below */
    }
    sort_items(r->sessions, (size_t)r->nsessions, sizeof *r->sessions, cmp_sessions);
    for (int i = 0; i < r->nsessions; i++) {
        map[r->sessions[i].cell0] = i;
        r->sessions[i].cell0 = 0;
    }

    /* the cells of the sessions kept, in their sessions' order, each
     * through the rule: the counts stay behind in the builder */
    int nc = 0;
    for (int i = 0; i < b->ncells; i++) {
        int s = map[b->cells[i].session];
        if (s < 0)
            continue;
        b->cells[nc] = b->cells[i];
        b->cells[nc++].session = s;
    }
    sort_items(b->cells, (size_t)nc, sizeof *b->cells, cmp_raw_cells);
    for (int i = 0; i < nc; i++) {
        ReportCell *c = &r->cells[r->ncells++];
        finish_cell(&b->cells[i], b->cells[i].session, k, c);
        ReportSession *s = &r->sessions[c->session];
        if (s->ncells == 0)
            s->cell0 = i;
        s->ncells++;
        r->cells_suppressed += !c->shown.shown;
    }
    if (b->cells) /* the counts stay behind: wiped, not just freed */
        memset(b->cells, 0, (size_t)b->capcells * sizeof *b->cells);
    if (!link_runs(r))
        goto fail;
    for (int i = 0; i < r->nruns; i++) {
        ReportSession *s = &r->sessions[r->runs[i].session];
        if (s->nruns == 0)
            s->run0 = i;
        s->nruns++;
    }

    for (int i = 0; i < r->nsessions; i++) {
        ReportGroup *g = &r->groups[r->sessions[i].group];
        if (g->nsessions == 0)
            g->session0 = i;
        g->nsessions++;
    }
    for (int gi = 0; gi < r->ngroups; gi++) {
        ReportGroup *g = &r->groups[gi];
        /* weeks count from the group's first session ever, so week 9 of a
         * twelve-week program is week 9 whatever the period shown */
        int64_t first = r->sessions[g->session0].opened_ms;
        for (int i = 0; i < b->nrows; i++)
            if (!strcmp(b->rows[i].group, g->name) && b->rows[i].opened_ms < first)
                first = b->rows[i].opened_ms;
        for (int s = g->session0; s < g->session0 + g->nsessions; s++)
            r->sessions[s].week = (int)((r->sessions[s].opened_ms - first) / REPORT_WEEK_MS) + 1;
        g->first_week = r->sessions[g->session0].week;
        g->weeks = r->sessions[g->session0 + g->nsessions - 1].week - g->first_week + 1;
        attendance_rule(r, g, k);
        pick_trend_instrument(r, g);
        if (!rank_exercises(r, g))
            goto fail;
    }
    for (int i = 0; i < r->nsessions; i++) {
        int64_t t = r->sessions[i].opened_ms;
        if (i == 0 || t < r->first_ms)
            r->first_ms = t;
        if (i == 0 || t > r->last_ms)
            r->last_ms = t;
    }
    if (b->opt.per_person) {
        /* people's weeks and nothing else: no session, no date */
        if (!build_people(b, r, map))
            goto fail;
        for (int gi = 0; gi < r->ngroups; gi++) {
            free(r->groups[gi].exercises);
            ReportGroup keep = {0};
            snprintf(keep.name, sizeof keep.name, "%s", r->groups[gi].name);
            r->groups[gi] = keep;
        }
        memset(r->sessions, 0, (size_t)r->nsessions * sizeof *r->sessions);
        r->nsessions = r->ncells = r->nruns = r->cells_suppressed = 0;
        r->first_ms = r->last_ms = 0;
    }
    free(map);
    builder_free(b);
    return true;
fail:
    free(map);
    builder_free(b);
    report_free(r);
    return false;
}

StoreResult report_build(Store *store, const ReportOptions *opt, Report *out)
{
    memset(out, 0, sizeof *out);
    ReportBuilder *b = report_builder_new(opt);
    if (!b)
        return STORE_NOMEM;
    ReportSink sink = report_builder_sink(b);
    StoreResult res = store_report_read(store, opt->per_person, &sink);
    if (res != STORE_OK) {
        Report dummy;
        report_builder_finish(b, &dummy);
        report_free(&dummy);
        return res;
    }
    if (!report_builder_finish(b, out))
        return STORE_NOMEM;
    snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", store_kiosk_id(store));
    char demo[8];
    out->demo = store_setting_get(store, "demo_data", demo, sizeof demo) == STORE_OK &&
                !strcmp(demo, "1");
    return STORE_OK;
}

void report_free(Report *r)
{
    for (int i = 0; r->groups && i < r->ngroups; i++)
        free(r->groups[i].exercises);
    free(r->groups);
    free(r->sessions);
    free(r->cells);
    free(r->runs);
    free(r->people);
    memset(r, 0, sizeof *r);
}

const ReportCell *report_cell(const Report *r, int session, const char *instrument,
                              RatingPhase phase)
{
    const ReportSession *s = &r->sessions[session];
    for (int i = s->cell0; i < s->cell0 + s->ncells; i++)
        if (r->cells[i].phase == phase && !r->cells[i].part[0] &&
            !strcmp(r->cells[i].instrument, instrument))
            return &r->cells[i];
    return NULL;
}

/* The middle answer a cell shows, or NAN. */
static double shown_median(const ReportCell *c)
{
    return c && c->shown.has_median ? (double)c->shown.median : NAN;
}

bool report_session_marked_change(const Report *r, int session)
{
    const ReportGroup *g = &r->groups[r->sessions[session].group];
    const Instrument *in = report_instrument(r, g->trend_instrument);
    if (!in || !in->has_marked_change)
        return false;
    double a = shown_median(report_cell(r, session, g->trend_instrument, PHASE_ARRIVAL));
    double c = shown_median(report_cell(r, session, g->trend_instrument, PHASE_CHECKOUT));
    if (isnan(a) || isnan(c))
        return false;
    double d = c - a;
    return (in->higher_is_better ? d : -d) >= in->marked_change;
}

void report_reference_label(const Instrument *in, char *out, size_t n)
{
    char value[16];
    i18n_format_value(value, sizeof value, in->reference_line);
    const char *own = text_in(&in->reference_label, i18n_lang());
    if (own[0])
        snprintf(out, n, "%s %s", own, value);
    else
        /* TRANSLATORS: a line on a trend chart at the answer 2 that the clinic
         * chose to draw; short, and it claims no clinical meaning */
        snprintf(out, n, _("clinic's line %s"), value);
}

static bool parse_day(const char *date, int64_t *ms)
{
    if (!date || strlen(date) != 10)
        return false;
    return clock_parse_iso(date, ms);
}

bool report_parse_since(ReportOptions *opt, const char *date)
{
    if (!parse_day(date, &opt->since_ms))
        return false;
    opt->has_since = true;
    return true;
}

bool report_parse_until(ReportOptions *opt, const char *date)
{
    if (!parse_day(date, &opt->until_ms))
        return false;
    opt->until_ms += REPORT_DAY_MS; /* the whole day is included */
    opt->has_until = true;
    return true;
}

/* The median of the session medians shown in weeks [from, to]. */
static double weeks_median(const Report *r, const ReportGroup *g, RatingPhase phase, int from,
                           int to)
{
    double v[512];
    int n = 0;
    for (int s = g->session0; s < g->session0 + g->nsessions && n < 512; s++) {
        if (r->sessions[s].week < from || r->sessions[s].week > to)
            continue;
        double m = shown_median(report_cell(r, s, g->trend_instrument, phase));
        if (!isnan(m))
            v[n++] = m;
    }
    return median_of(v, n);
}


void report_group_summary(const Report *r, int group, char *out, size_t n)
{
    const ReportGroup *g = &r->groups[group];
    if (g->nsessions == 0) {
        snprintf(out, n, "%s", _("No sessions in this period."));
        return;
    }
    int span = g->weeks >= 4 ? 2 : 1;
    int last = g->first_week + g->weeks - 1;
    double a0 = weeks_median(r, g, PHASE_ARRIVAL, g->first_week, g->first_week + span - 1);
    double a1 = weeks_median(r, g, PHASE_ARRIVAL, last - span + 1, last);
    int better = 0, shown = 0;
    bool hib = higher_is_better(r, g->trend_instrument);
    for (int s = g->session0; s < g->session0 + g->nsessions; s++) {
        double a = shown_median(report_cell(r, s, g->trend_instrument, PHASE_ARRIVAL));
        double c = shown_median(report_cell(r, s, g->trend_instrument, PHASE_CHECKOUT));
        if (isnan(a) || isnan(c))
            continue;
        shown++;
        double d = c - a;
        better += hib ? d > 0 : d < 0;
    }
    char x[16], y[16];
    i18n_format_value(x, sizeof x, a0);
    i18n_format_value(y, sizeof y, a1);
    const Instrument *in = report_instrument(r, g->trend_instrument);
    const char *title = in ? text_in(&in->title, i18n_lang()) : g->trend_instrument;
    char first[400], second[200] = "";
    if (isnan(a0) && isnan(a1))
        /* nothing to name: never "was -." */
        snprintf(first, sizeof first,
                 _("No arrival answers to \"%s\" can be shown yet: too few answered."), title);
    else if (g->nsessions == 1)
        snprintf(first, sizeof first,
                 _("On arrival, the session's middle answer to \"%s\" was %s."), title,
                 isnan(a1) ? x : y);
    else if (g->weeks <= span || isnan(a0) || isnan(a1))
        snprintf(first, sizeof first,
                 _("On arrival, the typical session's middle answer to \"%s\" was %s."), title,
                 isnan(a1) ? x : y);
    else
        snprintf(first, sizeof first,
                 _("On arrival, the typical session's middle answer to \"%s\" was %s in the "
                   "first %s and %s in the last."),
                 title, x, span == 2 ? _("two weeks") : _("week"), y);
    if (shown > 0)
        snprintf(second, sizeof second,
                 P_(" Check-out was better than arrival in %d of %d session.",
                    " Check-out was better than arrival in %d of %d sessions.", shown),
                 better, shown);
    snprintf(out, n, "%s%s", first, second);
}

void report_anonymization_note(int min_cell, char *out, size_t n)
{
    snprintf(out, n,
                 _("How the numbers were anonymized: no names, passes, codes or hashes are in "
                   "this report. A set of answers (a session's arrival or check-out, one round) "
                   "is shown only from %d answers, and then only as how many answered, the "
                   "middle answer and, from 7 answers, the middle half: never how many chose "
                   "each answer, and no average, so no one's answer can be worked out. "
                   "Attendance is shown for sessions of %d or more, and totals add up only what "
                   "is shown."),
                 min_cell, min_cell);
}

void report_note(const Report *r, char *out, size_t n)
{
    char note[1024];
    report_anonymization_note(r->opt.min_cell, note, sizeof note);
    if (!r->program) {
        snprintf(out, n, "%s", note);
        return;
    }
    snprintf(out, n, "%s %s", note,
             _("This is a program's report: a session here is one group's sessions of one "
               "day at one site, pooled over every kiosk that published them, and the rule "
               "applies to the pooled answers. A pooled figure is also withheld when a "
               "kiosk's own report could show part of it and leave fewer answers than the "
               "threshold for the rest."));
}
