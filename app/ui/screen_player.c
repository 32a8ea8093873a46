/* The player: an exercise for the whole room, big and calm, with a countdown
 * ring and, for breathing steps, a pacer that grows on the in-breath and
 * shrinks on the out-breath. Driven by the monotonic clock, so it never
 * drifts; it animates only while the pacer moves. */
#include "core/catalog.h"
#include "core/exercise.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/round.h"
#include "svc/run.h"
#include "svc/session.h"
#include "ui/chime.h"
#include "ui/draw.h"
#include "ui/plan.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_PREV = 1,
    ID_PAUSE = 2,
    ID_NEXT = 3,
    ID_ADD = 4,
    ID_PEEK = 5,
    ID_END = 6,
    ID_DONE = 7,
    ID_AGAIN = 8,
    ID_HELP = 9 /* "Talk to someone": the help card, one tap from the room */
};

#define PI_F 3.14159265f

typedef enum PlayerState {
    PLAYER_PRE,      /* the "before" rating round is on top */
    PLAYER_RUNNING,  /* steps (also while paused) */
    PLAYER_POST,     /* the "after" round is on top */
    PLAYER_FINISHED  /* the closing panel */
} PlayerState;

typedef struct Player {
    Screen base;
    const Exercise *ex;
    const Instrument *instrument; /* the ratings' instrument, or NULL */
    ExercisePlayer p;
    PlayerState state;
    bool with_ratings;
    int first_step;
    char run_id[40];
    bool animating;      /* holds an app animation while the pacer moves */
    bool peek_key;       /* N held down: the notes show */
    bool ended_early;
    bool have_pre, have_post;
    Round pre, post;     /* the rounds' results, for the change */
    SessionInfo session; /* for the session plan's block, on the notes */
    bool have_session;
    char problem[300];
    TextLog log;         /* what the main view shows, for tests */
    /* the dial's side that leaves every prompt its room, for this view */
    int fit_w, fit_h, fit_scale, fit_side, fit_need;
    bool fit_drop_next;
    ViewRole fit_role;
    char fit_lang[8];
    /* what each view's dial shows now, so a frame redraws only what moved */
    struct DialState {
        bool valid;      /* drawn at least once since the last whole frame */
        bool pacer;      /* a breathe step's disc */
        bool paused;
        bool untimed;    /* the clock counts up: the step waits for the facilitator */
        int radius;      /* the disc's radius, whole pixels */
        int mx, my;      /* the box's marker, whole pixels */
        int shape;       /* PacerShape of the step */
        int phase, count;/* the pacer's word and its count of seconds */
        int clock;       /* whole seconds left (so far, untimed): the clock and the ring */
    } shown[2];
} Player;

typedef struct DialState DialState;

/* Steps skipped in this run, including before a restart. */
static int skipped(const Player *pl) { return exercise_steps_skipped(&pl->p); }

static bool stepwise(const App *app) { return app->settings.reduced_motion; }

static void chime(App *app, ChimeKind k)
{
    if (!app->settings.mute)
        chime_play(app->chime, k, app->settings.volume);
}

static void set_animating(App *app, Player *pl, bool on)
{
    if (on && !pl->animating)
        app_animation_begin(app);
    else if (!on && pl->animating)
        app_animation_end(app);
    pl->animating = on;
}

static void save_step(App *app, Player *pl)
{
    if (pl->run_id[0] && run_step(app->store, pl->run_id, exercise_step_index(&pl->p),
                                        skipped(pl)) != STORE_OK)
        snprintf(pl->problem, sizeof pl->problem, "%s", store_error(app->store));
}

static void post_done(App *app, void *ctx, const Round *round);

static void finish(App *app, Player *pl)
{
    set_animating(app, pl, false);
    if (pl->run_id[0] &&
        run_end(app->store, pl->run_id, exercise_is_completed(&pl->p),
                      skipped(pl), app->wall) < 0)
        snprintf(pl->problem, sizeof pl->problem, "%s", store_error(app->store));
    chime(app, CHIME_END);
    pl->state = PLAYER_FINISHED;
    app_targets_changed(app);
    if (pl->with_ratings && pl->ex->rate_after && pl->instrument && !pl->ended_early) {
        pl->state = PLAYER_POST;
        app_push(app, round_screen_new(app, pl->instrument, PHASE_POST, pl->run_id, post_done,
                                       pl));
    }
}

static void react(App *app, Player *pl, int events)
{
    if (events & EXERCISE_STEP_CHANGED) {
        save_step(app, pl);
        app_targets_changed(app);
        if (!(events & EXERCISE_FINISHED))
            chime(app, CHIME_STEP);
    }
    if (events & EXERCISE_FINISHED)
        finish(app, pl);
    app_invalidate(app);
}

static void start_steps(App *app, Player *pl)
{
    /* The run began when its steps did: after the rating before, which
     * needed the run's row to point its answers at. */
    if (pl->state == PLAYER_PRE && pl->run_id[0] &&
        run_begin(app->store, pl->run_id, app->wall) != STORE_OK)
        snprintf(pl->problem, sizeof pl->problem, "%s", store_error(app->store));
    pl->state = PLAYER_RUNNING;
    exercise_start(&pl->p, pl->ex, app->now, pl->first_step);
    save_step(app, pl);
    app_targets_changed(app);
}

static void pre_done(App *app, void *ctx, const Round *round)
{
    Player *pl = ctx;
    if (round) {
        pl->pre = *round;
        pl->have_pre = true;
    }
    start_steps(app, pl);
}

static void post_done(App *app, void *ctx, const Round *round)
{
    Player *pl = ctx;
    if (round) {
        pl->post = *round;
        pl->have_post = true;
    }
    pl->state = PLAYER_FINISHED;
    app_targets_changed(app);
}

static void player_enter(App *app, Screen *s)
{
    Player *pl = (Player *)s;
    /* the session and its plan, read once: the block does not move while
     * an exercise plays */
    pl->have_session = session_current(app->store, &pl->session) == STORE_OK;
    if (pl->run_id[0] == '\0') {
        bool open = pl->have_session;
        if (run_start(app->store, open ? pl->session.id : NULL, pl->ex->id, app->wall,
                            pl->run_id) != STORE_OK) {
            snprintf(pl->problem, sizeof pl->problem, "%s", store_error(app->store));
            pl->run_id[0] = '\0';
        }
        if (pl->with_ratings && pl->ex->rate_before && pl->instrument) {
            pl->state = PLAYER_PRE;
            app_push(app, round_screen_new(app, pl->instrument, PHASE_PRE, pl->run_id,
                                           pre_done, pl));
            return;
        }
        start_steps(app, pl);
    }
}

static void player_leave(App *app, Screen *s)
{
    Player *pl = (Player *)s;
    /* Covered (a round, the end dialog): no animation behind it. */
    set_animating(app, pl, false);
}

static uint64_t dial_update(App *app, Player *pl, View *v, uint64_t now, uint64_t limit);

/* Frame pacing. A frame is drawn when what the dial shows changes, and
 * only where it changed (app_invalidate_rect), never on a fixed beat:
 *  - the time left and the ring's coloured part move once a second, on the
 *    step's whole seconds (the ring is drawn from the whole seconds left,
 *    as the clock is), and so do the pacer's word and its count;
 *  - the pacer's disc is drawn at a radius of whole pixels, and the next
 *    frame comes when that radius next changes: a breath of 4 seconds over
 *    90 pixels (1280x800) needs about 23 frames a second at its middle and
 *    fewer towards its ends, a hold needs one a second. Each frame the disc
 *    moves one pixel at most (a full 60 Hz display allows up to 60 pixels a
 *    second; the fastest pattern at 1920x1080 reaches 49), and frames come
 *    no closer than the display's refresh (app->frame_ms);
 *  - box breathing's marker goes round its square at a steady pace, a
 *    pixel a step (two on a large screen: no more than 40 frames a
 *    second), and a frame redraws the strip between where it was and
 *    where it is;
 *  - everything else on the screen is left as it is.
 * The player thus sleeps until the instant the next pixel changes, and a
 * frame redraws a square around the disc, a strip of the ring and the
 * clock's digits: what a breath costs is proportional to what moves. */
