/* The facilitator console: the session and everything staff do, behind the
 * PIN. */
#include "ui/console.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "store/store_pass.h"
#include "store/store_session.h"
#include "ui/draw.h"
#include "ui/plan.h"
#include "ui/screens.h"
#include "ui/widget.h"
#include "svc/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_OPEN = 2,
    ID_CHECKOUT = 3,
    ID_CLOSE = 4,
    ID_MORE = 5,   /* reports and settings: the tools not needed mid-session */
    ID_SEEN = 6,   /* the oldest staff request is seen */
    ID_PLAN = 7,   /* today's plan: choose it, see its blocks */
    ID_NEXT_BLOCK = 8,
    ID_BLOCK_ACTION = 9, /* start the current block's exercise or round */
    ID_TILE0 = 100 /* + index into the tiles */
};

#define MAX_TILES 16

/* The tiles that have a name, in table order. */
static int tile_list(const ConsoleTile **out)
{
    int n = 0;
    for (int i = 0; i < console_tile_count && n < MAX_TILES; i++)
        out[n++] = console_tiles[i];
    return n;
}

typedef struct Console {
    Screen base;
    bool have_session;
    SessionInfo session;
    int count_in, count_out;
    uint64_t next_poll;
    char problem[400];
    StaffRequest requests[8]; /* people at the door who asked for someone */
    int nrequests;
    bool have_action;         /* the current block has something to start */
    uint64_t entered;         /* when the PIN opened it */
} Console;

/* The session's plan and position, or false. */
static bool console_plan(App *app, const Console *c, const Plan **plan, PlanPosition *pos)
{
    return c->have_session && plan_session_position(app, &c->session, plan, pos);
}

/* "Next block" makes sense while the plan has one. */
static bool console_next_block_ok(App *app, const Console *c)
{
    const Plan *plan;
    PlanPosition pos;
    return console_plan(app, c, &plan, &pos) && pos.next != NULL;
}

static void load(App *app, Console *c)
{
    StoreResult r = store_session_current(app->store, &c->session);
    c->have_session = r == STORE_OK;
    if (r < 0)
        snprintf(c->problem, sizeof c->problem, "%s", store_error(app->store));
    c->nrequests = 0;
    if (c->have_session) {
        c->count_in = store_session_count(app->store, c->session.id, "in");
        c->count_out = store_session_count(app->store, c->session.id, "out");
        c->nrequests = store_staff_requests_open(app->store, c->session.id, c->requests, 8);
        if (c->nrequests >= 0)
            app->help_waiting = c->nrequests;
    }
    const Plan *plan;
    PlanPosition pos;
    char label[200];
    c->have_action = console_plan(app, c, &plan, &pos) &&
                     plan_block_action(app, pos.current, label, sizeof label);
    /* The buttons depend on the session, the requests, the plan and its
     * block, any of which another process may have changed. */
    app_targets_changed(app);
}

static void console_enter(App *app, Screen *s)
{
    Console *c = (Console *)s;
    load(app, c);
    c->next_poll = app->now + 2000;
    app_wake_at(app, c->next_poll);
}

/* The console closes itself when nobody has touched it for this long, so a
 * tablet left on the console at the door does not stay open to anyone. */
#define CONSOLE_IDLE_LOCK_MS (5 * 60 * 1000)

static void console_update(App *app, Screen *s)
{
    Console *c = (Console *)s;
    uint64_t idle_since = app->last_input > c->entered ? app->last_input : c->entered;
    /* Nothing for the room runs under the console (screens_start_for_room
     * closes it first), so it always locks when left alone. */
    if (app->now - idle_since >= CONSOLE_IDLE_LOCK_MS) {
        store_audit(app->store, app->wall, "console.lock", "idle");
        app_pop_to_below(app, &console_screen_class); /* frees c */
        return;
    }
    app_wake_at(app, idle_since + CONSOLE_IDLE_LOCK_MS);
    if (app_top(app) != s)
        return;
    if (app->now >= c->next_poll) {
        load(app, c);
        c->next_poll = app->now + 2000;
    }
    app_wake_at(app, c->next_poll);
}

/* --- opening a session: pick a group, or name a new one ---------------------- */

