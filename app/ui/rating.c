#include "ui/rating.h"

#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_KEYS 11

typedef struct ScaleLayout {
    int n;
    bool faces;
    bool column;              /* faces in a column, best at the top */
    SDL_Rect keys[MAX_KEYS];  /* the targets, by value - min */
    /* faces */
    SDL_Rect face[MAX_KEYS];  /* the square each face is drawn in */
    SDL_Point digit[MAX_KEYS];/* under the face (its top centre), or beside it (left, middle) */
    SDL_Rect label[3];        /* min, mid, max: under or beside their faces; w 0 for none */
    TextAlign label_align[3]; /* in a row: centred under the face, or from the edge */
    int digit_px, label_px;
    /* the other styles */
    SDL_Rect labels;          /* the row of end labels under the keys */
} ScaleLayout;

/* the numbers under the faces and the words beside them: the type
 * scale's label and body, never made smaller to fit a row */
static int digit_px(App *app, const View *v) { return type_px(app, v, TYPE_LABEL); }
static int label_px(App *app, const View *v) { return type_px(app, v, TYPE_BODY); }

/* A face big enough to tap without aiming: its disc (draw_face fills 92 %
 * of the square, less a pixel of soft edge each side) half as much again
 * as the 9 mm minimum. */
static int comfortable_side(const View *v)
{
    return (int)ceilf((float)widget_min_touch(v) * 1.5f / 0.92f) + 2;
}

/* Faces never grow past this, however large the area: a calm scale, not
 * a wall of faces. */
static int largest_side(const View *v) { return (int)(v->unit * 26); }

static const Text *label_text(const Instrument *in, int which)
{
    return which == 0 ? &in->label_min : which == 1 ? &in->label_mid : &in->label_max;
}

/* Which value's face a label belongs to: min, the middle one, max. */
static int label_index(int n, int which) { return which == 0 ? 0 : which == 1 ? (n - 1) / 2 : n - 1; }

/* Places n faces of side px in a row centred across area. */
static void place_row(ScaleLayout *l, SDL_Rect area, int side, int kgap)
{
    int total = side * l->n + kgap * (l->n - 1);
    int x0 = area.x + (area.w - total) / 2;
    for (int i = 0; i < l->n; i++)
        l->face[i] = (SDL_Rect){x0 + i * (side + kgap), 0, side, side};
}

/* The boxes of the three labels under a row of faces (x and width): each
 * centred under its face when its words fit so, else the end ones from
 * the area's edge, and each up to halfway to the next labelled face. */
static void label_boxes(App *app, const View *v, const Instrument *in, const ScaleLayout *l,
                        SDL_Rect area, int gap, SDL_Rect *box, TextAlign *align)
{
    int n = l->n, side = l->face[0].w;
    bool mid = text_in(&in->label_mid, i18n_lang())[0] != '\0';
    int c[3] = {l->face[0].x + side / 2, (l->face[0].x + l->face[n - 1].x + side) / 2,
                l->face[n - 1].x + side / 2};
    TextStyle ls = type_style(app, v, TYPE_BODY, app->theme.text, ALIGN_CENTER);
    for (int k = 0; k < 3; k++) {
        /* how far it may reach each side: to the area's edge (the ends),
         * halfway to the next labelled face */
        int left = k == 0 ? c[0] - area.x : (c[k] - c[mid && k == 2 ? 1 : 0]) / 2 - gap / 2;
        int right = k == 2 ? area.x + area.w - c[2]
                           : (c[mid && k == 0 ? 1 : 2] - c[k]) / 2 - gap / 2;
        int ww = text_widest_word(v->text, text_in(label_text(in, k), i18n_lang()), &ls);
        int half = left < right ? left : right;
        int lo = half, ro = half;
        if (ww > half * 2) {
            /* its longest word needs more: reach further on the side
             * that has room, as little off centre as it can */
            lo = left < (ww + 1) / 2 ? left : (ww + 1) / 2;
            ro = ww - lo + 1;
            if (ro > right) {
                ro = right;
                lo = ww - ro + 1 < left ? ww - ro + 1 : left;
            }
        }
        box[k] = (SDL_Rect){c[k] - lo, 0, lo + ro, 0};
        align[k] = ALIGN_CENTER;
        if (box[k].w < 0)
            box[k].w = 0;
    }
}

/* Faces in a row, each with its number under it and the labels under
 * their faces, no face wider than side_cap. Returns the block's height. */
