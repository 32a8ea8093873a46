#include "ui/app.h"

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/log.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/rect.h"
#include "ui/textlog.h"
#include "ui/type.h"

#include <SDL_ttf.h>
#include <math.h>
#include <string.h>

/* Texture budget of one view's text cache: enough for every label of two
 * screens at 4K, small enough for a 1 GB board. */
static size_t text_budget(const View *v)
{
    size_t px = (size_t)v->w * (size_t)v->h;
    size_t b = px * 4 * 2; /* about two screenfuls of text pixels */
    if (b < 4u << 20)
        b = 4u << 20;
    if (b > 48u << 20)
        b = 48u << 20;
    return b;
}

bool app_init(App *app, char *err, size_t errlen)
{
    theme_for(&app->theme, app->settings.high_contrast);
    app->pressed_id = -1;
    app->focus_id = -1;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, _("Cannot start the text renderer: %s."), TTF_GetError());
        return false;
    }
    app->fonts = fontset_open(app->paths ? app->paths->fonts : NULL, err, errlen);
    if (!app->fonts)
        return false;
    /* The clinical content: a broken file is reported and skipped, never
     * fatal; the console lists the problems for staff. */
    if (app->paths && !app->catalog) {
        app->catalog = catalog_load(app->paths->data);
        if (!app->catalog) {
            snprintf(err, errlen, _("Out of memory reading %s."), app->paths->data);
            return false;
        }
        for (int i = 0; i < catalog_problem_count(app->catalog); i++) {
            char line[600];
            catalog_problem_format(catalog_problem_at(app->catalog, i), line, sizeof line);
            log_warn("%s/%s", app->paths->data, line);
        }
    }
    for (int i = 0; i < app->nviews; i++) {
        View *v = &app->views[i];
        int w = v->w, h = v->h;
        v->text = text_cache_new(v->renderer, app->fonts, 8u << 20);
        if (!v->text) {
            snprintf(err, errlen, _("Out of memory."));
            return false;
        }
        app_view_resized(app, v, w, h);
    }
    app->dirty = true;
    return true;
}

void app_shutdown(App *app)
{
    while (app->depth > 0)
        app_pop(app);
    for (int i = 0; i < app->nviews; i++) {
        text_cache_free(app->views[i].text);
        app->views[i].text = NULL;
        if (app->views[i].canvas)
            SDL_DestroyTexture(app->views[i].canvas);
        app->views[i].canvas = NULL;
    }
    fontset_close(app->fonts);
    app->fonts = NULL;
    catalog_free(app->catalog);
    app->catalog = NULL;
}

/* How this view's frames reach the screen (ViewPresent): partial frames
 * need a picture that outlives the frame. SDL's software renderer on a
 * window draws into the window's own surface, which stays as drawn; a GPU
 * renderer's back buffer does not, so it draws into a texture instead and
 * copies it whole each frame (a quad, nothing for a GPU). */
static void view_setup_present(View *v)
{
    if (v->canvas) {
        SDL_DestroyTexture(v->canvas);
        v->canvas = NULL;
    }
    SDL_RendererInfo info;
    bool have_info = v->renderer && SDL_GetRendererInfo(v->renderer, &info) == 0;
    if (v->surface) {
        v->present = PRESENT_SURFACE;
    } else if (have_info && !strcmp(info.name, "software")) {
        v->present = PRESENT_WINDOW;
    } else if (have_info && (info.flags & SDL_RENDERER_TARGETTEXTURE) && v->w > 0 && v->h > 0 &&
               (v->canvas = SDL_CreateTexture(v->renderer, SDL_PIXELFORMAT_ARGB8888,
                                              SDL_TEXTUREACCESS_TARGET, v->w, v->h))) {
        v->present = PRESENT_CANVAS;
    } else {
        v->present = PRESENT_WHOLE;
    }
    v->damage = (SDL_Rect){0, 0, 0, 0};
}