static void player_update(App *app, Screen *s)
{
    Player *pl = (Player *)s;
    if (pl->state != PLAYER_RUNNING)
        return;
    int ev = exercise_update(&pl->p, app->now);
    if (ev)
        react(app, pl, ev);
    if (pl->state != PLAYER_RUNNING || app_top(app) != s)
        return;
    bool breathing = exercise_pacer(&pl->p, app->now, false, &(Pacer){0}) &&
                     !exercise_is_paused(&pl->p);
    set_animating(app, pl, breathing && !stepwise(app));
    uint64_t deadline = exercise_next_deadline(&pl->p);
    if (deadline)
        app_wake_at(app, deadline);
    if (exercise_is_paused(&pl->p))
        return;
    /* The clock's next second (the time left, or on an untimed step the
     * time so far), and the pacer's (phases are whole seconds from the
     * step's start): between them nothing but the disc's size moves, and
     * that only one way. */
    int64_t to_next;
    if (exercise_step_untimed(&pl->p)) {
        int64_t e = exercise_step_elapsed_ms(&pl->p, app->now);
        to_next = (e / 1000 + 1) * 1000 - e;
    } else {
        int64_t left = exercise_step_remaining_ms(&pl->p, app->now);
        int sec = (int)((left + 999) / 1000);
        to_next = left - (int64_t)(sec - 1) * 1000;
    }
    uint64_t next = app->now + (uint64_t)(to_next > 0 ? to_next : 1);
    uint64_t second = exercise_pacer_next_change(&pl->p, app->now);
    if (second > app->now && second < next)
        next = second;
    uint64_t frame = next;
    for (int i = 0; i < app->nviews; i++) {
        uint64_t t = dial_update(app, pl, &app->views[i], app->now, next);
        if (t < frame)
            frame = t;
    }
    app_wake_at(app, frame);
}

static void end_now(App *app, void *ctx)
{
    Player *pl = ctx;
    pl->ended_early = true;
    int ev = exercise_end(&pl->p, app->now);
    react(app, pl, ev | EXERCISE_FINISHED);
}

static void confirm_end(App *app, Player *pl)
{
    if (pl->state != PLAYER_RUNNING)
        return;
    if (!exercise_is_paused(&pl->p))
        exercise_pause(&pl->p, app->now);
    app_push(app, confirm_screen_new(app, _("End this exercise now?"),
                                     _("It is saved as ended early. The room can always come "
                                       "back to it."),
                                     _("End now"), _("Keep going"), end_now, pl));
}

static void player_activate(App *app, Screen *s, int id)
{
    Player *pl = (Player *)s;
    if (id == ID_HELP) {
        app_push(app, help_screen_new(app, false, NULL));
        return;
    }
    if (pl->state == PLAYER_FINISHED) {
        if (id == ID_DONE) {
            app_pop(app);
        } else if (id == ID_AGAIN) {
            /* Run it once more, a new run in the record. */
            const Exercise *ex = pl->ex;
            bool rate = pl->with_ratings;
            app_replace(app, player_screen_new(app, ex, rate, 0, NULL));
        }
        return;
    }
    if (pl->state != PLAYER_RUNNING)
        return;
    int ev = 0;
    switch (id) {
    case ID_PREV:
        ev = exercise_prev(&pl->p, app->now);
        break;
    case ID_NEXT:
        ev = exercise_next(&pl->p, app->now);
        break;
    case ID_PAUSE:
        ev = exercise_is_paused(&pl->p) ? exercise_resume(&pl->p, app->now)
                                        : exercise_pause(&pl->p, app->now);
        app_targets_changed(app);
        break;
    case ID_ADD:
        ev = exercise_add_time(&pl->p, app->now, 30000);
        break;
    case ID_END:
        confirm_end(app, pl);
        return;
    default:
        return;
    }
    react(app, pl, ev);
}

/* End is held, not tapped: a client at the room's screen does not end the
 * room's exercise by accident (and after it the door shows, not the
 * console). */
static bool player_hold(App *app, Screen *s, int id)
{
    (void)app;
    return id == ID_END && ((Player *)s)->state == PLAYER_RUNNING;
}

static bool player_event(App *app, Screen *s, const SDL_Event *ev)
{
    Player *pl = (Player *)s;
    if (ev->type == SDL_KEYUP && ev->key.keysym.sym == SDLK_n) {
        pl->peek_key = false;
        return true;
    }
    if (ev->type != SDL_KEYDOWN)
        return false;
    if (pl->state == PLAYER_FINISHED) {
        if (ev->key.keysym.sym == SDLK_ESCAPE || ((ev->key.keysym.sym == SDLK_RETURN ||
                                                    ev->key.keysym.sym == SDLK_KP_ENTER) &&
                                                   !app_focus_active(app))) {
            app_pop(app);
            return true;
        }
        return false;
    }
    switch (ev->key.keysym.sym) {
    case SDLK_SPACE:
        player_activate(app, s, ID_PAUSE);
        return true;
    case SDLK_LEFT:
        player_activate(app, s, ID_PREV);
        return true;
    case SDLK_RIGHT:
        player_activate(app, s, ID_NEXT);
        return true;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_EQUALS:
        player_activate(app, s, ID_ADD);
        return true;
    case SDLK_ESCAPE:
        /* the keyboard at the door may be a client's: Esc never ends */
        app_toast(app, _("To end the exercise, hold \"Hold to end\" down for two seconds."), false, 3000);
        return true;
    case SDLK_n:
        pl->peek_key = true;
        return true;
    default:
        return false;
    }
}

/* --- layout ---------------------------------------------------------------- */

typedef struct PlayerLayout {
    SDL_Rect head, help, prompt, dial, next, notes, controls;
    SDL_Rect b[6]; /* prev, pause, next, add, peek, end */
    SDL_Rect done, again;
} PlayerLayout;

static bool has_room_display(const App *app) { return app->nviews > 1; }

/* Whether every step's prompt fits box in role (the title role: 1/20 of
 * the shorter side, read from the back of a room on a TV): the
 * dial gives way to the prompt, and for the whole exercise at once so that
 * it never changes size between steps: every prompt's lines fit the box's
 * height and none of its words is wider than the box. */
static bool prompts_fit_as(const App *app, const View *v, const Exercise *ex, SDL_Rect box,
                           TypeRole role)
{
    TextStyle ps = type_style(app, v, role, app->theme.text, ALIGN_LEFT);
    ps.wrap = box.w;
    const char *lang = i18n_lang();
    for (int i = 0; i < ex->nsteps; i++) {
        const char *p = text_in(&ex->steps[i].prompt, lang);
        if (text_height(v->text, p, &ps, box.w) > box.h || text_widest_word(v->text, p, &ps) > box.w)
            return false;
    }
    return true;
}

static bool prompts_fit(const App *app, const View *v, const Exercise *ex, SDL_Rect box)
{
    return prompts_fit_as(app, v, ex, box, TYPE_TITLE);
}

static int dial_need_side(App *app, const View *v, const Exercise *ex);
static void measure_bold(View *v, const char *s, int px, TypeRole role, int *w, int *h);

/* Whether every prompt fits beside (or, portrait, under) a dial of side d. */
static bool fits_beside(App *app, Player *pl, const View *v, SDL_Rect area, bool portrait,
                        int gap, int d)
{
    SDL_Rect prompt = area;
    if (portrait)
        prompt.h -= d + gap * 2;
    else
        prompt.w -= d + gap * 3;
    return prompts_fit(app, v, pl->ex, prompt);
}

/* The dial's side in area, as large as leaves the prompts their room (down
 * to 3/5 of its preferred size), and grown to need where they still fit. */
static int dial_fit(App *app, Player *pl, const View *v, SDL_Rect area, bool portrait, int gap,
                    int need)
{
    int d0 = portrait ? (area.w * 3 / 4 < area.h / 2 ? area.w * 3 / 4 : area.h / 2)
                      : (area.h < area.w * 2 / 5 ? area.h : area.w * 2 / 5);
    int d = d0;
    for (; d > d0 * 3 / 5; d -= d0 / 20 > 1 ? d0 / 20 : 1)
        if (fits_beside(app, pl, v, area, portrait, gap, d))
            break;
    int most = portrait ? (area.w < area.h * 3 / 5 ? area.w : area.h * 3 / 5)
                        : (area.h < area.w / 2 ? area.h : area.w / 2);
    int grown = need < most ? need : most;
    if (d < grown && fits_beside(app, pl, v, area, portrait, gap, grown))
        d = grown;
    return d;
}

/* The dial's side (dial_fit) in area less the next line's band (next_h,
 * 0 for none), or in the whole area (*drop_next) when only that keeps the
 * clock off the ring (*need, dial_need_side). Kept until the view, the
 * text size or the language change, so the dial keeps its size from step
 * to step. */
static int dial_side(App *app, Player *pl, const View *v, SDL_Rect area, int next_h,
                     bool portrait, int gap, int *need, bool *drop_next)
{
    const char *lang = i18n_lang();
    if (pl->fit_w == v->w && pl->fit_h == v->h && pl->fit_scale == app->settings.text_scale &&
        strcmp(pl->fit_lang, lang) == 0 && pl->fit_role == v->role) {
        *need = pl->fit_need;
        *drop_next = pl->fit_drop_next;
        return pl->fit_side;
    }
    *need = dial_need_side(app, v, pl->ex);
    *drop_next = false;
    SDL_Rect less = area;
    if (next_h > 0)
        less.h -= next_h + gap;
    int d = dial_fit(app, pl, v, less, portrait, gap, *need);
    if (next_h > 0 && d < *need) {
        int whole = dial_fit(app, pl, v, area, portrait, gap, *need);
        if (whole >= *need) {
            d = *need; /* the next line's room for the clock, no more */
            *drop_next = true;
        }
    }
    pl->fit_need = *need;
    pl->fit_drop_next = *drop_next;
    pl->fit_w = v->w;
    pl->fit_h = v->h;
    pl->fit_scale = app->settings.text_scale;
    snprintf(pl->fit_lang, sizeof pl->fit_lang, "%s", lang);
    pl->fit_role = v->role;
    pl->fit_side = d;
    return d;
}