static void open_for(App *app, const char *group)
{
    Console *c = (Console *)app_find(app, &console_screen_class);
    SessionInfo info;
    StoreResult r = session_start(app->store, group, app->wall, &info);
    if (c) {
        c->problem[0] = '\0';
        if (r < 0)
            snprintf(c->problem, sizeof c->problem, "%s", store_error(app->store));
        load(app, c);
    }
}

static void new_group_done(App *app, void *ctx, const char *text)
{
    (void)ctx;
    if (!store_group_name_valid(text)) {
        Console *c = (Console *)app_find(app, &console_screen_class);
        if (c)
            snprintf(c->problem, sizeof c->problem, "%s",
                     _("A group name needs 1 to 64 readable characters."));
        return;
    }
    app_pop_to_below(app, &grouppick_screen_class);
    open_for(app, text);
}

enum { GP_BACK = 1, GP_NEW = 2, GP_GROUP0 = 10 };
#define GP_MAX 12

typedef struct GroupPick {
    Screen base;
    char names[GP_MAX][GROUP_NAME_MAX * 4 + 1];
    int n;
} GroupPick;

static void gp_layout(App *app, const View *v, const GroupPick *g, SDL_Rect *rects,
                      SDL_Rect *new_rect)
{
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    int cols = v->w > v->h ? 3 : 2;
    int rows = (g->n + 1 + cols - 1) / cols;
    int max_rows = (area.h + gap) / (bh + gap);
    if (rows > max_rows)
        rows = max_rows;
    int cw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i <= g->n; i++) {
        SDL_Rect r = {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (bh + gap), cw, bh};
        if (i / cols >= rows)
            r.w = r.h = 0; /* does not fit: hidden */
        if (i < g->n)
            rects[i] = r;
        else
            *new_rect = r;
    }
}

static int gp_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    GroupPick *g = (GroupPick *)s;
    SDL_Rect rects[GP_MAX], nr;
    gp_layout(app, v, g, rects, &nr);
    int n = 0;
    out[n++] = (Target){GP_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < g->n && n < max - 1; i++)
        if (rects[i].w)
            out[n++] = (Target){GP_GROUP0 + i, rects[i], false};
    out[n++] = (Target){GP_NEW, nr, false};
    return n;
}

static void gp_activate(App *app, Screen *s, int id)
{
    GroupPick *g = (GroupPick *)s;
    if (id == GP_BACK) {
        app_pop(app);
    } else if (id == GP_NEW) {
        app_push(app, textentry_screen_new(app, _("Name the new group"),
                                           _("Use the program's name for the group, such as "
                                             "\"DBT Skills - Tue AM\". Never a person's name."),
                                           GROUP_NAME_MAX, new_group_done, NULL));
    } else if (id >= GP_GROUP0 && id < GP_GROUP0 + g->n) {
        char name[sizeof g->names[0]];
        snprintf(name, sizeof name, "%s", g->names[id - GP_GROUP0]);
        app_pop(app);
        open_for(app, name);
    }
}

static bool gp_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void gp_draw(App *app, Screen *s, View *v)
{
    GroupPick *g = (GroupPick *)s;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    SDL_Rect area = ui_header(app, v, _("Which group meets now?"), GP_BACK);
    (void)area;
    SDL_Rect rects[GP_MAX], nr;
    gp_layout(app, v, g, rects, &nr);
    for (int i = 0; i < g->n; i++) {
        if (!rects[i].w)
            continue;
        Target t = {GP_GROUP0 + i, rects[i], false};
        widget_button(app, v, &t, g->names[i], BUTTON_SECONDARY, NULL);
    }
    Target nt = {GP_NEW, nr, false};
    widget_button(app, v, &nt, _("A new group\xE2\x80\xA6"), BUTTON_PRIMARY, NULL);
}

static void gp_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass grouppick_screen_class = {
    .name = "grouppick",
    .event = gp_event,
    .activate = gp_activate,
    .targets = gp_targets,
    .draw = gp_draw,
    .destroy = gp_destroy,
};

static Screen *grouppick_new(App *app)
{
    GroupPick *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->base.cls = &grouppick_screen_class;
    g->n = store_group_list(app->store, g->names, GP_MAX);
    return &g->base;
}

