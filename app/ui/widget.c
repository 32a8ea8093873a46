#include "ui/widget.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "ui/draw.h"

#include <math.h>
#include <string.h>
#include <stdio.h>

int widget_min_touch(const View *v) { return (int)ceilf(9.0f * v->px_per_mm); }

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
    int d = (int)fmaxf(3, v->unit * 0.7f);
    SDL_Rect ring = rect_inset(rect, -d * 2);
    draw_round_frame(v->renderer, ring, v->unit * 2.2f, (float)d, app->theme.focus);
}

int widget_help_width(App *app, const View *v, SDL_Rect bar)
{
    int w = 0, h = 0;
    fontset_measure(app->fonts, FONT_BOLD, app_text_px(app, v, 4.2f), _("Talk to someone"), &w,
                    &h);
    w += app_text_px(app, v, 5.0f) + (int)(v->unit * 6);
    return w < bar.w / 3 ? w : bar.w / 3;
}

void widget_help_button(App *app, View *v, const Target *t)
{
    widget_button(app, v, t, _("Talk to someone"), BUTTON_QUIET, draw_icon_wave);
}

void widget_card(App *app, View *v, SDL_Rect rect)
{
    draw_round_rect(v->renderer, rect, v->unit * 2.0f, app->theme.surface);
}

void widget_button(App *app, View *v, const Target *t, const char *label, ButtonKind kind,
                   IconFn icon)
{
    const Theme *th = &app->theme;
    bool pressed = widget_pressed(app, t->id);
    SDL_Color fill, ink;
    switch (kind) {
    case BUTTON_PRIMARY:
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
    SDL_Rect r = t->rect;
    if (kind != BUTTON_QUIET || pressed)
        draw_round_rect(v->renderer, r, v->unit * 1.6f, fill);
    else
        draw_round_frame(v->renderer, r, v->unit * 1.6f, fmaxf(1.5f, v->unit * 0.25f), th->line);
    float held = app_hold_progress(app, t->id);
    if (held > 0) {
        /* a hold target being held: the fill grows to the right, the
         * countdown staff see and a tap never completes */
        SDL_Rect f = r;
        f.w = (int)((float)r.w * held);
        view_set_clip(v, &f);
        draw_round_rect(v->renderer, r, v->unit * 1.6f, theme_mix(fill, th->accent, 0.7f));
        view_set_clip(v, NULL);
    }

    int pad = (int)(v->unit * 2);
    int icon_sz = 0;
    if (icon) {
        icon_sz = (int)fminf((float)r.h * 0.5f, (float)app_text_px(app, v, 5.0f));
        if (!label) {
            icon_sz = (int)((float)(r.h < r.w ? r.h : r.w) * 0.55f);
            icon(v->renderer, rect_center(r, icon_sz, icon_sz), ink);
        }
    }
    if (label) {
        TextStyle st = {app_text_px(app, v, 4.2f), FONT_BOLD, ink, 0, ALIGN_CENTER};
        SDL_Rect box = rect_inset(r, pad);
        if (icon) {
            box.x += icon_sz + pad / 2;
            box.w -= icon_sz + pad / 2;
        }
        int min_px = app_text_px(app, v, 2.6f);
        st.px = text_fit_px(v->text, label, FONT_BOLD, st.px, min_px, box.w, box.h);
        int tw, tht;
        text_size(v->text, label, &st, &tw, &tht);
        if (tw > box.w && !strchr(label, ' ')) {
            /* one word: smaller, never broken in the middle */
            while (tw > box.w && st.px > 10) {
                st.px = st.px * 9 / 10;
                text_size(v->text, label, &st, &tw, &tht);
            }
        } else if (tw > box.w) {
            /* wrapped, but never inside a word ("cam-era"): smaller until
             * the longest word fits on its line */
            while (fontset_widest_word(app->fonts, FONT_BOLD, st.px, label) > box.w &&
                   st.px > 10)
                st.px = st.px * 9 / 10;
            st.wrap = box.w;
            text_size(v->text, label, &st, &tw, &tht);
            /* still taller than the button: smaller rather than cut off */
            while (tht > r.h - pad / 2 && st.px > 10) {
                st.px = st.px * 9 / 10;
                text_size(v->text, label, &st, &tw, &tht);
            }
        }
        int total = tw + (icon ? icon_sz + pad / 2 : 0);
        int x0 = r.x + (r.w - total) / 2;
        if (icon)
            icon(v->renderer, (SDL_Rect){x0, r.y + (r.h - icon_sz) / 2, icon_sz, icon_sz}, ink);
        st.align = ALIGN_LEFT;
        SDL_Rect clip = rect_inset(r, pad / 4);
        view_set_clip(v, &clip);
        text_draw(v->text, label, &st, x0 + (icon ? icon_sz + pad / 2 : 0) + (st.wrap ? 0 : 0),
                  r.y + (r.h - tht) / 2);
        view_set_clip(v, NULL);
    }
    widget_focus_ring(app, v, r, t->id);
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
    int h = (int)(v->unit * 12 * (float)app->settings.text_scale / 100.0f);
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
    int h = (int)fmaxf(v->unit * 11, (float)widget_min_touch(v));
    SDL_Rect r = {area.x, area.y, h, h};
    return r;
}

SDL_Rect ui_header(App *app, View *v, const char *title, int back_id)
{
    const Theme *t = &app->theme;
    SDL_Rect area = view_area(v, 3);
    int h = (int)fmaxf(v->unit * 11, (float)widget_min_touch(v));
    SDL_Rect head = rect_cut_top(&area, h);
    if (back_id >= 0) {
        Target bt = {back_id, ui_header_back_rect(v), false};
        widget_button(app, v, &bt, NULL, BUTTON_SECONDARY, draw_icon_back);
        rect_cut_left(&head, bt.rect.w + ui_gap(v));
    }
    char now[160];
    ui_format_now(app, now, sizeof now);
    TextStyle ts = {app_text_px(app, v, 3.4f), FONT_REGULAR, t->text_muted, 0, ALIGN_RIGHT};
    int tw, th;
    text_size(v->text, now, &ts, &tw, &th);
    if (tw < head.w / 2) {
        text_draw(v->text, now, &ts, head.x + head.w, head.y + (head.h - th) / 2);
        rect_cut_right(&head, tw + ui_gap(v));
    }
    TextStyle st = {app_text_px(app, v, 6.0f), FONT_BOLD, t->text, 0, ALIGN_LEFT};
    text_draw_fit(v->text, title, &st, app_text_px(app, v, 3.5f), head);
    rect_cut_top(&area, ui_gap(v));
    return area;
}