/* "Next: ..." with the coming step's prompt, or that this is the last. */
static void next_line(Player *pl, char *out, size_t n)
{
    int idx = exercise_step_index(&pl->p);
    if (idx + 1 < pl->ex->nsteps)
        snprintf(out, n, _("Next: %s"), text_in(&pl->ex->steps[idx + 1].prompt, i18n_lang()));
    else
        snprintf(out, n, "%s", _("This is the last step."));
}

/* The label of control i (0 Back ... 5 Hold to end), the longer of its
 * two states for Pause, so the layout does not jump when it turns. */
static const char *control_label(const Player *pl, int i)
{
    (void)pl;
    switch (i) {
    case 0:
        return _("Back");
    case 1:
        return strlen(_("Resume")) > strlen(_("Pause")) ? _("Resume") : _("Pause");
    case 2:
        return _("Next");
    case 3:
        return _("+30 s");
    case 4:
        return _("Hold for notes");
    default:
        return _("Hold to end");
    }
}

/* "Step 2 of 5" into out, its style. */
static TextStyle step_count(const App *app, const Player *pl, const View *v, char *out, size_t n)
{
    snprintf(out, n, _("Step %d of %d"), exercise_step_index(&pl->p) + 1, pl->ex->nsteps);
    return type_style(app, v, TYPE_LABEL, app->theme.text_muted, ALIGN_RIGHT);
}

/* The header's title and step count in head: side by side when the
 * title's longest word fits beside the count, else the count under the
 * title, which wraps at the full width. Returns the height they need
 * (title and step may be NULL: the height alone). */
static int head_boxes(const App *app, const Player *pl, const View *v, SDL_Rect head,
                      SDL_Rect *title, SDL_Rect *step)
{
    char count[64];
    TextStyle ss = step_count(app, pl, v, count, sizeof count);
    TextStyle ts = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    const char *name = text_in(&pl->ex->title, i18n_lang());
    int sw = 0, sh = 0, gap = ui_gap(v);
    text_size(v->text, count, &ss, &sw, &sh);
    int beside = head.w - sw - gap * 2;
    if (text_widest_word(v->text, name, &ts) <= beside) {
        int th = text_height(v->text, name, &ts, beside > 1 ? beside : 1);
        if (title)
            *title = (SDL_Rect){head.x, head.y, beside, head.h};
        if (step)
            *step = (SDL_Rect){head.x + head.w - sw, head.y, sw, head.h};
        return th > sh ? th : sh;
    }
    int th = text_height(v->text, name, &ts, head.w > 1 ? head.w : 1);
    if (title)
        *title = (SDL_Rect){head.x, head.y + (head.h - th - sh) / 2, head.w, th};
    if (step)
        *step = (SDL_Rect){head.x, head.y + (head.h - th - sh) / 2 + th, head.w, sh};
    return th + sh;
}

static void layout(App *app, Player *pl, const View *v, PlayerLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    bool controls = v->role == VIEW_MAIN;
    int head_h = app_text_px(app, v, 6.0f);
    if (controls && head_h < widget_min_touch(v))
        head_h = widget_min_touch(v);
    int help_w = controls ? widget_help_width(app, v, area) : 0;
    if (controls) {
        /* "Talk to someone" may wrap in its third of the bar: the bar
         * takes its lines */
        int hh = widget_button_h(app, v, _("Talk to someone"), true, help_w);
        if (head_h < hh)
            head_h = hh;
    }
    int title_h = head_boxes(app, pl, v, (SDL_Rect){0, 0, area.w - help_w - (controls ? gap : 0), 0},
                             NULL, NULL);
    if (head_h < title_h)
        head_h = title_h;
    l->head = rect_cut_top(&area, head_h);
    if (controls) {
        l->help = rect_cut_right(&l->head, help_w);
        rect_cut_right(&l->head, gap);
    }
    rect_cut_top(&area, gap);
    if (controls) {
        /* one row of controls, or two on a narrow screen; more rows when
         * a label's longest word would not fit its share or it would need
         * more than two lines, each row as tall as its labels need */
        int n = has_room_display(app) ? 5 : 6; /* no peek: the notes are always shown */
        const char *labels[6];
        bool icons[6] = {true, false, false, false, false, false};
        int k0 = 0;
        for (int i = 0; i < 6; i++)
            if (!(i == 4 && has_room_display(app)))
                labels[k0++] = control_label(pl, i);
        int rows = portrait ? 2 : 1, per_row = n;
        for (; rows <= 3; rows++) {
            per_row = (n + rows - 1) / rows;
            int cw = (area.w - gap * (per_row - 1)) / per_row;
            bool fits = true;
            for (int i = 0; i < n && fits; i++)
                fits = widget_button_w(app, v, labels[i], icons[i], cw) <= cw &&
                       widget_button_h(app, v, labels[i], icons[i], cw) <=
                           ui_button_h(app, v) + type_line_h(app, v, TYPE_LABEL);
            if (fits)
                break;
        }
        if (rows > 3)
            rows = 3;
        int cw = (area.w - gap * (per_row - 1)) / per_row;
        int row_h[3] = {0, 0, 0}, total = gap * (rows - 1);
        for (int i = 0; i < n; i++) {
            int h = widget_button_h(app, v, labels[i], icons[i], cw);
            if (h < bh)
                h = bh;
            if (h > row_h[i / per_row])
                row_h[i / per_row] = h;
        }
        for (int r = 0; r < rows; r++)
            total += row_h[r];
        l->controls = rect_cut_bottom(&area, total);
        rect_cut_bottom(&area, gap * 2);
        SDL_Rect rest = l->controls, row = rest;
        int k = 0;
        for (int i = 0; i < 6; i++) {
            if (i == 4 && has_room_display(app))
                continue;
            if (k % per_row == 0) {
                row = rect_cut_top(&rest, row_h[k / per_row]);
                rect_cut_top(&rest, gap);
            }
            l->b[i] = rect_col(row, per_row, k % per_row, gap);
            k++;
        }
        SDL_Rect c = row;
        l->done = rect_cut_right(&c, c.w / 3);
        rect_cut_right(&c, gap);
        l->again = rect_cut_right(&c, c.w / 2);
        if (has_room_display(app) && v->role == VIEW_MAIN) {
            /* the facilitator's own screen: notes beside the exercise */
            l->notes = portrait ? rect_cut_bottom(&area, area.h / 3)
                                : rect_cut_right(&area, area.w / 3);
            if (portrait)
                rect_cut_bottom(&area, gap);
            else
                rect_cut_right(&area, gap * 2);
        }
    }
    /* "Next: ..." only where the dial keeps room for its count: a short
     * screen at a large text size gives its lines to the dial */
    char next[512];
    next_line(pl, next, sizeof next);
    TextStyle ns = type_style(app, v, TYPE_BODY, app->theme.text, ALIGN_LEFT);
    ns.weight = FONT_REGULAR;
    int next_h = text_height(v->text, next, &ns, area.w);
    if (next_h < app_text_px(app, v, 9.0f))
        next_h = app_text_px(app, v, 9.0f); /* the dial keeps its place from step to step */
    bool with_next = area.h - next_h - gap >= type_px(app, v, TYPE_NUMERAL) * 4;
    int need;
    bool drop_next;
    int d = dial_side(app, pl, v, area, with_next ? next_h : 0, portrait, gap, &need, &drop_next);
    /* the clock off the ring matters more than "Next: ..." */
    if (with_next && !drop_next) {
        l->next = rect_cut_bottom(&area, next_h);
        rect_cut_bottom(&area, gap);
    } else {
        l->next = (SDL_Rect){area.x, area.y + area.h, area.w, 0};
    }
    /* still too small for its clock: the whole strip, for the clock to
     * sit outside the ring (dial_geometry) */
    bool compact = d < need;
    int beside_w = 0; /* compact: the clock's (or "Paused"'s) width beside the ring */
    if (compact) {
        int cw, ch, pw, ph;
        measure_bold((View *)v, "8:88", type_px(app, v, TYPE_DISPLAY), TYPE_DISPLAY, &cw, &ch);
        measure_bold((View *)v, _("Paused"), type_px(app, v, TYPE_LABEL), TYPE_LABEL, &pw, &ph);
        beside_w = cw > pw ? cw : pw;
    }
    if (portrait && compact) {
        /* the ring as tall as its pacer needs, up to 3/5 of the height,
         * the clock beside it: "Next: ..." gives its lines first, then
         * the prompt steps down to body */
        if (l->next.h > 0) {
            area.h += l->next.h + gap;
            l->next = (SDL_Rect){area.x, area.y + area.h, area.w, 0};
        }
        int side = need, most = area.w - gap - beside_w;
        if (side > most)
            side = most;
        if (side > area.h * 3 / 5)
            side = area.h * 3 / 5;
        /* never so tall that a prompt is cut even at the body role */
        for (; side > d; side -= 2) {
            SDL_Rect rest = area;
            rest.h -= side + gap * 2;
            if (prompts_fit_as(app, v, pl->ex, rest, TYPE_BODY))
                break;
        }
        if (side > d)
            d = side;
    }
    if (portrait) {
        SDL_Rect top = rect_cut_top(&area, d);
        l->dial = compact ? top : rect_center(top, d, d);
        rect_cut_top(&area, gap * 2);
        l->prompt = area;
    } else {
        if (compact) {
            /* the clock (and "Paused") beside the ring, the ring as tall
             * as the strip: the pacer's words need its height more than
             * the prompt needs its title role (it steps down to body,
             * draw_running), and the prompt keeps at least 2/5 */
            int side = area.h, most = area.w * 3 / 5 - gap * 4 - beside_w;
            if (side > most)
                side = most;
            for (; side > d; side -= 2) {
                SDL_Rect rest = area;
                rest.w -= side + gap * 4 + beside_w;
                if (prompts_fit_as(app, v, pl->ex, rest, TYPE_BODY))
                    break;
            }
            if (side < d)
                side = d;
            d = side + gap + beside_w;
            if (d > area.w * 3 / 5)
                d = area.w * 3 / 5;
        }
        SDL_Rect right = rect_cut_right(&area, d);
        rect_cut_right(&area, gap * 3);
        l->dial = compact ? right : rect_center(right, d, d);
        l->prompt = area;
    }
    if (!l->notes.w && controls) {
        /* one display: notes, when peeked, cover the prompt */
        l->notes = l->prompt;
    }
}

