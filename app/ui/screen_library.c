/* The skills library: browse the exercises by module, search, and open one
 * to start it for the room. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_SEARCH = 2,
    ID_CLEAR = 3,
    ID_PREV = 4,
    ID_NEXT = 5,
    ID_MODULE0 = 10, /* + 0 for "all", + 1 + module */
    ID_CARD0 = 100   /* + index on the page */
};

#define MAX_SHOWN 128
#define QUERY_MAX 64

typedef struct Library {
    Screen base;
    int module;          /* -1: all modules */
    char query[QUERY_MAX * 4];
    const Exercise *shown[MAX_SHOWN];
    int nshown;
    int page;
} Library;

/* Lower-cases ASCII and folds the accented letters Spanish uses, so
 * "respiracion" finds "Respiración". */
static void fold(const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < n; p++) {
        if (*p == 0xC3 && p[1]) {
            unsigned char c = p[1];
            const char *map = NULL;
            if (c == 0xA1 || c == 0x81)
                map = "a";
            else if (c == 0xA9 || c == 0x89)
                map = "e";
            else if (c == 0xAD || c == 0x8D)
                map = "i";
            else if (c == 0xB3 || c == 0x93)
                map = "o";
            else if (c == 0xBA || c == 0x9A || c == 0xBC || c == 0x9C)
                map = "u";
            else if (c == 0xB1 || c == 0x91)
                map = "n";
            if (map) {
                out[o++] = map[0];
                p++;
                continue;
            }
        }
        out[o++] = (char)tolower(*p);
    }
    out[o] = '\0';
}

static bool matches(const Exercise *e, const char *query, const char *lang)
{
    if (!query[0])
        return true;
    char q[QUERY_MAX * 4], hay[1024];
    fold(query, q, sizeof q);
    snprintf(hay, sizeof hay, "%s %s %s %s", text_in(&e->title, lang), text_in(&e->summary, lang),
             module_title(e->module, lang), e->id);
    char folded[1024];
    fold(hay, folded, sizeof folded);
    return strstr(folded, q) != NULL;
}

static void refilter(App *app, Library *l)
{
    l->nshown = 0;
    const char *lang = i18n_lang();
    for (int i = 0; app->catalog && i < catalog_exercise_count(app->catalog); i++) {
        const Exercise *e = catalog_exercise_at(app->catalog, i);
        if ((l->module < 0 || (int)e->module == l->module) && matches(e, l->query, lang) &&
            l->nshown < MAX_SHOWN)
            l->shown[l->nshown++] = e;
    }
    l->page = 0;
    app_targets_changed(app);
}

typedef struct LibLayout {
    SDL_Rect modules[MODULE_COUNT + 1];
    SDL_Rect search, clear, grid, prev, next, cards[12];
    int per_page;
} LibLayout;

static void layout(App *app, const View *v, const Library *l, LibLayout *o)
{
    memset(o, 0, sizeof *o);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v));
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    int nmod = MODULE_COUNT + 1;
    if (portrait) {
        /* modules as two rows of chips across the top */
        int per_row = (nmod + 1) / 2;
        SDL_Rect rows = rect_cut_top(&area, bh * 2 + gap);
        for (int i = 0; i < nmod; i++) {
            SDL_Rect row = rect_row(rows, 2, i / per_row, gap);
            o->modules[i] = rect_col(row, per_row, i % per_row, gap / 2);
        }
        rect_cut_top(&area, gap);
    } else {
        /* one column of chips down the side; two when one column would
         * make them shorter than a fingertip (9 mm on a dense screen) */
        int cols = (area.h - gap * (nmod - 1)) / nmod < widget_min_touch(v) ? 2 : 1;
        SDL_Rect side = rect_cut_left(&area, cols == 2 ? area.w * 2 / 5 : area.w / 4);
        rect_cut_left(&area, gap * 2);
        int rows = (nmod + cols - 1) / cols;
        int h = (side.h - gap * (rows - 1)) / rows;
        if (h > bh)
            h = bh;
        for (int i = 0; i < nmod; i++) {
            SDL_Rect row = {side.x, side.y + (i / cols) * (h + gap), side.w, h};
            o->modules[i] = rect_col(row, cols, i % cols, gap / 2);
        }
    }
    SDL_Rect top = rect_cut_top(&area, bh);
    rect_cut_top(&area, gap);
    o->search = top;
    if (l->query[0]) {
        o->clear = rect_cut_right(&o->search, bh * 2);
        rect_cut_right(&o->search, gap);
    }
    SDL_Rect bottom = rect_cut_bottom(&area, bh);
    rect_cut_bottom(&area, gap);
    o->prev = rect_cut_left(&bottom, bottom.w / 4);
    o->next = rect_cut_right(&bottom, bottom.w / 3);
    o->grid = area;
    int cols = v->w >= 1600 || (!portrait && v->w >= 1000) ? 2 : 1;
    int card_h = (int)((float)bh * 1.7f);
    int rows = (area.h + gap) / (card_h + gap);
    if (rows < 1)
        rows = 1;
    card_h = (area.h - gap * (rows - 1)) / rows;
    if (card_h > bh * 3)
        card_h = bh * 3;
    o->per_page = rows * cols;
    if (o->per_page > 12)
        o->per_page = 12;
    for (int i = 0; i < o->per_page; i++) {
        SDL_Rect row = {area.x, area.y + (i / cols) * (card_h + gap), area.w, card_h};
        o->cards[i] = rect_col(row, cols, i % cols, gap);
    }
}