/* A grid of n tiles filling area, cols wide, each between the touch minimum
 * and twice a button's height. */
static void tile_grid(App *app, const View *v, SDL_Rect area, int n, int cols, SDL_Rect *out)
{
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    int rows = (n + cols - 1) / cols;
    int th = (area.h - gap * (rows - 1)) / rows;
    if (th > bh * 2)
        th = bh * 2;
    if (th < widget_min_touch(v))
        th = widget_min_touch(v);
    int tw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++)
        out[i] = (SDL_Rect){area.x + (i % cols) * (tw + gap), area.y + (i / cols) * (th + gap),
                            tw, th};
}

static int tile_cols(const View *v) { return v->h > v->w ? 2 : (v->w >= v->h * 3 / 2 ? 4 : 3); }

/* --- reports and settings: what staff use outside the session's flow ------- */

enum { TL_BACK = 1, TL_LEAVE = 2, TL_TILE0 = 100 };

typedef struct Tools {
    Screen base;
    bool have_session;
} Tools;

static int more_list(const ConsoleTile **out)
{
    int n = 0;
    for (int i = 0; i < console_more_tile_count && n < MAX_TILES; i++)
        out[n++] = console_more_tiles[i];
    return n;
}

static void tools_layout(App *app, const View *v, SDL_Rect *rects)
{
    const ConsoleTile *tiles[MAX_TILES];
    int n = more_list(tiles) + 1; /* and "leave the kiosk" */
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    tile_grid(app, v, area, n, tile_cols(v), rects);
}

static void tools_enter(App *app, Screen *s)
{
    Tools *t = (Tools *)s;
    t->have_session = store_session_current(app->store, NULL) == STORE_OK;
    app_targets_changed(app);
}

static int tools_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Tools *t = (Tools *)s;
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = more_list(tiles);
    SDL_Rect rects[MAX_TILES + 1];
    tools_layout(app, v, rects);
    int n = 0;
    out[n++] = (Target){TL_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < ntiles && n < max - 1; i++)
        out[n++] = (Target){TL_TILE0 + i, rects[i], tiles[i]->needs_session && !t->have_session};
    out[n++] = (Target){TL_LEAVE, rects[ntiles], false};
    return n;
}

static void do_leave(App *app, void *ctx)
{
    (void)ctx;
    store_audit(app->store, app->wall, "kiosk.leave", "");
    app->quit = true;
}

static void tools_activate(App *app, Screen *s, int id)
{
    Tools *t = (Tools *)s;
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = more_list(tiles);
    if (id == TL_BACK) {
        app_pop(app);
    } else if (id == TL_LEAVE) {
        app_push(app, confirm_screen_new(
                          app, _("Leave the kiosk?"),
                          _("Hearth closes. The door cannot check anyone in until it is "
                            "started again."),
                          _("Leave"), _("Stay"), do_leave, NULL));
    } else if (id >= TL_TILE0 && id < TL_TILE0 + ntiles) {
        const ConsoleTile *tile = tiles[id - TL_TILE0];
        if (!tile->needs_session || t->have_session)
            tile->run(app);
    }
}

static bool tools_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void tools_draw(App *app, Screen *s, View *v)
{
    Tools *t = (Tools *)s;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Reports and settings"), TL_BACK);
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = more_list(tiles);
    SDL_Rect rects[MAX_TILES + 1];
    tools_layout(app, v, rects);
    for (int i = 0; i < ntiles; i++) {
        Target tg = {TL_TILE0 + i, rects[i], tiles[i]->needs_session && !t->have_session};
        widget_button(app, v, &tg, _(tiles[i]->label), BUTTON_SECONDARY, tiles[i]->icon);
    }
    Target lv = {TL_LEAVE, rects[ntiles], false};
    widget_button(app, v, &lv, _("Leave the kiosk"), BUTTON_QUIET, NULL);
}

static void tools_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass tools_screen_class = {
    .name = "tools",
    .enter = tools_enter,
    .event = tools_event,
    .activate = tools_activate,
    .targets = tools_targets,
    .draw = tools_draw,
    .destroy = tools_destroy,
};

static Screen *tools_screen_new(App *app)
{
    (void)app;
    Tools *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->base.cls = &tools_screen_class;
    return &t->base;
}