static int player_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Player *pl = (Player *)s;
    (void)max;
    PlayerLayout l;
    layout(app, pl, v, &l);
    int n = 0;
    if (l.help.w && (pl->state == PLAYER_FINISHED || pl->state == PLAYER_RUNNING))
        out[n++] = (Target){ID_HELP, l.help, false};
    if (pl->state == PLAYER_FINISHED) {
        out[n++] = (Target){ID_AGAIN, l.again, false};
        out[n++] = (Target){ID_DONE, l.done, false};
        return n;
    }
    if (pl->state != PLAYER_RUNNING)
        return 0;
    static const int ids[6] = {ID_PREV, ID_PAUSE, ID_NEXT, ID_ADD, ID_PEEK, ID_END};
    for (int i = 0; i < 6; i++)
        if (l.b[i].w) /* +30 s has no timer to lengthen on an untimed step */
            out[n++] = (Target){ids[i], l.b[i],
                                ids[i] == ID_ADD && exercise_step_untimed(&pl->p)};
    return n;
}

/* --- drawing ----------------------------------------------------------------- */

static void fmt_clock(char *out, size_t n, int64_t ms)
{
    int s = (int)((ms + 999) / 1000);
    snprintf(out, n, "%d:%02d", s / 60, s % 60);
}

/* The dial of a breathe step, sized for the back of the room: the pacer's
 * word at least 1/20 of the screen's shorter side (the height of a TV),
 * its count and the step's time left at least 1/25, and everything in its place:
 * the word and the count of seconds inside the smallest disc, the time
 * left and "Paused" in the band between the largest disc and the ring. The
 * disc's smallest and largest radius follow from the text, not the other
 * way round; on a dial too small for that, all text shrinks together. */
typedef struct DialGeom {
    float cx, cy, radius, ring;
    float rmin, rmax;            /* the pacer disc's radius at size 0 and 1 */
    int word_px, count_px, clock_px;
    float clock_bottom;          /* the time left's bottom, below the centre */
    float paused_top;            /* "Paused"'s top, above the centre */
    /* a dial too small for its clock (dial_need_side): the ring at one
     * end of the rect, the clock outside it, centred at kx, ky */
    bool compact;
    float kx, ky;
    /* the step's pattern's shape (exercise_pacer_shape): a box's half
     * side and its marker's radius; the hold ring's gap from the disc and
     * its width */
    PacerShape shape;
    float box_half, marker_r;
    float hold_gap, hold_w;
    /* the pacer's word and count do not fit inside its shape with the
     * time left under it: the sizes below were stretched to hold them,
     * and would overlap (dial_pacer_need finds the side where they fit) */
    bool crowded;
} DialGeom;

/* The widest of the pacer's words (they share one disc size). */
static void pacer_block(View *v, int word_px, int count_px, int *w, int *h)
{
    const char *words[3] = {_("In"), _("Hold"), _("Out")};
    int ww = 0, wh = 0;
    for (int i = 0; i < 3; i++) {
        int a, b;
        text_size(v->text, words[i], &(TextStyle){word_px, FONT_BOLD, {0, 0, 0, 255}, 0,
                                                  ALIGN_CENTER, TYPE_TITLE},
                  &a, &b);
        ww = a > ww ? a : ww;
        wh = b > wh ? b : wh;
    }
    int cw, ch;
    text_size(v->text, "88", &(TextStyle){count_px, FONT_BOLD, {0, 0, 0, 255}, 0, ALIGN_CENTER,
                                          TYPE_NUMERAL},
              &cw, &ch);
    *w = ww > cw ? ww : cw;
    *h = wh + ch;
}

/* Where a centred label of w x h sits as far out as fits inside a circle of
 * radius edge: the distance from the centre to its near side. */
static float band_inner(float edge, int w, int h)
{
    float half = (float)w / 2;
    float outer = half < edge ? sqrtf(edge * edge - half * half) : 0;
    return outer - (float)h;
}

/* The widest time the dial may show for ex: "8:88", or "88:88" when a
 * step (with a few +30 s) reaches ten minutes. */
static const char *widest_clock(const Exercise *ex)
{
    for (int i = 0; i < ex->nsteps; i++)
        if (ex->steps[i].seconds + 120 >= 600)
            return "88:88";
    return "8:88";
}

/* How far from the centre a centred line of w x h reaches, and one of
 * h2 under it (the label under the clock alone). */
static float clock_reach(int w, int h, int w2, int h2)
{
    return fmaxf(hypotf((float)w / 2, (float)h / 2), hypotf((float)w2 / 2, (float)h / 2 + (float)h2));
}

/* The room a text has inside a dial of radius r: inside the ring, a ring
 * and a half away from it (dial_geometry's edge), less a little padding. */
static float dial_room(float r) { return r - fmaxf(4, r * 0.06f) * 1.5f - fmaxf(3, r * 0.03f); }

static void measure_bold(View *v, const char *s, int px, TypeRole role, int *w, int *h)
{
    text_size(v->text, s, &(TextStyle){px, FONT_BOLD, {0, 0, 0, 255}, 0, ALIGN_CENTER, role}, w,
              h);
}

/* The clock alone in the dial (a step without a pacer): the display role,
 * grown towards 12 % of the screen's shorter side where the dial of
 * radius r holds it with "Paused" under it. The display role at 150 % is
 * always larger than that, so larger text never makes the clock smaller. */
static int clock_alone_px(const App *app, View *v, const Exercise *ex, float r)
{
    int px = type_px(app, v, TYPE_DISPLAY), most = (int)(v->unit * 12.0f);
    if (px >= most)
        return px;
    int pw, ph, cw, ch;
    measure_bold(v, _("Paused"), type_px(app, v, TYPE_LABEL), TYPE_LABEL, &pw, &ph);
    measure_bold(v, widest_clock(ex), px, TYPE_DISPLAY, &cw, &ch);
    /* the reach grows no faster than the clock's size */
    float k = dial_room(r) / clock_reach(cw, ch, pw, ph);
    int grown = (int)floorf((float)px * k);
    return grown > most ? most : grown > px ? grown : px;
}

static int dial_pacer_need(const App *app, View *v, PacerShape shape);

/* The side a dial needs so that the clock alone, at the display role, with
 * "Paused" under it, stays off the ring, and each breathing step's pacer
 * holds its word and count (dial_pacer_need). */
