/* One exercise's page: what it is, its steps, and Start. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/log.h"
#include "svc/session.h"
#include "ui/draw.h"
#include "ui/inspect.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_BACK = 1, ID_START = 2, ID_START_PLAIN = 3, ID_UP = 4, ID_DOWN = 5 };

#define MAX_STEPS_SHOWN 64

typedef struct ExerciseScreen {
    Screen base;
    const Exercise *ex;
    bool have_session;   /* the open session, read when the page shows */
    SessionInfo session; /* its group says whether ratings are anonymous */
    TextLog log;         /* what the page shows, for tests */
    ScrollList steps;    /* the step list, by whole rows */
} ExerciseScreen;

static bool rated(const Exercise *e)
{
    return e->instrument[0] && (e->rate_before || e->rate_after);
}

/* The words before the steps when the page is one column: the module
 * and length, the summary, the note on ratings. */
#define HEAD_ITEMS 3

typedef struct ExLayout {
    /* the words beside (or above) the steps, or, when they do not fit
     * whole there (a small screen at 150 %), one list that scrolls: the
     * words, then the steps, never a smaller role */
    bool stacked;
    int nhead; /* in the one list: the words' paragraphs before the steps */
    SDL_Rect info, steps, start, plain;
    SDL_Rect row[MAX_STEPS_SHOWN + HEAD_ITEMS], up, down; /* the items shown, the arrows */
} ExLayout;

static const char *start_label(const Exercise *e)
{
    return rated(e) ? _("Start with ratings") : _("Start for the room");
}

/* How the room will rate: what is true for the open session's group. */
static void rating_note(bool have_session, bool anonymous, const char *title, char *out,
                        size_t n)
{
    if (!have_session)
        snprintf(out, n, _("The room can rate \"%s\" before and after once a session is open."),
                 title);
    else if (anonymous)
        snprintf(out, n, _("The room rates \"%s\" before and after, anonymously: answers are "
                           "linked to no one."),
                 title);
    else
        snprintf(out, n, _("The room rates \"%s\" before and after. Each person scans their pass "
                           "first, so their answers form a personal trend."),
                 title);
}

/* The height the info column needs at width w: the module and length,
 * the summary in the body role, the longest of the notes on ratings. */
static int info_need(const App *app, const View *v, const Exercise *e, int w)
{
    const char *lang = i18n_lang();
    int gap = ui_gap(v);
    TextStyle cs = type_style(app, v, TYPE_CAPTION, app->theme.text, ALIGN_LEFT);
    cs.weight = FONT_REGULAR;
    TextStyle ls = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    TextStyle bs = type_style(app, v, TYPE_BODY, app->theme.text, ALIGN_LEFT);
    int need = text_height(v->text, module_title(e->module, lang), &ls, w) + gap +
               text_height(v->text, text_in(&e->summary, lang), &bs, w);
    if (rated(e)) {
        const Instrument *in = catalog_instrument(app->catalog, e->instrument);
        int most = 0;
        for (int k = 0; k < 3; k++) {
            char note[400];
            rating_note(k > 0, k == 1, in ? text_in(&in->title, lang) : e->instrument, note,
                        sizeof note);
            int nh = text_height(v->text, note, &cs, w);
            most = nh > most ? nh : most;
        }
        need += gap + most;
    }
    return need;
}

/* A step row's height: its prompt wrapped in the caption role beside
 * its mark and length, at least one touch's height. */
static int step_row_h(const App *app, const View *v, const Exercise *e, int i, int w)
{
    int gap = ui_gap(v);
    TextStyle ds = type_style(app, v, TYPE_CAPTION, app->theme.text, ALIGN_RIGHT);
    ds.weight = FONT_BOLD; /* as draw_step draws the length */
    int dw = 0;
    text_size(v->text, "00:00", &ds, &dw, NULL);
    int icon = (int)(v->unit * 5);
    TextStyle ps = type_style(app, v, TYPE_CAPTION, app->theme.text, ALIGN_LEFT);
    ps.weight = FONT_REGULAR;
    int tw = w - icon - dw - gap * 2;
    int h = text_height(v->text, text_in(&e->steps[i].prompt, i18n_lang()), &ps, tw > 1 ? tw : 1);
    int min = widget_min_touch(v);
    return h > min ? h : min;
}

/* "Distress tolerance · 8 minutes" into out. */
static void meta_line(const Exercise *e, char *out, size_t n)
{
    int minutes = (e->total_seconds + 30) / 60;
    snprintf(out, n, P_("%s \xC2\xB7 %d minute", "%s \xC2\xB7 %d minutes", minutes),
             module_title(e->module, i18n_lang()), minutes);
}