void app_view_resized(App *app, View *v, int w, int h)
{
    v->w = w;
    v->h = h;
    view_setup_present(v);
    v->unit = (float)(w < h ? w : h) / 100.0f;
    if (v->px_per_mm <= 0)
        v->px_per_mm = 96.0f / 25.4f;
    if (v->text) {
        text_cache_clear(v->text);
        TextCache *old = v->text;
        v->text = text_cache_new(v->renderer, app->fonts, text_budget(v));
        if (v->text) {
            text_cache_set_log(v->text, text_cache_log(old));
            text_cache_free(old);
        } else {
            v->text = old;
        }
    }
    app->targets_valid = false;
    app->dirty = true;
}

View *app_main_view(App *app) { return &app->views[0]; }

View *app_room_view(App *app) { return app->nviews > 1 ? &app->views[1] : &app->views[0]; }

int app_text_px(const App *app, const View *v, float units)
{
    float px = units * v->unit * (float)app->settings.text_scale / 100.0f;
    return (int)lroundf(px < 8 ? 8 : px);
}

/* --- the stack ---------------------------------------------------------------- */

Screen *app_top(App *app) { return app->depth ? app->stack[app->depth - 1] : NULL; }

Screen *app_find(App *app, const ScreenClass *cls)
{
    for (int i = app->depth - 1; i >= 0; i--)
        if (app->stack[i]->cls == cls)
            return app->stack[i];
    return NULL;
}

static void focus_reset(App *app)
{
    /* which screen is on top, for the end-to-end tests (HEARTH_LOG=debug) */
    if (app->depth)
        log_debug("screen: %s", app->stack[app->depth - 1]->cls->name);
    app->pressed_id = -1;
    app->focus_id = -1;
    app->targets_valid = false;
    app->dirty = true;
}

void app_push(App *app, Screen *s)
{
    hearth_expect(app->depth < APP_STACK_MAX);
    Screen *top = app_top(app);
    if (top && top->cls->leave)
        top->cls->leave(app, top);
    app->stack[app->depth++] = s;
    focus_reset(app);
    if (s->cls->enter)
        s->cls->enter(app, s);
}

static void pop_one(App *app)
{
    Screen *s = app->stack[--app->depth];
    if (s->cls->leave)
        s->cls->leave(app, s);
    if (s->cls->destroy)
        s->cls->destroy(app, s);
}

void app_pop(App *app)
{
    if (!app->depth)
        return;
    pop_one(app);
    focus_reset(app);
    Screen *top = app_top(app);
    if (top && top->cls->enter)
        top->cls->enter(app, top);
}

void app_replace(App *app, Screen *s)
{
    if (app->depth)
        pop_one(app);
    app->stack[app->depth++] = s;
    focus_reset(app);
    if (s->cls->enter)
        s->cls->enter(app, s);
}

void app_pop_to_below(App *app, const ScreenClass *cls)
{
    if (!app_find(app, cls))
        return;
    while (app->depth) {
        Screen *s = app_top(app);
        bool last = s->cls == cls;
        pop_one(app);
        if (last)
            break;
    }
    focus_reset(app);
    Screen *top = app_top(app);
    if (top && top->cls->enter)
        top->cls->enter(app, top);
}

void app_pop_to(App *app, int depth)
{
    if (depth < 0 || app->depth <= depth)
        return;
    while (app->depth > depth)
        pop_one(app);
    focus_reset(app);
    Screen *top = app_top(app);
    if (top && top->cls->enter)
        top->cls->enter(app, top);
}

void app_start_for_room(App *app, Screen *s)
{
    if (!s)
        return;
    for (int i = 0; i < app->depth; i++)
        if (app->stack[i]->cls->room_starts)
            app->stack[i]->cls->room_starts(app, app->stack[i]);
    app_pop_to(app, app->depth > 0 ? 1 : 0); /* the door stays */
    app_push(app, s);
}

void app_draw_below(App *app, Screen *s, View *v)
{
    for (int i = app->depth - 1; i > 0; i--) {
        if (app->stack[i] == s) {
            Screen *below = app->stack[i - 1];
            if (below->cls->draw)
                below->cls->draw(app, below, v);
            return;
        }
    }
}