static int dial_need_side(App *app, const View *v, const Exercise *ex)
{
    View *mv = (View *)v; /* measuring only */
    int cw, ch, pw, ph;
    measure_bold(mv, widest_clock(ex), type_px(app, v, TYPE_DISPLAY), TYPE_DISPLAY, &cw, &ch);
    measure_bold(mv, _("Paused"), type_px(app, v, TYPE_LABEL), TYPE_LABEL, &pw, &ph);
    float reach = clock_reach(cw, ch, pw, ph);
    float r = reach;
    while (dial_room(r) < reach)
        r += 1;
    int need = (int)ceilf(r * 2) + 2;
    /* and each breathing step's pacer, in its own shape */
    bool done[3] = {false, false, false};
    for (int i = 0; i < ex->nsteps; i++) {
        if (ex->steps[i].kind != STEP_BREATHE)
            continue;
        PacerShape sh = exercise_pacer_shape(ex->steps[i].pattern);
        if ((int)sh < 0 || (int)sh >= 3 || done[sh])
            continue;
        done[sh] = true;
        int p = dial_pacer_need(app, mv, sh);
        if (p > need)
            need = p;
    }
    return need;
}

/* The shape the current step's pattern is drawn with. */
static PacerShape step_shape(const Player *pl)
{
    const Step *s = exercise_current_step(&pl->p);
    return s && s->kind == STEP_BREATHE ? exercise_pacer_shape(s->pattern) : PACER_SHAPE_DISC;
}

static void dial_geometry(const App *app, View *v, SDL_Rect d, PacerShape shape, DialGeom *g)
{
    memset(g, 0, sizeof *g);
    g->shape = shape;
    g->cx = (float)d.x + (float)d.w / 2;
    g->cy = (float)d.y + (float)d.h / 2;
    g->radius = (float)d.w / 2;
    g->compact = d.w != d.h;
    if (g->compact) {
        /* the clock beside the ring (a wide rect) or under it (a tall
         * one), at the display role, a gap away */
        int cw, ch, gap = ui_gap(v), pw, ph;
        measure_bold(v, "8:88", type_px(app, v, TYPE_DISPLAY), TYPE_DISPLAY, &cw, &ch);
        /* "Paused" goes under the clock, beside the ring */
        measure_bold(v, _("Paused"), type_px(app, v, TYPE_LABEL), TYPE_LABEL, &pw, &ph);
        if (d.w > d.h) {
            if (cw < pw)
                cw = pw;
            float side = fmaxf(8, fminf((float)d.h, (float)(d.w - cw - gap)));
            float x0 = (float)d.x + ((float)d.w - side - (float)(gap + cw)) / 2;
            g->radius = side / 2;
            g->cx = x0 + side / 2;
            g->kx = x0 + side + (float)gap + (float)cw / 2;
            g->ky = g->cy;
        } else {
            float side = fmaxf(8, fminf((float)d.w, (float)(d.h - ch - ph - gap)));
            float y0 = (float)d.y + ((float)d.h - side - (float)(gap + ch + ph)) / 2;
            g->radius = side / 2;
            g->cy = y0 + side / 2;
            g->kx = g->cx;
            g->ky = y0 + side + (float)gap + (float)ch / 2;
        }
    }
    g->ring = fmaxf(4, g->radius * 0.06f);
    float edge = g->radius - g->ring * 1.5f;  /* text stays this far inside the ring */
    float pad = fmaxf(3, g->radius * 0.03f);
    /* the type scale's sizes, whatever the dial's: a small dial breathes
     * less rather than showing smaller words */
    {
        g->word_px = type_px(app, v, TYPE_TITLE);
        g->count_px = type_px(app, v, TYPE_NUMERAL);
        g->clock_px = type_px(app, v, TYPE_NUMERAL);
        int bw, bh;
        pacer_block(v, g->word_px, g->count_px, &bw, &bh);
        g->rmin = sqrtf((float)(bw * bw + bh * bh)) / 2 + pad;
        int cw, ch, pw, ph;
        text_size(v->text, "88:88", &(TextStyle){g->clock_px, FONT_BOLD, {0, 0, 0, 255}, 0,
                                                 ALIGN_CENTER, TYPE_NUMERAL},
                  &cw, &ch);
        text_size(v->text, _("Paused"), &(TextStyle){type_px(app, v, TYPE_LABEL), FONT_BOLD,
                                                     {0, 0, 0, 255}, 0, ALIGN_CENTER, TYPE_LABEL},
                  &pw, &ph);
        float below = band_inner(edge, cw, ch), above = band_inner(edge, pw, ph);
        if (g->compact) /* the clock and "Paused" are outside: the disc may fill the ring */
            below = above = edge - pad;
        g->clock_bottom = below + (float)ch;
        g->paused_top = above + (float)ph;
        g->rmax = fminf(below, above) - pad;
    }
    if (shape == PACER_SHAPE_BOX) {
        /* the square and its marker inside the same bands as the disc,
         * its corners inside the ring */
        g->marker_r = fmaxf(5, g->radius * 0.065f);
        g->box_half = fminf(g->rmax, (edge - pad) / sqrtf(2)) - g->marker_r;
        float least = g->rmin * 0.72f; /* the words' half block, near enough */
        int bw, bh;
        pacer_block(v, g->word_px, g->count_px, &bw, &bh);
        /* the marker going round passes clear of the words */
        g->crowded = g->box_half - g->marker_r < (float)(bw > bh ? bw : bh) / 2;
        if (g->box_half < least)
            g->box_half = least;
    } else if (shape == PACER_SHAPE_HOLD) {
        /* the ring round the held disc takes from the disc's growth */
        g->hold_gap = fmaxf(3, g->radius * 0.025f);
        g->hold_w = fmaxf(4, g->radius * 0.04f);
        g->rmax -= g->hold_gap + g->hold_w;
    }
    if (shape != PACER_SHAPE_BOX && g->rmax < g->rmin)
        g->crowded = true;
    if (g->rmax < g->rmin)
        g->rmax = g->rmin;
}

/* The side a dial needs so that a pacer of shape holds its word and count
 * inside, with the time left under it and "Paused" over it, all off the
 * ring: the sizes are the type scale's, so only the side can give. */
static int dial_pacer_need(const App *app, View *v, PacerShape shape)
{
    DialGeom g;
    int side = 16;
    for (; side < 4 * (v->w > v->h ? v->w : v->h); side += side / 32 > 1 ? side / 32 : 1) {
        dial_geometry(app, v, (SDL_Rect){0, 0, side, side}, shape, &g);
        if (!g.crowded)
            break;
    }
    return side;
}

/* The box's corners in whole pixels: its lines are axis-aligned rects, so
 * a part redrawn is the same pixels as the whole. */
static void box_corners(const DialGeom *g, int *x0, int *y0, int *x1, int *y1)
{
    *x0 = (int)lroundf(g->cx - g->box_half);
    *x1 = (int)lroundf(g->cx + g->box_half);
    *y0 = (int)lroundf(g->cy - g->box_half);
    *y1 = (int)lroundf(g->cy + g->box_half);
}

/* The box's marker: up the left side breathing in, along the top holding,
 * down the right side breathing out, along the bottom holding, at a
 * steady pace (or a second at a time), in whole pixels. */
static void box_marker(const DialGeom *g, const Pacer *pc, int *x, int *y)
{
    int x0, y0, x1, y1;
    box_corners(g, &x0, &y0, &x1, &y1);
    /* steps of q pixels, so that a large square still asks for no more
     * than 40 frames a second (78 px/s at 1920x1080 moves 2 px a step) */
    int len = x1 - x0;
    int64_t ms = pc->phase_ms > 0 ? pc->phase_ms : 1000;
    int q = (int)((int64_t)len * 1000 / (ms * 40)) + 1;
    int n = (len + q - 1) / q, k = pc->travel >= 1 ? n : (int)floor(pc->travel * n);
    int along = n > 0 ? (int)lround((double)len * k / n) : 0;
    int along_x = along, along_y = along;
    switch (pc->phase) {
    case PACER_IN:
        *x = x0, *y = y1 - along_y;
        break;
    case PACER_HOLD_IN:
        *x = x0 + along_x, *y = y0;
        break;
    case PACER_OUT:
        *x = x1, *y = y0 + along_y;
        break;
    default:
        *x = x1 - along_x, *y = y1;
        break;
    }
}

/* The disc's radius at a pacer size: whole pixels, so that it moves a
 * pixel at a time and a frame is needed only when it does. */
static int disc_radius(const DialGeom *g, double size)
{
    int lo = (int)ceilf(g->rmin), hi = (int)floorf(g->rmax);
    if (hi < lo)
        hi = lo;
    int r = (int)lroundf(g->rmin + (g->rmax - g->rmin) * (float)size);
    return r < lo ? lo : r > hi ? hi : r;
}

/* What the dial shows at an instant (the one source for drawing it and for
 * knowing what a frame must redraw). */
