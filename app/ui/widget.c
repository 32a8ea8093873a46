#include "ui/widget.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/textlog.h"

#include <math.h>
#include <string.h>
#include <stdio.h>

int widget_min_touch(const View *v) { return (int)ceilf(9.0f * v->px_per_mm); }

int widget_mm(const View *v, float mm) { return (int)ceilf(mm * v->px_per_mm); }

float widget_px_per_mm(float hdpi, float vdpi, int w, int h)
{
    float dpi = hdpi > vdpi ? hdpi : vdpi;
    bool measured = dpi >= 50 && dpi <= 800 && fabsf(dpi - 96.0f) > 0.01f;
    if (!measured) {
        float diagonal = sqrtf((float)w * (float)w + (float)h * (float)h);
        dpi = diagonal / 7.0f;
        if (dpi < 96)
            dpi = 96;
        if (dpi > 300)
            dpi = 300;
    }
    return dpi / 25.4f;
}

bool widget_pressed(const App *app, int id) { return id >= 0 && app->pressed_id == id; }

bool widget_focused(const App *app, int id)
{
    return id >= 0 && app->focus_visible && app->focus_id == id;
}

void widget_focus_ring(App *app, View *v, SDL_Rect rect, int id)
{
    if (!widget_focused(app, id) || v->role != VIEW_MAIN)
        return;
    int d = (int)fmaxf(3, v->unit * app->theme.focus_units);
    SDL_Rect ring = rect_inset(rect, -d * 2);
    draw_round_frame(v->renderer, ring, v->unit * 2.2f, (float)d, app->theme.focus);
}

/* The icon beside a label: about the label's cap height and a half. */
static int icon_size(const App *app, const View *v)
{
    return (int)((float)type_px(app, v, TYPE_LABEL) * 1.15f);
}

int widget_button_w(const App *app, const View *v, const char *label, bool icon, int max_w)
{
    int pad = ui_pad(app, v), w = 0, word = 0;
    if (label) {
        TextStyle st = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_CENTER);
        text_size(v->text, label, &st, &w, NULL);
        word = text_widest_word(v->text, label, &st);
    }
    int extra = pad * 2 + (icon ? icon_size(app, v) + (label ? pad / 2 : 0) : 0);
    w += extra;
    int min = widget_min_touch(v);
    if (w < min)
        w = min;
    /* capped, but never so narrow that a word would stick out */
    if (max_w > 0 && max_w < word + extra)
        max_w = word + extra;
    return max_w > 0 && w > max_w ? max_w : w;
}

int widget_button_h(const App *app, const View *v, const char *label, bool icon, int w)
{
    int pad = ui_pad(app, v);
    int inner = w - pad * 2 - (icon && label ? icon_size(app, v) + pad / 2 : 0);
    int h = 0;
    if (label) {
        TextStyle st = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_CENTER);
        h = text_height(v->text, label, &st, inner > 1 ? inner : 1);
    }
    if (icon && icon_size(app, v) > h)
        h = icon_size(app, v);
    /* the padding above and below is a little less than at the sides */
    h += pad * 3 / 2;
    int min = widget_min_touch(v);
    return h < min ? min : h;
}

int widget_button_min_w(const App *app, const View *v, const char *label, bool icon)
{
    TextStyle st = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_CENTER);
    int widest = 0;
    char word[128];
    for (const char *c = label; *c;) {
        size_t n = strcspn(c, " ");
        if (n > 0 && n < sizeof word) {
            memcpy(word, c, n);
            word[n] = '\0';
            int w = 0, h = 0;
            text_size(v->text, word, &st, &w, &h);
            widest = w > widest ? w : widest;
        }
        c += n;
        c += *c == ' ';
    }
    int pad = ui_pad(app, v);
    return widest + pad * 2 + (icon ? icon_size(app, v) + pad / 2 : 0);
}

int widget_row_h(const App *app, const View *v, const char *const *labels, int n, int w,
                 int gap)
{
    int each = n > 0 ? (w - gap * (n - 1)) / n : w, h = 0;
    for (int i = 0; i < n; i++) {
        int b = widget_button_h(app, v, labels[i], false, each);
        if (b > h)
            h = b;
    }
    return h ? h : ui_button_h(app, v);
}

int widget_help_width(App *app, const View *v, SDL_Rect bar)
{
    return widget_button_w(app, v, _("Talk to someone"), true, bar.w / 3);
}

void widget_help_button(App *app, View *v, const Target *t)
{
    widget_button(app, v, t, _("Talk to someone"), BUTTON_QUIET, draw_icon_wave);
}

void widget_card(App *app, View *v, SDL_Rect rect)
{
    draw_round_rect(v->renderer, rect, v->unit * 2.0f, app->theme.surface);
    if (app->theme.high_contrast)
        draw_round_frame(v->renderer, rect, v->unit * 2.0f, fmaxf(1.5f, v->unit * 0.3f),
                         app->theme.line);
}

