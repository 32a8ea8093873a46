/* A rating round on the shared screen: people come up one at a time and tap
 * an answer; the screen shows how many have answered, never what; the
 * facilitator ends the round and may reveal the group's result only when
 * enough people answered. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/round.h"
#include "core/scanner.h"
#include "core/uuid.h"
#include "store/store_rating.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/chime.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/rating.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_VALUE0 = 0, /* + value - min */
    ID_UNDO = 100,
    ID_END = 101,
    ID_REVEAL = 102,
    ID_DONE = 103,
    ID_SKIP = 104
};

typedef enum RoundState {
    ROUND_ASKING,   /* open: the next person answers */
    ROUND_ENDED,    /* closed: the count, and maybe "show the result" */
    ROUND_REVEALED  /* the distribution and the median */
} RoundState;

typedef struct RoundScreen {
    Screen base;
    const Instrument *in;
    RatingPhase phase;
    char run_id[40];
    char round_id[40];
    RoundDoneFn done;
    void *ctx;
    Round round;
    RoundState state;
    char ids[ROUND_MAX_ANSWERS][40]; /* each answer's row, for an undo */
    bool have_session;
    SessionInfo session;
    /* pseudonymous groups: the pass scanned before answering */
    Scanner scanner;
    bool have_pass;
    PassInfo pass;
    uint64_t pass_until; /* the scanned pass waits this long for an answer */
    char notice[200];    /* "pass not recognized", a storage problem */
    uint64_t notice_until;
    int selected;        /* keyboard selection, or min - 1 for none */
    bool was_thanks, was_undo; /* what the targets were last laid out for */
} RoundScreen;

static bool pseudonymous(const RoundScreen *r) { return r->have_session && !r->session.anonymous; }

static void set_notice(App *app, RoundScreen *r, const char *text, uint64_t ms)
{
    snprintf(r->notice, sizeof r->notice, "%s", text);
    r->notice_until = ms ? app->now + ms : 0;
    app_invalidate(app);
}

static void record(App *app, RoundScreen *r, int value)
{
    if (r->state != ROUND_ASKING)
        return;
    if (!r->have_session) {
        set_notice(app, r, _("Open a session first: answers belong to a session."), 4000);
        return;
    }
    if (pseudonymous(r) && !r->have_pass) {
        set_notice(app, r, _("Scan your pass first, then choose your answer."), 4000);
        return;
    }
    int idx = round_answer_add(&r->round, value, app->now);
    if (idx < 0)
        return; /* a double tap during the thank-you, or out of range */
    /* Committed before the thank-you shows: what the screen thanks for is
     * on the disk. */
    RatingRow row = {.session_id = r->session.id,
                     .instrument = r->in->id,
                     .phase = r->phase,
                     .value = value,
                     .pass_id = pseudonymous(r) ? r->pass.id : NULL,
                     .run_id = r->run_id[0] ? r->run_id : NULL,
                     .round_id = r->round_id,
                     .wall_ms = app->wall};
    StoreResult sr = store_rating_add(app->store, &row, r->ids[idx]);
    if (sr != STORE_OK) {
        round_answer_cancel(&r->round, idx);
        app_set_alert(app, store_error(app->store));
        set_notice(app, r,
                   sr == STORE_FULL ? _("This answer could not be saved: the storage is full. "
                                        "Please tell a staff member.")
                                    : _("This answer could not be saved. Please tell a staff "
                                        "member."),
                   6000);
        return;
    }
    r->have_pass = false;
    r->selected = r->in->min - 1;
    if (!app->settings.mute)
        chime_play(app->chime, CHIME_OK, app->settings.volume / 2);
    app_targets_changed(app);
}

static void undo(App *app, RoundScreen *r)
{
    int last = (int)round_count(&r->round) - 1;
    if (last < 0 || !round_can_undo(&r->round, app->now))
        return;
    char id[40];
    snprintf(id, sizeof id, "%s", r->ids[last]);
    if (store_rating_remove(app->store, id) < 0) {
        app_set_alert(app, store_error(app->store));
        return;
    }
    round_answer_undo(&r->round, app->now, NULL, NULL);
    r->ids[last][0] = '\0';
    app_targets_changed(app);
}

static void end_round(App *app, RoundScreen *r)
{
    round_close(&r->round);
    r->state = ROUND_ENDED;
    app_targets_changed(app);
}

