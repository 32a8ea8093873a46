/* The real kiosk: windows on real displays and the event-driven loop. */
#include "ui/kiosk.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/catalog.h"
#include "store/store_rating.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "svc/maintenance.h"
#include "ui/app.h"
#include "ui/chime.h"
#include "ui/screens.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HEARTH_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

/* The loop wakes at least this often even when idle: for the service
 * watchdog and so SDL keeps the X screen saver from starting. */
#define IDLE_WAKE_MS 10000
/* How often the loop asks whether the daily backup or purge is due. */
#define MAINTENANCE_CHECK_MS 3600000

bool kiosk_parse_size(const char *text, int *w, int *h)
{
    int a, b, n = 0;
    if (sscanf(text, "%dx%d%n", &a, &b, &n) != 2 || text[n] != '\0')
        return false;
    if (a < 200 || b < 200 || a > 10000 || b > 10000)
        return false;
    *w = a;
    *h = b;
    return true;
}

static float display_px_per_mm(int display)
{
    float ddpi = 0, hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) != 0 || hdpi < 50 || hdpi > 800)
        hdpi = 96.0f; /* X servers often say 96 whatever the screen; a safe floor */
    return hdpi / 25.4f;
}

static bool make_view(View *v, ViewRole role, int display, const KioskOptions *o, char *err,
                      size_t errlen)
{
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int x = (int)SDL_WINDOWPOS_CENTERED_DISPLAY(display), y = x, w = o->window_w,
        h = o->window_h;
    if (w <= 0) {
        /* Fullscreen on the current display, as a borderless window the size
         * of the display: this also fills a bare X server with no window
         * manager, and KMSDRM gives it the whole screen. */
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(display, &dm) != 0) {
            dm.w = 1280;
            dm.h = 800;
        }
        SDL_Rect bounds;
        if (SDL_GetDisplayBounds(display, &bounds) == 0) {
            x = bounds.x;
            y = bounds.y;
        }
        w = dm.w;
        h = dm.h;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    }
    v->role = role;
    v->window = SDL_CreateWindow("Hearth", x, y, w, h, flags);
    if (!v->window) {
        snprintf(err, errlen, "Cannot open a window: %s.", SDL_GetError());
        return false;
    }
    v->renderer = SDL_CreateRenderer(v->window, -1, SDL_RENDERER_ACCELERATED |
                                                        SDL_RENDERER_PRESENTVSYNC);
    if (!v->renderer)
        v->renderer = SDL_CreateRenderer(v->window, -1, SDL_RENDERER_SOFTWARE);
    if (!v->renderer) {
        snprintf(err, errlen, "Cannot draw in the window: %s.", SDL_GetError());
        return false;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(v->renderer, &info) == 0)
        log_debug("renderer: %s", info.name);
    SDL_GetRendererOutputSize(v->renderer, &v->w, &v->h);
    v->px_per_mm = display_px_per_mm(display);
    if (w > 0 && o->window_w <= 0)
        SDL_ShowCursor(SDL_DISABLE); /* a touch kiosk; the mouse still works */
    return true;
}

static int refresh_ms(SDL_Window *win)
{
    SDL_DisplayMode dm;
    int idx = SDL_GetWindowDisplayIndex(win);
    if (idx >= 0 && SDL_GetCurrentDisplayMode(idx, &dm) == 0 && dm.refresh_rate >= 24)
        return 1000 / dm.refresh_rate;
    return 16;
}

/* Asking to close the window needs the PIN, like leaving from the console. */
static void leave_after_pin(App *app, void *ctx)
{
    (void)ctx;
    store_audit(app->store, app->wall, "kiosk.leave", "window closed");
    app->quit = true;
}

/* Brings the kiosk's windows back to the front, fullscreen, with the
 * keyboard grabbed again. */
static void keep_in_front(App *app)
{
    for (int i = 0; i < app->nviews; i++) {
        SDL_Window *w = app->views[i].window;
        if (!w)
            continue;
        SDL_RestoreWindow(w);
        SDL_ShowWindow(w);
        SDL_RaiseWindow(w);
    }
    if (app->views[0].window)
        SDL_SetWindowKeyboardGrab(app->views[0].window, SDL_TRUE);
    app->dirty = true;
}

static void watchdog_setup(uint64_t *interval_ms)
{
    *interval_ms = 0;
#ifdef HEARTH_HAVE_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        *interval_ms = usec / 1000 / 2; /* notify at half the interval */
#endif
}

