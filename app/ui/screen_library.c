/* The skills library: browse the exercises by module, search, and open one
 * to start it for the room. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/type.h"
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
    ID_CHIPS_UP = 6,
    ID_CHIPS_DOWN = 7,
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
    ScrollList chips; /* the module chips down the side, by whole chips */
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

#define MAX_CARDS 12

typedef struct LibLayout {
    SDL_Rect modules[MODULE_COUNT + 1];
    SDL_Rect chips_up, chips_down;
    SDL_Rect search, clear, grid, prev, next, cards[MAX_CARDS];
    int first, ncards, npages; /* this page's first exercise and count, all pages */
    bool summaries;            /* the cards show their summaries */
} LibLayout;

static const char *chip_label(int i)
{
    return i == 0 ? _("All skills") : module_title((Module)(i - 1), i18n_lang());
}

/* A card's height for e at width w: its title, module line and summary
 * wrapped whole, with the card's padding. */
static int card_h(const App *app, const View *v, const Exercise *e, int w, bool summary)
{
    const char *lang = i18n_lang();
    int gap = ui_gap(v), in = w - gap * 2;
    if (in < 1)
        in = 1;
    TextStyle ts = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    TextStyle cs = type_style(app, v, TYPE_CAPTION, app->theme.text, ALIGN_LEFT);
    cs.weight = FONT_REGULAR;
    char meta[160];
    int minutes = (e->total_seconds + 30) / 60;
    snprintf(meta, sizeof meta, P_("%s \xC2\xB7 %d minute", "%s \xC2\xB7 %d minutes", minutes),
             module_title(e->module, lang), minutes);
    return gap * 2 + text_height(v->text, text_in(&e->title, lang), &ts, in) +
           text_height(v->text, meta, &cs, in) +
           (summary ? text_height(v->text, text_in(&e->summary, lang), &cs, in) : 0);
}

/* How many exercises from first fill one page of the grid (rows of cols
 * cards, each row as tall as its tallest card), at least one; the rows'
 * heights in row_h when given. */
static int page_fill(const App *app, const View *v, const Library *l, int first, int cols,
                     SDL_Rect grid, bool summaries, int *row_h)
{
    int gap = ui_gap(v), cw = (grid.w - gap * (cols - 1)) / cols, y = 0, n = 0, r = 0;
    while (first + n < l->nshown && n + cols <= MAX_CARDS) {
        int h = 0;
        for (int c = 0; c < cols && first + n + c < l->nshown; c++) {
            int ch = card_h(app, v, l->shown[first + n + c], cw, summaries);
            h = ch > h ? ch : h;
        }
        if (n > 0 && y + h > grid.h)
            break;
        if (row_h)
            row_h[r] = h;
        r++;
        y += h + gap;
        n += cols;
    }
    if (first + n > l->nshown)
        n = l->nshown - first;
    return n > 0 ? n : 1;
}