static int pages(const Library *l, int per_page)
{
    return per_page > 0 ? (l->nshown + per_page - 1) / per_page : 1;
}

static int lib_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Library *l = (Library *)s;
    LibLayout o;
    layout(app, v, l, &o);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i <= MODULE_COUNT; i++)
        out[n++] = (Target){ID_MODULE0 + i, o.modules[i], false};
    out[n++] = (Target){ID_SEARCH, o.search, false};
    if (l->query[0])
        out[n++] = (Target){ID_CLEAR, o.clear, false};
    int first = l->page * o.per_page;
    for (int i = 0; i < o.per_page && first + i < l->nshown && n < max - 2; i++)
        out[n++] = (Target){ID_CARD0 + i, o.cards[i], false};
    out[n++] = (Target){ID_PREV, o.prev, l->page == 0};
    out[n++] = (Target){ID_NEXT, o.next, l->page + 1 >= pages(l, o.per_page)};
    return n;
}

static void search_done(App *app, void *ctx, const char *text)
{
    (void)ctx;
    Library *l = (Library *)app_find(app, &library_screen_class);
    if (!l)
        return;
    snprintf(l->query, sizeof l->query, "%s", text);
    refilter(app, l);
}

static void lib_activate(App *app, Screen *s, int id)
{
    Library *l = (Library *)s;
    LibLayout o;
    layout(app, app_main_view(app), l, &o);
    if (id == ID_BACK) {
        app_pop(app);
    } else if (id == ID_SEARCH) {
        app_push(app, textentry_screen_new(app, _("Search the library"),
                                           _("A word from the title or the description, such "
                                             "as \"breathing\" or \"urge\"."),
                                           QUERY_MAX, search_done, NULL));
    } else if (id == ID_CLEAR) {
        l->query[0] = '\0';
        refilter(app, l);
    } else if (id == ID_PREV && l->page > 0) {
        l->page--;
        app_targets_changed(app);
    } else if (id == ID_NEXT && l->page + 1 < pages(l, o.per_page)) {
        l->page++;
        app_targets_changed(app);
    } else if (id >= ID_MODULE0 && id <= ID_MODULE0 + MODULE_COUNT) {
        l->module = id - ID_MODULE0 - 1;
        refilter(app, l);
    } else if (id >= ID_CARD0) {
        int idx = l->page * o.per_page + (id - ID_CARD0);
        if (idx < l->nshown)
            app_push(app, exercise_screen_new(app, l->shown[idx]));
    }
}

static bool lib_event(App *app, Screen *s, const SDL_Event *ev)
{
    Library *l = (Library *)s;
    if (ev->type != SDL_KEYDOWN)
        return false;
    switch (ev->key.keysym.sym) {
    case SDLK_ESCAPE:
        app_pop(app);
        return true;
    case SDLK_PAGEDOWN:
        lib_activate(app, s, ID_NEXT);
        return true;
    case SDLK_PAGEUP:
        lib_activate(app, s, ID_PREV);
        return true;
    default:
        (void)l;
        return false;
    }
}

