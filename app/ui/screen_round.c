/* A rating round on the shared screen: people come up one at a time and tap
 * an answer; the screen shows how many have answered, never what; the
 * facilitator ends the round and may reveal the group's result only when
 * enough people answered. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/model.h"
#include "core/round.h"
#include "core/uuid.h"
#include "svc/answer.h"
#include "svc/checkin.h"
#include "svc/session.h"
#include "ui/chime.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/rating.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/widget.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_VALUE0 = 0, /* + value - min */
    ID_UNDO = 100,
    ID_END = 101,
    ID_REVEAL = 102,
    ID_DONE = 103,
    ID_SKIP = 104,
    ID_BUSY = 105,  /* the thank-you: a tap on it is refused, visibly */
    ID_OFFER = 106, /* after a high urge or distress: talk to someone */
    ID_HELP = 107   /* "Talk to someone", always */
};

/* A short code typed for a pseudonymous round: symbols and dashes. */
#define TYPED_MAX 24

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
    AnswerReceipt last;  /* the latest answer, for its own person's undo */
    bool have_session;
    SessionInfo session;
    /* pseudonymous groups: the pass scanned (or its code typed) before
     * answering */
    char typed[TYPED_MAX + 1];
    bool have_pass;
    PassInfo pass;
    PassInfo second;     /* another pass scanned before the first answered */
    bool offer;          /* the last answer offers a staff member */
    PassInfo offer_pass; /* whose, when a pass was scanned (svc/answer.c decides) */
    uint64_t pass_until; /* the scanned pass waits this long for an answer */
    char notice[200];    /* "pass not recognized", a storage problem */
    bool notice_good;    /* "now choose your answer": good news, not a problem */
    uint64_t notice_until;
    int selected;        /* keyboard selection, or min - 1 for none */
    bool was_thanks, was_undo; /* what the targets were last laid out for */
    TextLog log;         /* what the main view shows, for tests */
} RoundScreen;

static bool pseudonymous(const RoundScreen *r) { return r->have_session && !r->session.anonymous; }

/* Undo is for the person who just answered: only while their thank-you
 * stands between them and the next person (core/round.h's window may be
 * longer; once the faces are back, the next person is at the screen). */
static bool can_undo(App *app, const RoundScreen *r)
{
    return round_can_undo(&r->round, app->now) && round_thanks_showing(&r->round, app->now);
}

static void set_notice(App *app, RoundScreen *r, const char *text, uint64_t ms)
{
    snprintf(r->notice, sizeof r->notice, "%s", text);
    r->notice_good = false;
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
    Answer a = {.session = &r->session,
                .instrument = r->in->id,
                .phase = r->phase,
                .value = value,
                .pass = r->have_pass ? &r->pass : NULL,
                .run_id = r->run_id[0] ? r->run_id : NULL,
                .round_id = r->round_id};
    StoreResult sr = answer_give(app->store, &a, app->wall, &r->last);
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
    /* The thank-you offers a staff member. On the shared screen it does so
     * after every answer alike, so that the room learns nothing from it;
     * it is there for the high urge or distress answers that the
     * instrument's offer_help names (the door, which asks one person at a
     * time, asks only after those). */
    r->offer = true;
    if (r->have_pass)
        r->offer_pass = r->pass;
    else
        memset(&r->offer_pass, 0, sizeof r->offer_pass);
    r->have_pass = false;
    r->selected = r->in->min - 1;
    r->notice[0] = '\0'; /* "now choose your answer" was for this person */
    r->notice_until = 0;
    sodium_memzero(r->typed, sizeof r->typed);
    if (!app->settings.mute)
        chime_play(app->chime, CHIME_OK, app->settings.volume / 2);
    app_targets_changed(app);
}

static void undo(App *app, RoundScreen *r)
{
    int last = (int)round_count(&r->round) - 1;
    if (last < 0 || !can_undo(app, r))
        return;
    if (answer_take_back(app->store, &r->last) < 0) {
        app_set_alert(app, store_error(app->store));
        return;
    }
    round_answer_undo(&r->round, app->now, NULL, NULL);
    app_targets_changed(app);
}