static void dial_state(App *app, Player *pl, const DialGeom *g, uint64_t at, DialState *out,
                       Pacer *pc)
{
    memset(out, 0, sizeof *out);
    out->pacer = exercise_pacer(&pl->p, at, stepwise(app), pc);
    out->paused = exercise_is_paused(&pl->p);
    /* An untimed step waits for the facilitator: the clock counts up and
     * the ring fills towards the planned time, never a countdown. */
    out->untimed = exercise_step_untimed(&pl->p);
    if (out->untimed)
        out->clock = (int)(exercise_step_elapsed_ms(&pl->p, at) / 1000); /* 0:00, 0:01... */
    else
        out->clock = (int)((exercise_step_remaining_ms(&pl->p, at) + 999) / 1000);
    if (out->pacer) {
        out->shape = (int)g->shape;
        if (g->shape == PACER_SHAPE_BOX)
            box_marker(g, pc, &out->mx, &out->my);
        else
            out->radius = disc_radius(g, pc->size);
        out->phase = (int)pc->phase;
        out->count = pc->second;
    }
}

/* The coloured part of the ring starts at this angle and runs to twelve
 * o'clock: what is left of the step (or, untimed, how much of its planned
 * time has passed), in the whole seconds the clock shows. */
static float ring_start(Player *pl, const DialState *st)
{
    int64_t len = exercise_step_length_ms(&pl->p);
    float frac = len > 0 ? fminf(1.0f, (float)st->clock * 1000.0f / (float)len)
                         : st->untimed ? 1.0f : 0;
    return 2 * PI_F * (1 - frac);
}

/* The time left's style and where it goes (a centred line at x, y). */
static void clock_place(App *app, const View *v, const Exercise *ex, const DialGeom *g,
                        const DialState *st,
                        const char *clock, TextStyle *cs, int *x, int *y, int *w, int *h)
{
    const Theme *t = &app->theme;
    if (st->pacer)
        /* in the band under the fullest disc */
        *cs = (TextStyle){g->clock_px, FONT_BOLD, t->text, 0, ALIGN_CENTER, TYPE_NUMERAL};
    else
    {
        /* alone in the dial: large, and sized by the screen and the text
         * size only (the dial is made to hold it) */
        *cs = type_style(app, v, TYPE_DISPLAY, st->paused ? t->text_muted : t->text, ALIGN_CENTER);
        cs->px = clock_alone_px(app, (View *)v, ex, g->radius);
    }
    if (g->compact)
        *cs = type_style(app, v, TYPE_DISPLAY, st->paused ? t->text_muted : t->text, ALIGN_CENTER);
    text_size(v->text, clock, cs, w, h);
    *x = (int)g->cx;
    *y = st->pacer ? (int)(g->cy + g->clock_bottom) - *h : (int)g->cy - *h / 2;
    if (g->compact) {
        *x = (int)g->kx;
        *y = (int)g->ky - *h / 2;
    }
}

static SDL_Rect clock_rect(App *app, const View *v, const Exercise *ex, const DialGeom *g,
                           const DialState *st)
{
    char clock[16];
    fmt_clock(clock, sizeof clock, (int64_t)st->clock * 1000);
    TextStyle cs;
    int x, y, w, h;
    clock_place(app, v, ex, g, st, clock, &cs, &x, &y, &w, &h);
    return (SDL_Rect){x - w / 2 - 2, y - 2, w + 4, h + 4};
}

static int view_index(App *app, const View *v) { return v == &app->views[1] ? 1 : 0; }

/* Whether what moves (the disc's radius, the box's marker) is where it
 * was: between whole seconds it moves one way only, so the first instant
 * it is not is found by bisection. */
static bool same_place(const DialState *a, const DialState *b)
{
    return a->radius == b->radius && a->mx == b->mx && a->my == b->my;
}

/* The dial on v at now, against what v shows: redraws what changed, and
 * says when the disc's radius next changes (limit when not before). */
static uint64_t dial_update(App *app, Player *pl, View *v, uint64_t now, uint64_t limit)
{
    DialState *was = &pl->shown[view_index(app, v)];
    PlayerLayout l;
    layout(app, pl, v, &l);
    DialGeom g;
    dial_geometry(app, v, l.dial, step_shape(pl), &g);
    DialState st;
    Pacer pc;
    dial_state(app, pl, &g, now, &st, &pc);
    if (!was->valid) {
        app_invalidate(app); /* never drawn here: the whole, once */
    } else if (st.pacer != was->pacer || st.paused != was->paused ||
               st.untimed != was->untimed || st.shape != was->shape) {
        app_invalidate_rect(app, v, rect_inset(l.dial, -2));
    } else {
        if (st.pacer && g.shape == PACER_SHAPE_BOX) {
            float m = g.marker_r + 1;
            if (st.phase != was->phase) /* the lit side moves on */
                app_invalidate_rect(app, v, draw_circle_bounds(g.cx, g.cy,
                                                               (g.box_half + m) * 1.42f));
            else if (st.mx != was->mx || st.my != was->my) {
                /* the marker, and the trail behind it up to where it was */
                SDL_Rect a = draw_circle_bounds((float)was->mx, (float)was->my, m), b,
                         c = draw_circle_bounds((float)st.mx, (float)st.my, m);
                SDL_UnionRect(&a, &c, &b);
                app_invalidate_rect(app, v, b);
            }
            if (st.count != was->count) /* the words in the middle */
                app_invalidate_rect(app, v, draw_circle_bounds(g.cx, g.cy, g.rmin));
        } else if (st.pacer && (st.radius != was->radius || st.phase != was->phase ||
                                st.count != was->count)) {
            /* the words sit inside the smallest disc; a hold's ring round it */
            int r = st.radius > was->radius ? st.radius : was->radius;
            float ring = g.shape == PACER_SHAPE_HOLD ? g.hold_gap + g.hold_w + 1 : 0;
            app_invalidate_rect(app, v, draw_circle_bounds(g.cx, g.cy, (float)r + ring));
        }
        if (st.clock != was->clock) {
            float a = ring_start(pl, was), b = ring_start(pl, &st);
            app_invalidate_rect(app, v,
                                draw_arc_moved_bounds(g.cx, g.cy, g.radius, g.ring, a, b));
            app_invalidate_rect(app, v, clock_rect(app, v, pl->ex, &g, was));
            app_invalidate_rect(app, v, clock_rect(app, v, pl->ex, &g, &st));
        }
    }
    if (!st.pacer || st.paused || stepwise(app) || limit <= now + 1)
        return limit;
    /* Within (now, limit) the size moves one way only: the first instant
     * the whole-pixel radius differs, by bisection. */
    uint64_t lo = now, hi = limit - 1;
    DialState probe;
    dial_state(app, pl, &g, hi, &probe, &pc);
    if (same_place(&probe, &st))
        return limit;
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        dial_state(app, pl, &g, mid, &probe, &pc);
        if (same_place(&probe, &st))
            lo = mid;
        else
            hi = mid;
    }
    uint64_t soonest = now + (uint64_t)(app->frame_ms > 0 ? app->frame_ms : 16);
    return hi > soonest ? hi : soonest;
}

/* A line of width w from (ax, ay) to (bx, by), one of them equal: a rect. */
static void box_line(View *v, int ax, int ay, int bx, int by, int w, SDL_Color c)
{
    int x = ax < bx ? ax : bx, y = ay < by ? ay : by;
    draw_rect(v->renderer, (SDL_Rect){x - w / 2, y - w / 2, abs(bx - ax) + w, abs(by - ay) + w}, c);
}

/* The box's line widths: the track, and the lit side (the trail). */
static int box_track_w(const DialGeom *g) { return (int)fmaxf(2, g->marker_r * 0.45f); }
static int box_trail_w(const DialGeom *g) { return (int)fmaxf(3, g->marker_r * 0.75f); }

/* Box breathing's square: a quiet track, the side of this phase lit from
 * its corner up to the marker, and the marker, a disc in the pacer's
 * colour. */
static void draw_box(View *v, const Theme *t, const DialGeom *g, const Pacer *pc, int mx, int my)
{
    int x0, y0, x1, y1, w = box_track_w(g);
    box_corners(g, &x0, &y0, &x1, &y1);
    int cx[5] = {x0, x0, x1, x1, x0}, cy[5] = {y1, y0, y0, y1, y1};
    for (int i = 0; i < 4; i++)
        box_line(v, cx[i], cy[i], cx[i + 1], cy[i + 1], w, t->surface_hi);
    int k = (int)pc->phase; /* IN starts at the bottom left, corner 0 */
    box_line(v, cx[k], cy[k], mx, my, box_trail_w(g), theme_mix(t->info, t->bg, 0.35f));
    draw_circle(v->renderer, (float)mx, (float)my, g->marker_r, t->info);
}

/* 4-7-8's hold: a ring round the held disc filling clockwise from twelve,
 * a step for each second of the hold, on a quiet track. */
static void draw_hold_ring(View *v, const Theme *t, const DialGeom *g, const Pacer *pc, float r)
{
    float outer = r + g->hold_gap + g->hold_w;
    int n = (int)(pc->phase_ms / 1000);
    draw_arc(v->renderer, g->cx, g->cy, outer, g->hold_w, 0, 2 * PI_F, t->surface_hi);
    draw_arc(v->renderer, g->cx, g->cy, outer, g->hold_w, 0,
             2 * PI_F * (float)pc->second / (float)(n > 0 ? n : 1), t->info);
}

