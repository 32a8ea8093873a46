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
    ID_UP = 10,          /* the cards' list, when both do not fit */
    ID_DOWN = 11,
    ID_TILE0 = 100 /* + index into the tiles */
};

/* The tiles that have a name, in table order. */
static int tile_list(const ConsoleTile **out)
{
    int n = 0;
    for (int i = 0; i < console_tile_count && n < CONSOLE_MAX_TILES; i++)
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
    ScrollList list;          /* the session's and the plan's cards */
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
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
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
    case ID_UP:
    case ID_DOWN:
        if (scroll_page(&c->list, id == ID_UP ? -1 : 1)) {
            app_targets_changed(app);
            app_invalidate(app);
        }
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

/* What the door's oldest open request says: who (a pseudonym in a linked
 * group) and when, when the kiosk knows; how many more wait. */
static void request_line(const App *app, const Console *c, char *line, size_t n)
{
    char when[32] = "";
    /* an anonymous request keeps no time: the kiosk remembers it while
     * it runs (app.h); never the session's opening in its place */
    int64_t at = c->requests[0].pseudonym[0] ? c->requests[0].at_ms
                 : app->nhelp_times > 0      ? app->help_times[0]
                                             : 0;
    if (at != 0) {
        int h, m;
        clock_local_hm(at, &h, &m);
        i18n_format_time(when, sizeof when, h, m);
    }
    if (!when[0])
        snprintf(line, n, "%s",
                 _("Someone at the door asked for a staff member to check in with them."));
    else if (c->requests[0].pseudonym[0])
        snprintf(line, n,
                 _("At %s, %s asked at the door for a staff member to check in with them."),
                 when, c->requests[0].pseudonym);
    else
        snprintf(line, n,
                 _("At %s, someone asked at the door for a staff member to check in with "
                   "them."),
                 when);
    if (c->nrequests > 1) {
        char more[64];
        snprintf(more, sizeof more, P_(" (%d more)", " (%d more)", c->nrequests - 1),
                 c->nrequests - 1);
        strncat(line, more, n - strlen(line) - 1);
    }
}

/* The longest request line there can be (the longest time of day, a
 * long pseudonym, more waiting), so the band is tall enough for any. */
static void longest_request_line(char *line, size_t n)
{
    char when[32];
    i18n_format_time(when, sizeof when, 12, 58);
    char a[300], b[300];
    snprintf(a, sizeof a, _("At %s, %s asked at the door for a staff member to check in with them."),
             when, "P-MMMMMM");
    snprintf(b, sizeof b,
             _("At %s, someone asked at the door for a staff member to check in with "
               "them."),
             when);
    const char *c = _("Someone at the door asked for a staff member to check in with them.");
    const char *most = strlen(a) > strlen(b) ? a : b;
    most = strlen(most) > strlen(c) ? most : c;
    char more[64];
    snprintf(more, sizeof more, P_(" (%d more)", " (%d more)", 7), 7);
    snprintf(line, n, "%s%s", most, more);
}

typedef struct ConsoleLayout {
    /* the band for the door's requests under the header: reserved
     * whether one waits or not, so an alert never moves anything */
    SDL_Rect band, band_icon, band_text, seen;
    SDL_Rect card, info, b1, b2;                      /* the session */
    int info_below; /* where its words under the status line start */
    bool words_shown, buttons_shown; /* the session card's halves shown */
    SDL_Rect plan, plan_text, plan_next, plan_action; /* today's plan */
    SDL_Rect up, down; /* the cards' arrows, when both do not fit */
    /* fixed slots at the foot of the screen, whatever shows above */
    SDL_Rect tiles[CONSOLE_MAX_TILES + 1];
} ConsoleLayout;

/* The band's parts in band (its icon, words and "Seen"); the height its
 * words need at that width for text. */
static int band_parts(const App *app, const View *v, SDL_Rect band, const char *text,
                      ConsoleLayout *l)
{
    int gap = ui_gap(v);
    SDL_Rect in = rect_inset(band, gap / 2);
    int icon = type_line_h(app, v, TYPE_LABEL);
    l->band_icon = rect_cut_left(&in, icon);
    rect_cut_left(&in, gap);
    int sw = widget_button_w(app, v, _("Seen"), false, in.w / 3);
    l->seen = rect_cut_right(&in, sw);
    rect_cut_right(&in, gap);
    l->band_text = in;
    TextStyle ns = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    int th = text_height(v->text, text, &ns, in.w > 1 ? in.w : 1);
    int bh = widget_button_h(app, v, _("Seen"), false, sw);
    /* "Seen" its own height, in the middle of the band */
    l->seen = rect_center(l->seen, l->seen.w, bh < l->seen.h ? bh : l->seen.h);
    return (th > bh ? th : bh) + (gap / 2) * 2;
}

/* The session card's words: the group (or "No session is open") and the
 * status line. */
static void card_words(const Console *c, char *head, size_t hn, char *line, size_t ln)
{
    if (c->have_session) {
        snprintf(head, hn, "%s", c->session.group_name);
        session_line(c, line, ln);
    } else {
        snprintf(head, hn, "%s", _("No session is open"));
        snprintf(line, ln, "%s", _("Open today's session so the door can check people in."));
    }
}

/* The session card's words in two blocks at width w: above (the head,
 * the status line) and below (a problem, where the kiosk publishes),
 * each part's rect from (x, y) and (x, y2) into part; the blocks'
 * heights into above and below. The status line takes the lines its
 * longest form needs (large counts, either phase), so a count that grows
 * never moves the buttons. */
static void info_parts(const App *app, const View *v, const Console *c, int x, int y, int y2,
                       int w, SDL_Rect part[4], int *above, int *below)
{
    char head[200], line[1200];
    card_words(c, head, sizeof head, line, sizeof line);
    TextStyle ts = type_style(app, v, TYPE_TITLE, app->theme.text, ALIGN_LEFT);
    TextStyle ms = type_style(app, v, TYPE_BODY, app->theme.text_muted, ALIGN_LEFT);
    ms.weight = FONT_REGULAR;
    TextStyle cs = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_LEFT);
    int gap = ui_gap(v);
    int hs[4] = {text_height(v->text, head, &ts, w), text_height(v->text, line, &ms, w), 0, 0};
    if (c->have_session) {
        Console most = *c;
        most.count_in = most.count_out = 888;
        for (int k = 0; k < 2; k++) {
            most.session.checkout = k == 1;
            session_line(&most, line, sizeof line);
            int h = text_height(v->text, line, &ms, w);
            hs[1] = h > hs[1] ? h : hs[1];
        }
    }
    if (c->problem[0]) {
        cs.weight = FONT_BOLD;
        hs[2] = text_height(v->text, c->problem, &cs, w);
        cs.weight = FONT_REGULAR;
    }
    if (c->publish[0])
        hs[3] = text_height(v->text, c->publish, &cs, w);
    *above = hs[0] + gap / 2 + hs[1];
    *below = 0;
    for (int i = 2; i < 4; i++) {
        if (part)
            part[i] = (SDL_Rect){x, y2 + *below + (*below ? gap / 2 : 0), w, hs[i]};
        if (hs[i])
            *below += hs[i] + (*below ? gap / 2 : 0);
    }
    if (part) {
        part[0] = (SDL_Rect){x, y, w, hs[0]};
        part[1] = (SDL_Rect){x, y + hs[0] + gap / 2, w, hs[1]};
    }
}

