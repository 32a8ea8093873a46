/* "Talk to someone": the card the door and the room's screen open in one
 * tap. It asks a staff member to come (stored at once, with no name; in an
 * anonymous group with no pass either) and says plainly what happens next,
 * and it always shows the crisis lines: 988 (Spanish with option 2), the
 * emergency number, and the clinic's own numbers from hearth.ini. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/log.h"
#include "svc/answer.h"
#include "svc/session.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_CLOSE = 1, ID_ASK = 2, ID_UP = 3, ID_DOWN = 4 };

/* the crisis card's lines, at most */
#define CRISIS_LINES 32

/* The card closes by itself after this long untouched, so the next person
 * at the door finds the welcome. */
#define HELP_IDLE_MS 90000

typedef struct HelpScreen {
    Screen base;
    bool asked;          /* a staff member was asked to come */
    bool stored;         /* ... and the request is in the database */
    bool no_session;     /* no session open: nothing to attach a request to */
    bool linked;         /* the person's pass is known (a pseudonymous group) */
    bool have_pass;
    PassInfo pass;
    char problem[300];
    uint64_t opened;
    TextLog log;
    ScrollList crisis; /* the crisis card's lines, by whole lines */
} HelpScreen;

/* Stores the request through svc/answer.c, which keeps the pass (and the
 * time) only in a group that links answers to passes. */
static void ask(App *app, HelpScreen *h)
{
    if (h->asked)
        return;
    h->asked = true;
    SessionInfo sess;
    if (session_current(app->store, &sess) != STORE_OK) {
        h->no_session = true;
        app_targets_changed(app);
        return;
    }
    h->linked = !sess.anonymous && h->have_pass;
    if (answer_ask_staff(app->store, &sess, h->have_pass ? &h->pass : NULL, app->wall) ==
        STORE_OK) {
        h->stored = true;
        app->help_waiting++;
        if (app->nhelp_times < (int)(sizeof app->help_times / sizeof app->help_times[0]))
            app->help_times[app->nhelp_times++] = app->wall;
    } else {
        snprintf(h->problem, sizeof h->problem, "%s", store_error(app->store));
        log_error("staff request not saved: %s", store_error(app->store));
    }
    app_targets_changed(app);
}

typedef struct HelpLayout {
    SDL_Rect card, title, staff, ask, crisis, close;
    SDL_Rect lines[CRISIS_LINES], up, down; /* the crisis lines shown, its arrows */
} HelpLayout;

static const char *next_words(const HelpScreen *h);
static void crisis_text(App *app, char *out, size_t n);

/* The crisis card's words split at its line breaks (in place); returns how
 * many lines. */