static void draw_dial(App *app, Player *pl, View *v, TextLog *log, SDL_Rect d)
{
    const Theme *t = &app->theme;
    DialGeom g;
    dial_geometry(app, v, d, step_shape(pl), &g);
    float cx = g.cx, cy = g.cy, radius = g.radius, ring = g.ring;
    DialState st;
    Pacer pc;
    dial_state(app, pl, &g, app->now, &st, &pc);
    st.valid = true;
    pl->shown[view_index(app, v)] = st;
    bool paused = st.paused, pacer = st.pacer;

    /* the countdown ring: the whole step as a track, what is left in colour */
    float a = ring_start(pl, &st);
    draw_arc(v->renderer, cx, cy, radius, ring, 0, 2 * PI_F, t->surface_hi);
    draw_arc(v->renderer, cx, cy, radius, ring, a, 2 * PI_F - a,
             paused ? t->text_muted : t->accent);

    char clock[16];
    fmt_clock(clock, sizeof clock, (int64_t)st.clock * 1000);
    TextStyle ks;
    int kx, ky, kw, kh;
    clock_place(app, v, pl->ex, &g, &st, clock, &ks, &kx, &ky, &kw, &kh);
    if (pacer) {
        SDL_Color ink = t->text_on_state;
        if (g.shape == PACER_SHAPE_BOX) {
            draw_box(v, t, &g, &pc, st.mx, st.my);
            ink = t->text; /* the words stand on the background */
        } else {
            float r = (float)st.radius;
            float size = (r - g.rmin) / fmaxf(g.rmax - g.rmin, 1.0f);
            size = size < 0 ? 0 : size > 1 ? 1 : size;
            /* A light disc, a shade deeper when small, with dark words on
             * it: 7:1 at every size (the theme's "on_state on info"). */
            SDL_Color fill = theme_mix(theme_mix(t->info, t->bg, 0.15f), t->info, size);
            draw_circle(v->renderer, cx, cy, r, fill);
            if (g.shape == PACER_SHAPE_HOLD &&
                (pc.phase == PACER_HOLD_IN || pc.phase == PACER_HOLD_OUT))
                draw_hold_ring(v, t, &g, &pc, r);
        }
        const char *word = pc.phase == PACER_IN    ? _("In")
                           : pc.phase == PACER_OUT ? _("Out")
                                                   : _("Hold");
        TextStyle ws = {g.word_px, FONT_BOLD, ink, 0, ALIGN_CENTER, TYPE_TITLE};
        int ww, wh;
        text_size(v->text, word, &ws, &ww, &wh);
        char count[8];
        snprintf(count, sizeof count, "%d", pc.second);
        TextStyle cs = {g.count_px, FONT_BOLD, ink, 0, ALIGN_CENTER, TYPE_NUMERAL};
        int cw, chh;
        text_size(v->text, count, &cs, &cw, &chh);
        int top = (int)cy - (wh + chh) / 2;
        text_draw(v->text, word, &ws, (int)cx, top);
        text_draw(v->text, count, &cs, (int)cx, top + wh);
        /* the step's time left, in the band under the fullest disc */
        text_draw(v->text, clock, &ks, kx, ky);
        if (paused) {
            TextStyle ps = type_style(app, v, TYPE_LABEL, t->accent, ALIGN_CENTER);
            int pw, ph;
            text_size(v->text, _("Paused"), &ps, &pw, &ph);
            if (g.compact) /* under the clock, beside (or under) the ring */
                text_draw(v->text, _("Paused"), &ps, kx, ky + kh);
            else
                text_draw(v->text, _("Paused"), &ps, (int)cx, (int)(cy - g.paused_top));
        }
        return;
    }
    text_draw(v->text, clock, &ks, kx, ky);
    if (paused || st.untimed) {
        TextStyle ps = {type_px(app, v, TYPE_LABEL), FONT_BOLD, paused ? t->accent : t->text, 0,
                        ALIGN_CENTER, TYPE_LABEL};
        int pw, ph;
        /* TRANSLATORS: under the clock of a discussion that runs until the
         * facilitator moves on */
        const char *label = paused ? _("Paused") : _("No time limit");
        text_size(v->text, label, &ps, &pw, &ph);
        /* right under the clock, inside the ring (dial_need_side), or
         * alone in a compact dial's ring */
        SDL_Rect box = {(int)(cx - radius * 0.8f), g.compact ? (int)cy - ph / 2 : ky + kh,
                        (int)(radius * 1.6f), ph};
        text_draw_box(v->text, label, &ps, box);
    }
}

/* The head: the title and "Step 2 of 5". */
static void draw_head(App *app, Player *pl, View *v, TextLog *log, SDL_Rect head)
{
    (void)log;
    char count[64];
    TextStyle ss = step_count(app, pl, v, count, sizeof count);
    SDL_Rect title, step;
    head_boxes(app, pl, v, head, &title, &step);
    if (step.w == head.w)
        ss.align = ALIGN_LEFT; /* under the title */
    text_draw_box(v->text, count, &ss, step);
    TextStyle ts = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    text_draw_box(v->text, text_in(&pl->ex->title, i18n_lang()), &ts, title);
}

/* The facilitator's notes for the current step into out: the step's own
 * and, where people start to speak (the first step, and pair and group
 * steps) of an exercise that invites personal material, what to do when
 * someone discloses risk. False when there are none. */
static bool step_notes(const Player *pl, const char *lang, char *out, size_t n)
{
    const Step *st = exercise_current_step(&pl->p);
    const char *own = text_in(&st->notes, lang);
    const char *disclosure = text_in(&pl->ex->disclosure, lang);
    bool talk = exercise_step_index(&pl->p) == 0 || st->kind == STEP_PAIRS ||
                st->kind == STEP_GROUP;
    if (!pl->ex->personal || !talk || !disclosure[0])
        disclosure = "";
    /* TRANSLATORS: heads the standard note on what to do when someone
     * speaks of suicide, self-harm or an overdose, after the step's own notes */
    snprintf(out, n, "%s%s%s%s", own, own[0] && disclosure[0] ? "\n" : "",
             disclosure[0] ? _("Disclosure of risk: ") : "", disclosure);
    return out[0] != '\0';
}

static void draw_running(App *app, Player *pl, View *v, TextLog *log, const PlayerLayout *l)
{
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    const Step *st = exercise_current_step(&pl->p);

    /* A frame that redraws part of the dial skips the rest (player_update). */
    if (view_touches(v, l->head))
        draw_head(app, pl, v, log, l->head);

    /* the prompt: large, for the back of the room (at least 1/20 of the
     * height on a landscape screen) */
    char notes[1400];
    bool has_notes = step_notes(pl, lang, notes, sizeof notes);
    bool peek = v->role == VIEW_MAIN && !has_room_display(app) &&
                (widget_pressed(app, ID_PEEK) || pl->peek_key) && has_notes;
    if (!peek && view_touches(v, l->prompt)) {
        /* in the display role when it fits; a long prompt on a small
         * screen at a large text size steps down a whole role (title,
         * then body) so it is read whole, never cut */
        const char *prompt = text_in(&st->prompt, lang);
        TypeRole role = TYPE_DISPLAY;
        if (type_height(app, v, role, prompt, l->prompt.w) > l->prompt.h)
            role = TYPE_TITLE;
        if (type_height(app, v, role, prompt, l->prompt.w) > l->prompt.h)
            role = TYPE_BODY;
        TextStyle ps = type_style(app, v, role, t->text, ALIGN_LEFT);
        ps.weight = FONT_REGULAR;
        text_draw_box(v->text, prompt, &ps, l->prompt);
    }
    if (view_touches(v, l->dial))
        draw_dial(app, pl, v, log, l->dial);
    if (!view_touches(v, l->next) && !view_touches(v, l->notes) &&
        !view_touches(v, l->controls))
        return;

    /* what comes next */
    char next[512];
    next_line(pl, next, sizeof next);
    TextStyle ns = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
    if (l->next.h > 0)
        text_draw_box(v->text, next, &ns, l->next);

    if (v->role != VIEW_MAIN)
        return;
    /* the facilitator's notes: beside it with a room display, or held */
    if ((has_room_display(app) || peek) && l->notes.w) {
        widget_card(app, v, l->notes);
        SDL_Rect in = rect_inset(l->notes, ui_gap(v));
        const Plan *plan;
        PlanPosition pos;
        if (pl->have_session && plan_session_position(app, &pl->session, &plan, &pos)) {
            /* the session block's elapsed and planned time, for pacing */
            char minutes[64], line[300];
            plan_format_minutes(&pos, minutes, sizeof minutes);
            snprintf(line, sizeof line, _("Session block: %s \xC2\xB7 %s"),
                     text_in(&pos.current->title, lang), minutes);
            TextStyle bs = {type_px(app, v, TYPE_CAPTION), FONT_BOLD,
                            pos.over ? t->attention : t->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
            int bh = fontset_line_height(app->fonts, FONT_BOLD, bs.px);
            text_draw_box(v->text, line, &bs, rect_cut_top(&in, bh * 2));
            rect_cut_top(&in, ui_gap(v) / 2);
        }
        TextStyle hs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->accent, 0, ALIGN_LEFT, TYPE_LABEL};
        int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
        text_draw_box(v->text, _("Facilitator notes"), &hs,
                      rect_cut_top(&in, hh));
        rect_cut_top(&in, ui_gap(v) / 2);
        TextStyle bs = type_style(app, v, peek ? TYPE_TITLE : TYPE_BODY, t->text, ALIGN_LEFT);
        bs.weight = FONT_REGULAR;
        text_draw_box(v->text, notes[0] ? notes : _("No notes for this step."), &bs, in);
    }
    bool paused = exercise_is_paused(&pl->p);
    Target b[6] = {{ID_PREV, l->b[0], false},  {ID_PAUSE, l->b[1], false},
                   {ID_NEXT, l->b[2], false},  {ID_ADD, l->b[3], exercise_step_untimed(&pl->p)},
                   {ID_PEEK, l->b[4], !has_notes}, {ID_END, l->b[5], false}};
    widget_button(app, v, &b[0], _("Back"), BUTTON_SECONDARY, draw_icon_back);
    widget_button(app, v, &b[1], paused ? _("Resume") : _("Pause"),
                  paused ? BUTTON_PRIMARY : BUTTON_SECONDARY, NULL);
    widget_button(app, v, &b[2], _("Next"), BUTTON_SECONDARY, NULL);
    widget_button(app, v, &b[3], _("+30 s"), BUTTON_SECONDARY, NULL);
    if (l->b[4].w)
        widget_button(app, v, &b[4], _("Hold for notes"), BUTTON_QUIET, NULL);
    widget_button(app, v, &b[5], _("Hold to end"), BUTTON_QUIET, NULL);
    if (pl->problem[0]) {
        TextStyle es = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, t->attention, l->next.w, ALIGN_LEFT, TYPE_CAPTION};
        text_draw(v->text, pl->problem, &es, l->next.x, l->next.y);
    }
}