static void watchdog_ping(void)
{
#ifdef HEARTH_HAVE_SYSTEMD
    sd_notify(0, "WATCHDOG=1");
#endif
}

static void notify_ready(void)
{
#ifdef HEARTH_HAVE_SYSTEMD
    sd_notify(0, "READY=1");
#endif
}

/* SDL falls back to drawing nowhere (its offscreen driver) when it finds no
 * screen; a kiosk nobody can see is a failure, unless asked for by name. */
static bool real_display(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (!drv)
        return false;
    if (strcmp(drv, "offscreen") != 0 && strcmp(drv, "dummy") != 0)
        return true;
    if (asked && !strcmp(asked, drv))
        return true;
    SDL_ClearError();
    return false;
}

static bool needs_setup(Store *s)
{
    GateState st;
    char names[1][GROUP_NAME_MAX * 4 + 1];
    return gate_state(s, &st) == GATE_NOT_SET && store_group_list(s, names, 1) == 0;
}

/* After a crash or a power cut: the open session's exercise that never
 * ended comes back on its step, without anyone re-entering anything. */
static void resume_exercise(App *app)
{
    SessionInfo sess;
    RunInfo run;
    if (store_session_current(app->store, &sess) != STORE_OK ||
        store_run_unfinished(app->store, sess.id, &run) != STORE_OK || !app->catalog)
        return;
    const Exercise *ex = catalog_exercise(app->catalog, run.exercise);
    if (!ex) {
        /* the file went away meanwhile: close the run rather than hang on */
        store_run_end(app->store, run.id, false, run.steps_skipped, app->wall);
        return;
    }
    log_info("resuming %s at step %d after a restart", run.exercise, run.step + 1);
    Screen *s = player_screen_new(app, ex, false, run.step, run.id);
    player_screen_set_skipped(s, run.steps_skipped);
    app_push(app, s);
}

void kiosk_start_screens(App *app)
{
    app_push(app, door_screen_new(app));
    if (needs_setup(app->store))
        app_push(app, setup_screen_new(app));
    else
        resume_exercise(app);
}

/* The daily backup and the retention purge; trouble shows on screen. */
static void maintain(App *app)
{
    MaintenanceReport rep;
    maintenance_run(app->store, app->settings.retention_months, app->wall, &rep);
    if (rep.purge == STORE_OK)
        log_info("purged what closed before %s", rep.purged.cutoff);
    else if (rep.purge != STORE_NOT_FOUND)
        log_error("retention purge failed: %s", store_error(app->store));
    if (rep.backup == STORE_OK)
        log_info("backed up to %s", rep.backup_path);
    else if (rep.backup != STORE_NOT_FOUND)
        log_error("backup failed: %s", store_error(app->store));
    if (rep.backup == STORE_FULL || rep.purge == STORE_FULL)
        app_set_alert(app, _("The storage is full: the daily backup could not be made. Staff "
                             "must free space on this device."));
}

