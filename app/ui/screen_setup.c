/* First start on a new kiosk: what Hearth is, and the way in. */
#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdlib.h>
#include <string.h>

enum { ID_START = 1, ID_LANG = 2 };

typedef struct Setup {
    Screen base;
} Setup;

typedef struct SetupLayout {
    SDL_Rect title, body, start, lang;
} SetupLayout;

static void layout(App *app, const View *v, SetupLayout *l)
{
    SDL_Rect area = view_area(v, 5);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    l->title = rect_cut_top(&area, app_text_px(app, v, 11.0f));
    rect_cut_top(&area, gap);
    SDL_Rect buttons = rect_cut_bottom(&area, bh);
    rect_cut_bottom(&area, gap * 2);
    l->body = area;
    bool portrait = v->h > v->w;
    l->lang = rect_cut_left(&buttons, portrait ? buttons.w * 2 / 5 : buttons.w / 4);
    rect_cut_left(&buttons, gap);
    l->start = rect_cut_right(&buttons, portrait ? buttons.w : buttons.w * 2 / 3);
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
    (void)s;
    if (id == ID_START) {
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
    (void)s;
    (void)max;
    SetupLayout l;
    layout(app, v, &l);
    out[0] = (Target){ID_LANG, l.lang, false};
    out[1] = (Target){ID_START, l.start, false};
    return 2;
}

static void setup_draw(App *app, Screen *s, View *v)
{
    (void)s;
    const Theme *t = &app->theme;
    SetupLayout l;
    layout(app, v, &l);
    TextStyle ts = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_DISPLAY};
    text_draw_box(v->text, _("Welcome to Hearth"), &ts, l.title);

    static const char *const steps[] = {
        N_("Choose a facilitator PIN. It guards the console, the reports and the way out."),
        N_("Open today's session for a group, such as \"DBT Skills - Tue AM\"."),
        N_("Issue passes: each client gets a card with a QR code and a short code, and no "
           "name."),
    };
    SDL_Rect body = l.body;
    int gap = ui_gap(v);
    TextStyle is = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
    int lh = fontset_line_height(app->fonts, FONT_REGULAR, is.px);
    SDL_Rect intro = rect_cut_top(&body, lh * 2);
    text_draw_box(v->text,
                  _("A calm kiosk for group sessions: people check in with an anonymous pass, "
                    "the group practices skills together, and how people feel is kept "
                    "without names."),
                  &is, intro);
    rect_cut_top(&body, gap * 2);
    int row_h = (body.h - gap * 2) / 3;
    for (int i = 0; i < 3; i++) {
        SDL_Rect row = rect_cut_top(&body, row_h);
        rect_cut_top(&body, gap);
        int badge = (int)fminf((float)row.h * 0.8f, v->unit * 9);
        SDL_Rect b = rect_cut_left(&row, badge);
        b = rect_center(b, badge, badge);
        draw_circle(v->renderer, (float)b.x + (float)badge / 2, (float)b.y + (float)badge / 2,
                    (float)badge / 2, t->surface_hi);
        char num[4] = {(char)('1' + i), 0};
        TextStyle ns = type_style(app, v, TYPE_LABEL, t->accent, ALIGN_CENTER);
        int nw, nh;
        text_size(v->text, num, &ns, &nw, &nh);
        text_draw(v->text, num, &ns, b.x + badge / 2, b.y + (badge - nh) / 2);
        rect_cut_left(&row, gap * 2);
        TextStyle ss = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text, 0, ALIGN_LEFT, TYPE_BODY};
        text_draw_box(v->text, _(steps[i]), &ss, row);
    }
    if (v->role != VIEW_MAIN)
        return;
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