/* The words of the page as paragraphs (the one list's first items): each
 * text and its style; false past the last. */
static bool head_item(const App *app, const View *v, const ExerciseScreen *x, int i, char *out,
                      size_t n, TextStyle *st)
{
    const Exercise *e = x->ex;
    const char *lang = i18n_lang();
    const Theme *t = &app->theme;
    if (i == 0) {
        meta_line(e, out, n);
        *st = type_style(app, v, TYPE_LABEL, t->accent, ALIGN_LEFT);
    } else if (i == 1) {
        snprintf(out, n, "%s", text_in(&e->summary, lang));
        *st = type_style(app, v, TYPE_BODY, t->text, ALIGN_LEFT);
        st->weight = FONT_REGULAR;
    } else if (i == 2 && rated(e)) {
        const Instrument *in = catalog_instrument(app->catalog, e->instrument);
        rating_note(x->have_session, x->session.anonymous,
                    in ? text_in(&in->title, lang) : e->instrument, out, n);
        *st = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
        st->weight = FONT_REGULAR;
    } else {
        return false;
    }
    return true;
}

static void layout(App *app, const View *v, ExerciseScreen *x, ExLayout *l)
{
    const Exercise *e = x->ex;
    ScrollList *steps = &x->steps;
    /* below the header, however many lines its title takes */
    SDL_Rect area = ui_body(app, v, text_in(&e->title, i18n_lang()), true);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    /* the buttons' widths first, then the row as tall as their wrapped
     * labels need */
    int start_w = portrait ? area.w * 3 / 5 : area.w * 2 / 5;
    if (!rated(e))
        start_w = portrait ? area.w : area.w * 2 / 5;
    int plain_w = portrait ? area.w - start_w - gap : (area.w - start_w - gap) * 2 / 3;
    int h = widget_button_h(app, v, start_label(e), false, start_w);
    if (rated(e)) {
        int ph = widget_button_h(app, v, _("Start without ratings"), false, plain_w);
        if (ph > h)
            h = ph;
    }
    if (h > bh)
        bh = h;
    SDL_Rect buttons = rect_cut_bottom(&area, bh);
    rect_cut_bottom(&area, gap * 2);
    l->start = rect_cut_right(&buttons, start_w);
    if (rated(e)) {
        rect_cut_right(&buttons, gap);
        l->plain = rect_cut_right(&buttons, plain_w);
    } else {
        l->plain = (SDL_Rect){0, 0, 0, 0};
    }
    int arrow_w = widget_min_touch(v);
    int n = e->nsteps < MAX_STEPS_SHOWN ? e->nsteps : MAX_STEPS_SHOWN;
    l->stacked = false;
    l->nhead = 0;
    if (portrait) {
        /* a third of the height, or what the words need up to a half;
         * more than that, one list */
        int ih = info_need(app, v, e, area.w) + gap;
        ih = ih < area.h / 3 ? area.h / 3 : ih;
        /* the steps' card keeps room for its tallest row */
        int lw = area.w - gap * 3 - arrow_w, tallest = 0;
        for (int i = 0; i < n; i++) {
            int rh = step_row_h(app, v, e, i, lw);
            tallest = rh > tallest ? rh : tallest;
        }
        if (ih > area.h / 2 || tallest > area.h - ih - gap * 3) {
            l->stacked = true;
        } else {
            l->info = rect_cut_top(&area, ih);
            rect_cut_top(&area, gap);
            l->steps = area;
        }
    } else {
        /* two fifths for the words, a half or three fifths when they
         * need it and the steps' tallest row still fits beside them;
         * else one list */
        static const int tenths[] = {4, 5, 6};
        int iw = 0;
        for (size_t k = 0; k < sizeof tenths / sizeof tenths[0] && !iw; k++) {
            int w = area.w * tenths[k] / 10;
            if (info_need(app, v, e, w) > area.h)
                continue;
            /* the steps' column keeps room for its tallest row */
            int lw = area.w - w - gap * 5 - arrow_w, tallest = 0;
            for (int i = 0; i < n; i++) {
                int rh = step_row_h(app, v, e, i, lw);
                tallest = rh > tallest ? rh : tallest;
            }
            if (tallest <= area.h - gap * 2)
                iw = w;
        }
        if (iw) {
            l->info = rect_cut_left(&area, iw);
            rect_cut_left(&area, gap * 2);
            l->steps = area;
        } else {
            l->stacked = true;
        }
    }
    int heights[MAX_STEPS_SHOWN + HEAD_ITEMS], k = 0;
    SDL_Rect list = rect_inset(l->steps, gap);
    if (l->stacked) {
        /* the words at the list's width, then each step inside its card */
        list = area;
        l->steps = area;
        int w = list.w - arrow_w - gap;
        char text[1400];
        TextStyle st;
        for (int i = 0; i < HEAD_ITEMS && head_item(app, v, x, i, text, sizeof text, &st); i++)
            heights[k++] = text_height(v->text, text, &st, w);
        l->nhead = k;
        for (int i = 0; i < n; i++)
            heights[k++] = step_row_h(app, v, e, i, w - gap * 2) + gap * 2;
    } else {
        /* the steps, each as tall as its words; what does not fit scrolls */
        for (int i = 0; i < n; i++)
            heights[k++] = step_row_h(app, v, e, i, list.w - arrow_w - gap);
    }
    scroll_layout(steps, heights, k, list, gap, arrow_w, l->row, &l->up, &l->down);
}

