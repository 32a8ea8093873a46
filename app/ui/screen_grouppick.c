/* Opening a session: pick a group, or name a new one. The console opens
 * it and hears the choice (grouppick_screen_new's picked). */
#include "core/i18n.h"
#include "core/model.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/type.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GP_BACK = 1, GP_NEW = 2, GP_EARLIER = 3, GP_LATER = 4, GP_GROUP0 = 10 };
/* The most buttons of groups one page shows, however large the screen. */
#define GP_SLOTS 48

typedef struct GroupPick {
    Screen base;
    void (*picked)(App *app, const char *group);
    char (*names)[GROUP_NAME_SIZE]; /* every group (malloc'd) */
    int n;
    int first; /* the first group on the page shown */
} GroupPick;

typedef struct GroupPickLayout {
    SDL_Rect slots[GP_SLOTS]; /* the groups first, first + 1... */
    int visible;
    SDL_Rect new_rect, earlier, later; /* earlier and later empty when all fit */
} GroupPickLayout;

/* A grid of the groups and "A new group"; when they do not all fit, the
 * last row turns the pages (Earlier, A new group, Later), so every group
 * can be picked however many there are. */
static void gp_layout(App *app, const View *v, GroupPick *g, GroupPickLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = ui_body(app, v, _("Which group meets now?"), true);
    int gap = ui_gap(v);
    /* every button as tall as the longest name needs at the columns'
     * width (fewer columns when that would take more than three lines) */
    int cols = v->w > v->h ? 3 : 2, cw = 0, bh = 0;
    const char *nav[3] = {_("Earlier groups"), _("A new group\xE2\x80\xA6"), _("More groups")};
    for (; cols >= 1; cols--) {
        cw = (area.w - gap * (cols - 1)) / cols;
        bh = widget_button_h(app, v, nav[1], false, cw);
        for (int i = 0; i < g->n; i++) {
            int h = widget_button_h(app, v, g->names[i], false, cw);
            bh = h > bh ? h : bh;
        }
        if (bh <= type_line_h(app, v, TYPE_LABEL) * 3 + ui_pad(app, v) * 3 / 2 || cols == 1)
            break;
    }
    if (cols < 1)
        cols = 1;
    int nav_h = widget_row_h(app, v, nav, 3, area.w, gap);
    int max_rows = (area.h + gap) / (bh + gap);
    if (max_rows < 1)
        max_rows = 1;
    int fit = cols * max_rows - 1; /* and "A new group" */
    if (fit > GP_SLOTS)
        fit = GP_SLOTS;
    if (g->n > fit) {
        SDL_Rect nav_row = rect_cut_bottom(&area, nav_h);
        rect_cut_bottom(&area, gap);
        l->earlier = rect_col(nav_row, 3, 0, gap);
        l->new_rect = rect_col(nav_row, 3, 1, gap);
        l->later = rect_col(nav_row, 3, 2, gap);
        max_rows = (area.h + gap) / (bh + gap);
        if (max_rows < 1)
            max_rows = 1;
        fit = cols * max_rows;
        if (fit > GP_SLOTS)
            fit = GP_SLOTS;
        if (g->first > g->n - fit)
            g->first = g->n - fit;
    } else {
        g->first = 0;
    }
    if (g->first < 0)
        g->first = 0;
    l->visible = g->n - g->first < fit ? g->n - g->first : fit;
    for (int i = 0; i <= l->visible; i++) {
        SDL_Rect r = {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (bh + gap), cw, bh};
        if (i < l->visible)
            l->slots[i] = r;
        else if (!l->earlier.w)
            l->new_rect = r;
    }
}