/* "Start check-out" and "Checking out" take the same room: the button
 * does not change size when it turns. */
static const char *checkout_label(const Console *c)
{
    return c->session.checkout ? _("Checking out") : _("Start check-out");
}

static int button_need(const App *app, const View *v, const char *a, const char *b, int w)
{
    int h = widget_button_h(app, v, a, false, w);
    int k = b ? widget_button_h(app, v, b, false, w) : 0;
    return h > k ? h : k;
}

/* Lays out the session card at box (its height ignored) and returns the
 * height it needs: the words, and its buttons under them on a portrait
 * screen, else in a column at its right. */
static int session_card(const App *app, const View *v, const Console *c, SDL_Rect box,
                        ConsoleLayout *l)
{
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    SDL_Rect in = rect_inset(box, gap);
    const char *b1 = c->have_session ? _("Start check-out") : _("Open a session");
    const char *b1_other = c->have_session ? _("Checking out") : NULL;
    const char *b2 = c->have_session ? _("Close the session") : NULL;
    int inner, above, below;
    if (portrait) {
        /* the head and status, the buttons, then a problem and where
         * the kiosk publishes: what may come and go is under the buttons */
        int bw = b2 ? (in.w - gap) / 2 : in.w;
        int bh = button_need(app, v, b1, b1_other, bw);
        if (b2)
            bh = button_need(app, v, b2, NULL, bw) > bh ? button_need(app, v, b2, NULL, bw) : bh;
        info_parts(app, v, c, in.x, in.y, in.y, in.w, NULL, &above, &below);
        SDL_Rect row = {in.x, in.y + above + gap, in.w, bh};
        inner = above + gap + bh + (below ? gap + below : 0);
        l->info = (SDL_Rect){in.x, in.y, in.w, inner};
        l->info_below = row.y + row.h + gap;
        l->b1 = b2 ? rect_col(row, 2, 0, gap) : row;
        l->b2 = b2 ? rect_col(row, 2, 1, gap) : (SDL_Rect){0, 0, 0, 0};
    } else {
        /* the words at the left, the buttons at the top of a column at
         * the right, where a line more of words never moves them */
        int bw = in.w * 2 / 5;
        int h1 = button_need(app, v, b1, b1_other, bw);
        int h2 = b2 ? button_need(app, v, b2, NULL, bw) : 0;
        int buttons = h1 + (b2 ? gap + h2 : 0);
        int iw = in.w - bw - gap * 2;
        info_parts(app, v, c, in.x, in.y, in.y, iw, NULL, &above, &below);
        int words = above + (below ? gap / 2 + below : 0);
        inner = words > buttons ? words : buttons;
        l->info = (SDL_Rect){in.x, in.y, iw, inner};
        l->info_below = in.y + above + gap / 2;
        l->b1 = (SDL_Rect){in.x + in.w - bw, in.y, bw, h1};
        l->b2 = b2 ? (SDL_Rect){in.x + in.w - bw, in.y + h1 + gap, bw, h2} : (SDL_Rect){0, 0, 0, 0};
    }
    l->card = (SDL_Rect){box.x, box.y, box.w, inner + gap * 2};
    return l->card.h;
}