static void finish(App *app, RoundScreen *r)
{
    RoundDoneFn done = r->done;
    void *ctx = r->ctx;
    Round copy = r->round;
    app_pop(app);
    if (done)
        done(app, ctx, &copy);
}

static void rs_activate(App *app, Screen *s, int id)
{
    RoundScreen *r = (RoundScreen *)s;
    if (id >= ID_VALUE0 && id <= ID_VALUE0 + (r->in->max - r->in->min))
        record(app, r, r->in->min + id - ID_VALUE0);
    else if (id == ID_UNDO)
        undo(app, r);
    else if (id == ID_END)
        end_round(app, r);
    else if (id == ID_SKIP)
        finish(app, r); /* before an exercise: skip the ratings */
    else if (id == ID_REVEAL) {
        RoundResult res;
        if (round_reveal(&r->round, &res) == ROUND_SHOW_OK) {
            r->state = ROUND_REVEALED;
            app_targets_changed(app);
        }
    } else if (id == ID_DONE)
        finish(app, r);
}

static void take_scan(App *app, RoundScreen *r, const ScanEvent *ev)
{
    if (ev->kind != SCAN_SUBMIT && ev->kind != SCAN_OVERFLOW)
        return;
    if (!pseudonymous(r) || r->state != ROUND_ASKING)
        return;
    PassParseResult parse;
    CheckinOutcome o = ev->kind == SCAN_SUBMIT
                           ? checkin_lookup(app->store, ev->text, ev->len, &r->pass, &parse)
                           : CHECKIN_MALFORMED;
    if (o == CHECKIN_OK) {
        r->have_pass = true;
        r->pass_until = app->now + 60000;
        set_notice(app, r, _("Thank you. Now choose your answer."), 0);
    } else {
        r->have_pass = false;
        set_notice(app, r, _("That pass was not recognized. Please see a staff member."), 5000);
    }
}

static bool rs_event(App *app, Screen *s, const SDL_Event *ev)
{
    RoundScreen *r = (RoundScreen *)s;
    if (ev->type == SDL_TEXTINPUT) {
        if (pseudonymous(r) && r->state == ROUND_ASKING) {
            for (const unsigned char *c = (const unsigned char *)ev->text.text; *c; c++) {
                ScanEvent se = scanner_key(&r->scanner, *c, app->now);
                take_scan(app, r, &se);
            }
            return true;
        }
        /* digits choose an answer on the keyboard */
        for (const char *c = ev->text.text; *c; c++)
            if (*c >= '0' && *c <= '9' && *c - '0' >= r->in->min && *c - '0' <= r->in->max) {
                r->selected = *c - '0';
                app_invalidate(app);
            }
        return true;
    }
    if (ev->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode k = ev->key.keysym.sym;
    if (pseudonymous(r) && r->state == ROUND_ASKING && !r->have_pass &&
        (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_TAB)) {
        ScanEvent se = scanner_enter(&r->scanner, app->now);
        take_scan(app, r, &se);
        return true;
    }
    if (r->state == ROUND_ASKING && !app_focus_active(app)) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            if (r->selected >= r->in->min)
                record(app, r, r->selected);
            return true;
        }
        if (k == SDLK_RIGHT || k == SDLK_LEFT) {
            int sel = r->selected < r->in->min ? (r->in->min + r->in->max) / 2
                                               : r->selected + (k == SDLK_RIGHT ? 1 : -1);
            if (sel >= r->in->min && sel <= r->in->max)
                r->selected = sel;
            app_invalidate(app);
            return true;
        }
        if (k == SDLK_BACKSPACE || (k == SDLK_z && (ev->key.keysym.mod & KMOD_CTRL))) {
            undo(app, r);
            return true;
        }
    }
    if (k == SDLK_ESCAPE) {
        if (r->state == ROUND_ASKING && r->phase == PHASE_PRE && round_count(&r->round) == 0)
            finish(app, r);
        else if (r->state == ROUND_ASKING)
            end_round(app, r);
        else
            finish(app, r);
        return true;
    }
    return false;
}

