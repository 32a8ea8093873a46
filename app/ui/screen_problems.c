/* The content files a facilitator should know about: every problem the
 * catalog met while loading data/ ("file:line: what is wrong"), each file
 * skipped and the rest in use. A console tile opens it. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_BACK = 1 };

typedef struct Problems {
    Screen base;
} Problems;

static void problems_activate(App *app, Screen *s, int id)
{
    (void)s;
    if (id == ID_BACK)
        app_pop(app);
}

static bool problems_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static int problems_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)app;
    (void)s;
    (void)max;
    out[0] = (Target){ID_BACK, ui_header_back_rect(v), false};
    return 1;
}

static void problems_draw(App *app, Screen *s, View *v)
{
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    SDL_Rect area = ui_header(app, v, _("Content files"), ID_BACK);
    int gap = ui_gap(v);
    rect_cut_top(&area, gap);
    const Catalog *cat = app->catalog;
    int n = cat ? catalog_problem_count(cat) : 0;
    char summary[300];
    if (!cat)
        snprintf(summary, sizeof summary, "%s", _("The content files were not loaded."));
    else if (n == 0) {
        int ne = catalog_exercise_count(cat), ni = catalog_instrument_count(cat);
        int np = catalog_plan_count(cat);
        char e[64], in[64], pl[64];
        snprintf(e, sizeof e, P_("%d exercise", "%d exercises", ne), ne);
        snprintf(in, sizeof in, P_("%d rating scale", "%d rating scales", ni), ni);
        snprintf(pl, sizeof pl, P_("%d session plan", "%d session plans", np), np);
        /* TRANSLATORS: "Every file loaded: 23 exercises, 4 rating scales, 3 session plans." */
        snprintf(summary, sizeof summary, _("Every file loaded: %s, %s, %s."), e, in, pl);
    } else
        snprintf(summary, sizeof summary,
                 P_("%d problem: the file is skipped, everything else is in use. Whoever "
                    "maintains the kiosk can fix it (hearth catalog check lists the same).",
                    "%d problems: those files are skipped, everything else is in use. Whoever "
                    "maintains the kiosk can fix them (hearth catalog check lists the same).",
                    n),
                 n);
    TextStyle ss = {type_px(app, v, TYPE_LABEL), FONT_BOLD, n ? t->attention : t->text, area.w,
                    ALIGN_LEFT, TYPE_LABEL};
    int sw, sh;
    text_size(v->text, summary, &ss, &sw, &sh);
    text_draw(v->text, summary, &ss, area.x, area.y);
    rect_cut_top(&area, sh + gap);
    TextStyle ls = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text, area.w, ALIGN_LEFT, TYPE_CAPTION};
    for (int i = 0; i < n; i++) {
        char line[700];
        catalog_problem_format(catalog_problem_at(cat, i), line, sizeof line);
        int lw, lh;
        text_size(v->text, line, &ls, &lw, &lh);
        if (lh > area.h) {
            char more[120];
            snprintf(more, sizeof more, P_("and %d more", "and %d more", n - i), n - i);
            text_draw(v->text, more, &ls, area.x, area.y);
            break;
        }
        text_draw(v->text, line, &ls, area.x, area.y);
        rect_cut_top(&area, lh + gap / 2);
    }
}

static void problems_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass problems_screen_class = {
    .name = "problems",
    .event = problems_event,
    .activate = problems_activate,
    .targets = problems_targets,
    .draw = problems_draw,
    .destroy = problems_destroy,
};

static void open_problems(App *app)
{
    Problems *p = calloc(1, sizeof *p);
    if (!p)
        return;
    p->base.cls = &problems_screen_class;
    app_push(app, &p->base);
}

const ConsoleTile problems_tile = {N_("Content files"), NULL, false, open_problems};
