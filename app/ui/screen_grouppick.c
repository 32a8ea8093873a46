/* Opening a session: pick a group, or name a new one. The console opens
 * it and hears the choice (grouppick_screen_new's picked). */
#include "core/i18n.h"
#include "core/model.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GP_BACK = 1, GP_NEW = 2, GP_GROUP0 = 10 };
#define GP_MAX 12

typedef struct GroupPick {
    Screen base;
    void (*picked)(App *app, const char *group);
    char names[GP_MAX][GROUP_NAME_SIZE];
    int n;
} GroupPick;

static void gp_layout(App *app, const View *v, const GroupPick *g, SDL_Rect *rects,
                      SDL_Rect *new_rect)
{
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    int cols = v->w > v->h ? 3 : 2;
    int rows = (g->n + 1 + cols - 1) / cols;
    int max_rows = (area.h + gap) / (bh + gap);
    if (rows > max_rows)
        rows = max_rows;
    int cw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i <= g->n; i++) {
        SDL_Rect r = {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (bh + gap), cw, bh};
        if (i / cols >= rows)
            r.w = r.h = 0; /* does not fit: hidden */
        if (i < g->n)
            rects[i] = r;
        else
            *new_rect = r;
    }
}

static int gp_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    GroupPick *g = (GroupPick *)s;
    SDL_Rect rects[GP_MAX], nr;
    gp_layout(app, v, g, rects, &nr);
    int n = 0;
    out[n++] = (Target){GP_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < g->n && n < max - 1; i++)
        if (rects[i].w)
            out[n++] = (Target){GP_GROUP0 + i, rects[i], false};
    out[n++] = (Target){GP_NEW, nr, false};
    return n;
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
    SDL_Rect rects[GP_MAX], nr;
    gp_layout(app, v, g, rects, &nr);
    for (int i = 0; i < g->n; i++) {
        if (!rects[i].w)
            continue;
        Target t = {GP_GROUP0 + i, rects[i], false};
        widget_button(app, v, &t, g->names[i], BUTTON_SECONDARY, NULL);
    }
    Target nt = {GP_NEW, nr, false};
    widget_button(app, v, &nt, _("A new group\xE2\x80\xA6"), BUTTON_PRIMARY, NULL);
}

static void gp_destroy(App *app, Screen *s)
{
    (void)app;
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
    g->n = group_list(app->store, g->names, GP_MAX, 0);
    if (g->n < 0)
        g->n = 0;
    return &g->base;
}