void app_invalidate(App *app) { app->dirty = true; }

void app_invalidate_rect(App *app, View *v, SDL_Rect r)
{
    (void)app;
    SDL_Rect whole = {0, 0, v->w, v->h};
    if (!SDL_IntersectRect(&r, &whole, &r))
        return;
    if (v->damage.w > 0 && v->damage.h > 0)
        SDL_UnionRect(&v->damage, &r, &v->damage);
    else
        v->damage = r;
}

bool view_touches(const View *v, SDL_Rect r) { return SDL_HasIntersection(&v->clip, &r); }

void view_set_clip(View *v, const SDL_Rect *r)
{
    SDL_Rect whole = {0, 0, v->w, v->h}, in = v->clip;
    bool part = !SDL_RectEquals(&v->clip, &whole) && v->clip.w > 0;
    if (r && !SDL_IntersectRect(r, part ? &v->clip : &whole, &in))
        in = (SDL_Rect){r->x, r->y, 0, 0}; /* nothing of it in this frame */
    SDL_RenderSetClipRect(v->renderer, r || part ? &in : NULL);
}

void app_wake_at(App *app, uint64_t at_ms)
{
    if (!app->wake_at || at_ms < app->wake_at)
        app->wake_at = at_ms;
}

bool app_data_due(App *app, uint64_t *seen, uint64_t *next_poll)
{
    bool due = app->now >= *next_poll || app->data_changes != *seen;
    if (due) {
        *seen = app->data_changes;
        *next_poll = app->now + (app->data_watched ? APP_WATCHED_POLL_MS : APP_POLL_MS);
    }
    app_wake_at(app, *next_poll);
    return due;
}

void app_animation_begin(App *app)
{
    app->animating++;
    app->dirty = true;
}

void app_animation_end(App *app)
{
    if (app->animating > 0)
        app->animating--;
    app->dirty = true;
}

void app_targets_changed(App *app)
{
    app->targets_valid = false;
    app->dirty = true;
}

bool app_focus_active(const App *app) { return app->focus_visible && app->focus_id >= 0; }

void app_set_alert(App *app, const char *text)
{
    const char *t = text ? text : "";
    if (strcmp(app->alert, t) != 0) {
        snprintf(app->alert, sizeof app->alert, "%s", t);
        app_targets_changed(app); /* screens lay out around the banner */
    }
}

/* --- targets, focus and input ------------------------------------------------- */

static void refresh_targets(App *app)
{
    if (app->targets_valid)
        return;
    Screen *s = app_top(app);
    app->ntargets = 0;
    if (s && s->cls->targets)
        app->ntargets = s->cls->targets(app, s, app_main_view(app), app->targets, APP_MAX_TARGETS);
    app->targets_valid = true;
    /* keep focus only on a target that still exists */
    bool found = false;
    for (int i = 0; i < app->ntargets; i++)
        if (app->targets[i].id == app->focus_id && !app->targets[i].disabled)
            found = true;
    if (!found)
        app->focus_id = -1;
}

static int target_at(App *app, int x, int y)
{
    refresh_targets(app);
    SDL_Point p = {x, y};
    /* Later targets are drawn on top (dialogs), so search from the end. */
    for (int i = app->ntargets - 1; i >= 0; i--)
        if (!app->targets[i].disabled && SDL_PointInRect(&p, &app->targets[i].rect))
            return app->targets[i].id;
    return -1;
}

static void activate(App *app, int id)
{
    Screen *s = app_top(app);
    if (s && s->cls->activate && id >= 0) {
        app->dirty = true;
        s->cls->activate(app, s, id);
    }
}

/* Moves the focus through the targets: Tab and Shift+Tab in reading order,
 * arrows to the nearest target in that direction. */