static int ex_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    ExerciseScreen *x = (ExerciseScreen *)s;
    (void)max;
    ExLayout l;
    layout(app, v, x, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    if (l.up.w) {
        out[n++] = (Target){ID_UP, l.up, x->steps.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, x->steps.first + x->steps.shown >= x->steps.count};
    }
    if (rated(x->ex))
        out[n++] = (Target){ID_START_PLAIN, l.plain, false};
    out[n++] = (Target){ID_START, l.start, false};
    return n;
}

static void ex_activate(App *app, Screen *s, int id)
{
    ExerciseScreen *x = (ExerciseScreen *)s;
    if (id == ID_BACK)
        app_pop(app);
    else if (id == ID_UP || id == ID_DOWN) {
        if (scroll_page(&x->steps, id == ID_UP ? -1 : 1))
            app_invalidate(app);
    }
    else if (id == ID_START)
        app_start_for_room(app, player_screen_new(app, x->ex, rated(x->ex), 0, NULL));
    else if (id == ID_START_PLAIN)
        app_start_for_room(app, player_screen_new(app, x->ex, false, 0, NULL));
}

static void ex_enter(App *app, Screen *s)
{
    /* Read again each time the page shows: the session may have been
     * opened, or the group changed to pseudonymous, in the meantime. */
    ExerciseScreen *x = (ExerciseScreen *)s;
    x->have_session = session_current(app->store, &x->session) == STORE_OK;
    app_invalidate(app);
}

static bool ex_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

/* A small mark for a step's kind: pacer rings, a speech bubble, pairs... */
static void kind_icon(App *app, View *v, StepKind k, SDL_Rect b)
{
    const Theme *t = &app->theme;
    float cx = (float)b.x + (float)b.w / 2, cy = (float)b.y + (float)b.h / 2, r = (float)b.w / 2;
    switch (k) {
    case STEP_BREATHE:
        draw_arc(v->renderer, cx, cy, r, r * 0.18f, 0, 7, t->accent);
        draw_circle(v->renderer, cx, cy, r * 0.45f, t->accent);
        break;
    case STEP_SILENT:
        draw_arc(v->renderer, cx, cy, r, r * 0.18f, 0, 7, t->text_muted);
        break;
    case STEP_PAIRS:
        draw_circle(v->renderer, cx - r * 0.4f, cy, r * 0.45f, t->info);
        draw_circle(v->renderer, cx + r * 0.4f, cy, r * 0.45f, t->ok);
        break;
    case STEP_GROUP:
        for (int i = 0; i < 3; i++)
            draw_circle(v->renderer, cx + sinf((float)i * 2.094f) * r * 0.55f,
                        cy - cosf((float)i * 2.094f) * r * 0.55f, r * 0.32f, t->info);
        break;
    default:
        draw_round_rect(v->renderer, rect_inset(b, b.w / 6), r * 0.2f, t->text_muted);
        break;
    }
}

