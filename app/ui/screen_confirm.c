/* A calm question with two answers, drawn over the screen below it. */
#include "ui/draw.h"
#include "ui/type.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>

enum { ID_YES = 1, ID_NO = 2 };

typedef struct Confirm {
    Screen base;
    char question[200], detail[400], yes[64], no[64];
    ConfirmFn on_yes;
    void *ctx;
} Confirm;

typedef struct ConfirmLayout {
    SDL_Rect card, question, detail, yes, no;
} ConfirmLayout;

/* The card holds the question, the detail and the two buttons at their
 * roles' sizes: as tall as they need, wider (up to the whole view) when
 * they would not fit in its height. */
static void layout(App *app, View *v, const Confirm *c, ConfirmLayout *l)
{
    int gap = ui_gap(v);
    const char *labels[2] = {c->no, c->yes};
    int w = v->w > v->h ? v->w * 6 / 10 : v->w * 9 / 10, h = 0, bh = 0, qh = 0;
    for (int pass = 0; pass < 2; pass++) {
        int iw = w - gap * 4;
        bh = widget_row_h(app, v, labels, 2, iw, gap);
        qh = type_height(app, v, TYPE_TITLE, c->question, iw);
        int dh = c->detail[0] ? gap + type_height(app, v, TYPE_BODY, c->detail, iw) : 0;
        h = gap * 4 + qh + dh + gap * 2 + bh;
        if (h <= v->h - gap * 2 || w >= v->w - gap * 2)
            break;
        w = v->w - gap * 2;
    }
    if (h < v->h * 4 / 10)
        h = v->h * 4 / 10;
    l->card = rect_center((SDL_Rect){0, 0, v->w, v->h}, w, h);
    SDL_Rect in = rect_inset(l->card, gap * 2);
    SDL_Rect buttons = rect_cut_bottom(&in, bh);
    rect_cut_bottom(&in, gap * 2);
    l->question = rect_cut_top(&in, qh);
    rect_cut_top(&in, gap);
    l->detail = in;
    l->no = rect_col(buttons, 2, 0, gap);
    l->yes = rect_col(buttons, 2, 1, gap);
}

static void cf_activate(App *app, Screen *s, int id)
{
    Confirm *c = (Confirm *)s;
    if (id == ID_NO) {
        app_pop(app);
    } else if (id == ID_YES) {
        ConfirmFn fn = c->on_yes;
        void *ctx = c->ctx;
        app_pop(app);
        if (fn)
            fn(app, ctx);
    }
}

static bool cf_event(App *app, Screen *s, const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    if (ev->type == SDL_KEYDOWN && !app_focus_active(app) &&
        (ev->key.keysym.sym == SDLK_RETURN || ev->key.keysym.sym == SDLK_KP_ENTER)) {
        cf_activate(app, s, ID_YES);
        return true;
    }
    return false;
}

static int cf_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)max;
    ConfirmLayout l;
    layout(app, (View *)v, (Confirm *)s, &l);
    out[0] = (Target){ID_NO, l.no, false};
    out[1] = (Target){ID_YES, l.yes, false};
    return 2;
}

static void cf_draw(App *app, Screen *s, View *v)
{
    Confirm *c = (Confirm *)s;
    const Theme *t = &app->theme;
    app_draw_below(app, s, v);
    if (v->role == VIEW_ROOM)
        return;
    widget_scrim(app, v);
    ConfirmLayout l;
    layout(app, v, c, &l);
    widget_card(app, v, l.card);
    TextStyle qs = type_style(app, v, TYPE_TITLE, t->text, ALIGN_LEFT);
    text_draw_top(v->text, c->question, &qs, l.question);
    if (c->detail[0]) {
        TextStyle ds = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
        text_draw_top(v->text, c->detail, &ds, l.detail);
    }
    Target no = {ID_NO, l.no, false}, yes = {ID_YES, l.yes, false};
    widget_button(app, v, &no, c->no, BUTTON_SECONDARY, NULL);
    widget_button(app, v, &yes, c->yes, BUTTON_PRIMARY, NULL);
}

static void cf_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass confirm_screen_class = {
    .name = "confirm",
    .event = cf_event,
    .activate = cf_activate,
    .targets = cf_targets,
    .draw = cf_draw,
    .destroy = cf_destroy,
};

Screen *confirm_screen_new(App *app, const char *question, const char *detail,
                           const char *yes_label, const char *no_label, ConfirmFn yes, void *ctx)
{
    (void)app;
    Confirm *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.cls = &confirm_screen_class;
    snprintf(c->question, sizeof c->question, "%s", question);
    snprintf(c->detail, sizeof c->detail, "%s", detail ? detail : "");
    snprintf(c->yes, sizeof c->yes, "%s", yes_label);
    snprintf(c->no, sizeof c->no, "%s", no_label);
    c->on_yes = yes;
    c->ctx = ctx;
    return &c->base;
}
