/* The facilitator console: the session and everything staff do, behind the
 * PIN. */
#include "ui/console.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "svc/session.h"
#include "ui/draw.h"
#include "ui/plan.h"
#include "ui/screens.h"
#include "ui/widget.h"
#include "svc/publish.h"
#include "svc/publisher.h"

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
    char publish[400];        /* "Published up to ...; 2 sessions waiting." or "" */
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

/* Where this kiosk publishes to a program's server: how far it got and
 * what waits (the publisher thread says how its last try ended). */
static void publish_line(App *app, char *out, size_t n)
{
    out[0] = '\0';
    if (!app->settings.program_server[0])
        return;
    int waiting;
    char up_to[16];
    PublisherStatus st;
    publisher_status(app->publisher, &st);
    if (!program_built())
        st.last = PROGRAM_NOT_BUILT;
    if (publish_waiting(app->store, &waiting, up_to) == STORE_OK)
        publish_status_text(up_to, waiting, st.last, out, n);
}

static void load(App *app, Console *c)
{
    StoreResult r = session_current(app->store, &c->session);
    c->have_session = r == STORE_OK;
    if (r < 0)
        snprintf(c->problem, sizeof c->problem, "%s", store_error(app->store));
    c->nrequests = 0;
    if (c->have_session) {
        c->count_in = session_count(app->store, c->session.id, CHECKIN_IN);
        c->count_out = session_count(app->store, c->session.id, CHECKIN_OUT);
        c->nrequests = session_requests_open(app->store, c->session.id, c->requests, 8);
        if (c->nrequests >= 0)
            app->help_waiting = c->nrequests;
        else
            c->nrequests = 0; /* unknown: shown as none, as before */
    }
    const Plan *plan;
    PlanPosition pos;
    char label[200];
    c->have_action = console_plan(app, c, &plan, &pos) &&
                     plan_block_action(app, &pos, label, sizeof label);
    publish_line(app, c->publish, sizeof c->publish);
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
    /* Nothing for the room runs under the console (app_start_for_room
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

/* The group picker's choice: a session for that group, or why not. */
static void open_for(App *app, const char *group)
{
    Console *c = (Console *)app_find(app, &console_screen_class);
    if (!group_name_valid(group)) {
        if (c)
            snprintf(c->problem, sizeof c->problem, "%s",
                     _("A group name needs 1 to 64 readable characters."));
        return;
    }
    SessionInfo info;
    StoreResult r = session_start(app->store, group, app->wall, &info);
    if (c) {
        c->problem[0] = '\0';
        if (r < 0)
            snprintf(c->problem, sizeof c->problem, "%s", store_error(app->store));
        load(app, c);
    }
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
    publisher_nudge(app->publisher); /* the closed session waits to be published */
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
        app_push(app, grouppick_screen_new(app, open_for));
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
            session_request_seen(app->store, c->requests[0].id, app->wall);
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
            if (session_move_block(app->store, c->session.plan_block + 1, app->wall) < 0)
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

/* The open session's line: since when, which phase, the counts. */
static void session_line(const Console *c, char *line, size_t n)
{
    char when[32];
    int h, m;
    clock_local_hm(c->session.opened_ms, &h, &m);
    i18n_format_time(when, sizeof when, h, m);
    const char *phase = c->session.checkout ? _("checking out") : _("checking in");
    char ins[64], outs[64];
    snprintf(ins, sizeof ins, P_("%d checked in", "%d checked in", c->count_in), c->count_in);
    snprintf(outs, sizeof outs, P_("%d checked out", "%d checked out", c->count_out),
             c->count_out);
    /* TRANSLATORS: "Open since 9:02 AM, checking in: 12 checked in, 0 checked out."
     * The last two are the counts above, each already in its plural form. */
    snprintf(line, n, _("Open since %s, %s: %s, %s."), when, phase, ins, outs);
}

typedef struct ConsoleLayout {
    SDL_Rect notice, seen, card, info, b1, b2, tiles[MAX_TILES + 1];
    SDL_Rect publish; /* publishing's line under the card, or empty */
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
    if (c->have_session) {
        /* the plan's words: its title's line and two of the caption */
        int words = type_line_h(app, v, TYPE_LABEL) + type_line_h(app, v, TYPE_CAPTION) * 2 +
                    gap * 3;
        if (!portrait && words > bh + gap * 2)
            plan_h = words + gap * 2;
    }
    int roomy = portrait ? bh * 3 + gap * 3 : bh * 2 + gap * 3;
    bool compact = roomy + gap * 2 + plan_h + rows * bh + (rows - 1) * gap > area.h;
    int card_h = compact ? (portrait ? bh * 2 + gap * 3 : bh + gap * 2) : roomy;
    if (!portrait) {
        /* the session's words whole: its name's line and the status
         * line wrapped beside the buttons */
        char line[1200];
        if (c->have_session)
            session_line(c, line, sizeof line);
        else
            snprintf(line, sizeof line, "%s",
                     _("Open today's session so the door can check people in."));
        int iw = (area.w - gap * 2) * (compact ? 9 : 3) / (compact ? 20 : 5) - gap;
        TextStyle bs = type_style(app, v, TYPE_BODY, app->theme.text, ALIGN_LEFT);
        bs.weight = FONT_REGULAR;
        int need = fontset_line_height(app->fonts, FONT_BOLD, type_px(app, v, TYPE_TITLE)) +
                   text_height(v->text, line, &bs, iw > 1 ? iw : 1) + gap * 2;
        if (need > card_h)
            card_h = need;
    }
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
    if (c->publish[0]) {
        /* where this kiosk publishes: at the card's foot when there is
         * room under the session's lines, else its own lines at the foot
         * of the screen, under the tiles */
        TextStyle ps = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_LEFT);
        int need = text_height(v->text, c->publish, &ps, l->info.w);
        int lines = type_line_h(app, v, TYPE_TITLE) + type_line_h(app, v, TYPE_BODY) * 2;
        if (l->info.h >= lines + need) {
            l->publish = rect_cut_bottom(&l->info, need);
        } else {
            need = text_height(v->text, c->publish, &ps, area.w);
            l->publish = rect_cut_bottom(&area, need);
            rect_cut_bottom(&area, gap);
        }
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
        SDL_Rect top = rect_cut_top(&in, hh);
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
            plan_block_action(app, &pos, label, sizeof label)) {
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
        /* an anonymous request keeps no time: the kiosk remembers it while
         * it runs (app.h); never the session's opening in its place */
        int64_t at = c->requests[0].pseudonym[0] ? c->requests[0].at_ms
                     : app->nhelp_times > 0      ? app->help_times[0]
                                                 : 0;
        bool known = at != 0;
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
    char joined[1024] = "";
    if (c->publish[0]) {
        TextStyle ps = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
        text_draw_box(v->text, c->publish, &ps, l.publish);
    }
    if (c->have_session) {
        text_draw_box(v->text, c->session.group_name, &ts,
                      rect_cut_top(&info, lh));
        char line[1200];
        session_line(c, line, sizeof line);
        strncat(line, joined, sizeof line - strlen(line) - 1);
        text_draw_box(v->text, line, &ms, info);
        Target co = {ID_CHECKOUT, l.b1, c->session.checkout};
        widget_button(app, v, &co, c->session.checkout ? _("Checking out") : _("Start check-out"),
                      BUTTON_SECONDARY, NULL);
        Target cl = {ID_CLOSE, l.b2, false};
        widget_button(app, v, &cl, _("Close the session"), BUTTON_SECONDARY, NULL);
    } else {
        text_draw_box(v->text, _("No session is open"), &ts,
                      rect_cut_top(&info, lh));
        char line[1200];
        snprintf(line, sizeof line, "%s%s", _("Open today's session so the door can check people in."),
                 joined);
        text_draw_box(v->text, line, &ms, info);
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

/* The room takes over (app_start_for_room): the console locks, audited. */
static void console_room_starts(App *app, Screen *s)
{
    (void)s;
    store_audit(app->store, app->wall, "console.lock", "room");
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
    .room_starts = console_room_starts,
    .shows_help = true,
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

void screens_open_console(App *app)
{
    /* a language a person chose at the door was theirs: staff, and what
     * they export, read the kiosk's own */
    if (strcmp(i18n_lang(), app->settings.lang) != 0) {
        i18n_set_lang(app->settings.lang);
        app_targets_changed(app);
    }
    app_push(app, pin_screen_new(app, _("Staff only. Enter the facilitator PIN to open the "
                                        "console."),
                                 console_after_pin, NULL));
}