static int crisis_lines(char *text, char **line, int max)
{
    int n = 0;
    for (char *p = text; p && *p && n < max; n++) {
        line[n] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    return n;
}

static void layout(App *app, const View *v, const HelpScreen *h, HelpLayout *l)
{
    memset(l, 0, sizeof *l);
    bool portrait = v->h > v->w;
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    SDL_Rect area = view_area(v, 2.5f);
    SDL_Rect alert = app_alert_rect(app, v);
    if (alert.h > 0 && area.y + area.h > alert.y - gap)
        area.h = alert.y - gap - area.y;
    l->card = area;
    SDL_Rect in = rect_inset(area, gap * 2);
    l->title = rect_cut_top(&in, type_height(app, (View *)v, TYPE_TITLE, _("Talk to someone"),
                                             in.w));
    rect_cut_top(&in, gap);
    const char *labels[2] = {_("Close"), _("Ask a staff member to come")};
    int close_w = portrait ? in.w * 2 / 5 : in.w / 3;
    if (h->asked) {
        bh = widget_button_h(app, v, labels[0], false, portrait ? in.w : close_w);
    } else {
        int a = widget_button_h(app, v, labels[0], false, close_w);
        int b = widget_button_h(app, v, labels[1], true, in.w - close_w - gap);
        bh = a > b ? a : b;
    }
    SDL_Rect bottom = rect_cut_bottom(&in, bh);
    rect_cut_bottom(&in, gap);
    if (h->asked) {
        l->close = rect_cut_right(&bottom, portrait ? bottom.w : bottom.w / 3);
    } else {
        l->close = rect_cut_left(&bottom, close_w);
        rect_cut_left(&bottom, gap);
        l->ask = bottom;
    }
    /* what happens with staff beside the crisis lines, or above them when
     * its words need more than the side has (and on a portrait screen) */
    const char *words = next_words(h);
    int side_w = in.w * 7 / 20;
    int side_need = type_height(app, (View *)v, TYPE_BODY, words, side_w);
    if (portrait || side_need > in.h) {
        l->staff = rect_cut_top(&in, type_height(app, (View *)v, TYPE_BODY, words, in.w));
        rect_cut_top(&in, gap);
        l->crisis = in;
    } else {
        l->staff = rect_cut_left(&in, side_w);
        rect_cut_left(&in, gap * 2);
        l->crisis = in;
    }
    /* the crisis lines, each as tall as its words, scrolling by whole
     * lines when they do not all fit: never cut */
    char text[2400], *line[CRISIS_LINES];
    crisis_text(app, text, sizeof text);
    int n = crisis_lines(text, line, CRISIS_LINES);
    SDL_Rect lines = rect_inset(l->crisis, gap);
    int arrow_w = widget_min_touch(v), heights[CRISIS_LINES];
    for (int i = 0; i < n; i++)
        heights[i] = type_height(app, (View *)v, TYPE_LABEL, line[i], lines.w - arrow_w - gap);
    HelpScreen *hs = (HelpScreen *)h;
    scroll_layout(&hs->crisis, heights, n, lines, gap / 3, arrow_w, l->lines, &l->up, &l->down);
}

static void help_activate(App *app, Screen *s, int id)
{
    HelpScreen *h = (HelpScreen *)s;
    if (id == ID_CLOSE)
        app_pop(app);
    else if (id == ID_ASK)
        ask(app, h);
    else if ((id == ID_UP || id == ID_DOWN) && scroll_page(&h->crisis, id == ID_UP ? -1 : 1))
        app_invalidate(app);
}

static bool help_event(App *app, Screen *s, const SDL_Event *ev)
{
    HelpScreen *h = (HelpScreen *)s;
    if (ev->type == SDL_TEXTINPUT || ev->type == SDL_KEYDOWN || ev->type == SDL_FINGERDOWN ||
        ev->type == SDL_MOUSEBUTTONDOWN)
        h->opened = app->now;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void help_update(App *app, Screen *s)
{
    HelpScreen *h = (HelpScreen *)s;
    if (app_top(app) != s)
        return;
    if (app->now >= h->opened + HELP_IDLE_MS) {
        app_pop(app);
        return;
    }
    app_wake_at(app, h->opened + HELP_IDLE_MS);
}

static int help_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    HelpScreen *h = (HelpScreen *)s;
    (void)max;
    HelpLayout l;
    layout(app, v, h, &l);
    int n = 0;
    out[n++] = (Target){ID_CLOSE, l.close, false};
    if (!h->asked)
        out[n++] = (Target){ID_ASK, l.ask, false};
    if (l.up.w) {
        out[n++] = (Target){ID_UP, l.up, h->crisis.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, h->crisis.first + h->crisis.shown >= h->crisis.count};
    }
    return n;
}

/* What happens next, in plain words: nobody is asked to say who they are
 * in a group whose answers are linked to no one. */
static const char *next_words(const HelpScreen *h)
{
    if (!h->asked)
        return _("If you would like to talk with a staff member today, tap the button below. "
                 "No one else here sees that you asked, and you do not need to say why.");
    if (h->no_session)
        return _("No group session is open on this kiosk right now, so please tell any staff "
                 "member that you would like to talk.");
    if (h->problem[0])
        return _("Your request could not be saved. Please tell any staff member that you "
                 "would like to talk.");
    if (h->linked)
        return _("Thank you. The staff have been told, and a staff member will come and talk "
                 "with you privately during the session.");
    return _("Thank you. The staff have been told that someone would like to talk; no name "
             "was given. A staff member will let the group know quietly when they are free, "
             "and you can go to them whenever you are ready.");
}

/* The crisis card's words: data/crisis.json's lines (988 with its Spanish
 * option, text, chat, relay, 911) when the data folder has it, else our
 * own short version; then the clinic's own numbers from hearth.ini. */
static void crisis_text(App *app, char *out, size_t n)
{
    const char *lang = i18n_lang();
    const Crisis *c = app->catalog ? catalog_crisis(app->catalog) : NULL;
    int used;
    if (c) {
        used = snprintf(out, n, "%s", text_in(&c->title, lang));
        for (int i = 0; i < c->nlines && used > 0 && (size_t)used < n; i++)
            used += snprintf(out + used, n - (size_t)used, "\n%s: %s", c->lines[i].number,
                             text_in(&c->lines[i].text, lang));
    } else {
        used = snprintf(out, n, "%s\n%s\n%s",
                        _("If you might act on thoughts of suicide or of hurting yourself, or "
                          "you are not safe right now:"),
                        _("Call or text 988, any time, day or night (para espa\xC3\xB1ol, "
                          "oprima 2)."),
                        _("In an emergency, call 911."));
    }
    if (c && used > 0 && (size_t)used < n)
        used += snprintf(out + used, n - (size_t)used, "\n%s:", text_in(&c->clinic_heading, lang));
    for (int i = 0; i < app->settings.ncrisis && used > 0 && (size_t)used < n; i++)
        used += snprintf(out + used, n - (size_t)used, "\n%s", app->settings.crisis[i]);
    if (c && !app->settings.ncrisis && used > 0 && (size_t)used < n)
        snprintf(out + used, n - (size_t)used, "\n%s", text_in(&c->clinic_missing, lang));
}

static void help_draw(App *app, Screen *s, View *v)
{
    HelpScreen *h = (HelpScreen *)s;
    const Theme *t = &app->theme;
    bool main_view = v->role == VIEW_MAIN;
    TextLog *log = main_view ? &h->log : NULL;
    if (log)
        textlog_clear(log);
    text_cache_set_screen_log(v->text, log);
    HelpLayout l;
    layout(app, v, h, &l);
    int gap = ui_gap(v);
    widget_card(app, v, l.card);
    TextStyle ts = type_style(app, v, TYPE_TITLE, t->text, ALIGN_LEFT);
    text_draw_top(v->text, _("Talk to someone"), &ts, l.title);

    TextStyle ns = type_style(app, v, TYPE_BODY, t->text, ALIGN_LEFT);
    text_draw_top(v->text, next_words(h), &ns, l.staff);

    /* The crisis lines: always here, in a calm frame, never a red alarm. */
    SDL_Rect c = l.crisis;
    draw_round_frame(v->renderer, c, v->unit * 1.6f, v->unit * 0.4f, t->info);
    (void)gap;
    char text[2400], *line[CRISIS_LINES];
    crisis_text(app, text, sizeof text);
    crisis_lines(text, line, CRISIS_LINES);
    TextStyle cs = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
    for (int k = 0; k < h->crisis.shown; k++)
        text_draw_top(v->text, line[h->crisis.first + k], &cs, l.lines[k]);
    if (main_view) {
        Target up = {ID_UP, l.up, h->crisis.first == 0};
        Target down = {ID_DOWN, l.down, h->crisis.first + h->crisis.shown >= h->crisis.count};
        scroll_draw_arrows(app, v, &h->crisis, &up, &down);
    }

    if (!main_view)
        return;
    Target close = {ID_CLOSE, l.close, false};
    widget_button(app, v, &close, _("Close"), h->asked ? BUTTON_PRIMARY : BUTTON_SECONDARY, NULL);
    if (!h->asked) {
        Target ask_t = {ID_ASK, l.ask, false};
        widget_button(app, v, &ask_t, _("Ask a staff member to come"), BUTTON_PRIMARY,
                      draw_icon_wave);
    }
}

static void help_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass help_screen_class = {
    .name = "help",
    .event = help_event,
    .activate = help_activate,
    .update = help_update,
    .targets = help_targets,
    .draw = help_draw,
    .destroy = help_destroy,
};

Screen *help_screen_new(App *app, bool ask_now, const PassInfo *pass)
{
    HelpScreen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.cls = &help_screen_class;
    h->opened = app->now;
    if (pass && pass->id[0]) {
        h->pass = *pass;
        h->have_pass = true;
    }
    if (ask_now && app->store)
        ask(app, h);
    return &h->base;
}

bool help_screen_asked(const Screen *s)
{
    return s->cls == &help_screen_class && ((const HelpScreen *)s)->stored;
}

const TextLog *help_screen_texts(const Screen *s)
{
    hearth_expect(s->cls == &help_screen_class);
    return &((const HelpScreen *)s)->log;
}