static int faces_row(App *app, const View *v, const Instrument *in, SDL_Rect area, int side_cap,
                     ScaleLayout *l)
{
    int n = l->n, gap = ui_gap(v), kgap = gap * 2;
    int lh = fontset_line_height(app->fonts, FONT_REGULAR, l->label_px);
    /* the number, and a breath before the label */
    int under = fontset_line_height(app->fonts, FONT_BOLD, l->digit_px) + gap / 2;
    int side = (area.w - kgap * (n - 1)) / n;
    if (side > side_cap)
        side = side_cap;
    if (side > area.h - under - lh)
        side = area.h - under - lh;
    if (side < 1)
        side = 1;
    place_row(l, area, side, kgap);
    /* Each label under its face: centred when it fits there, else from
     * the area's edge (the ends) up to halfway to the next labelled face;
     * a label too wide takes more lines, the faces giving way to them down
     * to comfortable, never smaller text. */
    int lines = 1;
    SDL_Rect boxes[3];
    TextAlign align[3];
    for (int pass = 0; pass < 2; pass++) {
        label_boxes(app, v, in, l, area, gap, boxes, align);
        lines = 1;
        for (int k = 0; k < 3; k++) {
            const char *s = text_in(label_text(in, k), i18n_lang());
            if (!s[0])
                continue;
            TextStyle ls = type_style(app, v, TYPE_BODY, app->theme.text, align[k]);
            int need = (text_height(v->text, s, &ls, boxes[k].w) + lh - 1) / lh;
            lines = need > lines ? need : lines;
        }
        int room = area.h - under - lh * lines;
        if (room >= side || pass == 1)
            break;
        side = room >= comfortable_side(v) ? room : comfortable_side(v);
        place_row(l, area, side, kgap);
    }
    int block = side + under + lh * lines;
    int y = area.y + (area.h - block) / 2;
    if (y < area.y)
        y = area.y;
    for (int i = 0; i < n; i++) {
        l->face[i].y = y;
        l->keys[i] = l->face[i];
        l->digit[i] = (SDL_Point){l->face[i].x + side / 2, y + side + 2};
    }
    for (int k = 0; k < 3; k++) {
        l->label[k] = (SDL_Rect){boxes[k].x, y + side + under, boxes[k].w, lh * lines};
        l->label_align[k] = align[k];
    }
    return block;
}

/* A column's rows: the face fills its row but for a thin margin, and the
 * rows stand a little apart, each its own button. */
static int column_pad(const View *v) { return ui_gap(v) / 4 > 2 ? ui_gap(v) / 4 : 2; }
static int column_gap(const View *v) { return ui_gap(v) / 2 > 4 ? ui_gap(v) / 2 : 4; }

/* The height a column of n comfortable faces takes. */
static int column_height(const View *v, int n)
{
    return (comfortable_side(v) + column_pad(v) * 2) * n + column_gap(v) * (n - 1);
}

/* Faces in a column, the best at the top; each row (face, number, label)
 * is one target as wide as the area. */
static void faces_column(App *app, const View *v, const Instrument *in, SDL_Rect area, int row,
                         ScaleLayout *l)
{
    int n = l->n, gap = ui_gap(v), pad = column_pad(v);
    int block = row * n + column_gap(v) * (n - 1);
    int y0 = area.y + (area.h - block) / 2;
    l->column = true;
    l->digit_px = type_px(app, v, TYPE_NUMERAL);
    l->label_px = type_px(app, v, TYPE_BODY);
    int digit_w = 0, h = 0;
    /* the widest number the scale has, so that a label stays close to
     * its face */
    char widest[16];
    snprintf(widest, sizeof widest, "%d", abs(in->max) > abs(in->min) ? in->max : in->min);
    fontset_measure(app->fonts, FONT_BOLD, l->digit_px, widest, &digit_w, &h);
    for (int r = 0; r < n; r++) {
        int i = n - 1 - r; /* the top row holds max */
        SDL_Rect k = {area.x, y0 + r * (row + column_gap(v)), area.w, row};
        l->keys[i] = k;
        l->face[i] = (SDL_Rect){k.x + pad, k.y + pad, row - pad * 2, row - pad * 2};
        l->digit[i] = (SDL_Point){l->face[i].x + l->face[i].w + gap * 2, k.y + row / 2};
    }
    for (int w = 0; w < 3; w++) {
        SDL_Rect k = l->keys[label_index(n, w)];
        int x = l->digit[label_index(n, w)].x + digit_w + gap * 2;
        l->label[w] = (SDL_Rect){x, k.y + pad, k.x + k.w - gap * 2 - x, row - pad * 2};
    }
}

/* The height of the end labels under numbered keys: each in a third of
 * width, with every line its words need. */
