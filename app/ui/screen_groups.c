/* Groups and how they keep their answers: anonymous (the default: an answer
 * is linked to no one) or pseudonymous (an answer carries the pass's
 * pseudonym, so a person can see their own trend). Switching a group to
 * pseudonymous asks first, because it changes what the room was promised. */
#include "core/i18n.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/type.h"
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
    ScrollList list; /* the groups, by whole rows */
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
    SDL_Rect intro, rows[ROWS_MAX], toggles[ROWS_MAX], earlier, later; /* [k]: k-th shown */
} GroupsLayout;

static const char *intro_text(void)
{
    return _("Anonymous, the default: an answer is linked to no one. Linked to passes: an "
             "answer carries the pass's pseudonym, so a person can see their own trend.");
}

/* The width of a row's toggle, and the height its labels need there. */
static int toggle_w(const View *v, int row_w) { return v->h > v->w ? row_w / 2 : row_w * 2 / 5; }

static int toggle_h(App *app, const View *v, int w)
{
    int a = widget_button_h(app, v, _("Anonymous"), false, w);
    int b = widget_button_h(app, v, _("Linked to passes"), true, w);
    return a > b ? a : b;
}

static void sessions_line(const GroupsScreen *g, int i, char *out, size_t n)
{
    snprintf(out, n, P_("%d session", "%d sessions", g->sessions[i]), g->sessions[i]);
}

/* The introduction as tall as its words; each group a row with its name
 * and sessions on the left (their lines), its toggle on the right; the
 * rows scroll by whole rows. */
static void layout(App *app, const View *v_, GroupsScreen *g, GroupsLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = ui_body(app, v, _("Groups and their answers"), true);
    int gap = ui_gap(v), arrow_w = widget_min_touch(v);
    l->intro = rect_cut_top(&area, type_height(app, v, TYPE_CAPTION, intro_text(), area.w));
    rect_cut_top(&area, gap);
    int row_w = area.w - arrow_w - gap, tw = toggle_w(v, row_w);
    int th = toggle_h(app, v, tw), text_w = row_w - tw - gap * 2;
    /* every group's height (there may be many; one allocation a layout) */
    int *heights = malloc(sizeof *heights * (size_t)(g->n > 0 ? g->n : 1));
    SDL_Rect *rows = malloc(sizeof *rows * (size_t)(g->n > 0 ? g->n : 1));
    if (!heights || !rows) {
        free(heights);
        free(rows);
        g->list.shown = 0;
        return;
    }
    for (int i = 0; i < g->n; i++) {
        char sessions[64];
        sessions_line(g, i, sessions, sizeof sessions);
        int h = type_height(app, v, TYPE_LABEL, g->names[i], text_w) +
                type_height(app, v, TYPE_CAPTION, sessions, text_w) + gap;
        heights[i] = h > th ? h : th;
    }
    scroll_layout(&g->list, heights, g->n, area, gap / 2, arrow_w, rows, &l->earlier, &l->later);
    if (g->list.shown > ROWS_MAX)
        g->list.shown = ROWS_MAX;
    for (int k = 0; k < g->list.shown; k++) {
        l->rows[k] = rows[k];
        SDL_Rect r = rows[k];
        SDL_Rect t = rect_cut_right(&r, toggle_w(v, rows[k].w));
        l->toggles[k] = rect_center(t, t.w, th);
    }
    free(heights);
    free(rows);
}

static int groups_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    GroupsScreen *g = (GroupsScreen *)s;
    GroupsLayout l;
    layout(app, v, g, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int k = 0; k < g->list.shown && n < max - 2; k++)
        out[n++] = (Target){ID_ROW0 + g->list.first + k, l.toggles[k], false};
    if (l.earlier.w) {
        out[n++] = (Target){ID_EARLIER, l.earlier, g->list.first == 0};
        out[n++] = (Target){ID_LATER, l.later, g->list.first + g->list.shown >= g->n};
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
        if (scroll_page(&g->list, id == ID_LATER ? 1 : -1))
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
    TextStyle is = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
    text_draw_top(v->text, intro_text(), &is, l.intro);
    int gap = ui_gap(v);
    if (g->n == 0) {
        TextStyle es = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
        SDL_Rect box = l.intro;
        box.y = l.intro.y + l.intro.h + gap;
        const char *none = _("No groups yet: a group is made when its first session opens.");
        box.h = type_height(app, v, TYPE_LABEL, none, box.w);
        text_draw_top(v->text, none, &es, box);
    }
    for (int k = 0; k < g->list.shown; k++) {
        int i = g->list.first + k;
        SDL_Rect row = l.rows[k];
        draw_round_rect(v->renderer, row, v->unit * 1.2f, t->surface);
        SDL_Rect in = rect_inset(row, gap / 2);
        in.x += gap / 2;
        in.w = l.toggles[k].x - in.x - gap;
        char sessions[64];
        sessions_line(g, i, sessions, sizeof sessions);
        TextStyle ns = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
        text_draw_top(v->text, g->names[i], &ns,
                      rect_cut_top(&in, type_height(app, v, TYPE_LABEL, g->names[i], in.w)));
        TextStyle ss = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
        text_draw_top(v->text, sessions, &ss, in);
        Target tg = {ID_ROW0 + i, l.toggles[k], false};
        widget_button(app, v, &tg, g->anonymous[i] ? _("Anonymous") : _("Linked to passes"),
                      g->anonymous[i] ? BUTTON_SECONDARY : BUTTON_PRIMARY,
                      g->anonymous[i] ? NULL : draw_icon_qr);
    }
    Target e = {ID_EARLIER, l.earlier, g->list.first == 0};
    Target a = {ID_LATER, l.later, g->list.first + g->list.shown >= g->n};
    scroll_draw_arrows(app, v, &g->list, &e, &a);
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