void widget_scrim(App *app, View *v)
{
    SDL_SetRenderDrawBlendMode(v->renderer, SDL_BLENDMODE_BLEND);
    SDL_Color c = app->theme.bg;
    SDL_SetRenderDrawColor(v->renderer, c.r, c.g, c.b, app->theme.high_contrast ? 255 : 215);
    SDL_Rect all = {0, 0, v->w, v->h};
    SDL_RenderFillRect(v->renderer, &all);
    SDL_SetRenderDrawBlendMode(v->renderer, SDL_BLENDMODE_NONE);
    if (text_cache_log(v->text))
        textlog_cover(text_cache_log(v->text), all);
}

void widget_button(App *app, View *v, const Target *t, const char *label, ButtonKind kind,
                   IconFn icon)
{
    const Theme *th = &app->theme;
    bool pressed = widget_pressed(app, t->id);
    SDL_Color fill, ink;
    switch (kind) {
    case BUTTON_PRIMARY:
    case BUTTON_CHOSEN:
        /* pressed: lighter, so the dark label keeps its contrast */
        fill = pressed ? theme_mix(th->accent, th->text, 0.35f) : th->accent;
        ink = th->text_on_accent;
        break;
    case BUTTON_SECONDARY:
        /* raised above both the background and cards */
        fill = pressed ? theme_mix(th->surface_hi, th->bg, 0.5f) : th->surface_hi;
        ink = th->text;
        break;
    default:
        fill = pressed ? th->surface : th->bg;
        ink = th->text;
        break;
    }
    if (t->disabled) {
        fill = th->surface;
        ink = th->text_muted;
    }
    if (kind == BUTTON_CHOSEN)
        icon = draw_icon_check; /* never the colour alone */
    SDL_Rect r = t->rect;
    float radius = v->unit * 1.6f;
    float edge = fmaxf(1.5f, v->unit * (th->high_contrast ? 0.4f : 0.25f));
    if (kind != BUTTON_QUIET || pressed)
        draw_round_rect(v->renderer, r, radius, fill);
    if (kind == BUTTON_QUIET && !pressed)
        draw_round_frame(v->renderer, r, radius, edge, th->line);
    else if (th->high_contrast && kind == BUTTON_SECONDARY)
        draw_round_frame(v->renderer, r, radius, edge, th->edge);
    if (t->disabled && th->high_contrast) {
        /* not by its shade alone: a dashed look, two thin frames */
        draw_round_frame(v->renderer, rect_inset(r, (int)(edge * 2)), radius, 1.0f, th->line);
    }
    float held = app_hold_progress(app, t->id);
    if (held > 0) {
        /* a hold target being held: the fill grows to the right, the
         * countdown staff see and a tap never completes */
        SDL_Rect f = r;
        f.w = (int)((float)r.w * held);
        view_set_clip(v, &f);
        fill = theme_mix(fill, th->accent, 0.7f);
        draw_round_rect(v->renderer, r, radius, fill);
        view_set_clip(v, NULL);
        /* the label stays readable over the part that filled */
        if (theme_contrast(ink, fill) < 7.0)
            ink = th->text_on_accent;
    }

    int pad = ui_pad(app, v);
    int isz = icon_size(app, v);
    if (icon && !label) {
        int sz = (int)((float)(r.h < r.w ? r.h : r.w) * 0.55f);
        if (sz > isz * 2)
            sz = isz * 2;
        icon(v->renderer, rect_center(r, sz, sz), ink);
    }
    if (label) {
        TextStyle st = type_style(app, v, TYPE_LABEL, ink, ALIGN_CENTER);
        SDL_Rect box = rect_inset(r, pad);
        box.y = r.y + pad / 4;
        box.h = r.h - pad / 2;
        int gap_icon = icon ? isz + pad / 2 : 0;
        box.w -= gap_icon;
        int tw = 0, tht = 0;
        if (!strchr(label, ' ')) {
            /* one word (a key's letter): a narrow key gives up its padding
             * before its label is cut, down to a frame's width a side */
            int margin = (int)(edge * 3);
            text_size(v->text, label, &st, &tw, &tht);
            if (tw > box.w && tw <= r.w - 2 * margin - gap_icon)
                box.w = tw;
        }
        st.wrap = box.w > 1 ? box.w : 1;
        text_size(v->text, label, &st, &tw, &tht);
        if (tw > box.w)
            tw = box.w;
        int x0 = r.x + (r.w - tw - gap_icon) / 2;
        if (icon)
            icon(v->renderer, (SDL_Rect){x0, r.y + (r.h - isz) / 2, isz, isz}, ink);
        SDL_Rect tb = {x0 + gap_icon, box.y, tw, box.h};
        text_draw_box(v->text, label, &st, tb);
    }
    widget_focus_ring(app, v, r, t->id);
}