/* --- the console itself ---------------------------------------------------------- */

static void do_checkout(App *app, void *ctx)
{
    (void)ctx;
    session_begin_checkout(app->store, app->wall);
    Console *c = (Console *)app_find(app, &console_screen_class);
    if (c)
        load(app, c);
}

static void do_close(App *app, void *ctx)
{
    (void)ctx;
    Console *c = (Console *)app_find(app, &console_screen_class);
    session_finish(app->store, app->wall, NULL);
    if (c)
        load(app, c);
}

static bool tile_enabled(const Console *c, const ConsoleTile *t)
{
    return !t->needs_session || c->have_session;
}

static void console_activate(App *app, Screen *s, int id)
{
    Console *c = (Console *)s;
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = tile_list(tiles);
    switch (id) {
    case ID_BACK:
        app_pop(app);
        return;
    case ID_OPEN:
        app_push(app, grouppick_new(app));
        return;
    case ID_CHECKOUT:
        app_push(app, confirm_screen_new(
                          app, _("Start check-out?"),
                          _("The door will check people out and ask how they feel as they "
                            "leave."),
                          _("Start check-out"), _("Not yet"), do_checkout, NULL));
        return;
    case ID_CLOSE:
        app_push(app, confirm_screen_new(
                          app, _("Close this session?"),
                          _("The door stops checking people in until a new session opens."),
                          _("Close the session"), _("Keep it open"), do_close, NULL));
        return;
    case ID_SEEN:
        /* not audited: the moment staff saw it would date the request */
        if (c->nrequests > 0) {
            store_staff_request_seen(app->store, c->requests[0].id, app->wall);
            if (app->nhelp_times > 0) {
                app->nhelp_times--;
                memmove(app->help_times, app->help_times + 1,
                        sizeof app->help_times[0] * (size_t)app->nhelp_times);
            }
        }
        load(app, c);
        return;
    case ID_PLAN:
        app_push(app, plan_screen_new(app));
        return;
    case ID_NEXT_BLOCK:
        if (console_next_block_ok(app, c)) {
            if (store_session_set_block(app->store, c->session.plan_block + 1, app->wall) < 0)
                snprintf(c->problem, sizeof c->problem, "%s", store_error(app->store));
            load(app, c);
        }
        return;
    case ID_BLOCK_ACTION: {
        const Plan *plan;
        PlanPosition pos;
        if (console_plan(app, c, &plan, &pos))
            plan_block_run(app, pos.current);
        return;
    }
    case ID_MORE:
        app_push(app, tools_screen_new(app));
        return;
    default:
        if (id >= ID_TILE0 && id < ID_TILE0 + ntiles && tile_enabled(c, tiles[id - ID_TILE0]))
            tiles[id - ID_TILE0]->run(app);
    }
}

static bool console_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

typedef struct ConsoleLayout {
    SDL_Rect notice, seen, card, info, b1, b2, tiles[MAX_TILES + 1];
    SDL_Rect plan, plan_text, plan_next, plan_action; /* today's plan */
} ConsoleLayout;