static int gp_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    GroupPick *g = (GroupPick *)s;
    GroupPickLayout l;
    gp_layout(app, v, g, &l);
    int n = 0;
    out[n++] = (Target){GP_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < l.visible && n < max - 3; i++)
        out[n++] = (Target){GP_GROUP0 + g->first + i, l.slots[i], false};
    if (l.earlier.w)
        out[n++] = (Target){GP_EARLIER, l.earlier, g->first == 0};
    out[n++] = (Target){GP_NEW, l.new_rect, false};
    if (l.later.w)
        out[n++] = (Target){GP_LATER, l.later, g->first + l.visible >= g->n};
    return n;
}

/* Turns a page: as many groups as one shows on the main view. */
static void gp_page(App *app, GroupPick *g, int dir)
{
    GroupPickLayout l;
    gp_layout(app, app_main_view(app), g, &l);
    g->first += dir * (l.visible > 0 ? l.visible : 1);
    if (g->first < 0)
        g->first = 0;
    app_targets_changed(app);
}

/* A new group's name, typed: a name people can read closes the picker;
 * either way the console hears it (and says why it cannot be). */
static void new_group_done(App *app, void *ctx, const char *text)
{
    (void)ctx;
    GroupPick *g = (GroupPick *)app_find(app, &grouppick_screen_class);
    if (!g)
        return;
    void (*picked)(App *, const char *) = g->picked;
    if (group_name_valid(text))
        app_pop_to_below(app, &grouppick_screen_class);
    picked(app, text);
}

static void gp_activate(App *app, Screen *s, int id)
{
    GroupPick *g = (GroupPick *)s;
    if (id == GP_BACK) {
        app_pop(app);
    } else if (id == GP_NEW) {
        app_push(app, textentry_screen_new(app, _("Name the new group"),
                                           _("Use the program's name for the group, such as "
                                             "\"DBT Skills - Tue AM\". Never a person's name."),
                                           GROUP_NAME_MAX, new_group_done, NULL));
    } else if (id == GP_EARLIER || id == GP_LATER) {
        gp_page(app, g, id == GP_LATER ? 1 : -1);
    } else if (id >= GP_GROUP0 && id < GP_GROUP0 + g->n) {
        char name[sizeof g->names[0]];
        snprintf(name, sizeof name, "%s", g->names[id - GP_GROUP0]);
        void (*picked)(App *, const char *) = g->picked;
        app_pop(app);
        picked(app, name);
    }
}

static bool gp_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void gp_draw(App *app, Screen *s, View *v)
{
    GroupPick *g = (GroupPick *)s;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    SDL_Rect area = ui_header(app, v, _("Which group meets now?"), GP_BACK);
    (void)area;
    GroupPickLayout l;
    gp_layout(app, v, g, &l);
    for (int i = 0; i < l.visible; i++) {
        Target t = {GP_GROUP0 + g->first + i, l.slots[i], false};
        widget_button(app, v, &t, g->names[g->first + i], BUTTON_SECONDARY, NULL);
    }
    if (l.earlier.w) {
        Target e = {GP_EARLIER, l.earlier, g->first == 0};
        widget_button(app, v, &e, _("Earlier groups"), BUTTON_QUIET, NULL);
        Target a = {GP_LATER, l.later, g->first + l.visible >= g->n};
        widget_button(app, v, &a, _("More groups"), BUTTON_QUIET, NULL);
    }
    Target nt = {GP_NEW, l.new_rect, false};
    widget_button(app, v, &nt, _("A new group\xE2\x80\xA6"), BUTTON_PRIMARY, NULL);
}

static void gp_destroy(App *app, Screen *s)
{
    (void)app;
    free(((GroupPick *)s)->names);
    free(s);
}

const ScreenClass grouppick_screen_class = {
    .name = "grouppick",
    .event = gp_event,
    .activate = gp_activate,
    .targets = gp_targets,
    .draw = gp_draw,
    .destroy = gp_destroy,
};

Screen *grouppick_screen_new(App *app, void (*picked)(App *app, const char *group))
{
    GroupPick *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->base.cls = &grouppick_screen_class;
    g->picked = picked;
    g->n = group_list_all(app->store, &g->names);
    if (g->n < 0)
        g->n = 0;
    return &g->base;
}