/* Today's plan's words: its current block and where the room stands, or
 * that none is chosen; the status in the attention colour when late. */
static void plan_words(App *app, const Console *c, char *head, size_t hn, char *status,
                       size_t sn, bool *over)
{
    const Plan *plan;
    PlanPosition pos;
    *over = false;
    if (console_plan(app, c, &plan, &pos)) {
        snprintf(head, hn, "%s", text_in(&pos.current->title, i18n_lang()));
        plan_format_status(&pos, plan, false, status, sn);
        *over = pos.over;
    } else {
        snprintf(head, hn, "%s",
                 c->session.plan[0] ? _("This session's plan is missing from the data folder.")
                                    : _("No plan chosen for this session"));
        snprintf(status, sn, "%s", _("Tap to choose one and follow its blocks."));
    }
}

/* The plan's words' height in a text box w wide (the chevron's room
 * taken off, as draw_plan_card draws them). */
static int plan_text_h(App *app, const View *v, const Console *c, int w, int *head_h)
{
    char head[300], status[300];
    bool over;
    plan_words(app, c, head, sizeof head, status, sizeof status, &over);
    int gap = ui_gap(v);
    int tw = w - (gap / 2) * 2 - type_px(app, v, TYPE_LABEL) - gap / 2;
    tw = tw > 1 ? tw : 1;
    TextStyle hs = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    TextStyle ms = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_LEFT);
    *head_h = text_height(v->text, head, &hs, tw);
    return *head_h + text_height(v->text, status, &ms, tw) + (gap / 2) * 2;
}

/* Lays out the plan card at box (height ignored); returns its height:
 * the words (a button onto the plan screen), and "next block" with the
 * block's own action under them (portrait) or at their right. */
static int plan_card(App *app, const View *v, const Console *c, SDL_Rect box, ConsoleLayout *l)
{
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    SDL_Rect in = rect_inset(box, gap);
    char action[200] = "";
    const Plan *plan;
    PlanPosition pos;
    bool buttons = c->session.plan[0] != '\0';
    if (c->have_action && console_plan(app, c, &plan, &pos))
        plan_block_action(app, &pos, action, sizeof action);
    int head_h, inner;
    l->plan_next = l->plan_action = (SDL_Rect){0, 0, 0, 0};
    if (!buttons) {
        inner = plan_text_h(app, v, c, in.w, &head_h);
        l->plan_text = (SDL_Rect){in.x, in.y, in.w, inner};
    } else {
        int bw = portrait ? in.w : in.w / 2;
        int nw = action[0] ? bw * 2 / 5 : bw / 2;
        int aw = bw - nw - gap;
        int bh = button_need(app, v, _("Next block"), NULL, nw);
        if (action[0] && button_need(app, v, action, NULL, aw) > bh)
            bh = button_need(app, v, action, NULL, aw);
        int tw = portrait ? in.w : in.w - bw - gap;
        int words = plan_text_h(app, v, c, tw, &head_h);
        SDL_Rect row;
        if (portrait) {
            inner = words + gap + bh;
            l->plan_text = (SDL_Rect){in.x, in.y, in.w, words};
            row = (SDL_Rect){in.x, in.y + words + gap, in.w, bh};
        } else {
            inner = words > bh ? words : bh;
            l->plan_text = (SDL_Rect){in.x, in.y, tw, inner};
            row = (SDL_Rect){in.x + in.w - bw, in.y + (inner - bh) / 2, bw, bh};
        }
        l->plan_next = rect_cut_right(&row, nw);
        rect_cut_right(&row, gap);
        if (action[0])
            l->plan_action = row;
    }
    l->plan = (SDL_Rect){box.x, box.y, box.w, inner + gap * 2};
    return l->plan.h;
}