static void rs_update(App *app, Screen *s)
{
    RoundScreen *r = (RoundScreen *)s;
    /* The thank-you and the undo button come and go with time: the targets
     * change with them. */
    bool thanks = round_thanks_showing(&r->round, app->now);
    bool can_undo = round_can_undo(&r->round, app->now);
    if (thanks != r->was_thanks || can_undo != r->was_undo) {
        r->was_thanks = thanks;
        r->was_undo = can_undo;
        app_targets_changed(app);
    }
    uint64_t d = round_next_deadline_ms(&r->round, app->now);
    if (d) {
        app_wake_at(app, d);
        app_invalidate(app);
    }
    if (r->notice_until) {
        if (app->now >= r->notice_until) {
            r->notice[0] = '\0';
            r->notice_until = 0;
            app_invalidate(app);
        } else {
            app_wake_at(app, r->notice_until);
        }
    }
    if (r->have_pass && app->now >= r->pass_until) {
        r->have_pass = false;
        r->notice[0] = '\0';
        app_invalidate(app);
    } else if (r->have_pass) {
        app_wake_at(app, r->pass_until);
    }
    ScanEvent se = scanner_tick(&r->scanner, app->now);
    take_scan(app, r, &se);
    uint64_t sd = scanner_next_deadline(&r->scanner);
    if (sd)
        app_wake_at(app, sd);
}

/* --- layout ------------------------------------------------------------------- */

typedef struct RoundLayout {
    SDL_Rect prompt, scale, status, undo, controls, end, left;
} RoundLayout;

static void layout(App *app, const View *v, const RoundScreen *r, RoundLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    if (v->role == VIEW_MAIN) {
        l->controls = rect_cut_bottom(&area, bh);
        rect_cut_bottom(&area, gap * 2);
        SDL_Rect c = l->controls;
        l->end = rect_cut_right(&c, c.w * 2 / 5);
        rect_cut_right(&c, gap);
        l->left = rect_cut_left(&c, c.w / 2);
    }
    l->prompt = rect_cut_top(&area, area.h * 3 / 10);
    rect_cut_top(&area, gap);
    l->status = rect_cut_bottom(&area, app_text_px(app, v, 8.0f));
    rect_cut_bottom(&area, gap);
    l->scale = area;
    l->undo = rect_center(l->status, l->status.w / 3, bh);
    (void)r;
}

static int rs_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    RoundScreen *r = (RoundScreen *)s;
    RoundLayout l;
    layout(app, v, r, &l);
    int n = 0;
    if (r->state == ROUND_ASKING) {
        bool thanks = round_thanks_showing(&r->round, app->now);
        if (!thanks)
            n = rating_targets(app, v, r->in, l.scale, ID_VALUE0, out, max - 3);
        if (round_can_undo(&r->round, app->now))
            out[n++] = (Target){ID_UNDO, l.undo, false};
        if (r->phase == PHASE_PRE && round_count(&r->round) == 0)
            out[n++] = (Target){ID_SKIP, l.left, false};
        out[n++] = (Target){ID_END, l.end, false};
    } else {
        RoundResult res;
        bool can = round_reveal(&r->round, &res) == ROUND_SHOW_OK;
        if (r->state == ROUND_ENDED && can)
            out[n++] = (Target){ID_REVEAL, l.left, false};
        out[n++] = (Target){ID_DONE, l.end, false};
    }
    return n;
}