static void end_round(App *app, RoundScreen *r)
{
    round_close(&r->round);
    r->state = ROUND_ENDED;
    /* the room's own round: its end marks the plan's rating block done */
    if (r->phase == PHASE_ROUND)
        store_audit(app->store, app->wall, "round.end", r->in->id);
    app_targets_changed(app);
}

static void end_confirmed(App *app, void *ctx)
{
    RoundScreen *r = ctx;
    if (app_top(app) == &r->base && r->state == ROUND_ASKING)
        end_round(app, r);
}

/* Held down for two seconds, then asked: the faces sit next to it and the
 * room is invited to touch them. */
static void confirm_end(App *app, RoundScreen *r)
{
    if (r->state != ROUND_ASKING)
        return;
    char detail[300];
    size_t n = round_count(&r->round);
    snprintf(detail, sizeof detail,
             P_("%zu person has answered. Once it ends, no one else can answer this round.",
                "%zu people have answered. Once it ends, no one else can answer this round.", n),
             n);
    app_push(app, confirm_screen_new(app, _("End the round?"), detail, _("End the round"),
                                     _("Keep it open"), end_confirmed, r));
}

static bool rs_hold(App *app, Screen *s, int id)
{
    (void)app;
    return id == ID_END && ((RoundScreen *)s)->state == ROUND_ASKING;
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
    else if (id == ID_BUSY)
        /* in the scale's own words: a 0-10 round has no faces */
        set_notice(app, r,
                   r->in->style == INSTRUMENT_FACES
                       ? _("One moment, please: the next answer can be given when the faces "
                           "come back.")
                       : _("One moment, please: the next answer can be given when the numbers "
                           "come back."),
                   3000);
    else if (id == ID_OFFER) {
        r->offer = false;
        app_push(app, help_screen_new(app, true, r->offer_pass.id[0] ? &r->offer_pass : NULL));
    } else if (id == ID_HELP)
        app_push(app, help_screen_new(app, false, NULL));
    else if (id == ID_END)
        confirm_end(app, r);
    else if (id == ID_SKIP)
        finish(app, r); /* before an exercise: skip the ratings */
    else if (id == ID_REVEAL) {
        StatsShown res;
        if (round_reveal(&r->round, &res) == ROUND_SHOW_OK) {
            r->state = ROUND_REVEALED;
            app_targets_changed(app);
        }
    } else if (id == ID_DONE)
        finish(app, r);
}

/* The group links answers to passes and none has been scanned yet. */
static bool needs_pass(const RoundScreen *r) { return pseudonymous(r) && !r->have_pass; }

static void take_second(App *app, void *ctx)
{
    RoundScreen *r = ctx;
    if (app_top(app) != &r->base || r->state != ROUND_ASKING || !r->second.id[0])
        return;
    r->pass = r->second;
    r->have_pass = true;
    r->pass_until = app->now + 60000;
    memset(&r->second, 0, sizeof r->second);
    set_notice(app, r, _("Thank you. Now choose your answer."), 0);
    r->notice_good = true;
    app_targets_changed(app);
}

/* A pass for the next answer, scanned or typed. In a pseudonymous group it
 * is the pass the next answer belongs to; a second pass before the first
 * person answered asks, rather than taking the question over. */
static void take_pass(App *app, RoundScreen *r, const char *text, size_t len)
{
    r->selected = r->in->min - 1;
    round_type_forget(&r->round);
    app_invalidate(app);
    PassInfo pass;
    PassParseResult parse;
    CheckinOutcome o = checkin_lookup(app->store, text, len, &pass, &parse);
    if (o != CHECKIN_OK) {
        set_notice(app, r,
                   parse == PASS_TYPO
                       ? _("One symbol of that code does not match. Please check it against "
                           "your card.")
                       : _("That pass was not recognized. Please see a staff member."),
                   5000);
        app_targets_changed(app);
        return;
    }
    if (r->have_pass && strcmp(pass.id, r->pass.id) != 0) {
        r->second = pass;
        app_push(app, confirm_screen_new(
                          app, _("Another pass was scanned"),
                          _("The person who scanned before has not answered yet. Is the next "
                            "answer for the pass just scanned?"),
                          _("Yes, for the new pass"), _("No, keep the first"), take_second, r));
        return;
    }
    r->pass = pass;
    r->have_pass = true;
    r->pass_until = app->now + 60000;
    set_notice(app, r, _("Thank you. Now choose your answer."), 0);
    r->notice_good = true;
    app_targets_changed(app);
}