int kiosk_run(const KioskOptions *o)
{
    char err[1024];
    StoreResult sr;
    Store *store = store_open(o->db_path, NULL, &sr, err, sizeof err);
    if (!store && sr != STORE_CORRUPT) {
        fprintf(stderr, "hearth: %s\n", err);
        return 1;
    }
    if (!store) /* damaged or foreign: the recovery screen names it */
        fprintf(stderr, "hearth: %s\n", err);

    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || !real_display()) {
        fprintf(stderr,
                "hearth: No display was found (%s). Start Hearth from a desktop session or "
                "set DISPLAY; on a console without a desktop, run it with "
                "SDL_VIDEODRIVER=kmsdrm.\n",
                SDL_GetError()[0] ? SDL_GetError() : "no screen to draw on");
        SDL_Quit();
        store_close(store);
        return 1;
    }
    SDL_DisableScreenSaver();

    App app;
    memset(&app, 0, sizeof app);
    app.store = store;
    app.paths = o->paths;
    config_load(o->config_path, &app.settings, app.config_path, sizeof app.config_path);
    if (o->mute)
        app.settings.mute = true;
    if (!o->lang_forced)
        i18n_set_lang(app.settings.lang);
    app.kiosk_mode = o->window_w <= 0;
    app.now = clock_mono_ms();
    app.wall = clock_wall_ms();

    int status = 1;
    int displays = SDL_GetNumVideoDisplays();
    if (!make_view(&app.views[0], VIEW_MAIN, 0, o, err, sizeof err)) {
        fprintf(stderr, "hearth: %s\n", err);
        goto out;
    }
    app.nviews = 1;
    if (app.kiosk_mode && displays > 1 && strcmp(app.settings.display, "single") != 0) {
        /* A second display shows the room's view: exercises, no controls. */
        if (make_view(&app.views[1], VIEW_ROOM, 1, o, err, sizeof err))
            app.nviews = 2;
        else
            log_warn("second display unused: %s", err);
    }
    if (app.kiosk_mode) {
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetWindowKeyboardGrab(app.views[0].window, SDL_TRUE);
    }
    if (!app_init(&app, err, sizeof err)) {
        fprintf(stderr, "hearth: %s\n", err);
        goto out;
    }
    if (!app.settings.mute)
        app.chime = chime_open();

    if (store)
        kiosk_start_screens(&app);
    else
        app_push(&app, recovery_screen_new(&app, o->db_path, err));
    uint64_t next_maintenance = 0; /* at start, after the first frame */

    uint64_t watchdog_ms;
    watchdog_setup(&watchdog_ms);
    uint64_t last_ping = 0;
    bool ready = false;
    int frame_ms = refresh_ms(app.views[0].window);
    uint64_t last_frame = 0;

    SDL_StartTextInput();
    while (!app.quit) {
        app.now = clock_mono_ms();
        app.wall = clock_wall_ms();
        int timeout;
        if (app.animating) {
            uint64_t next = last_frame + (uint64_t)frame_ms;
            timeout = next > app.now ? (int)(next - app.now) : 0;
        } else if (app.dirty) {
            timeout = 0;
        } else {
            uint64_t wake = app.now + IDLE_WAKE_MS;
            if (app.wake_at && app.wake_at < wake)
                wake = app.wake_at;
            if (watchdog_ms && last_ping + watchdog_ms < wake)
                wake = last_ping + watchdog_ms;
            timeout = wake > app.now ? (int)(wake - app.now) : 0;
        }
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            do {
                app.now = clock_mono_ms();
                app.wall = clock_wall_ms();
                if (ev.type == SDL_QUIT) {
                    app.quit = true; /* a signal (systemd stopping us) */
                } else if (ev.type == SDL_WINDOWEVENT &&
                           ev.window.event == SDL_WINDOWEVENT_CLOSE) {
                    /* no database, no PIN: a recovery without a backup
                     * is left by stopping the service */
                    if (app.store && !app_find(&app, &pin_screen_class))
                        app_push(&app, pin_screen_new(&app, _("Enter the facilitator PIN to "
                                                              "close Hearth."),
                                                      leave_after_pin, NULL));
                } else if (app.kiosk_mode && ev.type == SDL_WINDOWEVENT &&
                           (ev.window.event == SDL_WINDOWEVENT_MINIMIZED ||
                            ev.window.event == SDL_WINDOWEVENT_HIDDEN)) {
                    /* A window manager's Alt+Tab or a stray gesture hid the
                     * door: nothing else may show at a kiosk. */
                    keep_in_front(&app);
                } else {
                    app_handle_event(&app, &ev);
                }
            } while (!app.quit && SDL_PollEvent(&ev));
        }
        app.now = clock_mono_ms();
        app.wall = clock_wall_ms();
        app_update(&app);
        if (app_draw(&app)) {
            last_frame = app.now;
            if (!ready) {
                notify_ready();
                ready = true;
            }
        }
        if (ready && app.now >= next_maintenance && app_find(&app, &door_screen_class)) {
            maintain(&app);
            next_maintenance = app.now + MAINTENANCE_CHECK_MS;
        }
        if (watchdog_ms && app.now - last_ping >= watchdog_ms) {
            watchdog_ping();
            last_ping = app.now;
        }
    }
    status = app.exit_status;

out:
    app_shutdown(&app);
    chime_close(app.chime);
    for (int i = 0; i < 2; i++) {
        if (app.views[i].renderer)
            SDL_DestroyRenderer(app.views[i].renderer);
        if (app.views[i].window)
            SDL_DestroyWindow(app.views[i].window);
    }
    TTF_Quit();
    SDL_Quit();
    store_close(app.store); /* the one opened here, or the one a recovery opened */
    return status;
}
