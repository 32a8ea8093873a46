#include "harness.h"

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "store/store_internal.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const HxSize hx_sizes[] = {
    {800, 480, "800x480"},
    {1280, 800, "1280x800"},
    {1920, 1080, "1920x1080"},
    {800, 1280, "800x1280"},
};
const int hx_nsizes = 4;

#define FRAME_MS 16

static void make_target(Harness *hx, int w, int h)
{
    View *v = &hx->app.views[0];
    if (v->renderer)
        SDL_DestroyRenderer(v->renderer);
    if (hx->window) {
        /* the kiosk's way: SDL's software renderer on a window's surface */
        SDL_SetWindowSize(hx->window, w, h);
        v->renderer = SDL_CreateRenderer(hx->window, -1, SDL_RENDERER_SOFTWARE);
        assert_non_null(v->renderer);
        hx->surface = SDL_GetWindowSurface(hx->window);
        assert_non_null(hx->surface);
        v->window = hx->window;
        v->surface = NULL;
    } else {
        if (hx->surface)
            SDL_FreeSurface(hx->surface);
        hx->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(hx->surface);
        v->renderer = SDL_CreateSoftwareRenderer(hx->surface);
        assert_non_null(v->renderer);
        v->surface = hx->surface;
    }
    v->w = w;
    v->h = h;
}

/* first: the screen a kiosk without a store starts on (recovery or
 * nospace, with why), or NULL for the door over an open store. */
static Harness *hx_make(int w, int h, const char *db_path,
                        Screen *(*first)(App *, const char *, const char *), const char *why,
                        bool window)
{
    static int n;
    Harness *hx = calloc(1, sizeof *hx);
    assert_non_null(hx);
    if (!SDL_WasInit(SDL_INIT_VIDEO))
        assert_int_equal(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS), 0);
    if (window) {
        hx->window = SDL_CreateWindow("Hearth", 0, 0, w, h, SDL_WINDOW_HIDDEN);
        assert_non_null(hx->window);
    }
    char err[1024];
    assert_true(paths_resolve(&hx->paths, NULL, err, sizeof err));
    /* Tests draw with the system's fonts (installed by the test command), so
     * a clinic's fonts/ folder never changes their pixels. */
    hx->paths.fonts[0] = '\0';
    i18n_init(hx->paths.locale, "en");

    if (db_path) {
        snprintf(hx->db_path, sizeof hx->db_path, "%s", db_path);
    } else {
        char name[64];
        snprintf(name, sizeof name, "ui-%d/hearth.db", ++n);
        snprintf(hx->db_path, sizeof hx->db_path, "%s", tk_path(name));
    }
    StoreResult r;
    if (!first) {
        hx->app.store = store_open(hx->db_path, NULL, &r, err, sizeof err);
        if (!hx->app.store)
            fail_msg("store_open: %s", err);
    }
    hx->app.paths = &hx->paths;
    settings_defaults(&hx->app.settings);
    hx->app.settings.mute = true;
    hx->app.now = 1000000;
    hx->app.wall = HX_WALL_START;
    hx->app.nviews = 1;
    hx->app.views[0].role = VIEW_MAIN;
    make_target(hx, w, h);
    if (!app_init(&hx->app, err, sizeof err))
        fail_msg("app_init: %s", err);
    if (first)
        app_push(&hx->app, first(&hx->app, hx->db_path, why));
    else
        app_push(&hx->app, door_screen_new(&hx->app));
    hx_frame(hx);
    return hx;
}

Harness *hx_new(int w, int h, const char *db_path)
{
    return hx_make(w, h, db_path, NULL, NULL, false);
}

Harness *hx_new_window(int w, int h)
{
    return hx_make(w, h, NULL, NULL, NULL, true);
}

Harness *hx_new_recovery(int w, int h, const char *db_path, const char *why)
{
    return hx_make(w, h, db_path, recovery_screen_new, why, false);
}

Harness *hx_new_nospace(int w, int h, const char *db_path, const char *why)
{
    return hx_make(w, h, db_path, nospace_screen_new, why, false);
}

void hx_add_room_view(Harness *hx, int w, int h)
{
    View *v = &hx->app.views[1];
    hx->room_surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(hx->room_surface);
    v->renderer = SDL_CreateSoftwareRenderer(hx->room_surface);
    assert_non_null(v->renderer);
    v->surface = hx->room_surface;
    v->role = VIEW_ROOM;
    v->text = text_cache_new(v->renderer, hx->app.fonts, 8u << 20);
    hx->app.nviews = 2;
    app_view_resized(&hx->app, v, w, h);
    hx_frame(hx);
}

const char *hx_screenshot_room(Harness *hx, const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", tk_output_dir(), name);
    hx->app.dirty = true;
    app_draw(&hx->app);
    if (IMG_SavePNG(hx->room_surface, path) != 0)
        fail_msg("cannot save %s: %s", path, IMG_GetError());
    return path;
}