static void layout(App *app, const View *v, Console *c, ConsoleLayout *l)
{
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = tile_list(tiles);
    memset(l, 0, sizeof *l);
    SDL_Rect area = ui_body(app, v, _("Facilitator console"), true);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);

    /* The tiles: fixed slots at the foot, each as tall as the most lines
     * a label takes in its slot, whatever the session or an alert. */
    int n = ntiles + 1; /* the tiles, then "reports and settings" */
    int cols = console_tile_cols(v);
    int rows = (n + cols - 1) / cols;
    int cw = (area.w - gap * (cols - 1)) / cols;
    int th = bh * 3 / 2;
    for (int i = 0; i <= ntiles; i++) {
        const char *label = i < ntiles ? _(tiles[i]->label) : _("Reports and settings");
        int need = widget_button_h(app, v, label, i < ntiles && tiles[i]->icon, cw);
        th = need > th ? need : th;
    }
    SDL_Rect grid = rect_cut_bottom(&area, th * rows + gap * (rows - 1));
    rect_cut_bottom(&area, gap * 2);
    Grid g = grid_make(grid, cols, th, gap);
    for (int i = 0; i < n; i++)
        l->tiles[i] = grid_cell(&g, i);

    /* The band for the door's requests, as tall as the longest there can
     * be, under the header. */
    char longest[400];
    longest_request_line(longest, sizeof longest);
    SDL_Rect probe = area;
    int band_h = band_parts(app, v, probe, longest, l);
    int quiet = band_parts(app, v, probe, _("No one at the door has asked for a staff member."), l);
    band_h = band_h > quiet ? band_h : quiet;
    l->band = rect_cut_top(&area, band_h);
    band_parts(app, v, l->band, longest, l);
    rect_cut_top(&area, gap * 2);

    /* The session's card and today's plan between them: both when they
     * fit, else a list that scrolls, never over the tiles: of the two
     * cards, or, on a portrait screen where one card is taller than the
     * room (150 % on a tall tablet), of their halves (the words; the
     * buttons and what is under them). The arrows' column is kept either
     * way, so the cards (and their buttons) keep their width when a line
     * more (publishing, a problem) makes the list scroll. */
    int arrow_w = widget_min_touch(v);
    SDL_Rect box = {area.x, 0, area.w - arrow_w - gap, 0};
    ConsoleLayout rel[2];
    int cards = c->have_session ? 2 : 1, ch[2] = {0, 0}, split[2] = {0, 0};
    memset(rel, 0, sizeof rel);
    ch[0] = session_card(app, v, c, box, &rel[0]);
    split[0] = rel[0].b1.y - gap / 2;
    if (cards > 1) {
        ch[1] = plan_card(app, v, c, box, &rel[1]);
        split[1] = rel[1].plan_next.w ? rel[1].plan_next.y - gap / 2 : 0;
    }
    bool halves = v->h > v->w && (ch[0] > area.h || ch[1] > area.h);
    int heights[4], card_of[4], half_of[4], items = 0;
    for (int i = 0; i < cards; i++) {
        if (halves && split[i] > 0) {
            heights[items] = split[i], card_of[items] = i, half_of[items++] = 0;
            heights[items] = ch[i] - split[i], card_of[items] = i, half_of[items++] = 1;
        } else {
            heights[items] = ch[i], card_of[items] = i, half_of[items++] = -1;
        }
    }
    SDL_Rect out[4];
    scroll_layout(&c->list, heights, items, area, gap * 2, arrow_w, out, &l->up, &l->down);
    SDL_Rect none = {0, 0, 0, 0};
    l->card = l->info = l->b1 = l->b2 = none;
    l->plan = l->plan_text = l->plan_next = l->plan_action = none;
    for (int k = 0; k < c->list.shown; k++) {
        int i = c->list.first + k, card = card_of[i], half = half_of[i];
        out[k].w = box.w;
        /* the part's elements moved from where the card at 0 has them */
        int dy = out[k].y - (half == 1 ? split[card] : 0);
        const ConsoleLayout *r = &rel[card];
        SDL_Rect *whole = card == 0 ? &l->card : &l->plan;
        *whole = whole->w ? (SDL_Rect){whole->x, whole->y, whole->w, out[k].y + out[k].h - whole->y}
                          : out[k];
        if (card == 0) {
            if (half != 1) {
                l->info = r->info;
                l->info.y += dy;
                l->words_shown = true;
            }
            if (half != 0) {
                l->b1 = r->b1, l->b2 = r->b2, l->info_below = r->info_below + dy;
                l->b1.y += dy;
                l->b2.y += dy;
                l->buttons_shown = true;
                if (half == 1 && !l->info.w) {
                    /* the words scrolled away: the lines under the buttons
                     * keep their column */
                    l->info = (SDL_Rect){r->info.x, out[k].y, r->info.w, 0};
                }
            }
        } else {
            if (half != 1) {
                l->plan_text = r->plan_text;
                l->plan_text.y += dy;
            }
            if (half != 0) {
                l->plan_next = r->plan_next, l->plan_action = r->plan_action;
                if (l->plan_next.w)
                    l->plan_next.y += dy;
                if (l->plan_action.w)
                    l->plan_action.y += dy;
            }
        }
    }
}