static void layout(App *app, const View *v, const Console *c, ConsoleLayout *l)
{
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = tile_list(tiles);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    memset(l, 0, sizeof *l);
    if (c->nrequests > 0) {
        /* a discreet notice: someone at the door would like a staff member */
        l->notice = rect_cut_top(&area, bh + gap);
        rect_cut_top(&area, gap);
        SDL_Rect in = rect_inset(l->notice, gap / 2);
        l->seen = rect_cut_right(&in, portrait ? in.w / 3 : in.w / 5);
    }
    /* The tiles keep at least one row of full-height buttons: on a short
     * screen (800x480 at 150 % text) the session card lays its buttons side
     * by side instead of stacked. */
    int n = ntiles + 1; /* the tiles, then "reports and settings" */
    int cols = tile_cols(v);
    int rows = (n + cols - 1) / cols;
    int plan_h = c->have_session ? (portrait ? bh * 2 + gap * 3 : bh + gap * 2) + gap * 2 : 0;
    int roomy = portrait ? bh * 3 + gap * 3 : bh * 2 + gap * 3;
    bool compact = roomy + gap * 2 + plan_h + rows * bh + (rows - 1) * gap > area.h;
    int card_h = compact ? (portrait ? bh * 2 + gap * 3 : bh + gap * 2) : roomy;
    l->card = rect_cut_top(&area, card_h);
    rect_cut_top(&area, gap * 2);
    SDL_Rect in = rect_inset(l->card, gap);
    if (portrait) {
        SDL_Rect buttons = rect_cut_bottom(&in, bh);
        rect_cut_bottom(&in, gap);
        l->info = in;
        l->b1 = rect_col(buttons, 2, 0, gap);
        l->b2 = rect_col(buttons, 2, 1, gap);
        if (!c->have_session)
            l->b1 = buttons;
    } else if (compact) {
        SDL_Rect buttons = rect_cut_right(&in, in.w * 11 / 20);
        rect_cut_right(&in, gap);
        l->info = in;
        l->b1 = rect_col(buttons, 2, 0, gap);
        l->b2 = rect_col(buttons, 2, 1, gap);
        if (!c->have_session)
            l->b1 = buttons;
    } else {
        SDL_Rect buttons = rect_cut_right(&in, in.w * 2 / 5);
        rect_cut_right(&in, gap);
        l->info = in;
        l->b1 = rect_row(buttons, 2, 0, gap);
        l->b2 = rect_row(buttons, 2, 1, gap);
        if (!c->have_session)
            l->b1 = rect_center(buttons, buttons.w, bh);
    }
    if (c->have_session) {
        /* today's plan: where the room stands, "next block", and what the
         * block offers to start */
        l->plan = rect_cut_top(&area, plan_h - gap * 2);
        rect_cut_top(&area, gap * 2);
        SDL_Rect p = rect_inset(l->plan, gap);
        if (c->session.plan[0]) {
            SDL_Rect buttons = portrait ? rect_cut_bottom(&p, bh) : rect_cut_right(&p, p.w / 2);
            if (portrait)
                rect_cut_bottom(&p, gap);
            else
                rect_cut_right(&p, gap);
            l->plan_next = rect_cut_right(&buttons, c->have_action ? buttons.w * 2 / 5
                                                                   : buttons.w / 2);
            rect_cut_right(&buttons, gap);
            if (c->have_action)
                l->plan_action = buttons;
        }
        l->plan_text = p;
    }
    tile_grid(app, v, area, n, cols, l->tiles);
}

static int console_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Console *c = (Console *)s;
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = tile_list(tiles);
    ConsoleLayout l;
    layout(app, v, c, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    if (c->nrequests > 0)
        out[n++] = (Target){ID_SEEN, l.seen, false};
    if (c->have_session) {
        out[n++] = (Target){ID_CHECKOUT, l.b1, c->session.checkout};
        out[n++] = (Target){ID_CLOSE, l.b2, false};
    } else {
        out[n++] = (Target){ID_OPEN, l.b1, false};
    }
    if (c->have_session) {
        out[n++] = (Target){ID_PLAN, l.plan_text, false};
        if (l.plan_action.w)
            out[n++] = (Target){ID_BLOCK_ACTION, l.plan_action, false};
        if (l.plan_next.w)
            out[n++] = (Target){ID_NEXT_BLOCK, l.plan_next, !console_next_block_ok(app, c)};
    }
    for (int i = 0; i < ntiles && n < max - 1; i++)
        out[n++] = (Target){ID_TILE0 + i, l.tiles[i], !tile_enabled(c, tiles[i])};
    out[n++] = (Target){ID_MORE, l.tiles[ntiles], false};
    return n;
}