static void move_focus(App *app, int dx, int dy, int step)
{
    refresh_targets(app);
    if (!app->ntargets)
        return;
    int cur = -1;
    for (int i = 0; i < app->ntargets; i++)
        if (app->targets[i].id == app->focus_id)
            cur = i;
    app->focus_visible = true;
    app->dirty = true;
    if (step != 0 || cur < 0) {
        int n = app->ntargets, dir = step < 0 ? -1 : 1;
        int i = cur >= 0 ? cur : (dir > 0 ? -1 : n);
        for (int k = 0; k < n; k++) {
            i = (i + dir + n) % n;
            if (!app->targets[i].disabled) {
                app->focus_id = app->targets[i].id;
                return;
            }
        }
        return;
    }
    SDL_Rect c = app->targets[cur].rect;
    float cx = c.x + c.w / 2.0f, cy = c.y + c.h / 2.0f;
    float best = 1e30f;
    int pick = -1;
    for (int i = 0; i < app->ntargets; i++) {
        if (i == cur || app->targets[i].disabled)
            continue;
        SDL_Rect t = app->targets[i].rect;
        float tx = t.x + t.w / 2.0f - cx, ty = t.y + t.h / 2.0f - cy;
        float along = tx * (float)dx + ty * (float)dy;
        if (along <= 1.0f)
            continue;
        float across = fabsf(tx * (float)dy) + fabsf(ty * (float)dx);
        float score = along + across * 2.0f;
        if (score < best) {
            best = score;
            pick = i;
        }
    }
    if (pick >= 0)
        app->focus_id = app->targets[pick].id;
}

static bool target_holds(App *app, int id)
{
    Screen *s = app_top(app);
    return id >= 0 && s && s->cls->hold && s->cls->hold(app, s, id);
}

/* A target goes down: a hold target starts counting (app_update activates
 * it once held long enough). */
static void press(App *app, int id, bool by_key)
{
    app->pressed_id = id;
    app->pressed_hold = id >= 0 && target_holds(app, id);
    app->pressed_at = app->now;
    app->pressed_by_key = by_key;
    if (app->pressed_hold)
        app_wake_at(app, app->now + 1);
    app->dirty = true;
}

static void pointer_down(App *app, int x, int y)
{
    press(app, target_at(app, x, y), false);
    app->focus_visible = false;
}

static void pointer_up(App *app, int x, int y)
{
    int id = app->pressed_id;
    bool hold = app->pressed_hold;
    app->pressed_id = -1;
    app->pressed_hold = false;
    app->dirty = true;
    /* a hold target let go early does nothing: the countdown was the
     * question, and it was not answered */
    if (id >= 0 && !hold && target_at(app, x, y) == id)
        activate(app, id);
    else if (hold && target_at(app, x, y) == id)
        app_toast(app, _("Hold the button down until it fills: it takes two seconds."), false,
                  3000);
}

float app_hold_progress(const App *app, int id)
{
    if (app->pressed_id != id || !app->pressed_hold || app->now < app->pressed_at)
        return 0.0f;
    float f = (float)(app->now - app->pressed_at) / (float)APP_HOLD_MS;
    return f > 1.0f ? 1.0f : f;
}

void app_toast(App *app, const char *text, bool good, uint64_t ms)
{
    snprintf(app->toast, sizeof app->toast, "%s", text ? text : "");
    app->toast_good = good;
    app->toast_until = app->toast[0] ? app->now + ms : 0;
    if (app->toast_until)
        app_wake_at(app, app->toast_until);
    app->dirty = true;
}

static bool on_main_view(App *app, Uint32 window_id)
{
    View *v = app_main_view(app);
    return !v->window || SDL_GetWindowID(v->window) == window_id;
}