void hx_free(Harness *hx)
{
    if (!hx)
        return;
    app_shutdown(&hx->app);
    if (hx->app.views[1].renderer)
        SDL_DestroyRenderer(hx->app.views[1].renderer);
    if (hx->room_surface)
        SDL_FreeSurface(hx->room_surface);
    if (hx->app.views[0].renderer)
        SDL_DestroyRenderer(hx->app.views[0].renderer);
    if (hx->window)
        SDL_DestroyWindow(hx->window); /* and its surface */
    else if (hx->surface)
        SDL_FreeSurface(hx->surface);
    store_close(hx->app.store);
    free(hx);
}

void hx_resize(Harness *hx, int w, int h)
{
    View *v = &hx->app.views[0];
    text_cache_free(v->text);
    v->text = NULL;
    make_target(hx, w, h);
    v->text = text_cache_new(v->renderer, hx->app.fonts, 8u << 20);
    app_view_resized(&hx->app, v, w, h);
    hx_frame(hx);
}

void hx_frame(Harness *hx)
{
    app_update(&hx->app);
    if (app_draw(&hx->app))
        hx->frames++;
}

/* The screens update every frame of the virtual clock but draw once at the
 * end of each advance (and after each event): the same drawing code, and
 * what a test looks at is drawn, without the thousand frames of an
 * animation nobody looks at. HEARTH_HX_SPARSE_DRAW=0 draws every frame,
 * as the kiosk does while something moves. */
static bool sparse_draw(void)
{
    static int sparse = -1;
    if (sparse < 0) {
        const char *e = getenv("HEARTH_HX_SPARSE_DRAW");
        sparse = !(e && !strcmp(e, "0"));
    }
    return sparse;
}

void hx_advance(Harness *hx, uint64_t ms)
{
    while (ms > 0) {
        uint64_t step = ms < FRAME_MS ? ms : FRAME_MS;
        hx->app.now += step;
        hx->app.wall += (int64_t)step;
        ms -= step;
        if (sparse_draw() && ms > 0)
            app_update(&hx->app);
        else
            hx_frame(hx);
    }
}

void hx_event(Harness *hx, const SDL_Event *ev)
{
    app_handle_event(&hx->app, ev);
    hx_frame(hx);
}

void hx_tap(Harness *hx, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    hx_event(hx, &ev);
    hx_advance(hx, 80);
    ev.type = SDL_MOUSEBUTTONUP;
    hx_event(hx, &ev);
}

void hx_touch(Harness *hx, int x, int y)
{
    View *v = &hx->app.views[0];
    SDL_Event ev = {0};
    ev.type = SDL_FINGERDOWN;
    ev.tfinger.x = ((float)x + 0.5f) / (float)v->w;
    ev.tfinger.y = ((float)y + 0.5f) / (float)v->h;
    hx_event(hx, &ev);
    hx_advance(hx, 80);
    ev.type = SDL_FINGERUP;
    hx_event(hx, &ev);
}

const TextLog *hx_drawn(Harness *hx, bool contrast)
{
    static TextLog drawn;
    View *v = &hx->app.views[0];
    textlog_clear(&drawn);
    drawn.measure = contrast;
    text_cache_set_log(v->text, &drawn);
    hx->app.dirty = true;
    app_draw(&hx->app);
    text_cache_set_log(v->text, NULL);
    return &drawn;
}

bool hx_target(Harness *hx, int id, SDL_Rect *out)
{
    Screen *s = app_top(&hx->app);
    if (!s || !s->cls->targets)
        return false;
    Target t[APP_MAX_TARGETS];
    int n = s->cls->targets(&hx->app, s, &hx->app.views[0], t, APP_MAX_TARGETS);
    for (int i = 0; i < n; i++) {
        if (t[i].id == id && !t[i].disabled) {
            if (out)
                *out = t[i].rect;
            return true;
        }
    }
    return false;
}

bool hx_tap_target(Harness *hx, int id)
{
    SDL_Rect r;
    if (!hx_target(hx, id, &r))
        return false;
    hx_tap(hx, r.x + r.w / 2, r.y + r.h / 2);
    return true;
}

bool hx_hold_target(Harness *hx, int id, uint64_t ms)
{
    SDL_Rect r;
    if (!hx_target(hx, id, &r))
        return false;
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = r.x + r.w / 2;
    ev.button.y = r.y + r.h / 2;
    hx_event(hx, &ev);
    hx_advance(hx, ms);
    ev.type = SDL_MOUSEBUTTONUP;
    hx_event(hx, &ev);
    hx_frame(hx);
    return true;
}

void hx_key_mod(Harness *hx, SDL_Keycode key, SDL_Keymod mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = key;
    ev.key.keysym.mod = (Uint16)mod;
    ev.key.timestamp = (Uint32)hx->app.now;
    hx_event(hx, &ev);
    ev.type = SDL_KEYUP;
    hx_event(hx, &ev);
}

void hx_key(Harness *hx, SDL_Keycode key) { hx_key_mod(hx, key, KMOD_NONE); }