static void draw_plan_card(App *app, Console *c, View *v, const ConsoleLayout *l)
{
    const Theme *t = &app->theme;
    widget_card(app, v, l->plan);
    /* the text is a button onto the plan screen: pressed and focus like one,
     * with a chevron that says it opens */
    SDL_Rect tr = l->plan_text;
    if (widget_pressed(app, ID_PLAN))
        draw_round_rect(v->renderer, tr, v->unit * 1.6f, t->surface_hi);
    SDL_Rect in = rect_inset(tr, ui_gap(v) / 2);
    int chev = (int)fminf((float)in.h * 0.5f, (float)app_text_px(app, v, 4.0f));
    SDL_Rect cb = rect_cut_right(&in, chev);
    draw_icon_forward(v->renderer, rect_center(cb, chev, chev), t->text_muted);
    rect_cut_right(&in, ui_gap(v) / 2);
    const Plan *plan;
    PlanPosition pos;
    const char *lang = i18n_lang();
    TextStyle hs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
    TextStyle ms = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    if (console_plan(app, c, &plan, &pos)) {
        SDL_Rect top = rect_cut_top(&in, in.h * hh / (hh + fontset_line_height(
                                                         app->fonts, FONT_REGULAR, ms.px)));
        text_draw_box(v->text, text_in(&pos.current->title, lang), &hs, top);
        char status[300];
        plan_format_status(&pos, plan, false, status, sizeof status);
        if (pos.over)
            ms.color = t->attention;
        text_draw_box(v->text, status, &ms, in);
    } else {
        const char *line = c->session.plan[0]
                               ? _("This session's plan is missing from the data folder.")
                               : _("No plan chosen for this session");
        text_draw_box(v->text, line, &hs, rect_cut_top(&in, hh));
        text_draw_box(v->text, _("Tap to choose one and follow its blocks."), &ms, in);
    }
    widget_focus_ring(app, v, tr, ID_PLAN);
    if (l->plan_action.w) {
        char label[200];
        if (console_plan(app, c, &plan, &pos) &&
            plan_block_action(app, pos.current, label, sizeof label)) {
            Target at = {ID_BLOCK_ACTION, l->plan_action, false};
            widget_button(app, v, &at, label, BUTTON_PRIMARY, NULL);
        }
    }
    if (l->plan_next.w) {
        Target nt = {ID_NEXT_BLOCK, l->plan_next, !console_next_block_ok(app, c)};
        widget_button(app, v, &nt, _("Next block"), BUTTON_SECONDARY, NULL);
    }
}

