/* Today's plan: choose the session's agenda and see where the room stands in
 * it. Each earlier block shows when it really began (or that it was
 * skipped), later ones when they would begin at plan pace; the current one
 * shows its time against its planned minutes, or that its exercise is done.
 * "Next block" or tapping a block moves there (svc/session.h
 * session_move_block keeps the record), which is also how a facilitator
 * puts right a "next block" tapped too early. */
#include "core/catalog.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/plan.h"
#include "svc/session.h"
#include "ui/draw.h"
#include "ui/plan.h"
#include "ui/screens.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_NONE = 2,    /* no plan for this session */
    ID_EARLIER = 3, /* scroll the agenda */
    ID_LATER = 4,
    ID_ACTION = 5,  /* start the current block's exercise or round */
    ID_NEXT = 6,    /* move on to the next block */
    ID_PLANS_UP = 7, /* scroll the plans */
    ID_PLANS_DOWN = 8,
    ID_PLAN0 = 100, /* + plan index */
    ID_BLOCK0 = 200 /* + block index */
};

#define MAX_PLANS 8

/* --- shared with the console ------------------------------------------------ */

void plan_block_run(App *app, const PlanBlock *b)
{
    if (!b || !app->catalog)
        return;
    if (b->exercise[0]) {
        const Exercise *ex = catalog_exercise(app->catalog, b->exercise);
        if (ex)
            app_push(app, exercise_screen_new(app, ex));
    } else if (b->kind == BLOCK_RATING && b->instrument[0]) {
        const Instrument *in = catalog_instrument(app->catalog, b->instrument);
        if (in) {
            store_audit(app->store, app->wall, "round.start", in->id);
            app_start_for_room(app, round_screen_new(app, in, PHASE_ROUND, NULL, NULL, NULL));
        }
    }
}

/* --- the screen -------------------------------------------------------------- */

typedef struct PlanScreen {
    Screen base;
    SessionInfo sess;
    bool have_session;
    ScrollList plans;  /* the plans and "no plan", by whole buttons */
    ScrollList agenda; /* the blocks, by whole rows */
    int64_t shown_minute;
    char problem[300];
} PlanScreen;

static int plan_count(const App *app)
{
    int n = app->catalog ? catalog_plan_count(app->catalog) : 0;
    return n > MAX_PLANS ? MAX_PLANS : n;
}

static const Plan *current_plan(const App *app, const PlanScreen *p)
{
    return p->have_session && p->sess.plan[0] && app->catalog
               ? catalog_plan(app->catalog, p->sess.plan)
               : NULL;
}

static void reload(App *app, PlanScreen *p)
{
    StoreResult r = session_current(app->store, &p->sess);
    p->have_session = r == STORE_OK;
    if (r < 0)
        snprintf(p->problem, sizeof p->problem, "%s", store_error(app->store));
    app_targets_changed(app);
    app_invalidate(app);
}

typedef struct PlanLayout {
    SDL_Rect plans[MAX_PLANS + 1]; /* plans[k]: the k-th shown; the last item is "no plan" */
    SDL_Rect plans_up, plans_down;
    SDL_Rect status, action, next; /* the current block's line, its buttons */
    SDL_Rect rows[CATALOG_MAX_BLOCKS]; /* rows[k]: the k-th block shown */
    SDL_Rect earlier, later;
    SDL_Rect message; /* what shows instead of the agenda */
} PlanLayout;

/* A plan's button: its title and length (never broken across lines). */
static void plan_label(const App *app, int i, char *label, size_t n)
{
    const Plan *pl = catalog_plan_at(app->catalog, i);
    const char *lang = i18n_lang();
    int h = pl->total_minutes / 60, m = pl->total_minutes % 60;
    if (h && m)
        /* no-break spaces all through the length: it never splits */
        snprintf(label, n, _("%s (%d\xC2\xA0h\xC2\xA0%d\xC2\xA0min)"), text_in(&pl->title, lang), h,
                 m);
    else if (h)
        snprintf(label, n, _("%s (%d\xC2\xA0h)"), text_in(&pl->title, lang), h);
    else
        snprintf(label, n, _("%s (%d\xC2\xA0min)"), text_in(&pl->title, lang), m);
}