void app_handle_event(App *app, const SDL_Event *ev)
{
    Screen *s = app_top(app);
    if (ev->type == SDL_WINDOWEVENT) {
        for (int i = 0; i < app->nviews; i++) {
            View *v = &app->views[i];
            if (!v->window || SDL_GetWindowID(v->window) != ev->window.windowID)
                continue;
            if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                int w, h;
                SDL_GetRendererOutputSize(v->renderer, &w, &h);
                app_view_resized(app, v, w, h);
            } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
                       ev->window.event == SDL_WINDOWEVENT_SHOWN ||
                       ev->window.event == SDL_WINDOWEVENT_RESTORED) {
                app->dirty = true;
            }
        }
        return;
    }
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
        app->last_input = app->now;
        break;
    default:
        break;
    }
    /* The door listens under every other screen: a scan checks in
     * whatever staff have open, and a person's typing is handed on. */
    Screen *bottom = app->depth ? app->stack[0] : NULL;
    if (bottom && bottom != s && bottom->cls->under_event &&
        bottom->cls->under_event(app, bottom, ev)) {
        app->dirty = true;
        return;
    }
    app_dispatch_event(app, ev);
}

void app_dispatch_event(App *app, const SDL_Event *ev)
{
    Screen *s = app_top(app);
    if (s && s->cls->event && s->cls->event(app, s, ev)) {
        app->dirty = true;
        return;
    }
    View *main = app_main_view(app);
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
        /* Touches arrive as finger events; SDL's copies as mouse are skipped. */
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT &&
            on_main_view(app, ev->button.windowID))
            pointer_down(app, ev->button.x, ev->button.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT &&
            on_main_view(app, ev->button.windowID))
            pointer_up(app, ev->button.x, ev->button.y);
        break;
    case SDL_FINGERDOWN:
        if (on_main_view(app, ev->tfinger.windowID) || !ev->tfinger.windowID)
            pointer_down(app, (int)(ev->tfinger.x * (float)main->w),
                         (int)(ev->tfinger.y * (float)main->h));
        break;
    case SDL_FINGERUP:
        if (on_main_view(app, ev->tfinger.windowID) || !ev->tfinger.windowID)
            pointer_up(app, (int)(ev->tfinger.x * (float)main->w),
                       (int)(ev->tfinger.y * (float)main->h));
        break;
    case SDL_KEYDOWN: {
        SDL_Keycode k = ev->key.keysym.sym;
        bool shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
        if (k == SDLK_TAB)
            move_focus(app, 0, 0, shift ? -1 : 1);
        else if (k == SDLK_LEFT)
            move_focus(app, -1, 0, 0);
        else if (k == SDLK_RIGHT)
            move_focus(app, 1, 0, 0);
        else if (k == SDLK_UP)
            move_focus(app, 0, -1, 0);
        else if (k == SDLK_DOWN)
            move_focus(app, 0, 1, 0);
        else if ((k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE) &&
                 app->focus_id >= 0 && app->focus_visible) {
            if (target_holds(app, app->focus_id)) {
                /* held like a finger: the key's repeats change nothing */
                if (!ev->key.repeat && app->pressed_id != app->focus_id)
                    press(app, app->focus_id, true);
            } else {
                activate(app, app->focus_id);
            }
        }
        break;
    }
    case SDL_KEYUP:
        if (app->pressed_by_key) {
            app->pressed_id = -1;
            app->pressed_hold = false;
            app->pressed_by_key = false;
            app->dirty = true;
        }
        break;
    default:
        break;
    }
}

void app_update(App *app)
{
    uint64_t wake = app->wake_at;
    if (wake && wake <= app->now)
        app->wake_at = 0;
    /* An anonymous answer committed while another connection read the
     * file (an export, the publisher, a copy) leaves its WAL, frames in
     * the order people answered, until it can be emptied: try each
     * APP_SCRUB_RETRY_MS until it is, not only at the next write, which
     * after the day's last person may not come before morning (store.h,
     * store_scrub). */
    if (app->store && store_scrub_pending(app->store)) {
        if (app->now >= app->scrub_at) {
            store_scrub(app->store);
            app->scrub_at = app->now + APP_SCRUB_RETRY_MS;
        }
        if (store_scrub_pending(app->store))
            app_wake_at(app, app->scrub_at);
    }
    if (app->pressed_id >= 0 && app->pressed_hold) {
        if (app->now >= app->pressed_at + APP_HOLD_MS) {
            int id = app->pressed_id;
            app->pressed_id = -1;
            app->pressed_hold = false;
            app->pressed_by_key = false;
            activate(app, id);
        } else {
            /* the countdown fills: a frame every 50 ms is smooth enough */
            app_wake_at(app, app->now + 50);
            app->dirty = true;
        }
    }
    if (app->toast_until) {
        if (app->now >= app->toast_until) {
            app->toast_until = 0;
            app->toast[0] = '\0';
            app->dirty = true;
        } else {
            app_wake_at(app, app->toast_until);
        }
    }
    /* Covered screens keep their timers (a check-out notice, a round's
     * undo window); the top screen updates last so it can react. */
    for (int i = 0; i < app->depth; i++) {
        Screen *s = app->stack[i];
        if (s->cls->update)
            s->cls->update(app, s);
    }
}

