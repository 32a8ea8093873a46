/* The door: the kiosk's home screen. */
#include "core/i18n.h"
#include "store/store_session.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_STAFF = 1, ID_LANG = 2 };

typedef struct DoorScreen {
    Screen base;
    bool have_session;
    SessionInfo session;
    int count_in, count_out;
    uint64_t next_poll;  /* the command line may open a session meanwhile */
    int shown_minute;    /* the clock on screen */
} DoorScreen;

static void load_session(App *app, DoorScreen *d)
{
    SessionInfo info;
    bool had = d->have_session;
    char old_id[sizeof info.id];
    snprintf(old_id, sizeof old_id, "%s", d->session.id);
    bool old_checkout = d->session.checkout;
    StoreResult r = store_session_current(app->store, &info);
    d->have_session = r == STORE_OK;
    if (d->have_session) {
        d->session = info;
        int in = store_session_count(app->store, info.id, "in");
        int out = store_session_count(app->store, info.id, "out");
        if (in != d->count_in || out != d->count_out)
            app_invalidate(app);
        d->count_in = in < 0 ? 0 : in;
        d->count_out = out < 0 ? 0 : out;
    } else {
        memset(&d->session, 0, sizeof d->session);
    }
    if (had != d->have_session || strcmp(old_id, d->session.id) != 0 ||
        old_checkout != d->session.checkout)
        app_targets_changed(app);
}

static void door_enter(App *app, Screen *s)
{
    DoorScreen *d = (DoorScreen *)s;
    load_session(app, d);
    d->next_poll = app->now + 2000;
    app_wake_at(app, d->next_poll);
}

static void door_update(App *app, Screen *s)
{
    DoorScreen *d = (DoorScreen *)s;
    if (app_top(app) != s)
        return;
    /* A session opened or closed by the command line, or a check-in made by
     * another process, shows within two seconds. The poll is one indexed
     * query; the CPU stays idle between. */
    if (app->now >= d->next_poll) {
        load_session(app, d);
        d->next_poll = app->now + 2000;
    }
    app_wake_at(app, d->next_poll);
    int minute = (int)(app->wall / 60000);
    if (minute != d->shown_minute) {
        d->shown_minute = minute;
        app_invalidate(app);
    }
}

static void cycle_language(App *app)
{
    int next = 0;
    for (int i = 0; i < i18n_language_count; i++)
        if (!strcmp(i18n_languages[i], i18n_lang()))
            next = (i + 1) % i18n_language_count;
    i18n_set_lang(i18n_languages[next]);
    app_targets_changed(app);
}

static void door_activate(App *app, Screen *s, int id)
{
    (void)s;
    if (id == ID_STAFF)
        screens_open_console(app);
    else if (id == ID_LANG)
        cycle_language(app);
}

typedef struct DoorLayout {
    SDL_Rect top, middle, bottom, staff, lang;
} DoorLayout;

static void layout(App *app, const View *v, DoorLayout *l)
{
    SDL_Rect area = view_area(v, 4);
    int bh = ui_button_h(app, v);
    int gap = ui_gap(v);
    l->top = rect_cut_top(&area, app_text_px(app, v, 8.0f));
    l->bottom = rect_cut_bottom(&area, bh);
    rect_cut_bottom(&area, gap);
    l->middle = area;
    SDL_Rect b = l->bottom;
    int side = v->w > v->h ? b.w / 4 : b.w * 2 / 5;
    l->lang = rect_cut_left(&b, side);
    l->staff = rect_cut_right(&b, side);
}

static int door_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)s;
    DoorLayout l;
    layout(app, v, &l);
    int n = 0;
    if (max >= 2) {
        out[n++] = (Target){ID_LANG, l.lang, false};
        out[n++] = (Target){ID_STAFF, l.staff, false};
    }
    return n;
}

static void draw_top(App *app, DoorScreen *d, View *v, SDL_Rect top)
{
    const Theme *t = &app->theme;
    char now[160];
    ui_format_now(app, now, sizeof now);
    TextStyle ts = {app_text_px(app, v, 3.6f), FONT_REGULAR, t->text_muted, 0, ALIGN_RIGHT};
    int tw, th;
    text_size(v->text, now, &ts, &tw, &th);
    text_draw(v->text, now, &ts, top.x + top.w, top.y + (top.h - th) / 2);
    SDL_Rect name = top;
    name.w -= tw + ui_gap(v) * 2;
    TextStyle gs = {app_text_px(app, v, 4.6f), FONT_BOLD, t->text, 0, ALIGN_LEFT};
    const char *group = d->have_session ? d->session.group_name : "Hearth";
    text_draw_fit(v->text, group, &gs, app_text_px(app, v, 3.0f), name);
}