/* A block's minutes as its row shows them. */
static void block_minutes(const Plan *plan, const PlanPosition *pos, int i, char *out, size_t n)
{
    if (i == pos->block)
        plan_format_minutes(pos, out, n);
    else if (i < pos->block && pos->skipped[i])
        /* TRANSLATORS: a block of today's plan the group went past */
        snprintf(out, n, "%s", _("skipped"));
    else
        snprintf(out, n, _("%d min"), plan->blocks[i].minutes);
}

/* The width of the agenda's time column: the widest start time drawn. */
static int time_col_w(App *app, View *v, const PlanPosition *pos, const Plan *plan)
{
    TextStyle ts = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    int w = 0, tw;
    for (int i = 0; i < plan->nblocks; i++) {
        char when[32] = "\xE2\x80\x93";
        if (pos->block_start_ms[i])
            plan_format_clock(pos->block_start_ms[i], when, sizeof when);
        text_size(v->text, when, &ts, &tw, NULL);
        w = tw > w ? tw : w;
    }
    return w;
}

static int mins_w(App *app, View *v, const Plan *plan, const PlanPosition *pos, int i)
{
    char mins[64];
    block_minutes(plan, pos, i, mins, sizeof mins);
    TextStyle ts = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    ts.weight = FONT_BOLD;
    int w;
    text_size(v->text, mins, &ts, &w, NULL);
    return w;
}

/* A block's row: its start time, its title wrapped between, its minutes;
 * as tall as the title's lines. */
static int row_h(App *app, View *v, const Plan *plan, const PlanPosition *pos, int i, int w,
                 int time_w)
{
    int gap = ui_gap(v);
    int title_w = w - gap * 2 - time_w - gap - mins_w(app, v, plan, pos, i) - gap;
    int h = type_height(app, v, TYPE_LABEL, text_in(&plan->blocks[i].title, i18n_lang()),
                        title_w > gap ? title_w : gap) +
            gap;
    int min = widget_min_touch(v);
    return h > min ? h : min;
}

static void layout(App *app, const View *v_, PlanScreen *p, PlanLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = ui_body(app, v, _("Today's plan"), true);
    int gap = ui_gap(v), arrow_w = widget_min_touch(v);
    bool portrait = v->h > v->w;
    int np = plan_count(app);

    /* the plans and "no plan": a column on the left, or a band on top in
     * portrait; each button as tall as its label, the list scrolls */
    SDL_Rect side;
    /* on a portrait screen, once a plan is chosen the agenda matters more:
     * the plans keep a quarter of the height (and scroll) */
    if (portrait)
        side = rect_cut_top(&area, current_plan(app, p) ? area.h / 4 : area.h * 2 / 5);
    else {
        /* three tenths, or wider where a plan's longest word would be cut
         * beside the chosen plan's check ("prevención" at 150 %) */
        int side_w = area.w * 3 / 10;
        for (int i = 0; i < np; i++) {
            char label[200];
            plan_label(app, i, label, sizeof label);
            int need = widget_button_min_w(app, v, label, true) + arrow_w + gap;
            side_w = need > side_w ? need : side_w;
        }
        side = rect_cut_left(&area, side_w < area.w / 2 ? side_w : area.w / 2);
    }
    int heights[MAX_PLANS + 1], total = 0;
    for (int i = 0; i <= np; i++) {
        char label[200];
        if (i < np)
            plan_label(app, i, label, sizeof label);
        heights[i] = widget_button_h(app, v, i < np ? label : _("No plan"), true,
                                     side.w - arrow_w - gap);
        total += heights[i] + (i ? gap : 0);
    }
    if (portrait && total < side.h) {
        /* the whole list fits: the agenda gets the rest */
        area.y -= side.h - total;
        area.h += side.h - total;
        side.h = total;
    }
    scroll_layout(&p->plans, heights, np + 1, side, gap, arrow_w, l->plans, &l->plans_up,
                  &l->plans_down);
    if (portrait)
        rect_cut_top(&area, gap * 2);
    else
        rect_cut_left(&area, gap * 2);
    l->message = area;

    const Plan *plan = current_plan(app, p);
    PlanPosition pos;
    const Plan *pl;
    if (!plan || !plan_session_position(app, &p->sess, &pl, &pos))
        return;
    /* the current block's line; below it what it offers and the next block */
    char status[300], label[200];
    plan_format_status(&pos, plan, true, status, sizeof status);
    l->status = rect_cut_top(&area, type_height(app, v, TYPE_LABEL, status, area.w));
    rect_cut_top(&area, gap);
    bool action = plan_block_action(app, &pos, label, sizeof label);
    if (action || pos.next) {
        const char *labels[2] = {label, _("Next block")};
        int n = action && pos.next ? 2 : 1;
        SDL_Rect buttons = rect_cut_top(
            &area, widget_row_h(app, v, action ? labels : labels + 1, n, area.w, gap));
        rect_cut_top(&area, gap);
        if (action && pos.next) {
            l->action = rect_col(buttons, 2, 0, gap);
            l->next = rect_col(buttons, 2, 1, gap);
        } else if (action) {
            l->action = buttons;
        } else {
            l->next = buttons;
        }
    }

    /* the agenda: rows as tall as their titles, scrolled by whole rows */
    int tw = time_col_w(app, v, &pos, plan);
    int rh[CATALOG_MAX_BLOCKS];
    for (int i = 0; i < plan->nblocks; i++)
        rh[i] = row_h(app, v, plan, &pos, i, area.w - arrow_w - gap, tw);
    scroll_layout(&p->agenda, rh, plan->nblocks, area, gap / 2, arrow_w, l->rows, &l->earlier,
                  &l->later);
}