static int console_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Console *c = (Console *)s;
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = tile_list(tiles);
    ConsoleLayout l;
    layout(app, v, c, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    if (c->nrequests > 0)
        out[n++] = (Target){ID_SEEN, l.seen, false};
    if (l.buttons_shown) {
        if (c->have_session) {
            out[n++] = (Target){ID_CHECKOUT, l.b1, c->session.checkout};
            out[n++] = (Target){ID_CLOSE, l.b2, false};
        } else {
            out[n++] = (Target){ID_OPEN, l.b1, false};
        }
    }
    if (c->have_session && l.plan.w) {
        if (l.plan_text.w)
            out[n++] = (Target){ID_PLAN, l.plan_text, false};
        if (l.plan_action.w)
            out[n++] = (Target){ID_BLOCK_ACTION, l.plan_action, false};
        if (l.plan_next.w)
            out[n++] = (Target){ID_NEXT_BLOCK, l.plan_next, !console_next_block_ok(app, c)};
    }
    if (l.up.w) {
        out[n++] = (Target){ID_UP, l.up, c->list.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, c->list.first + c->list.shown >= c->list.count};
    }
    for (int i = 0; i < ntiles && n < max - 1; i++)
        out[n++] = (Target){ID_TILE0 + i, l.tiles[i], !tile_enabled(c, tiles[i])};
    out[n++] = (Target){ID_MORE, l.tiles[ntiles], false};
    return n;
}

/* The plan's words in tr: a button onto the plan screen, pressed and
 * focused like one, with a chevron that says it opens. */
static void draw_plan_words(App *app, Console *c, View *v, SDL_Rect tr)
{
    const Theme *t = &app->theme;
    if (widget_pressed(app, ID_PLAN))
        draw_round_rect(v->renderer, tr, v->unit * 1.6f, t->surface_hi);
    SDL_Rect in = rect_inset(tr, ui_gap(v) / 2);
    int chev = type_px(app, v, TYPE_LABEL);
    SDL_Rect cb = rect_cut_right(&in, chev);
    draw_icon_forward(v->renderer, rect_center(cb, chev, chev), t->text_muted);
    rect_cut_right(&in, ui_gap(v) / 2);
    char head[300], status[300];
    bool over;
    plan_words(app, c, head, sizeof head, status, sizeof status, &over);
    TextStyle hs = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
    TextStyle ms = type_style(app, v, TYPE_CAPTION, over ? t->attention : t->text_muted,
                              ALIGN_LEFT);
    int head_h;
    plan_text_h(app, v, c, tr.w, &head_h);
    text_draw_box(v->text, head, &hs, rect_cut_top(&in, head_h));
    text_draw_box(v->text, status, &ms, in);
    widget_focus_ring(app, v, tr, ID_PLAN);
}