static int labels_height(App *app, const View *v, const Instrument *in, int width)
{
    const char *lang = i18n_lang();
    TextStyle ls = type_style(app, v, TYPE_BODY, app->theme.text_muted, ALIGN_LEFT);
    int h = fontset_line_height(app->fonts, FONT_REGULAR, ls.px);
    for (int k = 0; k < 3; k++) {
        const char *s = text_in(label_text(in, k), lang);
        int need = s[0] ? text_height(v->text, s, &ls, width / 3) : 0;
        h = need > h ? need : h;
    }
    return h;
}

static void layout_init(App *app, const View *v, const Instrument *in, ScaleLayout *l)
{
    memset(l, 0, sizeof *l);
    l->n = in->max - in->min + 1;
    if (l->n > MAX_KEYS)
        l->n = MAX_KEYS;
    l->digit_px = digit_px(app, v);
    l->label_px = label_px(app, v);
}

static void layout(App *app, const View *v, const Instrument *in, SDL_Rect area, ScaleLayout *l)
{
    layout_init(app, v, in, l);
    int gap = ui_gap(v);
    if (in->style == INSTRUMENT_FACES) {
        l->faces = true;
        int block = faces_row(app, v, in, area, largest_side(v), l);
        /* A row that would leave much of a tall area empty (a portrait
         * screen) gives way to a column of comfortable faces, which uses
         * the height and puts every label beside its face. */
        if (block * 5 / 3 < area.h && area.h >= column_height(v, l->n)) {
            int row = (area.h - column_gap(v) * (l->n - 1)) / l->n;
            if (row > largest_side(v) + column_pad(v) * 2)
                row = largest_side(v) + column_pad(v) * 2;
            if (row > area.w * 2 / 5)
                row = area.w * 2 / 5;
            faces_column(app, v, in, area, row, l);
        }
        return;
    }
    l->labels = rect_cut_bottom(&area, labels_height(app, v, in, area.w));
    rect_cut_bottom(&area, gap / 2);
    int kgap = in->style == INSTRUMENT_SLIDER ? (int)fmaxf(2, v->unit * 0.4f) : gap * 2;
    int w = (area.w - kgap * (l->n - 1)) / l->n;
    int h = area.h;
    int min = widget_min_touch(v);
    /* Too narrow for a fingertip per key (0 to 10 on a dense portrait
     * tablet): two rows, read left to right and on, like a keypad. */
    /* ... or too narrow for the widest number at the numeral's size */
    char widest[16];
    snprintf(widest, sizeof widest, "%d", abs(in->max) > abs(in->min) ? in->max : in->min);
    int num_w = 0;
    TextStyle ns = type_style(app, v, TYPE_NUMERAL, app->theme.text, ALIGN_CENTER);
    text_size(v->text, widest, &ns, &num_w, NULL);
    int rows = w < min || w < num_w + gap ? 2 : 1, per_row = (l->n + rows - 1) / rows;
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
    /* reading order: a column reads from its top, where max is */
    for (int i = 0; i < l.n && n < max; i++) {
        int idx = l.column ? l.n - 1 - i : i;
        out[n++] = (Target){id0 + idx, l.keys[idx], false};
    }
    return n;
}

int rating_comfortable_height(App *app, const View *v, const Instrument *in, int width)
{
    if (in->style != INSTRUMENT_FACES) {
        return widget_min_touch(v) + ui_gap(v) / 2 + labels_height(app, v, in, width);
    }
    /* a tall screen: a column of faces suits it, in an area tall enough
     * for layout() to choose it over the row */
    if (v->h > v->w) {
        ScaleLayout l;
        layout_init(app, v, in, &l);
        int block = faces_row(app, v, in, (SDL_Rect){0, 0, width, v->h}, largest_side(v), &l);
        int col = column_height(v, l.n);
        return col > block * 5 / 3 + 1 ? col : block * 5 / 3 + 1;
    }
    return rating_row_height(app, v, in, width);
}

int rating_row_height(App *app, const View *v, const Instrument *in, int width)
{
    if (in->style != INSTRUMENT_FACES)
        return rating_comfortable_height(app, v, in, width);
    /* the row laid out with room for two lines of labels: what it takes */
    ScaleLayout l;
    layout_init(app, v, in, &l);
    int side = comfortable_side(v);
    int lh = fontset_line_height(app->fonts, FONT_REGULAR, l.label_px);
    int under = fontset_line_height(app->fonts, FONT_BOLD, l.digit_px) + ui_gap(v) / 2;
    SDL_Rect a = {0, 0, width, side + under + lh * 2};
    return faces_row(app, v, in, a, side, &l);
}

int rating_arrow_step(App *app, const View *v, const Instrument *in, SDL_Rect area,
                      SDL_Keycode key)
{
    ScaleLayout l;
    layout(app, v, in, area, &l);
    if (key == SDLK_RIGHT || (l.column && key == SDLK_UP))
        return 1;
    if (key == SDLK_LEFT || (l.column && key == SDLK_DOWN))
        return -1;
    return 0;
}