/* A scan the door read while the round is on top: in a pseudonymous group
 * it says whose the next answer is; in an anonymous one it is a late
 * arrival, whom the door checks in. */
static bool rs_scan(App *app, Screen *s, const char *text, size_t len)
{
    RoundScreen *r = (RoundScreen *)s;
    if (!pseudonymous(r) || r->state != ROUND_ASKING)
        return false;
    take_pass(app, r, text, len);
    return true;
}

/* The code typed for a pass, on Enter. */
static void submit_typed(App *app, RoundScreen *r)
{
    char code[TYPED_MAX + 1];
    memcpy(code, r->typed, sizeof code);
    sodium_memzero(r->typed, sizeof r->typed);
    int n = 0;
    for (const char *c = code; *c; c++)
        n += *c != '-' && *c != ' ';
    if (n > 0 && n < 16)
        set_notice(app, r, _("That code is short: a code has 16 symbols. Please type all of it."),
                   5000);
    else if (n > 0)
        take_pass(app, r, code, strlen(code));
    sodium_memzero(code, sizeof code);
    app_invalidate(app);
}

static bool rs_event(App *app, Screen *s, const SDL_Event *ev)
{
    RoundScreen *r = (RoundScreen *)s;
    if (ev->type == SDL_TEXTINPUT) {
        if (r->state != ROUND_ASKING)
            return true;
        /* The door has already told a scanner's burst from a person's keys
         * (scans come through rs_scan). Until a pass is accepted
         * (pseudonymous groups) what a person types is their code; after
         * it, digits choose the answer. */
        for (const unsigned char *c = (const unsigned char *)ev->text.text; *c; c++) {
            if (needs_pass(r)) {
                size_t n = strlen(r->typed);
                bool sym = (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
                           (*c >= 'a' && *c <= 'z');
                if (sym && n < TYPED_MAX)
                    r->typed[n] = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
                app_invalidate(app);
                continue;
            }
            if (*c >= '0' && *c <= '9') {
                int v = round_type_digit(&r->round, *c - '0', app->now);
                if (v >= 0) {
                    r->selected = v;
                    app_invalidate(app);
                }
            }
        }
        return true;
    }
    if (ev->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode k = ev->key.keysym.sym;
    if (r->state == ROUND_ASKING && needs_pass(r) && r->typed[0] &&
        (k == SDLK_TAB || k == SDLK_RETURN || k == SDLK_KP_ENTER)) {
        submit_typed(app, r);
        return true;
    }
    if (r->state == ROUND_ASKING && needs_pass(r) && r->typed[0] && k == SDLK_BACKSPACE) {
        r->typed[strlen(r->typed) - 1] = '\0';
        app_invalidate(app);
        return true;
    }
    if (r->state == ROUND_ASKING && !app_focus_active(app)) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            if (!needs_pass(r) && r->selected >= r->in->min)
                record(app, r, r->selected);
            return true;
        }
        if (k == SDLK_RIGHT || k == SDLK_LEFT) {
            if (needs_pass(r))
                return true;
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
            /* the keyboard at the door may be a client's: Esc never ends */
            app_toast(app, _("To end the round, hold its button down for two "
                             "seconds."),
                      false, 3000);
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
    bool undo_ok = can_undo(app, r);
    if (thanks != r->was_thanks || undo_ok != r->was_undo) {
        r->was_thanks = thanks;
        r->was_undo = undo_ok;
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
        r->selected = r->in->min - 1;
        r->notice[0] = '\0';
        app_targets_changed(app);
    } else if (r->have_pass) {
        app_wake_at(app, r->pass_until);
    }
}

/* --- layout ------------------------------------------------------------------- */

/* Top to bottom: the question; one line for a notice or the keyboard hint;
 * the answers (or the thank-you, or the chart); the count; and on the
 * facilitator's display a row of buttons. Each has its own band with a gap
 * around it, so that nothing touches at any size or text scale: the undo
 * button sits in the button row, at the left, where "Skip the ratings"
 * would be (that one only shows before anyone answered, undo only after). */
typedef struct RoundLayout {
    SDL_Rect prompt, help, line, scale, status, controls, end, left;
} RoundLayout;

static int status_px(const App *app, const View *v) { return type_px(app, v, TYPE_TITLE); }
static int line_px(const App *app, const View *v) { return type_px(app, v, TYPE_BODY); }

static const char *line_text(const RoundScreen *r, const StatsShown *res, bool revealed,
                             char *buf, size_t n);

/* The question on top: the instrument's prompt, its title once ended, and
 * the group's middle answer once revealed. */
static const char *question_text(RoundScreen *r, char *head, size_t n)
{
    const char *lang = i18n_lang();
    StatsShown res;
    if (r->state == ROUND_REVEALED && round_reveal(&r->round, &res) == ROUND_SHOW_OK) {
        snprintf(head, n, _("%s \xE2\x80\x94 the group's middle answer is %d"),
                 text_in(&r->in->title, lang), res.median);
        return head;
    }
    if (r->state == ROUND_ENDED || r->state == ROUND_REVEALED)
        return text_in(&r->in->title, lang);
    return text_in(&r->in->prompt, lang);
}

/* The line under the question in its style: bold and coloured for a
 * notice. */
static TextStyle line_style(App *app, const View *v, const RoundScreen *r)
{
    const Theme *t = &app->theme;
    bool notice = r->notice[0] != '\0';
    TextStyle ns = type_style(app, v, TYPE_BODY,
                              !notice ? t->text_muted : r->notice_good ? t->ok : t->attention,
                              ALIGN_CENTER);
    if (notice)
        ns.weight = FONT_BOLD;
    return ns;
}

/* The count under the scale: how many have answered, or how many the
 * result rests on; nothing once ended. */
static void status_text(const RoundScreen *r, char *status, size_t n)
{
    size_t count = round_count(&r->round);
    status[0] = '\0';
    if (r->state == ROUND_ASKING)
        snprintf(status, n, P_("%zu person has answered", "%zu people have answered", count),
                 count);
    else if (r->state == ROUND_REVEALED)
        snprintf(status, n, P_("%zu answer", "%zu answers", count), count);
}

static void layout(App *app, const View *v_, RoundScreen *r, RoundLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    if (v->role == VIEW_MAIN) {
        /* one height for the row, the tallest any of its labels needs at
         * its width (so "Undo my answer" wraps inside its button) */
        int end_w = area.w * 2 / 5, rest = area.w - end_w - gap;
        int left_w = v->h > v->w ? rest : rest / 2;
        const char *lefts[3] = {_("Undo my answer"), _("Skip the ratings"), _("Show the result")};
        const char *ends[3] = {_("Hold to end the round"), _("Start the exercise"), _("Done")};
        for (int i = 0; i < 3; i++) {
            int hl = widget_button_h(app, v, lefts[i], i == 0, left_w);
            int he = widget_button_h(app, v, ends[i], false, end_w);
            bh = hl > bh ? hl : bh;
            bh = he > bh ? he : bh;
        }
        l->controls = rect_cut_bottom(&area, bh);
        rect_cut_bottom(&area, gap * 2);
        SDL_Rect c = l->controls;
        l->end = rect_cut_right(&c, c.w * 2 / 5);
        rect_cut_right(&c, gap);
        /* narrow screens: the left button takes the whole rest, so that
         * "Undo my answer" stays on one or two lines */
        l->left = v->h > v->w ? c : rect_cut_left(&c, c.w / 2);
    }
    char status[200];
    status_text(r, status, sizeof status);
    TextStyle cs = type_style(app, v, TYPE_TITLE, app->theme.accent, ALIGN_CENTER);
    int sh = fontset_line_height(app->fonts, FONT_BOLD, status_px(app, v));
    int s_need = status[0] ? text_height(v->text, status, &cs, area.w) : 0;
    l->status = rect_cut_bottom(&area, s_need > sh ? s_need : sh);
    rect_cut_bottom(&area, gap);
    int help_h = 0;
    if (v->role == VIEW_MAIN)
        help_h = widget_button_h(app, v, _("Talk to someone"), true,
                                 widget_help_width(app, v, area));
    /* the question: every line it needs in the title role, at least two
     * lines or a quarter of the room */
    int hw = v->role == VIEW_MAIN ? widget_help_width(app, v, area) : 0;
    char head[300];
    const char *question = question_text(r, head, sizeof head);
    int ph = type_line_h(app, v, TYPE_TITLE) * 2;
    int need = type_height(app, v, TYPE_TITLE, question, area.w - (hw ? hw + gap : 0));
    ph = need > ph ? need : ph;
    ph = ph > help_h ? ph : help_h;
    l->prompt = rect_cut_top(&area, area.h / 4 > ph ? area.h / 4 : ph);
    if (v->role == VIEW_MAIN) {
        /* "Talk to someone", at the top right: the help card is one tap
         * from the room's screen too */
        SDL_Rect top = l->prompt;
        top.h = help_h;
        l->help = rect_cut_right(&top, hw);
        l->prompt.w -= l->help.w + gap;
    }
    rect_cut_top(&area, gap / 2);
    /* the line under it: as many lines as its words need */
    StatsShown res;
    bool shown = round_reveal(&r->round, &res) == ROUND_SHOW_OK;
    char said[300];
    const char *line = line_text(r, &res, r->state == ROUND_REVEALED && shown, said, sizeof said);
    TextStyle ns = line_style(app, v, r);
    int lh = fontset_line_height(app->fonts, FONT_BOLD, line_px(app, v));
    int line_need = line[0] ? text_height(v->text, line, &ns, area.w) : 0;
    l->line = rect_cut_top(&area, line_need > lh ? line_need : lh);
    rect_cut_top(&area, gap);
    l->scale = area;
}

/* The revealed round: the scale as a row of slots, numbered under them;
 * the middle half of the answers as a band over its slots and the middle
 * answer as a marker. Never how many chose each answer: with the total on
 * the screen all through the round, a bar of one would single someone out
 * (core/stats.h). */
typedef struct ChartLayout {
    int points;
    SDL_Rect slot[STATS_VALUE_MAX + 1]; /* a column, from the top to the base */
    SDL_Rect bars;                      /* the band the marks are drawn in */
    int label_y, bw, gap, lh;
    SDL_Rect key[2]; /* the key: what the mark and the band mean, in words */
} ChartLayout;

/* The key's words: the middle answer's mark, the middle half's band. */
static const char *key_text(int k) { return k == 0 ? _("middle answer") : _("middle half"); }

static void chart_layout(App *app, const View *v, const Instrument *in, SDL_Rect area,
                         ChartLayout *c)
{
    c->points = in->max - in->min + 1;
    c->gap = ui_gap(v);
    c->lh = type_line_h(app, v, TYPE_LABEL);
    SDL_Rect chart = area;
    /* the key under the numbers: a swatch of each shape and its words, so
     * neither the colour nor the shape alone carries the result */
    int sw = type_line_h(app, v, TYPE_CAPTION);
    int half = (chart.w - c->gap) / 2, kh = 0;
    for (int k = 0; k < 2; k++) {
        int h = type_height(app, (View *)v, TYPE_CAPTION, key_text(k), half - sw * 2);
        kh = h > kh ? h : kh;
    }
    SDL_Rect key = rect_cut_bottom(&chart, kh);
    rect_cut_bottom(&chart, c->gap / 2);
    c->key[0] = rect_cut_left(&key, half);
    rect_cut_left(&key, c->gap);
    c->key[1] = key;
    SDL_Rect labels = rect_cut_bottom(&chart, c->lh);
    c->label_y = labels.y;
    c->bars = chart;
    int bw = (chart.w - c->gap * (c->points - 1)) / c->points;
    if (bw > chart.w / 4)
        bw = chart.w / 4;
    c->bw = bw;
    int x0 = chart.x + (chart.w - (bw * c->points + c->gap * (c->points - 1))) / 2;
    for (int i = 0; i < c->points; i++)
        c->slot[i] = (SDL_Rect){x0 + i * (bw + c->gap), chart.y, bw, chart.h};
}

/* The offer of a staff member on the thank-you, under its words. */
static SDL_Rect offer_rect(App *app, const View *v, SDL_Rect scale)
{
    int gap = ui_gap(v);
    SDL_Rect in = rect_inset(scale, gap * 2);
    int w = in.w * 3 / 5;
    int bh = widget_button_h(app, v, _("I'd like to talk to someone"), true, w);
    SDL_Rect row = rect_cut_bottom(&in, bh);
    return rect_center(row, w, bh);
}

static int rs_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    RoundScreen *r = (RoundScreen *)s;
    RoundLayout l;
    layout(app, v, r, &l);
    int n = 0;
    if (l.help.w)
        out[n++] = (Target){ID_HELP, l.help, false};
    if (r->state == ROUND_ASKING) {
        bool thanks = round_thanks_showing(&r->round, app->now);
        if (!thanks && !needs_pass(r))
            n += rating_targets(app, v, r->in, l.scale, ID_VALUE0, out + n, max - 6);
        if (thanks) {
            /* a tap on the thank-you is refused, and says so (above the
             * offer, which is a button of its own) */
            SDL_Rect busy = l.scale;
            if (r->offer) {
                SDL_Rect o = offer_rect(app, v, l.scale);
                busy.h = o.y - ui_gap(v) - busy.y;
                out[n++] = (Target){ID_BUSY, busy, false};
                out[n++] = (Target){ID_OFFER, o, false};
            } else {
                out[n++] = (Target){ID_BUSY, busy, false};
            }
        }
        if (can_undo(app, r))
            out[n++] = (Target){ID_UNDO, l.left, false};
        else if (r->phase == PHASE_PRE && round_count(&r->round) == 0)
            out[n++] = (Target){ID_SKIP, l.left, false};
        out[n++] = (Target){ID_END, l.end, false};
    } else {
        StatsShown res;
        bool can = round_reveal(&r->round, &res) == ROUND_SHOW_OK;
        if (r->state == ROUND_ENDED && can)
            out[n++] = (Target){ID_REVEAL, l.left, false};
        out[n++] = (Target){ID_DONE, l.end, false};
    }
    return n;
}

static void draw_result(App *app, RoundScreen *r, View *v, TextLog *log, SDL_Rect area)
{
    const Theme *t = &app->theme;
    StatsShown res;
    if (round_reveal(&r->round, &res) != ROUND_SHOW_OK)
        return;
    ChartLayout c;
    chart_layout(app, v, r->in, area, &c);
    TextStyle ls = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_CENTER, TYPE_LABEL};
    float radius = v->unit * 0.8f, line = fmaxf(1, v->unit * 0.25f);
    for (int i = 0; i < c.points; i++) {
        SDL_Rect slot = c.slot[i];
        char num[16];
        snprintf(num, sizeof num, "%d", r->in->min + i);
        text_draw_box(v->text, num, &ls, (SDL_Rect){slot.x, c.label_y, slot.w, c.lh});
        draw_round_frame(v->renderer, slot, radius, line, t->line);
    }
    /* the middle half: one band from its lower answer's slot to its upper */
    int h = c.bars.h / 3;
    if (res.has_quartiles) {
        SDL_Rect a = c.slot[res.q1 - r->in->min], b = c.slot[res.q3 - r->in->min];
        SDL_Rect band = {a.x, c.bars.y + (c.bars.h - h) / 2, b.x + b.w - a.x, h};
        draw_round_rect(v->renderer, band, radius, t->info);
    }
    /* the middle answer: a mark across the band, in the accent */
    SDL_Rect m = c.slot[res.median - r->in->min];
    int mw = m.w * 2 / 5, mh = h * 2;
    SDL_Rect mark = {m.x + (m.w - mw) / 2, c.bars.y + (c.bars.h - mh) / 2, mw, mh};
    draw_round_rect(v->renderer, mark, radius, t->accent);
    /* the key: each shape in small, then its words */
    int sw = type_line_h(app, v, TYPE_CAPTION);
    TextStyle ks = type_style(app, v, TYPE_CAPTION, t->text, ALIGN_LEFT);
    for (int k = 0; k < 2; k++) {
        if (k == 1 && !res.has_quartiles)
            continue;
        SDL_Rect box = c.key[k];
        SDL_Rect sample = rect_cut_left(&box, sw * 2);
        SDL_Rect shape = k == 0 ? rect_center(sample, sw * 2 / 5, sw)
                                : rect_center(sample, sw * 2, sw / 2);
        shape.y = box.y + (sw - shape.h) / 2;
        draw_round_rect(v->renderer, shape, radius / 2, k == 0 ? t->accent : t->info);
        rect_cut_left(&box, c.gap / 2);
        text_draw_top(v->text, key_text(k), &ks, box);
    }
}