/* The alert's text style and band: its icon, then the text wrapped in
 * the rest of a band along the bottom of the view. */
static SDL_Rect alert_band(App *app, const View *v, TextStyle *st, int *icon)
{
    int pad = ui_pad(app, v);
    *st = type_style(app, v, TYPE_LABEL, app->theme.text_on_state, ALIGN_LEFT);
    *icon = (int)((float)st->px * 1.2f);
    st->wrap = v->w - pad * 5 - *icon;
    int tw, th;
    text_size(v->text, app->alert, st, &tw, &th);
    return (SDL_Rect){pad, v->h - th - pad * 3, v->w - pad * 2, th + pad * 2};
}

SDL_Rect app_alert_rect(App *app, const View *v)
{
    if (!app->alert[0] || v->role != VIEW_MAIN)
        return (SDL_Rect){0, 0, 0, 0};
    TextStyle st;
    int icon;
    return alert_band(app, v, &st, &icon);
}

/* A band drawn over the screen: what it covers is no longer on screen. */
static void cover(View *v, SDL_Rect band)
{
    if (text_cache_log(v->text))
        textlog_cover(text_cache_log(v->text), band);
}

static void draw_alert(App *app, View *v)
{
    if (!app->alert[0])
        return;
    int pad = ui_pad(app, v), icon;
    TextStyle st;
    SDL_Rect band = alert_band(app, v, &st, &icon);
    cover(v, band);
    if (!view_touches(v, band))
        return;
    draw_round_rect(v->renderer, band, v->unit * 1.5f, app->theme.attention);
    draw_icon_info(v->renderer, (SDL_Rect){band.x + pad, band.y + (band.h - icon) / 2, icon, icon},
                   st.color);
    text_draw(v->text, app->alert, &st, band.x + icon + pad * 2, band.y + pad);
}

/* Sends the frame just drawn (area of it changed) to the display. */
static void view_present(View *v, SDL_Rect area)
{
    switch (v->present) {
    case PRESENT_WINDOW:
        /* What SDL_RenderPresent does for this renderer, the changed
         * rectangle only: with MIT-SHM on X11 one XShmPutImage of it. */
        SDL_RenderFlush(v->renderer);
        if (SDL_UpdateWindowSurfaceRects(v->window, &area, 1) != 0)
            SDL_RenderPresent(v->renderer);
        break;
    case PRESENT_CANVAS:
        SDL_RenderSetClipRect(v->renderer, NULL);
        SDL_SetRenderTarget(v->renderer, NULL);
        SDL_RenderCopy(v->renderer, v->canvas, NULL, NULL);
        SDL_RenderPresent(v->renderer);
        break;
    default:
        SDL_RenderPresent(v->renderer);
        break;
    }
}

/* The door's outcome for someone who scanned while staff use the screen:
 * a band across the top, over whatever shows. */