static void draw_faces(App *app, View *v, const Instrument *in, const ScaleLayout *l, int id0,
                       int selected, TextLog *log)
{
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    for (int i = 0; i < l->n; i++) {
        int value = in->min + i, id = id0 + i;
        bool pressed = widget_pressed(app, id), chosen = value == selected;
        /* faces 1..5 whatever the scale's numbers */
        int face = 1 + (int)lroundf(4.0f * (float)i / (float)(l->n > 1 ? l->n - 1 : 1));
        char num[8];
        snprintf(num, sizeof num, "%d", value);
        if (l->column) {
            /* a row like a button: amber when pressed or chosen, the face
             * on its own disc either way */
            SDL_Color fill = pressed ? t->accent : chosen ? theme_mix(t->accent, t->text, 0.35f)
                                                          : t->surface;
            SDL_Color ink = pressed || chosen ? t->text_on_accent : t->text;
            draw_round_rect(v->renderer, l->keys[i], v->unit * 1.6f, fill);
            draw_face(v->renderer, l->face[i], face, t->surface_hi, t->text);
            TextStyle ns = {l->digit_px, FONT_BOLD, ink, 0, ALIGN_LEFT, TYPE_NUMERAL};
            int nw, nh;
            text_size(v->text, num, &ns, &nw, &nh);
            text_draw(v->text, num, &ns, l->digit[i].x, l->digit[i].y - nh / 2);
        } else {
            SDL_Color fill = pressed ? t->accent
                             : chosen ? theme_mix(t->surface_hi, t->accent, 0.5f)
                                      : t->surface_hi;
            SDL_Color ink = pressed ? t->text_on_accent : t->text;
            draw_face(v->renderer, l->face[i], face, fill, ink);
            TextStyle ns = {l->digit_px, FONT_BOLD, chosen ? t->accent : t->text_muted, 0,
                            ALIGN_CENTER, TYPE_LABEL};
            text_draw(v->text, num, &ns, l->digit[i].x, l->digit[i].y);
        }
        widget_focus_ring(app, v, l->keys[i], id);
    }
    for (int k = 0; k < 3; k++) {
        const char *s = text_in(label_text(in, k), lang);
        if (!s[0] || l->label[k].w <= 0)
            continue;
        int i = label_index(l->n, k);
        bool lit = l->column && (widget_pressed(app, id0 + i) || in->min + i == selected);
        TextStyle ls = {l->label_px, FONT_REGULAR,
                        lit ? t->text_on_accent : l->column ? t->text : t->text_muted, 0,
                        l->column ? ALIGN_LEFT : l->label_align[k], TYPE_BODY};
        text_draw_box(v->text, s, &ls, l->label[k]);
    }
}

void rating_draw(App *app, View *v, const Instrument *in, SDL_Rect area, int id0, int selected,
                 TextLog *log)
{
    const Theme *t = &app->theme;
    const char *lang = i18n_lang();
    ScaleLayout l;
    layout(app, v, in, area, &l);
    if (l.faces) {
        draw_faces(app, v, in, &l, id0, selected, log);
        return;
    }
    for (int i = 0; i < l.n; i++) {
        int value = in->min + i;
        int id = id0 + i;
        bool pressed = widget_pressed(app, id);
        bool chosen = value == selected;
        SDL_Rect k = l.keys[i];
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
        TextStyle ns = type_style(app, v, TYPE_NUMERAL, ink, ALIGN_CENTER);
        int nw, nh;
        text_size(v->text, num, &ns, &nw, &nh);
        text_draw(v->text, num, &ns, k.x + k.w / 2, k.y + (k.h - nh) / 2);
        widget_focus_ring(app, v, k, id);
    }
    /* the end labels (and the middle one) under the scale, in thirds of
     * the row so they never run into each other */
    TextStyle ls = {l.label_px, FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
    /* (thirds of the whole row: labels_height measured them so) */
    int left = l.labels.x, right = l.labels.x + l.labels.w;
    int third = (right - left) / 3;
    SDL_Rect a = {left, l.labels.y, third, l.labels.h};
    SDL_Rect c = {right - third, l.labels.y, third, l.labels.h};
    text_draw_box(v->text, text_in(&in->label_min, lang), &ls, a);
    ls.align = ALIGN_RIGHT;
    text_draw_box(v->text, text_in(&in->label_max, lang), &ls, c);
    const char *mid = text_in(&in->label_mid, lang);
    if (mid[0]) {
        ls.align = ALIGN_CENTER;
        SDL_Rect b = {left + third, l.labels.y, third, l.labels.h};
        text_draw_box(v->text, mid, &ls, b);
    }
}