/* Scrolls so the current block shows, one block of the past above it. */
static void scroll_to_current(App *app, PlanScreen *p)
{
    (void)app;
    p->agenda.first = p->sess.plan_block > 0 ? p->sess.plan_block - 1 : 0;
}

static int plan_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    PlanScreen *p = (PlanScreen *)s;
    PlanLayout l;
    layout(app, v, p, &l);
    int n = 0, np = plan_count(app);
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int k = 0; k < p->plans.shown && n < max; k++) {
        int i = p->plans.first + k;
        out[n++] = (Target){i < np ? ID_PLAN0 + i : ID_NONE, l.plans[k], !p->have_session};
    }
    if (l.plans_up.w && n < max - 2) {
        out[n++] = (Target){ID_PLANS_UP, l.plans_up, p->plans.first == 0};
        out[n++] = (Target){ID_PLANS_DOWN, l.plans_down,
                            p->plans.first + p->plans.shown >= p->plans.count};
    }
    if (l.action.w && n < max)
        out[n++] = (Target){ID_ACTION, l.action, false};
    if (l.next.w && n < max)
        out[n++] = (Target){ID_NEXT, l.next, false};
    if (current_plan(app, p))
        for (int k = 0; k < p->agenda.shown && n < max - 2; k++)
            out[n++] = (Target){ID_BLOCK0 + p->agenda.first + k, l.rows[k], false};
    if (l.earlier.w && n < max - 2) {
        out[n++] = (Target){ID_EARLIER, l.earlier, p->agenda.first == 0};
        out[n++] = (Target){ID_LATER, l.later,
                            p->agenda.first + p->agenda.shown >= p->agenda.count};
    }
    return n;
}

static void choose(App *app, PlanScreen *p, const char *plan_id)
{
    if (!p->have_session)
        return;
    if (plan_id && !strcmp(plan_id, p->sess.plan))
        return; /* already the plan: keep its place */
    StoreResult r = session_choose_plan(app->store, plan_id, app->wall);
    if (r < 0) {
        snprintf(p->problem, sizeof p->problem, "%s", store_error(app->store));
        app_invalidate(app);
        return;
    }
    p->problem[0] = '\0';
    p->agenda.first = 0;
    reload(app, p);
}