/* Step i's row: its kind's mark, its prompt wrapped, its length. */
static void draw_step(App *app, View *v, const Exercise *e, int i, SDL_Rect row)
{
    const Theme *t = &app->theme;
    int gap = ui_gap(v);
    int icon = (int)(v->unit * 5);
    kind_icon(app, v, e->steps[i].kind,
              rect_center(rect_cut_left(&row, icon), icon, icon < row.h ? icon : row.h));
    rect_cut_left(&row, gap);
    char dur[32];
    int secs = e->steps[i].seconds;
    snprintf(dur, sizeof dur, "%d:%02d", secs / 60, secs % 60);
    TextStyle ds = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_RIGHT);
    ds.weight = FONT_BOLD;
    int dw, dh, fw;
    text_size(v->text, dur, &ds, &dw, &dh);
    text_size(v->text, "00:00", &ds, &fw, NULL);
    SDL_Rect dr = rect_cut_right(&row, fw);
    text_draw(v->text, dur, &ds, dr.x + dr.w, dr.y + (dr.h - dh) / 2);
    rect_cut_right(&row, gap);
    TextStyle ps = type_style(app, v, TYPE_CAPTION, t->text, ALIGN_LEFT);
    ps.weight = FONT_REGULAR;
    text_draw_box(v->text, text_in(&e->steps[i].prompt, i18n_lang()), &ps, row);
}

static void ex_draw(App *app, Screen *s, View *v)
{
    ExerciseScreen *x = (ExerciseScreen *)s;
    const Exercise *e = x->ex;
    const char *lang = i18n_lang();
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    TextLog *log = &x->log;
    textlog_clear(log);
    text_cache_set_screen_log(v->text, log);
    ui_header(app, v, text_in(&e->title, lang), ID_BACK);
    ExLayout l;
    layout(app, v, x, &l);
    int gap = ui_gap(v);
    char text[1400];
    TextStyle ts;

    if (l.stacked) {
        /* one list: the words' paragraphs, then the steps, each step on
         * its card */
        for (int k = 0; k < x->steps.shown; k++) {
            int i = x->steps.first + k;
            if (i < l.nhead) {
                head_item(app, v, x, i, text, sizeof text, &ts);
                text_draw_box(v->text, text, &ts, l.row[k]);
            } else {
                SDL_Rect card = l.row[k];
                card.h -= gap;
                widget_card(app, v, card);
                SDL_Rect row = {card.x + gap, card.y + gap / 2, card.w - gap * 2, card.h - gap};
                draw_step(app, v, e, i - l.nhead, row);
            }
        }
    } else {
        /* the words beside or above the steps, each in its own role */
        SDL_Rect info = l.info;
        head_item(app, v, x, 0, text, sizeof text, &ts);
        SDL_Rect meta = rect_cut_top(&info, text_height(v->text, text, &ts, info.w));
        text_draw_box(v->text, text, &ts, meta);
        rect_cut_top(&info, gap);
        if (head_item(app, v, x, 2, text, sizeof text, &ts)) {
            /* the note on the ratings at the foot, the summary above it */
            int nh = text_height(v->text, text, &ts, info.w);
            SDL_Rect note_box = rect_cut_bottom(&info, nh < info.h / 2 ? nh : info.h / 2);
            rect_cut_bottom(&info, gap);
            text_draw_box(v->text, text, &ts, note_box);
        }
        head_item(app, v, x, 1, text, sizeof text, &ts);
        text_draw_box(v->text, text, &ts, info);

        /* The steps: kind, length, the prompt whole; more scroll. */
        widget_card(app, v, l.steps);
        for (int k = 0; k < x->steps.shown; k++)
            draw_step(app, v, e, x->steps.first + k, l.row[k]);
    }
    Target up = {ID_UP, l.up, false}, down = {ID_DOWN, l.down, false};
    scroll_draw_arrows(app, v, &x->steps, &up, &down);

    if (rated(e)) {
        Target pt = {ID_START_PLAIN, l.plain, false};
        widget_button(app, v, &pt, _("Start without ratings"), BUTTON_QUIET, NULL);
        Target st = {ID_START, l.start, false};
        widget_button(app, v, &st, _("Start with ratings"), BUTTON_PRIMARY, NULL);
    } else {
        Target st = {ID_START, l.start, false};
        widget_button(app, v, &st, start_label(e), BUTTON_PRIMARY, NULL);
    }
}

static void ex_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass exercise_screen_class = {
    .name = "exercise",
    .enter = ex_enter,
    .event = ex_event,
    .activate = ex_activate,
    .targets = ex_targets,
    .draw = ex_draw,
    .destroy = ex_destroy,
};

const TextLog *exercise_screen_texts(const Screen *s)
{
    hearth_expect(s->cls == &exercise_screen_class);
    return &((const ExerciseScreen *)s)->log;
}

Screen *exercise_screen_new(App *app, const Exercise *ex)
{
    (void)app;
    ExerciseScreen *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->base.cls = &exercise_screen_class;
    x->ex = ex;
    return &x->base;
}
