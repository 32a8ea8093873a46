/* Reports and settings: what staff use outside the session's flow, behind
 * the console's "Reports and settings". */
#include "core/i18n.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>

/* --- reports and settings: what staff use outside the session's flow ------- */

enum { TL_BACK = 1, TL_LEAVE = 2, TL_TILE0 = 100 };

typedef struct Tools {
    Screen base;
    bool have_session;
} Tools;

static int more_list(const ConsoleTile **out)
{
    int n = 0;
    for (int i = 0; i < console_more_tile_count && n < CONSOLE_MAX_TILES; i++)
        out[n++] = console_more_tiles[i];
    return n;
}

static void tools_layout(App *app, const View *v, SDL_Rect *rects)
{
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int n = more_list(tiles) + 1; /* and "leave the kiosk" */
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    console_tile_grid(app, v, area, n, console_tile_cols(v), rects);
}

static void tools_enter(App *app, Screen *s)
{
    Tools *t = (Tools *)s;
    t->have_session = session_current(app->store, NULL) == STORE_OK;
    app_targets_changed(app);
}

static int tools_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Tools *t = (Tools *)s;
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = more_list(tiles);
    SDL_Rect rects[CONSOLE_MAX_TILES + 1];
    tools_layout(app, v, rects);
    int n = 0;
    out[n++] = (Target){TL_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < ntiles && n < max - 1; i++)
        out[n++] = (Target){TL_TILE0 + i, rects[i], tiles[i]->needs_session && !t->have_session};
    out[n++] = (Target){TL_LEAVE, rects[ntiles], false};
    return n;
}

static void do_leave(App *app, void *ctx)
{
    (void)ctx;
    store_audit(app->store, app->wall, "kiosk.leave", "");
    app->quit = true;
}

static void tools_activate(App *app, Screen *s, int id)
{
    Tools *t = (Tools *)s;
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = more_list(tiles);
    if (id == TL_BACK) {
        app_pop(app);
    } else if (id == TL_LEAVE) {
        app_push(app, confirm_screen_new(
                          app, _("Leave the kiosk?"),
                          _("Hearth closes. The door cannot check anyone in until it is "
                            "started again."),
                          _("Leave"), _("Stay"), do_leave, NULL));
    } else if (id >= TL_TILE0 && id < TL_TILE0 + ntiles) {
        const ConsoleTile *tile = tiles[id - TL_TILE0];
        if (!tile->needs_session || t->have_session)
            tile->run(app);
    }
}

static bool tools_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void tools_draw(App *app, Screen *s, View *v)
{
    Tools *t = (Tools *)s;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Reports and settings"), TL_BACK);
    const ConsoleTile *tiles[CONSOLE_MAX_TILES];
    int ntiles = more_list(tiles);
    SDL_Rect rects[CONSOLE_MAX_TILES + 1];
    tools_layout(app, v, rects);
    for (int i = 0; i < ntiles; i++) {
        Target tg = {TL_TILE0 + i, rects[i], tiles[i]->needs_session && !t->have_session};
        widget_button(app, v, &tg, _(tiles[i]->label), BUTTON_SECONDARY, tiles[i]->icon);
    }
    Target lv = {TL_LEAVE, rects[ntiles], false};
    widget_button(app, v, &lv, _("Leave the kiosk"), BUTTON_QUIET, NULL);
}

static void tools_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass tools_screen_class = {
    .name = "tools",
    .enter = tools_enter,
    .event = tools_event,
    .activate = tools_activate,
    .targets = tools_targets,
    .draw = tools_draw,
    .destroy = tools_destroy,
};

Screen *tools_screen_new(App *app)
{
    (void)app;
    Tools *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->base.cls = &tools_screen_class;
    return &t->base;
}
