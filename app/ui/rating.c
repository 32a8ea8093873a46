#include "ui/rating.h"

#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>

typedef struct ScaleLayout {
    SDL_Rect keys[11];
    int n;
    SDL_Rect labels; /* the row of end labels under the keys */
} ScaleLayout;

static void layout(App *app, const View *v, const Instrument *in, SDL_Rect area, ScaleLayout *l)
{
    l->n = in->max - in->min + 1;
    if (l->n > 11)
        l->n = 11;
    int gap = ui_gap(v);
    int label_h = fontset_line_height(app->fonts, FONT_REGULAR, app_text_px(app, v, 3.6f)) * 2;
    l->labels = rect_cut_bottom(&area, label_h);
    rect_cut_bottom(&area, gap / 2);
    int kgap = in->style == INSTRUMENT_SLIDER ? (int)fmaxf(2, v->unit * 0.4f) : gap * 2;
    int w = (area.w - kgap * (l->n - 1)) / l->n;
    int h = area.h;
    if (in->style == INSTRUMENT_FACES) {
        /* round faces as large as fit, each with its number under it */
        h -= fontset_line_height(app->fonts, FONT_BOLD, app_text_px(app, v, 3.0f));
        int side = w < h ? w : h;
        int total = side * l->n + kgap * (l->n - 1);
        int x0 = area.x + (area.w - total) / 2;
        for (int i = 0; i < l->n; i++)
            l->keys[i] = (SDL_Rect){x0 + i * (side + kgap), area.y + (area.h - side) / 2, side,
                                    side};
        return;
    }
    int min = widget_min_touch(v);
    /* Too narrow for a fingertip per key (0 to 10 on a dense portrait
     * tablet): two rows, read left to right and on, like a keypad. */
    int rows = w < min ? 2 : 1, per_row = (l->n + rows - 1) / rows;
    if (rows == 2) {
        w = (area.w - kgap * (per_row - 1)) / per_row;
        h = (area.h - gap) / 2;
    }
    if (h > w * 2 && in->style == INSTRUMENT_BUTTONS)
        h = w * 2;
    if (in->style == INSTRUMENT_SLIDER && h > (int)(v->unit * 22))
        h = (int)(v->unit * 22);
    if (h < min)
        h = min;
    int block = h * rows + gap * (rows - 1);
    for (int i = 0; i < l->n; i++)
        l->keys[i] = (SDL_Rect){area.x + (i % per_row) * (w + kgap),
                                area.y + (area.h - block) / 2 + (i / per_row) * (h + gap), w, h};
}

int rating_targets(App *app, const View *v, const Instrument *in, SDL_Rect area, int id0,
                   Target *out, int max)
{
    ScaleLayout l;
    layout(app, v, in, area, &l);
    int n = 0;
    for (int i = 0; i < l.n && n < max; i++)
        out[n++] = (Target){id0 + i, l.keys[i], false};
    return n;
}

void rating_draw(App *app, View *v, const Instrument *in, SDL_Rect area, int id0, int selected)
{
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    ScaleLayout l;
    layout(app, v, in, area, &l);
    for (int i = 0; i < l.n; i++) {
        int value = in->min + i;
        int id = id0 + i;
        bool pressed = widget_pressed(app, id);
        bool chosen = value == selected;
        SDL_Rect k = l.keys[i];
        if (in->style == INSTRUMENT_FACES) {
            SDL_Color fill = pressed ? t->accent : chosen ? theme_mix(t->surface_hi, t->accent, 0.5f)
                                                           : t->surface_hi;
            SDL_Color ink = pressed ? t->text_on_accent : t->text;
            /* faces 1..5 whatever the scale's numbers */
            int face = 1 + (int)lroundf(4.0f * (float)i / (float)(l.n > 1 ? l.n - 1 : 1));
            draw_face(v->renderer, k, face, fill, ink);
            char num[8];
            snprintf(num, sizeof num, "%d", value);
            TextStyle ns = {app_text_px(app, v, 3.0f), FONT_BOLD, t->text_muted, 0, ALIGN_CENTER};
            text_draw(v->text, num, &ns, k.x + k.w / 2, k.y + k.h + 2);
        } else {
            /* numbered keys on one surface, so every digit keeps 7:1; the
             * slider's direction shows in a thin band under the keys */
            SDL_Color base = t->surface_hi;
            SDL_Color fill = pressed ? t->accent : chosen ? theme_mix(t->accent, t->text, 0.35f) : base;
            SDL_Color ink = pressed || chosen ? t->text_on_accent : t->text;
            if (in->style == INSTRUMENT_SLIDER) {
                int band = (int)fmaxf(3, v->unit * 0.8f);
                SDL_Color hue = theme_mix(t->surface_hi, t->info, 0.2f + 0.8f * (float)i / (float)(l.n - 1));
                draw_rect(v->renderer, (SDL_Rect){k.x, k.y + k.h + band, k.w, band}, hue);
            }
            draw_round_rect(v->renderer, k, v->unit * (in->style == INSTRUMENT_SLIDER ? 0.8f : 1.6f),
                            fill);
            char num[8];
            snprintf(num, sizeof num, "%d", value);
            TextStyle ns = {(int)fminf((float)k.w * 0.5f, (float)app_text_px(app, v, 8.0f)),
                            FONT_BOLD, ink, 0, ALIGN_CENTER};
            int nw, nh;
            text_size(v->text, num, &ns, &nw, &nh);
            text_draw(v->text, num, &ns, k.x + k.w / 2, k.y + (k.h - nh) / 2);
        }
        widget_focus_ring(app, v, k, id);
    }
    /* the end labels (and the middle one) under the scale, in thirds of
     * the row so they never run into each other */
    TextStyle ls = {app_text_px(app, v, 3.6f), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT};
    int left = l.keys[0].x, right = l.keys[l.n - 1].x + l.keys[l.n - 1].w;
    if (right - left < l.labels.w * 3 / 4) {
        left = l.labels.x;
        right = l.labels.x + l.labels.w;
    }
    int third = (right - left) / 3;
    SDL_Rect a = {left, l.labels.y, third, l.labels.h};
    SDL_Rect c = {right - third, l.labels.y, third, l.labels.h};
    text_draw_fit(v->text, text_in(&in->label_min, lang), &ls, app_text_px(app, v, 2.6f), a);
    ls.align = ALIGN_RIGHT;
    text_draw_fit(v->text, text_in(&in->label_max, lang), &ls, app_text_px(app, v, 2.6f), c);
    const char *mid = text_in(&in->label_mid, lang);
    if (mid[0]) {
        ls.align = ALIGN_CENTER;
        SDL_Rect b = {left + third, l.labels.y, third, l.labels.h};
        text_draw_fit(v->text, mid, &ls, app_text_px(app, v, 2.6f), b);
    }
}
