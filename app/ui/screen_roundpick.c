/* Starting a round from the console: which question? The instruments of
 * the data folder, one button each; the round itself is screen_round.c's. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/model.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        TextStyle ts = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
        int lh = fontset_line_height(app->fonts, FONT_BOLD, ts.px);
        text_draw_box(v->text, text_in(&in->title, lang), &ts,
                      rect_cut_top(&in_r, lh));
        char scale[64];
        snprintf(scale, sizeof scale, "%d\xE2\x80\x93%d \xC2\xB7 ", in->min, in->max);
        char line[400];
        snprintf(line, sizeof line, "%s%s", scale, text_in(&in->prompt, lang));
        TextStyle ps = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
        text_draw_box(v->text, line, &ps, in_r);
        widget_focus_ring(app, v, rects[i], tg.id);
    }
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