static void draw_finished(App *app, Player *pl, View *v, TextLog *log, const PlayerLayout *l)
{
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    SDL_Rect area = view_area(v, 6);
    if (v->role == VIEW_MAIN)
        area.h = l->controls.y - area.y - ui_gap(v) * 2;
    int gap = ui_gap(v);
    TextStyle hs = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->text, 0, ALIGN_CENTER, TYPE_DISPLAY};
    int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    SDL_Rect top = rect_cut_top(&area, area.h / 4);
    int icon = (int)fminf((float)top.h * 0.8f, v->unit * 14);
    draw_circle(v->renderer, (float)top.x + (float)top.w / 2, (float)top.y + (float)top.h / 2,
                (float)icon / 2, pl->ended_early ? t->surface_hi : t->ok);
    draw_icon_check(v->renderer, rect_center(top, icon * 2 / 3, icon * 2 / 3),
                    pl->ended_early ? t->text : t->text_on_state);
    text_draw_box(v->text, pl->ended_early ? _("Exercise ended") : _("Well done"), &hs, rect_cut_top(&area, hh));
    rect_cut_top(&area, gap);
    char line[400];
    int mins = (int)((exercise_total_elapsed_ms(&pl->p, app->now) + 30000) / 60000);
    if (mins == 0)
        snprintf(line, sizeof line, _("\"%s\", together for under a minute."),
                 text_in(&pl->ex->title, lang));
    else
        snprintf(line, sizeof line,
                 P_("\"%s\", together for %d minute.", "\"%s\", together for %d minutes.", mins),
                 text_in(&pl->ex->title, lang), mins);
    TextStyle ls = {type_px(app, v, TYPE_TITLE), FONT_REGULAR, t->text, 0, ALIGN_CENTER, TYPE_TITLE};
    int lh = fontset_line_height(app->fonts, FONT_REGULAR, ls.px);
    text_draw_box(v->text, line, &ls, rect_cut_top(&area, lh * 2));

    /* the change, when both rounds may be shown */
    if (pl->have_pre && pl->have_post && pl->instrument) {
        RoundChange ch;
        RoundShow show = round_compare(&pl->pre, &pl->post, &ch);
        char change[300];
        if (show == ROUND_SHOW_OK) {
            snprintf(change, sizeof change,
                     _("%s \xE2\x80\x94 the group's middle answer: %d before, %d after."),
                     text_in(&pl->instrument->title, lang), ch.pre.median, ch.post.median);
        } else {
            snprintf(change, sizeof change, "%s",
                     _("Too few answers to show the change before and after."));
        }
        TextStyle cs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->accent, 0, ALIGN_CENTER, TYPE_LABEL};
        text_draw_box(v->text, change, &cs,
                      rect_cut_top(&area, lh * 2));
    }
    if (v->role != VIEW_MAIN)
        return;
    Target again = {ID_AGAIN, l->again, false}, done = {ID_DONE, l->done, false};
    widget_button(app, v, &again, _("Once more"), BUTTON_SECONDARY, NULL);
    widget_button(app, v, &done, _("Done"), BUTTON_PRIMARY, NULL);
}

static void player_draw(App *app, Screen *s, View *v)
{
    Player *pl = (Player *)s;
    PlayerLayout l;
    layout(app, pl, v, &l);
    TextLog *log = v == app_main_view(app) ? &pl->log : NULL;
    if (log)
        textlog_begin(log, v->clip);
    text_cache_set_screen_log(v->text, log);
    if (pl->state == PLAYER_RUNNING)
        draw_running(app, pl, v, log, &l);
    else if (pl->state == PLAYER_FINISHED)
        draw_finished(app, pl, v, log, &l);
    if (l.help.w && (pl->state == PLAYER_FINISHED || pl->state == PLAYER_RUNNING)) {
        Target help = {ID_HELP, l.help, false};
        widget_help_button(app, v, &help);
    }
}

static void player_destroy(App *app, Screen *s)
{
    Player *pl = (Player *)s;
    set_animating(app, pl, false);
    /* Leaving while it runs (the stack popped under it) ends the run. */
    if (pl->state == PLAYER_RUNNING && pl->run_id[0])
        run_end(app->store, pl->run_id, false, skipped(pl), app->wall);
    free(pl);
}

const ScreenClass player_screen_class = {
    .name = "player",
    .enter = player_enter,
    .leave = player_leave,
    .event = player_event,
    .activate = player_activate,
    .update = player_update,
    .targets = player_targets,
    .draw = player_draw,
    .destroy = player_destroy,
    .hold = player_hold,
};

Screen *player_screen_new(App *app, const Exercise *ex, bool with_ratings, int first_step,
                          const char *resume_run_id)
{
    Player *pl = calloc(1, sizeof *pl);
    if (!pl)
        return NULL;
    pl->base.cls = &player_screen_class;
    pl->ex = ex;
    pl->with_ratings = with_ratings;
    pl->first_step = first_step;
    if (ex->instrument[0] && app->catalog)
        pl->instrument = catalog_instrument(app->catalog, ex->instrument);
    if (resume_run_id) {
        /* After a power cut: the same run goes on from its step, no
         * ratings before (they were taken, or the moment has passed). */
        snprintf(pl->run_id, sizeof pl->run_id, "%s", resume_run_id);
        pl->with_ratings = with_ratings && ex->rate_after;
        exercise_start(&pl->p, ex, app->now, first_step);
        pl->state = PLAYER_RUNNING;
    }
    return &pl->base;
}

const ExercisePlayer *player_screen_engine(const Screen *s)
{
    hearth_expect(s->cls == &player_screen_class);
    return &((const Player *)s)->p;
}

void player_screen_layout(App *app, Screen *s, SDL_Rect *prompt, SDL_Rect *dial, float *disc_min,
                          float *disc_max)
{
    hearth_expect(s->cls == &player_screen_class);
    View *v = app_main_view(app);
    PlayerLayout l;
    layout(app, (Player *)s, v, &l);
    DialGeom g;
    dial_geometry(app, v, l.dial, step_shape((Player *)s), &g);
    *prompt = l.prompt;
    *dial = l.dial;
    *disc_min = g.rmin;
    *disc_max = g.rmax;
}

const TextLog *player_screen_texts(const Screen *s)
{
    hearth_expect(s->cls == &player_screen_class);
    return &((const Player *)s)->log;
}

void player_screen_set_skipped(Screen *s, int steps_skipped)
{
    if (s && s->cls == &player_screen_class)
        exercise_carry_skipped(&((Player *)s)->p, steps_skipped);
}