static void draw_card(App *app, View *v, const Exercise *e, const Target *t)
{
    const Theme *th = &app->theme;
    bool pressed = widget_pressed(app, t->id);
    draw_round_rect(v->renderer, t->rect, v->unit * 1.6f, pressed ? th->surface_hi : th->surface);
    const char *lang = i18n_lang();
    int gap = ui_gap(v);
    SDL_Rect in = rect_inset(t->rect, gap);
    /* a coloured edge by module, so the library reads at a glance */
    SDL_Color hue = theme_mix(th->surface, th->accent, 0.25f + 0.1f * (float)(e->module % 4));
    draw_round_rect(v->renderer, (SDL_Rect){t->rect.x, t->rect.y, (int)(v->unit * 1.2f), t->rect.h},
                    v->unit * 0.6f, hue);
    TextStyle ts = {type_px(app, v, TYPE_LABEL), FONT_BOLD, th->text, 0, ALIGN_LEFT, TYPE_LABEL};
    int lh = fontset_line_height(app->fonts, FONT_BOLD, ts.px);
    text_draw_box(v->text, text_in(&e->title, lang), &ts,
                  rect_cut_top(&in, lh));
    char meta[160];
    int minutes = (e->total_seconds + 30) / 60;
    snprintf(meta, sizeof meta, P_("%s \xC2\xB7 %d minute", "%s \xC2\xB7 %d minutes", minutes),
             module_title(e->module, lang), minutes);
    TextStyle ms = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->accent, 0, ALIGN_LEFT, TYPE_CAPTION};
    int mlh = fontset_line_height(app->fonts, FONT_REGULAR, ms.px);
    text_draw_box(v->text, meta, &ms, rect_cut_top(&in, mlh));
    if (in.h > mlh) {
        TextStyle ss = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
        SDL_Rect sum = in;
        sum.h = in.h;
        text_draw_box(v->text, text_in(&e->summary, lang), &ss, sum);
    }
    widget_focus_ring(app, v, t->rect, t->id);
}

static void lib_draw(App *app, Screen *s, View *v)
{
    Library *l = (Library *)s;
    const Theme *th = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Skills library"), ID_BACK);
    LibLayout o;
    layout(app, v, l, &o);
    const char *lang = i18n_lang();
    for (int i = 0; i <= MODULE_COUNT; i++) {
        Target t = {ID_MODULE0 + i, o.modules[i], false};
        const char *label = i == 0 ? _("All skills") : module_title((Module)(i - 1), lang);
        widget_button(app, v, &t, label, l->module == i - 1 ? BUTTON_PRIMARY : BUTTON_QUIET,
                      NULL);
    }
    char search[QUERY_MAX * 4 + 64];
    if (l->query[0])
        snprintf(search, sizeof search, _("Search: %s"), l->query);
    else
        snprintf(search, sizeof search, "%s", _("Search the library"));
    Target st = {ID_SEARCH, o.search, false};
    widget_button(app, v, &st, search, BUTTON_SECONDARY, NULL);
    if (l->query[0]) {
        Target ct = {ID_CLEAR, o.clear, false};
        widget_button(app, v, &ct, _("Clear"), BUTTON_QUIET, NULL);
    }
    int first = l->page * o.per_page;
    for (int i = 0; i < o.per_page && first + i < l->nshown; i++) {
        Target t = {ID_CARD0 + i, o.cards[i], false};
        draw_card(app, v, l->shown[first + i], &t);
    }
    if (l->nshown == 0) {
        TextStyle es = {type_px(app, v, TYPE_BODY), FONT_REGULAR, th->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
        text_draw_box(v->text,
                      app->catalog && catalog_exercise_count(app->catalog)
                          ? _("No exercise matches. Clear the search or choose another module.")
                          : _("No exercises were found in the data folder."),
                      &es, o.grid);
    }
    int np = pages(l, o.per_page);
    Target pt = {ID_PREV, o.prev, l->page == 0};
    widget_button(app, v, &pt, _("Previous"), BUTTON_QUIET, NULL);
    Target nt = {ID_NEXT, o.next, l->page + 1 >= np};
    widget_button(app, v, &nt, _("More"), BUTTON_QUIET, NULL);
    char pg[64];
    snprintf(pg, sizeof pg, _("Page %d of %d"), l->page + 1, np > 0 ? np : 1);
    TextStyle ps = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->text_muted, 0, ALIGN_CENTER, TYPE_CAPTION};
    SDL_Rect mid = {o.prev.x + o.prev.w, o.prev.y, o.next.x - o.prev.x - o.prev.w, o.prev.h};
    text_draw_box(v->text, pg, &ps, mid);
}

static void lib_enter(App *app, Screen *s)
{
    Library *l = (Library *)s;
    int page = l->page;
    refilter(app, l); /* the language may have changed */
    l->page = page;
}

static void lib_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass library_screen_class = {
    .name = "library",
    .enter = lib_enter,
    .event = lib_event,
    .activate = lib_activate,
    .targets = lib_targets,
    .draw = lib_draw,
    .destroy = lib_destroy,
};

Screen *library_screen_new(App *app)
{
    Library *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->base.cls = &library_screen_class;
    l->module = -1;
    refilter(app, l);
    return &l->base;
}

static void open_library(App *app) { app_push(app, library_screen_new(app)); }

const ConsoleTile library_tile = {N_("Skills library"), NULL, false, open_library};