static void draw_welcome(App *app, DoorScreen *d, View *v, SDL_Rect mid)
{
    const Theme *t = &app->theme;
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    char count[128];
    const char *headline, *instruction, *privacy;
    if (!d->have_session) {
        headline = _("Welcome");
        instruction = _("No group is meeting at this door right now. A facilitator can open "
                        "today's session from the console.");
        privacy = _("Hearth stores no names.");
        count[0] = '\0';
    } else if (d->session.checkout) {
        headline = _("Thank you for coming");
        instruction = _("Scan your pass again to check out.");
        privacy = d->session.anonymous
                      ? _("No names are stored. Your answers are not linked to you.")
                      : _("No names are stored. Your answers are linked only to your pass.");
        snprintf(count, sizeof count, P_("%d person checked out", "%d people checked out",
                                          d->count_out),
                 d->count_out);
    } else {
        headline = _("Welcome");
        instruction = _("Scan your pass, or type the code printed under it.");
        privacy = d->session.anonymous
                      ? _("No names are stored. Your answers are not linked to you.")
                      : _("No names are stored. Your answers are linked only to your pass.");
        if (d->count_in == 0)
            snprintf(count, sizeof count, "%s", _("No one has checked in yet"));
        else
            snprintf(count, sizeof count, P_("%d person checked in", "%d people checked in",
                                              d->count_in),
                     d->count_in);
    }

    /* The count and the privacy line sit at the bottom; the emblem, the
     * welcome and the instruction are centred in what is left above. */
    TextStyle ps = {app_text_px(app, v, 3.4f), FONT_REGULAR, t->text_muted, 0, ALIGN_CENTER};
    int plh = fontset_line_height(app->fonts, FONT_REGULAR, ps.px);
    SDL_Rect pbox = rect_cut_bottom(&mid, plh * 2);
    text_draw_fit(v->text, privacy, &ps, app_text_px(app, v, 2.6f), pbox);
    if (count[0]) {
        TextStyle cs = {app_text_px(app, v, 4.0f), FONT_BOLD, t->accent, 0, ALIGN_CENTER};
        SDL_Rect cbox = rect_cut_bottom(&mid, fontset_line_height(app->fonts, FONT_BOLD, cs.px));
        text_draw_fit(v->text, count, &cs, app_text_px(app, v, 3.0f), cbox);
    }
    rect_cut_bottom(&mid, gap);

    TextStyle hs = {app_text_px(app, v, 11.0f), FONT_BOLD, t->text, 0, ALIGN_CENTER};
    TextStyle is = {app_text_px(app, v, 5.0f), FONT_REGULAR, t->text, 0, ALIGN_CENTER};
    int hlh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    int ilh = fontset_line_height(app->fonts, FONT_REGULAR, is.px);
    int emblem = (int)fminf((float)mid.h * 0.3f, (float)mid.w * 0.22f);
    if (portrait)
        emblem = (int)fminf((float)mid.w * 0.34f, (float)mid.h * 0.3f);
    int block = emblem + gap + hlh + gap + ilh * 2;
    if (block < mid.h)
        rect_cut_top(&mid, (mid.h - block) / 2);

    /* A calm emblem: concentric rings, the hearth's glow. */
    SDL_Rect e = rect_cut_top(&mid, emblem + gap);
    float cx = (float)e.x + (float)e.w / 2, cy = (float)e.y + (float)emblem / 2;
    draw_circle(v->renderer, cx, cy, (float)emblem / 2, theme_mix(t->bg, t->accent, 0.18f));
    draw_circle(v->renderer, cx, cy, (float)emblem * 0.34f, theme_mix(t->bg, t->accent, 0.4f));
    if (d->have_session)
        draw_icon_qr(v->renderer, rect_center(e, (int)(emblem * 0.36f), (int)(emblem * 0.36f)),
                     t->text);
    else
        draw_circle(v->renderer, cx, cy, (float)emblem * 0.16f, t->accent);

    SDL_Rect hbox = rect_cut_top(&mid, hlh);
    text_draw_fit(v->text, headline, &hs, app_text_px(app, v, 6.0f), hbox);
    rect_cut_top(&mid, gap);
    SDL_Rect ibox = rect_cut_top(&mid, ilh * 2);
    ibox.x += ibox.w / 12;
    ibox.w -= ibox.w / 6;
    text_draw_fit(v->text, instruction, &is, app_text_px(app, v, 3.4f), ibox);
}

static void door_draw(App *app, Screen *s, View *v)
{
    DoorScreen *d = (DoorScreen *)s;
    DoorLayout l;
    layout(app, v, &l);
    draw_top(app, d, v, l.top);
    draw_welcome(app, d, v, l.middle);
    if (v->role != VIEW_MAIN)
        return;
    Target lang = {ID_LANG, l.lang, false};
    /* The button names the language it switches to, in that language. */
    const char *other = !strcmp(i18n_lang(), "es") ? "English" : "Espa\xC3\xB1ol";
    widget_button(app, v, &lang, other, BUTTON_QUIET, draw_icon_globe);
    Target staff = {ID_STAFF, l.staff, false};
    widget_button(app, v, &staff, _("Staff"), BUTTON_QUIET, draw_icon_lock);
}

static void door_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass door_screen_class = {
    .name = "door",
    .enter = door_enter,
    .activate = door_activate,
    .update = door_update,
    .targets = door_targets,
    .draw = door_draw,
    .destroy = door_destroy,
};

Screen *door_screen_new(App *app)
{
    (void)app;
    DoorScreen *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.cls = &door_screen_class;
    d->shown_minute = -1;
    return &d->base;
}