Grid grid_make(SDL_Rect area, int cols, int cell_h, int gap)
{
    Grid g = {area, cols < 1 ? 1 : cols, 0, cell_h, gap};
    g.cell_w = (area.w - gap * (g.cols - 1)) / g.cols;
    return g;
}

SDL_Rect grid_cell(const Grid *g, int i)
{
    return (SDL_Rect){g->area.x + (i % g->cols) * (g->cell_w + g->gap),
                      g->area.y + (i / g->cols) * (g->cell_h + g->gap), g->cell_w, g->cell_h};
}

int grid_rows_fit(int h, int cell_h, int gap)
{
    int rows = cell_h > 0 ? (h + gap) / (cell_h + gap) : 0;
    return rows < 0 ? 0 : rows;
}

/* How many items from first fit in h. */
static int fit_from(const int *heights, int n, int first, int h, int gap)
{
    int used = 0, k = 0;
    for (int i = first; i < n; i++) {
        int need = heights[i] + (k ? gap : 0);
        if (used + need > h)
            break;
        used += need;
        k++;
    }
    return k;
}

void scroll_layout(ScrollList *list, const int *heights, int n, SDL_Rect area, int gap,
                   int arrow_w, SDL_Rect *out, SDL_Rect *up, SDL_Rect *down)
{
    list->count = n;
    *up = *down = (SDL_Rect){0, 0, 0, 0};
    SDL_Rect items = area;
    if (fit_from(heights, n, 0, area.h, gap) < n) {
        SDL_Rect col = rect_cut_right(&items, arrow_w);
        rect_cut_right(&items, gap);
        *up = rect_cut_top(&col, (col.h - gap) / 2);
        rect_cut_top(&col, gap);
        *down = col;
    } else {
        list->first = 0;
    }
    /* never past the point where the last item shows at the bottom */
    while (list->first > 0 && fit_from(heights, n, list->first - 1, items.h, gap) >
                                  n - list->first)
        list->first--;
    if (list->first >= n)
        list->first = n > 0 ? n - 1 : 0;
    if (list->first < 0)
        list->first = 0;
    int k = fit_from(heights, n, list->first, items.h, gap);
    if (k == 0 && list->first < n)
        k = 1; /* one item taller than the area: shown, cut (the tests see it) */
    list->shown = k;
    int y = items.y;
    for (int i = 0; i < k; i++) {
        out[i] = (SDL_Rect){items.x, y, items.w, heights[list->first + i]};
        y += heights[list->first + i] + gap;
    }
}

bool scroll_page(ScrollList *list, int dir)
{
    int was = list->first;
    int step = list->shown > 1 ? list->shown - 1 : 1;
    list->first += dir * step;
    if (list->first + list->shown > list->count && dir > 0)
        list->first = list->count - list->shown;
    if (list->first < 0)
        list->first = 0;
    return list->first != was;
}

static void icon_up(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float cx = (float)b.x + (float)b.w / 2, cy = (float)b.y + (float)b.h / 2, s = (float)b.w;
    SDL_FPoint p[3] = {{cx - s * 0.35f, cy + s * 0.18f}, {cx, cy - s * 0.2f},
                       {cx + s * 0.35f, cy + s * 0.18f}};
    draw_polyline(r, p, 3, fmaxf(2, s * 0.12f), c);
}

static void icon_down(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float cx = (float)b.x + (float)b.w / 2, cy = (float)b.y + (float)b.h / 2, s = (float)b.w;
    SDL_FPoint p[3] = {{cx - s * 0.35f, cy - s * 0.18f}, {cx, cy + s * 0.2f},
                       {cx + s * 0.35f, cy - s * 0.18f}};
    draw_polyline(r, p, 3, fmaxf(2, s * 0.12f), c);
}

void scroll_draw_arrows(App *app, View *v, const ScrollList *list, const Target *up,
                        const Target *down)
{
    if (!up->rect.w)
        return;
    Target u = *up, d = *down;
    u.disabled = list->first == 0;
    d.disabled = list->first + list->shown >= list->count;
    widget_button(app, v, &u, NULL, BUTTON_SECONDARY, icon_up);
    widget_button(app, v, &d, NULL, BUTTON_SECONDARY, icon_down);
}

#define MAX_PARAGRAPHS 12