static void draw_plan_card(App *app, Console *c, View *v, const ConsoleLayout *l)
{
    widget_card(app, v, l->plan);
    if (l->plan_text.w)
        draw_plan_words(app, c, v, l->plan_text);
    if (l->plan_action.w) {
        char label[200];
        const Plan *plan;
        PlanPosition pos;
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

/* The band for the door's requests: the oldest waiting with "Seen", or a
 * quiet line that says none waits (the band keeps its place). */
static void draw_band(App *app, Console *c, View *v, const ConsoleLayout *l)
{
    const Theme *t = &app->theme;
    float radius = v->unit * 1.6f;
    if (c->nrequests == 0) {
        draw_round_frame(v->renderer, l->band, radius, fmaxf(1.0f, v->unit * 0.25f), t->line);
        TextStyle qs = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
        qs.weight = FONT_REGULAR;
        SDL_Rect text = l->band_text;
        text.w = l->seen.x + l->seen.w - text.x;
        text_draw_box(v->text, _("No one at the door has asked for a staff member."), &qs, text);
        return;
    }
    draw_round_rect(v->renderer, l->band, radius, t->info);
    int icon = l->band_icon.w;
    draw_icon_wave(v->renderer, rect_center(l->band_icon, icon, icon), t->text_on_state);
    char line[400];
    request_line(app, c, line, sizeof line);
    TextStyle ns = type_style(app, v, TYPE_LABEL, t->text_on_state, ALIGN_LEFT);
    text_draw_box(v->text, line, &ns, l->band_text);
    Target seen = {ID_SEEN, l->seen, false};
    widget_button(app, v, &seen, _("Seen"), BUTTON_SECONDARY, NULL);
}

static void draw_session_card(App *app, Console *c, View *v, const ConsoleLayout *l)
{
    const Theme *t = &app->theme;
    widget_card(app, v, l->card);
    char head[200], line[1200];
    card_words(c, head, sizeof head, line, sizeof line);
    SDL_Rect part[4];
    int above, below;
    info_parts(app, v, c, l->info.x, l->info.y, l->info_below, l->info.w, part, &above, &below);
    TextStyle ts = type_style(app, v, TYPE_TITLE, t->text, ALIGN_LEFT);
    TextStyle ms = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
    ms.weight = FONT_REGULAR;
    if (l->words_shown) {
        text_draw_box(v->text, head, &ts, part[0]);
        /* at the top of the lines kept for its longest form */
        int lh = text_height(v->text, line, &ms, part[1].w);
        part[1].h = lh < part[1].h ? lh : part[1].h;
        text_draw_box(v->text, line, &ms, part[1]);
    }
    if (!l->buttons_shown)
        return;
    if (c->problem[0]) {
        TextStyle ps = type_style(app, v, TYPE_CAPTION, t->attention, ALIGN_LEFT);
        ps.weight = FONT_BOLD;
        text_draw_box(v->text, c->problem, &ps, part[2]);
    }
    if (c->publish[0]) {
        TextStyle ps = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
        text_draw_box(v->text, c->publish, &ps, part[3]);
    }
    if (c->have_session) {
        Target co = {ID_CHECKOUT, l->b1, c->session.checkout};
        widget_button(app, v, &co, checkout_label(c), BUTTON_SECONDARY, NULL);
        Target cl = {ID_CLOSE, l->b2, false};
        widget_button(app, v, &cl, _("Close the session"), BUTTON_SECONDARY, NULL);
    } else {
        Target op = {ID_OPEN, l->b1, false};
        widget_button(app, v, &op, _("Open a session"), BUTTON_PRIMARY, NULL);
    }
}

static void console_draw(App *app, Screen *s, View *v)
{
    Console *c = (Console *)s;
    if (v->role == VIEW_ROOM) {
        /* The room sees a calm resting screen while staff use the console. */
        app_draw_below(app, s, v);
        return;
    }
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = tile_list(tiles);
    ui_header(app, v, _("Facilitator console"), ID_BACK);
    ConsoleLayout l;
    layout(app, v, c, &l);
    draw_band(app, c, v, &l);
    if (l.card.w)
        draw_session_card(app, c, v, &l);
    if (l.plan.w)
        draw_plan_card(app, c, v, &l);
    Target up = {ID_UP, l.up, false}, down = {ID_DOWN, l.down, false};
    scroll_draw_arrows(app, v, &c->list, &up, &down);
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
