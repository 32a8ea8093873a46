/* Groups and how they keep their answers: anonymous (the default: an answer
 * is linked to no one) or pseudonymous (an answer carries the pass's
 * pseudonym, so a person can see their own trend). Switching a group to
 * pseudonymous asks first, because it changes what the room was promised. */
#include "core/i18n.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_BACK = 1, ID_EARLIER = 2, ID_LATER = 3, ID_ROW0 = 100 };

/* The rows one page can show, however tall the screen. */
#define ROWS_MAX 32

typedef struct GroupsScreen {
    Screen base;
    /* every group, however many (group_list_all): names[i], and how it
     * rates and how many sessions it has had */
    char (*names)[GROUP_NAME_SIZE];
    bool *anonymous;
    int *sessions;
    int n;
    int first;     /* the list's scroll position */
    int page;      /* the rows the last layout showed: one tap moves a page */
    int pending;   /* the group a confirmation is about */
    char problem[300];
} GroupsScreen;

static void forget(GroupsScreen *g)
{
    free(g->names);
    free(g->anonymous);
    free(g->sessions);
    g->names = NULL;
    g->anonymous = NULL;
    g->sessions = NULL;
    g->n = 0;
}

static void reload(App *app, GroupsScreen *g)
{
    forget(g);
    int n = group_list_all(app->store, &g->names);
    if (n > 0) {
        g->anonymous = calloc((size_t)n, sizeof *g->anonymous);
        g->sessions = calloc((size_t)n, sizeof *g->sessions);
    }
    if (n < 0 || (n > 0 && (!g->anonymous || !g->sessions))) {
        snprintf(g->problem, sizeof g->problem, "%s",
                 n < 0 ? store_error(app->store) : _("Not enough memory to list the groups."));
        forget(g);
        n = 0;
    }
    g->n = n;
    for (int i = 0; i < g->n; i++) {
        g->anonymous[i] = true;
        g->sessions[i] = 0;
        if (group_info(app->store, g->names[i], &g->anonymous[i], &g->sessions[i]) < 0)
            snprintf(g->problem, sizeof g->problem, "%s", store_error(app->store));
    }
    app_targets_changed(app);
}

typedef struct GroupsLayout {
    SDL_Rect intro, earlier, later;
    SDL_Rect rows[ROWS_MAX], toggles[ROWS_MAX]; /* the page's: row i is group first + i */
    int first, visible;
} GroupsLayout;

static void layout(App *app, const View *v, GroupsScreen *g, GroupsLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    l->intro = rect_cut_top(&area, app_text_px(app, v, 3.4f) * 3);
    rect_cut_top(&area, gap);
    int fit = (area.h + gap / 2) / (bh + gap / 2);
    if (g->n > fit) {
        SDL_Rect nav = rect_cut_bottom(&area, bh);
        rect_cut_bottom(&area, gap / 2);
        l->earlier = rect_col(nav, 2, 0, gap);
        l->later = rect_col(nav, 2, 1, gap);
        fit = (area.h + gap / 2) / (bh + gap / 2);
    }
    if (fit < 1)
        fit = 1;
    if (fit > ROWS_MAX)
        fit = ROWS_MAX;
    if (g->first > g->n - fit)
        g->first = g->n - fit;
    if (g->first < 0)
        g->first = 0;
    l->first = g->first;
    l->visible = g->n - g->first < fit ? g->n - g->first : fit;
    g->page = fit;
    bool portrait = v->h > v->w;
    for (int i = 0; i < l->visible; i++) {
        SDL_Rect r = {area.x, area.y + i * (bh + gap / 2), area.w, bh};
        l->rows[i] = r;
        l->toggles[i] = rect_cut_right(&r, portrait ? r.w / 2 : r.w * 2 / 5);
    }
}

static int groups_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    GroupsScreen *g = (GroupsScreen *)s;
    GroupsLayout l;
    layout(app, v, g, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < l.visible && n < max - 2; i++)
        out[n++] = (Target){ID_ROW0 + l.first + i, l.toggles[i], false};
    if (l.earlier.w) {
        out[n++] = (Target){ID_EARLIER, l.earlier, l.first == 0};
        out[n++] = (Target){ID_LATER, l.later, l.first + l.visible >= g->n};
    }
    return n;
}

static void set_mode(App *app, GroupsScreen *g, int i, bool anonymous)
{
    if (group_set_ratings(app->store, g->names[i], anonymous, app->wall) != STORE_OK)
        snprintf(g->problem, sizeof g->problem, "%s", store_error(app->store));
    else
        g->problem[0] = '\0';
    reload(app, g);
    app_invalidate(app);
}

static void confirmed_pseudonymous(App *app, void *ctx)
{
    GroupsScreen *g = ctx;
    if (g->pending >= 0 && g->pending < g->n)
        set_mode(app, g, g->pending, false);
}