static void draw_result(App *app, RoundScreen *r, View *v, SDL_Rect area)
{
    const Theme *t = &app->theme;
    RoundResult res;
    if (round_reveal(&r->round, &res) != ROUND_SHOW_OK)
        return;
    int points = res.scale_max - res.scale_min + 1;
    size_t most = 1;
    for (int i = 0; i < points; i++)
        if (res.counts[i] > most)
            most = res.counts[i];
    int gap = ui_gap(v);
    TextStyle ls = {app_text_px(app, v, 3.6f), FONT_BOLD, t->text, 0, ALIGN_CENTER};
    int lh = fontset_line_height(app->fonts, FONT_BOLD, ls.px);
    SDL_Rect chart = area;
    SDL_Rect labels = rect_cut_bottom(&chart, lh);
    SDL_Rect counts_row = rect_cut_top(&chart, lh);
    int bw = (chart.w - gap * (points - 1)) / points;
    if (bw > chart.w / 4)
        bw = chart.w / 4;
    int x0 = chart.x + (chart.w - (bw * points + gap * (points - 1))) / 2;
    for (int i = 0; i < points; i++) {
        int h = (int)((double)chart.h * (double)res.counts[i] / (double)most);
        SDL_Rect bar = {x0 + i * (bw + gap), chart.y + chart.h - h, bw, h};
        if (h > 0)
            draw_round_rect(v->renderer, bar, v->unit * 0.8f, t->info);
        char num[8];
        snprintf(num, sizeof num, "%d", res.scale_min + i);
        text_draw(v->text, num, &ls, bar.x + bw / 2, labels.y);
        if (res.counts[i]) {
            char c[16];
            snprintf(c, sizeof c, "%zu", res.counts[i]);
            TextStyle cs = ls;
            cs.color = t->text_muted;
            cs.weight = FONT_REGULAR;
            text_draw(v->text, c, &cs, bar.x + bw / 2,
                      h + lh <= chart.h ? bar.y - lh : counts_row.y);
        }
    }
    /* the median as a line across the chart */
    double pos = (res.median - res.scale_min);
    int mx = x0 + (int)(pos * (bw + gap) + bw / 2.0);
    draw_rect(v->renderer, (SDL_Rect){mx - (int)(v->unit * 0.3f), chart.y, (int)(v->unit * 0.6f) + 1,
                                      chart.h},
              t->accent);
}

static void rs_draw(App *app, Screen *s, View *v)
{
    RoundScreen *r = (RoundScreen *)s;
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    RoundLayout l;
    layout(app, v, r, &l);
    int gap = ui_gap(v);
    size_t count = round_count(&r->round);

    /* the question, large */
    TextStyle ps = {app_text_px(app, v, 7.0f), FONT_BOLD, t->text, 0, ALIGN_CENTER};
    const char *question = text_in(&r->in->prompt, lang);
    char head[300];
    if (r->state == ROUND_REVEALED) {
        char med[16];
        RoundResult res;
        round_reveal(&r->round, &res);
        i18n_format_decimal(med, sizeof med, res.median, 1);
        snprintf(head, sizeof head, _("%s \xE2\x80\x94 the group's median answer is %s"),
                 text_in(&r->in->title, lang), med);
        question = head;
    } else if (r->state == ROUND_ENDED) {
        question = text_in(&r->in->title, lang);
    }
    text_draw_fit(v->text, question, &ps, app_text_px(app, v, 4.0f), l.prompt);

    char status[200];
    if (r->state == ROUND_ASKING) {
        if (round_thanks_showing(&r->round, app->now)) {
            /* The thank-you covers the scale, so the next person never sees
             * what the last one chose. */
            draw_round_rect(v->renderer, l.scale, v->unit * 2, t->surface);
            TextStyle ts = {app_text_px(app, v, 10.0f), FONT_BOLD, t->ok, 0, ALIGN_CENTER};
            text_draw_fit(v->text, _("Thank you"), &ts, app_text_px(app, v, 5.0f),
                          rect_inset(l.scale, gap * 2));
        } else if (pseudonymous(r) && !r->have_pass) {
            draw_round_rect(v->renderer, l.scale, v->unit * 2, t->surface);
            SDL_Rect in = rect_inset(l.scale, gap * 2);
            int icon = (int)fminf((float)in.h * 0.4f, v->unit * 16);
            draw_icon_qr(v->renderer, rect_center(rect_cut_top(&in, icon), icon, icon), t->text);
            TextStyle ss = {app_text_px(app, v, 6.0f), FONT_REGULAR, t->text, 0, ALIGN_CENTER};
            text_draw_fit(v->text, _("Scan your pass first, then choose your answer."), &ss,
                          app_text_px(app, v, 3.5f), in);
        } else {
            rating_draw(app, v, r->in, l.scale, ID_VALUE0, r->selected);
        }
        snprintf(status, sizeof status, P_("%zu person has answered", "%zu people have answered",
                                           count),
                 count);
    } else if (r->state == ROUND_ENDED) {
        RoundResult res;
        bool can = round_reveal(&r->round, &res) == ROUND_SHOW_OK;
        TextStyle ms = {app_text_px(app, v, 5.5f), FONT_REGULAR, t->text, 0, ALIGN_CENTER};
        char msg[300];
        if (can)
            snprintf(msg, sizeof msg, P_("%zu answer. The result can be shown to the room.",
                                         "%zu answers. The result can be shown to the room.",
                                         count),
                     count);
        else
            snprintf(msg, sizeof msg,
                     _("Too few answers to show: the result appears from %d answers, so that "
                       "no one can be singled out."),
                     round_min_cell(&r->round));
        text_draw_fit(v->text, msg, &ms, app_text_px(app, v, 3.5f), rect_inset(l.scale, gap * 3));
        status[0] = '\0';
    } else {
        draw_result(app, r, v, l.scale);
        snprintf(status, sizeof status, P_("%zu answer", "%zu answers", count), count);
    }
    if (status[0]) {
        TextStyle cs = {app_text_px(app, v, 4.6f), FONT_BOLD, t->accent, 0, ALIGN_CENTER};
        SDL_Rect st = l.status;
        if (round_can_undo(&r->round, app->now) && v->role == VIEW_MAIN)
            st = rect_cut_left(&st, (l.undo.x - st.x) - gap);
        text_draw_fit(v->text, status, &cs, app_text_px(app, v, 3.0f), st);
    }
    if (r->notice[0]) {
        TextStyle ns = {app_text_px(app, v, 3.8f), FONT_BOLD, t->attention, 0, ALIGN_CENTER};
        text_draw_fit(v->text, r->notice, &ns, app_text_px(app, v, 2.8f),
                      (SDL_Rect){l.prompt.x, l.prompt.y + l.prompt.h - app_text_px(app, v, 5),
                                 l.prompt.w, app_text_px(app, v, 5)});
    }
    if (v->role != VIEW_MAIN)
        return;
    if (r->state == ROUND_ASKING) {
        if (round_can_undo(&r->round, app->now)) {
            Target u = {ID_UNDO, l.undo, false};
            widget_button(app, v, &u, _("Undo my answer"), BUTTON_SECONDARY, draw_icon_back);
        }
        if (r->phase == PHASE_PRE && count == 0) {
            Target sk = {ID_SKIP, l.left, false};
            widget_button(app, v, &sk, _("Skip the ratings"), BUTTON_QUIET, NULL);
        }
        Target e = {ID_END, l.end, false};
        widget_button(app, v, &e, _("End the round"), BUTTON_SECONDARY, NULL);
    } else {
        RoundResult res;
        if (r->state == ROUND_ENDED && round_reveal(&r->round, &res) == ROUND_SHOW_OK) {
            Target rv = {ID_REVEAL, l.left, false};
            widget_button(app, v, &rv, _("Show the result"), BUTTON_SECONDARY, NULL);
        }
        Target d = {ID_DONE, l.end, false};
        widget_button(app, v, &d, r->phase == PHASE_PRE ? _("Start the exercise") : _("Done"),
                      BUTTON_PRIMARY, NULL);
    }
}