static void plan_activate(App *app, Screen *s, int id)
{
    PlanScreen *p = (PlanScreen *)s;
    const Plan *plan = current_plan(app, p);
    if (id == ID_BACK) {
        app_pop(app);
    } else if (id == ID_NONE) {
        choose(app, p, NULL);
    } else if (id >= ID_PLAN0 && id < ID_PLAN0 + plan_count(app)) {
        choose(app, p, catalog_plan_at(app->catalog, id - ID_PLAN0)->id);
    } else if (id == ID_EARLIER || id == ID_LATER) {
        if (scroll_page(&p->agenda, id == ID_LATER ? 1 : -1)) {
            app_targets_changed(app);
            app_invalidate(app);
        }
    } else if (id == ID_PLANS_UP || id == ID_PLANS_DOWN) {
        if (scroll_page(&p->plans, id == ID_PLANS_DOWN ? 1 : -1)) {
            app_targets_changed(app);
            app_invalidate(app);
        }
    } else if (id == ID_ACTION && plan) {
        PlanPosition pos;
        if (plan_session_position(app, &p->sess, &plan, &pos))
            plan_block_run(app, pos.current);
    } else if (plan && ((id >= ID_BLOCK0 && id < ID_BLOCK0 + plan->nblocks) ||
                        (id == ID_NEXT && p->sess.plan_block + 1 < plan->nblocks))) {
        int block = id == ID_NEXT ? p->sess.plan_block + 1 : id - ID_BLOCK0;
        if (block == p->sess.plan_block)
            return;
        if (session_move_block(app->store, block, app->wall) < 0) {
            snprintf(p->problem, sizeof p->problem, "%s", store_error(app->store));
            app_invalidate(app);
            return;
        }
        reload(app, p);
        scroll_to_current(app, p);
    }
}

static bool plan_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void plan_enter(App *app, Screen *s)
{
    PlanScreen *p = (PlanScreen *)s;
    reload(app, p);
    scroll_to_current(app, p);
}

static void plan_update(App *app, Screen *s)
{
    PlanScreen *p = (PlanScreen *)s;
    if (app_top(app) != s)
        return;
    /* the current block's minutes and the times: redraw once a minute */
    int64_t minute = app->wall / 60000;
    if (minute != p->shown_minute) {
        p->shown_minute = minute;
        app_invalidate(app);
    }
    app_wake_at(app, app->now + (uint64_t)(60000 - app->wall % 60000));
}

static void draw_row(App *app, View *v, const Plan *plan, const PlanPosition *pos, int i,
                     SDL_Rect r, int time_w)
{
    const Theme *t = &app->theme;
    const PlanBlock *b = &plan->blocks[i];
    bool current = i == pos->block, past = i < pos->block;
    int id = ID_BLOCK0 + i;
    SDL_Color fill = current ? t->surface_hi : t->surface;
    if (widget_pressed(app, id))
        fill = theme_mix(fill, t->bg, 0.5f);
    draw_round_rect(v->renderer, r, v->unit * 1.2f, fill);
    int gap = ui_gap(v);
    SDL_Rect in = rect_inset(r, gap / 2);
    in.x += gap / 2;
    in.w -= gap;
    if (current) {
        SDL_Rect bar = {r.x, r.y, (int)fmaxf(4, v->unit * 0.9f), r.h};
        draw_round_rect(v->renderer, bar, bar.w / 2.0f, t->accent);
    }
    SDL_Color ink = past ? t->text_muted : t->text;
    TextStyle ts = type_style(app, v, TYPE_LABEL, ink, ALIGN_LEFT);
    char when[32] = "\xE2\x80\x93"; /* an earlier start never recorded */
    if (pos->block_start_ms[i])
        plan_format_clock(pos->block_start_ms[i], when, sizeof when);
    SDL_Rect time_box = rect_cut_left(&in, time_w);
    rect_cut_left(&in, gap);
    TextStyle ws = ts;
    ws.color = t->text_muted;
    text_draw_box(v->text, when, &ws, time_box);
    char mins[64];
    block_minutes(plan, pos, i, mins, sizeof mins);
    TextStyle ms = ts;
    ms.weight = FONT_BOLD;
    ms.align = ALIGN_RIGHT;
    ms.color = current && pos->over ? t->attention : (current ? t->text : t->text_muted);
    SDL_Rect mins_box = rect_cut_right(&in, mins_w(app, v, plan, pos, i));
    text_draw_box(v->text, mins, &ms, mins_box);
    rect_cut_right(&in, gap);
    text_draw_box(v->text, text_in(&b->title, i18n_lang()), &ts, in);
    widget_focus_ring(app, v, r, id);
}

