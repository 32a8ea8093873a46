/* First start on a new kiosk: what Hearth is, and the way in. */
#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <stdlib.h>
#include <string.h>

enum { ID_START = 1, ID_LANG = 2, ID_UP = 3, ID_DOWN = 4 };

/* the introduction, then the three first steps */
#define ITEMS 4
static const char *const steps[] = {
    N_("Choose a facilitator PIN. It guards the console, the reports and the way out."),
    N_("Open today's session for a group, such as \"DBT Skills - Tue AM\"."),
    N_("Issue passes: each client gets a card with a QR code and a short code, and no "
       "name."),
};

typedef struct Setup {
    Screen base;
    ScrollList items; /* the introduction and the steps, by whole items */
} Setup;

typedef struct SetupLayout {
    SDL_Rect title, start, lang;
    SDL_Rect item[ITEMS], up, down; /* item[k]: the k-th shown */
} SetupLayout;

static const char *item_text(int i)
{
    return i == 0 ? _("A calm kiosk for group sessions: people check in with an anonymous pass, "
                      "the group practices skills together, and how people feel is kept "
                      "without names.")
                  : _(steps[i - 1]);
}

/* A step's numbered badge: a disc as tall as one line of its words. */
static int badge_side(const App *app, const View *v)
{
    return type_line_h(app, v, TYPE_BODY) + ui_gap(v);
}

/* The title, then the introduction and the steps as tall as their words
 * (scrolling by whole items when they do not all fit), the buttons at the
 * bottom. */
static void layout(App *app, const View *v_, Setup *s, SetupLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 5);
    int gap = ui_gap(v), arrow_w = widget_min_touch(v);
    l->title = rect_cut_top(&area, type_height(app, v, TYPE_DISPLAY, _("Welcome to Hearth"),
                                               area.w));
    rect_cut_top(&area, gap);
    bool portrait = v->h > v->w;
    const char *lang_label =
        i18n_lang_native_name(i18n_lang_index(i18n_lang_next(i18n_lang())));
    int lw = portrait ? area.w * 2 / 5 : area.w / 4;
    int bh = widget_button_h(app, v, lang_label, true, lw);
    int sh = widget_button_h(app, v, _("Set up this kiosk"), false, area.w - lw - gap);
    SDL_Rect buttons = rect_cut_bottom(&area, bh > sh ? bh : sh);
    rect_cut_bottom(&area, gap * 2);
    l->lang = rect_cut_left(&buttons, lw);
    rect_cut_left(&buttons, gap);
    l->start = rect_cut_right(&buttons, portrait ? buttons.w : buttons.w * 2 / 3);
    int heights[ITEMS], w = area.w - arrow_w - gap;
    int badge = badge_side(app, v);
    heights[0] = type_height(app, v, TYPE_BODY, item_text(0), w);
    for (int i = 1; i < ITEMS; i++) {
        int h = type_height(app, v, TYPE_BODY, item_text(i), w - badge - gap * 2);
        heights[i] = h > badge ? h : badge;
    }
    scroll_layout(&s->items, heights, ITEMS, area, gap * 2, arrow_w, l->item, &l->up, &l->down);
}

static void after_pin(App *app, void *ctx)
{
    (void)ctx;
    app_pop_to_below(app, &setup_screen_class);
    store_audit(app->store, app->wall, "console.enter", "first set-up");
    app_push(app, console_screen_new(app));
}

static void setup_activate(App *app, Screen *s, int id)
{
    Setup *st = (Setup *)s;
    if (id == ID_UP || id == ID_DOWN) {
        if (scroll_page(&st->items, id == ID_UP ? -1 : 1))
            app_invalidate(app);
    } else if (id == ID_START) {
        app_push(app, pin_screen_new(app, _("Choose the PIN staff will use to open the "
                                            "console. Keep it away from clients."),
                                     after_pin, NULL));
    } else if (id == ID_LANG) {
        i18n_set_lang(i18n_lang_next(i18n_lang()));
        app_targets_changed(app);
    }
}

static int setup_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)max;
    SetupLayout l;
    layout(app, v, (Setup *)s, &l);
    int n = 0;
    out[n++] = (Target){ID_LANG, l.lang, false};
    out[n++] = (Target){ID_START, l.start, false};
    if (l.up.w) {
        Setup *st = (Setup *)s;
        out[n++] = (Target){ID_UP, l.up, st->items.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, st->items.first + st->items.shown >= ITEMS};
    }
    return n;
}

static void setup_draw(App *app, Screen *s, View *v)
{
    Setup *st = (Setup *)s;
    const Theme *t = &app->theme;
    SetupLayout l;
    layout(app, v, st, &l);
    TextStyle ts = type_style(app, v, TYPE_DISPLAY, t->text, ALIGN_LEFT);
    text_draw_top(v->text, _("Welcome to Hearth"), &ts, l.title);
    int gap = ui_gap(v), badge = badge_side(app, v);
    for (int k = 0; k < st->items.shown; k++) {
        int i = st->items.first + k;
        SDL_Rect row = l.item[k];
        if (i == 0) {
            TextStyle is = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
            text_draw_top(v->text, item_text(0), &is, row);
            continue;
        }
        SDL_Rect b = rect_cut_left(&row, badge);
        b.h = badge;
        draw_circle(v->renderer, (float)b.x + (float)badge / 2, (float)b.y + (float)badge / 2,
                    (float)badge / 2, t->surface_hi);
        char num[4] = {(char)('0' + i), 0};
        TextStyle ns = type_style(app, v, TYPE_LABEL, t->text, ALIGN_CENTER);
        text_draw_box(v->text, num, &ns, b);
        rect_cut_left(&row, gap * 2);
        TextStyle ss = type_style(app, v, TYPE_BODY, t->text, ALIGN_LEFT);
        text_draw_top(v->text, item_text(i), &ss, row);
    }
    if (v->role != VIEW_MAIN)
        return;
    Target up = {ID_UP, l.up, st->items.first == 0};
    Target down = {ID_DOWN, l.down, st->items.first + st->items.shown >= ITEMS};
    scroll_draw_arrows(app, v, &st->items, &up, &down);
    Target lang = {ID_LANG, l.lang, false};
    widget_button(app, v, &lang, i18n_lang_native_name(i18n_lang_index(i18n_lang_next(i18n_lang()))),
                  BUTTON_QUIET, draw_icon_globe);
    Target start = {ID_START, l.start, false};
    widget_button(app, v, &start, _("Set up this kiosk"), BUTTON_PRIMARY, NULL);
}

static void setup_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass setup_screen_class = {
    .name = "setup",
    .activate = setup_activate,
    .targets = setup_targets,
    .draw = setup_draw,
    .destroy = setup_destroy,
};

Screen *setup_screen_new(App *app)
{
    (void)app;
    Setup *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->base.cls = &setup_screen_class;
    return &s->base;
}