static void console_draw(App *app, Screen *s, View *v)
{
    Console *c = (Console *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        /* The room sees a calm resting screen while staff use the console. */
        app_draw_below(app, s, v);
        return;
    }
    const ConsoleTile *tiles[MAX_TILES];
    int ntiles = tile_list(tiles);
    ui_header(app, v, _("Facilitator console"), ID_BACK);
    ConsoleLayout l;
    layout(app, v, c, &l);
    int gap = ui_gap(v);
    if (c->nrequests > 0) {
        draw_round_rect(v->renderer, l.notice, v->unit * 1.6f, t->info);
        SDL_Rect in = rect_inset(l.notice, gap / 2);
        int icon = in.h * 3 / 4;
        draw_icon_wave(v->renderer, rect_center(rect_cut_left(&in, icon), icon, icon),
                       t->text_on_state);
        rect_cut_left(&in, gap);
        rect_cut_right(&in, l.seen.w + gap);
        char when[32] = "", line[300];
        int64_t at = 0;
        /* an anonymous request keeps no time: the kiosk remembers it while
         * it runs (app.h); never the session's opening in its place */
        bool known = c->requests[0].pseudonym[0] ? clock_parse_iso(c->requests[0].at, &at)
                                                 : app->nhelp_times > 0;
        if (!c->requests[0].pseudonym[0] && known)
            at = app->help_times[0];
        if (known) {
            int h, m;
            clock_local_hm(at, &h, &m);
            i18n_format_time(when, sizeof when, h, m);
        }
        if (!when[0])
            snprintf(line, sizeof line, "%s",
                     _("Someone at the door asked for a staff member to check in with them."));
        else if (c->requests[0].pseudonym[0])
            snprintf(line, sizeof line,
                     _("At %s, %s asked at the door for a staff member to check in with them."),
                     when, c->requests[0].pseudonym);
        else
            snprintf(line, sizeof line,
                     _("At %s, someone asked at the door for a staff member to check in with "
                       "them."),
                     when);
        if (c->nrequests > 1) {
            char more[64];
            snprintf(more, sizeof more, P_(" (%d more)", " (%d more)", c->nrequests - 1),
                     c->nrequests - 1);
            strncat(line, more, sizeof line - strlen(line) - 1);
        }
        TextStyle ns = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text_on_state, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, line, &ns, in);
        Target seen = {ID_SEEN, l.seen, false};
        widget_button(app, v, &seen, _("Seen"), BUTTON_SECONDARY, NULL);
    }
    widget_card(app, v, l.card);
    SDL_Rect info = l.info;
    TextStyle ts = {type_px(app, v, TYPE_TITLE), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_TITLE};
    TextStyle ms = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
    int lh = fontset_line_height(app->fonts, FONT_BOLD, ts.px);
    if (c->have_session) {
        text_draw_box(v->text, c->session.group_name, &ts,
                      rect_cut_top(&info, lh));
        char line[256], when[32];
        int64_t opened = 0;
        clock_parse_iso(c->session.opened, &opened);
        int h, m;
        clock_local_hm(opened, &h, &m);
        i18n_format_time(when, sizeof when, h, m);
        const char *phase = c->session.checkout ? _("checking out") : _("checking in");
        char ins[64], outs[64];
        snprintf(ins, sizeof ins, P_("%d checked in", "%d checked in", c->count_in), c->count_in);
        snprintf(outs, sizeof outs, P_("%d checked out", "%d checked out", c->count_out),
                 c->count_out);
        /* TRANSLATORS: "Open since 9:02 AM, checking in: 12 checked in, 0 checked out."
         * The last two are the counts above, each already in its plural form. */
        snprintf(line, sizeof line, _("Open since %s, %s: %s, %s."), when, phase, ins, outs);
        text_draw_box(v->text, line, &ms, info);
        Target co = {ID_CHECKOUT, l.b1, c->session.checkout};
        widget_button(app, v, &co, c->session.checkout ? _("Checking out") : _("Start check-out"),
                      BUTTON_SECONDARY, NULL);
        Target cl = {ID_CLOSE, l.b2, false};
        widget_button(app, v, &cl, _("Close the session"), BUTTON_SECONDARY, NULL);
    } else {
        text_draw_box(v->text, _("No session is open"), &ts,
                      rect_cut_top(&info, lh));
        text_draw_box(v->text, _("Open today's session so the door can check people in."), &ms, info);
        Target op = {ID_OPEN, l.b1, false};
        widget_button(app, v, &op, _("Open a session"), BUTTON_PRIMARY, NULL);
    }
    if (c->have_session)
        draw_plan_card(app, c, v, &l);
    if (c->problem[0]) {
        TextStyle ps = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, t->attention, l.card.w, ALIGN_LEFT, TYPE_CAPTION};
        text_draw(v->text, c->problem, &ps, l.card.x, l.card.y + l.card.h + gap / 4);
    }
    for (int i = 0; i < ntiles; i++) {
        Target tg = {ID_TILE0 + i, l.tiles[i], !tile_enabled(c, tiles[i])};
        widget_button(app, v, &tg, _(tiles[i]->label), BUTTON_SECONDARY, tiles[i]->icon);
    }
    Target more = {ID_MORE, l.tiles[ntiles], false};
    widget_button(app, v, &more, _("Reports and settings"), BUTTON_SECONDARY, NULL);
}

static void console_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass console_screen_class = {
    .name = "console",
    .enter = console_enter,
    .event = console_event,
    .activate = console_activate,
    .update = console_update,
    .targets = console_targets,
    .draw = console_draw,
    .destroy = console_destroy,
};

Screen *console_screen_new(App *app)
{
    Console *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.cls = &console_screen_class;
    c->entered = app->now;
    return &c->base;
}

static void console_after_pin(App *app, void *ctx)
{
    (void)ctx;
    store_audit(app->store, app->wall, "console.enter", "");
    app_push(app, console_screen_new(app));
}

void screens_start_for_room(App *app, Screen *s)
{
    if (!s)
        return;
    if (app_find(app, &console_screen_class))
        store_audit(app->store, app->wall, "console.lock", "room");
    app_pop_to(app, app->depth > 0 ? 1 : 0); /* the door stays */
    app_push(app, s);
}

void screens_open_console(App *app)
{
    app_push(app, pin_screen_new(app, _("Staff only. Enter the facilitator PIN to open the "
                                        "console."),
                                 console_after_pin, NULL));
}