void widget_paragraphs(App *app, View *v, ScrollList *list, const char *text, TypeRole role,
                       SDL_Color c, SDL_Rect area, int up_id, SDL_Rect *up, SDL_Rect *down,
                       bool draw)
{
    char buf[4096], *para[MAX_PARAGRAPHS];
    snprintf(buf, sizeof buf, "%s", text);
    int n = 0;
    for (char *p = buf; p && *p && n < MAX_PARAGRAPHS;) {
        para[n++] = p;
        p = strstr(p, "\n\n");
        if (p) {
            *p = '\0';
            p += 2;
        }
    }
    int gap = ui_gap(v), arrow_w = widget_min_touch(v), heights[MAX_PARAGRAPHS];
    for (int i = 0; i < n; i++)
        heights[i] = type_height(app, v, role, para[i], area.w - arrow_w - gap);
    SDL_Rect out[MAX_PARAGRAPHS];
    scroll_layout(list, heights, n, area, gap, arrow_w, out, up, down);
    if (!draw)
        return;
    TextStyle st = type_style(app, v, role, c, ALIGN_LEFT);
    for (int k = 0; k < list->shown; k++)
        text_draw_top(v->text, para[list->first + k], &st, out[k]);
    Target u = {up_id, *up, false}, d = {up_id + 1, *down, false};
    scroll_draw_arrows(app, v, list, &u, &d);
}

SDL_Rect view_area(const View *v, float margin_units)
{
    int m = (int)(v->unit * margin_units);
    SDL_Rect r = {m, m, v->w - 2 * m, v->h - 2 * m};
    return r;
}

int ui_gap(const View *v) { return (int)fmaxf(4, v->unit * 2); }

int ui_button_h(const App *app, const View *v)
{
    int h = type_line_h(app, v, TYPE_LABEL) + ui_pad(app, v) * 3 / 2;
    int min = widget_min_touch(v);
    return h < min ? min : h;
}

void ui_format_now(const App *app, char *out, size_t n)
{
    int y, mo, d, wd, h, mi;
    clock_local_date(app->wall, &y, &mo, &d, &wd);
    clock_local_hm(app->wall, &h, &mi);
    char date[96], time[32];
    i18n_format_date(date, sizeof date, mo, d, wd);
    i18n_format_time(time, sizeof time, h, mi);
    snprintf(out, n, "%s  \xC2\xB7  %s", date, time);
}

SDL_Rect ui_header_back_rect(const View *v)
{
    SDL_Rect area = view_area(v, 3);
    int h = (int)fmaxf(v->unit * 10, (float)widget_min_touch(v));
    SDL_Rect r = {area.x, area.y, h, h};
    return r;
}

typedef struct HeaderLayout {
    SDL_Rect title, when, below;
    char now[160];
} HeaderLayout;

/* The header: the back button, the title (wrapped when long) and the date
 * and time, or the time alone when the date would squeeze the title. */
static void header_layout(App *app, const View *v, const char *title, bool back,
                          HeaderLayout *o)
{
    SDL_Rect area = view_area(v, 3);
    SDL_Rect b = ui_header_back_rect(v);
    int gap = ui_gap(v);
    SDL_Rect head = area;
    if (back)
        rect_cut_left(&head, b.w + gap);
    TextStyle ts = type_style(app, v, TYPE_CAPTION, app->theme.text_muted, ALIGN_RIGHT);
    TextStyle st = type_style(app, v, TYPE_TITLE, app->theme.text, ALIGN_LEFT);
    int title_w = 0;
    text_size(v->text, title, &st, &title_w, NULL);
    ui_format_now(app, o->now, sizeof o->now);
    int tw = 0;
    text_size(v->text, o->now, &ts, &tw, NULL);
    if (title_w + gap * 2 + tw > head.w) {
        /* the time alone */
        int h, m;
        clock_local_hm(app->wall, &h, &m);
        i18n_format_time(o->now, sizeof o->now, h, m);
        text_size(v->text, o->now, &ts, &tw, NULL);
    }
    o->when = rect_cut_right(&head, tw);
    rect_cut_right(&head, gap * 2);
    int th = text_height(v->text, title, &st, head.w);
    int hh = th > b.h ? th : b.h;
    o->title = (SDL_Rect){head.x, head.y, head.w, hh};
    o->when.h = hh;
    o->below = area;
    rect_cut_top(&o->below, hh + gap);
}

SDL_Rect ui_body(App *app, const View *v, const char *title, bool back)
{
    HeaderLayout o;
    header_layout(app, v, title, back, &o);
    return o.below;
}

SDL_Rect ui_header(App *app, View *v, const char *title, int back_id)
{
    const Theme *t = &app->theme;
    HeaderLayout o;
    header_layout(app, v, title, back_id >= 0, &o);
    if (back_id >= 0) {
        Target bt = {back_id, ui_header_back_rect(v), false};
        widget_button(app, v, &bt, NULL, BUTTON_SECONDARY, draw_icon_back);
    }
    TextStyle ts = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_RIGHT);
    text_draw_box(v->text, o.now, &ts, o.when);
    TextStyle st = type_style(app, v, TYPE_TITLE, t->text, ALIGN_LEFT);
    text_draw_box(v->text, title, &st, o.title);
    return o.below;
}
