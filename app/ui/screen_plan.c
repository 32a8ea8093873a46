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
    int first_row; /* the agenda's scroll position */
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
    SDL_Rect plans[MAX_PLANS], none;
    SDL_Rect status, action, next; /* the current block's line, its buttons */
    SDL_Rect rows[CATALOG_MAX_BLOCKS];
    SDL_Rect earlier, later;
    int first, visible;        /* the rows shown */
} PlanLayout;

static void layout(App *app, const View *v, PlanScreen *p, PlanLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    int np = plan_count(app);

    /* the plans: a column on the left, or rows of two on top in portrait */
    SDL_Rect side;
    if (portrait) {
        int rows = (np + 1 + 1) / 2;
        side = rect_cut_top(&area, rows * bh + (rows - 1) * gap);
        rect_cut_top(&area, gap * 2);
        for (int i = 0; i <= np; i++) {
            SDL_Rect row = rect_row(side, rows, i / 2, gap);
            SDL_Rect r = rect_col(row, 2, i % 2, gap);
            if (i < np)
                l->plans[i] = r;
            else
                l->none = r;
        }
    } else {
        side = rect_cut_left(&area, area.w * 3 / 10);
        rect_cut_left(&area, gap * 2);
        SDL_Rect col = side;
        for (int i = 0; i < np; i++) {
            if (col.h < bh * 2 + gap)
                break; /* keep room for "no plan" */
            l->plans[i] = rect_cut_top(&col, bh);
            rect_cut_top(&col, gap);
        }
        l->none = rect_cut_bottom(&col, bh);
    }

    const Plan *plan = current_plan(app, p);
    if (!plan)
        return;
    /* the current block's line; below it what it offers and the next block */
    l->status = rect_cut_top(&area, bh);
    rect_cut_top(&area, gap);
    char label[200];
    PlanPosition pos;
    const Plan *pl;
    if (plan_session_position(app, &p->sess, &pl, &pos)) {
        bool action = plan_block_action(app, &pos, label, sizeof label);
        if (action || pos.next) {
            SDL_Rect buttons = rect_cut_top(&area, bh);
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
    }

    /* the agenda: as many rows as fit, scrolled to keep the current one */
    int row_h = (int)fmaxf((float)widget_min_touch(v), (float)app_text_px(app, v, 7.5f));
    int small_gap = gap / 2;
    int fit = (area.h + small_gap) / (row_h + small_gap);
    if (fit < 1)
        fit = 1;
    if (plan->nblocks > fit) {
        SDL_Rect nav = rect_cut_bottom(&area, row_h);
        rect_cut_bottom(&area, small_gap);
        l->earlier = rect_col(nav, 2, 0, gap);
        l->later = rect_col(nav, 2, 1, gap);
        fit = (area.h + small_gap) / (row_h + small_gap);
        if (fit < 1)
            fit = 1;
    }
    if (p->first_row > plan->nblocks - fit)
        p->first_row = plan->nblocks - fit;
    if (p->first_row < 0)
        p->first_row = 0;
    l->first = p->first_row;
    l->visible = plan->nblocks - l->first < fit ? plan->nblocks - l->first : fit;
    for (int i = 0; i < l->visible; i++)
        l->rows[l->first + i] =
            (SDL_Rect){area.x, area.y + i * (row_h + small_gap), area.w, row_h};
}

/* Scrolls so the current block shows, one block of the past above it. */
static void scroll_to_current(App *app, PlanScreen *p)
{
    (void)app;
    p->first_row = p->sess.plan_block - 1;
}

static int plan_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    PlanScreen *p = (PlanScreen *)s;
    PlanLayout l;
    layout(app, v, p, &l);
    int n = 0, np = plan_count(app);
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < np && n < max; i++)
        if (l.plans[i].w)
            out[n++] = (Target){ID_PLAN0 + i, l.plans[i], !p->have_session};
    out[n++] = (Target){ID_NONE, l.none, !p->have_session};
    if (l.action.w)
        out[n++] = (Target){ID_ACTION, l.action, false};
    if (l.next.w)
        out[n++] = (Target){ID_NEXT, l.next, false};
    for (int i = l.first; i < l.first + l.visible && n < max - 2; i++)
        out[n++] = (Target){ID_BLOCK0 + i, l.rows[i], false};
    if (l.earlier.w) {
        out[n++] = (Target){ID_EARLIER, l.earlier, l.first == 0};
        const Plan *plan = current_plan(app, p);
        out[n++] = (Target){ID_LATER, l.later, !plan || l.first + l.visible >= plan->nblocks};
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
    p->first_row = 0;
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
        p->first_row += id == ID_LATER ? 3 : -3;
        app_targets_changed(app);
        app_invalidate(app);
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
                     SDL_Rect r)
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
    TextStyle ts = {type_px(app, v, TYPE_LABEL), current ? FONT_BOLD : FONT_REGULAR, ink, 0,
                    ALIGN_LEFT, TYPE_LABEL};
    char when[32] = "\xE2\x80\x93"; /* an earlier start never recorded */
    if (pos->block_start_ms[i])
        plan_format_clock(pos->block_start_ms[i], when, sizeof when);
    SDL_Rect time_box = rect_cut_left(&in, app_text_px(app, v, 3.4f) * 5);
    TextStyle ws = ts;
    ws.color = t->text_muted;
    ws.weight = FONT_REGULAR;
    text_draw_box(v->text, when, &ws, time_box);
    char mins[64];
    if (current)
        plan_format_minutes(pos, mins, sizeof mins);
    else if (past && pos->skipped[i])
        /* TRANSLATORS: a block of today's plan the group went past */
        snprintf(mins, sizeof mins, "%s", _("skipped"));
    else
        snprintf(mins, sizeof mins, _("%d min"), b->minutes);
    TextStyle ms = ts;
    ms.align = ALIGN_RIGHT;
    ms.color = current && pos->over ? t->attention : (current ? t->accent : t->text_muted);
    int mw, mh;
    text_size(v->text, mins, &ms, &mw, &mh);
    SDL_Rect mins_box = rect_cut_right(&in, mw);
    text_draw(v->text, mins, &ms, mins_box.x + mins_box.w, mins_box.y + (mins_box.h - mh) / 2);
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
    const char *lang = i18n_lang();
    int np = plan_count(app);
    for (int i = 0; i < np; i++) {
        if (!l.plans[i].w)
            continue;
        const Plan *pl = catalog_plan_at(app->catalog, i);
        bool chosen = p->have_session && !strcmp(pl->id, p->sess.plan);
        char label[200];
        int h = pl->total_minutes / 60, m = pl->total_minutes % 60;
        /* the length never breaks across lines (no-break spaces) */
        if (h && m)
            snprintf(label, sizeof label, _("%s (%d\xC2\xA0h %d\xC2\xA0min)"),
                     text_in(&pl->title, lang), h, m);
        else if (h)
            snprintf(label, sizeof label, _("%s (%d\xC2\xA0h)"), text_in(&pl->title, lang), h);
        else
            snprintf(label, sizeof label, _("%s (%d\xC2\xA0min)"), text_in(&pl->title, lang),
                     m);
        Target tg = {ID_PLAN0 + i, l.plans[i], !p->have_session};
        widget_button(app, v, &tg, label, chosen ? BUTTON_PRIMARY : BUTTON_SECONDARY,
                      chosen ? draw_icon_check : NULL);
    }
    Target none = {ID_NONE, l.none, !p->have_session};
    widget_button(app, v, &none, _("No plan"), BUTTON_QUIET,
                  p->have_session && !p->sess.plan[0] ? draw_icon_check : NULL);

    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    SDL_Rect right = area;
    if (v->w > v->h)
        right = (SDL_Rect){l.none.x + l.none.w + ui_gap(v) * 2, area.y,
                           area.x + area.w - (l.none.x + l.none.w + ui_gap(v) * 2), area.h};
    else
        right = (SDL_Rect){area.x, l.none.y + l.none.h + ui_gap(v) * 2, area.w,
                           area.y + area.h - (l.none.y + l.none.h + ui_gap(v) * 2)};
    TextStyle ms = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, right.w, ALIGN_LEFT, TYPE_BODY};
    const Plan *plan = current_plan(app, p);
    PlanPosition pos;
    if (!p->have_session) {
        text_draw_box(v->text, _("Open a session first: a plan belongs to today's session."), &ms, rect_cut_top(&right, right.h / 3));
    } else if (!plan || !plan_session_position(app, &p->sess, &plan, &pos)) {
        const char *msg = p->sess.plan[0]
                              ? _("This session's plan is no longer in the data folder. Choose "
                                  "another.")
                              : _("Choose the plan this session follows. The console then shows "
                                  "the current block and its time.");
        text_draw_box(v->text, msg, &ms,
                      rect_cut_top(&right, right.h / 3));
    } else {
        char status[300];
        plan_format_status(&pos, plan, true, status, sizeof status);
        TextStyle ss = {type_px(app, v, TYPE_LABEL), FONT_BOLD, pos.over ? t->attention : t->text,
                        0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, status, &ss, l.status);
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
        for (int i = l.first; i < l.first + l.visible; i++)
            draw_row(app, v, plan, &pos, i, l.rows[i]);
        if (l.earlier.w) {
            Target e = {ID_EARLIER, l.earlier, l.first == 0};
            Target a = {ID_LATER, l.later, l.first + l.visible >= plan->nblocks};
            widget_button(app, v, &e, _("Earlier blocks"), BUTTON_QUIET, NULL);
            widget_button(app, v, &a, _("Later blocks"), BUTTON_QUIET, NULL);
        }
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