/* The line under the question: why a pass is missing, how to answer with
 * the keyboard, or what the revealed result says in words. */
static const char *line_text(const RoundScreen *r, const StatsShown *res, bool revealed,
                             char *buf, size_t n)
{
    if (r->notice[0])
        return r->notice;
    if (revealed) {
        if (res->has_quartiles)
            snprintf(buf, n,
                     _("%d answers. The middle answer is %d; half the group answered from %d "
                       "to %d."),
                     res->n, res->median, res->q1, res->q3);
        else
            snprintf(buf, n,
                     _("%d answers. The middle answer is %d (the middle half shows from 7 "
                       "answers)."),
                     res->n, res->median);
        return buf;
    }
    if (r->state != ROUND_ASKING || needs_pass(r))
        return "";
    /* One sentence a facilitator can repeat. */
    return r->in->max >= 10 ? _("Tap your answer, or type its number and press Enter. "
                                "For 10, type 1 then 0.")
                            : _("Tap your answer, or type its number and press Enter.");
}

static void rs_draw(App *app, Screen *s, View *v)
{
    RoundScreen *r = (RoundScreen *)s;
    const Theme *t = &app->theme;
    TextLog *log = v == app_main_view(app) ? &r->log : NULL;
    if (log)
        textlog_clear(log);
    text_cache_set_screen_log(v->text, log);
    RoundLayout l;
    layout(app, v, r, &l);
    int gap = ui_gap(v);
    size_t count = round_count(&r->round);
    StatsShown res;
    bool can_show = round_reveal(&r->round, &res) == ROUND_SHOW_OK;

    /* the question, large */
    TextStyle ps = type_style(app, v, TYPE_TITLE, t->text, ALIGN_CENTER);
    char head[300];
    text_draw_box(v->text, question_text(r, head, sizeof head), &ps, l.prompt);

    char said[300];
    const char *line = line_text(r, &res, r->state == ROUND_REVEALED, said, sizeof said);
    if (line[0]) {
        TextStyle ns = line_style(app, v, r);
        text_draw_box(v->text, line, &ns, l.line);
    }

    char status[200];
    if (r->state == ROUND_ASKING) {
        if (round_thanks_showing(&r->round, app->now)) {
            /* The thank-you covers the scale, so the next person never sees
             * what the last one chose. */
            draw_round_rect(v->renderer, l.scale, v->unit * 2, t->surface);
            TextStyle ts = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->ok, 0, ALIGN_CENTER, TYPE_DISPLAY};
            SDL_Rect words = rect_inset(l.scale, gap * 2);
            if (r->offer && v->role == VIEW_MAIN) {
                SDL_Rect ob = offer_rect(app, v, l.scale);
                words.h = ob.y - gap - words.y;
                Target o = {ID_OFFER, ob, false};
                widget_button(app, v, &o, _("I'd like to talk to someone"), BUTTON_SECONDARY,
                              draw_icon_wave);
            }
            text_draw_box(v->text, _("Thank you"), &ts, words);
        } else if (needs_pass(r)) {
            draw_round_rect(v->renderer, l.scale, v->unit * 2, t->surface);
            SDL_Rect in = rect_inset(l.scale, gap * 2);
            int icon = (int)fminf((float)in.h * 0.4f, v->unit * 16);
            draw_icon_qr(v->renderer, rect_center(rect_cut_top(&in, icon), icon, icon), t->text);
            TextStyle ss = {type_px(app, v, TYPE_TITLE), FONT_REGULAR, t->text, 0, ALIGN_CENTER, TYPE_TITLE};
            char typed[200];
            int nt = 0;
            for (const char *c = r->typed; *c; c++)
                nt++;
            if (nt)
                snprintf(typed, sizeof typed,
                         P_("%d of 16 symbols typed: press Enter when all are there",
                            "%d of 16 symbols typed: press Enter when all are there", nt),
                         nt);
            text_draw_box(v->text,
                        nt ? typed : _("Scan your pass or type its code, then choose your answer."),
                        &ss, in);
        } else {
            rating_draw(app, v, r->in, l.scale, ID_VALUE0, r->selected, log);
        }
        status_text(r, status, sizeof status);
    } else if (r->state == ROUND_ENDED) {
        TextStyle ms = {type_px(app, v, TYPE_TITLE), FONT_REGULAR, t->text, 0, ALIGN_CENTER, TYPE_TITLE};
        char msg[300];
        if (can_show)
            snprintf(msg, sizeof msg, P_("%zu answer. The result can be shown to the room.",
                                         "%zu answers. The result can be shown to the room.",
                                         count),
                     count);
        else
            snprintf(msg, sizeof msg,
                     _("Too few answers to show: the result appears from %d answers, so that "
                       "no one can be singled out."),
                     round_min_cell(&r->round));
        text_draw_box(v->text, msg, &ms, rect_inset(l.scale, gap * 3));
        status[0] = '\0';
    } else {
        draw_result(app, r, v, log, l.scale);
        status_text(r, status, sizeof status);
    }
    if (status[0]) {
        TextStyle cs = type_style(app, v, TYPE_TITLE, t->accent, ALIGN_CENTER);
        text_draw_box(v->text, status, &cs, l.status);
    }
    if (v->role != VIEW_MAIN)
        return;
    if (l.help.w) {
        Target h = {ID_HELP, l.help, false};
        widget_help_button(app, v, &h);
    }
    if (r->state == ROUND_ASKING) {
        if (can_undo(app, r)) {
            Target u = {ID_UNDO, l.left, false};
            widget_button(app, v, &u, _("Undo my answer"), BUTTON_SECONDARY, draw_icon_back);
        } else if (r->phase == PHASE_PRE && count == 0) {
            Target sk = {ID_SKIP, l.left, false};
            widget_button(app, v, &sk, _("Skip the ratings"), BUTTON_QUIET, NULL);
        }
        Target e = {ID_END, l.end, false};
        widget_button(app, v, &e, _("Hold to end the round"), BUTTON_SECONDARY, NULL);
    } else {
        if (r->state == ROUND_ENDED && can_show) {
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
    sodium_memzero(r, sizeof *r);
    free(r);
}

const TextLog *round_screen_texts(const Screen *s)
{
    hearth_expect(s->cls == &round_screen_class);
    return &((const RoundScreen *)s)->log;
}

int round_screen_selected(const Screen *s)
{
    hearth_expect(s->cls == &round_screen_class);
    return ((const RoundScreen *)s)->selected;
}

bool round_screen_bar(App *app, const Screen *s, int index, SDL_Rect *column, SDL_Rect *bars)
{
    hearth_expect(s->cls == &round_screen_class);
    const RoundScreen *r = (const RoundScreen *)s;
    StatsShown res;
    if (r->state != ROUND_REVEALED || round_reveal(&r->round, &res) != ROUND_SHOW_OK ||
        index < 0 || index > r->in->max - r->in->min)
        return false;
    const View *v = app_main_view(app);
    RoundLayout l;
    layout(app, v, (RoundScreen *)r, &l);
    ChartLayout c;
    chart_layout(app, v, r->in, l.scale, &c);
    *column = c.slot[index];
    *bars = c.bars;
    return true;
}

const ScreenClass round_screen_class = {
    .name = "round",
    .event = rs_event,
    .activate = rs_activate,
    .update = rs_update,
    .targets = rs_targets,
    .draw = rs_draw,
    .destroy = rs_destroy,
    .hold = rs_hold,
    .scan = rs_scan,
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
    r->have_session = session_current(app->store, &r->session) == STORE_OK;
    return &r->base;
}