static void draw_toast(App *app, View *v)
{
    if (!app->toast[0])
        return;
    int pad = ui_pad(app, v);
    TextStyle st = type_style(app, v, TYPE_LABEL, app->theme.text_on_state, ALIGN_LEFT);
    int icon = (int)((float)st.px * 1.4f);
    st.wrap = v->w - pad * 6 - icon;
    int tw, th;
    text_size(v->text, app->toast, &st, &tw, &th);
    int inner = th < icon ? icon : th;
    SDL_Rect band = {pad, pad, v->w - pad * 2, inner + pad * 2};
    cover(v, band);
    draw_round_rect(v->renderer, band, v->unit * 1.5f,
                    app->toast_good ? app->theme.ok : app->theme.attention);
    SDL_Rect ib = {band.x + pad, band.y + (band.h - icon) / 2, icon, icon};
    if (app->toast_good)
        draw_icon_check(v->renderer, ib, st.color);
    else
        draw_icon_info(v->renderer, ib, st.color);
    text_draw(v->text, app->toast, &st, band.x + icon + pad * 2, band.y + (band.h - th) / 2);
}

/* Someone asked for a staff member: a small raised hand at the top of the
 * screen, in the calm info colour, no words and no motion, so staff who
 * know it see it and the room does not read it as an alarm. The console
 * says who and when. */
static void draw_help_sign(App *app, View *v)
{
    Screen *top = app_top(app);
    if (app->help_waiting <= 0 || (top && top->cls->shows_help))
        return;
    int d = (int)(v->unit * 5.0f);
    SDL_Rect b = {v->w / 2 - d / 2, (int)(v->unit * 0.6f), d, d};
    draw_circle(v->renderer, (float)b.x + (float)d / 2, (float)b.y + (float)d / 2, (float)d / 2,
                theme_mix(app->theme.bg, app->theme.info, 0.55f));
    draw_icon_wave(v->renderer, rect_inset(b, d / 5), app->theme.text);
}

bool app_draw(App *app)
{
    bool whole = app->dirty, any = whole;
    for (int i = 0; i < app->nviews; i++)
        any = any || app->views[i].damage.w > 0;
    if (!any)
        return false;
    app->dirty = false;
    refresh_targets(app);
    for (int i = 0; i < app->nviews; i++) {
        View *v = &app->views[i];
        SDL_Rect area = {0, 0, v->w, v->h};
        bool part = !whole && v->present != PRESENT_WHOLE;
        if (part && v->damage.w <= 0)
            continue; /* nothing changed here */
        /* A language chosen at the door is that person's: the room's
         * screen keeps the kiosk's own. */
        char lang[8];
        snprintf(lang, sizeof lang, "%s", i18n_lang());
        bool own = v->role == VIEW_ROOM && strcmp(lang, app->settings.lang) != 0;
        if (own)
            i18n_set_lang(app->settings.lang);
        if (part)
            area = v->damage;
        v->damage = (SDL_Rect){0, 0, 0, 0};
        v->clip = area;
        if (v->present == PRESENT_CANVAS && SDL_SetRenderTarget(v->renderer, v->canvas) != 0) {
            /* the texture is gone (a lost device): draw without it */
            SDL_DestroyTexture(v->canvas);
            v->canvas = NULL;
            v->present = PRESENT_WHOLE;
            area = v->clip = (SDL_Rect){0, 0, v->w, v->h};
            part = false;
        }
        TextLog *tl = text_cache_log(v->text);
        if (tl && part)
            textlog_begin(tl, area);
        else if (tl)
            textlog_clear(tl);
        if (part) {
            SDL_RenderSetClipRect(v->renderer, &area);
            draw_rect(v->renderer, area, app->theme.bg);
        } else {
            draw_clear(v->renderer, app->theme.bg);
        }
        Screen *s = app_top(app);
        text_cache_set_screen_log(v->text, NULL);
        if (s && s->cls->draw)
            s->cls->draw(app, s, v);
        draw_help_sign(app, v);
        if (v->role == VIEW_MAIN) {
            draw_alert(app, v);
            draw_toast(app, v);
        }
        if (part)
            SDL_RenderSetClipRect(v->renderer, NULL);
        view_present(v, area);
        if (own)
            i18n_set_lang(lang);
    }
    return true;
}