static void groups_activate(App *app, Screen *s, int id)
{
    GroupsScreen *g = (GroupsScreen *)s;
    if (id == ID_BACK) {
        app_pop(app);
    } else if (id == ID_EARLIER || id == ID_LATER) {
        int step = g->page > 1 ? g->page - 1 : 1; /* one row stays, to read on from */
        g->first += id == ID_LATER ? step : -step;
        app_targets_changed(app);
    } else if (id >= ID_ROW0 && id < ID_ROW0 + g->n) {
        int i = id - ID_ROW0;
        if (!g->anonymous[i]) {
            set_mode(app, g, i, true); /* back to anonymous: always allowed */
            return;
        }
        g->pending = i;
        char question[GROUP_NAME_SIZE + 100];
        snprintf(question, sizeof question, _("Link the answers of %s to passes?"), g->names[i]);
        app_push(app,
                 confirm_screen_new(
                     app, question,
                     _("From now on each answer in this group carries the pass's pseudonym, so "
                       "people can follow their own trend. Do this only when the group has "
                       "agreed. Answers already given stay linked to no one."),
                     _("Link to passes"), _("Keep anonymous"), confirmed_pseudonymous, g));
    }
}

static bool groups_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void groups_enter(App *app, Screen *s) { reload(app, (GroupsScreen *)s); }

static void groups_draw(App *app, Screen *s, View *v)
{
    GroupsScreen *g = (GroupsScreen *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Groups and their answers"), ID_BACK);
    GroupsLayout l;
    layout(app, v, g, &l);
    TextStyle is = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text,
                  _("Anonymous, the default: an answer is linked to no one. Linked to passes: an "
                    "answer carries the pass's pseudonym, so a person can see their own trend."),
                  &is, l.intro);
    if (g->n == 0) {
        TextStyle es = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
        SDL_Rect box = view_area(v, 3);
        box.y = l.intro.y + l.intro.h + ui_gap(v);
        box.h = ui_button_h(app, v);
        text_draw_box(v->text, _("No groups yet: a group is made when its first session opens."),
                      &es, box);
    }
    for (int k = 0; k < l.visible; k++) {
        int i = l.first + k;
        SDL_Rect row = l.rows[k];
        draw_round_rect(v->renderer, row, v->unit * 1.2f, t->surface);
        SDL_Rect in = rect_inset(row, ui_gap(v) / 2);
        in.x += ui_gap(v) / 2;
        in.w = l.toggles[k].x - in.x - ui_gap(v);
        char sessions[64];
        snprintf(sessions, sizeof sessions, P_("%d session", "%d sessions", g->sessions[i]),
                 g->sessions[i]);
        TextStyle ss = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_RIGHT, TYPE_CAPTION};
        int sw, sh;
        text_size(v->text, sessions, &ss, &sw, &sh);
        if (sw < in.w / 3) {
            text_draw(v->text, sessions, &ss, in.x + in.w, in.y + (in.h - sh) / 2);
            in.w -= sw + ui_gap(v);
        }
        TextStyle ns = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, g->names[i], &ns, in);
        Target tg = {ID_ROW0 + i, l.toggles[k], false};
        widget_button(app, v, &tg, g->anonymous[i] ? _("Anonymous") : _("Linked to passes"),
                      g->anonymous[i] ? BUTTON_SECONDARY : BUTTON_PRIMARY,
                      g->anonymous[i] ? NULL : draw_icon_qr);
    }
    if (l.earlier.w) {
        Target e = {ID_EARLIER, l.earlier, l.first == 0};
        Target a = {ID_LATER, l.later, l.first + l.visible >= g->n};
        widget_button(app, v, &e, _("Earlier groups"), BUTTON_QUIET, NULL);
        widget_button(app, v, &a, _("More groups"), BUTTON_QUIET, NULL);
    }
    if (g->problem[0]) {
        TextStyle ps = {type_px(app, v, TYPE_CAPTION), FONT_BOLD, t->attention, l.intro.w, ALIGN_LEFT, TYPE_CAPTION};
        text_draw(v->text, g->problem, &ps, l.intro.x, v->h - app_text_px(app, v, 10));
    }
}

static void groups_destroy(App *app, Screen *s)
{
    (void)app;
    forget((GroupsScreen *)s);
    free(s);
}

const ScreenClass groups_screen_class = {
    .name = "groups",
    .enter = groups_enter,
    .event = groups_event,
    .activate = groups_activate,
    .targets = groups_targets,
    .draw = groups_draw,
    .destroy = groups_destroy,
};

static void open_groups(App *app)
{
    GroupsScreen *g = calloc(1, sizeof *g);
    if (!g)
        return;
    g->base.cls = &groups_screen_class;
    g->pending = -1;
    app_push(app, &g->base);
}

const ConsoleTile groups_tile = {N_("Groups"), NULL, false, open_groups};