static void rs_destroy(App *app, Screen *s)
{
    (void)app;
    RoundScreen *r = (RoundScreen *)s;
    scanner_clear(&r->scanner);
    free(r);
}

const ScreenClass round_screen_class = {
    .name = "round",
    .event = rs_event,
    .activate = rs_activate,
    .update = rs_update,
    .targets = rs_targets,
    .draw = rs_draw,
    .destroy = rs_destroy,
};

Screen *round_screen_new(App *app, const Instrument *in, RatingPhase phase, const char *run_id,
                         RoundDoneFn done, void *ctx)
{
    RoundScreen *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->base.cls = &round_screen_class;
    r->in = in;
    r->phase = phase;
    snprintf(r->run_id, sizeof r->run_id, "%s", run_id ? run_id : "");
    uuid_new(r->round_id);
    r->done = done;
    r->ctx = ctx;
    r->selected = in->min - 1;
    RoundConfig cfg = {.scale_min = in->min, .scale_max = in->max,
                       .min_cell = app->settings.min_cell};
    round_init(&r->round, &cfg);
    r->have_session = store_session_current(app->store, &r->session) == STORE_OK;
    ScannerConfig sc;
    scanner_config_defaults(&sc);
    sc.gap_ms = (uint32_t)app->settings.scanner_gap_ms;
    sc.silence_ms = (uint32_t)app->settings.scanner_silence_ms;
    scanner_init(&r->scanner, &sc);
    return &r->base;
}