void hx_type(Harness *hx, const char *text, int ms_per_key)
{
    for (const char *c = text; *c; c++) {
        SDL_Event ev = {0};
        if (*c == '\n' || *c == '\r' || *c == '\t') {
            hx_key(hx, *c == '\t' ? SDLK_TAB : SDLK_RETURN);
        } else {
            ev.type = SDL_KEYDOWN;
            ev.key.keysym.sym = (SDL_Keycode)(unsigned char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
            ev.key.timestamp = (Uint32)hx->app.now;
            app_handle_event(&hx->app, &ev);
            SDL_Event te = {0};
            te.type = SDL_TEXTINPUT;
            te.text.timestamp = (Uint32)hx->app.now;
            te.text.text[0] = *c;
            app_handle_event(&hx->app, &te);
        }
        hx_advance(hx, (uint64_t)(ms_per_key > 0 ? ms_per_key : 1));
    }
}

const char *hx_top(Harness *hx)
{
    Screen *s = app_top(&hx->app);
    return s ? s->cls->name : "";
}

SDL_Color hx_pixel(Harness *hx, int x, int y)
{
    SDL_Color c = {0, 0, 0, 255};
    SDL_Surface *s = hx->surface;
    if (x < 0 || y < 0 || x >= s->w || y >= s->h)
        return c;
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
    SDL_GetRGB(p, s->format, &c.r, &c.g, &c.b);
    return c;
}

double hx_share(Harness *hx, SDL_Rect r, SDL_Color c, int tol)
{
    long hit = 0, all = 0;
    for (int y = r.y; y < r.y + r.h; y++) {
        for (int x = r.x; x < r.x + r.w; x++) {
            SDL_Color p = hx_pixel(hx, x, y);
            all++;
            if (abs(p.r - c.r) <= tol && abs(p.g - c.g) <= tol && abs(p.b - c.b) <= tol)
                hit++;
        }
    }
    return all ? (double)hit / (double)all : 0;
}

const char *hx_screenshot(Harness *hx, const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", tk_output_dir(), name);
    /* make sure what is saved is what the app last drew */
    hx->app.dirty = true;
    app_draw(&hx->app);
    if (IMG_SavePNG(hx->surface, path) != 0)
        fail_msg("cannot save %s: %s", path, IMG_GetError());
    return path;
}

int hx_count(Harness *hx, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(hx->app.store->db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("bad test query %s: %s", sql, sqlite3_errmsg(hx->app.store->db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

void hx_make_exercise(Exercise *ex, const char *id, const char *title, const Step *steps,
                      int nsteps)
{
    memset(ex, 0, sizeof *ex);
    snprintf(ex->id, sizeof ex->id, "%s", id);
    ex->title = (Text){{title, title}};
    ex->summary = (Text){{"", ""}};
    ex->steps = steps;
    ex->nsteps = nsteps;
    for (int i = 0; i < nsteps; i++)
        ex->total_seconds += steps[i].seconds;
}

const Exercise *hx_exercise_478(void)
{
    static Step steps[1];
    static Exercise ex;
    if (!ex.nsteps) {
        steps[0] = (Step){STEP_BREATHE, 95,
                          {{"Breathe in for four, hold for seven, out for eight.",
                            "Inhala en cuatro, pausa en siete, exhala en ocho."}},
                          {{"", ""}}, {4, 7, 8, 0}, false};
        hx_make_exercise(&ex, "four-seven-eight", "4-7-8", steps, 1);
    }
    return &ex;
}

void hx_open_session(Harness *hx)
{
    SessionInfo sess;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START,
                                        &sess),
                     STORE_OK);
}

void hx_issue_pass(Harness *hx, char payload[PASS_PAYLOAD_SIZE])
{
    char code[PASS_CODE_SIZE];
    PassInfo info;
    assert_int_equal(checkin_issue_pass(hx->app.store, HX_WALL_START, payload, code, &info),
                     STORE_OK);
}

void hx_check_targets(Harness *hx, const char *where)
{
    Screen *s = app_top(&hx->app);
    View *v = &hx->app.views[0];
    Target t[APP_MAX_TARGETS];
    int n = s && s->cls->targets ? s->cls->targets(&hx->app, s, v, t, APP_MAX_TARGETS) : 0;
    int min = widget_min_touch(v);
    for (int i = 0; i < n; i++) {
        SDL_Rect r = t[i].rect;
        if (r.w == 0 && r.h == 0)
            continue; /* hidden: does not fit */
        if (r.x < 0 || r.y < 0 || r.x + r.w > v->w || r.y + r.h > v->h)
            fail_msg("%s: target %d (%d,%d %dx%d) leaves the %dx%d view", where, t[i].id, r.x,
                     r.y, r.w, r.h, v->w, v->h);
        if (r.w < min || r.h < min)
            fail_msg("%s: target %d is %dx%d px, under 9 mm (%d px at %.0f dpi)", where,
                     t[i].id, r.w, r.h, min, (double)(v->px_per_mm * 25.4f));
        for (int j = i + 1; j < n; j++) {
            SDL_Rect o;
            if (t[j].rect.w && SDL_IntersectRect(&r, &t[j].rect, &o))
                fail_msg("%s: targets %d and %d overlap", where, t[i].id, t[j].id);
        }
    }
}