static void layout(App *app, const View *v, Library *l, LibLayout *o)
{
    memset(o, 0, sizeof *o);
    /* below the header, however many lines its title takes */
    SDL_Rect area = ui_body(app, v, _("Skills library"), true);
    int gap = ui_gap(v);
    int bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    int nmod = MODULE_COUNT + 1;
    if (portrait) {
        /* modules as a grid of chips across the top: three a row when
         * every label's longest word fits a third, else two; each row as
         * tall as its wrapped labels */
        int per_row = 3;
        for (; per_row > 2; per_row--) {
            int cw = (area.w - gap / 2 * (per_row - 1)) / per_row;
            bool fits = true;
            for (int i = 0; i < nmod && fits; i++)
                fits = widget_button_w(app, v, chip_label(i), false, cw) <= cw;
            if (fits)
                break;
        }
        int cw = (area.w - gap / 2 * (per_row - 1)) / per_row;
        for (int i = 0; i < nmod; i += per_row) {
            int h = bh;
            for (int k = i; k < i + per_row && k < nmod; k++) {
                int ch = widget_button_h(app, v, chip_label(k), false, cw);
                h = ch > h ? ch : h;
            }
            SDL_Rect row = rect_cut_top(&area, h);
            rect_cut_top(&area, gap / 2);
            for (int k = i; k < i + per_row && k < nmod; k++)
                o->modules[k] = rect_col(row, per_row, k - i, gap / 2);
        }
        rect_cut_top(&area, gap);
    } else {
        /* one column of chips down the side, wide enough for the longest
         * word, each as tall as its wrapped label; what does not fit
         * scrolls by whole chips */
        int arrow_w = widget_min_touch(v);
        int side_w = area.w / 4, most = area.w * 2 / 5;
        for (int i = 0; i < nmod; i++) {
            int need = widget_button_w(app, v, chip_label(i), false, 1) + arrow_w + gap;
            if (need > side_w)
                side_w = need < most ? need : most;
        }
        SDL_Rect side = rect_cut_left(&area, side_w);
        rect_cut_left(&area, gap * 2);
        int heights[MODULE_COUNT + 1], total = -gap / 2;
        for (int i = 0; i < nmod; i++) {
            heights[i] = widget_button_h(app, v, chip_label(i), false, side.w);
            total += heights[i] + gap / 2;
        }
        if (total > side.h) /* the arrows take a column: narrower chips */
            for (int i = 0; i < nmod; i++)
                heights[i] = widget_button_h(app, v, chip_label(i), false,
                                             side.w - arrow_w - gap);
        SDL_Rect out[MODULE_COUNT + 1];
        scroll_layout(&l->chips, heights, nmod, side, gap / 2, arrow_w, out, &o->chips_up,
                      &o->chips_down);
        for (int k = 0; k < l->chips.shown; k++)
            o->modules[l->chips.first + k] = out[k];
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
    /* a quarter and a third of the row, or what their words need */
    int pw = widget_button_w(app, v, _("Previous"), false, bottom.w / 4);
    int nw = widget_button_w(app, v, _("More"), false, bottom.w / 3);
    o->prev = rect_cut_left(&bottom, pw > bottom.w / 4 ? pw : bottom.w / 4);
    o->next = rect_cut_right(&bottom, nw > bottom.w / 3 ? nw : bottom.w / 3);
    o->grid = area;
    /* pages of whole cards: each card as tall as its words, so a page
     * holds as many as fit */
    int cols = v->w >= 1600 || (!portrait && v->w >= 1000) ? 2 : 1;
    int first = 0, row_h[MAX_CARDS];
    if (l->page < 0)
        l->page = 0;
    /* summaries while a page holds three cards or more; fewer (a small
     * screen at a large text size), the titles alone, so the list still
     * shows several (the exercise page has the summary) */
    o->summaries = l->nshown < 3 || page_fill(app, v, l, 0, cols, area, true, NULL) >= 3;
    for (;;) {
        int n = first < l->nshown ? page_fill(app, v, l, first, cols, area, o->summaries, NULL)
                                  : 0;
        if (o->npages == l->page) {
            o->first = first;
            o->ncards = n;
        }
        o->npages++;
        first += n;
        if (first >= l->nshown)
            break;
    }
    if (l->page >= o->npages) {
        l->page = o->npages - 1;
        layout(app, v, l, o);
        return;
    }
    if (o->ncards) {
        page_fill(app, v, l, o->first, cols, area, o->summaries, row_h);
        int y = area.y;
        for (int i = 0; i < o->ncards; i++) {
            SDL_Rect row = {area.x, y, area.w, row_h[i / cols]};
            o->cards[i] = rect_col(row, cols, i % cols, gap);
            if (i % cols == cols - 1)
                y += row_h[i / cols] + gap;
        }
    }
}

static int lib_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    Library *l = (Library *)s;
    LibLayout o;
    layout(app, v, l, &o);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i <= MODULE_COUNT; i++)
        if (o.modules[i].w)
            out[n++] = (Target){ID_MODULE0 + i, o.modules[i], false};
    if (o.chips_up.w) {
        out[n++] = (Target){ID_CHIPS_UP, o.chips_up, l->chips.first == 0};
        out[n++] = (Target){ID_CHIPS_DOWN, o.chips_down,
                            l->chips.first + l->chips.shown >= l->chips.count};
    }
    out[n++] = (Target){ID_SEARCH, o.search, false};
    if (l->query[0])
        out[n++] = (Target){ID_CLEAR, o.clear, false};
    for (int i = 0; i < o.ncards && n < max - 2; i++)
        out[n++] = (Target){ID_CARD0 + i, o.cards[i], false};
    out[n++] = (Target){ID_PREV, o.prev, l->page == 0};
    out[n++] = (Target){ID_NEXT, o.next, l->page + 1 >= o.npages};
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
    } else if (id == ID_NEXT && l->page + 1 < o.npages) {
        l->page++;
        app_targets_changed(app);
    } else if (id == ID_CHIPS_UP || id == ID_CHIPS_DOWN) {
        if (scroll_page(&l->chips, id == ID_CHIPS_UP ? -1 : 1))
            app_targets_changed(app);
    } else if (id >= ID_MODULE0 && id <= ID_MODULE0 + MODULE_COUNT) {
        l->module = id - ID_MODULE0 - 1;
        refilter(app, l);
    } else if (id >= ID_CARD0) {
        int idx = o.first + (id - ID_CARD0);
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

static void draw_card(App *app, View *v, const Exercise *e, const Target *t, bool summary)
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
    int lh = text_height(v->text, text_in(&e->title, lang), &ts, in.w);
    text_draw_box(v->text, text_in(&e->title, lang), &ts, rect_cut_top(&in, lh));
    char meta[160];
    int minutes = (e->total_seconds + 30) / 60;
    snprintf(meta, sizeof meta, P_("%s \xC2\xB7 %d minute", "%s \xC2\xB7 %d minutes", minutes),
             module_title(e->module, lang), minutes);
    TextStyle ms = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, th->accent, 0, ALIGN_LEFT, TYPE_CAPTION};
    int mlh = text_height(v->text, meta, &ms, in.w);
    text_draw_box(v->text, meta, &ms, rect_cut_top(&in, mlh));
    if (summary && in.h > 0) {
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
        for (int i = 0; i <= MODULE_COUNT; i++) {
        if (!o.modules[i].w)
            continue; /* scrolled out of the side column */
        Target t = {ID_MODULE0 + i, o.modules[i], false};
        widget_button(app, v, &t, chip_label(i),
                      l->module == i - 1 ? BUTTON_PRIMARY : BUTTON_QUIET, NULL);
    }
    Target cu = {ID_CHIPS_UP, o.chips_up, false}, cd = {ID_CHIPS_DOWN, o.chips_down, false};
    scroll_draw_arrows(app, v, &l->chips, &cu, &cd);
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
    for (int i = 0; i < o.ncards; i++) {
        Target t = {ID_CARD0 + i, o.cards[i], false};
        draw_card(app, v, l->shown[o.first + i], &t, o.summaries);
    }
    if (l->nshown == 0) {
        TextStyle es = {type_px(app, v, TYPE_BODY), FONT_REGULAR, th->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
        text_draw_box(v->text,
                      app->catalog && catalog_exercise_count(app->catalog)
                          ? _("No exercise matches. Clear the search or choose another module.")
                          : _("No exercises were found in the data folder."),
                      &es, o.grid);
    }
    int np = o.npages;
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
