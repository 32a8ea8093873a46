/* Starting a round from the console: which question? The instruments of
 * the data folder, one button each; the round itself is screen_round.c's. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/model.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- starting a round from the console: which question? ------------------- */

enum { PICK_BACK = 1, PICK_UP = 2, PICK_DOWN = 3, PICK_FIRST = 10 };
#define PICK_MAX 16

typedef struct RoundPick {
    Screen base;
    ScrollList list; /* the instruments, by whole rows */
} RoundPick;

typedef struct PickLayout {
    SDL_Rect rows[PICK_MAX]; /* rows[k]: the k-th shown, list.first + k */
    SDL_Rect up, down;
} PickLayout;

static int pick_count(App *app);

/* An instrument's row: its title and "0-10 · its question", each in its
 * role, wrapped to the row's width. */
static void pick_row_text(App *app, int i, char *line, size_t n)
{
    const Instrument *in = catalog_instrument_at(app->catalog, i);
    snprintf(line, n, "%d\xE2\x80\x93%d \xC2\xB7 %s", in->min, in->max,
             text_in(&in->prompt, i18n_lang()));
}

static int pick_row_h(App *app, View *v, int i, int w)
{
    const Instrument *in = catalog_instrument_at(app->catalog, i);
    char line[400];
    pick_row_text(app, i, line, sizeof line);
    int pad = ui_gap(v), inner = w - pad * 2;
    int h = pad * 2 + type_height(app, v, TYPE_LABEL, text_in(&in->title, i18n_lang()), inner) +
            type_height(app, v, TYPE_CAPTION, line, inner);
    int min = widget_min_touch(v);
    return h > min ? h : min;
}

/* One column of rows as tall as their words; what does not fit scrolls. */
static void pick_layout(App *app, View *v, RoundPick *p, PickLayout *l)
{
    SDL_Rect area = ui_body(app, v, _("Start a rating round"), true);
    int gap = ui_gap(v), arrow_w = widget_min_touch(v);
    int n = pick_count(app), heights[PICK_MAX];
    for (int i = 0; i < n; i++)
        heights[i] = pick_row_h(app, v, i, area.w - arrow_w - gap);
    scroll_layout(&p->list, heights, n, area, gap, arrow_w, l->rows, &l->up, &l->down);
}

static int pick_count(App *app)
{
    int n = app->catalog ? catalog_instrument_count(app->catalog) : 0;
    return n > PICK_MAX ? PICK_MAX : n;
}

static int pick_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    RoundPick *p = (RoundPick *)s;
    PickLayout l;
    pick_layout(app, (View *)v, p, &l);
    int k = 0;
    out[k++] = (Target){PICK_BACK, ui_header_back_rect(v), false};
    if (l.up.w) {
        out[k++] = (Target){PICK_UP, l.up, false};
        out[k++] = (Target){PICK_DOWN, l.down, false};
    }
    for (int i = 0; i < p->list.shown && k < max; i++)
        out[k++] = (Target){PICK_FIRST + p->list.first + i, l.rows[i], false};
    return k;
}

static void pick_activate(App *app, Screen *s, int id)
{
    RoundPick *p = (RoundPick *)s;
    if (id == PICK_BACK) {
        app_pop(app);
    } else if (id == PICK_UP || id == PICK_DOWN) {
        if (scroll_page(&p->list, id == PICK_UP ? -1 : 1))
            app_invalidate(app);
    } else if (id >= PICK_FIRST && id < PICK_FIRST + pick_count(app)) {
        const Instrument *in = catalog_instrument_at(app->catalog, id - PICK_FIRST);
        store_audit(app->store, app->wall, "round.start", in->id);
        app_start_for_room(app, round_screen_new(app, in, PHASE_ROUND, NULL, NULL, NULL));
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
    RoundPick *p = (RoundPick *)s;
    PickLayout l;
    pick_layout(app, v, p, &l);
    int n = pick_count(app);
    const char *lang = i18n_lang();
    for (int k = 0; k < p->list.shown; k++) {
        int i = p->list.first + k;
        const Instrument *in = catalog_instrument_at(app->catalog, i);
        Target tg = {PICK_FIRST + i, l.rows[k], false};
        bool pressed = widget_pressed(app, tg.id);
        draw_round_rect(v->renderer, l.rows[k], v->unit * 1.6f,
                        pressed ? t->surface_hi : t->surface);
        SDL_Rect in_r = rect_inset(l.rows[k], ui_gap(v));
        TextStyle ts = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
        const char *title = text_in(&in->title, lang);
        text_draw_top(v->text, title, &ts,
                      rect_cut_top(&in_r, type_height(app, v, TYPE_LABEL, title, in_r.w)));
        char line[400];
        pick_row_text(app, i, line, sizeof line);
        TextStyle ps = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
        text_draw_top(v->text, line, &ps, in_r);
        widget_focus_ring(app, v, l.rows[k], tg.id);
    }
    Target up = {PICK_UP, l.up, false}, down = {PICK_DOWN, l.down, false};
    scroll_draw_arrows(app, v, &p->list, &up, &down);
    if (n == 0) {
        TextStyle es = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
        text_draw_box(v->text, _("No rating instruments were found in the data folder."), &es, view_area(v, 10));
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