/* --- starting a round from the console: which question? ------------------- */

enum { PICK_BACK = 1, PICK_FIRST = 10 };

typedef struct RoundPick {
    Screen base;
} RoundPick;

static void pick_layout(App *app, const View *v, int n, SDL_Rect *rects)
{
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    int cols = v->w > v->h ? 2 : 1;
    int h = (int)((float)bh * 1.5f);
    for (int i = 0; i < n; i++) {
        SDL_Rect row = {area.x, area.y + (i / cols) * (h + gap), area.w, h};
        rects[i] = rect_col(row, cols, i % cols, gap);
        if (rects[i].y + rects[i].h > area.y + area.h)
            rects[i].w = rects[i].h = 0;
    }
}

static int pick_count(App *app)
{
    int n = app->catalog ? catalog_instrument_count(app->catalog) : 0;
    return n > 16 ? 16 : n;
}

static int pick_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)s;
    SDL_Rect rects[16];
    int n = pick_count(app);
    pick_layout(app, v, n, rects);
    int k = 0;
    out[k++] = (Target){PICK_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < n && k < max; i++)
        if (rects[i].w)
            out[k++] = (Target){PICK_FIRST + i, rects[i], false};
    return k;
}

static void pick_activate(App *app, Screen *s, int id)
{
    (void)s;
    if (id == PICK_BACK) {
        app_pop(app);
    } else if (id >= PICK_FIRST && id < PICK_FIRST + pick_count(app)) {
        const Instrument *in = catalog_instrument_at(app->catalog, id - PICK_FIRST);
        store_audit(app->store, app->wall, "round.start", in->id);
        app_replace(app, round_screen_new(app, in, PHASE_ROUND, NULL, NULL, NULL));
    }
}

static bool pick_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void pick_draw(App *app, Screen *s, View *v)
{
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Start a rating round"), PICK_BACK);
    SDL_Rect rects[16];
    int n = pick_count(app);
    pick_layout(app, v, n, rects);
    const char *lang = i18n_lang();
    for (int i = 0; i < n; i++) {
        if (!rects[i].w)
            continue;
        const Instrument *in = catalog_instrument_at(app->catalog, i);
        Target tg = {PICK_FIRST + i, rects[i], false};
        bool pressed = widget_pressed(app, tg.id);
        draw_round_rect(v->renderer, rects[i], v->unit * 1.6f, pressed ? t->surface_hi : t->surface);
        SDL_Rect in_r = rect_inset(rects[i], ui_gap(v));
        TextStyle ts = {app_text_px(app, v, 4.2f), FONT_BOLD, t->text, 0, ALIGN_LEFT};
        int lh = fontset_line_height(app->fonts, FONT_BOLD, ts.px);
        text_draw_fit(v->text, text_in(&in->title, lang), &ts, app_text_px(app, v, 3.0f),
                      rect_cut_top(&in_r, lh));
        char scale[64];
        snprintf(scale, sizeof scale, "%d\xE2\x80\x93%d \xC2\xB7 ", in->min, in->max);
        char line[400];
        snprintf(line, sizeof line, "%s%s", scale, text_in(&in->prompt, lang));
        TextStyle ps = {app_text_px(app, v, 3.2f), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT};
        text_draw_fit(v->text, line, &ps, app_text_px(app, v, 2.4f), in_r);
        widget_focus_ring(app, v, rects[i], tg.id);
    }
    if (n == 0) {
        TextStyle es = {app_text_px(app, v, 4.0f), FONT_REGULAR, t->text_muted, 0, ALIGN_CENTER};
        text_draw_fit(v->text, _("No rating instruments were found in the data folder."), &es,
                      app_text_px(app, v, 3.0f), view_area(v, 10));
    }
}

static void pick_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass roundpick_screen_class = {
    .name = "roundpick",
    .event = pick_event,
    .activate = pick_activate,
    .targets = pick_targets,
    .draw = pick_draw,
    .destroy = pick_destroy,
};

static void open_roundpick(App *app)
{
    RoundPick *p = calloc(1, sizeof *p);
    if (!p)
        return;
    p->base.cls = &roundpick_screen_class;
    app_push(app, &p->base);
}

const ConsoleTile round_tile = {N_("Rating round"), NULL, true, open_roundpick};