static void plan_draw(App *app, Screen *s, View *v)
{
    PlanScreen *p = (PlanScreen *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Today's plan"), ID_BACK);
    PlanLayout l;
    layout(app, v, p, &l);
    int np = plan_count(app);
    for (int k = 0; k < p->plans.shown; k++) {
        int i = p->plans.first + k;
        if (i == np) {
            Target none = {ID_NONE, l.plans[k], !p->have_session};
            widget_button(app, v, &none, _("No plan"), BUTTON_QUIET,
                          p->have_session && !p->sess.plan[0] ? draw_icon_check : NULL);
            continue;
        }
        const Plan *pl = catalog_plan_at(app->catalog, i);
        bool chosen = p->have_session && !strcmp(pl->id, p->sess.plan);
        char label[200];
        plan_label(app, i, label, sizeof label);
        Target tg = {ID_PLAN0 + i, l.plans[k], !p->have_session};
        widget_button(app, v, &tg, label, chosen ? BUTTON_PRIMARY : BUTTON_SECONDARY,
                      chosen ? draw_icon_check : NULL);
    }
    Target pu = {ID_PLANS_UP, l.plans_up, p->plans.first == 0};
    Target pd = {ID_PLANS_DOWN, l.plans_down, p->plans.first + p->plans.shown >= p->plans.count};
    scroll_draw_arrows(app, v, &p->plans, &pu, &pd);

    SDL_Rect right = l.message;
    TextStyle ms = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
    const Plan *plan = current_plan(app, p);
    PlanPosition pos;
    if (!p->have_session) {
        text_draw_top(v->text, _("Open a session first: a plan belongs to today's session."), &ms,
                      right);
    } else if (!plan || !plan_session_position(app, &p->sess, &plan, &pos)) {
        const char *msg = p->sess.plan[0]
                              ? _("This session's plan is no longer in the data folder. Choose "
                                  "another.")
                              : _("Choose the plan this session follows. The console then shows "
                                  "the current block and its time.");
        text_draw_top(v->text, msg, &ms, right);
    } else {
        char status[300];
        plan_format_status(&pos, plan, true, status, sizeof status);
        TextStyle ss = type_style(app, v, TYPE_LABEL, pos.over ? t->attention : t->text,
                                  ALIGN_LEFT);
        text_draw_top(v->text, status, &ss, l.status);
        if (l.action.w) {
            char label[200];
            plan_block_action(app, &pos, label, sizeof label);
            Target at = {ID_ACTION, l.action, false};
            widget_button(app, v, &at, label, BUTTON_PRIMARY, NULL);
        }
        if (l.next.w) {
            /* once the block is done, moving on is the thing to do */
            Target nt = {ID_NEXT, l.next, false};
            widget_button(app, v, &nt, _("Next block"), pos.done ? BUTTON_PRIMARY : BUTTON_SECONDARY,
                          NULL);
        }
        int tw = time_col_w(app, v, &pos, plan);
        for (int k = 0; k < p->agenda.shown; k++)
            draw_row(app, v, plan, &pos, p->agenda.first + k, l.rows[k], tw);
        Target e = {ID_EARLIER, l.earlier, p->agenda.first == 0};
        Target a = {ID_LATER, l.later, p->agenda.first + p->agenda.shown >= p->agenda.count};
        scroll_draw_arrows(app, v, &p->agenda, &e, &a);
    }
    if (p->problem[0]) {
        TextStyle ps = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, t->attention, right.w, ALIGN_LEFT, TYPE_CAPTION};
        text_draw(v->text, p->problem, &ps, right.x, right.y + right.h - app_text_px(app, v, 8));
    }
}

static void plan_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass plan_screen_class = {
    .name = "plan",
    .enter = plan_enter,
    .event = plan_event,
    .activate = plan_activate,
    .update = plan_update,
    .targets = plan_targets,
    .draw = plan_draw,
    .destroy = plan_destroy,
};

Screen *plan_screen_new(App *app)
{
    (void)app;
    PlanScreen *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.cls = &plan_screen_class;
    return &p->base;
}
